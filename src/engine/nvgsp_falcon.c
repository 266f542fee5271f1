// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_falcon.c - falcon reset, loads, boot and RISC-V state.
 *
 * Sequences follow nova-core falcon.rs and falcon/hal/{tu102,ga102}.rs and
 * nouveau nvkm/falcon/{gm200,gp102,ga102}.c (Documentation/hardware.rst,
 * "Falcon engines", the behaviour after the tables).
 */
#include "nvgsp_falcon.h"
#include "chip/regs/nvgsp_regs_falcon.h"

#define FALCON_BLOCK	256u
#define POLL_FAST_US	1
#define POLL_SLOW_US	10
#define POLL_RISCV_US	10000

void nvgsp_falcon_init(struct nvgsp_falcon *f, struct nvgsp_os_bar *bar,
		       struct nvgsp_os_device *dev, const char *name, u32 base,
		       const struct nvgsp_falcon_hal *hal, u32 boot0, u32 timeout_scale)
{
	f->bar = bar;
	f->dev = dev;
	f->name = name;
	f->base = base;
	f->base2 = base + NV_PFALCON2_OFFSET;
	f->hal = hal;
	f->boot0 = boot0;
	f->timeout_scale = timeout_scale ? timeout_scale : 1;
}

int nvgsp_poll32(struct nvgsp_os_bar *bar, struct nvgsp_os_device *dev, u32 reg, const char *what,
		 u32 mask, u32 value, u32 timeout_us, u32 interval_us, u32 *last, bool quiet)
{
	u64 start = nvgsp_os_time_ns();
	u64 limit = (u64)timeout_us * 1000;
	u64 waited;
	u32 v;

	for (;;) {
		v = nvgsp_os_rd32(bar, reg);
		if (last)
			*last = v;
		/*
		 * Rate-limited, as the timeout below: the CPU sequencer runs
		 * these waits for GSP-RM as often as GSP-RM asks.
		 */
		if (v == 0xffffffffu) {
			nvgsp_os_log_ratelimited(dev, NVGSP_LOG_ERR, 0,
						 "%s (0x%06x) reads 0xffffffff: the device is gone",
						 what, reg);
			return -ENODEV;
		}
		if ((v & mask) == value)
			return 0;
		waited = nvgsp_os_time_ns() - start;
		if (waited >= limit)
			break;
		nvgsp_os_usleep(interval_us ? interval_us : 1);
	}
	nvgsp_os_log_ratelimited(dev, quiet ? NVGSP_LOG_DEBUG : NVGSP_LOG_ERR, NVGSP_DBG_BOOT,
				 "timeout after %llu us waiting for %s (0x%06x) & 0x%08x == 0x%08x: last 0x%08x",
				 waited / 1000, what, reg, mask, value, v);
	return -ETIMEDOUT;
}

u32 nvgsp_falcon_rd32(struct nvgsp_falcon *f, u32 reg)
{
	return nvgsp_os_rd32(f->bar, f->base + reg);
}

void nvgsp_falcon_wr32(struct nvgsp_falcon *f, u32 reg, u32 value)
{
	nvgsp_os_wr32(f->bar, f->base + reg, value);
}

static u32 rd2(struct nvgsp_falcon *f, u32 reg)
{
	return nvgsp_os_rd32(f->bar, f->base2 + reg);
}

static void wr2(struct nvgsp_falcon *f, u32 reg, u32 value)
{
	nvgsp_os_wr32(f->bar, f->base2 + reg, value);
}

/* Poll a PFALCON (@two false) or PFALCON2 register with a name built here. */
static int fpoll(struct nvgsp_falcon *f, bool two, u32 reg, const char *reg_name, u32 mask,
		 u32 value, u32 timeout_us, u32 interval_us, bool quiet)
{
	char what[48];

	nvgsp_os_snprintf(what, sizeof(what), "%s %s", f->name, reg_name);
	return nvgsp_poll32(f->bar, f->dev, (two ? f->base2 : f->base) + reg, what, mask, value,
			    timeout_us * f->timeout_scale, interval_us, NULL, quiet);
}

