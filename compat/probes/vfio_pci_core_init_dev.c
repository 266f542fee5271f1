// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfio_pci_core_init_dev() and vfio_pci_core_release_dev(): a variant driver
 * allocates its device with vfio_alloc_device() and hands these to the
 * vfio_device_ops .init and .release callbacks.
 *
 * Added in Linux 6.1 by commit 63d7c77989de ("vfio/pci: Use the new device
 * life cycle helpers"), on top of vfio_alloc_device() (probe
 * vfio_alloc_device). Before it, a variant driver embedded the core device
 * and called vfio_pci_core_init_device() itself. vfio_alloc_device() and
 * struct vfio_device_ops are <linux/vfio.h>'s.
 */
#include <linux/vfio.h>
#include <linux/vfio_pci_core.h>

struct nvgsp_probe_vf {
	struct vfio_pci_core_device core;
};

static const struct vfio_device_ops nvgsp_probe_ops = {
	.init = vfio_pci_core_init_dev,
	.release = vfio_pci_core_release_dev,
};

struct vfio_pci_core_device *nvgsp_probe(struct device *dev);
struct vfio_pci_core_device *nvgsp_probe(struct device *dev)
{
	struct nvgsp_probe_vf *vf;

	vf = vfio_alloc_device(nvgsp_probe_vf, core.vdev, dev, &nvgsp_probe_ops);
	return IS_ERR(vf) ? NULL : &vf->core;
}
