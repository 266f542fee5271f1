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
	struct nvgsp_fw_blob blob = { .name = "vgpu-570.144.bin", .data = copy, .size = len };
	int ret;

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
	ck_assert_uint_eq(info.nr_types[1], 1);
	free(f);
}
END_TEST

/* Where a corruption lands: the header, blob N, its record K, its control. */
enum at { HDR, BLOB0, BLOB1, REC0, REC1, CTL0, INFO0, INFO1 };

static size_t where(enum at at)
{
	size_t b0 = gpusim_vgpumeta_blob(&def_cfg, 0);
	size_t r0 = b0 + GPUSIM_VGPUMETA_B_HDR_SIZE;
	size_t c0 = r0 + 3 * GPUSIM_VGPUMETA_R_SIZE;

	switch (at) {
	case HDR: return 0;
	case BLOB0: return b0;
	case BLOB1: return gpusim_vgpumeta_blob(&def_cfg, 1);
	case REC0: return r0;
	case REC1: return r0 + GPUSIM_VGPUMETA_R_SIZE;
	case CTL0: return c0;
	case INFO0: return c0 + GPUSIM_VGPUMETA_C_INFO;
	case INFO1: return c0 + GPUSIM_VGPUMETA_C_INFO + GPUSIM_VGPUMETA_INFO_SIZE;
	}
	return 0;
}

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
	{ "ctl max", { { INFO0, GPUSIM_VGPUMETA_I_MAX, 4, 31 } }, false, -EINVAL, "max_instance 32 differs from the control's vgpuInfo[0].maxInstance 31" },
	{ "ctl fb", { { INFO1, GPUSIM_VGPUMETA_I_FB, 8, 0x80000000 } }, false, -EINVAL, "type record 1: fb_length 0x100000000 differs from the control's vgpuInfo[1].fbLength 0x80000000" },
	{ "type twice", { { REC1, GPUSIM_VGPUMETA_R_TYPE, 4, 869 }, { INFO1, 0, 4, 869 } }, false, -EINVAL, "type record 1: vgpu_type 869 repeats record 0's" },
	{ "crc", { { HDR, GPUSIM_VGPUMETA_CRC, 4, 0x12345678 } }, true, -EBADMSG, "crc32: 0x12345678 recorded, 0x" },
	{ "crc byte", { { CTL0, 9000, 1, 0x5a } }, true, -EBADMSG, "computed over bytes 16..0x" },
};

START_TEST(refused)
{
	const struct refusal *r = &refusals[_i];
	struct nvgsp_fw_vgpu_catalogue *cat = malloc(sizeof(*cat));
	struct nvgsp_fw_vgpu_catalogue *same = malloc(sizeof(*same));
	struct nvgsp_fw_diag d;
	int k;
	size_t len;
	u8 *f = build(&len);
	int ret;

	for (k = 0; k < N(r->put) && r->put[k].width; k++)
		gpusim_vgpumeta_put(f, where(r->put[k].at) + r->put[k].off, r->put[k].width,
				    r->put[k].val);
	if (!r->keep_crc)
		gpusim_vgpumeta_fix_crc(f, len);
	memset(cat, 0xa5, sizeof(*cat));
	memcpy(same, cat, sizeof(*cat));
	ret = parse_exact(f, len, 0x26b5, REL, 0, cat, &d);
	ck_assert_msg(ret == r->err, "%s: ret %d, want %d (%s)", r->what, ret, r->err, d.msg);
	ck_assert_msg(!strncmp(d.msg, "vgpu-570.144.bin: ", 18), "%s: %s", r->what, d.msg);
	ck_assert_msg(strstr(d.msg, r->msg), "%s: message '%s' lacks '%s'", r->what, d.msg, r->msg);
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
	/* A file for 535.113.01, which has an ABI table but no known vGPU version. */
	{
		struct gpusim_vgpumeta_cfg c535 = def_cfg;
		size_t l535;
		u8 *f535 = NULL;

		c535.build = "535.113.01";
		ck_assert_int_eq(gpusim_vgpumeta_build(&c535, &f535, &l535), 0);
		ck_assert_int_eq(parse_exact(f535, l535, 0x26b5, "535.113.01", 0, cat, &d), -EPROTO);
		ck_assert_ptr_nonnull(strstr(d.msg, "vgpu_major.vgpu_minor: 18.1 with GSP-RM 535.113.01 is not a version this nvgsp accepts (570.144: 18.1)"));
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
	struct nvgsp_fw_diag d;
	size_t len, cut;
	u8 *f = build(&len);
	u8 *buf = malloc(len);

	memcpy(buf, f, len);
	blob.data = buf;
	for (cut = len; cut-- > 0;) {
#ifdef __SANITIZE_ADDRESS__
		ASAN_POISON_MEMORY_REGION(buf + cut, 1);
		ck_assert(__asan_address_is_poisoned(buf + cut));
		ck_assert(!cut || !__asan_address_is_poisoned(buf + cut - 1));
#endif
		blob.size = cut;
		ck_assert_msg(nvgsp_fw_vgpu_parse(&blob, 0x26b5, REL, 0, cat, &d) < 0,
			      "prefix of %zu bytes parsed", cut);
	}
#ifdef __SANITIZE_ADDRESS__
	ASAN_UNPOISON_MEMORY_REGION(buf, len);
#endif
	/* the whole copy still parses: the loop tested prefixes of a good file */
	blob.size = len;
	ck_assert_int_eq(nvgsp_fw_vgpu_parse(&blob, 0x26b5, REL, 0, cat, &d), 0);
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
	tcase_add_test(tc, documented_record);
	tcase_add_test(tc, inspect_lists_devices);
	suite_add_tcase(s, tc);

	tc = tcase_create("refused");
	tcase_add_loop_test(tc, refused, 0, N(refusals));
	tcase_add_test(tc, refused_other);
	suite_add_tcase(s, tc);

	tc = tcase_create("truncated");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, truncated);
	suite_add_tcase(s, tc);
	return s;
}
