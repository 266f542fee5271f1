// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_vgpu_res.c - the vGPU resource allocators (src/vgpu/nvgsp_vgpu_res.c,
 * nvgsp_vgpu_fbseg.c, nvgsp_vgpu_chid.c; Documentation/vgpu-resources.rst):
 * every refusal at create, the FB segment allocator's boundaries, frees that
 * must be refused without changing anything, fragmentation, the extent
 * limit, placement slots, channel-ID boundaries, the management heap's
 * layout, and the FB allocator against a plain bitmap model, exhaustively
 * over short sequences and over a few thousand seeded random operations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "vgpu/nvgsp_vgpu_res.h"

#define MIB	(1ull << 20)
#define SEG	(32 * MIB)
#define BASE	(0x40ull << 30)	/* 64 GiB: a plausible, segment-aligned FB offset */
#define U64MAX	(~0ull)

static struct nvgsp_os_device pf = { .name = "0000:05:00.0" };

static void setup(void)
{
	nvgsp_os_user_set_debug(0);
	unit_log_reset();
}

static void one_line(int level, const char *text)
{
	unit_log_one_line(level, "0000:05:00.0", text);
	unit_log_reset();
}

/* @nseg segments of SEG at BASE; one engine of 2048 IDs, 512 the host's. */
static struct nvgsp_vgpu_res_config cfg_of(u32 nseg)
{
	struct nvgsp_vgpu_res_config c;

	memset(&c, 0, sizeof(c));
	c.fb_base = BASE;
	c.fb_size = nseg * SEG;
	c.segment = SEG;
	c.num_engines = 1;
	c.chid_total[0] = 2048;
	c.chid_host_reserved[0] = 512;
	c.max_vgpus = 32;
	return c;
}

static struct nvgsp_vgpu_res *make(struct nvgsp_os_device *dev,
				   const struct nvgsp_vgpu_res_config *c)
{
	struct nvgsp_vgpu_res *res = NULL;

	ck_assert_int_eq(nvgsp_vgpu_res_create(dev, c, &res), 0);
	ck_assert_ptr_nonnull(res);
	return res;
}

static struct nvgsp_vgpu_res_usage usage(const struct nvgsp_vgpu_res *res)
{
	struct nvgsp_vgpu_res_usage u;

	nvgsp_vgpu_res_usage(res, &u);
	ck_assert_uint_eq(u.fb_free + u.fb_used, u.fb_size);
	return u;
}

static int fb_alloc(struct nvgsp_vgpu_res *res, u64 bytes, u32 max_instance,
		    struct nvgsp_vgpu_fb_grant *g)
{
	struct nvgsp_vgpu_fb_request req = { .bytes = bytes, .max_instance = max_instance };

	return nvgsp_vgpu_fb_alloc(res, &req, g);
}

/* A snapshot of everything a refused call must leave as it was. */
struct snap {
	struct nvgsp_vgpu_res_usage u;
	u32 owner[NVGSP_VGPU_FB_MAX_SEGMENTS];
	struct nvgsp_vgpu_chid_grant chid[8];
};

static void snap_take(const struct nvgsp_vgpu_res *res, struct snap *s)
{
	memset(s, 0, sizeof(*s));
	nvgsp_vgpu_res_usage(res, &s->u);
	memcpy(s->owner, res->owner, res->nseg * sizeof(u32));
	memcpy(s->chid, res->chid, (res->cfg.max_vgpus < 8 ? res->cfg.max_vgpus : 8) *
	       sizeof(s->chid[0]));
}

static void snap_same(const struct nvgsp_vgpu_res *res, const struct snap *s)
{
	static struct snap now;

	snap_take(res, &now);
	ck_assert_msg(!memcmp(&now, s, sizeof(now)), "a refused call changed the allocator");
}

/* ---- create ---- */

