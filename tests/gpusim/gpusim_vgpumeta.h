/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gpusim_vgpumeta.h - vGPU type catalogue files (nvidia/vgpu-<release>.bin)
 * of our own, for the tests: no such file is public. Documentation/
 * vgpu-types.rst describes the format and where each type fact comes from.
 *
 * The builder writes a valid file; tests corrupt one field with
 * gpusim_vgpumeta_put() at the offsets below and, unless the CRC is what
 * they test, make it match again with gpusim_vgpumeta_fix_crc().
 */
#ifndef GPUSIM_VGPUMETA_H
#define GPUSIM_VGPUMETA_H

#include "nvgsp_os.h"

/* Header fields (offsets in the file). */
#define GPUSIM_VGPUMETA_CRC		8
#define GPUSIM_VGPUMETA_PAD		12
#define GPUSIM_VGPUMETA_MAJOR		16
#define GPUSIM_VGPUMETA_MINOR		24
#define GPUSIM_VGPUMETA_FEATURES	32
#define GPUSIM_VGPUMETA_BUILD		160
#define GPUSIM_VGPUMETA_NUM_BLOBS	224
#define GPUSIM_VGPUMETA_HDR_SIZE	232
/* Blob fields (offsets from the blob's start). */
#define GPUSIM_VGPUMETA_B_TYPE		0
#define GPUSIM_VGPUMETA_B_SIZE		8
#define GPUSIM_VGPUMETA_B_DEVICE	16
#define GPUSIM_VGPUMETA_B_INFO_OFF	24
#define GPUSIM_VGPUMETA_B_INFO_SIZE	32
#define GPUSIM_VGPUMETA_B_KSIZE		40
#define GPUSIM_VGPUMETA_B_NUM_K		48
#define GPUSIM_VGPUMETA_B_CMD		56
#define GPUSIM_VGPUMETA_B_RMSIZE	64
#define GPUSIM_VGPUMETA_B_HDR_SIZE	72
/* Kernel record fields (offsets from the record's start). */
#define GPUSIM_VGPUMETA_R_TYPE		0
#define GPUSIM_VGPUMETA_R_NAME		4
#define GPUSIM_VGPUMETA_R_VDEV		40
#define GPUSIM_VGPUMETA_R_PDEV		48
#define GPUSIM_VGPUMETA_R_FB		56
#define GPUSIM_VGPUMETA_R_HEAP		64
#define GPUSIM_VGPUMETA_R_BAR1		72
#define GPUSIM_VGPUMETA_R_MAX		80
#define GPUSIM_VGPUMETA_R_ECC		84
#define GPUSIM_VGPUMETA_R_FBRES		88
#define GPUSIM_VGPUMETA_R_SIZE		96
/*
 * PGPU_ADD_VGPU_TYPE's parameters (offsets from their start): the same in
 * every release; the size of one vgpuInfo entry and where maxInstance and
 * fbLength lie in it are the release's (struct gpusim_vgpumeta_layout).
 */
#define GPUSIM_VGPUMETA_C_DISCARD	0
#define GPUSIM_VGPUMETA_C_COUNT		4
#define GPUSIM_VGPUMETA_C_INFO		8
#define GPUSIM_VGPUMETA_CMD		0x20804003u

/**
 * struct gpusim_vgpumeta_layout - NVA081_CTRL_VGPU_INFO in one release, from
 * its firmware-ABI table (the vgpu.* parameters).
 * @info_size: one vgpuInfo entry (4952 in 535.113.01, 5224 in 570.144).
 * @info_max: maxInstance's offset in an entry.
 * @info_fb: fbLength's offset in an entry.
 * @params_size: the whole parameters, 8 + 0x40 entries.
 */
struct gpusim_vgpumeta_layout {
	u64 info_size;
	u64 info_max;
	u64 info_fb;
	u64 params_size;
};

/**
 * gpusim_vgpumeta_layout() - the layout the builder writes for @build.
 * @build: the release ("535.113.01", "570.144").
 * @lay: filled.
 *
 * Return: 0, or -ENOENT when @build has no firmware-ABI table or lacks a
 * vgpu.* parameter.
 */
int gpusim_vgpumeta_layout(const char *build, struct gpusim_vgpumeta_layout *lay);

