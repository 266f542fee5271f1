// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_vgpu.c - gpusim's model of GSP-RM's vGPU side for releases
 * 535.113.01 and 570.144: the vGPU manager's RM controls (type registry,
 * engine list, plugin bootload, shutdown and cleanup), one vGPU plugin task
 * per GFID serving the host RPC channel in its management heap, the
 * periodic utilisation event, and injected faults.
 * Documentation/gpusim-vgpu.rst lists every behaviour with its source or
 * the reason for a guess.
 *
 * Every layout and number comes from the bound release's ABI table
 * (codecs vgpu_bootload, vgpu_rpc_*, gpu_engines; parameters vgpu.*);
 * the management heap is read and written through gpusim's VRAM.
 *
 * DOC: what the model's GSP-RM does for vGPU (guesses marked)
 *
 *  - The vGPU manager controls are served on any live subdevice
 *    (NV20_SUBDEVICE_0) of the PF; on another class they are
 *    NOT_SUPPORTED (resserv finds no such control for the class). Each
 *    paramsSize must be the release's struct size (INVALID_PARAM_STRUCT,
 *    as resControlLookup() demands). PGPU_ADD_VGPU_TYPE and
 *    GET_ENGINES_V2 are accepted from any client (guess: NVIDIA's kernel RM
 *    sends ADD_VGPU_TYPE for the host, RFC v1 through its own client);
 *    BOOTLOAD only from a client that is not GSP-RM's internal one (the
 *    RFCs allocate one RM client per vGPU for it).
 *  - A refused control gets the status listed per check in the rst (all
 *    guesses: GSP-RM's real choices are not public) and, where a correct
 *    driver never sends it, a driver mistake (gpusim_error()). A refusal
 *    changes nothing.
 *  - Accepted BOOTLOAD: the plugin writes GSP_PLUGIN_BOOTLOADED into the
 *    control region's message_seq_num GS_VGPU_BOOT_NS later (virtual
 *    time), with plain-text records in its init-task log (a u64 put index,
 *    then NUL-terminated records padded to 8 bytes, as gpusim_rm.c writes
 *    GSP-RM's logs; real records are libos-encoded).
 *  - Host RPC: on the PF doorbell the plugin copies the control region,
 *    checks it and the sequence, writes seq_received (570.144 only: 535's
 *    response region has none), and GS_VGPU_MSG_NS later result_code and
 *    seq_processed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpusim_internal.h"
#include "gpusim_vgpu.h"
#include "abi/nvgsp_abi.h"

/* How long a plugin takes to bootload, and a message to be processed (model's own). */
#define GS_VGPU_BOOT_NS			(5ull * 1000 * 1000)
#define GS_VGPU_MSG_NS			(1ull * 1000 * 1000)
/* GPUACCT_PERFMON_UTIL_SAMPLES period: one second (a guess; RFC v1 only calls it periodic). */
#define GS_VGPU_SAMPLE_NS		(1000ull * 1000 * 1000)

/*
 * The channel IDs GSP-RM lets vGPUs have: RFC v1 keeps 512 for the host
 * and reserves the remaining 1536 of 2048 for vGPUs (its PF preparation
 * patches, 3-8; Documentation/gpusim-vgpu.rst).
 */
#define GS_VGPU_CHID_FIRST		512u
#define GS_VGPU_CHID_END		2048u

/* NVA081_MAX_VGPU_TYPES_PER_PGPU (ctrla081.h): vgpuInfo[0x40]. */
#define GS_VGPU_MAX_TYPES		64u
/* PGPU_ADD_VGPU_TYPE parameters: NvBool discardVgpuTypes @0, NvU32
 * vgpuInfoCount @4, vgpuInfo[] @8 (8-aligned); vgpuType at a record's 0. */
#define GS_ADD_DISCARD			0u
#define GS_ADD_COUNT			4u
#define GS_ADD_INFO			8u

/*
 * NV2080_ENGINE_TYPE_* (cl2080_notification.h in 570.144, cl2080.h in
 * 535.113.01: the same numbers): the engines the model's chip reports
 * through GET_ENGINES_V2, a GA102/AD102-class part. Which copy engines,
 * decoders and encoders a real board has varies; this list is a guess.
 */
static const u32 gs_vgpu_engines[] = {
	0x01,				/* GR0 (GRAPHICS) */
	0x09, 0x0a, 0x0b, 0x0c, 0x0d,	/* COPY0..COPY4 */
	0x13, 0x14,			/* NVDEC0 (BSP), NVDEC1 */
	0x1b, 0x1c,			/* NVENC0 (MSENC), NVENC1 */
	0x26,				/* SEC2 */
	0x2b,				/* NVJPG (NVJPEG0) */
	0x33,				/* OFA (OFA0) */
};
#define GS_VGPU_NR_ENGINES	ARRAY_SIZE(gs_vgpu_engines)

/* NV_VGPU_HOST_CPU_ARCH (RFC v1 dev_vgpu_gsp.h / RFC v2 vgpu.h). */
#define GS_VGPU_ARCH_AARCH64		1u
#define GS_VGPU_ARCH_X86_64		2u

/* What the model's plugin answers (the model's own values, guesses). */
#define GS_VGPU_PLUGIN_RPC_VERSION	0x00010001u	/* highest version it speaks */
#define GS_VGPU_GUEST_RPC_VERSION	0x00020000u	/* once a guest ran */
#define GS_VGPU_LICENSED		1u
#define GS_VGPU_GUEST_OS_LINUX		1u
#define GS_VGPU_FRL_CONFIG		60u
#define GS_VGPU_GARBAGE			0xdeadbeefu

/* GPUACCT_PERFMON_UTIL_SAMPLES payload: a guess (see the rst). */
#define GS_VGPU_SAMPLE_COUNT		72u
#define GS_VGPU_SAMPLE_SIZE		56u
#define GS_VGPU_SAMPLE_HDR		16u
#define GS_VGPU_SAMPLE_LEN		(GS_VGPU_SAMPLE_HDR + \
					 GS_VGPU_SAMPLE_COUNT * GS_VGPU_SAMPLE_SIZE)

enum gs_msg {
	GS_MSG_VERSION, GS_MSG_SETUP, GS_MSG_RESET, GS_MSG_BME, GS_MSG_GUEST_INFO,
	GS_MSG_OTHER, GS_NR_MSG,
};

static const char *const gs_msg_param[GS_NR_MSG - 1] = {
	"vgpu.msg.version_negotiation", "vgpu.msg.setup_config_params_and_init",
	"vgpu.msg.reset", "vgpu.msg.update_bme_state", "vgpu.msg.get_guest_info",
};
static const char *const gs_msg_name[GS_NR_MSG] = {
	"VERSION_NEGOTIATION", "SETUP_CONFIG_PARAMS_AND_INIT", "RESET", "UPDATE_BME_STATE",
	"GET_GUEST_INFO", "?",
};

/**
 * struct gs_vgpu_layout - the host RPC channel's regions, offsets from the
 * control region (vgpu.rpc.* of the release).
 */
struct gs_vgpu_layout {
	u64 resp, msg, mig, err, init_log, vgpu_log, kernel_log, end;
	u64 ctrl_size, resp_size, msg_size, mig_size, err_size;
	u64 init_size, vgpu_size, kernel_size;
	u32 version, bootloaded;
	u32 msg_num[GS_NR_MSG];
	u32 last_msg;
};

/**
 * struct gs_vgpu - one GFID's plugin task.
 * @st: what a query shows.
 * @ctrl: the control region's FB offset.
 * @init_log: the init-task log's FB offset; @init_size its size.
 * @vgpu_log: the vGPU-task log's; @vgpu_size its size.
 * @init_put: the init log's put index (u64 units).
 * @vgpu_put: the vGPU log's.
 * @boot_due_ns: when the marker is due (0: not pending).
 * @never_boots: NEVER_BOOTS fired for it.
 * @dbdf: BOOTLOAD's dbdf.
 * @busy: a message is being processed.
 * @hung: RPC_TIMEOUT fired: the message is never processed.
 * @due_ns: when it completes.
 * @seq: its sequence number.
 * @msg: which message it is.
 * @type: its message_type.
 * @result: its result_code.
 * @fault: the fault that fired on it (GPUSIM_VGPU_NR_FAULTS: none).
 * @version: the version the reply negotiates.
 */
struct gs_vgpu {
	struct gpusim_vgpu_state st;
	u64 ctrl, init_log, init_size, vgpu_log, vgpu_size;
	u64 init_put, vgpu_put;
	u64 boot_due_ns;
	bool never_boots;
	u32 dbdf;
	bool busy, hung;
	u64 due_ns;
	u32 seq;
	enum gs_msg msg;
	u32 type;
	u32 result;
	u32 fault;
	u32 version;
};

struct gs_vgpu_type {
	u32 id;
	u64 fb_length;
	u32 max_instance;
};

struct gs_vgpu_fault {
	bool armed;
	u32 gfid;
	u32 arg;
};

