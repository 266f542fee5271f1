// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_rpc.c - libFuzzer target for everything GSP-RM sends the driver over
 * the message queue: elements, their reassembly from continuation records
 * and their dispatch to callers and event handlers (src/transport/:
 * nvgsp_rpc.c over nvgsp_msgq.c), driven through the public API of
 * nvgsp_rpc.h: nvgsp_rpc_create(), _poll(), _call(), _wait_event(),
 * _on_event(), _send_locked(), _state(), _destroy(); and through
 * nvgsp_gsp_init_wait() (GSP_INIT_DONE then GET_GSP_STATIC_INFO) and the
 * CPU sequencer as a RUN_CPU_SEQUENCER handler.
 *
 * The input is the script of a GSP-RM, played by this file on the real
 * shared memory the transport allocated (found with nvgsp_rpc_shm() and
 * nvgsp_os_user_dma_lookup(), as gpusim finds it), with every layout from
 * the release table's parameters and codecs:
 *
 *   byte 0   release table (nvgsp_abi_tables())
 *   byte 1   bit 0: GSP-RM writes its queue header only when it first
 *            publishes; bit 1: the header's fields are the next bytes of
 *            the input (raw) instead of the geometry's
 *   records  8 bytes each, then data: kind, idx, flags, val, plen (u16),
 *            ndata (u16), then ndata payload bytes (the rest of plen is 0)
 *
 * Kinds (low 3 bits of the kind byte):
 *   0-2  an event: the release's number of event id idx
 *   3    a reply to the last command GSP-RM read (its function, its
 *        sequence plus (s8)val)
 *   4    a CONTINUATION_RECORD
 *   5    the raw function number idx | val << 8
 *   6    a driver action, idx % 6: poll; call GET_GSP_STATIC_INFO with a
 *        reply buffer of 16 * val bytes (none for 0); wait for event val;
 *        nvgsp_gsp_init_wait(); the device falls off the bus (BOOT_0 reads
 *        all ones); call with a 1024 * val byte payload (continuation
 *        records in the command queue). Timeouts are flags % 32 + 1 ms.
 *   7    raw bytes: the ndata bytes written at the write pointer as they
 *        are, then the write pointer moved by idx entries, or set to idx
 *        when bit 0 of val is set (it may point past the ring)
 *
 * For kinds 0-5 the element is built as GSP-RM builds it: element header
 * (seqNum, elemCount), RPC header (version, signature, length, function,
 * result, sequence), the payload, the checksum over the whole element,
 * placed at the write pointer and wrapping around the ring. This is what
 * gets the fuzzer past the checksums; the kind byte's high bits break it on
 * purpose: bit 3 bad checksum, bit 4 bad seqNum, bit 5 bad RPC signature,
 * bit 6 elemCount = val, bit 7 RPC length = plen (raw, not plen + header).
 * Flags bit 0: the payload fills the element (plen = the most it holds);
 * bit 1: rpc_result = val or 0x51; bit 2: GSP-RM stops publishing before
 * this record until the driver has run.
 *
 * GSP-RM publishes whatever fits in the ring whenever the driver sleeps
 * (the OS layer's tick: virtual time, nothing really waits) and between
 * actions, reading the commands the driver sent (and checking their
 * checksum and seqNum, so the driver's send path is checked too) and
 * giving the entries back. At the end the driver polls once more and the
 * transport is destroyed.
 *
 * Checked: a call's reply length is within its buffer (which ASan bounds
 * exactly); a poll that finds a protocol error (-EPROTO: the handlers here
 * never return it) leaves the transport dead; a call that fails with
 * -ETIMEDOUT or -ENOSPC while the transport lives was answered by a reply
 * whose RM status maps to that errno; once dead or gone every call
 * fails at once (-EIO or -ENODEV) and touches neither queue; the driver's
 * read pointer stays in the ring and never passes GSP-RM's write pointer;
 * handlers get readable payloads; every log line is printable; BAR0
 * accesses stay in bounds; no DMA buffer outlives the transport.
 *
 * Seeds (seeds_rpc.list, "%gen rpc_seeds"): this file compiled with
 * NVGSP_FUZZ_SEEDS writes, per release, a boot (sequencer script,
 * GSP_INIT_DONE, static info through nvgsp_gsp_init_wait()), events with
 * and without handlers, OS_ERROR_LOG and libos prints, a message over
 * continuation records, a reply over continuation records, a reply too long
 * for its buffer, a bad checksum, a wrong seqNum, and raw garbage.
 */
#define NVGSP_FUZZ_GSP
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "transport/nvgsp_rpc.h"
#include "transport/nvgsp_seq.h"
#include "gsp/nvgsp_gsp_init.h"
#include "chip/regs/nvgsp_regs_pmc.h"
#include "fuzz_common.h"

#define REC		8	/* bytes of a record's header */
#define KIND_EVENT	0	/* 0..2 */
#define KIND_REPLY	3
#define KIND_CONT	4
#define KIND_RAWFN	5
#define KIND_ACTION	6
#define KIND_RAW	7
#define K_BAD_CSUM	0x08
#define K_BAD_SEQ	0x10
#define K_BAD_SIG	0x20
#define K_ELEMS		0x40
#define K_RAWLEN	0x80
#define F_FULL		0x01
#define F_RESULT	0x02
#define F_BREAK		0x04

enum { ACT_POLL, ACT_CALL, ACT_WAIT, ACT_INIT, ACT_GONE, ACT_CALL_LONG, NR_ACT };

#ifdef NVGSP_FUZZ_SEEDS

struct out {
	u8 buf[1 << 17];
	size_t n;
};

static void rec(struct out *o, u8 kind, u8 idx, u8 flags, u8 val, u16 plen, const void *data,
		u16 ndata)
{
	u8 *p = o->buf + o->n;

	if (o->n + REC + ndata > sizeof(o->buf))
		exit(1);
	p[0] = kind;
	p[1] = idx;
	p[2] = flags;
	p[3] = val;
	put_unaligned_le16(plen, p + 4);
	put_unaligned_le16(ndata, p + 6);
	if (ndata)
		memcpy(p + REC, data, ndata);
	o->n += REC + ndata;
}

static void act(struct out *o, u8 action, u8 val, u8 timeout_ms)
{
	rec(o, KIND_ACTION, action, timeout_ms - 1, val, 0, NULL, 0);
}

static int save(const char *dir, const char *name, u8 rel, struct out *o)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s-%u", dir, name, rel);
	return fuzz_seed_write(path, NULL, 0, o->buf, o->n);
}

