// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gsp_pm.c - shutdown, system sleep and PCIe error recovery on
 * gpusim (src/gsp/nvgsp_gsp_pm.h, nvgsp_gsp_quiesce(); Documentation/pm.rst):
 *  - quiesce: what .shutdown does to a running GSP-RM: unloaded the way a
 *    driver unload does (gpusim counts the UNLOADING_GUEST_DRIVER and its
 *    arguments), bus mastering stopped, nothing freed, every later call
 *    failing at once without reaching GSP-RM, nothing logged; the freeing
 *    afterwards returns every buffer;
 *  - pci_error: error_detected kills GSP-RM with one line and asks for a
 *    reset (a permanent failure: one line, let go); slot_reset's verdict on a GPU
 *    that answers, one that reads all ones, one with VFs enabled; the
 *    recovery (the reset, the teardown of the dead GSP-RM without an RPC,
 *    an engine step or a wait, one line, a fresh boot); the same teardown
 *    before the reset; a dead GSP-RM on a link not reset (no RPC, the
 *    GPU's own steps);
 *  - suspend: the refusal with VFs enabled; the cold cycle (unload, boot
 *    again, a new RM client and subdevice answering);
 *  - unload_args: gpusim records the arguments a PM-transition unload
 *    would carry (bInPMTransition, newLevel), which nvgsp does not send.
 */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "gpusim.h"
#include "gsp/nvgsp_gsp.h"
#include "gsp/nvgsp_gsp_pm.h"
#include "gsp/nvgsp_gsp_tool.h"
#include "rm/nvgsp_rm.h"
#include "transport/nvgsp_rpc.h"

static struct nvgsp_gsp *boot_open(struct unit_gsp *e, struct nvgsp_rm_subdevice *sd)
{
	struct nvgsp_gsp *gsp = NULL;

	ck_assert_int_eq(nvgsp_gsp_boot(&e->cfg, &gsp), 0);
	ck_assert_int_eq(nvgsp_rm_open(nvgsp_gsp_rm(gsp), sd), 0);
	return gsp;
}

START_TEST(quiesce)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i];
	struct nvgsp_rm_subdevice sd = { 0 };
	struct gpusim_stats st;
	struct nvgsp_gsp *gsp;
	struct unit_gsp e;
	char why[64];
	u32 rpcs;
	u64 seg;

	unit_gsp_init(&e, r->chip, r->release, NULL, NULL);
	gsp = boot_open(&e, &sd);
	ck_assert_int_eq(nvgsp_gsp_vmmu_segment_size(gsp, &sd, &seg), 0);
	unit_log_reset();
	nvgsp_os_user_dma_mark();
	nvgsp_gsp_quiesce(gsp);
	gpusim_get_stats(e.sim, &st);
	ck_assert(st.unloaded);
	ck_assert_uint_eq(st.unloads, 1);
	/* A driver unload, as nouveau's and NVIDIA's unload send it. */
	ck_assert(!st.unload_pm);
	ck_assert_uint_eq(st.unload_level, 0);
	ck_assert_uint_eq(e.dev.dma_stops, 1);
	ck_assert(!e.dev.bus_master);
	ck_assert_msg(unit_log[0] == '\0', "logged: %s", unit_log);
	ck_assert_int_eq(nvgsp_gsp_state(gsp, why, sizeof(why)), NVGSP_RPC_DEAD);
	ck_assert_str_eq(why, "GSP-RM unloaded");
	/* Later callers fail at once, and nothing reaches the model. */
	rpcs = st.rpcs;
	ck_assert_int_eq(nvgsp_gsp_vmmu_segment_size(gsp, &sd, &seg), -EIO);
	gpusim_get_stats(e.sim, &st);
	ck_assert_uint_eq(st.rpcs, rpcs);
	/* A second quiesce does nothing; the freeing later frees it all. */
	nvgsp_gsp_quiesce(gsp);
	ck_assert_uint_eq(e.dev.dma_stops, 1);
	ck_assert_msg(unit_log[0] == '\0', "logged: %s", unit_log);
	nvgsp_rm_close(nvgsp_gsp_rm(gsp), &sd);
	nvgsp_gsp_shutdown(gsp);
	ck_assert_uint_eq(e.dev.dma_freed_mastering, 0);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	gpusim_get_stats(e.sim, &st);
	ck_assert_uint_eq(st.unloads, 1);
	unit_gsp_fini(&e);
}
END_TEST

