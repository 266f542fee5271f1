// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_vgpu_mgr.c - the vGPU manager (src/vgpu/nvgsp_vgpu_mgr.c,
 * nvgsp_vgpu.c, nvgsp_vgpu_rpc.c) on gpusim, for every vGPU-capable family
 * x release (unit_vgpu.h): every type created, used and destroyed; the GPU
 * filled to max_instance and one more refused; 1,000 create/destroy cycles
 * from threads with nothing leaked; every plugin fault with a complete
 * unwind; the scrub between tenants; a dead GSP-RM failing every call at
 * once. Documentation/vgpu-manager.rst.
 */
#include <check.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_vgpu.h"
#include "gpusim.h"
#include "vgpu/nvgsp_vgpu_fb.h"
#include "vgpu/nvgsp_vgpu_mgr.h"

/**
 * struct mgr_env - a PF booted for vGPU with its manager running.
 * @v: the booted PF (unit_vgpu_init()).
 * @cfg: the manager's configuration.
 * @mgr: the manager.
 * @base: the accounting right after the manager started.
 * @fb_base: the FB GSP-RM leaves to vGPUs (its largest usable region).
 * @fb_size: its size.
 */
struct mgr_env {
	struct unit_vgpu v;
	struct nvgsp_vgpu_mgr_config cfg;
	struct nvgsp_vgpu_mgr *mgr;
	struct nvgsp_vgpu_usage base;
	u64 fb_base;
	u64 fb_size;
};

static void env_config(struct mgr_env *e)
{
	struct unit_vgpu *v = &e->v;
	struct gpusim_sriov_facts f;
	const u8 *wire;
	size_t len;

	ck_assert_int_eq(gpusim_sriov_facts(v->g.sim, &f), 0);
	e->cfg = (struct nvgsp_vgpu_mgr_config){
		.dev = &v->g.dev, .gsp = v->gsp, .bar0 = &v->g.bar, .chip = v->g.id.info,
		.abi = nvgsp_abi_find(v->row->release),
		.dbdf = 0x00010000u | (v->g.cfg.pci.bus << 8) | v->g.cfg.pci.devfn,
		.vf_first_offset = f.first_vf_offset, .vf_stride = f.vf_stride,
		.types = v->cat, .types_file = &v->blob, .timeout_scale = 1,
	};
	wire = nvgsp_gsp_static_info_wire(v->gsp, &len);
	ck_assert_int_eq(nvgsp_vgpu_fb_usable(&v->g.dev, e->cfg.abi, wire, len, &e->fb_base,
					      &e->fb_size), 0);
}

static void env_init(struct mgr_env *e, const struct unit_vgpu_row *row, u16 vfs)
{
	memset(e, 0, sizeof(*e));
	unit_vgpu_init(&e->v, row, vfs);
	env_config(e);
	ck_assert_msg(nvgsp_vgpu_mgr_create(&e->cfg, &e->mgr) == 0, "%s %s: %s", row->board,
		      row->release, unit_log);
	nvgsp_vgpu_mgr_usage(e->mgr, &e->base);
	ck_assert_uint_eq(e->base.vgpus, 0);
	ck_assert_uint_eq(e->base.fb_used, 0);
	ck_assert_uint_eq(e->base.chids_used, 0);
	unit_log_reset();
}

/* Everything handed out is back, and the model saw no mistake. */
static void env_check_clean(struct mgr_env *e)
{
	struct nvgsp_vgpu_usage u;

	nvgsp_vgpu_mgr_usage(e->mgr, &u);
	ck_assert_uint_eq(u.vgpus, 0);
	ck_assert_uint_eq(u.fb_used, 0);
	ck_assert_uint_eq(u.chids_used, 0);
	ck_assert_uint_eq(u.rm_objects, e->base.rm_objects);
	unit_vgpu_model_lock(&e->v.model);
	ck_assert_uint_eq(gpusim_vgpu_live(e->v.g.sim), 0);
	ck_assert_msg(!gpusim_error(e->v.g.sim)[0], "gpusim: %s", gpusim_error(e->v.g.sim));
	unit_vgpu_model_unlock(&e->v.model);
}

static void env_fini(struct mgr_env *e)
{
	nvgsp_vgpu_mgr_destroy(e->mgr);
	unit_vgpu_fini(&e->v);
}

/* No error or warning line in the unit log (lines start with the level). */
static void check_quiet(void)
{
	const char *l;

	for (l = unit_log; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l))
		ck_assert_msg(strncmp(l, "0 ", 2) && strncmp(l, "1 ", 2), "logged: %s", unit_log);
}

static struct nvgsp_vgpu_params params(u16 vf, u32 type)
{
	struct nvgsp_vgpu_params p = { .vf = vf, .type_id = type, .vm_pid = 4242 };
	unsigned int i;

	for (i = 0; i < sizeof(p.uuid); i++)
		p.uuid[i] = (u8)(0xa0 + i + vf);
	return p;
}

static void query(struct mgr_env *e, u32 gfid, struct gpusim_vgpu_state *st)
{
	unit_vgpu_model_lock(&e->v.model);
	ck_assert_int_eq(gpusim_vgpu_query(e->v.g.sim, gfid, st), 0);
	unit_vgpu_model_unlock(&e->v.model);
}

