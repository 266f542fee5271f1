// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_mdev_dev.c - an mdev of nvgsp's mdev front end as a VFIO device:
 * opening creates the vGPU on the parent VF, closing destroys it; config
 * space is the virtual one the VFIO variant driver gives (nvgsp_vgpu_vf.c);
 * every BAR access is trapped, checked against the regions the guest sees
 * (src/vgpu/nvgsp_vgpu_region.c) and done by the host, so no guest mapping
 * of the VF exists to be revoked on reset; VFIO_DEVICE_RESET resets the VF
 * (FLR), the config space and the vGPU through its plugin.
 * Interrupts are in nvgsp_mdev_irq.c. Documentation/vgpu-mdev.rst.
 *
 * The same for every mdev generation: nvgsp_mdev_types.c calls in from the
 * generation's callbacks.
 */
#include <linux/iommu.h>
#include <linux/pci.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

#include "nvgsp_compat.h"
#include "nvgsp_compat_unaligned.h"
#include "nvgsp_mdev.h"
#include "nvgsp_mdev_irq.h"
#include "nvgsp_vgpu_vf.h"

#if NVGSP_CAN_MDEV

void nvgsp_mdev_vgpu_init(struct nvgsp_mdev_vgpu *m, struct nvgsp_mdev_parent *p,
			  struct device *dev, u32 type_id)
{
	mutex_init(&m->lock);
	m->parent = p;
	m->dev = dev;
	m->type_id = type_id;
	m->msix_bar = -1;
}

void nvgsp_mdev_vgpu_fini(struct nvgsp_mdev_vgpu *m)
{
	mutex_destroy(&m->lock);
}

/*
 * A config write's or a reset's Bus Master change. The VF's bus mastering
 * carries the guest's DMA: on generation 1 through the VF's IOMMU domain,
 * which VFIO attached to the VM's container; on generation 3 into the
 * blocking domain of nvgsp_mdev_vgpu_open(). Under m->lock, with a vGPU.
 */
static void nvgsp_mdev_cfg_effects(struct nvgsp_mdev_vgpu *m, const struct nvgsp_vgpu_cfg_effect *eff)
{
	nvgsp_vgpu_vf_bme(m->parent->pdev, m->vgpu, eff);
}

/*
 * VFIO_DEVICE_RESET and a guest's Initiate FLR: the VF's function reset
 * (tried, never waited for: the VF's device lock may be held by an unbind
 * that waits for this user), the config space back to its initial state,
 * the vGPU reset by its plugin. Interrupts stay as the VMM set them, as
 * vfio-pci leaves them. Under m->lock, with a vGPU.
 */
static int nvgsp_mdev_reset_locked(struct nvgsp_mdev_vgpu *m)
{
	struct nvgsp_vgpu_cfg_effect eff;
	int ret;

	ret = pci_try_reset_function(m->parent->pdev);
	if (ret) {
		dev_err_ratelimited(m->dev, "vGPU: the VF's function reset failed: %d\n", ret);
		return ret;
	}
	nvgsp_vgpu_cfgspace_reset(&m->cfg, &eff);
	nvgsp_mdev_cfg_effects(m, &eff);
	ret = nvgsp_vgpu_reset(m->vgpu);
	if (ret)
		dev_err_ratelimited(m->dev, "vGPU: the plugin's RESET failed: %d\n", ret);
	return ret;
}

static void nvgsp_mdev_unmap_bars(struct nvgsp_mdev_vgpu *m)
{
	unsigned int i;

	for (i = 0; i < NVGSP_VGPU_CFG_BARS; i++) {
		if (m->bar[i])
			pci_iounmap(m->parent->pdev, m->bar[i]);
		m->bar[i] = NULL;
	}
}

