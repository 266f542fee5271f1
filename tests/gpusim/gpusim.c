// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim.c - the simulated GPU: creation, the BAR0 register file and the
 * services the GSP-RM model uses (see gpusim.h and gpusim_rm.h).
 *
 * DOC: register file
 *
 * Registers the model gives meaning to are decoded here (identification,
 * WPR2, the PROM window) or in the falcon, FSP, sysmem-flush
 * (gpusim_flush.c) and PRAMIN (gpusim_vram.c) models; every other
 * register lives in a sparse store: it reads what was last written, 0 when
 * never written, and a write to it is not an error (a real GPU has
 * thousands of registers the driver may touch that the model need not
 * understand). Power-on values (GFW boot done, FB size, fuses, the FSP's
 * boot-complete scratch) are seeded into the store at creation.
 *
 * The device-gone fault makes every read return all ones and drops every
 * write, as a GPU that fell off the bus does.
 *
 * DOC: interrupt tree
 *
 * The CPU interrupt tree at BAR0 0xB80000 (NV_VIRTUAL_FUNCTION_PRIV; nouveau
 * vfn/tu102.c, NVIDIA dev_vm.h): eight LEAF registers hold vectors 0..255
 * (vector v: leaf v / 32, bit v % 32), written 1 to clear; LEAF_EN_SET and
 * LEAF_EN_CLEAR set and clear their enables (both read the enable mask);
 * TOP(0) reads bit s when subtree s (leaves 2s and 2s + 1) has a pending
 * leaf bit, enabled or not (the contract's reading of dev_vm.h, which
 * names the bit INTR_PENDING without saying more); TOP_EN_SET and
 * TOP_EN_CLEAR gate the subtrees.
 *
 * The tree's output, the CPU's interrupt line, is asserted while some leaf
 * bit is pending and enabled in a subtree whose TOP_EN bit is set. Each
 * rising edge is an interrupt delivered (an MSI; INTx follows the level):
 * it is counted in the stats and reported to the irq callback. Enabling an
 * already-pending bit makes an edge too.
 *
 * The only source the model routes is the GSP: a rising edge of its falcon's
 * SWGEN0 (IRQSTAT bit 6, 0 -> 1) sets the leaf bit of the GSP's stall
 * vector, which the model picks per chip (gs_gsp_intr_vector()) and the
 * RM model reports in NV2080_CTRL_CMD_INTERNAL_INTR_GET_KERNEL_TABLE. A
 * driver services it the way NVIDIA's intrClearLeafVector and nouveau's r535
 * GSP interrupt handler do: clear the leaf bit, then SWGEN0, then drain the
 * message queue; a message posted after the SWGEN0 clear raises both again.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpusim_internal.h"
#include "gpusim_vbios.h"

/**
 * struct gs_board - a chip's default board in the model.
 * @chip: fw_dir name in the chip table.
 * @device_id: PCI device id (pci.ids; Documentation/hardware.rst, "PCI identities").
 * @class_code: 0x030000 for GeForce/RTX boards, 0x030200 for datacenter ones.
 * @fb_mib: VRAM of that board.
 * @bar1_mib: BAR1 aperture.
 */
struct gs_board {
	const char *chip;
	u16 device_id;
	u32 class_code;
	u32 fb_mib;
	u32 bar1_mib;
};

