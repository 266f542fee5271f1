// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gpusim_sriov.c - gpusim's SR-IOV model (tests/gpusim/gpusim_sriov.c):
 * the per-board facts, VF windows that exist only while VF Enable and
 * NumVFs say so, their bounds, per-GFID state, VF reset, and the PF's
 * doorbell counted per GFID.
 *
 * Register offsets are written out from NVIDIA's ga102 dev_vm.h
 * (NV_VIRTUAL_FUNCTION_PRIV_*), not taken from the model.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "gpusim.h"

#define VF_LEAF(i)		(0x1000u + 4u * (i))
#define VF_LEAF_EN_SET(i)	(0x1200u + 4u * (i))
#define VF_LEAF_EN_CLEAR(i)	(0x1400u + 4u * (i))
#define VF_TOP			0x1600u
#define VF_TOP_EN_SET		0x1608u
#define VF_TOP_EN_CLEAR		0x1610u
#define VF_LEAF_TRIGGER		0x1640u
#define VF_DOORBELL		0x2200u
#define PF_DOORBELL		0xb82200u

static const struct facts_row {
	const char *chip;
	u16 device_id;		/* 0: the chip's default board */
	int ret;
	u16 cap_offset;
	u16 total_vfs;
} facts_rows[] = {
	{ "ga102", 0, -ENODEV, 0, 0 },		/* RTX 3090: no SR-IOV */
	{ "ga102", 0x2235, 0, 0xbcc, 32 },	/* A40 */
	{ "ad102", 0, -ENODEV, 0, 0 },		/* RTX 4090 */
	{ "ad102", 0x26ba, 0, 0xbcc, 32 },	/* L20 */
	{ "gh100", 0, 0, 0x250, 32 },		/* H100 PCIe */
	{ "ga100", 0, 0, 0xbcc, 20 },		/* A100 SXM4 40GB */
	{ "tu104", 0x1eb8, -ENODEV, 0, 0 },	/* T4: vGPU through mdev, not SR-IOV */
};

static struct gpusim *mk(const char *chip, u16 device_id, u16 total_vfs, int *ret)
{
	struct gpusim_config cfg = {
		.chip = chip, .release = "570.144", .fw_path = unit_fw_root("graphics-sid"),
		.device_id = device_id, .sriov_total_vfs = total_vfs,
	};
	struct gpusim *sim = NULL;
	char err[256];

	*ret = gpusim_create(&cfg, &sim, err, sizeof(err));
	return sim;
}

START_TEST(facts)
{
	const struct facts_row *r = &facts_rows[_i];
	struct gpusim_sriov_facts f;
	struct gpusim *sim;
	int ret;

	sim = mk(r->chip, r->device_id, 0, &ret);
	ck_assert_msg(ret == 0, "%s 0x%04x: %d", r->chip, r->device_id, ret);
	memset(&f, 0xa5, sizeof(f));
	ck_assert_int_eq(gpusim_sriov_facts(sim, &f), r->ret);
	if (!r->ret) {
		ck_assert_uint_eq(f.cap_offset, r->cap_offset);
		ck_assert_uint_eq(f.total_vfs, r->total_vfs);
		ck_assert_uint_eq(f.initial_vfs, r->total_vfs);
		ck_assert_uint_eq(f.first_vf_offset, 4);
		ck_assert_uint_eq(f.vf_stride, 1);
		ck_assert_uint_eq(f.vf_bar_size[0], 256u << 10);
		ck_assert(!f.vf_bar_64bit[0] && f.vf_bar_64bit[1] && f.vf_bar_64bit[2]);
		ck_assert(!f.vf_bar_prefetch[0] && f.vf_bar_prefetch[1] && f.vf_bar_prefetch[2]);
		/* BAR sizes are powers of two, as PCI BAR sizing requires */
		for (int i = 0; i < GPUSIM_VF_BARS; i++)
			ck_assert_uint_eq(f.vf_bar_size[i] & (f.vf_bar_size[i] - 1), 0);
	}
	gpusim_destroy(sim);
}
END_TEST

/* A presented TotalVFs within the board's is taken; beyond it, or any on a
 * board without SR-IOV, creation fails and names why. */
