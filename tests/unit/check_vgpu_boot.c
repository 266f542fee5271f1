// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_vgpu_boot.c - nvgsp.vgpu and the decision whether GSP-RM is booted
 * for SR-IOV vGPU (src/vgpu/nvgsp_vgpu_boot.c): the parameter's spellings,
 * every condition under auto, on and off, in order, and the one line each
 * outcome logs (Documentation/vgpu-boot.rst).
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "vgpu/nvgsp_vgpu_boot.h"

static struct nvgsp_os_device pf = { .name = "0000:05:00.0" };

static void setup(void)
{
	nvgsp_os_user_set_debug(0);
	unit_log_reset();
}

/* Exactly one line was logged, at @level, naming the PF and containing @text. */
static void one_line(int level, const char *text)
{
	unit_log_one_line(level, "0000:05:00.0", text);
}

START_TEST(mode_spellings)
{
	static const struct {
		const char *val;
		int ret;
		enum nvgsp_vgpu_mode mode;
	} rows[] = {
		{ "auto", 0, NVGSP_VGPU_AUTO }, { "on", 0, NVGSP_VGPU_ON },
		{ "off", 0, NVGSP_VGPU_OFF }, { "on\n", 0, NVGSP_VGPU_ON },
		{ "", -EINVAL, 0 }, { "o", -EINVAL, 0 }, { "onn", -EINVAL, 0 }, { "of", -EINVAL, 0 },
		{ "on\n\n", -EINVAL, 0 }, { "ON", -EINVAL, 0 }, { "1", -EINVAL, 0 },
		{ " auto", -EINVAL, 0 }, { "auto ", -EINVAL, 0 },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		enum nvgsp_vgpu_mode mode = (enum nvgsp_vgpu_mode)77;

		ck_assert_msg(nvgsp_vgpu_mode_parse(rows[i].val, &mode) == rows[i].ret,
			      "\"%s\"", rows[i].val);
		if (!rows[i].ret)
			ck_assert_int_eq(mode, rows[i].mode);
		else
			ck_assert_int_eq(mode, 77);	/* untouched */
	}
	ck_assert_int_eq(nvgsp_vgpu_mode_parse(NULL, NULL), -EINVAL);
	ck_assert_str_eq(nvgsp_vgpu_mode_name(NVGSP_VGPU_AUTO), "auto");
	ck_assert_str_eq(nvgsp_vgpu_mode_name(NVGSP_VGPU_ON), "on");
	ck_assert_str_eq(nvgsp_vgpu_mode_name(NVGSP_VGPU_OFF), "off");
	ck_assert_str_eq(nvgsp_vgpu_mode_name((enum nvgsp_vgpu_mode)3), "?");
}
END_TEST

/*
 * Every non-Turing chip on every release that serves it, with VFs: auto and
 * on prepare, with one info line naming the release and TotalVFs.
 */
START_TEST(prepares_when_all_hold)
{
	static const char *const releases[] = { "535.113.01", "570.144" };
	const struct nvgsp_chip_info *t;
	struct nvgsp_vgpu_boot b;
	size_t n, i, r;
	int m, prepared = 0;

	t = nvgsp_chip_table(&n);
	for (i = 0; i < n; i++) {
		if (t[i].family == NVGSP_FAMILY_TURING)
			continue;
		for (r = 0; r < 2; r++) {
			for (m = NVGSP_VGPU_AUTO; m <= NVGSP_VGPU_ON; m++) {
				char want[128];

				unit_log_reset();
				memset(&b, 0xa5, sizeof(b));
				nvgsp_vgpu_boot_decide(&pf, m, &t[i], nvgsp_abi_find(releases[r]),
						       16, &b);
				ck_assert(b.prepare);
				ck_assert_int_eq(b.why, NVGSP_VGPU_WHY_READY);
				ck_assert_int_eq(b.mode, m);
				ck_assert_uint_eq(b.total_vfs, 16);
				snprintf(want, sizeof(want),
					 "vGPU: on (nvgsp.vgpu=%s): GSP-RM %s booted for SR-IOV vGPU, TotalVFs 16",
					 m == NVGSP_VGPU_ON ? "on" : "auto", releases[r]);
				one_line(NVGSP_LOG_INFO, want);
				prepared++;
			}
		}
	}
	/* GA10x, GA100, AD10x, GH100, GB10x and GB20x: at least 15 chips. */
	ck_assert_int_ge(prepared, 15 * 4);
}
END_TEST

