// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_fw_fmc.c - the Hopper/Blackwell GSP-FMC image parser (see
 * nvgsp_fw_fmc.h).
 *
 * DOC: GSP-FMC image
 *
 * Source: Linux's nouveau, drivers/gpu/drm/nouveau/nvkm/subdev/gsp/gh100.c
 * (gh100_gsp_oneinit(), elf_validate_sections(), elf_section(); Linux 6.16+),
 * and the chain-of-trust sizes in drivers/gpu/drm/nouveau/nvkm/subdev/fsp/
 * gh100.c (COT version 1: hash 48, public key 384, signature 384) and
 * fsp/gb100.c, fsp/gb202.c (COT version 2: hash 48, public key 97,
 * signature 96). Checked against the three released files
 * (nvidia/{gh100,gb100,gb202}/gsp/fmc-570.144.bin) with readelf.
 *
 * The file is an ELF32, little-endian, with a fixed header nouveau compares
 * byte for byte: e_ident 7f 'E' 'L' 'F' 1 1 1 then nine zero bytes, e_type 0
 * (ET_NONE), e_machine 0 (EM_NONE), e_version 1, e_entry 0, e_phoff 0,
 * e_shoff 52 (the section table right after the header), e_flags 0,
 * e_ehsize 52, e_phentsize 0, e_phnum 0, e_shentsize 40, e_shnum 6,
 * e_shstrndx 1. The six sections:
 *
 * ===== ========== ============ ============= ===========================
 * index name       sh_type      sh_flags      released files (GH100 / GB)
 * ===== ========== ============ ============= ===========================
 * 0     (null)
 * 1     .shstrtab  SHT_STRTAB   SHF_STRINGS   42 bytes, sh_info 0
 * 2     hash       SHT_PROGBITS 0xfff00102    48 / 48
 * 3     signature  SHT_PROGBITS 0xfff00102    384 / 96
 * 4     publickey  SHT_PROGBITS 0xfff00102    384 / 97
 * 5     image      SHT_PROGBITS 0xfff00102    the rest of the file
 * ===== ========== ============ ============= ===========================
 *
 * 0xfff00102 is SHF_MASKPROC | SHF_MASKOS | SHF_OS_NONCONFORMING | SHF_ALLOC.
 * Every section lies at or after the end of the section table (0x124) and
 * inside the file.
 *
 * CRC rule: a non-zero sh_info is the CRC-32 of the section's bytes,
 * [sh_offset, sh_offset + sh_size): the standard IEEE 802.3 reflected CRC
 * with initial value and final xor 0xffffffff, what zlib's crc32(0, ...)
 * returns (nouveau computes crc32_le(~0, ...) ^ ~0, the same thing). It is
 * what nvgsp_fw_crc32(0, ...) computes; no other variant is involved. A
 * zero sh_info means no CRC is recorded (nouveau skips the check); in the
 * released files hash, signature, publickey and image carry one and
 * .shstrtab does not. The ELF header and the section table are not covered.
 *
 * nouveau finds the four sections by name and takes the first match; this
 * parser also refuses a name outside the name table, a duplicate, an empty
 * section, sections that share bytes, and sizes larger than the FSP's
 * message can carry.
 */
#include "nvgsp_fw_fmc.h"
#include "nvgsp_fw_elf.h"

#define FMC_SHNUM	6
#define FMC_SHSTRNDX	1
#define FMC_SECTIONS_START	(NVGSP_ELF32_EHDR_SIZE + FMC_SHNUM * NVGSP_ELF32_SHDR_SIZE)
#define FMC_SHF_FLAGS	(NVGSP_ELF_SHF_MASKPROC | NVGSP_ELF_SHF_MASKOS | \
			 NVGSP_ELF_SHF_OS_NONCONFORMING | NVGSP_ELF_SHF_ALLOC)

