// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_rpc.c - the RPC layer over the transport the release table names
 * (today "msgq-v0", nvgsp_msgq.c; bound by nvgsp_transport_find()):
 * creation of the transport, commands split into continuation records,
 * replies matched to their calls, events and their handlers, waits,
 * messages reassembled from continuation records, and the public
 * nvgsp_rpc_* API. The history ring, liveness and protocol-error reports
 * are the link's (nvgsp_xport.c), shared with the implementation below.
 *
 * Function and event numbers come from the bound release's table (the
 * rpc/event maps); the queue geometry, the element layout and the checksum
 * are the transport implementation's, called through rpc->ops.
 *
 * Sources for the protocol (read, not copied):
 *  - nouveau rm/r535/rpc.c r535_gsp_rpc_push(), NVIDIA open-gpu-kernel-modules
 *    vgpu/rpc.c _issueRpcLarge(): a payload longer than one element
 *    continues in CONTINUATION_RECORD elements, each with its own RPC header
 *    whose length covers that element only; the reply to such a command is
 *    as long as the command, in as many records (rpc_declared()).
 *  - NVIDIA open-gpu-kernel-modules kernel_gsp.c _kgspRpcSendMessage(): the
 *    RPC header's .sequence is a running count of the driver's, and
 *    _kgspRpcRecvPoll() matches a reply by function *and* that sequence
 *    (GSP-RM echoes it). nouveau and nova-core leave .sequence 0; we set it
 *    on every element.
 *
 * The data path makes one pass over a received payload: before its body is
 * read (the transport's recv_body copies it out of the ring, then sums the copy),
 * rpc_asm_start() and rpc_asm_next() pick where it goes, straight into the
 * awaited caller's reply buffer when there is one, and the message is
 * delivered only once the checksum matched.
 */
#include "nvgsp_rpc_types.h"
#include "chip/regs/nvgsp_regs_pmc.h"
#include "fw/nvgsp_fw_blob.h"
#include "engine/nvgsp_falcon.h"

/* Default timeout when the configuration gives none. */
#define NVGSP_RPC_TIMEOUT_MS	10000
/*
 * The longest message, either way: a command longer is refused before it
 * is sent, so no reply (which declares its command's length, see
 * rpc_declared()) can be longer either.
 */
#define NVGSP_RPC_MSG_MAX	(16u << 20)

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

static const char *rpc_event_name(u32 id)
{
	return nvgsp_abi_id_name(NVGSP_ABI_GROUP_EVENT, id);
}

/* ---- creation ------------------------------------------------------------ */

int nvgsp_rpc_create(const struct nvgsp_rpc_config *cfg, struct nvgsp_rpc **out)
{
	struct nvgsp_rpc *rpc;
	int ret;

	if (!cfg->abi || !cfg->bar0) {
		nvgsp_os_log(cfg->dev, NVGSP_LOG_ERR, 0, "rpc: no %s", cfg->abi ? "BAR0" : "ABI table");
		return -EINVAL;
	}
	rpc = nvgsp_os_zalloc(sizeof(*rpc));
	if (!rpc)
		return -ENOMEM;
	rpc->cfg = *cfg;
	rpc->dev = cfg->dev;
	rpc->timeout_ms = cfg->timeout_ms ? cfg->timeout_ms : NVGSP_RPC_TIMEOUT_MS;
	rpc->xport = (struct nvgsp_xport){ .dev = cfg->dev, .abi = cfg->abi, .bar0 = cfg->bar0 };
	rpc->ops = nvgsp_transport_find(cfg->abi->transport);
	if (!rpc->ops) {
		nvgsp_os_log(cfg->dev, NVGSP_LOG_ERR, 0,
			     "rpc: GSP-RM %s speaks transport %s (version %u); this module implements %s",
			     cfg->abi->release,
			     cfg->abi->transport && cfg->abi->transport->name ?
			     cfg->abi->transport->name : "(none)",
			     cfg->abi->transport ? cfg->abi->transport->version : 0,
			     nvgsp_transport_msgq_v0.name);
		ret = -EOPNOTSUPP;
		goto err_free_rpc;
	}
	ret = rpc->ops->geometry(rpc);
	if (ret)
		goto err_free_rpc;

	ret = nvgsp_os_mutex_create("nvgsp_rpc", &rpc->lock);
	if (ret)
		goto err_free_rpc;
	ret = nvgsp_os_dma_alloc(cfg->dev, (size_t)rpc->pte_bytes + rpc->cmdq_size +
				 rpc->msgq_size, &rpc->mem);
	if (ret)
		goto err_destroy_lock;
	ret = -ENOMEM;
	rpc->hdr_words = (rpc->eh + rpc->rh + 7) & ~7u;
	rpc->rx_buf = nvgsp_os_zalloc(rpc->hdr_words);
	if (!rpc->rx_buf)
		goto err_free_mem;
	rpc->msg_cap = rpc->element_max;
	rpc->msg = nvgsp_os_zalloc(rpc->msg_cap);
	if (!rpc->msg)
		goto err_free_rx;
	ret = rpc->ops->shared_init(rpc);
	if (ret)
		goto err_free_msg;
	nvgsp_os_log(rpc->dev, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC,
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

enum nvgsp_rpc_state nvgsp_rpc_state(const struct nvgsp_rpc *rpc, char *reason, size_t len)
{
	switch (nvgsp_xport_state(&rpc->xport, reason, len)) {
	case NVGSP_XPORT_RUNNING:
		return NVGSP_RPC_RUNNING;
	case NVGSP_XPORT_GONE:
		return NVGSP_RPC_GONE;
	default:
		return NVGSP_RPC_DEAD;
	}
}

struct nvgsp_os_device *nvgsp_rpc_device(const struct nvgsp_rpc *rpc)
{
	return rpc->dev;
}

int nvgsp_rpc_rm_status(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi, u32 raw,
			const char *what)
{
	u32 id;
	int err;

	if (!raw)
		return 0;
	err = nvgsp_abi_rm_status_errno(abi, raw);
	if (nvgsp_abi_status_id(abi, raw, &id))
		id = NVGSP_ABI_NR_STATUS;
	if (id == NVGSP_ABI_STATUS_NOT_READY || id == NVGSP_ABI_STATUS_TIMEOUT_RETRY)
		nvgsp_os_log_ratelimited(dev, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC,
					 "%s: GSP-RM busy (RM status 0x%x: %s)", what, raw,
					 nvgsp_abi_status_str(id));
	else
		nvgsp_os_log_ratelimited(dev, err ? NVGSP_LOG_ERR : NVGSP_LOG_DEBUG,
					 NVGSP_DBG_RPC, "%s: RM status 0x%x (%s %s)", what, raw,
					 id < NVGSP_ABI_NR_STATUS ?
					 nvgsp_abi_id_name(NVGSP_ABI_GROUP_STATUS, id) : "?",
					 nvgsp_abi_status_str(id));
	return err;
}

void nvgsp_rpc_shm(const struct nvgsp_rpc *rpc, struct nvgsp_rpc_shm *shm)
{
	shm->addr = rpc->mem.addr;
	shm->pte_count = rpc->pte_count;
	shm->cmdq_offset = rpc->pte_bytes;
	shm->statq_offset = (u64)rpc->pte_bytes + rpc->cmdq_size;
}

/* ---- sending -------------------------------------------------------------- */

/*
 * Remember that the command @number seq @sequence of @len payload bytes
 * went out in continuation records: its reply declares as many
 * (rpc_declared()). The oldest entry makes room; its reply, were it ever
 * to come, would then be refused for its continuation records.
 */
static void rpc_split_add(struct nvgsp_rpc *rpc, u32 number, u32 sequence, size_t len)
{
	struct nvgsp_rpc_split *s = &rpc->split[rpc->split_next];

	rpc->split_next = (rpc->split_next + 1) % NVGSP_RPC_SPLIT_MAX;
	s->number = number;
	s->sequence = sequence;
	s->total = (u32)len;	/* <= NVGSP_RPC_MSG_MAX */
	s->used = true;
}

static int rpc_send_locked(struct nvgsp_rpc *rpc, u32 fn_id, const void *payload, size_t len,
			   u32 timeout_ms, u32 *number, u32 *sequence)
{
	const u8 *p = payload;
	u32 max = rpc->element_max - rpc->eh - rpc->rh, chunk, seq;
	size_t done;
	int ret;

	ret = nvgsp_xport_errno(&rpc->xport);
	if (ret)
		return ret;
	if (!nvgsp_xport_alive(&rpc->xport, "before sending a command"))
		return -ENODEV;
	ret = nvgsp_abi_rpc_number(rpc->cfg.abi, fn_id, number);
	if (ret) {
		nvgsp_os_log(rpc->dev, NVGSP_LOG_ERR, 0, "rpc %s (id %u): %s in release %s",
			     rpc_fn_name(fn_id), fn_id,
			     ret == -ENOENT ? "no number" : "not an RPC function",
			     rpc->cfg.abi->release);
		return ret == -ENOENT ? -EOPNOTSUPP : -EINVAL;
	}
	if (len && !payload) {
		nvgsp_os_log(rpc->dev, NVGSP_LOG_ERR, 0, "rpc %s: %zu bytes of payload at NULL",
			     rpc_fn_name(fn_id), len);
		return -EINVAL;
	}
	if (len > NVGSP_RPC_MSG_MAX) {
		nvgsp_os_log(rpc->dev, NVGSP_LOG_ERR, 0, "rpc %s: %zu bytes of payload, over %u",
			     rpc_fn_name(fn_id), len, NVGSP_RPC_MSG_MAX);
		return -EMSGSIZE;
	}

	chunk = len < max ? (u32)len : max;
	ret = rpc->ops->push(rpc, *number, fn_id, p, chunk, timeout_ms, sequence);
	if (ret)
		return ret;
	nvgsp_xport_hist_add(&rpc->xport, false, *number, len, *sequence,
			     rpc->result_pending);
	nvgsp_os_log(rpc->dev, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC, "rpc tx %s len %zu seq %u",
		     rpc_fn_name(fn_id), len, *sequence);
	if (len > chunk)
		rpc_split_add(rpc, *number, *sequence, len);
	/*
	 * The rest in CONTINUATION_RECORD elements, each with its own RPC
	 * header whose length covers that element only (_issueRpcLarge(),
	 * r535_gsp_rpc_push()).
	 */
	for (done = chunk; done < len; done += chunk) {
		chunk = len - done < max ? (u32)(len - done) : max;
		ret = rpc->ops->push(rpc, rpc->cont_number, fn_id, p + done, chunk, timeout_ms,
				      &seq);
		if (ret)
			return ret;
	}
	return 0;
}

int nvgsp_rpc_send(struct nvgsp_rpc *rpc, u32 function, const void *payload, size_t len)
{
	u32 number, seq;
	int ret;

	ret = nvgsp_xport_errno(&rpc->xport);
	if (ret)
		return ret;
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
		nvgsp_os_log(rpc->dev, NVGSP_LOG_ERR, 0,
			     "nvgsp_rpc_send_locked() outside an event handler");
		return -EINVAL;
	}
	return rpc_send_locked(rpc, function, payload, len, rpc->timeout_ms, &number, &seq);
}

/* ---- receiving ------------------------------------------------------------ */

static void rpc_os_error_log(struct nvgsp_rpc *rpc, const u8 *p, size_t len)
{
	struct nvgsp_abi_os_error_log log;

	if (nvgsp_abi_decode(rpc->cfg.abi, NVGSP_ABI_CODEC_OS_ERROR_LOG, &log, p, len) < 0) {
		nvgsp_os_log_ratelimited(rpc->dev, NVGSP_LOG_WARN, 0,
					 "OS_ERROR_LOG event of %zu bytes, shorter than its %u-byte struct",
					 len, nvgsp_abi_codec_size(rpc->cfg.abi,
								   NVGSP_ABI_CODEC_OS_ERROR_LOG));
		return;
	}
	nvgsp_fw_str_sanitize(log.err_string, sizeof(log.err_string));
	nvgsp_os_log_ratelimited(rpc->dev, NVGSP_LOG_ERR, 0,
				 "GSP-RM error (exceptType 0x%x, runlist %u, chid %u): %s",
				 log.except_type, log.runlist_id, log.chid,
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
	nvgsp_os_log_ratelimited(rpc->dev, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC,
				 "GSP-RM libos print (%zu bytes): %s", len, text);
}

static int rpc_event(struct nvgsp_rpc *rpc, u32 id, const struct nvgsp_abi_rpc_header *h)
{
	struct nvgsp_rpc_wait *w = rpc->wait;
	int ret = 0;

	nvgsp_xport_hist_add(&rpc->xport, true, h->function, rpc->msg_len, h->sequence,
			     h->rpc_result);
	nvgsp_os_log_ratelimited(rpc->dev, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC,
				 "rpc rx event %s len %zu", rpc_event_name(id), rpc->msg_len);
	if (rpc->handlers[id].fn) {
		rpc->in_handler = true;
		ret = rpc->handlers[id].fn(rpc->handlers[id].ctx, id, rpc->msg, rpc->msg_len);
		rpc->in_handler = false;
		if (ret < 0)
			nvgsp_os_log_ratelimited(rpc->dev, NVGSP_LOG_ERR, 0,
						 "event %s: handler failed (%d)",
						 rpc_event_name(id), ret);
	} else if (id == NVGSP_ABI_EVENT_OS_ERROR_LOG) {
		rpc_os_error_log(rpc, rpc->msg, rpc->msg_len);
	} else if (id == NVGSP_ABI_EVENT_UCODE_LIBOS_PRINT) {
		rpc_libos_print(rpc, rpc->msg, rpc->msg_len);
	} else if (id == NVGSP_ABI_EVENT_GPUACCT_PERFMON_UTIL_SAMPLES) {
		/*
		 * Sent periodically by a GSP-RM booted for vGPU (the 2024 vGPU
		 * RFC ignores it; Documentation/vgpu-boot.rst): expected, and
		 * not worth a line per sample until accounting uses it.
		 */
	} else {
		nvgsp_os_log_ratelimited(rpc->dev, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC,
					 "event %s (%zu bytes): no handler, dropped",
					 rpc_event_name(id), rpc->msg_len);
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
	int err;

	nvgsp_xport_hist_add(&rpc->xport, true, h->function, rpc->msg_len, h->sequence,
			     h->rpc_result);
	if (!w) {
		/* Replies to nvgsp_rpc_send() commands end here. */
		nvgsp_os_log_ratelimited(rpc->dev, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC,
					 "reply %s seq %u result 0x%x (%zu bytes): not awaited, dropped",
					 rpc_fn_name(id), h->sequence, h->rpc_result, rpc->msg_len);
		return;
	}
	w->done = true;
	w->got = rpc->msg_len;
	w->result = 0;
	if (w->reply && rpc->msg_len > w->reply_len) {
		/* Nothing written past @reply_len (see rpc_asm_start()). */
		nvgsp_os_log_ratelimited(rpc->dev, NVGSP_LOG_ERR, 0,
					 "%s: reply of %zu bytes, room for %zu", rpc_fn_name(id),
					 rpc->msg_len, w->reply_len);
		w->result = -EMSGSIZE;
	} else if (w->reply && rpc->msg_len && rpc->asm_dst == RPC_DST_MSG) {
		memcpy(w->reply, rpc->msg, rpc->msg_len);
	}
	/* Busy (GSP-RM asks to retry) is the caller's to decide: not resent here. */
	err = nvgsp_rpc_rm_status(rpc->dev, rpc->cfg.abi, h->rpc_result, rpc_fn_name(id));
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
	nvgsp_xport_hist_add(&rpc->xport, true, h->function, rpc->msg_len, h->sequence,
			     h->rpc_result);
	nvgsp_os_log_ratelimited(rpc->dev, NVGSP_LOG_WARN, 0,
				 "message with unknown function number 0x%x (%zu bytes, seq %u) dropped",
				 h->function, rpc->msg_len, h->sequence);
	return 0;
}

/*
 * Room for @need bytes at @msg (@need <= NVGSP_RPC_MSG_MAX), for a new
 * message: nothing at @msg is kept. Return: 0; -ENOMEM.
 */
static int rpc_msg_reserve(struct nvgsp_rpc *rpc, size_t need)
{
	u8 *msg;

	if (need <= rpc->msg_cap)
		return 0;
	msg = nvgsp_os_zalloc(need);
	if (!msg)
		return -ENOMEM;
	nvgsp_os_free(rpc->msg);
	rpc->msg = msg;
	rpc->msg_cap = need;
	return 0;
}

/*
 * How many payload bytes the message whose first element has RPC header
 * @h and @plen payload bytes declares, continuation records included.
 *
 * Neither direction's RPC header says: each element's length covers that
 * element only (nouveau r535_gsp_msgq_recv() refuses a first element
 * longer than the largest RPC; NVIDIA's _issueRpcLarge() checks each
 * received record against maxRpcSize). What declares the rest is the
 * command a reply answers: GSP-RM answers a command it received in
 * continuation records with a reply of the command's own length, in as
 * many records (_issueRpcLarge() reads records until the request's bufSize
 * is filled and asserts their count; r535_gsp_rpc_push() waits for
 * payload_size + sizeof(*rpc)), and every other message, events included,
 * is one element (_kgspProcessRpcEvent() and nova-core's wait_for_msg()
 * handle one element). rpc_send_locked() keeps the split commands' lengths
 * in @rpc->split; the reply's function and sequence find it there.
 */
static size_t rpc_declared(struct nvgsp_rpc *rpc, const struct nvgsp_abi_rpc_header *h,
			   u32 plen)
{
	unsigned int i;
	u32 id;

	if (!nvgsp_abi_event_id(rpc->cfg.abi, h->function, &id))
		return plen;
	for (i = 0; i < NVGSP_RPC_SPLIT_MAX; i++) {
		if (rpc->split[i].used && rpc->split[i].number == h->function &&
		    rpc->split[i].sequence == h->sequence) {
			rpc->split[i].used = false;
			return rpc->split[i].total;
		}
	}
	return plen;
}

/*
 * Where the payload of a new message with RPC header @h goes, @want bytes
 * in all (continuation records included): straight into the
 * buffer of the caller awaiting it when it fits there, else into @msg
 * (reserved for all @want bytes at once); nowhere for an awaited reply with
 * no buffer or too long for it (it is still checked and counted), or when
 * @msg cannot grow (@err = -ENOMEM: the message is consumed and dropped).
 * A reply too long for its caller's buffer never touches it; a reply that
 * fails in a later continuation record (-EPROTO) may leave the earlier
 * records' bytes there, never bytes past its @reply_len.
 * Return: the place; NULL for nowhere.
 */
static u8 *rpc_asm_start(struct nvgsp_rpc *rpc, const struct nvgsp_abi_rpc_header *h,
			 size_t want, int *err)
{
	struct nvgsp_rpc_wait *w = rpc_awaits(rpc, h);

	rpc->asm_reply = NULL;
	rpc->asm_room = 0;
	rpc->asm_drop = false;
	rpc->msg_len = 0;
	if (!w) {
		rpc->asm_dst = RPC_DST_MSG;
		*err = rpc_msg_reserve(rpc, want);
		if (!*err)
			return rpc->msg;
		rpc->asm_dst = RPC_DST_NONE;
		rpc->asm_drop = true;
		return NULL;
	}
	if (w->reply && want <= w->reply_len) {
		rpc->asm_dst = RPC_DST_REPLY;
		rpc->asm_reply = w->reply;
		rpc->asm_room = w->reply_len;
		return w->reply;
	}
	rpc->asm_dst = RPC_DST_NONE;
	return NULL;
}

/* Where the next @plen bytes of the message in progress go (NULL: nowhere). */
static u8 *rpc_asm_next(struct nvgsp_rpc *rpc, u32 plen)
{
	if (rpc->asm_drop || rpc->msg_len + plen > rpc->asm_want)
		return NULL;
	if (rpc->asm_dst == RPC_DST_MSG)
		return rpc->msg + rpc->msg_len;		/* reserved for asm_want */
	if (rpc->asm_dst == RPC_DST_REPLY)
		return rpc->asm_reply + rpc->msg_len;	/* asm_want <= asm_room */
	return NULL;
}

/* The message in progress has all its declared bytes: deliver it. */
static int rpc_finish(struct nvgsp_rpc *rpc)
{
	bool drop = rpc->asm_drop;

	rpc->asm_active = false;
	rpc->asm_drop = false;
	return drop ? 0 : rpc_deliver(rpc);
}

/*
 * Receive and process one element: its payload goes, checked on the way,
 * where its message is reassembled (see rpc_asm_start()). A message is
 * complete exactly when the bytes its first element declares
 * (rpc_declared()) have arrived; a continuation record beyond them or with
 * no message in progress, or a new message before them, is a protocol
 * error. Each is reported once the element's checksum was found good, so
 * that a corrupt element is reported as corrupt.
 * Return: 1, 0 when empty, -errno.
 */
static int rpc_process(struct nvgsp_rpc *rpc)
{
	const char *name;
	struct nvgsp_xport_elem e;
	size_t want = 0;
	u8 *dst = NULL;
	bool cont;
	int ret, err = 0;

	ret = rpc->ops->recv_head(rpc, &e);
	if (ret <= 0)
		return ret;
	cont = e.hdr.function == rpc->cont_number;
	if (cont && rpc->asm_active) {
		dst = rpc_asm_next(rpc, e.plen);
	} else if (!cont && !rpc->asm_active) {
		/* <= NVGSP_RPC_MSG_MAX: rpc_send_locked() sends no more. */
		want = rpc_declared(rpc, &e.hdr, e.plen);
		dst = rpc_asm_start(rpc, &e.hdr, want, &err);
	}
	ret = rpc->ops->recv_body(rpc, &e, dst);
	if (ret)
		return ret;

	name = nvgsp_xport_number_name(&rpc->xport, rpc->asm_hdr.function);
	if (cont) {
		if (!rpc->asm_active)
			return nvgsp_xport_proto(&rpc->xport, "continuation record seq %u (%u bytes) continues no message",
						 e.hdr.sequence, e.plen);
		if (e.plen > rpc->asm_want - rpc->msg_len)
			return nvgsp_xport_proto(&rpc->xport, "%s seq %u: continuation record of %u bytes, only %zu of its %zu declared bytes remain",
						 name, rpc->asm_hdr.sequence, e.plen,
						 rpc->asm_want - rpc->msg_len, rpc->asm_want);
		rpc->msg_len += e.plen;
	} else {
		if (rpc->asm_active)
			return nvgsp_xport_proto(&rpc->xport, "%s seq %u: %zu of its %zu declared bytes arrived, then %s seq %u",
						 name, rpc->asm_hdr.sequence, rpc->msg_len,
						 rpc->asm_want,
						 nvgsp_xport_number_name(&rpc->xport, e.hdr.function),
						 e.hdr.sequence);
		rpc->asm_hdr = e.hdr;
		rpc->asm_want = want;
		rpc->asm_active = true;
		rpc->msg_len = e.plen;
		if (err)
			nvgsp_os_log_ratelimited(rpc->dev, NVGSP_LOG_ERR, 0,
						 "%s seq %u: no memory for a %zu-byte message, dropped",
						 nvgsp_xport_number_name(&rpc->xport, e.hdr.function),
						 e.hdr.sequence, want);
	}
	if (rpc->msg_len < rpc->asm_want)
		return err ? err : 1;
	ret = rpc_finish(rpc);
	return err ? err : (ret ? ret : 1);
}

/*
 * Process the messages published, at most NVGSP_RPC_DRAIN_BUDGET elements;
 * @rpc->backlog says whether it stopped at the budget with more there.
 * Return: elements processed, or -errno.
 */
static int rpc_drain_locked(struct nvgsp_rpc *rpc)
{
	bool acked = false;
	int n = 0, ret;

	WRITE_ONCE(rpc->backlog, false);
	for (;;) {
		ret = rpc->ops->pending(rpc);
		if (ret <= 0)
			return ret ? ret : n;
		if (n == NVGSP_RPC_DRAIN_BUDGET) {
			WRITE_ONCE(rpc->backlog, true);
			return n;
		}
		if (n && !(n % NVGSP_RPC_DRAIN_YIELD))
			nvgsp_os_cond_resched();
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

/*
 * A wait ran out: GSP-RM is dead. Say whether its RISC-V core halted (a
 * crash) or it simply stopped answering (a hang).
 */
static void rpc_timed_out(struct nvgsp_rpc *rpc, const char *what, u64 waited_ns)
{
	bool halted = rpc->cfg.falcon && nvgsp_falcon_riscv_halted(rpc->cfg.falcon);

	nvgsp_xport_die(&rpc->xport, NVGSP_XPORT_DEAD, "%s: no answer after %llu ms%s", what,
			waited_ns / 1000000, halted ? ", GSP RISC-V core halted" : "");
}

/*
 * Whether GSP-RM's RISC-V core halted (it crashed) while a caller waits:
 * asked every NVGSP_RPC_HALT_CHECK_NS of a quiet wait, so that a crash
 * costs the caller about that, not the whole timeout. One register read
 * (the idle liveness check's, nvgsp_rpc_check_alive()). A GSP-RM that
 * answers and then halts on purpose (UNLOADING_GUEST_DRIVER) published
 * its answer first: the caller drains once more before it gives up.
 */
static bool rpc_halted(struct nvgsp_rpc *rpc, u64 now, u64 *checked)
{
	if (!rpc->cfg.falcon || now - *checked < NVGSP_RPC_HALT_CHECK_NS)
		return false;
	*checked = now;
	return nvgsp_falcon_riscv_halted(rpc->cfg.falcon);
}

static int rpc_wait_locked(struct nvgsp_rpc *rpc, struct nvgsp_rpc_wait *w, u32 timeout_ms,
			   const char *what)
{
	u64 start = nvgsp_os_time_ns(), now, checked = start;
	u32 delay = NVGSP_RPC_POLL_MIN_US;
	int ret;

	ret = nvgsp_xport_errno(&rpc->xport);
	if (ret)
		return ret;
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
		if (!ret && !nvgsp_xport_alive(&rpc->xport, "while waiting for GSP-RM")) {
			ret = -ENODEV;
			break;
		}
		if (!ret && rpc_halted(rpc, now, &checked)) {
			ret = rpc_drain_locked(rpc);
			if (w->done) {
				ret = w->result;
				break;
			}
			if (ret >= 0) {
				nvgsp_xport_die(&rpc->xport, NVGSP_XPORT_DEAD,
						"%s: GSP RISC-V core halted after %llu ms", what,
						(now - start) / 1000000);
				ret = -EIO;
			}
			break;
		}
		if (now - start >= (u64)timeout_ms * 1000000) {
			rpc_timed_out(rpc, what, now - start);
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
	ret = nvgsp_xport_errno(&rpc->xport);
	if (ret)
		return ret;
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
	ret = nvgsp_xport_errno(&rpc->xport);
	if (ret)
		return ret;
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

	ret = nvgsp_xport_errno(&rpc->xport);
	if (ret)
		return ret;
	nvgsp_os_mutex_lock(rpc->lock);
	before = rpc->delivered;
	ret = nvgsp_xport_errno(&rpc->xport);
	if (!ret && !nvgsp_xport_alive(&rpc->xport, "while polling the message queue"))
		ret = -ENODEV;
	if (!ret)
		ret = rpc_drain_locked(rpc);
	if (ret >= 0)
		ret = (int)(rpc->delivered - before);
	nvgsp_os_mutex_unlock(rpc->lock);
	return ret;
}

bool nvgsp_rpc_backlog(const struct nvgsp_rpc *rpc)
{
	return READ_ONCE(rpc->backlog);
}