static void engine_reset(struct nvgsp_falcon *f)
{
	nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_ENGINE, NV_PFALCON_FALCON_ENGINE_RESET);
	nvgsp_os_udelay(10);
	nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_ENGINE, 0);
}

static int reset_tu102(struct nvgsp_falcon *f)
{
	engine_reset(f);
	return fpoll(f, false, NV_PFALCON_FALCON_DMACTL, "DMACTL",
		     NV_PFALCON_FALCON_DMACTL_IMEM_SCRUBBING |
		     NV_PFALCON_FALCON_DMACTL_DMEM_SCRUBBING, 0,
		     NVGSP_FALCON_DMACTL_SCRUB_US, POLL_SLOW_US, false);
}

static int reset_ga102(struct nvgsp_falcon *f)
{
	int ret;

	/* nova-core ga102.rs reset_wait_for_ready: a timeout here is not fatal. */
	ret = fpoll(f, false, NV_PFALCON_FALCON_HWCFG2, "HWCFG2",
		    NV_PFALCON_FALCON_HWCFG2_RESET_READY, NV_PFALCON_FALCON_HWCFG2_RESET_READY,
		    NVGSP_FALCON_RESET_READY_US, POLL_FAST_US, true);
	if (ret == -ENODEV)
		return ret;
	engine_reset(f);
	ret = fpoll(f, false, NV_PFALCON_FALCON_HWCFG2, "HWCFG2",
		    NV_PFALCON_FALCON_HWCFG2_MEM_SCRUBBING, 0, NVGSP_FALCON_SCRUB_US,
		    POLL_SLOW_US, false);
	if (ret)
		return ret;
	if (rd2(f, NV_PRISCV_RISCV_BCR_CTRL) & NV_PRISCV_RISCV_BCR_CTRL_CORE_SELECT_RISCV) {
		wr2(f, NV_PRISCV_RISCV_BCR_CTRL, 0);
		ret = fpoll(f, true, NV_PRISCV_RISCV_BCR_CTRL, "RISCV_BCR_CTRL",
			    NV_PRISCV_RISCV_BCR_CTRL_VALID, NV_PRISCV_RISCV_BCR_CTRL_VALID,
			    NVGSP_FALCON_BCR_US, POLL_SLOW_US, false);
		if (ret)
			return ret;
	}
	return fpoll(f, false, NV_PFALCON_FALCON_HWCFG2, "HWCFG2",
		     NV_PFALCON_FALCON_HWCFG2_MEM_SCRUBBING, 0, NVGSP_FALCON_SCRUB_US,
		     POLL_SLOW_US, false);
}

int nvgsp_falcon_reset(struct nvgsp_falcon *f)
{
	int ret;

	if (f->hal->reset == NVGSP_FALCON_RESET_GA102)
		ret = reset_ga102(f);
	else
		ret = reset_tu102(f);
	if (ret) {
		/* The sequencer's CORE_RESET/CORE_RESUME come here at GSP-RM's will. */
		nvgsp_os_log_ratelimited(f->dev, NVGSP_LOG_ERR, 0, "%s falcon reset failed (%d)",
					 f->name, ret);
		return ret;
	}
	nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_RM, f->boot0);
	return 0;
}

static int check_fit(struct nvgsp_falcon *f, const struct nvgsp_falcon_seg *seg, u32 size)
{
	const char *mem = seg->imem ? "IMEM" : "DMEM";

	if ((seg->imem && seg->dst % FALCON_BLOCK) || seg->dst % 4) {
		nvgsp_os_log(f->dev, NVGSP_LOG_ERR, 0, "%s %s load offset 0x%x is misaligned",
			     f->name, mem, seg->dst);
		return -EINVAL;
	}
	if (seg->dst > size || seg->len > size - seg->dst) {
		nvgsp_os_log(f->dev, NVGSP_LOG_ERR, 0,
			     "%s %s load 0x%x+0x%x does not fit the %s size 0x%x",
			     f->name, mem, seg->dst, seg->len, mem, size);
		return -EINVAL;
	}
	return 0;
}

