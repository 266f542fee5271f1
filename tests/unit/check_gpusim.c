// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gpusim.c - gpusim's hardware model: identification and power-on
 * registers, falcon reset and scrubbing, PIO and DMA loads, mailboxes,
 * interrupts, the PROM window, device-gone, FWSEC runs (v3 by DMA, v2 by PIO
 * directly and through the real gen_bootloader), the SEC2 booters, and the
 * FSP's message framing and chain-of-trust checks. Table-driven over the
 * chips and releases with firmware files in graphics-sid.
 *
 * The tests drive the model through its BAR0 accessors only, with the
 * register offsets written out here from Documentation/hardware.rst (not shared with the
 * model), and build what the driver would load from the real files and the
 * VBIOS layout gpusim_vbios.h documents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "gpusim.h"
#include "gpusim_rm.h"
#include "gpusim_vbios.h"
#include "chip/nvgsp_chip.h"
#include "fw/nvgsp_fw_fmc.h"
#include "fw/nvgsp_fw_ucode.h"

#define N(a) (int)(ARRAY_SIZE(a))

/* Documentation/hardware.rst, "Falcon engines" and "FSP". */
#define GSP		0x110000u
#define SEC2		0x840000u
#define FSP		0x8f2000u
#define F2		0x1000u
#define IRQSSET		0x000u
#define IRQSCLR		0x004u
#define IRQSTAT		0x008u
#define MAILBOX0	0x040u
#define MAILBOX1	0x044u
#define HWCFG2		0x0f4u
#define CPUCTL		0x100u
#define BOOTVEC		0x104u
#define HWCFG		0x108u
#define DMACTL		0x10cu
#define DMATRFBASE	0x110u
#define DMATRFMOFFS	0x114u
#define DMATRFCMD	0x118u
#define DMATRFFBOFFS	0x11cu
#define DMATRFBASE1	0x128u
#define IMEMC		0x180u
#define IMEMD		0x184u
#define IMEMT		0x188u
#define DMEMC		0x1c0u
#define DMEMD		0x1c4u
#define ENGINE		0x3c0u
#define TRANSCFG(i)	(0x600u + 4u * (i))
#define EMEMC		0xac0u
#define EMEMD		0xac4u
#define QUEUE_HEAD	0xc00u
#define QUEUE_TAIL	0xc04u
#define MSGQ_HEAD	0xc80u
#define MSGQ_TAIL	0xc84u
#define MOD_SEL		(F2 + 0x180u)
#define UCODE_ID	(F2 + 0x198u)
#define ENGIDMASK	(F2 + 0x19cu)
#define PARAADDR0	(F2 + 0x210u)
#define RISCV_CPUCTL	(F2 + 0x388u)
#define BCR_CTRL	(F2 + 0x668u)
#define SCRATCH_E	0x001438u
#define WPR2_LO		0x1fa824u
#define WPR2_HI		0x1fa828u
#define PROM		0x300000u
/* The CPU interrupt tree (hardware.rst, "Interrupt tree (VFN)"; nouveau vfn/tu102.c). */
#define INTR		0xb80000u
#define LEAF(i)		(INTR + 0x1000u + 4u * (i))
#define LEAF_EN_SET(i)	(INTR + 0x1200u + 4u * (i))
#define LEAF_EN_CLR(i)	(INTR + 0x1400u + 4u * (i))
#define TOP		(INTR + 0x1600u)
#define TOP_EN_SET	(INTR + 0x1608u)
#define TOP_EN_CLR	(INTR + 0x1610u)
#define NR_LEAVES	8u
#define SWGEN0		0x40u
#define RETRIGGER	0x3e8u

static const struct row {
	const char *chip;
	const char *release;
	u16 chipset;
} rows[] = {
	{ "tu102", "535.113.01", 0x162 },
	{ "tu116", "535.113.01", 0x168 },
	{ "ga100", "535.113.01", 0x170 },
	{ "ga102", "535.113.01", 0x172 },
	{ "ad102", "535.113.01", 0x192 },
	{ "tu102", "570.144", 0x162 },
	{ "tu116", "570.144", 0x168 },
	{ "ga100", "570.144", 0x170 },
	{ "ga102", "570.144", 0x172 },
	{ "ad102", "570.144", 0x192 },
	{ "gh100", "570.144", 0x180 },
	{ "gb100", "570.144", 0x1a0 },
	{ "gb202", "570.144", 0x1b2 },
};

static struct nvgsp_os_device dev = { .name = "gpusim-test" };

static struct gpusim *sim_new(const char *chip, const char *release)
{
	struct gpusim_config cfg = {
		.chip = chip,
		.release = release,
		.fw_path = unit_fw_root("graphics-sid"),
	};
	struct gpusim *sim = NULL;
	char err[256];
	int ret;

	ret = gpusim_create(&cfg, &sim, err, sizeof(err));
	ck_assert_msg(ret == 0, "gpusim_create(%s, %s): %d %s", chip, release, ret, err);
	nvgsp_os_user_set_tick(gpusim_tick_hook, sim);
	return sim;
}

static void sim_free(struct gpusim *sim)
{
	nvgsp_os_user_set_tick(NULL, NULL);
	gpusim_destroy(sim);
}

static bool pre_ga102(const char *chip)
{
	return chip[0] == 't' || !strcmp(chip, "ga100");
}

/* Take a falcon out of reset and wait for the scrub, as a driver does. */
static void flcn_reset(struct gpusim *sim, u32 base)
{
	int i;

	gpusim_wr32(sim, base + ENGINE, 1);
	gpusim_wr32(sim, base + ENGINE, 0);
	for (i = 0; i < 100 && (gpusim_rd32(sim, base + HWCFG2) & (1u << 12)); i++)
		nvgsp_os_usleep(1);
	ck_assert_uint_eq(gpusim_rd32(sim, base + HWCFG2) & (1u << 12), 0);
	/* GA102+: the falcon core, not RISC-V. */
	gpusim_wr32(sim, base + BCR_CTRL, 0);
}

static void dma_setup(struct gpusim *sim, u32 base, u64 addr)
{
	gpusim_wr32(sim, base + TRANSCFG(0), 1 | 4);	/* coherent sysmem, physical */
	gpusim_wr32(sim, base + DMACTL, 0);
	gpusim_wr32(sim, base + DMATRFBASE, (u32)(addr >> 8));
	gpusim_wr32(sim, base + DMATRFBASE1, (u32)(addr >> 40));
}

/* DMA [@src, +@len) of the buffer at @addr to IMEM/DMEM @dst in 256-byte steps. */
static void dma_load(struct gpusim *sim, u32 base, u64 addr, bool imem, u32 dst, u32 src,
		     u32 len)
{
	u32 off;

	dma_setup(sim, base, addr);
	for (off = 0; off < len; off += 256) {
		gpusim_wr32(sim, base + DMATRFMOFFS, dst + off);
		gpusim_wr32(sim, base + DMATRFFBOFFS, src + off);
		/* size 6 = 256 bytes; IMEM: secure (sec = 1) */
		gpusim_wr32(sim, base + DMATRFCMD, imem ? 0x614 : 0x600);
		ck_assert(gpusim_rd32(sim, base + DMATRFCMD) & 2);
	}
}

static void pio_load(struct gpusim *sim, u32 base, bool imem, u32 dst, const u8 *p, u32 len,
		     u32 tag)
{
	u32 off, w;

	gpusim_wr32(sim, base + (imem ? IMEMC : DMEMC), dst | (1u << 24));
	for (off = 0; off < len; off += 4) {
		if (imem && !(off % 256))
			gpusim_wr32(sim, base + IMEMT, tag + off / 256);
		w = 0;
		memcpy(&w, p + off, len - off < 4 ? len - off : 4);
		gpusim_wr32(sim, base + (imem ? IMEMD : DMEMD), w);
	}
}

static u8 *dma_buf(struct nvgsp_os_dma *dma, const void *src, size_t len)
{
	ck_assert_int_eq(nvgsp_os_dma_alloc(&dev, (len + 4095) & ~4095ul, dma), 0);
	if (src)
		memcpy(dma->cpu, src, len);
	return dma->cpu;
}

static void assert_error(struct gpusim *sim, const char *what)
{
	ck_assert_msg(strstr(gpusim_error(sim), what), "gpusim_error() = \"%s\", want \"%s\"",
		      gpusim_error(sim), what);
}

/* ---- identification, power-on registers, PCI ---- */

