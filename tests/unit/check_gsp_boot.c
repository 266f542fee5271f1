// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gsp_boot.c - the integration test of the boot sequence
 * (src/gsp/nvgsp_gsp*.c): the real firmware files (graphics-sid, both
 * releases) booted on gpusim in-process, for every boot family the
 * releases ship files for. Each row boots to GSP_INIT_DONE, reads static
 * info, opens a root client/device/subdevice, makes a control call
 * (NV2080 GPU_GET_VMMU_SEGMENT_SIZE), closes it and shuts down; the model
 * must have seen nothing wrong (gpusim_error() is "") and every DMA buffer
 * must be freed. Then every gpusim fault that applies to the row must give
 * one "GSP boot failed at <step>" line (or, for faults GSP-RM survives, a
 * clean boot and shutdown), a complete teardown (WPR2 released) and no
 * leak. The sysmem flush page: programmed in the family's registers and
 * cleared at teardown; an address beyond the family's reach refused with
 * one line, one within it programmed whole.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "gpusim.h"
#include "gsp/nvgsp_gsp.h"
#include "gsp/nvgsp_gsp_tool.h"
#include "rm/nvgsp_rm.h"
#include "chip/nvgsp_chip.h"
#include "fw/nvgsp_fw_select.h"

#define N(a) (int)(ARRAY_SIZE(a))

/* The simulated GPU of one row (unit_gsp.h). */
static void env_init(struct unit_gsp *e, const struct unit_gsp_row *r)
{
	unit_gsp_init(e, r->chip, r->release, NULL, NULL);
}

static const struct nvgsp_gsp_mem_use *usage_find(const struct nvgsp_gsp_mem_use *u,
						  unsigned int n, const char *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(u[i].name, name))
			return &u[i];
	return NULL;
}

/*
 * The host memory a booted GSP reports (debugfs "memory"): each buffer once,
 * the staged image at least its .fwimage section (whole pages), the
 * buffers of the row's boot path and none of the other's.
 */
static void check_usage(const struct unit_gsp_row *r, const struct unit_gsp *e,
			const struct nvgsp_gsp *gsp)
{
	struct nvgsp_gsp_mem_use u[NVGSP_GSP_MEM_USES];
	const struct nvgsp_gsp_mem_use *f;
	unsigned int n, i, j;
	size_t sect = e->set->gsp.fwimage.size;

	n = nvgsp_gsp_mem_usage(gsp, u);
	ck_assert_uint_ge(n, 10);
	for (i = 0; i < n; i++) {
		ck_assert_uint_gt(u[i].bytes, 0);
		ck_assert_str_ne(nvgsp_gsp_mem_kind_name(u[i].kind), "?");
		for (j = i + 1; j < n; j++)
			ck_assert_str_ne(u[i].name, u[j].name);
	}
	f = usage_find(u, n, "fwimage");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->kind, NVGSP_GSP_MEM_PAGES);
	ck_assert_uint_ge(f->bytes, sect);
	ck_assert_uint_lt(f->bytes, sect + 4096);
	f = usage_find(u, n, "logs");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_ge(f->bytes, 3 * nvgsp_gsp_log_size(gsp, NVGSP_GSP_LOG_RM));
	ck_assert_ptr_nonnull(usage_find(u, n, "rpc-queues"));
	ck_assert_ptr_nonnull(usage_find(u, n, "radix3"));
	ck_assert_ptr_nonnull(usage_find(u, n, "sysmem-flush"));
	ck_assert_int_eq(usage_find(u, n, "static-info")->kind, NVGSP_GSP_MEM_HEAP);
	ck_assert((usage_find(u, n, "fmc-image") != NULL) == r->fsp);
	if (r->fsp)
		ck_assert_ptr_null(usage_find(u, n, "vbios"));
}

