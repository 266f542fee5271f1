/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_fw_release.h - the firmware files a release needs per chip, and
 * where those files live.
 *
 * Portable core. A release is supported when this build carries its firmware
 * ABI table (src/abi, generated from firmware-abi/specs/); the table's spec
 * says which files each chip family needs. Files are named as in
 * linux-firmware, nvidia/<chip>/gsp/<role>-<release>.bin, or as NVIDIA's
 * driver installs its GSP image, nvidia/<release>/gsp_<image>.bin.
 */
#ifndef NVGSP_FW_RELEASE_H
#define NVGSP_FW_RELEASE_H

#include "abi/nvgsp_abi.h"
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
 * nvgsp_fw_release_roles() - the files @abi's release needs to boot @chip.
 * @abi: the release's ABI table (src/abi), whose spec lists the files each
 *       signature family needs.
 * @chip: the chip.
 *
 * Return: NVGSP_FW_ROLE() bits, always including NVGSP_FW_GSP; 0 when the
 * release does not serve the chip.
 */
u32 nvgsp_fw_release_roles(const struct nvgsp_abi *abi, const struct nvgsp_chip_info *chip);

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
