// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_fw_vbios.c - the VBIOS reader and parser and the FWSEC builder
 * (src/fw/nvgsp_fw_vbios.c), on ROMs that gpusim builds in the real format
 * (tests/gpusim/gpusim_vbios.c) for every chip, and the model's own check of
 * a loaded FWSEC (gpusim_vbios_fwsec_check()), which walks the ROM with its
 * own code.
 *
 * Expected values come from gpusim_vbios.h's published layout, not from the
 * parser, and the bytes the builder patches are checked at their offsets by
 * this file as well as by the model, so a mistake in one of the three shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "chip/nvgsp_chip.h"
#include "fw/nvgsp_fw_vbios.h"
#include "gpusim_vbios.h"

#define N(a) (int)(ARRAY_SIZE(a))

/*
 * A representative PCI device id per chip (Documentation/hardware.rst, "PCI
 * identities") and its FWSEC descriptor version: 2 on Turing and GA100, 3 on
 * GA10x and later (Documentation/vbios.rst, "Ucode descriptors").
 */
static const struct chip_row {
	const char *fw_dir;
	u16 device_id;
	u32 desc_version;
} chips[] = {
	{ "tu102", 0x1e04, 2 }, { "tu104", 0x1eb8, 2 }, { "tu106", 0x1f02, 2 },
	{ "tu117", 0x1f82, 2 }, { "tu116", 0x2182, 2 }, { "ga100", 0x20b5, 2 },
	{ "ga102", 0x2235, 3 }, { "ga103", 0x2414, 3 }, { "ga104", 0x2484, 3 },
	{ "ga106", 0x2503, 3 }, { "ga107", 0x25b6, 3 }, { "gh100", 0x2331, 3 },
	{ "ad102", 0x26b5, 3 }, { "ad103", 0x2704, 3 }, { "ad104", 0x27b8, 3 },
	{ "ad106", 0x2803, 3 }, { "ad107", 0x2882, 3 }, { "gb100", 0x2901, 3 },
	{ "gb102", 0x2980, 3 }, { "gb202", 0x2b85, 3 }, { "gb203", 0x2c02, 3 },
	{ "gb205", 0x2f04, 3 }, { "gb206", 0x2d04, 3 }, { "gb207", 0x2d83, 3 },
};

/* Offsets in gpusim's ROM (gpusim_vbios.h), without an IFR header. */
#define V3_UCODE	(GPUSIM_VBIOS_DESC + 44 + GPUSIM_VBIOS_SIG_LEN)
#define V2_UCODE	(GPUSIM_VBIOS_DESC + 60)
#define V3_DMEM		(V3_UCODE + GPUSIM_VBIOS_IMEM)
#define V2_DMEM		(V2_UCODE + GPUSIM_VBIOS_IMEM)
#define UCODE_SIZE	(GPUSIM_VBIOS_IMEM + GPUSIM_VBIOS_DMEM)
#define FALCON_MEM	0x10000		/* the falcon memories the model is handed */

static u8 *build(u16 device_id, u32 desc_version, u16 sig_versions, u32 ifr, size_t *len)
{
	struct gpusim_vbios_cfg cfg = { .device_id = device_id, .desc_version = desc_version,
					.sig_versions = sig_versions, .ifr_version = ifr };
	u8 *rom = NULL;

	ck_assert_int_eq(gpusim_vbios_build(&cfg, &rom, len), 0);
	ck_assert_ptr_nonnull(rom);
	return rom;
}

static int parse(const u8 *rom, size_t len, struct nvgsp_fw_vbios *vb, struct nvgsp_fw_diag *d)
{
	struct nvgsp_fw_blob blob = { .name = "vbios", .data = rom, .size = len };

	memset(d->msg, 0, sizeof(d->msg));
	return nvgsp_fw_vbios_parse(&blob, vb, d);
}

static void parse_ok(const u8 *rom, size_t len, struct nvgsp_fw_vbios *vb)
{
	struct nvgsp_fw_diag d;
	int ret = parse(rom, len, vb, &d);

	ck_assert_msg(ret == 0, "parse: %d %s", ret, d.msg);
}

static void put(u8 *p, unsigned int width, u32 v)
{
	unsigned int i;

	for (i = 0; i < width; i++)
		p[i] = v >> (8 * i);
}

static u32 get32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

/* ---- every chip --------------------------------------------------------- */

START_TEST(every_chip_has_a_row)
{
	const struct nvgsp_chip_info *t;
	size_t n, i;
	int r;

	t = nvgsp_chip_table(&n);
	ck_assert_uint_eq(n, N(chips));
	for (i = 0; i < n; i++) {
		bool v2 = t[i].family == NVGSP_FAMILY_TURING || t[i].chipset == 0x170;

		for (r = 0; r < N(chips); r++)
			if (!strcmp(chips[r].fw_dir, t[i].fw_dir))
				break;
		ck_assert_msg(r < N(chips), "no row for %s", t[i].fw_dir);
		ck_assert_msg(chips[r].desc_version == (v2 ? 2u : 3u), "%s: descriptor v%u",
			      t[i].fw_dir, chips[r].desc_version);
	}
}
END_TEST

START_TEST(parse_chip)
{
	const struct chip_row *row = &chips[_i];
	bool v3 = row->desc_version == 3;
	u32 ucode = v3 ? V3_UCODE : V2_UCODE;
	struct nvgsp_fw_vbios vb;
	size_t len, i;
	u8 *rom = build(row->device_id, row->desc_version, 0, 0, &len), sum = 0;

	parse_ok(rom, len, &vb);
	ck_assert_ptr_eq(vb.rom, rom);
	ck_assert_str_eq(vb.name, "vbios");
	ck_assert_uint_eq(vb.rom_size, len);
	ck_assert_uint_eq(vb.chain_offset, 0);
	ck_assert_uint_eq(vb.image_count, 4);
	ck_assert_uint_eq(vb.pciat_offset, 0);
	ck_assert_uint_eq(vb.pciat_size, GPUSIM_VBIOS_PCIAT_SIZE);
	ck_assert_uint_eq(vb.fwsec_offset, GPUSIM_VBIOS_FWSEC_OFFSET);
	ck_assert_uint_eq(vb.fwsec_size, len - GPUSIM_VBIOS_FWSEC_OFFSET);
	ck_assert_uint_eq(vb.bit_offset, GPUSIM_VBIOS_BIT);
	ck_assert_uint_eq(vb.pmu_table, GPUSIM_VBIOS_PMU_TABLE);
	ck_assert_uint_eq(vb.desc_offset, GPUSIM_VBIOS_DESC);
	ck_assert_uint_eq(vb.desc_version, row->desc_version);
	ck_assert_uint_eq(vb.ucode_offset, ucode);
	ck_assert_uint_eq(vb.ucode_size, UCODE_SIZE);
	ck_assert_uint_eq(vb.imem_load_size, GPUSIM_VBIOS_IMEM);
	ck_assert_uint_eq(vb.imem_phys_base, 0);
	ck_assert_uint_eq(vb.imem_virt_base, 0);
	ck_assert_uint_eq(vb.dmem_offset, GPUSIM_VBIOS_IMEM);
	ck_assert_uint_eq(vb.dmem_phys_base, 0);
	ck_assert_uint_eq(vb.dmem_load_size, GPUSIM_VBIOS_DMEM);
	ck_assert_uint_eq(vb.interface_offset, GPUSIM_VBIOS_APPIF);
	ck_assert_uint_eq(vb.dmem_mapper, GPUSIM_VBIOS_DMAP);
	ck_assert_uint_eq(vb.cmd_in_offset, GPUSIM_VBIOS_CMD_IN);
	ck_assert_uint_eq(vb.cmd_in_size, GPUSIM_VBIOS_CMD_IN_SIZE);
	if (v3) {
		ck_assert_uint_eq(vb.pkc_data_offset, GPUSIM_VBIOS_PKC);
		ck_assert_uint_eq(vb.engine_id_mask, GPUSIM_VBIOS_ENGINE_GSP);
		ck_assert_uint_eq(vb.ucode_id, GPUSIM_VBIOS_UCODE_ID);
		ck_assert_uint_eq(vb.sig_count, 1);
		ck_assert_uint_eq(vb.sig_versions, 1);
		ck_assert_uint_eq(vb.sig_offset, GPUSIM_VBIOS_DESC + 44);
		ck_assert_uint_eq(vb.imem_sec_size, 0);
	} else {
		ck_assert_uint_eq(vb.imem_sec_base, GPUSIM_VBIOS_IMEM_SEC_BASE);
		ck_assert_uint_eq(vb.imem_sec_size, GPUSIM_VBIOS_IMEM - GPUSIM_VBIOS_IMEM_SEC_BASE);
		ck_assert_uint_eq(vb.virtual_entry, 0);
		ck_assert_uint_eq(vb.sig_count, 0);
	}
	/* the builder's promises: checksummed PCI-AT image, the device in every PCIR */
	for (i = 0; i < GPUSIM_VBIOS_PCIAT_SIZE; i++)
		sum += rom[i];
	ck_assert_uint_eq(sum, 0);
	for (i = 0; i < 4; i++) {
		static const u32 at[] = { 0, GPUSIM_VBIOS_EFI_OFFSET, GPUSIM_VBIOS_FWSEC_OFFSET,
					  GPUSIM_VBIOS_FWSEC2_OFFSET };
		const u8 *pcir = rom + at[i] + (rom[at[i] + 0x18] | rom[at[i] + 0x19] << 8);

		ck_assert(!memcmp(pcir, "PCIR", 4));
		ck_assert_uint_eq(pcir[6] | pcir[7] << 8, row->device_id);
		ck_assert_uint_eq(pcir[0x14], ((const u8[]){ 0x00, 0x03, 0xe0, 0xe0 })[i]);
	}
	ck_assert(!memcmp(rom + ucode, "gpusim synthetic FWSEC", 22));
	free(rom);
}
END_TEST

