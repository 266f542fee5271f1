/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_gsp.h - GSP-RM on one GPU: boot it, talk to it, shut it down.
 *
 * Portable core; the kernel glue (src/nvgsp_pci.c) and the unit tests call
 * these with a register window, a loaded firmware set and the bound ABI.
 *
 * Boot paths (Documentation/gsp-boot.rst):
 *  - SEC2 booter (TU10x, TU11x, GA100, GA10x, AD10x): GFW boot wait, VBIOS
 *    and FWSEC-FRTS (not on GA100), FB layout and WPR metadata, radix3 of
 *    .fwimage, libos arguments, queues, GSP falcon reset to RISC-V, booter_load
 *    on SEC2, RISC-V active, RPC bring-up.
 *  - FSP (GH100, GB10x, GB20x): FMC checks, GSP_FMC_BOOT_PARAMS, the FSP
 *    chain-of-trust message, lockdown release, RPC bring-up.
 * Both then wait for GSP_INIT_DONE, read static info, create the RM object
 * layer and read which vector is the GSP's (GSP-RM's interrupt table); the
 * OS layer enables it once it has a handler (nvgsp_gsp_irq_enable()).
 * Teardown: the vector disabled, UNLOADING_GUEST_DRIVER, falcon reset,
 * FWSEC-SB, booter_unload, the sysmem flush registers cleared; then the
 * device's DMA stopped (nvgsp_os_dma_stop()); then the memory freed, or
 * kept when an engine's state cannot be known (Documentation/runtime.rst).
 */
#ifndef NVGSP_GSP_H
#define NVGSP_GSP_H

#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"
#include "chip/nvgsp_chip.h"
#include "fw/nvgsp_fw_select.h"
#include "gsp/nvgsp_gsp_init.h"
#include "transport/nvgsp_rpc.h"
#include "rm/nvgsp_rm.h"

struct nvgsp_gsp;
struct nvgsp_rpc;
struct nvgsp_rm;

/**
 * struct nvgsp_gsp_config - what booting needs.
 * @dev: the OS device (DMA, names).
 * @bar0: the register window.
 * @chip: the identified chip.
 * @fw: the firmware set from nvgsp_fw_select(), with every file the release
 *      needs for the chip loaded; kept by the caller until shutdown.
 * @pci: the host's view of the device.
 * @timeout_scale: multiply every hardware timeout by this (1 on real
 *                 hardware; more for slow simulation); 0 means 1.
 * @vgpu: boot GSP-RM for SR-IOV vGPU (nvgsp_vgpu_boot_decide() said so):
 *        the vGPU WPR heap, GspFwWprMeta's VF partition count and
 *        RMSetSriovMode (Documentation/vgpu-boot.rst).
 */
struct nvgsp_gsp_config {
	struct nvgsp_os_device *dev;
	struct nvgsp_os_bar *bar0;
	const struct nvgsp_chip_id *chip;
	const struct nvgsp_fw_set *fw;
	struct nvgsp_gsp_pci pci;
	u32 timeout_scale;
	bool vgpu;
};

/**
 * nvgsp_gsp_boot() - boot GSP-RM to INIT_DONE and read its static info.
 * @cfg: the configuration; copied.
 * @out: set to the running GSP.
 *
 * On failure everything done so far is undone (falcons reset, WPR2 released
 * when this call set it, bus mastering cleared, then every DMA buffer
 * freed, or kept with one line when an engine's state cannot be known) and
 * one error line names the step that failed and why ("FWSEC-FRTS: error
 * 0x3 in scratch 0xe").
 *
 * Return: 0 or a negative errno.
 */
int nvgsp_gsp_boot(const struct nvgsp_gsp_config *cfg, struct nvgsp_gsp **out);

