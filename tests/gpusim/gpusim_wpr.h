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
 * gpusim_fw_bootloader() - the bootloader's RISC-V ucode as the driver's
 * parser read it: the image the driver must hand in the WPR metadata (the
 * file's data after the bin header) and its descriptor's offsets. The WPR
 * check uses gpusim_fw_bl_own().
 * @fw: the files.
 *
 * Return: the description; NULL when the release has no bootloader for the
 * chip.
 */
const struct nvgsp_fw_riscv_ucode *gpusim_fw_bootloader(const struct gpusim_fw *fw);

/**
 * gpusim_fw_hs() - a heavy-secure ucode (booter_load, booter_unload,
 * scrubber) as the driver's parser read it; the models use
 * gpusim_fw_hs_own().
 * @fw: the files.
 * @role: which.
 *
 * Return: the description; NULL when the release has no such file for the
 * chip or @role is not an HS ucode.
 */
const struct nvgsp_fw_hs_ucode *gpusim_fw_hs(const struct gpusim_fw *fw,
					     enum nvgsp_fw_role role);

/**
 * gpusim_fw_gen_bootloader() - the generic falcon bootloader as the driver's
 * parser read it; the models use gpusim_fw_gen_bl_own().
 * @fw: the files.
 *
 * Return: the description; NULL when the release has none for the chip.
 */
const struct nvgsp_fw_bl_ucode *gpusim_fw_gen_bootloader(const struct gpusim_fw *fw);

/**
 * gpusim_fw_fmc() - the FMC image (FSP path) as the driver's parser read
 * it; the models use gpusim_fw_fmc_part().
 * @fw: the files.
 *
 * Return: the description; NULL when the release has none for the chip.
 */
const struct nvgsp_fw_fmc_image *gpusim_fw_fmc(const struct gpusim_fw *fw);

struct gpusim_bl_facts;
struct gpusim_hs_facts;
struct gpusim_gen_bl_facts;

/**
 * gpusim_fw_bl_own() - the bootloader as gpusim's own reader read it
 * (gpusim_riscv_bl_read()), checked against the driver's parser: what the
 * WPR metadata check compares the driver's sizes, offsets and bytes with.
 * @fw: the files.
 *
 * Return: the facts; NULL when the release has no bootloader for the chip.
 */
const struct gpusim_bl_facts *gpusim_fw_bl_own(const struct gpusim_fw *fw);

/**
 * gpusim_fw_hs_own() - an HS ucode as gpusim's own reader read it
 * (gpusim_hs_read()); gpusim_fw_load() checked that the driver's parser
 * reads the same. What the SEC2 model compares the driver's load with.
 * @fw: the files.
 * @role: booter_load, booter_unload or scrubber.
 *
 * Return: the facts; NULL as gpusim_fw_hs().
 */
const struct gpusim_hs_facts *gpusim_fw_hs_own(const struct gpusim_fw *fw,
					       enum nvgsp_fw_role role);

/**
 * gpusim_fw_gen_bl_own() - gen_bootloader as gpusim's own reader read it
 * (gpusim_gen_bl_read()), checked against the driver's parser.
 * @fw: the files.
 *
 * Return: the facts; NULL when the release has no gen_bootloader for the
 * chip.
 */
const struct gpusim_gen_bl_facts *gpusim_fw_gen_bl_own(const struct gpusim_fw *fw);

/**
 * gpusim_fw_fmc_part() - one section of the fmc as gpusim's own ELF32
 * reader found it, checked against the driver's parser.
 * @fw: the files.
 * @part: which section.
 * @size: set to its size.
 *
 * Return: its bytes, inside the fmc file; NULL when the release has no fmc
 * for the chip.
 */
const u8 *gpusim_fw_fmc_part(const struct gpusim_fw *fw, enum nvgsp_fw_fmc_part part,
			     u64 *size);

/**
 * gpusim_fw_hs_agree() - whether gpusim's reading of an HS ucode and the
 * driver's parse agree on every fact the SEC2 model uses (gpusim_fw_load()
 * refuses the file when not).
 * @file: the file's name, for the message.
 * @data: its bytes.
 * @own: gpusim_hs_read()'s facts.
 * @hs: nvgsp_fw_ucode_parse_hs()'s description of the same bytes.
 * @err: set to a message naming the file, the field and both values.
 * @err_len: its size.
 *
 * Return: 0, or -EINVAL at the first field they read differently.
 */
int gpusim_fw_hs_agree(const char *file, const u8 *data, const struct gpusim_hs_facts *own,
		       const struct nvgsp_fw_hs_ucode *hs, char *err, size_t err_len);

/**
 * gpusim_fw_gen_bl_agree() - gpusim_fw_hs_agree() for gen_bootloader.
 * @file: the file's name.
 * @data: its bytes.
 * @own: gpusim_gen_bl_read()'s facts.
 * @bl: nvgsp_fw_ucode_parse_bl()'s description.
 * @err: set to a message naming the field.
 * @err_len: its size.
 *
 * Return: 0, or -EINVAL at the first field they read differently.
 */
int gpusim_fw_gen_bl_agree(const char *file, const u8 *data,
			   const struct gpusim_gen_bl_facts *own,
			   const struct nvgsp_fw_bl_ucode *bl, char *err, size_t err_len);

/**
 * gpusim_fw_fmc_agree() - find the fmc's four sections with gpusim's own
 * ELF32 reader and check that the driver's parse found the same.
 * @blob: the fmc file.
 * @fmc: nvgsp_fw_fmc_parse()'s description of it.
 * @own_off: set to each section's file offset, by enum nvgsp_fw_fmc_part.
 * @own_size: set to each section's size.
 * @err: set to a message naming the section and field.
 * @err_len: its size.
 *
 * Return: 0, or -EINVAL when a section is missing or they disagree.
 */
int gpusim_fw_fmc_agree(const struct nvgsp_fw_blob *blob, const struct nvgsp_fw_fmc_image *fmc,
			u64 own_off[NVGSP_FW_FMC_NR_PARTS], u64 own_size[NVGSP_FW_FMC_NR_PARTS],
			char *err, size_t err_len);

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
