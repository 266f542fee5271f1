/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_xport.h - the transport's foundation, below both the RPC layer
 * (nvgsp_rpc.c) and the queue implementations under it (nvgsp_msgq.c):
 *
 *  - the link's health (struct nvgsp_xport): whether the device still
 *    answers, protocol errors, and the history of the last messages that is
 *    logged with them. A queue implementation reports here; it never calls
 *    up into the RPC layer;
 *  - the transport implementations (struct nvgsp_transport_ops), bound by
 *    the release table's transport descriptor (nvgsp_transport_find()).
 *
 * Not for use outside src/transport/: everyone else goes through
 * nvgsp_rpc.h.
 */
#ifndef NVGSP_XPORT_H
#define NVGSP_XPORT_H

#include "abi/nvgsp_abi.h"

#define NVGSP_XPORT_HISTORY	32
/* Bytes of the reason a dead link keeps (nvgsp_xport_die()), NUL included. */
#define NVGSP_XPORT_REASON_LEN	160

/**
 * enum nvgsp_xport_state - the health of GSP-RM as the transport sees it.
 * @NVGSP_XPORT_RUNNING: GSP-RM answers.
 * @NVGSP_XPORT_DEAD: an RPC timed out, a message broke the protocol, or
 *                    GSP-RM's falcon was found halted: nothing more is
 *                    sent or received, every call fails with -EIO.
 * @NVGSP_XPORT_GONE: the device reads all ones (it fell off the bus):
 *                    every call fails with -ENODEV.
 *
 * Once dead or gone, always: only a new boot makes a new link.
 */
enum nvgsp_xport_state {
	NVGSP_XPORT_RUNNING,
	NVGSP_XPORT_DEAD,
	NVGSP_XPORT_GONE,
};

/**
 * struct nvgsp_xport_hist - one history entry.
 * @time_ns: when it was sent or received.
 * @number: the release's function or event number.
 * @length: payload bytes (after the RPC header, all continuation records).
 * @sequence: the RPC header's sequence (of the first element).
 * @result: rpc_result (the pending value for commands).
 * @rx: true for a message from GSP-RM, false for a command.
 */
struct nvgsp_xport_hist {
	u64 time_ns;
	u32 number;
	u32 length;
	u32 sequence;
	u32 result;
	bool rx;
};

/**
 * struct nvgsp_xport - the health of one GPU's link to GSP-RM. Protected by
 * the lock of the rpc that embeds it, except that @state and @reason may be
 * read without it (nvgsp_xport_state()).
 * @dev: the device, for messages.
 * @abi: the bound release (numbers in the history are its numbers).
 * @bar0: BAR0, for the liveness check.
 * @state: enum nvgsp_xport_state. Written once, by nvgsp_xport_die(), with
 *         release semantics after @reason; read with acquire semantics.
 * @reason: why it died, NUL-terminated; fixed once @state is not RUNNING.
 * @hist: the history ring.
 * @hist_next: next slot of @hist.
 * @hist_count: valid entries of @hist.
 */
struct nvgsp_xport {
	struct nvgsp_os_device *dev;
	const struct nvgsp_abi *abi;
	struct nvgsp_os_bar *bar0;
	u32 state;
	char reason[NVGSP_XPORT_REASON_LEN];
	struct nvgsp_xport_hist hist[NVGSP_XPORT_HISTORY];
	u32 hist_next;
	u32 hist_count;
};

/**
 * nvgsp_xport_number_name() - the name of a release's function or event
 * number, for messages.
 * @x: the link.
 * @number: the number, as found in an RPC header.
 *
 * Return: the symbolic name; "?" for a number the release does not map.
 */
const char *nvgsp_xport_number_name(const struct nvgsp_xport *x, u32 number);

/**
 * nvgsp_xport_hist_add() - record a message sent or received.
 * @x: the link.
 * @rx: true for a message from GSP-RM.
 * @number: the release's function or event number.
 * @length: payload bytes (saturated to u32).
 * @sequence: the RPC header's sequence.
 * @result: rpc_result.
 */
void nvgsp_xport_hist_add(struct nvgsp_xport *x, bool rx, u32 number, size_t length,
			  u32 sequence, u32 result);

/**
 * nvgsp_xport_dump_history() - log the history ring, oldest first.
 * @x: the link.
 */
void nvgsp_xport_dump_history(const struct nvgsp_xport *x);

/**
 * nvgsp_xport_die() - mark the link dead or gone, once: keep the reason and
 * log one line with it and with the last command sent (function, sequence,
 * length, from the history ring): "GSP-RM dead: <reason>; last command:
 * <function> (<number>) seq <n> len <bytes>", or "GPU gone: ..." when gone. The history itself is logged at debug
 * level only (NVGSP_DBG_RPC), so a death costs one line of the kernel log.
 * A link already dead stays as it is and nothing is logged.
 * @x: the link. Called with the rpc's lock held.
 * @state: %NVGSP_XPORT_DEAD or %NVGSP_XPORT_GONE.
 * @fmt: printf format of why.
 */
void nvgsp_xport_die(struct nvgsp_xport *x, enum nvgsp_xport_state state,
		     const char *fmt, ...) __printf(3, 4);

/**
 * nvgsp_xport_end() - mark the link dead, once, as nvgsp_xport_die() does,
 * without logging: GSP-RM was unloaded on purpose and nothing may reach it
 * again. A link already dead or gone stays as it is.
 * @x: the link. Called with the rpc's lock held.
 * @why: the reason kept.
 */
