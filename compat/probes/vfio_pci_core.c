// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfio_pci_core: the library a VFIO PCI variant driver is built on,
 * <linux/vfio_pci_core.h> with vfio_pci_core_register_device().
 *
 * Added in Linux 5.15 by commit 7fa005caa35e ("vfio/pci: Introduce
 * vfio_pci_core.ko"), which moved the header to include/linux/. Whether the
 * library is built is a configuration question (CONFIG_VFIO_PCI_CORE), which
 * compat/nvgsp_compat_vfio.h asks separately. <linux/vfio.h> is named
 * too, as the driver names it (the header includes it itself): the four
 * vfio_pci_core probes then share one batch (compat/probe-batch.sh).
 */
#include <linux/vfio.h>
#include <linux/vfio_pci_core.h>

int nvgsp_probe(struct vfio_pci_core_device *vdev);
int nvgsp_probe(struct vfio_pci_core_device *vdev)
{
	_Static_assert(__builtin_types_compatible_p(typeof(&vfio_pci_core_register_device),
						    int (*)(struct vfio_pci_core_device *)),
		       "vfio_pci_core_register_device(struct vfio_pci_core_device *)");
	return vfio_pci_core_register_device(vdev);
}
