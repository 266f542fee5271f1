// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_falcon.c - the falcon driver (src/engine/nvgsp_falcon.c), the FSP
 * channel (src/engine/nvgsp_fsp.c) and the boot HAL table
 * (src/gsp/nvgsp_gsp_hal.c), against a small register model written here:
 * a flat BAR0 with the falcon behaviours the driver relies on
 * (Documentation/hardware.rst, "Falcon engines": reset and scrubbing, PIO and DMA
 * loads into modelled IMEM/DMEM, CPUCTL start/halt, RISC-V state) and an
 * FSP that answers EMEM messages. Table-driven over both falcon
 * generations (TU102-style and GA102-style); every error path asserts its
 * message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "engine/nvgsp_falcon.h"
#include "engine/nvgsp_fsp.h"
#include "gsp/nvgsp_gsp_hal.h"
#include "chip/nvgsp_chip.h"
#include "chip/regs/nvgsp_regs_falcon.h"
#include "chip/regs/nvgsp_regs_fsp.h"
#include "chip/regs/nvgsp_regs_pmc.h"

static struct nvgsp_os_device dev_01 = { .name = "0000:01:00.0" };
static struct nvgsp_os_device dev_02 = { .name = "0000:02:00.0" };
static struct nvgsp_os_device dev_dev = { .name = "dev" };
static struct nvgsp_os_device dev_d = { .name = "d" };

#define N(a) (int)(ARRAY_SIZE(a))
#define GSP 0x110000u
#define GSP2 0x111000u
#define BOOT0 0x172000a1u
#define MEM_SIZE 0x10000u

/* The model. Offsets are absolute BAR0 offsets. */
struct model {
	u32 *regs;
	bool gone;		/* every read is all ones */
	bool scrub_forever;	/* scrubbing never finishes */
	bool no_reset_ready;	/* HWCFG2.reset_ready never set */
	bool dma_stuck;		/* DMATRFCMD never idle */
	bool no_halt;		/* CPUCTL never halts */
	bool riscv_on_start;	/* start sets the RISC-V core active */
	unsigned int scrub_reads;
	unsigned int engine_writes[2];
	u8 imem[MEM_SIZE], dmem[MEM_SIZE];
	u16 imem_tag[MEM_SIZE / 256];
	bool imem_secure[MEM_SIZE / 256];
	u32 imemc, dmemc;
	unsigned int dma_xfers;
	u32 dma_cmds[64], dma_moffs[64], dma_fboffs[64];
	u32 starts, alias_starts;
	/* FSP */
	u8 emem[NV_PFSP_EMEM_CHANNEL_SIZE];
	u32 ememc;
	u32 fsp_error;
	int fsp_mode;		/* 0 answer, 1 never, 2 bad header, 3 bad type */
	u32 fsp_got_len;
	u8 fsp_got[NV_PFSP_EMEM_CHANNEL_SIZE];
};

static struct model *M;

static u32 r(u32 off)
{
	return M->regs[off / 4];
}

static void w(u32 off, u32 v)
{
	M->regs[off / 4] = v;
}

static u32 model_rd(void *ctx, u32 off)
{
	struct model *m = ctx;
	u32 v;

	if (m->gone)
		return 0xffffffffu;
	switch (off) {
	case GSP + NV_PFALCON_FALCON_HWCFG2:
		v = r(off);
		if (m->scrub_reads) {
			m->scrub_reads--;
			v |= NV_PFALCON_FALCON_HWCFG2_MEM_SCRUBBING;
		} else if (m->scrub_forever) {
			v |= NV_PFALCON_FALCON_HWCFG2_MEM_SCRUBBING;
		}
		if (!m->no_reset_ready)
			v |= NV_PFALCON_FALCON_HWCFG2_RESET_READY;
		return v;
	case GSP + NV_PFALCON_FALCON_DMACTL:
		if (m->scrub_reads) {
			m->scrub_reads--;
			return 6;
		}
		return m->scrub_forever ? 6 : r(off);
	case GSP + NV_PFALCON_FALCON_IMEMD(0): {
		u32 o = m->imemc & 0xfffc;

		memcpy(&v, m->imem + o, 4);
		m->imemc += 4;
		return v;
	}
	case NV_PFSP_EMEMD(0): {
		u32 o = m->ememc & 0x3fc;

		memcpy(&v, m->emem + o, 4);
		m->ememc = (m->ememc & ~0x3fcu) | ((o + 4) & 0x3fc);
		return v;
	}
	}
	return r(off);
}

