/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_os_user.h - the userspace side of the OS layer: how unit tests, tools
 * and gpusim back the opaque types of nvgsp_os.h.
 */
#ifndef NVGSP_OS_USER_H
#define NVGSP_OS_USER_H

#include "nvgsp_os.h"

/**
 * struct nvgsp_os_bar_ops - a register window's model.
 * @rd32: return the register at @offset (in bounds and aligned).
 * @wr32: store @value at @offset (in bounds and aligned).
 * @read: optional: copy @len bytes at @offset into @buf (range in bounds,
 *        offset and length 4-byte aligned); without it nvgsp_os_bar_read()
 *        loops over @rd32.
 * @write: optional: copy @len bytes from @buf to @offset, likewise; without
 *         it nvgsp_os_bar_write() loops over @wr32.
 * @set: optional: store @value in @len bytes at @offset, likewise; without
 *       it nvgsp_os_bar_set() loops over @wr32.
 */
struct nvgsp_os_bar_ops {
	u32 (*rd32)(void *ctx, u32 offset);
	void (*wr32)(void *ctx, u32 offset, u32 value);
	void (*read)(void *ctx, u32 offset, void *buf, u32 len);
	void (*write)(void *ctx, u32 offset, const void *buf, u32 len);
	void (*set)(void *ctx, u32 offset, u8 value, u32 len);
};

/**
 * struct nvgsp_os_bar - a register window backed by a model.
 * @ops: the model.
 * @ctx: the model's state, passed to @ops.
 * @size: window size in bytes.
 * @name: for messages.
 * @bad_accesses: accesses outside the window or misaligned, which the layer
 *                refused (a driver bug; tests assert it stays 0).
 */
struct nvgsp_os_bar {
	const struct nvgsp_os_bar_ops *ops;
	void *ctx;
	u64 size;
	const char *name;
	unsigned int bad_accesses;
};

/**
 * struct nvgsp_os_device - a device in userspace.
 * @name: for messages.
 * @fw_path: firmware search path: directories separated by ':', each
 *           holding nvidia/ (like the kernel's /lib/firmware).
 * @fw_requests: firmware files asked for, found or not.
 * @bus_master: the device may master DMA: set by whoever enables it (as the
 *              kernel glue's pci_set_master() before the boot), cleared by
 *              nvgsp_os_dma_stop() unless @master_stuck.
 * @master_stuck: a test's fault: bus mastering stays on.
 * @config_gone: NULL, or whether the device's config space reads all ones
 *               (it fell off the bus), with @config_ctx: then
 *               nvgsp_os_dma_stop() cannot confirm bus mastering off.
 * @config_ctx: passed to @config_gone.
 * @dma_stops: nvgsp_os_dma_stop() calls.
 * @dma_frees: DMA buffers (coherent or paged) freed for this device.
 * @dma_freed_mastering: of those, buffers that were live at the last
 *                       nvgsp_os_user_dma_mark() and were freed while
 *                       @bus_master was set: a teardown that freed memory
 *                       under a live DMA engine (tests assert 0).
 * @sriov: the simulated SR-IOV state of a PF (struct nvgsp_os_user_sriov),
 *         or NULL: a device without SR-IOV (no VF ever enables).
 */
struct nvgsp_os_device {
	const char *name;
	const char *fw_path;
	unsigned int fw_requests;
	bool bus_master;
	bool master_stuck;
	bool (*config_gone)(void *ctx);
	void *config_ctx;
	unsigned int dma_stops;
	unsigned int dma_frees;
	unsigned int dma_freed_mastering;
	struct nvgsp_os_user_sriov *sriov;
};

#define NVGSP_OS_USER_MAX_VFS	64