/* The synthetic ucode differs per device (it is seeded by the device id). */
START_TEST(ucode_differs_per_device)
{
	size_t la, lb;
	u8 *a = build(0x2204, 3, 0, 0, &la), *b = build(0x2206, 3, 0, 0, &lb);

	ck_assert_uint_eq(la, lb);
	ck_assert(memcmp(a + V3_UCODE + 64, b + V3_UCODE + 64, GPUSIM_VBIOS_IMEM - 64));
	free(a);
	free(b);
	a = build(0x2204, 3, 0, 0, &la);
	b = build(0x2204, 3, 0, 0, &lb);
	ck_assert(!memcmp(a, b, la));
	free(a);
	free(b);
}
END_TEST

START_TEST(builder_refuses)
{
	struct gpusim_vbios_cfg cfg = { .device_id = 0x2204, .desc_version = 4 };
	u8 *rom = (u8 *)1;
	size_t len = 1;

	ck_assert_int_eq(gpusim_vbios_build(&cfg, &rom, &len), -EINVAL);
	ck_assert_ptr_null(rom);
	ck_assert_uint_eq(len, 0);
	cfg.desc_version = 2;
	cfg.sig_versions = 1;
	ck_assert_int_eq(gpusim_vbios_build(&cfg, &rom, &len), -EINVAL);
	cfg.desc_version = 3;
	cfg.ifr_version = 4;
	ck_assert_int_eq(gpusim_vbios_build(&cfg, &rom, &len), -EINVAL);
}
END_TEST

/* ---- reading through BAR0 ----------------------------------------------- */

/* BAR0 with a PROM window backed by a ROM; flash past it reads 0xff. */
struct rom_bar {
	const u8 *rom;
	size_t len;
	u32 gone_from;		/* a window read at or past this loses the device */
	bool gone;		/* then every register reads all ones */
	u32 max_read;		/* highest window offset read + 4 */
};

static u32 rom_rd32(void *ctx, u32 offset)
{
	struct rom_bar *b = ctx;
	u32 rel = offset - NVGSP_VBIOS_PROM_BASE, v = 0;
	unsigned int i;

	if (offset >= NVGSP_VBIOS_PROM_BASE && rel < NVGSP_VBIOS_MAX && rel >= b->gone_from)
		b->gone = true;
	if (b->gone)
		return 0xffffffff;
	if (offset < NVGSP_VBIOS_PROM_BASE || rel >= NVGSP_VBIOS_MAX)
		return 0x172000a1;	/* BOOT_0 and the rest: a GA102 that answers */
	if (rel + 4 > b->max_read)
		b->max_read = rel + 4;
	for (i = 0; i < 4; i++)
		v |= (u32)(rel + i < b->len ? b->rom[rel + i] : 0xff) << (8 * i);
	return v;
}

static void rom_wr32(void *ctx, u32 offset, u32 value)
{
	(void)ctx;
	(void)offset;
	(void)value;
}

static const struct nvgsp_os_bar_ops rom_bar_ops = { .rd32 = rom_rd32, .wr32 = rom_wr32 };

static int bar_read(struct rom_bar *rb, u8 **buf, size_t *size, struct nvgsp_fw_diag *d,
		    struct nvgsp_os_bar *bar)
{
	*bar = (struct nvgsp_os_bar){ .ops = &rom_bar_ops, .ctx = rb, .size = 0x1000000,
				      .name = "rom BAR0" };
	*buf = calloc(1, NVGSP_VBIOS_MAX);
	ck_assert_ptr_nonnull(*buf);
	memset(d->msg, 0, sizeof(d->msg));
	return nvgsp_fw_vbios_read(bar, *buf, size, d);
}

/* Every chip's ROM, with no IFR header and with each version of one. */
START_TEST(read_through_bar)
{
	const struct chip_row *row = &chips[_i / 4];
	u32 ifr = _i % 4, start = ifr ? GPUSIM_VBIOS_IFR_ROM : 0;
	struct nvgsp_fw_vbios vb, vb_file;
	struct nvgsp_fw_diag d;
	struct nvgsp_os_bar bar;
	struct rom_bar rb = { .gone_from = ~0u };
	size_t len, size;
	u8 *rom = build(row->device_id, row->desc_version, 0, ifr, &len), *buf;
	int ret;

	rb.rom = rom;
	rb.len = len;
	ret = bar_read(&rb, &buf, &size, &d, &bar);
	ck_assert_msg(ret == 0, "%d %s", ret, d.msg);
	ck_assert_uint_eq(size, len - start);
	ck_assert(!memcmp(buf, rom + start, size));
	ck_assert_uint_eq(bar.bad_accesses, 0);
	/* it stopped after the last image */
	ck_assert_uint_le(rb.max_read, len);
	parse_ok(buf, size, &vb);
	ck_assert_uint_eq(vb.chain_offset, 0);
	/* the ROM file with its IFR header parses to the same FWSEC, moved */
	parse_ok(rom, len, &vb_file);
	ck_assert_uint_eq(vb_file.chain_offset, start);
	ck_assert_uint_eq(vb_file.pciat_offset, start);
	ck_assert_uint_eq(vb_file.ucode_offset, vb.ucode_offset + start);
	ck_assert_uint_eq(vb_file.ucode_size, vb.ucode_size);
	ck_assert(!memcmp(vb.rom + vb.ucode_offset, vb_file.rom + vb_file.ucode_offset,
			  vb.ucode_size));
	free(buf);
	free(rom);
}
END_TEST