START_TEST(total_vfs_override)
{
	struct gpusim_sriov_facts f;
	struct gpusim *sim;
	int ret;

	sim = mk("gh100", 0, 2, &ret);
	ck_assert_int_eq(ret, 0);
	ck_assert_int_eq(gpusim_sriov_facts(sim, &f), 0);
	ck_assert_uint_eq(f.total_vfs, 2);
	gpusim_destroy(sim);
	sim = mk("gh100", 0, 33, &ret);
	ck_assert_int_eq(ret, -EINVAL);
	ck_assert_ptr_null(sim);
	sim = mk("ga102", 0, 1, &ret);
	ck_assert_int_eq(ret, -EINVAL);
	ck_assert_ptr_null(sim);
}
END_TEST

/* VF windows exist only for VF Enable with 0 <= vf < NumVFs <= TotalVFs. */
START_TEST(vf_existence)
{
	static const u64 bars[GPUSIM_VF_BARS] = { 0xd0000000, 0x4000000000, 0x6000000000 };
	struct gpusim_vf_stats st;
	struct gpusim *sim;
	int ret;

	sim = mk("gh100", 0, 0, &ret);
	ck_assert_int_eq(ret, 0);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_TOP_EN_SET), 0xffffffffu);
	gpusim_vf_wr32(sim, 0, VF_TOP_EN_SET, 1);
	gpusim_sriov_control(sim, false, 2, bars);	/* NumVFs without VF Enable */
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_TOP_EN_SET), 0xffffffffu);
	gpusim_sriov_control(sim, true, 2, NULL);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_TOP_EN_SET), 0);	/* the write was dropped */
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 1, VF_LEAF(0)), 0);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 2, VF_LEAF(0)), 0xffffffffu);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0xffff, VF_LEAF(0)), 0xffffffffu);
	gpusim_vf_get_stats(sim, 1, &st);
	ck_assert(st.exists);
	gpusim_vf_get_stats(sim, 2, &st);
	ck_assert(!st.exists);
	gpusim_vf_get_stats(sim, 0xffff, &st);
	ck_assert(!st.exists);
	/* NumVFs beyond TotalVFs: no VF */
	gpusim_sriov_control(sim, true, 33, NULL);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_LEAF(0)), 0xffffffffu);
	gpusim_sriov_control(sim, true, 32, NULL);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 31, VF_LEAF(0)), 0);
	gpusim_destroy(sim);

	/* a board without SR-IOV ignores the control */
	sim = mk("ga102", 0, 0, &ret);
	ck_assert_int_eq(ret, 0);
	gpusim_sriov_control(sim, true, 1, bars);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_LEAF(0)), 0xffffffffu);
	ck_assert(!gpusim_vf_irq_pending(sim, 0));
	gpusim_destroy(sim);
}
END_TEST

/* Offsets outside the 256 KiB window read all ones and drop writes. */
START_TEST(vf_bounds)
{
	static const u32 wild[] = { 0x40000, 0x40004, 0xfffffffc, 0x80000000 };
	struct gpusim *sim;
	unsigned int i;
	int ret;

	sim = mk("gh100", 0, 0, &ret);
	ck_assert_int_eq(ret, 0);
	gpusim_sriov_control(sim, true, 1, NULL);
	for (i = 0; i < ARRAY_SIZE(wild); i++) {
		gpusim_vf_wr32(sim, 0, wild[i], 0xffffffffu);
		ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, wild[i]), 0xffffffffu);
	}
	/* the last dword of the window is in it (unbacked: 0) */
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, 0x3fffc), 0);
	for (i = 0; i < 8; i++)
		ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_LEAF_EN_SET(i)), 0);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_TOP_EN_SET), 0);
	gpusim_destroy(sim);
}
END_TEST

