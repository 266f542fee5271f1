// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_rpc.c - the GSP transport and RPC layer against a GSP-side peer,
 * over both releases.
 *
 * The peer plays GSP-RM: it owns the message queue (initialises its header
 * as GSP-RM does), reads and checks the driver's commands, answers with
 * replies and events, and can corrupt what it writes. It reads and writes
 * the shared memory with the layouts of NVIDIA's msgq_priv.h and nouveau's
 * r535 rpc.c (struct r535_gsp_msg, struct nvfw_gsp_rpc) written out here,
 * not through the driver's codecs, so the two sides check each other.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "transport/nvgsp_rpc.h"

static const char *const rpc_releases[] = { "535.113.01", "570.144" };
#define NR_RELEASES (ARRAY_SIZE(rpc_releases))

/* The wire, as msgq_priv.h and r535 rpc.c lay it out (both releases). */
#define PG		0x1000u		/* msgSize, entryOff */
#define QSIZE		0x40000u	/* each queue */
#define COUNT		((QSIZE - PG) / PG)	/* 63 entries */
#define TX_WPTR		16		/* msgqTxHeader.writePtr */
#define RX_RPTR		32		/* msgqRxHeader.readPtr at rxHdrOff */
#define E_CSUM		32		/* element: checkSum, seqNum, elemCount */
#define E_SEQ		36
#define E_COUNT		40
#define EH		48		/* element header, then the RPC header */
#define R_VER		(EH + 0)
#define R_SIG		(EH + 4)
#define R_LEN		(EH + 8)
#define R_FN		(EH + 12)
#define R_RES		(EH + 16)
#define R_RESP		(EH + 20)
#define R_SEQ		(EH + 24)
#define RH		32
#define ELEM_MAX	0x10000u
#define MAX_CHUNK	(ELEM_MAX - EH - RH)
#define NR_CONT		71		/* CONTINUATION_RECORD in both releases */

/* The GSP falcon's QUEUE_HEAD(0) and IRQSCLR (Documentation/hardware.rst, "Falcon engines"). */
#define T_DOORBELL	0x110c00u
#define T_IRQ_ACK	0x110004u
#define T_BOOT0		0x172000a1u

