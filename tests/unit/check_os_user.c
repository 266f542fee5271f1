// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_os_user.c - the userspace OS layer behaves as the kernel one does:
 * register accesses outside the window are refused and reported once,
 * formatting never overruns, debug messages follow the category mask.
 */
#include <string.h>

#include <signal.h>

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
	static const struct nvgsp_os_device dev = { .name = "dev" };

	unit_log_reset();
	nvgsp_os_user_set_debug(0);
	nvgsp_os_log(&dev, NVGSP_LOG_DEBUG, NVGSP_DBG_CHIP, "hidden");
	ck_assert_str_eq(unit_log, "");
	nvgsp_os_user_set_debug(NVGSP_DBG_CHIP);
	nvgsp_os_log(&dev, NVGSP_LOG_DEBUG, NVGSP_DBG_PCI, "other category");
	nvgsp_os_log(&dev, NVGSP_LOG_DEBUG, NVGSP_DBG_CHIP, "shown %d", 1);
	nvgsp_os_log(NULL, NVGSP_LOG_ERR, 0, "errors always");
	ck_assert_str_eq(unit_log, "3 dev: shown 1\n0 -: errors always\n");
	nvgsp_os_user_set_debug(0);
}
END_TEST

/* Without a device, a message names the tool's context when one is set. */
START_TEST(log_without_device_names_the_context)
{
	unit_log_reset();
	nvgsp_os_user_set_context("nvgspctl: gsp-570.144.bin");
	nvgsp_os_log(NULL, NVGSP_LOG_WARN, 0, "odd %s", "section");
	nvgsp_os_user_set_context(NULL);
	nvgsp_os_log(NULL, NVGSP_LOG_ERR, 0, "none");
	ck_assert_str_eq(unit_log, "1 nvgspctl: gsp-570.144.bin: odd section\n0 -: none\n");
}
END_TEST

static void unit_log_flood(const struct nvgsp_os_device *dev, int n)
{
	int i;

	for (i = 0; i < n; i++)
		nvgsp_os_log_ratelimited(dev, NVGSP_LOG_ERR, 0, "flood %d", i);
}

static unsigned int unit_log_lines(void)
{
	unsigned int n = 0;
	const char *p;

	for (p = unit_log; (p = strchr(p, '\n')); p++)
		n++;
	return n;
}

/*
 * nvgsp_os_log_ratelimited(): per call site, the kernel's default burst of
 * 10 per 5 s window; what a window dropped is counted, and reported when
 * the next one starts. The clock is virtual: the window passes in a sleep.
 */
START_TEST(ratelimited_log_limits_per_call_site)
{
	static const struct nvgsp_os_device dev = { .name = "dev" };
	unsigned long dropped = nvgsp_os_user_log_suppressed();

	unit_log_reset();
	unit_log_flood(&dev, 25);
	ck_assert_uint_eq(unit_log_lines(), 10);
	ck_assert_ptr_nonnull(strstr(unit_log, "0 dev: flood 0\n"));
	ck_assert_ptr_nonnull(strstr(unit_log, "0 dev: flood 9\n"));
	ck_assert_ptr_null(strstr(unit_log, "flood 10"));
	ck_assert_uint_eq(nvgsp_os_user_log_suppressed() - dropped, 15);

	/* Another call site has its own limiter. */
	nvgsp_os_log_ratelimited(&dev, NVGSP_LOG_ERR, 0, "elsewhere");
	ck_assert_ptr_nonnull(strstr(unit_log, "0 dev: elsewhere\n"));

	/* Debug messages of a category that is off neither print nor count. */
	nvgsp_os_user_set_debug(0);
	nvgsp_os_log_ratelimited(&dev, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC, "hidden");
	ck_assert_uint_eq(nvgsp_os_user_log_suppressed() - dropped, 15);

	/* Still inside the window: dropped. After it: the count, then the message. */
	nvgsp_os_usleep(4000000);
	unit_log_reset();
	unit_log_flood(&dev, 1);
	ck_assert_str_eq(unit_log, "");
	nvgsp_os_usleep(1000000);
	unit_log_flood(&dev, 1);
	ck_assert_str_eq(unit_log, "1 dev: unit_log_flood: 16 callbacks suppressed\n"
				   "0 dev: flood 0\n");
	ck_assert_uint_eq(nvgsp_os_user_log_suppressed() - dropped, 16);
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

/* Coherent buffers: zeroed, page-sized, reachable at their bus address only. */
START_TEST(dma_buffers_are_zeroed_and_translated)
{
	struct nvgsp_os_device dev = { .name = "unit" };
	struct nvgsp_os_dma a, b;
	size_t live = nvgsp_os_user_dma_live();
	u64 a_addr;
	u8 *p;

	ck_assert_int_eq(nvgsp_os_dma_alloc(&dev, 100, &a), 0);
	ck_assert_int_eq(nvgsp_os_dma_alloc(&dev, NVGSP_OS_PAGE_SIZE + 1, &b), 0);
	ck_assert_uint_eq(a.size, NVGSP_OS_PAGE_SIZE);
	ck_assert_uint_eq(b.size, 2 * NVGSP_OS_PAGE_SIZE);
	ck_assert_uint_eq(a.addr % NVGSP_OS_PAGE_SIZE, 0);
	ck_assert_uint_ge(a.addr, 0x100000000ull);
	ck_assert_uint_eq(((u8 *)b.cpu)[b.size - 1], 0);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live + 2);
	p = nvgsp_os_user_dma_lookup(b.addr + 8, 16);
	ck_assert_ptr_eq(p, (u8 *)b.cpu + 8);
	/* A range that runs off its buffer, or into the guard gap, is refused. */
	ck_assert_ptr_null(nvgsp_os_user_dma_lookup(a.addr + a.size - 4, 8));
	ck_assert_ptr_null(nvgsp_os_user_dma_lookup(a.addr + a.size, 1));
	ck_assert_ptr_null(nvgsp_os_user_dma_lookup(a.addr - 1, 1));
	a_addr = a.addr;
	nvgsp_os_dma_free(&dev, &a);
	ck_assert_ptr_null(a.cpu);
	ck_assert_ptr_null(nvgsp_os_user_dma_lookup(a_addr, 1));
	nvgsp_os_dma_free(&dev, &a);	/* a zeroed struct is ignored */
	nvgsp_os_dma_free(&dev, &b);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
}
END_TEST

