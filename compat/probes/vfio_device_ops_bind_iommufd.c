// SPDX-License-Identifier: GPL-2.0-only
/*
 * struct vfio_device_ops .bind_iommufd, .unbind_iommufd and .attach_ioas: a
 * VFIO device usable through iommufd. A physical device sets them to the
 * vfio_iommufd_physical_*() helpers, which <linux/vfio.h> defines as NULL
 * when the kernel is built without CONFIG_IOMMUFD (Debian's 6.12 and 7.x).
 *
 * Added in Linux 6.2 by commit a4d1f91db502 ("vfio-iommufd: Support iommufd
 * for physical VFIO devices").
 */
#include <linux/vfio.h>

struct vfio_device_ops nvgsp_probe_ops = {
	.bind_iommufd = vfio_iommufd_physical_bind,
	.unbind_iommufd = vfio_iommufd_physical_unbind,
	.attach_ioas = vfio_iommufd_physical_attach_ioas,
};
