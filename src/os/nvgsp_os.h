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
 * Errors are negative errno values; the userspace build takes them from
 * <errno.h>, whose values match the kernel's on Linux.
 */
#ifndef NVGSP_OS_H
#define NVGSP_OS_H

#include "nvgsp_os_types.h"

#ifdef __KERNEL__
#include <linux/errno.h>
#else
#include <errno.h>
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
 * struct nvgsp_os_device: the OS's handle for one GPU, opaque to the core
 * (the kernel's struct device; in userspace, a name and a firmware search
 * path). struct nvgsp_os_firmware: a loaded firmware file, opaque likewise.
 */
struct nvgsp_os_device;
struct nvgsp_os_firmware;

/**
 * nvgsp_os_device_name() - the device's name for messages ("0000:01:00.0").
 * @dev: the device.
 *
 * Return: the name.
 */
const char *nvgsp_os_device_name(const struct nvgsp_os_device *dev);

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
		       __builtin_va_list ap) __printf(3, 0);

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
#define NVGSP_DBG_ALL	(NVGSP_DBG_PCI | NVGSP_DBG_CHIP)

/**
 * nvgsp_os_log() - log a message about a device.
 * @dev: device name, the PCI address (e.g. "0000:01:00.0"), or NULL.
 * @level: severity.
 * @category: for NVGSP_LOG_DEBUG, the NVGSP_DBG_* bit; ignored otherwise.
 * @fmt: printf-style format; a trailing newline is added by the layer.
 */
void nvgsp_os_log(const char *dev, enum nvgsp_os_log_level level, u32 category,
		  const char *fmt, ...) __printf(4, 5);

#endif /* NVGSP_OS_H */
