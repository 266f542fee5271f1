// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_vfio.c - libFuzzer target for what a VMM and its guest reach of a
 * vGPU VF through nvgsp-vfio-pci, in the portable core: the virtual config
 * space (src/vgpu/nvgsp_vgpu_cfgspace.c) built from a VF's config bytes, and
 * the region bounds (src/vgpu/nvgsp_vgpu_region.c) every access passes.
 *
 * Input: 256 bytes of the VF's config space as the host reads it; 8 bytes
 * of type and BARs (vdev_id 4 bytes; the type's BAR1 as 1 << (byte % 16)
 * MiB; the VF's BAR0, BAR1 and BAR3 sizes as 1 << (byte % 41) bytes, 0xff
 * for 0 and 0xfe for a size that is no power of two); then operations of 12 bytes each: kind, region
 * index, size, a reserved byte, offset 4 bytes, value 4 bytes:
 *   kind % 5 == 0  config read (offset, size)
 *              1   config write (offset, size, value)
 *              2   region access check (index, offset, size), read or write
 *              3   region mmap check (index, offset, size << 12)
 *              4   reset
 *
 * Checked: init succeeds or refuses with -EINVAL and leaves the struct
 * zeroed; the regions match the config space's BARs; every config access
 * returns 0 or -EINVAL, a refused one changes nothing, a read is 0 on
 * refusal; no write ever changes a bit outside the write mask; the
 * identity and the BAR type bits never change; reset restores the initial
 * image; every region check agrees with a model that computes in 128 bits.
 *
 * Seeds ("%gen vfio_seeds"): this file compiled with NVGSP_FUZZ_SEEDS
 * writes a VF config like the unit tests' (PM, MSI, PCIe, MSI-X, vendor
 * capability) with a type and a few operations of each kind.
 */
#define NVGSP_FUZZ_GSP
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vgpu/nvgsp_vgpu_cfgspace.h"
#include "vgpu/nvgsp_vgpu_region.h"
#include "fuzz_common.h"

#define CFG_LEN		256
#define HEAD_LEN	(CFG_LEN + 8)
#define OP_LEN		12
#define PAGE		4096ull

#ifdef NVGSP_FUZZ_SEEDS

static void put32(u8 *c, u32 off, u32 v)
{
	c[off] = v;
	c[off + 1] = v >> 8;
	c[off + 2] = v >> 16;
	c[off + 3] = v >> 24;
}

static void op(u8 *p, size_t *n, u8 kind, u8 index, u8 size, u32 off, u32 val)
{
	u8 *o = p + *n;

	o[0] = kind;
	o[1] = index;
	o[2] = size;
	o[3] = 0;
	put32(o, 4, off);
	put32(o, 8, val);
	*n += OP_LEN;
}

int main(int argc, char **argv)
{
	static u8 buf[HEAD_LEN + 64 * OP_LEN];
	const char *dir = fuzz_seed_dir(argc, argv);
	char path[4096];
	u8 *c = buf;
	size_t n = HEAD_LEN;

	if (!dir)
		return 2;
	put32(c, 0x00, 0xffffffff);
	put32(c, 0x04, 0x00100406);
	put32(c, 0x08, 0x030200a1);
	c[0x10] = 0x00;
	c[0x14] = 0x0c;
	c[0x1c] = 0x0c;
	c[0x34] = 0x60;
	put32(c, 0x60, 0x0003 << 16 | 0x68 << 8 | 0x01);	/* PM */
	put32(c, 0x68, 0x78 << 8 | 0x05);			/* MSI: hidden */
	put32(c, 0x78, 0x0002 << 16 | 0xb4 << 8 | 0x10);	/* PCIe v2 */
	put32(c, 0x7c, 0x10008fe2);
	put32(c, 0xb4, 0x0005 << 16 | 0xc0 << 8 | 0x11);	/* MSI-X, 6 vectors */
	put32(c, 0xb8, 0x00b90000);
	put32(c, 0xbc, 0x00ba0000);
	put32(c, 0xc0, 0x14 << 16 | 0x09);			/* vendor: hidden */
	put32(buf, CFG_LEN, 0x2235f102);	/* vdev_id */
	buf[CFG_LEN + 4] = 8;			/* BAR1 256 MiB */
	buf[CFG_LEN + 5] = 24;			/* BAR0 16 MiB */
	buf[CFG_LEN + 6] = 30;			/* VF BAR1 1 GiB */
	buf[CFG_LEN + 7] = 25;			/* BAR3 32 MiB */
	op(buf, &n, 0, 0, 4, 0x00, 0);
	op(buf, &n, 1, 0, 4, 0x10, 0xffffffff);
	op(buf, &n, 0, 0, 4, 0x10, 0);
	op(buf, &n, 1, 0, 2, 0x04, 0x0006);
	op(buf, &n, 1, 0, 2, 0x78 + 8, 0x8000);	/* Initiate FLR */
	op(buf, &n, 1, 0, 2, 0xb4 + 2, 0xc000);
	op(buf, &n, 2, 7, 4, 4092, 0);
	op(buf, &n, 2, 1, 8, 0x0ffffff8, 1);
	op(buf, &n, 3, 0, 1, 0, 0);
	op(buf, &n, 3, 1, 0, 0x10000000 - 4096, 0);
	op(buf, &n, 4, 0, 0, 0, 0);
	snprintf(path, sizeof(path), "%s/vf-a40", dir);
	return fuzz_seed_write(path, NULL, 0, buf, n);
}

