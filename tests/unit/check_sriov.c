// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_sriov.c - the PF's sriov_configure decisions (src/vgpu/nvgsp_sriov.c)
 * over the userspace OS layer's simulated VF table: what enables, what is
 * refused and why (one error line naming the value), that a refusal changes
 * nothing, and that a failed enable leaves no VF enabled.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "vgpu/nvgsp_sriov.h"

static struct nvgsp_os_user_sriov sim;
static struct nvgsp_os_device pf;
static struct nvgsp_sriov_gsp gsp;
static const struct nvgsp_chip_info *ad102, *tu102;

static void setup(void)
{
	memset(&sim, 0, sizeof(sim));
	strcpy(sim.bus, "0000:05");
	memset(&pf, 0, sizeof(pf));
	pf.name = "0000:05:00.0";
	pf.sriov = &sim;
	memset(&gsp, 0, sizeof(gsp));
	gsp.booted = true;
	gsp.state = NVGSP_RPC_RUNNING;
	gsp.vf_total = 32;
	ad102 = unit_chip_named("AD102");
	tu102 = unit_chip_named("TU102");
	unit_log_reset();
}

static int configure(int n)
{
	return nvgsp_sriov_configure(&pf, ad102, 32, &gsp, n);
}

/* Exactly one message was logged, at @level, naming the PF and containing @text. */
static void one_line(int level, const char *text)
{
	unit_log_one_line(level, "0000:05:00.0", text);
}

START_TEST(enable_and_disable)
{
	ck_assert_int_eq(configure(4), 4);
	ck_assert_int_eq(sim.num_vfs, 4);
	one_line(NVGSP_LOG_INFO,
		 "enabled 4 VFs (VF 1 at 0000:05:00.1 .. VF 4 at 0000:05:00.4)");
	unit_log_reset();
	ck_assert_int_eq(configure(0), 0);
	ck_assert_int_eq(sim.num_vfs, 0);
	ck_assert_uint_eq(sim.disables, 1);
	one_line(NVGSP_LOG_INFO, "disabled 4 VFs");

	unit_log_reset();
	ck_assert_int_eq(configure(32), 32);	/* the whole of TotalVFs */
	one_line(NVGSP_LOG_INFO, "VF 32 at 0000:05:04.0)");
	unit_log_reset();
	ck_assert_int_eq(configure(0), 0);
	ck_assert_int_eq(configure(1), 1);
	ck_assert_ptr_nonnull(strstr(unit_log, "enabled 1 VF (VF 1 at 0000:05:00.1)"));
}
END_TEST

START_TEST(same_count_is_a_noop)
{
	ck_assert_int_eq(configure(0), 0);
	ck_assert_uint_eq(sim.disables, 0);
	ck_assert_str_eq(unit_log, "");
	ck_assert_int_eq(configure(3), 3);
	unit_log_reset();
	ck_assert_int_eq(configure(3), 3);
	ck_assert_uint_eq(sim.enables, 1);
	ck_assert_str_eq(unit_log, "");
}
END_TEST

START_TEST(change_goes_through_zero)
{
	ck_assert_int_eq(configure(2), 2);
	unit_log_reset();
	ck_assert_int_eq(configure(3), -EBUSY);
	one_line(NVGSP_LOG_ERR,
		 "cannot enable 3 VFs: 2 are enabled; write 0 to sriov_numvfs first");
	ck_assert_int_eq(sim.num_vfs, 2);
	ck_assert_uint_eq(sim.enables, 1);
	ck_assert_uint_eq(sim.disables, 0);
}
END_TEST

START_TEST(count_over_total)
{
	ck_assert_int_eq(configure(33), -ERANGE);
	one_line(NVGSP_LOG_ERR, "cannot enable 33 VFs: the PF has TotalVFs 32");
	unit_log_reset();
	ck_assert_int_eq(configure(-1), -EINVAL);
	one_line(NVGSP_LOG_ERR, "cannot enable -1 VFs");
	unit_log_reset();
	ck_assert_int_eq(nvgsp_sriov_configure(&pf, ad102, 0, &gsp, 1), -EOPNOTSUPP);
	one_line(NVGSP_LOG_ERR, "cannot enable 1 VFs: no SR-IOV capability");
	ck_assert_uint_eq(sim.enables, 0);
}
END_TEST