static u32 rd(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static void wr(u8 *p, u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static u32 csum(const u8 *p, size_t len)
{
	u64 x = 0;
	size_t i;

	for (i = 0; i < len; i += 8)
		x ^= (u64)rd(p + i) | (u64)rd(p + i + 4) << 32;
	return (u32)(x >> 32) ^ (u32)x;
}

static bool all(const u8 *p, size_t n, u8 v)
{
	while (n--)
		if (*p++ != v)
			return false;
	return true;
}

static bool zero(const u8 *p, size_t n)
{
	return all(p, n, 0);
}

static u8 *pattern(size_t n, u8 seed)
{
	u8 *p = malloc(n ? n : 1);
	size_t i;

	ck_assert_ptr_nonnull(p);
	for (i = 0; i < n; i++)
		p[i] = (u8)(i * 7 + seed + (i >> 12));
	return p;
}

/* ---- the peer ------------------------------------------------------------- */

enum peer_fault {
	PF_NONE, PF_CSUM, PF_CSUM_END, PF_TORN, PF_SEQ, PF_SIG, PF_WPTR, PF_COUNT, PF_LEN,
	PF_LEN2
};

struct pmsg {
	u8 *buf;
	u32 elems;
	struct pmsg *next;
};

struct peer {
	const struct nvgsp_abi *abi;
	u8 *cmdq, *msgq;
	u32 cmd_rptr, msg_wptr, rx_seq, tx_seq;
	bool stalled;		/* stops reading commands */
	bool silent;		/* reads commands, never answers */
	bool frozen;		/* publishes nothing more (after a torn element) */
	enum peer_fault fault;	/* applied to the next element written ... */
	unsigned int fault_skip;	/* ... after this many more */
	/*
	 * The command being reassembled. Its first element's RPC header
	 * covers that element only, as in every record; GSP-RM knows the
	 * whole length from the payload (a control's paramsSize), which the
	 * test announces in cmd_want. Without it a command ends at its first
	 * element that is not full, or when the next command begins.
	 */
	u8 *cmd;
	size_t cmd_len, cmd_cap, cmd_want;
	u32 cmd_fn, cmd_seq;
	bool cmd_open;
	/* what was received */
	unsigned int commands, cont_records, doorbells, acks, ticks, gone_after;
	u32 last_fn, last_seq;
	size_t last_len;
	u8 *last;		/* copy of the last command's payload */
	/* how to answer */
	bool echo;
	size_t reply_len;
	u32 reply_result;
	bool trailer;		/* an event after each reply */
	struct { u32 fn; u8 *p; size_t len; } ev[8];
	unsigned int nev;
	struct pmsg *out, *out_tail;
	char err[256];
};

struct tenv {
	struct peer peer;
	struct nvgsp_os_bar bar;
	struct nvgsp_os_device dev;
	struct nvgsp_rpc *rpc;
	bool gone;
	size_t dma_start;
};

static struct tenv env;
static char tlog[1 << 17];

static void __attribute__((format(printf, 2, 3))) peer_fail(struct peer *p, const char *fmt, ...)
{
	va_list ap;

	if (p->err[0])
		return;
	va_start(ap, fmt);
	vsnprintf(p->err, sizeof(p->err), fmt, ap);
	va_end(ap);
}

static u32 num_rpc(u32 id)
{
	u32 n;

	ck_assert_int_eq(nvgsp_abi_rpc_number(env.peer.abi, id, &n), 0);
	return n;
}

static u32 num_event(u32 id)
{
	u32 n;

	ck_assert_int_eq(nvgsp_abi_event_number(env.peer.abi, id, &n), 0);
	return n;
}

/* Queue a message, split into continuation records as GSP-RM does. */
static void peer_queue(struct peer *p, u32 fn, u32 seq, u32 result, const u8 *data, size_t len)
{
	size_t done = 0;

	do {
		size_t chunk = len - done < MAX_CHUNK ? len - done : MAX_CHUNK;
		struct pmsg *m = calloc(1, sizeof(*m));

		ck_assert_ptr_nonnull(m);
		m->elems = (EH + RH + chunk + PG - 1) / PG;
		m->buf = calloc(m->elems, PG);
		ck_assert_ptr_nonnull(m->buf);
		wr(m->buf + E_COUNT, m->elems);
		wr(m->buf + R_VER, 0x03000000);
		wr(m->buf + R_SIG, 0x43505256);
		wr(m->buf + R_LEN, RH + chunk);
		wr(m->buf + R_FN, done ? NR_CONT : fn);
		wr(m->buf + R_RES, result);
		wr(m->buf + R_RESP, result);
		wr(m->buf + R_SEQ, seq);
		if (chunk)
			memcpy(m->buf + EH + RH, data + done, chunk);
		if (p->out_tail)
			p->out_tail->next = m;
		else
			p->out = m;
		p->out_tail = m;
		done += chunk;
	} while (done < len);
}

static void peer_event(struct peer *p, u32 event_id, const void *data, size_t len)
{
	peer_queue(p, num_event(event_id), 0, 0, data, len);
}

/* Write what is queued while the driver leaves room. */
static void peer_flush(struct peer *p)
{
	struct pmsg *m;

	while (!p->frozen && (m = p->out)) {
		u32 drv_rptr = rd(p->cmdq + RX_RPTR), free_ = (drv_rptr + COUNT - p->msg_wptr - 1) % COUNT;
		enum peer_fault f = p->fault_skip ? PF_NONE : p->fault;
		u32 first, wptr;

		if (free_ < m->elems)
			return;
		if (f == PF_SEQ)
			p->tx_seq++;
		if (f == PF_SIG)
			wr(m->buf + R_SIG, 0x43505257);
		if (f == PF_LEN)
			wr(m->buf + R_LEN, 0x20000);
		if (f == PF_LEN2)
			wr(m->buf + R_LEN, RH + 100);
		wr(m->buf + E_SEQ, p->tx_seq++);
		wr(m->buf + E_CSUM, 0);
		wr(m->buf + E_CSUM, csum(m->buf, (size_t)m->elems * PG));
		if (f == PF_CSUM)
			m->buf[EH + RH] ^= 0x10;
		if (f == PF_CSUM_END)	/* the last byte: in the word with the padding */
			m->buf[EH + rd(m->buf + R_LEN) - 1] ^= 0x10;
		if (f == PF_COUNT)
			wr(m->buf + E_COUNT, 17);
		first = COUNT - p->msg_wptr < m->elems ? COUNT - p->msg_wptr : m->elems;
		memcpy(p->msgq + PG + p->msg_wptr * PG, m->buf, first * PG);
		memcpy(p->msgq + PG, m->buf + first * PG, (m->elems - first) * PG);
		wptr = (p->msg_wptr + m->elems) % COUNT;
		if (f == PF_TORN) {
			wptr = (p->msg_wptr + 1) % COUNT;
			p->frozen = true;
		}
		if (f == PF_WPTR) {
			wptr = 100;
			p->frozen = true;
		}
		if (p->fault_skip)
			p->fault_skip--;
		else
			p->fault = PF_NONE;
		p->msg_wptr = wptr;
		wr(p->msgq + TX_WPTR, wptr);
		p->out = m->next;
		if (!p->out)
			p->out_tail = NULL;
		free(m->buf);
		free(m);
	}
}

static void peer_command_done(struct peer *p)
{
	unsigned int i;
	u8 *reply;

	p->cmd_open = false;
	p->cmd_want = 0;
	p->commands++;
	p->last_fn = p->cmd_fn;
	p->last_seq = p->cmd_seq;
	p->last_len = p->cmd_len;
	free(p->last);
	p->last = malloc(p->cmd_len ? p->cmd_len : 1);
	if (p->cmd_len)
		memcpy(p->last, p->cmd, p->cmd_len);
	if (p->silent)
		return;
	for (i = 0; i < p->nev; i++) {
		peer_queue(p, p->ev[i].fn, 0, 0, p->ev[i].p, p->ev[i].len);
		free(p->ev[i].p);
	}
	p->nev = 0;
	if (p->echo) {
		peer_queue(p, p->cmd_fn, p->cmd_seq, p->reply_result, p->cmd, p->cmd_len);
	} else {
		reply = pattern(p->reply_len, 0x5a);
		peer_queue(p, p->cmd_fn, p->cmd_seq, p->reply_result, reply, p->reply_len);
		free(reply);
	}
	if (p->trailer)
		peer_queue(p, num_event(NVGSP_ABI_EVENT_POST_EVENT), 0, 0, (const u8 *)"trailer", 7);
}

/* Read and check the driver's commands, as GSP-RM would. */
static void peer_read(struct peer *p)
{
	u32 wptr = rd(p->cmdq + TX_WPTR);

	while (!p->stalled && !p->err[0] && p->cmd_rptr != wptr) {
		u32 used = (wptr + COUNT - p->cmd_rptr) % COUNT, n, first, len, fn;
		u8 *e;

		if (wptr >= COUNT)
			return peer_fail(p, "cmdq writePtr %u", wptr);
		n = rd(p->cmdq + PG + p->cmd_rptr * PG + E_COUNT);
		if (!n || n > ELEM_MAX / PG || n > used)
			return peer_fail(p, "cmdq elemCount %u, %u published", n, used);
		e = malloc(n * PG);
		first = COUNT - p->cmd_rptr < n ? COUNT - p->cmd_rptr : n;
		memcpy(e, p->cmdq + PG + p->cmd_rptr * PG, first * PG);
		memcpy(e + first * PG, p->cmdq + PG, (n - first) * PG);
		len = rd(e + R_LEN);
		fn = rd(e + R_FN);
		if (csum(e, (size_t)n * PG))
			peer_fail(p, "cmd seqNum %u: checksum", rd(e + E_SEQ));
		else if (rd(e + E_SEQ) != p->rx_seq)
			peer_fail(p, "cmd seqNum %u, expected %u", rd(e + E_SEQ), p->rx_seq);
		else if (rd(e + R_VER) != 0x03000000 || rd(e + R_SIG) != 0x43505256 ||
			 rd(e + R_RES) != 0xffffffff || rd(e + R_RESP) != 0xffffffff)
			peer_fail(p, "cmd rpc header");
		else if (len < RH || (EH + len + PG - 1) / PG != n)
			peer_fail(p, "cmd length %u for %u entries", len, n);
		else if (!zero(e + EH + len, n * PG - EH - len))
			peer_fail(p, "cmd seqNum %u: padding after %u bytes not zero", rd(e + E_SEQ),
				  EH + len);
		else if (fn == NR_CONT && !p->cmd_open)
			peer_fail(p, "continuation record without a command");
		else if (fn == NR_CONT && p->cmd_want && p->cmd_len + len - RH > p->cmd_want)
			peer_fail(p, "continuation record of %u bytes, %zu of %zu announced remain",
				  len - RH, p->cmd_want - p->cmd_len, p->cmd_want);
		else if (fn != NR_CONT && p->cmd_open && p->cmd_want)
			peer_fail(p, "command %u with %zu of %zu announced bytes received", fn,
				  p->cmd_len, p->cmd_want);
		if (p->err[0]) {
			free(e);
			return;
		}
		if (fn == NR_CONT) {
			p->cont_records++;
		} else {
			if (p->cmd_open)
				peer_command_done(p);
			p->cmd_fn = fn;
			p->cmd_seq = rd(e + R_SEQ);
			p->cmd_len = 0;
			p->cmd_open = true;
		}
		if (p->cmd_len + len - RH > p->cmd_cap) {
			p->cmd_cap = (p->cmd_len + len - RH) * 2;
			p->cmd = realloc(p->cmd, p->cmd_cap);
		}
		if (len > RH)
			memcpy(p->cmd + p->cmd_len, e + EH + RH, len - RH);
		p->cmd_len += len - RH;
		if (p->cmd_want ? p->cmd_len == p->cmd_want : EH + len != ELEM_MAX)
			peer_command_done(p);
		free(e);
		p->rx_seq++;
		p->cmd_rptr = (p->cmd_rptr + n) % COUNT;
		wr(p->msgq + RX_RPTR, p->cmd_rptr);
	}
}

static void peer_service(struct peer *p)
{
	peer_read(p);
	peer_flush(p);
}

/* GSP-RM starting: its message queue header. */
static void peer_start(struct peer *p)
{
	wr(p->msgq + 0, 0);
	wr(p->msgq + 4, QSIZE);
	wr(p->msgq + 8, PG);
	wr(p->msgq + 12, COUNT);
	wr(p->msgq + TX_WPTR, 0);
	wr(p->msgq + 20, 0);
	wr(p->msgq + 24, RX_RPTR);
	wr(p->msgq + 28, PG);
}

/* ---- the environment -------------------------------------------------------- */

static u32 t_rd32(void *ctx, u32 off)
{
	struct tenv *e = ctx;

	if (e->gone)
		return 0xffffffff;
	return off == 0 ? T_BOOT0 : 0;
}

static void t_wr32(void *ctx, u32 off, u32 v)
{
	struct tenv *e = ctx;

	if (off == T_DOORBELL) {
		ck_assert_uint_eq(v, 0);
		e->peer.doorbells++;
		peer_service(&e->peer);
	} else if (off == T_IRQ_ACK) {
		ck_assert_uint_eq(v, 0x40);
		e->peer.acks++;
	}
}

static const struct nvgsp_os_bar_ops t_ops = { .rd32 = t_rd32, .wr32 = t_wr32 };

static void t_tick(void *ctx, u64 now)
{
	struct tenv *e = ctx;

	(void)now;
	e->peer.ticks++;
	if (e->peer.gone_after && e->peer.ticks >= e->peer.gone_after)
		e->gone = true;
	peer_service(&e->peer);
}

static void t_log(void *ctx, const char *dev, enum nvgsp_os_log_level level, const char *msg)
{
	size_t n = strlen(tlog);

	(void)ctx;
	snprintf(tlog + n, sizeof(tlog) - n, "%c %s: %s\n", "EWID"[level], dev ? dev : "-", msg);
}

static bool log_has(const char *s)
{
	return strstr(tlog, s) != NULL;
}

static unsigned int log_count(const char *s)
{
	unsigned int n = 0;
	const char *p;

	for (p = tlog; (p = strstr(p, s)); p += strlen(s))
		n++;
	return n;
}

/* Lines logged above debug level (the kernel log's share of tlog). */
static unsigned int loud_lines(void)
{
	unsigned int n = 0;
	const char *p = tlog;

	for (; *p; p = strchr(p, '\n') + 1)
		n += *p != 'D';
	return n;
}

#define ck_log(s) ck_assert_msg(log_has(s), "log lacks \"%s\"; log:\n%s", s, tlog)

static struct nvgsp_rpc_config env_cfg(int rel, u32 timeout_ms)
{
	return (struct nvgsp_rpc_config){
		.dev = &env.dev, .bar0 = &env.bar,
		.abi = nvgsp_abi_find(rpc_releases[rel]), .doorbell = T_DOORBELL,
		.irq_ack = T_IRQ_ACK, .irq_ack_bits = 0x40, .timeout_ms = timeout_ms,
	};
}

static void env_open(int rel, u32 timeout_ms, bool start)
{
	struct nvgsp_rpc_config cfg;
	struct nvgsp_rpc_shm shm;
	u8 *mem;

	memset(&env, 0, sizeof(env));
	tlog[0] = '\0';
	nvgsp_os_user_set_log(t_log, NULL);
	nvgsp_os_user_set_debug(NVGSP_DBG_RPC);
	env.dev.name = "rpc-test";
	env.bar = (struct nvgsp_os_bar){ .ops = &t_ops, .ctx = &env, .size = 0x1000000,
					 .name = "test BAR0" };
	env.peer.abi = nvgsp_abi_find(rpc_releases[rel]);
	ck_assert_ptr_nonnull(env.peer.abi);
	env.peer.echo = true;
	env.dma_start = nvgsp_os_user_dma_live();
	cfg = env_cfg(rel, timeout_ms);
	ck_assert_int_eq(nvgsp_rpc_create(&cfg, &env.rpc), 0);
	nvgsp_rpc_shm(env.rpc, &shm);
	mem = nvgsp_os_user_dma_lookup(shm.addr, (size_t)shm.pte_count * PG);
	ck_assert_ptr_nonnull(mem);
	env.peer.cmdq = mem + shm.cmdq_offset;
	env.peer.msgq = mem + shm.statq_offset;
	if (start)
		peer_start(&env.peer);
	nvgsp_os_user_set_tick(t_tick, &env);
}

static void env_close(void)
{
	struct peer *p = &env.peer;
	unsigned int i;

	nvgsp_os_user_set_tick(NULL, NULL);
	nvgsp_rpc_destroy(env.rpc);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), env.dma_start);
	ck_assert_uint_eq(env.bar.bad_accesses, 0);
	ck_assert_msg(!p->err[0], "peer: %s", p->err);
	while (p->out) {
		struct pmsg *m = p->out;

		p->out = m->next;
		free(m->buf);
		free(m);
	}
	for (i = 0; i < p->nev; i++)
		free(p->ev[i].p);
	free(p->cmd);
	free(p->last);
	nvgsp_os_user_set_log(NULL, NULL);
}

