/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_fw_elf.h - the ELF plumbing shared by the firmware parsers: the file
 * header, the section table and section names, read from untrusted bytes.
 *
 * Portable core. Both ELF classes are read the same way: every field is
 * copied out little-endian byte by byte (nothing is cast in place; firmware
 * sections sit at unaligned offsets) and every offset, size and index is
 * checked with overflow-safe arithmetic before use. What a caller gets from
 * nvgsp_fw_elf_open() and nvgsp_fw_elf_section() is safe to use as is:
 * the section table and the section-name table lie inside the file, and a
 * section's name and bytes lie inside the file.
 *
 * Only what both parsers need is generic here; what a particular image must
 * look like (e_type, e_machine, which sections) is the caller's business.
 */
#ifndef NVGSP_FW_ELF_H
#define NVGSP_FW_ELF_H

#include "nvgsp_fw_blob.h"

/* e_ident and the header fields, as the ELF gABI numbers them */
#define NVGSP_ELF_NIDENT	16
#define NVGSP_ELF_EI_CLASS	4
#define NVGSP_ELF_EI_DATA	5
#define NVGSP_ELF_EI_VERSION	6
#define NVGSP_ELF_CLASS32	1
#define NVGSP_ELF_CLASS64	2
#define NVGSP_ELF_DATA2LSB	1
#define NVGSP_ELF_EV_CURRENT	1

#define NVGSP_ELF_ET_NONE	0
#define NVGSP_ELF_ET_REL	1
#define NVGSP_ELF_EM_NONE	0
#define NVGSP_ELF_EM_RISCV	243

#define NVGSP_ELF32_EHDR_SIZE	52
#define NVGSP_ELF64_EHDR_SIZE	64
#define NVGSP_ELF32_SHDR_SIZE	40
#define NVGSP_ELF64_SHDR_SIZE	64

/* special section indices */
#define NVGSP_ELF_SHN_UNDEF	0
#define NVGSP_ELF_SHN_XINDEX	0xffff

/* sh_type */
#define NVGSP_ELF_SHT_NULL	0
#define NVGSP_ELF_SHT_PROGBITS	1
#define NVGSP_ELF_SHT_SYMTAB	2
#define NVGSP_ELF_SHT_STRTAB	3
#define NVGSP_ELF_SHT_NOTE	7
#define NVGSP_ELF_SHT_NOBITS	8

/* sh_flags */
#define NVGSP_ELF_SHF_ALLOC		0x2
#define NVGSP_ELF_SHF_STRINGS		0x20
#define NVGSP_ELF_SHF_OS_NONCONFORMING	0x100
#define NVGSP_ELF_SHF_COMPRESSED	0x800
#define NVGSP_ELF_SHF_MASKOS		0x0ff00000
#define NVGSP_ELF_SHF_MASKPROC		0xf0000000

/* longest section name a message quotes (longer ones are cut, with "...") */
#define NVGSP_FW_ELF_NAME_MSG	48
/*
 * Longest section name read, without its NUL. Firmware images name a dozen
 * sections with short names; the limit keeps a crafted file from making
 * name lookups quadratic (many sections pointing at one huge name).
 */
#define NVGSP_FW_ELF_NAME_MAX	255

/**
 * struct nvgsp_fw_elf_ehdr - an ELF file header, widened to the ELF64 sizes.
 * @ident: e_ident, the 16 identification bytes.
 * @type: e_type.
 * @machine: e_machine.
 * @version: e_version.
 * @entry: e_entry.
 * @phoff: e_phoff.
 * @shoff: e_shoff, where the section table starts.
 * @flags: e_flags.
 * @ehsize: e_ehsize.
 * @phentsize: e_phentsize.
 * @phnum: e_phnum.
 * @shentsize: e_shentsize.
 * @shnum: e_shnum, entries in the section table (never 0 once opened).
 * @shstrndx: e_shstrndx, the section-name table's index (below @shnum).
 */
struct nvgsp_fw_elf_ehdr {
	u8 ident[NVGSP_ELF_NIDENT];
	u16 type;
	u16 machine;
	u32 version;
	u64 entry;
	u64 phoff;
	u64 shoff;
	u32 flags;
	u16 ehsize;
	u16 phentsize;
	u16 phnum;
	u16 shentsize;
	u16 shnum;
	u16 shstrndx;
};

/**
 * struct nvgsp_fw_elf_shdr - a section header, widened to the ELF64 sizes.
 * @name: sh_name, an offset into the section-name table.
 * @type: sh_type (NVGSP_ELF_SHT_*).
 * @flags: sh_flags (NVGSP_ELF_SHF_*).
 * @addr: sh_addr.
 * @offset: sh_offset, where the bytes start in the file.
 * @size: sh_size.
 * @link: sh_link.
 * @info: sh_info.
 * @addralign: sh_addralign.
 * @entsize: sh_entsize.
 */
struct nvgsp_fw_elf_shdr {
	u32 name;
	u32 type;
	u64 flags;
	u64 addr;
	u64 offset;
	u64 size;
	u32 link;
	u32 info;
	u64 addralign;
	u64 entsize;
};

