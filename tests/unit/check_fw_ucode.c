// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_fw_ucode.c - the ucode container parsers (booter_load, booter_unload,
 * scrubber, bootloader, gen_bootloader) on every such file in Debian's
 * firmware-nvidia-graphics (sid and trixie), symlinks included, and on a
 * corruption corpus generated from those files.
 *
 * The facts tables below were written by hand from hex dumps of the files,
 * NOT from the parser, so a mistake in either shows up as a failure. The
 * dumps, run in the extracted graphics-sid root (usr/lib/firmware):
 *
 *   od -A x -t x4 -N 60 FILE            bin header, then the HS header v2
 *   od -A x -t x4 -N 120 FILE           bin header, RISC-V or bl descriptor
 *   od -A n -t x4 -j OFF -N 4 FILE      the u32 at patch_loc, patch_sig and
 *                                       num_sig (file offsets from the HS
 *                                       header)
 *   od -A n -t x4 -j OFF -N 12 FILE     meta data {fuse_ver, engine, ucode_id}
 *   od -A n -t x4 -j OFF -N 36 FILE     the HS load header
 *   stat -c %s FILE; readlink -f FILE   size; symlink targets
 *
 * trixie's 535.113.01 files are byte-identical to sid's (cmp), so one row
 * serves both sets.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "fw/nvgsp_fw_ucode.h"

enum { SID = 1, TRIXIE = 2, BOTH = SID | TRIXIE };

static const struct {
	unsigned int bit;
	const char *name;
} sets[] = {
	{ SID, "graphics-sid" },
	{ TRIXIE, "graphics-trixie" },
};
#define N_SETS (ARRAY_SIZE(sets))
#define N(a) (int)(ARRAY_SIZE(a))

/*
 * HS ucode. Every file: bin_ver 1, header_offset 0x18, signatures at file
 * offset 0x3c, patch_sig 0, load header 36 bytes with os code [0, +0x100),
 * one app whose data is [0x100, +0). sig_size is sig_prod_size / num_sig.
 */
static const struct hs_row {
	const char *path;
	unsigned int sets;
	size_t size;
	u32 bin_size, data_offset, data_size;
	u32 num_sig, sig_size, patch_loc;
	u32 os_data_off, os_data_size, app_code_off, app_code_size;
	u32 fuse_ver, engine_id, ucode_id;
} hs_rows[] = {
	{ "nvidia/tu102/gsp/booter_load-535.113.01.bin", BOTH, 57992, 0xe300, 0x88, 0xe200,
	  1, 16, 0x8200, 0x8000, 0x6200, 0x100, 0x7f00, 0, 1, 13 },
	{ "nvidia/tu102/gsp/booter_load-570.144.bin", SID, 59272, 0xe800, 0x88, 0xe700,
	  1, 16, 0x8700, 0x8500, 0x6200, 0x100, 0x8400, 0, 1, 13 },
	{ "nvidia/tu102/gsp/booter_unload-535.113.01.bin", BOTH, 38024, 0x9500, 0x88, 0x9400,
	  1, 16, 0x4900, 0x4700, 0x4d00, 0x100, 0x4600, 0, 1, 13 },
	{ "nvidia/tu102/gsp/booter_unload-570.144.bin", SID, 39304, 0x9a00, 0x88, 0x9900,
	  1, 16, 0x4e00, 0x4c00, 0x4d00, 0x100, 0x4b00, 0, 1, 13 },
	{ "nvidia/tu116/gsp/booter_load-535.113.01.bin", BOTH, 57992, 0xe300, 0x88, 0xe200,
	  1, 16, 0x8200, 0x8000, 0x6200, 0x100, 0x7f00, 0, 1, 13 },
	{ "nvidia/tu116/gsp/booter_load-570.144.bin", SID, 59016, 0xe700, 0x88, 0xe600,
	  1, 16, 0x8600, 0x8400, 0x6200, 0x100, 0x8300, 0, 1, 13 },
	{ "nvidia/tu116/gsp/booter_unload-535.113.01.bin", BOTH, 38024, 0x9500, 0x88, 0x9400,
	  1, 16, 0x4900, 0x4700, 0x4d00, 0x100, 0x4600, 0, 1, 13 },
	{ "nvidia/tu116/gsp/booter_unload-570.144.bin", SID, 39048, 0x9900, 0x88, 0x9800,
	  1, 16, 0x4d00, 0x4b00, 0x4d00, 0x100, 0x4a00, 0, 1, 13 },
	{ "nvidia/ga100/gsp/booter_load-535.113.01.bin", BOTH, 59128, 0xe700, 0x1f8, 0xe500,
	  1, 384, 0x8300, 0x8100, 0x6400, 0x100, 0x8000, 0, 1, 3 },
	{ "nvidia/ga100/gsp/booter_load-570.144.bin", SID, 60664, 0xed00, 0x1f8, 0xeb00,
	  1, 384, 0x8900, 0x8700, 0x6400, 0x100, 0x8600, 0, 1, 3 },
	{ "nvidia/ga100/gsp/booter_unload-535.113.01.bin", BOTH, 38904, 0x9800, 0x1f8, 0x9600,
	  1, 384, 0x4900, 0x4700, 0x4f00, 0x100, 0x4600, 0, 1, 3 },
	{ "nvidia/ga100/gsp/booter_unload-570.144.bin", SID, 40440, 0x9e00, 0x1f8, 0x9c00,
	  1, 384, 0x4f00, 0x4d00, 0x4f00, 0x100, 0x4c00, 0, 1, 3 },
	{ "nvidia/ga102/gsp/booter_load-535.113.01.bin", BOTH, 59768, 0xea00, 0x378, 0xe600,
	  2, 384, 0x8410, 0x8400, 0x6200, 0x100, 0x8300, 1, 1, 3 },
	{ "nvidia/ga102/gsp/booter_load-570.144.bin", SID, 61304, 0xf000, 0x378, 0xec00,
	  2, 384, 0x8a10, 0x8a00, 0x6200, 0x100, 0x8900, 1, 1, 3 },
	{ "nvidia/ga102/gsp/booter_unload-535.113.01.bin", BOTH, 39544, 0x9b00, 0x378, 0x9700,
	  2, 384, 0x4a10, 0x4a00, 0x4d00, 0x100, 0x4900, 1, 1, 3 },
	{ "nvidia/ga102/gsp/booter_unload-570.144.bin", SID, 41080, 0xa100, 0x378, 0x9d00,
	  2, 384, 0x5010, 0x5000, 0x4d00, 0x100, 0x4f00, 1, 1, 3 },
	{ "nvidia/ad102/gsp/booter_load-535.113.01.bin", BOTH, 55928, 0xdb00, 0x378, 0xd700,
	  2, 384, 0x7710, 0x7700, 0x6000, 0x100, 0x7600, 1, 1, 3 },
	{ "nvidia/ad102/gsp/booter_load-570.144.bin", SID, 57720, 0xe200, 0x378, 0xde00,
	  2, 384, 0x7e10, 0x7e00, 0x6000, 0x100, 0x7d00, 1, 1, 3 },
	{ "nvidia/ad102/gsp/booter_unload-535.113.01.bin", BOTH, 39800, 0x9c00, 0x378, 0x9800,
	  2, 384, 0x4910, 0x4900, 0x4e00, 0x100, 0x4800, 1, 1, 3 },
	{ "nvidia/ad102/gsp/booter_unload-570.144.bin", SID, 41592, 0xa300, 0x378, 0x9f00,
	  2, 384, 0x5010, 0x5000, 0x4e00, 0x100, 0x4f00, 1, 1, 3 },
	{ "nvidia/ad102/gsp/scrubber-570.144.bin", SID, 8312, 0x2100, 0x378, 0x1d00,
	  2, 384, 0x1a00, 0x1a00, 0x300, 0x100, 0x1900, 1, 1, 13 },
};

/*
 * RISC-V bootloaders. Every file: header_offset 0x18, appVersion 0, no
 * riscv elf and no swbrom regions, bSignedAsCode 0. Version 4 boots from its
 * bootloader region and has no monitor; version 5 has one.
 */
