// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vgpu.c - one vGPU's lifecycle: resources, plugin task, host RPCs,
 * teardown. Documentation/vgpu-manager.rst, "Lifecycle".
 *
 * Create, in this order (each step undone in reverse when a later one
 * fails): claim the VF and the type's placement; channel IDs; one FB grant
 * holding the guest FB and, behind it, the management heap (both scrubbed
 * before use); the vGPU's RM client; BOOTLOAD_GSP_VGPU_PLUGIN_TASK; the
 * control region; wait for the plugin to report itself bootloaded;
 * VERSION_NEGOTIATION; SETUP_CONFIG_PARAMS_AND_INIT. Destroy: SHUTDOWN
 * then CLEANUP (when bootloaded), the RM client, scrub and free the FB,
 * the channels, the VF.
 */
#include "vgpu/nvgsp_vgpu_internal.h"

/* NV_VGPU_HOST_CPU_ARCH (both RFCs' vgpu headers): 1 aarch64, 2 x86_64. */
#define VGPU_HOST_CPU_AARCH64	1u
#define VGPU_HOST_CPU_X86_64	2u

static u32 vgpu_msg(const struct nvgsp_abi *abi, const char *name)
{
	char key[64];
	u64 v;

	nvgsp_os_snprintf(key, sizeof(key), "vgpu.msg.%s", name);
	if (nvgsp_abi_param(abi, key, &v) || !v || v > 0xffffffffull)
		return 0;
	return (u32)v;
}

/* Channels per vGPU: the 2024 and 2025 RFCs give each vGPU the largest power
 * of two not above the vGPU pool divided by the type's max_instance. */
static u32 vgpu_chid_count(const struct nvgsp_fw_vgpu_type *t)
{
	u32 v = (NVGSP_VGPU_CHID_TOTAL - NVGSP_VGPU_CHID_HOST) / t->max_instance, p = 1;

	while (p * 2 <= v)
		p *= 2;
	return v ? p : 0;
}

/* Under mgr->lock: give the VF's place back unless it was chosen for it. */
static void vgpu_unplace(struct nvgsp_vgpu *vgpu)
{
	struct nvgsp_vgpu_mgr *mgr = vgpu->mgr;

	if (!mgr->vf_chosen[vgpu->p.vf])
		nvgsp_vgpu_mgr_drop_place(mgr, vgpu->p.vf);
}

/*
 * Under mgr->lock: the VF, the placement rule, channels and FB. The FB grant
 * holds the guest FB at its start and the heap right behind it (placement
 * mode gives one extent, so both are contiguous).
 */
static int vgpu_claim(struct nvgsp_vgpu *vgpu)
{
	struct nvgsp_vgpu_mgr *mgr = vgpu->mgr;
	const struct nvgsp_fw_vgpu_type *t = vgpu->type;
	struct nvgsp_vgpu_fb_request req = { 0 };
	unsigned int slots;
	u32 nchid = vgpu_chid_count(t);
	int ret;

	if (mgr->by_vf[vgpu->p.vf])
		return -EBUSY;
	/* The VF's place: the one chosen for it, or one taken for this vGPU. */
	ret = nvgsp_vgpu_mgr_take_place(mgr, vgpu->p.vf, t, false);
	if (ret) {
		if (ret == -EBUSY)
			nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
				     "vGPU: VF %u holds a place for type %u, not %u",
				     vgpu->p.vf, mgr->vf_type[vgpu->p.vf], t->id);
		return ret;
	}
	slots = nvgsp_vgpu_mgr_slots(mgr, t);
	ret = nvgsp_vgpu_chid_alloc(mgr->res, nchid, &vgpu->chids);
	if (ret) {
		vgpu_unplace(vgpu);
		return ret == -EINVAL ? -ENOSPC : ret;
	}
	req.bytes = t->fb_length + vgpu->heap_size;
	req.max_instance = slots;
	ret = nvgsp_vgpu_fb_alloc(mgr->res, &req, &vgpu->fb);
	if (ret || vgpu->fb.count != 1) {
		if (!ret)
			nvgsp_vgpu_fb_free(mgr->res, &vgpu->fb);
		nvgsp_vgpu_chid_free(mgr->res, &vgpu->chids);
		vgpu_unplace(vgpu);
		return ret == -EINVAL || !ret ? -ENOSPC : ret;
	}
	vgpu->heap_addr = vgpu->fb.ext[0].addr + t->fb_length;
	mgr->by_vf[vgpu->p.vf] = vgpu;
	mgr->vgpus++;
	return 0;
}