/* A call of GSP_RM_CONTROL with a @len-byte pattern; returns its result. */
static int call(size_t len, void *reply, size_t reply_len, size_t *got)
{
	u8 *req = pattern(len, (u8)len);
	int ret;

	env.peer.cmd_want = len;
	ret = nvgsp_rpc_call(env.rpc, NVGSP_ABI_RPC_GSP_RM_CONTROL, req, len, reply, reply_len,
			     got, 0);
	if (env.peer.last && env.peer.last_len == len)
		ck_assert_int_eq(memcmp(env.peer.last, req, len), 0);
	free(req);
	return ret;
}

static void add_event(u32 event_id, const void *data, size_t len)
{
	struct peer *p = &env.peer;

	ck_assert_uint_lt(p->nev, 8);
	p->ev[p->nev].fn = num_event(event_id);
	p->ev[p->nev].p = malloc(len ? len : 1);
	memcpy(p->ev[p->nev].p, data, len);
	p->ev[p->nev++].len = len;
}

/* ---- creation ---------------------------------------------------------------- */

START_TEST(test_create_layout)
{
	struct nvgsp_rpc_shm shm;
	const u8 *mem, *q;
	u32 i;

	env_open(_i, 100, false);
	nvgsp_rpc_shm(env.rpc, &shm);
	/* r535_gsp_shared_init(): 128 queue pages + 1 PTE page. */
	ck_assert_uint_eq(shm.pte_count, 129);
	ck_assert_uint_eq(shm.cmdq_offset, 0x1000);
	ck_assert_uint_eq(shm.statq_offset, 0x41000);
	mem = nvgsp_os_user_dma_lookup(shm.addr, 129 * PG);
	for (i = 0; i < 129; i++)
		ck_assert_uint_eq((u64)rd(mem + i * 8) | (u64)rd(mem + i * 8 + 4) << 32,
				  shm.addr + (u64)i * PG);
	q = mem + shm.cmdq_offset;
	ck_assert_uint_eq(rd(q + 0), 0);
	ck_assert_uint_eq(rd(q + 4), QSIZE);
	ck_assert_uint_eq(rd(q + 8), PG);
	ck_assert_uint_eq(rd(q + 12), COUNT);
	ck_assert_uint_eq(rd(q + 16), 0);
	ck_assert_uint_eq(rd(q + 20), 1);
	ck_assert_uint_eq(rd(q + 24), 32);
	ck_assert_uint_eq(rd(q + 28), PG);
	ck_assert_uint_eq(rd(q + 32), 0);
	/* Numbers and sizes the peer hard-codes, from the table. */
	ck_assert_uint_eq(num_rpc(NVGSP_ABI_RPC_CONTINUATION_RECORD), NR_CONT);
	ck_assert_uint_eq(num_rpc(NVGSP_ABI_RPC_GSP_RM_CONTROL), 76);
	ck_assert_uint_eq(num_event(NVGSP_ABI_EVENT_OS_ERROR_LOG), 0x1006);
	ck_assert_uint_eq(nvgsp_abi_codec_size(env.peer.abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT), EH);
	ck_assert_uint_eq(nvgsp_abi_codec_size(env.peer.abi, NVGSP_ABI_CODEC_RPC_HEADER), RH);
	/* GSP-RM not started: its queue header is zero, nothing to read. */
	ck_assert_int_eq(nvgsp_rpc_poll(env.rpc), 0);
	env_close();
}
END_TEST

START_TEST(test_create_alloc_fail)
{
	struct nvgsp_rpc_config cfg;
	struct nvgsp_rpc *rpc = NULL;
	size_t start = nvgsp_os_user_dma_live();
	long n;
	int ret = -ENOMEM;

	memset(&env, 0, sizeof(env));
	env.dev.name = "rpc-test";
	env.bar = (struct nvgsp_os_bar){ .ops = &t_ops, .ctx = &env, .size = 0x1000000 };
	cfg = env_cfg(_i, 100);
	for (n = 0; n < 32 && ret; n++) {
		nvgsp_os_user_fail_alloc_after(n);
		ret = nvgsp_rpc_create(&cfg, &rpc);
		nvgsp_os_user_fail_alloc_after(-1);
		if (ret) {
			ck_assert_int_eq(ret, -ENOMEM);
			ck_assert_uint_eq(nvgsp_os_user_dma_live(), start);
		}
	}
	ck_assert_int_eq(ret, 0);
	ck_assert_int_ge(n, 6);	/* rpc, mutex, DMA, rx and message buffers, then success */
	nvgsp_rpc_destroy(rpc);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), start);
}
END_TEST

/* Parameters a release table could get wrong, each refused by name. */
START_TEST(test_create_bad_params)
{
	static const struct { const char *name; u64 value; const char *msg; } cases[] = {
		{ "msgq.entry_size", 0x1800, "msgq.entry_size 0x1800: not a power of two" },
		{ "msgq.statq_size", 0x40800, "msgq.statq_size 0x40800: not a multiple of 4 KiB" },
		{ "msgq.element_max", 0x40000, "msgq.cmdq_size 0x40000: 63 entries cannot hold msgq.element_max 0x40000" },
		{ "msgq.element_max", 0x10800, "msgq.element_max 0x10800: not a multiple of msgq.entry_size" },
		{ "msgq.entry_off", 0x10, "the headers (32 + 4 bytes) do not fit before the entries" },
		{ "msgq.cmdq_size", 0x1ull << 32, "msgq.cmdq_size = 0x100000000 is not 32-bit" },
		{ "msgq.cmdq_size", 0, "has no parameter msgq.cmdq_size" },	/* removed */
	};
	const struct nvgsp_abi *real = nvgsp_abi_find(rpc_releases[_i]);
	struct nvgsp_rpc_config cfg;
	struct nvgsp_abi fake;
	struct nvgsp_abi_param *params;
	struct nvgsp_rpc *rpc;
	size_t start = nvgsp_os_user_dma_live();
	unsigned int c, i, j;

	tlog[0] = '\0';
	nvgsp_os_user_set_log(t_log, NULL);
	memset(&env, 0, sizeof(env));
	env.bar = (struct nvgsp_os_bar){ .ops = &t_ops, .ctx = &env, .size = 0x1000000 };
	for (c = 0; c < ARRAY_SIZE(cases); c++) {
		params = calloc(real->nr_params, sizeof(*params));
		fake = *real;
		for (i = j = 0; i < real->nr_params; i++) {
			params[j] = real->params[i];
			if (!strcmp(params[j].name, cases[c].name)) {
				if (!cases[c].value)
					continue;
				params[j].value = cases[c].value;
			}
			j++;
		}
		fake.params = params;
		fake.nr_params = j;
		cfg = env_cfg(_i, 100);
		cfg.abi = &fake;
		ck_assert_int_eq(nvgsp_rpc_create(&cfg, &rpc), -EINVAL);
		ck_log(cases[c].msg);
		ck_assert_uint_eq(nvgsp_os_user_dma_live(), start);
		free(params);
	}
	nvgsp_os_user_set_log(NULL, NULL);
}
END_TEST

