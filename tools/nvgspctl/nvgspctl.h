/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgspctl.h - shared declarations of the nvgspctl command-line tool.
 */
#ifndef NVGSPCTL_H
#define NVGSPCTL_H

#include <stdbool.h>
#include <stdio.h>

#include <json.h>

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

/*
 * JSON output (json.c, on json-c). Adding and appending take @member's
 * reference. A NULL member (json-c out of memory), or a NULL object, is
 * remembered and makes nvgspctl_json_print() fail instead of printing a
 * partial answer; so fill a member before adding it. A string
 * from bytes: valid UTF-8 as it is, other bytes as Latin-1. A NULL @val
 * gives null. Hex members are strings, "0x" and at least @digits lower-case
 * digits.
 */
void nvgspctl_json_add(struct json_object *obj, const char *key, struct json_object *member);
void nvgspctl_json_append(struct json_object *arr, struct json_object *member);
struct json_object *nvgspctl_json_string(const char *s);
void nvgspctl_json_add_str(struct json_object *obj, const char *key, const char *val);
void nvgspctl_json_add_u64(struct json_object *obj, const char *key, unsigned long long val);
void nvgspctl_json_add_bool(struct json_object *obj, const char *key, bool val);
void nvgspctl_json_add_hex(struct json_object *obj, const char *key, unsigned int digits,
			   unsigned long long val);

/* Print @obj to stdout (indented, one trailing newline) and put it; exit status. */
int nvgspctl_json_print(struct json_object *obj);

#endif /* NVGSPCTL_H */
