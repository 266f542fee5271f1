// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_gsp.c - GSP-RM boot orchestration, teardown, the interrupt and the
 * accessors. The steps live in nvgsp_gsp_boot.c (SEC2 booter path) and
 * nvgsp_gsp_fsp_boot.c (FSP path); which run is the HAL row's choice.
 *
 * The boot is one table of steps (boot_steps[]): each names itself for the
 * failure line, runs, and may have an undo. A failed boot logs one line
 * "GSP boot failed at <step>: <why>" after the step's own detail lines,
 * then undoes the steps it reached, the failed one included, last first,
 * stops the device's DMA and frees the memory (teardown()); shutdown does
 * the same for them all. The run-time calls (liveness check, polling, the
 * live RPC of sysfs gsp_live) are at the end of the file.
 */
#include "nvgsp_gsp_types.h"
#include "transport/nvgsp_rpc.h"
#include "rm/nvgsp_rm.h"
#include "chip/regs/nvgsp_regs_falcon.h"
#include "chip/regs/nvgsp_regs_fb.h"
#include "gsp/nvgsp_gsp_intr.h"
#include "fw/nvgsp_fw_ucode.h"

#define RPC_TIMEOUT_MS		4000
#define INIT_DONE_TIMEOUT_MS	10000
#define UNLOAD_US		5000000
#define UNLOAD_POLL_US		1000
#define RESUME_US		2000000
/* GSP MAILBOX0 once GSP-RM has unloaded (nouveau r535_gsp_fini). */
#define GSP_UNLOADED		0x80000000u

int nvgsp_gsp_fail(struct nvgsp_gsp *gsp, int err, const char *fmt, ...)
{
	va_list ap;

	if (!gsp->why[0]) {
		va_start(ap, fmt);
		nvgsp_os_vsnprintf(gsp->why, sizeof(gsp->why), fmt, ap);
		va_end(ap);
	}
	return err;
}

void nvgsp_gsp_keep(struct nvgsp_gsp *gsp, const char *fmt, ...)
{
	va_list ap;

	if (!gsp->keep_why[0]) {
		va_start(ap, fmt);
		nvgsp_os_vsnprintf(gsp->keep_why, sizeof(gsp->keep_why), fmt, ap);
		va_end(ap);
	}
}

void nvgsp_gsp_dma_release(struct nvgsp_gsp *gsp, struct nvgsp_falcon *f, bool halted,
			   struct nvgsp_os_dma *dma)
{
	if (!dma->cpu)
		return;
	if (!halted && !gsp->gone && nvgsp_falcon_reset(f)) {
		nvgsp_gsp_keep(gsp, "the %s falcon reset failed", f->name);
		gsp->kept_bytes += dma->size;
		nvgsp_os_dma_keep(gsp->cfg.dev, dma);
		return;
	}
	nvgsp_os_dma_free(gsp->cfg.dev, dma);
}

/* --- sequencer core operations (Documentation/gsp-boot.rst, "The CPU sequencer") --- */

static int seq_core_reset(void *ctx)
{
	struct nvgsp_gsp *gsp = ctx;
	int ret;

	ret = nvgsp_falcon_reset(&gsp->gsp);
	if (ret)
		return ret;
	nvgsp_falcon_wr32(&gsp->gsp, NV_PFALCON_FBIF_CTL,
			  nvgsp_falcon_rd32(&gsp->gsp, NV_PFALCON_FBIF_CTL) |
			  NV_PFALCON_FBIF_CTL_ALLOW_PHYS_NO_CTX);
	nvgsp_falcon_wr32(&gsp->gsp, NV_PFALCON_FALCON_DMACTL, 0);
	return 0;
}

static int seq_core_start(void *ctx)
{
	struct nvgsp_gsp *gsp = ctx;

	nvgsp_falcon_start(&gsp->gsp);
	return 0;
}

static int seq_core_wait_for_halt(void *ctx)
{
	struct nvgsp_gsp *gsp = ctx;

	return nvgsp_falcon_wait_halt(&gsp->gsp);
}

