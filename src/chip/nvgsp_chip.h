/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_chip.h - GPU identification: which chip is behind BAR0, and whether
 * nvgsp drives it.
 *
 * Portable core: no kernel headers. The chip table lists every GSP-RM chip
 * from TU102 to GB207 (Documentation/hardware.rst, "Chip identification").
 */
#ifndef NVGSP_CHIP_H
#define NVGSP_CHIP_H

#include "nvgsp_os.h"

/**
 * enum nvgsp_chip_family - GPU generations nvgsp knows.
 * @NVGSP_FAMILY_TURING: architecture 0x16.
 * @NVGSP_FAMILY_AMPERE: architecture 0x17.
 * @NVGSP_FAMILY_HOPPER: architecture 0x18.
 * @NVGSP_FAMILY_ADA: architecture 0x19.
 * @NVGSP_FAMILY_BLACKWELL: architectures 0x1a (GB10x) and 0x1b (GB20x).
 */
enum nvgsp_chip_family {
	NVGSP_FAMILY_TURING,
	NVGSP_FAMILY_AMPERE,
	NVGSP_FAMILY_HOPPER,
	NVGSP_FAMILY_ADA,
	NVGSP_FAMILY_BLACKWELL,
};

/**
 * enum nvgsp_boot_path - how GSP-RM is started on a chip.
 * @NVGSP_BOOT_SEC2_BOOTER: FWSEC-FRTS, then booter_load on SEC2 (TU, GA, AD).
 * @NVGSP_BOOT_FSP: chain-of-trust message to FSP, which runs FMC (GH, GB).
 */
enum nvgsp_boot_path {
	NVGSP_BOOT_SEC2_BOOTER,
	NVGSP_BOOT_FSP,
};

/**
 * struct nvgsp_chip_info - static facts about one chip.
 * @name: marketing-neutral chip name, e.g. "GA102".
 * @chipset: (architecture << 4) | implementation, e.g. 0x172.
 * @family: the generation.
 * @fw_dir: the chip's directory under nvidia/ in linux-firmware ("ga102").
 * @sig_family: suffix of the GSP image's .fwsignature_ section for this chip
 *              ("ga10x"); also names NVIDIA's gsp_<sig_family>.bin image.
 * @boot_path: how GSP-RM is started.
 */
struct nvgsp_chip_info {
	const char *name;
	u16 chipset;
	enum nvgsp_chip_family family;
	const char *fw_dir;
	const char *sig_family;
	enum nvgsp_boot_path boot_path;
};

/**
 * struct nvgsp_chip_id - what the identification registers said.
 * @boot0: raw NV_PMC_BOOT_0.
 * @boot42: raw NV_PMC_BOOT_42.
 * @arch: architecture, from BOOT_42.
 * @impl: implementation, from BOOT_42.
 * @chipset: (@arch << 4) | @impl.
 * @major_rev: major revision (0xa for an "A1" part).
 * @minor_rev: minor revision (1 for an "A1" part).
 * @minor_ext_rev: minor extended revision.
 * @info: the chip's static facts; NULL unless identification succeeded.
 */
struct nvgsp_chip_id {
	u32 boot0;
	u32 boot42;
	u8 arch;
	u8 impl;
	u16 chipset;
	u8 major_rev;
	u8 minor_rev;
	u8 minor_ext_rev;
	const struct nvgsp_chip_info *info;
};

/* Room for any message nvgsp_chip_decode() writes. */
#define NVGSP_CHIP_WHY_LEN 256

/**
 * nvgsp_chip_decode() - identify a chip from its BOOT_0 and BOOT_42 values.
 * @boot0: NV_PMC_BOOT_0 as read.
 * @boot42: NV_PMC_BOOT_42 as read.
 * @id: filled with the decoded fields (@id->info only on success).
 * @why: on failure, one line naming the raw values and the reason.
 * @why_len: size of @why; NVGSP_CHIP_WHY_LEN is always enough.
 *
 * Refuses a device that reads all ones (gone from the bus) or zero, any
 * architecture before Turing, an architecture after the newest we know, a
 * chip we do not know within a known architecture, and BOOT_0 and BOOT_42
 * that name different chips.
 *
 * Return: 0, or -ENODEV with @why set.
 */
int nvgsp_chip_decode(u32 boot0, u32 boot42, struct nvgsp_chip_id *id,
		      char *why, size_t why_len);

/**
 * nvgsp_chip_identify() - read the identification registers and decode them.
 * @bar0: the GPU's BAR0 window (at least NV_BAR0_SIZE bytes).
 * @dev: the device, for debug messages (NVGSP_DBG_CHIP).
 * @id: as for nvgsp_chip_decode().
 * @why: as for nvgsp_chip_decode().
 * @why_len: as for nvgsp_chip_decode().
 *
 * Return: 0, or -ENODEV with @why set.
 */
int nvgsp_chip_identify(struct nvgsp_os_bar *bar0, struct nvgsp_os_device *dev,
			struct nvgsp_chip_id *id, char *why, size_t why_len);

/**
 * nvgsp_chip_lookup() - the static facts of a chipset.
 * @chipset: (architecture << 4) | implementation.
 *
 * Return: the entry, or NULL for a chipset nvgsp does not know.
 */
const struct nvgsp_chip_info *nvgsp_chip_lookup(u16 chipset);

/**
 * nvgsp_chip_table() - every chip nvgsp knows, in chipset order.
 * @count: set to the number of entries.
 *
 * Return: the table.
 */
const struct nvgsp_chip_info *nvgsp_chip_table(size_t *count);

/**
 * nvgsp_chip_family_name() - lower-case name of a family ("ampere").
 * @family: the family.
 *
 * Return: the name; "unknown" for a value outside the enum.
 */
const char *nvgsp_chip_family_name(enum nvgsp_chip_family family);

/**
 * nvgsp_chip_boot_path_name() - name of a boot path ("sec2-booter", "fsp").
 * @path: the boot path.
 *
 * Return: the name; "unknown" for a value outside the enum.
 */
const char *nvgsp_chip_boot_path_name(enum nvgsp_boot_path path);

/**
 * nvgsp_chip_revision() - the revision as NVIDIA writes it ("A1").
 * @id: a decoded identity.
 * @buf: destination.
 * @len: its size; 4 bytes are enough.
 */
void nvgsp_chip_revision(const struct nvgsp_chip_id *id, char *buf, size_t len);

#endif /* NVGSP_CHIP_H */
