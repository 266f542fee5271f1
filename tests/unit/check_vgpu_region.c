// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_vgpu_region.c - the VFIO regions of a vGPU VF and their bounds
 * (src/vgpu/nvgsp_vgpu_region.c; Documentation/vgpu-vfio.rst): the regions
 * per BAR layout, a table of accesses and mappings at every edge, and a
 * million seeded random (index, offset, count) triples checked against an
 * independent model that computes in 128 bits.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "vgpu/nvgsp_vgpu_region.h"

#define KIB	(1ull << 10)
#define MIB	(1ull << 20)
#define GIB	(1ull << 30)
#define PAGE	4096ull

static struct nvgsp_vgpu_regions r;

/* A config space as init leaves it, reduced to what the regions read. */
static void setup_bars(u64 bar0, u64 bar1, u64 bar3)
{
	struct nvgsp_vgpu_cfgspace cs;

	memset(&cs, 0xa5, sizeof(cs));
	cs.bar_size[0] = bar0;
	cs.bar_size[1] = bar1;
	cs.bar_size[2] = bar3;
	nvgsp_vgpu_regions_init(&r, &cs);
}

static void setup(void)
{
	setup_bars(16 * MIB, 256 * MIB, 32 * MIB);
}

START_TEST(layout)
{
	static const u32 hidden[] = { 2, 4, 5, NVGSP_VGPU_REGION_ROM, NVGSP_VGPU_REGION_VGA };
	const u32 rwm = NVGSP_VGPU_REGION_READ | NVGSP_VGPU_REGION_WRITE | NVGSP_VGPU_REGION_MMAP;
	unsigned int i;

	ck_assert_uint_eq(r.size[NVGSP_VGPU_REGION_BAR0], 16 * MIB);
	ck_assert_uint_eq(r.size[NVGSP_VGPU_REGION_BAR1], 256 * MIB);
	ck_assert_uint_eq(r.size[NVGSP_VGPU_REGION_BAR3], 32 * MIB);
	ck_assert_uint_eq(r.size[NVGSP_VGPU_REGION_CONFIG], 4096);
	ck_assert_uint_eq(r.flags[NVGSP_VGPU_REGION_BAR0], rwm);
	ck_assert_uint_eq(r.flags[NVGSP_VGPU_REGION_BAR1], rwm);
	ck_assert_uint_eq(r.flags[NVGSP_VGPU_REGION_BAR3], rwm);
	ck_assert_uint_eq(r.flags[NVGSP_VGPU_REGION_CONFIG],
			  NVGSP_VGPU_REGION_READ | NVGSP_VGPU_REGION_WRITE);
	for (i = 0; i < ARRAY_SIZE(hidden); i++) {
		ck_assert_uint_eq(r.size[hidden[i]], 0);
		ck_assert_uint_eq(r.flags[hidden[i]], 0);
	}
	/* A BAR the config space gives size 0 (none) is hidden too. */
	setup_bars(16 * MIB, 0, 32 * MIB);
	ck_assert_uint_eq(r.size[NVGSP_VGPU_REGION_BAR1], 0);
	ck_assert_uint_eq(r.flags[NVGSP_VGPU_REGION_BAR1], 0);
	ck_assert_int_eq(nvgsp_vgpu_region_access(&r, 1, 0, 1, false), -EINVAL);
}
END_TEST

struct access_row {
	u32 index;
	u64 off;
	u64 count;
	bool write;
	int want;
};

static const struct access_row access_rows[] = {
	/* config space: 4 KiB, both ways, every edge */
	{ 7, 0, 1, false, 0 },
	{ 7, 0, 4096, false, 0 },
	{ 7, 0, 4097, false, -EINVAL },
	{ 7, 4095, 1, true, 0 },
	{ 7, 4095, 2, true, -EINVAL },
	{ 7, 4096, 1, false, -EINVAL },
	{ 7, 0, 0, false, -EINVAL },
	/* BAR0 16 MiB */
	{ 0, 16 * MIB - 4, 4, false, 0 },
	{ 0, 16 * MIB - 4, 8, false, -EINVAL },
	{ 0, 16 * MIB, 4, true, -EINVAL },
	/* BAR1 256 MiB (the type's, not the VF's) */
	{ 1, 256 * MIB - 8, 8, true, 0 },
	{ 1, 256 * MIB, 1, false, -EINVAL },
	{ 1, 512 * MIB, 4, false, -EINVAL },
	/* BAR3 32 MiB */
	{ 3, 0, 32 * MIB, false, 0 },
	{ 3, 1, 32 * MIB, false, -EINVAL },
	/* hidden indexes and beyond */
	{ 2, 0, 4, false, -EINVAL },
	{ 4, 0, 4, true, -EINVAL },
	{ 5, 0, 4, false, -EINVAL },
	{ 6, 0, 4, false, -EINVAL },
	{ 8, 0, 4, false, -EINVAL },
	{ 9, 0, 4, false, -EINVAL },
	{ 0xffffffff, 0, 4, false, -EINVAL },
	/* wrap-around: off + count overflows 64 bits */
	{ 0, ~0ull, 2, false, -EINVAL },
	{ 0, 8, ~0ull, false, -EINVAL },
	{ 7, ~0ull - 3, 4, true, -EINVAL },
};