/* Little-endian dword @i of @len bytes at @p, zero past the end. */
static u32 dword_at(const u8 *p, u32 len, u32 i)
{
	u32 v = 0, b;

	for (b = 0; b < 4; b++)
		if (i + b < len)
			v |= (u32)p[i + b] << (8 * b);
	return v;
}

int nvgsp_falcon_load_pio(struct nvgsp_falcon *f, const struct nvgsp_falcon_seg *seg)
{
	u32 hwcfg = nvgsp_falcon_rd32(f, NV_PFALCON_FALCON_HWCFG);
	u32 size, i, tag;
	int ret;

	if (hwcfg == 0xffffffffu) {
		nvgsp_os_log(f->dev, NVGSP_LOG_ERR, 0,
			     "%s HWCFG reads 0xffffffff: the device is gone", f->name);
		return -ENODEV;
	}
	size = seg->imem ? NV_PFALCON_FALCON_HWCFG_IMEM_SIZE(hwcfg) :
			   NV_PFALCON_FALCON_HWCFG_DMEM_SIZE(hwcfg);
	ret = check_fit(f, seg, size);
	if (ret)
		return ret;

	if (seg->imem) {
		u32 padded = (seg->len + FALCON_BLOCK - 1) & ~(FALCON_BLOCK - 1);

		if (padded > size - seg->dst) {
			nvgsp_os_log(f->dev, NVGSP_LOG_ERR, 0,
				     "%s IMEM load 0x%x+0x%x (padded) does not fit 0x%x",
				     f->name, seg->dst, padded, size);
			return -EINVAL;
		}
		nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_IMEMC(0),
				  NV_PFALCON_FALCON_IMEMC_AINCW | seg->dst |
				  (seg->secure ? NV_PFALCON_FALCON_IMEMC_SECURE : 0));
		tag = seg->tag;
		for (i = 0; i < padded; i += 4) {
			if (i % FALCON_BLOCK == 0)
				nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_IMEMT(0), tag++);
			nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_IMEMD(0),
					  dword_at(seg->src, seg->len, i));
		}
		return 0;
	}

	nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_DMEMC(0), NV_PFALCON_FALCON_DMEMC_AINCW | seg->dst);
	for (i = 0; i < seg->len; i += 4)
		nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_DMEMD(0), dword_at(seg->src, seg->len, i));
	return 0;
}

void nvgsp_falcon_set_transcfg(struct nvgsp_falcon *f, u32 ctx_dma)
{
	u32 reg = NV_PFALCON_FBIF_TRANSCFG(ctx_dma & 7);
	u32 v = nvgsp_falcon_rd32(f, reg);

	v &= ~(NV_PFALCON_FBIF_TRANSCFG_TARGET_MASK | NV_PFALCON_FBIF_TRANSCFG_MEM_TYPE_PHYSICAL);
	v |= NV_PFALCON_FBIF_TRANSCFG_TARGET_COH_SYSMEM |
	     NV_PFALCON_FBIF_TRANSCFG_MEM_TYPE_PHYSICAL;
	nvgsp_falcon_wr32(f, reg, v);
}

