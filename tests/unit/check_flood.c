// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_flood.c - the GSP-to-CPU receive path as a long-running service:
 * for every chip x release row (unit_gsp_rows), GSP-RM booted on gpusim,
 * then what GSP-RM may send as often as it likes:
 *
 *  - flood: 20,000 events published while the driver polls
 *    (nvgsp_rpc_poll(), as the interrupt thread or the polling work does):
 *    every poll stops at the drain budget, says so (nvgsp_rpc_backlog())
 *    while more is published, yields on the way (nvgsp_os_cond_resched()),
 *    and the queue ends drained with every event delivered once;
 *  - error log: 10,000 OS_ERROR_LOG events, each a kernel-log line the
 *    driver prints through nvgsp_os_log_ratelimited(), drained by a
 *    poller every 250 ms of virtual time (about 10 s, three rate-limit
 *    windows): the log stays within the rate limit, and nothing dies;
 *  - sequencer: a RUN_CPU_SEQUENCER script after boot whose REG_POLL asks
 *    for 0xffffffff us (71 minutes) on a register that never matches: the
 *    poll is cut to 4 s (nvgsp_seq.c), the handler's error is logged and
 *    GSP-RM keeps its health, as rpc_event() does with any handler error;
 *    the same script during boot fails the boot with -ETIMEDOUT, cleanly.
 *
 * After each, a control call still works, the teardown leaks nothing (the
 * DMA count, ASan's leak check). The kernel-visible log is what the OS
 * layer prints above debug level; a rate-limited call site prints at most
 * 10 lines per 5 s window (the kernel's DEFAULT_RATELIMIT_BURST and
 * _INTERVAL) plus one "callbacks suppressed" line when a window that
 * dropped some ends, so a site's lines over T seconds of virtual time are
 * at most 11 * (T / 5 + 1).
 *
 * CK_FLOOD_REPORT=1 prints, per row and case, the kernel-visible lines, the
 * polls, the most elements one poll drained, the cond_resched() calls and
 * the virtual time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "gpusim.h"
#include "gpusim_msgq.h"
#include "gsp/nvgsp_gsp.h"
#include "gsp/nvgsp_gsp_tool.h"
#include "rm/nvgsp_rm.h"
#include "transport/nvgsp_rpc.h"
#include "transport/nvgsp_rpc_types.h"	/* NVGSP_RPC_DRAIN_BUDGET, _YIELD */

#define FLOOD_EVENTS		20000u
#define ERROR_LOG_EVENTS	10000u
/* DEFAULT_RATELIMIT_BURST and DEFAULT_RATELIMIT_INTERVAL (include/linux/ratelimit_types.h). */
#define RL_BURST		10u
#define RL_WINDOW_NS		(5ull * 1000 * 1000 * 1000)
/* NV_PBUS_SW_SCRATCH(0x3f), the register gpusim's boot script writes (gpusim_rm.c). */
#define SEQ_POLL_REG		(0x001400u + 4u * 0x3fu)

/* The log, all of it and above debug level (the kernel log's share). */
static struct {
	unsigned int all, loud;
	char text[1 << 14];
} flog;

static void f_log(void *ctx, const char *dev, enum nvgsp_os_log_level level, const char *msg)
{
	size_t n = strlen(flog.text);

	(void)ctx;
	(void)dev;
	flog.all++;
	if (level == NVGSP_LOG_DEBUG)
		return;
	flog.loud++;
	snprintf(flog.text + n, sizeof(flog.text) - n, "%d %s\n", (int)level, msg);
}

static void flog_reset(void)
{
	memset(&flog, 0, sizeof(flog));
	nvgsp_os_user_set_log(f_log, NULL);
}

/* Lines a rate-limited call site may print over @ns of virtual time. */
static unsigned int rl_bound(u64 ns)
{
	return (RL_BURST + 1) * (unsigned int)(ns / RL_WINDOW_NS + 1);
}

struct flood {
	const struct unit_gsp_row *row;
	struct unit_gsp e;
	struct nvgsp_gsp *gsp;
	struct nvgsp_rpc *rpc;
	struct nvgsp_rm *rm;
	struct nvgsp_rm_subdevice sd;
	struct gpusim_msgq *q;
};

static void flood_boot(struct flood *f, int row)
{
	int ret;

	memset(f, 0, sizeof(*f));
	f->row = &unit_gsp_rows[row];
	unit_gsp_init(&f->e, f->row->chip, f->row->release, NULL, NULL);
	ret = nvgsp_gsp_boot(&f->e.cfg, &f->gsp);
	ck_assert_msg(ret == 0, "%s %s boot: %d\n%s", f->row->chip, f->row->release, ret,
		      unit_log);
	f->rpc = nvgsp_gsp_rpc(f->gsp);
	f->rm = nvgsp_gsp_rm(f->gsp);
	ck_assert_int_eq(nvgsp_rm_open(f->rm, &f->sd), 0);
	f->q = gpusim_rm_msgq(gpusim_hw_rm(f->e.sim));
	ck_assert_ptr_nonnull(f->q);
	flog_reset();
}

/* A control call after the storm: GSP-RM still answers. */
static void flood_control(struct flood *f)
{
	u32 psize = nvgsp_abi_codec_size(f->e.set->abi, NVGSP_ABI_CODEC_VMMU_SEGMENT_SIZE);
	u8 params[64] = { 0 };

	ck_assert(psize > 0 && psize <= sizeof(params));
	ck_assert_int_eq(nvgsp_rm_control(f->rm, f->sd.h_client, f->sd.h_subdevice,
					  NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE, params,
					  psize), 0);
	ck_assert_int_eq(nvgsp_rpc_state(f->rpc, NULL, 0), NVGSP_RPC_RUNNING);
}

static void flood_fini(struct flood *f)
{
	nvgsp_rm_close(f->rm, &f->sd);
	nvgsp_gsp_shutdown(f->gsp);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), f->e.dma_live);
	ck_assert_uint_eq(f->e.bar.bad_accesses, 0);
	ck_assert_str_eq(gpusim_error(f->e.sim), "");
	unit_gsp_fini(&f->e);
	nvgsp_os_user_set_log(NULL, NULL);
}

