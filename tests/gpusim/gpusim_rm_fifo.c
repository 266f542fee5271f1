// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_rm_fifo.c - GSP-RM's engine list as the RM model builds it from
 * the hardware model's PTOP device info and runlist registers
 * (gpusim_top.c), and the RM controls that report it.
 *
 * DOC: GSP-RM's engine list (sources and guesses)
 *
 * GSP-RM reads PTOP's device-info rows and, per engine, its runlist's
 * registers; the model does the same through gpusim_hw_rd32(), so the
 * answers below follow whatever gpusim_top.c says the chip has. Per engine:
 * RM_ENGINE_TYPE (GR0 1, COPYn 9 + n, NVDECn 0x1d + n in 535.113.01 and
 * 570.144; SEC2 the release parameter fifo.rm_engine_type.sec2, 0x30 and
 * 0x31: nouveau rm/r535/nvrm/engine.h and rm/r570/nvrm/engine.h, NVIDIA's
 * headers at those tags), its MC_ENGINE_IDX (release parameters
 * intr.engine_idx.*), the runlist id from NV_RUNLIST_DOORBELL_CONFIG 31:16,
 * CHRAM from CHANNEL_CONFIG, PBDMA ids from PBDMA_CONFIG.
 *
 * NV2080_CTRL_CMD_FIFO_GET_DEVICE_INFO_TABLE on a subdevice {baseIndex u32,
 * numEntries u32, bMore NvBool, entries[32]} with each entry {engineData
 * u32[16], pbdmaIds u32[2], pbdmaFaultIds u32[2], numPbdmas u32,
 * engineName char[16]}: 3212 bytes in both releases (ctrl2080fifo.h at
 * tags 535.113.01 and 570.144, as nouveau rm/r535/nvrm/fifo.h excerpts it;
 * nouveau r535 fifo.c and r570 send exactly that size). engineData is
 * indexed by ENGINE_INFO_TYPE_*: ENG_DESC 0, FIFO_TAG 1, RM_ENGINE_TYPE 2,
 * RUNLIST 3, MMU_FAULT_ID 4, RC_MASK 5, RESET 6, INTR 7, MC 8,
 * DEV_TYPE_ENUM 9, INSTANCE_ID 10, RUNLIST_PRI_BASE 11,
 * IS_HOST_DRIVEN_ENGINE 12, RUNLIST_ENGINE_ID 13, CHRAM_PRI_BASE 14.
 * What nouveau reads (r535 fifo.c r535_fifo_runl_ctor()): RUNLIST,
 * RUNLIST_PRI_BASE, RM_ENGINE_TYPE, ENG_DESC; a failed control is the
 * WARN at its fifo.c:477 (WARN_ON(IS_ERR(ctrl))), which an answer
 * satisfies. Guesses: ENG_DESC is the model's own (0x100 * RM_ENGINE_TYPE;
 * nouveau only matches it with CONSTRUCTED_FALCON_INFO's engDesc), FIFO_TAG
 * the engine's index in the list, RC_MASK 0, INTR the engine's stall vector
 * of the interrupt table, IS_HOST_DRIVEN_ENGINE 1, pbdmaFaultIds
 * NV_PFAULT_MMU_ENG_ID_HOST0 (32) + PBDMA id, engineName the model's own
 * ("GR0", "COPY2", "NVDEC1", "SEC2"). Paging: entries from baseIndex, at most
 * 32, bMore when more follow; a baseIndex that is not a multiple of 32 is
 * INVALID_ARGUMENT (the model's reading of GSP-RM's paging, a guess). Any
 * paramsSize but 3212 is INVALID_PARAM_STRUCT, any class but a subdevice
 * NOT_SUPPORTED (resserv's control lookup).
 *
 * NV2080_CTRL_CMD_CE_GET_FAULT_METHOD_BUFFER_SIZE {size u32} on a
 * subdevice: 0x5000. Its handler is GSP-RM's own (not in the open tree);
 * 20 KiB is what a public project reports a real GA106 answered, and
 * nouveau only allocates a buffer of that size per channel.
 *
 * NV2080_CTRL_CMD_INTERNAL_GET_CONSTRUCTED_FALCON_INFO (535.113.01) and
 * NV2080_CTRL_CMD_GPU_GET_CONSTRUCTED_FALCON_INFO (570.144) on a subdevice
 * {numConstructedFalcons u32, table[64] of {engDesc, ctxAttr,
 * ctxBufferSize, addrSpaceList, registerBase}}, 1284 bytes (nouveau r535
 * nvrm/fifo.h, r570 nvrm/fifo.h): one row per falcon engine of the list
 * (NVDEC, NVENC, NVJPG, OFA, SEC2), engDesc as in the device info table,
 * registerBase the engine's PRI base; ctxBufferSize 4 KiB, ctxAttr and
 * addrSpaceList 0 are the model's guesses (nouveau allocates a context of
 * ctxBufferSize when a channel uses the engine).
 */
