// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_health.c - GSP-RM's health as its transport owns it
 * (src/transport/nvgsp_xport.c, nvgsp_rpc_state(), nvgsp_gsp_state()):
 * for every boot family and release of check_gsp_boot.c, GSP-RM booted on
 * gpusim, then a fault in the middle of a control call after boot (the
 * live RPC of sysfs gsp_live, nvgsp_gsp_vmmu_segment_size()):
 *
 *  - hang: GSP-RM never answers (GPUSIM_FAULT_RPC_TIMEOUT);
 *  - crash: GSP-RM halts its RISC-V core and stops answering
 *    (GPUSIM_FAULT_GSP_CRASH): the waiting call notices the halt within
 *    NVGSP_RPC_HALT_CHECK_NS (-EIO), not at its timeout;
 *  - gone: GSP-RM never answers and the device falls off the bus while the
 *    call waits (GPUSIM_FAULT_DEVICE_GONE);
 *  - corrupt: the reply's element has a bad checksum
 *    (GPUSIM_FAULT_BAD_CHECKSUM);
 *
 * or while GSP-RM is idle, found by the idle liveness check
 * (nvgsp_gsp_check_alive()):
 *
 *  - idle-crash: GSP-RM halts its RISC-V core with no RPC in flight
 *    (gpusim_gsp_crash());
 *  - idle-gone: the device falls off the bus with no RPC in flight.
 *
 * Each must kill the transport with one log line naming why and the last
 * command; the state accessor (what sysfs gsp_state prints) must say so;
 * every later call must fail at once (-EIO, -ENODEV when gone) without a
 * register access, a command or a line of log; and the teardown that
 * follows (RM frees, UNLOADING_GUEST_DRIVER, falcon reset, ...) must log
 * only a few lines and leak nothing (ASan's leak check, the DMA count).
 *
 * CK_HEALTH_REPORT=1 prints, per row and fault, the log lines and the
 * virtual time of the death and of the teardown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "gpusim.h"
#include "gsp/nvgsp_gsp.h"
#include "gsp/nvgsp_gsp_tool.h"
#include "rm/nvgsp_rm.h"
#include "transport/nvgsp_rpc.h"
#include "engine/nvgsp_falcon.h"
#include "gsp/nvgsp_gsp_hal.h"
#include "chip/regs/nvgsp_regs_falcon.h"
#include "chip/regs/nvgsp_regs_pmc.h"

#define N(a) (int)(ARRAY_SIZE(a))

static const struct scenario {
	const char *name;
	bool idle;		/* found by the liveness check, not by a call */
	enum gpusim_fault fault;
	u32 arg;
	bool gone;		/* also GPUSIM_FAULT_DEVICE_GONE */
	int first;		/* what the call (or check) that meets the fault returns */
	int next;		/* what every later call returns */
	enum nvgsp_rpc_state state;
	const char *reason;	/* in the reason and the death line */
} scenarios[] = {
	{ "hang", false, GPUSIM_FAULT_RPC_TIMEOUT, NVGSP_ABI_RPC_GSP_RM_CONTROL, false, -ETIMEDOUT,
	  -EIO, NVGSP_RPC_DEAD, "GSP_RM_CONTROL (seq 8): no answer after 4000 ms" },
	{ "crash", false, GPUSIM_FAULT_GSP_CRASH, NVGSP_ABI_RPC_GSP_RM_CONTROL, false, -EIO,
	  -EIO, NVGSP_RPC_DEAD, "GSP_RM_CONTROL (seq 8): GSP RISC-V core halted after 50 ms" },
	{ "gone", false, GPUSIM_FAULT_RPC_TIMEOUT, NVGSP_ABI_RPC_GSP_RM_CONTROL, true, -ENODEV,
	  -ENODEV, NVGSP_RPC_GONE, "BOOT_0 reads 0xffffffff while waiting for GSP-RM" },
	{ "corrupt", false, GPUSIM_FAULT_BAD_CHECKSUM, 0, false, -EPROTO, -EIO, NVGSP_RPC_DEAD,
	  "message queue: element at " },
	{ "idle-crash", true, GPUSIM_FAULT_NONE, 0, false, -EIO, -EIO, NVGSP_RPC_DEAD,
	  "idle liveness check: GSP RISC-V core halted" },
	{ "idle-gone", true, GPUSIM_FAULT_NONE, 0, true, -ENODEV, -ENODEV, NVGSP_RPC_GONE,
	  "BOOT_0 reads 0xffffffff at the idle liveness check" },
};

/* At most this many lines for the death, and for the teardown after it. */
#define DEATH_LINES	1
#define TEARDOWN_LINES	3

/* The log above debug level (the kernel log's share), counted. */
static struct {
	unsigned int lines;
	char text[1 << 14];
} hlog;

static void h_log(void *ctx, const char *dev, enum nvgsp_os_log_level level, const char *msg)
{
	size_t n = strlen(hlog.text);

	(void)ctx;
	(void)dev;
	if (level == NVGSP_LOG_DEBUG)
		return;
	hlog.lines++;
	snprintf(hlog.text + n, sizeof(hlog.text) - n, "%d %s\n", (int)level, msg);
}

static void hlog_reset(void)
{
	hlog.lines = 0;
	hlog.text[0] = '\0';
	nvgsp_os_user_set_log(h_log, NULL);
}

/*
 * BAR0 through gpusim, counted: a dead transport must not touch it. With
 * @locked, the GSP's RISC-V state registers (at @riscv, PFALCON2 + 0x240
 * and + 0x388) read PRI-locked, 0xbadf4110 (bit 4 "halted" set, bit 0
 * "active" clear).
 */
static struct {
	struct gpusim *sim;
	unsigned long accesses;
	bool locked;
	u32 riscv;
} hbar;

static u32 h_rd32(void *ctx, u32 offset)
{
	(void)ctx;
	hbar.accesses++;
	if (hbar.locked && (offset == hbar.riscv + NV_PRISCV_RISCV_CPUCTL ||
			    offset == hbar.riscv + NV_PRISCV_RISCV_CORE_SWITCH_RISCV_STATUS))
		return 0xbadf4110u;
	return gpusim_bar0_ops.rd32(hbar.sim, offset);
}

static void h_wr32(void *ctx, u32 offset, u32 value)
{
	(void)ctx;
	hbar.accesses++;
	gpusim_bar0_ops.wr32(hbar.sim, offset, value);
}

static const struct nvgsp_os_bar_ops h_bar_ops = { .rd32 = h_rd32, .wr32 = h_wr32 };

static u64 ms_since(u64 t0)
{
	return (nvgsp_os_time_ns() - t0) / 1000000;
}

START_TEST(death)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i / N(scenarios)];
	const struct scenario *sc = &scenarios[_i % N(scenarios)];
	struct nvgsp_rm_subdevice sd = { 0 };
	struct gpusim_stats st;
	struct nvgsp_gsp *gsp = NULL;
	struct nvgsp_rm *rm;
	struct unit_gsp e;
	unsigned long acc;
	unsigned int death_lines;
	char reason[160], want[192];
	u8 params[64] = { 0 };
	u32 psize, rpcs;
	u64 t0, death_ms, teardown_ms, seg = 0;
	int ret;

	unit_gsp_init(&e, r->chip, r->release, NULL, NULL);
	hbar.sim = e.sim;
	hbar.accesses = 0;
	e.bar.ops = &h_bar_ops;
	e.bar.ctx = NULL;
	ret = nvgsp_gsp_boot(&e.cfg, &gsp);
	ck_assert_msg(ret == 0, "%s %s boot: %d\n%s", r->chip, r->release, ret, unit_log);
	rm = nvgsp_gsp_rm(gsp);
	ck_assert_int_eq(nvgsp_rm_open(rm, &sd), 0);
	psize = nvgsp_abi_codec_size(e.set->abi, NVGSP_ABI_CODEC_VMMU_SEGMENT_SIZE);
	ck_assert(psize > 0 && psize <= sizeof(params));
	ck_assert_int_eq(nvgsp_gsp_state(gsp, reason, sizeof(reason)), NVGSP_RPC_RUNNING);
	ck_assert_str_eq(reason, "");

	/* Alive and idle: the check passes, the live RPC answers. */
	acc = hbar.accesses;
	ck_assert_int_eq(nvgsp_gsp_check_alive(gsp), 0);
	ck_assert_uint_le(hbar.accesses - acc, 2);
	ck_assert_int_eq(nvgsp_gsp_vmmu_segment_size(gsp, &sd, &seg), 0);
	ck_assert_uint_ne(seg, 0);

	/* The fault: in the middle of the live RPC, or while idle. */
	hlog_reset();
	gpusim_fault_set(e.sim, sc->fault, sc->arg);
	t0 = nvgsp_os_time_ns();
	if (sc->idle) {
		if (sc->gone)
			gpusim_fault_set(e.sim, GPUSIM_FAULT_DEVICE_GONE, 0);
		else
			gpusim_gsp_crash(e.sim);
		ret = nvgsp_gsp_check_alive(gsp);
	} else {
		if (sc->gone)
			gpusim_fault_set(e.sim, GPUSIM_FAULT_DEVICE_GONE, 8);
		ret = nvgsp_gsp_vmmu_segment_size(gsp, &sd, &seg);
	}
	death_ms = ms_since(t0);
	death_lines = hlog.lines;
	ck_assert_msg(ret == sc->first, "%s %s %s: %d, not %d\n%s", r->chip, r->release, sc->name,
		      ret, sc->first, hlog.text);
	ck_assert_msg(death_lines <= DEATH_LINES, "%s %s %s: %u lines\n%s", r->chip, r->release,
		      sc->name, death_lines, hlog.text);
	snprintf(want, sizeof(want), "0 %s: ",
		 sc->state == NVGSP_RPC_GONE ? "GPU gone" : "GSP-RM dead");
	ck_assert_msg(strstr(hlog.text, want) && strstr(hlog.text, sc->reason) &&
		      strstr(hlog.text, "; last command: GSP_RM_CONTROL (0x"),
		      "%s %s %s: no death line:\n%s", r->chip, r->release, sc->name, hlog.text);

	if (sc->fault == GPUSIM_FAULT_RPC_TIMEOUT && !sc->gone)
		ck_assert_msg(!strstr(hlog.text, "halted"), "a hang is not a halt:\n%s", hlog.text);

	/* What sysfs gsp_state shows. */
	ck_assert_int_eq(nvgsp_gsp_state(gsp, reason, sizeof(reason)), sc->state);
	ck_assert_msg(strstr(reason, sc->reason), "reason \"%s\"", reason);
	ck_assert_int_eq(nvgsp_rpc_state(nvgsp_gsp_rpc(gsp), reason, 8), sc->state);
	ck_assert_uint_eq(strlen(reason), 7);

	/* Every later call fails at once: no register, no command, no line, no time. */
	gpusim_get_stats(e.sim, &st);
	rpcs = st.rpcs;
	acc = hbar.accesses;
	t0 = nvgsp_os_time_ns();
	hlog_reset();
	ck_assert_int_eq(nvgsp_rpc_call(nvgsp_gsp_rpc(gsp), NVGSP_ABI_RPC_GSP_RM_CONTROL, params,
					psize, NULL, 0, NULL, 0), sc->next);
	ck_assert_int_eq(nvgsp_rpc_send(nvgsp_gsp_rpc(gsp), NVGSP_ABI_RPC_GSP_RM_CONTROL, params,
					psize), sc->next);
	ck_assert_int_eq(nvgsp_rpc_poll(nvgsp_gsp_rpc(gsp)), sc->next);
	ck_assert_int_eq(nvgsp_rpc_wait_event(nvgsp_gsp_rpc(gsp), NVGSP_ABI_EVENT_GSP_INIT_DONE, 0),
			 sc->next);
	ck_assert_int_eq(nvgsp_rm_control(rm, sd.h_client, sd.h_subdevice,
					  NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE, params,
					  psize), sc->next);
	ck_assert_int_eq(nvgsp_gsp_vmmu_segment_size(gsp, &sd, &seg), sc->next);
	ck_assert_int_eq(nvgsp_gsp_check_alive(gsp), sc->next);
	ck_assert_uint_eq(hbar.accesses, acc);
	ck_assert_uint_eq(nvgsp_os_time_ns(), t0);
	ck_assert_msg(hlog.lines == 0, "%s %s %s: logged again:\n%s", r->chip, r->release,
		      sc->name, hlog.text);
	gpusim_get_stats(e.sim, &st);
	ck_assert_uint_eq(st.rpcs, rpcs);

	/*
	 * Remove after death: few lines, little time, the device's DMA
	 * stopped before any buffer the GPU was given is freed, nothing
	 * leaked; when the device is gone its memory is kept (it cannot be
	 * told that it stopped), said in one line, and accounted.
	 */
	hlog_reset();
	nvgsp_os_user_dma_mark();
	e.dev.dma_stops = 0;
	e.dev.dma_frees = 0;
	e.dev.dma_freed_mastering = 0;
	t0 = nvgsp_os_time_ns();
	nvgsp_rm_close(rm, &sd);
	nvgsp_gsp_shutdown(gsp);
	teardown_ms = ms_since(t0);
	ck_assert_uint_eq(e.dev.dma_stops, 1);
	ck_assert(!e.dev.bus_master);
	ck_assert_uint_eq(e.dev.dma_freed_mastering, 0);
	if (sc->gone) {
		ck_assert_msg(strstr(hlog.text, "teardown: keeping ") &&
			      strstr(hlog.text, " KiB of DMA memory the GPU may still access: the device reads all ones"),
			      "%s %s %s: no keep line:\n%s", r->chip, r->release, sc->name, hlog.text);
		ck_assert_uint_eq(nvgsp_os_user_kept(), 1);
		ck_assert_uint_eq(e.dev.dma_frees, 0);
		nvgsp_os_user_keep_release();
	} else {
		ck_assert_msg(!strstr(hlog.text, "keeping"), "%s", hlog.text);
		ck_assert_uint_eq(nvgsp_os_user_kept(), 0);
		ck_assert_uint_gt(e.dev.dma_frees, 5);
	}
	if (getenv("CK_HEALTH_REPORT"))
		fprintf(stderr, "health %s %s %s: death %u lines %llu ms; teardown %u lines %llu ms\n",
			r->chip, r->release, sc->name, death_lines,
			(unsigned long long)death_ms, hlog.lines,
			(unsigned long long)teardown_ms);
	ck_assert_msg(hlog.lines <= TEARDOWN_LINES, "%s %s %s: teardown %u lines\n%s", r->chip,
		      r->release, sc->name, hlog.lines, hlog.text);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	ck_assert_uint_eq(e.bar.bad_accesses, 0);
	unit_gsp_fini(&e);
}
END_TEST

