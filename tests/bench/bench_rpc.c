// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_rpc.c - figure 2: the real transport (src/transport/nvgsp_rpc.c over
 * nvgsp_msgq.c) against gpusim's GSP-RM model, which answers at once.
 *
 * The peer: ga102 570.144 booted by nvgsp_gsp_boot() on an in-process
 * gpusim; the calls then go through the transport the boot created
 * (nvgsp_rpc_create() inside it) with nvgsp_rpc_call()/nvgsp_rpc_send().
 * gpusim runs in this thread: a doorbell write makes its GSP-RM model
 * consume the command queue and write its reply before the write returns,
 * so a round trip is the driver's work plus the model's, with no waiting.
 * The model's share is measured in separate runs (struct bench_sim.timed);
 * "driver alone" figures are the medians less the model's share.
 *
 * Rows:
 *  - small control round trip: GSP_RM_CONTROL NV2080
 *    GPU_GET_VMMU_SEGMENT_SIZE on a subdevice from nvgsp_rm_open(), by
 *    nvgsp_rpc_call() (transport only) and by nvgsp_rm_control() (RM layer
 *    on top); microseconds per call, averaged over a batch per run.
 *  - host to GSP, 1 MiB: SET_REGISTRY with a 1 MiB PACKED_REGISTRY_TABLE
 *    (no entries) by nvgsp_rpc_send(); GSP-RM consumes it without a reply.
 *  - both ways, 1 MiB: GSP_RM_CONTROL whose payload (header + params) is
 *    1 MiB; the model echoes it, so 1 MiB goes each way.
 *  - GSP to host, 1 MiB: estimated as the echo's time minus the send's.
 *  - memcpy of 1 MiB between two warm buffers: the bandwidth to compare.
 *  - the element paths alone, per 1 MiB: nvgsp_msgq_push() (headers, copy
 *    into the command queue, checksum, pointers; less the model's time in
 *    its doorbell write) over the sends, and nvgsp_msgq_recv_body() (copy
 *    out of the status queue and checksum) over the echoes' replies: the
 *    msgq-v0 transport's push and recv_body operations, timed through a
 *    link-time wrap of nvgsp_transport_find(); direct where "GSP to host" above is a
 *    difference of two noisy medians. These are what the bulk target is
 *    about: the transport's copies against memcpy.
 * 1 MiB is the largest message gpusim reassembles (RM_MAX_MESSAGE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "gsp/nvgsp_gsp_tool.h"
#include "transport/nvgsp_rpc.h"
#include "transport/nvgsp_xport.h"
#include "rm/nvgsp_rm.h"

#define RPC_CHIP	"ga102"
#define BULK		(1u << 20)
#define SMALL_BATCH	2000
#define BULK_BATCH	4
#define MEMCPY_BATCH	64
#define WARMUP		2

static double mib_s(double bytes, double ns)
{
	return bytes / (1024.0 * 1024.0) / (ns / 1e9);
}

/* A GSP_RM_CONTROL request: header for @cmd on the subdevice, @params_size. */
static int control_req(const struct nvgsp_abi *abi, const struct nvgsp_rm_subdevice *sd,
		       u32 params_size, u8 *req, size_t len)
{
	u32 hdr = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_RM_CONTROL);
	struct nvgsp_abi_rm_control c = { .h_client = sd->h_client,
					  .h_object = sd->h_subdevice,
					  .params_size = params_size };

	if (!hdr || hdr + params_size > len ||
	    nvgsp_abi_ctrl_number(abi, NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE, &c.cmd))
		return -1;
	memset(req, 0, len);
	return nvgsp_abi_encode_rm_control(abi, &c, req, hdr) < 0 ? -1 : 0;
}

struct rpc_ctx {
	struct bench_sim *s;
	struct nvgsp_rpc *rpc;
	struct nvgsp_rm *rm;
	struct nvgsp_rm_subdevice sd;
	const struct nvgsp_abi *abi;
	u8 *small_req, *small_reply;
	size_t small_len;
	u8 vmmu[64];
	u32 vmmu_size;
	u8 *bulk_req, *bulk_reply, *registry;
	uint64_t calls;
};

/*
 * The element paths, timed through -Wl,--wrap=nvgsp_transport_find
 * (tests/bench/Makefile): the RPC layer binds a copy of the release's
 * transport whose push and recv_body are the timed wrappers below. While
 * elem_time.on, each call's CLOCK_MONOTONIC time, less the model's share
 * accounted in between (the doorbell write runs the model), is added up.
 */