/* What gpusim holds for a running vGPU agrees with what the manager gave it. */
static void check_running(struct mgr_env *e, struct nvgsp_vgpu *vgpu,
			  const struct nvgsp_fw_vgpu_type *t, struct gpusim_vgpu_state *st)
{
	u64 lo = e->fb_base, hi = lo + e->fb_size;

	query(e, nvgsp_vgpu_gfid(vgpu), st);
	ck_assert_int_eq(st->stage, GPUSIM_VGPU_CONFIGURED);
	ck_assert_uint_eq(st->type, t->id);
	ck_assert_uint_eq(st->nr_segments, 1);
	ck_assert_uint_eq(st->seg_len[0], t->fb_length);
	ck_assert(st->seg_addr[0] >= lo && st->seg_addr[0] + st->seg_len[0] <= hi);
	ck_assert(st->heap_addr >= lo && st->heap_addr + st->heap_len <= hi);
	ck_assert_uint_eq(st->seg_addr[0] % nvgsp_vgpu_mgr_segment_size(e->mgr), 0);
	ck_assert(st->negotiated);
	ck_assert_uint_ge(st->num_channels, 1);
}

/* ---- every type of every row ---- */

START_TEST(every_type)
{
	const struct unit_vgpu_row *row = &unit_vgpu_rows[_i];
	struct mgr_env e;
	unsigned int i;

	env_init(&e, row, 2);
	ck_assert_uint_ge(nvgsp_vgpu_mgr_nr_types(e.mgr), 2);
	for (i = 0; i < nvgsp_vgpu_mgr_nr_types(e.mgr); i++) {
		const struct nvgsp_fw_vgpu_type *t = nvgsp_vgpu_mgr_type(e.mgr, i);
		struct nvgsp_vgpu_params p = params(1, t->id);
		struct nvgsp_vgpu_guest_info gi;
		struct gpusim_vgpu_state st, after;
		struct nvgsp_vgpu *vgpu = NULL;
		struct nvgsp_vgpu_usage u;
		u8 logbuf[256];
		long got;

		ck_assert_msg(nvgsp_vgpu_create(e.mgr, &p, &vgpu) == 0, "%s %s type %u: %s",
			      row->board, row->release, t->id, unit_log);
		check_running(&e, vgpu, t, &st);
		nvgsp_vgpu_mgr_usage(e.mgr, &u);
		ck_assert_uint_eq(u.vgpus, 1);
		ck_assert_uint_ge(u.fb_used, t->fb_length + t->gsp_heap_size);
		ck_assert_uint_eq(u.chids_used, st.num_channels * (u.chids_used / st.num_channels));

		/* Use it: reset, bus mastering, the guest's info, the logs. */
		ck_assert_int_eq(nvgsp_vgpu_reset(vgpu), 0);
		ck_assert_int_eq(nvgsp_vgpu_set_bme(vgpu, true), 0);
		ck_assert_int_eq(nvgsp_vgpu_guest_info(vgpu, &gi), 0);
		query(&e, 2, &after);
		ck_assert_uint_eq(after.resets, 1);
		ck_assert(after.bme_enabled);
		got = nvgsp_vgpu_mgr_log_read(e.mgr, 1, NVGSP_VGPU_LOG_INIT, 0, logbuf,
					      sizeof(logbuf));
		ck_assert_int_eq(got, sizeof(logbuf));
		ck_assert_int_eq(nvgsp_vgpu_mgr_log_read(e.mgr, 0, NVGSP_VGPU_LOG_INIT, 0, logbuf,
							 sizeof(logbuf)), -ENODEV);
		if (!strcmp(row->release, "535.113.01"))
			ck_assert_int_eq(nvgsp_vgpu_log_size(vgpu, NVGSP_VGPU_LOG_KERNEL), 0);
		else
			ck_assert_uint_gt(nvgsp_vgpu_log_size(vgpu, NVGSP_VGPU_LOG_KERNEL), 0);

		/* A guest writes its FB; after destroy no byte of it is left. */
		unit_vgpu_model_lock(&e.v.model);
		ck_assert_int_eq(gpusim_vgpu_guest_write(e.v.g.sim, 2), 0);
		unit_vgpu_model_unlock(&e.v.model);
		nvgsp_vgpu_destroy(vgpu);
		unit_vgpu_model_lock(&e.v.model);
		ck_assert(!gpusim_vgpu_find_nonzero(e.v.g.sim, &st, NULL));
		unit_vgpu_model_unlock(&e.v.model);
		env_check_clean(&e);
	}
	check_quiet();
	env_fini(&e);
}
END_TEST

/* ---- filling the GPU ---- */

/* The type with the most instances (the smallest). */
static const struct nvgsp_fw_vgpu_type *most_instances(struct nvgsp_vgpu_mgr *mgr)
{
	const struct nvgsp_fw_vgpu_type *best = NULL;
	unsigned int i;

	for (i = 0; i < nvgsp_vgpu_mgr_nr_types(mgr); i++) {
		const struct nvgsp_fw_vgpu_type *t = nvgsp_vgpu_mgr_type(mgr, i);

		if (!best || t->max_instance > best->max_instance)
			best = t;
	}
	return best;
}

