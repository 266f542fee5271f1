// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_abi.c - the firmware-ABI tables (src/abi, firmware-abi/generated),
 * table-driven over every release.
 *
 * The expected facts are written out here from Documentation/msgq.rst ("RPC
 * and event numbers"), firmware.rst ("From 535.113.01 to 570.144") and NVIDIA's
 * headers, not read from the tables, so a mistake in a spec shows up as a
 * failure. Layouts themselves are checked against nouveau's and nova-core's
 * definitions by tests/abi; here we check what the C tables do with them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "abi/nvgsp_abi.h"

#define MiB (1024ULL * 1024)

static const char *const releases[] = { "570.144", "535.113.01" };
#define N_RELEASES (int)(ARRAY_SIZE(releases))

static const struct nvgsp_abi *rel(int i)
{
	const struct nvgsp_abi *abi = nvgsp_abi_find(releases[i]);

	ck_assert_msg(abi, "no table for %s", releases[i]);
	return abi;
}

/* ---- release tables --------------------------------------------------- */

START_TEST(tables_newest_first)
{
	const struct nvgsp_abi *const *all;
	char list[64];
	size_t n;

	all = nvgsp_abi_tables(&n);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(all[0]->release, "570.144");
	ck_assert_str_eq(all[1]->release, "535.113.01");
	ck_assert_ptr_eq(all[0]->parent ? nvgsp_abi_find(all[0]->parent) : NULL, all[1]);
	ck_assert_ptr_null(all[1]->parent);
	ck_assert_ptr_eq(nvgsp_abi_find("570.144"), all[0]);
	ck_assert_ptr_eq(nvgsp_abi_find("535.113.01"), all[1]);
	nvgsp_abi_list(list, sizeof(list));
	ck_assert_str_eq(list, "570.144, 535.113.01");
	nvgsp_abi_list(list, 8);
	ck_assert_str_eq(list, "570.144");
}
END_TEST

START_TEST(find_is_exact)
{
	static const char *const bad[] = {
		"570.14", "570.1444", "570.144 ", " 570.144", "570", "535.113", "535.113.010",
		"550.163.01", "", "570.144\n", "r570.144",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_msg(!nvgsp_abi_find(bad[i]), "'%s' matched", bad[i]);
}
END_TEST

START_TEST(protocols)
{
	const struct nvgsp_abi *abi = rel(_i);

	/* Both releases speak the v0 queue protocol and the fixed-struct init. */
	ck_assert_str_eq(abi->transport->name, "msgq-v0");
	ck_assert_uint_eq(abi->transport->version, 0);
	ck_assert_str_eq(abi->init->name, "gsp-init-v1");
	ck_assert_uint_eq(abi->init->version, 1);
}
END_TEST

/* ---- firmware needs (the data src/fw/nvgsp_fw_release.c held) ----------- */

static const struct {
	const char *release, *sig_family, *roles;	/* "" = not served */
} expected_fw[] = {
	{ "570.144", "tu10x", "gsp bootloader booter_load booter_unload gen_bootloader" },
	{ "570.144", "tu11x", "gsp bootloader booter_load booter_unload gen_bootloader" },
	{ "570.144", "ga100", "gsp bootloader booter_load booter_unload gen_bootloader" },
	{ "570.144", "ga10x", "gsp bootloader booter_load booter_unload" },
	{ "570.144", "ad10x", "gsp bootloader booter_load booter_unload scrubber" },
	{ "570.144", "gh100", "gsp bootloader fmc" },
	{ "570.144", "gb10x", "gsp bootloader fmc" },
	{ "570.144", "gb20x", "gsp bootloader fmc" },
	{ "535.113.01", "tu10x", "gsp bootloader booter_load booter_unload" },
	{ "535.113.01", "tu11x", "gsp bootloader booter_load booter_unload" },
	{ "535.113.01", "ga100", "gsp bootloader booter_load booter_unload" },
	{ "535.113.01", "ga10x", "gsp bootloader booter_load booter_unload" },
	{ "535.113.01", "ad10x", "gsp bootloader booter_load booter_unload" },
	{ "535.113.01", "gh100", "" },
	{ "535.113.01", "gb10x", "" },
	{ "535.113.01", "gb20x", "" },
};

START_TEST(firmware_needs)
{
	const struct nvgsp_abi *abi = nvgsp_abi_find(expected_fw[_i].release);
	const struct nvgsp_abi_fw_need *need;
	char roles[128];
	size_t n = 0;
	const char *const *r;

	ck_assert_ptr_nonnull(abi);
	need = nvgsp_abi_fw_need(abi, expected_fw[_i].sig_family);
	roles[0] = '\0';
	if (need)
		for (r = need->roles; *r; r++)
			n += snprintf(roles + n, sizeof(roles) - n, "%s%s", n ? " " : "", *r);
	ck_assert_msg(!strcmp(roles, expected_fw[_i].roles), "%s %s: '%s', expected '%s'",
		      expected_fw[_i].release, expected_fw[_i].sig_family, roles,
		      expected_fw[_i].roles);
	ck_assert_ptr_null(nvgsp_abi_fw_need(abi, "gv100"));
}
END_TEST

/* ---- number maps -------------------------------------------------------- */

/* Every entry maps both ways, the two sorted views hold the same entries,
 * and ids and numbers outside the table are refused. */
START_TEST(numbers_both_ways)
{
	const struct nvgsp_abi *abi = rel(_i);
	unsigned int g;

	for (g = 0; g < NVGSP_ABI_NR_GROUPS; g++) {
		const struct nvgsp_abi_map *map = &abi->maps[g];
		u32 id, num, back, k, found = 0;

		for (id = 0; id < nvgsp_abi_groups[g].count; id++) {
			int err = nvgsp_abi_number(abi, g, id, &num);

			if (err) {
				ck_assert_int_eq(err, -ENOENT);
				continue;
			}
			found++;
			ck_assert_int_eq(nvgsp_abi_id(abi, g, num, &back), 0);
			ck_assert_msg(back == id, "%s %s %s: %#x maps back to %s", abi->release,
				      nvgsp_abi_group_name(g), nvgsp_abi_id_name(g, id), num,
				      nvgsp_abi_id_name(g, back));
		}
		ck_assert_uint_eq(found, map->count);
		for (k = 0; k < map->count; k++) {
			if (k) {
				ck_assert_uint_lt(map->by_id[k - 1].id, map->by_id[k].id);
				ck_assert_uint_lt(map->by_value[k - 1].value, map->by_value[k].value);
			}
			ck_assert_int_eq(nvgsp_abi_number(abi, g, map->by_value[k].id, &num), 0);
			ck_assert_uint_eq(num, map->by_value[k].value);
		}
		ck_assert_int_eq(nvgsp_abi_number(abi, g, nvgsp_abi_groups[g].count, &num), -EINVAL);
		ck_assert_int_eq(nvgsp_abi_number(abi, g, 0xffffffff, &num), -EINVAL);
		ck_assert_int_eq(nvgsp_abi_id(abi, g, 0xfffffff0, &back), -ENOENT);
		ck_assert_str_eq(nvgsp_abi_id_name(g, nvgsp_abi_groups[g].count), "?");
	}
	ck_assert_int_eq(nvgsp_abi_number(abi, NVGSP_ABI_NR_GROUPS, 0, &(u32){ 0 }), -EINVAL);
	ck_assert_int_eq(nvgsp_abi_id(abi, NVGSP_ABI_NR_GROUPS, 0, &(u32){ 0 }), -EINVAL);
	ck_assert_str_eq(nvgsp_abi_group_name(NVGSP_ABI_NR_GROUPS), "?");
	ck_assert_str_eq(nvgsp_abi_group_name(NVGSP_ABI_GROUP_RPC), "rpc");
	ck_assert_str_eq(nvgsp_abi_id_name(NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_GET_GSP_STATIC_INFO),
			 "GET_GSP_STATIC_INFO");
}
END_TEST

/* Numbers the two releases share (msgq.rst, "RPC and event numbers"), and the ones that moved. */
static const struct {
	enum nvgsp_abi_group group;
	u32 id;
	long r570, r535;	/* -1: the release has none */
} expected_numbers[] = {
	{ NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_NOP, 0, 0 },
	{ NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_FREE, 10, 10 },
	{ NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_UNLOADING_GUEST_DRIVER, 47, 47 },
	{ NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_GET_GSP_STATIC_INFO, 65, 65 },
	{ NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_CONTINUATION_RECORD, 71, 71 },
	{ NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_GSP_SET_SYSTEM_INFO, 72, 72 },
	{ NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_SET_REGISTRY, 73, 73 },
	{ NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_GSP_RM_CONTROL, 76, 76 },
	{ NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_GSP_RM_ALLOC, 103, 103 },
	{ NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_INVALIDATE_TLB, 200, 200 },
	{ NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_CTRL_GPU_QUERY_ECC_STATUS, 201, -1 },
	{ NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_CTRL_DBG_GET_MODE_MMU_DEBUG, 203, -1 },
	{ NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_CTRL_EXEC_PARTITIONS_EXPORT, 226, -1 },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_GSP_INIT_DONE, 0x1001, 0x1001 },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_GSP_RUN_CPU_SEQUENCER, 0x1002, 0x1002 },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_POST_EVENT, 0x1003, 0x1003 },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_RC_TRIGGERED, 0x1004, 0x1004 },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_OS_ERROR_LOG, 0x1006, 0x1006 },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_UCODE_LIBOS_PRINT, 0x100c, 0x100c },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_GPUACCT_PERFMON_UTIL_SAMPLES, 0x1008, 0x1008 },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_PFM_REQ_HNDLR_STATE_SYNC_CALLBACK, 0x101a, 0x101a },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_GSP_SEND_USER_SHARED_DATA, -1, 0x101b },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_NVLINK_FAULT_UP, 0x101b, 0x101c },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_GSP_LOCKDOWN_NOTICE, 0x101c, 0x101d },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_MIG_CI_CONFIG_UPDATE, 0x101d, 0x101e },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_UPDATE_GSP_TRACE, 0x101e, -1 },
	{ NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_RECOVERY_ACTION, 0x1022, -1 },
	{ NVGSP_ABI_GROUP_SEQOP, NVGSP_ABI_SEQOP_REG_WRITE, 0, 0 },
	{ NVGSP_ABI_GROUP_SEQOP, NVGSP_ABI_SEQOP_CORE_RESUME, 8, 8 },
	{ NVGSP_ABI_GROUP_CLASS, NVGSP_ABI_CLASS_NV01_ROOT, 0x0, 0x0 },
	{ NVGSP_ABI_GROUP_CLASS, NVGSP_ABI_CLASS_NV01_DEVICE_0, 0x80, 0x80 },
	{ NVGSP_ABI_GROUP_CLASS, NVGSP_ABI_CLASS_NV20_SUBDEVICE_0, 0x2080, 0x2080 },
	{ NVGSP_ABI_GROUP_CLASS, NVGSP_ABI_CLASS_FERMI_VASPACE_A, 0x90f1, 0x90f1 },
	{ NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE, 0x2080017e, 0x2080017e },
	{ NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV0080_GPU_GET_SRIOV_CAPS, 0x800291, 0x800291 },
	{ NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_BOOTLOAD_GSP_VGPU_PLUGIN_TASK,
	  0x20804001, 0x20804001 },
	{ NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_SHUTDOWN_GSP_VGPU_PLUGIN_TASK,
	  0x20804002, 0x20804002 },
	{ NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_PGPU_ADD_VGPU_TYPE,
	  0x20804003, 0x20804003 },
	{ NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_VGPU_PLUGIN_CLEANUP,
	  0x20804008, 0x20804008 },
	{ NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV2080_GPU_GET_ENGINES_V2, 0x20800170, 0x20800170 },
	{ NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV2080_INTERNAL_INTR_GET_KERNEL_TABLE,
	  0x20800a5c, 0x20800a5c },
	{ NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV2080_GET_CONSTRUCTED_FALCON_INFO,
	  0x208001b0, 0x20800a42 },
	{ NVGSP_ABI_GROUP_STATUS, NVGSP_ABI_STATUS_OK, 0, 0 },
	{ NVGSP_ABI_GROUP_STATUS, NVGSP_ABI_STATUS_NO_MEMORY, 0x51, 0x51 },
	{ NVGSP_ABI_GROUP_STATUS, NVGSP_ABI_STATUS_NOT_READY, 0x55, 0x55 },
	{ NVGSP_ABI_GROUP_STATUS, NVGSP_ABI_STATUS_TIMEOUT_RETRY, 0x66, 0x66 },
	{ NVGSP_ABI_GROUP_NVDM, NVGSP_ABI_NVDM_COT, 0x14, -1 },
};