START_TEST(identity)
{
	const struct row *r = &rows[_i];
	struct gpusim *sim = sim_new(r->chip, r->release);
	struct nvgsp_chip_id id;
	struct gpusim_pci pci;
	char why[NVGSP_CHIP_WHY_LEN];
	u32 fb;

	ck_assert_int_eq(nvgsp_chip_decode(gpusim_rd32(sim, 0), gpusim_rd32(sim, 0xa00), &id,
					   why, sizeof(why)), 0);
	ck_assert_uint_eq(id.chipset, r->chipset);
	ck_assert_uint_eq(id.major_rev, 0xa);
	ck_assert_uint_eq(id.minor_rev, 1);
	/* GFW boot done (nova-core gpu/hal/tu102.rs). */
	ck_assert_uint_eq(gpusim_rd32(sim, 0x118128) & 1, 1);
	ck_assert_uint_eq(gpusim_rd32(sim, 0x118234) & 0xff, 0xff);
	if (pre_ga102(r->chip)) {
		u32 v = gpusim_rd32(sim, 0x100ce0);

		fb = ((v >> 4) & 0x3f) << (v & 0xf);
		ck_assert_uint_eq(gpusim_rd32(sim, 0x1183a4), 0);
	} else {
		fb = gpusim_rd32(sim, 0x1183a4);
		ck_assert_uint_eq(gpusim_rd32(sim, 0x100ce0), 0);
	}
	ck_assert_uint_gt(fb, 1024);
	ck_assert_uint_eq(gpusim_rd32(sim, WPR2_HI), 0);
	ck_assert_uint_eq(gpusim_rd32(sim, 0x625f04) & 8, 0);
	/* GSP HWCFG: 64 KiB IMEM and DMEM. */
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + HWCFG), 0x100 | 0x100 << 9);
	if (r->chipset >= 0x180 && r->chipset < 0x190)
		ck_assert_uint_eq(gpusim_rd32(sim, 0x0200bc), 0xff);
	if (r->chipset >= 0x1b0)
		ck_assert_uint_eq(gpusim_rd32(sim, 0x0ad0bc), 0xff);
	if (r->chipset >= 0x180 && r->chipset != 0x192)
		ck_assert_uint_ne(gpusim_rd32(sim, GSP + HWCFG2) & (1u << 13), 0);
	/* Unknown registers read 0, keep what is written, and are no error. */
	ck_assert_uint_eq(gpusim_rd32(sim, 0x123450), 0);
	gpusim_wr32(sim, 0x123450, 0xabcd);
	ck_assert_uint_eq(gpusim_rd32(sim, 0x123450), 0xabcd);
	gpusim_wr32(sim, 0x0, 0x12345678);
	ck_assert_uint_eq(gpusim_rd32(sim, 0) >> 20, r->chipset);
	ck_assert_str_eq(gpusim_error(sim), "");

	gpusim_get_pci(sim, &pci);
	ck_assert_uint_eq(pci.subsystem_vendor, 0x10de);
	ck_assert_uint_eq(pci.bar3_size, 32u << 20);
	ck_assert_uint_ge(pci.bar1_size, 256u << 20);
	sim_free(sim);
}
END_TEST

static const struct {
	const char *chip;
	u16 device_id;
	u32 class_code;
} pci_rows[] = {
	{ "tu102", 0x1e04, 0x030000 }, { "tu117", 0x1f82, 0x030000 },
	{ "ga100", 0x20b0, 0x030200 }, { "ga102", 0x2204, 0x030000 },
	{ "ad102", 0x2684, 0x030000 }, { "gh100", 0x2331, 0x030200 },
	{ "gb100", 0x2901, 0x030200 }, { "gb202", 0x2b85, 0x030000 },
};

START_TEST(pci_identity)
{
	struct gpusim *sim = sim_new(pci_rows[_i].chip, "570.144");
	struct gpusim_pci pci;

	gpusim_get_pci(sim, &pci);
	ck_assert_uint_eq(pci.device_id, pci_rows[_i].device_id);
	ck_assert_uint_eq(pci.class_code, pci_rows[_i].class_code);
	sim_free(sim);
}
END_TEST

START_TEST(create_refusals)
{
	struct gpusim_config cfg = {
		.chip = "gv100", .release = "570.144", .fw_path = unit_fw_root("graphics-sid"),
	};
	struct gpusim *sim = (struct gpusim *)&cfg;
	char err[256];

	ck_assert_int_eq(gpusim_create(&cfg, &sim, err, sizeof(err)), -ENODEV);
	ck_assert_ptr_null(sim);
	ck_assert_str_eq(err, "unknown chip \"gv100\"");
	cfg.chip = "ga102";
	cfg.release = "999.1";
	ck_assert_int_lt(gpusim_create(&cfg, &sim, err, sizeof(err)), 0);
	ck_assert_ptr_null(sim);
	ck_assert_str_ne(err, "");
	/* TU10x FB size must fit LOCAL_MEMORY_RANGE's mag << scale. */
	cfg.chip = "tu102";
	cfg.release = "570.144";
	cfg.fb_mib = 4097;
	ck_assert_int_eq(gpusim_create(&cfg, &sim, err, sizeof(err)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "fb_mib 4097"));
	gpusim_destroy(NULL);
}
END_TEST

/* ---- falcon registers ---- */

START_TEST(reset_and_scrub)
{
	struct gpusim *sim = sim_new(_i ? "tu102" : "ga102", "570.144");
	u32 base = _i ? SEC2 : GSP;

	/* Power-on: in reset; HALTED; mailboxes survive only until reset. */
	ck_assert_uint_eq(gpusim_rd32(sim, base + ENGINE) & 1, 1);
	ck_assert_uint_ne(gpusim_rd32(sim, base + HWCFG2) & (1u << 31), 0);
	gpusim_wr32(sim, base + MAILBOX0, 0x11);
	gpusim_wr32(sim, base + ENGINE, 1);
	gpusim_wr32(sim, base + ENGINE, 0);
	ck_assert_uint_eq(gpusim_rd32(sim, base + MAILBOX0), 0);
	ck_assert_uint_ne(gpusim_rd32(sim, base + HWCFG2) & (1u << 12), 0);
	ck_assert_uint_eq(gpusim_rd32(sim, base + DMACTL) & 6, 6);
	ck_assert_uint_ne(gpusim_rd32(sim, base + CPUCTL) & 0x10, 0);
	/* Busy for 5 us of virtual time, cleared on a tick. */
	nvgsp_os_usleep(2);
	ck_assert_uint_ne(gpusim_rd32(sim, base + HWCFG2) & (1u << 12), 0);
	nvgsp_os_usleep(4);
	ck_assert_uint_eq(gpusim_rd32(sim, base + HWCFG2) & (1u << 12), 0);
	ck_assert_uint_eq(gpusim_rd32(sim, base + DMACTL) & 6, 0);
	/* PIO while scrubbing is refused, naming the register. */
	gpusim_wr32(sim, base + ENGINE, 1);
	gpusim_wr32(sim, base + ENGINE, 0);
	gpusim_wr32(sim, base + DMEMC, 1u << 24);
	gpusim_wr32(sim, base + DMEMD, 0x1234);
	assert_error(sim, _i ? "SEC2 DMEMD(0) written (0x00001234) while memory scrubbing" :
			       "GSP DMEMD(0) written (0x00001234) while memory scrubbing");
	sim_free(sim);
}
END_TEST

START_TEST(pio_loads)
{
	struct gpusim *sim = sim_new("tu102", "570.144");
	u8 data[0x300];
	u32 i;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (u8)(i * 7 + 3);
	flcn_reset(sim, GSP);
	pio_load(sim, GSP, true, 0x1200, data, sizeof(data), 0x40);
	pio_load(sim, GSP, false, 0x800, data, 0x100, 0);
	/* Read back with auto-increment on read. */
	gpusim_wr32(sim, GSP + IMEMC, 0x1200 | (1u << 25));
	for (i = 0; i < sizeof(data); i += 4) {
		u32 want;

		memcpy(&want, data + i, 4);
		ck_assert_uint_eq(gpusim_rd32(sim, GSP + IMEMD), want);
	}
	gpusim_wr32(sim, GSP + IMEMC, 0x1300);
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + IMEMT), 0x41);
	gpusim_wr32(sim, GSP + DMEMC, 0x8fc);
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + DMEMD), 0xfcf5eee7u);
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + DMEMD), 0xfcf5eee7u);	/* no aincr */
	gpusim_wr32(sim, GSP + DMEMC, 0x7fc);
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + DMEMD), 0);
	/* Past the end of DMEM. */
	gpusim_wr32(sim, GSP + DMEMC, 0xfffc | (1u << 24));
	gpusim_wr32(sim, GSP + DMEMD, 1);
	ck_assert_str_eq(gpusim_error(sim), "");
	gpusim_wr32(sim, GSP + DMEMD, 2);	/* wrapped to 0: still inside */
	gpusim_wr32(sim, GSP + DMEMC, 0);
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + DMEMD), 2);
	/* In reset. */
	gpusim_wr32(sim, GSP + ENGINE, 1);
	gpusim_wr32(sim, GSP + IMEMD, 5);
	assert_error(sim, "GSP IMEMD(0) written (0x00000005) while the falcon is held in reset");
	sim_free(sim);
}
END_TEST

START_TEST(dma_loads)
{
	struct gpusim *sim = sim_new("ga102", "570.144");
	struct nvgsp_os_dma dma = { 0 };
	u8 *buf = dma_buf(&dma, NULL, 0x1000);
	u32 i, w;

	for (i = 0; i < 0x1000; i++)
		buf[i] = (u8)(i ^ 0x5a);
	flcn_reset(sim, SEC2);
	dma_load(sim, SEC2, dma.addr, true, 0x300, 0x100, 0x200);
	dma_load(sim, SEC2, dma.addr, false, 0x40, 0x800, 0x100);
	gpusim_wr32(sim, SEC2 + IMEMC, 0x300 | (1u << 25));
	for (i = 0; i < 0x200; i += 4) {
		memcpy(&w, buf + 0x100 + i, 4);
		ck_assert_uint_eq(gpusim_rd32(sim, SEC2 + IMEMD), w);
	}
	gpusim_wr32(sim, SEC2 + DMEMC, 0x40 | (1u << 25));
	for (i = 0; i < 0x100; i += 4) {
		memcpy(&w, buf + 0x800 + i, 4);
		ck_assert_uint_eq(gpusim_rd32(sim, SEC2 + DMEMD), w);
	}
	ck_assert_str_eq(gpusim_error(sim), "");

	/* FBIF_TRANSCFG pointing at FB. */
	gpusim_wr32(sim, SEC2 + TRANSCFG(0), 0);
	gpusim_wr32(sim, SEC2 + DMATRFCMD, 0x600);
	assert_error(sim, "SEC2 DMATRFCMD: FBIF_TRANSCFG(0) = 0x0 targets local FB, not system memory");
	sim_free(sim);

	/* An unmapped source address. */
	sim = sim_new("ga102", "570.144");
	flcn_reset(sim, SEC2);
	dma_load(sim, SEC2, dma.addr + 0x100000, false, 0, 0, 0x100);
	assert_error(sim, "DMA fault: DMA to DMEM at 0x");
	sim_free(sim);

	/* In reset. */
	sim = sim_new("ga102", "570.144");
	dma_setup(sim, GSP, dma.addr);
	gpusim_wr32(sim, GSP + DMATRFCMD, 0x600);
	assert_error(sim, "GSP DMATRFCMD written (0x00000600) while the falcon is held in reset");
	sim_free(sim);
	nvgsp_os_dma_free(&dev, &dma);
}
END_TEST

