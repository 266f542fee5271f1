/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_fw_fmc.h - the GSP "first mutable code" (FMC) image that the FSP
 * verifies and starts on Hopper and Blackwell (GH100, GB10x, GB20x):
 * nvidia/<chip>/gsp/fmc-<release>.bin.
 *
 * Portable core. See Documentation/firmware.rst, "FMC", and gsp-boot.rst,
 * "FSP boot"; the format is described in nvgsp_fw_fmc.c.
 */
#ifndef NVGSP_FW_FMC_H
#define NVGSP_FW_FMC_H

#include "nvgsp_fw_blob.h"

/*
 * The largest hash, public key and signature the FSP's chain-of-trust
 * message carries (NVDM_PAYLOAD_COT: hash384[12], publicKey[96],
 * signature[96] 32-bit words); an FMC section larger than its slot cannot be
 * sent.
 */
#define NVGSP_FW_FMC_HASH_MAX	48
#define NVGSP_FW_FMC_PKEY_MAX	384
#define NVGSP_FW_FMC_SIG_MAX	384

/**
 * enum nvgsp_fw_fmc_part - the sections of an FMC image, by role.
 * @NVGSP_FW_FMC_HASH: "hash", the SHA-384 digest the FSP checks the image
 *                     against (48 bytes).
 * @NVGSP_FW_FMC_SIGNATURE: "signature" over the hash: RSA-3072 on GH100 (384
 *                          bytes), ECDSA P-384 r||s on GB10x/GB20x (96).
 * @NVGSP_FW_FMC_PUBLICKEY: "publickey" to verify it with: the RSA-3072
 *                          modulus (384 bytes) or an uncompressed P-384
 *                          point (97).
 * @NVGSP_FW_FMC_IMAGE: "image", the code the FSP loads into the GSP.
 * @NVGSP_FW_FMC_NR_PARTS: their number.
 */
enum nvgsp_fw_fmc_part {
	NVGSP_FW_FMC_HASH,
	NVGSP_FW_FMC_SIGNATURE,
	NVGSP_FW_FMC_PUBLICKEY,
	NVGSP_FW_FMC_IMAGE,
	NVGSP_FW_FMC_NR_PARTS,
};

/**
 * struct nvgsp_fw_fmc_sect - one section of an FMC image.
 * @sect: its bytes, inside the file, clear of the headers and of every other
 *        section, never empty.
 * @index: its index in the ELF section table.
 * @crc: the CRC-32 the file records for it (sh_info): IEEE 802.3, as
 *       zlib's crc32(), over exactly the @sect bytes.
 * @crc_checked: @crc was non-zero and matched the bytes. A zero sh_info
 *               means "no CRC recorded" (nouveau's rule); every section of
 *               every released FMC file has one.
 */
struct nvgsp_fw_fmc_sect {
	struct nvgsp_fw_section sect;
	unsigned int index;
	u32 crc;
	bool crc_checked;
};

/**
 * struct nvgsp_fw_fmc_image - what an FMC image holds.
 * @parts: its sections, indexed by enum nvgsp_fw_fmc_part.
 * @names: the section-name table (.shstrtab), not CRC-covered in released
 *         files.
 */
struct nvgsp_fw_fmc_image {
	struct nvgsp_fw_fmc_sect parts[NVGSP_FW_FMC_NR_PARTS];
	struct nvgsp_fw_section names;
};

/**
 * nvgsp_fw_fmc_parse() - validate an FMC image and describe it.
 * @blob: the file.
 * @img: filled on success; zeroed on failure.
 * @diag: on failure, one line naming the file, the field and the values.
 *
 * Checks what nouveau checks before it hands the image to the FSP (the ELF32
 * header field by field, every section's type, flags and place, every
 * recorded CRC) and more: section names inside the name table, each of the
 * four sections present once, not empty, not overlapping another, and no
 * larger than the chain-of-trust message can carry. Never reads outside
 * @blob.
 *
 * Return: 0, or a negative errno (-EINVAL for a malformed file, -E2BIG for a
 * section larger than its NVGSP_FW_FMC_*_MAX) with @diag filled.
 */
int nvgsp_fw_fmc_parse(const struct nvgsp_fw_blob *blob, struct nvgsp_fw_fmc_image *img,
		       struct nvgsp_fw_diag *diag);

/**
 * nvgsp_fw_fmc_check_cot() - whether a parsed image's hash, public key and
 * signature have the sizes an FSP chain-of-trust version expects.
 * @blob: the file, for messages.
 * @img: a parsed image.
 * @cot_version: 1 (GH100: SHA-384, RSA-3072) or 2 (GB10x, GB20x: SHA-384,
 *               ECDSA P-384), as the chip's FSP speaks it.
 * @diag: on failure, names the section and both sizes.
 *
 * The FSP reads exactly these sizes out of the message, so an image for
 * another chip generation is refused here rather than by the FSP.
 *
 * Return: 0, or -EINVAL with @diag filled (also for an unknown
 * @cot_version).
 */
int nvgsp_fw_fmc_check_cot(const struct nvgsp_fw_blob *blob,
			   const struct nvgsp_fw_fmc_image *img, unsigned int cot_version,
			   struct nvgsp_fw_diag *diag);

/**
 * nvgsp_fw_fmc_part_name() - a part's section name ("hash", ...).
 * @part: the part.
 *
 * Return: the name, or "?" for a value out of range.
 */
const char *nvgsp_fw_fmc_part_name(enum nvgsp_fw_fmc_part part);

#endif /* NVGSP_FW_FMC_H */
