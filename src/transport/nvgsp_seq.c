// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_seq.c - the RUN_CPU_SEQUENCER interpreter.
 *
 * DOC: the command buffer
 *
 * The event's payload is rpc_run_cpu_sequencer (decoded through the
 * release's SEQUENCER codec: bufferSizeDWord, cmdIndex, regSaveArea[8])
 * followed by the command buffer, u32 words. Each command is an opcode
 * word (numbered by the release's "seqop" map) and its operands:
 *
 *  REG_WRITE {addr, val}                        2 operands
 *  REG_MODIFY {addr, mask, val}                 3: reg = (reg & ~mask) | val
 *  REG_POLL {addr, mask, val, timeout, error}   5: until (reg & mask) == val;
 *                                                  timeout in us, 0 = 4 s,
 *                                                  at most 4 s
 *  DELAY_US {val}                               1
 *  REG_STORE {addr, index}                      2: save area[index] = reg
 *  CORE_RESET, CORE_START, CORE_WAIT_FOR_HALT, CORE_RESUME   none
 *
 * cmdIndex is the number of words of the buffer in use: nouveau's
 * r535_gsp_msg_run_cpu_sequencer() (rm/r535/gsp.c) walks "while (ptr <
 * cmdIndex)" advancing ptr by 1 + GSP_SEQUENCER_PAYLOAD_SIZE_DWORDS(op),
 * which gives the operand counts above, as NVIDIA's
 * kgspExecuteSequencerBuffer() does. (nova-core's sequencer.rs reads it as
 * a count of commands; for the empty script GSP-RM sends on most chips the
 * two readings agree.)
 *
 * The whole buffer is checked (opcodes, operand counts, registers inside
 * BAR0, save-area indices, delay limits) before the first command acts, so
 * a malformed script changes nothing. Running, the script is bounded in
 * time (see the limits below), and a REG_POLL on a device that fell off the
 * bus fails at once with -ENODEV.
 */
#include "nvgsp_seq.h"
#include "fw/nvgsp_fw_blob.h"
#include "chip/regs/nvgsp_regs_pmc.h"

/*
 * Time bounds. GSP-RM hands REG_POLL a 32-bit timeout in microseconds (up
 * to 71 minutes) and may send any number of DELAY_US; neither may hold the
 * driver (probe, the RPC lock) for long.
 *
 * REG_POLL's timeout when the command gives 0 is 4 s, as in nouveau
 * (drivers/gpu/drm/nouveau/nvkm/subdev/gsp/rm/r535/gsp.c,
 * r535_gsp_msg_run_cpu_sequencer()) and nova-core
 * (drivers/gpu/nova-core/gsp/sequencer.rs, RegPollPayload::run()). That is
 * also the most one command may wait: a longer timeout is cut to it.
 * Neither reference bounds DELAY_US (nouveau udelay()s, nova-core
 * fsleep()s the value); real scripts wait microseconds, so one delay of
 * more than 1 s is refused as malformed.
 *
 * The whole script may take 10 s, what nova-core allows for a GSP message
 * to arrive during boot (Cmdq::RECEIVE_TIMEOUT,
 * drivers/gpu/nova-core/gsp/cmdq.rs): a script whose delays add up to more
 * is refused before it runs, and polls are cut to the time left.
 */
#define NVGSP_SEQ_POLL_DEFAULT_US	4000000u
#define NVGSP_SEQ_CMD_MAX_US		4000000u
#define NVGSP_SEQ_DELAY_MAX_US		1000000u
#define NVGSP_SEQ_SCRIPT_MAX_US		10000000u
#define NVGSP_SEQ_MAX_OPERANDS		5

static const u8 nvgsp_seq_operands[NVGSP_ABI_NR_SEQOP] = {
	[NVGSP_ABI_SEQOP_REG_WRITE] = 2,
	[NVGSP_ABI_SEQOP_REG_MODIFY] = 3,
	[NVGSP_ABI_SEQOP_REG_POLL] = 5,
	[NVGSP_ABI_SEQOP_DELAY_US] = 1,
	[NVGSP_ABI_SEQOP_REG_STORE] = 2,
	[NVGSP_ABI_SEQOP_CORE_RESET] = 0,
	[NVGSP_ABI_SEQOP_CORE_START] = 0,
	[NVGSP_ABI_SEQOP_CORE_WAIT_FOR_HALT] = 0,
	[NVGSP_ABI_SEQOP_CORE_RESUME] = 0,
};

static const char *seq_op_name(u32 op)
{
	return nvgsp_abi_id_name(NVGSP_ABI_GROUP_SEQOP, op);
}

/* A register operand must be an aligned offset inside BAR0. */
static int seq_check_reg(struct nvgsp_seq *seq, u32 cmd, u32 op, u32 addr)
{
	u64 size = nvgsp_os_bar_size(seq->bar0);

	if (!(addr & 3) && (u64)addr + 4 <= size)
		return 0;
	nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_ERR, 0,
				 "sequencer command %u: %s register 0x%x outside BAR0 (0x%llx bytes) or unaligned",
				 cmd, seq_op_name(op), addr, size);
	return -EPROTO;
}

