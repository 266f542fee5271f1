// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gsp_intr.c - the GSP's interrupt routed through the CPU interrupt
 * tree (src/gsp/nvgsp_gsp_intr.c and its use in src/gsp/nvgsp_gsp.c).
 *
 * "parse": GSP-RM's interrupt table as wire bytes built with the release's
 * codecs, every check nvgsp_gsp_intr_parse() makes, for both releases.
 * "routed": the real firmware booted on gpusim; the vector GSP-RM names
 * (asked again here, on its internal subdevice) must be enabled with its
 * subtree, an RPC reply must raise it (the model's interrupt callback),
 * nvgsp_gsp_irq() must claim and clear it and refuse an interrupt that is
 * not pending (or a device that is gone); shutdown disables the vector and
 * leaves the subtree alone; the service order (vector, SWGEN0, drain) is
 * checked with messages placed at exact points of it through a BAR hook.
 * "polled": RPCs complete with nobody servicing the interrupt.
 * "faults": an interrupt table without the GSP, or with a vector outside the
 * tree, fails the boot at "interrupt table" with one line, a complete
 * teardown and no leak.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "gpusim.h"
#include "gsp/nvgsp_gsp.h"
#include "gsp/nvgsp_gsp_tool.h"
#include "gsp/nvgsp_gsp_intr.h"
#include "transport/nvgsp_rpc.h"
#include "rm/nvgsp_rm.h"
#include "chip/nvgsp_chip.h"
#include "chip/regs/nvgsp_regs_falcon.h"
#include "chip/regs/nvgsp_regs_vfn.h"
#include "fw/nvgsp_fw_select.h"

#define N(a) (int)(ARRAY_SIZE(a))
#define R535 "535.113.01"
#define R570 "570.144"
#define PARAMS "NV2080_CTRL_INTERNAL_INTR_GET_KERNEL_TABLE_PARAMS"
#define VF(reg) (NV_VIRTUAL_FUNCTION_PRIV_BASE + (reg))

static const struct row {
	const char *chip;
	const char *release;
	bool fsp;
} rows[] = {
	{ "tu102", R535, false }, { "ga102", R535, false }, { "ad102", R535, false },
	{ "ga100", R570, false }, { "ga102", R570, false }, { "gh100", R570, true },
	{ "gb202", R570, true },
};

static const char *const releases[] = { R535, R570 };

/* --- parse: the table's checks on bytes built here --- */

struct table {
	const struct nvgsp_abi *abi;
	u8 *buf;
	size_t len;
	u32 head, stride;
	u64 gsp_idx, max;
};

static void table_init(struct table *t, const char *release)
{
	const struct nvgsp_abi_struct *st;

	t->abi = nvgsp_abi_find(release);
	ck_assert_ptr_nonnull(t->abi);
	st = nvgsp_abi_find_struct(t->abi, PARAMS);
	ck_assert_ptr_nonnull(st);
	t->len = st->size;
	t->buf = calloc(1, t->len);
	ck_assert_ptr_nonnull(t->buf);
	t->head = nvgsp_abi_codec_size(t->abi, NVGSP_ABI_CODEC_INTR_TABLE);
	t->stride = nvgsp_abi_codec_size(t->abi, NVGSP_ABI_CODEC_INTR_ENTRY);
	ck_assert_uint_gt(t->head, 0);
	ck_assert_uint_gt(t->stride, 0);
	ck_assert_int_eq(nvgsp_abi_param(t->abi, "intr.engine_idx.gsp", &t->gsp_idx), 0);
	ck_assert_int_eq(nvgsp_abi_param(t->abi, "intr.table_max", &t->max), 0);
	ck_assert_uint_le(t->head + t->max * t->stride, t->len);
}

static void table_len(struct table *t, u32 n)
{
	struct nvgsp_abi_intr_table h = { .table_len = n };

	ck_assert_int_ge(nvgsp_abi_encode_intr_table(t->abi, &h, t->buf, t->head), 0);
}

static void table_entry(struct table *t, u32 i, u32 engine_idx, u32 stall)
{
	struct nvgsp_abi_intr_entry e = { .engine_idx = engine_idx, .pmc_intr_mask = 0,
					  .vector_stall = stall, .vector_nonstall = 0xffffffffu };

	ck_assert_int_ge(nvgsp_abi_encode_intr_entry(t->abi, &e,
						     t->buf + t->head + (size_t)i * t->stride,
						     t->stride), 0);
}

static int table_parse(struct table *t, size_t len, u32 *vector, char *why, size_t why_len)
{
	why[0] = '\0';
	return nvgsp_gsp_intr_parse(t->abi, t->buf, len, vector, why, why_len);
}

START_TEST(parse_finds_gsp)
{
	struct table t;
	char why[NVGSP_GSP_INTR_WHY_LEN];
	u32 vector = 0;

	table_init(&t, releases[_i]);
	/* Engines before and after the GSP; the one-off neighbours of its index. */
	table_len(&t, 4);
	table_entry(&t, 0, (u32)t.gsp_idx - 1, 10);
	table_entry(&t, 1, (u32)t.gsp_idx + 1, 11);
	table_entry(&t, 2, (u32)t.gsp_idx, 255);
	table_entry(&t, 3, 0, 12);
	ck_assert_int_eq(table_parse(&t, t.len, &vector, why, sizeof(why)), 0);
	ck_assert_uint_eq(vector, 255);

	/* A full table, the GSP last. */
	table_len(&t, (u32)t.max);
	for (u32 i = 0; i < t.max; i++)
		table_entry(&t, i, i == t.max - 1 ? (u32)t.gsp_idx : 200 + i, i);
	ck_assert_int_eq(table_parse(&t, t.len, &vector, why, sizeof(why)), 0);
	ck_assert_uint_eq(vector, t.max - 1);
	free(t.buf);
}
END_TEST

START_TEST(parse_refuses)
{
	struct table t;
	char why[NVGSP_GSP_INTR_WHY_LEN], want[96];
	u32 vector = 7;

	table_init(&t, releases[_i]);

	/* more entries than the release's table holds */
	table_len(&t, (u32)t.max + 1);
	ck_assert_int_eq(table_parse(&t, t.len, &vector, why, sizeof(why)), -EPROTO);
	snprintf(want, sizeof(want), "tableLen %u exceeds intr.table_max %u", (u32)t.max + 1,
		 (u32)t.max);
	ck_assert_msg(strstr(why, want), "'%s' not in '%s'", want, why);

	/* within the maximum but past the bytes given */
	table_len(&t, 2);
	table_entry(&t, 0, 0, 1);
	table_entry(&t, 1, (u32)t.gsp_idx, 2);
	ck_assert_int_eq(table_parse(&t, t.head + t.stride, &vector, why, sizeof(why)), -EPROTO);
	ck_assert_msg(strstr(why, "tableLen 2 entries"), "%s", why);
	ck_assert_int_eq(table_parse(&t, t.head - 1, &vector, why, sizeof(why)), -EPROTO);
	ck_assert_msg(strstr(why, "shorter"), "%s", why);

	/* no GSP among the entries; an empty table */
	table_entry(&t, 1, (u32)t.gsp_idx + 1, 2);
	ck_assert_int_eq(table_parse(&t, t.len, &vector, why, sizeof(why)), -ENOENT);
	snprintf(want, sizeof(want), "engineIdx %u", (u32)t.gsp_idx);
	ck_assert_msg(strstr(why, want), "'%s' not in '%s'", want, why);
	table_len(&t, 0);
	ck_assert_int_eq(table_parse(&t, t.len, &vector, why, sizeof(why)), -ENOENT);

	/* the GSP's stall vector outside the tree's 256 */
	table_len(&t, 2);
	table_entry(&t, 1, (u32)t.gsp_idx, 256);
	ck_assert_int_eq(table_parse(&t, t.len, &vector, why, sizeof(why)), -EPROTO);
	ck_assert_msg(strstr(why, "vectorStall 256"), "%s", why);
	table_entry(&t, 1, (u32)t.gsp_idx, 0xffffffffu);
	ck_assert_int_eq(table_parse(&t, t.len, &vector, why, sizeof(why)), -EPROTO);
	ck_assert_msg(strstr(why, "vectorStall 4294967295"), "%s", why);

	ck_assert_uint_eq(vector, 7);	/* untouched on failure */
	free(t.buf);
}
END_TEST

/* The release's MC_ENGINE_IDX_GSP, not another's: 49 is NVLINK in 570.144. */
START_TEST(parse_release_engine_idx)
{
	struct table t535, t570;
	char why[NVGSP_GSP_INTR_WHY_LEN];
	u32 vector = 0;

	table_init(&t535, R535);
	table_init(&t570, R570);
	ck_assert_uint_ne(t535.gsp_idx, t570.gsp_idx);
	table_len(&t570, 2);
	table_entry(&t570, 0, (u32)t535.gsp_idx, 3);
	table_entry(&t570, 1, (u32)t570.gsp_idx, 4);
	ck_assert_int_eq(table_parse(&t570, t570.len, &vector, why, sizeof(why)), 0);
	ck_assert_uint_eq(vector, 4);
	table_len(&t570, 1);
	ck_assert_int_eq(table_parse(&t570, t570.len, &vector, why, sizeof(why)), -ENOENT);
	free(t535.buf);
	free(t570.buf);
}
END_TEST

/* --- the model --- */

struct env {
	struct unit_gsp g;
	unsigned int irqs;
	bool raise_after_clear;
	bool hold_doorbell;
	bool doorbell_held;
	bool ring_at_clear;
};

static void on_irq(void *ctx)
{
	struct env *e = ctx;

	e->irqs++;
}

/*
 * The driver's BAR0: gpusim's, with hooks that place a message at an exact
 * point of the interrupt service, to check its order.
 * @raise_after_clear: the GSP raises SWGEN0 right after the driver clears
 * it, as a message GSP-RM posts at that moment would; clearing the vector
 * after SWGEN0 would lose it.
 * @hold_doorbell: the command-queue doorbell is kept from GSP-RM (which
 * answers at the doorbell), until @ring_at_clear rings it just before the
 * driver's SWGEN0 clear: GSP-RM's reply lands while SWGEN0 is still raised
 * (no new edge), so only a drain after the clear finds it.
 */
static u32 bar_rd32(void *ctx, u32 offset)
{
	struct env *e = ctx;

	return gpusim_rd32(e->g.sim, offset);
}

static void bar_wr32(void *ctx, u32 offset, u32 value)
{
	struct env *e = ctx;
	bool swgen0_clear = offset == NV_PGSP_FALCON_BASE + NV_PFALCON_FALCON_IRQSCLR &&
			    (value & NV_PFALCON_FALCON_IRQSCLR_SWGEN0);

	if (e->hold_doorbell && offset == NV_PGSP_FALCON_BASE + NV_PFALCON_FALCON_QUEUE_HEAD(0)) {
		e->doorbell_held = true;
		return;
	}
	if (e->ring_at_clear && swgen0_clear) {
		e->ring_at_clear = false;
		e->hold_doorbell = false;
		gpusim_wr32(e->g.sim, NV_PGSP_FALCON_BASE + NV_PFALCON_FALCON_QUEUE_HEAD(0), 0);
	}
	gpusim_wr32(e->g.sim, offset, value);
	if (e->raise_after_clear && swgen0_clear) {
		e->raise_after_clear = false;
		gpusim_wr32(e->g.sim, NV_PGSP_FALCON_BASE + NV_PFALCON_FALCON_IRQSSET,
			    NV_PFALCON_FALCON_IRQSTAT_SWGEN0);
	}
}

static const struct nvgsp_os_bar_ops bar_ops = { .rd32 = bar_rd32, .wr32 = bar_wr32 };

static void env_init(struct env *e, const struct row *r)
{
	memset(e, 0, sizeof(*e));
	unit_gsp_init(&e->g, r->chip, r->release, &bar_ops, e);
	gpusim_set_irq_cb(e->g.sim, on_irq, e);
}

static void env_fini(struct env *e)
{
	unit_gsp_fini(&e->g);
}

static u32 vf_rd(struct env *e, u32 reg)
{
	return gpusim_rd32(e->g.sim, VF(reg));
}

/* The table GSP-RM gives, asked for here as the driver does; its GSP vector. */
static u32 model_vector(struct env *e, struct nvgsp_gsp *gsp)
{
	const struct nvgsp_abi_static_info *info = nvgsp_gsp_static_info(gsp);
	const struct nvgsp_abi *abi = e->g.set->abi;
	const struct nvgsp_abi_struct *st = nvgsp_abi_find_struct(abi, PARAMS);
	u32 head = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_INTR_TABLE);
	u32 stride = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_INTR_ENTRY);
	struct nvgsp_abi_intr_table t;
	struct nvgsp_abi_intr_entry en;
	u32 vector = 0xffffffffu;
	u64 gsp_idx;
	u8 *p;

	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(nvgsp_abi_param(abi, "intr.engine_idx.gsp", &gsp_idx), 0);
	p = calloc(1, st->size);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(nvgsp_rm_control(nvgsp_gsp_rm(gsp), info->h_internal_client,
					  info->h_internal_subdevice,
					  NVGSP_ABI_CTRL_NV2080_INTERNAL_INTR_GET_KERNEL_TABLE, p,
					  st->size), 0);
	ck_assert_int_ge(nvgsp_abi_decode_intr_table(abi, &t, p, st->size), 0);
	ck_assert_uint_le((u64)head + (u64)t.table_len * stride, st->size);
	for (u32 i = 0; i < t.table_len; i++) {
		ck_assert_int_ge(nvgsp_abi_decode_intr_entry(abi, &en, p + head + i * stride,
							     stride), 0);
		if (en.engine_idx == gsp_idx) {
			vector = en.vector_stall;
			break;
		}
	}
	free(p);
	ck_assert_uint_lt(vector, NV_CPU_INTR_VECTORS);
	return vector;
}

