// SPDX-License-Identifier: GPL-2.0-only
/*
 * remove_conflicting_pci_framebuffers(pdev, name): fbdev's removal of the
 * firmware framebuffers in a PCI device's BARs (and, for the boot VGA device,
 * of vgacon), the predecessor of aperture_remove_conflicting_pci_devices().
 *
 * Added in Linux 4.20 by commit 4d18975c78f2 ("fbdev: add
 * remove_conflicting_pci_framebuffers()"), then with a resource-index
 * argument that later kernels (5.10 among them) no longer have: the probe
 * checks the two-argument form. nvgsp uses it only where the aperture helper
 * is absent (5.10); fbdev dropped it once the aperture helpers took over.
 */
#include <linux/fb.h>

int nvgsp_probe(struct pci_dev *pdev);
int nvgsp_probe(struct pci_dev *pdev)
{
	_Static_assert(__builtin_types_compatible_p(typeof(&remove_conflicting_pci_framebuffers),
						    int (*)(struct pci_dev *, const char *)),
		       "remove_conflicting_pci_framebuffers(struct pci_dev *, const char *)");
	return remove_conflicting_pci_framebuffers(pdev, "nvgsp");
}
