// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_flush.c - the sysmem-flush address registers, per family: which
 * exist, which bits they keep, and the page they point at.
 *
 * Layouts (Documentation/hardware.rst, "Frame buffer and boot status"):
 * TU10x/TU11x: NV_PFB_NISO_FLUSH_SYSMEM_ADDR (0x100c10) = addr[39:8], no
 * high register (nova-core fb/hal/tu102.rs). GA100..AD10x: the same plus
 * NV_PFB_NISO_FLUSH_SYSMEM_ADDR_HI (0x100c40) = addr[63:40] in bits 23:0
 * (nova-core fb/regs.rs, fb/hal/ga100.rs). GH100: NV_PFB_FBHUB_PCIE_FLUSH_
 * SYSMEM_ADDR_LO/HI (0x100a34/0x100a38), the raw address, HI keeping
 * addr[51:32] (NVIDIA dev_fb.h gh100, kern_mem_sys_gh100.c). GB10x: HSHUB0
 * 0x870e50/54 and its EG pair 0x8706c0/c4; GB20x: FBHUB0 0x8a1d58/5c, both
 * like GH100 (nova-core fb/hal/{gb100,gb202}.rs). A write to the low
 * register arms the flush (nova-core writes the high one first), so that is
 * when the model checks that the page is live host memory.
 *
 * Driver errors it records: a write to another family's flush register, a
 * high-register value with bits the register does not hold (an address
 * beyond the family's reach), a programmed address that is not a live host
 * buffer (what a truncated address gives).
 */
#include <stdio.h>

#include "gpusim_internal.h"

enum gs_flush_enc { GS_FLUSH_SHIFT8, GS_FLUSH_RAW };

struct gs_flush_layout {
	const char *family;
	enum gs_flush_enc enc;
	u32 hi_keep;
	struct { u32 lo, hi; } pair[GS_FLUSH_PAIRS];
};

static const struct gs_flush_layout gs_flush_layouts[] = {
	{ "TU10x/TU11x", GS_FLUSH_SHIFT8, 0, { { 0x100c10, 0 } } },
	{ "GA100..AD10x", GS_FLUSH_SHIFT8, 0x00ffffff, { { 0x100c10, 0x100c40 } } },
	{ "GH100", GS_FLUSH_RAW, 0x000fffff, { { 0x100a34, 0x100a38 } } },
	{ "GB10x", GS_FLUSH_RAW, 0x000fffff, { { 0x870e50, 0x870e54 }, { 0x8706c0, 0x8706c4 } } },
	{ "GB20x", GS_FLUSH_RAW, 0x000fffff, { { 0x8a1d58, 0x8a1d5c } } },
};

static const struct gs_flush_layout *gs_flush_of(const struct gpusim *sim)
{
	u32 cs = sim->chip->chipset;

	if (sim->chip->family == NVGSP_FAMILY_TURING)
		return &gs_flush_layouts[0];
	if (cs >= 0x1b0)
		return &gs_flush_layouts[4];
	if (cs >= 0x1a0)
		return &gs_flush_layouts[3];
	if (sim->chip->family == NVGSP_FAMILY_HOPPER)
		return &gs_flush_layouts[2];
	return &gs_flush_layouts[1];
}

static bool gs_flush_in(const struct gs_flush_layout *fl, u32 offset, unsigned int *pair,
			bool *hi)
{
	unsigned int p;

	for (p = 0; p < GS_FLUSH_PAIRS; p++) {
		if (fl->pair[p].lo && offset == fl->pair[p].lo) {
			*pair = p;
			*hi = false;
			return true;
		}
		if (fl->pair[p].hi && offset == fl->pair[p].hi) {
			*pair = p;
			*hi = true;
			return true;
		}
	}
	return false;
}

/* Which layout has @offset (@mine first), as which pair and half; NULL if none. */
static const struct gs_flush_layout *gs_flush_find(const struct gs_flush_layout *mine,
						   u32 offset, unsigned int *pair, bool *hi)
{
	unsigned int l;

	if (gs_flush_in(mine, offset, pair, hi))
		return mine;
	for (l = 0; l < ARRAY_SIZE(gs_flush_layouts); l++)
		if (gs_flush_in(&gs_flush_layouts[l], offset, pair, hi))
			return &gs_flush_layouts[l];
	return NULL;
}

static u64 gs_flush_decode(const struct gs_flush_layout *fl, u32 lo, u32 hi)
{
	if (fl->enc == GS_FLUSH_SHIFT8)
		return (u64)lo << 8 | (u64)hi << 40;
	return (u64)hi << 32 | (lo & ~0xffu);
}

u64 gs_flush_addr(const struct gpusim *sim, unsigned int pair)
{
	return gs_flush_decode(gs_flush_of(sim), sim->flush_lo[pair], sim->flush_hi[pair]);
}

bool gs_flush_rd(const struct gpusim *sim, u32 offset, u32 *val)
{
	const struct gs_flush_layout *fl, *mine = gs_flush_of(sim);
	unsigned int p;
	bool hi;

	fl = gs_flush_find(mine, offset, &p, &hi);
	if (!fl || fl != mine)
		return false;
	*val = hi ? sim->flush_hi[p] : sim->flush_lo[p];
	return true;
}

bool gs_flush_wr(struct gpusim *sim, u32 offset, u32 value)
{
	const struct gs_flush_layout *fl, *mine = gs_flush_of(sim);
	unsigned int p;
	bool hi;
	u64 addr;

	fl = gs_flush_find(mine, offset, &p, &hi);
	if (!fl)
		return false;
	if (fl != mine) {
		gpusim_hw_fail(sim, "sysmem flush register 0x%06x written with 0x%08x on %s: it is %s's, %s's is 0x%06x",
			       offset, value, sim->chip_name, fl->family, mine->family,
			       mine->pair[0].lo);
		return true;
	}
	if (hi) {
		if (value & ~mine->hi_keep)
			gpusim_hw_fail(sim, "sysmem flush register 0x%06x written with 0x%08x on %s: it holds bits 0x%08x, the address is beyond its reach",
				       offset, value, sim->chip_name, mine->hi_keep);
		sim->flush_hi[p] = value & mine->hi_keep;
		return true;
	}
	sim->flush_lo[p] = value;
	addr = gs_flush_addr(sim, p);
	/* gpusim_hw_dma() records a page that is not live host memory. */
	if (addr)
		gpusim_hw_dma(sim, addr, 256, "sysmem flush page");
	return true;
}
