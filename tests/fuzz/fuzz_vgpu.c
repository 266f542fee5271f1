// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_vgpu.c - libFuzzer target for the vGPU type catalogue parser
 * (src/fw/nvgsp_fw_vgpu.c).
 *
 * Every input is inspected as a whole, against the release its header
 * names when this build has that release's table (else 570.144), and parsed
 * for every device it lists and for 0x26b5; the last byte picks the VMMU
 * segment size (0, or 32 MiB << n). The CRC is checked last, after the structure: an input that
 * fails only the CRC is parsed once more with its CRC made right, so the
 * fuzzer reaches the success path without learning CRC-32. On success every
 * range reported is read byte by byte (ASan catches one outside the input)
 * and the catalogue's invariants are checked (a violation traps); on failure
 * the message must be one line naming the file, and the catalogue must be
 * untouched.
 *
 * Seeds: no real file is public; the files gpusim_vgpumeta.c writes, for
 * 570.144 and 535.113.01 (each with its own control layout). This file,
 * compiled with NVGSP_VGPU_SEEDS, is the program that writes them
 * (build/vgpu_seeds DIR; see the Makefile and seeds_vgpu.list).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fw/nvgsp_fw_vgpu.h"

#ifdef NVGSP_VGPU_SEEDS

#include "gpusim_vgpumeta.h"

static int write_file(const char *dir, const char *name, const u8 *f, size_t len)
{
	char path[4096];
	FILE *out;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	out = fopen(path, "wb");
	if (!out || fwrite(f, 1, len, out) != len || fclose(out)) {
		perror(path);
		return 1;
	}
	return 0;
}

/*
 * Per release: the valid two-device file (L40, A40), a one-device file and
 * one with a bad CRC; 570.144's named as before, 535.113.01's after it.
 */
static int write_release(const char *dir, const char *rel)
{
	struct gpusim_vgpumeta_cfg two, one;
	char name[64];
	size_t len;
	u8 *f;
	int bad = 0;

	if (gpusim_vgpumeta_cfg_for(rel, 0x26b5, &one) || gpusim_vgpumeta_cfg_for(rel, 0, &two))
		return 1;
	two.nr_devices = 2;
	two.devices[0] = 0x26b5;
	two.devices[1] = 0x2235;
	if (gpusim_vgpumeta_build(&two, &f, &len))
		return 1;
	snprintf(name, sizeof(name), "vgpu-%s.bin", rel);
	bad |= write_file(dir, name, f, len);
	f[GPUSIM_VGPUMETA_CRC] ^= 1;
	snprintf(name, sizeof(name), "vgpu-%s-badcrc.bin", rel);
	bad |= write_file(dir, name, f, len);
	free(f);
	if (gpusim_vgpumeta_build(&one, &f, &len))
		return 1;
	snprintf(name, sizeof(name), "vgpu-%s-l40.bin", rel);
	bad |= write_file(dir, name, f, len);
	free(f);
	return bad;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	return write_release(argv[1], "570.144") | write_release(argv[1], "535.113.01");
}

#else /* the fuzz target */

#include "nvgsp_os_user.h"
#include "abi/nvgsp_abi.h"
#include "fuzz_common.h"

/*
 * The release to parse against: the input's gsp_build_version when it names
 * a release with a firmware-ABI table (so each release's seeds reach its
 * success path, with that release's layout), else 570.144.
 */
static const char *release_of(const u8 *data, size_t size)
{
	static char build[65];

	if (size < 232)
		return "570.144";
	memcpy(build, data + 160, 64);
	build[64] = '\0';
	return nvgsp_abi_find(build) ? build : "570.144";
}

static void check_catalogue(const struct nvgsp_fw_vgpu_catalogue *cat, const u8 *data,
			    size_t size, u16 dev, u64 seg)
{
	unsigned int i;

	CHECK(cat->device_id == dev);
	CHECK(cat->nr_types >= 1 && cat->nr_types <= NVGSP_FW_VGPU_MAX_TYPES);
	CHECK(cat->rmctrl_cmd == 0x20804003);
	touch_in(data, size, cat->rmctrl.offset, cat->rmctrl.size);
	for (i = 0; i < cat->nr_types; i++) {
		const struct nvgsp_fw_vgpu_type *t = &cat->types[i];
		size_t n = strnlen(t->name, sizeof(t->name));

		CHECK(n && n < sizeof(t->name));
		CHECK(t->id && t->fb_length && t->gsp_heap_size);
		CHECK(!seg || !(t->fb_length % seg));
		CHECK(t->max_instance >= 1 && t->max_instance <= 64);
		CHECK(t->pdev_id == dev && t->vdev_id >> 16 == dev);
	}
}

static int one(const u8 *data, size_t size, u16 dev, u64 seg, const char *rel)
{
	struct nvgsp_fw_blob blob = { .name = NAME, .data = data, .size = size };
	struct nvgsp_fw_vgpu_catalogue *cat = malloc(sizeof(*cat));
	struct nvgsp_fw_vgpu_catalogue *same = malloc(sizeof(*same));
	struct nvgsp_fw_diag diag;
	int ret;

	CHECK(cat && same);
	memset(cat, 0x5a, sizeof(*cat));
	memcpy(same, cat, sizeof(*cat));
	ret = nvgsp_fw_vgpu_parse(&blob, dev, rel, seg, cat, &diag);
	if (ret) {
		CHECK(ret == -EINVAL || ret == -E2BIG || ret == -EBADMSG || ret == -EPROTO ||
		      ret == -EPERM || ret == -ENOENT);
		message(&diag);
		CHECK(!memcmp(cat, same, sizeof(*cat)));
	} else {
		check_catalogue(cat, data, size, dev, seg);
	}
	free(same);
	free(cat);
	return ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nvgsp_fw_blob blob = { .name = NAME, .data = data, .size = size };
	struct nvgsp_fw_vgpu_info info;
	struct nvgsp_fw_diag diag;
	u8 sel = size ? data[size - 1] : 0;
	u64 seg = sel & 8 ? (32ull << 20) << (sel % 5) : 0;
	const char *rel = release_of(data, size);
	unsigned int i;
	u8 *copy;
	int ret;

	ret = nvgsp_fw_vgpu_inspect(&blob, rel, seg, &info, &diag);
	if (!ret) {
		CHECK(info.nr_blobs >= 1 && info.nr_blobs <= NVGSP_FW_VGPU_MAX_BLOBS);
		for (i = 0; i < info.nr_blobs; i++)
			CHECK(!one(data, size, info.device_ids[i], seg, rel));
	} else {
		message(&diag);
	}
	one(data, size, 0x26b5, seg, rel);
	if (ret != -EBADMSG)
		return 0;
	/* Only the CRC is wrong: make it right, and the file must parse. */
	copy = malloc(size);
	CHECK(copy);
	memcpy(copy, data, size);
	put_unaligned_le32(~nvgsp_fw_crc32(0, copy + 16, size - 16), copy + 8);
	blob.data = copy;
	CHECK(!nvgsp_fw_vgpu_inspect(&blob, rel, seg, &info, &diag));
	for (i = 0; i < info.nr_blobs; i++)
		CHECK(!one(copy, size, info.device_ids[i], seg, rel));
	free(copy);
	return 0;
}

#endif