static const struct read_fail {
	const char *name;
	u32 ifr;
	u32 gone_from;
	u32 at, width, value;	/* a field to write first, at != 0 */
	int ret;
	const char *msg;
} read_cases[] = {
	{ "gone at once", 0, 0, 0, 0, 0, -ENODEV,
	  "vbios: image 0 at 0x0: ROM header and NV_PMC_BOOT_0 read all ones: the device is gone" },
	{ "gone during the walk", 0, GPUSIM_VBIOS_EFI_OFFSET, 0, 0, 0, -ENODEV,
	  "vbios: image 1 at 0x800: ROM header and NV_PMC_BOOT_0 read all ones: the device is gone" },
	{ "erased flash", 0, ~0u, 0, 0, 0, -ENOEXEC,
	  "vbios: image 0 at 0x0: ROM header reads all ones (erased flash): no ROM" },
	{ "no ROM", 0, ~0u, 0x0, 2, 0x0000, -ENOEXEC,
	  "vbios: image 0 at 0x0: ROM header signature 0x0000 is not 0xaa55" },
	{ "IFR offset unaligned", 1, ~0u, 0x14, 4, 0x2002, -ENOEXEC,
	  "vbios: IFR header v1: PCI ROM offset 0x2002 is not 4-byte aligned" },
	{ "IFR offset past the window", 2, ~0u, 0x14, 4, 0x100000, -ENOEXEC,
	  "vbios: IFR header: PCI ROM offset 0x100000 is past the 0x100000-byte PROM window" },
	{ "IFR offset unaligned in the header", 1, ~0u, 0x4, 4, 0x110100, -ENOEXEC,
	  "vbios: IFR header v1: PCI ROM offset at 0x15 (FIXED_DATA_SIZE + 4) is past the end of the ROM or unaligned" },
	{ "no last image in the window", 0, ~0u, 0xe4a, 1, 0x00, -ENOEXEC,
	  "vbios: image 4 at 0x2800: ROM header reads all ones (erased flash): no image before it is flagged last" },
};

START_TEST(read_fails)
{
	const struct read_fail *c = &read_cases[_i];
	struct rom_bar rb = { .gone_from = c->gone_from };
	struct nvgsp_fw_diag d;
	struct nvgsp_os_bar bar;
	size_t len, size = 1;
	u8 *rom = build(0x2235, 3, 0, c->ifr, &len), *buf;
	int ret;

	if (c->width)
		put(rom + c->at, c->width, c->value);
	if (!strcmp(c->name, "no ROM"))
		memset(rom, 0, len);
	if (!strcmp(c->name, "erased flash"))
		memset(rom, 0xff, len);
	rb.rom = rom;
	rb.len = len;
	ret = bar_read(&rb, &buf, &size, &d, &bar);
	ck_assert_msg(ret == c->ret, "%s: %d, expected %d (%s)", c->name, ret, c->ret, d.msg);
	ck_assert_uint_eq(size, 0);
	ck_assert_msg(!strncmp(d.msg, c->msg, strlen(c->msg)), "%s: \"%s\"", c->name, d.msg);
	ck_assert_uint_eq(bar.bad_accesses, 0);
	free(buf);
	free(rom);
}
END_TEST

/* ---- FWSEC build and the model's check ---------------------------------- */

#define FRTS_ADDR	0x3fe00000ull
#define FRTS_SIZE	0x100000ull

/* The falcon's memories as the loader leaves them (gpusim_vbios.h's convention). */
static void load(const struct nvgsp_fw_vbios *vb, const u8 *img, u8 *imem, u8 *dmem)
{
	memset(imem, 0xee, FALCON_MEM);
	memset(dmem, 0xee, FALCON_MEM);
	memcpy(imem + vb->imem_phys_base, img, vb->imem_load_size);
	memcpy(dmem + vb->dmem_phys_base, img + vb->dmem_offset, vb->dmem_load_size);
}

START_TEST(fwsec_roundtrip)
{
	const struct chip_row *row = &chips[_i / 2];
	bool frts = _i % 2 == 0;
	struct nvgsp_fw_fwsec_cmd c = { .cmd = frts ? NVGSP_FWSEC_CMD_FRTS : NVGSP_FWSEC_CMD_SB,
					.frts_addr = FRTS_ADDR, .frts_size = FRTS_SIZE };
	struct gpusim_fwsec_cmd got;
	struct nvgsp_fw_vbios vb;
	struct nvgsp_fw_diag d = { "" };
	char err[256];
	size_t len, i;
	u8 *rom = build(row->device_id, row->desc_version, 0, 0, &len);
	u8 *img = malloc(UCODE_SIZE), *imem = malloc(FALCON_MEM), *dmem = malloc(FALCON_MEM);
	const u8 *rdmem, *in;
	int ret;

	parse_ok(rom, len, &vb);
	ret = nvgsp_fw_fwsec_build(&vb, &c, img, UCODE_SIZE, &d);
	ck_assert_msg(ret == UCODE_SIZE, "%d %s", ret, d.msg);

	/* the patched fields, read at gpusim_vbios.h's offsets */
	rdmem = rom + vb.ucode_offset + GPUSIM_VBIOS_IMEM;
	ck_assert(!memcmp(img, rom + vb.ucode_offset, GPUSIM_VBIOS_IMEM));
	ck_assert_uint_eq(get32(img + GPUSIM_VBIOS_IMEM + GPUSIM_VBIOS_DMAP + 0x2c), c.cmd);
	in = img + GPUSIM_VBIOS_IMEM + GPUSIM_VBIOS_CMD_IN;
	ck_assert_uint_eq(get32(in + 0), 1);
	ck_assert_uint_eq(get32(in + 4), 24);
	ck_assert_uint_eq(get32(in + 8), 0);
	ck_assert_uint_eq(get32(in + 12), 0);
	ck_assert_uint_eq(get32(in + 16), 0);
	ck_assert_uint_eq(get32(in + 20), 2);
	if (frts) {
		ck_assert_uint_eq(get32(in + 24), 1);
		ck_assert_uint_eq(get32(in + 28), 20);
		ck_assert_uint_eq(get32(in + 32), FRTS_ADDR >> 12);
		ck_assert_uint_eq(get32(in + 36), FRTS_SIZE >> 12);
		ck_assert_uint_eq(get32(in + 40), 2);
	}
	/* nothing else of the command buffer moved */
	for (i = frts ? 44 : 24; i < GPUSIM_VBIOS_CMD_IN_SIZE; i++)
		ck_assert_uint_eq(in[i], 0xa5);
	if (row->desc_version == 3)
		ck_assert(!memcmp(img + GPUSIM_VBIOS_IMEM + GPUSIM_VBIOS_PKC,
				  rom + GPUSIM_VBIOS_DESC + 44, GPUSIM_VBIOS_SIG_LEN));
	else
		ck_assert(!memcmp(img + GPUSIM_VBIOS_IMEM + GPUSIM_VBIOS_PKC,
				  rdmem + GPUSIM_VBIOS_PKC, GPUSIM_VBIOS_SIG_LEN));

	load(&vb, img, imem, dmem);
	ret = gpusim_vbios_fwsec_check(rom, len, imem, FALCON_MEM, dmem, FALCON_MEM, &got, err,
				       sizeof(err));
	ck_assert_msg(ret == 0, "%s: %s", row->fw_dir, err);
	ck_assert_uint_eq(got.cmd, c.cmd);
	ck_assert_uint_eq(got.frts_addr, frts ? FRTS_ADDR : 0);
	ck_assert_uint_eq(got.frts_size, frts ? FRTS_SIZE : 0);
	free(img);
	free(imem);
	free(dmem);
	free(rom);
}
END_TEST

