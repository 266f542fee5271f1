// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_os_user.c - the OS layer over libc, for unit tests, tools and gpusim
 * (see nvgsp_os.h). Register windows are backed by a model; misuse is counted
 * and reported rather than crashing, mirroring the kernel implementation.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <pthread.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <errno.h>

#include "nvgsp_os_user.h"

static nvgsp_os_user_log_fn nvgsp_user_log_fn;
static void *nvgsp_user_log_ctx;
static u32 nvgsp_user_debug_mask;
static const char *nvgsp_user_log_context;
static unsigned long nvgsp_user_log_suppressed;
static long nvgsp_user_allocs_left = -1;

u64 nvgsp_os_bar_size(const struct nvgsp_os_bar *bar)
{
	return bar->size;
}

static bool nvgsp_os_bar_check(struct nvgsp_os_bar *bar, u32 offset)
{
	/* Named by the window, as the kernel's WARN_ONCE names it. */
	const struct nvgsp_os_device dev = { .name = bar->name };

	if (offset % 4 == 0 && (u64)offset + 4 <= bar->size)
		return true;
	if (bar->bad_accesses++ == 0)
		nvgsp_os_log(&dev, NVGSP_LOG_WARN, 0,
			     "register access at 0x%x outside the %llu-byte window",
			     offset, bar->size);
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

static bool nvgsp_os_bar_check_range(struct nvgsp_os_bar *bar, u32 offset, u32 len)
{
	const struct nvgsp_os_device dev = { .name = bar->name };

	if (offset % 4 == 0 && len % 4 == 0 && (u64)offset + len <= bar->size)
		return true;
	if (bar->bad_accesses++ == 0)
		nvgsp_os_log(&dev, NVGSP_LOG_WARN, 0,
			     "access of %u bytes at 0x%x outside the %llu-byte window or misaligned",
			     len, offset, bar->size);
	return false;
}

void nvgsp_os_bar_read(struct nvgsp_os_bar *bar, u32 offset, void *buf, u32 len)
{
	u8 *p = buf;
	u32 i;

	if (!nvgsp_os_bar_check_range(bar, offset, len)) {
		memset(buf, 0xff, len);
		return;
	}
	if (bar->ops->read) {
		bar->ops->read(bar->ctx, offset, buf, len);
		return;
	}
	for (i = 0; i < len; i += 4)
		put_unaligned_le32(bar->ops->rd32(bar->ctx, offset + i), p + i);
}

void nvgsp_os_bar_write(struct nvgsp_os_bar *bar, u32 offset, const void *buf, u32 len)
{
	const u8 *p = buf;
	u32 i;

	if (!nvgsp_os_bar_check_range(bar, offset, len))
		return;
	if (bar->ops->write) {
		bar->ops->write(bar->ctx, offset, buf, len);
		return;
	}
	for (i = 0; i < len; i += 4)
		bar->ops->wr32(bar->ctx, offset + i, get_unaligned_le32(p + i));
}

void nvgsp_os_bar_set(struct nvgsp_os_bar *bar, u32 offset, u8 value, u32 len)
{
	u32 word = value * 0x01010101u;
	u32 i;

	if (!nvgsp_os_bar_check_range(bar, offset, len))
		return;
	if (bar->ops->set) {
		bar->ops->set(bar->ctx, offset, value, len);
		return;
	}
	for (i = 0; i < len; i += 4)
		bar->ops->wr32(bar->ctx, offset + i, word);
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

void nvgsp_os_user_set_context(const char *ctx)
{
	nvgsp_user_log_context = ctx;
}

unsigned long nvgsp_os_user_log_suppressed(void)
{
	return __atomic_load_n(&nvgsp_user_log_suppressed, __ATOMIC_RELAXED);
}

/*
 * Messages may come from several driver threads at once (a test that
 * creates vGPUs from several threads): one lock serialises the receiver
 * (nvgsp_os_user_set_log(), which need not be thread-safe itself, as the
 * unit tests' log buffer is not) and each ratelimit state, as the kernel's
 * console and ratelimit locks do. The receiver must not log.
 */
static pthread_mutex_t nvgsp_user_log_lock = PTHREAD_MUTEX_INITIALIZER;

static void nvgsp_os_vlog_locked(const struct nvgsp_os_device *dev,
				 enum nvgsp_os_log_level level, const char *fmt, va_list ap)
{
	static const char *const names[] = { "err", "warn", "info", "debug" };
	const char *name = dev ? dev->name : nvgsp_user_log_context;
	char msg[512];

	nvgsp_os_vsnprintf(msg, sizeof(msg), fmt, ap);
	if (nvgsp_user_log_fn)
		nvgsp_user_log_fn(nvgsp_user_log_ctx, name, level, msg);
	else
		fprintf(stderr, "nvgsp %s: %s: %s\n", name ? name : "-",
			(unsigned int)level < 4 ? names[level] : "?", msg);
}

static void nvgsp_os_vlog(const struct nvgsp_os_device *dev, enum nvgsp_os_log_level level,
			  const char *fmt, va_list ap)
{
	pthread_mutex_lock(&nvgsp_user_log_lock);
	nvgsp_os_vlog_locked(dev, level, fmt, ap);
	pthread_mutex_unlock(&nvgsp_user_log_lock);
}

static void nvgsp_os_logf_locked(const struct nvgsp_os_device *dev,
				 enum nvgsp_os_log_level level, const char *fmt, ...) __printf(3, 4);
static void nvgsp_os_logf_locked(const struct nvgsp_os_device *dev,
				 enum nvgsp_os_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nvgsp_os_vlog_locked(dev, level, fmt, ap);
	va_end(ap);
}

void nvgsp_os_log(const struct nvgsp_os_device *dev, enum nvgsp_os_log_level level,
		  u32 category, const char *fmt, ...)
{
	va_list ap;

	if (level == NVGSP_LOG_DEBUG && !(nvgsp_user_debug_mask & category))
		return;
	va_start(ap, fmt);
	nvgsp_os_vlog(dev, level, fmt, ap);
	va_end(ap);
}

/*
 * The kernel's ___ratelimit() over the OS layer's clock (virtual in tests):
 * @burst messages per window; what a window dropped is reported when the
 * next one starts. Called with nvgsp_user_log_lock held.
 */
static bool nvgsp_os_ratelimit(struct ratelimit_state *rs, const char *func,
			       const struct nvgsp_os_device *dev)
{
	u64 now = nvgsp_os_time_ns();

	if (!rs->interval_ns)
		return true;
	if (!rs->started) {
		rs->started = true;
		rs->begin_ns = now;
	}
	if (now - rs->begin_ns >= rs->interval_ns) {
		if (rs->missed)
			nvgsp_os_logf_locked(dev, NVGSP_LOG_WARN, "%s: %d callbacks suppressed",
					     func, rs->missed);
		rs->begin_ns = now;
		rs->printed = 0;
		rs->missed = 0;
	}
	if (rs->printed < rs->burst) {
		rs->printed++;
		return true;
	}
	rs->missed++;
	nvgsp_user_log_suppressed++;
	return false;
}

void nvgsp_os_log_rs(struct ratelimit_state *rs, const char *func,
		     const struct nvgsp_os_device *dev, enum nvgsp_os_log_level level,
		     u32 category, const char *fmt, ...)
{
	va_list ap;

	if (level == NVGSP_LOG_DEBUG && !(nvgsp_user_debug_mask & category))
		return;
	pthread_mutex_lock(&nvgsp_user_log_lock);
	if (nvgsp_os_ratelimit(rs, func, dev)) {
		va_start(ap, fmt);
		nvgsp_os_vlog_locked(dev, level, fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&nvgsp_user_log_lock);
}

/*
 * DMA. Buffers are aligned host memory; their bus addresses are invented so
 * that a model must translate them (nvgsp_os_user_dma_lookup()) as a device
 * would through an IOMMU. Ranges are kept in an array sorted by address.
 */
struct nvgsp_user_dma_range {
	u64 addr;
	size_t size;
	u8 *cpu;
};

static struct nvgsp_user_dma_range *nvgsp_user_dma;
/*
 * Allocation numbers (from 1) and the first one after the last mark:
 * a buffer numbered below the mark was live when it was set. A coherent
 * buffer keeps its number in struct nvgsp_os_dma's @os.
 */
static unsigned long nvgsp_user_dma_seq, nvgsp_user_dma_marked;
static size_t nvgsp_user_dma_nr, nvgsp_user_dma_cap;
static size_t nvgsp_user_dma_live_nr;
/* Bus addresses start above 4 GiB so 32-bit truncation is caught. */
static u64 nvgsp_user_dma_next = 0x100000000ull;
/* The next coherent buffer's address, once (nvgsp_os_user_dma_next_at()). */
static u64 nvgsp_user_dma_once;
static pthread_mutex_t nvgsp_user_dma_lock = PTHREAD_MUTEX_INITIALIZER;

void nvgsp_os_user_dma_next_at(u64 addr)
{
	pthread_mutex_lock(&nvgsp_user_dma_lock);
	nvgsp_user_dma_once = addr & ~(u64)(NVGSP_OS_PAGE_SIZE - 1);
	pthread_mutex_unlock(&nvgsp_user_dma_lock);
}

static size_t nvgsp_user_dma_find(u64 addr)
{
	size_t lo = 0, hi = nvgsp_user_dma_nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (nvgsp_user_dma[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;	/* first range above addr */
}

static int nvgsp_user_dma_add(u64 addr, size_t size, u8 *cpu)
{
	size_t at;

	if (nvgsp_user_dma_nr == nvgsp_user_dma_cap) {
		size_t cap = nvgsp_user_dma_cap ? nvgsp_user_dma_cap * 2 : 64;
		void *n = realloc(nvgsp_user_dma, cap * sizeof(*nvgsp_user_dma));

		if (!n)
			return -ENOMEM;
		nvgsp_user_dma = n;
		nvgsp_user_dma_cap = cap;
	}
	at = nvgsp_user_dma_find(addr);
	memmove(&nvgsp_user_dma[at + 1], &nvgsp_user_dma[at],
		(nvgsp_user_dma_nr - at) * sizeof(*nvgsp_user_dma));
	nvgsp_user_dma[at] = (struct nvgsp_user_dma_range){ addr, size, cpu };
	nvgsp_user_dma_nr++;
	return 0;
}

/* Remove the ranges [first, first + n) of addresses starting at @addr. */
static void nvgsp_user_dma_del(u64 addr, size_t n)
{
	size_t at = nvgsp_user_dma_find(addr);

	if (at == 0 || nvgsp_user_dma[at - 1].addr != addr)
		abort();	/* freeing what was never allocated: a driver bug */
	at--;
	memmove(&nvgsp_user_dma[at], &nvgsp_user_dma[at + n],
		(nvgsp_user_dma_nr - at - n) * sizeof(*nvgsp_user_dma));
	nvgsp_user_dma_nr -= n;
}

static bool nvgsp_user_alloc_allowed(void)
{
	if (nvgsp_user_allocs_left == 0)
		return false;
	if (nvgsp_user_allocs_left > 0)
		nvgsp_user_allocs_left--;
	return true;
}

void *nvgsp_os_user_dma_lookup(u64 addr, size_t len)
{
	void *p = NULL;
	size_t at;

	pthread_mutex_lock(&nvgsp_user_dma_lock);
	at = nvgsp_user_dma_find(addr);
	if (at) {
		const struct nvgsp_user_dma_range *r = &nvgsp_user_dma[at - 1];

		if (addr - r->addr < r->size && len <= r->size - (addr - r->addr))
			p = r->cpu + (addr - r->addr);
	}
	pthread_mutex_unlock(&nvgsp_user_dma_lock);
	return p;
}

size_t nvgsp_os_user_dma_live(void)
{
	return nvgsp_user_dma_live_nr;
}

/*
 * Freed coherent buffers kept for the next allocation of the same size,
 * when a fuzzer asks for it (nvgsp_os_user_dma_recycle()): a fuzz target
 * that creates a transport per input otherwise spends most of its time
 * mapping, faulting in and unmapping the same large buffer.
 */
#define NVGSP_USER_DMA_RECYCLE	4
static struct {
	bool on;
	unsigned int nr;
	struct {
		u8 *cpu;
		size_t len;
	} buf[NVGSP_USER_DMA_RECYCLE];
} nvgsp_user_recycle;

void nvgsp_os_user_dma_recycle(bool on)
{
	unsigned int i;

	pthread_mutex_lock(&nvgsp_user_dma_lock);
	nvgsp_user_recycle.on = on;
	if (!on) {
		for (i = 0; i < nvgsp_user_recycle.nr; i++)
			free(nvgsp_user_recycle.buf[i].cpu);
		nvgsp_user_recycle.nr = 0;
	}
	pthread_mutex_unlock(&nvgsp_user_dma_lock);
}

/* A kept buffer of @len bytes, or NULL. */
static u8 *nvgsp_user_recycled(size_t len)
{
	u8 *cpu = NULL;
	unsigned int i;

	pthread_mutex_lock(&nvgsp_user_dma_lock);
	for (i = 0; i < nvgsp_user_recycle.nr; i++) {
		if (nvgsp_user_recycle.buf[i].len == len) {
			cpu = nvgsp_user_recycle.buf[i].cpu;
			nvgsp_user_recycle.buf[i] = nvgsp_user_recycle.buf[--nvgsp_user_recycle.nr];
			break;
		}
	}
	pthread_mutex_unlock(&nvgsp_user_dma_lock);
	return cpu;
}

/* Keep @cpu for reuse when recycling is on. Return: true when kept. */
static bool nvgsp_user_recycle_put(u8 *cpu, size_t len)
{
	bool kept = false;

	pthread_mutex_lock(&nvgsp_user_dma_lock);
	if (nvgsp_user_recycle.on && nvgsp_user_recycle.nr < NVGSP_USER_DMA_RECYCLE) {
		nvgsp_user_recycle.buf[nvgsp_user_recycle.nr].cpu = cpu;
		nvgsp_user_recycle.buf[nvgsp_user_recycle.nr].len = len;
		nvgsp_user_recycle.nr++;
		kept = true;
	}
	pthread_mutex_unlock(&nvgsp_user_dma_lock);
	return kept;
}

int nvgsp_os_dma_alloc(struct nvgsp_os_device *dev, size_t size, struct nvgsp_os_dma *dma)
{
	size_t len = (size + NVGSP_OS_PAGE_SIZE - 1) & ~(size_t)(NVGSP_OS_PAGE_SIZE - 1);
	u8 *cpu;
	int ret;

	(void)dev;
	memset(dma, 0, sizeof(*dma));
	if (!len || !nvgsp_user_alloc_allowed())
		return -ENOMEM;
	cpu = nvgsp_user_recycled(len);
	if (!cpu)
		cpu = aligned_alloc(NVGSP_OS_PAGE_SIZE, len);
	if (!cpu)
		return -ENOMEM;
	memset(cpu, 0, len);
	pthread_mutex_lock(&nvgsp_user_dma_lock);
	if (nvgsp_user_dma_once) {
		ret = nvgsp_user_dma_add(nvgsp_user_dma_once, len, cpu);
		if (!ret) {
			dma->addr = nvgsp_user_dma_once;
			nvgsp_user_dma_once = 0;
			nvgsp_user_dma_live_nr++;
		}
	} else {
		ret = nvgsp_user_dma_add(nvgsp_user_dma_next, len, cpu);
		if (!ret) {
			dma->addr = nvgsp_user_dma_next;
			/* A guard page between buffers: overruns do not land in a neighbour. */
			nvgsp_user_dma_next += len + NVGSP_OS_PAGE_SIZE;
			nvgsp_user_dma_live_nr++;
		}
	}
	pthread_mutex_unlock(&nvgsp_user_dma_lock);
	if (ret) {
		free(cpu);
		return ret;
	}
	dma->cpu = cpu;
	dma->size = len;
	dma->os = (void *)(uintptr_t)++nvgsp_user_dma_seq;
	return 0;
}

void nvgsp_os_user_dma_mark(void)
{
	nvgsp_user_dma_marked = nvgsp_user_dma_seq + 1;
}

/* A buffer numbered @seq is being freed: count it against @dev. */
static void nvgsp_user_dma_freeing(struct nvgsp_os_device *dev, unsigned long seq)
{
	if (!dev)
		return;
	dev->dma_frees++;
	if (dev->bus_master && seq < nvgsp_user_dma_marked)
		dev->dma_freed_mastering++;
}

void nvgsp_os_dma_free(struct nvgsp_os_device *dev, struct nvgsp_os_dma *dma)
{
	if (!dma->cpu)
		return;
	nvgsp_user_dma_freeing(dev, (unsigned long)(uintptr_t)dma->os);
	pthread_mutex_lock(&nvgsp_user_dma_lock);
	nvgsp_user_dma_del(dma->addr, 1);
	nvgsp_user_dma_live_nr--;
	pthread_mutex_unlock(&nvgsp_user_dma_lock);
	if (!nvgsp_user_recycle_put(dma->cpu, dma->size))
		free(dma->cpu);
	memset(dma, 0, sizeof(*dma));
}

/*
 * One host allocation for the pages; page i is at bus address base +
 * (n - 1 - i) pages. Built in two counted allocations, the descriptor and
 * its pages, like the kernel's descriptor and page arrays, and unwound
 * through nvgsp_os_dma_sg_free() as the kernel's is, so failure injection
 * (nvgsp_os_user_fail_alloc_after()) reaches the same half-built states.
 */
struct nvgsp_os_dma_sg {
	u8 *cpu;
	size_t pages;
	u64 base;
	bool registered;	/* the pages are in the bus address map */
	unsigned long seq;	/* allocation number, see nvgsp_os_user_dma_mark() */
};

int nvgsp_os_dma_sg_alloc(struct nvgsp_os_device *dev, size_t size,
			  struct nvgsp_os_dma_sg **out)
{
	struct nvgsp_os_dma_sg *sg;
	size_t i;
	int ret = 0;

	if (!size || !nvgsp_user_alloc_allowed())
		return -ENOMEM;
	sg = calloc(1, sizeof(*sg));
	if (!sg)
		return -ENOMEM;
	sg->pages = (size + NVGSP_OS_PAGE_SIZE - 1) / NVGSP_OS_PAGE_SIZE;
	if (nvgsp_user_alloc_allowed())
		sg->cpu = aligned_alloc(NVGSP_OS_PAGE_SIZE, sg->pages * NVGSP_OS_PAGE_SIZE);
	if (!sg->cpu) {
		ret = -ENOMEM;
		goto fail;
	}
	memset(sg->cpu, 0, sg->pages * NVGSP_OS_PAGE_SIZE);
	pthread_mutex_lock(&nvgsp_user_dma_lock);
	sg->base = nvgsp_user_dma_next;
	/*
	 * Register the pages in ascending bus address order (the last page has
	 * the lowest): every address is above all live ones, so each insert is
	 * an append and a 64 MB image costs linear time.
	 */
	for (i = sg->pages; i > 0 && !ret; i--)
		ret = nvgsp_user_dma_add(nvgsp_os_dma_sg_addr(sg, i - 1), NVGSP_OS_PAGE_SIZE,
					 sg->cpu + (i - 1) * NVGSP_OS_PAGE_SIZE);
	if (ret) {
		/* Pages sg->pages - 1 down to i + 1 were added; i failed. */
		if (i + 1 < sg->pages)
			nvgsp_user_dma_del(nvgsp_os_dma_sg_addr(sg, sg->pages - 1),
					   sg->pages - 1 - i);
	} else {
		nvgsp_user_dma_next += (sg->pages + 1) * NVGSP_OS_PAGE_SIZE;
		nvgsp_user_dma_live_nr++;
		sg->registered = true;
		sg->seq = ++nvgsp_user_dma_seq;
	}
	pthread_mutex_unlock(&nvgsp_user_dma_lock);
	if (ret)
		goto fail;
	*out = sg;
	return 0;
fail:
	nvgsp_os_dma_sg_free(dev, sg);
	return ret;
}

void nvgsp_os_dma_sg_free(struct nvgsp_os_device *dev, struct nvgsp_os_dma_sg *sg)
{
	if (!sg)
		return;
	/* A half-built buffer (failed allocation) has no pages registered. */
	if (sg->registered) {
		nvgsp_user_dma_freeing(dev, sg->seq);
		pthread_mutex_lock(&nvgsp_user_dma_lock);
		/* The pages' ranges are adjacent and ascending from the last page's. */
		nvgsp_user_dma_del(nvgsp_os_dma_sg_addr(sg, sg->pages - 1), sg->pages);
		nvgsp_user_dma_live_nr--;
		pthread_mutex_unlock(&nvgsp_user_dma_lock);
	}
	free(sg->cpu);
	free(sg);
}

size_t nvgsp_os_dma_sg_pages(const struct nvgsp_os_dma_sg *sg)
{
	return sg->pages;
}

void *nvgsp_os_dma_sg_page(struct nvgsp_os_dma_sg *sg, size_t i)
{
	return sg->cpu + i * NVGSP_OS_PAGE_SIZE;
}

u64 nvgsp_os_dma_sg_addr(const struct nvgsp_os_dma_sg *sg, size_t i)
{
	return sg->base + (sg->pages - 1 - i) * (u64)NVGSP_OS_PAGE_SIZE;
}

void nvgsp_os_dma_sg_sync(struct nvgsp_os_device *dev, struct nvgsp_os_dma_sg *sg)
{
	(void)dev;
	(void)sg;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

int nvgsp_os_dma_stop(struct nvgsp_os_device *dev)
{
	dev->dma_stops++;
	if (!dev->master_stuck)
		dev->bus_master = false;
	if (dev->master_stuck || (dev->config_gone && dev->config_gone(dev->config_ctx)))
		return -EIO;
	return 0;
}

/*
 * Kept memory: reachable from this list (so LeakSanitizer does not report
 * it) and still in the bus address map (so a model can still write to it,
 * as a device could), until a test releases it.
 */
struct nvgsp_user_kept {
	struct nvgsp_os_dma dma;	/* a kept buffer, or zeroed */
	void *obj;			/* a kept object, or NULL */
	void (*release)(void *obj);
};

static struct nvgsp_user_kept *nvgsp_user_kept;
static size_t nvgsp_user_kept_nr, nvgsp_user_kept_cap;

static struct nvgsp_user_kept *nvgsp_user_kept_add(void)
{
	if (nvgsp_user_kept_nr == nvgsp_user_kept_cap) {
		size_t cap = nvgsp_user_kept_cap ? nvgsp_user_kept_cap * 2 : 16;
		void *n = realloc(nvgsp_user_kept, cap * sizeof(*nvgsp_user_kept));

		if (!n)
			abort();	/* a test host out of memory */
		nvgsp_user_kept = n;
		nvgsp_user_kept_cap = cap;
	}
	return &nvgsp_user_kept[nvgsp_user_kept_nr++];
}

void nvgsp_os_dma_keep(struct nvgsp_os_device *dev, struct nvgsp_os_dma *dma)
{
	struct nvgsp_user_kept *k;

	if (!dma->cpu)
		return;
	(void)dev;
	k = nvgsp_user_kept_add();
	*k = (struct nvgsp_user_kept){ .dma = *dma };
	memset(dma, 0, sizeof(*dma));
}

void nvgsp_os_keep(struct nvgsp_os_device *dev, void *obj, void (*release)(void *obj))
{
	struct nvgsp_user_kept *k = nvgsp_user_kept_add();

	(void)dev;
	*k = (struct nvgsp_user_kept){ .obj = obj, .release = release };
}

size_t nvgsp_os_user_kept(void)
{
	return nvgsp_user_kept_nr;
}

void nvgsp_os_user_keep_release(void)
{
	while (nvgsp_user_kept_nr) {
		struct nvgsp_user_kept k = nvgsp_user_kept[--nvgsp_user_kept_nr];

		/* No device: the frees count against none. */
		if (k.obj)
			k.release(k.obj);
		else
			nvgsp_os_dma_free(NULL, &k.dma);
	}
	free(nvgsp_user_kept);
	nvgsp_user_kept = NULL;
	nvgsp_user_kept_cap = 0;
}

void nvgsp_os_wmb(void)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

void nvgsp_os_rmb(void)
{
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
}

void nvgsp_os_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/*
 * Time. A virtual clock by default: delays advance it and run the model's
 * tick, so a 5-second timeout in a test costs nothing and always ends the
 * same way. Real time for models served by another thread or process.
 *
 * Several driver threads may delay at once (a test that creates vGPUs from
 * several threads): the clock and the delay count are updated atomically,
 * each delay adds its own time exactly once and hands the tick the clock as
 * its own addition left it. The tick hook itself is called without a lock:
 * a model shared by threads serialises its own entries (tests/unit/
 * unit_vgpu.c's model lock). nvgsp_os_user_set_tick() and
 * nvgsp_os_user_set_realtime() are for setup and teardown, while no other
 * thread delays.
 */
static u64 nvgsp_user_clock_ns;
static u64 nvgsp_user_delayed;
static bool nvgsp_user_realtime;
static nvgsp_os_user_tick_fn nvgsp_user_tick_fn;
static void *nvgsp_user_tick_ctx;

void nvgsp_os_user_set_tick(nvgsp_os_user_tick_fn fn, void *ctx)
{
	__atomic_store_n(&nvgsp_user_tick_ctx, ctx, __ATOMIC_RELAXED);
	__atomic_store_n(&nvgsp_user_tick_fn, fn, __ATOMIC_RELEASE);
}

void nvgsp_os_user_set_realtime(bool on)
{
	__atomic_store_n(&nvgsp_user_realtime, on, __ATOMIC_RELAXED);
}

u64 nvgsp_os_user_delayed_ns(void)
{
	return __atomic_load_n(&nvgsp_user_delayed, __ATOMIC_RELAXED);
}

static u64 nvgsp_user_real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

u64 nvgsp_os_time_ns(void)
{
	if (!__atomic_load_n(&nvgsp_user_realtime, __ATOMIC_RELAXED))
		return __atomic_load_n(&nvgsp_user_clock_ns, __ATOMIC_ACQUIRE);
	return nvgsp_user_real_ns();
}

/* Run the model's tick, if any, for the clock at @now_ns. */
static void nvgsp_user_tick(u64 now_ns)
{
	nvgsp_os_user_tick_fn fn = __atomic_load_n(&nvgsp_user_tick_fn, __ATOMIC_ACQUIRE);

	if (fn)
		fn(__atomic_load_n(&nvgsp_user_tick_ctx, __ATOMIC_RELAXED), now_ns);
}

static void nvgsp_user_delay(u32 us)
{
	u64 now;

	__atomic_add_fetch(&nvgsp_user_delayed, (u64)us * 1000, __ATOMIC_RELAXED);
	if (__atomic_load_n(&nvgsp_user_realtime, __ATOMIC_RELAXED)) {
		struct timespec ts = { us / 1000000, (long)(us % 1000000) * 1000 };

		nanosleep(&ts, NULL);
		now = nvgsp_user_real_ns();
	} else {
		now = __atomic_add_fetch(&nvgsp_user_clock_ns, (u64)us * 1000, __ATOMIC_ACQ_REL);
	}
	nvgsp_user_tick(now);
}

void nvgsp_os_udelay(u32 us)
{
	nvgsp_user_delay(us);
}

void nvgsp_os_usleep(u32 us)
{
	nvgsp_user_delay(us);
}

static unsigned long nvgsp_user_resched;

/*
 * Other tasks run while the caller yields: here the model (the tick hook,
 * with the clock where it is), so that a device publishing while a long
 * drain runs is seen doing so, as a GSP running beside the CPU is.
 */
void nvgsp_os_cond_resched(void)
{
	__atomic_add_fetch(&nvgsp_user_resched, 1, __ATOMIC_RELAXED);
	nvgsp_user_tick(nvgsp_os_time_ns());
}

unsigned long nvgsp_os_user_resched_count(void)
{
	return __atomic_load_n(&nvgsp_user_resched, __ATOMIC_RELAXED);
}

struct nvgsp_os_mutex {
	pthread_mutex_t lock;
	pthread_t owner;
	bool held;
	const char *name;
	const struct lock_class_key *key;
};

int nvgsp_os_mutex_create_key(const char *name, struct lock_class_key *key,
			      struct nvgsp_os_mutex **out)
{
	struct nvgsp_os_mutex *m = nvgsp_os_zalloc(sizeof(*m));

	if (!m)
		return -ENOMEM;
	pthread_mutex_init(&m->lock, NULL);
	m->name = name;
	m->key = key;
	*out = m;
	return 0;
}

void nvgsp_os_mutex_destroy(struct nvgsp_os_mutex *m)
{
	if (!m)
		return;
	if (m->held)
		abort();	/* destroying a held lock: a driver bug */
	pthread_mutex_destroy(&m->lock);
	nvgsp_os_free(m);
}

void nvgsp_os_mutex_lock(struct nvgsp_os_mutex *m)
{
	if (m->held && pthread_equal(m->owner, pthread_self()))
		abort();	/* recursive locking: would deadlock in the kernel */
	pthread_mutex_lock(&m->lock);
	m->owner = pthread_self();
	m->held = true;
}

bool nvgsp_os_mutex_trylock(struct nvgsp_os_mutex *m)
{
	/* Like mutex_trylock(): false also when the caller itself holds it. */
	if (pthread_mutex_trylock(&m->lock))
		return false;
	m->owner = pthread_self();
	m->held = true;
	return true;
}

void nvgsp_os_mutex_unlock(struct nvgsp_os_mutex *m)
{
	if (!m->held || !pthread_equal(m->owner, pthread_self()))
		abort();	/* unlocking a lock the caller does not hold */
	m->held = false;
	pthread_mutex_unlock(&m->lock);
}

void nvgsp_os_mutex_assert_held(struct nvgsp_os_mutex *m)
{
	if (!m->held || !pthread_equal(m->owner, pthread_self()))
		abort();
}

const struct lock_class_key *nvgsp_os_user_mutex_class(const struct nvgsp_os_mutex *m)
{
	return m->key;
}

/* --- SR-IOV on the PF: the simulated VF table (struct nvgsp_os_user_sriov) --- */

int nvgsp_os_sriov_num_vfs(struct nvgsp_os_device *dev)
{
	return dev->sriov ? dev->sriov->num_vfs : 0;
}

int nvgsp_os_sriov_enable(struct nvgsp_os_device *dev, int num_vfs)
{
	struct nvgsp_os_user_sriov *s = dev->sriov;
	int err;

	if (!s)
		return -ENODEV;
	s->enables++;
	if (s->num_vfs)
		return -EBUSY;
	if (num_vfs < 1 || num_vfs > NVGSP_OS_USER_MAX_VFS)
		return -EINVAL;
	err = s->enable_err;
	if (err) {
		s->enable_err = 0;
		s->num_vfs = s->enable_leaves;
		return err;
	}
	s->num_vfs = num_vfs;
	return 0;
}

void nvgsp_os_sriov_disable(struct nvgsp_os_device *dev)
{
	struct nvgsp_os_user_sriov *s = dev->sriov;

	if (!s)
		return;
	s->disables++;
	s->num_vfs = 0;
	memset(s->vf, 0, sizeof(s->vf));
}

void nvgsp_os_sriov_vf(struct nvgsp_os_device *dev, int index, struct nvgsp_os_vf *vf)
{
	struct nvgsp_os_user_sriov *s = dev->sriov;
	int devfn = index + 1;

	memset(vf, 0, sizeof(*vf));
	if (!s || index < 0 || index >= s->num_vfs)
		return;
	nvgsp_os_snprintf(vf->name, sizeof(vf->name), "%s:%02x.%x", s->bus, devfn >> 3,
			  devfn & 7);
	if (s->vf[index].assigned) {
		vf->busy = true;
		nvgsp_os_snprintf(vf->user, sizeof(vf->user), "assigned to a guest");
	} else if (s->vf[index].enabled) {
		vf->busy = true;
		nvgsp_os_snprintf(vf->user, sizeof(vf->user), "enabled by %s",
				  s->vf[index].driver ? s->vf[index].driver :
				  "a driver since unbound");
	}
}
