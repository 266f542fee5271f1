// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_fw_select.c - finding and identifying the firmware for a chip, as
 * probe does, over the real Debian firmware trees and over small trees built
 * here from real files to make each identity failure happen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "unit.h"
#include "fw/nvgsp_fw_select.h"

struct outcome {
	int ret;
	struct nvgsp_fw_set set;
	struct nvgsp_fw_diag diag;
	char missing[512];
};

/* Select for @chip over @fw_path; the set is released before returning. */
static void select_fw(const char *fw_path, const struct nvgsp_chip_info *chip,
		      const char *forced, struct outcome *o)
{
	struct nvgsp_os_device dev = { .name = "unit", .fw_path = fw_path };

	memset(o, 0, sizeof(*o));
	o->ret = nvgsp_fw_select(&dev, chip, forced, &o->set, &o->diag);
	if (!o->ret)
		nvgsp_fw_set_missing(&o->set, o->missing, sizeof(o->missing));
	nvgsp_fw_set_put(&o->set);
}

static bool is_fsp(const struct nvgsp_chip_info *chip)
{
	return chip->boot_path == NVGSP_BOOT_FSP;
}

/* graphics-sid holds 535.113.01 and 570.144: the newest wins, complete. */
START_TEST(sid_newest_release_every_chip)
{
	const struct nvgsp_chip_info *chip = &nvgsp_chip_table(&(size_t){ 0 })[_i];
	struct outcome o;

	select_fw(unit_fw_root("graphics-sid"), chip, NULL, &o);
	ck_assert_msg(o.ret == 0, "%s: %d %s", chip->name, o.ret, o.diag.msg);
	ck_assert_str_eq(o.set.abi->release, "570.144");
	ck_assert_str_eq(o.set.gsp.version, "570.144");
	ck_assert_int_eq(o.set.gsp_layout, NVGSP_FW_LAYOUT_LINUX_FIRMWARE);
	ck_assert_uint_eq(o.set.missing, 0);
	ck_assert_uint_eq(o.set.roles, nvgsp_fw_release_roles(o.set.abi, chip));
}
END_TEST

/*
 * Once GSP-RM runs, only the unload's files stay loaded: for every chip the
 * set is no longer complete, holds exactly the kept roles' bytes, and the
 * released bytes include the whole GSP-RM image.
 */
START_TEST(trim_keeps_the_unload_files)
{
	const struct nvgsp_chip_info *chip = &nvgsp_chip_table(&(size_t){ 0 })[_i];
	struct nvgsp_os_device dev = { .name = "unit", .fw_path = unit_fw_root("graphics-sid") };
	struct nvgsp_fw_set set;
	struct nvgsp_fw_diag diag;
	size_t all, gsp, kept = 0, freed;
	unsigned int r;

	memset(&set, 0, sizeof(set));
	ck_assert_int_eq(nvgsp_fw_select(&dev, chip, NULL, &set, &diag), 0);
	ck_assert(nvgsp_fw_set_complete(&set));
	all = nvgsp_fw_set_bytes(&set);
	gsp = set.files[NVGSP_FW_GSP].blob.size;
	ck_assert_uint_gt(gsp, 1u << 20);
	for (r = 0; r < NVGSP_FW_NR_ROLES; r++)
		if (NVGSP_FW_UNLOAD_ROLES & NVGSP_FW_ROLE(r))
			kept += set.files[r].blob.size;
	freed = nvgsp_fw_set_trim(&set, NVGSP_FW_UNLOAD_ROLES);
	ck_assert_uint_eq(freed, all - kept);
	ck_assert_uint_ge(freed, gsp);
	ck_assert_uint_eq(nvgsp_fw_set_bytes(&set), kept);
	ck_assert_ptr_null(set.files[NVGSP_FW_GSP].blob.data);
	ck_assert(!nvgsp_fw_set_complete(&set));
	/* The path stays, for messages. */
	ck_assert(strstr(set.files[NVGSP_FW_GSP].path, "gsp") != NULL);
	/* A second trim releases nothing more. */
	ck_assert_uint_eq(nvgsp_fw_set_trim(&set, NVGSP_FW_UNLOAD_ROLES), 0);
	if (chip->boot_path == NVGSP_BOOT_SEC2_BOOTER)
		ck_assert_ptr_nonnull(set.files[NVGSP_FW_BOOTER_UNLOAD].blob.data);
	nvgsp_fw_set_put(&set);
	ck_assert_uint_eq(nvgsp_fw_set_bytes(&set), 0);
}
END_TEST

