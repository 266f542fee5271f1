/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_falcon.h - the falcon microcontrollers the boot sequence drives (the
 * GSP and SEC2 falcons): reset, IMEM/DMEM loads by PIO or DMA, the boot ROM's
 * signature parameters, mailboxes, start, halt and RISC-V state.
 *
 * Portable core. Register facts: Documentation/hardware.rst, "Falcon engines"
 * (nova-core falcon.rs and falcon/hal/{tu102,ga102}.rs, nouveau
 * nvkm/falcon/{gm200,gp102,ga102}.c). Every wait sleeps between reads with
 * nvgsp_os_usleep(), gives up with -ETIMEDOUT naming the register and its
 * last value, and returns -ENODEV when the register reads all ones.
 */
#ifndef NVGSP_FALCON_H
#define NVGSP_FALCON_H

#include "nvgsp_os.h"

/**
 * enum nvgsp_falcon_reset - how a falcon is reset.
 * @NVGSP_FALCON_RESET_TU102: ENGINE reset 1 -> 0, then wait for DMACTL's
 *                            IMEM/DMEM scrubbing bits to clear (TU10x, GA100).
 * @NVGSP_FALCON_RESET_GA102: wait HWCFG2.reset_ready (non-fatal), ENGINE
 *                            reset 1 -> 0, wait HWCFG2.mem_scrubbing, select
 *                            the falcon core in BCR_CTRL, wait scrubbing again
 *                            (GA102 and later).
 */
enum nvgsp_falcon_reset {
	NVGSP_FALCON_RESET_TU102,
	NVGSP_FALCON_RESET_GA102,
};

/**
 * enum nvgsp_falcon_riscv - where a falcon reports its RISC-V core running.
 * @NVGSP_FALCON_RISCV_CORE_SWITCH: PFALCON2 RISCV_CORE_SWITCH_RISCV_STATUS
 *                                  bit 0 (TU10x, GA100).
 * @NVGSP_FALCON_RISCV_CPUCTL: PFALCON2 RISCV_CPUCTL.active_stat, halted in
 *                             bit 4 (GA102 and later).
 */
enum nvgsp_falcon_riscv {
	NVGSP_FALCON_RISCV_CORE_SWITCH,
	NVGSP_FALCON_RISCV_CPUCTL,
};

/**
 * struct nvgsp_falcon_hal - the per-generation differences of a falcon.
 * @reset: the reset sequence.
 * @dma_load: firmware is loaded by DMA (GA102+) rather than PIO.
 * @brom: the boot ROM takes signature parameters (PFALCON2 PARAADDR,
 *        ENGIDMASK, CURR_UCODE_ID, MOD_SEL), GA102 and later.
 * @riscv: where RISC-V activity is read.
 */
struct nvgsp_falcon_hal {
	enum nvgsp_falcon_reset reset;
	bool dma_load;
	bool brom;
	enum nvgsp_falcon_riscv riscv;
};

/**
 * struct nvgsp_falcon - one falcon engine.
 * @bar: the register window.
 * @dev: the device, for messages.
 * @name: the engine's name ("GSP", "SEC2").
 * @base: PFALCON base in BAR0.
 * @base2: PFALCON2 (RISC-V) base in BAR0.
 * @hal: the generation's differences.
 * @boot0: NV_PMC_BOOT_0, written to the RM register after a reset.
 * @timeout_scale: multiplies every timeout; at least 1.
 *
 * Not locked: the boot sequence owns its falcons.
 */
struct nvgsp_falcon {
	struct nvgsp_os_bar *bar;
	struct nvgsp_os_device *dev;
	const char *name;
	u32 base;
	u32 base2;
	const struct nvgsp_falcon_hal *hal;
	u32 boot0;
	u32 timeout_scale;
};

/* Timeouts in microseconds (Documentation/hardware.rst, "Falcon engines"; nova-core falcon.rs). */
#define NVGSP_FALCON_RESET_READY_US	150
#define NVGSP_FALCON_SCRUB_US		20000
#define NVGSP_FALCON_DMACTL_SCRUB_US	10000
#define NVGSP_FALCON_BCR_US		10000
#define NVGSP_FALCON_DMA_US		2000000
#define NVGSP_FALCON_HALT_US		2000000
#define NVGSP_FALCON_RISCV_US		5000000

