// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim-vfu: gpusim, the GPU device model (tests/gpusim/gpusim.h), served to QEMU's
 * vfio-user-pci over an AF_UNIX socket, so a guest kernel sees a simulated NVIDIA GPU on
 * its PCI bus and nvgsp.ko can boot the real GSP-RM firmware on it.
 *
 *   gpusim-vfu --chip CHIP --release RELEASE --fw-path DIR --socket PATH
 *              [--fault NAME[=ARG][@ctrl=CTRL[,skip=N]]]... [--fb-mib N] [-v]
 *
 * What the guest sees:
 *   - config space: vendor 0x10de, the chip's device id, class and subsystem ids
 *     (gpusim_get_pci()), revision = BOOT_0's revision byte; BAR0 32-bit 16 MiB
 *     registers; BAR1 (FB aperture) and BAR3 64-bit prefetchable, sized as the model
 *     says; a capability list with power management and MSI (64-bit, one vector);
 *     interrupt pin A.
 *   - BAR0: gpusim_rd32/wr32, one 32-bit register at a time (narrower accesses read
 *     the containing register; a narrower write is merged into it).
 *   - BAR1 and BAR3: reads return 0, writes are dropped (the model has no FB aperture).
 *   - DMA: guest bus addresses through the regions QEMU maps with DMA_MAP (the shared
 *     memfd of `-object memory-backend-memfd,share=on`), mmap'ed here.
 *   - interrupts: they follow the model's interrupt tree (BAR0 0xB80000), whose output
 *     line rises when a pending leaf bit is enabled in an enabled subtree (the GSP's
 *     SWGEN0 sets its vector's bit). On each rising edge gpusim's irq callback writes
 *     the eventfd QEMU gave for MSI in SET_IRQS, or, while MSI is off, the INTx one
 *     (until QEMU masks it; on unmask INTx fires again while the line is still up).
 *
 * The model runs in real time: the poll loop wakes at least every millisecond and calls
 * gpusim_tick() with CLOCK_MONOTONIC, so scrubs finish and GSP-RM answers while the
 * guest waits (nvgsp_os_user_set_realtime() makes the model's own clock reads agree).
 *
 * Protocol: QEMU's hw/vfio-user (protocol.h, proxy.c, device.c) where the written spec
 * differs; a message marked no-reply (QEMU posts BAR writes) is never answered. The
 * server prints "listening PATH" on stdout once QEMU may connect, serves one client and,
 * when QEMU disconnects, prints one line "gpusim-vfu: done: ..." with the model's
 * counters and "gpusim-vfu: model error: ..." when the model recorded one; exit 0 on a
 * clean disconnect (even with a model error: the host judges the line), 1 on a protocol
 * or system error, 2 on bad options or a model that cannot be created.
 *
 * Faults (gpusim_fault_set(), armed at creation and again after each device reset):
 * rpc-timeout=RPC, bad-checksum, torn-element, queue-full, seq-order, error-log=RPC,
 * gsp-crash=RPC, device-gone=N (register accesses before the device drops), booter,
 * fsp, fwsec, no-init-done, intr-no-gsp (GSP-RM's interrupt table has no GSP entry),
 * intr-wild-vector[=V] (the table's GSP stall vector is V, 0x1000 without one). RPC
 * is the symbolic id (enum nvgsp_abi_rpc) as a number.
 *
 * Faults keyed on an RM control (gpusim_fault_on_control()): NAME[=ARG]@ctrl=CTRL[,skip=N]
 * keeps the fault dormant until GSP-RM receives a GSP_RM_CONTROL of CTRL, serves N of
 * them first (default 0), then fires on the next as if armed just before that RPC.
 * NAME is one of rpc-timeout (that control is never answered), gsp-crash (GSP-RM halts
 * on it), device-gone[=N] (off the bus N register accesses later, at once by default,
 * so the control is not answered), bad-checksum, torn-element, seq-order (the reply's
 * element) or error-log (an OS_ERROR_LOG event 20 ms after the reply); the boot-only faults
 * are refused. CTRL is the symbolic id's name (enum nvgsp_abi_ctrl) in any case, '-'
 * for '_', with or without its class prefix (gpu-get-vmmu-segment-size for
 * NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE), or the release's command number
 * (0x2080017e is GET_VMMU_SEGMENT_SIZE in 535.113.01 and 570.144). Like the others they
 * are armed again, with N again, when the model is recreated at a device reset.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "gpusim.h"
#include "abi/nvgsp_abi.h"

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

/* DMA_MAP: {argsz, flags, offset, address, size}; the fd travels as SCM_RIGHTS */
struct vfu_dma_map {
	uint32_t argsz;
	uint32_t flags;
	uint64_t offset;
	uint64_t address;
	uint64_t size;
};

struct vfu_dma_unmap {
	uint32_t argsz;
	uint32_t flags;
	uint64_t address;
	uint64_t size;
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

struct vfu_irq_set {
	uint32_t argsz;
	uint32_t flags;
	uint32_t index;
	uint32_t start;
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
#define VFIO_IRQ_INFO_NORESIZE (1u << 3)
#define VFIO_IRQ_SET_DATA_NONE (1u << 0)
#define VFIO_IRQ_SET_DATA_BOOL (1u << 1)
#define VFIO_IRQ_SET_DATA_EVENTFD (1u << 2)
#define VFIO_IRQ_SET_ACTION_MASK (1u << 3)
#define VFIO_IRQ_SET_ACTION_UNMASK (1u << 4)
#define VFIO_IRQ_SET_ACTION_TRIGGER (1u << 5)
#define VFIO_PCI_BAR0_REGION_INDEX 0
#define VFIO_PCI_BAR1_REGION_INDEX 1
#define VFIO_PCI_BAR3_REGION_INDEX 3
#define VFIO_PCI_CONFIG_REGION_INDEX 7
#define VFIO_PCI_NUM_REGIONS 9
#define VFIO_PCI_INTX_IRQ_INDEX 0
#define VFIO_PCI_MSI_IRQ_INDEX 1
#define VFIO_PCI_ERR_IRQ_INDEX 3
#define VFIO_PCI_REQ_IRQ_INDEX 4
#define VFIO_PCI_NUM_IRQS 5

#define MAX_MSG (1u << 20)	/* max_data_xfer_size, plus a little for headers */
#define MAX_FDS 8
#define MAX_DMA 64		/* QEMU maps a handful of RAM sections */

/* --- state ------------------------------------------------------------------------- */

#define CFG_SIZE 256
#define CAP_PM 0x60		/* where NVIDIA's boards have them (lspci -vvv of an RTX 3090) */
#define CAP_MSI 0x68

/**
 * struct dma_region - one DMA_MAP'ed range of guest memory.
 * @iova: guest bus address.
 * @size: bytes.
 * @base: where it is mapped here (NULL: mapped without a file descriptor).
 */
struct dma_region {
	uint64_t iova;
	uint64_t size;
	uint8_t *base;
};

/**
 * struct fault_arg - one --fault.
 * @fault: which.
 * @arg: its argument.
 * @ctrl_name: the CTRL of NAME@ctrl=CTRL (NULL: armed at once, gpusim_fault_set()).
 * @ctrl: its symbolic id, resolved once the release is known.
 * @skip: controls of @ctrl to serve first.
 */
struct fault_arg {
	enum gpusim_fault fault;
	uint32_t arg;
	const char *ctrl_name;
	uint32_t ctrl;
	uint32_t skip;
};

/* A --fault per kind, plainly and keyed. */
#define MAX_FAULTS (2 * GPUSIM_NR_FAULTS)

static struct {
	struct gpusim_config cfg;
	struct gpusim *sim;
	struct gpusim_pci pci;
	uint8_t revision;
	struct fault_arg faults[MAX_FAULTS];
	int nfaults;

	uint8_t cfg_space[CFG_SIZE];
	uint8_t cfg_wmask[CFG_SIZE];	/* per byte: the bits a write may change */

	struct dma_region dma[MAX_DMA];
	int ndma;

	int intx_fd, msi_fd, err_fd, req_fd;
	int intx_masked;

	int verbose;
	unsigned long msgs, reads, writes, irqs_sent, resets;
	int fd_conn;
	uint8_t *msg_in, *msg_out;
} S = { .intx_fd = -1, .msi_fd = -1, .err_fd = -1, .req_fd = -1, .fd_conn = -1 };

static void logv(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logv(const char *fmt, ...)
{
	va_list ap;

	if (!S.verbose)
		return;
	va_start(ap, fmt);
	fputs("gpusim-vfu: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* --- DMA: guest bus addresses through the DMA_MAP'ed regions ------------------------ */

static struct dma_region *dma_find(uint64_t addr)
{
	int i;

	for (i = 0; i < S.ndma; i++)
		if (addr >= S.dma[i].iova && addr - S.dma[i].iova < S.dma[i].size)
			return &S.dma[i];
	return NULL;
}

/*
 * The model's view of [addr, addr + len): one pointer, so the range must lie in one
 * region, or in regions QEMU mapped from adjacent parts of one mapping (never the case
 * with separate mmaps; a buffer across a section boundary is a DMA fault).
 */
static void *dma_map(void *ctx, u64 addr, size_t len)
{
	struct dma_region *r = dma_find(addr);

	(void)ctx;
	if (!r || !r->base || len > r->size - (addr - r->iova)) {
		logv("DMA fault: 0x%llx + %zu not in a mapped region",
		     addr, len);
		return NULL;
	}
	return r->base + (addr - r->iova);
}

static const struct gpusim_dma_ops dma_ops = { .map = dma_map };

static void dma_unmap_range(uint64_t iova, uint64_t size)
{
	int i = 0;

	while (i < S.ndma) {
		struct dma_region *r = &S.dma[i];

		if (r->iova >= iova && r->iova - iova < size) {
			if (r->base)
				munmap(r->base, r->size);
			S.dma[i] = S.dma[--S.ndma];
			continue;
		}
		i++;
	}
}

/* --- the device: config space over the model's PCI identity ------------------------- */

static void cfg_reset(void)
{
	uint8_t *c = S.cfg_space, *m = S.cfg_wmask;
	uint64_t bar1 = S.pci.bar1_size, bar3 = S.pci.bar3_size;
	int i;

	memset(c, 0, CFG_SIZE);
	memset(m, 0, CFG_SIZE);
	put16(c + 0x00, 0x10de);
	put16(c + 0x02, S.pci.device_id);
	/* command: I/O, memory, bus master, INTx disable; status: capability list */
	m[0x04] = 0x07;
	m[0x05] = 0x04;
	put16(c + 0x06, 0x0010);
	c[0x08] = S.revision;
	c[0x09] = S.pci.class_code & 0xff;
	c[0x0a] = (S.pci.class_code >> 8) & 0xff;
	c[0x0b] = (S.pci.class_code >> 16) & 0xff;
	m[0x0c] = 0xff;
	m[0x0d] = 0xff;
	c[0x0e] = 0x00;
	/*
	 * BARs, as the sizing write of all ones reads back: QEMU emulates them from the
	 * region sizes, but a guest reading config through the device sees the same.
	 * BAR0 at 0x10: 32-bit memory, 16 MiB.
	 */
	m[0x13] = 0xff;
	/* BAR1 at 0x14/0x18: 64-bit prefetchable; BAR3 at 0x1c/0x20 likewise */
	c[0x14] = 0x0c;
	c[0x1c] = 0x0c;
	for (i = 0; i < 8; i++) {
		m[0x14 + i] = (uint8_t)(~(bar1 - 1) >> (8 * i));
		m[0x1c + i] = (uint8_t)(~(bar3 - 1) >> (8 * i));
	}
	m[0x14] &= 0xf0;
	m[0x1c] &= 0xf0;
	put16(c + 0x2c, S.pci.subsystem_vendor);
	put16(c + 0x2e, S.pci.subsystem_id);
	c[0x34] = CAP_PM;
	m[0x3c] = 0xff;			/* interrupt line */
	c[0x3d] = 0x01;			/* interrupt pin A */

	/* power management, version 3; PMCSR power state writable */
	c[CAP_PM] = 0x01;
	c[CAP_PM + 1] = CAP_MSI;
	put16(c + CAP_PM + 2, 0x0003);
	m[CAP_PM + 4] = 0x03;
	/* MSI: 64-bit address, one vector; enable bit, address and data writable */
	c[CAP_MSI] = 0x05;
	c[CAP_MSI + 1] = 0x00;
	put16(c + CAP_MSI + 2, 0x0080);
	m[CAP_MSI + 2] = 0x01;
	for (i = 4; i < 14; i++)
		m[CAP_MSI + i] = 0xff;
	m[CAP_MSI + 4] = 0xfc;		/* the address is dword aligned */
}

static void cfg_write(uint64_t off, const uint8_t *data, uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		uint64_t o = off + i;

		S.cfg_space[o] = (S.cfg_space[o] & ~S.cfg_wmask[o]) | (data[i] & S.cfg_wmask[o]);
	}
}

static void signal_fd(int fd)
{
	uint64_t one = 1;

	if (fd >= 0 && write(fd, &one, sizeof(one)) == (ssize_t)sizeof(one))
		S.irqs_sent++;
}

/*
 * gpusim's interrupt line (the interrupt tree's output) rose: MSI while QEMU holds an
 * MSI eventfd here (it sets one when the guest enables MSI and tears it down when the
 * guest disables it; QEMU emulates the capability, so the enable bit in this config
 * space may lag), else INTx.
 */
static void on_irq(void *ctx)
{
	(void)ctx;
	if (S.msi_fd >= 0) {
		signal_fd(S.msi_fd);
	} else if (S.intx_fd >= 0 && !S.intx_masked &&
		   !(S.cfg_space[0x05] & 0x04)) {
		signal_fd(S.intx_fd);
		S.intx_masked = 1;	/* automasked until QEMU unmasks */
	}
}

static const struct {
	const char *name;
	enum gpusim_fault fault;
} fault_names[] = {
	{ "rpc-timeout", GPUSIM_FAULT_RPC_TIMEOUT },
	{ "bad-checksum", GPUSIM_FAULT_BAD_CHECKSUM },
	{ "torn-element", GPUSIM_FAULT_TORN_ELEMENT },
	{ "queue-full", GPUSIM_FAULT_QUEUE_FULL },
	{ "seq-order", GPUSIM_FAULT_SEQ_ORDER },
	{ "error-log", GPUSIM_FAULT_ERROR_LOG },
	{ "gsp-crash", GPUSIM_FAULT_GSP_CRASH },
	{ "device-gone", GPUSIM_FAULT_DEVICE_GONE },
	{ "booter", GPUSIM_FAULT_BOOTER },
	{ "fsp", GPUSIM_FAULT_FSP },
	{ "fwsec", GPUSIM_FAULT_FWSEC },
	{ "no-init-done", GPUSIM_FAULT_NO_INIT_DONE },
	{ "intr-no-gsp", GPUSIM_FAULT_INTR_NO_GSP },
	{ "intr-wild-vector", GPUSIM_FAULT_INTR_WILD_VECTOR },
};

/* A number of at most 32 bits in all of [s, s + n); false otherwise. */
static bool parse_u32(const char *s, size_t n, uint32_t *v)
{
	char buf[24], *end;
	unsigned long x;

	if (!n || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	x = strtoul(buf, &end, 0);
	if (errno || *end || x > UINT32_MAX || buf[0] == '-')
		return false;
	*v = (uint32_t)x;
	return true;
}

static const char *fault_name(enum gpusim_fault fault)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fault_names); i++)
		if (fault_names[i].fault == fault)
			return fault_names[i].name;
	return "?";
}

static int parse_fault(const char *spec)
{
	const char *at = strstr(spec, "@ctrl="), *eq = strchr(spec, '=');
	size_t n, i;
	uint32_t arg = 0, skip = 0;
	const char *ctrl = NULL, *comma;

	if (at && eq == at + 5)
		eq = NULL;	/* the '=' of "@ctrl=" */
	n = eq ? (size_t)(eq - spec) : at ? (size_t)(at - spec) : strlen(spec);
	if (eq) {
		size_t alen = at ? (size_t)(at - eq - 1) : strlen(eq + 1);

		if (!parse_u32(eq + 1, alen, &arg)) {
			fprintf(stderr, "gpusim-vfu: --fault %s: '%.*s' is not a number\n", spec,
				(int)alen, eq + 1);
			return -1;
		}
	}
	if (at) {
		ctrl = at + 6;
		comma = strchr(ctrl, ',');
		if (comma && (strncmp(comma, ",skip=", 6) ||
			      !parse_u32(comma + 6, strlen(comma + 6), &skip))) {
			fprintf(stderr, "gpusim-vfu: --fault %s: after @ctrl=CTRL only ,skip=N may follow\n",
				spec);
			return -1;
		}
		if (!*ctrl || ctrl == comma) {
			fprintf(stderr, "gpusim-vfu: --fault %s: @ctrl= names no control\n", spec);
			return -1;
		}
		ctrl = strndup(ctrl, comma ? (size_t)(comma - ctrl) : strlen(ctrl));
		if (!ctrl) {
			fprintf(stderr, "gpusim-vfu: out of memory\n");
			return -1;
		}
	}
	for (i = 0; i < ARRAY_SIZE(fault_names); i++) {
		if (strlen(fault_names[i].name) == n && !strncmp(fault_names[i].name, spec, n)) {
			S.faults[S.nfaults].fault = fault_names[i].fault;
			S.faults[S.nfaults].arg = arg;
			S.faults[S.nfaults].ctrl_name = ctrl;
			S.faults[S.nfaults].skip = skip;
			S.nfaults++;
			return 0;
		}
	}
	free((void *)ctrl);
	fprintf(stderr, "gpusim-vfu: --fault %s: unknown fault; known:", spec);
	for (i = 0; i < ARRAY_SIZE(fault_names); i++)
		fprintf(stderr, " %s", fault_names[i].name);
	fputc('\n', stderr);
	return -1;
}

/* Whether @name, compared case-insensitively and '-' equal to '_', is @id's name. */
static bool ctrl_name_is(const char *name, const char *id)
{
	for (; *name && *id; name++, id++) {
		char a = *name == '-' ? '_' : *name;

		if (tolower((unsigned char)a) != tolower((unsigned char)*id))
			return false;
	}
	return !*name && !*id;
}

/*
 * The symbolic id of a CTRL: a name of enum nvgsp_abi_ctrl (without
 * "NVGSP_ABI_CTRL_"), with or without its class prefix ("NV2080_"), or the
 * release's command number.
 */
static int resolve_ctrl(const char *name, uint32_t *id)
{
	const struct nvgsp_abi *abi;
	uint32_t i, num;

	if (parse_u32(name, strlen(name), &num)) {
		abi = nvgsp_abi_find(S.cfg.release);
		if (!abi) {
			fprintf(stderr, "gpusim-vfu: @ctrl=%s: no ABI table for %s to look the number up in\n",
				name, S.cfg.release);
			return -1;
		}
		if (nvgsp_abi_ctrl_id(abi, num, id)) {
			fprintf(stderr, "gpusim-vfu: @ctrl=%s: %s has no control of that number\n",
				name, S.cfg.release);
			return -1;
		}
		return 0;
	}
	for (i = 0; i < NVGSP_ABI_NR_CTRL; i++) {
		const char *full = nvgsp_abi_id_name(NVGSP_ABI_GROUP_CTRL, i);
		const char *bare = strchr(full, '_');

		if (ctrl_name_is(name, full) || (bare && ctrl_name_is(name, bare + 1))) {
			*id = i;
			return 0;
		}
	}
	fprintf(stderr, "gpusim-vfu: @ctrl=%s: unknown control; known:", name);
	for (i = 0; i < NVGSP_ABI_NR_CTRL; i++)
		fprintf(stderr, " %s", nvgsp_abi_id_name(NVGSP_ABI_GROUP_CTRL, i));
	fputc('\n', stderr);
	return -1;
}

/* A fresh model in its power-on state, faults armed; the config space to match. */
static int device_create(void)
{
	char err[256];
	int ret, i;

	ret = gpusim_create(&S.cfg, &S.sim, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "gpusim-vfu: cannot create a %s on %s from %s: %s (%d)\n",
			S.cfg.chip, S.cfg.release, S.cfg.fw_path, err, ret);
		return ret;
	}
	gpusim_set_irq_cb(S.sim, on_irq, NULL);
	gpusim_get_pci(S.sim, &S.pci);
	S.revision = gpusim_rd32(S.sim, 0) & 0xff;
	/* that read counted as an access: start the device-gone count after it */
	for (i = 0; i < S.nfaults; i++) {
		struct fault_arg *f = &S.faults[i];

		if (!f->ctrl_name) {
			gpusim_fault_set(S.sim, f->fault, f->arg);
		} else if (gpusim_fault_on_control(S.sim, f->fault, f->arg, f->ctrl, f->skip)) {
			fprintf(stderr, "gpusim-vfu: --fault %s@ctrl=%s: this fault acts during the boot only and cannot wait for a control\n",
				fault_name(f->fault), f->ctrl_name);
			gpusim_destroy(S.sim);
			S.sim = NULL;
			return -EINVAL;
		}
	}
	gpusim_tick(S.sim, now_ns());
	cfg_reset();
	return 0;
}

static void device_report(const char *when)
{
	struct gpusim_stats st;
	const char *err;

	if (!S.sim)
		return;
	gpusim_get_stats(S.sim, &st);
	printf("gpusim-vfu: %s: %s %s: %lu messages, %lu BAR0 reads, %lu BAR0 writes, "
	       "%lu interrupts sent; model: fwsec %u, booter %u, fsp_cot %u, gsp_booted %u, "
	       "rpcs %u, events %u, seq_ops %u, objects %u, unloaded %d, wpr2_set %d, irqs %u\n",
	       when, S.cfg.chip, S.cfg.release, S.msgs, S.reads, S.writes, S.irqs_sent,
	       st.fwsec_runs, st.booter_runs, st.fsp_cot, st.gsp_booted, st.rpcs, st.events,
	       st.seq_ops, st.objects, st.unloaded, st.wpr2_set, st.irqs);
	err = gpusim_error(S.sim);
	if (err[0])
		printf("gpusim-vfu: model error: %s\n", err);
	fflush(stdout);
}

static int device_reset(void)
{
	S.resets++;
	/* A reset before the guest did anything (QEMU resets at machine start) keeps the
	 * model; after, a new one in its power-on state. */
	if (S.reads || S.writes) {
		device_report("reset");
		gpusim_destroy(S.sim);
		S.sim = NULL;
		S.reads = S.writes = 0;
		return device_create();
	}
	cfg_reset();
	return 0;
}

/* BAR0 through the model, in 32-bit registers. */
static void bar0_read(uint64_t off, uint8_t *data, uint32_t count)
{
	uint32_t done = 0;

	while (done < count) {
		uint64_t o = off + done;
		uint32_t reg = gpusim_rd32(S.sim, (uint32_t)(o & ~3ull));
		uint32_t at = o & 3, n = 4 - at;

		if (n > count - done)
			n = count - done;
		memcpy(data + done, (uint8_t *)&reg + at, n);
		done += n;
		S.reads++;
	}
}

static void bar0_write(uint64_t off, const uint8_t *data, uint32_t count)
{
	uint32_t done = 0;

	while (done < count) {
		uint64_t o = off + done;
		uint32_t at = o & 3, n = 4 - at, reg;

		if (n > count - done)
			n = count - done;
		if (n == 4)
			memcpy(&reg, data + done, 4);
		else {
			reg = gpusim_rd32(S.sim, (uint32_t)(o & ~3ull));
			memcpy((uint8_t *)&reg + at, data + done, n);
		}
		gpusim_wr32(S.sim, (uint32_t)(o & ~3ull), reg);
		done += n;
		S.writes++;
	}
}

static uint64_t region_size(uint32_t index)
{
	switch (index) {
	case VFIO_PCI_BAR0_REGION_INDEX:
		return GPUSIM_BAR0_SIZE;
	case VFIO_PCI_BAR1_REGION_INDEX:
		return S.pci.bar1_size;
	case VFIO_PCI_BAR3_REGION_INDEX:
		return S.pci.bar3_size;
	case VFIO_PCI_CONFIG_REGION_INDEX:
		return CFG_SIZE;
	}
	return 0;
}

/* --- socket I/O -------------------------------------------------------------------- */

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
		r = recvmsg(S.fd_conn, &m, MSG_CMSG_CLOEXEC);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			if (errno == ECONNRESET)
				return got == 0 ? 0 : -1;
			perror("gpusim-vfu: recvmsg");
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
		ssize_t r = send(S.fd_conn, (const char *)buf + done, n - done, MSG_NOSIGNAL);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			perror("gpusim-vfu: send");
			return -1;
		}
		done += r;
	}
	return 0;
}

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
	memcpy(S.msg_out, &h, sizeof(h));
	return write_full(S.msg_out, h.size);
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
	"{\"capabilities\":{\"max_msg_fds\":8,\"max_data_xfer_size\":1048576,\"pgsizes\":4096,"
	"\"max_dma_maps\":64}}";

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
	memcpy(S.msg_out + sizeof(*h), &v, sizeof(v));
	memcpy(S.msg_out + sizeof(*h) + sizeof(v), caps_json, sizeof(caps_json));
	return reply(h, sizeof(v) + sizeof(caps_json));
}

static int do_dma_map(const struct vfu_hdr *h, const uint8_t *body, size_t len,
		      int *fds, int *nfds)
{
	struct vfu_dma_map m;
	struct dma_region *r;
	void *p = NULL;

	if (len < sizeof(m))
		return reply_error(h, EINVAL);
	memcpy(&m, body, sizeof(m));
	if (S.ndma == MAX_DMA || !m.size || m.address + m.size < m.address)
		return reply_error(h, S.ndma == MAX_DMA ? ENOSPC : EINVAL);
	if (*nfds > 0) {
		p = mmap(NULL, m.size, PROT_READ | PROT_WRITE, MAP_SHARED, fds[0], m.offset);
		close(fds[0]);
		fds[0] = -1;
		if (p == MAP_FAILED) {
			fprintf(stderr, "gpusim-vfu: DMA_MAP 0x%llx+0x%llx: mmap: %s\n",
				(unsigned long long)m.address, (unsigned long long)m.size,
				strerror(errno));
			return reply_error(h, errno);
		}
	}
	dma_unmap_range(m.address, m.size);	/* a remap replaces what was there */
	r = &S.dma[S.ndma++];
	r->iova = m.address;
	r->size = m.size;
	r->base = p;
	logv("  DMA_MAP 0x%llx size 0x%llx offset 0x%llx %s", (unsigned long long)m.address,
	     (unsigned long long)m.size, (unsigned long long)m.offset, p ? "mmap'ed" : "no fd");
	return reply(h, 0);
}

/* DMA_UNMAP's reply echoes the request's body (QEMU reads it back). */
static int do_dma_unmap(const struct vfu_hdr *h, const uint8_t *body, size_t len)
{
	struct vfu_dma_unmap u;

	if (len < sizeof(u))
		return reply_error(h, EINVAL);
	memcpy(&u, body, sizeof(u));
	dma_unmap_range(u.address, u.size);
	logv("  DMA_UNMAP 0x%llx size 0x%llx", (unsigned long long)u.address,
	     (unsigned long long)u.size);
	memcpy(S.msg_out + sizeof(*h), body, len);
	return reply(h, len);
}

static int do_get_info(const struct vfu_hdr *h)
{
	struct vfu_device_info i = {
		.argsz = sizeof(i),
		.flags = VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_RESET,
		.num_regions = VFIO_PCI_NUM_REGIONS,
		.num_irqs = VFIO_PCI_NUM_IRQS,
	};

	memcpy(S.msg_out + sizeof(*h), &i, sizeof(i));
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
	r.size = region_size(r.index);
	r.flags = r.size ? VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE : 0;
	logv("  region %u: size 0x%llx", r.index, (unsigned long long)r.size);
	memcpy(S.msg_out + sizeof(*h), &r, sizeof(r));
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
	q.count = 0;
	q.flags = VFIO_IRQ_INFO_EVENTFD;
	switch (q.index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
		q.count = 1;
		q.flags |= VFIO_IRQ_INFO_MASKABLE | VFIO_IRQ_INFO_AUTOMASKED;
		break;
	case VFIO_PCI_MSI_IRQ_INDEX:
		q.count = 1;
		q.flags |= VFIO_IRQ_INFO_NORESIZE;
		break;
	case VFIO_PCI_ERR_IRQ_INDEX:
	case VFIO_PCI_REQ_IRQ_INDEX:
		/* QEMU warns at startup without them; never signalled */
		q.count = 1;
		break;
	}
	memcpy(S.msg_out + sizeof(*h), &q, sizeof(q));
	return reply(h, sizeof(q));
}

static void set_fd(int *slot, int fd)
{
	if (*slot >= 0)
		close(*slot);
	*slot = fd;
}

static int do_set_irqs(const struct vfu_hdr *h, const uint8_t *body, size_t len,
		       int *fds, int *nfds)
{
	struct vfu_irq_set s;
	int *slot = NULL, fd = -1;

	if (len < sizeof(s))
		return reply_error(h, EINVAL);
	memcpy(&s, body, sizeof(s));
	if (s.index >= VFIO_PCI_NUM_IRQS || s.start > 1 || s.count > 1 - s.start)
		return reply_error(h, EINVAL);
	switch (s.index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
		slot = &S.intx_fd;
		break;
	case VFIO_PCI_MSI_IRQ_INDEX:
		slot = &S.msi_fd;
		break;
	case VFIO_PCI_ERR_IRQ_INDEX:
		slot = &S.err_fd;
		break;
	case VFIO_PCI_REQ_IRQ_INDEX:
		slot = &S.req_fd;
		break;
	default:
		return reply_error(h, EINVAL);
	}
	logv("  SET_IRQS index %u start %u count %u flags 0x%x fds %d", s.index, s.start,
	     s.count, s.flags, *nfds);
	if (s.flags & VFIO_IRQ_SET_ACTION_TRIGGER) {
		if (s.flags & VFIO_IRQ_SET_DATA_EVENTFD) {
			/* count 1 with no descriptor (QEMU sends -1 as none): tear down */
			if (s.count && *nfds > 0) {
				fd = fds[0];
				fds[0] = -1;
			}
			set_fd(slot, fd);
			if (slot == &S.intx_fd)
				S.intx_masked = 0;
		} else if (s.flags & VFIO_IRQ_SET_DATA_NONE) {
			if (!s.count)
				set_fd(slot, -1);	/* disable */
			else
				signal_fd(*slot);	/* loopback trigger */
		}
	} else if (slot == &S.intx_fd && (s.flags & VFIO_IRQ_SET_ACTION_MASK)) {
		S.intx_masked = 1;
	} else if (slot == &S.intx_fd && (s.flags & VFIO_IRQ_SET_ACTION_UNMASK)) {
		S.intx_masked = 0;
		/* level triggered: still asserted, so it fires again */
		if (S.msi_fd < 0 && gpusim_irq_pending(S.sim))
			on_irq(NULL);
	}
	return reply(h, 0);
}

static int do_region_rw(const struct vfu_hdr *h, const uint8_t *body, size_t len)
{
	struct vfu_region_rw rw;
	uint8_t *data_out = S.msg_out + sizeof(*h) + sizeof(rw);
	const uint8_t *data_in = body + sizeof(rw);
	int write = h->command == VFU_REGION_WRITE;
	uint64_t size;

	if (len < sizeof(rw))
		return reply_error(h, EINVAL);
	memcpy(&rw, body, sizeof(rw));
	size = rw.region < VFIO_PCI_NUM_REGIONS ? region_size(rw.region) : 0;
	if (rw.count > MAX_MSG - 64 || rw.offset > size || rw.count > size - rw.offset ||
	    (write && len < sizeof(rw) + rw.count)) {
		logv("  bad %s region %u offset 0x%llx count %u", write ? "write" : "read",
		     rw.region, (unsigned long long)rw.offset, rw.count);
		return reply_error(h, EINVAL);
	}
	if (write) {
		if (rw.region == VFIO_PCI_BAR0_REGION_INDEX)
			bar0_write(rw.offset, data_in, rw.count);
		else if (rw.region == VFIO_PCI_CONFIG_REGION_INDEX)
			cfg_write(rw.offset, data_in, rw.count);
		/* BAR1 and BAR3: dropped */
		if (S.verbose && rw.count <= 8) {
			uint64_t v = 0;

			memcpy(&v, data_in, rw.count);
			logv("  write region %u offset 0x%llx count %u: 0x%llx", rw.region,
			     (unsigned long long)rw.offset, rw.count, (unsigned long long)v);
		}
		memcpy(S.msg_out + sizeof(*h), &rw, sizeof(rw));
		return reply(h, sizeof(rw));
	}
	if (rw.region == VFIO_PCI_BAR0_REGION_INDEX)
		bar0_read(rw.offset, data_out, rw.count);
	else if (rw.region == VFIO_PCI_CONFIG_REGION_INDEX)
		memcpy(data_out, S.cfg_space + rw.offset, rw.count);
	else
		memset(data_out, 0, rw.count);
	if (S.verbose && rw.count <= 8) {
		uint64_t v = 0;

		memcpy(&v, data_out, rw.count);
		logv("  read region %u offset 0x%llx count %u: 0x%llx", rw.region,
		     (unsigned long long)rw.offset, rw.count, (unsigned long long)v);
	}
	memcpy(S.msg_out + sizeof(*h), &rw, sizeof(rw));
	return reply(h, sizeof(rw) + rw.count);
}

/* one message: 1 served, 0 the client went away, -1 a protocol or system error */
static int serve_one(void)
{
	struct vfu_hdr h;
	int fds[MAX_FDS], nfds = 0, i, r;
	size_t len;
	uint8_t *body = S.msg_in + sizeof(h);

	r = read_full(&h, sizeof(h), fds, &nfds);
	if (r <= 0)
		goto close_fds;
	r = -1;
	if (h.size < sizeof(h) || h.size > MAX_MSG) {
		fprintf(stderr, "gpusim-vfu: message %u (command %u) has bad size %u\n",
			h.id, h.command, h.size);
		goto close_fds;
	}
	len = h.size - sizeof(h);
	if (len && read_full(body, len, fds, &nfds) != 1) {
		fprintf(stderr, "gpusim-vfu: short message %u\n", h.id);
		goto close_fds;
	}
	S.msgs++;
	logv("msg %u command %u size %u flags 0x%x fds %d", h.id, h.command, h.size, h.flags,
	     nfds);
	if ((h.flags & VFU_TYPE_MASK) != VFU_TYPE_REQUEST) {
		fprintf(stderr, "gpusim-vfu: unexpected message type 0x%x\n", h.flags);
		r = 1;	/* we never send requests: ignore */
		goto close_fds;
	}

	switch (h.command) {
	case VFU_VERSION:
		r = do_version(&h, body, len);
		break;
	case VFU_DMA_MAP:
		r = do_dma_map(&h, body, len, fds, &nfds);
		break;
	case VFU_DMA_UNMAP:
		r = do_dma_unmap(&h, body, len);
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
	case VFU_DEVICE_SET_IRQS:
		r = do_set_irqs(&h, body, len, fds, &nfds);
		break;
	case VFU_REGION_READ:
	case VFU_REGION_WRITE:
		r = do_region_rw(&h, body, len);
		break;
	case VFU_DEVICE_RESET:
		if (device_reset())
			r = -1;
		else
			r = reply(&h, 0);
		break;
	default:
		logv("  unsupported command %u", h.command);
		r = reply_error(&h, ENOTSUP);
		break;
	}
	r = r < 0 ? -1 : 1;
close_fds:
	for (i = 0; i < nfds; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return r;
}

/* Serve until QEMU goes away, ticking the model at least every millisecond. */
static int serve(void)
{
	struct pollfd p = { .fd = S.fd_conn, .events = POLLIN };
	int r;

	for (;;) {
		gpusim_tick(S.sim, now_ns());
		r = poll(&p, 1, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			perror("gpusim-vfu: poll");
			return -1;
		}
		if (!r)
			continue;
		if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
			r = serve_one();
			if (r <= 0)
				return r;
		}
	}
}

static void usage(FILE *f, const char *argv0)
{
	fprintf(f,
		"usage: %s --chip CHIP --release RELEASE --fw-path DIR --socket PATH\n"
		"          [--fault NAME[=ARG][@ctrl=CTRL[,skip=N]]]... [--fb-mib N] [-v]\n"
		"Serves gpusim as a vfio-user PCI device for QEMU's vfio-user-pci.\n"
		"NAME[=ARG]@ctrl=CTRL[,skip=N]: the fault waits for GSP-RM to receive the RM control\n"
		"CTRL (e.g. gpu-get-vmmu-segment-size, or the release's number), serves N of them,\n"
		"then fires on the next (rpc-timeout, gsp-crash, device-gone[=N], bad-checksum,\n"
		"torn-element, seq-order, error-log).\n", argv0);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "chip", required_argument, NULL, 'c' },
		{ "release", required_argument, NULL, 'r' },
		{ "fw-path", required_argument, NULL, 'f' },
		{ "fault", required_argument, NULL, 'F' },
		{ "socket", required_argument, NULL, 's' },
		{ "fb-mib", required_argument, NULL, 'm' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *path = NULL;
	int ls, r, c;

	while ((c = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			S.cfg.chip = optarg;
			break;
		case 'r':
			S.cfg.release = optarg;
			break;
		case 'f':
			S.cfg.fw_path = optarg;
			break;
		case 'F':
			if (S.nfaults == MAX_FAULTS || parse_fault(optarg))
				return 2;
			break;
		case 's':
			path = optarg;
			break;
		case 'm':
			S.cfg.fb_mib = (u32)strtoul(optarg, NULL, 0);
			break;
		case 'v':
			S.verbose = 1;
			break;
		case 'h':
			usage(stdout, argv[0]);
			return 0;
		default:
			usage(stderr, argv[0]);
			return 2;
		}
	}
	if (optind != argc || !S.cfg.chip || !S.cfg.release || !S.cfg.fw_path || !path) {
		usage(stderr, argv[0]);
		return 2;
	}
	if (strlen(path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "gpusim-vfu: socket path too long: %s\n", path);
		return 2;
	}
	strcpy(sa.sun_path, path);
	for (c = 0; c < S.nfaults; c++)
		if (S.faults[c].ctrl_name && resolve_ctrl(S.faults[c].ctrl_name, &S.faults[c].ctrl))
			return 2;
	signal(SIGPIPE, SIG_IGN);

	nvgsp_os_user_set_realtime(true);
	S.cfg.dma = &dma_ops;
	if (device_create())
		return 2;
	S.msg_in = malloc(MAX_MSG);
	S.msg_out = malloc(MAX_MSG + 64);
	if (!S.msg_in || !S.msg_out) {
		fprintf(stderr, "gpusim-vfu: out of memory\n");
		return 1;
	}

	ls = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (ls < 0) {
		perror("gpusim-vfu: socket");
		return 1;
	}
	unlink(path);
	if (bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(ls, 1) < 0) {
		perror("gpusim-vfu: bind/listen");
		return 1;
	}
	printf("listening %s\n", path);
	fflush(stdout);

	do {
		S.fd_conn = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
	} while (S.fd_conn < 0 && errno == EINTR);
	if (S.fd_conn < 0) {
		perror("gpusim-vfu: accept");
		return 1;
	}
	close(ls);
	unlink(path);
	logv("client connected");

	r = serve();
	close(S.fd_conn);
	device_report("done");
	dma_unmap_range(0, UINT64_MAX);
	set_fd(&S.intx_fd, -1);
	set_fd(&S.msi_fd, -1);
	set_fd(&S.err_fd, -1);
	set_fd(&S.req_fd, -1);
	gpusim_destroy(S.sim);
	free(S.msg_in);
	free(S.msg_out);
	logv("client disconnected");
	return r < 0 ? 1 : 0;
}
