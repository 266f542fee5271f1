// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_intr.c - libFuzzer target for GSP-RM's kernel interrupt table, the
 * reply of NV2080_CTRL_CMD_INTERNAL_INTR_GET_KERNEL_TABLE
 * (src/gsp/nvgsp_gsp_intr.c: nvgsp_gsp_intr_parse(), then the vector it
 * finds enabled, acknowledged and disabled in the CPU interrupt tree).
 *
 * Input: byte 0 picks the release table (nvgsp_abi_tables()), the rest is
 * the control's parameters as GSP-RM returned them. They are parsed twice:
 * at their own length (a copy of exactly that size, so a read past it is an
 * AddressSanitizer report), and as nvgsp_gsp_intr_init() hands them over,
 * in a zeroed buffer of the release's params size.
 *
 * Checked: the errno is one the API names, the reason is one printable
 * line; a vector found is one of the tree's 256, and the register accesses
 * that enabling, acknowledging and disabling it make stay inside BAR0.
 *
 * Seeds (seeds_intr.list, "%gen intr_seeds"): this file compiled with
 * NVGSP_FUZZ_SEEDS writes, per release, tables encoded with the release's
 * codecs: the GSP entry first, last, in a full table, missing, and with an
 * out-of-range vector.
 */
#define NVGSP_FUZZ_GSP
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsp/nvgsp_gsp_intr.h"
#include "chip/regs/nvgsp_regs_vfn.h"
#include "fuzz_common.h"

#define PARAMS "NV2080_CTRL_INTERNAL_INTR_GET_KERNEL_TABLE_PARAMS"

#ifdef NVGSP_FUZZ_SEEDS

static int write_seed(const char *dir, const char *name, u8 rel, const u8 *p, size_t len)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s-%u", dir, name, rel);
	return fuzz_seed_write(path, &rel, 1, p, len);
}

/* A table of @n entries, engine indices from 0; the GSP's at @gsp_at with @vector. */
static int table(const char *dir, const char *name, u8 rel, u32 n, u32 gsp_at, u32 vector)
{
	const struct nvgsp_abi *abi = fuzz_abi(rel);
	u32 size = nvgsp_abi_struct_size(abi, PARAMS);
	u32 head = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_INTR_TABLE);
	u32 stride = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_INTR_ENTRY);
	struct nvgsp_abi_intr_table t = { .table_len = n };
	u64 gsp_idx;
	u8 *p = calloc(1, size);
	u32 i;
	int ret;

	if (!p || nvgsp_abi_param(abi, "intr.engine_idx.gsp", &gsp_idx) ||
	    nvgsp_abi_encode_intr_table(abi, &t, p, size) < 0)
		return 1;
	for (i = 0; i < n && head + (i + 1) * stride <= size; i++) {
		struct nvgsp_abi_intr_entry e = {
			.engine_idx = i == gsp_at ? (u32)gsp_idx : (i == gsp_idx ? 0x7f : i),
			.pmc_intr_mask = 1u << (i % 32),
			.vector_stall = i == gsp_at ? vector : 8 * i,
			.vector_nonstall = 0xffffffff,
		};

		if (nvgsp_abi_encode_intr_entry(abi, &e, p + head + i * stride, stride) < 0)
			return 1;
	}
	ret = write_seed(dir, name, rel, p, size);
	free(p);
	return ret;
}

int main(int argc, char **argv)
{
	size_t n;
	u8 rel;
	int bad = 0;

	if (!fuzz_seed_dir(argc, argv))
		return 2;
	nvgsp_abi_tables(&n);
	for (rel = 0; rel < n; rel++) {
		bad |= table(argv[1], "gsp-first", rel, 12, 0, 0x83);
		bad |= table(argv[1], "gsp-last", rel, 40, 39, 0x17);
		bad |= table(argv[1], "full", rel, 128, 77, 0xff);
		bad |= table(argv[1], "no-gsp", rel, 20, 99, 0);
		bad |= table(argv[1], "bad-vector", rel, 3, 1, 0x100);
	}
	return bad;
}

#else /* the fuzz target */

/*
 * A CPU interrupt tree that remembers nothing: every leaf reads with the
 * vector's bit set (pending, enabled), writes are only bounds-checked.
 */
static u32 tree_rd32(void *ctx, u32 offset)
{
	const u32 *vector = ctx;

	CHECK(offset >= NV_VIRTUAL_FUNCTION_PRIV_BASE);
	return 1u << (*vector % 32);
}

static void tree_wr32(void *ctx, u32 offset, u32 value)
{
	(void)ctx;
	CHECK(offset >= NV_VIRTUAL_FUNCTION_PRIV_BASE);
	sink ^= (u8)value;
}

static const struct nvgsp_os_bar_ops tree_ops = { .rd32 = tree_rd32, .wr32 = tree_wr32 };

static void parse(const struct nvgsp_abi *abi, const u8 *p, size_t len)
{
	u32 vector = 0xdead;
	struct nvgsp_os_bar bar = { .ops = &tree_ops, .ctx = &vector, .size = 0x1000000,
				    .name = "fuzz BAR0" };
	struct nvgsp_os_device dev = { .name = NAME };
	struct nvgsp_gsp_intr intr = { .bar0 = &bar, .dev = &dev };
	char why[NVGSP_GSP_INTR_WHY_LEN];
	size_t i, n;
	int ret;

	why[0] = '\0';
	ret = nvgsp_gsp_intr_parse(abi, p, len, &vector, why, sizeof(why));
	if (ret) {
		CHECK(ret == -EPROTO || ret == -ENOENT);
		CHECK(vector == 0xdead);
		n = strnlen(why, sizeof(why));
		CHECK(n > 0 && n < sizeof(why));
		for (i = 0; i < n; i++)
			CHECK(why[i] >= 0x20 && why[i] < 0x7f);
		return;
	}
	CHECK(vector < NV_CPU_INTR_VECTORS);
	/* What nvgsp_gsp_intr_init() does with a vector it read. */
	intr.vector = vector;
	intr.routed = true;
	nvgsp_gsp_intr_enable(&intr);
	CHECK(intr.enabled);
	CHECK(nvgsp_gsp_intr_ack(&intr));
	nvgsp_gsp_intr_fini(&intr);
	CHECK(!intr.enabled && !nvgsp_gsp_intr_ack(&intr));
	CHECK(!bar.bad_accesses);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool inited;
	const struct nvgsp_abi *abi;
	size_t psize;

	if (!inited) {
		fuzz_log_init();
		inited = true;
	}
	if (!size)
		return 0;
	abi = fuzz_abi(data[0]);
	psize = nvgsp_abi_struct_size(abi, PARAMS);
	CHECK(psize);
	fuzz_parse_twice(abi, data + 1, size - 1, psize, parse);
	return 0;
}

#endif /* NVGSP_FUZZ_SEEDS */