#include <stdio.h>
#include <string.h>

#include "gpusim_rm.h"

#define TOP_CFG			0x0224fcu
#define TOP_ROW(i)		(0x022800u + 4u * (i))
#define TOP_ROWS_MAX		512u
#define RUNL_CHAN_CFG		0x004u
#define RUNL_DOORBELL_CFG	0x008u
#define RUNL_PBDMA_CFG(i)	(0x010u + 4u * (i))
#define PBDMA_BASE		0x040000u
#define PBDMA_STRIDE		0x800u
#define FAULT_ID_HOST0		32u

/* NV_PTOP_DEVICE_INFO2_DEV_TYPE_ENUM */
#define DEV_GRAPHICS		0x00u
#define DEV_SEC			0x0du
#define DEV_NVDEC		0x10u
#define DEV_LCE			0x13u

/* RM_ENGINE_TYPE_* the same in both releases */
#define RM_GR0			0x01u
#define RM_COPY0		0x09u
#define RM_NVDEC0		0x1du

/* ENGINE_INFO_TYPE_* */
enum {
	EI_ENG_DESC, EI_FIFO_TAG, EI_RM_ENGINE_TYPE, EI_RUNLIST, EI_MMU_FAULT_ID,
	EI_RC_MASK, EI_RESET, EI_INTR, EI_MC, EI_DEV_TYPE_ENUM, EI_INSTANCE_ID,
	EI_RUNLIST_PRI_BASE, EI_IS_HOST_DRIVEN_ENGINE, EI_RUNLIST_ENGINE_ID,
	EI_CHRAM_PRI_BASE, EI_NR = 16,
};

#define DIT_MAX_ENTRIES		32u
#define DIT_ENTRY_SIZE		100u
#define DIT_ENTRIES_OFF		12u
#define DIT_PARAMS_SIZE		(DIT_ENTRIES_OFF + DIT_MAX_ENTRIES * DIT_ENTRY_SIZE)
#define FALCON_MAX		64u
#define FALCON_ROW_SIZE		20u
#define FALCON_PARAMS_SIZE	(4u + FALCON_MAX * FALCON_ROW_SIZE)
#define FALCON_CTX_SIZE		0x1000u
#define CE_MTHD_BUF_SIZE	0x5000u

static u32 fifo_param(const struct nvgsp_abi *abi, const char *name)
{
	u64 v;

	return nvgsp_abi_param(abi, name, &v) ? ~0u : (u32)v;
}

