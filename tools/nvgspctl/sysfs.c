// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysfs.c - the PCI functions' sysfs files, under /sys/bus/pci or the tree
 * --sysfs names: device addresses, one-line attributes, links.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nvgspctl.h"

const char *nvgspctl_sysfs_root = "/sys/bus/pci";

int nvgspctl_pci_addr_parse(const char *s, char out[NVGSPCTL_ADDR_LEN])
{
	unsigned int dom = 0, bus, dev, fn;
	char tail;

	if (sscanf(s, "%x:%x:%x.%x%c", &dom, &bus, &dev, &fn, &tail) != 4) {
		dom = 0;
		if (sscanf(s, "%x:%x.%x%c", &bus, &dev, &fn, &tail) != 3)
			return -EINVAL;
	}
	/* sscanf's %x takes signs and spaces: the address must be hex digits only */
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s) && *s != ':' && *s != '.')
			return -EINVAL;
	if (dom > 0xffff || bus > 0xff || dev > 0x1f || fn > 7)
		return -EINVAL;
	snprintf(out, NVGSPCTL_ADDR_LEN, "%04x:%02x:%02x.%x", dom, bus, dev, fn);
	return 0;
}

int nvgspctl_sysfs_path(char *buf, size_t len, const char *addr, const char *attr)
{
	int n = snprintf(buf, len, "%s/devices/%s%s%s", nvgspctl_sysfs_root, addr,
			 attr ? "/" : "", attr ? attr : "");

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int nvgspctl_sysfs_read(const char *addr, const char *attr, char *buf, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd, ret;

	ret = nvgspctl_sysfs_path(path, sizeof(path), addr, attr);
	if (ret)
		return ret;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	ret = n < 0 ? -errno : 0;
	close(fd);
	if (ret)
		return ret;
	buf[n] = '\0';
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

int nvgspctl_sysfs_read_uint(const char *addr, const char *attr, unsigned long *val)
{
	char buf[64], *end;
	int ret = nvgspctl_sysfs_read(addr, attr, buf, sizeof(buf));

	if (ret)
		return ret;
	errno = 0;
	*val = strtoul(buf, &end, 0);
	if (!buf[0] || *end || errno || buf[0] == '-')
		return -EINVAL;
	return 0;
}

int nvgspctl_sysfs_link(const char *addr, const char *attr, char *buf, size_t len)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t n;
	int ret;

	ret = nvgspctl_sysfs_path(path, sizeof(path), addr, attr);
	if (ret)
		return ret;
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	if (strlen(base) >= len)
		return -ENAMETOOLONG;
	strcpy(buf, base);
	return 0;
}

int nvgspctl_sysfs_write(const char *addr, const char *attr, const char *val)
{
	char path[PATH_MAX];
	size_t len = strlen(val);
	ssize_t n;
	int fd, ret;

	ret = nvgspctl_sysfs_path(path, sizeof(path), addr, attr);
	if (ret)
		return ret;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* a sysfs store takes the value in one write */
	n = write(fd, val, len);
	ret = n < 0 ? -errno : (size_t)n != len ? -EIO : 0;
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}

bool nvgspctl_sysfs_exists(const char *addr, const char *attr)
{
	char path[PATH_MAX];

	return !nvgspctl_sysfs_path(path, sizeof(path), addr, attr) && !access(path, F_OK);
}