static u32 event_number(struct flood *f, u32 id)
{
	u32 n;

	ck_assert_int_eq(nvgsp_abi_event_number(f->e.set->abi, id, &n), 0);
	return n;
}

struct drain_stats {
	unsigned int polls, max, backlogs;
	unsigned long delivered, rescheds;
	u64 ns;
};

/*
 * Poll as a poller that runs every @period_us would, until GSP-RM has
 * published everything and the driver has read it: each poll within the
 * budget, exactly the budget when it left a backlog. A backlog is polled
 * again at once (the interrupt path's "poll again soon"), or with @paced
 * only at the next period (a periodic work item).
 */
static void drain_all(struct flood *f, u32 period_us, bool paced, struct drain_stats *st)
{
	unsigned long resched0 = nvgsp_os_user_resched_count();
	u64 t0 = nvgsp_os_time_ns();
	int n;

	memset(st, 0, sizeof(*st));
	for (;;) {
		n = nvgsp_rpc_poll(f->rpc);
		ck_assert_msg(n >= 0, "%s %s: poll %u: %d\n%s", f->row->chip, f->row->release,
			      st->polls, n, flog.text);
		ck_assert_int_le(n, NVGSP_RPC_DRAIN_BUDGET);
		st->polls++;
		st->delivered += (unsigned long)n;
		if ((unsigned int)n > st->max)
			st->max = (unsigned int)n;
		if (nvgsp_rpc_backlog(f->rpc)) {
			/* One element per event here: stopped exactly at the budget. */
			ck_assert_int_eq(n, NVGSP_RPC_DRAIN_BUDGET);
			st->backlogs++;
			if (!paced)
				continue;	/* more is there: poll again at once */
		} else if (!n && gpusim_msgq_drained(f->q)) {
			break;
		}
		ck_assert_uint_lt(st->polls, 100000);
		nvgsp_os_usleep(period_us);
	}
	st->rescheds = nvgsp_os_user_resched_count() - resched0;
	st->ns = nvgsp_os_time_ns() - t0;
}