/**
 * nvgsp_falcon_init() - describe a falcon; touches no register.
 * @f: filled.
 * @bar: the register window.
 * @dev: the device, for messages.
 * @name: engine name.
 * @base: PFALCON base (NV_PGSP_FALCON_BASE, ...).
 * @hal: the generation's differences.
 * @boot0: NV_PMC_BOOT_0 as read at probe.
 * @timeout_scale: 0 or 1 for real hardware.
 */
void nvgsp_falcon_init(struct nvgsp_falcon *f, struct nvgsp_os_bar *bar,
		       struct nvgsp_os_device *dev, const char *name, u32 base,
		       const struct nvgsp_falcon_hal *hal, u32 boot0, u32 timeout_scale);

/**
 * nvgsp_poll32() - wait until (register & @mask) == @value.
 * @bar: the register window.
 * @dev: the device, for messages.
 * @reg: BAR0 offset.
 * @what: the register's name for messages ("GSP HWCFG2").
 * @mask: bits compared.
 * @value: what they must be.
 * @timeout_us: give up after this much time.
 * @interval_us: sleep between reads.
 * @last: set to the last value read; may be NULL.
 * @quiet: log a timeout at debug level only (a wait whose failure the
 *         caller tolerates).
 *
 * Return: 0; -ETIMEDOUT (logged: register, offset, mask, wanted and last
 * value, time waited); -ENODEV when the register reads 0xffffffff (logged).
 */
int nvgsp_poll32(struct nvgsp_os_bar *bar, struct nvgsp_os_device *dev, u32 reg, const char *what,
		 u32 mask, u32 value, u32 timeout_us, u32 interval_us, u32 *last, bool quiet);

/**
 * nvgsp_falcon_rd32() - read a falcon register.
 * @f: the falcon.
 * @reg: offset from the PFALCON base (NV_PFALCON_*).
 *
 * Return: the value.
 */
u32 nvgsp_falcon_rd32(struct nvgsp_falcon *f, u32 reg);

/**
 * nvgsp_falcon_wr32() - write a falcon register.
 * @f: the falcon.
 * @reg: offset from the PFALCON base.
 * @value: the value.
 */
void nvgsp_falcon_wr32(struct nvgsp_falcon *f, u32 reg, u32 value);

/**
 * nvgsp_falcon_reset() - reset the falcon and leave it in falcon (not
 * RISC-V) mode, memories scrubbed, the RM register set to BOOT_0.
 * @f: the falcon.
 *
 * Return: 0; -ETIMEDOUT; -ENODEV.
 */
int nvgsp_falcon_reset(struct nvgsp_falcon *f);

/**
 * struct nvgsp_falcon_seg - one piece of a ucode to load.
 * @src: PIO: the bytes; DMA: unused.
 * @src_off: DMA: byte offset of the piece in the DMA buffer, 256-aligned.
 * @len: bytes; PIO pads the last 256-byte IMEM block and the last DMEM
 *       dword with zeros; DMA moves whole 256-byte blocks.
 * @dst: IMEM or DMEM offset; 256-aligned for IMEM and for DMA.
 * @tag: PIO IMEM: tag of the first 256-byte block (incremented per block).
 * @imem: IMEM (else DMEM).
 * @secure: IMEM: load as secure code.
 */
struct nvgsp_falcon_seg {
	const u8 *src;
	u32 src_off;
	u32 len;
	u32 dst;
	u32 tag;
	bool imem;
	bool secure;
};

/**
 * nvgsp_falcon_load_pio() - write a piece into IMEM or DMEM through port 0.
 * @f: the falcon.
 * @seg: the piece.
 *
 * Return: 0; -EINVAL when it does not fit the memory HWCFG reports or is
 * misaligned (logged); -ENODEV when HWCFG reads all ones.
 */
int nvgsp_falcon_load_pio(struct nvgsp_falcon *f, const struct nvgsp_falcon_seg *seg);

