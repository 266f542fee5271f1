// SPDX-License-Identifier: GPL-2.0-only
/*
 * gsp_bench.c - benchmarks of the GSP core: reports figures, asserts
 * nothing (see tests/bench/README).
 *
 *   gsp_bench [-n RUNS] [-f stage,rpc,boot,vgpu] [-c wall|cpu] GRAPHICS_SID_ROOT
 *
 *   1. stage: .fwimage of ga102 570.144 staged into DMA pages plus its
 *      radix3 map, against memcpy of the same bytes (bench_stage.c).
 *   2. rpc: a small control call's round trip and 1 MiB through
 *      continuation records, against memcpy bandwidth (bench_rpc.c).
 *   3. boot: driver CPU and wall time from probe to INIT_DONE on an
 *      in-process gpusim, ga102 and gh100 570.144, split by step
 *      (bench_boot.c).
 *
 * All times come from clock_gettime() around the calls: figures 1 and 2
 * with CLOCK_MONOTONIC (or the thread's CPU time with -c cpu), figure 3
 * with both CLOCK_MONOTONIC and CLOCK_PROCESS_CPUTIME_ID. The driver's own
 * clock stays virtual (nvgsp_os_user.h): its delays cost no real time, so
 * wall time here is the CPU's work, not the waits real hardware adds.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "chip/nvgsp_chip.h"
#include "fw/nvgsp_fw_select.h"

#define MAX_ROWS	64
#define MAX_NOTES	32
#define LOG_TAIL	4096

uint64_t bench_clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

clockid_t bench_clock = CLOCK_MONOTONIC;

uint64_t bench_time_ns(void)
{
	return bench_clock_ns(bench_clock);
}

uint64_t bench_now_ns(void)
{
	return bench_clock_ns(CLOCK_MONOTONIC);
}

uint64_t bench_cpu_ns(void)
{
	return bench_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The value at quantile @q of sorted @v, linearly interpolated. */
static double quantile(const double *v, unsigned int n, double q)
{
	double pos = q * (n - 1);
	unsigned int i = (unsigned int)pos;

	if (i + 1 >= n)
		return v[n - 1];
	return v[i] + (pos - i) * (v[i + 1] - v[i]);
}

double bench_median(double *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n ? quantile(v, n, 0.5) : 0;
}

static struct row {
	int fig;
	char what[72];
	char unit[8];
	unsigned int n;
	double med, min, max, iqr;
} rows[MAX_ROWS];
static unsigned int nrows;
static char notes[MAX_NOTES][200];
static unsigned int nnotes;

void bench_row(int fig, const char *what, const char *unit, double *v, unsigned int n)
{
	struct row *r;

	if (nrows == MAX_ROWS || !n)
		return;
	r = &rows[nrows++];
	qsort(v, n, sizeof(*v), cmp_double);
	r->fig = fig;
	snprintf(r->what, sizeof(r->what), "%s", what);
	snprintf(r->unit, sizeof(r->unit), "%s", unit);
	r->n = n;
	r->med = quantile(v, n, 0.5);
	r->min = v[0];
	r->max = v[n - 1];
	r->iqr = quantile(v, n, 0.75) - quantile(v, n, 0.25);
	/* Progress on stderr: the table comes at the end. */
	fprintf(stderr, "  [%d] %-60s %10.3f %s\n", fig, what, r->med, unit);
}

void bench_note(const char *fmt, ...)
{
	va_list ap;

	if (nnotes == MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(notes[nnotes++], sizeof(notes[0]), fmt, ap);
	va_end(ap);
}

static void print_table(void)
{
	unsigned int i;

	printf("\n%-3s %-62s %6s %11s %11s %11s %11s %4s\n", "fig", "what", "unit", "median",
	       "min", "max", "IQR", "runs");
	for (i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];

		if (i && r->fig != rows[i - 1].fig)
			printf("\n");
		printf("%-3d %-62s %6s %11.3f %11.3f %11.3f %11.3f %4u\n", r->fig, r->what,
		       r->unit, r->med, r->min, r->max, r->iqr, r->n);
	}
	if (nnotes)
		printf("\n");
	for (i = 0; i < nnotes; i++)
		printf("%s\n", notes[i]);
}

/* The CPU's model name, from /proc/cpuinfo. */
static void cpu_model(char *buf, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];

	snprintf(buf, len, "unknown");
	while (f && fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (strncmp(line, "model name", 10) || !colon)
			continue;
		colon += 1 + (colon[1] == ' ');
		colon[strcspn(colon, "\n")] = '\0';
		snprintf(buf, len, "%s", colon);
		break;
	}
	if (f)
		fclose(f);
}

/* The 1-minute load average: wall times on a busy machine include waiting. */
static const char *loadavg(void)
{
	static char buf[16] = "?";
	FILE *f = fopen("/proc/loadavg", "r");

	if (f && fscanf(f, "%15s", buf) != 1)
		snprintf(buf, sizeof(buf), "?");
	if (f)
		fclose(f);
	return buf;
}