/**
 * struct nvgsp_fw_elf - an ELF file whose headers have been checked.
 * @blob: the file.
 * @eh: its header.
 * @shdr_size: bytes per section-table entry for its class (40 or 64).
 * @shstrtab: the section-name table's bytes, inside the file.
 */
struct nvgsp_fw_elf {
	const struct nvgsp_fw_blob *blob;
	struct nvgsp_fw_elf_ehdr eh;
	unsigned int shdr_size;
	struct nvgsp_fw_section shstrtab;
};

/**
 * nvgsp_fw_elf_open() - check an ELF file's header and section table.
 * @elf: filled on success.
 * @blob: the file.
 * @cls: the class it must be, NVGSP_ELF_CLASS32 or NVGSP_ELF_CLASS64.
 * @diag: on failure, "<file>: <field> <value> ...".
 *
 * Checks the identification bytes (magic, @cls, little-endian, version 1),
 * e_version, e_ehsize and e_shentsize (the sizes of @cls), that e_shnum is
 * not 0 (extended section numbering, where the count lives in section 0, is
 * not supported: firmware images have a handful of sections), e_shstrndx
 * (neither SHN_UNDEF nor SHN_XINDEX, below e_shnum), that the section table
 * lies inside the file after the ELF header, and that the section-name table
 * is an SHT_STRTAB section with bytes inside the file, clear of the headers.
 * e_type and e_machine are left to the caller.
 *
 * Return: 0, or -EINVAL with @diag filled.
 */
int nvgsp_fw_elf_open(struct nvgsp_fw_elf *elf, const struct nvgsp_fw_blob *blob,
		      unsigned int cls, struct nvgsp_fw_diag *diag);

/**
 * nvgsp_fw_elf_read_shdr() - copy out a section header, unchecked.
 * @elf: an opened file.
 * @idx: the section, below @elf->eh.shnum (the table is known to be inside
 *       the file, so any such index is safe to read).
 * @sh: filled.
 */
void nvgsp_fw_elf_read_shdr(const struct nvgsp_fw_elf *elf, unsigned int idx,
			    struct nvgsp_fw_elf_shdr *sh);

/**
 * nvgsp_fw_elf_section() - a section header, its name and its bytes, checked.
 * @elf: an opened file.
 * @idx: the section, 1 to @elf->eh.shnum - 1.
 * @sh: filled with the header.
 * @name: set to the name, NUL-terminated inside the section-name table (it
 *        points into the file's bytes; it may hold any non-NUL byte).
 * @diag: on failure, names the section and the values.
 *
 * Checks that sh_name lies inside the section-name table and that the name
 * ends with a NUL before the table does and within NVGSP_FW_ELF_NAME_MAX
 * bytes, and, for every section that has
 * bytes in the file (all but SHT_NULL and SHT_NOBITS), that [sh_offset,
 * sh_offset + sh_size) neither wraps around nor runs past the end of the
 * file.
 *
 * Return: 0, or a negative errno with @diag filled: -E2BIG for a name longer
 * than NVGSP_FW_ELF_NAME_MAX, -EINVAL for anything else.
 */
int nvgsp_fw_elf_section(const struct nvgsp_fw_elf *elf, unsigned int idx,
			 struct nvgsp_fw_elf_shdr *sh, const char **name,
			 struct nvgsp_fw_diag *diag);

/**
 * nvgsp_fw_elf_name_msg() - a section name made safe to quote in a message.
 * @name: the name from the file.
 * @buf: destination, at least NVGSP_FW_ELF_NAME_MSG bytes.
 *
 * Bytes outside printable ASCII become '?', and a name longer than the
 * buffer is cut and ends in "...".
 *
 * Return: @buf.
 */
const char *nvgsp_fw_elf_name_msg(const char *name, char *buf);

/* room for "section 65535 (" + a quoted name + ")" */
#define NVGSP_FW_ELF_SECTION_MSG	(NVGSP_FW_ELF_NAME_MSG + 16)

/**
 * nvgsp_fw_elf_section_msg() - "section <idx> (<name>)" for a message.
 * @elf: an opened file.
 * @idx: the section, below @elf->eh.shnum.
 * @buf: destination, NVGSP_FW_ELF_SECTION_MSG bytes.
 *
 * Safe for any section: a name that is not inside the section-name table
 * or not terminated within NVGSP_FW_ELF_NAME_MAX bytes is left out.
 *
 * Return: @buf.
 */
const char *nvgsp_fw_elf_section_msg(const struct nvgsp_fw_elf *elf, unsigned int idx,
				     char *buf);

/**
 * nvgsp_fw_ranges_overlap() - whether two byte ranges inside a file share a
 * byte.
 * @a_off: first range's start.
 * @a_len: its length (an empty range overlaps nothing).
 * @b_off: second range's start.
 * @b_len: its length.
 *
 * The ranges must be known not to wrap (as every range checked against a
 * file's size is).
 *
 * Return: true when they share at least one byte.
 */
static inline bool nvgsp_fw_ranges_overlap(u64 a_off, u64 a_len, u64 b_off, u64 b_len)
{
	return a_len && b_len && a_off < b_off + b_len && b_off < a_off + a_len;
}

#endif /* NVGSP_FW_ELF_H */
