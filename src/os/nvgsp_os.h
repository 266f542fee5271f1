/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_os.h - the OS layer: everything the portable core asks of its host.
 *
 * The core (src/chip, and the layers above it) includes this header and
 * nothing from <linux/...>. Two implementations exist:
 *   src/os/nvgsp_os_linux.c  in nvgsp.ko, over the kernel's APIs;
 *   src/os/nvgsp_os_user.c   in the unit tests and tools, over libc, with
 *                            register windows backed by a model (gpusim).
 *
 * The core is written in kernel C: u8..u64 (u64 printed with %llu, no
 * cast), memcpy()/memset()/memcmp(), va_list, ARRAY_SIZE(), offsetof(),
 * get_unaligned_le32()/put_unaligned_le32() and friends. In nvgsp.ko this
 * header gets those from the kernel's own headers (the core includes no
 * kernel header itself); in userspace nvgsp_os_user_lib.h supplies them over
 * libc.
 *
 * Errors are negative errno values; the userspace build takes them from
 * <errno.h>, whose values match the kernel's on Linux.
 */
#ifndef NVGSP_OS_H
#define NVGSP_OS_H

#include "nvgsp_os_types.h"

#ifdef __KERNEL__
#include <linux/compiler.h>		/* READ_ONCE(), WRITE_ONCE() */
#include <linux/errno.h>
#include <linux/kernel.h>		/* ARRAY_SIZE(), va_list */
#include <linux/lockdep_types.h>	/* struct lock_class_key */
#include <linux/ratelimit_types.h>	/* DEFINE_RATELIMIT_STATE() */
#include <linux/string.h>		/* memcpy(), memset(), memcmp() */
#include <asm/barrier.h>		/* smp_store_release(), smp_load_acquire() */
#include "nvgsp_compat_unaligned.h"	/* get_unaligned_le32(), ... */
#else
#include "nvgsp_os_user_lib.h"
#endif

/*
 * struct nvgsp_os_bar: a mapped register window, opaque to the core. The
 * kernel backs it with an ioremapped PCI BAR (nvgsp_os_linux.h), userspace
 * with a model (nvgsp_os_user.h).
 */
struct nvgsp_os_bar;

/**
 * nvgsp_os_bar_size() - size of a register window.
 * @bar: the window.
 *
 * Return: the size in bytes.
 */
u64 nvgsp_os_bar_size(const struct nvgsp_os_bar *bar);

/**
 * nvgsp_os_rd32() - read a 32-bit register.
 * @bar: the window.
 * @offset: byte offset, 4-byte aligned and inside the window.
 *
 * Return: the value; 0xffffffff for an offset outside the window (which is
 * also what a device that fell off the bus returns, so callers treat both
 * alike). An out-of-window access is a driver bug and is logged once.
 */
u32 nvgsp_os_rd32(struct nvgsp_os_bar *bar, u32 offset);

/**
 * nvgsp_os_wr32() - write a 32-bit register.
 * @bar: the window.
 * @offset: byte offset, 4-byte aligned and inside the window; a write
 *          outside it is dropped and logged once.
 * @value: the value to write.
 */
void nvgsp_os_wr32(struct nvgsp_os_bar *bar, u32 offset, u32 value);

/*
 * Bulk accessors: move @len bytes between memory and a window (VRAM behind
 * the PRAMIN window, for instance) without one call per register. @offset
 * and @len must be multiples of 4 and the range [@offset, @offset + @len)
 * inside the window; otherwise the access is refused as a whole (a driver
 * bug, logged once like an out-of-window register access): a read fills
 * @buf with 0xff, a write or set changes nothing. A @len of 0 does nothing.
 */

/**
 * nvgsp_os_bar_read() - copy bytes out of a window.
 * @bar: the window.
 * @offset: byte offset, 4-byte aligned.
 * @buf: destination, @len bytes.
 * @len: bytes, a multiple of 4.
 */
void nvgsp_os_bar_read(struct nvgsp_os_bar *bar, u32 offset, void *buf, u32 len);