/* The reverse of vgpu_claim(); @scrubbed false keeps the FB out of use. */
static void vgpu_release(struct nvgsp_vgpu *vgpu, bool scrubbed)
{
	struct nvgsp_vgpu_mgr *mgr = vgpu->mgr;

	nvgsp_os_mutex_lock(mgr->lock);
	if (scrubbed)
		nvgsp_vgpu_fb_free(mgr->res, &vgpu->fb);
	else
		mgr->kept += vgpu->fb.bytes;
	nvgsp_vgpu_chid_free(mgr->res, &vgpu->chids);
	mgr->by_vf[vgpu->p.vf] = NULL;
	mgr->vgpus--;
	vgpu_unplace(vgpu);
	nvgsp_os_mutex_unlock(mgr->lock);
}

/* Scrub the whole grant (guest FB and heap): before a tenant, and after. */
static int vgpu_scrub(struct nvgsp_vgpu *vgpu)
{
	int ret = nvgsp_vgpu_fb_scrub(vgpu->mgr, vgpu->fb.ext[0].addr, vgpu->fb.bytes);

	if (ret)
		nvgsp_os_log(vgpu->mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU GFID %u: scrubbing FB 0x%llx+0x%llx failed: %d; it is not reused",
			     vgpu->gfid, (unsigned long long)vgpu->fb.ext[0].addr,
			     (unsigned long long)vgpu->fb.bytes, ret);
	return ret;
}

static int vgpu_bootload(struct nvgsp_vgpu *vgpu)
{
	struct nvgsp_vgpu_mgr *mgr = vgpu->mgr;
	const struct nvgsp_abi *abi = mgr->cfg.abi;
	const struct nvgsp_vgpu_heap_layout *l = &vgpu->layout;
	u32 size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_VGPU_BOOTLOAD);
	u64 fields = nvgsp_abi_codec_fields(abi, NVGSP_ABI_CODEC_VGPU_BOOTLOAD);
	struct nvgsp_abi_vgpu_bootload *b;
	u8 *params = NULL;
	u32 i;
	int ret;

	b = nvgsp_os_zalloc(sizeof(*b));
	if (!b)
		return -ENOMEM;
	ret = -EOPNOTSUPP;
	if (!size)
		goto out;
	b->dbdf = vgpu->dbdf;
	b->gfid = vgpu->gfid;
	b->vgpu_type = vgpu->type->id;
	b->vm_pid = vgpu->p.vm_pid;
	b->num_channels = vgpu->chids.count;
	b->num_plugin_channels = 1;	/* the RFCs' value */
	for (i = 0; i < mgr->nr_engines; i++)
		b->chid_offset[mgr->engines[i]] = vgpu->chids.first[i];
	b->num_fb_segments = 1;
	b->fb_seg_addr[0] = vgpu->fb.ext[0].addr;
	b->fb_seg_len[0] = vgpu->type->fb_length;
	/* The RFCs' conventions: the plugin heap is the whole management heap,
	 * the control region's offset is relative to it, the logs' "offsets"
	 * are FB addresses. */
	b->plugin_heap_addr = vgpu->heap_addr;
	b->plugin_heap_len = vgpu->heap_size;
	b->ctrl_buff_offset = l->ctrl.offset;
	b->init_log_offset = vgpu->heap_addr + l->init_task_log.offset;
	b->init_log_size = l->init_task_log.size;
	b->vgpu_log_offset = vgpu->heap_addr + l->vgpu_task_log.offset;
	b->vgpu_log_size = l->vgpu_task_log.size;
	if (fields & NVGSP_ABI_VGPU_BOOTLOAD_F_KERNEL_LOG_SIZE) {
		b->kernel_log_offset = vgpu->heap_addr + l->kernel_log.offset;
		b->kernel_log_size = l->kernel_log.size;
	}
	params = nvgsp_os_zalloc(size);
	ret = -ENOMEM;
	if (!params)
		goto out;
	ret = nvgsp_abi_encode_vgpu_bootload(abi, b, params, size);
	if (ret < 0)
		goto out;
	ret = nvgsp_rm_control(mgr->rm, vgpu->sd.h_client, vgpu->sd.h_subdevice,
			       NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_BOOTLOAD_GSP_VGPU_PLUGIN_TASK,
			       params, size);