/**
 * nvgsp_gsp_shutdown() - unload GSP-RM and release everything; NULL ignored.
 * @gsp: the GSP. Errors on the way are logged and the teardown goes on.
 *
 * Whatever state GSP-RM is in (a dead transport fails every RPC at once):
 * the engines are quiesced, then the device's DMA is stopped
 * (nvgsp_os_dma_stop()), then the memory is freed. When an engine's state
 * cannot be known (a falcon reset failed, the device reads all ones, bus
 * mastering cannot be confirmed off) the memory the GPU was given is kept
 * instead (nvgsp_os_keep()), with one line saying how much and why. A
 * GSP-RM declared dead gets no RPC (its RM objects are forgotten, not
 * freed in it) and one line; after a device reset (nvgsp_gsp_kill() with
 * @reset) no engine step runs and nothing is waited for. The caller must
 * have stopped everything that calls into @gsp (interrupt, works, sysfs
 * readers) first.
 */
void nvgsp_gsp_shutdown(struct nvgsp_gsp *gsp);

/**
 * nvgsp_gsp_quiesce() - the device half of nvgsp_gsp_shutdown(), for a
 * system going down (reboot, kexec; Documentation/pm.rst): GSP-RM unloaded
 * (UNLOADING_GUEST_DRIVER, the wait for its halt), the engines reset, the
 * device's DMA stopped, exactly as the shutdown does; then every call fails
 * at once with -EIO (nvgsp_gsp_state() says dead, "GSP-RM unloaded").
 * Nothing is freed: whoever may still hold @gsp (a sysfs reader, the
 * render node, when user space still runs at kexec) can keep calling it.
 * nvgsp_gsp_shutdown() later frees what is left. NULL ignored; a second
 * call does nothing. Every wait is bounded (the teardown's).
 * @gsp: the GSP. The caller stopped its own works and interrupt first.
 */
void nvgsp_gsp_quiesce(struct nvgsp_gsp *gsp);

/**
 * nvgsp_gsp_kill() - GSP-RM is dead for a reason the transport cannot see
 * (a PCIe error the platform reported): every call fails at once with
 * -EIO, one line says why (nvgsp_rpc_kill()). Waits for a call in flight,
 * which ends within its timeout.
 * @gsp: the GSP, booted.
 * @why: the reason, as gsp_state shows it.
 * @reset: the device is reset before anything runs on it again (a frozen
 *         link: the platform resets it next). nvgsp_gsp_shutdown() then
 *         touches no engine and waits for nothing: no unload, no falcon
 *         reset, no FWSEC-SB or booter_unload; the device's DMA is
 *         stopped and the memory freed, with one line. Without @reset the
 *         teardown sends nothing to GSP-RM but still resets the GSP falcon
 *         and releases WPR2 (the GPU, not GSP-RM, runs those), so that the
 *         next boot finds the GPU as a cold one.
 */
void nvgsp_gsp_kill(struct nvgsp_gsp *gsp, const char *why, bool reset);

/**
 * nvgsp_gsp_irq_enable() - let the GSP's messages interrupt the CPU: enable
 * the GSP's vector (which the boot read from GSP-RM's interrupt table) in
 * the CPU interrupt tree, then service it once. Call it once the OS
 * handler that calls nvgsp_gsp_irq() is installed; without one, never
 * (the messages are polled, and the tree stays as the boot found it).
 * @gsp: the GSP.
 *
 * Return: true when the vector is enabled; false when it did not enable
 * (logged): the caller must then poll (nvgsp_gsp_poll()).
 */
bool nvgsp_gsp_irq_enable(struct nvgsp_gsp *gsp);

/**
 * nvgsp_gsp_irq_disable() - the reverse, before the OS handler goes (the
 * teardown also does it). Nothing happens when not enabled.
 * @gsp: the GSP.
 */
void nvgsp_gsp_irq_disable(struct nvgsp_gsp *gsp);

/**
 * nvgsp_gsp_irq() - service the GSP interrupt: acknowledge the GSP's vector
 * in the CPU interrupt tree, clear the GSP's SWGEN0, drain the message
 * queue (in that order; see nvgsp_gsp_intr.h).
 * @gsp: the GSP.
 *
 * Safe to call when the interrupt may be someone else's (a shared line) and
 * concurrently with RPC calls, which drain the queue by polling themselves.
 *
 * Return: true when the GSP's vector was pending (the interrupt was ours);
 * false otherwise, touching nothing but the vector's leaf register read.
 */
