// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_query.c - the render node's query answers (see nvgsp_query.h and
 * Documentation/drm-render-node.rst).
 */
#include "vgpu/nvgsp_query.h"

/* Every answer is at its first version: the current size is the minimum. */
static const u32 nvgsp_query_sizes[] = {
	[DRM_NVGSP_QUERY_CHIP] = sizeof(struct drm_nvgsp_chip),
	[DRM_NVGSP_QUERY_GSP] = sizeof(struct drm_nvgsp_gsp),
	[DRM_NVGSP_QUERY_MEMORY] = sizeof(struct drm_nvgsp_memory),
	[DRM_NVGSP_QUERY_VGPU] = sizeof(struct drm_nvgsp_vgpu),
};

u32 nvgsp_query_size(u32 query, u32 *min)
{
	u32 size = query < ARRAY_SIZE(nvgsp_query_sizes) ? nvgsp_query_sizes[query] : 0;

	if (min)
		*min = size;
	return size;
}

int nvgsp_query_check(const struct drm_nvgsp_query *q)
{
	u32 min;

	if (!nvgsp_query_size(q->query, &min) || q->flags || q->pad)
		return -EINVAL;
	if (q->size && (q->size < min || !q->data))
		return -EINVAL;
	return 0;
}

/* Copy @s into @dst of @len bytes, NUL-padded; always NUL-terminated. */
static void nvgsp_query_str(char *dst, size_t len, const char *s)
{
	size_t i;

	memset(dst, 0, len);
	for (i = 0; s && i + 1 < len && s[i]; i++)
		dst[i] = s[i];
}

static void nvgsp_query_chip(const struct nvgsp_query_src *src, struct drm_nvgsp_chip *c)
{
	const struct nvgsp_chip_id *id = src->chip;

	c->chipset = id->chipset;
	c->architecture = id->arch;
	c->implementation = id->impl;
	c->major_rev = id->major_rev;
	c->minor_rev = id->minor_rev;
	c->pci_device = src->pci_device;
	c->boot0 = id->boot0;
	c->boot42 = id->boot42;
	nvgsp_query_str(c->name, sizeof(c->name), id->info ? id->info->name : NULL);
}

static void nvgsp_query_gsp(const struct nvgsp_query_src *src, struct drm_nvgsp_gsp *g)
{
	u32 len = src->build_id_len;

	nvgsp_query_str(g->release, sizeof(g->release), src->abi ? src->abi->release : NULL);
	if (len > sizeof(g->build_id))
		len = sizeof(g->build_id);
	if (src->build_id)
		memcpy(g->build_id, src->build_id, len);
	g->build_id_len = src->build_id ? len : 0;
	if (!src->gsp) {
		/* Never booted (the glue registers no node then). */
		g->state = DRM_NVGSP_GSP_NOT_STARTED;
		return;
	}
	switch (nvgsp_gsp_state(src->gsp, g->reason, sizeof(g->reason))) {
	case NVGSP_RPC_RUNNING:
		g->state = DRM_NVGSP_GSP_RUNNING;
		memset(g->reason, 0, sizeof(g->reason));
		break;
	case NVGSP_RPC_GONE:
		g->state = DRM_NVGSP_GSP_GONE;
		break;
	default:
		g->state = DRM_NVGSP_GSP_DEAD;
		break;
	}
	g->reason[sizeof(g->reason) - 1] = '\0';
}

static void nvgsp_query_memory(const struct nvgsp_query_src *src, struct drm_nvgsp_memory *m)
{
	struct nvgsp_vgpu_usage u;

	if (src->gsp)
		m->vram_bytes = nvgsp_gsp_static_info(src->gsp)->fb_length;
	if (src->mgr) {
		nvgsp_vgpu_mgr_usage(src->mgr, &u);
		m->vgpu_bytes = u.fb_total;
		m->vgpu_used_bytes = u.fb_used;
		m->vmmu_segment_bytes = nvgsp_vgpu_mgr_segment_size(src->mgr);
	}
}

static void nvgsp_query_vgpu(const struct nvgsp_query_src *src, struct drm_nvgsp_vgpu *v)
{
	struct nvgsp_vgpu_usage u;
	int n;

	if (src->vgpu && src->vgpu->prepare)
		v->flags |= DRM_NVGSP_VGPU_BOOTED;
	v->total_vfs = src->vgpu ? src->vgpu->total_vfs : 0;
	if (src->mgr) {
		v->flags |= DRM_NVGSP_VGPU_MANAGER;
		v->types = nvgsp_vgpu_mgr_nr_types(src->mgr);
		nvgsp_vgpu_mgr_usage(src->mgr, &u);
		v->vgpus = u.vgpus;
	}
	n = src->dev && v->total_vfs ? nvgsp_os_sriov_num_vfs(src->dev) : 0;
	v->enabled_vfs = n > 0 ? n : 0;
}

int nvgsp_query_answer(const struct nvgsp_query_src *src, u32 query,
		       union nvgsp_query_answer *ans)
{
	u32 size = nvgsp_query_size(query, NULL);

	if (!size)
		return -EINVAL;
	memset(ans, 0, sizeof(*ans));
	switch (query) {
	case DRM_NVGSP_QUERY_CHIP:
		nvgsp_query_chip(src, &ans->chip);
		break;
	case DRM_NVGSP_QUERY_GSP:
		nvgsp_query_gsp(src, &ans->gsp);
		break;
	case DRM_NVGSP_QUERY_MEMORY:
		nvgsp_query_memory(src, &ans->memory);
		break;
	default:
		nvgsp_query_vgpu(src, &ans->vgpu);
		break;
	}
	return size;
}

int nvgsp_query_run(const struct nvgsp_query_src *src, struct drm_nvgsp_query *q,
		    union nvgsp_query_answer *ans, u32 *copy)
{
	int ret = nvgsp_query_check(q);
	u32 size;

	*copy = 0;
	if (ret)
		return ret;
	size = nvgsp_query_size(q->query, NULL);
	if (q->size) {
		ret = nvgsp_query_answer(src, q->query, ans);
		if (ret < 0)
			return ret;
		*copy = q->size < size ? q->size : size;
	}
	q->size = size;
	return 0;
}