static const struct {
	const char *name;
	u32 max;	/* largest size the FSP's message carries; 0: no limit */
} fmc_parts[NVGSP_FW_FMC_NR_PARTS] = {
	[NVGSP_FW_FMC_HASH] = { "hash", NVGSP_FW_FMC_HASH_MAX },
	[NVGSP_FW_FMC_SIGNATURE] = { "signature", NVGSP_FW_FMC_SIG_MAX },
	[NVGSP_FW_FMC_PUBLICKEY] = { "publickey", NVGSP_FW_FMC_PKEY_MAX },
	[NVGSP_FW_FMC_IMAGE] = { "image", 0 },
};

/* the sizes each FSP chain-of-trust version reads, by part */
static const struct {
	unsigned int version;
	u32 size[NVGSP_FW_FMC_IMAGE];
} fmc_cot[] = {
	{ 1, { [NVGSP_FW_FMC_HASH] = 48, [NVGSP_FW_FMC_SIGNATURE] = 384,
	       [NVGSP_FW_FMC_PUBLICKEY] = 384 } },
	{ 2, { [NVGSP_FW_FMC_HASH] = 48, [NVGSP_FW_FMC_SIGNATURE] = 96,
	       [NVGSP_FW_FMC_PUBLICKEY] = 97 } },
};

const char *nvgsp_fw_fmc_part_name(enum nvgsp_fw_fmc_part part)
{
	return (unsigned int)part < NVGSP_FW_FMC_NR_PARTS ? fmc_parts[part].name : "?";
}

/* The fixed header fields nouveau's byte-for-byte comparison implies. */
static int fmc_check_header(const struct nvgsp_fw_elf *elf, struct nvgsp_fw_diag *diag)
{
	const struct nvgsp_fw_blob *blob = elf->blob;
	const struct nvgsp_fw_elf_ehdr *eh = &elf->eh;
	unsigned int i;

	for (i = NVGSP_ELF_EI_VERSION + 1; i < NVGSP_ELF_NIDENT; i++)
		if (eh->ident[i])
			return nvgsp_fw_fail(diag, blob, -EINVAL,
					     "e_ident[%u] 0x%02x is not 0 (OS ABI, ABI version and padding are 0)",
					     i, eh->ident[i]);
	if (eh->type != NVGSP_ELF_ET_NONE)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_type %u is not ET_NONE (0)",
				     eh->type);
	if (eh->machine != NVGSP_ELF_EM_NONE)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_machine %u is not EM_NONE (0)",
				     eh->machine);
	if (eh->entry)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_entry 0x%llx is not 0",
				     eh->entry);
	if (eh->phoff)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_phoff 0x%llx is not 0",
				     eh->phoff);
	if (eh->flags)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_flags 0x%x is not 0", eh->flags);
	if (eh->phentsize)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_phentsize %u is not 0",
				     eh->phentsize);
	if (eh->phnum)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_phnum %u is not 0", eh->phnum);
	if (eh->shoff != NVGSP_ELF32_EHDR_SIZE)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "e_shoff 0x%llx is not 0x%x (the section table follows the header)",
				     eh->shoff, NVGSP_ELF32_EHDR_SIZE);
	if (eh->shnum != FMC_SHNUM)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_shnum %u is not %u", eh->shnum,
				     FMC_SHNUM);
	if (eh->shstrndx != FMC_SHSTRNDX)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_shstrndx %u is not %u",
				     eh->shstrndx, FMC_SHSTRNDX);
	return 0;
}

/* One section's type, flags and place. */
static int fmc_check_section(const struct nvgsp_fw_elf *elf, unsigned int idx,
			     const struct nvgsp_fw_elf_shdr *sh, const char *name,
			     struct nvgsp_fw_diag *diag)
{
	const struct nvgsp_fw_blob *blob = elf->blob;
	char msg[NVGSP_FW_ELF_NAME_MSG];

