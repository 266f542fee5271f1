/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_regs_falcon.h - falcon engine registers (GSP, SEC2, FSP), sorted by
 * offset. Per-falcon registers are offsets from the engine's PFALCON base;
 * NV_PFALCON2_* and NV_PRISCV_* are offsets from its PFALCON2 base (PFALCON
 * base + NV_PFALCON2_OFFSET).
 *
 * Sources: Linux drivers/gpu/nova-core/regs.rs and falcon/hal/{tu102,ga102}.rs,
 * drivers/gpu/drm/nouveau/nvkm/falcon/{gm200,gp102,ga100,ga102}.c; see
 * Documentation/hardware.rst, "Falcon engines".
 */
#ifndef NVGSP_REGS_FALCON_H
#define NVGSP_REGS_FALCON_H

#include "nvgsp_regs.h"

/* Engine bases in BAR0. */
#define NV_PGSP_FALCON_BASE				0x00110000u
#define NV_PSEC_FALCON_BASE				0x00840000u
#define NV_PFSP_FALCON_BASE				0x008f2000u
#define NV_PFALCON2_OFFSET				0x00001000u

/* Per-falcon registers (offset from the PFALCON base). */
#define NV_PFALCON_FALCON_IRQSSET			0x000u	/* write 1 raises (dev_falcon_v4.h) */
#define NV_PFALCON_FALCON_IRQSCLR			0x004u
#define   NV_PFALCON_FALCON_IRQSCLR_HALT		(1u << 4)
#define   NV_PFALCON_FALCON_IRQSCLR_SWGEN0		(1u << 6)
#define NV_PFALCON_FALCON_IRQSTAT			0x008u
#define   NV_PFALCON_FALCON_IRQSTAT_SWGEN0		(1u << 6)
#define NV_PFALCON_FALCON_MAILBOX0			0x040u
#define NV_PFALCON_FALCON_MAILBOX1			0x044u
#define NV_PFALCON_FALCON_OS				0x080u
#define NV_PFALCON_FALCON_RM				0x084u
#define NV_PFALCON_FALCON_HWCFG2			0x0f4u
#define   NV_PFALCON_FALCON_HWCFG2_MEM_SCRUBBING	(1u << 12)
#define   NV_PFALCON_FALCON_HWCFG2_RISCV_BR_PRIV_LOCKDOWN (1u << 13)
#define   NV_PFALCON_FALCON_HWCFG2_RESET_READY		(1u << 31)
#define NV_PFALCON_FALCON_CPUCTL			0x100u
#define   NV_PFALCON_FALCON_CPUCTL_STARTCPU		(1u << 1)
#define   NV_PFALCON_FALCON_CPUCTL_HALTED		(1u << 4)
#define   NV_PFALCON_FALCON_CPUCTL_ALIAS_EN		(1u << 6)
#define NV_PFALCON_FALCON_BOOTVEC			0x104u
#define NV_PFALCON_FALCON_HWCFG				0x108u
#define   NV_PFALCON_FALCON_HWCFG_IMEM_SIZE(v)		(NVGSP_BITS(v, 8, 0) << 8)
#define   NV_PFALCON_FALCON_HWCFG_DMEM_SIZE(v)		(NVGSP_BITS(v, 17, 9) << 8)
#define NV_PFALCON_FALCON_DMACTL			0x10cu
#define   NV_PFALCON_FALCON_DMACTL_DMEM_SCRUBBING	(1u << 1)
#define   NV_PFALCON_FALCON_DMACTL_IMEM_SCRUBBING	(1u << 2)
#define NV_PFALCON_FALCON_DMATRFBASE			0x110u
#define NV_PFALCON_FALCON_DMATRFMOFFS			0x114u
#define NV_PFALCON_FALCON_DMATRFCMD			0x118u
#define   NV_PFALCON_FALCON_DMATRFCMD_IDLE		(1u << 1)
#define   NV_PFALCON_FALCON_DMATRFCMD_SEC(v)		(((v) & 0x3u) << 2)
#define   NV_PFALCON_FALCON_DMATRFCMD_IMEM		(1u << 4)
#define   NV_PFALCON_FALCON_DMATRFCMD_SIZE_256B		(6u << 8)
#define NV_PFALCON_FALCON_DMATRFFBOFFS			0x11cu
#define NV_PFALCON_FALCON_DMATRFBASE1			0x128u
#define NV_PFALCON_FALCON_CPUCTL_ALIAS			0x130u
#define   NV_PFALCON_FALCON_CPUCTL_ALIAS_STARTCPU	(1u << 1)
#define NV_PFALCON_FALCON_IMEMC(p)			(0x180u + 16u * (p))
#define   NV_PFALCON_FALCON_IMEMC_AINCW			(1u << 24)
#define   NV_PFALCON_FALCON_IMEMC_SECURE		(1u << 28)
#define NV_PFALCON_FALCON_IMEMD(p)			(0x184u + 16u * (p))
#define NV_PFALCON_FALCON_IMEMT(p)			(0x188u + 16u * (p))
#define NV_PFALCON_FALCON_DMEMC(p)			(0x1c0u + 8u * (p))
#define   NV_PFALCON_FALCON_DMEMC_AINCW			(1u << 24)
#define   NV_PFALCON_FALCON_DMEMC_AINCR			(1u << 25)
#define NV_PFALCON_FALCON_DMEMD(p)			(0x1c4u + 8u * (p))
#define NV_PFALCON_FALCON_ENGINE			0x3c0u
#define   NV_PFALCON_FALCON_ENGINE_RESET		(1u << 0)
#define NV_PFALCON_FALCON_INTR_RETRIGGER		0x3e8u
#define NV_PFALCON_FBIF_TRANSCFG(i)			(0x600u + 4u * (i))
#define   NV_PFALCON_FBIF_TRANSCFG_TARGET_COH_SYSMEM	0x1u
#define   NV_PFALCON_FBIF_TRANSCFG_TARGET_MASK		0x3u
#define   NV_PFALCON_FBIF_TRANSCFG_MEM_TYPE_PHYSICAL	(1u << 2)
#define NV_PFALCON_FBIF_CTL				0x624u
#define   NV_PFALCON_FBIF_CTL_ALLOW_PHYS_NO_CTX		(1u << 7)
#define NV_PFALCON_FALCON_EMEMC(p)			(0xac0u + 8u * (p))
#define   NV_PFALCON_FALCON_EMEMC_AINCW			(1u << 24)
#define   NV_PFALCON_FALCON_EMEMC_AINCR			(1u << 25)
#define NV_PFALCON_FALCON_EMEMD(p)			(0xac4u + 8u * (p))
#define NV_PFALCON_FALCON_QUEUE_HEAD(i)			(0xc00u + 8u * (i))