struct reg { u32 off, size; };
static const struct rv_row {
	const char *path;
	unsigned int sets;
	size_t size;
	u32 bin_size, data_offset, data_size, version;
	struct reg bl, bl_params, manifest, mon_data, mon_code;
	bool monitor;
	u32 fb_reserved;
} rv_rows[] = {
	{ "nvidia/tu102/gsp/bootloader-535.113.01.bin", BOTH, 4196, 0x1100, 0x64, 0x1000, 4,
	  { 0, 0x488 }, { 0x488, 0x10 }, { 0, 0 }, { 0, 0 }, { 0, 0 }, false, 0 },
	{ "nvidia/ga100/gsp/bootloader-535.113.01.bin", BOTH, 4196, 0x1100, 0x64, 0x1000, 4,
	  { 0, 0x488 }, { 0x488, 0x10 }, { 0, 0 }, { 0, 0 }, { 0, 0 }, false, 0 },
	{ "nvidia/ga102/gsp/bootloader-535.113.01.bin", BOTH, 20588, 0x5100, 0x6c, 0x5000, 5,
	  { 0x4000, 0x458 }, { 0x4458, 0x10 }, { 0, 0x800 }, { 0x800, 0x1000 },
	  { 0x1800, 0x2500 }, true, 0x5000 },
	{ "nvidia/ga102/gsp/bootloader-570.144.bin", SID, 24684, 0x6100, 0x6c, 0x6000, 5,
	  { 0x5000, 0x880 }, { 0x5880, 0x10 }, { 0, 0x800 }, { 0x800, 0x1000 },
	  { 0x1800, 0x2900 }, true, 0x6000 },
	{ "nvidia/ad102/gsp/bootloader-535.113.01.bin", BOTH, 32876, 0x8100, 0x6c, 0x8000, 5,
	  { 0x7000, 0x458 }, { 0x7458, 0x10 }, { 0, 0x800 }, { 0x800, 0x4000 },
	  { 0x4800, 0x2500 }, true, 0x8000 },
	{ "nvidia/ad102/gsp/bootloader-570.144.bin", SID, 36972, 0x9100, 0x6c, 0x9000, 5,
	  { 0x8000, 0x880 }, { 0x8880, 0x10 }, { 0, 0x800 }, { 0x800, 0x4000 },
	  { 0x4800, 0x2900 }, true, 0x9000 },
	{ "nvidia/gh100/gsp/bootloader-570.144.bin", SID, 168044, 0x29100, 0x6c, 0x29000, 5,
	  { 0, 0 }, { 0, 0 }, { 0, 0xa00 }, { 0xa00, 0xa700 }, { 0xb100, 0x1d500 }, true, 0 },
	{ "nvidia/gb100/gsp/bootloader-570.144.bin", SID, 200812, 0x31100, 0x6c, 0x31000, 5,
	  { 0, 0 }, { 0, 0 }, { 0, 0xa00 }, { 0xa00, 0xa700 }, { 0xb100, 0x25200 }, true, 0 },
	{ "nvidia/gb202/gsp/bootloader-570.144.bin", SID, 200812, 0x31100, 0x6c, 0x31000, 5,
	  { 0, 0 }, { 0, 0 }, { 0, 0xa00 }, { 0xa00, 0xa800 }, { 0xb200, 0x25800 }, true, 0 },
};

/* Falcon bootloaders: header_offset 0x18, dmem_load_off 0. */
static const struct bl_row {
	const char *path;
	unsigned int sets;
	size_t size;
	u32 bin_size, data_offset, data_size, start_tag;
	struct reg code, data;
} bl_rows[] = {
	{ "nvidia/tu102/gsp/gen_bootloader-570.144.bin", SID, 816, 0x400, 0x30, 0x300, 0xfd,
	  { 0, 0x200 }, { 0x200, 0x100 } },
};

/*
 * Every other path, and the real file it resolves to (readlink -f). Whole
 * chip directories are links (tu104/tu106 gsp -> tu102, tu117 gsp -> tu116,
 * ga103..ga107 gsp -> ga102, ad103..ad107 -> ad102, gb102 -> gb100,
 * gb203..gb207 -> gb202), and some files are (the 570.144 Turing and GA100
 * bootloaders are the 535.113.01 ones; GA100 and TU11x share TU102's
 * gen_bootloader).
 */
static const struct link_row {
	const char *path;
	const char *target;
	unsigned int sets;
} links[] = {
#define L(chip, file, tchip, sets) \
	{ "nvidia/" chip "/gsp/" file, "nvidia/" tchip "/gsp/" file, sets }
#define L2(chip, file, tchip, tfile, sets) \
	{ "nvidia/" chip "/gsp/" file, "nvidia/" tchip "/gsp/" tfile, sets }
#define AD(chip) \
	L(chip, "booter_load-535.113.01.bin", "ad102", BOTH), \
	L(chip, "booter_load-570.144.bin", "ad102", SID), \
	L(chip, "booter_unload-535.113.01.bin", "ad102", BOTH), \
	L(chip, "booter_unload-570.144.bin", "ad102", SID), \
	L(chip, "bootloader-535.113.01.bin", "ad102", BOTH), \
	L(chip, "bootloader-570.144.bin", "ad102", SID), \
	L(chip, "scrubber-570.144.bin", "ad102", SID)
#define GA(chip) \
	L(chip, "booter_load-535.113.01.bin", "ga102", BOTH), \
	L(chip, "booter_load-570.144.bin", "ga102", SID), \
	L(chip, "booter_unload-535.113.01.bin", "ga102", BOTH), \
	L(chip, "booter_unload-570.144.bin", "ga102", SID), \
	L(chip, "bootloader-535.113.01.bin", "ga102", BOTH), \
	L(chip, "bootloader-570.144.bin", "ga102", SID)
#define TU10X(chip) \
	L(chip, "booter_load-535.113.01.bin", "tu102", BOTH), \
	L(chip, "booter_load-570.144.bin", "tu102", SID), \
	L(chip, "booter_unload-535.113.01.bin", "tu102", BOTH), \
	L(chip, "booter_unload-570.144.bin", "tu102", SID), \
	L(chip, "bootloader-535.113.01.bin", "tu102", BOTH), \
	L2(chip, "bootloader-570.144.bin", "tu102", "bootloader-535.113.01.bin", SID), \
	L(chip, "gen_bootloader-570.144.bin", "tu102", SID)
	AD("ad103"), AD("ad104"), AD("ad106"), AD("ad107"),
	GA("ga103"), GA("ga104"), GA("ga106"), GA("ga107"),
	TU10X("tu104"), TU10X("tu106"),
	L2("tu102", "bootloader-570.144.bin", "tu102", "bootloader-535.113.01.bin", SID),
	L2("ga100", "bootloader-570.144.bin", "ga100", "bootloader-535.113.01.bin", SID),
	L("ga100", "gen_bootloader-570.144.bin", "tu102", SID),
	L("tu116", "bootloader-535.113.01.bin", "tu102", BOTH),
	L2("tu116", "bootloader-570.144.bin", "tu102", "bootloader-535.113.01.bin", SID),
	L("tu116", "gen_bootloader-570.144.bin", "tu102", SID),
	L("tu117", "booter_load-535.113.01.bin", "tu116", BOTH),
	L("tu117", "booter_load-570.144.bin", "tu116", SID),
	L("tu117", "booter_unload-535.113.01.bin", "tu116", BOTH),
	L("tu117", "booter_unload-570.144.bin", "tu116", SID),
	L("tu117", "bootloader-535.113.01.bin", "tu102", BOTH),
	L2("tu117", "bootloader-570.144.bin", "tu102", "bootloader-535.113.01.bin", SID),
	L("tu117", "gen_bootloader-570.144.bin", "tu102", SID),
	L("gb102", "bootloader-570.144.bin", "gb100", SID),
	L("gb203", "bootloader-570.144.bin", "gb202", SID),
	L("gb205", "bootloader-570.144.bin", "gb202", SID),
	L("gb206", "bootloader-570.144.bin", "gb202", SID),
	L("gb207", "bootloader-570.144.bin", "gb202", SID),
#undef TU10X
#undef GA
#undef AD
#undef L2
#undef L
};

/* ---------------------------------------------------------------------- */

/* The role a linux-firmware file name says: "<role>-<release>.bin". */
static enum nvgsp_fw_role role_of(const char *path)
{
	const char *base = strrchr(path, '/');
	int r;

	base = base ? base + 1 : path;
	for (r = 0; r < NVGSP_FW_NR_ROLES; r++) {
		const char *name = nvgsp_fw_role_name(r);
		size_t n = strlen(name);

		if (!strncmp(base, name, n) && base[n] == '-')
			return r;
	}
	return NVGSP_FW_NR_ROLES;
}

static void region_eq(const struct nvgsp_fw_region *r, u32 off, u32 size, const char *what,
		      const char *path)
{
	ck_assert_msg(r->offset == off && r->size == size,
		      "%s: %s is [0x%x, +0x%x), expected [0x%x, +0x%x)", path, what, r->offset,
		      r->size, off, size);
}

