// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_fsp.c - libFuzzer target for the FSP's reply to the chain-of-trust
 * message (src/engine/nvgsp_fsp.c: nvgsp_fsp_cot(), through
 * nvgsp_fsp_send() and nvgsp_fsp_recv()).
 *
 * The driver talks to an FSP modelled here on BAR0: QUEUE_HEAD/TAIL take
 * the command (and read equal again once it is written), EMEMC/EMEMD read
 * and write the EMEM channel with auto-increment, and MSGQ_HEAD/TAIL give
 * the reply's position. Input:
 *
 *   byte 0      release table (nvgsp_abi_tables())
 *   byte 1      mode: bits 1:0 how MSGQ_TAIL is made (0: head + reply
 *               length - 4, as the FSP does; 1: the raw u32 below; 2: equal
 *               to head, no reply ever; 3: all ones, a device gone); bit 2:
 *               the reply appears only after a number of polls (byte 2)
 *   byte 2      polls before the reply appears (bit 2 of the mode)
 *   bytes 3-6   MSGQ_HEAD, little-endian
 *   bytes 7-10  MSGQ_TAIL for mode 1
 *   the rest    the reply's bytes, written to EMEM from offset 0, where
 *               the FSP answers (cut to the 1 KiB channel)
 *
 * Checked: the errno is one nvgsp_fsp_cot() names; 0 only for a reply that
 * is an NVDM FSP_RESPONSE to COT with error code 0, whole dwords read from
 * EMEM offset 0; the driver reads and writes EMEM only inside its 1 KiB
 * channel; BAR0 accesses stay in bounds; the queues are reset after a
 * reply was read.
 *
 * Seeds (seeds_fsp.list, "%gen fsp_seeds"): this file compiled with
 * NVGSP_FUZZ_SEEDS writes, per release, the replies gpusim's FSP gives
 * (success, an error code, another NVDM type), built with the release's
 * FSP_RESPONSE codec, plus a late reply and an unaligned head.
 */
#define NVGSP_FUZZ_GSP
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/nvgsp_fsp.h"
#include "chip/regs/nvgsp_regs_fsp.h"
#include "fuzz_common.h"

#define HDR	11	/* input bytes before the reply */

#ifdef NVGSP_FUZZ_SEEDS

static int seed(const char *dir, const char *name, u8 rel, u8 mode, u8 polls, u32 head,
		u32 nvdm_type, u32 cmd_type, u32 error)
{
	const struct nvgsp_abi *abi = fuzz_abi(rel);
	struct nvgsp_abi_fsp_response r = { .task_id = 0, .command_nvdm_type = cmd_type,
					    .error_code = error };
	u32 rsize = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_FSP_RESPONSE);
	u8 buf[HDR + 64] = { rel, mode, polls };
	size_t len = HDR + NVGSP_FSP_HDR_SIZE + rsize;
	char path[4096];

	if (!rsize || len > sizeof(buf))
		return 1;
	put_unaligned_le32(head, buf + 3);
	put_unaligned_le32(head + NVGSP_FSP_HDR_SIZE + rsize - 4, buf + 7);
	put_unaligned_le32(NV_MCTP_HEADER_SOM | NV_MCTP_HEADER_EOM, buf + HDR);
	put_unaligned_le32(NV_MCTP_MSG_HEADER_TYPE_VENDOR_PCI |
			   NV_MCTP_MSG_HEADER_VENDOR_ID_NV << 8 | nvdm_type << 24,
			   buf + HDR + 4);
	if (nvgsp_abi_encode_fsp_response(abi, &r, buf + HDR + NVGSP_FSP_HDR_SIZE, rsize) < 0)
		return 1;
	snprintf(path, sizeof(path), "%s/%s-%u", dir, name, rel);
	return fuzz_seed_write(path, NULL, 0, buf, len);
}

int main(int argc, char **argv)
{
	u32 cot, resp;
	size_t n;
	int bad = 0;
	u8 rel;

	if (!fuzz_seed_dir(argc, argv))
		return 2;
	nvgsp_abi_tables(&n);
	for (rel = 0; rel < n; rel++) {
		const struct nvgsp_abi *abi = fuzz_abi(rel);

		if (nvgsp_abi_nvdm_number(abi, NVGSP_ABI_NVDM_COT, &cot) ||
		    nvgsp_abi_nvdm_number(abi, NVGSP_ABI_NVDM_FSP_RESPONSE, &resp) ||
		    !nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_FSP_RESPONSE))
			continue;	/* a release without FSP boot */
		bad |= seed(argv[1], "ok", rel, 0, 0, 0, resp, cot, 0);
		bad |= seed(argv[1], "error", rel, 0, 0, 0, resp, cot, 0x23);
		bad |= seed(argv[1], "not-cot", rel, 0, 0, 0, resp, cot + 1, 0);
		bad |= seed(argv[1], "not-response", rel, 0, 0, 0, cot, cot, 0);
		bad |= seed(argv[1], "late", rel, 4, 9, 0, resp, cot, 0);
		bad |= seed(argv[1], "head", rel, 1, 0, 0x3e0, resp, cot, 0);
		bad |= seed(argv[1], "unaligned", rel, 1, 0, 0x3e1, resp, cot, 0);
		bad |= seed(argv[1], "no-reply", rel, 2, 0, 0, resp, cot, 0);
	}
	return bad;
}

