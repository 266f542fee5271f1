// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_fw_elf.c - ELF headers, section table and section names, read from
 * untrusted firmware bytes (see nvgsp_fw_elf.h).
 *
 * Layouts are the ELF gABI's (Elf32_Ehdr/Elf64_Ehdr, Elf32_Shdr/Elf64_Shdr);
 * the offsets below are those structures' field offsets.
 */
#include "nvgsp_fw_elf.h"

const char *nvgsp_fw_elf_name_msg(const char *name, char *buf)
{
	const unsigned int room = NVGSP_FW_ELF_NAME_MSG - 1;
	unsigned int i;

	for (i = 0; name[i] && i < room; i++)
		buf[i] = (name[i] >= 0x20 && name[i] < 0x7f) ? name[i] : '?';
	if (name[i] && i == room) {
		buf[room - 3] = '.';
		buf[room - 2] = '.';
		buf[room - 1] = '.';
	}
	buf[i] = '\0';
	return buf;
}

static void elf_read_ehdr(const u8 *p, bool is64, struct nvgsp_fw_elf_ehdr *eh)
{
	unsigned int i;

	for (i = 0; i < NVGSP_ELF_NIDENT; i++)
		eh->ident[i] = p[i];
	eh->type = get_unaligned_le16(p + 16);
	eh->machine = get_unaligned_le16(p + 18);
	eh->version = get_unaligned_le32(p + 20);
	if (is64) {
		eh->entry = get_unaligned_le64(p + 24);
		eh->phoff = get_unaligned_le64(p + 32);
		eh->shoff = get_unaligned_le64(p + 40);
		p += 48;
	} else {
		eh->entry = get_unaligned_le32(p + 24);
		eh->phoff = get_unaligned_le32(p + 28);
		eh->shoff = get_unaligned_le32(p + 32);
		p += 36;
	}
	/* from e_flags on, both classes have the same fields and sizes */
	eh->flags = get_unaligned_le32(p);
	eh->ehsize = get_unaligned_le16(p + 4);
	eh->phentsize = get_unaligned_le16(p + 6);
	eh->phnum = get_unaligned_le16(p + 8);
	eh->shentsize = get_unaligned_le16(p + 10);
	eh->shnum = get_unaligned_le16(p + 12);
	eh->shstrndx = get_unaligned_le16(p + 14);
}

void nvgsp_fw_elf_read_shdr(const struct nvgsp_fw_elf *elf, unsigned int idx,
			    struct nvgsp_fw_elf_shdr *sh)
{
	const u8 *p = elf->blob->data + elf->eh.shoff + (u64)idx * elf->shdr_size;

	sh->name = get_unaligned_le32(p);
	sh->type = get_unaligned_le32(p + 4);
	if (elf->shdr_size == NVGSP_ELF64_SHDR_SIZE) {
		sh->flags = get_unaligned_le64(p + 8);
		sh->addr = get_unaligned_le64(p + 16);
		sh->offset = get_unaligned_le64(p + 24);
		sh->size = get_unaligned_le64(p + 32);
		sh->link = get_unaligned_le32(p + 40);
		sh->info = get_unaligned_le32(p + 44);
		sh->addralign = get_unaligned_le64(p + 48);
		sh->entsize = get_unaligned_le64(p + 56);
	} else {
		sh->flags = get_unaligned_le32(p + 8);
		sh->addr = get_unaligned_le32(p + 12);
		sh->offset = get_unaligned_le32(p + 16);
		sh->size = get_unaligned_le32(p + 20);
		sh->link = get_unaligned_le32(p + 24);
		sh->info = get_unaligned_le32(p + 28);
		sh->addralign = get_unaligned_le32(p + 32);
		sh->entsize = get_unaligned_le32(p + 36);
	}
}

static int elf_check_ident(const struct nvgsp_fw_blob *blob, const u8 *id,
			   unsigned int cls, struct nvgsp_fw_diag *diag)
{
	if (id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F')
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "e_ident: magic %02x %02x %02x %02x is not 7f 45 4c 46 (ELF)",
				     id[0], id[1], id[2], id[3]);
	if (id[NVGSP_ELF_EI_CLASS] != cls)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "EI_CLASS %u is not ELFCLASS%u (%u)",
				     id[NVGSP_ELF_EI_CLASS], cls == NVGSP_ELF_CLASS64 ? 64 : 32,
				     cls);
	if (id[NVGSP_ELF_EI_DATA] != NVGSP_ELF_DATA2LSB)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "EI_DATA %u is not ELFDATA2LSB (1, little-endian)",
				     id[NVGSP_ELF_EI_DATA]);
	if (id[NVGSP_ELF_EI_VERSION] != NVGSP_ELF_EV_CURRENT)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "EI_VERSION %u is not EV_CURRENT (1)",
				     id[NVGSP_ELF_EI_VERSION]);
	return 0;
}

