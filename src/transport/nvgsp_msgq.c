// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_msgq.c - the "msgq-v0" transport under the RPC layer (nvgsp_rpc.c),
 * which calls it through nvgsp_transport_msgq_v0 (struct
 * nvgsp_transport_ops, bound by the release table's transport descriptor):
 * the checksum, the geometry of the two shared-memory rings and their
 * headers, and the elements that travel in them, pushed one at a time
 * (a command's first element or one of its continuation records) and
 * received head first, then body.
 *
 * Every geometry number, header value and layout comes from the bound
 * release's table ("msgq.*" and "rpc.*" parameters, the MSGQ_TX_HEADER,
 * MSGQ_RX_HEADER, MSGQ_ELEMENT and RPC_HEADER codecs).
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
 *    expected.
 *
 * The data path copies a payload once per side: an element is built in
 * place in the command queue, the payload memcpy'd in and the copy then
 * XORed for the checksum while it is still in cache; a received element's
 * payload is memcpy'd out of the message queue straight to where the RPC
 * layer reassembles its message (the awaited caller's reply buffer when
 * there is one), and that copy XORed; the RPC layer delivers it only once
 * nvgsp_msgq_recv_body() found the checksum matched.
 *
 * Protocol errors are reported through nvgsp_xport_proto(), which kills the
 * link (one line naming the error and the last command); the liveness
 * check is nvgsp_xport_alive(). Nothing here
 * calls the RPC layer. The caller holds the rpc's lock (see
 * nvgsp_rpc_types.h).
 */
#include "nvgsp_rpc_types.h"
#include "fw/nvgsp_fw_blob.h"

/* Queue sizes beyond this are refused as a table error (no u32 overflow). */
#define NVGSP_MSGQ_QUEUE_MAX	(16u << 20)

static inline u32 msgq_div_up(u32 n, u32 d)
{
	return n / d + (n % d ? 1 : 0);
}

/* ---- the checksum: copy, then XOR the copy --------------------------------- */

