// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_fw_fmc.c - the Hopper/Blackwell GSP-FMC image parser, against the
 * three real FMC files (by every path a chip loads them under) and against a
 * corruption corpus made from each of them.
 *
 * The facts were written by hand from binutils' and coreutils' view of each
 * file, NOT from the parser:
 *   stat -c %s FILE                 file size
 *   readelf -h -W FILE              the fixed ELF32 header
 *   readelf -S -W FILE              each section's offset and size, and its
 *                                   sh_info (the "Inf" column, in decimal:
 *                                   the CRC-32 nouveau checks)
 *   xxd -s 0x124 -l 0x2a FILE       the section-name table:
 *                                   "\0.shstrtab\0hash\0signature\0publickey\0image\0"
 *   cd ROOT && find -L nvidia -name 'fmc-*.bin'; readlink -f PATH
 * The chain-of-trust versions are nouveau's (fsp/gh100.c: 1; fsp/gb100.c,
 * fsp/gb202.c: 2).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "fw/nvgsp_fw_fmc.h"

enum { GH100, GB100, GB202, N_FILES };

static const struct fmc_fact {
	const char *path;		/* in graphics-sid */
	u32 size;
	struct { u32 off, size, crc; } part[NVGSP_FW_FMC_NR_PARTS];
	unsigned int cot;
} facts[N_FILES] = {
	[GH100] = { "nvidia/gh100/gsp/fmc-570.144.bin", 166600, {
		{ 0x150, 0x30, 4104871848u }, { 0x180, 0x180, 573376470u },
		{ 0x300, 0x180, 1484802267u }, { 0x480, 0x28648, 4180832237u } }, 1 },
	[GB100] = { "nvidia/gb100/gsp/fmc-570.144.bin", 198028, {
		{ 0x150, 0x30, 3075151128u }, { 0x180, 0x60, 2789875877u },
		{ 0x1e0, 0x61, 1884139083u }, { 0x244, 0x30348, 1496061015u } }, 2 },
	[GB202] = { "nvidia/gb202/gsp/fmc-570.144.bin", 199820, {
		{ 0x150, 0x30, 1603681103u }, { 0x180, 0x60, 2273042169u },
		{ 0x1e0, 0x61, 1884139083u }, { 0x244, 0x30a48, 2128108819u } }, 2 },
};

/* every file: section 1 is .shstrtab at 0x124, 0x2a bytes, names at these offsets */
#define SHSTRTAB_OFF	0x124
#define SHSTRTAB_SIZE	0x2a
static const u32 name_off[6] = { 0, 0x1, 0xb, 0x10, 0x1a, 0x24 };
static const char *const sect_name[6] = { "", ".shstrtab", "hash", "signature", "publickey", "image" };

static const struct {
	const char *path;
	int file;
} paths[] = {
	{ "nvidia/gh100/gsp/fmc-570.144.bin", GH100 },
	{ "nvidia/gb100/gsp/fmc-570.144.bin", GB100 },
	{ "nvidia/gb102/gsp/fmc-570.144.bin", GB100 },
	{ "nvidia/gb202/gsp/fmc-570.144.bin", GB202 },
	{ "nvidia/gb203/gsp/fmc-570.144.bin", GB202 },
	{ "nvidia/gb205/gsp/fmc-570.144.bin", GB202 },
	{ "nvidia/gb206/gsp/fmc-570.144.bin", GB202 },
	{ "nvidia/gb207/gsp/fmc-570.144.bin", GB202 },
};
#define N_PATHS (int)(ARRAY_SIZE(paths))

static const char *const sets[] = {
	"graphics-sid", "graphics-trixie", "gsp-bookworm", "gsp-trixie", "gsp-experimental",
};
#define N_SETS (int)(ARRAY_SIZE(sets))

static int parse(const char *name, const u8 *data, size_t size, struct nvgsp_fw_fmc_image *img,
		 struct nvgsp_fw_diag *diag)
{
	struct nvgsp_fw_blob blob = { .name = name, .data = data, .size = size };

	memset(diag, 0, sizeof(*diag));
	return nvgsp_fw_fmc_parse(&blob, img, diag);
}

/* ---------------------------------------------------------------------- */
/* Real files                                                             */

