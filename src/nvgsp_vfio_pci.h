/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_vfio_pci.h - the VFIO variant driver of vGPU VFs, shared by its
 * files (nvgsp_vfio_pci.c: the driver and the VFIO device; nvgsp_vfio_sysfs.c:
 * the VF's nvidia/ attributes). Built where the kernel can
 * (NVGSP_CAN_VFIO_VARIANT, compat/nvgsp_compat_vfio.h).
 * Documentation/vgpu-vfio.rst.
 */
#ifndef NVGSP_VFIO_PCI_H
#define NVGSP_VFIO_PCI_H

#include "nvgsp_compat_vfio.h"
#include "nvgsp_drv.h"

#if NVGSP_CAN_VFIO_VARIANT
#include <linux/mutex.h>
#include <linux/vfio_pci_core.h>

#include "vgpu/nvgsp_vgpu_cfgspace.h"
#include "vgpu/nvgsp_vgpu_region.h"
#include "nvgsp_vgpu_vf.h"

/**
 * struct nvgsp_vfio_vf - one VF bound to nvgsp-vfio-pci.
 * @core: vfio_pci_core's device; drvdata of the VF points at it.
 * @mgr: the PF's vGPU manager. The PF disables its VFs (which unbinds this
 *       driver from them) before it stops the manager, so @mgr outlives
 *       the binding.
 * @vf: the VF's index (GFID @vf + 1).
 * @lock: serialises open, close, the nvidia/ attributes, config space
 *        accesses and reset; covers @vgpu, @cfg and @regions. Held across
 *        the vGPU manager's calls, which may sleep.
 * @vgpu: the vGPU while the VFIO device is open, else NULL.
 * @cfg: the virtual config space while open.
 * @regions: the regions the VMM sees while open.
 */
struct nvgsp_vfio_vf {
	struct vfio_pci_core_device core;
	struct nvgsp_vgpu_mgr *mgr;
	u16 vf;
	struct mutex lock;
	struct nvgsp_vgpu *vgpu;
	struct nvgsp_vgpu_cfgspace cfg;
	struct nvgsp_vgpu_regions regions;
};

/* nvgsp_vfio_sysfs.c: the VF's nvidia/ group, created by the driver core. */
extern const struct attribute_group *nvgsp_vfio_sysfs_groups[];

#endif /* NVGSP_CAN_VFIO_VARIANT */
#endif /* NVGSP_VFIO_PCI_H */
