// SPDX-License-Identifier: GPL-2.0-only
/*
 * vgpu_client_check.c - "vgpu_client check DEV [--vendor N] [--device N]
 * [--subvendor N] [--subdevice N] [--bar1 BYTES] [--msix N] [--req N] [--trapped]
 * [--dma]": what a
 * VMM sees of a vGPU VF bound to nvgsp-vfio-pci (Documentation/vgpu-cfgspace.rst),
 * or of an nvgsp-mdev mdev (DEV its UUID), checked the way a VMM and a guest's
 * PCI core use it. Without the ID options the IDs are
 * printed as notes. Against plain vfio-pci (gpusim's GA102 and GH100 VFs,
 * Linux 5.10, 6.12, 7.2, 7.3) all pass but four, by vfio-pci's design:
 * regions-hidden (GET_REGION_INFO for VGA answers EINVAL on a non-VGA VF and
 * offers a 768 KiB VGA region on a VGA-class one), oob-straddle (a read across
 * a region's end is cut short, not refused), reset-command and reset-bar
 * (vfio-pci keeps its virtual command and BAR registers over a reset).
 * That count predates msix-loopback, req-info, bar0-rw and dma-map, which
 * have not been run against vfio-pci.
 *
 * Checks, in order (each "ok NAME" / "FAIL NAME: detail"):
 *   device-info         VFIO_DEVICE_GET_INFO: PCI and RESET flags,
 *                       num_regions >= 9, num_irqs >= 5
 *   region-config-size  region 7 (VFIO_PCI_CONFIG_REGION_INDEX) is 4096 bytes
 *   regions-hidden      regions 2, 4, 5 (BARs), 6 (ROM), 8 (VGA) are size 0
 *   region-bar1-size    region 1 is --bar1 bytes (only with --bar1)
 *   cfg-read            all 4096 config bytes read, dword by dword
 *   cfg-ids             vendor/device/subsystem IDs as the options say
 *   cfg-caps            the list from 0x34: only PM, PCIe, MSI-X, no loop,
 *                       pointers >= 0x40 and dword aligned
 *   cfg-ext-zero        0x100..0xfff read 0
 *   cfg-intpin          interrupt pin 0
 *   barN-sizing         N = 0..5 (not an upper half): all-ones write decodes
 *                       to the region's size; saved value restored
 *   bar0-32bit          BAR0 is 32-bit memory
 *   bar-rom             the ROM BAR reads 0, also after writing all ones
 *   cfg-ro-ids          writes to vendor and device ID change nothing
 *   cfg-command         Memory Space and Bus Master set read back set
 *   bars-trapped        only with --trapped (an mdev): regions 0, 1 and 3
 *                       lack VFIO_REGION_INFO_FLAG_MMAP, mmap of their
 *                       first page is refused and a pread of their first
 *                       dword works
 *   bar0-mmap           dword at the first mmappable area's start, through
 *                       the mapping and through a region read, equal (when
 *                       region 0 has the MMAP flag), else
 *   bar0-rw             pread of BAR0's first and last dword and a pwrite of
 *                       the first one's value back (BOOT_0, which ignores
 *                       writes) work; pread/pwrite at its end are refused
 *   msix-info           MSI-X has vectors (--msix N: exactly N)
 *   msix-enable
 *   msix-loopback       SET_IRQS DATA_NONE|ACTION_TRIGGER on vector 0 signals
 *                       the eventfd registered for it
 *   msix-disable
 *   req-info            GET_IRQ_INFO of the request index: count 1 (--req N:
 *                       N; an mdev on 5.10 has no request IRQ)
 *   oob-read-past-end   reads at and past each region's end refused
 *   oob-write-past-end  writes at and past each region's end refused
 *   oob-straddle        an 8-byte read across each region's end refused
 *   oob-hidden-rw       reads/writes of regions 2, 4, 5, 6, 8 and 10 refused
 *   oob-bar1-mmap       mmap of BAR1 past its reported size refused
 *   oob-hidden-mmap     mmap of the hidden regions and of config refused
 *   oob-region-info-index, oob-region-info-argsz: GET_REGION_INFO with an
 *                       index >= 9 (or num_regions) or argsz < 32 refused
 *   oob-set-irqs-range  SET_IRQS with start+count past the MSI-X vectors or
 *                       a bad index refused
 *   oob-set-irqs-argsz  SET_IRQS with argsz too small for header or data
 *   oob-set-irqs-flags  no DATA/ACTION flag, two of either, unknown flag
 *   oob-irq-info-index  GET_IRQ_INFO with a bad index or argsz refused
 *   dma-map             only with --dma, on the group path: MAP_DMA of one
 *                       page at IOVA 1 MiB into the type1 container, then
 *                       UNMAP_DMA of it (the size unmapped reported back)
 *   reset, reset-command, reset-bar
 *   close
 * and "note: open-to-ready-ms N": GET_DEVICE_FD to device info, region infos
 * and config dword 0 read (CLOCK_MONOTONIC).
 */
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vgpu_client.h"

#define PB 512	/* bytes of one check's problem text */

enum { O_VENDOR, O_DEVICE, O_SUBVENDOR, O_SUBDEVICE, O_BAR1, O_MSIX, O_REQ, O_N };
static const char *const opt_name[O_N] = { "--vendor", "--device", "--subvendor", "--subdevice", "--bar1", "--msix",
					   "--req" };
