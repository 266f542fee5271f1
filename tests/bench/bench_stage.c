// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_stage.c - figure 1: the .fwimage of ga102 570.144 (63.5 MB) staged
 * into DMA pages and mapped by a radix3 table, against memcpy of the same
 * bytes (the physical limit).
 *
 * Rows (each a median over the runs; buffers are freed outside the timed
 * region unless a row says otherwise):
 *  - memcpy into one preallocated, already faulted buffer: the limit.
 *  - memcpy into a fresh malloc() buffer: the same with first-touch page
 *    faults, the fair limit for a path that must allocate.
 *  - aligned_alloc() + memset() of the same size: the allocation without
 *    the OS layer's page registry (below).
 *  - nvgsp_os_dma_sg_alloc() alone, and its free: the userspace OS layer
 *    allocates one aligned block, zeroes it (memset) and registers every
 *    4 KiB page at its own bus address in a sorted array
 *    (src/os/nvgsp_os_user.c); the kernel's allocator is a different cost.
 *  - the staging copy alone into preallocated pages (the loop of
 *    nvgsp_gsp_fwimage_stage(): one memcpy per page through
 *    nvgsp_os_dma_sg_page(), then nvgsp_os_dma_sg_sync()).
 *  - nvgsp_gsp_radix3_build() alone (its table allocation included).
 *  - copy + radix3: the two above in one timed region.
 *  - the driver's path whole: nvgsp_gsp_fwimage_stage() (allocation,
 *    zeroing, copy) + nvgsp_gsp_radix3_build().
 *
 * The firmware file is mapped (nvgsp_os_firmware_get) and read once before
 * timing, so no row pays for reading it from the page cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "fw/nvgsp_fw_gsp.h"
#include "gsp/nvgsp_gsp_mem.h"

#define STAGE_CHIP	"ga102"
#define WARMUP		2

/*
 * The copy of nvgsp_gsp_fwimage_stage() without its allocation: one memcpy
 * per page, the last page's tail left zero, then the sync.
 */
static void copy_pages(struct nvgsp_os_device *dev, struct nvgsp_os_dma_sg *sg, const u8 *src,
		       u64 len)
{
	size_t i, pages = nvgsp_os_dma_sg_pages(sg);

	for (i = 0; i < pages; i++) {
		u64 off = (u64)i << NVGSP_OS_PAGE_SHIFT;
		u64 n = len - off < NVGSP_OS_PAGE_SIZE ? len - off : NVGSP_OS_PAGE_SIZE;

		memcpy(nvgsp_os_dma_sg_page(sg, i), src + off, (size_t)n);
	}
	nvgsp_os_dma_sg_sync(dev, sg);
}

/* True when @sg holds exactly @len bytes of @src (the copy is checked once). */
static bool staged_ok(struct nvgsp_os_dma_sg *sg, const u8 *src, u64 len)
{
	size_t i;

	for (i = 0; (u64)i << NVGSP_OS_PAGE_SHIFT < len; i++) {
		u64 off = (u64)i << NVGSP_OS_PAGE_SHIFT;
		u64 n = len - off < NVGSP_OS_PAGE_SIZE ? len - off : NVGSP_OS_PAGE_SIZE;

		if (memcmp(nvgsp_os_dma_sg_page(sg, i), src + off, (size_t)n))
			return false;
	}
	return true;
}

static double ms(uint64_t ns)
{
	return ns / 1e6;
}

