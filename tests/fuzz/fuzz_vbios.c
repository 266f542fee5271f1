// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_vbios.c - libFuzzer target for the VBIOS reader, parser and FWSEC
 * builder (src/fw/nvgsp_fw_vbios.c).
 *
 * Every input is parsed as a ROM file, and read as the PROM window of a
 * BAR0 whose flash holds it (then the bytes read are parsed too). On success
 * every range the parser reports is read byte by byte, so a range it wrongly
 * claims to be inside the ROM is an AddressSanitizer report, its invariants
 * are checked (a violation traps), and FWSEC is built for FRTS and SB and
 * for every fuse version; the patched fields are read back. On failure the
 * message must be one line naming the file.
 *
 * Seeds: no real VBIOS may be redistributed, so the seeds are the ROMs
 * gpusim builds (tests/gpusim/gpusim_vbios.c). The same file, compiled with
 * NVGSP_VBIOS_SEEDS, is the program that writes them (build/vbios_seeds DIR;
 * see the Makefile and seeds_vbios.list).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fw/nvgsp_fw_vbios.h"

#ifdef NVGSP_VBIOS_SEEDS

#include "gpusim_vbios.h"

/* One chip per family and descriptor version, as gpusim builds them. */
static const struct { u16 device_id; u32 desc_version; u16 sig_versions; } seeds[] = {
	{ 0x1e04, 2, 0 }, { 0x2182, 2, 0 }, { 0x20b5, 2, 0 }, { 0x2235, 3, 0 },
	{ 0x26b5, 3, 0 }, { 0x2331, 3, 0 }, { 0x2b85, 3, 0 }, { 0x2684, 3, 0x0b },
	{ 0x2204, 3, 0x0006 },
};

int main(int argc, char **argv)
{
	unsigned int i, ifr;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	for (i = 0; i < ARRAY_SIZE(seeds); i++) {
		for (ifr = 0; ifr <= 3; ifr++) {
			struct gpusim_vbios_cfg cfg = { .device_id = seeds[i].device_id,
							.desc_version = seeds[i].desc_version,
							.sig_versions = seeds[i].sig_versions,
							.ifr_version = ifr };
			char path[4096];
			size_t len;
			u8 *rom;
			FILE *f;

			if (ifr && i > 1)
				continue;	/* IFR variants of two chips are enough */
			if (gpusim_vbios_build(&cfg, &rom, &len)) {
				fprintf(stderr, "vbios_seeds: building %04x v%u failed\n",
					cfg.device_id, cfg.desc_version);
				return 1;
			}
			snprintf(path, sizeof(path), "%s/vbios-%04x-v%u-ifr%u-sig%x.rom", argv[1],
				 cfg.device_id, cfg.desc_version, ifr, cfg.sig_versions);
			f = fopen(path, "wb");
			if (!f || fwrite(rom, 1, len, f) != len || fclose(f)) {
				perror(path);
				return 1;
			}
			free(rom);
		}
	}
	return 0;
}

#else /* the fuzz target */

#include "nvgsp_os_user.h"
#include "fuzz_common.h"

static void failed(int ret, const struct nvgsp_fw_diag *diag)
{
	CHECK(ret == -ENOEXEC || ret == -ENODEV || ret == -EINVAL);
	message(diag);
}

