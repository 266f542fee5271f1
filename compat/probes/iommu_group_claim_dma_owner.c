// SPDX-License-Identifier: GPL-2.0-only
/*
 * iommu_group_claim_dma_owner(group, owner) and
 * iommu_group_release_dma_owner(): a driver that set
 * pci_driver.driver_managed_dma takes its device's IOMMU group away from the
 * kernel's DMA API; while claimed, the group is attached to a blocking
 * domain until the owner attaches one of its own.
 *
 * Added in Linux 5.19 by commit 1ea2a07a532b ("iommu: Add DMA ownership
 * management interfaces"). The per-device form, iommu_device_claim_dma_owner(),
 * came later than 6.1 (Debian's 6.1 has only the group form), so nvgsp uses
 * the group form everywhere.
 */
#include <linux/iommu.h>

int nvgsp_probe(struct iommu_group *group, void *owner);
int nvgsp_probe(struct iommu_group *group, void *owner)
{
	int ret = iommu_group_claim_dma_owner(group, owner);

	if (!ret)
		iommu_group_release_dma_owner(group);
	return ret;
}
