// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfu_cfg.c - config spaces for gpusim-vfu (vfu_cfg.h): the PF over the
 * model's PCI identity, with an SR-IOV capability of the board's facts
 * (gpusim_sriov_facts()) when VFs are served, and the VFs.
 */
#include <string.h>

#include "vfu_cfg.h"

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

uint16_t vfu_cfg_rd16(const struct vfu_cfg *c, uint32_t off)
{
	return (uint16_t)(c->space[off] | c->space[off + 1] << 8);
}

uint32_t vfu_cfg_rd32(const struct vfu_cfg *c, uint32_t off)
{
	return vfu_cfg_rd16(c, off) | (uint32_t)vfu_cfg_rd16(c, off + 2) << 16;
}

/* A memory BAR of @size bytes at @off: its type bits, and the address bits a
 * sizing write of all ones leaves (8 bytes for a 64-bit BAR). */
static void bar(struct vfu_cfg *c, uint32_t off, uint64_t size, bool is64, bool prefetch)
{
	uint64_t mask = ~(size - 1);
	int i, n = is64 ? 8 : 4;

	c->space[off] = (is64 ? 0x04 : 0x00) | (prefetch ? 0x08 : 0x00);
	for (i = 0; i < n; i++)
		c->wmask[off + i] = (uint8_t)(mask >> (8 * i));
	c->wmask[off] &= 0xf0;
}

/* Identity and header fields both functions share. */
static void header(struct vfu_cfg *c, uint16_t device_id, const struct gpusim_pci *pci,
		   uint8_t revision, uint32_t size)
{
	memset(c, 0, sizeof(*c));
	c->size = size;
	put16(c->space + 0x00, 0x10de);
	put16(c->space + 0x02, device_id);
	put16(c->space + 0x06, 0x0010);		/* status: capability list */
	c->space[0x08] = revision;
	c->space[0x09] = pci->class_code & 0xff;
	c->space[0x0a] = (pci->class_code >> 8) & 0xff;
	c->space[0x0b] = (pci->class_code >> 16) & 0xff;
	put16(c->space + 0x2c, pci->subsystem_vendor);
	put16(c->space + 0x2e, pci->subsystem_id);
}

/*
 * PCIe capability v2, Endpoint. Device Capabilities as lspci shows an NVIDIA
 * board (MaxPayload 256, ExtTag, L0s unlimited, L1 < 64 us, RBE) with FLR
 * for a VF (SR-IOV requires VFs to support it); link Gen4 x16.
 */
static void exp_cap(struct vfu_cfg *c, uint8_t next, bool flr)
{
	uint8_t *p = c->space + VFU_CAP_EXP, *m = c->wmask + VFU_CAP_EXP;

	p[0] = 0x10;
	p[1] = next;
	put16(p + 0x02, 0x0002);			/* version 2, Endpoint */
	put32(p + 0x04, 0x00008de1u | (flr ? 1u << 28 : 0));
	put16(p + 0x08, 0x2810);			/* MRRS 512, ExtTag, RO */
	put16(m + 0x08, 0x7fff);			/* bit 15: initiate FLR, reads 0 */
	if (flr)
		m[0x09] |= 0x80;
	put32(p + 0x0c, 0x00000d04u);			/* Gen4 x16, ASPM L0s L1 */
	put16(m + 0x10, 0x0fff);			/* link control */
	put16(p + 0x12, 0x1104);			/* Gen4 x16, slot clock */
	put32(p + 0x2c, 0x0000001eu);			/* 2.5 - 16 GT/s */
	put16(p + 0x30, 0x0004);			/* target 16 GT/s */
	put16(m + 0x30, 0x003f);
}

