// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_top.c - the chip's engines as the hardware lists them: PTOP's
 * device-info table and, for each engine that has one, its runlist's
 * NV_RUNLIST registers. GSP-RM builds its engine list
 * (NV2080_CTRL_CMD_FIFO_GET_DEVICE_INFO_TABLE, the interrupt table's
 * engines) from these; the RM model does the same (gpusim_rm_fifo.c), so a
 * hardware fact lives here once.
 *
 * DOC: PTOP device info and NV_RUNLIST (Ampere layout; sources and guesses)
 *
 * NV_PTOP_DEVICE_INFO_CFG (0x0224fc): VERSION 3:0, MAX_DEVICES 15:4,
 * MAX_ROWS_PER_DEVICE 19:16, NUM_ROWS 31:20; NV_PTOP_DEVICE_INFO2(i)
 * (0x022800 + 4 i) are the rows (NVIDIA open-gpu-kernel-modules,
 * src/common/inc/swref/published/ampere/ga100/dev_top.h). A device is a
 * chain of rows, bit 31 set on every row but its last; the fields of
 * NV_PTOP_DEVICE_INFO2_DEV_* count bits across the chain (the same
 * repository's published blackwell dev_top.h spells them out; nouveau
 * nvkm/subdev/top/ga100.c decodes the same positions on GA100 and later):
 * FAULT_ID 10:0, INSTANCE_ID 23:16, TYPE_ENUM 30:24; RESET_ID 39:32,
 * DEVICE_PRI_BASE 57:40 (the byte address, bits 25:8 of the second row),
 * IS_ENGINE 62; RLENG_ID 65:64, RUNLIST_PRI_BASE 89:74 (the byte address,
 * bits 25:10 of the third row). TYPE_ENUM: GRAPHICS 0x00, SEC 0x0d,
 * NVENC 0x0e, NVDEC 0x10, LCE 0x13, GSP 0x14 (nouveau top/ga100.c; LCE
 * also in the dev_top.h above). Unused rows read 0.
 *
 * A runlist's registers at its RUNLIST_PRI_BASE (nouveau
 * nvkm/engine/fifo/ga100.c ga100_runl_new(), which reads them on Ampere
 * without GSP-RM): +0x004 CHANNEL_CONFIG (CHRAM's BAR0 address in 31:4,
 * log2 of the channel count in 3:0), +0x008 DOORBELL_CONFIG (the runlist's
 * doorbell id, which is its id, in 31:16), +0x010 and +0x014
 * PBDMA_CONFIG(0/1) (bit 31 valid, the PBDMA's BAR0 base in 25:10, PBDMA id
 * = (base - 0x040000) / 0x800), +0x160 the runlist's interrupt vector.
 *
 * The model's GA102 (guesses, each with its source): the engines nouveau
 * nvkm/engine/device/base.c nv172_chipset names, GR0, CE0-CE4 (ce mask
 * 0x1f), NVDEC0-1 (mask 0x3), SEC2, plus the GSP (a device, no engine);
 * the die's NVENC and OFA, which nouveau does not name for GA102, are left
 * out. PRI bases: GR 0x400000 (PGRAPH), SEC2 0x840000 and NVDEC0 0x848000
 * (nouveau sec2/ga102.c, nvdec/ga102.c), NVDEC1 0x84c000 (the model's
 * guess: the next 16 KiB), CE n 0x104000 + 0x1000 n (the model's guess),
 * GSP 0x110000 (its falcon). MMU fault ids from the GA100 dev_fault.h of
 * open-gpu-kernel-modules (GA102's is not published): GRAPHICS 64, CE n
 * 15 + n, NVDEC 25 + n, SEC 14. Runlists (the model's guess, each engine
 * but the two graphics CEs on its own runlist; CE0 and CE1 share GR's as
 * GRCEs do), runlist n at 0x002800 + 0x400 n with doorbell id n, PBDMA n
 * + 1 (GR's runlist PBDMAs 0 and 1), CHRAM at 0xa00000 + 0x2000 n and
 * interrupt vector 0x80 + n; reset ids are the model's own, distinct per
 * device (gs_top_ga102_* below). Other
 * chips have an empty table (NUM_ROWS 0): the model lists no engines for
 * them yet.
 */
#include "gpusim_internal.h"

#define GS_TOP_CFG		0x0224fcu
#define GS_TOP_ROW(i)		(0x022800u + 4u * (i))
#define GS_TOP_NUM_ROWS		64u
#define GS_TOP_ROWS_PER_DEV	3u
#define GS_TOP_VERSION		2u

#define GS_RUNL_CHAN_CFG	0x004u
#define GS_RUNL_DOORBELL_CFG	0x008u
#define GS_RUNL_PBDMA_CFG(i)	(0x010u + 4u * (i))
#define GS_RUNL_INTR_VECTOR	0x160u
#define GS_RUNL_REGS		0x400u
/* Each runlist's CHRAM (the model's guess: 2048 channels, 4 bytes each). */
#define GS_RUNL_LOG2_CHANS	11u
#define GS_PBDMA_BASE		0x040000u
#define GS_PBDMA_STRIDE		0x800u

/**
 * struct gs_top_dev - one PTOP device.
 * @type: NV_PTOP_DEVICE_INFO2_DEV_TYPE_ENUM.
 * @inst: INSTANCE_ID.
 * @fault: FAULT_ID (NV_PFAULT_MMU_ENG_ID).
 * @reset: RESET_ID.
 * @pri: DEVICE_PRI_BASE.
 * @runl: index into the chip's runlists; -1: not an engine (IS_ENGINE 0).
 * @rleng: RLENG_ID, the engine's index on its runlist.
 */
struct gs_top_dev {
	u8 type;
	u8 inst;
	u16 fault;
	u8 reset;
	u32 pri;
	int runl;
	u8 rleng;
};

/**
 * struct gs_top_runl - one runlist's registers.
 * @base: RUNLIST_PRI_BASE.
 * @id: its id (DOORBELL_CONFIG).
 * @chram: CHRAM's BAR0 address.
 * @pbdma: its PBDMAs' ids (-1: none).
 * @vector: its interrupt vector.
 */
struct gs_top_runl {
	u32 base;
	u16 id;
	u32 chram;
	int pbdma[2];
	u16 vector;
};

struct gs_top_chip {
	u16 chipset;
	const struct gs_top_dev *devs;
	u32 ndevs;
	const struct gs_top_runl *runls;
	u32 nrunls;
};

/* GA102 (see the DOC for what is a guess). */
static const struct gs_top_runl gs_top_ga102_runls[] = {
	{ 0x002800, 0, 0x00a00000, { 0, 1 }, 0x80 },	/* GR0, CE0, CE1 */
	{ 0x002c00, 1, 0x00a02000, { 2, -1 }, 0x81 },	/* CE2 */
	{ 0x003000, 2, 0x00a04000, { 3, -1 }, 0x82 },	/* CE3 */
	{ 0x003400, 3, 0x00a06000, { 4, -1 }, 0x83 },	/* CE4 */
	{ 0x003800, 4, 0x00a08000, { 5, -1 }, 0x84 },	/* NVDEC0 */
	{ 0x003c00, 5, 0x00a0a000, { 6, -1 }, 0x85 },	/* NVDEC1 */
	{ 0x004000, 6, 0x00a0c000, { 7, -1 }, 0x86 },	/* SEC2 */
};

static const struct gs_top_dev gs_top_ga102_devs[] = {
	{ 0x00, 0, 64, 1, 0x400000, 0, 0 },	/* GR0 */
	{ 0x13, 0, 15, 2, 0x104000, 0, 1 },	/* CE0 (GRCE) */
	{ 0x13, 1, 16, 3, 0x105000, 0, 2 },	/* CE1 (GRCE) */
	{ 0x13, 2, 17, 4, 0x106000, 1, 0 },	/* CE2 */
	{ 0x13, 3, 18, 5, 0x107000, 2, 0 },	/* CE3 */
	{ 0x13, 4, 19, 6, 0x108000, 3, 0 },	/* CE4 */
	{ 0x10, 0, 25, 7, 0x848000, 4, 0 },	/* NVDEC0 */
	{ 0x10, 1, 26, 8, 0x84c000, 5, 0 },	/* NVDEC1 */
	{ 0x0d, 0, 14, 9, 0x840000, 6, 0 },	/* SEC2 */
	{ 0x14, 0, 0, 10, 0x110000, -1, 0 },	/* GSP: a device, not an engine */
};

static const struct gs_top_chip gs_top_chips[] = {
	{ 0x172, gs_top_ga102_devs, ARRAY_SIZE(gs_top_ga102_devs),
	  gs_top_ga102_runls, ARRAY_SIZE(gs_top_ga102_runls) },
};

static const struct gs_top_chip *gs_top_chip(const struct gpusim *sim)
{
	u32 i;

	for (i = 0; i < ARRAY_SIZE(gs_top_chips); i++)
		if (gs_top_chips[i].chipset == sim->chip->chipset)
			return &gs_top_chips[i];
	return NULL;
}

/* Row @row (0..2) of @d, chain bit included. */
static u32 gs_top_dev_row(const struct gs_top_chip *c, const struct gs_top_dev *d, u32 row)
{
	u32 v = 0;

	switch (row) {
	case 0:
		v = (u32)d->type << 24 | (u32)d->inst << 16 | (d->fault & 0x7ffu);
		break;
	case 1:
		v = (d->pri & 0x03ffff00u) | d->reset;
		if (d->runl >= 0)
			v |= 1u << 30;	/* IS_ENGINE */
		break;
	case 2:
		if (d->runl >= 0)
			v = (c->runls[d->runl].base & 0x03fffc00u) | (d->rleng & 3u);
		break;
	}
	return row + 1 < GS_TOP_ROWS_PER_DEV ? v | 0x80000000u : v;
}

static bool gs_top_runl_rd(const struct gs_top_chip *c, u32 offset, u32 *val)
{
	u32 i, r;

	for (i = 0; i < c->nrunls; i++) {
		const struct gs_top_runl *rl = &c->runls[i];

		if (offset < rl->base || offset >= rl->base + GS_RUNL_REGS)
			continue;
		r = offset - rl->base;
		switch (r) {
		case GS_RUNL_CHAN_CFG:
			*val = rl->chram | GS_RUNL_LOG2_CHANS;
			return true;
		case GS_RUNL_DOORBELL_CFG:
			*val = (u32)rl->id << 16;
			return true;
		case GS_RUNL_PBDMA_CFG(0):
		case GS_RUNL_PBDMA_CFG(1): {
			int p = rl->pbdma[(r - GS_RUNL_PBDMA_CFG(0)) / 4];

			*val = p < 0 ? 0 : 0x80000000u |
				(GS_PBDMA_BASE + (u32)p * GS_PBDMA_STRIDE);
			return true;
		}
		case GS_RUNL_INTR_VECTOR:
			*val = rl->vector;
			return true;
		}
		*val = 0;	/* the runlist's other registers: not modelled, read 0 */
		return true;
	}
	return false;
}

bool gs_top_rd(const struct gpusim *sim, u32 offset, u32 *val)
{
	const struct gs_top_chip *c = gs_top_chip(sim);
	u32 row;

	if (offset == GS_TOP_CFG) {
		*val = (c ? GS_TOP_NUM_ROWS : 0) << 20 | GS_TOP_ROWS_PER_DEV << 16 |
		       (GS_TOP_NUM_ROWS / GS_TOP_ROWS_PER_DEV) << 4 | GS_TOP_VERSION;
		return true;
	}
	if (offset >= GS_TOP_ROW(0) && offset < GS_TOP_ROW(GS_TOP_NUM_ROWS)) {
		row = (offset - GS_TOP_ROW(0)) / 4;
		*val = 0;
		if (c && row / GS_TOP_ROWS_PER_DEV < c->ndevs)
			*val = gs_top_dev_row(c, &c->devs[row / GS_TOP_ROWS_PER_DEV],
					      row % GS_TOP_ROWS_PER_DEV);
		return true;
	}
	return c && gs_top_runl_rd(c, offset, val);
}

bool gs_top_wr(const struct gpusim *sim, u32 offset)
{
	u32 v;

	/* PTOP and the runlists' configuration registers are read-only. */
	return gs_top_rd(sim, offset, &v);
}
