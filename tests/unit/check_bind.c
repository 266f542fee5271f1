// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_bind.c - ownership by choice (src/chip/nvgsp_bind.c): what
 * nvgsp.bind= accepts and refuses, that a refused value leaves the policy
 * as it was, and, per device, whether a probe takes it: driver_override,
 * address, ID, all, nothing, and the boot VGA device under each.
 */
#include <string.h>

#include "unit.h"
#include "chip/nvgsp_bind.h"

/* Parsing: the value, the errno, and the policy formatted back (or the error's words). */
static const struct {
	const char *val;
	int ret;
	const char *out;
} parse_cases[] = {
	{ "none", 0, "none" },
	{ "none\n", 0, "none" },
	{ "", 0, "none" },
	{ "\n", 0, "none" },
	{ "all", 0, "all" },
	{ "all\n", 0, "all" },
	{ "0000:01:00.0", 0, "0000:01:00.0" },
	{ "01:00.0", 0, "0000:01:00.0" },
	{ "1:0.0", 0, "0000:01:00.0" },
	{ "10000:c1:1f.7", 0, "10000:c1:1f.7" },
	{ "10de:2204", 0, "10de:2204" },
	{ "10DE:2204\n", 0, "10de:2204" },
	{ "0000:01:00.0,10de:2331,02:00.0", 0, "0000:01:00.0,10de:2331,0000:02:00.0" },
	/* Refused, with the item named. */
	{ "yes", -EINVAL, "\"yes\" is neither" },
	{ "all,01:00.0", -EINVAL, "\"all\" stands alone" },
	{ "01:00.0,none", -EINVAL, "\"none\" stands alone" },
	{ "01:00.0,", -EINVAL, "\"\" is neither" },
	{ ",01:00.0", -EINVAL, "\"\" is neither" },
	{ "01:20.0", -EINVAL, "\"01:20.0\" is neither" },
	{ "01:00.8", -EINVAL, "\"01:00.8\" is neither" },
	{ "100:00.0", -EINVAL, "\"100:00.0\" is neither" },
	{ "0:0:01:00.0", -EINVAL, "\"0:0:01:00.0\" is neither" },
	{ "10de:22044", -EINVAL, "\"10de:22044\" is neither" },
	{ "10de", -EINVAL, "\"10de\" is neither" },
	{ "10de:2204:1", -EINVAL, "\"10de:2204:1\" is neither" },
	{ "01:00.0 ", -EINVAL, "\"01:00.0 \" is neither" },
	{ "01:00.x", -EINVAL, "\"01:00.x\" is neither" },
	{ "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17", -EINVAL, "\"1\" is neither" },
	{ "1:0.0,1:0.1,1:0.2,1:0.3,1:0.4,1:0.5,1:0.6,1:0.7,2:0.0,2:0.1,2:0.2,2:0.3,2:0.4,2:0.5,2:0.6,2:0.7,3:0.0",
	  -E2BIG, "more than 16 devices" },
};

START_TEST(parse_table)
{
	struct nvgsp_bind_policy p;
	char why[NVGSP_BIND_WHY_LEN], out[256];
	int ret;

	/* A sentinel policy: a refused value must leave it alone. */
	memset(&p, 0, sizeof(p));
	p.mode = NVGSP_BIND_ALL;
	strcpy(why, "");
	ret = nvgsp_bind_parse(parse_cases[_i].val, &p, why, sizeof(why));
	ck_assert_msg(ret == parse_cases[_i].ret, "\"%s\": %d, want %d (%s)",
		      parse_cases[_i].val, ret, parse_cases[_i].ret, why);
	if (ret) {
		ck_assert_msg(strstr(why, parse_cases[_i].out), "\"%s\": \"%s\" lacks \"%s\"",
			      parse_cases[_i].val, why, parse_cases[_i].out);
		ck_assert_int_eq(p.mode, NVGSP_BIND_ALL);
		return;
	}
	nvgsp_bind_format(&p, out, sizeof(out));
	ck_assert_str_eq(out, parse_cases[_i].out);
	/* What it formats to reads back as the same policy. */
	ck_assert_int_eq(nvgsp_bind_parse(out, &p, why, sizeof(why)), 0);
	nvgsp_bind_format(&p, why, sizeof(why));
	ck_assert_str_eq(why, out);
}
END_TEST

START_TEST(format_truncates)
{
	struct nvgsp_bind_policy p;
	char why[NVGSP_BIND_WHY_LEN], out[8];

	ck_assert_int_eq(nvgsp_bind_parse("0000:01:00.0,0000:02:00.0", &p, why, sizeof(why)), 0);
	ck_assert_int_eq(nvgsp_bind_format(&p, out, sizeof(out)), 7);
	ck_assert_str_eq(out, "0000:01");
}
END_TEST

/* The GA102 at 0000:01:00.0 and a GH100 at 0000:02:00.0. */
#define GA102	{ 0, 1, 0, 0, 0x10de, 0x2204, false, false }
#define GH100	{ 0, 2, 0, 0, 0x10de, 0x2331, false, false }

