// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_ucode.c - libFuzzer target for the ucode container parsers
 * (src/fw/nvgsp_fw_ucode.c): booter_load/booter_unload/scrubber (HS),
 * bootloader (RISC-V descriptor) and gen_bootloader (bl descriptor).
 *
 * Every input goes through all three parsers: the formats share the
 * nvfw_bin_hdr and carry no magic past it, so one input exercises each. On
 * success every region the parser reports is read byte by byte, so a region
 * it wrongly claims to be inside the file is an AddressSanitizer report, and
 * the description's invariants are checked (a violation traps). On failure
 * the message must be one line naming the file.
 *
 * Seeds: seeds_ucode.list (the real files). The generic runner builds it
 * (tests/fuzz/Makefile); by hand, from the repository root, compile with
 * clang -fsanitize=fuzzer,address,undefined -Isrc -Isrc/os this file with
 * src/fw/nvgsp_fw_ucode.c, nvgsp_fw_blob.c, nvgsp_fw_release.c, the
 * src/chip sources and src/os/nvgsp_os_user.c.
 */
#include <string.h>

#include "fw/nvgsp_fw_ucode.h"
#include "fuzz_common.h"

static void region(const u8 *image, u32 image_size, const struct nvgsp_fw_region *r)
{
	touch_in(image, image_size, r->offset, r->size);
}

static void bin(const struct nvgsp_fw_blob *blob, const struct nvgsp_fw_bin_hdr *b,
		const u8 *image, u32 image_size)
{
	CHECK(b->bin_ver == 1 && b->header_offset >= 24);
	CHECK(image == blob->data + b->data_offset && image_size == b->data_size);
	CHECK(image_size && (u64)b->data_offset + image_size <= blob->size);
	CHECK((u64)b->bin_size >= (u64)b->data_offset + image_size);
	CHECK((u64)b->bin_size <= (((u64)blob->size + 255) & ~(u64)255));
	touch(image, image_size);
}

static void failed(const struct nvgsp_fw_diag *diag)
{
	CHECK(!strncmp(diag->msg, NAME ": ", strlen(NAME) + 2));
	CHECK(!strchr(diag->msg, '\n'));
}

static void hs(const struct nvgsp_fw_blob *blob)
{
	struct nvgsp_fw_diag diag;
	struct nvgsp_fw_hs_ucode h;
	u32 fuse, idx;
	int ret = nvgsp_fw_ucode_parse_hs(blob, &h, &diag);

	if (ret) {
		CHECK(ret == -EINVAL || ret == -E2BIG);
		CHECK(!h.image && !h.sigs);
		failed(&diag);
		return;
	}
	bin(blob, &h.bin, h.image, h.image_size);
	region(h.image, h.image_size, &h.os_code);
	region(h.image, h.image_size, &h.os_data);
	region(h.image, h.image_size, &h.app_code);
	region(h.image, h.image_size, &h.app_data);
	CHECK(h.num_sig && h.sig_size && h.fuse_ver < h.num_sig);
	CHECK(h.sigs == blob->data + h.sigs_offset);
	CHECK((u64)h.sigs_offset + (u64)h.num_sig * h.sig_size <= blob->size);
	touch(h.sigs, (size_t)h.num_sig * h.sig_size);
	CHECK(h.patch_loc >= h.os_data.offset &&
	      h.sig_dmem_offset == h.patch_loc - h.os_data.offset);
	CHECK((u64)h.sig_dmem_offset + h.sig_size <= h.os_data.size);
	CHECK(h.engine_id_mask && h.engine_id_mask <= 0xffff);
	CHECK(h.ucode_id >= 1 && h.ucode_id <= 16);
	/* every fuse version the hardware could report, and one past */
	for (fuse = 0; fuse <= h.num_sig && fuse < 64; fuse++) {
		const u8 *sig = nvgsp_fw_ucode_hs_signature(&h, fuse, &idx);

		if (sig) {
			CHECK(idx < h.num_sig && sig == h.sigs + (size_t)idx * h.sig_size);
			touch(sig, h.sig_size);
		}
	}
}

static void riscv(const struct nvgsp_fw_blob *blob)
{
	struct nvgsp_fw_diag diag;
	struct nvgsp_fw_riscv_ucode r;
	int ret = nvgsp_fw_ucode_parse_riscv(blob, &r, &diag);

	if (ret) {
		CHECK(ret == -EINVAL && !r.image);
		failed(&diag);
		return;
	}
	bin(blob, &r.bin, r.image, r.image_size);
	CHECK(r.version == 4 || r.version == 5);
	region(r.image, r.image_size, &r.bootloader);
	region(r.image, r.image_size, &r.bootloader_params);
	region(r.image, r.image_size, &r.riscv_elf);
	region(r.image, r.image_size, &r.manifest);
	region(r.image, r.image_size, &r.monitor_data);
	region(r.image, r.image_size, &r.monitor_code);
	region(r.image, r.image_size, &r.swbrom_code);
	region(r.image, r.image_size, &r.swbrom_data);
	CHECK(!r.monitor_enabled || r.monitor_code.size);
	CHECK(!r.fb_reserved_size || r.fb_reserved_size >= r.image_size);
	CHECK(r.version == 5 || (!r.fb_reserved_size && !r.signed_as_code));
}

static void bl(const struct nvgsp_fw_blob *blob)
{
	struct nvgsp_fw_diag diag;
	struct nvgsp_fw_bl_ucode b;
	int ret = nvgsp_fw_ucode_parse_bl(blob, &b, &diag);

	if (ret) {
		CHECK(ret == -EINVAL && !b.image);
		failed(&diag);
		return;
	}
	bin(blob, &b.bin, b.image, b.image_size);
	region(b.image, b.image_size, &b.code);
	region(b.image, b.image_size, &b.data);
	CHECK(b.code.size && b.code.size <= NVGSP_FW_BL_IMEM_CEILING);
	CHECK(b.start_tag <= 0xffff && b.boot_addr == b.start_tag << 8);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nvgsp_fw_blob blob = { .name = NAME, .data = data, .size = size };
	struct nvgsp_fw_ucode uc;
	int r;

	hs(&blob);
	riscv(&blob);
	bl(&blob);
	/* the role-driven entry points agree with the direct ones */
	for (r = 0; r < NVGSP_FW_NR_ROLES; r++) {
		enum nvgsp_fw_ucode_kind kind = nvgsp_fw_ucode_kind_of(r);
		int a = nvgsp_fw_ucode_check(r, &blob, NULL);

		if (kind == NVGSP_FW_UCODE_NONE)
			CHECK(a == -EINVAL);
		else
			CHECK(a == nvgsp_fw_ucode_parse(&blob, kind, &uc, NULL));
	}
	return 0;
}