/* The VF's BARs, each up to the guest's size of it; the MSI-X table's place. */
static int nvgsp_mdev_map_bars(struct nvgsp_mdev_vgpu *m)
{
	struct pci_dev *pdev = m->parent->pdev;
	unsigned int i;
	u32 table;

	for (i = 0; i < NVGSP_VGPU_CFG_BARS; i++) {
		int bar = nvgsp_vgpu_vf_bars[i];
		u64 len = m->regions.size[bar];

		if (!len)
			continue;
		m->bar[i] = pci_iomap(pdev, bar, len);
		if (!m->bar[i]) {
			dev_err(m->dev, "vGPU: cannot map %llu bytes of the VF's BAR%d\n", len, bar);
			nvgsp_mdev_unmap_bars(m);
			return -ENOMEM;
		}
	}
	m->msix_bar = -1;
	if (pdev->msix_cap && m->nr_msix) {
		pci_read_config_dword(pdev, pdev->msix_cap + PCI_MSIX_TABLE, &table);
		m->msix_bar = table & PCI_MSIX_TABLE_BIR;
		m->msix_start = table & PCI_MSIX_TABLE_OFFSET;
		m->msix_end = m->msix_start + (u64)m->nr_msix * PCI_MSIX_ENTRY_SIZE;
	}
	return 0;
}

#if NVGSP_CAN_MDEV == 1
/*
 * Generation 1: VFIO's type1 IOMMU driver attached the VF to the VM's
 * container domain (an unmanaged one) when the VMM added the mdev's group,
 * if it could find the hook: it looks mdev_get_iommu_device() up with
 * symbol_get(), and kernels with commit 9011e49d54dc ("modules: only allow
 * symbol_get of EXPORT_SYMBOL_GPL modules", 6.6, backported to 5.10.y)
 * refuse that plain export ("failing symbol_get of non-GPLONLY symbol
 * mdev_get_iommu_device"), so type1 then treats the mdev as one without an
 * IOMMU and the VF stays in its default domain, which may map all of host
 * memory (iommu=pt). Then the VF goes to an empty domain of its own: its
 * DMA reaches nothing, and the open says so.
 */
static int nvgsp_mdev_dma_check(struct nvgsp_mdev_vgpu *m)
{
	struct device *vf = &m->parent->pdev->dev;
	struct iommu_domain *dom = iommu_get_domain_for_dev(vf);
	int ret;

	if (dom && dom->type == IOMMU_DOMAIN_UNMANAGED)
		return 0;	/* the VM's domain: its DMA mappings reach the VF */
	m->blocking = iommu_domain_alloc(&pci_bus_type);
	if (!m->blocking) {
		dev_err(m->dev, "vGPU: the VF is not behind the VM's IOMMU domain and no empty domain could be made for it; refusing the open\n");
		return -ENODEV;
	}
	ret = iommu_attach_device(m->blocking, vf);
	if (ret) {
		dev_err(m->dev, "vGPU: the VF is not behind the VM's IOMMU domain and cannot be put in an empty one (%d); refusing the open\n",
			ret);
		iommu_domain_free(m->blocking);
		m->blocking = NULL;
		return ret;
	}
	dev_info_ratelimited(vf,
			     "vGPU mdev %s: VFIO did not put the VF behind the VM's IOMMU domain (this kernel refuses vfio_iommu_type1 the mdev IOMMU hook), so the VF's DMA is blocked: the vGPU cannot DMA into guest memory\n",
			     dev_name(m->dev));
	return 0;
}

#endif

/* The VF's DMA back to the kernel, as nvgsp_mdev_vgpu_open() took it. */
static void nvgsp_mdev_dma_release(struct nvgsp_mdev_vgpu *m)
{
#if NVGSP_CAN_MDEV == 3
	if (m->group) {
		iommu_group_release_dma_owner(m->group);
		iommu_group_put(m->group);
	}
	m->group = NULL;
#else
	if (m->blocking) {
		iommu_detach_device(m->blocking, &m->parent->pdev->dev);
		iommu_domain_free(m->blocking);
	}
	m->blocking = NULL;
#endif
}

