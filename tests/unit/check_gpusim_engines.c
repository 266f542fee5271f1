// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gpusim_engines.c - gpusim's engines: PTOP's device info and the
 * runlist registers (tests/gpusim/gpusim_top.c), GSP-RM's engine list and
 * the controls that report it (gpusim_rm_fifo.c), and the display with no
 * outputs (gpusim_rm_disp.c).
 *
 * The PTOP rows are decoded here on their own, with the field positions of
 * NVIDIA's dev_top.h as nouveau's top/ga100.c reads them, not with the RM
 * model's decoder; the controls' parameters are laid out here from
 * ctrl2080fifo.h and nouveau's nvrm/disp.h at each release, so the model's
 * answers are checked against the layouts nouveau reads.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "gpusim.h"
#include "gpusim_rm.h"

static const struct row {
	const char *chip;
	const char *release;
	bool display;
	u32 engines;	/* PTOP engines the model lists */
} rows[] = {
	{ "ga102", "535.113.01", true, 9 },
	{ "ga102", "570.144", true, 9 },
	{ "tu102", "535.113.01", true, 0 },
	{ "gh100", "570.144", false, 0 },
};
#define NROWS	(ARRAY_SIZE(rows))

#define DIT_SIZE	3212u
#define DIT_ENTRY	100u
#define FALCON_SIZE	1284u

struct eng {
	u32 type, inst, fault, reset, pri, is_engine, rleng, runlist_pri;
};

static struct gpusim *sim_new(const struct row *r, const struct nvgsp_abi **abi)
{
	struct gpusim_config cfg = { .chip = r->chip, .release = r->release,
				     .fw_path = unit_fw_root("graphics-sid"), .fb_mib = 8192 };
	struct gpusim *sim;
	char err[256] = "";

	ck_assert_msg(!gpusim_create(&cfg, &sim, err, sizeof(err)), "%s", err);
	*abi = nvgsp_abi_find(r->release);
	ck_assert_ptr_nonnull(*abi);
	return sim;
}

static u32 ctrl_num(const struct nvgsp_abi *abi, u32 id)
{
	u32 n;

	ck_assert_int_eq(nvgsp_abi_number(abi, NVGSP_ABI_GROUP_CTRL, id, &n), 0);
	return n;
}

static u64 param(const struct nvgsp_abi *abi, const char *name)
{
	u64 v;

	ck_assert_int_eq(nvgsp_abi_param(abi, name, &v), 0);
	return v;
}

/* PTOP as a driver reads it through BAR0 (nouveau top/ga100.c's positions). */
static u32 ptop_decode(struct gpusim *sim, struct eng *out, u32 max)
{
	u32 rows = gpusim_rd32(sim, 0x0224fc) >> 20, i, n = 0, r = 0, d[3] = { 0 };

	for (i = 0; i < rows; i++) {
		u32 v = gpusim_rd32(sim, 0x022800 + 4 * i);

		if (!v && !r)
			continue;
		ck_assert_uint_lt(r, 3);
		d[r++] = v;
		if (v & 0x80000000u)
			continue;
		ck_assert_uint_lt(n, max);
		out[n].type = (d[0] >> 24) & 0x7f;
		out[n].inst = (d[0] >> 16) & 0xff;
		out[n].fault = d[0] & 0x7ff;
		out[n].reset = d[1] & 0xff;
		out[n].pri = d[1] & 0x03ffff00u;
		out[n].is_engine = (d[1] >> 30) & 1;
		out[n].rleng = d[2] & 3;
		out[n].runlist_pri = d[2] & 0x03fffc00u;
		n++;
		r = 0;
		memset(d, 0, sizeof(d));
	}
	ck_assert_uint_eq(r, 0);	/* no chain left open */
	return n;
}

