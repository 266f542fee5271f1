// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_fw_gsp.c - the GSP-RM image parser, against every GSP image in the
 * five firmware sets (by every path a chip loads it under) and against a
 * corruption corpus made from a real image.
 *
 * The facts tables were written by hand from binutils' and coreutils' view
 * of each file, NOT from the parser, so a mistake in either shows up:
 *   stat -c %s FILE                     file size
 *   readelf -h -W FILE                  "Number of section headers"
 *   readelf -S -W FILE                  offset and size of .fwimage,
 *                                       .fwversion and each .fwsignature_*
 *                                       (table order), .note.gnu.build-id
 *   readelf -n -W FILE                  the GNU build-id
 *   readelf -x .fwversion FILE          the release string and its NUL
 *   cd ROOT && find -L nvidia -name 'gsp[-_]*.bin'; readlink -f PATH
 *                                       every path and what it resolves to
 * and `cmp` showed the 535.113.01 images in graphics-sid and
 * graphics-trixie are the same bytes.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "fw/nvgsp_fw_gsp.h"

/* ---------------------------------------------------------------------- */
/* The real images                                                        */

enum {
	TU_535_113, TU_570_144, GA_535_113, GA_570_144,
	TU_535_261, GA_535_261, TU_550_163, GA_550_163, TU_555_58, GA_555_58,
	N_IMAGES
};

static const struct gsp_fact {
	const char *set;
	const char *path;		/* relative to the set's root */
	u64 size;
	const char *version;
	unsigned int nr_sections;
	u64 fwimage_off, fwimage_size;
	u64 fwversion_off, fwversion_size;
	const char *sigs;		/* table order; cc_ marks confidential compute */
	u64 sig_off;			/* the first; each is 0x1000, back to back */
	const char *build_id;		/* hex; NULL: no .note.gnu.build-id */
} facts[N_IMAGES] = {
	[TU_535_113] = { "graphics-sid", "nvidia/tu102/gsp/gsp-535.113.01.bin", 23750944,
			 "535.113.01", 9, 0x40, 0x16a3350, 0x16a3390, 0xb,
			 "ga100 tu11x tu10x", 0x16a339b, NULL },
	[TU_570_144] = { "graphics-sid", "nvidia/tu102/gsp/gsp-570.144.bin", 28542040,
			 "570.144", 10, 0x40, 0x1b34ea0, 0x1b34f04, 0x8,
			 "ga100 tu11x tu10x", 0x1b34f0c,
			 "0aa3bd98edd2cbe8708c89803effc79edb4e45a7" },
	[GA_535_113] = { "graphics-sid", "nvidia/ga102/gsp/gsp-535.113.01.bin", 38061600,
			 "535.113.01", 10, 0x40, 0x2448000, 0x2448040, 0xb,
			 "cc_gh100 gh100 ad10x ga10x", 0x244804b, NULL },
	[GA_570_144] = { "graphics-sid", "nvidia/ga102/gsp/gsp-570.144.bin", 63571696,
			 "570.144", 14, 0x40, 0x3c99000, 0x3c99064, 0x8,
			 "gb20x cc_gb10x gb10x cc_gh100 gh100 ad10x ga10x", 0x3c9906c,
			 "1e5654b51660fd9c462133e46381af2183dd4371" },
	[TU_535_261] = { "gsp-bookworm", "nvidia/535.261.03/gsp_tu10x.bin", 23873824,
			 "535.261.03", 9, 0x40, 0x16c1350, 0x16c1390, 0xb,
			 "ga100 tu11x tu10x", 0x16c139b, NULL },
	[GA_535_261] = { "gsp-bookworm", "nvidia/535.261.03/gsp_ga10x.bin", 38254112,
			 "535.261.03", 10, 0x40, 0x2477000, 0x2477040, 0xb,
			 "cc_gh100 gh100 ad10x ga10x", 0x247704b, NULL },
	[TU_550_163] = { "gsp-trixie", "nvidia/550.163.01/gsp_tu10x.bin", 24618648,
			 "550.163.01", 9, 0x40, 0x17770c8, 0x1777108, 0xb,
			 "ga100 tu11x tu10x", 0x1777113, NULL },
	[GA_550_163] = { "gsp-trixie", "nvidia/550.163.01/gsp_ga10x.bin", 37340704,
			 "550.163.01", 10, 0x40, 0x2398000, 0x2398040, 0xb,
			 "cc_gh100 gh100 ad10x ga10x", 0x239804b, NULL },
	[TU_555_58] = { "gsp-experimental", "nvidia/555.58.02/gsp_tu10x.bin", 25089688,
			"555.58.02", 9, 0x40, 0x17ea0c8, 0x17ea108, 0xa,
			"ga100 tu11x tu10x", 0x17ea112, NULL },
	[GA_555_58] = { "gsp-experimental", "nvidia/555.58.02/gsp_ga10x.bin", 35374624,
			"555.58.02", 10, 0x40, 0x21b8000, 0x21b8040, 0xa,
			"cc_gh100 gh100 ad10x ga10x", 0x21b804a, NULL },
};

/*
 * Every path a GSP image is found under, per set, as the kernel's loader
 * resolves it (symlinked files and symlinked chip directories alike), the
 * image it must resolve to, and the signature family the chip needs from it
 * (Documentation/hardware.rst, "Firmware families").
 */
