// SPDX-License-Identifier: GPL-2.0-only
/*
 * unit_vgpu.c - a PF booted for vGPU on gpusim, for the vGPU manager
 * suites, and the model lock; see unit_vgpu.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_vgpu.h"
#include "gpusim_vgpumeta.h"
#include "rm/nvgsp_rm.h"

#define R535 "535.113.01"
#define R570 "570.144"

/*
 * Sized by its declaration in unit_vgpu.h. The boards are gpusim's SR-IOV
 * boards (gpusim_sriov.c) with the FB of the real board; the A100 and the
 * H100 PCIe are gpusim's default boards for ga100 and gh100, the A40 and
 * the L40 are not (their chips default to GeForce boards without SR-IOV).
 */
const struct unit_vgpu_row unit_vgpu_rows[] = {
	{ "ga100", R535, 0x20b0, 40 * 1024, "A100 SXM4 40GB" },
	{ "ga102", R535, 0x2235, 48 * 1024, "A40" },
	{ "ad102", R535, 0x26b5, 48 * 1024, "L40" },
	{ "ga100", R570, 0x20b0, 40 * 1024, "A100 SXM4 40GB" },
	{ "ga102", R570, 0x2235, 48 * 1024, "A40" },
	{ "ad102", R570, 0x26b5, 48 * 1024, "L40" },
	{ "gh100", R570, 0x2331, 80 * 1024, "H100 PCIe" },
};

/* --- the model lock (DOC in unit_vgpu.h) --- */

/* Called from any thread: no Check assertion here (they are not thread-safe). */
void unit_vgpu_model_lock(struct unit_vgpu_model *m)
{
	if (pthread_mutex_lock(&m->lock))
		abort();
	m->entries++;
}

void unit_vgpu_model_unlock(struct unit_vgpu_model *m)
{
	if (pthread_mutex_unlock(&m->lock))
		abort();
}

static u32 unit_vgpu_rd32(void *ctx, u32 offset)
{
	struct unit_vgpu_model *m = ctx;
	u32 v;

	unit_vgpu_model_lock(m);
	v = gpusim_rd32(m->sim, offset);
	unit_vgpu_model_unlock(m);
	return v;
}

static void unit_vgpu_wr32(void *ctx, u32 offset, u32 value)
{
	struct unit_vgpu_model *m = ctx;

	unit_vgpu_model_lock(m);
	gpusim_wr32(m->sim, offset, value);
	unit_vgpu_model_unlock(m);
}

/* The bulk accesses (the PRAMIN window's), one model entry each. */
static void unit_vgpu_read(void *ctx, u32 offset, void *buf, u32 len)
{
	struct unit_vgpu_model *m = ctx;

	unit_vgpu_model_lock(m);
	gpusim_bar0_ops.read(m->sim, offset, buf, len);
	unit_vgpu_model_unlock(m);
}

static void unit_vgpu_write(void *ctx, u32 offset, const void *buf, u32 len)
{
	struct unit_vgpu_model *m = ctx;

	unit_vgpu_model_lock(m);
	gpusim_bar0_ops.write(m->sim, offset, buf, len);
	unit_vgpu_model_unlock(m);
}

static void unit_vgpu_set(void *ctx, u32 offset, u8 value, u32 len)
{
	struct unit_vgpu_model *m = ctx;

	unit_vgpu_model_lock(m);
	gpusim_bar0_ops.set(m->sim, offset, value, len);
	unit_vgpu_model_unlock(m);
}

const struct nvgsp_os_bar_ops unit_vgpu_bar0_ops = {
	.rd32 = unit_vgpu_rd32,
	.wr32 = unit_vgpu_wr32,
	.read = unit_vgpu_read,
	.write = unit_vgpu_write,
	.set = unit_vgpu_set,
};

void unit_vgpu_tick_hook(void *model, u64 now_ns)
{
	struct unit_vgpu_model *m = model;

	unit_vgpu_model_lock(m);
	gpusim_tick(m->sim, now_ns);
	unit_vgpu_model_unlock(m);
}

void unit_vgpu_model_init(struct unit_vgpu_model *m, struct unit_gsp *g)
{
	pthread_mutexattr_t attr;

	memset(m, 0, sizeof(*m));
	ck_assert_int_eq(pthread_mutexattr_init(&attr), 0);
	ck_assert_int_eq(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE), 0);
	ck_assert_int_eq(pthread_mutex_init(&m->lock, &attr), 0);
	pthread_mutexattr_destroy(&attr);
	m->sim = g->sim;
	g->bar.ops = &unit_vgpu_bar0_ops;
	g->bar.ctx = m;
	nvgsp_os_user_set_tick(unit_vgpu_tick_hook, m);
}

