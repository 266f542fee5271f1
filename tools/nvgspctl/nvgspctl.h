/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgspctl.h - shared declarations of the nvgspctl command-line tool.
 */
#ifndef NVGSPCTL_H
#define NVGSPCTL_H

#include <stdio.h>

#include "chip/nvgsp_chip.h"

/* Exit statuses: 0 success, 1 the answer is "no" or a file is bad, 2 usage. */
#define NVGSPCTL_EXIT_FAIL	1
#define NVGSPCTL_EXIT_USAGE	2

/* One subcommand group each: "firmware", "abi", "vgpu". */
int nvgspctl_firmware(int argc, char **argv);
int nvgspctl_abi(int argc, char **argv);
int nvgspctl_vgpu(int argc, char **argv);

/* `firmware inspect` over argv[first..]; exit status. */
int nvgspctl_firmware_inspect(int argc, char **argv, int first, bool json);

/* A chip by name ("GA102", case-insensitive) or chipset ("0x172"); NULL if unknown. */
const struct nvgsp_chip_info *nvgspctl_chip(const char *name);

/* Print @s as a JSON string literal, quotes included. */
void nvgspctl_json_str(FILE *f, const char *s);

#endif /* NVGSPCTL_H */
