// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_vgpu.c - figure 4: the vGPU manager's cost of creating a vGPU, on
 * an in-process gpusim A40 (ga102) booted for vGPU at BENCH_RELEASE, with
 * the type of the catalogue that has the most instances.
 *
 *  - create, one vGPU, virtual clock: the driver's CPU time from
 *    nvgsp_vgpu_create() to its return (plugin ready: bootloaded, version
 *    negotiated, configured), gpusim's own time taken out (the model runs
 *    in the driver's thread here; its time is summed by the BAR0 and tick
 *    wrappers), and how that time splits into the waits (for the
 *    bootloaded marker, for each host RPC's answer: the CPU the driver
 *    spends looking, between sleeps) and the rest; the virtual time slept
 *    and the number of sleeps.
 *  - create, one vGPU, real clock (nvgsp_os_user_set_realtime()): wall
 *    time against process CPU time. The plugin's boot delay in gpusim is
 *    real time now, so a driver that busy-waited would spend it as CPU.
 *  - create, max_instance vGPUs from as many threads at once, real clock:
 *    wall time until all are ready, process CPU time in all, per vGPU.
 *  - destroy, one vGPU: CPU time (SHUTDOWN, CLEANUP, the RM client, the
 *    scrub of its FB and heap through the PRAMIN window, which gpusim's
 *    sparse VRAM serves without touching every byte: on hardware the scrub
 *    costs per byte; see Documentation/vgpu-fb.rst).
 * Every access to the model goes through one mutex, as in the unit tier's
 * threaded test (tests/unit/unit_vgpu.h, "the model lock").
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "gpusim_vgpumeta.h"
#include "vgpu/nvgsp_vgpu_mgr.h"

#define VGPU_CHIP	"ga102"
#define VGPU_BOARD	0x2235	/* A40 */
#define VGPU_FB_MIB	(48 * 1024)

static struct {
	pthread_mutex_t lock;
	struct bench_sim *s;
	bool timed;
	uint64_t sim_ns;
	/* Waits, timed by the --wrap of the two wait functions. */
	uint64_t wait_cpu_ns;
	unsigned int waits;
	unsigned int sleeps;
} vb = { .lock = PTHREAD_MUTEX_INITIALIZER };

