// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_fmc.c - libFuzzer target for the Hopper/Blackwell GSP-FMC image
 * parser (src/fw/nvgsp_fw_fmc.c, over src/fw/nvgsp_fw_elf.c).
 *
 * libFuzzer hands over a buffer of exactly the input's size, so any read
 * past the file is an AddressSanitizer report. On success every section is
 * read byte by byte, its recorded CRC re-checked, and the chain-of-trust
 * size checks run for both versions; on failure the errno must be one the
 * API names and the message one printable line naming the file. A
 * violation traps.
 *
 * Seeds (seeds_fmc.list): the real FMC files shrunk by elfshrink with their
 * CRCs recomputed, so the fuzzer starts from inputs that parse.
 */
#include "fw/nvgsp_fw_fmc.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nvgsp_fw_blob blob = { .name = NAME, .data = data, .size = size };
	struct nvgsp_fw_fmc_image img;
	struct nvgsp_fw_diag diag;
	unsigned int p, q, v;
	int ret;

	ret = nvgsp_fw_fmc_parse(&blob, &img, &diag);
	if (ret) {
		CHECK(ret == -EINVAL || ret == -E2BIG);
		for (p = 0; p < NVGSP_FW_FMC_NR_PARTS; p++)
			CHECK(!img.parts[p].index && !img.parts[p].sect.size);
		message(&diag);
		return 0;
	}
	for (p = 0; p < NVGSP_FW_FMC_NR_PARTS; p++) {
		const struct nvgsp_fw_fmc_sect *s = &img.parts[p];

		CHECK(s->index >= 2 && s->index <= 5 && s->sect.size);
		CHECK(s->sect.offset >= 0x124 && s->sect.offset <= size &&
		      s->sect.size <= size - s->sect.offset);
		/* reading it all: nvgsp_fw_crc32 touches every byte */
		CHECK(s->crc_checked == (s->crc != 0));
		if (s->crc_checked)
			CHECK(nvgsp_fw_crc32(0, data + s->sect.offset, s->sect.size) == s->crc);
		else
			(void)nvgsp_fw_crc32(0, data + s->sect.offset, s->sect.size);
		for (q = 0; q < p; q++)
			CHECK(s->index != img.parts[q].index);
	}
	CHECK(img.parts[NVGSP_FW_FMC_HASH].sect.size <= NVGSP_FW_FMC_HASH_MAX);
	CHECK(img.parts[NVGSP_FW_FMC_SIGNATURE].sect.size <= NVGSP_FW_FMC_SIG_MAX);
	CHECK(img.parts[NVGSP_FW_FMC_PUBLICKEY].sect.size <= NVGSP_FW_FMC_PKEY_MAX);
	for (v = 0; v <= 3; v++) {
		ret = nvgsp_fw_fmc_check_cot(&blob, &img, v, &diag);
		CHECK(ret == 0 || ret == -EINVAL);
		CHECK(ret || v == 1 || v == 2);
		if (ret)
			message(&diag);
	}
	return 0;
}