START_TEST(boot_cycle)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i];
	const struct nvgsp_abi_static_info *info;
	struct nvgsp_abi_vmmu_segment_size seg = { 0 };
	struct nvgsp_rm_subdevice sd = { 0 };
	struct gpusim_stats st;
	struct nvgsp_gsp *gsp = NULL;
	struct unit_gsp e;
	u8 params[64] = { 0 };
	u32 psize;
	int ret;

	env_init(&e, r);
	unit_bootloader_parses = 0;
	unit_fb_layouts = 0;
	ret = nvgsp_gsp_boot(&e.cfg, &gsp);
	ck_assert_msg(ret == 0, "%s %s boot: %d\nsim: %s\nlog:\n%s", r->chip, r->release, ret,
		      gpusim_error(e.sim), unit_log);
	ck_assert_str_eq(gpusim_error(e.sim), "");
	/* Work done once: the bootloader parsed and the FB layout computed once. */
	ck_assert_uint_eq(unit_bootloader_parses, 1);
	ck_assert_uint_eq(unit_fb_layouts, 1);
	gpusim_get_stats(e.sim, &st);
	ck_assert_uint_eq(st.gsp_booted, 1);
	ck_assert_uint_eq(st.fwsec_runs, r->frts ? 1 : 0);
	ck_assert_uint_eq(st.booter_runs, r->fsp ? 0 : 1);
	ck_assert_uint_eq(st.fsp_cot, r->fsp ? 1 : 0);
	/* the flush page is a live host page (gpusim checks it), both pairs on GB10x */
	ck_assert_uint_ne(st.flush_addr[0], 0);
	ck_assert_ptr_nonnull(nvgsp_os_user_dma_lookup(st.flush_addr[0], 4096));
	ck_assert_uint_eq(st.flush_addr[1], strcmp(r->chip, "gb100") ? 0 : st.flush_addr[0]);
	/* the booter carves WPR2 (around FRTS where FWSEC made one) */
	if (!r->fsp)
		ck_assert(st.wpr2_set);

	info = nvgsp_gsp_static_info(gsp);
	ck_assert_uint_ne(info->fb_length, 0);
	ck_assert_msg(info->gpu_name[0], "static info has no GPU name");
	ck_assert_ptr_nonnull(nvgsp_gsp_rpc(gsp));
	ck_assert_uint_eq(nvgsp_gsp_log_size(gsp, NVGSP_GSP_LOG_RM), 0x10000);
	ck_assert_int_eq(nvgsp_gsp_log_read(gsp, NVGSP_GSP_NR_LOGS, 0, params, 8), -EINVAL);
	check_usage(r, &e, gsp);

	ck_assert_int_eq(nvgsp_rm_open(nvgsp_gsp_rm(gsp), &sd), 0);
	psize = nvgsp_abi_codec_size(e.set->abi, NVGSP_ABI_CODEC_VMMU_SEGMENT_SIZE);
	ck_assert(psize > 0 && psize <= sizeof(params));
	ck_assert_int_eq(nvgsp_rm_control(nvgsp_gsp_rm(gsp), sd.h_client, sd.h_subdevice,
					  NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE,
					  params, psize), 0);
	ck_assert_int_ge(nvgsp_abi_decode_vmmu_segment_size(e.set->abi, &seg, params, psize), 0);
	ck_assert_uint_ne(seg.segment_size, 0);
	nvgsp_rm_close(nvgsp_gsp_rm(gsp), &sd);

	/*
	 * As the driver does once GSP-RM runs (nvgsp_firmware_trim()): the
	 * teardown below must need no file but the unload's.
	 */
	ck_assert_uint_gt(nvgsp_fw_set_trim(e.set, NVGSP_FW_UNLOAD_ROLES),
			  e.set->gsp.fwimage.size);
	ck_assert_ptr_null(e.set->files[NVGSP_FW_GSP].blob.data);
	unit_log_reset();
	nvgsp_os_user_dma_mark();
	e.dev.dma_frees = 0;
	nvgsp_gsp_shutdown(gsp);
	ck_assert_msg(!strstr(unit_log, "0 0000:01:00.0"), "teardown errors:\n%s", unit_log);
	/* the engines quiesced, then bus mastering off, then the memory freed */
	ck_assert_uint_eq(e.dev.dma_stops, 1);
	ck_assert(!e.dev.bus_master);
	ck_assert_uint_eq(e.dev.dma_freed_mastering, 0);
	ck_assert_uint_gt(e.dev.dma_frees, 5);
	ck_assert_uint_eq(nvgsp_os_user_kept(), 0);
	ck_assert_str_eq(gpusim_error(e.sim), "");
	gpusim_get_stats(e.sim, &st);
	ck_assert(st.unloaded);
	/* booter_unload released WPR2; on FSP chips it stays the FSP's */
	if (!r->fsp)
		ck_assert(!st.wpr2_set);
	ck_assert_uint_eq(st.objects, 0);
	/* the GPU no longer points at the freed flush page */
	ck_assert_uint_eq(st.flush_addr[0], 0);
	ck_assert_uint_eq(st.flush_addr[1], 0);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	ck_assert_uint_eq(e.bar.bad_accesses, 0);
	unit_gsp_fini(&e);
}
END_TEST

/* Address bits the row's sysmem-flush registers hold (hardware.rst). */
static unsigned int flush_reach(const struct unit_gsp_row *r)
{
	if (!strncmp(r->chip, "tu", 2))
		return 40;
	if (r->fsp)
		return 52;
	return 64;
}

