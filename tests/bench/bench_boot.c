// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_boot.c - figure 3: the driver's time from probe to INIT_DONE with
 * gpusim answering at once: nvgsp_chip_identify() and nvgsp_fw_select()
 * (what probe does first), then nvgsp_gsp_boot() over an in-process gpusim,
 * set up as tests/unit/check_gsp_boot.c does, for ga102 (SEC2 booter path)
 * and gh100 (FSP path) at 570.144.
 *
 * Totals (process CPU time and wall time of nvgsp_gsp_boot()) come from
 * runs without instrumentation. A second set of runs splits the boot's
 * process CPU time into steps and takes gpusim's own out:
 *  - gpusim's time: every BAR0 access and tick the driver makes reaches the
 *    model through bench_sim's wrappers, which add up the process CPU time
 *    spent in it (struct bench_sim.timed; a clock_gettime system call on
 *    each side of each call, so the instrumented runs cost more). Its checks
 *    run inside those calls, the largest being the comparison of every
 *    radix3-mapped page with the real .fwimage when the booter (or FSP)
 *    accepts the WPR metadata.
 *  - step boundaries: the link wraps (ld --wrap, see the Makefile) a few
 *    functions the boot calls across files, and reads the CPU clock at their
 *    entry and exit: nvgsp_rpc_create, nvgsp_gsp_mem_create,
 *    nvgsp_os_dma_sg_alloc and nvgsp_os_dma_sg_sync (the staging copy lies
 *    between the two), nvgsp_gsp_init_wait_keep. The driver is not changed.
 * CPU time, not wall time, is split because a shared machine's wall time
 * includes other processes' turns.
 * Steps:
 *  - hardware steps: from boot start to the transport's creation (GFW boot
 *    wait, sysmem flush, FB probe and the boot plan, VBIOS and FWSEC-FRTS
 *    on SEC2 chips, the FSP boot wait on FSP chips);
 *  - RPC queues: nvgsp_rpc_create() and the queued SET_SYSTEM_INFO and
 *    SET_REGISTRY;
 *  - staging: .fwimage into DMA pages (allocation, zeroing, copy; the
 *    firmware file's pages are first touched here, since the userspace
 *    loader maps the file);
 *  - rest of boot memory: radix3, signature, bootloader, libos arguments,
 *    logs, RMARGS, WPR metadata;
 *  - boot sequence: GSP falcon reset and start, booter_load on SEC2 or the
 *    FSP chain of trust, RISC-V start;
 *  - RPC bring-up: sequencer, GSP_INIT_DONE, static info, RM layer.
 * The driver's delays use the virtual clock: they cost no real time here,
 * and the virtual time they add up to is reported (on hardware it would
 * be waiting, not CPU time).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench.h"
#include "gsp/nvgsp_gsp_init.h"
#include "gsp/nvgsp_gsp_mem.h"
#include "transport/nvgsp_rpc.h"

enum mark {
	M_START,	/* nvgsp_gsp_boot() called */
	M_RPC,		/* nvgsp_rpc_create() entered */
	M_MEM,		/* nvgsp_gsp_mem_create() entered */
	M_STAGE,	/* its nvgsp_os_dma_sg_alloc() entered */
	M_STAGED,	/* its nvgsp_os_dma_sg_sync() returned */
	M_MEM_DONE,	/* nvgsp_gsp_mem_create() returned */
	M_INIT,		/* nvgsp_gsp_init_wait_keep() entered */
	M_END,		/* nvgsp_gsp_boot() returned */
	NR_MARKS,
};

/* The boot being split: marks are taken only while @cur is set. */
static struct {
	struct bench_sim *cur;
	bool in_mem;
	uint64_t cpu[NR_MARKS];
	uint64_t sim[NR_MARKS];
	bool seen[NR_MARKS];
	long minflt_stage;
} trk;