/* The liveness check, run from inside an event handler: the RPC lock is held. */
static struct {
	struct nvgsp_rpc *rpc;
	int ret;
	unsigned long accesses;
	unsigned int runs;
} busy;

static int busy_handler(void *ctx, u32 event, const void *payload, size_t len)
{
	unsigned long acc = hbar.accesses;

	(void)ctx;
	(void)event;
	(void)payload;
	(void)len;
	busy.ret = nvgsp_rpc_check_alive(busy.rpc);
	busy.accesses = hbar.accesses - acc;
	busy.runs++;
	return 0;
}

/*
 * While a call is in flight (its caller holds the RPC lock, here the
 * thread draining the reply that dispatches an event), the check skips the
 * round: -EBUSY, no register read, no wait, the transport still running.
 */
START_TEST(liveness_busy)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i];
	struct nvgsp_rm_subdevice sd = { 0 };
	struct nvgsp_gsp *gsp = NULL;
	struct unit_gsp e;
	u64 seg = 0, t0;

	unit_gsp_init(&e, r->chip, r->release, NULL, NULL);
	hbar.sim = e.sim;
	e.bar.ops = &h_bar_ops;
	e.bar.ctx = NULL;
	ck_assert_int_eq(nvgsp_gsp_boot(&e.cfg, &gsp), 0);
	/* The vector enables: the glue need not poll. */
	ck_assert(nvgsp_gsp_irq_enable(gsp));
	ck_assert_int_eq(nvgsp_rm_open(nvgsp_gsp_rm(gsp), &sd), 0);
	busy.rpc = nvgsp_gsp_rpc(gsp);
	busy.runs = 0;
	busy.ret = 1;
	ck_assert_int_eq(nvgsp_rpc_on_event(busy.rpc, NVGSP_ABI_EVENT_OS_ERROR_LOG, busy_handler,
					    NULL), 0);
	gpusim_fault_set(e.sim, GPUSIM_FAULT_ERROR_LOG, NVGSP_ABI_RPC_GSP_RM_CONTROL);
	t0 = nvgsp_os_time_ns();
	ck_assert_int_eq(nvgsp_gsp_vmmu_segment_size(gsp, &sd, &seg), 0);
	ck_assert_uint_ne(seg, 0);
	ck_assert_uint_eq(busy.runs, 1);
	ck_assert_int_eq(busy.ret, -EBUSY);
	ck_assert_uint_eq(busy.accesses, 0);
	ck_assert_int_eq(nvgsp_gsp_state(gsp, NULL, 0), NVGSP_RPC_RUNNING);
	/* Idle again: the check runs and passes. */
	ck_assert_int_eq(nvgsp_gsp_check_alive(gsp), 0);
	ck_assert_uint_lt(ms_since(t0), 4000);
	nvgsp_rm_close(nvgsp_gsp_rm(gsp), &sd);
	nvgsp_gsp_shutdown(gsp);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	unit_gsp_fini(&e);
}
END_TEST

