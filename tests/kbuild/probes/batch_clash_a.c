// SPDX-License-Identifier: GPL-2.0-only
/*
 * Not a capability probe: a test of compat/probe-batch.sh (tests/kbuild/run,
 * check_batches). With batch_clash_b.c it breaks, on purpose, the rule that
 * every name a probe defines starts with nvgsp_probe: both define struct
 * nvgsp_batch_clash, so their batch fails with an error that names both files.
 * Each compiles alone, so the batch must compile them one by one and find both
 * present.
 */
#include <linux/types.h>

struct nvgsp_batch_clash {
	u32 a;
};

u32 nvgsp_probe(const struct nvgsp_batch_clash *c);
u32 nvgsp_probe(const struct nvgsp_batch_clash *c)
{
	return c->a;
}
