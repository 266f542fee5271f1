// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vgpu_region.c - the VFIO regions of a vGPU VF and their bounds (see
 * nvgsp_vgpu_region.h and Documentation/vgpu-vfio.rst).
 */
#include "vgpu/nvgsp_vgpu_region.h"

/* The guest's BARs in the config space's order (bar_size[]): BAR0, BAR1, BAR3. */
static const u32 region_of_bar[NVGSP_VGPU_CFG_BARS] = {
	NVGSP_VGPU_REGION_BAR0, NVGSP_VGPU_REGION_BAR1, NVGSP_VGPU_REGION_BAR3,
};

void nvgsp_vgpu_regions_init(struct nvgsp_vgpu_regions *r, const struct nvgsp_vgpu_cfgspace *cs)
{
	unsigned int i;

	memset(r, 0, sizeof(*r));
	r->size[NVGSP_VGPU_REGION_CONFIG] = NVGSP_VGPU_CFG_SIZE;
	r->flags[NVGSP_VGPU_REGION_CONFIG] = NVGSP_VGPU_REGION_READ | NVGSP_VGPU_REGION_WRITE;
	for (i = 0; i < NVGSP_VGPU_CFG_BARS; i++) {
		if (!cs->bar_size[i])
			continue;
		r->size[region_of_bar[i]] = cs->bar_size[i];
		r->flags[region_of_bar[i]] = NVGSP_VGPU_REGION_READ | NVGSP_VGPU_REGION_WRITE |
					     NVGSP_VGPU_REGION_MMAP;
	}
}

/* [off, off + count) inside a region of @size bytes, count >= 1, no wrap. */
static bool inside(u64 size, u64 off, u64 count)
{
	return count && off < size && count <= size - off;
}

int nvgsp_vgpu_region_access(const struct nvgsp_vgpu_regions *r, u32 index, u64 off, u64 count,
			     bool write)
{
	u32 need = write ? NVGSP_VGPU_REGION_WRITE : NVGSP_VGPU_REGION_READ;

	if (index >= NVGSP_VGPU_NR_REGIONS || !(r->flags[index] & need))
		return -EINVAL;
	return inside(r->size[index], off, count) ? 0 : -EINVAL;
}

int nvgsp_vgpu_region_mmap(const struct nvgsp_vgpu_regions *r, u32 index, u64 off, u64 len,
			   u64 page_size)
{
	if (index >= NVGSP_VGPU_NR_REGIONS || !(r->flags[index] & NVGSP_VGPU_REGION_MMAP))
		return -EINVAL;
	if (!page_size || (page_size & (page_size - 1)) || (off | len) & (page_size - 1))
		return -EINVAL;
	return inside(r->size[index], off, len) ? 0 : -EINVAL;
}
