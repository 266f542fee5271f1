// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_vgpu_cfgspace.c - the virtual PCI config space of a vGPU VF
 * (src/vgpu/nvgsp_vgpu_cfgspace.c; Documentation/vgpu-cfgspace.rst): the
 * identity per type, BAR sizing per BAR, capability filtering, malformed
 * inputs refused, every bad access refused without change, the command
 * register's effects and FLR, and a hundred thousand seeded random
 * accesses that must never change a read-only bit or touch anything
 * outside the config space.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "vgpu/nvgsp_vgpu_cfgspace.h"

#define MIB	(1ull << 20)
#define GIB	(1ull << 30)

/* Positions of the synthetic VF's capabilities. */
#define POS_PM		0x60
#define POS_MSI		0x68	/* hidden */
#define POS_EXP		0x78
#define POS_MSIX	0xb4
#define POS_VNDR	0xc0	/* hidden */

/* The VF's real BAR0, BAR1, BAR3 sizes. */
static const u64 vf_bars[3] = { 16 * MIB, 1 * GIB, 32 * MIB };

/*
 * Types: the first is the documented record of the 2024 RFC (vgpu-facts);
 * the others are synthetic, with other devices and BAR1 sizes.
 */
static const struct nvgsp_fw_vgpu_type types[] = {
	{ .id = 869, .name = "NVIDIA L40-1B", .vdev_id = 0x26b5176d, .pdev_id = 0x26b5,
	  .fb_length = 1 * GIB, .bar1_length = 256 },
	{ .id = 900, .name = "synthetic A-24Q", .vdev_id = 0x22351234, .pdev_id = 0x2235,
	  .fb_length = 24 * GIB, .bar1_length = 1024 },
	{ .id = 901, .name = "synthetic B-2B", .vdev_id = 0x27b8fffe, .pdev_id = 0x27b8,
	  .fb_length = 2 * GIB, .bar1_length = 1 },
};

static void cap(u8 *c, u32 pos, u8 id, u8 next)
{
	c[pos] = id;
	c[pos + 1] = next;
}

static void put32(u8 *c, u32 off, u32 v)
{
	c[off] = v;
	c[off + 1] = v >> 8;
	c[off + 2] = v >> 16;
	c[off + 3] = v >> 24;
}

/*
 * A VF's config space as the host reads it: vendor and device 0xffff, BARs
 * with only the type bits (filled in by the driver), a command and status
 * with bits set, PM -> MSI -> PCIe -> MSI-X -> vendor, and extended
 * capabilities (ARI at 0x100, ATS at 0x110) that must stay hidden.
 */
static void vf_config(u8 c[4096])
{
	memset(c, 0, 4096);
	put32(c, 0x00, 0xffffffff);
	put32(c, 0x04, 0x00100406);
	put32(c, 0x08, 0x030200a1);	/* 3D controller, revision a1 */
	c[0x0e] = 0x80;			/* multi-function: not shown */
	c[0x10] = 0x00;			/* BAR0: 32-bit memory */
	c[0x14] = 0x0c;			/* BAR1: 64-bit prefetchable */
	c[0x1c] = 0x0c;			/* BAR3: 64-bit prefetchable */
	put32(c, 0x2c, 0x12345678);
	put32(c, 0x30, 0xfff00001);	/* a ROM: not shown */
	c[0x34] = POS_PM;
	c[0x3d] = 1;			/* INTx pin: not shown */
	cap(c, POS_PM, 0x01, POS_MSI);
	put32(c, POS_PM, 0x0003 << 16 | POS_MSI << 8 | 0x01);
	put32(c, POS_PM + 4, 0x00000008);
	cap(c, POS_MSI, 0x05, POS_EXP);
	put32(c, POS_MSI + 4, 0xfee00000);
	cap(c, POS_EXP, 0x10, POS_MSIX);
	c[POS_EXP + 2] = 0x02;		/* version 2, endpoint */
	put32(c, POS_EXP + 4, 0x10008fe2);	/* DevCap: FLR capable */
	put32(c, POS_EXP + 8, 0x00002810);	/* DevCtl/DevSta */
	put32(c, POS_EXP + 0x24, 0x0000001f);
	cap(c, POS_MSIX, 0x11, POS_VNDR);
	c[POS_MSIX + 2] = 5;		/* 6 vectors */
	c[POS_MSIX + 3] = 0x80;		/* enabled on the host: starts clear */
	put32(c, POS_MSIX + 4, 0x00b90000);	/* table in BAR0 */
	put32(c, POS_MSIX + 8, 0x00ba0000);	/* PBA in BAR0 */
	cap(c, POS_VNDR, 0x09, 0);
	c[POS_VNDR + 2] = 0x14;
	put32(c, 0x100, 0x1101000e);	/* ARI */
	put32(c, 0x110, 0x0001000f);	/* ATS */
}