/* Microseconds left of the script's time, 0 when it has run out. */
static u32 seq_time_left_us(const struct nvgsp_seq *seq)
{
	u64 used = (nvgsp_os_time_ns() - seq->start_ns) / 1000;

	return used >= NVGSP_SEQ_SCRIPT_MAX_US ? 0 : NVGSP_SEQ_SCRIPT_MAX_US - (u32)used;
}

/*
 * A register that reads all ones: either its real value or a device that
 * fell off the bus. NV_PMC_BOOT_0 never reads all ones on a live GPU, so
 * it tells which.
 */
static bool seq_device_gone(struct nvgsp_seq *seq, u32 v)
{
	return v == 0xffffffffu && nvgsp_os_rd32(seq->bar0, NV_PMC_BOOT_0) == 0xffffffffu;
}

static int seq_poll(struct nvgsp_seq *seq, u32 cmd, const u32 *a)
{
	u32 addr = a[0], mask = a[1], val = a[2], asked = a[3], error = a[4];
	u32 timeout_us = asked ? asked : NVGSP_SEQ_POLL_DEFAULT_US, delay = 2, left, v;
	u64 start = nvgsp_os_time_ns(), waited;

	if (timeout_us > NVGSP_SEQ_CMD_MAX_US)
		timeout_us = NVGSP_SEQ_CMD_MAX_US;
	left = seq_time_left_us(seq);
	if (timeout_us > left)
		timeout_us = left;
	for (;;) {
		v = nvgsp_os_rd32(seq->bar0, addr);
		if (seq_device_gone(seq, v)) {
			nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_ERR, 0,
						 "sequencer command %u: REG_POLL register 0x%x and NV_PMC_BOOT_0 read 0xffffffff: the device is gone",
						 cmd, addr);
			return -ENODEV;
		}
		if ((v & mask) == val)
			return 0;
		waited = nvgsp_os_time_ns() - start;
		if (waited >= (u64)timeout_us * 1000) {
			nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_ERR, 0,
						 "sequencer command %u: REG_POLL timed out after %u us (asked %u us): register 0x%x & 0x%08x reads 0x%08x, wanted 0x%08x (error code 0x%x)",
						 cmd, timeout_us, asked, addr, mask, v & mask, val, error);
			return -ETIMEDOUT;
		}
		nvgsp_os_usleep(delay);
		delay = delay * 2 > 1000 ? 1000 : delay * 2;
	}
}

static int seq_core(struct nvgsp_seq *seq, u32 cmd, u32 op)
{
	int (*fn)(void *ctx) = NULL;
	int ret;

	if (seq->ops) {
		switch (op) {
		case NVGSP_ABI_SEQOP_CORE_RESET:
			fn = seq->ops->core_reset;
			break;
		case NVGSP_ABI_SEQOP_CORE_START:
			fn = seq->ops->core_start;
			break;
		case NVGSP_ABI_SEQOP_CORE_WAIT_FOR_HALT:
			fn = seq->ops->core_wait_for_halt;
			break;
		default:
			fn = seq->ops->core_resume;
			break;
		}
	}
	if (!fn) {
		nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_ERR, 0,
					 "sequencer command %u: %s, but no such core operation was given",
					 cmd, seq_op_name(op));
		return -EOPNOTSUPP;
	}
	ret = fn(seq->ctx);
	if (ret)
		nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_ERR, 0,
					 "sequencer command %u: %s failed (%d)",
					 cmd, seq_op_name(op), ret);
	return ret;
}

/* Operands that can be checked without acting: registers, indices, limits. */
static int seq_check(struct nvgsp_seq *seq, u32 cmd, u32 op, const u32 *a)
{
	switch (op) {
	case NVGSP_ABI_SEQOP_REG_STORE:
		if (a[1] >= NVGSP_SEQ_REG_SAVE) {
			nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_ERR, 0,
						 "sequencer command %u: REG_STORE index %u beyond the %u-entry save area",
						 cmd, a[1], NVGSP_SEQ_REG_SAVE);
			return -EPROTO;
		}
		return seq_check_reg(seq, cmd, op, a[0]);
	case NVGSP_ABI_SEQOP_REG_WRITE:
	case NVGSP_ABI_SEQOP_REG_MODIFY:
	case NVGSP_ABI_SEQOP_REG_POLL:
		return seq_check_reg(seq, cmd, op, a[0]);
	case NVGSP_ABI_SEQOP_DELAY_US:
		if (a[0] > NVGSP_SEQ_DELAY_MAX_US) {
			nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_ERR, 0,
						 "sequencer command %u: DELAY_US %u us beyond the %u us limit",
						 cmd, a[0], NVGSP_SEQ_DELAY_MAX_US);
			return -EPROTO;
		}
		seq->delay_us += a[0];
		if (seq->delay_us > NVGSP_SEQ_SCRIPT_MAX_US) {
			nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_ERR, 0,
						 "sequencer command %u: DELAY_US brings the script's delays to %llu us, beyond its %u us limit",
						 cmd, seq->delay_us, NVGSP_SEQ_SCRIPT_MAX_US);
			return -EPROTO;
		}
		return 0;
	default:
		return 0;
	}
}