static bool leaf_pending(struct env *e, u32 v)
{
	return vf_rd(e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF(NV_CPU_INTR_VECTOR_TO_LEAF_REG(v))) &
	       NV_CPU_INTR_VECTOR_TO_LEAF_BIT(v);
}

static u32 top_bit(u32 v)
{
	return NV_CPU_INTR_SUBTREE_TO_TOP_BIT(NV_CPU_INTR_VECTOR_TO_SUBTREE(v));
}

/* An RPC with a reply: GSP_RM_CONTROL on GSP-RM's own subdevice. */
static void rpc(struct env *e, struct nvgsp_gsp *gsp)
{
	(void)model_vector(e, gsp);
}

START_TEST(routed)
{
	const struct row *r = &rows[_i];
	struct nvgsp_gsp *gsp = NULL;
	struct gpusim_stats st;
	unsigned int before;
	struct env e;
	u32 v, leaf, bit;
	int ret;

	env_init(&e, r);
	ret = nvgsp_gsp_boot(&e.g.cfg, &gsp);
	ck_assert_msg(ret == 0, "%s %s boot: %d\nsim: %s\nlog:\n%s", r->chip, r->release, ret,
		      gpusim_error(e.g.sim), unit_log);
	ck_assert_str_eq(gpusim_error(e.g.sim), "");
	/* The boot reads the table and enables nothing: no handler exists yet. */
	for (u32 i = 0; i < NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF__SIZE_1; i++)
		ck_assert_msg(vf_rd(&e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF_EN_SET(i)) == 0,
			      "%s %s: LEAF_EN(%u) = 0x%08x before nvgsp_gsp_irq_enable()", r->chip,
			      r->release, i, vf_rd(&e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF_EN_SET(i)));
	ck_assert_uint_eq(vf_rd(&e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_TOP_EN_SET(0)), 0);
	nvgsp_gsp_irq_enable(gsp);
	/* The boot's own messages left nothing asserted: the next one is an edge. */
	ck_assert_msg(!gpusim_irq_pending(e.g.sim), "%s %s: the line is asserted after enabling",
		      r->chip, r->release);
	v = model_vector(&e, gsp);
	leaf = NV_CPU_INTR_VECTOR_TO_LEAF_REG(v);
	bit = NV_CPU_INTR_VECTOR_TO_LEAF_BIT(v);

	/* The GSP's vector and its subtree enabled; no other vector. */
	for (u32 i = 0; i < NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF__SIZE_1; i++)
		ck_assert_msg(vf_rd(&e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF_EN_SET(i)) ==
			      (i == leaf ? bit : 0),
			      "%s %s: LEAF_EN(%u) = 0x%08x, vector %u", r->chip, r->release, i,
			      vf_rd(&e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF_EN_SET(i)), v);
	ck_assert_msg(vf_rd(&e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_TOP_EN_SET(0)) & top_bit(v),
		      "%s %s: TOP_EN 0x%08x lacks subtree %u", r->chip, r->release,
		      vf_rd(&e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_TOP_EN_SET(0)),
		      NV_CPU_INTR_VECTOR_TO_SUBTREE(v));

	/* model_vector()'s own reply raised it; nobody serviced it: service it now. */
	ck_assert_msg(leaf_pending(&e, v), "%s %s: an RPC reply left vector %u clear", r->chip,
		      r->release, v);
	ck_assert(gpusim_irq_pending(e.g.sim));
	ck_assert(nvgsp_gsp_irq(gsp));
	ck_assert(!leaf_pending(&e, v));
	ck_assert(!(vf_rd(&e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_TOP(0)) & top_bit(v)));
	ck_assert(!gpusim_irq_pending(e.g.sim));

	/* Not pending: not ours (a shared line), twice over. */
	ck_assert(!nvgsp_gsp_irq(gsp));
	ck_assert(!nvgsp_gsp_irq(gsp));

	/* An RPC reply raises the routed interrupt: a rising edge the CPU sees. */
	before = e.irqs;
	rpc(&e, gsp);
	ck_assert_msg(e.irqs > before, "%s %s: no interrupt for an RPC reply", r->chip,
		      r->release);
	ck_assert(leaf_pending(&e, v));
	ck_assert(vf_rd(&e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_TOP(0)) & top_bit(v));
	ck_assert(gpusim_irq_pending(e.g.sim));
	ck_assert(nvgsp_gsp_irq(gsp));
	ck_assert(!leaf_pending(&e, v));
	ck_assert(!gpusim_irq_pending(e.g.sim));

	/*
	 * SWGEN0 raised with the queue empty (a waiting caller drained it): the
	 * handler must still clear it, or the next message never raises the
	 * vector again.
	 */
	gpusim_wr32(e.g.sim, NV_PGSP_FALCON_BASE + NV_PFALCON_FALCON_IRQSSET,
		    NV_PFALCON_FALCON_IRQSTAT_SWGEN0);
	ck_assert(leaf_pending(&e, v));
	ck_assert(nvgsp_gsp_irq(gsp));
	ck_assert(!(gpusim_rd32(e.g.sim, NV_PGSP_FALCON_BASE + NV_PFALCON_FALCON_IRQSTAT) &
		    NV_PFALCON_FALCON_IRQSTAT_SWGEN0));
	before = e.irqs;
	rpc(&e, gsp);
	ck_assert_msg(e.irqs > before, "%s %s: no interrupt after a spurious SWGEN0", r->chip,
		      r->release);

	/* SWGEN0 raised again just after the handler cleared it: still seen. */
	e.raise_after_clear = true;
	ck_assert(nvgsp_gsp_irq(gsp));
	ck_assert(!e.raise_after_clear);
	ck_assert_msg(leaf_pending(&e, v) && gpusim_irq_pending(e.g.sim),
		      "%s %s: a message after the SWGEN0 clear left no interrupt", r->chip,
		      r->release);
	ck_assert(nvgsp_gsp_irq(gsp));
	ck_assert(!gpusim_irq_pending(e.g.sim));

	/* Shutdown disables the vector before GSP-RM unloads; the subtree stays. */
	unit_log_reset();
	nvgsp_gsp_shutdown(gsp);
	ck_assert_msg(!strstr(unit_log, "0 0000:01:00.0"), "teardown errors:\n%s", unit_log);
	ck_assert_uint_eq(vf_rd(&e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF_EN_SET(leaf)) & bit, 0);
	ck_assert(vf_rd(&e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_TOP_EN_SET(0)) & top_bit(v));
	ck_assert_str_eq(gpusim_error(e.g.sim), "");
	gpusim_get_stats(e.g.sim, &st);
	ck_assert(st.unloaded);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.g.dma_live);
	ck_assert_uint_eq(e.g.bar.bad_accesses, 0);
	env_fini(&e);
}
END_TEST

