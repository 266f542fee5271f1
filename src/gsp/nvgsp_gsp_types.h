/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_gsp_types.h - struct nvgsp_gsp, and the functions the boot files
 * (nvgsp_gsp.c, nvgsp_gsp_boot.c, nvgsp_gsp_fsp_boot.c) share. Not for use
 * outside src/gsp/nvgsp_gsp*.c: everyone else goes through nvgsp_gsp.h.
 */
#ifndef NVGSP_GSP_TYPES_H
#define NVGSP_GSP_TYPES_H

#include "gsp/nvgsp_gsp.h"
#include "engine/nvgsp_falcon.h"
#include "engine/nvgsp_fsp.h"
#include "gsp/nvgsp_gsp_hal.h"
#include "gsp/nvgsp_gsp_intr.h"
#include "gsp/nvgsp_gsp_mem.h"
#include "transport/nvgsp_seq.h"
#include "fw/nvgsp_fw_vbios.h"

/* Room for the short reason of a failed boot step. */
#define NVGSP_GSP_WHY_LEN 160

/**
 * struct nvgsp_gsp - one GPU's GSP-RM, from boot to shutdown.
 * @cfg: the configuration given to nvgsp_gsp_boot().
 * @dev: the device (@cfg.dev), for messages.
 * @abi: the bound release (@cfg.fw->abi).
 * @hal: the signature family's boot differences.
 * @gsp: the GSP falcon.
 * @sec2: the SEC2 falcon (SEC2-booter chips).
 * @fsp: the FSP (FSP chips).
 * @flush: the sysmem flush page.
 * @fb_size: VRAM bytes.
 * @vga_workspace: start of the VGA workspace.
 * @plan: the parsed bootloader and the FB layout (with the FRTS region
 *        FWSEC-FRTS is asked for), worked out once by the "FB layout" step.
 * @rom: the VBIOS bytes (FWSEC chips), kept for FWSEC-SB at teardown.
 * @vbios: what was found in @rom.
 * @wpr2_by_us: this driver's FWSEC-FRTS set WPR2; teardown runs
 *              booter_unload when WPR2 is still set.
 * @fmc_image: FSP chips: the FMC image section copied for the FSP.
 * @fmc_params: FSP chips: the encoded GSP_FMC_BOOT_PARAMS.
 * @cot: FSP chips: the chain-of-trust message, filled from the FMC by the
 *       "FMC" step, sent and freed by the next.
 * @rpc: the transport; NULL until created.
 * @mem: the boot memory (WPR meta, radix3, libos, logs).
 * @seq: the sequencer bound to this GPU.
 * @rm: the RM object layer; NULL until created.
 * @info: GET_GSP_STATIC_INFO's reply.
 * @static_wire: the same reply as GSP-RM sent it (the release's
 *               GspStaticConfigInfo), for what the neutral struct does not
 *               carry (the FB regions; nvgsp_gsp_static_info_wire()).
 * @static_wire_len: its bytes.
 * @intr: the GSP's vector in the CPU interrupt tree: read by the
 *        "interrupt table" step, enabled by nvgsp_gsp_irq_enable(),
 *        disabled by nvgsp_gsp_irq_disable() and teardown.
 * @diag: scratch for the firmware parsers' reasons (kept off the stack).
 * @started: GSP-RM was started: teardown sends UNLOADING_GUEST_DRIVER.
 * @gone: teardown found the device gone (BAR0 reads all ones): the undo
 *        steps leave the registers alone.
 * @keep_why: empty, or why the memory the GPU was given must be kept rather
 *            than freed (an engine's state cannot be known: its reset
 *            failed, the device reads all ones, bus mastering could not
 *            be confirmed off); the first reason wins (nvgsp_gsp_keep()).
 * @kept_bytes: DMA bytes already given up on the way (a booter's or
 *              FWSEC's image whose engine could not be reset).
 * @reached: how many entries of the boot step table the boot reached
 *           (the one that failed included): teardown undoes those.
 * @dev_reset: GSP-RM was declared dead and the device reset (or about to
 *             be: nvgsp_gsp_kill()): the teardown touches no engine.
 * @quiesced: the engines were quiesced and the device's DMA stopped
 *            (nvgsp_gsp_quiesce(), or teardown on its way): only the
 *            freeing is left.
 * @step: the boot step running, for the failure line.
 * @why: why it failed (set by the step; an errno text otherwise).
 *
 * Locking: boot and shutdown own the struct; after boot, @rpc and @rm
 * have their own locks and everything else is read-only.
 */