START_TEST(every_path_parses_as_its_file)
{
	const struct fmc_fact *f = &facts[paths[_i].file];
	char real[PATH_MAX], target[PATH_MAX];
	struct nvgsp_fw_fmc_image img;
	struct nvgsp_fw_diag diag;
	struct nvgsp_fw_blob blob;
	unsigned int p;
	size_t size;
	u8 *data;

	ck_assert_ptr_nonnull(realpath(unit_fw_path("graphics-sid", paths[_i].path), real));
	ck_assert_ptr_nonnull(realpath(unit_fw_path("graphics-sid", f->path), target));
	ck_assert_str_eq(real, target);
	data = unit_read_file(unit_fw_path("graphics-sid", paths[_i].path), &size);
	ck_assert_uint_eq(size, f->size);
	ck_assert_msg(parse(paths[_i].path, data, size, &img, &diag) == 0, "%s", diag.msg);
	for (p = 0; p < NVGSP_FW_FMC_NR_PARTS; p++) {
		ck_assert_str_eq(nvgsp_fw_fmc_part_name(p), sect_name[2 + p]);
		ck_assert_uint_eq(img.parts[p].index, 2 + p);
		ck_assert_uint_eq(img.parts[p].sect.offset, f->part[p].off);
		ck_assert_uint_eq(img.parts[p].sect.size, f->part[p].size);
		ck_assert_uint_eq(img.parts[p].crc, f->part[p].crc);
		ck_assert(img.parts[p].crc_checked);
	}
	ck_assert_uint_eq(img.names.offset, SHSTRTAB_OFF);
	ck_assert_uint_eq(img.names.size, SHSTRTAB_SIZE);
	/* the image runs to the end of the file */
	ck_assert_uint_eq(f->part[NVGSP_FW_FMC_IMAGE].off + f->part[NVGSP_FW_FMC_IMAGE].size, size);

	blob = (struct nvgsp_fw_blob){ paths[_i].path, data, size };
	ck_assert_msg(nvgsp_fw_fmc_check_cot(&blob, &img, f->cot, &diag) == 0, "%s", diag.msg);
	free(data);
}
END_TEST

/*
 * The CRC the files store is the plain IEEE 802.3 CRC-32 (zlib's crc32(),
 * nouveau's crc32_le(~0, ...) ^ ~0), and nvgsp_fw_crc32() is that CRC:
 * the standard check value, then each section's bytes against readelf's
 * sh_info.
 */
START_TEST(crc_is_zlib_crc32)
{
	const struct fmc_fact *f = &facts[_i];
	unsigned int p;
	size_t size;
	u8 *data = unit_read_file(unit_fw_path("graphics-sid", f->path), &size);

	ck_assert_uint_eq(nvgsp_fw_crc32(0, (const u8 *)"123456789", 9), 0xcbf43926);
	for (p = 0; p < NVGSP_FW_FMC_NR_PARTS; p++) {
		const u8 *s = data + f->part[p].off;
		u32 half = f->part[p].size / 2;

		ck_assert_uint_eq(nvgsp_fw_crc32(0, s, f->part[p].size), f->part[p].crc);
		/* and it chains, as zlib's does */
		ck_assert_uint_eq(nvgsp_fw_crc32(nvgsp_fw_crc32(0, s, half), s + half,
						 f->part[p].size - half), f->part[p].crc);
	}
	free(data);
}
END_TEST

static bool is_fmc_path(const char *path)
{
	const char *name = strrchr(path, '/') + 1;
	size_t n = strlen(name);

	return n > 8 && !strncmp(name, "fmc-", 4) && !strcmp(name + n - 4, ".bin");
}

