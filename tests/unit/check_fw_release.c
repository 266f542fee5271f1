// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_fw_release.c - the releases nvgsp supports, the files each needs per
 * chip, and their names, checked against the real linux-firmware trees.
 *
 * The expected file lists were read off `ls nvidia/<chip>/gsp/` in
 * firmware-nvidia-graphics 20260916-1 (sid) and 20250410-2 (trixie).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "unit.h"
#include "fw/nvgsp_fw_release.h"

/* Per signature family and release: the linux-firmware files, by role name. */
static const struct {
	const char *sig_family;
	const char *release;
	const char *files;	/* space-separated role names; "" = not served */
} expected_needs[] = {
	{ "tu10x", "570.144", "gsp bootloader booter_load booter_unload gen_bootloader" },
	{ "tu11x", "570.144", "gsp bootloader booter_load booter_unload gen_bootloader" },
	{ "ga100", "570.144", "gsp bootloader booter_load booter_unload gen_bootloader" },
	{ "ga10x", "570.144", "gsp bootloader booter_load booter_unload" },
	{ "ad10x", "570.144", "gsp bootloader booter_load booter_unload scrubber" },
	{ "gh100", "570.144", "gsp bootloader fmc" },
	{ "gb10x", "570.144", "gsp bootloader fmc" },
	{ "gb20x", "570.144", "gsp bootloader fmc" },
	{ "tu10x", "535.113.01", "gsp bootloader booter_load booter_unload" },
	{ "tu11x", "535.113.01", "gsp bootloader booter_load booter_unload" },
	{ "ga100", "535.113.01", "gsp bootloader booter_load booter_unload" },
	{ "ga10x", "535.113.01", "gsp bootloader booter_load booter_unload" },
	{ "ad10x", "535.113.01", "gsp bootloader booter_load booter_unload" },
	{ "gh100", "535.113.01", "" },
	{ "gb10x", "535.113.01", "" },
	{ "gb20x", "535.113.01", "" },
};

static const char *expected_files(const char *sig_family, const char *release)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(expected_needs); i++)
		if (!strcmp(expected_needs[i].sig_family, sig_family) &&
		    !strcmp(expected_needs[i].release, release))
			return expected_needs[i].files;
	ck_abort_msg("no expectation for %s %s", sig_family, release);
	return NULL;
}

/* The role names of @roles, space-separated, in enum order. */
static void role_names(u32 roles, char *buf, size_t len)
{
	unsigned int r;
	size_t n = 0;

	buf[0] = '\0';
	for (r = 0; r < NVGSP_FW_NR_ROLES; r++)
		if (roles & NVGSP_FW_ROLE(r))
			n += snprintf(buf + n, len - n, "%s%s", n ? " " : "", nvgsp_fw_role_name(r));
}

START_TEST(releases_newest_first)
{
	const struct nvgsp_abi *const *abis;
	char list[64];
	size_t n;

	abis = nvgsp_abi_tables(&n);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(abis[0]->release, "570.144");
	ck_assert_str_eq(abis[1]->release, "535.113.01");
	ck_assert_ptr_eq(nvgsp_abi_find("535.113.01"), abis[1]);
	ck_assert_ptr_null(nvgsp_abi_find("550.163.01"));
	ck_assert_ptr_null(nvgsp_abi_find("570.14"));
	ck_assert_ptr_null(nvgsp_abi_find("570.1444"));
	ck_assert_ptr_null(nvgsp_abi_find(""));
	nvgsp_abi_list(list, sizeof(list));
	ck_assert_str_eq(list, "570.144, 535.113.01");
	nvgsp_abi_list(list, 8);
	ck_assert_str_eq(list, "570.144");
}
END_TEST

