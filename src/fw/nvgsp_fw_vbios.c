// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_fw_vbios.c - the VBIOS: read through BAR0's PROM window, walk its PCI
 * expansion ROM images, follow the BIT 'p' token to the falcon ucode table and
 * the FWSEC_PROD descriptor, and build a patched FWSEC image for one command.
 *
 * Portable core. Formats: Documentation/vbios.rst, checked against
 * nova-core (drivers/gpu/nova-core/vbios.rs, firmware.rs, firmware/fwsec.rs)
 * and nouveau (nvkm/subdev/bios/{image,pcir,npde,bit,pmu,shadowrom}.c,
 * nvkm/subdev/gsp/fwsec.c). The ROM is untrusted: every pointer, length and
 * count is checked against the bytes there are, in u64 so that no sum of
 * 32-bit fields overflows, and every refusal names the structure and field.
 *
 * Pointers in the falcon data (the 'p' token's, the table's entries) are
 * "PCI-AT image size + offset into the FWSEC section", the section being the
 * first FWSEC (code type 0xE0) image and every image after it: an EFI image
 * sits between PCI-AT and FWSEC on real boards, and the pointers skip it
 * (nouveau nvbios_addr(), nova-core FwSecBiosBuilder::setup_falcon_data()).
 * As nouveau does, a pointer below the PCI-AT size points into that image.
 */
#include "nvgsp_fw_vbios.h"
#include "chip/regs/nvgsp_regs_pmc.h"

/* IFR header, optional, before the images (nouveau shadowrom.c, nova-core vbios.rst). */
#define IFR_SIGNATURE		0x4947564e	/* "NVGI" */
#define IFR_FIXED1		0x04		/* 30:16 fixed data size, 15:8 version */
#define IFR_FIXED2		0x08		/* 19:0 total data size */
#define IFR_ROMDIR_SIGNATURE	0x44524652	/* "RFRD" */
#define IFR_ROMDIR_GAP		0x1000		/* directory = flash status offset + 4 KiB */
#define IFR_ROMDIR_ROM_OFFSET	0x08

/* PCI expansion ROM header; nova-core also accepts 0x4e56, nouveau 0xbb77. */
#define ROM_SIG			0xaa55
#define ROM_SIG_NV		0x4e56
#define ROM_SIG_BB77		0xbb77
#define ROM_PCIR_PTR		0x18
#define ROM_HDR_LEN		0x1a

/* PCI data structure; nova-core also accepts "NPDS", nouveau "RGIS". */
#define PCIR_SIG		0x52494350	/* "PCIR" */
#define PCIR_SIG_NPDS		0x5344504e
#define PCIR_SIG_RGIS		0x53494752
#define PCIR_LEN		0x0a
#define PCIR_IMAGE_LEN		0x10
#define PCIR_CODE_TYPE		0x14
#define PCIR_LAST		0x15
#define PCIR_SIZE		0x18

/* NVIDIA PCI data extension, 16-byte aligned after the PCIR. */
#define NPDE_SIG		0x4544504e	/* "NPDE" */
#define NPDE_SUBIMAGE_LEN	0x08
#define NPDE_LAST		0x0a
#define NPDE_SIZE		0x0b

#define IMAGE_UNIT		512
#define LAST_IMAGE		0x80

#define CODE_PCIAT		0x00
#define CODE_EFI		0x03
#define CODE_NBSI		0x70
#define CODE_FWSEC		0xe0

/* BIT header: id 0xb8ff, "BIT\0", BCD version, sizes, count, checksum. */
static const u8 bit_pattern[] = { 0xff, 0xb8, 'B', 'I', 'T', 0x00 };
#define BIT_HDR_SIZE		0x08
#define BIT_TOKEN_SIZE		0x09
#define BIT_TOKEN_COUNT		0x0a
#define BIT_HDR_LEN		12
#define BIT_TOKEN_LEN		6		/* id, version, u16 size, u16 offset */
#define BIT_TOKEN_FALCON	0x70		/* 'p' */
#define BIT_FALCON_VERSION	2		/* nouveau nvbios_pmuTe() */
#define BIT_FALCON_LEN		4

/* Falcon ucode ("PMU lookup") table: nouveau nvbios_pmuTe() knows version 1. */
#define PMU_VERSION		1
#define PMU_HDR_MIN		4
#define PMU_ENTRY_MIN		6		/* app id, target id, u32 data */
#define APPID_FWSEC_PROD	0x85

/* Falcon ucode descriptor header: bit 0 versioned, 15:8 version, 31:16 size. */
#define DESC_VERSIONED		0x1
#define DESC_V2_LEN		60
#define DESC_V3_LEN		44
#define SIG_LEN			384		/* RSA-3K */
#define UCODE_ID_MAX		16		/* one fuse version register each */

enum { V2_HDR, V2_STORED_SIZE, V2_UNCOMPRESSED_SIZE, V2_VIRTUAL_ENTRY, V2_INTERFACE_OFFSET,
	V2_IMEM_PHYS_BASE, V2_IMEM_LOAD_SIZE, V2_IMEM_VIRT_BASE, V2_IMEM_SEC_BASE,
	V2_IMEM_SEC_SIZE, V2_DMEM_OFFSET, V2_DMEM_PHYS_BASE, V2_DMEM_LOAD_SIZE, V2_WORDS };
enum { V3_HDR, V3_STORED_SIZE, V3_PKC_DATA_OFFSET, V3_INTERFACE_OFFSET, V3_IMEM_PHYS_BASE,
	V3_IMEM_LOAD_SIZE, V3_IMEM_VIRT_BASE, V3_DMEM_PHYS_BASE, V3_DMEM_LOAD_SIZE, V3_WORDS };
