/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gpusim_vbios.h - the simulated GPU's VBIOS: a PCI expansion ROM in the real
 * format (Documentation/vbios.rst), and the check the falcon model runs when
 * the driver starts what it loaded from it on the GSP falcon.
 *
 * The ROM's layout (offsets are from the first image; an IFR header, when
 * asked for, comes before it and moves everything by GPUSIM_VBIOS_IFR_ROM):
 *
 *   0x0000  PCI-AT image (code type 0x00), 0x800 bytes: ROM header, PCIR,
 *           NPDE, a BIT header with tokens 'B', 'i' and 'p' (falcon data,
 *           version 2, pointing at the falcon ucode table), an ID string,
 *           and a checksum byte that makes the image's bytes sum to 0
 *   0x0800  EFI image (code type 0x03), 0x400 bytes of filler
 *   0x0c00  FWSEC image (code type 0xe0), 0x200 bytes: the falcon ucode
 *           table (version 1, 3 entries: 0x05, 0x45, 0x85 = FWSEC_PROD)
 *   0x0e00  FWSEC image (code type 0xe0), flagged last: the FWSEC_PROD
 *           descriptor (v2 60 bytes, or v3 44 bytes and its signatures),
 *           then the ucode: IMEM (GPUSIM_VBIOS_IMEM bytes) and DMEM
 *           (GPUSIM_VBIOS_DMEM bytes)
 *
 * Falcon-data pointers are "PCI-AT size (0x800) + offset from the first
 * FWSEC image", as on real boards (the EFI image is skipped).
 *
 * DMEM (offsets from its start, the same in v2 and v3):
 *   GPUSIM_VBIOS_APPIF     application interface table v1: 3 entries of 8
 *                          bytes (ids 1 DEVINIT, 5, 4 DMEMMAPPER)
 *   GPUSIM_VBIOS_DMAP      DMEMMAPPER v3 ("DMAP", version 3, size 64),
 *                          init_cmd 0 in the ROM
 *   GPUSIM_VBIOS_CMD_IN    its command input buffer (GPUSIM_VBIOS_CMD_IN_SIZE
 *                          bytes, a 0xa5 pattern in the ROM)
 *   GPUSIM_VBIOS_PKC       v3: where the 384-byte signature is patched (zeros
 *                          in the ROM)
 *   the rest               a pseudo-random pattern
 *
 * The ucode is synthetic: no real VBIOS may be redistributed, so the IMEM
 * bytes are an ASCII tag and a pseudo-random pattern seeded by the device id
 * (recognisable, different per device, never code), and the signatures are
 * patterns too. Only the container format is real.
 */
#ifndef GPUSIM_VBIOS_H
#define GPUSIM_VBIOS_H

#include "nvgsp_os.h"

#define GPUSIM_VBIOS_PCIAT_SIZE		0x800
#define GPUSIM_VBIOS_EFI_OFFSET		0x800
#define GPUSIM_VBIOS_FWSEC_OFFSET	0xc00	/* first FWSEC image */
#define GPUSIM_VBIOS_FWSEC2_OFFSET	0xe00	/* second FWSEC image */
#define GPUSIM_VBIOS_BIT		0x100	/* in the PCI-AT image */
#define GPUSIM_VBIOS_PMU_TABLE		0xc60	/* ROM offset of the falcon ucode table */
#define GPUSIM_VBIOS_DESC		0xe80	/* ROM offset of the descriptor */
#define GPUSIM_VBIOS_IMEM		0x1000
#define GPUSIM_VBIOS_DMEM		0x600
#define GPUSIM_VBIOS_APPIF		0x040
#define GPUSIM_VBIOS_DMAP		0x100
#define GPUSIM_VBIOS_CMD_IN		0x200
#define GPUSIM_VBIOS_CMD_IN_SIZE	0x100
#define GPUSIM_VBIOS_PKC		0x400
#define GPUSIM_VBIOS_UCODE_ID		3	/* v3 UcodeId: fuse register 0x8241c0 + 2 * 4 */
#define GPUSIM_VBIOS_ENGINE_GSP		0x0400	/* v3 EngineIdMask */
#define GPUSIM_VBIOS_IMEM_SEC_BASE	0x800	/* v2: the second half of IMEM is secure */
#define GPUSIM_VBIOS_SIG_LEN		384
/* With an IFR header: where the image chain starts. */
#define GPUSIM_VBIOS_IFR_ROM		0x2000