static bool opt_trapped, opt_dma;	/* --trapped, --dma: flags without a value */

static sigjmp_buf bus_jmp;
static volatile sig_atomic_t bus_armed;

static void on_sigbus(int sig)
{
	(void)sig;
	if (bus_armed)
		siglongjmp(bus_jmp, 1);
	_exit(3);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static long page_size(void)
{
	long p = sysconf(_SC_PAGESIZE);

	return p > 0 ? p : 4096;
}

/* expect a pread/pwrite of len at off in region idx to fail with an errno */
static void expect_rw_fail(const struct vc_dev *d, char *pb, bool wr, unsigned idx, uint64_t off, size_t len)
{
	uint8_t buf[16] = { 0 };
	uint64_t base = vc_reg_base(d, idx);
	ssize_t n;

	if (len > sizeof(buf) || off > (uint64_t)INT64_MAX - base)
		return;
	n = wr ? pwrite(d->device, buf, len, (off_t)(base + off)) : pread(d->device, buf, len, (off_t)(base + off));
	if (n >= 0)
		vc_addf(pb, PB, " %s region %u +0x%llx len %zu returned %zd;", wr ? "write" : "read", idx,
			(unsigned long long)off, len, n);
}

static void expect_ioctl_fail(char *pb, const char *what, int r)
{
	if (r >= 0)
		vc_addf(pb, PB, " %s succeeded;", what);
}

static void expect_mmap_fail(const struct vc_dev *d, char *pb, const char *what, unsigned idx, uint64_t off, size_t len)
{
	uint64_t base = vc_reg_base(d, idx);
	void *p;

	if (off > (uint64_t)INT64_MAX - base)
		return;
	p = mmap(NULL, len, PROT_READ, MAP_SHARED, d->device, (off_t)(base + off));
	if (p != MAP_FAILED) {
		vc_addf(pb, PB, " %s mapped;", what);
		if (munmap(p, len))
			vc_addf(pb, PB, " munmap: %s;", strerror(errno));
	}
}

static int set_irqs(const struct vc_dev *d, uint32_t argsz, uint32_t flags, uint32_t index,
		    uint32_t start, uint32_t count, const int32_t *fds, unsigned nfds)
{
	char buf[sizeof(struct vfio_irq_set) + 4 * sizeof(int32_t)] = { 0 };
	struct vfio_irq_set *s = (struct vfio_irq_set *)buf;

	if (nfds > 4)
		return -1;
	s->argsz = argsz;
	s->flags = flags;
	s->index = index;
	s->start = start;
	s->count = count;
	if (nfds)
		memcpy(s->data, fds, nfds * sizeof(int32_t));
	return ioctl(d->device, VFIO_DEVICE_SET_IRQS, s);
}

static void check_regions(const struct vc_dev *d, const bool *has, const uint64_t *opt)
{
	static const unsigned hidden[] = { 2, 4, 5, 6, 8 };
	char pb[PB] = "";
	unsigned i;

	if (!(d->info.flags & VFIO_DEVICE_FLAGS_PCI))
		vc_addf(pb, PB, " flags 0x%x lack PCI;", d->info.flags);
	if (!(d->info.flags & VFIO_DEVICE_FLAGS_RESET))
		vc_addf(pb, PB, " flags 0x%x lack RESET;", d->info.flags);
	if (d->info.num_regions < VFIO_PCI_NUM_REGIONS)
		vc_addf(pb, PB, " num_regions %u < 9;", d->info.num_regions);
	if (d->info.num_irqs < VFIO_PCI_NUM_IRQS)
		vc_addf(pb, PB, " num_irqs %u < 5;", d->info.num_irqs);
	vc_verdict("device-info", pb);
	vc_note("device flags 0x%x, %u regions, %u irqs", d->info.flags, d->info.num_regions, d->info.num_irqs);
	for (i = 0; i < VC_NREG; i++) {
		if (d->reg_ok[i])
			vc_note("region %u: size 0x%llx flags 0x%x offset 0x%llx", i,
				(unsigned long long)d->reg[i].size, d->reg[i].flags,
				(unsigned long long)d->reg[i].offset);
		else
			vc_note("region %u: GET_REGION_INFO: %s", i, strerror(d->reg_errno[i]));
	}
	pb[0] = '\0';
	if (!d->reg_ok[VFIO_PCI_CONFIG_REGION_INDEX])
		vc_addf(pb, PB, "GET_REGION_INFO: %s", strerror(d->reg_errno[VFIO_PCI_CONFIG_REGION_INDEX]));
	else if (d->reg[VFIO_PCI_CONFIG_REGION_INDEX].size != VC_CFG_SIZE)
		vc_addf(pb, PB, "size 0x%llx, want 0x1000",
			(unsigned long long)d->reg[VFIO_PCI_CONFIG_REGION_INDEX].size);
	vc_verdict("region-config-size", pb);
	pb[0] = '\0';
	for (i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		if (!d->reg_ok[hidden[i]])
			vc_addf(pb, PB, " region %u: GET_REGION_INFO failed (%s), not size 0;", hidden[i],
				strerror(d->reg_errno[hidden[i]]));
		else if (d->reg[hidden[i]].size)
			vc_addf(pb, PB, " region %u: size 0x%llx;", hidden[i],
				(unsigned long long)d->reg[hidden[i]].size);
	}
	vc_verdict("regions-hidden", pb);
	if (has[O_BAR1]) {
		pb[0] = '\0';
		if (!d->reg_ok[1])
			vc_addf(pb, PB, "GET_REGION_INFO: %s", strerror(d->reg_errno[1]));
		else if (d->reg[1].size != opt[O_BAR1])
			vc_addf(pb, PB, "size 0x%llx, want 0x%llx", (unsigned long long)d->reg[1].size,
				(unsigned long long)opt[O_BAR1]);
		vc_verdict("region-bar1-size", pb);
	}
}

static void check_ids(const uint8_t *cfg, const bool *has, const uint64_t *opt)
{
	static const unsigned at[4] = { 0x00, 0x02, 0x2c, 0x2e };
	static const char *const what[4] = { "vendor", "device", "subvendor", "subdevice" };
	char pb[PB] = "";
	unsigned i;

	for (i = 0; i < 4; i++) {
		uint32_t v = cfg[at[i]] | (uint32_t)cfg[at[i] + 1] << 8;

		vc_note("cfg %s 0x%04x", what[i], v);
		if (has[i] && v != opt[i])
			vc_addf(pb, PB, " %s 0x%04x, want 0x%04llx;", what[i], v, (unsigned long long)opt[i]);
	}
	vc_verdict("cfg-ids", pb);
}

static void check_caps(const uint8_t *cfg)
{
	bool seen[256] = { false };
	char pb[PB] = "", list[128] = "";
	unsigned ptr = cfg[0x34], steps;

	if (!(cfg[0x06] & 0x10))
		vc_addf(pb, PB, " status lacks Capabilities List;");
	for (steps = 0; ptr && steps < 49; steps++) {
		unsigned id;

		if (ptr < 0x40 || ptr > 0xfc || (ptr & 3)) {
			vc_addf(pb, PB, " pointer 0x%02x;", ptr);
			break;
		}
		if (seen[ptr]) {
			vc_addf(pb, PB, " loop at 0x%02x;", ptr);
			break;
		}
		seen[ptr] = true;
		id = cfg[ptr];
		vc_addf(list, sizeof(list), " 0x%02x@0x%02x", id, ptr);
		if (id != 0x01 && id != 0x10 && id != 0x11)
			vc_addf(pb, PB, " capability 0x%02x at 0x%02x;", id, ptr);
		ptr = cfg[ptr + 1];
	}
	if (steps >= 49)
		vc_addf(pb, PB, " list longer than 48;");
	vc_note("capabilities:%s", list[0] ? list : " none");
	vc_verdict("cfg-caps", pb);
}

/* size a BAR: write all ones, read back, restore; returns 0 and the size */
static int size_bar(const struct vc_dev *d, unsigned reg, bool is64, uint64_t *size, char *pb)
{
	uint32_t lo, hi = 0, mlo, mhi = 0xffffffffu;
	uint64_t mask;

	if (vc_cfg_rd(d, reg, 4, &lo) || (is64 && vc_cfg_rd(d, reg + 4, 4, &hi)))
		goto err;
	if (vc_cfg_wr(d, reg, 4, 0xffffffffu) || vc_cfg_rd(d, reg, 4, &mlo))
		goto err;
	if (is64 && (vc_cfg_wr(d, reg + 4, 4, 0xffffffffu) || vc_cfg_rd(d, reg + 4, 4, &mhi)))
		goto err;
	if (vc_cfg_wr(d, reg, 4, lo) || (is64 && vc_cfg_wr(d, reg + 4, 4, hi)))
		goto err;
	mlo &= (mlo & 1) ? ~3u : ~0xfu;
	mask = (uint64_t)mhi << 32 | mlo;
	if (!is64)
		mask |= 0xffffffff00000000ull;
	*size = mlo ? ~mask + 1 : 0;
	return 0;
err:
	vc_addf(pb, PB, " config access at 0x%x: %s;", reg, strerror(errno));
	return -1;
}

static void check_bars(const struct vc_dev *d, const uint8_t *cfg)
{
	char pb[PB], name[32];
	uint32_t cmd;
	unsigned i;

	/* a guest sizes with memory decode off */
	if (vc_cfg_rd(d, 0x04, 2, &cmd) || vc_cfg_wr(d, 0x04, 2, cmd & ~7u)) {
		vc_fail("bar-sizing", "command register: %s", strerror(errno));
		return;
	}
	for (i = 0; i < 6; i++) {
		uint32_t v = le32(cfg + 0x10 + 4 * i), after;
		bool is64 = !(v & 1) && (v & 6) == 4;
		uint64_t size, want = d->reg_ok[i] ? d->reg[i].size : 0;

		pb[0] = '\0';
		snprintf(name, sizeof(name), "bar%u-sizing", i);
		if (is64 && i == 5) {
			vc_addf(pb, PB, " 64-bit BAR in the last register;");
			is64 = false;
		}
		if (!size_bar(d, 0x10 + 4 * i, is64, &size, pb)) {
			if (size != want)
				vc_addf(pb, PB, " decodes 0x%llx bytes, region is 0x%llx;",
					(unsigned long long)size, (unsigned long long)want);
			if (!vc_cfg_rd(d, 0x10 + 4 * i, 4, &after) && after != v)
				vc_addf(pb, PB, " reads 0x%08x after restore, was 0x%08x;", after, v);
		}
		vc_note("BAR%u 0x%08x%s", i, v, is64 ? " (64-bit)" : "");
		vc_verdict(name, pb);
		if (i == 0) {
			pb[0] = '\0';
			if (v & 1)
				vc_addf(pb, PB, "BAR0 0x%08x is I/O", v);
			else if (v & 6)
				vc_addf(pb, PB, "BAR0 0x%08x is not 32-bit memory", v);
			vc_verdict("bar0-32bit", pb);
		}
		if (is64)
			i++;
	}
	pb[0] = '\0';
	{
		uint32_t rom, mrom;

		if (vc_cfg_rd(d, 0x30, 4, &rom) || vc_cfg_wr(d, 0x30, 4, 0xfffff801u) ||
		    vc_cfg_rd(d, 0x30, 4, &mrom) || vc_cfg_wr(d, 0x30, 4, rom))
			vc_addf(pb, PB, "config access at 0x30: %s", strerror(errno));
		else if (rom || mrom)
			vc_addf(pb, PB, "ROM BAR 0x%08x, 0x%08x after writing all ones", rom, mrom);
	}
	vc_verdict("bar-rom", pb);
	if (vc_cfg_wr(d, 0x04, 2, cmd))
		vc_fail("bar-sizing", "restoring the command register: %s", strerror(errno));
}

static void check_ro_ids(const struct vc_dev *d, const uint8_t *cfg)
{
	uint32_t id = le32(cfg), sub = le32(cfg + 0x2c), v;
	char pb[PB] = "";

	if (vc_cfg_wr(d, 0, 2, ~id & 0xffff) || vc_cfg_wr(d, 2, 2, ~id >> 16) ||
	    vc_cfg_wr(d, 0, 4, 0x12345678u) || vc_cfg_wr(d, 0x2c, 4, ~sub))
		vc_addf(pb, PB, " write: %s;", strerror(errno));
	if (vc_cfg_rd(d, 0, 4, &v))
		vc_addf(pb, PB, " read: %s;", strerror(errno));
	else if (v != id)
		vc_addf(pb, PB, " IDs read 0x%08x after writes, were 0x%08x;", v, id);
	if (!vc_cfg_rd(d, 0x2c, 4, &v) && v != sub)
		vc_addf(pb, PB, " subsystem IDs read 0x%08x after a write, were 0x%08x;", v, sub);
	vc_verdict("cfg-ro-ids", pb);
}

/* regions 0, 1, 3 without the MMAP flag, and mmap of each refused (--trapped) */
static void check_trapped(const struct vc_dev *d)
{
	static const unsigned bars[] = { 0, 1, 3 };
	char pb[PB] = "", what[32];
	uint32_t v;
	unsigned i;

	for (i = 0; i < sizeof(bars) / sizeof(bars[0]); i++) {
		if (!d->reg_ok[bars[i]] || !d->reg[bars[i]].size) {
			vc_addf(pb, PB, " region %u: no such BAR;", bars[i]);
			continue;
		}
		if (d->reg[bars[i]].flags & VFIO_REGION_INFO_FLAG_MMAP)
			vc_addf(pb, PB, " region %u: flags 0x%x have MMAP;", bars[i], d->reg[bars[i]].flags);
		snprintf(what, sizeof(what), "region %u's first page", bars[i]);
		expect_mmap_fail(d, pb, what, bars[i], 0, (size_t)page_size());
		if (vc_rd(d, bars[i], 0, &v, 4))
			vc_addf(pb, PB, " region %u: read at +0: %s;", bars[i], strerror(errno));
	}
	vc_verdict("bars-trapped", pb);
}

/* BAR0 without mmap: every access goes through pread/pwrite */
static void check_bar0_rw(const struct vc_dev *d)
{
	uint64_t size = d->reg_ok[0] ? d->reg[0].size : 0;
	uint32_t v0 = 0, vlast = 0;
	char pb[PB] = "";

	if (size < 8) {
		vc_fail("bar0-rw", "region 0 is 0x%llx bytes", (unsigned long long)size);
		return;
	}
	if (vc_rd(d, 0, 0, &v0, 4))
		vc_addf(pb, PB, " read at +0: %s;", strerror(errno));
	else if (vc_wr(d, 0, 0, &v0, 4))
		vc_addf(pb, PB, " write of 0x%08x back at +0: %s;", v0, strerror(errno));
	if (vc_rd(d, 0, size - 4, &vlast, 4))
		vc_addf(pb, PB, " read at +0x%llx: %s;", (unsigned long long)(size - 4), strerror(errno));
	expect_rw_fail(d, pb, false, 0, size, 4);
	expect_rw_fail(d, pb, true, 0, size, 4);
	vc_note("BAR0 +0 reads 0x%08x, +0x%llx reads 0x%08x (no mmap: trapped access)", v0,
		(unsigned long long)(size - 4), vlast);
	vc_verdict("bar0-rw", pb);
}

static void check_mmap(const struct vc_dev *d)
{
	uint64_t off, size, base = vc_reg_base(d, 0);
	volatile uint32_t *p;
	volatile uint32_t viamap = 0;	/* set between sigsetjmp and a SIGBUS */
	uint32_t viard = 0;
	size_t len;
	char pb[PB] = "";
	void *m;

	if (!d->reg_ok[0] || !(d->reg[0].flags & VFIO_REGION_INFO_FLAG_MMAP)) {
		check_bar0_rw(d);
		return;
	}
	if (vc_mmap_area(d, 0, &off, &size)) {
		vc_fail("bar0-mmap", "no usable mmap area (sparse capability)");
		return;
	}
	len = size < (uint64_t)page_size() ? (size_t)size : (size_t)page_size();
	m = mmap(NULL, len, PROT_READ, MAP_SHARED, d->device, (off_t)(base + off));
	if (m == MAP_FAILED) {
		vc_fail("bar0-mmap", "mmap 0x%zx at +0x%llx: %s", len, (unsigned long long)off, strerror(errno));
		return;
	}
	p = m;
	bus_armed = 1;
	if (sigsetjmp(bus_jmp, 1) == 0)
		viamap = *p;
	else
		vc_addf(pb, PB, " SIGBUS reading the mapping;");
	bus_armed = 0;
	if (vc_rd(d, 0, off, &viard, 4))
		vc_addf(pb, PB, " region read at +0x%llx: %s;", (unsigned long long)off, strerror(errno));
	else if (!pb[0] && viamap != viard)
		vc_addf(pb, PB, " mapping reads 0x%08x, region read 0x%08x;", viamap, viard);
	if (munmap(m, len))
		vc_addf(pb, PB, " munmap: %s;", strerror(errno));
	vc_note("BAR0 +0x%llx reads 0x%08x (mmap area 0x%llx bytes)", (unsigned long long)off, viard,
		(unsigned long long)size);
	vc_verdict("bar0-mmap", pb);
}

static void check_msix(const struct vc_dev *d, uint32_t *count, const bool *has, const uint64_t *opt)
{
	struct vfio_irq_info ii = { .argsz = sizeof(ii), .index = VFIO_PCI_MSIX_IRQ_INDEX };
	int32_t efd;
	int r;

	*count = 0;
	if (ioctl(d->device, VFIO_DEVICE_GET_IRQ_INFO, &ii) < 0) {
		vc_fail("msix-info", "GET_IRQ_INFO: %s", strerror(errno));
		return;
	}
	vc_note("MSI-X: %u vectors, flags 0x%x", ii.count, ii.flags);
	if (!ii.count) {
		vc_fail("msix-info", "0 vectors");
		return;
	}
	if (has[O_MSIX] && ii.count != opt[O_MSIX])
		vc_fail("msix-info", "%u vectors, want %llu", ii.count, (unsigned long long)opt[O_MSIX]);
	else
		vc_ok("msix-info");
	*count = ii.count;
	efd = eventfd(0, EFD_CLOEXEC);
	if (efd < 0) {
		vc_fail("msix-enable", "eventfd: %s", strerror(errno));
		return;
	}
	r = set_irqs(d, sizeof(struct vfio_irq_set) + sizeof(int32_t),
		     VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER, VFIO_PCI_MSIX_IRQ_INDEX, 0, 1, &efd, 1);
	if (r < 0) {
		vc_fail("msix-enable", "SET_IRQS eventfd on vector 0: %s", strerror(errno));
	} else {
		uint64_t cnt = 0;
		struct pollfd p = { .fd = efd, .events = POLLIN };

		vc_ok("msix-enable");
		/* the kernel signals the vector's trigger itself (vfio-pci's loopback) */
		if (set_irqs(d, sizeof(struct vfio_irq_set), VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
			     VFIO_PCI_MSIX_IRQ_INDEX, 0, 1, NULL, 0) < 0)
			vc_fail("msix-loopback", "SET_IRQS DATA_NONE|ACTION_TRIGGER on vector 0: %s", strerror(errno));
		else if (poll(&p, 1, 2000) != 1 || read(efd, &cnt, sizeof(cnt)) != (ssize_t)sizeof(cnt) || !cnt)
			vc_fail("msix-loopback", "vector 0's eventfd was not signalled");
		else
			vc_ok("msix-loopback");
	}
	r = set_irqs(d, sizeof(struct vfio_irq_set), VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
		     VFIO_PCI_MSIX_IRQ_INDEX, 0, 0, NULL, 0);
	if (r < 0)
		vc_fail("msix-disable", "SET_IRQS DATA_NONE count 0: %s", strerror(errno));
	else
		vc_ok("msix-disable");
	if (close(efd))
		vc_fail("msix-disable", "close eventfd: %s", strerror(errno));
}

static void check_req(const struct vc_dev *d, uint64_t want)
{
	struct vfio_irq_info ii = { .argsz = sizeof(ii), .index = VFIO_PCI_REQ_IRQ_INDEX };

	if (ioctl(d->device, VFIO_DEVICE_GET_IRQ_INFO, &ii) < 0)
		vc_fail("req-info", "GET_IRQ_INFO: %s", strerror(errno));
	else if (ii.count != want)
		vc_fail("req-info", "count %u, want %llu", ii.count, (unsigned long long)want);
	else
		vc_ok("req-info");
}

/* one page mapped into the container's IOMMU and unmapped again (--dma) */
static void check_dma(const struct vc_dev *d)
{
	struct vfio_iommu_type1_dma_map map = { .argsz = sizeof(map) };
	struct vfio_iommu_type1_dma_unmap unmap = { .argsz = sizeof(unmap) };
	size_t pg = (size_t)page_size();
	char pb[PB] = "";
	void *m;

	if (d->container < 0) {
		vc_note("dma-map not checked: the cdev path has no type1 container");
		return;
	}
	m = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		vc_fail("dma-map", "mmap of a page: %s", strerror(errno));
		return;
	}
	memset(m, 0x5a, pg);
	map.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE;
	map.vaddr = (uint64_t)(uintptr_t)m;
	map.iova = 1ull << 20;
	map.size = pg;
	if (ioctl(d->container, VFIO_IOMMU_MAP_DMA, &map) < 0) {
		vc_addf(pb, PB, "MAP_DMA: %s", strerror(errno));
	} else {
		unmap.iova = map.iova;
		unmap.size = pg;
		if (ioctl(d->container, VFIO_IOMMU_UNMAP_DMA, &unmap) < 0)
			vc_addf(pb, PB, "UNMAP_DMA: %s", strerror(errno));
		else if (unmap.size != pg)
			vc_addf(pb, PB, "UNMAP_DMA unmapped 0x%llx bytes, want 0x%zx",
				(unsigned long long)unmap.size, pg);
	}
	if (munmap(m, pg))
		vc_addf(pb, PB, " munmap: %s", strerror(errno));
	vc_verdict("dma-map", pb);
}