static void fsp_answer(struct model *m)
{
	u32 len = r(NV_PFSP_QUEUE_TAIL(0)) + 4;
	u32 hdr[5];

	m->fsp_got_len = len;
	memcpy(m->fsp_got, m->emem, len);
	w(NV_PFSP_QUEUE_TAIL(0), 0);
	if (m->fsp_mode == 1)
		return;
	hdr[0] = m->fsp_mode == 2 ? 0x40000000u : 0xc0000000u;
	hdr[1] = m->fsp_mode == 3 ? 0x1410de7eu : 0x1510de7eu;
	hdr[2] = 0;		/* taskId */
	hdr[3] = 0x14;		/* commandNvdmType */
	hdr[4] = m->fsp_error;
	memcpy(m->emem, hdr, sizeof(hdr));
	w(NV_PFSP_MSGQ_HEAD(0), 0);
	w(NV_PFSP_MSGQ_TAIL(0), sizeof(hdr) - 4);
}

static void model_wr(void *ctx, u32 off, u32 v)
{
	struct model *m = ctx;

	switch (off) {
	case GSP + NV_PFALCON_FALCON_ENGINE:
		m->engine_writes[v & 1]++;
		if (!(v & 1))
			m->scrub_reads = 2;
		break;
	case GSP + NV_PFALCON_FALCON_IMEMC(0):
		m->imemc = v;
		break;
	case GSP + NV_PFALCON_FALCON_IMEMT(0):
		m->imem_tag[(m->imemc & 0xffff) / 256] = (u16)v;
		m->imem_secure[(m->imemc & 0xffff) / 256] =
			!!(m->imemc & NV_PFALCON_FALCON_IMEMC_SECURE);
		break;
	case GSP + NV_PFALCON_FALCON_IMEMD(0): {
		u32 o = m->imemc & 0xfffc;

		memcpy(m->imem + o, &v, 4);
		m->imemc = (m->imemc & ~0xffffu) | ((o + 4) & 0xffff);
		return;
	}
	case GSP + NV_PFALCON_FALCON_DMEMC(0):
		m->dmemc = v;
		break;
	case GSP + NV_PFALCON_FALCON_DMEMD(0): {
		u32 o = m->dmemc & 0xfffc;

		memcpy(m->dmem + o, &v, 4);
		m->dmemc = (m->dmemc & ~0xffffu) | ((o + 4) & 0xffff);
		return;
	}
	case GSP + NV_PFALCON_FALCON_DMATRFCMD:
		if (m->dma_xfers < 64) {
			m->dma_cmds[m->dma_xfers] = v;
			m->dma_moffs[m->dma_xfers] = r(GSP + NV_PFALCON_FALCON_DMATRFMOFFS);
			m->dma_fboffs[m->dma_xfers] = r(GSP + NV_PFALCON_FALCON_DMATRFFBOFFS);
		}
		m->dma_xfers++;
		w(off, m->dma_stuck ? v & ~NV_PFALCON_FALCON_DMATRFCMD_IDLE :
				      v | NV_PFALCON_FALCON_DMATRFCMD_IDLE);
		return;
	case GSP + NV_PFALCON_FALCON_CPUCTL:
	case GSP + NV_PFALCON_FALCON_CPUCTL_ALIAS:
		if (v & NV_PFALCON_FALCON_CPUCTL_STARTCPU) {
			if (off == GSP + NV_PFALCON_FALCON_CPUCTL)
				m->starts++;
			else
				m->alias_starts++;
			if (!m->no_halt)
				w(GSP + NV_PFALCON_FALCON_CPUCTL, r(GSP + NV_PFALCON_FALCON_CPUCTL) |
				  NV_PFALCON_FALCON_CPUCTL_HALTED);
			if (m->riscv_on_start) {
				w(GSP2 + NV_PRISCV_RISCV_CPUCTL,
				  NV_PRISCV_RISCV_CPUCTL_ACTIVE_STAT);
				w(GSP2 + NV_PRISCV_RISCV_CORE_SWITCH_RISCV_STATUS, 1);
			}
			w(GSP + NV_PFALCON_FALCON_MAILBOX0, 0x1234);
			return;
		}
		break;
	case GSP2 + NV_PRISCV_RISCV_BCR_CTRL:
		w(off, v | NV_PRISCV_RISCV_BCR_CTRL_VALID);
		return;
	case NV_PFSP_EMEMC(0):
		m->ememc = v;
		break;
	case NV_PFSP_EMEMD(0): {
		u32 o = m->ememc & 0x3fc;

		memcpy(m->emem + o, &v, 4);
		m->ememc = (m->ememc & ~0x3fcu) | ((o + 4) & 0x3fc);
		return;
	}
	case NV_PFSP_QUEUE_HEAD(0):
		w(off, v);
		fsp_answer(m);
		return;
	}
	w(off, v);
}

