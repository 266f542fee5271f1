// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_rm.c - gpusim's model of GSP-RM's behaviour for releases 535.113.01
 * and 570.144: the libos arguments and RMARGS it reads at start, the init
 * flow over the queues (GSP_SET_SYSTEM_INFO, SET_REGISTRY, a CPU sequencer
 * script, GSP_INIT_DONE), static info, an RM object table with alloc, free
 * and control, unload, and injected faults.
 *
 * Every number, layout and size comes from the bound release's ABI table;
 * the transport is gpusim_msgq.c. Nothing here includes the driver's GSP or
 * RM layers (src/transport, src/rm): this is the other side of their protocol.
 *
 * DOC: GSP-RM as the model plays it (guesses cite their source)
 *
 *  - Start: the libos arguments page is an array of
 *    LibosMemoryRegionInitArgument ended by an id8 of 0; LOGINIT, LOGINTR,
 *    LOGRM and RMARGS must each be there once (other ids are ignored), kind
 *    contiguous, location sysmem (nouveau r535 gsp.c r535_gsp_libos_init()).
 *    Log buffers are 64 KiB; their first u64 is the put pointer (a u64 index,
 *    0 = empty) and their own PTEs follow, which GSP-RM requires to describe
 *    a contiguous buffer (nouveau create_pte_array()). The model writes plain
 *    text records after the PTEs, where real GSP-RM writes encoded records
 *    that only the image's .logging sections decode.
 *  - GSP_SET_SYSTEM_INFO and SET_REGISTRY get no reply (nouveau sends both
 *    with NVKM_GSP_RPC_REPLY_NOWAIT and would log any reply as unexpected).
 *    After both, GSP-RM sends RUN_CPU_SEQUENCER with a script (REG_WRITE of
 *    a scratch register, REG_POLL of it, DELAY_US, REG_STORE); cmdIndex
 *    counts the script's dwords (nouveau r535_gsp_msg_run_cpu_sequencer()).
 *    Once the driver has read it and the register holds the value, GSP-RM
 *    sends GSP_INIT_DONE (no payload). Before that, commands other than the
 *    two init ones stay in the queue, unanswered.
 *  - Replies have the command's function, echo its RPC sequence (guess:
 *    open-gpu-kernel-modules rpcRecvPoll() waits for the function and
 *    sequence it sent) and rpc_result NV_OK; RM_ALLOC, FREE and RM_CONTROL
 *    report the call's own status in their payload's status field, as
 *    nouveau r535 alloc.c and ctrl push read it, and echo the parameters.
 *    A function the model does not serve gets rpc_result NOT_SUPPORTED.
 *  - The object table follows resserv's rules: a client (NV01_ROOT or
 *    NV01_ROOT_CLIENT) has hObject == hClient and hParent hClient or 0
 *    (nouveau r535 client.c); handle 0 or the client's own handle is
 *    INVALID_OBJECT_HANDLE (rs_client.c clientValidateNewResourceHandle());
 *    a live handle is refused with INSUFFICIENT_RESOURCES (resserv says
 *    NV_ERR_INSERT_DUPLICATE_NAME, which the ABI tables do not name); a
 *    device's parent is its client, a subdevice's a device, any other class
 *    needs a live parent (else INVALID_OBJECT_PARENT); freeing an object
 *    frees its descendants, freeing the client frees all of them.
 *  - NV2080_CTRL_CMD_INTERNAL_INTR_GET_KERNEL_TABLE is served on the internal
 *    client and subdevice static info names, where nouveau's
 *    r535_gsp_intr_get_table() makes it; on any other live object it gets
 *    INVALID_OBJECT_HANDLE (a guess: real GSP-RM refuses an internal control
 *    from another client, with a status no public source names). Its
 *    paramsSize must be the release's sizeof(..._PARAMS), as resserv's
 *    resControlLookup() demands (NV_ERR_INVALID_PARAM_STRUCT otherwise; the
 *    model also records the driver's mistake). The reply's table lists the
 *    PMU (MC_ENGINE_IDX 14), the first engine of GSP-RM's engine list, the
 *    GSP (release parameter intr.engine_idx.gsp), the list's other engines
 *    (gpusim_rm_fifo.c: GR0, CEn, NVDECn, SEC2 by their release's
 *    intr.engine_idx.* parameters; CE0 and CE1, MC_ENGINE_IDX 15 and 16, on
 *    a chip whose PTOP the model leaves empty) and, on a chip with a
 *    display, the display (intr.engine_idx.disp: nouveau r535 disp.c asks
 *    for its stall vector); the GSP not first so that a driver must look
 *    for it. The GSP's stall vector is the one the hardware model routes
 *    SWGEN0 to. The other vectors (engine k of the list: the GSP's vector
 *    plus 40 + k stall, 104 + k nonstall; the display 20 and 84), the
 *    nonstall ones and pmcIntrMask 0 are guesses (GSP-RM's real table is
 *    not public; nouveau reads only engineIdx and the two vectors);
 *    subtreeMap is left 0 (nouveau does not read it). The engine list's
 *    controls (FIFO_GET_DEVICE_INFO_TABLE and others) are gpusim_rm_fifo.c's,
 *    the display's gpusim_rm_disp.c's.
 *  - Large messages: a command whose payload says it is longer than its
 *    first element (GSP_RM_CONTROL, GSP_RM_ALLOC by paramsSize, SET_REGISTRY
 *    by size) is reassembled from the CONTINUATION_RECORD elements that
 *    follow; control replies echo the parameters, so a large control's
 *    reply travels in continuation records too.
 *  - Faults keyed on a control (gpusim_fault_on_control(), a test facility,
 *    not firmware behaviour): dormant until a GSP_RM_CONTROL of the given
 *    command arrives (after a reassembly, before its parameters are looked
 *    at), then armed as the plain fault would have been just before that
 *    RPC. A device that drops off the bus at once cannot write the reply
 *    into host memory, so that control goes unanswered. A keyed ERROR_LOG
 *    sends its events 20 ms after the control's reply, as unsolicited
 *    events that arrive while no call waits (the plain fault sends them
 *    right behind the reply).
 *  - The vGPU manager's controls (PGPU_ADD_VGPU_TYPE, BOOTLOAD/SHUTDOWN of
 *    a plugin task, VGPU_PLUGIN_CLEANUP, GET_ENGINES_V2), the plugin tasks
 *    the ticks run, and GPUACCT_PERFMON_UTIL_SAMPLES every second of a
 *    GSP-RM booted with RMSetSriovMode = 1 are gpusim_vgpu.c's
 *    (Documentation/gpusim-vgpu.rst). Freeing an RM client tears down the
 *    plugin it bootloaded.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpusim_msgq.h"
#include "gpusim_vgpu.h"

/* LibosMemoryRegionKind / LibosMemoryRegionLoc (libos_init_args.h, as
 * nouveau r535 gsp.c uses them). */
#define RM_LIBOS_KIND_CONTIGUOUS	1u
#define RM_LIBOS_LOC_SYSMEM		1u
#define RM_LOG_SIZE			0x10000u
#define RM_LOG_PAGE			0x1000u

/* NV_PBUS_SW_SCRATCH(0x3f) (Documentation/hardware.rst): a scratch register no boot step
 * uses (FWSEC reports in 0xe and 0x15), which the hardware model stores. */
#define GPUSIM_RM_SEQ_SCRATCH		(0x001400u + 4u * 0x3fu)
#define GPUSIM_RM_SEQ_VALUE		0x5e9c0de5u
#define GPUSIM_RM_SEQ_POLL_US		1000u
#define GPUSIM_RM_SEQ_DELAY_US		10u
#define GPUSIM_RM_SEQ_OPS		4u
/* How long the driver may take to run the script after reading it. */
#define GPUSIM_RM_SEQ_GRACE_NS		(1000ull * 1000 * 1000)

/* REGISTRY_TABLE_ENTRY_TYPE_* (nouveau r535 gsp.c enum registry_type). */
#define RM_REG_BINARY			2u
#define RM_REG_STRING			3u

/* NV_GSP_MSG_EVENT_UCODE_LIBOS_CLASS_PMU (nouveau r535 gsp.c). */
#define RM_LIBOS_CLASS_PMU		0xf3d722u
/* Xid 13, a graphics engine exception, for the injected error log. */
#define RM_ERROR_LOG_XID		13u

/* The internal client, device and subdevice GSP-RM reports in static info
 * (values are the model's own). */
#define RM_INTERNAL_CLIENT		0xc1e00001u
#define RM_INTERNAL_DEVICE		0xde1ce001u
#define RM_INTERNAL_SUBDEVICE		0x5bde1001u

#define RM_MAX_OBJECTS			256u
#define RM_MAX_MESSAGE			(1u << 20)
/* The segment size the vGPU model checks guest FB against (gpusim_vgpu.h). */
#define RM_VMMU_SEGMENT_SIZE		GPUSIM_VMMU_SEGMENT_SIZE

/* MC_ENGINE_IDX_* that are the same in 535.113.01 and 570.144
 * (kernel/gpu/intr/engine_idx.h); the GSP's comes from the ABI table. */
#define RM_ENGINE_IDX_PMU		14u
#define RM_ENGINE_IDX_CE0		15u
#define RM_ENGINE_IDX_CE1		16u
/* The interrupt table's other vectors: the GSP's stall vector plus these,
 * modulo the tree's 256 vectors (the model's own, all different). */
#define RM_INTR_GSP_NONSTALL		64u
#define RM_INTR_PMU_STALL		17u
#define RM_INTR_PMU_NONSTALL		81u
#define RM_INTR_DISP_STALL		20u
#define RM_INTR_DISP_NONSTALL		84u
#define RM_INTR_ENG_STALL		40u
#define RM_INTR_ENG_NONSTALL		104u
#define RM_INTR_NR_VECTORS		256u
/* GPUSIM_FAULT_INTR_WILD_VECTOR's stall vector when its argument is 0. */
#define RM_INTR_WILD_VECTOR		0x1000u
#define RM_INTR_PARAMS			"NV2080_CTRL_INTERNAL_INTR_GET_KERNEL_TABLE_PARAMS"
/* A keyed ERROR_LOG's events follow its control's reply this much later. */
#define RM_CTRL_ERRLOG_DELAY_NS		(20ull * 1000 * 1000)

enum rm_log_id { RM_LOGINIT, RM_LOGINTR, RM_LOGRM, RM_NR_LOGS };

enum rm_state {
	RM_OFF,		/* not started */
	RM_BOOTING,	/* waiting for SET_SYSTEM_INFO and SET_REGISTRY */
	RM_SEQ_WAIT,	/* sequencer sent, waiting for its effect */
	RM_NO_INIT,	/* NO_INIT_DONE fault: stuck before INIT_DONE */
	RM_READY,	/* INIT_DONE sent, serving RPCs */
	RM_UNLOADED,	/* UNLOADING_GUEST_DRIVER done */
	RM_DEAD,	/* crashed, or the driver's structures were refused */
};

/**
 * struct rm_log - one libos log buffer.
 * @pa: its bus address (contiguous, checked at start).
 * @pages: its size in 4 KiB pages.
 * @put: the put pointer (u64 index of the next record).
 */
struct rm_log {
	u64 pa;
	u32 pages;
	u64 put;
};

/**
 * struct rm_obj - one RM object.
 * @client: its client's handle.
 * @handle: its handle (== @client for the client itself).
 * @parent: its parent's handle (0 for a client).
 * @cls: its class (enum nvgsp_abi_class).
 * @internal: one of GSP-RM's own (not counted in stats).
 */
struct rm_obj {
	u32 client;
	u32 handle;
	u32 parent;
	u32 cls;
	bool internal;
};

