/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_rpc_types.h - struct nvgsp_rpc, and the functions its two files
 * share: the RPC layer (nvgsp_rpc.c) and the msgq-v0 queue mechanics under
 * it (nvgsp_msgq.c). Not for use outside those two files: everyone else goes
 * through nvgsp_rpc.h.
 *
 * Every function declared here is called with the rpc's lock held, or, for
 * nvgsp_msgq_geometry() and nvgsp_msgq_shared_init(), by nvgsp_rpc_create()
 * before the rpc is handed out.
 */
#ifndef NVGSP_RPC_TYPES_H
#define NVGSP_RPC_TYPES_H

#include "transport/nvgsp_rpc.h"

#define NVGSP_RPC_HISTORY	32
/* Bounds of the exponential back-off of every poll loop. */
#define NVGSP_RPC_POLL_MIN_US	2
#define NVGSP_RPC_POLL_MAX_US	1000

struct nvgsp_rpc_wait;

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

static inline const char *rpc_fn_name(u32 id)
{
	return nvgsp_abi_id_name(NVGSP_ABI_GROUP_RPC, id);
}

/* ---- the RPC layer, for the queue mechanics (nvgsp_rpc.c) ----------------- */

/**
 * nvgsp_rpc_number_name() - the name of a release's function or event
 * number, for messages.
 * @rpc: the transport.
 * @number: the number, as found in an RPC header.
 *
 * Return: the symbolic name; "?" for a number the release does not map.
 */
const char *nvgsp_rpc_number_name(const struct nvgsp_rpc *rpc, u32 number);

/**
 * nvgsp_rpc_dump_history_locked() - log the history ring, oldest first.
 * @rpc: the transport; its lock held.
 */
void nvgsp_rpc_dump_history_locked(struct nvgsp_rpc *rpc);

/**
 * nvgsp_rpc_proto() - report a protocol error: log it (prefixed "message
 * queue: "), dump the history.
 * @rpc: the transport; its lock held.
 * @fmt: printf format of what was wrong, naming the field.
 *
 * Return: -EPROTO.
 */
int nvgsp_rpc_proto(struct nvgsp_rpc *rpc, const char *fmt, ...) __printf(2, 3);

/**
 * nvgsp_rpc_alive() - is the device still there? BOOT_0 identifies the chip
 * and never reads all ones on a live GPU; a device that fell off the bus
 * reads all ones. Once gone, always gone (@rpc->gone).
 * @rpc: the transport; its lock held.
 * @what: what the caller was doing, for the message logged when it is gone.
 *
 * Return: true while the device answers.
 */
bool nvgsp_rpc_alive(struct nvgsp_rpc *rpc, const char *what);

/* ---- the msgq-v0 queue mechanics (nvgsp_msgq.c) --------------------------- */

/**
 * nvgsp_msgq_geometry() - read and check the queue geometry and header
 * values of the bound release ("msgq.*" and "rpc.*" parameters, the codecs'
 * sizes, the CONTINUATION_RECORD number) into @rpc, and size the PTE array
 * (@rpc->pte_count, @rpc->pte_bytes).
 * @rpc: the transport being created (@rpc->cfg and @rpc->name set).
 *
 * Return: 0; -EINVAL, logged with the parameter, for a table the queues
 * cannot be built from.
 */
int nvgsp_msgq_geometry(struct nvgsp_rpc *rpc);

/**
 * nvgsp_msgq_shared_init() - fill the PTE array of @rpc->mem, place the two
 * queues after it and write the command queue's headers (GSP-RM writes the
 * message queue's).
 * @rpc: the transport being created, after nvgsp_msgq_geometry() and with
 *       @rpc->mem allocated.
 *
 * Return: 0; a negative errno from the codecs.
 */
int nvgsp_msgq_shared_init(struct nvgsp_rpc *rpc);

/**
 * nvgsp_msgq_wptr() - GSP-RM's write pointer of the message queue. The
 * first time GSP-RM's header is found written it is checked against the
 * geometry.
 * @rpc: the transport; its lock held.
 * @wptr: set to the write pointer; to our read pointer while GSP-RM has not
 *        initialised the queue yet (nothing to read).
 *
 * Return: 0; -EPROTO for a header or pointer that does not fit the geometry.
 */
int nvgsp_msgq_wptr(struct nvgsp_rpc *rpc, u32 *wptr);

/**
 * nvgsp_msgq_push() - queue one element (a command's first, or one of its
 * CONTINUATION_RECORD elements): element header, RPC header, @len bytes of
 * @data, built in place in the ring (in two parts where it wraps), summed
 * while copied, then ring the doorbell. The checksum covers the whole
 * element, its padding to the entry size zeroed, with the checkSum field
 * zero (r535_gsp_cmdq_push() likewise sums a zero-padded element; gpusim
 * checks all its pages).
 * @rpc: the transport; its lock held.
 * @number: the release's function number for the RPC header.
 * @fn_id: the symbolic function id of the command, for messages.
 * @data: the payload.
 * @len: payload bytes; at most msgq.element_max less the two headers.
 * @timeout_ms: how long to wait for room in the command queue.
 * @sequence: set to the RPC header's sequence.
 *
 * Return: 0; -ENOSPC (no room in time); -ENODEV (the device is gone);
 * -EPROTO; a negative errno from the codecs.
 */
int nvgsp_msgq_push(struct nvgsp_rpc *rpc, u32 number, u32 fn_id, const u8 *data, u32 len,
		    u32 timeout_ms, u32 *sequence);

/**
 * struct nvgsp_msgq_elem - the element at the head of the message queue: its
 * headers copied out of the ring (into @rpc->rx_buf) and checked, its
 * payload not yet read.
 * @el: the element header.
 * @hdr: the RPC header.
 * @rptr: its first entry.
 * @span: bytes of element header, RPC header and payload.
 * @plen: payload bytes.
 * @full: it is as long as an element can be: a continuation may follow.
 */
struct nvgsp_msgq_elem {
	struct nvgsp_abi_msgq_element el;
	struct nvgsp_abi_rpc_header hdr;
	u32 rptr;
	u32 span;
	u32 plen;
	bool full;
};

/**
 * nvgsp_msgq_recv_head() - read and check the headers of the element at the
 * head of the message queue. They are read once, into @rpc->rx_buf, and
 * only the copy is used (GSP-RM cannot change what was checked).
 * @rpc: the transport; its lock held.
 * @e: set to the element.
 *
 * Return: 1 with @e set; 0 when the queue is empty; -EPROTO (nothing
 * consumed) for a malformed element.
 */
int nvgsp_msgq_recv_head(struct nvgsp_rpc *rpc, struct nvgsp_msgq_elem *e);

/**
 * nvgsp_msgq_recv_body() - copy the payload of @e to @dst, summing each
 * word as it is read from the ring, once; then check checksum, seqNum and
 * signature, and hand the entries back to GSP-RM. On an error nothing is
 * consumed and @dst may hold part of the refused payload: @dst is a place
 * nobody reads before the message it belongs to is complete and delivered.
 * @rpc: the transport; its lock held.
 * @e: the element, from nvgsp_msgq_recv_head().
 * @dst: room for @e->plen bytes; NULL: nowhere (checked only).
 *
 * Return: 0; -EPROTO.
 */
int nvgsp_msgq_recv_body(struct nvgsp_rpc *rpc, const struct nvgsp_msgq_elem *e, u8 *dst);

#endif /* NVGSP_RPC_TYPES_H */
