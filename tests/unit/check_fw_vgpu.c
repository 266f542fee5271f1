// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_fw_vgpu.c - the vGPU type catalogue parser (src/fw/nvgsp_fw_vgpu.c)
 * on files that tests/gpusim/gpusim_vgpumeta.c writes (no real file is
 * public): a valid file gives the catalogue its facts table says, every
 * refusal fires with its message when one field is wrong, and a file cut
 * short anywhere is refused without a read past the cut.
 *
 * Expected values come from gpusim_vgpu_types[] and the builder's offsets,
 * not from the parser; the builder's CRC is its own table-driven one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

#include "unit.h"
#include "fw/nvgsp_fw_vgpu.h"
#include "gpusim_vgpumeta.h"

#define N(a) (int)(ARRAY_SIZE(a))
#define REL "570.144"
#define MiB (1024ull * 1024)

static const struct gpusim_vgpumeta_cfg def_cfg = GPUSIM_VGPUMETA_DEFAULT;

static u8 *build(size_t *len)
{
	u8 *f = NULL;

	ck_assert_int_eq(gpusim_vgpumeta_build(&def_cfg, &f, len), 0);
	return f;
}

/* Parse @len bytes from an exactly sized copy, so ASan bounds every read. */
static int parse_exact(const u8 *f, size_t len, u16 dev, const char *rel, u64 seg,
		       struct nvgsp_fw_vgpu_catalogue *cat, struct nvgsp_fw_diag *d)
{
	u8 *copy = malloc(len ? len : 1);
	char name[64];
	struct nvgsp_fw_blob blob = { .name = name, .data = copy, .size = len };
	int ret;

	/* The name the driver asks for: the file of the release booted. */
	snprintf(name, sizeof(name), "vgpu-%s.bin", rel);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, f, len);
	memset(d->msg, 0, sizeof(d->msg));
	ret = nvgsp_fw_vgpu_parse(&blob, dev, rel, seg, cat, d);
	free(copy);
	return ret;
}

static const struct gpusim_vgpu_type *fact(u16 dev, unsigned int k)
{
	unsigned int i;

	for (i = 0; i < gpusim_vgpu_nr_types; i++)
		if (gpusim_vgpu_types[i].device_id == dev && !k--)
			return &gpusim_vgpu_types[i];
	return NULL;
}

START_TEST(valid_file)
{
	static const u16 devs[] = { 0x26b5, 0x2235 };
	struct nvgsp_fw_vgpu_catalogue *cat = calloc(1, sizeof(*cat));
	struct nvgsp_fw_diag d;
	unsigned int k, n = 0;
	size_t len, blob;
	u16 dev = devs[_i];
	u8 *f = build(&len);
	int ret;

	ret = parse_exact(f, len, dev, REL, 32 * MiB, cat, &d);
	ck_assert_msg(ret == 0, "parse: %d %s", ret, d.msg);
	while (fact(dev, n))
		n++;
	ck_assert_uint_eq(cat->device_id, dev);
	ck_assert_uint_eq(cat->nr_types, n);
	for (k = 0; k < n; k++) {
		const struct gpusim_vgpu_type *t = fact(dev, k);
		const struct nvgsp_fw_vgpu_type *c = &cat->types[k];

		ck_assert_uint_eq(c->id, t->id);
		ck_assert_str_eq(c->name, t->name);
		ck_assert_uint_eq(c->vdev_id, t->vdev_id);
		ck_assert_uint_eq(c->pdev_id, t->device_id);
		ck_assert_uint_eq(c->fb_length, t->fb_length);
		ck_assert_uint_eq(c->gsp_heap_size, t->gsp_heap_size);
		ck_assert_uint_eq(c->bar1_length, t->bar1_length);
		ck_assert_uint_eq(c->max_instance, t->max_instance);
		ck_assert_uint_eq(c->ecc_supported, t->ecc);
		ck_assert_uint_eq(c->fb_reservation, t->fb_reservation);
	}
	blob = gpusim_vgpumeta_blob(&def_cfg, _i);
	ck_assert_uint_eq(cat->rmctrl_cmd, 0x20804003);
	ck_assert_uint_eq(cat->rmctrl.offset,
			  blob + GPUSIM_VGPUMETA_B_HDR_SIZE + n * GPUSIM_VGPUMETA_R_SIZE);
	ck_assert_uint_eq(cat->rmctrl.size, 334344);
	ck_assert_uint_eq(cat->rmctrl.offset + cat->rmctrl.size,
			  _i + 1 < N(devs) ? gpusim_vgpumeta_blob(&def_cfg, _i + 1) : len);
	free(cat);
	free(f);
}
END_TEST