static int seq_core_resume(void *ctx)
{
	struct nvgsp_gsp *gsp = ctx;
	u32 mbox0;
	int ret;

	/* nova-core gsp/sequencer.rs CoreResume; nouveau r535 gsp.c. */
	ret = nvgsp_falcon_reset(&gsp->gsp);
	if (ret)
		return ret;
	nvgsp_falcon_wr32(&gsp->gsp, NV_PFALCON_FALCON_MAILBOX0, (u32)gsp->mem.libos.addr);
	nvgsp_falcon_wr32(&gsp->gsp, NV_PFALCON_FALCON_MAILBOX1, (u32)(gsp->mem.libos.addr >> 32));
	nvgsp_falcon_start(&gsp->sec2);
	ret = nvgsp_poll32(gsp->cfg.bar0, gsp->dev, NV_PGC6_BSI_SECURE_SCRATCH_14,
			   "BSI_SECURE_SCRATCH_14",
			   NV_PGC6_BSI_SECURE_SCRATCH_14_BOOT_STAGE_3_HANDOFF,
			   NV_PGC6_BSI_SECURE_SCRATCH_14_BOOT_STAGE_3_HANDOFF,
			   RESUME_US * gsp->cfg.timeout_scale, 1000, NULL, false);
	if (ret)
		return ret;
	mbox0 = nvgsp_falcon_rd32(&gsp->sec2, NV_PFALCON_FALCON_MAILBOX0);
	if (mbox0) {
		/* GSP-RM sends as many sequencer scripts as it likes. */
		nvgsp_os_log_ratelimited(gsp->dev, NVGSP_LOG_ERR, 0,
					 "sequencer CORE_RESUME: SEC2 MAILBOX0 0x%08x", mbox0);
		return -EIO;
	}
	nvgsp_falcon_wr32(&gsp->gsp, NV_PFALCON_FALCON_OS, gsp->plan.bootloader.app_version);
	return nvgsp_falcon_riscv_wait_active(&gsp->gsp);
}

static const struct nvgsp_seq_ops seq_ops = {
	.core_reset = seq_core_reset,
	.core_start = seq_core_start,
	.core_wait_for_halt = seq_core_wait_for_halt,
	.core_resume = seq_core_resume,
};

static int on_sequencer(void *ctx, u32 event, const void *payload, size_t len)
{
	struct nvgsp_gsp *gsp = ctx;

	(void)event;
	return nvgsp_seq_run(&gsp->seq, payload, len);
}

/* --- the boot steps --- */

/* VRAM size and VGA workspace, then the boot plan: bootloader and FB layout. */
static int step_fb_layout(struct nvgsp_gsp *gsp)
{
	struct nvgsp_gsp_plan *plan = &gsp->plan;
	int ret;

	ret = nvgsp_gsp_fb_probe(gsp);
	if (ret)
		return ret;
	plan->dev = gsp->dev;
	plan->abi = gsp->abi;
	plan->chip = gsp->cfg.chip->info;
	plan->fw = gsp->cfg.fw;
	plan->vgpu = gsp->cfg.vgpu;
	ret = nvgsp_gsp_plan(plan, gsp->fb_size, gsp->vga_workspace, &gsp->diag);
	if (ret && gsp->diag.msg[0])
		return nvgsp_gsp_fail(gsp, ret, "%s", gsp->diag.msg);
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, "no FB layout for %llu MiB of VRAM",
				      gsp->fb_size >> 20);
	return 0;
}

static int step_rpc_queues(struct nvgsp_gsp *gsp)
{
	struct nvgsp_rpc_config rc = {
		.dev = gsp->cfg.dev,
		.bar0 = gsp->cfg.bar0,
		.abi = gsp->abi,
		.doorbell = NV_PGSP_FALCON_BASE + NV_PFALCON_FALCON_QUEUE_HEAD(0),
		.irq_ack = NV_PGSP_FALCON_BASE + NV_PFALCON_FALCON_IRQSCLR,
		.irq_ack_bits = NV_PFALCON_FALCON_IRQSCLR_SWGEN0,
		.timeout_ms = RPC_TIMEOUT_MS * gsp->cfg.timeout_scale,
		.falcon = &gsp->gsp,
	};
	int ret;

	ret = nvgsp_rpc_create(&rc, &gsp->rpc);
	if (ret) {
		gsp->rpc = NULL;
		return nvgsp_gsp_fail(gsp, ret, "transport not created");
	}
	ret = nvgsp_gsp_init_queue(gsp->rpc, gsp->abi, gsp->cfg.chip->chipset, &gsp->cfg.pci,
				   gsp->cfg.vgpu);
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, "SET_SYSTEM_INFO/SET_REGISTRY not queued");
	return 0;
}

