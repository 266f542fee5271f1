// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_fw.c - the real firmware files of the simulated chip and release,
 * as the hardware and the firmware know them: the GSP image's .fwimage and
 * the signature for the chip's family, the bootloader's RISC-V ucode, the
 * booters, gen_bootloader, scrubber and fmc.
 *
 * Userspace (part of gpusim). Files are found as linux-firmware lays them
 * out, <fw_path>/nvidia/<chip>/gsp/<role>-<release>.bin, with symlinks
 * followed (open() does), and parsed with the firmware layer's parsers
 * (src/fw), which are tested against the same files. The facts the booter
 * model compares with what the driver staged (.fwversion, .fwimage, the
 * family's signature, the bootloader's image and offsets, the HS booters'
 * code, data, signature and BROM parameters, gen_bootloader's code and tag,
 * the fmc's four sections) are read a second time by gpusim's own readers
 * (gpusim_fwread.c), and a file both read
 * differently is refused, so that a parser bug cannot hide itself in the
 * model's verdicts; what the model uses is its own reading. Which files a release
 * needs for a chip comes from its ABI table (nvgsp_fw_release_roles()). The
 * driver's boot code (src/gsp) is not used: what the model checks must not
 * come from the code it checks.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gpusim_fwread.h"
#include "gpusim_wpr.h"

/**
 * struct gpusim_fw - one chip's firmware files of one release.
 * @abi: the release's ABI table.
 * @chip: the chip.
 * @roles: NVGSP_FW_ROLE() bits of the files loaded.
 * @blobs: the files' bytes, by role (empty where @roles lacks the bit).
 * @gsp: the GSP image as parsed.
 * @sig: the signature section for @chip's family, in @gsp.
 * @fwimage: .fwimage's bytes, inside the gsp blob (gpusim's own reading).
 * @fwimage_size: their number.
 * @signature: the signature's bytes, inside the gsp blob (gpusim's own reading).
 * @signature_size: their number.
 * @bl: the bootloader, when loaded.
 * @hs: booter_load, booter_unload and scrubber, by role, when loaded.
 * @gen_bl: gen_bootloader, when loaded.
 * @fmc: the fmc, when loaded.
 * @bl_own: the bootloader by gpusim's own reader.
 * @hs_own: the HS ucodes by gpusim's own reader, by role.
 * @gen_bl_own: gen_bootloader by gpusim's own reader.
 * @fmc_own: the fmc's sections by gpusim's own reader, by
 *           enum nvgsp_fw_fmc_part: file offset and size.
 */
struct gpusim_fw {
	const struct nvgsp_abi *abi;
	const struct nvgsp_chip_info *chip;
	u32 roles;
	struct nvgsp_fw_blob blobs[NVGSP_FW_NR_ROLES];
	struct nvgsp_fw_gsp_image gsp;
	const struct nvgsp_fw_gsp_sig *sig;
	const u8 *fwimage;
	u64 fwimage_size;
	const u8 *signature;
	u64 signature_size;
	struct nvgsp_fw_riscv_ucode bl;
	struct nvgsp_fw_hs_ucode hs[NVGSP_FW_NR_ROLES];
	struct nvgsp_fw_bl_ucode gen_bl;
	struct nvgsp_fw_fmc_image fmc;
	struct gpusim_bl_facts bl_own;
	struct gpusim_hs_facts hs_own[NVGSP_FW_NR_ROLES];
	struct gpusim_gen_bl_facts gen_bl_own;
	struct {
		u64 off, size;
	} fmc_own[NVGSP_FW_FMC_NR_PARTS];
};

/* The fmc's section names, by enum nvgsp_fw_fmc_part (nouveau nvkm/subdev/gsp/gh100.c). */
static const char *const fw_fmc_names[NVGSP_FW_FMC_NR_PARTS] = {
	[NVGSP_FW_FMC_HASH] = "hash",
	[NVGSP_FW_FMC_SIGNATURE] = "signature",
	[NVGSP_FW_FMC_PUBLICKEY] = "publickey",
	[NVGSP_FW_FMC_IMAGE] = "image",
};

static void fw_err(char *err, size_t err_len, const char *fmt, ...) __printf(3, 4);

static void fw_err(char *err, size_t err_len, const char *fmt, ...)
{
	va_list ap;

	if (!err || !err_len)
		return;
	va_start(ap, fmt);
	vsnprintf(err, err_len, fmt, ap);
	va_end(ap);
}

static const struct nvgsp_chip_info *fw_find_chip(const char *name)
{
	const struct nvgsp_chip_info *tab;
	size_t n, i;

	tab = nvgsp_chip_table(&n);
	for (i = 0; i < n; i++)
		if (!strcasecmp(tab[i].fw_dir, name) || !strcasecmp(tab[i].name, name))
			return &tab[i];
	return NULL;
}

/*
 * Map the whole file at @path into @blob (named @rel for messages), read-only
 * and private: the unit tier creates a model per test, and a copy of a 60 MiB
 * GSP image each time was most of its run time. An empty file gets a 1-byte
 * heap buffer (gpusim_fw_free() tells them apart by the size).
 */
static int fw_read(const char *path, const char *rel, struct nvgsp_fw_blob *blob,
		   char *err, size_t err_len)
{
	struct stat st;
	void *data;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		fw_err(err, err_len, "%s: cannot open: %s", path, strerror(errno));
		return ret;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		fw_err(err, err_len, "%s: not a regular file", path);
		ret = -EIO;
		goto close_file;
	}
	if (st.st_size)
		data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	else
		data = malloc(1);
	if (!data || data == MAP_FAILED) {
		ret = st.st_size ? -errno : -ENOMEM;
		fw_err(err, err_len, "%s: cannot map %lld bytes: %s", path,
		       (long long)st.st_size, strerror(-ret));
		goto close_file;
	}
	blob->name = strdup(rel);
	if (!blob->name) {
		fw_err(err, err_len, "%s: no memory", path);
		ret = -ENOMEM;
		goto free_data;
	}
	blob->data = data;
	blob->size = (size_t)st.st_size;
	close(fd);
	return 0;

free_data:
	if (st.st_size)
		munmap(data, (size_t)st.st_size);
	else
		free(data);
close_file:
	close(fd);
	return ret;
}