/**
 * struct rm_ctrl_fault - a fault keyed on an RM control
 * (gpusim_fault_on_control()).
 * @armed: waiting for its control.
 * @ctrl: the control's symbolic id (enum nvgsp_abi_ctrl).
 * @skip: controls of @ctrl still to serve before it fires.
 * @arg: the fault's argument when it fires.
 */
struct rm_ctrl_fault {
	bool armed;
	u32 ctrl;
	u32 skip;
	u32 arg;
};

/**
 * struct gpusim_rm - the GSP-RM model.
 * @sim: the hardware model.
 * @abi: the release.
 * @info: the facts it reports and checks; strings copied to @chip and
 *        @sig_family.
 * @chip: chip name.
 * @sig_family: signature family.
 * @state: where the init flow is.
 * @q: the queues.
 * @logs: the log buffers.
 * @got_sysinfo: GSP_SET_SYSTEM_INFO was received.
 * @got_registry: SET_REGISTRY was received.
 * @vf_total: gspVFInfo.totalVFs of GSP_SET_SYSTEM_INFO.
 * @sriov_mode: SET_REGISTRY's RMSetSriovMode DWORD (0 when absent).
 * @seq_written: the sequencer's REG_WRITE landed (gpusim_rm_reg_written()).
 * @seq_read_ns: when the driver was first seen to have read the script.
 * @now_ns: the last tick's time.
 * @silent: RPC_TIMEOUT fired: nothing is processed any more.
 * @asm_active: a large command is being reassembled.
 * @asm_fn: its function.
 * @asm_seq: its RPC sequence.
 * @asm_len: bytes gathered.
 * @asm_want: bytes its payload announced.
 * @asm_buf: the bytes.
 * @objs: the object table.
 * @nobjs: entries in use.
 * @boots: starts accepted.
 * @rpcs: commands processed.
 * @events: events sent.
 * @seq_ops: sequencer opcodes whose effect was seen.
 * @unloaded: UNLOADING_GUEST_DRIVER was served since the last start.
 * @unloads: UNLOADING_GUEST_DRIVER served, over every start.
 * @unload_args: the last one's arguments (bInPMTransition, newLevel).
 * @ctrl_faults: faults keyed on an RM control, per kind (kept across starts).
 * @errlog_due_ns: when a keyed ERROR_LOG's events are due (0: none).
 * @errlog_fn: the RPC function they name.
 * @vgpu: the vGPU side (gpusim_vgpu.c).
 */
struct gpusim_rm {
	struct gpusim *sim;
	const struct nvgsp_abi *abi;
	struct gpusim_rm_info info;
	char chip[16];
	char sig_family[16];
	enum rm_state state;
	struct gpusim_msgq q;
	struct rm_log logs[RM_NR_LOGS];
	bool got_sysinfo;
	bool got_registry;
	u32 vf_total;
	u32 sriov_mode;
	bool seq_written;
	u64 seq_read_ns;
	u64 now_ns;
	bool silent;
	bool asm_active;
	u32 asm_fn;
	u32 asm_seq;
	u32 asm_len;
	u32 asm_want;
	u8 *asm_buf;
	struct rm_obj objs[RM_MAX_OBJECTS];
	u32 nobjs;
	u32 boots;
	u32 init_done;
	u32 rpcs;
	u32 events;
	u32 seq_ops;
	bool unloaded;
	u32 unloads;
	struct nvgsp_abi_unloading_guest_driver unload_args;
	struct rm_ctrl_fault ctrl_faults[GPUSIM_NR_FAULTS];
	u64 errlog_due_ns;
	u32 errlog_fn;
	struct gpusim_vgpu_mgr *vgpu;
	struct gpusim_rm_disp disp;
	u64 bar_pde[2];
	u8 bar_pde_shift[2];
	u32 bar_pde_updates;
};

static const char *const rm_region_names[] = { "LOGINIT", "LOGINTR", "LOGRM", "RMARGS" };

/* ---- small helpers ---- */

/* nouveau r535 gsp.c r535_gsp_libos_id8(): the name's bytes, first in the
 * most significant position. */
static u64 rm_id8(const char *name)
{
	u64 id = 0;
	int i;

	for (i = 0; i < 8 && name[i]; i++)
		id = (id << 8) | (u8)name[i];
	return id;
}

static u32 rm_status(const struct gpusim_rm *rm, enum nvgsp_abi_status id)
{
	u32 n;

	if (nvgsp_abi_status_number(rm->abi, id, &n))
		return 0xffff;	/* NV_ERR_GENERIC */
	return n;
}

static u32 rm_rpc_num(const struct gpusim_rm *rm, enum nvgsp_abi_rpc id)
{
	u32 n;

	return nvgsp_abi_rpc_number(rm->abi, id, &n) ? 0xffffffffu : n;
}

/* A member's offset in a wire struct, from the ABI metadata. */
static u32 rm_field_off(const struct gpusim_rm *rm, const char *wire, const char *field,
			u32 fallback)
{
	const struct nvgsp_abi_struct *st = nvgsp_abi_find_struct(rm->abi, wire);
	u32 i;

	if (!st)
		return fallback;
	for (i = 0; i < st->nr_fields; i++)
		if (!strcmp(st->fields[i].name, field))
			return st->fields[i].offset;
	return fallback;
}

static u32 rm_codec_params_off(const struct gpusim_rm *rm, enum nvgsp_abi_codec_id codec)
{
	const char *wire = rm->abi->codecs[codec].wire;
	u32 size = nvgsp_abi_codec_size(rm->abi, codec);

	return wire ? rm_field_off(rm, wire, "params", size) : size;
}

static const char *rm_rpc_name(const struct gpusim_rm *rm, u32 number)
{
	u32 id;

	if (nvgsp_abi_rpc_id(rm->abi, number, &id))
		return "?";
	return nvgsp_abi_id_name(NVGSP_ABI_GROUP_RPC, id);
}

/* The driver handed something wrong: record it and stop answering. */
static void __printf(2, 3) rm_refuse(struct gpusim_rm *rm, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	gpusim_hw_fail(rm->sim, "%s", msg);
	rm->state = RM_DEAD;
}

/* ---- log buffers ---- */

static void rm_log_write(struct gpusim_rm *rm, enum rm_log_id which, const char *text)
{
	struct rm_log *l = &rm->logs[which];
	size_t n = strlen(text) + 1, padded = (n + 7) & ~(size_t)7;
	u64 first = 1 + l->pages;
	u8 *p, *head;

	if (!l->pa)
		return;
	if (l->put < first)
		l->put = first;
	if ((l->put * 8) + padded > (u64)l->pages * RM_LOG_PAGE)
		return;	/* full: GSP-RM's ring would wrap; the model stops */
	p = gpusim_hw_dma(rm->sim, l->pa + l->put * 8, padded, rm_region_names[which]);
	head = gpusim_hw_dma(rm->sim, l->pa, 8, rm_region_names[which]);
	if (!p || !head)
		return;
	memset(p, 0, padded);
	memcpy(p, text, n);
	l->put += padded / 8;
	put_unaligned_le64(l->put, head);
}

/* ---- start: libos arguments and RMARGS ---- */

static int rm_check_log(struct gpusim_rm *rm, enum rm_log_id which,
			const struct nvgsp_abi_libos_region *r)
{
	const char *name = rm_region_names[which];
	u32 pages = RM_LOG_SIZE / RM_LOG_PAGE, i;
	u8 *ptes;

	if (r->size != RM_LOG_SIZE) {
		rm_refuse(rm, "libos region %s: size 0x%llx, expected 0x%x",
			  name, r->size, RM_LOG_SIZE);
		return -EINVAL;
	}
	ptes = gpusim_hw_dma(rm->sim, r->pa, 8 + 8 * pages, name);
	if (!ptes) {
		rm->state = RM_DEAD;
		return -EFAULT;
	}
	for (i = 0; i < pages; i++) {
		u64 pte = get_unaligned_le64(ptes + 8 + 8 * i), want = r->pa + (u64)i * RM_LOG_PAGE;

		if (pte != want) {
			rm_refuse(rm, "libos region %s: PTE %u is 0x%llx, expected 0x%llx (the buffer's own page %u)",
				  name, i, pte, want, i);
			return -EINVAL;
		}
	}
	rm->logs[which].pa = r->pa;
	rm->logs[which].pages = pages;
	rm->logs[which].put = get_unaligned_le64(ptes);
	return 0;
}

static int rm_read_rmargs(struct gpusim_rm *rm, const struct nvgsp_abi_libos_region *r,
			  struct nvgsp_abi_gsp_args *args)
{
	u32 n = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_GSP_ARGS);
	u8 *p;

	if (r->size < n) {
		rm_refuse(rm, "libos region RMARGS: size 0x%llx, GSP_ARGUMENTS_CACHED needs 0x%x",
			  r->size, n);
		return -EINVAL;
	}
	p = gpusim_hw_dma(rm->sim, r->pa, n, "RMARGS");
	if (!p) {
		rm->state = RM_DEAD;
		return -EFAULT;
	}
	return nvgsp_abi_decode_gsp_args(rm->abi, args, p, n) < 0 ? -EINVAL : 0;
}

static int rm_read_libos(struct gpusim_rm *rm, u64 libos_addr, struct nvgsp_abi_gsp_args *args)
{
	struct nvgsp_abi_libos_region regions[4];
	u32 esz = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_LIBOS_REGION);
	bool seen[4] = { false };
	u32 i, k;
	u8 *page;
	int ret;

	if (!libos_addr || libos_addr % RM_LOG_PAGE) {
		rm_refuse(rm, "libos arguments address 0x%llx is not a 4 KiB-aligned page",
			  libos_addr);
		return -EINVAL;
	}
	page = gpusim_hw_dma(rm->sim, libos_addr, RM_LOG_PAGE, "libos arguments");
	if (!page || !esz) {
		rm->state = RM_DEAD;
		return -EFAULT;
	}
	for (i = 0; i < RM_LOG_PAGE / esz; i++) {
		struct nvgsp_abi_libos_region r;

		nvgsp_abi_decode_libos_region(rm->abi, &r, page + i * esz, esz);
		if (!r.id8)
			break;
		for (k = 0; k < 4; k++)
			if (r.id8 == rm_id8(rm_region_names[k]))
				break;
		if (k == 4)
			continue;	/* a region this model does not use */
		if (seen[k]) {
			rm_refuse(rm, "libos arguments: entry %u names %s again", i,
				  rm_region_names[k]);
			return -EINVAL;
		}
		if (r.kind != RM_LIBOS_KIND_CONTIGUOUS) {
			rm_refuse(rm, "libos region %s: kind %u, expected %u (contiguous)",
				  rm_region_names[k], r.kind, RM_LIBOS_KIND_CONTIGUOUS);
			return -EINVAL;
		}
		if (r.loc != RM_LIBOS_LOC_SYSMEM) {
			rm_refuse(rm, "libos region %s: loc %u, expected %u (sysmem)",
				  rm_region_names[k], r.loc, RM_LIBOS_LOC_SYSMEM);
			return -EINVAL;
		}
		if (!r.pa || r.pa % RM_LOG_PAGE) {
			rm_refuse(rm, "libos region %s: pa 0x%llx is not a 4 KiB-aligned address",
				  rm_region_names[k], r.pa);
			return -EINVAL;
		}
		seen[k] = true;
		regions[k] = r;
	}
	for (k = 0; k < 4; k++) {
		if (!seen[k]) {
			rm_refuse(rm, "libos arguments: no %s region (id8 0x%016llx)",
				  rm_region_names[k], rm_id8(rm_region_names[k]));
			return -EINVAL;
		}
	}
	for (k = RM_LOGINIT; k < RM_NR_LOGS; k++) {
		ret = rm_check_log(rm, k, &regions[k]);
		if (ret)
			return ret;
	}
	return rm_read_rmargs(rm, &regions[3], args);
}

/* ---- sending ---- */

