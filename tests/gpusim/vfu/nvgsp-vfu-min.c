// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp-vfu-min: the smallest vfio-user server that makes QEMU's vfio-user-pci show a
 * guest something nvgsp binds through its ID table: a PCI function 10de:2204 (class
 * 0x030000) with a 16 MiB BAR0 whose registers read like a GA102 rev A1 (NV_PMC_BOOT_0
 * at 0x0 = 0x172000a1, NV_PMC_BOOT_42 at 0xa00 = 0x172a1000) and everything else reads
 * what was last written (initially 0). No DMA, no interrupts raised, no capabilities.
 *
 *   nvgsp-vfu-min [-v] SOCKET_PATH
 *
 * Listens on SOCKET_PATH (an AF_UNIX stream socket; a stale one is replaced), prints
 * "listening SOCKET_PATH" on stdout once QEMU may connect, serves one client and exits
 * 0 when it disconnects (1 on a protocol or system error). -v logs every message on
 * stderr.
 *
 * Message layouts follow QEMU's hw/vfio-user (protocol.h, proxy.c, device.c) where the
 * written vfio-user spec differs. Plain libc and sockets only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* --- protocol (QEMU hw/vfio-user/protocol.h) ------------------------------------- */

struct vfu_hdr {
	uint16_t id;
	uint16_t command;
	uint32_t size;		/* the whole message, header included */
	uint32_t flags;
	uint32_t error;
};

enum {
	VFU_VERSION = 1,
	VFU_DMA_MAP = 2,
	VFU_DMA_UNMAP = 3,
	VFU_DEVICE_GET_INFO = 4,
	VFU_DEVICE_GET_REGION_INFO = 5,
	VFU_DEVICE_GET_REGION_IO_FDS = 6,
	VFU_DEVICE_GET_IRQ_INFO = 7,
	VFU_DEVICE_SET_IRQS = 8,
	VFU_REGION_READ = 9,
	VFU_REGION_WRITE = 10,
	VFU_DMA_READ = 11,
	VFU_DMA_WRITE = 12,
	VFU_DEVICE_RESET = 13,
};

#define VFU_TYPE_MASK 0xf
#define VFU_TYPE_REQUEST 0x0
#define VFU_TYPE_REPLY 0x1
#define VFU_NO_REPLY 0x10
#define VFU_ERROR 0x20

struct vfu_version {
	uint16_t major;
	uint16_t minor;
	/* NUL-terminated JSON follows */
};

struct vfu_device_info {
	uint32_t argsz;
	uint32_t flags;
	uint32_t num_regions;
	uint32_t num_irqs;
};

struct vfu_region_info {
	uint32_t argsz;
	uint32_t flags;
	uint32_t index;
	uint32_t cap_offset;
	uint64_t size;
	uint64_t offset;
};

struct vfu_irq_info {
	uint32_t argsz;
	uint32_t flags;
	uint32_t index;
	uint32_t count;
};

struct vfu_region_rw {
	uint64_t offset;
	uint32_t region;
	uint32_t count;
	/* data follows */
};

/* linux/vfio.h values, repeated so the build needs no kernel headers */
#define VFIO_DEVICE_FLAGS_RESET (1u << 0)
#define VFIO_DEVICE_FLAGS_PCI (1u << 1)
#define VFIO_REGION_INFO_FLAG_READ (1u << 0)
#define VFIO_REGION_INFO_FLAG_WRITE (1u << 1)
#define VFIO_IRQ_INFO_EVENTFD (1u << 0)
#define VFIO_IRQ_INFO_MASKABLE (1u << 1)
#define VFIO_IRQ_INFO_AUTOMASKED (1u << 2)
#define VFIO_PCI_BAR0_REGION_INDEX 0
#define VFIO_PCI_CONFIG_REGION_INDEX 7
#define VFIO_PCI_NUM_REGIONS 9
#define VFIO_PCI_INTX_IRQ_INDEX 0
#define VFIO_PCI_ERR_IRQ_INDEX 3
#define VFIO_PCI_NUM_IRQS 5