/**
 * struct gpusim_vgpu_mgr - GSP-RM's vGPU side.
 * @sim: the hardware model.
 * @rm: the RM model.
 * @abi: the release.
 * @types: registered vGPU types.
 * @ntypes: their number.
 * @vg: the plugins, GFID n at index n - 1.
 * @faults: armed faults per kind.
 * @next_sample_ns: when the next utilisation event is due (0: not started).
 * @stats: counters.
 * @error: the last driver mistake the vGPU side recorded ("" when none).
 */
struct gpusim_vgpu_mgr {
	struct gpusim *sim;
	struct gpusim_rm *rm;
	const struct nvgsp_abi *abi;
	struct gs_vgpu_type types[GS_VGPU_MAX_TYPES];
	u32 ntypes;
	struct gs_vgpu vg[GPUSIM_MAX_VFS];
	struct gs_vgpu_fault faults[GPUSIM_VGPU_NR_FAULTS];
	u64 next_sample_ns;
	struct gpusim_vgpu_stats stats;
	char error[400];
};

static const char *const gs_stage_name[] = {
	"none", "bootloading", "bootloaded", "configured", "shut down",
};

/* ---- helpers ---- */

/* A driver mistake: for gpusim_error() (the first) and gpusim_vgpu_error() (the last). */
static void __printf(2, 3) gs_fail(struct gpusim_vgpu_mgr *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->error, sizeof(m->error), fmt, ap);
	va_end(ap);
	gpusim_hw_fail(m->sim, "%s", m->error);
}

static u32 gs_status(const struct gpusim_vgpu_mgr *m, enum nvgsp_abi_status id)
{
	u32 n;

	return nvgsp_abi_status_number(m->abi, id, &n) ? 0xffffu : n;
}

static bool gs_param(const struct gpusim_vgpu_mgr *m, const char *name, u64 *v)
{
	if (!nvgsp_abi_param(m->abi, name, v))
		return true;
	gpusim_hw_fail(m->sim, "ABI table %s has no parameter %s", m->abi->release, name);
	return false;
}

/* Offset of member @field of codec @codec's wire struct (~0u when absent). */
static u32 gs_wire_off(const struct gpusim_vgpu_mgr *m, enum nvgsp_abi_codec_id codec,
		       const char *field)
{
	const char *wire = m->abi->codecs[codec].wire;
	const struct nvgsp_abi_struct *st = wire ? nvgsp_abi_find_struct(m->abi, wire) : NULL;
	u32 i;

	for (i = 0; st && i < st->nr_fields; i++)
		if (!strcmp(st->fields[i].name, field))
			return st->fields[i].offset;
	return ~0u;
}

static bool gs_layout(const struct gpusim_vgpu_mgr *m, struct gs_vgpu_layout *l)
{
	u64 v, k;
	u32 i;

	memset(l, 0, sizeof(*l));
	if (!gs_param(m, "vgpu.rpc.ctrl_size", &l->ctrl_size) ||
	    !gs_param(m, "vgpu.rpc.response_size", &l->resp_size) ||
	    !gs_param(m, "vgpu.rpc.message_size", &l->msg_size) ||
	    !gs_param(m, "vgpu.rpc.migration_size", &l->mig_size) ||
	    !gs_param(m, "vgpu.rpc.error_size", &l->err_size) ||
	    !gs_param(m, "vgpu.rpc.init_log_size", &l->init_size) ||
	    !gs_param(m, "vgpu.rpc.vgpu_log_size", &l->vgpu_size) ||
	    !gs_param(m, "vgpu.rpc.kernel_log_size", &l->kernel_size) ||
	    !gs_param(m, "vgpu.rpc.ctrl_version", &v) ||
	    !gs_param(m, "vgpu.rpc.bootloaded", &k))
		return false;
	l->version = (u32)v;
	l->bootloaded = (u32)k;
	l->resp = l->ctrl_size;
	l->msg = l->resp + l->resp_size;
	l->mig = l->msg + l->msg_size;
	l->err = l->mig + l->mig_size;
	l->init_log = l->err + l->err_size;
	l->vgpu_log = l->init_log + l->init_size;
	l->kernel_log = l->vgpu_log + l->vgpu_size;
	l->end = l->kernel_log + l->kernel_size;
	for (i = 0; i < GS_NR_MSG - 1; i++) {
		if (!gs_param(m, gs_msg_param[i], &v))
			return false;
		l->msg_num[i] = (u32)v;
	}
	if (!gs_param(m, "vgpu.msg.get_guest_info", &v))
		return false;
	l->last_msg = (u32)v;
	return true;
}

static bool gs_overlap(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

static const char *gs_ctrl_name(u32 ctrl)
{
	return nvgsp_abi_id_name(NVGSP_ABI_GROUP_CTRL, ctrl);
}

/*
 * The FB GSP-RM gives to vGPUs: the usable FB region its static info
 * reports, [0, R) (gpusim_rm.c, DOC: FB regions in static info), in whole
 * VMMU segments. Above R is GSP-RM's (its reservation, WPR2 and the rest).
 */
static u64 gs_vgpu_fb_end(const struct gpusim_vgpu_mgr *m, u64 seg)
{
	u64 end = gpusim_rm_usable_fb_end(m->rm);

	return seg ? end / seg * seg : end;
}

#define GS_VMMU_SEGMENT		GPUSIM_VMMU_SEGMENT_SIZE

/* ---- logs in the management heap ---- */

static void gs_log(struct gpusim_vgpu_mgr *m, u64 base, u64 size, u64 *put, const char *fmt, ...)
	__printf(5, 6);

static void gs_log(struct gpusim_vgpu_mgr *m, u64 base, u64 size, u64 *put, const char *fmt, ...)
{
	char text[264] = { 0 };	/* a record of up to 255 characters, padded */
	size_t padded;
	u8 head[8];
	va_list ap;

	if (!base || !size)
		return;
	va_start(ap, fmt);
	vsnprintf(text, 256, fmt, ap);
	va_end(ap);
	padded = (strlen(text) + 1 + 7) & ~(size_t)7;
	if (*put < 1)
		*put = 1;
	if (*put * 8 + padded > size)
		return;	/* full: the model stops, as it does for GSP-RM's logs */
	if (gpusim_vram_write(m->sim, base + *put * 8, text, padded))
		return;
	*put += padded / 8;
	put_unaligned_le64(*put, head);
	gpusim_vram_write(m->sim, base, head, 8);
}

#define gs_init_log(m, v, ...) \
	gs_log(m, (v)->init_log, (v)->init_size, &(v)->init_put, __VA_ARGS__)
#define gs_vgpu_log(m, v, ...) \
	gs_log(m, (v)->vgpu_log, (v)->vgpu_size, &(v)->vgpu_put, __VA_ARGS__)

/* ---- faults ---- */

/* Consume fault @kind if it is armed for @gfid (and, for messages, @type). */
static bool gs_fault(struct gpusim_vgpu_mgr *m, enum gpusim_vgpu_fault kind, u32 gfid,
		     u32 type, u32 *arg)
{
	struct gs_vgpu_fault *f = &m->faults[kind];

	if (!f->armed || (f->gfid && f->gfid != gfid))
		return false;
	if (kind >= GPUSIM_VGPU_FAULT_RPC_TIMEOUT && f->arg && f->arg != type)
		return false;
	if (arg)
		*arg = f->arg;
	f->armed = false;
	return true;
}

/* ---- PGPU_ADD_VGPU_TYPE ---- */

static u32 gs_add_types(struct gpusim_vgpu_mgr *m, const u8 *p, u32 size)
{
	u64 psize, isize, imax, ifb;
	u32 count, i, k;
	u8 discard;

	if (!gs_param(m, "vgpu.add_type_params_size", &psize) ||
	    !gs_param(m, "vgpu.type_info_size", &isize) ||
	    !gs_param(m, "vgpu.type_info_max_instance", &imax) ||
	    !gs_param(m, "vgpu.type_info_fb_length", &ifb))
		return NVGSP_ABI_STATUS_NOT_SUPPORTED;
	if (size != psize) {
		gs_fail(m, "PGPU_ADD_VGPU_TYPE: paramsSize %u, expected %llu (the %s parameters)",
			       size, psize, m->abi->release);
		return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
	}
	discard = p[GS_ADD_DISCARD];
	count = get_unaligned_le32(p + GS_ADD_COUNT);
	if (discard > 1) {
		gs_fail(m, "PGPU_ADD_VGPU_TYPE: discardVgpuTypes %u is not an NvBool",
			       discard);
		return NVGSP_ABI_STATUS_INVALID_ARGUMENT;
	}
	if (count > GS_VGPU_MAX_TYPES || GS_ADD_INFO + count * isize > size) {
		gs_fail(m, "PGPU_ADD_VGPU_TYPE: vgpuInfoCount %u, at most %u", count,
			       GS_VGPU_MAX_TYPES);
		return NVGSP_ABI_STATUS_INVALID_ARGUMENT;
	}
	for (i = 0; i < count; i++) {
		const u8 *r = p + GS_ADD_INFO + i * isize;

		if (!get_unaligned_le32(r) || !get_unaligned_le64(r + ifb)) {
			gs_fail(m, "PGPU_ADD_VGPU_TYPE: vgpuInfo[%u]: vgpuType %u, fbLength 0x%llx (neither may be 0)",
				       i, get_unaligned_le32(r), get_unaligned_le64(r + ifb));
			return NVGSP_ABI_STATUS_INVALID_ARGUMENT;
		}
	}
	if (discard)
		m->ntypes = 0;
	for (i = 0; i < count; i++) {
		const u8 *r = p + GS_ADD_INFO + i * isize;
		struct gs_vgpu_type t = {
			.id = get_unaligned_le32(r),
			.fb_length = get_unaligned_le64(r + ifb),
			.max_instance = get_unaligned_le32(r + imax),
		};

		for (k = 0; k < m->ntypes && m->types[k].id != t.id; k++)
			;
		if (k == GS_VGPU_MAX_TYPES)
			return NVGSP_ABI_STATUS_INSUFFICIENT_RESOURCES;
		m->types[k] = t;	/* a type added again replaces its record */
		if (k == m->ntypes)
			m->ntypes++;
	}
	return NVGSP_ABI_STATUS_OK;
}

static const struct gs_vgpu_type *gs_type(const struct gpusim_vgpu_mgr *m, u32 id)
{
	u32 i;

	for (i = 0; i < m->ntypes; i++)
		if (m->types[i].id == id)
			return &m->types[i];
	return NULL;
}

/* ---- GET_ENGINES_V2 ---- */

static u32 gs_engines(struct gpusim_vgpu_mgr *m, u8 *p, u32 size)
{
	struct nvgsp_abi_gpu_engines e;
	u32 n = nvgsp_abi_codec_size(m->abi, NVGSP_ABI_CODEC_GPU_ENGINES), i;

	if (!n || size != n) {
		gs_fail(m, "GET_ENGINES_V2: paramsSize %u, expected %u (sizeof NV2080_CTRL_GPU_GET_ENGINES_V2_PARAMS in %s)",
			       size, n, m->abi->release);
		return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
	}
	memset(&e, 0, sizeof(e));
	e.engine_count = GS_VGPU_NR_ENGINES;
	for (i = 0; i < GS_VGPU_NR_ENGINES; i++)
		e.engine_list[i] = gs_vgpu_engines[i];
	if (nvgsp_abi_encode_gpu_engines(m->abi, &e, p, size) < 0)
		return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
	return NVGSP_ABI_STATUS_OK;
}

static bool gs_engine_listed(u32 e)
{
	u32 i;

	for (i = 0; i < GS_VGPU_NR_ENGINES; i++)
		if (gs_vgpu_engines[i] == e)
			return true;
	return false;
}

/* ---- BOOTLOAD ---- */

static bool gs_vf_enabled(const struct gpusim *sim, u32 gfid)
{
	const struct gs_sriov *s = &sim->sriov;

	return gfid >= 1 && gfid <= GPUSIM_MAX_VFS && s->present && s->vf_enable &&
	       s->num_vfs <= s->facts.total_vfs && gfid <= s->num_vfs;
}

/* Does [a, a + len) collide with a live plugin other than @self? Names it in @who. */
static struct gs_vgpu *gs_fb_claimed(struct gpusim_vgpu_mgr *m, const struct gs_vgpu *self,
				     u64 a, u64 len, char *who, size_t wlen)
{
	u32 g, s;

	for (g = 0; g < GPUSIM_MAX_VFS; g++) {
		struct gs_vgpu *o = &m->vg[g];

		if (o == self || o->st.stage == GPUSIM_VGPU_NONE)
			continue;
		for (s = 0; s < o->st.nr_segments; s++) {
			if (gs_overlap(a, len, o->st.seg_addr[s], o->st.seg_len[s])) {
				snprintf(who, wlen, "GFID %u's guest FB segment %u [0x%llx, 0x%llx)",
					 g + 1, s, o->st.seg_addr[s],
					 o->st.seg_addr[s] + o->st.seg_len[s]);
				return o;
			}
		}
		if (gs_overlap(a, len, o->st.heap_addr, o->st.heap_len)) {
			snprintf(who, wlen, "GFID %u's plugin heap [0x%llx, 0x%llx)", g + 1,
				 o->st.heap_addr, o->st.heap_addr + o->st.heap_len);
			return o;
		}
	}
	return NULL;
}

#define REFUSE(st, ...) do {					\
	gs_fail(m, "BOOTLOAD_GSP_VGPU_PLUGIN_TASK: " __VA_ARGS__);	\
	return NVGSP_ABI_STATUS_##st;				\
} while (0)