/* Parse the file of @role with its parser; keep what the model needs. */
static int fw_parse(struct gpusim_fw *fw, enum nvgsp_fw_role role, char *err, size_t err_len)
{
	const struct nvgsp_fw_blob *blob = &fw->blobs[role];
	struct nvgsp_fw_diag *diag;
	int ret;

	diag = calloc(1, sizeof(*diag));
	if (!diag) {
		fw_err(err, err_len, "%s: no memory", blob->name);
		return -ENOMEM;
	}
	switch (role) {
	case NVGSP_FW_GSP:
		ret = nvgsp_fw_gsp_parse(blob, &fw->gsp, diag);
		break;
	case NVGSP_FW_BOOTLOADER:
		ret = nvgsp_fw_ucode_parse_riscv(blob, &fw->bl, diag);
		break;
	case NVGSP_FW_BOOTER_LOAD:
	case NVGSP_FW_BOOTER_UNLOAD:
	case NVGSP_FW_SCRUBBER:
		ret = nvgsp_fw_ucode_parse_hs(blob, &fw->hs[role], diag);
		break;
	case NVGSP_FW_GEN_BOOTLOADER:
		ret = nvgsp_fw_ucode_parse_bl(blob, &fw->gen_bl, diag);
		break;
	case NVGSP_FW_FMC:
		ret = nvgsp_fw_fmc_parse(blob, &fw->fmc, diag);
		break;
	default:
		snprintf(diag->msg, sizeof(diag->msg), "%s: no parser for role %d",
			 blob->name, role);
		ret = -EINVAL;
		break;
	}
	if (ret)
		fw_err(err, err_len, "%s", diag->msg);
	free(diag);
	return ret;
}

/* A fact gpusim's reader and the driver's parser read differently. */
static int fw_disagree(char *err, size_t err_len, const char *file, const char *what,
		       u64 own, u64 parsed)
{
	fw_err(err, err_len, "%s: gpusim reads %s 0x%llx, the driver's parser 0x%llx",
	       file, what, own, parsed);
	return -EINVAL;
}

