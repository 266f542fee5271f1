// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_chip.c - chip identification, table-driven over every chip nvgsp
 * supports and every way a device is refused.
 *
 * The expected facts are written out here from Documentation/hardware.rst
 * ("Chip identification"), not taken from the driver's table, so a mistake
 * in either shows up as a failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "chip/nvgsp_chip.h"
#include "chip/regs/nvgsp_regs_pmc.h"

static struct nvgsp_os_device gpu0 = { .name = "gpu0" };

static const struct {
	const char *name;
	u16 chipset;
	const char *family;
	const char *sig_family;
	const char *boot_path;
} expected_chips[] = {
	{ "TU102", 0x162, "turing", "tu10x", "sec2-booter" },
	{ "TU104", 0x164, "turing", "tu10x", "sec2-booter" },
	{ "TU106", 0x166, "turing", "tu10x", "sec2-booter" },
	{ "TU117", 0x167, "turing", "tu11x", "sec2-booter" },
	{ "TU116", 0x168, "turing", "tu11x", "sec2-booter" },
	{ "GA100", 0x170, "ampere", "ga100", "sec2-booter" },
	{ "GA102", 0x172, "ampere", "ga10x", "sec2-booter" },
	{ "GA103", 0x173, "ampere", "ga10x", "sec2-booter" },
	{ "GA104", 0x174, "ampere", "ga10x", "sec2-booter" },
	{ "GA106", 0x176, "ampere", "ga10x", "sec2-booter" },
	{ "GA107", 0x177, "ampere", "ga10x", "sec2-booter" },
	{ "GH100", 0x180, "hopper", "gh100", "fsp" },
	{ "AD102", 0x192, "ada", "ad10x", "sec2-booter" },
	{ "AD103", 0x193, "ada", "ad10x", "sec2-booter" },
	{ "AD104", 0x194, "ada", "ad10x", "sec2-booter" },
	{ "AD106", 0x196, "ada", "ad10x", "sec2-booter" },
	{ "AD107", 0x197, "ada", "ad10x", "sec2-booter" },
	{ "GB100", 0x1a0, "blackwell", "gb10x", "fsp" },
	{ "GB102", 0x1a2, "blackwell", "gb10x", "fsp" },
	{ "GB202", 0x1b2, "blackwell", "gb20x", "fsp" },
	{ "GB203", 0x1b3, "blackwell", "gb20x", "fsp" },
	{ "GB205", 0x1b5, "blackwell", "gb20x", "fsp" },
	{ "GB206", 0x1b6, "blackwell", "gb20x", "fsp" },
	{ "GB207", 0x1b7, "blackwell", "gb20x", "fsp" },
};
#define N_CHIPS (int)(ARRAY_SIZE(expected_chips))

/*
 * The register values a chip presents, composed from the field layout
 * (BOOT_0: arch 28:24, impl 23:20, rev 7:0; BOOT_42: arch 29:24, impl
 * 23:20, major 19:16, minor 15:12, minor ext 11:8).
 */
static u32 boot0_of(u16 chipset, u8 major, u8 minor)
{
	return ((u32)chipset << 20) | ((u32)major << 4) | minor;
}

static u32 boot42_of(u16 chipset, u8 major, u8 minor, u8 ext)
{
	return ((u32)chipset << 20) | ((u32)major << 16) | ((u32)minor << 12) | ((u32)ext << 8);
}

/* Revisions seen on shipping parts (A1, B1) and the field extremes. */
static const struct { u8 major, minor, ext; const char *text; } revisions[] = {
	{ 0xa, 1, 0, "A1" }, { 0xb, 1, 0, "B1" }, { 0x0, 0, 0, "00" }, { 0xf, 0xf, 0xf, "FF" },
};

