// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vgpu_fb.c - VRAM through the PRAMIN window, and the FB regions of
 * the static info (see nvgsp_vgpu_fb.h, Documentation/vgpu-fb.rst).
 */
#include "nvgsp_vgpu_fb.h"
#include "chip/regs/nvgsp_regs_bus.h"
#include "chip/regs/nvgsp_regs_pmc.h"

#define FB_WINDOW_ALIGN		(1ull << NV_BAR0_WINDOW_BASE_SHIFT)

int nvgsp_vgpu_fb_init(struct nvgsp_vgpu_fb *fb, struct nvgsp_os_bar *bar0,
		       struct nvgsp_os_device *dev, const struct nvgsp_chip_info *chip,
		       u64 fb_size)
{
	u32 reg, base_max;

	switch (chip->family) {
	case NVGSP_FAMILY_HOPPER:
		reg = NV_XAL_EP_BAR0_WINDOW;
		base_max = NV_XAL_EP_BAR0_WINDOW_BASE_MAX_GH100;
		break;
	case NVGSP_FAMILY_BLACKWELL:
		reg = NV_XAL_EP_BAR0_WINDOW;
		base_max = NV_XAL_EP_BAR0_WINDOW_BASE_MAX_GB100;
		break;
	default:
		reg = NV_PBUS_BAR0_WINDOW;
		base_max = NV_PBUS_BAR0_WINDOW_BASE_MAX;
		break;
	}
	if (!fb_size || fb_size % FB_WINDOW_ALIGN ||
	    (fb_size - 1) >> NV_BAR0_WINDOW_BASE_SHIFT > base_max) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "FB size %llu bytes: not a non-zero multiple of 64 KiB the %s PRAMIN window reaches",
			     fb_size, nvgsp_chip_family_name(chip->family));
		return -EINVAL;
	}
	fb->bar0 = bar0;
	fb->dev = dev;
	fb->family = chip->family;
	fb->fb_size = fb_size;
	fb->window_reg = reg;
	fb->base_max = base_max;
	return 0;
}

enum fb_op { FB_READ, FB_WRITE, FB_SET };

static const char *const fb_op_name[] = { "read", "write", "set" };

static bool fb_gone(struct nvgsp_vgpu_fb *fb, enum fb_op op)
{
	if (nvgsp_os_rd32(fb->bar0, NV_PMC_BOOT_0) != 0xffffffffu)
		return false;
	nvgsp_os_log(fb->dev, NVGSP_LOG_ERR, 0,
		     "FB %s: BOOT_0 reads 0xffffffff, the device is gone", fb_op_name[op]);
	return true;
}

/*
 * One access through the window: check the range, then for each window
 * position (64 KiB-aligned base, up to the end of the 1 MiB window) point
 * the window and move the bytes, yielding between positions; put the
 * window back as it was.
 */
static int fb_access(struct nvgsp_vgpu_fb *fb, enum fb_op op, u64 fb_off, u8 *dst,
		     const u8 *src, u8 value, u64 len)
{
	u32 saved, cur;
	bool moved = false;

	if (fb_off % 4 || len % 4 || fb_off > fb->fb_size || len > fb->fb_size - fb_off) {
		nvgsp_os_log(fb->dev, NVGSP_LOG_ERR, 0,
			     "FB %s of %llu bytes at 0x%llx refused: %s the %llu-byte FB",
			     fb_op_name[op], len, fb_off,
			     fb_off % 4 || len % 4 ? "not 4-byte aligned in" : "outside",
			     fb->fb_size);
		return -EINVAL;
	}
	if (fb_gone(fb, op))
		return -ENODEV;
	saved = nvgsp_os_rd32(fb->bar0, fb->window_reg);
	cur = saved;
	while (len) {
		u64 base = fb_off & ~(FB_WINDOW_ALIGN - 1);
		u32 at = (u32)(fb_off - base);
		u32 n = NV_PRAMIN_SIZE - at;
		u32 want = (u32)(base >> NV_BAR0_WINDOW_BASE_SHIFT);

		if (n > len)
			n = (u32)len;
		/* Pre-Hopper: target 25:24 = 0 (VID_MEM) with the base. */
		if (!moved || want != cur) {
			if (moved)
				nvgsp_os_cond_resched();
			nvgsp_os_wr32(fb->bar0, fb->window_reg, want);
			cur = want;
			moved = true;
		}
		switch (op) {
		case FB_READ:
			nvgsp_os_bar_read(fb->bar0, NV_PRAMIN + at, dst, n);
			dst += n;
			break;
		case FB_WRITE:
			nvgsp_os_bar_write(fb->bar0, NV_PRAMIN + at, src, n);
			src += n;
			break;
		case FB_SET:
			nvgsp_os_bar_set(fb->bar0, NV_PRAMIN + at, value, n);
			break;
		}
		fb_off += n;
		len -= n;
	}
	if (moved && cur != saved)
		nvgsp_os_wr32(fb->bar0, fb->window_reg, saved);
	if (moved && fb_gone(fb, op))
		return -ENODEV;
	return 0;
}

