/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gpusim_msgq.h - the GSP-RM side of the "msgq-v0" transport: the shared
 * memory the driver describes in GSP_ARGUMENTS_CACHED, read through its PTE
 * array; the command queue GSP-RM consumes and the message queue it fills.
 * Internal to gpusim (gpusim_rm.c is its user; unit tests reach it through
 * gpusim_rm_msgq() to publish floods of events).
 *
 * An independent implementation of the wire protocol: it uses the firmware
 * ABI tables (numbers, parameters, codecs, struct metadata) and never the
 * driver's transport (src/transport, src/rm), so a mistake there shows up here as
 * a disagreement instead of being shared.
 *
 * DOC: what this side checks and does
 *
 *  - The PTE array (page aligned, non-zero, listing the shared buffer's
 *    pages; its first entry is the buffer itself), the queue offsets, and
 *    the command queue's msgqTxHeader against the release's "msgq.*"
 *    parameters. It initialises the message queue's msgqTxHeader, as
 *    GSP-RM does (nouveau r535 gsp.c r535_gsp_shared_init() initialises only
 *    the command queue and reads the message queue's geometry afterwards).
 *  - Each command element: elemCount in 1..element_max/msgSize and inside
 *    what the write pointer published, the checksum (XOR of the element's
 *    u64 words, folded hi ^ lo, is zero with the stored checksum in place:
 *    nouveau r535 rpc.c r535_gsp_cmdq_push()), seqNum continuity from 0,
 *    the RPC header's version, signature and length (elemCount is exactly
 *    the pages the header and length need). GSP-RM's read pointer of the
 *    command queue lives in the message queue's msgqRxHeader.
 *  - Messages are split into elements of at most element_max bytes; the
 *    first carries the function, the rest CONTINUATION_RECORD with their
 *    own RPC header, each header's length covering its own element only
 *    (open-gpu-kernel-modules vgpu/rpc.c _issueRpcLarge(), which nouveau's
 *    r535_gsp_rpc_push() and r535_gsp_msgq_recv() mirror). Only a reply to
 *    a command that came in continuation records is that long (the model
 *    echoes the command's parameters, so it is the command's length, which
 *    is what _issueRpcLarge() reads back); events are one element
 *    (_kgspProcessRpcEvent()). Each element's seqNum runs per queue from 0;
 *    the write pointer is published element by element, then SWGEN0 is
 *    raised.
 *  - Commands follow the same rule the other way: gpusim_msgq_peek()
 *    refuses an element whose RPC length is over element_max less the
 *    element header, and gpusim_rm.c's rm_element() takes a command's whole
 *    length from its payload (paramsSize, the registry size), as GSP-RM
 *    does, refusing a continuation record with no command in progress or
 *    beyond the announced bytes and a new command before they arrived
 *    (Documentation/msgq.rst, "Messages longer than one element").
 */
#ifndef GPUSIM_MSGQ_H
#define GPUSIM_MSGQ_H

#include "gpusim_rm.h"

/**
 * struct gpusim_msgq_ring - one queue's geometry in the shared buffer.
 * @off: byte offset of its msgqTxHeader in the shared buffer.
 * @size: bytes of the queue.
 * @msg_size: bytes of one slot.
 * @msg_count: slots.
 * @entry_off: offset of slot 0 from @off.
 * @rx_hdr_off: offset of its msgqRxHeader from @off.
 */
struct gpusim_msgq_ring {
	u64 off;
	u32 size;
	u32 msg_size;
	u32 msg_count;
	u32 entry_off;
	u32 rx_hdr_off;
};

/**
 * struct gpusim_msgq_cmd - one command element as read (not yet consumed).
 * @function: the RPC header's function number (the release's number).
 * @sequence: the RPC header's sequence.
 * @payload: the bytes after the RPC header; valid until the next peek.
 * @len: bytes at @payload (the header's length less the RPC header).
 * @elem_count: slots the element spans.
 */
struct gpusim_msgq_cmd {
	u32 function;
	u32 sequence;
	const u8 *payload;
	u32 len;
	u32 elem_count;
};

struct gpusim_msgq_out;

/**
 * struct gpusim_msgq - the GSP side of both queues.
 * @sim: the model (DMA, failures, faults, interrupt).
 * @abi: the release.
 * @pte: the shared buffer's PTE array, as read at init.
 * @npte: entries in @pte.
 * @page: bytes per slot and per PTE page (msgq.entry_size).
 * @elem_hdr: bytes of the element header (codec MSGQ_ELEMENT).
 * @rpc_hdr: bytes of the RPC header (codec RPC_HEADER).
 * @elem_max: largest element (msgq.element_max).
 * @cmdq: the command queue (driver -> GSP).
 * @msgq: the message queue (GSP -> driver).
 * @cmd_rptr: GSP-RM's read pointer of @cmdq.
 * @cmd_seq: seqNum the next command element must carry.
 * @peeked: slots of the element the last peek returned; 0 when none.
 * @msg_wptr: GSP-RM's write pointer of @msgq.
 * @msg_seq: seqNum of the next message element.
 * @elem: the command element last peeked (@elem_max bytes).
 * @wbuf: the message element being written (@elem_max bytes).
 * @out: messages waiting for room in @msgq, oldest first.
 * @out_tail: where the next one is linked.
 * @irqs: SWGEN0 interrupts raised.
 */