/* .fwversion, .fwimage and the family's signature by gpusim's own reader. */
static int fw_own_gsp(struct gpusim_fw *fw, const char *release, char *err, size_t err_len)
{
	const struct nvgsp_fw_blob *blob = &fw->blobs[NVGSP_FW_GSP];
	u64 img_off, img_size, sig_off, sig_size, ver_off, ver_size;
	char sect[64];
	int ret;

	snprintf(sect, sizeof(sect), ".fwsignature_%s", fw->chip->sig_family);
	ret = gpusim_elf64_section(blob->data, blob->size, ".fwimage", &img_off, &img_size) ?:
	      gpusim_elf64_section(blob->data, blob->size, sect, &sig_off, &sig_size) ?:
	      gpusim_elf64_section(blob->data, blob->size, ".fwversion", &ver_off, &ver_size);
	if (ret) {
		fw_err(err, err_len, "%s: gpusim's ELF reader finds no .fwimage, %s and .fwversion (%d)",
		       blob->name, sect, ret);
		return ret;
	}
	if (ver_size != strlen(release) + 1 || memcmp(blob->data + ver_off, release, ver_size)) {
		fw_err(err, err_len, "%s: gpusim reads a .fwversion that is not \"%s\"",
		       blob->name, release);
		return -EINVAL;
	}
	if (img_off != fw->gsp.fwimage.offset)
		return fw_disagree(err, err_len, blob->name, ".fwimage offset", img_off,
				   fw->gsp.fwimage.offset);
	if (img_size != fw->gsp.fwimage.size)
		return fw_disagree(err, err_len, blob->name, ".fwimage size", img_size,
				   fw->gsp.fwimage.size);
	if (sig_off != fw->sig->sect.offset || sig_size != fw->sig->sect.size)
		return fw_disagree(err, err_len, blob->name, sect, sig_off, fw->sig->sect.offset);
	fw->fwimage = blob->data + img_off;
	fw->fwimage_size = img_size;
	fw->signature = blob->data + sig_off;
	fw->signature_size = sig_size;
	return 0;
}

/* The bootloader's image and offsets by gpusim's own reader. */
static int fw_own_bl(struct gpusim_fw *fw, char *err, size_t err_len)
{
	const struct nvgsp_fw_blob *blob = &fw->blobs[NVGSP_FW_BOOTLOADER];
	const struct gpusim_bl_facts *b = &fw->bl_own;

	if (gpusim_riscv_bl_read(blob->data, blob->size, &fw->bl_own)) {
		fw_err(err, err_len, "%s: gpusim's reader cannot read the bootloader", blob->name);
		return -EINVAL;
	}
	if (blob->data + b->image_off != fw->bl.image)
		return fw_disagree(err, err_len, blob->name, "the image offset", b->image_off,
				   (u64)(fw->bl.image - blob->data));
	if (b->image_size != fw->bl.image_size)
		return fw_disagree(err, err_len, blob->name, "the image size", b->image_size,
				   fw->bl.image_size);
	if (b->code_off != fw->bl.monitor_code.offset)
		return fw_disagree(err, err_len, blob->name, "monitorCodeOffset", b->code_off,
				   fw->bl.monitor_code.offset);
	if (b->data_off != fw->bl.monitor_data.offset)
		return fw_disagree(err, err_len, blob->name, "monitorDataOffset", b->data_off,
				   fw->bl.monitor_data.offset);
	if (b->manifest_off != fw->bl.manifest.offset)
		return fw_disagree(err, err_len, blob->name, "manifestOffset", b->manifest_off,
				   fw->bl.manifest.offset);
	return 0;
}

int gpusim_fw_hs_agree(const char *file, const u8 *data, const struct gpusim_hs_facts *own,
		       const struct nvgsp_fw_hs_ucode *hs, char *err, size_t err_len)
{
	const struct {
		const char *what;
		u64 own, parsed;
	} f[] = {
		{ "the image offset (data_offset)", own->image_off, (u64)(hs->image - data) },
		{ "the image size (data_size)", own->image_size, hs->image_size },
		{ "os_code_offset", own->os_code_off, hs->os_code.offset },
		{ "os_code_size", own->os_code_size, hs->os_code.size },
		{ "os_data_offset", own->os_data_off, hs->os_data.offset },
		{ "os_data_size", own->os_data_size, hs->os_data.size },
		{ "app[0] code offset", own->app_code_off, hs->app_code.offset },
		{ "app[0] code size", own->app_code_size, hs->app_code.size },
		{ "the signature's DMEM offset (patch_loc - os_data_offset)", own->sig_dmem,
		  hs->sig_dmem_offset },
		{ "the signature size (sig_prod_size / num_sig)", own->sig_size, hs->sig_size },
		{ "engine_id", own->engine_id_mask, hs->engine_id_mask },
		{ "ucode_id", own->ucode_id, hs->ucode_id },
	};
	const u8 *sig = nvgsp_fw_ucode_hs_signature(hs, 0, NULL);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(f); i++)
		if (f[i].own != f[i].parsed)
			return fw_disagree(err, err_len, file, f[i].what, f[i].own, f[i].parsed);
	if (!sig || data + own->sig_off != sig)
		return fw_disagree(err, err_len, file, "the fuse-0 signature's file offset",
				   own->sig_off, sig ? (u64)(sig - data) : 0);
	return 0;
}

