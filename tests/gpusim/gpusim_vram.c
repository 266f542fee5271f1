// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_vram.c - the simulated GPU's VRAM (framebuffer memory) and the
 * PRAMIN window that shows it in BAR0 (see gpusim.h).
 *
 * DOC: VRAM
 *
 * The contents are sparse: 64 KiB pages, allocated on the first write of a
 * non-zero byte, so a 48 GiB board costs only what was touched. A page that
 * a set of 0 leaves all zero is freed again, which makes a scrub of GiBs
 * cheap and lets a test check that it left nothing behind
 * (gpusim_vram_resident()). Pages hang off leaf tables of 512 (32 MiB of
 * FB each), which hang off one array sized by the FB; an empty leaf table is
 * freed too. Unwritten VRAM reads 0: real VRAM holds garbage after power-on
 * until something scrubs it, and a model that reads 0 cannot make a missing
 * scrub look like a good one, because the scrub checks look for non-zero
 * bytes the test itself wrote.
 *
 * An access past the FB size is a driver fault, recorded like the others
 * (gpusim_error()): a read returns zeros, a write or set changes nothing.
 *
 * DOC: PRAMIN window
 *
 * BAR0 0x700000..0x7fffff is a 1 MiB window onto VRAM at the base the
 * window register holds, in 64 KiB units (Documentation/vgpu-fb.rst):
 *  - Turing, Ampere, Ada: NV_PBUS_BAR0_WINDOW (0x1700), base in bits 23:0,
 *    target in bits 25:24 (0 VID_MEM, 2 SYS_MEM_COHERENT, 3
 *    SYS_MEM_NONCOHERENT);
 *  - Hopper: NV_XAL_EP_BAR0_WINDOW (0x10fd40), base in bits 21:0;
 *  - Blackwell: the same register, base in bits 22:0.
 * Bits outside those fields read 0 (the model keeps only the fields). A
 * window with a system-memory target is not modelled: reads return 0 and a
 * write is dropped and recorded as a fault (the driver only ever points
 * the window at VRAM). A window byte past the FB is a fault as above.
 * Bulk accesses (struct nvgsp_os_bar_ops read/write/set) that fall inside
 * the window go to the VRAM in one call each.
 *
 * DOC: PRAMIN window memory
 *
 * gpusim_pramin_attach() backs the window with 1 MiB of memory that its
 * owner may read and write directly: gpusim-vfu attaches a memfd that QEMU
 * maps into the guest's BAR0 at 0x700000, so the driver's accesses to the
 * window are plain memory accesses instead of one vfio-user message each,
 * exactly as the window is plain MMIO onto VRAM on hardware; the unit tests
 * attach a buffer to exercise the same code. While the window targets
 * VID_MEM the memory is authoritative for the VRAM it shows,
 * [base, base + 1 MiB): the sparse pages of that range are absent (loading
 * moves them into the memory), and every VRAM accessor (gpusim_vram_read(),
 * _write(), _set(), _find_nonzero(), so the BAR0 accessors above and the
 * vGPU plugin model's control regions too) reads and writes the memory for
 * the bytes in that range and the pages for the rest. gpusim_vram_resident()
 * counts the window's non-zero 64 KiB pages as if written back;
 * gpusim_vram_pages() counts only the sparse store.
 *
 * A write of the window register that changes it moves the window: the
 * memory is written back page by page (an all-zero page stays or becomes
 * absent, so scrubbing a 48 GiB board through the window costs only what
 * stays non-zero), left zero, and the new range is loaded. While the
 * target is a system-memory one the memory shows nothing and stays zero; a
 * byte written there meanwhile (the trapped path drops such writes) is
 * found at the next load, recorded as a fault and dropped. Bytes of the
 * window past the FB read 0; a non-zero one found there at write-back is a
 * fault and dropped. Two things the memory cannot see: a read past the FB
 * (recorded on the trapped path) and accesses after the device-gone fault
 * (gpusim-vfu detaches the memory then and fills it with ones).
 *
 * Ordering: the model touches the memory only from its own thread, while
 * it serves a trapped access, a tick or a test's call; the guest writes it
 * at any time. The driver moves the window with a trapped register write
 * (and reads it back) and, holding its window lock, touches no window byte
 * during the move, so each write-back and load sees the guest's earlier
 * stores (the trapped write is a vfio-user message, after them) and none
 * later. A store racing with a move may land at either base or be lost;
 * nothing can tear the model's own state: the memory stays mapped and
 * every access to it is bounded by its 1 MiB.
 */
#include <stdlib.h>
#include <string.h>

#include "gpusim_internal.h"

_Static_assert(GS_PRAMIN_BASE == GPUSIM_PRAMIN_BASE && GS_PRAMIN_SIZE == GPUSIM_PRAMIN_SIZE,
	       "the PRAMIN window's place in BAR0");

#define GS_VRAM_PAGE_SHIFT	16
#define GS_VRAM_PAGE_SIZE	(1ull << GS_VRAM_PAGE_SHIFT)
#define GS_VRAM_LEAF_SHIFT	9
#define GS_VRAM_LEAF_PAGES	(1u << GS_VRAM_LEAF_SHIFT)
#define GS_VRAM_LEAF_SPAN	(GS_VRAM_PAGE_SIZE << GS_VRAM_LEAF_SHIFT)

/**
 * struct gs_vram_leaf - pages of 32 MiB of FB.
 * @page: the pages, NULL where all zero.
 * @used: non-NULL entries in @page.
 */
struct gs_vram_leaf {
	u8 *page[GS_VRAM_LEAF_PAGES];
	u32 used;
};

static u64 gs_fb_size(const struct gpusim *sim)
{
	return (u64)sim->fb_mib << 20;
}

int gs_vram_init(struct gpusim *sim)
{
	u64 n = (gs_fb_size(sim) + GS_VRAM_LEAF_SPAN - 1) / GS_VRAM_LEAF_SPAN;

	sim->vram.leaves = calloc(n ? n : 1, sizeof(*sim->vram.leaves));
	if (!sim->vram.leaves)
		return -ENOMEM;
	sim->vram.nr_leaves = n;
	return 0;
}

void gs_vram_fini(struct gpusim *sim)
{
	u64 l;
	u32 p;

	if (!sim->vram.leaves)
		return;
	for (l = 0; l < sim->vram.nr_leaves; l++) {
		struct gs_vram_leaf *leaf = sim->vram.leaves[l];

		if (!leaf)
			continue;
		for (p = 0; p < GS_VRAM_LEAF_PAGES; p++)
			free(leaf->page[p]);
		free(leaf);
	}
	free(sim->vram.leaves);
	sim->vram.leaves = NULL;
	sim->vram.pages = 0;
	sim->vram.win = NULL;	/* the caller's: never written back at the end */
	sim->vram.win_shown = false;
}

static bool gs_vram_range(struct gpusim *sim, const char *what, u64 fb_off, u64 len)
{
	u64 fb = gs_fb_size(sim);

	if (fb_off <= fb && len <= fb - fb_off)
		return true;
	gpusim_hw_fail(sim, "VRAM %s of %llu bytes at 0x%llx: past the end of the %llu-byte FB",
		       what, len, fb_off, fb);
	return false;
}

/* The page holding @fb_off, or NULL when it is all zero. */
static u8 *gs_vram_page(const struct gpusim *sim, u64 fb_off)
{
	u64 pg = fb_off >> GS_VRAM_PAGE_SHIFT;
	struct gs_vram_leaf *leaf = sim->vram.leaves[pg >> GS_VRAM_LEAF_SHIFT];

	return leaf ? leaf->page[pg & (GS_VRAM_LEAF_PAGES - 1)] : NULL;
}

/* The page holding @fb_off, allocated (zeroed) when absent; NULL: no memory. */
static u8 *gs_vram_page_get(struct gpusim *sim, u64 fb_off)
{
	u64 pg = fb_off >> GS_VRAM_PAGE_SHIFT;
	struct gs_vram_leaf **leafp = &sim->vram.leaves[pg >> GS_VRAM_LEAF_SHIFT];
	u8 **pagep;

	if (!*leafp) {
		*leafp = calloc(1, sizeof(**leafp));
		if (!*leafp)
			return NULL;
	}
	pagep = &(*leafp)->page[pg & (GS_VRAM_LEAF_PAGES - 1)];
	if (!*pagep) {
		*pagep = calloc(1, GS_VRAM_PAGE_SIZE);
		if (!*pagep) {
			if (!(*leafp)->used) {
				free(*leafp);
				*leafp = NULL;
			}
			return NULL;
		}
		(*leafp)->used++;
		sim->vram.pages++;
	}
	return *pagep;
}

static void gs_vram_page_free(struct gpusim *sim, u64 fb_off)
{
	u64 pg = fb_off >> GS_VRAM_PAGE_SHIFT;
	struct gs_vram_leaf **leafp = &sim->vram.leaves[pg >> GS_VRAM_LEAF_SHIFT];
	u8 **pagep;

	if (!*leafp)
		return;
	pagep = &(*leafp)->page[pg & (GS_VRAM_LEAF_PAGES - 1)];
	if (!*pagep)
		return;
	free(*pagep);
	*pagep = NULL;
	sim->vram.pages--;
	if (--(*leafp)->used == 0) {
		free(*leafp);
		*leafp = NULL;
	}
}

/* Whether [p, p + len) is all zero: the first byte 0 and every byte equal to the next. */
static bool gs_all_zero(const u8 *p, u64 len)
{
	return !len || (!p[0] && !memcmp(p, p + 1, len - 1));
}

/* Bytes from @fb_off to the end of its page, at most @len. */
static u64 gs_vram_chunk(u64 fb_off, u64 len)
{
	u64 room = GS_VRAM_PAGE_SIZE - (fb_off & (GS_VRAM_PAGE_SIZE - 1));

	return len < room ? len : room;
}

/* The sparse pages: [fb_off, fb_off + len) lies in the FB and outside a shown window. */
static void gs_pages_read(struct gpusim *sim, u64 fb_off, u8 *out, u64 len)
{
	while (len) {
		u64 n = gs_vram_chunk(fb_off, len);
		const u8 *page = gs_vram_page(sim, fb_off);

		if (page)
			memcpy(out, page + (fb_off & (GS_VRAM_PAGE_SIZE - 1)), n);
		else
			memset(out, 0, n);
		out += n;
		fb_off += n;
		len -= n;
	}
}

static int gs_vram_oom(struct gpusim *sim, u64 fb_off)
{
	gpusim_hw_fail(sim, "VRAM page at 0x%llx: out of memory", fb_off);
	return -ENOMEM;
}

static int gs_pages_write(struct gpusim *sim, u64 fb_off, const u8 *in, u64 len)
{
	while (len) {
		u64 n = gs_vram_chunk(fb_off, len);
		u64 at = fb_off & (GS_VRAM_PAGE_SIZE - 1);
		u8 *page = gs_vram_page(sim, fb_off);

		if (!page && !gs_all_zero(in, n)) {
			page = gs_vram_page_get(sim, fb_off);
			if (!page)
				return gs_vram_oom(sim, fb_off);
		}
		if (page)
			memcpy(page + at, in, n);
		in += n;
		fb_off += n;
		len -= n;
	}
	return 0;
}

static int gs_pages_set(struct gpusim *sim, u64 fb_off, u8 value, u64 len)
{
	while (len) {
		u64 n = gs_vram_chunk(fb_off, len);
		u64 at = fb_off & (GS_VRAM_PAGE_SIZE - 1);
		u8 *page = gs_vram_page(sim, fb_off);

		if (value) {
			if (!page)
				page = gs_vram_page_get(sim, fb_off);
			if (!page)
				return gs_vram_oom(sim, fb_off);
			memset(page + at, value, n);
		} else if (page) {
			memset(page + at, 0, n);
			if (n == GS_VRAM_PAGE_SIZE || gs_all_zero(page, GS_VRAM_PAGE_SIZE))
				gs_vram_page_free(sim, fb_off);
		}
		fb_off += n;
		len -= n;
	}
	return 0;
}

static bool gs_pages_find(struct gpusim *sim, u64 fb_off, u64 len, u64 *where)
{
	while (len) {
		u64 n = gs_vram_chunk(fb_off, len);
		u64 pg = fb_off >> GS_VRAM_PAGE_SHIFT;
		const u8 *page;
		u64 i;

		/* An absent leaf table: skip its 32 MiB at once. */
		if (!sim->vram.leaves[pg >> GS_VRAM_LEAF_SHIFT]) {
			u64 room = GS_VRAM_LEAF_SPAN - (fb_off & (GS_VRAM_LEAF_SPAN - 1));

			n = len < room ? len : room;
		} else {
			page = gs_vram_page(sim, fb_off);
			for (i = 0; page && i < n; i++) {
				if (page[(fb_off & (GS_VRAM_PAGE_SIZE - 1)) + i]) {
					if (where)
						*where = fb_off + i;
					return true;
				}
			}
		}
		fb_off += n;
		len -= n;
	}
	return false;
}

/*
 * The next piece of [fb_off, fb_off + len) (in the FB): *@n bytes that are
 * all in the shown window (its memory returned) or all outside it (NULL).
 */
static u8 *gs_win_piece(const struct gpusim *sim, u64 fb_off, u64 len, u64 *n)
{
	const struct gs_vram *v = &sim->vram;
	u64 fb = gs_fb_size(sim), lo = v->win_base, hi;

	*n = len;
	if (!v->win || !v->win_shown || lo >= fb)
		return NULL;
	hi = fb - lo < GS_PRAMIN_SIZE ? fb : lo + GS_PRAMIN_SIZE;
	if (fb_off < lo) {
		if (lo - fb_off < len)
			*n = lo - fb_off;
		return NULL;
	}
	if (fb_off >= hi)
		return NULL;
	if (hi - fb_off < len)
		*n = hi - fb_off;
	return v->win + (fb_off - lo);
}

int gpusim_vram_read(struct gpusim *sim, u64 fb_off, void *buf, size_t len)
{
	u8 *out = buf;

	if (!gs_vram_range(sim, "read", fb_off, len)) {
		memset(buf, 0, len);
		return -EINVAL;
	}
	while (len) {
		u64 n;
		const u8 *w = gs_win_piece(sim, fb_off, len, &n);

		if (w)
			memcpy(out, w, n);
		else
			gs_pages_read(sim, fb_off, out, n);
		out += n;
		fb_off += n;
		len -= n;
	}
	return 0;
}

int gpusim_vram_write(struct gpusim *sim, u64 fb_off, const void *buf, size_t len)
{
	const u8 *in = buf;
	int ret;

	if (!gs_vram_range(sim, "write", fb_off, len))
		return -EINVAL;
	while (len) {
		u64 n;
		u8 *w = gs_win_piece(sim, fb_off, len, &n);

		if (w) {
			memcpy(w, in, n);
		} else {
			ret = gs_pages_write(sim, fb_off, in, n);
			if (ret)
				return ret;
		}
		in += n;
		fb_off += n;
		len -= n;
	}
	return 0;
}

int gpusim_vram_set(struct gpusim *sim, u64 fb_off, u8 value, u64 len)
{
	int ret;

	if (!gs_vram_range(sim, "set", fb_off, len))
		return -EINVAL;
	while (len) {
		u64 n;
		u8 *w = gs_win_piece(sim, fb_off, len, &n);

		if (w) {
			memset(w, value, n);
		} else {
			ret = gs_pages_set(sim, fb_off, value, n);
			if (ret)
				return ret;
		}
		fb_off += n;
		len -= n;
	}
	return 0;
}

u64 gpusim_vram_size(const struct gpusim *sim)
{
	return gs_fb_size(sim);
}

u64 gpusim_vram_pages(const struct gpusim *sim)
{
	return sim->vram.pages;
}

u64 gpusim_vram_resident(const struct gpusim *sim)
{
	const struct gs_vram *v = &sim->vram;
	u64 bytes = v->pages * GS_VRAM_PAGE_SIZE, at;

	if (v->win && v->win_shown)
		for (at = 0; at < GS_PRAMIN_SIZE && v->win_base + at < gs_fb_size(sim);
		     at += GS_VRAM_PAGE_SIZE)
			if (!gs_all_zero(v->win + at, GS_VRAM_PAGE_SIZE))
				bytes += GS_VRAM_PAGE_SIZE;
	return bytes;
}

bool gpusim_vram_find_nonzero(struct gpusim *sim, u64 fb_off, u64 len, u64 *where)
{
	if (!gs_vram_range(sim, "scan", fb_off, len))
		return false;
	while (len) {
		u64 n, i;
		const u8 *w = gs_win_piece(sim, fb_off, len, &n);

		if (!w && gs_pages_find(sim, fb_off, n, where))
			return true;
		for (i = 0; w && i < n; i++) {
			if (w[i]) {
				if (where)
					*where = fb_off + i;
				return true;
			}
		}
		fb_off += n;
		len -= n;
	}
	return false;
}

/* ---- the PRAMIN window ---- */

/* The window register's offset and the fields the model keeps. */
static u32 gs_pramin_reg(const struct gpusim *sim, u32 *mask)
{
	switch (sim->chip->family) {
	case NVGSP_FAMILY_HOPPER:
		*mask = GS_XAL_EP_BAR0_WINDOW_BASE_GH100;
		return GS_XAL_EP_BAR0_WINDOW;
	case NVGSP_FAMILY_BLACKWELL:
		*mask = GS_XAL_EP_BAR0_WINDOW_BASE_GB100;
		return GS_XAL_EP_BAR0_WINDOW;
	default:
		*mask = GS_PBUS_BAR0_WINDOW_BASE | GS_PBUS_BAR0_WINDOW_TARGET;
		return GS_PBUS_BAR0_WINDOW;
	}
}

static bool gs_pramin_vidmem(const struct gpusim *sim)
{
	u32 mask;

	return gs_pramin_reg(sim, &mask) != GS_PBUS_BAR0_WINDOW ||
	       !(sim->pramin_window & GS_PBUS_BAR0_WINDOW_TARGET);
}

static u64 gs_pramin_fb(const struct gpusim *sim, u32 at)
{
	u32 mask;

	gs_pramin_reg(sim, &mask);
	return ((u64)(sim->pramin_window & mask & ~GS_PBUS_BAR0_WINDOW_TARGET) << 16) + at;
}

/*
 * The window's memory goes back into the pages (DOC: PRAMIN window memory):
 * a page with a non-zero byte is allocated (when absent) and copied, an
 * all-zero one is freed (when present) or stays absent; a page past the FB
 * must be all zero, else the guest wrote past the FB (a fault, dropped).
 * The memory is left all zero: the window shows no VRAM until loaded.
 */
static void gs_win_unload(struct gpusim *sim)
{
	struct gs_vram *v = &sim->vram;
	u64 fb = gs_fb_size(sim), at;
	bool past = false;

	if (!v->win || !v->win_shown)
		return;
	v->win_shown = false;
	for (at = 0; at < GS_PRAMIN_SIZE; at += GS_VRAM_PAGE_SIZE) {
		u8 *src = v->win + at, *page;
		u64 fb_off = v->win_base + at;
		bool zero = gs_all_zero(src, GS_VRAM_PAGE_SIZE);

		if (fb_off >= fb) {
			past |= !zero;
		} else if (zero) {
			gs_vram_page_free(sim, fb_off);
		} else {
			page = gs_vram_page(sim, fb_off);
			if (!page)
				page = gs_vram_page_get(sim, fb_off);
			if (page)
				memcpy(page, src, GS_VRAM_PAGE_SIZE);
			else
				gs_vram_oom(sim, fb_off);
		}
		if (!zero)
			memset(src, 0, GS_VRAM_PAGE_SIZE);
	}
	if (past)
		gpusim_hw_fail(sim, "PRAMIN write past the end of the %llu-byte FB (window at FB 0x%llx): dropped",
			       fb, v->win_base);
}

/*
 * The window's range comes into its memory when the window targets VID_MEM:
 * each page present is copied and freed (the memory is authoritative while
 * shown), an absent one reads 0, and so does a page past the FB. The memory
 * is all zero before (gs_win_unload(), gpusim_pramin_attach()). @check:
 * the window showed no VRAM before (a system-memory target), so a non-zero
 * byte there was written meanwhile, which the model drops like a trapped
 * write (a fault).
 */
static void gs_win_load(struct gpusim *sim, bool check)
{
	struct gs_vram *v = &sim->vram;
	u64 fb = gs_fb_size(sim), at;

	if (!v->win || v->win_shown || !gs_pramin_vidmem(sim))
		return;
	if (check && !gs_all_zero(v->win, GS_PRAMIN_SIZE)) {
		sim->stats.pramin_dropped++;
		gpusim_hw_fail(sim, "PRAMIN window memory written while its target was not VID_MEM (window now 0x%08x): dropped",
			       sim->pramin_window);
		memset(v->win, 0, GS_PRAMIN_SIZE);
	}
	v->win_base = gs_pramin_fb(sim, 0);
	for (at = 0; at < GS_PRAMIN_SIZE; at += GS_VRAM_PAGE_SIZE) {
		u8 *dst = v->win + at, *page = NULL;
		u64 fb_off = v->win_base + at;

		if (fb_off < fb)
			page = gs_vram_page(sim, fb_off);
		if (page) {
			memcpy(dst, page, GS_VRAM_PAGE_SIZE);
			gs_vram_page_free(sim, fb_off);
		}	/* else already zero */
	}
	v->win_shown = true;
}

void gpusim_pramin_attach(struct gpusim *sim, void *mem)
{
	gs_win_unload(sim);
	sim->vram.win = mem;
	sim->vram.win_shown = false;
	if (!mem)
		return;
	memset(mem, 0, GS_PRAMIN_SIZE);
	gs_win_load(sim, false);
}

static bool gs_pramin_in(u32 offset, u32 len)
{
	return offset >= GS_PRAMIN_BASE && len <= GS_PRAMIN_SIZE &&
	       offset - GS_PRAMIN_BASE <= GS_PRAMIN_SIZE - len;
}

bool gs_pramin_rd(struct gpusim *sim, u32 offset, u32 *val)
{
	u32 mask;
	u8 b[4];

	if (offset == gs_pramin_reg(sim, &mask)) {
		*val = sim->pramin_window;
		return true;
	}
	if (!gs_pramin_in(offset, 4))
		return false;
	*val = 0;
	if (gs_pramin_vidmem(sim) &&
	    !gpusim_vram_read(sim, gs_pramin_fb(sim, offset - GS_PRAMIN_BASE), b, 4))
		*val = get_unaligned_le32(b);
	return true;
}

static bool gs_pramin_sysmem_write(struct gpusim *sim, u32 offset, u32 len)
{
	if (gs_pramin_vidmem(sim))
		return false;
	sim->stats.pramin_dropped++;
	gpusim_hw_fail(sim, "PRAMIN write of %u bytes at 0x%06x with window 0x%08x: target is not VID_MEM, dropped",
		       len, offset, sim->pramin_window);
	return true;
}

bool gs_pramin_wr(struct gpusim *sim, u32 offset, u32 value)
{
	bool shown = sim->vram.win_shown;
	u32 mask;
	u8 b[4];

	if (offset == gs_pramin_reg(sim, &mask)) {
		if ((value & mask) == sim->pramin_window)
			return true;
		/* the window moves: its memory follows (DOC: PRAMIN window memory) */
		sim->stats.pramin_moves++;
		gs_win_unload(sim);
		sim->pramin_window = value & mask;
		gs_win_load(sim, !shown);
		return true;
	}
	if (!gs_pramin_in(offset, 4))
		return false;
	if (!gs_pramin_sysmem_write(sim, offset, 4)) {
		put_unaligned_le32(value, b);
		gpusim_vram_write(sim, gs_pramin_fb(sim, offset - GS_PRAMIN_BASE), b, 4);
	}
	return true;
}

bool gs_pramin_read(struct gpusim *sim, u32 offset, void *buf, u32 len)
{
	if (!gs_pramin_in(offset, len))
		return false;
	if (gs_pramin_vidmem(sim))
		gpusim_vram_read(sim, gs_pramin_fb(sim, offset - GS_PRAMIN_BASE), buf, len);
	else
		memset(buf, 0, len);
	return true;
}

bool gs_pramin_write(struct gpusim *sim, u32 offset, const void *buf, u32 len)
{
	if (!gs_pramin_in(offset, len))
		return false;
	if (!gs_pramin_sysmem_write(sim, offset, len))
		gpusim_vram_write(sim, gs_pramin_fb(sim, offset - GS_PRAMIN_BASE), buf, len);
	return true;
}

bool gs_pramin_set(struct gpusim *sim, u32 offset, u8 value, u32 len)
{
	if (!gs_pramin_in(offset, len))
		return false;
	if (!gs_pramin_sysmem_write(sim, offset, len))
		gpusim_vram_set(sim, gs_pramin_fb(sim, offset - GS_PRAMIN_BASE), value, len);
	return true;
}