static int irq_calls;

static void irq_cb(void *ctx)
{
	(void)ctx;
	irq_calls++;
}

START_TEST(mailboxes_and_irqs)
{
	struct gpusim *sim = sim_new("ad102", "570.144");
	struct gpusim_stats st;

	flcn_reset(sim, GSP);
	gpusim_wr32(sim, GSP + MAILBOX0, 0xcafebeef);
	gpusim_wr32(sim, GSP + MAILBOX1, 0x12);
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + MAILBOX0), 0xcafebeef);
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + MAILBOX1), 0x12);
	ck_assert_uint_eq(gpusim_rd32(sim, SEC2 + MAILBOX0), 0);
	/* Started with no ucode (gsp-boot.rst, "SEC2-booter boot", step 7): halts, keeps them. */
	gpusim_wr32(sim, GSP + CPUCTL, 2);
	ck_assert_uint_ne(gpusim_rd32(sim, GSP + CPUCTL) & 0x10, 0);
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + MAILBOX0), 0xcafebeef);
	ck_assert_str_eq(gpusim_error(sim), "");

	/* SWGEN0 is IRQSTAT bit 6; set and cleared through IRQSSET/IRQSCLR. */
	gpusim_hw_raise_swgen0(sim);
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + IRQSTAT) & SWGEN0, SWGEN0);
	gpusim_wr32(sim, GSP + IRQSCLR, SWGEN0);
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + IRQSTAT) & SWGEN0, 0);
	gpusim_wr32(sim, GSP + IRQSSET, SWGEN0);
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + IRQSTAT) & SWGEN0, SWGEN0);
	/* the tree is not enabled: nothing was delivered */
	gpusim_get_stats(sim, &st);
	ck_assert_uint_eq(st.irqs, 0);
	ck_assert(!gpusim_irq_pending(sim));
	/* Doorbell before GSP-RM runs: nothing to forward, no error. */
	gpusim_wr32(sim, GSP + QUEUE_HEAD, 0);
	ck_assert_str_eq(gpusim_error(sim), "");
	/* SEC2 started with nothing loaded is refused. */
	flcn_reset(sim, SEC2);
	gpusim_wr32(sim, SEC2 + CPUCTL, 2);
	assert_error(sim, "SEC2 CPUCTL: CPU started with no ucode loaded");
	ck_assert_uint_ne(gpusim_rd32(sim, SEC2 + MAILBOX0), 0);
	sim_free(sim);
}
END_TEST

START_TEST(prom_window)
{
	const struct row *r = &rows[_i];
	struct gpusim *sim = sim_new(r->chip, r->release);
	struct gpusim_vbios_cfg vcfg = { .device_id = 0, .desc_version = pre_ga102(r->chip) ? 2 : 3 };
	struct gpusim_pci pci;
	size_t len, i;
	u8 *rom;

	gpusim_get_pci(sim, &pci);
	vcfg.device_id = pci.device_id;
	ck_assert_int_eq(gpusim_vbios_build(&vcfg, &rom, &len), 0);
	for (i = 0; i < len; i += 4) {
		u32 want = 0, got = gpusim_rd32(sim, PROM + (u32)i);

		memcpy(&want, rom + i, len - i < 4 ? len - i : 4);
		ck_assert_msg(got == want, "PROM 0x%zx: 0x%08x, VBIOS 0x%08x", i, got, want);
	}
	ck_assert_uint_eq(gpusim_rd32(sim, PROM) & 0xffff, 0xaa55);
	gpusim_wr32(sim, PROM, 0);
	ck_assert_uint_eq(gpusim_rd32(sim, PROM) & 0xffff, 0xaa55);
	free(rom);
	sim_free(sim);
}
END_TEST

/* ---- the sysmem-flush registers ---- */

/* Per family: the low and high register, how the address goes in, what HI keeps. */
static void flush_regs(u16 chipset, u32 *lo, u32 *hi, bool *raw, u32 *hi_keep, u32 *wrong)
{
	*raw = chipset >= 0x180 && chipset < 0x190;
	*hi_keep = 0x000fffff;
	*wrong = 0x100c10;
	if (chipset < 0x170) {
		*lo = 0x100c10, *hi = 0, *wrong = 0x100c40;
	} else if (chipset < 0x180 || (chipset >= 0x190 && chipset < 0x1a0)) {
		*lo = 0x100c10, *hi = 0x100c40, *hi_keep = 0x00ffffff, *wrong = 0x100a34;
	} else if (chipset < 0x190) {
		*lo = 0x100a34, *hi = 0x100a38;
	} else if (chipset < 0x1b0) {
		*lo = 0x870e50, *hi = 0x870e54, *raw = true;
	} else {
		*lo = 0x8a1d58, *hi = 0x8a1d5c, *raw = true;
	}
}

/*
 * Each family's flush registers: a live page programmed is taken, read back
 * and reported; a value the HI register cannot hold, a page that is not
 * live host memory and another family's register are driver errors.
 */
START_TEST(flush_registers)
{
	const struct row *r = &rows[_i];
	u32 lo, hi, hi_keep, wrong;
	struct nvgsp_os_dma dma;
	struct gpusim_stats st;
	struct gpusim *sim;
	bool raw;

	flush_regs(r->chipset, &lo, &hi, &raw, &hi_keep, &wrong);
	sim = sim_new(r->chip, r->release);
	dma_buf(&dma, NULL, 4096);
	if (hi)
		gpusim_wr32(sim, hi, raw ? (u32)(dma.addr >> 32) : (u32)(dma.addr >> 40));
	gpusim_wr32(sim, lo, raw ? (u32)dma.addr : (u32)(dma.addr >> 8));
	ck_assert_str_eq(gpusim_error(sim), "");
	gpusim_get_stats(sim, &st);
	ck_assert_uint_eq(st.flush_addr[0], dma.addr);
	ck_assert_uint_eq(gpusim_rd32(sim, lo), raw ? (u32)dma.addr : (u32)(dma.addr >> 8));
	/* cleared */
	if (hi)
		gpusim_wr32(sim, hi, 0);
	gpusim_wr32(sim, lo, 0);
	gpusim_get_stats(sim, &st);
	ck_assert_uint_eq(st.flush_addr[0], 0);
	ck_assert_str_eq(gpusim_error(sim), "");
	/* an address the high register does not hold */
	if (hi) {
		gpusim_wr32(sim, hi, hi_keep + 1);
		assert_error(sim, "beyond its reach");
		ck_assert_uint_eq(gpusim_rd32(sim, hi), 0);
		sim_free(sim);
		sim = sim_new(r->chip, r->release);
	}
	/* a page that is not host memory (what a truncated address gives) */
	gpusim_wr32(sim, lo, raw ? 0x1000u : 0x10u);
	assert_error(sim, "DMA fault: sysmem flush page at 0x1000");
	sim_free(sim);
	/* another family's register */
	sim = sim_new(r->chip, r->release);
	gpusim_wr32(sim, wrong, 0x10);
	assert_error(sim, "sysmem flush register");
	assert_error(sim, "it is ");
	sim_free(sim);
	nvgsp_os_dma_free(&dev, &dma);
}
END_TEST

START_TEST(device_gone)
{
	struct gpusim *sim = sim_new("ga102", "570.144");

	gpusim_fault_set(sim, GPUSIM_FAULT_DEVICE_GONE, 3);
	ck_assert_uint_eq(gpusim_rd32(sim, 0) >> 20, 0x172);
	gpusim_wr32(sim, GSP + MAILBOX0, 7);
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + MAILBOX0), 7);
	ck_assert_uint_eq(gpusim_rd32(sim, 0), 0xffffffffu);
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + MAILBOX0), 0xffffffffu);
	gpusim_wr32(sim, GSP + MAILBOX0, 9);	/* dropped */
	ck_assert_uint_eq(gpusim_hw_rd32(sim, GSP + MAILBOX0), 7);
	gpusim_fault_set(sim, GPUSIM_FAULT_NONE, 0);
	ck_assert_uint_eq(gpusim_rd32(sim, 0) >> 20, 0x172);
	gpusim_fault_set(sim, GPUSIM_FAULT_DEVICE_GONE, 0);
	ck_assert_uint_eq(gpusim_rd32(sim, 0xa00), 0xffffffffu);
	sim_free(sim);
}
END_TEST

