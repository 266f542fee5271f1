// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_fsp.c - the FSP of Hopper and Blackwell: its EMEM port, its command
 * and message queues, and the chain-of-trust (COT) boot of GSP-RM.
 *
 * DOC: FSP model
 *
 * Documentation/hardware.rst, "FSP" (nouveau nvkm/subdev/fsp/gh100.c, nova-core
 * falcon/fsp.rs, fsp.rs, mctp.rs). The driver writes a packet to EMEM from
 * offset 0 through EMEMC/EMEMD (auto-increment), sets QUEUE_TAIL to the
 * offset of its last dword and writes QUEUE_HEAD; the model takes the
 * QUEUE_HEAD write as the doorbell, consumes the packet (QUEUE_TAIL =
 * QUEUE_HEAD), and answers in the same EMEM from offset 0 with MSGQ_HEAD = 0
 * and MSGQ_TAIL = reply length - 4. That FSP side of the protocol is not
 * visible in either driver; it is the simplest behaviour both drivers'
 * receive paths accept (unverified; Documentation/hardware.rst, "FSP").
 *
 * A packet whose MCTP or NVDM framing is wrong is dropped without an answer
 * (the driver then times out): an FSP cannot name a command type it could
 * not parse. A well-framed COT whose content is wrong is answered with a
 * non-zero errorCode. Both record the reason (gpusim_error()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpusim_internal.h"
#include "fw/nvgsp_fw_fmc.h"

/* MCTP transport header (nouveau fsp/gh100.c). */
#define GS_MCTP_SOM			(1u << 31)
#define GS_MCTP_EOM			(1u << 30)
/* NVDM message header: 6:0 MCTP type 0x7e (vendor PCI), 23:8 vendor, 31:24 type. */
#define GS_NVDM_MCTP_TYPE		0x7eu
#define GS_NVDM_VENDOR			0x10deu
#define GS_NVDM_HDR(type)		(GS_NVDM_MCTP_TYPE | GS_NVDM_VENDOR << 8 | (type) << 24)
#define GS_FSP_HDRS			8u

/* GSP_DMA_TARGET (nova-core r570_144 bindings): 1 coherent, 2 non-coherent sysmem. */
#define GS_DMA_TARGET_COH		1u
#define GS_DMA_TARGET_NONCOH		2u

#define GS_FRTS_VIDMEM_SIZE		0x100000u

/**
 * struct gs_cot_sizes - the bytes of each key field a COT version fills
 * (nouveau fsp/gh100.c: RSA-3K; gb100.c/gb202.c: ECDSA P-384); the rest of
 * each field is zero.
 * @hash: hash384 bytes.
 * @pkey: publicKey bytes.
 * @sig: signature bytes.
 */
struct gs_cot_sizes {
	u32 hash, pkey, sig;
};

static const struct gs_cot_sizes gs_cot_v1 = { 48, 384, 384 };
static const struct gs_cot_sizes gs_cot_v2 = { 48, 97, 96 };

static u32 gs_emem_off(u32 ememc)
{
	/* 7:2 offset in dwords, 15:8 block of 256 bytes. */
	return ememc & 0xfffcu;
}

u32 gs_fsp_emem_rd(struct gpusim *sim, struct gs_falcon *f, u32 port, bool side_effects)
{
	u32 off = gs_emem_off(f->ememc[port]), v;

	(void)sim;
	if (off + 4 > f->emem_size)
		return 0;
	v = f->emem[off] | (u32)f->emem[off + 1] << 8 | (u32)f->emem[off + 2] << 16 |
	    (u32)f->emem[off + 3] << 24;
	if (side_effects && (f->ememc[port] & GS_MEMC_AINCR))
		f->ememc[port] = (f->ememc[port] & ~0xfffcu) | ((off + 4) & 0xfffcu);
	return v;
}

void gs_fsp_emem_wr(struct gpusim *sim, struct gs_falcon *f, u32 port, u32 value)
{
	u32 off = gs_emem_off(f->ememc[port]);

	if (off + 4 > f->emem_size) {
		gpusim_hw_fail(sim, "FSP EMEMD(%u): offset 0x%x (from EMEMC) is past the %u-byte EMEM",
			       port, off, f->emem_size);
		return;
	}
	f->emem[off] = value;
	f->emem[off + 1] = value >> 8;
	f->emem[off + 2] = value >> 16;
	f->emem[off + 3] = value >> 24;
	if (f->ememc[port] & GS_MEMC_AINCW)
		f->ememc[port] = (f->ememc[port] & ~0xfffcu) | ((off + 4) & 0xfffcu);
}

static void gs_fsp_reply(struct gpusim *sim, struct gs_falcon *f, u32 cot_type, u32 resp_type,
			 u32 error)
{
	struct nvgsp_abi_fsp_response r = { 0 };
	u8 *p = f->emem;
	int n;

	r.task_id = 0;
	r.command_nvdm_type = cot_type;
	r.error_code = error;
	n = nvgsp_abi_encode(sim->abi, NVGSP_ABI_CODEC_FSP_RESPONSE, &r, p + GS_FSP_HDRS,
			     f->emem_size - GS_FSP_HDRS);
	if (n < 0) {
		gpusim_hw_fail(sim, "FSP: encoding FSP_RESPONSE failed (%d)", n);
		return;
	}
	p[0] = 0;
	p[1] = 0;
	p[2] = 0;
	p[3] = (GS_MCTP_SOM | GS_MCTP_EOM) >> 24;
	p[4] = GS_NVDM_HDR(resp_type);
	p[5] = GS_NVDM_HDR(resp_type) >> 8;
	p[6] = GS_NVDM_HDR(resp_type) >> 16;
	p[7] = GS_NVDM_HDR(resp_type) >> 24;
	f->msgq_head = 0;
	f->msgq_tail = GS_FSP_HDRS + (u32)n - 4;
}

/* A COT key field against the fmc section @part as gpusim's own reader found it. */
static bool gs_cmp_key(struct gpusim *sim, const char *field, const u8 *got, u32 room,
		       enum nvgsp_fw_fmc_part part, u32 want_len, const char *sect)
{
	const u8 *s;
	u64 size;
	u32 i;

	s = gpusim_fw_fmc_part(sim->fw, part, &size);
	if (!s || size != want_len) {
		gpusim_hw_fail(sim, "FSP COT %s: the fmc file's \"%s\" section is %llu bytes, this COT version carries %u",
			       field, sect, s ? size : 0, want_len);
		return false;
	}
	for (i = 0; i < room; i++) {
		u8 want = i < want_len ? s[i] : 0;

		if (got[i] != want) {
			gpusim_hw_fail(sim, "FSP COT %s byte %u is 0x%02x, expected 0x%02x (%s)",
				       field, i, got[i], want,
				       i < want_len ? sect : "zero past the key material");
			return false;
		}
	}
	return true;
}

/* The COT's content; 0 to boot, else the errorCode to answer. */
static u32 gs_fsp_check_cot(struct gpusim *sim, const struct nvgsp_abi_fsp_cot *cot,
			    struct nvgsp_abi_fmc_boot_params *bp)
{
	u32 bp_size = nvgsp_abi_codec_size(sim->abi, NVGSP_ABI_CODEC_FMC_BOOT_PARAMS);
	u32 meta_size = nvgsp_abi_codec_size(sim->abi, NVGSP_ABI_CODEC_WPR_META);
	u64 fb = (u64)sim->fb_mib << 20, want_ver = 0;
	const u8 *img;
	u64 img_size;
	const struct gs_cot_sizes *sz;
	char name[48];
	const u8 *host;
	u64 i;

	snprintf(name, sizeof(name), "fsp.cot_version.%s", sim->chip->sig_family);
	if (nvgsp_abi_param(sim->abi, name, &want_ver) || cot->version != want_ver) {
		gpusim_hw_fail(sim, "FSP COT version %u, but %s's FSP speaks version %llu",
			       cot->version, sim->chip_name, want_ver);
		return GS_FSP_REFUSED;
	}
	if (cot->size != nvgsp_abi_codec_size(sim->abi, NVGSP_ABI_CODEC_FSP_COT)) {
		gpusim_hw_fail(sim, "FSP COT size %u, NVDM_PAYLOAD_COT is %u bytes", cot->size,
			       nvgsp_abi_codec_size(sim->abi, NVGSP_ABI_CODEC_FSP_COT));
		return GS_FSP_REFUSED;
	}
	img = gpusim_fw_fmc_part(sim->fw, NVGSP_FW_FMC_IMAGE, &img_size);
	if (!img) {
		gpusim_hw_fail(sim, "FSP: no usable fmc file for %s %s", sim->chip_name,
			       sim->release);
		return GS_FSP_REFUSED;
	}
	host = gpusim_hw_dma(sim, cot->gsp_fmc_sysmem_offset, img_size,
			     "FSP COT gspFmcSysmemOffset (the FMC image)");
	if (!host)
		return GS_FSP_REFUSED;
	for (i = 0; i < img_size; i++) {
		if (host[i] != img[i]) {
			gpusim_hw_fail(sim, "FSP COT gspFmcSysmemOffset 0x%llx: image byte 0x%llx is 0x%02x, the fmc file's \"image\" has 0x%02x",
				       cot->gsp_fmc_sysmem_offset,
				       i, host[i], img[i]);
			return GS_FSP_REFUSED;
		}
	}
	sz = cot->version == 1 ? &gs_cot_v1 : &gs_cot_v2;
	if (!gs_cmp_key(sim, "hash384", cot->hash384, sizeof(cot->hash384), NVGSP_FW_FMC_HASH,
			sz->hash, "hash") ||
	    !gs_cmp_key(sim, "publicKey", cot->public_key, sizeof(cot->public_key),
			NVGSP_FW_FMC_PUBLICKEY, sz->pkey, "publickey") ||
	    !gs_cmp_key(sim, "signature", cot->signature, sizeof(cot->signature),
			NVGSP_FW_FMC_SIGNATURE, sz->sig, "signature"))
		return GS_FSP_REFUSED;
	if (cot->frts_sysmem_offset || cot->frts_sysmem_size) {
		gpusim_hw_fail(sim, "FSP COT frtsSysmemOffset 0x%llx / frtsSysmemSize 0x%x: FRTS in system memory is not modelled (both must be 0)",
			       cot->frts_sysmem_offset, cot->frts_sysmem_size);
		return GS_FSP_REFUSED;
	}
	if ((cot->frts_vidmem_size != 0 && cot->frts_vidmem_size != GS_FRTS_VIDMEM_SIZE) ||
	    cot->frts_vidmem_offset > fb || cot->frts_vidmem_size > fb - cot->frts_vidmem_offset) {
		gpusim_hw_fail(sim, "FSP COT frtsVidmemOffset 0x%llx / frtsVidmemSize 0x%x: want 1 MiB (0 on resume) inside the 0x%llx-byte FB",
			       cot->frts_vidmem_offset, cot->frts_vidmem_size,
			       fb);
		return GS_FSP_REFUSED;
	}
	host = gpusim_hw_dma(sim, cot->gsp_boot_args_sysmem_offset, bp_size,
			     "FSP COT gspBootArgsSysmemOffset (GSP_FMC_BOOT_PARAMS)");
	if (!host)
		return GS_FSP_REFUSED;
	if (nvgsp_abi_decode(sim->abi, NVGSP_ABI_CODEC_FMC_BOOT_PARAMS, bp, host, bp_size) < 0) {
		gpusim_hw_fail(sim, "FSP: GSP_FMC_BOOT_PARAMS cannot be decoded for %s", sim->release);
		return GS_FSP_REFUSED;
	}
	if (bp->rm_desc_target != GS_DMA_TARGET_COH && bp->rm_desc_target != GS_DMA_TARGET_NONCOH) {
		gpusim_hw_fail(sim, "GSP_FMC_BOOT_PARAMS bootGspRmParams.target %u is not system memory (1 or 2)",
			       bp->rm_desc_target);
		return GS_FSP_REFUSED;
	}
	if (bp->rm_desc_size != meta_size) {
		gpusim_hw_fail(sim, "GSP_FMC_BOOT_PARAMS bootGspRmParams.gspRmDescSize %u, GspFwWprMeta is %u bytes",
			       bp->rm_desc_size, meta_size);
		return GS_FSP_REFUSED;
	}
	if (!bp->is_gsp_rm_boot) {
		gpusim_hw_fail(sim, "GSP_FMC_BOOT_PARAMS bootGspRmParams.bIsGspRmBoot is 0, want 1");
		return GS_FSP_REFUSED;
	}
	if (bp->boot_args_target != GS_DMA_TARGET_COH &&
	    bp->boot_args_target != GS_DMA_TARGET_NONCOH) {
		gpusim_hw_fail(sim, "GSP_FMC_BOOT_PARAMS gspRmParams.target %u is not system memory (1 or 2)",
			       bp->boot_args_target);
		return GS_FSP_REFUSED;
	}
	return 0;
}

/* Well-framed COT: check, boot, answer. */
static void gs_fsp_cot(struct gpusim *sim, struct gs_falcon *f, const u8 *payload, u32 len,
		       u32 cot_type, u32 resp_type)
{
	struct nvgsp_abi_fmc_boot_params bp;
	struct gpusim_wpr_result res;
	struct nvgsp_abi_fsp_cot *cot;
	u32 error;

	cot = calloc(1, sizeof(*cot));
	if (!cot) {
		gpusim_hw_fail(sim, "FSP: out of memory");
		return;
	}
	if (nvgsp_abi_decode(sim->abi, NVGSP_ABI_CODEC_FSP_COT, cot, payload, len) < 0) {
		gpusim_hw_fail(sim, "FSP: %s has no NVDM_PAYLOAD_COT codec", sim->release);
		gs_fsp_reply(sim, f, cot_type, resp_type, GS_FSP_REFUSED);
		goto free_cot;
	}
	error = gs_fsp_check_cot(sim, cot, &bp);
	if (!error && gpusim_hw_fault(sim, GPUSIM_FAULT_FSP, NULL))
		error = GS_FSP_FAULT_ERR;
	if (!error && gpusim_wpr_check(sim, sim->fw, (u64)sim->fb_mib << 20, 0, 0,
				       bp.rm_desc_offset, true, &res))
		error = GS_FSP_REFUSED;
	if (error) {
		gs_fsp_reply(sim, f, cot_type, resp_type, error);
		goto free_cot;
	}
	sim->stats.fsp_cot++;
	if (res.wpr2_hi && !sim->wpr2_hi) {
		sim->wpr2_lo = (u32)((res.wpr2_lo >> 12) << 4);
		sim->wpr2_hi = (u32)((res.wpr2_hi >> 12) << 4);
	}
	/*
	 * FMC starts GSP-RM and releases the branch-privilege lockdown with
	 * MAILBOX0 = 0 (nova-core gsp/hal/gh100.rs, nouveau gsp/gh100.c).
	 */
	sim->flcn[GS_GSP].mailbox[0] = 0;
	gs_gsp_riscv_start(sim);
	sim->rm_running = true;
	sim->rm_started = true;
	sim->rm_unloaded = false;
	sim->wpr_vf_partitions = res.meta.heap_vf_partition_count;
	gs_fsp_reply(sim, f, cot_type, resp_type, 0);
	gpusim_rm_start(sim->rm, bp.boot_args_offset);
free_cot:
	free(cot);
}

void gs_fsp_queue_head(struct gpusim *sim, struct gs_falcon *f)
{
	u32 head = f->queue_head, tail = f->queue_tail, len, mctp, nvdm, cot_type, resp_type;
	const u8 *p;

	if (tail < head || tail + 4 > f->emem_size || (head & 3) || (tail & 3)) {
		gpusim_hw_fail(sim, "FSP QUEUE_HEAD 0x%x / QUEUE_TAIL 0x%x: not a packet inside the %u-byte EMEM",
			       head, tail, f->emem_size);
		f->queue_tail = head;
		return;
	}
	len = tail - head + 4;
	p = f->emem + head;
	f->queue_tail = head;	/* consumed */
	if (len < GS_FSP_HDRS) {
		gpusim_hw_fail(sim, "FSP: a %u-byte packet is shorter than its MCTP and NVDM headers (8 bytes)",
			       len);
		return;
	}
	mctp = p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
	nvdm = p[4] | (u32)p[5] << 8 | (u32)p[6] << 16 | (u32)p[7] << 24;
	if (!(mctp & GS_MCTP_SOM) || !(mctp & GS_MCTP_EOM)) {
		gpusim_hw_fail(sim, "FSP: MCTP header 0x%08x: a single-packet message needs SOM (bit 31) and EOM (bit 30)",
			       mctp);
		return;
	}
	if (nvgsp_abi_nvdm_number(sim->abi, NVGSP_ABI_NVDM_COT, &cot_type) ||
	    nvgsp_abi_nvdm_number(sim->abi, NVGSP_ABI_NVDM_FSP_RESPONSE, &resp_type)) {
		gpusim_hw_fail(sim, "FSP: release %s names no NVDM COT/FSP_RESPONSE types", sim->release);
		return;
	}
	if ((nvdm & 0x7f) != GS_NVDM_MCTP_TYPE || ((nvdm >> 8) & 0xffff) != GS_NVDM_VENDOR) {
		gpusim_hw_fail(sim, "FSP: NVDM header 0x%08x: MCTP type 0x%x / vendor 0x%04x, want 0x7e / 0x10de",
			       nvdm, nvdm & 0x7f, (nvdm >> 8) & 0xffff);
		return;
	}
	if (nvdm >> 24 != cot_type) {
		gpusim_hw_fail(sim, "FSP: NVDM type 0x%x is not a command the model serves (COT 0x%x)",
			       nvdm >> 24, cot_type);
		return;
	}
	if (len - GS_FSP_HDRS != nvgsp_abi_codec_size(sim->abi, NVGSP_ABI_CODEC_FSP_COT)) {
		gpusim_hw_fail(sim, "FSP: COT packet of %u bytes, want 8 header bytes + %u (NVDM_PAYLOAD_COT)",
			       len, nvgsp_abi_codec_size(sim->abi, NVGSP_ABI_CODEC_FSP_COT));
		gs_fsp_reply(sim, f, cot_type, resp_type, GS_FSP_REFUSED);
		return;
	}
	gs_fsp_cot(sim, f, p + GS_FSP_HDRS, len - GS_FSP_HDRS, cot_type, resp_type);
}
