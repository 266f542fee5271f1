/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_regs.h - helpers shared by the register definition headers.
 *
 * Register headers define an offset per register and one accessor macro per
 * field, indented under the register, with the field's bit range in the
 * NVIDIA hi:lo notation. No bare offsets appear in .c files.
 */
#ifndef NVGSP_REGS_H
#define NVGSP_REGS_H

/* Bits hi..lo (inclusive) of a 32-bit value, shifted down. */
#define NVGSP_BITS(v, hi, lo) \
	(((u32)(v) >> (lo)) & (0xffffffffu >> (31 - (hi) + (lo))))

#endif /* NVGSP_REGS_H */
