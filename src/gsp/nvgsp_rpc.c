// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_rpc.c - the "msgq-v0" transport (two shared-memory rings) and the
 * RPC layer over it: calls, replies, events, continuation records, history.
 *
 * Every geometry number, header value and layout comes from the bound
 * release's table ("msgq.*" and "rpc.*" parameters, the MSGQ_TX_HEADER,
 * MSGQ_RX_HEADER, MSGQ_ELEMENT, RPC_HEADER codecs and the rpc/event maps).
 *
 * Sources for the protocol (read, not copied):
 *  - nouveau rm/r535/gsp.c r535_gsp_shared_init(): the buffer layout and the
 *    PTE count (queue pages plus the PTE array's own pages); which rx header
 *    holds which read pointer (cmdq.rptr is in the message queue's rx
 *    header, msgq.rptr in the command queue's).
 *  - nouveau rm/r535/rpc.c r535_gsp_cmdq_push(), r535_gsp_rpc_push(),
 *    r535_gsp_msgq_recv(); nova-core gsp/cmdq.rs and gsp/fw.rs: element
 *    layout, checksum (XOR of the u64 words, hi32 ^ lo32), one seqNum per
 *    element, free space = rptr + count - wptr - 1, doorbell after every
 *    element, continuation records with their own RPC header.
 *  - NVIDIA open-gpu-kernel-modules message_queue_cpu.c
 *    GspMsgQueueReceiveStatus(): the receiver checks the checksum over
 *    header + rpc.length (8-byte padded) and that seqNum is the next
 *    expected; kernel_gsp.c _kgspRpcSendMessage(): the RPC header's
 *    .sequence is a running count of the driver's, and _kgspRpcRecvPoll()
 *    matches a reply by function *and* that sequence (GSP-RM echoes it).
 *    nouveau and nova-core leave .sequence 0; we set it on every element.
 *
 * The data path makes one pass over a payload per side: an element is built
 * in place in the command queue, its checksum computed while the payload is
 * copied in; a received element's payload is summed while it is copied out
 * of the message queue straight to where its message is reassembled (the
 * awaited caller's reply buffer when there is one), and is delivered only
 * once the checksum matched.
 */
#include "nvgsp_rpc.h"
#include "chip/regs/nvgsp_regs_pmc.h"
#include "fw/nvgsp_fw_blob.h"

#define NVGSP_RPC_HISTORY	32
#define NVGSP_RPC_POLL_MIN_US	2
#define NVGSP_RPC_POLL_MAX_US	1000
/* Default timeout when the configuration gives none. */
#define NVGSP_RPC_TIMEOUT_MS	10000
/* The largest message reassembled from continuation records. */
#define NVGSP_RPC_MSG_MAX	(16u << 20)
/*
 * A message whose last element is full may still be followed by a
 * continuation record; when none arrives within this time the message is
 * taken as complete (the sender's payload was an exact multiple).
 */
#define NVGSP_RPC_CONT_GRACE_NS	(10ull * 1000 * 1000)
/* Queue sizes beyond this are refused as a table error (no u32 overflow). */
#define NVGSP_RPC_QUEUE_MAX	(16u << 20)

/**
 * struct nvgsp_rpc_hist - one history entry.
 * @time_ns: when it was sent or received.
 * @number: the release's function or event number.
 * @length: payload bytes (after the RPC header, all continuation records).
 * @sequence: the RPC header's sequence (of the first element).
 * @result: rpc_result (the pending value for commands).
 * @rx: true for a message from GSP-RM, false for a command.
 */
struct nvgsp_rpc_hist {
	u64 time_ns;
	u32 number;
	u32 length;
	u32 sequence;
	u32 result;
	bool rx;
};

/**
 * struct nvgsp_rpc_wait - what a caller in the wait loop waits for.
 * @call: true for a reply, false for an event.
 * @number: the function number of the reply, or the event's symbolic id.
 * @sequence: the RPC sequence the reply must carry.
 * @fn_id: the symbolic function id, for messages.
 * @reply: where the reply's payload goes; may be NULL.
 * @reply_len: room at @reply.
 * @got: the reply payload's length.
 * @done: the reply or event arrived.
 * @result: the errno to return once @done.
 */
struct nvgsp_rpc_wait {
	bool call;
	u32 number;
	u32 sequence;
	u32 fn_id;
	void *reply;
	size_t reply_len;
	size_t got;
	bool done;
	int result;
};

/**
 * enum rpc_dst - where the payload of a message being received goes.
 * @RPC_DST_MSG: the reassembly buffer (events, replies nobody awaits).
 * @RPC_DST_REPLY: straight into the buffer of the caller awaiting it.
 * @RPC_DST_NONE: nowhere: checked and counted only (a reply awaited without
 *                a buffer or too long for it, a message being dropped).
 */
enum rpc_dst {
	RPC_DST_MSG,
	RPC_DST_REPLY,
	RPC_DST_NONE,
};

/**
 * struct nvgsp_rpc - one GPU's transport. Every member after @lock is
 * protected by @lock, except the geometry, which is set at creation and
 * read-only afterwards.
 * @cfg: the configuration, copied.
 * @name: device name for messages.
 * @lock: serialises everything that touches the queues.
 * @mem: the shared buffer: [PTE pages][cmdq][msgq].
 * @pte_count: PTE entries (pages of @mem).
 * @pte_bytes: bytes of the PTE array, page aligned (= offset of the cmdq).
 * @cmdq: CPU view of the command queue.
 * @msgq: CPU view of the message queue.
 * @cmdq_size: bytes of the command queue.
 * @msgq_size: bytes of the message queue.
 * @cmdq_count: entries of the command queue ring.
 * @msgq_count: entries of the message queue ring.
 * @version: "msgq.version".
 * @entry_size: "msgq.entry_size", one ring slot.
 * @entry_off: "msgq.entry_off", offset of slot 0 in a queue.
 * @rx_hdr_off: "msgq.rx_hdr_off", offset of a queue's rx header.
 * @element_max: "msgq.element_max", the largest element.
 * @tx_hdr_size: wire bytes of msgqTxHeader.
 * @rx_hdr_size: wire bytes of msgqRxHeader.
 * @eh: wire bytes of the element header (up to the RPC header).
 * @rh: wire bytes of the RPC header.
 * @hdr_version: "rpc.header_version".
 * @signature: "rpc.signature".
 * @result_pending: "rpc.result_pending".
 * @cont_number: the release's CONTINUATION_RECORD number.
 * @timeout_ms: default timeout.
 * @cmdq_tx: our command queue header, as last written.
 * @msgq_checked: GSP-RM's message queue header was found as expected.
 * @msgq_rptr: our read pointer of the message queue.
 * @tx_seq: seqNum of the next element we send.
 * @rx_seq: seqNum expected of the next element received.
 * @rpc_seq: RPC header sequence of the next element we send.
 * @hdr_words: bytes of the element header and RPC header rounded up to the
 *             checksum's 8-byte words (the start of an element that is copied
 *             and summed apart from its payload).
 * @rx_buf: the first @hdr_words bytes of the element being received, copied
 *          out of the ring, then room (@element_max bytes) for the payload
 *          of a message that arrives while the one before it is pending.
 * @msg: the message being reassembled (payload only).
 * @msg_cap: bytes at @msg.
 * @msg_len: payload bytes of the message so far, wherever they went.
 * @asm_hdr: RPC header of the message being reassembled.
 * @asm_active: its last element was full: a continuation may follow.
 * @asm_drop: the message is being dropped (no memory); its continuation
 *            records are consumed and ignored.
 * @asm_dst: where its payload goes: @msg, the awaited caller's reply
 *           buffer (@asm_reply), or nowhere (only counted in @msg_len).
 * @asm_reply: the awaited caller's reply buffer, for %RPC_DST_REPLY.
 * @asm_room: bytes at @asm_reply.
 * @asm_last_ns: when its last element arrived.
 * @gone: the device was found gone; every later operation fails.
 * @in_handler: an event handler runs (with @lock held by the dispatcher):
 *              only nvgsp_rpc_send_locked() may be called.
 * @delivered: messages delivered so far.
 * @handlers: event handlers by symbolic id.
 * @wait: the caller in the wait loop, or NULL.
 * @hist: the history ring.
 * @hist_next: next slot of @hist.
 * @hist_count: valid entries of @hist.
 */
struct nvgsp_rpc {
	struct nvgsp_rpc_config cfg;
	const char *name;
	struct nvgsp_os_mutex *lock;
	struct nvgsp_os_dma mem;
	u32 pte_count;
	u32 pte_bytes;
	u8 *cmdq;
	u8 *msgq;
	u32 cmdq_size;
	u32 msgq_size;
	u32 cmdq_count;
	u32 msgq_count;
	u32 version;
	u32 entry_size;
	u32 entry_off;
	u32 rx_hdr_off;
	u32 element_max;
	u32 tx_hdr_size;
	u32 rx_hdr_size;
	u32 eh;
	u32 rh;
	u32 hdr_version;
	u32 signature;
	u32 result_pending;
	u32 cont_number;
	u32 timeout_ms;

	struct nvgsp_abi_msgq_tx_header cmdq_tx;
	bool msgq_checked;
	u32 msgq_rptr;
	u32 tx_seq;
	u32 rx_seq;
	u32 rpc_seq;
	u32 hdr_words;
	u8 *rx_buf;
	u8 *msg;
	size_t msg_cap;
	size_t msg_len;
	struct nvgsp_abi_rpc_header asm_hdr;
	bool asm_active;
	bool asm_drop;
	enum rpc_dst asm_dst;
	u8 *asm_reply;
	size_t asm_room;
	u64 asm_last_ns;
	bool gone;
	bool in_handler;
	u32 delivered;
	struct {
		nvgsp_rpc_event_fn fn;
		void *ctx;
	} handlers[NVGSP_ABI_NR_EVENT];
	struct nvgsp_rpc_wait *wait;
	struct nvgsp_rpc_hist hist[NVGSP_RPC_HISTORY];
	u32 hist_next;
	u32 hist_count;
};

static inline u32 rpc_div_up(u32 n, u32 d)
{
	return n / d + (n % d ? 1 : 0);
}

static const char *rpc_fn_name(u32 id)
{
	return nvgsp_abi_id_name(NVGSP_ABI_GROUP_RPC, id);
}

static const char *rpc_event_name(u32 id)
{
	return nvgsp_abi_id_name(NVGSP_ABI_GROUP_EVENT, id);
}

/* The name of a release's function or event number, for messages. */
static const char *rpc_number_name(const struct nvgsp_rpc *rpc, u32 number)
{
	u32 id;

	if (!nvgsp_abi_event_id(rpc->cfg.abi, number, &id))
		return rpc_event_name(id);
	if (!nvgsp_abi_rpc_id(rpc->cfg.abi, number, &id))
		return rpc_fn_name(id);
	return "?";
}

static void rpc_hist_add(struct nvgsp_rpc *rpc, bool rx, u32 number, size_t length,
			 u32 sequence, u32 result)
{
	struct nvgsp_rpc_hist *e = &rpc->hist[rpc->hist_next];

	e->time_ns = nvgsp_os_time_ns();
	e->number = number;
	e->length = length > 0xffffffffu ? 0xffffffffu : (u32)length;
	e->sequence = sequence;
	e->result = result;
	e->rx = rx;
	rpc->hist_next = (rpc->hist_next + 1) % NVGSP_RPC_HISTORY;
	if (rpc->hist_count < NVGSP_RPC_HISTORY)
		rpc->hist_count++;
}

static void rpc_dump_history_locked(struct nvgsp_rpc *rpc)
{
	u32 i;

	nvgsp_os_log(rpc->name, NVGSP_LOG_WARN, 0,
		     "rpc history: last %u messages, oldest first", rpc->hist_count);
	for (i = 0; i < rpc->hist_count; i++) {
		u32 at = (rpc->hist_next + NVGSP_RPC_HISTORY - rpc->hist_count + i) %
			 NVGSP_RPC_HISTORY;
		const struct nvgsp_rpc_hist *e = &rpc->hist[at];

		nvgsp_os_log(rpc->name, NVGSP_LOG_WARN, 0,
			     "rpc history %2u: %s %s (0x%x) len %u seq %u result 0x%x at %llu us",
			     i, e->rx ? "rx" : "tx", rpc_number_name(rpc, e->number), e->number,
			     e->length, e->sequence, e->result,
			     (unsigned long long)(e->time_ns / 1000));
	}
}

/* A protocol error: log it, dump the history, return -EPROTO. */
static int __printf(2, 3) rpc_proto(struct nvgsp_rpc *rpc, const char *fmt, ...)
{
	__builtin_va_list ap;
	char msg[192];

	__builtin_va_start(ap, fmt);
	nvgsp_os_vsnprintf(msg, sizeof(msg), fmt, ap);
	__builtin_va_end(ap);
	nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0, "message queue: %s", msg);
	rpc_dump_history_locked(rpc);
	return -EPROTO;
}

/*
 * Is the device still there? BOOT_0 identifies the chip and never reads all
 * ones on a live GPU; a device that fell off the bus reads all ones.
 */
static bool rpc_alive(struct nvgsp_rpc *rpc, const char *what)
{
	u32 boot0;

	if (rpc->gone)
		return false;
	boot0 = nvgsp_os_rd32(rpc->cfg.bar0, NV_PMC_BOOT_0);
	if (boot0 != 0xffffffffu)
		return true;
	rpc->gone = true;
	nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0,
		     "GPU gone: BOOT_0 reads 0x%08x %s", boot0, what);
	return false;
}

/* ---- the checksum, computed while copying --------------------------------- */

static inline u64 rpc_ld64(const u8 *p)
{
	u64 v;

	nvgsp_os_memcpy(&v, p, sizeof(v));
	return v;
}

static inline void rpc_st64(u8 *p, u64 v)
{
	nvgsp_os_memcpy(p, &v, sizeof(v));
}

/*
 * Copy @words u64 words from @src to @dst (either may be unaligned; @dst
 * NULL: read only) and return the XOR of the words in CPU byte order. The
 * caller lines the words up with the element's 8-byte words. Four
 * accumulators let the loads, stores and XORs of a word overlap the next.
 */
static u64 rpc_xor_copy(u8 *dst, const u8 *src, size_t words)
{
	u64 x0 = 0, x1 = 0, x2 = 0, x3 = 0, w0, w1, w2, w3;
	size_t i = 0;

	if (dst) {
		for (; i + 4 <= words; i += 4, src += 32, dst += 32) {
			w0 = rpc_ld64(src);
			w1 = rpc_ld64(src + 8);
			w2 = rpc_ld64(src + 16);
			w3 = rpc_ld64(src + 24);
			rpc_st64(dst, w0);
			rpc_st64(dst + 8, w1);
			rpc_st64(dst + 16, w2);
			rpc_st64(dst + 24, w3);
			x0 ^= w0;
			x1 ^= w1;
			x2 ^= w2;
			x3 ^= w3;
		}
		for (; i < words; i++, src += 8, dst += 8) {
			w0 = rpc_ld64(src);
			rpc_st64(dst, w0);
			x0 ^= w0;
		}
	} else {
		for (; i + 4 <= words; i += 4, src += 32) {
			x0 ^= rpc_ld64(src);
			x1 ^= rpc_ld64(src + 8);
			x2 ^= rpc_ld64(src + 16);
			x3 ^= rpc_ld64(src + 24);
		}
		for (; i < words; i++, src += 8)
			x0 ^= rpc_ld64(src);
	}
	return x0 ^ x1 ^ x2 ^ x3;
}

/*
 * The msgq checksum from the XOR of CPU-order words: XOR is bytewise, so
 * the XOR of the little-endian words is that XOR read back little-endian.
 */
static u32 rpc_csum_fold(u64 x)
{
	u8 b[8];
	u64 le;

	rpc_st64(b, x);
	le = nvgsp_fw_le64(b);
	return (u32)(le >> 32) ^ (u32)le;
}

/*
 * Where byte @off of the element at ring index @index lies, and in @room how
 * many bytes are contiguous from there (up to the end of the ring). Elements
 * wrap at entry boundaries, which are 8-byte aligned.
 */
static u8 *rpc_elem_at(const struct nvgsp_rpc *rpc, u8 *queue, u32 count, u32 index, u32 off,
		       u32 *room)
{
	u32 slot = index + off / rpc->entry_size, in = off % rpc->entry_size;

	if (slot >= count)
		slot -= count;
	*room = (count - slot) * rpc->entry_size - in;
	return queue + rpc->entry_off + (size_t)slot * rpc->entry_size + in;
}

/* ---- creation ------------------------------------------------------------ */

static int rpc_param(struct nvgsp_rpc *rpc, const char *param, u32 *out)
{
	u64 v;

	if (nvgsp_abi_param(rpc->cfg.abi, param, &v)) {
		nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0,
			     "release %s has no parameter %s", rpc->cfg.abi->release, param);
		return -EINVAL;
	}
	if (v > 0xffffffffull) {
		nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0, "release %s: %s = 0x%llx is not 32-bit",
			     rpc->cfg.abi->release, param, (unsigned long long)v);
		return -EINVAL;
	}
	*out = (u32)v;
	return 0;
}