START_TEST(numbers_per_release)
{
	const struct nvgsp_abi *r570 = nvgsp_abi_find("570.144");
	const struct nvgsp_abi *r535 = nvgsp_abi_find("535.113.01");
	const struct nvgsp_abi *abis[2] = { r570, r535 };
	long want[2] = { expected_numbers[_i].r570, expected_numbers[_i].r535 };
	int k;

	for (k = 0; k < 2; k++) {
		u32 num, id;
		int err = nvgsp_abi_number(abis[k], expected_numbers[_i].group,
					   expected_numbers[_i].id, &num);

		if (want[k] < 0) {
			ck_assert_msg(err == -ENOENT, "%s %s: %#x, expected none", abis[k]->release,
				      nvgsp_abi_id_name(expected_numbers[_i].group,
							expected_numbers[_i].id), num);
			continue;
		}
		ck_assert_msg(!err && num == (u32)want[k], "%s %s: %d/%#x, expected %#lx",
			      abis[k]->release,
			      nvgsp_abi_id_name(expected_numbers[_i].group, expected_numbers[_i].id),
			      err, num, want[k]);
		ck_assert_int_eq(nvgsp_abi_id(abis[k], expected_numbers[_i].group, num, &id), 0);
		ck_assert_uint_eq(id, expected_numbers[_i].id);
	}
}
END_TEST

START_TEST(typed_lookups)
{
	const struct nvgsp_abi *r535 = nvgsp_abi_find("535.113.01");
	const struct nvgsp_abi *r570 = nvgsp_abi_find("570.144");
	u32 v, id;

	/* The same number is a different event in each release. */
	ck_assert_int_eq(nvgsp_abi_event_id(r535, 0x101b, &id), 0);
	ck_assert_uint_eq(id, NVGSP_ABI_EVENT_GSP_SEND_USER_SHARED_DATA);
	ck_assert_int_eq(nvgsp_abi_event_id(r570, 0x101b, &id), 0);
	ck_assert_uint_eq(id, NVGSP_ABI_EVENT_NVLINK_FAULT_UP);
	ck_assert_int_eq(nvgsp_abi_event_id(r535, 0x1022, &id), -ENOENT);
	/* RPC 201 is reserved in 535.113.01. */
	ck_assert_int_eq(nvgsp_abi_rpc_id(r535, 201, &id), -ENOENT);
	ck_assert_int_eq(nvgsp_abi_rpc_id(r570, 201, &id), 0);
	ck_assert_uint_eq(id, NVGSP_ABI_RPC_CTRL_GPU_QUERY_ECC_STATUS);
	ck_assert_int_eq(nvgsp_abi_rpc_number(r535, NVGSP_ABI_RPC_GSP_RM_ALLOC, &v), 0);
	ck_assert_uint_eq(v, 103);
	ck_assert_int_eq(nvgsp_abi_class_number(r570, NVGSP_ABI_CLASS_NV20_SUBDEVICE_0, &v), 0);
	ck_assert_uint_eq(v, 0x2080);
	ck_assert_int_eq(nvgsp_abi_ctrl_id(r570, 0x20800ac3, &id), 0);
	ck_assert_uint_eq(id, NVGSP_ABI_CTRL_NV2080_INTERNAL_FIFO_TOGGLE_ACTIVE_CHANNEL_SCHEDULING);
	ck_assert_int_eq(nvgsp_abi_ctrl_id(r535, 0x20800ac3, &id), 0);
	ck_assert_uint_eq(id, NVGSP_ABI_CTRL_NV2080_INTERNAL_FBSR_SEND_REGION_INFO);
	ck_assert_int_eq(nvgsp_abi_seqop_number(r570, NVGSP_ABI_SEQOP_REG_POLL, &v), 0);
	ck_assert_uint_eq(v, 2);
	ck_assert_int_eq(nvgsp_abi_nvdm_number(r535, NVGSP_ABI_NVDM_COT, &v), -ENOENT);
	ck_assert_int_eq(nvgsp_abi_status_id(r570, 0x56, &id), 0);
	ck_assert_uint_eq(id, NVGSP_ABI_STATUS_NOT_SUPPORTED);
}
END_TEST

/* ---- parameters --------------------------------------------------------- */

