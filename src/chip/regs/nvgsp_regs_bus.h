/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_regs_bus.h - the PRAMIN window: BAR0 0x700000 shows 1 MiB of VRAM
 * at the base a window register holds, a different register per family.
 * Sorted by offset.
 *
 * Sources (Documentation/vgpu-fb.rst, "The PRAMIN window"): nouveau
 * nvkm/subdev/bios/shadowramin.c and instmem/gh100.c; NVIDIA
 * open-gpu-kernel-modules published/hopper/gh100/pri_nv_xal_ep.h and
 * kern_bus (kbusWriteBAR0WindowBase_*); nova-core's PRAMIN patches
 * (mm/pramin.rs, regs NV_PBUS_BAR0_WINDOW and NV_XAL_EP_BAR0_WINDOW).
 */
#ifndef NVGSP_REGS_BUS_H
#define NVGSP_REGS_BUS_H

#include "nvgsp_regs.h"

/* Turing, Ampere, Ada. */
#define NV_PBUS_BAR0_WINDOW				0x001700u
#define   NV_PBUS_BAR0_WINDOW_BASE_MAX			0x00ffffffu	/* 23:0, base >> 16 */
#define   NV_PBUS_BAR0_WINDOW_TARGET(v)			NVGSP_BITS(v, 25, 24)
#define   NV_PBUS_BAR0_WINDOW_TARGET_VID_MEM		0x0u

/* The window itself, on every family. */
#define NV_PRAMIN					0x700000u
#define NV_PRAMIN_SIZE					0x100000u
#define NV_BAR0_WINDOW_BASE_SHIFT			16	/* base in 64 KiB units */

/* Hopper (21:0) and Blackwell (22:0): base >> 16, VRAM only (no target). */
#define NV_XAL_EP_BAR0_WINDOW				0x10fd40u
#define   NV_XAL_EP_BAR0_WINDOW_BASE_MAX_GH100		0x003fffffu
#define   NV_XAL_EP_BAR0_WINDOW_BASE_MAX_GB100		0x007fffffu

#endif /* NVGSP_REGS_BUS_H */