#else

static u32 le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

/* A BAR size from a log2 selector (sizes under 4 KiB are refused), or an invalid one. */
static u64 bar_size(u8 sel)
{
	if (sel == 0xff)
		return 0;
	if (sel == 0xfe)
		return 12345;
	return 1ull << (sel % 41);
}

static void check_invariants(const struct nvgsp_vgpu_cfgspace *cs)
{
	unsigned int i;

	for (i = 0; i < NVGSP_VGPU_CFG_STD_SIZE; i++)
		CHECK(!((cs->cfg[i] ^ cs->reset[i]) & ~cs->wmask[i]));
	/* The identity: vendor, device, revision, class, subsystem. */
	for (i = 0; i < 4; i++)
		CHECK(!cs->wmask[i] && !cs->wmask[0x08 + i] && !cs->wmask[0x2c + i]);
	/* The BARs' type bits. */
	CHECK(!(cs->wmask[0x10] & 0xf) && !(cs->wmask[0x14] & 0xf) && !(cs->wmask[0x1c] & 0xf));
}

/* The model of nvgsp_vgpu_region_access() and _mmap(). */
static bool model_inside(const struct nvgsp_vgpu_regions *r, u32 index, u64 off, u64 count,
			 u32 need)
{
	unsigned __int128 end = (unsigned __int128)off + count;

	return index < NVGSP_VGPU_NR_REGIONS && (r->flags[index] & need) && count &&
	       end <= r->size[index];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const u8 zero[sizeof(struct nvgsp_vgpu_cfgspace)];
	struct nvgsp_fw_vgpu_type type;
	struct nvgsp_vgpu_cfgspace cs, before;
	struct nvgsp_vgpu_regions r;
	struct nvgsp_vgpu_cfg_effect eff;
	u64 bars[NVGSP_VGPU_CFG_BARS];
	size_t at;
	int ret;

	if (size < HEAD_LEN)
		return 0;
	memset(&type, 0, sizeof(type));
	type.id = 1;
	type.vdev_id = le32(data + CFG_LEN);
	type.bar1_length = 1ull << (data[CFG_LEN + 4] % 16);
	bars[0] = bar_size(data[CFG_LEN + 5]);
	bars[1] = bar_size(data[CFG_LEN + 6]);
	bars[2] = bar_size(data[CFG_LEN + 7]);
	memset(&cs, 0xa5, sizeof(cs));
	ret = nvgsp_vgpu_cfgspace_init(&cs, data, CFG_LEN, &type, bars);
	if (ret) {
		CHECK(ret == -EINVAL);
		CHECK(!memcmp(&cs, zero, sizeof(cs)));
		return 0;
	}
	check_invariants(&cs);
	nvgsp_vgpu_regions_init(&r, &cs);
	CHECK(r.size[NVGSP_VGPU_REGION_CONFIG] == NVGSP_VGPU_CFG_SIZE);
	CHECK(r.size[NVGSP_VGPU_REGION_BAR0] == cs.bar_size[0]);
	CHECK(r.size[NVGSP_VGPU_REGION_BAR1] == cs.bar_size[1]);
	CHECK(r.size[NVGSP_VGPU_REGION_BAR3] == cs.bar_size[2]);
	CHECK(!r.size[2] && !r.size[4] && !r.size[5] && !r.size[6] && !r.size[8]);

	for (at = HEAD_LEN; at + OP_LEN <= size; at += OP_LEN) {
		const u8 *o = data + at;
		u32 sz = o[2], off = le32(o + 4), val = le32(o + 8), got;
		bool write = o[3] & 1;

		switch (o[0] % 5) {
		case 0:
			got = 0xdeadbeef;
			ret = nvgsp_vgpu_cfgspace_read(&cs, off, sz, &got);
			CHECK(ret == 0 || ret == -EINVAL);
			CHECK(!ret || got == 0);
			if (!ret && off >= NVGSP_VGPU_CFG_STD_SIZE)
				CHECK(got == 0);
			break;
		case 1:
			before = cs;
			memset(&eff, 0xa5, sizeof(eff));
			ret = nvgsp_vgpu_cfgspace_write(&cs, off, sz, val, &eff);
			CHECK(ret == 0 || ret == -EINVAL);
			if (ret) {
				CHECK(!memcmp(&cs, &before, sizeof(cs)));
				CHECK(!eff.mem_changed && !eff.bme_changed && !eff.flr);
			}
			check_invariants(&cs);
			break;
		case 2:
			ret = nvgsp_vgpu_region_access(&r, o[1], off, sz, write);
			CHECK(ret == (model_inside(&r, o[1], off, sz, write ? NVGSP_VGPU_REGION_WRITE :
						  NVGSP_VGPU_REGION_READ) ? 0 : -EINVAL));
			break;
		case 3:
			ret = nvgsp_vgpu_region_mmap(&r, o[1], off, (u64)sz * PAGE, PAGE);
			CHECK(ret == (model_inside(&r, o[1], off, (u64)sz * PAGE, NVGSP_VGPU_REGION_MMAP) &&
				      !(off % PAGE) ? 0 : -EINVAL));
			break;
		default:
			nvgsp_vgpu_cfgspace_reset(&cs, &eff);
			CHECK(!memcmp(cs.cfg, cs.reset, sizeof(cs.cfg)));
			break;
		}
	}
	return 0;
}

#endif /* NVGSP_FUZZ_SEEDS */