static void start(struct out *o, u8 rel, u8 mode)
{
	o->n = 0;
	o->buf[o->n++] = rel;
	o->buf[o->n++] = mode;
}

int main(int argc, char **argv)
{
	static struct out o;
	size_t n;
	int bad = 0;
	u8 rel;

	if (!fuzz_seed_dir(argc, argv))
		return 2;
	nvgsp_abi_tables(&n);
	for (rel = 0; rel < n; rel++) {
		const struct nvgsp_abi *abi = fuzz_abi(rel);
		u32 ssz = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_STATIC_INFO);
		u32 hsz = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_SEQUENCER);
		struct nvgsp_abi_static_info si = {
			.gpu_name = "NVIDIA GA102 (gpusim)", .fb_length = 24ull << 30,
			.h_internal_client = 0xc1e00004, .h_internal_subdevice = 0x5d1d0000,
		};
		struct nvgsp_abi_sequencer sh = { .buffer_size_dword = 3, .cmd_index = 3 };
		struct nvgsp_abi_os_error_log el = { .except_type = 0x1f, .chid = 3,
						     .err_string = "Xid 79\n\x1b[31mfallen off" };
		u8 script[64 + 12], info[4096], elog[512], text[300];
		u32 wr, esz = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_OS_ERROR_LOG);

		if (!ssz || ssz > sizeof(info) || !hsz || hsz > 64 || !esz || esz > sizeof(elog) ||
		    nvgsp_abi_encode_static_info(abi, &si, info, ssz) < 0 ||
		    nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_SEQUENCER, &sh, script, hsz) < 0 ||
		    nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_OS_ERROR_LOG, &el, elog, esz) < 0 ||
		    nvgsp_abi_seqop_number(abi, NVGSP_ABI_SEQOP_REG_WRITE, &wr))
			return 1;
		put_unaligned_le32(wr, script + hsz);
		put_unaligned_le32(0x110040, script + hsz + 4);
		put_unaligned_le32(1, script + hsz + 8);
		memset(text, 'p', sizeof(text));
		text[5] = '\t';

		/* Boot: sequencer, INIT_DONE, static info through nvgsp_gsp_init_wait(). */
		start(&o, rel, 0);
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_GSP_RUN_CPU_SEQUENCER, 0, 0, hsz + 12, script,
		    hsz + 12);
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_GSP_INIT_DONE, 0, 0, 0, NULL, 0);
		act(&o, ACT_INIT, 0, 20);
		rec(&o, KIND_REPLY, 0, 0, 0, ssz, info, ssz);
		bad |= save(argv[1], "boot", rel, &o);

		/* The same with GSP-RM's header written late and a reply too short. */
		start(&o, rel, 1);
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_GSP_INIT_DONE, 0, 0, 0, NULL, 0);
		act(&o, ACT_INIT, 0, 20);
		rec(&o, KIND_REPLY, 0, 0, 0, ssz - 8, info, ssz - 8);
		bad |= save(argv[1], "boot-short", rel, &o);

		/* Events: logged ones, handled ones, unknown numbers. */
		start(&o, rel, 0);
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_OS_ERROR_LOG, 0, 0, esz, elog, esz);
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_OS_ERROR_LOG, 0, 0, 8, elog, 8);
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_UCODE_LIBOS_PRINT, 0, 0, sizeof(text), text,
		    sizeof(text));
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_MMU_FAULT_QUEUED, 0, 0, 64, "\x5e", 1);
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_GSP_POST_NOCAT_RECORD, 0, 0, 64, "\xee", 1);
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_RC_TRIGGERED, F_BREAK, 0, 100, NULL, 0);
		rec(&o, KIND_RAWFN, 0xfe, 0, 0x7f, 16, NULL, 0);
		act(&o, ACT_POLL, 0, 1);
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_GSP_INIT_DONE, 0, 0, 0, NULL, 0);
		act(&o, ACT_WAIT, NVGSP_ABI_EVENT_GSP_INIT_DONE, 5);
		bad |= save(argv[1], "events", rel, &o);

		/* A message over continuation records, wrapping around the ring. */
		start(&o, rel, 0);
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_GSP_POST_NOCAT_RECORD, F_FULL, 0, 0, text, 16);
		rec(&o, KIND_CONT, 0, F_FULL, 0, 0, text, 16);
		rec(&o, KIND_CONT, 0, 0, 0, 1000, text, 16);
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_MMU_FAULT_QUEUED, F_FULL, 0, 0, NULL, 0);
		rec(&o, KIND_CONT, 0, F_FULL, 0, 0, NULL, 0);
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_RC_TRIGGERED, 0, 0, 40, NULL, 0);
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_RC_TRIGGERED, F_FULL, 0, 0, NULL, 0);
		act(&o, ACT_POLL, 0, 1);
		act(&o, ACT_WAIT, NVGSP_ABI_EVENT_RG_LINE_INTR, 15);
		bad |= save(argv[1], "continuation", rel, &o);

		/* Replies: over continuation records, too long, the wrong sequence, busy. */
		start(&o, rel, 0);
		act(&o, ACT_CALL, 255, 12);
		rec(&o, KIND_REPLY, 0, F_FULL, 0, 0, info, 64);
		rec(&o, KIND_CONT, 0, 0, 0, 100, NULL, 0);
		act(&o, ACT_CALL, 0, 3);
		rec(&o, KIND_REPLY, 0, 0, 1, 16, NULL, 0);
		rec(&o, KIND_REPLY, 0, 0, 0, 16, NULL, 0);
		act(&o, ACT_CALL, 1, 3);
		rec(&o, KIND_REPLY, 0, 0, 0, 100, NULL, 0);
		act(&o, ACT_CALL_LONG, 70, 3);
		rec(&o, KIND_REPLY, 0, F_RESULT, 0x56, 0, NULL, 0);
		bad |= save(argv[1], "replies", rel, &o);

		/* Protocol errors, then calls on the dead transport. */
		start(&o, rel, 0);
		rec(&o, KIND_EVENT | K_BAD_CSUM, NVGSP_ABI_EVENT_RC_TRIGGERED, 0, 0, 40, NULL, 0);
		act(&o, ACT_POLL, 0, 1);
		act(&o, ACT_CALL, 4, 1);
		bad |= save(argv[1], "bad-checksum", rel, &o);
		o.buf[2] = KIND_EVENT | K_BAD_SEQ;
		bad |= save(argv[1], "bad-seq", rel, &o);
		o.buf[2] = KIND_EVENT | K_BAD_SIG;
		bad |= save(argv[1], "bad-signature", rel, &o);
		o.buf[2] = KIND_EVENT | K_ELEMS;
		o.buf[5] = 3;
		bad |= save(argv[1], "bad-elemcount", rel, &o);

		/* Garbage, and a device that falls off the bus. */
		start(&o, rel, 0);
		rec(&o, KIND_RAW, 5, 0, 0, 0, text, 200);
		act(&o, ACT_POLL, 0, 1);
		bad |= save(argv[1], "garbage", rel, &o);
		start(&o, rel, 2);
		memset(o.buf + o.n, 0, 32);
		o.n += 32;
		rec(&o, KIND_EVENT, NVGSP_ABI_EVENT_RC_TRIGGERED, 0, 0, 40, NULL, 0);
		act(&o, ACT_GONE, 0, 1);
		act(&o, ACT_POLL, 0, 1);
		bad |= save(argv[1], "gone", rel, &o);
	}
	return bad;
}

