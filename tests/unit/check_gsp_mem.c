// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gsp_mem.c - the driver memory GSP-RM boots from (src/gsp/nvgsp_gsp_mem.c):
 * the FB layout per release and signature family against values computed
 * here by hand from nouveau's and nova-core's formula, the radix3 map of the
 * real .fwimage walked through the bus addresses a device would see, the
 * WPR metadata and libos arguments decoded back, and allocation failure at
 * every allocation.
 *
 * The heap/WPR numbers below are written from nouveau (r535/rm.c, r570/rm.c,
 * nvrm/gsp.h GSP_FW_HEAP_PARAM_*, tu102.c, gh100.c) and nova-core (the fb hal files:
 * non_wpr_heap_size, gb100 pmu_reserved_size), NOT from the ABI tables, so a
 * wrong table entry or a wrong formula fails here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "gsp/nvgsp_gsp_mem.h"
#include "transport/nvgsp_rpc.h"
#include "fw/nvgsp_fw_select.h"
#include "fw/nvgsp_fw_ucode.h"

#define N(a) (int)(ARRAY_SIZE(a))
#define KiB 1024ull
#define MiB (1024ull * KiB)
#define GiB (1024ull * MiB)

#define R535 "535.113.01"
#define R570 "570.144"

/* Heap and WPR sizing per release and signature family, by hand. */
static const struct heap_row {
	const char *release;
	const char *family;
	u64 carveout, base, min, non_wpr, pmu;
	bool by_acr;
} heap_rows[] = {
	/* 535: r535_wpr_libos2 / r535_wpr_libos3, non-WPR heap 1 MiB (tu102.c) */
	{ R535, "tu10x", 0, 8 * MiB, 64 * MiB, 1 * MiB, 0, false },
	{ R535, "tu11x", 0, 8 * MiB, 64 * MiB, 1 * MiB, 0, false },
	{ R535, "ga100", 0, 8 * MiB, 64 * MiB, 1 * MiB, 0, false },
	{ R535, "ga10x", 20 * MiB, 8 * MiB, 84 * MiB, 1 * MiB, 0, false },
	{ R535, "ad10x", 20 * MiB, 8 * MiB, 84 * MiB, 1 * MiB, 0, false },
	/* 570: r570_wpr_libos2 (same as 535), libos3 88 + 12 + 70 MiB minimum */
	{ R570, "tu10x", 0, 8 * MiB, 64 * MiB, 1 * MiB, 0, false },
	{ R570, "tu11x", 0, 8 * MiB, 64 * MiB, 1 * MiB, 0, false },
	{ R570, "ga100", 0, 8 * MiB, 64 * MiB, 1 * MiB, 0, false },
	{ R570, "ga10x", 22 * MiB, 8 * MiB, 170 * MiB, 1 * MiB, 0, false },
	{ R570, "ad10x", 22 * MiB, 8 * MiB, 170 * MiB, 1 * MiB, 0, false },
	/* r570_wpr_libos3_gh100 / _gb10x; GB20x non-WPR 2 MiB + 128 KiB (nova-core) */
	{ R570, "gh100", 22 * MiB, 14 * MiB, 170 * MiB, 2 * MiB, 0, true },
	{ R570, "gb10x", 22 * MiB, 14 * MiB, 170 * MiB, 2 * MiB, 0x1820000, true },
	{ R570, "gb20x", 22 * MiB, 14 * MiB, 170 * MiB, 2 * MiB + 128 * KiB, 0x1820000, true },
};

static const struct heap_row *heap_row(const char *release, const char *family)
{
	for (int i = 0; i < N(heap_rows); i++)
		if (!strcmp(heap_rows[i].release, release) && !strcmp(heap_rows[i].family, family))
			return &heap_rows[i];
	ck_abort_msg("no heap row for %s %s", release, family);
	return NULL;
}

/* One chip per signature family, and the releases that serve it. */
static const struct {
	u16 chipset;
	bool r535;
} fam_chips[] = {
	{ 0x162, true },	/* TU102 tu10x */
	{ 0x168, true },	/* TU116 tu11x */
	{ 0x170, true },	/* GA100 ga100 */
	{ 0x172, true },	/* GA102 ga10x */
	{ 0x192, true },	/* AD102 ad10x */
	{ 0x180, false },	/* GH100 gh100 */
	{ 0x1a0, false },	/* GB100 gb10x */
	{ 0x1b2, false },	/* GB202 gb20x */
};
static const u64 fb_sizes[] = { 4 * GiB, 24 * GiB, 80 * GiB };

/* Sizes of a bootloader and an ELF that align to nothing. */
#define BL_SIZE		0x2b0cull
#define ELF_SIZE	0x3c9f4f0ull

static const struct nvgsp_abi *abi_of(const char *release)
{
	const struct nvgsp_abi *abi = nvgsp_abi_find(release);

	ck_assert_msg(abi != NULL, "no ABI table for %s", release);
	return abi;
}

static u64 align_down(u64 v, u64 a)
{
	return v / a * a;
}

static u64 align_up(u64 v, u64 a)
{
	return (v + a - 1) / a * a;
}

/* nouveau tu102_gsp_wpr_heap_size, with the constants of the row. */
static u64 hand_heap(const struct heap_row *h, u64 fb)
{
	u64 gb = (fb + GiB - 1) / GiB;
	u64 size = h->carveout + h->base + align_up(96 * KiB * gb, MiB) +
		   align_up(48 * KiB * 2048, MiB);

	return size < h->min ? h->min : size;
}

/* nouveau r535_gsp_oneinit's layout, written out again. */
static void hand_layout(const struct heap_row *h, bool frts, u64 fb, u64 vga,
			struct nvgsp_gsp_fb_layout *l)
{
	memset(l, 0, sizeof(*l));
	l->fb_size = fb;
	l->vga_workspace_addr = vga;
	l->vga_workspace_size = fb - vga;
	l->frts_size = frts ? MiB : 0;
	l->frts_addr = align_down(vga, 128 * KiB) - l->frts_size;
	l->boot_size = BL_SIZE;
	l->boot_addr = align_down(l->frts_addr - BL_SIZE, 4 * KiB);
	l->elf_size = ELF_SIZE;
	l->elf_addr = align_down(l->boot_addr - ELF_SIZE, 64 * KiB);
	l->heap_size = hand_heap(h, fb);
	l->heap_addr = align_down(l->elf_addr - l->heap_size, MiB);
	l->heap_size = align_down(l->elf_addr - l->heap_addr, MiB);
	l->wpr2_addr = align_down(l->heap_addr - 256, MiB);
	l->wpr2_end = l->frts_addr + l->frts_size;
	l->non_wpr_heap_size = h->non_wpr;
	l->non_wpr_heap_addr = l->wpr2_addr - h->non_wpr;
	l->pmu_reserved_size = h->pmu;
}

#define CK_FIELD(got, want, f) \
	ck_assert_msg((got)->f == (want)->f, "%s: got 0x%llx, want 0x%llx", #f, \
		      (got)->f, (want)->f)