/*
 * Every VF enabled and the manager running; @t the type with the most
 * instances, @other another one.
 */
static void env_init_full(struct mgr_env *e, const struct unit_vgpu_row *row,
			  const struct nvgsp_fw_vgpu_type **t,
			  const struct nvgsp_fw_vgpu_type **other)
{
	unsigned int i;

	memset(e, 0, sizeof(*e));
	unit_vgpu_init(&e->v, row, 0);
	unit_vgpu_enable_vfs(&e->v, e->v.total_vfs);
	env_config(e);
	ck_assert_int_eq(nvgsp_vgpu_mgr_create(&e->cfg, &e->mgr), 0);
	nvgsp_vgpu_mgr_usage(e->mgr, &e->base);
	*t = most_instances(e->mgr);
	*other = NULL;
	for (i = 0; i < nvgsp_vgpu_mgr_nr_types(e->mgr); i++)
		if (nvgsp_vgpu_mgr_type(e->mgr, i) != *t)
			*other = nvgsp_vgpu_mgr_type(e->mgr, i);
	ck_assert_ptr_nonnull(*other);
}

START_TEST(fill_to_max_instance)
{
	const struct unit_vgpu_row *row = &unit_vgpu_rows[_i];
	struct nvgsp_vgpu **vgpus;
	const struct nvgsp_fw_vgpu_type *t, *other = NULL;
	struct gpusim_vgpu_state a, b;
	struct mgr_env e;
	unsigned int n, i, j, avail;

	env_init_full(&e, row, &t, &other);
	avail = nvgsp_vgpu_mgr_available(e.mgr, t->id);
	ck_assert_uint_eq(avail, t->max_instance < e.v.total_vfs ? t->max_instance :
			  e.v.total_vfs);
	vgpus = calloc(e.v.total_vfs, sizeof(*vgpus));
	ck_assert_ptr_nonnull(vgpus);
	for (n = 0; n < avail; n++) {
		struct nvgsp_vgpu_params p = params((u16)n, t->id);

		ck_assert_msg(nvgsp_vgpu_create(e.mgr, &p, &vgpus[n]) == 0, "%s %s #%u: %s",
			      row->board, row->release, n, unit_log);
		ck_assert_uint_eq(nvgsp_vgpu_mgr_available(e.mgr, t->id), avail - n - 1);
		ck_assert_uint_eq(nvgsp_vgpu_mgr_available(e.mgr, other->id), 0);
	}
	/* Disjoint FB and channels, as gpusim saw them. */
	for (i = 0; i < n; i++) {
		query(&e, i + 1, &a);
		for (j = i + 1; j < n; j++) {
			query(&e, j + 1, &b);
			ck_assert(a.seg_addr[0] + a.seg_len[0] <= b.seg_addr[0] ||
				  b.seg_addr[0] + b.seg_len[0] <= a.seg_addr[0]);
			ck_assert(a.heap_addr + a.heap_len <= b.heap_addr ||
				  b.heap_addr + b.heap_len <= a.heap_addr);
		}
	}
	/* One more is refused and changes nothing; so is another type. */
	if (n < e.v.total_vfs) {
		struct nvgsp_vgpu_params p = params((u16)n, t->id);
		struct nvgsp_vgpu *x = NULL;
		struct nvgsp_vgpu_usage u0, u1;

		nvgsp_vgpu_mgr_usage(e.mgr, &u0);
		ck_assert_int_eq(nvgsp_vgpu_create(e.mgr, &p, &x), -ENOSPC);
		p.type_id = other->id;
		ck_assert_int_eq(nvgsp_vgpu_create(e.mgr, &p, &x), -ENOSPC);
		nvgsp_vgpu_mgr_usage(e.mgr, &u1);
		ck_assert_mem_eq(&u0, &u1, sizeof(u0));
		ck_assert_ptr_null(x);
	}
	for (i = 0; i < n; i++)
		nvgsp_vgpu_destroy(vgpus[i]);
	free(vgpus);
	env_check_clean(&e);
	/* With the GPU empty, the other type places. */
	ck_assert_uint_gt(nvgsp_vgpu_mgr_available(e.mgr, other->id), 0);
	env_fini(&e);
}
END_TEST

/* ---- choosing a VF's type (nvidia/current_vgpu_type, creatable_vgpu_types) ---- */

/* Lines of creatable_vgpu_types after its header. */
static unsigned int creatable_lines(struct nvgsp_vgpu_mgr *mgr, u16 vf, u32 only)
{
	char buf[4096], want[48];
	unsigned int n;
	long len = nvgsp_vgpu_mgr_creatable(mgr, vf, buf, sizeof(buf));

	ck_assert_int_ge(len, 0);
	ck_assert_uint_eq(strlen(buf), (size_t)len);
	if (!len)
		return 0;
	ck_assert_msg(!strncmp(buf, "ID    : vGPU Name\n", 18), "%s", buf);
	n = unit_count(buf, "\n") - 1;
	if (only) {
		snprintf(want, sizeof(want), "\n%-5u : ", only);
		ck_assert_msg(strstr(buf, want), "type %u not listed: %s", only, buf);
		ck_assert_uint_eq(n, 1);
	}
	return n;
}

