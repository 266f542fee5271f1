/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * unit_gsp.h - what a test that boots GSP-RM on gpusim sets up: the model
 * for a chip and release, the driver's BAR0 onto it, the chip identified,
 * the firmware set selected from the real files, and the boot config.
 * Shared by check_gsp_boot.c, check_gsp_intr.c and check_health.c, with the
 * chip x release matrix they iterate.
 */
#ifndef NVGSP_UNIT_GSP_H
#define NVGSP_UNIT_GSP_H

#include "gpusim.h"
#include "gsp/nvgsp_gsp.h"
#include "chip/nvgsp_chip.h"
#include "fw/nvgsp_fw_select.h"

/**
 * struct unit_gsp - a simulated GPU ready for nvgsp_gsp_boot(&g->cfg, ...).
 * @sim: the model.
 * @bar: the driver's BAR0.
 * @dev: the device (name, firmware root).
 * @id: the chip, identified through @bar.
 * @set: the firmware set for the release.
 * @cfg: the boot config.
 * @dma_live: DMA buffers live before the test: the count to return to.
 * @pramin: the PRAMIN window's memory with NVGSP_UNIT_PRAMIN_MEM=1, else NULL.
 */
struct unit_gsp {
	struct gpusim *sim;
	struct nvgsp_os_bar bar;
	struct nvgsp_os_device dev;
	struct nvgsp_chip_id id;
	struct nvgsp_fw_set *set;
	struct nvgsp_gsp_config cfg;
	size_t dma_live;
	void *pramin;
};

/**
 * struct unit_gsp_row - one chip x release that boots GSP-RM on gpusim.
 * @chip: gpusim chip name.
 * @release: the firmware release.
 * @fsp: boots through the FSP (Hopper, Blackwell), else the SEC2 booter.
 * @frts: runs FWSEC-FRTS (every SEC2-booter chip but GA100).
 */
struct unit_gsp_row {
	const char *chip;
	const char *release;
	bool fsp;
	bool frts;
};

/* Every family with every release it boots: 535.113.01 has no Hopper or Blackwell. */
#define UNIT_GSP_NROWS 13
extern const struct unit_gsp_row unit_gsp_rows[UNIT_GSP_NROWS];

/**
 * unit_gsp_init() - create the model and everything the boot needs; any
 * failure fails the calling test.
 * @g: filled.
 * @chip: gpusim chip name ("ga102").
 * @release: the firmware release ("570.144").
 * @ops: BAR0 accessors; NULL for gpusim's own (gpusim_bar0_ops).
 * @ctx: their context (with @ops NULL, the model).
 * The virtual clock ticks the model; the unit log is reset.
 */
/* Fill cfg.pci's gspVFInfo fields from the model's SR-IOV facts (no-op without). */
void unit_gsp_vf_info(struct unit_gsp *g);
void unit_gsp_init(struct unit_gsp *g, const char *chip, const char *release,
		   const struct nvgsp_os_bar_ops *ops, void *ctx);

/**
 * unit_gsp_init_board() - unit_gsp_init() for a board other than the chip's
 * default: @device_id (0: the default's; gpusim_config.device_id) and
 * @fb_mib (0: the default's; gpusim_config.fb_mib).
 */
void unit_gsp_init_board(struct unit_gsp *g, const char *chip, const char *release,
			 u16 device_id, u32 fb_mib, const struct nvgsp_os_bar_ops *ops, void *ctx);

/**
 * unit_gsp_reset() - the device reset, as gpusim-vfu serves one (a
 * secondary bus reset or FLR makes a fresh model): @g's model is replaced
 * by a new one of the chip's default board in its power-on state, and the
 * BAR0 (when it is gpusim's own), the config space and the clock follow.
 * What the driver holds (its DMA buffers, @g->cfg) is left alone.
 * @g: the environment.
 * @chip: as given to unit_gsp_init().
 * @release: likewise.
 */
void unit_gsp_reset(struct unit_gsp *g, const char *chip, const char *release);

/**
 * unit_gsp_fini() - release what unit_gsp_init() made, and what a
 * teardown kept (nvgsp_os_user_keep_release()).
 * @g: the environment.
 */
void unit_gsp_fini(struct unit_gsp *g);

/*
 * What the boot computes, counted by unit_gsp.c at calls the link wraps
 * (tests/unit/Makefile UNIT_WRAP); the tests zero them and read them back.
 * unit_bootloader_parses: nvgsp_fw_ucode_parse_riscv() calls.
 * unit_fb_layouts: nvgsp_gsp_fb_layout() calls.
 * unit_fb_vgpu: when >= 0, the layout is computed with this instead of the
 * boot's vGPU flag; unit_fb_vf_partitions: when >= 0, the layout's VF
 * partition count is replaced by it (to hand gpusim a wrong one).
 */
extern unsigned int unit_bootloader_parses;
extern unsigned int unit_fb_layouts;
extern int unit_fb_vgpu;
extern int unit_fb_vf_partitions;

/**
 * unit_count() - how many times @needle occurs in @hay (not overlapping).
 * @hay: the text (the unit log, say).
 * @needle: what to count.
 * Return: the count.
 */
unsigned int unit_count(const char *hay, const char *needle);

/**
 * unit_chip_named() - the chip table's entry for @name ("ga102"); fails the
 * calling test when the table has none.
 * @name: the chip's name.
 * Return: the entry.
 */
const struct nvgsp_chip_info *unit_chip_named(const char *name);

/**
 * unit_log_one_line() - check that exactly one message was logged since the
 * last unit_log_reset(), at @level, by device @dev, containing @text.
 * @level: enum nvgsp_os_log_level.
 * @dev: the device name the message must carry ("0000:05:00.0").
 * @text: what it must say.
 */
void unit_log_one_line(int level, const char *dev, const char *text);

#endif /* NVGSP_UNIT_GSP_H */