/* Forcing the older release works for every chip it serves, and says why not. */
START_TEST(sid_forced_535_every_chip)
{
	const struct nvgsp_chip_info *chip = &nvgsp_chip_table(&(size_t){ 0 })[_i];
	struct outcome o;
	char want[160];

	select_fw(unit_fw_root("graphics-sid"), chip, "535.113.01", &o);
	if (is_fsp(chip)) {
		snprintf(want, sizeof(want),
			 "nvgsp.fw_release: release 535.113.01 does not serve %s (%s); supported releases: 570.144, 535.113.01",
			 chip->name, chip->sig_family);
		ck_assert_int_eq(o.ret, -EOPNOTSUPP);
		ck_assert_str_eq(o.diag.msg, want);
		return;
	}
	ck_assert_msg(o.ret == 0, "%s: %d %s", chip->name, o.ret, o.diag.msg);
	ck_assert_str_eq(o.set.gsp.version, "535.113.01");
	ck_assert_uint_eq(o.set.missing, 0);
}
END_TEST

/* trixie ships 535.113.01 only, and nothing for Hopper or Blackwell. */
START_TEST(trixie_every_chip)
{
	const struct nvgsp_chip_info *chip = &nvgsp_chip_table(&(size_t){ 0 })[_i];
	struct outcome o;
	char want[384];

	select_fw(unit_fw_root("graphics-trixie"), chip, NULL, &o);
	if (is_fsp(chip)) {
		snprintf(want, sizeof(want),
			 "%s: no GSP-RM image: looked for nvidia/%s/gsp/gsp-<release>.bin and nvidia/<release>/gsp_ga10x.bin for releases 570.144, 535.113.01 (install linux-firmware's nvidia files, e.g. Debian's firmware-nvidia-graphics)",
			 chip->name, chip->fw_dir);
		ck_assert_int_eq(o.ret, -ENOENT);
		ck_assert_str_eq(o.diag.msg, want);
		return;
	}
	ck_assert_msg(o.ret == 0, "%s: %d %s", chip->name, o.ret, o.diag.msg);
	ck_assert_str_eq(o.set.abi->release, "535.113.01");
	ck_assert_uint_eq(o.set.missing, 0);
}
END_TEST

/*
 * NVIDIA's own images (firmware-nvidia-gsp) are releases without an ABI table:
 * found under the NVIDIA layout when forced, identified by .fwversion and
 * refused by name; and a chip the image is not signed for is told so.
 */
START_TEST(nvidia_layout_unsupported_releases)
{
	static const struct { const char *set, *release; } sets[] = {
		{ "gsp-bookworm", "535.261.03" },
		{ "gsp-trixie", "550.163.01" },
		{ "gsp-experimental", "555.58.02" },
	};
	const struct nvgsp_chip_info *chips;
	size_t n, c;
	struct outcome o;
	char want[384];

	chips = nvgsp_chip_table(&n);
	for (c = 0; c < n; c++) {
		const char *group = nvgsp_fw_image_group(&chips[c]);

		select_fw(unit_fw_root(sets[_i].set), &chips[c], sets[_i].release, &o);
		if (chips[c].family == NVGSP_FAMILY_BLACKWELL) {
			snprintf(want, sizeof(want),
				 "nvidia/%s/gsp_ga10x.bin: no .fwsignature_%s section: this image is signed for gh100, ad10x, ga10x, not for %s",
				 sets[_i].release, chips[c].sig_family, chips[c].name);
			ck_assert_int_eq(o.ret, -EINVAL);
		} else {
			snprintf(want, sizeof(want),
				 "nvidia/%s/gsp_%s.bin: GSP-RM %s has no ABI table in this nvgsp; supported releases: 570.144, 535.113.01",
				 sets[_i].release, group, sets[_i].release);
			ck_assert_int_eq(o.ret, -EOPNOTSUPP);
		}
		ck_assert_msg(!strcmp(o.diag.msg, want), "%s: '%s'\n want '%s'", chips[c].name,
			      o.diag.msg, want);
		/* without forcing, nothing supported is there */
		select_fw(unit_fw_root(sets[_i].set), &chips[c], NULL, &o);
		ck_assert_int_eq(o.ret, -ENOENT);
	}
}
END_TEST

