/* SPDX-License-Identifier: MIT */
/*
 * The kernel environment nouveau's copies of NVIDIA's headers expect, for
 * compiling them into a userspace probe (tests/abi/verify.py).
 *
 * nouveau's include/nvrm/nvtypes.h maps NVIDIA's NvU8..NvU64 onto the
 * kernel's u8..u64 from <linux/types.h>; here they come from <stdint.h>
 * with the same widths. The 6.12 mirror's g_os_nvoc.h uses the kernel's
 * __counted_by() annotation (<linux/compiler_attributes.h>), which does not
 * change layout. Nothing else is needed: every header of both oracle trees
 * compiles with this shim and gcc -m64.
 */
#ifndef NVGSP_ORACLE_SHIM_H
#define NVGSP_ORACLE_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#define __counted_by(member)

#endif
