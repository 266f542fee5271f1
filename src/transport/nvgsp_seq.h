/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_seq.h - the RUN_CPU_SEQUENCER interpreter: register scripts GSP-RM
 * asks the CPU to run (during boot and on resume).
 *
 * Portable core. The interpreter checks every opcode, operand count and
 * register offset before acting; the falcon operations it cannot do itself
 * are delegated to the boot layer through struct nvgsp_seq_ops.
 */
#ifndef NVGSP_SEQ_H
#define NVGSP_SEQ_H

#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"

/**
 * struct nvgsp_seq_ops - the GSP falcon operations of the core opcodes.
 * @core_reset: CORE_RESET: reset the GSP falcon and its DMA engine.
 * @core_start: CORE_START: start the GSP falcon's CPU.
 * @core_wait_for_halt: CORE_WAIT_FOR_HALT: wait until it halts.
 * @core_resume: CORE_RESUME: the resume handshake (reset, mailboxes with the
 *               libos arguments, SEC2 restart, wait for RISC-V active).
 *
 * Each returns 0 or a negative errno and logs its own failure.
 */
struct nvgsp_seq_ops {
	int (*core_reset)(void *ctx);
	int (*core_start)(void *ctx);
	int (*core_wait_for_halt)(void *ctx);
	int (*core_resume)(void *ctx);
};

/**
 * struct nvgsp_seq - an interpreter bound to one GPU.
 * @dev: the device, for messages.
 * @bar0: the register window REG_* opcodes act on.
 * @abi: the release (opcode numbers from its "seqop" map).
 * @ops: core operations; @ctx is passed to them.
 * @ctx: the boot layer's state.
 * @reg_save: REG_STORE's save area (NVGSP_SEQ_REG_SAVE entries).
 * @start_ns: when the running script started (its time cap counts from it).
 * @delay_us: the checked script's DELAY_US total.
 */
#define NVGSP_SEQ_REG_SAVE 8
struct nvgsp_seq {
	struct nvgsp_os_device *dev;
	struct nvgsp_os_bar *bar0;
	const struct nvgsp_abi *abi;
	const struct nvgsp_seq_ops *ops;
	void *ctx;
	u32 reg_save[NVGSP_SEQ_REG_SAVE];
	u64 start_ns;
	u64 delay_us;
};

/**
 * nvgsp_seq_run() - run one RUN_CPU_SEQUENCER payload.
 * @seq: the interpreter.
 * @payload: the event's payload (rpc_run_cpu_sequencer header and command
 *           buffer), as received.
 * @len: its length.
 *
 * Register offsets must be inside BAR0; REG_POLL honours its timeout (0
 * means 4 s, and it waits 4 s at most) and fails with -ETIMEDOUT naming the
 * register, mask and value. A DELAY_US may wait 1 s at most, and the whole
 * script 10 s: a script whose delays add up to more is refused before it
 * runs, a poll is cut to the time left, and a command reached after the
 * time is up fails with -ETIMEDOUT. Waits sleep (nvgsp_os_usleep()).
 *
 * Return: 0; -EPROTO for a malformed buffer (unknown opcode, truncated
 * command, count beyond the buffer, delays beyond the limits; the message
 * names the command index); -ETIMEDOUT; -ENODEV when a polled register and
 * NV_PMC_BOOT_0 read all ones (the device fell off the bus); an op's error.
 */
int nvgsp_seq_run(struct nvgsp_seq *seq, const void *payload, size_t len);

#endif /* NVGSP_SEQ_H */