static struct {
	bool on;
	struct bench_sim *s;
	uint64_t push_ns, recv_ns;
	const struct nvgsp_transport_ops *real;
	struct nvgsp_transport_ops timed;
} elem_time;

const struct nvgsp_transport_ops *
__real_nvgsp_transport_find(const struct nvgsp_abi_transport *desc);
const struct nvgsp_transport_ops *
__wrap_nvgsp_transport_find(const struct nvgsp_abi_transport *desc);

static int timed_push(struct nvgsp_rpc *rpc, u32 number, u32 fn_id, const u8 *data,
		      u32 len, u32 timeout_ms, u32 *sequence)
{
	uint64_t t0, sim0;
	int ret;

	if (!elem_time.on)
		return elem_time.real->push(rpc, number, fn_id, data, len, timeout_ms, sequence);
	sim0 = elem_time.s->sim_ns;
	t0 = bench_now_ns();
	ret = elem_time.real->push(rpc, number, fn_id, data, len, timeout_ms, sequence);
	elem_time.push_ns += bench_now_ns() - t0 - (elem_time.s->sim_ns - sim0);
	return ret;
}

static int timed_recv_body(struct nvgsp_rpc *rpc, const struct nvgsp_xport_elem *e, u8 *dst)
{
	uint64_t t0;
	int ret;

	if (!elem_time.on)
		return elem_time.real->recv_body(rpc, e, dst);
	t0 = bench_now_ns();
	ret = elem_time.real->recv_body(rpc, e, dst);
	elem_time.recv_ns += bench_now_ns() - t0;
	return ret;
}

const struct nvgsp_transport_ops *
__wrap_nvgsp_transport_find(const struct nvgsp_abi_transport *desc)
{
	const struct nvgsp_transport_ops *real = __real_nvgsp_transport_find(desc);

	if (!real)
		return NULL;
	elem_time.real = real;
	elem_time.timed = *real;
	elem_time.timed.push = timed_push;
	elem_time.timed.recv_body = timed_recv_body;
	return &elem_time.timed;
}

/* One small round trip by the transport; 0 on success. */
static int small_call(struct rpc_ctx *c)
{
	size_t got;

	return nvgsp_rpc_call(c->rpc, NVGSP_ABI_RPC_GSP_RM_CONTROL, c->small_req, c->small_len,
			      c->small_reply, c->small_len, &got, 0);
}

static int small_rm(struct rpc_ctx *c)
{
	memset(c->vmmu, 0, c->vmmu_size);
	return nvgsp_rm_control(c->rm, c->sd.h_client, c->sd.h_subdevice,
				NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE, c->vmmu,
				c->vmmu_size);
}

static int bulk_send(struct rpc_ctx *c)
{
	return nvgsp_rpc_send(c->rpc, NVGSP_ABI_RPC_SET_REGISTRY, c->registry, BULK);
}

static int bulk_echo(struct rpc_ctx *c)
{
	size_t got = 0;
	int ret;

	ret = nvgsp_rpc_call(c->rpc, NVGSP_ABI_RPC_GSP_RM_CONTROL, c->bulk_req, BULK,
			     c->bulk_reply, BULK, &got, 0);
	return ret ? ret : (got == BULK ? 0 : -1);
}

/*
 * Per run, @batch sends then @batch echoes with the wraps on: @push gets
 * nvgsp_msgq_push()'s microseconds per 1 MiB sent, @recv
 * nvgsp_msgq_recv_body()'s per 1 MiB received (the echoes' own sends are
 * not read).
 */
static int measure_elems(struct rpc_ctx *c, unsigned int batch, unsigned int n, double *push,
			 double *recv)
{
	unsigned int r, k;
	int ret = 0;

	elem_time.s = c->s;
	c->s->timed = true;
	elem_time.on = true;
	for (r = 0; r < n && !ret; r++) {
		elem_time.push_ns = 0;
		for (k = 0; k < batch && !ret; k++)
			ret = bulk_send(c);
		push[r] = elem_time.push_ns / 1e3 / batch;
		elem_time.recv_ns = 0;
		for (k = 0; k < batch && !ret; k++)
			ret = bulk_echo(c);
		recv[r] = elem_time.recv_ns / 1e3 / batch;
	}
	elem_time.on = false;
	c->s->timed = false;
	return ret ? -1 : 0;
}

/*
 * Time @batch calls of @fn per run with bench_clock: @t gets microseconds
 * per call. When @peer is not NULL, as many runs again with the model's
 * time accounted, all read from CLOCK_MONOTONIC: @peer gets the model's
 * share per call and @drv the rest (the driver's), from the same runs.
 */
