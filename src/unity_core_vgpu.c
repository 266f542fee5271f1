// SPDX-License-Identifier: GPL-2.0-only
/*
 * unity_core_vgpu.c - the portable core: the vGPU manager
 *
 * One translation unit of nvgsp.ko: Kbuild compiles this file instead of
 * the files it includes, so the kernel headers they share are parsed once
 * (Kbuild, "Translation units"; Documentation/build-time.rst). Each file
 * still compiles on its own (NVGSP_UNITY=0).
 */
#include "vgpu/nvgsp_query.c"
#include "vgpu/nvgsp_sriov.c"
#include "vgpu/nvgsp_vgpu.c"
#include "vgpu/nvgsp_vgpu_boot.c"
#include "vgpu/nvgsp_vgpu_cfgspace.c"
#include "vgpu/nvgsp_vgpu_chid.c"
#include "vgpu/nvgsp_vgpu_fb.c"
#include "vgpu/nvgsp_vgpu_fbseg.c"
#include "vgpu/nvgsp_vgpu_mgr.c"
#include "vgpu/nvgsp_vgpu_region.c"
#include "vgpu/nvgsp_vgpu_res.c"
#include "vgpu/nvgsp_vgpu_rpc.c"
#include "vgpu/nvgsp_vgpu_select.c"