/* Writes of the wrong kind at the wrong time, one per row. */
static const struct misuse {
	const char *chip;
	u32 base, reg, value;
	bool reset_first;
	const char *msg;
} misuses[] = {
	{ "ga102", 0, WPR2_HI, 0x10, false,
	  "WPR2_ADDR_HI (0x1fa828) written by the CPU with 0x00000010: only FWSEC and the booter set WPR2" },
	{ "ga102", GSP, 0x130, 2, true,
	  "GSP CPUCTL_ALIAS written (0x00000002) while CPUCTL.alias_en is clear; start through CPUCTL" },
	{ "ga102", SEC2, DMATRFCMD, 0x620, true,
	  "SEC2 DMATRFCMD 0x00000620: falcon-to-host DMA is not modelled" },
	{ "ga102", SEC2, DMATRFCMD, 0x700, true,
	  "SEC2 DMATRFCMD 0x00000700: size field 7 means 512 bytes, more than 256" },
	{ "ga102", SEC2, DMATRFCMD, 0x1600, true,
	  "SEC2 DMATRFCMD: FBIF_TRANSCFG(1) = 0x1 is virtual; only physical (bit 2) DMA is modelled" },
	{ "ga102", GSP, CPUCTL, 2, false,
	  "GSP CPUCTL written (0x00000002) while the falcon is held in reset (ENGINE.reset = 1)" },
	{ "gh100", FSP, CPUCTL, 2, false,
	  "FSP CPUCTL: the FSP runs its own firmware; the driver does not start it" },
	{ "gh100", FSP, EMEMD, 1, false,
	  "FSP EMEMD(0): offset 0x2000 (from EMEMC) is past the 8192-byte EMEM" },
	{ "gh100", FSP, QUEUE_HEAD, 8, false,
	  "FSP QUEUE_HEAD 0x8 / QUEUE_TAIL 0x4: not a packet inside the 8192-byte EMEM" },
};

START_TEST(misuse)
{
	const struct misuse *m = &misuses[_i];
	struct gpusim *sim = sim_new(m->chip, "570.144");

	if (m->reset_first)
		flcn_reset(sim, m->base);
	gpusim_wr32(sim, m->base + TRANSCFG(0), 1 | 4);
	gpusim_wr32(sim, m->base + TRANSCFG(1), 1);
	gpusim_wr32(sim, m->base + EMEMC, 0x2000);
	gpusim_wr32(sim, m->base + QUEUE_TAIL, 4);
	ck_assert_str_eq(gpusim_error(sim), "");
	gpusim_wr32(sim, m->base + m->reg, m->value);
	ck_assert_str_eq(gpusim_error(sim), m->msg);
	if (m->reg == WPR2_HI)
		ck_assert_uint_eq(gpusim_rd32(sim, WPR2_HI), 0);
	sim_free(sim);
}
END_TEST

/* ---- FWSEC ---- */

static u32 le32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static void put32(u8 *p, u32 v)
{
	memcpy(p, &v, 4);
}

/**
 * struct fwsec - FWSEC as a driver patches it from the VBIOS.
 * @imem: the IMEM bytes, @imem_len of them, for IMEM @imem_phys.
 * @dmem: the patched DMEM bytes, @dmem_len, for DMEM @dmem_phys.
 * @sec_start: v2: where the secure part starts in @imem.
 */
struct fwsec {
	u8 imem[GPUSIM_VBIOS_IMEM], dmem[GPUSIM_VBIOS_DMEM];
	u32 imem_len, dmem_len, imem_phys, dmem_phys, sec_start;
};

/* Documentation/vbios.rst: read the descriptor gpusim_vbios.h places at 0xe80 and patch. */
static void fwsec_build(const u8 *rom, u32 cmd, u64 frts_addr, u64 frts_size, struct fwsec *fw)
{
	const u8 *desc = rom + GPUSIM_VBIOS_DESC;
	u32 hdr = le32(desc), ver = (hdr >> 8) & 0xff, size = hdr >> 16;
	const u8 *ucode = desc + size;
	u8 *cmd_in;

	memset(fw, 0, sizeof(*fw));
	if (ver == 3) {
		fw->imem_phys = le32(desc + 0x10);
		fw->imem_len = le32(desc + 0x14);
		fw->dmem_phys = le32(desc + 0x1c);
		fw->dmem_len = le32(desc + 0x20);
		memcpy(fw->dmem, ucode + fw->imem_len, fw->dmem_len);
		/* SignatureVersions 0x1, fuse 0: signature 0 at PKCDataOffset. */
		memcpy(fw->dmem + le32(desc + 0x08), desc + 0x2c, GPUSIM_VBIOS_SIG_LEN);
	} else {
		ck_assert_uint_eq(ver, 2);
		fw->imem_phys = le32(desc + 5 * 4);
		fw->imem_len = le32(desc + 6 * 4);
		fw->sec_start = le32(desc + 8 * 4) - le32(desc + 7 * 4);
		fw->dmem_phys = le32(desc + 11 * 4);
		fw->dmem_len = le32(desc + 12 * 4);
		memcpy(fw->dmem, ucode + le32(desc + 10 * 4), fw->dmem_len);
	}
	ck_assert_uint_le(fw->imem_len, sizeof(fw->imem));
	ck_assert_uint_le(fw->dmem_len, sizeof(fw->dmem));
	memcpy(fw->imem, ucode, fw->imem_len);
	put32(fw->dmem + GPUSIM_VBIOS_DMAP + 0x2c, cmd);
	cmd_in = fw->dmem + GPUSIM_VBIOS_CMD_IN;
	/* ReadVbios {ver 1, hdr 24, addr 0 (u64), size 0, flags 2} */
	put32(cmd_in + 0, 1);
	put32(cmd_in + 4, 24);
	put32(cmd_in + 8, 0);
	put32(cmd_in + 12, 0);
	put32(cmd_in + 16, 0);
	put32(cmd_in + 20, 2);
	if (cmd == 0x15) {
		/* FrtsRegion {ver 1, hdr 20, addr >> 12, size >> 12, type 2 (FB)} */
		put32(cmd_in + 24, 1);
		put32(cmd_in + 28, 20);
		put32(cmd_in + 32, (u32)(frts_addr >> 12));
		put32(cmd_in + 36, (u32)(frts_size >> 12));
		put32(cmd_in + 40, 2);
	}
}

static u8 *sim_rom(struct gpusim *sim, bool v2, size_t *len)
{
	struct gpusim_vbios_cfg vcfg = { .desc_version = v2 ? 2 : 3 };
	struct gpusim_pci pci;
	u8 *rom;

	gpusim_get_pci(sim, &pci);
	vcfg.device_id = pci.device_id;
	ck_assert_int_eq(gpusim_vbios_build(&vcfg, &rom, len), 0);
	return rom;
}

/* v3 (GA102+): DMA, BROM, start. */
static void fwsec_run_v3(struct gpusim *sim, const struct fwsec *fw, u32 mod_sel)
{
	struct nvgsp_os_dma dma = { 0 };

	dma_buf(&dma, NULL, 0x4000);
	memcpy(dma.cpu, fw->imem, fw->imem_len);
	memcpy((u8 *)dma.cpu + 0x2000, fw->dmem, fw->dmem_len);
	flcn_reset(sim, GSP);
	gpusim_wr32(sim, GSP + 0x624, 0x80);
	dma_load(sim, GSP, dma.addr, true, fw->imem_phys, 0, (fw->imem_len + 255) & ~255u);
	dma_load(sim, GSP, dma.addr, false, fw->dmem_phys, 0x2000, (fw->dmem_len + 255) & ~255u);
	gpusim_wr32(sim, GSP + PARAADDR0, GPUSIM_VBIOS_PKC);
	gpusim_wr32(sim, GSP + ENGIDMASK, GPUSIM_VBIOS_ENGINE_GSP);
	gpusim_wr32(sim, GSP + UCODE_ID, GPUSIM_VBIOS_UCODE_ID);
	gpusim_wr32(sim, GSP + MOD_SEL, mod_sel);
	gpusim_wr32(sim, GSP + BOOTVEC, 0);
	gpusim_wr32(sim, GSP + MAILBOX0, 0xcafebeef);
	gpusim_wr32(sim, GSP + CPUCTL, 2);
	ck_assert_uint_ne(gpusim_rd32(sim, GSP + CPUCTL) & 0x10, 0);
	nvgsp_os_dma_free(&dev, &dma);
}

/* v2 without a bootloader (535.113.01 on Turing): PIO IMEM and DMEM. */
static void fwsec_run_v2_pio(struct gpusim *sim, const struct fwsec *fw)
{
	flcn_reset(sim, GSP);
	pio_load(sim, GSP, true, fw->imem_phys, fw->imem, fw->imem_len, fw->imem_phys >> 8);
	pio_load(sim, GSP, false, fw->dmem_phys, fw->dmem, fw->dmem_len, 0);
	gpusim_wr32(sim, GSP + BOOTVEC, fw->imem_phys);
	gpusim_wr32(sim, GSP + MAILBOX0, 0xcafebeef);
	gpusim_wr32(sim, GSP + CPUCTL, 2);
}

/*
 * v2 through the real gen_bootloader (570.144 on Turing/GA100), as
 * nova-core firmware/fwsec/bootloader.rs does: the bootloader's code PIO'd
 * right below 64 KiB with tags from start_tag, BootloaderDmemDescV2 at
 * DMEM 0, FWSEC in host memory at code_dma_base + IMEM offset.
 */