#else /* the fuzz target */

#define EMEM_WORDS	(NV_PFSP_EMEM_CHANNEL_SIZE / 4)

struct fsp_model {
	u32 emem[EMEM_WORDS];
	u32 ememc;
	u32 cmd_head, cmd_tail;
	u32 msg_head, msg_tail;
	u32 reply_head, reply_tail;	/* what the FSP publishes */
	u32 polls_left;
	u32 cmd_first;		/* EMEM word 0 when the command was queued */
	u8 image[NV_PFSP_EMEM_CHANNEL_SIZE];	/* the reply, where the FSP writes it */
	bool published, gone, cmd_written, reset;
};

static u32 emem_index(struct fsp_model *m)
{
	u32 off = m->ememc & 0xfffcu;

	/* The driver must stay inside the channel it owns. */
	CHECK(off < NV_PFSP_EMEM_CHANNEL_SIZE);
	return off / 4;
}

static u32 fsp_rd32(void *ctx, u32 offset)
{
	struct fsp_model *m = ctx;
	u32 v;

	if (m->gone)
		return 0xffffffffu;
	switch (offset) {
	case NV_PFSP_QUEUE_HEAD(0):
		return m->cmd_head;
	case NV_PFSP_QUEUE_TAIL(0):
		return m->cmd_tail;
	case NV_PFSP_MSGQ_HEAD(0):
	case NV_PFSP_MSGQ_TAIL(0):
		/* Published between two polls, never between HEAD and TAIL. */
		if (offset == NV_PFSP_MSGQ_HEAD(0) && m->cmd_written && !m->published &&
		    !m->polls_left--) {
			unsigned int i;

			for (i = 0; i < EMEM_WORDS; i++)
				m->emem[i] = get_unaligned_le32(m->image + 4 * i);
			m->published = true;
			m->msg_head = m->reply_head;
			m->msg_tail = m->reply_tail;
		}
		return offset == NV_PFSP_MSGQ_HEAD(0) ? m->msg_head : m->msg_tail;
	case NV_PFSP_EMEMD(0):
		v = m->emem[emem_index(m)];
		if (m->ememc & NV_PFSP_EMEMC_AINCR)
			m->ememc = (m->ememc & ~0xfffcu) | ((m->ememc + 4) & 0xfffcu);
		return v;
	case NV_PFSP_EMEMC(0):
		return m->ememc;
	default:
		return 0;
	}
}

static void fsp_wr32(void *ctx, u32 offset, u32 value)
{
	struct fsp_model *m = ctx;

	switch (offset) {
	case NV_PFSP_QUEUE_HEAD(0):
		/* The driver writes TAIL, then HEAD = 0: the command is in. */
		m->cmd_head = value;
		m->cmd_written = true;
		m->cmd_first = m->emem[0];
		/* The FSP consumes it at once. */
		m->cmd_head = m->cmd_tail = 0;
		break;
	case NV_PFSP_QUEUE_TAIL(0):
		m->cmd_tail = value;
		break;
	case NV_PFSP_MSGQ_HEAD(0):
	case NV_PFSP_MSGQ_TAIL(0):
		CHECK(!value);
		if (offset == NV_PFSP_MSGQ_HEAD(0))
			m->msg_head = value;
		else
			m->msg_tail = value;
		m->reset = true;
		break;
	case NV_PFSP_EMEMD(0):
		/* The command: written from EMEM offset 0 up. */
		CHECK(!m->cmd_written);
		m->emem[emem_index(m)] = value;
		if (m->ememc & NV_PFSP_EMEMC_AINCW)
			m->ememc = (m->ememc & ~0xfffcu) | ((m->ememc + 4) & 0xfffcu);
		break;
	case NV_PFSP_EMEMC(0):
		m->ememc = value;
		break;
	default:
		break;
	}
}

static const struct nvgsp_os_bar_ops fsp_ops = { .rd32 = fsp_rd32, .wr32 = fsp_wr32 };

