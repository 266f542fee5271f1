// SPDX-License-Identifier: GPL-2.0-only
/*
 * vgpu_client_fuzz.c - "vgpu_client fuzz DEV --ops N --seed S [--scratch
 * OFF:LEN]": drives an open VFIO device with N seeded random operations, as a
 * hostile VMM would, and checks that the kernel refuses what it must and that
 * the device still answers afterwards.
 *
 * The PRNG is xorshift64* seeded with S (0 is replaced by a constant), so a
 * run is reproduced by its seed (printed first). The operations:
 *   - region reads and writes at indexes 0..10, offsets biased toward 0, the
 *     region's end, page boundaries, huge and "negative" (u64 wrap) values,
 *     sizes 0, 1, 2, 3, 4, 8, odd and large;
 *   - config writes: random bytes/words/dwords in the standard header and
 *     capabilities, BAR sizing sequences (all ones, read, restore) and
 *     Memory Space Enable flips, interleaved with reads through an active
 *     BAR0 mapping (a mapping revoked by Memory Space off may SIGBUS: the
 *     SIGBUS handler siglongjmps back and the access is counted);
 *   - malformed GET_REGION_INFO, GET_IRQ_INFO, SET_IRQS (argsz, index,
 *     start/count, flags) and DEVICE_INFO, and VFIO_DEVICE_RESET;
 *   - mmap/munmap of random regions, offsets and lengths (at most 8 live).
 *
 * Writes that land inside BAR0 (region 0, by any region's file offset) are
 * only made inside the --scratch range (none by default), so random writes do
 * not disturb the GPU model, and none inside a VGA region (plain vfio-pci's
 * is the machine's legacy VGA, not the VF's); writes to BAR1/BAR3 and config
 * space are made. Reads are made anywhere.
 *
 * Output: "note: fuzz seed S", then
 *   ok fuzz-bounds      / FAIL: an access wholly past a region's end, or
 *                       bytes past its end, was accepted (the kernel's
 *                       answer for a read straddling the end is only noted),
 *                       or a region without VFIO_REGION_INFO_FLAG_MMAP
 *                       (all of an mdev's BARs) was mapped
 *   ok fuzz-alive       / FAIL: after the ops and a reset, config dword 0
 *                       reads as it did at open
 *   note: fuzz N ops, seed S: X ok, Y refused (errno histogram), Z SIGBUS
 *   ok fuzz-ops
 */
#include <errno.h>
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

#define MAXMAP		8
#define BUFSZ		65536
#define NERR		256

struct fz_map {
	void *p;
	size_t len;
	uint64_t pos;		/* file offset it maps */
};

struct fz {
	struct vc_dev d;
	uint64_t s;		/* xorshift64* state */
	uint64_t scratch_off, scratch_len;
	struct fz_map map[MAXMAP];
	unsigned long nok, nref, nbus, nshort, nbad, nmap, nmacc;
	unsigned long err[NERR];
	char bad[256];		/* the first bounds violations */
	int efd;
	long pg;
};

static struct fz F;
static uint8_t buf[BUFSZ];
static sigjmp_buf fz_jmp;
static volatile sig_atomic_t fz_armed;

static void fz_sigbus(int sig)
{
	(void)sig;
	if (fz_armed)
		siglongjmp(fz_jmp, 1);
	_exit(3);
}

static uint64_t rnd(void)
{
	F.s ^= F.s >> 12;
	F.s ^= F.s << 25;
	F.s ^= F.s >> 27;
	return F.s * 0x2545f4914f6cdd1dull;
}

/* uniform-ish in [0, n); 0 when n is 0 */
static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static void result(long r)
{
	if (r >= 0) {
		F.nok++;
	} else {
		F.nref++;
		F.err[errno > 0 && errno < NERR ? errno : 0]++;
	}
}

static uint64_t reg_size(unsigned idx)
{
	return idx < VC_NREG && F.d.reg_ok[idx] ? F.d.reg[idx].size : 0;
}