int nvgsp_falcon_load_dma(struct nvgsp_falcon *f, const struct nvgsp_os_dma *buf,
			  const struct nvgsp_falcon_seg *seg)
{
	const char *mem = seg->imem ? "IMEM" : "DMEM";
	u32 padded = (seg->len + FALCON_BLOCK - 1) & ~(FALCON_BLOCK - 1);
	u32 cmd, pos;
	int ret;

	if (seg->src_off % FALCON_BLOCK || seg->dst % FALCON_BLOCK) {
		nvgsp_os_log(f->dev, NVGSP_LOG_ERR, 0,
			     "%s %s DMA load from 0x%x to 0x%x is not 256-byte aligned",
			     f->name, mem, seg->src_off, seg->dst);
		return -EINVAL;
	}
	if (!buf->cpu || seg->src_off > buf->size || padded > buf->size - seg->src_off) {
		nvgsp_os_log(f->dev, NVGSP_LOG_ERR, 0,
			     "%s %s DMA load 0x%x+0x%x is outside its 0x%zx-byte buffer",
			     f->name, mem, seg->src_off, padded, buf->size);
		return -EINVAL;
	}

	/* nova-core falcon.rs dma_load: physical access without a context. */
	nvgsp_falcon_wr32(f, NV_PFALCON_FBIF_CTL, nvgsp_falcon_rd32(f, NV_PFALCON_FBIF_CTL) |
			  NV_PFALCON_FBIF_CTL_ALLOW_PHYS_NO_CTX);
	nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_DMACTL, 0);
	nvgsp_falcon_set_transcfg(f, 0);
	nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_DMATRFBASE, (u32)(buf->addr >> 8));
	nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_DMATRFBASE1, (u32)(buf->addr >> 40) & 0x1ff);

	cmd = NV_PFALCON_FALCON_DMATRFCMD_SIZE_256B;
	if (seg->imem)
		cmd |= NV_PFALCON_FALCON_DMATRFCMD_IMEM |
		       (seg->secure ? NV_PFALCON_FALCON_DMATRFCMD_SEC(1) : 0);
	for (pos = 0; pos < padded; pos += FALCON_BLOCK) {
		nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_DMATRFMOFFS, seg->dst + pos);
		nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_DMATRFFBOFFS, seg->src_off + pos);
		nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_DMATRFCMD, cmd);
		ret = fpoll(f, false, NV_PFALCON_FALCON_DMATRFCMD, "DMATRFCMD",
			    NV_PFALCON_FALCON_DMATRFCMD_IDLE, NV_PFALCON_FALCON_DMATRFCMD_IDLE,
			    NVGSP_FALCON_DMA_US, POLL_SLOW_US, false);
		if (ret)
			return ret;
	}
	return 0;
}

void nvgsp_falcon_brom(struct nvgsp_falcon *f, u32 pkc_offset, u32 engine_id_mask,
		       u32 ucode_id)
{
	if (!f->hal->brom)
		return;
	wr2(f, NV_PFALCON2_FALCON_BROM_PARAADDR(0), pkc_offset);
	wr2(f, NV_PFALCON2_FALCON_BROM_ENGIDMASK, engine_id_mask);
	wr2(f, NV_PFALCON2_FALCON_BROM_CURR_UCODE_ID, ucode_id);
	wr2(f, NV_PFALCON2_FALCON_MOD_SEL, NV_PFALCON2_FALCON_MOD_SEL_ALGO_RSA3K);
}

void nvgsp_falcon_start(struct nvgsp_falcon *f)
{
	if (nvgsp_falcon_rd32(f, NV_PFALCON_FALCON_CPUCTL) & NV_PFALCON_FALCON_CPUCTL_ALIAS_EN)
		nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_CPUCTL_ALIAS,
				  NV_PFALCON_FALCON_CPUCTL_ALIAS_STARTCPU);
	else
		nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_CPUCTL, NV_PFALCON_FALCON_CPUCTL_STARTCPU);
}

int nvgsp_falcon_wait_halt(struct nvgsp_falcon *f)
{
	return fpoll(f, false, NV_PFALCON_FALCON_CPUCTL, "CPUCTL",
		     NV_PFALCON_FALCON_CPUCTL_HALTED, NV_PFALCON_FALCON_CPUCTL_HALTED,
		     NVGSP_FALCON_HALT_US, POLL_SLOW_US, false);
}

