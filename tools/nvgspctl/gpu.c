// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpu.c - `nvgspctl list` and `nvgspctl info DEV`: NVIDIA's PCI functions,
 * who drives them, their SR-IOV state, and what nvgsp says about a GPU it
 * drives (its nvgsp/ sysfs files) or nvgsp-vfio-pci about a VF.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nvgspctl.h"

/* nvgsp's sysfs files (Documentation/ABI/testing/sysfs-bus-pci-drivers-nvgsp). */
static const char *const nvgsp_attrs[] = {
	"chip", "chipset", "family", "revision", "fw_signature_family", "boot_path",
	"fw_release", "fw_build_id", "gsp_state",
};

static int gpu_usage(const char *cmd)
{
	fprintf(stderr, "usage: nvgspctl %s\n",
		!strcmp(cmd, "list") ? "list [--json]" : "info [--json] DEV");
	return NVGSPCTL_EXIT_USAGE;
}

static int gpu_scan(struct nvgspctl_pci_fn **fns, size_t *n)
{
	int ret = nvgspctl_pci_scan(fns, n);

	if (ret == -EOPNOTSUPP)
		fprintf(stderr, "nvgspctl: this nvgspctl was built without libpci (a static build); list and info need it\n");
	else if (ret)
		fprintf(stderr, "nvgspctl: cannot list PCI functions under %s: %s\n",
			nvgspctl_sysfs_root, strerror(-ret));
	return ret ? NVGSPCTL_EXIT_FAIL : 0;
}

static struct json_object *gpu_json(const struct nvgspctl_pci_fn *fn)
{
	struct json_object *o = json_object_new_object(), *sriov;

	nvgspctl_json_add_str(o, "address", fn->addr);
	nvgspctl_json_add_hex(o, "vendor_id", 4, fn->vendor);
	nvgspctl_json_add_hex(o, "device_id", 4, fn->device);
	nvgspctl_json_add_hex(o, "subsystem_vendor_id", 4, fn->subsys_vendor);
	nvgspctl_json_add_hex(o, "subsystem_device_id", 4, fn->subsys_device);
	nvgspctl_json_add_hex(o, "class", 6, fn->class);
	nvgspctl_json_add_hex(o, "revision", 2, fn->revision);
	nvgspctl_json_add_str(o, "name", fn->name[0] ? fn->name : NULL);
	nvgspctl_json_add_str(o, "driver", fn->driver[0] ? fn->driver : NULL);
	nvgspctl_json_add_str(o, "physfn", fn->physfn[0] ? fn->physfn : NULL);
	if (!fn->sriov) {
		nvgspctl_json_add_str(o, "sriov", NULL);
		return o;
	}
	sriov = json_object_new_object();
	nvgspctl_json_add_u64(sriov, "total_vfs", fn->total_vfs);
	nvgspctl_json_add_u64(sriov, "num_vfs", fn->num_vfs);
	if (fn->sriov_cap) {
		nvgspctl_json_add_hex(sriov, "capability", 3, fn->sriov_cap);
		nvgspctl_json_add_hex(sriov, "vf_device_id", 4, fn->vf_device);
		nvgspctl_json_add_u64(sriov, "vf_offset", fn->vf_offset);
		nvgspctl_json_add_u64(sriov, "vf_stride", fn->vf_stride);
	} else {	/* config space beyond 64 bytes is root's */
		nvgspctl_json_add_str(sriov, "capability", NULL);
		nvgspctl_json_add_str(sriov, "vf_device_id", NULL);
		nvgspctl_json_add_str(sriov, "vf_offset", NULL);
		nvgspctl_json_add_str(sriov, "vf_stride", NULL);
	}
	nvgspctl_json_add(o, "sriov", sriov);
	return o;
}

static void gpu_vfs_col(const struct nvgspctl_pci_fn *fn, char *buf, size_t len)
{
	if (fn->physfn[0])
		snprintf(buf, len, "vf");
	else if (fn->sriov)
		snprintf(buf, len, "%u/%u", fn->num_vfs, fn->total_vfs);
	else
		snprintf(buf, len, "-");
}

/*
 * list's CHIP, GSP, RELEASE and VRAM columns of a GPU nvgsp drives: from its
 * render node, or where that did not answer from nvgsp's sysfs files (chip,
 * revision, gsp_state, fw_release; VRAM has none), saying so on stderr.
 */
