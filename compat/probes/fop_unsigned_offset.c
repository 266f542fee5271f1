// SPDX-License-Identifier: GPL-2.0-only
/*
 * FOP_UNSIGNED_OFFSET in struct file_operations.fop_flags.
 *
 * Added in Linux 6.12 by commit 641bb4394f40 ("fs: move FMODE_UNSIGNED_OFFSET
 * to fop_flags"). From then on drm_open_helper() refuses, with -EINVAL and a
 * WARN, to open a DRM node whose file_operations lack the flag (before, it
 * set FMODE_UNSIGNED_OFFSET on the file itself). src/nvgsp_drm.c sets it
 * where it exists.
 */
#include <linux/fs.h>

extern const struct file_operations nvgsp_probe_fops;
const struct file_operations nvgsp_probe_fops = {
	.fop_flags = FOP_UNSIGNED_OFFSET,
};