static inline u64 msgq_ld64(const u8 *p)
{
	u64 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline void msgq_st64(u8 *p, u64 v)
{
	memcpy(p, &v, sizeof(v));
}

/*
 * Copy @words u64 words from @src to @dst (either may be unaligned; @dst
 * NULL: read only) and return the XOR of the words in CPU byte order, read
 * from @dst once the copy is made (the receive side's private copy, the
 * send side's element in the ring). The caller lines the words up with the
 * element's 8-byte words.
 *
 * The copy is the OS layer's memcpy, then one reading pass while the bytes
 * are still in cache. A fused loop that XORs as it copies moves at most
 * one word per load and store: in the userspace build 30.7 GB/s against
 * 41-44 GB/s for memcpy then XOR on 64 KiB elements (gsp_bench figure 2
 * has the figures for a whole 1 MiB message). In the kernel memcpy is the
 * architecture's own (rep movs or an unrolled loop on x86); that build is
 * not timed here. Four accumulators let the XOR of one word overlap the
 * loads of the next.
 */
static u64 msgq_xor_copy(u8 *dst, const u8 *src, size_t words)
{
	u64 x0 = 0, x1 = 0, x2 = 0, x3 = 0;
	size_t i = 0;

	if (dst) {
		memcpy(dst, src, words * 8);
		src = dst;
	}
	for (; i + 4 <= words; i += 4, src += 32) {
		x0 ^= msgq_ld64(src);
		x1 ^= msgq_ld64(src + 8);
		x2 ^= msgq_ld64(src + 16);
		x3 ^= msgq_ld64(src + 24);
	}
	for (; i < words; i++, src += 8)
		x0 ^= msgq_ld64(src);
	return x0 ^ x1 ^ x2 ^ x3;
}

/*
 * The msgq checksum from the XOR of CPU-order words: XOR is bytewise, so
 * the XOR of the little-endian words is that XOR read back little-endian.
 */
static u32 msgq_csum_fold(u64 x)
{
	u8 b[8];
	u64 le;

	msgq_st64(b, x);
	le = get_unaligned_le64(b);
	return (u32)(le >> 32) ^ (u32)le;
}

/*
 * Where byte @off of the element at ring index @index lies, and in @room how
 * many bytes are contiguous from there (up to the end of the ring). Elements
 * wrap at entry boundaries, which are 8-byte aligned.
 */
static u8 *msgq_elem_at(const struct nvgsp_rpc *rpc, u8 *queue, u32 count, u32 index, u32 off,
			u32 *room)
{
	u32 slot = index + off / rpc->entry_size, in = off % rpc->entry_size;

	if (slot >= count)
		slot -= count;
	*room = (count - slot) * rpc->entry_size - in;
	return queue + rpc->entry_off + (size_t)slot * rpc->entry_size + in;
}

/* ---- creation ------------------------------------------------------------ */

static int msgq_param(struct nvgsp_rpc *rpc, const char *param, u32 *out)
{
	u64 v;

	if (nvgsp_abi_param(rpc->cfg.abi, param, &v)) {
		nvgsp_os_log(rpc->dev, NVGSP_LOG_ERR, 0,
			     "release %s has no parameter %s", rpc->cfg.abi->release, param);
		return -EINVAL;
	}
	if (v > 0xffffffffull) {
		nvgsp_os_log(rpc->dev, NVGSP_LOG_ERR, 0, "release %s: %s = 0x%llx is not 32-bit",
			     rpc->cfg.abi->release, param, v);
		return -EINVAL;
	}
	*out = (u32)v;
	return 0;
}

static int __printf(2, 3) msgq_bad_table(struct nvgsp_rpc *rpc, const char *fmt, ...)
{
	va_list ap;
	char msg[160];

	va_start(ap, fmt);
	nvgsp_os_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	nvgsp_os_log(rpc->dev, NVGSP_LOG_ERR, 0, "release %s: %s", rpc->cfg.abi->release, msg);
	return -EINVAL;
}

static int msgq_codec_size(struct nvgsp_rpc *rpc, enum nvgsp_abi_codec_id codec, u32 *size)
{
	*size = nvgsp_abi_codec_size(rpc->cfg.abi, codec);
	if (!*size)
		return msgq_bad_table(rpc, "no %s codec", nvgsp_abi_codec_names[codec]);
	return 0;
}

/* Entries of a queue of @size bytes, or -EINVAL naming @param. */
static int msgq_queue_count(struct nvgsp_rpc *rpc, const char *param, u32 size, u32 *count)
{
	if (!size || size % NVGSP_OS_PAGE_SIZE || size > NVGSP_MSGQ_QUEUE_MAX)
		return msgq_bad_table(rpc, "%s 0x%x: not a multiple of 4 KiB up to 16 MiB",
				      param, size);
	if (size <= rpc->entry_off || (size - rpc->entry_off) % rpc->entry_size)
		return msgq_bad_table(rpc, "%s 0x%x: no whole entries of 0x%x after msgq.entry_off 0x%x",
				      param, size, rpc->entry_size, rpc->entry_off);
	*count = (size - rpc->entry_off) / rpc->entry_size;
	if (rpc->element_max / rpc->entry_size >= *count)
		return msgq_bad_table(rpc, "%s 0x%x: %u entries cannot hold msgq.element_max 0x%x",
				      param, size, *count, rpc->element_max);
	return 0;
}

/*
 * Read and check the queue geometry and header values of the bound release
 * ("msgq.*" and "rpc.*" parameters, the codecs' sizes, the
 * CONTINUATION_RECORD number) into @rpc, and size the PTE array
 * (@rpc->pte_count, @rpc->pte_bytes). -EINVAL, logged with the parameter,
 * for a table the queues cannot be built from.
 */
/*
 * Where writePtr and readPtr lie in their headers. After the queues are set
 * up, the host moves its pointers with one aligned 32-bit store each
 * (msgq_store_ptr()), never by writing the header again: GSP-RM reads them
 * at any time, and a header being rewritten (the codecs zero the struct,
 * then fill it) would show it a pointer of 0 for a moment.
 */
static int msgq_ptr_offsets(struct nvgsp_rpc *rpc)
{
	struct nvgsp_abi_msgq_tx_header tx0 = { 0 }, tx1 = { .write_ptr = ~0u };
	struct nvgsp_abi_msgq_rx_header rx0 = { 0 }, rx1 = { .read_ptr = ~0u };
	u32 len = 0, rlen = 0;
	int ret;

	ret = nvgsp_abi_codec_span(rpc->cfg.abi, NVGSP_ABI_CODEC_MSGQ_TX_HEADER, &tx1, &tx0,
				   &rpc->tx_wptr_off, &len);
	if (!ret)
		ret = nvgsp_abi_codec_span(rpc->cfg.abi, NVGSP_ABI_CODEC_MSGQ_RX_HEADER, &rx1,
					   &rx0, &rpc->rx_rptr_off, &rlen);
	if (ret == -ENOMEM)
		return ret;
	if (ret || len != 4 || rlen != 4 || rpc->tx_wptr_off % 4 || rpc->rx_rptr_off % 4)
		return msgq_bad_table(rpc, "writePtr/readPtr are not aligned 32-bit fields of msgqTxHeader/msgqRxHeader");
	return 0;
}

/* One aligned 32-bit store of @v, little-endian, at @p (see msgq_ptr_offsets()). */
static void msgq_store_ptr(u8 *p, u32 v)
{
	u8 b[4];
	u32 w;

	put_unaligned_le32(v, b);
	memcpy(&w, b, sizeof(w));
	smp_store_release((u32 *)p, w);
}

static int nvgsp_msgq_geometry(struct nvgsp_rpc *rpc)
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
	u32 pages;
	int ret;

	for (i = 0; i < ARRAY_SIZE(params); i++) {
		ret = msgq_param(rpc, params[i].name, (u32 *)((u8 *)rpc + params[i].off));
		if (ret)
			return ret;
	}
	ret = msgq_codec_size(rpc, NVGSP_ABI_CODEC_MSGQ_TX_HEADER, &rpc->tx_hdr_size);
	if (!ret)
		ret = msgq_codec_size(rpc, NVGSP_ABI_CODEC_MSGQ_RX_HEADER, &rpc->rx_hdr_size);
	if (!ret)
		ret = msgq_codec_size(rpc, NVGSP_ABI_CODEC_MSGQ_ELEMENT, &rpc->eh);
	if (!ret)
		ret = msgq_codec_size(rpc, NVGSP_ABI_CODEC_RPC_HEADER, &rpc->rh);
	if (ret)
		return ret;
	ret = msgq_ptr_offsets(rpc);
	if (ret)
		return ret;
	if (nvgsp_abi_rpc_number(rpc->cfg.abi, NVGSP_ABI_RPC_CONTINUATION_RECORD,
				 &rpc->cont_number))
		return msgq_bad_table(rpc, "no number for rpc CONTINUATION_RECORD");

	if (rpc->entry_size & (rpc->entry_size - 1) || rpc->entry_size < rpc->eh + rpc->rh ||
	    rpc->entry_size % 8)
		return msgq_bad_table(rpc, "msgq.entry_size 0x%x: not a power of two of at least %u",
				      rpc->entry_size, rpc->eh + rpc->rh);
	if (!rpc->element_max || rpc->element_max % rpc->entry_size)
		return msgq_bad_table(rpc, "msgq.element_max 0x%x: not a multiple of msgq.entry_size",
				      rpc->element_max);
	if (rpc->rx_hdr_off < rpc->tx_hdr_size || rpc->rx_hdr_off % 4 ||
	    rpc->rx_hdr_off + rpc->rx_hdr_size > rpc->entry_off || rpc->entry_off % 8)
		return msgq_bad_table(rpc, "msgq.rx_hdr_off 0x%x / msgq.entry_off 0x%x: the headers (%u + %u bytes) do not fit before the entries",
				      rpc->rx_hdr_off, rpc->entry_off, rpc->tx_hdr_size,
				      rpc->rx_hdr_size);
	ret = msgq_queue_count(rpc, "msgq.cmdq_size", rpc->cmdq_size, &rpc->cmdq_count);
	if (!ret)
		ret = msgq_queue_count(rpc, "msgq.statq_size", rpc->msgq_size, &rpc->msgq_count);
	if (ret)
		return ret;

	/* r535_gsp_shared_init(): one PTE per page, the PTE array's pages included. */
	pages = (rpc->cmdq_size + rpc->msgq_size) >> NVGSP_OS_PAGE_SHIFT;
	rpc->pte_count = pages + msgq_div_up(pages * 8, NVGSP_OS_PAGE_SIZE);
	rpc->pte_bytes = msgq_div_up(rpc->pte_count * 8, NVGSP_OS_PAGE_SIZE) * NVGSP_OS_PAGE_SIZE;
	return 0;
}