static uint64_t pick_off(uint64_t sz)
{
	static const int64_t near[] = { 0, 1, 2, 3, 4, 8, -1, -2, -4, -8 };
	uint64_t pg = (uint64_t)F.pg;

	switch (below(10)) {
	case 0:
		return below(16);
	case 1:
	case 2:
		return sz + (uint64_t)near[below(10)];	/* the end, both sides */
	case 3:
	case 4:
		return below(sz / pg + 2) * pg + (uint64_t)near[below(10)];	/* page edges */
	case 5:
	case 6:
		return below(sz ? sz : 4096);
	case 7:
		return (1ull << (20 + below(44))) + below(4) - 2;	/* huge */
	case 8:
		return ~0ull - below(4096);	/* "negative" */
	default:
		return sz + pg * below(4) + below(16);	/* just past the end */
	}
}

static size_t pick_len(void)
{
	static const size_t lens[] = { 0, 1, 2, 3, 4, 4, 4, 8, 8, 5, 7, 13, 64, 4095, 4096, 4097, BUFSZ };

	return lens[below(sizeof(lens) / sizeof(lens[0]))];
}

/* does [pos, pos+len) overlap region idx? */
static bool overlaps(unsigned idx, uint64_t pos, size_t len)
{
	uint64_t b = F.d.reg_ok[idx] ? F.d.reg[idx].offset : 0, sz = reg_size(idx), end;

	if (!sz || !len)
		return false;
	end = pos + len;
	if (end < pos)
		end = ~0ull;
	return end > b && (pos < b || pos - b < sz);
}

/*
 * may a write to [pos, pos+len) not be made? Inside BAR0 only within the
 * scratch range; never inside a VGA region (vfio-pci's is the machine's
 * legacy VGA memory and ports, not the VF's).
 */
static bool write_unsafe(uint64_t pos, size_t len)
{
	uint64_t b = F.d.reg_ok[0] ? F.d.reg[0].offset : 0;

	if (overlaps(VFIO_PCI_VGA_REGION_INDEX, pos, len))
		return true;
	if (!overlaps(0, pos, len))
		return false;
	return !(F.scratch_len && pos >= b && pos - b >= F.scratch_off && len <= F.scratch_len &&
		 pos - b - F.scratch_off <= F.scratch_len - len);
}

/* the index whose [offset, offset+size) holds pos, or -1 */
static int region_at(uint64_t pos)
{
	unsigned i;

	for (i = 0; i < VC_NREG; i++)
		if (F.d.reg_ok[i] && F.d.reg[i].size && pos >= F.d.reg[i].offset &&
		    pos - F.d.reg[i].offset < F.d.reg[i].size)
			return (int)i;
	return -1;
}

static void note_bad(const char *what, unsigned idx, uint64_t off, size_t len, long n)
{
	F.nbad++;
	if (F.nbad <= 3)
		vc_addf(F.bad, sizeof(F.bad), " %s region %u +0x%llx len 0x%zx (%ld);", what, idx,
			(unsigned long long)off, len, n);
}

/* the bytes [pos, pos+len) all inside one region */
static bool inside(uint64_t pos, uint64_t len)
{
	int ri = region_at(pos);

	return ri >= 0 && len <= F.d.reg[ri].size - (pos - F.d.reg[ri].offset);
}

/* a u64 file position as the off_t it wraps to (two's complement, no UB) */
static off_t to_off(uint64_t pos)
{
	return pos > (uint64_t)INT64_MAX ? -(off_t)(~pos) - 1 : (off_t)pos;
}

static void op_rw(bool wr)
{
	unsigned idx = (unsigned)below(11);
	uint64_t sz = reg_size(idx), off = pick_off(sz), base = vc_reg_base(&F.d, idx), pos = base + off;
	size_t len = pick_len();
	ssize_t n;

	if (pos < base)
		pos = ~0ull;	/* wrapped: a "negative" position either way */
	if (wr && write_unsafe(pos, len))
		return;
	if (wr)
		for (size_t i = 0; i < len && i < 16; i++)
			buf[i] = (uint8_t)rnd();
	/* a position past INT64_MAX is a negative off_t: the kernel refuses it */
	n = wr ? pwrite(F.d.device, buf, len, to_off(pos)) : pread(F.d.device, buf, len, to_off(pos));
	result(n);
	if (n <= 0)
		return;
	if (inside(pos, (uint64_t)n)) {
		if ((size_t)n < len)
			F.nshort++;	/* cut short at the region's end */
		return;
	}
	if (region_at(pos) >= 0) {
		/* started inside a region: moved bytes past its end */
		note_bad(wr ? "write past the end of" : "read past the end of", idx, off, len, (long)n);
	} else {
		note_bad(wr ? "write outside" : "read outside", idx, off, len, (long)n);
	}
}

