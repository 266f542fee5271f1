// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_gsp_boot.c - the steps of the SEC2-booter boot path (TU10x, TU11x,
 * GA100, GA10x, AD10x): GFW boot wait, sysmem flush, FB size and VGA
 * workspace, VBIOS and FWSEC (FRTS at boot, SB at teardown), the GSP
 * falcon's RISC-V start and booter_load/booter_unload on SEC2.
 *
 * Sequence: Documentation/gsp-boot.rst, "SEC2-booter boot" (nova-core gpu.rs,
 * gsp/boot.rs, firmware/{fwsec,booter}.rs; nouveau subdev/gsp/{fwsec,tu102,
 * ga102}.c and rm/r535/gsp.c).
 */
#include "nvgsp_gsp_types.h"
#include "chip/regs/nvgsp_regs_falcon.h"
#include "chip/regs/nvgsp_regs_fb.h"
#include "fw/nvgsp_fw_ucode.h"

#define GFW_BOOT_US		4000000
#define GFW_POLL_US		1000
#define SZ_1M			0x100000ull
#define SZ_128K			0x20000ull
#define FALCON_BLOCK		256u
#define ALIGN256(x)		(((x) + FALCON_BLOCK - 1) & ~(FALCON_BLOCK - 1))

/*
 * The falcon bootloader's DMEM descriptor, flcn_bl_dmem_desc_v2 (nouveau
 * include/nvfw/flcn.h, __packed; nova-core firmware/fwsec/bootloader.rs):
 * reserved[4], signature[4], ctx_dma, code_dma_base (u64),
 * non_sec_code_off, non_sec_code_size, sec_code_off, sec_code_size,
 * code_entry_point, data_dma_base (u64), data_size, argc, argv.
 */
#define BL_DESC_SIZE		84
#define BL_DESC_CTX_DMA		32
#define BL_DESC_CODE_DMA_BASE	36
#define BL_DESC_NON_SEC_OFF	44
#define BL_DESC_NON_SEC_SIZE	48
#define BL_DESC_SEC_OFF		52
#define BL_DESC_SEC_SIZE	56
#define BL_DESC_ENTRY		60
#define BL_DESC_DATA_DMA_BASE	64
#define BL_DESC_DATA_SIZE	72
/* FALCON_DMAIDX_PHYS_SYS_NCOH, as nouveau tu102_gsp_fwsec_load_bld uses. */
#define BL_CTX_DMA		4

static u32 fls32(u32 v)
{
	u32 n = 0;

	while (v) {
		n++;
		v >>= 1;
	}
	return n;
}

static u32 rd(struct nvgsp_gsp *gsp, u32 reg)
{
	return nvgsp_os_rd32(gsp->cfg.bar0, reg);
}

static void wr(struct nvgsp_gsp *gsp, u32 reg, u32 v)
{
	nvgsp_os_wr32(gsp->cfg.bar0, reg, v);
}

int nvgsp_gsp_gfw_wait(struct nvgsp_gsp *gsp)
{
	u64 start = nvgsp_os_time_ns();
	u64 limit = (u64)GFW_BOOT_US * gsp->cfg.timeout_scale * 1000;
	u32 plm, boot;

	if (!gsp->hal->gfw_boot_wait)
		return 0;
	/* nova-core gpu/hal/tu102.rs wait_gfw_boot_completion. */
	for (;;) {
		plm = rd(gsp, NV_PGC6_AON_SECURE_SCRATCH_GROUP_05_PRIV_LEVEL_MASK);
		boot = rd(gsp, NV_PGC6_AON_SECURE_SCRATCH_GROUP_05_0_GFW_BOOT);
		if (plm == 0xffffffffu || boot == 0xffffffffu)
			return nvgsp_gsp_fail(gsp, -ENODEV, "GFW_BOOT reads 0xffffffff");
		if ((plm & NV_PGC6_AON_SECURE_SCRATCH_GROUP_05_PRIV_LEVEL_MASK_READ_L0) &&
		    NV_PGC6_AON_SECURE_SCRATCH_GROUP_05_0_GFW_BOOT_PROGRESS(boot) ==
		    NV_PGC6_AON_SECURE_SCRATCH_GROUP_05_0_GFW_BOOT_COMPLETED)
			return 0;
		if (nvgsp_os_time_ns() - start >= limit)
			break;
		nvgsp_os_usleep(GFW_POLL_US);
	}
	nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
		     "VBIOS devinit did not complete: GFW_BOOT (0x%06x) 0x%08x, priv level mask 0x%08x",
		     NV_PGC6_AON_SECURE_SCRATCH_GROUP_05_0_GFW_BOOT, boot, plm);
	return nvgsp_gsp_fail(gsp, -ETIMEDOUT, "GFW_BOOT progress 0x%02x, not 0xff",
			      NV_PGC6_AON_SECURE_SCRATCH_GROUP_05_0_GFW_BOOT_PROGRESS(boot));
}

