/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_regs_fb.h - framebuffer, boot-status, scratch and fuse registers the
 * boot sequence reads and writes, sorted by offset.
 *
 * Sources: Linux drivers/gpu/nova-core/regs.rs, fb/hal/{tu102,ga100,ga102,
 * gb100,gb202}.rs, gpu/hal/tu102.rs; drivers/gpu/drm/nouveau/nvkm/subdev/gsp/
 * {fwsec,tu102}.c and bios/shadowramin.c; see Documentation/hardware.rst,
 * "Frame buffer and boot status", and Documentation/vbios.rst.
 */
#ifndef NVGSP_REGS_FB_H
#define NVGSP_REGS_FB_H

#include "nvgsp_regs.h"

#define NV_PBUS_SW_SCRATCH(i)				(0x001400u + 4u * (i))
#define   NV_PBUS_SW_SCRATCH_FRTS_ERR_INDEX		0xeu
#define   NV_PBUS_SW_SCRATCH_FRTS_ERR(v)		NVGSP_BITS(v, 31, 16)
#define   NV_PBUS_SW_SCRATCH_SB_ERR_INDEX		0x15u
#define   NV_PBUS_SW_SCRATCH_SB_ERR(v)			NVGSP_BITS(v, 15, 0)

#define NV_FUSE_STATUS_OPT_DISPLAY_TU102		0x021c04u
#define   NV_FUSE_STATUS_OPT_DISPLAY_DISABLED		(1u << 0)

#define NV_PFB_NISO_FLUSH_SYSMEM_ADDR			0x100c10u	/* addr[39:8] */
#define NV_PFB_NISO_FLUSH_SYSMEM_ADDR_HI		0x100c40u	/* addr[63:40], GA100+ */
/* Hopper's sysmem flush: the raw address, bits 7:0 ignored (dev_fb.h gh100). */
#define NV_PFB_FBHUB_PCIE_FLUSH_SYSMEM_ADDR_LO_GH100	0x100a34u	/* addr[31:0] */
#define NV_PFB_FBHUB_PCIE_FLUSH_SYSMEM_ADDR_HI_GH100	0x100a38u	/* addr[51:32] */
#define NV_PFB_PRI_MMU_LOCAL_MEMORY_RANGE		0x100ce0u
#define   NV_PFB_PRI_MMU_LOCAL_MEMORY_RANGE_LOWER_SCALE(v) NVGSP_BITS(v, 3, 0)
#define   NV_PFB_PRI_MMU_LOCAL_MEMORY_RANGE_LOWER_MAG(v) NVGSP_BITS(v, 9, 4)
#define   NV_PFB_PRI_MMU_LOCAL_MEMORY_RANGE_ECC_MODE	(1u << 30)

#define NV_PGC6_BSI_SECURE_SCRATCH_14			0x1180f8u
#define   NV_PGC6_BSI_SECURE_SCRATCH_14_BOOT_STAGE_3_HANDOFF (1u << 26)
#define NV_PGC6_AON_SECURE_SCRATCH_GROUP_05_PRIV_LEVEL_MASK 0x118128u
#define   NV_PGC6_AON_SECURE_SCRATCH_GROUP_05_PRIV_LEVEL_MASK_READ_L0 (1u << 0)
#define NV_PGC6_AON_SECURE_SCRATCH_GROUP_05_0_GFW_BOOT	0x118234u
#define   NV_PGC6_AON_SECURE_SCRATCH_GROUP_05_0_GFW_BOOT_PROGRESS(v) NVGSP_BITS(v, 7, 0)
#define   NV_PGC6_AON_SECURE_SCRATCH_GROUP_05_0_GFW_BOOT_COMPLETED 0xffu
#define NV_USABLE_FB_SIZE_IN_MB				0x1183a4u

#define NV_PFB_PRI_MMU_WPR2_ADDR_LO			0x1fa824u
#define NV_PFB_PRI_MMU_WPR2_ADDR_HI			0x1fa828u
/* Both: bits 31:4 hold address >> 12; HI is exclusive, 0 means not set. */
#define   NV_PFB_PRI_MMU_WPR2_ADDR(v)			((u64)NVGSP_BITS(v, 31, 4) << 12)

#define NV_PDISP_VGA_WORKSPACE_BASE			0x625f04u
#define   NV_PDISP_VGA_WORKSPACE_BASE_STATUS_VALID	(1u << 3)
#define   NV_PDISP_VGA_WORKSPACE_BASE_ADDR(v)		((u64)NVGSP_BITS(v, 31, 8) << 16)

#define NV_FUSE_STATUS_OPT_DISPLAY_GA100		0x820c04u

/* Fuse version registers, one per ucode id 1..16 (FWSEC signature choice). */
#define NV_FUSE_OPT_FPF_NVDEC_UCODE1_VERSION		0x824100u
#define NV_FUSE_OPT_FPF_SEC2_UCODE1_VERSION		0x824140u
#define NV_FUSE_OPT_FPF_GSP_UCODE1_VERSION		0x8241c0u
#define   NV_FUSE_OPT_FPF_UCODE_VERSION(v)		NVGSP_BITS(v, 15, 0)
#define NV_FUSE_OPT_FPF_UCODE_COUNT			16u

/* Sysmem flush on Blackwell: HSHUB0 (GB10x) and FBHUB0 (GB20x). */
#define NV_PFB_HSHUB0_FLUSH_SYSMEM_ADDR_LO_GB100	0x870e50u	/* addr[31:0] */
#define NV_PFB_HSHUB0_FLUSH_SYSMEM_ADDR_HI_GB100	0x870e54u	/* addr >> 32 */
#define NV_PFB_HSHUB0_EG_FLUSH_SYSMEM_ADDR_LO_GB100	0x8706c0u
#define NV_PFB_HSHUB0_EG_FLUSH_SYSMEM_ADDR_HI_GB100	0x8706c4u
#define NV_PFB_FBHUB0_FLUSH_SYSMEM_ADDR_LO_GB202	0x8a1d58u
#define NV_PFB_FBHUB0_FLUSH_SYSMEM_ADDR_HI_GB202	0x8a1d5cu

#endif /* NVGSP_REGS_FB_H */