START_TEST(decode_every_chip)
{
	unsigned int r;

	for (r = 0; r < ARRAY_SIZE(revisions); r++) {
		u16 cs = expected_chips[_i].chipset;
		u32 b0 = boot0_of(cs, revisions[r].major, revisions[r].minor);
		u32 b42 = boot42_of(cs, revisions[r].major, revisions[r].minor, revisions[r].ext);
		struct nvgsp_chip_id id;
		char why[NVGSP_CHIP_WHY_LEN] = "", rev[4], fw_dir[8];
		size_t k;

		ck_assert_int_eq(nvgsp_chip_decode(b0, b42, &id, why, sizeof(why)), 0);
		ck_assert_ptr_nonnull(id.info);
		ck_assert_str_eq(id.info->name, expected_chips[_i].name);
		ck_assert_uint_eq(id.chipset, cs);
		ck_assert_uint_eq(id.info->chipset, cs);
		ck_assert_uint_eq(id.arch, cs >> 4);
		ck_assert_uint_eq(id.impl, cs & 0xf);
		ck_assert_uint_eq(id.boot0, b0);
		ck_assert_uint_eq(id.boot42, b42);
		ck_assert_uint_eq(id.minor_ext_rev, revisions[r].ext);
		ck_assert_str_eq(nvgsp_chip_family_name(id.info->family), expected_chips[_i].family);
		ck_assert_str_eq(id.info->sig_family, expected_chips[_i].sig_family);
		ck_assert_str_eq(nvgsp_chip_boot_path_name(id.info->boot_path),
				 expected_chips[_i].boot_path);
		nvgsp_chip_revision(&id, rev, sizeof(rev));
		ck_assert_str_eq(rev, revisions[r].text);
		/* linux-firmware names each chip's directory by its lower-case name */
		for (k = 0; k < 5; k++)
			fw_dir[k] = (char)(expected_chips[_i].name[k] | 0x20);
		fw_dir[5] = '\0';
		ck_assert_str_eq(id.info->fw_dir, fw_dir);
	}
}
END_TEST

START_TEST(chip_table_is_exactly_the_supported_set)
{
	const struct nvgsp_chip_info *table;
	size_t n, i;

	table = nvgsp_chip_table(&n);
	ck_assert_uint_eq(n, N_CHIPS);
	for (i = 0; i < n; i++) {
		if (i)
			ck_assert_uint_gt(table[i].chipset, table[i - 1].chipset);
		ck_assert_ptr_eq(nvgsp_chip_lookup(table[i].chipset), &table[i]);
	}
	ck_assert_ptr_null(nvgsp_chip_lookup(0x000));
	ck_assert_ptr_null(nvgsp_chip_lookup(0x140));
	ck_assert_ptr_null(nvgsp_chip_lookup(0xfff));
}
END_TEST