static const struct nvgsp_os_bar_ops model_ops = { .rd32 = model_rd, .wr32 = model_wr };
static struct nvgsp_os_bar bar;

static const struct nvgsp_falcon_hal hal_tu = {
	.reset = NVGSP_FALCON_RESET_TU102, .dma_load = false, .brom = false,
	.riscv = NVGSP_FALCON_RISCV_CORE_SWITCH,
};
static const struct nvgsp_falcon_hal hal_ga = {
	.reset = NVGSP_FALCON_RESET_GA102, .dma_load = true, .brom = true,
	.riscv = NVGSP_FALCON_RISCV_CPUCTL,
};
static const struct nvgsp_falcon_hal *const hals[] = { &hal_tu, &hal_ga };

static void setup(void)
{
	M = calloc(1, sizeof(*M));
	M->regs = calloc(1, NV_BAR0_SIZE);
	ck_assert(M && M->regs);
	bar = (struct nvgsp_os_bar){ .ops = &model_ops, .ctx = M, .size = NV_BAR0_SIZE,
				     .name = "falcon model" };
	/* 64 KiB IMEM and DMEM (256-byte units). */
	w(GSP + NV_PFALCON_FALCON_HWCFG, (MEM_SIZE / 256) | ((MEM_SIZE / 256) << 9));
	unit_log_reset();
}

static void teardown(void)
{
	ck_assert_uint_eq(bar.bad_accesses, 0);
	free(M->regs);
	free(M);
}

static void falcon(struct nvgsp_falcon *f, int i)
{
	nvgsp_falcon_init(f, &bar, &dev_01, "GSP", NV_PGSP_FALCON_BASE, hals[i], BOOT0, 0);
}

START_TEST(reset_ok)
{
	struct nvgsp_falcon f;

	falcon(&f, _i);
	/* GA102: the core was left in RISC-V mode; reset must select falcon. */
	w(GSP2 + NV_PRISCV_RISCV_BCR_CTRL, NV_PRISCV_RISCV_BCR_CTRL_CORE_SELECT_RISCV);
	ck_assert_int_eq(nvgsp_falcon_reset(&f), 0);
	ck_assert_uint_eq(M->engine_writes[1], 1);
	ck_assert_uint_eq(M->engine_writes[0], 1);
	ck_assert_uint_eq(r(GSP + NV_PFALCON_FALCON_RM), BOOT0);
	if (_i == 1)
		ck_assert_uint_eq(r(GSP2 + NV_PRISCV_RISCV_BCR_CTRL) &
				  NV_PRISCV_RISCV_BCR_CTRL_CORE_SELECT_RISCV, 0);
	ck_assert_msg(!strstr(unit_log, "0 "), "no error expected: %s", unit_log);
}
END_TEST

START_TEST(reset_scrub_timeout)
{
	struct nvgsp_falcon f;

	falcon(&f, _i);
	M->scrub_forever = true;
	ck_assert_int_eq(nvgsp_falcon_reset(&f), -ETIMEDOUT);
	ck_assert_ptr_nonnull(strstr(unit_log, _i ? "GSP HWCFG2 (0x1100f4)" :
					       "GSP DMACTL (0x11010c)"));
	ck_assert_ptr_nonnull(strstr(unit_log, "last 0x"));
	ck_assert_ptr_nonnull(strstr(unit_log, "GSP falcon reset failed (-110)"));
}
END_TEST