/*
 * How many address bits one flush register pair holds: the low register
 * 32 bits from lo_shift, the high one as many as hi_mask has from hi_shift.
 */
static unsigned int flush_reach_bits(const struct nvgsp_gsp_flush_reg *f)
{
	unsigned int bits = f->lo_shift + 32;
	u32 m;

	if (f->hi) {
		for (m = f->hi_mask, bits = f->hi_shift; m & 1; m >>= 1)
			bits++;
	}
	return bits < 64 ? bits : 64;
}

static void flush_program(struct nvgsp_gsp *gsp, u64 addr)
{
	const struct nvgsp_gsp_flush_reg *f;
	unsigned int i;

	for (i = 0; i < NVGSP_GSP_HAL_FLUSH_REGS; i++) {
		f = &gsp->hal->flush[i];
		if (!f->lo)
			break;
		/* nova-core fb/hal: the high part first, the low write arms it. */
		if (f->hi)
			wr(gsp, f->hi, (u32)(addr >> f->hi_shift) & f->hi_mask);
		wr(gsp, f->lo, (u32)(addr >> f->lo_shift));
	}
}

/*
 * The flush page must lie within what the family's registers hold (40 bits
 * on TU10x/TU11x, 52 on GH100 and Blackwell, 64 on GA100..AD10x), while the
 * device's DMA mask is wider (47 bits). The page is not allocated under a
 * narrower limit: a coherent allocation has no per-call limit (the DMA API
 * strips GFP_DMA32 and picks the zone or IOVA from the device's mask), and
 * narrowing the mask of a live device races its other mappings. The address
 * is checked once allocated instead, and the boot refused with one line
 * naming it and the limit: on such a host (forced-DAC IOMMU, more than 1 TiB
 * of RAM on Turing) the GPU would otherwise flush to another page.
 */
int nvgsp_gsp_sysmem_flush(struct nvgsp_gsp *gsp)
{
	unsigned int i, reach = 64;
	u64 last;
	int ret;

	ret = nvgsp_os_dma_alloc(gsp->cfg.dev, NVGSP_OS_PAGE_SIZE, &gsp->flush);
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, "no memory for the sysmem flush page");
	for (i = 0; i < NVGSP_GSP_HAL_FLUSH_REGS && gsp->hal->flush[i].lo; i++) {
		if (flush_reach_bits(&gsp->hal->flush[i]) < reach)
			reach = flush_reach_bits(&gsp->hal->flush[i]);
	}
	last = gsp->flush.addr + gsp->flush.size - 1;
	if (reach < 64 && (last >> reach)) {
		u64 addr = gsp->flush.addr;

		nvgsp_os_dma_free(gsp->cfg.dev, &gsp->flush);
		return nvgsp_gsp_fail(gsp, -ERANGE,
				      "sysmem flush page at 0x%llx is above the %u-bit limit (0x%llx) of %s's flush register",
				      (unsigned long long)addr, reach,
				      (unsigned long long)((1ull << reach) - 1), gsp->hal->sig_family);
	}
	flush_program(gsp, gsp->flush.addr);
	return 0;
}

/*
 * Undo of the sysmem flush step: point the registers away from the page
 * before gsp_free() frees it, so that after remove the GPU holds no address
 * of a freed host page. Nothing to do when the page was never programmed.
 */
void nvgsp_gsp_sysmem_flush_clear(struct nvgsp_gsp *gsp)
{
	if (!gsp->flush.cpu || gsp->gone)
		return;
	flush_program(gsp, 0);
}