/* ---- calls ------------------------------------------------------------------- */

START_TEST(test_call_basic)
{
	u8 reply[256];
	size_t got = 0;
	u8 *want = pattern(100, 100);

	env_open(_i, 100, true);
	ck_assert_int_eq(call(100, reply, sizeof(reply), &got), 0);
	ck_assert_uint_eq(got, 100);
	ck_assert_int_eq(memcmp(reply, want, 100), 0);
	ck_assert_uint_eq(env.peer.commands, 1);
	ck_assert_uint_eq(env.peer.last_fn, 76);
	ck_assert_uint_eq(env.peer.last_seq, 0);
	ck_assert_uint_eq(env.peer.doorbells, 1);
	ck_assert_uint_ge(env.peer.acks, 1);
	/* The second call carries the next sequence, and NULL reply is allowed. */
	ck_assert_int_eq(call(8, NULL, 0, &got), 0);
	ck_assert_uint_eq(got, 8);
	ck_assert_uint_eq(env.peer.last_seq, 1);
	ck_log("D rpc-test: rpc tx GSP_RM_CONTROL len 8 seq 1");
	free(want);
	env_close();
}
END_TEST

/*
 * Every wrap offset: _i / 2 selects the release, _i % 63 the ring position
 * where a 16-entry command and its 16-entry reply start.
 */
START_TEST(test_wrap)
{
	size_t len = MAX_CHUNK - 8, got = 0, k = _i % COUNT, i;
	u8 *reply = malloc(len), *want = pattern(len, (u8)len);

	env_open(_i / COUNT, 100, true);
	for (i = 0; i < k; i++)
		ck_assert_int_eq(call(16, NULL, 0, NULL), 0);
	ck_assert_uint_eq(rd(env.peer.cmdq + TX_WPTR), k);
	ck_assert_uint_eq(env.peer.msg_wptr, k);
	ck_assert_int_eq(call(len, reply, len, &got), 0);
	ck_assert_uint_eq(got, len);
	ck_assert_int_eq(memcmp(reply, want, len), 0);
	ck_assert_uint_eq(rd(env.peer.cmdq + TX_WPTR), (k + 16) % COUNT);
	ck_assert_uint_eq(env.peer.msg_wptr, (k + 16) % COUNT);
	ck_assert_uint_eq(env.peer.cont_records, 0);
	free(reply);
	free(want);
	env_close();
}
END_TEST

/* 1 MiB each way: 16 full elements and a continuation record of 1280 bytes. */
START_TEST(test_continuation)
{
	size_t len = 1 << 20, got = 0;
	u8 *reply = malloc(len), *want = pattern(len, (u8)len);

	env_open(_i, 1000, true);
	ck_assert_int_eq(call(len, reply, len, &got), 0);
	ck_assert_uint_eq(env.peer.commands, 1);
	ck_assert_uint_eq(env.peer.last_len, len);
	ck_assert_uint_eq(env.peer.cont_records, 16);
	ck_assert_uint_eq(got, len);
	ck_assert_int_eq(memcmp(reply, want, len), 0);
	/* The transport keeps working after it. */
	ck_assert_int_eq(call(16, NULL, 0, &got), 0);
	ck_assert_uint_eq(got, 16);

	/* nvgsp_rpc_send() splits the same way; its reply is dropped unread. */
	ck_assert_int_eq(nvgsp_rpc_send(env.rpc, NVGSP_ABI_RPC_SET_REGISTRY, want, 200000), 0);
	ck_assert_uint_eq(env.peer.commands, 3);
	ck_assert_uint_eq(env.peer.last_len, 200000);
	ck_assert_int_eq(memcmp(env.peer.last, want, 200000), 0);
	ck_assert_uint_eq(env.peer.cont_records, 16 + 3);
	ck_assert_int_eq(call(24, NULL, 0, &got), 0);
	ck_log("reply SET_REGISTRY seq 18 result 0x0 (200000 bytes): not awaited, dropped");
	free(reply);
	free(want);
	env_close();
}
END_TEST

/* A reply filling its element exactly: no continuation follows it. */
START_TEST(test_exact_element)
{
	u8 *reply = malloc(MAX_CHUNK);
	size_t got = 0;

	env_open(_i, 100, true);
	env.peer.echo = false;
	env.peer.reply_len = MAX_CHUNK;
	ck_assert_int_eq(call(16, reply, MAX_CHUNK, &got), 0);
	ck_assert_uint_eq(got, MAX_CHUNK);
	env.peer.reply_len = 10;
	ck_assert_int_eq(call(16, reply, MAX_CHUNK, &got), 0);
	ck_assert_uint_eq(got, 10);
	free(reply);
	env_close();
}
END_TEST

/*
 * Payload lengths around the checksum's words, entries and elements, with
 * both buffers at every byte alignment: what the peer receives and what
 * comes back are the bytes sent, the ring's padding is zero (the peer
 * checks), and nothing is written around the reply.
 */
START_TEST(test_lengths_alignment)
{
	static const size_t lens[] = {
		0, 1, 7, 8, 9, 15, 17, PG - EH - RH - 1, PG - EH - RH, PG - EH - RH + 1,
		PG - EH - RH + 5, MAX_CHUNK - 1, MAX_CHUNK + 1, MAX_CHUNK + 13,
		2 * MAX_CHUNK + 3,
	};
	size_t cap = 2 * MAX_CHUNK + 3 + 16, l, len, got;
	u8 *src = malloc(cap), *dst = malloc(cap), *want;
	unsigned int o;

	env_open(_i, 100, true);
	for (l = 0; l < ARRAY_SIZE(lens); l++) {
		for (o = 0; o < 8; o++) {
			len = lens[l];
			got = 0;
			want = pattern(len, (u8)(l * 8 + o + 1));
			memcpy(src + o, want, len);
			memset(dst, 0xee, cap);
			ck_assert_int_eq(nvgsp_rpc_call(env.rpc, NVGSP_ABI_RPC_GSP_RM_CONTROL,
							src + o, len, dst + 7 - o, len, &got, 0), 0);
			ck_assert_uint_eq(got, len);
			ck_assert_uint_eq(env.peer.last_len, len);
			ck_assert_int_eq(memcmp(env.peer.last, want, len), 0);
			ck_assert_int_eq(memcmp(dst + 7 - o, want, len), 0);
			ck_assert(all(dst, 7 - o, 0xee));
			ck_assert(all(dst + 7 - o + len, cap - (7 - o + len), 0xee));
			free(want);
		}
	}
	free(src);
	free(dst);
	env_close();
}
END_TEST

START_TEST(test_queue_full)
{
	u8 *before = malloc(COUNT * PG);
	unsigned int i;

	env_open(_i, 20, true);
	env.peer.stalled = true;
	for (i = 0; i < COUNT - 1; i++)
		ck_assert_int_eq(nvgsp_rpc_send(env.rpc, NVGSP_ABI_RPC_GSP_RM_CONTROL, &i, 4), 0);
	memcpy(before, env.peer.cmdq + PG, COUNT * PG);
	ck_assert_int_eq(nvgsp_rpc_send(env.rpc, NVGSP_ABI_RPC_GSP_RM_CONTROL, &i, 4), -ENOSPC);
	ck_log("E rpc-test: GSP-RM dead: GSP_RM_CONTROL: command queue full for 20 ms: 1 entries needed, 0 free (GSP readPtr 0, writePtr 62); last command: GSP_RM_CONTROL (0x4c) seq 61 len 4");
	/* One line: the history only at debug level. */
	ck_assert_uint_eq(log_count("W rpc-test: rpc history"), 0);
	/* Nothing unread was overwritten, and the write pointer did not move. */
	ck_assert_int_eq(memcmp(before, env.peer.cmdq + PG, COUNT * PG), 0);
	ck_assert_uint_eq(rd(env.peer.cmdq + TX_WPTR), COUNT - 1);
	/* GSP-RM is dead: even once it reads again, calls fail at once. */
	env.peer.stalled = false;
	ck_assert_int_eq(call(4, NULL, 0, NULL), -EIO);
	ck_assert_int_eq(nvgsp_rpc_send(env.rpc, NVGSP_ABI_RPC_GSP_RM_CONTROL, &i, 4), -EIO);
	ck_assert_uint_eq(rd(env.peer.cmdq + TX_WPTR), COUNT - 1);
	ck_assert_uint_eq(log_count("GSP-RM dead"), 1);
	free(before);
	env_close();
}
END_TEST

/* ---- malformed messages ------------------------------------------------------ */