/*
 * Every release with every device of the facts table, in one file per
 * release: each device's types come back as the table says, with the
 * release's control (its size from the firmware-ABI table, pinned here to
 * the values compiled from NVIDIA's headers: Documentation/vgpu-types.rst).
 */
START_TEST(every_release_device)
{
	static const struct {
		const char *rel;
		u64 major, minor, info_size, params_size;
	} rels[] = {
		{ "535.113.01", 16, 0, 4952, 316936 },
		{ "570.144", 18, 1, 5224, 334344 },
	};
	struct nvgsp_fw_vgpu_catalogue *cat = calloc(1, sizeof(*cat));
	struct gpusim_vgpumeta_layout lay;
	struct gpusim_vgpumeta_cfg cfg;
	struct nvgsp_fw_vgpu_info info;
	struct nvgsp_fw_blob blob = { .name = "all.bin" };
	struct nvgsp_fw_diag d;
	unsigned int i, k, n;
	size_t len;
	u8 *f = NULL;
	int ret;

	ck_assert_int_eq(gpusim_vgpumeta_cfg_for(rels[_i].rel, 0, &cfg), 0);
	ck_assert_uint_eq(cfg.major, rels[_i].major);
	ck_assert_uint_eq(cfg.minor, rels[_i].minor);
	ck_assert_int_eq(gpusim_vgpumeta_layout(rels[_i].rel, &lay), 0);
	ck_assert_uint_eq(lay.info_size, rels[_i].info_size);
	ck_assert_uint_eq(lay.params_size, rels[_i].params_size);
	ck_assert_uint_eq(lay.info_max, 324);
	ck_assert_uint_eq(lay.info_fb, 392);
	/* A100, A40, L40, H100 PCIe and SXM5: every device the table names. */
	ck_assert_uint_eq(cfg.nr_devices, 5);
	ck_assert_int_eq(gpusim_vgpumeta_build(&cfg, &f, &len), 0);
	blob.data = f;
	blob.size = len;
	ret = nvgsp_fw_vgpu_inspect(&blob, rels[_i].rel, 32 * MiB, &info, &d);
	ck_assert_msg(ret == 0, "%s: %s", rels[_i].rel, d.msg);
	ck_assert_uint_eq(info.nr_blobs, cfg.nr_devices);
	for (i = 0; i < cfg.nr_devices; i++) {
		u16 dev = cfg.devices[i];

		ret = parse_exact(f, len, dev, rels[_i].rel, 32 * MiB, cat, &d);
		ck_assert_msg(ret == 0, "%s 0x%04x: %s", rels[_i].rel, dev, d.msg);
		for (n = 0; fact(dev, n); n++)
			;
		ck_assert_uint_ge(n, 2);
		ck_assert_uint_eq(cat->nr_types, n);
		ck_assert_uint_eq(info.nr_types[i], n);
		for (k = 0; k < n; k++) {
			ck_assert_uint_eq(cat->types[k].id, fact(dev, k)->id);
			ck_assert_str_eq(cat->types[k].name, fact(dev, k)->name);
			ck_assert_uint_eq(cat->types[k].fb_length, fact(dev, k)->fb_length);
			ck_assert_uint_eq(cat->types[k].max_instance, fact(dev, k)->max_instance);
		}
		ck_assert_uint_eq(cat->rmctrl.size, rels[_i].params_size);
		ck_assert_uint_eq(cat->rmctrl.offset, gpusim_vgpumeta_blob(&cfg, i) +
				  GPUSIM_VGPUMETA_B_HDR_SIZE + n * GPUSIM_VGPUMETA_R_SIZE);
		/* vgpuInfo[last].fbLength in the control, at the release's stride */
		ck_assert_uint_eq(get_unaligned_le64(f + cat->rmctrl.offset + GPUSIM_VGPUMETA_C_INFO +
						     (n - 1) * lay.info_size + lay.info_fb),
				  fact(dev, n - 1)->fb_length);
	}
	/* The other release's file is refused by its build string. */
	ck_assert_int_eq(parse_exact(f, len, cfg.devices[0], rels[!_i].rel, 0, cat, &d), -EPROTO);
	free(f);
	free(cat);
}
END_TEST