static int __printf(2, 3) rpc_bad_table(struct nvgsp_rpc *rpc, const char *fmt, ...)
{
	__builtin_va_list ap;
	char msg[160];

	__builtin_va_start(ap, fmt);
	nvgsp_os_vsnprintf(msg, sizeof(msg), fmt, ap);
	__builtin_va_end(ap);
	nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0, "release %s: %s", rpc->cfg.abi->release, msg);
	return -EINVAL;
}

static int rpc_codec_size(struct nvgsp_rpc *rpc, enum nvgsp_abi_codec_id codec, u32 *size)
{
	*size = nvgsp_abi_codec_size(rpc->cfg.abi, codec);
	if (!*size)
		return rpc_bad_table(rpc, "no %s codec", nvgsp_abi_codec_names[codec]);
	return 0;
}

/* Entries of a queue of @size bytes, or -EINVAL naming @param. */
static int rpc_queue_count(struct nvgsp_rpc *rpc, const char *param, u32 size, u32 *count)
{
	if (!size || size % NVGSP_OS_PAGE_SIZE || size > NVGSP_RPC_QUEUE_MAX)
		return rpc_bad_table(rpc, "%s 0x%x: not a multiple of 4 KiB up to 16 MiB",
				     param, size);
	if (size <= rpc->entry_off || (size - rpc->entry_off) % rpc->entry_size)
		return rpc_bad_table(rpc, "%s 0x%x: no whole entries of 0x%x after msgq.entry_off 0x%x",
				     param, size, rpc->entry_size, rpc->entry_off);
	*count = (size - rpc->entry_off) / rpc->entry_size;
	if (rpc->element_max / rpc->entry_size >= *count)
		return rpc_bad_table(rpc, "%s 0x%x: %u entries cannot hold msgq.element_max 0x%x",
				     param, size, *count, rpc->element_max);
	return 0;
}

