// SPDX-License-Identifier: GPL-2.0-only
/*
 * struct pci_driver.driver_managed_dma: the driver does not use the kernel
 * DMA API for the device (the VFIO user programs its DMA), so binding it
 * does not set the device up for kernel DMA. VFIO PCI drivers set it.
 *
 * Added in Linux 5.19 by commit 512881eacfa7 ("bus: platform,amba,fsl-mc,PCI:
 * Add device DMA ownership management").
 */
#include <linux/pci.h>

struct pci_driver nvgsp_probe_driver = { .driver_managed_dma = true };