static void check_oob(const struct vc_dev *d, uint32_t nvec)
{
	static const unsigned hidden[] = { 2, 4, 5, 6, 8 };
	const uint32_t hsz = sizeof(struct vfio_irq_set);
	const uint32_t none = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER;
	const uint32_t msix = VFIO_PCI_MSIX_IRQ_INDEX;
	size_t pg = (size_t)page_size();
	int32_t fds[2] = { -1, -1 };
	char pb[PB] = "";
	unsigned i;

	for (i = 0; i < VC_NREG; i++) {
		uint64_t sz = d->reg_ok[i] ? d->reg[i].size : 0;

		if (!sz)
			continue;
		expect_rw_fail(d, pb, false, i, sz, 4);
		expect_rw_fail(d, pb, false, i, sz + pg, 1);
		if (sz < (1ull << 40) - 4)
			expect_rw_fail(d, pb, false, i, (1ull << 40) - 4, 4);
	}
	vc_verdict("oob-read-past-end", pb);
	pb[0] = '\0';
	for (i = 0; i < VC_NREG; i++) {
		uint64_t sz = d->reg_ok[i] ? d->reg[i].size : 0;

		if (!sz)
			continue;
		expect_rw_fail(d, pb, true, i, sz, 4);
		expect_rw_fail(d, pb, true, i, sz + pg, 1);
	}
	vc_verdict("oob-write-past-end", pb);
	pb[0] = '\0';
	for (i = 0; i < VC_NREG; i++) {
		uint64_t sz = d->reg_ok[i] ? d->reg[i].size : 0;

		if (sz >= 8)
			expect_rw_fail(d, pb, false, i, sz - 4, 8);
	}
	vc_verdict("oob-straddle", pb);
	pb[0] = '\0';
	for (i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		if (d->reg_ok[hidden[i]] && d->reg[hidden[i]].size)
			continue;	/* not hidden: regions-hidden failed already */
		expect_rw_fail(d, pb, false, hidden[i], 0, 4);
		expect_rw_fail(d, pb, false, hidden[i], 0, 1);
		expect_rw_fail(d, pb, true, hidden[i], 0, 4);
	}
	/* a region index past the fixed ones (no device-specific region asked for) */
	if (d->info.num_regions <= VC_NREG) {
		struct vc_dev tmp = *d;

		for (i = 0; i < VC_NREG; i++)
			tmp.reg_ok[i] = false;
		expect_rw_fail(&tmp, pb, false, 10, 0, 4);
	}
	vc_verdict("oob-hidden-rw", pb);
	pb[0] = '\0';
	if (d->reg_ok[1] && d->reg[1].size) {
		uint64_t sz = d->reg[1].size;

		if (sz <= (1ull << 40) - pg)
			expect_mmap_fail(d, pb, "BAR1 size + 1 page", 1, 0, (size_t)(sz + pg));
		expect_mmap_fail(d, pb, "BAR1 one page at its end", 1, sz, pg);
		expect_mmap_fail(d, pb, "BAR1 one page past its end", 1, sz + pg, pg);
	} else {
		vc_addf(pb, PB, " no BAR1 region;");
	}
	vc_verdict("oob-bar1-mmap", pb);
	pb[0] = '\0';
	for (i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		char what[32];

		if (d->reg_ok[hidden[i]] && d->reg[hidden[i]].size)
			continue;
		snprintf(what, sizeof(what), "region %u", hidden[i]);
		expect_mmap_fail(d, pb, what, hidden[i], 0, pg);
	}
	expect_mmap_fail(d, pb, "config region", VFIO_PCI_CONFIG_REGION_INDEX, 0, pg);
	vc_verdict("oob-hidden-mmap", pb);

	pb[0] = '\0';
	{
		uint32_t bad[3] = { d->info.num_regions > VC_NREG ? d->info.num_regions : VC_NREG, 0x80000000u,
				    0xffffffffu };
		struct vfio_region_info ri;

		for (i = 0; i < 3; i++) {
			char what[48];

			memset(&ri, 0, sizeof(ri));
			ri.argsz = sizeof(ri);
			ri.index = bad[i];
			snprintf(what, sizeof(what), "index %u", bad[i]);
			expect_ioctl_fail(pb, what, ioctl(d->device, VFIO_DEVICE_GET_REGION_INFO, &ri));
		}
		vc_verdict("oob-region-info-index", pb);
		pb[0] = '\0';
		memset(&ri, 0, sizeof(ri));
		ri.argsz = 0;
		expect_ioctl_fail(pb, "argsz 0", ioctl(d->device, VFIO_DEVICE_GET_REGION_INFO, &ri));
		memset(&ri, 0, sizeof(ri));
		ri.argsz = offsetof(struct vfio_region_info, offset) + sizeof(ri.offset) - 1;
		expect_ioctl_fail(pb, "argsz minsz-1", ioctl(d->device, VFIO_DEVICE_GET_REGION_INFO, &ri));
		vc_verdict("oob-region-info-argsz", pb);
	}

	pb[0] = '\0';
	if (!nvec) {
		vc_addf(pb, PB, " no MSI-X vector count;");
	} else {
		expect_ioctl_fail(pb, "start=count", set_irqs(d, hsz, none, msix, nvec, 1, NULL, 0));
		expect_ioctl_fail(pb, "start=count-1 count 2", set_irqs(d, hsz, none, msix, nvec - 1, 2, NULL, 0));
		expect_ioctl_fail(pb, "start 0 count+1", set_irqs(d, hsz, none, msix, 0, nvec + 1, NULL, 0));
		expect_ioctl_fail(pb, "start 0xffffffff count 2", set_irqs(d, hsz, none, msix, 0xffffffffu, 2, NULL, 0));
		expect_ioctl_fail(pb, "eventfds start=count-1 count 2",
				  set_irqs(d, hsz + 2 * sizeof(int32_t),
					   VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER, msix,
					   nvec - 1, 2, fds, 2));
	}
	expect_ioctl_fail(pb, "index num_irqs", set_irqs(d, hsz, none, d->info.num_irqs, 0, 0, NULL, 0));
	expect_ioctl_fail(pb, "index 0xffffffff", set_irqs(d, hsz, none, 0xffffffffu, 0, 0, NULL, 0));
	vc_verdict("oob-set-irqs-range", pb);
	pb[0] = '\0';
	expect_ioctl_fail(pb, "argsz 0", set_irqs(d, 0, none, msix, 0, 0, NULL, 0));
	expect_ioctl_fail(pb, "argsz minsz-1", set_irqs(d, hsz - 1, none, msix, 0, 0, NULL, 0));
	expect_ioctl_fail(pb, "eventfd count 1 without its fd",
			  set_irqs(d, hsz, VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER, msix, 0, 1, NULL, 0));
	vc_verdict("oob-set-irqs-argsz", pb);
	pb[0] = '\0';
	expect_ioctl_fail(pb, "flags 0", set_irqs(d, hsz, 0, msix, 0, 0, NULL, 0));
	expect_ioctl_fail(pb, "DATA_NONE|DATA_BOOL",
			  set_irqs(d, hsz + 4, VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_DATA_BOOL |
				   VFIO_IRQ_SET_ACTION_TRIGGER, msix, 0, 0, NULL, 0));
	expect_ioctl_fail(pb, "MASK|TRIGGER",
			  set_irqs(d, hsz, VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_MASK |
				   VFIO_IRQ_SET_ACTION_TRIGGER, msix, 0, 0, NULL, 0));
	expect_ioctl_fail(pb, "no action", set_irqs(d, hsz, VFIO_IRQ_SET_DATA_NONE, msix, 0, 0, NULL, 0));
	expect_ioctl_fail(pb, "unknown flag 1<<31", set_irqs(d, hsz, none | 0x80000000u, msix, 0, 0, NULL, 0));
	vc_verdict("oob-set-irqs-flags", pb);
	pb[0] = '\0';
	{
		uint32_t bad[2] = { d->info.num_irqs, 0xffffffffu };
		struct vfio_irq_info ii;

		for (i = 0; i < 2; i++) {
			char what[32];

			memset(&ii, 0, sizeof(ii));
			ii.argsz = sizeof(ii);
			ii.index = bad[i];
			snprintf(what, sizeof(what), "index %u", bad[i]);
			expect_ioctl_fail(pb, what, ioctl(d->device, VFIO_DEVICE_GET_IRQ_INFO, &ii));
		}
		memset(&ii, 0, sizeof(ii));
		ii.argsz = sizeof(ii) - 1;
		ii.index = msix;
		expect_ioctl_fail(pb, "argsz minsz-1", ioctl(d->device, VFIO_DEVICE_GET_IRQ_INFO, &ii));
	}
	vc_verdict("oob-irq-info-index", pb);
}