static u32 rd(const struct nvgsp_vgpu_cfgspace *cs, u32 off, u32 size)
{
	u32 v = 0xdeadbeef;

	ck_assert_int_eq(nvgsp_vgpu_cfgspace_read(cs, off, size, &v), 0);
	return v;
}

static struct nvgsp_vgpu_cfg_effect wr(struct nvgsp_vgpu_cfgspace *cs, u32 off, u32 size, u32 v)
{
	struct nvgsp_vgpu_cfg_effect eff;

	memset(&eff, 0xa5, sizeof(eff));
	ck_assert_int_eq(nvgsp_vgpu_cfgspace_write(cs, off, size, v, &eff), 0);
	return eff;
}

static void make(struct nvgsp_vgpu_cfgspace *cs, const struct nvgsp_fw_vgpu_type *t)
{
	static u8 c[4096];

	vf_config(c);
	ck_assert_int_eq(nvgsp_vgpu_cfgspace_init(cs, c, sizeof(c), t, vf_bars), 0);
}

static bool all_zero(const void *p, size_t n)
{
	const u8 *b = p;

	while (n--)
		if (*b++)
			return false;
	return true;
}

/* ---- identity ---- */

START_TEST(identity_per_type)
{
	const struct nvgsp_fw_vgpu_type *t = &types[_i];
	static struct nvgsp_vgpu_cfgspace cs;
	u32 off;

	make(&cs, t);
	ck_assert_uint_eq(rd(&cs, 0x00, 2), 0x10de);
	ck_assert_uint_eq(rd(&cs, 0x02, 2), t->vdev_id >> 16);
	ck_assert_uint_eq(rd(&cs, 0x00, 4), (t->vdev_id >> 16) << 16 | 0x10de);
	ck_assert_uint_eq(rd(&cs, 0x2c, 2), 0x10de);
	ck_assert_uint_eq(rd(&cs, 0x2e, 2), t->vdev_id & 0xffff);
	ck_assert_uint_eq(rd(&cs, 0x08, 4), 0x030200a1);
	ck_assert_uint_eq(rd(&cs, 0x04, 2), 0);		/* command: decode off */
	ck_assert_uint_eq(rd(&cs, 0x06, 2), 0x0010);	/* status: caps only */
	ck_assert_uint_eq(rd(&cs, 0x0c, 4), 0);		/* single-function type 0 */
	ck_assert_uint_eq(rd(&cs, 0x10, 4), 0x0);
	ck_assert_uint_eq(rd(&cs, 0x14, 4), 0xc);
	ck_assert_uint_eq(rd(&cs, 0x18, 4), 0);
	ck_assert_uint_eq(rd(&cs, 0x1c, 4), 0xc);
	ck_assert_uint_eq(rd(&cs, 0x20, 4), 0);
	ck_assert_uint_eq(rd(&cs, 0x24, 4), 0);
	ck_assert_uint_eq(rd(&cs, 0x30, 4), 0);		/* no ROM */
	ck_assert_uint_eq(rd(&cs, 0x3c, 4), 0);		/* pin 0, line 0 */
	ck_assert_uint_eq(cs.bar_size[0], vf_bars[0]);
	ck_assert_uint_eq(cs.bar_size[1], t->bar1_length * MIB);
	ck_assert_uint_eq(cs.bar_size[2], vf_bars[2]);
	/* Extended space: no capability (a zero header at 0x100), all 0. */
	for (off = 0x100; off < 4096; off += 4)
		ck_assert_uint_eq(rd(&cs, off, 4), 0);
	/* The guest may set the interrupt line and cache line size. */
	wr(&cs, 0x3c, 1, 0x0b);
	wr(&cs, 0x3d, 1, 0x01);
	wr(&cs, 0x0c, 1, 0x10);
	ck_assert_uint_eq(rd(&cs, 0x3c, 2), 0x000b);
	ck_assert_uint_eq(rd(&cs, 0x0c, 4), 0x10);
	/* Identity writes are dropped. */
	wr(&cs, 0x00, 4, 0x12345678);
	wr(&cs, 0x2c, 4, 0);
	wr(&cs, 0x08, 4, 0);
	wr(&cs, 0x0e, 1, 0x80);
	ck_assert_uint_eq(rd(&cs, 0x00, 4), (t->vdev_id >> 16) << 16 | 0x10de);
	ck_assert_uint_eq(rd(&cs, 0x2c, 4), (t->vdev_id & 0xffff) << 16 | 0x10de);
	ck_assert_uint_eq(rd(&cs, 0x08, 4), 0x030200a1);
	ck_assert_uint_eq(rd(&cs, 0x0e, 1), 0);
}
END_TEST

