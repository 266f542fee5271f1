// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_fw_select.c - find, load and identify the firmware for a chip.
 *
 * DOC: identity
 *
 * NVIDIA's own driver refuses to run unless the image's .fwversion equals the
 * release it was built for; nouveau and nova-core trust the file name. We
 * read .fwversion and bind the ABI table of that release, and we insist that
 * the file name says the same: a renamed or mis-linked file is a packaging
 * error that must be reported, not booted with the wrong table.
 */
#include "nvgsp_fw_fmc.h"
#include "nvgsp_fw_select.h"
#include "nvgsp_fw_ucode.h"

/* Load @path into @file; -ENOENT leaves @file empty but remembers @path. */
static int nvgsp_fw_file_get(struct nvgsp_os_device *dev, struct nvgsp_fw_file *file,
			     const char *path)
{
	int ret;

	nvgsp_os_snprintf(file->path, sizeof(file->path), "%s", path);
	file->blob.name = file->path;
	ret = nvgsp_os_firmware_get(dev, file->path, &file->os, &file->blob.data,
				    &file->blob.size);
	if (ret) {
		file->os = NULL;
		file->blob.data = NULL;
		file->blob.size = 0;
		return ret;
	}
	return 0;
}

static void nvgsp_fw_file_put(struct nvgsp_fw_file *file)
{
	nvgsp_os_firmware_put(file->os);
	file->os = NULL;
	file->blob.data = NULL;
	file->blob.size = 0;
}

void nvgsp_fw_set_put(struct nvgsp_fw_set *set)
{
	unsigned int r;

	for (r = 0; r < NVGSP_FW_NR_ROLES; r++)
		nvgsp_fw_file_put(&set->files[r]);
}

/*
 * Find the GSP image of @version for @chip under either layout. Return 0 with
 * it loaded, -ENOENT when neither exists, or the loader's error.
 */
static int nvgsp_fw_find_gsp(struct nvgsp_os_device *dev, const struct nvgsp_chip_info *chip,
			     const char *version, struct nvgsp_fw_set *set)
{
	static const enum nvgsp_fw_layout layouts[] = {
		NVGSP_FW_LAYOUT_LINUX_FIRMWARE, NVGSP_FW_LAYOUT_NVIDIA,
	};
	char path[NVGSP_FW_PATH_MAX];
	unsigned int i;
	int ret = -ENOENT;

	for (i = 0; i < ARRAY_SIZE(layouts) && ret == -ENOENT; i++) {
		ret = nvgsp_fw_path(path, sizeof(path), layouts[i], chip, NVGSP_FW_GSP, version);
		if (ret)
			return ret;
		ret = nvgsp_fw_file_get(dev, &set->files[NVGSP_FW_GSP], path);
		set->gsp_layout = layouts[i];
	}
	return ret;
}

/* The signature families an image serves, for a message ("tu10x, tu11x"). */
static void nvgsp_fw_list_sigs(const struct nvgsp_fw_gsp_image *img, char *buf, size_t len)
{
	unsigned int i;
	size_t n = 0;

	buf[0] = '\0';
	for (i = 0; i < img->nr_sigs && n < len; i++)
		if (!img->sigs[i].cc)
			n += nvgsp_os_snprintf(buf + n, len - n, "%s%s", n ? ", " : "",
					       img->sigs[i].family);
}

/* Parse the loaded GSP image and check that it is @version and serves @chip. */
static int nvgsp_fw_identify_gsp(const struct nvgsp_chip_info *chip, const char *version,
				 struct nvgsp_fw_set *set, struct nvgsp_fw_diag *diag)
{
	const struct nvgsp_fw_blob *blob = &set->files[NVGSP_FW_GSP].blob;
	char families[96];
	int ret;

	ret = nvgsp_fw_gsp_parse(blob, &set->gsp, diag);
	if (ret)
		return ret;
	if (!nvgsp_fw_str_eq(set->gsp.version, version))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     ".fwversion says %s but the file name says %s; refusing a mislabelled image",
				     set->gsp.version, version);
	if (!nvgsp_fw_gsp_find_sig(&set->gsp, chip->sig_family, false)) {
		nvgsp_fw_list_sigs(&set->gsp, families, sizeof(families));
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "no .fwsignature_%s section: this image is signed for %s, not for %s",
				     chip->sig_family, families[0] ? families : "no chip", chip->name);
	}
	return 0;
}