out:
	if (ret)
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU GFID %u: BOOTLOAD_GSP_VGPU_PLUGIN_TASK (type %u) failed: %d",
			     vgpu->gfid, vgpu->type->id, ret);
	nvgsp_os_free(params);
	nvgsp_os_free(b);
	return ret;
}

/* SHUTDOWN_GSP_VGPU_PLUGIN_TASK or VGPU_PLUGIN_CLEANUP: { gfid }. */
static int vgpu_plugin_ctrl(struct nvgsp_vgpu *vgpu, u32 ctrl, enum nvgsp_abi_codec_id codec)
{
	const struct nvgsp_abi *abi = vgpu->mgr->cfg.abi;
	struct nvgsp_abi_vgpu_plugin_shutdown s = { .gfid = vgpu->gfid };
	u32 size = nvgsp_abi_codec_size(abi, codec);
	u8 params[16] = { 0 };

	/* vgpu_plugin_cleanup has the same single field. */
	if (!size || size > sizeof(params) || nvgsp_abi_encode(abi, codec, &s, params, size) < 0)
		return -EOPNOTSUPP;
	return nvgsp_rm_control(vgpu->mgr->rm, vgpu->sd.h_client, vgpu->sd.h_subdevice, ctrl,
				params, size);
}

static int vgpu_negotiate(struct nvgsp_vgpu *vgpu)
{
	const struct nvgsp_abi *abi = vgpu->mgr->cfg.abi;
	struct nvgsp_abi_vgpu_rpc_version v = { 0 };
	u32 size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_VGPU_RPC_VERSION);
	u8 buf[16] = { 0 };
	int ret;

	/* Like the RFCs, nothing proposed: the plugin answers with its version. */
	if (!size || size > sizeof(buf) || nvgsp_abi_encode_vgpu_rpc_version(abi, &v, buf, size) < 0)
		return -EOPNOTSUPP;
	ret = nvgsp_vgpu_rpc_call(vgpu, "VERSION_NEGOTIATION", vgpu_msg(abi, "version_negotiation"),
				  buf, size, buf, size);
	if (ret)
		return ret;
	nvgsp_abi_decode_vgpu_rpc_version(abi, &v, buf, size);
	/* 0 is no answer; all ones is what a read of a dead device returns. */
	if (!v.version_negotiated || v.version_negotiated == ~0u) {
		nvgsp_os_log(vgpu->mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU GFID %u: VERSION_NEGOTIATION answered version 0x%x; refused",
			     vgpu->gfid, v.version_negotiated);
		vgpu->rpc.broken = true;
		return -EPROTO;
	}
	vgpu->version = v.version_negotiated;
	return 0;
}

/* SETUP_CONFIG_PARAMS_AND_INIT, built field by field (Documentation/vgpu-manager.rst). */
static int vgpu_setup_config(struct nvgsp_vgpu *vgpu)
{
	const struct nvgsp_abi *abi = vgpu->mgr->cfg.abi;
	struct nvgsp_abi_vgpu_rpc_config c = { 0 };
	u32 size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_VGPU_RPC_CONFIG);
	u8 buf[256] = { 0 };

	if (!size || size > sizeof(buf))
		return -EOPNOTSUPP;
	memcpy(c.vgpu_uuid, vgpu->p.uuid, sizeof(c.vgpu_uuid));
	c.dbdf = vgpu->dbdf;
	c.vgpu_device_instance_id = vgpu->sd.h_client;	/* as the RFCs pass it */
	c.vgpu_type = vgpu->type->id;
	c.vm_pid = vgpu->p.vm_pid;
	c.num_channels = vgpu->chids.count;
	c.num_plugin_channels = 1;
	#ifdef __aarch64__
	c.host_cpu_arch = VGPU_HOST_CPU_AARCH64;
