/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_vgpu_region.h - the regions of a vGPU VF as a VMM sees them through
 * VFIO (Documentation/vgpu-vfio.rst), and the bounds every access to them
 * is checked against before anything touches the device.
 *
 * Portable core. The index of each region is VFIO's own numbering for a PCI
 * device (include/uapi/linux/vfio.h: BAR0..BAR5 are 0..5, the expansion ROM
 * 6, config space 7, VGA 8), so the kernel glue can use a VMM's index
 * unchanged. What the guest sees follows the virtual config space
 * (nvgsp_vgpu_cfgspace.h): BAR0, BAR1 and BAR3 at the guest's sizes (BAR1 is
 * the type's, which may be smaller than the VF's), config space 4 KiB, and
 * nothing else: BAR2, BAR4 and BAR5 (the upper halves of 64-bit BARs, or
 * absent), the ROM and VGA have size 0 and refuse every access.
 */
#ifndef NVGSP_VGPU_REGION_H
#define NVGSP_VGPU_REGION_H

#include "nvgsp_os.h"
#include "vgpu/nvgsp_vgpu_cfgspace.h"

/* Region indexes (VFIO's numbering for PCI devices). */
#define NVGSP_VGPU_REGION_BAR0		0
#define NVGSP_VGPU_REGION_BAR1		1
#define NVGSP_VGPU_REGION_BAR3		3
#define NVGSP_VGPU_REGION_ROM		6
#define NVGSP_VGPU_REGION_CONFIG	7
#define NVGSP_VGPU_REGION_VGA		8
#define NVGSP_VGPU_NR_REGIONS		9

/* Region flags: what a VMM may do with a region. */
#define NVGSP_VGPU_REGION_READ		0x1u
#define NVGSP_VGPU_REGION_WRITE		0x2u
#define NVGSP_VGPU_REGION_MMAP		0x4u

/**
 * struct nvgsp_vgpu_regions - the regions of one opened vGPU VF.
 * @size: bytes per region index; 0 for a region the guest does not see.
 * @flags: NVGSP_VGPU_REGION_* per region index; 0 with @size 0.
 */
struct nvgsp_vgpu_regions {
	u64 size[NVGSP_VGPU_NR_REGIONS];
	u32 flags[NVGSP_VGPU_NR_REGIONS];
};

/**
 * nvgsp_vgpu_regions_init() - the regions that go with a virtual config
 * space: config space 4 KiB (read, write), BAR0, BAR1 and BAR3 at the
 * sizes @cs gives the guest (read, write, mmap), every other index size 0.
 * @r: filled.
 * @cs: the VF's virtual config space (nvgsp_vgpu_cfgspace_init() done).
 */
void nvgsp_vgpu_regions_init(struct nvgsp_vgpu_regions *r, const struct nvgsp_vgpu_cfgspace *cs);

/**
 * nvgsp_vgpu_region_access() - check one read or write of a VMM.
 * @r: the regions.
 * @index: the region index the VMM named (any value).
 * @off: byte offset within the region (any value).
 * @count: bytes.
 * @write: a write, else a read.
 *
 * Return: 0 when @index is a region the guest sees, that allows the access,
 * and [@off, @off + @count) lies inside it with @count at least 1;
 * -EINVAL otherwise (nothing may be accessed then). Overflow of @off +
 * @count is refused, not wrapped.
 */
int nvgsp_vgpu_region_access(const struct nvgsp_vgpu_regions *r, u32 index, u64 off, u64 count,
			     bool write);

/**
 * nvgsp_vgpu_region_mmap() - check one mmap of a VMM.
 * @r: the regions.
 * @index: the region index (any value).
 * @off: byte offset within the region.
 * @len: bytes to map.
 * @page_size: the host's page size, a power of two.
 *
 * Return: 0 when @index is a region that may be mapped, @off and @len are
 * multiples of @page_size, @len is at least one page, and the range lies
 * inside the region; -EINVAL otherwise.
 */
int nvgsp_vgpu_region_mmap(const struct nvgsp_vgpu_regions *r, u32 index, u64 off, u64 len,
			   u64 page_size);

#endif /* NVGSP_VGPU_REGION_H */