static int measure(struct rpc_ctx *c, int (*fn)(struct rpc_ctx *), unsigned int batch,
		   unsigned int n, double *t, double *peer, double *drv)
{
	unsigned int r, k;

	for (r = 0; r < WARMUP + n; r++) {
		uint64_t t0 = bench_time_ns();

		for (k = 0; k < batch; k++)
			if (fn(c))
				return -1;
		if (r >= WARMUP)
			t[r - WARMUP] = (bench_time_ns() - t0) / 1e3 / batch;
	}
	if (!peer)
		return 0;
	c->s->timed = true;
	c->s->sim_calls = 0;
	for (r = 0; r < n; r++) {
		uint64_t t0 = bench_now_ns();

		c->s->sim_ns = 0;
		for (k = 0; k < batch; k++) {
			if (fn(c)) {
				c->s->timed = false;
				return -1;
			}
		}
		peer[r] = c->s->sim_ns / 1e3 / batch;
		drv[r] = (bench_now_ns() - t0) / 1e3 / batch - peer[r];
	}
	c->calls = c->s->sim_calls / n;
	c->s->timed = false;
	return 0;
}

static int setup(struct rpc_ctx *c)
{
	struct nvgsp_abi_registry_table t = { .size = BULK, .num_entries = 0 };
	u32 hdr = nvgsp_abi_codec_size(c->abi, NVGSP_ABI_CODEC_RM_CONTROL), i;

	c->vmmu_size = nvgsp_abi_codec_size(c->abi, NVGSP_ABI_CODEC_VMMU_SEGMENT_SIZE);
	if (!c->vmmu_size || c->vmmu_size > sizeof(c->vmmu))
		return -1;
	c->small_len = hdr + c->vmmu_size;
	c->small_req = calloc(1, c->small_len);
	c->small_reply = calloc(1, c->small_len);
	c->bulk_req = malloc(BULK);
	c->bulk_reply = malloc(BULK);
	c->registry = calloc(1, BULK);
	if (!c->small_req || !c->small_reply || !c->bulk_req || !c->bulk_reply || !c->registry)
		return -1;
	if (control_req(c->abi, &c->sd, c->vmmu_size, c->small_req, c->small_len) ||
	    control_req(c->abi, &c->sd, BULK - hdr, c->bulk_req, BULK))
		return -1;
	for (i = hdr; i < BULK; i++)
		c->bulk_req[i] = (u8)(i * 131u + 7u);
	if (nvgsp_abi_encode_registry_table(c->abi, &t, c->registry, BULK) < 0)
		return -1;
	return 0;
}

/* One of each call, checked, before anything is timed. */
static int check(struct rpc_ctx *c)
{
	struct gpusim_stats before, after;
	u32 hdr = nvgsp_abi_codec_size(c->abi, NVGSP_ABI_CODEC_RM_CONTROL);

	if (small_call(c) || small_rm(c)) {
		fprintf(stderr, "gsp_bench: the small control call failed\n%s", bench_log_tail());
		return -1;
	}
	gpusim_get_stats(c->s->sim, &before);
	if (bulk_send(c)) {
		fprintf(stderr, "gsp_bench: SET_REGISTRY of 1 MiB not sent\n%s", bench_log_tail());
		return -1;
	}
	gpusim_get_stats(c->s->sim, &after);
	if (after.rpcs != before.rpcs + 1 || gpusim_error(c->s->sim)[0]) {
		fprintf(stderr, "gsp_bench: SET_REGISTRY of 1 MiB not consumed at once (%u rpcs): %s\n",
			after.rpcs - before.rpcs, gpusim_error(c->s->sim));
		return -1;
	}
	if (bulk_echo(c)) {
		fprintf(stderr, "gsp_bench: 1 MiB control not echoed\n  gpusim: %s\n%s",
			gpusim_error(c->s->sim), bench_log_tail());
		return -1;
	}
	/* The model echoes the parameters (it writes only the VMMU size at their start). */
	if (memcmp(c->bulk_reply + hdr + 64, c->bulk_req + hdr + 64, BULK - hdr - 64))
		fprintf(stderr, "gsp_bench: the 1 MiB echo differs from what was sent\n");
	return 0;
}

