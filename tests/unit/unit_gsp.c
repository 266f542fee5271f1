// SPDX-License-Identifier: GPL-2.0-only
/*
 * unit_gsp.c - a simulated GPU ready to boot, for the GSP suites; see
 * unit_gsp.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "fw/nvgsp_fw_ucode.h"
#include "gsp/nvgsp_gsp_mem.h"

#define R535 "535.113.01"
#define R570 "570.144"

/* Sized by its declaration in unit_gsp.h: a row added here must be counted there. */
const struct unit_gsp_row unit_gsp_rows[] = {
	{ "tu102", R535, false, true }, { "tu116", R535, false, true },
	{ "ga100", R535, false, false }, { "ga102", R535, false, true },
	{ "ad102", R535, false, true },
	{ "tu102", R570, false, true }, { "tu116", R570, false, true },
	{ "ga100", R570, false, false }, { "ga102", R570, false, true },
	{ "ad102", R570, false, true },
	{ "gh100", R570, true, false }, { "gb100", R570, true, false },
	{ "gb202", R570, true, false },
};

unsigned int unit_bootloader_parses;
unsigned int unit_fb_layouts;
int unit_fb_vgpu = -1;
int unit_fb_vf_partitions = -1;

/* ld --wrap (Makefile UNIT_WRAP): count, then do what was asked. */
int __real_nvgsp_fw_ucode_parse_riscv(const struct nvgsp_fw_blob *blob,
				      struct nvgsp_fw_riscv_ucode *rv, struct nvgsp_fw_diag *diag);
int __wrap_nvgsp_fw_ucode_parse_riscv(const struct nvgsp_fw_blob *blob,
				      struct nvgsp_fw_riscv_ucode *rv, struct nvgsp_fw_diag *diag);
int __real_nvgsp_gsp_fb_layout(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
			       const struct nvgsp_chip_info *chip, bool vgpu, u64 fb_size,
			       u64 vga_workspace_addr, u64 bootloader_size, u64 elf_size,
			       struct nvgsp_gsp_fb_layout *out);
int __wrap_nvgsp_gsp_fb_layout(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
			       const struct nvgsp_chip_info *chip, bool vgpu, u64 fb_size,
			       u64 vga_workspace_addr, u64 bootloader_size, u64 elf_size,
			       struct nvgsp_gsp_fb_layout *out);

int __wrap_nvgsp_fw_ucode_parse_riscv(const struct nvgsp_fw_blob *blob,
				      struct nvgsp_fw_riscv_ucode *rv, struct nvgsp_fw_diag *diag)
{
	unit_bootloader_parses++;
	return __real_nvgsp_fw_ucode_parse_riscv(blob, rv, diag);
}

int __wrap_nvgsp_gsp_fb_layout(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
			       const struct nvgsp_chip_info *chip, bool vgpu, u64 fb_size,
			       u64 vga_workspace_addr, u64 bootloader_size, u64 elf_size,
			       struct nvgsp_gsp_fb_layout *out)
{
	int ret;

	unit_fb_layouts++;
	if (unit_fb_vgpu >= 0)
		vgpu = unit_fb_vgpu;
	ret = __real_nvgsp_gsp_fb_layout(dev, abi, chip, vgpu, fb_size, vga_workspace_addr,
					 bootloader_size, elf_size, out);
	if (!ret && unit_fb_vf_partitions >= 0)
		out->vf_partitions = (u64)unit_fb_vf_partitions;
	return ret;
}

/* The device's config space reads all ones once it fell off the bus. */
static bool unit_gsp_config_gone(void *ctx)
{
	return gpusim_gone(ctx);
}

/*
 * The PF's SR-IOV capability as a host kernel reports it in gspVFInfo: the
 * board's facts and VF BARs the "kernel" assigned, programmed into the
 * model's capability so GSP-RM's check compares against them.
 */
void unit_gsp_vf_info(struct unit_gsp *g)
{
	static const u64 vf_bar[GPUSIM_VF_BARS] = {
		0xd0000000ull, 0x4000000000ull, 0x6000000000ull,
	};
	struct gpusim_sriov_facts f;
	unsigned int i;

	if (gpusim_sriov_facts(g->sim, &f))
		return;
	g->cfg.pci.vf_total = f.total_vfs;
	g->cfg.pci.vf_first_offset = f.first_vf_offset;
	for (i = 0; i < GPUSIM_VF_BARS; i++) {
		g->cfg.pci.vf_bar_addr[i] = vf_bar[i];
		g->cfg.pci.vf_bar_64bit[i] = f.vf_bar_64bit[i];
	}
	gpusim_sriov_control(g->sim, false, 0, vf_bar);
}

void unit_gsp_init(struct unit_gsp *g, const char *chip, const char *release,
		   const struct nvgsp_os_bar_ops *ops, void *ctx)
{
	unit_gsp_init_board(g, chip, release, 0, 0, ops, ctx);
}