static const struct gs_board gs_boards[] = {
	{ "tu102", 0x1e04, 0x030000, 11 * 1024, 256 },		/* RTX 2080 Ti */
	{ "tu104", 0x1e82, 0x030000, 8 * 1024, 256 },		/* RTX 2080 */
	{ "tu106", 0x1f02, 0x030000, 8 * 1024, 256 },		/* RTX 2070 */
	{ "tu116", 0x2182, 0x030000, 6 * 1024, 256 },		/* GTX 1660 Ti */
	{ "tu117", 0x1f82, 0x030000, 4 * 1024, 256 },		/* GTX 1650 */
	{ "ga100", 0x20b0, 0x030200, 40 * 1024, 64 * 1024 },	/* A100 SXM4 40GB */
	{ "ga102", 0x2204, 0x030000, 24 * 1024, 256 },		/* RTX 3090 */
	{ "ga103", 0x2414, 0x030000, 8 * 1024, 256 },		/* RTX 3060 Ti */
	{ "ga104", 0x2484, 0x030000, 8 * 1024, 256 },		/* RTX 3070 */
	{ "ga106", 0x2503, 0x030000, 12 * 1024, 256 },		/* RTX 3060 */
	{ "ga107", 0x2584, 0x030000, 6 * 1024, 256 },		/* RTX 3050 6GB */
	{ "gh100", 0x2331, 0x030200, 80 * 1024, 128 * 1024 },	/* H100 PCIe */
	{ "ad102", 0x2684, 0x030000, 24 * 1024, 256 },		/* RTX 4090 */
	{ "ad103", 0x2704, 0x030000, 16 * 1024, 256 },		/* RTX 4080 */
	{ "ad104", 0x2782, 0x030000, 12 * 1024, 256 },		/* RTX 4070 Ti */
	{ "ad106", 0x2803, 0x030000, 8 * 1024, 256 },		/* RTX 4060 Ti */
	{ "ad107", 0x2882, 0x030000, 8 * 1024, 256 },		/* RTX 4060 */
	{ "gb100", 0x2901, 0x030200, 180 * 1024, 256 * 1024 },	/* B200 */
	{ "gb102", 0x2980, 0x030200, 180 * 1024, 256 * 1024 },
	{ "gb202", 0x2b85, 0x030000, 32 * 1024, 256 },		/* RTX 5090 */
	{ "gb203", 0x2c02, 0x030000, 16 * 1024, 256 },		/* RTX 5080 */
	{ "gb205", 0x2f04, 0x030000, 12 * 1024, 256 },		/* RTX 5070 */
	{ "gb206", 0x2d04, 0x030000, 16 * 1024, 256 },		/* RTX 5060 Ti */
	{ "gb207", 0x2d83, 0x030000, 8 * 1024, 256 },		/* RTX 5050 */
};

/**
 * struct gs_board_id - what is known of particular boards
 * (Documentation/hardware.rst, "PCI identities"; SR-IOV: gpusim_sriov.c).
 * @device_id: the PCI device id.
 * @subsystem_id: subsystem id under vendor 0x10de.
 */
struct gs_board_id {
	u16 device_id;
	u16 subsystem_id;
};

static const struct gs_board_id gs_board_ids[] = {
	{ 0x1eb8, 0x12a2 },	/* Tesla T4 */
	{ 0x2204, 0x147d },	/* RTX 3090 Founders Edition */
	{ 0x2484, 0x146b },	/* RTX 3070 */
};

bool gs_chip_pre_ga102(const struct gpusim *sim)
{
	return sim->chip->family == NVGSP_FAMILY_TURING || sim->chip->chipset == 0x170;
}

bool gs_chip_fsp(const struct gpusim *sim)
{
	return sim->chip->boot_path == NVGSP_BOOT_FSP;
}

/*
 * The GSP's stall vector per chip family. A guess: the real vectors come
 * from GSP-RM's own interrupt table (NV2080_CTRL_CMD_INTERNAL_INTR_GET_KERNEL_TABLE,
 * nouveau r535_gsp_intr_get_table()) and no public source lists them. The
 * values differ per family and land in different leaves, bits and subtrees
 * (none in bit 0), so a driver that hard-codes one vector, or gets the
 * leaf/bit/subtree arithmetic wrong, misses its interrupts on some chip.
 */
static u32 gs_gsp_intr_vector(const struct nvgsp_chip_info *chip)
{
	switch (chip->family) {
	case NVGSP_FAMILY_TURING:
		return 135;	/* leaf 4 bit 7, subtree 2 */
	case NVGSP_FAMILY_AMPERE:
		return chip->chipset == 0x170 ? 71 : 182;	/* GA100: leaf 2 bit 7, subtree 1;
								 * GA10x: leaf 5 bit 22, subtree 2 */
	case NVGSP_FAMILY_HOPPER:
		return 37;	/* leaf 1 bit 5, subtree 0 */
	case NVGSP_FAMILY_ADA:
		return 230;	/* leaf 7 bit 6, subtree 3 */
	case NVGSP_FAMILY_BLACKWELL:
		return chip->chipset < 0x1b0 ? 100 : 205;	/* GB10x: leaf 3 bit 4, subtree 1;
								 * GB20x: leaf 6 bit 13, subtree 3 */
	}
	return 135;
}

/* ---- the sparse store ---- */

static u32 gs_hash(u32 offset, u32 cap)
{
	return ((offset >> 2) * 2654435761u) & (cap - 1);
}

u32 gs_store_rd(const struct gpusim *sim, u32 offset)
{
	u32 i = gs_hash(offset, sim->regs_cap);

	while (sim->regs[i].offset != GS_REG_EMPTY) {
		if (sim->regs[i].offset == offset)
			return sim->regs[i].value;
		i = (i + 1) & (sim->regs_cap - 1);
	}
	return 0;
}

