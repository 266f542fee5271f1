// SPDX-License-Identifier: GPL-2.0-only
/*
 * unity_vgpu.c - the vGPU front ends on the VFs: the VFIO variant driver and
 * the mdev front end
 *
 * One translation unit of nvgsp.ko: Kbuild compiles this file instead of
 * the files it includes, so the kernel headers they share are parsed once
 * (Kbuild, "Translation units"; Documentation/build-time.rst). Each file
 * still compiles on its own (NVGSP_UNITY=0).
 */
#include "nvgsp_vgpu_vf.c"
#include "nvgsp_vfio_pci.c"
#include "nvgsp_vfio_sysfs.c"
#include "nvgsp_mdev_pci.c"
#include "nvgsp_mdev_types.c"
#include "nvgsp_mdev_dev.c"
#include "nvgsp_mdev_irq.c"
