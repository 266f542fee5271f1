/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_fw_vgpu.h - the vGPU type catalogue file, nvidia/vgpu-<release>.bin:
 * per PCI device id, the vGPU types the host offers and the RM control that
 * installs them in GSP-RM.
 *
 * Portable core. The format, its sources and the checks are described in
 * Documentation/vgpu-types.rst.
 */
#ifndef NVGSP_FW_VGPU_H
#define NVGSP_FW_VGPU_H

#include "nvgsp_fw_blob.h"

#define NVGSP_FW_VGPU_MAX_TYPES		64	/* NVA081_MAX_VGPU_TYPES_PER_PGPU */
#define NVGSP_FW_VGPU_MAX_BLOBS		64	/* device ids per file, our bound */
#define NVGSP_FW_VGPU_NAME_LEN		32	/* name field, NUL included */
#define NVGSP_FW_VGPU_BUILD_LEN		64	/* gsp_build_version field */

/**
 * struct nvgsp_fw_vgpu_type - one vGPU type, version-neutral.
 * @id: the type id (e.g. 869).
 * @name: its name, NUL-terminated printable ASCII ("NVIDIA L40-1B").
 * @vdev_id: the PCI identity the guest sees (device << 16 | subsystem).
 * @pdev_id: the physical GPU's PCI device id.
 * @fb_length: guest framebuffer in bytes.
 * @gsp_heap_size: GSP-RM heap for the vGPU in bytes.
 * @bar1_length: guest BAR1 in MiB.
 * @max_instance: how many vGPUs of this type one GPU holds (1..64).
 * @ecc_supported: whether the type supports ECC.
 * @fb_reservation: framebuffer reserved beside @fb_length, in bytes.
 */
struct nvgsp_fw_vgpu_type {
	u32 id;
	char name[NVGSP_FW_VGPU_NAME_LEN];
	u64 vdev_id;
	u64 pdev_id;
	u64 fb_length;
	u64 gsp_heap_size;
	u64 bar1_length;
	u32 max_instance;
	bool ecc_supported;
	u64 fb_reservation;
};

/**
 * struct nvgsp_fw_vgpu_info - what the file's header says, and which
 * devices it serves.
 * @vgpu_major: the vGPU software major version (18 for 570.144, 16 for
 *              535.113.01).
 * @vgpu_minor: its minor version.
 * @build: the GSP-RM release the file is for, NUL-terminated.
 * @nr_blobs: blobs in the file.
 * @device_ids: each blob's PCI device id, in file order.
 * @nr_types: each blob's number of types.
 */
struct nvgsp_fw_vgpu_info {
	u64 vgpu_major;
	u64 vgpu_minor;
	char build[NVGSP_FW_VGPU_BUILD_LEN];
	unsigned int nr_blobs;
	u16 device_ids[NVGSP_FW_VGPU_MAX_BLOBS];
	u8 nr_types[NVGSP_FW_VGPU_MAX_BLOBS];
};

/**
 * struct nvgsp_fw_vgpu_catalogue - the types of one device, and the control
 * to forward to GSP-RM.
 * @device_id: the PCI device id asked for.
 * @nr_types: entries used in @types (1..64).
 * @types: the types, in file order.
 * @rmctrl_cmd: the RM control to send; only PGPU_ADD_VGPU_TYPE is accepted.
 * @rmctrl: where its parameters lie in the file, to be sent verbatim.
 *
 * About 7 KiB: allocate it, do not put it on a kernel stack.
 */
struct nvgsp_fw_vgpu_catalogue {
	u16 device_id;
	unsigned int nr_types;
	struct nvgsp_fw_vgpu_type types[NVGSP_FW_VGPU_MAX_TYPES];
	u32 rmctrl_cmd;
	struct nvgsp_fw_section rmctrl;
};

/**
 * nvgsp_fw_vgpu_inspect() - validate a whole vGPU type catalogue file.
 * @blob: the file.
 * @release: the GSP-RM release booted (its .fwversion, "570.144" or
 *           "535.113.01"); the file's build string must equal it, and the
 *           layout of the control comes from its firmware-ABI table.
 * @vmmu_segment: the VMMU segment size in bytes, every type's fb_length must
 *                be a whole number of it; 0 when not known yet.
 * @info: filled on success.
 * @diag: on failure, one line naming the file, the field and the values.
 *
 * Checks the header (magic, version against the accepted list, build
 * string), every blob and every type record, then the CRC-32. Never reads
 * outside @blob.
 *
 * Return: 0, or a negative errno (-EINVAL malformed, -E2BIG past a bound,
 * -EBADMSG CRC mismatch, -EPROTO a version or release this build does not
 * accept) with @diag filled.
 */
int nvgsp_fw_vgpu_inspect(const struct nvgsp_fw_blob *blob, const char *release,
			  u64 vmmu_segment, struct nvgsp_fw_vgpu_info *info,
			  struct nvgsp_fw_diag *diag);

/**
 * nvgsp_fw_vgpu_parse() - the vGPU types of one device from a catalogue file.
 * @blob: the file.
 * @device_id: the PF's PCI device id.
 * @release: as for nvgsp_fw_vgpu_inspect().
 * @vmmu_segment: as for nvgsp_fw_vgpu_inspect().
 * @cat: filled on success; untouched on failure.
 * @diag: on failure, one line naming the file, the field and the values.
 *
 * The whole file is validated as by nvgsp_fw_vgpu_inspect() first: a file
 * with one bad blob is refused for every device.
 *
 * Return: 0, -ENOENT when the file has no blob for @device_id, or an error
 * of nvgsp_fw_vgpu_inspect(); @diag filled on failure.
 */
int nvgsp_fw_vgpu_parse(const struct nvgsp_fw_blob *blob, u16 device_id, const char *release,
			u64 vmmu_segment, struct nvgsp_fw_vgpu_catalogue *cat,
			struct nvgsp_fw_diag *diag);

#endif /* NVGSP_FW_VGPU_H */