static void rm_send(struct gpusim_rm *rm, u32 function, u32 result, u32 sequence,
		    const void *payload, u32 len)
{
	if (gpusim_msgq_send(&rm->q, function, result, sequence, payload, len))
		rm->state = RM_DEAD;
}

static void rm_event(struct gpusim_rm *rm, enum nvgsp_abi_event id, const void *payload,
		     u32 len)
{
	u32 n;

	if (nvgsp_abi_event_number(rm->abi, id, &n)) {
		gpusim_hw_fail(rm->sim, "ABI table %s has no event %s", rm->abi->release,
			       nvgsp_abi_id_name(NVGSP_ABI_GROUP_EVENT, id));
		rm->state = RM_DEAD;
		return;
	}
	rm->events++;
	rm_send(rm, n, rm_status(rm, NVGSP_ABI_STATUS_OK), 0, payload, len);
}

static void rm_reply(struct gpusim_rm *rm, u32 function, enum nvgsp_abi_status status,
		     u32 sequence, const void *payload, u32 len)
{
	rm_send(rm, function, rm_status(rm, status), sequence, payload, len);
}

/* ---- the init flow ---- */

static void rm_send_sequencer(struct gpusim_rm *rm)
{
	struct nvgsp_abi_sequencer hdr = { 0 };
	u32 hsz = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_SEQUENCER);
	u32 off = rm_field_off(rm, rm->abi->codecs[NVGSP_ABI_CODEC_SEQUENCER].wire ?
			       rm->abi->codecs[NVGSP_ABI_CODEC_SEQUENCER].wire : "",
			       "commandBuffer", hsz);
	u32 op_wr, op_poll, op_delay, op_store, words[16], n = 0, i;
	u8 buf[256];

	if (nvgsp_abi_seqop_number(rm->abi, NVGSP_ABI_SEQOP_REG_WRITE, &op_wr) ||
	    nvgsp_abi_seqop_number(rm->abi, NVGSP_ABI_SEQOP_REG_POLL, &op_poll) ||
	    nvgsp_abi_seqop_number(rm->abi, NVGSP_ABI_SEQOP_DELAY_US, &op_delay) ||
	    nvgsp_abi_seqop_number(rm->abi, NVGSP_ABI_SEQOP_REG_STORE, &op_store) ||
	    off + sizeof(words) > sizeof(buf)) {
		gpusim_hw_fail(rm->sim, "ABI table %s lacks the sequencer opcodes", rm->abi->release);
		rm->state = RM_DEAD;
		return;
	}
	/* GSP_SEQ_BUF_PAYLOAD_REG_WRITE {addr, val} */
	words[n++] = op_wr;
	words[n++] = GPUSIM_RM_SEQ_SCRATCH;
	words[n++] = GPUSIM_RM_SEQ_VALUE;
	/* GSP_SEQ_BUF_PAYLOAD_REG_POLL {addr, mask, val, timeout, error} */
	words[n++] = op_poll;
	words[n++] = GPUSIM_RM_SEQ_SCRATCH;
	words[n++] = 0xffffffffu;
	words[n++] = GPUSIM_RM_SEQ_VALUE;
	words[n++] = GPUSIM_RM_SEQ_POLL_US;
	words[n++] = 0;
	/* GSP_SEQ_BUF_PAYLOAD_DELAY_US {val} */
	words[n++] = op_delay;
	words[n++] = GPUSIM_RM_SEQ_DELAY_US;
	/* GSP_SEQ_BUF_PAYLOAD_REG_STORE {addr, index} */
	words[n++] = op_store;
	words[n++] = GPUSIM_RM_SEQ_SCRATCH;
	words[n++] = 0;

	memset(buf, 0, sizeof(buf));
	hdr.buffer_size_dword = n;
	hdr.cmd_index = n;
	nvgsp_abi_encode_sequencer(rm->abi, &hdr, buf, hsz);
	for (i = 0; i < n; i++)
		put_unaligned_le32(words[i], buf + off + 4 * i);
	rm->seq_written = false;
	rm->seq_read_ns = 0;
	rm->state = RM_SEQ_WAIT;
	rm_event(rm, NVGSP_ABI_EVENT_GSP_RUN_CPU_SEQUENCER, buf, off + 4 * n);
}

/*
 * In RM_SEQ_WAIT: once the driver has read the script and its effect is
 * there, send INIT_DONE. @cmd_waiting: the driver queued another command,
 * so it has moved on; the effect must be there by now.
 */
static void rm_check_sequencer(struct gpusim_rm *rm, bool cmd_waiting)
{
	u32 v;

	if (rm->state != RM_SEQ_WAIT || !gpusim_msgq_drained(&rm->q))
		return;
	v = gpusim_hw_rd32(rm->sim, GPUSIM_RM_SEQ_SCRATCH);
	if (!rm->seq_written && v != GPUSIM_RM_SEQ_VALUE) {
		if (!rm->seq_read_ns)
			rm->seq_read_ns = rm->now_ns ? rm->now_ns : 1;
		if (cmd_waiting || rm->now_ns - rm->seq_read_ns > GPUSIM_RM_SEQ_GRACE_NS)
			rm_refuse(rm, "RUN_CPU_SEQUENCER: the driver read the script but register 0x%06x reads 0x%08x, not the 0x%08x its REG_WRITE asked for",
				  GPUSIM_RM_SEQ_SCRATCH, v, GPUSIM_RM_SEQ_VALUE);
		return;
	}
	rm->seq_ops += GPUSIM_RM_SEQ_OPS;
	if (gpusim_hw_fault(rm->sim, GPUSIM_FAULT_NO_INIT_DONE, NULL)) {
		rm->state = RM_NO_INIT;
		return;
	}
	rm->state = RM_READY;
	rm->init_done++;
	/* GSP-RM's BAR root directories start empty (gpusim_rm_bar_root()) */
	gpusim_vram_set(rm->sim, gpusim_rm_bar_root(rm, 1), 0, 0x2000);
	rm_event(rm, NVGSP_ABI_EVENT_GSP_INIT_DONE, NULL, 0);
}

/*
 * DOC: booted for vGPU, as the model's GSP-RM checks it
 *
 * NVIDIA's kernel RM boots GSP-RM for vGPU with three things together:
 * GspFwWprMeta.gspFwHeapVfPartitionCount = MAX_PARTITIONS_WITH_GFID and the
 * fixed vGPU heap (checked with the meta, gpusim_wpr.c), the registry key
 * RMSetSriovMode = 1, and gspVFInfo from the PF's SR-IOV capability
 * (Documentation/vgpu-boot.rst). The model refuses any one without the
 * others it needs: RMSetSriovMode only with totalVFs > 0 and VF partitions,
 * VF partitions only with RMSetSriovMode. gspVFInfo without either stays
 * valid (a board with SR-IOV booted with nvgsp.vgpu=off). A guess: no
 * public source says what the firmware does with a mismatch; refusing it
 * keeps the driver honest.
 */
static bool rm_vgpu_consistent(struct gpusim_rm *rm)
{
	u8 parts = gpusim_hw_wpr_vf_partitions(rm->sim);

	if (rm->sriov_mode > 1) {
		rm_refuse(rm, "SET_REGISTRY: RMSetSriovMode is %u, expected 0 or 1", rm->sriov_mode);
		return false;
	}
	if (rm->sriov_mode && !rm->vf_total) {
		rm_refuse(rm, "SET_REGISTRY: RMSetSriovMode is 1 but gspVFInfo.totalVFs is 0");
		return false;
	}
	if (!rm->sriov_mode != !parts) {
		rm_refuse(rm, "SET_REGISTRY: RMSetSriovMode is %u but GspFwWprMeta.gspFwHeapVfPartitionCount is %u",
			  rm->sriov_mode, parts);
		return false;
	}
	return true;
}

static void rm_maybe_sequencer(struct gpusim_rm *rm)
{
	if (rm->state == RM_BOOTING && rm->got_sysinfo && rm->got_registry &&
	    rm_vgpu_consistent(rm))
		rm_send_sequencer(rm);
}

static void rm_system_info(struct gpusim_rm *rm, const u8 *p, u32 len)
{
	struct nvgsp_abi_system_info si;
	u32 n = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_SYSTEM_INFO);
	/* nova-core gsp/fw commands: Turing, Ampere, Ada 0x088000; Hopper and
	 * Blackwell 0x092000 (nouveau gh100 pci NV_EP_PCFGM). Ada's
	 * architecture number (0x19) is above Hopper's (0x18): test by name. */
	u32 arch = rm->info.chipset >> 4;
	u32 mirror = arch == 0x18 || arch >= 0x1a ? 0x092000u : 0x088000u;
	char why[256];

	if (len < n) {
		rm_refuse(rm, "GSP_SET_SYSTEM_INFO: payload %u bytes, GspSystemInfo is %u", len, n);
		return;
	}
	nvgsp_abi_decode_system_info(rm->abi, &si, p, n);
	if (!si.gpu_phys_addr) {
		rm_refuse(rm, "GSP_SET_SYSTEM_INFO: gpuPhysAddr is 0 (it must be BAR0's address)");
		return;
	}
	if (si.pci_config_mirror_base != mirror) {
		rm_refuse(rm, "GSP_SET_SYSTEM_INFO: pciConfigMirrorBase 0x%x, chipset 0x%x has its PCI config mirror at 0x%x",
			  si.pci_config_mirror_base, rm->info.chipset, mirror);
		return;
	}
	if (si.pci_config_mirror_size != 0x1000) {
		rm_refuse(rm, "GSP_SET_SYSTEM_INFO: pciConfigMirrorSize 0x%x, expected 0x1000",
			  si.pci_config_mirror_size);
		return;
	}
	/* nova-core: PCIDeviceID = device << 16 | vendor (570 only). */
	if ((nvgsp_abi_codec_fields(rm->abi, NVGSP_ABI_CODEC_SYSTEM_INFO) &
	     NVGSP_ABI_SYSTEM_INFO_F_PCI_DEVICE_ID) &&
	    si.pci_device_id != ((u32)rm->info.device_id << 16 | 0x10de)) {
		rm_refuse(rm, "GSP_SET_SYSTEM_INFO: PCIDeviceID 0x%08x, expected 0x%08x (device 0x%04x << 16 | vendor 0x10de)",
			  si.pci_device_id, (u32)rm->info.device_id << 16 | 0x10de,
			  rm->info.device_id);
		return;
	}
	if (gpusim_hw_vf_info_check(rm->sim, &si, why, sizeof(why))) {
		rm_refuse(rm, "GSP_SET_SYSTEM_INFO: %s", why);
		return;
	}
	rm->vf_total = si.vf_total;
	rm->got_sysinfo = true;
}

static bool rm_cstr_in(const u8 *p, u32 from, u32 end)
{
	u32 i;

	for (i = from; i < end; i++)
		if (!p[i])
			return true;
	return false;
}