#define V3_ENGINE_ID_MASK	0x24
#define V3_UCODE_ID		0x26
#define V3_SIGNATURE_COUNT	0x27
#define V3_SIGNATURE_VERSIONS	0x28

/* Application interface table (in DMEM) and the DMEMMAPPER v3 interface. */
#define APPIF_VERSION		1
#define APPIF_HDR_MIN		4
#define APPIF_ENTRY_MIN		8		/* u32 id, u32 dmem_base */
#define APPIF_ID_DMEMMAPPER	4
#define DMAP_LEN		64
#define DMAP_CMD_IN_OFFSET	0x08
#define DMAP_CMD_IN_SIZE	0x0c
#define DMAP_INIT_CMD		0x2c

/* Command input: ReadVbios {ver, hdr, u64 addr, size, flags}, FrtsRegion {ver, hdr, addr, size, type}. */
#define READ_VBIOS_LEN		24
#define READ_VBIOS_FLAGS	2
#define FRTS_REGION_LEN		20
#define FRTS_REGION_TYPE_FB	2
#define FRTS_SHIFT		12

/*
 * The ROM being walked: a buffer (parse), or the PROM window filled word by
 * word as the walk asks for more (read).
 */
struct rom {
	struct nvgsp_fw_blob blob;	/* the bytes there are so far */
	u8 *buf;			/* read: destination of the window's words */
	struct nvgsp_os_bar *bar;	/* read: the window; NULL for parse */
	u32 base;			/* read: BAR0 offset of buf[0] */
	u32 cap;			/* read: bytes the window can give, a multiple of 4 */
};

/* What the image walk found. */
struct chain {
	u32 images;
	u32 end;
	u32 pciat_offset, pciat_size;
	u32 fwsec_offset;
	bool pciat, fwsec;
};

/* Whether [@off, @off + @len) is there, reading the window up to it if need be. */
static bool rom_has(struct rom *r, u64 off, u64 len)
{
	u64 end;

	if (nvgsp_fw_range_ok(r->blob.size, off, len))
		return true;
	if (!r->bar || !nvgsp_fw_range_ok(r->cap, off, len))
		return false;
	end = (off + len + 3) & ~(u64)3;	/* <= cap: cap is a multiple of 4 */
	while (r->blob.size < end) {
		put_unaligned_le32(nvgsp_os_rd32(r->bar, r->base + (u32)r->blob.size),
				   r->buf + r->blob.size);
		r->blob.size += 4;
	}
	return true;
}

/* The most bytes the ROM can have, for messages. */
static u64 rom_limit(const struct rom *r)
{
	return r->bar ? r->cap : r->blob.size;
}

/* A u32 of the IFR header: from the buffer, or straight from the window. */
static bool ifr_rd32(const struct nvgsp_fw_blob *blob, struct nvgsp_os_bar *bar, u64 off,
		     u32 *val)
{
	if (!bar)
		return nvgsp_fw_read_u32(blob, off, val);
	if ((off & 3) || !nvgsp_fw_range_ok(NVGSP_VBIOS_MAX, off, 4))
		return false;
	*val = nvgsp_os_rd32(bar, NVGSP_VBIOS_PROM_BASE + (u32)off);
	return true;
}

/*
 * Where the image chain starts: 0, or where an IFR header says (nova-core
 * vbios.rs and nouveau shadowrom.c read it alike; Documentation/vbios.rst).
 */
static int ifr_offset(const struct nvgsp_fw_blob *blob, struct nvgsp_os_bar *bar, u32 *start,
		      struct nvgsp_fw_diag *diag)
{
	u32 fixed0, fixed1, fixed2, ver, flash, sig;
	u64 at;

	*start = 0;
	if (!ifr_rd32(blob, bar, 0, &fixed0) || fixed0 != IFR_SIGNATURE)
		return 0;
	if (!ifr_rd32(blob, bar, IFR_FIXED1, &fixed1))
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "IFR header: FIXED1 at 0x4 is past the end of the ROM");
	ver = (fixed1 >> 8) & 0xff;
	switch (ver) {
	case 1:
	case 2:
		at = ((fixed1 >> 16) & 0x7fff) + 4ull;
		if (!ifr_rd32(blob, bar, at, start))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "IFR header v%u: PCI ROM offset at 0x%llx (FIXED_DATA_SIZE + 4) is past the end of the ROM or unaligned",
					     ver, at);
		break;
	case 3:
		if (!ifr_rd32(blob, bar, IFR_FIXED2, &fixed2))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "IFR header v3: FIXED2 at 0x8 is past the end of the ROM");
		at = fixed2 & 0xfffff;
		if (!ifr_rd32(blob, bar, at, &flash))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "IFR header v3: flash status offset at 0x%llx (TOTAL_DATA_SIZE) is past the end of the ROM or unaligned",
					     at);
		at = (u64)flash + IFR_ROMDIR_GAP;
		if (!ifr_rd32(blob, bar, at, &sig) || sig != IFR_ROMDIR_SIGNATURE)
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "IFR header v3: no \"RFRD\" ROM directory at 0x%llx (flash status offset 0x%x + 0x1000)",
					     at, flash);
		if (!ifr_rd32(blob, bar, at + IFR_ROMDIR_ROM_OFFSET, start))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "IFR header v3: ROM directory's PCI ROM offset at 0x%llx is past the end of the ROM",
					     (u64)at + IFR_ROMDIR_ROM_OFFSET);
		break;
	default:
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "IFR header: version %u (FIXED1 0x%08x) is not 1, 2 or 3", ver,
				     fixed1);
	}
	if (bar && (*start & 3))
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "IFR header v%u: PCI ROM offset 0x%x is not 4-byte aligned", ver,
				     *start);
	return 0;
}

/*
 * An image header that reads all ones: the device fell off the bus, or the
 * flash is erased there (its padding is all ones too). BOOT_0 tells which.
 */