/* Paged buffers: each page its own address, descending, so a device that
 * assumed contiguity would read the wrong bytes. */
START_TEST(dma_sg_pages_are_scattered)
{
	struct nvgsp_os_device dev = { .name = "unit" };
	struct nvgsp_os_dma_sg *sg;
	size_t i, live = nvgsp_os_user_dma_live();

	ck_assert_int_eq(nvgsp_os_dma_sg_alloc(&dev, 5 * NVGSP_OS_PAGE_SIZE - 3, &sg), 0);
	ck_assert_uint_eq(nvgsp_os_dma_sg_pages(sg), 5);
	for (i = 0; i < 5; i++) {
		u8 *page = nvgsp_os_dma_sg_page(sg, i);

		page[0] = (u8)(0xa0 + i);
		ck_assert_ptr_eq(nvgsp_os_user_dma_lookup(nvgsp_os_dma_sg_addr(sg, i),
							  NVGSP_OS_PAGE_SIZE), page);
		ck_assert_ptr_null(nvgsp_os_user_dma_lookup(nvgsp_os_dma_sg_addr(sg, i) + 8,
							   NVGSP_OS_PAGE_SIZE));
		if (i)
			ck_assert_uint_eq(nvgsp_os_dma_sg_addr(sg, i) + NVGSP_OS_PAGE_SIZE,
					  nvgsp_os_dma_sg_addr(sg, i - 1));
	}
	nvgsp_os_dma_sg_sync(&dev, sg);
	nvgsp_os_dma_sg_free(&dev, sg);
	nvgsp_os_dma_sg_free(&dev, NULL);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
}
END_TEST

START_TEST(dma_allocation_failure_leaves_nothing)
{
	struct nvgsp_os_device dev = { .name = "unit" };
	struct nvgsp_os_dma_sg *sg = NULL;
	struct nvgsp_os_dma a;
	size_t live = nvgsp_os_user_dma_live();

	nvgsp_os_user_fail_alloc_after(0);
	ck_assert_int_eq(nvgsp_os_dma_alloc(&dev, 4096, &a), -ENOMEM);
	ck_assert_ptr_null(a.cpu);
	ck_assert_int_eq(nvgsp_os_dma_sg_alloc(&dev, 4096, &sg), -ENOMEM);
	ck_assert_ptr_null(sg);
	/*
	 * The descriptor allocated, its pages not: unwound through
	 * nvgsp_os_dma_sg_free() with nothing registered (no abort on an
	 * unknown range, no leak under ASan).
	 */
	nvgsp_os_user_fail_alloc_after(1);
	ck_assert_int_eq(nvgsp_os_dma_sg_alloc(&dev, 3 * 4096, &sg), -ENOMEM);
	ck_assert_ptr_null(sg);
	nvgsp_os_user_fail_alloc_after(2);
	ck_assert_int_eq(nvgsp_os_dma_sg_alloc(&dev, 3 * 4096, &sg), 0);
	ck_assert_ptr_nonnull(sg);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live + 1);
	nvgsp_os_dma_sg_free(&dev, sg);
	nvgsp_os_user_fail_alloc_after(-1);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
}
END_TEST

