// SPDX-License-Identifier: GPL-2.0-only
/*
 * vgpu.c - `nvgspctl vgpu inspect`: read a vGPU type catalogue file
 * (nvidia/vgpu-<release>.bin) with the driver's own parser and print its
 * header and, per device, the types and the RM control it would forward.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fw/nvgsp_fw_release.h"
#include "fw/nvgsp_fw_vgpu.h"
#include "nvgsp_os_user.h"
#include "nvgspctl.h"

#define MiB (1024ull * 1024)

struct vgpu_opts {
	const char *path;
	const char *release;	/* --release, else from the file name */
	long device;		/* --device, -1 for every device */
	unsigned long long segment;	/* --vmmu-segment in bytes, 0 unknown */
	bool json;
};

static int vgpu_usage(const char *why, const char *arg)
{
	fprintf(stderr, "nvgspctl: vgpu inspect: %s%s%s\n"
		"usage: nvgspctl vgpu inspect [--json] [--device 0xID] [--release R] [--vmmu-segment MiB] FILE\n",
		why, arg ? " " : "", arg ? arg : "");
	return NVGSPCTL_EXIT_USAGE;
}

static int vgpu_parse_opts(int argc, char **argv, struct vgpu_opts *o)
{
	int i;

	*o = (struct vgpu_opts){ .device = -1 };
	for (i = 2; i < argc; i++) {
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		char *end;

		if (!strcmp(argv[i], "--json")) {
			o->json = true;
		} else if (!strcmp(argv[i], "--device") && val) {
			o->device = strtol(val, &end, 16);
			if (*end || !*val || o->device <= 0 || o->device > 0xffff)
				return vgpu_usage("--device is not a PCI device id:", val);
			i++;
		} else if (!strcmp(argv[i], "--release") && val) {
			if (!nvgsp_fw_release_valid_name(val))
				return vgpu_usage("--release is not a release name:", val);
			o->release = val;
			i++;
		} else if (!strcmp(argv[i], "--vmmu-segment") && val) {
			o->segment = strtoull(val, &end, 0);
			if (*end || !*val || !o->segment || o->segment > 4096)
				return vgpu_usage("--vmmu-segment is not a size in MiB (1..4096):", val);
			o->segment *= MiB;
			i++;
		} else if (argv[i][0] == '-' || o->path) {
			return vgpu_usage("bad argument", argv[i]);
		} else {
			o->path = argv[i];
		}
	}
	if (!o->path)
		return vgpu_usage("FILE is required", NULL);
	return 0;
}

/* The release from a name vgpu-<release>.bin, into @buf; NULL if it is not one. */
static const char *release_of(const char *path, char *buf, size_t len)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base);

	if (strncmp(base, "vgpu-", 5) || n < 10 || strcmp(base + n - 4, ".bin") || n - 9 >= len)
		return NULL;
	memcpy(buf, base + 5, n - 9);
	buf[n - 9] = '\0';
	return nvgsp_fw_release_valid_name(buf) ? buf : NULL;
}

static u8 *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	u8 *buf = NULL;
	long len;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (len = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET)) {
		buf = malloc(len ? (size_t)len : 1);
		if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)len;
	}
	fclose(f);
	return buf;
}

/* One device's types: a member of @devices with --json, else a table. */
static void print_types(const struct vgpu_opts *o, const struct nvgsp_fw_vgpu_catalogue *cat,
			struct json_object *devices)
{
	struct json_object *dev, *types, *type;
	unsigned int i;

	if (o->json) {
		dev = json_object_new_object();
		types = json_object_new_array();
		nvgspctl_json_add_hex(dev, "device_id", 4, cat->device_id);
		nvgspctl_json_add_hex(dev, "rmctrl_cmd", 8, cat->rmctrl_cmd);
		nvgspctl_json_add_u64(dev, "rmctrl_offset", cat->rmctrl.offset);
		nvgspctl_json_add_u64(dev, "rmctrl_size", cat->rmctrl.size);
		for (i = 0; i < cat->nr_types; i++) {
			const struct nvgsp_fw_vgpu_type *t = &cat->types[i];

			type = json_object_new_object();
			nvgspctl_json_add_u64(type, "id", t->id);
			nvgspctl_json_add_str(type, "name", t->name);
			nvgspctl_json_add_hex(type, "vdev_id", 8, t->vdev_id);
			nvgspctl_json_add_hex(type, "pdev_id", 4, t->pdev_id);
			nvgspctl_json_add_u64(type, "fb_length", t->fb_length);
			nvgspctl_json_add_u64(type, "gsp_heap_size", t->gsp_heap_size);
			nvgspctl_json_add_u64(type, "bar1_mib", t->bar1_length);
			nvgspctl_json_add_u64(type, "max_instance", t->max_instance);
			nvgspctl_json_add_bool(type, "ecc", t->ecc_supported);
			nvgspctl_json_add_u64(type, "fb_reservation", t->fb_reservation);
			nvgspctl_json_append(types, type);
		}
		nvgspctl_json_add(dev, "types", types);
		nvgspctl_json_append(devices, dev);
		return;
	}
	printf("device 0x%04x: %u type%s; forwards control 0x%08x (PGPU_ADD_VGPU_TYPE), %llu bytes at 0x%llx\n",
	       cat->device_id, cat->nr_types, cat->nr_types == 1 ? "" : "s", cat->rmctrl_cmd,
	       cat->rmctrl.size, cat->rmctrl.offset);
	printf("  %-8s %-24s %-10s %-10s %8s %8s %8s %4s %3s %8s\n", "id", "name", "vdev_id",
	       "pdev_id", "fb MiB", "heap MiB", "bar1 MiB", "max", "ecc", "resv MiB");
	for (i = 0; i < cat->nr_types; i++) {
		const struct nvgsp_fw_vgpu_type *t = &cat->types[i];

		printf("  %-8u %-24s 0x%08llx 0x%04llx     %8llu %8llu %8llu %4u %3s %8llu\n",
		       t->id, t->name, t->vdev_id, t->pdev_id, t->fb_length / MiB,
		       t->gsp_heap_size / MiB, t->bar1_length, t->max_instance,
		       t->ecc_supported ? "yes" : "no", t->fb_reservation / MiB);
	}
}