/*
 * Fill the PTE array of @rpc->mem, place the two queues after it and write
 * the command queue's headers (GSP-RM writes the message queue's).
 */
static int nvgsp_msgq_shared_init(struct nvgsp_rpc *rpc)
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
		nvgsp_os_log(rpc->dev, NVGSP_LOG_ERR, 0,
			     "command queue header: encoding failed (%d)", ret);
		return ret;
	}
	return 0;
}

/* ---- ring access ---------------------------------------------------------- */

static u8 *msgq_slot(const struct nvgsp_rpc *rpc, u8 *queue, u32 index)
{
	return queue + rpc->entry_off + (size_t)index * rpc->entry_size;
}

/* GSP-RM's read pointer of the command queue (in the msgq's rx header). */
static int msgq_cmdq_rptr(struct nvgsp_rpc *rpc, u32 *rptr)
{
	struct nvgsp_abi_msgq_rx_header rx;

	nvgsp_abi_decode(rpc->cfg.abi, NVGSP_ABI_CODEC_MSGQ_RX_HEADER, &rx,
			 rpc->msgq + rpc->rx_hdr_off, rpc->rx_hdr_size);
	if (rx.read_ptr >= rpc->cmdq_count)
		return nvgsp_xport_proto(&rpc->xport, "GSP's command queue readPtr %u beyond its %u entries",
					 rx.read_ptr, rpc->cmdq_count);
	*rptr = rx.read_ptr;
	return 0;
}