int nvgsp_mdev_vgpu_open(struct nvgsp_mdev_vgpu *m)
{
	struct nvgsp_mdev_parent *p = m->parent;
	struct pci_dev *pdev = p->pdev;
	const struct nvgsp_fw_vgpu_type *type = nvgsp_vgpu_mgr_find_type(p->mgr, m->type_id);
	struct nvgsp_vgpu_params vp = { .vf = p->vf, .type_id = m->type_id };
	unsigned int i;
	int ret, n;

	if (!type)
		return -ENODEV;
	mutex_lock(&m->lock);
#if NVGSP_CAN_MDEV == 3
	/*
	 * No kernel API since 5.16 puts an mdev behind its VF's IOMMU, so the
	 * VM's DMA mappings never reach the VF: take the VF's DMA from the
	 * kernel (the group goes to a blocking domain) so that the guest can
	 * make the VF reach nothing at all. Without an IOMMU nothing could
	 * contain it: refuse.
	 */
	m->group = iommu_group_get(&pdev->dev);
	if (!m->group) {
		dev_err(m->dev,
			"vGPU: the VF %s has no IOMMU group, so nothing could keep its DMA inside a VM; refusing to hand it to one\n",
			pci_name(pdev));
		ret = -ENODEV;
		goto unlock;
	}
	ret = iommu_group_claim_dma_owner(m->group, m);
	if (ret) {
		dev_err(m->dev,
			"vGPU: cannot take the VF %s's DMA from the kernel (%d): another device of its IOMMU group is in use\n",
			pci_name(pdev), ret);
		iommu_group_put(m->group);
		m->group = NULL;
		goto unlock;
	}
	dev_info_ratelimited(&pdev->dev,
			     "vGPU mdev %s: on this kernel an mdev vGPU cannot DMA into guest memory (the VF's DMA is blocked); nvgsp-vfio-pci gives a VM the whole vGPU\n",
			     dev_name(m->dev));
#else
	ret = nvgsp_mdev_dma_check(m);
	if (ret)
		goto unlock;
#endif
	ret = pci_enable_device(pdev);
	if (ret) {
		dev_err(m->dev, "vGPU: cannot enable the VF: %d\n", ret);
		goto release;
	}
	ret = pci_try_reset_function(pdev);
	if (ret) {
		dev_err(m->dev, "vGPU: cannot reset the VF before handing it to a VM: %d\n", ret);
		goto disable;
	}
	ret = nvgsp_vgpu_vf_cfg_build(pdev, type, &m->cfg);
	if (ret)
		goto disable;
	nvgsp_vgpu_regions_init(&m->regions, &m->cfg);
	/* Every BAR access is trapped: no mmap. */
	for (i = 0; i < NVGSP_VGPU_NR_REGIONS; i++)
		m->regions.flags[i] &= ~NVGSP_VGPU_REGION_MMAP;
	n = pci_msix_vec_count(pdev);
	m->nr_msix = n > 0 ? n : 0;
	ret = nvgsp_mdev_map_bars(m);
	if (ret)
		goto regions;
	vp.vm_pid = task_tgid_nr(current);
	nvgsp_mdev_uuid(m, vp.uuid);
	ret = nvgsp_vgpu_create(p->mgr, &vp, &m->vgpu);
	if (ret) {
		pci_err(pdev, "vGPU type %u (%s): cannot create the vGPU: %d\n", type->id,
			type->name, ret);
		goto unmap;
	}
	pci_info(pdev, "vGPU type %u (%s) created for process %u (GFID %u)\n", type->id, type->name,
		 vp.vm_pid, nvgsp_vgpu_gfid(m->vgpu));
	mutex_unlock(&m->lock);
	return 0;

unmap:
	nvgsp_mdev_unmap_bars(m);
regions:
	memset(&m->regions, 0, sizeof(m->regions));
disable:
	pci_disable_device(pdev);
release:
	nvgsp_mdev_dma_release(m);
unlock:
	mutex_unlock(&m->lock);
	return ret;
}

