// SPDX-License-Identifier: GPL-2.0-only
/*
 * vgpu_mdev.c - vGPUs through the mdev core, the route mdevctl and libvirt
 * take: a VF bound to nvgsp-mdev offers one type directory per vGPU type,
 * mdev_supported_types/nvgsp-mdev-<id>/ (name, description,
 * available_instances, device_api, create), and carries at most one mdev,
 * the device <VF>/<uuid>/ whose mdev_type link names its type
 * (Documentation/vgpu-mdev.rst; the kernel's Documentation/driver-api/
 * vfio-mediated-device.rst for the mdev core's files). Creating writes a
 * UUID to the type's create file; destroying writes 1 to the mdev's remove.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "nvgspctl.h"

#define TYPES		"mdev_supported_types"
#define TYPE_PREFIX	"nvgsp-mdev-"

bool nvgspctl_mdev_parent(const char *vf)
{
	return nvgspctl_sysfs_exists(vf, TYPES);
}

/* "nvgsp-mdev-<decimal id>"; false for another parent driver's names. */
static bool mdev_type_id(const char *dir, unsigned long *id)
{
	const char *p = dir + strlen(TYPE_PREFIX);
	char *end;

	if (strncmp(dir, TYPE_PREFIX, strlen(TYPE_PREFIX)) || !isdigit((unsigned char)*p))
		return false;
	errno = 0;
	*id = strtoul(p, &end, 10);
	return !errno && !*end && *id <= 0xffffffffUL;
}

static bool mdev_is_uuid(const char *s)
{
	size_t i;

	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!isxdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return !s[36];
}

static int mdev_type_cmp(const void *a, const void *b)
{
	unsigned long x = ((const struct nvgspctl_vgpu_type *)a)->id;
	unsigned long y = ((const struct nvgspctl_vgpu_type *)b)->id;

	return x < y ? -1 : x > y;
}

int nvgspctl_mdev_types(const char *vf, struct nvgspctl_vgpu_type **out, size_t *nr)
{
	struct nvgspctl_vgpu_type *types = NULL, *more;
	char path[4096], attr[512];
	unsigned long id, avail;
	struct dirent *e;
	size_t n = 0;
	DIR *dir;

	*out = NULL;
	*nr = 0;
	nvgspctl_sysfs_path(path, sizeof(path), vf, TYPES);
	dir = opendir(path);
	if (!dir) {
		fprintf(stderr, "nvgspctl: %s: cannot be read: %s\n", path, strerror(errno));
		return NVGSPCTL_EXIT_FAIL;
	}
	while ((e = readdir(dir))) {
		if (!mdev_type_id(e->d_name, &id))
			continue;
		snprintf(attr, sizeof(attr), TYPES "/%s/available_instances", e->d_name);
		if (nvgspctl_sysfs_read_uint(vf, attr, &avail)) {
			fprintf(stderr, "nvgspctl: %s/%s: not a number of instances\n", path,
				attr + strlen(TYPES) + 1);
			free(types);
			closedir(dir);
			return NVGSPCTL_EXIT_FAIL;
		}
		if (!avail)
			continue;
		more = realloc(types, (n + 1) * sizeof(*types));
		if (!more) {
			fprintf(stderr, "nvgspctl: out of memory\n");
			free(types);
			closedir(dir);
			return NVGSPCTL_EXIT_FAIL;
		}
		types = more;
		types[n].id = id;
		snprintf(attr, sizeof(attr), TYPES "/%s/name", e->d_name);
		if (nvgspctl_sysfs_read(vf, attr, types[n].name, sizeof(types[n].name)))
			snprintf(types[n].name, sizeof(types[n].name), "%.127s", e->d_name);
		n++;
	}
	closedir(dir);
	if (n)
		qsort(types, n, sizeof(*types), mdev_type_cmp);
	*out = types;
	*nr = n;
	return 0;
}