static void rm_registry(struct gpusim_rm *rm, const u8 *p, u32 len)
{
	struct nvgsp_abi_registry_table t;
	u32 hsz = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_REGISTRY_TABLE);
	u32 esz = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_REGISTRY_ENTRY);
	u32 eoff = rm_field_off(rm, "PACKED_REGISTRY_TABLE", "entries", hsz), strings, i;
	u64 dword_type = 1;

	nvgsp_abi_param(rm->abi, "registry.type_dword", &dword_type);
	if (len < hsz) {
		rm_refuse(rm, "SET_REGISTRY: payload %u bytes, shorter than PACKED_REGISTRY_TABLE's %u",
			  len, hsz);
		return;
	}
	nvgsp_abi_decode_registry_table(rm->abi, &t, p, hsz);
	if (t.size > len) {
		rm_refuse(rm, "SET_REGISTRY: size %u is larger than the payload (%u bytes)", t.size,
			  len);
		return;
	}
	if (t.num_entries > (t.size - eoff) / esz || t.size < eoff) {
		rm_refuse(rm, "SET_REGISTRY: numEntries %u do not fit in size %u", t.num_entries,
			  t.size);
		return;
	}
	strings = eoff + t.num_entries * esz;
	for (i = 0; i < t.num_entries; i++) {
		struct nvgsp_abi_registry_entry e;

		nvgsp_abi_decode_registry_entry(rm->abi, &e, p + eoff + i * esz, esz);
		if (e.name_offset < strings || e.name_offset >= t.size) {
			rm_refuse(rm, "SET_REGISTRY: entry %u nameOffset %u outside the strings (%u..%u)",
				  i, e.name_offset, strings, t.size);
			return;
		}
		if (!rm_cstr_in(p, e.name_offset, t.size)) {
			rm_refuse(rm, "SET_REGISTRY: entry %u name at %u is not NUL-terminated inside size %u",
				  i, e.name_offset, t.size);
			return;
		}
		if (!p[e.name_offset]) {
			rm_refuse(rm, "SET_REGISTRY: entry %u has an empty name", i);
			return;
		}
		if (e.type == dword_type) {
			if (!strcmp((const char *)p + e.name_offset, "RMSetSriovMode"))
				rm->sriov_mode = e.data;
			continue;
		}
		if (e.type != RM_REG_BINARY && e.type != RM_REG_STRING) {
			rm_refuse(rm, "SET_REGISTRY: entry %u (%s) type %u unknown", i,
				  (const char *)p + e.name_offset, e.type);
			return;
		}
		if (e.data < strings || e.data > t.size || e.length > t.size - e.data) {
			rm_refuse(rm, "SET_REGISTRY: entry %u (%s) data %u + length %u outside %u..%u",
				  i, (const char *)p + e.name_offset, e.data, e.length, strings,
				  t.size);
			return;
		}
		if (e.type == RM_REG_STRING && (!e.length || p[e.data + e.length - 1])) {
			rm_refuse(rm, "SET_REGISTRY: entry %u (%s) string value is not NUL-terminated",
				  i, (const char *)p + e.name_offset);
			return;
		}
	}
	rm->got_registry = true;
}

/* ---- static info ---- */

/*
 * DOC: FB regions in static info (a guess; sources below)
 *
 * GspStaticConfigInfo.fbRegionInfoParams lists the FB as regions {base,
 * limit (inclusive), reserved, performance, supportCompressed, supportISO,
 * bProtected}. Public sources say how drivers read it, not what GSP-RM
 * puts there: nouveau's r535 static-info parsing keeps the regions with
 * reserved == 0 and !bProtected (and compression and ISO support) as usable
 * VRAM, and computes the RM-reserved size as the gap from the last usable
 * region's limit + 1 to the GSP-RM heap in WPR2; nova-core's
 * first_usable_fb_region() takes the first region that is not reserved, not
 * protected and supports compression and ISO, and notes that GSP-reserved
 * memory (the BAR1 page directory, for one) lies above it. So the model
 * reports, for the booted layout (WPR2 as the booter or FSP set it):
 *  0. usable: 0 .. R - 1, reserved 0, performance 0xf, compressed and ISO
 *     supported, not protected;
 *  1. RM-reserved: R .. WPR2 start - 1, reserved = its size;
 *  2. protected: WPR2 start .. FB end - 1 (WPR2, FRTS and what FWSEC keeps
 *     above them), bProtected, reserved = its size;
 * where R is WPR2's start aligned down to 2 MiB less RM_FB_RSVD (64 MiB: a
 * guess; GSP-RM sizes its reservation internally and no public source gives
 * the figure). Without WPR2 set, the usable region ends where the driver's
 * FB layout would start carving (FB end less RM_FB_RSVD) and only region 1
 * follows. The performance value is a guess too (nouveau only prints it).
 */
#define RM_FB_RSVD	(64ull << 20)
#define RM_WPR2_ADDR_LO	0x1fa824u	/* 31:4 = addr >> 12 (gpusim_internal.h) */
#define RM_WPR2_ADDR_HI	0x1fa828u

/* WPR2's start (the FB end when unset) and the end of the usable region below it. */
static u64 rm_fb_usable_end(struct gpusim_rm *rm, u64 *wpr2_out)
{
	u32 lo = gpusim_hw_rd32(rm->sim, RM_WPR2_ADDR_LO);
	u32 hi = gpusim_hw_rd32(rm->sim, RM_WPR2_ADDR_HI);
	u64 fb = rm->info.fb_size, wpr2 = fb, usable_end;

	if (hi && ((u64)(lo >> 4) << 12) < fb)
		wpr2 = (u64)(lo >> 4) << 12;
	usable_end = wpr2 & ~((2ull << 20) - 1);
	usable_end = usable_end > 2 * RM_FB_RSVD ? usable_end - RM_FB_RSVD : usable_end / 2;
	if (wpr2_out)
		*wpr2_out = wpr2;
	return usable_end;
}

u64 gpusim_rm_usable_fb_end(struct gpusim_rm *rm)
{
	return rm_fb_usable_end(rm, NULL);
}

static void rm_fb_region(struct nvgsp_abi_fb_region *r, u64 base, u64 end, bool usable,
			 bool protect)
{
	memset(r, 0, sizeof(*r));
	r->base = base;
	r->limit = end - 1;
	if (usable) {
		r->performance = 0xf;
		r->support_compressed = true;
		r->support_iso = true;
	} else {
		r->reserved = end - base;
		r->protected = protect;
	}
}

/*
 * Add the FB regions to @buf, which holds the encoded static info: the
 * regions' codec writes fbRegion[i] whole; fb_region_info's codec writes the
 * whole prefix up to fbRegion (zeros but for numFBRegions), so it goes to
 * a scratch copy that is OR-ed in (the static_info codec maps nothing in
 * fbRegionInfoParams, so those bytes are zero in @buf).
 */
static int rm_static_fb_regions(struct gpusim_rm *rm, u8 *buf, u32 n)
{
	struct nvgsp_abi_fb_region_info info = { 0 };
	struct nvgsp_abi_fb_region r[3];
	u32 first = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_FB_REGION_INFO);
	u32 stride = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_FB_REGION);
	u64 fb = rm->info.fb_size, wpr2, usable_end;
	u8 *scratch;
	u32 i;
	int ret = 0;

	if (!first || !stride)
		return 0;	/* a release without FB region codecs: none */
	usable_end = rm_fb_usable_end(rm, &wpr2);
	rm_fb_region(&r[0], 0, usable_end, true, false);
	rm_fb_region(&r[1], usable_end, wpr2, false, false);
	info.fb_region_count = 2;
	if (wpr2 < fb) {
		rm_fb_region(&r[2], wpr2, fb, false, true);
		info.fb_region_count = 3;
	}
	if ((u64)first + (u64)stride * info.fb_region_count > n)
		return -EINVAL;
	for (i = 0; i < info.fb_region_count && ret >= 0; i++)
		ret = nvgsp_abi_encode_fb_region(rm->abi, &r[i], buf + first + i * stride, stride);
	if (ret < 0)
		return ret;
	scratch = calloc(1, first);
	if (!scratch)
		return -ENOMEM;
	ret = nvgsp_abi_encode_fb_region_info(rm->abi, &info, scratch, first);
	for (i = 0; ret >= 0 && i < first; i++)
		buf[i] |= scratch[i];
	free(scratch);
	return ret < 0 ? ret : 0;
}

/*
 * DOC: BAR page directories in static info (a guess; sources below)
 *
 * GspStaticConfigInfo.bar1PdeBase and bar2PdeBase are the FB addresses of
 * the root page directories GSP-RM keeps for BAR1 and BAR2: nouveau r535
 * bar.c maps its BAR1 VMM's top level at bar1PdeBase (r535_bar_bar1_init(),
 * nvkm_ram_wrap() of 4 KiB there) and flushes BAR2 with bar2PdeBase as the
 * PDB; nova-core's fb.rs says GSP-reserved memory, the BAR1 page directory
 * among it, lies above the first usable region. The model puts them in the
 * RM-reserved region of its FB regions (see above), at its first two 4 KiB
 * pages, which stay zero (empty directories) until a driver writes them.
 * The real addresses are GSP-RM's choice and not published.
 */
u64 gpusim_rm_bar_root(struct gpusim_rm *rm, unsigned int bar)
{
	if (rm->state != RM_READY || (bar != 1 && bar != 2))
		return 0;
	return rm_fb_usable_end(rm, NULL) + (bar - 1) * 0x1000ull;
}

static void rm_static_bar_pdes(struct gpusim_rm *rm, u8 *buf, u32 n)
{
	const char *wire = rm->abi->codecs[NVGSP_ABI_CODEC_STATIC_INFO].wire;
	u64 base = gpusim_rm_bar_root(rm, 1);
	u32 off1, off2;

	if (!wire)
		return;
	off1 = rm_field_off(rm, wire, "bar1PdeBase", n);
	off2 = rm_field_off(rm, wire, "bar2PdeBase", n);
	if (off1 + 8 <= n)
		put_unaligned_le64(base, buf + off1);
	if (off2 + 8 <= n)
		put_unaligned_le64(base + 0x1000, buf + off2);
}

static void rm_static_info(struct gpusim_rm *rm, u32 fn, u32 seq)
{
	struct nvgsp_abi_static_info si;
	u32 n = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_STATIC_INFO);
	char up[16];
	u8 *buf;
	size_t i;

	memset(&si, 0, sizeof(si));
	for (i = 0; i + 1 < sizeof(up) && rm->chip[i]; i++)
		up[i] = (char)(rm->chip[i] >= 'a' && rm->chip[i] <= 'z' ?
			       rm->chip[i] - 'a' + 'A' : rm->chip[i]);
	up[i] = '\0';
	snprintf((char *)si.gpu_name, sizeof(si.gpu_name), "NVIDIA %s (gpusim)", up);
	snprintf((char *)si.gpu_short_name, sizeof(si.gpu_short_name), "%s", up);
	si.fb_length = rm->info.fb_size;
	si.sriov_total_vfs = rm->info.sriov_total_vfs;
	if (rm->info.sriov_total_vfs) {
		/* The board's SR-IOV capability (gpusim_sriov.c). */
		si.sriov_first_vf_offset = rm->info.sriov_first_vf_offset;
		si.sriov_bar0_size = rm->info.sriov_vf_bar_size[0];
		si.sriov_bar1_size = rm->info.sriov_vf_bar_size[1];
		si.sriov_bar2_size = rm->info.sriov_vf_bar_size[2];
		si.sriov_max_gfid = rm->info.sriov_total_vfs;
	}
	si.vbios_valid = true;
	si.h_internal_client = RM_INTERNAL_CLIENT;
	si.h_internal_device = RM_INTERNAL_DEVICE;
	si.h_internal_subdevice = RM_INTERNAL_SUBDEVICE;
	buf = calloc(1, n ? n : 1);
	if (!buf) {
		rm->state = RM_DEAD;
		return;
	}
	if (nvgsp_abi_encode_static_info(rm->abi, &si, buf, n) < 0 ||
	    rm_static_fb_regions(rm, buf, n) < 0) {
		gpusim_hw_fail(rm->sim, "static info does not encode for %s", rm->abi->release);
		rm->state = RM_DEAD;
	} else {
		rm_static_bar_pdes(rm, buf, n);
		rm_reply(rm, fn, NVGSP_ABI_STATUS_OK, seq, buf, n);
	}
	free(buf);
}

/* ---- the object table ---- */

static struct rm_obj *rm_obj_find(struct gpusim_rm *rm, u32 client, u32 handle)
{
	u32 i;

	for (i = 0; i < rm->nobjs; i++)
		if (rm->objs[i].client == client && rm->objs[i].handle == handle)
			return &rm->objs[i];
	return NULL;
}