static void fwsec_run_v2_bl(struct gpusim *sim, const struct fwsec *fw, const char *chip,
			    int corrupt_bl)
{
	char rel[96];
	struct nvgsp_fw_blob blob = { .name = "gen_bootloader" };
	struct nvgsp_fw_diag diag;
	struct nvgsp_fw_bl_ucode bl;
	struct nvgsp_os_dma code = { 0 }, data = { 0 };
	u8 desc[0x54] = { 0 }, *bl_code;
	u32 aligned;
	size_t size;
	u8 *file;

	snprintf(rel, sizeof(rel), "nvidia/%s/gsp/gen_bootloader-570.144.bin", chip);
	file = unit_read_file(unit_fw_path("graphics-sid", rel), &size);
	blob.data = file;
	blob.size = size;
	ck_assert_int_eq(nvgsp_fw_ucode_parse_bl(&blob, &bl, &diag), 0);
	aligned = (bl.code.size + 255) & ~255u;
	bl_code = calloc(1, aligned);
	memcpy(bl_code, bl.image + bl.code.offset, bl.code.size);
	if (corrupt_bl)
		bl_code[corrupt_bl] ^= 1;

	dma_buf(&code, NULL, fw->imem_phys + fw->imem_len);
	memcpy((u8 *)code.cpu + fw->imem_phys, fw->imem, fw->imem_len);
	dma_buf(&data, fw->dmem, fw->dmem_len);
	put32(desc + 0x20, 4);				/* ctx_dma */
	put32(desc + 0x24, (u32)code.addr);
	put32(desc + 0x28, (u32)(code.addr >> 32));
	put32(desc + 0x2c, fw->imem_phys);		/* non_sec_code_off */
	put32(desc + 0x30, fw->sec_start);		/* non_sec_code_size */
	put32(desc + 0x34, fw->imem_phys + fw->sec_start);
	put32(desc + 0x38, fw->imem_len - fw->sec_start);
	put32(desc + 0x40, (u32)data.addr);
	put32(desc + 0x44, (u32)(data.addr >> 32));
	put32(desc + 0x48, fw->dmem_len);

	flcn_reset(sim, GSP);
	pio_load(sim, GSP, true, 0x10000 - aligned, bl_code, aligned, bl.start_tag);
	pio_load(sim, GSP, false, 0, desc, sizeof(desc), 0);
	gpusim_wr32(sim, GSP + TRANSCFG(4), 1 | 4);
	gpusim_wr32(sim, GSP + BOOTVEC, bl.start_tag << 8);
	gpusim_wr32(sim, GSP + MAILBOX0, 0);
	gpusim_wr32(sim, GSP + CPUCTL, 2);
	nvgsp_os_dma_free(&dev, &code);
	nvgsp_os_dma_free(&dev, &data);
	free(bl_code);
	free(file);
}

static void fwsec_run(struct gpusim *sim, const struct row *r, const struct fwsec *fw)
{
	if (!pre_ga102(r->chip))
		fwsec_run_v3(sim, fw, 1);
	else if (!strcmp(r->release, "570.144"))
		fwsec_run_v2_bl(sim, fw, r->chip, 0);
	else
		fwsec_run_v2_pio(sim, fw);
}

/* rows[0..9] are the SEC2-booter chips, where FWSEC runs. */
#define N_SEC2_ROWS 10

static const struct row *sec2_row(int i)
{
	return &rows[i];
}

START_TEST(fwsec_frts)
{
	const struct row *r = sec2_row(_i);
	struct gpusim *sim = sim_new(r->chip, r->release);
	u64 fb = (u64)(pre_ga102(r->chip) ? 0 : gpusim_rd32(sim, 0x1183a4)) << 20;
	u64 frts;
	struct gpusim_stats st;
	struct fwsec *fw = calloc(1, sizeof(*fw));
	size_t len;
	u8 *rom = sim_rom(sim, pre_ga102(r->chip), &len);

	if (!fb) {
		u32 v = gpusim_rd32(sim, 0x100ce0);

		fb = (u64)(((v >> 4) & 0x3f) << (v & 0xf)) << 20;
	}
	frts = fb - 0x200000;
	fwsec_build(rom, 0x15, frts, 0x100000, fw);
	fwsec_run(sim, r, fw);
	ck_assert_msg(!gpusim_error(sim)[0], "%s", gpusim_error(sim));
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + MAILBOX0), 0);
	ck_assert_uint_eq(gpusim_rd32(sim, SCRATCH_E) >> 16, 0);
	ck_assert_uint_eq(gpusim_rd32(sim, WPR2_LO), (u32)(frts >> 12) << 4);
	ck_assert_uint_eq(gpusim_rd32(sim, WPR2_HI), (u32)((frts + 0x100000) >> 12) << 4);
	gpusim_get_stats(sim, &st);
	ck_assert_uint_eq(st.fwsec_runs, 1);
	ck_assert(st.wpr2_set);

	/* FWSEC-SB afterwards leaves WPR2 alone. */
	fwsec_build(rom, 0x19, 0, 0, fw);
	fwsec_run(sim, r, fw);
	ck_assert_msg(!gpusim_error(sim)[0], "%s", gpusim_error(sim));
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + MAILBOX0), 0);
	ck_assert_uint_ne(gpusim_rd32(sim, WPR2_HI), 0);
	gpusim_get_stats(sim, &st);
	ck_assert_uint_eq(st.fwsec_runs, 2);
	sim_free(sim);

	/* The FWSEC fault: an error in scratch 0xE, WPR2 unset. */
	sim = sim_new(r->chip, r->release);
	gpusim_fault_set(sim, GPUSIM_FAULT_FWSEC, 0);
	fwsec_build(rom, 0x15, frts, 0x100000, fw);
	fwsec_run(sim, r, fw);
	ck_assert_uint_ne(gpusim_rd32(sim, SCRATCH_E) >> 16, 0);
	ck_assert_uint_eq(gpusim_rd32(sim, WPR2_HI), 0);
	sim_free(sim);
	free(rom);
	free(fw);
}
END_TEST

START_TEST(fwsec_refusals)
{
	const struct row *r = sec2_row(_i);
	struct gpusim *sim = sim_new(r->chip, r->release);
	struct fwsec *fw = calloc(1, sizeof(*fw));
	struct gpusim_stats st;
	size_t len;
	u8 *rom = sim_rom(sim, pre_ga102(r->chip), &len);

	/* One wrong IMEM byte. */
	fwsec_build(rom, 0x15, 0x100000, 0x100000, fw);
	fw->imem[0x20] ^= 0x80;
	fwsec_run(sim, r, fw);
	assert_error(sim, "GSP: the ucode started is not the VBIOS's FWSEC as it must be patched: ");
	assert_error(sim, "IMEM");
	ck_assert_uint_ne(gpusim_rd32(sim, GSP + MAILBOX0), 0);
	ck_assert_uint_eq(gpusim_rd32(sim, WPR2_HI), 0);
	gpusim_get_stats(sim, &st);
	ck_assert_uint_eq(st.fwsec_runs, 0);
	sim_free(sim);

	if (!pre_ga102(r->chip)) {
		/* v3: BROM MOD_SEL not RSA-3K. */
		sim = sim_new(r->chip, r->release);
		fwsec_build(rom, 0x15, 0x100000, 0x100000, fw);
		fwsec_run_v3(sim, fw, 0);
		assert_error(sim, "GSP BROM MOD_SEL (0x111180) is 0, not 1 (RSA-3K): the boot ROM refuses FWSEC");
		ck_assert_uint_eq(gpusim_rd32(sim, WPR2_HI), 0);
		sim_free(sim);
		/* Started with the RISC-V core selected. */
		sim = sim_new(r->chip, r->release);
		flcn_reset(sim, GSP);
		pio_load(sim, GSP, true, 0, fw->imem, 256, 0);
		gpusim_wr32(sim, GSP + BCR_CTRL, 0x10);
		gpusim_wr32(sim, GSP + CPUCTL, 2);
		assert_error(sim, "GSP CPUCTL: falcon start with BCR_CTRL.core_select = RISC-V (0x10)");
		sim_free(sim);
	} else if (!strcmp(r->release, "570.144")) {
		/* A wrong byte in the real gen_bootloader's code. */
		sim = sim_new(r->chip, r->release);
		fwsec_build(rom, 0x15, 0x100000, 0x100000, fw);
		fwsec_run_v2_bl(sim, fw, r->chip, 9);
		assert_error(sim, "but gen_bootloader's code byte 0x9 is 0x");
		ck_assert_uint_ne(gpusim_rd32(sim, GSP + MAILBOX0), 0);
		sim_free(sim);
	}
	free(rom);
	free(fw);
}
END_TEST

/* ---- SEC2 booters ---- */

static u8 *hs_file(const struct row *r, const char *role, struct nvgsp_fw_hs_ucode *hs)
{
	char rel[96];
	struct nvgsp_fw_blob blob = { .name = role };
	struct nvgsp_fw_diag diag;
	size_t size;
	u8 *file;

	snprintf(rel, sizeof(rel), "nvidia/%s/gsp/%s-%s.bin", r->chip, role, r->release);
	file = unit_read_file(unit_fw_path("graphics-sid", rel), &size);
	blob.data = file;
	blob.size = size;
	ck_assert_int_eq(nvgsp_fw_ucode_parse_hs(&blob, hs, &diag), 0);
	return file;
}

/*
 * Load an HS ucode into SEC2 as nova-core firmware/booter.rs places it
 * (GA102+: application code at IMEM 0; TU10x/GA100: OS code and application
 * at their own offsets), the fuse-0 signature patched, BROM programmed.
 */
