// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_pci.c - the PCI driver: bind NVIDIA display functions, identify the
 * chip, refuse what nvgsp does not drive.
 *
 * Every refusal is one dmesg line that names the PCI address (the dev_err
 * prefix), the raw identification registers and the reason, and returns
 * -ENODEV so the driver core moves on.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "nvgsp_compat.h"
#include "nvgsp_compat_vfio.h"
#include "nvgsp_drv.h"
#include "chip/regs/nvgsp_regs_pmc.h"
#include "vgpu/nvgsp_sriov.h"

#define PCI_VENDOR_ID_NVIDIA_GPU	0x10de

static const struct pci_device_id nvgsp_pci_ids[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_NVIDIA_GPU, PCI_ANY_ID),
	  .class = PCI_CLASS_DISPLAY_VGA << 8, .class_mask = 0xffff00 },
	{ PCI_DEVICE(PCI_VENDOR_ID_NVIDIA_GPU, PCI_ANY_ID),
	  .class = PCI_CLASS_DISPLAY_3D << 8, .class_mask = 0xffff00 },
	{ }
};
MODULE_DEVICE_TABLE(pci, nvgsp_pci_ids);

static int nvgsp_pci_probe(struct pci_dev *pdev, const struct pci_device_id *ent)
{
	char why[NVGSP_CHIP_WHY_LEN], rev[4];
	struct nvgsp_device *nd;
	int ret;

	if (pdev->is_virtfn) {
		/*
		 * VFs belong to guests, through VFIO (nvgsp-vfio-pci for a vGPU,
		 * where the kernel has it); the PF's driver manages them.
		 */
		dev_info(&pdev->dev,
			 "not binding SR-IOV virtual function %d of %s: nvgsp drives physical functions; assign VFs with %s\n",
			 pci_iov_vf_id(pdev), pci_name(pci_physfn(pdev)),
			 NVGSP_CAN_VFIO_VARIANT ? "nvgsp-vfio-pci (a vGPU) or vfio-pci" : "vfio-pci");
		return -ENODEV;
	}
	/* Only a GPU the administrator gave nvgsp (Documentation/ownership.rst). */
	ret = nvgsp_bind_pci_check(pdev);
	if (ret)
		return ret;
	if (!(pci_resource_flags(pdev, 0) & IORESOURCE_MEM)) {
		dev_err(&pdev->dev, "refusing device: BAR0 %pR is not a memory BAR\n",
			&pdev->resource[0]);
		return -ENODEV;
	}

	nd = kzalloc(sizeof(*nd), GFP_KERNEL);
	if (!nd)
		return -ENOMEM;
	nd->pdev = pdev;
	nd->osdev.dev = &pdev->dev;
	nvgsp_pm_init(nd);

	ret = pci_enable_device_mem(pdev);
	if (ret) {
		dev_err(&pdev->dev, "cannot enable the device: %d\n", ret);
		goto err_free;
	}
	/*
	 * The config space a PCIe error's slot_reset restores after the
	 * link's reset (Documentation/pm.rst, "PCIe errors"): kernels without
	 * the PCI core's own save at enumeration have nothing else to restore.
	 */
	pci_save_state(pdev);
	ret = pci_request_region(pdev, 0, "nvgsp");
	if (ret) {
		dev_err(&pdev->dev, "BAR0 %pR is claimed by another driver (see /proc/iomem): %d\n",
			&pdev->resource[0], ret);
		goto err_disable;
	}
	nd->bar0.size = min_t(u64, pci_resource_len(pdev, 0), NV_BAR0_SIZE);
	nd->bar0.base = pci_iomap(pdev, 0, nd->bar0.size);
	if (!nd->bar0.base) {
		dev_err(&pdev->dev, "cannot map BAR0 %pR\n", &pdev->resource[0]);
		ret = -ENOMEM;
		goto err_release;
	}
	snprintf(nd->bar0.name, sizeof(nd->bar0.name), "%s BAR0", pci_name(pdev));

	nvgsp_os_log(&nd->osdev, NVGSP_LOG_DEBUG, NVGSP_DBG_PCI, "BAR0 %pR, %llu bytes mapped",
		     &pdev->resource[0], nd->bar0.size);

	ret = nvgsp_chip_identify(&nd->bar0, &nd->osdev, &nd->chip, why, sizeof(why));
	if (ret) {
		dev_err(&pdev->dev, "refusing device: %s\n", why);
		goto err_unmap;
	}

	nvgsp_chip_revision(&nd->chip, rev, sizeof(rev));
	dev_info(&pdev->dev, "%s (%s, chipset 0x%03x, revision %s): firmware family %s, boots via %s\n",
		 nd->chip.info->name, nvgsp_chip_family_name(nd->chip.info->family),
		 nd->chip.chipset, rev, nd->chip.info->sig_family,
		 nvgsp_chip_boot_path_name(nd->chip.info->boot_path));

	ret = nvgsp_firmware_identify(nd);
	if (ret)
		goto err_unmap;
	ret = nvgsp_boot_start(nd);
	if (ret)
		goto err_firmware;
	pci_set_drvdata(pdev, nd);
	return 0;

err_firmware:
	nvgsp_firmware_release(nd);
err_unmap:
	pci_iounmap(pdev, nd->bar0.base);
err_release:
	pci_release_region(pdev, 0);
err_disable:
	pci_disable_device(pdev);
err_free:
	kfree(nd);
	return ret;
}