/* --- trees built from real files ---------------------------------------------- */

static char tree[256];

static void tree_setup(void)
{
	snprintf(tree, sizeof(tree), "/tmp/nvgsp-unit-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tree));
}

static void tree_teardown(void)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tree);
	ck_assert_int_eq(system(cmd), 0);
}

/* Link tree/@path to @set's @target (a path relative to its firmware root). */
static void tree_link(const char *path, const char *set, const char *target)
{
	char from[512], to[512], cmd[1700];

	snprintf(from, sizeof(from), "%s/%s", tree, path);
	snprintf(to, sizeof(to), "%s/%s", unit_fw_root(set), target);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\" && ln -s '%s' '%s'", from, to, from);
	ck_assert_int_eq(system(cmd), 0);
}

/* Write tree/@path as the first @len bytes of @set's @target. */
static void tree_truncated(const char *path, const char *set, const char *target, size_t len)
{
	char from[512], to[512], cmd[1700];

	snprintf(from, sizeof(from), "%s/%s", tree, path);
	snprintf(to, sizeof(to), "%s/%s", unit_fw_root(set), target);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\" && head -c %zu '%s' > '%s'",
		 from, len, to, from);
	ck_assert_int_eq(system(cmd), 0);
}

#define GA102_570(role) "nvidia/ga102/gsp/" role "-570.144.bin"

static void tree_ga102_570(const char *skip)
{
	static const char *const roles[] = { "gsp", "bootloader", "booter_load", "booter_unload" };
	char path[128];
	size_t i;

	for (i = 0; i < 4; i++) {
		if (skip && !strcmp(skip, roles[i]))
			continue;
		snprintf(path, sizeof(path), "nvidia/ga102/gsp/%s-570.144.bin", roles[i]);
		tree_link(path, "graphics-sid", path);
	}
}

static const struct nvgsp_chip_info *chip(u16 chipset)
{
	return nvgsp_chip_lookup(chipset);
}

START_TEST(not_bootable_names_missing_files)
{
	struct outcome o;

	tree_ga102_570("booter_unload");
	unlink(strcat(strcpy((char[512]){ 0 }, tree), "/" GA102_570("booter_load")));
	select_fw(tree, chip(0x172), NULL, &o);
	ck_assert_int_eq(o.ret, 0);
	ck_assert_str_eq(o.set.abi->release, "570.144");
	ck_assert_uint_eq(o.set.missing, NVGSP_FW_ROLE(NVGSP_FW_BOOTER_LOAD) |
				      NVGSP_FW_ROLE(NVGSP_FW_BOOTER_UNLOAD));
	ck_assert_str_eq(o.missing, GA102_570("booter_load") ", " GA102_570("booter_unload"));
}
END_TEST

START_TEST(fsp_chip_missing_fmc)
{
	struct outcome o;

	tree_link("nvidia/gb202/gsp/gsp-570.144.bin", "graphics-sid", "nvidia/gb202/gsp/gsp-570.144.bin");
	select_fw(tree, chip(0x1b2), NULL, &o);
	ck_assert_int_eq(o.ret, 0);
	ck_assert_str_eq(o.missing, "nvidia/gb202/gsp/bootloader-570.144.bin, nvidia/gb202/gsp/fmc-570.144.bin");
}
END_TEST

START_TEST(mislabelled_image_refused)
{
	struct outcome o;

	/* a 535.113.01 image under the 570.144 name */
	tree_link(GA102_570("gsp"), "graphics-sid", "nvidia/ga102/gsp/gsp-535.113.01.bin");
	select_fw(tree, chip(0x172), NULL, &o);
	ck_assert_int_eq(o.ret, -EINVAL);
	ck_assert_str_eq(o.diag.msg, GA102_570("gsp") ": .fwversion says 535.113.01 but the file name says 570.144; refusing a mislabelled image");
}
END_TEST