static void sec2_load(struct gpusim *sim, const struct row *r, const struct nvgsp_fw_hs_ucode *hs,
		      int flip_imem)
{
	struct nvgsp_os_dma dma = { 0 };
	const u8 *sig;
	u32 idx, app_dst = pre_ga102(r->chip) ? hs->app_code.offset : 0;
	u8 *img = dma_buf(&dma, hs->image, hs->image_size);

	sig = nvgsp_fw_ucode_hs_signature(hs, 0, &idx);
	ck_assert_ptr_nonnull(sig);
	memcpy(img + hs->patch_loc, sig, hs->sig_size);
	if (flip_imem >= 0)
		img[hs->app_code.offset + flip_imem] ^= 1;
	flcn_reset(sim, SEC2);
	gpusim_wr32(sim, SEC2 + 0x624, 0x80);
	if (pre_ga102(r->chip))
		dma_load(sim, SEC2, dma.addr, false, 0, 0, 0);	/* just TRANSCFG */
	if (pre_ga102(r->chip) && hs->os_code.size)
		dma_load(sim, SEC2, dma.addr, true, hs->os_code.offset, hs->os_code.offset,
			 hs->os_code.size);
	dma_load(sim, SEC2, dma.addr, true, app_dst, hs->app_code.offset, hs->app_code.size);
	dma_load(sim, SEC2, dma.addr, false, 0, hs->os_data.offset, hs->os_data.size);
	if (!pre_ga102(r->chip)) {
		gpusim_wr32(sim, SEC2 + PARAADDR0, hs->sig_dmem_offset);
		gpusim_wr32(sim, SEC2 + ENGIDMASK, hs->engine_id_mask);
		gpusim_wr32(sim, SEC2 + UCODE_ID, hs->ucode_id);
		gpusim_wr32(sim, SEC2 + MOD_SEL, 1);
	}
	gpusim_wr32(sim, SEC2 + BOOTVEC, hs->app_code.offset);
	nvgsp_os_dma_free(&dev, &dma);
}

START_TEST(sec2_booters)
{
	const struct row *r = sec2_row(_i);
	struct gpusim *sim = sim_new(r->chip, r->release);
	struct nvgsp_fw_hs_ucode load, unload;
	struct gpusim_stats st;
	u8 *fl = hs_file(r, "booter_load", &load);
	u8 *fu = hs_file(r, "booter_unload", &unload);

	/*
	 * booter_load recognised: it reads the WPR metadata at the (here
	 * unmapped) address in its mailboxes, and refuses it, GSP-RM not started.
	 */
	flcn_reset(sim, GSP);
	sec2_load(sim, r, &load, -1);
	gpusim_wr32(sim, SEC2 + MAILBOX0, 0x00001000);
	gpusim_wr32(sim, SEC2 + MAILBOX1, 0x7f);
	gpusim_wr32(sim, SEC2 + CPUCTL, 2);
	ck_assert_msg(!strstr(gpusim_error(sim), "not a booter"), "%s", gpusim_error(sim));
	ck_assert_str_ne(gpusim_error(sim), "");
	ck_assert_uint_ne(gpusim_rd32(sim, SEC2 + MAILBOX0), 0);
	ck_assert_uint_ne(gpusim_rd32(sim, SEC2 + CPUCTL) & 0x10, 0);
	if (!pre_ga102(r->chip))
		ck_assert_uint_eq(gpusim_rd32(sim, GSP + RISCV_CPUCTL) & 0x80, 0);
	gpusim_get_stats(sim, &st);
	ck_assert_uint_eq(st.booter_runs, 1);
	sim_free(sim);

	/* The BOOTER fault: an error code in MAILBOX0, nothing checked. */
	sim = sim_new(r->chip, r->release);
	gpusim_fault_set(sim, GPUSIM_FAULT_BOOTER, 0);
	flcn_reset(sim, GSP);
	sec2_load(sim, r, &load, -1);
	gpusim_wr32(sim, SEC2 + CPUCTL, 2);
	ck_assert_str_eq(gpusim_error(sim), "");
	ck_assert_uint_ne(gpusim_rd32(sim, SEC2 + MAILBOX0), 0);
	sim_free(sim);

	/* One wrong byte of application code. */
	sim = sim_new(r->chip, r->release);
	flcn_reset(sim, GSP);
	sec2_load(sim, r, &load, 0x40);
	gpusim_wr32(sim, SEC2 + CPUCTL, 2);
	assert_error(sim, "SEC2: the ucode started is not a booter of ");
	assert_error(sim, "but booter_load's application code byte 0x40 is 0x");
	ck_assert_uint_ne(gpusim_rd32(sim, SEC2 + MAILBOX0), 0);
	sim_free(sim);

	/* booter_unload with GSP-RM not running clears WPR2. */
	sim = sim_new(r->chip, r->release);
	sec2_load(sim, r, &unload, -1);
	gpusim_wr32(sim, SEC2 + MAILBOX0, 0xff);
	gpusim_wr32(sim, SEC2 + CPUCTL, 2);
	ck_assert_msg(!gpusim_error(sim)[0], "%s", gpusim_error(sim));
	ck_assert_uint_eq(gpusim_rd32(sim, SEC2 + MAILBOX0), 0);
	ck_assert_uint_eq(gpusim_rd32(sim, WPR2_HI), 0);
	gpusim_get_stats(sim, &st);
	ck_assert_uint_eq(st.booter_runs, 1);
	sim_free(sim);

	if (!pre_ga102(r->chip)) {
		/* GA102+: the boot ROM needs the signature's DMEM address. */
		sim = sim_new(r->chip, r->release);
		sec2_load(sim, r, &unload, -1);
		gpusim_wr32(sim, SEC2 + PARAADDR0, 0);
		gpusim_wr32(sim, SEC2 + CPUCTL, 2);
		assert_error(sim, "SEC2 BROM_PARAADDR[0] (0x841210) is 0x0, but booter_unload's signature is at DMEM 0x");
		sim_free(sim);
	}
	free(fl);
	free(fu);
}
END_TEST

/* ---- FSP ---- */

static void emem_write(struct gpusim *sim, const u8 *p, u32 len)
{
	u32 off, w;

	gpusim_wr32(sim, FSP + EMEMC, 1u << 24);
	for (off = 0; off < len; off += 4) {
		w = 0;
		memcpy(&w, p + off, len - off < 4 ? len - off : 4);
		gpusim_wr32(sim, FSP + EMEMD, w);
	}
}

static void fsp_send(struct gpusim *sim, const u8 *p, u32 len)
{
	emem_write(sim, p, len);
	gpusim_wr32(sim, FSP + QUEUE_TAIL, len - 4);
	gpusim_wr32(sim, FSP + QUEUE_HEAD, 0);
}

/* The FSP's answer: its errorCode, or -1 when there is none. */
static long fsp_answer(struct gpusim *sim, const struct nvgsp_abi *abi)
{
	u32 head = gpusim_rd32(sim, FSP + MSGQ_HEAD), tail = gpusim_rd32(sim, FSP + MSGQ_TAIL);
	struct nvgsp_abi_fsp_response resp;
	u8 buf[64];
	u32 i, w;

	if (head == tail)
		return -1;
	ck_assert_uint_eq(tail - head + 4, 20);
	gpusim_wr32(sim, FSP + EMEMC, 1u << 25);
	for (i = 0; i < 20; i += 4) {
		w = gpusim_rd32(sim, FSP + EMEMD);
		memcpy(buf + i, &w, 4);
	}
	ck_assert_uint_eq(le32(buf) & 0xc0000000u, 0xc0000000u);
	ck_assert_uint_eq(le32(buf + 4), 0x1510de7eu);
	ck_assert_int_eq(nvgsp_abi_decode(abi, NVGSP_ABI_CODEC_FSP_RESPONSE, &resp, buf + 8, 12), 12);
	ck_assert_uint_eq(resp.command_nvdm_type, 0x14);
	gpusim_wr32(sim, FSP + MSGQ_TAIL, 0);
	gpusim_wr32(sim, FSP + MSGQ_HEAD, 0);
	return resp.error_code;
}

static const struct {
	const char *chip;
	u16 cot_version;
	u32 pkey, sig;
} fsp_rows[] = {
	{ "gh100", 1, 384, 384 },
	{ "gb100", 2, 97, 96 },
	{ "gb202", 2, 97, 96 },
};

static const struct fsp_case {
	const char *name;
	u32 mctp, nvdm, len;
	const char *msg;
	bool answered;
} fsp_cases[] = {
	{ "no SOM", 0x40000000, 0x1410de7e, 868,
	  "FSP: MCTP header 0x40000000: a single-packet message needs SOM (bit 31) and EOM (bit 30)", false },
	{ "no EOM", 0x80000000, 0x1410de7e, 868, "FSP: MCTP header 0x80000000", false },
	{ "vendor", 0xc0000000, 0x1410ee7e, 868,
	  "FSP: NVDM header 0x1410ee7e: MCTP type 0x7e / vendor 0x10ee, want 0x7e / 0x10de", false },
	{ "mctp type", 0xc0000000, 0x1410de7f, 868, "FSP: NVDM header 0x1410de7f", false },
	{ "nvdm type", 0xc0000000, 0x1510de7e, 868,
	  "FSP: NVDM type 0x15 is not a command the model serves (COT 0x14)", false },
	{ "short", 0xc0000000, 0x1410de7e, 4,
	  "FSP: a 4-byte packet is shorter than its MCTP and NVDM headers (8 bytes)", false },
	{ "length", 0xc0000000, 0x1410de7e, 864,
	  "FSP: COT packet of 864 bytes, want 8 header bytes + 860 (NVDM_PAYLOAD_COT)", true },
};