static void ck_layout_eq(const struct nvgsp_gsp_fb_layout *got,
			 const struct nvgsp_gsp_fb_layout *want)
{
	CK_FIELD(got, want, fb_size);
	CK_FIELD(got, want, vga_workspace_addr);
	CK_FIELD(got, want, vga_workspace_size);
	CK_FIELD(got, want, frts_addr);
	CK_FIELD(got, want, frts_size);
	CK_FIELD(got, want, boot_addr);
	CK_FIELD(got, want, boot_size);
	CK_FIELD(got, want, elf_addr);
	CK_FIELD(got, want, elf_size);
	CK_FIELD(got, want, heap_addr);
	CK_FIELD(got, want, heap_size);
	CK_FIELD(got, want, wpr2_addr);
	CK_FIELD(got, want, wpr2_end);
	CK_FIELD(got, want, non_wpr_heap_addr);
	CK_FIELD(got, want, non_wpr_heap_size);
	CK_FIELD(got, want, pmu_reserved_size);
	CK_FIELD(got, want, vf_partitions);
}

/* Alignment and ordering, whatever the numbers. */
static void ck_layout_invariants(const struct nvgsp_gsp_fb_layout *l)
{
	ck_assert_uint_eq(l->boot_addr % (4 * KiB), 0);
	ck_assert_uint_eq(l->elf_addr % (64 * KiB), 0);
	ck_assert_uint_eq(l->heap_addr % MiB, 0);
	ck_assert_uint_eq(l->heap_size % MiB, 0);
	ck_assert_uint_eq(l->wpr2_addr % MiB, 0);
	ck_assert_uint_eq(l->wpr2_end % (128 * KiB), 0);
	ck_assert_uint_eq(l->non_wpr_heap_addr + l->non_wpr_heap_size, l->wpr2_addr);
	ck_assert_uint_le(l->wpr2_addr + 256, l->heap_addr);
	ck_assert_uint_le(l->heap_addr + l->heap_size, l->elf_addr);
	ck_assert_uint_le(l->elf_addr + l->elf_size, l->boot_addr);
	ck_assert_uint_le(l->boot_addr + l->boot_size, l->frts_addr);
	ck_assert_uint_eq(l->frts_addr + l->frts_size, l->wpr2_end);
	ck_assert_uint_le(l->wpr2_end, l->vga_workspace_addr);
	ck_assert_uint_eq(l->vga_workspace_addr + l->vga_workspace_size, l->fb_size);
	/* Each region hugs the next one up within its alignment. */
	ck_assert_uint_lt(l->frts_addr - (l->boot_addr + l->boot_size), 4 * KiB);
	ck_assert_uint_lt(l->boot_addr - (l->elf_addr + l->elf_size), 64 * KiB);
}

/* Rows: every family a release serves x every FB size. */
struct layout_case {
	const char *release;
	const struct nvgsp_chip_info *chip;
	u64 fb;
};

static bool layout_case(int i, struct layout_case *c)
{
	for (int r = 0; r < 2; r++) {
		for (int k = 0; k < N(fam_chips); k++) {
			if (r == 0 && !fam_chips[k].r535)
				continue;
			for (int f = 0; f < N(fb_sizes); f++) {
				if (i-- == 0) {
					c->release = r == 0 ? R535 : R570;
					c->chip = nvgsp_chip_lookup(fam_chips[k].chipset);
					c->fb = fb_sizes[f];
					return true;
				}
			}
		}
	}
	return false;
}
#define N_LAYOUT_CASES ((5 + 8) * 3)

START_TEST(layout_by_hand)
{
	struct nvgsp_gsp_fb_layout got, want;
	struct layout_case c;
	const struct heap_row *h;
	u64 heap;

	ck_assert(layout_case(_i, &c));
	ck_assert_ptr_nonnull(c.chip);
	h = heap_row(c.release, c.chip->sig_family);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_heap_size(NULL, abi_of(c.release), c.chip, c.fb, false, &heap), 0);
	ck_assert_uint_eq(heap, hand_heap(h, c.fb));
	ck_assert_int_eq(nvgsp_gsp_fb_layout(NULL, abi_of(c.release), c.chip, false, c.fb, c.fb - MiB,
					     BL_SIZE, ELF_SIZE, &got), 0);
	hand_layout(h, c.chip->chipset != 0x170, c.fb, c.fb - MiB, &want);
	ck_layout_eq(&got, &want);
	ck_layout_invariants(&got);
	ck_assert_str_eq(unit_log, "");
}
END_TEST

/* The last case above exceeded the list: the row count is exact. */
START_TEST(layout_case_count)
{
	struct layout_case c;

	ck_assert(layout_case(N_LAYOUT_CASES - 1, &c));
	ck_assert(!layout_case(N_LAYOUT_CASES, &c));
}
END_TEST

/*
 * One layout worked out on paper: GA102, 535.113.01, 24 GiB, VGA workspace
 * at fb - 1 MiB. Heap 20 + 8 + ALIGN(96 KiB * 24, 1 MiB) + 96 = 127 MiB.
 */
START_TEST(layout_literal_ga102_535_24g)
{
	const struct nvgsp_gsp_fb_layout want = {
		.fb_size = 0x600000000, .vga_workspace_addr = 0x5fff00000,
		.vga_workspace_size = 0x100000,
		.frts_addr = 0x5ffe00000, .frts_size = 0x100000,
		.boot_addr = 0x5ffdfd000, .boot_size = BL_SIZE,
		.elf_addr = 0x5fc150000, .elf_size = ELF_SIZE,
		.heap_addr = 0x5f4200000, .heap_size = 0x7f00000,
		.wpr2_addr = 0x5f4100000, .wpr2_end = 0x5fff00000,
		.non_wpr_heap_addr = 0x5f4000000, .non_wpr_heap_size = 0x100000,
	};
	struct nvgsp_gsp_fb_layout got;

	ck_assert_int_eq(nvgsp_gsp_fb_layout(NULL, abi_of(R535), nvgsp_chip_lookup(0x172), false,
					     24 * GiB, 24 * GiB - MiB, BL_SIZE, ELF_SIZE, &got), 0);
	ck_layout_eq(&got, &want);
}
END_TEST

/* A VGA workspace that is not 128 KiB aligned moves FRTS down to alignment. */
START_TEST(layout_vga_unaligned)
{
	struct nvgsp_gsp_fb_layout got;
	u64 fb = 8 * GiB, vga = fb - 0x30000;

	ck_assert_int_eq(nvgsp_gsp_fb_layout(NULL, abi_of(R570), nvgsp_chip_lookup(0x174), false, fb,
					     vga, BL_SIZE, ELF_SIZE, &got), 0);
	ck_assert_uint_eq(got.frts_addr, fb - 0x40000 - MiB);
	ck_assert_uint_eq(got.wpr2_end, fb - 0x40000);
	ck_assert_uint_eq(got.vga_workspace_size, 0x30000);
	ck_layout_invariants(&got);
}
END_TEST