static void nvgsp_pci_remove(struct pci_dev *pdev)
{
	struct nvgsp_device *nd = pci_get_drvdata(pdev);

	nvgsp_os_log(&nd->osdev, NVGSP_LOG_DEBUG, NVGSP_DBG_PCI, "unbinding %s",
		     nd->chip.info->name);
	/* The VFs go before the GSP-RM that serves them (Documentation/sriov.rst). */
	nvgsp_sriov_remove(&nd->osdev);
	nvgsp_boot_stop(nd);
	nvgsp_firmware_release(nd);
	pci_set_drvdata(pdev, NULL);
	pci_iounmap(pdev, nd->bar0.base);
	pci_release_region(pdev, 0);
	pci_disable_device(pdev);
	kfree(nd);
}

/*
 * echo N > sriov_numvfs (Documentation/sriov.rst). The PCI core calls this
 * only while nvgsp is bound, under the PF's device lock, which probe and
 * remove hold too: nd is set and stays until remove, and calls are
 * serialised with each other and with remove. nd->gsp is read without a
 * lock: it changes only in probe and remove.
 */
static int nvgsp_pci_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct nvgsp_device *nd = pci_get_drvdata(pdev);
	struct nvgsp_sriov_gsp gsp;
	struct pci_dev *vf;
	int ret, i, n;

	if (!nd)
		return -ENODEV;
	nvgsp_sriov_gsp_read(nd->gsp, &gsp);
	n = pci_num_vf(pdev);
	ret = nvgsp_sriov_configure(&nd->osdev, nd->chip.info, pci_sriov_get_totalvfs(pdev),
				    &gsp, num_vfs);
	/*
	 * Disabling was refused because a VF is in use: ask the VFIO user of
	 * each VF that nvgsp-vfio-pci drives, and of each mdev on a VF that
	 * nvgsp-mdev drives, to release it (its VMM unplugs
	 * the device from the guest and closes it). The write stays refused;
	 * the administrator writes 0 again once the users have let go. Nothing
	 * here waits for a user, and no process is killed.
	 */
	if (ret == -EBUSY && num_vfs == 0) {
		for (i = 0; i < n; i++) {
			vf = nvgsp_compat_pci_get_vf(pdev, i);
			if (!vf)
				continue;
			if (pci_is_enabled(vf)) {
				nvgsp_vfio_pci_request_release(vf);
				nvgsp_mdev_request_release(vf);
			}
			pci_dev_put(vf);
		}
	}
	return ret;
}

static struct pci_driver nvgsp_pci_driver = {
	.name = "nvgsp",
	.id_table = nvgsp_pci_ids,
	.probe = nvgsp_pci_probe,
	.remove = nvgsp_pci_remove,
	.sriov_configure = nvgsp_pci_sriov_configure,
	/* Suspend, shutdown, PCIe errors: nvgsp_pm.c, Documentation/pm.rst. */
	.shutdown = nvgsp_pm_shutdown,
	.err_handler = &nvgsp_pm_err_handlers,
	.driver.pm = &nvgsp_pm_ops,
	/* GSP boot takes seconds per GPU: let several GPUs boot at once. */
	.driver.probe_type = PROBE_PREFER_ASYNCHRONOUS,
};

bool nvgsp_pci_bound(struct pci_dev *pdev)
{
	return pdev->dev.driver == &nvgsp_pci_driver.driver;
}

struct nvgsp_device *nvgsp_pci_pf_drvdata(struct pci_dev *vf)
{
#ifdef NVGSP_HAVE_PCI_IOV_GET_PF_DRVDATA
	return pci_iov_get_pf_drvdata(vf, &nvgsp_pci_driver);
#else
	/* What pci_iov_get_pf_drvdata() (Linux 5.18) does. */
	if (!vf->is_virtfn)
		return ERR_PTR(-EINVAL);
	if (pci_physfn(vf)->dev.driver != &nvgsp_pci_driver.driver)
		return ERR_PTR(-EINVAL);
	return pci_get_drvdata(pci_physfn(vf));
#endif
}

/*
 * A probe never runs for a device that another driver (nouveau, nova_core,
 * nvidia, vfio-pci, ...) already owns, so say once, at load, which GPUs nvgsp
 * leaves alone and why. This runs before pci_register_driver(): nvgsp owns no
 * device yet, so every driver seen here is another one, and device_lock() never
 * waits for nvgsp's own (asynchronous, seconds-long) probes. Registering never
 * takes a device from its driver, so the set is the same as after it.
 * dev->driver is read under device_lock(): the driver core binds and unbinds
 * under it, so the driver (and its name) cannot go away while we print it.
 */
static void nvgsp_pci_report_foreign(void)
{
	struct pci_dev *pdev = NULL;
	struct device_driver *drv;

	/* pci_get_device() drops the reference on the previous device. */
	while ((pdev = pci_get_device(PCI_VENDOR_ID_NVIDIA_GPU, PCI_ANY_ID, pdev))) {
		if (pdev->is_virtfn || !pci_match_id(nvgsp_pci_ids, pdev))
			continue;
		device_lock(&pdev->dev);
		drv = pdev->dev.driver;
		/* Not dev_info(): its prefix would be the other driver's name. */
		if (drv)
			pr_info("nvgsp %s: bound to %s; nvgsp leaves it alone (unbind it or use driver_override: see the nvgsp README)\n",
				pci_name(pdev), drv->name);
		device_unlock(&pdev->dev);
	}
}

int nvgsp_pci_register(void)
{
	int ret;

	nvgsp_compat_pci_driver_set_dev_groups(&nvgsp_pci_driver, nvgsp_sysfs_groups);
	nvgsp_pci_report_foreign();
	ret = nvgsp_pm_register();
	if (ret)
		return ret;
	ret = pci_register_driver(&nvgsp_pci_driver);
	if (ret)
		nvgsp_pm_unregister();
	return ret;
}

void nvgsp_pci_unregister(void)
{
	pci_unregister_driver(&nvgsp_pci_driver);
	/* After: an unbind still queued finds nvgsp gone and does nothing. */
	nvgsp_pm_unregister();
}