/*
 * A companion file is well formed for its role, and an FMC image carries the
 * key and signature sizes of the chain-of-trust version the release's FSP
 * message uses for the chip (spec param fsp.cot_version.<family>).
 */
static int nvgsp_fw_check_companion(const struct nvgsp_abi *abi,
				    const struct nvgsp_chip_info *chip, enum nvgsp_fw_role role,
				    const struct nvgsp_fw_blob *blob, struct nvgsp_fw_diag *diag)
{
	struct nvgsp_fw_fmc_image *fmc;
	char param[48];
	u64 cot = 0;
	int ret;

	if (role != NVGSP_FW_FMC)
		return nvgsp_fw_ucode_check(role, blob, diag);
	nvgsp_os_snprintf(param, sizeof(param), "fsp.cot_version.%s", chip->sig_family);
	if (nvgsp_abi_param(abi, param, &cot))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "GSP-RM %s's ABI table has no %s for %s", abi->release, param,
				     chip->name);
	fmc = nvgsp_os_zalloc(sizeof(*fmc));
	if (!fmc)
		return nvgsp_fw_fail(diag, blob, -ENOMEM, "no memory to parse it");
	ret = nvgsp_fw_fmc_parse(blob, fmc, diag);
	if (!ret)
		ret = nvgsp_fw_fmc_check_cot(blob, fmc, (unsigned int)cot, diag);
	nvgsp_os_free(fmc);
	return ret;
}

/* Load the companions @set->abi's release needs for @chip and check each. */
static int nvgsp_fw_get_companions(struct nvgsp_os_device *dev,
				   const struct nvgsp_chip_info *chip,
				   struct nvgsp_fw_set *set, struct nvgsp_fw_diag *diag)
{
	char path[NVGSP_FW_PATH_MAX];
	unsigned int r;
	int ret;

	for (r = 0; r < NVGSP_FW_NR_ROLES; r++) {
		if (r == NVGSP_FW_GSP || !(set->roles & NVGSP_FW_ROLE(r)))
			continue;
		ret = nvgsp_fw_path(path, sizeof(path), NVGSP_FW_LAYOUT_LINUX_FIRMWARE, chip,
				    r, set->abi->release);
		if (ret)
			return ret;
		ret = nvgsp_fw_file_get(dev, &set->files[r], path);
		if (ret == -ENOENT) {
			set->missing |= NVGSP_FW_ROLE(r);
			continue;
		}
		if (ret)
			return nvgsp_fw_fail(diag, &set->files[r].blob, ret,
					     "cannot be loaded (error %d)", ret);
		ret = nvgsp_fw_check_companion(set->abi, chip, r, &set->files[r].blob, diag);
		if (ret)
			return ret;
	}
	return 0;
}

/* A forced release: identify its image even without an ABI table, to say so. */
static int nvgsp_fw_select_forced(struct nvgsp_os_device *dev,
				  const struct nvgsp_chip_info *chip, const char *forced,
				  struct nvgsp_fw_set *set, struct nvgsp_fw_diag *diag)
{
	const struct nvgsp_fw_blob none = { .name = "nvgsp.fw_release" };
	char list[96];
	int ret;

	nvgsp_abi_list(list, sizeof(list));
	if (!nvgsp_fw_release_valid_name(forced))
		return nvgsp_fw_fail(diag, &none, -EINVAL,
				     "'%s' is not a release name (digits and dots, e.g. 570.144)",
				     forced);
	set->abi = nvgsp_abi_find(forced);
	if (set->abi) {
		set->roles = nvgsp_fw_release_roles(set->abi, chip);
		if (!set->roles)
			return nvgsp_fw_fail(diag, &none, -EOPNOTSUPP,
					     "release %s does not serve %s (%s); supported releases: %s",
					     forced, chip->name, chip->sig_family, list);
	}
	ret = nvgsp_fw_find_gsp(dev, chip, forced, set);
	if (ret == -ENOENT) {
		char lf[NVGSP_FW_PATH_MAX], nv[NVGSP_FW_PATH_MAX];

		nvgsp_fw_path(lf, sizeof(lf), NVGSP_FW_LAYOUT_LINUX_FIRMWARE, chip, NVGSP_FW_GSP, forced);
		nvgsp_fw_path(nv, sizeof(nv), NVGSP_FW_LAYOUT_NVIDIA, chip, NVGSP_FW_GSP, forced);
		return nvgsp_fw_fail(diag, &none, -ENOENT,
				     "release %s: neither %s nor %s exists", forced, lf, nv);
	}
	if (ret)
		return nvgsp_fw_fail(diag, &set->files[NVGSP_FW_GSP].blob, ret,
				     "cannot be loaded (error %d)", ret);
	ret = nvgsp_fw_identify_gsp(chip, forced, set, diag);
	if (ret)
		return ret;
	if (!set->abi)
		return nvgsp_fw_fail(diag, &set->files[NVGSP_FW_GSP].blob, -EOPNOTSUPP,
				     "GSP-RM %s has no ABI table in this nvgsp; supported releases: %s",
				     set->gsp.version, list);
	return nvgsp_fw_get_companions(dev, chip, set, diag);
}

