// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vgpu_mgr.c - the PF side of the vGPU manager: set-up (RM client,
 * VMMU segment size, engine list, the type catalogue forwarded to GSP-RM,
 * the allocators), the type table and its accounting, and FB access for
 * the vGPUs' files. Documentation/vgpu-manager.rst.
 */
#include "vgpu/nvgsp_vgpu_internal.h"

/* The catalogue control nvgsp forwards: the only one accepted (allow-list). */
#define VGPU_MGR_FORWARD_CTRL	NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_PGPU_ADD_VGPU_TYPE

int nvgsp_vgpu_mgr_alive(struct nvgsp_vgpu_mgr *mgr)
{
	switch (nvgsp_gsp_state(mgr->cfg.gsp, NULL, 0)) {
	case NVGSP_RPC_RUNNING:
		return 0;
	case NVGSP_RPC_GONE:
		return -ENODEV;
	default:
		return -EIO;
	}
}

/*
 * While waiting for a plugin: the plugin's answers come through FB, not
 * through GSP-RM's queues, so a GSP-RM that died since the last RPC would
 * go unnoticed by the transport. Each look asks the hardware too
 * (nvgsp_gsp_check_alive(): two register reads, never waits), so a dead
 * GSP-RM ends the wait at once instead of after the timeout.
 */
int nvgsp_vgpu_mgr_alive_hw(struct nvgsp_vgpu_mgr *mgr)
{
	int ret = nvgsp_gsp_check_alive(mgr->cfg.gsp);

	if (ret == -EIO || ret == -ENODEV)
		return ret;
	return nvgsp_vgpu_mgr_alive(mgr);
}

/* FB access: one window user at a time; the window lock is never held long. */
int nvgsp_vgpu_fb_copy_out(struct nvgsp_vgpu_mgr *mgr, u64 addr, void *buf, u32 len)
{
	int ret;

	nvgsp_os_mutex_lock(mgr->fb_lock);
	ret = nvgsp_vgpu_fb_read(&mgr->fb, addr, buf, len);
	nvgsp_os_mutex_unlock(mgr->fb_lock);
	return ret;
}

int nvgsp_vgpu_fb_copy_in(struct nvgsp_vgpu_mgr *mgr, u64 addr, const void *buf, u32 len)
{
	int ret;

	nvgsp_os_mutex_lock(mgr->fb_lock);
	ret = nvgsp_vgpu_fb_write(&mgr->fb, addr, buf, len);
	nvgsp_os_mutex_unlock(mgr->fb_lock);
	return ret;
}

/*
 * Zero [@addr, @addr + @size) through the FB window, one window's worth
 * (1 MiB) per lock hold, so that other vGPUs' RPCs are not held up behind a
 * scrub of GiBs (Documentation/vgpu-fb.rst: why the window, and its cost).
 */
#define VGPU_SCRUB_CHUNK	(1ull << 20)

int nvgsp_vgpu_fb_scrub(struct nvgsp_vgpu_mgr *mgr, u64 addr, u64 size)
{
	while (size) {
		u64 n = size < VGPU_SCRUB_CHUNK ? size : VGPU_SCRUB_CHUNK;
		int ret;

		nvgsp_os_mutex_lock(mgr->fb_lock);
		ret = nvgsp_vgpu_fb_set(&mgr->fb, addr, 0, n);
		nvgsp_os_mutex_unlock(mgr->fb_lock);
		if (ret)
			return ret;
		addr += n;
		size -= n;
		nvgsp_os_cond_resched();
	}
	return 0;
}

/* NV2080_CTRL_CMD_GPU_GET_VMMU_SEGMENT_SIZE, read once. */
static int vgpu_mgr_segment(struct nvgsp_vgpu_mgr *mgr)
{
	u64 seg;
	int ret;

	ret = nvgsp_gsp_vmmu_segment_size(mgr->cfg.gsp, &mgr->own, &seg);
	if (ret) {
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU: NV2080_CTRL_CMD_GPU_GET_VMMU_SEGMENT_SIZE failed: %d", ret);
		return ret;
	}
	if (seg < NVGSP_VGPU_SEGMENT_MIN || seg > NVGSP_VGPU_SEGMENT_MAX || (seg & (seg - 1))) {
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU: GSP-RM's VMMU segment size 0x%llx is not a power of two in 32 MiB..512 MiB",
			     (unsigned long long)seg);
		return -EPROTO;
	}
	mgr->segment = seg;
	return 0;
}

