/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz_common.h - what the libFuzzer targets share: the name every input is
 * parsed under, the trap on a violated invariant, reading regions byte by
 * byte, and the check of a refusal's message.
 *
 * Header-only (static inline), so that a target stays the one file
 * fuzz_<name>.c that the Makefile builds and links with the core.
 */
#ifndef NVGSP_FUZZ_COMMON_H
#define NVGSP_FUZZ_COMMON_H

#include <stdint.h>
#include <string.h>

#include "fw/nvgsp_fw_blob.h"

/* The input's name: every message the parsers write must start with it. */
#define NAME "fuzz.bin"

/* An invariant of the parser's answer: a violation traps (a crash input). */
#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile u8 sink;

/* Touch every byte of @len at @p: ASan reports any that is not the input's. */
static inline void touch(const u8 *p, size_t len)
{
	u8 acc = 0;
	size_t i;

	for (i = 0; i < len; i++)
		acc ^= p[i];
	sink ^= acc;
}

/* Touch [@off, @off + @len), which must lie inside the @size bytes at @base. */
static inline void touch_in(const u8 *base, u64 size, u64 off, u64 len)
{
	CHECK(off <= size && len <= size - off);
	touch(base + off, len);
}

/* A refusal's message: one line of printable ASCII, "fuzz.bin: <reason>". */
static inline void message(const struct nvgsp_fw_diag *diag)
{
	size_t i, n = strnlen(diag->msg, sizeof(diag->msg));

	CHECK(n < sizeof(diag->msg));
	CHECK(!strncmp(diag->msg, NAME ": ", strlen(NAME) + 2));
	for (i = 0; i < n; i++)
		CHECK(diag->msg[i] >= 0x20 && diag->msg[i] < 0x7f);
}

#endif /* NVGSP_FUZZ_COMMON_H */
