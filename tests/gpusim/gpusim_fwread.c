// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_fwread.c - gpusim's own minimal firmware readers (see
 * gpusim_fwread.h). The ELF64 layout is the System V ABI's: e_shoff (u64
 * at 0x28), e_shentsize (u16 at 0x3a), e_shnum (0x3c), e_shstrndx (0x3e);
 * section headers of at least 64 bytes with sh_name (u32 at 0), sh_offset
 * (u64 at 0x18), sh_size (u64 at 0x20); ELF32 the same with u32 fields
 * (e_shoff at 0x20, e_shentsize 0x2e, e_shnum 0x30, e_shstrndx 0x32;
 * sh_offset at 0x10, sh_size 0x14, headers of at least 40 bytes). The
 * ucode containers are nouveau's include/nvfw/fw.h and hs.h, read field by
 * field; see gpusim_fwread.h for each reader's source.
 */
#include <errno.h>
#include <string.h>

#include "gpusim_fwread.h"

/* [@off, @off + @len) lies within @n bytes */
static bool fr_within(size_t n, u64 off, u64 len)
{
	return off <= n && len <= n - off;
}

/*
 * Where an ELF class keeps what a section lookup reads (the ELF
 * specification's Elf32_Ehdr/Elf64_Ehdr and Elf32_Shdr/Elf64_Shdr): the
 * header's size, e_shoff and its width, e_shentsize (e_shnum and e_shstrndx
 * follow it), the smallest section header, and sh_offset (sh_size follows
 * it) with their width.
 */
struct fr_elf_class {
	u8 ident_class;
	u32 ehdr_size, shoff_at, shentsize_at, shdr_min, sh_offset_at, word;
};

static const struct fr_elf_class fr_elf32 = { 1, 0x34, 0x20, 0x2e, 0x28, 0x10, 4 };
static const struct fr_elf_class fr_elf64 = { 2, 0x40, 0x28, 0x3a, 0x40, 0x18, 8 };

static u64 fr_word(const struct fr_elf_class *c, const u8 *p)
{
	return c->word == 8 ? get_unaligned_le64(p) : get_unaligned_le32(p);
}

static int fr_elf_section(const struct fr_elf_class *c, const u8 *f, size_t n,
			  const char *name, u64 *off, u64 *size)
{
	u64 shoff, str_off, str_size;
	u32 entsize, num, strndx, i;
	size_t name_len = strlen(name);
	const u8 *strtab;

	if (n < c->ehdr_size || memcmp(f, "\x7f" "ELF", 4) || f[4] != c->ident_class || f[5] != 1)
		return -EINVAL;
	shoff = fr_word(c, f + c->shoff_at);
	entsize = get_unaligned_le16(f + c->shentsize_at);
	num = get_unaligned_le16(f + c->shentsize_at + 2);
	strndx = get_unaligned_le16(f + c->shentsize_at + 4);
	if (entsize < c->shdr_min || strndx >= num || !fr_within(n, shoff, (u64)entsize * num))
		return -EINVAL;
	strtab = f + shoff + (u64)strndx * entsize;
	str_off = fr_word(c, strtab + c->sh_offset_at);
	str_size = fr_word(c, strtab + c->sh_offset_at + c->word);
	if (!fr_within(n, str_off, str_size))
		return -EINVAL;
	for (i = 0; i < num; i++) {
		const u8 *sh = f + shoff + (u64)i * entsize;
		u32 nm = get_unaligned_le32(sh);

		if (nm >= str_size || str_size - nm <= name_len ||
		    memcmp(f + str_off + nm, name, name_len + 1))
			continue;
		*off = fr_word(c, sh + c->sh_offset_at);
		*size = fr_word(c, sh + c->sh_offset_at + c->word);
		return fr_within(n, *off, *size) ? 0 : -EINVAL;
	}
	return -ENOENT;
}

int gpusim_elf64_section(const u8 *f, size_t n, const char *name, u64 *off, u64 *size)
{
	return fr_elf_section(&fr_elf64, f, n, name, off, size);
}

int gpusim_riscv_bl_read(const u8 *f, size_t n, struct gpusim_bl_facts *out)
{
	u32 hdr_off;

	if (n < 24 || get_unaligned_le32(f) != 0x10de)
		return -EINVAL;
	hdr_off = get_unaligned_le32(f + 12);
	out->image_off = get_unaligned_le32(f + 16);
	out->image_size = get_unaligned_le32(f + 20);
	if (!fr_within(n, hdr_off, 52) || !fr_within(n, out->image_off, out->image_size))
		return -EINVAL;
	out->manifest_off = get_unaligned_le32(f + hdr_off + 32);
	out->data_off = get_unaligned_le32(f + hdr_off + 40);
	out->code_off = get_unaligned_le32(f + hdr_off + 48);
	return 0;
}