/* A short input (just the header, no capabilities) is enough. */
START_TEST(identity_header_only)
{
	static struct nvgsp_vgpu_cfgspace cs;
	u8 c[4096], *in = malloc(64);

	vf_config(c);
	c[0x34] = 0;
	ck_assert_ptr_nonnull(in);
	memcpy(in, c, 64);
	ck_assert_int_eq(nvgsp_vgpu_cfgspace_init(&cs, in, 64, &types[0], vf_bars), 0);
	free(in);
	ck_assert_uint_eq(rd(&cs, 0x06, 2), 0);		/* no Capabilities List */
	ck_assert_uint_eq(rd(&cs, 0x34, 1), 0);
	ck_assert(!cs.pcie && !cs.msix && !cs.pm);
}
END_TEST

/* ---- BARs ---- */

static const u32 bar_regs[3] = { 0x10, 0x14, 0x1c };

START_TEST(bar_sizing)
{
	static struct nvgsp_vgpu_cfgspace cs;
	u32 reg = bar_regs[_i], flags = _i ? 0xc : 0;
	bool is64 = _i != 0;
	u64 size, mask;
	struct nvgsp_vgpu_cfg_effect eff;

	make(&cs, &types[1]);
	size = cs.bar_size[_i];
	mask = ~(size - 1);
	eff = wr(&cs, reg, 4, 0xffffffff);
	ck_assert(!eff.mem_changed && !eff.bme_changed && !eff.flr);
	ck_assert_uint_eq(rd(&cs, reg, 4), ((u32)mask & ~0xfu) | flags);
	if (is64) {
		wr(&cs, reg + 4, 4, 0xffffffff);
		ck_assert_uint_eq(rd(&cs, reg + 4, 4), (u32)(mask >> 32));
	}
	/* An address: the bits below the size are dropped. */
	wr(&cs, reg, 4, 0xe3456789);
	ck_assert_uint_eq(rd(&cs, reg, 4), (0xe3456789 & (u32)mask & ~0xfu) | flags);
	if (is64) {
		wr(&cs, reg + 4, 4, 0x00000123);
		ck_assert_uint_eq(rd(&cs, reg + 4, 4), 0x123);
	}
	/* Byte and word writes merge into the dword; type bits stay. */
	wr(&cs, reg, 4, 0);
	wr(&cs, reg + 3, 1, 0xc0);
	wr(&cs, reg, 2, 0xffff);
	ck_assert_uint_eq(rd(&cs, reg, 4), ((0xc000ffffu & (u32)mask) & ~0xfu) | flags);
	ck_assert_uint_eq(rd(&cs, reg, 1), (0xff & (u32)mask & ~0xfu) | flags);
}
END_TEST

/* The sizes: 16 MiB BAR0, the type's BAR1, 32 MiB BAR3, as size masks. */
START_TEST(bar_sizes_per_type)
{
	static struct nvgsp_vgpu_cfgspace cs;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		u64 m;

		make(&cs, &types[i]);
		wr(&cs, 0x14, 4, 0xffffffff);
		wr(&cs, 0x18, 4, 0xffffffff);
		m = (u64)rd(&cs, 0x18, 4) << 32 | (rd(&cs, 0x14, 4) & ~0xfu);
		ck_assert_uint_eq(~m + 1, types[i].bar1_length * MIB);
		wr(&cs, 0x10, 4, 0xffffffff);
		ck_assert_uint_eq(~(rd(&cs, 0x10, 4) & ~0xfu) + 1, 16 * MIB);
		wr(&cs, 0x1c, 4, 0xffffffff);
		wr(&cs, 0x20, 4, 0xffffffff);
		m = (u64)rd(&cs, 0x20, 4) << 32 | (rd(&cs, 0x1c, 4) & ~0xfu);
		ck_assert_uint_eq(~m + 1, 32 * MIB);
		/* BAR2 (BAR1's upper half) and BAR5 hold nothing else. */
		wr(&cs, 0x24, 4, 0xffffffff);
		ck_assert_uint_eq(rd(&cs, 0x24, 4), 0);
		wr(&cs, 0x30, 4, 0xffffffff);
		ck_assert_uint_eq(rd(&cs, 0x30, 4), 0);
	}
}
END_TEST

/* A 32-bit BAR1 leaves register 0x18 empty and read-only. */
START_TEST(bar_32bit_bar1)
{
	static struct nvgsp_vgpu_cfgspace cs;
	u8 c[4096];

	vf_config(c);
	c[0x14] = 0x08;
	ck_assert_int_eq(nvgsp_vgpu_cfgspace_init(&cs, c, sizeof(c), &types[0], vf_bars), 0);
	wr(&cs, 0x14, 4, 0xffffffff);
	ck_assert_uint_eq(rd(&cs, 0x14, 4), 0xf0000008);	/* 256 MiB */
	wr(&cs, 0x18, 4, 0xffffffff);
	ck_assert_uint_eq(rd(&cs, 0x18, 4), 0);
}
END_TEST

