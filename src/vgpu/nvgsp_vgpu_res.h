/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_vgpu_res.h - the vGPU manager's resource allocators: guest FB in
 * VMMU segments, per-engine channel-ID ranges, and the layout of a vGPU's
 * management heap (Documentation/vgpu-resources.rst).
 *
 * Pure, deterministic bookkeeping: no firmware structures (only the heap
 * regions' sizes come from the bound release's parameters), no RPC, no
 * locking. The
 * vGPU manager that calls these functions serialises every call on one
 * struct nvgsp_vgpu_res (its own lock); nothing here sleeps except
 * nvgsp_vgpu_res_create(), which allocates.
 *
 * Every refusal returns a negative errno, changes nothing, and, when the
 * allocator was created with a device, logs one line naming the values.
 */
#ifndef NVGSP_VGPU_RES_H
#define NVGSP_VGPU_RES_H

#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"

/* VMMU segment sizes GSP-RM reports (NV2080_CTRL_CMD_GPU_GET_VMMU_SEGMENT_SIZE). */
#define NVGSP_VGPU_SEGMENT_MIN		(32ull << 20)
#define NVGSP_VGPU_SEGMENT_MAX		(512ull << 20)
/* Guest FB extents one BOOTLOAD_GSP_VGPU_PLUGIN_TASK carries (NV2080_CTRL_MAX_VMMU_SEGMENTS). */
#define NVGSP_VGPU_FB_MAX_EXTENTS	384
/* The most segments one allocator manages: 512 GiB at 32 MiB, 8 TiB at 512 MiB. */
#define NVGSP_VGPU_FB_MAX_SEGMENTS	16384
/* Engines with a channel-ID pool; more than any release's NV2080_GPU_MAX_ENGINES (0x54). */
#define NVGSP_VGPU_MAX_ENGINES		96
/* Channel IDs per engine, at most (IDs are u32 in the firmware; 2048 on the GPUs we know). */
#define NVGSP_VGPU_CHID_MAX		65536
/* Live channel grants (vGPUs) one allocator tracks, at most. */
#define NVGSP_VGPU_MAX_VGPUS		256

/**
 * struct nvgsp_vgpu_res_config - what nvgsp_vgpu_res_create() manages.
 * @fb_base: first byte of FB set aside for guests (a GPU physical address).
 * @fb_size: its length in bytes. Only the whole, segment-aligned segments
 *           inside [@fb_base, @fb_base + @fb_size) are used; the range must
 *           not pass U64_MAX and must hold at least one segment.
 * @segment: the VMMU segment size: a power of two in
 *           [NVGSP_VGPU_SEGMENT_MIN, NVGSP_VGPU_SEGMENT_MAX].
 * @num_engines: engines with a channel-ID pool, 1..NVGSP_VGPU_MAX_ENGINES.
 * @chid_total: per engine, how many channel IDs it has (1..NVGSP_VGPU_CHID_MAX).
 * @chid_host_reserved: per engine, IDs [0, this) are the host's; IDs
 *                      [this, @chid_total) are for vGPUs. Must be below
 *                      @chid_total.
 * @max_vgpus: channel grants live at once, at most (1..NVGSP_VGPU_MAX_VGPUS).
 */
struct nvgsp_vgpu_res_config {
	u64 fb_base;
	u64 fb_size;
	u64 segment;
	u32 num_engines;
	u32 chid_total[NVGSP_VGPU_MAX_ENGINES];
	u32 chid_host_reserved[NVGSP_VGPU_MAX_ENGINES];
	u32 max_vgpus;
};

/**
 * struct nvgsp_vgpu_fb_extent - one contiguous piece of a guest's FB.
 * @addr: GPU physical address, segment-aligned.
 * @size: bytes, a whole number of segments, never 0.
 */
struct nvgsp_vgpu_fb_extent {
	u64 addr;
	u64 size;
};

/**
 * struct nvgsp_vgpu_fb_request - what nvgsp_vgpu_fb_alloc() is asked for.
 * @bytes: guest FB size; a whole, non-zero number of segments.
 * @max_instance: 0 for first-fit (contiguous when a hole is big enough,
 *                else up to NVGSP_VGPU_FB_MAX_EXTENTS extents in address
 *                order); N > 0 for homogeneous placement: the FB is cut
 *                into N equal slots (whole segments each, the remainder at
 *                the top unused) and the grant is one extent at the start
 *                of the lowest slot whose first @bytes are free.
 */