static const struct {
	const char *release, *name;
	u64 value;
} expected_params[] = {
	/* 535: LIBOS2 carveout 0, base 8 MiB, min 64 MiB; LIBOS3 20/8/84 MiB. */
	{ "535.113.01", "libos.tu10x", 2 },
	{ "535.113.01", "libos.ga100", 2 },
	{ "535.113.01", "libos.ga10x", 3 },
	{ "535.113.01", "heap.tu10x.os_carveout", 0 },
	{ "535.113.01", "heap.tu10x.base_rm", 8 * MiB },
	{ "535.113.01", "heap.tu10x.min", 64 * MiB },
	{ "535.113.01", "heap.ga10x.os_carveout", 20 * MiB },
	{ "535.113.01", "heap.ad10x.base_rm", 8 * MiB },
	{ "535.113.01", "heap.ga10x.min", 84 * MiB },
	{ "535.113.01", "heap.per_gb_fb", 96 * 1024 },
	{ "535.113.01", "heap.client_alloc", 48 * 1024 * 2048 },
	/* 570: LIBOS3 carveout 22 MiB, min 170 MiB; GH100/GB base 14 MiB. */
	{ "570.144", "libos.tu10x", 2 },
	{ "570.144", "heap.tu10x.min", 64 * MiB },
	{ "570.144", "heap.ga10x.os_carveout", 22 * MiB },
	{ "570.144", "heap.ga10x.base_rm", 8 * MiB },
	{ "570.144", "heap.ga10x.min", 170 * MiB },
	{ "570.144", "heap.ad10x.min", 170 * MiB },
	{ "570.144", "heap.gh100.base_rm", 14 * MiB },
	{ "570.144", "heap.gh100.non_wpr", 2 * MiB },
	{ "570.144", "heap.gb20x.non_wpr", 0x220000 },
	{ "570.144", "heap.gb10x.pmu_reserved", 0x1820000 },
	{ "570.144", "heap.gh100.pmu_reserved", 0 },
	{ "570.144", "wpr.gh100.offsets_by_acr", 1 },
	{ "570.144", "wpr.ga10x.offsets_by_acr", 0 },
	{ "570.144", "fsp.cot_version.gh100", 1 },
	{ "570.144", "fsp.cot_version.gb20x", 2 },
	{ "570.144", "heap.per_gb_fb", 96 * 1024 },
	/* Magic numbers, the same in both. */
	{ "570.144", "wpr_meta.magic", 0xdc3aae21371a60b3ULL },
	{ "535.113.01", "wpr_meta.magic", 0xdc3aae21371a60b3ULL },
	{ "535.113.01", "wpr_meta.revision", 1 },
	{ "570.144", "wpr_meta.verified", 0xa0a0a0a0a0a0a0a0ULL },
	{ "535.113.01", "rpc.signature", 0x43505256 },
	{ "570.144", "rpc.header_version", 0x03000000 },
	{ "570.144", "msgq.element_max", 0x10000 },
	{ "535.113.01", "msgq.cmdq_size", 0x40000 },
	{ "535.113.01", "vgpu.max_engines", 0x3e },
	{ "570.144", "vgpu.max_engines", 0x54 },
	/* NVA081_CTRL_VGPU_INFO and PGPU_ADD_VGPU_TYPE's parameters (ctrla081.h, compiled). */
	{ "535.113.01", "vgpu.type_info_size", 4952 },
	{ "570.144", "vgpu.type_info_size", 5224 },
	{ "535.113.01", "vgpu.add_type_params_size", 316936 },
	{ "570.144", "vgpu.add_type_params_size", 334344 },
	{ "570.144", "vgpu.type_info_max_instance", 324 },
	{ "570.144", "vgpu.type_info_fb_length", 392 },
	/* The vGPU manager's bounds and host RPC channel (dev_vgpu_gsp.h, vgpu.h). */
	{ "535.113.01", "vgpu.max_vmmu_segments", 384 },
	{ "570.144", "vgpu.max_vmmu_segments", 384 },
	{ "535.113.01", "vgpu.max_engines_list", 0x3e },
	{ "570.144", "vgpu.max_engines_list", 0x54 },
	{ "535.113.01", "vgpu.rpc.ctrl_version", 1 },
	{ "570.144", "vgpu.rpc.ctrl_version", 1 },
	{ "535.113.01", "vgpu.rpc.bootloaded", 0x4e654a6f },
	{ "570.144", "vgpu.rpc.bootloaded", 0x4e654a6f },
	{ "535.113.01", "vgpu.rpc.ctrl_size", 4096 },
	{ "570.144", "vgpu.rpc.response_size", 4096 },
	{ "570.144", "vgpu.rpc.message_size", 4096 },
	{ "570.144", "vgpu.rpc.migration_size", 2 * MiB },
	{ "535.113.01", "vgpu.rpc.error_size", 4096 },
	{ "570.144", "vgpu.rpc.init_log_size", 128 * 1024 },
	{ "570.144", "vgpu.rpc.vgpu_log_size", 256 * 1024 },
	{ "535.113.01", "vgpu.rpc.kernel_log_size", 0 },
	{ "570.144", "vgpu.rpc.kernel_log_size", 64 * 1024 },
	{ "535.113.01", "vgpu.msg.version_negotiation", 1 },
	{ "570.144", "vgpu.msg.setup_config_params_and_init", 2 },
	{ "570.144", "vgpu.msg.reset", 3 },
	{ "535.113.01", "vgpu.msg.update_bme_state", 13 },
	{ "570.144", "vgpu.msg.update_bme_state", 13 },
	{ "570.144", "vgpu.msg.get_guest_info", 14 },
};

START_TEST(params)
{
	const struct nvgsp_abi *abi = nvgsp_abi_find(expected_params[_i].release);
	u64 v = 0;

	ck_assert_ptr_nonnull(abi);
	ck_assert_msg(!nvgsp_abi_param(abi, expected_params[_i].name, &v) &&
		      v == expected_params[_i].value, "%s %s: %#llx, expected %#llx",
		      abi->release, expected_params[_i].name, v,
		      expected_params[_i].value);
}
END_TEST

START_TEST(params_absent)
{
	const struct nvgsp_abi *abi = rel(_i);
	u64 v;
	u32 k;

	ck_assert_int_eq(nvgsp_abi_param(abi, "heap.ga10x", &v), -ENOENT);
	ck_assert_int_eq(nvgsp_abi_param(abi, "heap.ga10x.min.x", &v), -ENOENT);
	ck_assert_int_eq(nvgsp_abi_param(abi, "", &v), -ENOENT);
	ck_assert_int_eq(nvgsp_abi_param(abi, "zzz", &v), -ENOENT);
	/* Sorted, so the binary search finds every one. */
	for (k = 0; k < abi->nr_params; k++) {
		if (k)
			ck_assert_int_lt(strcmp(abi->params[k - 1].name, abi->params[k].name), 0);
		ck_assert_int_eq(nvgsp_abi_param(abi, abi->params[k].name, &v), 0);
		ck_assert_uint_eq(v, abi->params[k].value);
	}
	/* Hopper's boot files and sizing exist only from 570. */
	ck_assert_int_eq(nvgsp_abi_param(abi, "heap.gh100.base_rm", &v),
			 strcmp(abi->release, "570.144") ? -ENOENT : 0);
}
END_TEST

/* ---- struct metadata ---------------------------------------------------- */

static const struct {
	const char *name;
	u32 r570, r535;		/* size; 0: the release has no such struct */
} expected_sizes[] = {
	{ "msgqTxHeader", 32, 32 },
	{ "msgqRxHeader", 4, 4 },
	{ "rpc_message_header_v03_00", 32, 32 },
	{ "GSP_MSG_QUEUE_ELEMENT", 80, 80 },
	{ "GspFwWprMeta", 256, 256 },
	{ "LibosMemoryRegionInitArgument", 32, 32 },
	{ "MESSAGE_QUEUE_INIT_ARGUMENTS", 32, 48 },
	{ "GSP_ARGUMENTS_CACHED", 72, 80 },
	{ "PACKED_REGISTRY_ENTRY", 16, 16 },
	{ "PACKED_REGISTRY_TABLE", 8, 8 },
	{ "rpc_gsp_rm_alloc_v03_00", 32, 32 },
	{ "rpc_gsp_rm_control_v03_00", 24, 24 },
	{ "rpc_os_error_log_v17_00", 272, 268 },
	{ "GspSystemInfo", 928, 664 },
	{ "GspStaticConfigInfo", 1656, 2168 },
	{ "NV2080_CTRL_BIOS_GET_SKU_INFO_PARAMS", 48, 32 },
	{ "NV0080_CTRL_GPU_GET_SRIOV_CAPS_PARAMS", 80, 72 },
	{ "NV0000_ALLOC_PARAMETERS", 120, 108 },
	{ "rpc_rc_triggered_v17_02", 48, 20 },
	{ "GSP_FMC_BOOT_PARAMS", 80, 0 },
	{ "NVDM_PAYLOAD_COT", 860, 0 },
	{ "GspSMInfo", 0, 36 },
	{ "NV2080_CTRL_VGPU_MGR_INTERNAL_BOOTLOAD_GSP_VGPU_PLUGIN_TASK_PARAMS", 6616, 6496 },
	{ "NV2080_CTRL_GPU_GET_ENGINES_V2_PARAMS", 340, 252 },
	{ "VGPU_CPU_GSP_CTRL_BUFF_REGION", 4096, 4096 },
	{ "VGPU_CPU_GSP_RESPONSE_BUFF_REGION", 4096, 4096 },
	{ "VGPU_CPU_GSP_DISPLAYLESS_SURFACE", 72, 80 },
	{ "NV_VGPU_CPU_RPC_DATA_VERSION_NEGOTIATION", 8, 8 },
	{ "NV_VGPU_CPU_RPC_DATA_COPY_CONFIG_PARAMS", 112, 88 },
	{ "NV_VGPU_CPU_RPC_DATA_UPDATE_BME_STATE", 2, 2 },
};