START_TEST(create_segment_sizes)
{
	static const struct { u64 seg; int ret; } rows[] = {
		{ 0, -EINVAL }, { 16 * MIB, -EINVAL }, { 32 * MIB - 1, -EINVAL },
		{ 32 * MIB, 0 }, { 48 * MIB, -EINVAL }, { 64 * MIB, 0 }, { 128 * MIB, 0 },
		{ 256 * MIB, 0 }, { 512 * MIB, 0 }, { 512 * MIB + SEG, -EINVAL },
		{ 1024 * MIB, -EINVAL }, { 1ull << 63, -EINVAL }, { U64MAX, -EINVAL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct nvgsp_vgpu_res_config c = cfg_of(16);
		struct nvgsp_vgpu_res *res = (void *)&rows;	/* must stay untouched */
		char want[96];

		c.segment = rows[i].seg;
		c.fb_size = 16 * (512 * MIB);
		unit_log_reset();
		ck_assert_int_eq(nvgsp_vgpu_res_create(&pf, &c, &res), rows[i].ret);
		if (rows[i].ret) {
			ck_assert_ptr_eq(res, (void *)&rows);
			snprintf(want, sizeof(want), "VMMU segment size 0x%llx is not a power of two",
				 rows[i].seg);
			one_line(NVGSP_LOG_ERR, want);
			continue;
		}
		ck_assert_str_eq(unit_log, "");
		ck_assert_uint_eq(usage(res).fb_size, 16 * (512 * MIB) / rows[i].seg *
				  rows[i].seg);
		nvgsp_vgpu_res_destroy(res);
	}
}
END_TEST

START_TEST(create_fb_ranges)
{
	struct nvgsp_vgpu_res_config c = cfg_of(16);
	struct nvgsp_vgpu_res *res;
	struct nvgsp_vgpu_res_usage u;

	/* A misaligned range keeps its whole segments only. */
	c.fb_base = BASE + 5;
	c.fb_size = 4 * SEG;
	res = make(&pf, &c);
	u = usage(res);
	ck_assert_uint_eq(u.fb_base, BASE + SEG);
	ck_assert_uint_eq(u.fb_size, 3 * SEG);
	nvgsp_vgpu_res_destroy(res);

	/* Ending exactly at U64_MAX: the top segment is cut (it ends at 2^64). */
	c.fb_base = 0ull - 4 * SEG;
	c.fb_size = 4 * SEG - 1;
	res = make(&pf, &c);
	u = usage(res);
	ck_assert_uint_eq(u.fb_base, 0ull - 4 * SEG);
	ck_assert_uint_eq(u.fb_size, 3 * SEG);
	nvgsp_vgpu_res_destroy(res);

	/* One byte more wraps past the end of the address space. */
	c.fb_size = 4 * SEG;
	res = (void *)&c;
	ck_assert_int_eq(nvgsp_vgpu_res_create(&pf, &c, &res), -EINVAL);
	ck_assert_ptr_eq(res, (void *)&c);
	one_line(NVGSP_LOG_ERR, "passes the end of the address space");
	c.fb_base = U64MAX;
	c.fb_size = U64MAX;
	ck_assert_int_eq(nvgsp_vgpu_res_create(&pf, &c, &res), -EINVAL);
	one_line(NVGSP_LOG_ERR, "base 0xffffffffffffffff size 0xffffffffffffffff");

	/* No whole segment: too small, or straddling a boundary. */
	c.fb_base = BASE;
	c.fb_size = SEG - 1;
	ck_assert_int_eq(nvgsp_vgpu_res_create(&pf, &c, &res), -EINVAL);
	one_line(NVGSP_LOG_ERR, "holds 0 whole segments");
	c.fb_base = BASE + SEG / 2;
	c.fb_size = SEG + SEG / 2 - 1;
	ck_assert_int_eq(nvgsp_vgpu_res_create(&pf, &c, &res), -EINVAL);
	one_line(NVGSP_LOG_ERR, "holds 0 whole segments");
	c.fb_size = 0;
	ck_assert_int_eq(nvgsp_vgpu_res_create(&pf, &c, &res), -EINVAL);
	unit_log_reset();

	/* The segment limit, and one past it. */
	c.fb_base = 0;
	c.fb_size = NVGSP_VGPU_FB_MAX_SEGMENTS * SEG;
	res = make(&pf, &c);
	ck_assert_uint_eq(usage(res).fb_free, c.fb_size);
	nvgsp_vgpu_res_destroy(res);
	c.fb_size += SEG;
	ck_assert_int_eq(nvgsp_vgpu_res_create(&pf, &c, &res), -EINVAL);
	one_line(NVGSP_LOG_ERR, "holds 16385 whole segments of 0x2000000 (1..16384)");
}
END_TEST

START_TEST(create_chid_and_limits)
{
	static const struct {
		u32 engines, total, reserved, max_vgpus;
		const char *text;
	} rows[] = {
		{ 0, 2048, 512, 32, "num_engines 0 (1..96)" },
		{ 97, 2048, 512, 32, "num_engines 97 (1..96)" },
		{ 1, 0, 0, 32, "engine 0: chid_total 0 (1..65536)" },
		{ 1, 65537, 0, 32, "engine 0: chid_total 65537" },
		{ 1, 2048, 2048, 32, "chid_host_reserved 2048 leaves no ID of chid_total 2048" },
		{ 1, 2048, 4000, 32, "chid_host_reserved 4000 leaves no ID" },
		{ 1, 2048, 512, 0, "max_vgpus 0 (1..256)" },
		{ 1, 2048, 512, 257, "max_vgpus 257 (1..256)" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct nvgsp_vgpu_res_config c = cfg_of(16);
		struct nvgsp_vgpu_res *res = NULL;

		c.num_engines = rows[i].engines;
		c.chid_total[0] = rows[i].total;
		c.chid_host_reserved[0] = rows[i].reserved;
		c.max_vgpus = rows[i].max_vgpus;
		unit_log_reset();
		ck_assert_int_eq(nvgsp_vgpu_res_create(&pf, &c, &res), -EINVAL);
		ck_assert_ptr_null(res);
		one_line(NVGSP_LOG_ERR, rows[i].text);
		/* Without a device: the same refusal, silently. */
		ck_assert_int_eq(nvgsp_vgpu_res_create(NULL, &c, &res), -EINVAL);
		ck_assert_str_eq(unit_log, "");
	}
	/* The last engine is checked too, and the widest legal configuration works. */
	{
		struct nvgsp_vgpu_res_config c = cfg_of(16);
		struct nvgsp_vgpu_res *res = NULL;

		c.num_engines = NVGSP_VGPU_MAX_ENGINES;
		for (u32 e = 0; e < c.num_engines; e++) {
			c.chid_total[e] = NVGSP_VGPU_CHID_MAX;
			c.chid_host_reserved[e] = NVGSP_VGPU_CHID_MAX - 1;
		}
		c.max_vgpus = NVGSP_VGPU_MAX_VGPUS;
		res = make(&pf, &c);
		nvgsp_vgpu_res_destroy(res);
		c.chid_host_reserved[95] = NVGSP_VGPU_CHID_MAX;
		ck_assert_int_eq(nvgsp_vgpu_res_create(&pf, &c, &res), -EINVAL);
		one_line(NVGSP_LOG_ERR, "engine 95: chid_host_reserved 65536");
	}
	nvgsp_vgpu_res_destroy(NULL);
}
END_TEST

/* ---- FB: first-fit ---- */

START_TEST(fb_request_sizes)
{
	struct nvgsp_vgpu_res_config c = cfg_of(16);
	struct nvgsp_vgpu_res *res = make(&pf, &c);
	static struct nvgsp_vgpu_fb_grant g, h;
	static struct snap s;

	snap_take(res, &s);
	ck_assert_int_eq(fb_alloc(res, 0, 0, &g), -EINVAL);
	one_line(NVGSP_LOG_ERR, "request of 0x0 bytes is not a whole, non-zero number");
	ck_assert_int_eq(fb_alloc(res, SEG + 4096, 0, &g), -EINVAL);
	one_line(NVGSP_LOG_ERR, "request of 0x2001000 bytes");
	ck_assert_int_eq(fb_alloc(res, SEG - 1, 0, &g), -EINVAL);
	unit_log_reset();
	ck_assert_int_eq(fb_alloc(res, U64MAX, 0, &g), -EINVAL);
	unit_log_reset();
	/* Huge but whole: refused as not fitting, without overflow. */
	ck_assert_int_eq(fb_alloc(res, U64MAX & ~(SEG - 1), 0, &g), -ENOSPC);
	one_line(NVGSP_LOG_WARN, "0xfffffffffe000000 bytes requested, the FB is 0x20000000");
	ck_assert_int_eq(fb_alloc(res, 17 * SEG, 0, &g), -ENOSPC);
	unit_log_reset();
	ck_assert_uint_eq(g.handle, 0);
	ck_assert_int_eq(g.slot, -1);
	ck_assert_uint_eq(g.count, 0);
	snap_same(res, &s);

	/* The whole FB, in one extent; then nothing more. */
	ck_assert_int_eq(fb_alloc(res, 16 * SEG, 0, &g), 0);
	ck_assert_str_eq(unit_log, "");
	ck_assert_uint_ne(g.handle, 0);
	ck_assert_int_eq(g.slot, -1);
	ck_assert_uint_eq(g.count, 1);
	ck_assert_uint_eq(g.bytes, 16 * SEG);
	ck_assert_uint_eq(g.ext[0].addr, BASE);
	ck_assert_uint_eq(g.ext[0].size, 16 * SEG);
	ck_assert_uint_eq(usage(res).fb_free, 0);
	ck_assert_uint_eq(usage(res).fb_largest_free, 0);
	ck_assert_int_eq(fb_alloc(res, SEG, 0, &h), -ENOSPC);
	one_line(NVGSP_LOG_WARN, "0x2000000 bytes requested, 0x0 free");
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &g), 0);
	ck_assert_uint_eq(g.handle, 0);
	ck_assert_uint_eq(usage(res).fb_free, 16 * SEG);
	ck_assert_uint_eq(usage(res).fb_grants, 0);
	ck_assert_uint_eq(usage(res).fb_extents, 0);
	nvgsp_vgpu_res_destroy(res);
	ck_assert_str_eq(unit_log, "");
}
END_TEST

