// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_gsp.c - libFuzzer target for the GSP-RM image parser
 * (src/fw/nvgsp_fw_gsp.c, over src/fw/nvgsp_fw_elf.c).
 *
 * libFuzzer hands over a buffer of exactly the input's size, so any read
 * past the file is an AddressSanitizer report. On success every section the
 * parser reports is read byte by byte and the description's invariants are
 * checked; on failure the errno must be one the API names and the message
 * one printable line naming the file. A violation traps.
 *
 * Seeds (seeds_gsp.list): the real images shrunk by elfshrink (the same
 * sections and headers, each section cut to 256 bytes, the table first),
 * plus header-sized prefixes; -max_len keeps inputs header-sized.
 */
#include <string.h>

#include "fw/nvgsp_fw_gsp.h"
#include "fuzz_common.h"

static bool overlap(const struct nvgsp_fw_section *a, const struct nvgsp_fw_section *b)
{
	return a->size && b->size && a->offset < b->offset + b->size &&
	       b->offset < a->offset + a->size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct nvgsp_fw_gsp_image img;
	struct nvgsp_fw_blob blob = { .name = NAME, .data = data, .size = size };
	struct nvgsp_fw_diag diag;
	unsigned int i, j, n;
	int ret;

	ret = nvgsp_fw_gsp_parse(&blob, &img, &diag);
	if (ret) {
		CHECK(ret == -EINVAL || ret == -E2BIG);
		CHECK(!img.nr_sigs && !img.version[0] && !img.fwimage.size);
		message(&diag);
		return 0;
	}
	n = strnlen(img.version, sizeof(img.version));
	CHECK(n && n < NVGSP_FW_VERSION_MAX);
	for (i = 0; i < n; i++)
		CHECK(img.version[i] >= 0x20 && img.version[i] < 0x7f);
	CHECK(!memcmp(data + img.fwversion.offset, img.version, n + 1));
	CHECK(img.fwimage.size && img.fwversion.size > n);
	touch_in(data, size, img.fwimage.offset, img.fwimage.size);
	touch_in(data, size, img.fwversion.offset, img.fwversion.size);
	CHECK(!overlap(&img.fwimage, &img.fwversion));
	CHECK(img.nr_sigs >= 1 && img.nr_sigs <= NVGSP_FW_MAX_SIGS);
	CHECK(img.nr_sections >= 4 && img.nr_sections < 0xffff);
	CHECK(img.build_id_len <= NVGSP_FW_BUILD_ID_MAX);
	for (i = 0; i < img.nr_sigs; i++) {
		const struct nvgsp_fw_gsp_sig *sig = &img.sigs[i];

		n = strnlen(sig->family, sizeof(sig->family));
		CHECK(n && n < NVGSP_FW_FAMILY_MAX);
		CHECK(sig->sect.size);
		touch_in(data, size, sig->sect.offset, sig->sect.size);
		CHECK(!overlap(&sig->sect, &img.fwimage) && !overlap(&sig->sect, &img.fwversion));
		for (j = 0; j < i; j++)
			CHECK(!overlap(&sig->sect, &img.sigs[j].sect));
		CHECK(nvgsp_fw_gsp_find_sig(&img, sig->family, sig->cc) == sig);
	}
	return 0;
}