/* NV2080_CTRL_CMD_GPU_GET_ENGINES_V2: the engine types channels are given in. */
static int vgpu_mgr_engines(struct nvgsp_vgpu_mgr *mgr)
{
	const struct nvgsp_abi *abi = mgr->cfg.abi;
	struct nvgsp_abi_gpu_engines *e;
	u32 psize = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_GPU_ENGINES);
	u64 max_engines;
	u8 *params;
	u32 i;
	int ret;

	if (nvgsp_abi_param(abi, "vgpu.max_engines", &max_engines) || !max_engines ||
	    max_engines > ARRAY_SIZE(mgr->engines) || !psize) {
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU: GSP-RM %s has no usable vgpu.max_engines or GET_ENGINES_V2 layout",
			     abi->release);
		return -EOPNOTSUPP;
	}
	mgr->max_engines = (u32)max_engines;
	params = nvgsp_os_zalloc(psize);
	e = nvgsp_os_zalloc(sizeof(*e));
	if (!params || !e) {
		ret = -ENOMEM;
		goto out;
	}
	ret = nvgsp_rm_control(mgr->rm, mgr->own.h_client, mgr->own.h_subdevice,
			       NVGSP_ABI_CTRL_NV2080_GPU_GET_ENGINES_V2, params, psize);
	if (ret)
		goto out;
	ret = nvgsp_abi_decode_gpu_engines(abi, e, params, psize);
	if (ret < 0)
		goto out;
	ret = 0;
	if (!e->engine_count || e->engine_count > ARRAY_SIZE(e->engine_list)) {
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU: GET_ENGINES_V2 engineCount %u is outside 1..%zu",
			     e->engine_count, ARRAY_SIZE(e->engine_list));
		ret = -EPROTO;
		goto out;
	}
	for (i = 0; i < e->engine_count; i++) {
		if (e->engine_list[i] >= mgr->max_engines) {
			nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
				     "vGPU: GET_ENGINES_V2 engineList[%u] %u is not below NV2080_GPU_MAX_ENGINES %u",
				     i, e->engine_list[i], mgr->max_engines);
			ret = -EPROTO;
			goto out;
		}
		mgr->engines[i] = e->engine_list[i];
	}
	mgr->nr_engines = e->engine_count;
out:
	if (ret)
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU: reading GSP-RM's engine list failed: %d", ret);
	nvgsp_os_free(e);
	nvgsp_os_free(params);
	return ret;
}

/*
 * Every type must give its guest a whole number of VMMU segments, and one
 * guest FB plus its heap must fit in the FB left to vGPUs; a type that does
 * not is dropped with a line, the others stay.
 */
static void vgpu_mgr_check_types(struct nvgsp_vgpu_mgr *mgr)
{
	struct nvgsp_fw_vgpu_catalogue *cat = &mgr->cat;
	unsigned int i, n = 0;

	for (i = 0; i < cat->nr_types; i++) {
		const struct nvgsp_fw_vgpu_type *t = &cat->types[i];
		u64 room = mgr->fb_size;
		u64 heap = t->gsp_heap_size <= room ?
			   vgpu_round_up(t->gsp_heap_size, mgr->segment) : ~0ull;

		if (!t->fb_length || t->fb_length % mgr->segment) {
			nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_WARN, 0,
				     "vGPU: type %u (%s): fb_length 0x%llx is not a whole number of %llu MiB VMMU segments; not offered",
				     t->id, t->name, (unsigned long long)t->fb_length,
				     (unsigned long long)(mgr->segment >> 20));
			continue;
		}
		if (!t->gsp_heap_size || t->fb_length > room || heap > room - t->fb_length) {
			nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_WARN, 0,
				     "vGPU: type %u (%s): %llu MiB FB and a %llu MiB heap do not fit the %llu MiB left to vGPUs; not offered",
				     t->id, t->name, (unsigned long long)(t->fb_length >> 20),
				     (unsigned long long)(t->gsp_heap_size >> 20),
				     (unsigned long long)(mgr->fb_size >> 20));
			continue;
		}
		if (n != i)
			cat->types[n] = *t;
		n++;
	}
	cat->nr_types = n;
}

