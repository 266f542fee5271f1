// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gpusim_pramin.c - gpusim's memory-backed PRAMIN window
 * (gpusim_pramin_attach(); tests/gpusim/gpusim_vram.c, DOC: PRAMIN window
 * memory): what gpusim-vfu serves to QEMU as an mmap'ed part of BAR0, with
 * a buffer standing in for the guest's mapping. Writes through the buffer
 * reach VRAM when the window moves, the model's own VRAM accesses show in
 * it, all-zero pages stay unallocated, a system-memory target and bytes
 * past the FB are faults as on the trapped path, and a randomized run
 * against a flat array.
 *
 * The window register offsets are written out from Documentation/vgpu-fb.rst
 * (NV_PBUS_BAR0_WINDOW, NV_XAL_EP_BAR0_WINDOW), not taken from the model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "gpusim.h"

#define N(a) (int)(ARRAY_SIZE(a))
#define KIB (1ull << 10)
#define MIB (1ull << 20)
#define PAGE (64 * KIB)
#define WIN 0x700000u

static const struct {
	const char *chip;
	u32 window_reg;
} fams[] = {
	{ "ga102", 0x001700 },	/* NV_PBUS_BAR0_WINDOW, target in 25:24 */
	{ "gh100", 0x10fd40 },	/* NV_XAL_EP_BAR0_WINDOW */
};

struct env {
	struct unit_gsp g;
	u8 *mem;
	u32 reg;
	u64 fb;
};

/* A 64 MiB board of the family, its window backed by @e->mem. */
static void env_init(struct env *e, int i)
{
	unit_gsp_init_board(&e->g, fams[i].chip, "570.144", 0, 64, NULL, NULL);
	e->reg = fams[i].window_reg;
	e->fb = gpusim_vram_size(e->g.sim);
	ck_assert_uint_eq(e->fb, 64 * MIB);
	e->mem = aligned_alloc(4096, GPUSIM_PRAMIN_SIZE);
	ck_assert_ptr_nonnull(e->mem);
	memset(e->mem, 0x5a, GPUSIM_PRAMIN_SIZE);	/* attaching overwrites it */
	gpusim_pramin_attach(e->g.sim, e->mem);
}

static void env_fini(struct env *e)
{
	unit_gsp_fini(&e->g);	/* never touches the memory again */
	free(e->mem);
}

/* Move the window to FB offset @base (64 KiB aligned) by its register. */
static void move(struct env *e, u64 base)
{
	gpusim_wr32(e->g.sim, e->reg, (u32)(base >> 16));
	ck_assert_uint_eq(gpusim_rd32(e->g.sim, e->reg), (u32)(base >> 16));
}

