// SPDX-License-Identifier: GPL-2.0-only
/*
 * drm.c - nvgsp's DRM render nodes through libdrm: drmGetDevices2() finds
 * the render node of each GPU nvgsp drives (matched by PCI bus address to
 * the function libpci listed), drmGetVersion() confirms that nvgsp drives
 * it, and DRM_IOCTL_NVGSP_QUERY (through drmIoctl) asks every query
 * (Documentation/drm-render-node.rst). What could not be had is said in
 * the device's error; nothing here fails the command.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xf86drm.h>

#include "nvgspctl.h"

const char *const nvgspctl_drm_query_names[NVGSPCTL_DRM_NR_QUERIES] = {
	[NVGSPCTL_DRM_CHIP] = "chip",
	[NVGSPCTL_DRM_GSP] = "gsp",
	[NVGSPCTL_DRM_MEMORY] = "memory",
	[NVGSPCTL_DRM_VGPU] = "vgpu",
};

static const size_t drm_sizes[NVGSPCTL_DRM_NR_QUERIES] = {
	[NVGSPCTL_DRM_CHIP] = sizeof(struct drm_nvgsp_chip),
	[NVGSPCTL_DRM_GSP] = sizeof(struct drm_nvgsp_gsp),
	[NVGSPCTL_DRM_MEMORY] = sizeof(struct drm_nvgsp_memory),
	[NVGSPCTL_DRM_VGPU] = sizeof(struct drm_nvgsp_vgpu),
};

void nvgspctl_drm_error(struct nvgspctl_drm_dev *d, const char *fmt, ...)
{
	size_t len = strlen(d->error);
	va_list ap;

	if (len && len + 2 < sizeof(d->error)) {
		memcpy(d->error + len, "; ", 3);
		len += 2;
	}
	if (len + 1 >= sizeof(d->error))
		return;
	va_start(ap, fmt);
	vsnprintf(d->error + len, sizeof(d->error) - len, fmt, ap);
	va_end(ap);
}

static void *drm_answer(struct nvgspctl_drm_dev *d, enum nvgspctl_drm_query q)
{
	switch (q) {
	case NVGSPCTL_DRM_CHIP:
		return &d->chip;
	case NVGSPCTL_DRM_GSP:
		return &d->gsp;
	case NVGSPCTL_DRM_MEMORY:
		return &d->memory;
	default:
		return &d->vgpu;
	}
}

bool nvgspctl_drm_keep(struct nvgspctl_drm_dev *d, enum nvgspctl_drm_query q, const void *buf,
		       size_t got)
{
	if (got < drm_sizes[q]) {
		nvgspctl_drm_error(d, "%s: the answer is %zu bytes, below the %zu of its first version",
				   nvgspctl_drm_query_names[q], got, drm_sizes[q]);
		return false;
	}
	memcpy(drm_answer(d, q), buf, drm_sizes[q]);
	/* strings the kernel NUL-pads: never trust that they end */
	d->chip.name[sizeof(d->chip.name) - 1] = '\0';
	d->gsp.release[sizeof(d->gsp.release) - 1] = '\0';
	d->gsp.reason[sizeof(d->gsp.reason) - 1] = '\0';
	if (d->gsp.build_id_len > sizeof(d->gsp.build_id))
		d->gsp.build_id_len = sizeof(d->gsp.build_id);
	d->have[q] = true;
	return true;
}

/* Every query on the open node @fd. */
static void drm_ask(int fd, struct nvgspctl_drm_dev *d)
{
	union {
		struct drm_nvgsp_chip chip;
		struct drm_nvgsp_gsp gsp;
		struct drm_nvgsp_memory memory;
		struct drm_nvgsp_vgpu vgpu;
	} buf;
	struct drm_nvgsp_query req;
	unsigned int q;

	for (q = 0; q < NVGSPCTL_DRM_NR_QUERIES; q++) {
		memset(&buf, 0, sizeof(buf));
		memset(&req, 0, sizeof(req));
		req.query = q;
		req.size = drm_sizes[q];
		req.data = (uintptr_t)&buf;
		if (drmIoctl(fd, DRM_IOCTL_NVGSP_QUERY, &req)) {
			nvgspctl_drm_error(d, "%s: %s query: %s", d->node, nvgspctl_drm_query_names[q],
					   strerror(errno));
			continue;
		}
		nvgspctl_drm_keep(d, q, &buf, req.size < sizeof(buf) ? req.size : sizeof(buf));
	}
}