static int elf_check_table(const struct nvgsp_fw_elf *elf, struct nvgsp_fw_diag *diag)
{
	const struct nvgsp_fw_blob *blob = elf->blob;
	const struct nvgsp_fw_elf_ehdr *eh = &elf->eh;
	u64 len = (u64)eh->shnum * elf->shdr_size;

	if (eh->shnum == 0)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "e_shnum 0: no section table (extended section numbering is not supported)");
	if (eh->shstrndx == NVGSP_ELF_SHN_UNDEF)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "e_shstrndx 0 (SHN_UNDEF): no section-name table");
	if (eh->shstrndx == NVGSP_ELF_SHN_XINDEX)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "e_shstrndx 0xffff (SHN_XINDEX): extended section numbering is not supported");
	if (eh->shstrndx >= eh->shnum)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_shstrndx %u is not below e_shnum %u",
				     eh->shstrndx, eh->shnum);
	if (eh->shoff < eh->ehsize)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "e_shoff 0x%llx: the section table overlaps the %u-byte ELF header",
				     eh->shoff, eh->ehsize);
	if (eh->shoff + len < eh->shoff)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "section table: e_shoff 0x%llx + %u sections x %u bytes wraps around",
				     eh->shoff, eh->shnum, elf->shdr_size);
	if (!nvgsp_fw_range_ok(blob->size, eh->shoff, len))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "section table: e_shoff 0x%llx + %u sections x %u bytes is past the end of the %zu-byte file",
				     eh->shoff, eh->shnum, elf->shdr_size, blob->size);
	return 0;
}

static int elf_check_shstrtab(struct nvgsp_fw_elf *elf, struct nvgsp_fw_diag *diag)
{
	const struct nvgsp_fw_blob *blob = elf->blob;
	unsigned int idx = elf->eh.shstrndx;
	u64 table_len = (u64)elf->eh.shnum * elf->shdr_size;
	struct nvgsp_fw_elf_shdr sh;

	nvgsp_fw_elf_read_shdr(elf, idx, &sh);
	if (sh.type != NVGSP_ELF_SHT_STRTAB)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "section %u (e_shstrndx): sh_type %u is not SHT_STRTAB (3)",
				     idx, sh.type);
	if (sh.flags & NVGSP_ELF_SHF_COMPRESSED)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "section-name table (section %u) is compressed (sh_flags 0x%llx)",
				     idx, sh.flags);
	if (sh.offset + sh.size < sh.offset)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "section-name table (section %u): offset 0x%llx + size 0x%llx wraps around",
				     idx, sh.offset, sh.size);
	if (!nvgsp_fw_range_ok(blob->size, sh.offset, sh.size))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "section-name table (section %u): offset 0x%llx + size 0x%llx is past the end of the %zu-byte file",
				     idx, sh.offset, sh.size, blob->size);
	if (sh.size == 0)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "section-name table (section %u) is empty", idx);
	if (nvgsp_fw_ranges_overlap(sh.offset, sh.size, 0, elf->eh.ehsize))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "section-name table (section %u) [0x%llx, 0x%llx) overlaps the ELF header [0, 0x%x)",
				     idx, sh.offset, sh.offset + sh.size, elf->eh.ehsize);
	if (nvgsp_fw_ranges_overlap(sh.offset, sh.size, elf->eh.shoff, table_len))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "section-name table (section %u) [0x%llx, 0x%llx) overlaps the section table [0x%llx, 0x%llx)",
				     idx, sh.offset, sh.offset + sh.size,
				     elf->eh.shoff, elf->eh.shoff + table_len);
	elf->shstrtab.offset = sh.offset;
	elf->shstrtab.size = sh.size;
	return 0;
}