static int msgq_check_header(struct nvgsp_rpc *rpc, const struct nvgsp_abi_msgq_tx_header *h)
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

	for (i = 0; i < ARRAY_SIZE(f); i++)
		if (f[i].is != f[i].want)
			return nvgsp_xport_proto(&rpc->xport, "GSP's header: %s is 0x%x, expected 0x%x",
						 f[i].field, f[i].is, f[i].want);
	return 0;
}

/*
 * GSP-RM's write pointer of the message queue; our read pointer while
 * GSP-RM has not initialised the queue yet (nothing to read). The first
 * time GSP-RM's header is found written it is checked against the geometry.
 */
static int nvgsp_msgq_wptr(struct nvgsp_rpc *rpc, u32 *wptr)
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
		ret = msgq_check_header(rpc, &tx);
		if (ret)
			return ret;
		rpc->msgq_checked = true;
	}
	if (tx.write_ptr >= rpc->msgq_count)
		return nvgsp_xport_proto(&rpc->xport, "GSP's writePtr %u beyond its %u entries",
					 tx.write_ptr, rpc->msgq_count);
	*wptr = tx.write_ptr;
	return 0;
}

static int nvgsp_msgq_pending(struct nvgsp_rpc *rpc)
{
	u32 wptr;
	int ret;

	ret = nvgsp_msgq_wptr(rpc, &wptr);
	if (ret)
		return ret;
	return wptr != rpc->msgq_rptr;
}

