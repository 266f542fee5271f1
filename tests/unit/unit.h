/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * unit.h - shared helpers for the Check suites of the unit tier.
 */
#ifndef NVGSP_UNIT_H
#define NVGSP_UNIT_H

#include <check.h>

#include "nvgsp_os_user.h"

/* One suite per check_<name>.c; unit.c runs them all (build/suites.h). */
#define X(name) Suite *nvgsp_suite_##name(void);
#include "suites.h"
#undef X

/**
 * struct unit_regs - a sparse register file behind a test BAR: listed
 * registers read and write their slot, every other register reads @fill.
 */
struct unit_regs {
	u32 fill;
	unsigned int count;
	struct { u32 offset, value; } reg[8];
	unsigned int reads;
};

/* Point @bar at @regs, @size bytes long. */
void unit_bar_init(struct nvgsp_os_bar *bar, struct unit_regs *regs, u64 size);

/* The messages logged since the last unit_log_reset(), one per line. */
extern char unit_log[4096];
void unit_log_reset(void);

/**
 * unit_fw_root() - where a firmware set was extracted.
 * @set: its name, e.g. "graphics-sid" (see tests/lib/firmware.sh).
 *
 * Return: the directory holding nvidia/. A set that is missing fails the
 * calling test: real-file tests never skip silently.
 */
const char *unit_fw_root(const char *set);

/**
 * unit_read_file() - read a whole file (following symlinks) into memory.
 * @path: the file.
 * @size: set to its size.
 *
 * Return: the bytes (free() them); fails the calling test on error.
 */
u8 *unit_read_file(const char *path, size_t *size);

#endif /* NVGSP_UNIT_H */
