/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_rpc_types.h - struct nvgsp_rpc, the state that the RPC layer
 * (nvgsp_rpc.c) and the transport implementation bound under it
 * (nvgsp_msgq.c, through struct nvgsp_transport_ops) share. Not for use
 * outside src/transport/: everyone else goes through nvgsp_rpc.h.
 *
 * The implementation calls nothing in the RPC layer: it reports through
 * the link's health (nvgsp_xport.h), which is below both.
 */
#ifndef NVGSP_RPC_TYPES_H
#define NVGSP_RPC_TYPES_H

#include "transport/nvgsp_rpc.h"
#include "transport/nvgsp_xport.h"

/* Bounds of the exponential back-off of every poll loop. */
#define NVGSP_RPC_POLL_MIN_US	2
#define NVGSP_RPC_POLL_MAX_US	1000
/*
 * Elements one drain processes at most before it returns, so that a GSP-RM
 * that publishes without end cannot keep a thread (the IRQ thread, a
 * caller) in the drain; nvgsp_os_cond_resched() runs every
 * NVGSP_RPC_DRAIN_YIELD elements within it.
 */
#define NVGSP_RPC_DRAIN_BUDGET	256
/* How often a quiet wait asks whether GSP-RM's RISC-V core halted. */
#define NVGSP_RPC_HALT_CHECK_NS	(50ull * 1000 * 1000)
#define NVGSP_RPC_DRAIN_YIELD	16

/*
 * Commands sent in continuation records whose replies are remembered
 * (struct nvgsp_rpc_split): one call waits at a time, but nvgsp_rpc_send()
 * commands may be outstanding besides.
 */
#define NVGSP_RPC_SPLIT_MAX	8

struct nvgsp_rpc_wait;

/**
 * struct nvgsp_rpc_split - a command sent in continuation records, whose
 * reply declares its length (see rpc_declared() in nvgsp_rpc.c).
 * @number: the release's function number.
 * @sequence: the RPC sequence of its first element.
 * @total: its payload bytes, all records together.
 * @used: the entry holds a command whose reply has not begun.
 */
struct nvgsp_rpc_split {
	u32 number;
	u32 sequence;
	u32 total;
	bool used;
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
 * @dev: the device (@cfg.dev), for messages.
 * @ops: the transport implementation, bound by the release's descriptor.
 * @xport: the link's health and message history.
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
 * @tx_wptr_off: offset of writePtr in msgqTxHeader (nvgsp_abi_codec_span()).
 * @rx_rptr_off: offset of readPtr in msgqRxHeader.
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
 *          out of the ring.
 * @msg: the message being reassembled (payload only).
 * @msg_cap: bytes at @msg.
 * @msg_len: payload bytes of the message so far, wherever they went.
 * @asm_hdr: RPC header of the message being reassembled.
 * @asm_want: the payload bytes its first element declares, continuation
 *            records included (rpc_declared() in nvgsp_rpc.c).
 * @asm_active: a message is in progress: fewer than @asm_want bytes came.
 * @asm_drop: the message is being dropped (no memory); its continuation
 *            records are consumed and ignored.
 * @asm_dst: where its payload goes: @msg, the awaited caller's reply
 *           buffer (@asm_reply), or nowhere (only counted in @msg_len).
 * @asm_reply: the awaited caller's reply buffer, for %RPC_DST_REPLY.
 * @asm_room: bytes at @asm_reply.
 * @in_handler: an event handler runs (with @lock held by the dispatcher):
 *              only nvgsp_rpc_send_locked() may be called.
 * @delivered: messages delivered so far.
 * @backlog: the last drain stopped at NVGSP_RPC_DRAIN_BUDGET elements with
 *           more published (nvgsp_rpc_backlog()); written under @lock,
 *           read without it.
 * @split: the commands sent in continuation records whose replies have
 *         not begun.
 * @split_next: the entry of @split the next one takes.
 * @handlers: event handlers by symbolic id.
 * @wait: the caller in the wait loop, or NULL.
 *
 * The queue geometry and ring state, @pte_count to @rpc_seq (less
 * @timeout_ms), are set and used by the msgq-v0 implementation; the RPC
 * layer reads its sizes (to split commands, to allocate @mem and @rx_buf,
 * for nvgsp_rpc_shm()) and numbers (@cont_number, @result_pending).
 */
struct nvgsp_rpc {
	struct nvgsp_rpc_config cfg;
	struct nvgsp_os_device *dev;
	const struct nvgsp_transport_ops *ops;
	struct nvgsp_xport xport;
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
	u32 tx_wptr_off;
	u32 rx_rptr_off;
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
	size_t asm_want;
	bool asm_active;
	bool asm_drop;
	enum rpc_dst asm_dst;
	u8 *asm_reply;
	size_t asm_room;
	bool in_handler;
	u32 delivered;
	bool backlog;
	struct nvgsp_rpc_split split[NVGSP_RPC_SPLIT_MAX];
	u32 split_next;
	struct {
		nvgsp_rpc_event_fn fn;
		void *ctx;
	} handlers[NVGSP_ABI_NR_EVENT];
	struct nvgsp_rpc_wait *wait;
};

static inline const char *rpc_fn_name(u32 id)
{
	return nvgsp_abi_id_name(NVGSP_ABI_GROUP_RPC, id);
}

#endif /* NVGSP_RPC_TYPES_H */
