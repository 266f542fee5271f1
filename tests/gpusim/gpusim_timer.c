// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_timer.c - PTIMER, the GPU's nanosecond clock, and the MMU
 * invalidate that completes.
 *
 * DOC: PTIMER
 *
 * NV_PTIMER_TIME_0 (0x009400) and NV_PTIMER_TIME_1 (0x009410) are the low
 * and high 32 bits of a 64-bit nanosecond count (nouveau timer/nv04.c
 * nv04_timer_read() reads TIME_1, TIME_0, TIME_1 until the high word is
 * stable, and its nvkm_usec()/nvkm_msec() waits compare the value with
 * nanoseconds; timer/base.c gives up with "stalled at" when 16 reads in a
 * row return the same value, as a clock that does not tick would).
 * nv04_timer_time() sets the count by writing TIME_1 then TIME_0. The
 * model counts the model's clock (gpusim_tick(): CLOCK_MONOTONIC in
 * gpusim-vfu, the virtual clock in the unit tests) plus an offset that a
 * write of TIME_0 sets, with the high word written before it. Guesses: the
 * count starts at 0 when the model is created; the low five bits count
 * too (NVIDIA's dev_timer.h gives TIME_0 bits 31:5 as the count, so real
 * hardware may read them 0: no driver here depends on either).
 *
 * DOC: MMU invalidate
 *
 * NV_VIRTUAL_FUNCTION_PRIV_MMU_INVALIDATE (0xb830b0 on TU10x and later,
 * the function's base 0xb80000 + 0x30b0): the driver writes the PDB
 * (0xb830a0, 0xb830a4), then the type with TRIGGER (bit 31), and polls
 * until TRIGGER reads 0 (nouveau mmu/vmmtu102.c tu102_vmm_flush(), 2 s
 * limit). gpusim has no TLB, so an invalidate has nothing to wait for: it
 * completes at once, and the register reads back without TRIGGER. The PDB
 * registers keep what was written (read back as stored).
 */
#include "gpusim_internal.h"

#define GS_PTIMER_TIME_0	0x009400u
#define GS_PTIMER_TIME_1	0x009410u
#define GS_MMU_INVALIDATE	0xb830b0u
#define GS_MMU_INVALIDATE_TRIGGER	0x80000000u
#define GS_MMU_INVALIDATE_PDB	0xb830a0u
#define GS_MMU_INVALIDATE_PDB_HI	0xb830a4u

static u64 gs_ptimer_now(const struct gpusim *sim)
{
	return sim->now_ns + sim->ptimer_offset;
}

bool gs_timer_rd(const struct gpusim *sim, u32 offset, u32 *val)
{
	switch (offset) {
	case GS_PTIMER_TIME_0:
		*val = (u32)gs_ptimer_now(sim);
		return true;
	case GS_PTIMER_TIME_1:
		*val = (u32)(gs_ptimer_now(sim) >> 32);
		return true;
	case GS_MMU_INVALIDATE:
		*val = sim->mmu_invalidate;
		return true;
	case GS_MMU_INVALIDATE_PDB:
	case GS_MMU_INVALIDATE_PDB_HI:
		*val = gs_store_rd(sim, offset);
		return true;
	}
	return false;
}

bool gs_timer_wr(struct gpusim *sim, u32 offset, u32 value)
{
	switch (offset) {
	case GS_PTIMER_TIME_1:
		sim->ptimer_hi = value;
		return true;
	case GS_PTIMER_TIME_0:
		sim->ptimer_offset = ((u64)sim->ptimer_hi << 32 | value) - sim->now_ns;
		return true;
	case GS_MMU_INVALIDATE:
		/* no TLB: the invalidate is done as soon as it is asked for */
		sim->mmu_invalidate = value & ~GS_MMU_INVALIDATE_TRIGGER;
		if (value & GS_MMU_INVALIDATE_TRIGGER)
			sim->mmu_invalidates++;
		return true;
	case GS_MMU_INVALIDATE_PDB:
	case GS_MMU_INVALIDATE_PDB_HI:
		if (gs_store_wr(sim, offset, value))
			gpusim_hw_fail(sim, "register 0x%06x: out of memory storing 0x%08x",
				       offset, value);
		return true;
	}
	return false;
}