/* Each refused free names itself and changes nothing; the real one then works. */
START_TEST(fb_free_refusals)
{
	struct nvgsp_vgpu_res_config c = cfg_of(16);
	struct nvgsp_vgpu_res *res = make(&pf, &c);
	static struct nvgsp_vgpu_fb_grant a, b, x, y, bad;
	static struct snap s;

	ck_assert_int_eq(fb_alloc(res, 2 * SEG, 0, &a), 0);	/* segs 0-1 */
	ck_assert_int_eq(fb_alloc(res, 2 * SEG, 0, &x), 0);	/* 2-3 */
	ck_assert_int_eq(fb_alloc(res, 2 * SEG, 0, &y), 0);	/* 4-5 */
	ck_assert_int_eq(fb_alloc(res, 2 * SEG, 0, &b), 0);	/* 6-7 */
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &x), 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &y), 0);
	/* Holes 2-5 and 8-15: 12 segments take both, as two extents. */
	ck_assert_int_eq(fb_alloc(res, 12 * SEG, 0, &x), 0);
	ck_assert_uint_eq(x.count, 2);
	ck_assert_uint_eq(x.ext[0].addr, BASE + 2 * SEG);
	ck_assert_uint_eq(x.ext[0].size, 4 * SEG);
	ck_assert_uint_eq(x.ext[1].addr, BASE + 8 * SEG);
	ck_assert_uint_eq(x.ext[1].size, 8 * SEG);
	ck_assert_uint_eq(usage(res).fb_extents, 4);
	snap_take(res, &s);

	/* Never allocated, or zeroed. */
	memset(&bad, 0, sizeof(bad));
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	one_line(NVGSP_LOG_ERR, "free: grant handle 0 with 0 extents is not live");
	/* Another grant's handle with this one's extents. */
	bad = a;
	bad.handle = b.handle;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	one_line(NVGSP_LOG_ERR, "is not held by it");
	/* An unknown handle. */
	bad = a;
	bad.handle = 0x7777;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	one_line(NVGSP_LOG_ERR, "is not held by it");
	/* Extents moved, grown, shrunk, misaligned, below the base, past the end. */
	bad = a;
	bad.ext[0].addr += SEG;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	unit_log_reset();
	bad = a;
	bad.ext[0].size += SEG;
	bad.bytes += SEG;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	unit_log_reset();
	bad = a;
	bad.ext[0].size -= SEG;
	bad.bytes -= SEG;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	one_line(NVGSP_LOG_ERR, "not what was granted");
	bad = a;
	bad.ext[0].addr += 4096;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	one_line(NVGSP_LOG_ERR, "or misaligned");
	bad = a;
	bad.ext[0].addr = BASE - SEG;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	unit_log_reset();
	bad = a;
	bad.ext[0].addr = BASE + 15 * SEG;
	bad.ext[0].size = U64MAX & ~(SEG - 1);	/* addr + size wraps */
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	unit_log_reset();
	bad = a;
	bad.ext[0].size = 0;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	unit_log_reset();
	/* The bytes field lying. */
	bad = a;
	bad.bytes = 3 * SEG;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	unit_log_reset();
	/* Counts: 0, too many, one extent dropped (a partial free). */
	bad = x;
	bad.count = 0;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	unit_log_reset();
	bad.count = NVGSP_VGPU_FB_MAX_EXTENTS + 1;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	unit_log_reset();
	bad = x;
	bad.count = 1;
	bad.bytes = x.ext[0].size;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	one_line(NVGSP_LOG_ERR, "not what was granted");
	/* The same extent twice, and the extents out of order. */
	bad = x;
	bad.ext[1] = bad.ext[0];
	bad.bytes = 2 * bad.ext[0].size;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	one_line(NVGSP_LOG_ERR, "is not after extent 0");
	bad = x;
	bad.ext[0] = x.ext[1];
	bad.ext[1] = x.ext[0];
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	unit_log_reset();
	/* An extent split in two: the same segments, not what was granted. */
	bad = a;
	bad.count = 2;
	bad.ext[0].size = SEG;
	bad.ext[1].addr = a.ext[0].addr + SEG;
	bad.ext[1].size = SEG;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	unit_log_reset();
	snap_same(res, &s);

	/* The real ones; then a copy of a freed grant is refused. */
	bad = x;
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &x), 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &x), -EINVAL);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &a), 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &b), 0);
	ck_assert_uint_eq(usage(res).fb_free, 16 * SEG);
	ck_assert_uint_eq(usage(res).fb_extents, 0);
	nvgsp_vgpu_res_destroy(res);
}
END_TEST

/* Free the middle, ask for more than the largest hole: split, or -ENOSPC. */
START_TEST(fb_fragmentation)
{
	struct nvgsp_vgpu_res_config c = cfg_of(16);
	struct nvgsp_vgpu_res *res = make(NULL, &c);
	static struct nvgsp_vgpu_fb_grant g[4], h, k;
	struct nvgsp_vgpu_res_usage u;

	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(fb_alloc(res, 4 * SEG, 0, &g[i]), 0);
		ck_assert_uint_eq(g[i].ext[0].addr, BASE + i * 4 * SEG);
	}
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &g[1]), 0);
	u = usage(res);
	ck_assert_uint_eq(u.fb_free, 4 * SEG);
	ck_assert_uint_eq(u.fb_largest_free, 4 * SEG);
	ck_assert_int_eq(fb_alloc(res, 5 * SEG, 0, &h), -ENOSPC);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &g[3]), 0);
	u = usage(res);
	ck_assert_uint_eq(u.fb_free, 8 * SEG);
	ck_assert_uint_eq(u.fb_largest_free, 4 * SEG);
	/* Six segments over two holes of four: two extents, in address order. */
	ck_assert_int_eq(fb_alloc(res, 6 * SEG, 0, &h), 0);
	ck_assert_uint_eq(h.count, 2);
	ck_assert_uint_eq(h.ext[0].addr, BASE + 4 * SEG);
	ck_assert_uint_eq(h.ext[0].size, 4 * SEG);
	ck_assert_uint_eq(h.ext[1].addr, BASE + 12 * SEG);
	ck_assert_uint_eq(h.ext[1].size, 2 * SEG);
	ck_assert_uint_eq(h.bytes, 6 * SEG);
	ck_assert_int_eq(fb_alloc(res, 3 * SEG, 0, &k), -ENOSPC);
	/* A request that fits one hole takes the lowest such hole whole. */
	ck_assert_int_eq(fb_alloc(res, 2 * SEG, 0, &k), 0);
	ck_assert_uint_eq(k.count, 1);
	ck_assert_uint_eq(k.ext[0].addr, BASE + 14 * SEG);
	u = usage(res);
	ck_assert_uint_eq(u.fb_free, 0);
	ck_assert_uint_eq(u.fb_grants, 4);
	ck_assert_uint_eq(u.fb_extents, 5);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &h), 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &k), 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &g[0]), 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &g[2]), 0);
	u = usage(res);
	ck_assert_uint_eq(u.fb_free, 16 * SEG);
	ck_assert_uint_eq(u.fb_largest_free, 16 * SEG);
	ck_assert_uint_eq(u.fb_grants + u.fb_extents, 0);
	nvgsp_vgpu_res_destroy(res);
}
END_TEST