static void report(struct flood *f, const char *what, const struct drain_stats *st)
{
	if (!getenv("CK_FLOOD_REPORT"))
		return;
	fprintf(stderr,
		"flood %s %s %s: %u kernel-visible lines (%u with debug), %u polls, %lu delivered, at most %u per poll, %u at the budget, %lu cond_resched, %llu ms virtual\n",
		f->row->chip, f->row->release, what, flog.loud, flog.all, st->polls,
		st->delivered, st->max, st->backlogs, st->rescheds,
		(unsigned long long)(st->ns / 1000000));
}

static int count_event(void *ctx, u32 event, const void *payload, size_t len)
{
	unsigned long *count = ctx;

	(void)event;
	(void)payload;
	ck_assert_uint_eq(len, 64);
	(*count)++;
	return 0;
}

START_TEST(flood)
{
	struct drain_stats st;
	unsigned long count = 0;
	struct flood f;
	u8 payload[64];

	flood_boot(&f, _i);
	memset(payload, 0x5a, sizeof(payload));
	ck_assert_int_eq(nvgsp_rpc_on_event(f.rpc, NVGSP_ABI_EVENT_POST_EVENT, count_event,
					    &count), 0);
	/* With the RPC debug lines on, which are rate-limited too. */
	nvgsp_os_user_set_debug(NVGSP_DBG_RPC);
	ck_assert_int_eq(gpusim_msgq_send_repeat(f.q, event_number(&f, NVGSP_ABI_EVENT_POST_EVENT),
						 0, 0, payload, sizeof(payload), FLOOD_EVENTS), 0);
	drain_all(&f, 1000, false, &st);
	nvgsp_os_user_set_debug(0);
	report(&f, "20000 events", &st);

	ck_assert_uint_eq(count, FLOOD_EVENTS);
	ck_assert_uint_eq(st.delivered, FLOOD_EVENTS);
	ck_assert(!nvgsp_rpc_backlog(f.rpc));
	/* GSP-RM kept publishing while the driver drained: the budget bit. */
	ck_assert_uint_gt(st.backlogs, 0);
	ck_assert_uint_eq(st.max, NVGSP_RPC_DRAIN_BUDGET);
	/* A yield every NVGSP_RPC_DRAIN_YIELD elements but a poll's first. */
	ck_assert_uint_ge(st.rescheds, FLOOD_EVENTS / NVGSP_RPC_DRAIN_YIELD - st.polls);
	/*
	 * A well-formed event reaches the kernel log only at debug level; the
	 * one debug line per event ("rpc rx event") is rate-limited, whose
	 * "suppressed" notices are the only lines above debug.
	 */
	ck_assert_msg(flog.all <= rl_bound(st.ns), "%u lines over %llu ms:\n%s", flog.all,
		      (unsigned long long)(st.ns / 1000000), flog.text);
	ck_assert_msg(flog.loud <= st.ns / RL_WINDOW_NS + 1, "%u lines:\n%s", flog.loud,
		      flog.text);
	flood_control(&f);
	ck_assert_int_eq(nvgsp_rpc_on_event(f.rpc, NVGSP_ABI_EVENT_POST_EVENT, NULL, NULL), 0);
	flood_fini(&f);
}
END_TEST

