// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vgpu_rpc.c - the host side of a vGPU's RPC channel to its GSP
 * plugin task: regions in the vGPU's management heap (control, response,
 * message, ...), written and read through the FB window, and the PF
 * doorbell. Documentation/vgpu-manager.rst, "Host RPC channel".
 *
 * The plugin (and, through it, the guest) can write the response and
 * message regions: every read copies the bytes out first and checks what
 * it uses (sequence numbers, result code, lengths). Waiting sleeps, with a
 * bounded timeout, and looks at GSP-RM's health on every round: a dead
 * GSP-RM fails the wait at once. A reply that never comes or does not make
 * sense breaks the channel for good: later calls fail at once with -EIO,
 * and the vGPU can only be destroyed.
 */
#include "vgpu/nvgsp_vgpu_internal.h"
#include "chip/regs/nvgsp_regs_vfn.h"

/* How long the plugin may take to boot (the 2025 RFC waits 10 s) and to
 * answer one message (our bound; the RFC waits 120 s, busy, under a mutex). */
#define VGPU_BOOT_TIMEOUT_MS	10000u
#define VGPU_RPC_TIMEOUT_MS	10000u
/* Sleep between looks: from 50 us, doubling, at most 10 ms. */
#define VGPU_POLL_MIN_US	50u
#define VGPU_POLL_MAX_US	10000u

/* Where one u32 field of the control region lies (nvgsp_vgpu_rpc_layout()). */
static int vgpu_ctrl_field(const struct nvgsp_abi *abi, const struct nvgsp_abi_vgpu_rpc_ctrl *f,
			   u32 *off)
{
	struct nvgsp_abi_vgpu_rpc_ctrl zero = { 0 };
	u32 len;
	int ret;

	ret = nvgsp_abi_codec_span(abi, NVGSP_ABI_CODEC_VGPU_RPC_CTRL, f, &zero, off, &len);
	if (ret)
		return ret == -ENOMEM ? ret : -EPROTO;
	return len == 4 && !(*off % 4) ? 0 : -EPROTO;
}

/*
 * The channel writes single fields of the control region (message_type,
 * message_seq_num) and never rewrites what the plugin writes beside them;
 * where they lie comes from the release's codec (nvgsp_abi_codec_span()),
 * once per manager. The plugin reads them after the doorbell, which is
 * written after them.
 */
int nvgsp_vgpu_rpc_layout(struct nvgsp_vgpu_mgr *mgr)
{
	struct nvgsp_abi_vgpu_rpc_ctrl f = { .message_type = ~0u };
	int ret;

	ret = vgpu_ctrl_field(mgr->cfg.abi, &f, &mgr->ctrl_type_off);
	if (!ret) {
		f = (struct nvgsp_abi_vgpu_rpc_ctrl){ .message_seq = ~0u };
		ret = vgpu_ctrl_field(mgr->cfg.abi, &f, &mgr->ctrl_seq_off);
	}
	if (ret && ret != -ENOMEM)
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU: GSP-RM %s: message_type/message_seq_num are not aligned u32 fields of the control region",
			     mgr->cfg.abi->release);
	return ret;
}

static u32 vgpu_param32(const struct nvgsp_abi *abi, const char *name)
{
	u64 v;

	if (nvgsp_abi_param(abi, name, &v) || v > 0xffffffffull)
		return 0;
	return (u32)v;
}

void nvgsp_vgpu_rpc_init(struct nvgsp_vgpu *vgpu)
{
	struct nvgsp_vgpu_rpc *rpc = &vgpu->rpc;
	const struct nvgsp_vgpu_heap_layout *l = &vgpu->layout;

	memset(rpc, 0, sizeof(*rpc));
	rpc->heap = vgpu->heap_addr;
	rpc->ctrl_off = l->ctrl.offset;
	rpc->resp_off = l->response.offset;
	rpc->msg_off = l->message.offset;
	rpc->migration_off = l->migration.offset;
	rpc->error_off = l->error.offset;
	rpc->msg_size = (u32)l->message.size;
}