static const struct {
	u64 fb, vga, bl, elf;
	const char *msg;
} layout_errors[] = {
	{ 8 * GiB, 8 * GiB, BL_SIZE, ELF_SIZE,
	  "0 -: gsp mem: FB layout: vga_workspace_addr 0x200000000 is outside VRAM (fb_size 0x200000000)\n" },
	{ 0, 0, BL_SIZE, ELF_SIZE,
	  "0 -: gsp mem: FB layout: fb_size 0x0 is 0 or exceeds 2^52 bytes\n" },
	{ 1ull << 53, 0, BL_SIZE, ELF_SIZE,
	  "0 -: gsp mem: FB layout: fb_size 0x20000000000000 is 0 or exceeds 2^52 bytes\n" },
	{ 8 * GiB, 8 * GiB - MiB, BL_SIZE, 0,
	  "0 -: gsp mem: FB layout: elf_size 0x0 or bootloader_size 0x2b0c is 0 or over 1 GiB\n" },
	/* 64 MiB of VRAM: the 125 MiB heap (20 + 8 + 1 + 96) does not fit below the ELF. */
	{ 64 * MiB, 63 * MiB, BL_SIZE, 32 * MiB,
	  "0 -: gsp mem: FB layout: WPR heap (0x7d00000 bytes) does not fit below 0x1df0000 (fb_size 0x4000000)\n" },
	/* 1 MiB of VRAM: FRTS itself does not fit. */
	{ MiB, 0x80000, BL_SIZE, ELF_SIZE,
	  "0 -: gsp mem: FB layout: FRTS (0x100000 bytes) does not fit below 0x80000 (fb_size 0x100000)\n" },
	{ 64 * MiB, 63 * MiB, 63 * MiB, ELF_SIZE,
	  "0 -: gsp mem: FB layout: bootloader (0x3f00000 bytes) does not fit below 0x3e00000 (fb_size 0x4000000)\n" },
};

START_TEST(layout_errors_named)
{
	struct nvgsp_gsp_fb_layout got;

	memset(&got, 0xa5, sizeof(got));
	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_fb_layout(NULL, abi_of(R535), nvgsp_chip_lookup(0x172), false,
					     layout_errors[_i].fb, layout_errors[_i].vga,
					     layout_errors[_i].bl, layout_errors[_i].elf, &got),
			 -EINVAL);
	ck_assert_str_eq(unit_log, layout_errors[_i].msg);
	ck_assert_uint_eq(got.fb_size, 0);
}
END_TEST

/* A table without the parameters: the message names the one missing. */
START_TEST(layout_missing_param)
{
	struct nvgsp_abi bare = *abi_of(R570);
	struct nvgsp_gsp_fb_layout got;
	u64 heap;

	bare.params = NULL;
	bare.nr_params = 0;
	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_fb_layout(NULL, &bare, nvgsp_chip_lookup(0x172), false, 8 * GiB,
					     8 * GiB - MiB, BL_SIZE, ELF_SIZE, &got), -EINVAL);
	ck_assert_str_eq(unit_log, "0 -: gsp mem: release 570.144 has no parameter heap.ga10x.non_wpr\n");
	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_heap_size(NULL, &bare, nvgsp_chip_lookup(0x1b2), 8 * GiB, false,
					     &heap), -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 -: gsp mem: release 570.144 has no parameter heap.gb20x.os_carveout\n");
	/* 535.113.01 does not serve Hopper: its table has no gh100 numbers. */
	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_heap_size(NULL, abi_of(R535), nvgsp_chip_lookup(0x180), 8 * GiB,
					     false, &heap), -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 -: gsp mem: release 535.113.01 has no parameter heap.gh100.os_carveout\n");
}
END_TEST

/* ---- radix3 -------------------------------------------------------------- */

static u64 le64_at(const void *p)
{
	const u8 *b = p;
	u64 v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | b[i];
	return v;
}

/*
 * Resolve a radix3 map the way GSP-RM does, through bus addresses only, and
 * compare every page with @bytes; the tail of the last page must be zero.
 * Return the number of pages walked.
 */
static u64 walk_radix3(u64 root, const u8 *bytes, u64 size)
{
	u64 pages = (size + 4095) / 4096, l2_pages = (pages + 511) / 512;
	const u8 *lvl0, *lvl1;
	u64 prev = 0, descending = 0;

	lvl0 = nvgsp_os_user_dma_lookup(root, 4096);
	ck_assert_ptr_nonnull(lvl0);
	lvl1 = nvgsp_os_user_dma_lookup(le64_at(lvl0), 4096);
	ck_assert_ptr_nonnull(lvl1);
	for (u64 i = 1; i < 512; i++)
		ck_assert_uint_eq(le64_at(lvl0 + 8 * i), 0);
	for (u64 j = 0; j < 512; j++) {
		const u8 *lvl2;

		if (j >= l2_pages) {
			ck_assert_uint_eq(le64_at(lvl1 + 8 * j), 0);
			continue;
		}
		lvl2 = nvgsp_os_user_dma_lookup(le64_at(lvl1 + 8 * j), 4096);
		ck_assert_ptr_nonnull(lvl2);
		for (u64 k = 0; k < 512; k++) {
			u64 i = j * 512 + k, addr = le64_at(lvl2 + 8 * k);
			u64 n = size - i * 4096 < 4096 ? size - i * 4096 : 4096;
			const u8 *page;

			if (i >= pages) {
				ck_assert_uint_eq(addr, 0);
				continue;
			}
			page = nvgsp_os_user_dma_lookup(addr, 4096);
			ck_assert_msg(page != NULL, "page %llu at 0x%llx not mapped",
				      i, addr);
			ck_assert_msg(!memcmp(page, bytes + i * 4096, n), "page %llu differs",
				      i);
			for (u64 t = n; t < 4096; t++)
				ck_assert_uint_eq(page[t], 0);
			if (i && addr < prev)
				descending++;
			prev = addr;
		}
	}
	/* The userspace OS layer hands pages out descending: not contiguous. */
	if (pages > 1)
		ck_assert_uint_eq(descending, pages - 1);
	return pages;
}

/* A synthetic 600-page buffer: two level 2 pages, a partial last page. */
START_TEST(radix3_two_level2_pages)
{
	struct nvgsp_os_device dev = { .name = "unit" };
	struct nvgsp_os_dma_sg *sg;
	struct nvgsp_os_dma tables;
	u64 size = 600 * 4096 - 100, root = 0;
	size_t live = nvgsp_os_user_dma_live();
	u8 *bytes = malloc(size);

	for (u64 i = 0; i < size; i++)
		bytes[i] = (u8)(i * 7 + i / 4096);
	ck_assert_int_eq(nvgsp_os_dma_sg_alloc(&dev, size, &sg), 0);
	for (size_t p = 0; p < 600; p++)
		memcpy(nvgsp_os_dma_sg_page(sg, p), bytes + p * 4096,
		       p == 599 ? 4096 - 100 : 4096);
	ck_assert_int_eq(nvgsp_gsp_radix3_build(&dev, sg, size, &tables, &root), 0);
	ck_assert_uint_eq(root, tables.addr);
	ck_assert_uint_eq(tables.size, 4 * 4096);
	ck_assert_uint_eq(walk_radix3(root, bytes, size), 600);
	nvgsp_os_dma_free(&dev, &tables);
	nvgsp_os_dma_sg_free(&dev, sg);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
	free(bytes);
}
END_TEST