/* ---- capabilities ---- */

START_TEST(caps_filtered)
{
	static struct nvgsp_vgpu_cfgspace cs;
	static const u8 want[] = { 0x01, 0x10, 0x11 };
	u32 pos, n = 0, off;

	make(&cs, &types[0]);
	for (pos = rd(&cs, 0x34, 1); pos; pos = rd(&cs, pos + 1, 1)) {
		ck_assert_uint_lt(n, ARRAY_SIZE(want));
		ck_assert_uint_eq(rd(&cs, pos, 1), want[n]);
		n++;
	}
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(cs.pm, POS_PM);
	ck_assert_uint_eq(cs.pcie, POS_EXP);
	ck_assert_uint_eq(cs.msix, POS_MSIX);
	ck_assert_uint_eq(rd(&cs, POS_PM + 1, 1), POS_EXP);
	ck_assert_uint_eq(rd(&cs, POS_EXP + 1, 1), POS_MSIX);
	ck_assert_uint_eq(rd(&cs, POS_MSIX + 1, 1), 0);
	/* The kept capabilities' bodies are the VF's. */
	ck_assert_uint_eq(rd(&cs, POS_PM + 2, 2), 0x0003);
	ck_assert_uint_eq(rd(&cs, POS_EXP + 4, 4), 0x10008fe2);
	ck_assert_uint_eq(rd(&cs, POS_EXP + 0x24, 4), 0x1f);
	ck_assert_uint_eq(rd(&cs, POS_MSIX + 2, 2), 5);		/* enable starts clear */
	ck_assert_uint_eq(rd(&cs, POS_MSIX + 4, 4), 0x00b90000);
	/* The hidden ones (MSI, vendor) read 0 and drop writes. */
	for (off = POS_MSI; off < POS_EXP; off += 4) {
		wr(&cs, off, 4, 0xffffffff);
		ck_assert_uint_eq(rd(&cs, off, 4), 0);
	}
	for (off = POS_VNDR; off < 0x100; off += 4) {
		wr(&cs, off, 4, 0xffffffff);
		ck_assert_uint_eq(rd(&cs, off, 4), 0);
	}
	/* Reserved header bytes and the extended space too. */
	wr(&cs, 0x38, 4, 0xffffffff);
	ck_assert_uint_eq(rd(&cs, 0x38, 4), 0);
	wr(&cs, 0x100, 4, 0x1101000e);
	ck_assert_uint_eq(rd(&cs, 0x100, 4), 0);
	wr(&cs, 0xffc, 4, 0xffffffff);
	ck_assert_uint_eq(rd(&cs, 0xffc, 4), 0);
}
END_TEST

START_TEST(caps_writable_bits)
{
	static struct nvgsp_vgpu_cfgspace cs;

	make(&cs, &types[0]);
	/* MSI-X: Enable and Function Mask only; table and PBA read-only. */
	wr(&cs, POS_MSIX + 2, 2, 0xffff);
	ck_assert_uint_eq(rd(&cs, POS_MSIX + 2, 2), 0xc005);
	wr(&cs, POS_MSIX + 4, 4, 0);
	wr(&cs, POS_MSIX + 8, 4, 0xffffffff);
	ck_assert_uint_eq(rd(&cs, POS_MSIX + 4, 4), 0x00b90000);
	ck_assert_uint_eq(rd(&cs, POS_MSIX + 8, 4), 0x00ba0000);
	wr(&cs, POS_MSIX, 2, 0);		/* id and next */
	ck_assert_uint_eq(rd(&cs, POS_MSIX, 2), 0x0011);
	/* PM: the power state only. */
	wr(&cs, POS_PM + 4, 4, 0xffffffff);
	ck_assert_uint_eq(rd(&cs, POS_PM + 4, 4), 0x0000000b);
	wr(&cs, POS_PM + 2, 2, 0);
	ck_assert_uint_eq(rd(&cs, POS_PM + 2, 2), 0x0003);
	/* PCI Express: Device Control but not FLR; Device Status is RO here. */
	wr(&cs, POS_EXP + 8, 4, 0xffff0000);
	ck_assert_uint_eq(rd(&cs, POS_EXP + 8, 4), 0x00000000);
	wr(&cs, POS_EXP + 8, 2, 0x7fff);
	ck_assert_uint_eq(rd(&cs, POS_EXP + 8, 2), 0x7fff);
	wr(&cs, POS_EXP + 4, 4, 0);
	ck_assert_uint_eq(rd(&cs, POS_EXP + 4, 4), 0x10008fe2);
	wr(&cs, POS_EXP + 0x10, 4, 0xffffffff);	/* Link Control: RO */
	ck_assert_uint_eq(rd(&cs, POS_EXP + 0x10, 4), 0);
}
END_TEST

/* ---- malformed inputs ---- */

