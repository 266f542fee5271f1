// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_vgpu_sim.c - what the vGPU manager suites stand on (unit_vgpu.c):
 * the model lock lets several driver threads share one in-process gpusim
 * (registers read back what the thread wrote, no model entry or clock step
 * is lost, ASan and UBSan see nothing), every vGPU-capable family x release
 * boots GSP-RM for vGPU with VFs and its catalogue, and every type of the
 * test catalogues fits the board gpusim models for it.
 *
 * The unit tier runs under ASan, which sees lost updates only through the
 * counts checked here. For races themselves, build the tier under TSan
 * (make BUILD=build-tsan SANITIZE='-fsanitize=thread -Wno-error=tsan') and
 * run CK_FORK=no CK_RUN_SUITE=vgpu_sim: clean with the model lock, a data
 * race in gpusim_rd32()/gpusim_wr32() reported without it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_vgpu.h"
#include "gpusim_vgpumeta.h"

#define MiB (1024ull * 1024)
#define GiB (1024 * MiB)

/* NV_PBUS_SW_SCRATCH(i): plain storage in the model, 64 registers. */
#define SCRATCH(i)	(0x001400u + 4u * (i))
#define THREADS		4
#define ROUNDS		2000
#define LOG_LINES	20	/* per thread: 80 lines of the 4 KiB unit log */

struct hammer {
	struct unit_gsp *g;
	unsigned int id;
	unsigned int mismatches;
	u32 last_bad;
};

/*
 * Each thread writes its own scratch registers (four each) through the
 * driver's BAR0 and reads each back at once, then delays 1 us (the clock
 * steps and the model ticks): as on hardware, a thread's read after its own
 * write returns that write whatever other threads do meanwhile. Now and
 * then it logs a line: the OS layer hands lines to the (not thread-safe)
 * unit log one at a time.
 */
static void *hammer_thread(void *arg)
{
	struct hammer *h = arg;
	unsigned int i;

	for (i = 0; i < ROUNDS; i++) {
		u32 reg = SCRATCH(8 + h->id * 4 + i % 4);
		u32 val = h->id << 24 | i;
		u32 got;

		nvgsp_os_wr32(&h->g->bar, reg, val);
		got = nvgsp_os_rd32(&h->g->bar, reg);
		if (got != val) {
			h->mismatches++;
			h->last_bad = got;
		}
		nvgsp_os_udelay(1);
		if (!(i % (ROUNDS / LOG_LINES)))
			nvgsp_os_log(&h->g->dev, NVGSP_LOG_INFO, 0, "thread %u round %u", h->id, i);
	}
	return NULL;
}

START_TEST(model_lock_threads)
{
	struct unit_vgpu_model m;
	struct hammer h[THREADS];
	pthread_t t[THREADS];
	struct unit_gsp g;
	u64 t0, d0;
	unsigned int i;

	unit_gsp_init(&g, "ga102", "570.144", NULL, NULL);
	unit_vgpu_model_init(&m, &g);
	t0 = nvgsp_os_time_ns();
	d0 = nvgsp_os_user_delayed_ns();
	for (i = 0; i < THREADS; i++) {
		h[i] = (struct hammer){ .g = &g, .id = i };
		ck_assert_int_eq(pthread_create(&t[i], NULL, hammer_thread, &h[i]), 0);
	}
	for (i = 0; i < THREADS; i++)
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
	for (i = 0; i < THREADS; i++)
		ck_assert_msg(!h[i].mismatches, "thread %u: %u reads of its own write wrong (0x%08x)",
			      i, h[i].mismatches, h[i].last_bad);
	/* Every delay stepped the clock once; every access and tick entered once. */
	ck_assert_uint_eq(nvgsp_os_time_ns() - t0, (u64)THREADS * ROUNDS * 1000);
	ck_assert_uint_eq(nvgsp_os_user_delayed_ns() - d0, (u64)THREADS * ROUNDS * 1000);
	ck_assert_uint_eq(m.entries, (unsigned long)THREADS * ROUNDS * 3);
	/* The last value each thread left in each of its registers. */
	for (i = 0; i < THREADS; i++)
		ck_assert_uint_eq(nvgsp_os_rd32(&g.bar, SCRATCH(8 + i * 4 + (ROUNDS - 1) % 4)),
				  i << 24 | (ROUNDS - 1));
	/* Every line whole, none lost. */
	ck_assert_uint_eq(unit_count(unit_log, "\n"), THREADS * LOG_LINES);
	for (i = 0; i < THREADS; i++) {
		char line[64];

		snprintf(line, sizeof(line), "0000:01:00.0: thread %u round ", i);
		ck_assert_uint_eq(unit_count(unit_log, line), LOG_LINES);
	}
	ck_assert_uint_eq(g.bar.bad_accesses, 0);
	ck_assert_str_eq(gpusim_error(g.sim), "");
	unit_vgpu_model_fini(&m);
	unit_gsp_fini(&g);
}
END_TEST