START_TEST(over_what_gsp_was_booted_for)
{
	gsp.vf_total = 8;
	ck_assert_int_eq(configure(9), -ERANGE);
	one_line(NVGSP_LOG_ERR, "cannot enable 9 VFs: GSP-RM was booted for at most 8");
	ck_assert_int_eq(configure(8), 8);
}
END_TEST

START_TEST(gsp_booted_without_vf_info)
{
	gsp.vf_total = 0;
	ck_assert_int_eq(configure(1), -EOPNOTSUPP);
	one_line(NVGSP_LOG_ERR, "GSP-RM was booted without VF information");
	ck_assert_uint_eq(sim.enables, 0);
}
END_TEST

START_TEST(gsp_not_running)
{
	gsp.booted = false;
	ck_assert_int_eq(configure(1), -ENODEV);
	one_line(NVGSP_LOG_ERR, "cannot enable 1 VFs: GSP-RM is not running (not booted");

	unit_log_reset();
	gsp.booted = true;
	gsp.state = NVGSP_RPC_DEAD;
	strcpy(gsp.why, "RPC 0x1234 timed out");
	ck_assert_int_eq(configure(2), -EIO);
	one_line(NVGSP_LOG_ERR, "GSP-RM is not running (dead: RPC 0x1234 timed out)");

	unit_log_reset();
	gsp.state = NVGSP_RPC_GONE;
	strcpy(gsp.why, "BOOT_0 reads 0xffffffff");
	ck_assert_int_eq(configure(2), -ENODEV);
	one_line(NVGSP_LOG_ERR, "GSP-RM is not running (gone: BOOT_0 reads 0xffffffff)");
	ck_assert_uint_eq(sim.enables, 0);
	ck_assert_int_eq(sim.num_vfs, 0);

	/* Disabling needs no GSP-RM. */
	gsp.state = NVGSP_RPC_RUNNING;
	ck_assert_int_eq(configure(2), 2);
	gsp.state = NVGSP_RPC_DEAD;
	ck_assert_int_eq(configure(0), 0);
	ck_assert_int_eq(sim.num_vfs, 0);
}
END_TEST

START_TEST(turing_has_no_sriov)
{
	ck_assert_int_eq(nvgsp_sriov_configure(&pf, tu102, 32, &gsp, 1), -EOPNOTSUPP);
	one_line(NVGSP_LOG_ERR, "cannot enable 1 VFs: TU102 is a Turing chip, which has no SR-IOV");
	ck_assert_uint_eq(sim.enables, 0);
}
END_TEST

START_TEST(vf_in_use_is_named)
{
	ck_assert_int_eq(configure(4), 4);
	sim.vf[2].enabled = true;
	sim.vf[2].driver = "vfio-pci";
	unit_log_reset();
	ck_assert_int_eq(configure(0), -EBUSY);
	one_line(NVGSP_LOG_ERR,
		 "cannot disable 4 VFs: VF 3 at 0000:05:00.3 is in use (enabled by vfio-pci); release it first");
	ck_assert_int_eq(sim.num_vfs, 4);
	ck_assert_uint_eq(sim.disables, 0);

	sim.vf[3].assigned = true;
	unit_log_reset();
	ck_assert_int_eq(configure(0), -EBUSY);
	one_line(NVGSP_LOG_ERR, "VF 3 at 0000:05:00.3 is in use (enabled by vfio-pci), and 1 more VFs are");

	sim.vf[2].enabled = false;
	unit_log_reset();
	ck_assert_int_eq(configure(0), -EBUSY);
	one_line(NVGSP_LOG_ERR, "VF 4 at 0000:05:00.4 is in use (assigned to a guest); release it first");

	/* A change is refused before the in-use check: it never disables. */
	ck_assert_int_eq(configure(2), -EBUSY);
	ck_assert_int_eq(sim.num_vfs, 4);

	sim.vf[3].assigned = false;
	ck_assert_int_eq(configure(0), 0);
	ck_assert_int_eq(sim.num_vfs, 0);
}
END_TEST

