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

/**
 * unit_fw_path() - a file's path in a firmware set.
 * @set: the set's name, as for unit_fw_root().
 * @rel: the file's path relative to the set's root, e.g.
 *	"nvidia/tu102/gsp/gsp-570.144.bin".
 *
 * Return: "<root>/<rel>", in a static buffer that the next call overwrites.
 * A missing set fails the calling test, as unit_fw_root() does.
 */
const char *unit_fw_path(const char *set, const char *rel);

/**
 * unit_fw_walk() - list the firmware files under a directory of a set.
 * @root: the set's root (unit_fw_root()).
 * @rel: the directory to walk, relative to @root, e.g. "nvidia".
 * @match: which files to list; called with each file's path relative to
 *	@root (e.g. "nvidia/tu102/gsp/gsp-570.144.bin").
 * @found: filled with the paths, relative to @root, of the files @match
 *	accepts, in directory order.
 * @max: how many paths @found has room for.
 *
 * Follows symbolic links, to files and to directories alike, as the
 * kernel's firmware loader does: a file reached under two names is listed
 * under both. Entries whose names start with '.' are skipped, and so are
 * dangling links and anything that is neither a directory nor a regular
 * file: they are not firmware files. More than @max files, a path of 128
 * bytes or more, a directory that cannot be listed, or directories nested 8
 * deep under @rel (a link loop) fail the calling test.
 *
 * Return: how many paths were stored in @found.
 */
unsigned int unit_fw_walk(const char *root, const char *rel, bool (*match)(const char *path),
			  char (*found)[128], unsigned int max);

#endif /* NVGSP_UNIT_H */
