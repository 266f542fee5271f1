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

#endif /* GPUSIM_FWREAD_H */
