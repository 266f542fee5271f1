/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_sriov.h - SR-IOV on the physical function: what `echo N >
 * sriov_numvfs` may do, decided here and carried out through the OS layer
 * (nvgsp_os_sriov_*()). The kernel glue's sriov_configure and remove call
 * these; so do the unit tests, over a simulated VF table.
 *
 * The rules (Documentation/sriov.rst):
 *  - N VFs enable only when the chip does SR-IOV (not Turing), N is within
 *    TotalVFs and within what GSP-RM was booted for (gspVFInfo.totalVFs),
 *    and GSP-RM runs;
 *  - a request for the count already enabled changes nothing;
 *  - a different non-zero count while VFs are enabled goes through 0 first;
 *  - 0 disables, unless a VF is in use (assigned to a guest, or enabled by
 *    its driver: a vfio-pci user has it open), which the refusal names;
 *  - at PF remove every VF is disabled; those in use are named.
 * Every action logs one line naming the PF; every refusal changes nothing.
 */
#ifndef NVGSP_SRIOV_H
#define NVGSP_SRIOV_H

#include "nvgsp_os.h"
#include "chip/nvgsp_chip.h"
#include "gsp/nvgsp_gsp.h"

/**
 * struct nvgsp_sriov_gsp - GSP-RM as the SR-IOV decision sees it.
 * @booted: GSP-RM was booted (false with nvgsp.gsp_boot=N).
 * @state: its health, when @booted.
 * @why: why it died or went, when @booted and not running.
 * @vf_total: gspVFInfo.totalVFs it was booted with, when @booted.
 */
struct nvgsp_sriov_gsp {
	bool booted;
	enum nvgsp_rpc_state state;
	char why[160];
	u16 vf_total;
};

/**
 * nvgsp_sriov_gsp_read() - take a GSP-RM's state for the decision.
 * @gsp: the running GSP, or NULL when it was not booted.
 * @out: filled.
 *
 * Takes no lock and never waits (nvgsp_gsp_state()).
 */
void nvgsp_sriov_gsp_read(const struct nvgsp_gsp *gsp, struct nvgsp_sriov_gsp *out);

/**
 * nvgsp_sriov_configure() - set the number of enabled VFs to @num_vfs.
 * @dev: the PF.
 * @chip: its chip (Turing has no SR-IOV).
 * @total_vfs: its TotalVFs (pci_sriov_get_totalvfs()); 0 without an SR-IOV
 *             capability or kernel support.
 * @gsp: GSP-RM's state (nvgsp_sriov_gsp_read()).
 * @num_vfs: what was written to sriov_numvfs.
 *
 * The caller serialises calls, and calls against nvgsp_sriov_remove() (the
 * kernel holds the PF's device lock for both). A refusal logs one error
 * line that names the value and why, and changes nothing; a failed enable
 * leaves no VF enabled.
 *
 * Return: the number of VFs enabled (0 after a disable, the count already
 * enabled for a no-op); -EINVAL for a negative count; -EOPNOTSUPP when the
 * PF cannot do SR-IOV or GSP-RM was not booted for VFs; -ERANGE over
 * TotalVFs or what GSP-RM was booted for; -ENODEV when GSP-RM is not
 * running or the device is gone, -EIO when it is dead; -EBUSY to change a
 * non-zero count, or while a VF is in use; or the OS's enable error.
 */
int nvgsp_sriov_configure(struct nvgsp_os_device *dev, const struct nvgsp_chip_info *chip,
			  unsigned int total_vfs, const struct nvgsp_sriov_gsp *gsp,
			  int num_vfs);

/**
 * nvgsp_sriov_remove() - disable every VF at PF remove (unbind, module
 * unload, hot unplug), whatever GSP-RM's state.
 * @dev: the PF.
 *
 * VFs in use are named in one error line each, and disabled all the same:
 * the OS removes the VF devices, and the driver holding one (vfio-pci)
 * waits in its remove, asking its user to release it, before the PF can go.
 * Call it before GSP-RM is shut down. Nothing happens when no VF is enabled.
 */
void nvgsp_sriov_remove(struct nvgsp_os_device *dev);

#endif /* NVGSP_SRIOV_H */
