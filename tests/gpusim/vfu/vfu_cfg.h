/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vfu_cfg.h - the PCI configuration spaces gpusim-vfu serves: the PF's (256
 * bytes as before, or 4096 with a PCIe and an SR-IOV capability) and each
 * VF's. Documentation/gpusim-sriov.rst describes them.
 */
#ifndef VFU_CFG_H
#define VFU_CFG_H

#include <stdbool.h>
#include <stdint.h>

#include "gpusim.h"

#define VFU_CFG_LEGACY		256u
#define VFU_CFG_EXT		4096u

/* Where the capabilities sit (lspci -vvv of NVIDIA boards: PM 0x60, MSI 0x68,
 * PCIe 0x78; MSI-X of the VFs at 0xc8 as the PFs of T4 and L20 have it). */
#define VFU_CAP_PM		0x60u
#define VFU_CAP_MSI		0x68u
#define VFU_CAP_EXP		0x78u
#define VFU_CAP_MSIX		0xc8u
#define VFU_EXT_VSEC		0x100u

/* A VF's MSI-X table and PBA in its BAR0 (the model's choice). */
#define VFU_VF_MSIX_VECTORS	6u
#define VFU_VF_MSIX_TABLE	0x20000u
#define VFU_VF_MSIX_PBA		0x28000u

/* SR-IOV capability registers, offsets from its header (PCIe base spec 9.3.3). */
#define VFU_SRIOV_CTRL		0x08u
#define   VFU_SRIOV_CTRL_VFE	0x0001u
#define VFU_SRIOV_NUM_VF	0x10u
#define VFU_SRIOV_VF_BAR0	0x24u
#define VFU_SRIOV_END		0x40u

/**
 * struct vfu_cfg - one function's config space.
 * @space: the bytes.
 * @wmask: per byte, the bits a write may change.
 * @size: 256 or 4096.
 */
struct vfu_cfg {
	uint8_t space[VFU_CFG_EXT];
	uint8_t wmask[VFU_CFG_EXT];
	uint32_t size;
};

/*
 * The PF in its reset state; @sriov NULL for the 256-byte space of a PF
 * without SR-IOV (gpusim-vfu without --vfs), else 4096 bytes with PCIe and
 * SR-IOV capabilities.
 */
void vfu_cfg_pf(struct vfu_cfg *c, const struct gpusim_pci *pci, uint8_t revision,
		const struct gpusim_sriov_facts *sriov);

/* A VF in its reset state. */
void vfu_cfg_vf(struct vfu_cfg *c, const struct gpusim_pci *pci, uint8_t revision,
		const struct gpusim_sriov_facts *sriov);

/* Write @count bytes at @off through the write mask (the caller bounds-checks). */
void vfu_cfg_write(struct vfu_cfg *c, uint32_t off, const uint8_t *data, uint32_t count);

/* Little-endian field access in @c->space. */
uint16_t vfu_cfg_rd16(const struct vfu_cfg *c, uint32_t off);
uint32_t vfu_cfg_rd32(const struct vfu_cfg *c, uint32_t off);

/*
 * What the PF's SR-IOV capability holds, for gpusim_sriov_control(): VF
 * Enable, NumVFs and the three VF BAR addresses.
 */
void vfu_cfg_sriov_state(const struct vfu_cfg *c, const struct gpusim_sriov_facts *sriov,
			 bool *vf_enable, uint16_t *num_vfs, u64 bar[GPUSIM_VF_BARS]);

#endif /* VFU_CFG_H */
