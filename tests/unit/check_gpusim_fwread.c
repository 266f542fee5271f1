// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gpusim_fwread.c - gpusim's own firmware readers
 * (tests/gpusim/gpusim_fwread.c): on the real files they read what the
 * driver's parsers read (gpusim_fw_load() refuses a file the two read
 * differently, so every loaded release is that check), and they refuse
 * what is not there or lies outside the file. A parser bug is simulated by
 * changing one field of the driver's parse at a time: the cross-checks
 * gpusim_fw_load() runs must refuse each, naming the field.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "gpusim_fwread.h"
#include "gpusim_wpr.h"

static const char *const rels[][2] = {
	{ "ga102", "535.113.01" }, { "ga102", "570.144" }, { "tu102", "535.113.01" },
	{ "tu102", "570.144" }, { "ga100", "570.144" }, { "gh100", "570.144" },
};

START_TEST(real_files_agree)
{
	struct gpusim_fw *fw = NULL;
	const struct nvgsp_fw_blob *gsp, *bl;
	struct gpusim_bl_facts b;
	char err[256] = "";
	u64 off, size, isize;
	const u8 *img;

	ck_assert_msg(!gpusim_fw_load(unit_fw_root("graphics-sid"), rels[_i][0], rels[_i][1], &fw,
				      err, sizeof(err)), "%s", err);
	gsp = gpusim_fw_file(fw, NVGSP_FW_GSP);
	ck_assert_int_eq(gpusim_elf64_section(gsp->data, gsp->size, ".fwimage", &off, &size), 0);
	img = gpusim_fw_image(fw, &isize);
	ck_assert_ptr_eq(img, gsp->data + off);
	ck_assert_uint_eq(isize, size);
	ck_assert_int_eq(gpusim_elf64_section(gsp->data, gsp->size, ".no-such", &off, &size),
			 -ENOENT);
	bl = gpusim_fw_file(fw, NVGSP_FW_BOOTLOADER);
	ck_assert_int_eq(gpusim_riscv_bl_read(bl->data, bl->size, &b), 0);
	ck_assert_uint_eq(b.image_size, gpusim_fw_bootloader(fw)->image_size);
	ck_assert_uint_eq(b.code_off, gpusim_fw_bootloader(fw)->monitor_code.offset);
	gpusim_fw_free(fw);
}
END_TEST

/* Every HS, gen_bootloader and fmc fact gpusim reads equals the parse's. */
START_TEST(real_ucode_agree)
{
	static const enum nvgsp_fw_role hs_roles[] = {
		NVGSP_FW_BOOTER_LOAD, NVGSP_FW_BOOTER_UNLOAD, NVGSP_FW_SCRUBBER,
	};
	struct gpusim_fw *fw = NULL;
	char err[256] = "";
	unsigned int i, p;

	ck_assert_msg(!gpusim_fw_load(unit_fw_root("graphics-sid"), rels[_i][0], rels[_i][1], &fw,
				      err, sizeof(err)), "%s", err);
	for (i = 0; i < ARRAY_SIZE(hs_roles); i++) {
		const struct nvgsp_fw_blob *blob = gpusim_fw_file(fw, hs_roles[i]);
		const struct nvgsp_fw_hs_ucode *hs = gpusim_fw_hs(fw, hs_roles[i]);
		const struct gpusim_hs_facts *own = gpusim_fw_hs_own(fw, hs_roles[i]);
		struct gpusim_hs_facts again;

		ck_assert_int_eq(!!own, !!blob);
		if (!blob)
			continue;
		ck_assert_int_eq(gpusim_hs_read(blob->data, blob->size, &again), 0);
		ck_assert_mem_eq(&again, own, sizeof(again));
		ck_assert_ptr_eq(blob->data + own->image_off, hs->image);
		ck_assert_uint_eq(own->app_code_size, hs->app_code.size);
		ck_assert_uint_eq(own->sig_dmem, hs->sig_dmem_offset);
		ck_assert_ptr_eq(blob->data + own->sig_off,
				 nvgsp_fw_ucode_hs_signature(hs, 0, NULL));
	}
	if (gpusim_fw_gen_bootloader(fw)) {
		const struct gpusim_gen_bl_facts *g = gpusim_fw_gen_bl_own(fw);

		ck_assert_ptr_nonnull(g);
		ck_assert_uint_eq(g->start_tag << 8, gpusim_fw_gen_bootloader(fw)->boot_addr);
		ck_assert_uint_eq(g->code_size, gpusim_fw_gen_bootloader(fw)->code.size);
	} else {
		ck_assert_ptr_null(gpusim_fw_gen_bl_own(fw));
	}
	for (p = 0; p < NVGSP_FW_FMC_NR_PARTS; p++) {
		const struct nvgsp_fw_fmc_image *fmc = gpusim_fw_fmc(fw);
		u64 size = 0;
		const u8 *b = gpusim_fw_fmc_part(fw, (enum nvgsp_fw_fmc_part)p, &size);

		ck_assert_int_eq(!!b, !!fmc);
		if (!fmc)
			continue;
		ck_assert_ptr_eq(b, gpusim_fw_file(fw, NVGSP_FW_FMC)->data +
				    fmc->parts[p].sect.offset);
		ck_assert_uint_eq(size, fmc->parts[p].sect.size);
	}
	gpusim_fw_free(fw);
}
END_TEST