static void bin_eq(const struct nvgsp_fw_bin_hdr *b, u32 bin_size, u32 data_offset,
		   u32 data_size, size_t size)
{
	ck_assert_uint_eq(b->bin_ver, 1);
	ck_assert_uint_eq(b->bin_size, bin_size);
	ck_assert_uint_eq(b->header_offset, 0x18);
	ck_assert_uint_eq(b->data_offset, data_offset);
	ck_assert_uint_eq(b->data_size, data_size);
	/* the surprise: bin_size is the size rounded up to 256, never the size */
	ck_assert_uint_eq(data_offset + data_size, size);
	ck_assert_uint_gt(bin_size, size);
	ck_assert_uint_eq(bin_size, (size + 255) & ~(size_t)255);
}

static void check_hs(const struct hs_row *row, const u8 *data, size_t size, const char *name)
{
	struct nvgsp_fw_blob blob = { .name = name, .data = data, .size = size };
	struct nvgsp_fw_diag diag = { "" };
	struct nvgsp_fw_hs_ucode hs;
	int ret = nvgsp_fw_ucode_parse_hs(&blob, &hs, &diag);

	ck_assert_msg(ret == 0, "%s: %d %s", name, ret, diag.msg);
	ck_assert_uint_eq(size, row->size);
	bin_eq(&hs.bin, row->bin_size, row->data_offset, row->data_size, size);
	ck_assert_ptr_eq(hs.image, data + row->data_offset);
	ck_assert_uint_eq(hs.image_size, row->data_size);
	ck_assert_uint_eq(hs.num_sig, row->num_sig);
	ck_assert_uint_eq(hs.sig_size, row->sig_size);
	ck_assert_uint_eq(hs.sigs_offset, 0x3c);
	ck_assert_ptr_eq(hs.sigs, data + 0x3c);
	ck_assert_uint_eq(hs.patch_loc, row->patch_loc);
	ck_assert_uint_eq(hs.sig_dmem_offset, row->patch_loc - row->os_data_off);
	region_eq(&hs.os_code, 0, 0x100, "os code", name);
	region_eq(&hs.os_data, row->os_data_off, row->os_data_size, "os data", name);
	region_eq(&hs.app_code, row->app_code_off, row->app_code_size, "app code", name);
	region_eq(&hs.app_data, 0x100, 0, "app data", name);
	ck_assert_uint_eq(hs.fuse_ver, row->fuse_ver);
	ck_assert_uint_eq(hs.engine_id_mask, row->engine_id);
	ck_assert_uint_eq(hs.ucode_id, row->ucode_id);
	/* DMEM data comes last (AD102's booter_unload leaves 256 bytes after it) */
	ck_assert_uint_le(row->os_data_off + row->os_data_size, row->data_size);
	ck_assert_uint_le(row->app_code_off + row->app_code_size, row->os_data_off);
}

static void check_rv(const struct rv_row *row, const u8 *data, size_t size, const char *name)
{
	struct nvgsp_fw_blob blob = { .name = name, .data = data, .size = size };
	struct nvgsp_fw_diag diag = { "" };
	struct nvgsp_fw_riscv_ucode rv;
	int ret = nvgsp_fw_ucode_parse_riscv(&blob, &rv, &diag);

	ck_assert_msg(ret == 0, "%s: %d %s", name, ret, diag.msg);
	ck_assert_uint_eq(size, row->size);
	bin_eq(&rv.bin, row->bin_size, row->data_offset, row->data_size, size);
	ck_assert_ptr_eq(rv.image, data + row->data_offset);
	ck_assert_uint_eq(rv.image_size, row->data_size);
	ck_assert_uint_eq(rv.version, row->version);
	/* the descriptor (76 or 84 bytes) fills the gap to the image */
	ck_assert_uint_eq(0x18 + (row->version == 4 ? 76 : 84), row->data_offset);
	ck_assert_uint_eq(rv.app_version, 0);
	region_eq(&rv.bootloader, row->bl.off, row->bl.size, "bootloader", name);
	region_eq(&rv.bootloader_params, row->bl_params.off, row->bl_params.size,
		  "bootloader params", name);
	region_eq(&rv.riscv_elf, 0, 0, "riscv elf", name);
	region_eq(&rv.manifest, row->manifest.off, row->manifest.size, "manifest", name);
	region_eq(&rv.monitor_data, row->mon_data.off, row->mon_data.size, "monitor data", name);
	region_eq(&rv.monitor_code, row->mon_code.off, row->mon_code.size, "monitor code", name);
	region_eq(&rv.swbrom_code, 0, 0, "swbrom code", name);
	region_eq(&rv.swbrom_data, 0, 0, "swbrom data", name);
	ck_assert(rv.monitor_enabled == row->monitor);
	ck_assert_uint_eq(rv.fb_reserved_size, row->fb_reserved);
	ck_assert(!rv.signed_as_code);
}

static void check_bl(const struct bl_row *row, const u8 *data, size_t size, const char *name)
{
	struct nvgsp_fw_blob blob = { .name = name, .data = data, .size = size };
	struct nvgsp_fw_diag diag = { "" };
	struct nvgsp_fw_bl_ucode bl;
	int ret = nvgsp_fw_ucode_parse_bl(&blob, &bl, &diag);

	ck_assert_msg(ret == 0, "%s: %d %s", name, ret, diag.msg);
	ck_assert_uint_eq(size, row->size);
	bin_eq(&bl.bin, row->bin_size, row->data_offset, row->data_size, size);
	ck_assert_ptr_eq(bl.image, data + row->data_offset);
	ck_assert_uint_eq(bl.image_size, row->data_size);
	ck_assert_uint_eq(bl.start_tag, row->start_tag);
	ck_assert_uint_eq(bl.boot_addr, row->start_tag << 8);
	ck_assert_uint_eq(bl.dmem_load_off, 0);
	region_eq(&bl.code, row->code.off, row->code.size, "code", name);
	region_eq(&bl.data, row->data.off, row->data.size, "data", name);
}

/* Check the row named @rel against the bytes of @path; false if no row. */
static bool check_row(const char *rel, const u8 *data, size_t size, const char *name)
{
	int i;

	for (i = 0; i < N(hs_rows); i++)
		if (!strcmp(hs_rows[i].path, rel)) {
			check_hs(&hs_rows[i], data, size, name);
			return true;
		}
	for (i = 0; i < N(rv_rows); i++)
		if (!strcmp(rv_rows[i].path, rel)) {
			check_rv(&rv_rows[i], data, size, name);
			return true;
		}
	for (i = 0; i < N(bl_rows); i++)
		if (!strcmp(bl_rows[i].path, rel)) {
			check_bl(&bl_rows[i], data, size, name);
			return true;
		}
	return false;
}

/* A real file: a plain file in a real directory, its row's facts, every set. */
static void check_real(const char *rel, unsigned int in_sets)
{
	unsigned int s;

	for (s = 0; s < N_SETS; s++) {
		char real[PATH_MAX], root[PATH_MAX], want[PATH_MAX * 2];
		const char *path;
		size_t size;
		u8 *data;

		if (!(in_sets & sets[s].bit))
			continue;
		ck_assert_ptr_nonnull(realpath(unit_fw_root(sets[s].name), root));
		path = unit_fw_path(sets[s].name, rel);
		ck_assert_msg(realpath(path, real), "%s: missing", path);
		snprintf(want, sizeof(want), "%s/%s", root, rel);
		ck_assert_msg(!strcmp(real, want), "%s is a link to %s", path, real);
		data = unit_read_file(path, &size);
		ck_assert(check_row(rel, data, size, rel));
		free(data);
	}
}

START_TEST(hs_real_files)
{
	check_real(hs_rows[_i].path, hs_rows[_i].sets);
	ck_assert_int_eq(nvgsp_fw_ucode_kind_of(role_of(hs_rows[_i].path)), NVGSP_FW_UCODE_HS);
}
END_TEST

START_TEST(riscv_real_files)
{
	check_real(rv_rows[_i].path, rv_rows[_i].sets);
	ck_assert_int_eq(nvgsp_fw_ucode_kind_of(role_of(rv_rows[_i].path)),
			 NVGSP_FW_UCODE_RISCV);
}
END_TEST

START_TEST(bl_real_files)
{
	check_real(bl_rows[_i].path, bl_rows[_i].sets);
	ck_assert_int_eq(nvgsp_fw_ucode_kind_of(role_of(bl_rows[_i].path)), NVGSP_FW_UCODE_BL);
}
END_TEST

