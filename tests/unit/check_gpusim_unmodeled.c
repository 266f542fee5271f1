// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gpusim_unmodeled.c - gpusim records every register write it does
 * not model (tests/gpusim/gpusim_unmodeled.c), and this suite reports what
 * nvgsp writes there.
 *
 * recorder: a write no part of the model claims is recorded with its last
 * value and count; writes the model handles (identification, PROM,
 * falcon registers) are not.
 * nvgsp_boot: nvgsp boots GSP-RM and shuts it down on every chip and
 * release; each register it wrote that gpusim only stored is printed
 * ("unmodeled CHIP RELEASE 0xOFFSET last 0xVALUE count N"), and every one
 * must be in the table below, which says why storing is all the model
 * needs to do. A register nvgsp starts writing that gpusim does not model
 * fails the test until the model handles it or the table says why it
 * need not.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "gpusim.h"

#define R535		"535.113.01"
#define R570		"570.144"

/* nvgsp's writes that gpusim keeps as plain storage, and why that is the whole model. */
static const struct {
	u32 offset;
	const char *why;
} stored_ok[] = {
	/*
	 * NV_PBUS_SW_SCRATCH(0x3f): the register the RM model's
	 * RUN_CPU_SEQUENCER script REG_WRITEs and then reads back to see the
	 * driver ran it (gpusim_rm.c GPUSIM_RM_SEQ_SCRATCH); the driver writes
	 * it only because the script says so.
	 */
	{ 0x0014fc, "sequencer script's scratch, read back by the RM model" },
};

static bool stored_is_ok(u32 offset)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(stored_ok); i++)
		if (stored_ok[i].offset == offset)
			return true;
	return false;
}

START_TEST(recorder)
{
	struct gpusim_config cfg = { .chip = "ga102", .release = R570,
				     .fw_path = unit_fw_root("graphics-sid"), .fb_mib = 1024 };
	struct gpusim_unmodeled regs[8];
	struct gpusim *sim;
	char err[256] = "";
	u64 dropped = 1;

	ck_assert_msg(!gpusim_create(&cfg, &sim, err, sizeof(err)), "%s", err);
	ck_assert_uint_eq(gpusim_unmodeled_writes(sim, regs, 8, &dropped), 0);
	ck_assert_uint_eq(dropped, 0);
	gpusim_wr32(sim, 0x123450, 1);
	gpusim_wr32(sim, 0x123452, 2);	/* the same register: offsets are word-aligned */
	gpusim_wr32(sim, 0x000010, 7);
	gpusim_wr32(sim, 0x000000, 5);	/* PMC_BOOT_0: read-only, modelled */
	gpusim_wr32(sim, 0x300000, 5);	/* PROM: modelled, writes dropped */
	ck_assert_uint_eq(gpusim_unmodeled_writes(sim, regs, 8, &dropped), 2);
	ck_assert_uint_eq(regs[0].offset, 0x000010);
	ck_assert_uint_eq(regs[0].last, 7);
	ck_assert_uint_eq(regs[0].count, 1);
	ck_assert_uint_eq(regs[1].offset, 0x123450);
	ck_assert_uint_eq(regs[1].last, 2);
	ck_assert_uint_eq(regs[1].count, 2);
	/* still stored, as before the record */
	ck_assert_uint_eq(gpusim_rd32(sim, 0x123450), 2);
	/* room for fewer: the count says how many there are */
	ck_assert_uint_eq(gpusim_unmodeled_writes(sim, regs, 1, NULL), 2);
	ck_assert_uint_eq(regs[0].offset, 0x000010);
	gpusim_destroy(sim);
}
END_TEST

START_TEST(recorder_bounded)
{
	struct gpusim_config cfg = { .chip = "ga102", .release = R570,
				     .fw_path = unit_fw_root("graphics-sid"), .fb_mib = 1024 };
	struct gpusim *sim;
	char err[256] = "";
	u64 dropped = 0;
	u32 i;

	ck_assert_msg(!gpusim_create(&cfg, &sim, err, sizeof(err)), "%s", err);
	for (i = 0; i < 5000; i++)
		gpusim_wr32(sim, 0x800000 + 4 * i, i);
	gpusim_wr32(sim, 0x800000 + 4 * 4999, 1);
	ck_assert_uint_eq(gpusim_unmodeled_writes(sim, NULL, 0, &dropped), 4096);
	ck_assert_uint_eq(dropped, 5000 - 4096 + 1);
	gpusim_destroy(sim);
}
END_TEST

START_TEST(nvgsp_boot)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i];
	static struct gpusim_unmodeled regs[4096];
	struct nvgsp_gsp *gsp = NULL;
	char bad[1024] = "";
	struct unit_gsp e;
	u64 dropped;
	u32 n, i;
	int ret;

	unit_gsp_init(&e, r->chip, r->release, NULL, NULL);
	ret = nvgsp_gsp_boot(&e.cfg, &gsp);
	ck_assert_msg(ret == 0, "%s %s boot: %d: %s", r->chip, r->release, ret,
		      gpusim_error(e.sim));
	nvgsp_gsp_shutdown(gsp);
	n = gpusim_unmodeled_writes(e.sim, regs, ARRAY_SIZE(regs), &dropped);
	ck_assert_uint_eq(dropped, 0);
	for (i = 0; i < n; i++) {
		printf("unmodeled %s %s 0x%06x last 0x%08x count %u\n", r->chip, r->release,
		       regs[i].offset, regs[i].last, regs[i].count);
		if (!stored_is_ok(regs[i].offset) && strlen(bad) + 12 < sizeof(bad))
			snprintf(bad + strlen(bad), sizeof(bad) - strlen(bad), " 0x%06x",
				 regs[i].offset);
	}
	unit_gsp_fini(&e);
	ck_assert_msg(!bad[0], "%s %s: nvgsp wrote registers gpusim does not model:%s",
		      r->chip, r->release, bad);
}
END_TEST

Suite *nvgsp_suite_gpusim_unmodeled(void)
{
	Suite *s = suite_create("gpusim_unmodeled");
	TCase *tc = tcase_create("record");

	tcase_add_test(tc, recorder);
	tcase_add_test(tc, recorder_bounded);
	suite_add_tcase(s, tc);
	tc = tcase_create("nvgsp");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, nvgsp_boot, 0, UNIT_GSP_NROWS);
	suite_add_tcase(s, tc);
	return s;
}
