// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_fwread.c - gpusim's own minimal firmware readers (see
 * gpusim_fwread.h). The ELF64 layout is the System V ABI's: e_shoff (u64
 * at 0x28), e_shentsize (u16 at 0x3a), e_shnum (0x3c), e_shstrndx (0x3e);
 * section headers of at least 64 bytes with sh_name (u32 at 0), sh_offset
 * (u64 at 0x18), sh_size (u64 at 0x20).
 */
#include <errno.h>
#include <string.h>

#include "gpusim_fwread.h"

/* [@off, @off + @len) lies within @n bytes */
static bool fr_within(size_t n, u64 off, u64 len)
{
	return off <= n && len <= n - off;
}

int gpusim_elf64_section(const u8 *f, size_t n, const char *name, u64 *off, u64 *size)
{
	u64 shoff, str_off, str_size;
	u32 entsize, num, strndx, i;
	size_t name_len = strlen(name);

	if (n < 0x40 || memcmp(f, "\x7f" "ELF", 4) || f[4] != 2 || f[5] != 1)
		return -EINVAL;
	shoff = get_unaligned_le64(f + 0x28);
	entsize = get_unaligned_le16(f + 0x3a);
	num = get_unaligned_le16(f + 0x3c);
	strndx = get_unaligned_le16(f + 0x3e);
	if (entsize < 0x40 || strndx >= num || !fr_within(n, shoff, (u64)entsize * num))
		return -EINVAL;
	str_off = get_unaligned_le64(f + shoff + (u64)strndx * entsize + 0x18);
	str_size = get_unaligned_le64(f + shoff + (u64)strndx * entsize + 0x20);
	if (!fr_within(n, str_off, str_size))
		return -EINVAL;
	for (i = 0; i < num; i++) {
		const u8 *sh = f + shoff + (u64)i * entsize;
		u32 nm = get_unaligned_le32(sh);

		if (nm >= str_size || str_size - nm <= name_len ||
		    memcmp(f + str_off + nm, name, name_len + 1))
			continue;
		*off = get_unaligned_le64(sh + 0x18);
		*size = get_unaligned_le64(sh + 0x20);
		return fr_within(n, *off, *size) ? 0 : -EINVAL;
	}
	return -ENOENT;
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
