// SPDX-License-Identifier: GPL-2.0-only
/*
 * unity_dev.c - what a bound GPU shows: sysfs, debugfs and the DRM render node
 *
 * One translation unit of nvgsp.ko: Kbuild compiles this file instead of
 * the files it includes, so the kernel headers they share are parsed once
 * (Kbuild, "Translation units"; Documentation/build-time.rst). Each file
 * still compiles on its own (NVGSP_UNITY=0).
 */
#include "nvgsp_sysfs.c"
#include "nvgsp_debugfs.c"
/* Kbuild defines NVGSP_DRM where the kernel has DRM. */
#ifdef NVGSP_DRM
#include "nvgsp_drm.c"
#endif
