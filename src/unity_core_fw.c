// SPDX-License-Identifier: GPL-2.0-only
/*
 * unity_core_fw.c - the portable core's lower layers (OS, chip, ABI, firmware,
 * engine)
 *
 * One translation unit of nvgsp.ko: Kbuild compiles this file instead of
 * the files it includes, so the kernel headers they share are parsed once
 * (Kbuild, "Translation units"; Documentation/build-time.rst). Each file
 * still compiles on its own (NVGSP_UNITY=0).
 */
#include "os/nvgsp_os_linux.c"
#include "chip/nvgsp_bind.c"
#include "chip/nvgsp_chip.c"
#include "abi/nvgsp_abi.c"
#include "fw/nvgsp_fw_blob.c"
#include "fw/nvgsp_fw_elf.c"
#include "fw/nvgsp_fw_fmc.c"
#include "fw/nvgsp_fw_gsp.c"
#include "fw/nvgsp_fw_release.c"
#include "fw/nvgsp_fw_select.c"
#include "fw/nvgsp_fw_ucode.c"
#include "fw/nvgsp_fw_vbios.c"
#include "fw/nvgsp_fw_vgpu.c"
#include "engine/nvgsp_falcon.c"
#include "engine/nvgsp_fsp.c"