static void check_reset(const struct vc_dev *d, uint32_t bar0_reset)
{
	uint64_t size = d->reg_ok[0] ? d->reg[0].size : 0;
	uint32_t v, moved;
	char pb[PB] = "";

	/* move BAR0 to an address (a bit above its size) so the reset has work to do */
	moved = size && size < 0x80000000u ? (uint32_t)size : 0x80000000u;
	moved = (bar0_reset & 0xfu) | ((bar0_reset & ~0xfu) ^ moved);
	if (vc_cfg_wr(d, 0x10, 4, moved) || vc_cfg_wr(d, 0x04, 2, 0x6))
		vc_note("reset: cannot move BAR0 or set the command register first: %s", strerror(errno));
	if (ioctl(d->device, VFIO_DEVICE_RESET) < 0) {
		vc_fail("reset", "VFIO_DEVICE_RESET: %s", strerror(errno));
		return;
	}
	vc_ok("reset");
	if (vc_cfg_rd(d, 0x04, 2, &v))
		vc_addf(pb, PB, "read: %s", strerror(errno));
	else if (v)
		vc_addf(pb, PB, "command reads 0x%04x", v);
	vc_verdict("reset-command", pb);
	pb[0] = '\0';
	if (vc_cfg_rd(d, 0x10, 4, &v))
		vc_addf(pb, PB, "read: %s", strerror(errno));
	else if (v != bar0_reset)
		vc_addf(pb, PB, "BAR0 reads 0x%08x, 0x%08x after open (0x%08x written before the reset)", v,
			bar0_reset, moved);
	vc_verdict("reset-bar", pb);
}