static int gs_store_grow(struct gpusim *sim)
{
	u32 cap = sim->regs_cap ? sim->regs_cap * 2 : 256;
	struct gs_reg *old = sim->regs, *regs;
	u32 old_cap = sim->regs_cap, i;

	regs = malloc(sizeof(*regs) * cap);
	if (!regs)
		return -ENOMEM;
	for (i = 0; i < cap; i++)
		regs[i].offset = GS_REG_EMPTY;
	sim->regs = regs;
	sim->regs_cap = cap;
	sim->regs_used = 0;
	for (i = 0; i < old_cap; i++)
		if (old[i].offset != GS_REG_EMPTY)
			gs_store_wr(sim, old[i].offset, old[i].value);
	free(old);
	return 0;
}

int gs_store_wr(struct gpusim *sim, u32 offset, u32 value)
{
	u32 i;

	if ((sim->regs_used + 1) * 2 > sim->regs_cap && gs_store_grow(sim))
		return -ENOMEM;
	i = gs_hash(offset, sim->regs_cap);
	while (sim->regs[i].offset != GS_REG_EMPTY) {
		if (sim->regs[i].offset == offset) {
			sim->regs[i].value = value;
			return 0;
		}
		i = (i + 1) & (sim->regs_cap - 1);
	}
	sim->regs[i].offset = offset;
	sim->regs[i].value = value;
	sim->regs_used++;
	return 0;
}

/* ---- services for the RM model and the falcon models ---- */

const struct nvgsp_os_device gpusim_log_dev = { .name = "gpusim" };

