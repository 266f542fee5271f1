// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vgpu_res.c - creating the vGPU resource allocators, their counters,
 * and the management heap's layout (see nvgsp_vgpu_res.h and
 * Documentation/vgpu-resources.rst). The FB segment allocator is in
 * nvgsp_vgpu_fbseg.c, the channel-ID pool in nvgsp_vgpu_chid.c.
 */
#include "vgpu/nvgsp_vgpu_res.h"

#define RES_U64_MAX	(~0ull)

/* log2 of @v, or -1 when @v is not a power of two. */
static int res_log2(u64 v)
{
	int s = 0;

	if (!v || (v & (v - 1)))
		return -1;
	while (!(v & 1)) {
		v >>= 1;
		s++;
	}
	return s;
}

/* One refusal line, when there is a device to name. */
#define res_refuse(dev, fmt, ...)						\
	do {									\
		if (dev)							\
			nvgsp_os_log((dev), NVGSP_LOG_ERR, 0, "vGPU resources: " fmt,	\
				     ##__VA_ARGS__);					\
	} while (0)

/* The aligned interior of [base, base + size), in whole segments. */
static int res_check_fb(struct nvgsp_os_device *dev, const struct nvgsp_vgpu_res_config *cfg,
			u32 shift, u64 *first_seg, u32 *nseg)
{
	u64 seg = cfg->segment, lo, hi, n;

	if (cfg->fb_size > RES_U64_MAX - cfg->fb_base) {
		res_refuse(dev, "FB range base 0x%llx size 0x%llx passes the end of the address space",
			   cfg->fb_base, cfg->fb_size);
		return -EINVAL;
	}
	/* Round base up and the end down, without overflowing either. */
	lo = (cfg->fb_base >> shift) + !!(cfg->fb_base & (seg - 1));
	hi = (cfg->fb_base + cfg->fb_size) >> shift;
	n = hi > lo ? hi - lo : 0;
	if (!n || n > NVGSP_VGPU_FB_MAX_SEGMENTS) {
		res_refuse(dev,
			   "FB range base 0x%llx size 0x%llx holds %llu whole segments of 0x%llx (1..%u)",
			   cfg->fb_base, cfg->fb_size, n, seg, NVGSP_VGPU_FB_MAX_SEGMENTS);
		return -EINVAL;
	}
	*first_seg = lo;
	*nseg = n;
	return 0;
}

static int res_check_chid(struct nvgsp_os_device *dev, const struct nvgsp_vgpu_res_config *cfg)
{
	u32 e;

	if (!cfg->num_engines || cfg->num_engines > NVGSP_VGPU_MAX_ENGINES) {
		res_refuse(dev, "num_engines %u (1..%u)", cfg->num_engines,
			   NVGSP_VGPU_MAX_ENGINES);
		return -EINVAL;
	}
	for (e = 0; e < cfg->num_engines; e++) {
		if (!cfg->chid_total[e] || cfg->chid_total[e] > NVGSP_VGPU_CHID_MAX) {
			res_refuse(dev, "engine %u: chid_total %u (1..%u)", e, cfg->chid_total[e],
				   NVGSP_VGPU_CHID_MAX);
			return -EINVAL;
		}
		if (cfg->chid_host_reserved[e] >= cfg->chid_total[e]) {
			res_refuse(dev,
				   "engine %u: chid_host_reserved %u leaves no ID of chid_total %u for vGPUs",
				   e, cfg->chid_host_reserved[e], cfg->chid_total[e]);
			return -EINVAL;
		}
	}
	if (!cfg->max_vgpus || cfg->max_vgpus > NVGSP_VGPU_MAX_VGPUS) {
		res_refuse(dev, "max_vgpus %u (1..%u)", cfg->max_vgpus, NVGSP_VGPU_MAX_VGPUS);
		return -EINVAL;
	}
	return 0;
}

int nvgsp_vgpu_res_create(struct nvgsp_os_device *dev, const struct nvgsp_vgpu_res_config *cfg,
			  struct nvgsp_vgpu_res **out)
{
	struct nvgsp_vgpu_res *res;
	u64 first_seg;
	u32 nseg;
	int shift, ret;

	shift = res_log2(cfg->segment);
	if (shift < 0 || cfg->segment < NVGSP_VGPU_SEGMENT_MIN ||
	    cfg->segment > NVGSP_VGPU_SEGMENT_MAX) {
		res_refuse(dev, "VMMU segment size 0x%llx is not a power of two in 0x%llx..0x%llx",
			   cfg->segment, NVGSP_VGPU_SEGMENT_MIN, NVGSP_VGPU_SEGMENT_MAX);
		return -EINVAL;
	}
	ret = res_check_fb(dev, cfg, shift, &first_seg, &nseg);
	if (ret)
		return ret;
	ret = res_check_chid(dev, cfg);
	if (ret)
		return ret;

	res = nvgsp_os_zalloc(sizeof(*res));
	if (!res)
		return -ENOMEM;
	res->owner = nvgsp_os_zalloc(nseg * sizeof(*res->owner));
	if (!res->owner)
		goto free_res;
	res->chid = nvgsp_os_zalloc(cfg->max_vgpus * sizeof(*res->chid));
	if (!res->chid)
		goto free_owner;
	res->dev = dev;
	res->cfg = *cfg;
	res->cfg.fb_base = first_seg << shift;
	res->cfg.fb_size = (u64)nseg << shift;
	res->nseg = nseg;
	res->seg_shift = shift;
	res->fb_next = 1;
	res->chid_next = 1;
	*out = res;
	return 0;

free_owner:
	nvgsp_os_free(res->owner);
free_res:
	nvgsp_os_free(res);
	return -ENOMEM;
}

void nvgsp_vgpu_res_destroy(struct nvgsp_vgpu_res *res)
{
	if (!res)
		return;
	if (res->dev && (res->fb_grants || res->chid_grants))
		nvgsp_os_log(res->dev, NVGSP_LOG_WARN, 0,
			     "vGPU resources: destroyed with %u FB and %u channel grants live",
			     res->fb_grants, res->chid_grants);
	nvgsp_os_free(res->chid);
	nvgsp_os_free(res->owner);
	nvgsp_os_free(res);
}

void nvgsp_vgpu_res_usage(const struct nvgsp_vgpu_res *res, struct nvgsp_vgpu_res_usage *out)
{
	u32 i, run = 0, best = 0;

	for (i = 0; i < res->nseg; i++) {
		run = res->owner[i] ? 0 : run + 1;
		if (run > best)
			best = run;
	}
	memset(out, 0, sizeof(*out));
	out->fb_base = res->cfg.fb_base;
	out->fb_size = res->cfg.fb_size;
	out->fb_used = (u64)res->fb_used_segs << res->seg_shift;
	out->fb_free = out->fb_size - out->fb_used;
	out->fb_largest_free = (u64)best << res->seg_shift;
	out->fb_grants = res->fb_grants;
	out->fb_extents = res->fb_extents;
	out->chid_grants = res->chid_grants;
	out->chid_used = res->chid_used;
}

/* The fixed regions in heap order, with their ABI parameter names. */
static const struct {
	const char *param;
	size_t sizes_at;
	size_t layout_at;
} heap_regions[] = {
	{ "vgpu.rpc.ctrl_size", offsetof(struct nvgsp_vgpu_heap_sizes, ctrl),
	  offsetof(struct nvgsp_vgpu_heap_layout, ctrl) },
	{ "vgpu.rpc.response_size", offsetof(struct nvgsp_vgpu_heap_sizes, response),
	  offsetof(struct nvgsp_vgpu_heap_layout, response) },
	{ "vgpu.rpc.message_size", offsetof(struct nvgsp_vgpu_heap_sizes, message),
	  offsetof(struct nvgsp_vgpu_heap_layout, message) },
	{ "vgpu.rpc.migration_size", offsetof(struct nvgsp_vgpu_heap_sizes, migration),
	  offsetof(struct nvgsp_vgpu_heap_layout, migration) },
	{ "vgpu.rpc.error_size", offsetof(struct nvgsp_vgpu_heap_sizes, error),
	  offsetof(struct nvgsp_vgpu_heap_layout, error) },
	{ "vgpu.rpc.init_log_size", offsetof(struct nvgsp_vgpu_heap_sizes, init_task_log),
	  offsetof(struct nvgsp_vgpu_heap_layout, init_task_log) },
	{ "vgpu.rpc.vgpu_log_size", offsetof(struct nvgsp_vgpu_heap_sizes, vgpu_task_log),
	  offsetof(struct nvgsp_vgpu_heap_layout, vgpu_task_log) },
	{ "vgpu.rpc.kernel_log_size", offsetof(struct nvgsp_vgpu_heap_sizes, kernel_log),
	  offsetof(struct nvgsp_vgpu_heap_layout, kernel_log) },
};

static u64 *heap_size_of(struct nvgsp_vgpu_heap_sizes *s, size_t i)
{
	return (u64 *)((u8 *)s + heap_regions[i].sizes_at);
}

static struct nvgsp_vgpu_heap_region *heap_region_of(struct nvgsp_vgpu_heap_layout *l, size_t i)
{
	return (struct nvgsp_vgpu_heap_region *)((u8 *)l + heap_regions[i].layout_at);
}

int nvgsp_vgpu_heap_sizes(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
			  struct nvgsp_vgpu_heap_sizes *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < ARRAY_SIZE(heap_regions); i++) {
		if (nvgsp_abi_param(abi, heap_regions[i].param, heap_size_of(out, i))) {
			res_refuse(dev, "GSP-RM %s has no %s", abi->release, heap_regions[i].param);
			memset(out, 0, sizeof(*out));
			return -ENOENT;
		}
	}
	return 0;
}