void nvgsp_mdev_vgpu_close(struct nvgsp_mdev_vgpu *m)
{
	struct pci_dev *pdev = m->parent->pdev;

	mutex_lock(&m->lock);
	nvgsp_mdev_irq_disable_all(m);
	pci_clear_master(pdev);
	nvgsp_vgpu_destroy(m->vgpu);
	m->vgpu = NULL;
	nvgsp_mdev_unmap_bars(m);
	memset(&m->regions, 0, sizeof(m->regions));
	m->nr_msix = 0;
	m->msix_bar = -1;
	pci_disable_device(pdev);
	nvgsp_mdev_dma_release(m);
	mutex_unlock(&m->lock);
	pci_info(pdev, "vGPU destroyed\n");
}

/* A config write's effects; an Initiate FLR resets as VFIO_DEVICE_RESET does. */
static int nvgsp_mdev_cfg_apply(void *ctx, const struct nvgsp_vgpu_cfg_effect *eff)
{
	struct nvgsp_mdev_vgpu *m = ctx;

	nvgsp_mdev_cfg_effects(m, eff);
	return eff->flr ? nvgsp_mdev_reset_locked(m) : 0;
}

/* Whether [off, off + size) touches the VF's MSI-X table. */
static bool nvgsp_mdev_in_msix(const struct nvgsp_mdev_vgpu *m, int bar, u64 off, u64 size)
{
	return bar == m->msix_bar && off < m->msix_end && off + size > m->msix_start;
}

/* One naturally aligned piece of 1, 2 or 4 bytes; @buf little-endian. */
static void nvgsp_mdev_bar_io(void __iomem *addr, u32 size, u8 *buf, bool write)
{
	if (write) {
		if (size == 4)
			iowrite32(get_unaligned_le32(buf), addr);
		else if (size == 2)
			iowrite16(get_unaligned_le16(buf), addr);
		else
			iowrite8(buf[0], addr);
	} else {
		if (size == 4)
			put_unaligned_le32(ioread32(addr), buf);
		else if (size == 2)
			put_unaligned_le16(ioread16(addr), buf);
		else
			buf[0] = ioread8(addr);
	}
}

/*
 * One VMM access to a BAR, already checked against the guest's size of it,
 * in naturally aligned pieces of 4, 2 or 1 bytes. The MSI-X table reads all
 * ones and ignores writes, byte by byte. Under m->lock.
 */
static ssize_t nvgsp_mdev_bar_rw(struct nvgsp_mdev_vgpu *m, unsigned int slot, char __user *rbuf,
				 const char __user *wbuf, size_t count, u64 pos)
{
	void __iomem *base = m->bar[slot];
	int bar = nvgsp_vgpu_vf_bars[slot];
	size_t done = 0;

	if (!base)
		return -EINVAL;
	while (done < count) {
		u64 off = pos + done;
		u8 buf[4] = { 0xff, 0xff, 0xff, 0xff };
		u32 size = 4;
		bool table;

		while (size > 1 && (off % size || count - done < size))
			size /= 2;
		if (nvgsp_mdev_in_msix(m, bar, off, size))
			size = 1;
		table = nvgsp_mdev_in_msix(m, bar, off, size);
		if (wbuf) {
			if (copy_from_user(buf, wbuf + done, size))
				break;
			if (!table)
				nvgsp_mdev_bar_io(base + off, size, buf, true);
		} else {
			if (!table)
				nvgsp_mdev_bar_io(base + off, size, buf, false);
			if (copy_to_user(rbuf + done, buf, size))
				break;
		}
		done += size;
	}
	return done ? done : -EFAULT;
}