void vfu_cfg_pf(struct vfu_cfg *c, const struct gpusim_pci *pci, uint8_t revision,
		const struct gpusim_sriov_facts *sriov)
{
	uint8_t *s, *m;
	int i;

	header(c, pci->device_id, pci, revision, sriov ? VFU_CFG_EXT : VFU_CFG_LEGACY);
	s = c->space;
	m = c->wmask;
	/* command: I/O, memory, bus master, INTx disable */
	m[0x04] = 0x07;
	m[0x05] = 0x04;
	m[0x0c] = 0xff;
	m[0x0d] = 0xff;
	/* BAR0 at 0x10: 32-bit, 16 MiB; BAR1 (0x14) and BAR3 (0x1c): 64-bit prefetchable */
	bar(c, 0x10, GPUSIM_BAR0_SIZE, false, false);
	bar(c, 0x14, pci->bar1_size, true, true);
	bar(c, 0x1c, pci->bar3_size, true, true);
	s[0x34] = VFU_CAP_PM;
	m[0x3c] = 0xff;				/* interrupt line */
	s[0x3d] = 0x01;				/* interrupt pin A */

	/* power management, version 3; PMCSR power state writable */
	s[VFU_CAP_PM] = 0x01;
	s[VFU_CAP_PM + 1] = VFU_CAP_MSI;
	put16(s + VFU_CAP_PM + 2, 0x0003);
	m[VFU_CAP_PM + 4] = 0x03;
	/* MSI: 64-bit address, one vector; enable bit, address and data writable */
	s[VFU_CAP_MSI] = 0x05;
	s[VFU_CAP_MSI + 1] = sriov ? VFU_CAP_EXP : 0x00;
	put16(s + VFU_CAP_MSI + 2, 0x0080);
	m[VFU_CAP_MSI + 2] = 0x01;
	for (i = 4; i < 14; i++)
		m[VFU_CAP_MSI + i] = 0xff;
	m[VFU_CAP_MSI + 4] = 0xfc;		/* the address is dword aligned */
	if (!sriov)
		return;

	exp_cap(c, 0, false);
	/*
	 * Extended capabilities start at 0x100. The board's chain up to its SR-IOV
	 * capability (AER, virtual channel, ...) is not modelled; a vendor-specific
	 * capability with an empty body heads it and points at SR-IOV.
	 */
	put32(s + VFU_EXT_VSEC, 0x000bu | 1u << 16 | (uint32_t)sriov->cap_offset << 20);
	put32(s + VFU_EXT_VSEC + 4, 0x00c00000u);	/* VSEC id 0, rev 0, 12 bytes */

	/* SR-IOV, PCIe base spec 9.3.3; no VF Migration, no ARI here (QEMU adds its own) */
	s += sriov->cap_offset;
	m += sriov->cap_offset;
	put32(s, 0x0010u | 1u << 16);
	m[VFU_SRIOV_CTRL] = 0x19;		/* VF Enable, VF MSE, ARI Capable Hierarchy */
	put16(s + 0x0c, sriov->initial_vfs);
	put16(s + 0x0e, sriov->total_vfs);
	put16(m + VFU_SRIOV_NUM_VF, 0xffff);
	put16(s + 0x14, sriov->first_vf_offset);
	put16(s + 0x16, sriov->vf_stride);
	put16(s + 0x1a, sriov->vf_device_id);
	put32(s + 0x1c, sriov->page_sizes);
	put32(s + 0x20, 0x00000001u);		/* System Page Size: 4 KiB */
	put32(m + 0x20, sriov->page_sizes);
	/* VF BAR0, VF BAR1 (64-bit: two registers), VF BAR3 (64-bit) */
	bar(c, sriov->cap_offset + VFU_SRIOV_VF_BAR0, sriov->vf_bar_size[0],
	    sriov->vf_bar_64bit[0], sriov->vf_bar_prefetch[0]);
	bar(c, sriov->cap_offset + VFU_SRIOV_VF_BAR0 + 4, sriov->vf_bar_size[1],
	    sriov->vf_bar_64bit[1], sriov->vf_bar_prefetch[1]);
	bar(c, sriov->cap_offset + VFU_SRIOV_VF_BAR0 + 12, sriov->vf_bar_size[2],
	    sriov->vf_bar_64bit[2], sriov->vf_bar_prefetch[2]);
}

void vfu_cfg_vf(struct vfu_cfg *c, const struct gpusim_pci *pci, uint8_t revision,
		const struct gpusim_sriov_facts *sriov)
{
	uint8_t *s, *m;
	uint32_t i, off;

	header(c, sriov->vf_device_id, pci, revision, VFU_CFG_EXT);
	s = c->space;
	m = c->wmask;
	/*
	 * Command: memory and bus master (the SR-IOV spec hardwires a VF's MSE to
	 * 0 and decodes through the PF's VF MSE; QEMU decodes a VF's BARs on the
	 * VF's own MSE, so it is writable here). No I/O, no INTx. No ROM,
	 * interrupt pin 0.
	 *
	 * BARs: the PF's SR-IOV capability places them, so their address bits
	 * read 0, but their type bits are there, read-only, as vfio-pci presents
	 * a VF's BARs (Linux vfio_pci_config.c, vfio_bar_fixup() with
	 * vfio_generate_bar_flags()): QEMU takes a BAR's type from its register
	 * (hw/vfio/pci.c, vfio_bar_prepare()) and builds the PF's VF BARs from
	 * VF 0's, so without them the 2 GiB VF BAR1 becomes a 32-bit BAR that
	 * the guest cannot place.
	 */
	m[0x04] = 0x06;
	for (i = 0, off = 0x10; i < GPUSIM_VF_BARS; i++) {
		s[off] = (sriov->vf_bar_64bit[i] ? 0x04 : 0) | (sriov->vf_bar_prefetch[i] ? 0x08 : 0);
		off += sriov->vf_bar_64bit[i] ? 8 : 4;
	}
	s[0x34] = VFU_CAP_EXP;
	exp_cap(c, VFU_CAP_MSIX, true);
	/* MSI-X: enable and function mask writable; table and PBA in BAR0 */
	s[VFU_CAP_MSIX] = 0x11;
	put16(s + VFU_CAP_MSIX + 2, VFU_VF_MSIX_VECTORS - 1);
	m[VFU_CAP_MSIX + 3] = 0xc0;
	put32(s + VFU_CAP_MSIX + 4, VFU_VF_MSIX_TABLE);
	put32(s + VFU_CAP_MSIX + 8, VFU_VF_MSIX_PBA);
}

void vfu_cfg_write(struct vfu_cfg *c, uint32_t off, const uint8_t *data, uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		uint32_t o = off + i;

		c->space[o] = (c->space[o] & ~c->wmask[o]) | (data[i] & c->wmask[o]);
	}
}

void vfu_cfg_sriov_state(const struct vfu_cfg *c, const struct gpusim_sriov_facts *sriov,
			 bool *vf_enable, uint16_t *num_vfs, u64 bar[GPUSIM_VF_BARS])
{
	uint32_t cap = sriov->cap_offset, regs[6];
	int i, r = 0;

	*vf_enable = vfu_cfg_rd16(c, cap + VFU_SRIOV_CTRL) & VFU_SRIOV_CTRL_VFE;
	*num_vfs = vfu_cfg_rd16(c, cap + VFU_SRIOV_NUM_VF);
	for (i = 0; i < 6; i++)
		regs[i] = vfu_cfg_rd32(c, cap + VFU_SRIOV_VF_BAR0 + 4 * i);
	for (i = 0; i < GPUSIM_VF_BARS; i++) {
		bar[i] = regs[r] & ~0xfull;
		if (sriov->vf_bar_64bit[i])
			bar[i] |= (uint64_t)regs[++r] << 32;
		r++;
	}
}