/**
 * nvgsp_os_bar_write() - copy bytes into a window.
 * @bar: the window.
 * @offset: byte offset, 4-byte aligned.
 * @buf: source, @len bytes.
 * @len: bytes, a multiple of 4.
 */
void nvgsp_os_bar_write(struct nvgsp_os_bar *bar, u32 offset, const void *buf, u32 len);

/**
 * nvgsp_os_bar_set() - fill a range of a window with one byte value.
 * @bar: the window.
 * @offset: byte offset, 4-byte aligned.
 * @value: the byte stored in every byte of the range.
 * @len: bytes, a multiple of 4.
 */
void nvgsp_os_bar_set(struct nvgsp_os_bar *bar, u32 offset, u8 value, u32 len);

/*
 * struct nvgsp_os_device: the OS's handle for one GPU, opaque to the core
 * (the kernel's struct device; in userspace, a name and a firmware search
 * path). Every core object that logs carries it, and every message names it
 * (nvgsp_os_log()). struct nvgsp_os_firmware: a loaded firmware file, opaque
 * likewise.
 */
struct nvgsp_os_device;
struct nvgsp_os_firmware;

/**
 * nvgsp_os_firmware_get() - load a firmware file as the OS's loader would.
 * @dev: the device asking.
 * @path: relative to the firmware search path, e.g.
 *        "nvidia/ga102/gsp/gsp-570.144.bin"; symlinks are followed.
 * @fw: set to the loaded file's handle.
 * @data: set to its bytes (read-only, valid until nvgsp_os_firmware_put()).
 * @size: set to their number.
 *
 * Does not log when the file is absent: the caller tries alternatives and
 * reports what it tried.
 *
 * Return: 0; -ENOENT when no such file exists; another negative errno when
 * it exists but cannot be read.
 */
int nvgsp_os_firmware_get(struct nvgsp_os_device *dev, const char *path,
			  struct nvgsp_os_firmware **fw, const u8 **data, size_t *size);

/**
 * nvgsp_os_firmware_put() - release a file from nvgsp_os_firmware_get().
 * @fw: the handle; NULL is ignored.
 */
void nvgsp_os_firmware_put(struct nvgsp_os_firmware *fw);

/**
 * nvgsp_os_zalloc() - allocate zeroed memory that may sleep.
 * @size: bytes.
 *
 * Return: the memory, or NULL when none is available.
 */
void *nvgsp_os_zalloc(size_t size);

/**
 * nvgsp_os_free() - free memory from nvgsp_os_zalloc(); NULL is ignored.
 * @ptr: the memory.
 */
void nvgsp_os_free(void *ptr);

/**
 * nvgsp_os_snprintf() - format into a buffer, always NUL-terminated.
 * @buf: destination.
 * @size: its size in bytes.
 * @fmt: printf-style format.
 *
 * Return: the number of characters written, excluding the NUL (truncated
 * output is cut, never overrun).
 */
int nvgsp_os_snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/**
 * nvgsp_os_vsnprintf() - nvgsp_os_snprintf() with a va_list.
 * @buf: destination.
 * @size: its size in bytes.
 * @fmt: printf-style format.
 * @ap: the arguments.
 *
 * Return: as nvgsp_os_snprintf().
 */
int nvgsp_os_vsnprintf(char *buf, size_t size, const char *fmt,
		       va_list ap) __printf(3, 0);

/**
 * enum nvgsp_os_log_level - severities, as the kernel's printk levels.
 * @NVGSP_LOG_ERR: an operation failed.
 * @NVGSP_LOG_WARN: something is off but work goes on.
 * @NVGSP_LOG_INFO: a fact an administrator wants to see once.
 * @NVGSP_LOG_DEBUG: shown only when the category is enabled (see below).
 */
enum nvgsp_os_log_level {
	NVGSP_LOG_ERR,
	NVGSP_LOG_WARN,
	NVGSP_LOG_INFO,
	NVGSP_LOG_DEBUG,
};

/*
 * Debug categories: bits of the nvgsp.debug module parameter. A debug
 * message is printed only when its category bit is set.
 */
