// SPDX-License-Identifier: GPL-2.0-only
/*
 * vgpu_client - the guest-side VFIO client of the system tests: opens a VF
 * bound to nvgsp-vfio-pci (a VFIO variant driver presenting a virtual config
 * space, Documentation/vgpu-cfgspace.rst) the way a VMM does, and checks it.
 * DEV is the VF's PCI address, or the UUID of an mdev (nvgsp-mdev's vGPU on
 * a VF), which is opened the same way under /sys/bus/mdev/devices/UUID.
 *
 *   vgpu_client check DEV [--vendor N] [--device N] [--subvendor N]
 *                         [--subdevice N] [--bar1 BYTES] [--msix N] [--req N]
 *                         [--trapped] [--dma]
 *   vgpu_client hold DEV [--timeout S] [--no-request]
 *   vgpu_client fuzz DEV --ops N --seed S [--scratch OFF:LEN]
 *
 * This file: main, the output helpers, opening and closing the device, region
 * and config access, and "hold". The device is opened through the legacy
 * group/container API (as vfio_hold.c does: Debian's kernels have no iommufd),
 * or through the VFIO cdev and iommufd where the kernel has them
 * (/dev/iommu and the device's vfio-dev/vfioN in sysfs; the environment's
 * VGPU_CLIENT_VFIO=group|cdev|auto chooses, default auto). "check" is in
 * vgpu_client_check.c, "fuzz" in vgpu_client_fuzz.c; vgpu_client.h lists the
 * uapi facts (include/uapi/linux/vfio.h) the three rely on.
 *
 * hold: opens the device, registers an eventfd on VFIO_PCI_REQ_IRQ_INDEX (the
 * kernel signals it when the host wants the device back: vfio-pci's request
 * callback, called from the driver's remove; for an mdev, when it is being
 * removed), prints "held DEV" and waits.
 * On the request it prints "request DEV", closes the device, group and
 * container and exits 0; with no request within --timeout seconds (default
 * 120) it prints "FAIL hold-request: ..." and exits 1. With --no-request (a
 * device whose kernel offers no request IRQ: an mdev on 5.10, whose
 * mdev_parent_ops has no request callback) it expects the request index to
 * have count 0, registers nothing, prints "held DEV" and holds the device
 * until it is killed (as a VMM that is never asked) or --timeout passes
 * ("timeout DEV", exit 0).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "vgpu_client.h"

/* --- output -------------------------------------------------------------- */

void vc_ok(const char *name)
{
	printf("ok %s\n", name);
}

