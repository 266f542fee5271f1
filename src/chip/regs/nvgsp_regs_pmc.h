/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_regs_pmc.h - PMC (master control) registers in BAR0, sorted by offset.
 *
 * Sources: Linux drivers/gpu/nova-core/regs.rs (NV_PMC_BOOT_0/42) and
 * drivers/gpu/drm/nouveau/nvkm/engine/device/base.c; see
 * Documentation/hardware.rst, "Chip identification" and "PMC".
 */
#ifndef NVGSP_REGS_PMC_H
#define NVGSP_REGS_PMC_H

#include "nvgsp_regs.h"

/* BAR0 is a 16 MiB register window on every GSP-capable chip. */
#define NV_BAR0_SIZE				0x01000000u

#define NV_PMC_BOOT_0				0x00000000u
#define   NV_PMC_BOOT_0_MINOR_REVISION(v)	NVGSP_BITS(v, 3, 0)
#define   NV_PMC_BOOT_0_MAJOR_REVISION(v)	NVGSP_BITS(v, 7, 4)
#define   NV_PMC_BOOT_0_ARCHITECTURE_1(v)	NVGSP_BITS(v, 8, 8)
#define   NV_PMC_BOOT_0_IMPLEMENTATION(v)	NVGSP_BITS(v, 23, 20)
#define   NV_PMC_BOOT_0_ARCHITECTURE_0(v)	NVGSP_BITS(v, 28, 24)

#define NV_PMC_BOOT_42				0x00000a00u
#define   NV_PMC_BOOT_42_MINOR_EXT_REVISION(v)	NVGSP_BITS(v, 11, 8)
#define   NV_PMC_BOOT_42_MINOR_REVISION(v)	NVGSP_BITS(v, 15, 12)
#define   NV_PMC_BOOT_42_MAJOR_REVISION(v)	NVGSP_BITS(v, 19, 16)
#define   NV_PMC_BOOT_42_IMPLEMENTATION(v)	NVGSP_BITS(v, 23, 20)
#define   NV_PMC_BOOT_42_ARCHITECTURE(v)	NVGSP_BITS(v, 29, 24)

/*
 * The GPU's PCI configuration space mirrored in BAR0 (nova-core gpu/hal
 * tu102.rs and gh100.rs; nouveau NV_EP_PCFGM on GH100): 4 KiB at 0x88000 on
 * Turing, Ampere and Ada, at 0x92000 on Hopper and Blackwell.
 */
#define NV_PCFG_MIRROR_TU102			0x00088000u
#define NV_PCFG_MIRROR_GH100			0x00092000u
#define NV_PCFG_MIRROR_SIZE			0x00001000u

#endif /* NVGSP_REGS_PMC_H */
