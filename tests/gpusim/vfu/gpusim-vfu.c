// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim-vfu: gpusim, the GPU device model (tests/gpusim/gpusim.h), served to QEMU's
 * vfio-user-pci over an AF_UNIX socket, so a guest kernel sees a simulated NVIDIA GPU on
 * its PCI bus and nvgsp.ko can boot the real GSP-RM firmware on it.
 *
 *   gpusim-vfu --chip CHIP --release RELEASE --fw-path DIR --socket PATH
 *              [--vfs N] [--device-id ID]
 *              [--fault NAME[=ARG][@ctrl=CTRL[,skip=N]]]... [--fb-mib N]
 *              [--no-pramin-mmap] [-v]
 *   gpusim-vfu --write-vgpu-catalogue RELEASE [--device-id ID] FILE
 *
 * --write-vgpu-catalogue RELEASE FILE: write a vGPU type catalogue file for RELEASE
 * (what nvgsp loads as nvidia/vgpu-<release>.bin; Documentation/vgpu-types.rst) to FILE
 * and exit, serving nothing: gpusim_vgpumeta_build() with gpusim_vgpumeta_cfg_for(), the
 * release's version pair and control layout, one blob per device id of gpusim's type
 * table (gpusim_vgpu_types[]), or only ID's with --device-id. It prints one line
 * "gpusim-vfu: wrote FILE: BYTES bytes, RELEASE, DEVICE (N types) ..." and exits 0; 2 for
 * a release without a version pair or layout, or a device without types; 1 when FILE
 * cannot be written.
 *
 * What the guest sees:
 *   - config space: vendor 0x10de, the chip's device id, class and subsystem ids
 *     (gpusim_get_pci()), revision = BOOT_0's revision byte; BAR0 32-bit 16 MiB
 *     registers; BAR1 (FB aperture) and BAR3 64-bit prefetchable, sized as the model
 *     says; a capability list with power management and MSI (64-bit, one vector);
 *     interrupt pin A.
 *   - BAR0: gpusim_rd32/wr32, one 32-bit register at a time (narrower accesses read
 *     the containing register; a narrower write is merged into it), except the PRAMIN
 *     window below.
 *   - BAR0's PRAMIN window, 0x700000..0x7fffff: memory. GET_REGION_INFO of the PF's BAR0
 *     says MMAP and CAPS, with a sparse-mmap capability listing that one area, and passes
 *     a memfd (SCM_RIGHTS) whose offsets are BAR0 offsets (region offset 0); QEMU maps
 *     the area into the guest (hw/vfio/region.c, vfio_region_mmap(): fd offset = region
 *     offset + area offset), so the driver's window accesses (a vGPU's FB scrub is
 *     millions) are plain memory accesses, not one message each, as on hardware where
 *     the window is plain MMIO onto VRAM. The model is attached to the same pages
 *     (gpusim_pramin_attach(); gpusim_vram.c, DOC: PRAMIN window memory): it reads and
 *     writes them for the VRAM the window shows, and a trapped write of the window
 *     register (NV_PBUS_BAR0_WINDOW 0x1700, NV_XAL_EP_BAR0_WINDOW 0x10fd40: registers,
 *     still trapped) writes the window back into VRAM and loads the new range before it
 *     is answered. A trapped access to the window (QEMU's fallback when it cannot map,
 *     or while it disables mmaps for INTx) reaches the same memory through the model.
 *     After the device-gone fault the memory is detached and filled with ones; a device
 *     reset attaches it, zeroed, to the new model. VFs get no mapping. --no-pramin-mmap
 *     (or GPUSIM_VFU_NO_PRAMIN_MMAP=1 in the environment, for a tier script that cannot
 *     pass options): no mapping offered, the window trapped like the rest of BAR0, as
 *     before (for comparison).
 *   - BAR1 and BAR3: VRAM through the GPU's page tables (gpusim_bar.c); what they do not map
 *     reads 0 and drops writes.
 *   - DMA: guest bus addresses through the regions QEMU maps with DMA_MAP (the shared
 *     memfd of `-object memory-backend-memfd,share=on`), mmap'ed here.
 *   - interrupts: they follow the model's interrupt tree (BAR0 0xB80000), whose output
 *     line rises when a pending leaf bit is enabled in an enabled subtree (the GSP's
 *     SWGEN0 sets its vector's bit). On each rising edge gpusim's irq callback writes
 *     the eventfd QEMU gave for MSI in SET_IRQS, or, while MSI is off, the INTx one
 *     (until QEMU masks it; on unmask INTx fires again while the line is still up).
 *
 * --device-id ID: the board (a PCI device id of the chip, e.g. 0x2235 for an A40 GA102);
 * the chip's default board otherwise.
 *
 * SR-IOV (--vfs N, N > 0; Documentation/gpusim-sriov.rst): the PF's config space becomes
 * 4096 bytes, its MSI capability points on to a PCIe capability (0x78, Endpoint) and the
 * extended capabilities are a vendor-specific head at 0x100 and the board's SR-IOV
 * capability at its real offset (gpusim_sriov_facts()) with TotalVFs = InitialVFs = N
 * (QEMU presents one VF per VF device, so the server says N; more than the board has, or
 * a board without SR-IOV, exits 2). Writes to its control, NumVFs and VF BAR registers
 * reach the model (gpusim_sriov_control()). VF i is served on PATH.vf<i> by this same
 * process and model: 4096-byte config (vendor 0x10de, the VF device id, Command 0, BARs
 * and ROM read 0, interrupt pin 0, PCIe capability with FLR, MSI-X with 6 vectors whose
 * table and PBA sit in BAR0 at 0x20000 and 0x28000); BAR0 is the VF's window of the model
 * (gpusim_vf_rd32/wr32: all ones while the VF does not exist), BAR1 and BAR3 read 0 and
 * drop writes; the VF's interrupt tree rising signals MSI-X vector 0; DEVICE_RESET and
 * Initiate FLR reset only that VF; DMA maps are per connection. The VF sockets listen
 * first and their "listening" lines come before the PF's. Each socket takes one client
 * at a time; a VF client may come and go in any order, and a VF that breaks the protocol
 * is disconnected without ending the server.
 *
 * The model runs in real time: the poll loop wakes at least every millisecond and calls
 * gpusim_tick() with CLOCK_MONOTONIC, so scrubs finish and GSP-RM answers while the
 * guest waits (nvgsp_os_user_set_realtime() makes the model's own clock reads agree).
 *
 * Protocol: QEMU's hw/vfio-user (protocol.h, proxy.c, device.c) where the written spec
 * differs; a message marked no-reply (QEMU posts BAR writes) is never answered. The
 * server prints "listening PATH" on stdout once QEMU may connect, serves one client and,
 * when QEMU disconnects from the PF, prints one line "gpusim-vfu: done: ..." with the
 * model's counters, "; pramin mmap|trapped: N moves, M fds sent" (window moves, memfds
 * handed to QEMU), "; gsp-rm unloaded|not unloaded|never booted, unloads N (last
 * bInPMTransition P newLevel L), bus master on|off" (what the guest's teardown left;
 * the same line, "gpusim-vfu: reset: ...", comes before each device reset) (with --vfs followed by "; vfs N: ..." with the VFs' together, then,
 * once GSP-RM booted, "; vgpu: T types, B bootloads, L plugins live, R refused"), and
 * "gpusim-vfu: model error: ..." when the model recorded one; exit 0 on a
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
 *
 * A fault of the server rather than the model: other-chip-at-reset=N makes the model
 * created at the N-th device reset that recreates it (the first is 1; a reset before the
 * guest touched the device keeps its model and is not counted) read BOOT_0 (BAR0 0x0) as
 * another chip's: the implementation field's bit 1 (bit 21) flipped, so a GA102 (chipset
 * 0x172) reads as a GA100 (0x170), everything else unchanged; the model after the next
 * recreation is the chip again. It stands for a secondary bus reset after which another
 * GPU answers in the slot (Documentation/pm.rst, "PCIe errors in the rig"). The line
 * "gpusim-vfu: model N after a reset reads BOOT_0 0x... (other-chip-at-reset=N)" says so
 * when it happens.
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
#include "gpusim_vgpumeta.h"
#include "abi/nvgsp_abi.h"
#include "vfu_cfg.h"

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