bool nvgsp_gsp_irq(struct nvgsp_gsp *gsp);

struct nvgsp_rm *nvgsp_gsp_rm(struct nvgsp_gsp *gsp);

/**
 * nvgsp_gsp_vf_total() - the TotalVFs GSP-RM was booted for: what
 * GSP_SET_SYSTEM_INFO's gspVFInfo.totalVFs said (@cfg.pci.vf_total).
 * @gsp: the GSP, booted.
 *
 * Return: the count; 0 when GSP-RM was told of no VF.
 */
u16 nvgsp_gsp_vf_total(const struct nvgsp_gsp *gsp);
const struct nvgsp_abi_static_info *nvgsp_gsp_static_info(const struct nvgsp_gsp *gsp);

/**
 * nvgsp_gsp_static_info_wire() - GET_GSP_STATIC_INFO's reply as GSP-RM sent
 * it (the bound release's GspStaticConfigInfo), for what the neutral struct
 * does not carry, such as the FB regions (nvgsp_vgpu_fb_usable()).
 * @gsp: the GSP, booted.
 * @len: set to its bytes.
 *
 * Return: the bytes, valid while @gsp is.
 */
const u8 *nvgsp_gsp_static_info_wire(const struct nvgsp_gsp *gsp, size_t *len);

/**
 * nvgsp_gsp_state() - the health of a booted GSP-RM (the transport's, see
 * nvgsp_rpc_state()), as sysfs shows it.
 * @gsp: the GSP, booted (nvgsp_gsp_boot() succeeded).
 * @reason: where to copy why it died (empty while running); may be NULL.
 * @len: bytes at @reason.
 *
 * Takes no lock and never waits, whatever GSP-RM does.
 *
 * Return: enum nvgsp_rpc_state.
 */
enum nvgsp_rpc_state nvgsp_gsp_state(const struct nvgsp_gsp *gsp, char *reason, size_t len);

/**
 * nvgsp_gsp_check_alive() - the idle liveness check (nvgsp_rpc_check_alive()):
 * BOOT_0 for a device that fell off the bus, the GSP falcon's RISC-V state
 * for a crashed GSP-RM. Two register reads; never waits (a call in flight
 * makes it skip the round). What finds GSP-RM dead kills the transport as a
 * timed-out call does. The kernel glue runs it periodically while GSP-RM
 * runs (nvgsp.liveness_ms).
 * @gsp: the GSP, booted.
 *
 * Return: 0 while alive; -EBUSY when skipped; -ENODEV when the device is
 * gone; -EIO when GSP-RM is dead.
 */
int nvgsp_gsp_check_alive(struct nvgsp_gsp *gsp);

/**
 * nvgsp_gsp_poll() - drain GSP-RM's message queue without an interrupt
 * (nvgsp_rpc_poll(): at most one bounded drain). What the kernel glue's
 * poll work runs when no interrupt vector is available, and when the IRQ
 * thread's drain left messages behind (nvgsp_gsp_backlog()).
 * @gsp: the GSP, booted.
 *
 * Return: messages delivered; -EIO or -ENODEV at once when the transport
 * is dead or gone; another negative errno as nvgsp_rpc_poll().
 */
int nvgsp_gsp_poll(struct nvgsp_gsp *gsp);

/**
 * nvgsp_gsp_backlog() - whether the last drain stopped at its budget with
 * messages still published (nvgsp_rpc_backlog()): poll again soon, no
 * interrupt comes for them. Takes no lock.
 * @gsp: the GSP, booted.
 *
 * Return: true when messages were left.
 */
bool nvgsp_gsp_backlog(const struct nvgsp_gsp *gsp);

