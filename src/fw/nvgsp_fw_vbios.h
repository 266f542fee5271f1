/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_fw_vbios.h - the GPU's VBIOS: read it through BAR0's PROM window,
 * walk its PCI expansion ROM images, find the BIT table, the falcon ucode
 * table and the FWSEC ucode, and build a runnable FWSEC image for one
 * command (FRTS or SB) by patching its DMEM mapper.
 *
 * Portable core, firmware layer. The ROM is untrusted input: every pointer,
 * length and count is checked against the bytes read, with a message that
 * names the structure and field (struct nvgsp_fw_diag). Format facts:
 * Documentation/vbios.rst (nova-core vbios.rs, nouveau
 * nvkm/subdev/bios, Documentation/gpu/nova/core/vbios.rst and fwsec.rst).
 */
#ifndef NVGSP_FW_VBIOS_H
#define NVGSP_FW_VBIOS_H

#include "nvgsp_fw_blob.h"

struct nvgsp_os_bar;

#define NVGSP_VBIOS_PROM_BASE	0x300000	/* BAR0 offset of the PROM window */
#define NVGSP_VBIOS_MAX		0x100000	/* bytes scanned at most */

#define NVGSP_FWSEC_CMD_FRTS	0x15
#define NVGSP_FWSEC_CMD_SB	0x19

/**
 * struct nvgsp_fw_vbios - what was found in a VBIOS image.
 * @name: the ROM's name for messages (the parsed blob's).
 * @rom: the ROM bytes (owned by the caller of nvgsp_fw_vbios_parse()).
 * @rom_size: their number (at most NVGSP_VBIOS_MAX are looked at).
 * @chain_offset: offset of the first image: 0, or past an IFR header when the
 *                bytes start with one ("NVGI").
 * @image_count: images in the chain, up to and including the one flagged last.
 * @pciat_offset: offset of the PCI-AT (code type 0x00) image.
 * @pciat_size: its size (from NPDE when present, else PCIR).
 * @fwsec_offset: offset of the first FWSEC (code type 0xE0) image; pointers
 *                in the falcon data are "PCI-AT size + offset in the FWSEC
 *                section" and are resolved against it.
 * @fwsec_size: bytes from @fwsec_offset to the end of the last image.
 * @bit_offset: offset of the BIT header in the PCI-AT image.
 * @pmu_table: ROM offset of the falcon ucode ("PMU lookup") table.
 * @desc_offset: ROM offset of the FWSEC_PROD ucode descriptor.
 * @desc_version: 2 (Turing, GA100) or 3 (GA10x and later).
 * @ucode_offset: ROM offset of the ucode (descriptor + descriptor size).
 * @ucode_size: bytes of ucode (IMEM load size + DMEM load size).
 * @imem_load_size: bytes of IMEM at the start of the ucode.
 * @imem_phys_base: IMEM physical load address.
 * @imem_virt_base: IMEM virtual base (the boot vector for v3).
 * @imem_sec_base: v2: secure IMEM virtual base; 0 for v3.
 * @imem_sec_size: v2: secure IMEM bytes; 0 for v3 (all secure).
 * @virtual_entry: v2: the code entry point; 0 for v3 (boots at 0).
 * @dmem_offset: offset of DMEM in the ucode (IMEM load size for v3).
 * @dmem_phys_base: DMEM physical load address.
 * @dmem_load_size: bytes of DMEM.
 * @interface_offset: DMEM offset of the application interface table.
 * @dmem_mapper: DMEM offset of the DMEMMAPPER interface (id 4).
 * @cmd_in_offset: DMEM offset of the command input buffer.
 * @cmd_in_size: its size.
 * @pkc_data_offset: v3: DMEM offset where the chosen signature goes.
 * @engine_id_mask: v3: which falcon may run it (0x400 GSP).
 * @ucode_id: v3: index of the fuse version register (1..16).
 * @sig_count: v3: signatures after the descriptor.
 * @sig_versions: v3: bit mask of the fuse versions they serve.
 * @sig_offset: v3: ROM offset of the first 384-byte signature.
 */