/* 384 extents is the most one grant carries; 385 runs are refused. */
START_TEST(fb_extent_limit)
{
	struct nvgsp_vgpu_res_config c = cfg_of(1024);
	struct nvgsp_vgpu_res *res = make(&pf, &c);
	static struct nvgsp_vgpu_fb_grant one[1024], g;
	static struct snap s;
	u32 i;

	for (i = 0; i < 1024; i++)
		ck_assert_int_eq(fb_alloc(res, SEG, 0, &one[i]), 0);
	for (i = 0; i < 1024; i += 2)
		ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &one[i]), 0);
	ck_assert_uint_eq(usage(res).fb_largest_free, SEG);
	snap_take(res, &s);
	ck_assert_int_eq(fb_alloc(res, 385 * SEG, 0, &g), -ENOSPC);
	one_line(NVGSP_LOG_WARN, "would take 385 free runs, more than 384 extents");
	snap_same(res, &s);
	ck_assert_int_eq(fb_alloc(res, 384 * SEG, 0, &g), 0);
	ck_assert_uint_eq(g.count, NVGSP_VGPU_FB_MAX_EXTENTS);
	for (i = 0; i < g.count; i++) {
		ck_assert_uint_eq(g.ext[i].addr, BASE + 2 * i * SEG);
		ck_assert_uint_eq(g.ext[i].size, SEG);
	}
	ck_assert_uint_eq(usage(res).fb_extents, 512 + 384);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &g), 0);
	for (i = 1; i < 1024; i += 2)
		ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &one[i]), 0);
	ck_assert_uint_eq(usage(res).fb_used, 0);
	ck_assert_uint_eq(usage(res).fb_extents, 0);
	nvgsp_vgpu_res_destroy(res);
}
END_TEST

/* ---- FB: homogeneous placement ---- */

START_TEST(fb_placement_slots)
{
	struct nvgsp_vgpu_res_config c = cfg_of(16);
	struct nvgsp_vgpu_res *res = make(&pf, &c);
	static struct nvgsp_vgpu_fb_grant g[4], h, k;
	static struct snap s;
	int i;

	/* Three slots of 16 / 3 = 5 segments; the 16th segment is never used. */
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(fb_alloc(res, 5 * SEG, 3, &g[i]), 0);
		ck_assert_int_eq(g[i].slot, i);
		ck_assert_uint_eq(g[i].count, 1);
		ck_assert_uint_eq(g[i].ext[0].addr, BASE + 5 * i * SEG);
	}
	snap_take(res, &s);
	ck_assert_int_eq(fb_alloc(res, 5 * SEG, 3, &g[3]), -ENOSPC);
	one_line(NVGSP_LOG_WARN, "no free slot of 3 for 0xa000000 bytes");
	ck_assert_int_eq(g[3].slot, -1);
	/* Larger than a slot: a configuration error, not a full GPU. */
	ck_assert_int_eq(fb_alloc(res, 6 * SEG, 3, &h), -EINVAL);
	one_line(NVGSP_LOG_ERR, "do not fit a slot: 16 segments in 3 slots of 5 segments");
	ck_assert_int_eq(fb_alloc(res, 17 * SEG, 3, &h), -EINVAL);
	unit_log_reset();
	ck_assert_int_eq(fb_alloc(res, SEG, 17, &h), -EINVAL);
	one_line(NVGSP_LOG_ERR, "max_instance 17 is more than the 16 segments");
	snap_same(res, &s);
	/* The freed slot is the one reused. */
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &g[1]), 0);
	ck_assert_int_eq(fb_alloc(res, 5 * SEG, 3, &h), 0);
	ck_assert_int_eq(h.slot, 1);
	ck_assert_uint_eq(h.ext[0].addr, BASE + 5 * SEG);
	/* The left-over 16th segment is still there for first-fit. */
	ck_assert_int_eq(fb_alloc(res, SEG, 0, &k), 0);
	ck_assert_uint_eq(k.ext[0].addr, BASE + 15 * SEG);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &k), 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &h), 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &g[0]), 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &g[2]), 0);

	/* A smaller request sits at the start of its slot; one slot per instance. */
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(fb_alloc(res, 2 * SEG, 4, &g[i]), 0);
		ck_assert_int_eq(g[i].slot, i);
		ck_assert_uint_eq(g[i].ext[0].addr, BASE + 4 * i * SEG);
		ck_assert_uint_eq(g[i].ext[0].size, 2 * SEG);
	}
	ck_assert_int_eq(fb_alloc(res, 2 * SEG, 4, &h), -ENOSPC);
	unit_log_reset();
	/* first-fit fills the gaps between placed instances. */
	ck_assert_int_eq(fb_alloc(res, 2 * SEG, 0, &h), 0);
	ck_assert_uint_eq(h.ext[0].addr, BASE + 2 * SEG);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &g[0]), 0);
	/* A slot whose start is taken by first-fit is skipped. */
	ck_assert_int_eq(fb_alloc(res, 2 * SEG, 0, &k), 0);
	ck_assert_uint_eq(k.ext[0].addr, BASE);
	ck_assert_int_eq(fb_alloc(res, 2 * SEG, 4, &g[0]), -ENOSPC);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &k), 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &h), 0);
	for (i = 1; i < 4; i++)
		ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &g[i]), 0);
	ck_assert_uint_eq(usage(res).fb_used, 0);
	ck_assert_uint_eq(usage(res).fb_grants, 0);

	/* One slot: the whole FB. */
	ck_assert_int_eq(fb_alloc(res, 16 * SEG, 1, &h), 0);
	ck_assert_int_eq(h.slot, 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &h), 0);
	nvgsp_vgpu_res_destroy(res);
}
END_TEST