/**
 * struct gpusim_vbios_cfg - what VBIOS to build.
 * @device_id: PCI device id (in every PCIR; seeds the ucode pattern).
 * @desc_version: FWSEC descriptor version: 2 (TU10x, TU11x, GA100) or 3.
 * @sig_versions: v3: SignatureVersions, one signature per bit set; 0 for
 *                0x1 (one signature, for fuse version 0).
 * @ifr_version: 0 for no IFR header (the images start at 0, as on most
 *               boards); 1, 2 or 3 for an IFR header of that version, the
 *               images then starting at GPUSIM_VBIOS_IFR_ROM.
 */
struct gpusim_vbios_cfg {
	u16 device_id;
	u32 desc_version;
	u16 sig_versions;
	u32 ifr_version;
};

/**
 * gpusim_vbios_build() - build the VBIOS.
 * @cfg: what to build.
 * @rom: set to the bytes (malloc'd; the caller frees them).
 * @len: set to their number.
 *
 * Return: 0; -EINVAL for a descriptor version other than 2 or 3, signatures
 * with a v2 descriptor, or an IFR version other than 0..3; -ENOMEM.
 */
int gpusim_vbios_build(const struct gpusim_vbios_cfg *cfg, u8 **rom, size_t *len);

/**
 * struct gpusim_fwsec_cmd - the command a correctly patched FWSEC was given.
 * @cmd: 0x15 (FRTS) or 0x19 (SB).
 * @frts_addr: FRTS: the FrtsRegion's address, in bytes.
 * @frts_size: FRTS: its size, in bytes.
 */
struct gpusim_fwsec_cmd {
	u32 cmd;
	u64 frts_addr, frts_size;
};

/**
 * gpusim_vbios_fwsec_check() - whether the GSP falcon holds the VBIOS's
 * FWSEC, correctly patched, as it starts.
 * @rom: the VBIOS (from gpusim_vbios_build(), or any in that format).
 * @rom_len: its size.
 * @imem: the falcon's IMEM, indexed by IMEM address: the ucode's IMEM bytes
 *        must be at [IMEMPhysBase, +IMEMLoadSize) (for v2, non-secure and
 *        secure parts alike sit at IMEMPhysBase + their offset in the ucode,
 *        as nova-core loads them and as the v2 bootloader leaves them).
 * @imem_len: its size.
 * @dmem: the falcon's DMEM, indexed by DMEM address: the patched DMEM must
 *        be at [DMEMPhysBase, +DMEMLoadSize).
 * @dmem_len: its size.
 * @cmd: filled on success with the command found.
 * @err: on failure, one line naming what is wrong and both values.
 * @err_len: room at @err.
 *
 * Finds FWSEC in @rom with its own walker (not the driver's), compares IMEM
 * byte for byte, DMEM byte for byte outside what the driver patches (the
 * DMEMMAPPER's init_cmd, the command input buffer's ReadVbios and, for FRTS,
 * FrtsRegion, and for v3 the signature), and checks those: init_cmd FRTS or
 * SB; ReadVbios {1, 24, 0, 0, 2}; FrtsRegion {1, 20, addr, size != 0, 2};
 * the signature the ROM has for fuse version 0 (gpusim's fuses read 0).
 *
 * Return: 0; -EINVAL with @err set.
 */
int gpusim_vbios_fwsec_check(const u8 *rom, size_t rom_len, const u8 *imem, size_t imem_len,
			     const u8 *dmem, size_t dmem_len, struct gpusim_fwsec_cmd *cmd,
			     char *err, size_t err_len);

/**
 * gpusim_vbios_fwsec_check_fuse() - gpusim_vbios_fwsec_check() for a chip
 * whose fuse version register for the descriptor's ucode reads @fuse_reg.
 * @rom: as gpusim_vbios_fwsec_check().
 * @rom_len: as gpusim_vbios_fwsec_check().
 * @fuse_reg: the fuse version register's value (its highest set bit in
 *            15:0 is the fuse version).
 * @imem: as gpusim_vbios_fwsec_check().
 * @imem_len: as gpusim_vbios_fwsec_check().
 * @dmem: as gpusim_vbios_fwsec_check().
 * @dmem_len: as gpusim_vbios_fwsec_check().
 * @cmd: as gpusim_vbios_fwsec_check().
 * @err: as gpusim_vbios_fwsec_check().
 * @err_len: as gpusim_vbios_fwsec_check().
 *
 * Return: as gpusim_vbios_fwsec_check().
 */
int gpusim_vbios_fwsec_check_fuse(const u8 *rom, size_t rom_len, u32 fuse_reg,
				  const u8 *imem, size_t imem_len, const u8 *dmem,
				  size_t dmem_len, struct gpusim_fwsec_cmd *cmd, char *err,
				  size_t err_len);

#endif /* GPUSIM_VBIOS_H */
