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

/*
 * For the targets that drive the GSP-RM paths (fuzz_rpc, fuzz_seq,
 * fuzz_static, fuzz_fsp, fuzz_intr): the release an input is read under,
 * and a log sink that checks every line the core logs.
 */
#ifdef NVGSP_FUZZ_GSP
#include <stdio.h>
#include <stdlib.h>

#include "nvgsp_os_user.h"
#include "abi/nvgsp_abi.h"

/* The release table chosen by @sel (every table this build carries). */
static inline const struct nvgsp_abi *fuzz_abi(u8 sel)
{
	size_t n;
	const struct nvgsp_abi *const *t = nvgsp_abi_tables(&n);

	CHECK(n);
	return t[sel % n];
}

/*
 * Every message the core logs, whatever the firmware sent: one line of
 * printable ASCII (firmware strings are printed bounded and sanitised).
 * Nothing is printed unless NVGSP_FUZZ_LOG is set in the environment (to
 * read what a crash input does): the fuzzer would spend its time in stderr.
 */
static inline void fuzz_log(void *ctx, const char *dev, enum nvgsp_os_log_level level,
			    const char *msg)
{
	size_t i;

	(void)dev;
	for (i = 0; msg[i]; i++)
		CHECK(msg[i] >= 0x20 && msg[i] < 0x7f);
	sink ^= (u8)i;
	if (ctx)
		fprintf(stderr, "nvgsp %u: %s\n", (unsigned int)level, msg);
}

/* Route the core's messages to fuzz_log(), debug categories included. */
static inline void fuzz_log_init(void)
{
	nvgsp_os_user_set_log(fuzz_log, getenv("NVGSP_FUZZ_LOG"));
	nvgsp_os_user_set_debug(~0u);
}

/*
 * Run @parse on the @len bytes at @p twice, each time from a buffer of its
 * own so that ASan sees any over-read: as they are (any length), and cut
 * or zero-padded to @full bytes, the size the release's layout gives.
 */
static inline void fuzz_parse_twice(const struct nvgsp_abi *abi, const u8 *p, size_t len,
				    size_t full,
				    void (*parse)(const struct nvgsp_abi *abi, const u8 *p,
						  size_t len))
{
	u8 *copy, *whole;

	copy = malloc(len ? len : 1);
	CHECK(copy);
	memcpy(copy, p, len);
	parse(abi, copy, len);
	free(copy);

	whole = calloc(1, full);
	CHECK(whole);
	memcpy(whole, p, len < full ? len : full);
	parse(abi, whole, full);
	free(whole);
}

/*
 * Seed generators (a target built with NVGSP_FUZZ_SEEDS, run as
 * "PROGRAM DIR" by a "%gen" line): the directory argument, NULL after a
 * usage line when it is missing; and one seed file, @head_len bytes at
 * @head (the target's selector bytes; may be 0) then @len at @p.
 * Return of fuzz_seed_write(): 0, or 1 after perror().
 */
static inline const char *fuzz_seed_dir(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return NULL;
	}
	return argv[1];
}

static inline int fuzz_seed_write(const char *path, const u8 *head, size_t head_len,
				  const u8 *p, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || (head_len && fwrite(head, 1, head_len, f) != head_len) ||
	    fwrite(p, 1, len, f) != len || fclose(f)) {
		perror(path);
		return 1;
	}
	return 0;
}
#endif /* NVGSP_FUZZ_GSP */

#endif /* NVGSP_FUZZ_COMMON_H */