static int step_boot_memory(struct nvgsp_gsp *gsp)
{
	struct nvgsp_rpc_shm shm;
	int ret;

	nvgsp_rpc_shm(gsp->rpc, &shm);
	ret = nvgsp_gsp_mem_create(gsp->cfg.dev, &gsp->plan, &shm, &gsp->mem);
	if (ret)
		return nvgsp_gsp_fail(gsp, ret,
				      "WPR metadata, radix3 or libos arguments not built");
	return 0;
}

static int step_booter_load(struct nvgsp_gsp *gsp)
{
	int ret;

	ret = nvgsp_gsp_booter(gsp, false);
	if (ret)
		return ret;
	/* GSP-RM runs from here on: teardown must unload it. */
	gsp->started = true;
	return 0;
}

static int step_riscv_start(struct nvgsp_gsp *gsp)
{
	int ret;

	nvgsp_falcon_wr32(&gsp->gsp, NV_PFALCON_FALCON_OS, gsp->plan.bootloader.app_version);
	ret = nvgsp_falcon_riscv_wait_active(&gsp->gsp);
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, "the RISC-V core is not running");
	return 0;
}

static int step_init_done(struct nvgsp_gsp *gsp)
{
	int ret;

	gsp->seq.dev = gsp->dev;
	gsp->seq.bar0 = gsp->cfg.bar0;
	gsp->seq.abi = gsp->abi;
	gsp->seq.ops = &seq_ops;
	gsp->seq.ctx = gsp;
	ret = nvgsp_rpc_on_event(gsp->rpc, NVGSP_ABI_EVENT_GSP_RUN_CPU_SEQUENCER, on_sequencer,
				 gsp);
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, "no sequencer handler");
	ret = nvgsp_gsp_init_wait_keep(gsp->rpc, gsp->abi,
				       INIT_DONE_TIMEOUT_MS * gsp->cfg.timeout_scale, &gsp->info,
				       &gsp->static_wire, &gsp->static_wire_len);
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, ret == -ETIMEDOUT ? "no GSP_INIT_DONE" :
				      "GSP_INIT_DONE or static info failed (%d)", ret);
	return 0;
}

static int step_rm(struct nvgsp_gsp *gsp)
{
	int ret;

	ret = nvgsp_rm_create(gsp->rpc, gsp->abi, gsp->dev, &gsp->rm);
	if (ret) {
		gsp->rm = NULL;
		return nvgsp_gsp_fail(gsp, ret, "RM object layer not created");
	}
	return 0;
}

/*
 * The RM layer: objects left in a GSP-RM that still answers are freed there
 * (and named as left over); those of a GSP-RM that is dead or unloaded went
 * with it, and are forgotten without an RPC or a line.
 */
static void rm_release(struct nvgsp_gsp *gsp)
{
	if (gsp->rpc && nvgsp_rpc_state(gsp->rpc, NULL, 0) != NVGSP_RPC_RUNNING)
		nvgsp_rm_abandon(gsp->rm);
	else
		nvgsp_rm_destroy(gsp->rm);
	gsp->rm = NULL;
}

static void undo_rm(struct nvgsp_gsp *gsp)
{
	rm_release(gsp);
}

/*
 * The GSP's message interrupt, once its vector is acknowledged: clear SWGEN0,
 * then drain the queue (a message posted after the clear raises SWGEN0, and
 * so the vector, again). Clearing SWGEN0 here even when the queue turns out
 * empty (a waiting caller drained it) matters: SWGEN0 left raised would
 * never rise again, and the vector would stay quiet.
 */
static void msgq_service(struct nvgsp_gsp *gsp)
{
	nvgsp_falcon_wr32(&gsp->gsp, NV_PFALCON_FALCON_IRQSCLR, NV_PFALCON_FALCON_IRQSCLR_SWGEN0);
	if (gsp->rpc)
		nvgsp_rpc_poll(gsp->rpc);
}