struct gpusim_msgq {
	struct gpusim *sim;
	const struct nvgsp_abi *abi;
	u64 *pte;
	u32 npte;
	u32 page;
	u32 elem_hdr;
	u32 rpc_hdr;
	u32 elem_max;
	struct gpusim_msgq_ring cmdq;
	struct gpusim_msgq_ring msgq;
	u32 cmd_rptr;
	u32 cmd_seq;
	u32 peeked;
	u32 msg_wptr;
	u32 msg_seq;
	u8 *elem;
	u8 *wbuf;
	struct gpusim_msgq_out *out;
	struct gpusim_msgq_out **out_tail;
	u32 irqs;
};

/**
 * gpusim_msgq_init() - read and check the shared buffer the RMARGS name,
 * then initialise the message queue's header.
 * @q: zeroed state to fill.
 * @sim: the model.
 * @abi: the release.
 * @args: GSP_ARGUMENTS_CACHED as decoded.
 *
 * Return: 0; -EINVAL or -EFAULT after gpusim_hw_fail() naming the field;
 * -ENOMEM.
 */
int gpusim_msgq_init(struct gpusim_msgq *q, struct gpusim *sim, const struct nvgsp_abi *abi,
		     const struct nvgsp_abi_gsp_args *args);

/* Free what gpusim_msgq_init() allocated and every queued message. */
void gpusim_msgq_fini(struct gpusim_msgq *q);

/**
 * gpusim_msgq_peek() - read and check the next command element without
 * consuming it.
 * @q: the queues.
 * @cmd: filled when one is there.
 *
 * Return: 1 with @cmd filled; 0 when the queue is empty; a negative errno
 * after gpusim_hw_fail() naming what was wrong.
 */
int gpusim_msgq_peek(struct gpusim_msgq *q, struct gpusim_msgq_cmd *cmd);

/**
 * gpusim_msgq_consume() - advance GSP-RM's read pointer past the element the
 * last gpusim_msgq_peek() returned and publish it.
 * @q: the queues.
 *
 * Return: 0 or -EFAULT.
 */
int gpusim_msgq_consume(struct gpusim_msgq *q);

/**
 * gpusim_msgq_send() - queue a message (a reply or an event) and write what
 * fits (gpusim_msgq_flush()).
 * @q: the queues.
 * @function: the release's function or event number.
 * @result: rpc_result (the release's status number).
 * @sequence: the RPC header's sequence (a reply echoes its command's).
 * @payload: bytes after the RPC header; split into continuation records
 *           when over one element.
 * @len: bytes at @payload.
 *
 * Return: 0; -ENOMEM; -EFAULT when writing failed.
 */
int gpusim_msgq_send(struct gpusim_msgq *q, u32 function, u32 result, u32 sequence,
		     const void *payload, u32 len);

/**
 * gpusim_msgq_send_repeat() - gpusim_msgq_send() @count times over (a flood
 * of events, as GSP-RM sends when something keeps happening), kept as one
 * queued message however large @count.
 * @q: the queues.
 * @function: as gpusim_msgq_send().
 * @result: as gpusim_msgq_send().
 * @sequence: as gpusim_msgq_send().
 * @payload: as gpusim_msgq_send().
 * @len: as gpusim_msgq_send().
 * @count: how many times; 0 sends nothing.
 *
 * Return: as gpusim_msgq_send(); -EINVAL before GSP-RM started.
 */
int gpusim_msgq_send_repeat(struct gpusim_msgq *q, u32 function, u32 result, u32 sequence,
			    const void *payload, u32 len, u32 count);

/**
 * gpusim_msgq_flush() - write queued elements while the driver left room,
 * publish the write pointer after each and raise SWGEN0. Applies the
 * one-shot BAD_CHECKSUM, TORN_ELEMENT and SEQ_ORDER faults to the next
 * element written.
 * @q: the queues.
 *
 * Return: elements written, or -EFAULT.
 */
int gpusim_msgq_flush(struct gpusim_msgq *q);

/**
 * gpusim_msgq_drained() - whether the driver has read every message sent
 * so far (its read pointer of the message queue reached GSP-RM's write
 * pointer and nothing waits to be written).
 * @q: the queues.
 *
 * Return: true when drained.
 */
bool gpusim_msgq_drained(struct gpusim_msgq *q);

#endif /* GPUSIM_MSGQ_H */
