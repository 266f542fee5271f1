/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_regs_fsp.h - the FSP (GH100, GB10x, GB20x): boot status and its
 * EMEM message queues, sorted by offset; and the MCTP and NVDM headers of the
 * messages that travel through them.
 *
 * Sources: Linux drivers/gpu/nova-core/regs.rs, falcon/fsp.rs, fsp/hal/{gh100,gb100,gb202}.rs;
 * drivers/gpu/drm/nouveau/nvkm/subdev/fsp/gh100.c and
 * include/nvhw/ref/gh100/{dev_fsp_pri,dev_therm}.h; see
 * Documentation/hardware.rst, "FSP".
 */
#ifndef NVGSP_REGS_FSP_H
#define NVGSP_REGS_FSP_H

#include "nvgsp_regs.h"

#define NV_THERM_I2CS_SCRATCH_FSP_BOOT_COMPLETE_GH100	0x0200bcu	/* also GB10x */
#define NV_THERM_I2CS_SCRATCH_FSP_BOOT_COMPLETE_GB202	0x0ad0bcu
#define   NV_THERM_I2CS_SCRATCH_FSP_BOOT_COMPLETE_SUCCESS 0xffu

#define NV_PFSP_EMEMC(p)				(0x8f2ac0u + 8u * (p))
#define   NV_PFSP_EMEMC_AINCW				(1u << 24)
#define   NV_PFSP_EMEMC_AINCR				(1u << 25)
#define NV_PFSP_EMEMD(p)				(0x8f2ac4u + 8u * (p))
#define NV_PFSP_QUEUE_HEAD(i)				(0x8f2c00u + 8u * (i))
#define NV_PFSP_QUEUE_TAIL(i)				(0x8f2c04u + 8u * (i))
#define NV_PFSP_MSGQ_HEAD(i)				(0x8f2c80u + 8u * (i))
#define NV_PFSP_MSGQ_TAIL(i)				(0x8f2c84u + 8u * (i))

/* EMEM the driver may use for one message (nouveau gh100 fsp: 1 KiB). */
#define NV_PFSP_EMEM_CHANNEL_SIZE			0x400u

/* MCTP transport header (first dword of every message). */
#define NV_MCTP_HEADER_SEID(v)				NVGSP_BITS(v, 23, 16)
#define NV_MCTP_HEADER_SEQ(v)				NVGSP_BITS(v, 29, 28)
#define NV_MCTP_HEADER_EOM				(1u << 30)
#define NV_MCTP_HEADER_SOM				(1u << 31)

/* NVDM message header (second dword). */
#define NV_MCTP_MSG_HEADER_TYPE(v)			NVGSP_BITS(v, 6, 0)
#define   NV_MCTP_MSG_HEADER_TYPE_VENDOR_PCI		0x7eu
#define NV_MCTP_MSG_HEADER_VENDOR_ID(v)			NVGSP_BITS(v, 23, 8)
#define   NV_MCTP_MSG_HEADER_VENDOR_ID_NV		0x10deu
#define NV_MCTP_MSG_HEADER_NVDM_TYPE(v)			NVGSP_BITS(v, 31, 24)

#endif /* NVGSP_REGS_FSP_H */