	nvgsp_fw_elf_name_msg(name, msg);
	if (idx == FMC_SHSTRNDX) {
		/* nvgsp_fw_elf_open() checked it is SHT_STRTAB */
		if (sh->flags != NVGSP_ELF_SHF_STRINGS)
			return nvgsp_fw_fail(diag, blob, -EINVAL,
					     "section %u (%s): sh_flags 0x%llx is not SHF_STRINGS (0x%x)",
					     idx, msg, sh->flags, NVGSP_ELF_SHF_STRINGS);
	} else {
		if (sh->type != NVGSP_ELF_SHT_PROGBITS)
			return nvgsp_fw_fail(diag, blob, -EINVAL,
					     "section %u (%s): sh_type %u is not SHT_PROGBITS (1)",
					     idx, msg, sh->type);
		if (sh->flags != FMC_SHF_FLAGS)
			return nvgsp_fw_fail(diag, blob, -EINVAL,
					     "section %u (%s): sh_flags 0x%llx is not 0x%x (ALLOC | OS_NONCONFORMING | MASKOS | MASKPROC)",
					     idx, msg, sh->flags, FMC_SHF_FLAGS);
	}
	if (sh->offset < FMC_SECTIONS_START)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "section %u (%s): offset 0x%llx is inside the headers (sections start at 0x%x)",
				     idx, msg, sh->offset, FMC_SECTIONS_START);
	if (!sh->size)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "section %u (%s) is empty", idx, msg);
	return 0;
}

static int fmc_find_part(const char *name)
{
	int part;

	for (part = 0; part < NVGSP_FW_FMC_NR_PARTS; part++)
		if (nvgsp_fw_str_eq(name, fmc_parts[part].name))
			return part;
	return -1;
}

/* Each section against those before it: no byte may belong to two. */
static int fmc_check_overlaps(const struct nvgsp_fw_elf *elf, struct nvgsp_fw_diag *diag)
{
	char a[NVGSP_FW_ELF_SECTION_MSG], b[NVGSP_FW_ELF_SECTION_MSG];
	struct nvgsp_fw_elf_shdr si, sj;
	unsigned int i, j;

	for (i = 2; i < FMC_SHNUM; i++) {
		nvgsp_fw_elf_read_shdr(elf, i, &si);
		for (j = 1; j < i; j++) {
			nvgsp_fw_elf_read_shdr(elf, j, &sj);
			if (!nvgsp_fw_ranges_overlap(si.offset, si.size, sj.offset, sj.size))
				continue;
			return nvgsp_fw_fail(diag, elf->blob, -EINVAL,
					     "%s [0x%llx, 0x%llx) overlaps %s [0x%llx, 0x%llx)",
					     nvgsp_fw_elf_section_msg(elf, i, a), si.offset,
					     si.offset + si.size,
					     nvgsp_fw_elf_section_msg(elf, j, b), sj.offset,
					     sj.offset + sj.size);
		}
	}
	return 0;
}

/* Every recorded CRC, once the structure is known good (the costly part). */
static int fmc_check_crcs(const struct nvgsp_fw_elf *elf, struct nvgsp_fw_fmc_image *img,
			  struct nvgsp_fw_diag *diag)
{
	char a[NVGSP_FW_ELF_SECTION_MSG];
	struct nvgsp_fw_elf_shdr sh;
	unsigned int i, part;
	u32 crc;

	for (i = 1; i < FMC_SHNUM; i++) {
		nvgsp_fw_elf_read_shdr(elf, i, &sh);
		if (!sh.info)
			continue;
		crc = nvgsp_fw_crc32(0, elf->blob->data + sh.offset, (size_t)sh.size);
		if (crc != sh.info)
			return nvgsp_fw_fail(diag, elf->blob, -EINVAL,
					     "%s: CRC-32 0x%08x of its %llu bytes does not match sh_info 0x%08x",
					     nvgsp_fw_elf_section_msg(elf, i, a), crc, sh.size,
					     sh.info);
		for (part = 0; part < NVGSP_FW_FMC_NR_PARTS; part++)
			if (img->parts[part].index == i)
				img->parts[part].crc_checked = true;
	}
	return 0;
}