/*
 * GET_REGION_INFO's capability chain (struct vfio_info_cap_header, then struct
 * vfio_region_info_cap_sparse_mmap with one area); offsets count from the start of
 * struct vfu_region_info, next 0 ends the chain.
 */
struct vfu_sparse_mmap_cap {
	uint16_t id;
	uint16_t version;
	uint32_t next;
	uint32_t nr_areas;
	uint32_t reserved;
	uint64_t offset;
	uint64_t size;
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
#define VFIO_REGION_INFO_FLAG_MMAP (1u << 2)
#define VFIO_REGION_INFO_FLAG_CAPS (1u << 3)
#define VFIO_REGION_INFO_CAP_SPARSE_MMAP 1
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
#define VFIO_PCI_ROM_REGION_INDEX 6
#define VFIO_PCI_CONFIG_REGION_INDEX 7
#define VFIO_PCI_NUM_REGIONS 9
#define VFIO_PCI_INTX_IRQ_INDEX 0
#define VFIO_PCI_MSI_IRQ_INDEX 1
#define VFIO_PCI_MSIX_IRQ_INDEX 2
#define VFIO_PCI_ERR_IRQ_INDEX 3
#define VFIO_PCI_REQ_IRQ_INDEX 4
#define VFIO_PCI_NUM_IRQS 5

#define MAX_MSG (1u << 20)	/* max_data_xfer_size, plus a little for headers */
#define MAX_FDS 8
#define MAX_DMA 64		/* QEMU maps a handful of RAM sections */

/* --- state ------------------------------------------------------------------------- */

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

/**
 * struct conn - one function's vfio-user socket and what its client set up.
 * @vf: the VF index; -1 for the PF.
 * @listen_fd: the listening socket (-1 once closed).
 * @fd: the client's connection (-1: none).
 * @path: the socket's path.
 * @cfg: the function's config space.
 * @dma: DMA_MAP'ed regions of this client.
 * @ndma: how many.
 * @intx_fd: INTx eventfd (PF).
 * @msi_fd: MSI eventfd (PF).
 * @err_fd: error eventfd.
 * @req_fd: request eventfd.
 * @intx_masked: INTx is masked.
 * @msix_fd: MSI-X eventfds (VF).
 * @msix_table: the VF's MSI-X table as the client wrote it.
 * @irq_line: the VF's interrupt tree output as last seen.
 * @msgs: messages served.
 * @reads: BAR0 reads (registers).
 * @writes: BAR0 writes (registers).
 * @resets: DEVICE_RESETs.
 * @errors: requests answered with an error.
 */
struct conn {
	int vf;
	int listen_fd;
	int fd;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct vfu_cfg cfg;
	struct dma_region dma[MAX_DMA];
	int ndma;
	int intx_fd, msi_fd, err_fd, req_fd;
	int intx_masked;
	int msix_fd[VFU_VF_MSIX_VECTORS];
	uint8_t msix_table[VFU_VF_MSIX_VECTORS * 16];
	bool irq_line;
	unsigned long msgs, reads, writes, resets, errors;
};

static struct {
	struct gpusim_config cfg;
	struct gpusim *sim;
	struct gpusim_pci pci;
	struct gpusim_sriov_facts sriov;
	uint8_t revision;
	struct fault_arg faults[MAX_FAULTS];
	int nfaults;
	/* other-chip-at-reset=N (0: off); models created at resets; this one is that one */
	uint32_t other_chip_at;
	uint32_t recreated;
	bool other_chip;
	unsigned int nvfs;
	struct conn pf;
	struct conn *vfs;

	int verbose;
	unsigned long irqs_sent;
	uint8_t *msg_in, *msg_out;

	/* the PRAMIN window's memory (--no-pramin-mmap: none, -1 and NULL) */
	int pramin_fd;
	uint8_t *pramin;
	bool pramin_gone;
	unsigned long pramin_fds_sent;
} S;

/* The connection whose message is being served. */
static struct conn *C;

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

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* --- DMA: guest bus addresses through the DMA_MAP'ed regions ------------------------ */

static struct dma_region *dma_find(struct conn *c, uint64_t addr)
{
	int i;