/* A release the builder has no version or layout for writes nothing. */
START_TEST(builder_unknown_release)
{
	struct gpusim_vgpumeta_cfg cfg = GPUSIM_VGPUMETA_DEFAULT;
	struct gpusim_vgpumeta_layout lay;
	size_t len = 0;
	u8 *f = NULL;

	ck_assert_int_eq(gpusim_vgpumeta_cfg_for("550.163.01", 0, &cfg), -ENOENT);
	ck_assert_int_eq(gpusim_vgpumeta_cfg_for("570.144", 0x2684, &cfg), -EINVAL);
	ck_assert_int_eq(gpusim_vgpumeta_cfg_for("570.144", 0x26b5, &cfg), 0);
	ck_assert_uint_eq(cfg.nr_devices, 1);
	cfg.build = "550.163.01";
	ck_assert_int_eq(gpusim_vgpumeta_layout(cfg.build, &lay), -ENOENT);
	ck_assert_int_eq(gpusim_vgpumeta_build(&cfg, &f, &len), -ENOENT);
	ck_assert_ptr_null(f);
	ck_assert_uint_eq(gpusim_vgpumeta_blob(&cfg, 1), 0);
}
END_TEST

/* The one documented record comes back as the RFC's table states it. */
START_TEST(documented_record)
{
	struct nvgsp_fw_vgpu_catalogue *cat = calloc(1, sizeof(*cat));
	struct nvgsp_fw_diag d;
	size_t len;
	u8 *f = build(&len);

	ck_assert_int_eq(parse_exact(f, len, 0x26b5, REL, 0, cat, &d), 0);
	ck_assert_uint_eq(cat->types[0].id, 869);
	ck_assert_str_eq(cat->types[0].name, "NVIDIA L40-1B");
	ck_assert_uint_eq(cat->types[0].vdev_id, 0x26b5176d);
	ck_assert_uint_eq(cat->types[0].fb_length, 1024 * MiB);
	ck_assert_uint_eq(cat->types[0].gsp_heap_size, 32 * MiB);
	ck_assert_uint_eq(cat->types[0].bar1_length, 256);
	ck_assert_uint_eq(cat->types[0].max_instance, 32);
	free(cat);
	free(f);
}
END_TEST

START_TEST(inspect_lists_devices)
{
	struct nvgsp_fw_blob blob = { .name = "v.bin" };
	struct nvgsp_fw_vgpu_info info;
	struct nvgsp_fw_diag d;
	size_t len;
	u8 *f = build(&len);

	blob.data = f;
	blob.size = len;
	ck_assert_int_eq(nvgsp_fw_vgpu_inspect(&blob, REL, 0, &info, &d), 0);
	ck_assert_uint_eq(info.vgpu_major, 18);
	ck_assert_uint_eq(info.vgpu_minor, 1);
	ck_assert_str_eq(info.build, REL);
	ck_assert_uint_eq(info.nr_blobs, 2);
	ck_assert_uint_eq(info.device_ids[0], 0x26b5);
	ck_assert_uint_eq(info.device_ids[1], 0x2235);
	ck_assert_uint_eq(info.nr_types[0], 3);
	ck_assert_uint_eq(info.nr_types[1], 3);
	free(f);
}
END_TEST

/* Where a corruption lands: the header, blob N, its record K, its control. */
enum at { HDR, BLOB0, BLOB1, REC0, REC1, CTL0, INFO0, INFO1 };

static size_t where(const struct gpusim_vgpumeta_cfg *cfg, enum at at)
{
	struct gpusim_vgpumeta_layout lay;
	size_t b0 = gpusim_vgpumeta_blob(cfg, 0);
	size_t r0 = b0 + GPUSIM_VGPUMETA_B_HDR_SIZE;
	size_t c0 = r0 + 3 * GPUSIM_VGPUMETA_R_SIZE;

	ck_assert_int_eq(gpusim_vgpumeta_layout(cfg->build, &lay), 0);
	switch (at) {
	case HDR: return 0;
	case BLOB0: return b0;
	case BLOB1: return gpusim_vgpumeta_blob(cfg, 1);
	case REC0: return r0;
	case REC1: return r0 + GPUSIM_VGPUMETA_R_SIZE;
	case CTL0: return c0;
	case INFO0: return c0 + GPUSIM_VGPUMETA_C_INFO;
	case INFO1: return c0 + GPUSIM_VGPUMETA_C_INFO + lay.info_size;
	}
	return 0;
}