#else /* the fuzz target */

/* GSP-RM's side of the queues, as this input plays it. */
struct gsp {
	const struct nvgsp_abi *abi;
	struct nvgsp_rpc *rpc;
	struct nvgsp_seq seq;
	u8 *cmdq, *msgq;
	u32 entry_size, entry_off, rx_hdr_off, cmdq_size, msgq_size, element_max;
	u32 cmdq_count, msgq_count, eh, rh, txh, rxh;
	u32 version, hdr_version, signature, cont_number;
	struct nvgsp_abi_msgq_tx_header tx;	/* what GSP-RM last wrote */
	bool tx_raw, tx_written;
	u32 seqnum;		/* next element's seqNum */
	u32 cmd_rptr;		/* GSP-RM's read pointer of the command queue */
	u32 cmd_seqnum;		/* seqNum the next command element must carry */
	u32 last_fn, last_seq;	/* the last command's function and sequence */
	bool raw_used;		/* a raw record moved the write pointer */
	/*
	 * An element carried an RM status that maps to -ETIMEDOUT or -ENOSPC
	 * (TIMEOUT, NO_FREE_FIFOS, ...): a call may then fail with that errno
	 * while the transport lives on.
	 */
	bool rm_timeout_sent, rm_nospc_sent;
	u32 rptr_seen;		/* the driver's read pointer when last looked at */
	u32 inflight;		/* entries published and not seen consumed */
	u8 *elem;		/* one element being built or read */
	const u8 *in;
	size_t len, pos;
	bool gone, in_action;
};

