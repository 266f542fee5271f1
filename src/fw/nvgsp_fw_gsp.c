// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_fw_gsp.c - the GSP-RM image parser (see nvgsp_fw_gsp.h).
 *
 * DOC: GSP-RM image
 *
 * An ELF64, little-endian, ET_REL, EM_RISCV file with no program headers.
 * The sections the driver uses (Documentation/firmware.rst, "The GSP-RM image"):
 *
 * ======================== ============================================
 * .fwimage                 the payload mapped for the GSP (PROGBITS)
 * .fwversion               the release, "570.144\0" (PROGBITS)
 * .fwsignature_<family>    one signature per chip family served
 * .fwsignature_cc_<family> the confidential-compute variant
 * .note.gnu.build-id       optional (570.144 has one): a GNU note
 * ======================== ============================================
 *
 * .symtab, .strtab and anything else are checked to lie inside the file
 * (unless SHT_NOBITS or SHT_NULL, which have no bytes in it) and otherwise
 * ignored, as are program headers (the images have none) and section flags
 * other than SHF_COMPRESSED. The sections the driver uses must not share a
 * byte with each other, the ELF header, the section table or the
 * section-name table. They sit at unaligned offsets (tu102's 570.144 image
 * has .fwversion at 0x1b34f04 and its signatures at 0x...f0c), so every
 * value is copied out byte by byte.
 *
 * The checks follow panthor's firmware iterator: each field gets its own
 * message naming the file, the section and the values, so a bad file says
 * what is wrong with it.
 */
#include "nvgsp_fw_gsp.h"
#include "nvgsp_fw_elf.h"

#define SIG_PREFIX	".fwsignature_"
#define SIG_CC_PREFIX	"cc_"

/* ELF note header (Elf64_Nhdr has 32-bit fields, as Elf32_Nhdr) */
#define NOTE_HDR_SIZE		12
#define NOTE_GNU_NAME_SIZE	4	/* "GNU\0" */
#define NT_GNU_BUILD_ID		3

/*
 * struct gsp_ctx - parse state: where the sections the driver uses lie, so
 * each new one can be checked against those seen before.
 */
struct gsp_ctx {
	const struct nvgsp_fw_blob *blob;
	struct nvgsp_fw_elf elf;
	struct nvgsp_fw_gsp_image *img;
	struct nvgsp_fw_diag *diag;
	unsigned int fwimage_idx;	/* 0: not seen (section 0 is never one) */
	unsigned int fwversion_idx;
	unsigned int build_id_idx;
	struct nvgsp_fw_section build_id;
	u16 sig_idx[NVGSP_FW_MAX_SIGS];
};

static u64 align4(u64 v)
{
	return (v + 3) & ~(u64)3;
}

static int gsp_overlap_fail(const struct gsp_ctx *c, unsigned int idx,
			    const struct nvgsp_fw_section *s, unsigned int other_idx,
			    const struct nvgsp_fw_section *o)
{
	char a[NVGSP_FW_ELF_SECTION_MSG], b[NVGSP_FW_ELF_SECTION_MSG];

	nvgsp_fw_elf_section_msg(&c->elf, idx, a);
	nvgsp_fw_elf_section_msg(&c->elf, other_idx, b);
	return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
			     "%s [0x%llx, 0x%llx) overlaps %s [0x%llx, 0x%llx)", a,
			     s->offset, s->offset + s->size, b, o->offset,
			     o->offset + o->size);
}

/*
 * A used section's bytes must not overlap the headers nor any other used
 * section: the driver maps .fwimage for the GSP and copies signatures out, so
 * a byte belonging to two of them means the file is not what it claims.
 */