static void rm_obj_add(struct gpusim_rm *rm, u32 client, u32 handle, u32 parent, u32 cls,
		       bool internal)
{
	rm->objs[rm->nobjs++] = (struct rm_obj){
		.client = client, .handle = handle, .parent = parent, .cls = cls,
		.internal = internal,
	};
}

/* Free @handle of @client and, first, every object below it. */
static void rm_obj_free(struct gpusim_rm *rm, u32 client, u32 handle)
{
	u32 i = 0;

	while (i < rm->nobjs) {
		struct rm_obj *o = &rm->objs[i];

		if (o->client == client && o->parent == handle && o->handle != handle) {
			rm_obj_free(rm, client, o->handle);
			i = 0;	/* the table moved */
			continue;
		}
		i++;
	}
	for (i = 0; i < rm->nobjs; i++) {
		if (rm->objs[i].client == client && rm->objs[i].handle == handle) {
			rm->objs[i] = rm->objs[--rm->nobjs];
			return;
		}
	}
}

/*
 * The display's classes (a guess at resserv's rules; sources): a chip
 * without a display has no display class (INVALID_CLASS, as for a class
 * the GPU does not list); NVC670_DISPLAY is GA10x's root class only
 * (nouveau rm/ga1xx.c GA102_DISP; Turing has C570, AD10x C770:
 * rm/tu1xx.c, rm/ad10x.c); both hang off a device (nouveau r535 disp.c
 * allocates them on its device), else INVALID_OBJECT_PARENT.
 */
static enum nvgsp_abi_status rm_disp_class_check(struct gpusim_rm *rm, u32 cls,
						 const struct rm_obj *parent)
{
	if (!gpusim_hw_has_display(rm->sim))
		return NVGSP_ABI_STATUS_INVALID_CLASS;
	if (cls == NVGSP_ABI_CLASS_NVC670_DISPLAY &&
	    (rm->info.chipset < 0x172 || rm->info.chipset >= 0x180))
		return NVGSP_ABI_STATUS_INVALID_CLASS;
	if (parent->cls != NVGSP_ABI_CLASS_NV01_DEVICE_0)
		return NVGSP_ABI_STATUS_INVALID_OBJECT_PARENT;
	return NVGSP_ABI_STATUS_OK;
}

static enum nvgsp_abi_status rm_alloc_check(struct gpusim_rm *rm,
					    const struct nvgsp_abi_rm_alloc *a, u32 cls)
{
	struct rm_obj *parent;

	if (cls == NVGSP_ABI_CLASS_NV01_ROOT || cls == NVGSP_ABI_CLASS_NV01_ROOT_CLIENT) {
		if (!a->h_object || a->h_object != a->h_client)
			return NVGSP_ABI_STATUS_INVALID_OBJECT_HANDLE;
		if (a->h_parent && a->h_parent != a->h_client)
			return NVGSP_ABI_STATUS_INVALID_OBJECT_PARENT;
		if (rm_obj_find(rm, a->h_client, a->h_client))
			return NVGSP_ABI_STATUS_INSUFFICIENT_RESOURCES;
		return NVGSP_ABI_STATUS_OK;
	}
	if (!rm_obj_find(rm, a->h_client, a->h_client))
		return NVGSP_ABI_STATUS_INVALID_CLIENT;
	if (!a->h_object || a->h_object == a->h_client)
		return NVGSP_ABI_STATUS_INVALID_OBJECT_HANDLE;
	if (rm_obj_find(rm, a->h_client, a->h_object))
		return NVGSP_ABI_STATUS_INSUFFICIENT_RESOURCES;
	parent = rm_obj_find(rm, a->h_client, a->h_parent);
	if (!parent)
		return NVGSP_ABI_STATUS_INVALID_OBJECT_PARENT;
	if (cls == NVGSP_ABI_CLASS_NV01_DEVICE_0 && parent->handle != a->h_client)
		return NVGSP_ABI_STATUS_INVALID_OBJECT_PARENT;
	if (cls == NVGSP_ABI_CLASS_NV20_SUBDEVICE_0 && parent->cls != NVGSP_ABI_CLASS_NV01_DEVICE_0)
		return NVGSP_ABI_STATUS_INVALID_OBJECT_PARENT;
	if (cls == NVGSP_ABI_CLASS_NV04_DISPLAY_COMMON || cls == NVGSP_ABI_CLASS_NVC670_DISPLAY)
		return rm_disp_class_check(rm, cls, parent);
	return NVGSP_ABI_STATUS_OK;
}

static void rm_alloc(struct gpusim_rm *rm, u32 fn, u32 seq, u8 *p, u32 len)
{
	struct nvgsp_abi_rm_alloc a;
	u32 hsz = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_RM_ALLOC);
	u32 poff = rm_codec_params_off(rm, NVGSP_ABI_CODEC_RM_ALLOC), cls;
	enum nvgsp_abi_status st;

	if (len < hsz) {
		rm_refuse(rm, "GSP_RM_ALLOC: payload %u bytes, shorter than its %u-byte header", len,
			  hsz);
		return;
	}
	nvgsp_abi_decode_rm_alloc(rm->abi, &a, p, hsz);
	if (a.params_size > len - poff || len < poff) {
		rm_refuse(rm, "GSP_RM_ALLOC: paramsSize %u exceeds the %u bytes after the header",
			  a.params_size, len < poff ? 0 : len - poff);
		return;
	}
	if (nvgsp_abi_class_id(rm->abi, a.h_class, &cls)) {
		st = NVGSP_ABI_STATUS_INVALID_CLASS;
		gpusim_hw_unserved(rm->sim, true, a.h_class);
	}
	else if (rm->nobjs >= RM_MAX_OBJECTS)
		st = NVGSP_ABI_STATUS_INSUFFICIENT_RESOURCES;
	else
		st = rm_alloc_check(rm, &a, cls);
	if (st == NVGSP_ABI_STATUS_OK)
		rm_obj_add(rm, a.h_client, a.h_object,
			   a.h_object == a.h_client ? 0 : a.h_parent, cls, false);
	a.status = rm_status(rm, st);
	nvgsp_abi_encode_rm_alloc(rm->abi, &a, p, hsz);
	rm_reply(rm, fn, NVGSP_ABI_STATUS_OK, seq, p, poff + a.params_size);
}

static void rm_free(struct gpusim_rm *rm, u32 fn, u32 seq, u8 *p, u32 len)
{
	struct nvgsp_abi_rm_free f;
	u32 n = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_RM_FREE);
	enum nvgsp_abi_status st = NVGSP_ABI_STATUS_OK;

	if (len < n) {
		rm_refuse(rm, "FREE: payload %u bytes, rpc_free is %u", len, n);
		return;
	}
	nvgsp_abi_decode_rm_free(rm->abi, &f, p, n);
	if (!rm_obj_find(rm, f.h_root, f.h_root))
		st = NVGSP_ABI_STATUS_INVALID_CLIENT;
	else if (!rm_obj_find(rm, f.h_root, f.h_object_old))
		st = NVGSP_ABI_STATUS_OBJECT_NOT_FOUND;
	if (st == NVGSP_ABI_STATUS_OK && f.h_object_old == f.h_root)
		gpusim_vgpu_client_freed(rm->vgpu, f.h_root);
	if (st == NVGSP_ABI_STATUS_OK)
		rm_obj_free(rm, f.h_root, f.h_object_old);
	f.status = rm_status(rm, st);
	nvgsp_abi_encode_rm_free(rm->abi, &f, p, n);
	rm_reply(rm, fn, NVGSP_ABI_STATUS_OK, seq, p, n);
}

static u32 rm_intr_vec(const struct gpusim_rm *rm, u32 offset)
{
	return (rm->info.gsp_intr_vector + offset) % RM_INTR_NR_VECTORS;
}

/*
 * The engines the interrupt table lists besides the PMU and the GSP: GSP-RM's
 * engine list (gpusim_rm_fifo.c), or CE0 and CE1 on a chip whose PTOP the
 * model leaves empty. Engine k's vectors are the GSP's stall vector plus
 * RM_INTR_ENG_STALL + k and RM_INTR_ENG_NONSTALL + k (the model's own).
 */
static u32 rm_intr_engines(struct gpusim_rm *rm, u32 *mc_idx, u32 max)
{
	struct gpusim_rm_engine e[GPUSIM_RM_MAX_ENGINES];
	u32 n = gpusim_rm_engines(rm->sim, rm->abi, e, GPUSIM_RM_MAX_ENGINES), i;

	if (!n) {
		mc_idx[0] = RM_ENGINE_IDX_CE0;
		mc_idx[1] = RM_ENGINE_IDX_CE1;
		return 2;
	}
	for (i = 0; i < n && i < max; i++)
		mc_idx[i] = e[i].mc_idx;
	return i;
}

/* NV2080_CTRL_CMD_INTERNAL_INTR_GET_KERNEL_TABLE into @params (see the DOC). */
static enum nvgsp_abi_status rm_intr_table(struct gpusim_rm *rm,
					   const struct nvgsp_abi_rm_control *c, u8 *params)
{
	const struct nvgsp_abi_struct *st = nvgsp_abi_find_struct(rm->abi, RM_INTR_PARAMS);
	u32 hsz = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_INTR_TABLE);
	u32 esz = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_INTR_ENTRY);
	struct nvgsp_abi_intr_entry e[3 + GPUSIM_RM_MAX_ENGINES];
	u32 mc[GPUSIM_RM_MAX_ENGINES], neng, k;
	struct nvgsp_abi_intr_table t = { 0 };
	u64 gsp_idx, disp_idx, table_max;
	u32 n = 0, i, wild;

	if (c->h_client != RM_INTERNAL_CLIENT || c->h_object != RM_INTERNAL_SUBDEVICE)
		return NVGSP_ABI_STATUS_INVALID_OBJECT_HANDLE;
	if (!st || !hsz || !esz || nvgsp_abi_param(rm->abi, "intr.engine_idx.gsp", &gsp_idx) ||
	    nvgsp_abi_param(rm->abi, "intr.engine_idx.disp", &disp_idx) ||
	    nvgsp_abi_param(rm->abi, "intr.table_max", &table_max)) {
		gpusim_hw_fail(rm->sim, "ABI table %s lacks %s, its codecs or the intr.* parameters",
			       rm->abi->release, RM_INTR_PARAMS);
		return NVGSP_ABI_STATUS_NOT_SUPPORTED;
	}
	if (c->params_size != st->size) {
		gpusim_hw_fail(rm->sim, "GSP_RM_CONTROL NV2080_CTRL_CMD_INTERNAL_INTR_GET_KERNEL_TABLE: paramsSize %u, expected %u (sizeof %s in %s)",
			       c->params_size, st->size, RM_INTR_PARAMS, rm->abi->release);
		return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
	}

	neng = rm_intr_engines(rm, mc, GPUSIM_RM_MAX_ENGINES);
	memset(e, 0, sizeof(e));
	e[n].engine_idx = RM_ENGINE_IDX_PMU;
	e[n].vector_stall = rm_intr_vec(rm, RM_INTR_PMU_STALL);
	e[n++].vector_nonstall = rm_intr_vec(rm, RM_INTR_PMU_NONSTALL);
	for (k = 0; k < neng; k++) {
		e[n].engine_idx = mc[k];
		e[n].vector_stall = rm_intr_vec(rm, RM_INTR_ENG_STALL + k);
		e[n++].vector_nonstall = rm_intr_vec(rm, RM_INTR_ENG_NONSTALL + k);
		/* the GSP second, after the first engine: a driver must look for it */
		if (k || gpusim_hw_fault(rm->sim, GPUSIM_FAULT_INTR_NO_GSP, NULL))
			continue;
		e[n].engine_idx = (u32)gsp_idx;
		e[n].vector_stall = rm->info.gsp_intr_vector;
		if (gpusim_hw_fault(rm->sim, GPUSIM_FAULT_INTR_WILD_VECTOR, &wild))
			e[n].vector_stall = wild ? wild : RM_INTR_WILD_VECTOR;
		e[n++].vector_nonstall = rm_intr_vec(rm, RM_INTR_GSP_NONSTALL);
	}
	if (gpusim_hw_has_display(rm->sim)) {
		e[n].engine_idx = (u32)disp_idx;
		e[n].vector_stall = rm_intr_vec(rm, RM_INTR_DISP_STALL);
		e[n++].vector_nonstall = rm_intr_vec(rm, RM_INTR_DISP_NONSTALL);
	}
	if (n > table_max || hsz + n * esz > st->size) {
		gpusim_hw_fail(rm->sim, "%s in %s: %u entries do not fit (table_max %llu)",
			       RM_INTR_PARAMS, rm->abi->release, n, table_max);
		return NVGSP_ABI_STATUS_NOT_SUPPORTED;
	}

	/* GSP-RM copies out the whole struct: what the table does not use is 0. */
	memset(params, 0, st->size);
	t.table_len = n;
	if (nvgsp_abi_encode_intr_table(rm->abi, &t, params, hsz) < 0)
		return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
	for (i = 0; i < n; i++)
		if (nvgsp_abi_encode_intr_entry(rm->abi, &e[i], params + hsz + i * esz, esz) < 0)
			return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
	return NVGSP_ABI_STATUS_OK;
}