int nvgsp_vgpu_heap_layout(struct nvgsp_os_device *dev, const struct nvgsp_vgpu_heap_sizes *sizes,
			   u64 size, struct nvgsp_vgpu_heap_layout *out)
{
	struct nvgsp_vgpu_heap_sizes s = *sizes;
	u64 fixed = 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < ARRAY_SIZE(heap_regions); i++) {
		u64 v = *heap_size_of(&s, i);

		if ((v & (NVGSP_OS_PAGE_SIZE - 1)) || v > NVGSP_VGPU_HEAP_REGION_MAX ||
		    (!v && i != ARRAY_SIZE(heap_regions) - 1)) {
			res_refuse(dev, "management heap region %s 0x%llx is not 1..0x%llx whole pages",
				   heap_regions[i].param, v, NVGSP_VGPU_HEAP_REGION_MAX);
			return -EINVAL;
		}
		fixed += v;
	}
	if (size & (NVGSP_OS_PAGE_SIZE - 1)) {
		res_refuse(dev, "management heap size 0x%llx is not a whole number of 4 KiB pages",
			   size);
		return -EINVAL;
	}
	if (size < fixed + NVGSP_VGPU_HEAP_PLUGIN_MIN) {
		res_refuse(dev,
			   "management heap size 0x%llx is below 0x%llx (fixed regions 0x%llx + plugin heap 0x%llx)",
			   size, fixed + NVGSP_VGPU_HEAP_PLUGIN_MIN, fixed,
			   NVGSP_VGPU_HEAP_PLUGIN_MIN);
		return -EINVAL;
	}
	fixed = 0;
	for (i = 0; i < ARRAY_SIZE(heap_regions); i++) {
		heap_region_of(out, i)->offset = fixed;
		heap_region_of(out, i)->size = *heap_size_of(&s, i);
		fixed += *heap_size_of(&s, i);
	}
	out->comm.size = fixed;
	out->plugin_heap.offset = fixed;
	out->plugin_heap.size = size - fixed;
	out->total = size;
	return 0;
}