static void mark(enum mark m)
{
	if (!trk.cur || trk.seen[m])
		return;
	trk.cpu[m] = bench_cpu_ns();
	trk.sim[m] = trk.cur->sim_ns;
	trk.seen[m] = true;
}

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* ld --wrap: the calls the boot makes across files reach these first. */
int __real_nvgsp_rpc_create(const struct nvgsp_rpc_config *cfg, struct nvgsp_rpc **out);
int __wrap_nvgsp_rpc_create(const struct nvgsp_rpc_config *cfg, struct nvgsp_rpc **out);
int __real_nvgsp_gsp_mem_create(struct nvgsp_os_device *dev, const struct nvgsp_gsp_plan *plan,
				const struct nvgsp_rpc_shm *shm, struct nvgsp_gsp_mem *mem);
int __wrap_nvgsp_gsp_mem_create(struct nvgsp_os_device *dev, const struct nvgsp_gsp_plan *plan,
				const struct nvgsp_rpc_shm *shm, struct nvgsp_gsp_mem *mem);
int __real_nvgsp_os_dma_sg_alloc(struct nvgsp_os_device *dev, size_t size,
				 struct nvgsp_os_dma_sg **sg);
int __wrap_nvgsp_os_dma_sg_alloc(struct nvgsp_os_device *dev, size_t size,
				 struct nvgsp_os_dma_sg **sg);
void __real_nvgsp_os_dma_sg_sync(struct nvgsp_os_device *dev, struct nvgsp_os_dma_sg *sg);
void __wrap_nvgsp_os_dma_sg_sync(struct nvgsp_os_device *dev, struct nvgsp_os_dma_sg *sg);
int __real_nvgsp_gsp_init_wait_keep(struct nvgsp_rpc *rpc, const struct nvgsp_abi *abi,
				    u32 timeout_ms, struct nvgsp_abi_static_info *info, u8 **wire,
				    size_t *wire_len);
int __wrap_nvgsp_gsp_init_wait_keep(struct nvgsp_rpc *rpc, const struct nvgsp_abi *abi,
				    u32 timeout_ms, struct nvgsp_abi_static_info *info, u8 **wire,
				    size_t *wire_len);

int __wrap_nvgsp_rpc_create(const struct nvgsp_rpc_config *cfg, struct nvgsp_rpc **out)
{
	mark(M_RPC);
	return __real_nvgsp_rpc_create(cfg, out);
}

int __wrap_nvgsp_gsp_mem_create(struct nvgsp_os_device *dev, const struct nvgsp_gsp_plan *plan,
				const struct nvgsp_rpc_shm *shm, struct nvgsp_gsp_mem *mem)
{
	int ret;

	mark(M_MEM);
	trk.in_mem = true;
	ret = __real_nvgsp_gsp_mem_create(dev, plan, shm, mem);
	trk.in_mem = false;
	mark(M_MEM_DONE);
	return ret;
}

int __wrap_nvgsp_os_dma_sg_alloc(struct nvgsp_os_device *dev, size_t size,
				 struct nvgsp_os_dma_sg **sg)
{
	if (trk.in_mem && trk.cur && !trk.seen[M_STAGE]) {
		mark(M_STAGE);
		trk.minflt_stage = minflt();
	}
	return __real_nvgsp_os_dma_sg_alloc(dev, size, sg);
}

void __wrap_nvgsp_os_dma_sg_sync(struct nvgsp_os_device *dev, struct nvgsp_os_dma_sg *sg)
{
	__real_nvgsp_os_dma_sg_sync(dev, sg);
	if (trk.in_mem && trk.cur && !trk.seen[M_STAGED]) {
		trk.minflt_stage = minflt() - trk.minflt_stage;
		mark(M_STAGED);
	}
}

int __wrap_nvgsp_gsp_init_wait_keep(struct nvgsp_rpc *rpc, const struct nvgsp_abi *abi,
				    u32 timeout_ms, struct nvgsp_abi_static_info *info, u8 **wire,
				    size_t *wire_len)
{
	mark(M_INIT);
	return __real_nvgsp_gsp_init_wait_keep(rpc, abi, timeout_ms, info, wire, wire_len);
}