START_TEST(fsp_framing)
{
	const struct fsp_case *c = &fsp_cases[_i];
	struct gpusim *sim = sim_new("gh100", "570.144");
	const struct nvgsp_abi *abi = nvgsp_abi_find("570.144");
	u8 pkt[1024] = { 0 };

	put32(pkt, c->mctp);
	put32(pkt + 4, c->nvdm);
	fsp_send(sim, pkt, c->len);
	assert_error(sim, c->msg);
	ck_assert_uint_eq(gpusim_rd32(sim, FSP + QUEUE_TAIL), gpusim_rd32(sim, FSP + QUEUE_HEAD));
	if (c->answered)
		ck_assert_int_eq(fsp_answer(sim, abi), 0xf5e2);
	else
		ck_assert_int_eq(fsp_answer(sim, abi), -1);
	ck_assert_uint_ne(gpusim_rd32(sim, GSP + HWCFG2) & (1u << 13), 0);
	sim_free(sim);
}
END_TEST

/*
 * A COT built from the real fmc file: the model checks the image, keys and
 * boot params and reaches the WPR metadata (garbage here, refused by the
 * WPR checker); then single corruptions refused with their messages.
 */
START_TEST(fsp_cot)
{
	const char *chip = fsp_rows[_i].chip;
	struct gpusim *sim;
	const struct nvgsp_abi *abi = nvgsp_abi_find("570.144");
	struct nvgsp_fw_blob blob = { .name = "fmc" };
	struct nvgsp_fw_fmc_image img;
	struct nvgsp_fw_diag diag;
	struct nvgsp_abi_fsp_cot *cot = calloc(1, sizeof(*cot));
	struct nvgsp_abi_fmc_boot_params bp = { 0 };
	struct nvgsp_os_dma image = { 0 }, params = { 0 }, meta = { 0 };
	const struct nvgsp_fw_fmc_sect *s;
	u8 pkt[1024] = { 0 };
	char rel[96];
	size_t size;
	u8 *file;
	int step;

	snprintf(rel, sizeof(rel), "nvidia/%s/gsp/fmc-570.144.bin", chip);
	file = unit_read_file(unit_fw_path("graphics-sid", rel), &size);
	blob.data = file;
	blob.size = size;
	ck_assert_int_eq(nvgsp_fw_fmc_parse(&blob, &img, &diag), 0);
	s = &img.parts[NVGSP_FW_FMC_IMAGE];
	dma_buf(&image, file + s->sect.offset, s->sect.size);
	dma_buf(&meta, NULL, 4096);	/* all zeros: a bad magic */
	dma_buf(&params, NULL, 4096);

	for (step = 0; step < 6; step++) {
		const char *want = NULL;
		long want_err = 0xf5e2;

		memset(cot, 0, sizeof(*cot));
		cot->version = fsp_rows[_i].cot_version;
		cot->size = 860;
		cot->gsp_fmc_sysmem_offset = image.addr;
		cot->frts_vidmem_offset = 0x200000;
		cot->frts_vidmem_size = 0x100000;
		memcpy(cot->hash384, file + img.parts[NVGSP_FW_FMC_HASH].sect.offset, 48);
		memcpy(cot->public_key, file + img.parts[NVGSP_FW_FMC_PUBLICKEY].sect.offset,
		       fsp_rows[_i].pkey);
		memcpy(cot->signature, file + img.parts[NVGSP_FW_FMC_SIGNATURE].sect.offset,
		       fsp_rows[_i].sig);
		cot->gsp_boot_args_sysmem_offset = params.addr;
		memset(&bp, 0, sizeof(bp));
		bp.rm_desc_target = 1;
		bp.rm_desc_size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_WPR_META);
		bp.rm_desc_offset = meta.addr;
		bp.is_gsp_rm_boot = true;
		bp.boot_args_target = 2;
		bp.boot_args_offset = 0x1000;
		switch (step) {
		case 0:
			break;	/* refused by the WPR checker only */
		case 1:
			cot->version ^= 3;
			want = "FSP COT version ";
			break;
		case 2:
			((u8 *)image.cpu)[100] ^= 1;
			want = "image byte 0x64 is 0x";
			break;
		case 3:
			cot->signature[5] ^= 1;
			want = "FSP COT signature byte 5 is 0x";
			break;
		case 4:
			cot->public_key[383] = 1;
			want = fsp_rows[_i].pkey == 384 ? "FSP COT publicKey byte 383 is 0x" :
				"FSP COT publicKey byte 383 is 0x01, expected 0x00 (zero past the key material)";
			if (fsp_rows[_i].pkey == 384)
				cot->public_key[383] =
					file[img.parts[NVGSP_FW_FMC_PUBLICKEY].sect.offset + 383] ^ 1;
			break;
		case 5:
			bp.rm_desc_size = 8;
			want = "GSP_FMC_BOOT_PARAMS bootGspRmParams.gspRmDescSize 8, GspFwWprMeta is ";
			break;
		}
		sim = sim_new(chip, "570.144");
		ck_assert_int_eq(nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_FMC_BOOT_PARAMS, &bp,
						  params.cpu, 4096), 80);
		put32(pkt, 0xc0000000);
		put32(pkt + 4, 0x1410de7e);
		ck_assert_int_eq(nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_FSP_COT, cot, pkt + 8,
						  sizeof(pkt) - 8), 860);
		fsp_send(sim, pkt, 868);
		ck_assert_int_eq(fsp_answer(sim, abi), want_err);
		if (want) {
			assert_error(sim, want);
		} else {
			/* Past every COT check: the WPR checker's refusal. */
			ck_assert_str_ne(gpusim_error(sim), "");
			ck_assert_msg(!strstr(gpusim_error(sim), "FSP"), "%s", gpusim_error(sim));
		}
		ck_assert_uint_ne(gpusim_rd32(sim, GSP + HWCFG2) & (1u << 13), 0);
		sim_free(sim);
		if (step == 2)
			((u8 *)image.cpu)[100] ^= 1;
	}

	/* The FSP fault: answered with an error before the metadata is read. */
	sim = sim_new(chip, "570.144");
	gpusim_fault_set(sim, GPUSIM_FAULT_FSP, 0);
	cot->version = fsp_rows[_i].cot_version;
	cot->public_key[383] = fsp_rows[_i].pkey == 384 ?
		file[img.parts[NVGSP_FW_FMC_PUBLICKEY].sect.offset + 383] : 0;
	bp.rm_desc_size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_WPR_META);
	ck_assert_int_eq(nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_FMC_BOOT_PARAMS, &bp, params.cpu,
					  4096), 80);
	ck_assert_int_eq(nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_FSP_COT, cot, pkt + 8,
					  sizeof(pkt) - 8), 860);
	fsp_send(sim, pkt, 868);
	ck_assert_int_eq(fsp_answer(sim, abi), 0xf5e1);
	ck_assert_str_eq(gpusim_error(sim), "");
	sim_free(sim);

	nvgsp_os_dma_free(&dev, &image);
	nvgsp_os_dma_free(&dev, &params);
	nvgsp_os_dma_free(&dev, &meta);
	free(cot);
	free(file);
}
END_TEST

/* ---- the CPU interrupt tree ---- */

/* Leaf and enable registers, W1C, TOP; no source is raised but the GSP's. */
START_TEST(intr_tree_regs)
{
	struct gpusim *sim = sim_new("ga102", "570.144");
	u32 i, v, vec = 0, found = 0;

	for (i = 0; i < NR_LEAVES; i++) {
		ck_assert_uint_eq(gpusim_rd32(sim, LEAF(i)), 0);
		ck_assert_uint_eq(gpusim_rd32(sim, LEAF_EN_SET(i)), 0);
		ck_assert_uint_eq(gpusim_rd32(sim, LEAF_EN_CLR(i)), 0);
	}
	ck_assert_uint_eq(gpusim_rd32(sim, TOP), 0);
	ck_assert_uint_eq(gpusim_rd32(sim, TOP_EN_SET), 0);

	/* enables: set and clear accumulate, both registers read the mask, per leaf */
	for (i = 0; i < NR_LEAVES; i++)
		gpusim_wr32(sim, LEAF_EN_SET(i), 0xf0f0u << i);
	for (i = 0; i < NR_LEAVES; i++) {
		gpusim_wr32(sim, LEAF_EN_SET(i), 1);
		gpusim_wr32(sim, LEAF_EN_CLR(i), 0xf000u << i);
	}
	for (i = 0; i < NR_LEAVES; i++) {
		v = ((0xf0f0u << i) | 1) & ~(0xf000u << i);
		ck_assert_uint_eq(gpusim_rd32(sim, LEAF_EN_SET(i)), v);
		ck_assert_uint_eq(gpusim_rd32(sim, LEAF_EN_CLR(i)), v);
		gpusim_wr32(sim, LEAF_EN_CLR(i), 0xffffffffu);
		ck_assert_uint_eq(gpusim_rd32(sim, LEAF_EN_SET(i)), 0);
	}
	gpusim_wr32(sim, TOP_EN_SET, 0x5);
	gpusim_wr32(sim, TOP_EN_SET, 0x2);
	gpusim_wr32(sim, TOP_EN_CLR, 0x4);
	ck_assert_uint_eq(gpusim_rd32(sim, TOP_EN_SET), 0x3);
	ck_assert_uint_eq(gpusim_rd32(sim, TOP_EN_CLR), 0x3);
	gpusim_wr32(sim, TOP_EN_CLR, 0xffffffffu);
	ck_assert_uint_eq(gpusim_rd32(sim, TOP_EN_SET), 0);

	/* writing a leaf never sets a bit; TOP is read-only */
	for (i = 0; i < NR_LEAVES; i++) {
		gpusim_wr32(sim, LEAF(i), 0xffffffffu);
		ck_assert_uint_eq(gpusim_rd32(sim, LEAF(i)), 0);
	}
	gpusim_wr32(sim, TOP, 0xf);
	ck_assert_uint_eq(gpusim_rd32(sim, TOP), 0);

	/* SWGEN0 sets exactly one leaf bit; TOP names its subtree, enabled or not */
	gpusim_hw_raise_swgen0(sim);
	for (i = 0; i < NR_LEAVES; i++) {
		v = gpusim_rd32(sim, LEAF(i));
		if (!v)
			continue;
		ck_assert_uint_eq(v & (v - 1), 0);
		vec = 32 * i + (u32)__builtin_ctz(v);
		found++;
	}
	ck_assert_uint_eq(found, 1);
	ck_assert_uint_eq(gpusim_rd32(sim, TOP), 1u << (vec / 64));
	/* W1C: 0 bits and other bits leave it; its own bit clears it */
	gpusim_wr32(sim, LEAF(vec / 32), 0);
	gpusim_wr32(sim, LEAF(vec / 32), ~(1u << (vec % 32)));
	ck_assert_uint_eq(gpusim_rd32(sim, LEAF(vec / 32)), 1u << (vec % 32));
	gpusim_wr32(sim, LEAF(vec / 32), 1u << (vec % 32));
	ck_assert_uint_eq(gpusim_rd32(sim, LEAF(vec / 32)), 0);
	ck_assert_uint_eq(gpusim_rd32(sim, TOP), 0);
	/* IRQSTAT keeps SWGEN0: the leaf and IRQSTAT are separate */
	ck_assert_uint_eq(gpusim_rd32(sim, GSP + IRQSTAT) & SWGEN0, SWGEN0);
	ck_assert_str_eq(gpusim_error(sim), "");
	sim_free(sim);
}
END_TEST

