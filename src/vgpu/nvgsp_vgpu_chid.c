// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vgpu_chid.c - per-engine channel-ID ranges for vGPUs (see
 * nvgsp_vgpu_res.h and Documentation/vgpu-resources.rst).
 *
 * The allocator keeps a copy of every live grant (at most max_vgpus) and
 * nothing else: an engine's used IDs are the ranges in those copies. A
 * free range is the lowest start, among the pool's first ID and the ends of
 * the live ranges, that fits without overlapping one; a grant handed back
 * must equal a copy exactly. Ranges are [first, first + count) with
 * first + count <= total <= NVGSP_VGPU_CHID_MAX, so no sum overflows; the
 * bound of every walk is first + count, never count alone (the RFC's
 * reservation loop was bounded by count).
 */
#include "vgpu/nvgsp_vgpu_res.h"

#define chid_refuse(res, level, fmt, ...)					\
	do {									\
		if ((res)->dev)							\
			nvgsp_os_log((res)->dev, (level), 0, "vGPU channels: " fmt,	\
				     ##__VA_ARGS__);				\
	} while (0)

/* [start, start + count) overlaps no live range in engine @e. */
static bool chid_range_free(const struct nvgsp_vgpu_res *res, u32 e, u32 start, u32 count)
{
	u32 i;

	for (i = 0; i < res->cfg.max_vgpus; i++) {
		const struct nvgsp_vgpu_chid_grant *g = &res->chid[i];

		if (g->handle && start < g->first[e] + g->count && g->first[e] < start + count)
			return false;
	}
	return true;
}

/* The lowest free start of @count IDs in engine @e, or -ENOSPC. */
static s64 chid_find(const struct nvgsp_vgpu_res *res, u32 e, u32 count)
{
	u32 lo = res->cfg.chid_host_reserved[e], hi = res->cfg.chid_total[e], i;
	s64 best = -ENOSPC;

	if (chid_range_free(res, e, lo, count))
		return lo;
	for (i = 0; i < res->cfg.max_vgpus; i++) {
		const struct nvgsp_vgpu_chid_grant *g = &res->chid[i];
		u32 start = g->first[e] + g->count;

		if (!g->handle || start > hi || count > hi - start)
			continue;
		if ((best < 0 || start < best) && chid_range_free(res, e, start, count))
			best = start;
	}
	return best;
}

static u32 chid_new_handle(struct nvgsp_vgpu_res *res)
{
	u32 i, h;

	for (;;) {
		h = res->chid_next++;
		if (!res->chid_next)
			res->chid_next = 1;
		if (!h)
			continue;
		for (i = 0; i < res->cfg.max_vgpus; i++)
			if (res->chid[i].handle == h)
				break;
		if (i == res->cfg.max_vgpus)
			return h;
	}
}

int nvgsp_vgpu_chid_alloc(struct nvgsp_vgpu_res *res, u32 count,
			  struct nvgsp_vgpu_chid_grant *grant)
{
	struct nvgsp_vgpu_chid_grant g;
	u32 e, slot;
	s64 first;

	memset(grant, 0, sizeof(*grant));
	if (!count) {
		chid_refuse(res, NVGSP_LOG_ERR, "request of 0 channels");
		return -EINVAL;
	}
	for (e = 0; e < res->cfg.num_engines; e++) {
		u32 pool = res->cfg.chid_total[e] - res->cfg.chid_host_reserved[e];

		if (count > pool) {
			chid_refuse(res, NVGSP_LOG_ERR,
				    "request of %u channels exceeds engine %u's vGPU pool [%u, %u)",
				    count, e, res->cfg.chid_host_reserved[e],
				    res->cfg.chid_total[e]);
			return -EINVAL;
		}
	}
	for (slot = 0; slot < res->cfg.max_vgpus; slot++)
		if (!res->chid[slot].handle)
			break;
	if (slot == res->cfg.max_vgpus) {
		chid_refuse(res, NVGSP_LOG_WARN, "%u channel grants are live already (max_vgpus)",
			    res->cfg.max_vgpus);
		return -ENOSPC;
	}
	memset(&g, 0, sizeof(g));
	for (e = 0; e < res->cfg.num_engines; e++) {
		first = chid_find(res, e, count);
		if (first < 0) {
			chid_refuse(res, NVGSP_LOG_WARN,
				    "engine %u has no %u free channels in [%u, %u)", e, count,
				    res->cfg.chid_host_reserved[e], res->cfg.chid_total[e]);
			return -ENOSPC;
		}
		g.first[e] = first;
	}
	g.handle = chid_new_handle(res);
	g.count = count;
	g.num_engines = res->cfg.num_engines;
	res->chid[slot] = g;
	res->chid_grants++;
	res->chid_used += count;
	*grant = g;
	return 0;
}

int nvgsp_vgpu_chid_free(struct nvgsp_vgpu_res *res, struct nvgsp_vgpu_chid_grant *grant)
{
	u32 i;

	if (grant->handle) {
		for (i = 0; i < res->cfg.max_vgpus; i++) {
			struct nvgsp_vgpu_chid_grant *g = &res->chid[i];

			if (g->handle != grant->handle)
				continue;
			if (memcmp(g, grant, sizeof(*g)))
				break;
			res->chid_grants--;
			res->chid_used -= g->count;
			memset(g, 0, sizeof(*g));
			memset(grant, 0, sizeof(*grant));
			return 0;
		}
	}
	chid_refuse(res, NVGSP_LOG_ERR,
		    "free: grant %u of %u channels (engine 0 first %u) is not a live grant",
		    grant->handle, grant->count, grant->first[0]);
	return -EINVAL;
}