START_TEST(struct_sizes)
{
	int k;

	for (k = 0; k < N_RELEASES; k++) {
		const struct nvgsp_abi_struct *s = nvgsp_abi_find_struct(rel(k), expected_sizes[_i].name);
		u32 want = k ? expected_sizes[_i].r535 : expected_sizes[_i].r570;

		ck_assert_msg(want ? s && s->size == want : !s, "%s %s: %u, expected %u",
			      releases[k], expected_sizes[_i].name, s ? s->size : 0, want);
		/* The module's size table says the same. */
		ck_assert_uint_eq(nvgsp_abi_struct_size(rel(k), expected_sizes[_i].name), want);
	}
}
END_TEST

/* Every field lies inside its struct; offsets never go backwards outside unions. */
START_TEST(struct_metadata)
{
	const struct nvgsp_abi *abi = rel(_i);
	const struct nvgsp_abi_struct *all;
	u32 k, f, n;

	all = nvgsp_abi_structs(abi, &n);
	ck_assert_uint_gt(n, 40);
	ck_assert_uint_eq(n, abi->nr_struct_sizes);
	for (k = 0; k < n; k++) {
		const struct nvgsp_abi_struct *s = &all[k];

		ck_assert_ptr_eq(nvgsp_abi_find_struct(abi, s->name), s);
		ck_assert_str_eq(abi->struct_sizes[k].name, s->name);
		ck_assert_uint_eq(abi->struct_sizes[k].size, s->size);
		ck_assert_uint_gt(s->nr_fields, 0);
		ck_assert_uint_eq(s->size % s->align, 0);
		for (f = 0; f < s->nr_fields; f++) {
			const struct nvgsp_abi_field *fl = &s->fields[f];

			ck_assert_msg(fl->offset + fl->size <= s->size, "%s %s.%s past the end",
				      abi->release, s->name, fl->name);
			if (fl->flags & NVGSP_ABI_FIELD_FLEX)
				ck_assert(s->flags & NVGSP_ABI_STRUCT_FLEX);
			if (fl->flags & NVGSP_ABI_FIELD_ARRAY)
				ck_assert_uint_eq(fl->size % fl->count, 0);
		}
	}
	ck_assert_ptr_null(nvgsp_abi_find_struct(abi, "NoSuchStruct"));
	ck_assert_ptr_null(nvgsp_abi_find_struct(abi, "GspFwWprMet"));
}
END_TEST

/* ---- codecs ------------------------------------------------------------- */

static const struct {
	enum nvgsp_abi_codec_id id;
	const char *name;
	size_t size;
} codecs[] = {
#define X(ID, name) { NVGSP_ABI_CODEC_##ID, #name, sizeof(struct nvgsp_abi_##name) },
	NVGSP_ABI_FOR_EACH_CODEC(X)
#undef X
};
#define N_CODECS (int)(ARRAY_SIZE(codecs))

/* Mark the wire's bool members (recursively) so a decode/encode round trip
 * keeps them: NvBool is 0 or 1 on the wire and in the neutral struct. */
static void wire_fix_bools(const struct nvgsp_abi *abi, const struct nvgsp_abi_struct *s,
			   u8 *p, u32 base, u32 limit)
{
	u32 f, e;

	for (f = 0; f < s->nr_fields; f++) {
		const struct nvgsp_abi_field *fl = &s->fields[f];
		const struct nvgsp_abi_struct *sub = nvgsp_abi_find_struct(abi, fl->type);
		u32 n = fl->count ? fl->count : 1;

		if (fl->flags & NVGSP_ABI_FIELD_FLEX)
			continue;
		for (e = 0; e < n; e++) {
			u32 elem = fl->size / n, at = base + fl->offset + e * elem;

			if (!strcmp(fl->type, "bool") && at < limit)
				p[at] = (at & 1);
			else if (sub)
				wire_fix_bools(abi, sub, p, at, limit);
		}
	}
}

/* wire -> neutral -> wire -> neutral gives the same neutral struct and
 * wire bytes that decode to it; re-encoding is stable. */
START_TEST(codec_round_trip)
{
	int r = _i / N_CODECS, c = _i % N_CODECS;
	const struct nvgsp_abi *abi = rel(r);
	u32 size = nvgsp_abi_codec_size(abi, codecs[c].id);
	const struct nvgsp_abi_codec *codec = &abi->codecs[codecs[c].id];
	u8 *wire, *wire2, *wire3, *n1, *n2;
	const struct nvgsp_abi_struct *s;
	char wname[96];
	u32 k;

	if (!size) {
		ck_assert_int_eq(nvgsp_abi_encode(abi, codecs[c].id, NULL, NULL, 0), -EOPNOTSUPP);
		ck_assert_int_eq(nvgsp_abi_decode(abi, codecs[c].id, NULL, NULL, 0), -EOPNOTSUPP);
		ck_assert_uint_eq(nvgsp_abi_codec_fields(abi, codecs[c].id), 0);
		return;
	}
	ck_assert_uint_ne(nvgsp_abi_codec_fields(abi, codecs[c].id), 0);
	/* The codec's wire struct is one of the release's structs. */
	for (k = 0; codec->wire[k] && codec->wire[k] != ' ' && k < sizeof(wname) - 1; k++)
		wname[k] = codec->wire[k];
	wname[k] = '\0';
	s = nvgsp_abi_find_struct(abi, wname);
	ck_assert_msg(s, "%s codec %s: no struct %s", abi->release, codecs[c].name, wname);
	ck_assert_uint_le(size, s->size);

	wire = malloc(size);
	wire2 = calloc(1, size);
	wire3 = calloc(1, size);
	n1 = malloc(codecs[c].size);
	n2 = malloc(codecs[c].size);
	for (k = 0; k < size; k++)
		wire[k] = (u8)(k * 37 + 11 + _i);
	wire_fix_bools(abi, s, wire, 0, size);
	memset(n1, 0x5a, codecs[c].size);
	memset(n2, 0xa5, codecs[c].size);

	ck_assert_int_eq(nvgsp_abi_decode(abi, codecs[c].id, n1, wire, size), (int)size);
	ck_assert_int_eq(nvgsp_abi_encode(abi, codecs[c].id, n1, wire2, size), (int)size);
	ck_assert_int_eq(nvgsp_abi_decode(abi, codecs[c].id, n2, wire2, size), (int)size);
	ck_assert_msg(!memcmp(n1, n2, codecs[c].size), "%s codec %s: round trip differs",
		      abi->release, codecs[c].name);
	ck_assert_int_eq(nvgsp_abi_encode(abi, codecs[c].id, n2, wire3, size + 7), (int)size);
	ck_assert(!memcmp(wire2, wire3, size));
	/* Unmapped bytes of the wire are zero after encoding, mapped ones as read. */
	for (k = 0; k < size; k++)
		ck_assert(wire2[k] == 0 || wire2[k] == wire[k]);
	free(wire);
	free(wire2);
	free(wire3);
	free(n1);
	free(n2);
}
END_TEST

/*
 * Golden bytes: every codec of every release decodes two patterned wire
 * buffers and encodes the result again; an FNV-1a hash over the neutral
 * structs and the re-encoded bytes must equal the value recorded from the
 * codecs with literal offsets that the offsetof/sizeof ones replaced (the
 * same bytes, byte for byte, in both directions). A deliberate change to a spec or
 * codec changes these: print the new values with NVGSP_ABI_GOLDEN=print.
 */
static const struct {
	const char *release;
	const char *codec;
	u32 size;
	u64 hash;
} codec_golden[] = {
#include "check_abi_golden.h"
};

static u64 fnv1a(u64 h, const u8 *p, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		h = (h ^ p[k]) * 0x100000001b3ULL;
	return h;
}

START_TEST(codec_golden_bytes)
{
	int r = _i / N_CODECS, c = _i % N_CODECS;
	const struct nvgsp_abi *abi = rel(r);
	u32 size = nvgsp_abi_codec_size(abi, codecs[c].id);
	const struct nvgsp_abi_codec *codec = &abi->codecs[codecs[c].id];
	const struct nvgsp_abi_struct *s;
	u64 h = 0xcbf29ce484222325ULL;
	u8 *wire, *out, *n;
	char wname[96];
	unsigned int k, pat;

	if (!size)
		return;
	for (k = 0; codec->wire[k] && codec->wire[k] != ' ' && k < sizeof(wname) - 1; k++)
		wname[k] = codec->wire[k];
	wname[k] = '\0';
	s = nvgsp_abi_find_struct(abi, wname);
	ck_assert_ptr_nonnull(s);
	wire = malloc(size);
	out = malloc(size);
	n = malloc(codecs[c].size);
	for (pat = 0; pat < 2; pat++) {
		for (k = 0; k < size; k++)
			wire[k] = pat ? 0xff : (u8)(k * 131 + 7);
		wire_fix_bools(abi, s, wire, 0, size);
		memset(n, 0x3c, codecs[c].size);
		memset(out, 0xc3, size);
		ck_assert_int_eq(nvgsp_abi_decode(abi, codecs[c].id, n, wire, size), (int)size);
		ck_assert_int_eq(nvgsp_abi_encode(abi, codecs[c].id, n, out, size), (int)size);
		h = fnv1a(h, n, codecs[c].size);
		h = fnv1a(h, out, size);
	}
	free(wire);
	free(out);
	free(n);
	if (getenv("NVGSP_ABI_GOLDEN")) {
		fprintf(stderr, "\t{ \"%s\", \"%s\", %u, 0x%016llxULL },\n", abi->release,
			codecs[c].name, size, h);
		return;
	}
	for (k = 0; k < ARRAY_SIZE(codec_golden); k++) {
		if (strcmp(codec_golden[k].release, abi->release) ||
		    strcmp(codec_golden[k].codec, codecs[c].name))
			continue;
		ck_assert_uint_eq(codec_golden[k].size, size);
		ck_assert_msg(codec_golden[k].hash == h,
			      "%s codec %s: bytes differ from the golden (hash 0x%016llx)",
			      abi->release, codecs[c].name, h);
		return;
	}
	ck_abort_msg("%s codec %s: no golden", abi->release, codecs[c].name);
}
END_TEST

