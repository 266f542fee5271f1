// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_msgq.c - the GSP-RM side of the "msgq-v0" transport. See
 * gpusim_msgq.h for what it checks and the sources of its layout.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gpusim_msgq.h"

/**
 * struct gpusim_msgq_out - a message waiting to be written.
 * @next: the next one.
 * @function: its function or event number.
 * @result: rpc_result.
 * @sequence: the RPC header's sequence.
 * @len: payload bytes.
 * @sent: payload bytes already written.
 * @started: its first element was written.
 * @repeat: how many more times it is sent once written whole.
 * @data: the payload.
 */
struct gpusim_msgq_out {
	struct gpusim_msgq_out *next;
	u32 function;
	u32 result;
	u32 sequence;
	u32 len;
	u32 sent;
	bool started;
	u32 repeat;
	u8 data[];
};

/* XOR of the u64 words of @len bytes (a multiple of 8), folded hi ^ lo. */
static u32 msgq_fold(const u8 *p, size_t len)
{
	u64 x = 0;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8)
		x ^= get_unaligned_le64(p + i);
	return (u32)(x >> 32) ^ (u32)x;
}

/*
 * Copy to or from the shared buffer at byte offset @off, page by page
 * through the PTE array (the driver's pages need not be contiguous).
 */
static int shm_io(struct gpusim_msgq *q, u64 off, void *buf, size_t len, bool write,
		  const char *what)
{
	u8 *b = buf;

	while (len) {
		u64 pg = off / q->page;
		u32 in = (u32)(off % q->page);
		size_t n = q->page - in;
		u8 *p;

		if (n > len)
			n = len;
		if (pg >= q->npte) {
			gpusim_hw_fail(q->sim, "%s: shared memory offset 0x%llx is beyond the %u pages its PTE array lists",
				       what, off, q->npte);
			return -EFAULT;
		}
		p = gpusim_hw_dma(q->sim, q->pte[pg] + in, n, what);
		if (!p)
			return -EFAULT;
		if (write)
			memcpy(p, b, n);
		else
			memcpy(b, p, n);
		b += n;
		off += n;
		len -= n;
	}
	return 0;
}

static int param(struct gpusim_msgq *q, const char *name, u64 *v)
{
	if (nvgsp_abi_param(q->abi, name, v)) {
		gpusim_hw_fail(q->sim, "ABI table %s has no parameter %s", q->abi->release, name);
		return -EINVAL;
	}
	return 0;
}

static int read_tx(struct gpusim_msgq *q, const struct gpusim_msgq_ring *r,
		   struct nvgsp_abi_msgq_tx_header *tx, const char *what)
{
	u8 buf[64];
	u32 n = nvgsp_abi_codec_size(q->abi, NVGSP_ABI_CODEC_MSGQ_TX_HEADER);
	int ret;

	if (n > sizeof(buf))
		return -EINVAL;
	ret = shm_io(q, r->off, buf, n, false, what);
	if (ret)
		return ret;
	return nvgsp_abi_decode_msgq_tx_header(q->abi, tx, buf, n) < 0 ? -EINVAL : 0;
}

static int write_msgq_tx(struct gpusim_msgq *q)
{
	struct nvgsp_abi_msgq_tx_header tx = {
		.version = 0,
		.size = q->msgq.size,
		.msg_size = q->msgq.msg_size,
		.msg_count = q->msgq.msg_count,
		.write_ptr = q->msg_wptr,
		/* nouveau r535_gsp_shared_init() sets flags 1 ("swap rx") on the
		 * command queue; guess: GSP-RM does the same on its own. */
		.flags = 1,
		.rx_hdr_off = q->msgq.rx_hdr_off,
		.entry_off = q->msgq.entry_off,
	};
	u8 buf[64];
	u64 v;
	int n;

	if (!nvgsp_abi_param(q->abi, "msgq.version", &v))
		tx.version = (u32)v;
	n = nvgsp_abi_encode_msgq_tx_header(q->abi, &tx, buf, sizeof(buf));
	if (n < 0)
		return n;
	return shm_io(q, q->msgq.off, buf, n, true, "message queue header");
}