/*
 * The flush page handed out at 2^40 (an IOMMU in forced-DAC mode, or more
 * than 1 TiB of RAM): beyond Turing's reach, refused with one line naming
 * the address and the limit; elsewhere programmed whole. Then, where the
 * reach is below 64 bits, at the first address beyond it.
 */
START_TEST(flush_reach_limit)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i];
	unsigned int reach = flush_reach(r);
	struct nvgsp_gsp *gsp = NULL;
	struct gpusim_stats st;
	char want[160];
	struct unit_gsp e;
	u64 at;
	int pass, ret;

	for (pass = 0; pass < 2; pass++) {
		at = pass ? (reach < 64 ? 1ull << reach : 0) : 1ull << 40;
		if (!at)
			break;
		env_init(&e, r);
		unit_log_reset();
		nvgsp_os_user_dma_next_at(at);
		ret = nvgsp_gsp_boot(&e.cfg, &gsp);
		nvgsp_os_user_dma_next_at(0);
		if (at >> 1 >> (reach - 1)) {
			ck_assert_msg(ret == -ERANGE, "%s %s flush at 0x%llx: boot %d\n%s", r->chip,
				      r->release, (unsigned long long)at, ret, unit_log);
			ck_assert_ptr_null(gsp);
			snprintf(want, sizeof(want),
				 "GSP boot failed at sysmem flush: sysmem flush page at 0x%llx is above the %u-bit limit (0x%llx)",
				 (unsigned long long)at, reach, (unsigned long long)(at - 1));
			ck_assert_msg(strstr(unit_log, want), "%s: no '%s' in:\n%s", r->chip, want,
				      unit_log);
			ck_assert_uint_eq(unit_count(unit_log, "0 0000:01:00.0"), 1);
			ck_assert_str_eq(gpusim_error(e.sim), "");
			gpusim_get_stats(e.sim, &st);
			ck_assert_uint_eq(st.flush_addr[0], 0);
		} else {
			ck_assert_msg(ret == 0, "%s %s flush at 0x%llx: boot %d\nsim: %s\n%s", r->chip,
				      r->release, (unsigned long long)at, ret, gpusim_error(e.sim),
				      unit_log);
			gpusim_get_stats(e.sim, &st);
			ck_assert_uint_eq(st.flush_addr[0], at);
			nvgsp_gsp_shutdown(gsp);
			ck_assert_str_eq(gpusim_error(e.sim), "");
			gpusim_get_stats(e.sim, &st);
			ck_assert_uint_eq(st.flush_addr[0], 0);
		}
		ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
		ck_assert_uint_eq(e.bar.bad_accesses, 0);
		unit_gsp_fini(&e);
	}
}
END_TEST

/*
 * Faults and where the boot must stop. @step NULL: GSP-RM survives the
 * fault and the boot succeeds. @applies: which rows it makes sense for.
 */
enum { ALL, SEC2, FSP, FRTS };
static const struct fault {
	enum gpusim_fault fault;
	u32 arg;
	int applies;
	const char *step;
} faults[] = {
	{ GPUSIM_FAULT_RPC_TIMEOUT, NVGSP_ABI_RPC_GET_GSP_STATIC_INFO, ALL, "GSP-RM init" },
	{ GPUSIM_FAULT_BAD_CHECKSUM, 0, ALL, "GSP-RM init" },
	{ GPUSIM_FAULT_TORN_ELEMENT, 0, ALL, "GSP-RM init" },
	{ GPUSIM_FAULT_QUEUE_FULL, 0, ALL, "GSP-RM init" },
	{ GPUSIM_FAULT_SEQ_ORDER, 0, ALL, "GSP-RM init" },
	{ GPUSIM_FAULT_ERROR_LOG, NVGSP_ABI_RPC_GET_GSP_STATIC_INFO, ALL, NULL },
	{ GPUSIM_FAULT_GSP_CRASH, NVGSP_ABI_RPC_GET_GSP_STATIC_INFO, ALL, "GSP-RM init" },
	{ GPUSIM_FAULT_DEVICE_GONE, 0, SEC2, "GFW boot" },
	{ GPUSIM_FAULT_DEVICE_GONE, 0, FSP, "FSP boot" },
	{ GPUSIM_FAULT_BOOTER, 0, SEC2, "booter_load" },
	{ GPUSIM_FAULT_FSP, 0, FSP, "FSP chain of trust" },
	{ GPUSIM_FAULT_FWSEC, 0, FRTS, "FWSEC-FRTS" },
	{ GPUSIM_FAULT_NO_INIT_DONE, 0, ALL, "GSP-RM init" },
	{ GPUSIM_FAULT_INTR_NO_GSP, 0, ALL, "interrupt table" },
	{ GPUSIM_FAULT_INTR_WILD_VECTOR, 0, ALL, "interrupt table" },
};