static void op_cfg(void)
{
	uint32_t v, cmd;
	unsigned off, size, bar;

	switch (below(4)) {
	case 0: {	/* BAR sizing sequence */
		bar = 0x10 + 4 * (unsigned)below(7);
		if (bar == 0x28)
			bar = 0x30;	/* the ROM BAR */
		if (vc_cfg_rd(&F.d, bar, 4, &v)) {
			result(-1);
			return;
		}
		result(vc_cfg_wr(&F.d, bar, 4, 0xffffffffu));
		result(vc_cfg_rd(&F.d, bar, 4, &cmd));
		result(vc_cfg_wr(&F.d, bar, 4, below(2) ? v : (uint32_t)rnd()));
		return;
	}
	case 1:	/* Memory Space Enable flip */
		if (vc_cfg_rd(&F.d, 0x04, 2, &cmd)) {
			result(-1);
			return;
		}
		result(vc_cfg_wr(&F.d, 0x04, 2, cmd ^ 0x2));
		return;
	default:
		size = 1u << below(3);
		off = (unsigned)below(below(8) ? 0x100 : VC_CFG_SIZE) & ~(size - 1);
		if (below(8) == 0)
			off |= (unsigned)below(4);	/* misaligned now and then */
		result(vc_cfg_wr(&F.d, off, size, (uint32_t)rnd()));
	}
}

static void op_map_access(void)
{
	unsigned k, live = 0, want;
	struct fz_map *m = NULL;
	volatile uint32_t *p;
	uint64_t o;
	int ri;

	for (k = 0; k < MAXMAP; k++)
		live += F.map[k].p != NULL;
	if (!live)
		return;
	want = (unsigned)below(live);
	for (k = 0; k < MAXMAP; k++)
		if (F.map[k].p && !want--) {
			m = &F.map[k];
			break;
		}
	if (!m || m->len < 4)
		return;
	F.nmacc++;
	o = below(m->len / 4) * 4;
	p = (volatile uint32_t *)((char *)m->p + o);
	ri = region_at(m->pos + o);
	fz_armed = 1;
	if (sigsetjmp(fz_jmp, 1) == 0) {
		if (below(4) == 0 && ri >= 0 && !write_unsafe(m->pos + o, 4) &&
		    ri != VFIO_PCI_CONFIG_REGION_INDEX) {
			*p = (uint32_t)rnd();
		} else {
			uint32_t v = *p;

			(void)v;
		}
		F.nok++;
	} else {
		F.nbus++;
	}
	fz_armed = 0;
}

