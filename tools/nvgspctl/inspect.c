// SPDX-License-Identifier: GPL-2.0-only
/*
 * inspect.c - `nvgspctl firmware inspect`: parse GSP-RM images and their
 * companion files with the driver's own parsers and print what they say.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fw/nvgsp_fw_fmc.h"
#include "fw/nvgsp_fw_gsp.h"
#include "fw/nvgsp_fw_release.h"
#include "fw/nvgsp_fw_ucode.h"
#include "nvgsp_os_user.h"
#include "nvgspctl.h"

/* The role a file name says, as linux-firmware and NVIDIA name them. */
static int inspect_role(const char *path, enum nvgsp_fw_role *role)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t len = strlen(base);
	unsigned int r;

	if (len < 5 || strcmp(base + len - 4, ".bin"))
		return -1;
	if (!strncmp(base, "gsp_", 4)) {
		*role = NVGSP_FW_GSP;
		return 0;
	}
	for (r = 0; r < NVGSP_FW_NR_ROLES; r++) {
		const char *name = nvgsp_fw_role_name(r);
		size_t n = strlen(name);

		if (!strncmp(base, name, n) && base[n] == '-') {
			*role = r;
			return 0;
		}
	}
	return -1;
}

struct inspect_out {
	FILE *f;
	struct json_object *files;	/* --json: the array printed at the end */
	struct json_object *cur;	/* --json: the file being described */
	bool json;
	unsigned int bad;
};

/* One "key": value member of the current file, or "  key: value" line. */
static void kv_str(struct inspect_out *o, const char *key, const char *val)
{
	if (o->json)
		nvgspctl_json_add_str(o->cur, key, val);
	else
		fprintf(o->f, "  %-18s %s\n", key, val);
}

static void kv_u64(struct inspect_out *o, const char *key, unsigned long long val)
{
	if (o->json)
		nvgspctl_json_add_u64(o->cur, key, val);
	else
		fprintf(o->f, "  %-18s %llu\n", key, val);
}

static void kv_region(struct inspect_out *o, const char *key, const struct nvgsp_fw_region *r)
{
	struct json_object *reg;

	if (!o->json) {
		fprintf(o->f, "  %-18s %u bytes at 0x%x\n", key, r->size, r->offset);
		return;
	}
	reg = json_object_new_object();
	nvgspctl_json_add_u64(reg, "offset", r->offset);
	nvgspctl_json_add_u64(reg, "size", r->size);
	nvgspctl_json_add(o->cur, key, reg);
}

static void print_gsp(struct inspect_out *o, const struct nvgsp_fw_gsp_image *img)
{
	char sigs[NVGSP_FW_MAX_SIGS * (NVGSP_FW_FAMILY_MAX + 4)] = "", id[2 * NVGSP_FW_BUILD_ID_MAX + 1] = "";
	size_t n = 0;
	unsigned int i;

	for (i = 0; i < img->nr_sigs; i++)
		n += snprintf(sigs + n, sizeof(sigs) - n, "%s%s%s", i ? " " : "",
			      img->sigs[i].cc ? "cc_" : "", img->sigs[i].family);
	for (i = 0; i < img->build_id_len; i++)
		snprintf(id + 2 * i, 3, "%02x", img->build_id[i]);
	kv_str(o, "release", img->version);
	kv_str(o, "build_id", img->build_id_len ? id : "none");
	kv_str(o, "signatures", sigs);
	kv_u64(o, "fwimage_size", img->fwimage.size);
	kv_u64(o, "sections", img->nr_sections);
}

static void print_ucode(struct inspect_out *o, const struct nvgsp_fw_ucode *uc)
{
	kv_str(o, "container", nvgsp_fw_ucode_kind_name(uc->kind));
	switch (uc->kind) {
	case NVGSP_FW_UCODE_HS:
		kv_u64(o, "image_size", uc->u.hs.image_size);
		kv_region(o, "os_code", &uc->u.hs.os_code);
		kv_region(o, "os_data", &uc->u.hs.os_data);
		kv_region(o, "app_code", &uc->u.hs.app_code);
		kv_u64(o, "signatures", uc->u.hs.num_sig);
		kv_u64(o, "signature_size", uc->u.hs.sig_size);
		kv_u64(o, "fuse_version", uc->u.hs.fuse_ver);
		kv_u64(o, "ucode_id", uc->u.hs.ucode_id);
		break;
	case NVGSP_FW_UCODE_RISCV:
		kv_u64(o, "image_size", uc->u.riscv.image_size);
		kv_u64(o, "descriptor_version", uc->u.riscv.version);
		kv_u64(o, "app_version", uc->u.riscv.app_version);
		kv_region(o, "monitor_code", &uc->u.riscv.monitor_code);
		kv_region(o, "monitor_data", &uc->u.riscv.monitor_data);
		kv_region(o, "manifest", &uc->u.riscv.manifest);
		break;
	case NVGSP_FW_UCODE_BL:
		kv_u64(o, "image_size", uc->u.bl.image_size);
		kv_u64(o, "start_tag", uc->u.bl.start_tag);
		kv_region(o, "code", &uc->u.bl.code);
		kv_region(o, "data", &uc->u.bl.data);
		break;
	default:
		break;
	}
}

