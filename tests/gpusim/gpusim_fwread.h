/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gpusim_fwread.h - gpusim's own minimal readers of the firmware facts its
 * booter model checks, written apart from the driver's parsers (src/fw), so
 * that a parser bug cannot hide itself: gpusim_fw.c reads each fact both
 * ways and refuses to load when they disagree. Internal to gpusim.
 */
#ifndef GPUSIM_FWREAD_H
#define GPUSIM_FWREAD_H

#include "gpusim.h"

/**
 * gpusim_elf64_section() - find a section of an ELF64 little-endian file by
 * name.
 * @f: the file's bytes.
 * @n: their number.
 * @name: the section's name (".fwimage").
 * @off: set to the section's file offset.
 * @size: set to its size.
 *
 * Return: 0; -ENOENT when there is no such section; -EINVAL when the file is
 * not ELF64 little-endian or a header, the section table or the name table
 * lies outside the file.
 */
int gpusim_elf64_section(const u8 *f, size_t n, const char *name, u64 *off, u64 *size);

/**
 * struct gpusim_bl_facts - what the booter checks of the bootloader file.
 * @image_off: the ucode image (nvfw_bin_hdr data_offset) in the file.
 * @image_size: its size (data_size).
 * @code_off: RM_RISCV_UCODE_DESC monitorCodeOffset.
 * @data_off: monitorDataOffset.
 * @manifest_off: manifestOffset.
 */
struct gpusim_bl_facts {
	u32 image_off, image_size;
	u32 code_off, data_off, manifest_off;
};

/**
 * gpusim_riscv_bl_read() - read a bootloader file: the nvfw_bin_hdr
 * {bin_magic 0x10de, bin_ver, bin_size, header_offset, data_offset,
 * data_size} and the RM_RISCV_UCODE_DESC at header_offset (manifestOffset
 * at byte 32, monitorDataOffset at 40, monitorCodeOffset at 48: nouveau
 * rm/r535/nvrm/gsp.h, NVIDIA's rmRiscvUcode.h).
 * @f: the file's bytes.
 * @n: their number.
 * @out: filled.
 *
 * Return: 0, or -EINVAL for a bad magic or anything outside the file.
 */
int gpusim_riscv_bl_read(const u8 *f, size_t n, struct gpusim_bl_facts *out);

/**
 * gpusim_elf32_section() - find a section of an ELF32 little-endian file by
 * name (the fmc: System V ABI e_shoff u32 at 0x20, e_shentsize u16 at 0x2e,
 * e_shnum 0x30, e_shstrndx 0x32; section headers of at least 40 bytes with
 * sh_name u32 at 0, sh_offset u32 at 0x10, sh_size u32 at 0x14).
 * @f: the file's bytes.
 * @n: their number.
 * @name: the section's name ("image").
 * @off: set to the section's file offset.
 * @size: set to its size.
 *
 * Return: as gpusim_elf64_section(), for ELF32.
 */
int gpusim_elf32_section(const u8 *f, size_t n, const char *name, u64 *off, u64 *size);

/**
 * struct gpusim_hs_facts - what the SEC2 model checks of an HS ucode file
 * (booter_load, booter_unload, scrubber). Offsets of code and data are
 * relative to the image, as in the load header.
 * @image_off: the image (nvfw_bin_hdr data_offset) in the file.
 * @image_size: its size (data_size).
 * @os_code_off: load header os_code_offset.
 * @os_code_size: os_code_size.
 * @os_data_off: os_data_offset.
 * @os_data_size: os_data_size.
 * @app_code_off: app[0] code offset.
 * @app_code_size: app[0] code size.
 * @sig_dmem: where the signature goes in DMEM: the u32 at file offset
 *            patch_loc, less os_data_offset.
 * @sig_off: file offset of the signature for hardware fuse version 0.
 * @sig_size: bytes per signature (sig_prod_size / num_sig).
 * @engine_id_mask: meta data word 1.
 * @ucode_id: meta data word 2.
 */
struct gpusim_hs_facts {
	u32 image_off, image_size;
	u32 os_code_off, os_code_size, os_data_off, os_data_size;
	u32 app_code_off, app_code_size;
	u32 sig_dmem, sig_off, sig_size;
	u32 engine_id_mask, ucode_id;
};

/**
 * gpusim_hs_read() - read an HS ucode file: the nvfw_bin_hdr, the HS header
 * v2 at its header_offset {sig_prod_offset, sig_prod_size, patch_loc,
 * patch_sig, meta_data_offset, meta_data_size, num_sig, header_offset,
 * header_size} (patch_loc, patch_sig and num_sig are file offsets of u32
 * values), the meta data {fuse_ver, engine_id, ucode_id} and the load
 * header v2 {os_code_offset, os_code_size, os_data_offset, os_data_size,
 * num_apps, app[0] offset, app[0] size} (nouveau include/nvfw/hs.h and
 * nvkm/falcon/fw.c nvkm_falcon_fw_ctor_hs_v2; nova-core firmware/booter.rs).
 * The signature for fuse version 0 is the last of num_sig (nova-core
 * booter.rs: "0 means the last signature"; NVIDIA's kernel_gsp_booter.c:
 * num_sig - 1 - fuse version), counted from sig_prod_offset plus the
 * patch_sig value as nouveau and nova-core do.
 * @f: the file's bytes.
 * @n: their number.
 * @out: filled.
 *
 * Return: 0, or -EINVAL for a bad magic, anything outside the file, no
 * application or signature, code or data outside the image, or a signature
 * outside the OS data.
 */
int gpusim_hs_read(const u8 *f, size_t n, struct gpusim_hs_facts *out);

/**
 * struct gpusim_gen_bl_facts - what the GSP falcon model checks of
 * gen_bootloader.
 * @image_off: the image (nvfw_bin_hdr data_offset) in the file.
 * @image_size: its size.
 * @start_tag: nvfw_bl_desc start_tag: the IMEM tag of its first block, and
 *             start_tag << 8 its boot vector.
 * @code_off: code_off, in the image.
 * @code_size: code_size.
 */
struct gpusim_gen_bl_facts {
	u32 image_off, image_size;
	u32 start_tag, code_off, code_size;
};

/**
 * gpusim_gen_bl_read() - read gen_bootloader: the nvfw_bin_hdr and the
 * nvfw_bl_desc at its header_offset {start_tag, dmem_load_off, code_off,
 * code_size, data_off, data_size} (nouveau include/nvfw/fw.h; nova-core
 * firmware/fwsec/bootloader.rs BootloaderDesc).
 * @f: the file's bytes.
 * @n: their number.
 * @out: filled.
 *
 * Return: 0, or -EINVAL for a bad magic, anything outside the file, or code
 * outside the image.
 */
int gpusim_gen_bl_read(const u8 *f, size_t n, struct gpusim_gen_bl_facts *out);

#endif /* GPUSIM_FWREAD_H */