START_TEST(reset_ready_not_fatal)
{
	struct nvgsp_falcon f;

	falcon(&f, 1);
	M->no_reset_ready = true;
	ck_assert_int_eq(nvgsp_falcon_reset(&f), 0);
	ck_assert_ptr_null(strstr(unit_log, "0 0000"));
}
END_TEST

START_TEST(device_gone)
{
	struct nvgsp_falcon f;
	struct nvgsp_falcon_seg seg = { .src = (const u8 *)"abcd", .len = 4, .imem = false };

	falcon(&f, _i);
	M->gone = true;
	ck_assert_int_eq(nvgsp_falcon_reset(&f), -ENODEV);
	ck_assert_ptr_nonnull(strstr(unit_log, "reads 0xffffffff: the device is gone"));
	ck_assert_int_eq(nvgsp_falcon_wait_halt(&f), -ENODEV);
	ck_assert_int_eq(nvgsp_falcon_riscv_wait_active(&f), -ENODEV);
	unit_log_reset();
	ck_assert_int_eq(nvgsp_falcon_load_pio(&f, &seg), -ENODEV);
	ck_assert_ptr_nonnull(strstr(unit_log, "GSP HWCFG reads 0xffffffff"));
}
END_TEST

START_TEST(pio_load)
{
	struct nvgsp_falcon f;
	u8 code[300], data[10];
	struct nvgsp_falcon_seg seg = { .src = code, .len = sizeof(code), .dst = 0x200,
					.tag = 0x42, .imem = true, .secure = true };
	int i;

	falcon(&f, _i);
	for (i = 0; i < N(code); i++)
		code[i] = (u8)(i * 7 + 1);
	for (i = 0; i < N(data); i++)
		data[i] = (u8)(0xa0 + i);
	memset(M->imem + 0x200 + 300, 0xee, 212);
	ck_assert_int_eq(nvgsp_falcon_load_pio(&f, &seg), 0);
	ck_assert_mem_eq(M->imem + 0x200, code, sizeof(code));
	/* the last block is padded with zeros */
	for (i = 300; i < 512; i++)
		ck_assert_uint_eq(M->imem[0x200 + i], 0);
	ck_assert_uint_eq(M->imem_tag[2], 0x42);
	ck_assert_uint_eq(M->imem_tag[3], 0x43);
	ck_assert(M->imem_secure[2]);

	seg = (struct nvgsp_falcon_seg){ .src = data, .len = sizeof(data), .dst = 0x40 };
	ck_assert_int_eq(nvgsp_falcon_load_pio(&f, &seg), 0);
	ck_assert_mem_eq(M->dmem + 0x40, data, sizeof(data));
	ck_assert_uint_eq(M->dmem[0x40 + 10], 0);
	ck_assert_uint_eq(M->dmem[0x40 + 11], 0);
}
END_TEST

START_TEST(pio_load_errors)
{
	struct nvgsp_falcon f;
	u8 code[256] = { 0 };
	struct nvgsp_falcon_seg seg = { .src = code, .len = sizeof(code), .dst = MEM_SIZE - 128,
					.imem = true };

	falcon(&f, _i);
	ck_assert_int_eq(nvgsp_falcon_load_pio(&f, &seg), -EINVAL);
	ck_assert_ptr_nonnull(strstr(unit_log, "GSP IMEM load offset 0xff80 is misaligned"));
	unit_log_reset();
	seg.dst = MEM_SIZE - 256;
	seg.len = 257;
	ck_assert_int_eq(nvgsp_falcon_load_pio(&f, &seg), -EINVAL);
	ck_assert_ptr_nonnull(strstr(unit_log,
				     "GSP IMEM load 0xff00+0x101 does not fit the IMEM size 0x10000"));
	unit_log_reset();
	seg = (struct nvgsp_falcon_seg){ .src = code, .len = 8, .dst = MEM_SIZE - 4 };
	ck_assert_int_eq(nvgsp_falcon_load_pio(&f, &seg), -EINVAL);
	ck_assert_ptr_nonnull(strstr(unit_log,
				     "GSP DMEM load 0xfffc+0x8 does not fit the DMEM size 0x10000"));
}
END_TEST

