// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vfio_pci.c - nvgsp-vfio-pci, the VFIO variant driver of vGPU VFs:
 * a VF of a PF that nvgsp drives, bound through driver_override, becomes a
 * VFIO device whose opening creates a vGPU of the type chosen in the VF's
 * nvidia/current_vgpu_type and whose closing destroys it.
 * Documentation/vgpu-vfio.rst.
 *
 * Built on vfio_pci_core, which does the PCI device's part: enabling with a
 * function reset, interrupts (SET_IRQS), the fault-based BAR mmap that is
 * revoked on reset, the request IRQ when the host wants the device back.
 * nvgsp adds what makes it a vGPU:
 *  - the config space is virtual (src/vgpu/nvgsp_vgpu_cfgspace.c): the
 *    guest sees the type's identity and BAR1 size, three BARs and three
 *    capabilities; its Bus Master Enable goes to the VF and to the vGPU's
 *    plugin, its Initiate FLR resets as VFIO_DEVICE_RESET does;
 *  - every region access, mmap and ioeventfd is checked against the regions
 *    the guest sees (src/vgpu/nvgsp_vgpu_region.c) before vfio_pci_core
 *    touches the VF: BAR1 ends at the type's size, the other BARs, the ROM
 *    and VGA do not exist;
 *  - VFIO_DEVICE_RESET also resets the vGPU through its plugin and puts the
 *    config space back;
 *  - device features (low-power states, DMA-buf export, migration) are not
 *    offered.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/uuid.h>
#include <linux/vfio.h>

#include "nvgsp_compat.h"
#include "nvgsp_vfio_pci.h"

#if NVGSP_CAN_VFIO_VARIANT

static struct nvgsp_vfio_vf *nvgsp_vfio_vf_of(struct vfio_device *vdev)
{
	return container_of(vdev, struct nvgsp_vfio_vf, core.vdev);
}

/*
 * Reset as VFIO_DEVICE_RESET asks: vfio_pci_core resets the VF (revoking
 * every BAR mapping while it does), then the config space goes back to its
 * initial state and the plugin resets the vGPU. Under v->lock, with a vGPU.
 */
static int nvgsp_vfio_reset_locked(struct nvgsp_vfio_vf *v)
{
	struct nvgsp_vgpu_cfg_effect eff;
	int ret;

	/* VFIO_DEVICE_RESET takes no argument. */
	ret = vfio_pci_core_ioctl(&v->core.vdev, VFIO_DEVICE_RESET, 0);
	if (ret)
		return ret;
	nvgsp_vgpu_cfgspace_reset(&v->cfg, &eff);
	nvgsp_vgpu_vf_bme(v->core.pdev, v->vgpu, &eff);
	ret = nvgsp_vgpu_reset(v->vgpu);
	if (ret)
		dev_err_ratelimited(&v->core.pdev->dev, "vGPU: the plugin's RESET failed: %d\n", ret);
	return ret;
}

static int nvgsp_vfio_init_dev(struct vfio_device *vdev)
{
	struct nvgsp_vfio_vf *v = nvgsp_vfio_vf_of(vdev);

	mutex_init(&v->lock);
	return vfio_pci_core_init_dev(vdev);
}

static void nvgsp_vfio_release_dev(struct vfio_device *vdev)
{
	struct nvgsp_vfio_vf *v = nvgsp_vfio_vf_of(vdev);

	mutex_destroy(&v->lock);
	vfio_pci_core_release_dev(vdev);
}