static int vgpu_inspect(int argc, char **argv)
{
	struct nvgsp_fw_vgpu_catalogue *cat = NULL;
	struct nvgsp_fw_vgpu_info *info = NULL;
	struct nvgsp_fw_diag diag = { "" };
	struct json_object *out = NULL, *devices = NULL;
	struct nvgsp_fw_blob blob;
	char relbuf[NVGSP_FW_VGPU_BUILD_LEN];
	struct vgpu_opts o;
	unsigned int i;
	u8 *data = NULL;
	int ret;

	ret = vgpu_parse_opts(argc, argv, &o);
	if (ret)
		return ret;
	if (!o.release)
		o.release = release_of(o.path, relbuf, sizeof(relbuf));
	if (!o.release)
		return vgpu_usage("--release is required when FILE is not named vgpu-<release>.bin:",
				  o.path);
	blob = (struct nvgsp_fw_blob){ .name = o.path };
	info = calloc(1, sizeof(*info));
	cat = calloc(1, sizeof(*cat));
	if (!info || !cat) {
		ret = -ENOMEM;
		snprintf(diag.msg, sizeof(diag.msg), "%s: out of memory", o.path);
	} else if (!(data = read_all(o.path, &blob.size))) {
		ret = -EIO;
		snprintf(diag.msg, sizeof(diag.msg), "%s: cannot be read", o.path);
	} else {
		blob.data = data;
		ret = nvgsp_fw_vgpu_inspect(&blob, o.release, o.segment, info, &diag);
	}
	/* the device asked for: refused with the parser's message when absent */
	if (!ret && o.device >= 0)
		ret = nvgsp_fw_vgpu_parse(&blob, (u16)o.device, o.release, o.segment, cat, &diag);

	if (o.json) {
		out = json_object_new_object();
		nvgspctl_json_add_str(out, "path", o.path);
		nvgspctl_json_add_bool(out, "ok", !ret);
	} else {
		printf("%s\n", o.path);
	}
	if (ret) {
		if (o.json)
			nvgspctl_json_add_str(out, "error", diag.msg);
		else
			printf("  error: %s\n", diag.msg);
		fprintf(stderr, "nvgspctl: %s\n", diag.msg);
		goto out;
	}
	if (o.json) {
		nvgspctl_json_add_u64(out, "vgpu_major", info->vgpu_major);
		nvgspctl_json_add_u64(out, "vgpu_minor", info->vgpu_minor);
		nvgspctl_json_add_str(out, "build", info->build);
		devices = json_object_new_array();
	} else {
		printf("  %-18s %llu.%llu\n  %-18s %s\n  %-18s %u\n  %-18s %zu\n", "vgpu_version",
		       info->vgpu_major, info->vgpu_minor, "gsp_build_version", info->build,
		       "blobs", info->nr_blobs, "size", blob.size);
	}
	for (i = 0; i < info->nr_blobs; i++) {
		if (o.device >= 0 && info->device_ids[i] != o.device)
			continue;
		ret = nvgsp_fw_vgpu_parse(&blob, info->device_ids[i], o.release, o.segment, cat,
					  &diag);
		if (ret) {	/* inspect passed: cannot happen, but say so */
			fprintf(stderr, "nvgspctl: %s\n", diag.msg);
			json_object_put(devices);
			json_object_put(out);
			out = NULL;
			goto out;
		}
		print_types(&o, cat, devices);
	}
	if (o.json)
		nvgspctl_json_add(out, "devices", devices);
out:
	free(data);
	free(cat);
	free(info);
	if (out && nvgspctl_json_print(out))
		return NVGSPCTL_EXIT_FAIL;
	return ret ? NVGSPCTL_EXIT_FAIL : 0;
}

int nvgspctl_vgpu(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "inspect"))
		return vgpu_inspect(argc, argv);
	if (argc >= 2 && (!strcmp(argv[1], "types") || !strcmp(argv[1], "list") ||
			  !strcmp(argv[1], "create") || !strcmp(argv[1], "destroy")))
		return nvgspctl_vgpu_sysfs(argc, argv);
	fprintf(stderr, "nvgspctl: vgpu: unknown subcommand '%s' (inspect, types, list, create, destroy)\n",
		argc >= 2 ? argv[1] : "");
	return NVGSPCTL_EXIT_USAGE;
}