/*
 * Forward the catalogue's control to GSP-RM: only PGPU_ADD_VGPU_TYPE, with
 * exactly the release's parameter size, sent from a copy (the catalogue's
 * bytes live in the caller's firmware buffer).
 */
static int vgpu_mgr_forward_types(struct nvgsp_vgpu_mgr *mgr)
{
	const struct nvgsp_fw_vgpu_catalogue *cat = mgr->cfg.types;
	const struct nvgsp_fw_blob *file = mgr->cfg.types_file;
	u64 want;
	u32 id;
	void *params;
	int ret;

	if (nvgsp_abi_ctrl_id(mgr->cfg.abi, cat->rmctrl_cmd, &id) || id != VGPU_MGR_FORWARD_CTRL) {
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU: the type catalogue's RM control 0x%08x is not PGPU_ADD_VGPU_TYPE; refused",
			     cat->rmctrl_cmd);
		return -EPERM;
	}
	if (nvgsp_abi_param(mgr->cfg.abi, "vgpu.add_type_params_size", &want) ||
	    cat->rmctrl.size != want || !file || cat->rmctrl.offset > file->size ||
	    cat->rmctrl.size > file->size - cat->rmctrl.offset) {
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU: the type catalogue's PGPU_ADD_VGPU_TYPE parameters are %u bytes, GSP-RM %s wants %llu; refused",
			     (u32)cat->rmctrl.size, mgr->cfg.abi->release, (unsigned long long)want);
		return -EINVAL;
	}
	params = nvgsp_os_zalloc(cat->rmctrl.size);
	if (!params)
		return -ENOMEM;
	memcpy(params, file->data + cat->rmctrl.offset, cat->rmctrl.size);
	ret = nvgsp_rm_control(mgr->rm, mgr->own.h_client, mgr->own.h_subdevice, id, params,
			       (u32)cat->rmctrl.size);
	nvgsp_os_free(params);
	if (ret)
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU: PGPU_ADD_VGPU_TYPE with %u types failed: %d", cat->nr_types, ret);
	return ret;
}

/* The FB window over all of FB, and the part GSP-RM leaves to vGPUs. */
static int vgpu_mgr_fb(struct nvgsp_vgpu_mgr *mgr)
{
	const u8 *wire;
	size_t len;
	int ret;

	ret = nvgsp_vgpu_fb_init(&mgr->fb, mgr->cfg.bar0, mgr->cfg.dev, mgr->cfg.chip,
				 nvgsp_gsp_static_info(mgr->cfg.gsp)->fb_length);
	if (ret)
		return ret;
	wire = nvgsp_gsp_static_info_wire(mgr->cfg.gsp, &len);
	return nvgsp_vgpu_fb_usable(mgr->cfg.dev, mgr->cfg.abi, wire, len, &mgr->fb_base,
				    &mgr->fb_size);
}

static int vgpu_mgr_allocators(struct nvgsp_vgpu_mgr *mgr)
{
	struct nvgsp_vgpu_res_config *rc;
	u32 i;
	int ret;

	rc = nvgsp_os_zalloc(sizeof(*rc));
	if (!rc)
		return -ENOMEM;
	rc->fb_base = mgr->fb_base;
	rc->fb_size = mgr->fb_size;
	rc->segment = mgr->segment;
	rc->num_engines = mgr->nr_engines;
	for (i = 0; i < mgr->nr_engines; i++) {
		rc->chid_total[i] = NVGSP_VGPU_CHID_TOTAL;
		rc->chid_host_reserved[i] = NVGSP_VGPU_CHID_HOST;
	}
	rc->max_vgpus = nvgsp_gsp_vf_total(mgr->cfg.gsp);
	ret = nvgsp_vgpu_res_create(mgr->cfg.dev, rc, &mgr->res);
	nvgsp_os_free(rc);
	return ret;
}

