// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gpusim_timer.c - gpusim's PTIMER ticks with the model's clock and
 * can be set as nouveau sets it; an MMU invalidate completes
 * (tests/gpusim/gpusim_timer.c).
 */
#include "unit.h"
#include "gpusim.h"

static struct gpusim *sim_new(void)
{
	struct gpusim_config cfg = { .chip = "ga102", .release = "570.144",
				     .fw_path = unit_fw_root("graphics-sid"), .fb_mib = 1024 };
	struct gpusim *sim;
	char err[256] = "";

	ck_assert_msg(!gpusim_create(&cfg, &sim, err, sizeof(err)), "%s", err);
	return sim;
}

/* nouveau nv04_timer_read(): TIME_1, TIME_0, TIME_1 until the high word is stable */
static u64 ptimer(struct gpusim *sim)
{
	u32 hi, lo;

	do {
		hi = gpusim_rd32(sim, 0x009410);
		lo = gpusim_rd32(sim, 0x009400);
	} while (hi != gpusim_rd32(sim, 0x009410));
	return (u64)hi << 32 | lo;
}

START_TEST(ptimer_ticks)
{
	struct gpusim *sim = sim_new();
	u64 t0, t1;

	gpusim_tick(sim, 1000);
	t0 = ptimer(sim);
	gpusim_tick(sim, 1000 + 12345);
	t1 = ptimer(sim);
	ck_assert_uint_eq(t1 - t0, 12345);
	/* set as nv04_timer_time() does: high word, then low word */
	gpusim_wr32(sim, 0x009410, 0x00000012);
	gpusim_wr32(sim, 0x009400, 0x34567000);
	ck_assert_uint_eq(ptimer(sim), 0x1234567000ull);
	gpusim_tick(sim, 1000 + 12345 + 0xfffff000ull);	/* across a low-word wrap */
	ck_assert_uint_eq(ptimer(sim), 0x1234567000ull + 0xfffff000ull);
	/* neither is an unmodelled write */
	ck_assert_uint_eq(gpusim_unmodeled_writes(sim, NULL, 0, NULL), 0);
	gpusim_destroy(sim);
}
END_TEST

START_TEST(mmu_invalidate_completes)
{
	struct gpusim *sim = sim_new();

	/* nouveau mmu/vmmtu102.c tu102_vmm_flush() */
	gpusim_wr32(sim, 0xb830a0, 0x00123456);
	gpusim_wr32(sim, 0xb830a4, 0);
	gpusim_wr32(sim, 0xb830b0, 0x80000007);
	ck_assert_uint_eq(gpusim_rd32(sim, 0xb830b0) & 0x80000000u, 0);
	ck_assert_uint_eq(gpusim_rd32(sim, 0xb830b0), 0x00000007);
	ck_assert_uint_eq(gpusim_rd32(sim, 0xb830a0), 0x00123456);
	ck_assert_uint_eq(gpusim_unmodeled_writes(sim, NULL, 0, NULL), 0);
	ck_assert_str_eq(gpusim_error(sim), "");
	gpusim_destroy(sim);
}
END_TEST

Suite *nvgsp_suite_gpusim_timer(void)
{
	Suite *s = suite_create("gpusim_timer");
	TCase *tc = tcase_create("timer");

	tcase_add_test(tc, ptimer_ticks);
	tcase_add_test(tc, mmu_invalidate_completes);
	suite_add_tcase(s, tc);
	return s;
}