/* The model catches what a wrong loader or builder would do. */
static const struct model_case {
	const char *name;
	u32 desc_version;
	bool imem;		/* poke IMEM, else DMEM */
	u32 at, width, value;	/* falcon memory address */
	u32 fuse;
	size_t mem_len;
	const char *msg;
} model_cases[] = {
	{ "IMEM byte", 3, true, 0x123, 1, 0x00, 0, 0,
	  "FWSEC IMEM byte 0x123 (IMEM address 0x123) is 0x00, the VBIOS has 0x" },
	{ "v2 secure IMEM byte", 2, true, 0xf00, 1, 0x00, 0, 0,
	  "FWSEC IMEM byte 0xf00 (IMEM address 0xf00) is 0x00, the VBIOS has 0x" },
	{ "DMEM byte", 3, false, 0x10, 1, 0x00, 0, 0,
	  "FWSEC DMEM byte 0x10 (DMEM address 0x10, not a patched field) is 0x00" },
	{ "command buffer past FRTS", 3, false, GPUSIM_VBIOS_CMD_IN + 44, 1, 0x00, 0, 0,
	  "FWSEC DMEM byte 0x22c (DMEM address 0x22c, not a patched field) is 0x00, the VBIOS has 0xa5" },
	{ "init_cmd", 3, false, GPUSIM_VBIOS_DMAP + 0x2c, 4, 0x16, 0, 0,
	  "FWSEC DMEMMAPPER (DMEM 0x100) init_cmd is 0x16, neither FRTS (0x15) nor SB (0x19)" },
	{ "ReadVbios.flags", 2, false, GPUSIM_VBIOS_CMD_IN + 20, 4, 3, 0, 0,
	  "FWSEC command: ReadVbios.flags is 0x3, expected 0x2" },
	{ "ReadVbios.hdr", 3, false, GPUSIM_VBIOS_CMD_IN + 4, 4, 44, 0, 0,
	  "FWSEC command: ReadVbios.hdr is 0x2c, expected 0x18" },
	{ "FrtsRegion.type", 3, false, GPUSIM_VBIOS_CMD_IN + 40, 4, 1, 0, 0,
	  "FWSEC command: FrtsRegion.type is 0x1, expected 0x2" },
	{ "FrtsRegion.size", 3, false, GPUSIM_VBIOS_CMD_IN + 36, 4, 0, 0, 0,
	  "FWSEC command: FrtsRegion.size is 0" },
	{ "signature", 3, false, GPUSIM_VBIOS_PKC + 100, 1, 0x00, 0, 0,
	  "FWSEC signature at DMEM 0x400 (PKCDataOffset) is not the VBIOS's signature 0 for fuse version register 0x0: byte 100 is 0x00" },
	{ "fuse without signature", 3, false, 0, 0, 0, 2, 0,
	  "FWSEC: the VBIOS has no signature for fuse version 2 (SignatureVersions 0x1), yet the falcon was started" },
	{ "small IMEM", 3, true, 0, 0, 0, 0, 0x800,
	  "FWSEC: IMEM [0x0, +0x1000) or DMEM [0x0, +0x600) is outside the falcon's 0x800-byte IMEM" },
};

START_TEST(model_check)
{
	const struct model_case *m = &model_cases[_i];
	struct nvgsp_fw_fwsec_cmd c = { .cmd = NVGSP_FWSEC_CMD_FRTS, .frts_addr = FRTS_ADDR,
					.frts_size = FRTS_SIZE };
	struct gpusim_fwsec_cmd got;
	struct nvgsp_fw_vbios vb;
	struct nvgsp_fw_diag d;
	char err[256] = "";
	size_t len, mem = m->mem_len ? m->mem_len : FALCON_MEM;
	u8 *rom = build(0x2235, m->desc_version, 0, 0, &len);
	u8 *img = malloc(UCODE_SIZE), *imem = malloc(FALCON_MEM), *dmem = malloc(FALCON_MEM);
	int ret;

	parse_ok(rom, len, &vb);
	ck_assert_int_eq(nvgsp_fw_fwsec_build(&vb, &c, img, UCODE_SIZE, &d), UCODE_SIZE);
	load(&vb, img, imem, dmem);
	if (m->width)
		put((m->imem ? imem : dmem) + m->at, m->width, m->value);
	ret = gpusim_vbios_fwsec_check_fuse(rom, len, m->fuse, imem, mem, dmem, FALCON_MEM,
					    &got, err, sizeof(err));
	ck_assert_msg(ret == -EINVAL, "%s: accepted", m->name);
	ck_assert_msg(!strncmp(err, m->msg, strlen(m->msg)), "%s: \"%s\"", m->name, err);
	free(img);
	free(imem);
	free(dmem);
	free(rom);
}
END_TEST

/*
 * Signature choice: SignatureVersions 0x0b has signatures for fuse versions
 * 0, 1 and 3; the fuse version is the highest set bit of the register's low
 * 16 bits (nova-core, nouveau; Documentation/vbios.rst, "Signature selection").
 */
static const struct sig_case {
	u32 fuse;
	int index;		/* -1: none */
} sig_cases[] = {
	{ 0x0, 0 }, { 0x1, 1 }, { 0x2, -1 }, { 0x3, -1 }, { 0x4, 2 }, { 0x7, 2 },
	{ 0x8, -1 }, { 0x10000, 0 }, { 0x10001, 1 }, { 0x8000, -1 },
};

START_TEST(signature_choice)
{
	const struct sig_case *s = &sig_cases[_i];
	struct nvgsp_fw_fwsec_cmd c = { .cmd = NVGSP_FWSEC_CMD_SB, .fuse_version = s->fuse };
	struct gpusim_fwsec_cmd got;
	struct nvgsp_fw_vbios vb;
	struct nvgsp_fw_diag d = { "" };
	char err[256], want[160];
	size_t len;
	u8 *rom = build(0x2684, 3, 0x0b, 0, &len);
	u8 *img = malloc(UCODE_SIZE), *imem = malloc(FALCON_MEM), *dmem = malloc(FALCON_MEM);
	int ret;

	parse_ok(rom, len, &vb);
	ck_assert_uint_eq(vb.sig_count, 3);
	ck_assert_uint_eq(vb.sig_versions, 0x0b);
	ret = nvgsp_fw_fwsec_build(&vb, &c, img, UCODE_SIZE, &d);
	if (s->index < 0) {
		unsigned int ver = 0;
		u32 v = s->fuse & 0xffff;

		for (; v; v >>= 1)
			ver++;
		ck_assert_int_eq(ret, -ENOEXEC);
		snprintf(want, sizeof(want),
			 "vbios: FWSEC_PROD descriptor v3: no signature for fuse version %u (fuse register 0x%x): SignatureVersions is 0xb",
			 ver, s->fuse);
		ck_assert_str_eq(d.msg, want);
		goto out;
	}
	ck_assert_msg(ret == UCODE_SIZE, "%d %s", ret, d.msg);
	ck_assert(!memcmp(img + GPUSIM_VBIOS_IMEM + GPUSIM_VBIOS_PKC,
			  rom + GPUSIM_VBIOS_DESC + 44 + s->index * GPUSIM_VBIOS_SIG_LEN,
			  GPUSIM_VBIOS_SIG_LEN));
	load(&vb, img, imem, dmem);
	ret = gpusim_vbios_fwsec_check_fuse(rom, len, s->fuse, imem, FALCON_MEM, dmem, FALCON_MEM,
					    &got, err, sizeof(err));
	ck_assert_msg(ret == 0, "%s", err);
	ck_assert_uint_eq(got.cmd, NVGSP_FWSEC_CMD_SB);
	/* another chip's fuses want another signature */
	ret = gpusim_vbios_fwsec_check_fuse(rom, len, s->index ? 0 : 1, imem, FALCON_MEM, dmem,
					    FALCON_MEM, &got, err, sizeof(err));
	ck_assert_int_eq(ret, -EINVAL);
	ck_assert_msg(strstr(err, "is not the VBIOS's signature"), "%s", err);
out:
	free(img);
	free(imem);
	free(dmem);
	free(rom);
}
END_TEST

