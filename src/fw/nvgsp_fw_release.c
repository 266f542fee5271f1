// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_fw_release.c - supported releases, the files each needs, file names.
 *
 * Which files a release needs per signature family is data in the
 * release's spec (firmware-abi/specs/<release>.abi, "firmware" lines), read
 * here from its generated ABI table.
 */
#include "nvgsp_fw_release.h"

static const char *const nvgsp_fw_role_names[NVGSP_FW_NR_ROLES] = {
	[NVGSP_FW_GSP] = "gsp",
	[NVGSP_FW_BOOTLOADER] = "bootloader",
	[NVGSP_FW_BOOTER_LOAD] = "booter_load",
	[NVGSP_FW_BOOTER_UNLOAD] = "booter_unload",
	[NVGSP_FW_GEN_BOOTLOADER] = "gen_bootloader",
	[NVGSP_FW_SCRUBBER] = "scrubber",
	[NVGSP_FW_FMC] = "fmc",
};

u32 nvgsp_fw_release_roles(const struct nvgsp_abi *abi, const struct nvgsp_chip_info *chip)
{
	const struct nvgsp_abi_fw_need *need = nvgsp_abi_fw_need(abi, chip->sig_family);
	const char *const *name;
	unsigned int r;
	u32 roles = 0;

	for (name = need ? need->roles : NULL; name && *name; name++)
		for (r = 0; r < NVGSP_FW_NR_ROLES; r++)
			if (nvgsp_fw_str_eq(*name, nvgsp_fw_role_names[r]))
				roles |= NVGSP_FW_ROLE(r);
	return roles;
}

bool nvgsp_fw_release_valid_name(const char *version)
{
	size_t n = 0;
	bool digit = false;

	for (; version[n]; n++) {
		if (n >= NVGSP_FW_VERSION_MAX - 1)
			return false;
		if (version[n] >= '0' && version[n] <= '9')
			digit = true;
		else if (version[n] == '.' && digit)
			digit = false;
		else
			return false;
	}
	return digit;
}


const char *nvgsp_fw_role_name(enum nvgsp_fw_role role)
{
	if ((unsigned int)role >= NVGSP_FW_NR_ROLES)
		return "unknown";
	return nvgsp_fw_role_names[role];
}

const char *nvgsp_fw_image_group(const struct nvgsp_chip_info *chip)
{
	/* The LIBOS2 chips share one image; everything newer the other. */
	if (chip->family == NVGSP_FAMILY_TURING || nvgsp_fw_str_eq(chip->sig_family, "ga100"))
		return "tu10x";
	return "ga10x";
}

int nvgsp_fw_path(char *buf, size_t len, enum nvgsp_fw_layout layout,
		  const struct nvgsp_chip_info *chip, enum nvgsp_fw_role role,
		  const char *version)
{
	int n;

	if ((unsigned int)role >= NVGSP_FW_NR_ROLES)
		return -EINVAL;
	switch (layout) {
	case NVGSP_FW_LAYOUT_LINUX_FIRMWARE:
		n = nvgsp_os_snprintf(buf, len, "nvidia/%s/gsp/%s-%s.bin", chip->fw_dir,
				      nvgsp_fw_role_names[role], version);
		break;
	case NVGSP_FW_LAYOUT_NVIDIA:
		if (role != NVGSP_FW_GSP)
			return -EINVAL;
		n = nvgsp_os_snprintf(buf, len, "nvidia/%s/gsp_%s.bin", version,
				      nvgsp_fw_image_group(chip));
		break;
	default:
		return -EINVAL;
	}
	/* nvgsp_os_snprintf() returns what fit: a full buffer means it was cut. */
	return (size_t)n + 1 < len ? 0 : -E2BIG;
}