START_TEST(radix3_bad_size)
{
	struct nvgsp_os_device dev = { .name = "unit" };
	struct nvgsp_os_dma_sg *sg;
	struct nvgsp_os_dma tables;
	u64 root = 0;
	size_t live;

	ck_assert_int_eq(nvgsp_os_dma_sg_alloc(&dev, 3 * 4096, &sg), 0);
	live = nvgsp_os_user_dma_live();
	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_radix3_build(&dev, sg, 3 * 4096 + 1, &tables, &root), -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: radix3: size 0x3001 is 0, past the buffer's 3 pages or over 1 GiB\n");
	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_radix3_build(&dev, sg, 0, &tables, &root), -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: radix3: size 0x0 is 0, past the buffer's 3 pages or over 1 GiB\n");
	ck_assert_ptr_null(tables.cpu);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
	nvgsp_os_dma_sg_free(&dev, sg);

	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_fwimage_stage(&dev, (const u8 *)"x", 0, &sg), -EINVAL);
	ck_assert_str_eq(unit_log, "0 unit: gsp mem: staging: size 0x0 is 0 or over 1 GiB\n");
	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_fwimage_stage(&dev, (const u8 *)"x", GiB + 1, &sg), -EINVAL);
	ck_assert_str_eq(unit_log, "0 unit: gsp mem: staging: size 0x40000001 is 0 or over 1 GiB\n");
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live - 1);
}
END_TEST

/* ---- whole memory over the real firmware --------------------------------- */

static const struct nvgsp_rpc_shm test_shm = {
	.addr = 0x1234567000ull, .pte_count = 129, .cmdq_offset = 0x1000,
	.statq_offset = 0x41000,
};

struct fixture {
	struct nvgsp_os_device dev;
	struct nvgsp_fw_set *set;
	const struct nvgsp_chip_info *chip;
	struct nvgsp_gsp_plan plan;
};

static void fixture_load(struct fixture *f, u16 chipset, const char *release)
{
	struct nvgsp_fw_diag diag = { { 0 } };

	f->dev = (struct nvgsp_os_device){ .name = "unit",
					   .fw_path = unit_fw_root("graphics-sid") };
	f->chip = nvgsp_chip_lookup(chipset);
	ck_assert_ptr_nonnull(f->chip);
	f->set = calloc(1, sizeof(*f->set));
	ck_assert_int_eq(nvgsp_fw_select(&f->dev, f->chip, release, f->set, &diag), 0);
	ck_assert_str_eq(f->set->abi->release, release);
	ck_assert_uint_eq(f->set->missing, 0);
}

static void fixture_put(struct fixture *f)
{
	nvgsp_fw_set_put(f->set);
	free(f->set);
}

/*
 * What the boot does in two steps: the plan (bootloader parsed, FB layout,
 * in f->plan), then the memory built from it. The first error is returned;
 * each logs its own reasons.
 */
static int mem_build_for(struct fixture *f, const struct nvgsp_abi *abi,
			 const struct nvgsp_chip_info *chip, bool vgpu, u64 fb, u64 vga,
			 const struct nvgsp_rpc_shm *shm, struct nvgsp_gsp_mem *mem)
{
	struct nvgsp_fw_diag diag;
	int ret;

	f->plan = (struct nvgsp_gsp_plan){ .dev = &f->dev, .abi = abi, .chip = chip,
					   .fw = f->set, .vgpu = vgpu };
	ret = nvgsp_gsp_plan(&f->plan, fb, vga, &diag);
	if (ret)
		return ret;
	ck_assert_str_eq(diag.msg, "");
	return nvgsp_gsp_mem_create(&f->dev, &f->plan, shm, mem);
}

static int mem_build(struct fixture *f, const struct nvgsp_abi *abi,
		     const struct nvgsp_chip_info *chip, u64 fb, u64 vga,
		     const struct nvgsp_rpc_shm *shm, struct nvgsp_gsp_mem *mem)
{
	return mem_build_for(f, abi, chip, false, fb, vga, shm, mem);
}

static const struct {
	u16 chipset;
	const char *release;
} mem_rows[] = {
	{ 0x162, R535 }, { 0x170, R535 }, { 0x172, R535 }, { 0x192, R535 },
	{ 0x162, R570 }, { 0x168, R570 }, { 0x170, R570 }, { 0x172, R570 }, { 0x192, R570 },
	{ 0x180, R570 }, { 0x1a0, R570 }, { 0x1b2, R570 },
};

/* The bootloader file's bin header, read here from the raw bytes. */
static void bl_payload(const struct nvgsp_fw_blob *bl, u64 *off, u64 *size)
{
	ck_assert_uint_ge(bl->size, 24);
	*off = bl->data[16] | bl->data[17] << 8 | bl->data[18] << 16 | (u64)bl->data[19] << 24;
	*size = bl->data[20] | bl->data[21] << 8 | bl->data[22] << 16 | (u64)bl->data[23] << 24;
	ck_assert_uint_le(*off + *size, bl->size);
}