int nvgsp_fw_elf_open(struct nvgsp_fw_elf *elf, const struct nvgsp_fw_blob *blob,
		      unsigned int cls, struct nvgsp_fw_diag *diag)
{
	const bool is64 = cls == NVGSP_ELF_CLASS64;
	const unsigned int ehsize = is64 ? NVGSP_ELF64_EHDR_SIZE : NVGSP_ELF32_EHDR_SIZE;
	const unsigned int shsize = is64 ? NVGSP_ELF64_SHDR_SIZE : NVGSP_ELF32_SHDR_SIZE;
	struct nvgsp_fw_elf_ehdr *eh = &elf->eh;
	int ret;

	elf->blob = blob;
	elf->shdr_size = shsize;
	elf->shstrtab.offset = 0;
	elf->shstrtab.size = 0;
	if (!blob->data || blob->size < ehsize)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "file is %zu bytes, shorter than the %u-byte ELF%u header",
				     blob->size, ehsize, is64 ? 64 : 32);
	ret = elf_check_ident(blob, blob->data, cls, diag);
	if (ret)
		return ret;
	elf_read_ehdr(blob->data, is64, eh);
	if (eh->version != NVGSP_ELF_EV_CURRENT)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_version %u is not EV_CURRENT (1)",
				     eh->version);
	if (eh->ehsize != ehsize)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_ehsize %u is not %u", eh->ehsize,
				     ehsize);
	if (eh->shentsize != shsize)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_shentsize %u is not %u",
				     eh->shentsize, shsize);
	ret = elf_check_table(elf, diag);
	if (ret)
		return ret;
	return elf_check_shstrtab(elf, diag);
}

/*
 * The name at @off in the section-name table: 0 and @name set, or -EINVAL when
 * @off is outside the table or the table ends before a NUL, -E2BIG when the
 * name is longer than NVGSP_FW_ELF_NAME_MAX.
 */
static int elf_name(const struct nvgsp_fw_elf *elf, u32 off, const char **name)
{
	const u8 *str;
	u64 room, i;

	if (off >= elf->shstrtab.size)
		return -EINVAL;
	str = elf->blob->data + elf->shstrtab.offset + off;
	room = elf->shstrtab.size - off;
	for (i = 0; i < room && i <= NVGSP_FW_ELF_NAME_MAX; i++)
		if (!str[i])
			break;
	if (i == room)
		return -EINVAL;
	if (i > NVGSP_FW_ELF_NAME_MAX)
		return -E2BIG;
	*name = (const char *)str;
	return 0;
}

const char *nvgsp_fw_elf_section_msg(const struct nvgsp_fw_elf *elf, unsigned int idx,
				     char *buf)
{
	char msg[NVGSP_FW_ELF_NAME_MSG];
	struct nvgsp_fw_elf_shdr sh;
	const char *name;

	nvgsp_fw_elf_read_shdr(elf, idx, &sh);
	if (elf_name(elf, sh.name, &name))
		nvgsp_os_snprintf(buf, NVGSP_FW_ELF_SECTION_MSG, "section %u", idx);
	else
		nvgsp_os_snprintf(buf, NVGSP_FW_ELF_SECTION_MSG, "section %u (%s)", idx,
				  nvgsp_fw_elf_name_msg(name, msg));
	return buf;
}

int nvgsp_fw_elf_section(const struct nvgsp_fw_elf *elf, unsigned int idx,
			 struct nvgsp_fw_elf_shdr *sh, const char **name,
			 struct nvgsp_fw_diag *diag)
{
	const struct nvgsp_fw_blob *blob = elf->blob;
	char msg[NVGSP_FW_ELF_NAME_MSG];
	int ret;

	nvgsp_fw_elf_read_shdr(elf, idx, sh);
	ret = elf_name(elf, sh->name, name);
	if (ret == -E2BIG)
		return nvgsp_fw_fail(diag, blob, ret,
				     "section %u: the name at sh_name 0x%x is longer than %u bytes",
				     idx, sh->name, NVGSP_FW_ELF_NAME_MAX);
	if (ret && sh->name >= elf->shstrtab.size)
		return nvgsp_fw_fail(diag, blob, ret,
				     "section %u: sh_name 0x%x is past the end of the %llu-byte section-name table",
				     idx, sh->name, elf->shstrtab.size);
	if (ret)
		return nvgsp_fw_fail(diag, blob, ret,
				     "section %u: the name at sh_name 0x%x has no NUL before the end of the %llu-byte section-name table",
				     idx, sh->name, elf->shstrtab.size);

	if (sh->type == NVGSP_ELF_SHT_NULL || sh->type == NVGSP_ELF_SHT_NOBITS)
		return 0;
	if (sh->offset + sh->size < sh->offset)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "section %u (%s): offset 0x%llx + size 0x%llx wraps around",
				     idx, nvgsp_fw_elf_name_msg(*name, msg), sh->offset,
				     sh->size);
	if (!nvgsp_fw_range_ok(blob->size, sh->offset, sh->size))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "section %u (%s): offset 0x%llx + size 0x%llx is past the end of the %zu-byte file",
				     idx, nvgsp_fw_elf_name_msg(*name, msg), sh->offset,
				     sh->size, blob->size);
	return 0;
}
