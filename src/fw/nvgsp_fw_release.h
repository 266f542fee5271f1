/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_fw_release.h - the GSP-RM releases this build of nvgsp knows, the
 * files each needs per chip, and where those files live.
 *
 * Portable core. A release is known when this build carries its firmware ABI
 * table; the list here is that list (the firmware-abi generator will emit it
 * with the tables). Files are named as in linux-firmware,
 * nvidia/<chip>/gsp/<role>-<release>.bin, or as NVIDIA's driver installs its
 * GSP image, nvidia/<release>/gsp_<image>.bin.
 */
#ifndef NVGSP_FW_RELEASE_H
#define NVGSP_FW_RELEASE_H

#include "chip/nvgsp_chip.h"
#include "nvgsp_fw_gsp.h"

/**
 * enum nvgsp_fw_role - what a firmware file is for. The names are the
 * linux-firmware file name prefixes.
 * @NVGSP_FW_GSP: the GSP-RM image ("gsp").
 * @NVGSP_FW_BOOTLOADER: the GSP's RISC-V bootloader ("bootloader").
 * @NVGSP_FW_BOOTER_LOAD: SEC2 HS ucode that starts GSP-RM ("booter_load").
 * @NVGSP_FW_BOOTER_UNLOAD: SEC2 HS ucode that stops it ("booter_unload").
 * @NVGSP_FW_GEN_BOOTLOADER: generic falcon bootloader ("gen_bootloader").
 * @NVGSP_FW_SCRUBBER: SEC2 HS memory scrubber ("scrubber").
 * @NVGSP_FW_FMC: the FSP-booted first mutable code ("fmc").
 * @NVGSP_FW_NR_ROLES: the number of roles.
 */
enum nvgsp_fw_role {
	NVGSP_FW_GSP,
	NVGSP_FW_BOOTLOADER,
	NVGSP_FW_BOOTER_LOAD,
	NVGSP_FW_BOOTER_UNLOAD,
	NVGSP_FW_GEN_BOOTLOADER,
	NVGSP_FW_SCRUBBER,
	NVGSP_FW_FMC,
	NVGSP_FW_NR_ROLES,
};

#define NVGSP_FW_ROLE(r)	(1u << (r))

/**
 * struct nvgsp_fw_release_needs - the files a release needs for the chips of
 * one firmware signature family.
 * @sig_family: e.g. "ga10x" (see struct nvgsp_chip_info).
 * @roles: NVGSP_FW_ROLE() bits.
 */
struct nvgsp_fw_release_needs {
	const char *sig_family;
	u32 roles;
};

#define NVGSP_FW_RELEASE_MAX_FAMILIES 8

/**
 * struct nvgsp_fw_release - one GSP-RM release this build supports.
 * @version: the release as its image's .fwversion says it ("570.144").
 * @needs: per signature family, the files it needs; a family not listed is
 *         not served by this release.
 */
struct nvgsp_fw_release {
	const char *version;
	struct nvgsp_fw_release_needs needs[NVGSP_FW_RELEASE_MAX_FAMILIES];
};

/**
 * nvgsp_fw_releases() - every supported release, newest first.
 * @count: set to their number.
 *
 * Return: the table.
 */
const struct nvgsp_fw_release *nvgsp_fw_releases(size_t *count);

/**
 * nvgsp_fw_release_find() - a supported release by its version string.
 * @version: e.g. "570.144".
 *
 * Return: the release, or NULL when this build has no ABI table for it.
 */
const struct nvgsp_fw_release *nvgsp_fw_release_find(const char *version);

/**
 * nvgsp_fw_release_roles() - the files @rel needs to boot @chip.
 * @rel: the release.
 * @chip: the chip.
 *
 * Return: NVGSP_FW_ROLE() bits, always including NVGSP_FW_GSP; 0 when the
 * release does not serve the chip.
 */
u32 nvgsp_fw_release_roles(const struct nvgsp_fw_release *rel,
			   const struct nvgsp_chip_info *chip);

/**
 * nvgsp_fw_release_list() - the supported releases as text, newest first.
 * @buf: destination ("570.144, 535.113.01").
 * @len: its size.
 */
void nvgsp_fw_release_list(char *buf, size_t len);

/**
 * nvgsp_fw_release_valid_name() - whether @version is spelled like a
 * release: 1 to 31 characters, digits separated by single dots.
 * @version: the text, e.g. from a module parameter.
 *
 * Return: true when it is.
 */
bool nvgsp_fw_release_valid_name(const char *version);

/**
 * nvgsp_fw_role_name() - a role's file-name prefix ("booter_load").
 * @role: the role.
 *
 * Return: the name; "unknown" outside the enum.
 */
const char *nvgsp_fw_role_name(enum nvgsp_fw_role role);

/**
 * enum nvgsp_fw_layout - how firmware files are named on disk.
 * @NVGSP_FW_LAYOUT_LINUX_FIRMWARE: nvidia/<chip>/gsp/<role>-<release>.bin
 * @NVGSP_FW_LAYOUT_NVIDIA: nvidia/<release>/gsp_<image>.bin, the GSP image
 *                          only, as NVIDIA's driver installs it.
 */
enum nvgsp_fw_layout {
	NVGSP_FW_LAYOUT_LINUX_FIRMWARE,
	NVGSP_FW_LAYOUT_NVIDIA,
};

/**
 * nvgsp_fw_image_group() - the name NVIDIA's driver layout gives the GSP
 * image that serves @chip: "tu10x" (TU10x, TU11x, GA100) or "ga10x" (GA10x
 * and later), as in gsp_tu10x.bin and gsp_ga10x.bin.
 * @chip: the chip.
 *
 * Return: the group name.
 */
const char *nvgsp_fw_image_group(const struct nvgsp_chip_info *chip);

#define NVGSP_FW_PATH_MAX 96

/**
 * nvgsp_fw_path() - the path of one firmware file.
 * @buf: destination, NVGSP_FW_PATH_MAX bytes are enough.
 * @len: its size.
 * @layout: the naming scheme.
 * @chip: the chip.
 * @role: the file's role; the NVIDIA layout names only NVGSP_FW_GSP.
 * @version: the release.
 *
 * Return: 0, or -EINVAL when @layout has no name for @role, or -E2BIG when
 * the path does not fit.
 */
int nvgsp_fw_path(char *buf, size_t len, enum nvgsp_fw_layout layout,
		  const struct nvgsp_chip_info *chip, enum nvgsp_fw_role role,
		  const char *version);

#endif /* NVGSP_FW_RELEASE_H */