ssize_t nvgsp_mdev_vgpu_rw(struct nvgsp_mdev_vgpu *m, char __user *rbuf, const char __user *wbuf,
			   size_t count, loff_t *ppos)
{
	unsigned int slot;
	ssize_t ret;
	u32 index;
	u64 pos;

	if (*ppos < 0)
		return -EINVAL;
	index = NVGSP_MDEV_OFFSET_TO_INDEX(*ppos);
	pos = *ppos & NVGSP_MDEV_OFFSET_MASK;
	mutex_lock(&m->lock);
	if (!m->vgpu || nvgsp_vgpu_region_access(&m->regions, index, pos, count, wbuf != NULL)) {
		ret = -EINVAL;
	} else if (index == NVGSP_VGPU_REGION_CONFIG) {
		ret = nvgsp_vgpu_vf_cfg_rw(&m->cfg, rbuf, wbuf, count, pos, nvgsp_mdev_cfg_apply, m);
	} else {
		for (slot = 0; slot < NVGSP_VGPU_CFG_BARS; slot++)
			if (nvgsp_vgpu_vf_bars[slot] == index)
				break;
		ret = slot < NVGSP_VGPU_CFG_BARS ?
		      nvgsp_mdev_bar_rw(m, slot, rbuf, wbuf, count, pos) : -EINVAL;
	}
	mutex_unlock(&m->lock);
	if (ret > 0)
		*ppos += ret;
	return ret;
}

static long nvgsp_mdev_ioctl_info(unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_device_info, num_irqs);
	struct vfio_device_info info;

	if (copy_from_user(&info, (void __user *)arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz)
		return -EINVAL;
	info.flags = VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_RESET;
	info.num_regions = VFIO_PCI_NUM_REGIONS;
	info.num_irqs = VFIO_PCI_NUM_IRQS;
	return copy_to_user((void __user *)arg, &info, minsz) ? -EFAULT : 0;
}

void nvgsp_mdev_vgpu_region_info(struct nvgsp_mdev_vgpu *m, struct vfio_region_info *info)
{
	u32 flags;

	mutex_lock(&m->lock);
	flags = m->regions.flags[info->index];
	info->size = m->regions.size[info->index];
	mutex_unlock(&m->lock);
	info->offset = NVGSP_MDEV_INDEX_TO_OFFSET(info->index);
	info->flags = 0;
	if (flags & NVGSP_VGPU_REGION_READ)
		info->flags |= VFIO_REGION_INFO_FLAG_READ;
	if (flags & NVGSP_VGPU_REGION_WRITE)
		info->flags |= VFIO_REGION_INFO_FLAG_WRITE;
}

#ifndef NVGSP_HAVE_VFIO_DEVICE_OPS_GET_REGION_INFO_CAPS
static long nvgsp_mdev_ioctl_region_info(struct nvgsp_mdev_vgpu *m, unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_region_info, offset);
	struct vfio_region_info info;

	if (copy_from_user(&info, (void __user *)arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz || info.index >= VFIO_PCI_NUM_REGIONS)
		return -EINVAL;
	nvgsp_mdev_vgpu_region_info(m, &info);
	info.cap_offset = 0;
	return copy_to_user((void __user *)arg, &info, minsz) ? -EFAULT : 0;
}
#endif

long nvgsp_mdev_vgpu_ioctl(struct nvgsp_mdev_vgpu *m, unsigned int cmd, unsigned long arg)
{
	long ret;

	switch (cmd) {
	case VFIO_DEVICE_GET_INFO:
		return nvgsp_mdev_ioctl_info(arg);
#ifndef NVGSP_HAVE_VFIO_DEVICE_OPS_GET_REGION_INFO_CAPS
	/* Since 6.19 the VFIO core answers it through .get_region_info_caps. */
	case VFIO_DEVICE_GET_REGION_INFO:
		return nvgsp_mdev_ioctl_region_info(m, arg);
#endif
	case VFIO_DEVICE_GET_IRQ_INFO:
		return nvgsp_mdev_ioctl_irq_info(m, arg);
	case VFIO_DEVICE_SET_IRQS:
		return nvgsp_mdev_ioctl_set_irqs(m, arg);
	case VFIO_DEVICE_RESET:
		mutex_lock(&m->lock);
		ret = m->vgpu ? nvgsp_mdev_reset_locked(m) : -EINVAL;
		mutex_unlock(&m->lock);
		return ret;
	default:
		return -ENOTTY;
	}
}

#endif /* NVGSP_CAN_MDEV */