/* off never prepares, whatever else holds; a debug line only. */
START_TEST(off_never)
{
	struct nvgsp_vgpu_boot b;

	nvgsp_vgpu_boot_decide(&pf, NVGSP_VGPU_OFF, unit_chip_named("GA102"),
			       nvgsp_abi_find("570.144"), 32, &b);
	ck_assert(!b.prepare);
	ck_assert_int_eq(b.why, NVGSP_VGPU_WHY_OFF);
	ck_assert_str_eq(unit_log, "");
	nvgsp_os_user_set_debug(NVGSP_DBG_BOOT);
	nvgsp_vgpu_boot_decide(&pf, NVGSP_VGPU_OFF, unit_chip_named("GA102"),
			       nvgsp_abi_find("570.144"), 32, &b);
	one_line(NVGSP_LOG_DEBUG, "vGPU: off (nvgsp.vgpu=off)");
}
END_TEST

/*
 * Each failed condition, in order (chip, release, VFs): under auto nothing
 * but a debug line; under on one warning naming it; never prepared.
 */
static const struct {
	const char *chip;
	bool bare_release;
	u16 vfs;
	enum nvgsp_vgpu_why why;
	const char *text;
} fails[] = {
	{ "TU102", false, 16, NVGSP_VGPU_WHY_CHIP,
	  "TU102 is a Turing chip, which has no SR-IOV vGPU" },
	/* The chip is checked first: a Turing chip on a bare release names the chip. */
	{ "TU104", true, 0, NVGSP_VGPU_WHY_CHIP,
	  "TU104 is a Turing chip, which has no SR-IOV vGPU" },
	{ "GA102", true, 16, NVGSP_VGPU_WHY_RELEASE,
	  "GSP-RM 570.144 has no vGPU boot parameters (vgpu.heap, vgpu.vf_partitions)" },
	{ "GH100", true, 0, NVGSP_VGPU_WHY_RELEASE,
	  "GSP-RM 570.144 has no vGPU boot parameters (vgpu.heap, vgpu.vf_partitions)" },
	{ "AD102", false, 0, NVGSP_VGPU_WHY_NO_VFS,
	  "the board has no SR-IOV capability with TotalVFs > 0" },
};

START_TEST(each_condition)
{
	struct nvgsp_abi bare = *nvgsp_abi_find("570.144");
	const struct nvgsp_abi *abi = &bare;
	struct nvgsp_vgpu_boot b;
	char want[192];

	bare.params = NULL;
	bare.nr_params = 0;
	if (!fails[_i].bare_release)
		abi = nvgsp_abi_find("570.144");

	nvgsp_vgpu_boot_decide(&pf, NVGSP_VGPU_AUTO, unit_chip_named(fails[_i].chip), abi,
			       fails[_i].vfs, &b);
	ck_assert(!b.prepare);
	ck_assert_int_eq(b.why, fails[_i].why);
	ck_assert_uint_eq(b.total_vfs, fails[_i].vfs);
	ck_assert_str_eq(unit_log, "");

	nvgsp_os_user_set_debug(NVGSP_DBG_BOOT);
	nvgsp_vgpu_boot_decide(&pf, NVGSP_VGPU_AUTO, unit_chip_named(fails[_i].chip), abi,
			       fails[_i].vfs, &b);
	snprintf(want, sizeof(want), "vGPU: off (nvgsp.vgpu=auto): %s", fails[_i].text);
	one_line(NVGSP_LOG_DEBUG, want);

	nvgsp_os_user_set_debug(0);
	unit_log_reset();
	nvgsp_vgpu_boot_decide(&pf, NVGSP_VGPU_ON, unit_chip_named(fails[_i].chip), abi,
			       fails[_i].vfs, &b);
	ck_assert(!b.prepare);
	ck_assert_int_eq(b.why, fails[_i].why);
	ck_assert_int_eq(b.mode, NVGSP_VGPU_ON);
	snprintf(want, sizeof(want), "vGPU: nvgsp.vgpu=on, but %s; booting without vGPU",
		 fails[_i].text);
	one_line(NVGSP_LOG_WARN, want);
}
END_TEST

/* A zeroed decision reads as "not decided", never as prepared. */
START_TEST(zeroed_is_undecided)
{
	struct nvgsp_vgpu_boot b;

	memset(&b, 0, sizeof(b));
	ck_assert_int_eq(b.why, NVGSP_VGPU_WHY_UNDECIDED);
	ck_assert(!b.prepare);
	ck_assert_int_ne(NVGSP_VGPU_WHY_READY, 0);
}
END_TEST

Suite *nvgsp_suite_vgpu_boot(void)
{
	Suite *s = suite_create("vgpu_boot");
	TCase *tc = tcase_create("decide");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, mode_spellings);
	tcase_add_test(tc, prepares_when_all_hold);
	tcase_add_test(tc, off_never);
	tcase_add_loop_test(tc, each_condition, 0, sizeof(fails) / sizeof(fails[0]));
	tcase_add_test(tc, zeroed_is_undecided);
	suite_add_tcase(s, tc);
	return s;
}
