// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vgpu_select.c - which vGPU type a VF will carry: the semantics of the
 * VF's nvidia/creatable_vgpu_types and nvidia/current_vgpu_type files
 * (Documentation/vgpu-manager.rst, "Choosing a VF's type"), kept in the
 * portable core so that the VFIO front end only formats sysfs.
 *
 * A VF holds a *place* for one type: chosen (current_vgpu_type written), or
 * taken for the time a vGPU lives when nvgsp_vgpu_create() is called on a VF
 * with none. Places obey homogeneous placement: every place on a GPU is of
 * one type, and a type has as many places as nvgsp_vgpu_mgr_slots() gives.
 */
#include "vgpu/nvgsp_vgpu_internal.h"

const struct nvgsp_fw_vgpu_type *nvgsp_vgpu_mgr_find_type(const struct nvgsp_vgpu_mgr *mgr,
							   u32 type_id)
{
	unsigned int i;

	for (i = 0; i < mgr->cat.nr_types; i++)
		if (mgr->cat.types[i].id == type_id)
			return &mgr->cat.types[i];
	return NULL;
}

int nvgsp_vgpu_mgr_take_place(struct nvgsp_vgpu_mgr *mgr, u16 vf,
			      const struct nvgsp_fw_vgpu_type *t, bool chosen)
{
	unsigned int slots;

	nvgsp_os_mutex_assert_held(mgr->lock);
	if (mgr->vf_type[vf])
		return mgr->vf_type[vf] == t->id ? 0 : -EBUSY;
	if (mgr->placed_type && mgr->placed_type != t->id) {
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU: type %u cannot join vGPUs of type %u on one GPU (homogeneous placement)",
			     t->id, mgr->placed_type);
		return -ENOSPC;
	}
	slots = nvgsp_vgpu_mgr_slots(mgr, t);
	if (mgr->placed >= slots) {
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU: type %u (%s): all %u places this GPU has are taken",
			     t->id, t->name, slots);
		return -ENOSPC;
	}
	mgr->vf_type[vf] = t->id;
	mgr->vf_chosen[vf] = chosen;
	mgr->placed++;
	mgr->placed_type = t->id;
	return 0;
}

void nvgsp_vgpu_mgr_drop_place(struct nvgsp_vgpu_mgr *mgr, u16 vf)
{
	nvgsp_os_mutex_assert_held(mgr->lock);
	if (!mgr->vf_type[vf])
		return;
	mgr->vf_type[vf] = 0;
	mgr->vf_chosen[vf] = false;
	if (!--mgr->placed)
		mgr->placed_type = 0;
}

int nvgsp_vgpu_mgr_select(struct nvgsp_vgpu_mgr *mgr, u16 vf, u32 type_id)
{
	const struct nvgsp_fw_vgpu_type *t = NULL;
	int ret = 0;

	if (vf >= nvgsp_vgpu_mgr_vfs(mgr))
		return -EINVAL;
	if (type_id) {
		t = nvgsp_vgpu_mgr_find_type(mgr, type_id);
		if (!t) {
			nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
				     "vGPU: VF %u: no type %u (%u types)", vf, type_id,
				     mgr->cat.nr_types);
			return -EINVAL;
		}
	}
	nvgsp_os_mutex_lock(mgr->lock);
	if (mgr->by_vf[vf]) {
		ret = -EBUSY;	/* in use: its type stays */
	} else if (!t) {
		nvgsp_vgpu_mgr_drop_place(mgr, vf);
	} else if (mgr->vf_type[vf] && mgr->vf_type[vf] != type_id) {
		ret = -EBUSY;	/* another type first needs 0 */
	} else {
		ret = nvgsp_vgpu_mgr_take_place(mgr, vf, t, true);
		if (!ret)
			mgr->vf_chosen[vf] = true;
	}
	nvgsp_os_mutex_unlock(mgr->lock);
	return ret;
}

u32 nvgsp_vgpu_mgr_selected(struct nvgsp_vgpu_mgr *mgr, u16 vf)
{
	u32 id;

	if (vf >= nvgsp_vgpu_mgr_vfs(mgr))
		return 0;
	nvgsp_os_mutex_lock(mgr->lock);
	id = mgr->vf_type[vf];
	nvgsp_os_mutex_unlock(mgr->lock);
	return id;
}

long nvgsp_vgpu_mgr_creatable(struct nvgsp_vgpu_mgr *mgr, u16 vf, char *buf, size_t len)
{
	unsigned int i;
	size_t n;

	if (vf >= nvgsp_vgpu_mgr_vfs(mgr) || !len)
		return -EINVAL;
	buf[0] = '\0';
	if (nvgsp_vgpu_mgr_selected(mgr, vf))
		return 0;
	n = (size_t)nvgsp_os_snprintf(buf, len, "ID    : vGPU Name\n");
	for (i = 0; i < mgr->cat.nr_types && n < len; i++) {
		const struct nvgsp_fw_vgpu_type *t = &mgr->cat.types[i];

		if (!nvgsp_vgpu_mgr_available(mgr, t->id))
			continue;
		n += (size_t)nvgsp_os_snprintf(buf + n, len - n, "%-5u : %s\n", t->id, t->name);
	}
	/* nvgsp_os_snprintf() cuts: output that fills @buf may have been cut. */
	if (n + 1 >= len)
		return -E2BIG;
	return (long)n;
}

unsigned int nvgsp_vgpu_mgr_vf_can_take(struct nvgsp_vgpu_mgr *mgr, u16 vf, u32 type_id)
{
	bool in_use;
	u32 held;

	if (vf >= nvgsp_vgpu_mgr_vfs(mgr) || !nvgsp_vgpu_mgr_find_type(mgr, type_id))
		return 0;
	nvgsp_os_mutex_lock(mgr->lock);
	in_use = mgr->by_vf[vf] != NULL;
	held = mgr->vf_type[vf];
	nvgsp_os_mutex_unlock(mgr->lock);
	if (in_use)
		return 0;
	if (held)
		return held == type_id;
	return nvgsp_vgpu_mgr_available(mgr, type_id) ? 1 : 0;
}

long nvgsp_vgpu_mgr_describe(const struct nvgsp_vgpu_mgr *mgr, u32 type_id, char *buf, size_t len)
{
	const struct nvgsp_fw_vgpu_type *t = nvgsp_vgpu_mgr_find_type(mgr, type_id);
	int n;

	if (!t || !len)
		return -EINVAL;
	n = nvgsp_os_snprintf(buf, len, "framebuffer=%lluM, max_instance=%u\n",
			      (unsigned long long)(t->fb_length >> 20), t->max_instance);
	/* nvgsp_os_snprintf() cuts: output that fills @buf may have been cut. */
	if (n < 0 || (size_t)n + 1 >= len)
		return -E2BIG;
	return n;
}

int nvgsp_vgpu_mgr_parse_type(const char *buf, size_t len, u32 *type_id)
{
	u64 v = 0;
	size_t i;

	if (len && buf[len - 1] == '\n')
		len--;
	if (!len || len > 10)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (buf[i] < '0' || buf[i] > '9')
			return -EINVAL;
		v = v * 10 + (u64)(buf[i] - '0');
	}
	if (v > 0xffffffffull)
		return -ERANGE;
	*type_id = (u32)v;
	return 0;
}