/* maxInstance and fbLength in an NVA081_CTRL_VGPU_INFO entry, both releases. */
#define I_MAX	324
#define I_FB	392

/*
 * Each refusal, in 570.144's file (GPUSIM_VGPUMETA_DEFAULT) and in
 * 535.113.01's (GPUSIM_VGPUMETA_R535, the same devices and types; its
 * control is 316,936 bytes with 4,952-byte entries): refusals535[] gives
 * the first change's value and the message where they differ there.
 */
static const struct refusal {
	const char *what;
	struct { enum at at; size_t off; unsigned int width; u64 val; } put[3];
	bool keep_crc;		/* do not fix the CRC after the change */
	int err;
	const char *msg;
} refusals[] = {
	{ "magic", { { HDR, 0, 1, 'X' } }, false, -EINVAL, "identifier: 0x544d555047565658 is not \"NVVGPUMT\"" },
	{ "major", { { HDR, GPUSIM_VGPUMETA_MAJOR, 8, 17 } }, false, -EPROTO, "vgpu_major.vgpu_minor: 17.1 with GSP-RM 570.144 is not a version" },
	{ "minor", { { HDR, GPUSIM_VGPUMETA_MINOR, 8, 2 } }, false, -EPROTO, "18.2 with GSP-RM 570.144" },
	{ "build", { { HDR, GPUSIM_VGPUMETA_BUILD + 6, 1, '5' } }, false, -EPROTO, "gsp_build_version: \"570.145\" is not the GSP-RM release booted, \"570.144\"" },
	{ "num_blobs 0", { { HDR, GPUSIM_VGPUMETA_NUM_BLOBS, 8, 0 } }, false, -EINVAL, "num_blobs: 0 is outside 1..64" },
	{ "num_blobs 65", { { HDR, GPUSIM_VGPUMETA_NUM_BLOBS, 8, 65 } }, false, -E2BIG, "num_blobs: 65 is outside 1..64" },
	{ "num_blobs 3", { { HDR, GPUSIM_VGPUMETA_NUM_BLOBS, 8, 3 } }, false, -EINVAL, "blob 2: header at 0x" },
	{ "num_blobs 1", { { HDR, GPUSIM_VGPUMETA_NUM_BLOBS, 8, 1 } }, false, -EINVAL, "num_blobs: the 1 blobs end at 0x" },
	{ "blob type", { { BLOB0, GPUSIM_VGPUMETA_B_TYPE, 8, 1 } }, false, -EINVAL, "blob 0: type 1 is not VGPU_TYPE (0)" },
	{ "blob size small", { { BLOB0, GPUSIM_VGPUMETA_B_SIZE, 8, 16 } }, false, -EINVAL, "blob 0: size 0x10 at 0xe8 is below 72" },
	{ "blob size wraps", { { BLOB1, GPUSIM_VGPUMETA_B_SIZE, 8, ~0ull } }, false, -EINVAL, "blob 1: size 0xffffffffffffffff at 0x" },
	{ "blob size +8", { { BLOB0, GPUSIM_VGPUMETA_B_SIZE, 8, 72 + 288 + 334344 + 8 } }, false, -EINVAL, "blob 0 (device 0x26b5): size: 0x51b78 is not 72 + kernel_struct_size 288 + gsp_rmctrl_size 334344" },
	{ "device 0", { { BLOB0, GPUSIM_VGPUMETA_B_DEVICE, 8, 0 } }, false, -EINVAL, "blob 0: device_id 0x0 is not a PCI device id" },
	{ "device wide", { { BLOB0, GPUSIM_VGPUMETA_B_DEVICE, 8, 0x126b5 } }, false, -EINVAL, "blob 0: device_id 0x126b5 is not a PCI device id" },
	{ "device twice", { { BLOB1, GPUSIM_VGPUMETA_B_DEVICE, 8, 0x26b5 } }, false, -EINVAL, "blob 1: device_id 0x26b5 repeats blob 0's" },
	{ "num_k 0", { { BLOB0, GPUSIM_VGPUMETA_B_NUM_K, 8, 0 } }, false, -EINVAL, "blob 0 (device 0x26b5): num_kernel_structs: 0 is outside 1..64" },
	{ "num_k 65", { { BLOB0, GPUSIM_VGPUMETA_B_NUM_K, 8, 65 } }, false, -E2BIG, "num_kernel_structs: 65 is outside 1..64" },
	{ "num_k 2", { { BLOB0, GPUSIM_VGPUMETA_B_NUM_K, 8, 2 } }, false, -EINVAL, "kernel_struct_size: 288 is not num_kernel_structs 2 x the 96-byte record" },
	{ "ksize record", { { BLOB0, GPUSIM_VGPUMETA_B_KSIZE, 8, 96 } }, false, -EINVAL, "kernel_struct_size: 96 is not num_kernel_structs 3" },
	{ "cmd", { { BLOB0, GPUSIM_VGPUMETA_B_CMD, 8, 0x20804001 } }, false, -EPERM, "gsp_rmctrl_cmd: 0x20804001 is not PGPU_ADD_VGPU_TYPE (0x20804003), the only control forwarded" },
	{ "rmctrl size", { { BLOB0, GPUSIM_VGPUMETA_B_RMSIZE, 8, 334343 } }, false, -EINVAL, "gsp_rmctrl_size: 334343 is not 334344, the parameters' size in 570.144" },
	{ "info offset", { { BLOB0, GPUSIM_VGPUMETA_B_INFO_OFF, 8, 0 } }, false, -EINVAL, "gsp_rmctrl_vgpu_info_offset: 0 is not 8" },
	{ "info size", { { BLOB0, GPUSIM_VGPUMETA_B_INFO_SIZE, 8, 4952 } }, false, -EINVAL, "gsp_rmctrl_vgpu_info_size: 4952 is not 5224, NVA081_CTRL_VGPU_INFO's size in 570.144" },
	{ "discard", { { CTL0, GPUSIM_VGPUMETA_C_DISCARD, 1, 2 } }, false, -EINVAL, "control: discardVgpuTypes 2 is neither 0 nor 1" },
	{ "count", { { CTL0, GPUSIM_VGPUMETA_C_COUNT, 4, 2 } }, false, -EINVAL, "control: vgpuInfoCount 2 is not num_kernel_structs 3" },
	{ "count 0x41", { { CTL0, GPUSIM_VGPUMETA_C_COUNT, 4, 0x41 } }, false, -EINVAL, "control: vgpuInfoCount 65 is not num_kernel_structs 3" },
	{ "type 0", { { REC0, GPUSIM_VGPUMETA_R_TYPE, 4, 0 } }, false, -EINVAL, "blob 0 (device 0x26b5): type record 0: vgpu_type: 0 is not a type id" },
	{ "name ctl", { { REC1, GPUSIM_VGPUMETA_R_NAME + 2, 1, 0x1b } }, false, -EINVAL, "type record 1: name: byte 2 is 0x1b, not printable ASCII" },
	{ "name high", { { REC0, GPUSIM_VGPUMETA_R_NAME, 1, 0xc3 } }, false, -EINVAL, "type record 0: name: byte 0 is 0xc3" },
	{ "name empty", { { REC0, GPUSIM_VGPUMETA_R_NAME, 1, 0 } }, false, -EINVAL, "type record 0: name: empty" },
	{ "name full", { { REC0, GPUSIM_VGPUMETA_R_NAME + 24, 8, 0x4141414141414141ull } , { REC0, GPUSIM_VGPUMETA_R_NAME + 13, 8, 0x4141414141414141ull }, { REC0, GPUSIM_VGPUMETA_R_NAME + 20, 8, 0x4141414141414141ull } }, false, -EINVAL, "type record 0: name: no NUL in its 32 bytes" },
	{ "pdev", { { REC0, GPUSIM_VGPUMETA_R_PDEV, 8, 0x26b6 } }, false, -EINVAL, "pdev_id: 0x26b6 is not the blob's device_id 0x26b5" },
	{ "vdev", { { REC0, GPUSIM_VGPUMETA_R_VDEV, 8, 0x2235176d } }, false, -EINVAL, "vdev_id: 0x2235176d is not the blob's device_id 0x26b5 << 16 | subsystem" },
	{ "fb 0", { { REC0, GPUSIM_VGPUMETA_R_FB, 8, 0 } }, false, -EINVAL, "type record 0: fb_length: 0" },
	{ "heap 0", { { REC1, GPUSIM_VGPUMETA_R_HEAP, 8, 0 } }, false, -EINVAL, "type record 1: gsp_heap_size: 0" },
	{ "max 0", { { REC0, GPUSIM_VGPUMETA_R_MAX, 4, 0 } }, false, -EINVAL, "max_instance: 0 is outside 1..64" },
	{ "max 65", { { REC0, GPUSIM_VGPUMETA_R_MAX, 4, 65 } }, false, -EINVAL, "max_instance: 65 is outside 1..64" },
	{ "ecc 2", { { REC0, GPUSIM_VGPUMETA_R_ECC, 4, 2 } }, false, -EINVAL, "ecc_supported: 2 is neither 0 nor 1" },
	{ "ctl type", { { INFO0, 0, 4, 870 } }, false, -EINVAL, "vgpu_type 869 differs from the control's vgpuInfo[0].vgpuType 870" },
	{ "ctl max", { { INFO0, I_MAX, 4, 31 } }, false, -EINVAL, "max_instance 32 differs from the control's vgpuInfo[0].maxInstance 31" },
	{ "ctl fb", { { INFO1, I_FB, 8, 0x80000000 } }, false, -EINVAL, "type record 1: fb_length 0x100000000 differs from the control's vgpuInfo[1].fbLength 0x80000000" },
	{ "type twice", { { REC1, GPUSIM_VGPUMETA_R_TYPE, 4, 869 }, { INFO1, 0, 4, 869 } }, false, -EINVAL, "type record 1: vgpu_type 869 repeats record 0's" },
	{ "crc", { { HDR, GPUSIM_VGPUMETA_CRC, 4, 0x12345678 } }, true, -EBADMSG, "crc32: 0x12345678 recorded, 0x" },
	{ "crc byte", { { CTL0, 9000, 1, 0x5a } }, true, -EBADMSG, "computed over bytes 16..0x" },
};

