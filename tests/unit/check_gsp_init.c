// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gsp_init.c - the GSP-RM bring-up payloads (src/gsp/nvgsp_gsp_init.c)
 * over both releases: GspSystemInfo, the packed registry table and the
 * static info reply.
 *
 * Offsets are written out by hand from NVIDIA's gsp_static_config.h as
 * nouveau mirrors it (535: include/nvrm/535.113.01/.../gsp_static_config.h;
 * 570: rm/r570/nvrm/gsp.h) and from nouveau's build_registry(), not read
 * from the tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "abi/nvgsp_abi.h"
#include "gsp/nvgsp_gsp_init.h"

#define N_RELEASES 2

static const struct nvgsp_abi *rel(int i)
{
	size_t n;
	const struct nvgsp_abi *const *all = nvgsp_abi_tables(&n);

	ck_assert_uint_eq(n, N_RELEASES);
	return all[i];
}

static bool is570(const struct nvgsp_abi *abi)
{
	return !strcmp(abi->release, "570.144");
}

static u32 rd32(const u8 *p, size_t off)
{
	return p[off] | (u32)p[off + 1] << 8 | (u32)p[off + 2] << 16 | (u32)p[off + 3] << 24;
}

static u64 rd64(const u8 *p, size_t off)
{
	return rd32(p, off) | (u64)rd32(p, off + 4) << 32;
}

static void has_log(const char *needle)
{
	ck_assert_msg(strstr(unit_log, needle), "log lacks \"%s\":\n%s", needle, unit_log);
}

/* ---- GspSystemInfo ---------------------------------------------------- */

static const struct {
	u16 chipset;
	u32 mirror;
} chips[] = {
	{ 0x162, 0x88000 },	/* TU102 */
	{ 0x168, 0x88000 },	/* TU116 */
	{ 0x170, 0x88000 },	/* GA100 */
	{ 0x172, 0x88000 },	/* GA102 */
	{ 0x192, 0x88000 },	/* AD102 */
	{ 0x180, 0x92000 },	/* GH100 */
	{ 0x1b2, 0x92000 },	/* GB202 */
};
#define N_CHIPS (int)(ARRAY_SIZE(chips))

static const struct nvgsp_gsp_pci pci = {
	.bar0_addr = 0xfb000000ULL,
	.bar1_addr = 0x38000000000ULL,
	.bar3_addr = 0x38010000000ULL,
	.domain = 0,
	.bus = 0x41,
	.devfn = 0x09,		/* device 1, function 1 */
	.vendor_id = 0x10de,
	.device_id = 0x2204,
	.subsystem_vendor_id = 0x1462,
	.subsystem_id = 0x3880,
	.revision_id = 0xa1,
	.dma_mask_bits = 47,
};

START_TEST(system_info_bytes)
{
	int r = _i / N_CHIPS, c = _i % N_CHIPS;
	const struct nvgsp_abi *abi = rel(r);
	u32 size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_SYSTEM_INFO);
	struct nvgsp_abi_system_info si;
	u8 *buf = malloc(size);

	ck_assert_ptr_nonnull(buf);
	memset(buf, 0xee, size);
	ck_assert_int_eq(nvgsp_gsp_init_build_system_info(NULL, abi, chips[c].chipset, &pci, buf, size),
			 (int)size);

	/* raw layout: 535 {4 u64 ... maxUserVa @56, mirror @64}, 570 {... @72, @80} */
	ck_assert_uint_eq(rd64(buf, 0), pci.bar0_addr);
	ck_assert_uint_eq(rd64(buf, 8), pci.bar1_addr);
	ck_assert_uint_eq(rd64(buf, 16), pci.bar3_addr);
	if (is570(abi)) {
		ck_assert_uint_eq(rd64(buf, 24), 0);			/* gpuPhysIoAddr */
		ck_assert_uint_eq(rd64(buf, 32), 0x4109);		/* nvDomainBusDeviceFunc */
		ck_assert_uint_eq(rd64(buf, 72), (1ULL << 47) - 4096);	/* maxUserVa */
		ck_assert_uint_eq(rd32(buf, 80), chips[c].mirror);
		ck_assert_uint_eq(rd32(buf, 84), 0x1000);
		ck_assert_uint_eq(rd32(buf, 88), 0x220410de);		/* PCIDeviceID */
		ck_assert_uint_eq(rd32(buf, 92), 0x38801462);		/* PCISubDeviceID */
		ck_assert_uint_eq(rd32(buf, 96), 0xa1);			/* PCIRevisionID */
	} else {
		ck_assert_uint_eq(rd64(buf, 24), 0x4109);
		ck_assert_uint_eq(rd64(buf, 56), (1ULL << 47) - 4096);
		ck_assert_uint_eq(rd32(buf, 64), chips[c].mirror);
		ck_assert_uint_eq(rd32(buf, 68), 0x1000);
	}
	/* everything the references leave alone is zero, padding included */
	for (u32 i = is570(abi) ? 100 : 72; i < size; i++)
		ck_assert_msg(buf[i] == 0, "byte %u is 0x%02x", i, buf[i]);

	/* and it decodes to what was given */
	ck_assert_int_eq(nvgsp_abi_decode_system_info(abi, &si, buf, size), (int)size);
	ck_assert_uint_eq(si.gpu_phys_addr, pci.bar0_addr);
	ck_assert_uint_eq(si.gpu_phys_fb_addr, pci.bar1_addr);
	ck_assert_uint_eq(si.gpu_phys_inst_addr, pci.bar3_addr);
	ck_assert_uint_eq(si.nv_domain_bus_device_func, 0x4109);
	ck_assert_uint_eq(si.pci_config_mirror_base, chips[c].mirror);
	ck_assert_uint_eq(si.pci_config_mirror_size, 0x1000);
	ck_assert_uint_eq(si.pci_device_id, is570(abi) ? 0x220410de : 0);
	ck_assert_uint_eq(si.chipset, 0);	/* the host bridge's, not the GPU's */
	free(buf);
}
END_TEST