static int gsp_check_overlap(const struct gsp_ctx *c, unsigned int idx,
			     const struct nvgsp_fw_section *s)
{
	const struct nvgsp_fw_elf_ehdr *eh = &c->elf.eh;
	const struct nvgsp_fw_gsp_image *img = c->img;
	u64 table_len = (u64)eh->shnum * c->elf.shdr_size;
	char a[NVGSP_FW_ELF_SECTION_MSG];
	unsigned int i;

	if (nvgsp_fw_ranges_overlap(s->offset, s->size, 0, eh->ehsize)) {
		nvgsp_fw_elf_section_msg(&c->elf, idx, a);
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "%s [0x%llx, 0x%llx) overlaps the ELF header [0, 0x%x)", a,
				     s->offset, s->offset + s->size, eh->ehsize);
	}
	if (nvgsp_fw_ranges_overlap(s->offset, s->size, eh->shoff, table_len)) {
		nvgsp_fw_elf_section_msg(&c->elf, idx, a);
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "%s [0x%llx, 0x%llx) overlaps the section table [0x%llx, 0x%llx)",
				     a, s->offset, s->offset + s->size,
				     eh->shoff, eh->shoff + table_len);
	}
	if (nvgsp_fw_ranges_overlap(s->offset, s->size, c->elf.shstrtab.offset,
				    c->elf.shstrtab.size))
		return gsp_overlap_fail(c, idx, s, eh->shstrndx, &c->elf.shstrtab);
	if (c->fwimage_idx && nvgsp_fw_ranges_overlap(s->offset, s->size, img->fwimage.offset,
						      img->fwimage.size))
		return gsp_overlap_fail(c, idx, s, c->fwimage_idx, &img->fwimage);
	if (c->fwversion_idx && nvgsp_fw_ranges_overlap(s->offset, s->size,
							img->fwversion.offset,
							img->fwversion.size))
		return gsp_overlap_fail(c, idx, s, c->fwversion_idx, &img->fwversion);
	if (c->build_id_idx && nvgsp_fw_ranges_overlap(s->offset, s->size, c->build_id.offset,
						       c->build_id.size))
		return gsp_overlap_fail(c, idx, s, c->build_id_idx, &c->build_id);
	for (i = 0; i < img->nr_sigs; i++)
		if (nvgsp_fw_ranges_overlap(s->offset, s->size, img->sigs[i].sect.offset,
					    img->sigs[i].sect.size))
			return gsp_overlap_fail(c, idx, s, c->sig_idx[i], &img->sigs[i].sect);
	return 0;
}

/* What every section the driver reads must be: PROGBITS (or NOTE), stored plainly. */
static int gsp_check_type(const struct gsp_ctx *c, unsigned int idx, const char *name,
			  const struct nvgsp_fw_elf_shdr *sh, u32 type, const char *type_name)
{
	char msg[NVGSP_FW_ELF_NAME_MSG];

	if (sh->type != type)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (%s): sh_type %u is not %s (%u)%s", idx,
				     nvgsp_fw_elf_name_msg(name, msg), sh->type, type_name, type,
				     sh->type == NVGSP_ELF_SHT_NOBITS ?
				     ": SHT_NOBITS has no bytes in the file" : "");
	if (sh->flags & NVGSP_ELF_SHF_COMPRESSED)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (%s): compressed (sh_flags 0x%llx has SHF_COMPRESSED)",
				     idx, nvgsp_fw_elf_name_msg(name, msg), sh->flags);
	return 0;
}

static int gsp_fwimage(struct gsp_ctx *c, unsigned int idx, const struct nvgsp_fw_elf_shdr *sh)
{
	struct nvgsp_fw_gsp_image *img = c->img;
	struct nvgsp_fw_section s = { sh->offset, sh->size };
	int ret;

	if (c->fwimage_idx)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (.fwimage): a second .fwimage (the first is section %u)",
				     idx, c->fwimage_idx);
	ret = gsp_check_type(c, idx, ".fwimage", sh, NVGSP_ELF_SHT_PROGBITS, "SHT_PROGBITS");
	if (ret)
		return ret;
	if (!sh->size)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL, "section %u (.fwimage) is empty",
				     idx);
	ret = gsp_check_overlap(c, idx, &s);
	if (ret)
		return ret;
	img->fwimage = s;
	c->fwimage_idx = idx;
	return 0;
}

