/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench.h - what the gsp_bench figures share: clocks, repeated-run
 * statistics, the result table, the machine line, and a simulated GPU
 * (gpusim in-process) with its time accounted separately.
 *
 * Benchmarks print figures and assert nothing. Every figure is measured
 * over opts.runs repeated runs (after warm-up runs that are not kept) and
 * reported as median, minimum, maximum and interquartile range.
 */
#ifndef NVGSP_BENCH_H
#define NVGSP_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "nvgsp_os_user.h"
#include "gpusim.h"
#include "gsp/nvgsp_gsp.h"

/* The release every figure measures (the issue's: 570.144). */
#define BENCH_RELEASE	"570.144"

/**
 * struct bench_opts - the command line.
 * @runs: repeated runs per figure (median and spread over these).
 * @fw_root: the graphics-sid firmware root (holds nvidia/<chip>/gsp/).
 * @figures: bit 0 staging, bit 1 RPC, bit 2 boot.
 */
struct bench_opts {
	unsigned int runs;
	const char *fw_root;
	unsigned int figures;
};

/* Clocks, in nanoseconds. */
uint64_t bench_now_ns(void);	/* CLOCK_MONOTONIC */
uint64_t bench_cpu_ns(void);	/* CLOCK_PROCESS_CPUTIME_ID */
uint64_t bench_clock_ns(clockid_t clock);

/*
 * The clock figures 1 and 2 are timed with: CLOCK_MONOTONIC (default), or
 * CLOCK_THREAD_CPUTIME_ID with -c cpu (on a shared, loaded machine wall
 * time includes other processes' turns).
 */
extern clockid_t bench_clock;
uint64_t bench_time_ns(void);

/**
 * bench_row() - add a row to the result table.
 * @fig: figure number (1, 2, 3).
 * @what: what was measured.
 * @unit: "ms", "us", "MiB/s", "x" ...
 * @v: one value per run (sorted in place).
 * @n: number of values.
 */
void bench_row(int fig, const char *what, const char *unit, double *v, unsigned int n);

/* A line printed under the table (ratios against targets, notes). */
void bench_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The median of @n values (sorts @v). */
double bench_median(double *v, unsigned int n);

/* The last driver error lines (for a failure message), "" when none. */
const char *bench_log_tail(void);
void bench_log_reset(void);

/**
 * struct bench_sim - one simulated GPU booted by the real driver core.
 * @sim: the model.
 * @bar: BAR0 as the driver sees it: the model behind counting wrappers.
 * @dev: the OS device (firmware path = the graphics-sid root).
 * @id: the identified chip.
 * @set: the firmware set (selected and loaded).
 * @cfg: the boot configuration.
 * @gsp: the running GSP-RM, after bench_sim_boot().
 * @timed: account the time spent inside the model in @sim_ns.
 * @clock: the clock @sim_ns is read from (CLOCK_MONOTONIC by default;
 *         figure 3 uses CLOCK_PROCESS_CPUTIME_ID).
 * @sim_ns: time spent inside gpusim (register accesses and ticks) while
 *          @timed; the model runs in the driver's thread.
 * @sim_calls: register accesses and ticks counted while @timed.
 */
struct bench_sim {
	struct gpusim *sim;
	struct nvgsp_os_bar bar;
	struct nvgsp_os_device dev;
	struct nvgsp_chip_id id;
	struct nvgsp_fw_set *set;
	struct nvgsp_gsp_config cfg;
	struct nvgsp_gsp *gsp;
	bool timed;
	clockid_t clock;
	uint64_t sim_ns;
	uint64_t sim_calls;
};

/**
 * bench_sim_create() - a fresh gpusim for @chip at BENCH_RELEASE, the chip
 * identified through it and the firmware selected and loaded.
 * @s: filled.
 * @fw_root: graphics-sid root.
 * @chip: "ga102", "gh100" ...
 * @sim_create_ns: set to the time gpusim_create() took (it loads and
 *                 parses the same firmware for its own checks); may be NULL.
 * @select_ns: set to the time of nvgsp_fw_select() (wall); may be NULL.
 * @select_cpu_ns: its process CPU time; may be NULL.
 *
 * Return: 0, or -1 after printing why.
 */
int bench_sim_create(struct bench_sim *s, const char *fw_root, const char *chip,
		     uint64_t *sim_create_ns, uint64_t *select_ns, uint64_t *select_cpu_ns);

/* bench_sim_create() for a board other than the chip's default: @device_id
 * and @fb_mib as gpusim_config's (0: the chip's default). */
int bench_sim_create_board(struct bench_sim *s, const char *fw_root, const char *chip,
			   u16 device_id, u32 fb_mib, uint64_t *sim_create_ns,
			   uint64_t *select_ns, uint64_t *select_cpu_ns);

/* nvgsp_gsp_boot() on @s; 0, or -1 after printing why (driver log, model error). */
int bench_sim_boot(struct bench_sim *s);

/* Shut GSP-RM down (when booted), release the firmware, free the model. */
void bench_sim_destroy(struct bench_sim *s);

/* The figures. Each returns 0, or -1 when it could not be measured. */
int bench_stage(const struct bench_opts *o);
int bench_rpc(const struct bench_opts *o);
int bench_boot(const struct bench_opts *o);
int bench_vgpu(const struct bench_opts *o);

#endif /* NVGSP_BENCH_H */
