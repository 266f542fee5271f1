// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vgpu_vf.c - the guest's config space of a vGPU VF, shared by the
 * VFIO variant driver and the mdev front end (nvgsp_vgpu_vf.h).
 */
#include <linux/pci.h>
#include <linux/ratelimit.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "nvgsp_compat.h"
#include "nvgsp_vgpu_vf.h"

#if NVGSP_CAN_VFIO_VARIANT || NVGSP_CAN_MDEV

const int nvgsp_vgpu_vf_bars[NVGSP_VGPU_CFG_BARS] = { 0, 1, 3 };

int nvgsp_vgpu_vf_lookup(struct pci_dev *pdev, const char *drv, struct nvgsp_vgpu_mgr **mgr,
			 u16 *vf)
{
	struct nvgsp_device *nd;
	int index;

	if (!pdev->is_virtfn) {
		pci_info(pdev, "%s: not an SR-IOV virtual function; nvgsp drives physical functions\n",
			 drv);
		return -ENODEV;
	}
	nd = nvgsp_pci_pf_drvdata(pdev);
	if (IS_ERR_OR_NULL(nd)) {
		pci_info(pdev, "%s: the PF %s is not driven by nvgsp\n", drv,
			 pci_name(pci_physfn(pdev)));
		return -ENODEV;
	}
	if (!nd->vgpu_mgr) {
		pci_info(pdev, "%s: the PF %s has no vGPU manager (see its \"vGPU:\" lines)\n", drv,
			 pci_name(nd->pdev));
		return -ENODEV;
	}
	index = pci_iov_vf_id(pdev);
	if (index < 0 || index >= nvgsp_vgpu_mgr_vfs(nd->vgpu_mgr)) {
		pci_info(pdev, "%s: VF index %d is outside the %u VFs the vGPU manager serves\n", drv,
			 index, nvgsp_vgpu_mgr_vfs(nd->vgpu_mgr));
		return -ENODEV;
	}
	*mgr = nd->vgpu_mgr;
	*vf = index;
	return 0;
}

void nvgsp_vgpu_vf_bme(struct pci_dev *pdev, struct nvgsp_vgpu *vgpu,
		       const struct nvgsp_vgpu_cfg_effect *eff)
{
	int ret;

	if (!eff->bme_changed)
		return;
	if (eff->bme)
		pci_set_master(pdev);
	else
		pci_clear_master(pdev);
	ret = nvgsp_vgpu_set_bme(vgpu, eff->bme);
	if (ret)
		dev_warn_ratelimited(&pdev->dev, "vGPU: telling the plugin Bus Master %s failed: %d\n",
				     eff->bme ? "on" : "off", ret);
}

int nvgsp_vgpu_vf_cfg_build(struct pci_dev *pdev, const struct nvgsp_fw_vgpu_type *type,
			    struct nvgsp_vgpu_cfgspace *cs)
{
	u64 size[NVGSP_VGPU_CFG_BARS];
	unsigned int i;
	u32 val;
	u8 *cfg;
	int ret = 0;

	cfg = kzalloc(NVGSP_VGPU_CFG_STD_SIZE, GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	for (i = 0; i < NVGSP_VGPU_CFG_STD_SIZE; i += 4) {
		ret = pci_read_config_dword(pdev, i, &val);
		if (ret) {
			ret = pcibios_err_to_errno(ret);
			pci_err(pdev, "vGPU: cannot read config space at 0x%02x: %d\n", i, ret);
			goto out;
		}
		cfg[i] = val;
		cfg[i + 1] = val >> 8;
		cfg[i + 2] = val >> 16;
		cfg[i + 3] = val >> 24;
	}
	for (i = 0; i < NVGSP_VGPU_CFG_BARS; i++) {
		int bar = nvgsp_vgpu_vf_bars[i];
		unsigned long flags = pci_resource_flags(pdev, bar);
		u8 bits = 0;

		if (flags & IORESOURCE_IO)
			bits |= PCI_BASE_ADDRESS_SPACE_IO;
		if (flags & IORESOURCE_MEM_64)
			bits |= PCI_BASE_ADDRESS_MEM_TYPE_64;
		if (flags & IORESOURCE_PREFETCH)
			bits |= PCI_BASE_ADDRESS_MEM_PREFETCH;
		cfg[PCI_BASE_ADDRESS_0 + 4 * bar] = bits;
		size[i] = pci_resource_len(pdev, bar);
	}
	ret = nvgsp_vgpu_cfgspace_init(cs, cfg, NVGSP_VGPU_CFG_STD_SIZE, type, size);
	if (ret)
		pci_err(pdev,
			"vGPU type %u (%s): this VF's config space cannot carry it (%d): BAR0 %llu, BAR1 %llu, BAR3 %llu bytes; the type's BAR1 %llu MiB\n",
			type->id, type->name, ret, size[0], size[1], size[2], type->bar1_length);
out:
	kfree(cfg);
	return ret;
}

ssize_t nvgsp_vgpu_vf_cfg_rw(struct nvgsp_vgpu_cfgspace *cfg, char __user *rbuf,
			     const char __user *wbuf, size_t count, u64 pos,
			     nvgsp_vgpu_vf_cfg_apply_t apply, void *ctx)
{
	struct nvgsp_vgpu_cfg_effect eff;
	bool write = wbuf != NULL;
	size_t done = 0;
	int ret = 0;

	while (done < count) {
		u32 off = pos + done, size = 4;
		__le32 le = 0;
		u32 val;

		while (size > 1 && (off % size || count - done < size))
			size /= 2;
		if (write) {
			if (copy_from_user(&le, wbuf + done, size)) {
				ret = -EFAULT;
				break;
			}
			ret = nvgsp_vgpu_cfgspace_write(cfg, off, size, le32_to_cpu(le), &eff);
			if (!ret)
				ret = apply(ctx, &eff);
			if (ret)
				break;
		} else {
			ret = nvgsp_vgpu_cfgspace_read(cfg, off, size, &val);
			if (ret)
				break;
			le = cpu_to_le32(val);
			if (copy_to_user(rbuf + done, &le, size)) {
				ret = -EFAULT;
				break;
			}
		}
		done += size;
	}
	return done ? done : ret;
}

#endif /* NVGSP_CAN_VFIO_VARIANT || NVGSP_CAN_MDEV */