/* Call @agree and require a refusal whose message names @field. */
#define REFUSED(agree, field)                                                          \
	do {                                                                           \
		err[0] = 0;                                                            \
		ck_assert_int_eq(agree, -EINVAL);                                      \
		ck_assert_msg(strstr(err, field), "\"%s\" does not name %s", err, field); \
		ck_assert_msg(strstr(err, "gpusim reads"), "%s", err);                  \
	} while (0)

/*
 * A parser bug, simulated one field at a time on the real files' parse: each
 * cross-check refuses it and names the field. (Unchanged, they agree.)
 */
START_TEST(parser_bugs_refused)
{
	static const enum nvgsp_fw_role hs_roles[] = {
		NVGSP_FW_BOOTER_LOAD, NVGSP_FW_BOOTER_UNLOAD, NVGSP_FW_SCRUBBER,
	};
	unsigned int r, i, p, n_hs = 0, n_bl = 0, n_fmc = 0;
	char err[256] = "";

	for (r = 0; r < ARRAY_SIZE(rels); r++) {
		struct gpusim_fw *fw = NULL;
		const struct nvgsp_fw_blob *blob;

		ck_assert_msg(!gpusim_fw_load(unit_fw_root("graphics-sid"), rels[r][0], rels[r][1],
					      &fw, err, sizeof(err)), "%s", err);
		for (i = 0; i < ARRAY_SIZE(hs_roles); i++) {
			const struct gpusim_hs_facts *own = gpusim_fw_hs_own(fw, hs_roles[i]);
			struct nvgsp_fw_hs_ucode hs;

			blob = gpusim_fw_file(fw, hs_roles[i]);
			if (!blob)
				continue;
			n_hs++;
#define HS_BUG(stmt, field)                                                              \
	do {                                                                             \
		hs = *gpusim_fw_hs(fw, hs_roles[i]);                                      \
		ck_assert_int_eq(gpusim_fw_hs_agree(blob->name, blob->data, own, &hs, err, \
						    sizeof(err)), 0);                      \
		stmt;                                                                    \
		REFUSED(gpusim_fw_hs_agree(blob->name, blob->data, own, &hs, err,         \
					   sizeof(err)), field);                          \
	} while (0)
			HS_BUG(hs.image += 4, "data_offset");
			HS_BUG(hs.image_size--, "data_size");
			HS_BUG(hs.os_code.offset += 0x100, "os_code_offset");
			HS_BUG(hs.os_code.size -= 0x100, "os_code_size");
			HS_BUG(hs.os_data.offset += 4, "os_data_offset");
			HS_BUG(hs.os_data.size -= 4, "os_data_size");
			HS_BUG(hs.app_code.offset += 0x100, "app[0] code offset");
			HS_BUG(hs.app_code.size -= 0x100, "app[0] code size");
			HS_BUG(hs.sig_dmem_offset += 4, "patch_loc");
			HS_BUG(hs.sig_size /= 2, "sig_prod_size / num_sig");
			HS_BUG(hs.engine_id_mask ^= 2, "engine_id");
			HS_BUG(hs.ucode_id++, "ucode_id");
			HS_BUG(hs.sigs += hs.sig_size, "fuse-0 signature");
			/* a parser that picks signature 0 of several */
			if (gpusim_fw_hs(fw, hs_roles[i])->num_sig > 1)
				HS_BUG(hs.num_sig = 1, "fuse-0 signature");
#undef HS_BUG
		}
		blob = gpusim_fw_file(fw, NVGSP_FW_GEN_BOOTLOADER);
		if (blob) {
			const struct gpusim_gen_bl_facts *own = gpusim_fw_gen_bl_own(fw);
			struct nvgsp_fw_bl_ucode bl;

			n_bl++;
#define BL_BUG(stmt, field)                                                              \
	do {                                                                             \
		bl = *gpusim_fw_gen_bootloader(fw);                                       \
		ck_assert_int_eq(gpusim_fw_gen_bl_agree(blob->name, blob->data, own, &bl,  \
							err, sizeof(err)), 0);             \
		stmt;                                                                    \
		REFUSED(gpusim_fw_gen_bl_agree(blob->name, blob->data, own, &bl, err,     \
					       sizeof(err)), field);                      \
	} while (0)
			BL_BUG(bl.image += 4, "data_offset");
			BL_BUG(bl.image_size--, "data_size");
			BL_BUG(bl.start_tag++, "start_tag");
			BL_BUG(bl.boot_addr += 0x100, "start_tag << 8");
			BL_BUG(bl.code.offset += 4, "code_off");
			BL_BUG(bl.code.size -= 4, "code_size");
#undef BL_BUG
		}
		blob = gpusim_fw_file(fw, NVGSP_FW_FMC);
		if (blob) {
			u64 off[NVGSP_FW_FMC_NR_PARTS], size[NVGSP_FW_FMC_NR_PARTS];
			static const char *const names[] = {
				[NVGSP_FW_FMC_HASH] = "\"hash\"",
				[NVGSP_FW_FMC_SIGNATURE] = "\"signature\"",
				[NVGSP_FW_FMC_PUBLICKEY] = "\"publickey\"",
				[NVGSP_FW_FMC_IMAGE] = "\"image\"",
			};
			struct nvgsp_fw_fmc_image fmc;

			n_fmc++;
			for (p = 0; p < NVGSP_FW_FMC_NR_PARTS; p++) {
				fmc = *gpusim_fw_fmc(fw);
				ck_assert_int_eq(gpusim_fw_fmc_agree(blob, &fmc, off, size, err,
								     sizeof(err)), 0);
				fmc.parts[p].sect.offset++;
				REFUSED(gpusim_fw_fmc_agree(blob, &fmc, off, size, err,
							    sizeof(err)), names[p]);
				ck_assert_ptr_nonnull(strstr(err, "offset"));
				fmc = *gpusim_fw_fmc(fw);
				fmc.parts[p].sect.size--;
				REFUSED(gpusim_fw_fmc_agree(blob, &fmc, off, size, err,
							    sizeof(err)), names[p]);
				ck_assert_ptr_nonnull(strstr(err, "size"));
			}
		}
		gpusim_fw_free(fw);
	}
	/* every kind was exercised on some real file */
	ck_assert_uint_ge(n_hs, 6);
	ck_assert_uint_ge(n_bl, 1);
	ck_assert_uint_ge(n_fmc, 1);
}
END_TEST

