// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_gsp_plan.c - the boot plan: what the boot memory is built from,
 * worked out once per boot before anything is allocated. The GSP image's
 * .fwimage and signature and the bootloader file are checked, the release's
 * WPR metadata parameters read, the RISC-V bootloader parsed and the FB
 * layout computed (nvgsp_gsp_mem.c). FWSEC-FRTS, the boot memory, the FSP
 * message and the GSP falcon's OS register then read the plan.
 */
#include "gsp/nvgsp_gsp_mem.h"
#include "fw/nvgsp_fw_select.h"
#include "fw/nvgsp_fw_ucode.h"

#define PLAN_1M			0x100000ull
#define PLAN_1G			0x40000000ull
#define PLAN_PARAM_ANY		(~0ull)
/* GspFwWprMeta is encoded into one page (nvgsp_gsp_mem.c). */
#define PLAN_WPR_META_MAX	NVGSP_OS_PAGE_SIZE

/* Record why the plan failed in @diag and log it. */
static __printf(3, 4) int plan_fail(const struct nvgsp_gsp_plan *plan, struct nvgsp_fw_diag *diag,
				    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nvgsp_os_vsnprintf(diag->msg, sizeof(diag->msg), fmt, ap);
	va_end(ap);
	nvgsp_os_log(plan->dev, NVGSP_LOG_ERR, 0, "gsp mem: %s", diag->msg);
	return -EINVAL;
}

/* The .fwimage, the family's signature and the bootloader are there. */
static int plan_check_files(struct nvgsp_gsp_plan *plan, struct nvgsp_fw_diag *diag)
{
	const struct nvgsp_fw_set *fw = plan->fw;
	const struct nvgsp_fw_blob *gsp = &fw->files[NVGSP_FW_GSP].blob;
	const struct nvgsp_fw_section *img = &fw->gsp.fwimage;
	const char *file = gsp->name ? gsp->name : "gsp";
	const char *fam = plan->chip->sig_family;

	if (!gsp->data || !nvgsp_fw_range_ok(gsp->size, img->offset, img->size) ||
	    !img->size || img->size > PLAN_1G)
		return plan_fail(plan, diag,
				 "%s: .fwimage offset 0x%llx size 0x%llx: not inside the file of 0x%zx bytes, empty or over 1 GiB",
				 file, img->offset,
				 img->size, gsp->size);
	plan->sig = nvgsp_fw_gsp_find_sig(&fw->gsp, fam, false);
	if (!plan->sig)
		return plan_fail(plan, diag, "%s: no .fwsignature_%s section for %s", file, fam,
				 plan->chip->name);
	if (!nvgsp_fw_range_ok(gsp->size, plan->sig->sect.offset, plan->sig->sect.size) ||
	    !plan->sig->sect.size || plan->sig->sect.size > PLAN_1M)
		return plan_fail(plan, diag,
				 "%s: .fwsignature_%s size 0x%llx: empty, over 1 MiB or outside the file",
				 file, fam, plan->sig->sect.size);
	if (!fw->files[NVGSP_FW_BOOTLOADER].blob.data)
		return plan_fail(plan, diag, "bootloader file %s is not loaded (release %s, %s)",
				 fw->files[NVGSP_FW_BOOTLOADER].path, plan->abi->release,
				 plan->chip->name);
	return 0;
}

/* GspFwWprMeta's parameters, and its size against the page it goes in. */
static int plan_meta(struct nvgsp_gsp_plan *plan, struct nvgsp_fw_diag *diag)
{
	const struct nvgsp_abi *abi = plan->abi;
	u64 by_acr = 0;
	u32 size;
	int ret;

	ret = nvgsp_gsp_param(plan->dev, abi, PLAN_PARAM_ANY, &plan->meta_magic, "wpr_meta.magic");
	if (!ret)
		ret = nvgsp_gsp_param(plan->dev, abi, PLAN_PARAM_ANY, &plan->meta_revision, "wpr_meta.revision");
	if (!ret)
		ret = nvgsp_gsp_param(plan->dev, abi, 1, &by_acr, "wpr.%s.offsets_by_acr", plan->chip->sig_family);
	if (ret)
		return ret;
	plan->by_acr = by_acr != 0;
	size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_WPR_META);
	if (!size || size > PLAN_WPR_META_MAX)
		return plan_fail(plan, diag, "release %s: GspFwWprMeta size %u is 0 or over a page",
				 abi->release, size);
	return 0;
}

int nvgsp_gsp_plan(struct nvgsp_gsp_plan *plan, u64 fb_size, u64 vga_workspace_addr,
		   struct nvgsp_fw_diag *diag)
{
	const struct nvgsp_fw_set *fw = plan->fw;
	int ret;

	diag->msg[0] = '\0';
	plan->sig = NULL;
	memset(&plan->bootloader, 0, sizeof(plan->bootloader));
	memset(&plan->fb, 0, sizeof(plan->fb));
	ret = plan_check_files(plan, diag);
	if (!ret)
		ret = plan_meta(plan, diag);
	if (ret)
		return ret;
	ret = nvgsp_fw_ucode_parse_riscv(&fw->files[NVGSP_FW_BOOTLOADER].blob, &plan->bootloader,
					 diag);
	if (ret) {
		nvgsp_os_log(plan->dev, NVGSP_LOG_ERR, 0, "gsp mem: %s", diag->msg);
		return ret;
	}
	return nvgsp_gsp_fb_layout(plan->dev, plan->abi, plan->chip, plan->vgpu, fb_size,
				   vga_workspace_addr, plan->bootloader.image_size,
				   fw->gsp.fwimage.size, &plan->fb);
}