static uint64_t thread_cpu_ns(void)
{
	return bench_clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

/* Enter and leave the model: under the lock, its CPU time summed while timed. */
static uint64_t vb_enter(void)
{
	uint64_t t0 = vb.timed ? thread_cpu_ns() : 0;

	pthread_mutex_lock(&vb.lock);
	return t0;
}

static void vb_leave(uint64_t t0)
{
	pthread_mutex_unlock(&vb.lock);
	if (vb.timed)
		__atomic_add_fetch(&vb.sim_ns, thread_cpu_ns() - t0, __ATOMIC_RELAXED);
}

static u32 vb_rd32(void *ctx, u32 offset)
{
	uint64_t t0 = vb_enter();
	u32 v = gpusim_rd32(vb.s->sim, offset);

	(void)ctx;
	vb_leave(t0);
	return v;
}

static void vb_wr32(void *ctx, u32 offset, u32 value)
{
	uint64_t t0 = vb_enter();

	(void)ctx;
	gpusim_wr32(vb.s->sim, offset, value);
	vb_leave(t0);
}

/* The PRAMIN window's bulk accesses (the scrub's), one model entry each. */
static void vb_read(void *ctx, u32 offset, void *buf, u32 len)
{
	uint64_t t0 = vb_enter();

	(void)ctx;
	gpusim_bar0_ops.read(vb.s->sim, offset, buf, len);
	vb_leave(t0);
}

static void vb_write(void *ctx, u32 offset, const void *buf, u32 len)
{
	uint64_t t0 = vb_enter();

	(void)ctx;
	gpusim_bar0_ops.write(vb.s->sim, offset, buf, len);
	vb_leave(t0);
}

static void vb_set(void *ctx, u32 offset, u8 value, u32 len)
{
	uint64_t t0 = vb_enter();

	(void)ctx;
	gpusim_bar0_ops.set(vb.s->sim, offset, value, len);
	vb_leave(t0);
}

static const struct nvgsp_os_bar_ops vb_bar_ops = {
	.rd32 = vb_rd32, .wr32 = vb_wr32, .read = vb_read, .write = vb_write, .set = vb_set,
};

static void vb_tick(void *ctx, u64 now_ns)
{
	uint64_t t0 = vb_enter();

	(void)ctx;
	gpusim_tick(vb.s->sim, now_ns);
	vb_leave(t0);
}

/* The waits of the manager (src/vgpu/nvgsp_vgpu_rpc.c), wrapped by the link. */
struct nvgsp_vgpu;
int __real_nvgsp_vgpu_rpc_wait_boot(struct nvgsp_vgpu *vgpu);
int __wrap_nvgsp_vgpu_rpc_wait_boot(struct nvgsp_vgpu *vgpu)
{
	uint64_t t0 = thread_cpu_ns(), s0 = vb.sim_ns;
	int ret = __real_nvgsp_vgpu_rpc_wait_boot(vgpu);

	if (vb.timed) {
		vb.wait_cpu_ns += thread_cpu_ns() - t0 - (vb.sim_ns - s0);
		vb.waits++;
	}
	return ret;
}

void __real_nvgsp_os_usleep(u32 us);
void __wrap_nvgsp_os_usleep(u32 us)
{
	if (vb.timed)
		__atomic_add_fetch(&vb.sleeps, 1, __ATOMIC_RELAXED);
	__real_nvgsp_os_usleep(us);
}

struct vb_env {
	struct bench_sim s;
	u8 *file;
	size_t len;
	struct nvgsp_fw_blob blob;
	struct nvgsp_fw_vgpu_catalogue cat;
	struct nvgsp_vgpu_mgr *mgr;
	const struct nvgsp_fw_vgpu_type *type;
	u16 vfs;
};

static int vb_setup(struct vb_env *e, const char *fw_root)
{
	static const u64 vf_bar[GPUSIM_VF_BARS] = { 0xd0000000ull, 0x4000000000ull,
						     0x6000000000ull };
	struct gpusim_vgpumeta_cfg mc = GPUSIM_VGPUMETA_DEFAULT;
	struct nvgsp_vgpu_mgr_config mcfg;
	struct gpusim_sriov_facts f;
	struct nvgsp_fw_diag diag = { { 0 } };
	unsigned int i;

	memset(e, 0, sizeof(*e));
	if (bench_sim_create_board(&e->s, fw_root, VGPU_CHIP, VGPU_BOARD, VGPU_FB_MIB, NULL,
				   NULL, NULL))
		return -1;
	vb.s = &e->s;
	e->s.bar.ops = &vb_bar_ops;
	nvgsp_os_user_set_tick(vb_tick, NULL);
	if (gpusim_sriov_facts(e->s.sim, &f))
		goto fail;
	e->s.cfg.vgpu = true;
	e->s.cfg.pci.vf_total = f.total_vfs;
	e->s.cfg.pci.vf_first_offset = f.first_vf_offset;
	for (i = 0; i < GPUSIM_VF_BARS; i++) {
		e->s.cfg.pci.vf_bar_addr[i] = vf_bar[i];
		e->s.cfg.pci.vf_bar_64bit[i] = f.vf_bar_64bit[i];
	}
	gpusim_sriov_control(e->s.sim, false, 0, vf_bar);
	if (bench_sim_boot(&e->s))
		goto fail;
	e->vfs = f.total_vfs;
	gpusim_sriov_control(e->s.sim, true, e->vfs, NULL);
	mc.build = BENCH_RELEASE;
	if (gpusim_vgpumeta_build(&mc, &e->file, &e->len))
		goto fail;
	e->blob = (struct nvgsp_fw_blob){ .name = "vgpu-bench.bin", .data = e->file,
					  .size = e->len };
	if (nvgsp_fw_vgpu_parse(&e->blob, VGPU_BOARD, BENCH_RELEASE, 0, &e->cat, &diag)) {
		fprintf(stderr, "gsp_bench: vgpu: catalogue: %s\n", diag.msg);
		goto fail;
	}
	mcfg = (struct nvgsp_vgpu_mgr_config){
		.dev = &e->s.dev, .gsp = e->s.gsp, .bar0 = &e->s.bar, .chip = e->s.id.info,
		.abi = nvgsp_abi_find(BENCH_RELEASE), .dbdf = 0x100,
		.vf_first_offset = f.first_vf_offset, .vf_stride = f.vf_stride,
		.types = &e->cat, .types_file = &e->blob, .timeout_scale = 1,
	};
	if (nvgsp_vgpu_mgr_create(&mcfg, &e->mgr)) {
		fprintf(stderr, "gsp_bench: vgpu: the manager did not start:\n%s", bench_log_tail());
		goto fail;
	}
	for (i = 0; i < nvgsp_vgpu_mgr_nr_types(e->mgr); i++) {
		const struct nvgsp_fw_vgpu_type *t = nvgsp_vgpu_mgr_type(e->mgr, i);

		if (!e->type || t->max_instance > e->type->max_instance)
			e->type = t;
	}
	return e->type ? 0 : -1;
fail:
	free(e->file);
	bench_sim_destroy(&e->s);
	return -1;
}

static void vb_teardown(struct vb_env *e)
{
	nvgsp_vgpu_mgr_destroy(e->mgr);
	free(e->file);
	bench_sim_destroy(&e->s);
	vb.s = NULL;
}

static struct nvgsp_vgpu_params vb_params(u16 vf, u32 type)
{
	return (struct nvgsp_vgpu_params){ .vf = vf, .type_id = type, .vm_pid = 1,
					   .uuid = { 0x42, (u8)vf } };
}

struct vb_thread {
	struct vb_env *e;
	pthread_barrier_t *go;
	u16 vf;
	int ret;
	struct nvgsp_vgpu *vgpu;
};

static void *vb_create_thread(void *arg)
{
	struct vb_thread *t = arg;
	struct nvgsp_vgpu_params p = vb_params(t->vf, t->e->type->id);

	pthread_barrier_wait(t->go);
	t->ret = nvgsp_vgpu_create(t->e->mgr, &p, &t->vgpu);
	return NULL;
}

int bench_vgpu(const struct bench_opts *o)
{
	unsigned int n = o->runs, r, i, inst;
	double *cpu, *drv, *wait, *slept, *sleeps, *dcpu, *rwall, *rcpu, *pwall, *pcpu;
	struct vb_env e;
	int failed = 0;

	if (vb_setup(&e, o->fw_root))
		return -1;
	inst = nvgsp_vgpu_mgr_available(e.mgr, e.type->id);
	cpu = calloc(10 * n, sizeof(*cpu));
	if (!cpu) {
		vb_teardown(&e);
		return -1;
	}
	drv = cpu + n, wait = drv + n, slept = wait + n, sleeps = slept + n, dcpu = sleeps + n;
	rwall = dcpu + n, rcpu = rwall + n, pwall = rcpu + n, pcpu = pwall + n;

	for (r = 0; r < n && !failed; r++) {
		struct nvgsp_vgpu_params p = vb_params(0, e.type->id);
		struct nvgsp_vgpu *vgpu = NULL;
		uint64_t c0, d0;

		vb.sim_ns = vb.wait_cpu_ns = 0;
		vb.waits = vb.sleeps = 0;
		d0 = nvgsp_os_user_delayed_ns();
		vb.timed = true;
		c0 = thread_cpu_ns();
		failed = nvgsp_vgpu_create(e.mgr, &p, &vgpu);
		cpu[r] = (thread_cpu_ns() - c0) / 1e3;
		vb.timed = false;
		drv[r] = cpu[r] - vb.sim_ns / 1e3;
		wait[r] = vb.wait_cpu_ns / 1e3;
		slept[r] = (nvgsp_os_user_delayed_ns() - d0) / 1e6;
		sleeps[r] = vb.sleeps;
		if (failed)
			break;
		c0 = thread_cpu_ns();
		nvgsp_vgpu_destroy(vgpu);
		dcpu[r] = (thread_cpu_ns() - c0) / 1e3;
	}

	nvgsp_os_user_set_realtime(true);
	for (r = 0; r < n && !failed; r++) {
		struct nvgsp_vgpu_params p = vb_params(0, e.type->id);
		struct nvgsp_vgpu *vgpu = NULL;
		uint64_t t0 = bench_now_ns(), c0 = bench_cpu_ns();

		failed = nvgsp_vgpu_create(e.mgr, &p, &vgpu);
		rwall[r] = (bench_now_ns() - t0) / 1e6;
		rcpu[r] = (bench_cpu_ns() - c0) / 1e6;
		nvgsp_vgpu_destroy(vgpu);
	}
	for (r = 0; r < n && !failed; r++) {
		struct vb_thread *t = calloc(inst, sizeof(*t));
		pthread_t *th = calloc(inst, sizeof(*th));
		pthread_barrier_t go;
		uint64_t t0, c0;

		if (!t || !th || pthread_barrier_init(&go, NULL, inst + 1)) {
			free(t);
			free(th);
			failed = -1;
			break;
		}
		for (i = 0; i < inst; i++) {
			t[i] = (struct vb_thread){ .e = &e, .go = &go, .vf = (u16)i };
			pthread_create(&th[i], NULL, vb_create_thread, &t[i]);
		}
		t0 = bench_now_ns();
		c0 = bench_cpu_ns();
		pthread_barrier_wait(&go);
		for (i = 0; i < inst; i++) {
			pthread_join(th[i], NULL);
			if (t[i].ret)
				failed = t[i].ret;
		}
		pwall[r] = (bench_now_ns() - t0) / 1e6;
		pcpu[r] = (bench_cpu_ns() - c0) / 1e6;
		for (i = 0; i < inst; i++)
			nvgsp_vgpu_destroy(t[i].vgpu);
		pthread_barrier_destroy(&go);
		free(t);
		free(th);
	}
	nvgsp_os_user_set_realtime(false);

	if (failed) {
		fprintf(stderr, "gsp_bench: vgpu: create failed (%d):\n%s", failed,
			bench_log_tail());
	} else {
		char what[96];

		bench_row(4, "create, CPU time (virtual clock), driver + gpusim", "us", cpu, n);
		bench_row(4, "create, CPU time, driver only (gpusim's taken out)", "us", drv, n);
		bench_row(4, "  of which looking for the bootloaded marker", "us", wait, n);
		bench_row(4, "  virtual time slept waiting for the plugin", "ms", slept, n);
		bench_row(4, "  sleeps", "count", sleeps, n);
		bench_row(4, "destroy, CPU time (virtual clock), driver + gpusim", "us", dcpu, n);
		bench_row(4, "create, wall time (real clock)", "ms", rwall, n);
		bench_row(4, "create, process CPU time (real clock)", "ms", rcpu, n);
		snprintf(what, sizeof(what), "create %u vGPUs from %u threads, wall (real clock)",
			 inst, inst);
		bench_row(4, what, "ms", pwall, n);
		snprintf(what, sizeof(what), "create %u vGPUs from %u threads, process CPU", inst,
			 inst);
		bench_row(4, what, "ms", pcpu, n);
		bench_note("figure 4: %s as an A40 (48 GiB), type %u \"%s\", max_instance %u, %u placeable, %u VFs",
			   VGPU_CHIP, e.type->id, e.type->name, e.type->max_instance, inst, e.vfs);
	}
	free(cpu);
	vb_teardown(&e);
	return failed ? -1 : 0;
}