static int all_ones(struct rom *r, u32 image, u32 off, struct nvgsp_fw_diag *diag)
{
	if (nvgsp_os_rd32(r->bar, NV_PMC_BOOT_0) == 0xffffffff)
		return nvgsp_fw_fail(diag, &r->blob, -ENODEV,
				     "image %u at 0x%x: ROM header and NV_PMC_BOOT_0 read all ones: the device is gone",
				     image, off);
	return nvgsp_fw_fail(diag, &r->blob, -ENOEXEC,
			     "image %u at 0x%x: ROM header reads all ones (erased flash): %s", image,
			     off, image ? "no image before it is flagged last" : "no ROM");
}

static bool pcir_sig_ok(u32 sig)
{
	return sig == PCIR_SIG || sig == PCIR_SIG_NPDS || sig == PCIR_SIG_RGIS;
}

/*
 * Walk the images from @start until the one flagged last. An image's size
 * and "last" flag come from its NPDE when it has one, else from its PCIR; an
 * NBSI image is always last and has no NPDE (nouveau image.c, nova-core
 * BiosImage). Images follow one another with no gap.
 */
static int walk_chain(struct rom *r, u32 start, struct chain *c, struct nvgsp_fw_diag *diag)
{
	const struct nvgsp_fw_blob *blob = &r->blob;
	u32 off = start;

	for (c->images = 0;; c->images++) {
		u32 i = c->images, ptr, pcir, npde, units, sig;
		const char *len_field = "PCIR image_len";
		u8 type, last;
		u16 romsig;

		if (!rom_has(r, off, ROM_HDR_LEN))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "image %u at 0x%x: no room for its ROM header before the end of the 0x%llx-byte ROM (no image before it is flagged last)",
					     i, off, rom_limit(r));
		if (r->bar && get_unaligned_le32(blob->data + off) == 0xffffffff)
			return all_ones(r, i, off, diag);
		romsig = get_unaligned_le16(blob->data + off);
		if (romsig != ROM_SIG && romsig != ROM_SIG_NV && romsig != ROM_SIG_BB77)
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "image %u at 0x%x: ROM header signature 0x%04x is not 0xaa55",
					     i, off, romsig);
		ptr = get_unaligned_le16(blob->data + off + ROM_PCIR_PTR);
		pcir = off + ptr;
		if (!rom_has(r, pcir, PCIR_SIZE))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "image %u at 0x%x: PCIR pointer 0x%x puts the %d-byte PCIR past the end of the 0x%llx-byte ROM",
					     i, off, ptr, PCIR_SIZE, rom_limit(r));
		sig = get_unaligned_le32(blob->data + pcir);
		if (!pcir_sig_ok(sig))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "image %u at 0x%x: PCIR signature 0x%08x at 0x%x is not \"PCIR\"",
					     i, off, sig, pcir);
		type = blob->data[pcir + PCIR_CODE_TYPE];
		last = blob->data[pcir + PCIR_LAST] & LAST_IMAGE;
		units = get_unaligned_le16(blob->data + pcir + PCIR_IMAGE_LEN);
		if (type == CODE_NBSI) {
			last = LAST_IMAGE;
		} else {
			npde = off + ((ptr + get_unaligned_le16(blob->data + pcir + PCIR_LEN) + 15) & ~15u);
			/* nova-core takes an NPDE whose subimage_len is 0 as no NPDE */
			if (rom_has(r, npde, NPDE_SIZE) &&
			    get_unaligned_le32(blob->data + npde) == NPDE_SIG &&
			    get_unaligned_le16(blob->data + npde + NPDE_SUBIMAGE_LEN)) {
				units = get_unaligned_le16(blob->data + npde + NPDE_SUBIMAGE_LEN);
				last = blob->data[npde + NPDE_LAST] & LAST_IMAGE;
				len_field = "NPDE subimage_len";
			}
		}
		if (!units)
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "image %u at 0x%x: PCIR image_len is 0", i, off);
		if (!rom_has(r, off, (u64)units * IMAGE_UNIT))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "image %u at 0x%x (code type 0x%02x): its %s %u x 512 bytes run past the end of the 0x%llx-byte ROM",
					     i, off, type, len_field, units,
					     rom_limit(r));
		if (type == CODE_PCIAT && !c->pciat) {
			c->pciat = true;
			c->pciat_offset = off;
			c->pciat_size = units * IMAGE_UNIT;
		} else if (type == CODE_FWSEC && !c->fwsec) {
			c->fwsec = true;
			c->fwsec_offset = off;
		}
		off += units * IMAGE_UNIT;
		if (last)
			break;
	}
	c->images++;
	c->end = off;
	return 0;
}

/*
 * The ROM offset of @len bytes that falcon-data pointer @ptr names (see the
 * top of the file for the convention). @what names the pointer.
 */
static int resolve(const struct nvgsp_fw_vbios *vb, const struct nvgsp_fw_blob *blob,
		   const char *what, u32 ptr, u64 len, u32 *off, struct nvgsp_fw_diag *diag)
{
	if (ptr < vb->pciat_size) {
		if (!nvgsp_fw_range_ok(vb->pciat_size, ptr, len))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "%s points at 0x%x: its 0x%llx bytes run past the end of the 0x%x-byte PCI-AT image",
					     what, ptr, len, vb->pciat_size);
		*off = vb->pciat_offset + ptr;
		return 0;
	}
	if (!nvgsp_fw_range_ok(vb->fwsec_size, ptr - vb->pciat_size, len))
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "%s points at 0x%x: its 0x%llx bytes run past the 0x%x-byte FWSEC section, which ends at pointer 0x%llx (PCI-AT size 0x%x + section size)",
				     what, ptr, len, vb->fwsec_size,
				     (u64)vb->pciat_size + vb->fwsec_size,
				     vb->pciat_size);
	*off = vb->fwsec_offset + (ptr - vb->pciat_size);
	return 0;
}