START_TEST(pci_error)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i];
	struct nvgsp_rm_subdevice sd = { 0 };
	struct gpusim_stats st;
	struct nvgsp_gsp *gsp;
	struct unit_gsp e;
	char why[64];
	u64 seg, delayed;

	unit_gsp_init(&e, r->chip, r->release, NULL, NULL);
	/* Nothing running: nothing to kill, nothing said... */
	unit_log_reset();
	ck_assert_int_eq(nvgsp_pm_error_detected(&e.dev, NULL, NVGSP_PM_CHANNEL_FROZEN),
			 NVGSP_PM_NEED_RESET);
	ck_assert_msg(unit_log[0] == '\0', "logged: %s", unit_log);
	/* ...but a permanent failure lets the device go, with one line. */
	ck_assert_int_eq(nvgsp_pm_error_detected(&e.dev, NULL, NVGSP_PM_CHANNEL_PERM_FAILURE),
			 NVGSP_PM_DISCONNECT);
	unit_log_one_line(NVGSP_LOG_ERR, e.dev.name,
			  "PCIe error recovery failed: the link reports a permanent failure; unbinding the device");

	gsp = boot_open(&e, &sd);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_pm_error_detected(&e.dev, gsp, NVGSP_PM_CHANNEL_FROZEN),
			 NVGSP_PM_NEED_RESET);
	unit_log_one_line(NVGSP_LOG_ERR, e.dev.name,
			  "GSP-RM dead: PCIe error reported (link frozen); last command: ");
	ck_assert_int_eq(nvgsp_gsp_state(gsp, why, sizeof(why)), NVGSP_RPC_DEAD);
	ck_assert_str_eq(why, "PCIe error reported (link frozen)");
	ck_assert_int_eq(nvgsp_gsp_vmmu_segment_size(gsp, &sd, &seg), -EIO);
	/* A second report changes nothing and says nothing. */
	unit_log_reset();
	ck_assert_int_eq(nvgsp_pm_error_detected(&e.dev, gsp, NVGSP_PM_CHANNEL_NORMAL),
			 NVGSP_PM_NEED_RESET);
	ck_assert_msg(unit_log[0] == '\0', "logged: %s", unit_log);

	/* The GPU answers as itself: recover; with VFs enabled: stay down, bound. */
	ck_assert_int_eq(nvgsp_pm_slot_reset(&e.dev, &e.bar, &e.id, 0), NVGSP_PM_RECOVERED);
	ck_assert_msg(unit_log[0] == '\0', "logged: %s", unit_log);
	ck_assert_int_eq(nvgsp_pm_slot_reset(&e.dev, &e.bar, &e.id, 2), NVGSP_PM_STAY_DOWN);
	unit_log_one_line(NVGSP_LOG_ERR, e.dev.name,
			  "PCIe error recovery stopped: 2 SR-IOV VFs enabled");

	/*
	 * Recovery: the link reset (a fresh model: gpusim-vfu makes one at a
	 * device reset), slot_reset's verdict on it, then the teardown of the
	 * dead GSP-RM: nothing sent, no engine touched, no wait (the virtual
	 * clock stands still), one line; then a fresh boot.
	 */
	unit_gsp_reset(&e, r->chip, r->release);
	ck_assert_int_eq(nvgsp_pm_slot_reset(&e.dev, &e.bar, &e.id, 0), NVGSP_PM_RECOVERED);
	unit_log_reset();
	delayed = nvgsp_os_user_delayed_ns();
	nvgsp_rm_close(nvgsp_gsp_rm(gsp), &sd);
	nvgsp_gsp_shutdown(gsp);
	ck_assert_uint_eq(nvgsp_os_user_delayed_ns(), delayed);
	unit_log_one_line(NVGSP_LOG_INFO, e.dev.name,
			  "teardown: GSP-RM dead (PCIe error reported (link frozen)) and the device reset: nothing to unload, its memory freed");
	gpusim_get_stats(e.sim, &st);
	ck_assert_uint_eq(st.rpcs, 0);
	ck_assert_uint_eq(st.unloads, 0);
	ck_assert_str_eq(gpusim_error(e.sim), "");
	ck_assert(!e.dev.bus_master);
	ck_assert_uint_eq(e.dev.dma_freed_mastering, 0);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	e.dev.bus_master = true;	/* what nvgsp_boot_start() does again */
	memset(&sd, 0, sizeof(sd));
	gsp = boot_open(&e, &sd);
	ck_assert_int_eq(nvgsp_gsp_vmmu_segment_size(gsp, &sd, &seg), 0);
	ck_assert_uint_ne(seg, 0);

	/* A device that did not come back reads all ones: give up, one line. */
	gpusim_fault_set(e.sim, GPUSIM_FAULT_DEVICE_GONE, 0);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_pm_slot_reset(&e.dev, &e.bar, &e.id, 0), NVGSP_PM_DISCONNECT);
	unit_log_one_line(NVGSP_LOG_ERR, e.dev.name,
			  "PCIe error recovery failed: after the reset BOOT_0 reads 0xffffffff, at probe 0x");
	ck_assert_msg(strstr(unit_log, "; unbinding the device") != NULL, "%s", unit_log);
	nvgsp_rm_close(nvgsp_gsp_rm(gsp), &sd);
	nvgsp_gsp_shutdown(gsp);
	nvgsp_os_user_keep_release();
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	unit_gsp_fini(&e);
}
END_TEST

