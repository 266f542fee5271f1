// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_os_linux.c - the OS layer for nvgsp.ko (see nvgsp_os.h).
 */
#include <linux/device.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/slab.h>

#include "nvgsp_compat.h"
#include "nvgsp_os.h"
#include "nvgsp_os_linux.h"

u64 nvgsp_os_bar_size(const struct nvgsp_os_bar *bar)
{
	return bar->size;
}

static bool nvgsp_os_bar_check(struct nvgsp_os_bar *bar, u32 offset)
{
	if (likely(offset % 4 == 0 && (u64)offset + 4 <= bar->size))
		return true;
	WARN_ONCE(1, "nvgsp: %s: register access at 0x%x outside the %llu-byte window\n",
		  bar->name, offset, (unsigned long long)bar->size);
	return false;
}

u32 nvgsp_os_rd32(struct nvgsp_os_bar *bar, u32 offset)
{
	if (!nvgsp_os_bar_check(bar, offset))
		return 0xffffffffu;
	return ioread32(bar->base + offset);
}

void nvgsp_os_wr32(struct nvgsp_os_bar *bar, u32 offset, u32 value)
{
	if (nvgsp_os_bar_check(bar, offset))
		iowrite32(value, bar->base + offset);
}

const char *nvgsp_os_device_name(const struct nvgsp_os_device *dev)
{
	return dev_name(dev->dev);
}

struct nvgsp_os_firmware {
	const struct firmware *fw;
};

int nvgsp_os_firmware_get(struct nvgsp_os_device *dev, const char *path,
			  struct nvgsp_os_firmware **out, const u8 **data, size_t *size)
{
	struct nvgsp_os_firmware *fw;
	int ret;

	fw = kzalloc(sizeof(*fw), GFP_KERNEL);
	if (!fw)
		return -ENOMEM;
	/* No log line per absent candidate: the caller reports what it tried. */
	ret = firmware_request_nowarn(&fw->fw, path, dev->dev);
	if (ret) {
		kfree(fw);
		return ret;
	}
	*out = fw;
	*data = fw->fw->data;
	*size = fw->fw->size;
	return 0;
}

void nvgsp_os_firmware_put(struct nvgsp_os_firmware *fw)
{
	if (!fw)
		return;
	release_firmware(fw->fw);
	kfree(fw);
}

void *nvgsp_os_zalloc(size_t size)
{
	return kvzalloc(size, GFP_KERNEL);
}

void nvgsp_os_free(void *ptr)
{
	kvfree(ptr);
}

int nvgsp_os_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vscnprintf(buf, size, fmt, ap);
}

int nvgsp_os_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* nvgsp.debug, owned by nvgsp_params.c. */
u32 nvgsp_os_debug_mask;

void nvgsp_os_log(const char *dev, enum nvgsp_os_log_level level, u32 category,
		  const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;

	if (level == NVGSP_LOG_DEBUG && !(READ_ONCE(nvgsp_os_debug_mask) & category))
		return;

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	switch (level) {
	case NVGSP_LOG_ERR:
		pr_err("nvgsp %s: %pV\n", dev ? dev : "-", &vaf);
		break;
	case NVGSP_LOG_WARN:
		pr_warn("nvgsp %s: %pV\n", dev ? dev : "-", &vaf);
		break;
	case NVGSP_LOG_INFO:
		pr_info("nvgsp %s: %pV\n", dev ? dev : "-", &vaf);
		break;
	default:
		/* Gated by nvgsp.debug rather than dynamic debug: one switch for users. */
		printk(KERN_DEBUG "nvgsp %s: %pV\n", dev ? dev : "-", &vaf);
		break;
	}
	va_end(ap);
}
