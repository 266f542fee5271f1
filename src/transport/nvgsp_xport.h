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
 * the lock of the rpc that embeds it.
 * @dev: the device, for messages.
 * @abi: the bound release (numbers in the history are its numbers).
 * @bar0: BAR0, for the liveness check.
 * @gone: the device was found gone; every later operation fails.
 * @hist: the history ring.
 * @hist_next: next slot of @hist.
 * @hist_count: valid entries of @hist.
 */
struct nvgsp_xport {
	struct nvgsp_os_device *dev;
	const struct nvgsp_abi *abi;
	struct nvgsp_os_bar *bar0;
	bool gone;
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
 * nvgsp_xport_proto() - report a protocol error: log it (prefixed "message
 * queue: "), dump the history.
 * @x: the link.
 * @fmt: printf format of what was wrong, naming the field.
 *
 * Return: -EPROTO.
 */
int nvgsp_xport_proto(struct nvgsp_xport *x, const char *fmt, ...) __printf(2, 3);

/**
 * nvgsp_xport_alive() - is the device still there? BOOT_0 identifies the
 * chip and never reads all ones on a live GPU; a device that fell off the
 * bus reads all ones. Once gone, always gone (@x->gone).
 * @x: the link.
 * @what: what the caller was doing, for the message logged when it is gone.
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
 * @full: it is as long as an element can be: a continuation may follow.
 * @rptr: the implementation's: its first entry.
 * @span: the implementation's: bytes of the headers and payload.
 *
 * The RPC layer reads @hdr, @plen and @full.
 */
struct nvgsp_xport_elem {
	struct nvgsp_abi_msgq_element el;
	struct nvgsp_abi_rpc_header hdr;
	u32 plen;
	bool full;
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