/* A link: resolves to its target, parses, and gives the target's facts. */
START_TEST(linked_files)
{
	unsigned int s;

	for (s = 0; s < N_SETS; s++) {
		char link_real[PATH_MAX], target_real[PATH_MAX], root[PATH_MAX];
		char want[PATH_MAX * 2];
		struct nvgsp_fw_diag diag = { "" };
		struct nvgsp_fw_blob blob;
		size_t size;
		u8 *data;

		if (!(links[_i].sets & sets[s].bit))
			continue;
		ck_assert_ptr_nonnull(realpath(unit_fw_root(sets[s].name), root));
		ck_assert_msg(realpath(unit_fw_path(sets[s].name, links[_i].path), link_real),
			      "%s/%s: missing", sets[s].name, links[_i].path);
		ck_assert_ptr_nonnull(realpath(unit_fw_path(sets[s].name, links[_i].target),
					       target_real));
		ck_assert_str_eq(link_real, target_real);
		snprintf(want, sizeof(want), "%s/%s", root, links[_i].path);
		ck_assert_msg(strcmp(link_real, want), "%s is not a link", links[_i].path);

		data = unit_read_file(unit_fw_path(sets[s].name, links[_i].path), &size);
		ck_assert_msg(check_row(links[_i].target, data, size, links[_i].path),
			      "%s: no row for target %s", links[_i].path, links[_i].target);
		/* and through the role its own name says */
		blob = (struct nvgsp_fw_blob){ links[_i].path, data, size };
		ck_assert_int_eq(nvgsp_fw_ucode_check(role_of(links[_i].path), &blob, &diag), 0);
		ck_assert_int_eq(role_of(links[_i].path), role_of(links[_i].target));
		free(data);
	}
}
END_TEST

static bool in_tables(const char *rel, unsigned int bit)
{
	int i;

	for (i = 0; i < N(hs_rows); i++)
		if (!strcmp(hs_rows[i].path, rel))
			return hs_rows[i].sets & bit;
	for (i = 0; i < N(rv_rows); i++)
		if (!strcmp(rv_rows[i].path, rel))
			return rv_rows[i].sets & bit;
	for (i = 0; i < N(bl_rows); i++)
		if (!strcmp(bl_rows[i].path, rel))
			return bl_rows[i].sets & bit;
	for (i = 0; i < N(links); i++)
		if (!strcmp(links[i].path, rel))
			return links[i].sets & bit;
	return false;
}

static int tables_count(unsigned int bit)
{
	int i, n = 0;

	for (i = 0; i < N(hs_rows); i++)
		n += !!(hs_rows[i].sets & bit);
	for (i = 0; i < N(rv_rows); i++)
		n += !!(rv_rows[i].sets & bit);
	for (i = 0; i < N(bl_rows); i++)
		n += !!(bl_rows[i].sets & bit);
	for (i = 0; i < N(links); i++)
		n += !!(links[i].sets & bit);
	return n;
}

/* A ucode container straight in a chip's gsp/: nvidia/<chip>/gsp/<role>-<release>.bin. */
static bool is_ucode_path(const char *path)
{
	char chip[128], name[128];
	enum nvgsp_fw_role role;
	int end = 0;

	if (sscanf(path, "nvidia/%127[^/]/gsp/%127[^/]%n", chip, name, &end) != 2 || path[end])
		return false;
	role = role_of(name);
	return role != NVGSP_FW_NR_ROLES && nvgsp_fw_ucode_kind_of(role) != NVGSP_FW_UCODE_NONE;
}

/*
 * Every booter/bootloader/gen_bootloader/scrubber file under nvidia/<chip>/gsp/
 * (following linked directories, as the kernel's loader does) is in the
 * tables, and the tables name nothing more: a new file in the archive fails
 * here until it has its row. (nvidia/<chip>/nvdec/scrubber.bin is the
 * pre-GSP ACR scrubber, another format, and not under gsp/.)
 */
START_TEST(tables_cover_every_file)
{
	static char found[256][128];
	unsigned int s = (unsigned int)_i, n, i;

	n = unit_fw_walk(unit_fw_root(sets[s].name), "nvidia", is_ucode_path, found, 256);
	for (i = 0; i < n; i++)
		ck_assert_msg(in_tables(found[i], sets[s].bit), "%s: %s has no row", sets[s].name,
			      found[i]);
	ck_assert_int_eq(n, tables_count(sets[s].bit));
	/* sid: 31 distinct files (21 HS, 9 RISC-V, 1 bl) and 84 links; trixie: 14 and 34 */
	ck_assert_int_eq(n, sets[s].bit == SID ? 115 : 48);
}
END_TEST

START_TEST(role_kinds)
{
	static const struct { enum nvgsp_fw_role role; enum nvgsp_fw_ucode_kind kind; const char *name; } k[] = {
		{ NVGSP_FW_GSP, NVGSP_FW_UCODE_NONE, "none" },
		{ NVGSP_FW_BOOTLOADER, NVGSP_FW_UCODE_RISCV, "riscv" },
		{ NVGSP_FW_BOOTER_LOAD, NVGSP_FW_UCODE_HS, "hs" },
		{ NVGSP_FW_BOOTER_UNLOAD, NVGSP_FW_UCODE_HS, "hs" },
		{ NVGSP_FW_GEN_BOOTLOADER, NVGSP_FW_UCODE_BL, "bl" },
		{ NVGSP_FW_SCRUBBER, NVGSP_FW_UCODE_HS, "hs" },
		{ NVGSP_FW_FMC, NVGSP_FW_UCODE_NONE, "none" },
		{ NVGSP_FW_NR_ROLES, NVGSP_FW_UCODE_NONE, "none" },
	};
	struct nvgsp_fw_blob blob = { "nvidia/tu102/gsp/gsp-570.144.bin", (const u8 *)"x", 1 };
	struct nvgsp_fw_diag diag;
	struct nvgsp_fw_ucode uc;
	int i;

	for (i = 0; i < N(k); i++) {
		ck_assert_int_eq(nvgsp_fw_ucode_kind_of(k[i].role), k[i].kind);
		ck_assert_str_eq(nvgsp_fw_ucode_kind_name(k[i].kind), k[i].name);
	}
	ck_assert_int_eq(role_of("nvidia/tu102/gsp/gen_bootloader-570.144.bin"),
			 NVGSP_FW_GEN_BOOTLOADER);
	ck_assert_int_eq(role_of("bootloader-570.144.bin"), NVGSP_FW_BOOTLOADER);
	ck_assert_int_eq(role_of("booter_unload-570.144.bin"), NVGSP_FW_BOOTER_UNLOAD);
	ck_assert_int_eq(nvgsp_fw_ucode_check(NVGSP_FW_GSP, &blob, &diag), -EINVAL);
	ck_assert_str_eq(diag.msg,
			 "nvidia/tu102/gsp/gsp-570.144.bin: gsp files are not ucode containers");
	ck_assert_int_eq(nvgsp_fw_ucode_parse(&blob, NVGSP_FW_UCODE_NONE, &uc, &diag), -EINVAL);
	ck_assert_int_eq(uc.kind, NVGSP_FW_UCODE_NONE);
	ck_assert_ptr_nonnull(strstr(diag.msg, "not a ucode container"));
	/* a NULL diag drops the reason but not the error */
	ck_assert_int_eq(nvgsp_fw_ucode_parse(&blob, NVGSP_FW_UCODE_HS, &uc, NULL), -EINVAL);
}
END_TEST