/* Sleep before the next look: from VGPU_POLL_MIN_US, doubling, capped. */
static u32 vgpu_poll_sleep(u32 us)
{
	nvgsp_os_usleep(us);
	return us * 2 > VGPU_POLL_MAX_US ? VGPU_POLL_MAX_US : us * 2;
}

/* Read one u32 field of the control region (the plugin writes message_seq_num). */
static int vgpu_ctrl_read(struct nvgsp_vgpu *vgpu, u32 off, u32 *val)
{
	u8 b[4];
	int ret;

	ret = nvgsp_vgpu_fb_copy_out(vgpu->mgr, vgpu->rpc.heap + vgpu->rpc.ctrl_off + off, b, 4);
	if (!ret)
		*val = get_unaligned_le32(b);
	return ret;
}

static int vgpu_ctrl_write(struct nvgsp_vgpu *vgpu, u32 off, u32 val)
{
	u8 b[4];

	put_unaligned_le32(val, b);
	return nvgsp_vgpu_fb_copy_in(vgpu->mgr, vgpu->rpc.heap + vgpu->rpc.ctrl_off + off, b, 4);
}

/*
 * The control region's version and region offsets (offsets from the
 * control region's start, as both RFCs write them), written after BOOTLOAD
 * as the RFCs do, every field but message_seq_num, which the plugin owns
 * until it has reported itself bootloaded.
 */
int nvgsp_vgpu_rpc_start(struct nvgsp_vgpu *vgpu)
{
	const struct nvgsp_abi *abi = vgpu->mgr->cfg.abi;
	struct nvgsp_vgpu_rpc *rpc = &vgpu->rpc;
	struct nvgsp_abi_vgpu_rpc_ctrl c = { 0 };
	u32 size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_VGPU_RPC_CTRL);
	u32 seq = vgpu->mgr->ctrl_seq_off;
	u64 base = rpc->heap + rpc->ctrl_off;
	u8 *buf;
	int ret;

	if (!size || size > vgpu->layout.ctrl.size)
		return -EOPNOTSUPP;
	buf = nvgsp_os_zalloc(size);
	if (!buf)
		return -ENOMEM;
	c.version = vgpu_param32(abi, "vgpu.rpc.ctrl_version");
	c.response_off = rpc->resp_off - rpc->ctrl_off;
	c.message_off = rpc->msg_off - rpc->ctrl_off;
	c.migration_off = rpc->migration_off - rpc->ctrl_off;
	c.error_off = rpc->error_off - rpc->ctrl_off;
	ret = nvgsp_abi_encode_vgpu_rpc_ctrl(abi, &c, buf, size);
	if (ret >= 0)
		ret = nvgsp_vgpu_fb_copy_in(vgpu->mgr, base, buf, seq);
	if (ret >= 0)
		ret = nvgsp_vgpu_fb_copy_in(vgpu->mgr, base + seq + 4, buf + seq + 4,
					    size - seq - 4);
	nvgsp_os_free(buf);
	return ret < 0 ? ret : 0;
}

int nvgsp_vgpu_rpc_wait_boot(struct nvgsp_vgpu *vgpu)
{
	struct nvgsp_vgpu_mgr *mgr = vgpu->mgr;
	u32 marker = vgpu_param32(mgr->cfg.abi, "vgpu.rpc.bootloaded");
	u64 deadline = nvgsp_os_time_ns() +
		       (u64)VGPU_BOOT_TIMEOUT_MS * mgr->cfg.timeout_scale * 1000000ull;
	u32 us = VGPU_POLL_MIN_US, val = 0;
	int ret;

	if (!marker)
		return -EOPNOTSUPP;
	for (;;) {
		ret = nvgsp_vgpu_mgr_alive_hw(mgr);
		if (!ret)
			ret = vgpu_ctrl_read(vgpu, mgr->ctrl_seq_off, &val);
		if (ret)
			return ret;
		if (val == marker)
			return 0;
		if (nvgsp_os_time_ns() >= deadline)
			break;
		us = vgpu_poll_sleep(us);
	}
	nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
		     "vGPU GFID %u: the plugin task did not report itself bootloaded in %u ms (message_seq_num 0x%08x)",
		     vgpu->gfid, VGPU_BOOT_TIMEOUT_MS * mgr->cfg.timeout_scale, val);
	return -ETIMEDOUT;
}