/* Guest FB segments and heap (see the rst for each status). */
static u32 gs_check_fb(struct gpusim_vgpu_mgr *m, const struct nvgsp_abi_vgpu_bootload *b,
		       const struct gs_vgpu_type *t, const struct gs_vgpu_layout *l)
{
	u64 fb_end = gs_vgpu_fb_end(m, GS_VMMU_SEGMENT), total = 0, max_seg;
	u64 heap = b->plugin_heap_addr, hlen = b->plugin_heap_len;
	char who[128];
	u32 i, k;

	if (!gs_param(m, "vgpu.max_vmmu_segments", &max_seg))
		return NVGSP_ABI_STATUS_NOT_SUPPORTED;
	if (!b->num_fb_segments || b->num_fb_segments > max_seg)
		REFUSE(INVALID_ARGUMENT, "numGuestFbSegments %u is outside 1..%llu",
		       b->num_fb_segments, max_seg);
	for (i = 0; i < b->num_fb_segments; i++) {
		u64 a = b->fb_seg_addr[i], len = b->fb_seg_len[i];

		if (!len || a % GS_VMMU_SEGMENT || len % GS_VMMU_SEGMENT)
			REFUSE(INVALID_ARGUMENT, "guest FB segment %u [0x%llx + 0x%llx] is empty or not aligned to the VMMU segment size 0x%llx",
			       i, a, len, GS_VMMU_SEGMENT);
		if (a >= fb_end || len > fb_end - a)
			REFUSE(INVALID_ARGUMENT, "guest FB segment %u [0x%llx, 0x%llx) is outside the FB for vGPUs [0, 0x%llx)",
			       i, a, a + len, fb_end);
		for (k = 0; k < i; k++)
			if (gs_overlap(a, len, b->fb_seg_addr[k], b->fb_seg_len[k]))
				REFUSE(INVALID_ARGUMENT, "guest FB segments %u and %u overlap (0x%llx, 0x%llx)",
				       k, i, b->fb_seg_addr[k], a);
		if (gs_fb_claimed(m, NULL, a, len, who, sizeof(who)))
			REFUSE(IN_USE, "guest FB segment %u [0x%llx, 0x%llx) overlaps %s", i, a,
			       a + len, who);
		total += len;
	}
	/*
	 * A guess: no more than the type's framebuffer. Less is allowed: RFC v2
	 * (get_alloc_fbmem_size()) gives a guest less than fbLength with ECC on.
	 */
	if (total > t->fb_length)
		REFUSE(INVALID_ARGUMENT, "guest FB segments total 0x%llx, more than vGPU type %u's fbLength 0x%llx",
		       total, t->id, t->fb_length);
	if (!hlen || heap % 0x1000 || hlen % 0x1000)
		REFUSE(INVALID_ARGUMENT, "plugin heap [0x%llx + 0x%llx] is empty or not 4 KiB aligned",
		       heap, hlen);
	if (heap >= fb_end || hlen > fb_end - heap)
		REFUSE(INVALID_ARGUMENT, "plugin heap [0x%llx, 0x%llx) is outside the FB for vGPUs [0, 0x%llx)",
		       heap, heap + hlen, fb_end);
	for (i = 0; i < b->num_fb_segments; i++)
		if (gs_overlap(heap, hlen, b->fb_seg_addr[i], b->fb_seg_len[i]))
			REFUSE(INVALID_ARGUMENT, "plugin heap [0x%llx, 0x%llx) overlaps guest FB segment %u",
			       heap, heap + hlen, i);
	if (gs_fb_claimed(m, NULL, heap, hlen, who, sizeof(who)))
		REFUSE(IN_USE, "plugin heap [0x%llx, 0x%llx) overlaps %s", heap, heap + hlen, who);
	if (b->ctrl_buff_offset % 0x1000 || b->ctrl_buff_offset >= hlen ||
	    hlen - b->ctrl_buff_offset < l->end)
		REFUSE(INSUFFICIENT_RESOURCES, "ctrlBuffOffset 0x%llx in a plugin heap of 0x%llx: the host RPC regions and logs need 0x%llx from a 4 KiB-aligned offset",
		       b->ctrl_buff_offset, hlen, l->end);
	return NVGSP_ABI_STATUS_OK;
}

/* One log buffer: an FB address inside the heap, clear of the RPC regions (see the rst). */
static u32 gs_check_log(struct gpusim_vgpu_mgr *m, const struct nvgsp_abi_vgpu_bootload *b,
			const struct gs_vgpu_layout *l, const char *name, u64 off, u64 size)
{
	u64 heap = b->plugin_heap_addr, hlen = b->plugin_heap_len;
	u64 rpc = heap + b->ctrl_buff_offset;

	if (!size || off < heap || off >= heap + hlen || size > heap + hlen - off)
		REFUSE(INVALID_ARGUMENT, "%sBuffOffset 0x%llx + %sBuffSize 0x%llx is not inside the plugin heap [0x%llx, 0x%llx) (log offsets are FB addresses)",
		       name, off, name, size, heap, heap + hlen);
	if (gs_overlap(off, size, rpc, l->init_log))
		REFUSE(INVALID_ARGUMENT, "%sBuffOffset 0x%llx + 0x%llx overlaps the host RPC regions [0x%llx, 0x%llx)",
		       name, off, size, rpc, rpc + l->init_log);
	return NVGSP_ABI_STATUS_OK;
}