static struct gsp g;

static u32 div_up(u32 n, u32 d)
{
	return n / d + (n % d ? 1 : 0);
}

static u32 param(const char *name)
{
	u64 v = 0;

	CHECK(!nvgsp_abi_param(g.abi, name, &v) && v <= 0xffffffffull);
	return (u32)v;
}

/*
 * XOR of an element's little-endian u64 words, folded: 0 when its checksum
 * is right. Not instrumented: it is the model's, and runs over 64 KiB.
 */
static __attribute__((no_sanitize("coverage"))) u32 fold(const u8 *p, u32 bytes)
{
	u64 x = 0, w;
	u8 b[8];
	u32 i;

	/* XOR is bytewise: XOR the words in CPU order, read the result as LE. */
	for (i = 0; i + 8 <= bytes; i += 8) {
		memcpy(&w, p + i, 8);
		x ^= w;
	}
	memcpy(b, &x, 8);
	x = get_unaligned_le64(b);
	return (u32)(x >> 32) ^ (u32)x;
}

static u8 *slot(u8 *queue, u32 index)
{
	return queue + g.entry_off + (size_t)index * g.entry_size;
}

static void write_tx(void)
{
	g.tx_written = true;
	CHECK(nvgsp_abi_encode(g.abi, NVGSP_ABI_CODEC_MSGQ_TX_HEADER, &g.tx, g.msgq, g.txh) ==
	      (int)g.txh);
}

/* The driver's read pointer of the message queue (in the command queue's rx header). */
static u32 driver_rptr(void)
{
	struct nvgsp_abi_msgq_rx_header rx;

	nvgsp_abi_decode(g.abi, NVGSP_ABI_CODEC_MSGQ_RX_HEADER, &rx, g.cmdq + g.rx_hdr_off, g.rxh);
	CHECK(rx.read_ptr < g.msgq_count);
	return rx.read_ptr;
}

/*
 * Read the commands the driver queued, check them as GSP-RM would (seqNum
 * from 0 without gaps, elemCount, checksum), remember the last one's
 * function and sequence, and give the entries back.
 */
