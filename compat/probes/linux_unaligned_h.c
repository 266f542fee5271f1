// SPDX-License-Identifier: GPL-2.0-only
/*
 * <linux/unaligned.h>: get_unaligned_le32() and friends.
 *
 * Moved there from <asm/unaligned.h> in Linux 6.12 by commit 5f60d5f6bbc1
 * ("move asm/unaligned.h to linux/unaligned.h"), which removed the old
 * header. compat/nvgsp_compat_unaligned.h includes whichever exists.
 */
#include <linux/unaligned.h>

u32 nvgsp_probe(const void *p);
u32 nvgsp_probe(const void *p)
{
	return get_unaligned_le32(p);
}