int bench_rpc(const struct bench_opts *o)
{
	unsigned int n = o->runs, r, k;
	struct rpc_ctx c = { 0 };
	struct bench_sim s;
	double *v, *t_small, *p_small, *t_rm, *t_send, *p_send, *t_echo, *p_echo, *t_cpy;
	double *d_small, *d_send, *d_echo, *e_push, *e_recv;
	double bw[4][2], acc_small, acc_echo;
	u64 elmax = 0, cmdq = 0, statq = 0, hdrs;
	u8 *a = NULL, *b = NULL;
	int ret = -1;

	fprintf(stderr, "figure 2: RPC over the transport, %s %s on gpusim\n", RPC_CHIP,
		BENCH_RELEASE);
	v = calloc(14 * (size_t)n, sizeof(double));
	if (!v)
		return -1;
	t_small = v;
	p_small = v + n;
	t_rm = v + 2 * n;
	t_send = v + 3 * n;
	p_send = v + 4 * n;
	t_echo = v + 5 * n;
	p_echo = v + 6 * n;
	t_cpy = v + 7 * n;
	d_small = v + 9 * n;
	d_send = v + 10 * n;
	d_echo = v + 11 * n;
	e_push = v + 12 * n;
	e_recv = v + 13 * n;

	if (bench_sim_create(&s, o->fw_root, RPC_CHIP, NULL, NULL, NULL))
		goto free_v;
	if (bench_sim_boot(&s))
		goto destroy;
	c.s = &s;
	/*
	 * The model's share is read from CLOCK_MONOTONIC whatever -c says: a
	 * small call makes 3 register accesses, and the CPU-time clock is a
	 * system call (about 1 us here) where CLOCK_MONOTONIC is not.
	 */
	s.clock = CLOCK_MONOTONIC;
	c.rpc = nvgsp_gsp_rpc(s.gsp);
	c.rm = nvgsp_gsp_rm(s.gsp);
	c.abi = s.set->abi;
	if (nvgsp_rm_open(c.rm, &c.sd)) {
		fprintf(stderr, "gsp_bench: nvgsp_rm_open failed\n%s", bench_log_tail());
		goto destroy;
	}
	if (setup(&c) || check(&c))
		goto close;

	ret = measure(&c, small_call, SMALL_BATCH, n, t_small, p_small, d_small);
	acc_small = (double)c.calls / SMALL_BATCH;
	if (!ret)
		ret = measure(&c, small_rm, SMALL_BATCH, n, t_rm, NULL, NULL);
	if (!ret)
		ret = measure(&c, bulk_send, BULK_BATCH, n, t_send, p_send, d_send);
	if (!ret)
		ret = measure(&c, bulk_echo, BULK_BATCH, n, t_echo, p_echo, d_echo);
	acc_echo = (double)c.calls / BULK_BATCH;
	if (!ret)
		ret = measure_elems(&c, BULK_BATCH, n, e_push, e_recv);
	if (ret) {
		ret = -1;
		fprintf(stderr, "gsp_bench: a call failed while timed\n  gpusim: %s\n%s",
			gpusim_error(s.sim), bench_log_tail());
		goto close;
	}
	a = malloc(BULK);
	b = malloc(BULK);
	if (!a || !b)
		goto close;
	memset(a, 1, BULK);
	memset(b, 2, BULK);
	for (r = 0; r < WARMUP + n; r++) {
		uint64_t t0 = bench_time_ns();

		for (k = 0; k < MEMCPY_BATCH; k++)
			memcpy(k & 1 ? a : b, k & 1 ? b : a, BULK);
		if (r >= WARMUP)
			t_cpy[r - WARMUP] = (bench_time_ns() - t0) / 1e3 / MEMCPY_BATCH;
	}

	{
		double m_small = bench_median(t_small, n), m_psmall = bench_median(p_small, n);
		double m_send = bench_median(t_send, n), m_dsend = bench_median(d_send, n);
		double m_echo = bench_median(t_echo, n), m_decho = bench_median(d_echo, n);
		double m_dsmall = bench_median(d_small, n);
		double m_cpy = bench_median(t_cpy, n), *g2h = v + 8 * n;

		/* GSP to host: each run's echo less the median send. */
		for (r = 0; r < n; r++)
			g2h[r] = t_echo[r] - m_send;
		bw[0][0] = mib_s(BULK, m_send * 1e3);
		bw[1][0] = mib_s(BULK, (m_echo - m_send) * 1e3);
		bw[2][0] = mib_s(2.0 * BULK, m_echo * 1e3);
		bw[3][0] = mib_s(BULK, m_cpy * 1e3);
		bw[0][1] = mib_s(BULK, m_dsend * 1e3);
		bw[2][1] = mib_s(2.0 * BULK, m_decho * 1e3);

		bench_row(2, "small control round trip, nvgsp_rpc_call", "us", t_small, n);
		bench_row(2, "  gpusim's GSP-RM model (monotonic, split runs)", "us", p_small, n);
		bench_row(2, "  driver alone (monotonic, split runs)", "us", d_small, n);
		bench_row(2, "small control round trip, nvgsp_rm_control", "us", t_rm, n);
		bench_row(2, "1 MiB host->GSP (SET_REGISTRY, nvgsp_rpc_send)", "us", t_send, n);
		bench_row(2, "  gpusim's GSP-RM model (monotonic, split runs)", "us", p_send, n);
		bench_row(2, "  driver alone (monotonic, split runs)", "us", d_send, n);
		bench_row(2, "1 MiB GSP->host (echo minus send, estimate)", "us", g2h, n);
		bench_row(2, "1 MiB both ways (GSP_RM_CONTROL echo, nvgsp_rpc_call)", "us",
			  t_echo, n);
		bench_row(2, "  gpusim's GSP-RM model (monotonic, split runs)", "us", p_echo, n);
		bench_row(2, "  driver alone (monotonic, split runs)", "us", d_echo, n);
		bench_row(2, "memcpy 1 MiB, warm buffers", "us", t_cpy, n);
		bench_row(2, "element path host->GSP per 1 MiB (nvgsp_msgq_push)", "us", e_push, n);
		bench_row(2, "element path GSP->host per 1 MiB (nvgsp_msgq_recv_body)", "us",
			  e_recv, n);

		/* Payload per element: element less its header and the RPC header. */
		hdrs = nvgsp_abi_codec_size(c.abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT) +
		       nvgsp_abi_codec_size(c.abi, NVGSP_ABI_CODEC_RPC_HEADER);
		nvgsp_abi_param(c.abi, "msgq.element_max", &elmax);
		nvgsp_abi_param(c.abi, "msgq.cmdq_size", &cmdq);
		nvgsp_abi_param(c.abi, "msgq.statq_size", &statq);
		bench_note("fig 2: %s queues: element %llu bytes, cmdq %llu KiB, statq %llu KiB; 1 MiB = %u elements; small call %zu bytes",
			   BENCH_RELEASE, elmax,
			   cmdq / 1024, statq / 1024,
			   elmax > hdrs ? (unsigned int)((BULK + elmax - hdrs - 1) / (elmax - hdrs)) : 0,
			   c.small_len);
		bench_note("fig 2: memcpy %.0f MiB/s; host->GSP %.0f MiB/s (%.2f of memcpy; driver alone %.0f MiB/s, %.2f)",
			   bw[3][0], bw[0][0], bw[0][0] / bw[3][0], bw[0][1], bw[0][1] / bw[3][0]);
		bw[1][1] = mib_s(BULK, (m_decho - m_dsend) * 1e3);
		bench_note("fig 2: GSP->host %.0f MiB/s (%.2f of memcpy, estimate; driver alone %.0f MiB/s, %.2f)",
			   bw[1][0], bw[1][0] / bw[3][0], bw[1][1], bw[1][1] / bw[3][0]);
		bench_note("fig 2: both ways %.0f MiB/s moved (%.2f of memcpy; driver alone %.0f MiB/s, %.2f); target >= 0.5",
			   bw[2][0], bw[2][0] / bw[3][0], bw[2][1], bw[2][1] / bw[3][0]);
		bench_note("fig 2: element paths alone: host->GSP %.0f MiB/s (%.2f of memcpy), GSP->host %.0f MiB/s (%.2f); target >= 0.5",
			   mib_s(BULK, bench_median(e_push, n) * 1e3),
			   mib_s(BULK, bench_median(e_push, n) * 1e3) / bw[3][0],
			   mib_s(BULK, bench_median(e_recv, n) * 1e3),
			   mib_s(BULK, bench_median(e_recv, n) * 1e3) / bw[3][0]);
		bench_note("fig 2: small round trip %.2f us; split runs: driver %.2f us, gpusim %.2f us; %.1f register accesses+ticks per call (%.0f per 1 MiB echo)",
			   m_small, m_dsmall, m_psmall, acc_small, acc_echo);
	}
	ret = 0;

close:
	if (c.sd.h_client)
		nvgsp_rm_close(c.rm, &c.sd);
destroy:
	bench_sim_destroy(&s);
free_v:
	free(a);
	free(b);
	free(c.small_req);
	free(c.small_reply);
	free(c.bulk_req);
	free(c.bulk_reply);
	free(c.registry);
	free(v);
	if (ret)
		fprintf(stderr, "gsp_bench: figure 2 not measured\n");
	return ret;
}