static int rpc_geometry(struct nvgsp_rpc *rpc)
{
	static const struct {
		const char *name;
		size_t off;
	} params[] = {
		{ "msgq.version", offsetof(struct nvgsp_rpc, version) },
		{ "msgq.cmdq_size", offsetof(struct nvgsp_rpc, cmdq_size) },
		{ "msgq.statq_size", offsetof(struct nvgsp_rpc, msgq_size) },
		{ "msgq.entry_size", offsetof(struct nvgsp_rpc, entry_size) },
		{ "msgq.element_max", offsetof(struct nvgsp_rpc, element_max) },
		{ "msgq.rx_hdr_off", offsetof(struct nvgsp_rpc, rx_hdr_off) },
		{ "msgq.entry_off", offsetof(struct nvgsp_rpc, entry_off) },
		{ "rpc.header_version", offsetof(struct nvgsp_rpc, hdr_version) },
		{ "rpc.signature", offsetof(struct nvgsp_rpc, signature) },
		{ "rpc.result_pending", offsetof(struct nvgsp_rpc, result_pending) },
	};
	unsigned int i;
	int ret;

	for (i = 0; i < sizeof(params) / sizeof(params[0]); i++) {
		ret = rpc_param(rpc, params[i].name, (u32 *)((u8 *)rpc + params[i].off));
		if (ret)
			return ret;
	}
	ret = rpc_codec_size(rpc, NVGSP_ABI_CODEC_MSGQ_TX_HEADER, &rpc->tx_hdr_size);
	if (!ret)
		ret = rpc_codec_size(rpc, NVGSP_ABI_CODEC_MSGQ_RX_HEADER, &rpc->rx_hdr_size);
	if (!ret)
		ret = rpc_codec_size(rpc, NVGSP_ABI_CODEC_MSGQ_ELEMENT, &rpc->eh);
	if (!ret)
		ret = rpc_codec_size(rpc, NVGSP_ABI_CODEC_RPC_HEADER, &rpc->rh);
	if (ret)
		return ret;
	if (nvgsp_abi_rpc_number(rpc->cfg.abi, NVGSP_ABI_RPC_CONTINUATION_RECORD,
				 &rpc->cont_number))
		return rpc_bad_table(rpc, "no number for rpc CONTINUATION_RECORD");

	if (rpc->entry_size & (rpc->entry_size - 1) || rpc->entry_size < rpc->eh + rpc->rh ||
	    rpc->entry_size % 8)
		return rpc_bad_table(rpc, "msgq.entry_size 0x%x: not a power of two of at least %u",
				     rpc->entry_size, rpc->eh + rpc->rh);
	if (!rpc->element_max || rpc->element_max % rpc->entry_size)
		return rpc_bad_table(rpc, "msgq.element_max 0x%x: not a multiple of msgq.entry_size",
				     rpc->element_max);
	if (rpc->rx_hdr_off < rpc->tx_hdr_size || rpc->rx_hdr_off % 4 ||
	    rpc->rx_hdr_off + rpc->rx_hdr_size > rpc->entry_off || rpc->entry_off % 8)
		return rpc_bad_table(rpc, "msgq.rx_hdr_off 0x%x / msgq.entry_off 0x%x: the headers (%u + %u bytes) do not fit before the entries",
				     rpc->rx_hdr_off, rpc->entry_off, rpc->tx_hdr_size,
				     rpc->rx_hdr_size);
	ret = rpc_queue_count(rpc, "msgq.cmdq_size", rpc->cmdq_size, &rpc->cmdq_count);
	if (!ret)
		ret = rpc_queue_count(rpc, "msgq.statq_size", rpc->msgq_size, &rpc->msgq_count);
	return ret;
}

/* PTE array and the command queue's headers (GSP-RM writes the msgq's). */
static int rpc_shared_init(struct nvgsp_rpc *rpc)
{
	struct nvgsp_abi_msgq_rx_header rx = { .read_ptr = 0 };
	u8 *ptes = rpc->mem.cpu;
	u32 i;
	int ret;

	for (i = 0; i < rpc->pte_count; i++) {
		u64 a = rpc->mem.addr + ((u64)i << NVGSP_OS_PAGE_SHIFT);
		unsigned int b;

		for (b = 0; b < 8; b++)
			ptes[i * 8 + b] = (u8)(a >> (8 * b));
	}
	rpc->cmdq = ptes + rpc->pte_bytes;
	rpc->msgq = rpc->cmdq + rpc->cmdq_size;

	rpc->cmdq_tx = (struct nvgsp_abi_msgq_tx_header){
		.version = rpc->version,
		.size = rpc->cmdq_size,
		.msg_size = rpc->entry_size,
		.msg_count = rpc->cmdq_count,
		.write_ptr = 0,
		.flags = 1,	/* "swap rx": as nouveau and nova-core */
		.rx_hdr_off = rpc->rx_hdr_off,
		.entry_off = rpc->entry_off,
	};
	ret = nvgsp_abi_encode(rpc->cfg.abi, NVGSP_ABI_CODEC_MSGQ_TX_HEADER, &rpc->cmdq_tx,
			       rpc->cmdq, rpc->tx_hdr_size);
	if (ret >= 0)
		ret = nvgsp_abi_encode(rpc->cfg.abi, NVGSP_ABI_CODEC_MSGQ_RX_HEADER, &rx,
				       rpc->cmdq + rpc->rx_hdr_off, rpc->rx_hdr_size);
	if (ret < 0) {
		nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0,
			     "command queue header: encoding failed (%d)", ret);
		return ret;
	}
	return 0;
}