#define NVGSP_DBG_PCI	0x1	/* probe, remove, resources */
#define NVGSP_DBG_CHIP	0x2	/* identification */
#define NVGSP_DBG_BOOT	0x4	/* GSP boot steps: falcons, FWSEC, booter, FSP */
#define NVGSP_DBG_RPC	0x8	/* every RPC and event on the queues */
#define NVGSP_DBG_ALL	(NVGSP_DBG_PCI | NVGSP_DBG_CHIP | NVGSP_DBG_BOOT | NVGSP_DBG_RPC)

/**
 * nvgsp_os_log() - log a message about a device.
 * @dev: the device the message is about. In nvgsp.ko always a device (the
 *       kernel prints through dev_printk(): "nvgsp 0000:01:00.0: ...");
 *       module-wide messages are the kernel glue's own (src/nvgsp_main.c).
 *       NULL only in userspace code that has no device (nvgspctl parsing a
 *       firmware file), printed with the tool's context ("-" unless
 *       nvgsp_os_user_set_context() set one).
 * @level: severity.
 * @category: for NVGSP_LOG_DEBUG, the NVGSP_DBG_* bit; ignored otherwise.
 * @fmt: printf-style format; a trailing newline is added by the layer.
 */
void nvgsp_os_log(const struct nvgsp_os_device *dev, enum nvgsp_os_log_level level,
		  u32 category, const char *fmt, ...) __printf(4, 5);

/**
 * nvgsp_os_log_rs() - nvgsp_os_log() through a rate limiter; call it as
 * nvgsp_os_log_ratelimited().
 * @rs: the call site's limiter.
 * @func: the call site's function, named when messages were dropped.
 * @dev: as nvgsp_os_log().
 * @level: as nvgsp_os_log().
 * @category: as nvgsp_os_log(); a debug message whose category is off
 *            neither prints nor counts against @rs.
 * @fmt: as nvgsp_os_log().
 */
void nvgsp_os_log_rs(struct ratelimit_state *rs, const char *func,
		     const struct nvgsp_os_device *dev, enum nvgsp_os_log_level level,
		     u32 category, const char *fmt, ...)
	__printf(6, 7);

/**
 * nvgsp_os_log_ratelimited() - nvgsp_os_log(), rate-limited per call site.
 * @dev: as nvgsp_os_log().
 * @level: as nvgsp_os_log().
 * @category: as nvgsp_os_log().
 * @fmt: as nvgsp_os_log().
 *
 * For messages that firmware or a guest can trigger at will. Like the
 * kernel's dev_err_ratelimited(): a macro declaring one limiter per call
 * site (DEFINE_RATELIMIT_STATE with the kernel's defaults, 10 messages per
 * 5 seconds), shared by every device. The kernel reports what it dropped as
 * "<function>: N callbacks suppressed" when the next window starts;
 * userspace does the same and counts them (nvgsp_os_user_log_suppressed()).
 */