static u32 gs_check_logs(struct gpusim_vgpu_mgr *m, const struct nvgsp_abi_vgpu_bootload *b,
			 const struct gs_vgpu_layout *l)
{
	u64 fields = nvgsp_abi_codec_fields(m->abi, NVGSP_ABI_CODEC_VGPU_BOOTLOAD);
	u32 st;

	st = gs_check_log(m, b, l, "initTaskLog", b->init_log_offset, b->init_log_size);
	if (st == NVGSP_ABI_STATUS_OK)
		st = gs_check_log(m, b, l, "vgpuTaskLog", b->vgpu_log_offset, b->vgpu_log_size);
	if (st == NVGSP_ABI_STATUS_OK && (fields & NVGSP_ABI_VGPU_BOOTLOAD_F_KERNEL_LOG_OFFSET))
		st = gs_check_log(m, b, l, "kernelLog", b->kernel_log_offset, b->kernel_log_size);
	if (st == NVGSP_ABI_STATUS_OK &&
	    gs_overlap(b->init_log_offset, b->init_log_size, b->vgpu_log_offset, b->vgpu_log_size))
		REFUSE(INVALID_ARGUMENT, "the init-task log [0x%llx + 0x%llx] and the vGPU-task log [0x%llx + 0x%llx] overlap",
		       b->init_log_offset, b->init_log_size, b->vgpu_log_offset, b->vgpu_log_size);
	return st;
}

static u32 gs_check_chids(struct gpusim_vgpu_mgr *m, const struct nvgsp_abi_vgpu_bootload *b)
{
	u64 max_eng;
	u32 e, g;

	if (!gs_param(m, "vgpu.max_engines", &max_eng))
		return NVGSP_ABI_STATUS_NOT_SUPPORTED;
	if (!b->num_channels || b->num_channels > GS_VGPU_CHID_END - GS_VGPU_CHID_FIRST)
		REFUSE(INVALID_ARGUMENT, "numChannels %u is outside 1..%u", b->num_channels,
		       GS_VGPU_CHID_END - GS_VGPU_CHID_FIRST);
	for (e = 0; e < max_eng && e < GPUSIM_VGPU_MAX_ENGINES; e++) {
		u32 off = b->chid_offset[e];

		if (!gs_engine_listed(e)) {
			if (off)
				REFUSE(INVALID_ARGUMENT, "chidOffset[0x%x] is %u, but engine type 0x%x is not in GET_ENGINES_V2's list",
				       e, off, e);
			continue;
		}
		if (off < GS_VGPU_CHID_FIRST || off > GS_VGPU_CHID_END - b->num_channels)
			REFUSE(INVALID_ARGUMENT, "chidOffset[0x%x] %u + numChannels %u is outside the vGPU channel pool [%u, %u)",
			       e, off, b->num_channels, GS_VGPU_CHID_FIRST, GS_VGPU_CHID_END);
		for (g = 0; g < GPUSIM_MAX_VFS; g++) {
			const struct gs_vgpu *o = &m->vg[g];

			if (o->st.stage == GPUSIM_VGPU_NONE)
				continue;
			if (gs_overlap(off, b->num_channels, o->st.chid_offset[e],
				       o->st.num_channels))
				REFUSE(IN_USE, "channels [%u, %u) of engine type 0x%x overlap GFID %u's [%u, %u)",
				       off, off + b->num_channels, e, g + 1, o->st.chid_offset[e],
				       o->st.chid_offset[e] + o->st.num_channels);
		}
	}
	return NVGSP_ABI_STATUS_OK;
}

#undef REFUSE

/*
 * The tenant check: every byte of the guest FB and the heap must be zero
 * (the host scrubbed them), but the control region, which the host may
 * have written already (RFC v2 writes it after BOOTLOAD returns). A
 * model check, not firmware behaviour: recorded, not refused.
 */
static void gs_tenant_check(struct gpusim_vgpu_mgr *m, const struct nvgsp_abi_vgpu_bootload *b,
			    const struct gs_vgpu_layout *l)
{
	u64 ctrl = b->plugin_heap_addr + b->ctrl_buff_offset, where;
	u32 i;

	for (i = 0; i < b->num_fb_segments; i++) {
		if (gpusim_vram_find_nonzero(m->sim, b->fb_seg_addr[i], b->fb_seg_len[i], &where)) {
			gs_fail(m, "BOOTLOAD_GSP_VGPU_PLUGIN_TASK: GFID %u: guest FB segment %u holds a previous tenant's byte at FB 0x%llx (not scrubbed)",
				       b->gfid, i, where);
			return;
		}
	}
	if (gpusim_vram_find_nonzero(m->sim, b->plugin_heap_addr, ctrl - b->plugin_heap_addr,
				     &where) ||
	    gpusim_vram_find_nonzero(m->sim, ctrl + l->ctrl_size,
				     b->plugin_heap_addr + b->plugin_heap_len - ctrl - l->ctrl_size,
				     &where))
		gs_fail(m, "BOOTLOAD_GSP_VGPU_PLUGIN_TASK: GFID %u: the plugin heap holds a previous tenant's byte at FB 0x%llx (not scrubbed)",
			       b->gfid, where);
}

static u32 gs_bootload(struct gpusim_vgpu_mgr *m, u32 h_client, bool internal, const u8 *p,
		       u32 size)
{
	u32 n = nvgsp_abi_codec_size(m->abi, NVGSP_ABI_CODEC_VGPU_BOOTLOAD), st, arg;
	struct nvgsp_abi_vgpu_bootload *b;
	const struct gs_vgpu_type *t;
	struct gs_vgpu_layout l;
	struct gs_vgpu *v;
	u32 i;

	if (!n || size != n) {
		gs_fail(m, "BOOTLOAD_GSP_VGPU_PLUGIN_TASK: paramsSize %u, expected %u (the %s parameters)",
			       size, n, m->abi->release);
		return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
	}
	if (internal) {
		gs_fail(m, "BOOTLOAD_GSP_VGPU_PLUGIN_TASK sent on GSP-RM's internal client 0x%08x: each vGPU has its own RM client",
			       h_client);
		return NVGSP_ABI_STATUS_INVALID_CLIENT;
	}
	if (!gs_layout(m, &l))
		return NVGSP_ABI_STATUS_NOT_SUPPORTED;
	b = calloc(1, sizeof(*b));
	if (!b)
		return NVGSP_ABI_STATUS_NO_MEMORY;
	if (nvgsp_abi_decode_vgpu_bootload(m->abi, b, p, size) < 0) {
		st = NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
		goto out;
	}
	if (!gs_vf_enabled(m->sim, b->gfid)) {
		gs_fail(m, "BOOTLOAD_GSP_VGPU_PLUGIN_TASK: gfid %u is not an enabled VF's (NumVFs %u, VF Enable %d)",
			       b->gfid, m->sim->sriov.num_vfs, m->sim->sriov.vf_enable);
		st = NVGSP_ABI_STATUS_INVALID_ARGUMENT;
		goto out;
	}
	v = &m->vg[b->gfid - 1];
	if (v->st.stage != GPUSIM_VGPU_NONE) {
		gs_fail(m, "BOOTLOAD_GSP_VGPU_PLUGIN_TASK: GFID %u already has a plugin (%s)",
			       b->gfid, gs_stage_name[v->st.stage]);
		st = NVGSP_ABI_STATUS_IN_USE;
		goto out;
	}
	t = gs_type(m, b->vgpu_type);
	if (!t) {
		gs_fail(m, "BOOTLOAD_GSP_VGPU_PLUGIN_TASK: GFID %u: vGPU type %u was not added (PGPU_ADD_VGPU_TYPE)",
			       b->gfid, b->vgpu_type);
		st = NVGSP_ABI_STATUS_INVALID_ARGUMENT;
		goto out;
	}
	st = gs_check_fb(m, b, t, &l);
	if (st == NVGSP_ABI_STATUS_OK)
		st = gs_check_logs(m, b, &l);
	if (st == NVGSP_ABI_STATUS_OK)
		st = gs_check_chids(m, b);
	if (st != NVGSP_ABI_STATUS_OK)
		goto out;
	if (gs_fault(m, GPUSIM_VGPU_FAULT_BOOTLOAD_STATUS, b->gfid, 0, &arg)) {
		st = arg;
		goto out;
	}
	gs_tenant_check(m, b, &l);

	memset(v, 0, sizeof(*v));
	v->st.stage = GPUSIM_VGPU_BOOTLOADING;
	v->st.h_client = h_client;
	v->st.type = b->vgpu_type;
	v->st.nr_segments = b->num_fb_segments;
	for (i = 0; i < b->num_fb_segments; i++) {
		v->st.seg_addr[i] = b->fb_seg_addr[i];
		v->st.seg_len[i] = b->fb_seg_len[i];
	}
	v->st.heap_addr = b->plugin_heap_addr;
	v->st.heap_len = b->plugin_heap_len;
	v->st.num_channels = b->num_channels;
	for (i = 0; i < GPUSIM_VGPU_MAX_ENGINES; i++)
		v->st.chid_offset[i] = gs_engine_listed(i) ? b->chid_offset[i] : 0;
	v->ctrl = b->plugin_heap_addr + b->ctrl_buff_offset;
	v->init_log = b->init_log_offset;
	v->init_size = b->init_log_size;
	v->vgpu_log = b->vgpu_log_offset;
	v->vgpu_size = b->vgpu_log_size;
	v->dbdf = b->dbdf;
	v->fault = GPUSIM_VGPU_NR_FAULTS;
	v->never_boots = gs_fault(m, GPUSIM_VGPU_FAULT_NEVER_BOOTS, b->gfid, 0, NULL);
	v->boot_due_ns = v->never_boots ? 0 : m->sim->now_ns + GS_VGPU_BOOT_NS;
	m->stats.bootloads++;
	st = NVGSP_ABI_STATUS_OK;
out:
	free(b);
	return st;
}