void unit_gsp_init_board(struct unit_gsp *g, const char *chip, const char *release,
			 u16 device_id, u32 fb_mib, const struct nvgsp_os_bar_ops *ops, void *ctx)
{
	struct nvgsp_fw_diag diag = { { 0 } };
	struct gpusim_config sc = { .chip = chip, .release = release, .device_id = device_id,
				    .fb_mib = fb_mib };
	struct gpusim_pci pci;
	char why[NVGSP_CHIP_WHY_LEN], err[256];
	const char *root = unit_fw_root("graphics-sid");
	int ret;

	memset(g, 0, sizeof(*g));
	sc.fw_path = root;
	ret = gpusim_create(&sc, &g->sim, err, sizeof(err));
	ck_assert_msg(ret == 0, "gpusim %s %s: %s", chip, release, err);
	/*
	 * NVGSP_UNIT_PRAMIN_MEM=1: the PRAMIN window backed by memory, as
	 * gpusim-vfu serves it (gpusim_pramin_attach()): every suite that uses
	 * this set-up then runs over that path too.
	 */
	if (getenv("NVGSP_UNIT_PRAMIN_MEM") && atoi(getenv("NVGSP_UNIT_PRAMIN_MEM"))) {
		g->pramin = aligned_alloc(4096, GPUSIM_PRAMIN_SIZE);
		ck_assert_ptr_nonnull(g->pramin);
		gpusim_pramin_attach(g->sim, g->pramin);
	}
	g->bar = (struct nvgsp_os_bar){ .ops = ops ? ops : &gpusim_bar0_ops,
					.ctx = ops ? ctx : g->sim,
					.size = GPUSIM_BAR0_SIZE, .name = "gpusim BAR0" };
	nvgsp_os_user_set_tick(gpusim_tick_hook, g->sim);
	/* Bus mastering on, as the kernel glue sets it before the boot. */
	g->dev = (struct nvgsp_os_device){ .name = "0000:01:00.0", .fw_path = root,
					   .bus_master = true,
					   .config_gone = unit_gsp_config_gone,
					   .config_ctx = g->sim };
	ck_assert_msg(nvgsp_chip_identify(&g->bar, &g->dev, &g->id, why, sizeof(why)) == 0,
		      "%s", why);
	g->set = calloc(1, sizeof(*g->set));
	ck_assert_ptr_nonnull(g->set);
	ret = nvgsp_fw_select(&g->dev, g->id.info, release, g->set, &diag);
	ck_assert_msg(ret == 0, "fw select %s %s: %s", chip, release, diag.msg);
	ck_assert_uint_eq(g->set->missing, 0);
	gpusim_get_pci(g->sim, &pci);
	g->cfg = (struct nvgsp_gsp_config){
		.dev = &g->dev, .bar0 = &g->bar, .chip = &g->id, .fw = g->set,
		.pci = { .bar0_addr = 0xf0000000ull, .bar1_addr = 0xe0000000ull,
			 .bar3_addr = 0xde000000ull, .bus = 1, .vendor_id = 0x10de,
			 .device_id = pci.device_id,
			 .subsystem_vendor_id = pci.subsystem_vendor,
			 .subsystem_id = pci.subsystem_id, .revision_id = 0xa1,
			 .dma_mask_bits = 47 },
		.timeout_scale = 1,
	};
	unit_gsp_vf_info(g);
	g->dma_live = nvgsp_os_user_dma_live();
	unit_log_reset();
}

void unit_gsp_reset(struct unit_gsp *g, const char *chip, const char *release)
{
	struct gpusim_config sc = { .chip = chip, .release = release,
				    .fw_path = unit_fw_root("graphics-sid") };
	struct gpusim *sim;
	char err[256];
	int ret;

	ret = gpusim_create(&sc, &sim, err, sizeof(err));
	ck_assert_msg(ret == 0, "gpusim %s %s: %s", chip, release, err);
	if (g->pramin) {
		memset(g->pramin, 0, GPUSIM_PRAMIN_SIZE);
		gpusim_pramin_attach(sim, g->pramin);
	}
	nvgsp_os_user_set_tick(gpusim_tick_hook, sim);
	gpusim_destroy(g->sim);
	g->sim = sim;
	if (g->bar.ops == &gpusim_bar0_ops)
		g->bar.ctx = sim;
	g->dev.config_ctx = sim;
	unit_gsp_vf_info(g);
}

void unit_gsp_fini(struct unit_gsp *g)
{
	/* What a teardown kept, now that no model can write to it. */
	nvgsp_os_user_keep_release();
	gpusim_set_irq_cb(g->sim, NULL, NULL);
	nvgsp_os_user_set_tick(NULL, NULL);
	nvgsp_fw_set_put(g->set);
	free(g->set);
	gpusim_destroy(g->sim);
	free(g->pramin);
}

unsigned int unit_count(const char *hay, const char *needle)
{
	unsigned int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

const struct nvgsp_chip_info *unit_chip_named(const char *name)
{
	const struct nvgsp_chip_info *t;
	size_t n, i;

	t = nvgsp_chip_table(&n);
	for (i = 0; i < n; i++)
		if (!strcmp(t[i].name, name))
			return &t[i];
	ck_abort_msg("no chip %s", name);
	return NULL;
}

void unit_log_one_line(int level, const char *dev, const char *text)
{
	char prefix[8], who[64];

	snprintf(prefix, sizeof(prefix), "%d ", level);
	snprintf(who, sizeof(who), "%s: ", dev);
	ck_assert_msg(strncmp(unit_log, prefix, strlen(prefix)) == 0, "level: %s", unit_log);
	ck_assert_msg(strstr(unit_log, who) != NULL, "%s not named: %s", dev, unit_log);
	ck_assert_msg(strstr(unit_log, text) != NULL, "want \"%s\" in: %s", text, unit_log);
	ck_assert_uint_eq(unit_count(unit_log, "\n"), 1);
}