START_TEST(test_bad_checksum)
{
	env_open(_i, 100, true);
	env.peer.fault = PF_CSUM;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EPROTO);
	ck_log("E rpc-test: GSP-RM dead: message queue: element at 0 (seqNum 0, GSP_RM_CONTROL): bad checksum: checkSum 0x");
	ck_log("; last command: GSP_RM_CONTROL (0x4c) seq 0 len 16\n");
	/* Nothing was consumed, and the dead queue is not read again. */
	ck_assert_int_eq(nvgsp_rpc_poll(env.rpc), -EIO);
	ck_assert_uint_eq(rd(env.peer.cmdq + RX_RPTR), 0);
	ck_assert_uint_eq(loud_lines(), 1);
	env_close();
}
END_TEST

/*
 * A bad checksum in a reply's later element (a full one; the last, where
 * the final word holds padding) fails the call; nothing is written past
 * the caller's buffer and the element stays unconsumed.
 */
START_TEST(test_bad_checksum_later)
{
	static const struct { unsigned int skip; enum peer_fault f; const char *msg; } cases[] = {
		{ 1, PF_CSUM, "element at 16 (seqNum 1, CONTINUATION_RECORD): bad checksum" },
		{ 3, PF_CSUM_END, "element at 48 (seqNum 3, CONTINUATION_RECORD): bad checksum" },
	};
	size_t len = 3 * MAX_CHUNK + 100, got = 7;
	u8 *reply = malloc(len + 64);
	unsigned int c;

	for (c = 0; c < 2; c++) {
		env_open(_i, 100, true);
		memset(reply, 0xee, len + 64);
		env.peer.fault = cases[c].f;
		env.peer.fault_skip = cases[c].skip;
		ck_assert_int_eq(call(len, reply, len, &got), -EPROTO);
		ck_assert_uint_eq(got, 0);
		ck_log(cases[c].msg);
		ck_assert(all(reply + len, 64, 0xee));
		ck_assert_int_eq(nvgsp_rpc_poll(env.rpc), -EIO);
		ck_assert_uint_eq(rd(env.peer.cmdq + RX_RPTR), cases[c].skip * 16);
		env_close();
	}
	free(reply);
}
END_TEST

START_TEST(test_torn_element)
{
	env_open(_i, 100, true);
	env.peer.echo = false;
	env.peer.reply_len = 5000;
	env.peer.fault = PF_TORN;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EPROTO);
	ck_log("message queue: element at 0: elemCount 2 but only 1 entries published (readPtr 0, writePtr 1)");
	env_close();
}
END_TEST

START_TEST(test_seq_order)
{
	env_open(_i, 100, true);
	ck_assert_int_eq(call(16, NULL, 0, NULL), 0);
	env.peer.fault = PF_SEQ;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EPROTO);
	ck_log("message queue: element at 1 (GSP_RM_CONTROL): seqNum 2, expected 1");
	env_close();
}
END_TEST

START_TEST(test_bad_signature)
{
	env_open(_i, 100, true);
	env.peer.fault = PF_SIG;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EPROTO);
	ck_log("element seqNum 0: rpc signature 0x43505257 version 0x03000000, expected 0x43505256 0x03000000");
	env_close();
}
END_TEST

START_TEST(test_bad_pointers)
{
	env_open(_i, 100, true);
	env.peer.fault = PF_WPTR;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EPROTO);
	ck_log("message queue: GSP's writePtr 100 beyond its 63 entries");
	env_close();

	env_open(_i, 100, true);
	wr(env.peer.msgq + RX_RPTR, 99);
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EPROTO);
	ck_log("message queue: GSP's command queue readPtr 99 beyond its 63 entries");
	ck_assert_uint_eq(rd(env.peer.cmdq + TX_WPTR), 0);
	wr(env.peer.msgq + RX_RPTR, 0);
	env_close();

	env_open(_i, 100, true);
	wr(env.peer.msgq + 8, 0x800);
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EPROTO);
	ck_log("message queue: GSP's header: msgSize is 0x800, expected 0x1000");
	env_close();
}
END_TEST

START_TEST(test_orphan_continuation)
{
	env_open(_i, 100, true);
	peer_queue(&env.peer, NR_CONT, 0, 0, (const u8 *)"12345678", 8);
	peer_flush(&env.peer);
	ck_assert_int_eq(nvgsp_rpc_poll(env.rpc), -EPROTO);
	ck_log("continuation record seq 0 (8 bytes) continues no message");
	/* A protocol error: GSP-RM is dead, nothing more is sent. */
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EIO);
	ck_assert_uint_eq(rd(env.peer.cmdq + TX_WPTR), 0);
	env_close();
}
END_TEST

START_TEST(test_unknown_function)
{
	env_open(_i, 100, true);
	peer_queue(&env.peer, 0xabc, 3, 0, (const u8 *)"12345678", 8);
	ck_assert_int_eq(call(16, NULL, 0, NULL), 0);
	ck_log("W rpc-test: message with unknown function number 0xabc (8 bytes, seq 3) dropped");
	env_close();
}
END_TEST

START_TEST(test_oversized_reply)
{
	u8 reply[32], *big;
	size_t got = 0;

	env_open(_i, 100, true);
	env.peer.echo = false;
	env.peer.reply_len = 100;
	memset(reply, 0xee, sizeof(reply));
	ck_assert_int_eq(call(16, reply, 16, &got), -EMSGSIZE);
	ck_assert_uint_eq(got, 100);
	ck_assert_uint_eq(reply[0], 0xee);
	ck_assert_uint_eq(reply[16], 0xee);
	ck_log("E rpc-test: GSP_RM_CONTROL: reply of 100 bytes, room for 16");

	/*
	 * A reply in continuation records declares its length with its first
	 * element (that of the command it answers): too long for the buffer,
	 * it never touches it.
	 */
	env.peer.echo = true;
	big = malloc(100000 + 64);
	memset(big, 0xee, 100000 + 64);
	ck_assert_int_eq(call(200000, big, 100000, &got), -EMSGSIZE);
	ck_assert_uint_eq(got, 200000);
	ck_assert(all(big, 100000 + 64, 0xee));
	ck_log("E rpc-test: GSP_RM_CONTROL: reply of 200000 bytes, room for 100000");
	env.peer.echo = false;
	env.peer.reply_len = 20;
	ck_assert_int_eq(call(16, reply, sizeof(reply), &got), 0);
	ck_assert_uint_eq(got, 20);
	free(big);
	env_close();
}
END_TEST

START_TEST(test_rm_status)
{
	env_open(_i, 100, true);
	env.peer.reply_result = 0x51;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -ENOMEM);
	ck_log("E rpc-test: GSP_RM_CONTROL: RM status 0x51 (NO_MEMORY ");
	/* Busy is not a transport error: -EAGAIN, no error line, no history. */
	tlog[0] = '\0';
	env.peer.reply_result = 0x55;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EAGAIN);
	env.peer.reply_result = 0x66;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EAGAIN);
	ck_log("D rpc-test: GSP_RM_CONTROL: GSP-RM busy (RM status 0x66");
	ck_assert_msg(!log_has("E rpc-test") && !log_has("rpc history"), "%s", tlog);
	env_close();
}
END_TEST

START_TEST(test_unknown_rpc)
{
	u32 id, n;

	env_open(_i, 100, true);
	ck_assert_int_eq(nvgsp_rpc_send(env.rpc, NVGSP_ABI_NR_RPC, NULL, 0), -EINVAL);
	ck_log("not an RPC function in release");
	for (id = 0; id < NVGSP_ABI_NR_RPC; id++)
		if (nvgsp_abi_rpc_number(env.peer.abi, id, &n) == -ENOENT)
			break;
	if (_i == 0)
		ck_assert_uint_lt(id, NVGSP_ABI_NR_RPC);	/* 535 lacks 570's new ones */
	if (id < NVGSP_ABI_NR_RPC) {
		ck_assert_int_eq(call(0, NULL, 0, NULL), 0);
		ck_assert_int_eq(nvgsp_rpc_call(env.rpc, id, NULL, 0, NULL, 0, NULL, 0),
				 -EOPNOTSUPP);
		ck_log("no number in release");
	}
	ck_assert_uint_eq(env.peer.commands, id < NVGSP_ABI_NR_RPC ? 1 : 0);
	ck_assert_int_eq(nvgsp_rpc_on_event(env.rpc, NVGSP_ABI_NR_EVENT, NULL, NULL), -EINVAL);
	ck_assert_int_eq(nvgsp_rpc_wait_event(env.rpc, NVGSP_ABI_NR_EVENT, 1), -EINVAL);
	env_close();
}
END_TEST

/* Table errors the transport cannot work around, each refused by name. */
static int enc_fail(const void *n, void *buf, size_t len)
{
	(void)n;
	(void)buf;
	(void)len;
	return -ERANGE;
}