static const char *const boot_chips[] = { "ga102", "gh100" };

/* Values per run, in milliseconds. */
enum col {
	C_SIMCREATE, C_SELECT, C_SELECT_CPU, C_CPU, C_WALL, C_DELAY, C_SHUTDOWN,
	C_SIM, C_DRIVER, C_HW, C_QUEUES, C_STAGE, C_MEMREST, C_SEQ, C_SEQ_SIM, C_BRINGUP,
	C_FAULTS, C_SPLIT_CPU, C_CALLS, NR_COLS,
};

/* Process CPU time between two marks, less gpusim's when @driver; in ms. */
static double span(enum mark a, enum mark b, bool driver)
{
	double w = (double)(trk.cpu[b] - trk.cpu[a]);

	if (driver)
		w -= (double)(trk.sim[b] - trk.sim[a]);
	return w / 1e6;
}

static int boot_chip(const struct bench_opts *o, const char *chip, double *v[NR_COLS])
{
	unsigned int n = o->runs, r, m;
	struct bench_sim s;
	char what[96];

	/* Totals, uninstrumented; then the split, instrumented. */
	for (r = 0; r < 2 * n + 1; r++) {
		bool split = r > n, warm = r == 0;
		unsigned int i = split ? r - n - 1 : r - 1;
		uint64_t simc, sel, selc, c0, w0, d0, t0, t1;

		if (bench_sim_create(&s, o->fw_root, chip, &simc, &sel, &selc))
			return -1;
		memset(&trk, 0, sizeof(trk));
		s.timed = split;
		s.clock = CLOCK_PROCESS_CPUTIME_ID;
		trk.cur = split ? &s : NULL;
		d0 = nvgsp_os_user_delayed_ns();
		c0 = bench_cpu_ns();
		w0 = bench_now_ns();
		mark(M_START);
		if (bench_sim_boot(&s)) {
			bench_sim_destroy(&s);
			return -1;
		}
		mark(M_END);
		t0 = bench_now_ns();
		trk.cur = NULL;
		s.timed = false;
		if (!warm && !split) {
			v[C_CPU][i] = (bench_cpu_ns() - c0) / 1e6;
			v[C_WALL][i] = (t0 - w0) / 1e6;
			v[C_DELAY][i] = (nvgsp_os_user_delayed_ns() - d0) / 1e6;
			v[C_SIMCREATE][i] = simc / 1e6;
			v[C_SELECT][i] = sel / 1e6;
			v[C_SELECT_CPU][i] = selc / 1e6;
		}
		nvgsp_gsp_shutdown(s.gsp);
		s.gsp = NULL;
		t1 = bench_now_ns();
		if (!warm && !split)
			v[C_SHUTDOWN][i] = (t1 - t0) / 1e6;
		if (split) {
			for (m = 0; m < NR_MARKS; m++) {
				if (trk.seen[m])
					continue;
				fprintf(stderr, "gsp_bench: %s: boot step mark %u not seen; split not measured\n",
					chip, m);
				bench_sim_destroy(&s);
				return -1;
			}
			v[C_SPLIT_CPU][i] = span(M_START, M_END, false);
			v[C_SIM][i] = (trk.sim[M_END] - trk.sim[M_START]) / 1e6;
			v[C_CALLS][i] = (double)s.sim_calls;
			v[C_DRIVER][i] = span(M_START, M_END, true);
			v[C_HW][i] = span(M_START, M_RPC, true);
			v[C_QUEUES][i] = span(M_RPC, M_MEM, true);
			v[C_STAGE][i] = span(M_STAGE, M_STAGED, true);
			v[C_MEMREST][i] = span(M_MEM, M_MEM_DONE, true) - v[C_STAGE][i];
			v[C_SEQ][i] = span(M_MEM_DONE, M_INIT, true);
			v[C_SEQ_SIM][i] = span(M_MEM_DONE, M_INIT, false) - v[C_SEQ][i];
			v[C_BRINGUP][i] = span(M_INIT, M_END, true);
			v[C_FAULTS][i] = (double)trk.minflt_stage;
		}
		bench_sim_destroy(&s);
	}

#define ROW(col, text, unit)						\
	do {								\
		snprintf(what, sizeof(what), "%s %s", chip, text);	\
		bench_row(3, what, unit, v[col], n);			\
	} while (0)
	ROW(C_SELECT, "nvgsp_fw_select (load+parse), wall", "ms");
	ROW(C_SELECT_CPU, "nvgsp_fw_select, process CPU", "ms");
	ROW(C_CPU, "nvgsp_gsp_boot to INIT_DONE, process CPU", "ms");
	ROW(C_WALL, "nvgsp_gsp_boot to INIT_DONE, wall", "ms");
	ROW(C_SPLIT_CPU, " split runs, process CPU (instrumented)", "ms");
	ROW(C_CALLS, "  register accesses + ticks into gpusim", "#");
	ROW(C_SIM, "  gpusim's model", "ms");
	ROW(C_SEQ_SIM, "   of it in the boot sequence (WPR, radix3)", "ms");
	ROW(C_DRIVER, "  driver", "ms");
	ROW(C_HW, "   hardware steps before boot memory", "ms");
	ROW(C_QUEUES, "   RPC queues, SYSTEM_INFO+REGISTRY queued", "ms");
	ROW(C_STAGE, "   staging .fwimage (alloc, zero, copy)", "ms");
	ROW(C_MEMREST, "   radix3 and the rest of boot memory", "ms");
	ROW(C_SEQ, "   falcon, booter or FSP, RISC-V start", "ms");
	ROW(C_BRINGUP, "   RPC bring-up: sequencer, INIT_DONE, info", "ms");
	ROW(C_FAULTS, "   minor page faults while staging", "#");
	ROW(C_DELAY, "virtual delays (waits on real hardware)", "ms");
	ROW(C_SHUTDOWN, "nvgsp_gsp_shutdown, wall", "ms");
	ROW(C_SIMCREATE, "gpusim_create, wall (not driver time)", "ms");
#undef ROW
	return 0;
}