static int nvgsp_vfio_open_device(struct vfio_device *vdev)
{
	struct nvgsp_vfio_vf *v = nvgsp_vfio_vf_of(vdev);
	struct pci_dev *pdev = v->core.pdev;
	const struct nvgsp_fw_vgpu_type *type;
	struct nvgsp_vgpu_params p = { .vf = v->vf };
	uuid_t uuid;
	int ret;

	mutex_lock(&v->lock);
	p.type_id = nvgsp_vgpu_mgr_selected(v->mgr, v->vf);
	type = nvgsp_vgpu_mgr_find_type(v->mgr, p.type_id);
	if (!type) {
		dev_info_ratelimited(&pdev->dev,
				     "vGPU: no type chosen for this VF: write one of nvidia/creatable_vgpu_types to nvidia/current_vgpu_type before opening it\n");
		ret = -ENODEV;
		goto unlock;
	}
	/* Enables the VF and resets it (FLR) before anything else. */
	ret = vfio_pci_core_enable(&v->core);
	if (ret)
		goto unlock;
	ret = nvgsp_vgpu_vf_cfg_build(pdev, type, &v->cfg);
	if (ret)
		goto disable;
	p.vm_pid = task_tgid_nr(current);
	uuid_gen(&uuid);
	memcpy(p.uuid, uuid.b, sizeof(p.uuid));
	ret = nvgsp_vgpu_create(v->mgr, &p, &v->vgpu);
	if (ret) {
		pci_err(pdev, "vGPU type %u (%s): cannot create the vGPU: %d\n", type->id,
			type->name, ret);
		goto disable;
	}
	nvgsp_vgpu_regions_init(&v->regions, &v->cfg);
	vfio_pci_core_finish_enable(&v->core);
	pci_info(pdev, "vGPU type %u (%s) created for process %u (GFID %u)\n", type->id,
		 type->name, p.vm_pid, nvgsp_vgpu_gfid(v->vgpu));
	mutex_unlock(&v->lock);
	return 0;

disable:
	vfio_pci_core_disable(&v->core);
unlock:
	mutex_unlock(&v->lock);
	return ret;
}

static void nvgsp_vfio_close_device(struct vfio_device *vdev)
{
	struct nvgsp_vfio_vf *v = nvgsp_vfio_vf_of(vdev);

	mutex_lock(&v->lock);
	nvgsp_vgpu_destroy(v->vgpu);
	v->vgpu = NULL;
	memset(&v->regions, 0, sizeof(v->regions));
	mutex_unlock(&v->lock);
	pci_info(v->core.pdev, "vGPU destroyed\n");
	vfio_pci_core_close_device(vdev);
}

/* A config write's effects; an Initiate FLR resets as VFIO_DEVICE_RESET does. */
static int nvgsp_vfio_cfg_apply(void *ctx, const struct nvgsp_vgpu_cfg_effect *eff)
{
	struct nvgsp_vfio_vf *v = ctx;

	nvgsp_vgpu_vf_bme(v->core.pdev, v->vgpu, eff);
	return eff->flr ? nvgsp_vfio_reset_locked(v) : 0;
}

static ssize_t nvgsp_vfio_cfg_rw(struct nvgsp_vfio_vf *v, char __user *rbuf, const char __user *wbuf,
				 size_t count, u64 pos)
{
	ssize_t ret;

	mutex_lock(&v->lock);
	ret = nvgsp_vgpu_vf_cfg_rw(&v->cfg, rbuf, wbuf, count, pos, nvgsp_vfio_cfg_apply, v);
	mutex_unlock(&v->lock);
	return ret;
}

static ssize_t nvgsp_vfio_rw(struct nvgsp_vfio_vf *v, char __user *rbuf, const char __user *wbuf,
			     size_t count, loff_t *ppos)
{
	bool write = wbuf != NULL;
	u64 pos;
	u32 index;
	ssize_t ret;

	if (*ppos < 0)
		return -EINVAL;
	index = VFIO_PCI_OFFSET_TO_INDEX(*ppos);
	pos = *ppos & VFIO_PCI_OFFSET_MASK;
	if (nvgsp_vgpu_region_access(&v->regions, index, pos, count, write))
		return -EINVAL;
	if (index == NVGSP_VGPU_REGION_CONFIG) {
		ret = nvgsp_vfio_cfg_rw(v, rbuf, wbuf, count, pos);
		if (ret > 0)
			*ppos += ret;
		return ret;
	}
	/* A BAR the guest sees, within the guest's size of it. */
	if (write)
		return vfio_pci_core_write(&v->core.vdev, wbuf, count, ppos);
	return vfio_pci_core_read(&v->core.vdev, rbuf, count, ppos);
}

