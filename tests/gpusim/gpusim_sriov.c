// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_sriov.c - the PF's SR-IOV capability and its VFs as gpusim models
 * them: per-board facts, the state the host programs (VF Enable, NumVFs,
 * VF BARs), each VF's BAR0 window with per-GFID state, and GSP-RM's check
 * of gspVFInfo. Documentation/gpusim-sriov.rst has the facts and sources.
 *
 * DOC: what a VF's BAR0 shows
 *
 * A VF's BAR0 (256 KiB) holds the NV_VIRTUAL_FUNCTION_PRIV registers of its
 * GFID: the CPU interrupt tree (LEAF, LEAF_EN_SET/CLEAR, TOP, TOP_EN_SET/
 * CLEAR, LEAF_TRIGGER) and the DOORBELL, at the offsets of NVIDIA's
 * published ga102 dev_vm.h; the PF sees its own set of the same registers
 * at BAR0 0xB80000. The model keeps them per GFID. Every other offset of the
 * window reads 0 and drops writes: a guess (no public source says what an
 * unbacked offset in a VF's window returns); the rest of what a vGPU guest
 * sees in BAR0 (boot registers, FIFO, ...) is emulated by the vGPU plugin
 * through VF_BAR0_REG_ACCESS, which the model does not run. A VF that does
 * not exist reads all ones, like an absent function.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gpusim_internal.h"
#include "gpusim_vgpu.h"
#include "abi/nvgsp_abi.h"

/* NV_VIRTUAL_FUNCTION_PRIV registers (ga102 dev_vm.h), offsets in a VF's BAR0. */
#define VF_INTR_LEAF(i)			(0x1000u + 4u * (i))
#define VF_INTR_LEAF_EN_SET(i)		(0x1200u + 4u * (i))
#define VF_INTR_LEAF_EN_CLEAR(i)	(0x1400u + 4u * (i))
#define VF_INTR_TOP			0x1600u
#define VF_INTR_TOP_EN_SET		0x1608u
#define VF_INTR_TOP_EN_CLEAR		0x1610u
#define VF_INTR_LEAF_TRIGGER		0x1640u	/* 11:0 vector */
#define VF_PRIV_DOORBELL		GS_VF_PRIV_DOORBELL

#define KIB(n)	((u64)(n) << 10)
#define MIB(n)	((u64)(n) << 20)
#define GIB(n)	((u64)(n) << 30)

/* SR-IOV capability offsets: turing/tu102 dev_nv_xve.h (NV_XVE_SRIOV_CAP_HDR3
 * at 0xBD8 = cap + 0x0C) for the pre-Hopper parts; hopper/gh100
 * dev_xtl_ep_pcfg_gpu.h (NV_EP_PCFG_GPU_SRIOV_INIT_TOT_VF at 0x25C). */
#define CAP_XVE		0xbccu
#define CAP_GH100	0x250u

/**
 * struct gs_sriov_board - one board's SR-IOV capability.
 * @device_id: the PF's PCI device id.
 * @cap_offset: where the capability sits in config space.
 * @total_vfs: TotalVFs.
 * @vf_bar1: VF BAR1 bytes.
 */
struct gs_sriov_board {
	u16 device_id;
	u16 cap_offset;
	u16 total_vfs;
	u64 vf_bar1;
};

/*
 * Documentation/gpusim-sriov.rst, "Facts per board": A40 and L20 TotalVFs,
 * L20's VF BAR sizes and VF device id from lspci captures; the rest are
 * guesses by analogy, marked there.
 */
static const struct gs_sriov_board gs_sriov_boards[] = {
	{ 0x20b0, CAP_XVE, 20, GIB(2) },	/* A100 SXM4 40GB (guess) */
	{ 0x20b2, CAP_XVE, 20, GIB(2) },	/* A100 SXM4 80GB (guess) */
	{ 0x20b5, CAP_XVE, 20, GIB(2) },	/* A100 PCIe 80GB (guess) */
	{ 0x20f1, CAP_XVE, 20, GIB(2) },	/* A100 PCIe 40GB (guess) */
	{ 0x2235, CAP_XVE, 32, GIB(2) },	/* A40 */
	{ 0x2330, CAP_GH100, 32, GIB(2) },	/* H100 SXM5 (guess) */
	{ 0x2331, CAP_GH100, 32, GIB(2) },	/* H100 PCIe (guess) */
	{ 0x26b5, CAP_XVE, 32, GIB(2) },	/* L40 (guess) */
	{ 0x26b9, CAP_XVE, 32, GIB(2) },	/* L40S (guess) */
	{ 0x26ba, CAP_XVE, 32, GIB(2) },	/* L20 */
};

int gs_sriov_init(struct gpusim *sim, u16 total_vfs, char *err, size_t err_len)
{
	struct gs_sriov *s = &sim->sriov;
	const struct gs_sriov_board *b = NULL;
	struct gpusim_sriov_facts *f = &s->facts;
	size_t i;

	memset(s, 0, sizeof(*s));
	/* Turing's T4 has an SR-IOV capability, but its vGPU is mdev-based:
	 * only Ampere and later boards of the table have one in the model. */
	if (sim->chip->family != NVGSP_FAMILY_TURING)
		for (i = 0; i < ARRAY_SIZE(gs_sriov_boards); i++)
			if (gs_sriov_boards[i].device_id == sim->pci.device_id)
				b = &gs_sriov_boards[i];
	if (!b) {
		if (total_vfs) {
			snprintf(err, err_len, "sriov_total_vfs %u: device 0x%04x has no SR-IOV capability",
				 total_vfs, sim->pci.device_id);
			return -EINVAL;
		}
		return 0;
	}
	if (total_vfs > b->total_vfs) {
		snprintf(err, err_len, "sriov_total_vfs %u: device 0x%04x has TotalVFs %u",
			 total_vfs, sim->pci.device_id, b->total_vfs);
		return -EINVAL;
	}
	s->present = true;
	f->cap_offset = b->cap_offset;
	f->total_vfs = total_vfs ? total_vfs : b->total_vfs;
	f->initial_vfs = f->total_vfs;	/* no VF Migration: InitialVFs = TotalVFs */
	f->first_vf_offset = 4;
	f->vf_stride = 1;
	f->vf_device_id = sim->pci.device_id;
	f->page_sizes = 0x573;
	f->vf_bar_size[0] = KIB(256);
	f->vf_bar_size[1] = b->vf_bar1;
	f->vf_bar_size[2] = MIB(32);
	f->vf_bar_64bit[1] = f->vf_bar_64bit[2] = true;
	f->vf_bar_prefetch[1] = f->vf_bar_prefetch[2] = true;
	return 0;
}

int gpusim_sriov_facts(const struct gpusim *sim, struct gpusim_sriov_facts *out)
{
	if (!sim->sriov.present)
		return -ENODEV;
	*out = sim->sriov.facts;
	return 0;
}

static bool gs_vf_exists(const struct gpusim *sim, u16 vf)
{
	const struct gs_sriov *s = &sim->sriov;

	return s->present && s->vf_enable && s->num_vfs <= s->facts.total_vfs &&
	       vf < s->num_vfs;
}

void gpusim_vf_reset(struct gpusim *sim, u16 vf)
{
	struct gs_vf *v;

	if (!gs_vf_exists(sim, vf))
		return;
	v = &sim->sriov.vf[vf];
	memset(v->intr_leaf, 0, sizeof(v->intr_leaf));
	memset(v->intr_leaf_en, 0, sizeof(v->intr_leaf_en));
	v->intr_top_en = 0;
}

void gpusim_sriov_control(struct gpusim *sim, bool vf_enable, u16 num_vfs,
			  const u64 vf_bar_addr[GPUSIM_VF_BARS])
{
	struct gs_sriov *s = &sim->sriov;
	u16 i;

	if (!s->present)
		return;
	if (vf_bar_addr)
		memcpy(s->vf_bar_addr, vf_bar_addr, sizeof(s->vf_bar_addr));
	s->vf_enable = vf_enable;
	s->num_vfs = num_vfs;
	/* VFs that do not exist now start from reset values when they come back. */
	for (i = 0; i < GPUSIM_MAX_VFS; i++)
		if (!gs_vf_exists(sim, i))
			memset(&s->vf[i], 0, sizeof(s->vf[i]));
}

static u32 gs_vf_top(const struct gs_vf *v)
{
	u32 s, top = 0;

	for (s = 0; s < GS_INTR_NR_SUBTREES; s++)
		if (v->intr_leaf[2 * s] | v->intr_leaf[2 * s + 1])
			top |= 1u << s;
	return top;
}

bool gpusim_vf_irq_pending(const struct gpusim *sim, u16 vf)
{
	const struct gs_vf *v;
	u32 s;

	if (!gs_vf_exists(sim, vf))
		return false;
	v = &sim->sriov.vf[vf];
	for (s = 0; s < GS_INTR_NR_SUBTREES; s++) {
		if (!(v->intr_top_en & (1u << s)))
			continue;
		if ((v->intr_leaf[2 * s] & v->intr_leaf_en[2 * s]) ||
		    (v->intr_leaf[2 * s + 1] & v->intr_leaf_en[2 * s + 1]))
			return true;
	}
	return false;
}

u32 gpusim_vf_rd32(struct gpusim *sim, u16 vf, u32 offset)
{
	const struct gs_vf *v;
	u32 i;

	offset &= ~3u;
	if (!gs_vf_exists(sim, vf) || gpusim_gone(sim) ||
	    offset >= sim->sriov.facts.vf_bar_size[0])
		return 0xffffffffu;
	v = &sim->sriov.vf[vf];
	if (offset == VF_INTR_TOP)
		return gs_vf_top(v);
	if (offset == VF_INTR_TOP_EN_SET || offset == VF_INTR_TOP_EN_CLEAR)
		return v->intr_top_en;
	for (i = 0; i < GS_INTR_NR_LEAVES; i++) {
		if (offset == VF_INTR_LEAF(i))
			return v->intr_leaf[i];
		if (offset == VF_INTR_LEAF_EN_SET(i) || offset == VF_INTR_LEAF_EN_CLEAR(i))
			return v->intr_leaf_en[i];
	}
	/* DOORBELL and LEAF_TRIGGER are write-only; the rest is unbacked. */
	return 0;
}

void gpusim_vf_wr32(struct gpusim *sim, u16 vf, u32 offset, u32 value)
{
	struct gs_vf *v;
	u32 i;

	offset &= ~3u;
	if (!gs_vf_exists(sim, vf) || gpusim_gone(sim) ||
	    offset >= sim->sriov.facts.vf_bar_size[0])
		return;
	v = &sim->sriov.vf[vf];
	switch (offset) {
	case VF_INTR_TOP_EN_SET:
		v->intr_top_en |= value;
		return;
	case VF_INTR_TOP_EN_CLEAR:
		v->intr_top_en &= ~value;
		return;
	case VF_INTR_LEAF_TRIGGER:
		value &= 0xfffu;
		if (value < 32 * GS_INTR_NR_LEAVES)
			v->intr_leaf[value / 32] |= 1u << (value % 32);
		return;
	case VF_PRIV_DOORBELL:
		v->doorbells++;
		v->last_doorbell = value;
		return;
	}
	for (i = 0; i < GS_INTR_NR_LEAVES; i++) {
		if (offset == VF_INTR_LEAF(i)) {
			v->intr_leaf[i] &= ~value;	/* write 1 to clear */
			return;
		}
		if (offset == VF_INTR_LEAF_EN_SET(i)) {
			v->intr_leaf_en[i] |= value;
			return;
		}
		if (offset == VF_INTR_LEAF_EN_CLEAR(i)) {
			v->intr_leaf_en[i] &= ~value;
			return;
		}
	}
}

void gpusim_vf_get_stats(const struct gpusim *sim, u16 vf, struct gpusim_vf_stats *st)
{
	memset(st, 0, sizeof(*st));
	if (!sim->sriov.present || vf >= sim->sriov.facts.total_vfs)
		return;
	st->exists = gs_vf_exists(sim, vf);
	st->doorbells = sim->sriov.vf[vf].doorbells;
	st->last_doorbell = sim->sriov.vf[vf].last_doorbell;
	st->pf_doorbells = sim->sriov.vf[vf].pf_doorbells;
}

/*
 * A PF BAR0 write: the PF's doorbell at 0xB80000 + DOORBELL with
 * gfid * 32 + 17 (the vGPU RFC's host RPC channel) is counted for that GFID
 * when it exists, and rings that GFID's vGPU plugin (gpusim_vgpu.c). The
 * register's own behaviour stays gpusim.c's.
 */
void gs_sriov_pf_wr(struct gpusim *sim, u32 offset, u32 value)
{
	u32 gfid;

	if (offset != GS_INTR_BASE + GS_VF_PRIV_DOORBELL)
		return;
	gpusim_vgpu_pf_doorbell(sim, value);	/* the plugin of that GFID (gpusim_vgpu.c) */
	if ((value & 31u) != 17u)
		return;
	gfid = value / 32u;
	if (gfid && gfid <= GPUSIM_MAX_VFS && gs_vf_exists(sim, (u16)(gfid - 1)))
		sim->sriov.vf[gfid - 1].pf_doorbells++;
}

/*
 * DOC: gspVFInfo as the model's GSP-RM checks it
 *
 * GSP_SET_SYSTEM_INFO carries the PF's SR-IOV capability (totalVFs,
 * firstVFOffset, the first VF's BAR addresses and whether BAR0/1/2 are
 * 64-bit). GSP-RM cannot read the PF's config space behind a hypervisor, so
 * it trusts these values; the model holds them to the hardware:
 *  - all zero: the host has no SR-IOV support (a kernel without
 *    CONFIG_PCI_IOV) or does not offer it; accepted as "no VFs". A guess:
 *    the VFs still exist at the PCIe level (the model's VF windows work), but
 *    GSP-RM would run no vGPU on them.
 *  - totalVFs zero with any other field set: refused (a half-filled record).
 *  - a board without SR-IOV: totalVFs must be 0.
 *  - otherwise totalVFs must be TotalVFs, firstVFOffset First VF Offset,
 *    the 64-bit flags the VF BAR types, and each address the one the VF BAR
 *    registers hold once the host has programmed any (gpusim_sriov_control()).
 */
static const char *const gs_vf_bar_name[GPUSIM_VF_BARS] = {
	"FirstVFBar0Address", "FirstVFBar1Address", "FirstVFBar2Address",
};
static const char *const gs_vf_64_name[GPUSIM_VF_BARS] = {
	"b64bitBar0", "b64bitBar1", "b64bitBar2",
};

int gpusim_hw_vf_info_check(struct gpusim *sim, const struct nvgsp_abi_system_info *si,
			    char *why, size_t len)
{
	const struct gs_sriov *s = &sim->sriov;
	const struct gpusim_sriov_facts *f = &s->facts;
	u64 addr[GPUSIM_VF_BARS] = {
		si->vf_bar0_address, si->vf_bar1_address, si->vf_bar2_address,
	};
	bool is64[GPUSIM_VF_BARS] = {
		si->vf_bar0_64bit, si->vf_bar1_64bit, si->vf_bar2_64bit,
	};
	bool known = false, any = si->vf_first_offset != 0;
	unsigned int i;

	for (i = 0; i < GPUSIM_VF_BARS; i++) {
		any = any || addr[i] || is64[i];
		known = known || s->vf_bar_addr[i];
	}
	if (!si->vf_total) {
		if (!any)
			return 0;
		snprintf(why, len, "gspVFInfo.totalVFs is 0 but its other fields are set (firstVFOffset %u, FirstVFBar0Address 0x%llx)",
			 si->vf_first_offset, (unsigned long long)addr[0]);
		return -EINVAL;
	}
	if (!s->present) {
		snprintf(why, len, "gspVFInfo.totalVFs %u, device 0x%04x has no SR-IOV capability (expected 0)",
			 si->vf_total, sim->pci.device_id);
		return -EINVAL;
	}
	if (si->vf_total != f->total_vfs) {
		snprintf(why, len, "gspVFInfo.totalVFs %u, the SR-IOV capability's TotalVFs is %u",
			 si->vf_total, f->total_vfs);
		return -EINVAL;
	}
	if (si->vf_first_offset != f->first_vf_offset) {
		snprintf(why, len, "gspVFInfo.firstVFOffset %u, the SR-IOV capability's First VF Offset is %u",
			 si->vf_first_offset, f->first_vf_offset);
		return -EINVAL;
	}
	for (i = 0; i < GPUSIM_VF_BARS; i++) {
		if (is64[i] != f->vf_bar_64bit[i]) {
			snprintf(why, len, "gspVFInfo.%s %d, VF BAR%u is %s", gs_vf_64_name[i],
				 is64[i], i == 2 ? 3 : i, f->vf_bar_64bit[i] ? "64-bit" : "32-bit");
			return -EINVAL;
		}
		if (known && addr[i] != s->vf_bar_addr[i]) {
			snprintf(why, len, "gspVFInfo.%s 0x%llx, the SR-IOV capability's VF BAR%u holds 0x%llx",
				 gs_vf_bar_name[i], (unsigned long long)addr[i], i == 2 ? 3 : i,
				 (unsigned long long)s->vf_bar_addr[i]);
			return -EINVAL;
		}
	}
	return 0;
}
