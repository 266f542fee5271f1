/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gpusim_internal.h - the hardware model's own state and register
 * definitions, shared by gpusim.c (device, register file, services),
 * gpusim_falcon.c (GSP and SEC2 falcons: reset, PIO, DMA, FWSEC, booter)
 * and gpusim_fsp.c (FSP: EMEM, queues, chain of trust). Internal to gpusim.
 *
 * The register definitions are the model's own, from
 * Documentation/hardware.rst (which cites nova-core's
 * regs.rs and nouveau's nvkm/falcon and nvhw/ref headers); the model does
 * not include the driver's src/chip/regs headers, so a wrong offset there
 * is caught here instead of being shared.
 */
#ifndef GPUSIM_INTERNAL_H
#define GPUSIM_INTERNAL_H

#include "gpusim.h"
#include "gpusim_rm.h"
#include "gpusim_wpr.h"
#include "chip/nvgsp_chip.h"

/* ---- global registers (Documentation/hardware.rst), sorted by offset ---- */
#define GS_PMC_BOOT_0			0x000000u
#define GS_PMC_BOOT_42			0x000a00u
#define GS_PBUS_SW_SCRATCH(i)		(0x001400u + 4u * (i))
#define GS_PBUS_BAR0_WINDOW		0x001700u	/* TU..AD; vgpu-fb.rst */
#define   GS_PBUS_BAR0_WINDOW_BASE	0x00ffffffu	/* 23:0: base >> 16 */
#define   GS_PBUS_BAR0_WINDOW_TARGET	0x03000000u	/* 25:24: 0 = VID_MEM */
#define   GS_SCRATCH_FRTS_ERR		0xeu	/* bits 31:16: FWSEC-FRTS error */
#define   GS_SCRATCH_SB_ERR		0x15u	/* bits 15:0: FWSEC-SB error */
#define GS_THERM_I2CS_SCRATCH		0x0200bcu	/* GH100, GB10x: 0xff = FSP booted */
#define GS_FUSE_DISPLAY_TU10X		0x021c04u	/* bit 0: display disabled */
#define GS_THERM_I2CS_SCRATCH_GB20X	0x0ad0bcu
#define GS_PFB_FLUSH_SYSMEM_ADDR	0x100c10u
#define GS_PFB_FLUSH_SYSMEM_ADDR_HI	0x100c40u
#define GS_PFB_LOCAL_MEMORY_RANGE	0x100ce0u	/* TU10x, GA100: 9:4 mag, 3:0 scale */
#define GS_XAL_EP_BAR0_WINDOW		0x10fd40u	/* GH100 and later */
#define   GS_XAL_EP_BAR0_WINDOW_BASE_GH100 0x003fffffu	/* 21:0: base >> 16 */
#define   GS_XAL_EP_BAR0_WINDOW_BASE_GB100 0x007fffffu	/* 22:0 */
#define GS_BSI_SECURE_SCRATCH_14	0x1180f8u
#define   GS_BSI_BOOT_STAGE_3_HANDOFF	(1u << 26)
#define GS_GFW_PRIV_LEVEL_MASK		0x118128u	/* bit 0 must read 1 */
#define GS_GFW_BOOT			0x118234u	/* 7:0 = 0xff: devinit done */
#define GS_USABLE_FB_SIZE_IN_MB		0x1183a4u	/* GA102 and later */
#define GS_WPR2_ADDR_LO			0x1fa824u	/* 31:4 = addr >> 12 */
#define GS_WPR2_ADDR_HI			0x1fa828u	/* 31:4 = end >> 12; 0 = unset */
#define GS_PROM_BASE			0x300000u
#define GS_PROM_SIZE			0x100000u
#define GS_VGA_WORKSPACE_BASE		0x625f04u	/* bit 3 valid; kept 0 */
#define GS_PRAMIN_BASE			0x700000u	/* 1 MiB window onto VRAM */
#define GS_PRAMIN_SIZE			0x100000u
#define GS_FUSE_DISPLAY_GA100		0x820c04u
/*
 * The CPU interrupt tree, NV_VIRTUAL_FUNCTION_PRIV as the PF sees it in BAR0
 * (hardware.rst, "Interrupt tree (VFN)"; nouveau vfn/tu102.c, vfn/ga100.c; NVIDIA dev_vm.h) on
 * TU102..GH100. GB10x and GB20x: no public source found; the model assumes
 * the same base and layout.
 */
#define GS_INTR_BASE			0xb80000u
#define GS_INTR_LEAF(i)			(GS_INTR_BASE + 0x1000u + 4u * (i))	/* W1C */
#define GS_INTR_LEAF_EN_SET(i)		(GS_INTR_BASE + 0x1200u + 4u * (i))
#define GS_INTR_LEAF_EN_CLEAR(i)	(GS_INTR_BASE + 0x1400u + 4u * (i))
#define GS_INTR_TOP			(GS_INTR_BASE + 0x1600u)	/* bit s: subtree s */
#define GS_INTR_TOP_EN_SET		(GS_INTR_BASE + 0x1608u)
#define GS_INTR_TOP_EN_CLEAR		(GS_INTR_BASE + 0x1610u)
#define GS_INTR_NR_LEAVES		8u	/* vectors 0..255 */
#define GS_INTR_NR_SUBTREES		(GS_INTR_NR_LEAVES / 2)
/* NV_VIRTUAL_FUNCTION_PRIV_DOORBELL (ga102 dev_vm.h), as the PF writes it. */
#define GS_VF_PRIV_DOORBELL		0x2200u

/* ---- falcon bases (hardware.rst, "Falcon engines") ---- */
#define GS_GSP_BASE			0x110000u
#define GS_SEC2_BASE			0x840000u
#define GS_FSP_BASE			0x8f2000u
#define GS_FALCON2_OFF			0x1000u	/* PFALCON2 / RISC-V = base + this */

/* ---- PFALCON registers, offsets from the base ---- */
#define GS_FLCN_IRQSSET			0x000u
#define GS_FLCN_IRQSCLR			0x004u
#define GS_FLCN_IRQSTAT			0x008u
#define   GS_IRQ_HALT			(1u << 4)
#define   GS_IRQ_SWGEN0			(1u << 6)
#define GS_FLCN_IRQMSET			0x010u
#define GS_FLCN_IRQMCLR			0x014u
#define GS_FLCN_IRQMASK			0x018u
#define GS_FLCN_MAILBOX0		0x040u
#define GS_FLCN_MAILBOX1		0x044u
#define GS_FLCN_OS			0x080u
#define GS_FLCN_RM			0x084u
#define GS_FLCN_HWCFG2			0x0f4u
#define   GS_HWCFG2_RISCV		(1u << 10)
#define   GS_HWCFG2_MEM_SCRUBBING	(1u << 12)
#define   GS_HWCFG2_BR_PRIV_LOCKDOWN	(1u << 13)
#define   GS_HWCFG2_RESET_READY		(1u << 31)
#define GS_FLCN_CPUCTL			0x100u
#define   GS_CPUCTL_STARTCPU		(1u << 1)
#define   GS_CPUCTL_HALTED		(1u << 4)
#define   GS_CPUCTL_ALIAS_EN		(1u << 6)
#define GS_FLCN_BOOTVEC			0x104u
#define GS_FLCN_HWCFG			0x108u	/* 8:0 IMEM/256, 17:9 DMEM/256 */
#define GS_FLCN_DMACTL			0x10cu
#define   GS_DMACTL_DMEM_SCRUBBING	(1u << 1)
#define   GS_DMACTL_IMEM_SCRUBBING	(1u << 2)
#define GS_FLCN_DMATRFBASE		0x110u
#define GS_FLCN_DMATRFMOFFS		0x114u
#define GS_FLCN_DMATRFCMD		0x118u
#define   GS_DMATRFCMD_IDLE		(1u << 1)
#define   GS_DMATRFCMD_IMEM		(1u << 4)
#define   GS_DMATRFCMD_WRITE		(1u << 5)
#define   GS_DMATRFCMD_SIZE(v)		(((v) >> 8) & 0x7u)
#define   GS_DMATRFCMD_CTXDMA(v)	(((v) >> 12) & 0x7u)
#define GS_FLCN_DMATRFFBOFFS		0x11cu
#define GS_FLCN_DMATRFBASE1		0x128u
#define GS_FLCN_HWCFG1			0x12cu
#define GS_FLCN_CPUCTL_ALIAS		0x130u
#define GS_FLCN_IMEMC(p)		(0x180u + 16u * (p))
#define GS_FLCN_IMEMD(p)		(0x184u + 16u * (p))
#define GS_FLCN_IMEMT(p)		(0x188u + 16u * (p))
#define GS_NR_IMEM_PORTS		4u
#define GS_FLCN_DMEMC(p)		(0x1c0u + 8u * (p))
#define GS_FLCN_DMEMD(p)		(0x1c4u + 8u * (p))
#define GS_NR_DMEM_PORTS		8u
#define   GS_MEMC_OFFS(v)		((v) & 0xfffcu)
#define   GS_MEMC_AINCW			(1u << 24)
#define   GS_MEMC_AINCR			(1u << 25)
#define   GS_MEMC_SECURE		(1u << 28)
#define GS_FLCN_ENGINE			0x3c0u	/* bit 0: reset */
#define GS_FLCN_INTR_RETRIGGER		0x3e8u
#define GS_FLCN_FBIF_TRANSCFG(i)	(0x600u + 4u * (i))
#define   GS_TRANSCFG_TARGET(v)		((v) & 0x3u)	/* 0 FB, 1 coh, 2 noncoh sysmem */
#define   GS_TRANSCFG_PHYSICAL		(1u << 2)
#define GS_FLCN_FBIF_CTL		0x624u
#define GS_FLCN_EMEMC(p)		(0xac0u + 8u * (p))
#define GS_FLCN_EMEMD(p)		(0xac4u + 8u * (p))
#define GS_FLCN_QUEUE_HEAD		0xc00u	/* GSP: doorbell; FSP: command queue head */
#define GS_FLCN_QUEUE_TAIL		0xc04u
#define GS_FLCN_MSGQ_HEAD		0xc80u
#define GS_FLCN_MSGQ_TAIL		0xc84u

/* ---- PFALCON2 / RISC-V registers, offsets from base + 0x1000 ---- */
#define GS_FLCN2_MOD_SEL		0x180u
#define GS_FLCN2_BROM_CURR_UCODE_ID	0x198u
#define GS_FLCN2_BROM_ENGIDMASK		0x19cu
#define GS_FLCN2_BROM_PARAADDR0		0x210u
#define GS_FLCN2_RISCV_STATUS		0x240u	/* TU10x, GA100: bit 0 active */
#define GS_FLCN2_RISCV_IRQMASK_TU102	0x2b4u
#define GS_FLCN2_RISCV_CPUCTL		0x388u	/* GA102+: 7 active, 4 halted */
#define   GS_RISCV_CPUCTL_HALTED	(1u << 4)
#define   GS_RISCV_CPUCTL_ACTIVE	(1u << 7)
#define GS_FLCN2_RISCV_IRQMASK_GA102	0x528u
#define GS_FLCN2_BCR_CTRL		0x668u
#define   GS_BCR_CTRL_VALID		(1u << 0)
#define   GS_BCR_CTRL_CORE_SELECT	(1u << 4)

/* ---- model constants ---- */
#define GS_FLCN_BLOCK			256u	/* IMEM tag / DMA granule */
#define GS_GSP_IMEM_SIZE		0x10000u	/* 64 KiB, as GA102's GSP */
#define GS_GSP_DMEM_SIZE		0x10000u
#define GS_SEC2_IMEM_SIZE		0x10000u	/* holds booter_load (~36 KiB code) */
#define GS_SEC2_DMEM_SIZE		0x10000u
#define GS_FSP_EMEM_SIZE		0x2000u	/* 8 KiB; a COT message is 868 bytes */
#define GS_SCRUB_NS			5000u	/* scrub busy 5 virtual us after reset */

/*
 * Error codes the model's secure ucode reports. The real codes are not
 * public; these are the model's own, chosen to be recognisable.
 */
#define GS_FWSEC_FAULT_ERR		0x00a5u	/* FWSEC-FRTS: scratch 0xE 31:16 */
#define GS_FWSEC_REFUSED		0xbad0f5ecu	/* MAILBOX0: ucode not FWSEC */
#define GS_BOOTER_FAULT_ERR		0x0000b00eu	/* MAILBOX0 of an injected fault */
#define GS_BOOTER_REFUSED		0xbad0b007u	/* MAILBOX0: ucode or WPR refused */
#define GS_FSP_FAULT_ERR		0x0000f5e1u	/* FSP_RESPONSE errorCode */
#define GS_FSP_REFUSED			0x0000f5e2u	/* COT content refused */
#define GS_GSP_UNLOADED_MBOX		0x80000000u

/**
 * enum gs_falcon_id - the falcons the model has.
 * @GS_GSP: the GSP (0x110000): FWSEC in falcon mode, GSP-RM in RISC-V mode.
 * @GS_SEC2: SEC2 (0x840000): the booters.
 * @GS_FSP: the FSP (0x8f2000; Hopper and Blackwell): EMEM and queues only.
 * @GS_NR_FALCONS: their number.
 */
enum gs_falcon_id {
	GS_GSP,
	GS_SEC2,
	GS_FSP,
	GS_NR_FALCONS,
};

/**
 * struct gs_falcon - one falcon's state.
 * @name: "GSP", "SEC2", "FSP", for messages.
 * @id: which.
 * @present: the chip has it (FSP: Hopper and later only).
 * @base: PFALCON base in BAR0.
 * @imem: instruction memory, @imem_size bytes.
 * @dmem: data memory, @dmem_size bytes.
 * @emem: FSP external memory, @emem_size bytes (NULL elsewhere).
 * @imem_size: bytes of @imem.
 * @dmem_size: bytes of @dmem.
 * @emem_size: bytes of @emem.
 * @imem_tags: the tag of each 256-byte IMEM block (IMEMT or DMA offset).
 * @imem_secure: each block was loaded as secure code.
 * @loaded: IMEM was written (PIO or DMA) since the last reset.
 * @in_reset: ENGINE.reset is asserted.
 * @scrubbing: memory scrubbing after reset has not finished.
 * @scrub_done_ns: when it finishes (virtual time).
 * @halted: CPUCTL.HALTED.
 * @riscv_active: the RISC-V core runs (GSP-RM).
 * @irqstat: IRQSTAT.
 * @irqmask: IRQMASK, set and cleared through IRQMSET/IRQMCLR.
 * @riscv_irqmask: the RISC-V interrupt mask GSP-RM programs.
 * @mailbox: MAILBOX0/1.
 * @os: the OS register (0x080).
 * @rm: the RM register (0x084).
 * @bootvec: BOOTVEC.
 * @dmactl: DMACTL as written (scrub bits are computed).
 * @hwcfg2_lockdown: HWCFG2.RISCV_BR_PRIV_LOCKDOWN.
 * @dma_base: DMATRFBASE.
 * @dma_base1: DMATRFBASE1.
 * @dma_moffs: DMATRFMOFFS.
 * @dma_fboffs: DMATRFFBOFFS.
 * @dma_cmd: the last DMATRFCMD written.
 * @transcfg: FBIF_TRANSCFG[8].
 * @fbif_ctl: FBIF_CTL.
 * @imemc: IMEMC of each port.
 * @dmemc: DMEMC of each port.
 * @ememc: EMEMC of port 0..3.
 * @mod_sel: BROM MOD_SEL.
 * @ucode_id: BROM CURR_UCODE_ID.
 * @engidmask: BROM ENGIDMASK.
 * @paraaddr0: BROM PARAADDR[0].
 * @bcr_ctrl: BCR_CTRL as written (valid reads 1).
 * @queue_head: FSP QUEUE_HEAD(0).
 * @queue_tail: FSP QUEUE_TAIL(0).
 * @msgq_head: FSP MSGQ_HEAD(0).
 * @msgq_tail: FSP MSGQ_TAIL(0).
 */
struct gs_falcon {
	const char *name;
	enum gs_falcon_id id;
	bool present;
	u32 base;
	u8 *imem, *dmem, *emem;
	u32 imem_size, dmem_size, emem_size;
	u16 *imem_tags;
	bool *imem_secure;
	bool loaded;
	bool in_reset;
	bool scrubbing;
	u64 scrub_done_ns;
	bool halted;
	bool riscv_active;
	u32 irqstat, irqmask, riscv_irqmask;
	u32 mailbox[2];
	u32 os, rm;
	u32 bootvec;
	u32 dmactl;
	bool hwcfg2_lockdown;
	u32 dma_base, dma_base1, dma_moffs, dma_fboffs, dma_cmd;
	u32 transcfg[8];
	u32 fbif_ctl;
	u32 imemc[GS_NR_IMEM_PORTS];
	u32 dmemc[GS_NR_DMEM_PORTS];
	u32 ememc[4];
	u32 mod_sel, ucode_id, engidmask, paraaddr0;
	u32 bcr_ctrl;
	u32 queue_head, queue_tail, msgq_head, msgq_tail;
};

/**
 * struct gs_reg - one slot of the sparse register store.
 * @offset: the register; GS_REG_EMPTY for a free slot.
 * @value: what it holds.
 */
struct gs_reg {
	u32 offset;
	u32 value;
};
#define GS_REG_EMPTY	0xffffffffu

/**
 * struct gpusim - the simulated GPU.
 * @chip: the chip table entry.
 * @chip_name: the configured chip name (copied).
 * @release: the configured release (copied).
 * @fw: the real firmware files of the chip and release.
 * @abi: the release's ABI table.
 * @rm: the GSP-RM behaviour model.
 * @dma: host memory access (NULL: the userspace OS layer's registry).
 * @dma_ctx: passed to @dma.
 * @fb_mib: VRAM in MiB.
 * @boot0: NV_PMC_BOOT_0.
 * @boot42: NV_PMC_BOOT_42.
 * @pci: the PCI identity.
 * @rom: the VBIOS the PROM window shows.
 * @rom_len: its size.
 * @regs: the sparse register store (every register not modelled otherwise).
 * @regs_cap: slots in @regs (a power of two).
 * @regs_used: slots in use.
 * @unmodeled: the driver's writes that landed in @regs (gpusim_unmodeled.c).
 * @ptimer_offset: PTIMER's count less the model's clock (gpusim_timer.c).
 * @ptimer_hi: TIME_1 as last written, for the TIME_0 write that follows.
 * @mmu_invalidate: the MMU invalidate register as it reads back.
 * @mmu_invalidates: invalidates the driver triggered.
 * @bar_unmapped_bar: the BAR of the first of them (1 or 3).
 * @bar_unmapped_off: its offset in that BAR.
 * @bar_unmapped: BAR1/BAR3 accesses the page tables did not map
 *     (gpusim_bar.c), counted per 4 KiB piece.
 * @flcn: the falcons.
 * @wpr2_lo: WPR2_ADDR_LO as the hardware holds it.
 * @wpr2_hi: WPR2_ADDR_HI.
 * @now_ns: the virtual time of the last tick.
 * @accesses: register accesses by the driver so far.
 * @fault_armed: which faults are armed.
 * @fault_arg: their arguments.
 * @gone_from: for the device-gone fault, the access count it starts at.
 * @rm_running: GSP-RM runs (started, not unloaded or crashed).
 * @rm_started: GSP-RM was started at least once.
 * @rm_unloaded: GSP-RM unloaded cleanly.
 * @error: the first failure recorded, "" when none.
 * @stats: the hardware model's counters.
 * @intr_leaf: the interrupt tree's LEAF registers (pending bits).
 * @intr_leaf_en: their enables (LEAF_EN_SET/CLEAR).
 * @intr_top_en: TOP_EN(0): which subtrees reach the CPU.
 * @intr_line: the tree's output (MSI/INTx) as last computed.
 * @gsp_intr_vector: the GSP's stall vector, which SWGEN0 sets.
 * @flush_lo: the sysmem-flush low registers, per pair (gpusim_flush.c).
 * @flush_hi: the high ones, as much as they keep.
 * @irq_fn: called on each rising edge of @intr_line.
 * @irq_ctx: passed to @irq_fn.
 * @sriov: the SR-IOV capability and the VFs' state.
 * @vram: the VRAM contents (gpusim_vram.c).
 * @pramin_window: the PRAMIN window register as the hardware holds it.
 */
/**
 * struct gs_vf - one VF's (GFID's) state in its NV_VIRTUAL_FUNCTION_PRIV
 * window (gpusim_sriov.c).
 * @intr_leaf: its CPU interrupt tree's LEAF registers (pending bits).
 * @intr_leaf_en: their enables.
 * @intr_top_en: TOP_EN(0).
 * @doorbells: writes to its DOORBELL.
 * @last_doorbell: the last value written there.
 * @pf_doorbells: doorbells the PF rang for this GFID.
 */
struct gs_vf {
	u32 intr_leaf[GS_INTR_NR_LEAVES];
	u32 intr_leaf_en[GS_INTR_NR_LEAVES];
	u32 intr_top_en;
	u32 doorbells, last_doorbell;
	u32 pf_doorbells;
};

/**
 * struct gs_sriov - the PF's SR-IOV state (gpusim_sriov.c).
 * @present: the board has an SR-IOV capability; @facts is valid.
 * @facts: its reset values.
 * @vf_enable: SR-IOV Control.VF Enable as last programmed.
 * @num_vfs: NumVFs as last programmed.
 * @vf_bar_addr: the VF BAR registers as last programmed.
 * @vf: per-GFID state, VF n at index n.
 */
struct gs_sriov {
	bool present;
	struct gpusim_sriov_facts facts;
	bool vf_enable;
	u16 num_vfs;
	u64 vf_bar_addr[GPUSIM_VF_BARS];
	struct gs_vf vf[GPUSIM_MAX_VFS];
};

/**
 * struct gs_vram - sparse VRAM contents (gpusim_vram.c).
 * @leaves: one entry per 32 MiB of FB: NULL, or a table of 64 KiB pages.
 * @nr_leaves: entries in @leaves.
 * @pages: pages allocated.
 * @win: the PRAMIN window's memory (gpusim_pramin_attach()); NULL: the
 *     window is served from the pages like the rest of VRAM.
 * @win_shown: @win holds VRAM [@win_base, @win_base + 1 MiB) (the window
 *     targets VID_MEM); the pages of that range are absent meanwhile.
 * @win_base: the FB offset @win shows.
 */
struct gs_vram {
	struct gs_vram_leaf **leaves;
	u64 nr_leaves;
	u64 pages;
	u8 *win;
	bool win_shown;
	u64 win_base;
};

/* Sysmem-flush register pairs at most (GB10x: HSHUB0 and its EG pair). */
#define GS_FLUSH_PAIRS 2

struct gpusim {
	const struct nvgsp_chip_info *chip;
	char chip_name[16];
	char release[32];
	struct gpusim_fw *fw;
	const struct nvgsp_abi *abi;
	struct gpusim_rm *rm;
	const struct gpusim_dma_ops *dma;
	void *dma_ctx;
	u32 fb_mib;
	u32 boot0, boot42;
	struct gpusim_pci pci;
	u8 *rom;
	size_t rom_len;
	struct gs_reg *regs;
	u32 regs_cap, regs_used;
	struct gs_unmodeled *unmodeled;
	u64 ptimer_offset;
	u32 ptimer_hi;
	u32 mmu_invalidate;
	u32 mmu_invalidates;
	u64 bar_unmapped;
	unsigned int bar_unmapped_bar;
	u64 bar_unmapped_off;
	struct gs_falcon flcn[GS_NR_FALCONS];
	u32 wpr2_lo, wpr2_hi;
	/* GspFwWprMeta.gspFwHeapVfPartitionCount of the last accepted boot. */
	u8 wpr_vf_partitions;
	u64 now_ns;
	u64 accesses;
	bool fault_armed[GPUSIM_NR_FAULTS];
	u32 fault_arg[GPUSIM_NR_FAULTS];
	u64 gone_from;
	bool rm_running;
	bool rm_started;
	bool rm_unloaded;
	char error[512];
	struct gpusim_stats stats;
	u32 intr_leaf[GS_INTR_NR_LEAVES];
	u32 intr_leaf_en[GS_INTR_NR_LEAVES];
	u32 intr_top_en;
	bool intr_line;
	u32 gsp_intr_vector;
	u32 flush_lo[GS_FLUSH_PAIRS];
	u32 flush_hi[GS_FLUSH_PAIRS];
	void (*irq_fn)(void *ctx);
	void *irq_ctx;
	struct gs_sriov sriov;
	struct gs_vram vram;
	u32 pramin_window;
};

/* Family facts the model needs (Documentation/gsp-boot.rst, "Per-family differences"). */
bool gs_chip_pre_ga102(const struct gpusim *sim);	/* TU10x, TU11x, GA100 */
bool gs_chip_fsp(const struct gpusim *sim);		/* GH100, GB10x, GB20x */

/* gpusim_sriov.c */
int gs_sriov_init(struct gpusim *sim, u16 total_vfs, char *err, size_t err_len);
void gs_sriov_pf_wr(struct gpusim *sim, u32 offset, u32 value);

/* gpusim.c: the sparse store. */
u32 gs_store_rd(const struct gpusim *sim, u32 offset);
int gs_store_wr(struct gpusim *sim, u32 offset, u32 value);
/* gpusim_unmodeled.c: record a driver's write to an unmodelled register */
void gs_unmodeled_note(struct gpusim *sim, u32 offset, u32 value);
void gs_unmodeled_fini(struct gpusim *sim);

/* gpusim_falcon.c */
int gs_falcon_init(struct gpusim *sim);
void gs_falcon_fini(struct gpusim *sim);
u32 gs_falcon_rd(struct gpusim *sim, struct gs_falcon *f, u32 off, bool side_effects);
void gs_falcon_wr(struct gpusim *sim, struct gs_falcon *f, u32 off, u32 value);
void gs_falcon_tick(struct gpusim *sim);
void gs_gsp_riscv_start(struct gpusim *sim);
void gs_gsp_riscv_halt(struct gpusim *sim);
void gs_raise_swgen0(struct gpusim *sim);
void gs_intr_retrigger_gsp(struct gpusim *sim);

/* gpusim_flush.c: the sysmem-flush registers (true: @offset is one). */
bool gs_flush_rd(const struct gpusim *sim, u32 offset, u32 *val);
bool gs_flush_wr(struct gpusim *sim, u32 offset, u32 value);
u64 gs_flush_addr(const struct gpusim *sim, unsigned int pair);

/* gpusim_timer.c: PTIMER and the MMU invalidate (true: @offset is theirs). */
bool gs_timer_rd(const struct gpusim *sim, u32 offset, u32 *val);
bool gs_timer_wr(struct gpusim *sim, u32 offset, u32 value);

/* gpusim_top.c: PTOP device info and the runlists' registers (true: @offset is theirs). */
bool gs_top_rd(const struct gpusim *sim, u32 offset, u32 *val);
bool gs_top_wr(const struct gpusim *sim, u32 offset);

/* gpusim_vram.c: VRAM and the PRAMIN window (true: @offset is theirs). */
int gs_vram_init(struct gpusim *sim);
void gs_vram_fini(struct gpusim *sim);
bool gs_pramin_rd(struct gpusim *sim, u32 offset, u32 *val);
bool gs_pramin_wr(struct gpusim *sim, u32 offset, u32 value);
bool gs_pramin_read(struct gpusim *sim, u32 offset, void *buf, u32 len);
bool gs_pramin_write(struct gpusim *sim, u32 offset, const void *buf, u32 len);
bool gs_pramin_set(struct gpusim *sim, u32 offset, u8 value, u32 len);

/* gpusim_fsp.c */
void gs_fsp_queue_head(struct gpusim *sim, struct gs_falcon *f);
u32 gs_fsp_emem_rd(struct gpusim *sim, struct gs_falcon *f, u32 port, bool side_effects);
void gs_fsp_emem_wr(struct gpusim *sim, struct gs_falcon *f, u32 port, u32 value);

#endif /* GPUSIM_INTERNAL_H */