/* Driver messages: errors kept for failure reports, nothing printed. */
static char log_tail[LOG_TAIL];

static void bench_log(void *ctx, const char *dev, enum nvgsp_os_log_level level,
		      const char *msg)
{
	size_t have = strlen(log_tail), want = strlen(msg) + 16;

	(void)ctx;
	(void)dev;
	if (level > NVGSP_LOG_WARN)
		return;
	if (have + want >= sizeof(log_tail))
		have = 0;	/* keep the most recent lines */
	snprintf(log_tail + have, sizeof(log_tail) - have, "    %s\n", msg);
}

const char *bench_log_tail(void)
{
	return log_tail;
}

void bench_log_reset(void)
{
	log_tail[0] = '\0';
}

/*
 * The simulated GPU. The driver's BAR0 reaches gpusim through these
 * wrappers so that the model's own time (its checks, e.g. comparing every
 * radix3-mapped page with the real .fwimage when the booter runs) can be
 * taken out of the driver's.
 */
static u32 sim_rd32(void *ctx, u32 offset)
{
	struct bench_sim *s = ctx;
	uint64_t t0;
	u32 v;

	if (!s->timed)
		return gpusim_rd32(s->sim, offset);
	t0 = bench_clock_ns(s->clock);
	v = gpusim_rd32(s->sim, offset);
	s->sim_ns += bench_clock_ns(s->clock) - t0;
	s->sim_calls++;
	return v;
}

static void sim_wr32(void *ctx, u32 offset, u32 value)
{
	struct bench_sim *s = ctx;
	uint64_t t0;

	if (!s->timed) {
		gpusim_wr32(s->sim, offset, value);
		return;
	}
	t0 = bench_clock_ns(s->clock);
	gpusim_wr32(s->sim, offset, value);
	s->sim_ns += bench_clock_ns(s->clock) - t0;
	s->sim_calls++;
}

static const struct nvgsp_os_bar_ops sim_bar_ops = {
	.rd32 = sim_rd32,
	.wr32 = sim_wr32,
};

static void sim_tick(void *ctx, u64 now_ns)
{
	struct bench_sim *s = ctx;
	uint64_t t0;

	if (!s->timed) {
		gpusim_tick(s->sim, now_ns);
		return;
	}
	t0 = bench_clock_ns(s->clock);
	gpusim_tick(s->sim, now_ns);
	s->sim_ns += bench_clock_ns(s->clock) - t0;
	s->sim_calls++;
}

int bench_sim_create(struct bench_sim *s, const char *fw_root, const char *chip,
		     uint64_t *sim_create_ns, uint64_t *select_ns, uint64_t *select_cpu_ns)
{
	return bench_sim_create_board(s, fw_root, chip, 0, 0, sim_create_ns, select_ns,
				      select_cpu_ns);
}

int bench_sim_create_board(struct bench_sim *s, const char *fw_root, const char *chip,
			   u16 device_id, u32 fb_mib, uint64_t *sim_create_ns,
			   uint64_t *select_ns, uint64_t *select_cpu_ns)
{
	struct gpusim_config sc = { .chip = chip, .release = BENCH_RELEASE, .fw_path = fw_root,
				    .device_id = device_id, .fb_mib = fb_mib };
	struct nvgsp_fw_diag diag = { { 0 } };
	struct gpusim_pci pci;
	char why[NVGSP_CHIP_WHY_LEN], err[256];
	uint64_t t0, c0;
	int ret;

	memset(s, 0, sizeof(*s));
	s->clock = CLOCK_MONOTONIC;
	t0 = bench_now_ns();
	ret = gpusim_create(&sc, &s->sim, err, sizeof(err));
	if (sim_create_ns)
		*sim_create_ns = bench_now_ns() - t0;
	if (ret) {
		fprintf(stderr, "gsp_bench: gpusim %s %s: %s\n", chip, BENCH_RELEASE, err);
		return -1;
	}
	s->bar = (struct nvgsp_os_bar){ .ops = &sim_bar_ops, .ctx = s,
					.size = GPUSIM_BAR0_SIZE, .name = "gpusim BAR0" };
	nvgsp_os_user_set_tick(sim_tick, s);
	s->dev = (struct nvgsp_os_device){ .name = "bench", .fw_path = fw_root };
	if (nvgsp_chip_identify(&s->bar, &s->dev, &s->id, why, sizeof(why))) {
		fprintf(stderr, "gsp_bench: %s: not identified: %s\n", chip, why);
		goto free_sim;
	}
	s->set = calloc(1, sizeof(*s->set));
	if (!s->set)
		goto free_sim;
	t0 = bench_now_ns();
	c0 = bench_cpu_ns();
	ret = nvgsp_fw_select(&s->dev, s->id.info, BENCH_RELEASE, s->set, &diag);
	if (select_cpu_ns)
		*select_cpu_ns = bench_cpu_ns() - c0;
	if (select_ns)
		*select_ns = bench_now_ns() - t0;
	if (ret || s->set->missing) {
		fprintf(stderr, "gsp_bench: %s: firmware %s not selected: %s\n", chip,
			BENCH_RELEASE, ret ? diag.msg : "files missing");
		goto free_set;
	}
	gpusim_get_pci(s->sim, &pci);
	/* The host's view of the device, as the integration test gives it. */
	s->cfg = (struct nvgsp_gsp_config){
		.dev = &s->dev, .bar0 = &s->bar, .chip = &s->id, .fw = s->set,
		.pci = { .bar0_addr = 0xf0000000ull, .bar1_addr = 0xe0000000ull,
			 .bar3_addr = 0xde000000ull, .bus = 1, .vendor_id = 0x10de,
			 .device_id = pci.device_id,
			 .subsystem_vendor_id = pci.subsystem_vendor,
			 .subsystem_id = pci.subsystem_id, .revision_id = 0xa1,
			 .dma_mask_bits = 47 },
		.timeout_scale = 1,
	};
	return 0;

free_set:
	nvgsp_fw_set_put(s->set);
	free(s->set);
	s->set = NULL;
free_sim:
	nvgsp_os_user_set_tick(NULL, NULL);
	gpusim_destroy(s->sim);
	s->sim = NULL;
	return -1;
}