/* The model lock is recursive: a model callback may access BAR0 again. */
START_TEST(model_lock_recursive)
{
	struct unit_vgpu_model m;
	struct unit_gsp g;

	unit_gsp_init(&g, "ga100", "535.113.01", NULL, NULL);
	unit_vgpu_model_init(&m, &g);
	unit_vgpu_model_lock(&m);
	nvgsp_os_wr32(&g.bar, SCRATCH(3), 0x5a5a);
	ck_assert_uint_eq(nvgsp_os_rd32(&g.bar, SCRATCH(3)), 0x5a5a);
	unit_vgpu_model_unlock(&m);
	ck_assert_uint_eq(m.entries, 3);
	unit_vgpu_model_fini(&m);
	unit_gsp_fini(&g);
}
END_TEST

/* Every vGPU-capable family with every release that boots it, once. */
START_TEST(rows_cover_families)
{
	static const char *const want[] = {
		"ga100 535.113.01", "ga102 535.113.01", "ad102 535.113.01",
		"ga100 570.144", "ga102 570.144", "ad102 570.144", "gh100 570.144",
	};
	unsigned int i, j, seen = 0;

	for (i = 0; i < ARRAY_SIZE(want); i++) {
		for (j = 0; j < UNIT_VGPU_NROWS; j++) {
			char name[64];

			snprintf(name, sizeof(name), "%s %s", unit_vgpu_rows[j].chip,
				 unit_vgpu_rows[j].release);
			seen += !strcmp(name, want[i]);
		}
	}
	ck_assert_uint_eq(seen, ARRAY_SIZE(want));
	ck_assert_uint_eq(UNIT_VGPU_NROWS, ARRAY_SIZE(want));
}
END_TEST

/*
 * The constraints the test catalogues meet (Documentation/vgpu-types.rst,
 * "Test files"), per device: every instance of a type at once, each with its
 * framebuffer and its GSP heap rounded up to 32 MiB, fits in the board's FB
 * less 1 GiB (GSP-RM's WPR2 and reservations sit at the top); no more
 * instances than VFs; whole 32 MiB segments; BAR1 within the VF BAR1.
 */
static void check_fits(const struct nvgsp_fw_vgpu_type *t, u64 fb, u16 total_vfs,
		       u64 vf_bar1, const char *board)
{
	u64 heap = (t->gsp_heap_size + 32 * MiB - 1) & ~(32 * MiB - 1);

	ck_assert_msg(t->max_instance <= total_vfs, "%s %s: max_instance %u > TotalVFs %u",
		      board, t->name, t->max_instance, total_vfs);
	ck_assert_msg((u64)t->max_instance * (t->fb_length + heap) <= fb - 1 * GiB,
		      "%s %s: %u x (0x%llx + 0x%llx) past FB 0x%llx less 1 GiB", board, t->name,
		      t->max_instance, (unsigned long long)t->fb_length,
		      (unsigned long long)heap, (unsigned long long)fb);
	ck_assert_msg(!(t->fb_length % (32 * MiB)), "%s %s: fb_length 0x%llx", board, t->name,
		      (unsigned long long)t->fb_length);
	ck_assert_msg(t->bar1_length * MiB <= vf_bar1, "%s %s: bar1_length %llu MiB", board,
		      t->name, (unsigned long long)t->bar1_length);
}

