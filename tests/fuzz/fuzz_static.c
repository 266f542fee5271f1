// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_static.c - libFuzzer target for GSP-RM's static information, the
 * reply of GET_GSP_STATIC_INFO: the release's codec (nvgsp_abi_decode()
 * and nvgsp_abi_encode() with NVGSP_ABI_CODEC_STATIC_INFO, generated per
 * release table) and its consumer, nvgsp_gsp_init_parse_static_info()
 * (src/gsp/nvgsp_gsp_init.c).
 *
 * Input: byte 0 picks the release table (535.113.01, 570.144: every table
 * nvgsp_abi_tables() lists), the rest is the reply's payload. It is handed
 * over at its own length (a copy of exactly that size, so a read past it is
 * an AddressSanitizer report) and, as nvgsp_gsp_init_wait() does, in a
 * zeroed buffer of the release's GspStaticConfigInfo size.
 *
 * Checked: the parser accepts exactly the release's size and refuses any
 * other with -EPROTO; the name it hands on (gpu_name, printed by the glue
 * with %s) ends in a NUL inside its field and is printable ASCII; the
 * codec round-trips (decode, encode, decode gives the same struct, and
 * encode writes exactly the codec's size); decoding never depends on bytes
 * past the codec's size.
 *
 * Seeds (seeds_static.list, "%gen static_seeds"): this file compiled with
 * NVGSP_FUZZ_SEEDS writes, per release, the reply gpusim's GSP-RM gives
 * (encoded with the release's codec), one with every byte set, a name with
 * no NUL and control characters, and a short and a long reply.
 */
#define NVGSP_FUZZ_GSP
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsp/nvgsp_gsp_init.h"
#include "fuzz_common.h"

#ifdef NVGSP_FUZZ_SEEDS

static int write_seed(const char *dir, const char *name, u8 rel, const u8 *p, size_t len)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s-%u", dir, name, rel);
	return fuzz_seed_write(path, &rel, 1, p, len);
}

int main(int argc, char **argv)
{
	size_t n;
	int bad = 0;
	u8 rel;

	if (!fuzz_seed_dir(argc, argv))
		return 2;
	nvgsp_abi_tables(&n);
	for (rel = 0; rel < n; rel++) {
		const struct nvgsp_abi *abi = fuzz_abi(rel);
		u32 size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_STATIC_INFO);
		/* gpusim_rm.c rm_static_info(): what its GSP-RM answers. */
		struct nvgsp_abi_static_info si = {
			.gpu_name = "NVIDIA GA102 (gpusim)",
			.gpu_short_name = "GA102",
			.fb_length = 24ull << 30,
			.sriov_total_vfs = 32,
			.sriov_first_vf_offset = 4,
			.sriov_bar0_size = 16ull << 20,
			.sriov_bar1_size = 256ull << 20,
			.sriov_bar2_size = 32ull << 20,
			.sriov_max_gfid = 32,
			.vbios_valid = true,
			.h_internal_client = 0xc1e00004,
			.h_internal_device = 0xde1d0000,
			.h_internal_subdevice = 0x5d1d0000,
		};
		u8 *buf = calloc(1, size + 64);

		if (!size || !buf || nvgsp_abi_encode_static_info(abi, &si, buf, size) < 0)
			return 1;
		bad |= write_seed(argv[1], "gpusim", rel, buf, size);
		bad |= write_seed(argv[1], "short", rel, buf, size / 2);
		bad |= write_seed(argv[1], "long", rel, buf, size + 64);
		memset(si.gpu_name, 'A', sizeof(si.gpu_name));
		si.gpu_name[3] = '\n';
		si.gpu_name[9] = 0x1b;
		si.gpu_name[20] = 0xff;
		if (nvgsp_abi_encode_static_info(abi, &si, buf, size) < 0)
			return 1;
		bad |= write_seed(argv[1], "name", rel, buf, size);
		memset(buf, 0xff, size);
		bad |= write_seed(argv[1], "ones", rel, buf, size);
		free(buf);
	}
	return bad;
}

#else /* the fuzz target */

static void parse(const struct nvgsp_abi *abi, const u8 *p, size_t len)
{
	struct nvgsp_os_device dev = { .name = NAME };
	u32 want = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_STATIC_INFO);
	struct nvgsp_abi_static_info info, again;
	char line[128];
	size_t i, n;
	u8 *wire;
	int ret;

	memset(&info, 0, sizeof(info));
	ret = nvgsp_gsp_init_parse_static_info(&dev, abi, p, len, &info);
	if (len != want) {
		CHECK(ret == -EPROTO);
		return;
	}
	CHECK(!ret);
	n = strnlen((const char *)info.gpu_name, sizeof(info.gpu_name));
	CHECK(n < sizeof(info.gpu_name));
	for (i = 0; i < n; i++)
		CHECK(info.gpu_name[i] >= 0x20 && info.gpu_name[i] < 0x7f);
	/* As the glue prints it (src/nvgsp_boot.c). */
	nvgsp_os_snprintf(line, sizeof(line), "GSP-RM %s: %s, %llu MiB", abi->release,
			  (const char *)info.gpu_name, info.fb_length >> 20);

	/* The codec: decode, encode, decode is the same struct. */
	memset(&info, 0, sizeof(info));
	memset(&again, 0, sizeof(again));
	CHECK(nvgsp_abi_decode(abi, NVGSP_ABI_CODEC_STATIC_INFO, &info, p, len) == (int)want);
	wire = calloc(1, want);
	CHECK(wire);
	CHECK(nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_STATIC_INFO, &info, wire, want) == (int)want);
	CHECK(nvgsp_abi_decode(abi, NVGSP_ABI_CODEC_STATIC_INFO, &again, wire, want) ==
	      (int)want);
	CHECK(!memcmp(&info, &again, sizeof(info)));
	free(wire);
	/* Too short by one byte: refused, never over-read. */
	CHECK(nvgsp_abi_decode(abi, NVGSP_ABI_CODEC_STATIC_INFO, &again, p, len - 1) < 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool inited;
	const struct nvgsp_abi *abi;
	size_t want;

	if (!inited) {
		fuzz_log_init();
		inited = true;
	}
	if (!size)
		return 0;
	abi = fuzz_abi(data[0]);
	want = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_STATIC_INFO);
	CHECK(want);
	fuzz_parse_twice(abi, data + 1, size - 1, want, parse);
	return 0;
}

#endif /* NVGSP_FUZZ_SEEDS */
