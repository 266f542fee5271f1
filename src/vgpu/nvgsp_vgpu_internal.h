/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_vgpu_internal.h - the vGPU manager's state, shared by its files
 * (nvgsp_vgpu_mgr.c: the PF side; nvgsp_vgpu.c: one vGPU's lifecycle;
 * nvgsp_vgpu_rpc.c: the host RPC channel). Not for use outside src/vgpu/.
 */
#ifndef NVGSP_VGPU_INTERNAL_H
#define NVGSP_VGPU_INTERNAL_H

#include "vgpu/nvgsp_vgpu_mgr.h"
#include "vgpu/nvgsp_vgpu_fb.h"
#include "vgpu/nvgsp_vgpu_res.h"
#include "rm/nvgsp_rm.h"

/*
 * Channel IDs per engine, and how many the host keeps: the 2024 RFC's
 * split (2048 channels, 512 for the host's own, 1536 for vGPUs;
 * Documentation/vgpu-resources.rst).
 */
#define NVGSP_VGPU_CHID_TOTAL		2048u
#define NVGSP_VGPU_CHID_HOST		512u

/**
 * struct nvgsp_vgpu_rpc - the host side of one vGPU's RPC channel: where its
 * regions lie in FB and the last sequence number sent.
 * @heap: FB address of the management heap (the control region is first).
 * @ctrl_off: control region, offset in the heap.
 * @resp_off: response region, likewise.
 * @msg_off: message region, likewise.
 * @migration_off: migration region, likewise.
 * @error_off: error region, likewise.
 * @msg_size: bytes of the message region.
 * @seq: the last message_seq_num written (0 before the first message).
 * @broken: a reply was malformed or never came: the channel is not used
 *          again (every call fails with -EIO) until the vGPU is destroyed.
 */
struct nvgsp_vgpu_rpc {
	u64 heap;
	u64 ctrl_off;
	u64 resp_off;
	u64 msg_off;
	u64 migration_off;
	u64 error_off;
	u32 msg_size;
	u32 seq;
	bool broken;
};

/**
 * struct nvgsp_vgpu_mgr - one PF's vGPU manager (see nvgsp_vgpu_mgr.h).
 * @cfg: the configuration (@cfg.types points at @cat).
 * @cat: the PF's types, copied from the configuration.
 * @rm: GSP-RM's object layer.
 * @own: the manager's RM client, device and subdevice.
 * @fb_base: start of the FB left to vGPUs (GSP-RM's largest usable region).
 * @fb_size: its size.
 * @heap_sizes: the release's fixed regions of a management heap.
 * @ctrl_type_off: where message_type lies in the control region.
 * @ctrl_seq_off: where message_seq_num lies in it (nvgsp_vgpu_rpc_layout()).
 * @segment: the VMMU segment size.
 * @engines: engine types GSP-RM reports (GET_ENGINES_V2).
 * @nr_engines: entries in @engines.
 * @max_engines: the release's NV2080_GPU_MAX_ENGINES (chidOffset[]'s length).
 * @fb: the FB window, under @fb_lock.
 * @fb_lock: serialises users of @fb.
 * @lock: protects @res, @vgpus, @by_vf, @vf_type, @vf_chosen, @placed,
 *        @placed_type and @kept.
 * @res: the allocators.
 * @vgpus: vGPUs alive.
 * @by_vf: per VF index, its vGPU or NULL.
 * @vf_type: per VF index, the type it holds a place for (chosen through
 *           nvgsp_vgpu_mgr_select(), or taken by nvgsp_vgpu_create()), 0 for
 *           none.
 * @vf_chosen: per VF index, @vf_type was chosen (it outlives the vGPU).
 * @placed: VFs holding a place (@vf_type non-zero).
 * @placed_type: the type every VF holding a place has (homogeneous
 *               placement); 0 while none exists.
 * @kept: FB bytes kept out of the allocator because their scrub failed.
 */