/* RM_ENGINE_TYPE, MC_ENGINE_IDX and the name of PTOP type @type instance @inst. */
static bool fifo_xlat(const struct nvgsp_abi *abi, u32 type, u32 inst,
		      struct gpusim_rm_engine *e)
{
	switch (type) {
	case DEV_GRAPHICS:
		e->rm_type = RM_GR0 + inst;
		e->mc_idx = fifo_param(abi, "intr.engine_idx.gr0") + inst;
		snprintf(e->name, sizeof(e->name), "GR%u", inst);
		return inst == 0;
	case DEV_LCE:
		e->rm_type = RM_COPY0 + inst;
		e->mc_idx = fifo_param(abi, "intr.engine_idx.ce0") + inst;
		snprintf(e->name, sizeof(e->name), "COPY%u", inst);
		return inst < 10;
	case DEV_NVDEC:
		e->rm_type = RM_NVDEC0 + inst;
		e->mc_idx = fifo_param(abi, "intr.engine_idx.nvdec0") + inst;
		snprintf(e->name, sizeof(e->name), "NVDEC%u", inst);
		return inst < 8;
	case DEV_SEC:
		e->rm_type = fifo_param(abi, "fifo.rm_engine_type.sec2");
		e->mc_idx = fifo_param(abi, "intr.engine_idx.sec2");
		snprintf(e->name, sizeof(e->name), "SEC2");
		return inst == 0;
	}
	return false;
}

static void fifo_runlist(struct gpusim *sim, struct gpusim_rm_engine *e)
{
	u32 i, cfg;

	e->runlist = gpusim_hw_rd32(sim, e->runlist_pri + RUNL_DOORBELL_CFG) >> 16;
	e->chram = gpusim_hw_rd32(sim, e->runlist_pri + RUNL_CHAN_CFG) & ~0xfu;
	e->npbdma = 0;
	for (i = 0; i < 2; i++) {
		cfg = gpusim_hw_rd32(sim, e->runlist_pri + RUNL_PBDMA_CFG(i));
		if (!(cfg & 0x80000000u))
			continue;
		e->pbdma[e->npbdma++] = ((cfg & 0x03fffc00u) - PBDMA_BASE) / PBDMA_STRIDE;
	}
}

u32 gpusim_rm_engines(struct gpusim *sim, const struct nvgsp_abi *abi,
		      struct gpusim_rm_engine *out, u32 max)
{
	u32 rows = gpusim_hw_rd32(sim, TOP_CFG) >> 20, i, n = 0, r = 0, d[3] = { 0 };

	if (rows > TOP_ROWS_MAX)
		rows = TOP_ROWS_MAX;
	for (i = 0; i < rows; i++) {
		u32 v = gpusim_hw_rd32(sim, TOP_ROW(i));
		struct gpusim_rm_engine e;

		if (!v && r == 0)
			continue;
		if (r < 3)
			d[r] = v;
		r++;
		if (v & 0x80000000u)
			continue;
		r = 0;
		/* IS_ENGINE (bit 62: the second row's bit 30) */
		if (!(d[1] & 0x40000000u)) {
			memset(d, 0, sizeof(d));
			continue;
		}
		memset(&e, 0, sizeof(e));
		e.dev_type = (d[0] >> 24) & 0x7f;
		e.inst = (d[0] >> 16) & 0xff;
		e.fault = d[0] & 0x7ff;
		e.reset = d[1] & 0xff;
		e.pri = d[1] & 0x03ffff00u;
		e.rleng = d[2] & 3;
		e.runlist_pri = d[2] & 0x03fffc00u;
		memset(d, 0, sizeof(d));
		if (!fifo_xlat(abi, e.dev_type, e.inst, &e) || n >= max)
			continue;
		e.eng_desc = e.rm_type << 8;
		fifo_runlist(sim, &e);
		out[n++] = e;
	}
	return n;
}

bool gpusim_rm_fifo_serves(u32 id)
{
	return id == NVGSP_ABI_CTRL_NV2080_FIFO_GET_DEVICE_INFO_TABLE ||
	       id == NVGSP_ABI_CTRL_NV2080_CE_GET_FAULT_METHOD_BUFFER_SIZE ||
	       id == NVGSP_ABI_CTRL_NV2080_GET_CONSTRUCTED_FALCON_INFO;
}