int nvgsp_gsp_fb_probe(struct nvgsp_gsp *gsp)
{
	u64 fb, base, addr;
	u32 v, ws;

	if (gsp->hal->fb_size_reg == NVGSP_FB_SIZE_LOCAL_MEMORY_RANGE) {
		v = rd(gsp, NV_PFB_PRI_MMU_LOCAL_MEMORY_RANGE);
		fb = ((u64)NV_PFB_PRI_MMU_LOCAL_MEMORY_RANGE_LOWER_MAG(v) <<
		      NV_PFB_PRI_MMU_LOCAL_MEMORY_RANGE_LOWER_SCALE(v)) * SZ_1M;
		if (v & NV_PFB_PRI_MMU_LOCAL_MEMORY_RANGE_ECC_MODE)
			fb = fb / 16 * 15;
	} else {
		v = rd(gsp, NV_USABLE_FB_SIZE_IN_MB);
		fb = (u64)v * SZ_1M;
	}
	if (v == 0xffffffffu)
		return nvgsp_gsp_fail(gsp, -ENODEV, "FB size register reads 0xffffffff");
	if (fb < 16 * SZ_1M) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
			     "FB size register 0x%08x gives %llu MiB of VRAM: too small to boot",
			     v, fb / SZ_1M);
		return nvgsp_gsp_fail(gsp, -EINVAL, "VRAM size %llu MiB",
				      fb / SZ_1M);
	}
	gsp->fb_size = fb;

	/* nouveau tu102_gsp_vga_workspace_addr, nova-core fb.rs. */
	base = fb - SZ_1M;
	addr = base;
	if (gsp->hal->vga_workspace_fixed)
		addr = fb - gsp->hal->vga_workspace_fixed;
	else if (!(rd(gsp, gsp->hal->display_fuse) & NV_FUSE_STATUS_OPT_DISPLAY_DISABLED)) {
		ws = rd(gsp, NV_PDISP_VGA_WORKSPACE_BASE);
		if (ws != 0xffffffffu && (ws & NV_PDISP_VGA_WORKSPACE_BASE_STATUS_VALID)) {
			addr = NV_PDISP_VGA_WORKSPACE_BASE_ADDR(ws);
			if (addr < base)
				addr = fb - SZ_128K;
		}
	}
	gsp->vga_workspace = addr;
	nvgsp_os_log(gsp->dev, NVGSP_LOG_DEBUG, NVGSP_DBG_BOOT,
		     "VRAM %llu MiB, VGA workspace at 0x%llx", fb / SZ_1M,
		     addr);
	return 0;
}

int nvgsp_gsp_vbios(struct nvgsp_gsp *gsp)
{
	struct nvgsp_fw_blob blob;
	size_t size = 0;
	int ret;

	if (gsp->hal->fwsec == NVGSP_FWSEC_NONE)
		return 0;
	gsp->rom = nvgsp_os_zalloc(NVGSP_VBIOS_MAX);
	if (!gsp->rom)
		return nvgsp_gsp_fail(gsp, -ENOMEM, "no memory for the VBIOS");
	ret = nvgsp_fw_vbios_read(gsp->cfg.bar0, gsp->rom, &size, &gsp->diag);
	if (ret) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0, "%s", gsp->diag.msg);
		return nvgsp_gsp_fail(gsp, ret, "%s", gsp->diag.msg);
	}
	blob.name = "vbios";
	blob.data = gsp->rom;
	blob.size = size;
	ret = nvgsp_fw_vbios_parse(&blob, &gsp->vbios, &gsp->diag);
	if (ret) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0, "%s", gsp->diag.msg);
		return nvgsp_gsp_fail(gsp, ret, "%s", gsp->diag.msg);
	}
	if ((gsp->hal->fwsec == NVGSP_FWSEC_DMA_BROM) != (gsp->vbios.desc_version == 3))
		return nvgsp_gsp_fail(gsp, -ENOEXEC,
				      "FWSEC descriptor version %u does not suit a %s chip",
				      gsp->vbios.desc_version, gsp->hal->sig_family);
	return 0;
}

/* The falcon bootloader's descriptor for FWSEC v2 (nouveau tu102.c). */
static void bl_desc(const struct nvgsp_fw_vbios *vb, u64 addr, u8 *d)
{
	memset(d, 0, BL_DESC_SIZE);
	put_unaligned_le32(BL_CTX_DMA, d + BL_DESC_CTX_DMA);
	put_unaligned_le64(addr, d + BL_DESC_CODE_DMA_BASE);
	put_unaligned_le32(vb->imem_phys_base, d + BL_DESC_NON_SEC_OFF);
	put_unaligned_le32(vb->imem_load_size - vb->imem_sec_size, d + BL_DESC_NON_SEC_SIZE);
	put_unaligned_le32(vb->imem_sec_base, d + BL_DESC_SEC_OFF);
	put_unaligned_le32(vb->imem_sec_size, d + BL_DESC_SEC_SIZE);
	put_unaligned_le32(0, d + BL_DESC_ENTRY);
	put_unaligned_le64(addr + vb->dmem_offset, d + BL_DESC_DATA_DMA_BASE);
	put_unaligned_le32(vb->dmem_load_size, d + BL_DESC_DATA_SIZE);
}