/*
 * Bus mastering that stays on after the teardown cleared it (it cannot be
 * confirmed off): a healthy GSP-RM is unloaded and its engines reset as
 * always, but none of the memory it was given is freed; one line says how
 * much is kept and why.
 */
START_TEST(master_stuck)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i];
	struct nvgsp_rm_subdevice sd = { 0 };
	struct nvgsp_gsp *gsp = NULL;
	struct gpusim_stats st;
	struct unit_gsp e;
	size_t live;

	unit_gsp_init(&e, r->chip, r->release, NULL, NULL);
	ck_assert_int_eq(nvgsp_gsp_boot(&e.cfg, &gsp), 0);
	ck_assert_int_eq(nvgsp_rm_open(nvgsp_gsp_rm(gsp), &sd), 0);
	nvgsp_rm_close(nvgsp_gsp_rm(gsp), &sd);
	hlog_reset();
	nvgsp_os_user_dma_mark();
	live = nvgsp_os_user_dma_live();
	e.dev.master_stuck = true;
	nvgsp_gsp_shutdown(gsp);
	gpusim_get_stats(e.sim, &st);
	ck_assert(st.unloaded);
	ck_assert_uint_eq(e.dev.dma_stops, 1);
	ck_assert_uint_eq(e.dev.dma_freed_mastering, 0);
	/* Only the teardown's own FWSEC-SB and booter_unload images were freed. */
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
	ck_assert_uint_eq(hlog.lines, 1);
	ck_assert_msg(strstr(hlog.text, "1 teardown: keeping ") &&
		      strstr(hlog.text, " KiB of DMA memory the GPU may still access: bus mastering cannot be confirmed off"),
		      "%s", hlog.text);
	ck_assert_uint_eq(nvgsp_os_user_kept(), 1);
	ck_assert_uint_gt(nvgsp_os_user_dma_live(), e.dma_live);
	nvgsp_os_user_keep_release();
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	unit_gsp_fini(&e);
}
END_TEST

