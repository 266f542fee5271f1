// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_gsp_hal.c - the per-family boot table.
 *
 * Sources per column: falcon reset/load/BROM/RISC-V register: nova-core
 * falcon/hal/{tu102,ga102}.rs, nouveau nvkm/falcon/{gm200,ga102}.c; FB size:
 * nova-core fb/hal/{tu102,ga100,ga102}.rs; FRTS skipped on GA100: nova-core
 * fb.rs, nouveau gsp/ga100.c; FWSEC v2 through the falcon bootloader on
 * TU10x/GA100: nouveau gsp/fwsec.c nvkm_gsp_fwsec_v2; fuse registers:
 * nova-core falcon/hal/ga102.rs; sysmem flush: nova-core fb/hal/{tu102,ga100,gh100,gb100,gb202}.rs,
 * NVIDIA kern_mem_sys_gh100.c kmemsysProgramSysmemFlushBuffer_GH100 (GH100:
 * the FBHUB_PCIE pair, not NISO_FLUSH; Documentation/hardware.rst); FSP
 * boot status: nova-core fsp/hal/{gh100,gb100,gb202}.rs (Documentation/gsp-boot.rst).
 */
#include "nvgsp_gsp_hal.h"
#include "chip/regs/nvgsp_regs_falcon.h"
#include "chip/regs/nvgsp_regs_fb.h"
#include "chip/regs/nvgsp_regs_fsp.h"
#include "fw/nvgsp_fw_blob.h"

static const struct nvgsp_falcon_hal falcon_tu102 = {
	.reset = NVGSP_FALCON_RESET_TU102,
	.dma_load = false,
	.brom = false,
	.riscv = NVGSP_FALCON_RISCV_CORE_SWITCH,
};

static const struct nvgsp_falcon_hal falcon_ga102 = {
	.reset = NVGSP_FALCON_RESET_GA102,
	.dma_load = true,
	.brom = true,
	.riscv = NVGSP_FALCON_RISCV_CPUCTL,
};

#define FLUSH_TU102	{ { NV_PFB_NISO_FLUSH_SYSMEM_ADDR, 8, 0, 0, 0 } }
#define FLUSH_GA100	{ { NV_PFB_NISO_FLUSH_SYSMEM_ADDR, 8, \
			    NV_PFB_NISO_FLUSH_SYSMEM_ADDR_HI, 40, 0x00ffffff } }
#define FLUSH_GH100	{ { NV_PFB_FBHUB_PCIE_FLUSH_SYSMEM_ADDR_LO_GH100, 0, \
			    NV_PFB_FBHUB_PCIE_FLUSH_SYSMEM_ADDR_HI_GH100, 32, 0x000fffff } }
#define FLUSH_GB100	{ { NV_PFB_HSHUB0_FLUSH_SYSMEM_ADDR_LO_GB100, 0, \
			    NV_PFB_HSHUB0_FLUSH_SYSMEM_ADDR_HI_GB100, 32, 0x000fffff }, \
			  { NV_PFB_HSHUB0_EG_FLUSH_SYSMEM_ADDR_LO_GB100, 0, \
			    NV_PFB_HSHUB0_EG_FLUSH_SYSMEM_ADDR_HI_GB100, 32, 0x000fffff } }
#define FLUSH_GB202	{ { NV_PFB_FBHUB0_FLUSH_SYSMEM_ADDR_LO_GB202, 0, \
			    NV_PFB_FBHUB0_FLUSH_SYSMEM_ADDR_HI_GB202, 32, 0x000fffff } }

#define SEC2_ROW(fam, fal, fbreg, fuse, fw, has_frts, fusever, fl, at0)		\
	{ .sig_family = fam, .boot_path = NVGSP_BOOT_SEC2_BOOTER, .falcon = fal,	\
	  .fb_size_reg = fbreg, .display_fuse = fuse, .gfw_boot_wait = true,	\
	  .fwsec = fw, .frts = has_frts, .fuse_gsp_version = fusever,		\
	  .fuse_sec2_version = (fusever) ? NV_FUSE_OPT_FPF_SEC2_UCODE1_VERSION : 0, \
	  .booter_sec_at_zero = at0, .flush = fl,			\
	  .fsp_boot_status = 0, .unload_wait = NVGSP_UNLOAD_WAIT_MAILBOX }

#define FSP_ROW(fam, status, fl)						\
	{ .sig_family = fam, .boot_path = NVGSP_BOOT_FSP, .falcon = &falcon_ga102, \
	  .fb_size_reg = NVGSP_FB_SIZE_USABLE_MB, .vga_workspace_fixed = 0x20000,	\
	  .display_fuse = NV_FUSE_STATUS_OPT_DISPLAY_GA100, .gfw_boot_wait = false, \
	  .fwsec = NVGSP_FWSEC_NONE, .frts = false, .fuse_gsp_version = 0,	\
	  .fuse_sec2_version = 0, .booter_sec_at_zero = true,			\
	  .flush = fl, .fsp_boot_status = status,				\
	  .unload_wait = NVGSP_UNLOAD_WAIT_RISCV_HALTED }

static const struct nvgsp_gsp_hal hal_table[] = {
	SEC2_ROW("tu10x", &falcon_tu102, NVGSP_FB_SIZE_LOCAL_MEMORY_RANGE,
		 NV_FUSE_STATUS_OPT_DISPLAY_TU102, NVGSP_FWSEC_PIO_BL, true, 0, FLUSH_TU102, false),
	SEC2_ROW("tu11x", &falcon_tu102, NVGSP_FB_SIZE_LOCAL_MEMORY_RANGE,
		 NV_FUSE_STATUS_OPT_DISPLAY_TU102, NVGSP_FWSEC_PIO_BL, true, 0, FLUSH_TU102, false),
	SEC2_ROW("ga100", &falcon_tu102, NVGSP_FB_SIZE_LOCAL_MEMORY_RANGE,
		 NV_FUSE_STATUS_OPT_DISPLAY_GA100, NVGSP_FWSEC_PIO_BL, false, 0, FLUSH_GA100,
		 false),
	SEC2_ROW("ga10x", &falcon_ga102, NVGSP_FB_SIZE_USABLE_MB,
		 NV_FUSE_STATUS_OPT_DISPLAY_GA100, NVGSP_FWSEC_DMA_BROM, true,
		 NV_FUSE_OPT_FPF_GSP_UCODE1_VERSION, FLUSH_GA100, true),
	SEC2_ROW("ad10x", &falcon_ga102, NVGSP_FB_SIZE_USABLE_MB,
		 NV_FUSE_STATUS_OPT_DISPLAY_GA100, NVGSP_FWSEC_DMA_BROM, true,
		 NV_FUSE_OPT_FPF_GSP_UCODE1_VERSION, FLUSH_GA100, true),
	FSP_ROW("gh100", NV_THERM_I2CS_SCRATCH_FSP_BOOT_COMPLETE_GH100, FLUSH_GH100),
	FSP_ROW("gb10x", NV_THERM_I2CS_SCRATCH_FSP_BOOT_COMPLETE_GH100, FLUSH_GB100),
	FSP_ROW("gb20x", NV_THERM_I2CS_SCRATCH_FSP_BOOT_COMPLETE_GB202, FLUSH_GB202),
};

const struct nvgsp_gsp_hal *nvgsp_gsp_hal_lookup(const struct nvgsp_chip_info *chip)
{
	size_t i;

	if (!chip || !chip->sig_family)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(hal_table); i++)
		if (nvgsp_fw_str_eq(hal_table[i].sig_family, chip->sig_family))
			return &hal_table[i];
	return NULL;
}