static void op_mmap(void)
{
	static const unsigned idx_pick[] = { 0, 0, 0, 1, 1, 3, 2, 6, 7, 8, 9 };
	unsigned idx = idx_pick[below(sizeof(idx_pick) / sizeof(idx_pick[0]))], k;
	uint64_t sz = reg_size(idx), area_off = 0, area_sz = sz, off, base = vc_reg_base(&F.d, idx);
	uint64_t pg = (uint64_t)F.pg;
	size_t len;
	void *p;

	if (idx == 0 && below(2) && vc_mmap_area(&F.d, 0, &area_off, &area_sz))
		area_sz = 0;
	if (area_sz >= pg && below(2)) {
		/* well-formed: whole pages inside the area, so it maps */
		uint64_t pages = area_sz / pg, first = below(pages), n = pages - first;

		off = area_off + first * pg;
		len = (size_t)(pg * (1 + below(n < 16 ? n : 16)));
		goto map;
	}
	switch (below(4)) {
	case 0:
		off = area_off;
		break;
	case 1:
		off = area_off + below(area_sz / pg + 2) * pg;
		break;
	case 2:
		off = pick_off(sz);
		break;
	default:
		off = below(sz + 1) & ~(pg - 1);
	}
	switch (below(4)) {
	case 0:
		len = (size_t)pg;
		break;
	case 1:
		len = (size_t)(pg * (1 + below(16)));
		break;
	case 2:
		len = area_sz && area_sz <= (1ull << 32) ? (size_t)area_sz : (size_t)pg;
		break;
	default:
		len = (size_t)(pg * (1 + below(1u << 18)));
	}
map:
	if (base + off < base || base + off > (uint64_t)INT64_MAX) {
		/* a "negative" offset: the kernel must refuse it */
		p = mmap(NULL, len, PROT_READ, MAP_SHARED, F.d.device, -(off_t)pg);
		result(p == MAP_FAILED ? -1 : 0);
		if (p != MAP_FAILED) {
			note_bad("mmap at a negative offset of", idx, off, len, 0);
			if (munmap(p, len))
				vc_note("fuzz: munmap: %s", strerror(errno));
		}
		return;
	}
	for (k = 0; k < MAXMAP && F.map[k].p; k++)
		;
	if (k == MAXMAP) {
		k = (unsigned)below(MAXMAP);
		if (munmap(F.map[k].p, F.map[k].len))
			result(-1);
		F.map[k].p = NULL;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, F.d.device, (off_t)(base + off));
	if (p == MAP_FAILED) {
		result(-1);
		return;
	}
	F.nok++;
	F.nmap++;
	if (!inside(base + off, len))
		note_bad("mmap past the end of", idx, off, len, 0);
	else if (!(F.d.reg[region_at(base + off)].flags & VFIO_REGION_INFO_FLAG_MMAP))
		note_bad("mmap of a region without VFIO_REGION_INFO_FLAG_MMAP,", idx, off, len, 0);
	F.map[k].p = p;
	F.map[k].len = len;
	F.map[k].pos = base + off;
}

static void op_munmap(void)
{
	unsigned k = (unsigned)below(MAXMAP);

	if (!F.map[k].p)
		return;
	result(munmap(F.map[k].p, F.map[k].len));
	F.map[k].p = NULL;
}

static uint32_t pick_u32(uint32_t typical)
{
	switch (below(6)) {
	case 0:
		return 0;
	case 1:
		return 0xffffffffu;
	case 2:
		return 1u << below(32);
	case 3:
		return (uint32_t)rnd();
	default:
		return typical + (uint32_t)below(3) - 1;
	}
}