/* Which vector is the GSP's: GSP-RM's interrupt table. Enabled later. */
static int step_intr_route(struct nvgsp_gsp *gsp)
{
	char why[NVGSP_GSP_INTR_WHY_LEN] = "";
	int ret;

	ret = nvgsp_gsp_intr_init(&gsp->intr, gsp->cfg.bar0, gsp->dev, gsp->rm, gsp->abi,
				  &gsp->info, why, sizeof(why));
	if (ret)
		return nvgsp_gsp_fail(gsp, ret, "%s", why[0] ? why : "interrupt vector not routed");
	return 0;
}

/* No interrupt for a GSP-RM on its way out; RPCs poll from here on. */
static void undo_intr_route(struct nvgsp_gsp *gsp)
{
	if (!gsp->gone)
		nvgsp_gsp_intr_fini(&gsp->intr);
}

static void unload_gsp_rm(struct nvgsp_gsp *gsp)
{
	struct nvgsp_abi_unloading_guest_driver ugd = { 0 };
	char why[NVGSP_GSP_WHY_LEN];
	u8 buf[64];
	int ret, n;

	n = nvgsp_abi_encode_unloading_guest_driver(gsp->abi, &ugd, buf, sizeof(buf));
	ret = n < 0 ? n : nvgsp_rpc_call(gsp->rpc, NVGSP_ABI_RPC_UNLOADING_GUEST_DRIVER, buf,
					 (size_t)n, NULL, 0, NULL, 0);
	if (ret == -EIO) {
		/*
		 * The transport died earlier (and said why): the command was
		 * not sent, and a dead GSP-RM reports nothing, so nothing is
		 * waited for. The GSP falcon reset, FWSEC-SB and booter_unload
		 * that follow need the GPU, not GSP-RM: they stop its core and
		 * release WPR2 for the next boot.
		 */
		nvgsp_rpc_state(gsp->rpc, why, sizeof(why));
		nvgsp_os_log(gsp->dev, NVGSP_LOG_WARN, 0,
			     "teardown: GSP-RM dead (%s), not unloaded; resetting the GSP", why);
		return;
	}
	if (ret)
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
			     "teardown: UNLOADING_GUEST_DRIVER failed (%d)", ret);
	if (ret == -ENODEV)
		return;
	if (gsp->hal->unload_wait == NVGSP_UNLOAD_WAIT_MAILBOX)
		ret = nvgsp_poll32(gsp->cfg.bar0, gsp->dev,
				   NV_PGSP_FALCON_BASE + NV_PFALCON_FALCON_MAILBOX0, "GSP MAILBOX0",
				   0xffffffffu, GSP_UNLOADED, UNLOAD_US * gsp->cfg.timeout_scale,
				   UNLOAD_POLL_US, NULL, false);
	else
		ret = nvgsp_falcon_riscv_wait_halted(&gsp->gsp, UNLOAD_US);
	if (ret)
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
			     "teardown: GSP-RM did not report unloaded (%d)", ret);
	/*
	 * Nothing may call the GSP-RM that is gone now: a caller that still
	 * holds a reference (a sysfs reader during shutdown) fails at once
	 * instead of waiting for an answer that cannot come.
	 */
	nvgsp_rpc_kill(gsp->rpc, false, "GSP-RM unloaded");
}

/*
 * The undo of booter_load and of the FSP chain of trust: GSP-RM stopped.
 * Also when the step failed before GSP-RM was known to run (a booter or an
 * FSP that timed out may have started it, or the FMC): the GSP falcon is
 * reset whatever it runs. A reset that fails leaves it in a state nobody
 * knows, with the addresses of the GPU's memory: that memory is kept.
 */
static void undo_gsp_rm_start(struct nvgsp_gsp *gsp)
{
	int ret;

	if (gsp->gone)
		return;
	if (gsp->started && gsp->rpc)
		unload_gsp_rm(gsp);
	ret = nvgsp_falcon_reset(&gsp->gsp);
	if (ret) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_ERR, 0,
			     "teardown: GSP falcon reset failed (%d)", ret);
		nvgsp_gsp_keep(gsp, "the GSP falcon reset failed");
	}
}