static int read_rx(struct gpusim_msgq *q, const struct gpusim_msgq_ring *r, u32 *ptr,
		   const char *what)
{
	struct nvgsp_abi_msgq_rx_header rx;
	u8 buf[16];
	u32 n = nvgsp_abi_codec_size(q->abi, NVGSP_ABI_CODEC_MSGQ_RX_HEADER);
	int ret;

	if (n > sizeof(buf))
		return -EINVAL;
	ret = shm_io(q, r->off + r->rx_hdr_off, buf, n, false, what);
	if (ret)
		return ret;
	if (nvgsp_abi_decode_msgq_rx_header(q->abi, &rx, buf, n) < 0)
		return -EINVAL;
	*ptr = rx.read_ptr;
	return 0;
}

static int write_rx(struct gpusim_msgq *q, const struct gpusim_msgq_ring *r, u32 ptr,
		    const char *what)
{
	struct nvgsp_abi_msgq_rx_header rx = { .read_ptr = ptr };
	u8 buf[16];
	int n = nvgsp_abi_encode_msgq_rx_header(q->abi, &rx, buf, sizeof(buf));

	if (n < 0)
		return n;
	return shm_io(q, r->off + r->rx_hdr_off, buf, n, true, what);
}

static int read_ptes(struct gpusim_msgq *q, u64 base)
{
	u32 per_page = q->page / 8, i;
	u8 b[8];

	q->pte = calloc(q->npte, sizeof(*q->pte));
	if (!q->pte)
		return -ENOMEM;
	for (i = 0; i < q->npte; i++) {
		/* Entry i sits in page i / per_page of the array, whose own
		 * address is entry (i / per_page), read before it. */
		u32 pg = i / per_page;
		u64 addr = (pg ? q->pte[pg] : base) + (u64)(i % per_page) * 8;
		u8 *p = gpusim_hw_dma(q->sim, addr, 8, "shared memory PTE array");

		if (!p)
			return -EFAULT;
		memcpy(b, p, 8);
		q->pte[i] = get_unaligned_le64(b);
		if (!q->pte[i] || q->pte[i] % q->page) {
			gpusim_hw_fail(q->sim, "shared memory PTE %u is 0x%llx, not a %u-byte aligned page address",
				       i, q->pte[i], q->page);
			return -EINVAL;
		}
	}
	if (q->pte[0] != base) {
		gpusim_hw_fail(q->sim, "shared memory PTE 0 is 0x%llx but RMARGS sharedMemPhysAddr is 0x%llx (the PTE array is the buffer's first page)",
			       q->pte[0], base);
		return -EINVAL;
	}
	return 0;
}

/* The command queue's header, as the driver initialised it. */
static int check_cmdq(struct gpusim_msgq *q, u64 version, u64 size, u64 rx_hdr_off,
		      u64 entry_off)
{
	struct nvgsp_abi_msgq_tx_header tx;
	u32 want_count;
	int ret;

	ret = read_tx(q, &q->cmdq, &tx, "command queue header");
	if (ret)
		return ret;
	want_count = (u32)((size - entry_off) / q->page);
	if (tx.version != version) {
		gpusim_hw_fail(q->sim, "command queue header: version %u, expected %llu",
			       tx.version, version);
		return -EINVAL;
	}
	if (tx.size != size) {
		gpusim_hw_fail(q->sim, "command queue header: size 0x%x, expected 0x%llx",
			       tx.size, size);
		return -EINVAL;
	}
	if (tx.msg_size != q->page) {
		gpusim_hw_fail(q->sim, "command queue header: msgSize 0x%x, expected 0x%x",
			       tx.msg_size, q->page);
		return -EINVAL;
	}
	if (tx.entry_off != entry_off) {
		gpusim_hw_fail(q->sim, "command queue header: entryOff 0x%x, expected 0x%llx",
			       tx.entry_off, entry_off);
		return -EINVAL;
	}
	if (tx.msg_count != want_count) {
		gpusim_hw_fail(q->sim, "command queue header: msgCount %u, expected %u ((size - entryOff) / msgSize)",
			       tx.msg_count, want_count);
		return -EINVAL;
	}
	if (tx.rx_hdr_off != rx_hdr_off) {
		gpusim_hw_fail(q->sim, "command queue header: rxHdrOff %u, expected %llu",
			       tx.rx_hdr_off, rx_hdr_off);
		return -EINVAL;
	}
	if (tx.write_ptr >= want_count) {
		gpusim_hw_fail(q->sim, "command queue header: writePtr %u outside its %u slots",
			       tx.write_ptr, want_count);
		return -EINVAL;
	}
	q->cmdq.size = tx.size;
	q->cmdq.msg_size = tx.msg_size;
	q->cmdq.msg_count = tx.msg_count;
	q->cmdq.entry_off = tx.entry_off;
	q->cmdq.rx_hdr_off = tx.rx_hdr_off;
	return 0;
}

