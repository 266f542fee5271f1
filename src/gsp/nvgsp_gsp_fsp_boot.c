// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_gsp_fsp_boot.c - the FSP boot path (GH100, GB10x, GB20x): the FMC
 * image and GSP_FMC_BOOT_PARAMS in DMA memory, the chain-of-trust message,
 * and the wait for the GSP's lockdown release.
 *
 * Sequence: Documentation/gsp-boot.rst, "FSP boot" (nova-core gsp/hal/gh100.rs,
 * fsp.rs; nouveau subdev/gsp/gh100.c and subdev/fsp/gh100.c).
 */
#include "nvgsp_gsp_types.h"
#include "chip/regs/nvgsp_regs_falcon.h"
#include "fw/nvgsp_fw_fmc.h"

#define SZ_1M			0x100000ull
#define SZ_2M			0x200000ull
#define LOCKDOWN_US		30000000
#define LOCKDOWN_POLL_US	10000
/* GSP_DMA_TARGET (r570 nvrm/gsp.h). */
#define GSP_DMA_TARGET_COHERENT_SYSTEM		1
#define GSP_DMA_TARGET_NONCOHERENT_SYSTEM	2

static int family_param(struct nvgsp_gsp *gsp, const char *prefix, u64 *v)
{
	char name[64];

	nvgsp_os_snprintf(name, sizeof(name), "%s%s", prefix, gsp->hal->sig_family);
	if (nvgsp_abi_param(gsp->abi, name, v))
		return nvgsp_gsp_fail(gsp, -EINVAL, "release %s has no parameter %s",
				      gsp->abi->release, name);
	return 0;
}

/* Copy an FMC section (checked against the file by the parser). */
static void copy_part(const struct nvgsp_fw_blob *blob, const struct nvgsp_fw_fmc_image *img,
		      enum nvgsp_fw_fmc_part part, u8 *dst, size_t room)
{
	const struct nvgsp_fw_section *s = &img->parts[part].sect;
	size_t n = s->size < room ? (size_t)s->size : room;

	memcpy(dst, blob->data + s->offset, n);
}

int nvgsp_gsp_fsp_wait(struct nvgsp_gsp *gsp)
{
	int ret;

	ret = nvgsp_fsp_wait_boot(&gsp->fsp);
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, "FSP secure boot not complete");
	return 0;
}

static int fmc_stage(struct nvgsp_gsp *gsp, struct nvgsp_fw_fmc_image *img, u64 *cot_version)
{
	const struct nvgsp_fw_blob *blob = &gsp->cfg.fw->files[NVGSP_FW_FMC].blob;
	struct nvgsp_abi_fmc_boot_params bp = { 0 };
	const struct nvgsp_fw_section *image;
	u32 size;
	int ret;

	if (!blob->data)
		return nvgsp_gsp_fail(gsp, -ENOENT, "the fmc file is not loaded");
	ret = nvgsp_fw_fmc_parse(blob, img, &gsp->diag);
	if (!ret) {
		ret = family_param(gsp, "fsp.cot_version.", cot_version);
		if (ret)
			return ret;
		ret = nvgsp_fw_fmc_check_cot(blob, img, (unsigned int)*cot_version, &gsp->diag);
	}
	if (ret) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0, "%s", gsp->diag.msg);
		return nvgsp_gsp_fail(gsp, ret, "%s", gsp->diag.msg);
	}

	image = &img->parts[NVGSP_FW_FMC_IMAGE].sect;
	ret = nvgsp_os_dma_alloc(gsp->cfg.dev, (size_t)image->size, &gsp->fmc_image);
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, "no DMA memory for the FMC image");
	memcpy(gsp->fmc_image.cpu, blob->data + image->offset, (size_t)image->size);

	size = nvgsp_abi_codec_size(gsp->abi, NVGSP_ABI_CODEC_FMC_BOOT_PARAMS);
	if (!size)
		return nvgsp_gsp_fail(gsp, -EOPNOTSUPP, "release %s has no GSP_FMC_BOOT_PARAMS",
				      gsp->abi->release);
	ret = nvgsp_os_dma_alloc(gsp->cfg.dev, size, &gsp->fmc_params);
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, "no DMA memory for the FMC boot parameters");
	bp.rm_desc_target = GSP_DMA_TARGET_COHERENT_SYSTEM;
	bp.rm_desc_size = nvgsp_abi_codec_size(gsp->abi, NVGSP_ABI_CODEC_WPR_META);
	bp.rm_desc_offset = gsp->mem.wpr_meta.addr;
	bp.is_gsp_rm_boot = true;
	bp.boot_args_target = GSP_DMA_TARGET_NONCOHERENT_SYSTEM;
	bp.boot_args_offset = gsp->mem.libos.addr;
	ret = nvgsp_abi_encode_fmc_boot_params(gsp->abi, &bp, gsp->fmc_params.cpu, size);
	if (ret < 0)
		return nvgsp_gsp_fail(gsp, ret, "GSP_FMC_BOOT_PARAMS do not encode");
	nvgsp_os_wmb();
	return 0;
}

/*
 * After the COT reply: the GSP is readable once its registers stop reading
 * 0xbadf41xx; MAILBOX0 non-zero and no longer the boot parameters' address
 * is an error code; the branch-privilege lockdown clears on success
 * (nova-core gsp/hal/gh100.rs, nouveau gsp/gh100.c).
 */
