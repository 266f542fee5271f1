/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_compat_vfio.h - which VFIO front ends this kernel can build.
 *
 * Decided from the capability probes (compat/probes/, NVGSP_HAVE_*) and the
 * kernel's configuration, never from its version. The VFIO variant driver
 * (src/nvgsp_vfio_pci.c) builds where NVGSP_CAN_VFIO_VARIANT is 1, the mdev
 * front end (src/nvgsp_mdev*.c) where NVGSP_CAN_MDEV is.
 * Documentation/kernel-compat.rst has the decision on each kernel line
 * nvgsp is tested on.
 */
#ifndef NVGSP_COMPAT_VFIO_H
#define NVGSP_COMPAT_VFIO_H

#include <linux/kconfig.h>

#include "nvgsp_compat_probes.h"

/*
 * NVGSP_CAN_VFIO_VARIANT: 1 where the VFIO variant driver for the VFs can be
 * built, else 0.
 *
 * 1: the driver binds to each VF as a vfio_pci_core variant driver
 * (driver_managed_dma set: the VM, not the kernel, does the VF's DMA),
 * allocates its device with vfio_alloc_device() with vfio_pci_core_init_dev()
 * and vfio_pci_core_release_dev() as .init and .release, and reaches the
 * PF's vGPU manager with pci_iov_get_pf_drvdata(). It needs all four probes
 * and a kernel built with vfio-pci-core; PCI_DRIVER_OVERRIDE_DEVICE_VFIO
 * (Linux 5.16), which its ID table uses, is older than the newest of them.
 * 0: no variant driver; a VF can still be given to a VM through the plain
 * vfio-pci driver, without the vGPU manager's part in it.
 */
#if defined(NVGSP_HAVE_VFIO_PCI_CORE) && \
	defined(NVGSP_HAVE_VFIO_PCI_CORE_INIT_DEV) && \
	defined(NVGSP_HAVE_PCI_DRIVER_DRIVER_MANAGED_DMA) && \
	defined(NVGSP_HAVE_PCI_IOV_GET_PF_DRVDATA) && \
	IS_ENABLED(CONFIG_VFIO_PCI_CORE)
#define NVGSP_CAN_VFIO_VARIANT 1
#else
#define NVGSP_CAN_VFIO_VARIANT 0
#endif

/*
 * NVGSP_VFIO_IOMMUFD: which iommufd callbacks the variant driver sets.
 *
 * 0: none; the VF is used through a VFIO group and container only.
 * 1: .bind_iommufd, .unbind_iommufd and .attach_ioas, set to the
 *    vfio_iommufd_physical_*() helpers (NULL where the kernel is built
 *    without CONFIG_IOMMUFD, which <linux/vfio.h> handles).
 * 2: as 1, and .detach_ioas.
 */
#if defined(NVGSP_HAVE_VFIO_DEVICE_OPS_BIND_IOMMUFD) && \
	defined(NVGSP_HAVE_VFIO_DEVICE_OPS_DETACH_IOAS)
#define NVGSP_VFIO_IOMMUFD 2
#elif defined(NVGSP_HAVE_VFIO_DEVICE_OPS_BIND_IOMMUFD)
#define NVGSP_VFIO_IOMMUFD 1
#else
#define NVGSP_VFIO_IOMMUFD 0
#endif

/*
 * NVGSP_MDEV_GEN: which mdev parent API the mdev front end uses; 0 where the
 * kernel is built without mdev (CONFIG_VFIO_MDEV) or has none of these.
 *
 * 3: mdev_register_parent() with one struct mdev_type per vGPU type; the
 *    mdev core creates the type's sysfs files and asks the driver through
 *    struct mdev_driver's .get_available and .show_description. Each mdev is
 *    a vfio_device from vfio_alloc_device(), registered with
 *    vfio_register_emulated_iommu_dev().
 * 2: mdev_register_device(dev, struct mdev_driver *) with the types as
 *    attribute groups in .supported_type_groups, which the driver fills
 *    itself; each mdev registered with vfio_register_emulated_iommu_dev().
 * 1: mdev_register_device(dev, struct mdev_parent_ops *): the types as
 *    attribute groups, devices created through the ops' .create. This
 *    generation changed shape within itself (type attributes stopped taking
 *    a kobject, the ops' device callbacks gave way to a parent-supplied
 *    mdev_driver); only 5.10's form is probed and tested so far.
 */
#if !IS_ENABLED(CONFIG_VFIO_MDEV)
#define NVGSP_MDEV_GEN 0
#elif defined(NVGSP_HAVE_MDEV_REGISTER_PARENT) && \
	defined(NVGSP_HAVE_VFIO_ALLOC_DEVICE) && \
	defined(NVGSP_HAVE_VFIO_REGISTER_EMULATED_IOMMU_DEV)
#define NVGSP_MDEV_GEN 3
#elif defined(NVGSP_HAVE_MDEV_DRIVER_SUPPORTED_TYPE_GROUPS) && \
	defined(NVGSP_HAVE_VFIO_REGISTER_EMULATED_IOMMU_DEV)
#define NVGSP_MDEV_GEN 2
#elif defined(NVGSP_HAVE_MDEV_PARENT_OPS)
#define NVGSP_MDEV_GEN 1
#else
#define NVGSP_MDEV_GEN 0
#endif

/*
 * NVGSP_CAN_MDEV: which form of the mdev front end builds (src/nvgsp_mdev*.c,
 * Documentation/vgpu-mdev.rst); 0 where none does.
 *
 * 1: generation 1 in its original form (Linux 5.10 to 5.12; probe
 *    mdev_parent_ops_kobj_create): struct mdev_parent_ops with the device
 *    callbacks, type attributes on kobjects, and mdev_set_iommu_device(),
 *    which puts each mdev behind its VF's IOMMU: the VM's DMA mappings
 *    reach the VF.
 * 3: generation 3 (6.1 and later): mdev_register_parent(), each mdev a
 *    vfio_device registered with vfio_register_emulated_iommu_dev(). The
 *    kernel has no way left to put an mdev behind a VF's IOMMU (removed in
 *    5.16), so the VF's IOMMU group is claimed with iommu_group_claim_dma_owner()
 *    (which blocks it) while the mdev is open, under a VF driver that set
 *    driver_managed_dma.
 * Generation 2 (5.19, 6.0) and generation 1's later forms (5.13 to 5.18)
 * are recognised by NVGSP_MDEV_GEN but not built: no kernel line nvgsp is
 * tested on has them, and untested code is not shipped.
 */
#if NVGSP_MDEV_GEN == 1 && defined(NVGSP_HAVE_MDEV_PARENT_OPS_KOBJ_CREATE)
#define NVGSP_CAN_MDEV 1
#elif NVGSP_MDEV_GEN == 3 && defined(NVGSP_HAVE_IOMMU_GROUP_CLAIM_DMA_OWNER) && \
	defined(NVGSP_HAVE_PCI_DRIVER_DRIVER_MANAGED_DMA)
#define NVGSP_CAN_MDEV 3
#else
#define NVGSP_CAN_MDEV 0
#endif

#endif /* NVGSP_COMPAT_VFIO_H */