static ssize_t nvgsp_vfio_read(struct vfio_device *vdev, char __user *buf, size_t count,
			       loff_t *ppos)
{
	return nvgsp_vfio_rw(nvgsp_vfio_vf_of(vdev), buf, NULL, count, ppos);
}

static ssize_t nvgsp_vfio_write(struct vfio_device *vdev, const char __user *buf, size_t count,
				loff_t *ppos)
{
	return nvgsp_vfio_rw(nvgsp_vfio_vf_of(vdev), NULL, buf, count, ppos);
}

/* Only the BARs the guest sees, each only up to the guest's size of it. */
static int nvgsp_vfio_mmap(struct vfio_device *vdev, struct vm_area_struct *vma)
{
	struct nvgsp_vfio_vf *v = nvgsp_vfio_vf_of(vdev);
	unsigned long shift = VFIO_PCI_OFFSET_SHIFT - PAGE_SHIFT;
	u32 index = vma->vm_pgoff >> shift;
	u64 off = (u64)(vma->vm_pgoff & ((1ul << shift) - 1)) << PAGE_SHIFT;

	if (vma->vm_end < vma->vm_start ||
	    nvgsp_vgpu_region_mmap(&v->regions, index, off, vma->vm_end - vma->vm_start, PAGE_SIZE))
		return -EINVAL;
	return vfio_pci_core_mmap(vdev, vma);
}

/* Fill @info for a region whose answer is nvgsp's, not vfio_pci_core's. */
static bool nvgsp_vfio_region_info_own(struct nvgsp_vfio_vf *v, struct vfio_region_info *info)
{
	u32 flags;

	/*
	 * BAR0 and BAR3 are the VF's own, with vfio_pci_core's capabilities;
	 * vfio_pci_core refuses an index past its regions.
	 */
	if (info->index == VFIO_PCI_BAR0_REGION_INDEX || info->index == VFIO_PCI_BAR3_REGION_INDEX ||
	    info->index == VFIO_PCI_CONFIG_REGION_INDEX || info->index > VFIO_PCI_VGA_REGION_INDEX)
		return false;
	flags = v->regions.flags[info->index];
	info->offset = VFIO_PCI_INDEX_TO_OFFSET(info->index);
	info->size = v->regions.size[info->index];
	info->flags = 0;
	if (flags & NVGSP_VGPU_REGION_READ)
		info->flags |= VFIO_REGION_INFO_FLAG_READ;
	if (flags & NVGSP_VGPU_REGION_WRITE)
		info->flags |= VFIO_REGION_INFO_FLAG_WRITE;
	if (flags & NVGSP_VGPU_REGION_MMAP)
		info->flags |= VFIO_REGION_INFO_FLAG_MMAP;
	return true;
}

#ifdef NVGSP_HAVE_VFIO_DEVICE_OPS_GET_REGION_INFO_CAPS
/* Since 6.19 the VFIO core answers VFIO_DEVICE_GET_REGION_INFO through this. */
static int nvgsp_vfio_get_region_info_caps(struct vfio_device *vdev, struct vfio_region_info *info,
					   struct vfio_info_cap *caps)
{
	if (nvgsp_vfio_region_info_own(nvgsp_vfio_vf_of(vdev), info))
		return 0;
	return vfio_pci_ioctl_get_region_info(vdev, info, caps);
}
#else
static long nvgsp_vfio_ioctl_region_info(struct nvgsp_vfio_vf *v, unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_region_info, offset);
	struct vfio_region_info info;

	if (copy_from_user(&info, (void __user *)arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz)
		return -EINVAL;
	if (!nvgsp_vfio_region_info_own(v, &info))
		return vfio_pci_core_ioctl(&v->core.vdev, VFIO_DEVICE_GET_REGION_INFO, arg);
	return copy_to_user((void __user *)arg, &info, minsz) ? -EFAULT : 0;
}
#endif