/*
 * .fwversion: the release string and its NUL, nothing else ("570.144\0";
 * NUL padding after it is tolerated). It is short, so a section longer than
 * the longest string kept is refused before its bytes are looked at.
 */
static int gsp_fwversion(struct gsp_ctx *c, unsigned int idx, const struct nvgsp_fw_elf_shdr *sh)
{
	struct nvgsp_fw_gsp_image *img = c->img;
	struct nvgsp_fw_section s = { sh->offset, sh->size };
	unsigned int len, i;
	const u8 *p;
	int ret;

	if (c->fwversion_idx)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (.fwversion): a second .fwversion (the first is section %u)",
				     idx, c->fwversion_idx);
	ret = gsp_check_type(c, idx, ".fwversion", sh, NVGSP_ELF_SHT_PROGBITS, "SHT_PROGBITS");
	if (ret)
		return ret;
	if (sh->size > NVGSP_FW_VERSION_MAX)
		return nvgsp_fw_fail(c->diag, c->blob, -E2BIG,
				     "section %u (.fwversion): %llu bytes, longer than the %u kept",
				     idx, sh->size, NVGSP_FW_VERSION_MAX);
	if (!sh->size)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (.fwversion) is empty (0 bytes)", idx);
	/* a PROGBITS section's bytes were checked to lie inside the file */
	p = c->blob->data + sh->offset;
	for (len = 0; len < sh->size && p[len]; len++)
		;
	if (len == sh->size)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (.fwversion): no NUL terminator in its %llu bytes",
				     idx, sh->size);
	if (!len)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (.fwversion): the version string is empty", idx);
	for (i = 0; i < len; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
					     "section %u (.fwversion): byte 0x%02x at offset %u is not printable ASCII",
					     idx, p[i], i);
	for (i = len + 1; i < sh->size; i++)
		if (p[i])
			return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
					     "section %u (.fwversion): byte 0x%02x at offset %u follows the NUL at %u",
					     idx, p[i], i, len);
	ret = gsp_check_overlap(c, idx, &s);
	if (ret)
		return ret;
	for (i = 0; i <= len; i++)
		img->version[i] = (char)p[i];
	img->fwversion = s;
	c->fwversion_idx = idx;
	return 0;
}

/* .fwsignature_<family> and .fwsignature_cc_<family> */
static int gsp_signature(struct gsp_ctx *c, unsigned int idx, const char *name,
			 const char *suffix, const struct nvgsp_fw_elf_shdr *sh)
{
	struct nvgsp_fw_gsp_image *img = c->img;
	struct nvgsp_fw_section s = { sh->offset, sh->size };
	const char *family = nvgsp_fw_str_prefix(suffix, SIG_CC_PREFIX);
	char msg[NVGSP_FW_ELF_NAME_MSG];
	struct nvgsp_fw_gsp_sig *sig;
	bool cc = family != NULL;
	unsigned int len, i;
	int ret;

	if (!cc)
		family = suffix;
	nvgsp_fw_elf_name_msg(name, msg);
	for (len = 0; family[len] && len < NVGSP_FW_FAMILY_MAX; len++)
		;
	if (!len)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (%s): the signature family name is empty", idx, msg);
	if (len >= NVGSP_FW_FAMILY_MAX)
		return nvgsp_fw_fail(c->diag, c->blob, -E2BIG,
				     "section %u (%s): the signature family name is longer than %u characters",
				     idx, msg, NVGSP_FW_FAMILY_MAX - 1);
	for (i = 0; i < len; i++) {
		char ch = family[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')))
			return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
					     "section %u (%s): byte 0x%02x at %u of the family name is not a-z or 0-9",
					     idx, msg, (u8)ch, i);
	}
	ret = gsp_check_type(c, idx, name, sh, NVGSP_ELF_SHT_PROGBITS, "SHT_PROGBITS");
	if (ret)
		return ret;
	if (!sh->size)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL, "section %u (%s) is empty", idx, msg);
	for (i = 0; i < img->nr_sigs; i++)
		if (img->sigs[i].cc == cc && nvgsp_fw_str_eq(img->sigs[i].family, family))
			return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
					     "section %u (%s): a second signature for %s%s (the first is section %u)",
					     idx, msg, cc ? "cc_" : "", family, c->sig_idx[i]);
	if (img->nr_sigs == NVGSP_FW_MAX_SIGS)
		return nvgsp_fw_fail(c->diag, c->blob, -E2BIG,
				     "section %u (%s): more than %u signature sections", idx, msg,
				     NVGSP_FW_MAX_SIGS);
	ret = gsp_check_overlap(c, idx, &s);
	if (ret)
		return ret;
	sig = &img->sigs[img->nr_sigs];
	for (i = 0; i <= len; i++)
		sig->family[i] = family[i];
	sig->cc = cc;
	sig->sect = s;
	c->sig_idx[img->nr_sigs++] = (u16)idx;
	return 0;
}

