// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_mdev_pci.c - nvgsp-mdev, the PCI driver that makes a vGPU VF an
 * mdev parent: a VF of a PF that nvgsp drives, bound through
 * driver_override, offers the PF's vGPU types as mdev types
 * (nvgsp_mdev_types.c); its one mdev is a VFIO device
 * (nvgsp_mdev_dev.c). Documentation/vgpu-mdev.rst.
 *
 * The VF's BARs are the driver's (pci_request_regions()): only the host
 * touches them, on the VMM's behalf. The VF is enabled only while its mdev
 * is open, as vfio-pci enables a device only while a user has it, so that
 * the PF sees an enabled VF as one in use (src/os/nvgsp_os_linux.c). On kernels where the mdev is behind
 * the VF's IOMMU (generation 1) VFIO attaches the VF to the VM's domain;
 * elsewhere the driver manages the VF's DMA itself (driver_managed_dma) and
 * blocks it while the mdev is open.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "nvgsp_compat.h"
#include "nvgsp_mdev.h"
#include "nvgsp_vgpu_vf.h"

#if NVGSP_CAN_MDEV

static struct pci_driver nvgsp_mdev_pci_driver;

static int nvgsp_mdev_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct nvgsp_mdev_parent *p;
	struct nvgsp_vgpu_mgr *mgr;
	u16 vf;
	int ret;

	ret = nvgsp_vgpu_vf_lookup(pdev, "nvgsp-mdev", &mgr, &vf);
	if (ret)
		return ret;
	if (!nvgsp_vgpu_mgr_nr_types(mgr)) {
		pci_info(pdev, "the PF %s offers no vGPU type (it has no type catalogue: see its \"vGPU:\" lines)\n",
			 pci_name(pci_physfn(pdev)));
		return -ENODEV;
	}

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	mutex_init(&p->lock);
	p->pdev = pdev;
	p->mgr = mgr;
	p->vf = vf;
	p->nr_types = nvgsp_vgpu_mgr_nr_types(mgr);
	ret = pci_request_regions(pdev, "nvgsp-mdev");
	if (ret) {
		pci_err(pdev, "nvgsp-mdev: the VF's BARs are taken: %d\n", ret);
		goto free;
	}
	pci_set_drvdata(pdev, p);
	ret = nvgsp_mdev_parent_register(p);
	if (ret) {
		pci_err(pdev, "nvgsp-mdev: cannot register the mdev parent: %d\n", ret);
		goto release;
	}
	pci_info(pdev, "vGPU VF %u of %s: mdev parent ready (%u types)\n", vf,
		 pci_name(pci_physfn(pdev)), p->nr_types);
	return 0;

release:
	pci_set_drvdata(pdev, NULL);
	pci_release_regions(pdev);
free:
	mutex_destroy(&p->lock);
	kfree(p);
	return ret;
}

static void nvgsp_mdev_pci_remove(struct pci_dev *pdev)
{
	struct nvgsp_mdev_parent *p = pci_get_drvdata(pdev);

	nvgsp_mdev_parent_unregister(p);
	pci_set_drvdata(pdev, NULL);
	pci_release_regions(pdev);
	mutex_destroy(&p->lock);
	kfree(p);
}

/*
 * No ID: the driver core matches a driver to a device whose driver_override
 * names it even when its ID table is empty, and never otherwise. Making a
 * VF an mdev parent is the administrator's choice (driverctl, or
 * echo nvgsp-mdev > driver_override).
 */
static const struct pci_device_id nvgsp_mdev_pci_ids[] = {
	{ }
};

static struct pci_driver nvgsp_mdev_pci_driver = {
	.name = "nvgsp-mdev",
	.id_table = nvgsp_mdev_pci_ids,
	.probe = nvgsp_mdev_pci_probe,
	.remove = nvgsp_mdev_pci_remove,
#if NVGSP_CAN_MDEV == 3
	.driver_managed_dma = true,
#endif
};

void nvgsp_mdev_request_release(struct pci_dev *vf)
{
	struct nvgsp_mdev_parent *p;

	/* The caller holds the PF's device lock: parent before child. */
	device_lock(&vf->dev);
	if (vf->dev.driver == &nvgsp_mdev_pci_driver.driver) {
		p = pci_get_drvdata(vf);
		mutex_lock(&p->lock);
		if (p->mdev)
			nvgsp_mdev_vgpu_request(p->mdev, 0);
		mutex_unlock(&p->lock);
	}
	device_unlock(&vf->dev);
}

int nvgsp_mdev_register(void)
{
	int ret;

	ret = nvgsp_mdev_driver_register();
	if (ret)
		return ret;
	ret = pci_register_driver(&nvgsp_mdev_pci_driver);
	if (ret)
		nvgsp_mdev_driver_unregister();
	return ret;
}

void nvgsp_mdev_unregister(void)
{
	pci_unregister_driver(&nvgsp_mdev_pci_driver);
	nvgsp_mdev_driver_unregister();
}

#else /* !NVGSP_CAN_MDEV */

void nvgsp_mdev_request_release(struct pci_dev *vf)
{
}

int nvgsp_mdev_register(void)
{
	return 0;
}

void nvgsp_mdev_unregister(void)
{
}

#endif /* NVGSP_CAN_MDEV */