static struct nvgsp_os_device dev = { .name = "0000:01:00.0" };

START_TEST(dma_load)
{
	struct nvgsp_falcon f;
	struct nvgsp_os_dma dma = { 0 };
	struct nvgsp_falcon_seg seg = { .src_off = 0x100, .len = 0x180, .dst = 0x400,
					.imem = true, .secure = true };
	size_t live = nvgsp_os_user_dma_live();

	falcon(&f, _i);
	ck_assert_int_eq(nvgsp_os_dma_alloc(&dev, 0x1000, &dma), 0);
	ck_assert_int_eq(nvgsp_falcon_load_dma(&f, &dma, &seg), 0);
	ck_assert_uint_eq(M->dma_xfers, 2);
	/* gsp-boot.rst, "FWSEC-FRTS", step d: secure IMEM 0x614, DMEM 0x600 */
	ck_assert_uint_eq(M->dma_cmds[0], 0x614);
	ck_assert_uint_eq(M->dma_moffs[1], 0x500);
	ck_assert_uint_eq(M->dma_fboffs[1], 0x200);
	ck_assert_uint_eq(r(GSP + NV_PFALCON_FALCON_DMATRFBASE), (u32)(dma.addr >> 8));
	ck_assert_uint_eq(r(GSP + NV_PFALCON_FBIF_TRANSCFG(0)) & 7, 5);
	ck_assert_uint_eq(r(GSP + NV_PFALCON_FBIF_CTL) & 0x80, 0x80);
	seg = (struct nvgsp_falcon_seg){ .src_off = 0, .len = 0x100, .dst = 0 };
	ck_assert_int_eq(nvgsp_falcon_load_dma(&f, &dma, &seg), 0);
	ck_assert_uint_eq(M->dma_cmds[2], 0x600);

	seg.src_off = 0x80;
	ck_assert_int_eq(nvgsp_falcon_load_dma(&f, &dma, &seg), -EINVAL);
	ck_assert_ptr_nonnull(strstr(unit_log,
				     "GSP DMEM DMA load from 0x80 to 0x0 is not 256-byte aligned"));
	seg.src_off = 0xf00;
	seg.len = 0x200;
	ck_assert_int_eq(nvgsp_falcon_load_dma(&f, &dma, &seg), -EINVAL);
	ck_assert_ptr_nonnull(strstr(unit_log, "GSP DMEM DMA load 0xf00+0x200 is outside its "
					       "0x1000-byte buffer"));
	M->dma_stuck = true;
	seg.src_off = 0;
	ck_assert_int_eq(nvgsp_falcon_load_dma(&f, &dma, &seg), -ETIMEDOUT);
	ck_assert_ptr_nonnull(strstr(unit_log, "GSP DMATRFCMD (0x110118)"));
	nvgsp_os_dma_free(&dev, &dma);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
}
END_TEST

START_TEST(brom_by_hal)
{
	struct nvgsp_falcon f;

	falcon(&f, _i);
	nvgsp_falcon_brom(&f, 0x1234, 0x400, 7);
	ck_assert_uint_eq(r(GSP2 + NV_PFALCON2_FALCON_BROM_PARAADDR(0)), _i ? 0x1234 : 0);
	ck_assert_uint_eq(r(GSP2 + NV_PFALCON2_FALCON_BROM_ENGIDMASK), _i ? 0x400 : 0);
	ck_assert_uint_eq(r(GSP2 + NV_PFALCON2_FALCON_BROM_CURR_UCODE_ID), _i ? 7 : 0);
	ck_assert_uint_eq(r(GSP2 + NV_PFALCON2_FALCON_MOD_SEL), _i ? 1 : 0);
}
END_TEST