int gpusim_msgq_init(struct gpusim_msgq *q, struct gpusim *sim, const struct nvgsp_abi *abi,
		     const struct nvgsp_abi_gsp_args *args)
{
	u64 version, cmdq_size, statq_size, entry_size, elem_max, rx_hdr_off, entry_off;
	u64 pte_bytes, end;
	int ret;

	memset(q, 0, sizeof(*q));
	q->sim = sim;
	q->abi = abi;
	q->out_tail = &q->out;
	if (param(q, "msgq.version", &version) || param(q, "msgq.cmdq_size", &cmdq_size) ||
	    param(q, "msgq.statq_size", &statq_size) ||
	    param(q, "msgq.entry_size", &entry_size) ||
	    param(q, "msgq.element_max", &elem_max) ||
	    param(q, "msgq.rx_hdr_off", &rx_hdr_off) || param(q, "msgq.entry_off", &entry_off))
		return -EINVAL;
	q->page = (u32)entry_size;
	q->elem_max = (u32)elem_max;
	q->elem_hdr = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT);
	q->rpc_hdr = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_RPC_HEADER);
	if (!q->page || q->elem_max < q->page || !q->elem_hdr || !q->rpc_hdr) {
		gpusim_hw_fail(sim, "ABI table %s: inconsistent msgq parameters", abi->release);
		return -EINVAL;
	}

	if (!args->shared_mem_phys_addr || args->shared_mem_phys_addr % q->page) {
		gpusim_hw_fail(sim, "RMARGS sharedMemPhysAddr 0x%llx is not a %u-byte aligned address",
			       args->shared_mem_phys_addr, q->page);
		return -EINVAL;
	}
	q->npte = args->page_table_entry_count;
	pte_bytes = ((u64)q->npte * 8 + q->page - 1) / q->page * q->page;
	end = args->stat_queue_offset + statq_size;
	if (args->cmd_queue_offset != pte_bytes) {
		gpusim_hw_fail(sim, "RMARGS cmdQueueOffset 0x%llx, but the PTE array of %u entries ends at 0x%llx",
			       args->cmd_queue_offset, q->npte,
			       pte_bytes);
		return -EINVAL;
	}
	if (args->stat_queue_offset != args->cmd_queue_offset + cmdq_size) {
		gpusim_hw_fail(sim, "RMARGS statQueueOffset 0x%llx, expected 0x%llx (cmdQueueOffset + the 0x%llx-byte command queue)",
			       args->stat_queue_offset,
			       (args->cmd_queue_offset + cmdq_size),
			       cmdq_size);
		return -EINVAL;
	}
	if ((u64)q->npte * q->page != end) {
		gpusim_hw_fail(sim, "RMARGS pageTableEntryCount %u covers 0x%llx bytes, but the queues end at 0x%llx",
			       q->npte, (u64)q->npte * q->page,
			       end);
		return -EINVAL;
	}
	ret = read_ptes(q, args->shared_mem_phys_addr);
	if (ret)
		return ret;

	q->cmdq.off = args->cmd_queue_offset;
	ret = check_cmdq(q, version, cmdq_size, rx_hdr_off, entry_off);
	if (ret)
		return ret;

	q->msgq.off = args->stat_queue_offset;
	q->msgq.size = (u32)statq_size;
	q->msgq.msg_size = q->page;
	q->msgq.entry_off = (u32)entry_off;
	q->msgq.rx_hdr_off = (u32)rx_hdr_off;
	q->msgq.msg_count = (u32)((statq_size - entry_off) / q->page);
	q->elem = calloc(1, q->elem_max);
	q->wbuf = calloc(1, q->elem_max);
	if (!q->elem || !q->wbuf)
		return -ENOMEM;
	ret = write_msgq_tx(q);
	if (!ret)
		ret = write_rx(q, &q->msgq, 0, "message queue rx header");
	return ret;
}