struct nvgsp_vgpu_mgr {
	struct nvgsp_vgpu_mgr_config cfg;
	struct nvgsp_fw_vgpu_catalogue cat;
	struct nvgsp_rm *rm;
	struct nvgsp_rm_subdevice own;
	u64 fb_base;
	u64 fb_size;
	struct nvgsp_vgpu_heap_sizes heap_sizes;
	u32 ctrl_type_off;
	u32 ctrl_seq_off;
	u64 segment;
	u32 engines[96];
	u32 nr_engines;
	u32 max_engines;
	struct nvgsp_vgpu_fb fb;
	struct nvgsp_os_mutex *fb_lock;
	struct nvgsp_os_mutex *lock;
	struct nvgsp_vgpu_res *res;
	u32 vgpus;
	struct nvgsp_vgpu **by_vf;
	u32 *vf_type;
	bool *vf_chosen;
	u32 placed;
	u32 placed_type;
	u64 kept;
};

/**
 * struct nvgsp_vgpu - one vGPU (see nvgsp_vgpu_mgr.h).
 * @mgr: its manager.
 * @p: what it was created with.
 * @type: its type, from the manager's table.
 * @gfid: @p.vf + 1.
 * @dbdf: the VF's PCI address.
 * @lock: serialises its lifecycle steps and RPCs.
 * @sd: its RM client, device and subdevice.
 * @fb: its FB grant: the guest FB, then the management heap.
 * @heap_addr: FB address of the management heap.
 * @heap_size: its size.
 * @layout: the heap's regions.
 * @chids: its channel IDs.
 * @rpc: its host RPC channel.
 * @booted: the plugin task was bootloaded (SHUTDOWN and CLEANUP are owed).
 * @version: the RPC version the plugin negotiated.
 */
struct nvgsp_vgpu {
	struct nvgsp_vgpu_mgr *mgr;
	struct nvgsp_vgpu_params p;
	const struct nvgsp_fw_vgpu_type *type;
	u32 gfid;
	u32 dbdf;
	struct nvgsp_os_mutex *lock;
	struct nvgsp_rm_subdevice sd;
	struct nvgsp_vgpu_fb_grant fb;
	u64 heap_addr;
	u64 heap_size;
	struct nvgsp_vgpu_heap_layout layout;
	struct nvgsp_vgpu_chid_grant chids;
	struct nvgsp_vgpu_rpc rpc;
	bool booted;
	u32 version;
};

/* @v rounded up to a multiple of @seg, a power of two; @v well below ~0ull. */
static inline u64 vgpu_round_up(u64 v, u64 seg)
{
	return (v + seg - 1) & ~(seg - 1);
}

/* nvgsp_vgpu_select.c: places per VF, under mgr->lock. */
int nvgsp_vgpu_mgr_take_place(struct nvgsp_vgpu_mgr *mgr, u16 vf,
			      const struct nvgsp_fw_vgpu_type *t, bool chosen);
void nvgsp_vgpu_mgr_drop_place(struct nvgsp_vgpu_mgr *mgr, u16 vf);

/* nvgsp_vgpu_mgr.c */
unsigned int nvgsp_vgpu_mgr_slots(struct nvgsp_vgpu_mgr *mgr,
				  const struct nvgsp_fw_vgpu_type *t);
int nvgsp_vgpu_mgr_alive(struct nvgsp_vgpu_mgr *mgr);
int nvgsp_vgpu_mgr_alive_hw(struct nvgsp_vgpu_mgr *mgr);
int nvgsp_vgpu_fb_scrub(struct nvgsp_vgpu_mgr *mgr, u64 addr, u64 size);
int nvgsp_vgpu_fb_copy_out(struct nvgsp_vgpu_mgr *mgr, u64 addr, void *buf, u32 len);
int nvgsp_vgpu_fb_copy_in(struct nvgsp_vgpu_mgr *mgr, u64 addr, const void *buf, u32 len);

/* nvgsp_vgpu_rpc.c */
int nvgsp_vgpu_rpc_layout(struct nvgsp_vgpu_mgr *mgr);
void nvgsp_vgpu_rpc_init(struct nvgsp_vgpu *vgpu);
int nvgsp_vgpu_rpc_start(struct nvgsp_vgpu *vgpu);
int nvgsp_vgpu_rpc_wait_boot(struct nvgsp_vgpu *vgpu);
int nvgsp_vgpu_rpc_response(struct nvgsp_vgpu *vgpu, struct nvgsp_abi_vgpu_rpc_resp *r);
int nvgsp_vgpu_rpc_call(struct nvgsp_vgpu *vgpu, const char *what, u32 msg,
			const void *data, u32 len, void *reply, u32 reply_len);

#endif /* NVGSP_VGPU_INTERNAL_H */