/* The signature for each hardware fuse version (RM's rule). */
START_TEST(hs_signature_choice)
{
	static const struct { const char *path; u32 hw_fuse; int index; } c[] = {
		{ "nvidia/ga102/gsp/booter_load-570.144.bin", 0, 1 },
		{ "nvidia/ga102/gsp/booter_load-570.144.bin", 1, 0 },
		{ "nvidia/ga102/gsp/booter_load-570.144.bin", 2, -1 },
		{ "nvidia/ga102/gsp/booter_load-570.144.bin", 0xffffffff, -1 },
		{ "nvidia/tu102/gsp/booter_load-570.144.bin", 0, 0 },
		{ "nvidia/tu102/gsp/booter_load-570.144.bin", 7, 0 },
		{ "nvidia/ga100/gsp/booter_unload-535.113.01.bin", 0, 0 },
	};
	int i;

	for (i = 0; i < N(c); i++) {
		struct nvgsp_fw_hs_ucode hs;
		struct nvgsp_fw_diag diag;
		struct nvgsp_fw_blob blob;
		u32 idx = 0xdead;
		const u8 *sig;
		size_t size;
		u8 *data = unit_read_file(unit_fw_path("graphics-sid", c[i].path), &size);

		blob = (struct nvgsp_fw_blob){ c[i].path, data, size };
		ck_assert_int_eq(nvgsp_fw_ucode_parse_hs(&blob, &hs, &diag), 0);
		sig = nvgsp_fw_ucode_hs_signature(&hs, c[i].hw_fuse, &idx);
		if (c[i].index < 0) {
			ck_assert_ptr_null(sig);
		} else {
			ck_assert_uint_eq(idx, (u32)c[i].index);
			ck_assert_ptr_eq(sig, data + 0x3c + (size_t)c[i].index * hs.sig_size);
		}
		free(data);
	}
	/* an unparsed (zeroed) description has no signature to give */
	{
		struct nvgsp_fw_hs_ucode none = { .num_sig = 0 };

		ck_assert_ptr_null(nvgsp_fw_ucode_hs_signature(&none, 0, NULL));
	}
}
END_TEST

/* The formats carry no magic past the bin header: the role decides. */
START_TEST(wrong_parser)
{
	static const struct {
		const char *path;
		enum nvgsp_fw_ucode_kind kind;
		int err;
		const char *msg;
	} c[] = {
		{ "nvidia/ga102/gsp/booter_load-570.144.bin", NVGSP_FW_UCODE_RISCV, -EINVAL,
		  "riscv desc: version 60 is not 4 or 5, the versions known" },
		{ "nvidia/tu102/gsp/gen_bootloader-570.144.bin", NVGSP_FW_UCODE_RISCV, -EINVAL,
		  "riscv desc: version 253 is not 4 or 5" },
		{ "nvidia/ga102/gsp/bootloader-570.144.bin", NVGSP_FW_UCODE_BL, -EINVAL,
		  "bl desc: code [0x880, +0x5880) is outside the 0x6000-byte image" },
		/* an HS header read as a bl descriptor happens to be valid */
		{ "nvidia/tu102/gsp/booter_load-535.113.01.bin", NVGSP_FW_UCODE_BL, 0, NULL },
	};
	int i;

	for (i = 0; i < N(c); i++) {
		struct nvgsp_fw_diag diag = { "" };
		struct nvgsp_fw_ucode uc;
		struct nvgsp_fw_blob blob;
		size_t size;
		u8 *data = unit_read_file(unit_fw_path("graphics-sid", c[i].path), &size);

		blob = (struct nvgsp_fw_blob){ c[i].path, data, size };
		ck_assert_int_eq(nvgsp_fw_ucode_parse(&blob, c[i].kind, &uc, &diag), c[i].err);
		if (c[i].msg)
			ck_assert_msg(strstr(diag.msg, c[i].msg), "%s: got '%s'", c[i].path,
				      diag.msg);
		free(data);
	}
}
END_TEST

/* ---------------------------------------------------------------------- */

/*
 * The corruption corpus: each case takes a real file, cuts it to (or
 * zero-extends it to) @len bytes in a buffer of exactly that size (so
 * AddressSanitizer catches any read past it), stores up to three u32 values
 * at file offsets, and expects one error and a message specific to the
 * case. Offsets are those of the dumps above:
 *
 * GA = ga102 booter_load-570.144 (61304 bytes): bin header 0x0, HS header
 *   0x18 (sig_prod_offset 0x18, sig_prod_size 0x1c, patch_loc 0x20,
 *   patch_sig 0x24, meta_data_offset 0x28, meta_data_size 0x2c, num_sig
 *   0x30, header_offset 0x34, header_size 0x38), signatures 0x3c..0x33c,
 *   patch_loc value 0x33c, patch_sig value 0x340, meta 0x344/0x348/0x34c,
 *   num_sig value 0x350, load header 0x354..0x378 (os code 0x354/0x358, os
 *   data 0x35c/0x360, num_apps 0x364, app code 0x368/0x36c, app data
 *   0x370/0x374), image 0x378..0xef78.
 * TU = tu102 booter_load-535.113.01 (57992 bytes): signatures 0x3c..0x4c,
 *   patch_loc value 0x4c, patch_sig 0x50, meta 0x54, num_sig 0x60, load
 *   header 0x64..0x88, image 0x88..0xe288.
 * SC = ad102 scrubber-570.144 (8312 bytes): as GA; image 0x378..0x2078.
 * RV5 = ga102 bootloader-570.144 (24684 bytes): descriptor 0x18..0x6c
 *   (word i at 0x18 + 4i), image 0x6c..0x606c.
 * RV4 = tu102 bootloader-535.113.01 (4196 bytes): descriptor 0x18..0x64,
 *   image 0x64..0x1064.
 * BL = tu102 gen_bootloader-570.144 (816 bytes): descriptor 0x18..0x30
 *   (start_tag, dmem_load_off, code_off, code_size, data_off, data_size),
 *   image 0x30..0x330.
 */
#define GA "nvidia/ga102/gsp/booter_load-570.144.bin"
#define TU "nvidia/tu102/gsp/booter_load-535.113.01.bin"
#define SC "nvidia/ad102/gsp/scrubber-570.144.bin"
#define RV5 "nvidia/ga102/gsp/bootloader-570.144.bin"
#define RV4 "nvidia/tu102/gsp/bootloader-535.113.01.bin"
#define BL "nvidia/tu102/gsp/gen_bootloader-570.144.bin"
#define KEEP (-1L)

enum { HS = NVGSP_FW_UCODE_HS, RV = NVGSP_FW_UCODE_RISCV, BLK = NVGSP_FW_UCODE_BL };