/* Every refusal: the registers as read, and what the message must say. */
static const struct {
	const char *what;
	u32 boot0;
	u32 boot42;
	const char *reason;
} refusals[] = {
	{ "gone", 0xffffffff, 0xffffffff, "BOOT_0 reads all ones: the device is not responding" },
	{ "gone-boot42", 0x172000a1, 0xffffffff, "BOOT_42 reads all ones: the device is not responding" },
	{ "zero", 0x00000000, 0x00000000, "BOOT_0 reads zero" },
	{ "nv50", 0x050000a2, 0x00000000, "pre-Fermi GPU (architecture 0x05)" },
	{ "nv04", 0x20004000, 0x00000000, "pre-Fermi GPU (architecture 0x00)" },
	{ "fermi-gf100", 0x0c0000a3, 0x0c0a3000, "Fermi GPU (chipset 0x0c0) predates Turing" },
	{ "kepler-gk104", 0x0e4000a2, 0x0e4a2000, "Kepler GPU (chipset 0x0e4) predates Turing" },
	{ "kepler-gk208", 0x108000a1, 0x108a1000, "Kepler GPU (chipset 0x108) predates Turing" },
	{ "maxwell-gm107", 0x117000a2, 0x117a2000, "Maxwell GPU (chipset 0x117) predates Turing" },
	{ "maxwell-gm204", 0x124000a1, 0x124a1000, "Maxwell GPU (chipset 0x124) predates Turing" },
	{ "pascal-gp102", 0x132000a1, 0x132a1000, "Pascal GPU (chipset 0x132) predates Turing" },
	{ "volta-gv100", 0x140000a1, 0x140a1000, "Volta GPU (chipset 0x140) predates Turing" },
	{ "newer-arch", 0x1c0000a1, 0x1c0a1000, "architecture 0x1c (chipset 0x1c0) is newer than this nvgsp knows" },
	{ "newest-arch-field", 0x1f0000a1, 0x1f0a1000, "architecture 0x1f (chipset 0x1f0) is newer" },
	{ "unknown-turing", 0x161000a1, 0x161a1000, "unknown chip: chipset 0x161 (architecture 0x16, implementation 0x1)" },
	{ "unknown-ampere", 0x175000a1, 0x175a1000, "unknown chip: chipset 0x175" },
	{ "unknown-hopper", 0x181000a1, 0x181a1000, "unknown chip: chipset 0x181" },
	{ "unknown-ada", 0x195000a1, 0x195a1000, "unknown chip: chipset 0x195" },
	{ "unknown-gb10x", 0x1a1000a1, 0x1a1a1000, "unknown chip: chipset 0x1a1" },
	{ "unknown-gb20x", 0x1b0000a1, 0x1b0a1000, "unknown chip: chipset 0x1b0" },
	{ "boot42-zero", 0x172000a1, 0x00000000, "BOOT_0 says chipset 0x172 but BOOT_42 says 0x000" },
	{ "mismatch", 0x172000a1, 0x194a1000, "BOOT_0 says chipset 0x172 but BOOT_42 says 0x194" },
	{ "arch1-bit", 0x172001a1, 0x172a1000, "BOOT_0 says chipset 0x372 but BOOT_42 says 0x172" },
	{ "boot42-arch-bit5", 0x172000a1, 0x372a1000, "BOOT_0 says chipset 0x172 but BOOT_42 says 0x372" },
};
#define N_REFUSALS (int)(ARRAY_SIZE(refusals))

START_TEST(refuse)
{
	struct nvgsp_chip_id id;
	char why[NVGSP_CHIP_WHY_LEN], regs[64];

	memset(why, 'x', sizeof(why));
	ck_assert_int_eq(nvgsp_chip_decode(refusals[_i].boot0, refusals[_i].boot42, &id,
					   why, sizeof(why)), -ENODEV);
	ck_assert_ptr_null(id.info);
	/* the line names the raw registers first, then the reason */
	snprintf(regs, sizeof(regs), "BOOT_0=0x%08x BOOT_42=0x%08x: ",
		 refusals[_i].boot0, refusals[_i].boot42);
	ck_assert_msg(strncmp(why, regs, strlen(regs)) == 0, "%s: got '%s'",
		      refusals[_i].what, why);
	ck_assert_msg(strstr(why, refusals[_i].reason), "%s: got '%s'", refusals[_i].what, why);
	ck_assert_msg(!strchr(why, '\n'), "one line: '%s'", why);
}
END_TEST

START_TEST(refusal_fits_any_buffer)
{
	/* A short buffer truncates, always terminated, never overrun (ASan). */
	struct nvgsp_chip_id id;
	size_t len;

	for (len = 1; len <= 64; len++) {
		char *why = malloc(len);

		ck_assert_ptr_nonnull(why);
		ck_assert_int_eq(nvgsp_chip_decode(0x140000a1, 0x140a1000, &id, why, len), -ENODEV);
		ck_assert_uint_eq(strlen(why), len - 1);
		free(why);
	}
}
END_TEST