/* Bit-exact: what nvgsp_fsp_cot() must accept. */
static bool good_reply(const struct nvgsp_abi *abi, const u8 *r, u32 len)
{
	u32 cot, resp, rsize = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_FSP_RESPONSE);
	u32 mctp, nvdm;
	struct nvgsp_abi_fsp_response fr;

	if (len < NVGSP_FSP_HDR_SIZE + rsize ||
	    nvgsp_abi_nvdm_number(abi, NVGSP_ABI_NVDM_COT, &cot) ||
	    nvgsp_abi_nvdm_number(abi, NVGSP_ABI_NVDM_FSP_RESPONSE, &resp))
		return false;
	mctp = get_unaligned_le32(r);
	nvdm = get_unaligned_le32(r + 4);
	if ((mctp & (NV_MCTP_HEADER_SOM | NV_MCTP_HEADER_EOM)) !=
	    (NV_MCTP_HEADER_SOM | NV_MCTP_HEADER_EOM) ||
	    (nvdm & 0x7f) != NV_MCTP_MSG_HEADER_TYPE_VENDOR_PCI ||
	    ((nvdm >> 8) & 0xffff) != NV_MCTP_MSG_HEADER_VENDOR_ID_NV || nvdm >> 24 != resp)
		return false;
	if (nvgsp_abi_decode_fsp_response(abi, &fr, r + NVGSP_FSP_HDR_SIZE, rsize) < 0)
		return false;
	return fr.command_nvdm_type == cot && !fr.error_code;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fsp_model m;
	static bool inited;
	const struct nvgsp_abi *abi;
	struct nvgsp_os_device dev = { .name = NAME };
	struct nvgsp_os_bar bar = { .ops = &fsp_ops, .ctx = &m, .size = 0x1000000,
				    .name = "fuzz BAR0" };
	struct nvgsp_fsp fsp = { .bar = &bar, .dev = &dev,
				 .boot_status = NV_THERM_I2CS_SCRATCH_FSP_BOOT_COMPLETE_GH100,
				 .timeout_scale = 1 };
	struct nvgsp_abi_fsp_cot cot = { .version = 1, .size = 0x35c };
	const u8 *reply = data + HDR;
	size_t rlen, i;
	u8 mode;
	u32 head, reply_len;
	int ret;

	if (!inited) {
		fuzz_log_init();
		inited = true;
	}
	if (size < HDR)
		return 0;
	abi = fuzz_abi(data[0]);
	mode = data[1];
	head = get_unaligned_le32(data + 3);
	rlen = size - HDR;
	reply_len = rlen > 0xffff ? 0xffff : (u32)rlen;

	memset(&m, 0, sizeof(m));
	m.reply_head = head;
	switch (mode & 3) {
	case 0:
		m.reply_tail = head + (reply_len ? reply_len : 4) - 4;
		break;
	case 1:
		m.reply_tail = get_unaligned_le32(data + 7);
		break;
	case 2:
		m.reply_tail = head;
		break;
	default:
		m.gone = true;
		break;
	}
	m.polls_left = mode & 4 ? data[2] : 0;
	/* The reply in EMEM from offset 0, cut to the channel. */
	for (i = 0; i < rlen && i < NV_PFSP_EMEM_CHANNEL_SIZE; i++)
		m.image[i] = reply[i];

	ret = nvgsp_fsp_cot(&fsp, abi, &cot);
	CHECK(!bar.bad_accesses);
	if (!nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_FSP_COT) ||
	    !nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_FSP_RESPONSE)) {
		CHECK(ret == -EOPNOTSUPP && !m.cmd_written);	/* a release without FSP boot */
		return 0;
	}
	if (m.gone) {
		CHECK(ret == -ENODEV);
		return 0;
	}
	if (m.published && (m.reply_head == 0xffffffffu || m.reply_tail == 0xffffffffu)) {
		CHECK(ret == -ENODEV);	/* a pointer that reads all ones: gone */
		return 0;
	}
	/* The command went in whole: MCTP and NVDM headers first. */
	CHECK(m.cmd_written);
	CHECK(m.cmd_first == (NV_MCTP_HEADER_SOM | NV_MCTP_HEADER_EOM));
	if (!m.published || m.reply_head == m.reply_tail) {
		CHECK(ret == -ETIMEDOUT);
		return 0;
	}
	CHECK(m.reset);
	if (!ret) {
		/* Accepted: what the driver read must be a good reply. */
		u32 n = m.reply_tail - m.reply_head + 4;

		CHECK(m.reply_tail >= m.reply_head && n <= NV_PFSP_EMEM_CHANNEL_SIZE);
		CHECK(!((m.reply_head | m.reply_tail) & 3));
		CHECK(good_reply(abi, m.image, n));
		return 0;
	}
	CHECK(ret == -EIO || ret == -EPROTO);
	return 0;
}

#endif /* NVGSP_FUZZ_SEEDS */
