/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gpusim_wpr.h - gpusim's knowledge of the real firmware files and its
 * firmware-acceptance checks: what the booter (SEC2 path) or FMC (FSP path)
 * verifies in the GspFwWprMeta the driver hands it before GSP-RM runs.
 * Internal to gpusim.
 *
 * gpusim_fw.c loads and parses one chip's files of one release the way
 * linux-firmware lays them out; gpusim_wpr.c checks a driver's WPR metadata
 * against those bytes and against an FB layout it computes on its own. Both
 * are independent of the driver's boot code (src/gsp): they use only the
 * file parsers (src/fw), the chip table (src/chip) and the ABI tables
 * (src/abi).
 */
#ifndef GPUSIM_WPR_H
#define GPUSIM_WPR_H

#include "gpusim.h"
#include "abi/nvgsp_abi.h"
#include "chip/nvgsp_chip.h"
#include "fw/nvgsp_fw_blob.h"
#include "fw/nvgsp_fw_fmc.h"
#include "fw/nvgsp_fw_release.h"
#include "fw/nvgsp_fw_ucode.h"

/* the real firmware files of one chip and release, loaded and parsed */
struct gpusim_fw;

/**
 * gpusim_fw_load() - load and parse the firmware files of a chip and release.
 * @fw_path: directory holding nvidia/<chip>/gsp/<role>-<release>.bin as in
 *           linux-firmware (symlinks are followed).
 * @chip: chip name, any case ("ga102", "GA102").
 * @release: the release ("570.144"); its ABI table must be in this build.
 * @out: set to the loaded files.
 * @err: on failure, one line saying why (unknown chip or release, a file
 *       missing or refused by its parser, .fwversion not @release, no
 *       signature for the chip's family).
 * @err_len: room at @err.
 *
 * Every file the release needs for the chip (nvgsp_fw_release_roles()) must
 * be there and parse; the GSP image's .fwversion must equal @release.
 *
 * Return: 0, or a negative errno (-ENOENT for a missing file or unknown
 * chip or release, -EINVAL for a malformed one, -ENOMEM).
 */
int gpusim_fw_load(const char *fw_path, const char *chip, const char *release,
		   struct gpusim_fw **out, char *err, size_t err_len);

/**
 * gpusim_fw_free() - free what gpusim_fw_load() loaded; NULL is ignored.
 * @fw: the files.
 */
void gpusim_fw_free(struct gpusim_fw *fw);

/**
 * gpusim_fw_file() - a file's bytes by role.
 * @fw: the files.
 * @role: which file.
 *
 * Return: the file, or NULL when the release has no such file for the chip.
 */
const struct nvgsp_fw_blob *gpusim_fw_file(const struct gpusim_fw *fw, enum nvgsp_fw_role role);

/**
 * gpusim_fw_abi() - the release's ABI table.
 * @fw: the files.
 *
 * Return: the table.
 */
const struct nvgsp_abi *gpusim_fw_abi(const struct gpusim_fw *fw);

/**
 * gpusim_fw_chip() - the chip the files are for.
 * @fw: the files.
 *
 * Return: the chip table entry.
 */
const struct nvgsp_chip_info *gpusim_fw_chip(const struct gpusim_fw *fw);

/**
 * gpusim_fw_image() - the GSP image's .fwimage bytes (what radix3 maps).
 * @fw: the files.
 * @size: set to their number.
 *
 * Return: the bytes, inside the gsp file.
 */
const u8 *gpusim_fw_image(const struct gpusim_fw *fw, u64 *size);

/**
 * gpusim_fw_signature() - the GSP image's .fwsignature_<family> bytes for
 * the chip's signature family.
 * @fw: the files.
 * @size: set to their number.
 *
 * Return: the bytes, inside the gsp file.
 */
const u8 *gpusim_fw_signature(const struct gpusim_fw *fw, u64 *size);

/**
 * gpusim_fw_bootloader() - the bootloader's RISC-V ucode as parsed: the
 * image the driver must hand in the WPR metadata (the file's data after the
 * bin header) and its descriptor's offsets.
 * @fw: the files.
 *
 * Return: the description; NULL when the release has no bootloader for the
 * chip.
 */
const struct nvgsp_fw_riscv_ucode *gpusim_fw_bootloader(const struct gpusim_fw *fw);

/**
 * gpusim_fw_hs() - a parsed heavy-secure ucode (booter_load, booter_unload,
 * scrubber).
 * @fw: the files.
 * @role: which.
 *
 * Return: the description; NULL when the release has no such file for the
 * chip or @role is not an HS ucode.
 */
const struct nvgsp_fw_hs_ucode *gpusim_fw_hs(const struct gpusim_fw *fw,
					     enum nvgsp_fw_role role);

/**
 * gpusim_fw_gen_bootloader() - the parsed generic falcon bootloader.
 * @fw: the files.
 *
 * Return: the description; NULL when the release has none for the chip.
 */
const struct nvgsp_fw_bl_ucode *gpusim_fw_gen_bootloader(const struct gpusim_fw *fw);

/**
 * gpusim_fw_fmc() - the parsed FMC image (FSP path).
 * @fw: the files.
 *
 * Return: the description; NULL when the release has none for the chip.
 */
const struct nvgsp_fw_fmc_image *gpusim_fw_fmc(const struct gpusim_fw *fw);

/**
 * struct gpusim_wpr_result - what an accepted WPR metadata leads to.
 * @wpr2_lo: the WPR2 region the booter protects: its first byte.
 * @wpr2_hi: its end (exclusive).
 * @meta_addr: the bus address the metadata was read from.
 * @meta: the metadata as decoded.
 */
struct gpusim_wpr_result {
	u64 wpr2_lo, wpr2_hi;
	u64 meta_addr;
	struct nvgsp_abi_wpr_meta meta;
};

/**
 * gpusim_wpr_check() - the booter's (SEC2 path) or FMC's (FSP path)
 * acceptance of the driver's GspFwWprMeta at @meta_addr.
 * @sim: the model, for gpusim_hw_dma() and gpusim_hw_fail().
 * @fw: the real files of the simulated chip and release.
 * @fb_size: VRAM bytes.
 * @frts_lo: the FRTS region FWSEC carved (from the WPR2 registers): first
 *           byte; ignored on the FSP path and on GA100.
 * @frts_hi: its end (exclusive).
 * @meta_addr: bus address of the metadata.
 * @fsp: the FSP path (sizes only; ACR places the regions).
 * @res: filled on success.
 *
 * Checks magic and revision, every size, that the radix3 tables resolve to
 * exactly the real .fwimage, that the signature and bootloader are the real
 * bytes, and (SEC2 path) every offset against the layout it computes from
 * @fb_size. On success the release's "verified" value is set in @res->meta,
 * the booter's copy in WPR2; the driver's copy in host memory is left as it
 * is, as the booter leaves it (gpusim_wpr.c, "verified").
 *
 * Return: 0, or -EINVAL after gpusim_hw_fail() naming the field, the value
 * expected and the value found.
 */
int gpusim_wpr_check(struct gpusim *sim, const struct gpusim_fw *fw, u64 fb_size,
		     u64 frts_lo, u64 frts_hi, u64 meta_addr, bool fsp,
		     struct gpusim_wpr_result *res);

#endif /* GPUSIM_WPR_H */