enum bad_kind { BAD_CFG, BAD_TYPE, BAD_BARS, BAD_LEN };

static const struct bad_row {
	const char *what;
	u32 off;	/* one byte of the VF config to set, or 0 */
	u8 val;
	u32 off2;	/* a dword to set, or 0 */
	u32 val2;
	size_t len;	/* 0: 4096 */
} bad_rows[] = {
	{ "self loop", POS_PM + 1, POS_PM, 0, 0, 0 },
	{ "loop of two", POS_EXP + 1, POS_MSI, 0, 0, 0 },
	{ "loop through a hidden cap", POS_VNDR + 1, POS_MSI, 0, 0, 0 },
	{ "loop back to the first", POS_VNDR + 1, POS_PM, 0, 0, 0 },
	{ "hidden capability pointing at itself", POS_VNDR + 1, POS_VNDR, 0, 0, 0 },
	{ "loop of hidden capabilities", POS_MSI + 1, POS_VNDR, POS_VNDR, 0x00140000 | POS_MSI << 8 | 0x09, 0 },
	{ "pointer into the header", 0x34, 0x20, 0, 0, 0 },
	{ "next pointer into the header", POS_MSIX + 1, 0x3c, 0, 0, 0 },
	{ "pointer at the last dword", POS_VNDR + 1, 0xfc, 0xfc, 0x10, 0 },
	{ "PCIe capability past 0xff", POS_VNDR + 1, 0xd0, 0xd0, 0x10, 0 },
	{ "MSI-X past 0xff", POS_VNDR + 1, 0xf8, 0xf8, 0x11, 0 },
	{ "first pointer past a short input", 0, 0, 0, 0, 0x50 },
	{ "capability body past a short input", 0, 0, 0, 0, 0x90 },
	{ "hidden capability header past a short input", 0, 0, 0, 0, 0xc1 },
	{ "overlapping kept capabilities", POS_EXP + 1, 0x84, 0x84, 0x11, 0 },
	{ "PM twice", POS_VNDR, 0x01, 0, 0, 0 },
	{ "MSI-X twice", POS_VNDR, 0x11, 0, 0, 0 },
	{ "MSI-X table past BAR0", POS_MSIX + 7, 0x01, 0, 0, 0 },
	{ "MSI-X PBA past BAR0", POS_MSIX + 11, 0x01, 0, 0, 0 },
	{ "MSI-X table in BAR2", POS_MSIX + 4, 0x02, 0, 0, 0 },
	{ "MSI-X PBA in BAR5", POS_MSIX + 8, 0x05, 0, 0, 0 },
	{ "MSI-X table across the end of BAR0", 0, 0, POS_MSIX + 4, 0x00ffffb0, 0 },
	{ "I/O BAR0", 0x10, 0x01, 0, 0, 0 },
	{ "64-bit BAR0", 0x10, 0x04, 0, 0, 0 },
	{ "reserved BAR1 type", 0x14, 0x02, 0, 0, 0 },
	{ "reserved BAR3 type", 0x1c, 0x06, 0, 0, 0 },
	{ "short input", 0, 0, 0, 0, 63 },
	{ "short input without capabilities", 0x34, 0, 0, 0, 63 },
	{ "long input", 0, 0, 0, 0, 4097 },
};

static void assert_zero(const struct nvgsp_vgpu_cfgspace *cs, const char *what)
{
	ck_assert_msg(all_zero(cs, sizeof(*cs)), "%s: refused init left state behind", what);
}

START_TEST(init_refuses_malformed)
{
	const struct bad_row *r = &bad_rows[_i];
	size_t len = r->len ? r->len : 4096;
	static struct nvgsp_vgpu_cfgspace cs;
	static u8 c[4097];
	u8 *in;

	vf_config(c);
	if (r->off)
		c[r->off] = r->val;
	if (r->off2)
		put32(c, r->off2, r->val2);
	/* Exactly @len bytes on the heap: ASan sees any read past them. */
	in = malloc(len);
	ck_assert_ptr_nonnull(in);
	memcpy(in, c, len);
	memset(&cs, 0x5a, sizeof(cs));
	ck_assert_msg(nvgsp_vgpu_cfgspace_init(&cs, in, len, &types[0], vf_bars) == -EINVAL,
		      "%s: accepted", r->what);
	assert_zero(&cs, r->what);
	free(in);
}
END_TEST