/* The rows whose value or message differ in 535.113.01's file. */
static const struct {
	const char *what;
	u64 val;		/* 0: the same value */
	const char *msg;
} refusals535[] = {
	{ "major", 0, "vgpu_major.vgpu_minor: 17.0 with GSP-RM 535.113.01 is not a version this nvgsp accepts (535.113.01: 16.0)" },
	{ "minor", 0, "16.2 with GSP-RM 535.113.01" },
	{ "build", 0, "gsp_build_version: \"535.115.01\" is not the GSP-RM release booted, \"535.113.01\"" },
	{ "blob size +8", 72 + 288 + 316936 + 8, "blob 0 (device 0x26b5): size: 0x4d778 is not 72 + kernel_struct_size 288 + gsp_rmctrl_size 316936" },
	{ "rmctrl size", 334344, "gsp_rmctrl_size: 334344 is not 316936, the parameters' size in 535.113.01" },
	{ "info size", 5224, "gsp_rmctrl_vgpu_info_size: 5224 is not 4952, NVA081_CTRL_VGPU_INFO's size in 535.113.01" },
};

static const struct gpusim_vgpumeta_cfg r535_cfg = GPUSIM_VGPUMETA_R535;

START_TEST(refused)
{
	const struct refusal *r = &refusals[_i % N(refusals)];
	bool r535 = _i >= N(refusals);
	const struct gpusim_vgpumeta_cfg *cfg = r535 ? &r535_cfg : &def_cfg;
	const char *msg = r->msg;
	u64 val535 = 0;
	struct nvgsp_fw_vgpu_catalogue *cat = malloc(sizeof(*cat));
	struct nvgsp_fw_vgpu_catalogue *same = malloc(sizeof(*same));
	struct nvgsp_fw_diag d;
	char prefix[32];
	int k;
	size_t len;
	u8 *f = NULL;
	int ret;

	for (k = 0; r535 && k < N(refusals535); k++) {
		if (strcmp(refusals535[k].what, r->what))
			continue;
		val535 = refusals535[k].val;
		msg = refusals535[k].msg;
	}
	ck_assert_int_eq(gpusim_vgpumeta_build(cfg, &f, &len), 0);
	for (k = 0; k < N(r->put) && r->put[k].width; k++)
		gpusim_vgpumeta_put(f, where(cfg, r->put[k].at) + r->put[k].off, r->put[k].width,
				    !k && val535 ? val535 : r->put[k].val);
	if (!r->keep_crc)
		gpusim_vgpumeta_fix_crc(f, len);
	memset(cat, 0xa5, sizeof(*cat));
	memcpy(same, cat, sizeof(*cat));
	ret = parse_exact(f, len, 0x26b5, cfg->build, 0, cat, &d);
	ck_assert_msg(ret == r->err, "%s %s: ret %d, want %d (%s)", cfg->build, r->what, ret,
		      r->err, d.msg);
	snprintf(prefix, sizeof(prefix), "vgpu-%s.bin: ", cfg->build);
	ck_assert_msg(!strncmp(d.msg, prefix, strlen(prefix)), "%s: %s", r->what, d.msg);
	ck_assert_msg(strstr(d.msg, msg), "%s %s: message '%s' lacks '%s'", cfg->build, r->what,
		      d.msg, msg);
	ck_assert_msg(!memcmp(cat, same, sizeof(*cat)), "%s: the catalogue changed", r->what);
	free(same);
	free(cat);
	free(f);
}
END_TEST