static bool all_zero(const u8 *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/*
 * Written through the memory, read through the model; the window moves
 * and the bytes are in VRAM at the old base; the model's writes show in
 * the memory; moving back brings them again.
 */
START_TEST(write_move_read)
{
	static const u8 a[] = "through the window", b[] = "by the model";
	struct env e;
	u8 buf[64];
	u64 where;

	env_init(&e, _i);
	ck_assert(all_zero(e.mem, GPUSIM_PRAMIN_SIZE));
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 0);
	/* The window at base 0: the guest's stores, seen at once by the model. */
	memcpy(e.mem + 0x100, a, sizeof(a));
	memcpy(e.mem + 15 * PAGE + 8, a, sizeof(a));
	ck_assert_int_eq(gpusim_vram_read(e.g.sim, 0x100, buf, sizeof(a)), 0);
	ck_assert_int_eq(memcmp(buf, a, sizeof(a)), 0);
	ck_assert_uint_eq(gpusim_rd32(e.g.sim, WIN + 0x100), get_unaligned_le32(a));
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 0);
	ck_assert_uint_eq(gpusim_vram_resident(e.g.sim), 2 * PAGE);
	ck_assert(gpusim_vram_find_nonzero(e.g.sim, 0, e.fb, &where));
	ck_assert_uint_eq(where, 0x100);

	/* Moved to 1 MiB: written back, two pages; the memory shows the new range. */
	move(&e, MIB);
	ck_assert(all_zero(e.mem, GPUSIM_PRAMIN_SIZE));
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 2);
	memset(buf, 0, sizeof(buf));
	ck_assert_int_eq(gpusim_vram_read(e.g.sim, 15 * PAGE + 8, buf, sizeof(a)), 0);
	ck_assert_int_eq(memcmp(buf, a, sizeof(a)), 0);

	/* The model's own accesses in the window's range go to the memory. */
	ck_assert_int_eq(gpusim_vram_write(e.g.sim, MIB + 0x20, b, sizeof(b)), 0);
	ck_assert_int_eq(memcmp(e.mem + 0x20, b, sizeof(b)), 0);
	ck_assert_int_eq(gpusim_vram_set(e.g.sim, MIB + 0x40, 0xab, 8), 0);
	ck_assert_uint_eq(e.mem[0x40], 0xab);
	ck_assert_uint_eq(e.mem[0x47], 0xab);
	ck_assert_uint_eq(e.mem[0x48], 0);
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 2);
	ck_assert_uint_eq(gpusim_vram_resident(e.g.sim), 3 * PAGE);
	ck_assert(gpusim_vram_find_nonzero(e.g.sim, PAGE, e.fb - PAGE, &where));
	ck_assert_uint_eq(where, 15 * PAGE + 8);
	ck_assert(gpusim_vram_find_nonzero(e.g.sim, MIB, MIB, &where));
	ck_assert_uint_eq(where, MIB + 0x20);
	/* A trapped write of the window: the same memory. */
	gpusim_wr32(e.g.sim, WIN + 0x80, 0x11223344);
	ck_assert_uint_eq(get_unaligned_le32(e.mem + 0x80), 0x11223344);
	/* A VRAM write across the window's end: both parts where they belong. */
	memset(buf, 0x77, sizeof(buf));
	ck_assert_int_eq(gpusim_vram_write(e.g.sim, 2 * MIB - 32, buf, sizeof(buf)), 0);
	ck_assert_uint_eq(e.mem[MIB - 1], 0x77);
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 3);

	/* Back to 0: the first range returns, the second is written back. */
	move(&e, 0);
	ck_assert_int_eq(memcmp(e.mem + 0x100, a, sizeof(a)), 0);
	ck_assert_int_eq(memcmp(e.mem + 15 * PAGE + 8, a, sizeof(a)), 0);
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 3);	/* 1 MiB, 1 MiB + 960 KiB, 2 MiB */
	ck_assert_int_eq(gpusim_vram_read(e.g.sim, MIB + 0x20, buf, sizeof(b)), 0);
	ck_assert_int_eq(memcmp(buf, b, sizeof(b)), 0);
	ck_assert_uint_eq(gpusim_rd32(e.g.sim, WIN + 0x100), get_unaligned_le32(a));

	/* Detached: written back, the memory left zero, VRAM as before. */
	gpusim_pramin_attach(e.g.sim, NULL);
	ck_assert(all_zero(e.mem, GPUSIM_PRAMIN_SIZE));
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 5);
	ck_assert_uint_eq(gpusim_rd32(e.g.sim, WIN + 0x100), get_unaligned_le32(a));
	ck_assert_str_eq(gpusim_error(e.g.sim), "");
	env_fini(&e);
}
END_TEST

/*
 * Scrubbing through the window allocates nothing; a page that becomes all
 * zero is freed; only non-zero pages are written back.
 */
START_TEST(zero_pages_unallocated)
{
	struct env e;
	u64 base;

	env_init(&e, _i);
	/* A whole window of ones: 16 pages once written back. */
	memset(e.mem, 0xff, GPUSIM_PRAMIN_SIZE);
	move(&e, 4 * MIB);
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 16);
	/* One byte: one page. */
	e.mem[0x12345] = 1;
	move(&e, 8 * MIB);
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 17);
	/* A scrub of the whole FB as the driver does it: zero each window. */
	for (base = 0; base < e.fb; base += MIB) {
		move(&e, base);
		memset(e.mem, 0, GPUSIM_PRAMIN_SIZE);
		ck_assert_uint_le(gpusim_vram_pages(e.g.sim), 17);
	}
	move(&e, 0);
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 0);
	ck_assert_uint_eq(gpusim_vram_resident(e.g.sim), 0);
	ck_assert(!gpusim_vram_find_nonzero(e.g.sim, 0, e.fb, NULL));
	/* A page cleared in the memory but not all of it: freed only when all zero. */
	e.mem[10] = 3;
	e.mem[20] = 4;
	move(&e, MIB);
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 1);
	move(&e, 0);
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 0);	/* loaded into the memory */
	e.mem[10] = 0;
	move(&e, MIB);
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 1);
	move(&e, 0);
	e.mem[20] = 0;
	move(&e, MIB);
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 0);
	ck_assert_str_eq(gpusim_error(e.g.sim), "");
	env_fini(&e);
}
END_TEST