START_TEST(init_refuses_bad_type_and_bars)
{
	static const struct { u64 vdev, bar1_mib; u64 bars[3]; } rows[] = {
		{ 0x126b5176d, 256, { 16 * MIB, GIB, 32 * MIB } },	/* vdev wider than 32 bits */
		{ 0x0000176d, 256, { 16 * MIB, GIB, 32 * MIB } },	/* device 0 */
		{ 0xffff176d, 256, { 16 * MIB, GIB, 32 * MIB } },	/* device 0xffff */
		{ 0x26b5176d, 0, { 16 * MIB, GIB, 32 * MIB } },		/* no BAR1 */
		{ 0x26b5176d, 384, { 16 * MIB, GIB, 32 * MIB } },	/* not a power of two */
		{ 0x26b5176d, 2048, { 16 * MIB, GIB, 32 * MIB } },	/* above the VF's BAR1 */
		{ 0x26b5176d, 1ull << 44, { 16 * MIB, ~0ull, 32 * MIB } },	/* overflows */
		{ 0x26b5176d, 1ull << 63, { 16 * MIB, ~0ull, 32 * MIB } },
		{ 0x26b5176d, 256, { 0, GIB, 32 * MIB } },		/* BAR0 0 */
		{ 0x26b5176d, 256, { 2048, GIB, 32 * MIB } },		/* below 4 KiB */
		{ 0x26b5176d, 256, { 16 * MIB + 4096, GIB, 32 * MIB } },	/* not a power of two */
		{ 0x26b5176d, 256, { 16 * MIB, GIB, 48 * MIB } },
		{ 0x26b5176d, 256, { 4 * GIB, GIB, 32 * MIB } },	/* too big for 32 bits */
		{ 0x26b5176d, 256, { 16 * MIB, GIB, 0 } },
		{ 0x26b5176d, 256, { 16 * MIB, GIB, 1ull << 63 | 1 } },
		{ 0x26b5176d, 256, { 16 * MIB, GIB, ~0ull } },
	};
	static struct nvgsp_vgpu_cfgspace cs;
	static u8 c[4096];
	size_t i;

	vf_config(c);
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		struct nvgsp_fw_vgpu_type t = types[0];

		t.vdev_id = rows[i].vdev;
		t.bar1_length = rows[i].bar1_mib;
		memset(&cs, 0x5a, sizeof(cs));
		ck_assert_msg(nvgsp_vgpu_cfgspace_init(&cs, c, sizeof(c), &t, rows[i].bars) ==
			      -EINVAL, "row %zu accepted", i);
		assert_zero(&cs, "bad type or BAR");
	}
	/* An MSI-X table that ends exactly at the end of BAR0 is fine. */
	put32(c, POS_MSIX + 4, 0x00ffffa0);
	ck_assert_int_eq(nvgsp_vgpu_cfgspace_init(&cs, c, sizeof(c), &types[0], vf_bars), 0);
	vf_config(c);
	/* The largest: a 2^63-byte BAR3 and a 64-bit BAR1 of the VF's size. */
	{
		struct nvgsp_fw_vgpu_type t = types[0];
		const u64 bars[3] = { 2 * GIB, 1ull << 63, 1ull << 63 };

		t.bar1_length = 1ull << 43;
		ck_assert_int_eq(nvgsp_vgpu_cfgspace_init(&cs, c, sizeof(c), &t, bars), 0);
		wr(&cs, 0x20, 4, 0xffffffff);
		ck_assert_uint_eq(rd(&cs, 0x20, 4), 0x80000000);
		wr(&cs, 0x10, 4, 0xffffffff);
		ck_assert_uint_eq(rd(&cs, 0x10, 4), 0x80000000);
	}
}
END_TEST

/* ---- bad accesses ---- */

START_TEST(bad_access_refused)
{
	static const u32 offs[] = { 0, 1, 2, 3, 4, 6, 0x3c, 0xfe, 0xff, 0x100, 0xffc, 0xffd,
				    0xffe, 0xfff, 0x1000, 0x1001, 0x1004, 0x7fffffff,
				    0xfffffffc, 0xfffffffe, 0xffffffff };
	static const u32 sizes[] = { 0, 1, 2, 3, 4, 5, 8, 16, 0x80000000u, 0xffffffffu };
	static struct nvgsp_vgpu_cfgspace cs, before;
	size_t i, j;
	unsigned int refused = 0;

	make(&cs, &types[0]);
	wr(&cs, 0x04, 2, 0x0006);
	before = cs;
	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		for (j = 0; j < ARRAY_SIZE(sizes); j++) {
			u32 off = offs[i], size = sizes[j], v = 0x1234;
			bool ok = (size == 1 || size == 2 || size == 4) && off < 4096 &&
				  off % size == 0;
			struct nvgsp_vgpu_cfg_effect eff;
			int ret;

			if (ok)
				continue;
			refused++;
			ck_assert_int_eq(nvgsp_vgpu_cfgspace_read(&cs, off, size, &v), -EINVAL);
			ck_assert_uint_eq(v, 0);
			memset(&eff, 0xa5, sizeof(eff));
			ret = nvgsp_vgpu_cfgspace_write(&cs, off, size, 0, &eff);
			ck_assert_int_eq(ret, -EINVAL);
			ck_assert(all_zero(&eff, sizeof(eff)));
			ret = nvgsp_vgpu_cfgspace_write(&cs, off, size, 0xffffffff, &eff);
			ck_assert_int_eq(ret, -EINVAL);
			ck_assert(!memcmp(&cs, &before, sizeof(cs)));
		}
	}
	ck_assert_uint_gt(refused, 150);
	/* A value wider than the access is refused too. */
	for (i = 0; i < 2; i++) {
		struct nvgsp_vgpu_cfg_effect eff;
		u32 size = i ? 2 : 1;

		memset(&eff, 0xa5, sizeof(eff));
		ck_assert_int_eq(nvgsp_vgpu_cfgspace_write(&cs, 0x04, size, 1u << (size * 8), &eff),
				 -EINVAL);
		ck_assert(all_zero(&eff, sizeof(eff)));
		ck_assert_int_eq(nvgsp_vgpu_cfgspace_write(&cs, 0x3c, size, 0xffffffff, &eff),
				 -EINVAL);
		ck_assert(!memcmp(&cs, &before, sizeof(cs)));
	}
}
END_TEST