int nvgsp_rpc_create(const struct nvgsp_rpc_config *cfg, struct nvgsp_rpc **out)
{
	struct nvgsp_rpc *rpc;
	const char *name;
	u32 pages;
	int ret;

	name = cfg->name ? cfg->name : (cfg->dev ? nvgsp_os_device_name(cfg->dev) : NULL);
	if (!cfg->abi || !cfg->bar0) {
		nvgsp_os_log(name, NVGSP_LOG_ERR, 0, "rpc: no %s", cfg->abi ? "BAR0" : "ABI table");
		return -EINVAL;
	}
	rpc = nvgsp_os_zalloc(sizeof(*rpc));
	if (!rpc)
		return -ENOMEM;
	rpc->cfg = *cfg;
	rpc->name = name;
	rpc->timeout_ms = cfg->timeout_ms ? cfg->timeout_ms : NVGSP_RPC_TIMEOUT_MS;
	ret = rpc_geometry(rpc);
	if (ret)
		goto err_free_rpc;

	/* r535_gsp_shared_init(): one PTE per page, the PTE array's pages included. */
	pages = (rpc->cmdq_size + rpc->msgq_size) >> NVGSP_OS_PAGE_SHIFT;
	rpc->pte_count = pages + rpc_div_up(pages * 8, NVGSP_OS_PAGE_SIZE);
	rpc->pte_bytes = rpc_div_up(rpc->pte_count * 8, NVGSP_OS_PAGE_SIZE) * NVGSP_OS_PAGE_SIZE;

	ret = nvgsp_os_mutex_create("nvgsp_rpc", &rpc->lock);
	if (ret)
		goto err_free_rpc;
	ret = nvgsp_os_dma_alloc(cfg->dev, (size_t)rpc->pte_bytes + rpc->cmdq_size +
				 rpc->msgq_size, &rpc->mem);
	if (ret)
		goto err_destroy_lock;
	ret = -ENOMEM;
	rpc->hdr_words = (rpc->eh + rpc->rh + 7) & ~7u;
	rpc->rx_buf = nvgsp_os_zalloc((size_t)rpc->hdr_words + rpc->element_max);
	if (!rpc->rx_buf)
		goto err_free_mem;
	rpc->msg_cap = rpc->element_max;
	rpc->msg = nvgsp_os_zalloc(rpc->msg_cap);
	if (!rpc->msg)
		goto err_free_rx;
	ret = rpc_shared_init(rpc);
	if (ret)
		goto err_free_msg;
	nvgsp_os_log(rpc->name, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC,
		     "rpc: %u PTEs, cmdq 0x%x (%u entries), msgq 0x%x (%u entries)",
		     rpc->pte_count, rpc->cmdq_size, rpc->cmdq_count, rpc->msgq_size,
		     rpc->msgq_count);
	*out = rpc;
	return 0;

err_free_msg:
	nvgsp_os_free(rpc->msg);
err_free_rx:
	nvgsp_os_free(rpc->rx_buf);
err_free_mem:
	nvgsp_os_dma_free(cfg->dev, &rpc->mem);
err_destroy_lock:
	nvgsp_os_mutex_destroy(rpc->lock);
err_free_rpc:
	nvgsp_os_free(rpc);
	return ret;
}

void nvgsp_rpc_destroy(struct nvgsp_rpc *rpc)
{
	if (!rpc)
		return;
	nvgsp_os_free(rpc->msg);
	nvgsp_os_free(rpc->rx_buf);
	nvgsp_os_dma_free(rpc->cfg.dev, &rpc->mem);
	nvgsp_os_mutex_destroy(rpc->lock);
	nvgsp_os_free(rpc);
}

void nvgsp_rpc_shm(const struct nvgsp_rpc *rpc, struct nvgsp_rpc_shm *shm)
{
	shm->addr = rpc->mem.addr;
	shm->pte_count = rpc->pte_count;
	shm->cmdq_offset = rpc->pte_bytes;
	shm->statq_offset = (u64)rpc->pte_bytes + rpc->cmdq_size;
}

/* ---- ring access ---------------------------------------------------------- */

static u8 *rpc_slot(const struct nvgsp_rpc *rpc, u8 *queue, u32 index)
{
	return queue + rpc->entry_off + (size_t)index * rpc->entry_size;
}

/* GSP-RM's read pointer of the command queue (in the msgq's rx header). */
static int rpc_cmdq_rptr(struct nvgsp_rpc *rpc, u32 *rptr)
{
	struct nvgsp_abi_msgq_rx_header rx;

	nvgsp_abi_decode(rpc->cfg.abi, NVGSP_ABI_CODEC_MSGQ_RX_HEADER, &rx,
			 rpc->msgq + rpc->rx_hdr_off, rpc->rx_hdr_size);
	if (rx.read_ptr >= rpc->cmdq_count)
		return rpc_proto(rpc, "GSP's command queue readPtr %u beyond its %u entries",
				 rx.read_ptr, rpc->cmdq_count);
	*rptr = rx.read_ptr;
	return 0;
}

static int rpc_check_msgq_header(struct nvgsp_rpc *rpc, const struct nvgsp_abi_msgq_tx_header *h)
{
	const struct {
		const char *field;
		u32 is, want;
	} f[] = {
		{ "version", h->version, rpc->version },
		{ "size", h->size, rpc->msgq_size },
		{ "msgSize", h->msg_size, rpc->entry_size },
		{ "msgCount", h->msg_count, rpc->msgq_count },
		{ "rxHdrOff", h->rx_hdr_off, rpc->rx_hdr_off },
		{ "entryOff", h->entry_off, rpc->entry_off },
	};
	unsigned int i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (f[i].is != f[i].want)
			return rpc_proto(rpc, "GSP's header: %s is 0x%x, expected 0x%x",
					 f[i].field, f[i].is, f[i].want);
	return 0;
}

/*
 * GSP-RM's write pointer of the message queue; our read pointer when GSP-RM
 * has not initialised the queue yet (nothing to read).
 */
static int rpc_msgq_wptr(struct nvgsp_rpc *rpc, u32 *wptr)
{
	struct nvgsp_abi_msgq_tx_header tx;
	int ret;

	nvgsp_abi_decode(rpc->cfg.abi, NVGSP_ABI_CODEC_MSGQ_TX_HEADER, &tx, rpc->msgq,
			 rpc->tx_hdr_size);
	if (!rpc->msgq_checked) {
		if (!tx.size && !tx.msg_size && !tx.msg_count && !tx.entry_off) {
			*wptr = rpc->msgq_rptr;
			return 0;
		}
		ret = rpc_check_msgq_header(rpc, &tx);
		if (ret)
			return ret;
		rpc->msgq_checked = true;
	}
	if (tx.write_ptr >= rpc->msgq_count)
		return rpc_proto(rpc, "GSP's writePtr %u beyond its %u entries",
				 tx.write_ptr, rpc->msgq_count);
	*wptr = tx.write_ptr;
	return 0;
}

/* ---- sending -------------------------------------------------------------- */

static int rpc_wait_room(struct nvgsp_rpc *rpc, u32 elems, u32 fn_id, u32 timeout_ms)
{
	u64 start = nvgsp_os_time_ns(), waited;
	u32 delay = NVGSP_RPC_POLL_MIN_US, rptr = 0, wptr = rpc->cmdq_tx.write_ptr, free;
	int ret;

	for (;;) {
		ret = rpc_cmdq_rptr(rpc, &rptr);
		if (ret)
			return ret;
		free = (rptr + rpc->cmdq_count - wptr - 1) % rpc->cmdq_count;
		if (free >= elems)
			return 0;
		if (!rpc_alive(rpc, "while waiting for room in the command queue"))
			return -ENODEV;
		waited = nvgsp_os_time_ns() - start;
		if (waited >= (u64)timeout_ms * 1000000) {
			nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0,
				     "%s: command queue full for %llu ms: %u entries needed, %u free (GSP readPtr %u, writePtr %u)",
				     rpc_fn_name(fn_id), (unsigned long long)(waited / 1000000),
				     elems, free, rptr, wptr);
			rpc_dump_history_locked(rpc);
			return -ENOSPC;
		}
		nvgsp_os_usleep(delay);
		delay = delay * 2 > NVGSP_RPC_POLL_MAX_US ? NVGSP_RPC_POLL_MAX_US : delay * 2;
	}
}