struct nvgsp_gsp {
	struct nvgsp_gsp_config cfg;
	struct nvgsp_os_device *dev;
	const struct nvgsp_abi *abi;
	const struct nvgsp_gsp_hal *hal;
	struct nvgsp_falcon gsp;
	struct nvgsp_falcon sec2;
	struct nvgsp_fsp fsp;
	struct nvgsp_os_dma flush;
	u64 fb_size;
	u64 vga_workspace;
	struct nvgsp_gsp_plan plan;
	u8 *rom;
	struct nvgsp_fw_vbios vbios;
	bool wpr2_by_us;
	struct nvgsp_os_dma fmc_image;
	struct nvgsp_os_dma fmc_params;
	struct nvgsp_abi_fsp_cot *cot;
	struct nvgsp_rpc *rpc;
	struct nvgsp_gsp_mem mem;
	struct nvgsp_seq seq;
	struct nvgsp_rm *rm;
	struct nvgsp_abi_static_info info;
	u8 *static_wire;
	size_t static_wire_len;
	struct nvgsp_gsp_intr intr;
	struct nvgsp_fw_diag diag;
	bool started;
	bool gone;
	char keep_why[64];
	size_t kept_bytes;
	unsigned int reached;
	bool dev_reset;
	bool quiesced;
	const char *step;
	char why[NVGSP_GSP_WHY_LEN];
};

/*
 * nvgsp_gsp_fail() - record why the running step failed (the first reason
 * wins) and return @err.
 */
int nvgsp_gsp_fail(struct nvgsp_gsp *gsp, int err, const char *fmt, ...) __printf(3, 4);

/*
 * nvgsp_gsp_keep() - record why the GPU's memory must be kept at teardown
 * (the first reason wins); the teardown then keeps it and says so in one
 * line.
 */
void nvgsp_gsp_keep(struct nvgsp_gsp *gsp, const char *fmt, ...) __printf(2, 3);

/*
 * nvgsp_gsp_dma_release() - free @dma, which falcon @f was given to load
 * or run from, once @f cannot access it any more: when @f did not halt
 * (@halted false: it failed or timed out on the way) it is reset first,
 * and when that fails too @dma is kept (nvgsp_os_dma_keep()) and so is
 * the rest of the GPU's memory at teardown. A zeroed @dma is ignored.
 */
void nvgsp_gsp_dma_release(struct nvgsp_gsp *gsp, struct nvgsp_falcon *f, bool halted,
			   struct nvgsp_os_dma *dma);

/*
 * Steps of the SEC2-booter path (nvgsp_gsp_boot.c). The step table in
 * nvgsp_gsp.c runs them; each returns 0 at once on a chip it does not
 * concern (the HAL row says). nvgsp_gsp_wpr2_release() is FWSEC-FRTS's
 * undo: FWSEC-SB, then booter_unload, whether FWSEC-FRTS or booter_load
 * carved WPR2 (GA100 runs no FWSEC-FRTS). nvgsp_gsp_sysmem_flush_clear() is
 * the sysmem flush step's undo (both paths): it clears the registers before
 * the page is freed.
 */
int nvgsp_gsp_gfw_wait(struct nvgsp_gsp *gsp);
int nvgsp_gsp_sysmem_flush(struct nvgsp_gsp *gsp);
void nvgsp_gsp_sysmem_flush_clear(struct nvgsp_gsp *gsp);
int nvgsp_gsp_fb_probe(struct nvgsp_gsp *gsp);
int nvgsp_gsp_vbios(struct nvgsp_gsp *gsp);
int nvgsp_gsp_fwsec_frts(struct nvgsp_gsp *gsp);
void nvgsp_gsp_wpr2_release(struct nvgsp_gsp *gsp);
int nvgsp_gsp_start_riscv(struct nvgsp_gsp *gsp);
int nvgsp_gsp_booter(struct nvgsp_gsp *gsp, bool unload);

/* Steps of the FSP path (nvgsp_gsp_fsp_boot.c), and what they hold. */
int nvgsp_gsp_fsp_wait(struct nvgsp_gsp *gsp);
int nvgsp_gsp_fmc(struct nvgsp_gsp *gsp);
int nvgsp_gsp_fsp_cot(struct nvgsp_gsp *gsp);
int nvgsp_gsp_lockdown_wait(struct nvgsp_gsp *gsp);
void nvgsp_gsp_fsp_free(struct nvgsp_gsp *gsp);

#endif /* NVGSP_GSP_TYPES_H */