void gpusim_hw_fail(struct gpusim *sim, const char *fmt, ...)
{
	char msg[sizeof(sim->error)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	nvgsp_os_log(&gpusim_log_dev, NVGSP_LOG_DEBUG, NVGSP_DBG_BOOT, "%s", msg);
	if (!sim->error[0])
		snprintf(sim->error, sizeof(sim->error), "%s", msg);
}

void *gpusim_hw_dma(struct gpusim *sim, u64 addr, size_t len, const char *what)
{
	void *p;

	p = sim->dma ? sim->dma->map(sim->dma_ctx, addr, len) :
		       nvgsp_os_user_dma_lookup(addr, len);
	if (!p)
		gpusim_hw_fail(sim, "DMA fault: %s at 0x%llx (%zu bytes) is not mapped host memory",
			       what, addr, len);
	return p;
}

/* ---- the interrupt tree ---- */

/* The tree's output: a pending, enabled leaf bit in an enabled subtree. */
static bool gs_intr_level(const struct gpusim *sim)
{
	u32 s;

	for (s = 0; s < GS_INTR_NR_SUBTREES; s++) {
		if (!(sim->intr_top_en & (1u << s)))
			continue;
		if ((sim->intr_leaf[2 * s] & sim->intr_leaf_en[2 * s]) ||
		    (sim->intr_leaf[2 * s + 1] & sim->intr_leaf_en[2 * s + 1]))
			return true;
	}
	return false;
}

/* After any change to the tree: a rising edge is an interrupt delivered. */
static void gs_intr_update(struct gpusim *sim)
{
	bool level = gs_intr_level(sim), rose = level && !sim->intr_line;

	sim->intr_line = level;
	if (!rose)
		return;
	sim->stats.irqs++;
	if (sim->irq_fn)
		sim->irq_fn(sim->irq_ctx);
}

static void gs_intr_raise(struct gpusim *sim, u32 vector)
{
	if (vector >= 32 * GS_INTR_NR_LEAVES)
		return;
	sim->intr_leaf[vector / 32] |= 1u << (vector % 32);
	gs_intr_update(sim);
}

static u32 gs_intr_top(const struct gpusim *sim)
{
	u32 s, top = 0;

	for (s = 0; s < GS_INTR_NR_SUBTREES; s++)
		if (sim->intr_leaf[2 * s] | sim->intr_leaf[2 * s + 1])
			top |= 1u << s;
	return top;
}

/* A tree register's value in @val; false when @offset is not one (every read
 * passes here, so anything outside the block leaves at the first test). */
static bool gs_intr_rd(const struct gpusim *sim, u32 offset, u32 *val)
{
	u32 i;

	if (offset < GS_INTR_LEAF(0) || offset > GS_INTR_TOP_EN_CLEAR)
		return false;
	if (offset == GS_INTR_TOP) {
		*val = gs_intr_top(sim);
		return true;
	}
	if (offset == GS_INTR_TOP_EN_SET || offset == GS_INTR_TOP_EN_CLEAR) {
		*val = sim->intr_top_en;
		return true;
	}
	for (i = 0; i < GS_INTR_NR_LEAVES; i++) {
		if (offset == GS_INTR_LEAF(i)) {
			*val = sim->intr_leaf[i];
			return true;
		}
		if (offset == GS_INTR_LEAF_EN_SET(i) || offset == GS_INTR_LEAF_EN_CLEAR(i)) {
			*val = sim->intr_leaf_en[i];
			return true;
		}
	}
	return false;
}

/* A write to a tree register; false when @offset is not one. */
static bool gs_intr_wr(struct gpusim *sim, u32 offset, u32 value)
{
	u32 i;

	if (offset < GS_INTR_LEAF(0) || offset > GS_INTR_TOP_EN_CLEAR)
		return false;
	if (offset == GS_INTR_TOP)
		return true;	/* read-only */
	if (offset == GS_INTR_TOP_EN_SET) {
		sim->intr_top_en |= value;
		goto changed;
	}
	if (offset == GS_INTR_TOP_EN_CLEAR) {
		sim->intr_top_en &= ~value;
		goto changed;
	}
	for (i = 0; i < GS_INTR_NR_LEAVES; i++) {
		if (offset == GS_INTR_LEAF(i)) {
			sim->intr_leaf[i] &= ~value;
			goto changed;
		}
		if (offset == GS_INTR_LEAF_EN_SET(i)) {
			sim->intr_leaf_en[i] |= value;
			goto changed;
		}
		if (offset == GS_INTR_LEAF_EN_CLEAR(i)) {
			sim->intr_leaf_en[i] &= ~value;
			goto changed;
		}
	}
	return false;
changed:
	gs_intr_update(sim);
	return true;
}

void gs_raise_swgen0(struct gpusim *sim)
{
	struct gs_falcon *gsp = &sim->flcn[GS_GSP];
	bool was = gsp->irqstat & GS_IRQ_SWGEN0;

	gsp->irqstat |= GS_IRQ_SWGEN0;
	if (!was)
		gs_intr_raise(sim, sim->gsp_intr_vector);
}

/*
 * The falcon's INTR_RETRIGGER (nouveau ga100.c writes it after servicing):
 * a guess that the falcon sends what is still pending to the tree again,
 * setting the leaf bit the driver may have cleared.
 */
void gs_intr_retrigger_gsp(struct gpusim *sim)
{
	if (sim->flcn[GS_GSP].irqstat & GS_IRQ_SWGEN0)
		gs_intr_raise(sim, sim->gsp_intr_vector);
}

void gpusim_hw_raise_swgen0(struct gpusim *sim)
{
	gs_raise_swgen0(sim);
}

void gpusim_hw_gsp_unloaded(struct gpusim *sim)
{
	sim->flcn[GS_GSP].mailbox[0] = GS_GSP_UNLOADED_MBOX;
	sim->rm_running = false;
	sim->rm_unloaded = true;
	gs_gsp_riscv_halt(sim);
}

void gpusim_hw_gsp_crashed(struct gpusim *sim)
{
	sim->rm_running = false;
	gs_gsp_riscv_halt(sim);
}

void gpusim_gsp_crash(struct gpusim *sim)
{
	if (sim->rm_running)
		gpusim_hw_gsp_crashed(sim);
}

bool gpusim_hw_fault(struct gpusim *sim, enum gpusim_fault fault, u32 *arg)
{
	if ((unsigned int)fault >= GPUSIM_NR_FAULTS || !sim->fault_armed[fault])
		return false;
	if (arg)
		*arg = sim->fault_arg[fault];
	return true;
}

void gpusim_hw_fault_clear(struct gpusim *sim, enum gpusim_fault fault)
{
	if ((unsigned int)fault < GPUSIM_NR_FAULTS)
		sim->fault_armed[fault] = false;
}

bool gpusim_hw_has_display(struct gpusim *sim)
{
	return !(gs_store_rd(sim, sim->chip->family == NVGSP_FAMILY_TURING ?
			     GS_FUSE_DISPLAY_TU10X : GS_FUSE_DISPLAY_GA100) & 1);
}

struct gpusim_rm *gpusim_hw_rm(struct gpusim *sim)
{
	return sim->rm;
}

static bool gs_gone(const struct gpusim *sim)
{
	return sim->fault_armed[GPUSIM_FAULT_DEVICE_GONE] && sim->accesses >= sim->gone_from;
}

bool gpusim_gone(const struct gpusim *sim)
{
	return gs_gone(sim);
}

/* A register's value; @side_effects false for the RM model's peeks. */
static u32 gs_read(struct gpusim *sim, u32 offset, bool side_effects)
{
	u32 i, val;

	for (i = 0; i < GS_NR_FALCONS; i++) {
		struct gs_falcon *f = &sim->flcn[i];

		if (f->present && offset >= f->base && offset < f->base + 2 * GS_FALCON2_OFF)
			return gs_falcon_rd(sim, f, offset - f->base, side_effects);
	}
	if (offset >= GS_PROM_BASE && offset < GS_PROM_BASE + GS_PROM_SIZE) {
		u32 at = offset - GS_PROM_BASE, v = 0, b;

		for (b = 0; b < 4; b++)
			if (at + b < sim->rom_len)
				v |= (u32)sim->rom[at + b] << (8 * b);
		return v;
	}
	if (gs_intr_rd(sim, offset, &val))
		return val;
	if (gs_flush_rd(sim, offset, &val))
		return val;
	if (gs_timer_rd(sim, offset, &val))
		return val;
	if (gs_top_rd(sim, offset, &val))
		return val;
	if (gs_pramin_rd(sim, offset, &val))
		return val;
	switch (offset) {
	case GS_PMC_BOOT_0:
		return sim->boot0;
	case GS_PMC_BOOT_42:
		return sim->boot42;
	case GS_WPR2_ADDR_LO:
		return sim->wpr2_lo;
	case GS_WPR2_ADDR_HI:
		return sim->wpr2_hi;
	}
	return gs_store_rd(sim, offset);
}

u32 gpusim_hw_rd32(struct gpusim *sim, u32 offset)
{
	return gs_read(sim, offset & ~3u, false);
}

u8 gpusim_hw_wpr_vf_partitions(struct gpusim *sim)
{
	return sim->wpr_vf_partitions;
}

u32 gpusim_rd32(struct gpusim *sim, u32 offset)
{
	bool gone;

	gone = gs_gone(sim);
	sim->accesses++;
	if (gone)
		return 0xffffffffu;
	return gs_read(sim, offset & ~3u, true);
}

void gpusim_wr32(struct gpusim *sim, u32 offset, u32 value)
{
	u32 i;

	if (gs_gone(sim)) {
		sim->accesses++;
		return;
	}
	sim->accesses++;
	offset &= ~3u;
	for (i = 0; i < GS_NR_FALCONS; i++) {
		struct gs_falcon *f = &sim->flcn[i];

		if (f->present && offset >= f->base && offset < f->base + 2 * GS_FALCON2_OFF) {
			gs_falcon_wr(sim, f, offset - f->base, value);
			goto written;
		}
	}
	if (offset >= GS_PROM_BASE && offset < GS_PROM_BASE + GS_PROM_SIZE)
		goto written;	/* ROM: writes are dropped */
	if (gs_intr_wr(sim, offset, value))
		goto written;
	if (gs_flush_wr(sim, offset, value))
		goto written;
	if (gs_timer_wr(sim, offset, value))
		goto written;
	if (gs_top_wr(sim, offset))
		goto written;	/* read-only */
	if (gs_pramin_wr(sim, offset, value))
		goto written;
	gs_sriov_pf_wr(sim, offset, value);
	switch (offset) {
	case GS_PMC_BOOT_0:
	case GS_PMC_BOOT_42:
		goto written;	/* read-only */
	case GS_WPR2_ADDR_LO:
	case GS_WPR2_ADDR_HI:
		/* Only secure ucode may program WPR2; a CPU write is dropped. */
		gpusim_hw_fail(sim, "WPR2_ADDR_%s (0x%06x) written by the CPU with 0x%08x: only FWSEC and the booter set WPR2",
			       offset == GS_WPR2_ADDR_LO ? "LO" : "HI", offset, value);
		goto written;
	}
	gs_unmodeled_note(sim, offset, value);
	if (gs_store_wr(sim, offset, value))
		gpusim_hw_fail(sim, "register 0x%06x: out of memory storing 0x%08x", offset, value);
written:
	if (sim->rm && sim->rm_running)
		gpusim_rm_reg_written(sim->rm, offset, value);
}

static u32 gs_bar_rd32(void *ctx, u32 offset)
{
	return gpusim_rd32(ctx, offset);
}

static void gs_bar_wr32(void *ctx, u32 offset, u32 value)
{
	gpusim_wr32(ctx, offset, value);
}

/*
 * Bulk accesses (the OS layer has checked range and alignment): one call
 * inside the PRAMIN window goes to the VRAM at once and counts as one
 * access; anything else is the dword loop the OS layer would run.
 */
static void gs_bar_read(void *ctx, u32 offset, void *buf, u32 len)
{
	struct gpusim *sim = ctx;
	u8 *p = buf;
	u32 i;

	if (len && offset >= GS_PRAMIN_BASE && !gs_gone(sim)) {
		sim->accesses++;
		if (gs_pramin_read(sim, offset, buf, len))
			return;
		sim->accesses--;
	}
	for (i = 0; i < len; i += 4)
		put_unaligned_le32(gpusim_rd32(sim, offset + i), p + i);
}

static void gs_bar_write(void *ctx, u32 offset, const void *buf, u32 len)
{
	struct gpusim *sim = ctx;
	const u8 *p = buf;
	u32 i;

	if (len && offset >= GS_PRAMIN_BASE && !gs_gone(sim)) {
		sim->accesses++;
		if (gs_pramin_write(sim, offset, buf, len))
			return;
		sim->accesses--;
	}
	for (i = 0; i < len; i += 4)
		gpusim_wr32(sim, offset + i, get_unaligned_le32(p + i));
}

static void gs_bar_set(void *ctx, u32 offset, u8 value, u32 len)
{
	struct gpusim *sim = ctx;
	u32 i;

	if (len && offset >= GS_PRAMIN_BASE && !gs_gone(sim)) {
		sim->accesses++;
		if (gs_pramin_set(sim, offset, value, len))
			return;
		sim->accesses--;
	}
	for (i = 0; i < len; i += 4)
		gpusim_wr32(sim, offset + i, value * 0x01010101u);
}

const struct nvgsp_os_bar_ops gpusim_bar0_ops = {
	.rd32 = gs_bar_rd32,
	.wr32 = gs_bar_wr32,
	.read = gs_bar_read,
	.write = gs_bar_write,
	.set = gs_bar_set,
};

void gpusim_tick(struct gpusim *sim, u64 now_ns)
{
	if (now_ns > sim->now_ns)
		sim->now_ns = now_ns;
	/*
	 * A GPU off the bus reaches no host memory: its engines and GSP-RM
	 * neither read the command queue nor write replies any more.
	 */
	if (gs_gone(sim))
		return;
	gs_falcon_tick(sim);
	if (sim->rm)
		gpusim_rm_tick(sim->rm, sim->now_ns);
}

void gpusim_tick_hook(void *sim, u64 now_ns)
{
	gpusim_tick(sim, now_ns);
}

void gpusim_fault_set(struct gpusim *sim, enum gpusim_fault fault, u32 arg)
{
	if (fault == GPUSIM_FAULT_NONE) {
		memset(sim->fault_armed, 0, sizeof(sim->fault_armed));
		return;
	}
	if ((unsigned int)fault >= GPUSIM_NR_FAULTS)
		return;
	sim->fault_armed[fault] = true;
	sim->fault_arg[fault] = arg;
	if (fault == GPUSIM_FAULT_DEVICE_GONE)
		sim->gone_from = sim->accesses + arg;
}

const char *gpusim_error(const struct gpusim *sim)
{
	return sim->error;
}

void gpusim_get_stats(const struct gpusim *sim, struct gpusim_stats *st)
{
	struct gpusim_stats rm = { 0 };

	*st = sim->stats;
	st->wpr2_set = sim->wpr2_hi != 0;
	st->flush_addr[0] = gs_flush_addr(sim, 0);
	st->flush_addr[1] = gs_flush_addr(sim, 1);
	st->unloaded = sim->rm_unloaded;
	st->accesses = sim->accesses;
	if (!sim->rm)
		return;
	/* The RM model owns these counters; take only those from it. */
	gpusim_rm_stats(sim->rm, &rm);
	st->gsp_booted = rm.gsp_booted;
	st->init_done = rm.init_done;
	st->rpcs = rm.rpcs;
	st->events = rm.events;
	st->seq_ops = rm.seq_ops;
	st->objects = rm.objects;
	st->unloaded = st->unloaded || rm.unloaded;
	st->unloads = rm.unloads;
	st->unload_pm = rm.unload_pm;
	st->unload_level = rm.unload_level;
}

bool gpusim_irq_pending(const struct gpusim *sim)
{
	return sim->intr_line;
}

void gpusim_set_irq_cb(struct gpusim *sim, void (*fn)(void *ctx), void *ctx)
{
	sim->irq_fn = fn;
	sim->irq_ctx = ctx;
}

void gpusim_get_pci(const struct gpusim *sim, struct gpusim_pci *pci)
{
	*pci = sim->pci;
}

/* ---- creation ---- */

static const struct nvgsp_chip_info *gs_find_chip(const char *name)
{
	const struct nvgsp_chip_info *t;
	size_t n, i;

	t = nvgsp_chip_table(&n);
	for (i = 0; i < n; i++)
		if (!strcasecmp(t[i].fw_dir, name))
			return &t[i];
	return NULL;
}

static const struct gs_board *gs_find_board(const char *fw_dir)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(gs_boards); i++)
		if (!strcmp(gs_boards[i].chip, fw_dir))
			return &gs_boards[i];
	return NULL;
}

