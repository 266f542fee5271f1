/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_compat_aperture.h - handing the firmware framebuffer over before a
 * driver takes the boot VGA device (Documentation/ownership.rst).
 */
#ifndef NVGSP_COMPAT_APERTURE_H
#define NVGSP_COMPAT_APERTURE_H

#include "nvgsp_compat.h"

#if defined(NVGSP_HAVE_APERTURE_REMOVE_CONFLICTING_PCI_DEVICES)
#include <linux/aperture.h>
#elif defined(NVGSP_HAVE_REMOVE_CONFLICTING_PCI_FRAMEBUFFERS)
#include <linux/fb.h>
#include <linux/vgaarb.h>
#else
#error "nvgsp: neither aperture_remove_conflicting_pci_devices() nor remove_conflicting_pci_framebuffers(pdev, name)"
#endif

/**
 * nvgsp_compat_remove_conflicting_fb() - unregister the firmware framebuffer
 * drivers (efifb, vesafb, simplefb, simpledrm, ...) whose memory lies in
 * @pdev's BARs, and the VGA text console when @pdev is the boot VGA device.
 * @pdev: the GPU, not yet enabled by nvgsp.
 * @name: the driver taking over, for the kernel's log.
 *
 * Return: 0 or a negative errno.
 */
static inline int nvgsp_compat_remove_conflicting_fb(struct pci_dev *pdev, const char *name)
{
#if defined(NVGSP_HAVE_APERTURE_REMOVE_CONFLICTING_PCI_DEVICES)
	return aperture_remove_conflicting_pci_devices(pdev, name);
#else
	int ret;

	/*
	 * What 5.10's drm_fb_helper_remove_conflicting_pci_framebuffers()
	 * does: the fbdev drivers first, then vgacon (fbdev's VGA drivers
	 * fall over otherwise).
	 */
	ret = remove_conflicting_pci_framebuffers(pdev, name);
	if (!ret)
		ret = vga_remove_vgacon(pdev);
	return ret;
#endif
}

#endif /* NVGSP_COMPAT_APERTURE_H */