static void parsed(const struct nvgsp_fw_vbios *vb, const u8 *data, size_t size)
{
	const u8 *rom = vb->rom;
	u64 dmem = (u64)vb->ucode_offset + vb->dmem_offset;
	struct nvgsp_fw_fwsec_cmd cmd = { 0 };
	struct nvgsp_fw_diag diag;
	unsigned int fuse;
	u8 *out;
	int ret;

	CHECK(rom == data && vb->rom_size <= size && vb->rom_size <= NVGSP_VBIOS_MAX);
	touch_in(rom, vb->rom_size, vb->pciat_offset, vb->pciat_size);
	touch_in(rom, vb->rom_size, vb->fwsec_offset, vb->fwsec_size);
	CHECK(vb->image_count >= 2 && vb->chain_offset <= vb->pciat_offset);
	CHECK(vb->bit_offset >= vb->pciat_offset &&
	      (u64)vb->bit_offset + 12 <= (u64)vb->pciat_offset + vb->pciat_size);
	touch_in(rom, vb->rom_size, vb->pmu_table, 4);
	touch_in(rom, vb->rom_size, vb->desc_offset, vb->ucode_offset - vb->desc_offset);
	CHECK(vb->desc_version == 2 || vb->desc_version == 3);
	CHECK(vb->ucode_offset >= vb->desc_offset);
	touch_in(rom, vb->rom_size, vb->ucode_offset, vb->ucode_size);
	CHECK(vb->imem_load_size && vb->dmem_load_size);
	CHECK(vb->imem_load_size <= vb->dmem_offset);
	CHECK((u64)vb->dmem_offset + vb->dmem_load_size == vb->ucode_size);
	CHECK((u64)vb->interface_offset + 4 <= vb->dmem_load_size);
	CHECK((u64)vb->dmem_mapper + 64 <= vb->dmem_load_size);
	CHECK((u64)vb->cmd_in_offset + vb->cmd_in_size <= vb->dmem_load_size);
	touch_in(rom, vb->rom_size, dmem + vb->cmd_in_offset, vb->cmd_in_size);
	if (vb->desc_version == 2) {
		CHECK(!vb->sig_count && vb->imem_sec_size <= vb->imem_load_size);
	} else if (vb->sig_count) {
		CHECK(vb->ucode_id >= 1 && vb->ucode_id <= 16);
		CHECK((u64)vb->pkc_data_offset + 384 <= vb->dmem_load_size);
		CHECK((u64)vb->sig_offset + 384ull * vb->sig_count <= vb->ucode_offset);
		touch_in(rom, vb->rom_size, vb->sig_offset, 384ull * vb->sig_count);
	}

	out = malloc(vb->ucode_size);
	CHECK(out);
	for (fuse = 0; fuse <= 17; fuse++) {
		const u8 *dm = out + vb->dmem_offset;
		bool frts = fuse & 1, sig_ok;
		/* register 1 << (fuse - 1): fuse version @fuse, but 17 is bit 16, ignored */
		unsigned int ver = fuse == 17 ? 0 : fuse;

		cmd.cmd = frts ? NVGSP_FWSEC_CMD_FRTS : NVGSP_FWSEC_CMD_SB;
		cmd.frts_addr = 0x3fe00000;
		cmd.frts_size = 0x100000;
		cmd.fuse_version = fuse ? 1u << (fuse - 1) : 0;
		ret = nvgsp_fw_fwsec_build(vb, &cmd, out, vb->ucode_size, &diag);
		sig_ok = vb->desc_version == 2 || !vb->sig_count ||
			 (ver < 16 && (vb->sig_versions & (1u << ver)) &&
			  (u32)__builtin_popcount(vb->sig_versions & ((1u << ver) - 1)) <
			  vb->sig_count);
		if (vb->cmd_in_size >= (frts ? 44u : 24u) && sig_ok) {
			CHECK(ret == (int)vb->ucode_size);
		} else {
			CHECK(ret == -EINVAL || ret == -ENOEXEC);
			message(&diag);
			continue;
		}
		CHECK(get_unaligned_le32(dm + vb->dmem_mapper + 0x2c) == cmd.cmd);
		CHECK(get_unaligned_le32(dm + vb->cmd_in_offset) == 1);
		if (frts)
			CHECK(get_unaligned_le32(dm + vb->cmd_in_offset + 32) == 0x3fe00);
		touch(out, vb->ucode_size);
	}
	free(out);
}

/* BAR0 whose PROM window shows the input; flash past it is erased (0xff). */
struct input_bar {
	const u8 *data;
	size_t size;
};

static u32 input_rd32(void *ctx, u32 offset)
{
	const struct input_bar *b = ctx;
	u32 rel = offset - NVGSP_VBIOS_PROM_BASE, v = 0;
	unsigned int i;

	if (offset < NVGSP_VBIOS_PROM_BASE || rel >= NVGSP_VBIOS_MAX)
		return 0x172000a1;	/* BOOT_0 of a GA102 that answers */
	for (i = 0; i < 4; i++)
		v |= (u32)(rel + i < b->size ? b->data[rel + i] : 0xff) << (8 * i);
	return v;
}

static void input_wr32(void *ctx, u32 offset, u32 value)
{
	(void)ctx;
	(void)offset;
	(void)value;
}

static const struct nvgsp_os_bar_ops input_ops = { .rd32 = input_rd32, .wr32 = input_wr32 };

static void parse_one(const u8 *data, size_t size)
{
	struct nvgsp_fw_blob blob = { .name = NAME, .data = data, .size = size };
	struct nvgsp_fw_diag diag;
	struct nvgsp_fw_vbios vb;
	int ret = nvgsp_fw_vbios_parse(&blob, &vb, &diag);

	if (ret) {
		CHECK(ret == -ENOEXEC && !vb.rom && !vb.ucode_size);
		failed(ret, &diag);
		return;
	}
	parsed(&vb, data, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static u8 window[NVGSP_VBIOS_MAX];
	struct input_bar ib = { .data = data, .size = size };
	struct nvgsp_os_bar bar = { .ops = &input_ops, .ctx = &ib, .size = 0x1000000,
				    .name = "fuzz BAR0" };
	struct nvgsp_fw_diag diag;
	size_t got = 0;
	int ret;

	parse_one(data, size);

	ret = nvgsp_fw_vbios_read(&bar, window, &got, &diag);
	CHECK(!bar.bad_accesses);
	if (ret) {
		CHECK(ret == -ENOEXEC && !got);	/* BOOT_0 answers: never "gone" */
		CHECK(!strncmp(diag.msg, "vbios: ", 7) && !strchr(diag.msg, '\n'));
		return 0;
	}
	CHECK(got && got <= NVGSP_VBIOS_MAX);
	/* what was read, read again from the buffer, is the same chain */
	{
		struct nvgsp_fw_blob blob = { .name = NAME, .data = window, .size = got };
		struct nvgsp_fw_vbios vb;

		if (!nvgsp_fw_vbios_parse(&blob, &vb, &diag))
			parsed(&vb, window, got);
		else
			message(&diag);
	}
	return 0;
}

#endif /* NVGSP_VBIOS_SEEDS */