/* Copy the response region out and decode it. */
static int vgpu_resp_read(struct nvgsp_vgpu *vgpu, struct nvgsp_abi_vgpu_rpc_resp *r)
{
	const struct nvgsp_abi *abi = vgpu->mgr->cfg.abi;
	u32 size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_VGPU_RPC_RESP);
	u8 *buf;
	int ret;

	if (!size || size > vgpu->layout.response.size)
		return -EOPNOTSUPP;
	buf = nvgsp_os_zalloc(size);
	if (!buf)
		return -ENOMEM;
	ret = nvgsp_vgpu_fb_copy_out(vgpu->mgr, vgpu->rpc.heap + vgpu->rpc.resp_off, buf, size);
	if (!ret)
		ret = nvgsp_abi_decode_vgpu_rpc_resp(abi, r, buf, size) < 0 ? -EPROTO : 0;
	nvgsp_os_free(buf);
	return ret;
}

int nvgsp_vgpu_rpc_response(struct nvgsp_vgpu *vgpu, struct nvgsp_abi_vgpu_rpc_resp *r)
{
	return vgpu_resp_read(vgpu, r);
}

/* The channel is no longer trusted: log why, once. */
static int vgpu_rpc_break(struct nvgsp_vgpu *vgpu, const char *what, int err, const char *why,
			  u32 a, u32 b)
{
	vgpu->rpc.broken = true;
	nvgsp_os_log(vgpu->mgr->cfg.dev, NVGSP_LOG_ERR, 0,
		     "vGPU GFID %u: host RPC %s (seq %u): %s (%u, %u); the channel is not used again",
		     vgpu->gfid, what, vgpu->rpc.seq, why, a, b);
	return err;
}

/* Wait, sleeping, for the plugin to have processed message vgpu->rpc.seq. */
static int vgpu_rpc_wait(struct nvgsp_vgpu *vgpu, const char *what,
			 struct nvgsp_abi_vgpu_rpc_resp *r)
{
	struct nvgsp_vgpu_mgr *mgr = vgpu->mgr;
	u32 seq = vgpu->rpc.seq, us = VGPU_POLL_MIN_US;
	u64 deadline = nvgsp_os_time_ns() +
		       (u64)VGPU_RPC_TIMEOUT_MS * mgr->cfg.timeout_scale * 1000000ull;
	bool has_received = nvgsp_abi_codec_fields(mgr->cfg.abi, NVGSP_ABI_CODEC_VGPU_RPC_RESP) &
			    NVGSP_ABI_VGPU_RPC_RESP_F_SEQ_RECEIVED;
	int ret;

	for (;;) {
		ret = nvgsp_vgpu_mgr_alive_hw(mgr);
		if (!ret)
			ret = vgpu_resp_read(vgpu, r);
		if (ret)
			return ret;
		if (r->seq_processed == seq)
			break;
		/* Only the previous message may still show: anything else is garbage. */
		if (r->seq_processed != seq - 1)
			return vgpu_rpc_break(vgpu, what, -EPROTO,
					      "message_seq_num_processed is neither this message's nor the previous",
					      r->seq_processed, seq);
		if (nvgsp_os_time_ns() >= deadline)
			return vgpu_rpc_break(vgpu, what, -ETIMEDOUT, "no answer in time (ms, scale)",
					      VGPU_RPC_TIMEOUT_MS, mgr->cfg.timeout_scale);
		us = vgpu_poll_sleep(us);
	}
	if (has_received && r->seq_received != seq)
		return vgpu_rpc_break(vgpu, what, -EPROTO,
				      "message_seq_num_received differs from the processed one",
				      r->seq_received, seq);
	return 0;
}

