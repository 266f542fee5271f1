// SPDX-License-Identifier: GPL-2.0-only
/*
 * drm_query - the gsp tier's client of nvgsp's DRM render node
 * (include/uapi/drm/nvgsp_drm.h), linked statically by the host
 * (tests/system/gsp-boot) for the guest, which has no C library.
 *
 *   drm_query check NODE CHIPSET BOOT0 DEVICE CHIP RELEASE BUILD_ID FB_MIB
 *       every query, compared with what sysfs and the host say; then bad
 *       requests (unknown ids, flags, pad, short sizes, a NULL or faulting
 *       pointer, a short ioctl struct, an unknown ioctl), each refused with
 *       its errno and nothing changed, neither the request nor the buffer.
 *   drm_query unpriv NODE
 *       drop to uid/gid 65534, open NODE and run the CHIP query.
 *   drm_query state NODE
 *       print the GSP query's state and reason: "state N reason TEXT".
 *   drm_query hold NODE GOFILE
 *       open NODE and query, print "held", wait (up to 240 s) for GOFILE to
 *       exist, then query again on the same file: must fail with ENODEV.
 *
 * Prints "FAIL what: why" for each failed check; exit 0 only if none failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nvgsp_drm.h"

static int failures;

#define FAIL(...) do { printf("FAIL "); printf(__VA_ARGS__); printf("\n"); failures++; } while (0)

static int query(int fd, struct drm_nvgsp_query *q)
{
	return ioctl(fd, DRM_IOCTL_NVGSP_QUERY, q) ? -errno : 0;
}

/* Run query @id into @buf of @size bytes; the reply's size in *@got. */
static int query_into(int fd, __u32 id, void *buf, __u32 size, __u32 *got)
{
	struct drm_nvgsp_query q = { .query = id, .size = size, .data = (uintptr_t)buf };
	int ret = query(fd, &q);

	if (!ret && got)
		*got = q.size;
	return ret;
}

static int open_node(const char *node)
{
	int fd = open(node, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		FAIL("open: %s: %s", node, strerror(errno));
	return fd;
}

static int all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		if (*b++)
			return 0;
	return 1;
}

static const __u32 sizes[] = {
	[DRM_NVGSP_QUERY_CHIP] = sizeof(struct drm_nvgsp_chip),
	[DRM_NVGSP_QUERY_GSP] = sizeof(struct drm_nvgsp_gsp),
	[DRM_NVGSP_QUERY_MEMORY] = sizeof(struct drm_nvgsp_memory),
	[DRM_NVGSP_QUERY_VGPU] = sizeof(struct drm_nvgsp_vgpu),
};

/* A request that must be refused with @want, changing neither it nor the buffer. */
static void refuse(int fd, const char *what, struct drm_nvgsp_query q, int want)
{
	struct drm_nvgsp_query before = q;
	unsigned char *buf = (unsigned char *)(uintptr_t)q.data;
	unsigned char copy[512];
	int ret, have_buf = buf && q.size && q.size <= sizeof(copy) && want != -EFAULT;

	if (have_buf)
		memcpy(copy, buf, q.size);
	ret = query(fd, &q);
	if (ret != want)
		FAIL("refuse-%s: got %d (%s), want %d", what, ret, strerror(-ret), want);
	if (memcmp(&before, &q, sizeof(q)))
		FAIL("refuse-%s: the request changed", what);
	if (have_buf && memcmp(copy, buf, before.size))
		FAIL("refuse-%s: the buffer changed", what);
}

