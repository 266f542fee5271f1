/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_os_linux.h - the kernel side of the OS layer's opaque types, for the
 * kernel glue only.
 */
#ifndef NVGSP_OS_LINUX_H
#define NVGSP_OS_LINUX_H

#include <linux/types.h>

/**
 * struct nvgsp_os_bar - an ioremapped PCI BAR.
 * @base: the mapping.
 * @size: bytes mapped.
 * @name: for messages, e.g. "0000:01:00.0 BAR0".
 */
struct nvgsp_os_bar {
	void __iomem *base;
	u64 size;
	char name[32];
};

/**
 * struct nvgsp_os_device - the kernel's device behind a GPU.
 * @dev: the PCI function's struct device.
 */
struct nvgsp_os_device {
	struct device *dev;
};

/* Debug categories enabled by nvgsp.debug (NVGSP_DBG_*). */
extern u32 nvgsp_os_debug_mask;

#endif /* NVGSP_OS_LINUX_H */