/*
 * FWSEC v2 (TU10x, TU11x, GA100) with the falcon bootloader: the bootloader
 * by PIO at the top of IMEM, its descriptor at DMEM 0; it DMAs FWSEC from
 * @img itself. Without gen_bootloader (535.113.01 ships none; nouveau then
 * loads linux-firmware's unversioned acr/bl.bin, which the firmware set
 * does not carry), FWSEC's IMEM and DMEM are written by PIO directly, the
 * way the bootloader would place them: non-secure code at IMEMPhysBase,
 * secure code after it tagged from IMEMSecBase, DMEM at DMEMPhysBase, boot
 * at VirtualEntry. This deviates from nouveau and is documented in the
 * boot log at debug level.
 */
static int fwsec_load_v2(struct nvgsp_gsp *gsp, const struct nvgsp_os_dma *img, u32 *bootvec)
{
	const struct nvgsp_fw_vbios *vb = &gsp->vbios;
	const struct nvgsp_fw_file *file = &gsp->cfg.fw->files[NVGSP_FW_GEN_BOOTLOADER];
	struct nvgsp_falcon *f = &gsp->gsp;
	struct nvgsp_falcon_seg seg = { 0 };
	const u8 *p = img->cpu;
	u8 desc[BL_DESC_SIZE];
	u32 nonsec, imem_size;
	int ret;

	nvgsp_falcon_wr32(f, NV_PFALCON_FBIF_CTL, nvgsp_falcon_rd32(f, NV_PFALCON_FBIF_CTL) |
			  NV_PFALCON_FBIF_CTL_ALLOW_PHYS_NO_CTX);
	nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_DMACTL, 0);

	if (file->blob.data) {
		struct nvgsp_fw_bl_ucode bl;

		ret = nvgsp_fw_ucode_parse_bl(&file->blob, &bl, &gsp->diag);
		if (ret) {
			nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0, "%s", gsp->diag.msg);
			return nvgsp_gsp_fail(gsp, ret, "%s", gsp->diag.msg);
		}
		imem_size = NV_PFALCON_FALCON_HWCFG_IMEM_SIZE(nvgsp_falcon_rd32(f,
							NV_PFALCON_FALCON_HWCFG));
		if (imem_size < ALIGN256(bl.code.size))
			return nvgsp_gsp_fail(gsp, -EINVAL,
					      "bootloader code 0x%x does not fit IMEM size 0x%x",
					      bl.code.size, imem_size);
		seg.src = bl.image + bl.code.offset;
		seg.len = bl.code.size;
		seg.dst = imem_size - ALIGN256(bl.code.size);
		seg.tag = bl.start_tag;
		seg.imem = true;
		ret = nvgsp_falcon_load_pio(f, &seg);
		if (ret)
			return nvgsp_gsp_fail(gsp, ret, "bootloader IMEM load failed");
		bl_desc(vb, img->addr, desc);
		seg = (struct nvgsp_falcon_seg){ .src = desc, .len = BL_DESC_SIZE, .dst = 0 };
		ret = nvgsp_falcon_load_pio(f, &seg);
		if (ret)
			return nvgsp_gsp_fail(gsp, ret, "bootloader descriptor load failed");
		nvgsp_falcon_set_transcfg(f, BL_CTX_DMA);
		*bootvec = bl.boot_addr;
		return 0;
	}

	nvgsp_os_log(gsp->dev, NVGSP_LOG_DEBUG, NVGSP_DBG_BOOT,
		     "release %s has no gen_bootloader: loading FWSEC v2 by PIO",
		     gsp->abi->release);
	if (vb->imem_sec_size > vb->imem_load_size ||
	    vb->imem_sec_base < vb->imem_virt_base ||
	    vb->imem_sec_base - vb->imem_virt_base > vb->imem_load_size - vb->imem_sec_size)
		return nvgsp_gsp_fail(gsp, -ENOEXEC,
				      "FWSEC v2 secure IMEM 0x%x+0x%x outside IMEM load size 0x%x",
				      vb->imem_sec_base, vb->imem_sec_size, vb->imem_load_size);
	nonsec = vb->imem_load_size - vb->imem_sec_size;
	seg = (struct nvgsp_falcon_seg){ .src = p, .len = nonsec, .dst = vb->imem_phys_base,
					 .tag = vb->imem_virt_base >> 8, .imem = true };
	ret = nonsec ? nvgsp_falcon_load_pio(f, &seg) : 0;
	if (!ret && vb->imem_sec_size) {
		seg = (struct nvgsp_falcon_seg){
			.src = p + (vb->imem_sec_base - vb->imem_virt_base),
			.len = vb->imem_sec_size, .dst = vb->imem_phys_base + ALIGN256(nonsec),
			.tag = vb->imem_sec_base >> 8, .imem = true, .secure = true };
		ret = nvgsp_falcon_load_pio(f, &seg);
	}
	if (!ret) {
		seg = (struct nvgsp_falcon_seg){ .src = p + vb->dmem_offset,
						 .len = vb->dmem_load_size,
						 .dst = vb->dmem_phys_base };
		ret = nvgsp_falcon_load_pio(f, &seg);
	}
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, "FWSEC PIO load failed");
	*bootvec = vb->virtual_entry;
	return 0;
}