#define MAX_MSG (1u << 20)	/* max_data_xfer_size, plus a little for headers */
#define MAX_FDS 8

/* --- the device ------------------------------------------------------------------ */

#define BAR0_SIZE (16u << 20)
#define CFG_SIZE 256
#define NV_PMC_BOOT_0 0x0
#define NV_PMC_BOOT_42 0xa00
#define GA102_BOOT_0 0x172000a1u
#define GA102_BOOT_42 0x172a1000u

static uint8_t *bar0;
static uint8_t cfg[CFG_SIZE];
static uint8_t cfg_wmask[CFG_SIZE];	/* per byte: the bits a write may change */
static int verbose;

static void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

static void logv(const char *fmt, ...)
{
	va_list ap;

	if (!verbose)
		return;
	va_start(ap, fmt);
	fputs("nvgsp-vfu-min: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static void device_reset(void)
{
	memset(cfg, 0, sizeof(cfg));
	memset(cfg_wmask, 0, sizeof(cfg_wmask));
	put16(cfg + 0x00, 0x10de);	/* vendor: NVIDIA */
	put16(cfg + 0x02, 0x2204);	/* device: GA102 (RTX 3090) */
	/* 0x04 command (writable: I/O, memory, bus master, INTx disable); 0x06 status 0:
	 * bit 4 clear, no capability list */
	cfg_wmask[0x04] = 0x07;
	cfg_wmask[0x05] = 0x04;
	cfg[0x08] = 0xa1;		/* revision */
	cfg[0x09] = 0x00;		/* prog-if */
	cfg[0x0a] = 0x00;		/* subclass: VGA */
	cfg[0x0b] = 0x03;		/* class: display */
	cfg_wmask[0x0c] = 0xff;		/* cache line size */
	cfg_wmask[0x0d] = 0xff;		/* latency timer */
	cfg[0x0e] = 0x00;		/* header type 0, single function */
	/* BAR0 at 0x10: 32-bit non-prefetchable memory, 16 MiB: only the top byte sticks,
	 * so writing all ones reads back the size mask 0xff000000 */
	cfg_wmask[0x13] = 0xff;
	put16(cfg + 0x2c, 0x10de);	/* subsystem vendor */
	put16(cfg + 0x2e, 0x1454);	/* subsystem id */
	cfg_wmask[0x3c] = 0xff;		/* interrupt line; pin 0 at 0x3d: no INTx */
}

static int bar0_is_fixed(uint64_t off)
{
	return off == NV_PMC_BOOT_0 || off == NV_PMC_BOOT_42;
}

static void bar0_init(void)
{
	put32(bar0 + NV_PMC_BOOT_0, GA102_BOOT_0);
	put32(bar0 + NV_PMC_BOOT_42, GA102_BOOT_42);
}

/* byte-wise: the identification registers keep their values, the rest is plain memory */
static void bar0_write(uint64_t off, const uint8_t *data, uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		uint64_t o = off + i;

		if (!bar0_is_fixed(o & ~3ull))
			bar0[o] = data[i];
	}
}

static void cfg_write(uint64_t off, const uint8_t *data, uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		uint64_t o = off + i;

		cfg[o] = (cfg[o] & ~cfg_wmask[o]) | (data[i] & cfg_wmask[o]);
	}
}

/* --- socket I/O -------------------------------------------------------------------- */

static int fd_conn = -1;

