/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_fw_gsp.h - the GSP-RM image: an ELF64 file whose sections carry the
 * payload the GSP runs (.fwimage), the release it is (.fwversion) and one
 * signature per chip family it serves (.fwsignature_<family>).
 *
 * Portable core. See Documentation/firmware.rst, "The GSP-RM image".
 */
#ifndef NVGSP_FW_GSP_H
#define NVGSP_FW_GSP_H

#include "nvgsp_fw_blob.h"

#define NVGSP_FW_VERSION_MAX	32	/* longest release string kept, with its NUL */
#define NVGSP_FW_FAMILY_MAX	16	/* longest signature family name, with its NUL */
#define NVGSP_FW_MAX_SIGS	24	/* signature sections kept per image */
#define NVGSP_FW_BUILD_ID_MAX	64	/* bytes of GNU build-id kept */

/**
 * struct nvgsp_fw_gsp_sig - one signature section.
 * @family: the family suffix, e.g. "ga10x" for .fwsignature_ga10x.
 * @cc: true for a confidential-compute variant (.fwsignature_cc_<family>).
 * @sect: the signature's bytes.
 */
struct nvgsp_fw_gsp_sig {
	char family[NVGSP_FW_FAMILY_MAX];
	bool cc;
	struct nvgsp_fw_section sect;
};

/**
 * struct nvgsp_fw_gsp_image - what a GSP-RM image says about itself.
 * @version: the release from .fwversion, without the trailing NUL
 *           ("570.144").
 * @fwimage: the payload mapped for the GSP.
 * @fwversion: the .fwversion section.
 * @nr_sigs: entries used in @sigs.
 * @sigs: the signature sections, in section-table order.
 * @build_id: the GNU build-id note's descriptor, when present.
 * @build_id_len: its length; 0 when the image has no .note.gnu.build-id.
 * @nr_sections: sections in the ELF section table.
 *
 * About 1.1 KiB: allocate it, do not put it on a kernel stack.
 */
struct nvgsp_fw_gsp_image {
	char version[NVGSP_FW_VERSION_MAX];
	struct nvgsp_fw_section fwimage;
	struct nvgsp_fw_section fwversion;
	unsigned int nr_sigs;
	struct nvgsp_fw_gsp_sig sigs[NVGSP_FW_MAX_SIGS];
	u8 build_id[NVGSP_FW_BUILD_ID_MAX];
	unsigned int build_id_len;
	unsigned int nr_sections;
};

/**
 * nvgsp_fw_gsp_parse() - validate a GSP-RM image and describe it.
 * @blob: the file.
 * @img: filled on success.
 * @diag: on failure, one line naming the file, the field and the values.
 *
 * Checks the ELF64 header (magic, class, data encoding, version, type REL,
 * machine RISC-V), the section table and section-name table, every section
 * the image needs (.fwimage, .fwversion, at least one .fwsignature_*) and
 * the .fwversion string (NUL-terminated, printable, short). Never reads
 * outside @blob.
 *
 * Return: 0, or a negative errno (-EINVAL for a malformed file, -E2BIG for
 * a field past a limit above) with @diag filled.
 */
int nvgsp_fw_gsp_parse(const struct nvgsp_fw_blob *blob,
		       struct nvgsp_fw_gsp_image *img, struct nvgsp_fw_diag *diag);

/**
 * nvgsp_fw_gsp_find_sig() - the image's signature for a family.
 * @img: a parsed image.
 * @family: e.g. "ga10x".
 * @cc: the confidential-compute variant instead of the plain one.
 *
 * Return: the signature, or NULL when the image does not serve that family.
 */
const struct nvgsp_fw_gsp_sig *nvgsp_fw_gsp_find_sig(const struct nvgsp_fw_gsp_image *img,
						     const char *family, bool cc);

#endif /* NVGSP_FW_GSP_H */