#else
	c.host_cpu_arch = VGPU_HOST_CPU_X86_64;
#endif
	c.host_page_size = 4096;
	if (nvgsp_abi_encode_vgpu_rpc_config(abi, &c, buf, size) < 0)
		return -EOPNOTSUPP;
	return nvgsp_vgpu_rpc_call(vgpu, "SETUP_CONFIG_PARAMS_AND_INIT",
				   vgpu_msg(abi, "setup_config_params_and_init"), buf, size, NULL, 0);
}

static void vgpu_free(struct nvgsp_vgpu *vgpu)
{
	nvgsp_os_mutex_destroy(vgpu->lock);
	nvgsp_os_free(vgpu);
}

int nvgsp_vgpu_create(struct nvgsp_vgpu_mgr *mgr, const struct nvgsp_vgpu_params *p,
		      struct nvgsp_vgpu **out)
{
	u16 vfs = nvgsp_gsp_vf_total(mgr->cfg.gsp);
	const struct nvgsp_fw_vgpu_type *t = nvgsp_vgpu_mgr_find_type(mgr, p->type_id);
	struct nvgsp_vgpu *vgpu;
	u32 rid;
	int ret;

	if (!t || p->vf >= vfs) {
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU: no %s %u (VFs 0..%u, %u types)", t ? "VF" : "type",
			     t ? p->vf : p->type_id, vfs - 1, mgr->cat.nr_types);
		return -EINVAL;
	}
	ret = nvgsp_vgpu_mgr_alive(mgr);
	if (ret)
		return ret;
	vgpu = nvgsp_os_zalloc(sizeof(*vgpu));
	if (!vgpu)
		return -ENOMEM;
	vgpu->mgr = mgr;
	vgpu->p = *p;
	vgpu->type = t;
	vgpu->gfid = p->vf + 1u;
	rid = (mgr->cfg.dbdf & 0xffffu) + mgr->cfg.vf_first_offset + (u32)p->vf * mgr->cfg.vf_stride;
	vgpu->dbdf = (mgr->cfg.dbdf & 0xffff0000u) | (rid & 0xffffu);
	vgpu->heap_size = vgpu_round_up(t->gsp_heap_size, mgr->segment);
	ret = nvgsp_vgpu_heap_layout(mgr->cfg.dev, &mgr->heap_sizes, vgpu->heap_size, &vgpu->layout);
	if (!ret)
		ret = nvgsp_os_mutex_create("nvgsp_vgpu", &vgpu->lock);
	if (ret) {
		nvgsp_os_free(vgpu);
		return ret;
	}

	nvgsp_os_mutex_lock(mgr->lock);
	ret = vgpu_claim(vgpu);
	nvgsp_os_mutex_unlock(mgr->lock);
	if (ret) {
		vgpu_free(vgpu);
		return ret;
	}

	nvgsp_os_mutex_lock(vgpu->lock);
	ret = vgpu_scrub(vgpu);
	if (ret) {
		nvgsp_os_mutex_unlock(vgpu->lock);
		vgpu_release(vgpu, false);
		vgpu_free(vgpu);
		return ret;
	}
	ret = nvgsp_rm_open(mgr->rm, &vgpu->sd);
	if (ret)
		goto fail_fb;
	ret = vgpu_bootload(vgpu);
	if (ret)
		goto fail_rm;
	vgpu->booted = true;
	nvgsp_vgpu_rpc_init(vgpu);
	ret = nvgsp_vgpu_rpc_start(vgpu);
	if (!ret)
		ret = nvgsp_vgpu_rpc_wait_boot(vgpu);
	if (!ret)
		ret = vgpu_negotiate(vgpu);
	if (!ret)
		ret = vgpu_setup_config(vgpu);
	if (ret)
		goto fail_plugin;
	nvgsp_os_mutex_unlock(vgpu->lock);
	nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_INFO, 0,
		     "vGPU GFID %u: %s (type %u) running, %llu MiB FB at 0x%llx, %u channels, RPC version 0x%x",
		     vgpu->gfid, t->name, t->id, (unsigned long long)(t->fb_length >> 20),
		     (unsigned long long)vgpu->fb.ext[0].addr, vgpu->chids.count, vgpu->version);
	*out = vgpu;
	return 0;

