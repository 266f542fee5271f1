/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_fsp.h - the FSP on GH100, GB10x and GB20x: its boot status and its
 * EMEM message channel, over which the driver sends the chain-of-trust
 * (COT) message that has the FSP verify and start the GSP's FMC.
 *
 * Portable core. Facts: Documentation/hardware.rst, "FSP" (nouveau
 * nvkm/subdev/fsp/gh100.c, nova-core falcon/fsp.rs and fsp.rs).
 *
 * DOC: FSP messages
 *
 * A message is an MCTP transport header (SOM | EOM, SEID 0, SEQ 0), an NVDM
 * header (type 0x7e vendor-defined PCI, vendor 0x10de, the NVDM type in bits
 * 31:24) and a payload. The driver writes it to EMEM offset 0 with
 * auto-increment, sets QUEUE_TAIL to its length minus 4 and QUEUE_HEAD to 0;
 * the FSP answers in the same EMEM, MSGQ_TAIL - MSGQ_HEAD + 4 bytes long;
 * the driver reads it and resets MSGQ_TAIL and MSGQ_HEAD to 0. The queues
 * are not circular.
 */
#ifndef NVGSP_FSP_H
#define NVGSP_FSP_H

#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"

/**
 * struct nvgsp_fsp - one FSP.
 * @bar: the register window.
 * @dev: the device, for messages.
 * @boot_status: BAR0 offset of the boot-complete scratch register.
 * @timeout_scale: multiplies every timeout; at least 1.
 */
struct nvgsp_fsp {
	struct nvgsp_os_bar *bar;
	struct nvgsp_os_device *dev;
	u32 boot_status;
	u32 timeout_scale;
};

/* Timeouts in microseconds (nova-core fsp.rs; Documentation/hardware.rst, "FSP"). */
#define NVGSP_FSP_BOOT_US	5000000
#define NVGSP_FSP_MSG_US	2000000

/* Bytes of the MCTP and NVDM headers. */
#define NVGSP_FSP_HDR_SIZE	8

/**
 * nvgsp_fsp_wait_boot() - wait until the FSP reports its secure boot done.
 * @fsp: the FSP.
 *
 * Return: 0; -ETIMEDOUT; -EIO when it reports a failure (0); -ENODEV.
 */
int nvgsp_fsp_wait_boot(struct nvgsp_fsp *fsp);

/**
 * nvgsp_fsp_send() - write a message to the FSP's command queue.
 * @fsp: the FSP.
 * @msg: the message (headers included).
 * @len: its length: a multiple of 4, at most NV_PFSP_EMEM_CHANNEL_SIZE.
 *
 * Return: 0; -EINVAL for a bad length (logged); -ETIMEDOUT when the queue
 * stays busy; -ENODEV.
 */
int nvgsp_fsp_send(struct nvgsp_fsp *fsp, const u8 *msg, size_t len);

/**
 * nvgsp_fsp_recv() - wait for and read the FSP's reply.
 * @fsp: the FSP.
 * @buf: destination.
 * @room: its size.
 * @len: set to the reply's length.
 *
 * Return: 0; -ETIMEDOUT; -EPROTO for a reply whose queue pointers give a
 * bad or oversized length (logged); -ENODEV.
 */
int nvgsp_fsp_recv(struct nvgsp_fsp *fsp, u8 *buf, size_t room, size_t *len);

/**
 * nvgsp_fsp_cot() - send the chain-of-trust message and check the reply.
 * @fsp: the FSP.
 * @abi: the release (NVDM numbers, the FSP_COT and FSP_RESPONSE codecs).
 * @cot: the payload.
 *
 * Return: 0; -EIO when the FSP answers with an error code (logged with the
 * code); -EPROTO for a reply that is not a well-formed response to COT; an
 * errno from nvgsp_fsp_send() or nvgsp_fsp_recv(); -EOPNOTSUPP when the
 * release has no FSP codecs.
 */
int nvgsp_fsp_cot(struct nvgsp_fsp *fsp, const struct nvgsp_abi *abi,
		  const struct nvgsp_abi_fsp_cot *cot);

#endif /* NVGSP_FSP_H */