/* Build FWSEC for @cmd, run it on the GSP falcon; MAILBOX0 must be 0. */
static int fwsec_run(struct nvgsp_gsp *gsp, u32 cmd)
{
	const struct nvgsp_fw_vbios *vb = &gsp->vbios;
	struct nvgsp_fw_fwsec_cmd c = { .cmd = cmd };
	struct nvgsp_os_dma dma = { 0 };
	struct nvgsp_falcon_seg seg;
	u32 imem_pad, bootvec = 0, mbox0 = 0, mbox1 = 0, fuse;
	bool halted = false;
	u8 *img;
	int ret;

	if (cmd == NVGSP_FWSEC_CMD_FRTS) {
		c.frts_addr = gsp->plan.fb.frts_addr;
		c.frts_size = gsp->plan.fb.frts_size;
	}
	if (gsp->hal->fuse_gsp_version && vb->desc_version == 3) {
		if (vb->ucode_id < 1 || vb->ucode_id > NV_FUSE_OPT_FPF_UCODE_COUNT)
			return nvgsp_gsp_fail(gsp, -ENOEXEC, "FWSEC UcodeId %u is not in 1..%u",
					      vb->ucode_id, NV_FUSE_OPT_FPF_UCODE_COUNT);
		fuse = rd(gsp, gsp->hal->fuse_gsp_version + 4u * (vb->ucode_id - 1));
		if (fuse == 0xffffffffu)
			return nvgsp_gsp_fail(gsp, -ENODEV,
					      "fuse version register reads 0xffffffff");
		c.fuse_version = NV_FUSE_OPT_FPF_UCODE_VERSION(fuse);
	}

	img = nvgsp_os_zalloc(vb->ucode_size);
	if (!img)
		return nvgsp_gsp_fail(gsp, -ENOMEM, "no memory for the FWSEC image");
	ret = nvgsp_fw_fwsec_build(vb, &c, img, vb->ucode_size, &gsp->diag);
	if (ret < 0) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0, "%s", gsp->diag.msg);
		nvgsp_gsp_fail(gsp, ret, "%s", gsp->diag.msg);
		goto free_img;
	}

	imem_pad = ALIGN256(vb->imem_load_size);
	ret = nvgsp_os_dma_alloc(gsp->cfg.dev, (size_t)imem_pad + ALIGN256(vb->ucode_size), &dma);
	if (ret) {
		nvgsp_gsp_fail(gsp, ret, "no DMA memory for the FWSEC image");
		goto free_img;
	}
	ret = nvgsp_falcon_reset(&gsp->gsp);
	if (ret) {
		nvgsp_gsp_fail(gsp, ret, "GSP falcon reset failed");
		goto free_dma;
	}

	if (gsp->hal->fwsec == NVGSP_FWSEC_DMA_BROM) {
		/* IMEM at 0, DMEM at the next 256-byte boundary (DMA granule). */
		memcpy(dma.cpu, img, vb->imem_load_size);
		memcpy((u8 *)dma.cpu + imem_pad, img + vb->dmem_offset,
				vb->dmem_load_size);
		seg = (struct nvgsp_falcon_seg){ .src_off = 0, .len = vb->imem_load_size,
						 .dst = vb->imem_phys_base, .imem = true,
						 .secure = true };
		ret = nvgsp_falcon_load_dma(&gsp->gsp, &dma, &seg);
		if (!ret) {
			seg = (struct nvgsp_falcon_seg){ .src_off = imem_pad,
							 .len = vb->dmem_load_size,
							 .dst = vb->dmem_phys_base };
			ret = nvgsp_falcon_load_dma(&gsp->gsp, &dma, &seg);
		}
		if (ret) {
			nvgsp_gsp_fail(gsp, ret, "FWSEC DMA load failed");
			goto free_dma;
		}
		nvgsp_falcon_brom(&gsp->gsp, vb->pkc_data_offset, vb->engine_id_mask,
				  vb->ucode_id);
		bootvec = vb->imem_virt_base;
	} else {
		memcpy(dma.cpu, img, vb->ucode_size);
		ret = fwsec_load_v2(gsp, &dma, &bootvec);
		if (ret)
			goto free_dma;
	}

	ret = nvgsp_falcon_boot(&gsp->gsp, bootvec, &mbox0, &mbox1);
	if (ret) {
		nvgsp_gsp_fail(gsp, ret, "the GSP falcon did not halt");
		goto free_dma;
	}
	halted = true;
	if (mbox0) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
			     "FWSEC command 0x%x failed: GSP MAILBOX0 0x%08x MAILBOX1 0x%08x",
			     cmd, mbox0, mbox1);
		ret = nvgsp_gsp_fail(gsp, -EIO, "MAILBOX0 0x%08x", mbox0);
	}
