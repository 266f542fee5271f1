// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_vbios.c - gpusim's VBIOS: build one in the real format for a
 * simulated chip, and check the FWSEC the driver loads from it.
 *
 * The format (Documentation/vbios.rst): PCI expansion ROM images, each with
 * its ROM header, PCIR and NPDE; the BIT table in the PCI-AT image and its
 * 'p' token; the falcon ucode table; the FWSEC descriptor (v2 or v3) with
 * its signatures; the ucode, whose DMEM holds the application interface
 * table and the DMEMMAPPER. Sources: nova-core vbios.rs, firmware.rs and
 * firmware/fwsec.rs; nouveau nvkm/subdev/bios and nvkm/subdev/gsp/fwsec.c;
 * Documentation/gpu/nova/core/vbios.rst and fwsec.rst (the GA102 example:
 * PCI-AT, EFI, FWSEC, FWSEC; table version 1 with 6-byte header and entries;
 * the DMEMMAPPER's "DMAP" signature, version 3, size 64).
 *
 * The ucode is synthetic, see gpusim_vbios.h: NVIDIA's VBIOS cannot be
 * redistributed, and the model never runs the ucode, it only checks that the
 * driver loaded and patched the bytes the ROM has.
 *
 * The check walks the ROM with its own code, not the driver's parser, so a
 * mistake in the parser is not repeated here and hidden.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpusim_vbios.h"

#define FWSEC2_DATA	0x80		/* descriptor's offset in the second FWSEC image */
#define DESC_V2_SIZE	60
#define DESC_V3_SIZE	44
#define CMD_FRTS	0x15
#define CMD_SB		0x19
#define READ_VBIOS_SIZE	24
#define FRTS_SIZE	20

static void w16(u8 *p, u32 v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

static void w32(u8 *p, u32 v)
{
	w16(p, v);
	w16(p + 2, v >> 16);
}

static u32 r16(const u8 *p)
{
	return p[0] | (u32)p[1] << 8;
}

static u32 r32(const u8 *p)
{
	return r16(p) | r16(p + 2) << 16;
}

/* xorshift32: the ucode and signature patterns. */
static u32 next_rand(u32 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void fill_rand(u8 *p, size_t n, u32 seed)
{
	u32 s = seed ? seed : 0x6a09e667;
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = next_rand(&s) >> 24;
}

/* A ROM header, PCIR (at 0x20) and NPDE (at 0x40) for an image of @units x 512 bytes. */
static void image_headers(u8 *img, u16 device_id, u8 type, u16 units, bool last)
{
	u8 *pcir = img + 0x20, *npde = img + 0x40;

	img[0] = 0x55;
	img[1] = 0xaa;
	w16(img + 0x18, 0x20);
	memcpy(pcir, "PCIR", 4);
	w16(pcir + 0x04, 0x10de);
	w16(pcir + 0x06, device_id);
	w16(pcir + 0x0a, 0x18);			/* PCIR length */
	pcir[0x0d] = 0x00;			/* class code 03 00 00: VGA */
	pcir[0x0e] = 0x00;
	pcir[0x0f] = 0x03;
	w16(pcir + 0x10, units);
	w16(pcir + 0x12, 0x0001);		/* vendor ROM revision */
	pcir[0x14] = type;
	pcir[0x15] = last ? 0x80 : 0;
	memcpy(npde, "NPDE", 4);
	w16(npde + 0x04, 0x0101);		/* revision */
	w16(npde + 0x06, 0x0c);			/* length */
	w16(npde + 0x08, units);
	npde[0x0a] = last ? 0x80 : 0;
}

/* A falcon-data pointer to chain offset @off, which lies in the FWSEC section. */
static u32 fptr(u32 off)
{
	return GPUSIM_VBIOS_PCIAT_SIZE + (off - GPUSIM_VBIOS_FWSEC_OFFSET);
}

static void build_pciat(u8 *img, u16 device_id)
{
	static const struct { u8 id, ver; u16 size, off; } tokens[] = {
		{ 'B', 2, 0x10, 0x140 },	/* BIOSDATA: filler */
		{ 'i', 2, 0x10, 0x150 },	/* version: filler */
		{ 'p', 2, 4, 0x180 },		/* falcon data */
	};
	u8 *bit = img + GPUSIM_VBIOS_BIT, sum = 0;
	unsigned int i;

	image_headers(img, device_id, 0x00, GPUSIM_VBIOS_PCIAT_SIZE / 512, false);
	img[2] = GPUSIM_VBIOS_PCIAT_SIZE / 512;	/* legacy initialisation size */
	bit[0] = 0xff;
	bit[1] = 0xb8;
	memcpy(bit + 2, "BIT", 4);
	w16(bit + 6, 0x0100);			/* BCD version 1.00 */
	bit[8] = 12;				/* header size */
	bit[9] = 6;				/* token size */
	bit[10] = ARRAY_SIZE(tokens);
	for (i = 0; i < 12; i++)
		sum += bit[i];
	bit[11] = -sum;				/* [U] header checksum: nobody checks it */
	for (i = 0; i < ARRAY_SIZE(tokens); i++) {
		u8 *t = bit + 12 + 6 * i;

		t[0] = tokens[i].id;
		t[1] = tokens[i].ver;
		w16(t + 2, tokens[i].size);
		w16(t + 4, tokens[i].off);
		if (tokens[i].id != 'p')
			memset(img + tokens[i].off, tokens[i].id, tokens[i].size);
	}
	w32(img + 0x180, fptr(GPUSIM_VBIOS_PMU_TABLE));
	snprintf((char *)img + 0x1c0, 0x40, "gpusim synthetic VBIOS %04x, not NVIDIA's", device_id);
	/* nouveau scores a PCI-AT image whose bytes sum to 0 higher (shadow.c) */
	sum = 0;
	for (i = 0; i < GPUSIM_VBIOS_PCIAT_SIZE - 1; i++)
		sum += img[i];
	img[GPUSIM_VBIOS_PCIAT_SIZE - 1] = -sum;
}

static void build_efi(u8 *img, u16 device_id)
{
	image_headers(img, device_id, 0x03, 2, false);
	w16(img + 0x02, 2);			/* initialisation size */
	w32(img + 0x04, 0x0ef1);		/* EFI signature */
	w16(img + 0x08, 0x0b);			/* subsystem: boot service driver */
	w16(img + 0x0a, 0x8664);		/* machine type: x64 */
	w16(img + 0x16, 0x60);			/* EFI image offset */
	snprintf((char *)img + 0x60, 0x40, "gpusim: no EFI driver here");
}

/* The first FWSEC image: the falcon ucode table and two entries' filler. */
static void build_fwsec1(u8 *img, u16 device_id)
{
	static const u8 apps[] = { 0x05, 0x45, 0x85 };	/* SEC_LIC, FWSEC_DBG, FWSEC_PROD */
	u8 *t = img + (GPUSIM_VBIOS_PMU_TABLE - GPUSIM_VBIOS_FWSEC_OFFSET);
	unsigned int i;

	image_headers(img, device_id, 0xe0, 1, false);
	t[0] = 1;				/* version */
	t[1] = 6;				/* header size (2 bytes unused, as on GA102) */
	t[2] = 6;				/* entry size */
	t[3] = sizeof(apps);
	for (i = 0; i < sizeof(apps); i++) {
		u8 *e = t + 6 + 6 * i;
		u32 data = apps[i] == 0x85 ? GPUSIM_VBIOS_DESC :
			   GPUSIM_VBIOS_FWSEC_OFFSET + 0x100 + 0x40 * i;

		e[0] = apps[i];
		e[1] = 0x01;			/* target: PMU, as in fwsec.rst */
		w32(e + 2, fptr(data));
		if (apps[i] != 0x85)
			memset(img + (data - GPUSIM_VBIOS_FWSEC_OFFSET), apps[i], 0x40);
	}
}

static u32 sig_count_of(u16 versions)
{
	u32 n = 0;

	for (; versions; versions &= versions - 1)
		n++;
	return n;
}

static void build_ucode(u8 *ucode, u16 device_id, u32 desc_version)
{
	u8 *imem = ucode, *dmem = ucode + GPUSIM_VBIOS_IMEM;
	u8 *appif = dmem + GPUSIM_VBIOS_APPIF, *dmap = dmem + GPUSIM_VBIOS_DMAP;
	static const u32 entries[][2] = { { 1, 0x300 }, { 5, 0x340 }, { 4, GPUSIM_VBIOS_DMAP } };
	unsigned int i;

	fill_rand(imem, GPUSIM_VBIOS_IMEM, 0x1000193u * device_id + 1);
	snprintf((char *)imem, 64, "gpusim synthetic FWSEC v%u IMEM, device %04x; not code",
		 desc_version, device_id);
	fill_rand(dmem, GPUSIM_VBIOS_DMEM, 0x1000193u * device_id + 2);
	snprintf((char *)dmem, 64, "gpusim synthetic FWSEC DMEM, device %04x", device_id);

	appif[0] = 1;				/* version */
	appif[1] = 4;				/* header size */
	appif[2] = 8;				/* entry size */
	appif[3] = ARRAY_SIZE(entries);
	for (i = 0; i < ARRAY_SIZE(entries); i++) {
		w32(appif + 4 + 8 * i, entries[i][0]);
		w32(appif + 8 + 8 * i, entries[i][1]);
	}

	memset(dmap, 0, 64);
	memcpy(dmap, "DMAP", 4);
	w16(dmap + 0x04, 3);			/* version */
	w16(dmap + 0x06, 64);			/* size */
	w32(dmap + 0x08, GPUSIM_VBIOS_CMD_IN);
	w32(dmap + 0x0c, GPUSIM_VBIOS_CMD_IN_SIZE);
	w32(dmap + 0x10, 0x580);		/* command output buffer */
	w32(dmap + 0x14, 0x80);
	w32(dmap + 0x24, 0x20240101);		/* ucode build time stamp */
	w32(dmap + 0x34, 1u << CMD_FRTS | 1u << CMD_SB);	/* [U] ucode_cmd_mask0 */
	memset(dmem + GPUSIM_VBIOS_CMD_IN, 0xa5, GPUSIM_VBIOS_CMD_IN_SIZE);
	memset(dmem + GPUSIM_VBIOS_PKC, 0, GPUSIM_VBIOS_SIG_LEN);
}

static void build_desc(u8 *d, const struct gpusim_vbios_cfg *cfg, u16 versions)
{
	const u32 ucode = GPUSIM_VBIOS_IMEM + GPUSIM_VBIOS_DMEM;
	u32 count = sig_count_of(versions), i;

	if (cfg->desc_version == 2) {
		static const u32 v2[15] = {
			0x1 | 2 << 8 | DESC_V2_SIZE << 16, ucode, ucode,
			0,				/* VirtualEntry */
			GPUSIM_VBIOS_APPIF,
			0, GPUSIM_VBIOS_IMEM, 0,	/* IMEM phys base, load size, virt base */
			GPUSIM_VBIOS_IMEM_SEC_BASE, GPUSIM_VBIOS_IMEM - GPUSIM_VBIOS_IMEM_SEC_BASE,
			GPUSIM_VBIOS_IMEM, 0, GPUSIM_VBIOS_DMEM,	/* DMEM offset, phys, size */
			GPUSIM_VBIOS_IMEM, GPUSIM_VBIOS_DMEM,		/* alt sizes */
		};

		for (i = 0; i < 15; i++)
			w32(d + 4 * i, v2[i]);
		return;
	}
	w32(d + 0x00, 0x1 | 3 << 8 | (DESC_V3_SIZE + count * GPUSIM_VBIOS_SIG_LEN) << 16);
	w32(d + 0x04, ucode);
	w32(d + 0x08, GPUSIM_VBIOS_PKC);
	w32(d + 0x0c, GPUSIM_VBIOS_APPIF);
	w32(d + 0x10, 0);
	w32(d + 0x14, GPUSIM_VBIOS_IMEM);
	w32(d + 0x18, 0);
	w32(d + 0x1c, 0);
	w32(d + 0x20, GPUSIM_VBIOS_DMEM);
	w16(d + 0x24, GPUSIM_VBIOS_ENGINE_GSP);
	d[0x26] = GPUSIM_VBIOS_UCODE_ID;
	d[0x27] = count;
	w16(d + 0x28, versions);
	for (i = 0; i < count; i++) {
		u8 *sig = d + DESC_V3_SIZE + i * GPUSIM_VBIOS_SIG_LEN;

		fill_rand(sig, GPUSIM_VBIOS_SIG_LEN, 0x811c9dc5u ^ (cfg->device_id << 8) ^ i);
		snprintf((char *)sig, 32, "gpusim signature %u", i);
	}
}

/* An IFR header of @ver whose PCI ROM offset is GPUSIM_VBIOS_IFR_ROM (vbios.rst, "ROM window"). */
static void build_ifr(u8 *rom, u32 ver)
{
	w32(rom, 0x4947564e);			/* "NVGI" */
	w32(rom + 4, 0x10 << 16 | ver << 8);	/* FIXED_DATA_SIZE 0x10 */
	if (ver < 3) {
		w32(rom + 8, 0x100);
		w32(rom + 0x10 + 4, GPUSIM_VBIOS_IFR_ROM);
		return;
	}
	w32(rom + 8, 0x20);			/* TOTAL_DATA_SIZE: the flash status offset's place */
	w32(rom + 0x20, 0x800);			/* flash status offset */
	w32(rom + 0x800 + 0x1000, 0x44524652);	/* "RFRD" ROM directory */
	w32(rom + 0x800 + 0x1000 + 8, GPUSIM_VBIOS_IFR_ROM);
}

int gpusim_vbios_build(const struct gpusim_vbios_cfg *cfg, u8 **rom, size_t *len)
{
	u16 versions = cfg->sig_versions ? cfg->sig_versions : 0x1;
	u32 base = cfg->ifr_version ? GPUSIM_VBIOS_IFR_ROM : 0;
	u32 desc_size, fwsec2, units;
	u8 *p;

	*rom = NULL;
	*len = 0;
	if ((cfg->desc_version != 2 && cfg->desc_version != 3) || cfg->ifr_version > 3 ||
	    (cfg->desc_version == 2 && cfg->sig_versions))
		return -EINVAL;
	desc_size = cfg->desc_version == 2 ? DESC_V2_SIZE :
		    DESC_V3_SIZE + sig_count_of(versions) * GPUSIM_VBIOS_SIG_LEN;
	fwsec2 = FWSEC2_DATA + desc_size + GPUSIM_VBIOS_IMEM + GPUSIM_VBIOS_DMEM;
	units = (fwsec2 + 511) / 512;
	p = calloc(1, base + GPUSIM_VBIOS_FWSEC2_OFFSET + units * 512);
	if (!p)
		return -ENOMEM;
	if (cfg->ifr_version)
		build_ifr(p, cfg->ifr_version);
	build_pciat(p + base, cfg->device_id);
	build_efi(p + base + GPUSIM_VBIOS_EFI_OFFSET, cfg->device_id);
	build_fwsec1(p + base + GPUSIM_VBIOS_FWSEC_OFFSET, cfg->device_id);
	image_headers(p + base + GPUSIM_VBIOS_FWSEC2_OFFSET, cfg->device_id, 0xe0, units, true);
	build_desc(p + base + GPUSIM_VBIOS_DESC, cfg, versions);
	build_ucode(p + base + GPUSIM_VBIOS_DESC + desc_size, cfg->device_id, cfg->desc_version);
	*rom = p;
	*len = base + GPUSIM_VBIOS_FWSEC2_OFFSET + units * 512;
	return 0;
}

/* ---- the check ------------------------------------------------------------ */

/* What the model's own walk found. */
struct fwsec {
	size_t desc, ucode, sigs;
	u32 version, imem_phys, imem_size, dmem_phys, dmem_size, dmem_img, iface, pkc;
	u32 sig_count, sig_versions;
};

static int fail(char *err, size_t err_len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t err_len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (err && err_len)
		vsnprintf(err, err_len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static bool in(size_t len, size_t off, size_t n)
{
	return off <= len && n <= len - off;
}

static size_t chain_start(const u8 *rom, size_t len)
{
	u32 ver, at;

	if (len < 12 || r32(rom) != 0x4947564e)
		return 0;
	ver = (r32(rom + 4) >> 8) & 0xff;
	if (ver == 1 || ver == 2) {
		at = ((r32(rom + 4) >> 16) & 0x7fff) + 4;
		return in(len, at, 4) ? r32(rom + at) : len;
	}
	at = r32(rom + 8) & 0xfffff;
	if (ver != 3 || !in(len, at, 4))
		return len;
	at = r32(rom + at) + 0x1000;
	if (!in(len, at, 12) || r32(rom + at) != 0x44524652)
		return len;
	return r32(rom + at + 8);
}

/* The model's walk: images, BIT 'p', the table's FWSEC_PROD entry, the descriptor. */
static int find_fwsec(const u8 *rom, size_t len, struct fwsec *f, char *err, size_t err_len)
{
	size_t off = chain_start(rom, len), pciat = 0, pciat_len = 0, fw = 0, end, p, t;
	bool have_pciat = false, have_fw = false, last = false;
	u32 ptr, hdr, n, i, units;

	while (!last) {
		size_t pcir, npde;

		if (!in(len, off, 0x1a) || r16(rom + off) != 0xaa55)
			return fail(err, err_len, "VBIOS: no ROM image at 0x%zx", off);
		pcir = off + r16(rom + off + 0x18);
		if (!in(len, pcir, 0x18) || memcmp(rom + pcir, "PCIR", 4))
			return fail(err, err_len, "VBIOS: image at 0x%zx has no PCIR", off);
		npde = off + ((r16(rom + off + 0x18) + r16(rom + pcir + 0x0a) + 15) & ~15u);
		if (in(len, npde, 12) && !memcmp(rom + npde, "NPDE", 4)) {
			units = r16(rom + npde + 8);
			last = rom[npde + 10] & 0x80;
		} else {
			units = r16(rom + pcir + 0x10);
			last = rom[pcir + 0x15] & 0x80;
		}
		if (!units || !in(len, off, units * 512))
			return fail(err, err_len, "VBIOS: image at 0x%zx has a bad length", off);
		if (rom[pcir + 0x14] == 0x00 && !have_pciat) {
			have_pciat = true;
			pciat = off;
			pciat_len = units * 512;
		}
		if (rom[pcir + 0x14] == 0xe0 && !have_fw) {
			have_fw = true;
			fw = off;
		}
		off += units * 512;
	}
	end = off;
	if (!have_pciat || !have_fw)
		return fail(err, err_len, "VBIOS: no PCI-AT or no FWSEC image");

	for (p = pciat; p + 12 <= pciat + pciat_len; p++)
		if (!memcmp(rom + p, "\xff\xb8" "BIT", 6))
			break;
	if (p + 12 > pciat + pciat_len)
		return fail(err, err_len, "VBIOS: no BIT header");
	n = rom[p + 10];
	t = p + rom[p + 8];
	for (i = 0; i < n && in(len, t + i * rom[p + 9], 6); i++)
		if (rom[t + i * rom[p + 9]] == 'p')
			break;
	if (i == n || !in(len, t + i * rom[p + 9], 6))
		return fail(err, err_len, "VBIOS: no BIT 'p' token");
	p = pciat + r16(rom + t + i * rom[p + 9] + 4);
	if (!in(len, p, 4))
		return fail(err, err_len, "VBIOS: BIT 'p' data outside the ROM");
	ptr = r32(rom + p);

	/* nouveau nvbios_addr(): pointers past the PCI-AT image are into the FWSEC section */
#define XLAT(ptr) ((ptr) < pciat_len ? pciat + (ptr) : fw + ((ptr) - pciat_len))
	t = XLAT(ptr);
	if (!in(end, t, 4) || !in(end, t, rom[t + 1] + (size_t)rom[t + 3] * rom[t + 2]))
		return fail(err, err_len, "VBIOS: falcon ucode table outside the ROM");
	for (i = 0; i < rom[t + 3]; i++)
		if (rom[t + rom[t + 1] + i * rom[t + 2]] == 0x85)
			break;
	if (i == rom[t + 3] || rom[t + 2] < 6)
		return fail(err, err_len, "VBIOS: no FWSEC_PROD entry");
	ptr = r32(rom + t + rom[t + 1] + i * rom[t + 2] + 2);
	f->desc = XLAT(ptr);
#undef XLAT
	if (!in(end, f->desc, DESC_V2_SIZE))
		return fail(err, err_len, "VBIOS: FWSEC descriptor outside the ROM");
	hdr = r32(rom + f->desc);
	f->version = (hdr >> 8) & 0xff;
	f->ucode = f->desc + (hdr >> 16);
	f->sigs = f->desc + DESC_V3_SIZE;
	if (f->version == 2) {
		f->iface = r32(rom + f->desc + 0x10);
		f->imem_phys = r32(rom + f->desc + 0x14);
		f->imem_size = r32(rom + f->desc + 0x18);
		f->dmem_img = r32(rom + f->desc + 0x28);
		f->dmem_phys = r32(rom + f->desc + 0x2c);
		f->dmem_size = r32(rom + f->desc + 0x30);
		f->sig_count = 0;
	} else if (f->version == 3) {
		f->pkc = r32(rom + f->desc + 0x08);
		f->iface = r32(rom + f->desc + 0x0c);
		f->imem_phys = r32(rom + f->desc + 0x10);
		f->imem_size = r32(rom + f->desc + 0x14);
		f->dmem_img = f->imem_size;
		f->dmem_phys = r32(rom + f->desc + 0x1c);
		f->dmem_size = r32(rom + f->desc + 0x20);
		f->sig_count = rom[f->desc + 0x27];
		f->sig_versions = r16(rom + f->desc + 0x28);
	} else {
		return fail(err, err_len, "VBIOS: FWSEC descriptor version %u", f->version);
	}
	if (!in(end, f->ucode, f->imem_size) ||
	    !in(end, f->ucode, (size_t)f->dmem_img + f->dmem_size) ||
	    !in(end, f->sigs, (size_t)f->sig_count * GPUSIM_VBIOS_SIG_LEN))
		return fail(err, err_len, "VBIOS: FWSEC ucode outside the ROM");
	return 0;
}

static int check_words(const u8 *p, const char *what, const char *const *names,
		       const u32 *want, unsigned int n, char *err, size_t err_len)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (r32(p + 4 * i) != want[i])
			return fail(err, err_len, "FWSEC command: %s.%s is 0x%x, expected 0x%x",
				    what, names[i], r32(p + 4 * i), want[i]);
	return 0;
}

/* Which signature the descriptor gives fuse register @fuse_reg (vbios.rst). */
static int signature_for(const struct fwsec *f, u32 fuse_reg, u32 *index, char *err,
			 size_t err_len)
{
	u32 ver = 0, v = fuse_reg & 0xffff;

	while (v) {
		ver++;
		v >>= 1;
	}
	if (ver >= 16 || !(f->sig_versions & (1u << ver)))
		return fail(err, err_len,
			    "FWSEC: the VBIOS has no signature for fuse version %u (SignatureVersions 0x%x), yet the falcon was started",
			    ver, f->sig_versions);
	*index = sig_count_of(f->sig_versions & ((1u << ver) - 1));
	if (*index >= f->sig_count)
		return fail(err, err_len, "FWSEC: signature %u of %u is not in the VBIOS", *index,
			    f->sig_count);
	return 0;
}

int gpusim_vbios_fwsec_check_fuse(const u8 *rom, size_t rom_len, u32 fuse_reg,
				  const u8 *imem, size_t imem_len, const u8 *dmem,
				  size_t dmem_len, struct gpusim_fwsec_cmd *cmd, char *err,
				  size_t err_len)
{
	static const char *const rv_names[] = { "ver", "hdr", "addr_lo", "addr_hi", "size",
						"flags" };
	static const char *const fr_names[] = { "ver", "hdr", "addr", "size", "type" };
	static const u32 rv_want[] = { 1, READ_VBIOS_SIZE, 0, 0, 0, 2 };
	const u8 *ucode, *rdmem, *appif, *got;
	u32 dmap = 0, cin, init_cmd, index = 0, i, want_fr[5];
	struct fwsec f = { 0 };
	u8 *patched;
	size_t k;
	int ret;

	memset(cmd, 0, sizeof(*cmd));
	ret = find_fwsec(rom, rom_len, &f, err, err_len);
	if (ret)
		return ret;
	ucode = rom + f.ucode;
	rdmem = ucode + f.dmem_img;
	if (!in(imem_len, f.imem_phys, f.imem_size) || !in(dmem_len, f.dmem_phys, f.dmem_size))
		return fail(err, err_len,
			    "FWSEC: IMEM [0x%x, +0x%x) or DMEM [0x%x, +0x%x) is outside the falcon's 0x%zx-byte IMEM or 0x%zx-byte DMEM",
			    f.imem_phys, f.imem_size, f.dmem_phys, f.dmem_size, imem_len,
			    dmem_len);
	for (i = 0; i < f.imem_size; i++)
		if (imem[f.imem_phys + i] != ucode[i])
			return fail(err, err_len,
				    "FWSEC IMEM byte 0x%x (IMEM address 0x%x) is 0x%02x, the VBIOS has 0x%02x",
				    i, f.imem_phys + i, imem[f.imem_phys + i], ucode[i]);
	got = dmem + f.dmem_phys;

	/* the ROM's (unpatched) interface table gives the mapper and its buffer */
	if (!in(f.dmem_size, f.iface, 4))
		return fail(err, err_len, "VBIOS: application interface table outside DMEM");
	appif = rdmem + f.iface;
	for (i = 0; i < appif[3]; i++) {
		size_t e = f.iface + appif[1] + (size_t)i * appif[2];

		if (in(f.dmem_size, e, 8) && r32(rdmem + e) == 4) {
			dmap = r32(rdmem + e + 4);
			break;
		}
	}
	if (i == appif[3] || !in(f.dmem_size, dmap, 64))
		return fail(err, err_len, "VBIOS: no DMEMMAPPER in DMEM");
	cin = r32(rdmem + dmap + 0x08);
	init_cmd = r32(got + dmap + 0x2c);
	if (init_cmd != CMD_FRTS && init_cmd != CMD_SB)
		return fail(err, err_len,
			    "FWSEC DMEMMAPPER (DMEM 0x%x) init_cmd is 0x%x, neither FRTS (0x15) nor SB (0x19)",
			    dmap, init_cmd);
	if (!in(f.dmem_size, cin, init_cmd == CMD_FRTS ? READ_VBIOS_SIZE + FRTS_SIZE :
						       READ_VBIOS_SIZE))
		return fail(err, err_len, "VBIOS: DMEMMAPPER command buffer outside DMEM");
	if (f.sig_count && !in(f.dmem_size, f.pkc, GPUSIM_VBIOS_SIG_LEN))
		return fail(err, err_len, "VBIOS: PKCDataOffset outside DMEM");

	/* every byte the driver had no reason to touch is the ROM's */
	patched = calloc(1, f.dmem_size);
	if (!patched)
		return fail(err, err_len, "FWSEC check: out of memory");
	memset(patched + dmap + 0x2c, 1, 4);
	memset(patched + cin, 1, init_cmd == CMD_FRTS ? READ_VBIOS_SIZE + FRTS_SIZE :
						      READ_VBIOS_SIZE);
	if (f.version == 3 && f.sig_count)
		memset(patched + f.pkc, 1, GPUSIM_VBIOS_SIG_LEN);
	for (k = 0; k < f.dmem_size; k++)
		if (!patched[k] && got[k] != rdmem[k])
			break;
	free(patched);
	if (k < f.dmem_size)
		return fail(err, err_len,
			    "FWSEC DMEM byte 0x%zx (DMEM address 0x%zx, not a patched field) is 0x%02x, the VBIOS has 0x%02x",
			    k, f.dmem_phys + k, got[k], rdmem[k]);

	ret = check_words(got + cin, "ReadVbios", rv_names, rv_want, 6, err, err_len);
	if (ret)
		return ret;
	cmd->cmd = init_cmd;
	if (init_cmd == CMD_FRTS) {
		const u8 *fr = got + cin + READ_VBIOS_SIZE;

		want_fr[0] = 1;
		want_fr[1] = FRTS_SIZE;
		want_fr[2] = r32(fr + 8);
		want_fr[3] = r32(fr + 12);
		want_fr[4] = 2;			/* FB */
		ret = check_words(fr, "FrtsRegion", fr_names, want_fr, 5, err, err_len);
		if (ret)
			return ret;
		if (!want_fr[3])
			return fail(err, err_len, "FWSEC command: FrtsRegion.size is 0");
		cmd->frts_addr = (u64)want_fr[2] << 12;
		cmd->frts_size = (u64)want_fr[3] << 12;
	}
	if (f.version == 3 && f.sig_count) {
		const u8 *sig;

		ret = signature_for(&f, fuse_reg, &index, err, err_len);
		if (ret)
			return ret;
		sig = rom + f.sigs + (size_t)index * GPUSIM_VBIOS_SIG_LEN;
		for (i = 0; i < GPUSIM_VBIOS_SIG_LEN; i++)
			if (got[f.pkc + i] != sig[i])
				return fail(err, err_len,
					    "FWSEC signature at DMEM 0x%x (PKCDataOffset) is not the VBIOS's signature %u for fuse version register 0x%x: byte %u is 0x%02x, not 0x%02x",
					    f.pkc, index, fuse_reg, i, got[f.pkc + i], sig[i]);
	}
	if (err && err_len)
		err[0] = '\0';
	return 0;
}

int gpusim_vbios_fwsec_check(const u8 *rom, size_t rom_len, const u8 *imem, size_t imem_len,
			     const u8 *dmem, size_t dmem_len, struct gpusim_fwsec_cmd *cmd,
			     char *err, size_t err_len)
{
	return gpusim_vbios_fwsec_check_fuse(rom, rom_len, 0, imem, imem_len, dmem, dmem_len,
					     cmd, err, err_len);
}
