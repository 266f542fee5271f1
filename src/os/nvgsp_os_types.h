/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_os_types.h - fixed-width types for the portable core.
 *
 * Part of the OS layer: the one header through which the core gets u8..u64,
 * bool and size_t, from the kernel or from libc.
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
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;
#endif

#ifndef __printf
#define __printf(a, b) __attribute__((format(printf, a, b)))
#endif

#endif /* NVGSP_OS_TYPES_H */