struct nvgsp_vgpu_fb_request {
	u64 bytes;
	u32 max_instance;
};

/**
 * struct nvgsp_vgpu_fb_grant - guest FB given to one vGPU. Large (6 KiB):
 * keep it in the vGPU's state, not on the stack. Hand it back unchanged to
 * nvgsp_vgpu_fb_free().
 * @handle: identifies the grant inside its allocator; never 0 while live.
 * @slot: the placement slot (placement_id in slot units), or -1 (first-fit).
 * @bytes: total size, the sum of the extents.
 * @count: extents used, 1..NVGSP_VGPU_FB_MAX_EXTENTS.
 * @ext: the extents, in address order; fill BOOTLOAD's guestFbPhysAddrList
 *       and guestFbLengthList (numGuestFbSegments = @count) from them.
 */
struct nvgsp_vgpu_fb_grant {
	u32 handle;
	s32 slot;
	u64 bytes;
	u32 count;
	struct nvgsp_vgpu_fb_extent ext[NVGSP_VGPU_FB_MAX_EXTENTS];
};

/**
 * struct nvgsp_vgpu_chid_grant - channel IDs given to one vGPU.
 * @handle: identifies the grant inside its allocator; never 0 while live.
 * @count: IDs per engine (BOOTLOAD's numChannels).
 * @num_engines: engines covered (the allocator's @num_engines).
 * @first: per engine, the first ID of the range [first, first + count)
 *         (BOOTLOAD's chidOffset[engine]; engines beyond @num_engines 0).
 */
struct nvgsp_vgpu_chid_grant {
	u32 handle;
	u32 count;
	u32 num_engines;
	u32 first[NVGSP_VGPU_MAX_ENGINES];
};

/**
 * struct nvgsp_vgpu_res_usage - counters, for debugfs and for tests.
 * @fb_base: first byte of the segment-aligned FB the allocator manages.
 * @fb_size: its size (a whole number of segments).
 * @fb_free: bytes free.
 * @fb_used: bytes granted; @fb_free + @fb_used == @fb_size.
 * @fb_largest_free: the largest contiguous free run, in bytes.
 * @fb_grants: live FB grants.
 * @fb_extents: extents in the live FB grants.
 * @chid_grants: live channel grants.
 * @chid_used: channel IDs granted per engine (the same in every engine).
 */
struct nvgsp_vgpu_res_usage {
	u64 fb_base;
	u64 fb_size;
	u64 fb_free;
	u64 fb_used;
	u64 fb_largest_free;
	u32 fb_grants;
	u32 fb_extents;
	u32 chid_grants;
	u32 chid_used;
};

/**
 * struct nvgsp_vgpu_res - one PF's vGPU resources; the fields are the
 * allocators' own (read usage through nvgsp_vgpu_res_usage()). Protected by
 * the caller's lock (see the file comment).
 * @dev: for log lines; may be NULL (then nothing is logged).
 * @cfg: the configuration, with @cfg.fb_base/@cfg.fb_size trimmed to whole
 *       segments.
 * @nseg: segments managed.
 * @seg_shift: log2 of the segment size.
 * @owner: per segment, the handle of the FB grant holding it, 0 when free.
 * @fb_next: the next FB handle to try.
 * @fb_grants: live FB grants.
 * @fb_extents: extents in them.
 * @fb_used_segs: segments in them.
 * @chid: the live channel grants (@cfg.max_vgpus slots; handle 0 = empty).
 * @chid_next: the next channel handle to try.
 * @chid_grants: live channel grants.
 * @chid_used: IDs granted per engine.
 */
struct nvgsp_vgpu_res {
	struct nvgsp_os_device *dev;
	struct nvgsp_vgpu_res_config cfg;
	u32 nseg;
	u32 seg_shift;
	u32 *owner;
	u32 fb_next;
	u32 fb_grants;
	u32 fb_extents;
	u32 fb_used_segs;
	struct nvgsp_vgpu_chid_grant *chid;
	u32 chid_next;
	u32 chid_grants;
	u32 chid_used;
};

/**
 * nvgsp_vgpu_res_create() - set up the allocators for one PF.
 * @dev: the PF, for log lines; NULL logs nothing.
 * @cfg: what to manage; copied.
 * @out: set to the new allocator on success, untouched on failure.
 *
 * Return: 0; -EINVAL for a segment size that is not a power of two in
 * 32..512 MiB, an FB range that passes U64_MAX, holds no whole segment or
 * more than NVGSP_VGPU_FB_MAX_SEGMENTS, an engine count outside
 * 1..NVGSP_VGPU_MAX_ENGINES, a channel total of 0 or above
 * NVGSP_VGPU_CHID_MAX, host_reserved >= total, or max_vgpus outside
 * 1..NVGSP_VGPU_MAX_VGPUS; -ENOMEM.
 */