struct nvgsp_fw_vbios {
	const char *name;
	const u8 *rom;
	size_t rom_size;
	u32 chain_offset;
	u32 image_count;
	u32 pciat_offset;
	u32 pciat_size;
	u32 fwsec_offset;
	u32 fwsec_size;
	u32 bit_offset;
	u32 pmu_table;
	u32 desc_offset;
	u32 desc_version;
	u32 ucode_offset;
	u32 ucode_size;
	u32 imem_load_size;
	u32 imem_phys_base;
	u32 imem_virt_base;
	u32 imem_sec_base;
	u32 imem_sec_size;
	u32 virtual_entry;
	u32 dmem_offset;
	u32 dmem_phys_base;
	u32 dmem_load_size;
	u32 interface_offset;
	u32 dmem_mapper;
	u32 cmd_in_offset;
	u32 cmd_in_size;
	u32 pkc_data_offset;
	u16 engine_id_mask;
	u8 ucode_id;
	u8 sig_count;
	u16 sig_versions;
	u32 sig_offset;
};

/**
 * nvgsp_fw_vbios_read() - copy the ROM out of BAR0's PROM window.
 * @bar0: the register window.
 * @buf: destination, at least NVGSP_VBIOS_MAX bytes.
 * @size: set to the bytes that make up the image chain (reading stops after
 *        the last image, or at NVGSP_VBIOS_MAX).
 * @diag: the reason on failure.
 *
 * Reads 32-bit words only, and only as far as the chain's headers say. When
 * the window starts with an IFR header ("NVGI"), the image chain it points at
 * is what is copied: @buf[0] is then the first image's 0x55 0xAA, as nouveau's
 * shadowrom.c stores it. An image's ROM header that reads all ones means the
 * device is gone (ROM padding is all ones too, but never where a header is).
 *
 * Return: 0; -ENODEV when the window reads all ones (device gone); -ENOEXEC
 * when no 0xAA55 ROM signature is found or the chain is malformed.
 */
int nvgsp_fw_vbios_read(struct nvgsp_os_bar *bar0, u8 *buf, size_t *size,
			struct nvgsp_fw_diag *diag);

/**
 * nvgsp_fw_vbios_parse() - find FWSEC in a ROM image.
 * @blob: the ROM bytes ("vbios" as its name for messages).
 * @vb: filled; keeps a pointer to @blob's bytes.
 * @diag: the reason on failure, naming the structure and field.
 *
 * Return: 0; -ENOEXEC for a malformed or incomplete ROM (no PCI-AT image,
 * no BIT, no 'p' token, no FWSEC_PROD entry, an unknown descriptor version,
 * a pointer or size outside the ROM).
 */
int nvgsp_fw_vbios_parse(const struct nvgsp_fw_blob *blob, struct nvgsp_fw_vbios *vb,
			 struct nvgsp_fw_diag *diag);

/**
 * struct nvgsp_fw_fwsec_cmd - the command to patch into FWSEC's DMEM.
 * @cmd: NVGSP_FWSEC_CMD_FRTS or NVGSP_FWSEC_CMD_SB.
 * @frts_addr: FRTS: FB offset of the FRTS region (4 KiB aligned).
 * @frts_size: FRTS: its size (4 KiB aligned).
 * @fuse_version: v3: the value of the chip's fuse version register for the
 *                descriptor's engine and ucode id (selects the signature).
 */
struct nvgsp_fw_fwsec_cmd {
	u32 cmd;
	u64 frts_addr;
	u64 frts_size;
	u32 fuse_version;
};

/**
 * nvgsp_fw_fwsec_build() - a patched copy of the FWSEC ucode, ready to load:
 * IMEM bytes then DMEM bytes, with the DMEMMAPPER's init_cmd set, the
 * command's input buffer written (ReadVbios, and FrtsRegion for FRTS) and,
 * for v3, the selected signature copied to DMEM at pkc_data_offset.
 * @vb: from nvgsp_fw_vbios_parse().
 * @cmd: the command.
 * @out: destination.
 * @out_len: room at @out; at least @vb->ucode_size.
 * @diag: the reason on failure.
 *
 * Return: bytes written (@vb->ucode_size); -EINVAL when @out_len is short or
 * the command does not fit the input buffer; -ENOEXEC when no signature
 * serves the fuse version (message gives the version and the mask).
 */
int nvgsp_fw_fwsec_build(const struct nvgsp_fw_vbios *vb, const struct nvgsp_fw_fwsec_cmd *cmd,
			 u8 *out, size_t out_len, struct nvgsp_fw_diag *diag);

#endif /* NVGSP_FW_VBIOS_H */