/* A buffer one byte short is refused both ways, and nothing is written. */
START_TEST(codec_short_buffers)
{
	int r = _i / N_CODECS, c = _i % N_CODECS;
	const struct nvgsp_abi *abi = rel(r);
	u32 size = nvgsp_abi_codec_size(abi, codecs[c].id);
	u8 *wire, *n;
	u32 k;

	if (!size)
		return;
	wire = malloc(size);
	n = calloc(1, codecs[c].size);
	memset(wire, 0xee, size);
	ck_assert_int_eq(nvgsp_abi_encode(abi, codecs[c].id, n, wire, size - 1), -EINVAL);
	ck_assert_int_eq(nvgsp_abi_encode(abi, codecs[c].id, n, wire, 0), -EINVAL);
	for (k = 0; k < size; k++)
		ck_assert_uint_eq(wire[k], 0xee);
	memset(n, 0x77, codecs[c].size);
	ck_assert_int_eq(nvgsp_abi_decode(abi, codecs[c].id, n, wire, size - 1), -EINVAL);
	ck_assert_int_eq(nvgsp_abi_decode(abi, codecs[c].id, n, wire, 0), -EINVAL);
	for (k = 0; k < codecs[c].size; k++)
		ck_assert_uint_eq(n[k], 0x77);
	ck_assert_int_eq(nvgsp_abi_encode(abi, NVGSP_ABI_NR_CODECS, n, wire, size), -EINVAL);
	ck_assert_int_eq(nvgsp_abi_decode(abi, NVGSP_ABI_NR_CODECS, n, wire, size), -EINVAL);
	free(wire);
	free(n);
}
END_TEST

static u64 le(const u8 *p, int n)
{
	u64 v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

START_TEST(wpr_meta_bytes)
{
	const struct nvgsp_abi *abi = rel(_i);
	bool r570 = !strcmp(abi->release, "570.144");
	static const u8 magic[8] = { 0xb3, 0x60, 0x1a, 0x37, 0x21, 0xae, 0x3a, 0xdc };
	struct nvgsp_abi_wpr_meta m = { 0 }, back;
	u8 wire[256 + 1];
	u64 fields;

	m.magic = 0xdc3aae21371a60b3ULL;
	m.revision = 1;
	m.sysmem_addr_signature = 0x1122334455667788ULL;
	m.size_signature = 0x1000;
	m.gsp_fw_heap_size = 170 * MiB;
	m.heap_vf_partition_count = 32;
	m.flags = 0x5;
	m.pmu_reserved_size = 0x1820000;
	m.verified = 0xa0a0a0a0a0a0a0a0ULL;
	wire[256] = 0xcc;
	ck_assert_int_eq(nvgsp_abi_encode_wpr_meta(abi, &m, wire, sizeof(wire)), 256);
	ck_assert_uint_eq(wire[256], 0xcc);
	ck_assert(!memcmp(wire, magic, 8));
	ck_assert_uint_eq(le(wire + 8, 8), 1);
	ck_assert_uint_eq(le(wire + 72, 8), 0x1122334455667788ULL);	/* sysmemAddrOfSignature */
	ck_assert_uint_eq(le(wire + 80, 8), 0x1000);
	ck_assert_uint_eq(le(wire + 128, 8), 170 * MiB);		/* gspFwHeapSize */
	ck_assert_uint_eq(wire[240], 32);				/* gspFwHeapVfPartitionCount */
	ck_assert_uint_eq(le(wire + 248, 8), 0xa0a0a0a0a0a0a0a0ULL);	/* verified */
	fields = nvgsp_abi_codec_fields(abi, NVGSP_ABI_CODEC_WPR_META);
	if (r570) {
		/* 570 reuses padding: flags at 241, pmuReservedSize at 244. */
		ck_assert_uint_eq(wire[241], 5);
		ck_assert_uint_eq(le(wire + 244, 4), 0x1820000);
		ck_assert(fields & NVGSP_ABI_WPR_META_F_PMU_RESERVED_SIZE);
	} else {
		/* 535 has padding there: zero, whatever the neutral says. */
		ck_assert_uint_eq(le(wire + 241, 7), 0);
		ck_assert(!(fields & NVGSP_ABI_WPR_META_F_FLAGS));
		ck_assert(!(fields & NVGSP_ABI_WPR_META_F_PMU_RESERVED_SIZE));
	}
	ck_assert(fields & NVGSP_ABI_WPR_META_F_MAGIC);
	ck_assert_int_eq(nvgsp_abi_decode_wpr_meta(abi, &back, wire, 256), 256);
	ck_assert_uint_eq(back.magic, m.magic);
	ck_assert_uint_eq(back.gsp_fw_heap_size, m.gsp_fw_heap_size);
	ck_assert_uint_eq(back.pmu_reserved_size, r570 ? m.pmu_reserved_size : 0);
	ck_assert_uint_eq(back.flags, r570 ? m.flags : 0);
}
END_TEST

START_TEST(queue_headers_bytes)
{
	const struct nvgsp_abi *abi = rel(_i);
	bool r570 = !strcmp(abi->release, "570.144");
	struct nvgsp_abi_rpc_header h = { 0 };
	struct nvgsp_abi_msgq_element e = { 0 };
	struct nvgsp_abi_msgq_init_args q = { 0 };
	struct nvgsp_abi_gsp_args g = { 0 }, gb;
	u8 wire[128];

	h.header_version = 0x03000000;
	h.signature = 0x43505256;
	h.length = 32 + 16;
	h.function = 103;
	h.rpc_result = 0xffffffff;
	h.rpc_result_private = 0xffffffff;
	h.sequence = 7;
	h.cpu_rm_gfid = 3;
	ck_assert_int_eq(nvgsp_abi_encode_rpc_header(abi, &h, wire, sizeof(wire)), 32);
	ck_assert(!memcmp(wire + 4, "VRPC", 4));
	ck_assert_uint_eq(le(wire, 4), 0x03000000);
	ck_assert_uint_eq(le(wire + 12, 4), 103);
	ck_assert_uint_eq(le(wire + 28, 4), 3);

	/* The element header is 48 bytes: the RPC header starts at 48. */
	e.checksum = 0xdeadbeef;
	e.seq_num = 9;
	e.elem_count = 2;
	e.auth_tag[0] = 0x11;
	e.aad[15] = 0x22;
	ck_assert_int_eq(nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT), 48);
	ck_assert_int_eq(nvgsp_abi_encode_msgq_element(abi, &e, wire, 48), 48);
	ck_assert_uint_eq(wire[0], 0x11);
	ck_assert_uint_eq(wire[31], 0x22);
	ck_assert_uint_eq(le(wire + 32, 4), 0xdeadbeef);
	ck_assert_uint_eq(le(wire + 36, 4), 9);
	ck_assert_uint_eq(le(wire + 40, 4), 2);
	ck_assert_uint_eq(le(wire + 44, 4), 0);

	/* MESSAGE_QUEUE_INIT_ARGUMENTS loses its lockless offsets in 570. */
	q.shared_mem_phys_addr = 0x123456000ULL;
	q.page_table_entry_count = 129;
	q.cmd_queue_offset = 0x1000;
	q.stat_queue_offset = 0x41000;
	q.lockless_cmd_queue_offset = 0x5000;
	ck_assert_int_eq(nvgsp_abi_encode_msgq_init_args(abi, &q, wire, sizeof(wire)),
			 r570 ? 32 : 48);
	ck_assert_uint_eq(le(wire + 16, 8), 0x1000);
	ck_assert_uint_eq(le(wire + 24, 8), 0x41000);
	if (!r570)
		ck_assert_uint_eq(le(wire + 32, 8), 0x5000);

	/* ... which moves srInitArguments in GSP_ARGUMENTS_CACHED. */
	g.shared_mem_phys_addr = 0x123456000ULL;
	g.sr_old_level = 3;
	g.gpu_instance = 1;
	g.dmem_stack = true;
	g.profiler_pa = 0xabc000;
	ck_assert_int_eq(nvgsp_abi_encode_gsp_args(abi, &g, wire, sizeof(wire)), r570 ? 72 : 80);
	ck_assert_uint_eq(le(wire + (r570 ? 32 : 48), 4), 3);
	ck_assert_uint_eq(le(wire + (r570 ? 44 : 60), 4), 1);
	ck_assert_uint_eq(le(wire + (r570 ? 56 : 64), 8), 0xabc000);
	if (r570)
		ck_assert_uint_eq(wire[48], 1);
	ck_assert_int_eq(nvgsp_abi_decode_gsp_args(abi, &gb, wire, r570 ? 72 : 80), r570 ? 72 : 80);
	ck_assert(gb.dmem_stack == r570);
	ck_assert_uint_eq(gb.profiler_pa, 0xabc000);
}
END_TEST