static void print_fmc(struct inspect_out *o, const struct nvgsp_fw_fmc_image *img)
{
	unsigned int p;
	char key[32];

	for (p = 0; p < NVGSP_FW_FMC_NR_PARTS; p++) {
		snprintf(key, sizeof(key), "%s_size", nvgsp_fw_fmc_part_name(p));
		kv_u64(o, key, img->parts[p].sect.size);
		snprintf(key, sizeof(key), "%s_crc32", nvgsp_fw_fmc_part_name(p));
		kv_u64(o, key, img->parts[p].crc);
	}
}

/* Parse one file by the role its name gives and print it. */
static void inspect_file(struct inspect_out *o, const char *path, enum nvgsp_fw_role role)
{
	struct nvgsp_os_device dev = { .name = "nvgspctl", .fw_path = "/" };
	union {
		struct nvgsp_fw_gsp_image gsp;
		struct nvgsp_fw_ucode uc;
		struct nvgsp_fw_fmc_image fmc;
	} *u = calloc(1, sizeof(*u));
	struct nvgsp_fw_diag diag = { "" };
	struct nvgsp_os_firmware *fw = NULL;
	struct nvgsp_fw_blob blob = { .name = path };
	int ret;

	if (!u) {
		ret = -ENOMEM;
		snprintf(diag.msg, sizeof(diag.msg), "%s: out of memory", path);
	} else {
		/* the loader takes paths relative to its search path: "/" + path */
		ret = nvgsp_os_firmware_get(&dev, path[0] == '/' ? path + 1 : path, &fw,
					    &blob.data, &blob.size);
		if (ret)
			snprintf(diag.msg, sizeof(diag.msg), "%s: cannot be read (error %d)", path, ret);
		else if (role == NVGSP_FW_GSP)
			ret = nvgsp_fw_gsp_parse(&blob, &u->gsp, &diag);
		else if (role == NVGSP_FW_FMC)
			ret = nvgsp_fw_fmc_parse(&blob, &u->fmc, &diag);
		else
			ret = nvgsp_fw_ucode_parse(&blob, nvgsp_fw_ucode_kind_of(role), &u->uc, &diag);
	}

	if (o->json) {
		o->cur = json_object_new_object();
		nvgspctl_json_add_str(o->cur, "path", path);
		nvgspctl_json_add_str(o->cur, "role", nvgsp_fw_role_name(role));
		nvgspctl_json_add_u64(o->cur, "size", blob.size);
		nvgspctl_json_add_bool(o->cur, "ok", !ret);
	} else {
		fprintf(o->f, "%s\n  %-18s %s\n  %-18s %zu\n", path, "role", nvgsp_fw_role_name(role),
			"size", blob.size);
	}
	if (ret)
		kv_str(o, "error", diag.msg);
	else if (role == NVGSP_FW_GSP)
		print_gsp(o, &u->gsp);
	else if (role == NVGSP_FW_FMC)
		print_fmc(o, &u->fmc);
	else
		print_ucode(o, &u->uc);
	if (o->json)
		nvgspctl_json_append(o->files, o->cur);
	o->cur = NULL;
	o->bad += ret != 0;
	nvgsp_os_firmware_put(fw);
	free(u);
}

/* Walk @dir in name order: files with a firmware name; not into symlinked dirs. */
static void inspect_dir(struct inspect_out *o, const char *dir)
{
	struct dirent **ents;
	int n, i;

	n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "nvgspctl: cannot read directory %s\n", dir);
		o->bad++;
		return;
	}
	for (i = 0; i < n; i++) {
		char path[4096];
		enum nvgsp_fw_role role;
		struct stat st, lst;

		if (ents[i]->d_name[0] != '.' &&
		    snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name) < (int)sizeof(path) &&
		    !stat(path, &st) && !lstat(path, &lst)) {
			if (S_ISDIR(st.st_mode) && !S_ISLNK(lst.st_mode))
				inspect_dir(o, path);
			else if (S_ISREG(st.st_mode) && !inspect_role(path, &role))
				inspect_file(o, path, role);
		}
		free(ents[i]);
	}
	free(ents);
}

int nvgspctl_firmware_inspect(int argc, char **argv, int first, bool json)
{
	struct inspect_out o = { .f = stdout, .json = json };
	enum nvgsp_fw_role role;
	struct stat st;
	int i, ret;

	if (first >= argc) {
		fprintf(stderr, "nvgspctl: firmware inspect: name a file or directory\n");
		return NVGSPCTL_EXIT_USAGE;
	}
	if (json) {
		o.files = json_object_new_array();
		if (!o.files) {
			fprintf(stderr, "nvgspctl: out of memory\n");
			return NVGSPCTL_EXIT_FAIL;
		}
	}
	for (i = first; i < argc; i++) {
		if (stat(argv[i], &st)) {
			fprintf(stderr, "nvgspctl: %s: no such file or directory\n", argv[i]);
			o.bad++;
		} else if (S_ISDIR(st.st_mode)) {
			inspect_dir(&o, argv[i]);
		} else if (inspect_role(argv[i], &role)) {
			fprintf(stderr, "nvgspctl: %s: not named like a GSP-RM firmware file (gsp-<release>.bin, gsp_<family>.bin, booter_load-<release>.bin, ...)\n",
				argv[i]);
			o.bad++;
		} else {
			inspect_file(&o, argv[i], role);
		}
	}
	ret = json ? nvgspctl_json_print(o.files) : 0;
	return o.bad ? NVGSPCTL_EXIT_FAIL : ret;
}
