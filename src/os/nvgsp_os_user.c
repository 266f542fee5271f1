// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_os_user.c - the OS layer over libc, for unit tests, tools and gpusim
 * (see nvgsp_os.h). Register windows are backed by a model; misuse is counted
 * and reported rather than crashing, mirroring the kernel implementation.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <errno.h>

#include "nvgsp_os_user.h"

static nvgsp_os_user_log_fn nvgsp_user_log_fn;
static void *nvgsp_user_log_ctx;
static u32 nvgsp_user_debug_mask;
static long nvgsp_user_allocs_left = -1;

u64 nvgsp_os_bar_size(const struct nvgsp_os_bar *bar)
{
	return bar->size;
}

static bool nvgsp_os_bar_check(struct nvgsp_os_bar *bar, u32 offset)
{
	if (offset % 4 == 0 && (u64)offset + 4 <= bar->size)
		return true;
	if (bar->bad_accesses++ == 0)
		nvgsp_os_log(bar->name, NVGSP_LOG_WARN, 0,
			     "register access at 0x%x outside the %llu-byte window",
			     offset, (unsigned long long)bar->size);
	return false;
}

u32 nvgsp_os_rd32(struct nvgsp_os_bar *bar, u32 offset)
{
	if (!nvgsp_os_bar_check(bar, offset))
		return 0xffffffffu;
	return bar->ops->rd32(bar->ctx, offset);
}

void nvgsp_os_wr32(struct nvgsp_os_bar *bar, u32 offset, u32 value)
{
	if (nvgsp_os_bar_check(bar, offset))
		bar->ops->wr32(bar->ctx, offset, value);
}

const char *nvgsp_os_device_name(const struct nvgsp_os_device *dev)
{
	return dev->name;
}

/*
 * A file mapped read-only: the tools and tests load 60 MB images many times,
 * and a private mapping costs no copy. Empty files get a 1-byte buffer.
 */
struct nvgsp_os_firmware {
	void *map;
	size_t size;
};

/* Map one regular file whole; -ENOENT when absent. */
static int nvgsp_os_user_read(const char *file, struct nvgsp_os_firmware **out)
{
	struct nvgsp_os_firmware *fw;
	struct stat st;
	int fd, ret = 0;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? -ENOENT : -errno;
	if (fstat(fd, &st)) {
		ret = -errno;
	} else if (!S_ISREG(st.st_mode)) {
		ret = -EISDIR;
	} else if (!(fw = calloc(1, sizeof(*fw)))) {
		ret = -ENOMEM;
	} else {
		fw->size = (size_t)st.st_size;
		fw->map = fw->size ? mmap(NULL, fw->size, PROT_READ, MAP_PRIVATE, fd, 0) : calloc(1, 1);
		if (!fw->map || fw->map == MAP_FAILED) {
			ret = fw->size ? -errno : -ENOMEM;
			free(fw);
		} else {
			*out = fw;
		}
	}
	close(fd);
	return ret;
}

int nvgsp_os_firmware_get(struct nvgsp_os_device *dev, const char *path,
			  struct nvgsp_os_firmware **fw, const u8 **data, size_t *size)
{
	const char *dir = dev->fw_path ? dev->fw_path : "";
	char file[4096];
	int ret = -ENOENT;

	dev->fw_requests++;
	/* Like the kernel's loader: try each directory of the path in turn. */
	while (*dir && ret == -ENOENT) {
		size_t len = strcspn(dir, ":");

		if (len && snprintf(file, sizeof(file), "%.*s/%s", (int)len, dir, path) <
			   (int)sizeof(file))
			ret = nvgsp_os_user_read(file, fw);
		dir += len + (dir[len] == ':');
	}
	if (ret)
		return ret;
	*data = (*fw)->map;
	*size = (*fw)->size;
	return 0;
}

void nvgsp_os_firmware_put(struct nvgsp_os_firmware *fw)
{
	if (!fw)
		return;
	if (fw->size)
		munmap(fw->map, fw->size);
	else
		free(fw->map);
	free(fw);
}

void *nvgsp_os_zalloc(size_t size)
{
	if (nvgsp_user_allocs_left == 0)
		return NULL;
	if (nvgsp_user_allocs_left > 0)
		nvgsp_user_allocs_left--;
	return calloc(1, size ? size : 1);
}

void nvgsp_os_free(void *ptr)
{
	free(ptr);
}

void nvgsp_os_user_fail_alloc_after(long n)
{
	nvgsp_user_allocs_left = n;
}

int nvgsp_os_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n;

	if (!size)
		return 0;
	n = vsnprintf(buf, size, fmt, ap);
	if (n < 0) {
		buf[0] = '\0';
		return 0;
	}
	/* Like the kernel's vscnprintf: what was written, not what was wanted. */
	return (size_t)n < size ? n : (int)(size - 1);
}

int nvgsp_os_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = nvgsp_os_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void nvgsp_os_user_set_log(nvgsp_os_user_log_fn fn, void *ctx)
{
	nvgsp_user_log_fn = fn;
	nvgsp_user_log_ctx = ctx;
}

void nvgsp_os_user_set_debug(u32 mask)
{
	nvgsp_user_debug_mask = mask;
}

void nvgsp_os_log(const char *dev, enum nvgsp_os_log_level level, u32 category,
		  const char *fmt, ...)
{
	static const char *const names[] = { "err", "warn", "info", "debug" };
	char msg[512];
	va_list ap;

	if (level == NVGSP_LOG_DEBUG && !(nvgsp_user_debug_mask & category))
		return;
	va_start(ap, fmt);
	nvgsp_os_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (nvgsp_user_log_fn)
		nvgsp_user_log_fn(nvgsp_user_log_ctx, dev, level, msg);
	else
		fprintf(stderr, "nvgsp %s: %s: %s\n", dev ? dev : "-",
			(unsigned int)level < 4 ? names[level] : "?", msg);
}