/*
 * A message posted while the handler runs, before its SWGEN0 clear, raises
 * no new edge (SWGEN0 is still up): the handler's drain must come after the
 * clear to find it, or it waits for the next message.
 */
START_TEST(service_order)
{
	const struct row *r = &rows[_i];
	size_t size;
	struct nvgsp_gsp *gsp = NULL;
	struct gpusim_stats st;
	struct env e;
	u32 rpcs, v;
	u8 *req;

	env_init(&e, r);
	ck_assert_int_eq(nvgsp_gsp_boot(&e.g.cfg, &gsp), 0);
	nvgsp_gsp_irq_enable(gsp);
	v = model_vector(&e, gsp);
	while (nvgsp_gsp_irq(gsp))
		;
	size = nvgsp_abi_codec_size(e.g.set->abi, NVGSP_ABI_CODEC_STATIC_INFO);
	req = calloc(1, size);
	ck_assert_ptr_nonnull(req);
	gpusim_get_stats(e.g.sim, &st);
	rpcs = st.rpcs;

	/* A command GSP-RM has not seen yet, and SWGEN0 already raised. */
	e.hold_doorbell = true;
	ck_assert_int_eq(nvgsp_rpc_send(nvgsp_gsp_rpc(gsp), NVGSP_ABI_RPC_GET_GSP_STATIC_INFO,
					req, size), 0);
	ck_assert(e.doorbell_held);
	gpusim_wr32(e.g.sim, NV_PGSP_FALCON_BASE + NV_PFALCON_FALCON_IRQSSET,
		    NV_PFALCON_FALCON_IRQSTAT_SWGEN0);
	gpusim_get_stats(e.g.sim, &st);
	ck_assert_uint_eq(st.rpcs, rpcs);
	ck_assert(leaf_pending(&e, v));

	/* GSP-RM answers just before the handler clears SWGEN0. */
	e.ring_at_clear = true;
	ck_assert(nvgsp_gsp_irq(gsp));
	ck_assert(!e.ring_at_clear);
	gpusim_get_stats(e.g.sim, &st);
	ck_assert_uint_eq(st.rpcs, rpcs + 1);
	ck_assert_msg(nvgsp_rpc_poll(nvgsp_gsp_rpc(gsp)) == 0,
		      "%s %s: the handler left GSP-RM's reply in the queue", r->chip, r->release);
	free(req);
	nvgsp_gsp_shutdown(gsp);
	ck_assert_str_eq(gpusim_error(e.g.sim), "");
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.g.dma_live);
	env_fini(&e);
}
END_TEST

