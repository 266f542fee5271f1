// SPDX-License-Identifier: GPL-2.0-only
/*
 * iommu_device_claim_dma_owner(dev, owner) and iommu_device_release_dma_owner():
 * a driver that set pci_driver.driver_managed_dma takes its device's DMA
 * away from the kernel's DMA API; while claimed, the device's IOMMU group
 * is attached to a blocking domain until the owner attaches one of its own.
 *
 * Added in Linux 5.19 by commit 1ea2a07a532b ("iommu: Add DMA ownership
 * management interfaces").
 */
#include <linux/iommu.h>

int nvgsp_probe(struct device *dev, void *owner);
int nvgsp_probe(struct device *dev, void *owner)
{
	int ret = iommu_device_claim_dma_owner(dev, owner);

	if (!ret)
		iommu_device_release_dma_owner(dev);
	return ret;
}