int nvgsp_gsp_lockdown_wait(struct nvgsp_gsp *gsp)
{
	u64 start = nvgsp_os_time_ns();
	u64 limit = (u64)LOCKDOWN_US * gsp->cfg.timeout_scale * 1000;
	u32 hwcfg2 = 0, m0 = 0, m1 = 0;
	u64 mbox;

	for (;;) {
		hwcfg2 = nvgsp_falcon_rd32(&gsp->gsp, NV_PFALCON_FALCON_HWCFG2);
		if (hwcfg2 == 0xffffffffu)
			return nvgsp_gsp_fail(gsp, -ENODEV, "GSP HWCFG2 reads 0xffffffff");
		if (hwcfg2 && (hwcfg2 & NV_PFALCON_PRI_LOCKED_MASK) != NV_PFALCON_PRI_LOCKED) {
			m0 = nvgsp_falcon_rd32(&gsp->gsp, NV_PFALCON_FALCON_MAILBOX0);
			m1 = nvgsp_falcon_rd32(&gsp->gsp, NV_PFALCON_FALCON_MAILBOX1);
			mbox = ((u64)m1 << 32) | m0;
			if ((m0 & NV_PFALCON_PRI_LOCKED_MASK) == NV_PFALCON_PRI_LOCKED) {
				/* still locked */
			} else if (m0 && mbox != gsp->fmc_params.addr) {
				nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
					     "FMC failed to boot GSP-RM: GSP MAILBOX0 0x%08x MAILBOX1 0x%08x",
					     m0, m1);
				return nvgsp_gsp_fail(gsp, -EIO, "GSP MAILBOX0 0x%08x", m0);
			} else if (!m0 &&
				   !(hwcfg2 & NV_PFALCON_FALCON_HWCFG2_RISCV_BR_PRIV_LOCKDOWN)) {
				return 0;
			}
		}
		if (nvgsp_os_time_ns() - start >= limit)
			break;
		nvgsp_os_usleep(LOCKDOWN_POLL_US);
	}
	nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
		     "GSP lockdown not released: HWCFG2 0x%08x MAILBOX0 0x%08x MAILBOX1 0x%08x",
		     hwcfg2, m0, m1);
	return nvgsp_gsp_fail(gsp, -ETIMEDOUT, "lockdown not released (HWCFG2 0x%08x)", hwcfg2);
}

/*
 * The FMC checked and staged with its boot parameters; the chain-of-trust
 * message gets its version and the FMC's hash, public key and signature.
 */
int nvgsp_gsp_fmc(struct nvgsp_gsp *gsp)
{
	const struct nvgsp_fw_blob *blob = &gsp->cfg.fw->files[NVGSP_FW_FMC].blob;
	struct nvgsp_fw_fmc_image *img;
	struct nvgsp_abi_fsp_cot *cot;
	u64 cot_version = 0;
	int ret;

	img = nvgsp_os_zalloc(sizeof(*img));
	gsp->cot = nvgsp_os_zalloc(sizeof(*gsp->cot));
	if (!img || !gsp->cot) {
		ret = nvgsp_gsp_fail(gsp, -ENOMEM, "no memory for the FSP message");
		goto free;
	}
	ret = fmc_stage(gsp, img, &cot_version);
	if (ret)
		goto free;
	cot = gsp->cot;
	cot->version = (u16)cot_version;
	copy_part(blob, img, NVGSP_FW_FMC_HASH, cot->hash384, sizeof(cot->hash384));
	copy_part(blob, img, NVGSP_FW_FMC_PUBLICKEY, cot->public_key, sizeof(cot->public_key));
	copy_part(blob, img, NVGSP_FW_FMC_SIGNATURE, cot->signature, sizeof(cot->signature));
free:
	nvgsp_os_free(img);
	return ret;
}

/* The chain-of-trust message to the FSP, which starts GSP-RM. */
int nvgsp_gsp_fsp_cot(struct nvgsp_gsp *gsp)
{
	struct nvgsp_abi_fsp_cot *cot = gsp->cot;
	int ret;

	cot->size = (u16)nvgsp_abi_codec_size(gsp->abi, NVGSP_ABI_CODEC_FSP_COT);
	cot->gsp_fmc_sysmem_offset = gsp->fmc_image.addr;
	/*
	 * FRTS is placed from the end of FB, above the non-WPR heap and the
	 * PMU reservation (nouveau gh100_gsp_init, nova-core fsp.rs).
	 */
	cot->frts_vidmem_offset = (gsp->plan.fb.non_wpr_heap_size +
				   gsp->plan.fb.pmu_reserved_size + SZ_2M - 1) & ~(SZ_2M - 1);
	cot->frts_vidmem_size = SZ_1M;
	cot->gsp_boot_args_sysmem_offset = gsp->fmc_params.addr;
	ret = nvgsp_fsp_cot(&gsp->fsp, gsp->abi, cot);
	nvgsp_os_free(gsp->cot);
	gsp->cot = NULL;
	/*
	 * No answer: the FSP may still be reading the FMC image and its boot
	 * parameters, or booting GSP-RM from them, and nothing resets the FSP
	 * (it is the root of trust; neither nouveau's gh100 code nor
	 * nova-core's fsp.rs ever does). Its memory is kept at teardown.
	 */
	if (ret == -ETIMEDOUT)
		nvgsp_gsp_keep(gsp, "the FSP did not answer the chain of trust");
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, ret == -EIO ? "FSP refused the FMC" :
				      "no valid answer from the FSP");
	gsp->started = true;
	return 0;
}

void nvgsp_gsp_fsp_free(struct nvgsp_gsp *gsp)
{
	nvgsp_os_free(gsp->cot);
	gsp->cot = NULL;
	nvgsp_os_dma_free(gsp->cfg.dev, &gsp->fmc_params);
	nvgsp_os_dma_free(gsp->cfg.dev, &gsp->fmc_image);
}