/* A device that fell off the bus reads all ones: not our interrupt. */
START_TEST(gone)
{
	const struct row *r = &rows[_i];
	struct nvgsp_gsp *gsp = NULL;
	struct env e;

	env_init(&e, r);
	ck_assert_int_eq(nvgsp_gsp_boot(&e.g.cfg, &gsp), 0);
	nvgsp_gsp_irq_enable(gsp);
	rpc(&e, gsp);
	ck_assert(gpusim_irq_pending(e.g.sim));
	gpusim_fault_set(e.g.sim, GPUSIM_FAULT_DEVICE_GONE, 0);
	ck_assert(!nvgsp_gsp_irq(gsp));
	nvgsp_gsp_shutdown(gsp);
	/* Gone: what the GPU was given is kept, not freed (runtime.rst). */
	ck_assert_uint_eq(nvgsp_os_user_kept(), 1);
	nvgsp_os_user_keep_release();
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.g.dma_live);
	ck_assert_uint_eq(e.g.bar.bad_accesses, 0);
	env_fini(&e);
}
END_TEST

/*
 * Polling alone (no OS handler, so nvgsp_gsp_irq_enable() is never called):
 * RPCs complete, the tree stays as the boot found it and no interrupt is
 * delivered.
 */
START_TEST(polled)
{
	const struct row *r = &rows[_i];
	struct nvgsp_rm_subdevice sd = { 0 };
	struct nvgsp_gsp *gsp = NULL;
	struct env e;

	env_init(&e, r);
	ck_assert_int_eq(nvgsp_gsp_boot(&e.g.cfg, &gsp), 0);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(nvgsp_rm_open(nvgsp_gsp_rm(gsp), &sd), 0);
		nvgsp_rm_close(nvgsp_gsp_rm(gsp), &sd);
	}
	ck_assert_uint_eq(e.irqs, 0);
	ck_assert(!gpusim_irq_pending(e.g.sim));
	for (u32 i = 0; i < NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF__SIZE_1; i++)
		ck_assert_uint_eq(vf_rd(&e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF_EN_SET(i)), 0);
	nvgsp_gsp_shutdown(gsp);
	ck_assert_str_eq(gpusim_error(e.g.sim), "");
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.g.dma_live);
	env_fini(&e);
}
END_TEST