/**
 * nvgsp_gsp_vmmu_segment_size() - one live RPC: the RM control
 * NV2080_CTRL_CMD_GPU_GET_VMMU_SEGMENT_SIZE on a subdevice, for the sysfs
 * file gsp_live (a read that exercises the whole path to GSP-RM).
 * @gsp: the GSP, booted.
 * @sd: an open subdevice (nvgsp_rm_open()).
 * @size: set to GSP-RM's VMMU segment size in bytes on success.
 *
 * Concurrent callers are serialised by the transport.
 *
 * Return: 0; -EIO at once when GSP-RM is dead; -ENODEV when the device is
 * gone; -ETIMEDOUT for the call that met a hang (it kills the transport);
 * another negative errno as nvgsp_rm_control().
 */
int nvgsp_gsp_vmmu_segment_size(struct nvgsp_gsp *gsp, const struct nvgsp_rm_subdevice *sd,
				u64 *size);

/**
 * enum nvgsp_gsp_log - GSP-RM's log buffers.
 * @NVGSP_GSP_LOG_INIT: LOGINIT.
 * @NVGSP_GSP_LOG_INTR: LOGINTR.
 * @NVGSP_GSP_LOG_RM: LOGRM.
 */
enum nvgsp_gsp_log {
	NVGSP_GSP_LOG_INIT,
	NVGSP_GSP_LOG_INTR,
	NVGSP_GSP_LOG_RM,
	NVGSP_GSP_NR_LOGS,
};

/**
 * nvgsp_gsp_log_read() - copy bytes of a log buffer (for debugfs).
 * @gsp: the GSP.
 * @log: which buffer.
 * @pos: byte offset in the buffer.
 * @buf: destination.
 * @len: bytes wanted.
 *
 * Return: bytes copied (0 at the end); -EINVAL for an unknown @log.
 */
long nvgsp_gsp_log_read(struct nvgsp_gsp *gsp, enum nvgsp_gsp_log log, u64 pos,
			void *buf, size_t len);

/* The log buffer's size in bytes (debugfs file size). */
size_t nvgsp_gsp_log_size(const struct nvgsp_gsp *gsp, enum nvgsp_gsp_log log);

/**
 * enum nvgsp_gsp_mem_kind - how a host buffer is held.
 * @NVGSP_GSP_MEM_COHERENT: one physically contiguous DMA-coherent buffer
 *                          (nvgsp_os_dma_alloc()), pinned.
 * @NVGSP_GSP_MEM_PAGES: separately allocated DMA-mapped pages
 *                       (nvgsp_os_dma_sg_alloc()), pinned.
 * @NVGSP_GSP_MEM_HEAP: the kernel heap (nvgsp_os_zalloc(): kvzalloc), not
 *                      seen by the device.
 */
enum nvgsp_gsp_mem_kind {
	NVGSP_GSP_MEM_COHERENT,
	NVGSP_GSP_MEM_PAGES,
	NVGSP_GSP_MEM_HEAP,
};

/**
 * struct nvgsp_gsp_mem_use - one kind of host memory a GSP holds.
 * @name: what it is, one word (e.g. "fwimage", "rpc-queues").
 * @kind: how it is held.
 * @bytes: its size.
 */
struct nvgsp_gsp_mem_use {
	const char *name;
	enum nvgsp_gsp_mem_kind kind;
	size_t bytes;
};

/* Most entries nvgsp_gsp_mem_usage() fills. */
#define NVGSP_GSP_MEM_USES 16

/**
 * nvgsp_gsp_mem_usage() - the host memory a booted GSP holds, buffer by
 * buffer (for debugfs; Documentation/runtime.rst, "Host memory").
 * @gsp: the GSP.
 * @use: filled, NVGSP_GSP_MEM_USES entries at most; buffers not held
 *       (another chip's, or freed) are left out.
 *
 * Return: the number of entries filled.
 */
unsigned int nvgsp_gsp_mem_usage(const struct nvgsp_gsp *gsp, struct nvgsp_gsp_mem_use *use);

/**
 * nvgsp_gsp_mem_kind_name() - "dma-coherent", "dma-pages" or "heap".
 * @kind: the kind.
 *
 * Return: its name.
 */
const char *nvgsp_gsp_mem_kind_name(enum nvgsp_gsp_mem_kind kind);

#endif /* NVGSP_GSP_H */
