/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_fw_ucode.h - the falcon and RISC-V ucode containers that ship with
 * GSP-RM in linux-firmware: booter_load, booter_unload and scrubber (HS
 * ucode run on SEC2), bootloader (the GSP's RISC-V boot image) and
 * gen_bootloader (the falcon bootloader that loads FWSEC on Turing).
 *
 * Portable core. Every file starts with an nvfw_bin_hdr; what its
 * header_offset points at depends on the file's role. The parsers check
 * every offset, size and count against the file and against the structure
 * that holds it, and hand back version-neutral descriptions; driver logic
 * never sees NVIDIA's field names.
 *
 * Sources (read for facts; the code is ours):
 * - NVIDIA open-gpu-kernel-modules: nouveau/extract-firmware-nouveau.py (how
 *   the linux-firmware files are generated from RM's bindata),
 *   src/nvidia/src/kernel/gpu/gsp/kernel_gsp_booter.c (RM's own parse of
 *   the booter header, patch and signature data),
 *   src/nvidia/arch/nvalloc/common/inc/rmRiscvUcode.h (RM_RISCV_UCODE_DESC).
 * - Linux nouveau: include/nvfw/fw.h (nvfw_bin_hdr, nvfw_bl_desc),
 *   include/nvfw/hs.h (nvfw_hs_header_v2, nvfw_hs_load_header_v2),
 *   nvkm/falcon/fw.c (nvkm_falcon_fw_ctor_hs_v2), nvkm/subdev/gsp/r535.c
 *   (r535_gsp_rm_boot_ctor).
 * - Linux nova-core: firmware.rs (BinHdr), firmware/booter.rs,
 *   firmware/riscv.rs, firmware/fwsec/bootloader.rs.
 */
#ifndef NVGSP_FW_UCODE_H
#define NVGSP_FW_UCODE_H

#include "nvgsp_fw_blob.h"
#include "nvgsp_fw_release.h"

/**
 * DOC: nvfw container
 *
 * All little-endian u32, at file offset 0 (nouveau nvfw/fw.h):
 *
 * ======  ==============  ===================================================
 * offset  field           meaning
 * ======  ==============  ===================================================
 * 0x00    bin_magic       0x10de
 * 0x04    bin_ver         1
 * 0x08    bin_size        the file size rounded up to 256: NVIDIA's
 *                         generator counts the padding but does not write it,
 *                         so every real file is shorter than bin_size
 * 0x0c    header_offset   the role's header (0x18 in every real file)
 * 0x10    data_offset     the image loaded into the falcon / RISC-V core
 * 0x14    data_size       its size; data_offset + data_size is the file size
 * ======  ==============  ===================================================
 *
 * HS ucode (booter_load, booter_unload, scrubber): at header_offset an HS
 * header v2 of nine u32, sig_prod_offset, sig_prod_size, patch_loc,
 * patch_sig, meta_data_offset, meta_data_size, num_sig, header_offset,
 * header_size. patch_loc, patch_sig and num_sig are file offsets of u32
 * values, not values; meta_data_offset points at {fuse_ver, engine_id,
 * ucode_id}; header_offset/header_size locate the load header
 * {os_code_offset, os_code_size, os_data_offset, os_data_size, num_apps,
 * app_code_offset, app_code_size, app_data_offset, app_data_size}, offsets
 * relative to the image. The num_sig signatures of sig_prod_size / num_sig
 * bytes each lie at sig_prod_offset; one of them is copied into the image
 * at the patch_loc value before the ucode runs.
 *
 * bootloader: at header_offset an RM_RISCV_UCODE_DESC, 19 u32 in version 4
 * and 21 in version 5 (which adds fbReservedSize and bSignedAsCode); its
 * offsets are relative to the image.
 *
 * gen_bootloader: at header_offset a bl descriptor {start_tag,
 * dmem_load_off, code_off, code_size, data_off, data_size}, offsets
 * relative to the image.
 */

/**
 * enum nvgsp_fw_ucode_kind - which container format a file uses.
 * @NVGSP_FW_UCODE_NONE: not a ucode container (the GSP image, the fmc).
 * @NVGSP_FW_UCODE_HS: nvfw_bin_hdr + HS header v2 (booter_load,
 *                     booter_unload, scrubber).
 * @NVGSP_FW_UCODE_RISCV: nvfw_bin_hdr + RM_RISCV_UCODE_DESC (bootloader).
 * @NVGSP_FW_UCODE_BL: nvfw_bin_hdr + bl descriptor (gen_bootloader).
 */
enum nvgsp_fw_ucode_kind {
	NVGSP_FW_UCODE_NONE,
	NVGSP_FW_UCODE_HS,
	NVGSP_FW_UCODE_RISCV,
	NVGSP_FW_UCODE_BL,
};

/**
 * struct nvgsp_fw_bin_hdr - the nvfw_bin_hdr of a file, as read and checked.
 * @bin_ver: always 1.
 * @bin_size: what the header says the container spans; at least the end
 *            of the headers and data, at most the file size rounded up to
 *            256 bytes.
 * @header_offset: file offset of the role's header.
 * @data_offset: file offset of the image.
 * @data_size: image size; the image lies inside the file.
 */
struct nvgsp_fw_bin_hdr {
	u32 bin_ver;
	u32 bin_size;
	u32 header_offset;
	u32 data_offset;
	u32 data_size;
};

/**
 * struct nvgsp_fw_region - a part of a ucode image.
 * @offset: from the start of the image (not of the file).
 * @size: in bytes; [offset, offset + size) lies inside the image.
 */
struct nvgsp_fw_region {
	u32 offset;
	u32 size;
};

/**
 * struct nvgsp_fw_hs_ucode - a heavy-secure falcon ucode (booter_load,
 * booter_unload, scrubber).
 * @bin: the container header.
 * @image: the image, inside the blob; copy it, then patch a signature in.
 * @image_size: its size (= @bin.data_size).
 * @os_code: non-secure code (IMEM).
 * @os_data: data, loaded into DMEM at 0.
 * @app_code: the one secure application's code (IMEM; boots at its
 *            offset).
 * @app_data: the application's data (empty in every real file).
 * @patch_loc: image offset where the chosen signature is written; inside
 *             @os_data.
 * @sig_dmem_offset: @patch_loc - @os_data.offset, the DMEM address of the
 *                   signature (the BROM's PKC parameter on GA102 and later).
 * @fuse_ver: the ucode's fuse version (meta data word 0).
 * @engine_id_mask: the falcon engines it may run on (meta data word 1;
 *                  bit 0 = SEC2); a non-zero 16-bit mask.
 * @ucode_id: selects the fuse version register (meta data word 2), 1..16.
 * @num_sig: signatures present, at least 1; @fuse_ver < @num_sig.
 * @sig_size: bytes per signature: 16 on Turing (AES), 384 from GA100 on
 *            (RSA-3072).
 * @sigs_offset: file offset of signature 0.
 * @sigs: signature 0, inside the blob; signature i is at
 *        @sigs + i * @sig_size.
 */
struct nvgsp_fw_hs_ucode {
	struct nvgsp_fw_bin_hdr bin;
	const u8 *image;
	u32 image_size;
	struct nvgsp_fw_region os_code;
	struct nvgsp_fw_region os_data;
	struct nvgsp_fw_region app_code;
	struct nvgsp_fw_region app_data;
	u32 patch_loc;
	u32 sig_dmem_offset;
	u32 fuse_ver;
	u32 engine_id_mask;
	u32 ucode_id;
	u32 num_sig;
	u32 sig_size;
	u32 sigs_offset;
	const u8 *sigs;
};

/**
 * struct nvgsp_fw_riscv_ucode - the GSP's RISC-V boot image (bootloader).
 * @bin: the container header.
 * @image: the image, inside the blob.
 * @image_size: its size (= @bin.data_size).
 * @version: the descriptor's version: 4 (TU10x, TU11x, GA100) or 5.
 * @app_version: appVersion, written to the GSP falcon's OS register before
 *               it starts (0 in every real file).
 * @bootloader: the bootloader proper (version 4 images boot from it).
 * @bootloader_params: its parameter block.
 * @riscv_elf: an embedded ELF (empty in every real file).
 * @manifest: the manifest the boot ROM checks (from version 5 images).
 * @monitor_data: the security monitor's data.
 * @monitor_code: the security monitor's code.
 * @swbrom_code: software boot ROM code (empty in every real file).
 * @swbrom_data: software boot ROM data (empty in every real file).
 * @monitor_enabled: bIsMonitorEnabled; when set, @monitor_code is not
 *                   empty.
 * @fb_reserved_size: version 5: the FB carve-out for image and reserved
 *                    space, 0 or at least @image_size; 0 for version 4.
 * @signed_as_code: version 5: the whole image is signed as code (Hopper and
 *                  later); false for version 4.
 */
struct nvgsp_fw_riscv_ucode {
	struct nvgsp_fw_bin_hdr bin;
	const u8 *image;
	u32 image_size;
	u32 version;
	u32 app_version;
	struct nvgsp_fw_region bootloader;
	struct nvgsp_fw_region bootloader_params;
	struct nvgsp_fw_region riscv_elf;
	struct nvgsp_fw_region manifest;
	struct nvgsp_fw_region monitor_data;
	struct nvgsp_fw_region monitor_code;
	struct nvgsp_fw_region swbrom_code;
	struct nvgsp_fw_region swbrom_data;
	bool monitor_enabled;
	u32 fb_reserved_size;
	bool signed_as_code;
};

/* The falcon bootloader is loaded right below this IMEM offset. */
#define NVGSP_FW_BL_IMEM_CEILING 0x10000u

/**
 * struct nvgsp_fw_bl_ucode - the generic falcon bootloader (gen_bootloader),
 * which loads FWSEC through DMA on Turing.
 * @bin: the container header.
 * @image: the image, inside the blob.
 * @image_size: its size (= @bin.data_size).
 * @start_tag: IMEM tag of its first block; fits 16 bits.
 * @boot_addr: @start_tag << 8, the falcon boot vector.
 * @dmem_load_off: where its DMEM descriptor goes (nouveau and nova-core load
 *                 it at 0 regardless).
 * @code: its code, at most %NVGSP_FW_BL_IMEM_CEILING bytes once rounded up
 *        to 256; not empty.
 * @data: its data (nova-core builds the data itself).
 */
struct nvgsp_fw_bl_ucode {
	struct nvgsp_fw_bin_hdr bin;
	const u8 *image;
	u32 image_size;
	u32 start_tag;
	u32 boot_addr;
	u32 dmem_load_off;
	struct nvgsp_fw_region code;
	struct nvgsp_fw_region data;
};

/**
 * struct nvgsp_fw_ucode - any ucode container, by kind.
 * @kind: which member of @u is valid.
 * @u: the description.
 * @u.hs: for %NVGSP_FW_UCODE_HS.
 * @u.riscv: for %NVGSP_FW_UCODE_RISCV.
 * @u.bl: for %NVGSP_FW_UCODE_BL.
 */
struct nvgsp_fw_ucode {
	enum nvgsp_fw_ucode_kind kind;
	union {
		struct nvgsp_fw_hs_ucode hs;
		struct nvgsp_fw_riscv_ucode riscv;
		struct nvgsp_fw_bl_ucode bl;
	} u;
};

/**
 * nvgsp_fw_ucode_kind_of() - the container format a role's file uses.
 * @role: the file's role.
 *
 * Return: %NVGSP_FW_UCODE_HS for booter_load, booter_unload and scrubber,
 * %NVGSP_FW_UCODE_RISCV for bootloader, %NVGSP_FW_UCODE_BL for
 * gen_bootloader, %NVGSP_FW_UCODE_NONE for the rest (gsp, fmc: other
 * parsers).
 */
enum nvgsp_fw_ucode_kind nvgsp_fw_ucode_kind_of(enum nvgsp_fw_role role);

/**
 * nvgsp_fw_ucode_kind_name() - a kind's name for messages.
 * @kind: the kind.
 *
 * Return: "hs", "riscv", "bl", or "none".
 */
const char *nvgsp_fw_ucode_kind_name(enum nvgsp_fw_ucode_kind kind);

/**
 * nvgsp_fw_ucode_parse_hs() - validate and describe an HS ucode container.
 * @blob: the file.
 * @hs: filled on success; zeroed on failure.
 * @diag: on failure, "<file>: <part>: <field> <values>: <what is wrong>".
 *
 * Checks the bin header, the HS header v2 and every value it points at
 * (patch location, patch signature index, meta data, signature count), the
 * signatures, the load header, and that every region lies inside the image
 * and the signature's patch location inside the DMEM data. Follows NVIDIA's
 * RM where it is stricter than nouveau: exactly one application, patch_sig
 * 0, at least one signature, sig_prod_size a multiple of num_sig. Never
 * reads outside @blob.
 *
 * Return: 0; -E2BIG when num_apps exceeds the one application supported;
 * -EINVAL for any other malformed or inconsistent field.
 */
int nvgsp_fw_ucode_parse_hs(const struct nvgsp_fw_blob *blob, struct nvgsp_fw_hs_ucode *hs,
			    struct nvgsp_fw_diag *diag);

/**
 * nvgsp_fw_ucode_parse_riscv() - validate and describe a RISC-V bootloader.
 * @blob: the file.
 * @rv: filled on success; zeroed on failure.
 * @diag: on failure, the reason.
 *
 * Checks the bin header, the descriptor's version (4 or 5) and size, that
 * every region it names lies inside the image, its flags (0 or 1), that an
 * enabled monitor has code, and that a version 5 FB carve-out holds the
 * image. Never reads outside @blob.
 *
 * Return: 0, or -EINVAL with @diag filled.
 */
int nvgsp_fw_ucode_parse_riscv(const struct nvgsp_fw_blob *blob,
			       struct nvgsp_fw_riscv_ucode *rv, struct nvgsp_fw_diag *diag);

/**
 * nvgsp_fw_ucode_parse_bl() - validate and describe a falcon bootloader.
 * @blob: the file.
 * @bl: filled on success; zeroed on failure.
 * @diag: on failure, the reason.
 *
 * Checks the bin header, the descriptor, that code and data lie inside the
 * image, that the code is not empty and fits below
 * %NVGSP_FW_BL_IMEM_CEILING, and that start_tag fits 16 bits.
 *
 * Return: 0, or -EINVAL with @diag filled.
 */
int nvgsp_fw_ucode_parse_bl(const struct nvgsp_fw_blob *blob, struct nvgsp_fw_bl_ucode *bl,
			    struct nvgsp_fw_diag *diag);

/**
 * nvgsp_fw_ucode_parse() - parse a container of a given kind.
 * @blob: the file.
 * @kind: its format, e.g. from nvgsp_fw_ucode_kind_of().
 * @uc: filled on success (@uc->kind = @kind).
 * @diag: on failure, the reason.
 *
 * Return: as the parser for @kind; -EINVAL for %NVGSP_FW_UCODE_NONE or an
 * unknown kind.
 */
int nvgsp_fw_ucode_parse(const struct nvgsp_fw_blob *blob, enum nvgsp_fw_ucode_kind kind,
			 struct nvgsp_fw_ucode *uc, struct nvgsp_fw_diag *diag);

/**
 * nvgsp_fw_ucode_check() - whether a file is a well-formed container for
 * its role.
 * @role: the file's role; must have a ucode kind.
 * @blob: the file.
 * @diag: on failure, the reason.
 *
 * Return: as nvgsp_fw_ucode_parse(); -EINVAL when @role is not a ucode
 * container (gsp, fmc).
 */
int nvgsp_fw_ucode_check(enum nvgsp_fw_role role, const struct nvgsp_fw_blob *blob,
			 struct nvgsp_fw_diag *diag);

/**
 * nvgsp_fw_ucode_hs_signature() - the signature to patch into an HS ucode
 * for the fuse version the hardware reports.
 * @hs: a parsed HS ucode.
 * @hw_fuse_ver: the fuse version read from the engine's fuse register for
 *               @hs->ucode_id (0 on Turing and GA100, which have none).
 * @index: set to the signature's index.
 *
 * NVIDIA's rule (kernel_gsp_booter.c): with one signature, use it; with n,
 * use n - 1 - @hw_fuse_ver, which must not be negative. nova-core's rule
 * (last signature for fuse 0, else @hs->fuse_ver - @hw_fuse_ver) picks the
 * same one whenever @hs->fuse_ver == n - 1, as in every real file.
 *
 * Return: the signature's bytes (@hs->sig_size of them, inside the blob),
 * or NULL when the file has none for that fuse version.
 */
const u8 *nvgsp_fw_ucode_hs_signature(const struct nvgsp_fw_hs_ucode *hs, u32 hw_fuse_ver,
				      u32 *index);

#endif /* NVGSP_FW_UCODE_H */