int nvgsp_falcon_boot(struct nvgsp_falcon *f, u32 bootvec, u32 *mbox0, u32 *mbox1)
{
	int ret;

	nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_MAILBOX0, *mbox0);
	nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_MAILBOX1, *mbox1);
	nvgsp_falcon_wr32(f, NV_PFALCON_FALCON_BOOTVEC, bootvec);
	nvgsp_falcon_start(f);
	ret = nvgsp_falcon_wait_halt(f);
	if (ret)
		return ret;
	*mbox0 = nvgsp_falcon_rd32(f, NV_PFALCON_FALCON_MAILBOX0);
	*mbox1 = nvgsp_falcon_rd32(f, NV_PFALCON_FALCON_MAILBOX1);
	return 0;
}

int nvgsp_falcon_riscv_wait_active(struct nvgsp_falcon *f)
{
	if (f->hal->riscv == NVGSP_FALCON_RISCV_CPUCTL)
		return fpoll(f, true, NV_PRISCV_RISCV_CPUCTL, "RISCV_CPUCTL",
			     NV_PRISCV_RISCV_CPUCTL_ACTIVE_STAT, NV_PRISCV_RISCV_CPUCTL_ACTIVE_STAT,
			     NVGSP_FALCON_RISCV_US, POLL_RISCV_US, false);
	return fpoll(f, true, NV_PRISCV_RISCV_CORE_SWITCH_RISCV_STATUS, "RISCV_STATUS",
		     NV_PRISCV_RISCV_CORE_SWITCH_RISCV_STATUS_ACTIVE,
		     NV_PRISCV_RISCV_CORE_SWITCH_RISCV_STATUS_ACTIVE,
		     NVGSP_FALCON_RISCV_US, POLL_RISCV_US, false);
}

/*
 * A read that says nothing about the core: all ones (the device is gone)
 * or a register still locked from the CPU, 0xbadf41xx (nova-core
 * falcon/gsp.rs, nouveau gsp/gh100.c), whose low byte is not the register.
 */
static bool riscv_state_unknown(u32 v)
{
	return v == 0xffffffffu || (v & NV_PFALCON_PRI_LOCKED_MASK) == NV_PFALCON_PRI_LOCKED;
}

bool nvgsp_falcon_riscv_halted(struct nvgsp_falcon *f)
{
	u32 v;

	if (f->hal->riscv == NVGSP_FALCON_RISCV_CPUCTL) {
		v = nvgsp_os_rd32(f->bar, f->base2 + NV_PRISCV_RISCV_CPUCTL);
		return !riscv_state_unknown(v) && (v & NV_PRISCV_RISCV_CPUCTL_HALTED);
	}
	v = nvgsp_os_rd32(f->bar, f->base2 + NV_PRISCV_RISCV_CORE_SWITCH_RISCV_STATUS);
	return !riscv_state_unknown(v) && !(v & NV_PRISCV_RISCV_CORE_SWITCH_RISCV_STATUS_ACTIVE);
}

int nvgsp_falcon_riscv_wait_halted(struct nvgsp_falcon *f, u32 timeout_us)
{
	if (f->hal->riscv == NVGSP_FALCON_RISCV_CPUCTL)
		return fpoll(f, true, NV_PRISCV_RISCV_CPUCTL, "RISCV_CPUCTL",
			     NV_PRISCV_RISCV_CPUCTL_HALTED, NV_PRISCV_RISCV_CPUCTL_HALTED,
			     timeout_us, POLL_RISCV_US, false);
	return fpoll(f, true, NV_PRISCV_RISCV_CORE_SWITCH_RISCV_STATUS, "RISCV_STATUS",
		     NV_PRISCV_RISCV_CORE_SWITCH_RISCV_STATUS_ACTIVE, 0,
		     timeout_us, POLL_RISCV_US, false);
}
