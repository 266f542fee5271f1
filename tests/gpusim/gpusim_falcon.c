// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_falcon.c - the GSP and SEC2 falcons: reset and memory scrubbing,
 * PIO and DMA loads, the boot ROM registers, CPU start, and what runs when
 * the CPU starts (FWSEC on the GSP, through the generic bootloader on
 * Turing/GA100; booter_load, booter_unload or the scrubber on SEC2). The FSP
 * shares the register decoding here; its queues are in gpusim_fsp.c.
 *
 * DOC: falcon model
 *
 * Register semantics: Documentation/hardware.rst, "Falcon engines" (nova-core regs.rs, nouveau
 * nvkm/falcon). Memories: the GSP and SEC2 have 64 KiB of IMEM and 64 KiB of
 * DMEM each (HWCFG says so): GA102's GSP has that much, the Turing FWSEC
 * bootloader is loaded right below 64 KiB, and the largest booter_load
 * (GA102, 570.144) needs about 35 KiB of code and 25 KiB of data.
 *
 * Reset: ENGINE bit 0 set holds the falcon in reset (memories cleared,
 * CPU halted, mailboxes 0); clearing it starts memory scrubbing, which
 * HWCFG2.MEM_SCRUBBING (GA102+) and DMACTL bits 2:1 (TU10x/GA100) report
 * busy for GS_SCRUB_NS of virtual time, until a tick.
 *
 * CPU start runs the loaded ucode to completion at once (the falcon is
 * halted again when the write returns); what it does is decided by
 * comparing IMEM and DMEM with what the model knows: the VBIOS's FWSEC
 * (gpusim_vbios_fwsec_check()), the gen_bootloader file, the booter files.
 * Anything else is refused with MAILBOX0 set to a GS_*_REFUSED code and the
 * reason recorded (gpusim_error()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpusim_internal.h"
#include "gpusim_fwread.h"
#include "gpusim_vbios.h"
#include "fw/nvgsp_fw_ucode.h"

/* NV_FUSE_OPT_FPF_GSP_UCODE1_VERSION (vbios.rst, "Signature selection"): + (UcodeId - 1) * 4. */
#define GS_FUSE_GSP_UCODE1_VERSION	0x8241c0u

/* FWSEC commands (Documentation/vbios.rst, "Application interface and DMEM mapper"). */
#define GS_FWSEC_CMD_FRTS		0x15u
#define GS_FWSEC_CMD_SB			0x19u

/*
 * BootloaderDmemDescV2, packed (nouveau include/nvfw/flcn.h struct
 * flcn_bl_dmem_desc_v2; nova-core firmware/fwsec/bootloader.rs
 * BootloaderDmemDescV2): reserved[4], signature[4], then these offsets.
 */
#define GS_BLD_CTX_DMA			0x20u
#define GS_BLD_CODE_DMA_BASE		0x24u	/* u64 */
#define GS_BLD_NON_SEC_CODE_OFF		0x2cu
#define GS_BLD_NON_SEC_CODE_SIZE	0x30u
#define GS_BLD_SEC_CODE_OFF		0x34u
#define GS_BLD_SEC_CODE_SIZE		0x38u
#define GS_BLD_CODE_ENTRY_POINT		0x3cu
#define GS_BLD_DATA_DMA_BASE		0x40u	/* u64 */
#define GS_BLD_DATA_SIZE		0x48u
#define GS_BLD_SIZE			0x54u	/* with argc, argv */

static u32 gs_le32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u64 gs_le64(const u8 *p)
{
	return gs_le32(p) | (u64)gs_le32(p + 4) << 32;
}

static void gs_put32(u8 *p, u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static u64 gs_now(const struct gpusim *sim)
{
	u64 t = nvgsp_os_time_ns();

	return t > sim->now_ns ? t : sim->now_ns;
}

static int gs_falcon_alloc(struct gs_falcon *f, u32 imem, u32 dmem, u32 emem)
{
	f->imem_size = imem;
	f->dmem_size = dmem;
	f->emem_size = emem;
	if (imem) {
		f->imem = calloc(1, imem);
		f->imem_tags = calloc(imem / GS_FLCN_BLOCK, sizeof(*f->imem_tags));
		f->imem_secure = calloc(imem / GS_FLCN_BLOCK, sizeof(*f->imem_secure));
		if (!f->imem || !f->imem_tags || !f->imem_secure)
			return -ENOMEM;
	}
	if (dmem) {
		f->dmem = calloc(1, dmem);
		if (!f->dmem)
			return -ENOMEM;
	}
	if (emem) {
		f->emem = calloc(1, emem);
		if (!f->emem)
			return -ENOMEM;
	}
	return 0;
}

int gs_falcon_init(struct gpusim *sim)
{
	static const char *const names[GS_NR_FALCONS] = { "GSP", "SEC2", "FSP" };
	static const u32 bases[GS_NR_FALCONS] = { GS_GSP_BASE, GS_SEC2_BASE, GS_FSP_BASE };
	bool fsp = gs_chip_fsp(sim);
	u32 i;
	int ret;

	for (i = 0; i < GS_NR_FALCONS; i++) {
		struct gs_falcon *f = &sim->flcn[i];

		f->name = names[i];
		f->id = i;
		f->base = bases[i];
		f->present = i != GS_FSP || fsp;
		f->halted = true;
	}
	ret = gs_falcon_alloc(&sim->flcn[GS_GSP], GS_GSP_IMEM_SIZE, GS_GSP_DMEM_SIZE, 0);
	if (!ret)
		ret = gs_falcon_alloc(&sim->flcn[GS_SEC2], GS_SEC2_IMEM_SIZE, GS_SEC2_DMEM_SIZE, 0);
	if (!ret && fsp)
		ret = gs_falcon_alloc(&sim->flcn[GS_FSP], 0, 0, GS_FSP_EMEM_SIZE);
	if (ret)
		return ret;
	if (fsp) {
		/*
		 * FSP chips: the GSP is out of reset and held in branch
		 * privilege lockdown until the FSP's FMC boots GSP-RM
		 * (nova-core gsp/hal/gh100.rs waits for its release).
		 */
		sim->flcn[GS_GSP].hwcfg2_lockdown = true;
	} else {
		/* SEC2-booter chips: the falcons come up in reset (gpusim.h). */
		sim->flcn[GS_GSP].in_reset = true;
		sim->flcn[GS_SEC2].in_reset = true;
	}
	return 0;
}

void gs_falcon_fini(struct gpusim *sim)
{
	u32 i;

	for (i = 0; i < GS_NR_FALCONS; i++) {
		struct gs_falcon *f = &sim->flcn[i];

		free(f->imem);
		free(f->dmem);
		free(f->emem);
		free(f->imem_tags);
		free(f->imem_secure);
		f->imem = f->dmem = f->emem = NULL;
		f->imem_tags = NULL;
		f->imem_secure = NULL;
	}
}

void gs_falcon_tick(struct gpusim *sim)
{
	u32 i;

	for (i = 0; i < GS_NR_FALCONS; i++) {
		struct gs_falcon *f = &sim->flcn[i];

		if (f->scrubbing && sim->now_ns >= f->scrub_done_ns)
			f->scrubbing = false;
	}
}

/* The GSP's RISC-V core starts GSP-RM (booter or FMC accepted it). */
void gs_gsp_riscv_start(struct gpusim *sim)
{
	struct gs_falcon *gsp = &sim->flcn[GS_GSP];

	gsp->riscv_active = true;
	gsp->bcr_ctrl |= GS_BCR_CTRL_CORE_SELECT;
	gsp->hwcfg2_lockdown = false;
	/*
	 * GSP-RM unmasks its message-queue interrupt for the host; nouveau
	 * ANDs IRQSTAT with this mask (gsp/ga102.c, tu102.c). A guess at
	 * what RM programs: SWGEN0 only.
	 */
	gsp->riscv_irqmask = GS_IRQ_SWGEN0;
}

void gs_gsp_riscv_halt(struct gpusim *sim)
{
	sim->flcn[GS_GSP].riscv_active = false;
}

static void gs_falcon_reset(struct gpusim *sim, struct gs_falcon *f, bool assert)
{
	if (assert) {
		f->in_reset = true;
		f->scrubbing = false;
		f->loaded = false;
		f->halted = true;
		f->riscv_active = false;
		f->mailbox[0] = f->mailbox[1] = 0;
		f->irqstat = 0;
		f->bootvec = 0;
		f->dma_base = f->dma_base1 = f->dma_moffs = f->dma_fboffs = 0;
		f->dma_cmd = 0;
		f->mod_sel = f->ucode_id = f->engidmask = f->paraaddr0 = 0;
		memset(f->imemc, 0, sizeof(f->imemc));
		memset(f->dmemc, 0, sizeof(f->dmemc));
		if (f->imem) {
			memset(f->imem, 0, f->imem_size);
			memset(f->imem_tags, 0, f->imem_size / GS_FLCN_BLOCK * sizeof(*f->imem_tags));
			memset(f->imem_secure, 0,
			       f->imem_size / GS_FLCN_BLOCK * sizeof(*f->imem_secure));
		}
		if (f->dmem)
			memset(f->dmem, 0, f->dmem_size);
		if (f->id == GS_GSP && sim->rm_running)
			nvgsp_os_log(&gpusim_log_dev, NVGSP_LOG_DEBUG, NVGSP_DBG_BOOT,
				     "GSP reset while GSP-RM runs: RISC-V core stopped");
		return;
	}
	if (!f->in_reset)
		return;
	f->in_reset = false;
	f->scrubbing = true;
	f->scrub_done_ns = gs_now(sim) + GS_SCRUB_NS;
}

/* Whether PIO, DMA or a start may happen now; records why not. */
static bool gs_falcon_usable(struct gpusim *sim, struct gs_falcon *f, const char *reg, u32 value)
{
	if (f->in_reset) {
		gpusim_hw_fail(sim, "%s %s written (0x%08x) while the falcon is held in reset (ENGINE.reset = 1)",
			       f->name, reg, value);
		return false;
	}
	if (f->scrubbing) {
		gpusim_hw_fail(sim, "%s %s written (0x%08x) while memory scrubbing after reset is still busy",
			       f->name, reg, value);
		return false;
	}
	return true;
}

/* ---- PIO ---- */

static void gs_pio_write(struct gpusim *sim, struct gs_falcon *f, bool imem, u32 port, u32 value)
{
	u32 *ctl = imem ? &f->imemc[port] : &f->dmemc[port];
	u32 size = imem ? f->imem_size : f->dmem_size;
	u32 off = GS_MEMC_OFFS(*ctl);
	char reg[16];

	snprintf(reg, sizeof(reg), "%s(%u)", imem ? "IMEMD" : "DMEMD", port);
	if (!gs_falcon_usable(sim, f, reg, value))
		return;
	if (off + 4 > size) {
		gpusim_hw_fail(sim, "%s %s: offset 0x%x (from %s) is past the %u-byte %s",
			       f->name, reg, off, imem ? "IMEMC" : "DMEMC", size,
			       imem ? "IMEM" : "DMEM");
		return;
	}
	if (imem) {
		gs_put32(f->imem + off, value);
		f->imem_secure[off / GS_FLCN_BLOCK] = *ctl & GS_MEMC_SECURE;
		f->loaded = true;
	} else {
		gs_put32(f->dmem + off, value);
	}
	if (*ctl & GS_MEMC_AINCW)
		*ctl = (*ctl & ~0xfffcu) | ((off + 4) & 0xfffcu);
}

static u32 gs_pio_read(struct gs_falcon *f, bool imem, u32 port, bool side_effects)
{
	u32 *ctl = imem ? &f->imemc[port] : &f->dmemc[port];
	u32 size = imem ? f->imem_size : f->dmem_size;
	u32 off = GS_MEMC_OFFS(*ctl), v;

	if (off + 4 > size)
		return 0;
	v = gs_le32((imem ? f->imem : f->dmem) + off);
	if (side_effects && (*ctl & GS_MEMC_AINCR))
		*ctl = (*ctl & ~0xfffcu) | ((off + 4) & 0xfffcu);
	return v;
}

/* ---- DMA ---- */

/* Copy host memory at @src into falcon memory at @dst; false after a failure. */
static bool gs_dma_copy(struct gpusim *sim, struct gs_falcon *f, bool imem, bool secure,
			u32 dst, u64 src, u32 len, const char *what)
{
	u32 size = imem ? f->imem_size : f->dmem_size;
	const void *p;
	u32 b;

	if (!len)
		return true;
	if (dst > size || len > size - dst) {
		gpusim_hw_fail(sim, "%s %s: %u bytes to %s 0x%x overrun the %u-byte %s",
			       f->name, what, len, imem ? "IMEM" : "DMEM", dst, size,
			       imem ? "IMEM" : "DMEM");
		return false;
	}
	p = gpusim_hw_dma(sim, src, len, what);
	if (!p)
		return false;
	memcpy((imem ? f->imem : f->dmem) + dst, p, len);
	if (imem) {
		for (b = dst / GS_FLCN_BLOCK; b <= (dst + len - 1) / GS_FLCN_BLOCK; b++) {
			f->imem_tags[b] = b;
			f->imem_secure[b] = secure;
		}
		f->loaded = true;
	}
	return true;
}

/* Whether FBIF_TRANSCFG[@ctx] lets the falcon reach host memory physically. */
static bool gs_ctxdma_ok(struct gpusim *sim, struct gs_falcon *f, u32 ctx, const char *who)
{
	u32 tc;

	if (ctx >= 8) {
		gpusim_hw_fail(sim, "%s %s: ctx_dma %u is not an FBIF_TRANSCFG index (0..7)",
			       f->name, who, ctx);
		return false;
	}
	tc = f->transcfg[ctx];
	if (GS_TRANSCFG_TARGET(tc) != 1 && GS_TRANSCFG_TARGET(tc) != 2) {
		gpusim_hw_fail(sim, "%s %s: FBIF_TRANSCFG(%u) = 0x%x targets %s, not system memory",
			       f->name, who, ctx, tc,
			       GS_TRANSCFG_TARGET(tc) ? "an invalid aperture" : "local FB");
		return false;
	}
	if (!(tc & GS_TRANSCFG_PHYSICAL)) {
		gpusim_hw_fail(sim, "%s %s: FBIF_TRANSCFG(%u) = 0x%x is virtual; only physical (bit 2) DMA is modelled",
			       f->name, who, ctx, tc);
		return false;
	}
	return true;
}

static void gs_dma_cmd(struct gpusim *sim, struct gs_falcon *f, u32 cmd)
{
	bool imem = cmd & GS_DMATRFCMD_IMEM;
	u32 len = 4u << GS_DMATRFCMD_SIZE(cmd);
	u64 src;

	f->dma_cmd = cmd;
	if (!gs_falcon_usable(sim, f, "DMATRFCMD", cmd))
		return;
	if (cmd & GS_DMATRFCMD_WRITE) {
		gpusim_hw_fail(sim, "%s DMATRFCMD 0x%08x: falcon-to-host DMA is not modelled",
			       f->name, cmd);
		return;
	}
	if (!gs_ctxdma_ok(sim, f, GS_DMATRFCMD_CTXDMA(cmd), "DMATRFCMD"))
		return;
	if (len > GS_FLCN_BLOCK) {
		gpusim_hw_fail(sim, "%s DMATRFCMD 0x%08x: size field %u means %u bytes, more than 256",
			       f->name, cmd, GS_DMATRFCMD_SIZE(cmd), len);
		return;
	}
	src = ((u64)(f->dma_base1 & 0x1ff) << 40) + ((u64)f->dma_base << 8) + f->dma_fboffs;
	gs_dma_copy(sim, f, imem, imem && (cmd & 0xc), f->dma_moffs & 0xffffff, src, len,
		    imem ? "DMA to IMEM" : "DMA to DMEM");
}

/* ---- what runs on the GSP falcon ---- */

/*
 * The generic falcon bootloader on Turing/GA100 (570.144 gen_bootloader):
 * nova-core firmware/fwsec/bootloader.rs PIO-loads its code right below 64
 * KiB of IMEM, tagged from start_tag, boots at start_tag << 8, with a
 * BootloaderDmemDescV2 at DMEM 0; the bootloader then copies
 * code_dma_base + off to IMEM off for the non-secure and secure parts, and
 * data_dma_base to DMEM 0. Return 0 when it ran, 1 when IMEM does not hold
 * it at all (boot vector elsewhere), -EINVAL after recording a failure.
 * The file's start_tag and code are gpusim's own reading
 * (gpusim_gen_bl_read()).
 */
static int gs_gen_bootloader(struct gpusim *sim, struct gs_falcon *f)
{
	const struct nvgsp_fw_blob *blob = gpusim_fw_file(sim->fw, NVGSP_FW_GEN_BOOTLOADER);
	const struct gpusim_gen_bl_facts *bl = gpusim_fw_gen_bl_own(sim->fw);
	u32 at, aligned, i, ctx, ns_off, ns_size, sec_off, sec_size, data_size;
	u64 code_base, data_base;
	const u8 *code;

	if (!blob || !bl)
		return 1;
	if (f->bootvec != bl->start_tag << 8)
		return 1;
	aligned = (bl->code_size + GS_FLCN_BLOCK - 1) & ~(GS_FLCN_BLOCK - 1);
	if (aligned > NVGSP_FW_BL_IMEM_CEILING) {
		gpusim_hw_fail(sim, "%s: code_size 0x%x does not fit below IMEM 0x%x",
			       blob->name, bl->code_size, NVGSP_FW_BL_IMEM_CEILING);
		return -EINVAL;
	}
	at = NVGSP_FW_BL_IMEM_CEILING - aligned;
	code = blob->data + bl->image_off + bl->code_off;
	for (i = 0; i < bl->code_size; i++) {
		if (f->imem[at + i] != code[i]) {
			gpusim_hw_fail(sim, "GSP IMEM 0x%x: 0x%02x, but gen_bootloader's code byte 0x%x is 0x%02x (BOOTVEC 0x%x names the bootloader)",
				       at + i, f->imem[at + i], i, code[i], f->bootvec);
			return -EINVAL;
		}
	}
	for (i = 0; i < aligned / GS_FLCN_BLOCK; i++) {
		u32 b = at / GS_FLCN_BLOCK + i;

		if (f->imem_tags[b] != bl->start_tag + i) {
			gpusim_hw_fail(sim, "GSP IMEM block 0x%x: tag 0x%x, but gen_bootloader's block %u needs tag 0x%x (start_tag 0x%x)",
				       b * GS_FLCN_BLOCK, f->imem_tags[b], i, bl->start_tag + i,
				       bl->start_tag);
			return -EINVAL;
		}
	}

	ctx = gs_le32(f->dmem + GS_BLD_CTX_DMA);
	code_base = gs_le64(f->dmem + GS_BLD_CODE_DMA_BASE);
	ns_off = gs_le32(f->dmem + GS_BLD_NON_SEC_CODE_OFF);
	ns_size = gs_le32(f->dmem + GS_BLD_NON_SEC_CODE_SIZE);
	sec_off = gs_le32(f->dmem + GS_BLD_SEC_CODE_OFF);
	sec_size = gs_le32(f->dmem + GS_BLD_SEC_CODE_SIZE);
	data_base = gs_le64(f->dmem + GS_BLD_DATA_DMA_BASE);
	data_size = gs_le32(f->dmem + GS_BLD_DATA_SIZE);
	if (!gs_ctxdma_ok(sim, f, ctx, "gen_bootloader descriptor ctx_dma"))
		return -EINVAL;
	if ((u64)ns_off + ns_size > at || (u64)sec_off + sec_size > at) {
		gpusim_hw_fail(sim, "GSP gen_bootloader descriptor: code [0x%x, +0x%x) and [0x%x, +0x%x) must stay below the bootloader at IMEM 0x%x",
			       ns_off, ns_size, sec_off, sec_size, at);
		return -EINVAL;
	}
	if (data_size > f->dmem_size) {
		gpusim_hw_fail(sim, "GSP gen_bootloader descriptor: data_size 0x%x exceeds the %u-byte DMEM",
			       data_size, f->dmem_size);
		return -EINVAL;
	}
	if (!gs_dma_copy(sim, f, true, false, ns_off, code_base + ns_off, ns_size,
			 "gen_bootloader descriptor code_dma_base + non_sec_code_off") ||
	    !gs_dma_copy(sim, f, true, true, sec_off, code_base + sec_off, sec_size,
			 "gen_bootloader descriptor code_dma_base + sec_code_off") ||
	    !gs_dma_copy(sim, f, false, false, 0, data_base, data_size,
			 "gen_bootloader descriptor data_dma_base"))
		return -EINVAL;
	return 0;
}

/* GA102+: the boot ROM verifies HS ucode with what the driver programmed. */
static bool gs_brom_ok(struct gpusim *sim, struct gs_falcon *f, const char *what,
		       u32 pkc, u32 engid, u32 ucode_id)
{
	u32 base2 = f->base + GS_FALCON2_OFF;

	if (gs_chip_pre_ga102(sim))
		return true;	/* no BROM programming on TU10x/GA100 (vbios.rst, "Signature selection") */
	if (f->mod_sel != 1) {
		gpusim_hw_fail(sim, "%s BROM MOD_SEL (0x%06x) is %u, not 1 (RSA-3K): the boot ROM refuses %s",
			       f->name, base2 + GS_FLCN2_MOD_SEL, f->mod_sel, what);
		return false;
	}
	if (f->paraaddr0 != pkc) {
		gpusim_hw_fail(sim, "%s BROM_PARAADDR[0] (0x%06x) is 0x%x, but %s's signature is at DMEM 0x%x",
			       f->name, base2 + GS_FLCN2_BROM_PARAADDR0, f->paraaddr0, what, pkc);
		return false;
	}
	if (f->engidmask != engid) {
		gpusim_hw_fail(sim, "%s BROM_ENGIDMASK (0x%06x) is 0x%x, %s's is 0x%x",
			       f->name, base2 + GS_FLCN2_BROM_ENGIDMASK, f->engidmask, what, engid);
		return false;
	}
	if (f->ucode_id != ucode_id) {
		gpusim_hw_fail(sim, "%s BROM_CURR_UCODE_ID (0x%06x) is %u, %s's is %u",
			       f->name, base2 + GS_FLCN2_BROM_CURR_UCODE_ID, f->ucode_id, what,
			       ucode_id);
		return false;
	}
	return true;
}

static void gs_fwsec_frts(struct gpusim *sim, const struct gpusim_fwsec_cmd *cmd)
{
	u64 fb = (u64)sim->fb_mib << 20;
	u32 scratch = GS_PBUS_SW_SCRATCH(GS_SCRATCH_FRTS_ERR);

	if (gpusim_hw_fault(sim, GPUSIM_FAULT_FWSEC, NULL)) {
		gs_store_wr(sim, scratch, GS_FWSEC_FAULT_ERR << 16);
		return;
	}
	if (sim->wpr2_hi) {
		gpusim_hw_fail(sim, "FWSEC-FRTS run while WPR2 is already set (WPR2_ADDR_HI 0x%08x)",
			       sim->wpr2_hi);
		gs_store_wr(sim, scratch, GS_FWSEC_FAULT_ERR << 16);
		return;
	}
	if (cmd->frts_addr > fb || cmd->frts_size > fb - cmd->frts_addr) {
		gpusim_hw_fail(sim, "FWSEC-FRTS region [0x%llx, +0x%llx) is not inside the 0x%llx-byte FB",
			       cmd->frts_addr,
			       cmd->frts_size, fb);
		gs_store_wr(sim, scratch, GS_FWSEC_FAULT_ERR << 16);
		return;
	}
	/* WPR2 (hardware.rst): bits 31:4 = address >> 12; HI is the exclusive end. */
	sim->wpr2_lo = (u32)((cmd->frts_addr >> 12) << 4);
	sim->wpr2_hi = (u32)(((cmd->frts_addr + cmd->frts_size) >> 12) << 4);
	gs_store_wr(sim, scratch, 0);
}

static void gs_gsp_falcon_run(struct gpusim *sim, struct gs_falcon *f)
{
	struct gpusim_fwsec_cmd cmd;
	u32 fuse;
	char err[256];
	int ret;

	if (!gs_chip_pre_ga102(sim) && (f->bcr_ctrl & GS_BCR_CTRL_CORE_SELECT)) {
		gpusim_hw_fail(sim, "GSP CPUCTL: falcon start with BCR_CTRL.core_select = RISC-V (0x%x); select the falcon core after reset",
			       f->bcr_ctrl);
		f->mailbox[0] = GS_FWSEC_REFUSED;
		return;
	}
	/*
	 * No ucode: nova-core starts the reset GSP once with the libos address
	 * in its mailboxes and waits for the halt (gsp-boot.rst, "SEC2-booter boot", step 7); it
	 * halts at once and keeps them.
	 */
	if (!f->loaded)
		return;
	if (gs_chip_pre_ga102(sim)) {
		ret = gs_gen_bootloader(sim, f);
		if (ret < 0) {
			f->mailbox[0] = GS_FWSEC_REFUSED;
			return;
		}
	}
	fuse = gs_store_rd(sim, GS_FUSE_GSP_UCODE1_VERSION + (GPUSIM_VBIOS_UCODE_ID - 1) * 4);
	ret = gpusim_vbios_fwsec_check_fuse(sim->rom, sim->rom_len, fuse, f->imem, f->imem_size,
					    f->dmem, f->dmem_size, &cmd, err, sizeof(err));
	if (ret) {
		gpusim_hw_fail(sim, "GSP: the ucode started is not the VBIOS's FWSEC as it must be patched: %s",
			       err);
		f->mailbox[0] = GS_FWSEC_REFUSED;
		return;
	}
	if (!gs_brom_ok(sim, f, "FWSEC", GPUSIM_VBIOS_PKC, GPUSIM_VBIOS_ENGINE_GSP,
			GPUSIM_VBIOS_UCODE_ID)) {
		f->mailbox[0] = GS_FWSEC_REFUSED;
		return;
	}
	sim->stats.fwsec_runs++;
	f->mailbox[0] = 0;
	switch (cmd.cmd) {
	case GS_FWSEC_CMD_FRTS:
		gs_fwsec_frts(sim, &cmd);
		break;
	case GS_FWSEC_CMD_SB:
		gs_store_wr(sim, GS_PBUS_SW_SCRATCH(GS_SCRATCH_SB_ERR),
			    gs_store_rd(sim, GS_PBUS_SW_SCRATCH(GS_SCRATCH_SB_ERR)) & ~0xffffu);
		break;
	default:
		gpusim_hw_fail(sim, "GSP: FWSEC init_cmd 0x%x is neither FRTS (0x15) nor SB (0x19)",
			       cmd.cmd);
		f->mailbox[0] = GS_FWSEC_REFUSED;
	}
}

/* ---- what runs on SEC2 ---- */

/**
 * struct gs_hs_match - how SEC2's memories compare with one HS ucode file.
 * @matched: bytes that matched before the first difference (all: no
 *           difference).
 * @ok: no difference.
 * @why: the first difference.
 */
struct gs_hs_match {
	u32 matched;
	bool ok;
	char why[256];
};

static bool gs_cmp_region(struct gs_hs_match *m, const char *file, const char *mem_name,
			  const u8 *mem, u32 mem_off, const u8 *img, u32 img_off, u32 len,
			  const char *part)
{
	u32 i;

	for (i = 0; i < len; i++) {
		if (mem[mem_off + i] != img[img_off + i]) {
			snprintf(m->why, sizeof(m->why),
				 "SEC2 %s 0x%x is 0x%02x, but %s's %s byte 0x%x is 0x%02x",
				 mem_name, mem_off + i, mem[mem_off + i], file, part, i,
				 img[img_off + i]);
			return false;
		}
		m->matched++;
	}
	return true;
}

/*
 * Where the driver must have put an HS ucode (nova-core firmware/booter.rs):
 * GA102 and later DMA the application's code to IMEM 0; TU10x/GA100 put the
 * OS code at IMEM os_code_offset and the application at its own offset.
 * DMEM holds the OS data from 0, with the signature for fuse version 0
 * (gpusim's fuses read 0) patched at patch_loc - os_data_offset. The
 * offsets, sizes and signature are gpusim's own reading of @blob
 * (gpusim_hs_read()), not the driver's parse.
 */
static void gs_hs_compare(struct gpusim *sim, struct gs_falcon *f, const char *file,
			  const struct nvgsp_fw_blob *blob, const struct gpusim_hs_facts *hs,
			  struct gs_hs_match *m)
{
	u32 app_dst = gs_chip_pre_ga102(sim) ? hs->app_code_off : 0, b;
	const u8 *image = blob->data + hs->image_off;

	m->matched = 0;
	m->ok = false;
	if (hs->app_code_off + hs->app_code_size > f->imem_size ||
	    app_dst + hs->app_code_size > f->imem_size ||
	    hs->os_code_off + hs->os_code_size > f->imem_size ||
	    hs->os_data_size > f->dmem_size) {
		snprintf(m->why, sizeof(m->why), "%s does not fit SEC2's memories", file);
		return;
	}
	if (gs_chip_pre_ga102(sim) &&
	    !gs_cmp_region(m, file, "IMEM", f->imem, hs->os_code_off, image,
			   hs->os_code_off, hs->os_code_size, "OS code"))
		return;
	if (!gs_cmp_region(m, file, "IMEM", f->imem, app_dst, image, hs->app_code_off,
			   hs->app_code_size, "application code"))
		return;
	for (b = app_dst / GS_FLCN_BLOCK; hs->app_code_size &&
	     b <= (app_dst + hs->app_code_size - 1) / GS_FLCN_BLOCK; b++) {
		if (!f->imem_secure[b]) {
			snprintf(m->why, sizeof(m->why),
				 "SEC2 IMEM block 0x%x holds %s's application code but was not loaded as secure code",
				 b * GS_FLCN_BLOCK, file);
			return;
		}
	}
	if (!gs_cmp_region(m, file, "DMEM", f->dmem, 0, image, hs->os_data_off,
			   hs->sig_dmem, "OS data"))
		return;
	if (!gs_cmp_region(m, file, "DMEM", f->dmem, hs->sig_dmem, blob->data, hs->sig_off,
			   hs->sig_size, "signature (for fuse version 0)"))
		return;
	b = hs->sig_dmem + hs->sig_size;
	if (b < hs->os_data_size &&
	    !gs_cmp_region(m, file, "DMEM", f->dmem, b, image, hs->os_data_off + b,
			   hs->os_data_size - b, "OS data"))
		return;
	m->ok = true;
}

static void gs_booter_load(struct gpusim *sim, struct gs_falcon *f)
{
	struct gs_falcon *gsp = &sim->flcn[GS_GSP];
	struct gpusim_wpr_result res;
	u64 meta = (u64)f->mailbox[1] << 32 | f->mailbox[0];
	u64 libos = (u64)gsp->mailbox[1] << 32 | gsp->mailbox[0];
	u64 frts_lo = 0, frts_hi = 0;

	if (gpusim_hw_fault(sim, GPUSIM_FAULT_BOOTER, NULL)) {
		f->mailbox[0] = GS_BOOTER_FAULT_ERR;
		return;
	}
	if (gsp->in_reset) {
		gpusim_hw_fail(sim, "booter_load: the GSP falcon is held in reset; it cannot start GSP-RM");
		f->mailbox[0] = GS_BOOTER_REFUSED;
		return;
	}
	if (sim->wpr2_hi) {
		frts_lo = (u64)(sim->wpr2_lo >> 4) << 12;
		frts_hi = (u64)(sim->wpr2_hi >> 4) << 12;
	}
	if (gpusim_wpr_check(sim, sim->fw, (u64)sim->fb_mib << 20, frts_lo, frts_hi, meta, false,
			     &res)) {
		f->mailbox[0] = GS_BOOTER_REFUSED;
		return;
	}
	if (!sim->wpr2_hi) {
		sim->wpr2_lo = (u32)((res.wpr2_lo >> 12) << 4);
		sim->wpr2_hi = (u32)((res.wpr2_hi >> 12) << 4);
	}
	gs_store_wr(sim, GS_BSI_SECURE_SCRATCH_14,
		    gs_store_rd(sim, GS_BSI_SECURE_SCRATCH_14) | GS_BSI_BOOT_STAGE_3_HANDOFF);
	f->mailbox[0] = 0;
	gs_gsp_riscv_start(sim);
	if (sim->rm_running)
		return;	/* sequencer CORE_RESUME: GSP-RM continues */
	sim->rm_running = true;
	sim->rm_started = true;
	sim->rm_unloaded = false;
	sim->wpr_vf_partitions = res.meta.heap_vf_partition_count;
	gpusim_rm_start(sim->rm, libos);
}

/*
 * booter_unload tears WPR2 down; GSP-RM must no longer run on the GSP's
 * RISC-V core: unloaded (UNLOADING_GUEST_DRIVER), crashed, or stopped by a
 * GSP reset when it hung. Whatever state GSP-RM had is gone afterwards.
 */
static void gs_booter_unload(struct gpusim *sim, struct gs_falcon *f)
{
	if (sim->flcn[GS_GSP].riscv_active) {
		gpusim_hw_fail(sim, "booter_unload started while GSP-RM still runs on the GSP's RISC-V core (neither unloaded nor reset)");
		f->mailbox[0] = GS_BOOTER_REFUSED;
		return;
	}
	sim->rm_running = false;
	sim->wpr2_lo = 0;
	sim->wpr2_hi = 0;
	f->mailbox[0] = 0;
}

static void gs_sec2_run(struct gpusim *sim, struct gs_falcon *f)
{
	static const struct {
		enum nvgsp_fw_role role;
		const char *name;
	} files[] = {
		{ NVGSP_FW_BOOTER_LOAD, "booter_load" },
		{ NVGSP_FW_BOOTER_UNLOAD, "booter_unload" },
		{ NVGSP_FW_SCRUBBER, "scrubber" },
	};
	const struct gpusim_hs_facts *hs, *best_hs = NULL;
	struct gs_hs_match *m, *best = NULL;
	u32 i, which = 0;

	if (!f->loaded) {
		gpusim_hw_fail(sim, "SEC2 CPUCTL: CPU started with no ucode loaded");
		f->mailbox[0] = GS_BOOTER_REFUSED;
		return;
	}
	m = calloc(2, sizeof(*m));
	if (!m) {
		gpusim_hw_fail(sim, "SEC2: out of memory comparing ucode");
		f->mailbox[0] = GS_BOOTER_REFUSED;
		return;
	}
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		const struct nvgsp_fw_blob *blob = gpusim_fw_file(sim->fw, files[i].role);
		struct gs_hs_match *cur = best == &m[0] ? &m[1] : &m[0];

		hs = gpusim_fw_hs_own(sim->fw, files[i].role);
		if (!blob || !hs)
			continue;
		gs_hs_compare(sim, f, files[i].name, blob, hs, cur);
		if (!best || cur->ok || cur->matched > best->matched) {
			best = cur;
			best_hs = hs;
			which = i;
		}
		if (cur->ok)
			break;
	}
	if (!best || !best->ok) {
		gpusim_hw_fail(sim, "SEC2: the ucode started is not a booter of %s %s: %s",
			       sim->chip_name, sim->release,
			       best ? best->why : "no HS ucode files for this chip");
		f->mailbox[0] = GS_BOOTER_REFUSED;
		goto free_match;
	}
	if (!gs_brom_ok(sim, f, files[which].name, best_hs->sig_dmem,
			best_hs->engine_id_mask, best_hs->ucode_id)) {
		f->mailbox[0] = GS_BOOTER_REFUSED;
		goto free_match;
	}
	switch (files[which].role) {
	case NVGSP_FW_BOOTER_LOAD:
		sim->stats.booter_runs++;
		gs_booter_load(sim, f);
		break;
	case NVGSP_FW_BOOTER_UNLOAD:
		sim->stats.booter_runs++;
		gs_booter_unload(sim, f);
		break;
	default:
		f->mailbox[0] = 0;	/* the scrubber: nothing the model tracks */
		break;
	}
free_match:
	free(m);
}

static void gs_falcon_start(struct gpusim *sim, struct gs_falcon *f, const char *reg, u32 value)
{
	if (!gs_falcon_usable(sim, f, reg, value))
		return;
	if (f->id == GS_FSP) {
		gpusim_hw_fail(sim, "FSP %s: the FSP runs its own firmware; the driver does not start it",
			       reg);
		return;
	}
	if (f->riscv_active) {
		gpusim_hw_fail(sim, "%s %s: falcon start while the RISC-V core runs", f->name, reg);
		return;
	}
	f->halted = false;
	if (f->id == GS_GSP)
		gs_gsp_falcon_run(sim, f);
	else
		gs_sec2_run(sim, f);
	f->halted = true;
}

/* ---- register decoding ---- */

static u32 gs_hwcfg1(const struct gpusim *sim)
{
	u32 core_rev = gs_chip_pre_ga102(sim) ? 5 : 7;

	/* 3:0 core rev, 5:4 security model 3 (HS), 11:8 IMEM ports, 15:12 DMEM ports. */
	return core_rev | 3u << 4 | GS_NR_IMEM_PORTS << 8 | GS_NR_DMEM_PORTS << 12;
}

static u32 gs_falcon2_rd(struct gpusim *sim, struct gs_falcon *f, u32 off)
{
	bool pre = gs_chip_pre_ga102(sim);

	switch (off) {
	case GS_FLCN2_MOD_SEL:
		return f->mod_sel;
	case GS_FLCN2_BROM_CURR_UCODE_ID:
		return f->ucode_id;
	case GS_FLCN2_BROM_ENGIDMASK:
		return f->engidmask;
	case GS_FLCN2_BROM_PARAADDR0:
		return f->paraaddr0;
	case GS_FLCN2_RISCV_STATUS:
		if (pre)
			return f->riscv_active;
		break;
	case GS_FLCN2_RISCV_CPUCTL:
		if (!pre)
			return f->riscv_active ? GS_RISCV_CPUCTL_ACTIVE : GS_RISCV_CPUCTL_HALTED;
		break;
	case GS_FLCN2_RISCV_IRQMASK_TU102:
		if (pre)
			return f->riscv_irqmask;
		break;
	case GS_FLCN2_RISCV_IRQMASK_GA102:
		if (!pre)
			return f->riscv_irqmask;
		break;
	case GS_FLCN2_BCR_CTRL:
		return f->bcr_ctrl | GS_BCR_CTRL_VALID;
	}
	return gs_store_rd(sim, f->base + GS_FALCON2_OFF + off);
}

u32 gs_falcon_rd(struct gpusim *sim, struct gs_falcon *f, u32 off, bool side_effects)
{
	u32 v;

	if (off >= GS_FALCON2_OFF)
		return gs_falcon2_rd(sim, f, off - GS_FALCON2_OFF);
	if (off >= GS_FLCN_FBIF_TRANSCFG(0) && off <= GS_FLCN_FBIF_TRANSCFG(7))
		return f->transcfg[(off - GS_FLCN_FBIF_TRANSCFG(0)) / 4];
	if (off >= GS_FLCN_IMEMC(0) && off < GS_FLCN_IMEMC(GS_NR_IMEM_PORTS)) {
		u32 p = (off - GS_FLCN_IMEMC(0)) / 16;

		switch ((off - GS_FLCN_IMEMC(0)) % 16) {
		case 0:
			return f->imemc[p];
		case 4:
			return f->imem ? gs_pio_read(f, true, p, side_effects) : 0;
		case 8:
			return f->imem ? f->imem_tags[GS_MEMC_OFFS(f->imemc[p]) / GS_FLCN_BLOCK] : 0;
		}
	}
	if (off >= GS_FLCN_DMEMC(0) && off < GS_FLCN_DMEMC(GS_NR_DMEM_PORTS)) {
		u32 p = (off - GS_FLCN_DMEMC(0)) / 8;

		if ((off - GS_FLCN_DMEMC(0)) % 8 == 0)
			return f->dmemc[p];
		return f->dmem ? gs_pio_read(f, false, p, side_effects) : 0;
	}
	if (f->emem && off >= GS_FLCN_EMEMC(0) && off < GS_FLCN_EMEMC(4)) {
		u32 p = (off - GS_FLCN_EMEMC(0)) / 8;

		if ((off - GS_FLCN_EMEMC(0)) % 8 == 0)
			return f->ememc[p];
		return gs_fsp_emem_rd(sim, f, p, side_effects);
	}
	switch (off) {
	case GS_FLCN_IRQSTAT:
		return f->irqstat;
	case GS_FLCN_IRQMASK:
		return f->irqmask;
	case GS_FLCN_MAILBOX0:
		return f->mailbox[0];
	case GS_FLCN_MAILBOX1:
		return f->mailbox[1];
	case GS_FLCN_OS:
		return f->os;
	case GS_FLCN_RM:
		return f->rm;
	case GS_FLCN_HWCFG2:
		v = GS_HWCFG2_RESET_READY;
		if (f->id != GS_SEC2)
			v |= GS_HWCFG2_RISCV;
		if (f->scrubbing)
			v |= GS_HWCFG2_MEM_SCRUBBING;
		if (f->hwcfg2_lockdown)
			v |= GS_HWCFG2_BR_PRIV_LOCKDOWN;
		return v;
	case GS_FLCN_CPUCTL:
		return f->halted ? GS_CPUCTL_HALTED : 0;
	case GS_FLCN_BOOTVEC:
		return f->bootvec;
	case GS_FLCN_HWCFG:
		return (f->imem_size / GS_FLCN_BLOCK) | (f->dmem_size / GS_FLCN_BLOCK) << 9;
	case GS_FLCN_DMACTL:
		v = f->dmactl & ~(GS_DMACTL_IMEM_SCRUBBING | GS_DMACTL_DMEM_SCRUBBING);
		if (f->scrubbing)
			v |= GS_DMACTL_IMEM_SCRUBBING | GS_DMACTL_DMEM_SCRUBBING;
		return v;
	case GS_FLCN_DMATRFBASE:
		return f->dma_base;
	case GS_FLCN_DMATRFMOFFS:
		return f->dma_moffs;
	case GS_FLCN_DMATRFCMD:
		return f->dma_cmd | GS_DMATRFCMD_IDLE;	/* transfers complete at once */
	case GS_FLCN_DMATRFFBOFFS:
		return f->dma_fboffs;
	case GS_FLCN_DMATRFBASE1:
		return f->dma_base1;
	case GS_FLCN_HWCFG1:
		return gs_hwcfg1(sim);
	case GS_FLCN_CPUCTL_ALIAS:
		return 0;
	case GS_FLCN_ENGINE:
		return f->in_reset;
	case GS_FLCN_FBIF_CTL:
		return f->fbif_ctl;
	}
	if (f->id == GS_FSP) {
		switch (off) {
		case GS_FLCN_QUEUE_HEAD:
			return f->queue_head;
		case GS_FLCN_QUEUE_TAIL:
			return f->queue_tail;
		case GS_FLCN_MSGQ_HEAD:
			return f->msgq_head;
		case GS_FLCN_MSGQ_TAIL:
			return f->msgq_tail;
		}
	}
	return gs_store_rd(sim, f->base + off);
}

static void gs_falcon2_wr(struct gpusim *sim, struct gs_falcon *f, u32 off, u32 value)
{
	switch (off) {
	case GS_FLCN2_MOD_SEL:
		f->mod_sel = value & 0xff;
		return;
	case GS_FLCN2_BROM_CURR_UCODE_ID:
		f->ucode_id = value & 0xff;
		return;
	case GS_FLCN2_BROM_ENGIDMASK:
		f->engidmask = value;
		return;
	case GS_FLCN2_BROM_PARAADDR0:
		f->paraaddr0 = value;
		return;
	case GS_FLCN2_BCR_CTRL:
		f->bcr_ctrl = value & ~GS_BCR_CTRL_VALID;
		return;
	case GS_FLCN2_RISCV_CPUCTL:
	case GS_FLCN2_RISCV_STATUS:
		return;	/* status, read-only */
	}
	gs_store_wr(sim, f->base + GS_FALCON2_OFF + off, value);
}

static void gs_irq_set(struct gpusim *sim, struct gs_falcon *f, u32 bits)
{
	if (f->id == GS_GSP && (bits & GS_IRQ_SWGEN0))
		gs_raise_swgen0(sim);
	f->irqstat |= bits;
}

void gs_falcon_wr(struct gpusim *sim, struct gs_falcon *f, u32 off, u32 value)
{
	if (off >= GS_FALCON2_OFF) {
		gs_falcon2_wr(sim, f, off - GS_FALCON2_OFF, value);
		return;
	}
	if (off >= GS_FLCN_FBIF_TRANSCFG(0) && off <= GS_FLCN_FBIF_TRANSCFG(7)) {
		f->transcfg[(off - GS_FLCN_FBIF_TRANSCFG(0)) / 4] = value;
		return;
	}
	if (off >= GS_FLCN_IMEMC(0) && off < GS_FLCN_IMEMC(GS_NR_IMEM_PORTS)) {
		u32 p = (off - GS_FLCN_IMEMC(0)) / 16;

		switch ((off - GS_FLCN_IMEMC(0)) % 16) {
		case 0:
			f->imemc[p] = value;
			return;
		case 4:
			if (f->imem)
				gs_pio_write(sim, f, true, p, value);
			return;
		case 8:
			if (f->imem && GS_MEMC_OFFS(f->imemc[p]) < f->imem_size)
				f->imem_tags[GS_MEMC_OFFS(f->imemc[p]) / GS_FLCN_BLOCK] = value & 0xffff;
			return;
		}
	}
	if (off >= GS_FLCN_DMEMC(0) && off < GS_FLCN_DMEMC(GS_NR_DMEM_PORTS)) {
		u32 p = (off - GS_FLCN_DMEMC(0)) / 8;

		if ((off - GS_FLCN_DMEMC(0)) % 8 == 0)
			f->dmemc[p] = value;
		else if (f->dmem)
			gs_pio_write(sim, f, false, p, value);
		return;
	}
	if (f->emem && off >= GS_FLCN_EMEMC(0) && off < GS_FLCN_EMEMC(4)) {
		u32 p = (off - GS_FLCN_EMEMC(0)) / 8;

		if ((off - GS_FLCN_EMEMC(0)) % 8 == 0)
			f->ememc[p] = value;
		else
			gs_fsp_emem_wr(sim, f, p, value);
		return;
	}
	switch (off) {
	case GS_FLCN_IRQSSET:
		gs_irq_set(sim, f, value);
		return;
	case GS_FLCN_IRQSCLR:
		f->irqstat &= ~value;
		return;
	case GS_FLCN_IRQMSET:
		f->irqmask |= value;
		return;
	case GS_FLCN_IRQMCLR:
		f->irqmask &= ~value;
		return;
	case GS_FLCN_MAILBOX0:
		f->mailbox[0] = value;
		return;
	case GS_FLCN_MAILBOX1:
		f->mailbox[1] = value;
		return;
	case GS_FLCN_OS:
		f->os = value;
		return;
	case GS_FLCN_RM:
		f->rm = value;
		return;
	case GS_FLCN_HWCFG2:
	case GS_FLCN_HWCFG:
	case GS_FLCN_HWCFG1:
		return;	/* read-only */
	case GS_FLCN_CPUCTL:
		if (value & GS_CPUCTL_STARTCPU)
			gs_falcon_start(sim, f, "CPUCTL", value);
		return;
	case GS_FLCN_CPUCTL_ALIAS:
		if (value & GS_CPUCTL_STARTCPU)
			gpusim_hw_fail(sim, "%s CPUCTL_ALIAS written (0x%08x) while CPUCTL.alias_en is clear; start through CPUCTL",
				       f->name, value);
		return;
	case GS_FLCN_BOOTVEC:
		f->bootvec = value;
		return;
	case GS_FLCN_DMACTL:
		f->dmactl = value;
		return;
	case GS_FLCN_DMATRFBASE:
		f->dma_base = value;
		return;
	case GS_FLCN_DMATRFMOFFS:
		f->dma_moffs = value;
		return;
	case GS_FLCN_DMATRFCMD:
		gs_dma_cmd(sim, f, value);
		return;
	case GS_FLCN_DMATRFFBOFFS:
		f->dma_fboffs = value;
		return;
	case GS_FLCN_DMATRFBASE1:
		f->dma_base1 = value;
		return;
	case GS_FLCN_ENGINE:
		gs_falcon_reset(sim, f, value & 1);
		return;
	case GS_FLCN_INTR_RETRIGGER:
		if (f->id == GS_GSP && (value & 1))
			gs_intr_retrigger_gsp(sim);
		return;
	case GS_FLCN_FBIF_CTL:
		f->fbif_ctl = value;
		return;
	case GS_FLCN_QUEUE_HEAD:
		if (f->id == GS_GSP) {
			/* The command-queue doorbell (nova-core gsp/cmdq.rs). */
			if (sim->rm_running && f->riscv_active)
				gpusim_rm_doorbell(sim->rm);
			return;
		}
		if (f->id == GS_FSP) {
			f->queue_head = value;
			gs_fsp_queue_head(sim, f);
			return;
		}
		break;
	}
	if (f->id == GS_FSP) {
		switch (off) {
		case GS_FLCN_QUEUE_TAIL:
			f->queue_tail = value;
			return;
		case GS_FLCN_MSGQ_HEAD:
			f->msgq_head = value;
			return;
		case GS_FLCN_MSGQ_TAIL:
			f->msgq_tail = value;
			return;
		}
	}
	gs_store_wr(sim, f->base + off, value);
}