int gpusim_elf32_section(const u8 *f, size_t n, const char *name, u64 *off, u64 *size)
{
	return fr_elf_section(&fr_elf32, f, n, name, off, size);
}

/* nvfw_bin_hdr: magic, the role header's offset, the image inside the file. */
static int fr_bin_hdr(const u8 *f, size_t n, u32 *hdr_off, u32 *img_off, u32 *img_size)
{
	if (n < 24 || get_unaligned_le32(f) != 0x10de)
		return -EINVAL;
	*hdr_off = get_unaligned_le32(f + 12);
	*img_off = get_unaligned_le32(f + 16);
	*img_size = get_unaligned_le32(f + 20);
	return fr_within(n, *img_off, *img_size) ? 0 : -EINVAL;
}

/* The u32 at file offset @at, when it lies inside the file. */
static int fr_u32_at(const u8 *f, size_t n, u32 at, u32 *v)
{
	if (!fr_within(n, at, 4))
		return -EINVAL;
	*v = get_unaligned_le32(f + at);
	return 0;
}

int gpusim_hs_read(const u8 *f, size_t n, struct gpusim_hs_facts *out)
{
	u32 hdr, sig_prod_off, sig_prod_size, patch_loc, patch_sig, meta_off, num_sig;
	u32 load_off, num_apps;
	const u8 *h, *l;

	if (fr_bin_hdr(f, n, &hdr, &out->image_off, &out->image_size) ||
	    !fr_within(n, hdr, 36))
		return -EINVAL;
	h = f + hdr;
	sig_prod_off = get_unaligned_le32(h);
	sig_prod_size = get_unaligned_le32(h + 4);
	meta_off = get_unaligned_le32(h + 16);
	load_off = get_unaligned_le32(h + 28);
	if (fr_u32_at(f, n, get_unaligned_le32(h + 8), &patch_loc) ||
	    fr_u32_at(f, n, get_unaligned_le32(h + 12), &patch_sig) ||
	    fr_u32_at(f, n, get_unaligned_le32(h + 24), &num_sig) ||
	    !fr_within(n, meta_off, 12) || !fr_within(n, load_off, 28) ||
	    get_unaligned_le32(h + 32) < 28 || !num_sig)
		return -EINVAL;
	out->engine_id_mask = get_unaligned_le32(f + meta_off + 4);
	out->ucode_id = get_unaligned_le32(f + meta_off + 8);
	l = f + load_off;
	out->os_code_off = get_unaligned_le32(l);
	out->os_code_size = get_unaligned_le32(l + 4);
	out->os_data_off = get_unaligned_le32(l + 8);
	out->os_data_size = get_unaligned_le32(l + 12);
	num_apps = get_unaligned_le32(l + 16);
	out->app_code_off = get_unaligned_le32(l + 20);
	out->app_code_size = get_unaligned_le32(l + 24);
	if (!num_apps ||
	    !fr_within(out->image_size, out->os_code_off, out->os_code_size) ||
	    !fr_within(out->image_size, out->os_data_off, out->os_data_size) ||
	    !fr_within(out->image_size, out->app_code_off, out->app_code_size))
		return -EINVAL;
	/* the fuse-0 signature: the last one */
	out->sig_size = sig_prod_size / num_sig;
	if (!out->sig_size || patch_loc < out->os_data_off)
		return -EINVAL;
	if (!fr_within(n, (u64)sig_prod_off + patch_sig + (u64)(num_sig - 1) * out->sig_size,
		       out->sig_size))
		return -EINVAL;
	out->sig_off = sig_prod_off + patch_sig + (num_sig - 1) * out->sig_size;
	out->sig_dmem = patch_loc - out->os_data_off;
	return fr_within(out->os_data_size, out->sig_dmem, out->sig_size) ? 0 : -EINVAL;
}

int gpusim_gen_bl_read(const u8 *f, size_t n, struct gpusim_gen_bl_facts *out)
{
	u32 hdr;

	if (fr_bin_hdr(f, n, &hdr, &out->image_off, &out->image_size) ||
	    !fr_within(n, hdr, 24))
		return -EINVAL;
	out->start_tag = get_unaligned_le32(f + hdr);
	out->code_off = get_unaligned_le32(f + hdr + 8);
	out->code_size = get_unaligned_le32(f + hdr + 12);
	return fr_within(out->image_size, out->code_off, out->code_size) ? 0 : -EINVAL;
}