START_TEST(boot_and_halt)
{
	struct nvgsp_falcon f;
	u32 m0 = 0xcafe, m1 = 0xbeef;

	falcon(&f, _i);
	ck_assert_int_eq(nvgsp_falcon_boot(&f, 0x300, &m0, &m1), 0);
	ck_assert_uint_eq(r(GSP + NV_PFALCON_FALCON_BOOTVEC), 0x300);
	ck_assert_uint_eq(m0, 0x1234);
	ck_assert_uint_eq(m1, 0xbeef);
	ck_assert_uint_eq(M->starts, 1);

	/* CPUCTL.alias_en: start through CPUCTL_ALIAS */
	w(GSP + NV_PFALCON_FALCON_CPUCTL, NV_PFALCON_FALCON_CPUCTL_ALIAS_EN);
	nvgsp_falcon_start(&f);
	ck_assert_uint_eq(M->alias_starts, 1);

	w(GSP + NV_PFALCON_FALCON_CPUCTL, 0);
	M->no_halt = true;
	m0 = 0;
	ck_assert_int_eq(nvgsp_falcon_boot(&f, 0, &m0, &m1), -ETIMEDOUT);
	ck_assert_ptr_nonnull(strstr(unit_log, "timeout after 2000000 us waiting for GSP CPUCTL "
					       "(0x110100) & 0x00000010 == 0x00000010: last 0x"));
}
END_TEST

START_TEST(timeout_scale)
{
	struct nvgsp_falcon f;
	u64 t0;

	nvgsp_falcon_init(&f, &bar, &dev_dev, "GSP", NV_PGSP_FALCON_BASE, hals[_i], BOOT0, 3);
	M->no_halt = true;
	t0 = nvgsp_os_user_delayed_ns();
	ck_assert_int_eq(nvgsp_falcon_wait_halt(&f), -ETIMEDOUT);
	ck_assert_uint_ge(nvgsp_os_user_delayed_ns() - t0, 3ull * NVGSP_FALCON_HALT_US * 1000);
	ck_assert_ptr_nonnull(strstr(unit_log, "timeout after 6000000 us"));
}
END_TEST

START_TEST(riscv_by_hal)
{
	struct nvgsp_falcon f;

	falcon(&f, _i);
	ck_assert_int_eq(nvgsp_falcon_riscv_wait_active(&f), -ETIMEDOUT);
	ck_assert_ptr_nonnull(strstr(unit_log, _i ? "GSP RISCV_CPUCTL (0x111388)" :
					       "GSP RISCV_STATUS (0x111240)"));
	M->riscv_on_start = true;
	nvgsp_falcon_start(&f);
	ck_assert_int_eq(nvgsp_falcon_riscv_wait_active(&f), 0);
	/* halted: GA102 bit 4 of RISCV_CPUCTL; TU102 the core switch inactive */
	w(GSP2 + NV_PRISCV_RISCV_CPUCTL, NV_PRISCV_RISCV_CPUCTL_HALTED);
	w(GSP2 + NV_PRISCV_RISCV_CORE_SWITCH_RISCV_STATUS, 0);
	ck_assert_int_eq(nvgsp_falcon_riscv_wait_halted(&f, 1000), 0);
}
END_TEST

START_TEST(poll_generic)
{
	u32 last = 0;

	w(0x1000, 0x5);
	ck_assert_int_eq(nvgsp_poll32(&bar, &dev_d, 0x1000, "X", 0xf, 0x5, 10, 1, &last, false), 0);
	ck_assert_uint_eq(last, 5);
	ck_assert_int_eq(nvgsp_poll32(&bar, &dev_d, 0x1000, "X", 0xf, 0x6, 100, 10, &last, true),
			 -ETIMEDOUT);
	/* quiet: a debug line only, not shown without the debug category */
	ck_assert_ptr_null(strstr(unit_log, "waiting for X"));
	ck_assert_int_eq(nvgsp_poll32(&bar, &dev_d, 0x1000, "X", 0xf, 0x6, 100, 10, &last, false),
			 -ETIMEDOUT);
	ck_assert_ptr_nonnull(strstr(unit_log, "waiting for X (0x001000) & 0x0000000f == "
					       "0x00000006: last 0x00000005"));
}
END_TEST

/* --- the HAL table --- */