int gpusim_fw_gen_bl_agree(const char *file, const u8 *data,
			   const struct gpusim_gen_bl_facts *own,
			   const struct nvgsp_fw_bl_ucode *bl, char *err, size_t err_len)
{
	if (own->image_off != (u64)(bl->image - data))
		return fw_disagree(err, err_len, file, "the image offset (data_offset)",
				   own->image_off, (u64)(bl->image - data));
	if (own->image_size != bl->image_size)
		return fw_disagree(err, err_len, file, "the image size (data_size)",
				   own->image_size, bl->image_size);
	if (own->start_tag != bl->start_tag)
		return fw_disagree(err, err_len, file, "start_tag", own->start_tag, bl->start_tag);
	if ((u64)own->start_tag << 8 != bl->boot_addr)
		return fw_disagree(err, err_len, file, "the boot vector (start_tag << 8)",
				   (u64)own->start_tag << 8, bl->boot_addr);
	if (own->code_off != bl->code.offset)
		return fw_disagree(err, err_len, file, "code_off", own->code_off, bl->code.offset);
	if (own->code_size != bl->code.size)
		return fw_disagree(err, err_len, file, "code_size", own->code_size, bl->code.size);
	return 0;
}

int gpusim_fw_fmc_agree(const struct nvgsp_fw_blob *blob, const struct nvgsp_fw_fmc_image *fmc,
			u64 own_off[NVGSP_FW_FMC_NR_PARTS], u64 own_size[NVGSP_FW_FMC_NR_PARTS],
			char *err, size_t err_len)
{
	char what[48];
	unsigned int p;
	int ret;

	for (p = 0; p < NVGSP_FW_FMC_NR_PARTS; p++) {
		ret = gpusim_elf32_section(blob->data, blob->size, fw_fmc_names[p], &own_off[p],
					   &own_size[p]);
		if (ret) {
			fw_err(err, err_len, "%s: gpusim's ELF32 reader finds no section \"%s\" (%d)",
			       blob->name, fw_fmc_names[p], ret);
			return -EINVAL;
		}
		snprintf(what, sizeof(what), "section \"%s\" offset", fw_fmc_names[p]);
		if (own_off[p] != fmc->parts[p].sect.offset)
			return fw_disagree(err, err_len, blob->name, what, own_off[p],
					   fmc->parts[p].sect.offset);
		snprintf(what, sizeof(what), "section \"%s\" size", fw_fmc_names[p]);
		if (own_size[p] != fmc->parts[p].sect.size)
			return fw_disagree(err, err_len, blob->name, what, own_size[p],
					   fmc->parts[p].sect.size);
	}
	return 0;
}

/* The HS ucodes, gen_bootloader and the fmc by gpusim's own readers. */
static int fw_own_ucode(struct gpusim_fw *fw, enum nvgsp_fw_role r, char *err, size_t err_len)
{
	const struct nvgsp_fw_blob *blob = &fw->blobs[r];
	u64 off[NVGSP_FW_FMC_NR_PARTS], size[NVGSP_FW_FMC_NR_PARTS];
	unsigned int p;
	int ret;

	switch (r) {
	case NVGSP_FW_BOOTER_LOAD:
	case NVGSP_FW_BOOTER_UNLOAD:
	case NVGSP_FW_SCRUBBER:
		if (gpusim_hs_read(blob->data, blob->size, &fw->hs_own[r])) {
			fw_err(err, err_len, "%s: gpusim's reader cannot read the HS ucode",
			       blob->name);
			return -EINVAL;
		}
		return gpusim_fw_hs_agree(blob->name, blob->data, &fw->hs_own[r], &fw->hs[r], err,
					  err_len);
	case NVGSP_FW_GEN_BOOTLOADER:
		if (gpusim_gen_bl_read(blob->data, blob->size, &fw->gen_bl_own)) {
			fw_err(err, err_len, "%s: gpusim's reader cannot read gen_bootloader",
			       blob->name);
			return -EINVAL;
		}
		return gpusim_fw_gen_bl_agree(blob->name, blob->data, &fw->gen_bl_own, &fw->gen_bl,
					      err, err_len);
	case NVGSP_FW_FMC:
		ret = gpusim_fw_fmc_agree(blob, &fw->fmc, off, size, err, err_len);
		for (p = 0; !ret && p < NVGSP_FW_FMC_NR_PARTS; p++) {
			fw->fmc_own[p].off = off[p];
			fw->fmc_own[p].size = size[p];
		}
		return ret;
	default:
		return 0;
	}
}

