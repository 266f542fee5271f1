// SPDX-License-Identifier: GPL-2.0-only
/*
 * unity_pci.c - the PCI driver: module entry, parameters, ownership, boot,
 * firmware, power management, the vGPU manager's glue
 *
 * One translation unit of nvgsp.ko: Kbuild compiles this file instead of
 * the files it includes, so the kernel headers they share are parsed once
 * (Kbuild, "Translation units"; Documentation/build-time.rst). Each file
 * still compiles on its own (NVGSP_UNITY=0).
 */
#include "nvgsp_main.c"
#include "nvgsp_params.c"
#include "nvgsp_pci.c"
#include "nvgsp_bind_pci.c"
#include "nvgsp_boot.c"
#include "nvgsp_firmware.c"
#include "nvgsp_pm.c"
#include "nvgsp_vgpu_host.c"