/* An ioeventfd only inside a BAR the guest sees; vfio_pci_core does the rest. */
static long nvgsp_vfio_ioctl_ioeventfd(struct nvgsp_vfio_vf *v, unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_device_ioeventfd, fd);
	struct vfio_device_ioeventfd ioe;
	u32 index;
	int size;

	if (copy_from_user(&ioe, (void __user *)arg, minsz))
		return -EFAULT;
	if (ioe.argsz < minsz)
		return -EINVAL;
	size = ioe.flags & VFIO_DEVICE_IOEVENTFD_SIZE_MASK;
	if (hweight32(size) != 1)
		return -EINVAL;
	index = VFIO_PCI_OFFSET_TO_INDEX(ioe.offset);
	if (index > VFIO_PCI_BAR5_REGION_INDEX ||
	    nvgsp_vgpu_region_access(&v->regions, index, ioe.offset & VFIO_PCI_OFFSET_MASK, size,
				     true))
		return -EINVAL;
	return vfio_pci_core_ioctl(&v->core.vdev, VFIO_DEVICE_IOEVENTFD, arg);
}

static long nvgsp_vfio_ioctl(struct vfio_device *vdev, unsigned int cmd, unsigned long arg)
{
	struct nvgsp_vfio_vf *v = nvgsp_vfio_vf_of(vdev);
	long ret;

	switch (cmd) {
#ifndef NVGSP_HAVE_VFIO_DEVICE_OPS_GET_REGION_INFO_CAPS
	case VFIO_DEVICE_GET_REGION_INFO:
		return nvgsp_vfio_ioctl_region_info(v, arg);
#endif
	case VFIO_DEVICE_IOEVENTFD:
		return nvgsp_vfio_ioctl_ioeventfd(v, arg);
	case VFIO_DEVICE_RESET:
		mutex_lock(&v->lock);
		ret = nvgsp_vfio_reset_locked(v);
		mutex_unlock(&v->lock);
		return ret;
	default:
		return vfio_pci_core_ioctl(vdev, cmd, arg);
	}
}

/* No device feature: no low-power states, no DMA-buf export of BARs, no migration. */
static int nvgsp_vfio_device_feature(struct vfio_device *vdev, u32 flags, void __user *arg,
				     size_t argsz)
{
	return -ENOTTY;
}

static const struct vfio_device_ops nvgsp_vfio_ops = {
	.name = "nvgsp-vfio-pci",
	.init = nvgsp_vfio_init_dev,
	.release = nvgsp_vfio_release_dev,
	.open_device = nvgsp_vfio_open_device,
	.close_device = nvgsp_vfio_close_device,
	.ioctl = nvgsp_vfio_ioctl,
#ifdef NVGSP_HAVE_VFIO_DEVICE_OPS_GET_REGION_INFO_CAPS
	.get_region_info_caps = nvgsp_vfio_get_region_info_caps,
#endif
	.device_feature = nvgsp_vfio_device_feature,
	.read = nvgsp_vfio_read,
	.write = nvgsp_vfio_write,
	.mmap = nvgsp_vfio_mmap,
	.request = vfio_pci_core_request,
	.match = vfio_pci_core_match,
#ifdef NVGSP_HAVE_VFIO_DEVICE_OPS_MATCH_TOKEN_UUID
	/* vfio_pci_core_match() calls it for every open through a group. */
	.match_token_uuid = vfio_pci_core_match_token_uuid,
#endif
#if NVGSP_VFIO_IOMMUFD >= 1
	.bind_iommufd = vfio_iommufd_physical_bind,
	.unbind_iommufd = vfio_iommufd_physical_unbind,
	.attach_ioas = vfio_iommufd_physical_attach_ioas,
#endif
#if NVGSP_VFIO_IOMMUFD >= 2
	.detach_ioas = vfio_iommufd_physical_detach_ioas,
#endif
};