#define ON_SEC2	(1u << NVGSP_BOOT_SEC2_BOOTER)
#define ON_FSP	(1u << NVGSP_BOOT_FSP)
#define ON_ALL	(ON_SEC2 | ON_FSP)

/**
 * struct boot_step - one step of the boot.
 * @name: what the failure line calls it ("GSP boot failed at <name>").
 * @paths: the boot paths it is on (ON_SEC2, ON_FSP).
 * @run: the step: 0, or a negative errno with the reason given to
 *       nvgsp_gsp_fail().
 * @undo: NULL, or what reverses the step's effect on the device; it runs
 *        also when @run failed half way, so it looks at what was done.
 *        Memory is freed after every undo has run (gsp_free()).
 */
struct boot_step {
	const char *name;
	u32 paths;
	int (*run)(struct nvgsp_gsp *gsp);
	void (*undo)(struct nvgsp_gsp *gsp);
};

/*
 * Both boot paths, in order. A step off the chip's path is passed over; one
 * on it that has nothing to do on the chip (GFW boot, VBIOS, FWSEC-FRTS:
 * the HAL row says) returns 0, and its undo still runs: on GA100,
 * FWSEC-FRTS's releases the WPR2 booter_load carved.
 */
static const struct boot_step boot_steps[] = {
	{ "GFW boot", ON_SEC2, nvgsp_gsp_gfw_wait, NULL },
	{ "FSP boot", ON_FSP, nvgsp_gsp_fsp_wait, NULL },
	{ "sysmem flush", ON_ALL, nvgsp_gsp_sysmem_flush, nvgsp_gsp_sysmem_flush_clear },
	{ "FB layout", ON_ALL, step_fb_layout, NULL },
	{ "VBIOS", ON_SEC2, nvgsp_gsp_vbios, NULL },
	{ "FWSEC-FRTS", ON_SEC2, nvgsp_gsp_fwsec_frts, nvgsp_gsp_wpr2_release },
	{ "RPC queues", ON_ALL, step_rpc_queues, NULL },
	{ "boot memory", ON_ALL, step_boot_memory, NULL },
	{ "GSP falcon start", ON_SEC2, nvgsp_gsp_start_riscv, NULL },
	{ "booter_load", ON_SEC2, step_booter_load, undo_gsp_rm_start },
	{ "FMC", ON_FSP, nvgsp_gsp_fmc, NULL },
	{ "FSP chain of trust", ON_FSP, nvgsp_gsp_fsp_cot, undo_gsp_rm_start },
	{ "GSP lockdown release", ON_FSP, nvgsp_gsp_lockdown_wait, NULL },
	{ "GSP RISC-V start", ON_ALL, step_riscv_start, NULL },
	{ "GSP-RM init", ON_ALL, step_init_done, NULL },
	{ "RM", ON_ALL, step_rm, undo_rm },
	{ "interrupt table", ON_ALL, step_intr_route, undo_intr_route },
};

#define NR_BOOT_STEPS (ARRAY_SIZE(boot_steps))

static bool step_on_path(const struct nvgsp_gsp *gsp, const struct boot_step *s)
{
	return s->paths & (1u << gsp->hal->boot_path);
}

static int boot_run(struct nvgsp_gsp *gsp)
{
	const struct boot_step *s;
	int ret;

	for (gsp->reached = 0; gsp->reached < NR_BOOT_STEPS;) {
		s = &boot_steps[gsp->reached++];
		if (!step_on_path(gsp, s))
			continue;
		gsp->step = s->name;
		ret = s->run(gsp);
		if (ret)
			return ret;
	}
	return 0;
}

/* --- teardown --- */

/* Every buffer, once nothing on the device can reach them any more. */
static void gsp_free(struct nvgsp_gsp *gsp)
{
	/* Left by nvgsp_gsp_quiesce() for callers that may still hold it. */
	rm_release(gsp);
	nvgsp_rpc_destroy(gsp->rpc);
	gsp->rpc = NULL;
	nvgsp_gsp_mem_destroy(gsp->cfg.dev, &gsp->mem);
	nvgsp_gsp_fsp_free(gsp);
	nvgsp_os_dma_free(gsp->cfg.dev, &gsp->flush);
	nvgsp_os_free(gsp->rom);
	gsp->rom = NULL;
	nvgsp_os_free(gsp->static_wire);
	gsp->static_wire = NULL;
}

