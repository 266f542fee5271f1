/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_compat_eventfd.h - signalling an eventfd on every supported kernel.
 */
#ifndef NVGSP_COMPAT_EVENTFD_H
#define NVGSP_COMPAT_EVENTFD_H

#include <linux/eventfd.h>

#include "nvgsp_compat_probes.h"

/**
 * nvgsp_compat_eventfd_signal() - add 1 to an eventfd's counter and wake its
 * readers. Since Linux 6.8 eventfd_signal() takes no count (probe
 * eventfd_signal_ctx_only); before, it took the count to add.
 * @ctx: the eventfd.
 */
static inline void nvgsp_compat_eventfd_signal(struct eventfd_ctx *ctx)
{
#ifdef NVGSP_HAVE_EVENTFD_SIGNAL_CTX_ONLY
	eventfd_signal(ctx);
#else
	eventfd_signal(ctx, 1);
#endif
}

#endif /* NVGSP_COMPAT_EVENTFD_H */