	for (i = 0; i < c->ndma; i++)
		if (addr >= c->dma[i].iova && addr - c->dma[i].iova < c->dma[i].size)
			return &c->dma[i];
	return NULL;
}

/*
 * The model's view of [addr, addr + len): one pointer, so the range must lie in one
 * region, or in regions QEMU mapped from adjacent parts of one mapping (never the case
 * with separate mmaps; a buffer across a section boundary is a DMA fault).
 */
static void *dma_map(void *ctx, u64 addr, size_t len)
{
	struct dma_region *r = dma_find(&S.pf, addr);	/* the model is the PF */

	(void)ctx;
	if (!r || !r->base || len > r->size - (addr - r->iova)) {
		logv("DMA fault: 0x%llx + %zu not in a mapped region",
		     addr, len);
		return NULL;
	}
	return r->base + (addr - r->iova);
}

static const struct gpusim_dma_ops dma_ops = { .map = dma_map };

static void dma_unmap_range(struct conn *c, uint64_t iova, uint64_t size)
{
	int i = 0;

	while (i < c->ndma) {
		struct dma_region *r = &c->dma[i];

		if (r->iova >= iova && r->iova - iova < size) {
			if (r->base)
				munmap(r->base, r->size);
			c->dma[i] = c->dma[--c->ndma];
			continue;
		}
		i++;
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
	struct conn *pf = &S.pf;

	(void)ctx;
	if (pf->msi_fd >= 0) {
		signal_fd(pf->msi_fd);
	} else if (pf->intx_fd >= 0 && !pf->intx_masked &&
		   !(pf->cfg.space[0x05] & 0x04)) {
		signal_fd(pf->intx_fd);
		pf->intx_masked = 1;	/* automasked until QEMU unmasks */
	}
}

/* The server's own fault (not gpusim's): another chip's BOOT_0 after the N-th reset. */
#define OTHER_CHIP_FAULT "other-chip-at-reset"
/* NV_PMC_BOOT_0, and the bit other-chip-at-reset flips: implementation (23:20) bit 1 */
#define VFU_PMC_BOOT_0 0x0
#define VFU_BOOT_0_OTHER_CHIP (1u << 21)

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
	if (n == strlen(OTHER_CHIP_FAULT) && !strncmp(spec, OTHER_CHIP_FAULT, n)) {
		if (!eq || !arg || ctrl) {
			fprintf(stderr, "gpusim-vfu: --fault %s: wants =N, the device reset (1 or later) whose new model reads another chip's BOOT_0, and no @ctrl\n",
				spec);
			free((void *)ctrl);
			return -1;
		}
		S.other_chip_at = arg;
		return 0;
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
	fprintf(stderr, " %s\n", OTHER_CHIP_FAULT);
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
	if (S.pramin) {
		/* the same memory QEMU keeps mapped, now showing the new model's VRAM */
		gpusim_pramin_attach(S.sim, S.pramin);
		S.pramin_gone = false;
	}
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
	if (S.nvfs && gpusim_sriov_facts(S.sim, &S.sriov)) {
		fprintf(stderr, "gpusim-vfu: the model lost its SR-IOV capability\n");
		return -EINVAL;
	}
	vfu_cfg_pf(&S.pf.cfg, &S.pci, S.revision, S.nvfs ? &S.sriov : NULL);
	return 0;
}

/*
 * The guest driver's writes to registers gpusim does not model
 * (gpusim_unmodeled_writes()) and the RM calls the RM model did not serve
 * (gpusim_unserved_rm()), one line each, at exit.
 */
static void unmodeled_report(void)
{
	static struct gpusim_unmodeled regs[4096];
	struct gpusim_unserved rm[64];
	u64 dropped;
	u32 n, i;

	n = gpusim_unmodeled_writes(S.sim, regs, ARRAY_SIZE(regs), &dropped);
	printf("gpusim-vfu: unmodeled writes: %u registers, %llu more writes past the record\n", n,
	       (unsigned long long)dropped);
	for (i = 0; i < n && i < ARRAY_SIZE(regs); i++)
		printf("gpusim-vfu: unmodeled write 0x%06x last 0x%08x count %u\n", regs[i].offset,
		       regs[i].last, regs[i].count);
	n = gpusim_unserved_rm(S.sim, rm, ARRAY_SIZE(rm));
	printf("gpusim-vfu: unserved RM calls: %u\n", n);
	for (i = 0; i < n && i < ARRAY_SIZE(rm); i++)
		printf("gpusim-vfu: unserved %s 0x%08x count %u\n",
		       rm[i].alloc ? "class" : "control", rm[i].number, rm[i].count);
}

static void device_report(const char *when)
{
	unsigned long vmsgs = 0, vreads = 0, vwrites = 0, vresets = 0, verrors = 0;
	struct gpusim_stats st;
	unsigned int i, ubar;
	const char *err;
	u64 uoff;

	if (!S.sim)
		return;
	gpusim_get_stats(S.sim, &st);
	printf("gpusim-vfu: %s: %s %s: %lu messages, %lu BAR0 reads, %lu BAR0 writes, "
	       "%lu interrupts sent; model: fwsec %u, booter %u, fsp_cot %u, gsp_booted %u, "
	       "init_done %u, rpcs %u, events %u, seq_ops %u, objects %u, unloaded %d, wpr2_set %d, irqs %u",
	       when, S.cfg.chip, S.cfg.release, S.pf.msgs, S.pf.reads, S.pf.writes, S.irqs_sent,
	       st.fwsec_runs, st.booter_runs, st.fsp_cot, st.gsp_booted, st.init_done, st.rpcs, st.events,
	       st.seq_ops, st.objects, st.unloaded, st.wpr2_set, st.irqs);
	printf("; pramin %s: %u moves, %lu fds sent", S.pramin ? "mmap" : "trapped",
	       st.pramin_moves, S.pramin_fds_sent);
	printf("; bar1/bar3 unmapped %llu", (unsigned long long)gpusim_bar_unmapped(S.sim));
	if (gpusim_bar_unmapped_first(S.sim, &ubar, &uoff))
		printf(" (first: bar%u 0x%llx)", ubar, (unsigned long long)uoff);
	/*
	 * What a teardown left (Documentation/pm.rst): GSP-RM unloaded or not
	 * (UNLOADING_GUEST_DRIVER served since the last boot), how many
	 * unloads over every boot with the last one's arguments, and the PF's
	 * Bus Master Enable (Command bit 2) as the guest left it.
	 */
	printf("; gsp-rm %s, unloads %u (last bInPMTransition %d newLevel %u), bus master %s",
	       !st.gsp_booted ? "never booted" : st.unloaded ? "unloaded" : "not unloaded",
	       st.unloads, st.unload_pm, st.unload_level,
	       vfu_cfg_rd16(&S.pf.cfg, 0x04) & 0x4 ? "on" : "off");
	if (S.nvfs) {
		for (i = 0; i < S.nvfs; i++) {
			vmsgs += S.vfs[i].msgs;
			vreads += S.vfs[i].reads;
			vwrites += S.vfs[i].writes;
			vresets += S.vfs[i].resets;
			verrors += S.vfs[i].errors;
		}
		printf("; vfs %u: %lu messages, %lu BAR0 reads, %lu BAR0 writes, %lu resets, %lu errors",
		       S.nvfs, vmsgs, vreads, vwrites, vresets, verrors);
	}
	if (st.gsp_booted) {
		struct gpusim_vgpu_stats vs;

		gpusim_vgpu_get_stats(S.sim, &vs);
		printf("; vgpu: %u types, %u bootloads, %u plugins live, %u refused",
		       gpusim_vgpu_types_added(S.sim), vs.bootloads, gpusim_vgpu_live(S.sim),
		       vs.refused);
	}
	putchar('\n');
	if (!strcmp(when, "done"))
		unmodeled_report();
	err = gpusim_error(S.sim);
	if (err[0])
		printf("gpusim-vfu: model error: %s\n", err);
	fflush(stdout);
}

/* The PF's SR-IOV capability as programmed, to the model. */
static void sriov_sync(void)
{
	u64 bar[GPUSIM_VF_BARS];
	uint16_t num_vfs;
	bool vfe;

	if (!S.nvfs)
		return;
	vfu_cfg_sriov_state(&S.pf.cfg, &S.sriov, &vfe, &num_vfs, bar);
	gpusim_sriov_control(S.sim, vfe, num_vfs, bar);
}

static void msix_reset(struct conn *c)
{
	unsigned int v;

	memset(c->msix_table, 0, sizeof(c->msix_table));
	for (v = 0; v < VFU_VF_MSIX_VECTORS; v++)
		c->msix_table[16 * v + 12] = 1;	/* vector control: masked */
	c->irq_line = false;
}

static uint32_t reg_rd(uint32_t off);

static int device_reset(void)
{
	C->resets++;
	if (C->vf >= 0) {
		/* a VF: only its own state (its GFID's registers, config, MSI-X) */
		gpusim_vf_reset(S.sim, (u16)C->vf);
		vfu_cfg_vf(&C->cfg, &S.pci, S.revision, &S.sriov);
		msix_reset(C);
		return 0;
	}
	/* A reset before the guest did anything (QEMU resets at machine start) keeps the
	 * model; after, a new one in its power-on state. */
	if (C->reads || C->writes) {
		int ret;

		device_report("reset");
		gpusim_destroy(S.sim);
		S.sim = NULL;
		C->reads = C->writes = 0;
		ret = device_create();
		S.recreated++;
		S.other_chip = !ret && S.other_chip_at == S.recreated;
		if (S.other_chip) {
			printf("gpusim-vfu: model %u after a reset reads BOOT_0 0x%08x (%s=%u)\n",
			       S.recreated, reg_rd(VFU_PMC_BOOT_0), OTHER_CHIP_FAULT, S.other_chip_at);
			fflush(stdout);
		}
		return ret;
	}
	vfu_cfg_pf(&C->cfg, &S.pci, S.revision, S.nvfs ? &S.sriov : NULL);
	sriov_sync();
	return 0;
}

static uint32_t reg_rd(uint32_t off)
{
	uint32_t v;

	if (C->vf >= 0)
		return gpusim_vf_rd32(S.sim, (u16)C->vf, off);
	v = gpusim_rd32(S.sim, off);
	/* other-chip-at-reset: another chip answers (not once the device is gone) */
	if (off == VFU_PMC_BOOT_0 && S.other_chip && v != 0xffffffff)
		v ^= VFU_BOOT_0_OTHER_CHIP;
	return v;
}

static void reg_wr(uint32_t off, uint32_t v)
{
	if (C->vf < 0)
		gpusim_wr32(S.sim, off, v);
	else
		gpusim_vf_wr32(S.sim, (u16)C->vf, off, v);
}

/* A VF's MSI-X table: the offset's byte there, or NULL when elsewhere. */
static uint8_t *msix_byte(uint64_t o)
{
	if (C->vf < 0)
		return NULL;
	if (o >= VFU_VF_MSIX_TABLE && o - VFU_VF_MSIX_TABLE < sizeof(C->msix_table))
		return &C->msix_table[o - VFU_VF_MSIX_TABLE];
	return NULL;
}

static bool in_pba(uint64_t o)
{
	return C->vf >= 0 && o >= VFU_VF_MSIX_PBA && o - VFU_VF_MSIX_PBA < 8;
}

static bool vf_exists(void)
{
	struct gpusim_vf_stats st;

	gpusim_vf_get_stats(S.sim, (u16)C->vf, &st);
	return st.exists;
}

/* BAR0 through the model (the PF's registers or the VF's window), in 32-bit
 * registers; a VF's MSI-X table and PBA are the server's. */
static void bar0_read(uint64_t off, uint8_t *data, uint32_t count)
{
	bool absent = C->vf >= 0 && !vf_exists();
	uint32_t done = 0;

	while (done < count) {
		uint64_t o = off + done;
		uint32_t reg, at = o & 3, n = 4 - at;
		uint8_t *t = msix_byte(o & ~3ull);

		if (absent)
			reg = 0xffffffffu;
		else if (t)
			memcpy(&reg, t, 4);
		else if (in_pba(o & ~3ull))
			reg = 0;	/* nothing is ever left pending: sent at once */
		else
			reg = reg_rd((uint32_t)(o & ~3ull));
		if (n > count - done)
			n = count - done;
		memcpy(data + done, (uint8_t *)&reg + at, n);
		done += n;
		C->reads++;
	}
}

/* A VF's interrupt tree output rose: its MSI-X vector 0. */
static void vf_irq_check(void)
{
	bool level = gpusim_vf_irq_pending(S.sim, (u16)C->vf);

	if (level && !C->irq_line && C->msix_fd[0] >= 0)
		signal_fd(C->msix_fd[0]);
	C->irq_line = level;
}

static void bar0_write(uint64_t off, const uint8_t *data, uint32_t count)
{
	uint32_t done = 0;

	if (C->vf >= 0 && !vf_exists())
		return;
	while (done < count) {
		uint64_t o = off + done;
		uint32_t at = o & 3, n = 4 - at, reg;
		uint8_t *t = msix_byte(o & ~3ull);

		if (n > count - done)
			n = count - done;
		if (t) {
			memcpy(t + at, data + done, n);
		} else if (!in_pba(o & ~3ull)) {
			if (n == 4) {
				memcpy(&reg, data + done, 4);
			} else {
				reg = reg_rd((uint32_t)(o & ~3ull));
				memcpy((uint8_t *)&reg + at, data + done, n);
			}
			reg_wr((uint32_t)(o & ~3ull), reg);
		}
		done += n;
		C->writes++;
	}
	if (C->vf >= 0)
		vf_irq_check();
}

/* A config write: the PF's SR-IOV capability reaches the model; a VF's
 * Initiate FLR resets it. */
static void cfg_write(uint64_t off, const uint8_t *data, uint32_t count)
{
	uint32_t cap = S.sriov.cap_offset, devctl = VFU_CAP_EXP + 0x08;

	vfu_cfg_write(&C->cfg, (uint32_t)off, data, count);
	if (C->vf < 0) {
		if (S.nvfs && off < cap + VFU_SRIOV_END && off + count > cap + VFU_SRIOV_CTRL)
			sriov_sync();
		return;
	}
	if (vfu_cfg_rd16(&C->cfg, devctl) & 0x8000) {
		logv("  VF %d: function-level reset", C->vf);
		C->cfg.space[devctl + 1] &= 0x7f;
		gpusim_vf_reset(S.sim, (u16)C->vf);
		vfu_cfg_vf(&C->cfg, &S.pci, S.revision, &S.sriov);
		msix_reset(C);
	}
}

static uint64_t region_size(uint32_t index)
{
	int vf = C->vf;

	switch (index) {
	case VFIO_PCI_BAR0_REGION_INDEX:
		return vf < 0 ? GPUSIM_BAR0_SIZE : S.sriov.vf_bar_size[0];
	case VFIO_PCI_BAR1_REGION_INDEX:
		return vf < 0 ? S.pci.bar1_size : S.sriov.vf_bar_size[1];
	case VFIO_PCI_BAR3_REGION_INDEX:
		return vf < 0 ? S.pci.bar3_size : S.sriov.vf_bar_size[2];
	case VFIO_PCI_CONFIG_REGION_INDEX:
		return C->cfg.size;
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
		r = recvmsg(C->fd, &m, MSG_CMSG_CLOEXEC);
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
		ssize_t r = send(C->fd, (const char *)buf + done, n - done, MSG_NOSIGNAL);

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

/* As reply(), the descriptor @fd passed along (SCM_RIGHTS with the first byte). */
static int reply_fd(const struct vfu_hdr *req, size_t len, int fd)
{
	struct vfu_hdr h = {
		.id = req->id,
		.command = req->command,
		.size = (uint32_t)(sizeof(h) + len),
		.flags = VFU_TYPE_REPLY,
	};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} c;
	struct iovec iov;
	struct msghdr m = { 0 };
	struct cmsghdr *cm;
	ssize_t r;

	if (req->flags & VFU_NO_REPLY)
		return 0;
	memcpy(S.msg_out, &h, sizeof(h));
	iov.iov_base = S.msg_out;
	iov.iov_len = h.size;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = c.buf;
	m.msg_controllen = sizeof(c.buf);
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	do
		r = sendmsg(C->fd, &m, MSG_NOSIGNAL);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		perror("gpusim-vfu: sendmsg");
		return -1;
	}
	S.pramin_fds_sent++;
	/* the rest, if the socket took only part (the descriptor went with the first) */
	return (size_t)r < h.size ? write_full(S.msg_out + r, h.size - r) : 0;
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
	C->errors++;
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
	if (C->ndma == MAX_DMA || !m.size || m.address + m.size < m.address)
		return reply_error(h, C->ndma == MAX_DMA ? ENOSPC : EINVAL);
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
	dma_unmap_range(C, m.address, m.size);	/* a remap replaces what was there */
	r = &C->dma[C->ndma++];
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
	dma_unmap_range(C, u.address, u.size);
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

/*
 * GET_REGION_INFO. The PF's BAR0 with the memory-backed PRAMIN window: flags MMAP and
 * CAPS, a sparse-mmap capability with the one area [0x700000, +1 MiB) and the memfd
 * (SCM_RIGHTS); QEMU maps it at the region's offset (0: fd offsets are BAR0 offsets)
 * plus the area's, so only the window is mapped and everything else stays trapped.
 * The chain makes the reply 64 bytes: to a client that asked with a smaller argsz
 * (QEMU asks with 32 first, and refuses a reply larger than it asked for) the 32-byte
 * info says argsz 64 and carries no descriptor; QEMU asks again with 64
 * (hw/vfio/device.c, vfio_device_get_region_info()).
 */
static int do_region_info(const struct vfu_hdr *h, const uint8_t *body, size_t len)
{
	struct vfu_sparse_mmap_cap cap = {
		.id = VFIO_REGION_INFO_CAP_SPARSE_MMAP,
		.version = 1,
		.nr_areas = 1,
		.offset = GPUSIM_PRAMIN_BASE,
		.size = GPUSIM_PRAMIN_SIZE,
	};
	struct vfu_region_info r;
	uint32_t asked;

	if (len < sizeof(r))
		return reply_error(h, EINVAL);
	memcpy(&r, body, sizeof(r));
	if (r.index >= VFIO_PCI_NUM_REGIONS)
		return reply_error(h, EINVAL);
	asked = r.argsz;
	r.argsz = sizeof(r);
	r.cap_offset = 0;
	r.offset = (uint64_t)r.index << 40;
	r.size = region_size(r.index);
	r.flags = r.size ? VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE : 0;
	logv("  region %u: size 0x%llx", r.index, (unsigned long long)r.size);
	if (C->vf >= 0 || r.index != VFIO_PCI_BAR0_REGION_INDEX || !S.pramin) {
		memcpy(S.msg_out + sizeof(*h), &r, sizeof(r));
		return reply(h, sizeof(r));
	}
	r.flags |= VFIO_REGION_INFO_FLAG_MMAP | VFIO_REGION_INFO_FLAG_CAPS;
	r.cap_offset = sizeof(r);
	r.argsz = sizeof(r) + sizeof(cap);
	memcpy(S.msg_out + sizeof(*h), &r, sizeof(r));
	if (asked < r.argsz) {
		logv("  region 0: argsz %u, needs %u", asked, r.argsz);
		return reply(h, sizeof(r));
	}
	memcpy(S.msg_out + sizeof(*h) + sizeof(r), &cap, sizeof(cap));
	logv("  region 0: PRAMIN window 0x%x+0x%x mmap-able, fd sent", GPUSIM_PRAMIN_BASE,
	     GPUSIM_PRAMIN_SIZE);
	return reply_fd(h, sizeof(r) + sizeof(cap), S.pramin_fd);
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
	if (C->vf >= 0) {
		/* a VF: MSI-X only (no INTx, no MSI), plus the error and request ones */
		if (q.index == VFIO_PCI_MSIX_IRQ_INDEX)
			q.count = VFU_VF_MSIX_VECTORS;
		else if (q.index == VFIO_PCI_ERR_IRQ_INDEX || q.index == VFIO_PCI_REQ_IRQ_INDEX)
			q.count = 1;
		memcpy(S.msg_out + sizeof(*h), &q, sizeof(q));
		return reply(h, sizeof(q));
	}
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

/*
 * A VF's MSI-X vectors [start, start + count): with DATA_EVENTFD one
 * descriptor per vector (none: tear them down), DATA_NONE with count 0
 * disables all, with count > 0 a loopback trigger.
 */
static int do_set_msix(const struct vfu_hdr *h, const struct vfu_irq_set *s, int *fds,
		       int *nfds)
{
	uint32_t i;

	logv("  SET_IRQS MSI-X start %u count %u flags 0x%x fds %d", s->start, s->count,
	     s->flags, *nfds);
	if (s->start > VFU_VF_MSIX_VECTORS || s->count > VFU_VF_MSIX_VECTORS - s->start ||
	    !(s->flags & VFIO_IRQ_SET_ACTION_TRIGGER))
		return reply_error(h, EINVAL);
	if (s->flags & VFIO_IRQ_SET_DATA_EVENTFD) {
		if (*nfds && (uint32_t)*nfds != s->count)
			return reply_error(h, EINVAL);
		for (i = 0; i < s->count; i++) {
			int fd = -1;

			if (*nfds) {
				fd = fds[i];
				fds[i] = -1;
			}
			set_fd(&C->msix_fd[s->start + i], fd);
		}
	} else if (s->flags & VFIO_IRQ_SET_DATA_NONE) {
		if (!s->count)
			for (i = 0; i < VFU_VF_MSIX_VECTORS; i++)
				set_fd(&C->msix_fd[i], -1);
		for (i = 0; i < s->count; i++)
			signal_fd(C->msix_fd[s->start + i]);
	} else {
		return reply_error(h, EINVAL);
	}
	return reply(h, 0);
}

static int do_set_irqs(const struct vfu_hdr *h, const uint8_t *body, size_t len,
		       int *fds, int *nfds)
{
	struct vfu_irq_set s;
	int *slot = NULL, fd = -1;

	if (len < sizeof(s))
		return reply_error(h, EINVAL);
	memcpy(&s, body, sizeof(s));
	if (C->vf >= 0 && s.index == VFIO_PCI_MSIX_IRQ_INDEX)
		return do_set_msix(h, &s, fds, nfds);
	if (s.index >= VFIO_PCI_NUM_IRQS || s.start > 1 || s.count > 1 - s.start)
		return reply_error(h, EINVAL);
	switch (s.index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
		slot = C->vf < 0 ? &C->intx_fd : NULL;
		break;
	case VFIO_PCI_MSI_IRQ_INDEX:
		slot = C->vf < 0 ? &C->msi_fd : NULL;
		break;
	case VFIO_PCI_ERR_IRQ_INDEX:
		slot = &C->err_fd;
		break;
	case VFIO_PCI_REQ_IRQ_INDEX:
		slot = &C->req_fd;
		break;
	}
	if (!slot)
		return reply_error(h, EINVAL);
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
			if (slot == &C->intx_fd)
				C->intx_masked = 0;
		} else if (s.flags & VFIO_IRQ_SET_DATA_NONE) {
			if (!s.count)
				set_fd(slot, -1);	/* disable */
			else
				signal_fd(*slot);	/* loopback trigger */
		}
	} else if (slot == &C->intx_fd && (s.flags & VFIO_IRQ_SET_ACTION_MASK)) {
		C->intx_masked = 1;
	} else if (slot == &C->intx_fd && (s.flags & VFIO_IRQ_SET_ACTION_UNMASK)) {
		C->intx_masked = 0;
		/* level triggered: still asserted, so it fires again */
		if (C->msi_fd < 0 && gpusim_irq_pending(S.sim))
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
		else if (C == &S.pf && (rw.region == VFIO_PCI_BAR1_REGION_INDEX ||
					rw.region == VFIO_PCI_BAR3_REGION_INDEX))
			gpusim_bar_access(S.sim, rw.region, rw.offset, (void *)data_in, rw.count,
					  true);
		/* a VF's BAR1 and BAR3: dropped */
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
		memcpy(data_out, C->cfg.space + rw.offset, rw.count);
	else if (C == &S.pf && (rw.region == VFIO_PCI_BAR1_REGION_INDEX ||
				rw.region == VFIO_PCI_BAR3_REGION_INDEX))
		gpusim_bar_access(S.sim, rw.region, rw.offset, data_out, rw.count, false);
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
	C->msgs++;
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

static void conn_init(struct conn *c, int vf)
{
	unsigned int i;

	memset(c, 0, sizeof(*c));
	c->vf = vf;
	c->listen_fd = c->fd = -1;
	c->intx_fd = c->msi_fd = c->err_fd = c->req_fd = -1;
	for (i = 0; i < VFU_VF_MSIX_VECTORS; i++)
		c->msix_fd[i] = -1;
	msix_reset(c);
}

/* The client went away (or broke the protocol): forget what it set up. */
static void conn_close(struct conn *c)
{
	unsigned int i;

	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	dma_unmap_range(c, 0, UINT64_MAX);
	set_fd(&c->intx_fd, -1);
	set_fd(&c->msi_fd, -1);
	set_fd(&c->err_fd, -1);
	set_fd(&c->req_fd, -1);
	for (i = 0; i < VFU_VF_MSIX_VECTORS; i++)
		set_fd(&c->msix_fd[i], -1);
}

static int conn_listen(struct conn *c)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	strcpy(sa.sun_path, c->path);
	c->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (c->listen_fd < 0) {
		perror("gpusim-vfu: socket");
		return -1;
	}
	unlink(c->path);
	if (bind(c->listen_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(c->listen_fd, 1) < 0) {
		fprintf(stderr, "gpusim-vfu: bind/listen %s: %s\n", c->path, strerror(errno));
		return -1;
	}
	printf("listening %s\n", c->path);
	fflush(stdout);
	return 0;
}

static void conn_accept(struct conn *c)
{
	int fd = accept4(c->listen_fd, NULL, NULL, SOCK_CLOEXEC);

	if (fd < 0) {
		if (errno != EINTR && errno != EAGAIN && errno != ECONNABORTED)
			perror("gpusim-vfu: accept");
		return;
	}
	c->fd = fd;
	if (c->vf < 0) {
		/* the PF serves one client: the process ends with it */
		close(c->listen_fd);
		c->listen_fd = -1;
		unlink(c->path);
	}
	logv("client connected to %s", c->path);
}

/*
 * The device-gone fault fired: the guest's window reads must return all ones like
 * every other BAR0 read, so the memory is detached (written back: the model keeps its
 * VRAM) and filled with ones. A later reset's new model attaches it again.
 */
static void pramin_gone_check(void)
{
	if (!S.pramin || S.pramin_gone || !S.sim || !gpusim_gone(S.sim))
		return;
	gpusim_pramin_attach(S.sim, NULL);
	memset(S.pramin, 0xff, GPUSIM_PRAMIN_SIZE);
	S.pramin_gone = true;
	logv("device gone: PRAMIN window memory reads all ones");
}

/* The memfd behind the PRAMIN window, mapped here (QEMU maps the same pages). */
static int pramin_setup(void)
{
	void *p;

	S.pramin_fd = memfd_create("gpusim-pramin", MFD_CLOEXEC);
	/* sized so that fd offsets are BAR0 offsets; only the window's 1 MiB is touched */
	if (S.pramin_fd < 0 || ftruncate(S.pramin_fd, GPUSIM_PRAMIN_BASE + GPUSIM_PRAMIN_SIZE)) {
		perror("gpusim-vfu: PRAMIN memfd");
		return -1;
	}
	p = mmap(NULL, GPUSIM_PRAMIN_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, S.pramin_fd,
		 GPUSIM_PRAMIN_BASE);
	if (p == MAP_FAILED) {
		perror("gpusim-vfu: PRAMIN mmap");
		return -1;
	}
	S.pramin = p;
	return 0;
}

/*
 * Serve every function until the PF's client goes away, ticking the model at least
 * every millisecond. A socket with a client is not accepted on again (one client per
 * socket); a VF's client may come and go, and its protocol errors close only it.
 */
static int serve(void)
{
	unsigned int n = 1 + S.nvfs, i;
	int k;
	struct pollfd *p = calloc(n, sizeof(*p));
	struct conn **who = calloc(n, sizeof(*who));
	int r = -1;

	if (!p || !who) {
		fprintf(stderr, "gpusim-vfu: out of memory\n");
		goto out;
	}
	for (;;) {
		gpusim_tick(S.sim, now_ns());
		for (i = 0; i < n; i++) {
			struct conn *c = i ? &S.vfs[i - 1] : &S.pf;

			who[i] = c;
			p[i].fd = c->fd >= 0 ? c->fd : c->listen_fd;
			p[i].events = POLLIN;
			p[i].revents = 0;
		}
		k = poll(p, n, 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			perror("gpusim-vfu: poll");
			goto out;
		}
		for (i = 0; i < n; i++) {
			struct conn *c = who[i];

			if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (c->fd < 0) {
				conn_accept(c);
				continue;
			}
			C = c;
			r = serve_one();
			pramin_gone_check();
			if (r > 0)
				continue;
			if (c->vf < 0)
				goto out;	/* the PF's client left (0) or broke the protocol */
			logv("VF %d: client %s", c->vf, r ? "closed after a protocol error" : "left");
			conn_close(c);
		}
	}
out:
	free(p);
	free(who);
	return r;
}

/*
 * --write-vgpu-catalogue RELEASE FILE: the catalogue gpusim_vgpumeta_build() writes for
 * RELEASE, with every device of gpusim's type table (@dev 0) or only @dev.
 */
static int write_vgpu_catalogue(const char *release, u16 dev, const char *file)
{
	struct gpusim_vgpumeta_cfg cfg;
	unsigned int i, j, n;
	size_t len = 0;
	u8 *buf = NULL;
	FILE *f;
	int r;

	r = gpusim_vgpumeta_cfg_for(release, dev, &cfg);
	if (!r)
		r = gpusim_vgpumeta_build(&cfg, &buf, &len);
	if (r) {
		fprintf(stderr, "gpusim-vfu: --write-vgpu-catalogue %s: %s\n", release,
			r == -ENOENT ? "no vGPU version pair or control layout for that release" :
			r == -EINVAL ? "no vGPU type for that device id" : strerror(-r));
		free(buf);
		return 2;
	}
	f = fopen(file, "wb");
	r = f && fwrite(buf, 1, len, f) == len ? 0 : -1;
	if (f && fclose(f))
		r = -1;
	free(buf);
	if (r) {
		fprintf(stderr, "gpusim-vfu: %s: %s\n", file, strerror(errno));
		return 1;
	}
	printf("gpusim-vfu: wrote %s: %zu bytes, %s,", file, len, cfg.build);
	for (i = 0; i < cfg.nr_devices; i++) {
		for (j = n = 0; j < gpusim_vgpu_nr_types; j++)
			n += gpusim_vgpu_types[j].device_id == cfg.devices[i];
		printf(" 0x%04x (%u types)", cfg.devices[i], n);
	}
	printf("\n");
	return 0;
}

static void usage(FILE *f, const char *argv0)
{
	fprintf(f,
		"usage: %s --chip CHIP --release RELEASE --fw-path DIR --socket PATH\n"
		"          [--vfs N] [--device-id ID] [--fault NAME[=ARG][@ctrl=CTRL[,skip=N]]]...\n"
		"          [--fb-mib N] [--no-pramin-mmap] [-v]\n"
		"       %s --write-vgpu-catalogue RELEASE [--device-id ID] FILE\n"
		"Serves gpusim as a vfio-user PCI device for QEMU's vfio-user-pci.\n"
		"--vfs N: an SR-IOV PF with N VFs, each on PATH.vf<i> (i = 0..N-1).\n"
		"--no-pramin-mmap: BAR0's PRAMIN window trapped like the rest of BAR0 (default:\n"
		"memory QEMU maps into the guest, the model kept coherent).\n"
		"NAME[=ARG]@ctrl=CTRL[,skip=N]: the fault waits for GSP-RM to receive the RM control\n"
		"CTRL (e.g. gpu-get-vmmu-segment-size, or the release's number), serves N of them,\n"
		"then fires on the next (rpc-timeout, gsp-crash, device-gone[=N], bad-checksum,\n"
		"torn-element, seq-order, error-log).\n"
		"--fault other-chip-at-reset=N: the model made at the N-th device reset reads\n"
		"another chip's BOOT_0 (GA102 as GA100).\n"
		"--write-vgpu-catalogue RELEASE FILE: write the vGPU type catalogue for RELEASE\n"
		"(nvidia/vgpu-<release>.bin: every device of gpusim's type table, or ID's) and exit.\n",
		argv0, argv0);
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
		{ "vfs", required_argument, NULL, 'V' },
		{ "device-id", required_argument, NULL, 'd' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "write-vgpu-catalogue", required_argument, NULL, 'W' },
		{ "no-pramin-mmap", no_argument, NULL, 'P' },
		{ 0 },
	};
	const char *path = NULL, *catalogue = NULL;
	/* GPUSIM_VFU_NO_PRAMIN_MMAP=1: --no-pramin-mmap for a tier that cannot pass it */
	const char *no_mmap_env = getenv("GPUSIM_VFU_NO_PRAMIN_MMAP");
	bool pramin_mmap = !(no_mmap_env && atoi(no_mmap_env));
	unsigned int i;
	uint32_t num;
	int r, c;

	conn_init(&S.pf, -1);
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
		case 'V':
			if (!parse_u32(optarg, strlen(optarg), &num) || num > 0xffff) {
				fprintf(stderr, "gpusim-vfu: --vfs %s: not a number of VFs\n", optarg);
				return 2;
			}
			S.nvfs = num;
			break;
		case 'd':
			if (!parse_u32(optarg, strlen(optarg), &num) || !num || num > 0xffff) {
				fprintf(stderr, "gpusim-vfu: --device-id %s: not a PCI device id\n",
					optarg);
				return 2;
			}
			S.cfg.device_id = (u16)num;
			break;
		case 'v':
			S.verbose = 1;
			break;
		case 'W':
			catalogue = optarg;
			break;
		case 'P':
			pramin_mmap = false;
			break;
		case 'h':
			usage(stdout, argv[0]);
			return 0;
		default:
			usage(stderr, argv[0]);
			return 2;
		}
	}
	if (catalogue) {
		if (optind != argc - 1) {
			usage(stderr, argv[0]);
			return 2;
		}
		return write_vgpu_catalogue(catalogue, S.cfg.device_id, argv[optind]);
	}
	if (optind != argc || !S.cfg.chip || !S.cfg.release || !S.cfg.fw_path || !path) {
		usage(stderr, argv[0]);
		return 2;
	}
	/* room for "PATH.vfNN" */
	if (strlen(path) + (S.nvfs ? 5 : 0) >= sizeof(S.pf.path)) {
		fprintf(stderr, "gpusim-vfu: socket path too long: %s\n", path);
		return 2;
	}
	strcpy(S.pf.path, path);
	for (c = 0; c < S.nfaults; c++)
		if (S.faults[c].ctrl_name && resolve_ctrl(S.faults[c].ctrl_name, &S.faults[c].ctrl))
			return 2;
	signal(SIGPIPE, SIG_IGN);

	nvgsp_os_user_set_realtime(true);
	S.cfg.dma = &dma_ops;
	/* QEMU presents as many VFs as it has VF devices: the model's TotalVFs is N */
	S.cfg.sriov_total_vfs = (u16)S.nvfs;
	S.pramin_fd = -1;
	if (pramin_mmap && pramin_setup())
		return 1;
	if (device_create())
		return 2;	/* --vfs beyond the board's TotalVFs: the model says so */
	S.msg_in = malloc(MAX_MSG);
	S.msg_out = malloc(MAX_MSG + 64);
	S.vfs = S.nvfs ? calloc(S.nvfs, sizeof(*S.vfs)) : NULL;
	if (!S.msg_in || !S.msg_out || (S.nvfs && !S.vfs)) {
		fprintf(stderr, "gpusim-vfu: out of memory\n");
		return 1;
	}
	/* The VFs listen first; the PF's line comes last (tests/lib/qemu.sh waits for it). */
	for (i = 0; i < S.nvfs; i++) {
		struct conn *v = &S.vfs[i];

		conn_init(v, (int)i);
		snprintf(v->path, sizeof(v->path), "%s.vf%u", path, i);
		vfu_cfg_vf(&v->cfg, &S.pci, S.revision, &S.sriov);
		if (conn_listen(v))
			return 1;
	}
	if (conn_listen(&S.pf))
		return 1;

	r = serve();
	conn_close(&S.pf);
	if (S.pf.listen_fd >= 0) {
		close(S.pf.listen_fd);
		unlink(S.pf.path);
	}
	for (i = 0; i < S.nvfs; i++) {
		conn_close(&S.vfs[i]);
		close(S.vfs[i].listen_fd);
		unlink(S.vfs[i].path);
	}
	device_report("done");
	gpusim_destroy(S.sim);
	if (S.pramin)
		munmap(S.pramin, GPUSIM_PRAMIN_SIZE);
	if (S.pramin_fd >= 0)
		close(S.pramin_fd);
	free(S.vfs);
	free(S.msg_in);
	free(S.msg_out);
	logv("client disconnected");
	return r < 0 ? 1 : 0;
}
