// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfio_hold - open a PCI device bound to vfio-pci the way a VMM does, and keep
 * it open until killed. The sriov tier's guest (tests/system/guest/sriov.sh)
 * uses it to hold a VF while it asks the PF's driver to disable the VFs.
 *
 *   vfio_hold BDF
 *
 * Legacy VFIO container API (include/uapi/linux/vfio.h; Debian's kernels have no
 * iommufd): /dev/vfio/vfio, the device's group /dev/vfio/N (N from
 * /sys/bus/pci/devices/BDF/iommu_group), VFIO_GROUP_SET_CONTAINER,
 * VFIO_SET_IOMMU (type1v2, else type1), VFIO_GROUP_GET_DEVICE_FD. vfio-pci
 * enables the PCI device when its first user opens it (vfio_pci_core_enable()).
 *
 * Prints "held BDF: group N, device fd F" once the device is open, then waits;
 * on any failure prints "vfio_hold: STEP: ERROR" and exits 1. Built statically
 * by the host (the guest is busybox with no C library).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/vfio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static int die(const char *step)
{
	printf("vfio_hold: %s: %s\n", step, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	char path[PATH_MAX], link[PATH_MAX], gpath[PATH_MAX + 16], *group;
	struct vfio_group_status status = { .argsz = sizeof(status) };
	int container, grp, dev, type;
	ssize_t n;

	if (argc != 2) {
		fprintf(stderr, "usage: %s BDF\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group", argv[1]);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return die("iommu_group");
	link[n] = '\0';
	group = strrchr(link, '/');
	group = group ? group + 1 : link;

	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0)
		return die("open /dev/vfio/vfio");
	if (ioctl(container, VFIO_GET_API_VERSION) != VFIO_API_VERSION) {
		errno = EPROTO;
		return die("VFIO_GET_API_VERSION");
	}
	snprintf(gpath, sizeof(gpath), "/dev/vfio/%s", group);
	grp = open(gpath, O_RDWR);
	if (grp < 0)
		return die(gpath);
	if (ioctl(grp, VFIO_GROUP_GET_STATUS, &status) < 0)
		return die("VFIO_GROUP_GET_STATUS");
	if (!(status.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		errno = EBUSY;
		return die("group not viable (another device of the group is not bound to vfio-pci)");
	}
	if (ioctl(grp, VFIO_GROUP_SET_CONTAINER, &container) < 0)
		return die("VFIO_GROUP_SET_CONTAINER");
	type = ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) > 0 ?
	       VFIO_TYPE1v2_IOMMU : VFIO_TYPE1_IOMMU;
	if (ioctl(container, VFIO_SET_IOMMU, type) < 0)
		return die("VFIO_SET_IOMMU");
	dev = ioctl(grp, VFIO_GROUP_GET_DEVICE_FD, argv[1]);
	if (dev < 0)
		return die("VFIO_GROUP_GET_DEVICE_FD");
	printf("held %s: group %s, device fd %d\n", argv[1], group, dev);
	for (;;)
		pause();
}