/* The BIT header in the PCI-AT image, its 'p' token and the pointer it holds. */
static int find_falcon_data(struct nvgsp_fw_vbios *vb, const struct nvgsp_fw_blob *blob,
			    u32 *falcon_ptr, struct nvgsp_fw_diag *diag)
{
	const u8 *img = blob->data + vb->pciat_offset;
	u32 size = vb->pciat_size, bit, i, tokens, tok;
	u8 hdr_size, tok_size, count;

	for (bit = 0; bit + sizeof(bit_pattern) <= size; bit++)
		if (!memcmp(img + bit, bit_pattern, sizeof(bit_pattern)))
			break;
	if (bit + sizeof(bit_pattern) > size)
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "PCI-AT image at 0x%x: no BIT header (ff b8 \"BIT\" 00) in its 0x%x bytes",
				     vb->pciat_offset, size);
	vb->bit_offset = vb->pciat_offset + bit;
	if (!nvgsp_fw_range_ok(size, bit, BIT_HDR_LEN))
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "BIT header at 0x%x: its %d bytes run past the end of the PCI-AT image",
				     vb->bit_offset, BIT_HDR_LEN);
	hdr_size = img[bit + BIT_HDR_SIZE];
	tok_size = img[bit + BIT_TOKEN_SIZE];
	count = img[bit + BIT_TOKEN_COUNT];
	if (hdr_size < BIT_HDR_LEN)
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "BIT header at 0x%x: header_size %u is less than %d",
				     vb->bit_offset, hdr_size, BIT_HDR_LEN);
	if (tok_size < BIT_TOKEN_LEN)
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "BIT header at 0x%x: token_size %u is less than %d",
				     vb->bit_offset, tok_size, BIT_TOKEN_LEN);
	tokens = bit + hdr_size;
	if (!nvgsp_fw_range_ok(size, tokens, (u64)count * tok_size))
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "BIT header at 0x%x: its %u tokens of %u bytes run past the end of the 0x%x-byte PCI-AT image",
				     vb->bit_offset, count, tok_size, size);
	for (i = 0; i < count; i++) {
		u16 dsize, doff;
		u8 ver;

		tok = tokens + i * tok_size;
		if (img[tok] != BIT_TOKEN_FALCON)
			continue;
		ver = img[tok + 1];
		dsize = get_unaligned_le16(img + tok + 2);
		doff = get_unaligned_le16(img + tok + 4);
		if (ver != BIT_FALCON_VERSION)
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "BIT token 'p' (falcon data): version %u is not %d",
					     ver, BIT_FALCON_VERSION);
		if (dsize < BIT_FALCON_LEN)
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "BIT token 'p' (falcon data): data size %u is less than the %d-byte falcon ucode table pointer",
					     dsize, BIT_FALCON_LEN);
		if (!nvgsp_fw_range_ok(size, doff, BIT_FALCON_LEN))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "BIT token 'p' (falcon data): data offset 0x%x is past the end of the 0x%x-byte PCI-AT image",
					     doff, size);
		*falcon_ptr = get_unaligned_le32(img + doff);
		return 0;
	}
	return nvgsp_fw_fail(diag, blob, -ENOEXEC,
			     "BIT header at 0x%x: no 'p' (falcon data) token among its %u tokens",
			     vb->bit_offset, count);
}

/*
 * The falcon data's tables (the falcon ucode table, nouveau nvbios_pmuTe();
 * the application interface table in DMEM) open with the same header:
 * version, header size, entry size, entry count, a byte each; the entries
 * follow the header.
 */
struct table_hdr {
	u8 version, hdr_len, ent_len, count;
};

/* What a table's header must say; @what names the table in messages. */
struct table_kind {
	const char *what;
	u8 version, hdr_min, ent_min;
};

static const struct table_kind pmu_table = {
	"falcon ucode table at", PMU_VERSION, PMU_HDR_MIN, PMU_ENTRY_MIN,
};

static const struct table_kind appif_table = {
	"application interface table at DMEM", APPIF_VERSION, APPIF_HDR_MIN, APPIF_ENTRY_MIN,
};

/* Read and check the header of the @k table at @t (offset @at, for messages). */
static int table_header(const struct table_kind *k, const u8 *t, u32 at, struct table_hdr *h,
			const struct nvgsp_fw_blob *blob, struct nvgsp_fw_diag *diag)
{
	*h = (struct table_hdr){ .version = t[0], .hdr_len = t[1], .ent_len = t[2],
				 .count = t[3] };
	if (h->version != k->version)
		return nvgsp_fw_fail(diag, blob, -ENOEXEC, "%s 0x%x: version %u is not %u",
				     k->what, at, h->version, k->version);
	if (h->hdr_len < k->hdr_min || h->ent_len < k->ent_min)
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "%s 0x%x: header_size %u or entry_size %u is less than %u or %u",
				     k->what, at, h->hdr_len, h->ent_len, k->hdr_min, k->ent_min);
	return 0;
}

/* The table's bytes, header and entries. */
static u64 table_len(const struct table_hdr *h)
{
	return h->hdr_len + (u64)h->count * h->ent_len;
}

/* Entry @i of the table at @t. */
static const u8 *table_entry(const u8 *t, const struct table_hdr *h, u32 i)
{
	return t + h->hdr_len + i * h->ent_len;
}