static void gpu_cols(const struct nvgspctl_pci_fn *fn, const struct nvgspctl_drm_dev *d,
		     char cols[4][64])
{
	char chip[32], rev[8], val[256];

	nvgspctl_drm_cols(d, cols[0], cols[1], cols[2], cols[3], 64);
	if (!d->looked || (d->have[NVGSPCTL_DRM_CHIP] && d->have[NVGSPCTL_DRM_GSP]))
		return;
	if (!d->have[NVGSPCTL_DRM_CHIP] && !nvgspctl_sysfs_read(fn->addr, "nvgsp/chip", chip, sizeof(chip)) &&
	    !nvgspctl_sysfs_read(fn->addr, "nvgsp/revision", rev, sizeof(rev)))
		snprintf(cols[0], 64, "%s %s", chip, rev);
	if (!d->have[NVGSPCTL_DRM_GSP]) {
		if (!nvgspctl_sysfs_read(fn->addr, "nvgsp/gsp_state", val, sizeof(val))) {
			val[strcspn(val, ":")] = '\0';
			snprintf(cols[1], 64, "%.63s", !strcmp(val, "not started") ? "not_started" : val);
		}
		if (!nvgspctl_sysfs_read(fn->addr, "nvgsp/fw_release", val, sizeof(val)) && val[0])
			snprintf(cols[2], 64, "%.63s", val);
	}
	fprintf(stderr, "nvgspctl: %s: its render node did not answer (%s); CHIP, GSP and RELEASE from sysfs, '?' unknown\n",
		fn->addr, d->error[0] ? d->error : "-");
}

int nvgspctl_list(int argc, char **argv)
{
	struct nvgspctl_drm_dev *drm;
	struct nvgspctl_pci_fn *fns;
	struct json_object *arr, *o;
	char vfs[32], cols[4][64];
	bool json = false;
	size_t n, i;
	int ret;

	for (i = 1; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "--json")) {
			fprintf(stderr, "nvgspctl: list: bad argument '%s'\n", argv[i]);
			return gpu_usage("list");
		}
		json = true;
	}
	ret = gpu_scan(&fns, &n);
	if (ret)
		return ret;
	drm = calloc(n ? n : 1, sizeof(*drm));
	if (!drm) {
		free(fns);
		fprintf(stderr, "nvgspctl: out of memory\n");
		return NVGSPCTL_EXIT_FAIL;
	}
	nvgspctl_drm_scan(fns, n, drm);
	if (json) {
		arr = json_object_new_array();
		for (i = 0; i < n; i++) {
			o = gpu_json(&fns[i]);
			nvgspctl_drm_json(&drm[i], o);
			nvgspctl_json_append(arr, o);
		}
		free(drm);
		free(fns);
		return nvgspctl_json_print(arr);
	}
	printf("%-12s  %-9s  %-6s  %-3s  %-16s  %-7s  %-9s  %-11s  %-10s  %-7s  %s\n", "ADDRESS", "ID",
	       "CLASS", "REV", "DRIVER", "VFS", "CHIP", "GSP", "RELEASE", "VRAM", "NAME");
	for (i = 0; i < n; i++) {
		gpu_vfs_col(&fns[i], vfs, sizeof(vfs));
		gpu_cols(&fns[i], &drm[i], cols);
		printf("%-12s  %04x:%04x  %06x  %02x   %-16s  %-7s  %-9s  %-11s  %-10s  %-7s  %s\n",
		       fns[i].addr, fns[i].vendor, fns[i].device, fns[i].class, fns[i].revision,
		       fns[i].driver[0] ? fns[i].driver : "-", vfs, cols[0], cols[1], cols[2],
		       cols[3], fns[i].name[0] ? fns[i].name : "-");
	}
	free(drm);
	free(fns);
	return 0;
}

/* The VFs the kernel enabled: virtfn0, virtfn1, ... links, in VF order. */
static struct json_object *gpu_vfs(const struct nvgspctl_pci_fn *fn, bool json)
{
	struct json_object *arr = json ? json_object_new_array() : NULL;
	char link[32], vf[NVGSPCTL_ADDR_LEN];
	unsigned int i;

	if (!json)
		printf("  %-20s", "vfs");
	for (i = 0; i < 0x10000; i++) {
		snprintf(link, sizeof(link), "virtfn%u", i);
		if (nvgspctl_sysfs_link(fn->addr, link, vf, sizeof(vf)))
			break;
		if (json)
			nvgspctl_json_append(arr, nvgspctl_json_string(vf));
		else
			printf(" %s", vf);
	}
	if (!json)
		printf("%s\n", i ? "" : " none");
	return arr;
}

/*
 * nvgsp's own view of a GPU it drives: a member "nvgsp" of @parent (null when
 * nvgsp does not drive it), or lines.
 */