START_TEST(narrowing_refused)
{
	const struct nvgsp_abi *abi = rel(_i);
	bool r570 = !strcmp(abi->release, "570.144");
	struct nvgsp_abi_static_info si;
	struct nvgsp_abi_os_error_log log;
	u8 *wire = malloc(4096);
	int size = (int)nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_STATIC_INFO);

	memset(&si, 0, sizeof(si));
	si.fbio_mask = 0x1ffffffffULL;	/* u32 in 535, u64 in 570 */
	memset(wire, 0xee, 4096);
	ck_assert_int_eq(nvgsp_abi_encode_static_info(abi, &si, wire, 4096),
			 r570 ? size : -ERANGE);
	if (!r570)
		ck_assert_uint_eq(wire[0], 0xee);	/* nothing written */
	si.fbio_mask = 0xffffffff;
	ck_assert_int_eq(nvgsp_abi_encode_static_info(abi, &si, wire, 4096), size);

	/* What 570 added to the static and system info reaches the driver. */
	ck_assert(!(nvgsp_abi_codec_fields(abi, NVGSP_ABI_CODEC_STATIC_INFO) &
		    NVGSP_ABI_STATIC_INFO_F_FW_WPR_FRTS_OFFSET) == !r570);
	ck_assert(!(nvgsp_abi_codec_fields(abi, NVGSP_ABI_CODEC_SYSTEM_INFO) &
		    NVGSP_ABI_SYSTEM_INFO_F_GPU_PHYS_IO_ADDR) == !r570);
	ck_assert(!(nvgsp_abi_codec_fields(abi, NVGSP_ABI_CODEC_MSGQ_INIT_ARGS) &
		    NVGSP_ABI_MSGQ_INIT_ARGS_F_LOCKLESS_CMD_QUEUE_OFFSET) == r570);
	ck_assert(nvgsp_abi_codec_fields(abi, NVGSP_ABI_CODEC_SYSTEM_INFO) &
		  NVGSP_ABI_SYSTEM_INFO_F_VF_TOTAL);

	memset(&log, 0, sizeof(log));
	memcpy(log.err_string, "Xid 79", 7);
	log.chid = 5;
	ck_assert_int_eq(nvgsp_abi_encode_os_error_log(abi, &log, wire, 4096), r570 ? 272 : 268);
	ck_assert_str_eq((char *)wire + 12, "Xid 79");
	free(wire);
}
END_TEST

/*
 * The bootload parameters: typed arrays element by element at the wire's
 * count, the 570-only members at their offsets (ctrl2080vgpumgrinternal.h,
 * laid out by hand: 535 chidOffset[0x3e] ... 6,496 bytes; 570
 * chidOffset[0x54] ... 6,616 bytes), and a neutral array element beyond the
 * release's bound refused.
 */
START_TEST(vgpu_bootload_bytes)
{
	const struct nvgsp_abi *abi = rel(_i);
	bool r570 = !strcmp(abi->release, "570.144");
	int size = r570 ? 6616 : 6496, engines = r570 ? 0x54 : 0x3e;
	u32 seg_addr = r570 ? 376 : 288, seg_len = seg_addr + 384 * 8;
	u32 heap = seg_len + 384 * 8;
	struct nvgsp_abi_vgpu_bootload *b = calloc(1, sizeof(*b));
	struct nvgsp_abi_vgpu_bootload *back = calloc(1, sizeof(*back));
	u8 *wire = malloc(8192);
	u64 fields;
	int k;

	b->dbdf = 0x00000108;
	b->gfid = 3;
	b->vgpu_type = 869;
	b->swizz_id = 0xffffffff;
	b->num_plugin_channels = 5;
	for (k = 0; k < engines; k++)
		b->chid_offset[k] = 0x10000 + k;
	b->disable_smc_restore = true;
	b->num_fb_segments = 2;
	b->fb_seg_addr[0] = 0x3c0000000ULL;
	b->fb_seg_addr[383] = 0x123456789aULL;
	b->fb_seg_len[1] = 0x20000000;
	b->plugin_heap_addr = 0x7f0000000ULL;
	b->ctrl_buff_offset = 0x1000;
	b->vgpu_log_size = 256 * 1024;
	b->profiling = true;
	if (r570) {
		b->kernel_log_offset = 0x71000;
		b->kernel_log_size = 64 * 1024;
		b->mig_heap_addr = 0x800000000ULL;
		b->mig_heap_len = 0x2000000;
	}
	memset(wire, 0xee, 8192);
	ck_assert_int_eq(nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_VGPU_BOOTLOAD), size);
	ck_assert_int_eq(nvgsp_abi_encode_vgpu_bootload(abi, b, wire, 8192), size);
	ck_assert_uint_eq(wire[size], 0xee);
	ck_assert_uint_eq(le(wire, 4), 0x108);
	ck_assert_uint_eq(le(wire + 8, 4), 869);
	ck_assert_uint_eq(le(wire + 24, 4), 5);
	for (k = 0; k < engines; k++)
		ck_assert_uint_eq(le(wire + 28 + 4 * k, 4), 0x10000 + (u32)k);
	ck_assert_uint_eq(wire[28 + 4 * engines], 1);		/* bDisable... */
	ck_assert_uint_eq(le(wire + 28 + 4 * engines + 4, 4), 2);	/* numGuestFbSegments */
	ck_assert_uint_eq(le(wire + seg_addr, 8), 0x3c0000000ULL);
	ck_assert_uint_eq(le(wire + seg_addr + 383 * 8, 8), 0x123456789aULL);
	ck_assert_uint_eq(le(wire + seg_len + 8, 8), 0x20000000);
	ck_assert_uint_eq(le(wire + heap, 8), 0x7f0000000ULL);
	ck_assert_uint_eq(le(wire + heap + 16, 8), 0x1000);		/* ctrlBuffOffset */
	ck_assert_uint_eq(le(wire + heap + 48, 8), 256 * 1024);	/* vgpuTaskLogBuffSize */
	if (r570) {
		ck_assert_uint_eq(le(wire + heap + 56, 8), 0x71000);
		ck_assert_uint_eq(le(wire + heap + 64, 8), 64 * 1024);
		ck_assert_uint_eq(le(wire + heap + 72, 8), 0x800000000ULL);
		ck_assert_uint_eq(le(wire + heap + 80, 8), 0x2000000);
	}
	ck_assert_uint_eq(wire[size - 8], 1);			/* bDeviceProfilingEnabled */
	ck_assert_uint_eq(le(wire + size - 7, 7), 0);

	fields = nvgsp_abi_codec_fields(abi, NVGSP_ABI_CODEC_VGPU_BOOTLOAD);
	ck_assert(fields & NVGSP_ABI_VGPU_BOOTLOAD_F_CHID_OFFSET);
	ck_assert(!(fields & NVGSP_ABI_VGPU_BOOTLOAD_F_KERNEL_LOG_OFFSET) == !r570);
	ck_assert(!(fields & NVGSP_ABI_VGPU_BOOTLOAD_F_MIG_HEAP_LEN) == !r570);

	/* Decoding fills the wire's elements and leaves the rest 0. */
	memset(back, 0x5a, sizeof(*back));
	ck_assert_int_eq(nvgsp_abi_decode_vgpu_bootload(abi, back, wire, size), size);
	ck_assert(!memcmp(b, back, sizeof(*b)));
	ck_assert_uint_eq(back->chid_offset[engines - 1], 0x10000 + (u32)engines - 1);
	ck_assert_uint_eq(back->chid_offset[95], 0);

	/* An element beyond the release's NV2080_GPU_MAX_ENGINES: refused, nothing written. */
	b->chid_offset[engines] = 1;
	memset(wire, 0xee, 8192);
	ck_assert_int_eq(nvgsp_abi_encode_vgpu_bootload(abi, b, wire, 8192), -ERANGE);
	ck_assert_uint_eq(wire[0], 0xee);
	b->chid_offset[engines] = 0;
	b->chid_offset[95] = 1;
	ck_assert_int_eq(nvgsp_abi_encode_vgpu_bootload(abi, b, wire, 8192), -ERANGE);
	b->chid_offset[95] = 0;
	ck_assert_int_eq(nvgsp_abi_encode_vgpu_bootload(abi, b, wire, 8192), size);
	free(b);
	free(back);
	free(wire);
}
END_TEST