static int fmc_parse(const struct nvgsp_fw_blob *blob, struct nvgsp_fw_fmc_image *img,
		     struct nvgsp_fw_diag *diag)
{
	struct nvgsp_fw_elf elf;
	struct nvgsp_fw_elf_shdr sh;
	const char *name;
	char msg[NVGSP_FW_ELF_NAME_MSG];
	unsigned int i;
	int ret, part;

	ret = nvgsp_fw_elf_open(&elf, blob, NVGSP_ELF_CLASS32, diag);
	if (ret)
		return ret;
	ret = fmc_check_header(&elf, diag);
	if (ret)
		return ret;
	img->names = elf.shstrtab;

	for (i = 1; i < FMC_SHNUM; i++) {
		ret = nvgsp_fw_elf_section(&elf, i, &sh, &name, diag);
		if (ret)
			return ret;
		ret = fmc_check_section(&elf, i, &sh, name, diag);
		if (ret)
			return ret;
		part = i == FMC_SHSTRNDX ? -1 : fmc_find_part(name);
		if (part < 0)
			continue;	/* nouveau ignores other names; a missing part is refused below */
		nvgsp_fw_elf_name_msg(name, msg);
		if (img->parts[part].index)
			return nvgsp_fw_fail(diag, blob, -EINVAL,
					     "section %u (%s): a second \"%s\" section (the first is section %u)",
					     i, msg, msg, img->parts[part].index);
		if (fmc_parts[part].max && sh.size > fmc_parts[part].max)
			return nvgsp_fw_fail(diag, blob, -E2BIG,
					     "section %u (%s): %llu bytes, more than the %u the FSP chain-of-trust message carries",
					     i, msg, sh.size, fmc_parts[part].max);
		img->parts[part].sect.offset = sh.offset;
		img->parts[part].sect.size = sh.size;
		img->parts[part].index = i;
		img->parts[part].crc = sh.info;
	}
	for (part = 0; part < NVGSP_FW_FMC_NR_PARTS; part++)
		if (!img->parts[part].index)
			return nvgsp_fw_fail(diag, blob, -EINVAL,
					     "\"%s\": no such section among the %u",
					     fmc_parts[part].name, FMC_SHNUM);
	ret = fmc_check_overlaps(&elf, diag);
	if (ret)
		return ret;
	return fmc_check_crcs(&elf, img, diag);
}

int nvgsp_fw_fmc_parse(const struct nvgsp_fw_blob *blob, struct nvgsp_fw_fmc_image *img,
		       struct nvgsp_fw_diag *diag)
{
	int ret;

	*img = (struct nvgsp_fw_fmc_image){ .names = { 0, 0 } };
	ret = fmc_parse(blob, img, diag);
	if (ret)
		*img = (struct nvgsp_fw_fmc_image){ .names = { 0, 0 } };
	return ret;
}

int nvgsp_fw_fmc_check_cot(const struct nvgsp_fw_blob *blob,
			   const struct nvgsp_fw_fmc_image *img, unsigned int cot_version,
			   struct nvgsp_fw_diag *diag)
{
	unsigned int v, part;

	for (v = 0; v < ARRAY_SIZE(fmc_cot); v++)
		if (fmc_cot[v].version == cot_version)
			break;
	if (v == ARRAY_SIZE(fmc_cot))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "FSP chain-of-trust version %u is not 1 or 2", cot_version);
	for (part = 0; part < NVGSP_FW_FMC_IMAGE; part++)
		if (img->parts[part].sect.size != fmc_cot[v].size[part])
			return nvgsp_fw_fail(diag, blob, -EINVAL,
					     "section %u (%s): %llu bytes, FSP chain-of-trust version %u expects %u",
					     img->parts[part].index, fmc_parts[part].name,
					     img->parts[part].sect.size, cot_version,
					     fmc_cot[v].size[part]);
	return 0;
}