/* Deciding: the policy, take_boot_vga, the device, boot VGA, override; then the verdict. */
static const struct {
	const char *bind;
	bool take_boot_vga;
	struct nvgsp_bind_dev dev;
	bool boot_vga, override;
	int ret;
	enum nvgsp_bind_why by;
	const char *why;
} decide_cases[] = {
	/* The default: nothing, unless driver_override asks. */
	{ "none", false, GA102, false, false, -EPERM, 0,
	  "not binding 10de:2204: nvgsp takes a GPU only when asked (nvgsp.bind=none); give it nvgsp.bind=0000:01:00.0 or driverctl set-override 0000:01:00.0 nvgsp" },
	{ "none", false, GA102, false, true, 0, NVGSP_BIND_BY_OVERRIDE, NULL },
	{ "none", true, GA102, false, false, -EPERM, 0, "nvgsp.bind=none" },
	{ "none", false, GA102, true, true, 0, NVGSP_BIND_BY_OVERRIDE, NULL },
	/* all */
	{ "all", false, GA102, false, false, 0, NVGSP_BIND_BY_ALL, NULL },
	{ "all", false, GA102, true, false, -EPERM, 0,
	  "not binding the boot VGA device (the firmware console's framebuffer) by nvgsp.bind=all: name it, nvgsp.bind=0000:01:00.0, or set nvgsp.take_boot_vga=1" },
	{ "all", true, GA102, true, false, 0, NVGSP_BIND_BY_ALL, NULL },
	{ "all", false, GA102, true, true, 0, NVGSP_BIND_BY_OVERRIDE, NULL },
	/* Addresses */
	{ "01:00.0", false, GA102, false, false, 0, NVGSP_BIND_BY_ADDRESS, NULL },
	{ "01:00.0", false, GA102, true, false, 0, NVGSP_BIND_BY_ADDRESS, NULL },
	{ "01:00.0", false, GH100, false, false, -EPERM, 0, "(nvgsp.bind=0000:01:00.0); give it nvgsp.bind=0000:02:00.0" },
	{ "0001:01:00.0", false, GA102, false, false, -EPERM, 0, "nvgsp.bind=0000:01:00.0 or" },
	{ "01:00.1", false, GA102, false, false, -EPERM, 0, "not binding 10de:2204" },
	{ "02:00.0,01:00.0", false, GA102, true, false, 0, NVGSP_BIND_BY_ADDRESS, NULL },
	/* IDs */
	{ "10de:2204", false, GA102, false, false, 0, NVGSP_BIND_BY_ID, NULL },
	{ "10de:2204", false, GH100, false, false, -EPERM, 0, "not binding 10de:2331" },
	{ "10de:2204", false, GA102, true, false, -EPERM, 0, "boot VGA device (the firmware console's framebuffer) by its ID in nvgsp.bind=" },
	{ "10de:2204", true, GA102, true, false, 0, NVGSP_BIND_BY_ID, NULL },
	/* An address wins over an ID for the boot VGA device. */
	{ "10de:2204,01:00.0", false, GA102, true, false, 0, NVGSP_BIND_BY_ADDRESS, NULL },
};

START_TEST(decide_table)
{
	struct nvgsp_bind_dev d = decide_cases[_i].dev;
	struct nvgsp_bind_policy p;
	char why[NVGSP_BIND_WHY_LEN];
	enum nvgsp_bind_why by = 99;
	int ret;

	ck_assert_int_eq(nvgsp_bind_parse(decide_cases[_i].bind, &p, why, sizeof(why)), 0);
	d.boot_vga = decide_cases[_i].boot_vga;
	d.override = decide_cases[_i].override;
	strcpy(why, "");
	ret = nvgsp_bind_decide(&p, decide_cases[_i].take_boot_vga, &d, &by, why, sizeof(why));
	ck_assert_msg(ret == decide_cases[_i].ret, "case %d (bind=%s): %d, want %d: %s", _i,
		      decide_cases[_i].bind, ret, decide_cases[_i].ret, why);
	if (ret) {
		ck_assert_msg(strstr(why, decide_cases[_i].why), "case %d: \"%s\" lacks \"%s\"", _i,
			      why, decide_cases[_i].why);
		ck_assert_msg(strstr(why, "Documentation/ownership.rst"), "case %d: %s", _i, why);
	} else {
		ck_assert_int_eq(by, decide_cases[_i].by);
	}
}
END_TEST

START_TEST(why_names)
{
	ck_assert_str_eq(nvgsp_bind_why_name(NVGSP_BIND_BY_OVERRIDE), "driver_override");
	ck_assert_str_eq(nvgsp_bind_why_name(NVGSP_BIND_BY_ALL), "nvgsp.bind=all");
	ck_assert_str_eq(nvgsp_bind_why_name(42), "?");
}
END_TEST

Suite *nvgsp_suite_bind(void)
{
	Suite *s = suite_create("bind");
	TCase *tc = tcase_create("policy");

	tcase_add_loop_test(tc, parse_table, 0, sizeof(parse_cases) / sizeof(parse_cases[0]));
	tcase_add_test(tc, format_truncates);
	tcase_add_loop_test(tc, decide_table, 0, sizeof(decide_cases) / sizeof(decide_cases[0]));
	tcase_add_test(tc, why_names);
	suite_add_tcase(s, tc);
	return s;
}