/*
 * .note.gnu.build-id: one ELF note, {n_namesz 4, n_descsz, n_type 3} then
 * "GNU\0" then the descriptor, padded to 4 bytes, filling the section.
 */
static int gsp_build_id(struct gsp_ctx *c, unsigned int idx, const struct nvgsp_fw_elf_shdr *sh)
{
	static const char what[] = ".note.gnu.build-id";
	struct nvgsp_fw_gsp_image *img = c->img;
	struct nvgsp_fw_section s = { sh->offset, sh->size };
	u32 namesz, descsz, type;
	unsigned int i;
	const u8 *p;
	u64 need;
	int ret;

	if (c->build_id_idx)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (%s): a second %s (the first is section %u)",
				     idx, what, what, c->build_id_idx);
	ret = gsp_check_type(c, idx, what, sh, NVGSP_ELF_SHT_NOTE, "SHT_NOTE");
	if (ret)
		return ret;
	if (sh->size < NOTE_HDR_SIZE)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (%s): %llu bytes, shorter than a %u-byte note header",
				     idx, what, sh->size, NOTE_HDR_SIZE);
	p = c->blob->data + sh->offset;
	namesz = get_unaligned_le32(p);
	descsz = get_unaligned_le32(p + 4);
	type = get_unaligned_le32(p + 8);
	if (namesz != NOTE_GNU_NAME_SIZE)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (%s): n_namesz %u is not 4 (\"GNU\")", idx, what,
				     namesz);
	if (type != NT_GNU_BUILD_ID)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (%s): n_type %u is not NT_GNU_BUILD_ID (3)", idx,
				     what, type);
	need = NOTE_HDR_SIZE + align4(namesz) + align4(descsz);
	if (need > sh->size)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (%s): n_descsz %u needs a 0x%llx-byte note, the section has 0x%llx bytes",
				     idx, what, descsz, need, sh->size);
	if (need < sh->size)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (%s): %llu bytes follow the 0x%llx-byte note",
				     idx, what, sh->size - need, need);
	if (p[12] != 'G' || p[13] != 'N' || p[14] != 'U' || p[15] != '\0')
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (%s): owner %02x %02x %02x %02x is not \"GNU\\0\"",
				     idx, what, p[12], p[13], p[14], p[15]);
	if (!descsz)
		return nvgsp_fw_fail(c->diag, c->blob, -EINVAL,
				     "section %u (%s): n_descsz 0: the build-id is empty", idx, what);
	if (descsz > NVGSP_FW_BUILD_ID_MAX)
		return nvgsp_fw_fail(c->diag, c->blob, -E2BIG,
				     "section %u (%s): n_descsz %u: the build-id is longer than the %u bytes kept",
				     idx, what, descsz, NVGSP_FW_BUILD_ID_MAX);
	ret = gsp_check_overlap(c, idx, &s);
	if (ret)
		return ret;
	for (i = 0; i < descsz; i++)
		img->build_id[i] = p[NOTE_HDR_SIZE + NOTE_GNU_NAME_SIZE + i];
	img->build_id_len = descsz;
	c->build_id = s;
	c->build_id_idx = idx;
	return 0;
}