/* PFALCON2 / RISC-V registers (offset from the PFALCON2 base). */
#define NV_PFALCON2_FALCON_MOD_SEL			0x180u
#define   NV_PFALCON2_FALCON_MOD_SEL_ALGO_RSA3K		0x1u
#define NV_PFALCON2_FALCON_BROM_CURR_UCODE_ID		0x198u
#define NV_PFALCON2_FALCON_BROM_ENGIDMASK		0x19cu
#define NV_PFALCON2_FALCON_BROM_PARAADDR(i)		(0x210u + 4u * (i))
#define NV_PRISCV_RISCV_CORE_SWITCH_RISCV_STATUS	0x240u	/* TU10x, GA100 */
#define   NV_PRISCV_RISCV_CORE_SWITCH_RISCV_STATUS_ACTIVE (1u << 0)
#define NV_PRISCV_RISCV_IRQMASK_TU102			0x2b4u
#define NV_PRISCV_RISCV_CPUCTL				0x388u	/* GA102 and later */
#define   NV_PRISCV_RISCV_CPUCTL_HALTED			(1u << 4)
#define   NV_PRISCV_RISCV_CPUCTL_ACTIVE_STAT		(1u << 7)
#define NV_PRISCV_RISCV_IRQMASK_GA102			0x528u
#define NV_PRISCV_RISCV_BCR_CTRL			0x668u	/* GA102 and later */
#define   NV_PRISCV_RISCV_BCR_CTRL_VALID		(1u << 0)
#define   NV_PRISCV_RISCV_BCR_CTRL_CORE_SELECT_RISCV	(1u << 4)
#define   NV_PRISCV_RISCV_BCR_CTRL_BR_FETCH		(1u << 8)

/* A GSP register that reads 0xbadf41xx is still behind the PRI lockdown. */
#define NV_PFALCON_PRI_LOCKED_MASK			0xffffff00u
#define NV_PFALCON_PRI_LOCKED				0xbadf4100u

#endif /* NVGSP_REGS_FALCON_H */