/* The GSP's stall vector: the one leaf bit a SWGEN0 edge sets. */
static u32 gsp_vector(struct gpusim *sim)
{
	u32 i, v, vec = 0xffffffffu;

	gpusim_wr32(sim, GSP + IRQSCLR, SWGEN0);
	for (i = 0; i < NR_LEAVES; i++)
		gpusim_wr32(sim, LEAF(i), 0xffffffffu);
	gpusim_hw_raise_swgen0(sim);
	for (i = 0; i < NR_LEAVES; i++) {
		v = gpusim_rd32(sim, LEAF(i));
		if (v) {
			ck_assert_uint_eq(vec, 0xffffffffu);
			ck_assert_uint_eq(v & (v - 1), 0);
			vec = 32 * i + (u32)__builtin_ctz(v);
		}
	}
	ck_assert_uint_lt(vec, 256);
	return vec;
}

/* SWGEN0 -> leaf -> line, edges only when leaf and top are enabled; every chip. */
START_TEST(intr_routing)
{
	const struct row *r = &rows[_i];
	struct gpusim *sim = sim_new(r->chip, r->release);
	u32 vec = gsp_vector(sim), leaf = vec / 32, bit = 1u << (vec % 32), top = 1u << (vec / 64);
	struct gpusim_stats st;
	u32 i;

	irq_calls = 0;
	gpusim_set_irq_cb(sim, irq_cb, NULL);
	/* pending, nothing enabled */
	ck_assert(!gpusim_irq_pending(sim));
	/* every other bit and subtree enabled: still nothing */
	for (i = 0; i < NR_LEAVES; i++)
		gpusim_wr32(sim, LEAF_EN_SET(i), i == leaf ? ~bit : 0xffffffffu);
	gpusim_wr32(sim, TOP_EN_SET, 0xf & ~top);
	ck_assert(!gpusim_irq_pending(sim));
	gpusim_wr32(sim, TOP_EN_SET, top);
	ck_assert(!gpusim_irq_pending(sim));
	ck_assert_int_eq(irq_calls, 0);
	for (i = 0; i < NR_LEAVES; i++)
		gpusim_wr32(sim, LEAF_EN_CLR(i), 0xffffffffu);
	gpusim_wr32(sim, TOP_EN_CLR, 0xf);

	/* the leaf bit alone: no line */
	gpusim_wr32(sim, LEAF_EN_SET(leaf), bit);
	ck_assert(!gpusim_irq_pending(sim));
	ck_assert_int_eq(irq_calls, 0);
	/* enabling its subtree makes the already-pending bit visible: an edge */
	gpusim_wr32(sim, TOP_EN_SET, top);
	ck_assert(gpusim_irq_pending(sim));
	ck_assert_int_eq(irq_calls, 1);
	/* SWGEN0 again while set: no edge anywhere */
	gpusim_hw_raise_swgen0(sim);
	gpusim_wr32(sim, GSP + IRQSSET, SWGEN0);
	ck_assert_int_eq(irq_calls, 1);

	/* the driver's service: leaf, then SWGEN0; the line drops */
	gpusim_wr32(sim, LEAF(leaf), bit);
	ck_assert(!gpusim_irq_pending(sim));
	gpusim_wr32(sim, GSP + IRQSCLR, SWGEN0);
	ck_assert_int_eq(irq_calls, 1);
	/* a message after the SWGEN0 clear: leaf and line again */
	gpusim_hw_raise_swgen0(sim);
	ck_assert(gpusim_irq_pending(sim));
	ck_assert_uint_eq(gpusim_rd32(sim, LEAF(leaf)), bit);
	ck_assert_int_eq(irq_calls, 2);

	/* leaf cleared but SWGEN0 left set: a raise makes no edge, a retrigger does */
	gpusim_wr32(sim, LEAF(leaf), bit);
	gpusim_hw_raise_swgen0(sim);
	ck_assert(!gpusim_irq_pending(sim));
	ck_assert_int_eq(irq_calls, 2);
	gpusim_wr32(sim, GSP + RETRIGGER, 1);
	ck_assert(gpusim_irq_pending(sim));
	ck_assert_int_eq(irq_calls, 3);
	gpusim_wr32(sim, GSP + RETRIGGER, 1);	/* line already up */
	ck_assert_int_eq(irq_calls, 3);

	/* masking and unmasking a pending bit, at the leaf and at the top */
	gpusim_wr32(sim, TOP_EN_CLR, top);
	ck_assert(!gpusim_irq_pending(sim));
	gpusim_wr32(sim, TOP_EN_SET, top);
	ck_assert_int_eq(irq_calls, 4);
	gpusim_wr32(sim, LEAF_EN_CLR(leaf), bit);
	ck_assert(!gpusim_irq_pending(sim));
	gpusim_wr32(sim, LEAF_EN_SET(leaf), bit);
	ck_assert(gpusim_irq_pending(sim));
	ck_assert_int_eq(irq_calls, 5);

	/* a CPU write of IRQSSET is a SWGEN0 edge too */
	gpusim_wr32(sim, LEAF(leaf), bit);
	gpusim_wr32(sim, GSP + IRQSCLR, SWGEN0);
	gpusim_wr32(sim, GSP + IRQSSET, SWGEN0);
	ck_assert_int_eq(irq_calls, 6);

	gpusim_get_stats(sim, &st);
	ck_assert_uint_eq(st.irqs, 6);
	gpusim_set_irq_cb(sim, NULL, NULL);
	ck_assert_str_eq(gpusim_error(sim), "");
	sim_free(sim);
}
END_TEST

/* A driver that hard-codes one family's vector fails on another. */
START_TEST(intr_vectors_differ)
{
	static const char *const chips[] = {
		"tu102", "ga100", "ga102", "ad102", "gh100", "gb100", "gb202",
	};
	u32 vec[N(chips)], i, k;

	for (i = 0; i < N(chips); i++) {
		struct gpusim *sim = sim_new(chips[i], "570.144");

		vec[i] = gsp_vector(sim);
		for (k = 0; k < i; k++)
			ck_assert_msg(vec[k] != vec[i], "%s and %s share GSP vector %u",
				      chips[k], chips[i], vec[i]);
		sim_free(sim);
	}
}
END_TEST

Suite *nvgsp_suite_gpusim(void)
{
	Suite *s = suite_create("gpusim");
	TCase *tc = tcase_create("registers");

	tcase_add_loop_test(tc, identity, 0, N(rows));
	tcase_add_loop_test(tc, pci_identity, 0, N(pci_rows));
	tcase_add_test(tc, create_refusals);
	tcase_add_loop_test(tc, reset_and_scrub, 0, 2);
	tcase_add_test(tc, pio_loads);
	tcase_add_test(tc, dma_loads);
	tcase_add_test(tc, mailboxes_and_irqs);
	tcase_add_loop_test(tc, prom_window, 0, N(rows));
	tcase_add_test(tc, device_gone);
	tcase_add_loop_test(tc, flush_registers, 0, N(rows));
	tcase_add_loop_test(tc, misuse, 0, N(misuses));
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);

	tc = tcase_create("intr");
	tcase_add_test(tc, intr_tree_regs);
	tcase_add_loop_test(tc, intr_routing, 0, N(rows));
	tcase_add_test(tc, intr_vectors_differ);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);

	tc = tcase_create("fwsec");
	tcase_add_loop_test(tc, fwsec_frts, 0, N_SEC2_ROWS);
	tcase_add_loop_test(tc, fwsec_refusals, 0, N_SEC2_ROWS);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);

	tc = tcase_create("sec2");
	tcase_add_loop_test(tc, sec2_booters, 0, N_SEC2_ROWS);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);

	tc = tcase_create("fsp");
	tcase_add_loop_test(tc, fsp_framing, 0, N(fsp_cases));
	tcase_add_loop_test(tc, fsp_cot, 0, N(fsp_rows));
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}