/* Open @d->node, check it is nvgsp's, ask. */
static void drm_open_ask(struct nvgspctl_drm_dev *d)
{
	drmVersionPtr ver;
	int fd;

	fd = open(d->node, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		nvgspctl_drm_error(d, "%s: %s%s", d->node, strerror(errno),
				   errno == EACCES ? " (the render group may open it)" : "");
		return;
	}
	ver = drmGetVersion(fd);
	if (!ver) {
		nvgspctl_drm_error(d, "%s: drmGetVersion: %s", d->node, strerror(errno));
		close(fd);
		return;
	}
	snprintf(d->driver, sizeof(d->driver), "%.*s", ver->name_len > 0 ? ver->name_len : 0,
		 ver->name ? ver->name : "");
	d->version[0] = ver->version_major;
	d->version[1] = ver->version_minor;
	d->version[2] = ver->version_patchlevel;
	drmFreeVersion(ver);
	if (strcmp(d->driver, DRM_NVGSP_DRIVER_NAME))
		nvgspctl_drm_error(d, "%s: driven by '%s', not %s", d->node, d->driver,
				   DRM_NVGSP_DRIVER_NAME);
	else
		drm_ask(fd, d);
	close(fd);
}

void nvgspctl_drm_scan(const struct nvgspctl_pci_fn *fns, size_t n, struct nvgspctl_drm_dev *out)
{
	drmDevicePtr *devs = NULL;
	int nr = 0, i, got;
	bool want = false;
	size_t f;

	memset(out, 0, n * sizeof(*out));
	for (f = 0; f < n; f++) {
		out[f].looked = !strcmp(fns[f].driver, "nvgsp");
		want |= out[f].looked;
	}
	if (!want)
		return;
	if (nvgspctl_drm_answers) {
		for (f = 0; f < n; f++)
			if (out[f].looked)
				nvgspctl_drm_answers_read(fns[f].addr, &out[f]);
		return;
	}
	if (strcmp(nvgspctl_sysfs_root, "/sys/bus/pci")) {
		for (f = 0; f < n; f++)
			if (out[f].looked)
				nvgspctl_drm_error(&out[f], "no render node looked for: --sysfs %s is not this machine's",
						   nvgspctl_sysfs_root);
		return;
	}
	nr = drmGetDevices2(0, NULL, 0);
	if (nr > 0) {
		devs = calloc(nr, sizeof(*devs));
		got = devs ? drmGetDevices2(0, devs, nr) : -ENOMEM;
		nr = got < nr ? got : nr;
	}
	for (f = 0; f < n; f++) {
		struct nvgspctl_drm_dev *d = &out[f];

		if (!d->looked)
			continue;
		for (i = 0; i < nr; i++) {
			drmPciBusInfoPtr b;
			char addr[NVGSPCTL_ADDR_LEN];

			if (devs[i]->bustype != DRM_BUS_PCI ||
			    !(devs[i]->available_nodes & (1 << DRM_NODE_RENDER)))
				continue;
			b = devs[i]->businfo.pci;
			snprintf(addr, sizeof(addr), "%04x:%02x:%02x.%x", b->domain, b->bus, b->dev,
				 b->func);
			if (strcmp(addr, fns[f].addr))
				continue;
			snprintf(d->node, sizeof(d->node), "%s", devs[i]->nodes[DRM_NODE_RENDER]);
			break;
		}
		if (d->node[0])
			drm_open_ask(d);
		else if (nr < 0)
			nvgspctl_drm_error(d, "drmGetDevices2: %s", strerror(-nr));
		else
			nvgspctl_drm_error(d, "no DRM render node for %s under /dev/dri (nvgsp registers it once GSP-RM runs)",
					   fns[f].addr);
	}
	if (devs) {
		drmFreeDevices(devs, nr > 0 ? nr : 0);
		free(devs);
	}
}
