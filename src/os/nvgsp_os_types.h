/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_os_types.h - fixed-width types for the portable core.
 *
 * Part of the OS layer: the one header through which the core gets u8..u64,
 * bool, size_t and offsetof(), from the kernel or from libc. u64 is
 * unsigned long long on both sides (the kernel's is, on every architecture),
 * so the core prints it with %llu/%llx and no cast.
 */
#ifndef NVGSP_OS_TYPES_H
#define NVGSP_OS_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/stddef.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long long u64;
typedef int32_t s32;
typedef long long s64;
_Static_assert(sizeof(u64) == 8, "u64 is 64 bits");
#endif

#ifndef __printf
#define __printf(a, b) __attribute__((format(printf, a, b)))
#endif

#endif /* NVGSP_OS_TYPES_H */
