// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_vgpu_fb.c - VRAM through the PRAMIN window and the FB regions of
 * the static info (src/vgpu/nvgsp_vgpu_fb.c), over gpusim's sparse VRAM
 * (tests/gpusim/gpusim_vram.c), and the OS layer's bulk BAR accessors
 * (Documentation/vgpu-fb.rst).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "gsp/nvgsp_gsp.h"
#include "gsp/nvgsp_gsp_tool.h"
#include "transport/nvgsp_rpc.h"
#include "vgpu/nvgsp_vgpu_fb.h"

#define N(a) (int)(ARRAY_SIZE(a))
#define MIB (1ull << 20)

/* One chip per family and window register (TU..AD: 0x1700; GH: 21:0; GB: 22:0). */
static const struct {
	const char *chip;
	u32 window_reg;
} fams[] = {
	{ "tu102", 0x001700 }, { "ga102", 0x001700 }, { "ad102", 0x001700 },
	{ "gh100", 0x10fd40 }, { "gb100", 0x10fd40 }, { "gb202", 0x10fd40 },
};

/* The model, its BAR0 and the FB access of one family's chip (not booted). */
static void fb_env(struct unit_gsp *e, struct nvgsp_vgpu_fb *fb, int i)
{
	unit_gsp_init(e, fams[i].chip, "570.144", NULL, NULL);
	ck_assert_int_eq(nvgsp_vgpu_fb_init(fb, &e->bar, &e->dev, e->id.info,
					    gpusim_vram_size(e->sim)), 0);
	ck_assert_uint_eq(fb->window_reg, fams[i].window_reg);
	unit_log_reset();
}

static void fb_env_fini(struct unit_gsp *e)
{
	ck_assert_uint_eq(e->bar.bad_accesses, 0);
	unit_gsp_fini(e);
}

static void fill(u8 *p, size_t n, u32 seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (u8)((i * 131 + seed) | 1);	/* never 0 */
}

/*
 * Writes and reads that cross a window end (the window moves), the window
 * register put back, and the bytes where the model keeps them.
 */
START_TEST(window_moves)
{
	static const u32 saved = 0x12;	/* a base of 0x120000, VID_MEM */
	struct nvgsp_vgpu_fb fb;
	struct unit_gsp e;
	u8 *in, *out;
	u64 off;
	u32 len = 256 * 1024;

	fb_env(&e, &fb, _i);
	in = malloc(len);
	out = malloc(len);
	ck_assert_ptr_nonnull(in);
	ck_assert_ptr_nonnull(out);
	fill(in, len, 7);
	nvgsp_os_wr32(&e.bar, fb.window_reg, saved);
	/* 16 bytes before the end of the window based at 3 MiB: moves once. */
	off = 3 * MIB + MIB - 16;
	ck_assert_int_eq(nvgsp_vgpu_fb_write(&fb, off, in, len), 0);
	ck_assert_uint_eq(nvgsp_os_rd32(&e.bar, fb.window_reg), saved);
	memset(out, 0, len);
	ck_assert_int_eq(gpusim_vram_read(e.sim, off, out, len), 0);
	ck_assert_int_eq(memcmp(in, out, len), 0);
	memset(out, 0, len);
	ck_assert_int_eq(nvgsp_vgpu_fb_read(&fb, off, out, len), 0);
	ck_assert_int_eq(memcmp(in, out, len), 0);
	ck_assert_uint_eq(nvgsp_os_rd32(&e.bar, fb.window_reg), saved);
	/* The window as hardware shows it: base 4 MiB, its first dword. */
	nvgsp_os_wr32(&e.bar, fb.window_reg, (u32)(4 * MIB >> 16));
	ck_assert_uint_eq(nvgsp_os_rd32(&e.bar, 0x700000), get_unaligned_le32(in + 16));
	nvgsp_os_wr32(&e.bar, 0x700000, 0);
	ck_assert_int_eq(gpusim_vram_read(e.sim, 4 * MIB, out, 4), 0);
	ck_assert_uint_eq(get_unaligned_le32(out), 0);
	/* Near the end of the FB: the last dword. */
	off = gpusim_vram_size(e.sim) - 4;
	ck_assert_int_eq(nvgsp_vgpu_fb_write(&fb, off, in, 4), 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_read(&fb, off, out, 4), 0);
	ck_assert_int_eq(memcmp(in, out, 4), 0);
	ck_assert_str_eq(gpusim_error(e.sim), "");
	ck_assert_str_eq(unit_log, "");
	free(in);
	free(out);
	fb_env_fini(&e);
}
END_TEST