/*
 * NV_PBUS_BAR0_WINDOW with a system-memory target: the memory shows no
 * VRAM, and what is written there meanwhile is dropped as a fault.
 */
START_TEST(sysmem_target)
{
	struct gpusim_stats st;
	struct env e;

	env_init(&e, 0);
	e.mem[0] = 0x42;
	gpusim_wr32(e.g.sim, e.reg, 2u << 24);	/* SYS_MEM_COHERENT, base 0 */
	ck_assert(all_zero(e.mem, GPUSIM_PRAMIN_SIZE));
	ck_assert_uint_eq(gpusim_rd32(e.g.sim, WIN), 0);
	ck_assert_str_eq(gpusim_error(e.g.sim), "");
	e.mem[8] = 0x99;
	gpusim_wr32(e.g.sim, e.reg, 0);		/* back to VID_MEM */
	gpusim_get_stats(e.g.sim, &st);
	ck_assert_uint_eq(st.pramin_dropped, 1);
	ck_assert_ptr_nonnull(strstr(gpusim_error(e.g.sim), "not VID_MEM"));
	ck_assert_uint_eq(e.mem[0], 0x42);
	ck_assert_uint_eq(e.mem[8], 0);
	env_fini(&e);
}
END_TEST

/* A window across the end of the FB: the part past it reads 0, a write there is a fault. */
START_TEST(past_the_fb)
{
	struct env e;
	u8 b[4];

	env_init(&e, _i);
	ck_assert_int_eq(gpusim_vram_set(e.g.sim, e.fb - 4, 0xcd, 4), 0);
	move(&e, e.fb - 512 * KIB);
	ck_assert_uint_eq(e.mem[512 * KIB - 1], 0xcd);
	ck_assert(all_zero(e.mem + 512 * KIB, 512 * KIB));
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 0);
	e.mem[512 * KIB - 8] = 0x31;
	ck_assert_int_eq(gpusim_vram_read(e.g.sim, e.fb - 8, b, 1), 0);
	ck_assert_uint_eq(b[0], 0x31);
	move(&e, 0);
	ck_assert_str_eq(gpusim_error(e.g.sim), "");
	move(&e, e.fb - 512 * KIB);
	e.mem[512 * KIB + 16] = 1;
	move(&e, 0);
	ck_assert_ptr_nonnull(strstr(gpusim_error(e.g.sim), "past the end"));
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 1);
	env_fini(&e);
}
END_TEST

/* ---- randomized, against a flat array of the whole FB ---- */

static u64 rnd_state;

static u64 rnd(void)
{
	/* xorshift64*: reproducible from the seed in the failure message */
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return rnd_state * 0x2545f4914f6cdd1dull;
}

static u64 rnd_below(u64 n)
{
	return n ? rnd() % n : 0;
}

/* A length biased to small ones, sometimes across pages and the window. */
static u64 rnd_len(void)
{
	switch (rnd_below(4)) {
	case 0:
		return 1 + rnd_below(8);
	case 1:
		return 1 + rnd_below(4 * KIB);
	case 2:
		return 1 + rnd_below(PAGE + 64);
	default:
		return 1 + rnd_below(2 * MIB);
	}
}