static int seq_exec(struct nvgsp_seq *seq, u32 cmd, u32 op, const u32 *a)
{
	switch (op) {
	case NVGSP_ABI_SEQOP_REG_WRITE:
		nvgsp_os_wr32(seq->bar0, a[0], a[1]);
		return 0;
	case NVGSP_ABI_SEQOP_REG_MODIFY:
		nvgsp_os_wr32(seq->bar0, a[0], (nvgsp_os_rd32(seq->bar0, a[0]) & ~a[1]) | a[2]);
		return 0;
	case NVGSP_ABI_SEQOP_REG_POLL:
		return seq_poll(seq, cmd, a);
	case NVGSP_ABI_SEQOP_DELAY_US:
		if (a[0] < 100)
			nvgsp_os_udelay(a[0]);
		else
			nvgsp_os_usleep(a[0]);
		return 0;
	case NVGSP_ABI_SEQOP_REG_STORE:
		seq->reg_save[a[1]] = nvgsp_os_rd32(seq->bar0, a[0]);
		return 0;
	default:
		return seq_core(seq, cmd, op);
	}
}

/*
 * Walk the command buffer; with @run false only check it (opcodes, operand
 * counts, registers), so that a malformed script changes nothing.
 */
static int seq_walk(struct nvgsp_seq *seq, const u8 *buf, u32 words, bool run)
{
	u32 a[NVGSP_SEQ_MAX_OPERANDS] = { 0 };
	u32 ptr = 0, cmd = 0, raw, op, n, i;
	int ret;

	while (ptr < words) {
		raw = get_unaligned_le32(buf + (size_t)ptr * 4);
		if (nvgsp_abi_seqop_id(seq->abi, raw, &op) || op >= NVGSP_ABI_NR_SEQOP) {
			nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_ERR, 0,
						 "sequencer command %u (word %u): unknown opcode %u",
						 cmd, ptr, raw);
			return -EPROTO;
		}
		n = nvgsp_seq_operands[op];
		if (n > words - ptr - 1) {
			nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_ERR, 0,
						 "sequencer command %u (word %u): %s truncated: %u operands, %u words left",
						 cmd, ptr, seq_op_name(op), n, words - ptr - 1);
			return -EPROTO;
		}
		for (i = 0; i < n; i++)
			a[i] = get_unaligned_le32(buf + ((size_t)ptr + 1 + i) * 4);
		if (run && !seq_time_left_us(seq)) {
			nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_ERR, 0,
						 "sequencer command %u: %s not run: the script has used up its %u us",
						 cmd, seq_op_name(op), NVGSP_SEQ_SCRIPT_MAX_US);
			return -ETIMEDOUT;
		}
		if (run) {
			nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_DEBUG, NVGSP_DBG_BOOT,
						 "sequencer command %u: %s %x %x %x", cmd, seq_op_name(op),
						 a[0], a[1], a[2]);
			ret = seq_exec(seq, cmd, op, a);
		} else {
			ret = seq_check(seq, cmd, op, a);
		}
		if (ret)
			return ret;
		ptr += 1 + n;
		cmd++;
	}
	return (int)cmd;
}

int nvgsp_seq_run(struct nvgsp_seq *seq, const void *payload, size_t len)
{
	const struct nvgsp_abi *abi = seq->abi;
	struct nvgsp_abi_sequencer hdr;
	const u8 *buf;
	u32 hsz;
	size_t avail;
	int ret;

	hsz = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_SEQUENCER);
	if (!hsz) {
		nvgsp_os_log(seq->dev, NVGSP_LOG_ERR, 0, "sequencer: release %s has no SEQUENCER codec",
			     abi->release);
		return -EOPNOTSUPP;
	}
	if (!payload || len < hsz) {
		nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_ERR, 0,
					 "sequencer: payload of %zu bytes, shorter than its %u-byte header",
					 payload ? len : 0, hsz);
		return -EPROTO;
	}
	ret = nvgsp_abi_decode(abi, NVGSP_ABI_CODEC_SEQUENCER, &hdr, payload, len);
	if (ret < 0)
		return ret;
	buf = (const u8 *)payload + hsz;
	avail = (len - hsz) / 4;
	if (hdr.cmd_index > hdr.buffer_size_dword || hdr.cmd_index > avail) {
		nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_ERR, 0,
					 "sequencer: cmdIndex %u words beyond the buffer (bufferSizeDWord %u, %zu words received)",
					 hdr.cmd_index, hdr.buffer_size_dword, avail);
		return -EPROTO;
	}

	seq->delay_us = 0;
	ret = seq_walk(seq, buf, hdr.cmd_index, false);
	if (ret >= 0) {
		seq->start_ns = nvgsp_os_time_ns();
		ret = seq_walk(seq, buf, hdr.cmd_index, true);
	}
	if (ret < 0)
		return ret;
	nvgsp_os_log_ratelimited(seq->dev, NVGSP_LOG_DEBUG, NVGSP_DBG_BOOT,
				 "sequencer: %d commands run", ret);
	return 0;
}