static unsigned int ticks;
static u64 last_tick;

static void count_tick(void *ctx, u64 now_ns)
{
	(void)ctx;
	ticks++;
	last_tick = now_ns;
}

/* The virtual clock moves only in delays, and runs the model's tick. */
START_TEST(virtual_clock_advances_in_delays)
{
	u64 t0 = nvgsp_os_time_ns(), d0 = nvgsp_os_user_delayed_ns();

	ticks = 0;
	nvgsp_os_user_set_tick(count_tick, NULL);
	ck_assert_uint_eq(nvgsp_os_time_ns(), t0);
	nvgsp_os_udelay(5);
	nvgsp_os_usleep(2000000);
	nvgsp_os_user_set_tick(NULL, NULL);
	nvgsp_os_usleep(1);
	ck_assert_uint_eq(ticks, 2);
	ck_assert_uint_eq(last_tick, t0 + 2000005000ull);
	ck_assert_uint_eq(nvgsp_os_time_ns(), t0 + 2000006000ull);
	ck_assert_uint_eq(nvgsp_os_user_delayed_ns() - d0, 2000006000ull);
}
END_TEST

START_TEST(mutex_lock_and_assert)
{
	struct nvgsp_os_mutex *m;

	ck_assert_int_eq(nvgsp_os_mutex_create("unit", &m), 0);
	nvgsp_os_mutex_lock(m);
	nvgsp_os_mutex_assert_held(m);
	nvgsp_os_mutex_unlock(m);
	nvgsp_os_mutex_destroy(m);
	nvgsp_os_mutex_destroy(NULL);
	nvgsp_os_user_fail_alloc_after(0);
	ck_assert_int_eq(nvgsp_os_mutex_create("unit", &m), -ENOMEM);
	nvgsp_os_user_fail_alloc_after(-1);
}
END_TEST

/* One lock class per nvgsp_os_mutex_create() call site, as mutex_init(). */
static int unit_mutex_create_here(struct nvgsp_os_mutex **m)
{
	return nvgsp_os_mutex_create("unit_here", m);
}

START_TEST(mutex_class_per_call_site)
{
	struct nvgsp_os_mutex *a, *b, *c;

	ck_assert_int_eq(unit_mutex_create_here(&a), 0);
	ck_assert_int_eq(unit_mutex_create_here(&b), 0);
	ck_assert_int_eq(nvgsp_os_mutex_create("unit_there", &c), 0);
	ck_assert_ptr_nonnull(nvgsp_os_user_mutex_class(a));
	ck_assert_ptr_eq(nvgsp_os_user_mutex_class(a), nvgsp_os_user_mutex_class(b));
	ck_assert_ptr_ne(nvgsp_os_user_mutex_class(a), nvgsp_os_user_mutex_class(c));
	nvgsp_os_mutex_destroy(a);
	nvgsp_os_mutex_destroy(b);
	nvgsp_os_mutex_destroy(c);
}
END_TEST

/* Misuse the kernel would flag (lockdep) aborts the test process. */
START_TEST(mutex_assert_without_lock_aborts)
{
	struct nvgsp_os_mutex *m;

	ck_assert_int_eq(nvgsp_os_mutex_create("unit", &m), 0);
	nvgsp_os_mutex_assert_held(m);
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
	tcase_add_test(tc, log_without_device_names_the_context);
	tcase_add_test(tc, ratelimited_log_limits_per_call_site);
	tcase_add_test(tc, alloc_failure_injection);
	tcase_add_test(tc, mutex_class_per_call_site);
	tcase_add_test(tc, dma_buffers_are_zeroed_and_translated);
	tcase_add_test(tc, dma_sg_pages_are_scattered);
	tcase_add_test(tc, dma_allocation_failure_leaves_nothing);
	tcase_add_test(tc, virtual_clock_advances_in_delays);
	tcase_add_test(tc, mutex_lock_and_assert);
	tcase_add_test_raise_signal(tc, mutex_assert_without_lock_aborts, SIGABRT);
	suite_add_tcase(s, tc);
	return s;
}
