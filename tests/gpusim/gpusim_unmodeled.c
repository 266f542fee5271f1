// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_unmodeled.c - the record of register writes gpusim does not model.
 *
 * A BAR0 write that no part of the model claims (falcons, PROM, interrupt
 * tree, sysmem flush, PRAMIN, SR-IOV, the identification and WPR2
 * registers) lands in the sparse register store: a later read returns the
 * value, and nothing else happens. Real hardware would do something, or
 * nothing, and gpusim cannot tell which; so every such write is recorded
 * here by register, with its last value and how many times it was
 * written, for a test to report (tests/unit/check_gpusim.c lists what
 * nvgsp writes; gpusim-vfu prints what a guest's driver wrote when it
 * exits, which tests/system/foreign shows for nouveau). Writes the model
 * makes itself (gs_store_wr() from the falcon models and the RM model's
 * sequencer) are not the driver's and are not recorded.
 *
 * At most GS_UNMODELED_MAX registers are kept (a guest controls the
 * addresses); writes to further ones are only counted.
 *
 * The RM model's side of the same question: an RM control the model does
 * not serve (it answers NOT_SUPPORTED, where real GSP-RM might serve it)
 * and an RM_ALLOC of a class the release's ABI table does not name (it
 * answers INVALID_CLASS) are recorded by number with a count
 * (gpusim_unserved_rm()), at most GS_UNSERVED_MAX numbers.
 */
#include <stdlib.h>
#include <string.h>

#include "gpusim_internal.h"
#include "gpusim_rm.h"

#define GS_UNMODELED_MAX	4096u
#define GS_UNSERVED_MAX		64u

/**
 * struct gs_unmodeled - the record.
 * @regs: open-addressed table of GS_UNMODELED_MAX * 2 slots (offset
 *        GS_REG_EMPTY: free).
 * @used: registers recorded.
 * @dropped: writes to registers past GS_UNMODELED_MAX.
 */
struct gs_unmodeled {
	struct gpusim_unmodeled regs[GS_UNMODELED_MAX * 2];
	u32 used;
	u64 dropped;
	struct gpusim_unserved rm[GS_UNSERVED_MAX];
	u32 rm_used;
};

static struct gs_unmodeled *gs_unmodeled_get(struct gpusim *sim)
{
	struct gs_unmodeled *u = sim->unmodeled;
	u32 i;

	if (u)
		return u;
	u = calloc(1, sizeof(*u));
	if (!u)
		return NULL;
	for (i = 0; i < GS_UNMODELED_MAX * 2; i++)
		u->regs[i].offset = GS_REG_EMPTY;
	sim->unmodeled = u;
	return u;
}

void gpusim_hw_unserved(struct gpusim *sim, bool alloc, u32 number)
{
	struct gs_unmodeled *u = gs_unmodeled_get(sim);
	u32 i;

	if (!u)
		return;
	for (i = 0; i < u->rm_used; i++) {
		if (u->rm[i].alloc == alloc && u->rm[i].number == number) {
			u->rm[i].count++;
			return;
		}
	}
	if (u->rm_used < GS_UNSERVED_MAX)
		u->rm[u->rm_used++] = (struct gpusim_unserved){
			.alloc = alloc, .number = number, .count = 1,
		};
}

u32 gpusim_unserved_rm(const struct gpusim *sim, struct gpusim_unserved *out, u32 max)
{
	const struct gs_unmodeled *u = sim->unmodeled;
	u32 i;

	if (!u)
		return 0;
	for (i = 0; i < u->rm_used && i < max; i++)
		out[i] = u->rm[i];
	return u->rm_used;
}

void gs_unmodeled_note(struct gpusim *sim, u32 offset, u32 value)
{
	struct gs_unmodeled *u = gs_unmodeled_get(sim);
	u32 cap = GS_UNMODELED_MAX * 2, i;

	if (!u)
		return;
	i = ((offset >> 2) * 2654435761u) & (cap - 1);
	while (u->regs[i].offset != GS_REG_EMPTY) {
		if (u->regs[i].offset == offset) {
			u->regs[i].last = value;
			u->regs[i].count++;
			return;
		}
		i = (i + 1) & (cap - 1);
	}
	if (u->used >= GS_UNMODELED_MAX) {
		u->dropped++;
		return;
	}
	u->regs[i].offset = offset;
	u->regs[i].last = value;
	u->regs[i].count = 1;
	u->used++;
}

void gs_unmodeled_fini(struct gpusim *sim)
{
	free(sim->unmodeled);
	sim->unmodeled = NULL;
}

static int gs_unmodeled_cmp(const void *a, const void *b)
{
	const struct gpusim_unmodeled *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

u32 gpusim_unmodeled_writes(const struct gpusim *sim, struct gpusim_unmodeled *out, u32 max,
			    u64 *dropped)
{
	const struct gs_unmodeled *u = sim->unmodeled;
	u32 i, n = 0;

	if (dropped)
		*dropped = u ? u->dropped : 0;
	if (!u)
		return 0;
	for (i = 0; i < GS_UNMODELED_MAX * 2 && n < max; i++)
		if (u->regs[i].offset != GS_REG_EMPTY)
			out[n++] = u->regs[i];
	if (n)
		qsort(out, n, sizeof(*out), gs_unmodeled_cmp);
	return u->used;
}