static bool applies(const struct fault *f, const struct unit_gsp_row *r)
{
	switch (f->applies) {
	case SEC2:
		return !r->fsp;
	case FSP:
		return r->fsp;
	case FRTS:
		return r->frts;
	}
	return true;
}

/*
 * The unit log, and the moment the boot's failure line is logged: the
 * teardown starts right after it, so every DMA buffer live then is one the
 * GPU was given and must not be freed while bus mastering is on.
 */
static void fault_log(void *ctx, const char *dev, enum nvgsp_os_log_level level,
		      const char *msg)
{
	size_t n = strlen(unit_log);

	(void)ctx;
	snprintf(unit_log + n, sizeof(unit_log) - n, "%d %s: %s\n", (int)level,
		 dev ? dev : "-", msg);
	if (!strncmp(msg, "GSP boot failed at ", 19))
		nvgsp_os_user_dma_mark();
}

/* The (row, fault) pairs that apply, filled when the suite is built. */
static struct { unsigned char row, fault; } combos[UNIT_GSP_NROWS * N(faults)];
static int nr_combos;

START_TEST(boot_faults)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[combos[_i].row];
	const struct fault *f = &faults[combos[_i].fault];
	struct nvgsp_gsp *gsp = NULL;
	struct gpusim_stats st;
	char want[96];
	struct unit_gsp e;
	int ret;

	env_init(&e, r);
	nvgsp_os_user_set_log(fault_log, NULL);
	gpusim_fault_set(e.sim, f->fault, f->arg);
	ret = nvgsp_gsp_boot(&e.cfg, &gsp);
	if (!f->step) {
		ck_assert_msg(ret == 0, "%s %s fault %d: boot %d\n%s", r->chip, r->release,
			      f->fault, ret, unit_log);
		nvgsp_gsp_shutdown(gsp);
	} else {
		ck_assert_msg(ret < 0, "%s %s fault %d: the boot succeeded", r->chip, r->release,
			      f->fault);
		ck_assert_ptr_null(gsp);
		snprintf(want, sizeof(want), "GSP boot failed at %s: ", f->step);
		ck_assert_msg(strstr(unit_log, want), "%s %s fault %d: no '%s' in:\n%s", r->chip,
			      r->release, f->fault, want, unit_log);
		ck_assert_uint_eq(unit_count(unit_log, "GSP boot failed at"), 1);
		/* The teardown: engines quiesced, bus mastering off, then frees. */
		ck_assert_uint_eq(e.dev.dma_stops, 1);
		ck_assert(!e.dev.bus_master);
	}
	ck_assert_uint_eq(e.dev.dma_freed_mastering, 0);
	/* A device gone from the bus keeps what it was given (none at GFW/FSP boot). */
	ck_assert_uint_eq(nvgsp_os_user_kept(), 0);
	gpusim_get_stats(e.sim, &st);
	if (f->fault != GPUSIM_FAULT_DEVICE_GONE && !r->fsp)
		ck_assert_msg(!st.wpr2_set, "%s %s fault %d: WPR2 left set\n%s", r->chip,
			      r->release, f->fault, unit_log);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	ck_assert_uint_eq(e.bar.bad_accesses, 0);
	unit_gsp_fini(&e);
}
END_TEST

/*
 * Booted for vGPU (Documentation/vgpu-boot.rst) on every row whose board
 * has SR-IOV: the vGPU heap, 32 VF partitions and RMSetSriovMode, which
 * the model's booter or FMC and GSP-RM accept. Then each way to get it
 * wrong, caught by the model and named (gpusim_wpr.c, gpusim_rm.c).
 */
static const struct {
	bool vgpu;		/* the boot's flag: RMSetSriovMode */
	int layout_vgpu;	/* unit_fb_vgpu */
	int parts;		/* unit_fb_vf_partitions */
	bool no_vf_info;	/* gspVFInfo left empty */
	const char *error;	/* gpusim_error(), "" for a good boot */
} vgpu_cases[] = {
	{ true, -1, -1, false, "" },
	{ true, -1, 31, false, "GspFwWprMeta.gspFwHeapVfPartitionCount is 0x1f, expected 0x20" },
	{ false, 1, -1, false,
	  "RMSetSriovMode is 0 but GspFwWprMeta.gspFwHeapVfPartitionCount is 32" },
	{ true, 0, -1, false,
	  "RMSetSriovMode is 1 but GspFwWprMeta.gspFwHeapVfPartitionCount is 0" },
	{ true, -1, -1, true, "RMSetSriovMode is 1 but gspVFInfo.totalVFs is 0" },
	/* Partitions with the bare-metal heap: its offset or size is named. */
	{ false, 0, 32, false, "GspFwWprMeta.gspFwHeap" },
};

