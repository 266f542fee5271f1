// SPDX-License-Identifier: GPL-2.0-only
/*
 * vgpu_sysfs.c - `nvgspctl vgpu types|list|create|destroy DEV`: vGPUs through
 * the nvidia/ files nvgsp-vfio-pci gives each VF it is bound to
 * (Documentation/ABI/testing/sysfs-bus-pci-drivers-nvgsp-vfio-pci):
 * creatable_vgpu_types lists what the VF can take now, current_vgpu_type
 * holds the type chosen (0 for none); or, for a VF bound to nvgsp-mdev,
 * through the mdev core's files (vgpu_mdev.c). DEV is a VF, or a PF for
 * all its VFs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nvgspctl.h"

#define CREATABLE	"nvidia/creatable_vgpu_types"
#define CURRENT		"nvidia/current_vgpu_type"

struct vgpu_vf {
	char addr[NVGSPCTL_ADDR_LEN];
	char driver[64];	/* "" for none */
	bool bound;		/* nvgsp-vfio-pci's nvidia/ files or nvgsp-mdev's types are there */
	bool mdev;		/* the mdev route: bound to nvgsp-mdev */
	char uuid[NVGSPCTL_UUID_LEN];	/* its mdev, "" for none (vgpu_current) */
};

static int vgpu_usage(void)
{
	fprintf(stderr, "usage: nvgspctl vgpu types [--json] DEV\n"
		"       nvgspctl vgpu list [--json] DEV\n"
		"       nvgspctl vgpu create [--json] [--uuid UUID] DEV TYPE\n"
		"       nvgspctl vgpu destroy [--json] DEV\n"
		"DEV is a PCI address (a VF, or a PF for its VFs); TYPE a vGPU type id or name;\n"
		"UUID the mdev's, for a VF bound to nvgsp-mdev (default: a random one).\n");
	return NVGSPCTL_EXIT_USAGE;
}

/* A decimal number, one trailing newline allowed, as the kernel parses it. */
static int vgpu_parse_id(const char *s, unsigned long *id)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	*id = strtoul(s, &end, 10);
	if (errno || *id > 0xffffffffUL || (*end && strcmp(end, "\n")))
		return -EINVAL;
	return 0;
}

static int vgpu_file_current(const char *vf, unsigned long *id)
{
	char buf[64], path[4096];
	int ret = nvgspctl_sysfs_read(vf, CURRENT, buf, sizeof(buf));

	nvgspctl_sysfs_path(path, sizeof(path), vf, CURRENT);
	if (ret) {
		fprintf(stderr, "nvgspctl: %s: cannot be read: %s\n", path, strerror(-ret));
		return NVGSPCTL_EXIT_FAIL;
	}
	if (vgpu_parse_id(buf, id)) {
		fprintf(stderr, "nvgspctl: %s: '%s' is not a vGPU type id\n", path, buf);
		return NVGSPCTL_EXIT_FAIL;
	}
	return 0;
}

/*
 * creatable_vgpu_types: a header line "ID    : vGPU Name", then "<id> : <name>"
 * per type, the id left-aligned in five columns. Anything else is refused,
 * naming the file and the line.
 */