/*
 * What GSP-RM's sequencer scripts make the engine layer do as often as
 * GSP-RM likes (register waits, falcon resets) on a device that fell off
 * the bus: rate-limited per call site, 10 lines per window, the rest
 * counted as suppressed.
 */
START_TEST(engine_flood)
{
	struct nvgsp_falcon f;
	unsigned long suppressed = nvgsp_os_user_log_suppressed();
	struct unit_gsp e;
	int i;

	unit_gsp_init(&e, "ga102", "570.144", NULL, NULL);
	nvgsp_falcon_init(&f, &e.bar, &e.dev, "GSP", NV_PGSP_FALCON_BASE,
			  nvgsp_gsp_hal_lookup(e.id.info)->falcon, e.id.boot0, 1);
	gpusim_fault_set(e.sim, GPUSIM_FAULT_DEVICE_GONE, 0);
	hlog_reset();
	for (i = 0; i < 1000; i++) {
		ck_assert_int_eq(nvgsp_poll32(&e.bar, &e.dev, NV_PMC_BOOT_0, "BOOT_0", 1, 1, 1000,
					      10, NULL, false), -ENODEV);
		ck_assert_int_lt(nvgsp_falcon_reset(&f), 0);
	}
	ck_assert_msg(hlog.lines <= 40, "%u lines:\n%s", hlog.lines, hlog.text);
	ck_assert_uint_ge(nvgsp_os_user_log_suppressed() - suppressed, 2000 - 40);
	unit_gsp_fini(&e);
}
END_TEST