/* Every device of the facts table on the board gpusim models for it. */
START_TEST(types_fit_boards)
{
	static const struct { const char *chip; u16 dev; u32 fb_mib; } boards[] = {
		{ "gh100", 0x2330, 80 * 1024 },	/* H100 SXM5: no row of its own */
	};
	struct gpusim_vgpumeta_cfg cfg;
	unsigned int i, j, k;

	ck_assert_int_eq(gpusim_vgpumeta_cfg_for("570.144", 0, &cfg), 0);
	for (i = 0; i < cfg.nr_devices; i++) {
		struct gpusim_config sc = { .release = "570.144",
					    .fw_path = unit_fw_root("graphics-sid") };
		struct gpusim_sriov_facts f;
		unsigned int small = 0, large = 0;
		struct gpusim *sim = NULL;
		char err[256];

		sc.device_id = cfg.devices[i];
		for (j = 0; j < UNIT_VGPU_NROWS; j++)
			if (unit_vgpu_rows[j].device_id == sc.device_id) {
				sc.chip = unit_vgpu_rows[j].chip;
				sc.fb_mib = unit_vgpu_rows[j].fb_mib;
			}
		for (j = 0; j < ARRAY_SIZE(boards); j++)
			if (boards[j].dev == sc.device_id) {
				sc.chip = boards[j].chip;
				sc.fb_mib = boards[j].fb_mib;
			}
		ck_assert_msg(sc.chip, "device 0x%04x has types but no board", sc.device_id);
		ck_assert_msg(gpusim_create(&sc, &sim, err, sizeof(err)) == 0, "%s", err);
		ck_assert_int_eq(gpusim_sriov_facts(sim, &f), 0);
		for (k = 0; k < gpusim_vgpu_nr_types; k++) {
			const struct gpusim_vgpu_type *t = &gpusim_vgpu_types[k];
			struct nvgsp_fw_vgpu_type ft = {
				.fb_length = t->fb_length, .gsp_heap_size = t->gsp_heap_size,
				.bar1_length = t->bar1_length, .max_instance = t->max_instance,
			};

			if (t->device_id != sc.device_id)
				continue;
			snprintf(ft.name, sizeof(ft.name), "%s", t->name);
			check_fits(&ft, (u64)sc.fb_mib * MiB, f.total_vfs, f.vf_bar_size[1],
				   sc.chip);
			small += t->max_instance > 1;
			large += t->max_instance == 1;
		}
		ck_assert_msg(small && large, "device 0x%04x: %u small, %u large types",
			      sc.device_id, small, large);
		gpusim_destroy(sim);
	}
}
END_TEST

/*
 * Each row boots for vGPU with two VFs and parses its catalogue; the VFs
 * exist in the model; the teardown leaves no DMA buffer and no model error.
 */
START_TEST(row_boots)
{
	const struct unit_vgpu_row *r = &unit_vgpu_rows[_i];
	struct gpusim_vf_stats st;
	struct unit_vgpu v;
	unsigned int k, large = 0;

	unit_vgpu_init(&v, r, 2);
	ck_assert_uint_eq(v.cat->device_id, r->device_id);
	ck_assert_uint_ge(v.cat->nr_types, 2);
	ck_assert_uint_ne(v.vmmu_segment, 0);
	ck_assert_uint_eq(v.num_vfs, 2);
	ck_assert_int_eq(nvgsp_os_sriov_num_vfs(&v.g.dev), 2);
	for (k = 0; k < v.cat->nr_types; k++) {
		check_fits(&v.cat->types[k], (u64)r->fb_mib * MiB, v.total_vfs, 2 * GiB, r->board);
		ck_assert_uint_eq(v.cat->types[k].fb_length % v.vmmu_segment, 0);
		large += v.cat->types[k].max_instance == 1;
	}
	ck_assert_uint_ge(large, 1);
	unit_vgpu_model_lock(&v.model);
	gpusim_vf_get_stats(v.g.sim, 1, &st);
	ck_assert(st.exists);
	gpusim_vf_get_stats(v.g.sim, 2, &st);
	ck_assert(!st.exists);
	unit_vgpu_model_unlock(&v.model);
	ck_assert_str_eq(gpusim_error(v.g.sim), "");
	unit_vgpu_enable_vfs(&v, 0);
	nvgsp_gsp_shutdown(v.gsp);
	v.gsp = NULL;
	ck_assert_str_eq(gpusim_error(v.g.sim), "");
	ck_assert_uint_eq(nvgsp_os_user_kept(), 0);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), v.dma_live);
	ck_assert_uint_eq(v.g.bar.bad_accesses, 0);
	unit_vgpu_fini(&v);
}
END_TEST

Suite *nvgsp_suite_vgpu_sim(void)
{
	Suite *s = suite_create("vgpu_sim");
	TCase *tc;

	tc = tcase_create("model_lock");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, model_lock_threads);
	tcase_add_test(tc, model_lock_recursive);
	suite_add_tcase(s, tc);

	tc = tcase_create("rows");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, rows_cover_families);
	tcase_add_test(tc, types_fit_boards);
	tcase_add_loop_test(tc, row_boots, 0, UNIT_VGPU_NROWS);
	suite_add_tcase(s, tc);
	return s;
}