START_TEST(select_type)
{
	const struct nvgsp_fw_vgpu_type *t, *other = NULL;
	struct nvgsp_vgpu *vgpu = NULL, *x = NULL;
	struct nvgsp_vgpu_params p;
	struct mgr_env e;
	unsigned int n;
	u16 vf;

	env_init_full(&e, &unit_vgpu_rows[_i], &t, &other);

	/* Nothing chosen: every type is creatable everywhere. */
	ck_assert_uint_eq(nvgsp_vgpu_mgr_selected(e.mgr, 0), 0);
	{
		char small[24];

		ck_assert_int_eq(nvgsp_vgpu_mgr_creatable(e.mgr, 0, small, sizeof(small)), -E2BIG);
	}
	ck_assert_uint_eq(creatable_lines(e.mgr, 0, 0), nvgsp_vgpu_mgr_nr_types(e.mgr));
	/* VF 0 takes t: its own list is empty, the others list t only. */
	ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, 0, t->id), 0);
	ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, 0, t->id), 0);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_selected(e.mgr, 0), t->id);
	ck_assert_uint_eq(creatable_lines(e.mgr, 0, 0), 0);
	creatable_lines(e.mgr, 1, t->id);
	/* Refusals, each changing nothing. */
	ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, 1, other->id), -ENOSPC);
	ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, 0, other->id), -EBUSY);
	ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, 0, 0xdead), -EINVAL);
	ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, e.v.total_vfs, t->id), -EINVAL);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_selected(e.mgr, 0), t->id);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_selected(e.mgr, 1), 0);
	/* Open (create) uses the place; the type cannot change while open. */
	p = params(0, other->id);
	ck_assert_int_eq(nvgsp_vgpu_create(e.mgr, &p, &x), -EBUSY);
	p = params(0, t->id);
	ck_assert_msg(nvgsp_vgpu_create(e.mgr, &p, &vgpu) == 0, "%s", unit_log);
	ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, 0, 0), -EBUSY);
	nvgsp_vgpu_destroy(vgpu);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_selected(e.mgr, 0), t->id);	/* it outlives the vGPU */
	/* Every place taken: the next VF is refused. */
	n = nvgsp_vgpu_mgr_available(e.mgr, t->id);
	for (vf = 1; vf <= n; vf++)
		ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, vf, t->id), 0);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_available(e.mgr, t->id), 0);
	if (vf < e.v.total_vfs) {
		ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, vf, t->id), -ENOSPC);
		ck_assert_uint_eq(creatable_lines(e.mgr, vf, 0), 0);
	}
	/* A vGPU created on a VF without a place finds none left. */
	if (vf < e.v.total_vfs) {
		p = params(vf, t->id);
		ck_assert_int_eq(nvgsp_vgpu_create(e.mgr, &p, &x), -ENOSPC);
	}
	for (vf = 0; vf <= n; vf++)
		ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, vf, 0), 0);
	/* All given back: every type again. */
	ck_assert_uint_eq(creatable_lines(e.mgr, 0, 0), nvgsp_vgpu_mgr_nr_types(e.mgr));
	ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, 3, other->id), 0);
	ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, 3, 0), 0);
	ck_assert_ptr_null(x);
	env_check_clean(&e);
	env_fini(&e);
}
END_TEST

/*
 * What an mdev type on a VF says (Documentation/vgpu-mdev.rst): one instance
 * while the VF could carry the type, none once it has a vGPU, holds another
 * type, or the GPU has no place left for it; the description's figures are
 * the catalogue's.
 */