/**
 * struct nvgsp_os_user_sriov - a PF's VFs as the PCI core would hold them.
 * @bus: the VFs' domain and bus, "0000:05": VF i (from 0) is named
 *       @bus:DD.F with devfn i + 1, as a PF at devfn 0 with offset 1 and
 *       stride 1 gives.
 * @num_vfs: VFs enabled now.
 * @enable_err: a test's fault: the next nvgsp_os_sriov_enable() fails with
 *              this (negative) errno; 0: it succeeds.
 * @enable_leaves: with @enable_err, VFs the failed enable leaves enabled
 *                 (the PCI core leaves none; the driver must still cope).
 * @enables: nvgsp_os_sriov_enable() calls.
 * @disables: nvgsp_os_sriov_disable() calls.
 * @vf: per VF: @assigned (PCI_DEV_FLAGS_ASSIGNED), @enabled (its driver
 *      enabled it: a user has it open) and @driver (the VF's driver's name,
 *      or NULL). Disabling clears them, as removing the VF devices would.
 */
struct nvgsp_os_user_sriov {
	char bus[16];
	int num_vfs;
	int enable_err;
	int enable_leaves;
	unsigned int enables;
	unsigned int disables;
	struct {
		bool assigned;
		bool enabled;
		const char *driver;
	} vf[NVGSP_OS_USER_MAX_VFS];
};

/**
 * typedef nvgsp_os_user_log_fn - receives every message that passes the debug filter.
 * @ctx: as given to nvgsp_os_user_set_log().
 * @dev: the device's name; for a message without a device, the context
 *       (nvgsp_os_user_set_context()), or NULL when none was set.
 * @level: severity.
 * @msg: the formatted message, without a trailing newline.
 */
typedef void (*nvgsp_os_user_log_fn)(void *ctx, const char *dev,
				     enum nvgsp_os_log_level level, const char *msg);

/**
 * nvgsp_os_user_set_log() - route messages to @fn (NULL: to stderr).
 * @fn: the receiver.
 * @ctx: passed to @fn.
 */
void nvgsp_os_user_set_log(nvgsp_os_user_log_fn fn, void *ctx);

/**
 * nvgsp_os_user_set_context() - what messages without a device name (the
 * tool and the file it works on, e.g. "nvgspctl"); NULL: none ("-").
 * @ctx: the name; kept, not copied.
 */
void nvgsp_os_user_set_context(const char *ctx);

/**
 * nvgsp_os_user_log_suppressed() - messages nvgsp_os_log_ratelimited() has
 * dropped since the process started, every call site together.
 *
 * Return: the count.
 */
unsigned long nvgsp_os_user_log_suppressed(void);

/**
 * nvgsp_os_user_set_debug() - the debug categories printed (NVGSP_DBG_*).
 * @mask: the categories.
 */
void nvgsp_os_user_set_debug(u32 mask);

/**
 * nvgsp_os_user_fail_alloc_after() - inject an allocation failure.
 * @n: let @n more allocations succeed, then fail every one; -1 disables.
 *
 * nvgsp_os_zalloc() and nvgsp_os_dma_alloc() count one allocation each;
 * nvgsp_os_dma_sg_alloc() two, its descriptor and then its pages (the
 * kernel's descriptor and page arrays), so a failure can strike after the
 * descriptor exists and exercise the unwind through nvgsp_os_dma_sg_free().
 */
void nvgsp_os_user_fail_alloc_after(long n);

/**
 * nvgsp_os_user_dma_lookup() - the CPU view of device memory at a bus address,
 * as a device model (gpusim) reaches the driver's DMA buffers.
 * @addr: bus address handed to the device.
 * @len: bytes the device wants to access from @addr.
 *
 * Buffers from nvgsp_os_dma_alloc() and every page of nvgsp_os_dma_sg_alloc()
 * get distinct bus addresses; the pages of one paged buffer are given
 * addresses in descending order, so a device that assumed them contiguous
 * reads the wrong bytes.
 *
 * Return: a pointer to @len bytes, or NULL when [@addr, @addr + @len) is not
 * wholly inside one live buffer (or one page of a paged buffer).
 */
void *nvgsp_os_user_dma_lookup(u64 addr, size_t len);

/**
 * nvgsp_os_user_dma_next_at() - give the next nvgsp_os_dma_alloc() the bus
 * address @addr (once), as a host with an IOMMU in forced-DAC mode or with
 * more than 1 TiB of RAM may hand the driver an address high up. Later
 * allocations go on from where they were.
 * @addr: page-aligned bus address; 0 cancels.
 */