/*
 * A scrub of the whole FB: one bulk call per window position (not one per
 * dword), a yield between positions, and nothing left behind.
 */
START_TEST(scrub_whole_fb)
{
	struct nvgsp_vgpu_fb fb;
	struct gpusim_stats st0, st1;
	struct unit_gsp e;
	unsigned long yields;
	u8 buf[64];
	u64 fb_size, where = 0, windows;

	fb_env(&e, &fb, _i);
	fb_size = gpusim_vram_size(e.sim);
	fill(buf, sizeof(buf), 3);
	ck_assert_int_eq(gpusim_vram_write(e.sim, 0, buf, sizeof(buf)), 0);
	ck_assert_int_eq(gpusim_vram_write(e.sim, fb_size / 2 + 12, buf, sizeof(buf)), 0);
	ck_assert_int_eq(gpusim_vram_write(e.sim, fb_size - sizeof(buf), buf, sizeof(buf)), 0);
	ck_assert_uint_eq(gpusim_vram_resident(e.sim), 3 * 64 * 1024);
	/* A set of 8 MiB of 0xa5: pages allocated, then found. */
	ck_assert_int_eq(nvgsp_vgpu_fb_set(&fb, 32 * MIB, 0xa5, 8 * MIB), 0);
	ck_assert_uint_eq(gpusim_vram_resident(e.sim), 3 * 64 * 1024 + 8 * MIB);
	ck_assert(gpusim_vram_find_nonzero(e.sim, 16 * MIB, 32 * MIB, &where));
	ck_assert_uint_eq(where, 32 * MIB);

	gpusim_get_stats(e.sim, &st0);
	yields = nvgsp_os_user_resched_count();
	ck_assert_int_eq(nvgsp_vgpu_fb_set(&fb, 0, 0, fb_size), 0);
	gpusim_get_stats(e.sim, &st1);
	windows = (fb_size + MIB - 1) / MIB;
	/* Per window one move and one bulk set; BOOT_0 twice, the register read and restored. */
	ck_assert_uint_le(st1.accesses - st0.accesses, 2 * windows + 8);
	ck_assert_uint_ge(nvgsp_os_user_resched_count() - yields, windows - 1);
	ck_assert_uint_eq(gpusim_vram_resident(e.sim), 0);
	ck_assert(!gpusim_vram_find_nonzero(e.sim, 0, fb_size, &where));
	ck_assert_str_eq(gpusim_error(e.sim), "");
	fb_env_fini(&e);
}
END_TEST

/* One refused call: -EINVAL, one error line with @want, no register touched. */
static void refused(struct unit_gsp *e, struct nvgsp_vgpu_fb *fb, int op, u64 off, u64 len,
		    const char *want)
{
	struct gpusim_stats st0, st1;
	u8 buf[16];
	int ret;

	unit_log_reset();
	gpusim_get_stats(e->sim, &st0);
	memset(buf, 0x5a, sizeof(buf));
	if (op == 0)
		ret = nvgsp_vgpu_fb_read(fb, off, buf, (u32)len);
	else if (op == 1)
		ret = nvgsp_vgpu_fb_write(fb, off, buf, (u32)len);
	else
		ret = nvgsp_vgpu_fb_set(fb, off, 0xee, len);
	ck_assert_msg(ret == -EINVAL, "op %d at 0x%llx len %llu: %d", op, off, len, ret);
	gpusim_get_stats(e->sim, &st1);
	ck_assert_uint_eq(st1.accesses, st0.accesses);
	ck_assert_uint_eq(buf[0], 0x5a);
	unit_log_one_line(NVGSP_LOG_ERR, "0000:01:00.0", want);
}

