// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vgpu_boot.c - whether GSP-RM is booted prepared for SR-IOV vGPU
 * (see nvgsp_vgpu_boot.h and Documentation/vgpu-boot.rst).
 */
#include "vgpu/nvgsp_vgpu_boot.h"

static const char *const vgpu_mode_names[] = {
	[NVGSP_VGPU_AUTO] = "auto",
	[NVGSP_VGPU_ON] = "on",
	[NVGSP_VGPU_OFF] = "off",
};

/* @val equals @name, allowing one trailing newline (a sysfs write). */
static bool vgpu_word_is(const char *val, const char *name)
{
	while (*name && *val == *name) {
		val++;
		name++;
	}
	return !*name && (!*val || (val[0] == '\n' && !val[1]));
}

int nvgsp_vgpu_mode_parse(const char *val, enum nvgsp_vgpu_mode *mode)
{
	size_t i;

	if (!val)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(vgpu_mode_names); i++) {
		if (vgpu_word_is(val, vgpu_mode_names[i])) {
			*mode = i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *nvgsp_vgpu_mode_name(enum nvgsp_vgpu_mode mode)
{
	if ((unsigned int)mode >= ARRAY_SIZE(vgpu_mode_names))
		return "?";
	return vgpu_mode_names[mode];
}

/* The release's spec carries what booting for vGPU needs (both or neither). */
static bool vgpu_release_ready(const struct nvgsp_abi *abi)
{
	u64 v;

	return !nvgsp_abi_param(abi, "vgpu.heap", &v) &&
	       !nvgsp_abi_param(abi, "vgpu.vf_partitions", &v);
}

void nvgsp_vgpu_boot_decide(struct nvgsp_os_device *dev, enum nvgsp_vgpu_mode mode,
			    const struct nvgsp_chip_info *chip, const struct nvgsp_abi *abi,
			    u16 total_vfs, struct nvgsp_vgpu_boot *out)
{
	char why[128];

	memset(out, 0, sizeof(*out));
	out->mode = mode;
	out->total_vfs = total_vfs;
	why[0] = '\0';

	if (mode == NVGSP_VGPU_OFF) {
		out->why = NVGSP_VGPU_WHY_OFF;
		nvgsp_os_log(dev, NVGSP_LOG_DEBUG, NVGSP_DBG_BOOT, "vGPU: off (nvgsp.vgpu=off)");
		return;
	}
	if (chip->family == NVGSP_FAMILY_TURING) {
		out->why = NVGSP_VGPU_WHY_CHIP;
		nvgsp_os_snprintf(why, sizeof(why), "%s is a Turing chip, which has no SR-IOV vGPU",
				  chip->name);
	} else if (!vgpu_release_ready(abi)) {
		out->why = NVGSP_VGPU_WHY_RELEASE;
		nvgsp_os_snprintf(why, sizeof(why),
				  "GSP-RM %s has no vGPU boot parameters (vgpu.heap, vgpu.vf_partitions)",
				  abi->release);
	} else if (!total_vfs) {
		out->why = NVGSP_VGPU_WHY_NO_VFS;
		nvgsp_os_snprintf(why, sizeof(why),
				  "the board has no SR-IOV capability with TotalVFs > 0");
	} else {
		out->why = NVGSP_VGPU_WHY_READY;
		out->prepare = true;
		nvgsp_os_log(dev, NVGSP_LOG_INFO, 0,
			     "vGPU: on (nvgsp.vgpu=%s): GSP-RM %s booted for SR-IOV vGPU, TotalVFs %u",
			     nvgsp_vgpu_mode_name(mode), abi->release, total_vfs);
		return;
	}
	if (mode == NVGSP_VGPU_ON)
		nvgsp_os_log(dev, NVGSP_LOG_WARN, 0,
			     "vGPU: nvgsp.vgpu=on, but %s; booting without vGPU", why);
	else
		nvgsp_os_log(dev, NVGSP_LOG_DEBUG, NVGSP_DBG_BOOT, "vGPU: off (nvgsp.vgpu=auto): %s",
			     why);
}
