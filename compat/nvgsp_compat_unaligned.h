/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_compat_unaligned.h - get_unaligned_le32() and friends from
 * wherever the target kernel keeps them. Included by src/os/nvgsp_os.h in
 * kernel builds, so the portable core sees the kernel's own helpers.
 */
#ifndef NVGSP_COMPAT_UNALIGNED_H
#define NVGSP_COMPAT_UNALIGNED_H

#include "nvgsp_compat_probes.h"

#ifdef NVGSP_HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#endif /* NVGSP_COMPAT_UNALIGNED_H */