int bench_stage(const struct bench_opts *o)
{
	struct nvgsp_os_device dev = { .name = "bench", .fw_path = o->fw_root };
	const char *path = "nvidia/" STAGE_CHIP "/gsp/gsp-" BENCH_RELEASE ".bin";
	unsigned int n = o->runs, r, i;
	double *t_memcpy, *t_fresh, *t_zero, *t_alloc, *t_free, *t_copy, *t_r3, *t_cr3, *t_full;
	struct nvgsp_fw_gsp_image *img;
	struct nvgsp_os_firmware *fw;
	struct nvgsp_fw_blob blob = { .name = path };
	struct nvgsp_fw_diag diag;
	struct nvgsp_os_dma_sg *sg, *sg2;
	struct nvgsp_os_dma tables;
	volatile u8 sink = 0;
	const u8 *src;
	u8 *dst;
	u64 len, root;
	uint64_t t0, t1;
	int ret = -1;

	fprintf(stderr, "figure 1: staging %s .fwimage\n", path);
	img = calloc(1, sizeof(*img));
	t_memcpy = calloc(9 * (size_t)n, sizeof(double));
	if (!img || !t_memcpy)
		goto free_img;
	t_fresh = t_memcpy + n;
	t_zero = t_fresh + n;
	t_alloc = t_zero + n;
	t_free = t_alloc + n;
	t_copy = t_free + n;
	t_r3 = t_copy + n;
	t_cr3 = t_r3 + n;
	t_full = t_cr3 + n;

	if (nvgsp_os_firmware_get(&dev, path, &fw, &blob.data, &blob.size)) {
		fprintf(stderr, "gsp_bench: %s/%s: cannot be read\n", o->fw_root, path);
		goto free_img;
	}
	if (nvgsp_fw_gsp_parse(&blob, img, &diag)) {
		fprintf(stderr, "gsp_bench: %s\n", diag.msg);
		goto put_fw;
	}
	src = blob.data + img->fwimage.offset;
	len = img->fwimage.size;
	for (i = 0; i < len; i += 4096)
		sink ^= src[i];		/* fault the file's pages in before timing */

	dst = aligned_alloc(NVGSP_OS_PAGE_SIZE, (len + 4095) & ~4095ull);
	if (!dst)
		goto put_fw;
	memset(dst, 0, (len + 4095) & ~4095ull);

	/* The limit: memcpy into a warm, preallocated buffer. */
	for (r = 0; r < WARMUP + n; r++) {
		t0 = bench_time_ns();
		memcpy(dst, src, len);
		t1 = bench_time_ns();
		sink ^= dst[r % len];
		if (r >= WARMUP)
			t_memcpy[r - WARMUP] = ms(t1 - t0);
	}
	/* memcpy into a fresh buffer: first-touch page faults included. */
	for (r = 0; r < WARMUP + n; r++) {
		u8 *p;

		t0 = bench_time_ns();
		p = malloc(len);
		if (p)
			memcpy(p, src, len);
		t1 = bench_time_ns();
		if (!p)
			goto free_dst;
		sink ^= p[r % len];
		free(p);
		if (r >= WARMUP)
			t_fresh[r - WARMUP] = ms(t1 - t0);
	}
	/* What the paged buffer's allocation costs without its page registry. */
	for (r = 0; r < WARMUP + n; r++) {
		u8 *p;

		t0 = bench_time_ns();
		p = aligned_alloc(NVGSP_OS_PAGE_SIZE, (len + 4095) & ~4095ull);
		if (p)
			memset(p, 0, (len + 4095) & ~4095ull);
		t1 = bench_time_ns();
		if (!p)
			goto free_dst;
		sink ^= p[r % len];
		free(p);
		if (r >= WARMUP)
			t_zero[r - WARMUP] = ms(t1 - t0);
	}
	/* The paged buffer alone: allocate (zeroed, registered) and free. */
	for (r = 0; r < WARMUP + n; r++) {
		uint64_t t2;

		t0 = bench_time_ns();
		if (nvgsp_os_dma_sg_alloc(&dev, (size_t)len, &sg))
			goto free_dst;
		t1 = bench_time_ns();
		nvgsp_os_dma_sg_free(&dev, sg);
		t2 = bench_time_ns();
		if (r >= WARMUP) {
			t_alloc[r - WARMUP] = ms(t1 - t0);
			t_free[r - WARMUP] = ms(t2 - t1);
		}
	}
	/* Copy, radix3, and both, into one preallocated paged buffer. */
	if (nvgsp_os_dma_sg_alloc(&dev, (size_t)len, &sg))
		goto free_dst;
	for (r = 0; r < WARMUP + n; r++) {
		uint64_t t2, t3;

		t0 = bench_time_ns();
		copy_pages(&dev, sg, src, len);
		t1 = bench_time_ns();
		if (nvgsp_gsp_radix3_build(&dev, sg, len, &tables, &root))
			goto free_sg;
		t2 = bench_time_ns();
		nvgsp_os_dma_free(&dev, &tables);
		t3 = bench_time_ns();
		copy_pages(&dev, sg, src, len);
		if (nvgsp_gsp_radix3_build(&dev, sg, len, &tables, &root))
			goto free_sg;
		if (r >= WARMUP) {
			t_copy[r - WARMUP] = ms(t1 - t0);
			t_r3[r - WARMUP] = ms(t2 - t1);
			t_cr3[r - WARMUP] = ms(bench_time_ns() - t3);
		}
		nvgsp_os_dma_free(&dev, &tables);
	}
	if (!staged_ok(sg, src, len))
		fprintf(stderr, "gsp_bench: the staged pages differ from .fwimage\n");
	/* The driver's whole path. */
	for (r = 0; r < WARMUP + n; r++) {
		t0 = bench_time_ns();
		if (nvgsp_gsp_fwimage_stage(&dev, src, len, &sg2))
			goto free_sg;
		if (nvgsp_gsp_radix3_build(&dev, sg2, len, &tables, &root)) {
			nvgsp_os_dma_sg_free(&dev, sg2);
			goto free_sg;
		}
		t1 = bench_time_ns();
		if (r == 0 && !staged_ok(sg2, src, len))
			fprintf(stderr, "gsp_bench: the driver staged pages that differ from .fwimage\n");
		nvgsp_os_dma_free(&dev, &tables);
		nvgsp_os_dma_sg_free(&dev, sg2);
		if (r >= WARMUP)
			t_full[r - WARMUP] = ms(t1 - t0);
	}

	{
		double m_memcpy = bench_median(t_memcpy, n), m_fresh = bench_median(t_fresh, n);
		double m_cr3 = bench_median(t_cr3, n), m_full = bench_median(t_full, n);
		double m_alloc = bench_median(t_alloc, n);
		char what[80];

		snprintf(what, sizeof(what), "%s .fwimage %.1f MB: memcpy, preallocated buffer",
			 STAGE_CHIP, len / 1e6);
		bench_row(1, what, "ms", t_memcpy, n);
		bench_row(1, "memcpy into a fresh malloc buffer (page faults)", "ms", t_fresh, n);
		bench_row(1, "aligned_alloc + memset 0 (sg_alloc less its registry)", "ms", t_zero,
			  n);
		bench_row(1, "nvgsp_os_dma_sg_alloc (alloc+zero+register pages)", "ms", t_alloc, n);
		bench_row(1, "nvgsp_os_dma_sg_free", "ms", t_free, n);
		bench_row(1, "staging copy into preallocated DMA pages", "ms", t_copy, n);
		bench_row(1, "nvgsp_gsp_radix3_build (tables alloc included)", "ms", t_r3, n);
		bench_row(1, "copy + radix3 (preallocated pages)", "ms", t_cr3, n);
		bench_row(1, "nvgsp_gsp_fwimage_stage + radix3 (alloc included)", "ms", t_full, n);
		bench_note("fig 1: copy+radix3 / memcpy = %.2fx (target <= 1.5x); %.2f GB/s vs %.2f GB/s",
			   m_cr3 / m_memcpy, len / m_cr3 / 1e6, len / m_memcpy / 1e6);
		bench_note("fig 1: stage+radix3 with allocation / memcpy into a fresh buffer = %.2fx; allocation is %.0f%% of it",
			   m_full / m_fresh, 100.0 * m_alloc / m_full);
	}
	ret = 0;
	(void)sink;

free_sg:
	nvgsp_os_dma_sg_free(&dev, sg);
free_dst:
	free(dst);
put_fw:
	nvgsp_os_firmware_put(fw);
free_img:
	free(t_memcpy);
	free(img);
	if (ret)
		fprintf(stderr, "gsp_bench: figure 1 not measured\n");
	return ret;
}