/* read exactly n bytes; 0 on EOF before the first byte, -1 on error or short message */
static int read_full(void *buf, size_t n, int *fds, int *nfds)
{
	size_t got = 0;

	while (got < n) {
		struct iovec iov = { (char *)buf + got, n - got };
		union {
			char buf[CMSG_SPACE(MAX_FDS * sizeof(int))];
			struct cmsghdr align;
		} c;
		struct msghdr m = { 0 };
		struct cmsghdr *cm;
		ssize_t r;

		m.msg_iov = &iov;
		m.msg_iovlen = 1;
		m.msg_control = c.buf;
		m.msg_controllen = sizeof(c.buf);
		r = recvmsg(fd_conn, &m, MSG_CMSG_CLOEXEC);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			perror("nvgsp-vfu-min: recvmsg");
			return -1;
		}
		if (r == 0)
			return got == 0 ? 0 : -1;
		for (cm = CMSG_FIRSTHDR(&m); cm; cm = CMSG_NXTHDR(&m, cm)) {
			int k, n_in;

			if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
				continue;
			n_in = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			for (k = 0; k < n_in; k++) {
				int fd;

				memcpy(&fd, CMSG_DATA(cm) + k * sizeof(int), sizeof(int));
				if (fds && *nfds < MAX_FDS)
					fds[(*nfds)++] = fd;
				else
					close(fd);
			}
		}
		got += r;
	}
	return 1;
}

static int write_full(const void *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t r = send(fd_conn, (const char *)buf + done, n - done, MSG_NOSIGNAL);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			perror("nvgsp-vfu-min: send");
			return -1;
		}
		done += r;
	}
	return 0;
}

static uint8_t *msg_in, *msg_out;

/* reply to request `req` with `len` bytes of body already in msg_out + header */
static int reply(const struct vfu_hdr *req, size_t len)
{
	struct vfu_hdr h = {
		.id = req->id,
		.command = req->command,
		.size = (uint32_t)(sizeof(h) + len),
		.flags = VFU_TYPE_REPLY,
	};

	if (req->flags & VFU_NO_REPLY)
		return 0;
	memcpy(msg_out, &h, sizeof(h));
	return write_full(msg_out, h.size);
}

static int reply_error(const struct vfu_hdr *req, int err)
{
	struct vfu_hdr h = {
		.id = req->id,
		.command = req->command,
		.size = sizeof(h),
		.flags = VFU_TYPE_REPLY | VFU_ERROR,
		.error = (uint32_t)err,
	};

	logv("  -> error %d (%s)", err, strerror(err));
	if (req->flags & VFU_NO_REPLY)
		return 0;
	return write_full(&h, sizeof(h));
}

/* --- commands ---------------------------------------------------------------------- */

static const char caps_json[] =
	"{\"capabilities\":{\"max_msg_fds\":8,\"max_data_xfer_size\":1048576,\"pgsizes\":4096}}";

static int do_version(const struct vfu_hdr *h, const uint8_t *body, size_t len)
{
	struct vfu_version v;

	if (len < sizeof(v))
		return reply_error(h, EINVAL);
	memcpy(&v, body, sizeof(v));
	logv("  client version %u.%u caps %.*s", v.major, v.minor,
	     (int)(len - sizeof(v)), (const char *)body + sizeof(v));
	if (v.major != 0)
		return reply_error(h, ENOTSUP);
	v.major = 0;
	v.minor = 0;
	memcpy(msg_out + sizeof(*h), &v, sizeof(v));
	memcpy(msg_out + sizeof(*h) + sizeof(v), caps_json, sizeof(caps_json));
	return reply(h, sizeof(v) + sizeof(caps_json));
}

static int do_get_info(const struct vfu_hdr *h)
{
	struct vfu_device_info i = {
		.argsz = sizeof(i),
		.flags = VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_RESET,
		.num_regions = VFIO_PCI_NUM_REGIONS,
		.num_irqs = VFIO_PCI_NUM_IRQS,
	};

	memcpy(msg_out + sizeof(*h), &i, sizeof(i));
	return reply(h, sizeof(i));
}

static int do_region_info(const struct vfu_hdr *h, const uint8_t *body, size_t len)
{
	struct vfu_region_info r;

	if (len < sizeof(r))
		return reply_error(h, EINVAL);
	memcpy(&r, body, sizeof(r));
	if (r.index >= VFIO_PCI_NUM_REGIONS)
		return reply_error(h, EINVAL);
	r.argsz = sizeof(r);
	r.cap_offset = 0;
	r.offset = (uint64_t)r.index << 40;
	r.flags = 0;
	r.size = 0;
	if (r.index == VFIO_PCI_BAR0_REGION_INDEX) {
		r.size = BAR0_SIZE;
		r.flags = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE;
	} else if (r.index == VFIO_PCI_CONFIG_REGION_INDEX) {
		r.size = CFG_SIZE;
		r.flags = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE;
	}
	logv("  region %u: size 0x%llx", r.index, (unsigned long long)r.size);
	memcpy(msg_out + sizeof(*h), &r, sizeof(r));
	return reply(h, sizeof(r));
}