static void op_ioctl(void)
{
	static uint8_t ib[4096] __attribute__((aligned(8)));
	uint32_t argsz;

	memset(ib, 0, sizeof(ib));
	switch (below(5)) {
	case 0: {
		struct vfio_region_info *ri = (void *)ib;

		argsz = below(4) ? (uint32_t)sizeof(*ri) : (uint32_t)below(sizeof(ib) + 1);
		ri->argsz = argsz;
		ri->index = below(2) ? (uint32_t)below(12) : pick_u32(VC_NREG);
		result(ioctl(F.d.device, VFIO_DEVICE_GET_REGION_INFO, ri));
		return;
	}
	case 1: {
		struct vfio_irq_info *ii = (void *)ib;

		ii->argsz = below(4) ? (uint32_t)sizeof(*ii) : (uint32_t)below(sizeof(ib) + 1);
		ii->index = below(2) ? (uint32_t)below(7) : pick_u32(VFIO_PCI_NUM_IRQS);
		result(ioctl(F.d.device, VFIO_DEVICE_GET_IRQ_INFO, ii));
		return;
	}
	case 2:
	case 3: {
		struct vfio_irq_set *s = (void *)ib;
		static const uint32_t flag_pick[] = {
			VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
			VFIO_IRQ_SET_DATA_BOOL | VFIO_IRQ_SET_ACTION_TRIGGER,
			VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
			VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_MASK,
			VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_UNMASK,
			VFIO_IRQ_SET_DATA_BOOL | VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
			VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_MASK | VFIO_IRQ_SET_ACTION_TRIGGER,
			0,
		};
		uint32_t count = below(3) ? (uint32_t)below(4) : pick_u32(8), i;
		size_t room = (sizeof(ib) - sizeof(*s)) / sizeof(int32_t);

		s->flags = below(8) ? flag_pick[below(sizeof(flag_pick) / sizeof(flag_pick[0]))] :
				      (uint32_t)rnd();
		s->index = below(3) ? (uint32_t)below(6) : pick_u32(VFIO_PCI_NUM_IRQS);
		s->start = below(2) ? (uint32_t)below(4) : pick_u32(8);
		s->count = count;
		/* data: eventfds (ours or -1) or bools, as many as fit */
		for (i = 0; i < count && i < room; i++) {
			int32_t fd = below(2) ? F.efd : -1;

			memcpy(ib + sizeof(*s) + 4 * i, &fd, sizeof(fd));
		}
		argsz = (uint32_t)(sizeof(*s) + 4 * (count < room ? count : room));
		s->argsz = below(4) ? argsz : (uint32_t)below(sizeof(ib) + 1);
		result(ioctl(F.d.device, VFIO_DEVICE_SET_IRQS, s));
		return;
	}
	default:
		if (below(4) == 0) {
			result(ioctl(F.d.device, VFIO_DEVICE_RESET));
		} else {
			struct vfio_device_info *di = (void *)ib;

			di->argsz = (uint32_t)below(sizeof(ib) + 1);
			result(ioctl(F.d.device, VFIO_DEVICE_GET_INFO, di));
		}
	}
}

static const char *errname(int e)
{
	static char other[16];

	switch (e) {
	case EINVAL: return "EINVAL";
	case EFAULT: return "EFAULT";
	case EIO: return "EIO";
	case ENOTTY: return "ENOTTY";
	case ENODEV: return "ENODEV";
	case ENXIO: return "ENXIO";
	case EBUSY: return "EBUSY";
	case ENOMEM: return "ENOMEM";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case EAGAIN: return "EAGAIN";
	case EOVERFLOW: return "EOVERFLOW";
	case ENOSPC: return "ENOSPC";
	case ERANGE: return "ERANGE";
	case EBADF: return "EBADF";
	case E2BIG: return "E2BIG";
	case ENOSYS: return "ENOSYS";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ETIMEDOUT: return "ETIMEDOUT";
	case 0: return "errno-out-of-range";
	default:
		snprintf(other, sizeof(other), "errno%d", e);
		return other;
	}
}

static int parse_scratch(const char *s)
{
	char tmp[64], *colon;

	if (strlen(s) >= sizeof(tmp))
		return -1;
	strcpy(tmp, s);
	colon = strchr(tmp, ':');
	if (!colon)
		return -1;
	*colon = '\0';
	if (vc_parse_u64(tmp, &F.scratch_off) || vc_parse_u64(colon + 1, &F.scratch_len))
		return -1;
	return F.scratch_off + F.scratch_len < F.scratch_off ? -1 : 0;
}