fail_plugin:
	nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
		     "vGPU GFID %u: the plugin task did not start: %d; undoing", vgpu->gfid, ret);
fail_rm:
	/* Freeing the client also stops what GSP-RM ran for it. */
	if (vgpu->booted) {
		vgpu_plugin_ctrl(vgpu, NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_SHUTDOWN_GSP_VGPU_PLUGIN_TASK,
				 NVGSP_ABI_CODEC_VGPU_PLUGIN_SHUTDOWN);
		vgpu_plugin_ctrl(vgpu, NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_VGPU_PLUGIN_CLEANUP,
				 NVGSP_ABI_CODEC_VGPU_PLUGIN_CLEANUP);
	}
	nvgsp_rm_close(mgr->rm, &vgpu->sd);
fail_fb:
	{
		bool clean = !vgpu_scrub(vgpu);

		nvgsp_os_mutex_unlock(vgpu->lock);
		vgpu_release(vgpu, clean);
	}
	vgpu_free(vgpu);
	return ret;
}

void nvgsp_vgpu_destroy(struct nvgsp_vgpu *vgpu)
{
	struct nvgsp_vgpu_mgr *mgr;
	bool clean;
	int ret;

	if (!vgpu)
		return;
	mgr = vgpu->mgr;
	nvgsp_os_mutex_lock(vgpu->lock);
	if (vgpu->booted && !nvgsp_vgpu_mgr_alive(mgr)) {
		ret = vgpu_plugin_ctrl(vgpu,
				       NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_SHUTDOWN_GSP_VGPU_PLUGIN_TASK,
				       NVGSP_ABI_CODEC_VGPU_PLUGIN_SHUTDOWN);
		if (!ret)
			ret = vgpu_plugin_ctrl(vgpu,
					       NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_VGPU_PLUGIN_CLEANUP,
					       NVGSP_ABI_CODEC_VGPU_PLUGIN_CLEANUP);
		if (ret)
			nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
				     "vGPU GFID %u: stopping the plugin task failed: %d; going on",
				     vgpu->gfid, ret);
	}
	nvgsp_rm_close(mgr->rm, &vgpu->sd);
	clean = !vgpu_scrub(vgpu);
	nvgsp_os_mutex_unlock(vgpu->lock);
	vgpu_release(vgpu, clean);
	nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_INFO, 0, "vGPU GFID %u: destroyed", vgpu->gfid);
	vgpu_free(vgpu);
}

int nvgsp_vgpu_reset(struct nvgsp_vgpu *vgpu)
{
	int ret;

	nvgsp_os_mutex_lock(vgpu->lock);
	ret = nvgsp_vgpu_rpc_call(vgpu, "RESET", vgpu_msg(vgpu->mgr->cfg.abi, "reset"),
				  NULL, 0, NULL, 0);
	nvgsp_os_mutex_unlock(vgpu->lock);
	return ret;
}

int nvgsp_vgpu_set_bme(struct nvgsp_vgpu *vgpu, bool enable)
{
	const struct nvgsp_abi *abi = vgpu->mgr->cfg.abi;
	struct nvgsp_abi_vgpu_rpc_bme b = { .enable = enable, .allowed = true };
	u32 size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_VGPU_RPC_BME);
	u8 buf[16] = { 0 };
	int ret;

	if (!size || size > sizeof(buf) || nvgsp_abi_encode_vgpu_rpc_bme(abi, &b, buf, size) < 0)
		return -EOPNOTSUPP;
	nvgsp_os_mutex_lock(vgpu->lock);
	ret = nvgsp_vgpu_rpc_call(vgpu, "UPDATE_BME_STATE", vgpu_msg(abi, "update_bme_state"),
				  buf, size, NULL, 0);
	nvgsp_os_mutex_unlock(vgpu->lock);
	return ret;
}

