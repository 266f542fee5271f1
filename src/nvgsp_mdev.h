/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_mdev.h - the mdev front end of vGPU VFs, shared by its files
 * (Documentation/vgpu-mdev.rst):
 *  - nvgsp_mdev_pci.c: nvgsp-mdev, the PCI driver a VF is bound to (through
 *    driver_override) to become an mdev parent;
 *  - nvgsp_mdev_types.c: the parent's types and their sysfs files, and the
 *    creation and removal of the VF's one mdev, for each mdev generation;
 *  - nvgsp_mdev_dev.c: the mdev as a VFIO device (open, close, regions,
 *    interrupts, reset), the same for every generation.
 * Built where NVGSP_CAN_MDEV is non-zero (compat/nvgsp_compat_vfio.h).
 */
#ifndef NVGSP_MDEV_H
#define NVGSP_MDEV_H

#include "nvgsp_compat_vfio.h"
#include "nvgsp_drv.h"

#if NVGSP_CAN_MDEV
#include <linux/device.h>
#include <linux/uuid.h>
#include <linux/mdev.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/vfio.h>

#include "vgpu/nvgsp_vgpu_cfgspace.h"
#include "vgpu/nvgsp_vgpu_region.h"

/*
 * Where each region lies in the VFIO device file: the region index in the
 * bits from 40 up, as vfio-pci lays out a PCI device (its
 * VFIO_PCI_OFFSET_SHIFT, which only 5.15+ exports); VFIO_DEVICE_GET_REGION_INFO
 * tells the VMM each region's offset.
 */
#define NVGSP_MDEV_OFFSET_SHIFT		40
#define NVGSP_MDEV_OFFSET_TO_INDEX(off)	((off) >> NVGSP_MDEV_OFFSET_SHIFT)
#define NVGSP_MDEV_INDEX_TO_OFFSET(i)	((u64)(i) << NVGSP_MDEV_OFFSET_SHIFT)
#define NVGSP_MDEV_OFFSET_MASK		((1ull << NVGSP_MDEV_OFFSET_SHIFT) - 1)

/**
 * struct nvgsp_mdev_type - one vGPU type of a parent, as mdev shows it.
 * @mtype: the mdev core's type (generation 3).
 * @group: the type's sysfs directory (generation 1): named @sysfs_name,
 *         with the attributes of nvgsp_mdev_types.c.
 * @id: the vGPU type id.
 * @sysfs_name: "<id>", as NVIDIA's mdev releases named their types; the
 *              mdev core prefixes the driver's name: "nvgsp-mdev-<id>".
 */
struct nvgsp_mdev_type {
#if NVGSP_CAN_MDEV == 3
	struct mdev_type mtype;
#else
	struct attribute_group group;
#endif
	u32 id;
	char sysfs_name[24];
};

struct nvgsp_mdev_vgpu;

/**
 * struct nvgsp_mdev_parent - a VF bound to nvgsp-mdev; its drvdata.
 * @parent: the mdev core's parent (generation 3).
 * @ops: the parent's ops (generation 1), with @groups as its types.
 * @groups: NULL-terminated, one per type (generation 1).
 * @types: NULL-terminated pointers to @type's mdev types (generation 3).
 * @type: one per vGPU type of the manager, in the manager's order.
 * @nr_types: their number.
 * @pdev: the VF.
 * @mgr: the PF's vGPU manager; it outlives the binding (the PF disables
 *       its VFs, which unbinds this driver, before it stops the manager).
 * @vf: the VF's index.
 * @lock: covers @mdev.
 * @mdev: the VF's one mdev, or NULL: a VF carries one vGPU.
 */
struct nvgsp_mdev_parent {
#if NVGSP_CAN_MDEV == 3
	struct mdev_parent parent;
	struct mdev_type **types;
#else
	struct mdev_parent_ops ops;
	struct attribute_group **groups;
#endif
	struct nvgsp_mdev_type *type;
	unsigned int nr_types;
	struct pci_dev *pdev;
	struct nvgsp_vgpu_mgr *mgr;
	u16 vf;
	struct mutex lock;
	struct nvgsp_mdev_vgpu *mdev;
};

/**
 * struct nvgsp_mdev_msix - one MSI-X vector of the VF, relayed to the VMM.
 * @trigger: the VMM's eventfd, or NULL.
 * @irq: the host's IRQ number of the vector.
 * @name: the IRQ's name in /proc/interrupts.
 */
