// SPDX-License-Identifier: GPL-2.0-only
/*
 * Not a capability probe: a test of compat/probe-batch.sh (tests/kbuild/run,
 * check_batches), the probe of batch_mixed_a.c's batch that compiles.
 */
#include <linux/types.h>

struct nvgsp_probe_mixed {
	u32 a;
};

u32 nvgsp_probe(const struct nvgsp_probe_mixed *m);
u32 nvgsp_probe(const struct nvgsp_probe_mixed *m)
{
	return m->a;
}