static int vgpu_file_types(const char *vf, struct nvgspctl_vgpu_type **out, size_t *nr)
{
	char buf[16384], path[4096], *line, *next, *end;
	struct nvgspctl_vgpu_type *types = NULL, *more;
	unsigned int lineno = 0;
	size_t n = 0;
	int ret;

	*out = NULL;
	*nr = 0;
	nvgspctl_sysfs_path(path, sizeof(path), vf, CREATABLE);
	ret = nvgspctl_sysfs_read(vf, CREATABLE, buf, sizeof(buf));
	if (ret) {
		fprintf(stderr, "nvgspctl: %s: cannot be read: %s\n", path, strerror(-ret));
		return NVGSPCTL_EXIT_FAIL;
	}
	for (line = buf; line; line = next) {
		const char *why = NULL;
		unsigned long id;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (++lineno == 1) {
			if (strncmp(line, "ID", 2) || !strstr(line, ": vGPU Name"))
				why = "is not the header \"ID    : vGPU Name\"";
		} else {
			errno = 0;
			id = strtoul(line, &end, 10);
			if (line[0] < '0' || line[0] > '9' || errno || id > 0xffffffffUL)
				why = "does not start with a type id";
			else if (strncmp(end + strspn(end, " "), ": ", 2) || !end[strspn(end, " ") + 2])
				why = "has no \" : <name>\" after the id";
		}
		if (why) {
			fprintf(stderr, "nvgspctl: %s: line %u %s: '%s'\n", path, lineno, why, line);
			free(types);
			return NVGSPCTL_EXIT_FAIL;
		}
		if (lineno == 1)
			continue;
		more = realloc(types, (n + 1) * sizeof(*types));
		if (!more) {
			free(types);
			fprintf(stderr, "nvgspctl: out of memory\n");
			return NVGSPCTL_EXIT_FAIL;
		}
		types = more;
		types[n].id = id;
		snprintf(types[n].name, sizeof(types[n].name), "%s", end + strspn(end, " ") + 2);
		n++;
	}
	if (!lineno || !buf[0]) {
		fprintf(stderr, "nvgspctl: %s: empty, no header line\n", path);
		return NVGSPCTL_EXIT_FAIL;
	}
	*out = types;
	*nr = n;
	return 0;
}

/* The VF's current type (0 none), by its route; the mdev's UUID in @vf->uuid. */
static int vgpu_current(struct vgpu_vf *vf, unsigned long *id)
{
	if (vf->mdev)
		return nvgspctl_mdev_current(vf->addr, id, vf->uuid);
	return vgpu_file_current(vf->addr, id);
}

/* The types the VF can take now, by its route. */
static int vgpu_read_types(const struct vgpu_vf *vf, struct nvgspctl_vgpu_type **out, size_t *nr)
{
	if (vf->mdev)
		return nvgspctl_mdev_types(vf->addr, out, nr);
	return vgpu_file_types(vf->addr, out, nr);
}

static void vgpu_vf_fill(struct vgpu_vf *vf, const char *addr)
{
	memset(vf, 0, sizeof(*vf));
	snprintf(vf->addr, sizeof(vf->addr), "%s", addr);
	if (nvgspctl_sysfs_link(addr, "driver", vf->driver, sizeof(vf->driver)))
		vf->driver[0] = '\0';
	vf->mdev = nvgspctl_mdev_parent(addr);
	vf->bound = vf->mdev || nvgspctl_sysfs_exists(addr, CURRENT);
}

/* The route's members of a VF's JSON object: route, and uuid for an mdev. */
static void vgpu_route_json(const struct vgpu_vf *vf, struct json_object *o)
{
	nvgspctl_json_add_str(o, "route", vf->mdev ? "mdev" : "vfio-pci");
	if (vf->mdev)
		nvgspctl_json_add_str(o, "uuid", vf->uuid[0] ? vf->uuid : NULL);
}

static struct json_object *vgpu_types_json(const struct nvgspctl_vgpu_type *types, size_t n)
{
	struct json_object *arr = json_object_new_array(), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = json_object_new_object();
		nvgspctl_json_add_u64(t, "id", types[i].id);
		nvgspctl_json_add_str(t, "name", types[i].name);
		nvgspctl_json_append(arr, t);
	}
	return arr;
}

