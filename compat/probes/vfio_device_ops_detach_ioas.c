// SPDX-License-Identifier: GPL-2.0-only
/*
 * struct vfio_device_ops .detach_ioas, set by a physical device to
 * vfio_iommufd_physical_detach_ioas() (NULL without CONFIG_IOMMUFD).
 *
 * Added in Linux 6.6 by commit 9048c7341c4d ("vfio-iommufd: Add detach_ioas
 * support for physical VFIO devices"), with the VFIO device cdev. Without it
 * the attachment lasts until .unbind_iommufd.
 */
#include <linux/vfio.h>

struct vfio_device_ops nvgsp_probe_ops = {
	.detach_ioas = vfio_iommufd_physical_detach_ioas,
};
