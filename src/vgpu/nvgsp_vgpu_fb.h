/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_vgpu_fb.h - CPU access to the GPU's framebuffer memory (VRAM)
 * through the PRAMIN window, for the vGPU manager: its management heap (the
 * host RPC channel, logs) and the scrub of guest FB; and the FB regions
 * GSP-RM reports in its static info (Documentation/vgpu-fb.rst).
 *
 * The window is one register per GPU, so struct nvgsp_vgpu_fb has a single
 * user at a time and takes no lock: callers serialise every call on one GPU
 * (and against anything else that moves the window). Calls may sleep.
 */
#ifndef NVGSP_VGPU_FB_H
#define NVGSP_VGPU_FB_H

#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"
#include "chip/nvgsp_chip.h"

/**
 * struct nvgsp_vgpu_fb - VRAM access through the PRAMIN window.
 * @bar0: the GPU's BAR0.
 * @dev: the device, named in messages.
 * @family: the chip family, which picks the window register.
 * @fb_size: VRAM bytes; accesses past it are refused.
 * @window_reg: BAR0 offset of the window register.
 * @base_max: the largest window base (in 64 KiB units) the register holds.
 */
struct nvgsp_vgpu_fb {
	struct nvgsp_os_bar *bar0;
	struct nvgsp_os_device *dev;
	enum nvgsp_chip_family family;
	u64 fb_size;
	u32 window_reg;
	u32 base_max;
};

/**
 * nvgsp_vgpu_fb_init() - set up VRAM access; touches no register.
 * @fb: filled.
 * @bar0: the GPU's BAR0.
 * @dev: the device.
 * @chip: the chip.
 * @fb_size: VRAM bytes (a multiple of 64 KiB, within what the window
 *           register can reach).
 *
 * Return: 0, or -EINVAL (message naming the size) for a size of 0, not a
 * multiple of 64 KiB or beyond the window's reach.
 */
int nvgsp_vgpu_fb_init(struct nvgsp_vgpu_fb *fb, struct nvgsp_os_bar *bar0,
		       struct nvgsp_os_device *dev, const struct nvgsp_chip_info *chip,
		       u64 fb_size);

/**
 * nvgsp_vgpu_fb_read() - copy VRAM into memory.
 * @fb: the access.
 * @fb_off: FB byte offset, 4-byte aligned.
 * @buf: @len bytes.
 * @len: bytes, a multiple of 4.
 *
 * The window moves as needed (up to 1 MiB per position) and the window
 * register is restored to its previous value before returning.
 *
 * Return: 0; -EINVAL (message naming offset and length, nothing touched)
 * for a misaligned or out-of-FB range; -ENODEV when the device reads all
 * ones (fell off the bus), before or after the copy (then @buf is garbage).
 */
int nvgsp_vgpu_fb_read(struct nvgsp_vgpu_fb *fb, u64 fb_off, void *buf, u32 len);

/**
 * nvgsp_vgpu_fb_write() - copy memory into VRAM.
 * @fb: the access.
 * @fb_off: as for nvgsp_vgpu_fb_read().
 * @buf: @len bytes.
 * @len: as for nvgsp_vgpu_fb_read().
 *
 * Return: as for nvgsp_vgpu_fb_read().
 */
int nvgsp_vgpu_fb_write(struct nvgsp_vgpu_fb *fb, u64 fb_off, const void *buf, u32 len);

/**
 * nvgsp_vgpu_fb_set() - fill VRAM with one byte value (a scrub, with 0).
 * @fb: the access.
 * @fb_off: as for nvgsp_vgpu_fb_read().
 * @value: the byte.
 * @len: bytes, a multiple of 4; may be many GiB: the CPU is yielded
 *       (nvgsp_os_cond_resched()) between window positions.
 *
 * Return: as for nvgsp_vgpu_fb_read().
 */
int nvgsp_vgpu_fb_set(struct nvgsp_vgpu_fb *fb, u64 fb_off, u8 value, u64 len);

/* FB regions GSP-RM reports (fbRegionInfoParams): at most this many. */
#define NVGSP_VGPU_FB_MAX_REGIONS 16

/**
 * nvgsp_vgpu_fb_regions() - decode the FB regions of GET_GSP_STATIC_INFO's
 * reply (GspStaticConfigInfo in the bound release's wire format).
 * @dev: the device, named in the error message of a refusal.
 * @abi: the bound release.
 * @static_info_wire: the reply's GspStaticConfigInfo bytes.
 * @len: their length.
 * @regions: filled with up to NVGSP_VGPU_FB_MAX_REGIONS entries.
 * @count: set to the number of regions.
 *
 * Return: 0; -EINVAL for a short buffer, a region count over 16, or a
 * region whose limit is below its base; -EOPNOTSUPP when the release has no
 * FB region codecs.
 */
int nvgsp_vgpu_fb_regions(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
			  const u8 *static_info_wire, size_t len,
			  struct nvgsp_abi_fb_region *regions, u32 *count);

/**
 * nvgsp_vgpu_fb_usable() - the largest usable FB region: not reserved
 * (reserved == 0) and not protected, the rule nouveau's r535 static-info
 * parsing applies. The vGPU manager carves guest FB out of it.
 * @dev: as for nvgsp_vgpu_fb_regions().
 * @abi: as for nvgsp_vgpu_fb_regions().
 * @static_info_wire: as for nvgsp_vgpu_fb_regions().
 * @len: as for nvgsp_vgpu_fb_regions().
 * @base: set to its first byte.
 * @size: set to its size in bytes.
 *
 * Return: 0; the errors of nvgsp_vgpu_fb_regions(); -ENOSPC when no region
 * is usable.
 */
int nvgsp_vgpu_fb_usable(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
			 const u8 *static_info_wire, size_t len, u64 *base, u64 *size);

#endif /* NVGSP_VGPU_FB_H */