int nvgspctl_vgpu_vf_info(const char *addr, struct json_object *parent)
{
	struct nvgspctl_vgpu_type *types;
	struct json_object *o;
	struct vgpu_vf vf;
	unsigned long cur;
	size_t n, i;

	vgpu_vf_fill(&vf, addr);
	if (!vf.bound) {
		if (parent)
			nvgspctl_json_add_str(parent, "vgpu", NULL);
		return 0;
	}
	if (vgpu_current(&vf, &cur) || vgpu_read_types(&vf, &types, &n)) {
		if (parent)	/* said on stderr */
			nvgspctl_json_add_str(parent, "vgpu", NULL);
		return NVGSPCTL_EXIT_FAIL;
	}
	if (parent) {
		o = json_object_new_object();
		vgpu_route_json(&vf, o);
		nvgspctl_json_add_u64(o, "current_type", cur);
		nvgspctl_json_add(o, "creatable_types", vgpu_types_json(types, n));
		nvgspctl_json_add(parent, "vgpu", o);
	} else {
		printf("  %-20s %s\n", "vgpu_route", vf.mdev ? "mdev (nvgsp-mdev)" : "vfio-pci (nvgsp-vfio-pci)");
		printf("  %-20s %lu%s%s%s\n", "vgpu_type", cur, cur ? "" : " (none)",
		       vf.uuid[0] ? ", mdev " : "", vf.uuid);
		printf("  %-20s", "creatable_types");
		for (i = 0; i < n; i++)
			printf("%s %lu (%s)", i ? "," : "", types[i].id, types[i].name);
		printf("%s\n", n ? "" : " none");
	}
	free(types);
	return 0;
}

/*
 * The VFs DEV names: itself if it is a VF, its enabled VFs (virtfnN) if it
 * is a PF. @is_vf says which. Refuses what is not an NVIDIA function, or a
 * PF without VFs.
 */
static int vgpu_vfs_of(const char *dev, char addr[NVGSPCTL_ADDR_LEN], struct vgpu_vf **out,
		       size_t *nr, bool *is_vf)
{
	char pf[NVGSPCTL_ADDR_LEN], vfa[NVGSPCTL_ADDR_LEN], link[32];
	struct vgpu_vf *vfs = NULL, *more;
	unsigned long vendor;
	size_t n = 0;

	*out = NULL;
	*nr = 0;
	if (nvgspctl_pci_addr_parse(dev, addr)) {
		fprintf(stderr, "nvgspctl: vgpu: '%s' is not a PCI address (0000:01:00.0 or 01:00.0)\n",
			dev);
		return NVGSPCTL_EXIT_USAGE;
	}
	if (!nvgspctl_sysfs_exists(addr, NULL)) {
		fprintf(stderr, "nvgspctl: %s: no such PCI function under %s/devices\n", addr,
			nvgspctl_sysfs_root);
		return NVGSPCTL_EXIT_FAIL;
	}
	if (nvgspctl_sysfs_read_uint(addr, "vendor", &vendor) || vendor != NVGSPCTL_PCI_VENDOR_NVIDIA) {
		fprintf(stderr, "nvgspctl: %s: not an NVIDIA PCI function\n", addr);
		return NVGSPCTL_EXIT_FAIL;
	}
	*is_vf = !nvgspctl_sysfs_link(addr, "physfn", pf, sizeof(pf));
	for (;;) {
		if (*is_vf) {
			if (n)
				break;
			snprintf(vfa, sizeof(vfa), "%s", addr);
		} else {
			snprintf(link, sizeof(link), "virtfn%zu", n);
			if (nvgspctl_sysfs_link(addr, link, vfa, sizeof(vfa)))
				break;
		}
		more = realloc(vfs, (n + 1) * sizeof(*vfs));
		if (!more) {
			free(vfs);
			fprintf(stderr, "nvgspctl: out of memory\n");
			return NVGSPCTL_EXIT_FAIL;
		}
		vfs = more;
		vgpu_vf_fill(&vfs[n++], vfa);
	}
	if (!n) {
		fprintf(stderr, "nvgspctl: %s: neither a VF nor a PF with VFs enabled (its sriov_numvfs); vGPUs live on VFs\n",
			addr);
		return NVGSPCTL_EXIT_FAIL;
	}
	*out = vfs;
	*nr = n;
	return 0;
}

/* The VF must be nvgsp-vfio-pci's to hold a vGPU type. */
static int vgpu_need_bound(const struct vgpu_vf *vf)
{
	if (vf->bound)
		return 0;
	fprintf(stderr, "nvgspctl: %s: not bound to nvgsp-vfio-pci or nvgsp-mdev (driver: %s), so it has no %s or %s; "
		"bind it: echo nvgsp-vfio-pci (or nvgsp-mdev) > %s/devices/%s/driver_override, then write the address to drivers_probe\n",
		vf->addr, vf->driver[0] ? vf->driver : "none", CURRENT, "mdev_supported_types",
		nvgspctl_sysfs_root, vf->addr);
	return NVGSPCTL_EXIT_FAIL;
}