/*
 * NV_PFB_PRI_MMU_LOCAL_MEMORY_RANGE (TU10x, GA100): size = mag << scale MiB
 * (nova-core fb/hal/tu102.rs); the smallest scale that fits.
 */
static int gs_encode_mem_range(u32 fb_mib, u32 *val)
{
	u32 scale;

	for (scale = 0; scale < 16; scale++) {
		u32 mag = fb_mib >> scale;

		if ((mag << scale) == fb_mib && mag < 64) {
			*val = (mag << 4) | scale;
			return 0;
		}
	}
	return -EINVAL;
}

static int gs_seed_regs(struct gpusim *sim, char *err, size_t err_len)
{
	bool pre = gs_chip_pre_ga102(sim);
	bool no_display;
	int ret = 0;
	u32 v;

	/* GFW boot (devinit) has completed (nova-core gpu/hal/tu102.rs). */
	ret |= gs_store_wr(sim, GS_GFW_PRIV_LEVEL_MASK, 1);
	ret |= gs_store_wr(sim, GS_GFW_BOOT, 0xff);
	if (pre) {
		if (gs_encode_mem_range(sim->fb_mib, &v)) {
			snprintf(err, err_len, "fb_mib %u cannot be encoded in LOCAL_MEMORY_RANGE (mag << scale, mag < 64)",
				 sim->fb_mib);
			return -EINVAL;
		}
		ret |= gs_store_wr(sim, GS_PFB_LOCAL_MEMORY_RANGE, v);
	} else {
		ret |= gs_store_wr(sim, GS_USABLE_FB_SIZE_IN_MB, sim->fb_mib);
	}
	/* Datacenter parts without display: GA100, GH100, GB10x. */
	no_display = sim->chip->chipset == 0x170 || sim->chip->chipset == 0x180 ||
		     sim->chip->chipset == 0x1a0 || sim->chip->chipset == 0x1a2;
	ret |= gs_store_wr(sim, sim->chip->family == NVGSP_FAMILY_TURING ?
			   GS_FUSE_DISPLAY_TU10X : GS_FUSE_DISPLAY_GA100, no_display);
	if (gs_chip_fsp(sim))
		ret |= gs_store_wr(sim, sim->chip->chipset >= 0x1b0 ?
				   GS_THERM_I2CS_SCRATCH_GB20X : GS_THERM_I2CS_SCRATCH, 0xff);
	if (ret) {
		snprintf(err, err_len, "out of memory");
		return -ENOMEM;
	}
	return 0;
}