/* ---- FB against a bitmap model ---- */

#define MSEG 16

/* The model: who holds each segment (a test-side id, 0 = free). */
struct model {
	u32 nseg;
	int own[64];
};

struct mgrant {
	u32 count;
	u32 start[NVGSP_VGPU_FB_MAX_EXTENTS], len[NVGSP_VGPU_FB_MAX_EXTENTS];
};

/* What the documented policy must give, written the plainest way. */
static int model_alloc(struct model *m, u32 n, u32 slots, int id, struct mgrant *out)
{
	u32 i, j, runs = 0, freecnt = 0;

	memset(out, 0, sizeof(*out));
	if (!n)
		return -EINVAL;
	if (slots) {
		u32 ss;

		if (slots > m->nseg)
			return -EINVAL;
		ss = m->nseg / slots;
		if (n > ss)
			return -EINVAL;
		for (i = 0; i < slots; i++) {
			bool ok = true;

			for (j = i * ss; j < i * ss + n; j++)
				ok = ok && !m->own[j];
			if (ok) {
				for (j = i * ss; j < i * ss + n; j++)
					m->own[j] = id;
				out->count = 1;
				out->start[0] = i * ss;
				out->len[0] = n;
				return 0;
			}
		}
		return -ENOSPC;
	}
	if (n > m->nseg)
		return -ENOSPC;
	for (i = 0; i + n <= m->nseg; i++) {
		bool ok = true;

		for (j = i; j < i + n; j++)
			ok = ok && !m->own[j];
		/* the lowest-starting run that holds n is the first hole that does */
		if (ok && (i == 0 || m->own[i - 1])) {
			for (j = i; j < i + n; j++)
				m->own[j] = id;
			out->count = 1;
			out->start[0] = i;
			out->len[0] = n;
			return 0;
		}
	}
	for (i = 0; i < m->nseg; i++) {
		freecnt += !m->own[i];
		runs += !m->own[i] && (i == 0 || m->own[i - 1]);
	}
	if (freecnt < n)
		return -ENOSPC;
	for (i = 0, runs = 0, j = n; j && i < m->nseg; i++) {
		if (m->own[i])
			continue;
		if (!runs || out->start[runs - 1] + out->len[runs - 1] != i) {
			if (runs == NVGSP_VGPU_FB_MAX_EXTENTS) {
				for (u32 k = 0; k < m->nseg; k++)
					if (m->own[k] == id)
						m->own[k] = 0;
				memset(out, 0, sizeof(*out));
				return -ENOSPC;
			}
			out->start[runs] = i;
			out->len[runs] = 0;
			runs++;
		}
		out->len[runs - 1]++;
		m->own[i] = id;
		j--;
	}
	out->count = runs;
	return 0;
}

static void model_free(struct model *m, int id)
{
	for (u32 i = 0; i < m->nseg; i++)
		if (m->own[i] == id)
			m->own[i] = 0;
}

/* Every segment is free in the allocator exactly when it is in the model. */
static void agree_state(const struct nvgsp_vgpu_res *res, const struct model *m)
{
	struct nvgsp_vgpu_res_usage u;
	u32 i, used = 0;

	for (i = 0; i < m->nseg; i++) {
		ck_assert_int_eq(!res->owner[i], !m->own[i]);
		used += !!m->own[i];
	}
	u = usage(res);
	ck_assert_uint_eq(u.fb_used, used * res->cfg.segment);
}

/* The allocator's grant is the model's, and the whole state agrees. */
static void agree(const struct nvgsp_vgpu_res *res, const struct model *m,
		  const struct nvgsp_vgpu_fb_grant *g, const struct mgrant *mg)
{
	u64 bytes = 0;

	ck_assert_uint_eq(g->count, mg->count);
	for (u32 i = 0; i < mg->count; i++) {
		u64 addr = res->cfg.fb_base + mg->start[i] * res->cfg.segment;

		ck_assert_uint_eq(g->ext[i].addr, addr);
		ck_assert_uint_eq(g->ext[i].size, mg->len[i] * res->cfg.segment);
		bytes += g->ext[i].size;
	}
	ck_assert_uint_eq(g->bytes, bytes);
	agree_state(res, m);
}

struct live {
	int id;
	struct nvgsp_vgpu_fb_grant g;
};

/*
 * Every sequence of 4 steps over: allocate 1, 2, 3, 5, 8 or 16 segments
 * first-fit; place 3 segments in 4 slots or 7 in 2; free the oldest,
 * newest or second live grant.
 */
#define EX_OPS	11
#define EX_STEPS 4

static void exhaustive_run(u32 code)
{
	static const u32 sizes[] = { 1, 2, 3, 5, 8, 16 };
	struct nvgsp_vgpu_res_config c = cfg_of(MSEG);
	struct nvgsp_vgpu_res *res = make(NULL, &c);
	static struct live live[EX_STEPS];
	static struct mgrant mg;
	struct model m = { .nseg = MSEG };
	int nlive = 0, next_id = 1;

	for (int step = 0; step < EX_STEPS; step++, code /= EX_OPS) {
		u32 op = code % EX_OPS;

		if (op < 8) {
			u32 n = op < 6 ? sizes[op] : op == 6 ? 3 : 7;
			u32 slots = op < 6 ? 0 : op == 6 ? 4 : 2;
			struct nvgsp_vgpu_fb_grant *g = &live[nlive].g;
			int want = model_alloc(&m, n, slots, next_id, &mg);

			ck_assert_int_eq(fb_alloc(res, n * SEG, slots, g), want);
			if (!want) {
				live[nlive++].id = next_id++;
				agree(res, &m, g, &mg);
			}
		} else if (nlive) {
			int w = op == 8 ? 0 : op == 9 ? nlive - 1 : (nlive > 1);

			ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &live[w].g), 0);
			model_free(&m, live[w].id);
			memmove(&live[w], &live[w + 1], (nlive - w - 1) * sizeof(live[0]));
			nlive--;
			agree_state(res, &m);
		}
	}
	for (int i = 0; i < nlive; i++)
		ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &live[i].g), 0);
	ck_assert_uint_eq(usage(res).fb_used, 0);
	ck_assert_uint_eq(usage(res).fb_grants, 0);
	ck_assert_uint_eq(usage(res).fb_extents, 0);
	nvgsp_vgpu_res_destroy(res);
}

START_TEST(fb_exhaustive_small)
{
	u32 total = 1;

	for (int i = 0; i < EX_STEPS; i++)
		total *= EX_OPS;
	for (u32 code = 0; code < total; code++)
		exhaustive_run(code);
}
END_TEST