START_TEST(ptop_and_runlists)
{
	const struct row *r = &rows[_i];
	const struct nvgsp_abi *abi;
	struct gpusim *sim = sim_new(r, &abi);
	struct gpusim_unmodeled um[4];
	struct eng e[32];
	u32 n, i, k, engines = 0, cfg, v;

	n = ptop_decode(sim, e, 32);
	for (i = 0; i < n; i++)
		engines += e[i].is_engine;
	ck_assert_uint_eq(engines, r->engines);
	cfg = gpusim_rd32(sim, 0x0224fc);
	ck_assert_uint_eq(cfg & 0xf, 2);			/* VERSION */
	ck_assert_uint_eq((cfg >> 16) & 0xf, 3);		/* MAX_ROWS_PER_DEVICE */
	for (i = 0; i < n; i++) {
		if (!e[i].is_engine)
			continue;
		/* the runlist's registers (nouveau fifo/ga100.c ga100_runl_new()) */
		v = gpusim_rd32(sim, e[i].runlist_pri + 0x004);
		ck_assert_uint_ne(v & ~0xfu, 0);		/* CHRAM */
		ck_assert_uint_ge(v & 0xf, 9);			/* at least 512 channels */
		v = gpusim_rd32(sim, e[i].runlist_pri + 0x010);
		ck_assert(v & 0x80000000u);			/* a PBDMA */
		ck_assert_uint_eq(((v & 0x03fffc00u) - 0x040000) % 0x800, 0);
		for (k = 0; k < i; k++) {
			ck_assert(e[k].type != e[i].type || e[k].inst != e[i].inst);
			ck_assert_uint_ne(e[k].reset, e[i].reset);
			/* one runlist: one doorbell id; two runlists: two */
			if (!e[k].is_engine)
				continue;
			if (e[k].runlist_pri == e[i].runlist_pri)
				ck_assert_uint_ne(e[k].rleng, e[i].rleng);
			else
				ck_assert_uint_ne(gpusim_rd32(sim, e[k].runlist_pri + 8) >> 16,
						  gpusim_rd32(sim, e[i].runlist_pri + 8) >> 16);
		}
	}
	if (r->engines) {
		/* GR0 at PGRAPH, on a runlist with the two graphics CEs */
		ck_assert_uint_eq(e[0].type, 0x00);
		ck_assert_uint_eq(e[0].pri, 0x400000);
		ck_assert_uint_eq(e[0].fault, 64);
		ck_assert_uint_eq(e[1].runlist_pri, e[0].runlist_pri);
		ck_assert_uint_eq(e[1].type, 0x13);
	}
	/* read-only: a write changes nothing and is not an unmodelled register */
	gpusim_wr32(sim, 0x022800, 0xdeadbeef);
	gpusim_wr32(sim, 0x0224fc, 0);
	ck_assert_uint_eq(gpusim_rd32(sim, 0x0224fc), cfg);
	ck_assert_uint_eq(gpusim_unmodeled_writes(sim, um, 4, NULL), 0);
	gpusim_destroy(sim);
}
END_TEST

START_TEST(engine_list)
{
	const struct row *r = &rows[_i];
	const struct nvgsp_abi *abi;
	struct gpusim *sim = sim_new(r, &abi);
	struct gpusim_rm_engine e[GPUSIM_RM_MAX_ENGINES];
	u32 n, i, ce = 0, nvdec = 0, gr = 0, sec2 = 0;

	n = gpusim_rm_engines(sim, abi, e, GPUSIM_RM_MAX_ENGINES);
	ck_assert_uint_eq(n, r->engines);
	for (i = 0; i < n; i++) {
		if (e[i].rm_type == 1) {
			gr++;
			ck_assert_uint_eq(e[i].mc_idx, param(abi, "intr.engine_idx.gr0"));
		} else if (e[i].rm_type >= 9 && e[i].rm_type <= 0x12) {
			ck_assert_uint_eq(e[i].mc_idx, 15 + e[i].rm_type - 9);
			ce++;
		} else if (e[i].rm_type >= 0x1d && e[i].rm_type <= 0x24) {
			ck_assert_uint_eq(e[i].mc_idx,
					  param(abi, "intr.engine_idx.nvdec0") + e[i].rm_type - 0x1d);
			nvdec++;
		} else {
			/* RM_ENGINE_TYPE_SEC2: 0x30 in 535 (nouveau r535), 0x31 in 570 (r570) */
			ck_assert_uint_eq(e[i].rm_type,
					  !strcmp(r->release, "535.113.01") ? 0x30 : 0x31);
			sec2++;
		}
		ck_assert_uint_ge(e[i].npbdma, 1);
		ck_assert_uint_eq(e[i].runlist,
				  gpusim_rd32(sim, e[i].runlist_pri + 8) >> 16);
	}
	if (n) {
		ck_assert_uint_eq(gr, 1);
		ck_assert_uint_eq(ce, 5);
		ck_assert_uint_eq(nvdec, 2);
		ck_assert_uint_eq(sec2, 1);
		/* MC_ENGINE_IDX_GR0: 82 in 535.113.01, 84 in 570.144 (nouveau nvrm/engine.h) */
		ck_assert_uint_eq(param(abi, "intr.engine_idx.gr0"),
				  !strcmp(r->release, "535.113.01") ? 82 : 84);
	}
	gpusim_destroy(sim);
}
END_TEST