START_TEST(hal_every_chip)
{
	size_t n, i;
	const struct nvgsp_chip_info *t = nvgsp_chip_table(&n);

	for (i = 0; i < n; i++) {
		const struct nvgsp_gsp_hal *h = nvgsp_gsp_hal_lookup(&t[i]);
		bool fsp = t[i].boot_path == NVGSP_BOOT_FSP;

		ck_assert_msg(h, "no boot row for %s", t[i].name);
		ck_assert_int_eq(h->boot_path, t[i].boot_path);
		ck_assert_int_eq(h->fwsec == NVGSP_FWSEC_NONE, fsp);
		ck_assert_int_eq(h->gfw_boot_wait, !fsp);
		ck_assert_int_eq(h->fsp_boot_status != 0, fsp);
		/* gsp-boot.rst, "Per-family differences": GA100 has no FRTS */
		ck_assert_int_eq(h->frts, !fsp && t[i].chipset != 0x170);
		/* TU10x/GA100 PIO + BL, GA102+ DMA + BROM + RISCV_CPUCTL */
		ck_assert_int_eq(h->falcon->dma_load, t[i].chipset > 0x170);
		ck_assert_int_eq(h->falcon->brom, t[i].chipset > 0x170);
		ck_assert_int_eq(h->fwsec == NVGSP_FWSEC_PIO_BL, t[i].chipset <= 0x170);
		ck_assert_int_eq(h->fb_size_reg == NVGSP_FB_SIZE_USABLE_MB, t[i].chipset > 0x170);
		ck_assert(h->flush[0].lo != 0);
	}
	ck_assert_ptr_null(nvgsp_gsp_hal_lookup(NULL));
}
END_TEST

/* --- FSP --- */

static struct nvgsp_fsp fsp_of(void)
{
	return (struct nvgsp_fsp){ .bar = &bar, .dev = &dev_02,
				   .boot_status = NV_THERM_I2CS_SCRATCH_FSP_BOOT_COMPLETE_GH100,
				   .timeout_scale = 1 };
}

START_TEST(fsp_boot_status)
{
	struct nvgsp_fsp fsp = fsp_of();

	w(NV_THERM_I2CS_SCRATCH_FSP_BOOT_COMPLETE_GH100, 0xff);
	ck_assert_int_eq(nvgsp_fsp_wait_boot(&fsp), 0);
	w(NV_THERM_I2CS_SCRATCH_FSP_BOOT_COMPLETE_GH100, 0);
	ck_assert_int_eq(nvgsp_fsp_wait_boot(&fsp), -EIO);
	ck_assert_ptr_nonnull(strstr(unit_log, "FSP secure boot did not complete: boot status "
					       "0x00000000 (0x0200bc) reports a failure"));
	w(NV_THERM_I2CS_SCRATCH_FSP_BOOT_COMPLETE_GH100, 0x3);
	ck_assert_int_eq(nvgsp_fsp_wait_boot(&fsp), -ETIMEDOUT);
	M->gone = true;
	ck_assert_int_eq(nvgsp_fsp_wait_boot(&fsp), -ENODEV);
}
END_TEST

static const struct { u32 error; int mode; int ret; const char *msg; } cot_cases[] = {
	{ 0, 0, 0, NULL },
	{ 0x17, 0, -EIO, "FSP refused the chain-of-trust message: errorCode 0x17" },
	{ 0, 1, -ETIMEDOUT, "no FSP reply after 2000 ms" },
	{ 0, 2, -EPROTO, "is not an NVDM response: MCTP 0x40000000" },
	{ 0, 3, -EPROTO, "NVDM 0x1410de7e" },
};