/* ---- sending -------------------------------------------------------------- */

static int msgq_wait_room(struct nvgsp_rpc *rpc, u32 elems, u32 fn_id, u32 timeout_ms)
{
	u64 start = nvgsp_os_time_ns(), waited;
	u32 delay = NVGSP_RPC_POLL_MIN_US, rptr = 0, wptr = rpc->cmdq_tx.write_ptr, free;
	int ret;

	for (;;) {
		ret = msgq_cmdq_rptr(rpc, &rptr);
		if (ret)
			return ret;
		free = (rptr + rpc->cmdq_count - wptr - 1) % rpc->cmdq_count;
		if (free >= elems)
			return 0;
		if (!nvgsp_xport_alive(&rpc->xport, "while waiting for room in the command queue"))
			return -ENODEV;
		waited = nvgsp_os_time_ns() - start;
		if (waited >= (u64)timeout_ms * 1000000) {
			nvgsp_xport_die(&rpc->xport, NVGSP_XPORT_DEAD,
					"%s: command queue full for %llu ms: %u entries needed, %u free (GSP readPtr %u, writePtr %u)",
					rpc_fn_name(fn_id), waited / 1000000,
					elems, free, rptr, wptr);
			return -ENOSPC;
		}
		nvgsp_os_usleep(delay);
		delay = delay * 2 > NVGSP_RPC_POLL_MAX_US ? NVGSP_RPC_POLL_MAX_US : delay * 2;
	}
}

/*
 * Queue one element: element header, RPC header, @len bytes of @data, built
 * in place in the ring (in two parts where it wraps): the payload is
 * memcpy'd in, then the copy is XORed for the checksum. Then ring the
 * doorbell. The checksum covers the whole element, its padding to the
 * entry size zeroed, with the checkSum field zero (r535_gsp_cmdq_push()
 * likewise sums a zero-padded element; gpusim checks all its pages).
 */
static int nvgsp_msgq_push(struct nvgsp_rpc *rpc, u32 number, u32 fn_id, const u8 *data,
			   u32 len, u32 timeout_ms, u32 *sequence)
{
	const struct nvgsp_abi *abi = rpc->cfg.abi;
	u32 count = rpc->cmdq_count, hw = rpc->hdr_words, hb = rpc->eh + rpc->rh;
	struct nvgsp_abi_msgq_element el = { .checksum = 0 };
	struct nvgsp_abi_rpc_header rh;
	u32 elems, bytes, wptr, head, off, room, chunk, tail;
	u8 *e, *p, last[8];
	u64 x;
	int ret;

	elems = msgq_div_up(hb + len, rpc->entry_size);
	bytes = elems * rpc->entry_size;
	ret = msgq_wait_room(rpc, elems, fn_id, timeout_ms);
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
	e = msgq_slot(rpc, rpc->cmdq, wptr);
	memset(e, 0, hw);
	ret = nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT, &el, e, rpc->eh);
	if (ret >= 0)
		ret = nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_RPC_HEADER, &rh, e + rpc->eh, rpc->rh);
	if (ret < 0)
		return ret;
	head = len < hw - hb ? len : hw - hb;
	if (head)
		memcpy(e + hb, data, head);
	x = msgq_xor_copy(NULL, e, hw / 8);

	/* The rest of the payload, word-aligned in the element. */
	off = hw;
	data += head;
	len -= head;
	while (len) {
		p = msgq_elem_at(rpc, rpc->cmdq, count, wptr, off, &room);
		chunk = len < room ? len : room;
		x ^= msgq_xor_copy(p, data, chunk / 8);
		tail = chunk % 8;
		if (tail) {
			/* Only in the last part: room is a multiple of 8. */
			memset(last, 0, sizeof(last));
			memcpy(last, data + chunk - tail, tail);
			x ^= msgq_xor_copy(p + chunk - tail, last, 1);
			off += chunk - tail + 8;
			break;
		}
		off += chunk;
		data += chunk;
		len -= chunk;
	}
	/* The padding after the last word; zeros leave the XOR as it is. */
	for (; off < bytes; off += room) {
		p = msgq_elem_at(rpc, rpc->cmdq, count, wptr, off, &room);
		room = bytes - off < room ? bytes - off : room;
		memset(p, 0, room);
	}
	el.checksum = msgq_csum_fold(x);
	nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT, &el, e, rpc->eh);

	nvgsp_os_wmb();
	rpc->cmdq_tx.write_ptr = (wptr + elems) % count;
	msgq_store_ptr(rpc->cmdq + rpc->tx_wptr_off, rpc->cmdq_tx.write_ptr);
	nvgsp_os_mb();
	nvgsp_os_wr32(rpc->cfg.bar0, rpc->cfg.doorbell, 0);

	*sequence = rpc->rpc_seq++;
	rpc->tx_seq++;
	return 0;
}