/*
 * The FB window moves whole dwords; payloads (UPDATE_BME_STATE's is 2 bytes)
 * go through a bounce buffer rounded up to one, zero-padded.
 */
static int vgpu_msg_write(struct nvgsp_vgpu_mgr *mgr, u64 addr, const void *data, u32 len)
{
	u32 padded = (len + 3) & ~3u;
	u8 *buf = nvgsp_os_zalloc(padded);
	int ret;

	if (!buf)
		return -ENOMEM;
	memcpy(buf, data, len);
	ret = nvgsp_vgpu_fb_copy_in(mgr, addr, buf, padded);
	nvgsp_os_free(buf);
	return ret;
}

static int vgpu_msg_read(struct nvgsp_vgpu_mgr *mgr, u64 addr, void *data, u32 len)
{
	u32 padded = (len + 3) & ~3u;
	u8 *buf = nvgsp_os_zalloc(padded);
	int ret;

	if (!buf)
		return -ENOMEM;
	ret = nvgsp_vgpu_fb_copy_out(mgr, addr, buf, padded);
	if (!ret)
		memcpy(data, buf, len);
	nvgsp_os_free(buf);
	return ret;
}

int nvgsp_vgpu_rpc_call(struct nvgsp_vgpu *vgpu, const char *what, u32 msg,
			const void *data, u32 len, void *reply, u32 reply_len)
{
	struct nvgsp_vgpu_mgr *mgr = vgpu->mgr;
	struct nvgsp_vgpu_rpc *rpc = &vgpu->rpc;
	struct nvgsp_abi_vgpu_rpc_resp r;
	u64 msg_addr = rpc->heap + rpc->msg_off;
	int ret;

	nvgsp_os_mutex_assert_held(vgpu->lock);
	ret = nvgsp_vgpu_mgr_alive(mgr);
	if (ret)
		return ret;
	if (rpc->broken)
		return -EIO;
	if (!msg || len > rpc->msg_size || reply_len > rpc->msg_size || (len && !data))
		return -EINVAL;
	if (len)
		ret = vgpu_msg_write(mgr, msg_addr, data, len);
	if (!ret)
		ret = vgpu_ctrl_write(vgpu, mgr->ctrl_type_off, msg);
	if (!ret)
		ret = vgpu_ctrl_write(vgpu, mgr->ctrl_seq_off, rpc->seq + 1);
	if (ret)
		return ret;
	rpc->seq++;
	nvgsp_os_wr32(mgr->cfg.bar0, NV_VIRTUAL_FUNCTION_PRIV_BASE + NV_VIRTUAL_FUNCTION_PRIV_DOORBELL,
		      NV_VGPU_PLUGIN_DOORBELL(vgpu->gfid));
	/* Read back, as the RFCs do: the write has reached the GPU. */
	nvgsp_os_rd32(mgr->cfg.bar0, NV_VIRTUAL_FUNCTION_PRIV_BASE + NV_VIRTUAL_FUNCTION_PRIV_DOORBELL);

	ret = vgpu_rpc_wait(vgpu, what, &r);
	if (ret)
		return ret;
	if (r.result) {
		nvgsp_os_log(mgr->cfg.dev, NVGSP_LOG_ERR, 0,
			     "vGPU GFID %u: host RPC %s (seq %u): the plugin returned result 0x%x",
			     vgpu->gfid, what, rpc->seq, r.result);
		return -EREMOTEIO;
	}
	if (reply_len)
		ret = vgpu_msg_read(mgr, msg_addr, reply, reply_len);
	return ret;
}