static int vgpu_types(struct vgpu_vf *vfs, size_t n, bool json)
{
	struct json_object *arr = json ? json_object_new_array() : NULL, *o;
	struct nvgspctl_vgpu_type *types;
	size_t i, j, k, shown = 0;
	unsigned long cur;
	int ret = 0;

	for (i = 0; i < n && !ret; i++) {
		if (!vfs[i].bound)
			continue;
		ret = vgpu_current(&vfs[i], &cur);
		if (!ret)
			ret = vgpu_read_types(&vfs[i], &types, &k);
		if (ret)
			break;
		shown++;
		if (json) {
			o = json_object_new_object();
			nvgspctl_json_add_str(o, "address", vfs[i].addr);
			vgpu_route_json(&vfs[i], o);
			nvgspctl_json_add_u64(o, "current_type", cur);
			nvgspctl_json_add(o, "creatable_types", vgpu_types_json(types, k));
			nvgspctl_json_append(arr, o);
		} else {
			printf("%s: %s, vGPU type %lu%s; %zu creatable now\n", vfs[i].addr,
			       vfs[i].mdev ? "mdev" : "vfio-pci", cur, cur ? "" : " (none)", k);
			for (j = 0; j < k; j++)
				printf("  %-8lu %s\n", types[j].id, types[j].name);
		}
		free(types);
	}
	if (!ret && !shown)
		ret = vgpu_need_bound(&vfs[0]);
	if (ret) {
		json_object_put(arr);
		return ret;
	}
	return json ? nvgspctl_json_print(arr) : 0;
}

static int vgpu_list(struct vgpu_vf *vfs, size_t n, bool json)
{
	struct json_object *arr = json ? json_object_new_array() : NULL, *o;
	unsigned long cur;
	char type[32];
	size_t i;

	if (!json)
		printf("%-12s  %-16s  %-9s  %s\n", "VF", "DRIVER", "VGPU_TYPE", "MDEV");
	for (i = 0; i < n; i++) {
		if (vfs[i].bound && vgpu_current(&vfs[i], &cur)) {
			json_object_put(arr);
			return NVGSPCTL_EXIT_FAIL;
		}
		if (json) {
			o = json_object_new_object();
			nvgspctl_json_add_str(o, "address", vfs[i].addr);
			nvgspctl_json_add_str(o, "driver", vfs[i].driver[0] ? vfs[i].driver : NULL);
			if (vfs[i].bound) {
				nvgspctl_json_add_u64(o, "vgpu_type", cur);
				vgpu_route_json(&vfs[i], o);
			} else {
				nvgspctl_json_add_str(o, "vgpu_type", NULL);
			}
			nvgspctl_json_append(arr, o);
		} else if (vfs[i].bound) {
			snprintf(type, sizeof(type), "%lu%s", cur, cur ? "" : " (none)");
			printf("%-12s  %-16s  %-9s  %s\n", vfs[i].addr, vfs[i].driver, type,
			       vfs[i].uuid[0] ? vfs[i].uuid : "-");
		} else {
			printf("%-12s  %-16s  %-9s  -\n", vfs[i].addr, vfs[i].driver[0] ? vfs[i].driver : "-", "-");
		}
	}
	return json ? nvgspctl_json_print(arr) : 0;
}

/* Why the kernel refused a write of current_vgpu_type (the ABI file's errors). */
static const char *vgpu_write_error(int err)
{
	switch (err) {
	case -EINVAL:
		return "the driver refused the value: not a type this GPU offers";
	case -EBUSY:
		return "busy: the VF's VFIO device is open (a VM runs on it), or the VF holds another type";
	case -ENOSPC:
		return "no place left for this type: its max_instance are taken, or the GPU holds vGPUs of another type";
	case -EACCES:
	case -EPERM:
		return "permission denied (root writes it)";
	default:
		return strerror(-err);
	}
}

