// SPDX-License-Identifier: GPL-2.0-only
/*
 * aperture_remove_conflicting_pci_devices(): unregister the firmware
 * framebuffers (efifb, simplefb, vesafb, simpledrm, ...) whose memory lies in
 * a PCI device's BARs, and the VGA console of the boot VGA device.
 *
 * Added in Linux 6.0 by commit 7283f862bd99 ("drm: Implement DRM aperture
 * helpers under video/"). Before it, fbdev's remove_conflicting_pci_framebuffers()
 * (probe remove_conflicting_pci_framebuffers) does the same for fbdev drivers.
 */
#include <linux/aperture.h>

int nvgsp_probe(struct pci_dev *pdev);
int nvgsp_probe(struct pci_dev *pdev)
{
	_Static_assert(__builtin_types_compatible_p(typeof(&aperture_remove_conflicting_pci_devices),
						    int (*)(struct pci_dev *, const char *)),
		       "aperture_remove_conflicting_pci_devices(struct pci_dev *, const char *)");
	return aperture_remove_conflicting_pci_devices(pdev, "nvgsp");
}