free_dma:
	/* A load or run that did not end in a halt: the falcon reset first. */
	nvgsp_gsp_dma_release(gsp, &gsp->gsp, halted, &dma);
free_img:
	nvgsp_os_free(img);
	return ret < 0 ? ret : 0;
}

int nvgsp_gsp_fwsec_frts(struct nvgsp_gsp *gsp)
{
	u64 frts_addr = gsp->plan.fb.frts_addr;
	u32 hi, lo, err;
	int ret;

	if (!gsp->hal->frts || !gsp->plan.fb.frts_size)
		return 0;
	hi = rd(gsp, NV_PFB_PRI_MMU_WPR2_ADDR_HI);
	if (hi == 0xffffffffu)
		return nvgsp_gsp_fail(gsp, -ENODEV, "WPR2_ADDR_HI reads 0xffffffff");
	if (NV_PFB_PRI_MMU_WPR2_ADDR(hi)) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
			     "WPR2 is already set (WPR2_ADDR_HI 0x%08x): GSP-RM may still be running",
			     hi);
		return nvgsp_gsp_fail(gsp, -EBUSY, "WPR2 already set");
	}
	ret = fwsec_run(gsp, NVGSP_FWSEC_CMD_FRTS);
	if (ret)
		return ret;

	err = rd(gsp, NV_PBUS_SW_SCRATCH(NV_PBUS_SW_SCRATCH_FRTS_ERR_INDEX));
	if (NV_PBUS_SW_SCRATCH_FRTS_ERR(err)) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
			     "FWSEC-FRTS reports error 0x%x in scratch 0xe (0x%08x)",
			     NV_PBUS_SW_SCRATCH_FRTS_ERR(err), err);
		return nvgsp_gsp_fail(gsp, -EIO, "error 0x%x in scratch 0xe",
				      NV_PBUS_SW_SCRATCH_FRTS_ERR(err));
	}
	lo = rd(gsp, NV_PFB_PRI_MMU_WPR2_ADDR_LO);
	hi = rd(gsp, NV_PFB_PRI_MMU_WPR2_ADDR_HI);
	if (!NV_PFB_PRI_MMU_WPR2_ADDR(hi) || NV_PFB_PRI_MMU_WPR2_ADDR(lo) != frts_addr) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
			     "after FWSEC-FRTS WPR2 is 0x%llx..0x%llx, FRTS asked at 0x%llx",
			     NV_PFB_PRI_MMU_WPR2_ADDR(lo),
			     NV_PFB_PRI_MMU_WPR2_ADDR(hi),
			     frts_addr);
		if (NV_PFB_PRI_MMU_WPR2_ADDR(hi))
			gsp->wpr2_by_us = true;
		return nvgsp_gsp_fail(gsp, -EIO, "WPR2 not set at the FRTS region");
	}
	gsp->wpr2_by_us = true;
	return 0;
}

static int fwsec_sb(struct nvgsp_gsp *gsp)
{
	u32 err;
	int ret;

	ret = fwsec_run(gsp, NVGSP_FWSEC_CMD_SB);
	if (ret)
		return ret;
	err = rd(gsp, NV_PBUS_SW_SCRATCH(NV_PBUS_SW_SCRATCH_SB_ERR_INDEX));
	if (NV_PBUS_SW_SCRATCH_SB_ERR(err)) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
			     "FWSEC-SB reports error 0x%x in scratch 0x15",
			     NV_PBUS_SW_SCRATCH_SB_ERR(err));
		return nvgsp_gsp_fail(gsp, -EIO, "error 0x%x in scratch 0x15",
				      NV_PBUS_SW_SCRATCH_SB_ERR(err));
	}
	return 0;
}