static const struct corrupt {
	const char *file;
	int kind;
	long len;
	struct { u32 off, val; } set[3];
	int nset;
	int err;
	const char *msg;
} cases[] = {
#define T(f, k, l, e, m) { f, k, l, { { 0, 0 } }, 0, e, m }
#define P(f, k, o, v, e, m) { f, k, KEEP, { { o, v } }, 1, e, m }
#define P2(f, k, o1, v1, o2, v2, e, m) { f, k, KEEP, { { o1, v1 }, { o2, v2 } }, 2, e, m }
	/* bin header: truncation, magic, version, offsets, sizes */
	T(GA, HS, 0, -EINVAL, "bin header: the 0-byte file is shorter than the 24-byte nvfw_bin_hdr"),
	T(GA, HS, 1, -EINVAL, "bin header: the 1-byte file is shorter than the 24-byte nvfw_bin_hdr"),
	T(GA, HS, 23, -EINVAL, "bin header: the 23-byte file is shorter than the 24-byte nvfw_bin_hdr"),
	T(RV5, RV, 12, -EINVAL, "bin header: the 12-byte file is shorter than the 24-byte nvfw_bin_hdr"),
	T(BL, BLK, 20, -EINVAL, "bin header: the 20-byte file is shorter than the 24-byte nvfw_bin_hdr"),
	P(GA, HS, 0x0, 0x10df, -EINVAL, "bin header: bin_magic 0x10df is not 0x10de"),
	P(RV5, RV, 0x0, 0, -EINVAL, "bin header: bin_magic 0x0 is not 0x10de"),
	P(BL, BLK, 0x0, 0xde100000, -EINVAL, "bin header: bin_magic 0xde100000 is not 0x10de"),
	P(GA, HS, 0x4, 2, -EINVAL, "bin header: bin_ver 2 is not 1, the only version known"),
	P(RV5, RV, 0x4, 0, -EINVAL, "bin header: bin_ver 0 is not 1"),
	P(GA, HS, 0xc, 0x10, -EINVAL, "bin header: header_offset 0x10 overlaps the 24-byte nvfw_bin_hdr"),
	P(BL, BLK, 0xc, 0, -EINVAL, "bin header: header_offset 0x0 overlaps the 24-byte nvfw_bin_hdr"),
	P(GA, HS, 0xc, 0xffffffff, -EINVAL, "hs header: 36 bytes at header_offset 0xffffffff are past the end of the 61304-byte file"),
	P(GA, HS, 0xc, 0xef60, -EINVAL, "hs header: 36 bytes at header_offset 0xef60 are past the end of the 61304-byte file"),
	P(GA, HS, 0x10, 0xffffffff, -EINVAL, "bin header: data_offset 0xffffffff + data_size 0xec00 is past the end of the 61304-byte file"),
	P(GA, HS, 0x14, 0xffffffff, -EINVAL, "bin header: data_offset 0x378 + data_size 0xffffffff is past the end of the 61304-byte file"),
	P(GA, HS, 0x14, 0xec01, -EINVAL, "bin header: data_offset 0x378 + data_size 0xec01 is past the end of the 61304-byte file"),
	P(GA, HS, 0x14, 0, -EINVAL, "bin header: data_size is 0: no image"),
	P(GA, HS, 0x10, 0x18, -EINVAL, "bin header: the hs header [0x18, 0x3c) overlaps the image [0x18, 0xec18)"),
	P(GA, HS, 0x8, 0xef00, -EINVAL, "bin header: bin_size 0xef00 is less than the 0xef78 bytes its headers and image span"),
	P(GA, HS, 0x8, 0, -EINVAL, "bin header: bin_size 0x0 is less than the 0xef78 bytes"),
	P(GA, HS, 0x8, 0xffffffff, -EINVAL, "bin header: bin_size 0xffffffff is more than the 61304-byte file rounded up to 256 (0xf000): truncated?"),
	P(GA, HS, 0x8, 0xf001, -EINVAL, "bin header: bin_size 0xf001 is more than the 61304-byte file"),
	/* cut by more than the padding, with data_size shrunk to fit: bin_size tells */
	{ GA, HS, 0xef00, { { 0x14, 0xeb88 } }, 1, -EINVAL,
	  "bin header: bin_size 0xf000 is more than the 61184-byte file rounded up to 256 (0xef00)" },

	/* HS: truncation at and around each part, in file order */
	T(GA, HS, 24, -EINVAL, "hs header: 36 bytes at header_offset 0x18 are past the end of the 24-byte file"),
	T(GA, HS, 0x3b, -EINVAL, "hs header: 36 bytes at header_offset 0x18 are past the end of the 59-byte file"),
	T(GA, HS, 0x3c, -EINVAL, "hs header: signatures [0x3c, +0x300) are past the end of the 60-byte file"),
	T(GA, HS, 0x33b, -EINVAL, "hs header: signatures [0x3c, +0x300) are past the end of the 827-byte file"),
	T(GA, HS, 0x33c, -EINVAL, "hs header: patch_loc at file offset 0x33c is past the end of the 828-byte file"),
	T(GA, HS, 0x33f, -EINVAL, "hs header: patch_loc at file offset 0x33c is past the end of the 831-byte file"),
	T(GA, HS, 0x340, -EINVAL, "hs header: patch_sig at file offset 0x340 is past the end of the 832-byte file"),
	T(GA, HS, 0x344, -EINVAL, "hs header: meta data at file offset 0x344 is past the end of the 836-byte file"),
	T(GA, HS, 0x34f, -EINVAL, "hs header: meta data at file offset 0x344 is past the end of the 847-byte file"),
	T(GA, HS, 0x350, -EINVAL, "hs header: num_sig at file offset 0x350 is past the end of the 848-byte file"),
	T(GA, HS, 0x354, -EINVAL, "hs load header: 36 bytes at header_offset 0x354 are past the end of the 852-byte file"),
	T(GA, HS, 0x377, -EINVAL, "hs load header: 36 bytes at header_offset 0x354 are past the end of the 887-byte file"),
	T(GA, HS, 0x378, -EINVAL, "bin header: data_offset 0x378 + data_size 0xec00 is past the end of the 888-byte file"),
	T(GA, HS, 0xef77, -EINVAL, "bin header: data_offset 0x378 + data_size 0xec00 is past the end of the 61303-byte file"),
	T(TU, HS, 0x4c, -EINVAL, "hs header: patch_loc at file offset 0x4c is past the end of the 76-byte file"),
	T(TU, HS, 0x64, -EINVAL, "hs load header: 36 bytes at header_offset 0x64 are past the end of the 100-byte file"),
	T(TU, HS, 0x88, -EINVAL, "bin header: data_offset 0x88 + data_size 0xe200 is past the end of the 136-byte file"),
	T(SC, HS, 0x2077, -EINVAL, "bin header: data_offset 0x378 + data_size 0x1d00 is past the end of the 8311-byte file"),

	/* HS header fields pointing past the end, overflowing sizes */
	P(GA, HS, 0x18, 0xef00, -EINVAL, "hs header: signatures [0xef00, +0x300) are past the end of the 61304-byte file"),
	P(GA, HS, 0x1c, 0xffffffff, -EINVAL, "hs header: signatures [0x3c, +0xffffffff) are past the end of the 61304-byte file"),
	P(GA, HS, 0x20, 0xef78, -EINVAL, "hs header: patch_loc at file offset 0xef78 is past the end of the 61304-byte file"),
	P(GA, HS, 0x20, 0xffffffff, -EINVAL, "hs header: patch_loc at file offset 0xffffffff is past the end of the 61304-byte file"),
	P(GA, HS, 0x24, 0xef75, -EINVAL, "hs header: patch_sig at file offset 0xef75 is past the end of the 61304-byte file"),
	P(GA, HS, 0x28, 0xef70, -EINVAL, "hs header: meta data at file offset 0xef70 is past the end of the 61304-byte file"),
	P(GA, HS, 0x2c, 0xffffffff, -EINVAL, "hs header: meta_data_size 4294967295 is not 12 (fuse_ver, engine_id, ucode_id)"),
	P(GA, HS, 0x2c, 8, -EINVAL, "hs header: meta_data_size 8 is not 12"),
	P(GA, HS, 0x30, 0xffffffff, -EINVAL, "hs header: num_sig at file offset 0xffffffff is past the end of the 61304-byte file"),
	P(TU, HS, 0x30, 0xe286, -EINVAL, "hs header: num_sig at file offset 0xe286 is past the end of the 57992-byte file"),
	P(GA, HS, 0x34, 0xef70, -EINVAL, "hs load header: 36 bytes at header_offset 0xef70 are past the end of the 61304-byte file"),
	P(GA, HS, 0x38, 0xffffffff, -EINVAL, "hs load header: 4294967295 bytes at header_offset 0x354 are past the end of the 61304-byte file"),
	P(GA, HS, 0x38, 16, -EINVAL, "hs load header: header_size 16 is less than the 20-byte fixed part"),
	P(GA, HS, 0x38, 28, -EINVAL, "hs load header: header_size 28 is less than the 36 bytes of 1 app"),

	/* HS values */
	P(GA, HS, 0x340, 1, -EINVAL, "hs header: patch_sig 1 at file offset 0x340 is not 0 (NVIDIA's RM accepts only 0)"),
	P(TU, HS, 0x50, 0x10, -EINVAL, "hs header: patch_sig 16 at file offset 0x50 is not 0"),
	P(GA, HS, 0x350, 0, -EINVAL, "hs signatures: num_sig is 0: the ucode is unsigned"),
	P(GA, HS, 0x350, 0xffffffff, -EINVAL, "hs signatures: num_sig 4294967295 exceeds sig_prod_size 768: signatures would be empty"),
	P(GA, HS, 0x350, 769, -EINVAL, "hs signatures: num_sig 769 exceeds sig_prod_size 768"),
	P(TU, HS, 0x60, 17, -EINVAL, "hs signatures: num_sig 17 exceeds sig_prod_size 16"),
	P(GA, HS, 0x350, 5, -EINVAL, "hs signatures: sig_prod_size 768 is not a multiple of num_sig 5"),
	P(GA, HS, 0x1c, 767, -EINVAL, "hs signatures: sig_prod_size 767 is not a multiple of num_sig 2"),
	P(TU, HS, 0x60, 3, -EINVAL, "hs signatures: sig_prod_size 16 is not a multiple of num_sig 3"),
	P(GA, HS, 0x344, 2, -EINVAL, "hs header: fuse_ver 2 has no signature (num_sig 2)"),
	P(TU, HS, 0x54, 0xffffffff, -EINVAL, "hs header: fuse_ver 4294967295 has no signature (num_sig 1)"),
	P(GA, HS, 0x348, 0, -EINVAL, "hs header: engine_id 0x0 is not a non-zero 16-bit engine mask"),
	P(GA, HS, 0x348, 0x10000, -EINVAL, "hs header: engine_id 0x10000 is not a non-zero 16-bit engine mask"),
	P(GA, HS, 0x34c, 0, -EINVAL, "hs header: ucode_id 0 is outside 1..16 (one fuse register each)"),
	P(SC, HS, 0x34c, 17, -EINVAL, "hs header: ucode_id 17 is outside 1..16"),
	P(GA, HS, 0x364, 0, -EINVAL, "hs load header: num_apps is 0"),
	P(GA, HS, 0x364, 0xffffffff, -E2BIG, "hs load header: num_apps 4294967295: only 1 is supported (as by NVIDIA's RM)"),
	P(GA, HS, 0x364, 2, -E2BIG, "hs load header: num_apps 2: only 1 is supported"),

	/* HS regions outside the image */
	P(GA, HS, 0x354, 0xec00, -EINVAL, "hs load header: os code [0xec00, +0x100) is outside the 0xec00-byte image"),
	P(GA, HS, 0x358, 0xffffffff, -EINVAL, "hs load header: os code [0x0, +0xffffffff) is outside the 0xec00-byte image"),
	P(GA, HS, 0x35c, 0xffffffff, -EINVAL, "hs load header: os data [0xffffffff, +0x6200) is outside the 0xec00-byte image"),
	P(GA, HS, 0x360, 0x6201, -EINVAL, "hs load header: os data [0x8a00, +0x6201) is outside the 0xec00-byte image"),
	P(GA, HS, 0x368, 0xffffff00, -EINVAL, "hs load header: app code [0xffffff00, +0x8900) is outside the 0xec00-byte image"),
	P(GA, HS, 0x36c, 0xeb01, -EINVAL, "hs load header: app code [0x100, +0xeb01) is outside the 0xec00-byte image"),
	P(GA, HS, 0x370, 0xec01, -EINVAL, "hs load header: app data [0xec01, +0x0) is outside the 0xec00-byte image"),
	P(GA, HS, 0x374, 0xffffffff, -EINVAL, "hs load header: app data [0x100, +0xffffffff) is outside the 0xec00-byte image"),
	P(TU, HS, 0x70, 0xe101, -EINVAL, "hs load header: os data [0x8000, +0xe101) is outside the 0xe200-byte image"),

	/* HS signature patch location */
	P(GA, HS, 0x33c, 0x89ff, -EINVAL, "hs header: patch_loc 0x89ff is below os_data_offset 0x8a00"),
	P(GA, HS, 0x33c, 0, -EINVAL, "hs header: patch_loc 0x0 is below os_data_offset 0x8a00"),
	P(SC, HS, 0x33c, 0x19ff, -EINVAL, "hs header: patch_loc 0x19ff is below os_data_offset 0x1a00"),
	P(GA, HS, 0x33c, 0xeb81, -EINVAL, "hs header: the 384-byte signature at patch_loc 0xeb81 does not fit in os data [0x8a00, +0x6200)"),
	P(GA, HS, 0x33c, 0xffffffff, -EINVAL, "hs header: the 384-byte signature at patch_loc 0xffffffff does not fit in os data [0x8a00, +0x6200)"),
	P(TU, HS, 0x4c, 0xe1f1, -EINVAL, "hs header: the 16-byte signature at patch_loc 0xe1f1 does not fit in os data [0x8000, +0x6200)"),
	P2(SC, HS, 0x33c, 0x1a81, 0x360, 0x200, -EINVAL, "hs header: the 384-byte signature at patch_loc 0x1a81 does not fit in os data [0x1a00, +0x200)"),

	/* RISC-V: truncation */
	T(RV5, RV, 24, -EINVAL, "riscv desc: version at header_offset 0x18 is past the end of the 24-byte file"),
	T(RV5, RV, 27, -EINVAL, "riscv desc: version at header_offset 0x18 is past the end of the 27-byte file"),
	T(RV5, RV, 28, -EINVAL, "riscv desc: the 84-byte version 5 descriptor at 0x18 is past the end of the 28-byte file"),
	T(RV5, RV, 0x6b, -EINVAL, "riscv desc: the 84-byte version 5 descriptor at 0x18 is past the end of the 107-byte file"),
	T(RV5, RV, 0x6c, -EINVAL, "bin header: data_offset 0x6c + data_size 0x6000 is past the end of the 108-byte file"),
	T(RV5, RV, 0x606b, -EINVAL, "bin header: data_offset 0x6c + data_size 0x6000 is past the end of the 24683-byte file"),
	T(RV4, RV, 0x63, -EINVAL, "riscv desc: the 76-byte version 4 descriptor at 0x18 is past the end of the 99-byte file"),
	T(RV4, RV, 0x64, -EINVAL, "bin header: data_offset 0x64 + data_size 0x1000 is past the end of the 100-byte file"),

	/* RISC-V: version, offsets */
	P(RV5, RV, 0x18, 3, -EINVAL, "riscv desc: version 3 is not 4 or 5, the versions known"),
	P(RV5, RV, 0x18, 6, -EINVAL, "riscv desc: version 6 is not 4 or 5"),
	P(RV4, RV, 0x18, 0, -EINVAL, "riscv desc: version 0 is not 4 or 5"),
	P(RV5, RV, 0x18, 0xffffffff, -EINVAL, "riscv desc: version 4294967295 is not 4 or 5"),
	P(RV5, RV, 0xc, 0xffffffff, -EINVAL, "riscv desc: version at header_offset 0xffffffff is past the end of the 24684-byte file"),
	P(RV5, RV, 0xc, 0x606a, -EINVAL, "riscv desc: version at header_offset 0x606a is past the end of the 24684-byte file"),
	P(RV5, RV, 0x10, 0x20, -EINVAL, "bin header: the riscv desc [0x18, 0x6c) overlaps the image [0x20, 0x6020)"),
	P(RV4, RV, 0x18, 5, -EINVAL, "bin header: the riscv desc [0x18, 0x6c) overlaps the image [0x64, 0x1064)"),
	P(RV5, RV, 0x8, 0x6000, -EINVAL, "bin header: bin_size 0x6000 is less than the 0x606c bytes its headers and image span"),
	P(RV5, RV, 0x14, 0x6001, -EINVAL, "bin header: data_offset 0x6c + data_size 0x6001 is past the end of the 24684-byte file"),

	/* RISC-V: every region, then flags and sizes */
	P(RV5, RV, 0x20, 0x1001, -EINVAL, "riscv desc: bootloader [0x5000, +0x1001) is outside the 0x6000-byte image"),
	P(RV4, RV, 0x20, 0x1001, -EINVAL, "riscv desc: bootloader [0x0, +0x1001) is outside the 0x1000-byte image"),
	P(RV5, RV, 0x24, 0xffffffff, -EINVAL, "riscv desc: bootloader params [0xffffffff, +0x10) is outside the 0x6000-byte image"),
	P(RV4, RV, 0x24, 0xff8, -EINVAL, "riscv desc: bootloader params [0xff8, +0x10) is outside the 0x1000-byte image"),
	P(RV5, RV, 0x2c, 0x6001, -EINVAL, "riscv desc: riscv elf [0x6001, +0x0) is outside the 0x6000-byte image"),
	P(RV5, RV, 0x30, 0xffffffff, -EINVAL, "riscv desc: riscv elf [0x0, +0xffffffff) is outside the 0x6000-byte image"),
	P(RV5, RV, 0x3c, 0x6001, -EINVAL, "riscv desc: manifest [0x0, +0x6001) is outside the 0x6000-byte image"),
	P(RV5, RV, 0x40, 0x6001, -EINVAL, "riscv desc: monitor data [0x6001, +0x1000) is outside the 0x6000-byte image"),
	P(RV5, RV, 0x48, 0x5f00, -EINVAL, "riscv desc: monitor code [0x5f00, +0x2900) is outside the 0x6000-byte image"),
	P(RV5, RV, 0x4c, 0xffffffff, -EINVAL, "riscv desc: monitor code [0x1800, +0xffffffff) is outside the 0x6000-byte image"),
	P(RV5, RV, 0x58, 0x6001, -EINVAL, "riscv desc: swbrom code [0x0, +0x6001) is outside the 0x6000-byte image"),
	P(RV5, RV, 0x5c, 0xfffffff0, -EINVAL, "riscv desc: swbrom data [0xfffffff0, +0x0) is outside the 0x6000-byte image"),
	P(RV5, RV, 0x50, 2, -EINVAL, "riscv desc: bIsMonitorEnabled 2 is not 0 or 1"),
	P(RV4, RV, 0x50, 0xffffffff, -EINVAL, "riscv desc: bIsMonitorEnabled 4294967295 is not 0 or 1"),
	P(RV5, RV, 0x4c, 0, -EINVAL, "riscv desc: the monitor is enabled but monitorCodeSize is 0"),
	P(RV5, RV, 0x68, 2, -EINVAL, "riscv desc: bSignedAsCode 2 is not 0 or 1"),
	P(RV5, RV, 0x64, 0x5fff, -EINVAL, "riscv desc: fbReservedSize 0x5fff is less than the 0x6000-byte image"),

	/* bl */
	T(BL, BLK, 0x2f, -EINVAL, "bl desc: 24 bytes at header_offset 0x18 are past the end of the 47-byte file"),
	T(BL, BLK, 0x30, -EINVAL, "bin header: data_offset 0x30 + data_size 0x300 is past the end of the 48-byte file"),
	T(BL, BLK, 0x32f, -EINVAL, "bin header: data_offset 0x30 + data_size 0x300 is past the end of the 815-byte file"),
	P(BL, BLK, 0xc, 0x320, -EINVAL, "bl desc: 24 bytes at header_offset 0x320 are past the end of the 816-byte file"),
	P(BL, BLK, 0x10, 0x18, -EINVAL, "bin header: the bl desc [0x18, 0x30) overlaps the image [0x18, 0x318)"),
	P(BL, BLK, 0x20, 0xffffffff, -EINVAL, "bl desc: code [0xffffffff, +0x200) is outside the 0x300-byte image"),
	P(BL, BLK, 0x24, 0x301, -EINVAL, "bl desc: code [0x0, +0x301) is outside the 0x300-byte image"),
	P(BL, BLK, 0x28, 0x301, -EINVAL, "bl desc: data [0x301, +0x100) is outside the 0x300-byte image"),
	P(BL, BLK, 0x2c, 0x101, -EINVAL, "bl desc: data [0x200, +0x101) is outside the 0x300-byte image"),
	P(BL, BLK, 0x24, 0, -EINVAL, "bl desc: code_size is 0"),
	P(BL, BLK, 0x18, 0x10000, -EINVAL, "bl desc: start_tag 0x10000 does not fit the 16-bit IMEM tag"),
	/* zero-extended to a 0x10100-byte image so a 64 KiB + 1 code fits it */
	{ BL, BLK, 0x10130, { { 0x8, 0x10200 }, { 0x14, 0x10100 }, { 0x24, 0x10001 } }, 3, -EINVAL,
	  "bl desc: code_size 0x10001 does not fit below the 0x10000-byte IMEM ceiling" },
#undef P2
#undef P
#undef T
};

