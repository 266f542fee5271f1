/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_vgpu_boot.h - whether GSP-RM is booted prepared for SR-IOV vGPU
 * (nvgsp.vgpu=auto|on|off, Documentation/vgpu-boot.rst). The kernel glue
 * passes the facts (the chip, the bound release, the PF's TotalVFs); the
 * decision and its log line are made here, so the unit tests cover every
 * branch.
 */
#ifndef NVGSP_VGPU_BOOT_H
#define NVGSP_VGPU_BOOT_H

#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"
#include "chip/nvgsp_chip.h"

/**
 * enum nvgsp_vgpu_mode - the nvgsp.vgpu module parameter.
 * @NVGSP_VGPU_AUTO: prepare when every condition holds; say nothing
 *                   beyond a debug line when one does not.
 * @NVGSP_VGPU_ON: prepare when every condition holds; when one does not,
 *                 warn naming it and boot without vGPU.
 * @NVGSP_VGPU_OFF: never prepare.
 */
enum nvgsp_vgpu_mode {
	NVGSP_VGPU_AUTO,
	NVGSP_VGPU_ON,
	NVGSP_VGPU_OFF,
};

/**
 * enum nvgsp_vgpu_why - the outcome of nvgsp_vgpu_boot_decide().
 * @NVGSP_VGPU_WHY_UNDECIDED: no decision was made (GSP-RM not booted); a
 *                            zeroed struct nvgsp_vgpu_boot says this.
 * @NVGSP_VGPU_WHY_READY: every condition holds: prepare.
 * @NVGSP_VGPU_WHY_OFF: nvgsp.vgpu=off.
 * @NVGSP_VGPU_WHY_CHIP: the chip's family has no SR-IOV vGPU (Turing).
 * @NVGSP_VGPU_WHY_RELEASE: the bound GSP-RM release has no vGPU boot
 *                          parameters in its spec (vgpu.heap.*).
 * @NVGSP_VGPU_WHY_NO_VFS: the board has no SR-IOV capability, or TotalVFs 0.
 */
enum nvgsp_vgpu_why {
	NVGSP_VGPU_WHY_UNDECIDED,
	NVGSP_VGPU_WHY_READY,
	NVGSP_VGPU_WHY_OFF,
	NVGSP_VGPU_WHY_CHIP,
	NVGSP_VGPU_WHY_RELEASE,
	NVGSP_VGPU_WHY_NO_VFS,
};

/**
 * struct nvgsp_vgpu_boot - the decision, kept in the device state.
 * @mode: the nvgsp.vgpu value it was made under.
 * @why: the outcome.
 * @prepare: @why is NVGSP_VGPU_WHY_READY: GSP-RM is booted for vGPU.
 * @total_vfs: the PF's TotalVFs it was made with.
 */
struct nvgsp_vgpu_boot {
	enum nvgsp_vgpu_mode mode;
	enum nvgsp_vgpu_why why;
	bool prepare;
	u16 total_vfs;
};

/**
 * nvgsp_vgpu_mode_parse() - read an nvgsp.vgpu value.
 * @val: "auto", "on" or "off"; one trailing newline is allowed (sysfs).
 * @mode: set on success.
 *
 * Return: 0, or -EINVAL for anything else (@mode untouched).
 */
int nvgsp_vgpu_mode_parse(const char *val, enum nvgsp_vgpu_mode *mode);

/**
 * nvgsp_vgpu_mode_name() - the parameter's spelling of @mode.
 * @mode: the mode.
 *
 * Return: "auto", "on" or "off"; "?" for a value outside the enum.
 */
const char *nvgsp_vgpu_mode_name(enum nvgsp_vgpu_mode mode);

/**
 * nvgsp_vgpu_boot_decide() - decide whether GSP-RM is booted for vGPU.
 * @dev: the PF, for the log line.
 * @mode: nvgsp.vgpu.
 * @chip: the PF's chip.
 * @abi: the bound release.
 * @total_vfs: the PF's TotalVFs (0 without an SR-IOV capability or without
 *             kernel support for it).
 * @out: filled.
 *
 * Conditions, checked in this order: the mode is not off; the chip's family
 * has SR-IOV vGPU (every family nvgsp knows except Turing); the release
 * carries the vGPU boot parameters; TotalVFs > 0. Logs one line: an info
 * line when preparing ("vGPU: GSP-RM prepared for ..."), a warning naming
 * the failed condition under nvgsp.vgpu=on, a debug line (NVGSP_DBG_BOOT)
 * otherwise. Never fails the probe: a PF that cannot host vGPUs still
 * works as a GPU.
 */
void nvgsp_vgpu_boot_decide(struct nvgsp_os_device *dev, enum nvgsp_vgpu_mode mode,
			    const struct nvgsp_chip_info *chip, const struct nvgsp_abi *abi,
			    u16 total_vfs, struct nvgsp_vgpu_boot *out);

#endif /* NVGSP_VGPU_BOOT_H */