static void consume_commands(void)
{
	struct nvgsp_abi_msgq_tx_header tx;
	struct nvgsp_abi_msgq_rx_header rx;
	struct nvgsp_abi_msgq_element el;
	struct nvgsp_abi_rpc_header rh;
	u32 i, n, used;

	nvgsp_abi_decode(g.abi, NVGSP_ABI_CODEC_MSGQ_TX_HEADER, &tx, g.cmdq, g.txh);
	CHECK(tx.write_ptr < g.cmdq_count);
	while (g.cmd_rptr != tx.write_ptr) {
		used = (tx.write_ptr + g.cmdq_count - g.cmd_rptr) % g.cmdq_count;
		nvgsp_abi_decode(g.abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT, &el, slot(g.cmdq, g.cmd_rptr),
				 g.eh);
		n = el.elem_count;
		CHECK(n >= 1 && n <= g.element_max / g.entry_size && n <= used);
		for (i = 0; i < n; i++)
			memcpy(g.elem + i * g.entry_size,
			       slot(g.cmdq, (g.cmd_rptr + i) % g.cmdq_count), g.entry_size);
		CHECK(!fold(g.elem, n * g.entry_size));
		CHECK(el.seq_num == g.cmd_seqnum++);
		nvgsp_abi_decode(g.abi, NVGSP_ABI_CODEC_RPC_HEADER, &rh, g.elem + g.eh, g.rh);
		CHECK(rh.signature == g.signature && rh.header_version == g.hdr_version);
		CHECK(rh.length >= g.rh && div_up(g.eh + rh.length, g.entry_size) == n);
		if (rh.function != g.cont_number) {
			g.last_fn = rh.function;
			g.last_seq = rh.sequence;
		}
		g.cmd_rptr = (g.cmd_rptr + n) % g.cmdq_count;
	}
	rx.read_ptr = g.cmd_rptr;
	nvgsp_abi_encode(g.abi, NVGSP_ABI_CODEC_MSGQ_RX_HEADER, &rx, g.msgq + g.rx_hdr_off, g.rxh);
}

/*
 * Look at the driver's read pointer: it may have consumed only what was
 * published (GSP-RM looks before every publication, so the driver cannot
 * go round the ring unseen), unless raw records moved the write pointer.
 */
static void observe(void)
{
	u32 r = driver_rptr(), consumed = (r + g.msgq_count - g.rptr_seen) % g.msgq_count;

	if (!g.raw_used)
		CHECK(consumed <= g.inflight);
	g.inflight = consumed <= g.inflight ? g.inflight - consumed : 0;
	g.rptr_seen = r;
}

/* Entries free for GSP-RM to write. */
static u32 room(void)
{
	u32 w = g.tx.write_ptr % g.msgq_count;

	return (driver_rptr() + g.msgq_count - w - 1) % g.msgq_count;
}

static void put_entries(const u8 *src, u32 entries)
{
	u32 i, w = g.tx.write_ptr % g.msgq_count;

	for (i = 0; i < entries; i++)
		memcpy(slot(g.msgq, (w + i) % g.msgq_count), src + i * g.entry_size, g.entry_size);
	g.tx.write_ptr = (w + entries) % g.msgq_count;
	g.inflight += entries;
}

/* Build the element of the record at @r (kinds 0-5) and publish it. Return: false if no room. */
static bool put_element(const u8 *r, const u8 *data, u32 ndata)
{
	u32 max = g.element_max - g.eh - g.rh, plen, n, number = 0;
	u8 kind = r[0] & 7;
	struct nvgsp_abi_msgq_element el = { .checksum = 0 };
	struct nvgsp_abi_rpc_header rh = { .header_version = g.hdr_version,
					   .signature = g.signature };

	plen = r[2] & F_FULL ? max : get_unaligned_le16(r + 4);
	plen = plen > max ? max : plen;
	ndata = ndata > plen ? plen : ndata;
	n = div_up(g.eh + g.rh + plen, g.entry_size);
	if (n > room())
		return false;

	switch (kind) {
	case KIND_REPLY:
		rh.function = g.last_fn;
		rh.sequence = g.last_seq + (u32)(int)(signed char)r[3];
		break;
	case KIND_CONT:
		rh.function = g.cont_number;
		break;
	case KIND_RAWFN:
		rh.function = r[1] | (u32)r[3] << 8;
		break;
	default:
		if (nvgsp_abi_event_number(g.abi, r[1] % NVGSP_ABI_NR_EVENT, &number))
			number = r[1];
		rh.function = number;
		break;
	}
	rh.length = r[0] & K_RAWLEN ? get_unaligned_le16(r + 4) : g.rh + plen;
	rh.rpc_result = r[2] & F_RESULT ? (r[3] ? r[3] : 0x51) : 0;
	rh.rpc_result_private = rh.rpc_result;
	if (rh.rpc_result) {
		int err = nvgsp_abi_rm_status_errno(g.abi, rh.rpc_result);

		g.rm_timeout_sent |= err == -ETIMEDOUT;
		g.rm_nospc_sent |= err == -ENOSPC;
	}
	if (r[0] & K_BAD_SIG)
		rh.signature ^= 0x20;
	el.seq_num = g.seqnum++ + (r[0] & K_BAD_SEQ ? 7 : 0);
	el.elem_count = r[0] & K_ELEMS ? r[3] : n;

	memset(g.elem, 0, (size_t)n * g.entry_size);
	CHECK(nvgsp_abi_encode(g.abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT, &el, g.elem, g.eh) > 0);
	CHECK(nvgsp_abi_encode(g.abi, NVGSP_ABI_CODEC_RPC_HEADER, &rh, g.elem + g.eh, g.rh) > 0);
	if (ndata)
		memcpy(g.elem + g.eh + g.rh, data, ndata);
	el.checksum = fold(g.elem, n * g.entry_size) ^ (r[0] & K_BAD_CSUM ? 1 : 0);
	CHECK(nvgsp_abi_encode(g.abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT, &el, g.elem, g.eh) > 0);
	put_entries(g.elem, n);
	return true;
}