/* The falcon ucode table and the FWSEC_PROD entry's descriptor pointer. */
static int find_fwsec_prod(struct nvgsp_fw_vbios *vb, const struct nvgsp_fw_blob *blob,
			   u32 falcon_ptr, u32 *desc_ptr, u32 *entry, struct nvgsp_fw_diag *diag)
{
	struct table_hdr h;
	const u8 *t, *e;
	u32 i;
	int ret;

	ret = resolve(vb, blob, "BIT token 'p': falcon ucode table pointer", falcon_ptr,
		      PMU_HDR_MIN, &vb->pmu_table, diag);
	if (ret)
		return ret;
	t = blob->data + vb->pmu_table;
	ret = table_header(&pmu_table, t, vb->pmu_table, &h, blob, diag);
	if (!ret)
		ret = resolve(vb, blob, "falcon ucode table", falcon_ptr, table_len(&h),
			      &vb->pmu_table, diag);
	if (ret)
		return ret;
	for (i = 0; i < h.count; i++) {
		e = table_entry(t, &h, i);
		if (e[0] == APPID_FWSEC_PROD) {
			*desc_ptr = get_unaligned_le32(e + 2);
			*entry = i;
			return 0;
		}
	}
	return nvgsp_fw_fail(diag, blob, -ENOEXEC,
			     "falcon ucode table at 0x%x: no FWSEC_PROD (application id 0x%02x) among its %u entries",
			     vb->pmu_table, APPID_FWSEC_PROD, h.count);
}

static void vbios_read_words(const u8 *p, u32 *w, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		w[i] = get_unaligned_le32(p + 4 * i);
}

/* FalconUCodeDescV2 (Turing, GA100): no signatures; DMEM at DMEMOffset. */
static int desc_v2(struct nvgsp_fw_vbios *vb, const struct nvgsp_fw_blob *blob, u32 size,
		   struct nvgsp_fw_diag *diag)
{
	u32 w[V2_WORDS];
	u64 sec_img;

	if (size < DESC_V2_LEN)
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor v2 at 0x%x: size %u (header bits 31:16) is less than the %d-byte descriptor",
				     vb->desc_offset, size, DESC_V2_LEN);
	vbios_read_words(blob->data + vb->desc_offset, w, V2_WORDS);
	/* nova-core: StoredSize == UncompressedSize means not compressed */
	if (w[V2_STORED_SIZE] != w[V2_UNCOMPRESSED_SIZE])
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor v2: StoredSize 0x%x differs from UncompressedSize 0x%x: compressed ucode is not supported",
				     w[V2_STORED_SIZE], w[V2_UNCOMPRESSED_SIZE]);
	if (w[V2_IMEM_SEC_SIZE] > w[V2_IMEM_LOAD_SIZE])
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor v2: IMEMSecSize 0x%x exceeds IMEMLoadSize 0x%x",
				     w[V2_IMEM_SEC_SIZE], w[V2_IMEM_LOAD_SIZE]);
	/* the secure part starts IMEMSecBase - IMEMVirtBase into the ucode (nova-core) */
	sec_img = (u64)w[V2_IMEM_SEC_BASE] - w[V2_IMEM_VIRT_BASE];
	if (w[V2_IMEM_SEC_BASE] < w[V2_IMEM_VIRT_BASE] ||
	    !nvgsp_fw_range_ok(w[V2_IMEM_LOAD_SIZE], sec_img, w[V2_IMEM_SEC_SIZE]))
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor v2: secure IMEM (IMEMSecBase 0x%x - IMEMVirtBase 0x%x, IMEMSecSize 0x%x) is outside IMEMLoadSize 0x%x",
				     w[V2_IMEM_SEC_BASE], w[V2_IMEM_VIRT_BASE], w[V2_IMEM_SEC_SIZE],
				     w[V2_IMEM_LOAD_SIZE]);
	if (w[V2_DMEM_OFFSET] < w[V2_IMEM_LOAD_SIZE])
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor v2: DMEMOffset 0x%x overlaps the 0x%x bytes of IMEM",
				     w[V2_DMEM_OFFSET], w[V2_IMEM_LOAD_SIZE]);
	vb->imem_phys_base = w[V2_IMEM_PHYS_BASE];
	vb->imem_load_size = w[V2_IMEM_LOAD_SIZE];
	vb->imem_virt_base = w[V2_IMEM_VIRT_BASE];
	vb->imem_sec_base = w[V2_IMEM_SEC_BASE];
	vb->imem_sec_size = w[V2_IMEM_SEC_SIZE];
	vb->virtual_entry = w[V2_VIRTUAL_ENTRY];
	vb->dmem_offset = w[V2_DMEM_OFFSET];
	vb->dmem_phys_base = w[V2_DMEM_PHYS_BASE];
	vb->dmem_load_size = w[V2_DMEM_LOAD_SIZE];
	vb->interface_offset = w[V2_INTERFACE_OFFSET];
	return 0;
}

/* FalconUCodeDescV3 (GA10x and later): signatures after it, DMEM after IMEM. */
static int desc_v3(struct nvgsp_fw_vbios *vb, const struct nvgsp_fw_blob *blob, u32 size,
		   struct nvgsp_fw_diag *diag)
{
	const u8 *d = blob->data + vb->desc_offset;
	u32 w[V3_WORDS];