/* FIFO_GET_DEVICE_INFO_TABLE as nouveau r535 fifo.c reads it. */
START_TEST(device_info_table)
{
	const struct row *r = &rows[_i];
	const struct nvgsp_abi *abi;
	struct gpusim *sim = sim_new(r, &abi);
	const u32 dit = NVGSP_ABI_CTRL_NV2080_FIFO_GET_DEVICE_INFO_TABLE;
	const u32 sub = NVGSP_ABI_CLASS_NV20_SUBDEVICE_0;
	u8 *p = calloc(1, DIT_SIZE + 4);
	u32 n, i, k, fal[64], nfal;

	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(ctrl_num(abi, dit), 0x20801112);
	ck_assert(gpusim_rm_fifo_serves(dit));
	memset(p, 0xa5, DIT_SIZE);
	put_unaligned_le32(0, p);
	ck_assert_uint_eq(gpusim_rm_fifo_control(sim, abi, dit, sub, p, DIT_SIZE, NULL),
			  NVGSP_ABI_STATUS_OK);
	n = get_unaligned_le32(p + 4);
	ck_assert_uint_eq(n, r->engines);
	ck_assert_uint_eq(p[8], 0);				/* bMore */
	for (i = n * DIT_ENTRY + 12; i < DIT_SIZE; i++)
		ck_assert_uint_eq(p[i], 0);			/* the rest zeroed */
	for (i = 0; i < n; i++) {
		const u8 *e = p + 12 + i * DIT_ENTRY;
		u32 runl = get_unaligned_le32(e + 4 * 3), base = get_unaligned_le32(e + 4 * 11);

		ck_assert_uint_ne(base, 0);
		ck_assert_uint_ne(get_unaligned_le32(e + 4 * 2), 0);	/* RM_ENGINE_TYPE */
		ck_assert_uint_ne(get_unaligned_le32(e + 4 * 14), 0);	/* CHRAM_PRI_BASE */
		ck_assert_uint_ge(get_unaligned_le32(e + 80), 1);	/* numPbdmas */
		ck_assert_uint_le(get_unaligned_le32(e + 80), 2);
		ck_assert_uint_ne(e[84], 0);				/* engineName */
		ck_assert_uint_eq(e[99], 0);
		/* nouveau keys runlists by (RUNLIST, RUNLIST_PRI_BASE): one-to-one */
		for (k = 0; k < i; k++) {
			const u8 *o = p + 12 + k * DIT_ENTRY;

			ck_assert_int_eq(get_unaligned_le32(o + 12) == runl,
					 get_unaligned_le32(o + 44) == base);
			ck_assert_uint_ne(get_unaligned_le32(o), get_unaligned_le32(e));
		}
	}

	/* CONSTRUCTED_FALCON_INFO: its engDescs are the table's falcon engines */
	memset(p, 0xa5, FALCON_SIZE);
	ck_assert_uint_eq(gpusim_rm_fifo_control(sim, abi,
						 NVGSP_ABI_CTRL_NV2080_GET_CONSTRUCTED_FALCON_INFO,
						 sub, p, FALCON_SIZE, NULL), NVGSP_ABI_STATUS_OK);
	nfal = get_unaligned_le32(p);
	ck_assert_uint_eq(nfal, r->engines ? 3 : 0);	/* NVDEC0, NVDEC1, SEC2 */
	for (i = 0; i < nfal; i++) {
		fal[i] = get_unaligned_le32(p + 4 + 20 * i);
		ck_assert_uint_ne(get_unaligned_le32(p + 4 + 20 * i + 8), 0);
	}
	memset(p, 0, DIT_SIZE);
	ck_assert_uint_eq(gpusim_rm_fifo_control(sim, abi, dit, sub, p, DIT_SIZE, NULL),
			  NVGSP_ABI_STATUS_OK);
	for (i = 0; i < nfal; i++) {
		for (k = 0; k < n && get_unaligned_le32(p + 12 + k * DIT_ENTRY) != fal[i]; k++)
			;
		ck_assert_uint_lt(k, n);
	}

	/* CE_GET_FAULT_METHOD_BUFFER_SIZE */
	ck_assert_uint_eq(gpusim_rm_fifo_control(sim, abi,
						 NVGSP_ABI_CTRL_NV2080_CE_GET_FAULT_METHOD_BUFFER_SIZE,
						 sub, p, 4, NULL), NVGSP_ABI_STATUS_OK);
	ck_assert_uint_eq(get_unaligned_le32(p), 0x5000);

	/* paging and refusals */
	put_unaligned_le32(32, p);
	ck_assert_uint_eq(gpusim_rm_fifo_control(sim, abi, dit, sub, p, DIT_SIZE, NULL),
			  NVGSP_ABI_STATUS_OK);
	ck_assert_uint_eq(get_unaligned_le32(p + 4), 0);
	ck_assert_uint_eq(p[8], 0);
	put_unaligned_le32(5, p);
	ck_assert_uint_eq(gpusim_rm_fifo_control(sim, abi, dit, sub, p, DIT_SIZE, NULL),
			  NVGSP_ABI_STATUS_INVALID_ARGUMENT);
	put_unaligned_le32(0, p);
	ck_assert_uint_eq(gpusim_rm_fifo_control(sim, abi, dit, sub, p, DIT_SIZE - 100, NULL),
			  NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT);
	ck_assert_uint_eq(gpusim_rm_fifo_control(sim, abi, dit, NVGSP_ABI_CLASS_NV01_DEVICE_0, p,
						 DIT_SIZE, NULL), NVGSP_ABI_STATUS_NOT_SUPPORTED);
	ck_assert_uint_eq(gpusim_rm_fifo_control(sim, abi,
						 NVGSP_ABI_CTRL_NV2080_CE_GET_FAULT_METHOD_BUFFER_SIZE,
						 sub, p, 8, NULL), NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT);
	ck_assert_str_eq(gpusim_error(sim), "");
	free(p);
	gpusim_destroy(sim);
}
END_TEST