/*
 * A RISC-V state register that reads PRI-locked says nothing about the
 * core: the liveness check passes (it must not take 0xbadf41xx for a halt);
 * the same check finds a real halt afterwards.
 */
START_TEST(liveness_locked)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i];
	struct nvgsp_gsp *gsp = NULL;
	struct nvgsp_falcon f;
	struct unit_gsp e;

	unit_gsp_init(&e, r->chip, r->release, NULL, NULL);
	hbar.sim = e.sim;
	e.bar.ops = &h_bar_ops;
	e.bar.ctx = NULL;
	nvgsp_falcon_init(&f, &e.bar, &e.dev, "GSP", NV_PGSP_FALCON_BASE,
			  nvgsp_gsp_hal_lookup(e.id.info)->falcon, e.id.boot0, 1);
	hbar.riscv = f.base2;
	ck_assert_int_eq(nvgsp_gsp_boot(&e.cfg, &gsp), 0);
	hbar.locked = true;
	ck_assert_int_eq(nvgsp_gsp_check_alive(gsp), 0);
	ck_assert_int_eq(nvgsp_gsp_state(gsp, NULL, 0), NVGSP_RPC_RUNNING);
	hbar.locked = false;
	gpusim_gsp_crash(e.sim);
	ck_assert_int_eq(nvgsp_gsp_check_alive(gsp), -EIO);
	nvgsp_gsp_shutdown(gsp);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	unit_gsp_fini(&e);
}
END_TEST