	if (size < DESC_V3_LEN)
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor v3 at 0x%x: size %u (header bits 31:16) is less than the %d-byte descriptor",
				     vb->desc_offset, size, DESC_V3_LEN);
	vbios_read_words(d, w, V3_WORDS);
	vb->engine_id_mask = get_unaligned_le16(d + V3_ENGINE_ID_MASK);
	vb->ucode_id = d[V3_UCODE_ID];
	vb->sig_count = d[V3_SIGNATURE_COUNT];
	vb->sig_versions = get_unaligned_le16(d + V3_SIGNATURE_VERSIONS);
	if (size < DESC_V3_LEN + (u32)vb->sig_count * SIG_LEN)
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor v3: size %u (header bits 31:16) cannot hold the %d-byte descriptor and SignatureCount %u x %d-byte signatures",
				     size, DESC_V3_LEN, vb->sig_count, SIG_LEN);
	vb->imem_phys_base = w[V3_IMEM_PHYS_BASE];
	vb->imem_load_size = w[V3_IMEM_LOAD_SIZE];
	vb->imem_virt_base = w[V3_IMEM_VIRT_BASE];
	vb->dmem_offset = w[V3_IMEM_LOAD_SIZE];
	vb->dmem_phys_base = w[V3_DMEM_PHYS_BASE];
	vb->dmem_load_size = w[V3_DMEM_LOAD_SIZE];
	vb->interface_offset = w[V3_INTERFACE_OFFSET];
	vb->pkc_data_offset = w[V3_PKC_DATA_OFFSET];
	vb->sig_offset = vb->desc_offset + DESC_V3_LEN;
	if (!vb->sig_count)
		return 0;	/* nova-core: nothing to patch (development boards) */
	if (!vb->ucode_id || vb->ucode_id > UCODE_ID_MAX)
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor v3: UcodeId %u is outside 1..%d (it picks one of the fuse version registers)",
				     vb->ucode_id, UCODE_ID_MAX);
	if (!nvgsp_fw_range_ok(vb->dmem_load_size, vb->pkc_data_offset, SIG_LEN))
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor v3: the %d-byte signature at PKCDataOffset 0x%x does not fit the 0x%x-byte DMEM",
				     SIG_LEN, vb->pkc_data_offset, vb->dmem_load_size);
	return 0;
}

/* The descriptor FWSEC_PROD points at, and the ucode after it. */
static int descriptor(struct nvgsp_fw_vbios *vb, const struct nvgsp_fw_blob *blob, u32 ptr,
		      u32 entry, struct nvgsp_fw_diag *diag)
{
	char what[64];
	u32 hdr, size, off;
	u64 ucode;
	int ret;

	nvgsp_os_snprintf(what, sizeof(what), "falcon ucode table entry %u (FWSEC_PROD)", entry);
	ret = resolve(vb, blob, what, ptr, 4, &vb->desc_offset, diag);
	if (ret)
		return ret;
	hdr = get_unaligned_le32(blob->data + vb->desc_offset);
	if (!(hdr & DESC_VERSIONED))
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor at 0x%x: header 0x%08x lacks the versioned flag (bit 0)",
				     vb->desc_offset, hdr);
	vb->desc_version = (hdr >> 8) & 0xff;
	size = hdr >> 16;
	ret = resolve(vb, blob, what, ptr, size, &off, diag);
	if (ret)
		return ret;
	if (vb->desc_version == 2)
		ret = desc_v2(vb, blob, size, diag);
	else if (vb->desc_version == 3)
		ret = desc_v3(vb, blob, size, diag);
	else
		ret = nvgsp_fw_fail(diag, blob, -ENOEXEC,
				    "FWSEC_PROD descriptor at 0x%x: version %u (header 0x%08x) is neither 2 nor 3",
				    vb->desc_offset, vb->desc_version, hdr);
	if (ret)
		return ret;
	if (!vb->imem_load_size || !vb->dmem_load_size)
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor v%u: IMEMLoadSize 0x%x or DMEMLoadSize 0x%x is 0",
				     vb->desc_version, vb->imem_load_size, vb->dmem_load_size);
	/* the ucode: IMEM from its start, DMEM at dmem_offset (== IMEMLoadSize for v3) */
	ucode = (u64)vb->dmem_offset + vb->dmem_load_size;
	ret = resolve(vb, blob, "FWSEC_PROD ucode (descriptor + IMEM + DMEM)", ptr, size + ucode,
		      &off, diag);
	if (ret)
		return ret;
	vb->ucode_offset = vb->desc_offset + size;
	vb->ucode_size = (u32)ucode;
	if (!nvgsp_fw_range_ok(vb->dmem_load_size, vb->interface_offset, APPIF_HDR_MIN))
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor v%u: InterfaceOffset 0x%x is outside the 0x%x-byte DMEM",
				     vb->desc_version, vb->interface_offset, vb->dmem_load_size);
	return 0;
}

