/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_gsp_hal.h - what differs in the GSP boot sequence between signature
 * families: one table row per family, bound by the chip's sig_family. The
 * boot code reads the row; it has no per-chip if-chains.
 *
 * Portable core. Facts: Documentation/gsp-boot.rst, "Per-family differences"
 * (nova-core falcon/hal, fb/hal, gpu/hal, fsp/hal; nouveau subdev/gsp).
 */
#ifndef NVGSP_GSP_HAL_H
#define NVGSP_GSP_HAL_H

#include "nvgsp_os.h"
#include "chip/nvgsp_chip.h"
#include "engine/nvgsp_falcon.h"

/**
 * enum nvgsp_gsp_fb_size_reg - where VRAM's size is read.
 * @NVGSP_FB_SIZE_LOCAL_MEMORY_RANGE: NV_PFB_PRI_MMU_LOCAL_MEMORY_RANGE,
 *                                    mag << scale MiB (x15/16 with ECC).
 * @NVGSP_FB_SIZE_USABLE_MB: NV_USABLE_FB_SIZE_IN_MB.
 */
enum nvgsp_gsp_fb_size_reg {
	NVGSP_FB_SIZE_LOCAL_MEMORY_RANGE,
	NVGSP_FB_SIZE_USABLE_MB,
};

/**
 * enum nvgsp_gsp_fwsec_load - how FWSEC is put into the GSP falcon.
 * @NVGSP_FWSEC_NONE: the chip runs no FWSEC (FSP chips).
 * @NVGSP_FWSEC_DMA_BROM: descriptor v3: DMA load, BROM signature check.
 * @NVGSP_FWSEC_PIO_BL: descriptor v2: the falcon bootloader (gen_bootloader)
 *                      by PIO, which DMAs FWSEC itself; when the release
 *                      ships no gen_bootloader, FWSEC's own IMEM and DMEM
 *                      are written by PIO.
 */
enum nvgsp_gsp_fwsec_load {
	NVGSP_FWSEC_NONE,
	NVGSP_FWSEC_DMA_BROM,
	NVGSP_FWSEC_PIO_BL,
};

/**
 * enum nvgsp_gsp_unload_wait - how teardown sees GSP-RM stopped.
 * @NVGSP_UNLOAD_WAIT_MAILBOX: GSP MAILBOX0 == 0x80000000 (nouveau r535).
 * @NVGSP_UNLOAD_WAIT_RISCV_HALTED: the RISC-V core halted (FSP chips).
 */
enum nvgsp_gsp_unload_wait {
	NVGSP_UNLOAD_WAIT_MAILBOX,
	NVGSP_UNLOAD_WAIT_RISCV_HALTED,
};

#define NVGSP_GSP_HAL_FLUSH_REGS 2

/**
 * struct nvgsp_gsp_flush_reg - one sysmem-flush address register pair.
 * @lo: register taking the low part; 0 ends the list.
 * @lo_shift: the address is shifted right by this for @lo.
 * @hi: register taking the high part; 0 when none.
 * @hi_shift: the address is shifted right by this for @hi.
 * @hi_mask: bits of @hi that hold it.
 */
struct nvgsp_gsp_flush_reg {
	u32 lo;
	u32 lo_shift;
	u32 hi;
	u32 hi_shift;
	u32 hi_mask;
};

/**
 * struct nvgsp_gsp_hal - one signature family's boot differences.
 * @sig_family: the family ("ga10x").
 * @boot_path: SEC2 booter or FSP.
 * @falcon: GSP and SEC2 falcon differences.
 * @fb_size_reg: where VRAM size is read.
 * @display_fuse: register whose bit 0 says the display is fused off (then
 *                the VGA workspace register is not read).
 * @vga_workspace_fixed: bytes of a VGA workspace fixed at the end of FB
 *                       (FSP chips: 128 KiB, NVIDIA's
 *                       kgspCalculateFbLayout_GH100); 0: read it from
 *                       NV_PDISP_VGA_WORKSPACE_BASE.
 * @gfw_boot_wait: wait for the VBIOS devinit (GFW_BOOT) first.
 * @fwsec: how FWSEC is loaded.
 * @frts: run FWSEC-FRTS (not on GA100).
 * @fuse_gsp_version: GSP fuse version register 1 for the FWSEC signature;
 *                    0 for "none, use 0" (TU10x, GA100).
 * @fuse_sec2_version: SEC2 fuse version register 1 for the booter's
 *                     signature; 0 for none.
 * @booter_sec_at_zero: the booter's secure code goes to IMEM 0 and boots
 *                      there (GA102+); else its non-secure code goes to
 *                      os_code_offset and boots there, the secure code to
 *                      app_code_offset (TU10x, GA100; nova-core booter.rs).
 * @flush: sysmem flush registers.
 * @fsp_boot_status: FSP boot-complete scratch register (FSP chips).
 * @unload_wait: how teardown waits for GSP-RM to stop.
 */
struct nvgsp_gsp_hal {
	const char *sig_family;
	enum nvgsp_boot_path boot_path;
	const struct nvgsp_falcon_hal *falcon;
	enum nvgsp_gsp_fb_size_reg fb_size_reg;
	u32 display_fuse;
	u32 vga_workspace_fixed;
	bool gfw_boot_wait;
	enum nvgsp_gsp_fwsec_load fwsec;
	bool frts;
	u32 fuse_gsp_version;
	u32 fuse_sec2_version;
	bool booter_sec_at_zero;
	struct nvgsp_gsp_flush_reg flush[NVGSP_GSP_HAL_FLUSH_REGS];
	u32 fsp_boot_status;
	enum nvgsp_gsp_unload_wait unload_wait;
};

/**
 * nvgsp_gsp_hal_lookup() - the row of a chip's signature family.
 * @chip: the chip.
 *
 * Return: the row, or NULL for a family the table does not know.
 */
const struct nvgsp_gsp_hal *nvgsp_gsp_hal_lookup(const struct nvgsp_chip_info *chip);

#endif /* NVGSP_GSP_HAL_H */