static int nvgsp_vfio_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct nvgsp_vgpu_mgr *mgr;
	struct nvgsp_vfio_vf *v;
	u16 vf;
	int ret;

	ret = nvgsp_vgpu_vf_lookup(pdev, "nvgsp-vfio-pci", &mgr, &vf);
	if (ret)
		return ret;
	v = vfio_alloc_device(nvgsp_vfio_vf, core.vdev, &pdev->dev, &nvgsp_vfio_ops);
	if (IS_ERR(v))
		return PTR_ERR(v);
	v->mgr = mgr;
	v->vf = vf;
	dev_set_drvdata(&pdev->dev, &v->core);
	ret = vfio_pci_core_register_device(&v->core);
	if (ret) {
		pci_err(pdev, "nvgsp-vfio-pci: cannot register the VFIO device: %d\n", ret);
		vfio_put_device(&v->core.vdev);
		return ret;
	}
	pci_info(pdev, "vGPU VF %u of %s: VFIO device ready; choose its type in nvidia/current_vgpu_type\n",
		 vf, pci_name(pci_physfn(pdev)));
	return 0;
}

static void nvgsp_vfio_remove(struct pci_dev *pdev)
{
	struct vfio_pci_core_device *core = dev_get_drvdata(&pdev->dev);

	/* Waits until the user closes the device, asking it through the request IRQ. */
	vfio_pci_core_unregister_device(core);
	vfio_put_device(&core->vdev);
}

/*
 * Only through driver_override: binding a VF to a VFIO driver hands it to a
 * VMM, which the administrator decides (driverctl, libvirt's managed
 * hostdev, or echo nvgsp-vfio-pci > driver_override).
 */
static const struct pci_device_id nvgsp_vfio_ids[] = {
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, PCI_ANY_ID) },
	{ }
};
MODULE_DEVICE_TABLE(pci, nvgsp_vfio_ids);

static struct pci_driver nvgsp_vfio_driver = {
	.name = "nvgsp-vfio-pci",
	.id_table = nvgsp_vfio_ids,
	.probe = nvgsp_vfio_probe,
	.remove = nvgsp_vfio_remove,
	.err_handler = &vfio_pci_core_err_handlers,
	.driver_managed_dma = true,
};

void nvgsp_vfio_pci_request_release(struct pci_dev *vf)
{
	struct vfio_pci_core_device *core;

	/* The caller holds the PF's device lock: parent before child. */
	device_lock(&vf->dev);
	if (vf->dev.driver == &nvgsp_vfio_driver.driver) {
		core = dev_get_drvdata(&vf->dev);
		pci_info(vf, "asking the VFIO user of this VF to release it\n");
		vfio_pci_core_request(&core->vdev, 0);
	}
	device_unlock(&vf->dev);
}

int nvgsp_vfio_pci_register(void)
{
	nvgsp_compat_pci_driver_set_dev_groups(&nvgsp_vfio_driver, nvgsp_vfio_sysfs_groups);
	return pci_register_driver(&nvgsp_vfio_driver);
}

void nvgsp_vfio_pci_unregister(void)
{
	pci_unregister_driver(&nvgsp_vfio_driver);
}

#else /* !NVGSP_CAN_VFIO_VARIANT */

void nvgsp_vfio_pci_request_release(struct pci_dev *vf)
{
}

int nvgsp_vfio_pci_register(void)
{
	return 0;
}

void nvgsp_vfio_pci_unregister(void)
{
}

#endif /* NVGSP_CAN_VFIO_VARIANT */