START_TEST(vgpu_boot)
{
	const int nc = N(vgpu_cases);
	const struct unit_gsp_row *r = &unit_gsp_rows[_i / nc];
	int k = _i % nc;
	struct nvgsp_gsp *gsp = NULL;
	struct unit_gsp e;
	int ret;

	env_init(&e, r);
	if (!e.cfg.pci.vf_total || !strncmp(r->chip, "tu", 2)) {
		unit_gsp_fini(&e);
		return;
	}
	e.cfg.vgpu = vgpu_cases[k].vgpu;
	if (vgpu_cases[k].no_vf_info)
		memset(&e.cfg.pci.vf_total, 0, sizeof(e.cfg.pci) -
		       offsetof(struct nvgsp_gsp_pci, vf_total));
	unit_fb_vgpu = vgpu_cases[k].layout_vgpu;
	unit_fb_vf_partitions = vgpu_cases[k].parts;
	ret = nvgsp_gsp_boot(&e.cfg, &gsp);
	if (!vgpu_cases[k].error[0]) {
		ck_assert_msg(ret == 0, "%s %s boot: %d\nsim: %s\nlog:\n%s", r->chip, r->release,
			      ret, gpusim_error(e.sim), unit_log);
		ck_assert_str_eq(gpusim_error(e.sim), "");
		nvgsp_gsp_shutdown(gsp);
		ck_assert_str_eq(gpusim_error(e.sim), "");
	} else {
		ck_assert_int_ne(ret, 0);
		ck_assert_msg(strstr(gpusim_error(e.sim), vgpu_cases[k].error),
			      "%s %s case %d: want \"%s\" in \"%s\"", r->chip, r->release, k,
			      vgpu_cases[k].error, gpusim_error(e.sim));
	}
	unit_gsp_fini(&e);
}
END_TEST

/* The rows above that have SR-IOV: at least one per boot path and release. */
START_TEST(vgpu_rows)
{
	bool seen[2][2] = { { false } };
	struct unit_gsp e;

	for (int i = 0; i < UNIT_GSP_NROWS; i++) {
		const struct unit_gsp_row *r = &unit_gsp_rows[i];

		env_init(&e, r);
		if (e.cfg.pci.vf_total && strncmp(r->chip, "tu", 2))
			seen[r->fsp][!strcmp(r->release, "570.144")] = true;
		unit_gsp_fini(&e);
	}
	ck_assert(seen[0][0] && seen[0][1] && seen[1][1]);
}
END_TEST

START_TEST(bad_config)
{
	struct nvgsp_gsp_config cfg = { 0 };
	struct nvgsp_gsp *gsp = (struct nvgsp_gsp *)&cfg;

	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_boot(&cfg, &gsp), -EINVAL);
	ck_assert_ptr_null(gsp);
	ck_assert_ptr_nonnull(strstr(unit_log, "GSP boot failed at configuration: no device"));
	nvgsp_gsp_shutdown(NULL);
}
END_TEST

Suite *nvgsp_suite_gsp_boot(void)
{
	Suite *s = suite_create("gsp_boot");
	TCase *tc;

	tc = tcase_create("boot");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, boot_cycle, 0, UNIT_GSP_NROWS);
	tcase_add_test(tc, bad_config);
	tcase_add_loop_test(tc, vgpu_boot, 0, UNIT_GSP_NROWS * N(vgpu_cases));
	tcase_add_test(tc, vgpu_rows);
	tcase_add_loop_test(tc, flush_reach_limit, 0, UNIT_GSP_NROWS);
	suite_add_tcase(s, tc);

	tc = tcase_create("faults");
	tcase_set_timeout(tc, 600);
	nr_combos = 0;
	for (int i = 0; i < UNIT_GSP_NROWS; i++)
		for (int j = 0; j < N(faults); j++)
			if (applies(&faults[j], &unit_gsp_rows[i])) {
				combos[nr_combos].row = (unsigned char)i;
				combos[nr_combos].fault = (unsigned char)j;
				nr_combos++;
			}
	tcase_add_loop_test(tc, boot_faults, 0, nr_combos);
	suite_add_tcase(s, tc);
	return s;
}