/* Refusals: one error line naming offset and length, nothing changed. */
START_TEST(bounds_refused)
{
	struct nvgsp_vgpu_fb fb;
	struct unit_gsp e;
	u8 buf[16], keep[16];
	char want[128];
	u64 fb_size;
	int op;

	fb_env(&e, &fb, _i);
	fb_size = gpusim_vram_size(e.sim);
	nvgsp_os_wr32(&e.bar, fb.window_reg, 0x34);
	fill(keep, sizeof(keep), 9);
	ck_assert_int_eq(gpusim_vram_write(e.sim, fb_size - MIB, keep, sizeof(keep)), 0);
	for (op = 0; op < 3; op++) {
		snprintf(want, sizeof(want),
			 "of 8 bytes at 0x%llx refused: outside the %llu-byte FB",
			 fb_size - 4, fb_size);
		refused(&e, &fb, op, fb_size - 4, 8, want);
		snprintf(want, sizeof(want), "of 4 bytes at 0x%llx refused: outside", fb_size);
		refused(&e, &fb, op, fb_size, 4, want);
		refused(&e, &fb, op, ~0ull - 3, 8, "of 8 bytes at 0xfffffffffffffffc refused: outside");
		refused(&e, &fb, op, 2, 4, "of 4 bytes at 0x2 refused: not 4-byte aligned in");
		refused(&e, &fb, op, 4, 6, "of 6 bytes at 0x4 refused: not 4-byte aligned in");
	}
	/* off + len wraps around: a set takes a u64 length. */
	refused(&e, &fb, 2, 8, ~0ull - 7, "of 18446744073709551608 bytes at 0x8 refused: outside");
	ck_assert_uint_eq(nvgsp_os_rd32(&e.bar, fb.window_reg), 0x34);
	ck_assert_int_eq(gpusim_vram_read(e.sim, fb_size - MIB, buf, sizeof(buf)), 0);
	ck_assert_int_eq(memcmp(buf, keep, sizeof(buf)), 0);
	ck_assert_uint_eq(gpusim_vram_resident(e.sim), 64 * 1024);
	ck_assert_str_eq(gpusim_error(e.sim), "");
	fb_env_fini(&e);
}
END_TEST

/* A device off the bus: -ENODEV, one line, VRAM unchanged. */
START_TEST(device_gone)
{
	struct nvgsp_vgpu_fb fb;
	struct unit_gsp e;
	u8 buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	fb_env(&e, &fb, _i);
	gpusim_fault_set(e.sim, GPUSIM_FAULT_DEVICE_GONE, 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_write(&fb, 0x1000, buf, sizeof(buf)), -ENODEV);
	unit_log_one_line(NVGSP_LOG_ERR, "0000:01:00.0", "FB write: BOOT_0 reads 0xffffffff");
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_fb_read(&fb, 0x1000, buf, sizeof(buf)), -ENODEV);
	unit_log_one_line(NVGSP_LOG_ERR, "0000:01:00.0", "the device is gone");
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_fb_set(&fb, 0, 0, MIB), -ENODEV);
	gpusim_fault_set(e.sim, GPUSIM_FAULT_NONE, 0);
	ck_assert_uint_eq(gpusim_vram_resident(e.sim), 0);
	fb_env_fini(&e);
}
END_TEST

/* Sizes the window cannot serve are refused at init. */
START_TEST(init_refused)
{
	static const struct {
		const char *chip;
		u64 fb_size;
	} rows[] = {
		{ "GA102", 0 }, { "GA102", 64 * 1024 + 4 },
		{ "GA102", (1ull << 40) + 64 * 1024 },	/* 24 bits of 64 KiB: 1 TiB */
		{ "GH100", (256ull << 30) + 64 * 1024 },	/* 22 bits: 256 GiB */
		{ "GB202", (512ull << 30) + 64 * 1024 },	/* 23 bits: 512 GiB */
	};
	struct nvgsp_os_device dev = { .name = "0000:02:00.0" };
	struct nvgsp_vgpu_fb fb;
	int i;

	for (i = 0; i < N(rows); i++) {
		unit_log_reset();
		ck_assert_int_eq(nvgsp_vgpu_fb_init(&fb, NULL, &dev, unit_chip_named(rows[i].chip),
						    rows[i].fb_size), -EINVAL);
		unit_log_one_line(NVGSP_LOG_ERR, "0000:02:00.0", "FB size");
	}
	ck_assert_int_eq(nvgsp_vgpu_fb_init(&fb, NULL, &dev, unit_chip_named("GH100"), 256ull << 30),
			 0);
}
END_TEST

