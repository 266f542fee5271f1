// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfio_register_emulated_iommu_dev(): register a vfio_device whose DMA the
 * driver mediates (an mdev), with no IOMMU group of its own to isolate it.
 *
 * Added in Linux 5.16 by commit c68ea0d00ad8 ("vfio: simplify iommu group
 * allocation for mediated devices"). Before it, the mdev core made an IOMMU
 * group for each mdev itself.
 */
#include <linux/vfio.h>

int nvgsp_probe(struct vfio_device *vdev);
int nvgsp_probe(struct vfio_device *vdev)
{
	_Static_assert(__builtin_types_compatible_p(typeof(&vfio_register_emulated_iommu_dev),
						    int (*)(struct vfio_device *)),
		       "vfio_register_emulated_iommu_dev(struct vfio_device *)");
	return vfio_register_emulated_iommu_dev(vdev);
}