void vc_fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void vc_note(const char *fmt, ...)
{
	va_list ap;

	fputs("note: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void vc_verdict(const char *name, const char *problems)
{
	if (problems[0])
		vc_fail(name, "%s", problems);
	else
		vc_ok(name);
}

void vc_addf(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strnlen(buf, len);
	va_list ap;

	if (used + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

/* --- small helpers ------------------------------------------------------- */

int vc_parse_u64(const char *s, uint64_t *v)
{
	unsigned long long x;
	char *end;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	x = strtoull(s, &end, 0);
	if (errno || *end)
		return -1;
	*v = x;
	return 0;
}

/* s has shape's length and characters, with a hex digit where shape has 'x' */
static int vc_check_shape(const char *s, const char *shape)
{
	size_t i;

	if (strlen(s) != strlen(shape))
		return -1;
	for (i = 0; shape[i]; i++) {
		char c = s[i];

		if (shape[i] != 'x') {
			if (c != shape[i])
				return -1;
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
			     (c >= 'A' && c <= 'F'))) {
			return -1;
		}
	}
	return 0;
}

int vc_check_bdf(const char *s)
{
	/* DDDD:BB:DD.F, hex digits, 12 characters */
	return vc_check_shape(s, "xxxx:xx:xx.x");
}

int vc_check_uuid(const char *s)
{
	return vc_check_shape(s, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
}

int vc_check_dev(const char *s)
{
	return vc_check_bdf(s) && vc_check_uuid(s) ? -1 : 0;
}

long vc_ms_since(const struct timespec *t0)
{
	struct timespec t;

	if (clock_gettime(CLOCK_MONOTONIC, &t))
		return -1;
	return (long)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* --- region and config access -------------------------------------------- */

uint64_t vc_reg_base(const struct vc_dev *d, unsigned idx)
{
	if (idx < VC_NREG && d->reg_ok[idx])
		return d->reg[idx].offset;
	return (uint64_t)idx << 40;	/* vfio-pci's VFIO_PCI_INDEX_TO_OFFSET */
}

/* the file offset; -1 with EOVERFLOW when it does not fit an off_t */
static int vc_pos(const struct vc_dev *d, unsigned idx, uint64_t off, off_t *pos)
{
	uint64_t base = vc_reg_base(d, idx);

	if (off > (uint64_t)INT64_MAX - base) {
		errno = EOVERFLOW;
		return -1;
	}
	*pos = (off_t)(base + off);
	return 0;
}

int vc_rd(const struct vc_dev *d, unsigned idx, uint64_t off, void *buf, size_t len)
{
	ssize_t n;
	off_t pos;

	if (vc_pos(d, idx, off, &pos))
		return -1;
	n = pread(d->device, buf, len, pos);
	if (n < 0)
		return -1;
	if ((size_t)n != len) {
		errno = EMSGSIZE;	/* a short read: our marker, not the kernel's */
		return -1;
	}
	return 0;
}

int vc_wr(const struct vc_dev *d, unsigned idx, uint64_t off, const void *buf, size_t len)
{
	ssize_t n;
	off_t pos;

	if (vc_pos(d, idx, off, &pos))
		return -1;
	n = pwrite(d->device, buf, len, pos);
	if (n < 0)
		return -1;
	if ((size_t)n != len) {
		errno = EMSGSIZE;
		return -1;
	}
	return 0;
}

int vc_cfg_rd(const struct vc_dev *d, unsigned off, unsigned size, uint32_t *val)
{
	uint8_t b[4] = { 0 };

	if (size != 1 && size != 2 && size != 4) {
		errno = EINVAL;
		return -1;
	}
	if (vc_rd(d, VFIO_PCI_CONFIG_REGION_INDEX, off, b, size))
		return -1;
	/* config space is little-endian */
	*val = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	return 0;
}

int vc_cfg_wr(const struct vc_dev *d, unsigned off, unsigned size, uint32_t val)
{
	uint8_t b[4] = { (uint8_t)val, (uint8_t)(val >> 8), (uint8_t)(val >> 16), (uint8_t)(val >> 24) };

	if (size != 1 && size != 2 && size != 4) {
		errno = EINVAL;
		return -1;
	}
	return vc_wr(d, VFIO_PCI_CONFIG_REGION_INDEX, off, b, size);
}

int vc_mmap_area(const struct vc_dev *d, unsigned idx, uint64_t *off, uint64_t *size)
{
	const struct vfio_region_info *r;
	struct vfio_region_info *full;
	uint32_t need, coff;
	int steps, ret = -1;

	if (idx >= VC_NREG || !d->reg_ok[idx])
		return -1;
	r = &d->reg[idx];
	if (!(r->flags & VFIO_REGION_INFO_FLAG_MMAP) || !r->size)
		return -1;
	*off = 0;
	*size = r->size;
	if (!(r->flags & VFIO_REGION_INFO_FLAG_CAPS) || r->argsz <= sizeof(*r))
		return 0;
	/* the kernel raised argsz to what the capability chain needs */
	need = r->argsz;
	if (need > 65536)
		return -1;
	full = calloc(1, need);
	if (!full)
		return -1;
	full->argsz = need;
	full->index = idx;
	if (ioctl(d->device, VFIO_DEVICE_GET_REGION_INFO, full) < 0)
		goto out;
	if (!(full->flags & VFIO_REGION_INFO_FLAG_CAPS) || full->argsz > need) {
		ret = 0;	/* no chain after all: the whole region */
		goto out;
	}
	ret = 0;
	coff = full->cap_offset;
	for (steps = 0; coff && steps < 32; steps++) {
		const struct vfio_info_cap_header *h;

		if (coff < sizeof(*full) || coff > need - sizeof(*h))
			break;
		h = (const void *)((const char *)full + coff);
		if (h->id == VFIO_REGION_INFO_CAP_SPARSE_MMAP) {
			const struct vfio_region_info_cap_sparse_mmap *sp = (const void *)h;
			uint32_t i, max;

			if (coff > need - sizeof(*sp))
				break;
			max = (need - coff - sizeof(*sp)) / sizeof(sp->areas[0]);
			ret = -1;	/* sparse: only the listed areas */
			for (i = 0; i < sp->nr_areas && i < max; i++) {
				if (sp->areas[i].size && sp->areas[i].offset < r->size &&
				    sp->areas[i].size <= r->size - sp->areas[i].offset) {
					*off = sp->areas[i].offset;
					*size = sp->areas[i].size;
					ret = 0;
					break;
				}
			}
			break;
		}
		coff = h->next;
	}
out:
	free(full);
	return ret;
}

/* --- open and close ------------------------------------------------------ */

/*
 * The cdev path's uapi (Linux 6.6+, CONFIG_VFIO_DEVICE_CDEV and CONFIG_IOMMUFD),
 * for hosts whose headers predate it; the values are those of
 * include/uapi/linux/vfio.h and iommufd.h.
 */
#ifndef VFIO_DEVICE_BIND_IOMMUFD
struct vfio_device_bind_iommufd {
	uint32_t argsz;
	uint32_t flags;
	int32_t iommufd;
	uint32_t out_devid;
};
#define VFIO_DEVICE_BIND_IOMMUFD	_IO(VFIO_TYPE, VFIO_BASE + 18)
struct vfio_device_attach_iommufd_pt {
	uint32_t argsz;
	uint32_t flags;
	uint32_t pt_id;
};
#define VFIO_DEVICE_ATTACH_IOMMUFD_PT	_IO(VFIO_TYPE, VFIO_BASE + 19)
#endif
#ifndef IOMMU_IOAS_ALLOC
struct iommu_ioas_alloc {
	uint32_t size;
	uint32_t flags;
	uint32_t out_ioas_id;
};
#define IOMMU_IOAS_ALLOC		_IO(';', 0x81)
#endif

static int open_fail(struct vc_dev *d, const char *step)
{
	int e = errno;

	printf("FAIL open: %s %s: %s\n", d->bdf, step, strerror(e));
	vc_close(d);
	errno = e;
	return -1;
}

/* the device is open: its info, its regions, a config read; the time it took */
static int open_ready(struct vc_dev *d, const struct timespec *t0)
{
	unsigned i;
	uint32_t id;

	d->info.argsz = sizeof(d->info);
	if (ioctl(d->device, VFIO_DEVICE_GET_INFO, &d->info) < 0)
		return open_fail(d, "VFIO_DEVICE_GET_INFO");
	for (i = 0; i < VC_NREG && i < d->info.num_regions; i++) {
		d->reg[i].argsz = sizeof(d->reg[i]);
		d->reg[i].index = i;
		d->reg_ok[i] = ioctl(d->device, VFIO_DEVICE_GET_REGION_INFO, &d->reg[i]) == 0;
		d->reg_errno[i] = d->reg_ok[i] ? 0 : errno;
	}
	if (vc_cfg_rd(d, 0, 4, &id))
		return open_fail(d, "config read at 0");
	d->open_ready_ms = vc_ms_since(t0);
	return 0;
}

/* the legacy path: container, group, VFIO_GROUP_GET_DEVICE_FD */
static int open_group(struct vc_dev *d)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	char path[PATH_MAX], link[PATH_MAX], gpath[128];
	struct timespec t0;
	const char *g;
	ssize_t n;
	int type;

	snprintf(path, sizeof(path), "%s/iommu_group", d->sysfs);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return open_fail(d, "iommu_group");
	link[n] = '\0';
	g = strrchr(link, '/');
	g = g ? g + 1 : link;
	if (strlen(g) >= sizeof(d->group_name)) {
		errno = ENAMETOOLONG;
		return open_fail(d, "iommu_group name");
	}
	memcpy(d->group_name, g, strlen(g) + 1);

	d->container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	if (d->container < 0)
		return open_fail(d, "open /dev/vfio/vfio");
	if (ioctl(d->container, VFIO_GET_API_VERSION) != VFIO_API_VERSION) {
		errno = EPROTO;
		return open_fail(d, "VFIO_GET_API_VERSION");
	}
	snprintf(gpath, sizeof(gpath), "/dev/vfio/%s", d->group_name);
	d->group = open(gpath, O_RDWR | O_CLOEXEC);
	if (d->group < 0)
		return open_fail(d, gpath);
	if (ioctl(d->group, VFIO_GROUP_GET_STATUS, &status) < 0)
		return open_fail(d, "VFIO_GROUP_GET_STATUS");
	if (!(status.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		errno = EBUSY;
		return open_fail(d, "group not viable");
	}
	if (ioctl(d->group, VFIO_GROUP_SET_CONTAINER, &d->container) < 0)
		return open_fail(d, "VFIO_GROUP_SET_CONTAINER");
	type = ioctl(d->container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) > 0 ?
	       VFIO_TYPE1v2_IOMMU : VFIO_TYPE1_IOMMU;
	if (ioctl(d->container, VFIO_SET_IOMMU, type) < 0)
		return open_fail(d, "VFIO_SET_IOMMU");

	if (clock_gettime(CLOCK_MONOTONIC, &t0))
		return open_fail(d, "clock_gettime");
	d->device = ioctl(d->group, VFIO_GROUP_GET_DEVICE_FD, d->bdf);
	if (d->device < 0)
		return open_fail(d, "VFIO_GROUP_GET_DEVICE_FD");
	vc_note("vfio: group %s, container %s", d->group_name,
		type == VFIO_TYPE1v2_IOMMU ? "type1v2" : "type1");
	return open_ready(d, &t0);
}

/* the cdev's name (vfioN) under the device's vfio-dev directory; -1 when none */
static int cdev_name(const char *sysfs, char *name, size_t len)
{
	char path[PATH_MAX];
	struct dirent *e;
	int steps, ret = -1;
	DIR *dir;

	snprintf(path, sizeof(path), "%s/vfio-dev", sysfs);
	dir = opendir(path);
	if (!dir)
		return -1;
	for (steps = 0; steps < 64 && (e = readdir(dir)); steps++) {
		if (!strncmp(e->d_name, "vfio", 4) && strlen(e->d_name) < len) {
			memcpy(name, e->d_name, strlen(e->d_name) + 1);
			ret = 0;
			break;
		}
	}
	closedir(dir);
	return ret;
}

/* the cdev path: /dev/vfio/devices/vfioN bound to /dev/iommu, attached to a new IOAS */
static int open_cdev(struct vc_dev *d, const char *name)
{
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind) };
	struct vfio_device_attach_iommufd_pt at = { .argsz = sizeof(at) };
	struct iommu_ioas_alloc ioas = { .size = sizeof(ioas) };
	char path[128];
	struct timespec t0;

	d->iommufd = open("/dev/iommu", O_RDWR | O_CLOEXEC);
	if (d->iommufd < 0)
		return open_fail(d, "open /dev/iommu");
	if (ioctl(d->iommufd, IOMMU_IOAS_ALLOC, &ioas) < 0)
		return open_fail(d, "IOMMU_IOAS_ALLOC");
	snprintf(path, sizeof(path), "/dev/vfio/devices/%s", name);
	if (clock_gettime(CLOCK_MONOTONIC, &t0))
		return open_fail(d, "clock_gettime");
	d->device = open(path, O_RDWR | O_CLOEXEC);
	if (d->device < 0)
		return open_fail(d, path);
	/* the device is opened (and, for nvgsp-vfio-pci, its vGPU made) here */
	bind.iommufd = d->iommufd;
	if (ioctl(d->device, VFIO_DEVICE_BIND_IOMMUFD, &bind) < 0)
		return open_fail(d, "VFIO_DEVICE_BIND_IOMMUFD");
	at.pt_id = ioas.out_ioas_id;
	if (ioctl(d->device, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &at) < 0)
		return open_fail(d, "VFIO_DEVICE_ATTACH_IOMMUFD_PT");
	vc_note("vfio: cdev %s, iommufd IOAS %u", name, ioas.out_ioas_id);
	return open_ready(d, &t0);
}

int vc_open(struct vc_dev *d, const char *bdf)
{
	const char *how = getenv("VGPU_CLIENT_VFIO");
	char name[64];

	memset(d, 0, sizeof(*d));
	d->bdf = bdf;
	d->container = d->group = d->device = d->iommufd = -1;
	if (vc_check_dev(bdf)) {
		errno = EINVAL;
		return open_fail(d, "not a PCI address or an mdev UUID");
	}
	d->mdev = !vc_check_uuid(bdf);
	snprintf(d->sysfs, sizeof(d->sysfs), "/sys/bus/%s/devices/%s", d->mdev ? "mdev" : "pci", bdf);
	if (!how || !*how)
		how = "auto";
	if (strcmp(how, "auto") && strcmp(how, "group") && strcmp(how, "cdev")) {
		errno = EINVAL;
		return open_fail(d, "VGPU_CLIENT_VFIO (auto, group or cdev)");
	}
	/* the cdev path where the kernel offers it (not Debian's: no iommufd) */
	if (strcmp(how, "group") && !access("/dev/iommu", R_OK | W_OK) && !cdev_name(d->sysfs, name, sizeof(name)))
		return open_cdev(d, name);
	if (!strcmp(how, "cdev")) {
		errno = ENODEV;
		return open_fail(d, "no /dev/iommu or no vfio-dev/vfioN for the cdev path");
	}
	return open_group(d);
}

int vc_close(struct vc_dev *d)
{
	int ret = 0;

	if (d->device >= 0 && close(d->device))
		ret = -1;
	if (d->group >= 0 && close(d->group))
		ret = -1;
	if (d->container >= 0 && close(d->container))
		ret = -1;
	if (d->iommufd >= 0 && close(d->iommufd))
		ret = -1;
	d->device = d->group = d->container = d->iommufd = -1;
	return ret;
}

/* --- hold ---------------------------------------------------------------- */

int vc_hold(int argc, char **argv)
{
	struct vfio_irq_info ii = { .argsz = sizeof(ii), .index = VFIO_PCI_REQ_IRQ_INDEX };
	char buf[sizeof(struct vfio_irq_set) + sizeof(int32_t)];
	struct vfio_irq_set *set = (struct vfio_irq_set *)buf;
	uint64_t timeout = 120, cnt;
	bool noreq = false;
	struct timespec t0;
	struct vc_dev d;
	int32_t efd;
	int i;

	if (argc < 3 || vc_check_dev(argv[2])) {
		fprintf(stderr, "usage: vgpu_client hold DEV [--timeout S] [--no-request]\n");
		return 2;
	}
	for (i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--timeout") && i + 1 < argc &&
		    !vc_parse_u64(argv[i + 1], &timeout) && timeout > 0 && timeout <= 86400) {
			i++;
		} else if (!strcmp(argv[i], "--no-request")) {
			noreq = true;
		} else {
			fprintf(stderr, "vgpu_client hold: bad option %s\n", argv[i]);
			return 2;
		}
	}
	if (vc_open(&d, argv[2]))
		return 1;
	if (noreq) {
		if (ioctl(d.device, VFIO_DEVICE_GET_IRQ_INFO, &ii) < 0 || ii.count) {
			printf("FAIL hold-request: %s: VFIO_PCI_REQ_IRQ_INDEX: %s (count %u, want 0)\n",
			       d.bdf, strerror(errno), ii.count);
			vc_close(&d);
			return 1;
		}
		printf("held %s\n", d.bdf);
		sleep((unsigned)timeout);
		printf("timeout %s\n", d.bdf);
		return vc_close(&d) ? 1 : 0;
	}
	if (ioctl(d.device, VFIO_DEVICE_GET_IRQ_INFO, &ii) < 0 || ii.count < 1) {
		printf("FAIL hold-request: %s: VFIO_PCI_REQ_IRQ_INDEX: %s (count %u)\n",
		       d.bdf, strerror(errno), ii.count);
		vc_close(&d);
		return 1;
	}
	efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (efd < 0) {
		printf("FAIL hold-request: eventfd: %s\n", strerror(errno));
		vc_close(&d);
		return 1;
	}
	memset(buf, 0, sizeof(buf));
	set->argsz = sizeof(buf);
	set->flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	set->index = VFIO_PCI_REQ_IRQ_INDEX;
	set->start = 0;
	set->count = 1;
	memcpy(set->data, &efd, sizeof(efd));
	if (ioctl(d.device, VFIO_DEVICE_SET_IRQS, set) < 0) {
		printf("FAIL hold-request: %s: SET_IRQS on the request index: %s\n", d.bdf, strerror(errno));
		close(efd);
		vc_close(&d);
		return 1;
	}
	printf("held %s\n", d.bdf);
	if (clock_gettime(CLOCK_MONOTONIC, &t0)) {
		printf("FAIL hold-request: clock_gettime: %s\n", strerror(errno));
		close(efd);
		vc_close(&d);
		return 1;
	}
	for (;;) {
		struct pollfd p = { .fd = efd, .events = POLLIN };
		long left = (long)timeout * 1000 - vc_ms_since(&t0);
		int r;

		if (left <= 0) {
			printf("FAIL hold-request: no request for %s in %llu s\n", d.bdf,
			       (unsigned long long)timeout);
			close(efd);
			vc_close(&d);
			return 1;
		}
		r = poll(&p, 1, left > INT_MAX ? INT_MAX : (int)left);
		if (r < 0 && errno != EINTR) {
			printf("FAIL hold-request: poll: %s\n", strerror(errno));
			close(efd);
			vc_close(&d);
			return 1;
		}
		if (r > 0 && read(efd, &cnt, sizeof(cnt)) == (ssize_t)sizeof(cnt))
			break;
	}
	printf("request %s\n", d.bdf);
	/* give the device back: the fds in the order a VMM drops them */
	if (close(efd) | vc_close(&d)) {
		printf("FAIL hold-close: %s: %s\n", d.bdf, strerror(errno));
		return 1;
	}
	return 0;
}

/* --- main ---------------------------------------------------------------- */

static void usage(void)
{
	fprintf(stderr,
		"usage: vgpu_client check DEV [--vendor N] [--device N] [--subvendor N] [--subdevice N] [--bar1 BYTES]\n"
		"                         [--msix N] [--req N] [--trapped] [--dma]\n"
		"       vgpu_client hold DEV [--timeout S] [--no-request]\n"
		"       vgpu_client fuzz DEV --ops N --seed S [--scratch OFF:LEN]\n"
		"DEV: a PCI address DDDD:BB:DD.F or an mdev UUID\n");
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc < 3) {
		usage();
		return 2;
	}
	if (vc_check_dev(argv[2])) {
		fprintf(stderr, "vgpu_client: %s is not a PCI address DDDD:BB:DD.F or an mdev UUID\n", argv[2]);
		return 2;
	}
	if (!strcmp(argv[1], "check"))
		return vc_check(argc, argv);
	if (!strcmp(argv[1], "hold"))
		return vc_hold(argc, argv);
	if (!strcmp(argv[1], "fuzz"))
		return vc_fuzz(argc, argv);
	usage();
	return 2;
}
