// SPDX-License-Identifier: GPL-2.0-only
/*
 * fw_parse.c - benchmark: how long each firmware parser takes on each real
 * file, and how much of the file it touches. Reports figures; asserts nothing.
 *
 *   fw_parse FILE...
 *
 * For each file: a fresh private mapping is parsed once and the mapping's RSS
 * read from /proc/self/smaps (the pages the parser touched; the parser must
 * not read every byte of a 60 MB image), then the parse is timed over many
 * runs (median and minimum, in microseconds, warm). The parsers allocate
 * nothing; their output structs are the only memory beyond the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fw/nvgsp_fw_fmc.h"
#include "fw/nvgsp_fw_gsp.h"
#include "fw/nvgsp_fw_release.h"
#include "fw/nvgsp_fw_ucode.h"
#include "nvgsp_os_user.h"

static union {
	struct nvgsp_fw_gsp_image gsp;
	struct nvgsp_fw_fmc_image fmc;
	struct nvgsp_fw_ucode uc;
} out;

static int parse(enum nvgsp_fw_role role, const struct nvgsp_fw_blob *blob)
{
	struct nvgsp_fw_diag diag;

	if (role == NVGSP_FW_GSP)
		return nvgsp_fw_gsp_parse(blob, &out.gsp, &diag);
	if (role == NVGSP_FW_FMC)
		return nvgsp_fw_fmc_parse(blob, &out.fmc, &diag);
	return nvgsp_fw_ucode_check(role, blob, &diag);
}

/* The RSS in KiB of the mapping that contains @addr. */
static long mapping_rss_kib(const void *addr)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	bool in = false;
	long rss = -1;

	while (f && fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
			in = (unsigned long)addr >= lo && (unsigned long)addr < hi;
		else if (in && sscanf(line, "Rss: %ld kB", &rss) == 1)
			break;
	}
	if (f)
		fclose(f);
	return rss;
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static enum nvgsp_fw_role role_of(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	unsigned int r;

	if (!strncmp(base, "gsp", 3))
		return NVGSP_FW_GSP;
	for (r = 0; r < NVGSP_FW_NR_ROLES; r++)
		if (!strncmp(base, nvgsp_fw_role_name(r), strlen(nvgsp_fw_role_name(r))) &&
		    base[strlen(nvgsp_fw_role_name(r))] == '-')
			return r;
	return NVGSP_FW_NR_ROLES;
}

int main(int argc, char **argv)
{
	enum { RUNS = 2001 };
	static double t[RUNS];
	int i, r;

	printf("%-52s %10s %9s %9s %9s\n", "file", "bytes", "touched", "median", "min");
	for (i = 1; i < argc; i++) {
		struct nvgsp_os_device dev = { .name = "bench", .fw_path = "/" };
		struct nvgsp_os_firmware *fw;
		struct nvgsp_fw_blob blob = { .name = argv[i] };
		enum nvgsp_fw_role role = role_of(argv[i]);
		long rss;

		if (role == NVGSP_FW_NR_ROLES ||
		    nvgsp_os_firmware_get(&dev, argv[i] + (argv[i][0] == '/'), &fw, &blob.data,
					  &blob.size)) {
			fprintf(stderr, "fw_parse: %s: not a firmware file or unreadable\n", argv[i]);
			return 1;
		}
		if (parse(role, &blob)) {
			fprintf(stderr, "fw_parse: %s does not parse\n", argv[i]);
			return 1;
		}
		rss = mapping_rss_kib(blob.data);
		for (r = 0; r < RUNS; r++) {
			double t0 = now_us();

			parse(role, &blob);
			t[r] = now_us() - t0;
		}
		qsort(t, RUNS, sizeof(t[0]), cmp_double);
		printf("%-52s %10zu %6ld KiB %7.2f us %7.2f us\n",
		       strlen(argv[i]) > 52 ? argv[i] + strlen(argv[i]) - 52 : argv[i], blob.size, rss,
		       t[RUNS / 2], t[0]);
		nvgsp_os_firmware_put(fw);
	}
	printf("output structs: gsp image %zu bytes, fmc image %zu bytes, ucode %zu bytes; heap allocations by the parsers: none\n",
	       sizeof(out.gsp), sizeof(out.fmc), sizeof(out.uc));
	return 0;
}