START_TEST(mem_real_firmware)
{
	const u64 fb = 24 * GiB, vga = fb - MiB;
	struct fixture f;
	struct nvgsp_gsp_mem mem;
	struct nvgsp_abi_wpr_meta m;
	struct nvgsp_gsp_fb_layout want;
	struct nvgsp_fw_riscv_ucode rv;
	struct nvgsp_fw_diag diag;
	const struct nvgsp_fw_blob *gsp, *bl;
	const struct nvgsp_fw_gsp_sig *sig;
	const struct heap_row *h;
	size_t live = nvgsp_os_user_dma_live();
	u64 img_size, bl_off, bl_size;
	const u8 *p;

	fixture_load(&f, mem_rows[_i].chipset, mem_rows[_i].release);
	gsp = &f.set->files[NVGSP_FW_GSP].blob;
	bl = &f.set->files[NVGSP_FW_BOOTLOADER].blob;
	img_size = f.set->gsp.fwimage.size;
	h = heap_row(mem_rows[_i].release, f.chip->sig_family);
	unit_log_reset();
	ck_assert_int_eq(mem_build(&f, f.set->abi, f.chip, fb, vga, &test_shm, &mem), 0);
	ck_assert_str_eq(unit_log, "");

	/* The layout is the hand-computed one for the real sizes. */
	bl_payload(bl, &bl_off, &bl_size);
	ck_assert_int_eq(nvgsp_fw_ucode_parse_riscv(bl, &rv, &diag), 0);
	ck_assert_uint_eq(rv.image_size, bl_size);
	{
		struct nvgsp_gsp_fb_layout tmp;

		memset(&tmp, 0, sizeof(tmp));
		/* hand_layout() uses the test's fixed sizes: redo it for these. */
		ck_assert_int_eq(nvgsp_gsp_fb_layout(NULL, f.set->abi, f.chip, false, fb, vga, bl_size,
						     img_size, &tmp), 0);
		ck_layout_eq(&f.plan.fb, &tmp);
	}
	hand_layout(h, f.chip->chipset != 0x170, fb, vga, &want);
	ck_assert_uint_eq(f.plan.fb.heap_size, want.heap_size);
	ck_assert_uint_eq(f.plan.fb.non_wpr_heap_size, h->non_wpr);
	ck_layout_invariants(&f.plan.fb);

	/* radix3 resolves to exactly the .fwimage bytes. */
	ck_assert_uint_eq(walk_radix3(mem.radix3_root, gsp->data + f.set->gsp.fwimage.offset,
				      img_size), (img_size + 4095) / 4096);

	/* The metadata decodes back to what the booter / FMC needs. */
	ck_assert_int_eq(nvgsp_abi_decode(f.set->abi, NVGSP_ABI_CODEC_WPR_META, &m,
					  mem.wpr_meta.cpu, mem.wpr_meta.size), 256);
	ck_assert_uint_eq(m.magic, 0xdc3aae21371a60b3ull);
	ck_assert_uint_eq(m.revision, 1);
	ck_assert_uint_eq(m.verified, 0);
	ck_assert_uint_eq(m.sysmem_addr_radix3_elf, mem.radix3_root);
	ck_assert_uint_eq(m.size_radix3_elf, img_size);
	ck_assert_uint_eq(m.size_bootloader, bl_size);
	p = nvgsp_os_user_dma_lookup(m.sysmem_addr_bootloader, bl_size);
	ck_assert_ptr_nonnull(p);
	ck_assert(!memcmp(p, bl->data + bl_off, bl_size));
	ck_assert_uint_eq(m.bootloader_code_offset, rv.monitor_code.offset);
	ck_assert_uint_eq(m.bootloader_data_offset, rv.monitor_data.offset);
	ck_assert_uint_eq(m.bootloader_manifest_offset, rv.manifest.offset);
	ck_assert_uint_eq(f.plan.bootloader.app_version, rv.app_version);
	sig = nvgsp_fw_gsp_find_sig(&f.set->gsp, f.chip->sig_family, false);
	ck_assert_ptr_nonnull(sig);
	ck_assert_uint_eq(m.sysmem_addr_signature % 256, 0);
	ck_assert_uint_eq(m.size_signature, 4096);
	p = nvgsp_os_user_dma_lookup(m.sysmem_addr_signature, 4096);
	ck_assert_ptr_nonnull(p);
	ck_assert(!memcmp(p, gsp->data + sig->sect.offset, 4096));
	ck_assert_uint_eq(m.gsp_fw_heap_size, want.heap_size);
	ck_assert_uint_eq(m.heap_vf_partition_count, 0);
	ck_assert_uint_eq(m.non_wpr_heap_size, h->non_wpr);
	/* FSP: 128 KiB whatever the VGA workspace (nouveau gh100_gsp_wpr_meta_init). */
	ck_assert_uint_eq(m.vga_workspace_size, h->by_acr ? 128 * KiB : MiB);
	ck_assert_uint_eq(m.frts_size, f.chip->chipset == 0x170 ? 0 : MiB);
	/* 570 carries pmuReservedSize, 535 has no such member. */
	ck_assert_uint_eq(m.pmu_reserved_size, strcmp(mem_rows[_i].release, R570) ? 0 : h->pmu);
	if (h->by_acr) {
		/* FSP: sizes only (nouveau gh100_gsp_wpr_meta_init). */
		ck_assert_uint_eq(m.gsp_fw_rsvd_start, 0);
		ck_assert_uint_eq(m.non_wpr_heap_offset, 0);
		ck_assert_uint_eq(m.gsp_fw_wpr_start, 0);
		ck_assert_uint_eq(m.gsp_fw_heap_offset, 0);
		ck_assert_uint_eq(m.gsp_fw_offset, 0);
		ck_assert_uint_eq(m.boot_bin_offset, 0);
		ck_assert_uint_eq(m.frts_offset, 0);
		ck_assert_uint_eq(m.gsp_fw_wpr_end, 0);
		ck_assert_uint_eq(m.fb_size, 0);
		ck_assert_uint_eq(m.vga_workspace_offset, 0);
	} else {
		ck_assert_uint_eq(m.gsp_fw_rsvd_start, f.plan.fb.non_wpr_heap_addr);
		ck_assert_uint_eq(m.non_wpr_heap_offset, f.plan.fb.non_wpr_heap_addr);
		ck_assert_uint_eq(m.gsp_fw_wpr_start, f.plan.fb.wpr2_addr);
		ck_assert_uint_eq(m.gsp_fw_heap_offset, f.plan.fb.heap_addr);
		ck_assert_uint_eq(m.gsp_fw_offset, f.plan.fb.elf_addr);
		ck_assert_uint_eq(m.boot_bin_offset, f.plan.fb.boot_addr);
		ck_assert_uint_eq(m.frts_offset, f.plan.fb.frts_addr);
		ck_assert_uint_eq(m.gsp_fw_wpr_end, align_down(vga, 128 * KiB));
		ck_assert_uint_eq(m.fb_size, fb);
		ck_assert_uint_eq(m.vga_workspace_offset, vga);
	}

	nvgsp_gsp_mem_destroy(&f.dev, &mem);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
	ck_assert_ptr_null(mem.fwimage);
	fixture_put(&f);
}
END_TEST

/*
 * Staging copies every byte, also of a partial last page: the real image
 * ends on a page boundary with zeros, so make one that ends mid-page with
 * non-zero bytes (a copy of the file, the section shortened by 100).
 */
START_TEST(stage_partial_last_page)
{
	struct fixture f;
	struct nvgsp_gsp_mem mem;
	struct nvgsp_fw_blob saved;
	struct nvgsp_fw_section img;
	u8 *copy;

	fixture_load(&f, 0x172, R570);
	saved = f.set->files[NVGSP_FW_GSP].blob;
	img = f.set->gsp.fwimage;
	copy = malloc(saved.size);
	memcpy(copy, saved.data, saved.size);
	img.size -= 100;
	for (u64 i = img.size - 5000; i < img.size; i++)
		copy[img.offset + i] = (u8)(i | 1);
	f.set->files[NVGSP_FW_GSP].blob.data = copy;
	f.set->gsp.fwimage = img;
	ck_assert_int_eq(mem_build(&f, f.set->abi, f.chip,
				   8 * GiB, 8 * GiB - MiB, &test_shm, &mem), 0);
	ck_assert_uint_eq(mem.meta.size_radix3_elf, img.size);
	ck_assert_uint_eq(walk_radix3(mem.radix3_root, copy + img.offset, img.size),
			  (img.size + 4095) / 4096);
	nvgsp_gsp_mem_destroy(&f.dev, &mem);
	f.set->files[NVGSP_FW_GSP].blob = saved;
	free(copy);
	fixture_put(&f);
}
END_TEST

/*
 * Booted for vGPU the WPR heap is the release's fixed vGPU size whatever
 * the FB (GSP_FW_HEAP_SIZE_VGPU_DEFAULT: 549 MiB in 535.113.01, 581 MiB in
 * 570.144, open-gpu-kernel-modules gsp_fw_heap.h at those tags) and
 * GspFwWprMeta carries 32 VF partitions (MAX_PARTITIONS_WITH_GFID); the
 * same row without vGPU carries 0 and the FB-derived heap.
 */