int vc_check(int argc, char **argv)
{
	static uint8_t cfg[VC_CFG_SIZE];
	uint64_t opt[O_N] = { 0 };
	bool has[O_N] = { false };
	struct sigaction sa;
	char pb[PB] = "";
	struct vc_dev d;
	uint32_t cmd, nvec, bar0;
	bool cfg_ok = true;
	unsigned off;
	int i, k;

	for (i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--trapped") || !strcmp(argv[i], "--dma")) {
			*(argv[i][2] == 't' ? &opt_trapped : &opt_dma) = true;
			continue;
		}
		for (k = 0; k < O_N; k++)
			if (!strcmp(argv[i], opt_name[k]))
				break;
		if (k == O_N || i + 1 >= argc || vc_parse_u64(argv[i + 1], &opt[k]) ||
		    (k != O_BAR1 && opt[k] > 0xffff)) {
			fprintf(stderr, "vgpu_client check: bad option %s%s%s\n", argv[i],
				i + 1 < argc ? " " : "", i + 1 < argc ? argv[i + 1] : "");
			return 2;
		}
		has[k] = true;
		i++;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigbus;
	if (sigemptyset(&sa.sa_mask) || sigaction(SIGBUS, &sa, NULL)) {
		printf("FAIL open: sigaction: %s\n", strerror(errno));
		return 1;
	}
	if (vc_open(&d, argv[2]))
		return 1;
	vc_note("open-to-ready-ms %ld", d.open_ready_ms);
	check_regions(&d, has, opt);

	for (off = 0; off < VC_CFG_SIZE; off += 4) {
		uint32_t v;

		if (vc_cfg_rd(&d, off, 4, &v)) {
			vc_addf(pb, PB, " 0x%03x: %s;", off, strerror(errno));
			cfg_ok = false;
			v = 0;
		}
		cfg[off] = (uint8_t)v;
		cfg[off + 1] = (uint8_t)(v >> 8);
		cfg[off + 2] = (uint8_t)(v >> 16);
		cfg[off + 3] = (uint8_t)(v >> 24);
	}
	vc_verdict("cfg-read", pb);
	bar0 = le32(cfg + 0x10);
	if (cfg_ok) {
		check_ids(cfg, has, opt);
		check_caps(cfg);
		pb[0] = '\0';
		for (off = 0x100; off < VC_CFG_SIZE; off += 4)
			if (le32(cfg + off))
				vc_addf(pb, PB, " 0x%03x=0x%08x;", off, le32(cfg + off));
		vc_verdict("cfg-ext-zero", pb);
		pb[0] = '\0';
		if (cfg[0x3d])
			vc_addf(pb, PB, "interrupt pin %u", cfg[0x3d]);
		vc_verdict("cfg-intpin", pb);
		check_bars(&d, cfg);
		check_ro_ids(&d, cfg);
	}
	pb[0] = '\0';
	if (vc_cfg_rd(&d, 0x04, 2, &cmd) || vc_cfg_wr(&d, 0x04, 2, cmd | 0x6) || vc_cfg_rd(&d, 0x04, 2, &cmd))
		vc_addf(pb, PB, "command register: %s", strerror(errno));
	else if ((cmd & 0x6) != 0x6)
		vc_addf(pb, PB, "command reads 0x%04x after setting Memory and Bus Master", cmd);
	vc_verdict("cfg-command", pb);
	if (opt_trapped)
		check_trapped(&d);
	check_mmap(&d);
	check_msix(&d, &nvec, has, opt);
	check_req(&d, has[O_REQ] ? opt[O_REQ] : 1);
	check_oob(&d, nvec);
	if (opt_dma)
		check_dma(&d);
	check_reset(&d, bar0);
	if (vc_close(&d))
		vc_fail("close", "%s", strerror(errno));
	else
		vc_ok("close");
	return 0;
}