int nvgsp_vgpu_res_create(struct nvgsp_os_device *dev, const struct nvgsp_vgpu_res_config *cfg,
			  struct nvgsp_vgpu_res **out);

/**
 * nvgsp_vgpu_res_destroy() - free the allocators; NULL is ignored.
 * @res: the allocators. Grants still live are forgotten (the manager frees
 *       them first; a warning names how many were left when @res has a
 *       device).
 */
void nvgsp_vgpu_res_destroy(struct nvgsp_vgpu_res *res);

/**
 * nvgsp_vgpu_res_usage() - read the counters.
 * @res: the allocators.
 * @out: filled.
 */
void nvgsp_vgpu_res_usage(const struct nvgsp_vgpu_res *res, struct nvgsp_vgpu_res_usage *out);

/**
 * nvgsp_vgpu_fb_alloc() - give a vGPU its guest FB.
 * @res: the allocators.
 * @req: size and mode (see struct nvgsp_vgpu_fb_request).
 * @grant: filled on success; on failure zeroed (handle 0, slot -1).
 *
 * First-fit takes the lowest hole that holds @req->bytes whole; when none
 * does, it takes the free runs in address order, up to
 * NVGSP_VGPU_FB_MAX_EXTENTS of them. Placement mode never splits.
 *
 * Return: 0; -EINVAL when @req->bytes is 0 or not a whole number of
 * segments, or (placement) @req->bytes exceeds one slot or the FB has fewer
 * whole segments than slots; -ENOSPC when it does not fit (not enough free
 * FB, more than NVGSP_VGPU_FB_MAX_EXTENTS runs needed, or no free slot).
 */
int nvgsp_vgpu_fb_alloc(struct nvgsp_vgpu_res *res, const struct nvgsp_vgpu_fb_request *req,
			struct nvgsp_vgpu_fb_grant *grant);

/**
 * nvgsp_vgpu_fb_free() - take back a vGPU's guest FB.
 * @res: the allocators.
 * @grant: exactly as nvgsp_vgpu_fb_alloc() filled it (@grant->slot is
 *         informational and not checked). Zeroed on success so that a
 *         second free is refused.
 *
 * Return: 0; -EINVAL when @grant is not a live grant of @res exactly
 * (unknown or stale handle, an extent out of range, misaligned or not held
 * by this grant, a count or total that differs from what was granted);
 * nothing is freed then.
 */
int nvgsp_vgpu_fb_free(struct nvgsp_vgpu_res *res, struct nvgsp_vgpu_fb_grant *grant);

/**
 * nvgsp_vgpu_chid_alloc() - give a vGPU @count channel IDs in every engine.
 * @res: the allocators.
 * @count: IDs per engine, > 0.
 * @grant: filled on success (first ID per engine, the lowest free range of
 *         @count IDs within [host_reserved, total) in each engine); zeroed
 *         on failure.
 *
 * Return: 0; -EINVAL for @count 0 or larger than some engine's vGPU pool;
 * -ENOSPC when some engine has no free range of @count IDs, or
 * max_vgpus grants are live.
 */
int nvgsp_vgpu_chid_alloc(struct nvgsp_vgpu_res *res, u32 count,
			  struct nvgsp_vgpu_chid_grant *grant);

/**
 * nvgsp_vgpu_chid_free() - take back a vGPU's channel IDs.
 * @res: the allocators.
 * @grant: exactly as nvgsp_vgpu_chid_alloc() filled it; zeroed on success.
 *
 * Return: 0; -EINVAL when @grant is not a live grant of @res exactly;
 * nothing is freed then.
 */
int nvgsp_vgpu_chid_free(struct nvgsp_vgpu_res *res, struct nvgsp_vgpu_chid_grant *grant);

/* Our choice: the smallest plugin heap accepted (Documentation/vgpu-resources.rst). */
#define NVGSP_VGPU_HEAP_PLUGIN_MIN		(4ull << 20)
/* Our bound on one fixed region, so that their sum cannot overflow. */
#define NVGSP_VGPU_HEAP_REGION_MAX		(1ull << 32)