/*
 * Queue one element: element header, RPC header, @len bytes of @data, built
 * in place in the ring (in two parts where it wraps), summed while copied.
 * The checksum covers the whole element, its padding to the entry size
 * zeroed, with the checkSum field zero (r535_gsp_cmdq_push() likewise sums
 * a zero-padded element; gpusim checks all its pages).
 */
static int rpc_push(struct nvgsp_rpc *rpc, u32 number, u32 fn_id, const u8 *data, u32 len,
		    u32 timeout_ms, u32 *sequence)
{
	const struct nvgsp_abi *abi = rpc->cfg.abi;
	u32 count = rpc->cmdq_count, hw = rpc->hdr_words, hb = rpc->eh + rpc->rh;
	struct nvgsp_abi_msgq_element el = { .checksum = 0 };
	struct nvgsp_abi_rpc_header rh;
	u32 elems, bytes, wptr, head, off, room, chunk, tail;
	u8 *e, *p, last[8];
	u64 x;
	int ret;

	elems = rpc_div_up(hb + len, rpc->entry_size);
	bytes = elems * rpc->entry_size;
	ret = rpc_wait_room(rpc, elems, fn_id, timeout_ms);
	if (ret)
		return ret;

	rh = (struct nvgsp_abi_rpc_header){
		.header_version = rpc->hdr_version,
		.signature = rpc->signature,
		.length = rpc->rh + len,
		.function = number,
		.rpc_result = rpc->result_pending,
		.rpc_result_private = rpc->result_pending,
		.sequence = rpc->rpc_seq,
	};
	el.seq_num = rpc->tx_seq;
	el.elem_count = elems;

	/*
	 * The headers' words, with the payload's first bytes where the headers
	 * end inside a word; entry_size >= hdr_words, so they do not wrap.
	 */
	wptr = rpc->cmdq_tx.write_ptr;
	e = rpc_slot(rpc, rpc->cmdq, wptr);
	nvgsp_os_memset(e, 0, hw);
	ret = nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT, &el, e, rpc->eh);
	if (ret >= 0)
		ret = nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_RPC_HEADER, &rh, e + rpc->eh, rpc->rh);
	if (ret < 0)
		return ret;
	head = len < hw - hb ? len : hw - hb;
	if (head)
		nvgsp_os_memcpy(e + hb, data, head);
	x = rpc_xor_copy(NULL, e, hw / 8);

	/* The rest of the payload, word-aligned in the element. */
	off = hw;
	data += head;
	len -= head;
	while (len) {
		p = rpc_elem_at(rpc, rpc->cmdq, count, wptr, off, &room);
		chunk = len < room ? len : room;
		x ^= rpc_xor_copy(p, data, chunk / 8);
		tail = chunk % 8;
		if (tail) {
			/* Only in the last part: room is a multiple of 8. */
			nvgsp_os_memset(last, 0, sizeof(last));
			nvgsp_os_memcpy(last, data + chunk - tail, tail);
			x ^= rpc_xor_copy(p + chunk - tail, last, 1);
			off += chunk - tail + 8;
			break;
		}
		off += chunk;
		data += chunk;
		len -= chunk;
	}
	/* The padding after the last word; zeros leave the XOR as it is. */
	for (; off < bytes; off += room) {
		p = rpc_elem_at(rpc, rpc->cmdq, count, wptr, off, &room);
		room = bytes - off < room ? bytes - off : room;
		nvgsp_os_memset(p, 0, room);
	}
	el.checksum = rpc_csum_fold(x);
	nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT, &el, e, rpc->eh);

	nvgsp_os_wmb();
	rpc->cmdq_tx.write_ptr = (wptr + elems) % count;
	nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_MSGQ_TX_HEADER, &rpc->cmdq_tx, rpc->cmdq,
			 rpc->tx_hdr_size);
	nvgsp_os_mb();
	nvgsp_os_wr32(rpc->cfg.bar0, rpc->cfg.doorbell, 0);

	*sequence = rpc->rpc_seq++;
	rpc->tx_seq++;
	return 0;
}

static int rpc_send_locked(struct nvgsp_rpc *rpc, u32 fn_id, const void *payload, size_t len,
			   u32 timeout_ms, u32 *number, u32 *sequence)
{
	const u8 *p = payload;
	u32 max = rpc->element_max - rpc->eh - rpc->rh, chunk, seq;
	size_t done;
	int ret;

	if (!rpc_alive(rpc, "before sending a command"))
		return -ENODEV;
	ret = nvgsp_abi_rpc_number(rpc->cfg.abi, fn_id, number);
	if (ret) {
		nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0, "rpc %s (id %u): %s in release %s",
			     rpc_fn_name(fn_id), fn_id,
			     ret == -ENOENT ? "no number" : "not an RPC function",
			     rpc->cfg.abi->release);
		return ret == -ENOENT ? -EOPNOTSUPP : -EINVAL;
	}
	if (len && !payload) {
		nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0, "rpc %s: %zu bytes of payload at NULL",
			     rpc_fn_name(fn_id), len);
		return -EINVAL;
	}

	chunk = len < max ? (u32)len : max;
	ret = rpc_push(rpc, *number, fn_id, p, chunk, timeout_ms, sequence);
	if (ret)
		return ret;
	rpc_hist_add(rpc, false, *number, len, *sequence, rpc->result_pending);
	nvgsp_os_log(rpc->name, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC, "rpc tx %s len %zu seq %u",
		     rpc_fn_name(fn_id), len, *sequence);
	/* The rest in CONTINUATION_RECORD elements, each with its own RPC header. */
	for (done = chunk; done < len; done += chunk) {
		chunk = len - done < max ? (u32)(len - done) : max;
		ret = rpc_push(rpc, rpc->cont_number, fn_id, p + done, chunk, timeout_ms, &seq);
		if (ret)
			return ret;
	}
	return 0;
}

int nvgsp_rpc_send(struct nvgsp_rpc *rpc, u32 function, const void *payload, size_t len)
{
	u32 number, seq;
	int ret;

	nvgsp_os_mutex_lock(rpc->lock);
	ret = rpc_send_locked(rpc, function, payload, len, rpc->timeout_ms, &number, &seq);
	nvgsp_os_mutex_unlock(rpc->lock);
	return ret;
}

int nvgsp_rpc_send_locked(struct nvgsp_rpc *rpc, u32 function, const void *payload,
			  size_t len)
{
	u32 number, seq;

	nvgsp_os_mutex_assert_held(rpc->lock);
	if (!rpc->in_handler) {
		nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0,
			     "nvgsp_rpc_send_locked() outside an event handler");
		return -EINVAL;
	}
	return rpc_send_locked(rpc, function, payload, len, rpc->timeout_ms, &number, &seq);
}

/* ---- receiving ------------------------------------------------------------ */

/**
 * struct rpc_elem - the element at the head of the message queue: its
 * headers copied out of the ring (into @rpc->rx_buf) and checked, its
 * payload not yet read.
 * @el: the element header.
 * @hdr: the RPC header.
 * @rptr: its first entry.
 * @span: bytes of element header, RPC header and payload.
 * @plen: payload bytes.
 * @full: it is as long as an element can be: a continuation may follow.
 */
struct rpc_elem {
	struct nvgsp_abi_msgq_element el;
	struct nvgsp_abi_rpc_header hdr;
	u32 rptr;
	u32 span;
	u32 plen;
	bool full;
};

/*
 * Read and check the headers of the element at the head of the message
 * queue. They are read once, into @rpc->rx_buf, and only the copy is used
 * (GSP-RM cannot change what was checked).
 * Return: 1 with @e set; 0 when the queue is empty; -EPROTO (nothing
 * consumed) for a malformed element.
 */