/* ---- receiving ------------------------------------------------------------ */

/*
 * Read and check the headers of the element at the head of the message
 * queue. They are read once, into @rpc->rx_buf, and only the copy is used
 * (GSP-RM cannot change what was checked).
 */
static int nvgsp_msgq_recv_head(struct nvgsp_rpc *rpc, struct nvgsp_xport_elem *e)
{
	const struct nvgsp_abi *abi = rpc->cfg.abi;
	u32 wptr, rptr = rpc->msgq_rptr, used, n, span;
	u32 max_elems = rpc->element_max / rpc->entry_size;
	struct nvgsp_abi_rpc_header *hdr = &e->hdr;
	int ret;

	ret = nvgsp_msgq_wptr(rpc, &wptr);
	if (ret)
		return ret;
	if (wptr == rptr)
		return 0;
	nvgsp_os_rmb();
	used = (wptr + rpc->msgq_count - rptr) % rpc->msgq_count;

	/* entry_size >= hdr_words: the headers never wrap. */
	memcpy(rpc->rx_buf, msgq_slot(rpc, rpc->msgq, rptr), rpc->hdr_words);
	nvgsp_abi_decode(abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT, &e->el, rpc->rx_buf, rpc->eh);
	n = e->el.elem_count;
	if (!n || n > max_elems)
		return nvgsp_xport_proto(&rpc->xport, "element at %u: elemCount %u outside 1..%u",
					 rptr, n, max_elems);
	if (n > used)
		return nvgsp_xport_proto(&rpc->xport, "element at %u: elemCount %u but only %u entries published (readPtr %u, writePtr %u)",
					 rptr, n, used, rptr, wptr);
	nvgsp_abi_decode(abi, NVGSP_ABI_CODEC_RPC_HEADER, hdr, rpc->rx_buf + rpc->eh, rpc->rh);
	if (hdr->length < rpc->rh || hdr->length > n * rpc->entry_size - rpc->eh)
		return nvgsp_xport_proto(&rpc->xport, "element at %u: rpc length %u outside %u..%u for elemCount %u",
					 rptr, hdr->length, rpc->rh,
					 n * rpc->entry_size - rpc->eh, n);
	span = rpc->eh + hdr->length;
	if (msgq_div_up(span, rpc->entry_size) != n)
		return nvgsp_xport_proto(&rpc->xport, "element at %u: elemCount %u but rpc length %u needs %u",
					 rptr, n, hdr->length, msgq_div_up(span, rpc->entry_size));
	e->rptr = rptr;
	e->span = span;
	e->plen = hdr->length - rpc->rh;
	return 1;
}

