/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_fw_select.h - find, load and identify the firmware for a chip.
 *
 * Portable core. The release is what the GSP image's own .fwversion says;
 * the file name must agree, the image must carry the chip's signature, and
 * this build must have an ABI table for the release.
 */
#ifndef NVGSP_FW_SELECT_H
#define NVGSP_FW_SELECT_H

#include "nvgsp_fw_gsp.h"
#include "nvgsp_fw_release.h"

/**
 * struct nvgsp_fw_file - one firmware file of a set.
 * @path: where it was (or would have been) found.
 * @blob: its bytes; @blob.data is NULL when the file is absent.
 * @os: the OS layer's handle while loaded.
 */
struct nvgsp_fw_file {
	char path[NVGSP_FW_PATH_MAX];
	struct nvgsp_fw_blob blob;
	struct nvgsp_os_firmware *os;
};

/**
 * struct nvgsp_fw_set - the firmware chosen for one GPU.
 * @abi: the ABI table of the release identified.
 * @gsp_layout: the naming scheme the GSP image was found under.
 * @roles: NVGSP_FW_ROLE() bits of the files the release needs for the chip.
 * @missing: the needed files that are absent; 0 means bootable.
 * @files: per role; loaded when needed and present.
 * @gsp: the parsed GSP image.
 *
 * Several KiB: allocate it. Release with nvgsp_fw_set_put().
 */
struct nvgsp_fw_set {
	const struct nvgsp_abi *abi;
	enum nvgsp_fw_layout gsp_layout;
	u32 roles;
	u32 missing;
	struct nvgsp_fw_file files[NVGSP_FW_NR_ROLES];
	struct nvgsp_fw_gsp_image gsp;
};

/**
 * nvgsp_fw_select() - find and identify the firmware for @chip.
 * @dev: the device (for the OS's firmware loader).
 * @chip: the identified chip.
 * @forced: a release to use instead of the newest one present (from the
 *          nvgsp.fw_release parameter), or NULL.
 * @set: filled; on success its files stay loaded until nvgsp_fw_set_put().
 * @diag: on failure, one line naming the file and the fact.
 *
 * Without @forced, the supported releases are tried newest first, each under
 * the linux-firmware and then NVIDIA's layout; the first GSP image found is
 * identified, and its companions (bootloader, booter, fmc, ...) are loaded
 * from linux-firmware's layout and checked. A file found but wrong is an
 * error, never a reason to fall back silently to an older release.
 *
 * Return: 0 when a supported release was identified (check @set->missing
 * before booting); -ENOENT when no GSP image was found; -EINVAL when a file
 * is malformed or contradicts itself; -EOPNOTSUPP when the image is a
 * release this build has no ABI table for, or the release does not serve
 * the chip; another negative errno from the firmware loader.
 */
int nvgsp_fw_select(struct nvgsp_os_device *dev, const struct nvgsp_chip_info *chip,
		    const char *forced, struct nvgsp_fw_set *set, struct nvgsp_fw_diag *diag);

/**
 * nvgsp_fw_set_put() - release every file of a set; the set may be reused.
 * @set: the set.
 */
void nvgsp_fw_set_put(struct nvgsp_fw_set *set);

/*
 * The files a running GSP-RM's unload still loads: booter_unload on SEC2
 * (run through the generic falcon bootloader where the chip needs it).
 * Everything else was copied to where the GPU reads it while booting.
 */
#define NVGSP_FW_UNLOAD_ROLES \
	(NVGSP_FW_ROLE(NVGSP_FW_BOOTER_UNLOAD) | NVGSP_FW_ROLE(NVGSP_FW_GEN_BOOTLOADER))

/**
 * nvgsp_fw_set_trim() - release the files of a set outside @keep, once
 * they are staged: the GSP-RM image (tens of MiB) and the boot-only
 * companions. Their paths stay (for messages); a later boot identifies the
 * firmware again (nvgsp_fw_set_complete() says when it must).
 * @set: an identified set.
 * @keep: NVGSP_FW_ROLE() bits of the files to keep loaded.
 *
 * Return: the bytes released.
 */
size_t nvgsp_fw_set_trim(struct nvgsp_fw_set *set, u32 keep);

/**
 * nvgsp_fw_set_bytes() - the bytes of the files a set holds loaded.
 * @set: the set.
 *
 * Return: the sum of the loaded files' sizes.
 */
size_t nvgsp_fw_set_bytes(const struct nvgsp_fw_set *set);

/**
 * nvgsp_fw_set_complete() - does a set hold every file its release needs
 * and has (not trimmed)?
 * @set: an identified set.
 *
 * Return: true when every needed role that is not missing is loaded.
 */
bool nvgsp_fw_set_complete(const struct nvgsp_fw_set *set);

/**
 * nvgsp_fw_set_missing() - name the absent files of a set.
 * @set: an identified set.
 * @buf: destination, e.g. "nvidia/gh100/gsp/fmc-570.144.bin,
 *       nvidia/gh100/gsp/bootloader-570.144.bin".
 * @len: its size.
 */
void nvgsp_fw_set_missing(const struct nvgsp_fw_set *set, char *buf, size_t len);

#endif /* NVGSP_FW_SELECT_H */