/* How a kept GSP would be freed (nvgsp_os_keep(); userspace tests only). */
static void gsp_release(void *obj)
{
	gsp_free(obj);
	nvgsp_os_free(obj);
}

/* The bytes of DMA memory the GPU was given that gsp_free() frees. */
static size_t gsp_dma_bytes(struct nvgsp_gsp *gsp)
{
	struct nvgsp_rpc_shm shm = { 0 };

	if (gsp->rpc)
		nvgsp_rpc_shm(gsp->rpc, &shm);
	return (size_t)shm.pte_count * NVGSP_OS_PAGE_SIZE + nvgsp_gsp_mem_bytes(&gsp->mem) +
	       gsp->flush.size + gsp->fmc_image.size + gsp->fmc_params.size;
}

/*
 * Undo the steps reached, last first: the engines quiesced (the interrupt
 * vector off, GSP-RM unloaded, the GSP falcon reset, FWSEC-SB and
 * booter_unload, the sysmem flush register cleared); then the device's
 * DMA stopped (bus mastering off, confirmed); then the memory freed, and
 * @gsp with it. When an engine's state cannot be known (its reset failed,
 * the device reads all ones, bus mastering cannot be confirmed off) the
 * memory it may still write is kept, never freed, with one line saying
 * how much and why.
 */
static void quiesce(struct nvgsp_gsp *gsp, bool keep_rm)
{
	const struct boot_step *s;

	gsp->gone = nvgsp_os_rd32(gsp->cfg.bar0, 0) == 0xffffffffu;
	if (gsp->gone)
		nvgsp_gsp_keep(gsp, "the device reads all ones");
	/*
	 * The device was reset since GSP-RM died (nvgsp_gsp_kill()): the
	 * reset took GSP-RM, the falcons' state and WPR2 with it, so there
	 * is nothing to undo on it, and the steps that would (FWSEC-SB,
	 * booter_unload, the falcon resets) would only wait out their
	 * timeouts on a GPU that no longer holds what they look for.
	 */
	if (gsp->dev_reset)
		gsp->reached = 0;
	while (gsp->reached) {
		s = &boot_steps[--gsp->reached];
		if (!s->undo || !step_on_path(gsp, s))
			continue;
		/* The RM layer is memory only: freed with the rest (gsp_free()). */
		if (keep_rm && s->undo == undo_rm)
			continue;
		s->undo(gsp);
	}
	if (nvgsp_os_dma_stop(gsp->cfg.dev))
		nvgsp_gsp_keep(gsp, "bus mastering cannot be confirmed off");
	gsp->quiesced = true;
}

static void teardown(struct nvgsp_gsp *gsp)
{
	char why[NVGSP_GSP_WHY_LEN] = "";
	size_t bytes;

	if (!gsp->quiesced)
		quiesce(gsp, false);
	nvgsp_os_free(gsp->rom);
	gsp->rom = NULL;
	bytes = gsp->keep_why[0] ? gsp_dma_bytes(gsp) : 0;
	if (gsp->dev_reset) {
		/* The one line of the teardown of a GSP-RM dead and reset. */
		nvgsp_rpc_state(gsp->rpc, why, sizeof(why));
		if (bytes + gsp->kept_bytes)
			nvgsp_os_log(gsp->dev, NVGSP_LOG_WARN, 0,
				     "teardown: GSP-RM dead (%s) and the device reset: nothing to unload; keeping %zu KiB of DMA memory the GPU may still access: %s",
				     why, (bytes + gsp->kept_bytes) >> 10, gsp->keep_why);
		else
			nvgsp_os_log(gsp->dev, NVGSP_LOG_INFO, 0,
				     "teardown: GSP-RM dead (%s) and the device reset: nothing to unload, its memory freed",
				     why);
	} else if (bytes + gsp->kept_bytes) {
		nvgsp_os_log(gsp->dev, NVGSP_LOG_WARN, 0,
			     "teardown: keeping %zu KiB of DMA memory the GPU may still access: %s",
			     (bytes + gsp->kept_bytes) >> 10, gsp->keep_why);
	}
	if (bytes) {
		/*
		 * @gsp stays, with the buffers it owns. Its pointers to the
		 * caller's device, register window and firmware go stale once
		 * the caller frees them; nothing follows them (the kernel never
		 * calls gsp_release(); the tests call it while they still exist).
		 */
		nvgsp_os_keep(gsp->cfg.dev, gsp, gsp_release);
		return;
	}
	gsp_free(gsp);
	nvgsp_os_free(gsp);
}