static const struct build_fail {
	const char *name;
	u32 cmd;
	u64 addr, size;
	size_t out_len;
	u32 cmd_in_size;	/* poked into the ROM's DMEMMAPPER when not 0 */
	int ret;
	const char *msg;
	u32 fuse;
	u16 sig_versions;	/* poked into the descriptor when not 0 */
} build_cases[] = {
	{ "short buffer", NVGSP_FWSEC_CMD_SB, 0, 0, UCODE_SIZE - 1, 0, -EINVAL,
	  "vbios: FWSEC image: 5631 bytes of room for the 0x1600-byte ucode", 0, 0 },
	{ "unknown command", 0x17, 0, 0, UCODE_SIZE, 0, -EINVAL,
	  "vbios: FWSEC command 0x17 is neither FRTS (0x15) nor SB (0x19)", 0, 0 },
	{ "FRTS of size 0", NVGSP_FWSEC_CMD_FRTS, FRTS_ADDR, 0, UCODE_SIZE, 0, -EINVAL,
	  "vbios: FWSEC-FRTS: region 0x3fe00000 + 0x0 is empty, not 4 KiB aligned or past 44 bits", 0, 0 },
	{ "FRTS unaligned", NVGSP_FWSEC_CMD_FRTS, FRTS_ADDR + 0x800, FRTS_SIZE, UCODE_SIZE, 0,
	  -EINVAL,
	  "vbios: FWSEC-FRTS: region 0x3fe00800 + 0x100000 is empty, not 4 KiB aligned or past 44 bits", 0, 0 },
	{ "FRTS past 44 bits", NVGSP_FWSEC_CMD_FRTS, 1ull << 44, FRTS_SIZE, UCODE_SIZE, 0,
	  -EINVAL,
	  "vbios: FWSEC-FRTS: region 0x100000000000 + 0x100000 is empty, not 4 KiB aligned or past 44 bits", 0, 0 },
	{ "FRTS in a small buffer", NVGSP_FWSEC_CMD_FRTS, FRTS_ADDR, FRTS_SIZE, UCODE_SIZE, 43,
	  -EINVAL,
	  "vbios: DMEMMAPPER at DMEM 0x100: the 44-byte FRTS command does not fit its 0x2b-byte command input buffer", 0, 0 },
	{ "SB in a smaller buffer", NVGSP_FWSEC_CMD_SB, 0, 0, UCODE_SIZE, 23, -EINVAL,
	  "vbios: DMEMMAPPER at DMEM 0x100: the 24-byte SB command does not fit its 0x17-byte command input buffer", 0, 0 },
	{ "more versions than signatures", NVGSP_FWSEC_CMD_SB, 0, 0, UCODE_SIZE, 0, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v3: fuse version 1 selects signature 1, but SignatureCount is 1 (SignatureVersions 0x3)",
	  0x1, 0x3 },
};

START_TEST(build_fails)
{
	const struct build_fail *b = &build_cases[_i];
	struct nvgsp_fw_fwsec_cmd c = { .cmd = b->cmd, .frts_addr = b->addr,
					.frts_size = b->size, .fuse_version = b->fuse };
	struct nvgsp_fw_vbios vb;
	struct nvgsp_fw_diag d = { "" };
	size_t len;
	u8 *rom = build(0x2235, 3, 0, 0, &len), *img = malloc(UCODE_SIZE);

	if (b->cmd_in_size)
		put(rom + V3_DMEM + GPUSIM_VBIOS_DMAP + 0x0c, 4, b->cmd_in_size);
	if (b->sig_versions)
		put(rom + GPUSIM_VBIOS_DESC + 0x28, 2, b->sig_versions);
	parse_ok(rom, len, &vb);
	ck_assert_int_eq(nvgsp_fw_fwsec_build(&vb, &c, img, b->out_len, &d), b->ret);
	ck_assert_str_eq(d.msg, b->msg);
	free(img);
	free(rom);
}
END_TEST

START_TEST(build_unparsed)
{
	struct nvgsp_fw_fwsec_cmd c = { .cmd = NVGSP_FWSEC_CMD_SB };
	struct nvgsp_fw_vbios vb = { 0 };
	struct nvgsp_fw_diag d = { "" };
	u8 img[16];

	ck_assert_int_eq(nvgsp_fw_fwsec_build(&vb, &c, img, sizeof(img), &d), -EINVAL);
	ck_assert_str_eq(d.msg, "vbios: no FWSEC: the VBIOS was not parsed");
}
END_TEST

/* ---- corruption: one field (rarely two) at a time ----------------------- */

#define IMG0_PCIR	0x20
#define IMG0_NPDE	0x40
#define EFI		GPUSIM_VBIOS_EFI_OFFSET
#define FW1		GPUSIM_VBIOS_FWSEC_OFFSET
#define FW2		GPUSIM_VBIOS_FWSEC2_OFFSET
#define BIT		GPUSIM_VBIOS_BIT
#define PTOK		(BIT + 12 + 2 * 6)	/* the 'p' token */
#define TABLE		GPUSIM_VBIOS_PMU_TABLE
#define ENTRY2		(TABLE + 6 + 2 * 6)	/* FWSEC_PROD */
#define DESC		GPUSIM_VBIOS_DESC
#define APPIF3		(V3_DMEM + GPUSIM_VBIOS_APPIF)
#define DMAP3		(V3_DMEM + GPUSIM_VBIOS_DMAP)

struct poke {
	u32 at, width, value;
};

