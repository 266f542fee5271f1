// SPDX-License-Identifier: GPL-2.0-only
/*
 * eventfd_signal(ctx): signalling an eventfd takes no count; it always adds 1.
 *
 * Changed in Linux 6.8 by commit 3652117f8548 ("eventfd: simplify
 * eventfd_signal()"). Before it, eventfd_signal(ctx, n) took the count.
 */
#include <linux/eventfd.h>

void nvgsp_probe(struct eventfd_ctx *ctx);
void nvgsp_probe(struct eventfd_ctx *ctx)
{
	_Static_assert(__builtin_types_compatible_p(typeof(&eventfd_signal),
						    void (*)(struct eventfd_ctx *)),
		       "void eventfd_signal(struct eventfd_ctx *)");
	eventfd_signal(ctx);
}
