// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfio_alloc_device() and vfio_put_device(), with the vfio_device_ops .init
 * and .release callbacks: the VFIO core owns the device's life cycle.
 *
 * Added in Linux 6.1 by commit cb9ff3f3b84c ("vfio: Add helpers for unifying
 * vfio_device life cycle"). Before it, a driver allocated the structure
 * embedding its vfio_device and called vfio_init_group_dev() on it.
 */
#include <linux/vfio.h>

struct nvgsp_probe_dev {
	struct vfio_device vdev;
};

static int nvgsp_probe_init(struct vfio_device *vdev)
{
	return 0;
}

static void nvgsp_probe_release(struct vfio_device *vdev)
{
}

static const struct vfio_device_ops nvgsp_probe_ops = {
	.init = nvgsp_probe_init,
	.release = nvgsp_probe_release,
};

void nvgsp_probe(struct device *dev);
void nvgsp_probe(struct device *dev)
{
	struct nvgsp_probe_dev *p;

	p = vfio_alloc_device(nvgsp_probe_dev, vdev, dev, &nvgsp_probe_ops);
	if (!IS_ERR(p))
		vfio_put_device(&p->vdev);
}