int vc_fuzz(int argc, char **argv)
{
	uint64_t ops = 0, seed = 0, n;
	bool have_ops = false, have_seed = false;
	char hist[512] = "";
	struct sigaction sa;
	uint32_t id0, id1;
	unsigned k;
	int i;

	memset(&F, 0, sizeof(F));
	for (i = 3; i < argc; i++) {
		if (i + 1 >= argc)
			goto usage;
		if (!strcmp(argv[i], "--ops") && !vc_parse_u64(argv[i + 1], &ops) && ops <= 100000000)
			have_ops = true;
		else if (!strcmp(argv[i], "--seed") && !vc_parse_u64(argv[i + 1], &seed))
			have_seed = true;
		else if (!strcmp(argv[i], "--scratch") && !parse_scratch(argv[i + 1]))
			;
		else
			goto usage;
		i++;
	}
	if (!have_ops || !have_seed)
		goto usage;
	F.s = seed ? seed : 0x9e3779b97f4a7c15ull;
	F.pg = sysconf(_SC_PAGESIZE);
	if (F.pg <= 0)
		F.pg = 4096;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fz_sigbus;
	if (sigemptyset(&sa.sa_mask) || sigaction(SIGBUS, &sa, NULL)) {
		printf("FAIL open: sigaction: %s\n", strerror(errno));
		return 1;
	}
	vc_note("fuzz seed %llu", (unsigned long long)seed);
	if (vc_open(&F.d, argv[2]))
		return 1;
	F.efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (F.efd < 0) {
		printf("FAIL open: eventfd: %s\n", strerror(errno));
		vc_close(&F.d);
		return 1;
	}
	if (F.scratch_len &&
	    (F.scratch_off > reg_size(0) || F.scratch_len > reg_size(0) - F.scratch_off))
		vc_note("fuzz: --scratch 0x%llx:0x%llx is not inside BAR0 (0x%llx bytes)",
			(unsigned long long)F.scratch_off, (unsigned long long)F.scratch_len,
			(unsigned long long)reg_size(0));
	if (vc_cfg_rd(&F.d, 0, 4, &id0))
		id0 = 0;
	/* memory decode on, so the BARs answer until a flip turns it off */
	if (vc_cfg_rd(&F.d, 0x04, 2, &id1) == 0)
		result(vc_cfg_wr(&F.d, 0x04, 2, id1 | 0x2));

	for (n = 0; n < ops; n++) {
		switch (below(16)) {
		case 0: case 1: case 2: case 3:
			op_rw(false);
			break;
		case 4: case 5:
			op_rw(true);
			break;
		case 6: case 7: case 8:
			op_cfg();
			break;
		case 9: case 10: case 11:
			op_map_access();
			break;
		case 12:
			op_mmap();
			break;
		case 13:
			op_munmap();
			break;
		default:
			op_ioctl();
		}
	}

	for (k = 0; k < MAXMAP; k++)
		if (F.map[k].p && munmap(F.map[k].p, F.map[k].len))
			vc_note("fuzz: munmap at the end: %s", strerror(errno));
	for (k = 0; k < VFIO_PCI_NUM_IRQS; k++) {
		struct vfio_irq_set s = { .argsz = sizeof(s), .index = k,
					  .flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER };

		(void)!ioctl(F.d.device, VFIO_DEVICE_SET_IRQS, &s);	/* INTx/MSI may be absent */
	}
	vc_verdict("fuzz-bounds", F.bad);
	if (F.nshort)
		vc_note("fuzz: %lu accesses straddling a region's end were cut short (accepted up to the end)",
			F.nshort);
	if (ioctl(F.d.device, VFIO_DEVICE_RESET) < 0)
		vc_fail("fuzz-alive", "VFIO_DEVICE_RESET after the ops: %s", strerror(errno));
	else if (vc_cfg_rd(&F.d, 0, 4, &id1))
		vc_fail("fuzz-alive", "config read after the ops: %s", strerror(errno));
	else if (id1 != id0)
		vc_fail("fuzz-alive", "config dword 0 reads 0x%08x, 0x%08x at open", id1, id0);
	else
		vc_ok("fuzz-alive");
	for (k = 0; k < NERR; k++)
		if (F.err[k])
			vc_addf(hist, sizeof(hist), "%s%s %lu", hist[0] ? ", " : "", errname((int)k), F.err[k]);
	vc_note("fuzz: %lu mmaps made, %lu accesses through them", F.nmap, F.nmacc);
	vc_note("fuzz %llu ops, seed %llu: %lu ok, %lu refused (%s), %lu SIGBUS", (unsigned long long)ops,
		(unsigned long long)seed, F.nok, F.nref, hist[0] ? hist : "none", F.nbus);
	if (close(F.efd) | vc_close(&F.d))
		vc_fail("fuzz-ops", "close: %s", strerror(errno));
	else
		vc_ok("fuzz-ops");
	return 0;
usage:
	fprintf(stderr, "usage: vgpu_client fuzz DEV --ops N --seed S [--scratch OFF:LEN]\n");
	return 2;
}