static const struct corrupt {
	const char *name;
	u32 desc_version;
	struct poke p[2];
	int ret;
	const char *msg;
} cases[] = {
	{ "ROM signature", 3, { { 0, 2, 0x1234 } }, -ENOEXEC,
	  "vbios: image 0 at 0x0: ROM header signature 0x1234 is not 0xaa55" },
	{ "PCIR pointer", 3, { { 0x18, 2, 0xfff0 } }, -ENOEXEC,
	  "vbios: image 0 at 0x0: PCIR pointer 0xfff0 puts the 24-byte PCIR past the end of the 0x" },
	{ "PCIR signature", 3, { { IMG0_PCIR, 1, 'X' } }, -ENOEXEC,
	  "vbios: image 0 at 0x0: PCIR signature 0x52494358 at 0x20 is not \"PCIR\"" },
	{ "PCIR image_len 0 without NPDE", 3,
	  { { IMG0_NPDE, 1, 'X' }, { IMG0_PCIR + 0x10, 2, 0 } }, -ENOEXEC,
	  "vbios: image 0 at 0x0: PCIR image_len is 0" },
	{ "EFI NPDE subimage_len", 3, { { EFI + 0x48, 2, 0x7fff } }, -ENOEXEC,
	  "vbios: image 1 at 0x800 (code type 0x03): its NPDE subimage_len 32767 x 512 bytes run past the end of the 0x" },
	{ "no image flagged last", 3, { { FW2 + 0x4a, 1, 0 } }, -ENOEXEC,
	  "vbios: image 4 at 0x2800: no room for its ROM header before the end of the 0x2800-byte ROM (no image before it is flagged last)" },
	{ "no PCI-AT image", 3, { { IMG0_PCIR + 0x14, 1, 0x03 } }, -ENOEXEC,
	  "vbios: image chain: none of its 4 images is a PCI-AT image (code type 0x00)" },
	{ "PCI-AT image as NBSI", 3, { { IMG0_PCIR + 0x14, 1, 0x70 } }, -ENOEXEC,
	  "vbios: image chain: none of its 1 images is a PCI-AT image (code type 0x00)" },
	{ "no FWSEC image", 3, { { FW1 + 0x34, 1, 0x03 }, { FW2 + 0x34, 1, 0x03 } }, -ENOEXEC,
	  "vbios: image chain: none of its 4 images is a FWSEC image (code type 0xe0)" },
	{ "first FWSEC image retyped", 3, { { FW1 + 0x34, 1, 0x03 } }, -ENOEXEC,
	  "vbios: falcon ucode table at 0xe60: version 0 is not 1" },
	{ "BIT signature", 3, { { BIT + 2, 1, 'X' } }, -ENOEXEC,
	  "vbios: PCI-AT image at 0x0: no BIT header (ff b8 \"BIT\" 00) in its 0x800 bytes" },
	{ "BIT header_size", 3, { { BIT + 8, 1, 8 } }, -ENOEXEC,
	  "vbios: BIT header at 0x100: header_size 8 is less than 12" },
	{ "BIT token_size", 3, { { BIT + 9, 1, 4 } }, -ENOEXEC,
	  "vbios: BIT header at 0x100: token_size 4 is less than 6" },
	{ "BIT tokens past the image", 3, { { BIT + 9, 1, 0xff }, { BIT + 10, 1, 0xff } },
	  -ENOEXEC,
	  "vbios: BIT header at 0x100: its 255 tokens of 255 bytes run past the end of the 0x800-byte PCI-AT image" },
	{ "BIT token count", 3, { { BIT + 10, 1, 2 } }, -ENOEXEC,
	  "vbios: BIT header at 0x100: no 'p' (falcon data) token among its 2 tokens" },
	{ "'p' version", 3, { { PTOK + 1, 1, 1 } }, -ENOEXEC,
	  "vbios: BIT token 'p' (falcon data): version 1 is not 2" },
	{ "'p' size", 3, { { PTOK + 2, 2, 2 } }, -ENOEXEC,
	  "vbios: BIT token 'p' (falcon data): data size 2 is less than the 4-byte falcon ucode table pointer" },
	{ "'p' offset", 3, { { PTOK + 4, 2, 0x7fe } }, -ENOEXEC,
	  "vbios: BIT token 'p' (falcon data): data offset 0x7fe is past the end of the 0x800-byte PCI-AT image" },
	{ "falcon ucode table pointer", 3, { { 0x180, 4, 0x100000 } }, -ENOEXEC,
	  "vbios: BIT token 'p': falcon ucode table pointer points at 0x100000: its 0x4 bytes run past the 0x1c00-byte FWSEC section, which ends at pointer 0x2400 (PCI-AT size 0x800 + section size)" },
	{ "falcon ucode table pointer into PCI-AT", 3, { { 0x180, 4, 0x7fe } }, -ENOEXEC,
	  "vbios: BIT token 'p': falcon ucode table pointer points at 0x7fe: its 0x4 bytes run past the end of the 0x800-byte PCI-AT image" },
	{ "table version", 3, { { TABLE, 1, 2 } }, -ENOEXEC,
	  "vbios: falcon ucode table at 0xc60: version 2 is not 1" },
	{ "table entry_size", 3, { { TABLE + 2, 1, 4 } }, -ENOEXEC,
	  "vbios: falcon ucode table at 0xc60: header_size 6 or entry_size 4 is less than 4 or 6" },
	{ "table past the section", 3, { { TABLE + 2, 1, 0xff }, { TABLE + 3, 1, 0xff } },
	  -ENOEXEC,
	  "vbios: falcon ucode table points at 0x860: its 0xfe07 bytes run past the 0x1c00-byte FWSEC section" },
	{ "table entry_count", 3, { { TABLE + 3, 1, 2 } }, -ENOEXEC,
	  "vbios: falcon ucode table at 0xc60: no FWSEC_PROD (application id 0x85) among its 2 entries" },
	{ "FWSEC_PROD app id", 3, { { ENTRY2, 1, 0x86 } }, -ENOEXEC,
	  "vbios: falcon ucode table at 0xc60: no FWSEC_PROD (application id 0x85) among its 3 entries" },
	{ "FWSEC_PROD pointer", 3, { { ENTRY2 + 2, 4, 0x1fffc } }, -ENOEXEC,
	  "vbios: falcon ucode table entry 2 (FWSEC_PROD) points at 0x1fffc: its 0x4 bytes run past the 0x1c00-byte FWSEC section" },
	{ "descriptor versioned flag", 3, { { DESC, 1, 0x00 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor at 0xe80: header 0x01ac0300 lacks the versioned flag (bit 0)" },
	{ "descriptor version", 3, { { DESC + 1, 1, 4 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor at 0xe80: version 4 (header 0x01ac0401) is neither 2 nor 3" },
	{ "descriptor size past the section", 3, { { DESC + 2, 2, 0xffff } }, -ENOEXEC,
	  "vbios: falcon ucode table entry 2 (FWSEC_PROD) points at 0xa80: its 0xffff bytes run past the 0x1c00-byte FWSEC section" },
	{ "descriptor v3 size", 3, { { DESC + 2, 2, 32 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v3 at 0xe80: size 32 (header bits 31:16) is less than the 44-byte descriptor" },
	{ "descriptor v3 size without signatures", 3, { { DESC + 2, 2, 44 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v3: size 44 (header bits 31:16) cannot hold the 44-byte descriptor and SignatureCount 1 x 384-byte signatures" },
	{ "SignatureCount", 3, { { DESC + 0x27, 1, 2 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v3: size 428 (header bits 31:16) cannot hold the 44-byte descriptor and SignatureCount 2 x 384-byte signatures" },
	{ "UcodeId 0", 3, { { DESC + 0x26, 1, 0 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v3: UcodeId 0 is outside 1..16 (it picks one of the fuse version registers)" },
	{ "UcodeId 17", 3, { { DESC + 0x26, 1, 17 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v3: UcodeId 17 is outside 1..16" },
	{ "PKCDataOffset", 3, { { DESC + 0x08, 4, 0x500 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v3: the 384-byte signature at PKCDataOffset 0x500 does not fit the 0x600-byte DMEM" },
	{ "IMEMLoadSize 0", 3, { { DESC + 0x14, 4, 0 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v3: IMEMLoadSize 0x0 or DMEMLoadSize 0x600 is 0" },
	{ "IMEMLoadSize past the section", 3, { { DESC + 0x14, 4, 0x100000 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD ucode (descriptor + IMEM + DMEM) points at 0xa80: its 0x1007ac bytes run past the 0x1c00-byte FWSEC section" },
	{ "IMEMLoadSize overflows", 3, { { DESC + 0x14, 4, 0xfffffff0 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD ucode (descriptor + IMEM + DMEM) points at 0xa80: its 0x10000079c bytes run past" },
	{ "DMEMLoadSize", 3, { { DESC + 0x20, 4, 0x10 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v3: the 384-byte signature at PKCDataOffset 0x400 does not fit the 0x10-byte DMEM" },
	{ "InterfaceOffset", 3, { { DESC + 0x0c, 4, 0x5fe } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v3: InterfaceOffset 0x5fe is outside the 0x600-byte DMEM" },
	{ "last image cut inside the descriptor", 3, { { FW2 + 0x48, 2, 1 } }, -ENOEXEC,
	  "vbios: falcon ucode table entry 2 (FWSEC_PROD) points at 0xa80: its 0x1ac bytes run past the 0x400-byte FWSEC section" },
	{ "last image cut inside the ucode", 3, { { FW2 + 0x48, 2, 5 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD ucode (descriptor + IMEM + DMEM) points at 0xa80: its 0x17ac bytes run past the 0xc00-byte FWSEC section" },
	{ "interface table version", 3, { { APPIF3, 1, 2 } }, -ENOEXEC,
	  "vbios: application interface table at DMEM 0x40: version 2 is not 1" },
	{ "interface table entry_size", 3, { { APPIF3 + 2, 1, 4 } }, -ENOEXEC,
	  "vbios: application interface table at DMEM 0x40: header_size 4 or entry_size 4 is less than 4 or 8" },
	{ "interface table entry_count", 3, { { APPIF3 + 3, 1, 0xff } }, -ENOEXEC,
	  "vbios: application interface table at DMEM 0x40: its 255 entries of 8 bytes run past the 0x600-byte DMEM" },
	{ "no DMEMMAPPER", 3, { { APPIF3 + 4 + 16, 4, 6 } }, -ENOEXEC,
	  "vbios: application interface table at DMEM 0x40: no DMEMMAPPER (id 4) among its 3 entries" },
	{ "DMEMMAPPER dmem_base", 3, { { APPIF3 + 4 + 20, 4, 0x5f0 } }, -ENOEXEC,
	  "vbios: application interface entry 2 (DMEMMAPPER): dmem_base 0x5f0 puts the 64-byte DMEMMAPPER past the 0x600-byte DMEM" },
	{ "command input buffer", 3, { { DMAP3 + 0x08, 4, 0x580 } }, -ENOEXEC,
	  "vbios: DMEMMAPPER at DMEM 0x100: command input buffer [0x580, +0x100) is outside the 0x600-byte DMEM" },
	{ "command input size", 3, { { DMAP3 + 0x0c, 4, 0xfffffff0 } }, -ENOEXEC,
	  "vbios: DMEMMAPPER at DMEM 0x100: command input buffer [0x200, +0xfffffff0) is outside the 0x600-byte DMEM" },
	{ "command input buffer over the DMEMMAPPER", 3, { { DMAP3 + 0x08, 4, 0x120 } }, -ENOEXEC,
	  "vbios: DMEMMAPPER at DMEM 0x100: command input buffer [0x120, +0x100) overlaps the 64-byte DMEMMAPPER" },
	{ "command input buffer ends in the DMEMMAPPER", 3, { { DMAP3 + 0x08, 4, 0xc0 } }, -ENOEXEC,
	  "vbios: DMEMMAPPER at DMEM 0x100: command input buffer [0xc0, +0x100) overlaps the 64-byte DMEMMAPPER" },
	{ "signature over the DMEMMAPPER", 3, { { DESC + 0x08, 4, 0x0 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v3: the 384-byte signature at PKCDataOffset 0x0 overlaps the 64-byte DMEMMAPPER at DMEM 0x100" },
	{ "signature over the command input buffer", 3, { { DESC + 0x08, 4, 0x2ff } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v3: the 384-byte signature at PKCDataOffset 0x2ff overlaps the command input buffer [0x200, +0x100)" },
	/* v2 */
	{ "v2 descriptor size", 2, { { DESC + 2, 2, 44 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v2 at 0xe80: size 44 (header bits 31:16) is less than the 60-byte descriptor" },
	{ "v2 compressed", 2, { { DESC + 0x04, 4, 0x1601 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v2: StoredSize 0x1601 differs from UncompressedSize 0x1600: compressed ucode is not supported" },
	{ "v2 IMEMSecSize", 2, { { DESC + 0x24, 4, 0x1001 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v2: IMEMSecSize 0x1001 exceeds IMEMLoadSize 0x1000" },
	{ "v2 IMEMSecBase", 2, { { DESC + 0x20, 4, 0xc00 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v2: secure IMEM (IMEMSecBase 0xc00 - IMEMVirtBase 0x0, IMEMSecSize 0x800) is outside IMEMLoadSize 0x1000" },
	{ "v2 IMEMVirtBase", 2, { { DESC + 0x1c, 4, 0x900 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v2: secure IMEM (IMEMSecBase 0x800 - IMEMVirtBase 0x900, IMEMSecSize 0x800) is outside IMEMLoadSize 0x1000" },
	{ "v2 DMEMOffset", 2, { { DESC + 0x28, 4, 0x800 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v2: DMEMOffset 0x800 overlaps the 0x1000 bytes of IMEM" },
	{ "v2 DMEMLoadSize 0", 2, { { DESC + 0x30, 4, 0 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v2: IMEMLoadSize 0x1000 or DMEMLoadSize 0x0 is 0" },
	{ "v2 DMEMOffset past the section", 2, { { DESC + 0x28, 4, 0x10000 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD ucode (descriptor + IMEM + DMEM) points at 0xa80: its 0x1063c bytes run past" },
	{ "v2 InterfaceOffset", 2, { { DESC + 0x10, 4, 0x600 } }, -ENOEXEC,
	  "vbios: FWSEC_PROD descriptor v2: InterfaceOffset 0x600 is outside the 0x600-byte DMEM" },
	{ "v2 interface table version", 2, { { V2_DMEM + GPUSIM_VBIOS_APPIF, 1, 0 } }, -ENOEXEC,
	  "vbios: application interface table at DMEM 0x40: version 0 is not 1" },
};

START_TEST(corruption)
{
	const struct corrupt *c = &cases[_i];
	struct nvgsp_fw_vbios vb;
	struct nvgsp_fw_diag d;
	size_t len;
	u8 *rom = build(0x2235, c->desc_version, 0, 0, &len);
	unsigned int k;
	int ret;

	for (k = 0; k < 2; k++)
		if (c->p[k].width)
			put(rom + c->p[k].at, c->p[k].width, c->p[k].value);
	ret = parse(rom, len, &vb, &d);
	ck_assert_msg(ret == c->ret, "%s: %d, expected %d (%s)", c->name, ret, c->ret, d.msg);
	ck_assert_msg(!strncmp(d.msg, c->msg, strlen(c->msg)), "%s: \"%s\"", c->name, d.msg);
	ck_assert_ptr_null(vb.rom);
	ck_assert_uint_eq(vb.ucode_size, 0);
	free(rom);
}
END_TEST

/* Every cut of a ROM is refused, at the image it cuts, with a message. */
START_TEST(every_truncation)
{
	static const struct { size_t cut; const char *msg; } marks[] = {
		{ 0, "vbios: image 0 at 0x0: no room for its ROM header before the end of the 0x0-byte ROM" },
		{ 0x19, "vbios: image 0 at 0x0: no room for its ROM header before the end of the 0x19-byte ROM" },
		{ 0x37, "vbios: image 0 at 0x0: PCIR pointer 0x20 puts the 24-byte PCIR past the end of the 0x37-byte ROM" },
		/* the NPDE cut short is no NPDE: the PCIR's length counts */
		{ 0x4a, "vbios: image 0 at 0x0 (code type 0x00): its PCIR image_len 4 x 512 bytes run past the end of the 0x4a-byte ROM" },
		{ 0x7ff, "vbios: image 0 at 0x0 (code type 0x00): its NPDE subimage_len 4 x 512 bytes run past the end of the 0x7ff-byte ROM" },
		{ 0x800, "vbios: image 1 at 0x800: no room for its ROM header" },
		{ 0xbff, "vbios: image 1 at 0x800 (code type 0x03): its NPDE subimage_len 2 x 512" },
		{ 0xdff, "vbios: image 2 at 0xc00 (code type 0xe0): its NPDE subimage_len 1 x 512" },
		{ 0xe00, "vbios: image 3 at 0xe00: no room for its ROM header" },
		{ 0x27ff, "vbios: image 3 at 0xe00 (code type 0xe0): its NPDE subimage_len 13 x 512" },
	};
	u32 version = _i ? 2 : 3;
	struct nvgsp_fw_vbios vb;
	struct nvgsp_fw_diag d;
	size_t len, cut;
	u8 *rom = build(0x1e04, version, 0, 0, &len);
	int m;

	for (cut = 0; cut < len; cut++) {
		u8 *copy = malloc(cut ? cut : 1);

		memcpy(copy, rom, cut);
		ck_assert_int_eq(parse(copy, cut, &vb, &d), -ENOEXEC);
		ck_assert_msg(!strncmp(d.msg, "vbios: image ", 13), "cut 0x%zx: %s", cut, d.msg);
		for (m = 0; m < N(marks); m++)
			if (marks[m].cut == cut && (version == 3 || marks[m].cut < 0x2000))
				ck_assert_msg(!strncmp(d.msg, marks[m].msg, strlen(marks[m].msg)),
					      "cut 0x%zx: \"%s\"", cut, d.msg);
		free(copy);
	}
	parse_ok(rom, len, &vb);
	free(rom);
}
END_TEST

/* IFR headers gone wrong: each a small ROM or a poke into gpusim's. */
static const struct ifr_case {
	const char *name;
	u32 ifr;
	size_t len;		/* cut the ROM to this; 0: keep */
	struct poke p;
	const char *msg;
} ifr_cases[] = {
	{ "FIXED1 missing", 1, 4, { 0 }, "vbios: IFR header: FIXED1 at 0x4 is past the end of the ROM" },
	{ "version 4", 1, 0, { 0x5, 1, 4 },
	  "vbios: IFR header: version 4 (FIXED1 0x00100400) is not 1, 2 or 3" },
	{ "v2 ROM offset past the end", 2, 0, { 0x6, 2, 0x7fff },
	  "vbios: IFR header v2: PCI ROM offset at 0x8003 (FIXED_DATA_SIZE + 4) is past the end of the ROM or unaligned" },
	{ "v3 FIXED2 missing", 3, 8, { 0 },
	  "vbios: IFR header v3: FIXED2 at 0x8 is past the end of the ROM" },
	{ "v3 TOTAL_DATA_SIZE", 3, 0, { 0x8, 4, 0xfffff },
	  "vbios: IFR header v3: flash status offset at 0xfffff (TOTAL_DATA_SIZE) is past the end of the ROM or unaligned" },
	{ "v3 ROM directory", 3, 0, { 0x1800, 1, 'X' },
	  "vbios: IFR header v3: no \"RFRD\" ROM directory at 0x1800 (flash status offset 0x800 + 0x1000)" },
	{ "v3 ROM directory cut", 3, 0x1806, { 0 },
	  "vbios: IFR header v3: ROM directory's PCI ROM offset at 0x1808 is past the end of the ROM" },
	{ "v1 ROM offset past the ROM", 1, 0, { 0x14, 4, 0x80000 },
	  "vbios: image 0 at 0x80000: no room for its ROM header before the end of the 0x4800-byte ROM" },
};

START_TEST(ifr)
{
	const struct ifr_case *c = &ifr_cases[_i];
	struct nvgsp_fw_vbios vb;
	struct nvgsp_fw_diag d;
	size_t len;
	u8 *rom = build(0x2235, 3, 0, c->ifr, &len);

	if (c->p.width)
		put(rom + c->p.at, c->p.width, c->p.value);
	ck_assert_int_eq(parse(rom, c->len ? c->len : len, &vb, &d), -ENOEXEC);
	ck_assert_msg(!strncmp(d.msg, c->msg, strlen(c->msg)), "%s: \"%s\"", c->name, d.msg);
	free(rom);
}
END_TEST

/* A BIT signature in the PCI-AT image's last bytes leaves no room for the header. */
START_TEST(bit_at_image_end)
{
	static const u8 pattern[] = { 0xff, 0xb8, 'B', 'I', 'T', 0x00 };
	struct nvgsp_fw_vbios vb;
	struct nvgsp_fw_diag d;
	size_t len;
	u8 *rom = build(0x2235, 3, 0, 0, &len);

	rom[BIT + 2] = 'X';
	memcpy(rom + GPUSIM_VBIOS_PCIAT_SIZE - 8, pattern, sizeof(pattern));
	ck_assert_int_eq(parse(rom, len, &vb, &d), -ENOEXEC);
	ck_assert_str_eq(d.msg,
			 "vbios: BIT header at 0x7f8: its 12 bytes run past the end of the PCI-AT image");
	free(rom);
}
END_TEST

START_TEST(no_data)
{
	struct nvgsp_fw_blob blob = { .name = "vbios", .data = NULL, .size = 100 };
	struct nvgsp_fw_vbios vb;
	struct nvgsp_fw_diag d;

	ck_assert_int_eq(nvgsp_fw_vbios_parse(&blob, &vb, &d), -ENOEXEC);
	ck_assert_str_eq(d.msg,
			 "vbios: image 0 at 0x0: no room for its ROM header before the end of the 0x0-byte ROM (no image before it is flagged last)");
}
END_TEST

/* A dump longer than the PROM window: what lies past 1 MiB is not looked at. */
START_TEST(long_dump)
{
	struct nvgsp_fw_vbios vb;
	size_t len;
	u8 *rom = build(0x2235, 3, 0, 0, &len), *big = calloc(1, 2 * NVGSP_VBIOS_MAX);

	memcpy(big, rom, len);
	parse_ok(big, 2 * NVGSP_VBIOS_MAX, &vb);
	ck_assert_uint_eq(vb.rom_size, NVGSP_VBIOS_MAX);
	ck_assert_uint_eq(vb.ucode_offset, V3_UCODE);
	free(big);
	free(rom);
}
END_TEST

Suite *nvgsp_suite_fw_vbios(void)
{
	Suite *s = suite_create("fw_vbios");
	TCase *tc;

	tc = tcase_create("chips");
	tcase_add_test(tc, every_chip_has_a_row);
	tcase_add_loop_test(tc, parse_chip, 0, N(chips));
	tcase_add_test(tc, ucode_differs_per_device);
	tcase_add_test(tc, builder_refuses);
	suite_add_tcase(s, tc);

	tc = tcase_create("read");
	tcase_add_loop_test(tc, read_through_bar, 0, 4 * N(chips));
	tcase_add_loop_test(tc, read_fails, 0, N(read_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("fwsec");
	tcase_add_loop_test(tc, fwsec_roundtrip, 0, 2 * N(chips));
	tcase_add_loop_test(tc, model_check, 0, N(model_cases));
	tcase_add_loop_test(tc, signature_choice, 0, N(sig_cases));
	tcase_add_loop_test(tc, build_fails, 0, N(build_cases));
	tcase_add_test(tc, build_unparsed);
	suite_add_tcase(s, tc);

	tc = tcase_create("corruption");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, corruption, 0, N(cases));
	tcase_add_loop_test(tc, every_truncation, 0, 2);
	tcase_add_loop_test(tc, ifr, 0, N(ifr_cases));
	tcase_add_test(tc, bit_at_image_end);
	tcase_add_test(tc, no_data);
	tcase_add_test(tc, long_dump);
	suite_add_tcase(s, tc);
	return s;
}