/* Each GFID has its own interrupt tree and doorbell; a VF reset clears only it. */
START_TEST(vf_state_per_gfid)
{
	struct gpusim_vf_stats st;
	struct gpusim *sim;
	int ret;

	sim = mk("ad102", 0x26ba, 0, &ret);
	ck_assert_int_eq(ret, 0);
	gpusim_sriov_control(sim, true, 2, NULL);
	gpusim_vf_wr32(sim, 0, VF_LEAF_EN_SET(3), 0x10);
	gpusim_vf_wr32(sim, 0, VF_LEAF_TRIGGER, 3 * 32 + 4);	/* vector 100: leaf 3 bit 4 */
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_LEAF(3)), 0x10);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_TOP), 1u << 1);	/* subtree 1 */
	ck_assert(!gpusim_vf_irq_pending(sim, 0));
	gpusim_vf_wr32(sim, 0, VF_TOP_EN_SET, 1u << 1);
	ck_assert(gpusim_vf_irq_pending(sim, 0));
	/* VF 1 and the PF see none of it */
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 1, VF_LEAF(3)), 0);
	ck_assert(!gpusim_vf_irq_pending(sim, 1));
	ck_assert(!gpusim_irq_pending(sim));
	ck_assert_uint_eq(gpusim_rd32(sim, 0xb81000 + 4 * 3), 0);
	/* a trigger beyond the tree's 256 vectors sets nothing */
	gpusim_vf_wr32(sim, 1, VF_LEAF_TRIGGER, 0x100);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 1, VF_TOP), 0);
	/* LEAF is write-1-to-clear; LEAF_EN_CLEAR drops the enable */
	gpusim_vf_wr32(sim, 0, VF_LEAF(3), 0x10);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_LEAF(3)), 0);
	ck_assert(!gpusim_vf_irq_pending(sim, 0));
	gpusim_vf_wr32(sim, 0, VF_LEAF_EN_CLEAR(3), 0x10);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_LEAF_EN_SET(3)), 0);
	gpusim_vf_wr32(sim, 0, VF_TOP_EN_CLEAR, 1u << 1);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_TOP_EN_SET), 0);

	/* doorbells: the VF's own, and the PF's gfid * 32 + 17 for GFID 2 (VF 1) */
	gpusim_vf_wr32(sim, 0, VF_DOORBELL, 0x1234);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_DOORBELL), 0);	/* write-only */
	gpusim_wr32(sim, PF_DOORBELL, 2 * 32 + 17);
	gpusim_wr32(sim, PF_DOORBELL, 9 * 32 + 17);	/* GFID 9 does not exist */
	gpusim_vf_get_stats(sim, 0, &st);
	ck_assert(st.exists && st.doorbells == 1 && st.last_doorbell == 0x1234 &&
		  st.pf_doorbells == 0);
	gpusim_vf_get_stats(sim, 1, &st);
	ck_assert(st.exists && st.doorbells == 0 && st.pf_doorbells == 1);

	/* FLR of VF 1 leaves VF 0 alone */
	gpusim_vf_wr32(sim, 0, VF_TOP_EN_SET, 0x3);
	gpusim_vf_wr32(sim, 1, VF_TOP_EN_SET, 0x5);
	gpusim_vf_reset(sim, 1);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_TOP_EN_SET), 0x3);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 1, VF_TOP_EN_SET), 0);
	/* VF Enable off and on: the VFs come back in their reset state */
	gpusim_sriov_control(sim, false, 2, NULL);
	gpusim_sriov_control(sim, true, 2, NULL);
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_TOP_EN_SET), 0);
	gpusim_vf_get_stats(sim, 0, &st);
	ck_assert_uint_eq(st.doorbells, 0);
	gpusim_destroy(sim);
}
END_TEST

/* Off the bus, VF windows read all ones like everything else. */
START_TEST(vf_gone)
{
	struct gpusim *sim;
	int ret;

	sim = mk("gh100", 0, 0, &ret);
	ck_assert_int_eq(ret, 0);
	gpusim_sriov_control(sim, true, 1, NULL);
	gpusim_fault_set(sim, GPUSIM_FAULT_DEVICE_GONE, 0);
	gpusim_rd32(sim, 0);
	ck_assert(gpusim_gone(sim));
	ck_assert_uint_eq(gpusim_vf_rd32(sim, 0, VF_TOP_EN_SET), 0xffffffffu);
	gpusim_destroy(sim);
}
END_TEST

Suite *nvgsp_suite_gpusim_sriov(void)
{
	Suite *s = suite_create("gpusim_sriov");
	TCase *tc = tcase_create("sriov");

	tcase_add_loop_test(tc, facts, 0, ARRAY_SIZE(facts_rows));
	tcase_add_test(tc, total_vfs_override);
	tcase_add_test(tc, vf_existence);
	tcase_add_test(tc, vf_bounds);
	tcase_add_test(tc, vf_state_per_gfid);
	tcase_add_test(tc, vf_gone);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