START_TEST(fsp_cot)
{
	const struct nvgsp_abi *abi = nvgsp_abi_find("570.144");
	struct nvgsp_fsp fsp = fsp_of();
	struct nvgsp_abi_fsp_cot cot = { .version = 1, .size = 860,
					 .gsp_fmc_sysmem_offset = 0x123456000ull,
					 .frts_vidmem_size = 0x100000 };

	ck_assert_ptr_nonnull(abi);
	M->fsp_error = cot_cases[_i].error;
	M->fsp_mode = cot_cases[_i].mode;
	ck_assert_int_eq(nvgsp_fsp_cot(&fsp, abi, &cot), cot_cases[_i].ret);
	if (cot_cases[_i].msg)
		ck_assert_msg(strstr(unit_log, cot_cases[_i].msg), "missing '%s' in: %s",
			      cot_cases[_i].msg, unit_log);
	/* what went out: 8 header bytes + 860 payload, MCTP SOM|EOM, NVDM COT */
	ck_assert_uint_eq(M->fsp_got_len, 868);
	ck_assert_uint_eq(M->fsp_got[3], 0xc0);
	ck_assert_uint_eq(M->fsp_got[4] | M->fsp_got[5] << 8 | M->fsp_got[6] << 16 |
			  (u32)M->fsp_got[7] << 24, 0x1410de7eu);
	ck_assert_uint_eq(M->fsp_got[8 + 4], 0x00);
	ck_assert_uint_eq(M->fsp_got[8 + 5], 0x60);
	ck_assert_uint_eq(M->fsp_got[8 + 6], 0x45);
	if (cot_cases[_i].mode != 1) {
		ck_assert_uint_eq(r(NV_PFSP_MSGQ_TAIL(0)), 0);
		ck_assert_uint_eq(r(NV_PFSP_MSGQ_HEAD(0)), 0);
	}
}
END_TEST

START_TEST(fsp_channel_errors)
{
	struct nvgsp_fsp fsp = fsp_of();
	u8 msg[12] = { 0 }, buf[16];
	size_t got;

	ck_assert_int_eq(nvgsp_fsp_send(&fsp, msg, 10), -EINVAL);
	ck_assert_ptr_nonnull(strstr(unit_log, "FSP message length 10 is not a multiple of 4"));
	/* busy queue: HEAD != TAIL */
	w(NV_PFSP_QUEUE_TAIL(0), 8);
	w(NV_PFSP_QUEUE_HEAD(0), 0);
	ck_assert_int_eq(nvgsp_fsp_send(&fsp, msg, 12), -ETIMEDOUT);
	ck_assert_ptr_nonnull(strstr(unit_log, "FSP command queue busy: QUEUE_HEAD 0x0 "
					       "QUEUE_TAIL 0x8"));
	/* a reply longer than the room */
	w(NV_PFSP_MSGQ_HEAD(0), 0);
	w(NV_PFSP_MSGQ_TAIL(0), 60);
	ck_assert_int_eq(nvgsp_fsp_recv(&fsp, buf, sizeof(buf), &got), -EPROTO);
	ck_assert_ptr_nonnull(strstr(unit_log, "FSP reply MSGQ_HEAD 0x0 MSGQ_TAIL 0x3c: "
					       "bad length (room 16)"));
	M->gone = true;
	ck_assert_int_eq(nvgsp_fsp_recv(&fsp, buf, sizeof(buf), &got), -ENODEV);
	ck_assert_int_eq(nvgsp_fsp_send(&fsp, msg, 12), -ENODEV);
}
END_TEST

Suite *nvgsp_suite_falcon(void)
{
	Suite *s = suite_create("falcon");
	TCase *tc;

	tc = tcase_create("falcon");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, reset_ok, 0, N(hals));
	tcase_add_loop_test(tc, reset_scrub_timeout, 0, N(hals));
	tcase_add_test(tc, reset_ready_not_fatal);
	tcase_add_loop_test(tc, device_gone, 0, N(hals));
	tcase_add_loop_test(tc, pio_load, 0, N(hals));
	tcase_add_loop_test(tc, pio_load_errors, 0, N(hals));
	tcase_add_loop_test(tc, dma_load, 0, N(hals));
	tcase_add_loop_test(tc, brom_by_hal, 0, N(hals));
	tcase_add_loop_test(tc, boot_and_halt, 0, N(hals));
	tcase_add_loop_test(tc, timeout_scale, 0, N(hals));
	tcase_add_loop_test(tc, riscv_by_hal, 0, N(hals));
	tcase_add_test(tc, poll_generic);
	suite_add_tcase(s, tc);

	tc = tcase_create("hal");
	tcase_add_test(tc, hal_every_chip);
	suite_add_tcase(s, tc);

	tc = tcase_create("fsp");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, fsp_boot_status);
	tcase_add_loop_test(tc, fsp_cot, 0, N(cot_cases));
	tcase_add_test(tc, fsp_channel_errors);
	suite_add_tcase(s, tc);
	return s;
}