static int check_config(const struct nvgsp_gsp_config *cfg)
{
	const char *why = NULL;

	if (!cfg->dev || !cfg->bar0 || !cfg->chip || !cfg->chip->info)
		why = "no device, register window or identified chip";
	else if (!cfg->fw || !cfg->fw->abi)
		why = "no firmware set with a bound release";
	else if (cfg->fw->missing)
		why = "the firmware set misses files";
	if (why)
		nvgsp_os_log(cfg->dev, NVGSP_LOG_ERR, 0, "GSP boot failed at configuration: %s", why);
	return why ? -EINVAL : 0;
}

int nvgsp_gsp_boot(const struct nvgsp_gsp_config *cfg, struct nvgsp_gsp **out)
{
	struct nvgsp_os_device *dev = cfg->dev;
	const struct nvgsp_gsp_hal *hal;
	struct nvgsp_gsp *gsp;
	int ret;

	*out = NULL;
	ret = check_config(cfg);
	if (ret)
		return ret;
	hal = nvgsp_gsp_hal_lookup(cfg->chip->info);
	if (!hal) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "GSP boot failed at configuration: no boot table row for family %s",
			     cfg->chip->info->sig_family);
		return -EOPNOTSUPP;
	}
	gsp = nvgsp_os_zalloc(sizeof(*gsp));
	if (!gsp)
		return -ENOMEM;
	gsp->cfg = *cfg;
	if (!gsp->cfg.timeout_scale)
		gsp->cfg.timeout_scale = 1;
	gsp->dev = dev;
	gsp->abi = cfg->fw->abi;
	gsp->hal = hal;
	nvgsp_falcon_init(&gsp->gsp, cfg->bar0, dev, "GSP", NV_PGSP_FALCON_BASE, hal->falcon,
			  cfg->chip->boot0, gsp->cfg.timeout_scale);
	nvgsp_falcon_init(&gsp->sec2, cfg->bar0, dev, "SEC2", NV_PSEC_FALCON_BASE, hal->falcon,
			  cfg->chip->boot0, gsp->cfg.timeout_scale);
	gsp->fsp = (struct nvgsp_fsp){ .bar = cfg->bar0, .dev = dev,
				       .boot_status = hal->fsp_boot_status,
				       .timeout_scale = gsp->cfg.timeout_scale };

	ret = boot_run(gsp);
	if (ret) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0, "GSP boot failed at %s: %s (%d)", gsp->step,
			     gsp->why[0] ? gsp->why : "error", ret);
		teardown(gsp);
		return ret;
	}
	/* The glue prints the one "running" line users see, with what static info says. */
	nvgsp_os_log(dev, NVGSP_LOG_DEBUG, NVGSP_DBG_BOOT, "GSP-RM %s booted (%s path)",
		     gsp->abi->release, nvgsp_chip_boot_path_name(hal->boot_path));
	*out = gsp;
	return 0;
}

void nvgsp_gsp_shutdown(struct nvgsp_gsp *gsp)
{
	if (!gsp)
		return;
	gsp->why[0] = '\0';
	teardown(gsp);
}

void nvgsp_gsp_quiesce(struct nvgsp_gsp *gsp)
{
	if (!gsp || gsp->quiesced)
		return;
	gsp->why[0] = '\0';
	quiesce(gsp, true);
	/* Dead or gone already, it stays so; else ended (unload_gsp_rm() did). */
	nvgsp_rpc_kill(gsp->rpc, false, "GSP-RM unloaded");
}