START_TEST(test_create_bad_table)
{
	static const struct nvgsp_abi_transport qp2 = { .name = "msgq-v2", .version = 2 };
	static const struct nvgsp_abi_transport v0_as_v1 = { .name = "msgq-v0", .version = 1 };
	const struct nvgsp_abi *real = nvgsp_abi_find(rpc_releases[_i]);
	struct nvgsp_abi_codec codecs[NVGSP_ABI_NR_CODECS];
	struct nvgsp_rpc_config cfg;
	struct nvgsp_rpc *rpc;
	struct nvgsp_abi fake;
	size_t start = nvgsp_os_user_dma_live();

	tlog[0] = '\0';
	nvgsp_os_user_set_log(t_log, NULL);
	memset(&env, 0, sizeof(env));
	env.dev.name = "rpc-test";
	env.bar = (struct nvgsp_os_bar){ .ops = &t_ops, .ctx = &env, .size = 0x1000000 };
	cfg = env_cfg(_i, 100);
	cfg.abi = NULL;
	ck_assert_int_eq(nvgsp_rpc_create(&cfg, &rpc), -EINVAL);
	ck_log("E rpc-test: rpc: no ABI table");
	cfg = env_cfg(_i, 100);
	cfg.bar0 = NULL;
	ck_assert_int_eq(nvgsp_rpc_create(&cfg, &rpc), -EINVAL);
	ck_log("E rpc-test: rpc: no BAR0");

	cfg = env_cfg(_i, 100);
	cfg.abi = &fake;
	fake = *real;
	memcpy(codecs, real->codecs, sizeof(codecs));
	fake.codecs = codecs;
	codecs[NVGSP_ABI_CODEC_RPC_HEADER].encode = NULL;
	ck_assert_int_eq(nvgsp_rpc_create(&cfg, &rpc), -EINVAL);
	ck_log(": no rpc_header codec");
	codecs[NVGSP_ABI_CODEC_RPC_HEADER] = real->codecs[NVGSP_ABI_CODEC_RPC_HEADER];
	/* A header codec that cannot encode: the pointers' places are not found. */
	codecs[NVGSP_ABI_CODEC_MSGQ_TX_HEADER].encode = enc_fail;
	ck_assert_int_eq(nvgsp_rpc_create(&cfg, &rpc), -EINVAL);
	ck_log("writePtr/readPtr are not aligned 32-bit fields of msgqTxHeader/msgqRxHeader");
	fake.codecs = real->codecs;
	/* A transport this build does not implement, by name or by version. */
	fake.transport = &qp2;
	ck_assert_int_eq(nvgsp_rpc_create(&cfg, &rpc), -EOPNOTSUPP);
	ck_log("speaks transport msgq-v2 (version 2); this module implements msgq-v0");
	fake.transport = &v0_as_v1;
	ck_assert_int_eq(nvgsp_rpc_create(&cfg, &rpc), -EOPNOTSUPP);
	ck_log("speaks transport msgq-v0 (version 1)");
	fake.transport = NULL;
	ck_assert_int_eq(nvgsp_rpc_create(&cfg, &rpc), -EOPNOTSUPP);
	ck_log("speaks transport (none) (version 0)");
	fake.transport = real->transport;
	fake.maps[NVGSP_ABI_GROUP_RPC].count = 0;
	ck_assert_int_eq(nvgsp_rpc_create(&cfg, &rpc), -EINVAL);
	ck_log(": no number for rpc CONTINUATION_RECORD");
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), start);
	nvgsp_os_user_set_log(NULL, NULL);
}
END_TEST

/* Lengths and counts in an element that do not agree. */
START_TEST(test_bad_lengths)
{
	env_open(_i, 100, true);
	env.peer.fault = PF_COUNT;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EPROTO);
	ck_log("message queue: element at 0: elemCount 17 outside 1..16");
	env_close();

	env_open(_i, 100, true);
	env.peer.fault = PF_LEN;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EPROTO);
	ck_log("message queue: element at 0: rpc length 131072 outside 32..4048 for elemCount 1");
	env_close();

	env_open(_i, 100, true);
	env.peer.echo = false;
	env.peer.reply_len = 5000;
	env.peer.fault = PF_LEN2;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EPROTO);
	ck_log("message queue: element at 0: elemCount 2 but rpc length 132 needs 1");
	env_close();

	/* A payload promised but absent. */
	env_open(_i, 100, true);
	ck_assert_int_eq(nvgsp_rpc_send(env.rpc, NVGSP_ABI_RPC_GSP_RM_CONTROL, NULL, 8), -EINVAL);
	ck_log("E rpc-test: rpc GSP_RM_CONTROL: 8 bytes of payload at NULL");
	env_close();
}
END_TEST

/*
 * Nothing longer than 16 MiB is sent, so no reply (which declares its
 * command's length) can be longer either: refused before anything is
 * sent or allocated, and the transport goes on.
 */
START_TEST(test_message_too_long)
{
	size_t len = (16u << 20) + 1, got = 0;
	u8 *big = calloc(1, len);

	env_open(_i, 5000, true);
	ck_assert_ptr_nonnull(big);
	ck_assert_int_eq(nvgsp_rpc_call(env.rpc, NVGSP_ABI_RPC_GSP_RM_CONTROL, big, len, NULL, 0,
					&got, 0), -EMSGSIZE);
	ck_assert_int_eq(nvgsp_rpc_send(env.rpc, NVGSP_ABI_RPC_SET_REGISTRY, big, len), -EMSGSIZE);
	ck_log("E rpc-test: rpc GSP_RM_CONTROL: 16777217 bytes of payload, over 16777216");
	ck_assert_uint_eq(env.peer.doorbells, 0);
	ck_assert_uint_eq(rd(env.peer.cmdq + TX_WPTR), 0);
	ck_assert_int_eq(call(16, NULL, 0, &got), 0);
	ck_assert_uint_eq(got, 16);
	free(big);
	env_close();
}
END_TEST

/*
 * The declared-length rule, both ways, at exact multiples of the element:
 * a command of k full elements is k records and its reply too; the
 * message is complete with its last byte, no continuation awaited.
 */
START_TEST(test_exact_multiples)
{
	static const size_t lens[] = { MAX_CHUNK, 2 * MAX_CHUNK, 5 * MAX_CHUNK, MAX_CHUNK + 1 };
	size_t got, i;
	u8 *reply = malloc(5 * MAX_CHUNK), *want;
	u64 t0;

	env_open(_i, 100, true);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		unsigned int conts = env.peer.cont_records;

		got = 0;
		want = pattern(lens[i], (u8)lens[i]);
		t0 = nvgsp_os_time_ns();
		ck_assert_int_eq(call(lens[i], reply, 5 * MAX_CHUNK, &got), 0);
		ck_assert_uint_eq(got, lens[i]);
		ck_assert_int_eq(memcmp(reply, want, lens[i]), 0);
		ck_assert_uint_eq(env.peer.cont_records - conts, (lens[i] - 1) / MAX_CHUNK);
		/* Complete on arrival: no sleep waiting for more (the clock is virtual). */
		ck_assert_uint_lt(nvgsp_os_time_ns() - t0, 1000000);
		free(want);
	}
	/* An event that fills its element is delivered without waiting too. */
	want = pattern(MAX_CHUNK, 3);
	peer_event(&env.peer, NVGSP_ABI_EVENT_RC_TRIGGERED, want, MAX_CHUNK);
	peer_flush(&env.peer);
	ck_assert_int_eq(nvgsp_rpc_poll(env.rpc), 1);
	ck_assert_uint_eq(loud_lines(), 0);
	free(want);
	free(reply);
	env_close();
}
END_TEST

/*
 * Every way a message can break the declared length: each is a protocol
 * error naming the message and the byte counts, and kills the transport.
 */