void unit_vgpu_model_fini(struct unit_vgpu_model *m)
{
	nvgsp_os_user_set_tick(NULL, NULL);
	ck_assert_int_eq(pthread_mutex_destroy(&m->lock), 0);
	m->sim = NULL;
}

/* --- a PF booted for vGPU --- */

void unit_vgpu_enable_vfs(struct unit_vgpu *v, u16 n)
{
	ck_assert_msg(n <= v->total_vfs, "%s: %u VFs, TotalVFs %u", v->row->board, n,
		      v->total_vfs);
	unit_vgpu_model_lock(&v->model);
	gpusim_sriov_control(v->g.sim, n > 0, n, NULL);
	unit_vgpu_model_unlock(&v->model);
	if (!n)
		memset(v->sriov.vf, 0, sizeof(v->sriov.vf));
	v->sriov.num_vfs = n;
	v->num_vfs = n;
}

/* GSP-RM's VMMU segment size, by the control the manager will use. */
static u64 unit_vgpu_segment(struct unit_vgpu *v)
{
	struct nvgsp_rm_subdevice sd = { 0 };
	u64 seg = 0;
	int ret;

	ret = nvgsp_rm_open(nvgsp_gsp_rm(v->gsp), &sd);
	ck_assert_msg(ret == 0, "%s %s: RM open: %d", v->row->chip, v->row->release, ret);
	ret = nvgsp_gsp_vmmu_segment_size(v->gsp, &sd, &seg);
	ck_assert_msg(ret == 0, "%s %s: VMMU segment size: %d", v->row->chip, v->row->release,
		      ret);
	nvgsp_rm_close(nvgsp_gsp_rm(v->gsp), &sd);
	return seg;
}

void unit_vgpu_init(struct unit_vgpu *v, const struct unit_vgpu_row *row, u16 num_vfs)
{
	const struct unit_vgpu_row *r = row;
	struct gpusim_vgpumeta_cfg mcfg;
	struct nvgsp_fw_diag diag = { { 0 } };
	int ret;

	memset(v, 0, sizeof(*v));
	v->row = r;
	unit_gsp_init_board(&v->g, r->chip, r->release, r->device_id, r->fb_mib, NULL, NULL);
	unit_vgpu_model_init(&v->model, &v->g);
	ck_assert_msg(v->g.cfg.pci.device_id == r->device_id, "%s: device 0x%04x", r->board,
		      v->g.cfg.pci.device_id);
	ck_assert_msg(v->g.cfg.pci.vf_total, "%s (%s): no SR-IOV capability in the model",
		      r->board, r->chip);
	v->total_vfs = v->g.cfg.pci.vf_total;
	snprintf(v->sriov.bus, sizeof(v->sriov.bus), "0000:01");
	v->g.dev.sriov = &v->sriov;
	v->g.cfg.vgpu = true;

	v->dma_live = nvgsp_os_user_dma_live();
	ret = nvgsp_gsp_boot(&v->g.cfg, &v->gsp);
	ck_assert_msg(ret == 0, "%s %s (%s) vGPU boot: %d\nsim: %s\nlog:\n%s", r->chip,
		      r->release, r->board, ret, gpusim_error(v->g.sim), unit_log);
	ck_assert_str_eq(gpusim_error(v->g.sim), "");
	v->vmmu_segment = unit_vgpu_segment(v);
	unit_vgpu_enable_vfs(v, num_vfs);

	ck_assert_int_eq(gpusim_vgpumeta_cfg_for(r->release, 0, &mcfg), 0);
	ret = gpusim_vgpumeta_build(&mcfg, &v->file, &v->file_len);
	ck_assert_msg(ret == 0, "%s: building the catalogue: %d", r->release, ret);
	snprintf(v->file_name, sizeof(v->file_name), "vgpu-%s.bin", r->release);
	v->blob = (struct nvgsp_fw_blob){ .name = v->file_name, .data = v->file,
					  .size = v->file_len };
	v->cat = calloc(1, sizeof(*v->cat));
	ck_assert_ptr_nonnull(v->cat);
	ret = nvgsp_fw_vgpu_parse(&v->blob, r->device_id, r->release, v->vmmu_segment, v->cat,
				  &diag);
	ck_assert_msg(ret == 0, "%s %s: %s", r->board, r->release, diag.msg);
	unit_log_reset();
}

void unit_vgpu_fini(struct unit_vgpu *v)
{
	if (v->gsp)
		nvgsp_gsp_shutdown(v->gsp);
	v->gsp = NULL;
	unit_vgpu_enable_vfs(v, 0);
	free(v->cat);
	free(v->file);
	v->cat = NULL;
	v->file = NULL;
	v->g.dev.sriov = NULL;
	unit_vgpu_model_fini(&v->model);
	unit_gsp_fini(&v->g);
}
