// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gpusim_fwread.c - gpusim's own firmware readers
 * (tests/gpusim/gpusim_fwread.c): on the real files they read what the
 * driver's parsers read (gpusim_fw_load() refuses a file the two read
 * differently, so every loaded release is that check), and they refuse
 * what is not there or lies outside the file.
 */
#include <errno.h>
#include <string.h>

#include "unit.h"
#include "gpusim_fwread.h"
#include "gpusim_wpr.h"

static const char *const rels[][2] = {
	{ "ga102", "535.113.01" }, { "ga102", "570.144" }, { "tu102", "535.113.01" },
	{ "tu102", "570.144" }, { "ga100", "570.144" }, { "gh100", "570.144" },
};

START_TEST(real_files_agree)
{
	struct gpusim_fw *fw = NULL;
	const struct nvgsp_fw_blob *gsp, *bl;
	struct gpusim_bl_facts b;
	char err[256] = "";
	u64 off, size, isize;
	const u8 *img;

	ck_assert_msg(!gpusim_fw_load(unit_fw_root("graphics-sid"), rels[_i][0], rels[_i][1], &fw,
				      err, sizeof(err)), "%s", err);
	gsp = gpusim_fw_file(fw, NVGSP_FW_GSP);
	ck_assert_int_eq(gpusim_elf64_section(gsp->data, gsp->size, ".fwimage", &off, &size), 0);
	img = gpusim_fw_image(fw, &isize);
	ck_assert_ptr_eq(img, gsp->data + off);
	ck_assert_uint_eq(isize, size);
	ck_assert_int_eq(gpusim_elf64_section(gsp->data, gsp->size, ".no-such", &off, &size),
			 -ENOENT);
	bl = gpusim_fw_file(fw, NVGSP_FW_BOOTLOADER);
	ck_assert_int_eq(gpusim_riscv_bl_read(bl->data, bl->size, &b), 0);
	ck_assert_uint_eq(b.image_size, gpusim_fw_bootloader(fw)->image_size);
	ck_assert_uint_eq(b.code_off, gpusim_fw_bootloader(fw)->monitor_code.offset);
	gpusim_fw_free(fw);
}
END_TEST

START_TEST(refusals)
{
	u8 f[0x200] = { 0 };
	struct gpusim_bl_facts b;
	u64 off, size;

	/* not ELF, ELF32, big-endian */
	ck_assert_int_eq(gpusim_elf64_section(f, sizeof(f), ".x", &off, &size), -EINVAL);
	memcpy(f, "\x7f" "ELF", 4);
	f[4] = 1;
	f[5] = 1;
	ck_assert_int_eq(gpusim_elf64_section(f, sizeof(f), ".x", &off, &size), -EINVAL);
	f[4] = 2;
	f[5] = 2;
	ck_assert_int_eq(gpusim_elf64_section(f, sizeof(f), ".x", &off, &size), -EINVAL);
	f[5] = 1;
	/* a section table past the file's end */
	put_unaligned_le64(0x1c0, f + 0x28);
	put_unaligned_le16(0x40, f + 0x3a);
	put_unaligned_le16(2, f + 0x3c);
	put_unaligned_le16(1, f + 0x3e);
	ck_assert_int_eq(gpusim_elf64_section(f, sizeof(f), ".x", &off, &size), -EINVAL);
	/* two headers at 0x100: 1 is the name table at 0x80 ("\0.x\0"), 0 names ".x" at 0x1f0 */
	put_unaligned_le64(0x100, f + 0x28);
	memcpy(f + 0x80, "\0.x", 4);
	put_unaligned_le64(0x80, f + 0x140 + 0x18);
	put_unaligned_le64(4, f + 0x140 + 0x20);
	put_unaligned_le32(1, f + 0x100);
	put_unaligned_le64(0x1f0, f + 0x100 + 0x18);
	put_unaligned_le64(0x10, f + 0x100 + 0x20);
	ck_assert_int_eq(gpusim_elf64_section(f, sizeof(f), ".x", &off, &size), 0);
	ck_assert_uint_eq(off, 0x1f0);
	ck_assert_uint_eq(size, 0x10);
	/* ... but it runs past the end */
	put_unaligned_le64(0x11, f + 0x100 + 0x20);
	ck_assert_int_eq(gpusim_elf64_section(f, sizeof(f), ".x", &off, &size), -EINVAL);

	/* bootloader: magic, then a descriptor or image outside the file */
	memset(f, 0, sizeof(f));
	ck_assert_int_eq(gpusim_riscv_bl_read(f, sizeof(f), &b), -EINVAL);
	put_unaligned_le32(0x10de, f);
	put_unaligned_le32(0x1e0, f + 12);
	ck_assert_int_eq(gpusim_riscv_bl_read(f, sizeof(f), &b), -EINVAL);
	put_unaligned_le32(0x18, f + 12);
	put_unaligned_le32(0x100, f + 16);
	put_unaligned_le32(0x101, f + 20);
	ck_assert_int_eq(gpusim_riscv_bl_read(f, sizeof(f), &b), -EINVAL);
	put_unaligned_le32(0x100, f + 20);
	put_unaligned_le32(0x44, f + 0x18 + 48);
	ck_assert_int_eq(gpusim_riscv_bl_read(f, sizeof(f), &b), 0);
	ck_assert_uint_eq(b.code_off, 0x44);
	ck_assert_uint_eq(b.image_off, 0x100);
}
END_TEST

Suite *nvgsp_suite_gpusim_fwread(void)
{
	Suite *s = suite_create("gpusim_fwread");
	TCase *tc = tcase_create("fwread");

	tcase_add_loop_test(tc, real_files_agree, 0, (int)ARRAY_SIZE(rels));
	tcase_add_test(tc, refusals);
	suite_add_tcase(s, tc);
	return s;
}