static int rpc_recv_head(struct nvgsp_rpc *rpc, struct rpc_elem *e)
{
	const struct nvgsp_abi *abi = rpc->cfg.abi;
	u32 wptr, rptr = rpc->msgq_rptr, used, n, span;
	u32 max_elems = rpc->element_max / rpc->entry_size;
	struct nvgsp_abi_rpc_header *hdr = &e->hdr;
	int ret;

	ret = rpc_msgq_wptr(rpc, &wptr);
	if (ret)
		return ret;
	if (wptr == rptr)
		return 0;
	nvgsp_os_rmb();
	used = (wptr + rpc->msgq_count - rptr) % rpc->msgq_count;

	/* entry_size >= hdr_words: the headers never wrap. */
	nvgsp_os_memcpy(rpc->rx_buf, rpc_slot(rpc, rpc->msgq, rptr), rpc->hdr_words);
	nvgsp_abi_decode(abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT, &e->el, rpc->rx_buf, rpc->eh);
	n = e->el.elem_count;
	if (!n || n > max_elems)
		return rpc_proto(rpc, "element at %u: elemCount %u outside 1..%u",
				 rptr, n, max_elems);
	if (n > used)
		return rpc_proto(rpc, "element at %u: elemCount %u but only %u entries published (readPtr %u, writePtr %u)",
				 rptr, n, used, rptr, wptr);
	nvgsp_abi_decode(abi, NVGSP_ABI_CODEC_RPC_HEADER, hdr, rpc->rx_buf + rpc->eh, rpc->rh);
	if (hdr->length < rpc->rh || hdr->length > n * rpc->entry_size - rpc->eh)
		return rpc_proto(rpc, "element at %u: rpc length %u outside %u..%u for elemCount %u",
				 rptr, hdr->length, rpc->rh, n * rpc->entry_size - rpc->eh, n);
	span = rpc->eh + hdr->length;
	if (rpc_div_up(span, rpc->entry_size) != n)
		return rpc_proto(rpc, "element at %u: elemCount %u but rpc length %u needs %u",
				 rptr, n, hdr->length, rpc_div_up(span, rpc->entry_size));
	e->rptr = rptr;
	e->span = span;
	e->plen = hdr->length - rpc->rh;
	e->full = span == rpc->element_max;
	return 1;
}

/*
 * Copy the payload of @e to @dst (NULL: nowhere), summing each word as it
 * is read from the ring, once; then check checksum, seqNum and signature,
 * and hand the entries back to GSP-RM. On an error nothing is consumed and
 * @dst may hold part of the refused payload: @dst is a place nobody reads
 * before the message it belongs to is complete and delivered.
 * Return: 0; -EPROTO.
 */
static int rpc_recv_body(struct nvgsp_rpc *rpc, const struct rpc_elem *e, u8 *dst)
{
	const struct nvgsp_abi *abi = rpc->cfg.abi;
	u32 hw = rpc->hdr_words, hb = rpc->eh + rpc->rh, end = (e->span + 7) & ~7u;
	u32 head, len, off, room, chunk, words, csum;
	struct nvgsp_abi_msgq_rx_header rx;
	const u8 *p;
	u8 last[8];
	u64 x, w;

	/*
	 * The sender's XOR covers header + length, zero padded to 8 bytes
	 * (GspMsgQueueReceiveStatus()). The headers' words come from the copy,
	 * with the payload's first bytes where the headers end inside a word.
	 */
	x = rpc_xor_copy(NULL, rpc->rx_buf, hw / 8);
	head = e->plen < hw - hb ? e->plen : hw - hb;
	if (dst && head)
		nvgsp_os_memcpy(dst, rpc->rx_buf + hb, head);
	if (dst)
		dst += head;
	len = e->plen - head;
	for (off = hw; off < end; off += chunk) {
		p = rpc_elem_at(rpc, rpc->msgq, rpc->msgq_count, e->rptr, off, &room);
		chunk = end - off < room ? end - off : room;
		words = (chunk < len ? chunk : len) / 8;
		x ^= rpc_xor_copy(dst, p, words);
		if (dst)
			dst += (size_t)words * 8;
		len -= words * 8;
		if (words * 8 < chunk) {
			/* The last word: the payload's end and zero padding. */
			w = rpc_ld64(p + (size_t)words * 8);
			x ^= w;
			if (dst) {
				rpc_st64(last, w);
				nvgsp_os_memcpy(dst, last, len);
			}
			len = 0;
		}
	}
	csum = rpc_csum_fold(x);
	if (csum)
		return rpc_proto(rpc, "element at %u (seqNum %u, %s): bad checksum: checkSum 0x%08x, XOR 0x%08x",
				 e->rptr, e->el.seq_num, rpc_number_name(rpc, e->hdr.function),
				 e->el.checksum, csum);
	if (e->el.seq_num != rpc->rx_seq)
		return rpc_proto(rpc, "element at %u (%s): seqNum %u, expected %u",
				 e->rptr, rpc_number_name(rpc, e->hdr.function), e->el.seq_num,
				 rpc->rx_seq);
	if (e->hdr.signature != rpc->signature || e->hdr.header_version != rpc->hdr_version)
		return rpc_proto(rpc, "element seqNum %u: rpc signature 0x%08x version 0x%08x, expected 0x%08x 0x%08x",
				 e->el.seq_num, e->hdr.signature, e->hdr.header_version,
				 rpc->signature, rpc->hdr_version);

	/* Hand the entries back to GSP-RM (our read pointer, in the cmdq's rx header). */
	rpc->msgq_rptr = (e->rptr + e->el.elem_count) % rpc->msgq_count;
	rx.read_ptr = rpc->msgq_rptr;
	nvgsp_os_mb();
	nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_MSGQ_RX_HEADER, &rx, rpc->cmdq + rpc->rx_hdr_off,
			 rpc->rx_hdr_size);
	rpc->rx_seq++;
	return 0;
}

static void rpc_os_error_log(struct nvgsp_rpc *rpc, const u8 *p, size_t len)
{
	struct nvgsp_abi_os_error_log log;
	size_t n;

	if (nvgsp_abi_decode(rpc->cfg.abi, NVGSP_ABI_CODEC_OS_ERROR_LOG, &log, p, len) < 0) {
		nvgsp_os_log(rpc->name, NVGSP_LOG_WARN, 0,
			     "OS_ERROR_LOG event of %zu bytes, shorter than its %u-byte struct",
			     len, nvgsp_abi_codec_size(rpc->cfg.abi, NVGSP_ABI_CODEC_OS_ERROR_LOG));
		return;
	}
	for (n = 0; n < sizeof(log.err_string) && log.err_string[n]; n++)
		if (log.err_string[n] < 0x20 || log.err_string[n] > 0x7e)
			log.err_string[n] = '?';
	nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0,
		     "GSP-RM error (exceptType 0x%x, runlist %u, chid %u): %.*s",
		     log.except_type, log.runlist_id, log.chid, (int)n,
		     (const char *)log.err_string);
}

static void rpc_libos_print(struct nvgsp_rpc *rpc, const u8 *p, size_t len)
{
	char text[160];
	size_t i, n = 0;

	/* No layout in the ABI tables: show the printable bytes. */
	for (i = 0; i < len && n < sizeof(text) - 1; i++)
		if (p[i] >= 0x20 && p[i] <= 0x7e)
			text[n++] = (char)p[i];
	text[n] = '\0';
	nvgsp_os_log(rpc->name, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC, "GSP-RM libos print (%zu bytes): %s",
		     len, text);
}

static int rpc_event(struct nvgsp_rpc *rpc, u32 id, const struct nvgsp_abi_rpc_header *h)
{
	struct nvgsp_rpc_wait *w = rpc->wait;
	int ret = 0;

	rpc_hist_add(rpc, true, h->function, rpc->msg_len, h->sequence, h->rpc_result);
	nvgsp_os_log(rpc->name, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC, "rpc rx event %s len %zu",
		     rpc_event_name(id), rpc->msg_len);
	if (rpc->handlers[id].fn) {
		rpc->in_handler = true;
		ret = rpc->handlers[id].fn(rpc->handlers[id].ctx, id, rpc->msg, rpc->msg_len);
		rpc->in_handler = false;
		if (ret < 0)
			nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0, "event %s: handler failed (%d)",
				     rpc_event_name(id), ret);
	} else if (id == NVGSP_ABI_EVENT_OS_ERROR_LOG) {
		rpc_os_error_log(rpc, rpc->msg, rpc->msg_len);
	} else if (id == NVGSP_ABI_EVENT_UCODE_LIBOS_PRINT) {
		rpc_libos_print(rpc, rpc->msg, rpc->msg_len);
	} else {
		nvgsp_os_log(rpc->name, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC,
			     "event %s (%zu bytes): no handler, dropped", rpc_event_name(id),
			     rpc->msg_len);
	}
	if (w && !w->call && w->number == id) {
		w->done = true;
		w->result = ret < 0 ? ret : 0;
	}
	return ret < 0 ? ret : 0;
}

