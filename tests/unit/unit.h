/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * unit.h - shared helpers for the Check suites of the unit tier.
 */
#ifndef NVGSP_UNIT_H
#define NVGSP_UNIT_H

#include <check.h>

#include "nvgsp_os_user.h"

/* One suite per portable-core component; unit.c runs them all. */
Suite *nvgsp_suite_chip(void);
Suite *nvgsp_suite_os_user(void);

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

#endif /* NVGSP_UNIT_H */