/* The marker: written into message_seq_num alone (the host owns the rest). */
static void gs_bootloaded(struct gpusim_vgpu_mgr *m, struct gs_vgpu *v, u32 gfid)
{
	u32 off = gs_wire_off(m, NVGSP_ABI_CODEC_VGPU_RPC_CTRL, "message_seq_num");
	struct gs_vgpu_layout l;
	u8 word[4];

	v->boot_due_ns = 0;
	if (!gs_layout(m, &l) || off == ~0u)
		return;
	gs_init_log(m, v, "vGPU plugin (gpusim model, GSP-RM %s): GFID %u, vGPU type %u, %u guest FB segments",
		    m->abi->release, gfid, v->st.type, v->st.nr_segments);
	gs_init_log(m, v, "vGPU plugin: heap [0x%llx, 0x%llx), channels %u per engine",
		    v->st.heap_addr, v->st.heap_addr + v->st.heap_len, v->st.num_channels);
	gs_init_log(m, v, "vGPU plugin: bootloaded");
	put_unaligned_le32(l.bootloaded, word);
	gpusim_vram_write(m->sim, v->ctrl + off, word, 4);
	v->st.stage = GPUSIM_VGPU_BOOTLOADED;
}

/* ---- SHUTDOWN and CLEANUP ---- */

static u32 gs_gfid_param(struct gpusim_vgpu_mgr *m, u32 ctrl, enum nvgsp_abi_codec_id codec,
			 const u8 *p, u32 size, u32 *gfid)
{
	u32 n = nvgsp_abi_codec_size(m->abi, codec);

	if (!n || size != n) {
		gs_fail(m, "%s: paramsSize %u, expected %u", gs_ctrl_name(ctrl), size, n);
		return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
	}
	if (codec == NVGSP_ABI_CODEC_VGPU_PLUGIN_SHUTDOWN) {
		struct nvgsp_abi_vgpu_plugin_shutdown s;

		nvgsp_abi_decode_vgpu_plugin_shutdown(m->abi, &s, p, size);
		*gfid = s.gfid;
	} else {
		struct nvgsp_abi_vgpu_plugin_cleanup c;

		nvgsp_abi_decode_vgpu_plugin_cleanup(m->abi, &c, p, size);
		*gfid = c.gfid;
	}
	if (!*gfid || *gfid > GPUSIM_MAX_VFS) {
		gs_fail(m, "%s: gfid %u is outside 1..%u", gs_ctrl_name(ctrl), *gfid,
			       GPUSIM_MAX_VFS);
		return NVGSP_ABI_STATUS_INVALID_ARGUMENT;
	}
	return NVGSP_ABI_STATUS_OK;
}

static u32 gs_shutdown(struct gpusim_vgpu_mgr *m, u32 ctrl, const u8 *p, u32 size)
{
	struct gs_vgpu *v;
	u32 gfid, st;

	st = gs_gfid_param(m, ctrl, NVGSP_ABI_CODEC_VGPU_PLUGIN_SHUTDOWN, p, size, &gfid);
	if (st != NVGSP_ABI_STATUS_OK)
		return st;
	v = &m->vg[gfid - 1];
	if (v->st.stage == GPUSIM_VGPU_NONE || v->st.stage == GPUSIM_VGPU_SHUT_DOWN) {
		gs_fail(m, "SHUTDOWN_GSP_VGPU_PLUGIN_TASK: GFID %u has no live plugin (%s)",
			       gfid, gs_stage_name[v->st.stage]);
		return NVGSP_ABI_STATUS_INVALID_STATE;
	}
	gs_vgpu_log(m, v, "vGPU plugin: shutdown after %u messages", v->st.messages);
	v->st.stage = GPUSIM_VGPU_SHUT_DOWN;
	v->boot_due_ns = 0;
	v->busy = false;
	return NVGSP_ABI_STATUS_OK;
}

static u32 gs_cleanup(struct gpusim_vgpu_mgr *m, u32 ctrl, const u8 *p, u32 size)
{
	struct gs_vgpu *v;
	u32 gfid, st;

	st = gs_gfid_param(m, ctrl, NVGSP_ABI_CODEC_VGPU_PLUGIN_CLEANUP, p, size, &gfid);
	if (st != NVGSP_ABI_STATUS_OK)
		return st;
	v = &m->vg[gfid - 1];
	if (v->st.stage != GPUSIM_VGPU_SHUT_DOWN) {
		gs_fail(m, "VGPU_PLUGIN_CLEANUP: GFID %u's plugin is %s, not shut down (SHUTDOWN_GSP_VGPU_PLUGIN_TASK first)",
			       gfid, gs_stage_name[v->st.stage]);
		return NVGSP_ABI_STATUS_INVALID_STATE;
	}
	memset(v, 0, sizeof(*v));	/* the GFID and its FB, heap and channels are free */
	return NVGSP_ABI_STATUS_OK;
}

/* ---- the controls ---- */

bool gpusim_vgpu_serves(u32 ctrl)
{
	return ctrl == NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_PGPU_ADD_VGPU_TYPE ||
	       ctrl == NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_BOOTLOAD_GSP_VGPU_PLUGIN_TASK ||
	       ctrl == NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_SHUTDOWN_GSP_VGPU_PLUGIN_TASK ||
	       ctrl == NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_VGPU_PLUGIN_CLEANUP ||
	       ctrl == NVGSP_ABI_CTRL_NV2080_GPU_GET_ENGINES_V2;
}

u32 gpusim_vgpu_control(struct gpusim_vgpu_mgr *m, u32 ctrl, u32 h_client, u32 h_object,
			u32 cls, bool internal, u8 *params, u32 size)
{
	u32 st;

	if (cls != NVGSP_ABI_CLASS_NV20_SUBDEVICE_0) {
		gs_fail(m, "%s sent to object 0x%08x of client 0x%08x, which is not a subdevice",
			       gs_ctrl_name(ctrl), h_object, h_client);
		st = NVGSP_ABI_STATUS_NOT_SUPPORTED;
	} else {
		switch (ctrl) {
		case NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_PGPU_ADD_VGPU_TYPE:
			st = gs_add_types(m, params, size);
			break;
		case NVGSP_ABI_CTRL_NV2080_GPU_GET_ENGINES_V2:
			st = gs_engines(m, params, size);
			break;
		case NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_BOOTLOAD_GSP_VGPU_PLUGIN_TASK:
			st = gs_bootload(m, h_client, internal, params, size);
			break;
		case NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_SHUTDOWN_GSP_VGPU_PLUGIN_TASK:
			st = gs_shutdown(m, ctrl, params, size);
			break;
		case NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_VGPU_PLUGIN_CLEANUP:
			st = gs_cleanup(m, ctrl, params, size);
			break;
		default:
			st = NVGSP_ABI_STATUS_NOT_SUPPORTED;
			break;
		}
	}
	if (st != NVGSP_ABI_STATUS_OK)
		m->stats.refused++;
	return st;
}

/*
 * An RM client freed while its plugin lives: GSP-RM tears the plugin down
 * with the client (a guess: resserv frees what a client owns with it) and
 * the model records the driver's mistake (the RFCs free the client after
 * SHUTDOWN and CLEANUP).
 */
void gpusim_vgpu_client_freed(struct gpusim_vgpu_mgr *m, u32 h_client)
{
	u32 g;

	if (!m)
		return;
	for (g = 0; g < GPUSIM_MAX_VFS; g++) {
		struct gs_vgpu *v = &m->vg[g];

		if (v->st.stage == GPUSIM_VGPU_NONE || v->st.h_client != h_client)
			continue;
		gs_fail(m, "RM client 0x%08x freed while GFID %u's plugin is %s (SHUTDOWN_GSP_VGPU_PLUGIN_TASK and VGPU_PLUGIN_CLEANUP come first)",
			       h_client, g + 1, gs_stage_name[v->st.stage]);
		memset(v, 0, sizeof(*v));
	}
}

/* ---- the host RPC channel ---- */