void gpusim_msgq_fini(struct gpusim_msgq *q)
{
	struct gpusim_msgq_out *m;

	while ((m = q->out)) {
		q->out = m->next;
		free(m);
	}
	q->out_tail = &q->out;
	free(q->pte);
	free(q->elem);
	free(q->wbuf);
	q->pte = NULL;
	q->elem = NULL;
	q->wbuf = NULL;
}

static u64 slot_off(const struct gpusim_msgq_ring *r, u32 slot)
{
	return r->off + r->entry_off + (u64)(slot % r->msg_count) * r->msg_size;
}

int gpusim_msgq_peek(struct gpusim_msgq *q, struct gpusim_msgq_cmd *cmd)
{
	struct nvgsp_abi_msgq_tx_header tx;
	struct nvgsp_abi_msgq_element el;
	struct nvgsp_abi_rpc_header rpc;
	u32 cnt = q->cmdq.msg_count, avail, max_pages = q->elem_max / q->page, need, fold, i;
	u64 hv, sig;
	int ret;

	q->peeked = 0;
	ret = read_tx(q, &q->cmdq, &tx, "command queue header");
	if (ret)
		return ret;
	if (tx.write_ptr >= cnt) {
		gpusim_hw_fail(q->sim, "command queue writePtr %u outside its %u slots",
			       tx.write_ptr, cnt);
		return -EINVAL;
	}
	if (tx.write_ptr == q->cmd_rptr)
		return 0;
	avail = (tx.write_ptr + cnt - q->cmd_rptr) % cnt;

	ret = shm_io(q, slot_off(&q->cmdq, q->cmd_rptr), q->elem, q->page, false,
		     "command queue element");
	if (ret)
		return ret;
	nvgsp_abi_decode_msgq_element(q->abi, &el, q->elem, q->elem_hdr);
	if (!el.elem_count || el.elem_count > max_pages) {
		gpusim_hw_fail(q->sim, "command element at slot %u (seqNum %u): elemCount %u outside 1..%u",
			       q->cmd_rptr, el.seq_num, el.elem_count, max_pages);
		return -EINVAL;
	}
	if (el.elem_count > avail) {
		gpusim_hw_fail(q->sim, "command element at slot %u (seqNum %u): elemCount %u but writePtr published only %u slots",
			       q->cmd_rptr, el.seq_num, el.elem_count, avail);
		return -EINVAL;
	}
	for (i = 1; i < el.elem_count; i++) {
		ret = shm_io(q, slot_off(&q->cmdq, q->cmd_rptr + i), q->elem + i * q->page,
			     q->page, false, "command queue element");
		if (ret)
			return ret;
	}
	fold = msgq_fold(q->elem, (size_t)el.elem_count * q->page);
	if (fold) {
		gpusim_hw_fail(q->sim, "command element seqNum %u: checkSum 0x%08x does not match its %u pages (0x%08x expected)",
			       el.seq_num, el.checksum, el.elem_count, el.checksum ^ fold);
		return -EINVAL;
	}
	if (el.seq_num != q->cmd_seq) {
		gpusim_hw_fail(q->sim, "command element seqNum %u, expected %u (elements are numbered from 0 without gaps)",
			       el.seq_num, q->cmd_seq);
		return -EINVAL;
	}

	nvgsp_abi_decode_rpc_header(q->abi, &rpc, q->elem + q->elem_hdr, q->rpc_hdr);
	if (!nvgsp_abi_param(q->abi, "rpc.header_version", &hv) && rpc.header_version != hv) {
		gpusim_hw_fail(q->sim, "command seqNum %u: rpc header_version 0x%08x, expected 0x%08llx",
			       el.seq_num, rpc.header_version, hv);
		return -EINVAL;
	}
	if (!nvgsp_abi_param(q->abi, "rpc.signature", &sig) && rpc.signature != sig) {
		gpusim_hw_fail(q->sim, "command seqNum %u: rpc signature 0x%08x, expected 0x%08llx",
			       el.seq_num, rpc.signature, sig);
		return -EINVAL;
	}
	if (rpc.length < q->rpc_hdr || rpc.length > q->elem_max - q->elem_hdr) {
		gpusim_hw_fail(q->sim, "command seqNum %u (function %u): rpc length %u outside %u..%u",
			       el.seq_num, rpc.function, rpc.length, q->rpc_hdr,
			       q->elem_max - q->elem_hdr);
		return -EINVAL;
	}
	need = (q->elem_hdr + rpc.length + q->page - 1) / q->page;
	if (need != el.elem_count) {
		gpusim_hw_fail(q->sim, "command seqNum %u (function %u): rpc length %u needs %u slots but elemCount is %u",
			       el.seq_num, rpc.function, rpc.length, need, el.elem_count);
		return -EINVAL;
	}
	cmd->function = rpc.function;
	cmd->sequence = rpc.sequence;
	cmd->payload = q->elem + q->elem_hdr + q->rpc_hdr;
	cmd->len = rpc.length - q->rpc_hdr;
	cmd->elem_count = el.elem_count;
	q->peeked = el.elem_count;
	return 1;
}