int nvgsp_vgpu_guest_info(struct nvgsp_vgpu *vgpu, struct nvgsp_vgpu_guest_info *out)
{
	struct nvgsp_abi_vgpu_rpc_resp r;
	int ret;

	nvgsp_os_mutex_lock(vgpu->lock);
	ret = nvgsp_vgpu_rpc_call(vgpu, "GET_GUEST_INFO",
				  vgpu_msg(vgpu->mgr->cfg.abi, "get_guest_info"), NULL, 0, NULL, 0);
	if (!ret)
		ret = nvgsp_vgpu_rpc_response(vgpu, &r);
	nvgsp_os_mutex_unlock(vgpu->lock);
	if (ret)
		return ret;
	out->guest_rpc_version = r.guest_rpc_version;
	out->grid_license_state = r.grid_license_state;
	out->guest_os_type = r.guest_os_type;
	out->frl_config = r.frl_config;
	return 0;
}

u32 nvgsp_vgpu_gfid(const struct nvgsp_vgpu *vgpu)
{
	return vgpu->gfid;
}

static const struct nvgsp_vgpu_heap_region *vgpu_log_region(const struct nvgsp_vgpu *vgpu,
							    enum nvgsp_vgpu_log log)
{
	u64 fields = nvgsp_abi_codec_fields(vgpu->mgr->cfg.abi, NVGSP_ABI_CODEC_VGPU_BOOTLOAD);

	switch (log) {
	case NVGSP_VGPU_LOG_INIT:
		return &vgpu->layout.init_task_log;
	case NVGSP_VGPU_LOG_VGPU:
		return &vgpu->layout.vgpu_task_log;
	case NVGSP_VGPU_LOG_KERNEL:
		if (fields & NVGSP_ABI_VGPU_BOOTLOAD_F_KERNEL_LOG_SIZE)
			return &vgpu->layout.kernel_log;
		return NULL;
	default:
		return NULL;
	}
}

u32 nvgsp_vgpu_log_size(const struct nvgsp_vgpu *vgpu, enum nvgsp_vgpu_log log)
{
	const struct nvgsp_vgpu_heap_region *r = vgpu_log_region(vgpu, log);

	return r ? (u32)r->size : 0;
}

long nvgsp_vgpu_log_read(struct nvgsp_vgpu *vgpu, enum nvgsp_vgpu_log log, u64 off,
			    void *buf, size_t len)
{
	const struct nvgsp_vgpu_heap_region *r = vgpu_log_region(vgpu, log);
	int ret;

	if (!r)
		return -EINVAL;
	if (off >= r->size)
		return 0;
	if (len > r->size - off)
		len = (size_t)(r->size - off);
	/* The FB window moves whole dwords. */
	if ((off | len) & 3)
		return -EINVAL;
	ret = nvgsp_vgpu_fb_copy_out(vgpu->mgr, vgpu->heap_addr + r->offset + off, buf, (u32)len);
	return ret ? ret : (long)len;
}

long nvgsp_vgpu_mgr_log_read(struct nvgsp_vgpu_mgr *mgr, u16 vf, enum nvgsp_vgpu_log log,
			     u64 off, void *buf, size_t len)
{
	long ret = -ENODEV;

	if (vf >= nvgsp_gsp_vf_total(mgr->cfg.gsp))
		return -EINVAL;
	nvgsp_os_mutex_lock(mgr->lock);
	if (mgr->by_vf[vf])
		ret = nvgsp_vgpu_log_read(mgr->by_vf[vf], log, off, buf, len);
	nvgsp_os_mutex_unlock(mgr->lock);
	return ret;
}