/*
 * The caller waiting for the message with RPC header @h as its reply, or
 * NULL: a reply of the same function and sequence that has not had one.
 */
static struct nvgsp_rpc_wait *rpc_awaits(struct nvgsp_rpc *rpc,
					 const struct nvgsp_abi_rpc_header *h)
{
	struct nvgsp_rpc_wait *w = rpc->wait;
	u32 id;

	if (!w || !w->call || w->done || w->number != h->function || w->sequence != h->sequence)
		return NULL;
	/* A number the release also gives an event is delivered as the event. */
	if (!nvgsp_abi_event_id(rpc->cfg.abi, h->function, &id))
		return NULL;
	return w;
}

static void rpc_reply(struct nvgsp_rpc *rpc, u32 id, const struct nvgsp_abi_rpc_header *h)
{
	struct nvgsp_rpc_wait *w = rpc_awaits(rpc, h);
	u32 status;
	int err;

	rpc_hist_add(rpc, true, h->function, rpc->msg_len, h->sequence, h->rpc_result);
	if (!w) {
		/* Replies to nvgsp_rpc_send() commands end here. */
		nvgsp_os_log(rpc->name, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC,
			     "reply %s seq %u result 0x%x (%zu bytes): not awaited, dropped",
			     rpc_fn_name(id), h->sequence, h->rpc_result, rpc->msg_len);
		return;
	}
	w->done = true;
	w->got = rpc->msg_len;
	w->result = 0;
	if (w->reply && rpc->msg_len > w->reply_len) {
		/* Nothing written past @reply_len (see rpc_asm_start()). */
		nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0,
			     "%s: reply of %zu bytes, room for %zu", rpc_fn_name(id),
			     rpc->msg_len, w->reply_len);
		w->result = -EMSGSIZE;
	} else if (w->reply && rpc->msg_len && rpc->asm_dst == RPC_DST_MSG) {
		nvgsp_os_memcpy(w->reply, rpc->msg, rpc->msg_len);
	}
	if (!h->rpc_result)
		return;
	err = nvgsp_abi_rm_status_errno(rpc->cfg.abi, h->rpc_result);
	if (!nvgsp_abi_status_id(rpc->cfg.abi, h->rpc_result, &status) &&
	    (status == NVGSP_ABI_STATUS_NOT_READY || status == NVGSP_ABI_STATUS_TIMEOUT_RETRY)) {
		/* Busy: GSP-RM asks to retry; the caller decides (not resent here). */
		nvgsp_os_log(rpc->name, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC,
			     "%s: GSP-RM busy (rpc_result 0x%x: %s)", rpc_fn_name(id),
			     h->rpc_result, nvgsp_abi_status_str(status));
	} else {
		nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0, "%s failed: rpc_result 0x%x (%s)",
			     rpc_fn_name(id), h->rpc_result,
			     nvgsp_abi_status_id(rpc->cfg.abi, h->rpc_result, &status) ?
			     "unknown status" : nvgsp_abi_status_str(status));
	}
	if (err)
		w->result = err;
}

/* Dispatch the message reassembled in @rpc->msg. */
static int rpc_deliver(struct nvgsp_rpc *rpc)
{
	const struct nvgsp_abi_rpc_header *h = &rpc->asm_hdr;
	u32 id;

	rpc->delivered++;
	if (!nvgsp_abi_event_id(rpc->cfg.abi, h->function, &id))
		return rpc_event(rpc, id, h);
	if (!nvgsp_abi_rpc_id(rpc->cfg.abi, h->function, &id)) {
		rpc_reply(rpc, id, h);
		return 0;
	}
	rpc_hist_add(rpc, true, h->function, rpc->msg_len, h->sequence, h->rpc_result);
	nvgsp_os_log(rpc->name, NVGSP_LOG_WARN, 0,
		     "message with unknown function number 0x%x (%zu bytes, seq %u) dropped",
		     h->function, rpc->msg_len, h->sequence);
	return 0;
}

/* Room for @need bytes at @msg (@need <= NVGSP_RPC_MSG_MAX). Return: 0; -ENOMEM. */
static int rpc_msg_reserve(struct nvgsp_rpc *rpc, size_t need)
{
	size_t cap;
	u8 *msg;

	if (need <= rpc->msg_cap)
		return 0;
	cap = rpc->msg_cap * 2 > need ? rpc->msg_cap * 2 : need;
	cap = cap > NVGSP_RPC_MSG_MAX ? NVGSP_RPC_MSG_MAX : cap;
	msg = nvgsp_os_zalloc(cap);
	if (!msg)
		return -ENOMEM;
	nvgsp_os_memcpy(msg, rpc->msg, rpc->msg_len);
	nvgsp_os_free(rpc->msg);
	rpc->msg = msg;
	rpc->msg_cap = cap;
	return 0;
}

/*
 * Where the payload of a new message, @plen bytes in its first element,
 * goes: straight into the buffer of the caller awaiting it when it fits
 * there, else into @msg; nowhere for an awaited reply with no buffer or
 * too long for it (it is still checked and counted). A caller's buffer may
 * thus hold the first elements of a reply that later fails (-EMSGSIZE,
 * -EPROTO), never bytes past its @reply_len.
 * Return: the place; NULL for nowhere.
 */
static u8 *rpc_asm_start(struct nvgsp_rpc *rpc, const struct nvgsp_abi_rpc_header *h, u32 plen)
{
	struct nvgsp_rpc_wait *w = rpc_awaits(rpc, h);

	rpc->asm_reply = NULL;
	rpc->asm_room = 0;
	if (!w) {
		rpc->asm_dst = RPC_DST_MSG;
		return rpc->msg;	/* msg_cap >= element_max */
	}
	if (w->reply && plen <= w->reply_len) {
		rpc->asm_dst = RPC_DST_REPLY;
		rpc->asm_reply = w->reply;
		rpc->asm_room = w->reply_len;
		return w->reply;
	}
	rpc->asm_dst = RPC_DST_NONE;
	return NULL;
}

/*
 * Where a continuation record's @plen bytes go (NULL: nowhere), with @err
 * set to what to report once the record is verified: -EPROTO past
 * NVGSP_RPC_MSG_MAX, -ENOMEM when @msg cannot grow.
 */
static u8 *rpc_asm_next(struct nvgsp_rpc *rpc, u32 plen, int *err)
{
	size_t need = rpc->msg_len + plen;

	*err = 0;
	if (!rpc->asm_active || rpc->asm_drop)
		return NULL;
	if (need > NVGSP_RPC_MSG_MAX) {
		*err = -EPROTO;
		return NULL;
	}
	if (rpc->asm_dst == RPC_DST_MSG) {
		*err = rpc_msg_reserve(rpc, need);
		return *err ? NULL : rpc->msg + rpc->msg_len;
	}
	if (rpc->asm_dst == RPC_DST_REPLY && need <= rpc->asm_room)
		return rpc->asm_reply + rpc->msg_len;
	return NULL;
}

/* A verified continuation record of @plen bytes was placed per rpc_asm_next(). */
static int rpc_asm_append(struct nvgsp_rpc *rpc, u32 plen, int err)
{
	size_t need = rpc->msg_len + plen;

	if (err == -EPROTO)
		err = rpc_proto(rpc, "%s: message over %u bytes in continuation records",
				rpc_number_name(rpc, rpc->asm_hdr.function), NVGSP_RPC_MSG_MAX);
	else if (err)
		nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0,
			     "%s: no memory for a %zu-byte message, dropped",
			     rpc_number_name(rpc, rpc->asm_hdr.function), need);
	if (err) {
		rpc->asm_drop = true;
		return err;
	}
	/* Too long for the caller's buffer: counted on, -EMSGSIZE at the end. */
	if (rpc->asm_dst == RPC_DST_REPLY && need > rpc->asm_room)
		rpc->asm_dst = RPC_DST_NONE;
	rpc->msg_len = need;
	return 0;
}