static int check(int argc, char **argv)
{
	unsigned long chipset, boot0, device, fb_mib;
	const char *chip, *release, *build_id;
	struct drm_nvgsp_chip c;
	struct drm_nvgsp_gsp g;
	struct drm_nvgsp_memory m;
	struct drm_nvgsp_vgpu v;
	unsigned char big[512];
	char hex[65];
	__u32 id, got;
	int fd, ret;

	if (argc != 10) {
		fprintf(stderr, "usage: drm_query check NODE CHIPSET BOOT0 DEVICE CHIP RELEASE BUILD_ID FB_MIB\n");
		return 2;
	}
	chipset = strtoul(argv[3], NULL, 0);
	boot0 = strtoul(argv[4], NULL, 0);
	device = strtoul(argv[5], NULL, 0);
	chip = argv[6];
	release = argv[7];
	build_id = argv[8];
	fb_mib = strtoul(argv[9], NULL, 0);
	fd = open_node(argv[2]);
	if (fd < 0)
		return 1;

	/* Size 0 asks the size, and copies nothing. */
	for (id = 0; id < sizeof(sizes) / sizeof(sizes[0]); id++) {
		struct drm_nvgsp_query q = { .query = id };

		ret = query(fd, &q);
		if (ret || q.size != sizes[id] || q.data)
			FAIL("size-%u: ret %d size %u, want 0 and %u", id, ret, q.size, sizes[id]);
	}

	memset(&c, 0xa5, sizeof(c));
	ret = query_into(fd, DRM_NVGSP_QUERY_CHIP, &c, sizeof(c), &got);
	if (ret || got != sizeof(c))
		FAIL("chip: ret %d size %u", ret, got);
	else {
		if (c.chipset != chipset || c.boot0 != boot0 || c.pci_device != device ||
		    strncmp(c.name, chip, sizeof(c.name)) || c.chipset != (c.architecture << 4 | c.implementation))
			FAIL("chip: chipset %#x arch %#x impl %#x boot0 %#x device %#x name %.16s; want %#lx %#lx %#lx %s",
			     c.chipset, c.architecture, c.implementation, c.boot0, c.pci_device, c.name,
			     chipset, boot0, device, chip);
		if (!all_zero(c.reserved, sizeof(c.reserved)))
			FAIL("chip: reserved not zero");
		printf("chip %s chipset %#x rev %x.%x boot0 %#x boot42 %#x device %#x\n", c.name,
		       c.chipset, c.major_rev, c.minor_rev, c.boot0, c.boot42, c.pci_device);
	}

	memset(&g, 0xa5, sizeof(g));
	ret = query_into(fd, DRM_NVGSP_QUERY_GSP, &g, sizeof(g), &got);
	if (ret || got != sizeof(g))
		FAIL("gsp: ret %d size %u", ret, got);
	else {
		for (id = 0; id < g.build_id_len && id < 32; id++)
			sprintf(hex + 2 * id, "%02x", g.build_id[id]);
		hex[2 * id] = '\0';
		if (g.state != DRM_NVGSP_GSP_RUNNING || g.reason[0])
			FAIL("gsp: state %u reason '%.160s', want running", g.state, g.reason);
		if (strncmp(g.release, release, sizeof(g.release)) || strcmp(hex, build_id))
			FAIL("gsp: release %.32s build id %s; want %s %s", g.release, hex, release, build_id);
		if (!all_zero(g.reserved, sizeof(g.reserved)) ||
		    !all_zero(g.build_id + g.build_id_len, sizeof(g.build_id) - g.build_id_len))
			FAIL("gsp: reserved or unused bytes not zero");
		printf("gsp state %u release %s build_id %s\n", g.state, g.release, hex);
	}

	memset(&m, 0xa5, sizeof(m));
	ret = query_into(fd, DRM_NVGSP_QUERY_MEMORY, &m, sizeof(m), &got);
	if (ret || got != sizeof(m))
		FAIL("memory: ret %d size %u", ret, got);
	else {
		if (m.vram_bytes != (__u64)fb_mib << 20)
			FAIL("memory: vram %llu bytes, want %lu MiB", (unsigned long long)m.vram_bytes, fb_mib);
		if (m.vgpu_used_bytes > m.vgpu_bytes || m.vgpu_bytes > m.vram_bytes)
			FAIL("memory: vgpu %llu used %llu of vram %llu", (unsigned long long)m.vgpu_bytes,
			     (unsigned long long)m.vgpu_used_bytes, (unsigned long long)m.vram_bytes);
		if (!all_zero(m.reserved, sizeof(m.reserved)))
			FAIL("memory: reserved not zero");
		printf("memory vram %llu vgpu %llu used %llu vmmu_segment %llu\n",
		       (unsigned long long)m.vram_bytes, (unsigned long long)m.vgpu_bytes,
		       (unsigned long long)m.vgpu_used_bytes, (unsigned long long)m.vmmu_segment_bytes);
	}

	memset(&v, 0xa5, sizeof(v));
	ret = query_into(fd, DRM_NVGSP_QUERY_VGPU, &v, sizeof(v), &got);
	if (ret || got != sizeof(v))
		FAIL("vgpu: ret %d size %u", ret, got);
	else {
		if ((v.flags & ~(DRM_NVGSP_VGPU_BOOTED | DRM_NVGSP_VGPU_MANAGER)) ||
		    v.enabled_vfs > v.total_vfs || (!(v.flags & DRM_NVGSP_VGPU_MANAGER) && (v.types || v.vgpus)))
			FAIL("vgpu: flags %#x vfs %u/%u types %u vgpus %u", v.flags, v.enabled_vfs,
			     v.total_vfs, v.types, v.vgpus);
		if (!all_zero(v.reserved, sizeof(v.reserved)))
			FAIL("vgpu: reserved not zero");
		printf("vgpu flags %#x vfs %u/%u types %u vgpus %u\n", v.flags, v.enabled_vfs,
		       v.total_vfs, v.types, v.vgpus);
	}

	/* A larger buffer gets the whole answer and nothing past it. */
	memset(big, 0x5a, sizeof(big));
	ret = query_into(fd, DRM_NVGSP_QUERY_CHIP, big, sizeof(big), &got);
	if (ret || got != sizeof(c) || memcmp(big, &c, sizeof(c)) || big[sizeof(c)] != 0x5a ||
	    big[sizeof(big) - 1] != 0x5a)
		FAIL("chip-large-buffer: ret %d size %u, or the answer or the bytes past it differ", ret, got);

	/* Refusals: -EINVAL (or -EFAULT), nothing changed. */
	memset(big, 0x5a, sizeof(big));
	{
		struct drm_nvgsp_query ok = { .query = DRM_NVGSP_QUERY_GSP, .size = sizeof(g),
					      .data = (uintptr_t)big }, q;

		q = ok; q.query = 4; refuse(fd, "query-4", q, -EINVAL);
		q = ok; q.query = 0xffffffffu; refuse(fd, "query-max", q, -EINVAL);
		q = ok; q.flags = 1; refuse(fd, "flags-1", q, -EINVAL);
		q = ok; q.flags = 0x80000000u; refuse(fd, "flags-top", q, -EINVAL);
		q = ok; q.pad = 1; refuse(fd, "pad", q, -EINVAL);
		q = ok; q.size = 1; refuse(fd, "size-1", q, -EINVAL);
		q = ok; q.size = sizeof(g) - 1; refuse(fd, "size-short", q, -EINVAL);
		q = ok; q.query = DRM_NVGSP_QUERY_CHIP; q.size = sizeof(c) - 4;
		refuse(fd, "chip-size-short", q, -EINVAL);
		q = ok; q.data = 0; refuse(fd, "data-null", q, -EINVAL);
		q = ok; q.data = 8; refuse(fd, "data-fault", q, -EFAULT);
		q = ok; q.query = 4; q.size = 0; q.data = 0; refuse(fd, "size0-query-4", q, -EINVAL);
		q = ok; q.size = 0; q.data = 0; q.pad = 2; refuse(fd, "size0-pad", q, -EINVAL);
	}
	/* The ioctl number with an 8-byte struct: DRM zero-fills the rest, data 0. */
	{
		struct drm_nvgsp_query q = { .query = DRM_NVGSP_QUERY_CHIP, .size = sizeof(c) };
		unsigned long cmd = _IOC(_IOC_READ | _IOC_WRITE, 'd', 0x40, 8);

		ret = ioctl(fd, cmd, &q) ? -errno : 0;
		if (ret != -EINVAL || q.size != sizeof(c))
			FAIL("short-struct: got %d size %u, want %d", ret, q.size, -EINVAL);
		cmd = _IOC(_IOC_READ | _IOC_WRITE, 'd', 0x41, sizeof(q));
		ret = ioctl(fd, cmd, &q) ? -errno : 0;
		if (ret != -EINVAL)
			FAIL("unknown-ioctl: got %d, want %d", ret, -EINVAL);
	}
	close(fd);
	return failures ? 1 : 0;
}

