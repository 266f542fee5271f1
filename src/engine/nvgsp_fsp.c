// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_fsp.c - the FSP's boot status and EMEM message channel.
 *
 * Protocol: nouveau nvkm/subdev/fsp/gh100.c (gh100_fsp_send, _recv,
 * _wait_secure_boot) and nova-core falcon/fsp.rs, fsp.rs; see
 * Documentation/hardware.rst, "FSP".
 */
#include "nvgsp_fsp.h"
#include "engine/nvgsp_falcon.h"
#include "chip/regs/nvgsp_regs_fsp.h"
#include "fw/nvgsp_fw_blob.h"

#define FSP_POLL_US	1000

int nvgsp_fsp_wait_boot(struct nvgsp_fsp *fsp)
{
	u32 last = 0;
	int ret;

	ret = nvgsp_poll32(fsp->bar, fsp->dev, fsp->boot_status, "FSP boot status",
			   0xffffffffu, NV_THERM_I2CS_SCRATCH_FSP_BOOT_COMPLETE_SUCCESS,
			   NVGSP_FSP_BOOT_US * fsp->timeout_scale, FSP_POLL_US, &last, true);
	if (ret == -ETIMEDOUT) {
		nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0,
			     "FSP secure boot did not complete: boot status 0x%08x (0x%06x)%s",
			     last, fsp->boot_status, last == 0 ? " reports a failure" : "");
		return last == 0 ? -EIO : ret;
	}
	return ret;
}

static void emem_write(struct nvgsp_fsp *fsp, const u8 *msg, size_t len)
{
	size_t i;

	nvgsp_os_wr32(fsp->bar, NV_PFSP_EMEMC(0), NV_PFSP_EMEMC_AINCW);
	for (i = 0; i < len; i += 4)
		nvgsp_os_wr32(fsp->bar, NV_PFSP_EMEMD(0), get_unaligned_le32(msg + i));
}

int nvgsp_fsp_send(struct nvgsp_fsp *fsp, const u8 *msg, size_t len)
{
	u64 start, limit = (u64)NVGSP_FSP_MSG_US * fsp->timeout_scale * 1000;
	u32 head, tail;

	if (len < NVGSP_FSP_HDR_SIZE || len % 4 || len > NV_PFSP_EMEM_CHANNEL_SIZE) {
		nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0,
			     "FSP message length %zu is not a multiple of 4 in [%u, %u]",
			     len, NVGSP_FSP_HDR_SIZE, NV_PFSP_EMEM_CHANNEL_SIZE);
		return -EINVAL;
	}
	/* nouveau gh100_fsp_send: the previous command must be consumed. */
	start = nvgsp_os_time_ns();
	for (;;) {
		head = nvgsp_os_rd32(fsp->bar, NV_PFSP_QUEUE_HEAD(0));
		tail = nvgsp_os_rd32(fsp->bar, NV_PFSP_QUEUE_TAIL(0));
		if (head == 0xffffffffu || tail == 0xffffffffu) {
			nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0,
				     "FSP QUEUE_HEAD/TAIL read 0xffffffff: the device is gone");
			return -ENODEV;
		}
		if (head == tail)
			break;
		if (nvgsp_os_time_ns() - start >= limit) {
			nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0,
				     "FSP command queue busy: QUEUE_HEAD 0x%x QUEUE_TAIL 0x%x",
				     head, tail);
			return -ETIMEDOUT;
		}
		nvgsp_os_usleep(FSP_POLL_US);
	}
	emem_write(fsp, msg, len);
	nvgsp_os_wmb();
	nvgsp_os_wr32(fsp->bar, NV_PFSP_QUEUE_TAIL(0), (u32)len - 4);
	nvgsp_os_wr32(fsp->bar, NV_PFSP_QUEUE_HEAD(0), 0);
	return 0;
}

int nvgsp_fsp_recv(struct nvgsp_fsp *fsp, u8 *buf, size_t room, size_t *len)
{
	u64 start = nvgsp_os_time_ns();
	u64 limit = (u64)NVGSP_FSP_MSG_US * fsp->timeout_scale * 1000;
	u32 head, tail, size, i, v;

	for (;;) {
		head = nvgsp_os_rd32(fsp->bar, NV_PFSP_MSGQ_HEAD(0));
		tail = nvgsp_os_rd32(fsp->bar, NV_PFSP_MSGQ_TAIL(0));
		if (head == 0xffffffffu || tail == 0xffffffffu) {
			nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0,
				     "FSP MSGQ_HEAD/TAIL read 0xffffffff: the device is gone");
			return -ENODEV;
		}
		if (head != tail)
			break;
		if (nvgsp_os_time_ns() - start >= limit) {
			nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0,
				     "no FSP reply after %u ms: MSGQ_HEAD 0x%x MSGQ_TAIL 0x%x",
				     NVGSP_FSP_MSG_US / 1000 * fsp->timeout_scale, head, tail);
			return -ETIMEDOUT;
		}
		nvgsp_os_usleep(FSP_POLL_US);
	}
	nvgsp_os_rmb();
	/*
	 * The reply is at EMEM offset 0, in whole dwords (nouveau
	 * gh100_fsp_recv() refuses a size that is not a multiple of 4): the
	 * pointers give only its length, never where to read.
	 */
	if (tail < head || (head | tail) & 3 || tail - head + 4 > room ||
	    tail - head + 4 > NV_PFSP_EMEM_CHANNEL_SIZE) {
		nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0,
			     "FSP reply MSGQ_HEAD 0x%x MSGQ_TAIL 0x%x: bad length (room %zu)",
			     head, tail, room);
		nvgsp_os_wr32(fsp->bar, NV_PFSP_MSGQ_TAIL(0), 0);
		nvgsp_os_wr32(fsp->bar, NV_PFSP_MSGQ_HEAD(0), 0);
		return -EPROTO;
	}
	size = tail - head + 4;
	nvgsp_os_wr32(fsp->bar, NV_PFSP_EMEMC(0), NV_PFSP_EMEMC_AINCR);
	for (i = 0; i < size; i += 4) {
		v = nvgsp_os_rd32(fsp->bar, NV_PFSP_EMEMD(0));
		buf[i] = v & 0xff;
		buf[i + 1] = (v >> 8) & 0xff;
		buf[i + 2] = (v >> 16) & 0xff;
		buf[i + 3] = v >> 24;
	}
	nvgsp_os_wr32(fsp->bar, NV_PFSP_MSGQ_TAIL(0), 0);
	nvgsp_os_wr32(fsp->bar, NV_PFSP_MSGQ_HEAD(0), 0);
	*len = size;
	return 0;
}