/*
 * WPR2 is this driver's to release when its FWSEC-FRTS set it or its
 * booter_load ran (which carves it on GA100 too): FWSEC-SB, then
 * booter_unload while WPR2 is still set. One set by someone else before
 * boot (FWSEC-FRTS refused to run) is left alone. (FSP chips run neither:
 * WPR2 belongs to the FSP, nouveau gh100_gsp_fini, nova-core.)
 */
void nvgsp_gsp_wpr2_release(struct nvgsp_gsp *gsp)
{
	int ret;

	if (!(gsp->wpr2_by_us || gsp->started) || gsp->gone)
		return;
	if (gsp->rom && gsp->vbios.ucode_size) {
		ret = fwsec_sb(gsp);
		if (ret)
			nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0, "teardown: FWSEC-SB failed (%d)",
				     ret);
	}
	if (!NV_PFB_PRI_MMU_WPR2_ADDR(rd(gsp, NV_PFB_PRI_MMU_WPR2_ADDR_HI)))
		return;
	ret = nvgsp_gsp_booter(gsp, true);
	if (ret)
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0, "teardown: booter_unload failed (%d)", ret);
}

/*
 * Reset the GSP falcon and hand it the libos arguments in its mailboxes:
 * it halts at once (no ucode loaded) and keeps them for the booter
 * (nova-core gsp/boot.rs; Documentation/gsp-boot.rst, "SEC2-booter boot").
 */
int nvgsp_gsp_start_riscv(struct nvgsp_gsp *gsp)
{
	struct nvgsp_falcon *f = &gsp->gsp;
	int ret;

	ret = nvgsp_falcon_reset(f);
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, "GSP falcon reset failed");
	nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_MAILBOX0, (u32)gsp->mem.libos.addr);
	nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_MAILBOX1, (u32)(gsp->mem.libos.addr >> 32));
	nvgsp_falcon_start(f);
	ret = nvgsp_falcon_wait_halt(f);
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, "the GSP falcon did not halt");
	return 0;
}

/* Load an HS ucode (booter) into SEC2: nova-core firmware/booter.rs. */
static int booter_load(struct nvgsp_gsp *gsp, const struct nvgsp_fw_hs_ucode *hs, u8 *img,
		       struct nvgsp_os_dma *dma, u32 *bootvec)
{
	struct nvgsp_falcon *f = &gsp->sec2;
	struct nvgsp_falcon_seg seg;
	u32 sec_pad = ALIGN256(hs->app_code.size);
	int ret;

	if (gsp->hal->falcon->dma_load) {
		ret = nvgsp_os_dma_alloc(gsp->cfg.dev,
					 (size_t)sec_pad + ALIGN256(hs->os_data.size), dma);
		if (ret)
			return nvgsp_gsp_fail(gsp, ret, "no DMA memory for the booter");
		memcpy(dma->cpu, img + hs->app_code.offset, hs->app_code.size);
		memcpy((u8 *)dma->cpu + sec_pad, img + hs->os_data.offset,
				hs->os_data.size);
		seg = (struct nvgsp_falcon_seg){ .src_off = 0, .len = hs->app_code.size,
						 .dst = 0, .imem = true, .secure = true };
		ret = nvgsp_falcon_load_dma(f, dma, &seg);
		if (!ret) {
			seg = (struct nvgsp_falcon_seg){ .src_off = sec_pad,
							 .len = hs->os_data.size, .dst = 0 };
			ret = nvgsp_falcon_load_dma(f, dma, &seg);
		}
		*bootvec = hs->app_code.offset;
	} else {
		seg = (struct nvgsp_falcon_seg){ .src = img + hs->os_code.offset,
						 .len = hs->os_code.size,
						 .dst = hs->os_code.offset,
						 .tag = hs->os_code.offset >> 8, .imem = true };
		ret = nvgsp_falcon_load_pio(f, &seg);
		if (!ret) {
			seg = (struct nvgsp_falcon_seg){ .src = img + hs->app_code.offset,
							 .len = hs->app_code.size,
							 .dst = hs->app_code.offset,
							 .tag = hs->app_code.offset >> 8,
							 .imem = true, .secure = true };
			ret = nvgsp_falcon_load_pio(f, &seg);
		}
		if (!ret) {
			seg = (struct nvgsp_falcon_seg){ .src = img + hs->os_data.offset,
							 .len = hs->os_data.size, .dst = 0 };
			ret = nvgsp_falcon_load_pio(f, &seg);
		}
		*bootvec = hs->os_code.offset;
	}
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, "SEC2 load failed");
	nvgsp_falcon_brom(f, hs->sig_dmem_offset, hs->engine_id_mask, hs->ucode_id);
	return 0;
}