/* The table is complete: graphics-sid's FMC paths are all listed, no other set has one. */
START_TEST(every_fmc_in_the_set_is_listed)
{
	static char found[64][128];
	unsigned int n, i;
	bool sid = !strcmp(sets[_i], "graphics-sid");
	int k;

	n = unit_fw_walk(unit_fw_root(sets[_i]), "nvidia", is_fmc_path, found, 64);
	for (i = 0; i < n; i++) {
		bool known = false;

		for (k = 0; k < N_PATHS; k++)
			known |= sid && !strcmp(paths[k].path, found[i]);
		ck_assert_msg(known, "%s: %s is not in the facts table", sets[_i], found[i]);
	}
	ck_assert_uint_eq(n, sid ? N_PATHS : 0);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* The corruption corpus                                                  */

/*
 * The files are small (160-200 KiB), so every case mutates a fresh copy of a
 * whole real file, in a buffer of exactly its length, for each of the three
 * files.
 */
static struct { u8 *data; size_t size; } file[N_FILES];

static void files_setup(void)
{
	int i;

	for (i = 0; i < N_FILES; i++)
		file[i].data = unit_read_file(unit_fw_path("graphics-sid", facts[i].path),
					      &file[i].size);
}

static void files_teardown(void)
{
	int i;

	for (i = 0; i < N_FILES; i++)
		free(file[i].data);
}

struct fctx {
	const struct fmc_fact *f;
	u8 *buf;
	size_t len;
	int want_err;
	char want[NVGSP_FW_DIAG_LEN];	/* the message must start with it */
	char also[NVGSP_FW_DIAG_LEN];	/* ... and contain this, when set */
	int unchecked;			/* a part whose CRC must be left unchecked; -1 */
};

static void want(struct fctx *c, int err, const char *fmt, ...) __printf(3, 4);
static void want(struct fctx *c, int err, const char *fmt, ...)
{
	va_list ap;

	c->want_err = err;
	va_start(ap, fmt);
	vsnprintf(c->want, sizeof(c->want), fmt, ap);
	va_end(ap);
}

static void wr16(u8 *p, u16 v) { p[0] = (u8)v; p[1] = (u8)(v >> 8); }
static void wr32(u8 *p, u32 v) { wr16(p, (u16)v); wr16(p + 2, (u16)(v >> 16)); }

/* Elf32_Shdr field offsets */
enum { SH_NAME = 0, SH_TYPE = 4, SH_FLAGS = 8, SH_OFFSET = 16, SH_SIZE = 20, SH_INFO = 28 };

static void shdr_set(struct fctx *c, unsigned int idx, int field, u32 v)
{
	wr32(c->buf + 0x34 + 40 * idx + field, v);
}

/* the part's numbers, by section index 2..5 */
static u32 p_off(const struct fctx *c, unsigned int idx) { return c->f->part[idx - 2].off; }
static u32 p_size(const struct fctx *c, unsigned int idx) { return c->f->part[idx - 2].size; }
static u32 p_crc(const struct fctx *c, unsigned int idx) { return c->f->part[idx - 2].crc; }

#define FCASE(name) static void fcase_##name(struct fctx *c, unsigned int s)

/* -- the fixed header (@s is 0) -- */
FCASE(magic) { (void)s; c->buf[3] = 0;
	want(c, -EINVAL, "e_ident: magic 7f 45 4c 00 is not 7f 45 4c 46 (ELF)"); }
FCASE(class64) { (void)s; c->buf[4] = 2; want(c, -EINVAL, "EI_CLASS 2 is not ELFCLASS32 (1)"); }
FCASE(big_endian) { (void)s; c->buf[5] = 2;
	want(c, -EINVAL, "EI_DATA 2 is not ELFDATA2LSB (1, little-endian)"); }
FCASE(ident_version) { (void)s; c->buf[6] = 2; want(c, -EINVAL, "EI_VERSION 2 is not EV_CURRENT (1)"); }
FCASE(osabi) { (void)s; c->buf[7] = 3;
	want(c, -EINVAL, "e_ident[7] 0x03 is not 0 (OS ABI, ABI version and padding are 0)"); }
FCASE(abiversion) { (void)s; c->buf[8] = 1; want(c, -EINVAL, "e_ident[8] 0x01 is not 0"); }
FCASE(ident_padding) { (void)s; c->buf[15] = 0xff; want(c, -EINVAL, "e_ident[15] 0xff is not 0"); }
FCASE(type_rel) { (void)s; wr16(c->buf + 16, 1); want(c, -EINVAL, "e_type 1 is not ET_NONE (0)"); }
FCASE(machine_riscv) { (void)s; wr16(c->buf + 18, 243);
	want(c, -EINVAL, "e_machine 243 is not EM_NONE (0)"); }
FCASE(e_version) { (void)s; wr32(c->buf + 20, 0); want(c, -EINVAL, "e_version 0 is not EV_CURRENT (1)"); }
FCASE(entry) { (void)s; wr32(c->buf + 24, 0x1000); want(c, -EINVAL, "e_entry 0x1000 is not 0"); }
FCASE(phoff) { (void)s; wr32(c->buf + 28, 0x34); want(c, -EINVAL, "e_phoff 0x34 is not 0"); }
FCASE(flags) { (void)s; wr32(c->buf + 36, 1); want(c, -EINVAL, "e_flags 0x1 is not 0"); }
FCASE(ehsize) { (void)s; wr16(c->buf + 40, 64); want(c, -EINVAL, "e_ehsize 64 is not 52"); }
FCASE(phentsize) { (void)s; wr16(c->buf + 42, 32); want(c, -EINVAL, "e_phentsize 32 is not 0"); }
FCASE(phnum) { (void)s; wr16(c->buf + 44, 1); want(c, -EINVAL, "e_phnum 1 is not 0"); }
FCASE(shentsize_64) { (void)s; wr16(c->buf + 46, 64); want(c, -EINVAL, "e_shentsize 64 is not 40"); }
FCASE(shentsize_0) { (void)s; wr16(c->buf + 46, 0); want(c, -EINVAL, "e_shentsize 0 is not 40"); }
FCASE(shnum_0) { (void)s; wr16(c->buf + 48, 0);
	want(c, -EINVAL, "e_shnum 0: no section table (extended section numbering is not supported)"); }
FCASE(shnum_5) { (void)s; wr16(c->buf + 48, 5); want(c, -EINVAL, "e_shnum 5 is not 6"); }
FCASE(shnum_7) { (void)s; wr16(c->buf + 48, 7);
	want(c, -EINVAL, "section-name table (section 1) [0x124, 0x14e) overlaps the section table [0x34, 0x14c)"); }
FCASE(shnum_max) { (void)s; wr16(c->buf + 48, 0xffff);
	want(c, -EINVAL, "section table: e_shoff 0x34 + 65535 sections x 40 bytes is past the end of the %zu-byte file", c->len); }
FCASE(shstrndx_0) { (void)s; wr16(c->buf + 50, 0);
	want(c, -EINVAL, "e_shstrndx 0 (SHN_UNDEF): no section-name table"); }
FCASE(shstrndx_hash) { (void)s; wr16(c->buf + 50, 2);
	want(c, -EINVAL, "section 2 (e_shstrndx): sh_type 1 is not SHT_STRTAB (3)"); }
FCASE(shstrndx_6) { (void)s; wr16(c->buf + 50, 6); want(c, -EINVAL, "e_shstrndx 6 is not below e_shnum 6"); }
FCASE(shstrndx_xindex) { (void)s; wr16(c->buf + 50, 0xffff);
	want(c, -EINVAL, "e_shstrndx 0xffff (SHN_XINDEX): extended section numbering is not supported"); }
FCASE(shoff_0) { (void)s; wr32(c->buf + 32, 0);
	want(c, -EINVAL, "e_shoff 0x0: the section table overlaps the 52-byte ELF header"); }
FCASE(shoff_end) { (void)s; wr32(c->buf + 32, (u32)c->len);
	want(c, -EINVAL, "section table: e_shoff 0x%zx + 6 sections x 40 bytes is past the end of the %zu-byte file",
	     c->len, c->len); }
FCASE(shoff_max) { (void)s; wr32(c->buf + 32, 0xffffffff);
	want(c, -EINVAL, "section table: e_shoff 0xffffffff + 6 sections x 40 bytes is past the end of the %zu-byte file",
	     c->len); }

/* -- the section-name table (@s is 0) -- */
FCASE(shstrtab_flags) { (void)s; shdr_set(c, 1, SH_FLAGS, 0);
	want(c, -EINVAL, "section 1 (.shstrtab): sh_flags 0x0 is not SHF_STRINGS (0x20)"); }
FCASE(shstrtab_type) { (void)s; shdr_set(c, 1, SH_TYPE, 1);
	want(c, -EINVAL, "section 1 (e_shstrndx): sh_type 1 is not SHT_STRTAB (3)"); }
FCASE(shstrtab_in_table) { (void)s; shdr_set(c, 1, SH_OFFSET, 0x100);
	want(c, -EINVAL, "section-name table (section 1) [0x100, 0x12a) overlaps the section table [0x34, 0x124)"); }
FCASE(shstrtab_empty) { (void)s; shdr_set(c, 1, SH_SIZE, 0);
	want(c, -EINVAL, "section-name table (section 1) is empty"); }
FCASE(shstrtab_past_end) { (void)s; shdr_set(c, 1, SH_OFFSET, (u32)c->len - 0x29);
	want(c, -EINVAL, "section-name table (section 1): offset 0x%zx + size 0x2a is past the end of the %zu-byte file",
	     c->len - 0x29, c->len); }
FCASE(shstrtab_crc_wrong) { (void)s; shdr_set(c, 1, SH_INFO, 1);
	want(c, -EINVAL, "section 1 (.shstrtab): CRC-32 0x");
	snprintf(c->also, sizeof(c->also), "of its 42 bytes does not match sh_info 0x00000001"); }
FCASE(name_past_table) { (void)s; shdr_set(c, 3, SH_NAME, SHSTRTAB_SIZE);
	want(c, -EINVAL, "section 3: sh_name 0x2a is past the end of the 42-byte section-name table"); }
FCASE(name_unterminated) { (void)s; c->buf[SHSTRTAB_OFF + SHSTRTAB_SIZE - 1] = 'x';
	want(c, -EINVAL, "section 5: the name at sh_name 0x24 has no NUL before the end of the 42-byte section-name table"); }

/* -- each of the four sections: @s is its index, 2 (hash) to 5 (image) -- */
FCASE(nobits) { shdr_set(c, s, SH_TYPE, 8);
	want(c, -EINVAL, "section %u (%s): sh_type 8 is not SHT_PROGBITS (1)", s, sect_name[s]); }
FCASE(flags_alloc_only) { shdr_set(c, s, SH_FLAGS, 0x2);
	want(c, -EINVAL, "section %u (%s): sh_flags 0x2 is not 0xfff00102 (ALLOC | OS_NONCONFORMING | MASKOS | MASKPROC)",
	     s, sect_name[s]); }
FCASE(flags_plus_write) { shdr_set(c, s, SH_FLAGS, 0xfff00103);
	want(c, -EINVAL, "section %u (%s): sh_flags 0xfff00103 is not 0xfff00102", s, sect_name[s]); }
FCASE(in_headers) { shdr_set(c, s, SH_OFFSET, 0x120);
	want(c, -EINVAL, "section %u (%s): offset 0x120 is inside the headers (sections start at 0x124)",
	     s, sect_name[s]); }
FCASE(offset_past_end) { shdr_set(c, s, SH_OFFSET, (u32)c->len);
	want(c, -EINVAL, "section %u (%s): offset 0x%zx + size 0x%x is past the end of the %zu-byte file",
	     s, sect_name[s], c->len, p_size(c, s), c->len); }
FCASE(size_past_end) { shdr_set(c, s, SH_SIZE, (u32)c->len - p_off(c, s) + 1);
	want(c, -EINVAL, "section %u (%s): offset 0x%x + size 0x%zx is past the end of the %zu-byte file",
	     s, sect_name[s], p_off(c, s), c->len - p_off(c, s) + 1, c->len); }
FCASE(offset_max) { shdr_set(c, s, SH_OFFSET, 0xffffffff);
	want(c, -EINVAL, "section %u (%s): offset 0xffffffff + size 0x%x is past the end of the %zu-byte file",
	     s, sect_name[s], p_size(c, s), c->len); }
FCASE(size_max) { shdr_set(c, s, SH_SIZE, 0xffffffff);
	want(c, -EINVAL, "section %u (%s): offset 0x%x + size 0xffffffff is past the end of the %zu-byte file",
	     s, sect_name[s], p_off(c, s), c->len); }
FCASE(empty) { shdr_set(c, s, SH_SIZE, 0);
	want(c, -EINVAL, "section %u (%s) is empty", s, sect_name[s]); }
FCASE(renamed) { c->buf[SHSTRTAB_OFF + name_off[s]] ^= 0x20;	/* "hash" -> "Hash" */
	want(c, -EINVAL, "\"%s\": no such section among the 6", sect_name[s]); }
FCASE(duplicate) {
	unsigned int other = s == 5 ? 2 : s + 1;

	shdr_set(c, other, SH_NAME, name_off[s]);
	if (other < s)
		want(c, -EINVAL, "section %u (%s): a second \"%s\" section (the first is section %u)",
		     s, sect_name[s], sect_name[s], other);
	else
		want(c, -EINVAL, "section %u (%s): a second \"%s\" section (the first is section %u)",
		     other, sect_name[s], sect_name[s], s); }
FCASE(overlaps_previous) {
	u32 off = s == 2 ? 0x140 : p_off(c, s - 1);
	u32 poff = s == 2 ? SHSTRTAB_OFF : p_off(c, s - 1);
	u32 psize = s == 2 ? SHSTRTAB_SIZE : p_size(c, s - 1);

	shdr_set(c, s, SH_OFFSET, off);
	want(c, -EINVAL, "section %u (%s) [0x%x, 0x%x) overlaps section %u (%s) [0x%x, 0x%x)",
	     s, sect_name[s], off, off + p_size(c, s), s - 1, sect_name[s - 1], poff, poff + psize); }
FCASE(crc_first_byte) { c->buf[p_off(c, s)] ^= 0x01;
	want(c, -EINVAL, "section %u (%s): CRC-32 0x", s, sect_name[s]);
	snprintf(c->also, sizeof(c->also), "of its %u bytes does not match sh_info 0x%08x",
		 p_size(c, s), p_crc(c, s)); }
FCASE(crc_middle_byte) { c->buf[p_off(c, s) + p_size(c, s) / 2] ^= 0x80;
	want(c, -EINVAL, "section %u (%s): CRC-32 0x", s, sect_name[s]);
	snprintf(c->also, sizeof(c->also), "of its %u bytes does not match sh_info 0x%08x",
		 p_size(c, s), p_crc(c, s)); }
FCASE(crc_last_byte) { c->buf[p_off(c, s) + p_size(c, s) - 1] ^= 0xff;
	want(c, -EINVAL, "section %u (%s): CRC-32 0x", s, sect_name[s]);
	snprintf(c->also, sizeof(c->also), "of its %u bytes does not match sh_info 0x%08x",
		 p_size(c, s), p_crc(c, s)); }
FCASE(crc_field) { shdr_set(c, s, SH_INFO, p_crc(c, s) ^ 0x00010000);
	want(c, -EINVAL, "section %u (%s): CRC-32 0x%08x of its %u bytes does not match sh_info 0x%08x",
	     s, sect_name[s], p_crc(c, s), p_size(c, s), p_crc(c, s) ^ 0x00010000); }
FCASE(no_crc_is_fine) { shdr_set(c, s, SH_INFO, 0); c->buf[p_off(c, s)] ^= 0x01;
	want(c, 0, "%s", ""); c->unchecked = (int)s - 2; }
FCASE(bigger_than_cot) {
	/* hash, signature, publickey: one byte more than the COT message has room for */
	u32 max = s == 2 ? 48 : 384;

	if (s == 5) {	/* image: no limit; a size past its slot is a range error */
		want(c, 0, "%s", "");
		return;
	}
	shdr_set(c, s, SH_SIZE, max + 1);
	want(c, -E2BIG, "section %u (%s): %u bytes, more than the %u the FSP chain-of-trust message carries",
	     s, sect_name[s], max + 1, max); }

#define F(name) { #name, fcase_##name }
struct fcase {
	const char *what;
	void (*fn)(struct fctx *c, unsigned int s);
};

/* cases about the file as a whole: run once per file */
static const struct fcase file_cases[] = {
	F(magic), F(class64), F(big_endian), F(ident_version), F(osabi), F(abiversion),
	F(ident_padding), F(type_rel), F(machine_riscv), F(e_version), F(entry), F(phoff),
	F(flags), F(ehsize), F(phentsize), F(phnum), F(shentsize_64), F(shentsize_0),
	F(shnum_0), F(shnum_5), F(shnum_7), F(shnum_max), F(shstrndx_0), F(shstrndx_hash),
	F(shstrndx_6), F(shstrndx_xindex), F(shoff_0), F(shoff_end), F(shoff_max),
	F(shstrtab_flags), F(shstrtab_type), F(shstrtab_in_table), F(shstrtab_empty),
	F(shstrtab_past_end), F(shstrtab_crc_wrong), F(name_past_table), F(name_unterminated),
};
#define N_FILE_CASES (int)(ARRAY_SIZE(file_cases))

/* cases about one section: run on each of the four, in each file */
static const struct fcase sect_cases[] = {
	F(nobits), F(flags_alloc_only), F(flags_plus_write), F(in_headers), F(offset_past_end),
	F(size_past_end), F(offset_max), F(size_max), F(empty), F(renamed), F(duplicate),
	F(overlaps_previous), F(crc_first_byte), F(crc_middle_byte), F(crc_last_byte),
	F(crc_field), F(no_crc_is_fine), F(bigger_than_cot),
};
#define N_SECT_CASES (int)(ARRAY_SIZE(sect_cases))

/* Run @fc on a fresh copy of file @fi (section @s, or 0 for a file-wide case). */
static void run_case(const struct fcase *fc, int fi, unsigned int s)
{
	const char *where = s ? sect_name[s] : "file";
	struct nvgsp_fw_fmc_image img;
	struct nvgsp_fw_diag diag;
	char prefix[NVGSP_FW_DIAG_LEN + 64];
	struct fctx c = { .f = &facts[fi], .unchecked = -1 };
	unsigned int p;
	int ret;

	c.len = file[fi].size;
	c.buf = malloc(c.len);
	memcpy(c.buf, file[fi].data, c.len);
	fc->fn(&c, s);

	memset(&img, 0x5a, sizeof(img));
	ret = parse(facts[fi].path, c.buf, c.len, &img, &diag);
	if (!c.want_err) {
		ck_assert_msg(ret == 0, "%s/%s: refused: %s", fc->what, where, diag.msg);
		for (p = 0; p < NVGSP_FW_FMC_NR_PARTS; p++)
			ck_assert(img.parts[p].crc_checked == ((int)p != c.unchecked));
	} else {
		ck_assert_msg(ret == c.want_err, "%s/%s: returned %d, not %d: \"%s\"", fc->what,
			      where, ret, c.want_err, diag.msg);
		snprintf(prefix, sizeof(prefix), "%s: %s", facts[fi].path, c.want);
		ck_assert_msg(!strncmp(diag.msg, prefix, strlen(prefix)),
			      "%s/%s: \"%s\" does not start \"%s\"", fc->what, where,
			      diag.msg, prefix);
		if (c.also[0])
			ck_assert_msg(strstr(diag.msg, c.also), "%s/%s: \"%s\" lacks \"%s\"",
				      fc->what, where, diag.msg, c.also);
		for (p = 0; p < NVGSP_FW_FMC_NR_PARTS; p++)
			ck_assert_uint_eq(img.parts[p].index, 0);
	}
	free(c.buf);
}

START_TEST(corrupt_file)
{
	run_case(&file_cases[_i / N_FILES], _i % N_FILES, 0);
}
END_TEST

START_TEST(corrupt_section)
{
	run_case(&sect_cases[_i / (N_FILES * 4)], _i / 4 % N_FILES, 2 + _i % 4);
}
END_TEST

/*
 * Cut each file at every header and section boundary and a byte either side,
 * into a buffer of exactly the cut's length. The error expected is the first
 * thing the cut removes.
 */
START_TEST(truncate_everywhere)
{
	const struct fmc_fact *f = &facts[_i];
	u32 cuts[64];
	unsigned int nc = 0, k, i, p;

	cuts[nc++] = 0;
	cuts[nc++] = 52;		/* e_ehsize */
	cuts[nc++] = SHSTRTAB_OFF;	/* end of the section table */
	cuts[nc++] = SHSTRTAB_OFF + SHSTRTAB_SIZE;
	for (p = 0; p < NVGSP_FW_FMC_NR_PARTS; p++) {
		cuts[nc++] = f->part[p].off;
		cuts[nc++] = f->part[p].off + f->part[p].size;
	}
	for (k = 0, i = nc; k < i; k++) {
		cuts[nc++] = cuts[k] - 1;
		cuts[nc++] = cuts[k] + 1;
	}
	for (k = 0; k < nc; k++) {
		u32 cut = cuts[k];
		struct nvgsp_fw_fmc_image img;
		struct nvgsp_fw_diag diag;
		char want[NVGSP_FW_DIAG_LEN + 64];
		u8 *buf;
		int ret;

		if (cut >= f->size)
			continue;
		if (cut < 52)
			snprintf(want, sizeof(want), "%s: file is %u bytes, shorter than the 52-byte ELF32 header",
				 f->path, cut);
		else if (cut < SHSTRTAB_OFF)
			snprintf(want, sizeof(want), "%s: section table: e_shoff 0x34 + 6 sections x 40 bytes is past the end of the %u-byte file",
				 f->path, cut);
		else if (cut < SHSTRTAB_OFF + SHSTRTAB_SIZE)
			snprintf(want, sizeof(want), "%s: section-name table (section 1): offset 0x124 + size 0x2a is past the end of the %u-byte file",
				 f->path, cut);
		else {
			for (p = 0; p < NVGSP_FW_FMC_NR_PARTS; p++)
				if (f->part[p].off + f->part[p].size > cut)
					break;
			snprintf(want, sizeof(want), "%s: section %u (%s): offset 0x%x + size 0x%x is past the end of the %u-byte file",
				 f->path, 2 + p, sect_name[2 + p], f->part[p].off, f->part[p].size, cut);
		}
		buf = malloc(cut ? cut : 1);
		memcpy(buf, file[_i].data, cut);
		ret = parse(f->path, buf, cut, &img, &diag);
		ck_assert_msg(ret == -EINVAL, "cut at %u: %d %s", cut, ret, diag.msg);
		ck_assert_str_eq(diag.msg, want);
		free(buf);
	}
}
END_TEST

/* Each file has the sizes of its own chip's chain of trust, and not the other's. */
START_TEST(check_cot_sizes)
{
	const struct fmc_fact *f = &facts[_i];
	struct nvgsp_fw_blob blob = { f->path, file[_i].data, file[_i].size };
	struct nvgsp_fw_fmc_image img;
	struct nvgsp_fw_diag diag;
	char want[NVGSP_FW_DIAG_LEN + 64];
	unsigned int other = f->cot == 1 ? 2 : 1;

	ck_assert_int_eq(nvgsp_fw_fmc_parse(&blob, &img, &diag), 0);
	ck_assert_int_eq(nvgsp_fw_fmc_check_cot(&blob, &img, f->cot, &diag), 0);
	ck_assert_int_eq(nvgsp_fw_fmc_check_cot(&blob, &img, other, &diag), -EINVAL);
	/* hash is 48 bytes in both; the signature is the first to differ */
	snprintf(want, sizeof(want), "%s: section 3 (signature): %u bytes, FSP chain-of-trust version %u expects %u",
		 f->path, f->part[NVGSP_FW_FMC_SIGNATURE].size, other, other == 1 ? 384 : 96);
	ck_assert_str_eq(diag.msg, want);
	ck_assert_int_eq(nvgsp_fw_fmc_check_cot(&blob, &img, 0, &diag), -EINVAL);
	snprintf(want, sizeof(want), "%s: FSP chain-of-trust version 0 is not 1 or 2", f->path);
	ck_assert_str_eq(diag.msg, want);
	ck_assert_int_eq(nvgsp_fw_fmc_check_cot(&blob, &img, 3, &diag), -EINVAL);
}
END_TEST

START_TEST(gsp_image_is_not_an_fmc)
{
	struct nvgsp_fw_fmc_image img;
	struct nvgsp_fw_diag diag;
	u8 hdr[64] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };

	ck_assert_int_eq(parse("gsp", hdr, sizeof(hdr), &img, &diag), -EINVAL);
	ck_assert_str_eq(diag.msg, "gsp: EI_CLASS 2 is not ELFCLASS32 (1)");
	ck_assert_int_eq(parse("none", NULL, 0, &img, &diag), -EINVAL);
	ck_assert_str_eq(diag.msg, "none: file is 0 bytes, shorter than the 52-byte ELF32 header");
	ck_assert_str_eq(nvgsp_fw_fmc_part_name(NVGSP_FW_FMC_NR_PARTS), "?");
	ck_assert_str_eq(nvgsp_fw_fmc_part_name((enum nvgsp_fw_fmc_part)-1), "?");
}
END_TEST

Suite *nvgsp_suite_fw_fmc(void)
{
	Suite *s = suite_create("fw_fmc");
	TCase *tc;

	tc = tcase_create("real");
	tcase_add_loop_test(tc, every_path_parses_as_its_file, 0, N_PATHS);
	tcase_add_loop_test(tc, crc_is_zlib_crc32, 0, N_FILES);
	tcase_add_loop_test(tc, every_fmc_in_the_set_is_listed, 0, N_SETS);
	suite_add_tcase(s, tc);

	tc = tcase_create("corrupt");
	tcase_set_timeout(tc, 30);
	tcase_add_unchecked_fixture(tc, files_setup, files_teardown);
	tcase_add_loop_test(tc, corrupt_file, 0, N_FILE_CASES * N_FILES);
	tcase_add_loop_test(tc, corrupt_section, 0, N_SECT_CASES * N_FILES * 4);
	tcase_add_loop_test(tc, truncate_everywhere, 0, N_FILES);
	tcase_add_loop_test(tc, check_cot_sizes, 0, N_FILES);
	tcase_add_test(tc, gsp_image_is_not_an_fmc);
	suite_add_tcase(s, tc);
	return s;
}
