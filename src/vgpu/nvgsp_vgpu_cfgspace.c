// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vgpu_cfgspace.c - the virtual PCI config space of a vGPU VF (see
 * nvgsp_vgpu_cfgspace.h and Documentation/vgpu-cfgspace.rst).
 *
 * The config space is an image of 256 bytes and a write mask of the same
 * size: a write stores exactly the bits the mask allows, so BAR sizing, the
 * read-only fields and dropped writes to hidden space all follow from how
 * init fills the mask. Two writes have side effects the driver must act on:
 * the command register's Memory Space and Bus Master bits, and PCI Express
 * Initiate FLR; both are reported, never acted on here.
 */
#include "vgpu/nvgsp_vgpu_cfgspace.h"

/* Header offsets and bits (PCI Local Bus 3.0, PCI Express Base, chapter 7). */
#define CFG_VENDOR		0x00
#define CFG_DEVICE		0x02
#define CFG_COMMAND		0x04
#define  CMD_MEMORY		0x0002
#define  CMD_MASTER		0x0004
#define  CMD_INTX_DISABLE	0x0400
#define CFG_STATUS		0x06
#define  STATUS_CAP_LIST	0x0010
#define CFG_REVISION		0x08	/* then the 3-byte class code */
#define CFG_CACHE_LINE		0x0c
#define CFG_BAR0		0x10
#define  BAR_IO			0x1
#define  BAR_TYPE_MASK		0x6
#define  BAR_TYPE_64		0x4
#define  BAR_FLAGS		0xf
#define CFG_SUBSYS_VENDOR	0x2c
#define CFG_SUBSYS_DEVICE	0x2e
#define CFG_CAP_PTR		0x34
#define CFG_INT_LINE		0x3c
#define CFG_HEADER_END		0x40

#define CAP_PM			0x01
#define  PM_CTRL		4	/* PMCSR; power state in bits 1:0 */
#define  PM_SIZE		8
#define CAP_EXP			0x10
#define  EXP_FLAGS		2	/* version in bits 3:0 */
#define  EXP_DEVCTL		8
#define  DEVCTL_FLR		0x8000
#define  EXP_SIZE_V1		0x24
#define  EXP_SIZE_V2		0x3c
#define CAP_MSIX		0x11
#define  MSIX_CTRL		2	/* table size - 1 in bits 10:0; mask 14, enable 15 */
#define  MSIX_TABLE		4	/* BIR in bits 2:0, offset above */
#define  MSIX_PBA		8
#define  MSIX_SIZE		12

#define NVIDIA_VENDOR		0x10de
#define CFG_MIN_BAR		4096ull
#define CFG_MAX_BAR32		(1ull << 31)
#define CFG_MAX_BAR64		(1ull << 63)

/* Where each guest BAR's register is: BAR0, BAR1, BAR3. */
static const u8 bar_reg[NVGSP_VGPU_CFG_BARS] = { 0x10, 0x14, 0x1c };

static u32 get(const u8 *p, u32 off, u32 size)
{
	u32 v = 0;

	while (size--)
		v = v << 8 | p[off + size];
	return v;
}

static void put(u8 *p, u32 off, u32 size, u32 v)
{
	u32 i;

	for (i = 0; i < size; i++, v >>= 8)
		p[off + i] = v & 0xff;
}

static bool is_pow2(u64 v)
{
	return v && !(v & (v - 1));
}

/* One guest BAR: type bits from the VF, the address writable above @size. */
static int cfg_bar(struct nvgsp_vgpu_cfgspace *cs, const u8 *vf, unsigned int i, u64 size)
{
	u32 reg = bar_reg[i], flags = vf[reg] & BAR_FLAGS;
	bool is64 = (flags & BAR_TYPE_MASK) == BAR_TYPE_64;
	u64 mask = ~(size - 1);

	if ((flags & BAR_IO) || ((flags & BAR_TYPE_MASK) && !is64) || (is64 && i == 0))
		return -EINVAL;
	if (!is_pow2(size) || size < CFG_MIN_BAR || size > (is64 ? CFG_MAX_BAR64 : CFG_MAX_BAR32))
		return -EINVAL;
	cs->bar_size[i] = size;
	put(cs->cfg, reg, 4, flags);
	put(cs->wmask, reg, 4, (u32)mask & ~(u32)BAR_FLAGS);
	if (is64)
		put(cs->wmask, reg + 4, 4, (u32)(mask >> 32));
	return 0;
}

/* Bytes a kept capability occupies, 0 when it is hidden. */
static u32 cap_size(const u8 *vf, u32 pos)
{
	switch (vf[pos]) {
	case CAP_PM:
		return PM_SIZE;
	case CAP_EXP:
		return (vf[pos + EXP_FLAGS] & 0xf) == 1 ? EXP_SIZE_V1 : EXP_SIZE_V2;
	case CAP_MSIX:
		return MSIX_SIZE;
	default:
		return 0;
	}
}

