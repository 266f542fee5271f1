// SPDX-License-Identifier: GPL-2.0-only
/*
 * unit.c - the unit tier's runner and shared helpers.
 *
 * Runs every suite in fork mode (a crash fails one test, not the run; set
 * CK_FORK=no to debug under gdb). Output is Check's own; CK_TAP_LOG_FILE_NAME
 * or CK_XML_LOG_FILE_NAME give machine-readable logs as usual.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

char unit_log[4096];

static void unit_log_collect(void *ctx, const char *dev, enum nvgsp_os_log_level level,
			     const char *msg)
{
	size_t n = strlen(unit_log);

	(void)ctx;
	snprintf(unit_log + n, sizeof(unit_log) - n, "%d %s: %s\n", (int)level,
		 dev ? dev : "-", msg);
}

void unit_log_reset(void)
{
	unit_log[0] = '\0';
	nvgsp_os_user_set_log(unit_log_collect, NULL);
}

static u32 unit_regs_rd32(void *ctx, u32 offset)
{
	struct unit_regs *regs = ctx;
	unsigned int i;

	regs->reads++;
	for (i = 0; i < regs->count; i++)
		if (regs->reg[i].offset == offset)
			return regs->reg[i].value;
	return regs->fill;
}

static void unit_regs_wr32(void *ctx, u32 offset, u32 value)
{
	struct unit_regs *regs = ctx;
	unsigned int i;

	for (i = 0; i < regs->count; i++)
		if (regs->reg[i].offset == offset)
			regs->reg[i].value = value;
}

static const struct nvgsp_os_bar_ops unit_regs_ops = {
	.rd32 = unit_regs_rd32,
	.wr32 = unit_regs_wr32,
};

void unit_bar_init(struct nvgsp_os_bar *bar, struct unit_regs *regs, u64 size)
{
	*bar = (struct nvgsp_os_bar){
		.ops = &unit_regs_ops, .ctx = regs, .size = size, .name = "unit BAR0",
	};
}

int main(void)
{
	SRunner *sr = srunner_create(nvgsp_suite_chip());
	int failed;

	srunner_add_suite(sr, nvgsp_suite_os_user());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