static void fifo_dit_entry(const struct gpusim_rm_engine *e, u32 index, u32 stall, u8 *p)
{
	u32 v[EI_NR] = { 0 }, i;

	v[EI_ENG_DESC] = e->eng_desc;
	v[EI_FIFO_TAG] = index;
	v[EI_RM_ENGINE_TYPE] = e->rm_type;
	v[EI_RUNLIST] = e->runlist;
	v[EI_MMU_FAULT_ID] = e->fault;
	v[EI_RESET] = e->reset;
	v[EI_INTR] = stall;
	v[EI_MC] = e->mc_idx;
	v[EI_DEV_TYPE_ENUM] = e->dev_type;
	v[EI_INSTANCE_ID] = e->inst;
	v[EI_RUNLIST_PRI_BASE] = e->runlist_pri;
	v[EI_IS_HOST_DRIVEN_ENGINE] = 1;
	v[EI_RUNLIST_ENGINE_ID] = e->rleng;
	v[EI_CHRAM_PRI_BASE] = e->chram;
	for (i = 0; i < EI_NR; i++)
		put_unaligned_le32(v[i], p + 4 * i);
	for (i = 0; i < e->npbdma; i++) {
		put_unaligned_le32(e->pbdma[i], p + 64 + 4 * i);
		put_unaligned_le32(FAULT_ID_HOST0 + e->pbdma[i], p + 72 + 4 * i);
	}
	put_unaligned_le32(e->npbdma, p + 80);
	memcpy(p + 84, e->name, sizeof(e->name));
}

static bool fifo_is_falcon(const struct gpusim_rm_engine *e)
{
	return e->dev_type == DEV_NVDEC || e->dev_type == DEV_SEC;
}

enum nvgsp_abi_status gpusim_rm_fifo_control(struct gpusim *sim, const struct nvgsp_abi *abi,
					     u32 id, u32 cls, u8 *params, u32 size,
					     const u32 *stall_vectors)
{
	struct gpusim_rm_engine e[GPUSIM_RM_MAX_ENGINES];
	u32 n, i, base, k;

	if (cls != NVGSP_ABI_CLASS_NV20_SUBDEVICE_0)
		return NVGSP_ABI_STATUS_NOT_SUPPORTED;
	switch (id) {
	case NVGSP_ABI_CTRL_NV2080_CE_GET_FAULT_METHOD_BUFFER_SIZE:
		if (size != 4)
			return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
		put_unaligned_le32(CE_MTHD_BUF_SIZE, params);
		return NVGSP_ABI_STATUS_OK;
	case NVGSP_ABI_CTRL_NV2080_FIFO_GET_DEVICE_INFO_TABLE:
		if (size != DIT_PARAMS_SIZE)
			return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
		base = get_unaligned_le32(params);
		if (base % DIT_MAX_ENTRIES)
			return NVGSP_ABI_STATUS_INVALID_ARGUMENT;
		n = gpusim_rm_engines(sim, abi, e, GPUSIM_RM_MAX_ENGINES);
		memset(params + 4, 0, size - 4);
		for (i = base, k = 0; i < n && k < DIT_MAX_ENTRIES; i++, k++)
			fifo_dit_entry(&e[i], i, stall_vectors ? stall_vectors[i] : 0,
				       params + DIT_ENTRIES_OFF + k * DIT_ENTRY_SIZE);
		put_unaligned_le32(k, params + 4);
		params[8] = i < n;
		return NVGSP_ABI_STATUS_OK;
	case NVGSP_ABI_CTRL_NV2080_GET_CONSTRUCTED_FALCON_INFO:
		if (size != FALCON_PARAMS_SIZE)
			return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
		n = gpusim_rm_engines(sim, abi, e, GPUSIM_RM_MAX_ENGINES);
		memset(params, 0, size);
		for (i = 0, k = 0; i < n && k < FALCON_MAX; i++) {
			u8 *row = params + 4 + k * FALCON_ROW_SIZE;

			if (!fifo_is_falcon(&e[i]))
				continue;
			put_unaligned_le32(e[i].eng_desc, row);
			put_unaligned_le32(FALCON_CTX_SIZE, row + 8);
			put_unaligned_le32(e[i].pri, row + 16);
			k++;
		}
		put_unaligned_le32(k, params);
		return NVGSP_ABI_STATUS_OK;
	}
	return NVGSP_ABI_STATUS_NOT_SUPPORTED;
}