/* The pending message got no continuation: it is complete. */
static int rpc_finish_pending(struct nvgsp_rpc *rpc)
{
	bool drop = rpc->asm_drop;

	rpc->asm_active = false;
	rpc->asm_drop = false;
	return drop ? 0 : rpc_deliver(rpc);
}

/*
 * Receive and process one element: its payload goes, checked on the way,
 * where its message is reassembled (see rpc_asm_start()).
 * Return: 1, 0 when empty, -errno.
 */
static int rpc_process(struct nvgsp_rpc *rpc)
{
	struct rpc_elem e;
	u8 *dst, *scratch = rpc->rx_buf + rpc->hdr_words;
	bool cont;
	int ret, err = 0;

	ret = rpc_recv_head(rpc, &e);
	if (ret <= 0)
		return ret;
	cont = e.hdr.function == rpc->cont_number;
	if (cont)
		dst = rpc_asm_next(rpc, e.plen, &err);
	else if (rpc->asm_active)
		dst = scratch;	/* the pending message is delivered first */
	else
		dst = rpc_asm_start(rpc, &e.hdr, e.plen);
	ret = rpc_recv_body(rpc, &e, dst);
	if (ret)
		return ret;
	rpc->asm_last_ns = nvgsp_os_time_ns();

	if (cont) {
		if (!rpc->asm_active)
			return rpc_proto(rpc, "continuation record seq %u (%u bytes) continues no message",
					 e.hdr.sequence, e.plen);
		if (!rpc->asm_drop)
			err = rpc_asm_append(rpc, e.plen, err);
		if (e.full)
			return err ? err : 1;
		ret = rpc_finish_pending(rpc);
		return err ? err : (ret ? ret : 1);
	}

	/* A new message: the one pending (a full last element) was complete. */
	if (rpc->asm_active) {
		err = rpc_finish_pending(rpc);
		dst = rpc_asm_start(rpc, &e.hdr, e.plen);
		if (dst && e.plen)
			nvgsp_os_memcpy(dst, scratch, e.plen);
	}
	rpc->asm_hdr = e.hdr;
	rpc->msg_len = e.plen;
	if (e.full) {
		rpc->asm_active = true;
		return err ? err : 1;
	}
	ret = rpc_deliver(rpc);
	return err ? err : (ret ? ret : 1);
}

/* Process every message published. Return: elements processed, or -errno. */
static int rpc_drain_locked(struct nvgsp_rpc *rpc)
{
	bool acked = false;
	int n = 0, ret;
	u32 wptr;

	for (;;) {
		ret = rpc_msgq_wptr(rpc, &wptr);
		if (ret)
			return ret;
		if (wptr == rpc->msgq_rptr)
			return n;
		if (!acked && rpc->cfg.irq_ack) {
			/* Clear first, then read: a message after this raises it again. */
			nvgsp_os_wr32(rpc->cfg.bar0, rpc->cfg.irq_ack, rpc->cfg.irq_ack_bits);
			acked = true;
		}
		ret = rpc_process(rpc);
		if (ret < 0)
			return ret;
		if (!ret)
			return n;
		n++;
	}
}

static int rpc_wait_locked(struct nvgsp_rpc *rpc, struct nvgsp_rpc_wait *w, u32 timeout_ms,
			   const char *what)
{
	u64 start = nvgsp_os_time_ns(), now;
	u32 delay = NVGSP_RPC_POLL_MIN_US;
	int ret;

	rpc->wait = w;
	for (;;) {
		ret = rpc_drain_locked(rpc);
		if (w->done) {
			ret = w->result;
			break;
		}
		if (ret < 0)
			break;
		now = nvgsp_os_time_ns();
		if (!ret && rpc->asm_active && now - rpc->asm_last_ns >= NVGSP_RPC_CONT_GRACE_NS) {
			ret = rpc_finish_pending(rpc);
			if (w->done) {
				ret = w->result;
				break;
			}
			if (ret < 0)
				break;
		}
		if (!ret && !rpc_alive(rpc, "while waiting for GSP-RM")) {
			ret = -ENODEV;
			break;
		}
		if (now - start >= (u64)timeout_ms * 1000000) {
			nvgsp_os_log(rpc->name, NVGSP_LOG_ERR, 0, "%s: no answer after %llu ms",
				     what, (unsigned long long)((now - start) / 1000000));
			rpc_dump_history_locked(rpc);
			ret = -ETIMEDOUT;
			break;
		}
		if (ret > 0) {
			delay = NVGSP_RPC_POLL_MIN_US;
			continue;
		}
		nvgsp_os_usleep(delay);
		delay = delay * 2 > NVGSP_RPC_POLL_MAX_US ? NVGSP_RPC_POLL_MAX_US : delay * 2;
	}
	rpc->wait = NULL;
	/* A reply still arriving has nowhere to go once its caller has gone. */
	if (rpc->asm_dst == RPC_DST_REPLY) {
		rpc->asm_dst = RPC_DST_NONE;
		rpc->asm_reply = NULL;
		rpc->asm_room = 0;
	}
	return ret;
}

int nvgsp_rpc_call(struct nvgsp_rpc *rpc, u32 function, const void *payload, size_t len,
		   void *reply, size_t reply_len, size_t *reply_got, u32 timeout_ms)
{
	struct nvgsp_rpc_wait w = { .call = true, .fn_id = function, .reply = reply,
				    .reply_len = reply_len };
	char what[96];
	int ret;

	if (reply_got)
		*reply_got = 0;
	timeout_ms = timeout_ms ? timeout_ms : rpc->timeout_ms;
	nvgsp_os_mutex_lock(rpc->lock);
	ret = rpc_send_locked(rpc, function, payload, len, timeout_ms, &w.number, &w.sequence);
	if (!ret) {
		nvgsp_os_snprintf(what, sizeof(what), "%s (seq %u)", rpc_fn_name(function),
				  w.sequence);
		ret = rpc_wait_locked(rpc, &w, timeout_ms, what);
	}
	nvgsp_os_mutex_unlock(rpc->lock);
	if (reply_got && w.done)
		*reply_got = w.got;
	return ret;
}

int nvgsp_rpc_on_event(struct nvgsp_rpc *rpc, u32 event, nvgsp_rpc_event_fn fn, void *ctx)
{
	if (event >= NVGSP_ABI_NR_EVENT)
		return -EINVAL;
	nvgsp_os_mutex_lock(rpc->lock);
	rpc->handlers[event].fn = fn;
	rpc->handlers[event].ctx = fn ? ctx : NULL;
	nvgsp_os_mutex_unlock(rpc->lock);
	return 0;
}

int nvgsp_rpc_wait_event(struct nvgsp_rpc *rpc, u32 event, u32 timeout_ms)
{
	struct nvgsp_rpc_wait w = { .call = false, .number = event };
	char what[96];
	int ret;

	if (event >= NVGSP_ABI_NR_EVENT)
		return -EINVAL;
	nvgsp_os_snprintf(what, sizeof(what), "event %s", rpc_event_name(event));
	nvgsp_os_mutex_lock(rpc->lock);
	ret = rpc_wait_locked(rpc, &w, timeout_ms ? timeout_ms : rpc->timeout_ms, what);
	nvgsp_os_mutex_unlock(rpc->lock);
	return ret;
}

int nvgsp_rpc_poll(struct nvgsp_rpc *rpc)
{
	u32 before;
	int ret;

	nvgsp_os_mutex_lock(rpc->lock);
	before = rpc->delivered;
	if (!rpc_alive(rpc, "while polling the message queue"))
		ret = -ENODEV;
	else
		ret = rpc_drain_locked(rpc);
	if (ret >= 0)
		ret = (int)(rpc->delivered - before);
	nvgsp_os_mutex_unlock(rpc->lock);
	return ret;
}

void nvgsp_rpc_dump_history(struct nvgsp_rpc *rpc)
{
	nvgsp_os_mutex_lock(rpc->lock);
	rpc_dump_history_locked(rpc);
	nvgsp_os_mutex_unlock(rpc->lock);
}