START_TEST(system_info_refusals)
{
	const struct nvgsp_abi *abi = rel(_i);
	u32 size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_SYSTEM_INFO);
	struct nvgsp_abi_init v2 = { "gsp-init-v2", 2 };
	struct nvgsp_abi other = *abi;
	u8 *buf = calloc(1, size);

	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_init_build_system_info(NULL, abi, 0x999, &pci, buf, size), -EINVAL);
	has_log("chipset 0x999 is not a chip nvgsp knows");
	ck_assert_int_eq(nvgsp_gsp_init_build_system_info(NULL, abi, 0x172, &pci, buf, size - 1),
			 -EINVAL);
	has_log("cannot encode GspSystemInfo");
	other.init = &v2;
	ck_assert_int_eq(nvgsp_gsp_init_build_system_info(NULL, &other, 0x172, &pci, buf, size),
			 -EOPNOTSUPP);
	has_log("speaks init protocol gsp-init-v2; this module implements gsp-init-v1");
	free(buf);
}
END_TEST

/* ---- registry --------------------------------------------------------- */

static const struct {
	const char *key;
	u32 value;
} keys[] = {
	{ "RMSecBusResetEnable", 1 },
	{ "RMForcePcieConfigSave", 1 },
	{ "RMDevidCheckIgnore", 1 },
	{ "RMSetSriovMode", 1 },			/* booted for vGPU only */
};
#define N_KEYS 3

/* _i: release * 2 + booted for vGPU. */
START_TEST(registry_layout)
{
	const struct nvgsp_abi *abi = rel(_i / 2);
	bool vgpu = _i % 2;
	int n_keys = N_KEYS + vgpu;
	size_t want = 8 + n_keys * 16, name = want;
	struct nvgsp_gsp_registry reg;
	int size;
	u8 *buf;

	ck_assert_int_eq(nvgsp_gsp_registry_build(NULL, vgpu, &reg), 0);
	ck_assert_uint_eq(reg.count, n_keys);
	for (int i = 0; i < n_keys; i++)
		want += strlen(keys[i].key) + 1;
	size = nvgsp_gsp_init_build_registry(NULL, abi, &reg, NULL, 0);
	ck_assert_int_eq(size, (int)want);
	buf = malloc(size);
	memset(buf, 0xee, size);
	ck_assert_int_eq(nvgsp_gsp_init_build_registry(NULL, abi, &reg, buf, size), size);

	ck_assert_uint_eq(rd32(buf, 0), want);		/* size: the whole table */
	ck_assert_uint_eq(rd32(buf, 4), n_keys);	/* numEntries */
	for (int i = 0; i < n_keys; i++) {
		const u8 *e = buf + 8 + i * 16;

		ck_assert_uint_eq(rd32(e, 0), name);	/* nameOffset */
		ck_assert_uint_eq(e[4], 1);		/* REGISTRY_TABLE_ENTRY_TYPE_DWORD */
		ck_assert_uint_eq(e[5] | e[6] | e[7], 0);
		ck_assert_uint_eq(rd32(e, 8), keys[i].value);
		ck_assert_uint_eq(rd32(e, 12), 4);	/* length */
		ck_assert_str_eq((const char *)buf + name, keys[i].key);
		name += strlen(keys[i].key) + 1;
	}
	ck_assert_uint_eq(name, want);
	ck_assert_uint_eq(buf[want - 1], 0);

	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_init_build_registry(NULL, abi, &reg, buf, size - 1), -EINVAL);
	has_log("the table needs");
	free(buf);
}
END_TEST