/**
 * nvgsp_falcon_load_dma() - copy a piece from a DMA buffer into IMEM or
 * DMEM, 256 bytes per transfer (physical, coherent system memory).
 * @f: the falcon.
 * @buf: the buffer holding the ucode.
 * @seg: the piece (@seg->src_off and @seg->len inside @buf).
 *
 * Return: 0; -EINVAL for a piece outside @buf or misaligned (logged);
 * -ETIMEDOUT when a transfer does not complete; -ENODEV.
 */
int nvgsp_falcon_load_dma(struct nvgsp_falcon *f, const struct nvgsp_os_dma *buf,
			  const struct nvgsp_falcon_seg *seg);

/**
 * nvgsp_falcon_set_transcfg() - point a DMA context at physical coherent
 * system memory (the context a falcon bootloader's descriptor names).
 * @f: the falcon.
 * @ctx_dma: the context index, 0..7.
 */
void nvgsp_falcon_set_transcfg(struct nvgsp_falcon *f, u32 ctx_dma);

/**
 * nvgsp_falcon_brom() - program the boot ROM's signature check (GA102+;
 * a no-op on falcons whose HAL has no BROM parameters).
 * @f: the falcon.
 * @pkc_offset: DMEM offset of the signature.
 * @engine_id_mask: the ucode's engine mask.
 * @ucode_id: the ucode's id.
 */
void nvgsp_falcon_brom(struct nvgsp_falcon *f, u32 pkc_offset, u32 engine_id_mask,
		       u32 ucode_id);

/**
 * nvgsp_falcon_start() - start the CPU (CPUCTL, or CPUCTL_ALIAS when
 * CPUCTL.alias_en is set).
 * @f: the falcon.
 */
void nvgsp_falcon_start(struct nvgsp_falcon *f);

/**
 * nvgsp_falcon_wait_halt() - wait for CPUCTL.halted.
 * @f: the falcon.
 *
 * Return: 0; -ETIMEDOUT; -ENODEV.
 */
int nvgsp_falcon_wait_halt(struct nvgsp_falcon *f);

/**
 * nvgsp_falcon_boot() - set the mailboxes and boot vector, start, wait for
 * the halt and read the mailboxes back.
 * @f: the falcon.
 * @bootvec: the boot vector.
 * @mbox0: in: MAILBOX0 to write; out: MAILBOX0 after the halt.
 * @mbox1: in: MAILBOX1 to write; out: MAILBOX1 after the halt.
 *
 * Return: 0; -ETIMEDOUT; -ENODEV.
 */
int nvgsp_falcon_boot(struct nvgsp_falcon *f, u32 bootvec, u32 *mbox0, u32 *mbox1);

/**
 * nvgsp_falcon_riscv_wait_active() - wait for the RISC-V core to run
 * (10 ms between reads, 5 s).
 * @f: the falcon.
 *
 * Return: 0; -ETIMEDOUT; -ENODEV.
 */
int nvgsp_falcon_riscv_wait_active(struct nvgsp_falcon *f);

/**
 * nvgsp_falcon_riscv_wait_halted() - wait for the RISC-V core to stop
 * (GA102+: RISCV_CPUCTL.halted; TU10x/GA100: the core switch not active).
 * @f: the falcon.
 * @timeout_us: how long.
 *
 * Return: 0; -ETIMEDOUT; -ENODEV.
 */
int nvgsp_falcon_riscv_wait_halted(struct nvgsp_falcon *f, u32 timeout_us);

/**
 * nvgsp_falcon_riscv_halted() - has the RISC-V core stopped? One register
 * read, no wait, no message: what nvgsp_falcon_riscv_wait_halted() waits
 * for (GA102+: RISCV_CPUCTL.halted; TU10x/GA100: the core switch not
 * active).
 * @f: the falcon.
 *
 * Return: true when halted; false while it runs, when the register reads
 * all ones (the device is gone: the caller's liveness check says so) or
 * reads PRI-locked (0xbadf41xx: the state cannot be read now).
 */
bool nvgsp_falcon_riscv_halted(struct nvgsp_falcon *f);

#endif /* NVGSP_FALCON_H */