/* GET_ENGINES_V2's reply: engineList[] element by element, 0 beyond the count. */
START_TEST(gpu_engines_bytes)
{
	const struct nvgsp_abi *abi = rel(_i);
	bool r570 = !strcmp(abi->release, "570.144");
	int size = r570 ? 340 : 252, list = r570 ? 0x54 : 0x3e;
	struct nvgsp_abi_gpu_engines e;
	u8 wire[340];
	int k;

	for (k = 0; k < size; k++)
		wire[k] = (u8)(k + 1);
	memset(&e, 0x5a, sizeof(e));
	ck_assert_int_eq(nvgsp_abi_decode_gpu_engines(abi, &e, wire, size), size);
	ck_assert_uint_eq(e.engine_count, 0x04030201);
	ck_assert_uint_eq(e.engine_list[0], 0x08070605);
	ck_assert_uint_eq(e.engine_list[list - 1], le(wire + 4 + 4 * (list - 1), 4));
	for (k = list; k < 96; k++)
		ck_assert_uint_eq(e.engine_list[k], 0);
	e.engine_list[list] = 0x13;
	ck_assert_int_eq(nvgsp_abi_encode_gpu_engines(abi, &e, wire, size), -ERANGE);
}
END_TEST

/*
 * The host RPC channel (RFC1 dev_vgpu_gsp.h for 535, RFC2 vgpu.h for 570),
 * offsets by hand: the control region's fields; the response region with and
 * without message_seq_num_received (surface[4] of 80 bytes in 535, where
 * vmiop_bool_t is an enum, 72 in 570); the configuration's 88/112 bytes.
 */
START_TEST(vgpu_rpc_bytes)
{
	const struct nvgsp_abi *abi = rel(_i);
	bool r570 = !strcmp(abi->release, "570.144");
	struct nvgsp_abi_vgpu_rpc_ctrl c = { 0 };
	struct nvgsp_abi_vgpu_rpc_resp r;
	struct nvgsp_abi_vgpu_rpc_config cfg = { 0 }, cback;
	struct nvgsp_abi_vgpu_rpc_bme bme = { 0 };
	struct nvgsp_abi_vgpu_rpc_version v = { 0 };
	u8 *wire = malloc(4096);
	u64 fields;

	c.version = 1;
	c.message_type = 2;
	c.message_seq = 7;
	c.response_off = 0x1000;
	c.message_off = 0x2000;
	c.migration_off = 0x3000;
	c.error_off = 0x203000;
	c.migration_cpu_off = 9;
	c.migration_in_progress = true;
	c.error_cpu_get = 4;
	c.attached_vgpus = 1;
	memset(wire, 0xee, 4096);
	ck_assert_int_eq(nvgsp_abi_encode_vgpu_rpc_ctrl(abi, &c, wire, 4096), 4096);
	ck_assert_uint_eq(le(wire, 4), 1);
	ck_assert_uint_eq(le(wire + 4, 4), 2);
	ck_assert_uint_eq(le(wire + 8, 4), 7);
	ck_assert_uint_eq(le(wire + 12, 4), 0);
	ck_assert_uint_eq(le(wire + 16, 8), 0x1000);
	ck_assert_uint_eq(le(wire + 40, 8), 0x203000);
	ck_assert_uint_eq(le(wire + 48, 4), 9);
	ck_assert_uint_eq(wire[52], 1);
	ck_assert_uint_eq(le(wire + 56, 4), 4);
	ck_assert_uint_eq(le(wire + 60, 4), 1);
	ck_assert_uint_eq(le(wire + 64, 8), 0);		/* host_info[] */
	ck_assert_uint_eq(wire[4095], 0);

	memset(wire, 0, 4096);
	wire[0] = 0x11;
	wire[4] = 0x22;
	wire[r570 ? 312 : 344] = 0x33;	/* error_buff_gsp_put_idx, after surface[4] */
	wire[r570 ? 316 : 348] = 0x44;
	if (r570) {
		wire[320] = 0x55;	/* guest_os_type */
		wire[324] = 0x66;	/* frl_config */
	}
	ck_assert_int_eq(nvgsp_abi_decode_vgpu_rpc_resp(abi, &r, wire, 4096), 4096);
	ck_assert_uint_eq(r.seq_received, r570 ? 0x11 : 0);
	ck_assert_uint_eq(r.seq_processed, r570 ? 0x22 : 0x11);
	ck_assert_uint_eq(r.result, r570 ? 0 : 0x22);
	ck_assert_uint_eq(r.error_gsp_put, 0x33);
	ck_assert_uint_eq(r.grid_license_state, 0x44);
	ck_assert_uint_eq(r.guest_os_type, r570 ? 0x55 : 0);
	ck_assert_uint_eq(r.frl_config, r570 ? 0x66 : 0);
	fields = nvgsp_abi_codec_fields(abi, NVGSP_ABI_CODEC_VGPU_RPC_RESP);
	ck_assert(!(fields & NVGSP_ABI_VGPU_RPC_RESP_F_SEQ_RECEIVED) == !r570);

	cfg.vgpu_uuid[0] = 0xab;
	cfg.vgpu_uuid[15] = 0xcd;
	cfg.dbdf = 0x108;
	cfg.host_cpu_arch = 2;
	cfg.host_page_size = 4096;
	cfg.enable_uvm = true;
	cfg.use_non_stall_linux_events = true;
	cfg.placement_id = r570 ? 0x1234 : 0;
	cfg.channel_usage_threshold_percentage = r570 ? 80 : 0;
	memset(wire, 0xee, 4096);
	ck_assert_int_eq(nvgsp_abi_encode_vgpu_rpc_config(abi, &cfg, wire, 4096), r570 ? 112 : 88);
	ck_assert_uint_eq(wire[0], 0xab);
	ck_assert_uint_eq(wire[15], 0xcd);
	ck_assert_uint_eq(le(wire + 16, 4), 0x108);
	ck_assert_uint_eq(le(wire + 60, 4), 2);
	ck_assert_uint_eq(le(wire + 64, 8), 4096);
	ck_assert_uint_eq(wire[r570 ? 75 : 74], 1);	/* enable_uvm, after rev1[3]/[2] */
	ck_assert_uint_eq(wire[r570 ? 80 : 79], 1);	/* use_non_stall_linux_events */
	if (r570) {
		ck_assert_uint_eq(le(wire + 84, 2), 0x1234);
		ck_assert_uint_eq(le(wire + 92, 4), 80);
		ck_assert_uint_eq(le(wire + 96, 16), 0);	/* rev5..rev7, padding */
	} else {
		ck_assert_uint_eq(le(wire + 80, 8), 0);		/* rev3, padding */
	}
	ck_assert_int_eq(nvgsp_abi_decode_vgpu_rpc_config(abi, &cback, wire, 4096), r570 ? 112 : 88);
	ck_assert(!memcmp(&cfg, &cback, sizeof(cfg)));
	fields = nvgsp_abi_codec_fields(abi, NVGSP_ABI_CODEC_VGPU_RPC_CONFIG);
	ck_assert(!(fields & NVGSP_ABI_VGPU_RPC_CONFIG_F_PLACEMENT_ID) == !r570);

	bme.enable = true;
	ck_assert_int_eq(nvgsp_abi_encode_vgpu_rpc_bme(abi, &bme, wire, 4096), 2);
	ck_assert_uint_eq(wire[0], 1);
	ck_assert_uint_eq(wire[1], 0);
	v.version_cpu = 0x12345678;
	ck_assert_int_eq(nvgsp_abi_encode_vgpu_rpc_version(abi, &v, wire, 4096), 8);
	ck_assert_uint_eq(le(wire, 8), 0x12345678);
	free(wire);
}
END_TEST

START_TEST(fsp_cot_bytes)
{
	const struct nvgsp_abi *abi = nvgsp_abi_find("570.144");
	struct nvgsp_abi_fsp_cot cot;
	u8 wire[860];

	memset(&cot, 0, sizeof(cot));
	cot.version = 2;
	cot.size = 860;
	cot.gsp_fmc_sysmem_offset = 0x1000;
	cot.frts_vidmem_offset = 0x220000;
	cot.frts_vidmem_size = 0x100000;
	cot.hash384[0] = 0xaa;
	cot.public_key[383] = 0xbb;
	cot.signature[0] = 0xcc;
	cot.gsp_boot_args_sysmem_offset = 0xfffff000;
	ck_assert_int_eq(nvgsp_abi_encode_fsp_cot(abi, &cot, wire, sizeof(wire)), 860);
	/* Packed: no padding anywhere. */
	ck_assert_uint_eq(le(wire, 2), 2);
	ck_assert_uint_eq(le(wire + 2, 2), 860);
	ck_assert_uint_eq(le(wire + 4, 8), 0x1000);
	ck_assert_uint_eq(le(wire + 24, 8), 0x220000);
	ck_assert_uint_eq(le(wire + 32, 4), 0x100000);
	ck_assert_uint_eq(wire[36], 0xaa);
	ck_assert_uint_eq(wire[84 + 383], 0xbb);
	ck_assert_uint_eq(wire[468], 0xcc);
	ck_assert_uint_eq(le(wire + 852, 8), 0xfffff000);
	/* 535.113.01 has no FSP boot. */
	ck_assert_int_eq(nvgsp_abi_encode_fsp_cot(nvgsp_abi_find("535.113.01"), &cot, wire,
						  sizeof(wire)), -EOPNOTSUPP);
}
END_TEST