/* The real booter_load of @chip, copied so that a test may corrupt it. */
static u8 *copy_of(const char *chip, const char *rel, enum nvgsp_fw_role role, size_t *n)
{
	struct gpusim_fw *fw = NULL;
	const struct nvgsp_fw_blob *blob;
	char err[256] = "";
	u8 *c;

	ck_assert_msg(!gpusim_fw_load(unit_fw_root("graphics-sid"), chip, rel, &fw, err,
				      sizeof(err)), "%s", err);
	blob = gpusim_fw_file(fw, role);
	ck_assert_ptr_nonnull(blob);
	c = malloc(blob->size);
	ck_assert_ptr_nonnull(c);
	memcpy(c, blob->data, blob->size);
	*n = blob->size;
	gpusim_fw_free(fw);
	return c;
}

/* Corrupted copies of real HS and gen_bootloader files. */
START_TEST(corrupted_copies)
{
	struct gpusim_hs_facts h, good;
	struct gpusim_gen_bl_facts g, ggood;
	size_t n;
	u8 *f = copy_of("ga102", "570.144", NVGSP_FW_BOOTER_LOAD, &n);
	u8 *save = malloc(n);
	u32 hdr, load, meta;

	ck_assert_ptr_nonnull(save);
	memcpy(save, f, n);
	ck_assert_int_eq(gpusim_hs_read(f, n, &good), 0);
	hdr = get_unaligned_le32(f + 12);
	load = get_unaligned_le32(f + hdr + 28);
	meta = get_unaligned_le32(f + hdr + 16);
#define HS_BAD(stmt)                                                  \
	do {                                                          \
		memcpy(f, save, n);                                   \
		stmt;                                                 \
		ck_assert_int_eq(gpusim_hs_read(f, n, &h), -EINVAL);  \
	} while (0)
	HS_BAD(f[0] ^= 1);						/* magic */
	HS_BAD(put_unaligned_le32((u32)n - 8, f + 12));			/* HS header */
	HS_BAD(put_unaligned_le32((u32)n, f + hdr + 8));		/* patch_loc's u32 */
	HS_BAD(put_unaligned_le32((u32)n - 2, f + hdr + 24));		/* num_sig's u32 */
	HS_BAD(put_unaligned_le32(0, f + get_unaligned_le32(f + hdr + 24)));	/* num_sig 0 */
	HS_BAD(put_unaligned_le32((u32)n, f + hdr + 16));		/* meta data */
	HS_BAD(put_unaligned_le32((u32)n - 20, f + hdr + 28));		/* load header */
	HS_BAD(put_unaligned_le32(0, f + load + 16));			/* num_apps 0 */
	HS_BAD(put_unaligned_le32(good.image_size, f + load + 24));	/* app code > image */
	HS_BAD(put_unaligned_le32(good.image_size, f + load + 12));	/* os data > image */
	HS_BAD(put_unaligned_le32((u32)n, f + hdr));			/* signatures */
	/* patch_loc below os data */
	HS_BAD(put_unaligned_le32(good.os_data_off - 1, f + get_unaligned_le32(f + hdr + 8)));
	/* the signature past the end of os data */
	HS_BAD(put_unaligned_le32(good.sig_dmem - 4 + good.os_data_off,
				  f + get_unaligned_le32(f + hdr + 8));
	       put_unaligned_le32(good.sig_dmem - 4 + 1, f + load + 12));
#undef HS_BAD
	/* what it reads, it reads from the file: a changed engine_id, patch_loc */
	memcpy(f, save, n);
	put_unaligned_le32(good.engine_id_mask ^ 4, f + meta + 4);
	put_unaligned_le32(good.sig_dmem + good.os_data_off - 4,
			   f + get_unaligned_le32(f + hdr + 8));
	ck_assert_int_eq(gpusim_hs_read(f, n, &h), 0);
	ck_assert_uint_eq(h.engine_id_mask, good.engine_id_mask ^ 4);
	ck_assert_uint_eq(h.sig_dmem, good.sig_dmem - 4);
	free(save);
	free(f);

	f = copy_of("tu102", "570.144", NVGSP_FW_GEN_BOOTLOADER, &n);
	ck_assert_int_eq(gpusim_gen_bl_read(f, n, &ggood), 0);
	hdr = get_unaligned_le32(f + 12);
	put_unaligned_le32(ggood.start_tag + 1, f + hdr);
	ck_assert_int_eq(gpusim_gen_bl_read(f, n, &g), 0);
	ck_assert_uint_eq(g.start_tag, ggood.start_tag + 1);
	put_unaligned_le32(ggood.image_size - ggood.code_off + 1, f + hdr + 12);
	ck_assert_int_eq(gpusim_gen_bl_read(f, n, &g), -EINVAL);
	put_unaligned_le32(ggood.code_size, f + hdr + 12);
	put_unaligned_le32((u32)n - 8, f + 12);
	ck_assert_int_eq(gpusim_gen_bl_read(f, n, &g), -EINVAL);
	put_unaligned_le32(hdr, f + 12);
	put_unaligned_le32((u32)n, f + 20);
	ck_assert_int_eq(gpusim_gen_bl_read(f, n, &g), -EINVAL);
	free(f);

	/* the fmc: a section name changed is a section gpusim cannot find */
	f = copy_of("gh100", "570.144", NVGSP_FW_FMC, &n);
	{
		u64 off, size;

		ck_assert_int_eq(gpusim_elf32_section(f, n, "image", &off, &size), 0);
		ck_assert_int_eq(gpusim_elf32_section(f, n, "hash", &off, &size), 0);
		ck_assert_uint_eq(size, 48);
		ck_assert_int_eq(gpusim_elf32_section(f, n, "imag", &off, &size), -ENOENT);
		f[4] = 2;	/* ELF64 */
		ck_assert_int_eq(gpusim_elf32_section(f, n, "image", &off, &size), -EINVAL);
		f[4] = 1;
		put_unaligned_le32((u32)n, f + 0x20);	/* section table past the end */
		ck_assert_int_eq(gpusim_elf32_section(f, n, "image", &off, &size), -EINVAL);
	}
	free(f);
}
END_TEST