static u32 rnd_state;

static u32 rnd(u32 n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state % n;
}

/* 5000 seeded random operations on a 64-segment FB, mixing both modes and bogus frees. */
START_TEST(fb_random_differential)
{
	struct nvgsp_vgpu_res_config c = cfg_of(64);
	struct nvgsp_vgpu_res *res = make(NULL, &c);
	static struct live live[64];
	static struct nvgsp_vgpu_fb_grant bad;
	static struct mgrant mg;
	struct model m = { .nseg = 64 };
	int nlive = 0, next_id = 1, allocs = 0, splits = 0, refused = 0;

	rnd_state = 0x5eed1234;
	for (int op = 0; op < 5000; op++) {
		u32 r = rnd(100);

		if (r < 50 && nlive < 64) {
			u32 slots = rnd(4) ? 0 : 1 + rnd(8);
			u32 n = 1 + rnd(slots ? 64 / slots : 12);
			struct nvgsp_vgpu_fb_grant *g = &live[nlive].g;
			int want = model_alloc(&m, n, slots, next_id, &mg);

			ck_assert_int_eq(fb_alloc(res, n * SEG, slots, g), want);
			if (!want) {
				if (slots)
					ck_assert_int_eq(g->slot, mg.start[0] / (64 / slots));
				splits += g->count > 1;
				allocs++;
				live[nlive++].id = next_id++;
				agree(res, &m, g, &mg);
			}
		} else if (r < 90 && nlive) {
			int w = rnd(nlive);

			ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &live[w].g), 0);
			model_free(&m, live[w].id);
			live[w] = live[--nlive];
			agree_state(res, &m);
		} else if (nlive) {
			/* A tampered copy of a live grant is refused and changes nothing. */
			int w = rnd(nlive);

			bad = live[w].g;
			switch (rnd(4)) {
			case 0:
				bad.handle ^= 1 + rnd(7);
				break;
			case 1:
				bad.ext[rnd(bad.count)].addr += SEG;
				break;
			case 2:
				bad.ext[rnd(bad.count)].size += SEG;
				bad.bytes += SEG;
				break;
			default:
				bad.count += 1;
				break;
			}
			ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &bad), -EINVAL);
			refused++;
			agree_state(res, &m);
		}
	}
	/* The run exercised what it claims to. */
	ck_assert_int_gt(allocs, 500);
	ck_assert_int_gt(splits, 10);
	ck_assert_int_gt(refused, 100);
	while (nlive) {
		ck_assert_int_eq(nvgsp_vgpu_fb_free(res, &live[--nlive].g), 0);
	}
	ck_assert_uint_eq(usage(res).fb_used, 0);
	ck_assert_uint_eq(usage(res).fb_extents, 0);
	nvgsp_vgpu_res_destroy(res);
}
END_TEST

/* ---- channel IDs ---- */

START_TEST(chid_boundaries)
{
	struct nvgsp_vgpu_res_config c = cfg_of(16);
	struct nvgsp_vgpu_res *res;
	static struct nvgsp_vgpu_chid_grant a, b, d, e, bad;
	static struct snap s;

	c.num_engines = 3;
	c.chid_total[1] = 2048;
	c.chid_host_reserved[1] = 0;
	c.chid_total[2] = 1024;
	c.chid_host_reserved[2] = 1000;
	c.max_vgpus = 4;
	res = make(&pf, &c);

	snap_take(res, &s);
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 0, &a), -EINVAL);
	one_line(NVGSP_LOG_ERR, "request of 0 channels");
	/* Engine 2's pool is [1000, 1024): 24 IDs. */
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 25, &a), -EINVAL);
	one_line(NVGSP_LOG_ERR, "request of 25 channels exceeds engine 2's vGPU pool [1000, 1024)");
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, ~0u, &a), -EINVAL);
	unit_log_reset();
	ck_assert_uint_eq(a.handle, 0);
	snap_same(res, &s);

	/* A range ending exactly at total in engine 2: its last ID, 1023, is granted. */
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 24, &a), 0);
	ck_assert_uint_eq(a.count, 24);
	ck_assert_uint_eq(a.num_engines, 3);
	ck_assert_uint_eq(a.first[0], 512);	/* the first vGPU ID */
	ck_assert_uint_eq(a.first[1], 0);
	ck_assert_uint_eq(a.first[2], 1000);
	ck_assert_uint_eq(a.first[2] + a.count - 1, 1023);
	ck_assert_uint_eq(a.first[3], 0);
	/* One more ID anywhere runs engine 2 out. */
	snap_take(res, &s);
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 1, &b), -ENOSPC);
	one_line(NVGSP_LOG_WARN, "engine 2 has no 1 free channels in [1000, 1024)");
	snap_same(res, &s);
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &a), 0);
	ck_assert_uint_eq(usage(res).chid_used, 0);
	nvgsp_vgpu_res_destroy(res);

	/* One engine: ranges of 512 from 512 fill [512, 2048) exactly. */
	c = cfg_of(16);
	c.max_vgpus = 4;
	res = make(&pf, &c);
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 1536, &a), 0);
	ck_assert_uint_eq(a.first[0], 512);
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 1, &b), -ENOSPC);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 1537, &b), -EINVAL);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &a), 0);
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 512, &a), 0);
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 512, &b), 0);
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 512, &d), 0);
	ck_assert_uint_eq(a.first[0], 512);
	ck_assert_uint_eq(b.first[0], 1024);
	ck_assert_uint_eq(d.first[0], 1536);
	ck_assert_uint_eq(usage(res).chid_used, 1536);
	/* The middle freed is the one reused; a larger request does not fit it. */
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &b), 0);
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 513, &b), -ENOSPC);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 256, &b), 0);
	ck_assert_uint_eq(b.first[0], 1024);

	/* Frees that are not exactly a live grant are refused and change nothing. */
	snap_take(res, &s);
	bad = b;
	bad.first[0]++;
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &bad), -EINVAL);
	one_line(NVGSP_LOG_ERR, "free: grant");
	bad = b;
	bad.count = 512;
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &bad), -EINVAL);
	unit_log_reset();
	bad = b;
	bad.handle = 0;
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &bad), -EINVAL);
	unit_log_reset();
	bad = b;
	bad.handle = a.handle;
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &bad), -EINVAL);
	unit_log_reset();
	bad = b;
	bad.first[95] = 1;
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &bad), -EINVAL);
	unit_log_reset();
	snap_same(res, &s);
	bad = b;
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &b), 0);
	ck_assert_uint_eq(b.handle, 0);
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &bad), -EINVAL);	/* twice */
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &b), -EINVAL);
	unit_log_reset();

	/* max_vgpus live grants, then -ENOSPC even with IDs left. */
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 1, &b), 0);
	ck_assert_uint_eq(b.first[0], 1024);
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 1, &bad), 0);
	ck_assert_uint_eq(bad.first[0], 1025);
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 1, &e), -ENOSPC);
	one_line(NVGSP_LOG_WARN, "4 channel grants are live already (max_vgpus)");
	ck_assert_uint_eq(usage(res).chid_grants, 4);
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &a), 0);
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &b), 0);
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &d), 0);
	ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &bad), 0);
	ck_assert_uint_eq(usage(res).chid_grants, 0);
	ck_assert_uint_eq(usage(res).chid_used, 0);
	nvgsp_vgpu_res_destroy(res);
	ck_assert_str_eq(unit_log, "");
}
END_TEST