/* The MSI-X table or PBA (@bytes long) at @reg must lie inside a guest BAR. */
static int cfg_msix_region(const struct nvgsp_vgpu_cfgspace *cs, u32 reg, u64 bytes)
{
	u32 bir = reg & 7;
	u64 off = reg & ~7u;
	int i = bir == 0 ? 0 : bir == 1 ? 1 : bir == 3 ? 2 : -1;

	/* BIR 2, 4 and 5 name no guest BAR (an upper half, or nothing). */
	if (i < 0 || bytes > cs->bar_size[i] || off > cs->bar_size[i] - bytes)
		return -EINVAL;
	return 0;
}

static int cfg_msix(const struct nvgsp_vgpu_cfgspace *cs, u32 pos)
{
	u64 n = (get(cs->cfg, pos + MSIX_CTRL, 2) & 0x7ff) + 1;

	if (cfg_msix_region(cs, get(cs->cfg, pos + MSIX_TABLE, 4), n * 16) ||
	    cfg_msix_region(cs, get(cs->cfg, pos + MSIX_PBA, 4), (n + 63) / 64 * 8))
		return -EINVAL;
	return 0;
}

/*
 * Walk the VF's list with bounds, copy the kept capabilities to the same
 * offsets and link them in the VF's order, and open their writable bits.
 */
static int cfg_caps(struct nvgsp_vgpu_cfgspace *cs, const u8 *vf, size_t len)
{
	u32 end = len < NVGSP_VGPU_CFG_STD_SIZE ? len : NVGSP_VGPU_CFG_STD_SIZE;
	u8 seen[NVGSP_VGPU_CFG_STD_SIZE / 4] = { 0 };
	u8 used[NVGSP_VGPU_CFG_STD_SIZE] = { 0 };
	u32 pos = vf[CFG_CAP_PTR] & ~3u, link = CFG_CAP_PTR, size, i;

	for (; pos; pos = vf[pos + 1] & ~3u) {
		if (pos < CFG_HEADER_END || pos + 2 > end || seen[pos / 4])
			return -EINVAL;
		seen[pos / 4] = 1;
		size = cap_size(vf, pos);
		if (!size)
			continue;		/* hidden: never copied, never linked */
		if (pos + size > end)
			return -EINVAL;
		for (i = pos; i < pos + size; i++) {
			if (used[i])
				return -EINVAL;
			used[i] = 1;
		}
		memcpy(cs->cfg + pos, vf + pos, size);
		cs->cfg[pos + 1] = 0;
		cs->cfg[link] = pos;
		link = pos + 1;
		switch (vf[pos]) {
		case CAP_PM:
			if (cs->pm)
				return -EINVAL;
			cs->pm = pos;
			cs->wmask[pos + PM_CTRL] = 0x03;
			break;
		case CAP_EXP:
			if (cs->pcie)
				return -EINVAL;
			cs->pcie = pos;
			put(cs->wmask, pos + EXP_DEVCTL, 2, ~DEVCTL_FLR & 0xffff);
			break;
		case CAP_MSIX:
			if (cs->msix)
				return -EINVAL;
			cs->msix = pos;
			cs->wmask[pos + MSIX_CTRL + 1] = 0xc0;
			/* Enable and Function Mask start clear, as after reset. */
			cs->cfg[pos + MSIX_CTRL + 1] &= ~0xc0;
			if (cfg_msix(cs, pos))
				return -EINVAL;
			break;
		}
	}
	if (cs->cfg[CFG_CAP_PTR])
		put(cs->cfg, CFG_STATUS, 2, STATUS_CAP_LIST);
	return 0;
}