/* Raw bytes at the write pointer, then the write pointer moved or set. */
static void put_raw(const u8 *r, const u8 *data, u32 ndata)
{
	u32 w = g.tx.write_ptr % g.msgq_count, off = 0, chunk, s = w;

	while (off < ndata) {
		chunk = ndata - off < g.entry_size ? ndata - off : g.entry_size;
		memcpy(slot(g.msgq, s), data + off, chunk);
		s = (s + 1) % g.msgq_count;
		off += chunk;
	}
	if (r[3] & 1)
		g.tx.write_ptr = r[1];
	else
		g.tx.write_ptr = (w + r[1] % g.msgq_count) % g.msgq_count;
	g.raw_used = true;
}

/*
 * Publish the records up to the next action, while they fit (GSP-RM runs
 * while the driver sleeps). Return: records published.
 */
static unsigned int publish(void)
{
	unsigned int done = 0;
	const u8 *r;
	u32 ndata;

	if (g.gone)
		return 0;
	observe();
	consume_commands();
	while (g.pos + REC <= g.len) {
		r = g.in + g.pos;
		if ((r[0] & 7) == KIND_ACTION || (r[2] & F_BREAK && done))
			break;
		ndata = get_unaligned_le16(r + 6);
		if (ndata > g.len - g.pos - REC)
			ndata = (u32)(g.len - g.pos - REC);
		if ((r[0] & 7) == KIND_RAW)
			put_raw(r, r + REC, ndata);
		else if (!put_element(r, r + REC, ndata))
			break;
		g.pos += REC + ndata;
		done++;
	}
	if (done || !g.tx_written)
		write_tx();
	return done;
}

static void tick(void *ctx, u64 now_ns)
{
	(void)ctx;
	(void)now_ns;
	if (g.in_action)
		publish();
}

/* ---- the driver's side: BAR0, handlers, actions --------------------------- */

static u32 bar_rd32(void *ctx, u32 offset)
{
	(void)ctx;
	if (g.gone)
		return 0xffffffffu;
	return offset == NV_PMC_BOOT_0 ? 0x172000a1u : 0;
}

static void bar_wr32(void *ctx, u32 offset, u32 value)
{
	(void)ctx;
	(void)offset;
	sink ^= (u8)value;
}

static const struct nvgsp_os_bar_ops bar_ops = { .rd32 = bar_rd32, .wr32 = bar_wr32 };

/* RUN_CPU_SEQUENCER: the real interpreter. Its errors are reported as -EINVAL. */
static int seq_handler(void *ctx, u32 event, const void *payload, size_t len)
{
	(void)ctx;
	CHECK(event == NVGSP_ABI_EVENT_GSP_RUN_CPU_SEQUENCER);
	touch(payload, len);
	return nvgsp_seq_run(&g.seq, payload, len) ? -EINVAL : 0;
}

/*
 * Other events: the payload is read whole; a first byte 0xee fails the
 * handler, 0x5e makes it send a command (what a handler may do).
 */
static int any_handler(void *ctx, u32 event, const void *payload, size_t len)
{
	const u8 *p = payload;

	(void)ctx;
	(void)event;
	CHECK(len <= (16u << 20));
	touch(payload, len);
	if (len && p[0] == 0xee)
		return -EINVAL;
	if (len && p[0] == 0x5e) {
		int ret = nvgsp_rpc_send_locked(g.rpc, NVGSP_ABI_RPC_GET_GSP_STATIC_INFO, p,
						len > 64 ? 64 : len);

		return ret == -EIO || ret == -ENODEV || ret == -ENOSPC ? ret : 0;
	}
	return 0;
}

static bool is_errno(int ret)
{
	return ret < 0 && ret >= -4095;
}

/* The headers a dead transport must leave alone. */
struct snap {
	u8 cmdq_head[256];
	u32 cmd_rx;
};

static void snapshot(struct snap *s)
{
	memcpy(s->cmdq_head, g.cmdq, g.txh);
	s->cmd_rx = driver_rptr();
}