void nvgsp_xport_end(struct nvgsp_xport *x, const char *why);

/**
 * nvgsp_xport_state() - the link's state, without its lock.
 * @x: the link.
 * @reason: where to copy the reason of a dead or gone link; may be NULL.
 * @len: bytes at @reason; the copy is truncated and always NUL-terminated
 *       (an empty string while running).
 *
 * Lock-free: @x->state is read with acquire semantics and @x->reason is
 * never written again once @x->state has left RUNNING, so this never
 * waits for a caller that holds the rpc's lock (a hung GSP-RM holds it
 * for up to a call's timeout).
 *
 * Return: enum nvgsp_xport_state.
 */
enum nvgsp_xport_state nvgsp_xport_state(const struct nvgsp_xport *x, char *reason,
					 size_t len);

/**
 * nvgsp_xport_errno() - what a call on the link returns at once.
 * @x: the link.
 *
 * Return: 0 while running, -EIO when dead, -ENODEV when gone.
 */
int nvgsp_xport_errno(const struct nvgsp_xport *x);

/**
 * nvgsp_xport_proto() - report a protocol error: the link dies
 * (nvgsp_xport_die(), the reason prefixed "message queue: ").
 * @x: the link.
 * @fmt: printf format of what was wrong, naming the field.
 *
 * Return: -EPROTO.
 */
int nvgsp_xport_proto(struct nvgsp_xport *x, const char *fmt, ...) __printf(2, 3);

/**
 * nvgsp_xport_alive() - is the device still there? BOOT_0 identifies the
 * chip and never reads all ones on a live GPU; a device that fell off the
 * bus reads all ones, and the link is then gone (nvgsp_xport_die()).
 * Once gone, always gone, and BOOT_0 is not read again.
 * @x: the link.
 * @what: what the caller was doing, for the reason kept when it is gone.
 *
 * Return: true while the device answers.
 */
bool nvgsp_xport_alive(struct nvgsp_xport *x, const char *what);

struct nvgsp_rpc;

/**
 * struct nvgsp_xport_elem - a received element at the head of the queue:
 * its headers read and checked, its payload not yet read.
 * @el: the element header.
 * @hdr: the RPC header.
 * @plen: payload bytes.
 * @rptr: the implementation's: its first entry.
 * @span: the implementation's: bytes of the headers and payload.
 *
 * The RPC layer reads @hdr and @plen.
 */
struct nvgsp_xport_elem {
	struct nvgsp_abi_msgq_element el;
	struct nvgsp_abi_rpc_header hdr;
	u32 plen;
	u32 rptr;
	u32 span;
};

/**
 * struct nvgsp_transport_ops - one queue protocol's implementation, called
 * by the RPC layer with the rpc's lock held (@geometry and @shared_init by
 * nvgsp_rpc_create(), before the rpc is handed out). A protocol error is
 * reported through nvgsp_xport_proto() and returned as -EPROTO.
 * @name: the protocol as release tables name it ("msgq-v0").
 * @version: the number after "-v" in @name.
 * @geometry: read and check the bound release's queue parameters and header
 *            sizes into the rpc, and size the shared memory; 0 or -EINVAL
 *            (logged) for a table the queues cannot be built from.
 * @shared_init: lay the queues out in the rpc's shared memory and write the
 *               driver's headers; 0 or a negative errno.
 * @pending: whether GSP-RM has published messages not yet read: 1, 0, or
 *           -EPROTO.
 * @push: queue one element (a command's first or one of its continuation
 *        records) of @len payload bytes under the release's function
 *        @number, ring the doorbell, set @sequence to its RPC sequence;
 *        -ENOSPC (no room within @timeout_ms), -ENODEV, -EPROTO.
 * @recv_head: read and check the headers of the element at the head of the
 *             message queue: 1 with @e set, 0 when the queue is empty,
 *             -EPROTO (nothing consumed).
 * @recv_body: copy @e's payload to @dst (NULL: check only), check it, and
 *             consume the element: 0 or -EPROTO (nothing consumed; @dst may
 *             hold part of the refused payload).
 */
struct nvgsp_transport_ops {
	const char *name;
	u32 version;
	int (*geometry)(struct nvgsp_rpc *rpc);
	int (*shared_init)(struct nvgsp_rpc *rpc);
	int (*pending)(struct nvgsp_rpc *rpc);
	int (*push)(struct nvgsp_rpc *rpc, u32 number, u32 fn_id, const u8 *data, u32 len,
		    u32 timeout_ms, u32 *sequence);
	int (*recv_head)(struct nvgsp_rpc *rpc, struct nvgsp_xport_elem *e);
	int (*recv_body)(struct nvgsp_rpc *rpc, const struct nvgsp_xport_elem *e, u8 *dst);
};

/* The implementations (one file each). */
extern const struct nvgsp_transport_ops nvgsp_transport_msgq_v0;	/* nvgsp_msgq.c */

/**
 * nvgsp_transport_find() - the implementation of a release's transport.
 * @desc: the release table's descriptor (abi->transport).
 *
 * Return: the implementation whose name and version are @desc's, or NULL
 * when this build has none (or @desc is NULL).
 */
const struct nvgsp_transport_ops *nvgsp_transport_find(const struct nvgsp_abi_transport *desc);

#endif /* NVGSP_XPORT_H */