START_TEST(release_names)
{
	static const char *const good[] = { "570.144", "535.113.01", "1", "0.0.0.0" };
	static const char *const bad[] = {
		"", ".", "570.", ".570", "570..144", "570.144a", "../570", "570/144",
		"570.144 ", "1234567890.1234567890.1234567890",	/* 32 characters */
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		ck_assert_msg(nvgsp_fw_release_valid_name(good[i]), "%s", good[i]);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_msg(!nvgsp_fw_release_valid_name(bad[i]), "'%s'", bad[i]);
	ck_assert(nvgsp_fw_release_valid_name("1234567890.1234567890.123456789"));	/* 31 */
}
END_TEST

/* For every chip and release: the files needed, named and present on disk. */
START_TEST(every_chip_every_release)
{
	const struct nvgsp_abi *const *abis;
	const struct nvgsp_chip_info *chips;
	size_t nr, nc, i, c;

	abis = nvgsp_abi_tables(&nr);
	chips = nvgsp_chip_table(&nc);
	for (i = 0; i < nr; i++) {
		for (c = 0; c < nc; c++) {
			const char *want = expected_files(chips[c].sig_family, abis[i]->release);
			u32 roles = nvgsp_fw_release_roles(abis[i], &chips[c]);
			const char *root = unit_fw_root(_i ? "graphics-trixie" : "graphics-sid");
			char names[128], path[NVGSP_FW_PATH_MAX], file[4096];
			unsigned int r;
			struct stat st;

			role_names(roles, names, sizeof(names));
			ck_assert_msg(!strcmp(names, want), "%s %s: '%s', want '%s'",
				      chips[c].name, abis[i]->release, names, want);
			if (_i && strcmp(abis[i]->release, "535.113.01"))
				continue;	/* trixie ships 535.113.01 only */
			for (r = 0; r < NVGSP_FW_NR_ROLES; r++) {
				if (!(roles & NVGSP_FW_ROLE(r)))
					continue;
				ck_assert_int_eq(nvgsp_fw_path(path, sizeof(path),
							       NVGSP_FW_LAYOUT_LINUX_FIRMWARE,
							       &chips[c], r, abis[i]->release), 0);
				snprintf(file, sizeof(file), "%s/%s", root, path);
				/* stat() follows symlinks, as the kernel's loader does */
				ck_assert_msg(stat(file, &st) == 0 && S_ISREG(st.st_mode),
					      "%s is not in the package", file);
			}
		}
	}
}
END_TEST

START_TEST(paths)
{
	const struct nvgsp_chip_info *ga102 = nvgsp_chip_lookup(0x172);
	const struct nvgsp_chip_info *tu117 = nvgsp_chip_lookup(0x167);
	const struct nvgsp_chip_info *ga100 = nvgsp_chip_lookup(0x170);
	const struct nvgsp_chip_info *gb207 = nvgsp_chip_lookup(0x1b7);
	char path[NVGSP_FW_PATH_MAX];

	ck_assert_int_eq(nvgsp_fw_path(path, sizeof(path), NVGSP_FW_LAYOUT_LINUX_FIRMWARE, ga102,
				       NVGSP_FW_BOOTER_LOAD, "570.144"), 0);
	ck_assert_str_eq(path, "nvidia/ga102/gsp/booter_load-570.144.bin");
	ck_assert_int_eq(nvgsp_fw_path(path, sizeof(path), NVGSP_FW_LAYOUT_NVIDIA, ga102,
				       NVGSP_FW_GSP, "550.163.01"), 0);
	ck_assert_str_eq(path, "nvidia/550.163.01/gsp_ga10x.bin");
	ck_assert_int_eq(nvgsp_fw_path(path, sizeof(path), NVGSP_FW_LAYOUT_NVIDIA, tu117,
				       NVGSP_FW_GSP, "535.261.03"), 0);
	ck_assert_str_eq(path, "nvidia/535.261.03/gsp_tu10x.bin");
	ck_assert_int_eq(nvgsp_fw_path(path, sizeof(path), NVGSP_FW_LAYOUT_NVIDIA, ga100,
				       NVGSP_FW_GSP, "535.261.03"), 0);
	ck_assert_str_eq(path, "nvidia/535.261.03/gsp_tu10x.bin");
	ck_assert_str_eq(nvgsp_fw_image_group(gb207), "ga10x");
	/* the NVIDIA layout names the GSP image only */
	ck_assert_int_eq(nvgsp_fw_path(path, sizeof(path), NVGSP_FW_LAYOUT_NVIDIA, ga102,
				       NVGSP_FW_BOOTLOADER, "570.144"), -EINVAL);
	ck_assert_int_eq(nvgsp_fw_path(path, sizeof(path), NVGSP_FW_LAYOUT_LINUX_FIRMWARE, ga102,
				       NVGSP_FW_NR_ROLES, "570.144"), -EINVAL);
	/* the longest name a valid release can make fits NVGSP_FW_PATH_MAX */
	ck_assert_int_eq(nvgsp_fw_path(path, sizeof(path), NVGSP_FW_LAYOUT_LINUX_FIRMWARE, gb207,
				       NVGSP_FW_GEN_BOOTLOADER, "123456789.123456789.1234567890"), 0);
	ck_assert_int_eq(nvgsp_fw_path(path, 20, NVGSP_FW_LAYOUT_LINUX_FIRMWARE, ga102,
				       NVGSP_FW_GSP, "570.144"), -E2BIG);
	ck_assert_str_eq(nvgsp_fw_role_name(NVGSP_FW_NR_ROLES), "unknown");
}
END_TEST

Suite *nvgsp_suite_fw_release(void)
{
	Suite *s = suite_create("fw_release");
	TCase *tc = tcase_create("release");

	tcase_add_test(tc, releases_newest_first);
	tcase_add_test(tc, release_names);
	tcase_add_loop_test(tc, every_chip_every_release, 0, 2);
	tcase_add_test(tc, paths);
	suite_add_tcase(s, tc);
	return s;
}
