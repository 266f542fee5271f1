// SPDX-License-Identifier: GPL-2.0-only
/*
 * Not a capability probe: a test of compat/probe-batch.sh (tests/kbuild/run,
 * check_batches). With batch_mixed_b.c, which compiles, it shares its headers
 * and fails on every kernel (a struct member that does not exist), so the
 * batch fails, must find this one absent and confirm the other present on a
 * second compile.
 */
#include <linux/types.h>

struct nvgsp_probe_mixed {
	u32 a;
};

u32 nvgsp_probe(const struct nvgsp_probe_mixed *m);
u32 nvgsp_probe(const struct nvgsp_probe_mixed *m)
{
	return m->nvgsp_no_such_member;
}
