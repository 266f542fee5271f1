/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_compat.h - one modern spelling of every kernel API nvgsp uses.
 *
 * Included by the kernel glue and the kernel OS layer only; the portable core
 * never sees it. Capabilities are detected by compat/probes/ (see compat.mk);
 * this header and its siblings are the only places NVGSP_HAVE_* macros and
 * kernel version numbers appear.
 */
#ifndef NVGSP_COMPAT_H
#define NVGSP_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 10, 0)
#error "nvgsp needs Linux 5.10 or newer"
#endif

#include "nvgsp_compat_probes.h"
#include "nvgsp_compat_pci.h"

#endif /* NVGSP_COMPAT_H */