/* The engine list's controls (gpusim_rm_fifo.c), with each engine's stall vector. */
static enum nvgsp_abi_status rm_fifo_ctrl(struct gpusim_rm *rm, u32 id,
					  const struct nvgsp_abi_rm_control *c,
					  const struct rm_obj *o, u8 *params)
{
	u32 stall[GPUSIM_RM_MAX_ENGINES], k;

	for (k = 0; k < GPUSIM_RM_MAX_ENGINES; k++)
		stall[k] = rm_intr_vec(rm, RM_INTR_ENG_STALL + k);
	return gpusim_rm_fifo_control(rm->sim, rm->abi, id, o->cls, params, c->params_size,
				      stall);
}

/*
 * DOC: VA space page directories (a guess; sources below)
 *
 * A driver that owns a GPU VA space's page tables tells GSP-RM where they
 * are: nouveau r535/vmm.c r535_mmu_vaspace_new() allocates a
 * FERMI_VASPACE_A object, then either hands its root directory with
 * NV0080_CTRL_CMD_DMA_SET_PAGE_DIRECTORY on the device {physAddress u64,
 * numEntries u32, flags u32, hVASpace at byte 16, chId, subDeviceId,
 * pasid} (an externally owned space) or asks GSP-RM with
 * NV90F1_CTRL_CMD_VASPACE_COPY_SERVER_RESERVED_PDES on the VA space to copy
 * the PDEs of the range GSP-RM manages into its tables (nouveau
 * rm/r535/nvrm/vmm.h; NVIDIA's ctrl0080dma.h, ctrl90f1.h). Neither has an
 * output field. The model answers OK when hVASpace names a FERMI_VASPACE_A
 * of the client (INVALID_OBJECT_HANDLE otherwise), and for the copy when
 * it is sent to a FERMI_VASPACE_A; it has no RM-managed mappings to copy,
 * so it writes nothing into the driver's tables. UNSET_PAGE_DIRECTORY on
 * the device is answered OK.
 */
#define RM_SET_PD_HVASPACE	16u

static enum nvgsp_abi_status rm_vaspace_ctrl(struct gpusim_rm *rm, u32 id,
					     const struct nvgsp_abi_rm_control *c,
					     const struct rm_obj *o, const u8 *params)
{
	const struct rm_obj *vas;

	switch (id) {
	case NVGSP_ABI_CTRL_NV0080_DMA_SET_PAGE_DIRECTORY:
		if (o->cls != NVGSP_ABI_CLASS_NV01_DEVICE_0)
			return NVGSP_ABI_STATUS_NOT_SUPPORTED;
		if (c->params_size < RM_SET_PD_HVASPACE + 4)
			return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
		vas = rm_obj_find(rm, c->h_client,
				  get_unaligned_le32(params + RM_SET_PD_HVASPACE));
		if (!vas || vas->cls != NVGSP_ABI_CLASS_FERMI_VASPACE_A)
			return NVGSP_ABI_STATUS_INVALID_OBJECT_HANDLE;
		return NVGSP_ABI_STATUS_OK;
	case NVGSP_ABI_CTRL_NV0080_DMA_UNSET_PAGE_DIRECTORY:
		return o->cls == NVGSP_ABI_CLASS_NV01_DEVICE_0 ? NVGSP_ABI_STATUS_OK :
								 NVGSP_ABI_STATUS_NOT_SUPPORTED;
	case NVGSP_ABI_CTRL_NV90F1_VASPACE_COPY_SERVER_RESERVED_PDES:
		return o->cls == NVGSP_ABI_CLASS_FERMI_VASPACE_A ? NVGSP_ABI_STATUS_OK :
								   NVGSP_ABI_STATUS_NOT_SUPPORTED;
	}
	return NVGSP_ABI_STATUS_NOT_SUPPORTED;
}

/*
 * DOC: GPC and TPC masks (a guess; sources below)
 *
 * NV2080_CTRL_CMD_GPU_GET_FERMI_GPC_INFO {gpcMask u32} and
 * GET_FERMI_TPC_INFO {gpcId u32, tpcMask u32} on a subdevice (nouveau
 * rm/r570/nvrm/gr.h; r570/gsp.c asks for them right after static info,
 * which in 570 no longer carries the GPC/TPC arrays). The model knows one
 * chip's figures: NVIDIA's Ampere GA102 whitepaper (2020): "The full GA102
 * GPU contains seven GPCs, 42 TPCs, and 84 SMs", six TPCs per GPC. It
 * answers the full die (boards floorsweep TPCs, e.g. the RTX 3090's 82 SMs,
 * and which ones is per die); other chips get NOT_SUPPORTED, and a gpcId
 * outside the mask INVALID_ARGUMENT.
 */
static enum nvgsp_abi_status rm_gr_masks(struct gpusim_rm *rm, u32 id,
					 const struct nvgsp_abi_rm_control *c,
					 const struct rm_obj *o, u8 *params)
{
	const u32 gpcs = 7, tpcs = 6;

	if (o->cls != NVGSP_ABI_CLASS_NV20_SUBDEVICE_0 || strcmp(rm->chip, "ga102"))
		return NVGSP_ABI_STATUS_NOT_SUPPORTED;
	if (id == NVGSP_ABI_CTRL_NV2080_GPU_GET_FERMI_GPC_INFO) {
		if (c->params_size < 4)
			return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
		put_unaligned_le32((1u << gpcs) - 1, params);
		return NVGSP_ABI_STATUS_OK;
	}
	if (c->params_size < 8)
		return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
	if (get_unaligned_le32(params) >= gpcs)
		return NVGSP_ABI_STATUS_INVALID_ARGUMENT;
	put_unaligned_le32((1u << tpcs) - 1, params + 4);
	return NVGSP_ABI_STATUS_OK;
}

static void rm_control(struct gpusim_rm *rm, u32 fn, u32 seq, u8 *p, u32 len)
{
	struct nvgsp_abi_rm_control c;
	u32 hsz = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_RM_CONTROL);
	u32 poff = rm_codec_params_off(rm, NVGSP_ABI_CODEC_RM_CONTROL), id;
	enum nvgsp_abi_status st = NVGSP_ABI_STATUS_NOT_SUPPORTED;
	bool served = true;
	struct rm_obj *o;

	if (len < hsz) {
		rm_refuse(rm, "GSP_RM_CONTROL: payload %u bytes, shorter than its %u-byte header",
			  len, hsz);
		return;
	}
	nvgsp_abi_decode_rm_control(rm->abi, &c, p, hsz);
	if (len < poff || c.params_size > len - poff) {
		rm_refuse(rm, "GSP_RM_CONTROL cmd 0x%08x: paramsSize %u exceeds the %u bytes after the header",
			  c.cmd, c.params_size, len < poff ? 0 : len - poff);
		return;
	}
	o = rm_obj_find(rm, c.h_client, c.h_object);
	if (nvgsp_abi_ctrl_id(rm->abi, c.cmd, &id))
		id = NVGSP_ABI_NR_CTRL;
	if (!rm_obj_find(rm, c.h_client, c.h_client)) {
		st = NVGSP_ABI_STATUS_INVALID_CLIENT;
	} else if (!o) {
		st = NVGSP_ABI_STATUS_INVALID_OBJECT_HANDLE;
	} else if (id == NVGSP_ABI_CTRL_NV2080_INTERNAL_INTR_GET_KERNEL_TABLE) {
		st = rm_intr_table(rm, &c, p + poff);
	} else if (id == NVGSP_ABI_CTRL_NV0080_DMA_SET_PAGE_DIRECTORY ||
		   id == NVGSP_ABI_CTRL_NV0080_DMA_UNSET_PAGE_DIRECTORY ||
		   id == NVGSP_ABI_CTRL_NV90F1_VASPACE_COPY_SERVER_RESERVED_PDES) {
		st = rm_vaspace_ctrl(rm, id, &c, o, p + poff);
	} else if (id == NVGSP_ABI_CTRL_NV2080_GPU_GET_FERMI_GPC_INFO ||
		   id == NVGSP_ABI_CTRL_NV2080_GPU_GET_FERMI_TPC_INFO) {
		st = rm_gr_masks(rm, id, &c, o, p + poff);
	} else if (gpusim_rm_disp_serves(id)) {
		st = gpusim_rm_disp_control(&rm->disp, id, o->cls, c.h_client == RM_INTERNAL_CLIENT,
					    p + poff, c.params_size);
	} else if (gpusim_rm_fifo_serves(id)) {
		st = rm_fifo_ctrl(rm, id, &c, o, p + poff);
	} else if (gpusim_vgpu_serves(id)) {
		st = gpusim_vgpu_control(rm->vgpu, id, c.h_client, c.h_object, o->cls,
					 c.h_client == RM_INTERNAL_CLIENT, p + poff, c.params_size);
	} else if (id == NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE) {
		struct nvgsp_abi_vmmu_segment_size v = { .segment_size = RM_VMMU_SEGMENT_SIZE };
		int n = nvgsp_abi_encode_vmmu_segment_size(rm->abi, &v, p + poff, c.params_size);

		if (o->cls != NVGSP_ABI_CLASS_NV20_SUBDEVICE_0)
			st = NVGSP_ABI_STATUS_NOT_SUPPORTED;
		else
			st = n < 0 ? NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT : NVGSP_ABI_STATUS_OK;
	} else {
		served = false;
	}
	if (!served && o)
		gpusim_hw_unserved(rm->sim, false, c.cmd);
	c.status = rm_status(rm, st);
	nvgsp_abi_encode_rm_control(rm->abi, &c, p, hsz);
	rm_reply(rm, fn, NVGSP_ABI_STATUS_OK, seq, p, poff + c.params_size);
}

/* ---- faults ---- */

/* GSP-RM halts on RPC @fn; @what names the control when a keyed fault fired ("" otherwise). */
static void rm_crash(struct gpusim_rm *rm, u32 fn, const char *what)
{
	char rec[200];

	snprintf(rec, sizeof(rec), "GSP-RM %s (gpusim): crash while handling RPC %s (%u)%s%s; halting",
		 rm->abi->release, rm_rpc_name(rm, fn), fn, what[0] ? " " : "", what);
	rm_log_write(rm, RM_LOGRM, rec);
	rm->state = RM_DEAD;
	gpusim_hw_gsp_crashed(rm->sim);
}