/* The widest pool: IDs up to 65535, ranges never overlap, every ID reachable. */
START_TEST(chid_random_disjoint)
{
	struct nvgsp_vgpu_res_config c = cfg_of(16);
	struct nvgsp_vgpu_res *res;
	static struct nvgsp_vgpu_chid_grant g[16];
	static u8 used[2][NVGSP_VGPU_CHID_MAX];
	int live = 0, i, ok = 0;

	c.num_engines = 2;
	c.chid_total[0] = NVGSP_VGPU_CHID_MAX;
	c.chid_host_reserved[0] = NVGSP_VGPU_CHID_MAX - 4096;
	c.chid_total[1] = 4096;
	c.chid_host_reserved[1] = 0;
	c.max_vgpus = 16;
	res = make(NULL, &c);
	rnd_state = 0xc41d;
	for (int op = 0; op < 3000; op++) {
		if (live < 16 && rnd(2)) {
			u32 n = 1 + rnd(700);
			int ret = nvgsp_vgpu_chid_alloc(res, n, &g[live]);

			ck_assert(ret == 0 || ret == -ENOSPC);
			if (ret)
				continue;
			for (u32 e = 0; e < 2; e++) {
				ck_assert_uint_ge(g[live].first[e], c.chid_host_reserved[e]);
				ck_assert_uint_le(g[live].first[e] + n, c.chid_total[e]);
				for (u32 id = g[live].first[e]; id < g[live].first[e] + n; id++) {
					ck_assert(!used[e][id]);
					used[e][id] = 1;
				}
			}
			live++;
			ok++;
		} else if (live) {
			i = rnd(live);
			for (u32 e = 0; e < 2; e++)
				for (u32 id = g[i].first[e]; id < g[i].first[e] + g[i].count; id++)
					used[e][id] = 0;
			ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &g[i]), 0);
			g[i] = g[--live];
		}
	}
	ck_assert_int_gt(ok, 300);
	while (live)
		ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &g[--live]), 0);
	ck_assert_uint_eq(usage(res).chid_used, 0);
	nvgsp_vgpu_res_destroy(res);
}
END_TEST

/*
 * Engines configured alike get the same first ID in every engine, whatever
 * the order of allocations and frees: what the RFC passes (one chid_offset
 * for every engine) and what NVIDIA's RM asks for ("reserve same chid").
 */
START_TEST(chid_same_in_every_engine)
{
	struct nvgsp_vgpu_res_config c = cfg_of(16);
	struct nvgsp_vgpu_res *res;
	static struct nvgsp_vgpu_chid_grant g[32];
	int live = 0, ok = 0;

	c.num_engines = 0x54;
	for (u32 e = 0; e < c.num_engines; e++) {
		c.chid_total[e] = 2048;
		c.chid_host_reserved[e] = 512;
	}
	res = make(NULL, &c);
	rnd_state = 0xe4e;
	for (int op = 0; op < 2000; op++) {
		if (live < 32 && rnd(2)) {
			u32 n = 1u << rnd(8);

			if (nvgsp_vgpu_chid_alloc(res, n, &g[live]))
				continue;
			for (u32 e = 1; e < c.num_engines; e++)
				ck_assert_uint_eq(g[live].first[e], g[live].first[0]);
			for (u32 e = c.num_engines; e < NVGSP_VGPU_MAX_ENGINES; e++)
				ck_assert_uint_eq(g[live].first[e], 0);
			live++;
			ok++;
		} else if (live) {
			int i = rnd(live);

			ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &g[i]), 0);
			g[i] = g[--live];
		}
	}
	ck_assert_int_gt(ok, 300);
	while (live)
		ck_assert_int_eq(nvgsp_vgpu_chid_free(res, &g[--live]), 0);
	ck_assert_uint_eq(usage(res).chid_grants, 0);
	nvgsp_vgpu_res_destroy(res);
}
END_TEST

/* ---- the management heap ---- */

/*
 * Each release's fixed regions, from its spec: 535.113.01 has no kernel log
 * (RFC v1), 570.144 adds 64 KiB after the vGPU-task log (RFC v2).
 */
static const struct {
	const char *release;
	u64 kernel_log, fixed;
} heap_rows[] = {
	{ "535.113.01", 0, 0x264000 },
	{ "570.144", 0x10000, 0x274000 },
};