START_TEST(mem_vgpu_heap)
{
	const u64 want_heap = strcmp(mem_rows[_i].release, R570) ? 549 * MiB : 581 * MiB;
	static const u64 fbs[] = { 4 * GiB, 48 * GiB, 80 * GiB };
	struct nvgsp_abi_wpr_meta m;
	struct nvgsp_gsp_mem mem;
	struct fixture f;
	u64 heap;

	fixture_load(&f, mem_rows[_i].chipset, mem_rows[_i].release);
	for (size_t k = 0; k < N(fbs); k++) {
		unit_log_reset();
		ck_assert_int_eq(nvgsp_gsp_heap_size(NULL, f.set->abi, f.chip, fbs[k], true, &heap),
				 0);
		ck_assert_uint_eq(heap, want_heap);
		ck_assert_int_eq(mem_build_for(&f, f.set->abi, f.chip, true, fbs[k], fbs[k] - MiB,
					       &test_shm, &mem), 0);
		ck_assert_str_eq(unit_log, "");
		ck_assert_uint_eq(f.plan.fb.heap_size, want_heap);
		ck_assert_uint_eq(f.plan.fb.vf_partitions, 32);
		ck_layout_invariants(&f.plan.fb);
		ck_assert_int_eq(nvgsp_abi_decode(f.set->abi, NVGSP_ABI_CODEC_WPR_META, &m,
						  mem.wpr_meta.cpu, mem.wpr_meta.size), 256);
		ck_assert_uint_eq(m.gsp_fw_heap_size, want_heap);
		ck_assert_uint_eq(m.heap_vf_partition_count, 32);
		nvgsp_gsp_mem_destroy(&f.dev, &mem);
	}
	fixture_put(&f);
}
END_TEST

/* A release without the vGPU parameters cannot be laid out for vGPU. */
START_TEST(mem_vgpu_needs_params)
{
	struct nvgsp_gsp_fb_layout got;
	struct nvgsp_abi bare = *abi_of(R570);
	u64 heap;

	bare.params = NULL;
	bare.nr_params = 0;
	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_heap_size(NULL, &bare, nvgsp_chip_lookup(0x172), 8 * GiB, true,
					     &heap), -EINVAL);
	ck_assert_str_eq(unit_log, "0 -: gsp mem: release 570.144 has no parameter vgpu.heap\n");
	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_fb_layout(NULL, &bare, nvgsp_chip_lookup(0x172), true, 8 * GiB,
					     8 * GiB - MiB, BL_SIZE, ELF_SIZE, &got), -EINVAL);
	ck_assert_uint_eq(got.vf_partitions, 0);
}
END_TEST

/* The libos arguments page, its log buffers and RMARGS, decoded back. */
START_TEST(libos_args_decode)
{
	static const struct {
		const char *name;
		u64 id8, size;
	} want[4] = {
		{ "LOGINIT", 0x004c4f47494e4954ull, 0x10000 },
		{ "LOGINTR", 0x004c4f47494e5452ull, 0x10000 },
		{ "LOGRM", 0x0000004c4f47524dull, 0x10000 },
		{ "RMARGS", 0x0000524d41524753ull, 0x1000 },
	};
	const char *release = _i ? R570 : R535;
	struct fixture f;
	struct nvgsp_gsp_mem mem;
	struct nvgsp_abi_gsp_args args;
	u32 esz;

	fixture_load(&f, 0x172, release);
	ck_assert_int_eq(mem_build(&f, f.set->abi, f.chip,
				   16 * GiB, 16 * GiB - MiB, &test_shm, &mem), 0);
	esz = nvgsp_abi_codec_size(f.set->abi, NVGSP_ABI_CODEC_LIBOS_REGION);
	ck_assert_uint_eq(esz, 32);
	for (int i = 0; i < 4; i++) {
		struct nvgsp_abi_libos_region r;
		const u8 *buf;

		ck_assert_int_eq(nvgsp_abi_decode(f.set->abi, NVGSP_ABI_CODEC_LIBOS_REGION, &r,
						  (u8 *)mem.libos.cpu + i * esz, esz), (int)esz);
		ck_assert_msg(r.id8 == want[i].id8, "%s: id8 0x%llx", want[i].name,
			      r.id8);
		ck_assert_uint_eq(r.size, want[i].size);
		ck_assert_uint_eq(r.kind, 1);	/* LIBOS_MEMORY_REGION_CONTIGUOUS */
		ck_assert_uint_eq(r.loc, 1);	/* LIBOS_MEMORY_REGION_LOC_SYSMEM */
		buf = nvgsp_os_user_dma_lookup(r.pa, r.size);
		ck_assert_ptr_nonnull(buf);
		if (i == 3) {
			ck_assert_int_gt(nvgsp_abi_decode(f.set->abi, NVGSP_ABI_CODEC_GSP_ARGS,
							  &args, buf, r.size), 0);
			continue;
		}
		/* put pointer 0, then the bus address of each of the 16 pages */
		ck_assert_uint_eq(le64_at(buf), 0);
		for (int pg = 0; pg < 16; pg++)
			ck_assert_uint_eq(le64_at(buf + 8 + 8 * pg), r.pa + pg * 4096);
		ck_assert_uint_eq(le64_at(buf + 8 + 8 * 16), 0);
	}
	/* Entries past RMARGS are empty. */
	for (u32 b = 4 * esz; b < 4096; b++)
		ck_assert_uint_eq(((u8 *)mem.libos.cpu)[b], 0);
	ck_assert_uint_eq(args.shared_mem_phys_addr, test_shm.addr);
	ck_assert_uint_eq(args.page_table_entry_count, test_shm.pte_count);
	ck_assert_uint_eq(args.cmd_queue_offset, test_shm.cmdq_offset);
	ck_assert_uint_eq(args.stat_queue_offset, test_shm.statq_offset);
	ck_assert_uint_eq(args.sr_old_level, 0);
	ck_assert(!args.sr_in_pm_transition);
	ck_assert_uint_eq(args.gpu_instance, 0);
	nvgsp_gsp_mem_destroy(&f.dev, &mem);
	fixture_put(&f);
}
END_TEST

/* debugfs reads: raw bytes, clipped at the end, unknown buffer refused. */
START_TEST(log_read)
{
	struct fixture f;
	struct nvgsp_gsp_mem mem;
	u8 buf[64];
	u8 *logrm;

	fixture_load(&f, 0x172, R570);
	ck_assert_int_eq(mem_build(&f, f.set->abi, f.chip,
				   8 * GiB, 8 * GiB - MiB, &test_shm, &mem), 0);
	ck_assert_uint_eq(nvgsp_gsp_mem_log_size(&mem, NVGSP_GSP_MEM_LOG_RM), 0x10000);
	ck_assert_uint_eq(nvgsp_gsp_mem_log_size(&mem, 3), 0);
	logrm = mem.logs[NVGSP_GSP_MEM_LOG_RM].cpu;
	/* GSP-RM wrote a record and moved its put pointer. */
	memcpy(logrm + 0x8000, "record", 6);
	logrm[0] = 0x11;
	ck_assert_int_eq(nvgsp_gsp_mem_log_read(&mem, NVGSP_GSP_MEM_LOG_RM, 0x8000, buf, 6), 6);
	ck_assert(!memcmp(buf, "record", 6));
	ck_assert_int_eq(nvgsp_gsp_mem_log_read(&mem, NVGSP_GSP_MEM_LOG_RM, 0, buf, 8), 8);
	ck_assert_uint_eq(le64_at(buf), 0x11);
	ck_assert_int_eq(nvgsp_gsp_mem_log_read(&mem, NVGSP_GSP_MEM_LOG_RM, 0xfffc, buf, 64), 4);
	ck_assert_int_eq(nvgsp_gsp_mem_log_read(&mem, NVGSP_GSP_MEM_LOG_RM, 0x10000, buf, 64), 0);
	ck_assert_int_eq(nvgsp_gsp_mem_log_read(&mem, NVGSP_GSP_MEM_LOG_INIT, ~0ull, buf, 64), 0);
	ck_assert_int_eq(nvgsp_gsp_mem_log_read(&mem, 3, 0, buf, 64), -EINVAL);
	nvgsp_gsp_mem_destroy(&f.dev, &mem);
	/* After destroy: nothing to read, and no crash. */
	ck_assert_uint_eq(nvgsp_gsp_mem_log_size(&mem, NVGSP_GSP_MEM_LOG_RM), 0);
	ck_assert_int_eq(nvgsp_gsp_mem_log_read(&mem, NVGSP_GSP_MEM_LOG_RM, 0, buf, 8), 0);
	fixture_put(&f);
}
END_TEST