struct nvgsp_mdev_msix {
	struct eventfd_ctx *trigger;
	int irq;
	char name[48];
};

/**
 * struct nvgsp_mdev_vgpu - one mdev: a vGPU of @type_id on the parent's VF.
 * @vdev: its VFIO device (generation 3).
 * @parent: the VF it lives on.
 * @dev: the mdev's device.
 * @type_id: the vGPU type, fixed at creation.
 * @lock: serialises open, close, accesses, interrupts and reset; covers
 *        everything below. Held across the vGPU manager's calls, which may
 *        sleep.
 * @vgpu: the vGPU while the VFIO device is open, else NULL.
 * @cfg: the virtual config space while open.
 * @regions: the regions the VMM sees while open (no mmap: every BAR access
 *           is trapped and checked).
 * @bar: the VF's BARs the guest sees, mapped while open, in
 *       nvgsp_vgpu_vf_bars[] order.
 * @msix_bar: the BAR index of the VF's MSI-X table, or -1.
 * @msix_start: the table's offset in it.
 * @msix_end: the table's end; the VMM's accesses to [@msix_start,
 *            @msix_end) read all ones and write nothing, as vfio-pci's
 *            do: the host programs the table.
 * @msix: per vector of the VF, while MSI-X is enabled, else NULL.
 * @nr_msix: the VF's vectors (0 without MSI-X).
 * @req_trigger: the eventfd of VFIO's request IRQ, or NULL.
 * @group: the VF's IOMMU group, claimed from the kernel's DMA API
 *         (generation 3, while open), else NULL.
 * @blocking: an empty IOMMU domain the VF is attached to while open, where
 *            VFIO did not attach it to the VM's (generation 1), else NULL.
 */
struct nvgsp_mdev_vgpu {
#if NVGSP_CAN_MDEV == 3
	struct vfio_device vdev;
#endif
	struct nvgsp_mdev_parent *parent;
	struct device *dev;
	u32 type_id;
	struct mutex lock;
	struct nvgsp_vgpu *vgpu;
	struct nvgsp_vgpu_cfgspace cfg;
	struct nvgsp_vgpu_regions regions;
	void __iomem *bar[NVGSP_VGPU_CFG_BARS];
	int msix_bar;
	u64 msix_start;
	u64 msix_end;
	struct nvgsp_mdev_msix *msix;
	unsigned int nr_msix;
	struct eventfd_ctx *req_trigger;
	struct iommu_group *group;
	struct iommu_domain *blocking;
};

/* nvgsp_mdev_dev.c */
void nvgsp_mdev_vgpu_init(struct nvgsp_mdev_vgpu *m, struct nvgsp_mdev_parent *p,
			  struct device *dev, u32 type_id);
void nvgsp_mdev_vgpu_fini(struct nvgsp_mdev_vgpu *m);
int nvgsp_mdev_vgpu_open(struct nvgsp_mdev_vgpu *m);
void nvgsp_mdev_vgpu_close(struct nvgsp_mdev_vgpu *m);
ssize_t nvgsp_mdev_vgpu_rw(struct nvgsp_mdev_vgpu *m, char __user *rbuf, const char __user *wbuf,
			   size_t count, loff_t *ppos);
/* @info->index below VFIO_PCI_NUM_REGIONS: its offset, size and flags. */
void nvgsp_mdev_vgpu_region_info(struct nvgsp_mdev_vgpu *m, struct vfio_region_info *info);
long nvgsp_mdev_vgpu_ioctl(struct nvgsp_mdev_vgpu *m, unsigned int cmd, unsigned long arg);
void nvgsp_mdev_vgpu_request(struct nvgsp_mdev_vgpu *m, unsigned int count);

/* nvgsp_mdev_types.c */
void nvgsp_mdev_uuid(struct nvgsp_mdev_vgpu *m, u8 uuid[16]);
int nvgsp_mdev_parent_register(struct nvgsp_mdev_parent *p);
void nvgsp_mdev_parent_unregister(struct nvgsp_mdev_parent *p);
int nvgsp_mdev_driver_register(void);
void nvgsp_mdev_driver_unregister(void);

#endif /* NVGSP_CAN_MDEV */
#endif /* NVGSP_MDEV_H */