/* Whether [a, a + alen) and [b, b + blen) share a byte (both within u32 DMEM). */
static bool overlap(u64 a, u64 alen, u64 b, u64 blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

/* The application interface table in DMEM, its DMEMMAPPER and command buffer. */
static int dmem_mapper(struct nvgsp_fw_vbios *vb, const struct nvgsp_fw_blob *blob,
		       struct nvgsp_fw_diag *diag)
{
	const u8 *dmem = blob->data + vb->ucode_offset + vb->dmem_offset;
	const u8 *t = dmem + vb->interface_offset;
	struct table_hdr h;
	u32 i;
	int ret;

	ret = table_header(&appif_table, t, vb->interface_offset, &h, blob, diag);
	if (ret)
		return ret;
	if (!nvgsp_fw_range_ok(vb->dmem_load_size, vb->interface_offset, table_len(&h)))
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "application interface table at DMEM 0x%x: its %u entries of %u bytes run past the 0x%x-byte DMEM",
				     vb->interface_offset, h.count, h.ent_len, vb->dmem_load_size);
	for (i = 0; i < h.count; i++) {
		const u8 *e = table_entry(t, &h, i);
		u32 base, cin, csize;

		if (get_unaligned_le32(e) != APPIF_ID_DMEMMAPPER)
			continue;
		base = get_unaligned_le32(e + 4);
		if (!nvgsp_fw_range_ok(vb->dmem_load_size, base, DMAP_LEN))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "application interface entry %u (DMEMMAPPER): dmem_base 0x%x puts the %d-byte DMEMMAPPER past the 0x%x-byte DMEM",
					     i, base, DMAP_LEN, vb->dmem_load_size);
		cin = get_unaligned_le32(dmem + base + DMAP_CMD_IN_OFFSET);
		csize = get_unaligned_le32(dmem + base + DMAP_CMD_IN_SIZE);
		if (!nvgsp_fw_range_ok(vb->dmem_load_size, cin, csize))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "DMEMMAPPER at DMEM 0x%x: command input buffer [0x%x, +0x%x) is outside the 0x%x-byte DMEM",
					     base, cin, csize, vb->dmem_load_size);
		/*
		 * The build writes the command into the buffer, the mapper's
		 * init_cmd and (v3) the signature at PKCDataOffset: regions
		 * that overlap would overwrite one another, and the falcon
		 * would run something nobody asked for (found by fuzz_vbios).
		 */
		if (overlap(cin, csize, base, DMAP_LEN))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "DMEMMAPPER at DMEM 0x%x: command input buffer [0x%x, +0x%x) overlaps the %d-byte DMEMMAPPER",
					     base, cin, csize, DMAP_LEN);
		if (vb->desc_version == 3 && vb->sig_count &&
		    overlap(vb->pkc_data_offset, SIG_LEN, base, DMAP_LEN))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "FWSEC_PROD descriptor v3: the %d-byte signature at PKCDataOffset 0x%x overlaps the %d-byte DMEMMAPPER at DMEM 0x%x",
					     SIG_LEN, vb->pkc_data_offset, DMAP_LEN, base);
		if (vb->desc_version == 3 && vb->sig_count &&
		    overlap(vb->pkc_data_offset, SIG_LEN, cin, csize))
			return nvgsp_fw_fail(diag, blob, -ENOEXEC,
					     "FWSEC_PROD descriptor v3: the %d-byte signature at PKCDataOffset 0x%x overlaps the command input buffer [0x%x, +0x%x)",
					     SIG_LEN, vb->pkc_data_offset, cin, csize);
		vb->dmem_mapper = base;
		vb->cmd_in_offset = cin;
		vb->cmd_in_size = csize;
		return 0;
	}
	return nvgsp_fw_fail(diag, blob, -ENOEXEC,
			     "application interface table at DMEM 0x%x: no DMEMMAPPER (id %d) among its %u entries",
			     vb->interface_offset, APPIF_ID_DMEMMAPPER, h.count);
}

int nvgsp_fw_vbios_read(struct nvgsp_os_bar *bar0, u8 *buf, size_t *size,
			struct nvgsp_fw_diag *diag)
{
	struct nvgsp_fw_blob name = { .name = "vbios" };
	struct rom r = { .blob = { .name = "vbios", .data = buf }, .buf = buf, .bar = bar0 };
	struct chain c = { 0 };
	u32 start;
	int ret;

	*size = 0;
	ret = ifr_offset(&name, bar0, &start, diag);
	if (ret)
		return ret;
	if (start >= NVGSP_VBIOS_MAX)
		return nvgsp_fw_fail(diag, &name, -ENOEXEC,
				     "IFR header: PCI ROM offset 0x%x is past the 0x%x-byte PROM window",
				     start, NVGSP_VBIOS_MAX);
	/* nouveau shadowrom.c: the chain is read from the window at the ROM offset */
	r.base = NVGSP_VBIOS_PROM_BASE + start;
	r.cap = NVGSP_VBIOS_MAX - start;
	ret = walk_chain(&r, 0, &c, diag);
	if (ret)
		return ret;
	*size = c.end;
	return 0;
}

int nvgsp_fw_vbios_parse(const struct nvgsp_fw_blob *blob, struct nvgsp_fw_vbios *vb,
			 struct nvgsp_fw_diag *diag)
{
	struct rom r = { .blob = *blob };
	struct chain c = { 0 };
	u32 start, falcon_ptr = 0, desc_ptr = 0, entry = 0;
	int ret;

	*vb = (struct nvgsp_fw_vbios){ 0 };
	if (!r.blob.data)
		r.blob.size = 0;
	/* the PROM window shows no more than this; a longer dump's tail is not ROM */
	if (r.blob.size > NVGSP_VBIOS_MAX)
		r.blob.size = NVGSP_VBIOS_MAX;
	ret = ifr_offset(&r.blob, NULL, &start, diag);
	if (!ret)
		ret = walk_chain(&r, start, &c, diag);
	if (ret)
		goto fail;
	if (!c.pciat || !c.fwsec) {
		ret = nvgsp_fw_fail(diag, blob, -ENOEXEC,
				    "image chain: none of its %u images is %s", c.images,
				    c.pciat ? "a FWSEC image (code type 0xe0)" :
					      "a PCI-AT image (code type 0x00)");
		goto fail;
	}
	vb->name = blob->name;
	vb->rom = blob->data;
	vb->rom_size = r.blob.size;
	vb->chain_offset = start;
	vb->image_count = c.images;
	vb->pciat_offset = c.pciat_offset;
	vb->pciat_size = c.pciat_size;
	vb->fwsec_offset = c.fwsec_offset;
	vb->fwsec_size = c.end - c.fwsec_offset;

	ret = find_falcon_data(vb, &r.blob, &falcon_ptr, diag);
	if (!ret)
		ret = find_fwsec_prod(vb, &r.blob, falcon_ptr, &desc_ptr, &entry, diag);
	if (!ret)
		ret = descriptor(vb, &r.blob, desc_ptr, entry, diag);
	if (!ret)
		ret = dmem_mapper(vb, &r.blob, diag);
	if (!ret)
		return 0;
fail:
	*vb = (struct nvgsp_fw_vbios){ 0 };
	return ret;
}

static unsigned int fls32(u32 v)
{
	unsigned int n = 0;

	while (v) {
		n++;
		v >>= 1;
	}
	return n;
}