START_TEST(corruption)
{
	const struct corrupt *c = &cases[_i];
	struct nvgsp_fw_diag diag;
	struct nvgsp_fw_ucode uc;
	struct nvgsp_fw_blob blob;
	size_t size, len;
	u8 *orig, *buf;
	int i, ret;

	orig = unit_read_file(unit_fw_path("graphics-sid", c->file), &size);
	len = c->len == KEEP ? size : (size_t)c->len;
	buf = malloc(len ? len : 1);	/* exactly @len: ASan flags any read past it */
	ck_assert_ptr_nonnull(buf);
	memset(buf, 0, len);
	memcpy(buf, orig, len < size ? len : size);
	free(orig);
	for (i = 0; i < c->nset; i++) {
		ck_assert_uint_le(c->set[i].off + 4, len);
		buf[c->set[i].off] = (u8)c->set[i].val;
		buf[c->set[i].off + 1] = (u8)(c->set[i].val >> 8);
		buf[c->set[i].off + 2] = (u8)(c->set[i].val >> 16);
		buf[c->set[i].off + 3] = (u8)(c->set[i].val >> 24);
	}

	blob = (struct nvgsp_fw_blob){ c->file, buf, len };
	memset(&diag, 'x', sizeof(diag));
	memset(&uc, 0xa5, sizeof(uc));
	ret = nvgsp_fw_ucode_parse(&blob, c->kind, &uc, &diag);
	ck_assert_msg(ret == c->err, "case %d (%s): returned %d, want %d: '%s'", _i, c->msg, ret,
		      c->err, ret ? diag.msg : "");
	/* "<file>: <reason>", one line, the case's own reason */
	ck_assert_msg(!strncmp(diag.msg, c->file, strlen(c->file)) &&
		      !strncmp(diag.msg + strlen(c->file), ": ", 2),
		      "case %d: '%s' does not start with the file", _i, diag.msg);
	ck_assert_msg(strstr(diag.msg, c->msg), "case %d: want '%s', got '%s'", _i, c->msg,
		      diag.msg);
	ck_assert(!strchr(diag.msg, '\n'));
	ck_assert_uint_lt(strlen(diag.msg), sizeof(diag.msg));
	/* a failed parse leaves nothing that points into the file */
	ck_assert_ptr_null(c->kind == HS ? uc.u.hs.image :
			   c->kind == RV ? uc.u.riscv.image : uc.u.bl.image);
	free(buf);
}
END_TEST