static void rm_error_log(struct gpusim_rm *rm, u32 fn)
{
	struct nvgsp_abi_os_error_log el;
	u32 n = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_OS_ERROR_LOG);
	u8 buf[512], print[128];
	int len;

	memset(&el, 0, sizeof(el));
	el.except_type = RM_ERROR_LOG_XID;
	snprintf((char *)el.err_string, sizeof(el.err_string),
		 "gpusim: injected error after RPC %s", rm_rpc_name(rm, fn));
	if (n > sizeof(buf) || nvgsp_abi_encode_os_error_log(rm->abi, &el, buf, n) < 0)
		return;
	rm_event(rm, NVGSP_ABI_EVENT_OS_ERROR_LOG, buf, n);

	/* rpc_ucode_libos_print_v1e_08 {ucodeEngDesc, libosPrintBufSize, buf[]}
	 * (nouveau r535 gsp.c), from the PMU as nouveau expects. */
	len = snprintf((char *)print + 8, sizeof(print) - 8,
		       "gpusim PMU: injected libos print after RPC %s", rm_rpc_name(rm, fn));
	put_unaligned_le32(RM_LIBOS_CLASS_PMU << 8, print);
	put_unaligned_le32((u32)len + 1, print + 4);
	rm_event(rm, NVGSP_ABI_EVENT_UCODE_LIBOS_PRINT, print, 8 + (u32)len + 1);
}

/* ---- faults keyed on an RM control ---- */

/*
 * A GSP_RM_CONTROL arrived: fire the keyed faults waiting for its command
 * (gpusim_fault_on_control()). Each is armed as the plain fault would have
 * been just before this RPC, so the existing fault paths do the rest.
 * Returns true when the control is not to be processed (GSP-RM hung,
 * halted, or the device is gone).
 */
static bool rm_ctrl_fault_fire(struct gpusim_rm *rm, u32 fn, const u8 *p, u32 len)
{
	u32 hsz = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_RM_CONTROL), id, f;
	struct nvgsp_abi_rm_control c;
	bool stop = false;
	char what[96];

	if (len < hsz)
		return false;	/* rm_control() refuses it */
	nvgsp_abi_decode_rm_control(rm->abi, &c, p, hsz);
	if (nvgsp_abi_ctrl_id(rm->abi, c.cmd, &id))
		return false;
	for (f = 0; f < GPUSIM_NR_FAULTS; f++) {
		struct rm_ctrl_fault *k = &rm->ctrl_faults[f];

		if (!k->armed || k->ctrl != id)
			continue;
		if (k->skip) {
			k->skip--;
			continue;
		}
		k->armed = false;
		switch (f) {
		case GPUSIM_FAULT_RPC_TIMEOUT:
			rm->silent = true;
			stop = true;
			break;
		case GPUSIM_FAULT_GSP_CRASH:
			snprintf(what, sizeof(what), "(control %s, cmd 0x%08x)",
				 nvgsp_abi_id_name(NVGSP_ABI_GROUP_CTRL, id), c.cmd);
			rm_crash(rm, fn, what);
			return true;
		case GPUSIM_FAULT_DEVICE_GONE:
			gpusim_fault_set(rm->sim, GPUSIM_FAULT_DEVICE_GONE, k->arg);
			/* Off the bus at once: GSP-RM's reply could not reach the host. */
			if (!k->arg) {
				rm->silent = true;
				stop = true;
			}
			break;
		case GPUSIM_FAULT_ERROR_LOG:
			/* Between calls, so that nobody waits for a reply when it comes. */
			rm->errlog_due_ns = rm->now_ns + RM_CTRL_ERRLOG_DELAY_NS;
			rm->errlog_fn = fn;
			break;
		default:	/* BAD_CHECKSUM, TORN_ELEMENT, SEQ_ORDER: the next element */
			gpusim_fault_set(rm->sim, (enum gpusim_fault)f, 0);
			break;
		}
	}
	return stop;
}

int gpusim_fault_on_control(struct gpusim *sim, enum gpusim_fault fault, u32 arg, u32 ctrl,
			    u32 skip)
{
	struct gpusim_rm *rm = gpusim_hw_rm(sim);

	switch (fault) {
	case GPUSIM_FAULT_RPC_TIMEOUT:
	case GPUSIM_FAULT_GSP_CRASH:
	case GPUSIM_FAULT_DEVICE_GONE:
	case GPUSIM_FAULT_BAD_CHECKSUM:
	case GPUSIM_FAULT_TORN_ELEMENT:
	case GPUSIM_FAULT_SEQ_ORDER:
	case GPUSIM_FAULT_ERROR_LOG:
		break;
	default:
		return -EINVAL;
	}
	if (!rm || ctrl >= NVGSP_ABI_NR_CTRL)
		return -EINVAL;
	rm->ctrl_faults[fault] = (struct rm_ctrl_fault){
		.armed = true, .ctrl = ctrl, .skip = skip, .arg = arg,
	};
	return 0;
}

/*
 * DOC: UPDATE_BAR_PDE (a guess; sources below)
 *
 * rpc_update_bar_pde_v15_00 {barType (u32: 0 BAR1, 1 BAR2), entryValue
 * (u64 at 8), entryLevelShift (u64 at 16)} (nouveau rm/r535/nvrm/bar.h, the
 * same in 535.113.01 and 570.144; NVIDIA's g_rpc-structures.h). nouveau
 * r535/bar.c sends it for BAR2 with the root page directory entry of its
 * own BAR2 page tables and that level's page shift, and on fini with 0,
 * and waits for the reply. GSP-RM writes the entry into the BAR's root
 * page directory it owns (static info bar1PdeBase/bar2PdeBase). The model
 * keeps the entry per BAR, writes it as entry 0 of its BAR's root
 * directory (nouveau's BAR2 space starts at 0 and the shift it sends is
 * its root level's, so the entry covers VA 0; gpusim_bar.c walks from
 * there), and answers OK with the command's payload, as
 * GSP-RM echoes a command's payload in its reply; a bar type it does not
 * know, or a payload shorter than the structure, gets INVALID_ARGUMENT.
 */
#define RM_BAR_PDE_SIZE	24u

static void rm_update_bar_pde(struct gpusim_rm *rm, u32 fn, u32 seq, u8 *p, u32 len)
{
	u64 pde;
	u32 type;

	if (len < RM_BAR_PDE_SIZE) {
		rm_reply(rm, fn, NVGSP_ABI_STATUS_INVALID_ARGUMENT, seq, p, len);
		return;
	}
	type = get_unaligned_le32(p);
	if (type > 1) {
		rm_reply(rm, fn, NVGSP_ABI_STATUS_INVALID_ARGUMENT, seq, p, len);
		return;
	}
	rm->bar_pde[type] = get_unaligned_le64(p + 8);
	rm->bar_pde_shift[type] = (u8)get_unaligned_le64(p + 16);
	rm->bar_pde_updates++;
	/* GSP-RM's root directory of that BAR gets the entry for VA 0 */
	put_unaligned_le64(rm->bar_pde[type], &pde);
	if (gpusim_vram_write(rm->sim, gpusim_rm_bar_root(rm, type + 1), &pde, sizeof(pde)))
		gpusim_hw_fail(rm->sim, "UPDATE_BAR_PDE: cannot write BAR%u's root directory",
			       type + 1);
	rm_reply(rm, fn, NVGSP_ABI_STATUS_OK, seq, p, len);
}

/* ---- dispatch ---- */

static void rm_dispatch(struct gpusim_rm *rm, u32 fn, u32 seq, u8 *p, u32 len)
{
	u32 id, arg;
	bool known = !nvgsp_abi_rpc_id(rm->abi, fn, &id);

	rm->rpcs++;
	if (known && id == NVGSP_ABI_RPC_GSP_RM_CONTROL && rm_ctrl_fault_fire(rm, fn, p, len))
		return;
	if (known && gpusim_hw_fault(rm->sim, GPUSIM_FAULT_GSP_CRASH, &arg) && arg == id) {
		rm_crash(rm, fn, "");
		return;
	}
	if (known && gpusim_hw_fault(rm->sim, GPUSIM_FAULT_RPC_TIMEOUT, &arg) && arg == id) {
		rm->silent = true;
		return;
	}
	switch (known ? id : NVGSP_ABI_NR_RPC) {
	case NVGSP_ABI_RPC_GSP_SET_SYSTEM_INFO:
		rm_system_info(rm, p, len);
		break;
	case NVGSP_ABI_RPC_SET_REGISTRY:
		rm_registry(rm, p, len);
		break;
	case NVGSP_ABI_RPC_GET_GSP_STATIC_INFO:
		rm_static_info(rm, fn, seq);
		break;
	case NVGSP_ABI_RPC_GSP_RM_ALLOC:
		rm_alloc(rm, fn, seq, p, len);
		break;
	case NVGSP_ABI_RPC_FREE:
		rm_free(rm, fn, seq, p, len);
		break;
	case NVGSP_ABI_RPC_GSP_RM_CONTROL:
		rm_control(rm, fn, seq, p, len);
		break;
	case NVGSP_ABI_RPC_UPDATE_BAR_PDE:
		rm_update_bar_pde(rm, fn, seq, p, len);
		break;
	case NVGSP_ABI_RPC_UNLOADING_GUEST_DRIVER:
		/*
		 * The arguments say what the driver asks for (Documentation/pm.rst):
		 * bInPMTransition 0 is a driver unload, after which the next boot
		 * is a cold one; 1 (with newLevel 3 for standby, 7 for
		 * hibernation) asks GSP-RM to save its state for a warm resume,
		 * which this model does not implement: it records the
		 * arguments, and unloads the same way.
		 */
		memset(&rm->unload_args, 0, sizeof(rm->unload_args));
		if (nvgsp_abi_decode_unloading_guest_driver(rm->abi, &rm->unload_args, p, len) < 0) {
			rm_refuse(rm, "UNLOADING_GUEST_DRIVER: %u bytes do not hold its arguments", len);
			return;
		}
		rm->unloads++;
		rm_reply(rm, fn, NVGSP_ABI_STATUS_OK, seq, p, len);
		rm_log_write(rm, RM_LOGRM, "GSP-RM (gpusim): unloading");
		rm->state = RM_UNLOADED;
		rm->unloaded = true;
		gpusim_hw_gsp_unloaded(rm->sim);
		return;
	default:
		rm_reply(rm, fn, NVGSP_ABI_STATUS_NOT_SUPPORTED, seq, p, len);
		break;
	}
	if (rm->state == RM_DEAD)
		return;
	if (known && gpusim_hw_fault(rm->sim, GPUSIM_FAULT_ERROR_LOG, &arg) && arg == id) {
		gpusim_hw_fault_clear(rm->sim, GPUSIM_FAULT_ERROR_LOG);
		rm_error_log(rm, fn);
	}
	rm_maybe_sequencer(rm);
}

/* How long a command's payload says it is (0: it does not say). */
static u32 rm_announced_len(struct gpusim_rm *rm, u32 fn, const u8 *p, u32 len)
{
	u32 id, hsz;

	if (nvgsp_abi_rpc_id(rm->abi, fn, &id))
		return 0;
	if (id == NVGSP_ABI_RPC_GSP_RM_CONTROL) {
		struct nvgsp_abi_rm_control c;

		hsz = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_RM_CONTROL);
		if (len < hsz)
			return 0;
		nvgsp_abi_decode_rm_control(rm->abi, &c, p, hsz);
		return rm_codec_params_off(rm, NVGSP_ABI_CODEC_RM_CONTROL) + c.params_size;
	}
	if (id == NVGSP_ABI_RPC_GSP_RM_ALLOC) {
		struct nvgsp_abi_rm_alloc a;

		hsz = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_RM_ALLOC);
		if (len < hsz)
			return 0;
		nvgsp_abi_decode_rm_alloc(rm->abi, &a, p, hsz);
		return rm_codec_params_off(rm, NVGSP_ABI_CODEC_RM_ALLOC) + a.params_size;
	}
	if (id == NVGSP_ABI_RPC_SET_REGISTRY) {
		struct nvgsp_abi_registry_table t;

		hsz = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_REGISTRY_TABLE);
		if (len < hsz)
			return 0;
		nvgsp_abi_decode_registry_table(rm->abi, &t, p, hsz);
		return t.size;
	}
	return 0;
}