void nvgsp_gsp_kill(struct nvgsp_gsp *gsp, const char *why, bool reset)
{
	nvgsp_rpc_kill(gsp->rpc, true, why);
	if (reset)
		gsp->dev_reset = true;
}

bool nvgsp_gsp_irq_enable(struct nvgsp_gsp *gsp)
{
	bool enabled = nvgsp_gsp_intr_enable(&gsp->intr);

	/*
	 * SWGEN0 may still be raised from a message the boot's waits drained,
	 * and a message may have come between the table read and the enable:
	 * run the service cycle once, so the next message is an edge the CPU
	 * sees. Polling keeps working whether or not an interrupt arrives.
	 */
	msgq_service(gsp);
	return enabled;
}

void nvgsp_gsp_irq_disable(struct nvgsp_gsp *gsp)
{
	nvgsp_gsp_intr_fini(&gsp->intr);
}

bool nvgsp_gsp_irq(struct nvgsp_gsp *gsp)
{
	/* Not the GSP's vector (a shared line, the device gone): not ours. */
	if (!nvgsp_gsp_intr_ack(&gsp->intr))
		return false;
	msgq_service(gsp);
	return true;
}

struct nvgsp_rm *nvgsp_gsp_rm(struct nvgsp_gsp *gsp)
{
	return gsp->rm;
}

u16 nvgsp_gsp_vf_total(const struct nvgsp_gsp *gsp)
{
	return gsp->cfg.pci.vf_total;
}

const struct nvgsp_abi_static_info *nvgsp_gsp_static_info(const struct nvgsp_gsp *gsp)
{
	return &gsp->info;
}

const u8 *nvgsp_gsp_static_info_wire(const struct nvgsp_gsp *gsp, size_t *len)
{
	*len = gsp->static_wire_len;
	return gsp->static_wire;
}

enum nvgsp_rpc_state nvgsp_gsp_state(const struct nvgsp_gsp *gsp, char *reason, size_t len)
{
	return nvgsp_rpc_state(gsp->rpc, reason, len);
}

/* --- at run time (Documentation/runtime.rst) --- */

int nvgsp_gsp_check_alive(struct nvgsp_gsp *gsp)
{
	return nvgsp_rpc_check_alive(gsp->rpc);
}

int nvgsp_gsp_poll(struct nvgsp_gsp *gsp)
{
	return nvgsp_rpc_poll(gsp->rpc);
}

bool nvgsp_gsp_backlog(const struct nvgsp_gsp *gsp)
{
	return nvgsp_rpc_backlog(gsp->rpc);
}

int nvgsp_gsp_vmmu_segment_size(struct nvgsp_gsp *gsp, const struct nvgsp_rm_subdevice *sd,
				u64 *size)
{
	struct nvgsp_abi_vmmu_segment_size seg = { 0 };
	u8 params[64] = { 0 };
	u32 psize = nvgsp_abi_codec_size(gsp->abi, NVGSP_ABI_CODEC_VMMU_SEGMENT_SIZE);
	int ret;

	if (!psize || psize > sizeof(params))
		return -EOPNOTSUPP;
	ret = nvgsp_rm_control(gsp->rm, sd->h_client, sd->h_subdevice,
			       NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE, params, psize);
	if (ret)
		return ret;
	ret = nvgsp_abi_decode_vmmu_segment_size(gsp->abi, &seg, params, psize);
	if (ret < 0)
		return ret;
	*size = seg.segment_size;
	return 0;
}

long nvgsp_gsp_log_read(struct nvgsp_gsp *gsp, enum nvgsp_gsp_log log, u64 pos,
			void *buf, size_t len)
{
	if ((unsigned int)log >= NVGSP_GSP_NR_LOGS)
		return -EINVAL;
	return nvgsp_gsp_mem_log_read(&gsp->mem, (u32)log, pos, buf, len);
}

size_t nvgsp_gsp_log_size(const struct nvgsp_gsp *gsp, enum nvgsp_gsp_log log)
{
	if ((unsigned int)log >= NVGSP_GSP_NR_LOGS)
		return 0;
	return nvgsp_gsp_mem_log_size(&gsp->mem, (u32)log);
}