/* gpusim: a window onto system memory drops writes and records them. */
START_TEST(gpusim_window_target)
{
	struct nvgsp_vgpu_fb fb;
	struct gpusim_stats st;
	struct unit_gsp e;
	u8 b[4] = { 1, 2, 3, 4 };

	fb_env(&e, &fb, 1);	/* ga102: NV_PBUS_BAR0_WINDOW has a target */
	ck_assert_int_eq(gpusim_vram_write(e.sim, 0, b, 4), 0);
	nvgsp_os_wr32(&e.bar, 0x1700, 2u << 24);	/* SYS_MEM_COHERENT, base 0 */
	ck_assert_uint_eq(nvgsp_os_rd32(&e.bar, 0x700000), 0);
	ck_assert_str_eq(gpusim_error(e.sim), "");
	nvgsp_os_wr32(&e.bar, 0x700000, 0xdeadbeef);
	gpusim_get_stats(e.sim, &st);
	ck_assert_uint_eq(st.pramin_dropped, 1);
	ck_assert_ptr_nonnull(strstr(gpusim_error(e.sim), "not VID_MEM"));
	nvgsp_os_wr32(&e.bar, 0x1700, 0);
	ck_assert_uint_eq(nvgsp_os_rd32(&e.bar, 0x700000), 0x04030201);
	/* Bits outside base and target are not kept. */
	nvgsp_os_wr32(&e.bar, 0x1700, 0xfc000005);
	ck_assert_uint_eq(nvgsp_os_rd32(&e.bar, 0x1700), 5);
	fb_env_fini(&e);
}
END_TEST

/* gpusim: VRAM past the FB is a recorded fault; set 0 frees pages. */
START_TEST(gpusim_vram_model)
{
	struct unit_gsp e;
	struct nvgsp_vgpu_fb fb;
	u8 b[8] = { 0 };
	u64 fb_size, where;

	fb_env(&e, &fb, 0);
	fb_size = gpusim_vram_size(e.sim);
	ck_assert_uint_eq(fb_size, 11ull << 30);	/* the RTX 2080 Ti board */
	/* Zeros allocate nothing; a partial clear keeps the page until it is all zero. */
	ck_assert_int_eq(gpusim_vram_write(e.sim, 0, b, sizeof(b)), 0);
	ck_assert_uint_eq(gpusim_vram_resident(e.sim), 0);
	ck_assert_int_eq(gpusim_vram_set(e.sim, 100, 0x11, 8), 0);
	ck_assert_int_eq(gpusim_vram_set(e.sim, 200, 0x22, 8), 0);
	ck_assert_uint_eq(gpusim_vram_resident(e.sim), 64 * 1024);
	ck_assert_int_eq(gpusim_vram_set(e.sim, 100, 0, 8), 0);
	ck_assert_uint_eq(gpusim_vram_resident(e.sim), 64 * 1024);
	ck_assert(gpusim_vram_find_nonzero(e.sim, 0, MIB, &where));
	ck_assert_uint_eq(where, 200);
	ck_assert_int_eq(gpusim_vram_set(e.sim, 200, 0, 8), 0);
	ck_assert_uint_eq(gpusim_vram_resident(e.sim), 0);
	ck_assert_str_eq(gpusim_error(e.sim), "");
	ck_assert_int_eq(gpusim_vram_write(e.sim, fb_size - 4, b, 8), -EINVAL);
	ck_assert_ptr_nonnull(strstr(gpusim_error(e.sim), "past the end"));
	ck_assert_uint_eq(gpusim_vram_resident(e.sim), 0);
	fb_env_fini(&e);
}
END_TEST

/* ---- the OS layer's bulk accessors without bulk ops: the dword loop ---- */

static u32 mem_words[64];

static u32 mem_rd32(void *ctx, u32 off)
{
	(void)ctx;
	return mem_words[off / 4];
}

static void mem_wr32(void *ctx, u32 off, u32 v)
{
	(void)ctx;
	mem_words[off / 4] = v;
}

START_TEST(os_bulk_fallback)
{
	static const struct nvgsp_os_bar_ops ops = { .rd32 = mem_rd32, .wr32 = mem_wr32 };
	struct nvgsp_os_bar bar = { .ops = &ops, .size = sizeof(mem_words), .name = "mem" };
	u8 in[16], out[16];

	memset(mem_words, 0, sizeof(mem_words));
	fill(in, sizeof(in), 1);
	nvgsp_os_bar_write(&bar, 8, in, sizeof(in));
	ck_assert_uint_eq(mem_words[2], get_unaligned_le32(in));
	nvgsp_os_bar_read(&bar, 8, out, sizeof(out));
	ck_assert_int_eq(memcmp(in, out, sizeof(in)), 0);
	nvgsp_os_bar_set(&bar, 8, 0x5c, 8);
	ck_assert_uint_eq(mem_words[2], 0x5c5c5c5c);
	ck_assert_uint_eq(mem_words[3], 0x5c5c5c5c);
	ck_assert_uint_eq(mem_words[4], get_unaligned_le32(in + 8));
	ck_assert_uint_eq(bar.bad_accesses, 0);
	/* Misaligned or out of the window: refused whole, reads fill 0xff. */
	unit_log_reset();
	nvgsp_os_bar_read(&bar, 2, out, 4);
	ck_assert_uint_eq(out[0], 0xff);
	ck_assert_uint_eq(out[3], 0xff);
	nvgsp_os_bar_write(&bar, sizeof(mem_words) - 4, in, 8);
	nvgsp_os_bar_set(&bar, 0, 1, 6);
	ck_assert_uint_eq(bar.bad_accesses, 3);
	ck_assert_uint_eq(mem_words[0], 0);
	ck_assert_uint_eq(mem_words[63], 0);
	unit_log_one_line(NVGSP_LOG_WARN, "mem", "outside the 256-byte window or misaligned");
}
END_TEST