static void gs_identity(struct gpusim *sim, const struct gpusim_config *cfg,
			const struct gs_board *board)
{
	u32 arch = sim->chip->chipset >> 4, impl = sim->chip->chipset & 0xf;
	u8 rev = cfg->revision ? cfg->revision : 0xa1;
	size_t i;

	/* hardware.rst, "Chip identification": BOOT_0 28:24 arch_0, 23:20 impl, 8 arch_1, 7:0 rev. */
	sim->boot0 = ((arch & 0x1f) << 24) | (impl << 20) | ((arch >> 5) << 8) | rev;
	/* BOOT_42: 29:24 arch, 23:20 impl, 19:16 major, 15:12 minor. */
	sim->boot42 = (arch << 24) | (impl << 20) | ((u32)(rev >> 4) << 16) |
		      ((u32)(rev & 0xf) << 12);

	sim->pci.device_id = cfg->device_id ? cfg->device_id : board->device_id;
	sim->pci.class_code = board->class_code;
	sim->pci.subsystem_vendor = 0x10de;
	sim->pci.bar1_size = (u64)board->bar1_mib << 20;
	sim->pci.bar3_size = 32ull << 20;
	for (i = 0; i < ARRAY_SIZE(gs_board_ids); i++) {
		if (gs_board_ids[i].device_id == sim->pci.device_id)
			sim->pci.subsystem_id = gs_board_ids[i].subsystem_id;
	}
}