int gpusim_msgq_consume(struct gpusim_msgq *q)
{
	if (!q->peeked)
		return 0;
	q->cmd_rptr = (q->cmd_rptr + q->peeked) % q->cmdq.msg_count;
	q->cmd_seq++;
	q->peeked = 0;
	/* GSP-RM's read pointer of the command queue lives in the message
	 * queue's rx header (nouveau r535_gsp_shared_init(): cmdq.rptr =
	 * &msgq->rx.readPtr). */
	return write_rx(q, &q->msgq, q->cmd_rptr, "message queue rx header");
}

int gpusim_msgq_send(struct gpusim_msgq *q, u32 function, u32 result, u32 sequence,
		     const void *payload, u32 len)
{
	return gpusim_msgq_send_repeat(q, function, result, sequence, payload, len, 1);
}

int gpusim_msgq_send_repeat(struct gpusim_msgq *q, u32 function, u32 result, u32 sequence,
			    const void *payload, u32 len, u32 count)
{
	struct gpusim_msgq_out *m;

	if (!count)
		return 0;
	if (!q->abi)
		return -EINVAL;	/* GSP-RM has not started: no queues */
	m = calloc(1, sizeof(*m) + len);
	if (!m)
		return -ENOMEM;
	m->function = function;
	m->result = result;
	m->sequence = sequence;
	m->len = len;
	m->repeat = count - 1;
	if (len)
		memcpy(m->data, payload, len);
	*q->out_tail = m;
	q->out_tail = &m->next;
	return gpusim_msgq_flush(q) < 0 ? -EFAULT : 0;
}