START_TEST(differential)
{
	const u64 seed = 0x9e3779b97f4a7c15ull * (u64)(_i + 1);
	struct env e;
	u8 *flat, *buf;
	u64 base = 0, step, nonzero_pages, p, off;

	env_init(&e, _i % N(fams));
	flat = calloc(1, e.fb);
	buf = malloc(2 * MIB + 64);
	ck_assert_ptr_nonnull(flat);
	ck_assert_ptr_nonnull(buf);
	rnd_state = seed;
	for (step = 0; step < 3000; step++) {
		u64 op = rnd_below(100), len, lo, hi, i, where, want;
		u8 v;

		/* the window's range in the FB: [base, hi) */
		hi = e.fb - base < GPUSIM_PRAMIN_SIZE ? e.fb : base + GPUSIM_PRAMIN_SIZE;
		if (op < 25) {
			/* the guest: stores into the window's memory inside the FB */
			lo = rnd_below(hi - base);
			len = rnd_len();
			if (len > hi - base - lo)
				len = hi - base - lo;
			v = rnd_below(3) ? (u8)rnd() : 0;
			if (rnd_below(2)) {
				memset(e.mem + lo, v, len);
				memset(flat + base + lo, v, len);
			} else {
				for (i = 0; i < len; i++)
					e.mem[lo + i] = flat[base + lo + i] = (u8)rnd();
			}
		} else if (op < 35) {
			/* the window moves, sometimes across the end of the FB */
			base = rnd_below(8) ? rnd_below(e.fb / PAGE - 16) * PAGE :
					      e.fb - PAGE * (1 + rnd_below(15));
			move(&e, base);
		} else if (op < 50) {
			/* the model writes VRAM */
			len = rnd_len();
			off = rnd_below(e.fb - len);
			for (i = 0; i < len; i++)
				buf[i] = rnd_below(4) ? (u8)rnd() : 0;
			ck_assert_int_eq(gpusim_vram_write(e.g.sim, off, buf, len), 0);
			memcpy(flat + off, buf, len);
		} else if (op < 60) {
			/* ... or sets it, 0 most often (a scrub) */
			len = rnd_len();
			off = rnd_below(e.fb - len);
			v = rnd_below(3) ? 0 : (u8)rnd();
			ck_assert_int_eq(gpusim_vram_set(e.g.sim, off, v, len), 0);
			memset(flat + off, v, len);
		} else if (op < 70) {
			/* a trapped dword of the window */
			lo = rnd_below((hi - base) / 4) * 4;
			if (rnd_below(2)) {
				u32 w = (u32)rnd();

				gpusim_wr32(e.g.sim, WIN + (u32)lo, w);
				put_unaligned_le32(w, flat + base + lo);
			} else {
				ck_assert_msg(gpusim_rd32(e.g.sim, WIN + (u32)lo) ==
					      get_unaligned_le32(flat + base + lo),
					      "seed 0x%llx step %llu: trapped read at 0x%llx",
					      seed, step, base + lo);
			}
		} else if (op < 90) {
			/* the model reads VRAM */
			len = rnd_len();
			off = rnd_below(e.fb - len);
			ck_assert_int_eq(gpusim_vram_read(e.g.sim, off, buf, len), 0);
			ck_assert_msg(!memcmp(buf, flat + off, len),
				      "seed 0x%llx step %llu: read 0x%llx+%llu (window 0x%llx)",
				      seed, step, off, len, base);
		} else {
			/* a scan for non-zero bytes */
			len = rnd_len();
			off = rnd_below(e.fb - len);
			for (i = 0; i < len && !flat[off + i]; i++)
				;
			want = off + i;
			ck_assert_msg(gpusim_vram_find_nonzero(e.g.sim, off, len, &where) == (i < len),
				      "seed 0x%llx step %llu: scan 0x%llx+%llu", seed, step, off, len);
			if (i < len)
				ck_assert_uint_eq(where, want);
		}
	}
	ck_assert_str_eq(gpusim_error(e.g.sim), "");
	/* The whole FB compares; pages cost at most one per page ever non-zero. */
	for (off = 0; off < e.fb; off += MIB) {
		ck_assert_int_eq(gpusim_vram_read(e.g.sim, off, buf, MIB), 0);
		ck_assert_msg(!memcmp(buf, flat + off, MIB), "seed 0x%llx: MiB at 0x%llx", seed, off);
	}
	for (nonzero_pages = p = 0; p < e.fb; p += PAGE)
		nonzero_pages += !all_zero(flat + p, PAGE);
	ck_assert_uint_ge(gpusim_vram_resident(e.g.sim), nonzero_pages * PAGE);
	/* Scrubbed by the model, then through the window: nothing left. */
	ck_assert_int_eq(gpusim_vram_set(e.g.sim, 0, 0, e.fb), 0);
	ck_assert_uint_eq(gpusim_vram_resident(e.g.sim), 0);
	ck_assert(all_zero(e.mem, GPUSIM_PRAMIN_SIZE));
	ck_assert_uint_eq(gpusim_vram_pages(e.g.sim), 0);
	free(flat);
	free(buf);
	env_fini(&e);
}
END_TEST

Suite *nvgsp_suite_gpusim_pramin(void)
{
	Suite *s = suite_create("gpusim_pramin");
	TCase *tc = tcase_create("window");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, write_move_read, 0, N(fams));
	tcase_add_loop_test(tc, zero_pages_unallocated, 0, N(fams));
	tcase_add_test(tc, sysmem_target);
	tcase_add_loop_test(tc, past_the_fb, 0, N(fams));
	tcase_add_loop_test(tc, differential, 0, 4 * N(fams));
	suite_add_tcase(s, tc);
	return s;
}
