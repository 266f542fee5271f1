// SPDX-License-Identifier: GPL-2.0-only
/*
 * struct drm_driver.date: the driver's date string, which DRM_IOCTL_VERSION
 * (drmGetVersion()) returns.
 *
 * Deprecated by commit 7fb8af6798e8 ("drm: deprecate driver date") and
 * removed in Linux 6.14 by commit cb2e1c2136f7 ("drm: remove driver date
 * from struct drm_driver and all drivers"). src/nvgsp_drm.c sets it only
 * where it exists.
 */
#include <drm/drm_drv.h>

extern const struct drm_driver nvgsp_probe_driver;
const struct drm_driver nvgsp_probe_driver = {
	.date = "",
};