static int gsp_section(struct gsp_ctx *c, unsigned int idx)
{
	struct nvgsp_fw_elf_shdr sh;
	const char *name, *suffix;
	int ret;

	ret = nvgsp_fw_elf_section(&c->elf, idx, &sh, &name, c->diag);
	if (ret)
		return ret;
	if (nvgsp_fw_str_eq(name, ".fwimage"))
		return gsp_fwimage(c, idx, &sh);
	if (nvgsp_fw_str_eq(name, ".fwversion"))
		return gsp_fwversion(c, idx, &sh);
	if (nvgsp_fw_str_eq(name, ".note.gnu.build-id"))
		return gsp_build_id(c, idx, &sh);
	suffix = nvgsp_fw_str_prefix(name, SIG_PREFIX);
	if (suffix)
		return gsp_signature(c, idx, name, suffix, &sh);
	return 0;
}

int nvgsp_fw_gsp_parse(const struct nvgsp_fw_blob *blob,
		       struct nvgsp_fw_gsp_image *img, struct nvgsp_fw_diag *diag)
{
	struct gsp_ctx c = { .blob = blob, .img = img, .diag = diag };
	unsigned int i;
	int ret;

	*img = (struct nvgsp_fw_gsp_image){ .nr_sigs = 0 };
	ret = nvgsp_fw_elf_open(&c.elf, blob, NVGSP_ELF_CLASS64, diag);
	if (ret)
		return ret;
	if (c.elf.eh.type != NVGSP_ELF_ET_REL)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_type %u is not ET_REL (1)",
				     c.elf.eh.type);
	if (c.elf.eh.machine != NVGSP_ELF_EM_RISCV)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "e_machine %u is not EM_RISCV (243)",
				     c.elf.eh.machine);

	/* section 0 is the reserved null entry; e_shnum 0 was refused */
	for (i = 1; i < c.elf.eh.shnum; i++) {
		ret = gsp_section(&c, i);
		if (ret)
			goto fail;
	}
	if (!c.fwimage_idx)
		ret = nvgsp_fw_fail(diag, blob, -EINVAL, ".fwimage: no such section among the %u",
				    c.elf.eh.shnum);
	else if (!c.fwversion_idx)
		ret = nvgsp_fw_fail(diag, blob, -EINVAL, ".fwversion: no such section among the %u",
				    c.elf.eh.shnum);
	else if (!img->nr_sigs)
		ret = nvgsp_fw_fail(diag, blob, -EINVAL,
				    ".fwsignature_*: no signature section among the %u",
				    c.elf.eh.shnum);
	if (ret)
		goto fail;
	img->nr_sections = c.elf.eh.shnum;
	return 0;

fail:
	/* a refused file leaves nothing a caller could mistake for facts */
	*img = (struct nvgsp_fw_gsp_image){ .nr_sigs = 0 };
	return ret;
}

const struct nvgsp_fw_gsp_sig *nvgsp_fw_gsp_find_sig(const struct nvgsp_fw_gsp_image *img,
						     const char *family, bool cc)
{
	unsigned int i;

	for (i = 0; i < img->nr_sigs && i < NVGSP_FW_MAX_SIGS; i++)
		if (img->sigs[i].cc == cc && nvgsp_fw_str_eq(img->sigs[i].family, family))
			return &img->sigs[i];
	return NULL;
}