/* ---- status ------------------------------------------------------------- */

START_TEST(status_errno)
{
	const struct nvgsp_abi *abi = rel(_i);
	u32 id;

	ck_assert_int_eq(nvgsp_abi_status_to_errno(NVGSP_ABI_STATUS_OK), 0);
	ck_assert_int_eq(nvgsp_abi_status_to_errno(NVGSP_ABI_STATUS_NO_MEMORY), -ENOMEM);
	ck_assert_int_eq(nvgsp_abi_status_to_errno(NVGSP_ABI_STATUS_NOT_SUPPORTED), -EOPNOTSUPP);
	ck_assert_int_eq(nvgsp_abi_status_to_errno(NVGSP_ABI_STATUS_TIMEOUT), -ETIMEDOUT);
	ck_assert_int_eq(nvgsp_abi_status_to_errno(NVGSP_ABI_STATUS_NOT_READY), -EAGAIN);
	ck_assert_int_eq(nvgsp_abi_status_to_errno(NVGSP_ABI_STATUS_TIMEOUT_RETRY), -EAGAIN);
	ck_assert_int_eq(nvgsp_abi_status_to_errno(NVGSP_ABI_STATUS_INVALID_ARGUMENT), -EINVAL);
	ck_assert_int_eq(nvgsp_abi_status_to_errno(NVGSP_ABI_STATUS_OBJECT_NOT_FOUND), -ENOENT);
	ck_assert_int_eq(nvgsp_abi_status_to_errno(NVGSP_ABI_STATUS_WARN_NOTHING_TO_DO), 0);
	ck_assert_int_eq(nvgsp_abi_status_to_errno(NVGSP_ABI_NR_STATUS), -EIO);
	ck_assert_str_eq(nvgsp_abi_status_str(NVGSP_ABI_STATUS_NO_MEMORY), "Out of memory");
	ck_assert_str_eq(nvgsp_abi_status_str(NVGSP_ABI_NR_STATUS), "unknown status");
	/* Every status a spec names is classified. */
	for (id = 0; id < NVGSP_ABI_NR_STATUS; id++) {
		ck_assert_msg(strcmp(nvgsp_abi_status_str(id), "unknown status"),
			      "status %s has no errno entry", nvgsp_abi_id_name(NVGSP_ABI_GROUP_STATUS, id));
		ck_assert_int_le(nvgsp_abi_status_to_errno(id), 0);
	}
	/* Raw numbers from a reply (nouveau's r535 rpc.c names these). */
	ck_assert_int_eq(nvgsp_abi_rm_status_errno(abi, 0), 0);
	ck_assert_int_eq(nvgsp_abi_rm_status_errno(abi, 0x51), -ENOMEM);
	ck_assert_int_eq(nvgsp_abi_rm_status_errno(abi, 0x55), -EAGAIN);
	ck_assert_int_eq(nvgsp_abi_rm_status_errno(abi, 0x66), -EAGAIN);
	ck_assert_int_eq(nvgsp_abi_rm_status_errno(abi, 0x12345), -EIO);
	ck_assert_int_eq(nvgsp_abi_rm_status_errno(abi, 0xffffffff), -EIO);
}
END_TEST

/* ---- diff --------------------------------------------------------------- */

struct diff_out {
	char text[32768];
	size_t len;
};

static void diff_emit(void *ctx, const char *line)
{
	struct diff_out *o = ctx;

	o->len += snprintf(o->text + o->len, sizeof(o->text) - o->len, "%s\n", line);
}

START_TEST(diff_535_570)
{
	static const char *const want[] = {
		"~ firmware tu10x: + gen_bootloader\n",
		"~ firmware ad10x: + scrubber\n",
		"+ firmware gh100: gsp bootloader fmc\n",
		"~ param heap.ga10x.min: 0x5400000 -> 0xaa00000\n",
		"+ rpc CTRL_GPU_QUERY_ECC_STATUS = 0xc9\n",
		"- event GSP_SEND_USER_SHARED_DATA (was 0x101b)\n",
		"~ event NVLINK_FAULT_UP: 0x101c -> 0x101b\n",
		"+ event RECOVERY_ACTION = 0x1022\n",
		"~ ctrl NV2080_GET_CONSTRUCTED_FALCON_INFO: 0x20800a42 -> 0x208001b0\n",
		"~ struct GspFwWprMeta: size 256 -> 256\n"
		"    ~ u8[7] padding @0xf1 -> u8[2] padding @0xf2\n"
		"    + u8 flags @0xf1\n"
		"    + u32 pmuReservedSize @0xf4\n",
		"~ struct MESSAGE_QUEUE_INIT_ARGUMENTS: size 48 -> 32\n"
		"    - u64 locklessCmdQueueOffset @0x20\n"
		"    - u64 locklessStatQueueOffset @0x28\n",
		"    + bool bDmemStack @0x30\n",
		"+ struct GSP_FMC_BOOT_PARAMS (size 80)\n",
		"- struct GspSMInfo (size 36)\n",
	};
	static struct diff_out o;
	unsigned int n;
	size_t i;

	o.len = 0;
	n = nvgsp_abi_diff(nvgsp_abi_find("535.113.01"), nvgsp_abi_find("570.144"), diff_emit, &o);
	ck_assert_uint_gt(n, 100);
	ck_assert_uint_lt(o.len, sizeof(o.text) - 1);
	for (i = 0; i < ARRAY_SIZE(want); i++)
		ck_assert_msg(strstr(o.text, want[i]), "diff lacks:\n%s", want[i]);
	/* The same release: nothing. */
	o.len = 0;
	o.text[0] = '\0';
	ck_assert_uint_eq(nvgsp_abi_diff(rel(0), rel(0), diff_emit, &o), 0);
	ck_assert_uint_eq(o.len, 0);
	/* Backwards: what 570 adds, 535 lacks. */
	n = nvgsp_abi_diff(nvgsp_abi_find("570.144"), nvgsp_abi_find("535.113.01"), diff_emit, &o);
	ck_assert_ptr_nonnull(strstr(o.text, "+ event GSP_SEND_USER_SHARED_DATA = 0x101b\n"));
	ck_assert_ptr_nonnull(strstr(o.text, "- firmware gh100\n"));
}
END_TEST

Suite *nvgsp_suite_abi(void)
{
	Suite *s = suite_create("abi");
	TCase *tc;

	tc = tcase_create("tables");
	tcase_add_test(tc, tables_newest_first);
	tcase_add_test(tc, find_is_exact);
	tcase_add_loop_test(tc, protocols, 0, N_RELEASES);
	tcase_add_loop_test(tc, firmware_needs, 0, (int)(ARRAY_SIZE(expected_fw)));
	suite_add_tcase(s, tc);

	tc = tcase_create("numbers");
	tcase_add_loop_test(tc, numbers_both_ways, 0, N_RELEASES);
	tcase_add_loop_test(tc, numbers_per_release, 0,
			    (int)(ARRAY_SIZE(expected_numbers)));
	tcase_add_test(tc, typed_lookups);
	suite_add_tcase(s, tc);

	tc = tcase_create("params");
	tcase_add_loop_test(tc, params, 0, (int)(ARRAY_SIZE(expected_params)));
	tcase_add_loop_test(tc, params_absent, 0, N_RELEASES);
	suite_add_tcase(s, tc);

	tc = tcase_create("structs");
	tcase_add_loop_test(tc, struct_sizes, 0, (int)(ARRAY_SIZE(expected_sizes)));
	tcase_add_loop_test(tc, struct_metadata, 0, N_RELEASES);
	suite_add_tcase(s, tc);

	tc = tcase_create("codecs");
	tcase_add_loop_test(tc, codec_round_trip, 0, N_RELEASES * N_CODECS);
	tcase_add_loop_test(tc, codec_short_buffers, 0, N_RELEASES * N_CODECS);
	tcase_add_loop_test(tc, codec_golden_bytes, 0, N_RELEASES * N_CODECS);
	tcase_add_loop_test(tc, wpr_meta_bytes, 0, N_RELEASES);
	tcase_add_loop_test(tc, queue_headers_bytes, 0, N_RELEASES);
	tcase_add_loop_test(tc, narrowing_refused, 0, N_RELEASES);
	tcase_add_loop_test(tc, vgpu_bootload_bytes, 0, N_RELEASES);
	tcase_add_loop_test(tc, gpu_engines_bytes, 0, N_RELEASES);
	tcase_add_loop_test(tc, vgpu_rpc_bytes, 0, N_RELEASES);
	tcase_add_test(tc, fsp_cot_bytes);
	suite_add_tcase(s, tc);

	tc = tcase_create("status");
	tcase_add_loop_test(tc, status_errno, 0, N_RELEASES);
	suite_add_tcase(s, tc);

	tc = tcase_create("diff");
	tcase_add_test(tc, diff_535_570);
	suite_add_tcase(s, tc);
	return s;
}