START_TEST(refusals)
{
	u8 f[0x200] = { 0 };
	struct gpusim_bl_facts b;
	u64 off, size;

	/* not ELF, ELF32, big-endian */
	ck_assert_int_eq(gpusim_elf64_section(f, sizeof(f), ".x", &off, &size), -EINVAL);
	memcpy(f, "\x7f" "ELF", 4);
	f[4] = 1;
	f[5] = 1;
	ck_assert_int_eq(gpusim_elf64_section(f, sizeof(f), ".x", &off, &size), -EINVAL);
	f[4] = 2;
	f[5] = 2;
	ck_assert_int_eq(gpusim_elf64_section(f, sizeof(f), ".x", &off, &size), -EINVAL);
	f[5] = 1;
	/* a section table past the file's end */
	put_unaligned_le64(0x1c0, f + 0x28);
	put_unaligned_le16(0x40, f + 0x3a);
	put_unaligned_le16(2, f + 0x3c);
	put_unaligned_le16(1, f + 0x3e);
	ck_assert_int_eq(gpusim_elf64_section(f, sizeof(f), ".x", &off, &size), -EINVAL);
	/* two headers at 0x100: 1 is the name table at 0x80 ("\0.x\0"), 0 names ".x" at 0x1f0 */
	put_unaligned_le64(0x100, f + 0x28);
	memcpy(f + 0x80, "\0.x", 4);
	put_unaligned_le64(0x80, f + 0x140 + 0x18);
	put_unaligned_le64(4, f + 0x140 + 0x20);
	put_unaligned_le32(1, f + 0x100);
	put_unaligned_le64(0x1f0, f + 0x100 + 0x18);
	put_unaligned_le64(0x10, f + 0x100 + 0x20);
	ck_assert_int_eq(gpusim_elf64_section(f, sizeof(f), ".x", &off, &size), 0);
	ck_assert_uint_eq(off, 0x1f0);
	ck_assert_uint_eq(size, 0x10);
	/* ... but it runs past the end */
	put_unaligned_le64(0x11, f + 0x100 + 0x20);
	ck_assert_int_eq(gpusim_elf64_section(f, sizeof(f), ".x", &off, &size), -EINVAL);

	/* bootloader: magic, then a descriptor or image outside the file */
	memset(f, 0, sizeof(f));
	ck_assert_int_eq(gpusim_riscv_bl_read(f, sizeof(f), &b), -EINVAL);
	put_unaligned_le32(0x10de, f);
	put_unaligned_le32(0x1e0, f + 12);
	ck_assert_int_eq(gpusim_riscv_bl_read(f, sizeof(f), &b), -EINVAL);
	put_unaligned_le32(0x18, f + 12);
	put_unaligned_le32(0x100, f + 16);
	put_unaligned_le32(0x101, f + 20);
	ck_assert_int_eq(gpusim_riscv_bl_read(f, sizeof(f), &b), -EINVAL);
	put_unaligned_le32(0x100, f + 20);
	put_unaligned_le32(0x44, f + 0x18 + 48);
	ck_assert_int_eq(gpusim_riscv_bl_read(f, sizeof(f), &b), 0);
	ck_assert_uint_eq(b.code_off, 0x44);
	ck_assert_uint_eq(b.image_off, 0x100);
}
END_TEST

Suite *nvgsp_suite_gpusim_fwread(void)
{
	Suite *s = suite_create("gpusim_fwread");
	TCase *tc = tcase_create("fwread");

	tcase_add_loop_test(tc, real_files_agree, 0, (int)ARRAY_SIZE(rels));
	tcase_add_loop_test(tc, real_ucode_agree, 0, (int)ARRAY_SIZE(rels));
	tcase_add_test(tc, parser_bugs_refused);
	tcase_add_test(tc, corrupted_copies);
	tcase_add_test(tc, refusals);
	suite_add_tcase(s, tc);
	return s;
}