/*
 * Copy the payload of @e to @dst (memcpy, then XOR the copy; @dst NULL:
 * read and sum only), then check checksum, seqNum and signature, and hand
 * the entries back to GSP-RM. On an error nothing is consumed and @dst may
 * hold part of the refused payload: @dst is a place nobody reads before
 * the message it belongs to is complete and delivered.
 */
static int nvgsp_msgq_recv_body(struct nvgsp_rpc *rpc, const struct nvgsp_xport_elem *e,
				u8 *dst)
{
	u32 hw = rpc->hdr_words, hb = rpc->eh + rpc->rh, end = (e->span + 7) & ~7u;
	u32 head, len, off, room, chunk, words, csum;
	const u8 *p;
	u8 last[8];
	u64 x, w;

	/*
	 * The sender's XOR covers header + length, zero padded to 8 bytes
	 * (GspMsgQueueReceiveStatus()). The headers' words come from the copy,
	 * with the payload's first bytes where the headers end inside a word.
	 */
	x = msgq_xor_copy(NULL, rpc->rx_buf, hw / 8);
	head = e->plen < hw - hb ? e->plen : hw - hb;
	if (dst && head)
		memcpy(dst, rpc->rx_buf + hb, head);
	if (dst)
		dst += head;
	len = e->plen - head;
	for (off = hw; off < end; off += chunk) {
		p = msgq_elem_at(rpc, rpc->msgq, rpc->msgq_count, e->rptr, off, &room);
		chunk = end - off < room ? end - off : room;
		words = (chunk < len ? chunk : len) / 8;
		x ^= msgq_xor_copy(dst, p, words);
		if (dst)
			dst += (size_t)words * 8;
		len -= words * 8;
		if (words * 8 < chunk) {
			/* The last word: the payload's end and zero padding. */
			w = msgq_ld64(p + (size_t)words * 8);
			x ^= w;
			if (dst) {
				msgq_st64(last, w);
				memcpy(dst, last, len);
			}
			len = 0;
		}
	}
	csum = msgq_csum_fold(x);
	if (csum)
		return nvgsp_xport_proto(&rpc->xport, "element at %u (seqNum %u, %s): bad checksum: checkSum 0x%08x, XOR 0x%08x",
					 e->rptr, e->el.seq_num,
					 nvgsp_xport_number_name(&rpc->xport, e->hdr.function),
					 e->el.checksum, csum);
	if (e->el.seq_num != rpc->rx_seq)
		return nvgsp_xport_proto(&rpc->xport, "element at %u (%s): seqNum %u, expected %u",
					 e->rptr, nvgsp_xport_number_name(&rpc->xport, e->hdr.function),
					 e->el.seq_num, rpc->rx_seq);
	if (e->hdr.signature != rpc->signature || e->hdr.header_version != rpc->hdr_version)
		return nvgsp_xport_proto(&rpc->xport, "element seqNum %u: rpc signature 0x%08x version 0x%08x, expected 0x%08x 0x%08x",
					 e->el.seq_num, e->hdr.signature, e->hdr.header_version,
					 rpc->signature, rpc->hdr_version);

	/* Hand the entries back to GSP-RM (our read pointer, in the cmdq's rx header). */
	rpc->msgq_rptr = (e->rptr + e->el.elem_count) % rpc->msgq_count;
	nvgsp_os_mb();
	msgq_store_ptr(rpc->cmdq + rpc->rx_hdr_off + rpc->rx_rptr_off, rpc->msgq_rptr);
	rpc->rx_seq++;
	return 0;
}

const struct nvgsp_transport_ops nvgsp_transport_msgq_v0 = {
	.name = "msgq-v0",
	.version = 0,
	.geometry = nvgsp_msgq_geometry,
	.shared_init = nvgsp_msgq_shared_init,
	.pending = nvgsp_msgq_pending,
	.push = nvgsp_msgq_push,
	.recv_head = nvgsp_msgq_recv_head,
	.recv_body = nvgsp_msgq_recv_body,
};