static void action(const u8 *r)
{
	enum nvgsp_rpc_state before = nvgsp_rpc_state(g.rpc, NULL, 0), after;
	u32 timeout = (r[2] % 32) + 1;
	struct nvgsp_abi_static_info info;
	size_t got = 12345, rlen, plen;
	char reason[200];
	struct snap s;
	u8 *buf = NULL, *reply;
	int ret;

	snapshot(&s);
	g.in_action = true;
	switch (r[1] % NR_ACT) {
	case ACT_POLL:
		ret = nvgsp_rpc_poll(g.rpc);
		CHECK(ret >= 0 || ret == -EIO || ret == -ENODEV || ret == -EPROTO ||
		      ret == -EINVAL || ret == -ENOMEM || ret == -ENOSPC);
		if (ret == -EPROTO)
			CHECK(nvgsp_rpc_state(g.rpc, NULL, 0) == NVGSP_RPC_DEAD);
		break;
	case ACT_CALL:
	case ACT_CALL_LONG:
		/* The reply buffer is exactly rlen bytes: ASan bounds it. */
		rlen = r[1] % NR_ACT == ACT_CALL ? 16u * r[3] : 64;
		plen = r[1] % NR_ACT == ACT_CALL ? 8 : 1024u * r[3];
		buf = malloc(plen + rlen + 1);
		CHECK(buf);
		memset(buf, 0x3c, plen);
		reply = rlen ? malloc(rlen) : NULL;
		ret = nvgsp_rpc_call(g.rpc, NVGSP_ABI_RPC_GET_GSP_STATIC_INFO, buf, plen,
				     reply, rlen, &got, timeout);
		free(reply);
		CHECK(is_errno(ret) || !ret);
		if (!ret)
			CHECK(got <= rlen || !rlen);
		/*
		 * The transport's own timeout and full command queue leave it
		 * dead; the same errnos from a live transport are GSP-RM's
		 * answer, so some reply must have carried such a status.
		 */
		if ((ret == -ETIMEDOUT || ret == -ENOSPC) &&
		    nvgsp_rpc_state(g.rpc, NULL, 0) == NVGSP_RPC_RUNNING)
			CHECK(g.raw_used ||
			      (ret == -ETIMEDOUT ? g.rm_timeout_sent : g.rm_nospc_sent));
		break;
	case ACT_WAIT:
		ret = nvgsp_rpc_wait_event(g.rpc, r[3] % NVGSP_ABI_NR_EVENT, timeout);
		CHECK(is_errno(ret) || !ret);
		if (ret == -ETIMEDOUT)
			CHECK(nvgsp_rpc_state(g.rpc, NULL, 0) != NVGSP_RPC_RUNNING);
		break;
	case ACT_INIT:
		memset(&info, 0, sizeof(info));
		ret = nvgsp_gsp_init_wait(g.rpc, g.abi, timeout, &info);
		CHECK(is_errno(ret) || !ret);
		if (!ret) {
			size_t i, n = strnlen((const char *)info.gpu_name, sizeof(info.gpu_name));

			CHECK(n < sizeof(info.gpu_name));
			for (i = 0; i < n; i++)
				CHECK(info.gpu_name[i] >= 0x20 && info.gpu_name[i] < 0x7f);
		}
		break;
	default:
		g.gone = true;
		ret = 0;
		break;
	}
	g.in_action = false;
	free(buf);

	after = nvgsp_rpc_state(g.rpc, reason, sizeof(reason));
	CHECK(after == NVGSP_RPC_RUNNING ? !reason[0] : reason[0] != '\0');
	if (before != NVGSP_RPC_RUNNING) {
		/* Dead or gone: fails at once, touches nothing. */
		CHECK(after == before);
		CHECK(r[1] % NR_ACT == ACT_GONE || ret == -EIO || ret == -ENODEV);
		CHECK(!memcmp(s.cmdq_head, g.cmdq, g.txh) && driver_rptr() == s.cmd_rx);
	}
	observe();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool inited;
	static struct nvgsp_os_device dev = { .name = NAME };
	struct nvgsp_os_bar bar = { .ops = &bar_ops, .size = 0x1000000, .name = "fuzz BAR0" };
	struct nvgsp_rpc_config cfg = { .dev = &dev, .bar0 = &bar, .doorbell = 0x110c00,
					.irq_ack = 0x110004, .irq_ack_bits = 1, .timeout_ms = 5 };
	struct nvgsp_rpc_shm shm;
	size_t dma_live = nvgsp_os_user_dma_live();
	unsigned int rounds;
	u8 *mem, *elem;
	int ret;

	if (!inited) {
		fuzz_log_init();
		nvgsp_os_user_set_tick(tick, NULL);
		/* A transport per input: reuse its 516 KiB buffer, do not remap it. */
		nvgsp_os_user_dma_recycle(true);
		inited = true;
	}
	if (size < 2)
		return 0;
	elem = g.elem;
	memset(&g, 0, sizeof(g));
	g.abi = fuzz_abi(data[0]);
	cfg.abi = g.abi;
	g.entry_size = param("msgq.entry_size");
	g.entry_off = param("msgq.entry_off");
	g.rx_hdr_off = param("msgq.rx_hdr_off");
	g.cmdq_size = param("msgq.cmdq_size");
	g.msgq_size = param("msgq.statq_size");
	g.element_max = param("msgq.element_max");
	g.version = param("msgq.version");
	g.hdr_version = param("rpc.header_version");
	g.signature = param("rpc.signature");
	g.eh = nvgsp_abi_codec_size(g.abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT);
	g.rh = nvgsp_abi_codec_size(g.abi, NVGSP_ABI_CODEC_RPC_HEADER);
	g.txh = nvgsp_abi_codec_size(g.abi, NVGSP_ABI_CODEC_MSGQ_TX_HEADER);
	g.rxh = nvgsp_abi_codec_size(g.abi, NVGSP_ABI_CODEC_MSGQ_RX_HEADER);
	CHECK(g.txh <= sizeof(((struct snap *)0)->cmdq_head));
	CHECK(!nvgsp_abi_rpc_number(g.abi, NVGSP_ABI_RPC_CONTINUATION_RECORD, &g.cont_number));
	g.cmdq_count = (g.cmdq_size - g.entry_off) / g.entry_size;
	g.msgq_count = (g.msgq_size - g.entry_off) / g.entry_size;
	/* One element buffer for every input (its size is the same in every release). */
	g.elem = elem ? elem : malloc(g.element_max);
	CHECK(g.elem);
	g.in = data + 2;
	g.len = size - 2;

	ret = nvgsp_rpc_create(&cfg, &g.rpc);
	CHECK(!ret);
	nvgsp_rpc_shm(g.rpc, &shm);
	mem = nvgsp_os_user_dma_lookup(shm.addr, (size_t)shm.pte_count * NVGSP_OS_PAGE_SIZE);
	CHECK(mem);
	g.cmdq = mem + shm.cmdq_offset;
	g.msgq = mem + shm.statq_offset;
	g.seq = (struct nvgsp_seq){ .dev = &dev, .bar0 = &bar, .abi = g.abi };
	CHECK(!nvgsp_rpc_on_event(g.rpc, NVGSP_ABI_EVENT_GSP_RUN_CPU_SEQUENCER, seq_handler, NULL));
	CHECK(!nvgsp_rpc_on_event(g.rpc, NVGSP_ABI_EVENT_MMU_FAULT_QUEUED, any_handler, NULL));
	CHECK(!nvgsp_rpc_on_event(g.rpc, NVGSP_ABI_EVENT_GSP_POST_NOCAT_RECORD, any_handler, NULL));
	CHECK(!nvgsp_rpc_on_event(g.rpc, NVGSP_ABI_EVENT_RC_TRIGGERED, any_handler, NULL));

	/* GSP-RM's queue header: the geometry's, or raw from the input. */
	g.tx = (struct nvgsp_abi_msgq_tx_header){
		.version = g.version, .size = g.msgq_size, .msg_size = g.entry_size,
		.msg_count = g.msgq_count, .rx_hdr_off = g.rx_hdr_off, .entry_off = g.entry_off,
	};
	if (data[1] & 2 && g.len >= g.txh) {
		nvgsp_abi_decode(g.abi, NVGSP_ABI_CODEC_MSGQ_TX_HEADER, &g.tx, g.in, g.txh);
		g.pos = g.txh;
	}
	if (!(data[1] & 1))
		write_tx();

	for (rounds = 0; rounds < 512 && g.pos + REC <= g.len; rounds++) {
		const u8 *r = g.in + g.pos;

		if ((r[0] & 7) == KIND_ACTION) {
			g.pos += REC + (get_unaligned_le16(r + 6) < g.len - g.pos - REC ?
					get_unaligned_le16(r + 6) : g.len - g.pos - REC);
			action(r);
			continue;
		}
		if (publish())
			continue;
		/* No room: let the driver drain; still none, and it is stuck. */
		action((const u8 *)"\x06\x00\x00\x00");
		if (!publish())
			break;
	}
	if (!g.gone)
		publish();
	action((const u8 *)"\x06\x00\x00\x00");

	nvgsp_rpc_destroy(g.rpc);
	CHECK(!bar.bad_accesses);
	CHECK(nvgsp_os_user_dma_live() == dma_live);
	return 0;
}

#endif /* NVGSP_FUZZ_SEEDS */