/* The manager's own memory and locks (what create allocates first). */
static void vgpu_mgr_free(struct nvgsp_vgpu_mgr *mgr)
{
	nvgsp_os_mutex_destroy(mgr->fb_lock);
	nvgsp_os_mutex_destroy(mgr->lock);
	nvgsp_os_free(mgr->vf_chosen);
	nvgsp_os_free(mgr->vf_type);
	nvgsp_os_free(mgr->by_vf);
	nvgsp_os_free(mgr);
}

int nvgsp_vgpu_mgr_create(const struct nvgsp_vgpu_mgr_config *cfg,
			  struct nvgsp_vgpu_mgr **out)
{
	struct nvgsp_vgpu_mgr *mgr;
	u16 vfs = cfg->gsp ? nvgsp_gsp_vf_total(cfg->gsp) : 0;
	int ret;

	if (!cfg->gsp || !cfg->abi || !cfg->bar0 || !cfg->chip || !vfs)
		return -EINVAL;
	mgr = nvgsp_os_zalloc(sizeof(*mgr));
	if (!mgr)
		return -ENOMEM;
	mgr->cfg = *cfg;
	if (!mgr->cfg.timeout_scale)
		mgr->cfg.timeout_scale = 1;
	if (cfg->types)
		mgr->cat = *cfg->types;
	mgr->cfg.types = NULL;
	mgr->rm = nvgsp_gsp_rm(cfg->gsp);
	mgr->by_vf = nvgsp_os_zalloc(sizeof(*mgr->by_vf) * vfs);
	mgr->vf_type = nvgsp_os_zalloc(sizeof(*mgr->vf_type) * vfs);
	mgr->vf_chosen = nvgsp_os_zalloc(sizeof(*mgr->vf_chosen) * vfs);
	ret = mgr->by_vf && mgr->vf_type && mgr->vf_chosen ? 0 : -ENOMEM;
	if (!ret)
		ret = nvgsp_os_mutex_create("nvgsp_vgpu_mgr", &mgr->lock);
	if (!ret)
		ret = nvgsp_os_mutex_create("nvgsp_vgpu_fb", &mgr->fb_lock);
	if (!ret)
		ret = vgpu_mgr_fb(mgr);
	if (ret)
		goto fail;
	ret = nvgsp_vgpu_mgr_alive(mgr);
	if (!ret)
		ret = nvgsp_rm_open(mgr->rm, &mgr->own);
	if (ret)
		goto fail;
	ret = nvgsp_vgpu_heap_sizes(cfg->dev, cfg->abi, &mgr->heap_sizes);
	if (!ret)
		ret = nvgsp_vgpu_rpc_layout(mgr);
	if (!ret)
		ret = vgpu_mgr_segment(mgr);
	if (!ret)
		ret = vgpu_mgr_engines(mgr);
	if (!ret && cfg->types && cfg->types->nr_types) {
		mgr->cfg.types = cfg->types;
		ret = vgpu_mgr_forward_types(mgr);
		mgr->cfg.types = NULL;
	}
	if (ret)
		goto fail_rm;
	vgpu_mgr_check_types(mgr);
	ret = vgpu_mgr_allocators(mgr);
	if (ret)
		goto fail_rm;
	nvgsp_os_log(cfg->dev, NVGSP_LOG_INFO, 0,
		     "vGPU: %u types, VMMU segment %llu MiB, %llu MiB FB for vGPUs at 0x%llx, channels %u..%u in %u engines, %u VFs",
		     mgr->cat.nr_types, (unsigned long long)(mgr->segment >> 20),
		     (unsigned long long)(mgr->fb_size >> 20),
		     (unsigned long long)mgr->fb_base, NVGSP_VGPU_CHID_HOST,
		     NVGSP_VGPU_CHID_TOTAL - 1, mgr->nr_engines, vfs);
	*out = mgr;
	return 0;

fail_rm:
	nvgsp_rm_close(mgr->rm, &mgr->own);
fail:
	nvgsp_os_log(cfg->dev, NVGSP_LOG_ERR, 0, "vGPU: the manager did not start: %d", ret);
	vgpu_mgr_free(mgr);
	return ret;
}