/* One consumed element: dispatch it, or gather a large command's parts. */
static void rm_element(struct gpusim_rm *rm, const struct gpusim_msgq_cmd *cmd)
{
	u32 cont = rm_rpc_num(rm, NVGSP_ABI_RPC_CONTINUATION_RECORD);
	u32 max_payload = rm->q.elem_max - rm->q.elem_hdr - rm->q.rpc_hdr, want;
	u8 *copy;

	if (rm->asm_active) {
		if (cmd->function != cont) {
			rm_refuse(rm, "%s: %u more payload bytes expected in CONTINUATION_RECORD elements, got function %u (%s)",
				  rm_rpc_name(rm, rm->asm_fn), rm->asm_want - rm->asm_len,
				  cmd->function, rm_rpc_name(rm, cmd->function));
			return;
		}
		if (cmd->len > rm->asm_want - rm->asm_len) {
			rm_refuse(rm, "%s: a CONTINUATION_RECORD carries %u bytes, only %u remain of the announced %u",
				  rm_rpc_name(rm, rm->asm_fn), cmd->len,
				  rm->asm_want - rm->asm_len, rm->asm_want);
			return;
		}
		memcpy(rm->asm_buf + rm->asm_len, cmd->payload, cmd->len);
		rm->asm_len += cmd->len;
		if (rm->asm_len < rm->asm_want)
			return;
		rm->asm_active = false;
		rm_dispatch(rm, rm->asm_fn, rm->asm_seq, rm->asm_buf, rm->asm_len);
		free(rm->asm_buf);
		rm->asm_buf = NULL;
		return;
	}
	if (cmd->function == cont) {
		rm_refuse(rm, "CONTINUATION_RECORD (sequence %u) without a command to continue",
			  cmd->sequence);
		return;
	}
	want = rm_announced_len(rm, cmd->function, cmd->payload, cmd->len);
	if (want > cmd->len && cmd->len == max_payload && want <= RM_MAX_MESSAGE) {
		rm->asm_buf = malloc(want);
		if (!rm->asm_buf) {
			rm->state = RM_DEAD;
			return;
		}
		memcpy(rm->asm_buf, cmd->payload, cmd->len);
		rm->asm_active = true;
		rm->asm_fn = cmd->function;
		rm->asm_seq = cmd->sequence;
		rm->asm_len = cmd->len;
		rm->asm_want = want;
		return;
	}
	/* The handlers write their status into the payload: give them a copy. */
	copy = malloc(cmd->len ? cmd->len : 1);
	if (!copy) {
		rm->state = RM_DEAD;
		return;
	}
	memcpy(copy, cmd->payload, cmd->len);
	rm_dispatch(rm, cmd->function, cmd->sequence, copy, cmd->len);
	free(copy);
}

/* Before INIT_DONE only the init commands (and their continuations) run. */
static bool rm_may_run(struct gpusim_rm *rm, const struct gpusim_msgq_cmd *cmd)
{
	if (rm->state == RM_READY)
		return true;
	if (rm->state != RM_BOOTING && rm->state != RM_SEQ_WAIT)
		return false;
	if (rm->asm_active)
		return cmd->function == rm_rpc_num(rm, NVGSP_ABI_RPC_CONTINUATION_RECORD);
	return cmd->function == rm_rpc_num(rm, NVGSP_ABI_RPC_GSP_SET_SYSTEM_INFO) ||
	       cmd->function == rm_rpc_num(rm, NVGSP_ABI_RPC_SET_REGISTRY);
}

static bool rm_alive(const struct gpusim_rm *rm)
{
	return !rm->silent && (rm->state == RM_BOOTING || rm->state == RM_SEQ_WAIT ||
			       rm->state == RM_NO_INIT || rm->state == RM_READY);
}

static void rm_pump(struct gpusim_rm *rm)
{
	struct gpusim_msgq_cmd cmd;
	int ret;

	if (rm->state == RM_UNLOADED) {
		gpusim_msgq_flush(&rm->q);	/* the unload reply, if it waited */
		return;
	}
	if (!rm_alive(rm))
		return;
	if (gpusim_msgq_flush(&rm->q) < 0) {
		rm->state = RM_DEAD;
		return;
	}
	rm_check_sequencer(rm, false);
	while (rm_alive(rm)) {
		if (gpusim_hw_fault(rm->sim, GPUSIM_FAULT_QUEUE_FULL, NULL))
			break;
		ret = gpusim_msgq_peek(&rm->q, &cmd);
		if (ret < 0) {
			rm->state = RM_DEAD;
			return;
		}
		if (!ret)
			break;
		if (!rm_may_run(rm, &cmd)) {
			rm_check_sequencer(rm, true);
			break;
		}
		if (gpusim_msgq_consume(&rm->q)) {
			rm->state = RM_DEAD;
			return;
		}
		rm_element(rm, &cmd);
	}
	if (rm->state != RM_DEAD && gpusim_msgq_flush(&rm->q) < 0)
		rm->state = RM_DEAD;
}

/* ---- the boundary ---- */

/* A fresh GSP-RM: only its own client, device and subdevice exist. */
static void rm_objs_reset(struct gpusim_rm *rm)
{
	rm->nobjs = 0;
	rm_obj_add(rm, RM_INTERNAL_CLIENT, RM_INTERNAL_CLIENT, 0, NVGSP_ABI_CLASS_NV01_ROOT, true);
	rm_obj_add(rm, RM_INTERNAL_CLIENT, RM_INTERNAL_DEVICE, RM_INTERNAL_CLIENT,
		   NVGSP_ABI_CLASS_NV01_DEVICE_0, true);
	rm_obj_add(rm, RM_INTERNAL_CLIENT, RM_INTERNAL_SUBDEVICE, RM_INTERNAL_DEVICE,
		   NVGSP_ABI_CLASS_NV20_SUBDEVICE_0, true);
}

int gpusim_rm_create(struct gpusim *sim, const struct nvgsp_abi *abi,
		     const struct gpusim_rm_info *info, struct gpusim_rm **out)
{
	struct gpusim_rm *rm;

	if (!sim || !abi || !info || !out)
		return -EINVAL;
	rm = calloc(1, sizeof(*rm));
	if (!rm)
		return -ENOMEM;
	rm->sim = sim;
	rm->abi = abi;
	rm->info = *info;
	snprintf(rm->chip, sizeof(rm->chip), "%s", info->chip ? info->chip : "?");
	snprintf(rm->sig_family, sizeof(rm->sig_family), "%s",
		 info->sig_family ? info->sig_family : "?");
	rm->info.chip = rm->chip;
	rm->info.sig_family = rm->sig_family;
	rm->disp.sim = sim;
	rm->disp.abi = abi;
	rm->disp.fb_size = info->fb_size;
	rm_objs_reset(rm);
	rm->vgpu = gpusim_vgpu_mgr_create(sim, rm, abi);
	if (!rm->vgpu) {
		free(rm);
		return -ENOMEM;
	}
	*out = rm;
	return 0;
}

void gpusim_rm_destroy(struct gpusim_rm *rm)
{
	if (!rm)
		return;
	gpusim_msgq_fini(&rm->q);
	free(rm->asm_buf);
	gpusim_vgpu_mgr_destroy(rm->vgpu);
	free(rm);
}

int gpusim_rm_start(struct gpusim_rm *rm, u64 libos_addr)
{
	struct nvgsp_abi_gsp_args args;
	char banner[160];
	int ret;

	if (rm->state != RM_OFF && rm->state != RM_UNLOADED) {
		rm_refuse(rm, "GSP-RM started again while running");
		return -EBUSY;
	}
	gpusim_msgq_fini(&rm->q);
	memset(rm->logs, 0, sizeof(rm->logs));
	rm->got_sysinfo = false;
	rm->got_registry = false;
	rm->unloaded = false;
	rm->vf_total = 0;
	rm->sriov_mode = 0;
	rm->silent = false;
	rm->asm_active = false;
	free(rm->asm_buf);
	rm->asm_buf = NULL;
	rm_objs_reset(rm);
	gpusim_vgpu_mgr_reset(rm->vgpu);
	rm->state = RM_BOOTING;
	ret = rm_read_libos(rm, libos_addr, &args);
	if (ret)
		goto fail;
	ret = gpusim_msgq_init(&rm->q, rm->sim, rm->abi, &args);
	if (ret)
		goto fail;
	snprintf(banner, sizeof(banner),
		 "GSP-RM %s (gpusim model) on %s (chipset 0x%x): libos arguments accepted, %u queue pages",
		 rm->abi->release, rm->chip, rm->info.chipset, rm->q.npte);
	rm_log_write(rm, RM_LOGINIT, banner);
	rm->boots++;
	rm_pump(rm);
	return 0;

fail:
	rm->state = RM_DEAD;
	return ret;
}

void gpusim_rm_doorbell(struct gpusim_rm *rm)
{
	if (rm)
		rm_pump(rm);
}

void gpusim_rm_tick(struct gpusim_rm *rm, u64 now_ns)
{
	if (!rm)
		return;
	rm->now_ns = now_ns;
	rm_pump(rm);
	if (rm->errlog_due_ns && now_ns >= rm->errlog_due_ns) {
		rm->errlog_due_ns = 0;
		if (rm->state == RM_READY && !rm->silent)
			rm_error_log(rm, rm->errlog_fn);
	}
	/* The vGPU plugins, and the utilisation event of a GSP-RM booted for vGPU. */
	gpusim_vgpu_tick(rm->vgpu, now_ns, gpusim_rm_serving(rm),
			 gpusim_rm_serving(rm) && rm->sriov_mode == 1);
}

bool gpusim_rm_serving(struct gpusim_rm *rm)
{
	return rm && rm->state == RM_READY && !rm->silent;
}

struct gpusim_vgpu_mgr *gpusim_rm_vgpu(struct gpusim_rm *rm)
{
	return rm ? rm->vgpu : NULL;
}

bool gpusim_rm_client_live(struct gpusim_rm *rm, u32 h_client)
{
	struct rm_obj *o = rm_obj_find(rm, h_client, h_client);

	return o && !o->internal;
}

void gpusim_rm_send_event(struct gpusim_rm *rm, u32 id, const void *payload, u32 len)
{
	if (gpusim_rm_serving(rm))
		rm_event(rm, (enum nvgsp_abi_event)id, payload, len);
}

void gpusim_rm_reg_written(struct gpusim_rm *rm, u32 offset, u32 value)
{
	if (rm && rm->state == RM_SEQ_WAIT && offset == GPUSIM_RM_SEQ_SCRATCH &&
	    value == GPUSIM_RM_SEQ_VALUE)
		rm->seq_written = true;
}

struct gpusim_msgq *gpusim_rm_msgq(struct gpusim_rm *rm)
{
	return rm ? &rm->q : NULL;
}

void gpusim_rm_stats(const struct gpusim_rm *rm, struct gpusim_stats *st)
{
	u32 i, n = 0;

	if (!rm)
		return;
	for (i = 0; i < rm->nobjs; i++)
		if (!rm->objs[i].internal)
			n++;
	st->gsp_booted = rm->boots;
	st->init_done = rm->init_done;
	st->rpcs = rm->rpcs;
	st->events = rm->events;
	st->seq_ops = rm->seq_ops;
	st->objects = n;
	if (rm->unloaded)
		st->unloaded = true;
	st->unloads = rm->unloads;
	st->unload_pm = rm->unload_args.in_pm_transition;
	st->unload_level = rm->unload_args.new_level;
}