int nvgsp_fw_select(struct nvgsp_os_device *dev, const struct nvgsp_chip_info *chip,
		    const char *forced, struct nvgsp_fw_set *set, struct nvgsp_fw_diag *diag)
{
	const struct nvgsp_abi *const *abis;
	const struct nvgsp_fw_blob none = { .name = chip->name };
	char list[96];
	size_t n, i;
	int ret;

	*set = (struct nvgsp_fw_set){ 0 };
	if (forced)
		ret = nvgsp_fw_select_forced(dev, chip, forced, set, diag);
	else
		ret = -ENOENT;

	for (abis = nvgsp_abi_tables(&n), i = 0; !forced && i < n; i++) {
		u32 roles = nvgsp_fw_release_roles(abis[i], chip);

		if (!roles)
			continue;
		ret = nvgsp_fw_find_gsp(dev, chip, abis[i]->release, set);
		if (ret == -ENOENT)
			continue;
		if (ret) {
			ret = nvgsp_fw_fail(diag, &set->files[NVGSP_FW_GSP].blob, ret,
					    "cannot be loaded (error %d)", ret);
			break;
		}
		set->abi = abis[i];
		set->roles = roles;
		ret = nvgsp_fw_identify_gsp(chip, abis[i]->release, set, diag);
		if (!ret)
			ret = nvgsp_fw_get_companions(dev, chip, set, diag);
		break;
	}
	if (!forced && ret == -ENOENT) {
		nvgsp_abi_list(list, sizeof(list));
		ret = nvgsp_fw_fail(diag, &none, -ENOENT,
				    "no GSP-RM image: looked for nvidia/%s/gsp/gsp-<release>.bin and nvidia/<release>/gsp_%s.bin for releases %s (install linux-firmware's nvidia files, e.g. Debian's firmware-nvidia-graphics)",
				    chip->fw_dir, nvgsp_fw_image_group(chip), list);
	}
	if (ret)
		nvgsp_fw_set_put(set);
	return ret;
}

size_t nvgsp_fw_set_trim(struct nvgsp_fw_set *set, u32 keep)
{
	size_t bytes = 0;
	unsigned int r;

	for (r = 0; r < NVGSP_FW_NR_ROLES; r++) {
		if ((keep & NVGSP_FW_ROLE(r)) || !set->files[r].blob.data)
			continue;
		bytes += set->files[r].blob.size;
		nvgsp_fw_file_put(&set->files[r]);
	}
	return bytes;
}

size_t nvgsp_fw_set_bytes(const struct nvgsp_fw_set *set)
{
	size_t bytes = 0;
	unsigned int r;

	for (r = 0; r < NVGSP_FW_NR_ROLES; r++)
		if (set->files[r].blob.data)
			bytes += set->files[r].blob.size;
	return bytes;
}

bool nvgsp_fw_set_complete(const struct nvgsp_fw_set *set)
{
	unsigned int r;

	for (r = 0; r < NVGSP_FW_NR_ROLES; r++)
		if ((set->roles & ~set->missing & NVGSP_FW_ROLE(r)) && !set->files[r].blob.data)
			return false;
	return true;
}

void nvgsp_fw_set_missing(const struct nvgsp_fw_set *set, char *buf, size_t len)
{
	unsigned int r;
	size_t n = 0;

	if (!len)
		return;
	buf[0] = '\0';
	for (r = 0; r < NVGSP_FW_NR_ROLES && n < len; r++)
		if (set->missing & NVGSP_FW_ROLE(r))
			n += nvgsp_os_snprintf(buf + n, len - n, "%s%s", n ? ", " : "",
					       set->files[r].path);
}