/* Write one element of @m (the next chunk) if the driver left room. */
static int write_element(struct gpusim_msgq *q, struct gpusim_msgq_out *m)
{
	struct nvgsp_abi_msgq_element el = { 0 };
	struct nvgsp_abi_rpc_header rpc = { 0 };
	u32 cnt = q->msgq.msg_count, max_payload = q->elem_max - q->elem_hdr - q->rpc_hdr;
	u32 chunk = m->len - m->sent, pages, host_rptr, free_slots, i, fn = m->function;
	u64 v;
	bool torn = false, bad_sum = false;
	int ret;

	if (chunk > max_payload)
		chunk = max_payload;
	pages = (q->elem_hdr + q->rpc_hdr + chunk + q->page - 1) / q->page;
	ret = read_rx(q, &q->cmdq, &host_rptr, "command queue rx header");
	if (ret)
		return ret;
	if (host_rptr >= cnt) {
		gpusim_hw_fail(q->sim, "command queue rx header: the driver's message queue readPtr %u outside its %u slots",
			       host_rptr, cnt);
		return -EINVAL;
	}
	free_slots = (host_rptr + cnt - q->msg_wptr - 1) % cnt;
	if (free_slots < pages)
		return 0;

	if (m->started && nvgsp_abi_rpc_number(q->abi, NVGSP_ABI_RPC_CONTINUATION_RECORD, &fn)) {
		gpusim_hw_fail(q->sim, "ABI table %s has no CONTINUATION_RECORD", q->abi->release);
		return -EINVAL;
	}
	memset(q->wbuf, 0, (size_t)pages * q->page);
	rpc.header_version = !nvgsp_abi_param(q->abi, "rpc.header_version", &v) ? (u32)v : 0;
	rpc.signature = !nvgsp_abi_param(q->abi, "rpc.signature", &v) ? (u32)v : 0;
	rpc.length = q->rpc_hdr + chunk;
	rpc.function = fn;
	rpc.rpc_result = m->result;
	rpc.rpc_result_private = m->result;
	rpc.sequence = m->sequence;
	nvgsp_abi_encode_rpc_header(q->abi, &rpc, q->wbuf + q->elem_hdr, q->rpc_hdr);
	if (chunk)
		memcpy(q->wbuf + q->elem_hdr + q->rpc_hdr, m->data + m->sent, chunk);

	if (gpusim_hw_fault(q->sim, GPUSIM_FAULT_SEQ_ORDER, NULL)) {
		q->msg_seq++;
		gpusim_hw_fault_clear(q->sim, GPUSIM_FAULT_SEQ_ORDER);
	}
	if (gpusim_hw_fault(q->sim, GPUSIM_FAULT_TORN_ELEMENT, NULL)) {
		torn = true;
		gpusim_hw_fault_clear(q->sim, GPUSIM_FAULT_TORN_ELEMENT);
	}
	if (gpusim_hw_fault(q->sim, GPUSIM_FAULT_BAD_CHECKSUM, NULL)) {
		bad_sum = true;
		gpusim_hw_fault_clear(q->sim, GPUSIM_FAULT_BAD_CHECKSUM);
	}
	el.seq_num = q->msg_seq;
	/* A torn element: its header claims one page more than is written
	 * and published, and its checksum covers what the writer had not
	 * finished. */
	el.elem_count = torn ? pages + 1 : pages;
	nvgsp_abi_encode_msgq_element(q->abi, &el, q->wbuf, q->elem_hdr);
	el.checksum = msgq_fold(q->wbuf, (size_t)pages * q->page);
	if (bad_sum || torn)
		el.checksum ^= 0x00c0ffeeu;
	nvgsp_abi_encode_msgq_element(q->abi, &el, q->wbuf, q->elem_hdr);

	for (i = 0; i < pages; i++) {
		ret = shm_io(q, slot_off(&q->msgq, q->msg_wptr + i), q->wbuf + i * q->page,
			     q->page, true, "message queue element");
		if (ret)
			return ret;
	}
	q->msg_wptr = (q->msg_wptr + pages) % cnt;
	q->msg_seq++;
	m->sent += chunk;
	m->started = true;
	ret = write_msgq_tx(q);
	if (ret)
		return ret;
	gpusim_hw_raise_swgen0(q->sim);
	q->irqs++;
	return 1;
}

int gpusim_msgq_flush(struct gpusim_msgq *q)
{
	int written = 0, ret;

	while (q->out) {
		struct gpusim_msgq_out *m = q->out;

		ret = write_element(q, m);
		if (ret < 0)
			return ret;
		if (!ret)
			break;
		written++;
		if (m->sent == m->len && m->repeat) {
			m->repeat--;
			m->sent = 0;
			m->started = false;
		} else if (m->sent == m->len) {
			q->out = m->next;
			if (!q->out)
				q->out_tail = &q->out;
			free(m);
		}
	}
	return written;
}

bool gpusim_msgq_drained(struct gpusim_msgq *q)
{
	u32 host_rptr;

	if (q->out)
		return false;
	if (read_rx(q, &q->cmdq, &host_rptr, "command queue rx header"))
		return false;
	return host_rptr == q->msg_wptr;
}