int gpusim_create(const struct gpusim_config *cfg, struct gpusim **out, char *err,
		  size_t err_len)
{
	struct gpusim_vbios_cfg vcfg = { 0 };
	struct gpusim_rm_info info = { 0 };
	const struct gs_board *board;
	struct gpusim *sim;
	int ret;

	*out = NULL;
	if (err_len)
		err[0] = '\0';
	if (!cfg->chip || !cfg->release || !cfg->fw_path) {
		snprintf(err, err_len, "config: chip, release and fw_path are required");
		return -EINVAL;
	}
	sim = calloc(1, sizeof(*sim));
	if (!sim) {
		snprintf(err, err_len, "out of memory");
		return -ENOMEM;
	}
	sim->chip = gs_find_chip(cfg->chip);
	board = sim->chip ? gs_find_board(sim->chip->fw_dir) : NULL;
	if (!sim->chip || !board) {
		snprintf(err, err_len, "unknown chip \"%s\"", cfg->chip);
		ret = -ENODEV;
		goto free_sim;
	}
	snprintf(sim->chip_name, sizeof(sim->chip_name), "%s", sim->chip->fw_dir);
	snprintf(sim->release, sizeof(sim->release), "%s", cfg->release);
	sim->dma = cfg->dma;
	sim->dma_ctx = cfg->dma_ctx;
	sim->fb_mib = cfg->fb_mib ? cfg->fb_mib : board->fb_mib;
	sim->gsp_intr_vector = gs_gsp_intr_vector(sim->chip);
	gs_identity(sim, cfg, board);
	ret = gs_sriov_init(sim, cfg->sriov_total_vfs, err, err_len);
	if (ret)
		goto free_sim;

	ret = gpusim_fw_load(cfg->fw_path, sim->chip->fw_dir, cfg->release, &sim->fw, err,
			     err_len);
	if (ret)
		goto free_sim;
	sim->abi = gpusim_fw_abi(sim->fw);

	/* Turing and GA100 carry a v2 FWSEC descriptor, later chips v3 (vbios.rst). */
	vcfg.device_id = sim->pci.device_id;
	vcfg.desc_version = gs_chip_pre_ga102(sim) ? 2 : 3;
	ret = gpusim_vbios_build(&vcfg, &sim->rom, &sim->rom_len);
	if (ret) {
		snprintf(err, err_len, "building the VBIOS failed (%d)", ret);
		goto free_fw;
	}

	ret = gs_store_grow(sim);
	if (ret) {
		snprintf(err, err_len, "out of memory");
		goto free_rom;
	}
	ret = gs_seed_regs(sim, err, err_len);
	if (ret)
		goto free_regs;
	ret = gs_falcon_init(sim);
	if (ret) {
		snprintf(err, err_len, "out of memory");
		goto free_falcons;
	}
	ret = gs_vram_init(sim);
	if (ret) {
		snprintf(err, err_len, "out of memory");
		goto free_falcons;
	}

	info.chip = sim->chip_name;
	info.chipset = sim->chip->chipset;
	info.sig_family = sim->chip->sig_family;
	info.device_id = sim->pci.device_id;
	info.fb_size = (u64)sim->fb_mib << 20;
	if (sim->sriov.present) {
		info.sriov_total_vfs = sim->sriov.facts.total_vfs;
		info.sriov_first_vf_offset = sim->sriov.facts.first_vf_offset;
		memcpy(info.sriov_vf_bar_size, sim->sriov.facts.vf_bar_size,
		       sizeof(info.sriov_vf_bar_size));
	}
	info.gsp_intr_vector = sim->gsp_intr_vector;
	ret = gpusim_rm_create(sim, sim->abi, &info, &sim->rm);
	if (ret) {
		snprintf(err, err_len, "creating the GSP-RM model failed (%d)", ret);
		goto free_falcons;
	}
	*out = sim;
	return 0;

free_falcons:
	gs_vram_fini(sim);
	gs_falcon_fini(sim);
free_regs:
	free(sim->regs);
free_rom:
	free(sim->rom);
free_fw:
	gpusim_fw_free(sim->fw);
free_sim:
	free(sim);
	return ret;
}

void gpusim_destroy(struct gpusim *sim)
{
	if (!sim)
		return;
	if (sim->rm)
		gpusim_rm_destroy(sim->rm);
	gs_falcon_fini(sim);
	gs_vram_fini(sim);
	gs_unmodeled_fini(sim);
	free(sim->regs);
	free(sim->rom);
	gpusim_fw_free(sim->fw);
	free(sim);
}