START_TEST(error_log)
{
	struct nvgsp_abi_os_error_log el;
	struct drain_stats st;
	struct flood f;
	u8 buf[1024];
	int n;

	flood_boot(&f, _i);
	memset(&el, 0, sizeof(el));
	el.except_type = 13;	/* Xid 13, as gpusim's own error log */
	snprintf((char *)el.err_string, sizeof(el.err_string), "flood: graphics exception");
	n = nvgsp_abi_encode(f.e.set->abi, NVGSP_ABI_CODEC_OS_ERROR_LOG, &el, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(gpusim_msgq_send_repeat(f.q,
						 event_number(&f, NVGSP_ABI_EVENT_OS_ERROR_LOG),
						 0, 0, buf, (u32)n, ERROR_LOG_EVENTS), 0);
	/* A poll every 250 ms of virtual time: the storm spans several windows. */
	drain_all(&f, 250000, true, &st);
	report(&f, "10000 OS_ERROR_LOG", &st);

	ck_assert_uint_eq(st.delivered, ERROR_LOG_EVENTS);
	ck_assert_uint_ge(st.ns, RL_WINDOW_NS);
	ck_assert_msg(unit_count(flog.text, "GSP-RM error (exceptType 0xd") >= RL_BURST,
		      "the error log is not shown:\n%s", flog.text);
	ck_assert_msg(flog.loud <= rl_bound(st.ns), "%u lines over %llu ms:\n%s", flog.loud,
		      (unsigned long long)(st.ns / 1000000), flog.text);
	ck_assert_uint_gt(nvgsp_os_user_log_suppressed(), 0);
	flood_control(&f);
	flood_fini(&f);
}
END_TEST

/*
 * GSP_RUN_CPU_SEQUENCER with a REG_POLL of 0xffffffff us on a register that
 * never holds the value, into @buf. Return: its length.
 */
static u32 max_poll_script(const struct nvgsp_abi *abi, u8 *buf, size_t size)
{
	struct nvgsp_abi_sequencer hdr = { 0 };
	u32 hsz, op_poll, words[6], i;

	hsz = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_SEQUENCER);
	ck_assert(hsz > 0 && hsz + sizeof(words) <= size);
	ck_assert_int_eq(nvgsp_abi_seqop_number(abi, NVGSP_ABI_SEQOP_REG_POLL, &op_poll), 0);
	/* GSP_SEQ_BUF_PAYLOAD_REG_POLL {addr, mask, val, timeout, error} */
	words[0] = op_poll;
	words[1] = SEQ_POLL_REG;
	words[2] = 0xffffffffu;
	words[3] = 0x0badf00du;
	words[4] = 0xffffffffu;
	words[5] = 0x1234;
	memset(buf, 0, size);
	hdr.buffer_size_dword = ARRAY_SIZE(words);
	hdr.cmd_index = ARRAY_SIZE(words);
	ck_assert_int_gt(nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_SEQUENCER, &hdr, buf, hsz), 0);
	for (i = 0; i < ARRAY_SIZE(words); i++)
		put_unaligned_le32(words[i], buf + hsz + 4 * i);
	return hsz + (u32)sizeof(words);
}

/*
 * GSP_RUN_CPU_SEQUENCER after boot, as GSP-RM sends it (on resume, say),
 * with a REG_POLL of 0xffffffff us that never matches.
 */
START_TEST(seq_max_poll)
{
	struct flood f;
	u8 buf[256];
	u64 t0, ns;
	u32 len;
	int ret;

	flood_boot(&f, _i);
	len = max_poll_script(f.e.set->abi, buf, sizeof(buf));
	ck_assert_int_eq(gpusim_msgq_send(f.q,
					  event_number(&f, NVGSP_ABI_EVENT_GSP_RUN_CPU_SEQUENCER),
					  0, 0, buf, len), 0);
	t0 = nvgsp_os_time_ns();
	ret = nvgsp_rpc_poll(f.rpc);
	ns = nvgsp_os_time_ns() - t0;
	if (getenv("CK_FLOOD_REPORT"))
		fprintf(stderr, "flood %s %s sequencer REG_POLL 0xffffffff us: poll %d after %llu ms virtual, %u kernel-visible lines\n",
			f.row->chip, f.row->release, ret, (unsigned long long)(ns / 1000000),
			flog.loud);
	/* The handler's error is the poll's; the poll was cut to 4 s. */
	ck_assert_int_eq(ret, -ETIMEDOUT);
	ck_assert_uint_ge(ns, 4000ull * 1000 * 1000);
	ck_assert_uint_lt(ns, 4100ull * 1000 * 1000);
	ck_assert_msg(strstr(flog.text, "REG_POLL timed out after 4000000 us (asked 4294967295 us)") &&
		      strstr(flog.text, "handler failed (-110)"), "log:\n%s", flog.text);
	ck_assert_uint_eq(flog.loud, 2);
	/* GSP-RM keeps its health: a failed script is the handler's error only. */
	ck_assert_int_eq(nvgsp_gsp_state(f.gsp, NULL, 0), NVGSP_RPC_RUNNING);
	ck_assert(gpusim_msgq_drained(f.q));
	flood_control(&f);
	flood_fini(&f);
}
END_TEST