int bench_boot(const struct bench_opts *o)
{
	unsigned int n = o->runs, c, i;
	double *buf, *v[NR_COLS];
	double *img, cmp_ms[64];
	u8 *a, *b;
	size_t len = 63500000;
	int ret = 0;

	buf = calloc((size_t)NR_COLS * n, sizeof(double));
	if (!buf)
		return -1;
	for (c = 0; c < NR_COLS; c++)
		v[c] = buf + (size_t)c * n;
	for (i = 0; i < ARRAY_SIZE(boot_chips); i++) {
		fprintf(stderr, "figure 3: boot %s %s on gpusim\n", boot_chips[i], BENCH_RELEASE);
		if (boot_chip(o, boot_chips[i], v)) {
			fprintf(stderr, "gsp_bench: figure 3 not measured for %s\n", boot_chips[i]);
			bench_note("fig 3: %s %s: boot failed, not measured (see stderr)",
				   boot_chips[i], BENCH_RELEASE);
			ret = -1;
		}
	}

	/* What gpusim's radix3 check costs at least: a memcmp of 63.5 MB. */
	a = malloc(len);
	b = malloc(len);
	img = cmp_ms;
	if (a && b) {
		unsigned int runs = n < 64 ? n : 64;

		memset(a, 0x5a, len);
		memset(b, 0x5a, len);
		for (i = 0; i < runs + 1; i++) {
			uint64_t t0 = bench_now_ns();
			volatile int d = memcmp(a, b, len);

			(void)d;
			if (i)
				img[i - 1] = (bench_now_ns() - t0) / 1e6;
		}
		bench_row(3, "memcmp of 63.5 MB (floor of gpusim's radix3 compare)", "ms", img,
			  runs);
	}
	free(a);
	free(b);
	free(buf);
	return ret;
}