START_TEST(refused_other)
{
	struct nvgsp_fw_vgpu_catalogue *cat = malloc(sizeof(*cat));
	struct nvgsp_fw_diag d;
	size_t len;
	u8 *f = build(&len), *longer;

	/* A device the file does not serve. */
	ck_assert_int_eq(parse_exact(f, len, 0x2684, REL, 0, cat, &d), -ENOENT);
	ck_assert_str_eq(d.msg, "vgpu-570.144.bin: no vGPU types for device 0x2684");
	/* Another release booted than the file's. */
	ck_assert_int_eq(parse_exact(f, len, 0x26b5, "535.113.01", 0, cat, &d), -EPROTO);
	ck_assert_ptr_nonnull(strstr(d.msg, "gsp_build_version: \"570.144\" is not the GSP-RM release booted, \"535.113.01\""));
	/* A file for 535.113.01 with 570.144's version pair, and the reverse. */
	{
		struct gpusim_vgpumeta_cfg c535 = def_cfg, c570 = GPUSIM_VGPUMETA_R535;
		size_t l535, l570;
		u8 *f535 = NULL, *f570 = NULL;

		c535.build = "535.113.01";
		ck_assert_int_eq(gpusim_vgpumeta_build(&c535, &f535, &l535), 0);
		ck_assert_int_eq(parse_exact(f535, l535, 0x26b5, "535.113.01", 0, cat, &d), -EPROTO);
		ck_assert_ptr_nonnull(strstr(d.msg, "vgpu_major.vgpu_minor: 18.1 with GSP-RM 535.113.01 is not a version this nvgsp accepts (535.113.01: 16.0)"));
		c570.build = "570.144";
		ck_assert_int_eq(gpusim_vgpumeta_build(&c570, &f570, &l570), 0);
		ck_assert_int_eq(parse_exact(f570, l570, 0x26b5, REL, 0, cat, &d), -EPROTO);
		ck_assert_ptr_nonnull(strstr(d.msg, "vgpu_major.vgpu_minor: 16.0 with GSP-RM 570.144 is not a version this nvgsp accepts (570.144: 18.1)"));
		free(f570);
		free(f535);
	}
	/* fb_length against the VMMU segment: 1 GiB is 32 x 32 MiB, not n x 48 MiB. */
	ck_assert_int_eq(parse_exact(f, len, 0x26b5, REL, 512 * MiB, cat, &d), 0);
	ck_assert_int_eq(parse_exact(f, len, 0x26b5, REL, 48 * MiB, cat, &d), -EINVAL);
	ck_assert_ptr_nonnull(strstr(d.msg, "type record 0: fb_length: 0x40000000 is not a whole number of VMMU segments (0x3000000)"));
	/* A build string with no NUL. */
	memset(f + GPUSIM_VGPUMETA_BUILD, '7', 64);
	gpusim_vgpumeta_fix_crc(f, len);
	ck_assert_int_eq(parse_exact(f, len, 0x26b5, REL, 0, cat, &d), -EINVAL);
	ck_assert_ptr_nonnull(strstr(d.msg, "gsp_build_version: \"7777"));
	ck_assert_ptr_nonnull(strstr(d.msg, "...\" has no NUL in its 64 bytes"));
	free(f);
	/* Bytes after the last blob. */
	f = build(&len);
	longer = calloc(1, len + 8);
	memcpy(longer, f, len);
	gpusim_vgpumeta_fix_crc(longer, len + 8);
	ck_assert_int_eq(parse_exact(longer, len + 8, 0x26b5, REL, 0, cat, &d), -EINVAL);
	ck_assert_ptr_nonnull(strstr(d.msg, "num_blobs: the 2 blobs end at 0x"));
	/* Only the header. */
	ck_assert_int_eq(parse_exact(f, 231, 0x26b5, REL, 0, cat, &d), -EINVAL);
	ck_assert_str_eq(d.msg, "vgpu-570.144.bin: header: file of 231 bytes is shorter than the 232-byte header");
	free(longer);
	free(cat);
	free(f);
}
END_TEST