/* ---- command register and FLR ---- */

static void eff_is(struct nvgsp_vgpu_cfg_effect e, bool mc, bool m, bool bc, bool b, bool flr)
{
	ck_assert_int_eq(e.mem_changed, mc);
	ck_assert_int_eq(e.mem, m);
	ck_assert_int_eq(e.bme_changed, bc);
	ck_assert_int_eq(e.bme, b);
	ck_assert_int_eq(e.flr, flr);
}

START_TEST(command_effects)
{
	static struct nvgsp_vgpu_cfgspace cs;
	struct nvgsp_vgpu_cfg_effect e;

	make(&cs, &types[0]);
	eff_is(wr(&cs, 0x04, 2, 0x0002), true, true, false, false, false);
	eff_is(wr(&cs, 0x04, 2, 0x0002), false, true, false, false, false);
	eff_is(wr(&cs, 0x04, 1, 0x06), false, true, true, true, false);
	eff_is(wr(&cs, 0x04, 4, 0xffff0004), true, false, false, true, false);
	ck_assert_uint_eq(rd(&cs, 0x04, 4), 0x00100004);	/* status RO, RW1C dropped */
	eff_is(wr(&cs, 0x04, 2, 0xffff), true, true, false, true, false);
	ck_assert_uint_eq(rd(&cs, 0x04, 2), 0x0406);		/* I/O, parity, SERR: RO 0 */
	eff_is(wr(&cs, 0x05, 1, 0x00), false, true, false, true, false);
	ck_assert_uint_eq(rd(&cs, 0x04, 2), 0x0006);
	/* Writes elsewhere report the state without a change. */
	eff_is(wr(&cs, 0x3c, 1, 5), false, true, false, true, false);
	eff_is(wr(&cs, 0x800, 4, 5), false, true, false, true, false);
	/* FLR: reported, reads back 0; the driver then resets. */
	eff_is(wr(&cs, POS_EXP + 8, 2, 0x8000 | 0x2810), false, true, false, true, true);
	ck_assert_uint_eq(rd(&cs, POS_EXP + 8, 2), 0x2810);
	eff_is(wr(&cs, POS_EXP + 9, 1, 0x80), false, true, false, true, true);
	eff_is(wr(&cs, POS_EXP + 8, 4, 0x00008000), false, true, false, true, true);
	eff_is(wr(&cs, POS_EXP + 8, 1, 0x80), false, true, false, true, false);
	eff_is(wr(&cs, POS_EXP + 0xa, 2, 0x0080), false, true, false, true, false);
	wr(&cs, 0x14, 4, 0xffffffff);
	wr(&cs, POS_MSIX + 2, 2, 0x8000);
	memset(&e, 0xa5, sizeof(e));
	nvgsp_vgpu_cfgspace_reset(&cs, &e);
	eff_is(e, true, false, true, false, false);
	ck_assert(!memcmp(cs.cfg, cs.reset, sizeof(cs.cfg)));
	ck_assert_uint_eq(rd(&cs, 0x14, 4), 0xc);
	ck_assert_uint_eq(rd(&cs, POS_MSIX + 2, 2), 5);
	memset(&e, 0xa5, sizeof(e));
	nvgsp_vgpu_cfgspace_reset(&cs, &e);
	eff_is(e, false, false, false, false, false);
}
END_TEST

/* ---- random ---- */

static u64 rng_state;

static u32 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (u32)(rng_state >> 16);
}

/* The config space between guard bytes that nothing may touch. */
static struct {
	u8 before[64];
	struct nvgsp_vgpu_cfgspace cs;
	u8 after[64];
} guarded;