int nvgsp_vgpu_fb_read(struct nvgsp_vgpu_fb *fb, u64 fb_off, void *buf, u32 len)
{
	return fb_access(fb, FB_READ, fb_off, buf, NULL, 0, len);
}

int nvgsp_vgpu_fb_write(struct nvgsp_vgpu_fb *fb, u64 fb_off, const void *buf, u32 len)
{
	return fb_access(fb, FB_WRITE, fb_off, NULL, buf, 0, len);
}

int nvgsp_vgpu_fb_set(struct nvgsp_vgpu_fb *fb, u64 fb_off, u8 value, u64 len)
{
	return fb_access(fb, FB_SET, fb_off, NULL, NULL, value, len);
}

int nvgsp_vgpu_fb_regions(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
			  const u8 *static_info_wire, size_t len,
			  struct nvgsp_abi_fb_region *regions, u32 *count)
{
	struct nvgsp_abi_fb_region_info info;
	u32 first, stride, i;
	int ret;

	*count = 0;
	first = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_FB_REGION_INFO);
	stride = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_FB_REGION);
	if (!first || !stride) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "static info: release %s describes no FB regions", abi->release);
		return -EOPNOTSUPP;
	}
	ret = nvgsp_abi_decode_fb_region_info(abi, &info, static_info_wire, len);
	if (ret < 0)
		goto short_buf;
	if (info.fb_region_count > NVGSP_VGPU_FB_MAX_REGIONS) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "static info: fbRegionInfoParams.numFBRegions %u is over %u",
			     info.fb_region_count, NVGSP_VGPU_FB_MAX_REGIONS);
		return -EINVAL;
	}
	for (i = 0; i < info.fb_region_count; i++) {
		size_t at = first + (size_t)i * stride;

		if (at > len)
			goto short_buf;
		ret = nvgsp_abi_decode_fb_region(abi, &regions[i], static_info_wire + at, len - at);
		if (ret < 0)
			goto short_buf;
		if (regions[i].limit < regions[i].base) {
			nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
				     "static info: FB region %u limit 0x%llx is below its base 0x%llx",
				     i, regions[i].limit, regions[i].base);
			return -EINVAL;
		}
	}
	*count = info.fb_region_count;
	return 0;

short_buf:
	nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
		     "static info: %zu bytes are too short for its FB regions", len);
	return -EINVAL;
}

int nvgsp_vgpu_fb_usable(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
			 const u8 *static_info_wire, size_t len, u64 *base, u64 *size)
{
	struct nvgsp_abi_fb_region regions[NVGSP_VGPU_FB_MAX_REGIONS];
	u64 best = 0, best_base = 0;
	u32 count, i;
	int ret;

	ret = nvgsp_vgpu_fb_regions(dev, abi, static_info_wire, len, regions, &count);
	if (ret)
		return ret;
	for (i = 0; i < count; i++) {
		/* limit >= base (checked); the size of 0..U64_MAX does not fit: cap it. */
		u64 sz = regions[i].limit - regions[i].base;

		if (regions[i].reserved || regions[i].protected)
			continue;
		if (sz != (u64)-1)
			sz++;
		if (sz > best) {
			best = sz;
			best_base = regions[i].base;
		}
	}
	if (!best) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "static info: none of the %u FB regions is usable (all reserved or protected)",
			     count);
		return -ENOSPC;
	}
	*base = best_base;
	*size = best;
	return 0;
}