int bench_sim_boot(struct bench_sim *s)
{
	int ret;

	bench_log_reset();
	ret = nvgsp_gsp_boot(&s->cfg, &s->gsp);
	if (!ret && !gpusim_error(s->sim)[0])
		return 0;
	fprintf(stderr, "gsp_bench: %s %s: boot %s (%d)\n  gpusim: %s\n  driver:\n%s",
		s->id.info->name, BENCH_RELEASE, ret ? "failed" : "succeeded but the model objects",
		ret, gpusim_error(s->sim)[0] ? gpusim_error(s->sim) : "(no error)",
		bench_log_tail());
	if (!ret) {
		nvgsp_gsp_shutdown(s->gsp);
		s->gsp = NULL;
	}
	return -1;
}

void bench_sim_destroy(struct bench_sim *s)
{
	if (s->gsp)
		nvgsp_gsp_shutdown(s->gsp);
	s->gsp = NULL;
	if (s->set) {
		nvgsp_fw_set_put(s->set);
		free(s->set);
	}
	s->set = NULL;
	nvgsp_os_user_set_tick(NULL, NULL);
	gpusim_destroy(s->sim);
	s->sim = NULL;
}

static void usage(void)
{
	fprintf(stderr, "usage: gsp_bench [-n RUNS] [-f stage,rpc,boot,vgpu] [-c wall|cpu] GRAPHICS_SID_ROOT\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct bench_opts o = { .runs = 20, .figures = 15 };
	char model[128];
	int opt, failed = 0;

	while ((opt = getopt(argc, argv, "n:f:c:")) != -1) {
		switch (opt) {
		case 'c':
			if (strcmp(optarg, "wall") && strcmp(optarg, "cpu"))
				usage();
			bench_clock = strcmp(optarg, "cpu") ? CLOCK_MONOTONIC :
				      CLOCK_THREAD_CPUTIME_ID;
			break;
		case 'n':
			o.runs = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'f':
			o.figures = (strstr(optarg, "stage") ? 1 : 0) |
				    (strstr(optarg, "rpc") ? 2 : 0) |
				    (strstr(optarg, "boot") ? 4 : 0) |
				    (strstr(optarg, "vgpu") ? 8 : 0);
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || !o.runs || o.runs > 10000 || !o.figures)
		usage();
	o.fw_root = argv[optind];
	nvgsp_os_user_set_log(bench_log, NULL);

	cpu_model(model, sizeof(model));
	printf("gsp_bench: %s, nproc %ld, load average %s, %u runs per figure, figures 1-2 timed by %s, firmware %s\n",
	       model, sysconf(_SC_NPROCESSORS_ONLN), loadavg(), o.runs,
	       bench_clock == CLOCK_MONOTONIC ? "CLOCK_MONOTONIC" : "CLOCK_THREAD_CPUTIME_ID",
	       o.fw_root);
	fflush(stdout);
	if (o.figures & 1)
		failed |= bench_stage(&o);
	if (o.figures & 2)
		failed |= bench_rpc(&o);
	if (o.figures & 4)
		failed |= bench_boot(&o);
	if (o.figures & 8)
		failed |= bench_vgpu(&o);
	print_table();
	/* A figure that could not be measured is reported, not failed: exit 0. */
	if (failed)
		printf("\nsome figures could not be measured (see the messages above)\n");
	return 0;
}