static int do_irq_info(const struct vfu_hdr *h, const uint8_t *body, size_t len)
{
	struct vfu_irq_info q;

	if (len < sizeof(q))
		return reply_error(h, EINVAL);
	memcpy(&q, body, sizeof(q));
	if (q.index >= VFIO_PCI_NUM_IRQS)
		return reply_error(h, EINVAL);
	q.argsz = sizeof(q);
	if (q.index == VFIO_PCI_INTX_IRQ_INDEX) {
		q.count = 1;
		q.flags = VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_MASKABLE |
			  VFIO_IRQ_INFO_AUTOMASKED;
	} else if (q.index == VFIO_PCI_ERR_IRQ_INDEX) {
		/* QEMU warns at startup without one; its eventfd is never signalled */
		q.count = 1;
		q.flags = VFIO_IRQ_INFO_EVENTFD;
	} else {
		q.count = 0;
		q.flags = VFIO_IRQ_INFO_EVENTFD;
	}
	memcpy(msg_out + sizeof(*h), &q, sizeof(q));
	return reply(h, sizeof(q));
}

static int do_region_rw(const struct vfu_hdr *h, const uint8_t *body, size_t len)
{
	struct vfu_region_rw rw;
	uint8_t *data_out = msg_out + sizeof(*h) + sizeof(rw);
	const uint8_t *data_in = body + sizeof(rw);
	int write = h->command == VFU_REGION_WRITE;
	uint64_t size;

	if (len < sizeof(rw))
		return reply_error(h, EINVAL);
	memcpy(&rw, body, sizeof(rw));
	if (rw.region == VFIO_PCI_BAR0_REGION_INDEX)
		size = BAR0_SIZE;
	else if (rw.region == VFIO_PCI_CONFIG_REGION_INDEX)
		size = CFG_SIZE;
	else
		size = 0;
	if (rw.count > MAX_MSG - 64 || rw.offset > size || rw.count > size - rw.offset ||
	    (write && len < sizeof(rw) + rw.count)) {
		logv("  bad %s region %u offset 0x%llx count %u", write ? "write" : "read",
		     rw.region, (unsigned long long)rw.offset, rw.count);
		return reply_error(h, EINVAL);
	}
	if (write) {
		if (rw.region == VFIO_PCI_BAR0_REGION_INDEX)
			bar0_write(rw.offset, data_in, rw.count);
		else
			cfg_write(rw.offset, data_in, rw.count);
		if (verbose && rw.count <= 8) {
			uint64_t v = 0;

			memcpy(&v, data_in, rw.count);
			logv("  write region %u offset 0x%llx count %u: 0x%llx", rw.region,
			     (unsigned long long)rw.offset, rw.count, (unsigned long long)v);
		}
		memcpy(msg_out + sizeof(*h), &rw, sizeof(rw));
		return reply(h, sizeof(rw));
	}
	memcpy(data_out, (rw.region == VFIO_PCI_BAR0_REGION_INDEX ? bar0 : cfg) + rw.offset,
	       rw.count);
	if (verbose && rw.count <= 8) {
		uint64_t v = 0;

		memcpy(&v, data_out, rw.count);
		logv("  read region %u offset 0x%llx count %u: 0x%llx", rw.region,
		     (unsigned long long)rw.offset, rw.count, (unsigned long long)v);
	}
	memcpy(msg_out + sizeof(*h), &rw, sizeof(rw));
	return reply(h, sizeof(rw) + rw.count);
}

/* DMA_UNMAP's reply echoes the request's body (QEMU reads it back). */
static int do_echo(const struct vfu_hdr *h, const uint8_t *body, size_t len)
{
	memcpy(msg_out + sizeof(*h), body, len);
	return reply(h, len);
}