static const struct gsp_path {
	const char *set;
	const char *path;
	int image;
	const char *family;
} paths[] = {
	/* graphics-sid (linux-firmware 20260916): 535.113.01 and 570.144 */
	{ "graphics-sid", "nvidia/tu102/gsp/gsp-535.113.01.bin", TU_535_113, "tu10x" },
	{ "graphics-sid", "nvidia/tu104/gsp/gsp-535.113.01.bin", TU_535_113, "tu10x" },
	{ "graphics-sid", "nvidia/tu106/gsp/gsp-535.113.01.bin", TU_535_113, "tu10x" },
	{ "graphics-sid", "nvidia/tu116/gsp/gsp-535.113.01.bin", TU_535_113, "tu11x" },
	{ "graphics-sid", "nvidia/tu117/gsp/gsp-535.113.01.bin", TU_535_113, "tu11x" },
	{ "graphics-sid", "nvidia/ga100/gsp/gsp-535.113.01.bin", TU_535_113, "ga100" },
	{ "graphics-sid", "nvidia/ga102/gsp/gsp-535.113.01.bin", GA_535_113, "ga10x" },
	{ "graphics-sid", "nvidia/ga103/gsp/gsp-535.113.01.bin", GA_535_113, "ga10x" },
	{ "graphics-sid", "nvidia/ga104/gsp/gsp-535.113.01.bin", GA_535_113, "ga10x" },
	{ "graphics-sid", "nvidia/ga106/gsp/gsp-535.113.01.bin", GA_535_113, "ga10x" },
	{ "graphics-sid", "nvidia/ga107/gsp/gsp-535.113.01.bin", GA_535_113, "ga10x" },
	{ "graphics-sid", "nvidia/ad102/gsp/gsp-535.113.01.bin", GA_535_113, "ad10x" },
	{ "graphics-sid", "nvidia/ad103/gsp/gsp-535.113.01.bin", GA_535_113, "ad10x" },
	{ "graphics-sid", "nvidia/ad104/gsp/gsp-535.113.01.bin", GA_535_113, "ad10x" },
	{ "graphics-sid", "nvidia/ad106/gsp/gsp-535.113.01.bin", GA_535_113, "ad10x" },
	{ "graphics-sid", "nvidia/ad107/gsp/gsp-535.113.01.bin", GA_535_113, "ad10x" },
	{ "graphics-sid", "nvidia/tu102/gsp/gsp-570.144.bin", TU_570_144, "tu10x" },
	{ "graphics-sid", "nvidia/tu104/gsp/gsp-570.144.bin", TU_570_144, "tu10x" },
	{ "graphics-sid", "nvidia/tu106/gsp/gsp-570.144.bin", TU_570_144, "tu10x" },
	{ "graphics-sid", "nvidia/tu116/gsp/gsp-570.144.bin", TU_570_144, "tu11x" },
	{ "graphics-sid", "nvidia/tu117/gsp/gsp-570.144.bin", TU_570_144, "tu11x" },
	{ "graphics-sid", "nvidia/ga100/gsp/gsp-570.144.bin", TU_570_144, "ga100" },
	{ "graphics-sid", "nvidia/ga102/gsp/gsp-570.144.bin", GA_570_144, "ga10x" },
	{ "graphics-sid", "nvidia/ga103/gsp/gsp-570.144.bin", GA_570_144, "ga10x" },
	{ "graphics-sid", "nvidia/ga104/gsp/gsp-570.144.bin", GA_570_144, "ga10x" },
	{ "graphics-sid", "nvidia/ga106/gsp/gsp-570.144.bin", GA_570_144, "ga10x" },
	{ "graphics-sid", "nvidia/ga107/gsp/gsp-570.144.bin", GA_570_144, "ga10x" },
	{ "graphics-sid", "nvidia/ad102/gsp/gsp-570.144.bin", GA_570_144, "ad10x" },
	{ "graphics-sid", "nvidia/ad103/gsp/gsp-570.144.bin", GA_570_144, "ad10x" },
	{ "graphics-sid", "nvidia/ad104/gsp/gsp-570.144.bin", GA_570_144, "ad10x" },
	{ "graphics-sid", "nvidia/ad106/gsp/gsp-570.144.bin", GA_570_144, "ad10x" },
	{ "graphics-sid", "nvidia/ad107/gsp/gsp-570.144.bin", GA_570_144, "ad10x" },
	{ "graphics-sid", "nvidia/gh100/gsp/gsp-570.144.bin", GA_570_144, "gh100" },
	{ "graphics-sid", "nvidia/gb100/gsp/gsp-570.144.bin", GA_570_144, "gb10x" },
	{ "graphics-sid", "nvidia/gb102/gsp/gsp-570.144.bin", GA_570_144, "gb10x" },
	{ "graphics-sid", "nvidia/gb202/gsp/gsp-570.144.bin", GA_570_144, "gb20x" },
	{ "graphics-sid", "nvidia/gb203/gsp/gsp-570.144.bin", GA_570_144, "gb20x" },
	{ "graphics-sid", "nvidia/gb205/gsp/gsp-570.144.bin", GA_570_144, "gb20x" },
	{ "graphics-sid", "nvidia/gb206/gsp/gsp-570.144.bin", GA_570_144, "gb20x" },
	{ "graphics-sid", "nvidia/gb207/gsp/gsp-570.144.bin", GA_570_144, "gb20x" },
	/* graphics-trixie (linux-firmware 20250410): 535.113.01 only */
	{ "graphics-trixie", "nvidia/tu102/gsp/gsp-535.113.01.bin", TU_535_113, "tu10x" },
	{ "graphics-trixie", "nvidia/tu104/gsp/gsp-535.113.01.bin", TU_535_113, "tu10x" },
	{ "graphics-trixie", "nvidia/tu106/gsp/gsp-535.113.01.bin", TU_535_113, "tu10x" },
	{ "graphics-trixie", "nvidia/tu116/gsp/gsp-535.113.01.bin", TU_535_113, "tu11x" },
	{ "graphics-trixie", "nvidia/tu117/gsp/gsp-535.113.01.bin", TU_535_113, "tu11x" },
	{ "graphics-trixie", "nvidia/ga100/gsp/gsp-535.113.01.bin", TU_535_113, "ga100" },
	{ "graphics-trixie", "nvidia/ga102/gsp/gsp-535.113.01.bin", GA_535_113, "ga10x" },
	{ "graphics-trixie", "nvidia/ga103/gsp/gsp-535.113.01.bin", GA_535_113, "ga10x" },
	{ "graphics-trixie", "nvidia/ga104/gsp/gsp-535.113.01.bin", GA_535_113, "ga10x" },
	{ "graphics-trixie", "nvidia/ga106/gsp/gsp-535.113.01.bin", GA_535_113, "ga10x" },
	{ "graphics-trixie", "nvidia/ga107/gsp/gsp-535.113.01.bin", GA_535_113, "ga10x" },
	{ "graphics-trixie", "nvidia/ad102/gsp/gsp-535.113.01.bin", GA_535_113, "ad10x" },
	{ "graphics-trixie", "nvidia/ad103/gsp/gsp-535.113.01.bin", GA_535_113, "ad10x" },
	{ "graphics-trixie", "nvidia/ad104/gsp/gsp-535.113.01.bin", GA_535_113, "ad10x" },
	{ "graphics-trixie", "nvidia/ad106/gsp/gsp-535.113.01.bin", GA_535_113, "ad10x" },
	{ "graphics-trixie", "nvidia/ad107/gsp/gsp-535.113.01.bin", GA_535_113, "ad10x" },
	/* firmware-nvidia-gsp: NVIDIA's driver releases */
	{ "gsp-bookworm", "nvidia/535.261.03/gsp_tu10x.bin", TU_535_261, "tu10x" },
	{ "gsp-bookworm", "nvidia/535.261.03/gsp_ga10x.bin", GA_535_261, "ga10x" },
	{ "gsp-trixie", "nvidia/550.163.01/gsp_tu10x.bin", TU_550_163, "tu10x" },
	{ "gsp-trixie", "nvidia/550.163.01/gsp_ga10x.bin", GA_550_163, "ga10x" },
	{ "gsp-experimental", "nvidia/555.58.02/gsp_tu10x.bin", TU_555_58, "tu10x" },
	{ "gsp-experimental", "nvidia/555.58.02/gsp_ga10x.bin", GA_555_58, "ga10x" },
};
#define N_PATHS (int)(ARRAY_SIZE(paths))

static const char *const sets[] = {
	"graphics-sid", "graphics-trixie", "gsp-bookworm", "gsp-trixie", "gsp-experimental",
};
#define N_SETS (int)(ARRAY_SIZE(sets))

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */

/*
 * A real file mapped read-only: the parser only looks at headers and small
 * sections, so mapping a 60 MB image costs a few page faults where reading
 * it would copy it all.
 */
struct mapped {
	const u8 *data;
	size_t size;
};

static struct mapped map_file(const char *path)
{
	struct mapped m;
	struct stat st;
	int fd = open(path, O_RDONLY);

	ck_assert_msg(fd >= 0, "cannot open %s", path);
	ck_assert_int_eq(fstat(fd, &st), 0);
	ck_assert_int_gt(st.st_size, 0);
	m.size = (size_t)st.st_size;
	m.data = mmap(NULL, m.size, PROT_READ, MAP_PRIVATE, fd, 0);
	ck_assert_msg(m.data != MAP_FAILED, "cannot map %s", path);
	close(fd);
	return m;
}

static void unmap_file(struct mapped *m)
{
	munmap((void *)m->data, m->size);
}

static void hex(const u8 *p, unsigned int n, char *buf)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		sprintf(buf + 2 * i, "%02x", p[i]);
	buf[2 * n] = '\0';
}

static int parse(const char *name, const u8 *data, size_t size, struct nvgsp_fw_gsp_image *img,
		 struct nvgsp_fw_diag *diag)
{
	struct nvgsp_fw_blob blob = { .name = name, .data = data, .size = size };

	memset(diag, 0, sizeof(*diag));
	return nvgsp_fw_gsp_parse(&blob, img, diag);
}

/* @img describes @f; for a compact copy, except where .fwimage was cut. */
static void assert_facts(const struct nvgsp_fw_gsp_image *img, const struct gsp_fact *f,
			 bool compact)
{
	char want[512], got[512], id[2 * NVGSP_FW_BUILD_ID_MAX + 1];
	size_t n = 0;
	unsigned int i;

	ck_assert_str_eq(img->version, f->version);
	ck_assert_uint_eq(img->nr_sections, f->nr_sections);
	if (!compact) {
		ck_assert_uint_eq(img->fwimage.offset, f->fwimage_off);
		ck_assert_uint_eq(img->fwimage.size, f->fwimage_size);
		ck_assert_uint_eq(img->fwversion.offset, f->fwversion_off);
	}
	ck_assert_uint_eq(img->fwversion.size, f->fwversion_size);
	got[0] = '\0';
	for (i = 0; i < img->nr_sigs; i++) {
		n += snprintf(got + n, sizeof(got) - n, "%s%s%s", i ? " " : "",
			      img->sigs[i].cc ? "cc_" : "", img->sigs[i].family);
		ck_assert_uint_eq(img->sigs[i].sect.size, 0x1000);
		if (!compact)
			ck_assert_uint_eq(img->sigs[i].sect.offset, f->sig_off + 0x1000 * i);
	}
	snprintf(want, sizeof(want), "%s", f->sigs);
	ck_assert_str_eq(got, want);
	if (f->build_id) {
		ck_assert_uint_eq(img->build_id_len, strlen(f->build_id) / 2);
		hex(img->build_id, img->build_id_len, id);
		ck_assert_str_eq(id, f->build_id);
	} else {
		ck_assert_uint_eq(img->build_id_len, 0);
	}
}

/* ---------------------------------------------------------------------- */
/* Real files                                                             */

START_TEST(every_path_parses_as_its_image)
{
	const struct gsp_path *p = &paths[_i];
	const struct gsp_fact *f = &facts[p->image];
	char real[PATH_MAX], target[PATH_MAX];
	struct nvgsp_fw_gsp_image *img = calloc(1, sizeof(*img));
	const struct nvgsp_fw_gsp_sig *sig;
	struct nvgsp_fw_diag diag;
	struct mapped m;

	ck_assert_ptr_nonnull(realpath(unit_fw_path(p->set, p->path), real));
	ck_assert_ptr_nonnull(realpath(unit_fw_path(p->set, f->path), target));
	ck_assert_str_eq(real, target);

	m = map_file(unit_fw_path(p->set, p->path));
	ck_assert_uint_eq(m.size, f->size);
	ck_assert_msg(parse(p->path, m.data, m.size, img, &diag) == 0, "%s", diag.msg);
	assert_facts(img, f, false);

	sig = nvgsp_fw_gsp_find_sig(img, p->family, false);
	ck_assert_msg(sig, "%s: no .fwsignature_%s", p->path, p->family);
	ck_assert_str_eq(sig->family, p->family);
	ck_assert(!sig->cc);
	unmap_file(&m);
	free(img);
}
END_TEST

/* A GSP image, by its file name: gsp-<release>.bin or gsp_<group>.bin. */
static bool is_gsp_path(const char *path)
{
	const char *name = strrchr(path, '/') + 1;
	size_t n = strlen(name);

	return n > 4 && !strcmp(name + n - 4, ".bin") &&
	       (!strncmp(name, "gsp-", 4) || !strncmp(name, "gsp_", 4));
}