/*
 * Give @vf type @id, or take its type back (@id 0): current_vgpu_type, or
 * for an mdev parent create an mdev (with @vf->uuid, or a random UUID put
 * there) or remove @vf->uuid's.
 */
static int vgpu_write(struct vgpu_vf *vf, unsigned long id)
{
	char val[24], path[4096], uuid[NVGSPCTL_UUID_LEN];
	unsigned long now;
	int ret;

	if (vf->mdev) {
		ret = id ? nvgspctl_mdev_create(vf->addr, id, vf->uuid) :
			   nvgspctl_mdev_remove(vf->addr, vf->uuid);
		if (!ret)
			ret = nvgspctl_mdev_current(vf->addr, &now, uuid);
		if (!ret && (now != id || (id && strcmp(uuid, vf->uuid)))) {
			fprintf(stderr, "nvgspctl: %s: after the write its mdev is '%s' of type %lu, not '%s' of type %lu\n",
				vf->addr, uuid, now, id ? vf->uuid : "", id);
			ret = NVGSPCTL_EXIT_FAIL;
		}
		return ret;
	}
	snprintf(val, sizeof(val), "%lu\n", id);
	ret = nvgspctl_sysfs_write(vf->addr, CURRENT, val);
	if (ret) {
		nvgspctl_sysfs_path(path, sizeof(path), vf->addr, CURRENT);
		fprintf(stderr, "nvgspctl: %s: cannot write %lu: %s\n", path, id, vgpu_write_error(ret));
		return NVGSPCTL_EXIT_FAIL;
	}
	ret = vgpu_file_current(vf->addr, &now);
	if (!ret && now != id) {
		fprintf(stderr, "nvgspctl: %s: wrote %lu to %s but it reads %lu\n", vf->addr, id,
			CURRENT, now);
		ret = NVGSPCTL_EXIT_FAIL;
	}
	return ret;
}

static const struct nvgspctl_vgpu_type *vgpu_find(const struct nvgspctl_vgpu_type *types, size_t n, const char *want)
{
	unsigned long id;
	size_t i;

	for (i = 0; i < n; i++)
		if ((!vgpu_parse_id(want, &id) && types[i].id == id) || !strcmp(types[i].name, want))
			return &types[i];
	return NULL;
}

static int vgpu_create(const char *dev, struct vgpu_vf *vfs, size_t n, bool is_vf,
		       const char *want, const char *uuid, bool json)
{
	struct nvgspctl_vgpu_type *types = NULL;
	const struct nvgspctl_vgpu_type *t = NULL;
	struct json_object *o;
	unsigned long cur;
	size_t i, k = 0;
	int ret;

	for (i = 0; i < n && !t; i++) {
		if (is_vf && vgpu_need_bound(&vfs[i]))
			return NVGSPCTL_EXIT_FAIL;
		if (!vfs[i].bound)
			continue;
		if (vgpu_current(&vfs[i], &cur))
			return NVGSPCTL_EXIT_FAIL;
		if (cur && is_vf) {
			fprintf(stderr, "nvgspctl: %s: already holds vGPU type %lu; destroy it first (nvgspctl vgpu destroy %s)\n",
				vfs[i].addr, cur, vfs[i].addr);
			return NVGSPCTL_EXIT_FAIL;
		}
		if (cur)
			continue;
		free(types);
		if (vgpu_read_types(&vfs[i], &types, &k))
			return NVGSPCTL_EXIT_FAIL;
		t = vgpu_find(types, k, want);
	}
	if (!t) {
		if (is_vf)
			fprintf(stderr, "nvgspctl: %s: vGPU type '%s' is not creatable on it now (%zu creatable: nvgspctl vgpu types %s)\n",
				vfs[0].addr, want, k, vfs[0].addr);
		else
			fprintf(stderr, "nvgspctl: %s: no free VF bound to nvgsp-vfio-pci or nvgsp-mdev can take vGPU type '%s' now (nvgspctl vgpu types %s)\n",
				dev, want, dev);
		free(types);
		return NVGSPCTL_EXIT_FAIL;
	}
	i--;
	if (uuid && !vfs[i].mdev) {
		fprintf(stderr, "nvgspctl: %s: --uuid names an mdev, and this VF is bound to %s, not nvgsp-mdev\n",
			vfs[i].addr, vfs[i].driver);
		free(types);
		return NVGSPCTL_EXIT_USAGE;
	}
	snprintf(vfs[i].uuid, sizeof(vfs[i].uuid), "%s", uuid ? uuid : "");
	ret = vgpu_write(&vfs[i], t->id);
	if (!ret && json) {
		o = json_object_new_object();
		nvgspctl_json_add_str(o, "address", vfs[i].addr);
		vgpu_route_json(&vfs[i], o);
		nvgspctl_json_add_u64(o, "vgpu_type", t->id);
		nvgspctl_json_add_str(o, "name", t->name);
		ret = nvgspctl_json_print(o);
	} else if (!ret) {
		printf("%s: vGPU type %lu (%s) created%s%s\n", vfs[i].addr, t->id, t->name,
		       vfs[i].mdev ? ": mdev " : "", vfs[i].uuid);
	}
	free(types);
	return ret;
}