static u64 gs_resp_addr(const struct gs_vgpu *v, const struct gs_vgpu_layout *l)
{
	return v->ctrl + l->resp;
}

/* Read-modify-write the response region (the plugin owns it). */
static void gs_resp_update(struct gpusim_vgpu_mgr *m, struct gs_vgpu *v,
			   const struct gs_vgpu_layout *l,
			   void (*fn)(struct nvgsp_abi_vgpu_rpc_resp *r, const struct gs_vgpu *v,
				      u64 fields),
			   const char *what)
{
	u32 n = nvgsp_abi_codec_size(m->abi, NVGSP_ABI_CODEC_VGPU_RPC_RESP);
	u64 fields = nvgsp_abi_codec_fields(m->abi, NVGSP_ABI_CODEC_VGPU_RPC_RESP);
	struct nvgsp_abi_vgpu_rpc_resp r;
	u8 *buf = calloc(1, n ? n : 1);

	if (!buf)
		return;
	if (!n || gpusim_vram_read(m->sim, gs_resp_addr(v, l), buf, n) ||
	    nvgsp_abi_decode_vgpu_rpc_resp(m->abi, &r, buf, n) < 0) {
		free(buf);
		return;
	}
	fn(&r, v, fields);
	if (!(fields & NVGSP_ABI_VGPU_RPC_RESP_F_SEQ_RECEIVED))
		r.seq_received = 0;
	if (!(fields & NVGSP_ABI_VGPU_RPC_RESP_F_GUEST_OS_TYPE))
		r.guest_os_type = 0;
	if (!(fields & NVGSP_ABI_VGPU_RPC_RESP_F_FRL_CONFIG))
		r.frl_config = 0;
	if (nvgsp_abi_encode_vgpu_rpc_resp(m->abi, &r, buf, n) < 0)
		gs_fail(m, "vGPU plugin: the response region does not encode for %s (%s)",
			       m->abi->release, what);
	else
		gpusim_vram_write(m->sim, gs_resp_addr(v, l), buf, n);
	free(buf);
}

static void gs_set_received(struct nvgsp_abi_vgpu_rpc_resp *r, const struct gs_vgpu *v,
			    u64 fields)
{
	(void)fields;
	r->seq_received = v->seq;
}

static void gs_set_processed(struct nvgsp_abi_vgpu_rpc_resp *r, const struct gs_vgpu *v,
			     u64 fields)
{
	(void)fields;
	r->result = v->result;
	r->seq_processed = v->seq;
	if (v->fault == GPUSIM_VGPU_FAULT_RPC_BAD_SEQ)
		r->seq_processed = v->seq + 0x100;
	if (v->fault == GPUSIM_VGPU_FAULT_RPC_GARBAGE)
		r->result = GS_VGPU_GARBAGE;
	if (v->msg == GS_MSG_GUEST_INFO && v->result == 0) {
		r->guest_rpc_version = v->st.guest_ran ? GS_VGPU_GUEST_RPC_VERSION : 0;
		r->grid_license_state = v->st.guest_ran ? GS_VGPU_LICENSED : 0;
		r->guest_os_type = v->st.guest_ran ? GS_VGPU_GUEST_OS_LINUX : 0;
		r->frl_config = GS_VGPU_FRL_CONFIG;
	}
}

/* The message region's bytes (copied out before anything is checked). */
static bool gs_msg_read(struct gpusim_vgpu_mgr *m, const struct gs_vgpu *v,
			const struct gs_vgpu_layout *l, void *buf, u32 len)
{
	return len <= l->msg_size && !gpusim_vram_read(m->sim, v->ctrl + l->msg, buf, len);
}

static u32 gs_msg_refuse(struct gpusim_vgpu_mgr *m, u32 gfid, enum nvgsp_abi_status st,
			 const char *fmt, ...) __printf(4, 5);

static u32 gs_msg_refuse(struct gpusim_vgpu_mgr *m, u32 gfid, enum nvgsp_abi_status st,
			 const char *fmt, ...)
{
	char text[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	gs_fail(m, "vGPU host RPC, GFID %u: %s", gfid, text);
	return gs_status(m, st);
}

static u32 gs_msg_version(struct gpusim_vgpu_mgr *m, struct gs_vgpu *v, u32 gfid,
			  const struct gs_vgpu_layout *l)
{
	u32 n = nvgsp_abi_codec_size(m->abi, NVGSP_ABI_CODEC_VGPU_RPC_VERSION);
	struct nvgsp_abi_vgpu_rpc_version d;
	u8 buf[64];

	if (v->st.negotiated || v->st.stage != GPUSIM_VGPU_BOOTLOADED)
		return gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_INVALID_STATE,
				     "VERSION_NEGOTIATION again (the plugin is %s, version %s)",
				     gs_stage_name[v->st.stage],
				     v->st.negotiated ? "negotiated" : "not negotiated");
	if (!n || n > sizeof(buf) || !gs_msg_read(m, v, l, buf, n) ||
	    nvgsp_abi_decode_vgpu_rpc_version(m->abi, &d, buf, n) < 0)
		return gs_status(m, NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT);
	/*
	 * A guess: the lower of the host's and the plugin's version; with no
	 * proposal (version_cpu 0, as the RFCs send it) the plugin's own.
	 */
	v->version = d.version_cpu && d.version_cpu < GS_VGPU_PLUGIN_RPC_VERSION ?
		     d.version_cpu : GS_VGPU_PLUGIN_RPC_VERSION;
	v->st.negotiated = true;
	return 0;
}

/* Every member of the config payload's wire struct named rev* must be 0. */
static bool gs_config_reserved(struct gpusim_vgpu_mgr *m, const u8 *buf, u32 n, char *name,
			       size_t nlen)
{
	const char *wire = m->abi->codecs[NVGSP_ABI_CODEC_VGPU_RPC_CONFIG].wire;
	const struct nvgsp_abi_struct *st = wire ? nvgsp_abi_find_struct(m->abi, wire) : NULL;
	u32 i, k;

	for (i = 0; st && i < st->nr_fields; i++) {
		const struct nvgsp_abi_field *f = &st->fields[i];

		if (strncmp(f->name, "rev", 3) || f->offset + f->size > n)
			continue;
		for (k = 0; k < f->size; k++) {
			if (buf[f->offset + k]) {
				snprintf(name, nlen, "%s (byte %u is 0x%02x)", f->name, k,
					 buf[f->offset + k]);
				return false;
			}
		}
	}
	return true;
}

static u32 gs_msg_setup(struct gpusim_vgpu_mgr *m, struct gs_vgpu *v, u32 gfid,
			const struct gs_vgpu_layout *l)
{
	u32 n = nvgsp_abi_codec_size(m->abi, NVGSP_ABI_CODEC_VGPU_RPC_CONFIG);
	struct nvgsp_abi_vgpu_rpc_config c;
	char why[96];
	u8 buf[256];

	if (!v->st.negotiated || v->st.stage != GPUSIM_VGPU_BOOTLOADED)
		return gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_INVALID_STATE,
				     "SETUP_CONFIG_PARAMS_AND_INIT while the plugin is %s, version %s",
				     gs_stage_name[v->st.stage],
				     v->st.negotiated ? "negotiated" : "not negotiated");
	if (!n || n > sizeof(buf) || !gs_msg_read(m, v, l, buf, n) ||
	    nvgsp_abi_decode_vgpu_rpc_config(m->abi, &c, buf, n) < 0)
		return gs_status(m, NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT);
	if (c.dbdf != v->dbdf)
		return gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_INVALID_ARGUMENT,
				     "SETUP_CONFIG_PARAMS_AND_INIT: dbdf 0x%x, BOOTLOAD's was 0x%x",
				     c.dbdf, v->dbdf);
	if (c.vgpu_type != v->st.type)
		return gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_INVALID_ARGUMENT,
				     "SETUP_CONFIG_PARAMS_AND_INIT: vgpu_type %u, BOOTLOAD's was %u",
				     c.vgpu_type, v->st.type);
	if (c.num_channels != v->st.num_channels)
		return gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_INVALID_ARGUMENT,
				     "SETUP_CONFIG_PARAMS_AND_INIT: num_channels %u, BOOTLOAD's was %u",
				     c.num_channels, v->st.num_channels);
	if (!c.vgpu_device_instance_id || !gpusim_rm_client_live(m->rm, c.vgpu_device_instance_id))
		return gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_INVALID_ARGUMENT,
				     "SETUP_CONFIG_PARAMS_AND_INIT: vgpu_device_instance_id 0x%08x is not a live RM client",
				     c.vgpu_device_instance_id);
	if (c.host_page_size != 4096)
		return gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_INVALID_ARGUMENT,
				     "SETUP_CONFIG_PARAMS_AND_INIT: host_page_size %llu, expected 4096",
				     c.host_page_size);
	if (c.host_cpu_arch != GS_VGPU_ARCH_X86_64 && c.host_cpu_arch != GS_VGPU_ARCH_AARCH64)
		return gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_INVALID_ARGUMENT,
				     "SETUP_CONFIG_PARAMS_AND_INIT: host_cpu_arch %u is neither X86_64 (%u) nor AARCH64 (%u)",
				     c.host_cpu_arch, GS_VGPU_ARCH_X86_64, GS_VGPU_ARCH_AARCH64);
	if (!gs_config_reserved(m, buf, n, why, sizeof(why)))
		return gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_INVALID_ARGUMENT,
				     "SETUP_CONFIG_PARAMS_AND_INIT: reserved member %s is not 0", why);
	v->st.stage = GPUSIM_VGPU_CONFIGURED;
	return 0;
}