START_TEST(access_table)
{
	const struct access_row *a = &access_rows[_i];

	ck_assert_msg(nvgsp_vgpu_region_access(&r, a->index, a->off, a->count, a->write) == a->want,
		      "row %d: index %u off %#llx count %#llx %s: want %d", _i, a->index,
		      (unsigned long long)a->off, (unsigned long long)a->count,
		      a->write ? "write" : "read", a->want);
}
END_TEST

static const struct access_row mmap_rows[] = {
	{ 0, 0, 16 * MIB, false, 0 },
	{ 0, 0, PAGE, false, 0 },
	{ 0, 16 * MIB - PAGE, PAGE, false, 0 },
	{ 0, 16 * MIB, PAGE, false, -EINVAL },
	{ 0, 16 * MIB - PAGE, 2 * PAGE, false, -EINVAL },
	{ 0, 1, PAGE, false, -EINVAL },			/* unaligned offset */
	{ 0, 0, PAGE + 1, false, -EINVAL },		/* unaligned length */
	{ 0, 0, 0, false, -EINVAL },
	{ 1, 0, 256 * MIB, false, 0 },
	{ 1, 0, 256 * MIB + PAGE, false, -EINVAL },	/* past the type's BAR1 */
	{ 3, 32 * MIB - PAGE, PAGE, false, 0 },
	{ 7, 0, PAGE, false, -EINVAL },			/* config: no mmap */
	{ 2, 0, PAGE, false, -EINVAL },
	{ 6, 0, PAGE, false, -EINVAL },
	{ 8, 0, PAGE, false, -EINVAL },
	{ 100, 0, PAGE, false, -EINVAL },
	{ 0, ~0ull & ~(PAGE - 1), PAGE, false, -EINVAL },
};

START_TEST(mmap_table)
{
	const struct access_row *a = &mmap_rows[_i];

	ck_assert_msg(nvgsp_vgpu_region_mmap(&r, a->index, a->off, a->count, PAGE) == a->want,
		      "row %d: index %u off %#llx len %#llx: want %d", _i, a->index,
		      (unsigned long long)a->off, (unsigned long long)a->count, a->want);
}
END_TEST

START_TEST(mmap_page_sizes)
{
	/* 64 KiB pages: a 4 KiB-aligned range is refused; a page size that is no power of two or 0 is. */
	ck_assert_int_eq(nvgsp_vgpu_region_mmap(&r, 0, 0, 64 * KIB, 64 * KIB), 0);
	ck_assert_int_eq(nvgsp_vgpu_region_mmap(&r, 0, PAGE, 64 * KIB, 64 * KIB), -EINVAL);
	ck_assert_int_eq(nvgsp_vgpu_region_mmap(&r, 0, 0, PAGE, 3 * PAGE), -EINVAL);
	ck_assert_int_eq(nvgsp_vgpu_region_mmap(&r, 0, 0, PAGE, 0), -EINVAL);
}
END_TEST

static u64 rng_state;

static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* An offset or count biased toward the edges that matter. */
static u64 edge_value(u64 size)
{
	switch (rng() % 8) {
	case 0: return 0;
	case 1: return size;
	case 2: return size - 1 - rng() % 8;
	case 3: return size + rng() % 8;
	case 4: return ~0ull - rng() % 8;
	case 5: return rng() % (size + 1);
	case 6: return 1ull << (rng() % 64);
	default: return rng();
	}
}

START_TEST(random_differential)
{
	static const u64 sizes[] = { 4096, 16 * MIB, 256 * MIB, 32 * MIB };
	unsigned int n, valid = 0;

	rng_state = 0x9e3779b97f4a7c15ull;
	for (n = 0; n < 1000000; n++) {
		u32 index = rng() % 12;
		u64 size = index < NVGSP_VGPU_NR_REGIONS ? r.size[index] : 0;
		u64 off = edge_value(size ? size : sizes[rng() % 4]);
		u64 count = edge_value(size ? size : sizes[rng() % 4]);
		bool write = rng() & 1;
		unsigned __int128 end = (unsigned __int128)off + count;
		bool want = size && count && end <= size;
		int got = nvgsp_vgpu_region_access(&r, index, off, count, write);

		ck_assert_msg(got == (want ? 0 : -EINVAL),
			      "index %u off %#llx count %#llx: got %d", index,
			      (unsigned long long)off, (unsigned long long)count, got);
		valid += want;
		want = want && index != NVGSP_VGPU_REGION_CONFIG && !(off % PAGE) && !(count % PAGE);
		got = nvgsp_vgpu_region_mmap(&r, index, off, count, PAGE);
		ck_assert_msg(got == (want ? 0 : -EINVAL),
			      "mmap index %u off %#llx len %#llx: got %d", index,
			      (unsigned long long)off, (unsigned long long)count, got);
	}
	printf("vgpu_region: %u of 1000000 random accesses inside a region\n", valid);
	/* The generator reaches both outcomes; a model that refused all would show here. */
	ck_assert_uint_gt(valid, 10000);
	ck_assert_uint_lt(valid, 900000);
}
END_TEST

Suite *nvgsp_suite_vgpu_region(void)
{
	Suite *s = suite_create("vgpu_region");
	TCase *tc;

	tc = tcase_create("bounds");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, layout);
	tcase_add_loop_test(tc, access_table, 0, ARRAY_SIZE(access_rows));
	tcase_add_loop_test(tc, mmap_table, 0, ARRAY_SIZE(mmap_rows));
	tcase_add_test(tc, mmap_page_sizes);
	suite_add_tcase(s, tc);

	tc = tcase_create("random");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, random_differential);
	suite_add_tcase(s, tc);
	return s;
}