START_TEST(heap_layout)
{
	const u64 fixed = heap_rows[_i].fixed;
	struct nvgsp_vgpu_heap_sizes hs;
	struct nvgsp_vgpu_heap_layout l;
	char want[160];

	ck_assert_int_eq(nvgsp_vgpu_heap_sizes(&pf, nvgsp_abi_find(heap_rows[_i].release), &hs), 0);
	ck_assert_int_eq(nvgsp_vgpu_heap_layout(&pf, &hs, 32 * MIB, &l), 0);
	ck_assert_str_eq(unit_log, "");
	ck_assert_uint_eq(l.ctrl.offset, 0);
	ck_assert_uint_eq(l.ctrl.size, 0x1000);
	ck_assert_uint_eq(l.response.offset, 0x1000);
	ck_assert_uint_eq(l.response.size, 0x1000);
	ck_assert_uint_eq(l.message.offset, 0x2000);
	ck_assert_uint_eq(l.message.size, 0x1000);
	ck_assert_uint_eq(l.migration.offset, 0x3000);
	ck_assert_uint_eq(l.migration.size, 0x200000);
	ck_assert_uint_eq(l.error.offset, 0x203000);
	ck_assert_uint_eq(l.error.size, 0x1000);
	ck_assert_uint_eq(l.init_task_log.offset, 0x204000);	/* RFC v2's init_task_log_offset */
	ck_assert_uint_eq(l.init_task_log.size, 0x20000);
	ck_assert_uint_eq(l.vgpu_task_log.offset, 0x224000);
	ck_assert_uint_eq(l.vgpu_task_log.size, 0x40000);
	ck_assert_uint_eq(l.kernel_log.offset, 0x264000);
	ck_assert_uint_eq(l.kernel_log.size, heap_rows[_i].kernel_log);
	ck_assert_uint_eq(l.comm.offset, 0);
	ck_assert_uint_eq(l.comm.size, fixed);
	ck_assert_uint_eq(l.plugin_heap.offset, fixed);
	ck_assert_uint_eq(l.plugin_heap.size, 32 * MIB - fixed);
	ck_assert_uint_eq(l.total, 32 * MIB);

	/* The smallest heap accepted, and one page less. */
	ck_assert_int_eq(nvgsp_vgpu_heap_layout(&pf, &hs, fixed + 4 * MIB, &l), 0);
	ck_assert_uint_eq(l.plugin_heap.size, NVGSP_VGPU_HEAP_PLUGIN_MIN);
	ck_assert_int_eq(nvgsp_vgpu_heap_layout(&pf, &hs, fixed + 4 * MIB - 4096, &l), -EINVAL);
	snprintf(want, sizeof(want),
		 "management heap size 0x%llx is below 0x%llx (fixed regions 0x%llx + plugin heap 0x400000)",
		 fixed + 4 * MIB - 4096, fixed + 4 * MIB, fixed);
	one_line(NVGSP_LOG_ERR, want);
	ck_assert_uint_eq(l.total, 0);
	ck_assert_uint_eq(l.plugin_heap.size, 0);
	ck_assert_int_eq(nvgsp_vgpu_heap_layout(&pf, &hs, 0, &l), -EINVAL);
	unit_log_reset();
	/* 32 instead of 32 MiB: a size read in the wrong unit. */
	ck_assert_int_eq(nvgsp_vgpu_heap_layout(&pf, &hs, 32, &l), -EINVAL);
	one_line(NVGSP_LOG_ERR, "management heap size 0x20 is not a whole number of 4 KiB pages");
	ck_assert_int_eq(nvgsp_vgpu_heap_layout(NULL, &hs, 32 * MIB + 1, &l), -EINVAL);
	ck_assert_str_eq(unit_log, "");
	/* The largest: no overflow. */
	ck_assert_int_eq(nvgsp_vgpu_heap_layout(&pf, &hs, U64MAX & ~0xfffull, &l), 0);
	ck_assert_uint_eq(l.plugin_heap.offset + l.plugin_heap.size, U64MAX & ~0xfffull);
}
END_TEST

/* Region sizes that are not whole pages, 0 where not allowed, or huge are refused. */
START_TEST(heap_bad_sizes)
{
	struct nvgsp_vgpu_heap_sizes hs, bad;
	struct nvgsp_vgpu_heap_layout l;

	ck_assert_int_eq(nvgsp_vgpu_heap_sizes(NULL, nvgsp_abi_find("570.144"), &hs), 0);
	bad = hs;
	bad.migration += 1;
	ck_assert_int_eq(nvgsp_vgpu_heap_layout(&pf, &bad, 32 * MIB, &l), -EINVAL);
	one_line(NVGSP_LOG_ERR,
		 "management heap region vgpu.rpc.migration_size 0x200001 is not 1..0x100000000 whole pages");
	bad = hs;
	bad.ctrl = 0;
	ck_assert_int_eq(nvgsp_vgpu_heap_layout(&pf, &bad, 32 * MIB, &l), -EINVAL);
	one_line(NVGSP_LOG_ERR, "vgpu.rpc.ctrl_size 0x0");
	/* Eight regions of U64_MAX would wrap the sum: each is bounded first. */
	memset(&bad, 0xff, sizeof(bad));
	bad.ctrl = U64MAX & ~0xfffull;
	ck_assert_int_eq(nvgsp_vgpu_heap_layout(&pf, &bad, U64MAX & ~0xfffull, &l), -EINVAL);
	one_line(NVGSP_LOG_ERR, "vgpu.rpc.ctrl_size 0xfffffffffffff000");
	bad = hs;
	bad.vgpu_task_log = NVGSP_VGPU_HEAP_REGION_MAX;
	ck_assert_int_eq(nvgsp_vgpu_heap_layout(&pf, &bad, 8ull << 30, &l), 0);
	ck_assert_uint_eq(l.kernel_log.offset, 0x224000 + NVGSP_VGPU_HEAP_REGION_MAX);
	bad.kernel_log = 0;
	ck_assert_int_eq(nvgsp_vgpu_heap_layout(&pf, &bad, 8ull << 30, &l), 0);
	ck_assert_uint_eq(l.kernel_log.size, 0);
	ck_assert_uint_eq(l.plugin_heap.offset, l.kernel_log.offset);
	ck_assert_str_eq(unit_log, "");
}
END_TEST

/* destroy() with grants live says so once. */
START_TEST(destroy_with_live_grants)
{
	struct nvgsp_vgpu_res_config c = cfg_of(16);
	struct nvgsp_vgpu_res *res = make(&pf, &c);
	static struct nvgsp_vgpu_fb_grant g;
	static struct nvgsp_vgpu_chid_grant h;

	ck_assert_int_eq(fb_alloc(res, SEG, 0, &g), 0);
	ck_assert_int_eq(nvgsp_vgpu_chid_alloc(res, 8, &h), 0);
	nvgsp_vgpu_res_destroy(res);
	one_line(NVGSP_LOG_WARN, "destroyed with 1 FB and 1 channel grants live");
}
END_TEST

Suite *nvgsp_suite_vgpu_res(void)
{
	Suite *s = suite_create("vgpu_res");
	TCase *tc;

	tc = tcase_create("create");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, create_segment_sizes);
	tcase_add_test(tc, create_fb_ranges);
	tcase_add_test(tc, create_chid_and_limits);
	tcase_add_test(tc, destroy_with_live_grants);
	suite_add_tcase(s, tc);

	tc = tcase_create("fb");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, fb_request_sizes);
	tcase_add_test(tc, fb_free_refusals);
	tcase_add_test(tc, fb_fragmentation);
	tcase_add_test(tc, fb_extent_limit);
	tcase_add_test(tc, fb_placement_slots);
	suite_add_tcase(s, tc);

	tc = tcase_create("fb_model");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, fb_exhaustive_small);
	tcase_add_test(tc, fb_random_differential);
	suite_add_tcase(s, tc);

	tc = tcase_create("chid");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, chid_boundaries);
	tcase_add_test(tc, chid_random_disjoint);
	tcase_add_test(tc, chid_same_in_every_engine);
	suite_add_tcase(s, tc);

	tc = tcase_create("heap");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_loop_test(tc, heap_layout, 0, ARRAY_SIZE(heap_rows));
	tcase_add_test(tc, heap_bad_sizes);
	suite_add_tcase(s, tc);
	return s;
}
