// SPDX-License-Identifier: GPL-2.0-only
/*
 * vgpu_sysfs.c - `nvgspctl vgpu types|list|create|destroy DEV`: vGPUs through
 * the nvidia/ files nvgsp-vfio-pci gives each VF it is bound to
 * (Documentation/ABI/testing/sysfs-bus-pci-drivers-nvgsp-vfio-pci):
 * creatable_vgpu_types lists what the VF can take now, current_vgpu_type
 * holds the type chosen (0 for none). DEV is a VF, or a PF for all its VFs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nvgspctl.h"

#define CREATABLE	"nvidia/creatable_vgpu_types"
#define CURRENT		"nvidia/current_vgpu_type"

struct vgpu_type {
	unsigned long id;
	char name[128];
};

struct vgpu_vf {
	char addr[NVGSPCTL_ADDR_LEN];
	char driver[64];	/* "" for none */
	bool bound;		/* nvgsp-vfio-pci's nvidia/ files are there */
};

static int vgpu_usage(void)
{
	fprintf(stderr, "usage: nvgspctl vgpu types [--json] DEV\n"
		"       nvgspctl vgpu list [--json] DEV\n"
		"       nvgspctl vgpu create [--json] DEV TYPE\n"
		"       nvgspctl vgpu destroy [--json] DEV\n"
		"DEV is a PCI address (a VF, or a PF for its VFs); TYPE a vGPU type id or name.\n");
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

static int vgpu_read_current(const char *vf, unsigned long *id)
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
static int vgpu_read_types(const char *vf, struct vgpu_type **out, size_t *nr)
{
	char buf[16384], path[4096], *line, *next, *end;
	struct vgpu_type *types = NULL, *more;
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

static struct json_object *vgpu_types_json(const struct vgpu_type *types, size_t n)
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
	struct vgpu_type *types;
	struct json_object *o;
	unsigned long cur;
	size_t n, i;

	if (!nvgspctl_sysfs_exists(addr, CURRENT)) {
		if (parent)
			nvgspctl_json_add_str(parent, "vgpu", NULL);
		return 0;
	}
	if (vgpu_read_current(addr, &cur) || vgpu_read_types(addr, &types, &n)) {
		if (parent)	/* said on stderr */
			nvgspctl_json_add_str(parent, "vgpu", NULL);
		return NVGSPCTL_EXIT_FAIL;
	}
	if (parent) {
		o = json_object_new_object();
		nvgspctl_json_add_u64(o, "current_type", cur);
		nvgspctl_json_add(o, "creatable_types", vgpu_types_json(types, n));
		nvgspctl_json_add(parent, "vgpu", o);
	} else {
		printf("  %-20s %lu%s\n", "vgpu_type", cur, cur ? "" : " (none)");
		printf("  %-20s", "creatable_types");
		for (i = 0; i < n; i++)
			printf("%s %lu (%s)", i ? "," : "", types[i].id, types[i].name);
		printf("%s\n", n ? "" : " none");
	}
	free(types);
	return 0;
}

static void vgpu_vf_fill(struct vgpu_vf *vf, const char *addr)
{
	snprintf(vf->addr, sizeof(vf->addr), "%s", addr);
	if (nvgspctl_sysfs_link(addr, "driver", vf->driver, sizeof(vf->driver)))
		vf->driver[0] = '\0';
	vf->bound = nvgspctl_sysfs_exists(addr, CURRENT);
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
	fprintf(stderr, "nvgspctl: %s: not bound to nvgsp-vfio-pci (driver: %s), so it has no %s; "
		"bind it: echo nvgsp-vfio-pci > %s/devices/%s/driver_override, then write the address to drivers_probe\n",
		vf->addr, vf->driver[0] ? vf->driver : "none", CURRENT, nvgspctl_sysfs_root, vf->addr);
	return NVGSPCTL_EXIT_FAIL;
}

static int vgpu_types(struct vgpu_vf *vfs, size_t n, bool json)
{
	struct json_object *arr = json ? json_object_new_array() : NULL, *o;
	struct vgpu_type *types;
	size_t i, j, k, shown = 0;
	unsigned long cur;
	int ret = 0;

	for (i = 0; i < n && !ret; i++) {
		if (!vfs[i].bound)
			continue;
		ret = vgpu_read_current(vfs[i].addr, &cur);
		if (!ret)
			ret = vgpu_read_types(vfs[i].addr, &types, &k);
		if (ret)
			break;
		shown++;
		if (json) {
			o = json_object_new_object();
			nvgspctl_json_add_str(o, "address", vfs[i].addr);
			nvgspctl_json_add_u64(o, "current_type", cur);
			nvgspctl_json_add(o, "creatable_types", vgpu_types_json(types, k));
			nvgspctl_json_append(arr, o);
		} else {
			printf("%s: vGPU type %lu%s; %zu creatable now\n", vfs[i].addr, cur,
			       cur ? "" : " (none)", k);
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
	size_t i;

	if (!json)
		printf("%-12s  %-16s  %s\n", "VF", "DRIVER", "VGPU_TYPE");
	for (i = 0; i < n; i++) {
		if (vfs[i].bound && vgpu_read_current(vfs[i].addr, &cur)) {
			json_object_put(arr);
			return NVGSPCTL_EXIT_FAIL;
		}
		if (json) {
			o = json_object_new_object();
			nvgspctl_json_add_str(o, "address", vfs[i].addr);
			nvgspctl_json_add_str(o, "driver", vfs[i].driver[0] ? vfs[i].driver : NULL);
			if (vfs[i].bound)
				nvgspctl_json_add_u64(o, "vgpu_type", cur);
			else
				nvgspctl_json_add_str(o, "vgpu_type", NULL);
			nvgspctl_json_append(arr, o);
		} else if (vfs[i].bound) {
			printf("%-12s  %-16s  %lu%s\n", vfs[i].addr, vfs[i].driver, cur, cur ? "" : " (none)");
		} else {
			printf("%-12s  %-16s  -\n", vfs[i].addr, vfs[i].driver[0] ? vfs[i].driver : "-");
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

static int vgpu_write(const struct vgpu_vf *vf, unsigned long id)
{
	char val[24], path[4096];
	unsigned long now;
	int ret;

	snprintf(val, sizeof(val), "%lu\n", id);
	ret = nvgspctl_sysfs_write(vf->addr, CURRENT, val);
	if (ret) {
		nvgspctl_sysfs_path(path, sizeof(path), vf->addr, CURRENT);
		fprintf(stderr, "nvgspctl: %s: cannot write %lu: %s\n", path, id, vgpu_write_error(ret));
		return NVGSPCTL_EXIT_FAIL;
	}
	ret = vgpu_read_current(vf->addr, &now);
	if (!ret && now != id) {
		fprintf(stderr, "nvgspctl: %s: wrote %lu to %s but it reads %lu\n", vf->addr, id,
			CURRENT, now);
		ret = NVGSPCTL_EXIT_FAIL;
	}
	return ret;
}

static const struct vgpu_type *vgpu_find(const struct vgpu_type *types, size_t n, const char *want)
{
	unsigned long id;
	size_t i;

	for (i = 0; i < n; i++)
		if ((!vgpu_parse_id(want, &id) && types[i].id == id) || !strcmp(types[i].name, want))
			return &types[i];
	return NULL;
}

static int vgpu_create(const char *dev, struct vgpu_vf *vfs, size_t n, bool is_vf,
		       const char *want, bool json)
{
	struct vgpu_type *types = NULL;
	const struct vgpu_type *t = NULL;
	struct json_object *o;
	unsigned long cur;
	size_t i, k = 0;
	int ret;

	for (i = 0; i < n && !t; i++) {
		if (is_vf && vgpu_need_bound(&vfs[i]))
			return NVGSPCTL_EXIT_FAIL;
		if (!vfs[i].bound)
			continue;
		if (vgpu_read_current(vfs[i].addr, &cur))
			return NVGSPCTL_EXIT_FAIL;
		if (cur && is_vf) {
			fprintf(stderr, "nvgspctl: %s: already holds vGPU type %lu; destroy it first (nvgspctl vgpu destroy %s)\n",
				vfs[i].addr, cur, vfs[i].addr);
			return NVGSPCTL_EXIT_FAIL;
		}
		if (cur)
			continue;
		free(types);
		if (vgpu_read_types(vfs[i].addr, &types, &k))
			return NVGSPCTL_EXIT_FAIL;
		t = vgpu_find(types, k, want);
	}
	if (!t) {
		if (is_vf)
			fprintf(stderr, "nvgspctl: %s: vGPU type '%s' is not creatable on it now (%zu creatable: nvgspctl vgpu types %s)\n",
				vfs[0].addr, want, k, vfs[0].addr);
		else
			fprintf(stderr, "nvgspctl: %s: no free VF bound to nvgsp-vfio-pci can take vGPU type '%s' now (nvgspctl vgpu types %s)\n",
				dev, want, dev);
		free(types);
		return NVGSPCTL_EXIT_FAIL;
	}
	i--;
	ret = vgpu_write(&vfs[i], t->id);
	if (!ret && json) {
		o = json_object_new_object();
		nvgspctl_json_add_str(o, "address", vfs[i].addr);
		nvgspctl_json_add_u64(o, "vgpu_type", t->id);
		nvgspctl_json_add_str(o, "name", t->name);
		ret = nvgspctl_json_print(o);
	} else if (!ret) {
		printf("%s: vGPU type %lu (%s) created\n", vfs[i].addr, t->id, t->name);
	}
	free(types);
	return ret;
}

static int vgpu_destroy(struct vgpu_vf *vf, bool is_vf, bool json)
{
	struct json_object *o;
	unsigned long cur;
	int ret;

	if (!is_vf) {
		fprintf(stderr, "nvgspctl: vgpu destroy: name a VF, not its PF (nvgspctl vgpu list shows the VFs)\n");
		return NVGSPCTL_EXIT_USAGE;
	}
	if (vgpu_need_bound(vf) || vgpu_read_current(vf->addr, &cur))
		return NVGSPCTL_EXIT_FAIL;
	if (!cur) {
		fprintf(stderr, "nvgspctl: %s: holds no vGPU type (%s is 0): nothing to destroy\n",
			vf->addr, CURRENT);
		return NVGSPCTL_EXIT_FAIL;
	}
	ret = vgpu_write(vf, 0);
	if (!ret && json) {
		o = json_object_new_object();
		nvgspctl_json_add_str(o, "address", vf->addr);
		nvgspctl_json_add_u64(o, "vgpu_type", 0);
		nvgspctl_json_add_u64(o, "destroyed_type", cur);
		ret = nvgspctl_json_print(o);
	} else if (!ret) {
		printf("%s: vGPU type %lu destroyed\n", vf->addr, cur);
	}
	return ret;
}

int nvgspctl_vgpu_sysfs(int argc, char **argv)
{
	const char *cmd = argv[1], *args[2] = { NULL, NULL };
	char dev[NVGSPCTL_ADDR_LEN];
	unsigned int nargs = 0, want = strcmp(cmd, "create") ? 1 : 2;
	struct vgpu_vf *vfs;
	bool json = false, is_vf;
	size_t n;
	int i, ret;

	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
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
		ret = vgpu_create(dev, vfs, n, is_vf, args[1], json);
	else
		ret = vgpu_destroy(&vfs[0], is_vf, json);
	free(vfs);
	return ret;
}
