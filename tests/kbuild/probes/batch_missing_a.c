// SPDX-License-Identifier: GPL-2.0-only
/*
 * Not a capability probe: a test of compat/probe-batch.sh (tests/kbuild/run,
 * check_batches). With batch_missing_b.c it includes a header no kernel has,
 * so the batch's shared #include lines fail and both must be absent, as each
 * is alone.
 */
#include <linux/types.h>
#include <linux/nvgsp_batch_no_such_header.h>

u32 nvgsp_probe(u32 v);
u32 nvgsp_probe(u32 v)
{
	return v;
}