START_TEST(test_declared_lengths)
{
	size_t len = MAX_CHUNK + 100, got = 0;
	u8 *reply = malloc(2 * len);

	/* Too many bytes: the reply's last record carries 10 more. */
	env_open(_i, 100, true);
	env.peer.echo = false;
	env.peer.reply_len = len + 10;
	ck_assert_int_eq(call(len, reply, 2 * len, &got), -EPROTO);
	ck_log("GSP-RM dead: message queue: GSP_RM_CONTROL seq 0: continuation record of 110 bytes, only 100 of its 65556 declared bytes remain");
	ck_assert_uint_eq(loud_lines(), 1);
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EIO);
	env_close();

	/* Too few: the reply ends 10 bytes short, then an event arrives. */
	env_open(_i, 100, true);
	env.peer.echo = false;
	env.peer.reply_len = len - 10;
	env.peer.trailer = true;
	ck_assert_int_eq(call(len, reply, 2 * len, &got), -EPROTO);
	ck_log("GSP-RM dead: message queue: GSP_RM_CONTROL seq 0: 65546 of its 65556 declared bytes arrived, then POST_EVENT seq 0");
	ck_assert_uint_eq(loud_lines(), 1);
	env_close();

	/* Too few and nothing after: GSP-RM never finished; the wait times out. */
	env_open(_i, 100, true);
	env.peer.echo = false;
	env.peer.reply_len = len - 10;
	ck_assert_int_eq(call(len, reply, 2 * len, &got), -ETIMEDOUT);
	ck_log("GSP-RM dead: GSP_RM_CONTROL (seq 0): no answer after 100 ms");
	env_close();

	/*
	 * A reply in records to a command that was one element: its first
	 * element is the whole reply (that is all it declares), the record
	 * after it continues nothing (found by the same drain, after the
	 * reply was delivered).
	 */
	env_open(_i, 100, true);
	env.peer.echo = false;
	env.peer.reply_len = len;
	ck_assert_int_eq(call(16, reply, 2 * len, &got), 0);
	ck_assert_uint_eq(got, MAX_CHUNK);
	ck_assert_int_eq(nvgsp_rpc_poll(env.rpc), -EIO);
	ck_log("GSP-RM dead: message queue: continuation record seq 0 (100 bytes) continues no message");
	env_close();

	/* An event longer than one element: events are one element. */
	env_open(_i, 100, true);
	peer_event(&env.peer, NVGSP_ABI_EVENT_RC_TRIGGERED, reply, len);
	peer_flush(&env.peer);
	ck_assert_int_eq(nvgsp_rpc_poll(env.rpc), -EPROTO);
	ck_log("continuation record seq 0 (100 bytes) continues no message");
	env_close();
	free(reply);
}
END_TEST

/* Gone while waiting for room in the command queue. */
START_TEST(test_gone_while_full)
{
	unsigned int i;

	env_open(_i, 100, true);
	env.peer.stalled = true;
	for (i = 0; i < COUNT - 1; i++)
		ck_assert_int_eq(nvgsp_rpc_send(env.rpc, NVGSP_ABI_RPC_GSP_RM_CONTROL, &i, 4), 0);
	env.peer.gone_after = env.peer.ticks + 3;
	ck_assert_int_eq(nvgsp_rpc_send(env.rpc, NVGSP_ABI_RPC_GSP_RM_CONTROL, &i, 4), -ENODEV);
	ck_log("GPU gone: BOOT_0 reads 0xffffffff while waiting for room in the command queue");
	env_close();
}
END_TEST

/* ---- device gone, timeouts, history ------------------------------------------- */

START_TEST(test_device_gone)
{
	env_open(_i, 100, true);
	env.gone = true;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -ENODEV);
	ck_log("E rpc-test: GPU gone: BOOT_0 reads 0xffffffff before sending a command");
	ck_assert_uint_eq(rd(env.peer.cmdq + TX_WPTR), 0);
	ck_assert_int_eq(nvgsp_rpc_poll(env.rpc), -ENODEV);
	ck_assert_int_eq(nvgsp_rpc_send(env.rpc, NVGSP_ABI_RPC_GSP_RM_CONTROL, "x", 1), -ENODEV);
	ck_assert_uint_eq(log_count("GPU gone"), 1);
	env_close();

	/* Gone while a call waits. */
	env_open(_i, 100, true);
	env.peer.silent = true;
	env.peer.gone_after = 5;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -ENODEV);
	ck_log("GPU gone: BOOT_0 reads 0xffffffff while waiting for GSP-RM");
	env_close();
}
END_TEST

START_TEST(test_timeout_history)
{
	unsigned int i;

	env_open(_i, 50, true);
	for (i = 0; i < 20; i++)
		ck_assert_int_eq(call(16, NULL, 0, NULL), 0);
	env.peer.silent = true;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -ETIMEDOUT);
	ck_log("E rpc-test: GSP-RM dead: GSP_RM_CONTROL (seq 20): no answer after 50 ms; last command: GSP_RM_CONTROL (0x4c) seq 20 len 16\n");
	/* The death is one line; the history is logged at debug level only. */
	ck_assert_uint_eq(log_count("W rpc-test: rpc history "), 0);
	ck_assert_uint_eq(loud_lines(), 1);
	/* 41 messages: the last 32, oldest first, one line each. */
	tlog[0] = '\0';
	nvgsp_rpc_dump_history(env.rpc);
	ck_log("W rpc-test: rpc history: last 32 messages, oldest first");
	ck_assert_uint_eq(log_count("rpc history "), 32);
	ck_log("rpc history  0: rx GSP_RM_CONTROL (0x4c) len 16 seq 4 result 0x0 at ");
	ck_log("rpc history  1: tx GSP_RM_CONTROL (0x4c) len 16 seq 5 result 0xffffffff at ");
	ck_log("rpc history 31: tx GSP_RM_CONTROL (0x4c) len 16 seq 20 result 0xffffffff at ");
	ck_assert(strstr(tlog, "rpc history  0:") < strstr(tlog, "rpc history 31:"));
	/* Dead: every call fails at once, logging nothing. */
	tlog[0] = '\0';
	env.peer.silent = false;
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EIO);
	ck_assert_int_eq(nvgsp_rpc_poll(env.rpc), -EIO);
	ck_assert_int_eq(nvgsp_rpc_wait_event(env.rpc, NVGSP_ABI_EVENT_GSP_INIT_DONE, 0), -EIO);
	ck_assert_uint_eq(loud_lines(), 0);
	env_close();
}
END_TEST

/* ---- events ------------------------------------------------------------------ */

struct ev_seen {
	unsigned int calls;
	u32 event;
	size_t len;
	u8 data[64];
	int ret;
	bool send;
	u8 *copy;	/* the whole payload, when it fits */
	size_t copy_cap;
};

static int ev_handler(void *ctx, u32 event, const void *payload, size_t len)
{
	struct ev_seen *s = ctx;

	s->calls++;
	s->event = event;
	s->len = len;
	memcpy(s->data, payload, len < sizeof(s->data) ? len : sizeof(s->data));
	if (s->copy && len <= s->copy_cap)
		memcpy(s->copy, payload, len);
	if (s->send)	/* the one call a handler may make */
		ck_assert_int_eq(nvgsp_rpc_send_locked(env.rpc, NVGSP_ABI_RPC_NOP, "hi", 2), 0);
	return s->ret;
}

START_TEST(test_events_during_call)
{
	struct nvgsp_abi_os_error_log el = { .except_type = 13, .chid = 7 };
	u32 el_size = nvgsp_abi_codec_size(nvgsp_abi_find(rpc_releases[_i]),
					   NVGSP_ABI_CODEC_OS_ERROR_LOG);
	struct ev_seen seen = { .send = true };
	u8 *buf = calloc(1, el_size), *post = pattern(24, 3);
	size_t got = 0;

	env_open(_i, 100, true);
	strcpy((char *)el.err_string, "Xid 13: Graphics Exception\x01");
	ck_assert_int_eq(nvgsp_abi_encode(env.peer.abi, NVGSP_ABI_CODEC_OS_ERROR_LOG, &el, buf,
					  el_size), (int)el_size);
	ck_assert_int_eq(nvgsp_rpc_on_event(env.rpc, NVGSP_ABI_EVENT_POST_EVENT, ev_handler,
					    &seen), 0);
	add_event(NVGSP_ABI_EVENT_POST_EVENT, post, 24);
	add_event(NVGSP_ABI_EVENT_OS_ERROR_LOG, buf, el_size);
	add_event(NVGSP_ABI_EVENT_UCODE_LIBOS_PRINT, "\x01\x00\x00\x00hello libos", 15);
	add_event(NVGSP_ABI_EVENT_RC_TRIGGERED, "rc", 2);
	add_event(NVGSP_ABI_EVENT_OS_ERROR_LOG, "shrt", 4);
	add_event(NVGSP_ABI_EVENT_GPUACCT_PERFMON_UTIL_SAMPLES, "util", 4);
	ck_assert_int_eq(call(16, NULL, 0, &got), 0);
	ck_assert_uint_eq(got, 16);
	ck_assert_uint_eq(seen.calls, 1);
	ck_assert_uint_eq(seen.event, NVGSP_ABI_EVENT_POST_EVENT);
	ck_assert_uint_eq(seen.len, 24);
	ck_assert_int_eq(memcmp(seen.data, post, 24), 0);
	ck_log("E rpc-test: GSP-RM error (exceptType 0xd, runlist 0, chid 7): Xid 13: Graphics Exception?");
	ck_log("D rpc-test: GSP-RM libos print (15 bytes): hello libos");
	ck_log("D rpc-test: event RC_TRIGGERED (2 bytes): no handler, dropped");
	ck_log("W rpc-test: OS_ERROR_LOG event of 4 bytes, shorter than its");
	/* vGPU's periodic utilisation samples: traced, but no "dropped" line. */
	ck_log("D rpc-test: rpc rx event GPUACCT_PERFMON_UTIL_SAMPLES len");
	ck_assert_msg(!log_has("GPUACCT_PERFMON_UTIL_SAMPLES (4 bytes)"), "log:\n%s", tlog);
	/* The handler's NOP went out after the call's command. */
	ck_assert_uint_eq(env.peer.commands, 2);
	ck_assert_uint_eq(env.peer.last_fn, 0);

	/* A handler's error is returned to the caller waiting. */
	seen.send = false;
	seen.ret = -EIO;
	add_event(NVGSP_ABI_EVENT_POST_EVENT, post, 24);
	ck_assert_int_eq(call(16, NULL, 0, NULL), -EIO);
	ck_log("E rpc-test: event POST_EVENT: handler failed (-5)");

	/* Removed: dropped at debug level. */
	ck_assert_int_eq(nvgsp_rpc_on_event(env.rpc, NVGSP_ABI_EVENT_POST_EVENT, NULL, NULL), 0);
	add_event(NVGSP_ABI_EVENT_POST_EVENT, post, 24);
	ck_assert_int_eq(call(16, NULL, 0, NULL), 0);
	ck_assert_uint_eq(seen.calls, 2);
	free(buf);
	free(post);
	env_close();
}
END_TEST