int nvgspctl_mdev_current(const char *vf, unsigned long *id, char uuid[NVGSPCTL_UUID_LEN])
{
	char path[4096], attr[64], type[128];
	struct dirent *e;
	DIR *dir;
	int ret = 0;

	*id = 0;
	uuid[0] = '\0';
	nvgspctl_sysfs_path(path, sizeof(path), vf, NULL);
	dir = opendir(path);
	if (!dir) {
		fprintf(stderr, "nvgspctl: %s: cannot be read: %s\n", path, strerror(errno));
		return NVGSPCTL_EXIT_FAIL;
	}
	while ((e = readdir(dir))) {
		if (!mdev_is_uuid(e->d_name))
			continue;
		snprintf(attr, sizeof(attr), "%.36s/mdev_type", e->d_name);
		if (nvgspctl_sysfs_link(vf, attr, type, sizeof(type)))
			continue;	/* not an mdev */
		if (!mdev_type_id(type, id)) {
			fprintf(stderr, "nvgspctl: %s/%s: names type '%s', not one of nvgsp-mdev's\n",
				path, attr, type);
			ret = NVGSPCTL_EXIT_FAIL;
			break;
		}
		snprintf(uuid, NVGSPCTL_UUID_LEN, "%.36s", e->d_name);
		break;
	}
	closedir(dir);
	return ret;
}

/* A random (version 4, RFC 9562) UUID. */
static int mdev_uuid(char uuid[NVGSPCTL_UUID_LEN])
{
	unsigned char b[16];

	if (getrandom(b, sizeof(b), 0) != sizeof(b)) {
		fprintf(stderr, "nvgspctl: getrandom: %s\n", strerror(errno));
		return NVGSPCTL_EXIT_FAIL;
	}
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	snprintf(uuid, NVGSPCTL_UUID_LEN,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
		 b[13], b[14], b[15]);
	return 0;
}

/* Why the mdev core or nvgsp-mdev refused a create or remove. */
static const char *mdev_error(int err)
{
	switch (err) {
	case -EBUSY:
		return "busy: the VF carries an mdev already, or its mdev is open (a VM runs on it)";
	case -ENOSPC:
		return "no place left for this type on the GPU (max_instance, or vGPUs of another type)";
	case -EEXIST:
		return "an mdev with this UUID exists";
	case -EACCES:
	case -EPERM:
		return "permission denied (root writes it)";
	default:
		return strerror(-err);
	}
}

int nvgspctl_mdev_create(const char *vf, unsigned long id, char uuid[NVGSPCTL_UUID_LEN])
{
	char attr[128], path[4096];
	int ret;

	if (!uuid[0] && mdev_uuid(uuid))
		return NVGSPCTL_EXIT_FAIL;
	if (!mdev_is_uuid(uuid)) {
		fprintf(stderr, "nvgspctl: '%s' is not a UUID\n", uuid);
		return NVGSPCTL_EXIT_USAGE;
	}
	snprintf(attr, sizeof(attr), TYPES "/" TYPE_PREFIX "%lu/create", id);
	ret = nvgspctl_sysfs_write(vf, attr, uuid);
	if (ret) {
		nvgspctl_sysfs_path(path, sizeof(path), vf, attr);
		fprintf(stderr, "nvgspctl: %s: cannot create mdev %s: %s\n", path, uuid, mdev_error(ret));
		return NVGSPCTL_EXIT_FAIL;
	}
	snprintf(attr, sizeof(attr), "%s/mdev_type", uuid);
	if (!nvgspctl_sysfs_exists(vf, attr)) {
		fprintf(stderr, "nvgspctl: %s: wrote %s to %s/" TYPE_PREFIX "%lu/create but no mdev %s appeared\n",
			vf, uuid, TYPES, id, uuid);
		return NVGSPCTL_EXIT_FAIL;
	}
	return 0;
}

int nvgspctl_mdev_remove(const char *vf, const char *uuid)
{
	char attr[64], path[4096];
	int ret;

	snprintf(attr, sizeof(attr), "%s/remove", uuid);
	ret = nvgspctl_sysfs_write(vf, attr, "1");
	if (ret) {
		nvgspctl_sysfs_path(path, sizeof(path), vf, attr);
		fprintf(stderr, "nvgspctl: %s: cannot remove mdev: %s\n", path, mdev_error(ret));
		return NVGSPCTL_EXIT_FAIL;
	}
	snprintf(attr, sizeof(attr), "%s", uuid);
	if (nvgspctl_sysfs_exists(vf, attr)) {
		fprintf(stderr, "nvgspctl: %s: wrote 1 to %s/remove but the mdev is still there\n", vf, uuid);
		return NVGSPCTL_EXIT_FAIL;
	}
	return 0;
}