/* The table above is complete: no GSP image in a set is left untested. */
START_TEST(every_image_in_the_set_is_listed)
{
	static char found[128][128];
	unsigned int n, i, listed = 0;
	int k;

	n = unit_fw_walk(unit_fw_root(sets[_i]), "nvidia", is_gsp_path, found, 128);
	for (k = 0; k < N_PATHS; k++)
		if (!strcmp(paths[k].set, sets[_i]))
			listed++;
	for (i = 0; i < n; i++) {
		bool known = false;

		for (k = 0; k < N_PATHS; k++)
			known |= !strcmp(paths[k].set, sets[_i]) && !strcmp(paths[k].path, found[i]);
		ck_assert_msg(known, "%s: %s is not in the facts table", sets[_i], found[i]);
	}
	ck_assert_uint_eq(n, listed);
}
END_TEST

START_TEST(find_sig_tells_plain_from_cc)
{
	struct nvgsp_fw_gsp_image *img = calloc(1, sizeof(*img));
	const struct nvgsp_fw_gsp_sig *plain, *cc;
	struct nvgsp_fw_diag diag;
	struct mapped m = map_file(unit_fw_path("graphics-sid", facts[GA_570_144].path));

	ck_assert_msg(parse("ga102", m.data, m.size, img, &diag) == 0, "%s", diag.msg);
	plain = nvgsp_fw_gsp_find_sig(img, "gh100", false);
	cc = nvgsp_fw_gsp_find_sig(img, "gh100", true);
	ck_assert_ptr_nonnull(plain);
	ck_assert_ptr_nonnull(cc);
	ck_assert_ptr_ne(plain, cc);
	ck_assert(cc->cc && !plain->cc);
	/* readelf -S: [7] .fwsignature_cc_gh100 at 0x3c9c06c, [8] .fwsignature_gh100 at 0x3c9d06c */
	ck_assert_uint_eq(cc->sect.offset, 0x3c9c06c);
	ck_assert_uint_eq(plain->sect.offset, 0x3c9d06c);
	ck_assert_ptr_null(nvgsp_fw_gsp_find_sig(img, "ga10x", true));
	ck_assert_ptr_null(nvgsp_fw_gsp_find_sig(img, "tu10x", false));
	ck_assert_ptr_null(nvgsp_fw_gsp_find_sig(img, "gh10", false));
	ck_assert_ptr_null(nvgsp_fw_gsp_find_sig(img, "gh1000", false));
	ck_assert_ptr_null(nvgsp_fw_gsp_find_sig(img, "", false));
	unmap_file(&m);
	free(img);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* A compact copy of a real image, for the corruption corpus               */

/*
 * The real images put a 20-60 MB .fwimage first and the section table last,
 * so a cut anywhere but the last few KiB only ever hits "section table past
 * the end". The corpus is therefore made from a compact copy: the same
 * sections with their real bytes (only .fwimage cut to its first 4 KiB),
 * laid out [ELF header][section table][.shstrtab][sections in table order],
 * packed with no padding (so, as in the real files, at unaligned offsets).
 * Every cut then lands in a known header or section, and each mutation is a
 * small copy. A few cuts are also made in the real file itself.
 */
#define MAX_SECT	64
#define NAME_LEN	320
#define FWIMAGE_KEEP	4096

struct msec {
	char name[NAME_LEN];
	u32 type;
	u64 flags;
	u32 link, info;
	u64 addralign, entsize;
	const u8 *data;
	u64 size;
	u8 own[128];		/* bytes a case writes in place of the real ones */
};

struct model {
	u8 ehdr[64];
	unsigned int n;
	unsigned int shstrndx;
	struct msec s[MAX_SECT];
};

/* Where mdl_write() put things. */
struct layout {
	u64 shoff;
	u64 off[MAX_SECT];
	u64 size[MAX_SECT];
	u32 name[MAX_SECT];
	u64 shstrtab_size;
};

static u16 rd16(const u8 *p) { return (u16)(p[0] | p[1] << 8); }
static u32 rd32(const u8 *p) { return rd16(p) | (u32)rd16(p + 2) << 16; }
static u64 rd64(const u8 *p) { return rd32(p) | (u64)rd32(p + 4) << 32; }
static void wr16(u8 *p, u16 v) { p[0] = (u8)v; p[1] = (u8)(v >> 8); }
static void wr32(u8 *p, u32 v) { wr16(p, (u16)v); wr16(p + 2, (u16)(v >> 16)); }
static void wr64(u8 *p, u64 v) { wr32(p, (u32)v); wr32(p + 4, (u32)(v >> 32)); }

/* Read a real image's sections (trusted: the facts tests check these files). */
static void mdl_from_file(struct model *m, const u8 *f, size_t size)
{
	u64 shoff = rd64(f + 40), names;
	unsigned int i;

	memset(m, 0, sizeof(*m));
	memcpy(m->ehdr, f, 64);
	m->n = rd16(f + 60);
	m->shstrndx = rd16(f + 62);
	ck_assert_uint_le(m->n, MAX_SECT);
	ck_assert_uint_le(shoff + 64 * m->n, size);
	names = rd64(f + shoff + 64 * m->shstrndx + 24);
	for (i = 0; i < m->n; i++) {
		const u8 *h = f + shoff + 64 * i;
		struct msec *s = &m->s[i];

		snprintf(s->name, sizeof(s->name), "%s", (const char *)f + names + rd32(h));
		s->type = rd32(h + 4);
		s->flags = rd64(h + 8);
		s->data = f + rd64(h + 24);
		s->size = rd64(h + 32);
		s->link = rd32(h + 40);
		s->info = rd32(h + 44);
		s->addralign = rd64(h + 48);
		s->entsize = rd64(h + 56);
		ck_assert_uint_le(rd64(h + 24) + s->size, size);
		if (!strcmp(s->name, ".fwimage") && s->size > FWIMAGE_KEEP)
			s->size = FWIMAGE_KEEP;
	}
}

static bool has_bytes(const struct msec *s)
{
	return s->type != 0 && s->type != 8;	/* SHT_NULL, SHT_NOBITS */
}

/* The compact ELF of @m, in a buffer of exactly *@len bytes. */
static u8 *mdl_write(const struct model *m, size_t *len, struct layout *lay)
{
	char *strtab = calloc(1, MAX_SECT * NAME_LEN);
	u64 strsz = 1, cur;
	unsigned int i;
	u8 *buf;

	memset(lay, 0, sizeof(*lay));
	for (i = 1; i < m->n; i++) {
		lay->name[i] = (u32)strsz;
		strcpy(strtab + strsz, m->s[i].name);
		strsz += strlen(m->s[i].name) + 1;
	}
	lay->shoff = 64;
	lay->shstrtab_size = strsz;
	cur = 64 + 64 * (u64)m->n;
	lay->off[m->shstrndx] = cur;
	lay->size[m->shstrndx] = strsz;
	cur += strsz;
	for (i = 1; i < m->n; i++) {
		if (i == m->shstrndx)
			continue;
		lay->size[i] = m->s[i].size;
		if (!has_bytes(&m->s[i]))
			continue;
		lay->off[i] = cur;
		cur += m->s[i].size;
	}
	*len = (size_t)cur;
	buf = malloc(*len);
	ck_assert_ptr_nonnull(buf);
	memcpy(buf, m->ehdr, 64);
	wr64(buf + 40, lay->shoff);
	wr16(buf + 60, (u16)m->n);
	wr16(buf + 62, (u16)m->shstrndx);
	memset(buf + 64, 0, 64);	/* section 0: the null entry */
	for (i = 1; i < m->n; i++) {
		const struct msec *s = &m->s[i];
		u8 *h = buf + 64 + 64 * i;

		wr32(h, lay->name[i]);
		wr32(h + 4, s->type);
		wr64(h + 8, s->flags);
		wr64(h + 16, 0);
		wr64(h + 24, lay->off[i]);
		wr64(h + 32, lay->size[i]);
		wr32(h + 40, s->link);
		wr32(h + 44, s->info);
		wr64(h + 48, s->addralign);
		wr64(h + 56, s->entsize);
		if (i == m->shstrndx)
			memcpy(buf + lay->off[i], strtab, strsz);
		else if (has_bytes(s))
			memcpy(buf + lay->off[i], s->data, s->size);
	}
	free(strtab);
	return buf;
}

static int mdl_find(const struct model *m, const char *name)
{
	unsigned int i;

	for (i = 1; i < m->n; i++)
		if (!strcmp(m->s[i].name, name))
			return (int)i;
	ck_abort_msg("no section %s in the model", name);
	return -1;
}

/* Append a section copied from section @from, renamed. */
static int mdl_add(struct model *m, int from, const char *name)
{
	ck_assert_uint_lt(m->n, MAX_SECT);
	m->s[m->n] = m->s[from];
	snprintf(m->s[m->n].name, NAME_LEN, "%s", name);
	return (int)m->n++;
}

/* Give section @i these bytes instead of its real ones. */
static void mdl_set_data(struct model *m, int i, const void *p, size_t n)
{
	ck_assert_uint_le(n, sizeof(m->s[i].own));
	memcpy(m->s[i].own, p, n);
	m->s[i].data = m->s[i].own;
	m->s[i].size = n;
}

/*
 * The compact copy of real image @f, in a buffer of exactly *@len bytes;
 * @mdl and @lay describe its sections. The file is unmapped on return, so
 * the model keeps no pointer to its bytes: the copy has them.
 */
static u8 *compact_copy(const struct gsp_fact *f, struct model *mdl, size_t *len,
			struct layout *lay)
{
	struct mapped m = map_file(unit_fw_path(f->set, f->path));
	unsigned int i;
	u8 *buf;

	mdl_from_file(mdl, m.data, m.size);
	buf = mdl_write(mdl, len, lay);
	unmap_file(&m);
	for (i = 0; i < mdl->n; i++)
		mdl->s[i].data = NULL;
	return buf;
}

/* The base: graphics-sid's tu102 570.144 image, the smallest with every kind of section. */
#define BASE_NAME "nvidia/tu102/gsp/gsp-570.144.bin"
static struct mapped base_file;
static struct model base;

static void base_setup(void)
{
	base_file = map_file(unit_fw_path("graphics-sid", BASE_NAME));
	mdl_from_file(&base, base_file.data, base_file.size);
}

static void base_teardown(void)
{
	unmap_file(&base_file);
}

/* ---------------------------------------------------------------------- */
/* The corruption corpus                                                  */

/* One case's state: the model, the bytes written from it, what must happen. */
struct gctx {
	struct model m;
	u8 *buf;
	size_t len;
	struct layout lay;
	int want_err;
	char want[NVGSP_FW_DIAG_LEN];
	/* the sections of the base, by name */
	int fwimage, build_id, fwversion, sig_ga100, sig_tu11x, sig_tu10x, symtab, strtab,
	    shstrtab;
};

static void build(struct gctx *c)
{
	free(c->buf);
	c->buf = mdl_write(&c->m, &c->len, &c->lay);
}

static void want(struct gctx *c, int err, const char *fmt, ...) __printf(3, 4);
static void want(struct gctx *c, int err, const char *fmt, ...)
{
	va_list ap;

	c->want_err = err;
	va_start(ap, fmt);
	vsnprintf(c->want, sizeof(c->want), fmt, ap);
	va_end(ap);
}

/* section header fields of the compact image (Elf64_Shdr offsets) */
enum { SH_NAME = 0, SH_TYPE = 4, SH_FLAGS = 8, SH_OFFSET = 24, SH_SIZE = 32 };

static void shdr_set(struct gctx *c, int idx, int field, u64 v)
{
	u8 *h = c->buf + c->lay.shoff + 64 * (u64)idx;

	if (field == SH_NAME || field == SH_TYPE)
		wr32(h + field, (u32)v);
	else
		wr64(h + field, v);
}

static void ehdr_set16(struct gctx *c, int off, u16 v) { wr16(c->buf + off, v); }

/* "section 3 (.fwversion): offset 0x... + size 0x... is past the end of the N-byte file" */
static void want_past_end(struct gctx *c, int idx, u64 off, u64 size)
{
	want(c, -EINVAL, "section %d (%s): offset 0x%llx + size 0x%llx is past the end of the %zu-byte file",
	     idx, c->m.s[idx].name, off, size, c->len);
}

static void want_wraps(struct gctx *c, int idx, u64 off, u64 size)
{
	want(c, -EINVAL, "section %d (%s): offset 0x%llx + size 0x%llx wraps around", idx,
	     c->m.s[idx].name, off, size);
}

static void want_overlap(struct gctx *c, int a, u64 aoff, u64 alen, int b, u64 boff, u64 blen)
{
	want(c, -EINVAL, "section %d (%s) [0x%llx, 0x%llx) overlaps section %d (%s) [0x%llx, 0x%llx)",
	     a, c->m.s[a].name, aoff, (aoff + alen),
	     b, c->m.s[b].name, boff, (boff + blen));
}

#define GCASE(name) static void gcase_##name(struct gctx *c)

/* -- the ELF header -- */
GCASE(magic_first_byte) { build(c); c->buf[0] = 0x7e;
	want(c, -EINVAL, "e_ident: magic 7e 45 4c 46 is not 7f 45 4c 46"); }
GCASE(magic_letter) { build(c); c->buf[3] = 'G';
	want(c, -EINVAL, "e_ident: magic 7f 45 4c 47 is not 7f 45 4c 46"); }
GCASE(class_elf32) { build(c); c->buf[4] = 1;
	want(c, -EINVAL, "EI_CLASS 1 is not ELFCLASS64 (2)"); }
GCASE(class_none) { build(c); c->buf[4] = 0;
	want(c, -EINVAL, "EI_CLASS 0 is not ELFCLASS64 (2)"); }
GCASE(big_endian) { build(c); c->buf[5] = 2;
	want(c, -EINVAL, "EI_DATA 2 is not ELFDATA2LSB (1, little-endian)"); }
GCASE(ident_version) { build(c); c->buf[6] = 0;
	want(c, -EINVAL, "EI_VERSION 0 is not EV_CURRENT (1)"); }
GCASE(e_version) { build(c); wr32(c->buf + 20, 2);
	want(c, -EINVAL, "e_version 2 is not EV_CURRENT (1)"); }
GCASE(type_exec) { build(c); ehdr_set16(c, 16, 2);
	want(c, -EINVAL, "e_type 2 is not ET_REL (1)"); }
GCASE(type_none) { build(c); ehdr_set16(c, 16, 0);
	want(c, -EINVAL, "e_type 0 is not ET_REL (1)"); }
GCASE(machine_x86_64) { build(c); ehdr_set16(c, 18, 62);
	want(c, -EINVAL, "e_machine 62 is not EM_RISCV (243)"); }
GCASE(machine_high_byte) { build(c); ehdr_set16(c, 18, 0x1f3);
	want(c, -EINVAL, "e_machine 499 is not EM_RISCV (243)"); }
GCASE(ehsize_elf32) { build(c); ehdr_set16(c, 52, 52);
	want(c, -EINVAL, "e_ehsize 52 is not 64"); }
GCASE(shentsize_0) { build(c); ehdr_set16(c, 58, 0);
	want(c, -EINVAL, "e_shentsize 0 is not 64"); }
GCASE(shentsize_elf32) { build(c); ehdr_set16(c, 58, 40);
	want(c, -EINVAL, "e_shentsize 40 is not 64"); }
GCASE(shentsize_65) { build(c); ehdr_set16(c, 58, 65);
	want(c, -EINVAL, "e_shentsize 65 is not 64"); }
GCASE(shnum_0) { build(c); ehdr_set16(c, 60, 0);
	want(c, -EINVAL, "e_shnum 0: no section table (extended section numbering is not supported)"); }
GCASE(shnum_max) { build(c); ehdr_set16(c, 60, 0xffff);
	want(c, -EINVAL, "section table: e_shoff 0x40 + 65535 sections x 64 bytes is past the end of the %zu-byte file", c->len); }
GCASE(shnum_below_shstrndx) { build(c); ehdr_set16(c, 60, (u16)c->shstrtab);
	want(c, -EINVAL, "e_shstrndx %d is not below e_shnum %d", c->shstrtab, c->shstrtab); }
GCASE(shstrndx_undef) { build(c); ehdr_set16(c, 62, 0);
	want(c, -EINVAL, "e_shstrndx 0 (SHN_UNDEF): no section-name table"); }
GCASE(shstrndx_xindex) { build(c); ehdr_set16(c, 62, 0xffff);
	want(c, -EINVAL, "e_shstrndx 0xffff (SHN_XINDEX): extended section numbering is not supported"); }
GCASE(shstrndx_shnum) { build(c); ehdr_set16(c, 62, (u16)c->m.n);
	want(c, -EINVAL, "e_shstrndx %u is not below e_shnum %u", c->m.n, c->m.n); }
GCASE(shstrndx_progbits) { build(c); ehdr_set16(c, 62, (u16)c->fwimage);
	want(c, -EINVAL, "section %d (e_shstrndx): sh_type 1 is not SHT_STRTAB (3)", c->fwimage); }
GCASE(shoff_0) { build(c); wr64(c->buf + 40, 0);
	want(c, -EINVAL, "e_shoff 0x0: the section table overlaps the 64-byte ELF header"); }
GCASE(shoff_63) { build(c); wr64(c->buf + 40, 63);
	want(c, -EINVAL, "e_shoff 0x3f: the section table overlaps the 64-byte ELF header"); }
GCASE(shoff_end) { build(c); wr64(c->buf + 40, c->len);
	want(c, -EINVAL, "section table: e_shoff 0x%zx + %u sections x 64 bytes is past the end of the %zu-byte file",
	     c->len, c->m.n, c->len); }
GCASE(shoff_one_past) { build(c); wr64(c->buf + 40, c->len - 64 * c->m.n + 1);
	want(c, -EINVAL, "section table: e_shoff 0x%zx + %u sections x 64 bytes is past the end of the %zu-byte file",
	     c->len - 64 * c->m.n + 1, c->m.n, c->len); }
GCASE(shoff_wraps) { build(c); wr64(c->buf + 40, 0xffffffffffffffc0ull);
	want(c, -EINVAL, "section table: e_shoff 0xffffffffffffffc0 + %u sections x 64 bytes wraps around", c->m.n); }

/* -- the section-name table -- */
GCASE(shstrtab_past_end) { build(c); shdr_set(c, c->shstrtab, SH_OFFSET, c->len);
	want(c, -EINVAL, "section-name table (section %d): offset 0x%zx + size 0x%llx is past the end of the %zu-byte file",
	     c->shstrtab, c->len, c->lay.shstrtab_size, c->len); }
GCASE(shstrtab_size_max) { build(c); shdr_set(c, c->shstrtab, SH_SIZE, ~0ull);
	want(c, -EINVAL, "section-name table (section %d): offset 0x%llx + size 0xffffffffffffffff wraps around",
	     c->shstrtab, c->lay.off[c->shstrtab]); }
GCASE(shstrtab_empty) { build(c); shdr_set(c, c->shstrtab, SH_SIZE, 0);
	want(c, -EINVAL, "section-name table (section %d) is empty", c->shstrtab); }
GCASE(shstrtab_in_header) { build(c); shdr_set(c, c->shstrtab, SH_OFFSET, 0);
	want(c, -EINVAL, "section-name table (section %d) [0x0, 0x%llx) overlaps the ELF header [0, 0x40)",
	     c->shstrtab, c->lay.shstrtab_size); }
GCASE(shstrtab_in_table) { build(c); shdr_set(c, c->shstrtab, SH_OFFSET, 64 * 3);
	want(c, -EINVAL, "section-name table (section %d) [0xc0, 0x%llx) overlaps the section table [0x40, 0x%x)",
	     c->shstrtab, (0xc0 + c->lay.shstrtab_size), 64 + 64 * c->m.n); }
GCASE(shstrtab_compressed) { c->m.s[c->shstrtab].flags |= 0x800; build(c);
	want(c, -EINVAL, "section-name table (section %d) is compressed (sh_flags 0x800)", c->shstrtab); }
GCASE(name_past_table) { build(c); shdr_set(c, c->fwimage, SH_NAME, c->lay.shstrtab_size);
	want(c, -EINVAL, "section %d: sh_name 0x%llx is past the end of the %llu-byte section-name table",
	     c->fwimage, c->lay.shstrtab_size,
	     c->lay.shstrtab_size); }
GCASE(name_offset_max) { build(c); shdr_set(c, c->fwversion, SH_NAME, 0xffffffff);
	want(c, -EINVAL, "section %d: sh_name 0xffffffff is past the end", c->fwversion); }
GCASE(name_unterminated) { build(c);
	/* the last name in the table is the table's own; its NUL is the last byte */
	c->buf[c->lay.off[c->shstrtab] + c->lay.shstrtab_size - 1] = 'x';
	want(c, -EINVAL, "section %d: the name at sh_name 0x%x has no NUL before the end of the %llu-byte section-name table",
	     c->shstrtab, c->lay.name[c->shstrtab], c->lay.shstrtab_size); }
GCASE(name_too_long) { memset(c->m.s[c->symtab].name, 'n', 300); c->m.s[c->symtab].name[300] = '\0';
	build(c);
	want(c, -E2BIG, "section %d: the name at sh_name 0x%x is longer than 255 bytes", c->symtab,
	     c->lay.name[c->symtab]); }
GCASE(name_255_is_fine) { memset(c->m.s[c->symtab].name, 'n', 255); c->m.s[c->symtab].name[255] = '\0';
	build(c); want(c, 0, "%s", ""); }

/* -- section ranges -- */
GCASE(fwimage_offset_past_end) { build(c); shdr_set(c, c->fwimage, SH_OFFSET, c->len);
	want_past_end(c, c->fwimage, c->len, FWIMAGE_KEEP); }
GCASE(fwimage_size_past_end) { build(c);
	shdr_set(c, c->fwimage, SH_SIZE, c->len - c->lay.off[c->fwimage] + 1);
	want_past_end(c, c->fwimage, c->lay.off[c->fwimage], c->len - c->lay.off[c->fwimage] + 1); }
GCASE(fwimage_size_max) { build(c); shdr_set(c, c->fwimage, SH_SIZE, ~0ull);
	want_wraps(c, c->fwimage, c->lay.off[c->fwimage], ~0ull); }
GCASE(fwimage_offset_max) { build(c); shdr_set(c, c->fwimage, SH_OFFSET, ~0ull);
	want_wraps(c, c->fwimage, ~0ull, FWIMAGE_KEEP); }
GCASE(fwimage_wraps_to_zero) { build(c); shdr_set(c, c->fwimage, SH_OFFSET, 0ull - FWIMAGE_KEEP);
	want_wraps(c, c->fwimage, 0ull - FWIMAGE_KEEP, FWIMAGE_KEEP); }
GCASE(fwimage_size_2_63) { build(c); shdr_set(c, c->fwimage, SH_SIZE, 1ull << 63);
	want_past_end(c, c->fwimage, c->lay.off[c->fwimage], 1ull << 63); }
GCASE(symtab_past_end) { build(c); shdr_set(c, c->symtab, SH_OFFSET, c->len - 1);
	want_past_end(c, c->symtab, c->len - 1, c->m.s[c->symtab].size); }
GCASE(nobits_unused_is_fine) { c->m.s[c->symtab].type = 8; build(c);
	shdr_set(c, c->symtab, SH_OFFSET, ~0ull); shdr_set(c, c->symtab, SH_SIZE, ~0ull);
	want(c, 0, "%s", ""); }
GCASE(null_unused_is_fine) { c->m.s[c->strtab].type = 0; build(c);
	shdr_set(c, c->strtab, SH_OFFSET, 1ull << 60); want(c, 0, "%s", ""); }
GCASE(fwimage_in_header) { build(c); shdr_set(c, c->fwimage, SH_OFFSET, 8);
	want(c, -EINVAL, "section %d (.fwimage) [0x8, 0x%x) overlaps the ELF header [0, 0x40)",
	     c->fwimage, 8 + FWIMAGE_KEEP); }
GCASE(fwimage_in_table) { build(c); shdr_set(c, c->fwimage, SH_OFFSET, 64);
	want(c, -EINVAL, "section %d (.fwimage) [0x40, 0x%x) overlaps the section table [0x40, 0x%x)",
	     c->fwimage, 64 + FWIMAGE_KEEP, 64 + 64 * c->m.n); }
GCASE(fwimage_over_shstrtab) { build(c);
	shdr_set(c, c->fwimage, SH_OFFSET, c->lay.off[c->shstrtab]);
	want_overlap(c, c->fwimage, c->lay.off[c->shstrtab], FWIMAGE_KEEP, c->shstrtab,
		     c->lay.off[c->shstrtab], c->lay.shstrtab_size); }
GCASE(build_id_inside_fwimage) { build(c);
	u64 size = c->lay.off[c->build_id] + 1 - c->lay.off[c->fwimage];
	shdr_set(c, c->fwimage, SH_SIZE, size);
	want_overlap(c, c->build_id, c->lay.off[c->build_id], c->lay.size[c->build_id],
		     c->fwimage, c->lay.off[c->fwimage], size); }
GCASE(sig_over_fwversion) { build(c);
	shdr_set(c, c->sig_ga100, SH_OFFSET, c->lay.off[c->fwversion]);
	want_overlap(c, c->sig_ga100, c->lay.off[c->fwversion], 0x1000, c->fwversion,
		     c->lay.off[c->fwversion], c->lay.size[c->fwversion]); }
GCASE(sig_over_build_id) { build(c);
	shdr_set(c, c->sig_tu10x, SH_OFFSET, c->lay.off[c->build_id]);
	shdr_set(c, c->sig_tu10x, SH_SIZE, c->lay.size[c->build_id]);
	want_overlap(c, c->sig_tu10x, c->lay.off[c->build_id], c->lay.size[c->build_id], c->build_id,
		     c->lay.off[c->build_id], c->lay.size[c->build_id]); }
GCASE(sig_over_sig) { build(c);
	shdr_set(c, c->sig_tu11x, SH_OFFSET, c->lay.off[c->sig_ga100] + 0xfff);
	want_overlap(c, c->sig_tu11x, c->lay.off[c->sig_ga100] + 0xfff, 0x1000, c->sig_ga100,
		     c->lay.off[c->sig_ga100], 0x1000); }
GCASE(fwversion_inside_fwimage) { build(c);
	/* .fwversion's bytes are fine as a string; only the place is wrong */
	memcpy(c->buf + c->lay.off[c->fwimage] + 16, "570.144", 8);
	shdr_set(c, c->fwversion, SH_OFFSET, c->lay.off[c->fwimage] + 16);
	want_overlap(c, c->fwversion, c->lay.off[c->fwimage] + 16, 8, c->fwimage,
		     c->lay.off[c->fwimage], FWIMAGE_KEEP); }

/* -- which sections, and their types -- */
GCASE(second_fwimage) { snprintf(c->m.s[c->symtab].name, NAME_LEN, ".fwimage"); build(c);
	want(c, -EINVAL, "section %d (.fwimage): a second .fwimage (the first is section %d)",
	     c->symtab, c->fwimage); }
GCASE(second_fwversion) { mdl_add(&c->m, c->fwversion, ".fwversion"); build(c);
	want(c, -EINVAL, "section %u (.fwversion): a second .fwversion (the first is section %d)",
	     c->m.n - 1, c->fwversion); }
GCASE(second_build_id) { mdl_add(&c->m, c->build_id, ".note.gnu.build-id"); build(c);
	want(c, -EINVAL, "section %u (.note.gnu.build-id): a second .note.gnu.build-id (the first is section %d)",
	     c->m.n - 1, c->build_id); }
GCASE(second_signature) { snprintf(c->m.s[c->sig_tu11x].name, NAME_LEN, ".fwsignature_ga100");
	build(c);
	want(c, -EINVAL, "section %d (.fwsignature_ga100): a second signature for ga100 (the first is section %d)",
	     c->sig_tu11x, c->sig_ga100); }
GCASE(second_cc_signature) { mdl_add(&c->m, c->sig_ga100, ".fwsignature_cc_ga100");
	mdl_add(&c->m, c->sig_ga100, ".fwsignature_cc_ga100"); build(c);
	want(c, -EINVAL, "section %u (.fwsignature_cc_ga100): a second signature for cc_ga100 (the first is section %u)",
	     c->m.n - 1, c->m.n - 2); }
GCASE(cc_and_plain_coexist) { mdl_add(&c->m, c->sig_ga100, ".fwsignature_cc_ga100"); build(c);
	want(c, 0, "%s", ""); }
GCASE(no_fwimage) { snprintf(c->m.s[c->fwimage].name, NAME_LEN, ".fwimagX"); build(c);
	want(c, -EINVAL, ".fwimage: no such section among the %u", c->m.n); }
GCASE(no_fwversion) { snprintf(c->m.s[c->fwversion].name, NAME_LEN, ".fwversioN"); build(c);
	want(c, -EINVAL, ".fwversion: no such section among the %u", c->m.n); }
GCASE(no_signature) {
	snprintf(c->m.s[c->sig_ga100].name, NAME_LEN, ".fwsignaturE_ga100");
	snprintf(c->m.s[c->sig_tu11x].name, NAME_LEN, ".fwsig_tu11x");
	snprintf(c->m.s[c->sig_tu10x].name, NAME_LEN, "fwsignature_tu10x");
	build(c);
	want(c, -EINVAL, ".fwsignature_*: no signature section among the %u", c->m.n); }
GCASE(no_build_id_is_fine) { snprintf(c->m.s[c->build_id].name, NAME_LEN, ".note.other"); build(c);
	want(c, 0, "%s", ""); }
GCASE(sigs_24_is_fine) { int k; char nm[32];
	for (k = 0; k < 21; k++) { snprintf(nm, sizeof(nm), ".fwsignature_f%02d", k);
		mdl_add(&c->m, c->sig_ga100, nm); }
	build(c); want(c, 0, "%s", ""); }
GCASE(sigs_25) { int k; char nm[32];
	for (k = 0; k < 22; k++) { snprintf(nm, sizeof(nm), ".fwsignature_cc_f%02d", k);
		mdl_add(&c->m, c->sig_ga100, nm); }
	build(c);
	want(c, -E2BIG, "section %u (.fwsignature_cc_f21): more than 24 signature sections", c->m.n - 1); }
GCASE(family_15_is_fine) { mdl_add(&c->m, c->sig_ga100, ".fwsignature_abcdefghij12345");
	build(c); want(c, 0, "%s", ""); }
GCASE(family_16) { mdl_add(&c->m, c->sig_ga100, ".fwsignature_cc_abcdefghij123456"); build(c);
	want(c, -E2BIG, "section %u (.fwsignature_cc_abcdefghij123456): the signature family name is longer than 15 characters",
	     c->m.n - 1); }
GCASE(family_name_quoted_cut) { char nm[80];
	/* a name longer than a message quotes is cut to 44 characters and "..." */
	snprintf(nm, sizeof(nm), ".fwsignature_%s", "aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeeeeeeee");
	mdl_add(&c->m, c->sig_ga100, nm); build(c);
	want(c, -E2BIG, "section %u (%.44s...): the signature family name is longer than 15 characters",
	     c->m.n - 1, nm); }
GCASE(family_empty) { mdl_add(&c->m, c->sig_ga100, ".fwsignature_"); build(c);
	want(c, -EINVAL, "section %u (.fwsignature_): the signature family name is empty", c->m.n - 1); }
GCASE(family_cc_empty) { mdl_add(&c->m, c->sig_ga100, ".fwsignature_cc_"); build(c);
	want(c, -EINVAL, "section %u (.fwsignature_cc_): the signature family name is empty", c->m.n - 1); }
GCASE(family_upper_case) { snprintf(c->m.s[c->sig_tu10x].name, NAME_LEN, ".fwsignature_TU10X");
	build(c);
	want(c, -EINVAL, "section %d (.fwsignature_TU10X): byte 0x54 at 0 of the family name is not a-z or 0-9",
	     c->sig_tu10x); }
GCASE(family_control_byte) { snprintf(c->m.s[c->sig_tu10x].name, NAME_LEN, ".fwsignature_tu\x01x");
	build(c);
	want(c, -EINVAL, "section %d (.fwsignature_tu?x): byte 0x01 at 2 of the family name", c->sig_tu10x); }
GCASE(signature_nobits) { c->m.s[c->sig_tu11x].type = 8; build(c);
	shdr_set(c, c->sig_tu11x, SH_OFFSET, ~0ull);
	want(c, -EINVAL, "section %d (.fwsignature_tu11x): sh_type 8 is not SHT_PROGBITS (1): SHT_NOBITS has no bytes in the file",
	     c->sig_tu11x); }
GCASE(signature_empty) { c->m.s[c->sig_tu10x].size = 0; build(c);
	want(c, -EINVAL, "section %d (.fwsignature_tu10x) is empty", c->sig_tu10x); }
GCASE(fwimage_nobits) { c->m.s[c->fwimage].type = 8; build(c);
	want(c, -EINVAL, "section %d (.fwimage): sh_type 8 is not SHT_PROGBITS (1): SHT_NOBITS", c->fwimage); }
GCASE(fwimage_symtab_type) { c->m.s[c->fwimage].type = 2; build(c);
	want(c, -EINVAL, "section %d (.fwimage): sh_type 2 is not SHT_PROGBITS (1)", c->fwimage); }
GCASE(fwimage_compressed) { c->m.s[c->fwimage].flags |= 0x800; build(c);
	want(c, -EINVAL, "section %d (.fwimage): compressed (sh_flags 0x803 has SHF_COMPRESSED)", c->fwimage); }
GCASE(fwimage_empty) { c->m.s[c->fwimage].size = 0; build(c);
	want(c, -EINVAL, "section %d (.fwimage) is empty", c->fwimage); }

/* -- .fwversion -- */
GCASE(fwversion_unterminated) { mdl_set_data(&c->m, c->fwversion, "570.144x", 8); build(c);
	want(c, -EINVAL, "section %d (.fwversion): no NUL terminator in its 8 bytes", c->fwversion); }
GCASE(fwversion_empty_string) { mdl_set_data(&c->m, c->fwversion, "\0" "70.144", 8); build(c);
	want(c, -EINVAL, "section %d (.fwversion): the version string is empty", c->fwversion); }
GCASE(fwversion_zero_size) { c->m.s[c->fwversion].size = 0; build(c);
	want(c, -EINVAL, "section %d (.fwversion) is empty (0 bytes)", c->fwversion); }
GCASE(fwversion_control) { mdl_set_data(&c->m, c->fwversion, "570\x01" "144", 8); build(c);
	want(c, -EINVAL, "section %d (.fwversion): byte 0x01 at offset 3 is not printable ASCII", c->fwversion); }
GCASE(fwversion_del) { mdl_set_data(&c->m, c->fwversion, "570.14\x7f", 8); build(c);
	want(c, -EINVAL, "section %d (.fwversion): byte 0x7f at offset 6 is not printable ASCII", c->fwversion); }
GCASE(fwversion_high_bit) { mdl_set_data(&c->m, c->fwversion, "\xb5" "70.144", 8); build(c);
	want(c, -EINVAL, "section %d (.fwversion): byte 0xb5 at offset 0 is not printable ASCII", c->fwversion); }
GCASE(fwversion_trailing_byte) { mdl_set_data(&c->m, c->fwversion, "570.144\0x", 9); build(c);
	want(c, -EINVAL, "section %d (.fwversion): byte 0x78 at offset 8 follows the NUL at 7", c->fwversion); }
GCASE(fwversion_nul_padding_is_fine) { mdl_set_data(&c->m, c->fwversion, "570.144\0\0\0\0", 11);
	build(c); want(c, 0, "%s", ""); }
GCASE(fwversion_31_chars_is_fine) {
	mdl_set_data(&c->m, c->fwversion, "1234567890.1234567890.123456789", 32); build(c);
	want(c, 0, "%s", ""); }
GCASE(fwversion_33_bytes) {
	mdl_set_data(&c->m, c->fwversion, "1234567890.1234567890.1234567890", 33); build(c);
	want(c, -E2BIG, "section %d (.fwversion): 33 bytes, longer than the 32 kept", c->fwversion); }
GCASE(fwversion_huge) { build(c); shdr_set(c, c->fwversion, SH_SIZE, 0x1000);
	want(c, -E2BIG, "section %d (.fwversion): 4096 bytes, longer than the 32 kept", c->fwversion); }
GCASE(fwversion_note_type) { c->m.s[c->fwversion].type = 7; build(c);
	want(c, -EINVAL, "section %d (.fwversion): sh_type 7 is not SHT_PROGBITS (1)", c->fwversion); }

/* -- .note.gnu.build-id -- */
static void note(struct gctx *c, u32 namesz, u32 descsz, u32 type, const char *owner,
		 unsigned int size)
{
	u8 b[128] = { 0 };

	wr32(b, namesz);
	wr32(b + 4, descsz);
	wr32(b + 8, type);
	memcpy(b + 12, owner, 4);
	memset(b + 16, 0xab, sizeof(b) - 16);
	mdl_set_data(&c->m, c->build_id, b, size);
}

GCASE(note_short) { note(c, 4, 20, 3, "GNU", 11); build(c);
	want(c, -EINVAL, "section %d (.note.gnu.build-id): 11 bytes, shorter than a 12-byte note header", c->build_id); }
GCASE(note_namesz_5) { build(c); wr32(c->buf + c->lay.off[c->build_id], 5);
	want(c, -EINVAL, "section %d (.note.gnu.build-id): n_namesz 5 is not 4 (\"GNU\")", c->build_id); }
GCASE(note_namesz_max) { build(c); wr32(c->buf + c->lay.off[c->build_id], 0xffffffff);
	want(c, -EINVAL, "section %d (.note.gnu.build-id): n_namesz 4294967295 is not 4", c->build_id); }
GCASE(note_type) { build(c); wr32(c->buf + c->lay.off[c->build_id] + 8, 1);
	want(c, -EINVAL, "section %d (.note.gnu.build-id): n_type 1 is not NT_GNU_BUILD_ID (3)", c->build_id); }
GCASE(note_descsz_21) { build(c); wr32(c->buf + c->lay.off[c->build_id] + 4, 21);
	want(c, -EINVAL, "section %d (.note.gnu.build-id): n_descsz 21 needs a 0x28-byte note, the section has 0x24 bytes",
	     c->build_id); }
GCASE(note_descsz_max) { build(c); wr32(c->buf + c->lay.off[c->build_id] + 4, 0xffffffff);
	want(c, -EINVAL, "section %d (.note.gnu.build-id): n_descsz 4294967295 needs a 0x100000010-byte note, the section has 0x24 bytes",
	     c->build_id); }
GCASE(note_descsz_16) { build(c); wr32(c->buf + c->lay.off[c->build_id] + 4, 16);
	want(c, -EINVAL, "section %d (.note.gnu.build-id): 4 bytes follow the 0x20-byte note", c->build_id); }
GCASE(note_owner) { build(c); c->buf[c->lay.off[c->build_id] + 14] = 'X';
	want(c, -EINVAL, "section %d (.note.gnu.build-id): owner 47 4e 58 00 is not \"GNU\\0\"", c->build_id); }
GCASE(note_descsz_0) { note(c, 4, 0, 3, "GNU", 16); build(c);
	want(c, -EINVAL, "section %d (.note.gnu.build-id): n_descsz 0: the build-id is empty", c->build_id); }
GCASE(note_descsz_64_is_fine) { note(c, 4, 64, 3, "GNU", 80); build(c); want(c, 0, "%s", ""); }
GCASE(note_descsz_68) { note(c, 4, 68, 3, "GNU", 84); build(c);
	want(c, -E2BIG, "section %d (.note.gnu.build-id): n_descsz 68: the build-id is longer than the 64 bytes kept",
	     c->build_id); }
GCASE(note_descsz_unpadded) { note(c, 4, 18, 3, "GNU", 34); build(c);
	want(c, -EINVAL, "section %d (.note.gnu.build-id): n_descsz 18 needs a 0x24-byte note, the section has 0x22 bytes",
	     c->build_id); }
GCASE(note_progbits) { c->m.s[c->build_id].type = 1; build(c);
	want(c, -EINVAL, "section %d (.note.gnu.build-id): sh_type 1 is not SHT_NOTE (7)", c->build_id); }

#define G(name) { #name, gcase_##name }
static const struct {
	const char *what;
	void (*fn)(struct gctx *c);
} gcases[] = {
	G(magic_first_byte), G(magic_letter), G(class_elf32), G(class_none), G(big_endian),
	G(ident_version), G(e_version), G(type_exec), G(type_none), G(machine_x86_64),
	G(machine_high_byte), G(ehsize_elf32), G(shentsize_0), G(shentsize_elf32),
	G(shentsize_65), G(shnum_0), G(shnum_max), G(shnum_below_shstrndx), G(shstrndx_undef),
	G(shstrndx_xindex), G(shstrndx_shnum), G(shstrndx_progbits), G(shoff_0), G(shoff_63),
	G(shoff_end), G(shoff_one_past), G(shoff_wraps),
	G(shstrtab_past_end), G(shstrtab_size_max), G(shstrtab_empty), G(shstrtab_in_header),
	G(shstrtab_in_table), G(shstrtab_compressed), G(name_past_table), G(name_offset_max),
	G(name_unterminated), G(name_too_long), G(name_255_is_fine),
	G(fwimage_offset_past_end), G(fwimage_size_past_end), G(fwimage_size_max),
	G(fwimage_offset_max), G(fwimage_wraps_to_zero), G(fwimage_size_2_63),
	G(symtab_past_end), G(nobits_unused_is_fine), G(null_unused_is_fine),
	G(fwimage_in_header), G(fwimage_in_table), G(fwimage_over_shstrtab),
	G(build_id_inside_fwimage), G(sig_over_fwversion), G(sig_over_build_id),
	G(sig_over_sig), G(fwversion_inside_fwimage),
	G(second_fwimage), G(second_fwversion), G(second_build_id), G(second_signature),
	G(second_cc_signature), G(cc_and_plain_coexist), G(no_fwimage), G(no_fwversion),
	G(no_signature), G(no_build_id_is_fine), G(sigs_24_is_fine), G(sigs_25),
	G(family_15_is_fine), G(family_16), G(family_name_quoted_cut), G(family_empty), G(family_cc_empty),
	G(family_upper_case), G(family_control_byte), G(signature_nobits), G(signature_empty),
	G(fwimage_nobits), G(fwimage_symtab_type), G(fwimage_compressed), G(fwimage_empty),
	G(fwversion_unterminated), G(fwversion_empty_string), G(fwversion_zero_size),
	G(fwversion_control), G(fwversion_del), G(fwversion_high_bit),
	G(fwversion_trailing_byte), G(fwversion_nul_padding_is_fine),
	G(fwversion_31_chars_is_fine), G(fwversion_33_bytes), G(fwversion_huge),
	G(fwversion_note_type),
	G(note_short), G(note_namesz_5), G(note_namesz_max), G(note_type), G(note_descsz_21),
	G(note_descsz_max), G(note_descsz_16), G(note_owner), G(note_descsz_0),
	G(note_descsz_64_is_fine), G(note_descsz_68), G(note_descsz_unpadded), G(note_progbits),
};
#define N_GCASES (int)(ARRAY_SIZE(gcases))

static void gctx_init(struct gctx *c)
{
	memset(c, 0, sizeof(*c));
	c->m = base;
	c->fwimage = mdl_find(&c->m, ".fwimage");
	c->build_id = mdl_find(&c->m, ".note.gnu.build-id");
	c->fwversion = mdl_find(&c->m, ".fwversion");
	c->sig_ga100 = mdl_find(&c->m, ".fwsignature_ga100");
	c->sig_tu11x = mdl_find(&c->m, ".fwsignature_tu11x");
	c->sig_tu10x = mdl_find(&c->m, ".fwsignature_tu10x");
	c->symtab = mdl_find(&c->m, ".symtab");
	c->strtab = mdl_find(&c->m, ".strtab");
	c->shstrtab = mdl_find(&c->m, ".shstrtab");
	ck_assert_int_eq(c->shstrtab, (int)c->m.shstrndx);
}

/* The parser's answer to @buf: @err, and a message "<name>: <want>..." */
static void assert_refused(const char *what, const u8 *buf, size_t len, int err,
			   const char *want)
{
	struct nvgsp_fw_gsp_image *img = malloc(sizeof(*img));
	struct nvgsp_fw_diag diag;
	char prefix[NVGSP_FW_DIAG_LEN];
	int ret;

	memset(img, 0x5a, sizeof(*img));
	ret = parse(BASE_NAME, buf, len, img, &diag);
	if (!err) {
		ck_assert_msg(ret == 0, "%s: refused: %s", what, diag.msg);
		free(img);
		return;
	}
	ck_assert_msg(ret == err, "%s: returned %d, not %d: \"%s\"", what, ret, err, diag.msg);
	snprintf(prefix, sizeof(prefix), "%s: %s", BASE_NAME, want);
	ck_assert_msg(!strncmp(diag.msg, prefix, strlen(prefix)),
		      "%s: message \"%s\" does not start \"%s\"", what, diag.msg, prefix);
	/* a refused file leaves no facts behind */
	ck_assert_uint_eq(img->nr_sigs, 0);
	ck_assert_uint_eq(img->version[0], 0);
	ck_assert_uint_eq(img->fwimage.size, 0);
	free(img);
}

START_TEST(corrupt)
{
	struct gctx *c = malloc(sizeof(*c));

	gctx_init(c);
	gcases[_i].fn(c);
	if (!c->buf)
		build(c);
	assert_refused(gcases[_i].what, c->buf, c->len, c->want_err, c->want);
	free(c->buf);
	free(c);
}
END_TEST

/* The compact copy of every real image parses, with its image's facts. */
START_TEST(compact_copy_parses)
{
	const struct gsp_fact *f = &facts[_i];
	struct nvgsp_fw_gsp_image *img = calloc(1, sizeof(*img));
	struct model *mdl = malloc(sizeof(*mdl));
	struct nvgsp_fw_diag diag;
	struct layout lay;
	size_t len;
	u8 *buf = compact_copy(f, mdl, &len, &lay);

	ck_assert_msg(parse(f->path, buf, len, img, &diag) == 0, "%s", diag.msg);
	assert_facts(img, f, true);
	ck_assert_uint_eq(img->fwimage.size, FWIMAGE_KEEP);
	free(buf);
	free(mdl);
	free(img);
}
END_TEST

/*
 * Cut the compact copy of every real image at every header and section
 * boundary and one byte either side; each cut is a fresh buffer of exactly
 * that many bytes, so a read past the cut is an ASan report. The error
 * expected is the first thing the cut removes: the ELF header, the section
 * table, the section-name table, or the first section (in table order) that
 * no longer fits.
 */
START_TEST(truncate_compact_everywhere)
{
	const struct gsp_fact *f = &facts[_i];
	struct nvgsp_fw_gsp_image *img = calloc(1, sizeof(*img));
	struct model *mdl = malloc(sizeof(*mdl));
	u64 cuts[3 * (2 * MAX_SECT + 8)], table_end;
	unsigned int nc = 0, k, i;
	struct layout lay;
	size_t len;
	u8 *full = compact_copy(f, mdl, &len, &lay);

	table_end = lay.shoff + 64 * mdl->n;
	cuts[nc++] = 0;
	cuts[nc++] = 1;
	cuts[nc++] = 64;		/* e_ehsize */
	cuts[nc++] = table_end;
	cuts[nc++] = len;
	for (i = 1; i < mdl->n; i++)
		if (i == mdl->shstrndx || has_bytes(&mdl->s[i])) {
			cuts[nc++] = lay.off[i];
			cuts[nc++] = lay.off[i] + lay.size[i];
		}
	for (k = 0, i = nc; k < i; k++) {
		cuts[nc++] = cuts[k] - 1;	/* 0 - 1 wraps: skipped below */
		cuts[nc++] = cuts[k] + 1;
	}
	for (k = 0; k < nc; k++) {
		u64 cut = cuts[k];
		char want[NVGSP_FW_DIAG_LEN];
		int err = -EINVAL;
		u8 *buf;

		if (cut >= len)
			continue;	/* the whole file, or more: not a truncation */
		if (cut < 64) {
			snprintf(want, sizeof(want), "file is %llu bytes, shorter than the 64-byte ELF64 header",
				 cut);
		} else if (cut < table_end) {
			snprintf(want, sizeof(want), "section table: e_shoff 0x40 + %u sections x 64 bytes is past the end of the %llu-byte file",
				 mdl->n, cut);
		} else if (cut < lay.off[mdl->shstrndx] + lay.size[mdl->shstrndx]) {
			snprintf(want, sizeof(want), "section-name table (section %u): offset 0x%llx + size 0x%llx is past the end of the %llu-byte file",
				 mdl->shstrndx, lay.off[mdl->shstrndx],
				 lay.size[mdl->shstrndx], cut);
		} else {
			for (i = 1; i < mdl->n; i++)
				if (has_bytes(&mdl->s[i]) && lay.off[i] + lay.size[i] > cut)
					break;
			ck_assert_uint_lt(i, mdl->n);
			snprintf(want, sizeof(want), "section %u (%s): offset 0x%llx + size 0x%llx is past the end of the %llu-byte file",
				 i, mdl->s[i].name, lay.off[i],
				 lay.size[i], cut);
		}
		buf = malloc(cut ? cut : 1);
		memcpy(buf, full, cut);
		{
			struct nvgsp_fw_diag diag;
			char prefix[NVGSP_FW_DIAG_LEN + 64];
			int ret = parse(f->path, buf, cut, img, &diag);

			snprintf(prefix, sizeof(prefix), "%s: %s", f->path, want);
			ck_assert_msg(ret == err, "cut at %llu: returned %d: %s",
				      cut, ret, diag.msg);
			ck_assert_msg(!strcmp(diag.msg, prefix), "cut at %llu: \"%s\", not \"%s\"",
				      cut, diag.msg, prefix);
		}
		free(buf);
	}
	free(full);
	free(mdl);
	free(img);
}
END_TEST

/*
 * Cuts in the real 28 MB image, at its real boundaries (readelf -S -W: the
 * sections, then the table at 0x1b381d8 to the end). Every cut short of the
 * end leaves the section table incomplete, and that is all the parser may
 * look at: it must say so having read nothing but the 64-byte header. The
 * buffer is exactly the cut long (calloc: untouched pages cost nothing) and
 * holds the real header and the real bytes from the table on; a read of
 * anything past the cut is an ASan report.
 */
START_TEST(truncate_real_file)
{
	static const u64 bounds[] = {
		0x40, 0x1b34ee0, 0x1b34f04, 0x1b34f0c, 0x1b35f0c, 0x1b36f0c, 0x1b37f0c,
		0x1b37f10, 0x1b37f70, 0x1b3815d, 0x1b381d8, 0x1b381d8 + 64, 0x1b381d8 + 9 * 64,
		28542040,
	};
	struct nvgsp_fw_gsp_image *img = calloc(1, sizeof(*img));
	struct mapped m = map_file(unit_fw_path("graphics-sid", BASE_NAME));
	unsigned int k;
	int d;

	ck_assert_uint_eq(m.size, 28542040);
	for (k = 0; k < ARRAY_SIZE(bounds); k++) {
		for (d = -1; d <= 1; d++) {
			u64 cut = bounds[k] + d, shoff = 0x1b381d8;
			struct nvgsp_fw_diag diag;
			char want[NVGSP_FW_DIAG_LEN];
			u8 *buf;
			int ret;

			if (cut >= m.size)
				continue;
			buf = calloc(1, cut);
			memcpy(buf, m.data, cut < 64 ? cut : 64);
			if (cut > shoff)
				memcpy(buf + shoff, m.data + shoff, cut - shoff);
			ret = parse(BASE_NAME, buf, cut, img, &diag);
			if (cut < 64)
				snprintf(want, sizeof(want), "%s: file is %llu bytes, shorter than the 64-byte ELF64 header",
					 BASE_NAME, cut);
			else
				snprintf(want, sizeof(want), "%s: section table: e_shoff 0x1b381d8 + 10 sections x 64 bytes is past the end of the %llu-byte file",
					 BASE_NAME, cut);
			ck_assert_int_eq(ret, -EINVAL);
			ck_assert_str_eq(diag.msg, want);
			free(buf);
		}
	}
	unmap_file(&m);
	free(img);
}
END_TEST

/* The message names the file, the field and the values, as the header promises. */
START_TEST(message_names_the_file_and_values)
{
	struct gctx *c = malloc(sizeof(*c));
	struct nvgsp_fw_gsp_image *img = calloc(1, sizeof(*img));
	struct nvgsp_fw_diag diag;
	char want[NVGSP_FW_DIAG_LEN];

	gctx_init(c);
	build(c);
	shdr_set(c, c->fwimage, SH_SIZE, 0x10000000);
	ck_assert_int_eq(parse("nvidia/ga102/gsp/gsp-570.144.bin", c->buf, c->len, img, &diag),
			 -EINVAL);
	snprintf(want, sizeof(want), "nvidia/ga102/gsp/gsp-570.144.bin: section %d (.fwimage): offset 0x%llx + size 0x10000000 is past the end of the %zu-byte file",
		 c->fwimage, c->lay.off[c->fwimage], c->len);
	ck_assert_str_eq(diag.msg, want);
	/* no diag: still refused, nothing written */
	{
		struct nvgsp_fw_blob blob = { "x", c->buf, c->len };

		ck_assert_int_eq(nvgsp_fw_gsp_parse(&blob, img, NULL), -EINVAL);
	}
	free(c->buf);
	free(c);
	free(img);
}
END_TEST

START_TEST(empty_and_null_blobs)
{
	struct nvgsp_fw_gsp_image *img = calloc(1, sizeof(*img));
	struct nvgsp_fw_diag diag;
	u8 one = 0x7f;

	ck_assert_int_eq(parse("nothing", NULL, 0, img, &diag), -EINVAL);
	ck_assert_str_eq(diag.msg, "nothing: file is 0 bytes, shorter than the 64-byte ELF64 header");
	ck_assert_int_eq(parse("one", &one, 1, img, &diag), -EINVAL);
	ck_assert_str_eq(diag.msg, "one: file is 1 bytes, shorter than the 64-byte ELF64 header");
	free(img);
}
END_TEST

Suite *nvgsp_suite_fw_gsp(void)
{
	Suite *s = suite_create("fw_gsp");
	TCase *tc;

	tc = tcase_create("real");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, every_path_parses_as_its_image, 0, N_PATHS);
	tcase_add_loop_test(tc, every_image_in_the_set_is_listed, 0, N_SETS);
	tcase_add_test(tc, find_sig_tells_plain_from_cc);
	tcase_add_loop_test(tc, compact_copy_parses, 0, N_IMAGES);
	suite_add_tcase(s, tc);

	tc = tcase_create("truncate");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, truncate_compact_everywhere, 0, N_IMAGES);
	tcase_add_test(tc, truncate_real_file);
	tcase_add_test(tc, empty_and_null_blobs);
	suite_add_tcase(s, tc);

	tc = tcase_create("corrupt");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_loop_test(tc, corrupt, 0, N_GCASES);
	tcase_add_test(tc, message_names_the_file_and_values);
	suite_add_tcase(s, tc);
	return s;
}