static u32 gs_msg_bme(struct gpusim_vgpu_mgr *m, struct gs_vgpu *v, u32 gfid,
		      const struct gs_vgpu_layout *l)
{
	u32 n = nvgsp_abi_codec_size(m->abi, NVGSP_ABI_CODEC_VGPU_RPC_BME);
	struct nvgsp_abi_vgpu_rpc_bme b;
	u8 buf[16];
	u32 i;

	if (!n || n > sizeof(buf) || !gs_msg_read(m, v, l, buf, n) ||
	    nvgsp_abi_decode_vgpu_rpc_bme(m->abi, &b, buf, n) < 0)
		return gs_status(m, NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT);
	for (i = 0; i < n; i++)
		if (buf[i] > 1)
			return gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_INVALID_ARGUMENT,
					     "UPDATE_BME_STATE: byte %u is 0x%02x, not an NvBool",
					     i, buf[i]);
	v->st.bme_enabled = b.enable;
	v->st.bme_allowed = b.allowed;
	return 0;
}

/* Validate and act on one message; the result_code (0 = NV_OK). */
static u32 gs_msg_serve(struct gpusim_vgpu_mgr *m, struct gs_vgpu *v, u32 gfid,
			const struct gs_vgpu_layout *l, u32 type)
{
	switch (v->msg) {
	case GS_MSG_VERSION:
		return gs_msg_version(m, v, gfid, l);
	case GS_MSG_SETUP:
		return gs_msg_setup(m, v, gfid, l);
	default:
		break;
	}
	if (v->st.stage != GPUSIM_VGPU_CONFIGURED)
		return gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_INVALID_STATE,
				     "message type %u (%s) before SETUP_CONFIG_PARAMS_AND_INIT (the plugin is %s)",
				     type, gs_msg_name[v->msg], gs_stage_name[v->st.stage]);
	switch (v->msg) {
	case GS_MSG_RESET:
		v->st.resets++;
		return 0;
	case GS_MSG_BME:
		return gs_msg_bme(m, v, gfid, l);
	case GS_MSG_GUEST_INFO:
		return 0;
	default:
		/* Known to the release, not served by the model (migration, console, BAR0). */
		return gs_status(m, NVGSP_ABI_STATUS_NOT_SUPPORTED);
	}
}

static bool gs_ctrl_layout_ok(struct gpusim_vgpu_mgr *m, u32 gfid,
			      const struct nvgsp_abi_vgpu_rpc_ctrl *c,
			      const struct gs_vgpu_layout *l)
{
	const struct { const char *name; u64 got, want; } f[] = {
		{ "response_buff_offset", c->response_off, l->resp },
		{ "message_buff_offset", c->message_off, l->msg },
		{ "migration_buff_offset", c->migration_off, l->mig },
		{ "error_buff_offset", c->error_off, l->err },
	};
	u32 i;

	if (c->version != l->version) {
		gs_fail(m, "vGPU host RPC, GFID %u: control region version %u, expected %u",
			       gfid, c->version, l->version);
		return false;
	}
	for (i = 0; i < ARRAY_SIZE(f); i++) {
		if (f[i].got != f[i].want) {
			gs_fail(m, "vGPU host RPC, GFID %u: control region %s 0x%llx, expected 0x%llx (control | response | message | migration | error | logs)",
				       gfid, f[i].name, f[i].got, f[i].want);
			return false;
		}
	}
	return true;
}

static void gs_complete(struct gpusim_vgpu_mgr *m, struct gs_vgpu *v, u32 gfid)
{
	struct gs_vgpu_layout l;

	v->busy = false;
	if (!gs_layout(m, &l))
		return;
	if (v->msg == GS_MSG_VERSION && v->result == 0) {
		struct nvgsp_abi_vgpu_rpc_version d;
		u32 n = nvgsp_abi_codec_size(m->abi, NVGSP_ABI_CODEC_VGPU_RPC_VERSION);
		u8 buf[64];

		if (n && n <= sizeof(buf) && gs_msg_read(m, v, &l, buf, n) &&
		    nvgsp_abi_decode_vgpu_rpc_version(m->abi, &d, buf, n) >= 0) {
			d.version_negotiated = v->fault == GPUSIM_VGPU_FAULT_BAD_VERSION ?
					       0xffffffffu : v->version;
			if (nvgsp_abi_encode_vgpu_rpc_version(m->abi, &d, buf, n) >= 0)
				gpusim_vram_write(m->sim, v->ctrl + l.msg, buf, n);
		}
	}
	gs_resp_update(m, v, &l, gs_set_processed, "result");
	gs_vgpu_log(m, v, "vGPU plugin: GFID %u message %u (%s) seq %u: result 0x%x", gfid,
		    v->type, gs_msg_name[v->msg], v->seq, v->result);
}

static void gs_doorbell(struct gpusim_vgpu_mgr *m, u32 gfid)
{
	u32 n = nvgsp_abi_codec_size(m->abi, NVGSP_ABI_CODEC_VGPU_RPC_CTRL), i, type;
	struct gs_vgpu *v = &m->vg[gfid - 1];
	struct nvgsp_abi_vgpu_rpc_ctrl c;
	struct gs_vgpu_layout l;
	u8 *buf;

	if (v->st.stage != GPUSIM_VGPU_BOOTLOADED && v->st.stage != GPUSIM_VGPU_CONFIGURED) {
		gs_fail(m, "PF doorbell for GFID %u, whose plugin is %s (only a bootloaded plugin takes messages)",
			       gfid, gs_stage_name[v->st.stage]);
		return;
	}
	if (v->hung)
		return;	/* a plugin that stopped answering takes nothing more */
	if (v->busy) {
		gs_fail(m, "PF doorbell for GFID %u while its message seq %u is still being processed",
			       gfid, v->seq);
		return;
	}
	if (!gs_layout(m, &l) || !n)
		return;
	buf = calloc(1, n);
	if (!buf)
		return;
	if (gpusim_vram_read(m->sim, v->ctrl, buf, n) ||
	    nvgsp_abi_decode_vgpu_rpc_ctrl(m->abi, &c, buf, n) < 0) {
		free(buf);
		return;
	}
	free(buf);
	if (!gs_ctrl_layout_ok(m, gfid, &c, &l))
		return;	/* the plugin cannot find its response region: no answer */
	type = c.message_type;
	v->msg = GS_MSG_OTHER;
	for (i = 0; i < GS_MSG_OTHER; i++)
		if (type == l.msg_num[i])
			v->msg = (enum gs_msg)i;
	v->seq = c.message_seq;
	v->type = type;
	v->fault = GPUSIM_VGPU_NR_FAULTS;
	v->busy = true;
	v->due_ns = m->sim->now_ns + GS_VGPU_MSG_NS;
	gs_resp_update(m, v, &l, gs_set_received, "seq_received");
	if (c.message_seq != v->st.last_seq + 1) {
		v->result = gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_INVALID_ARGUMENT,
					  "message_seq_num %u, expected %u (the previous + 1)",
					  c.message_seq, v->st.last_seq + 1);
		goto done;
	}
	v->st.last_seq = c.message_seq;
	v->st.messages++;
	if (!type || type > l.last_msg) {
		v->result = gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_NOT_SUPPORTED,
					  "message_type %u is not a message of %s (1..%u)", type,
					  m->abi->release, l.last_msg);
		goto done;
	}
	if (v->msg != GS_MSG_VERSION && !v->st.negotiated) {
		v->result = gs_msg_refuse(m, gfid, NVGSP_ABI_STATUS_INVALID_STATE,
					  "message type %u (%s) before VERSION_NEGOTIATION", type,
					  gs_msg_name[v->msg]);
		goto done;
	}
	if (gs_fault(m, GPUSIM_VGPU_FAULT_RPC_TIMEOUT, gfid, type, NULL)) {
		v->hung = true;
		gs_vgpu_log(m, v, "vGPU plugin: GFID %u message %u seq %u: received, never processed (injected)",
			    gfid, type, c.message_seq);
		return;
	}
	if (gs_fault(m, GPUSIM_VGPU_FAULT_RPC_ERROR, gfid, type, NULL)) {
		v->result = gs_status(m, NVGSP_ABI_STATUS_GENERIC);
		v->fault = GPUSIM_VGPU_FAULT_RPC_ERROR;
		goto done;
	}
	v->result = gs_msg_serve(m, v, gfid, &l, type);
	if (gs_fault(m, GPUSIM_VGPU_FAULT_RPC_BAD_SEQ, gfid, type, NULL))
		v->fault = GPUSIM_VGPU_FAULT_RPC_BAD_SEQ;
	else if (gs_fault(m, GPUSIM_VGPU_FAULT_RPC_GARBAGE, gfid, type, NULL))
		v->fault = GPUSIM_VGPU_FAULT_RPC_GARBAGE;
	else if (v->msg == GS_MSG_VERSION && !v->result &&
		 gs_fault(m, GPUSIM_VGPU_FAULT_BAD_VERSION, gfid, type, NULL))
		v->fault = GPUSIM_VGPU_FAULT_BAD_VERSION;