static const struct fault {
	enum gpusim_fault fault;
	u32 arg;
	const char *why;
} faults[] = {
	{ GPUSIM_FAULT_INTR_NO_GSP, 0, "no entry has engineIdx" },
	{ GPUSIM_FAULT_INTR_WILD_VECTOR, 0, "vectorStall 4096" },
	{ GPUSIM_FAULT_INTR_WILD_VECTOR, 256, "vectorStall 256" },
};

START_TEST(boot_faults)
{
	const struct row *r = &rows[_i / N(faults)];
	const struct fault *f = &faults[_i % N(faults)];
	struct nvgsp_gsp *gsp = NULL;
	struct gpusim_stats st;
	struct env e;
	int ret;

	env_init(&e, r);
	gpusim_fault_set(e.g.sim, f->fault, f->arg);
	ret = nvgsp_gsp_boot(&e.g.cfg, &gsp);
	ck_assert_msg(ret < 0, "%s %s fault %d: the boot succeeded", r->chip, r->release,
		      f->fault);
	ck_assert_ptr_null(gsp);
	ck_assert_msg(strstr(unit_log, "GSP boot failed at interrupt table: "),
		      "%s %s fault %d:\n%s", r->chip, r->release, f->fault, unit_log);
	ck_assert_msg(strstr(unit_log, f->why), "%s %s fault %d: no '%s' in:\n%s", r->chip,
		      r->release, f->fault, f->why, unit_log);
	ck_assert_uint_eq(unit_count(unit_log, "GSP boot failed at"), 1);
	/* nothing enabled */
	for (u32 i = 0; i < NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF__SIZE_1; i++)
		ck_assert_uint_eq(vf_rd(&e, NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF_EN_SET(i)), 0);
	/* a complete teardown: GSP-RM unloaded, WPR2 released, nothing leaked */
	gpusim_get_stats(e.g.sim, &st);
	ck_assert(st.unloaded);
	ck_assert_uint_eq(st.objects, 0);
	if (!r->fsp)
		ck_assert(!st.wpr2_set);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.g.dma_live);
	ck_assert_uint_eq(e.g.bar.bad_accesses, 0);
	env_fini(&e);
}
END_TEST

Suite *nvgsp_suite_gsp_intr(void)
{
	Suite *s = suite_create("gsp_intr");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, parse_finds_gsp, 0, N(releases));
	tcase_add_loop_test(tc, parse_refuses, 0, N(releases));
	tcase_add_test(tc, parse_release_engine_idx);
	suite_add_tcase(s, tc);

	tc = tcase_create("routed");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, routed, 0, N(rows));
	tcase_add_loop_test(tc, polled, 0, N(rows));
	tcase_add_loop_test(tc, gone, 0, N(rows));
	tcase_add_loop_test(tc, service_order, 0, N(rows));
	suite_add_tcase(s, tc);

	tc = tcase_create("faults");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, boot_faults, 0, N(rows) * N(faults));
	suite_add_tcase(s, tc);
	return s;
}