START_TEST(random_accesses)
{
	static const u32 sizes[] = { 1, 2, 4, 1, 2, 4, 1, 2, 4, 0, 3, 8 };
	struct nvgsp_vgpu_cfgspace *cs = &guarded.cs;
	static u8 ro_before[256];
	unsigned int n, ok = 0, i;
	u8 c[4096];

	rng_state = 0x9e3779b97f4a7c15ull;
	vf_config(c);
	memset(guarded.before, 0xcc, sizeof(guarded.before));
	memset(guarded.after, 0xcc, sizeof(guarded.after));
	ck_assert_int_eq(nvgsp_vgpu_cfgspace_init(cs, c, sizeof(c), &types[0], vf_bars), 0);
	for (i = 0; i < 256; i++)
		ro_before[i] = cs->cfg[i] & ~cs->wmask[i];
	for (n = 0; n < 100000; n++) {
		u32 r = rnd(), size = sizes[r % ARRAY_SIZE(sizes)], off, val, got;
		bool valid;
		struct nvgsp_vgpu_cfg_effect eff;
		int ret;

		switch ((r >> 4) % 4) {
		case 0:
			off = rnd() & 0xff;			/* the stored part */
			break;
		case 1:
			off = rnd() & 0xfff;			/* all of it */
			break;
		case 2:
			off = 0xfff8 + (rnd() & 0xf) - 0xf000;	/* around the end */
			break;
		default:
			off = rnd();				/* anything */
			break;
		}
		if (r & 0x100)
			off &= ~3u;				/* mostly aligned */
		val = rnd();
		if (size < 4 && !(r & 0x200))
			val &= (1u << (size * 8)) - 1;
		valid = (size == 1 || size == 2 || size == 4) && off < 4096 && off % size == 0;
		if (r & 0x400) {
			ret = nvgsp_vgpu_cfgspace_read(cs, off, size, &got);
			ck_assert_int_eq(ret, valid ? 0 : -EINVAL);
			if (valid && off >= 256)
				ck_assert_uint_eq(got, 0);
		} else {
			valid = valid && (size == 4 || !(val >> (size * 8)));
			ret = nvgsp_vgpu_cfgspace_write(cs, off, size, val, &eff);
			ck_assert_int_eq(ret, valid ? 0 : -EINVAL);
		}
		ok += valid;
	}
	for (i = 0; i < 256; i++)
		ck_assert_msg((cs->cfg[i] & ~cs->wmask[i]) == ro_before[i],
			      "read-only bits at 0x%x changed", i);
	ck_assert_uint_eq(rd(cs, 0x00, 4), 0x26b510de);
	ck_assert_uint_eq(rd(cs, 0x2c, 4), 0x176d10de);
	ck_assert_uint_eq(rd(cs, 0x08, 4), 0x030200a1);
	ck_assert_uint_eq(rd(cs, POS_MSIX + 4, 4), 0x00b90000);
	ck_assert_uint_eq(rd(cs, POS_MSIX + 8, 4), 0x00ba0000);
	ck_assert_uint_eq(rd(cs, POS_MSI, 4), 0);
	ck_assert_uint_eq(rd(cs, POS_EXP + 8, 2) & 0x8000, 0);
	for (i = 0; i < 64; i++) {
		ck_assert_uint_eq(guarded.before[i], 0xcc);
		ck_assert_uint_eq(guarded.after[i], 0xcc);
	}
	ck_assert_uint_gt(ok, 30000);
	printf("vgpu_cfgspace: %u of 100000 random accesses valid\n", ok);
}
END_TEST

Suite *nvgsp_suite_vgpu_cfgspace(void)
{
	Suite *s = suite_create("vgpu_cfgspace");
	TCase *tc;

	tc = tcase_create("identity");
	tcase_add_loop_test(tc, identity_per_type, 0, ARRAY_SIZE(types));
	tcase_add_test(tc, identity_header_only);
	suite_add_tcase(s, tc);

	tc = tcase_create("bars");
	tcase_add_loop_test(tc, bar_sizing, 0, 3);
	tcase_add_test(tc, bar_sizes_per_type);
	tcase_add_test(tc, bar_32bit_bar1);
	suite_add_tcase(s, tc);

	tc = tcase_create("caps");
	tcase_add_test(tc, caps_filtered);
	tcase_add_test(tc, caps_writable_bits);
	suite_add_tcase(s, tc);

	tc = tcase_create("malformed");
	tcase_add_loop_test(tc, init_refuses_malformed, 0, ARRAY_SIZE(bad_rows));
	tcase_add_test(tc, init_refuses_bad_type_and_bars);
	suite_add_tcase(s, tc);

	tc = tcase_create("access");
	tcase_add_test(tc, bad_access_refused);
	tcase_add_test(tc, command_effects);
	suite_add_tcase(s, tc);

	tc = tcase_create("random");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, random_accesses);
	suite_add_tcase(s, tc);
	return s;
}