done:
	v->st.last_result = v->result;
}

/*
 * DOC: the PF doorbell
 *
 * The host rings a plugin with gfid * 32 + 17 at PF BAR0 0xB80000 + 0x2200
 * (RFC v1/v2; the meaning of 17 is not public). Another value there, or
 * one naming a GFID without a bootloaded plugin, is a driver mistake: the
 * model's driver uses the register for nothing else.
 */
void gpusim_vgpu_pf_doorbell(struct gpusim *sim, u32 value)
{
	struct gpusim_vgpu_mgr *m = gpusim_rm_vgpu(gpusim_hw_rm(sim));
	u32 gfid = value / 32u;

	if (!m || !gpusim_rm_serving(gpusim_hw_rm(sim)))
		return;	/* plugins run on GSP-RM: nothing hears the doorbell */
	m->stats.doorbells++;
	if ((value & 31u) != 17u || !gfid || gfid > GPUSIM_MAX_VFS) {
		gs_fail(m, "PF doorbell (BAR0 0xb82200) written with 0x%08x, not gfid * 32 + 17 for a GFID in 1..%u",
			       value, GPUSIM_MAX_VFS);
		return;
	}
	gs_doorbell(m, gfid);
}

/* ---- time ---- */

static void gs_sample(struct gpusim_vgpu_mgr *m, u64 now_ns)
{
	u8 buf[GS_VGPU_SAMPLE_LEN];
	u32 i;

	/* {type, bufSize, count, tracker} then samples {u64 timeStamp, ...} (guess). */
	memset(buf, 0, sizeof(buf));
	put_unaligned_le32(GS_VGPU_SAMPLE_COUNT * GS_VGPU_SAMPLE_SIZE, buf + 4);
	put_unaligned_le32(GS_VGPU_SAMPLE_COUNT, buf + 8);
	for (i = 0; i < GS_VGPU_SAMPLE_COUNT; i++)
		put_unaligned_le64(now_ns - (u64)(GS_VGPU_SAMPLE_COUNT - 1 - i) *
				   (GS_VGPU_SAMPLE_NS / GS_VGPU_SAMPLE_COUNT),
				   buf + GS_VGPU_SAMPLE_HDR + i * GS_VGPU_SAMPLE_SIZE);
	gpusim_rm_send_event(m->rm, NVGSP_ABI_EVENT_GPUACCT_PERFMON_UTIL_SAMPLES, buf,
			     sizeof(buf));
	m->stats.samples++;
}

void gpusim_vgpu_tick(struct gpusim_vgpu_mgr *m, u64 now_ns, bool serving, bool sampling)
{
	u32 g;

	if (!m || !serving)
		return;
	for (g = 0; g < GPUSIM_MAX_VFS; g++) {
		struct gs_vgpu *v = &m->vg[g];

		if (v->st.stage == GPUSIM_VGPU_BOOTLOADING && v->boot_due_ns &&
		    now_ns >= v->boot_due_ns)
			gs_bootloaded(m, v, g + 1);
		if (v->busy && !v->hung && now_ns >= v->due_ns)
			gs_complete(m, v, g + 1);
	}
	if (!sampling) {
		m->next_sample_ns = 0;
		return;
	}
	if (!m->next_sample_ns)
		m->next_sample_ns = now_ns + GS_VGPU_SAMPLE_NS;
	if (now_ns >= m->next_sample_ns) {
		gs_sample(m, now_ns);
		m->next_sample_ns = now_ns + GS_VGPU_SAMPLE_NS;
	}
}

/* ---- life ---- */

struct gpusim_vgpu_mgr *gpusim_vgpu_mgr_create(struct gpusim *sim, struct gpusim_rm *rm,
					       const struct nvgsp_abi *abi)
{
	struct gpusim_vgpu_mgr *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->sim = sim;
	m->rm = rm;
	m->abi = abi;
	return m;
}

void gpusim_vgpu_mgr_destroy(struct gpusim_vgpu_mgr *m)
{
	free(m);
}

void gpusim_vgpu_mgr_reset(struct gpusim_vgpu_mgr *m)
{
	if (!m)
		return;
	m->ntypes = 0;
	memset(m->vg, 0, sizeof(m->vg));
	m->next_sample_ns = 0;
}

/* ---- the test API ---- */

static struct gpusim_vgpu_mgr *gs_mgr(struct gpusim *sim)
{
	return sim ? gpusim_rm_vgpu(gpusim_hw_rm(sim)) : NULL;
}

int gpusim_vgpu_query(struct gpusim *sim, u32 gfid, struct gpusim_vgpu_state *st)
{
	struct gpusim_vgpu_mgr *m = gs_mgr(sim);

	memset(st, 0, sizeof(*st));
	if (!m || !gfid || gfid > GPUSIM_MAX_VFS)
		return -EINVAL;
	*st = m->vg[gfid - 1].st;
	return 0;
}

u32 gpusim_vgpu_live(struct gpusim *sim)
{
	struct gpusim_vgpu_mgr *m = gs_mgr(sim);
	u32 g, n = 0;

	for (g = 0; m && g < GPUSIM_MAX_VFS; g++)
		if (m->vg[g].st.stage != GPUSIM_VGPU_NONE)
			n++;
	return n;
}

u32 gpusim_vgpu_types_added(struct gpusim *sim)
{
	struct gpusim_vgpu_mgr *m = gs_mgr(sim);

	return m ? m->ntypes : 0;
}

/* The guest's pattern: the GFID in every byte's high nibble, never 0. */
static void gs_pattern(u8 *page, u32 len, u32 gfid, u64 fb_off)
{
	u32 i;

	for (i = 0; i < len; i++)
		page[i] = (u8)(0x80 | (gfid & 0x1f) << 2 | ((fb_off + i) >> 12 & 3));
}

int gpusim_vgpu_guest_write(struct gpusim *sim, u32 gfid)
{
	struct gpusim_vgpu_mgr *m = gs_mgr(sim);
	struct gs_vgpu_layout l;
	struct gs_vgpu *v;
	u8 page[4096];
	u32 s, k;

	if (!m || !gfid || gfid > GPUSIM_MAX_VFS || !gs_layout(m, &l))
		return -EINVAL;
	v = &m->vg[gfid - 1];
	if (v->st.stage != GPUSIM_VGPU_BOOTLOADED && v->st.stage != GPUSIM_VGPU_CONFIGURED)
		return -EINVAL;
	for (s = 0; s < v->st.nr_segments; s++) {
		u64 a = v->st.seg_addr[s], len = v->st.seg_len[s];
		u64 at[3] = { a, a + (len / 2 & ~0xfffull), a + len - sizeof(page) };

		for (k = 0; k < 3; k++) {
			gs_pattern(page, sizeof(page), gfid, at[k]);
			gpusim_vram_write(sim, at[k], page, sizeof(page));
		}
	}
	/* The heap past the regions the host reads: the plugin's own heap. */
	if (v->ctrl + l.end + sizeof(page) <= v->st.heap_addr + v->st.heap_len) {
		gs_pattern(page, sizeof(page), gfid, v->ctrl + l.end);
		gpusim_vram_write(sim, v->ctrl + l.end, page, sizeof(page));
	}
	v->st.guest_ran = true;
	return 0;
}

bool gpusim_vgpu_find_nonzero(struct gpusim *sim, const struct gpusim_vgpu_state *st,
			      u64 *where)
{
	u32 s;

	for (s = 0; s < st->nr_segments && s < GPUSIM_VGPU_MAX_SEGMENTS; s++)
		if (gpusim_vram_find_nonzero(sim, st->seg_addr[s], st->seg_len[s], where))
			return true;
	return st->heap_len && gpusim_vram_find_nonzero(sim, st->heap_addr, st->heap_len, where);
}

int gpusim_vgpu_fault(struct gpusim *sim, u32 gfid, enum gpusim_vgpu_fault kind, u32 arg)
{
	struct gpusim_vgpu_mgr *m = gs_mgr(sim);

	if (!m || (unsigned int)kind >= GPUSIM_VGPU_NR_FAULTS || gfid > GPUSIM_MAX_VFS)
		return -EINVAL;
	m->faults[kind] = (struct gs_vgpu_fault){ .armed = true, .gfid = gfid, .arg = arg };
	return 0;
}

const char *gpusim_vgpu_error(struct gpusim *sim)
{
	struct gpusim_vgpu_mgr *m = gs_mgr(sim);

	return m ? m->error : "";
}

void gpusim_vgpu_error_clear(struct gpusim *sim)
{
	struct gpusim_vgpu_mgr *m = gs_mgr(sim);

	if (m)
		m->error[0] = '\0';
}

void gpusim_vgpu_get_stats(struct gpusim *sim, struct gpusim_vgpu_stats *st)
{
	struct gpusim_vgpu_mgr *m = gs_mgr(sim);

	memset(st, 0, sizeof(*st));
	if (m)
		*st = m->stats;
}
