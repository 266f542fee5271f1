/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_gsp_pm.h - the decisions of power management and PCIe error
 * recovery: when a suspend is refused, what a PCIe error does to GSP-RM and
 * whether the GPU comes back after the link was reset.
 *
 * Portable core: the kernel glue (src/nvgsp_pm.c) turns the PCI core's
 * callbacks into these calls and the verdicts back into its results, and
 * does what they decide (the unload and the fresh boot); the unit tier
 * (tests/unit/check_gsp_pm.c) checks them on gpusim. Documentation/pm.rst.
 */
#ifndef NVGSP_GSP_PM_H
#define NVGSP_GSP_PM_H

#include "nvgsp_os.h"
#include "chip/nvgsp_chip.h"

struct nvgsp_gsp;

/**
 * enum nvgsp_pm_channel - what the platform says of the link when it
 * reports a PCIe error (the kernel's pci_channel_state).
 * @NVGSP_PM_CHANNEL_NORMAL: I/O still works (a non-fatal error).
 * @NVGSP_PM_CHANNEL_FROZEN: I/O is blocked until a reset.
 * @NVGSP_PM_CHANNEL_PERM_FAILURE: the device is gone for good.
 */
enum nvgsp_pm_channel {
	NVGSP_PM_CHANNEL_NORMAL,
	NVGSP_PM_CHANNEL_FROZEN,
	NVGSP_PM_CHANNEL_PERM_FAILURE,
};

/**
 * enum nvgsp_pm_verdict - what recovery asks of the PCI core.
 * @NVGSP_PM_RECOVERED: the device answers as the GPU it was: boot GSP-RM
 *                      again (the glue's resume callback does).
 * @NVGSP_PM_NEED_RESET: reset the link, then ask again (slot_reset).
 * @NVGSP_PM_DISCONNECT: give up: the driver lets the device go (the glue
 *                       unbinds it, outside the error callbacks).
 * @NVGSP_PM_STAY_DOWN: give up, but stay bound with GSP-RM down: SR-IOV
 *                      VFs are enabled, and an unbind would disable them
 *                      under the VMs that use them, which is the
 *                      administrator's decision.
 */
enum nvgsp_pm_verdict {
	NVGSP_PM_RECOVERED,
	NVGSP_PM_NEED_RESET,
	NVGSP_PM_DISCONNECT,
	NVGSP_PM_STAY_DOWN,
};

/**
 * nvgsp_pm_suspend_check() - may the system sleep with this GPU?
 * @dev: the device, for the refusal's line.
 * @num_vfs: SR-IOV VFs enabled on it.
 *
 * A suspend unloads GSP-RM and boots it afresh at resume; the vGPUs it
 * serves would not survive that, so with VFs enabled the suspend is refused
 * with one line saying why and what to do.
 *
 * Return: 0, or -EBUSY (refused, logged).
 */
int nvgsp_pm_suspend_check(struct nvgsp_os_device *dev, u16 num_vfs);

/**
 * nvgsp_pm_error_detected() - the platform reported a PCIe error: GSP-RM
 * is dead from now on (nvgsp_gsp_kill(): every call fails at once, one
 * line says why), whatever the link's state. For a frozen link or a
 * permanent failure the teardown that follows touches no engine (the
 * platform resets the link, or the device is gone).
 * @dev: the device, for the line of a permanent failure.
 * @gsp: the running GSP-RM, or NULL when none runs.
 * @channel: the link's state.
 *
 * A permanent failure (reported first, or after a recovery the PCI core
 * gave up on) is the end: one line says the device is let go.
 *
 * Return: %NVGSP_PM_DISCONNECT for a permanent failure, else
 * %NVGSP_PM_NEED_RESET: a GSP-RM that lost messages or register writes
 * cannot be trusted, only a fresh boot after a reset can.
 */
enum nvgsp_pm_verdict nvgsp_pm_error_detected(struct nvgsp_os_device *dev,
					      struct nvgsp_gsp *gsp,
					      enum nvgsp_pm_channel channel);

/**
 * nvgsp_pm_slot_reset() - after the reset: does the device answer as the
 * GPU identified at probe, and can GSP-RM be booted on it again?
 * @dev: the device, for the line of a refusal.
 * @bar0: its register window.
 * @chip: what probe identified (its NV_PMC_BOOT_0).
 * @num_vfs: SR-IOV VFs enabled.
 *
 * NV_PMC_BOOT_0 must read what it read at probe: all ones is a device that
 * did not come back, another value not the same GPU: the device is let go
 * (%NVGSP_PM_DISCONNECT). With VFs enabled the vGPUs cannot be brought
 * back (see nvgsp_pm_suspend_check()): GSP-RM stays down, the device bound
 * (%NVGSP_PM_STAY_DOWN). Each refusal is one line naming what was read or
 * counted and what happens next.
 *
 * Return: %NVGSP_PM_RECOVERED, %NVGSP_PM_DISCONNECT or %NVGSP_PM_STAY_DOWN.
 */
enum nvgsp_pm_verdict nvgsp_pm_slot_reset(struct nvgsp_os_device *dev,
					  struct nvgsp_os_bar *bar0,
					  const struct nvgsp_chip_id *chip, u16 num_vfs);

#endif /* NVGSP_GSP_PM_H */