START_TEST(image_for_another_chip_refused)
{
	struct outcome o;

	tree_link(GA102_570("gsp"), "graphics-sid", "nvidia/tu102/gsp/gsp-570.144.bin");
	select_fw(tree, chip(0x172), NULL, &o);
	ck_assert_int_eq(o.ret, -EINVAL);
	ck_assert_str_eq(o.diag.msg, GA102_570("gsp") ": no .fwsignature_ga10x section: this image is signed for ga100, tu11x, tu10x, not for GA102");
}
END_TEST

START_TEST(newest_present_but_broken_is_not_skipped)
{
	/* A corrupt 570.144 image fails; it does not fall back to 535.113.01. */
	struct outcome o;

	tree_truncated(GA102_570("gsp"), "graphics-sid", GA102_570("gsp"), 4096);
	tree_link("nvidia/ga102/gsp/gsp-535.113.01.bin", "graphics-sid",
		  "nvidia/ga102/gsp/gsp-535.113.01.bin");
	select_fw(tree, chip(0x172), NULL, &o);
	ck_assert_int_eq(o.ret, -EINVAL);
	ck_assert_msg(!strncmp(o.diag.msg, GA102_570("gsp") ": ", strlen(GA102_570("gsp")) + 2),
		      "%s", o.diag.msg);
}
END_TEST

START_TEST(corrupt_companion_refused)
{
	struct outcome o;

	tree_ga102_570("booter_load");
	tree_truncated(GA102_570("booter_load"), "graphics-sid", GA102_570("booter_load"), 100);
	select_fw(tree, chip(0x172), NULL, &o);
	ck_assert_int_eq(o.ret, -EINVAL);
	ck_assert_msg(!strncmp(o.diag.msg, GA102_570("booter_load") ": ",
			       strlen(GA102_570("booter_load")) + 2), "%s", o.diag.msg);
}
END_TEST

START_TEST(fmc_for_another_generation_refused)
{
	/* GH100's RSA-3072 FMC where a GB202 (ECDSA P-384) needs its own */
	struct outcome o;

	tree_link("nvidia/gb202/gsp/gsp-570.144.bin", "graphics-sid", "nvidia/gb202/gsp/gsp-570.144.bin");
	tree_link("nvidia/gb202/gsp/bootloader-570.144.bin", "graphics-sid",
		  "nvidia/gb202/gsp/bootloader-570.144.bin");
	tree_link("nvidia/gb202/gsp/fmc-570.144.bin", "graphics-sid", "nvidia/gh100/gsp/fmc-570.144.bin");
	select_fw(tree, chip(0x1b2), NULL, &o);
	ck_assert_int_eq(o.ret, -EINVAL);
	ck_assert_msg(strstr(o.diag.msg, "nvidia/gb202/gsp/fmc-570.144.bin: "), "%s", o.diag.msg);
}
END_TEST

START_TEST(nvidia_layout_for_a_supported_release)
{
	/* NVIDIA's file name for the 570.144 image, linux-firmware's companions */
	struct outcome o;

	tree_ga102_570("gsp");
	tree_link("nvidia/570.144/gsp_ga10x.bin", "graphics-sid", GA102_570("gsp"));
	select_fw(tree, chip(0x174), NULL, &o);	/* GA104: companions in ga104/ */
	ck_assert_int_eq(o.ret, 0);
	ck_assert_int_eq(o.set.gsp_layout, NVGSP_FW_LAYOUT_NVIDIA);
	ck_assert_str_eq(o.missing, "nvidia/ga104/gsp/bootloader-570.144.bin, nvidia/ga104/gsp/booter_load-570.144.bin, nvidia/ga104/gsp/booter_unload-570.144.bin");
}
END_TEST