/* The GSP image must be @release and serve the chip's signature family. */
static int fw_check_gsp(struct gpusim_fw *fw, const char *release, char *err, size_t err_len)
{
	const struct nvgsp_fw_blob *blob = &fw->blobs[NVGSP_FW_GSP];

	if (strcmp(fw->gsp.version, release)) {
		fw_err(err, err_len, "%s: .fwversion \"%s\" is not release %s", blob->name,
		       fw->gsp.version, release);
		return -EINVAL;
	}
	fw->sig = nvgsp_fw_gsp_find_sig(&fw->gsp, fw->chip->sig_family, false);
	if (!fw->sig) {
		fw_err(err, err_len, "%s: no .fwsignature_%s section for %s", blob->name,
		       fw->chip->sig_family, fw->chip->name);
		return -EINVAL;
	}
	return fw_own_gsp(fw, release, err, err_len);
}

int gpusim_fw_load(const char *fw_path, const char *chip, const char *release,
		   struct gpusim_fw **out, char *err, size_t err_len)
{
	char rel[NVGSP_FW_PATH_MAX];
	struct gpusim_fw *fw;
	unsigned int r;
	size_t path_len;
	char *path;
	int ret;

	*out = NULL;
	fw = calloc(1, sizeof(*fw));
	if (!fw) {
		fw_err(err, err_len, "no memory");
		return -ENOMEM;
	}
	fw->chip = chip ? fw_find_chip(chip) : NULL;
	if (!fw->chip) {
		fw_err(err, err_len, "unknown chip \"%s\"", chip ? chip : "(null)");
		ret = -ENOENT;
		goto free_fw;
	}
	fw->abi = release ? nvgsp_abi_find(release) : NULL;
	if (!fw->abi) {
		fw_err(err, err_len, "release \"%s\" has no ABI table in this build",
		       release ? release : "(null)");
		ret = -ENOENT;
		goto free_fw;
	}
	fw->roles = nvgsp_fw_release_roles(fw->abi, fw->chip);
	if (!fw->roles) {
		fw_err(err, err_len, "release %s does not serve %s (signature family %s)",
		       release, fw->chip->name, fw->chip->sig_family);
		ret = -ENOENT;
		goto free_fw;
	}
	for (r = 0; r < NVGSP_FW_NR_ROLES; r++) {
		if (!(fw->roles & NVGSP_FW_ROLE(r)))
			continue;
		ret = nvgsp_fw_path(rel, sizeof(rel), NVGSP_FW_LAYOUT_LINUX_FIRMWARE, fw->chip,
				    (enum nvgsp_fw_role)r, release);
		if (ret) {
			fw_err(err, err_len, "no file name for %s %s", fw->chip->name,
			       nvgsp_fw_role_name((enum nvgsp_fw_role)r));
			goto free_fw;
		}
		path_len = strlen(fw_path ? fw_path : ".") + 1 + strlen(rel) + 1;
		path = malloc(path_len);
		if (!path) {
			fw_err(err, err_len, "no memory");
			ret = -ENOMEM;
			goto free_fw;
		}
		snprintf(path, path_len, "%s/%s", fw_path ? fw_path : ".", rel);
		ret = fw_read(path, rel, &fw->blobs[r], err, err_len);
		free(path);
		if (ret)
			goto free_fw;
		ret = fw_parse(fw, (enum nvgsp_fw_role)r, err, err_len) ?:
		      fw_own_ucode(fw, (enum nvgsp_fw_role)r, err, err_len);
		if (ret)
			goto free_fw;
	}
	ret = fw_check_gsp(fw, release, err, err_len);
	if (!ret && (fw->roles & NVGSP_FW_ROLE(NVGSP_FW_BOOTLOADER)))
		ret = fw_own_bl(fw, err, err_len);
	if (ret)
		goto free_fw;
	*out = fw;
	return 0;

free_fw:
	gpusim_fw_free(fw);
	return ret;
}