/*
 * Allocation failure at each allocation: fwimage (descriptor, then pages),
 * radix3 tables, signature, bootloader, libos page, three log buffers,
 * RMARGS, WPR meta: 11 allocations for 10 buffers (the plan allocates
 * nothing).
 */
START_TEST(alloc_failure_everywhere)
{
	const char *release = _i ? R570 : R535;
	struct fixture f;
	struct nvgsp_gsp_mem mem;
	size_t live;
	long n;
	int ret;

	fixture_load(&f, 0x172, release);
	live = nvgsp_os_user_dma_live();
	for (n = 0;; n++) {
		memset(&mem, 0x5a, sizeof(mem));
		nvgsp_os_user_fail_alloc_after(n);
		ret = mem_build(&f, f.set->abi, f.chip,
				8 * GiB, 8 * GiB - MiB, &test_shm, &mem);
		nvgsp_os_user_fail_alloc_after(-1);
		if (!ret)
			break;
		ck_assert_int_eq(ret, -ENOMEM);
		ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
		ck_assert_ptr_null(mem.fwimage);
		ck_assert_ptr_null(mem.wpr_meta.cpu);
		ck_assert_uint_eq(mem.radix3_root, 0);
		ck_assert_int_lt(n, 100);
	}
	ck_assert_int_eq(n, 11);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live + 10);
	nvgsp_gsp_mem_destroy(&f.dev, &mem);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
	/* Destroying twice, or a zeroed struct, is harmless. */
	nvgsp_gsp_mem_destroy(&f.dev, &mem);
	fixture_put(&f);
}
END_TEST