static int unpriv(const char *node)
{
	struct drm_nvgsp_chip c;
	int fd, ret;

	if (setgid(65534) || setuid(65534)) {
		FAIL("unpriv: cannot drop to 65534: %s", strerror(errno));
		return 1;
	}
	if (getuid() != 65534 || geteuid() != 65534) {
		FAIL("unpriv: still uid %d", (int)geteuid());
		return 1;
	}
	fd = open_node(node);
	if (fd < 0)
		return 1;
	ret = query_into(fd, DRM_NVGSP_QUERY_CHIP, &c, sizeof(c), NULL);
	if (ret)
		FAIL("unpriv: CHIP query as uid 65534: %s", strerror(-ret));
	else
		printf("unpriv chip %.16s\n", c.name);
	close(fd);
	return failures ? 1 : 0;
}

static int state(const char *node)
{
	struct drm_nvgsp_gsp g;
	int fd, ret;

	fd = open_node(node);
	if (fd < 0)
		return 1;
	ret = query_into(fd, DRM_NVGSP_QUERY_GSP, &g, sizeof(g), NULL);
	close(fd);
	if (ret) {
		FAIL("state: GSP query: %s", strerror(-ret));
		return 1;
	}
	printf("state %u reason %.160s\n", g.state, g.reason);
	return 0;
}

static int hold(const char *node, const char *go)
{
	struct drm_nvgsp_chip c;
	struct stat st;
	int fd, ret, n;

	fd = open_node(node);
	if (fd < 0)
		return 1;
	ret = query_into(fd, DRM_NVGSP_QUERY_CHIP, &c, sizeof(c), NULL);
	if (ret) {
		FAIL("hold: first query: %s", strerror(-ret));
		return 1;
	}
	printf("held\n");
	fflush(stdout);
	for (n = 0; n < 2400 && stat(go, &st); n++)
		usleep(100000);
	if (n == 2400) {
		FAIL("hold: %s never appeared", go);
		return 1;
	}
	ret = query_into(fd, DRM_NVGSP_QUERY_CHIP, &c, sizeof(c), NULL);
	if (ret != -ENODEV)
		FAIL("hold: query after unbind: %d (%s), want ENODEV", ret, strerror(-ret));
	else
		printf("hold: ENODEV after unbind\n");
	close(fd);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "check"))
		return check(argc, argv);
	if (argc == 3 && !strcmp(argv[1], "unpriv"))
		return unpriv(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "state"))
		return state(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "hold"))
		return hold(argv[2], argv[3]);
	fprintf(stderr, "usage: drm_query check|unpriv|state|hold NODE ...\n");
	return 2;
}