/* The display's controls in the order nouveau r535 disp.c sends them. */
START_TEST(display_no_outputs)
{
	const struct row *r = &rows[_i];
	const struct nvgsp_abi *abi;
	struct gpusim *sim = sim_new(r, &abi);
	struct gpusim_rm_disp d = { .sim = sim, .fb_size = 8192ull << 20 };
	const u32 sub = NVGSP_ABI_CLASS_NV20_SUBDEVICE_0, com = NVGSP_ABI_CLASS_NV04_DISPLAY_COMMON;
	const u32 ok = NVGSP_ABI_STATUS_OK;
	u32 ns = r->display ? ok : NVGSP_ABI_STATUS_NOT_SUPPORTED, sinfo;
	u8 p[4104];

	d.abi = abi;
	ck_assert_int_eq(gpusim_hw_has_display(sim), r->display);
	sinfo = (u32)param(abi, "disp.static_info_size");
	ck_assert_uint_eq(sinfo, !strcmp(r->release, "535.113.01") ? 28 : 36);
	ck_assert_uint_eq(ctrl_num(abi, NVGSP_ABI_CTRL_NV0073_SYSTEM_GET_SUPPORTED),
			  !strcmp(r->release, "535.113.01") ? 0x730120 : 0x730107);

	/* WRITE_INST_MEM: 64 KiB of FB, as nouveau allocates it */
	memset(p, 0, sizeof(p));
	put_unaligned_le64(0x10000000, p);
	put_unaligned_le64(0x10000, p + 8);
	put_unaligned_le32(2, p + 16);
	ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV2080_INTERNAL_DISPLAY_WRITE_INST_MEM,
						 sub, true, p, 24), ns);
	if (r->display)
		ck_assert_uint_eq(d.inst_addr, 0x10000000);
	/* static info: heads and windows */
	memset(p, 0xa5, sinfo);
	ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV2080_INTERNAL_DISPLAY_GET_STATIC_INFO,
						 sub, true, p, sinfo), ns);
	if (r->display) {
		ck_assert_uint_eq(get_unaligned_le32(p + 4), 0xff);	/* windowPresentMask */
		ck_assert_uint_eq(get_unaligned_le32(p + 12), 4);	/* numHeads */
		ck_assert_uint_eq(get_unaligned_le32(p + 20), 0);
	}
	memset(p, 0, sizeof(p));
	ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV2080_INTERNAL_INIT_BRIGHTC_STATE_LOAD,
						 sub, true, p, 4104), ns);
	ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV0073_DP_SET_MANUAL_DISPLAYPORT,
						 com, false, p, 4), ns);
	ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV0073_SYSTEM_GET_NUM_HEADS,
						 com, false, p, 12), ns);
	if (r->display)
		ck_assert_uint_eq(get_unaligned_le32(p + 8), 4);
	ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV0073_SPECIFIC_GET_ALL_HEAD_MASK,
						 com, false, p, 8), ns);
	if (r->display)
		ck_assert_uint_eq(get_unaligned_le32(p + 4), 0xf);
	memset(p, 0xa5, 12);
	put_unaligned_le32(0, p);
	ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV0073_SYSTEM_GET_SUPPORTED,
						 com, false, p, 12), ns);
	if (r->display) {
		ck_assert_uint_eq(get_unaligned_le32(p + 4), 0);	/* no outputs */
		ck_assert_uint_eq(get_unaligned_le32(p + 8), 0);
	}
	/* the hotplug and DP IRQ notifications */
	memset(p, 0, 20);
	put_unaligned_le32(2, p + 4);				/* REPEAT */
	ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV2080_EVENT_SET_NOTIFICATION,
						 sub, false, p, 20), ok);

	if (r->display) {
		/* what GSP-RM would refuse */
		memset(p, 0, 24);
		put_unaligned_le64(0x10000000, p);
		put_unaligned_le64(0x10000, p + 8);
		put_unaligned_le32(1, p + 16);			/* sysmem */
		ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV2080_INTERNAL_DISPLAY_WRITE_INST_MEM,
							 sub, true, p, 24), NVGSP_ABI_STATUS_INVALID_ARGUMENT);
		put_unaligned_le32(2, p + 16);
		put_unaligned_le64(0x10001000, p);		/* not 64 KiB aligned */
		ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV2080_INTERNAL_DISPLAY_WRITE_INST_MEM,
							 sub, true, p, 24), NVGSP_ABI_STATUS_INVALID_ARGUMENT);
		put_unaligned_le64(8192ull << 20, p);		/* past the FB */
		ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV2080_INTERNAL_DISPLAY_WRITE_INST_MEM,
							 sub, true, p, 24), NVGSP_ABI_STATUS_INVALID_ARGUMENT);
		ck_assert_uint_eq(d.inst_addr, 0x10000000);	/* unchanged */
		ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV2080_INTERNAL_DISPLAY_GET_STATIC_INFO,
							 sub, false, p, sinfo), NVGSP_ABI_STATUS_NOT_SUPPORTED);
		ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV2080_INTERNAL_DISPLAY_GET_STATIC_INFO,
							 sub, true, p, 32), NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT);
		ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV0073_SYSTEM_GET_NUM_HEADS,
							 sub, false, p, 12), NVGSP_ABI_STATUS_NOT_SUPPORTED);
		put_unaligned_le32(1, p);			/* subDeviceInstance 1 */
		ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV0073_SYSTEM_GET_NUM_HEADS,
							 com, false, p, 12), NVGSP_ABI_STATUS_INVALID_ARGUMENT);
	}
	put_unaligned_le32(3, p + 4);				/* no such action */
	ck_assert_uint_eq(gpusim_rm_disp_control(&d, NVGSP_ABI_CTRL_NV2080_EVENT_SET_NOTIFICATION,
						 sub, false, p, 20), NVGSP_ABI_STATUS_INVALID_ARGUMENT);
	gpusim_destroy(sim);
}
END_TEST

Suite *nvgsp_suite_gpusim_engines(void)
{
	Suite *s = suite_create("gpusim_engines");
	TCase *tc = tcase_create("engines");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, ptop_and_runlists, 0, NROWS);
	tcase_add_loop_test(tc, engine_list, 0, NROWS);
	tcase_add_loop_test(tc, device_info_table, 0, NROWS);
	tcase_add_loop_test(tc, display_no_outputs, 0, NROWS);
	suite_add_tcase(s, tc);
	return s;
}