START_TEST(identify_reads_bar0)
{
	struct unit_regs regs = {
		.count = 2,
		.reg = { { NV_PMC_BOOT_0, 0x194000a1 }, { NV_PMC_BOOT_42, 0x194a1000 } },
	};
	struct nvgsp_os_bar bar;
	struct nvgsp_chip_id id;
	char why[NVGSP_CHIP_WHY_LEN];

	unit_bar_init(&bar, &regs, NV_BAR0_SIZE);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_chip_identify(&bar, &gpu0, &id, why, sizeof(why)), 0);
	ck_assert_str_eq(id.info->name, "AD104");
	ck_assert_uint_eq(regs.reads, 2);
	ck_assert_uint_eq(bar.bad_accesses, 0);
	ck_assert_str_eq(unit_log, "");	/* debug messages are off by default */

	nvgsp_os_user_set_debug(NVGSP_DBG_CHIP);
	ck_assert_int_eq(nvgsp_chip_identify(&bar, &gpu0, &id, why, sizeof(why)), 0);
	nvgsp_os_user_set_debug(0);
	ck_assert_str_eq(unit_log, "3 gpu0: BOOT_0=0x194000a1 BOOT_42=0x194a1000: chipset 0x194, AD104\n");
}
END_TEST

START_TEST(identify_gone_device)
{
	/* A device that fell off the bus reads all ones everywhere. */
	struct unit_regs regs = { .fill = 0xffffffff };
	struct nvgsp_os_bar bar;
	struct nvgsp_chip_id id;
	char why[NVGSP_CHIP_WHY_LEN];

	unit_bar_init(&bar, &regs, NV_BAR0_SIZE);
	ck_assert_int_eq(nvgsp_chip_identify(&bar, &gpu0, &id, why, sizeof(why)), -ENODEV);
	ck_assert_str_eq(why, "BOOT_0=0xffffffff BOOT_42=0xffffffff: BOOT_0 reads all ones: "
			 "the device is not responding (gone from the bus?)");
}
END_TEST

START_TEST(identify_small_bar)
{
	/* A 1 MiB BAR0 is not a GPU's register window: refused before any read. */
	struct unit_regs regs = { .fill = 0 };
	struct nvgsp_os_bar bar;
	struct nvgsp_chip_id id;
	char why[NVGSP_CHIP_WHY_LEN];

	unit_bar_init(&bar, &regs, 1 << 20);
	ck_assert_int_eq(nvgsp_chip_identify(&bar, &gpu0, &id, why, sizeof(why)), -ENODEV);
	ck_assert_str_eq(why, "BAR0 is 1048576 bytes; an NVIDIA GPU's register window is 16777216 bytes");
	ck_assert_uint_eq(regs.reads, 0);
	ck_assert_ptr_null(id.info);
}
END_TEST

START_TEST(names_of_out_of_range_enums)
{
	ck_assert_str_eq(nvgsp_chip_family_name((enum nvgsp_chip_family)99), "unknown");
	ck_assert_str_eq(nvgsp_chip_boot_path_name((enum nvgsp_boot_path)99), "unknown");
}
END_TEST

Suite *nvgsp_suite_chip(void)
{
	Suite *s = suite_create("chip");
	TCase *tc;

	tc = tcase_create("decode");
	tcase_add_loop_test(tc, decode_every_chip, 0, N_CHIPS);
	tcase_add_test(tc, chip_table_is_exactly_the_supported_set);
	tcase_add_test(tc, names_of_out_of_range_enums);
	suite_add_tcase(s, tc);

	tc = tcase_create("refuse");
	tcase_add_loop_test(tc, refuse, 0, N_REFUSALS);
	tcase_add_test(tc, refusal_fits_any_buffer);
	suite_add_tcase(s, tc);

	tc = tcase_create("identify");
	tcase_add_test(tc, identify_reads_bar0);
	tcase_add_test(tc, identify_gone_device);
	tcase_add_test(tc, identify_small_bar);
	suite_add_tcase(s, tc);
	return s;
}