static u32 nvdm_header(u32 type)
{
	return NV_MCTP_MSG_HEADER_TYPE_VENDOR_PCI | (NV_MCTP_MSG_HEADER_VENDOR_ID_NV << 8) |
	       (type << 24);
}

int nvgsp_fsp_cot(struct nvgsp_fsp *fsp, const struct nvgsp_abi *abi,
		  const struct nvgsp_abi_fsp_cot *cot)
{
	struct nvgsp_abi_fsp_response resp;
	u32 cot_type, resp_type, mctp, nvdm, size;
	size_t len, got = 0;
	u8 *msg;
	int ret;

	if (nvgsp_abi_nvdm_number(abi, NVGSP_ABI_NVDM_COT, &cot_type) ||
	    nvgsp_abi_nvdm_number(abi, NVGSP_ABI_NVDM_FSP_RESPONSE, &resp_type)) {
		nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0,
			     "release %s has no NVDM COT/FSP_RESPONSE numbers", abi->release);
		return -EOPNOTSUPP;
	}
	size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_FSP_COT);
	len = (NVGSP_FSP_HDR_SIZE + size + 3) & ~(size_t)3;
	if (!size || len > NV_PFSP_EMEM_CHANNEL_SIZE) {
		nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0,
			     "release %s: FSP COT payload size %u does not fit the %u-byte channel",
			     abi->release, size, NV_PFSP_EMEM_CHANNEL_SIZE);
		return size ? -EINVAL : -EOPNOTSUPP;
	}
	msg = nvgsp_os_zalloc(NV_PFSP_EMEM_CHANNEL_SIZE);
	if (!msg)
		return -ENOMEM;
	put_unaligned_le32(NV_MCTP_HEADER_SOM | NV_MCTP_HEADER_EOM, msg);
	put_unaligned_le32(nvdm_header(cot_type), msg + 4);
	ret = nvgsp_abi_encode_fsp_cot(abi, cot, msg + NVGSP_FSP_HDR_SIZE, size);
	if (ret < 0) {
		nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0, "FSP COT payload does not encode (%d)",
			     ret);
		goto free_msg;
	}
	ret = nvgsp_fsp_send(fsp, msg, len);
	if (ret)
		goto free_msg;
	memset(msg, 0, NV_PFSP_EMEM_CHANNEL_SIZE);
	ret = nvgsp_fsp_recv(fsp, msg, NV_PFSP_EMEM_CHANNEL_SIZE, &got);
	if (ret)
		goto free_msg;

	mctp = get_unaligned_le32(msg);
	nvdm = get_unaligned_le32(msg + 4);
	if (got < NVGSP_FSP_HDR_SIZE || !(mctp & NV_MCTP_HEADER_SOM) ||
	    !(mctp & NV_MCTP_HEADER_EOM) ||
	    NV_MCTP_MSG_HEADER_TYPE(nvdm) != NV_MCTP_MSG_HEADER_TYPE_VENDOR_PCI ||
	    NV_MCTP_MSG_HEADER_VENDOR_ID(nvdm) != NV_MCTP_MSG_HEADER_VENDOR_ID_NV ||
	    NV_MCTP_MSG_HEADER_NVDM_TYPE(nvdm) != resp_type) {
		nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0,
			     "FSP reply (%zu bytes) is not an NVDM response: MCTP 0x%08x NVDM 0x%08x",
			     got, mctp, nvdm);
		ret = -EPROTO;
		goto free_msg;
	}
	ret = nvgsp_abi_decode_fsp_response(abi, &resp, msg + NVGSP_FSP_HDR_SIZE,
					    got - NVGSP_FSP_HDR_SIZE);
	if (ret < 0) {
		nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0,
			     "FSP reply of %zu bytes is too short for a command response", got);
		ret = -EPROTO;
		goto free_msg;
	}
	if (resp.command_nvdm_type != cot_type) {
		nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0,
			     "FSP response commandNvdmType 0x%x, expected COT 0x%x",
			     resp.command_nvdm_type, cot_type);
		ret = -EPROTO;
		goto free_msg;
	}
	if (resp.error_code) {
		nvgsp_os_log(fsp->dev, NVGSP_LOG_ERR, 0,
			     "FSP refused the chain-of-trust message: errorCode 0x%x",
			     resp.error_code);
		ret = -EIO;
		goto free_msg;
	}
	ret = 0;
free_msg:
	nvgsp_os_free(msg);
	return ret;
}
