// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_os_user.c - the userspace OS layer behaves as the kernel one does:
 * register accesses outside the window are refused and reported once,
 * formatting never overruns, debug messages follow the category mask.
 */
#include <string.h>

#include "unit.h"

START_TEST(bar_refuses_out_of_window)
{
	struct unit_regs regs = { .fill = 0x12345678, .count = 1, .reg = { { 0xffc, 7 } } };
	struct nvgsp_os_bar bar;

	unit_log_reset();
	unit_bar_init(&bar, &regs, 0x1000);
	ck_assert_uint_eq(nvgsp_os_rd32(&bar, 0xffc), 7);
	ck_assert_uint_eq(nvgsp_os_rd32(&bar, 0x0), 0x12345678);
	ck_assert_uint_eq(bar.bad_accesses, 0);

	ck_assert_uint_eq(nvgsp_os_rd32(&bar, 0x1000), 0xffffffff);	/* past the end */
	ck_assert_uint_eq(nvgsp_os_rd32(&bar, 0xfffffffc), 0xffffffff);	/* no wrap */
	ck_assert_uint_eq(nvgsp_os_rd32(&bar, 0x2), 0xffffffff);		/* misaligned */
	nvgsp_os_wr32(&bar, 0x1000, 1);
	ck_assert_uint_eq(bar.bad_accesses, 4);
	ck_assert_uint_eq(regs.reads, 2);	/* refused accesses never reach the model */

	/* reported once, naming the window and the offset */
	ck_assert_ptr_nonnull(strstr(unit_log, "unit BAR0: register access at 0x1000 outside the 4096-byte window"));
	ck_assert_ptr_null(strstr(strstr(unit_log, "\n") + 1, "outside"));
}
END_TEST

START_TEST(bar_writes_reach_model)
{
	struct unit_regs regs = { .count = 1, .reg = { { 0x10, 0 } } };
	struct nvgsp_os_bar bar;

	unit_bar_init(&bar, &regs, 0x1000);
	nvgsp_os_wr32(&bar, 0x10, 0xdeadbeef);
	ck_assert_uint_eq(nvgsp_os_rd32(&bar, 0x10), 0xdeadbeef);
	ck_assert_uint_eq(nvgsp_os_bar_size(&bar), 0x1000);
}
END_TEST

START_TEST(snprintf_truncates_like_the_kernel)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(nvgsp_os_snprintf(buf, sizeof(buf), "%s", "0123456789"), 7);
	ck_assert_str_eq(buf, "0123456");
	ck_assert_int_eq(nvgsp_os_snprintf(buf, sizeof(buf), "%d", 42), 2);
	ck_assert_str_eq(buf, "42");
	ck_assert_int_eq(nvgsp_os_snprintf(buf, 0, "%d", 42), 0);
	ck_assert_str_eq(buf, "42");
}
END_TEST

START_TEST(debug_messages_follow_the_mask)
{
	unit_log_reset();
	nvgsp_os_user_set_debug(0);
	nvgsp_os_log("dev", NVGSP_LOG_DEBUG, NVGSP_DBG_CHIP, "hidden");
	ck_assert_str_eq(unit_log, "");
	nvgsp_os_user_set_debug(NVGSP_DBG_CHIP);
	nvgsp_os_log("dev", NVGSP_LOG_DEBUG, NVGSP_DBG_PCI, "other category");
	nvgsp_os_log("dev", NVGSP_LOG_DEBUG, NVGSP_DBG_CHIP, "shown %d", 1);
	nvgsp_os_log(NULL, NVGSP_LOG_ERR, 0, "errors always");
	ck_assert_str_eq(unit_log, "3 dev: shown 1\n0 -: errors always\n");
	nvgsp_os_user_set_debug(0);
}
END_TEST

START_TEST(alloc_failure_injection)
{
	void *a, *b;

	nvgsp_os_user_fail_alloc_after(1);
	a = nvgsp_os_zalloc(16);
	b = nvgsp_os_zalloc(16);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_null(b);
	ck_assert_uint_eq(((unsigned char *)a)[15], 0);
	nvgsp_os_user_fail_alloc_after(-1);
	b = nvgsp_os_zalloc(16);
	ck_assert_ptr_nonnull(b);
	nvgsp_os_free(a);
	nvgsp_os_free(b);
	nvgsp_os_free(NULL);
}
END_TEST

Suite *nvgsp_suite_os_user(void)
{
	Suite *s = suite_create("os_user");
	TCase *tc = tcase_create("os");

	tcase_add_test(tc, bar_refuses_out_of_window);
	tcase_add_test(tc, bar_writes_reach_model);
	tcase_add_test(tc, snprintf_truncates_like_the_kernel);
	tcase_add_test(tc, debug_messages_follow_the_mask);
	tcase_add_test(tc, alloc_failure_injection);
	suite_add_tcase(s, tc);
	return s;
}
