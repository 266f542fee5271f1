/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_gsp_intr.h - route GSP-RM's message interrupt through the CPU
 * interrupt tree: ask GSP-RM which vector the GSP's interrupt uses, enable
 * that vector, and acknowledge it in the interrupt handler.
 *
 * Portable core.
 *
 * DOC: the GSP's interrupt vector
 *
 * GSP-RM raises the GSP falcon's SWGEN0 when it posts a message. The
 * hardware sets the pending bit of the GSP's stall vector in the CPU
 * interrupt tree (src/chip/regs/nvgsp_regs_vfn.h); the CPU interrupt (MSI,
 * or INTx level) is asserted while an enabled pending bit sits in an
 * enabled subtree. Which vector is the GSP's differs per chip: GSP-RM says
 * in its kernel interrupt table (NV2080_CTRL_CMD_INTERNAL_INTR_GET_KERNEL_
 * TABLE on its internal subdevice), where the GSP is the entry whose
 * engine index is the release's MC_ENGINE_IDX_GSP (ABI parameter
 * "intr.engine_idx.gsp"). nouveau: r535_gsp_intr_get_table(); NVIDIA:
 * intrGetKernelTable, intrClearLeafVector_TU102.
 *
 * Service order (NVIDIA intrClearLeafVector before the engine's service):
 * clear the vector's pending bit, then the GSP's SWGEN0, then drain the
 * message queue; a message posted after the SWGEN0 clear raises SWGEN0,
 * and so the vector, again.
 */
#ifndef NVGSP_GSP_INTR_H
#define NVGSP_GSP_INTR_H

#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"

struct nvgsp_rm;

/* Room for the reason nvgsp_gsp_intr_init() gives. */
#define NVGSP_GSP_INTR_WHY_LEN 160

/**
 * struct nvgsp_gsp_intr - the GSP's vector in the CPU interrupt tree.
 * @bar0: the register window.
 * @dev: the device, for messages.
 * @vector: the GSP's stall vector (valid when @routed).
 * @routed: nvgsp_gsp_intr_init() read @vector from GSP-RM's table.
 * @enabled: nvgsp_gsp_intr_enable() enabled @vector; nvgsp_gsp_intr_fini()
 *           clears it.
 *
 * Locking: written by boot and teardown only (which own the GSP); the
 * interrupt handler reads it.
 */
struct nvgsp_gsp_intr {
	struct nvgsp_os_bar *bar0;
	struct nvgsp_os_device *dev;
	u32 vector;
	bool routed;
	bool enabled;
};

/**
 * nvgsp_gsp_intr_parse() - find the GSP's stall vector in the interrupt
 * table's wire bytes (NV2080_CTRL_INTERNAL_INTR_GET_KERNEL_TABLE_PARAMS).
 * @abi: the release that sent them.
 * @params: the control's parameters as GSP-RM returned them.
 * @len: their size (the release's params size).
 * @vector: set to the GSP's stall vector.
 * @why: receives the reason on failure, naming the field and its value.
 * @why_len: room at @why.
 *
 * Checks that tableLen is at most "intr.table_max" and that its entries
 * fit @len, that an entry has the GSP's engine index, and that its stall
 * vector is one of the tree's 256.
 *
 * Return: 0; -EPROTO for a table out of bounds or a vector outside the
 * tree; -ENOENT when no entry is the GSP's; -EOPNOTSUPP when the release
 * has no interrupt table codecs or parameters.
 */
int nvgsp_gsp_intr_parse(const struct nvgsp_abi *abi, const void *params, size_t len,
			 u32 *vector, char *why, size_t why_len);

/**
 * nvgsp_gsp_intr_init() - read GSP-RM's interrupt table: which vector is
 * the GSP's. Enables nothing: that waits until the OS has a handler for
 * the interrupt (nvgsp_gsp_intr_enable()), since an enabled vector with
 * nobody to service it holds the line asserted (INTx before MSI is on).
 * @intr: filled.
 * @bar0: the register window.
 * @dev: the device, for messages.
 * @rm: the RM object layer (GSP-RM running).
 * @abi: the release.
 * @info: GSP-RM's static info (its internal client and subdevice).
 * @why: receives the reason on failure, naming the field and its value.
 * @why_len: room at @why.
 *
 *
 * Return: 0; an errno from the control call; nvgsp_gsp_intr_parse()'s;
 * -ENOMEM; -EPROTO for static info without an internal client.
 */
int nvgsp_gsp_intr_init(struct nvgsp_gsp_intr *intr, struct nvgsp_os_bar *bar0,
			struct nvgsp_os_device *dev, struct nvgsp_rm *rm, const struct nvgsp_abi *abi,
			const struct nvgsp_abi_static_info *info, char *why, size_t why_len);

/**
 * nvgsp_gsp_intr_enable() - enable the GSP's vector and its subtree in the
 * CPU interrupt tree. A pending bit the boot's messages left on the vector
 * is cleared first, so the line starts low. A vector that does not read
 * back enabled is logged (messages are then polled). Nothing happens
 * before nvgsp_gsp_intr_init() succeeded, or when already enabled.
 * @intr: the vector.
 *
 * Return: true when the vector is enabled; false when it is not routed or
 * did not read back enabled (the caller must poll the messages).
 */
bool nvgsp_gsp_intr_enable(struct nvgsp_gsp_intr *intr);

/**
 * nvgsp_gsp_intr_ack() - the interrupt handler's first step: is the GSP's
 * vector pending? If so, clear it.
 * @intr: the vector.
 *
 * Return: true when the vector was pending (and is now cleared); false when
 * it was not, when the device is gone (the leaf reads all ones) or when no
 * vector is enabled: the interrupt is not the GSP's.
 */
bool nvgsp_gsp_intr_ack(struct nvgsp_gsp_intr *intr);

/**
 * nvgsp_gsp_intr_fini() - disable the GSP's vector; the subtree and other
 * vectors are left as they are. Nothing happens when none is enabled.
 * @intr: the vector.
 */
void nvgsp_gsp_intr_fini(struct nvgsp_gsp_intr *intr);

#endif /* NVGSP_GSP_INTR_H */
