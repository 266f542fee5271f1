/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_vgpu_vf.h - what the two front ends that hand a VF's vGPU to a VM
 * (the VFIO variant driver, nvgsp_vfio_pci.c, and the mdev front end,
 * nvgsp_mdev*.c) share: building the guest's config space from the VF's,
 * and a VMM's config space accesses split the way the virtual config space
 * takes them. Built where either front end is.
 */
#ifndef NVGSP_VGPU_VF_H
#define NVGSP_VGPU_VF_H

#include "nvgsp_compat_vfio.h"
#include "nvgsp_drv.h"

#if NVGSP_CAN_VFIO_VARIANT || NVGSP_CAN_MDEV
#include <linux/pci.h>

#include "vgpu/nvgsp_vgpu_cfgspace.h"

/* The VF's BARs the guest sees, in the virtual config space's order. */
extern const int nvgsp_vgpu_vf_bars[NVGSP_VGPU_CFG_BARS];

/**
 * nvgsp_vgpu_vf_lookup() - the vGPU manager and VF index a VF driver's
 * probe serves, or a refusal: a function that is not a VF, a VF whose PF
 * nvgsp does not drive, a PF without a vGPU manager, a VF index the manager
 * does not serve. Each refusal is one line, prefixed with @drv.
 * @pdev: the function being probed (its device lock held, which keeps the
 *        PF bound).
 * @drv: the probing driver's name.
 * @mgr: set to the PF's vGPU manager.
 * @vf: set to the VF's index.
 *
 * Return: 0, or -ENODEV.
 */
int nvgsp_vgpu_vf_lookup(struct pci_dev *pdev, const char *drv, struct nvgsp_vgpu_mgr **mgr,
			 u16 *vf);

/**
 * nvgsp_vgpu_vf_bme() - act on a config write's or a reset's Bus Master
 * change: the VF's own bus mastering (which carries the guest's DMA) and
 * the vGPU's plugin (UPDATE_BME_STATE).
 * @pdev: the VF.
 * @vgpu: its vGPU.
 * @eff: the effects; nothing happens unless Bus Master changed.
 */
void nvgsp_vgpu_vf_bme(struct pci_dev *pdev, struct nvgsp_vgpu *vgpu,
		       const struct nvgsp_vgpu_cfg_effect *eff);

/**
 * nvgsp_vgpu_vf_cfg_build() - the guest's config space for a vGPU of @type
 * on VF @pdev: the VF's first 256 bytes as the host reads them, with each
 * BAR's type bits from the VF's resources (a VF's BAR registers are not
 * where its BARs are described: SR-IOV puts them in the PF's capability).
 * @pdev: the VF, enabled.
 * @type: the vGPU type.
 * @cfg: filled (nvgsp_vgpu_cfgspace_init()).
 *
 * Return: 0; a negative errno, with one line naming the VF and the cause.
 */
int nvgsp_vgpu_vf_cfg_build(struct pci_dev *pdev, const struct nvgsp_fw_vgpu_type *type,
			    struct nvgsp_vgpu_cfgspace *cfg);

/**
 * typedef nvgsp_vgpu_vf_cfg_apply_t - act on what one config write did
 * (Bus Master, an Initiate FLR).
 * @ctx: the front end's device.
 * @eff: the write's effects.
 *
 * Return: 0, or a negative errno that ends the access.
 */
typedef int (*nvgsp_vgpu_vf_cfg_apply_t)(void *ctx, const struct nvgsp_vgpu_cfg_effect *eff);

/**
 * nvgsp_vgpu_vf_cfg_rw() - one VMM read or write of @count bytes of the
 * virtual config space at @pos, split into naturally aligned pieces of 4, 2
 * or 1 bytes. The caller has checked the range against the config region and
 * holds the lock that covers @cfg.
 * @cfg: the virtual config space.
 * @rbuf: the VMM's buffer for a read, else NULL.
 * @wbuf: the VMM's buffer for a write, else NULL.
 * @count: bytes.
 * @pos: offset in config space.
 * @apply: called after each piece written, with its effects.
 * @ctx: passed to @apply.
 *
 * Return: the bytes done when any were, else a negative errno.
 */
ssize_t nvgsp_vgpu_vf_cfg_rw(struct nvgsp_vgpu_cfgspace *cfg, char __user *rbuf,
			     const char __user *wbuf, size_t count, u64 pos,
			     nvgsp_vgpu_vf_cfg_apply_t apply, void *ctx);

#endif /* NVGSP_CAN_VFIO_VARIANT || NVGSP_CAN_MDEV */
#endif /* NVGSP_VGPU_VF_H */