/*
 * The model's tick, and the script sent as soon as GSP-RM's queues exist,
 * before the model runs on: after GSP-RM's own script, before its
 * GSP_INIT_DONE (which waits for the driver to have run its script).
 */
static struct {
	struct gpusim *sim;
	const struct nvgsp_abi *abi;
	bool sent;
	u64 sent_ns;
} boot_seq;

static void boot_seq_tick(void *ctx, u64 now)
{
	struct gpusim_msgq *q;
	u8 buf[256];
	u32 n, len;

	(void)ctx;
	q = gpusim_rm_msgq(gpusim_hw_rm(boot_seq.sim));
	if (boot_seq.sent || !q || !q->abi) {
		gpusim_tick(boot_seq.sim, now);
		return;
	}
	ck_assert_int_eq(nvgsp_abi_event_number(boot_seq.abi,
						NVGSP_ABI_EVENT_GSP_RUN_CPU_SEQUENCER, &n), 0);
	len = max_poll_script(boot_seq.abi, buf, sizeof(buf));
	ck_assert_int_eq(gpusim_msgq_send(q, n, 0, 0, buf, len), 0);
	boot_seq.sent = true;
	boot_seq.sent_ns = now;
	gpusim_tick(boot_seq.sim, now);
}

/*
 * The same script during boot, before GSP-RM's own: the boot waits for
 * GSP_INIT_DONE, the script's handler fails after 4 s, and the boot fails
 * with its error, cleanly.
 */
START_TEST(seq_max_poll_boot)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i];
	struct nvgsp_gsp *gsp = NULL;
	struct unit_gsp e;
	u64 ns;
	int ret;

	unit_gsp_init(&e, r->chip, r->release, NULL, NULL);
	memset(&boot_seq, 0, sizeof(boot_seq));
	boot_seq.sim = e.sim;
	boot_seq.abi = e.set->abi;
	nvgsp_os_user_set_tick(boot_seq_tick, NULL);
	flog_reset();
	ret = nvgsp_gsp_boot(&e.cfg, &gsp);
	ns = nvgsp_os_time_ns() - boot_seq.sent_ns;
	if (getenv("CK_FLOOD_REPORT"))
		fprintf(stderr, "flood %s %s sequencer REG_POLL 0xffffffff us in boot: boot %d, %llu ms virtual after the script, %u kernel-visible lines\n",
			r->chip, r->release, ret, (unsigned long long)(ns / 1000000), flog.loud);
	ck_assert(boot_seq.sent);
	ck_assert_msg(ret == -ETIMEDOUT && !gsp, "%s %s: boot %d\n%s", r->chip, r->release, ret,
		      flog.text);
	ck_assert_msg(strstr(flog.text, "REG_POLL timed out after 4000000 us (asked 4294967295 us)"),
		      "log:\n%s", flog.text);
	/* The poll, then the boot's unwinding: bounded by the 4 s cut, not 71 minutes. */
	ck_assert_uint_ge(ns, 4000ull * 1000 * 1000);
	ck_assert_uint_lt(ns, 30000ull * 1000 * 1000);
	ck_assert_msg(flog.loud <= 6, "%u lines:\n%s", flog.loud, flog.text);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	ck_assert_uint_eq(e.bar.bad_accesses, 0);
	unit_gsp_fini(&e);
	nvgsp_os_user_set_log(NULL, NULL);
}
END_TEST

Suite *nvgsp_suite_flood(void)
{
	Suite *s = suite_create("flood");
	TCase *tc = tcase_create("service");

	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, flood, 0, UNIT_GSP_NROWS);
	tcase_add_loop_test(tc, error_log, 0, UNIT_GSP_NROWS);
	tcase_add_loop_test(tc, seq_max_poll, 0, UNIT_GSP_NROWS);
	tcase_add_loop_test(tc, seq_max_poll_boot, 0, UNIT_GSP_NROWS);
	suite_add_tcase(s, tc);
	return s;
}