START_TEST(mdev_type_files)
{
	const struct nvgsp_fw_vgpu_type *t, *other = NULL;
	struct nvgsp_vgpu *vgpu = NULL;
	struct nvgsp_vgpu_params p;
	struct mgr_env e;
	char buf[128], want[128];
	unsigned int i, n;
	u16 vf;

	env_init_full(&e, &unit_vgpu_rows[_i], &t, &other);
	for (i = 0; i < nvgsp_vgpu_mgr_nr_types(e.mgr); i++) {
		const struct nvgsp_fw_vgpu_type *ti = nvgsp_vgpu_mgr_type(e.mgr, i);

		ck_assert_uint_eq(nvgsp_vgpu_mgr_vf_can_take(e.mgr, 0, ti->id), 1);
		snprintf(want, sizeof(want), "framebuffer=%lluM, max_instance=%u\n",
			 (unsigned long long)(ti->fb_length >> 20), ti->max_instance);
		ck_assert_int_eq(nvgsp_vgpu_mgr_describe(e.mgr, ti->id, buf, sizeof(buf)),
				 (long)strlen(want));
		ck_assert_str_eq(buf, want);
		/* Cut, or filling the buffer to its last byte: too small. */
		ck_assert_int_eq(nvgsp_vgpu_mgr_describe(e.mgr, ti->id, buf, strlen(want)), -E2BIG);
		ck_assert_int_eq(nvgsp_vgpu_mgr_describe(e.mgr, ti->id, buf, strlen(want) + 1),
				 -E2BIG);
		ck_assert_int_eq(nvgsp_vgpu_mgr_describe(e.mgr, ti->id, buf, strlen(want) + 2),
				 (long)strlen(want));
	}
	ck_assert_int_eq(nvgsp_vgpu_mgr_describe(e.mgr, 0xdead, buf, sizeof(buf)), -EINVAL);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_vf_can_take(e.mgr, 0, 0xdead), 0);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_vf_can_take(e.mgr, e.v.total_vfs, t->id), 0);

	/* VF 0 holds t: t stays offered on it, the other type goes everywhere. */
	ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, 0, t->id), 0);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_vf_can_take(e.mgr, 0, t->id), 1);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_vf_can_take(e.mgr, 0, other->id), 0);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_vf_can_take(e.mgr, 1, other->id), 0);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_vf_can_take(e.mgr, 1, t->id), 1);
	/* With a vGPU on it, VF 0 offers nothing. */
	p = params(0, t->id);
	ck_assert_msg(nvgsp_vgpu_create(e.mgr, &p, &vgpu) == 0, "%s", unit_log);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_vf_can_take(e.mgr, 0, t->id), 0);
	nvgsp_vgpu_destroy(vgpu);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_vf_can_take(e.mgr, 0, t->id), 1);
	/* Every place of t taken: a VF without one is offered nothing. */
	n = nvgsp_vgpu_mgr_available(e.mgr, t->id);
	for (vf = 1; vf <= n; vf++)
		ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, vf, t->id), 0);
	if (vf < e.v.total_vfs)
		ck_assert_uint_eq(nvgsp_vgpu_mgr_vf_can_take(e.mgr, vf, t->id), 0);
	for (vf = 0; vf <= n; vf++)
		ck_assert_int_eq(nvgsp_vgpu_mgr_select(e.mgr, vf, 0), 0);
	ck_assert_uint_eq(nvgsp_vgpu_mgr_vf_can_take(e.mgr, 1, other->id), 1);
	env_check_clean(&e);
	env_fini(&e);
}
END_TEST