int nvgsp_gsp_booter(struct nvgsp_gsp *gsp, bool unload)
{
	enum nvgsp_fw_role role = unload ? NVGSP_FW_BOOTER_UNLOAD : NVGSP_FW_BOOTER_LOAD;
	const struct nvgsp_fw_file *file = &gsp->cfg.fw->files[role];
	struct nvgsp_os_dma dma = { 0 };
	struct nvgsp_fw_hs_ucode hs;
	u32 fuse = 0, idx = 0, bootvec = 0, mbox0, mbox1;
	bool halted = false;
	const u8 *sig;
	u8 *img;
	int ret;

	if (!file->blob.data)
		return nvgsp_gsp_fail(gsp, -ENOENT, "%s is not loaded", file->path);
	ret = nvgsp_fw_ucode_parse_hs(&file->blob, &hs, &gsp->diag);
	if (ret) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0, "%s", gsp->diag.msg);
		return nvgsp_gsp_fail(gsp, ret, "%s", gsp->diag.msg);
	}
	if (gsp->hal->fuse_sec2_version) {
		if (hs.ucode_id < 1 || hs.ucode_id > NV_FUSE_OPT_FPF_UCODE_COUNT)
			return nvgsp_gsp_fail(gsp, -EINVAL, "%s: ucode_id %u is not in 1..%u",
					      file->path, hs.ucode_id,
					      NV_FUSE_OPT_FPF_UCODE_COUNT);
		fuse = rd(gsp, gsp->hal->fuse_sec2_version + 4u * (hs.ucode_id - 1));
		if (fuse == 0xffffffffu)
			return nvgsp_gsp_fail(gsp, -ENODEV,
					      "fuse version register reads 0xffffffff");
		fuse = fls32(NV_FUSE_OPT_FPF_UCODE_VERSION(fuse));
	}
	sig = nvgsp_fw_ucode_hs_signature(&hs, fuse, &idx);
	if (!sig)
		return nvgsp_gsp_fail(gsp, -ENOEXEC, "%s has no signature for fuse version %u",
				      file->path, fuse);
	if (hs.patch_loc > hs.image_size || hs.sig_size > hs.image_size - hs.patch_loc)
		return nvgsp_gsp_fail(gsp, -EINVAL, "%s: signature at 0x%x+0x%x outside the image",
				      file->path, hs.patch_loc, hs.sig_size);
	img = nvgsp_os_zalloc(hs.image_size);
	if (!img)
		return nvgsp_gsp_fail(gsp, -ENOMEM, "no memory for %s", file->path);
	memcpy(img, hs.image, hs.image_size);
	memcpy(img + hs.patch_loc, sig, hs.sig_size);

	ret = nvgsp_falcon_reset(&gsp->sec2);
	if (ret) {
		nvgsp_gsp_fail(gsp, ret, "SEC2 falcon reset failed");
		goto free_img;
	}
	ret = booter_load(gsp, &hs, img, &dma, &bootvec);
	if (ret)
		goto free_dma;

	if (unload) {
		mbox0 = 0xff;
		mbox1 = 0xff;
	} else {
		mbox0 = (u32)gsp->mem.wpr_meta.addr;
		mbox1 = (u32)(gsp->mem.wpr_meta.addr >> 32);
	}
	ret = nvgsp_falcon_boot(&gsp->sec2, bootvec, &mbox0, &mbox1);
	if (ret) {
		nvgsp_gsp_fail(gsp, ret, "SEC2 did not halt");
		goto free_dma;
	}
	halted = true;
	if (mbox0) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
			     "%s failed: SEC2 MAILBOX0 0x%08x MAILBOX1 0x%08x",
			     unload ? "booter_unload" : "booter_load", mbox0, mbox1);
		ret = nvgsp_gsp_fail(gsp, -EIO, "SEC2 MAILBOX0 0x%08x", mbox0);
		goto free_dma;
	}
	if (unload) {
		u32 hi = rd(gsp, NV_PFB_PRI_MMU_WPR2_ADDR_HI);

		if (NV_PFB_PRI_MMU_WPR2_ADDR(hi)) {
			nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
				     "booter_unload left WPR2 set (WPR2_ADDR_HI 0x%08x)", hi);
			ret = nvgsp_gsp_fail(gsp, -EIO, "WPR2 still set");
		}
	}
free_dma:
	/* A load or run that did not end in a halt: SEC2 reset first. */
	nvgsp_gsp_dma_release(gsp, &gsp->sec2, halted, &dma);
free_img:
	nvgsp_os_free(img);
	return ret;
}