void gpusim_fw_free(struct gpusim_fw *fw)
{
	unsigned int r;

	if (!fw)
		return;
	for (r = 0; r < NVGSP_FW_NR_ROLES; r++) {
		free((void *)fw->blobs[r].name);
		if (fw->blobs[r].size)
			munmap((void *)fw->blobs[r].data, fw->blobs[r].size);
		else
			free((void *)fw->blobs[r].data);
	}
	free(fw);
}

const struct nvgsp_fw_blob *gpusim_fw_file(const struct gpusim_fw *fw, enum nvgsp_fw_role role)
{
	if ((unsigned int)role >= NVGSP_FW_NR_ROLES || !(fw->roles & NVGSP_FW_ROLE(role)))
		return NULL;
	return &fw->blobs[role];
}

const struct nvgsp_abi *gpusim_fw_abi(const struct gpusim_fw *fw)
{
	return fw->abi;
}

const struct nvgsp_chip_info *gpusim_fw_chip(const struct gpusim_fw *fw)
{
	return fw->chip;
}

const u8 *gpusim_fw_image(const struct gpusim_fw *fw, u64 *size)
{
	*size = fw->fwimage_size;
	return fw->fwimage;
}

const u8 *gpusim_fw_signature(const struct gpusim_fw *fw, u64 *size)
{
	*size = fw->signature_size;
	return fw->signature;
}

const struct nvgsp_fw_riscv_ucode *gpusim_fw_bootloader(const struct gpusim_fw *fw)
{
	return fw->roles & NVGSP_FW_ROLE(NVGSP_FW_BOOTLOADER) ? &fw->bl : NULL;
}

const struct nvgsp_fw_hs_ucode *gpusim_fw_hs(const struct gpusim_fw *fw, enum nvgsp_fw_role role)
{
	if (role != NVGSP_FW_BOOTER_LOAD && role != NVGSP_FW_BOOTER_UNLOAD &&
	    role != NVGSP_FW_SCRUBBER)
		return NULL;
	return fw->roles & NVGSP_FW_ROLE(role) ? &fw->hs[role] : NULL;
}

const struct nvgsp_fw_bl_ucode *gpusim_fw_gen_bootloader(const struct gpusim_fw *fw)
{
	return fw->roles & NVGSP_FW_ROLE(NVGSP_FW_GEN_BOOTLOADER) ? &fw->gen_bl : NULL;
}

const struct nvgsp_fw_fmc_image *gpusim_fw_fmc(const struct gpusim_fw *fw)
{
	return fw->roles & NVGSP_FW_ROLE(NVGSP_FW_FMC) ? &fw->fmc : NULL;
}

const struct gpusim_bl_facts *gpusim_fw_bl_own(const struct gpusim_fw *fw)
{
	return fw->roles & NVGSP_FW_ROLE(NVGSP_FW_BOOTLOADER) ? &fw->bl_own : NULL;
}

const struct gpusim_hs_facts *gpusim_fw_hs_own(const struct gpusim_fw *fw,
					       enum nvgsp_fw_role role)
{
	return gpusim_fw_hs(fw, role) ? &fw->hs_own[role] : NULL;
}

const struct gpusim_gen_bl_facts *gpusim_fw_gen_bl_own(const struct gpusim_fw *fw)
{
	return fw->roles & NVGSP_FW_ROLE(NVGSP_FW_GEN_BOOTLOADER) ? &fw->gen_bl_own : NULL;
}

const u8 *gpusim_fw_fmc_part(const struct gpusim_fw *fw, enum nvgsp_fw_fmc_part part,
			     u64 *size)
{
	if (!(fw->roles & NVGSP_FW_ROLE(NVGSP_FW_FMC)) ||
	    (unsigned int)part >= NVGSP_FW_FMC_NR_PARTS)
		return NULL;
	*size = fw->fmc_own[part].size;
	return fw->blobs[NVGSP_FW_FMC].data + fw->fmc_own[part].off;
}