void nvgsp_vgpu_mgr_destroy(struct nvgsp_vgpu_mgr *mgr)
{
	u16 vf, vfs;

	if (!mgr)
		return;
	vfs = nvgsp_gsp_vf_total(mgr->cfg.gsp);
	for (vf = 0; vf < vfs; vf++) {
		struct nvgsp_vgpu *vgpu = mgr->by_vf[vf];

		if (!vgpu)
			continue;
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_WARN, 0,
			     "vGPU: GFID %u (type %u) still alive at manager teardown; destroying it",
			     vgpu->gfid, vgpu->p.type_id);
		nvgsp_vgpu_destroy(vgpu);
	}
	if (mgr->kept)
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_WARN, 0,
			     "vGPU: %llu MiB of FB were kept out of use because their scrub failed",
			     (unsigned long long)(mgr->kept >> 20));
	nvgsp_vgpu_res_destroy(mgr->res);
	nvgsp_rm_close(mgr->rm, &mgr->own);
	vgpu_mgr_free(mgr);
}

u16 nvgsp_vgpu_mgr_vfs(const struct nvgsp_vgpu_mgr *mgr)
{
	return nvgsp_gsp_vf_total(mgr->cfg.gsp);
}

u64 nvgsp_vgpu_mgr_segment_size(const struct nvgsp_vgpu_mgr *mgr)
{
	return mgr->segment;
}

unsigned int nvgsp_vgpu_mgr_nr_types(const struct nvgsp_vgpu_mgr *mgr)
{
	return mgr->cat.nr_types;
}

const struct nvgsp_fw_vgpu_type *nvgsp_vgpu_mgr_type(const struct nvgsp_vgpu_mgr *mgr,
						      unsigned int index)
{
	return index < mgr->cat.nr_types ? &mgr->cat.types[index] : NULL;
}

unsigned int nvgsp_vgpu_mgr_available(struct nvgsp_vgpu_mgr *mgr, u32 type_id)
{
	const struct nvgsp_fw_vgpu_type *t = nvgsp_vgpu_mgr_find_type(mgr, type_id);
	unsigned int slots, avail;
	u16 vf, vfs = nvgsp_gsp_vf_total(mgr->cfg.gsp), free_vfs = 0;

	if (!t)
		return 0;
	nvgsp_os_mutex_lock(mgr->lock);
	if (mgr->placed_type && mgr->placed_type != type_id) {
		nvgsp_os_mutex_unlock(mgr->lock);
		return 0;
	}
	slots = nvgsp_vgpu_mgr_slots(mgr, t);
	avail = slots > mgr->placed ? slots - mgr->placed : 0;
	for (vf = 0; vf < vfs; vf++)
		if (!mgr->vf_type[vf])
			free_vfs++;
	nvgsp_os_mutex_unlock(mgr->lock);
	return avail < free_vfs ? avail : free_vfs;
}

/*
 * Homogeneous placement: the FB left to vGPUs is cut into as many equal
 * slots as the type allows (its max_instance, fewer when one guest FB plus
 * its heap does not fit max_instance times), and the channel pool likewise.
 */
unsigned int nvgsp_vgpu_mgr_slots(struct nvgsp_vgpu_mgr *mgr,
				  const struct nvgsp_fw_vgpu_type *t)
{
	struct nvgsp_vgpu_res_usage u;
	u64 need = t->fb_length + vgpu_round_up(t->gsp_heap_size, mgr->segment);
	u64 fit;

	nvgsp_vgpu_res_usage(mgr->res, &u);
	fit = need ? u.fb_size / need : 0;
	return fit < t->max_instance ? (unsigned int)fit : t->max_instance;
}

void nvgsp_vgpu_mgr_usage(struct nvgsp_vgpu_mgr *mgr, struct nvgsp_vgpu_usage *out)
{
	struct nvgsp_vgpu_res_usage u;

	memset(out, 0, sizeof(*out));
	nvgsp_os_mutex_lock(mgr->lock);
	nvgsp_vgpu_res_usage(mgr->res, &u);
	out->vgpus = mgr->vgpus;
	out->fb_used = u.fb_used;
	out->fb_total = u.fb_size;
	out->chids_used = u.chid_used * mgr->nr_engines;
	nvgsp_os_mutex_unlock(mgr->lock);
	out->rm_objects = nvgsp_rm_objects(mgr->rm);
}