/* Firmware that cannot serve: each refusal names what is wrong. */
START_TEST(create_input_errors)
{
	struct fixture f;
	struct nvgsp_gsp_mem mem;
	struct nvgsp_fw_blob saved;
	size_t live;

	fixture_load(&f, 0x172, R570);
	live = nvgsp_os_user_dma_live();

	unit_log_reset();
	ck_assert_int_eq(mem_build(&f, f.set->abi, f.chip,
				   8 * GiB, 8 * GiB - MiB, NULL, &mem), -EINVAL);
	ck_assert_str_eq(unit_log, "0 unit: gsp mem: no RPC shared memory for RMARGS\n");

	/* The GA10x image carries no Turing signature. */
	unit_log_reset();
	ck_assert_int_eq(mem_build(&f, f.set->abi, nvgsp_chip_lookup(0x162),
				   8 * GiB, 8 * GiB - MiB, &test_shm, &mem),
			 -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: nvidia/ga102/gsp/gsp-570.144.bin: no .fwsignature_tu10x section for TU102\n");

	saved = f.set->files[NVGSP_FW_BOOTLOADER].blob;
	f.set->files[NVGSP_FW_BOOTLOADER].blob.data = NULL;
	unit_log_reset();
	ck_assert_int_eq(mem_build(&f, f.set->abi, f.chip,
				   8 * GiB, 8 * GiB - MiB, &test_shm, &mem), -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: bootloader file nvidia/ga102/gsp/bootloader-570.144.bin is not loaded (release 570.144, GA102)\n");

	/* A bootloader file cut short: the parser's reason is passed on. */
	f.set->files[NVGSP_FW_BOOTLOADER].blob = saved;
	f.set->files[NVGSP_FW_BOOTLOADER].blob.size = 16;
	unit_log_reset();
	ck_assert_int_eq(mem_build(&f, f.set->abi, f.chip,
				   8 * GiB, 8 * GiB - MiB, &test_shm, &mem), -EINVAL);
	ck_assert_msg(!strncmp(unit_log, "0 unit: gsp mem: nvidia/ga102/gsp/bootloader-570.144.bin: ",
			       58), "%s", unit_log);
	f.set->files[NVGSP_FW_BOOTLOADER].blob = saved;

	/* .fwimage past the end of the file. */
	f.set->gsp.fwimage.offset = f.set->files[NVGSP_FW_GSP].blob.size;
	unit_log_reset();
	ck_assert_int_eq(mem_build(&f, f.set->abi, f.chip,
				   8 * GiB, 8 * GiB - MiB, &test_shm, &mem), -EINVAL);
	/* 63,571,696 bytes: the file's size (Documentation/firmware.rst). */
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: nvidia/ga102/gsp/gsp-570.144.bin: .fwimage offset 0x3ca06f0 size 0x3c99000: not inside the file of 0x3ca06f0 bytes, empty or over 1 GiB\n");

	/*
	 * 128 MiB of VRAM: FRTS at 0x7e00000, the 0x6000-byte bootloader at
	 * 0x7dfa000, the ELF at align_down(0x7dfa000 - 0x3c99000, 64 KiB); the
	 * 170 MiB heap does not fit below it.
	 */
	fixture_put(&f);
	fixture_load(&f, 0x172, R570);
	unit_log_reset();
	ck_assert_int_eq(mem_build(&f, f.set->abi, f.chip,
				   128 * MiB, 127 * MiB, &test_shm, &mem), -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: FB layout: WPR heap (0xaa00000 bytes) does not fit below 0x4160000 (fb_size 0x8000000)\n");
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
	fixture_put(&f);
}
END_TEST

/* ---- tables that lack or mangle what the memory needs --------------------- */

struct fake_abi {
	struct nvgsp_abi abi;
	struct nvgsp_abi_codec codecs[NVGSP_ABI_NR_CODECS];
	struct nvgsp_abi_param *params;
};

static void fake_abi(struct fake_abi *fa, const struct nvgsp_abi *real)
{
	fa->abi = *real;
	memcpy(fa->codecs, real->codecs, sizeof(fa->codecs));
	fa->abi.codecs = fa->codecs;
	fa->params = malloc(real->nr_params * sizeof(*fa->params));
	memcpy(fa->params, real->params, real->nr_params * sizeof(*fa->params));
	fa->abi.params = fa->params;
}

static void fake_param(struct fake_abi *fa, const char *name, u64 value)
{
	for (u32 i = 0; i < fa->abi.nr_params; i++) {
		if (!strcmp(fa->params[i].name, name)) {
			fa->params[i].value = value;
			return;
		}
	}
	ck_abort_msg("no parameter %s", name);
}

static int encode_erange(const void *neutral, void *buf, size_t len)
{
	(void)neutral;
	(void)buf;
	(void)len;
	return -ERANGE;
}

static int create_with(struct fixture *f, const struct nvgsp_abi *abi, struct nvgsp_gsp_mem *mem)
{
	unit_log_reset();
	return mem_build(f, abi, f->chip, 8 * GiB, 8 * GiB - MiB, &test_shm, mem);
}

START_TEST(create_table_errors)
{
	struct fixture f;
	struct nvgsp_gsp_mem mem;
	struct fake_abi fa;
	struct nvgsp_gsp_fb_layout l;
	struct nvgsp_abi bare;
	size_t live;
	u64 heap;

	fixture_load(&f, 0x172, R570);
	live = nvgsp_os_user_dma_live();

	bare = *f.set->abi;
	bare.params = NULL;
	bare.nr_params = 0;
	ck_assert_int_eq(create_with(&f, &bare, &mem), -EINVAL);
	ck_assert_str_eq(unit_log, "0 unit: gsp mem: release 570.144 has no parameter wpr_meta.magic\n");

	/* A parameter past any sane size is refused before it is summed. */
	fake_abi(&fa, f.set->abi);
	fake_param(&fa, "heap.per_gb_fb", 1ull << 40);
	ck_assert_int_eq(create_with(&f, &fa.abi, &mem), -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: release 570.144 parameter heap.per_gb_fb = 0x10000000000 exceeds 0x400000000\n");
	free(fa.params);

	fake_abi(&fa, f.set->abi);
	fake_param(&fa, "heap.ga10x.non_wpr", 1ull << 36);
	ck_assert_int_eq(create_with(&f, &fa.abi, &mem), -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: release 570.144 parameter heap.ga10x.non_wpr = 0x1000000000 exceeds 0x400000000\n");
	free(fa.params);

	/* offsets_by_acr is a flag. */
	fake_abi(&fa, f.set->abi);
	fake_param(&fa, "wpr.ga10x.offsets_by_acr", 2);
	ck_assert_int_eq(create_with(&f, &fa.abi, &mem), -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: release 570.144 parameter wpr.ga10x.offsets_by_acr = 0x2 exceeds 0x1\n");
	free(fa.params);

	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_heap_size(NULL, f.set->abi, f.chip, 1ull << 53, false, &heap),
			 -EINVAL);
	ck_assert_str_eq(unit_log, "0 -: gsp mem: fb_size 0x20000000000000 exceeds 2^52 bytes\n");

	/* No WPR meta codec: the layout cannot place it. */
	fake_abi(&fa, f.set->abi);
	fa.codecs[NVGSP_ABI_CODEC_WPR_META].encode = NULL;
	unit_log_reset();
	ck_assert_int_eq(nvgsp_gsp_fb_layout(NULL, &fa.abi, f.chip, false, 8 * GiB, 8 * GiB - MiB,
					     BL_SIZE, ELF_SIZE, &l), -EINVAL);
	ck_assert_str_eq(unit_log, "0 -: gsp mem: release 570.144 has no GspFwWprMeta codec\n");
	ck_assert_int_eq(create_with(&f, &fa.abi, &mem), -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: release 570.144: GspFwWprMeta size 0 is 0 or over a page\n");

	/* A meta larger than its page. */
	memcpy(fa.codecs, f.set->abi->codecs, sizeof(fa.codecs));
	fa.codecs[NVGSP_ABI_CODEC_WPR_META].wire_size = 8192;
	ck_assert_int_eq(create_with(&f, &fa.abi, &mem), -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: release 570.144: GspFwWprMeta size 8192 is 0 or over a page\n");

	/* A value the release's wire cannot hold. */
	memcpy(fa.codecs, f.set->abi->codecs, sizeof(fa.codecs));
	fa.codecs[NVGSP_ABI_CODEC_WPR_META].encode = encode_erange;
	ck_assert_int_eq(create_with(&f, &fa.abi, &mem), -ERANGE);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: release 570.144: GspFwWprMeta does not encode: -34\n");
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);

	/* No libos region codec, no RMARGS codec. */
	memcpy(fa.codecs, f.set->abi->codecs, sizeof(fa.codecs));
	fa.codecs[NVGSP_ABI_CODEC_LIBOS_REGION].encode = NULL;
	ck_assert_int_eq(create_with(&f, &fa.abi, &mem), -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: release 570.144: libos arguments do not encode: -22\n");
	memcpy(fa.codecs, f.set->abi->codecs, sizeof(fa.codecs));
	fa.codecs[NVGSP_ABI_CODEC_GSP_ARGS].encode = NULL;
	ck_assert_int_eq(create_with(&f, &fa.abi, &mem), -EOPNOTSUPP);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: release 570.144: libos arguments do not encode: -95\n");
	free(fa.params);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
	fixture_put(&f);
}
END_TEST

/* A signature section that is empty is refused, naming the family. */
START_TEST(create_bad_signature)
{
	struct fixture f;
	struct nvgsp_gsp_mem mem;
	struct nvgsp_fw_gsp_sig *sig;

	fixture_load(&f, 0x192, R535);
	sig = (struct nvgsp_fw_gsp_sig *)nvgsp_fw_gsp_find_sig(&f.set->gsp, "ad10x", false);
	ck_assert_ptr_nonnull(sig);
	sig->sect.size = 0;
	ck_assert_int_eq(create_with(&f, f.set->abi, &mem), -EINVAL);
	ck_assert_str_eq(unit_log,
			 "0 unit: gsp mem: nvidia/ad102/gsp/gsp-535.113.01.bin: .fwsignature_ad10x size 0x0: empty, over 1 MiB or outside the file\n");
	fixture_put(&f);
}
END_TEST

Suite *nvgsp_suite_gsp_mem(void)
{
	Suite *s = suite_create("gsp_mem");
	TCase *tc;

	tc = tcase_create("layout");
	tcase_add_loop_test(tc, layout_by_hand, 0, N_LAYOUT_CASES);
	tcase_add_test(tc, layout_case_count);
	tcase_add_test(tc, layout_literal_ga102_535_24g);
	tcase_add_test(tc, layout_vga_unaligned);
	tcase_add_loop_test(tc, layout_errors_named, 0, N(layout_errors));
	tcase_add_test(tc, layout_missing_param);
	suite_add_tcase(s, tc);

	tc = tcase_create("radix3");
	tcase_add_test(tc, radix3_two_level2_pages);
	tcase_add_test(tc, radix3_bad_size);
	suite_add_tcase(s, tc);

	tc = tcase_create("real_firmware");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, mem_real_firmware, 0, N(mem_rows));
	tcase_add_loop_test(tc, mem_vgpu_heap, 0, N(mem_rows));
	tcase_add_test(tc, mem_vgpu_needs_params);
	tcase_add_test(tc, stage_partial_last_page);
	tcase_add_loop_test(tc, libos_args_decode, 0, 2);
	tcase_add_test(tc, log_read);
	tcase_add_loop_test(tc, alloc_failure_everywhere, 0, 2);
	tcase_add_test(tc, create_input_errors);
	tcase_add_test(tc, create_table_errors);
	tcase_add_test(tc, create_bad_signature);
	suite_add_tcase(s, tc);
	return s;
}
