// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_fw_release.c - supported releases, the files each needs, file names.
 *
 * DOC: which files a release needs
 *
 * Taken from what linux-firmware ships per chip (firmware-nvidia-graphics
 * 20260916-1, the 535.113.01 and 570.144 trees), which is also what nouveau
 * and nova-core request:
 *  - every SEC2-booter chip: gsp, bootloader, booter_load, booter_unload;
 *  - 570.144 adds gen_bootloader for TU10x, TU11x and GA100, and scrubber
 *    for AD10x;
 *  - FSP chips (GH100, GB10x, GB20x) need gsp, bootloader and fmc, and only
 *    570.144 ships them.
 * Which boot step consumes each file is the boot code's business.
 */
#include "nvgsp_fw_release.h"

#define SEC2_FILES (NVGSP_FW_ROLE(NVGSP_FW_GSP) | NVGSP_FW_ROLE(NVGSP_FW_BOOTLOADER) | \
		    NVGSP_FW_ROLE(NVGSP_FW_BOOTER_LOAD) | NVGSP_FW_ROLE(NVGSP_FW_BOOTER_UNLOAD))
#define FSP_FILES (NVGSP_FW_ROLE(NVGSP_FW_GSP) | NVGSP_FW_ROLE(NVGSP_FW_BOOTLOADER) | \
		   NVGSP_FW_ROLE(NVGSP_FW_FMC))

static const struct nvgsp_fw_release nvgsp_fw_release_table[] = {
	{
		.version = "570.144",
		.needs = {
			{ "tu10x", SEC2_FILES | NVGSP_FW_ROLE(NVGSP_FW_GEN_BOOTLOADER) },
			{ "tu11x", SEC2_FILES | NVGSP_FW_ROLE(NVGSP_FW_GEN_BOOTLOADER) },
			{ "ga100", SEC2_FILES | NVGSP_FW_ROLE(NVGSP_FW_GEN_BOOTLOADER) },
			{ "ga10x", SEC2_FILES },
			{ "ad10x", SEC2_FILES | NVGSP_FW_ROLE(NVGSP_FW_SCRUBBER) },
			{ "gh100", FSP_FILES },
			{ "gb10x", FSP_FILES },
			{ "gb20x", FSP_FILES },
		},
	},
	{
		.version = "535.113.01",
		.needs = {
			{ "tu10x", SEC2_FILES },
			{ "tu11x", SEC2_FILES },
			{ "ga100", SEC2_FILES },
			{ "ga10x", SEC2_FILES },
			{ "ad10x", SEC2_FILES },
		},
	},
};

#define NR_RELEASES (sizeof(nvgsp_fw_release_table) / sizeof(nvgsp_fw_release_table[0]))

static int nvgsp_fw_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

const struct nvgsp_fw_release *nvgsp_fw_releases(size_t *count)
{
	*count = NR_RELEASES;
	return nvgsp_fw_release_table;
}

const struct nvgsp_fw_release *nvgsp_fw_release_find(const char *version)
{
	size_t i;

	for (i = 0; i < NR_RELEASES; i++)
		if (!nvgsp_fw_strcmp(nvgsp_fw_release_table[i].version, version))
			return &nvgsp_fw_release_table[i];
	return NULL;
}

u32 nvgsp_fw_release_roles(const struct nvgsp_fw_release *rel,
			   const struct nvgsp_chip_info *chip)
{
	size_t i;

	for (i = 0; i < NVGSP_FW_RELEASE_MAX_FAMILIES && rel->needs[i].sig_family; i++)
		if (!nvgsp_fw_strcmp(rel->needs[i].sig_family, chip->sig_family))
			return rel->needs[i].roles;
	return 0;
}

void nvgsp_fw_release_list(char *buf, size_t len)
{
	size_t i, n = 0;

	if (!len)
		return;
	buf[0] = '\0';
	for (i = 0; i < NR_RELEASES && n < len; i++)
		n += nvgsp_os_snprintf(buf + n, len - n, "%s%s", i ? ", " : "",
				       nvgsp_fw_release_table[i].version);
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

static const char *const nvgsp_fw_role_names[NVGSP_FW_NR_ROLES] = {
	[NVGSP_FW_GSP] = "gsp",
	[NVGSP_FW_BOOTLOADER] = "bootloader",
	[NVGSP_FW_BOOTER_LOAD] = "booter_load",
	[NVGSP_FW_BOOTER_UNLOAD] = "booter_unload",
	[NVGSP_FW_GEN_BOOTLOADER] = "gen_bootloader",
	[NVGSP_FW_SCRUBBER] = "scrubber",
	[NVGSP_FW_FMC] = "fmc",
};

const char *nvgsp_fw_role_name(enum nvgsp_fw_role role)
{
	if ((unsigned int)role >= NVGSP_FW_NR_ROLES)
		return "unknown";
	return nvgsp_fw_role_names[role];
}

const char *nvgsp_fw_image_group(const struct nvgsp_chip_info *chip)
{
	/* The LIBOS2 chips share one image; everything newer the other. */
	if (chip->family == NVGSP_FAMILY_TURING || !nvgsp_fw_strcmp(chip->sig_family, "ga100"))
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
