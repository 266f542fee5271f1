// SPDX-License-Identifier: GPL-2.0-only
/*
 * unit.c - the unit tier's runner and shared helpers.
 *
 * Runs every suite in fork mode (a crash fails one test, not the run; set
 * CK_FORK=no to debug under gdb). Output is Check's own; CK_TAP_LOG_FILE_NAME
 * or CK_XML_LOG_FILE_NAME give machine-readable logs as usual.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

const char *unit_fw_root(const char *set)
{
	static char root[4096];
	const char *sets = getenv("NVGSP_FW_SETS"), *p;
	size_t n = strlen(set);

	ck_assert_msg(sets, "NVGSP_FW_SETS is not set: run the unit tier with 'make check'");
	for (p = sets; (p = strstr(p, set)); p += n) {
		if ((p == sets || p[-1] == ' ') && p[n] == '=') {
			size_t len = strcspn(p + n + 1, " ");

			ck_assert_uint_lt(len, sizeof(root));
			memcpy(root, p + n + 1, len);
			root[len] = '\0';
			return root;
		}
	}
	ck_abort_msg("firmware set %s is not in NVGSP_FW_SETS", set);
	return NULL;
}

u8 *unit_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	u8 *buf;
	long len;

	ck_assert_msg(f, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	ck_assert_int_ge(len, 0);
	rewind(f);
	buf = malloc(len ? (size_t)len : 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*size = (size_t)len;
	return buf;
}

const char *unit_fw_path(const char *set, const char *rel)
{
	static char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "%s/%s", unit_fw_root(set), rel);
	return buf;
}

static void unit_fw_walk_dir(const char *root, const char *rel, int depth,
			     bool (*match)(const char *path), char (*found)[128],
			     unsigned int *n, unsigned int max)
{
	char dir[PATH_MAX], sub[PATH_MAX];
	struct dirent *e;
	struct stat st;
	DIR *d;

	ck_assert_int_lt(depth, 8);
	snprintf(dir, sizeof(dir), "%s/%s", root, rel);
	d = opendir(dir);
	ck_assert_msg(d, "cannot list %s", dir);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s/%s", root, rel, e->d_name);
		if (stat(sub, &st))
			continue;	/* a dangling link is not a firmware file */
		snprintf(sub, sizeof(sub), "%s/%s", rel, e->d_name);
		if (S_ISDIR(st.st_mode)) {
			unit_fw_walk_dir(root, sub, depth + 1, match, found, n, max);
		} else if (S_ISREG(st.st_mode) && match(sub)) {
			ck_assert_uint_lt(*n, max);
			ck_assert_uint_lt(strlen(sub), 128);
			memcpy(found[(*n)++], sub, strlen(sub) + 1);
		}
	}
	closedir(d);
}

unsigned int unit_fw_walk(const char *root, const char *rel, bool (*match)(const char *path),
			  char (*found)[128], unsigned int max)
{
	unsigned int n = 0;

	unit_fw_walk_dir(root, rel, 0, match, found, &n, max);
	return n;
}

int main(void)
{
	SRunner *sr = srunner_create(NULL);
	int failed;

#define X(name) srunner_add_suite(sr, nvgsp_suite_##name());
#include "suites.h"
#undef X
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