/* A full table refuses one more key, naming it, and keeps what it had. */
START_TEST(registry_full)
{
	struct nvgsp_gsp_registry reg;

	ck_assert_int_eq(nvgsp_gsp_registry_build(NULL, true, &reg), 0);
	while (reg.count < NVGSP_GSP_REGISTRY_MAX)
		ck_assert_int_eq(nvgsp_gsp_registry_add(NULL, &reg, "RMExtra", 7), 0);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_registry_add(NULL, &reg, "RMOneTooMany", 1), -ENOSPC);
	has_log("no room for RMOneTooMany");
	ck_assert_uint_eq(reg.count, NVGSP_GSP_REGISTRY_MAX);
	ck_assert_str_eq(reg.entries[3].key, "RMSetSriovMode");
}
END_TEST

/* ---- static info ------------------------------------------------------ */

START_TEST(static_info_parse)
{
	const struct nvgsp_abi *abi = rel(_i);
	u32 size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_STATIC_INFO);
	struct nvgsp_abi_static_info in, out;
	char want[96];
	u8 *buf = calloc(1, size + 1);
	size_t k;

	ck_assert_uint_gt(size, 1000);
	memset(&in, 0, sizeof(in));
	in.fb_length = 24ULL << 30;
	in.h_internal_client = 0xc1e00004;
	in.h_internal_device = 0xc1e00005;
	in.h_internal_subdevice = 0xc1e00006;
	in.sriov_total_vfs = 32;
	memcpy(in.gpu_name, "NVIDIA RTX A5000", 16);
	ck_assert_int_eq(nvgsp_abi_encode_static_info(abi, &in, buf, size), (int)size);
	ck_assert_int_eq(nvgsp_gsp_init_parse_static_info(NULL, abi, buf, size, &out), 0);
	ck_assert_uint_eq(out.fb_length, in.fb_length);
	ck_assert_uint_eq(out.h_internal_client, 0xc1e00004);
	ck_assert_uint_eq(out.h_internal_subdevice, 0xc1e00006);
	ck_assert_uint_eq(out.sriov_total_vfs, 32);
	ck_assert_str_eq((const char *)out.gpu_name, "NVIDIA RTX A5000");

	/*
	 * A name full of control characters, escapes and high bytes, with no
	 * NUL in its 64 bytes: decoded NUL-terminated in the field, with '?'
	 * for every byte that is not printable ASCII.
	 */
	for (k = 0; k < sizeof(in.gpu_name); k++)
		in.gpu_name[k] = k % 4 == 0 ? (u8)(0x80 + k) :
				 k % 4 == 1 ? (u8)(k % 0x20) :
				 k % 4 == 2 ? 0x1b : (u8)('a' + k % 26);
	ck_assert_int_eq(nvgsp_abi_encode_static_info(abi, &in, buf, size), (int)size);
	memset(&out, 0x5a, sizeof(out));
	ck_assert_int_eq(nvgsp_gsp_init_parse_static_info(NULL, abi, buf, size, &out), 0);
	ck_assert_uint_eq(strnlen((const char *)out.gpu_name, sizeof(out.gpu_name)),
			  sizeof(out.gpu_name) - 1);
	for (k = 0; k < sizeof(out.gpu_name) - 1; k++)
		ck_assert_uint_eq(out.gpu_name[k], k % 4 == 3 ? 'a' + k % 26 : '?');
	ck_assert_uint_eq(out.fb_length, in.fb_length);

	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_init_parse_static_info(NULL, abi, buf, size - 1, &out), -EPROTO);
	snprintf(want, sizeof(want), "reply is %u bytes, %s's GspStaticConfigInfo is %u",
		 size - 1, abi->release, size);
	has_log(want);
	ck_assert_int_eq(nvgsp_gsp_init_parse_static_info(NULL, abi, buf, size + 1, &out), -EPROTO);
	free(buf);
}
END_TEST

Suite *nvgsp_suite_gsp_init(void)
{
	Suite *s = suite_create("gsp_init");
	TCase *tc = tcase_create("system_info");

	tcase_add_loop_test(tc, system_info_bytes, 0, N_RELEASES * N_CHIPS);
	tcase_add_loop_test(tc, system_info_refusals, 0, N_RELEASES);
	suite_add_tcase(s, tc);

	tc = tcase_create("registry");
	tcase_add_loop_test(tc, registry_layout, 0, N_RELEASES * 2);
	tcase_add_test(tc, registry_full);
	suite_add_tcase(s, tc);

	tc = tcase_create("static_info");
	tcase_add_loop_test(tc, static_info_parse, 0, N_RELEASES);
	suite_add_tcase(s, tc);
	return s;
}