/*
 * An event that fills its element exactly, then the reply: the event is
 * one element, delivered as it arrives; then the reply. A corrupt event
 * reaches no handler.
 */
START_TEST(test_full_event_then_reply)
{
	struct ev_seen seen = { 0 };
	u8 *ev = pattern(MAX_CHUNK, 77), *want = pattern(10, 0x5a), reply[32];
	size_t got = 0;

	env_open(_i, 100, true);
	seen.copy = malloc(MAX_CHUNK);
	seen.copy_cap = MAX_CHUNK;
	ck_assert_int_eq(nvgsp_rpc_on_event(env.rpc, NVGSP_ABI_EVENT_POST_EVENT, ev_handler,
					    &seen), 0);
	env.peer.echo = false;
	env.peer.reply_len = 10;
	add_event(NVGSP_ABI_EVENT_POST_EVENT, ev, MAX_CHUNK);
	ck_assert_int_eq(call(16, reply, sizeof(reply), &got), 0);
	ck_assert_uint_eq(got, 10);
	ck_assert_int_eq(memcmp(reply, want, 10), 0);
	ck_assert_uint_eq(seen.calls, 1);
	ck_assert_uint_eq(seen.len, MAX_CHUNK);
	ck_assert_int_eq(memcmp(seen.copy, ev, MAX_CHUNK), 0);

	peer_event(&env.peer, NVGSP_ABI_EVENT_POST_EVENT, ev, 100);
	env.peer.fault = PF_CSUM_END;
	peer_flush(&env.peer);
	ck_assert_int_eq(nvgsp_rpc_poll(env.rpc), -EPROTO);
	ck_log("(seqNum 2, POST_EVENT): bad checksum");
	ck_assert_uint_eq(seen.calls, 1);
	free(seen.copy);
	free(ev);
	free(want);
	env_close();
}
END_TEST

START_TEST(test_wait_event_and_poll)
{
	struct ev_seen seen = { 0 };

	env_open(_i, 100, true);
	ck_assert_int_eq(nvgsp_rpc_on_event(env.rpc, NVGSP_ABI_EVENT_GSP_INIT_DONE, ev_handler,
					    &seen), 0);
	peer_event(&env.peer, NVGSP_ABI_EVENT_RC_TRIGGERED, "x", 1);
	peer_event(&env.peer, NVGSP_ABI_EVENT_GSP_INIT_DONE, NULL, 0);
	ck_assert_int_eq(nvgsp_rpc_wait_event(env.rpc, NVGSP_ABI_EVENT_GSP_INIT_DONE, 0), 0);
	ck_assert_uint_eq(seen.calls, 1);
	ck_assert_uint_eq(seen.len, 0);

	/* The interrupt path: three events, the interrupt acknowledged. */
	env.peer.acks = 0;
	peer_event(&env.peer, NVGSP_ABI_EVENT_RC_TRIGGERED, "a", 1);
	peer_event(&env.peer, NVGSP_ABI_EVENT_RC_TRIGGERED, "b", 1);
	peer_event(&env.peer, NVGSP_ABI_EVENT_MMU_FAULT_QUEUED, "c", 1);
	peer_flush(&env.peer);
	ck_assert_int_eq(nvgsp_rpc_poll(env.rpc), 3);
	ck_assert_uint_eq(env.peer.acks, 1);
	ck_assert_int_eq(nvgsp_rpc_poll(env.rpc), 0);
	ck_assert_uint_eq(env.peer.acks, 1);

	/* A wait that runs out kills the transport. */
	ck_assert_int_eq(nvgsp_rpc_wait_event(env.rpc, NVGSP_ABI_EVENT_GSP_INIT_DONE, 30),
			 -ETIMEDOUT);
	ck_log("E rpc-test: GSP-RM dead: event GSP_INIT_DONE: no answer after 30 ms");
	ck_assert_int_eq(nvgsp_rpc_poll(env.rpc), -EIO);
	env_close();
}
END_TEST

/* ---- allocation failure while receiving ---------------------------------------- */

/*
 * Only messages reassembled in the transport's own buffer need memory, and
 * only the long ones: replies nobody awaits to commands sent in
 * continuation records (events are one element, which the buffer always
 * holds). An awaited reply goes straight to its caller's buffer, or
 * without one is only checked and counted.
 */
START_TEST(test_recv_alloc_fail)
{
	size_t len = 1 << 20, got = 0;
	u8 *reply = malloc(len), *want = pattern(len, (u8)len);

	env_open(_i, 1000, true);
	nvgsp_os_user_fail_alloc_after(0);
	ck_assert_int_eq(call(len, NULL, 0, &got), 0);
	ck_assert_uint_eq(got, len);
	ck_assert_int_eq(call(len, reply, len, &got), 0);
	ck_assert_uint_eq(got, len);
	ck_assert_int_eq(memcmp(reply, want, len), 0);
	/* A one-element event needs none either. */
	add_event(NVGSP_ABI_EVENT_RC_TRIGGERED, want, MAX_CHUNK);
	ck_assert_int_eq(call(16, NULL, 0, &got), 0);
	nvgsp_os_user_fail_alloc_after(-1);

	/* The 1 MiB reply to a command nobody waits for does: dropped. */
	env.peer.cmd_want = len;
	ck_assert_int_eq(nvgsp_rpc_send(env.rpc, NVGSP_ABI_RPC_GSP_RM_CONTROL, want, len), 0);
	nvgsp_os_user_fail_alloc_after(0);
	ck_assert_int_eq(call(16, NULL, 0, NULL), -ENOMEM);
	nvgsp_os_user_fail_alloc_after(-1);
	ck_log("E rpc-test: GSP_RM_CONTROL seq 35: no memory for a 1048576-byte message, dropped");
	/* The rest of the dropped reply is consumed; the next call works. */
	ck_assert_int_eq(call(16, NULL, 0, &got), 0);
	ck_assert_uint_eq(got, 16);
	ck_assert_int_eq(nvgsp_rpc_state(env.rpc, NULL, 0), NVGSP_RPC_RUNNING);
	free(reply);
	free(want);
	env_close();
}
END_TEST

Suite *nvgsp_suite_rpc(void)
{
	Suite *s = suite_create("rpc");
	TCase *tc = tcase_create("create");

	tcase_add_loop_test(tc, test_create_layout, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_create_alloc_fail, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_create_bad_params, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_create_bad_table, 0, NR_RELEASES);
	suite_add_tcase(s, tc);

	tc = tcase_create("calls");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_call_basic, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_wrap, 0, NR_RELEASES * COUNT);
	tcase_add_loop_test(tc, test_continuation, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_exact_element, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_exact_multiples, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_lengths_alignment, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_queue_full, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_rm_status, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_unknown_rpc, 0, NR_RELEASES);
	suite_add_tcase(s, tc);

	tc = tcase_create("malformed");
	tcase_add_loop_test(tc, test_bad_checksum, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_bad_checksum_later, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_torn_element, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_seq_order, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_bad_signature, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_bad_pointers, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_orphan_continuation, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_unknown_function, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_oversized_reply, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_bad_lengths, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_message_too_long, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_declared_lengths, 0, NR_RELEASES);
	suite_add_tcase(s, tc);

	tc = tcase_create("failures");
	tcase_add_loop_test(tc, test_device_gone, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_gone_while_full, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_timeout_history, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_recv_alloc_fail, 0, NR_RELEASES);
	suite_add_tcase(s, tc);

	tc = tcase_create("events");
	tcase_add_loop_test(tc, test_events_during_call, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_full_event_then_reply, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_wait_event_and_poll, 0, NR_RELEASES);
	suite_add_tcase(s, tc);
	return s;
}
