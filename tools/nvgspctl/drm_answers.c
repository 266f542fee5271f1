// SPDX-License-Identifier: GPL-2.0-only
/*
 * drm_answers.c - `--drm-answers DIR`: what nvgsp's render node of a GPU
 * would answer, from files, so that the tools tier checks how nvgspctl
 * reports the answers without a GPU (libdrm finds nodes only under the real
 * /dev/dri and /sys). DIR/<address>/ holds, each optional:
 *
 *   node          the node's path, as drmGetDevices2 would give it
 *   open_errno    open() of the node fails with this errno (decimal)
 *   version       drmGetVersion's "name major.minor.patchlevel"
 *   chip, gsp, memory, vgpu
 *                 the query's answer: the bytes the kernel writes, the
 *                 file's size being the size it reports
 *   <query>.errno the query fails with this errno (decimal)
 *
 * No DIR/<address>/ is a GPU without a render node.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nvgspctl.h"

const char *nvgspctl_drm_answers;

/* DIR/@addr/@name into @buf (at most @len bytes); bytes read, or -errno. */
static ssize_t answers_file(const char *addr, const char *name, void *buf, size_t len)
{
	char path[4096];
	ssize_t got;
	int fd;

	snprintf(path, sizeof(path), "%s/%s/%s", nvgspctl_drm_answers, addr, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	got = read(fd, buf, len);
	if (got < 0)
		got = -errno;
	close(fd);
	return got;
}

/* A text file's first line; false when absent or empty. */
static bool answers_text(const char *addr, const char *name, char *buf, size_t len)
{
	ssize_t got = answers_file(addr, name, buf, len - 1);

	if (got <= 0)
		return false;
	buf[got] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return buf[0] != '\0';
}

/* An errno file: its number, or 0 when there is none. */
static int answers_errno(const char *addr, const char *name)
{
	char buf[32];

	return answers_text(addr, name, buf, sizeof(buf)) ? atoi(buf) : 0;
}

void nvgspctl_drm_answers_read(const char *addr, struct nvgspctl_drm_dev *d)
{
	unsigned char buf[1024];
	char name[64];
	unsigned int q;
	ssize_t got;
	int e;

	if (!answers_text(addr, "node", d->node, sizeof(d->node))) {
		d->node[0] = '\0';
		nvgspctl_drm_error(d, "no DRM render node for %s under /dev/dri (nvgsp registers it once GSP-RM runs)",
				   addr);
		return;
	}
	e = answers_errno(addr, "open_errno");
	if (e) {
		nvgspctl_drm_error(d, "%s: %s%s", d->node, strerror(e),
				   e == EACCES ? " (the render group may open it)" : "");
		return;
	}
	if (!answers_text(addr, "version", name, sizeof(name)) ||
	    sscanf(name, "%31s %d.%d.%d", d->driver, &d->version[0], &d->version[1],
		   &d->version[2]) != 4) {
		nvgspctl_drm_error(d, "%s: drmGetVersion: %s", d->node, strerror(EINVAL));
		return;
	}
	if (strcmp(d->driver, DRM_NVGSP_DRIVER_NAME)) {
		nvgspctl_drm_error(d, "%s: driven by '%s', not %s", d->node, d->driver,
				   DRM_NVGSP_DRIVER_NAME);
		return;
	}
	for (q = 0; q < NVGSPCTL_DRM_NR_QUERIES; q++) {
		snprintf(name, sizeof(name), "%s.errno", nvgspctl_drm_query_names[q]);
		e = answers_errno(addr, name);
		memset(buf, 0, sizeof(buf));
		got = e ? -e : answers_file(addr, nvgspctl_drm_query_names[q], buf, sizeof(buf));
		if (got < 0)
			nvgspctl_drm_error(d, "%s: %s query: %s", d->node, nvgspctl_drm_query_names[q],
					   strerror((int)-got));
		else
			nvgspctl_drm_keep(d, q, buf, (size_t)got);
	}
}