START_TEST(parse_type)
{
	static const struct {
		const char *in;
		int ret;
		u32 id;
	} rows[] = {
		{ "869\n", 0, 869 }, { "869", 0, 869 }, { "0\n", 0, 0 },
		{ "4294967295", 0, 0xffffffffu }, { "4294967296", -ERANGE, 0 },
		{ "", -EINVAL, 0 }, { "\n", -EINVAL, 0 }, { "-1", -EINVAL, 0 },
		{ "12a", -EINVAL, 0 }, { " 12", -EINVAL, 0 }, { "12\n\n", -EINVAL, 0 },
		{ "0x10", -EINVAL, 0 }, { "12345678901", -EINVAL, 0 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		u32 id = 7;

		ck_assert_msg(nvgsp_vgpu_mgr_parse_type(rows[i].in, strlen(rows[i].in), &id) ==
			      rows[i].ret, "'%s'", rows[i].in);
		ck_assert_uint_eq(id, rows[i].ret ? 7 : rows[i].id);
	}
}
END_TEST

/* ---- refusals that change nothing ---- */

START_TEST(bad_requests)
{
	struct mgr_env e;
	const struct nvgsp_fw_vgpu_type *t;
	struct nvgsp_vgpu_params p;
	struct nvgsp_vgpu *a = NULL, *x = NULL;
	struct nvgsp_vgpu_usage u0, u1;

	env_init(&e, &unit_vgpu_rows[_i], 2);
	t = nvgsp_vgpu_mgr_type(e.mgr, 0);
	nvgsp_vgpu_mgr_usage(e.mgr, &u0);
	p = params(0, 0xdead);
	ck_assert_int_eq(nvgsp_vgpu_create(e.mgr, &p, &x), -EINVAL);
	p = params(e.v.total_vfs, t->id);
	ck_assert_int_eq(nvgsp_vgpu_create(e.mgr, &p, &x), -EINVAL);
	nvgsp_vgpu_mgr_usage(e.mgr, &u1);
	ck_assert_mem_eq(&u0, &u1, sizeof(u0));
	ck_assert_ptr_null(x);
	p = params(0, t->id);
	ck_assert_int_eq(nvgsp_vgpu_create(e.mgr, &p, &a), 0);
	nvgsp_vgpu_mgr_usage(e.mgr, &u0);
	ck_assert_int_eq(nvgsp_vgpu_create(e.mgr, &p, &x), -EBUSY);
	nvgsp_vgpu_mgr_usage(e.mgr, &u1);
	ck_assert_mem_eq(&u0, &u1, sizeof(u0));
	ck_assert_int_eq(nvgsp_vgpu_mgr_log_read(e.mgr, e.v.total_vfs, NVGSP_VGPU_LOG_INIT, 0,
						 &u1, 8), -EINVAL);
	nvgsp_vgpu_destroy(a);
	nvgsp_vgpu_destroy(NULL);
	env_check_clean(&e);
	env_fini(&e);
}
END_TEST

/* The catalogue's control is allow-listed and its size checked. */
START_TEST(catalogue_control_refused)
{
	struct mgr_env e;
	struct nvgsp_fw_vgpu_catalogue *cat;
	struct nvgsp_vgpu_mgr *m = NULL;

	memset(&e, 0, sizeof(e));
	unit_vgpu_init(&e.v, &unit_vgpu_rows[_i], 0);
	env_config(&e);
	cat = malloc(sizeof(*cat));
	ck_assert_ptr_nonnull(cat);
	*cat = *e.v.cat;
	e.cfg.types = cat;
	cat->rmctrl_cmd = 0x20800a5c;	/* INTR_GET_KERNEL_TABLE: not allowed */
	ck_assert_int_eq(nvgsp_vgpu_mgr_create(&e.cfg, &m), -EPERM);
	ck_assert(strstr(unit_log, "is not PGPU_ADD_VGPU_TYPE; refused"));
	*cat = *e.v.cat;
	cat->rmctrl.size -= 8;
	ck_assert_int_eq(nvgsp_vgpu_mgr_create(&e.cfg, &m), -EINVAL);
	ck_assert_ptr_null(m);
	unit_vgpu_model_lock(&e.v.model);
	ck_assert_uint_eq(gpusim_vgpu_types_added(e.v.g.sim), 0);
	unit_vgpu_model_unlock(&e.v.model);
	free(cat);
	unit_vgpu_fini(&e.v);
}
END_TEST

/* ---- faults of the plugin, each with a complete unwind ---- */

struct fault_case {
	enum gpusim_vgpu_fault kind;
	u32 arg;	/* message number (vgpu.msg.*) or RM status */
	const char *msg;	/* vgpu.msg.<msg>, or NULL */
	int create;	/* what create returns */
};

static const struct fault_case fault_cases[] = {
	{ GPUSIM_VGPU_FAULT_NEVER_BOOTS, 0, NULL, -ETIMEDOUT },
	{ GPUSIM_VGPU_FAULT_BOOTLOAD_STATUS, NVGSP_ABI_STATUS_INSUFFICIENT_RESOURCES, NULL,
	  -ENOSPC },
	{ GPUSIM_VGPU_FAULT_RPC_TIMEOUT, 0, "version_negotiation", -ETIMEDOUT },
	{ GPUSIM_VGPU_FAULT_RPC_TIMEOUT, 0, "setup_config_params_and_init", -ETIMEDOUT },
	{ GPUSIM_VGPU_FAULT_RPC_ERROR, 0, "setup_config_params_and_init", -EREMOTEIO },
	{ GPUSIM_VGPU_FAULT_RPC_BAD_SEQ, 0, "version_negotiation", -EPROTO },
	{ GPUSIM_VGPU_FAULT_RPC_GARBAGE, 0, "setup_config_params_and_init", -EREMOTEIO },
	{ GPUSIM_VGPU_FAULT_BAD_VERSION, 0, NULL, -EPROTO },
};

/* Faults on both releases, on the A40 rows (index in unit_vgpu_rows). */
static const struct unit_vgpu_row *fault_row(int i)
{
	const char *want = i ? "570.144" : "535.113.01";
	unsigned int r;

	for (r = 0; r < UNIT_VGPU_NROWS; r++)
		if (!strcmp(unit_vgpu_rows[r].chip, "ga102") &&
		    !strcmp(unit_vgpu_rows[r].release, want))
			return &unit_vgpu_rows[r];
	ck_abort_msg("no ga102 %s row", want);
	return NULL;
}

START_TEST(plugin_faults)
{
	const struct fault_case *fc = &fault_cases[_i / 2];
	struct mgr_env e;
	const struct nvgsp_fw_vgpu_type *t;
	struct nvgsp_vgpu *vgpu = NULL;
	struct nvgsp_vgpu_params p;
	u32 arg = fc->arg;
	u64 v;

	env_init(&e, fault_row(_i % 2), 2);
	t = nvgsp_vgpu_mgr_type(e.mgr, 0);
	if (fc->msg) {
		char key[64];

		snprintf(key, sizeof(key), "vgpu.msg.%s", fc->msg);
		ck_assert_int_eq(nvgsp_abi_param(e.cfg.abi, key, &v), 0);
		arg = (u32)v;
	}
	unit_vgpu_model_lock(&e.v.model);
	ck_assert_int_eq(gpusim_vgpu_fault(e.v.g.sim, 0, fc->kind, arg), 0);
	unit_vgpu_model_unlock(&e.v.model);
	p = params(0, t->id);
	ck_assert_int_eq(nvgsp_vgpu_create(e.mgr, &p, &vgpu), fc->create);
	ck_assert_ptr_null(vgpu);
	ck_assert_msg(strstr(unit_log, "GFID 1"), "the failure names the vGPU: %s", unit_log);
	env_check_clean(&e);
	/* The same VF works again. */
	unit_log_reset();
	ck_assert_msg(nvgsp_vgpu_create(e.mgr, &p, &vgpu) == 0, "%s", unit_log);
	nvgsp_vgpu_destroy(vgpu);
	env_check_clean(&e);
	env_fini(&e);
}
END_TEST

/* A broken channel fails every later call at once; destroy still cleans up. */
START_TEST(channel_breaks)
{
	struct mgr_env e;
	struct nvgsp_vgpu *vgpu = NULL;
	struct nvgsp_vgpu_params p;
	u64 reset, t0;

	env_init(&e, fault_row(_i), 2);
	p = params(1, nvgsp_vgpu_mgr_type(e.mgr, 0)->id);
	ck_assert_int_eq(nvgsp_vgpu_create(e.mgr, &p, &vgpu), 0);
	ck_assert_int_eq(nvgsp_abi_param(e.cfg.abi, "vgpu.msg.reset", &reset), 0);
	unit_vgpu_model_lock(&e.v.model);
	ck_assert_int_eq(gpusim_vgpu_fault(e.v.g.sim, 2, GPUSIM_VGPU_FAULT_RPC_TIMEOUT,
					   (u32)reset), 0);
	unit_vgpu_model_unlock(&e.v.model);
	ck_assert_int_eq(nvgsp_vgpu_reset(vgpu), -ETIMEDOUT);
	ck_assert(strstr(unit_log, "the channel is not used again"));
	t0 = nvgsp_os_time_ns();
	ck_assert_int_eq(nvgsp_vgpu_set_bme(vgpu, true), -EIO);
	ck_assert_int_eq(nvgsp_vgpu_reset(vgpu), -EIO);
	ck_assert_uint_eq(nvgsp_os_time_ns(), t0);	/* no wait at all */
	nvgsp_vgpu_destroy(vgpu);
	env_check_clean(&e);
	env_fini(&e);
}
END_TEST

/* A dead GSP-RM fails every vGPU call at once; destroy releases the host side. */
START_TEST(dead_gsp)
{
	struct mgr_env e;
	struct nvgsp_vgpu *vgpu = NULL, *x = NULL;
	struct nvgsp_vgpu_guest_info gi;
	struct nvgsp_vgpu_params p;
	struct nvgsp_vgpu_usage u;
	u64 t0;

	env_init(&e, &unit_vgpu_rows[_i], 2);
	p = params(0, nvgsp_vgpu_mgr_type(e.mgr, 0)->id);
	ck_assert_int_eq(nvgsp_vgpu_create(e.mgr, &p, &vgpu), 0);
	unit_vgpu_model_lock(&e.v.model);
	gpusim_gsp_crash(e.v.g.sim);
	unit_vgpu_model_unlock(&e.v.model);
	/* The crash is noticed by the next RPC that meets it. */
	nvgsp_vgpu_reset(vgpu);
	ck_assert_int_ne(nvgsp_gsp_state(e.v.gsp, NULL, 0), NVGSP_RPC_RUNNING);
	t0 = nvgsp_os_time_ns();
	ck_assert_int_eq(nvgsp_vgpu_reset(vgpu), -EIO);
	ck_assert_int_eq(nvgsp_vgpu_set_bme(vgpu, false), -EIO);
	ck_assert_int_eq(nvgsp_vgpu_guest_info(vgpu, &gi), -EIO);
	p.vf = 1;
	ck_assert_int_eq(nvgsp_vgpu_create(e.mgr, &p, &x), -EIO);
	ck_assert_uint_eq(nvgsp_os_time_ns(), t0);
	nvgsp_vgpu_destroy(vgpu);
	nvgsp_vgpu_mgr_usage(e.mgr, &u);
	ck_assert_uint_eq(u.vgpus, 0);
	ck_assert_uint_eq(u.fb_used, 0);
	ck_assert_uint_eq(u.chids_used, 0);
	env_fini(&e);
}
END_TEST

/* GSP-RM's periodic GPUACCT_PERFMON_UTIL_SAMPLES arrive between and during calls. */
START_TEST(samples_between_calls)
{
	struct mgr_env e;
	struct nvgsp_vgpu *vgpu = NULL;
	struct nvgsp_vgpu_params p;
	struct gpusim_vgpu_stats st;
	unsigned int i;

	env_init(&e, fault_row(_i), 2);
	p = params(0, nvgsp_vgpu_mgr_type(e.mgr, 0)->id);
	for (i = 0; i < 5; i++) {
		ck_assert_msg(nvgsp_vgpu_create(e.mgr, &p, &vgpu) == 0, "%s", unit_log);
		nvgsp_os_usleep(1300000);
		ck_assert_msg(nvgsp_vgpu_reset(vgpu) == 0, "%s", unit_log);
		nvgsp_vgpu_destroy(vgpu);
	}
	unit_vgpu_model_lock(&e.v.model);
	gpusim_vgpu_get_stats(e.v.g.sim, &st);
	unit_vgpu_model_unlock(&e.v.model);
	ck_assert_uint_ge(st.samples, 5);
	check_quiet();
	env_check_clean(&e);
	env_fini(&e);
}
END_TEST

/* ---- 1,000 cycles from threads ---- */

#define CYCLE_THREADS	4
#define CYCLES		250	/* per thread: 1,000 in all */

struct cycler {
	struct mgr_env *e;
	u16 vf;
	u32 type;
	int failed;
	const char *where;
	unsigned int done;
};

/* Set by the first thread that fails: the others stop. */
static int cycles_stop;

/*
 * The threads' error and warning lines (the unit log keeps the first 4 KiB,
 * which 1,000 cycles of info lines fill). The OS layer serialises calls.
 * This test found the transport publishing its queue pointers by rewriting
 * whole headers (a reader could see writePtr 0 for a moment), fixed in
 * src/transport/nvgsp_msgq.c: keep it threaded and cycling.
 */
static char cycles_errors[4096];

static void cycles_log(void *ctx, const char *dev, enum nvgsp_os_log_level level,
		       const char *msg)
{
	size_t n = strlen(cycles_errors);

	(void)ctx;
	if (level <= NVGSP_LOG_WARN)
		snprintf(cycles_errors + n, sizeof(cycles_errors) - n, "%d %s: %s\n",
			 (int)level, dev ? dev : "-", msg);
}

static void *cycle_thread(void *arg)
{
	struct cycler *c = arg;
	unsigned int i;

	for (i = 0; i < CYCLES && !__atomic_load_n(&cycles_stop, __ATOMIC_ACQUIRE); i++) {
		struct nvgsp_vgpu_params p = params(c->vf, c->type);
		struct nvgsp_vgpu *vgpu = NULL;
		int ret = nvgsp_vgpu_create(c->e->mgr, &p, &vgpu);

		c->where = "create";
		if (!ret && i % 16 == 0) {
			c->where = "reset";
			ret = nvgsp_vgpu_reset(vgpu);
		}
		if (vgpu)
			nvgsp_vgpu_destroy(vgpu);
		if (ret) {
			c->failed = ret;
			__atomic_store_n(&cycles_stop, 1, __ATOMIC_RELEASE);
			break;
		}
		c->done++;
	}
	return NULL;
}

START_TEST(cycles_threaded)
{
	struct cycler c[CYCLE_THREADS];
	pthread_t th[CYCLE_THREADS];
	const struct nvgsp_fw_vgpu_type *t;
	struct mgr_env e;
	unsigned int i, done = 0;

	env_init(&e, fault_row(1), CYCLE_THREADS);
	t = most_instances(e.mgr);
	cycles_stop = 0;
	cycles_errors[0] = '\0';
	nvgsp_os_user_set_log(cycles_log, NULL);
	ck_assert_uint_ge(nvgsp_vgpu_mgr_available(e.mgr, t->id), CYCLE_THREADS);
	for (i = 0; i < CYCLE_THREADS; i++) {
		c[i] = (struct cycler){ .e = &e, .vf = (u16)i, .type = t->id };
		ck_assert_int_eq(pthread_create(&th[i], NULL, cycle_thread, &c[i]), 0);
	}
	for (i = 0; i < CYCLE_THREADS; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < CYCLE_THREADS; i++) {
		struct gpusim_stats gs;

		gpusim_get_stats(e.v.g.sim, &gs);
		ck_assert_msg(!c[i].failed, "thread %u: %s %d after %u cycles (gpusim: %u RPCs, %u events; %s): %.3000s",
			      i, c[i].where, c[i].failed, c[i].done, gs.rpcs, gs.events,
			      gpusim_error(e.v.g.sim), cycles_errors);
		done += c[i].done;
	}
	ck_assert_uint_eq(done, CYCLE_THREADS * CYCLES);
	ck_assert_msg(!cycles_errors[0], "logged: %.3000s", cycles_errors);
	unit_log_reset();
	env_check_clean(&e);
	env_fini(&e);
}
END_TEST

Suite *nvgsp_suite_vgpu_mgr(void)
{
	Suite *s = suite_create("vgpu_mgr");
	TCase *tc = tcase_create("vgpu_mgr");

	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, every_type, 0, UNIT_VGPU_NROWS);
	tcase_add_loop_test(tc, fill_to_max_instance, 0, UNIT_VGPU_NROWS);
	tcase_add_loop_test(tc, bad_requests, 0, UNIT_VGPU_NROWS);
	tcase_add_loop_test(tc, select_type, 0, UNIT_VGPU_NROWS);
	tcase_add_loop_test(tc, mdev_type_files, 0, UNIT_VGPU_NROWS);
	tcase_add_test(tc, parse_type);
	tcase_add_loop_test(tc, catalogue_control_refused, 0, UNIT_VGPU_NROWS);
	tcase_add_loop_test(tc, plugin_faults, 0, 2 * (int)ARRAY_SIZE(fault_cases));
	tcase_add_loop_test(tc, channel_breaks, 0, 2);
	tcase_add_loop_test(tc, dead_gsp, 0, UNIT_VGPU_NROWS);
	tcase_add_loop_test(tc, samples_between_calls, 0, 2);
	suite_add_tcase(s, tc);
	tc = tcase_create("vgpu_mgr_threads");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, cycles_threaded);
	suite_add_tcase(s, tc);
	return s;
}