/**
 * struct nvgsp_vgpu_heap_sizes - the sizes of a release's fixed regions at
 * the start of the management heap (the firmware ABI's vgpu.rpc.*_size
 * parameters; Documentation/vgpu-resources.rst).
 * @ctrl: CONTROL.
 * @response: RESPONSE.
 * @message: MESSAGE.
 * @migration: MIGRATION.
 * @error: ERROR.
 * @init_task_log: INIT-TASK LOG.
 * @vgpu_task_log: VGPU-TASK LOG.
 * @kernel_log: KERNEL LOG; 0 where the release has none (535).
 */
struct nvgsp_vgpu_heap_sizes {
	u64 ctrl;
	u64 response;
	u64 message;
	u64 migration;
	u64 error;
	u64 init_task_log;
	u64 vgpu_task_log;
	u64 kernel_log;
};

/**
 * nvgsp_vgpu_heap_sizes() - read a release's fixed-region sizes.
 * @dev: for the refusal's log line; may be NULL.
 * @abi: the bound release.
 * @out: filled on success, zeroed on failure.
 *
 * Return: 0; -ENOENT when the release lacks one of the vgpu.rpc.*_size
 * parameters (the line names it).
 */
int nvgsp_vgpu_heap_sizes(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
			  struct nvgsp_vgpu_heap_sizes *out);

/**
 * struct nvgsp_vgpu_heap_region - one region of the management heap.
 * @offset: bytes from the heap's start.
 * @size: bytes.
 */
struct nvgsp_vgpu_heap_region {
	u64 offset;
	u64 size;
};

/**
 * struct nvgsp_vgpu_heap_layout - where each part of a vGPU's management
 * heap lies, in this order, back to back from offset 0. Filling BOOTLOAD
 * the way RFC v2 does (Documentation/vgpu-resources.rst), with H the heap's
 * GPU physical address: ctrlBuffOffset = @ctrl.offset (0);
 * initTaskLogBuffOffset = H + @init_task_log.offset (an address, despite
 * the name), initTaskLogBuffSize = @init_task_log.size; the same for
 * vgpuTaskLog* and kernelLog* (570 and later); pluginHeapMemoryPhysAddr = H
 * and pluginHeapMemoryLength = @total (the whole heap, not @plugin_heap).
 * @ctrl: CONTROL.
 * @response: RESPONSE.
 * @message: MESSAGE.
 * @migration: MIGRATION.
 * @error: ERROR.
 * @init_task_log: INIT-TASK LOG.
 * @vgpu_task_log: VGPU-TASK LOG.
 * @kernel_log: KERNEL LOG (size 0 where the release has none).
 * @comm: all of the above: what the host maps through BAR1.
 * @plugin_heap: the rest, which only the plugin uses.
 * @total: the heap size it was computed for.
 */
struct nvgsp_vgpu_heap_layout {
	struct nvgsp_vgpu_heap_region ctrl;
	struct nvgsp_vgpu_heap_region response;
	struct nvgsp_vgpu_heap_region message;
	struct nvgsp_vgpu_heap_region migration;
	struct nvgsp_vgpu_heap_region error;
	struct nvgsp_vgpu_heap_region init_task_log;
	struct nvgsp_vgpu_heap_region vgpu_task_log;
	struct nvgsp_vgpu_heap_region kernel_log;
	struct nvgsp_vgpu_heap_region comm;
	struct nvgsp_vgpu_heap_region plugin_heap;
	u64 total;
};

/**
 * nvgsp_vgpu_heap_layout() - lay out a management heap of @size bytes.
 * @dev: for the refusal's log line; may be NULL.
 * @sizes: the release's fixed regions (nvgsp_vgpu_heap_sizes()).
 * @size: the heap size (the type's gsp_heap_size).
 * @out: filled on success, zeroed on failure.
 *
 * Return: 0; -EINVAL when a fixed region is not a whole number of 4 KiB
 * pages, is 0 (only @sizes->kernel_log may be) or exceeds
 * NVGSP_VGPU_HEAP_REGION_MAX, or when @size is not a whole number of pages
 * or is smaller than the fixed regions plus NVGSP_VGPU_HEAP_PLUGIN_MIN.
 */
int nvgsp_vgpu_heap_layout(struct nvgsp_os_device *dev, const struct nvgsp_vgpu_heap_sizes *sizes,
			   u64 size, struct nvgsp_vgpu_heap_layout *out);

#endif /* NVGSP_VGPU_RES_H */
