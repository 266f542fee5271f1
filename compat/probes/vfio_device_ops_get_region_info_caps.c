// SPDX-License-Identifier: GPL-2.0-only
/*
 * struct vfio_device_ops .get_region_info_caps, and vfio_pci_core's
 * vfio_pci_ioctl_get_region_info() to fill it.
 *
 * Added in Linux 6.19 by the series "vfio: Provide a get_region_info op"
 * (Jason Gunthorpe, 2025): the VFIO core answers VFIO_DEVICE_GET_REGION_INFO
 * itself through this op and no longer passes that ioctl to .ioctl; a
 * driver without the op gets -EINVAL for every region. Before it, the
 * driver's .ioctl answers VFIO_DEVICE_GET_REGION_INFO.
 */
#include <linux/vfio.h>
#include <linux/vfio_pci_core.h>

struct vfio_device_ops nvgsp_probe_ops = {
	.get_region_info_caps = vfio_pci_ioctl_get_region_info,
};