void nvgsp_os_user_dma_next_at(u64 addr);

/**
 * nvgsp_os_user_dma_live() - DMA buffers and pages currently allocated (tests
 * assert it returns to its starting value: no leak).
 *
 * Return: the number of live buffers plus live paged buffers.
 */
size_t nvgsp_os_user_dma_live(void);

/**
 * nvgsp_os_user_dma_mark() - mark every DMA buffer live now (a teardown is
 * about to start): freeing one of them while its device's bus mastering is
 * on counts in struct nvgsp_os_device's @dma_freed_mastering. Buffers
 * allocated later (a teardown's own FWSEC-SB or booter_unload images,
 * freed after their engine halted) are not counted.
 */
void nvgsp_os_user_dma_mark(void);

/**
 * nvgsp_os_user_kept() - what nvgsp_os_dma_keep() and nvgsp_os_keep() hold
 * (memory given up because the device might still write to it).
 *
 * Return: the number of kept buffers and objects.
 */
size_t nvgsp_os_user_kept(void);

/**
 * nvgsp_os_user_keep_release() - free everything kept (coherent buffers
 * through nvgsp_os_dma_free(), objects through their release function),
 * once the model that could have written to it is done with: tests return
 * the DMA count to where it was and leave ASan no leak.
 */
void nvgsp_os_user_keep_release(void);

/**
 * typedef nvgsp_os_user_tick_fn - runs a model for the virtual time passed.
 * @ctx: as given to nvgsp_os_user_set_tick().
 * @now_ns: the virtual clock after the delay (unchanged for a yield).
 */
typedef void (*nvgsp_os_user_tick_fn)(void *ctx, u64 now_ns);

/**
 * nvgsp_os_user_set_tick() - call @fn after every nvgsp_os_udelay() and
 * nvgsp_os_usleep(), and at every nvgsp_os_cond_resched(), so a model can
 * advance (finish a scrub, answer a queue) while the driver waits or
 * yields. NULL stops it. Call it while no other thread delays; the
 * virtual clock itself may be advanced from several threads at once (each
 * delay is added atomically), and @fn is then called from each of them
 * without a lock: a model shared by threads serialises its own entries.
 * @fn: the model's tick.
 * @ctx: passed to @fn.
 */
void nvgsp_os_user_set_tick(nvgsp_os_user_tick_fn fn, void *ctx);

/**
 * nvgsp_os_user_delayed_ns() - virtual time spent in delays since start.
 *
 * Return: nanoseconds.
 */
u64 nvgsp_os_user_delayed_ns(void);

/**
 * nvgsp_os_user_dma_recycle() - keep a few freed coherent buffers for the
 * next allocation of the same size (zeroed again), for fuzz targets that
 * build a transport per input. Off by default: it hides a use after free
 * of a coherent buffer from AddressSanitizer. Turning it off frees them.
 * @on: true to recycle.
 */
void nvgsp_os_user_dma_recycle(bool on);

/**
 * nvgsp_os_user_resched_count() - nvgsp_os_cond_resched() calls so far,
 * for tests that a long drain yields.
 *
 * Return: the count.
 */
unsigned long nvgsp_os_user_resched_count(void);

/**
 * nvgsp_os_user_set_realtime() - make nvgsp_os_usleep() really sleep and
 * nvgsp_os_time_ns() read CLOCK_MONOTONIC (for a model served in another
 * thread or process, as gpusim behind vfio-user is). Off by default.
 * @on: true for real time.
 */
void nvgsp_os_user_set_realtime(bool on);

/**
 * nvgsp_os_user_mutex_class() - the lock class a mutex was created with
 * (its nvgsp_os_mutex_create() call site), for tests.
 * @m: the mutex.
 *
 * Return: the class's key.
 */
const struct lock_class_key *nvgsp_os_user_mutex_class(const struct nvgsp_os_mutex *m);

#endif /* NVGSP_OS_USER_H */
