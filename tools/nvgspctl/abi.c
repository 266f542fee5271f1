// SPDX-License-Identifier: GPL-2.0-only
/*
 * abi.c - `nvgspctl abi ...`: the firmware-ABI tables this build carries, and
 * what changed between two releases, for people reviewing a new release.
 */
#include <string.h>

#include "abi/nvgsp_abi.h"
#include "nvgspctl.h"

static void abi_print_line(void *ctx, const char *line)
{
	fprintf(ctx, "%s\n", line);
}

static const struct nvgsp_abi *abi_named(const char *release)
{
	const struct nvgsp_abi *abi = nvgsp_abi_find(release);
	char list[128];

	if (!abi) {
		nvgsp_abi_list(list, sizeof(list));
		fprintf(stderr, "nvgspctl: no ABI table for release '%s'; this build supports %s\n",
			release, list);
	}
	return abi;
}

int nvgspctl_abi(int argc, char **argv)
{
	const struct nvgsp_abi *const *abis;
	const struct nvgsp_abi *from, *to;
	size_t n, i;

	if (argc == 2 && !strcmp(argv[1], "list")) {
		abis = nvgsp_abi_tables(&n);
		printf("%-12s %-12s %-16s %-16s %s\n", "release", "inherits", "transport", "init",
		       "structs");
		for (i = 0; i < n; i++)
			printf("%-12s %-12s %-16s %-16s %u\n", abis[i]->release,
			       abis[i]->parent ? abis[i]->parent : "-", abis[i]->transport->name,
			       abis[i]->init->name, abis[i]->nr_struct_sizes);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "diff")) {
		from = abi_named(argv[2]);
		to = abi_named(argv[3]);
		if (!from || !to)
			return NVGSPCTL_EXIT_FAIL;
		nvgsp_abi_diff(from, to, abi_print_line, stdout);
		return 0;
	}
	fprintf(stderr, "usage: nvgspctl abi list | nvgspctl abi diff FROM TO\n");
	return NVGSPCTL_EXIT_USAGE;
}