/* ---- FB regions ---- */

/*
 * Every chip x release boots; GET_GSP_STATIC_INFO's reply, asked again,
 * carries the regions gpusim reports (gpusim_rm.c, "FB regions in static
 * info"): the usable one from 0 to below WPR2, the largest.
 */
START_TEST(fb_regions_rows)
{
	const struct unit_gsp_row *r = &unit_gsp_rows[_i];
	struct nvgsp_abi_fb_region reg[NVGSP_VGPU_FB_MAX_REGIONS];
	const struct nvgsp_abi *abi;
	struct nvgsp_gsp *gsp = NULL;
	struct unit_gsp e;
	size_t size, got = 0;
	u8 *req, *reply;
	u64 base = 1, usable = 0, wpr2, fb_size;
	u32 count = 0, i;
	int ret;

	unit_gsp_init(&e, r->chip, r->release, NULL, NULL);
	ret = nvgsp_gsp_boot(&e.cfg, &gsp);
	ck_assert_msg(ret == 0, "%s %s boot: %d\nsim: %s\nlog:\n%s", r->chip, r->release, ret,
		      gpusim_error(e.sim), unit_log);
	abi = nvgsp_abi_find(r->release);
	ck_assert_ptr_nonnull(abi);
	size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_STATIC_INFO);
	req = calloc(1, size);
	reply = calloc(1, size);
	ck_assert_ptr_nonnull(req);
	ck_assert_ptr_nonnull(reply);
	ck_assert_int_eq(nvgsp_rpc_call(nvgsp_gsp_rpc(gsp), NVGSP_ABI_RPC_GET_GSP_STATIC_INFO, req,
					size, reply, size, &got, 0), 0);
	ck_assert_uint_eq(got, size);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_fb_regions(&e.dev, abi, reply, size, reg, &count), 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_usable(&e.dev, abi, reply, size, &base, &usable), 0);
	ck_assert_str_eq(unit_log, "");

	fb_size = gpusim_vram_size(e.sim);
	wpr2 = (u64)(nvgsp_os_rd32(&e.bar, 0x1fa824) >> 4) << 12;
	ck_assert_uint_eq(count, 3);
	/* Contiguous from 0 to the FB end; only region 0 usable; WPR2 protected. */
	ck_assert_uint_eq(reg[0].base, 0);
	for (i = 1; i < count; i++)
		ck_assert_uint_eq(reg[i].base, reg[i - 1].limit + 1);
	ck_assert_uint_eq(reg[count - 1].limit, fb_size - 1);
	ck_assert_uint_eq(reg[0].reserved, 0);
	ck_assert(!reg[0].protected && reg[0].support_compressed && reg[0].support_iso);
	ck_assert_uint_ne(reg[1].reserved, 0);
	ck_assert(reg[2].protected);
	ck_assert_uint_eq(reg[2].base, wpr2);
	ck_assert_uint_eq(base, 0);
	ck_assert_uint_eq(usable, reg[0].limit + 1);
	ck_assert_uint_lt(usable, wpr2);
	ck_assert_uint_gt(usable, fb_size / 2);
	ck_assert_str_eq(gpusim_error(e.sim), "");
	free(req);
	free(reply);
	nvgsp_gsp_shutdown(gsp);
	unit_gsp_fini(&e);
}
END_TEST

static const char *const releases[] = { "535.113.01", "570.144" };