static unsigned int popcount32(u32 v)
{
	unsigned int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

/*
 * The signature for the chip's fuse version (Documentation/vbios.rst; nova-core
 * FwsecFirmware::new(), nouveau nvkm_falcon_fw_sign()): the version is the
 * highest set bit of the fuse register's low 16 bits; SignatureVersions has
 * one bit per signature, in order.
 */
static int pick_signature(const struct nvgsp_fw_vbios *vb, const struct nvgsp_fw_blob *blob,
			  u32 fuse_reg, u32 *index, struct nvgsp_fw_diag *diag)
{
	unsigned int ver = fls32(fuse_reg & 0xffff);
	u32 bit = 1u << ver;

	if (!(vb->sig_versions & bit))
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor v3: no signature for fuse version %u (fuse register 0x%x): SignatureVersions is 0x%x",
				     ver, fuse_reg, vb->sig_versions);
	*index = popcount32(vb->sig_versions & (bit - 1));
	if (*index >= vb->sig_count)
		return nvgsp_fw_fail(diag, blob, -ENOEXEC,
				     "FWSEC_PROD descriptor v3: fuse version %u selects signature %u, but SignatureCount is %u (SignatureVersions 0x%x)",
				     ver, *index, vb->sig_count, vb->sig_versions);
	return 0;
}

int nvgsp_fw_fwsec_build(const struct nvgsp_fw_vbios *vb, const struct nvgsp_fw_fwsec_cmd *cmd,
			 u8 *out, size_t out_len, struct nvgsp_fw_diag *diag)
{
	const struct nvgsp_fw_blob blob = { .name = vb->name ? vb->name : "vbios",
					    .data = vb->rom, .size = vb->rom_size };
	u32 need = READ_VBIOS_LEN, index = 0;
	u8 *dmem, *in;
	int ret;

	if (cmd->cmd != NVGSP_FWSEC_CMD_FRTS && cmd->cmd != NVGSP_FWSEC_CMD_SB)
		return nvgsp_fw_fail(diag, &blob, -EINVAL,
				     "FWSEC command 0x%x is neither FRTS (0x%x) nor SB (0x%x)",
				     cmd->cmd, NVGSP_FWSEC_CMD_FRTS, NVGSP_FWSEC_CMD_SB);
	if (cmd->cmd == NVGSP_FWSEC_CMD_FRTS) {
		need += FRTS_REGION_LEN;
		if (!cmd->frts_size || ((cmd->frts_addr | cmd->frts_size) & 0xfff) ||
		    (cmd->frts_addr >> FRTS_SHIFT) > 0xffffffffull ||
		    (cmd->frts_size >> FRTS_SHIFT) > 0xffffffffull)
			return nvgsp_fw_fail(diag, &blob, -EINVAL,
					     "FWSEC-FRTS: region 0x%llx + 0x%llx is empty, not 4 KiB aligned or past 44 bits",
					     cmd->frts_addr,
					     cmd->frts_size);
	}
	if (!vb->rom || !vb->ucode_size)
		return nvgsp_fw_fail(diag, &blob, -EINVAL, "no FWSEC: the VBIOS was not parsed");
	if (out_len < vb->ucode_size)
		return nvgsp_fw_fail(diag, &blob, -EINVAL,
				     "FWSEC image: %zu bytes of room for the 0x%x-byte ucode",
				     out_len, vb->ucode_size);
	if (need > vb->cmd_in_size)
		return nvgsp_fw_fail(diag, &blob, -EINVAL,
				     "DMEMMAPPER at DMEM 0x%x: the %u-byte %s command does not fit its 0x%x-byte command input buffer",
				     vb->dmem_mapper, need,
				     cmd->cmd == NVGSP_FWSEC_CMD_FRTS ? "FRTS" : "SB",
				     vb->cmd_in_size);
	if (vb->desc_version == 3 && vb->sig_count) {
		ret = pick_signature(vb, &blob, cmd->fuse_version, &index, diag);
		if (ret)
			return ret;
	}

	memcpy(out, vb->rom + vb->ucode_offset, vb->ucode_size);
	dmem = out + vb->dmem_offset;
	/* nouveau nvkm_gsp_fwsec_patch(), nova-core FirmwareDmaObject::new_fwsec() */
	put_unaligned_le32(cmd->cmd, dmem + vb->dmem_mapper + DMAP_INIT_CMD);
	in = dmem + vb->cmd_in_offset;
	put_unaligned_le32(1, in + 0);			/* ReadVbios.ver */
	put_unaligned_le32(READ_VBIOS_LEN, in + 4);	/* .hdr */
	put_unaligned_le32(0, in + 8);			/* .addr, u64 */
	put_unaligned_le32(0, in + 12);
	put_unaligned_le32(0, in + 16);			/* .size */
	put_unaligned_le32(READ_VBIOS_FLAGS, in + 20);	/* .flags */
	if (cmd->cmd == NVGSP_FWSEC_CMD_FRTS) {
		in += READ_VBIOS_LEN;
		put_unaligned_le32(1, in + 0);		/* FrtsRegion.ver */
		put_unaligned_le32(FRTS_REGION_LEN, in + 4);
		put_unaligned_le32((u32)(cmd->frts_addr >> FRTS_SHIFT), in + 8);
		put_unaligned_le32((u32)(cmd->frts_size >> FRTS_SHIFT), in + 12);
		put_unaligned_le32(FRTS_REGION_TYPE_FB, in + 16);
	}
	if (vb->desc_version == 3 && vb->sig_count)
		memcpy(dmem + vb->pkc_data_offset,
				vb->rom + vb->sig_offset + (size_t)index * SIG_LEN, SIG_LEN);
	return (int)vb->ucode_size;
}