static void gpu_nvgsp(const struct nvgspctl_pci_fn *fn, struct json_object *parent)
{
	struct json_object *o;
	char val[256], key[32];
	unsigned int i;

	if (strcmp(fn->driver, "nvgsp") || !nvgspctl_sysfs_exists(fn->addr, "nvgsp")) {
		if (parent)
			nvgspctl_json_add_str(parent, "nvgsp", NULL);
		return;
	}
	o = parent ? json_object_new_object() : NULL;
	for (i = 0; i < sizeof(nvgsp_attrs) / sizeof(nvgsp_attrs[0]); i++) {
		snprintf(key, sizeof(key), "nvgsp/%s", nvgsp_attrs[i]);
		if (nvgspctl_sysfs_read(fn->addr, key, val, sizeof(val)))
			val[0] = '\0';
		if (parent)	/* a file this nvgsp lacks or that cannot be read: null */
			nvgspctl_json_add_str(o, nvgsp_attrs[i],
					      nvgspctl_sysfs_exists(fn->addr, key) ? val : NULL);
		else
			/* "revision" is the PCI function's above: this is the chip's */
			printf("  %-20s %s\n", strcmp(nvgsp_attrs[i], "revision") ? nvgsp_attrs[i] :
			       "chip_revision", val[0] ? val : "-");
	}
	if (parent)
		nvgspctl_json_add(parent, "nvgsp", o);
}

int nvgspctl_info(int argc, char **argv)
{
	struct nvgspctl_pci_fn *fns, *fn = NULL;
	struct nvgspctl_drm_dev drm;
	char addr[NVGSPCTL_ADDR_LEN], vfs[32];
	struct json_object *o;
	const char *dev = NULL;
	bool json = false;
	size_t n, i;
	int ret, bad;

	for (i = 1; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (argv[i][0] != '-' && !dev) {
			dev = argv[i];
		} else {
			fprintf(stderr, "nvgspctl: info: bad argument '%s'\n", argv[i]);
			return gpu_usage("info");
		}
	}
	if (!dev)
		return gpu_usage("info");
	if (nvgspctl_pci_addr_parse(dev, addr)) {
		fprintf(stderr, "nvgspctl: info: '%s' is not a PCI address (0000:01:00.0 or 01:00.0)\n",
			dev);
		return NVGSPCTL_EXIT_USAGE;
	}
	ret = gpu_scan(&fns, &n);
	if (ret)
		return ret;
	for (i = 0; i < n && !fn; i++)
		if (!strcmp(fns[i].addr, addr))
			fn = &fns[i];
	if (!fn) {
		fprintf(stderr, "nvgspctl: %s: no NVIDIA PCI function at this address (nvgspctl list shows them)\n",
			addr);
		free(fns);
		return NVGSPCTL_EXIT_FAIL;
	}
	nvgspctl_drm_scan(fn, 1, &drm);
	if (json) {
		o = gpu_json(fn);
		nvgspctl_drm_json(&drm, o);
		if (fn->sriov && !fn->physfn[0])
			nvgspctl_json_add(o, "vfs", gpu_vfs(fn, true));
		gpu_nvgsp(fn, o);
		bad = nvgspctl_vgpu_vf_info(fn->addr, o);
		free(fns);
		ret = nvgspctl_json_print(o);
		return bad ? bad : ret;
	}
	gpu_vfs_col(fn, vfs, sizeof(vfs));
	printf("%s\n", fn->addr);
	printf("  %-20s %04x:%04x (subsystem %04x:%04x)\n", "id", fn->vendor, fn->device,
	       fn->subsys_vendor, fn->subsys_device);
	printf("  %-20s %06x\n  %-20s %02x\n", "class", fn->class, "revision", fn->revision);
	printf("  %-20s %s\n", "name", fn->name[0] ? fn->name : "-");
	printf("  %-20s %s\n", "driver", fn->driver[0] ? fn->driver : "-");
	if (fn->physfn[0])
		printf("  %-20s %s\n", "physfn", fn->physfn);
	if (fn->sriov) {
		printf("  %-20s %u of %u VFs enabled", "sriov", fn->num_vfs, fn->total_vfs);
		if (fn->sriov_cap)
			printf(" (capability at 0x%x: VF device %04x, offset %u, stride %u)",
			       fn->sriov_cap, fn->vf_device, fn->vf_offset, fn->vf_stride);
		printf("\n");
		if (!fn->physfn[0])
			gpu_vfs(fn, false);
	}
	nvgspctl_drm_print(&drm);
	gpu_nvgsp(fn, NULL);
	ret = nvgspctl_vgpu_vf_info(fn->addr, NULL);
	free(fns);
	return ret;
}
