// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_main.c - module entry points.
 */
#include <linux/module.h>

#include "nvgsp_compat.h"
#include "nvgsp_drv.h"

static int __init nvgsp_init(void)
{
	int ret;

	nvgsp_debugfs_init();
	ret = nvgsp_pci_register();
	if (ret)
		goto err_debugfs;
	ret = nvgsp_vfio_pci_register();
	if (ret)
		goto err_pci;
	ret = nvgsp_mdev_register();
	if (ret)
		goto err_vfio;
	return 0;

err_vfio:
	nvgsp_vfio_pci_unregister();
err_pci:
	nvgsp_pci_unregister();
err_debugfs:
	nvgsp_debugfs_exit();
	return ret;
}

static void __exit nvgsp_exit(void)
{
	/* The VFs' drivers go first: each waits for its VFIO users to release them. */
	nvgsp_mdev_unregister();
	nvgsp_vfio_pci_unregister();
	nvgsp_pci_unregister();
	nvgsp_debugfs_exit();
}

module_init(nvgsp_init);
module_exit(nvgsp_exit);

MODULE_DESCRIPTION("Driver for NVIDIA GPUs running GSP-RM firmware (Turing to Blackwell)");
MODULE_LICENSE("GPL");
MODULE_VERSION(NVGSP_VERSION);