START_TEST(failed_enable_leaves_nothing)
{
	sim.enable_err = -ENOMEM;
	ck_assert_int_eq(configure(4), -ENOMEM);
	one_line(NVGSP_LOG_ERR, "cannot enable 4 VFs: error -12");
	ck_assert_int_eq(sim.num_vfs, 0);
	ck_assert_uint_eq(sim.disables, 0);

	/* An OS that left some enabled: they are disabled, and said so. */
	unit_log_reset();
	sim.enable_err = -EIO;
	sim.enable_leaves = 2;
	ck_assert_int_eq(configure(4), -EIO);
	one_line(NVGSP_LOG_ERR, "error -5 (the VFs it left enabled were disabled)");
	ck_assert_int_eq(sim.num_vfs, 0);
	ck_assert_uint_eq(sim.disables, 1);

	/* and the next try works */
	ck_assert_int_eq(configure(4), 4);
}
END_TEST

START_TEST(remove_disables_even_in_use)
{
	nvgsp_sriov_remove(&pf);	/* nothing enabled: nothing done or said */
	ck_assert_uint_eq(sim.disables, 0);
	ck_assert_str_eq(unit_log, "");

	ck_assert_int_eq(configure(3), 3);
	sim.vf[1].enabled = true;
	sim.vf[1].driver = "vfio-pci";
	unit_log_reset();
	nvgsp_sriov_remove(&pf);
	ck_assert_int_eq(sim.num_vfs, 0);
	ck_assert_uint_eq(sim.disables, 1);
	ck_assert_ptr_nonnull(strstr(unit_log,
		"0 0000:05:00.0: removing the PF while VF 2 at 0000:05:00.2 is in use (enabled by vfio-pci): disabling it anyway"));
	ck_assert_ptr_nonnull(strstr(unit_log, "2 0000:05:00.0: disabled 3 VFs at PF remove"));
	ck_assert_uint_eq(unit_count(unit_log, "\n"), 2);
}
END_TEST

START_TEST(no_sriov_device)
{
	pf.sriov = NULL;
	ck_assert_int_eq(configure(0), 0);
	ck_assert_int_eq(configure(1), -ENODEV);
	one_line(NVGSP_LOG_ERR, "cannot enable 1 VFs: error -19");
	nvgsp_sriov_remove(&pf);
}
END_TEST

START_TEST(gsp_read_without_gsp)
{
	struct nvgsp_sriov_gsp g;

	memset(&g, 0xa5, sizeof(g));
	nvgsp_sriov_gsp_read(NULL, &g);
	ck_assert(!g.booted);
	ck_assert_uint_eq(g.vf_total, 0);
	ck_assert_str_eq(g.why, "");
}
END_TEST

Suite *nvgsp_suite_sriov(void)
{
	Suite *s = suite_create("sriov");
	TCase *tc = tcase_create("configure");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, enable_and_disable);
	tcase_add_test(tc, same_count_is_a_noop);
	tcase_add_test(tc, change_goes_through_zero);
	tcase_add_test(tc, count_over_total);
	tcase_add_test(tc, over_what_gsp_was_booted_for);
	tcase_add_test(tc, gsp_booted_without_vf_info);
	tcase_add_test(tc, gsp_not_running);
	tcase_add_test(tc, turing_has_no_sriov);
	tcase_add_test(tc, vf_in_use_is_named);
	tcase_add_test(tc, failed_enable_leaves_nothing);
	tcase_add_test(tc, remove_disables_even_in_use);
	tcase_add_test(tc, no_sriov_device);
	tcase_add_test(tc, gsp_read_without_gsp);
	suite_add_tcase(s, tc);
	return s;
}