/*
 * Every prefix of a valid file is refused, and read only inside itself: the
 * file is copied once, and walking the cut down from the end, each byte
 * past the cut is poisoned for AddressSanitizer before the prefix is parsed,
 * so a read at or beyond the cut is a report, as with an exactly sized copy
 * (copying all 669,448 prefixes would take minutes under ASan).
 */
START_TEST(truncated)
{
	struct nvgsp_fw_vgpu_catalogue *cat = malloc(sizeof(*cat));
	struct nvgsp_fw_blob blob = { .name = "t.bin" };
	struct gpusim_vgpumeta_cfg cfg = def_cfg;
	struct nvgsp_fw_diag d;
	size_t len, cut;
	u8 *f = NULL, *buf;

	/* 570.144's two-device file; 535.113.01's file for L40 alone. */
	if (_i)
		ck_assert_int_eq(gpusim_vgpumeta_cfg_for("535.113.01", 0x26b5, &cfg), 0);
	ck_assert_int_eq(gpusim_vgpumeta_build(&cfg, &f, &len), 0);
	buf = malloc(len);

	memcpy(buf, f, len);
	blob.data = buf;
	for (cut = len; cut-- > 0;) {
#ifdef __SANITIZE_ADDRESS__
		ASAN_POISON_MEMORY_REGION(buf + cut, 1);
		ck_assert(__asan_address_is_poisoned(buf + cut));
		ck_assert(!cut || !__asan_address_is_poisoned(buf + cut - 1));
#endif
		blob.size = cut;
		ck_assert_msg(nvgsp_fw_vgpu_parse(&blob, 0x26b5, cfg.build, 0, cat, &d) < 0,
			      "prefix of %zu bytes parsed", cut);
	}
#ifdef __SANITIZE_ADDRESS__
	ASAN_UNPOISON_MEMORY_REGION(buf, len);
#endif
	/* the whole copy still parses: the loop tested prefixes of a good file */
	blob.size = len;
	ck_assert_int_eq(nvgsp_fw_vgpu_parse(&blob, 0x26b5, cfg.build, 0, cat, &d), 0);
	free(buf);
	free(cat);
	free(f);
}
END_TEST

Suite *nvgsp_suite_fw_vgpu(void)
{
	Suite *s = suite_create("fw_vgpu");
	TCase *tc;

	tc = tcase_create("valid");
	tcase_add_loop_test(tc, valid_file, 0, 2);
	tcase_add_loop_test(tc, every_release_device, 0, 2);
	tcase_add_test(tc, builder_unknown_release);
	tcase_add_test(tc, documented_record);
	tcase_add_test(tc, inspect_lists_devices);
	suite_add_tcase(s, tc);

	tc = tcase_create("refused");
	tcase_add_loop_test(tc, refused, 0, 2 * N(refusals));
	tcase_add_test(tc, refused_other);
	suite_add_tcase(s, tc);

	tc = tcase_create("truncated");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, truncated, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