static int cfg_build(struct nvgsp_vgpu_cfgspace *cs, const u8 *vf, size_t len,
		     const struct nvgsp_fw_vgpu_type *type, const u64 bar_size[NVGSP_VGPU_CFG_BARS])
{
	u32 device = (type->vdev_id >> 16) & 0xffff;
	u64 bar[NVGSP_VGPU_CFG_BARS];
	unsigned int i;
	int ret;

	if (len < CFG_HEADER_END || len > NVGSP_VGPU_CFG_SIZE)
		return -EINVAL;
	if (type->vdev_id >> 32 || !device || device == 0xffff)
		return -EINVAL;
	/* bar1_length is in MiB; above 2^43 MiB it would pass 2^63 bytes. */
	if (!is_pow2(type->bar1_length) || type->bar1_length > (CFG_MAX_BAR64 >> 20) ||
	    type->bar1_length << 20 > bar_size[1])
		return -EINVAL;
	bar[0] = bar_size[0];
	bar[1] = type->bar1_length << 20;
	bar[2] = bar_size[2];

	put(cs->cfg, CFG_VENDOR, 2, NVIDIA_VENDOR);
	put(cs->cfg, CFG_DEVICE, 2, device);
	memcpy(cs->cfg + CFG_REVISION, vf + CFG_REVISION, 4);
	put(cs->cfg, CFG_SUBSYS_VENDOR, 2, NVIDIA_VENDOR);
	put(cs->cfg, CFG_SUBSYS_DEVICE, 2, type->vdev_id & 0xffff);
	put(cs->wmask, CFG_COMMAND, 2, CMD_MEMORY | CMD_MASTER | CMD_INTX_DISABLE);
	cs->wmask[CFG_CACHE_LINE] = 0xff;
	cs->wmask[CFG_INT_LINE] = 0xff;
	for (i = 0; i < NVGSP_VGPU_CFG_BARS; i++) {
		ret = cfg_bar(cs, vf, i, bar[i]);
		if (ret)
			return ret;
	}
	return cfg_caps(cs, vf, len);
}

int nvgsp_vgpu_cfgspace_init(struct nvgsp_vgpu_cfgspace *cs, const u8 *vf_config, size_t len,
			     const struct nvgsp_fw_vgpu_type *type,
			     const u64 bar_size[NVGSP_VGPU_CFG_BARS])
{
	int ret;

	memset(cs, 0, sizeof(*cs));
	ret = cfg_build(cs, vf_config, len, type, bar_size);
	if (ret) {
		memset(cs, 0, sizeof(*cs));
		return ret;
	}
	memcpy(cs->reset, cs->cfg, sizeof(cs->reset));
	return 0;
}

static bool cfg_access_ok(u32 off, u32 size)
{
	return (size == 1 || size == 2 || size == 4) && off < NVGSP_VGPU_CFG_SIZE &&
	       !(off & (size - 1));
}

int nvgsp_vgpu_cfgspace_read(const struct nvgsp_vgpu_cfgspace *cs, u32 off, u32 size, u32 *val)
{
	*val = 0;
	if (!cfg_access_ok(off, size))
		return -EINVAL;
	/* Natural alignment keeps an access inside one dword: all stored or none. */
	if (off < NVGSP_VGPU_CFG_STD_SIZE)
		*val = get(cs->cfg, off, size);
	return 0;
}

/* Compare the command register before and after; report what changed. */
static void cfg_effect(struct nvgsp_vgpu_cfg_effect *eff, u32 old, u32 now)
{
	eff->mem = now & CMD_MEMORY;
	eff->mem_changed = (old ^ now) & CMD_MEMORY;
	eff->bme = now & CMD_MASTER;
	eff->bme_changed = (old ^ now) & CMD_MASTER;
}

/* Store the writable bits of one access inside the first 256 bytes. */
static void cfg_store(struct nvgsp_vgpu_cfgspace *cs, u32 off, u32 size, u32 val,
		      struct nvgsp_vgpu_cfg_effect *eff)
{
	u32 flr = cs->pcie + EXP_DEVCTL + 1, i;	/* the byte holding Initiate FLR */

	if (cs->pcie && off <= flr && flr < off + size)
		eff->flr = (val >> ((flr - off) * 8)) & (DEVCTL_FLR >> 8);
	for (i = 0; i < size; i++, val >>= 8)
		cs->cfg[off + i] = (cs->cfg[off + i] & ~cs->wmask[off + i]) |
				   (val & cs->wmask[off + i]);
}

int nvgsp_vgpu_cfgspace_write(struct nvgsp_vgpu_cfgspace *cs, u32 off, u32 size, u32 val,
			      struct nvgsp_vgpu_cfg_effect *eff)
{
	u32 old = get(cs->cfg, CFG_COMMAND, 2);

	memset(eff, 0, sizeof(*eff));
	if (!cfg_access_ok(off, size) || (size < 4 && val >> (size * 8)))
		return -EINVAL;
	/* The extended space holds nothing: the write is dropped. */
	if (off < NVGSP_VGPU_CFG_STD_SIZE)
		cfg_store(cs, off, size, val, eff);
	cfg_effect(eff, old, get(cs->cfg, CFG_COMMAND, 2));
	return 0;
}

void nvgsp_vgpu_cfgspace_reset(struct nvgsp_vgpu_cfgspace *cs, struct nvgsp_vgpu_cfg_effect *eff)
{
	u32 old = get(cs->cfg, CFG_COMMAND, 2);

	memset(eff, 0, sizeof(*eff));
	memcpy(cs->cfg, cs->reset, sizeof(cs->cfg));
	cfg_effect(eff, old, get(cs->cfg, CFG_COMMAND, 2));
}