/**
 * struct gpusim_vgpu_type - the facts of one type the builder writes.
 * @id: type id.
 * @name: name, under 32 characters.
 * @cls: its class ("NVS", "Q", ...), for the control's vgpuClass.
 * @device_id: the PF's PCI device id (pdevId).
 * @vdev_id: device << 16 | subsystem.
 * @fb_length: bytes.
 * @gsp_heap_size: bytes.
 * @bar1_length: MiB.
 * @max_instance: 1..64.
 * @num_heads: heads.
 * @max_res_x: width.
 * @max_res_y: height.
 * @frl_config: frame rate limit.
 * @ecc: 0 or 1.
 * @fb_reservation: bytes.
 * @synthetic: true when made up by us, not documented anywhere.
 */
struct gpusim_vgpu_type {
	u32 id;
	const char *name;
	const char *cls;
	u16 device_id;
	u64 vdev_id;
	u64 fb_length;
	u64 gsp_heap_size;
	u64 bar1_length;
	u32 max_instance;
	u32 num_heads;
	u32 max_res_x;
	u32 max_res_y;
	u32 frl_config;
	u32 ecc;
	u64 fb_reservation;
	bool synthetic;
};

/*
 * Every type the builder knows; the first is the one documented record.
 * Documentation/vgpu-types.rst, "Test files", gives each one's sources and
 * the constraints they all meet on the board gpusim models for them.
 */
extern const struct gpusim_vgpu_type gpusim_vgpu_types[];
extern const unsigned int gpusim_vgpu_nr_types;

/* The most blobs the builder writes into one file. */
#define GPUSIM_VGPUMETA_MAX_DEVICES	8

/**
 * struct gpusim_vgpumeta_cfg - what file to build.
 * @major: vgpu_major (18 for 570.144, 16 for 535.113.01).
 * @minor: vgpu_minor (1 for 570.144, 0 for 535.113.01).
 * @build: gsp_build_version ("570.144"); the control is laid out as this
 *         release's firmware-ABI table says.
 * @nr_devices: blobs, one per device id.
 * @devices: the device ids, each with every type of gpusim_vgpu_types[]
 *           that names it.
 */
struct gpusim_vgpumeta_cfg {
	u64 major;
	u64 minor;
	const char *build;
	unsigned int nr_devices;
	u16 devices[GPUSIM_VGPUMETA_MAX_DEVICES];
};

/* The 570.144 file for L40 (0x26b5) and A40 (0x2235). */
#define GPUSIM_VGPUMETA_DEFAULT \
	{ .major = 18, .minor = 1, .build = "570.144", .nr_devices = 2, \
	  .devices = { 0x26b5, 0x2235 } }

/* The same two devices for 535.113.01, with the version pair nvgsp accepts. */
#define GPUSIM_VGPUMETA_R535 \
	{ .major = 16, .minor = 0, .build = "535.113.01", .nr_devices = 2, \
	  .devices = { 0x26b5, 0x2235 } }

/**
 * gpusim_vgpumeta_cfg_for() - the file for @release with the types of every
 * device the facts table has (@dev 0) or of one device.
 * @release: "535.113.01" or "570.144".
 * @dev: a PCI device id, or 0 for every device of gpusim_vgpu_types[].
 * @cfg: filled.
 *
 * Return: 0, -ENOENT for a release without a version pair here, -EINVAL
 * when @dev has no type.
 */
int gpusim_vgpumeta_cfg_for(const char *release, u16 dev, struct gpusim_vgpumeta_cfg *cfg);

/**
 * gpusim_vgpumeta_build() - write a catalogue file.
 * @cfg: what it holds.
 * @out: set to the bytes (free() them).
 * @len: set to their number.
 *
 * Return: 0, or -EINVAL when a device has no type or there are more than
 * GPUSIM_VGPUMETA_MAX_DEVICES, -ENOENT when @cfg->build has no layout
 * (gpusim_vgpumeta_layout()), -ENOMEM.
 */
int gpusim_vgpumeta_build(const struct gpusim_vgpumeta_cfg *cfg, u8 **out, size_t *len);

/*
 * Offset of blob @i of a file the builder wrote, whatever its fields say;
 * 0 when @cfg->build has no layout.
 */
size_t gpusim_vgpumeta_blob(const struct gpusim_vgpumeta_cfg *cfg, unsigned int i);

/* Write @width (1, 4 or 8) bytes of @v little-endian at @off. */
void gpusim_vgpumeta_put(u8 *file, size_t off, unsigned int width, u64 v);

/* Store the CRC the format wants: crc32_le(~0, bytes 16..end). */
void gpusim_vgpumeta_fix_crc(u8 *file, size_t len);

#endif /* GPUSIM_VGPUMETA_H */