/*
 * A GSP-RM declared dead, torn down before the reset that follows a
 * frozen link (an unbind between error_detected and the reset, or the
 * glue's unbind after the PCI core gave up): nothing reaches GSP-RM,
 * which still runs in the model, nothing waits, one line.
 */
START_TEST(dead_before_reset)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i];
	struct nvgsp_rm_subdevice sd = { 0 };
	struct gpusim_stats st;
	struct nvgsp_gsp *gsp;
	struct unit_gsp e;
	u64 delayed;
	u32 rpcs;

	unit_gsp_init(&e, r->chip, r->release, NULL, NULL);
	gsp = boot_open(&e, &sd);
	ck_assert_int_eq(nvgsp_pm_error_detected(&e.dev, gsp, NVGSP_PM_CHANNEL_FROZEN),
			 NVGSP_PM_NEED_RESET);
	/* The PCI core gave up (newer kernels report it): one line, let go. */
	unit_log_reset();
	ck_assert_int_eq(nvgsp_pm_error_detected(&e.dev, gsp, NVGSP_PM_CHANNEL_PERM_FAILURE),
			 NVGSP_PM_DISCONNECT);
	unit_log_one_line(NVGSP_LOG_ERR, e.dev.name,
			  "PCIe error recovery failed: the link reports a permanent failure; unbinding the device");
	gpusim_get_stats(e.sim, &st);
	rpcs = st.rpcs;
	unit_log_reset();
	delayed = nvgsp_os_user_delayed_ns();
	nvgsp_rm_close(nvgsp_gsp_rm(gsp), &sd);
	nvgsp_gsp_shutdown(gsp);
	ck_assert_uint_eq(nvgsp_os_user_delayed_ns(), delayed);
	unit_log_one_line(NVGSP_LOG_INFO, e.dev.name,
			  "teardown: GSP-RM dead (PCIe error reported (link frozen)) and the device reset: nothing to unload, its memory freed");
	gpusim_get_stats(e.sim, &st);
	ck_assert_uint_eq(st.rpcs, rpcs);
	ck_assert_uint_eq(st.unloads, 0);
	ck_assert(!e.dev.bus_master);
	ck_assert_uint_eq(e.dev.dma_freed_mastering, 0);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	unit_gsp_fini(&e);
}
END_TEST

/*
 * A GSP-RM declared dead on a link that is not reset (a non-fatal error;
 * the same holds for one the liveness check or a timeout killed): nothing
 * is sent to it and its RM objects are forgotten without a word, but the
 * GPU's own steps run (the GSP falcon reset, FWSEC-SB, booter_unload: WPR2
 * is released, which the model allows only once GSP-RM's core stopped),
 * and one line says so.
 */
START_TEST(dead_no_reset)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i];
	struct nvgsp_rm_subdevice sd = { 0 };
	struct gpusim_stats st;
	struct nvgsp_gsp *gsp;
	struct unit_gsp e;
	u32 rpcs;

	unit_gsp_init(&e, r->chip, r->release, NULL, NULL);
	gsp = boot_open(&e, &sd);
	ck_assert_int_eq(nvgsp_pm_error_detected(&e.dev, gsp, NVGSP_PM_CHANNEL_NORMAL),
			 NVGSP_PM_NEED_RESET);
	ck_assert_int_eq(nvgsp_pm_slot_reset(&e.dev, &e.bar, &e.id, 0), NVGSP_PM_RECOVERED);
	gpusim_get_stats(e.sim, &st);
	rpcs = st.rpcs;
	unit_log_reset();
	nvgsp_rm_close(nvgsp_gsp_rm(gsp), &sd);
	nvgsp_gsp_shutdown(gsp);
	unit_log_one_line(NVGSP_LOG_WARN, e.dev.name,
			  "teardown: GSP-RM dead (PCIe error reported (I/O still working)), not unloaded; resetting the GSP");
	gpusim_get_stats(e.sim, &st);
	ck_assert_uint_eq(st.rpcs, rpcs);
	ck_assert_uint_eq(st.unloads, 0);
	ck_assert(!e.dev.bus_master);
	ck_assert_uint_eq(e.dev.dma_freed_mastering, 0);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	ck_assert_str_eq(gpusim_error(e.sim), "");
	/* booter_unload released WPR2 (the FSP path has no booter_unload step). */
	ck_assert(r->fsp || !st.wpr2_set);
	unit_gsp_fini(&e);
}
END_TEST

