// SPDX-License-Identifier: GPL-2.0-only
/*
 * unity_core_gsp.c - the portable core: GSP-RM transport, RM objects, GSP boot
 *
 * One translation unit of nvgsp.ko: Kbuild compiles this file instead of
 * the files it includes, so the kernel headers they share are parsed once
 * (Kbuild, "Translation units"; Documentation/build-time.rst). Each file
 * still compiles on its own (NVGSP_UNITY=0).
 */
#include "transport/nvgsp_msgq.c"
#include "transport/nvgsp_rpc.c"
#include "transport/nvgsp_rpc_health.c"
#include "transport/nvgsp_seq.c"
#include "transport/nvgsp_xport.c"
#include "rm/nvgsp_rm.c"
#include "gsp/nvgsp_gsp.c"
#include "gsp/nvgsp_gsp_boot.c"
#include "gsp/nvgsp_gsp_fsp_boot.c"
#include "gsp/nvgsp_gsp_hal.c"
#include "gsp/nvgsp_gsp_init.c"
#include "gsp/nvgsp_gsp_intr.c"
#include "gsp/nvgsp_gsp_mem.c"
#include "gsp/nvgsp_gsp_plan.c"
#include "gsp/nvgsp_gsp_pm.c"
#include "gsp/nvgsp_gsp_usage.c"