/* Each case has its own message: none is a substring of another's. */
START_TEST(corruption_messages_are_distinct)
{
	int i, j;

	for (i = 0; i < N(cases); i++)
		for (j = 0; j < N(cases); j++)
			ck_assert_msg(i == j || !strstr(cases[i].msg, cases[j].msg),
				      "cases %d and %d share '%s'", i, j, cases[j].msg);
}
END_TEST

/* Every length from 0 to past the headers, of one file of each kind. */
START_TEST(every_truncation)
{
	static const struct { const char *file; int kind; size_t upto; } f[] = {
		{ GA, HS, 0x400 }, { TU, HS, 0x100 }, { RV5, RV, 0x100 }, { RV4, RV, 0x100 },
		{ BL, BLK, 0x330 },
	};
	size_t size, len;
	u8 *orig = unit_read_file(unit_fw_path("graphics-sid", f[_i].file), &size);

	for (len = 0; len <= f[_i].upto && len < size; len++) {
		struct nvgsp_fw_blob blob;
		struct nvgsp_fw_diag diag;
		struct nvgsp_fw_ucode uc;
		u8 *buf = malloc(len ? len : 1);

		ck_assert_ptr_nonnull(buf);
		memcpy(buf, orig, len);
		blob = (struct nvgsp_fw_blob){ f[_i].file, buf, len };
		ck_assert_int_eq(nvgsp_fw_ucode_parse(&blob, f[_i].kind, &uc, &diag), -EINVAL);
		ck_assert_msg(strstr(diag.msg, "past the end of the") ||
			      strstr(diag.msg, "is shorter than the"), "%zu: %s", len, diag.msg);
		free(buf);
	}
	free(orig);
}
END_TEST

START_TEST(no_data)
{
	struct nvgsp_fw_blob blob = { "empty", NULL, 0 };
	struct nvgsp_fw_diag diag;
	struct nvgsp_fw_hs_ucode hs;
	struct nvgsp_fw_riscv_ucode rv;
	struct nvgsp_fw_bl_ucode bl;

	ck_assert_int_eq(nvgsp_fw_ucode_parse_hs(&blob, &hs, &diag), -EINVAL);
	ck_assert_str_eq(diag.msg,
			 "empty: bin header: the 0-byte file is shorter than the 24-byte nvfw_bin_hdr");
	ck_assert_int_eq(nvgsp_fw_ucode_parse_riscv(&blob, &rv, &diag), -EINVAL);
	blob.size = 100;	/* a size without bytes is still no bytes */
	ck_assert_int_eq(nvgsp_fw_ucode_parse_bl(&blob, &bl, &diag), -EINVAL);
	ck_assert_ptr_null(bl.image);
}
END_TEST

Suite *nvgsp_suite_fw_ucode(void)
{
	Suite *s = suite_create("fw_ucode");
	TCase *tc;

	tc = tcase_create("real_files");
	tcase_add_loop_test(tc, hs_real_files, 0, N(hs_rows));
	tcase_add_loop_test(tc, riscv_real_files, 0, N(rv_rows));
	tcase_add_loop_test(tc, bl_real_files, 0, N(bl_rows));
	tcase_add_loop_test(tc, linked_files, 0, N(links));
	tcase_add_loop_test(tc, tables_cover_every_file, 0, (int)N_SETS);
	tcase_add_test(tc, hs_signature_choice);
	tcase_add_test(tc, wrong_parser);
	suite_add_tcase(s, tc);

	tc = tcase_create("roles");
	tcase_add_test(tc, role_kinds);
	suite_add_tcase(s, tc);

	tc = tcase_create("corruption");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, corruption, 0, N(cases));
	tcase_add_test(tc, corruption_messages_are_distinct);
	tcase_add_loop_test(tc, every_truncation, 0, 5);
	tcase_add_test(tc, no_data);
	suite_add_tcase(s, tc);
	return s;
}
