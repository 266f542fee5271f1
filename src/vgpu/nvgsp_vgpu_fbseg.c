// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vgpu_fbseg.c - guest FB in VMMU segments (see nvgsp_vgpu_res.h and
 * Documentation/vgpu-resources.rst).
 *
 * The allocator keeps, per segment, the handle of the grant that holds it
 * (0: free). That one array answers both questions the manager asks: where
 * is free FB, and is this grant, handed back, exactly one we gave out. All
 * arithmetic is on segment indices (u32, at most NVGSP_VGPU_FB_MAX_SEGMENTS),
 * so addresses are formed only from in-range indices and cannot overflow.
 */
#include "vgpu/nvgsp_vgpu_res.h"

#define fb_refuse(res, level, fmt, ...)						\
	do {									\
		if ((res)->dev)							\
			nvgsp_os_log((res)->dev, (level), 0, "vGPU FB: " fmt,	\
				     ##__VA_ARGS__);				\
	} while (0)

static u64 fb_addr(const struct nvgsp_vgpu_res *res, u32 seg)
{
	return res->cfg.fb_base + ((u64)seg << res->seg_shift);
}

/* The number of segments held by @handle. */
static u32 fb_held_by(const struct nvgsp_vgpu_res *res, u32 handle)
{
	u32 i, n = 0;

	for (i = 0; i < res->nseg; i++)
		n += res->owner[i] == handle;
	return n;
}

/* A handle no live grant has: handles count up from 1 and skip 0 on wrap. */
static u32 fb_new_handle(struct nvgsp_vgpu_res *res)
{
	for (;;) {
		u32 h = res->fb_next++;

		if (!res->fb_next)
			res->fb_next = 1;
		if (h && !fb_held_by(res, h))
			return h;
	}
}

/* The free run starting at or after @from: its start in *@start, its length returned. */
static u32 fb_next_run(const struct nvgsp_vgpu_res *res, u32 from, u32 *start)
{
	u32 i = from, s;

	while (i < res->nseg && res->owner[i])
		i++;
	s = i;
	while (i < res->nseg && !res->owner[i])
		i++;
	*start = s;
	return i - s;
}

static bool fb_range_free(const struct nvgsp_vgpu_res *res, u32 start, u32 n)
{
	u32 i;

	for (i = start; i < start + n; i++)
		if (res->owner[i])
			return false;
	return true;
}

/* Record [start, start + n) as the grant's next extent, held by its handle. */
static void fb_take(struct nvgsp_vgpu_res *res, struct nvgsp_vgpu_fb_grant *g, u32 start, u32 n)
{
	u32 i;

	for (i = start; i < start + n; i++)
		res->owner[i] = g->handle;
	g->ext[g->count].addr = fb_addr(res, start);
	g->ext[g->count].size = (u64)n << res->seg_shift;
	g->count++;
	g->bytes += (u64)n << res->seg_shift;
}

/* Homogeneous placement: the lowest of @slots equal slots whose first @n segments are free. */
static int fb_alloc_slot(struct nvgsp_vgpu_res *res, u32 n, u32 slots,
			 struct nvgsp_vgpu_fb_grant *g)
{
	u32 slot_segs = res->nseg / slots, k;

	if (!slot_segs || n > slot_segs) {
		fb_refuse(res, NVGSP_LOG_ERR,
			  "0x%llx bytes do not fit a slot: %u segments in %u slots of %u segments",
			  (u64)n << res->seg_shift, res->nseg, slots, slot_segs);
		return -EINVAL;
	}
	for (k = 0; k < slots; k++) {
		if (fb_range_free(res, k * slot_segs, n)) {
			g->handle = fb_new_handle(res);
			g->slot = k;
			fb_take(res, g, k * slot_segs, n);
			return 0;
		}
	}
	fb_refuse(res, NVGSP_LOG_WARN, "no free slot of %u for 0x%llx bytes", slots,
		  (u64)n << res->seg_shift);
	return -ENOSPC;
}

/* First-fit: one extent when a run holds @n; else runs in address order. */
static int fb_alloc_first_fit(struct nvgsp_vgpu_res *res, u32 n, struct nvgsp_vgpu_fb_grant *g)
{
	u32 from = 0, start, len, left, runs = 0;

	while ((len = fb_next_run(res, from, &start))) {
		if (len >= n) {
			g->handle = fb_new_handle(res);
			fb_take(res, g, start, n);
			return 0;
		}
		from = start + len;
	}
	if (res->nseg - res->fb_used_segs < n) {
		fb_refuse(res, NVGSP_LOG_WARN, "0x%llx bytes requested, 0x%llx free",
			  (u64)n << res->seg_shift,
			  (u64)(res->nseg - res->fb_used_segs) << res->seg_shift);
		return -ENOSPC;
	}
	/* Count the runs needed before taking any, so a refusal changes nothing. */
	for (from = 0, left = n; left; from = start + len, runs++) {
		len = fb_next_run(res, from, &start);
		left -= len < left ? len : left;
	}
	if (runs > NVGSP_VGPU_FB_MAX_EXTENTS) {
		fb_refuse(res, NVGSP_LOG_WARN,
			  "0x%llx bytes would take %u free runs, more than %u extents",
			  (u64)n << res->seg_shift, runs, NVGSP_VGPU_FB_MAX_EXTENTS);
		return -ENOSPC;
	}
	g->handle = fb_new_handle(res);
	for (from = 0, left = n; left; from = start + len) {
		len = fb_next_run(res, from, &start);
		if (len > left)
			len = left;
		fb_take(res, g, start, len);
		left -= len;
	}
	return 0;
}

int nvgsp_vgpu_fb_alloc(struct nvgsp_vgpu_res *res, const struct nvgsp_vgpu_fb_request *req,
			struct nvgsp_vgpu_fb_grant *grant)
{
	u64 seg_mask = res->cfg.segment - 1, nseg64;
	int ret;

	memset(grant, 0, sizeof(*grant));
	grant->slot = -1;
	if (!req->bytes || (req->bytes & seg_mask)) {
		fb_refuse(res, NVGSP_LOG_ERR,
			  "request of 0x%llx bytes is not a whole, non-zero number of 0x%llx segments",
			  req->bytes, res->cfg.segment);
		return -EINVAL;
	}
	nseg64 = req->bytes >> res->seg_shift;
	if (req->max_instance && req->max_instance > res->nseg) {
		fb_refuse(res, NVGSP_LOG_ERR, "max_instance %u is more than the %u segments",
			  req->max_instance, res->nseg);
		return -EINVAL;
	}
	if (nseg64 > res->nseg) {
		if (req->max_instance) {
			fb_refuse(res, NVGSP_LOG_ERR, "0x%llx bytes exceed a slot of the 0x%llx FB",
				  req->bytes, res->cfg.fb_size);
			return -EINVAL;
		}
		fb_refuse(res, NVGSP_LOG_WARN, "0x%llx bytes requested, the FB is 0x%llx",
			  req->bytes, res->cfg.fb_size);
		return -ENOSPC;
	}
	if (req->max_instance)
		ret = fb_alloc_slot(res, nseg64, req->max_instance, grant);
	else
		ret = fb_alloc_first_fit(res, nseg64, grant);
	if (ret) {
		memset(grant, 0, sizeof(*grant));
		grant->slot = -1;
		return ret;
	}
	res->fb_grants++;
	res->fb_extents += grant->count;
	res->fb_used_segs += nseg64;
	return 0;
}

/*
 * @g is exactly a live grant: its extents are in range, aligned, in
 * increasing address order with a gap between each two (as the allocator
 * makes them), every segment is held by @g's handle, and the handle holds
 * no other segment. Sets *@segs to the segments it holds.
 */
static int fb_check_grant(const struct nvgsp_vgpu_res *res, const struct nvgsp_vgpu_fb_grant *g,
			  u32 *segs)
{
	u64 mask = res->cfg.segment - 1, total = 0;
	u32 i, j, n = 0, prev_end = 0;

	if (!g->handle || !g->count || g->count > NVGSP_VGPU_FB_MAX_EXTENTS) {
		fb_refuse(res, NVGSP_LOG_ERR, "free: grant handle %u with %u extents is not live",
			  g->handle, g->count);
		return -EINVAL;
	}
	for (i = 0; i < g->count; i++) {
		const struct nvgsp_vgpu_fb_extent *e = &g->ext[i];
		u64 off = e->addr - res->cfg.fb_base;
		u32 s, len;

		if (e->addr < res->cfg.fb_base || off >= res->cfg.fb_size || !e->size ||
		    e->size > res->cfg.fb_size - off || ((off | e->size) & mask)) {
			fb_refuse(res, NVGSP_LOG_ERR,
				  "free: grant %u extent %u (0x%llx, 0x%llx) is outside the FB or misaligned",
				  g->handle, i, e->addr, e->size);
			return -EINVAL;
		}
		s = off >> res->seg_shift;
		len = e->size >> res->seg_shift;
		if (i && s <= prev_end) {
			fb_refuse(res, NVGSP_LOG_ERR,
				  "free: grant %u extent %u at 0x%llx is not after extent %u",
				  g->handle, i, e->addr, i - 1);
			return -EINVAL;
		}
		for (j = s; j < s + len; j++) {
			if (res->owner[j] != g->handle) {
				fb_refuse(res, NVGSP_LOG_ERR,
					  "free: segment at 0x%llx of grant %u is not held by it",
					  fb_addr(res, j), g->handle);
				return -EINVAL;
			}
		}
		prev_end = s + len;
		n += len;
		total += e->size;
	}
	if (total != g->bytes || fb_held_by(res, g->handle) != n) {
		fb_refuse(res, NVGSP_LOG_ERR,
			  "free: grant %u lists 0x%llx bytes (says 0x%llx), not what was granted",
			  g->handle, total, g->bytes);
		return -EINVAL;
	}
	*segs = n;
	return 0;
}

int nvgsp_vgpu_fb_free(struct nvgsp_vgpu_res *res, struct nvgsp_vgpu_fb_grant *grant)
{
	u32 i, segs;
	int ret;

	ret = fb_check_grant(res, grant, &segs);
	if (ret)
		return ret;
	for (i = 0; i < res->nseg; i++)
		if (res->owner[i] == grant->handle)
			res->owner[i] = 0;
	res->fb_grants--;
	res->fb_extents -= grant->count;
	res->fb_used_segs -= segs;
	memset(grant, 0, sizeof(*grant));
	grant->slot = -1;
	return 0;
}