static int vgpu_destroy(struct vgpu_vf *vf, bool is_vf, bool json)
{
	char uuid[NVGSPCTL_UUID_LEN];
	struct json_object *o;
	unsigned long cur;
	int ret;

	if (!is_vf) {
		fprintf(stderr, "nvgspctl: vgpu destroy: name a VF, not its PF (nvgspctl vgpu list shows the VFs)\n");
		return NVGSPCTL_EXIT_USAGE;
	}
	if (vgpu_need_bound(vf) || vgpu_current(vf, &cur))
		return NVGSPCTL_EXIT_FAIL;
	if (!cur) {
		fprintf(stderr, "nvgspctl: %s: holds no vGPU type (%s): nothing to destroy\n",
			vf->addr, vf->mdev ? "it carries no mdev" : CURRENT " is 0");
		return NVGSPCTL_EXIT_FAIL;
	}
	snprintf(uuid, sizeof(uuid), "%s", vf->uuid);
	ret = vgpu_write(vf, 0);
	if (!ret && json) {
		o = json_object_new_object();
		nvgspctl_json_add_str(o, "address", vf->addr);
		nvgspctl_json_add_str(o, "route", vf->mdev ? "mdev" : "vfio-pci");
		if (vf->mdev)
			nvgspctl_json_add_str(o, "uuid", uuid);
		nvgspctl_json_add_u64(o, "vgpu_type", 0);
		nvgspctl_json_add_u64(o, "destroyed_type", cur);
		ret = nvgspctl_json_print(o);
	} else if (!ret) {
		printf("%s: vGPU type %lu destroyed%s%s\n", vf->addr, cur, vf->mdev ? ": mdev " : "",
		       uuid);
	}
	return ret;
}

int nvgspctl_vgpu_sysfs(int argc, char **argv)
{
	const char *cmd = argv[1], *args[2] = { NULL, NULL }, *uuid = NULL;
	char dev[NVGSPCTL_ADDR_LEN];
	unsigned int nargs = 0, want = strcmp(cmd, "create") ? 1 : 2;
	struct vgpu_vf *vfs;
	bool json = false, is_vf;
	size_t n;
	int i, ret;

	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--uuid") && !strcmp(cmd, "create") && i + 1 < argc && !uuid)
			uuid = argv[++i];
		else if (nargs < want && (argv[i][0] != '-' || nargs == 1))
			args[nargs++] = argv[i];
		else
			return vgpu_usage();
	}
	if (nargs != want)
		return vgpu_usage();
	ret = vgpu_vfs_of(args[0], dev, &vfs, &n, &is_vf);
	if (ret)
		return ret;
	if (!strcmp(cmd, "types"))
		ret = vgpu_types(vfs, n, json);
	else if (!strcmp(cmd, "list"))
		ret = vgpu_list(vfs, n, json);
	else if (!strcmp(cmd, "create"))
		ret = vgpu_create(dev, vfs, n, is_vf, args[1], uuid, json);
	else
		ret = vgpu_destroy(&vfs[0], is_vf, json);
	free(vfs);
	return ret;
}