/* Bad static info: a clear error, nothing returned. */
START_TEST(fb_regions_refused)
{
	const struct nvgsp_abi *abi = nvgsp_abi_find(releases[_i]);
	struct nvgsp_os_device dev = { .name = "0000:03:00.0" };
	struct nvgsp_abi_fb_region reg[NVGSP_VGPU_FB_MAX_REGIONS], one = { 0 };
	struct nvgsp_abi_fb_region_info info = { 0 };
	u32 first, stride, size, count = 99;
	u64 base = 7, sz = 7;
	u8 *buf;

	ck_assert_ptr_nonnull(abi);
	first = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_FB_REGION_INFO);
	stride = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_FB_REGION);
	size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_STATIC_INFO);
	ck_assert_uint_eq(stride, 48);
	ck_assert_uint_le(first + 16 * stride, size);
	buf = calloc(1, size);
	ck_assert_ptr_nonnull(buf);

	/* 17 regions. */
	info.fb_region_count = 17;
	ck_assert_int_eq(nvgsp_abi_encode_fb_region_info(abi, &info, buf, first), (int)first);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_fb_regions(&dev, abi, buf, size, reg, &count), -EINVAL);
	ck_assert_uint_eq(count, 0);
	unit_log_one_line(NVGSP_LOG_ERR, "0000:03:00.0", "numFBRegions 17 is over 16");

	/* Two regions: a short buffer, then a limit below its base. */
	info.fb_region_count = 2;
	ck_assert_int_eq(nvgsp_abi_encode_fb_region_info(abi, &info, buf, first), (int)first);
	one.base = 0x1000;
	one.limit = 0xfff;
	ck_assert_int_eq(nvgsp_abi_encode_fb_region(abi, &one, buf + first + stride, stride),
			 (int)stride);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_fb_regions(&dev, abi, buf, first + stride + 8, reg, &count),
			 -EINVAL);
	unit_log_one_line(NVGSP_LOG_ERR, "0000:03:00.0", "too short for its FB regions");
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_fb_regions(&dev, abi, buf, size, reg, &count), -EINVAL);
	unit_log_one_line(NVGSP_LOG_ERR, "0000:03:00.0",
			  "FB region 1 limit 0xfff is below its base 0x1000");
	ck_assert_uint_eq(count, 0);

	/* Every region reserved or protected: none usable. */
	one.base = 0;
	one.limit = 0xfffff;
	one.reserved = 0x100000;
	ck_assert_int_eq(nvgsp_abi_encode_fb_region(abi, &one, buf + first, stride), (int)stride);
	one.base = 0x100000;
	one.limit = 0x1fffff;
	one.reserved = 0;
	one.protected = true;
	ck_assert_int_eq(nvgsp_abi_encode_fb_region(abi, &one, buf + first + stride, stride),
			 (int)stride);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_vgpu_fb_usable(&dev, abi, buf, size, &base, &sz), -ENOSPC);
	unit_log_one_line(NVGSP_LOG_ERR, "0000:03:00.0", "none of the 2 FB regions is usable");
	ck_assert_uint_eq(base, 7);
	ck_assert_uint_eq(sz, 7);

	/* The largest usable one wins, wherever it is. */
	one.protected = false;
	one.base = 0x200000;
	one.limit = 0x5fffff;
	ck_assert_int_eq(nvgsp_abi_encode_fb_region(abi, &one, buf + first + stride, stride),
			 (int)stride);
	ck_assert_int_eq(nvgsp_vgpu_fb_usable(&dev, abi, buf, size, &base, &sz), 0);
	ck_assert_uint_eq(base, 0x200000);
	ck_assert_uint_eq(sz, 0x400000);
	free(buf);
}
END_TEST

Suite *nvgsp_suite_vgpu_fb(void)
{
	Suite *s = suite_create("vgpu_fb");
	TCase *tc;

	tc = tcase_create("window");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, window_moves, 0, N(fams));
	tcase_add_loop_test(tc, scrub_whole_fb, 0, N(fams));
	tcase_add_loop_test(tc, bounds_refused, 0, N(fams));
	tcase_add_loop_test(tc, device_gone, 0, N(fams));
	tcase_add_test(tc, init_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("gpusim");
	tcase_add_test(tc, gpusim_window_target);
	tcase_add_test(tc, gpusim_vram_model);
	suite_add_tcase(s, tc);

	tc = tcase_create("os_bulk");
	tcase_add_test(tc, os_bulk_fallback);
	suite_add_tcase(s, tc);

	tc = tcase_create("fb_regions");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, fb_regions_rows, 0, UNIT_GSP_NROWS);
	tcase_add_loop_test(tc, fb_regions_refused, 0, N(releases));
	suite_add_tcase(s, tc);
	return s;
}