/* How a kept object holding one DMA buffer is freed. */
static void keep_release_dma(void *obj)
{
	nvgsp_os_dma_free(NULL, obj);
	nvgsp_os_free(obj);
}

/*
 * Memory given up because the device might still write to it: still
 * reachable by the device (its bus address resolves), counted, not a leak,
 * and freed only when a test releases it.
 */
START_TEST(keep_accounting)
{
	struct nvgsp_os_device dev = { .name = "keep" };
	struct nvgsp_os_dma a, b;
	size_t live = nvgsp_os_user_dma_live();
	u64 addr;
	void *obj;

	ck_assert_int_eq(nvgsp_os_dma_alloc(&dev, 8192, &a), 0);
	ck_assert_int_eq(nvgsp_os_dma_alloc(&dev, 4096, &b), 0);
	addr = a.addr;
	nvgsp_os_dma_keep(&dev, &a);
	ck_assert_ptr_null(a.cpu);
	ck_assert_uint_eq(a.size, 0);
	obj = nvgsp_os_zalloc(sizeof(struct nvgsp_os_dma));
	ck_assert_ptr_nonnull(obj);
	memcpy(obj, &b, sizeof(b));
	nvgsp_os_keep(&dev, obj, keep_release_dma);
	ck_assert_uint_eq(nvgsp_os_user_kept(), 2);
	ck_assert_ptr_nonnull(nvgsp_os_user_dma_lookup(addr, 8192));
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live + 2);
	ck_assert_uint_eq(dev.dma_frees, 0);
	nvgsp_os_user_keep_release();
	ck_assert_uint_eq(nvgsp_os_user_kept(), 0);
	ck_assert_ptr_null(nvgsp_os_user_dma_lookup(addr, 8192));
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
}
END_TEST

Suite *nvgsp_suite_health(void)
{
	Suite *s = suite_create("health");
	TCase *tc = tcase_create("death");

	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, death, 0, UNIT_GSP_NROWS * N(scenarios));
	suite_add_tcase(s, tc);
	tc = tcase_create("liveness");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, liveness_busy, 0, UNIT_GSP_NROWS);
	tcase_add_loop_test(tc, master_stuck, 0, UNIT_GSP_NROWS);
	tcase_add_test(tc, engine_flood);
	tcase_add_test(tc, keep_accounting);
	tcase_add_loop_test(tc, liveness_locked, 0, UNIT_GSP_NROWS);
	suite_add_tcase(s, tc);
	return s;
}