#define nvgsp_os_log_ratelimited(dev, level, category, fmt, ...)		\
do {										\
	static DEFINE_RATELIMIT_STATE(__nvgsp_os_rs, DEFAULT_RATELIMIT_INTERVAL,\
				      DEFAULT_RATELIMIT_BURST);			\
										\
	nvgsp_os_log_rs(&__nvgsp_os_rs, __func__, (dev), (level), (category),	\
			fmt, ##__VA_ARGS__);					\
} while (0)

/* The GSP's page: 4 KiB on every chip, whatever the host's PAGE_SIZE. */
#define NVGSP_OS_PAGE_SHIFT	12
#define NVGSP_OS_PAGE_SIZE	(1u << NVGSP_OS_PAGE_SHIFT)

/**
 * struct nvgsp_os_dma - one physically contiguous, zeroed, coherent buffer
 * the GPU reads and writes by DMA.
 * @cpu: the CPU's view.
 * @addr: the device's (bus) address, NVGSP_OS_PAGE_SIZE aligned.
 * @size: bytes, a multiple of NVGSP_OS_PAGE_SIZE.
 * @os: the OS layer's own bookkeeping; the core leaves it alone.
 *
 * A zeroed struct is "not allocated": nvgsp_os_dma_free() ignores it, so
 * unwind paths may free every buffer unconditionally.
 */
struct nvgsp_os_dma {
	void *cpu;
	u64 addr;
	size_t size;
	void *os;
};

/**
 * nvgsp_os_dma_alloc() - allocate a coherent DMA buffer.
 * @dev: the device that will access it.
 * @size: bytes; rounded up to NVGSP_OS_PAGE_SIZE.
 * @dma: filled on success, left zeroed on failure.
 *
 * For small, long-lived structures (queues, libos arguments, WPR metadata,
 * log buffers). Large images go through nvgsp_os_dma_sg_alloc().
 *
 * Return: 0; -ENOMEM.
 */
int nvgsp_os_dma_alloc(struct nvgsp_os_device *dev, size_t size, struct nvgsp_os_dma *dma);

/**
 * nvgsp_os_dma_free() - free a buffer from nvgsp_os_dma_alloc() and zero
 * @dma; a zeroed @dma is ignored.
 * @dev: the device it was allocated for.
 * @dma: the buffer.
 */
void nvgsp_os_dma_free(struct nvgsp_os_device *dev, struct nvgsp_os_dma *dma);

/*
 * struct nvgsp_os_dma_sg: a large DMA buffer made of separately allocated
 * NVGSP_OS_PAGE_SIZE pages, each with its own bus address (the addresses
 * are not contiguous: the GSP reaches them through a radix3 table). Opaque.
 */
struct nvgsp_os_dma_sg;

/**
 * nvgsp_os_dma_sg_alloc() - allocate a paged DMA buffer.
 * @dev: the device that will access it.
 * @size: bytes; rounded up to NVGSP_OS_PAGE_SIZE.
 * @sg: set to the buffer (zeroed pages).
 *
 * Return: 0; -ENOMEM (nothing stays allocated).
 */
int nvgsp_os_dma_sg_alloc(struct nvgsp_os_device *dev, size_t size,
			  struct nvgsp_os_dma_sg **sg);

/**
 * nvgsp_os_dma_sg_free() - free a paged buffer; NULL is ignored.
 * @dev: the device it was allocated for.
 * @sg: the buffer.
 */
void nvgsp_os_dma_sg_free(struct nvgsp_os_device *dev, struct nvgsp_os_dma_sg *sg);

/**
 * nvgsp_os_dma_sg_pages() - how many NVGSP_OS_PAGE_SIZE pages a buffer has.
 * @sg: the buffer.
 *
 * Return: the count.
 */
size_t nvgsp_os_dma_sg_pages(const struct nvgsp_os_dma_sg *sg);

/**
 * nvgsp_os_dma_sg_page() - the CPU's view of one page.
 * @sg: the buffer.
 * @i: page index, below nvgsp_os_dma_sg_pages().
 *
 * Return: NVGSP_OS_PAGE_SIZE writable bytes.
 */
void *nvgsp_os_dma_sg_page(struct nvgsp_os_dma_sg *sg, size_t i);

/**
 * nvgsp_os_dma_sg_addr() - the device's address of one page.
 * @sg: the buffer.
 * @i: page index, below nvgsp_os_dma_sg_pages().
 *
 * Return: the bus address, NVGSP_OS_PAGE_SIZE aligned.
 */
u64 nvgsp_os_dma_sg_addr(const struct nvgsp_os_dma_sg *sg, size_t i);

/**
 * nvgsp_os_dma_sg_sync() - make the CPU's writes to a paged buffer visible
 * to the device (after staging an image, before handing it over).
 * @dev: the device.
 * @sg: the buffer.
 */
void nvgsp_os_dma_sg_sync(struct nvgsp_os_device *dev, struct nvgsp_os_dma_sg *sg);

/**
 * nvgsp_os_dma_stop() - stop the device's DMA: clear its bus mastering
 * (PCI_COMMAND.MASTER) and read it back. Once it is off no engine of the
 * device can reach host memory, whatever state the engine is in. Called
 * by the teardown after the engines were quiesced and before any DMA
 * buffer is freed. Userspace records the call (and the bus-master state)
 * so that tests can check the order.
 * @dev: the device.
 *
 * Return: 0 when bus mastering is confirmed off; -EIO when it cannot be
 * (the command register reads all ones, as a device gone from the bus
 * does, or the bit stays set).
 */
int nvgsp_os_dma_stop(struct nvgsp_os_device *dev);

/**
 * nvgsp_os_dma_keep() - give up a DMA buffer the device may still access
 * (an engine whose state cannot be known was given its address): it is
 * never freed nor unmapped, so the device cannot write into memory reused
 * for something else; it is not a leak to report. @dma is zeroed.
 * @dev: the device it was allocated for.
 * @dma: the buffer; a zeroed one is ignored.
 */
void nvgsp_os_dma_keep(struct nvgsp_os_device *dev, struct nvgsp_os_dma *dma);

/**
 * nvgsp_os_keep() - the same for an object that owns DMA buffers (the
 * whole GSP of a teardown that could not stop the device's DMA): @obj and
 * everything it points to stay allocated for good and are not reported as
 * a leak (kmemleak_not_leak() in the kernel).
 * @dev: the device.
 * @obj: memory from nvgsp_os_zalloc().
 * @release: how @obj would be freed. The kernel never calls it; userspace
 *           calls it from nvgsp_os_user_keep_release(), when a test has
 *           done with the model that could have written into it.
 */
void nvgsp_os_keep(struct nvgsp_os_device *dev, void *obj, void (*release)(void *obj));

/*
 * Ordering between the CPU's accesses to DMA memory and its register
 * accesses: wmb before a doorbell write that publishes queue contents, rmb
 * after reading a write pointer and before reading what it covers.
 */
void nvgsp_os_wmb(void);
void nvgsp_os_rmb(void);
void nvgsp_os_mb(void);

/**
 * nvgsp_os_time_ns() - a monotonic clock for timeouts.
 *
 * Userspace runs a virtual clock that advances only in nvgsp_os_udelay()
 * and nvgsp_os_usleep(), so timeouts in tests cost no wall-clock time and
 * are deterministic. Every poll loop must therefore delay between polls.
 *
 * Return: nanoseconds since an arbitrary origin.
 */
u64 nvgsp_os_time_ns(void);

/**
 * nvgsp_os_udelay() - busy-wait; safe where sleeping is not.
 * @us: microseconds (keep short: under 100).
 */
void nvgsp_os_udelay(u32 us);

/**
 * nvgsp_os_usleep() - sleep at least @us microseconds (may sleep longer).
 * @us: microseconds.
 */
void nvgsp_os_usleep(u32 us);

/**
 * nvgsp_os_cond_resched() - let other tasks run in a long loop that does
 * not sleep (a drain of many messages). Not under a spinlock; may sleep.
 * Userspace counts the calls (nvgsp_os_user_resched_count()) and lets the
 * model run (its tick hook, the virtual clock unchanged).
 */
void nvgsp_os_cond_resched(void);

/*
 * struct nvgsp_os_mutex: a sleeping lock, opaque (the kernel's struct mutex,
 * lockdep-tracked; a pthread mutex in userspace).
 */
struct nvgsp_os_mutex;

/**
 * nvgsp_os_mutex_create_key() - allocate and initialise a mutex of a given
 * lock class; call it through nvgsp_os_mutex_create().
 * @name: the class's name in lockdep reports (a string literal).
 * @key: the lock class: in the kernel, lockdep's struct lock_class_key, one
 *       static key per class; userspace only records it.
 * @mutex: set to the new lock.
 *
 * Return: 0; -ENOMEM.
 */
int nvgsp_os_mutex_create_key(const char *name, struct lock_class_key *key,
			      struct nvgsp_os_mutex **mutex);

/**
 * nvgsp_os_mutex_create() - allocate and initialise a mutex whose lockdep
 * class is its call site.
 * @name: the class's name in lockdep reports (a string literal).
 * @mutex: set to the new lock.
 *
 * Like the kernel's mutex_init(), a macro declaring one static
 * struct lock_class_key per call site: every mutex of the driver is its own
 * class, so lockdep tells them apart and sees an inversion between two of
 * them. Mutexes created at one call site (every GPU's RPC lock, say) share
 * a class.
 *
 * Return: 0; -ENOMEM.
 */
#define nvgsp_os_mutex_create(name, mutex)					\
({										\
	static struct lock_class_key __nvgsp_os_mutex_key;			\
										\
	nvgsp_os_mutex_create_key((name), &__nvgsp_os_mutex_key, (mutex));	\
})

/**
 * nvgsp_os_mutex_destroy() - free a mutex (not held); NULL is ignored.
 * @mutex: the lock.
 */
void nvgsp_os_mutex_destroy(struct nvgsp_os_mutex *mutex);

/**
 * nvgsp_os_mutex_lock() - take a mutex; may sleep.
 * @mutex: the lock.
 */
void nvgsp_os_mutex_lock(struct nvgsp_os_mutex *mutex);

/**
 * nvgsp_os_mutex_trylock() - take a mutex only when it is free; never
 * waits. For work that must not queue behind a holder (the idle liveness
 * check skips a round while an RPC is in flight).
 * @mutex: the lock.
 *
 * Return: true when the caller now holds @mutex; false when someone else
 * held it.
 */
bool nvgsp_os_mutex_trylock(struct nvgsp_os_mutex *mutex);

/**
 * nvgsp_os_mutex_unlock() - release a mutex taken by the caller.
 * @mutex: the lock.
 */
void nvgsp_os_mutex_unlock(struct nvgsp_os_mutex *mutex);

/**
 * nvgsp_os_mutex_assert_held() - a *_locked helper's check that its caller
 * holds @mutex (lockdep in the kernel, an owner check in userspace).
 * @mutex: the lock.
 */
void nvgsp_os_mutex_assert_held(struct nvgsp_os_mutex *mutex);


/*
 * SR-IOV on a physical function (the vGPU manager's sriov_configure): the
 * kernel backs these with the PCI core (pci_enable_sriov() and friends),
 * userspace with a simulated VF table (nvgsp_os_user_sriov_set()).
 */

/**
 * struct nvgsp_os_vf - what the OS knows about one enabled VF.
 * @name: its PCI address, "0000:05:00.1" (empty when the VF is not found).
 * @busy: it is in use: assigned to a guest, or enabled by the driver that
 *        holds it (vfio-pci enables a VF only while a user has it open).
 * @user: when @busy, what uses it ("assigned to a guest",
 *        "enabled by vfio-pci"); empty otherwise.
 */
struct nvgsp_os_vf {
	char name[32];
	bool busy;
	char user[64];
};

/**
 * nvgsp_os_sriov_num_vfs() - how many VFs the PF has enabled now.
 * @dev: the PF.
 *
 * Return: the count (0 when SR-IOV is off or unsupported).
 */
int nvgsp_os_sriov_num_vfs(struct nvgsp_os_device *dev);

/**
 * nvgsp_os_sriov_enable() - enable @num_vfs VFs (pci_enable_sriov()).
 * @dev: the PF, with no VF enabled.
 * @num_vfs: how many, 1..TotalVFs.
 *
 * Return: 0; a negative errno.
 */
int nvgsp_os_sriov_enable(struct nvgsp_os_device *dev, int num_vfs);

/**
 * nvgsp_os_sriov_disable() - disable every VF (pci_disable_sriov()); the
 * OS removes the VF devices, unbinding their drivers first.
 * @dev: the PF.
 */
void nvgsp_os_sriov_disable(struct nvgsp_os_device *dev);

/**
 * nvgsp_os_sriov_vf() - look at one enabled VF.
 * @dev: the PF.
 * @index: the VF's index, 0 for the first (VF 1 in sysfs and lspci terms).
 * @vf: filled.
 */
void nvgsp_os_sriov_vf(struct nvgsp_os_device *dev, int index, struct nvgsp_os_vf *vf);

#endif /* NVGSP_OS_H */