START_TEST(suspend)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i];
	struct nvgsp_rm_subdevice sd = { 0 };
	struct gpusim_stats st;
	struct nvgsp_gsp *gsp;
	struct unit_gsp e;
	u64 seg;

	unit_gsp_init(&e, r->chip, r->release, NULL, NULL);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_pm_suspend_check(&e.dev, 0), 0);
	ck_assert_msg(unit_log[0] == '\0', "logged: %s", unit_log);
	ck_assert_int_eq(nvgsp_pm_suspend_check(&e.dev, 3), -EBUSY);
	unit_log_one_line(NVGSP_LOG_ERR, e.dev.name,
			  "suspend refused: 3 SR-IOV VFs enabled; their vGPUs do not survive");

	/* The cold cycle: unload as an unbind does, boot again, a new client. */
	gsp = boot_open(&e, &sd);
	nvgsp_rm_close(nvgsp_gsp_rm(gsp), &sd);
	nvgsp_gsp_shutdown(gsp);
	gpusim_get_stats(e.sim, &st);
	ck_assert_uint_eq(st.unloads, 1);
	ck_assert(!st.unload_pm);
	ck_assert(!e.dev.bus_master);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	e.dev.bus_master = true;	/* what nvgsp_boot_start() does again */
	memset(&sd, 0, sizeof(sd));
	gsp = boot_open(&e, &sd);
	ck_assert_int_eq(nvgsp_gsp_vmmu_segment_size(gsp, &sd, &seg), 0);
	ck_assert_uint_ne(seg, 0);
	gpusim_get_stats(e.sim, &st);
	ck_assert_uint_eq(st.gsp_booted, 2);
	ck_assert(!st.unloaded);
	nvgsp_rm_close(nvgsp_gsp_rm(gsp), &sd);
	nvgsp_gsp_shutdown(gsp);
	gpusim_get_stats(e.sim, &st);
	ck_assert_uint_eq(st.unloads, 2);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	unit_gsp_fini(&e);
}
END_TEST

/*
 * gpusim reads UNLOADING_GUEST_DRIVER's arguments: a PM-transition unload
 * into standby (bInPMTransition 1, newLevel 3, what NVIDIA's
 * gpu_suspend.c and nouveau's r535 gsp.c send for a suspend) is recorded
 * as such; a truncated one is refused as a model error.
 */
START_TEST(unload_args)
{
	struct nvgsp_abi_unloading_guest_driver ugd = {
		.in_pm_transition = true, .new_level = 3,
	};
	struct gpusim_stats st;
	struct nvgsp_gsp *gsp = NULL;
	struct unit_gsp e;
	u8 buf[64];
	int n;

	unit_gsp_init(&e, "ga102", _i ? "535.113.01" : "570.144", NULL, NULL);
	ck_assert_int_eq(nvgsp_gsp_boot(&e.cfg, &gsp), 0);
	n = nvgsp_abi_encode_unloading_guest_driver(e.cfg.fw->abi, &ugd, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(nvgsp_rpc_call(nvgsp_gsp_rpc(gsp), NVGSP_ABI_RPC_UNLOADING_GUEST_DRIVER,
					buf, (size_t)n, NULL, 0, NULL, 0), 0);
	gpusim_get_stats(e.sim, &st);
	ck_assert(st.unloaded);
	ck_assert_uint_eq(st.unloads, 1);
	ck_assert(st.unload_pm);
	ck_assert_uint_eq(st.unload_level, 3);
	ck_assert_str_eq(gpusim_error(e.sim), "");
	nvgsp_gsp_shutdown(gsp);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	unit_gsp_fini(&e);
}
END_TEST

Suite *nvgsp_suite_gsp_pm(void)
{
	Suite *s = suite_create("gsp_pm");
	TCase *tc = tcase_create("shutdown");

	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, quiesce, 0, UNIT_GSP_NROWS);
	suite_add_tcase(s, tc);
	tc = tcase_create("pci_error");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, pci_error, 0, UNIT_GSP_NROWS);
	tcase_add_loop_test(tc, dead_before_reset, 0, UNIT_GSP_NROWS);
	tcase_add_loop_test(tc, dead_no_reset, 0, UNIT_GSP_NROWS);
	suite_add_tcase(s, tc);
	tc = tcase_create("sleep");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, suspend, 0, UNIT_GSP_NROWS);
	tcase_add_loop_test(tc, unload_args, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