START_TEST(forced_release_absent_or_misspelt)
{
	struct outcome o;

	tree_ga102_570(NULL);
	select_fw(tree, chip(0x172), "535.113.01", &o);
	ck_assert_int_eq(o.ret, -ENOENT);
	ck_assert_str_eq(o.diag.msg, "nvgsp.fw_release: release 535.113.01: neither nvidia/ga102/gsp/gsp-535.113.01.bin nor nvidia/535.113.01/gsp_ga10x.bin exists");
	select_fw(tree, chip(0x172), "../../etc/passwd", &o);
	ck_assert_int_eq(o.ret, -EINVAL);
	ck_assert_str_eq(o.diag.msg, "nvgsp.fw_release: '../../etc/passwd' is not a release name (digits and dots, e.g. 570.144)");
}
END_TEST

START_TEST(unreadable_file_reported)
{
	struct outcome o;
	char dir[512];

	/* a directory where the image should be: the loader's error, named */
	snprintf(dir, sizeof(dir), "%s/" GA102_570("gsp"), tree);
	ck_assert_int_eq(system(strcat(strcpy((char[600]){ 0 }, "mkdir -p "), dir)), 0);
	select_fw(tree, chip(0x172), NULL, &o);
	ck_assert_int_eq(o.ret, -EISDIR);
	ck_assert_str_eq(o.diag.msg, GA102_570("gsp") ": cannot be loaded (error -21)");
}
END_TEST

START_TEST(search_path_order)
{
	/* The first directory with the file wins, as with the kernel's loader. */
	struct outcome o;
	char path[1024];
	int n;

	/* unit_fw_root() returns one static buffer: one call at a time */
	n = snprintf(path, sizeof(path), "%s:", unit_fw_root("graphics-trixie"));
	snprintf(path + n, sizeof(path) - n, "%s", unit_fw_root("graphics-sid"));
	select_fw(path, chip(0x194), NULL, &o);	/* trixie has no 570.144: sid's is used */
	ck_assert_int_eq(o.ret, 0);
	ck_assert_str_eq(o.set.abi->release, "570.144");
	select_fw(path, chip(0x194), "535.113.01", &o);
	ck_assert_int_eq(o.ret, 0);
}
END_TEST

START_TEST(fmc_parse_out_of_memory)
{
	struct outcome o;

	/* the GSP image parse allocates nothing; the FMC check allocates once */
	nvgsp_os_user_fail_alloc_after(0);
	select_fw(unit_fw_root("graphics-sid"), chip(0x180), NULL, &o);
	nvgsp_os_user_fail_alloc_after(-1);
	ck_assert_int_eq(o.ret, -ENOMEM);
	ck_assert_str_eq(o.diag.msg, "nvidia/gh100/gsp/fmc-570.144.bin: no memory to parse it");
}
END_TEST

Suite *nvgsp_suite_fw_select(void)
{
	Suite *s = suite_create("fw_select");
	size_t nchips;
	TCase *tc;

	nvgsp_chip_table(&nchips);
	tc = tcase_create("real trees");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, sid_newest_release_every_chip, 0, (int)nchips);
	tcase_add_loop_test(tc, sid_forced_535_every_chip, 0, (int)nchips);
	tcase_add_loop_test(tc, trim_keeps_the_unload_files, 0, (int)nchips);
	tcase_add_loop_test(tc, trixie_every_chip, 0, (int)nchips);
	tcase_add_loop_test(tc, nvidia_layout_unsupported_releases, 0, 3);
	tcase_add_test(tc, search_path_order);
	tcase_add_test(tc, fmc_parse_out_of_memory);
	suite_add_tcase(s, tc);

	tc = tcase_create("built trees");
	tcase_add_checked_fixture(tc, tree_setup, tree_teardown);
	tcase_add_test(tc, not_bootable_names_missing_files);
	tcase_add_test(tc, fsp_chip_missing_fmc);
	tcase_add_test(tc, mislabelled_image_refused);
	tcase_add_test(tc, image_for_another_chip_refused);
	tcase_add_test(tc, newest_present_but_broken_is_not_skipped);
	tcase_add_test(tc, corrupt_companion_refused);
	tcase_add_test(tc, fmc_for_another_generation_refused);
	tcase_add_test(tc, nvidia_layout_for_a_supported_release);
	tcase_add_test(tc, forced_release_absent_or_misspelt);
	tcase_add_test(tc, unreadable_file_reported);
	suite_add_tcase(s, tc);
	return s;
}