static int serve_one(void)
{
	struct vfu_hdr h;
	int fds[MAX_FDS], nfds = 0, i, r;
	size_t len;
	uint8_t *body = msg_in + sizeof(h);

	r = read_full(&h, sizeof(h), fds, &nfds);
	if (r <= 0)
		return r;
	if (h.size < sizeof(h) || h.size > MAX_MSG) {
		fprintf(stderr, "nvgsp-vfu-min: message %u (command %u) has bad size %u\n",
			h.id, h.command, h.size);
		return -1;
	}
	len = h.size - sizeof(h);
	if (len && read_full(body, len, fds, &nfds) != 1) {
		fprintf(stderr, "nvgsp-vfu-min: short message %u\n", h.id);
		return -1;
	}
	logv("msg %u command %u size %u flags 0x%x fds %d", h.id, h.command, h.size, h.flags, nfds);
	/* No DMA and no interrupts here: the descriptors are not needed. */
	for (i = 0; i < nfds; i++)
		close(fds[i]);
	if ((h.flags & VFU_TYPE_MASK) != VFU_TYPE_REQUEST) {
		fprintf(stderr, "nvgsp-vfu-min: unexpected message type 0x%x\n", h.flags);
		return 1;	/* we never send requests: ignore */
	}

	switch (h.command) {
	case VFU_VERSION:
		r = do_version(&h, body, len);
		break;
	case VFU_DMA_MAP:
	case VFU_DEVICE_SET_IRQS:
		r = reply(&h, 0);
		break;
	case VFU_DMA_UNMAP:
		r = do_echo(&h, body, len);
		break;
	case VFU_DEVICE_GET_INFO:
		r = do_get_info(&h);
		break;
	case VFU_DEVICE_GET_REGION_INFO:
		r = do_region_info(&h, body, len);
		break;
	case VFU_DEVICE_GET_IRQ_INFO:
		r = do_irq_info(&h, body, len);
		break;
	case VFU_REGION_READ:
	case VFU_REGION_WRITE:
		r = do_region_rw(&h, body, len);
		break;
	case VFU_DEVICE_RESET:
		device_reset();
		r = reply(&h, 0);
		break;
	default:
		logv("  unsupported command %u", h.command);
		r = reply_error(&h, ENOTSUP);
		break;
	}
	return r < 0 ? -1 : 1;
}

int main(int argc, char **argv)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *path;
	int ls, r;

	if (argc == 3 && strcmp(argv[1], "-v") == 0) {
		verbose = 1;
		path = argv[2];
	} else if (argc == 2) {
		path = argv[1];
	} else {
		fprintf(stderr, "usage: %s [-v] SOCKET_PATH\n", argv[0]);
		return 2;
	}
	if (strlen(path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "nvgsp-vfu-min: socket path too long: %s\n", path);
		return 2;
	}
	strcpy(sa.sun_path, path);
	signal(SIGPIPE, SIG_IGN);

	bar0 = calloc(1, BAR0_SIZE);
	msg_in = malloc(MAX_MSG);
	msg_out = malloc(MAX_MSG + 64);
	if (!bar0 || !msg_in || !msg_out) {
		fprintf(stderr, "nvgsp-vfu-min: out of memory\n");
		return 1;
	}
	bar0_init();
	device_reset();

	ls = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (ls < 0) {
		perror("nvgsp-vfu-min: socket");
		return 1;
	}
	unlink(path);
	if (bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(ls, 1) < 0) {
		perror("nvgsp-vfu-min: bind/listen");
		return 1;
	}
	printf("listening %s\n", path);
	fflush(stdout);

	do {
		fd_conn = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
	} while (fd_conn < 0 && errno == EINTR);
	if (fd_conn < 0) {
		perror("nvgsp-vfu-min: accept");
		return 1;
	}
	close(ls);
	unlink(path);
	logv("client connected");

	while ((r = serve_one()) > 0)
		;
	close(fd_conn);
	if (r < 0)
		return 1;
	logv("client disconnected");
	return 0;
}
