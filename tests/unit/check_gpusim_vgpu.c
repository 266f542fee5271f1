// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gpusim_vgpu.c - gpusim's model of GSP-RM's vGPU side
 * (tests/gpusim/gpusim_vgpu.c, Documentation/gpusim-vgpu.rst), driven as a
 * vGPU manager would drive it: GSP-RM booted for vGPU on an SR-IOV row of
 * each release, hand-built vGPU manager controls through the driver's RM
 * layer, the host RPC channel written straight into the model's VRAM and
 * rung through the PF doorbell. Every validation refuses what it must (and
 * records the mistake) and accepts the valid case; the marker appears after
 * the delay; each host RPC in and out of order; each fault; the tenant
 * check catches a surviving byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "gpusim.h"
#include "gsp/nvgsp_gsp.h"
#include "gsp/nvgsp_gsp_tool.h"
#include "rm/nvgsp_rm.h"
#include "transport/nvgsp_rpc.h"
#include "vgpu/nvgsp_vgpu_fb.h"

#define GIB		(1ull << 30)
#define MIB		(1ull << 20)
#define SEG		0x2000000ull	/* the model's VMMU segment (32 MiB) */
#define PF_DOORBELL	0xb82200u
#define TYPE_ID		869u		/* "NVIDIA L40-1B": 1 GiB */
#define TYPE_FB		GIB
#define NCHAN		32u
#define HEAP_LEN	(4 * MIB)

static const char *const releases[] = { "535.113.01", "570.144" };
#define NREL 2

/* The engines GET_ENGINES_V2 reports (gpusim_vgpu.c). */
static const u32 engines[] = {
	0x01, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x13, 0x14, 0x1b, 0x1c, 0x26, 0x2b, 0x33,
};
#define NENG (sizeof(engines) / sizeof(engines[0]))

/**
 * struct vh - GSP-RM booted for vGPU, with a host client and one RM client
 * per vGPU.
 */
struct vh {
	struct unit_gsp e;
	struct nvgsp_gsp *gsp;
	struct nvgsp_rm *rm;
	const struct nvgsp_abi *abi;
	struct nvgsp_rm_subdevice host;
	struct nvgsp_rm_subdevice vc[4];
	u64 rel[8];	/* where each region starts, from the control region: R_* */
	u64 heap_need;
	bool has_kernel_log;
};

/* The regions after the control region, in the heap's order. */
enum { R_RESP, R_MSG, R_MIG, R_ERR, R_INIT, R_VGPU, R_KERN, R_END };

static u64 param(const struct vh *h, const char *name)
{
	u64 v = 0;

	ck_assert_msg(!nvgsp_abi_param(h->abi, name, &v), "%s has no %s", h->abi->release, name);
	return v;
}

static u32 msgnum(const struct vh *h, const char *name)
{
	char full[64];

	snprintf(full, sizeof(full), "vgpu.msg.%s", name);
	return (u32)param(h, full);
}

/* An SR-IOV row of @release (SEC2 booter: its WPR2 bounds the FB for vGPUs). */
static const struct unit_gsp_row *row_for(const char *release)
{
	for (int i = 0; i < UNIT_GSP_NROWS; i++) {
		const struct unit_gsp_row *r = &unit_gsp_rows[i];

		if (strcmp(r->release, release) || r->fsp || !strncmp(r->chip, "tu", 2))
			continue;
		if (!strcmp(r->chip, "ga100"))
			return r;
	}
	ck_abort_msg("no SR-IOV row for %s", release);
	return NULL;
}

static void vh_init(struct vh *h, int rel)
{
	const struct unit_gsp_row *r = row_for(releases[rel]);
	static const char *const sz[] = {
		"vgpu.rpc.ctrl_size", "vgpu.rpc.response_size", "vgpu.rpc.message_size",
		"vgpu.rpc.migration_size", "vgpu.rpc.error_size", "vgpu.rpc.init_log_size",
		"vgpu.rpc.vgpu_log_size", "vgpu.rpc.kernel_log_size",
	};
	u64 off = 0;
	int ret;

	memset(h, 0, sizeof(*h));
	nvgsp_os_user_set_debug(0);
	unit_gsp_init(&h->e, r->chip, r->release, NULL, NULL);
	ck_assert_msg(h->e.cfg.pci.vf_total, "%s has no SR-IOV", r->chip);
	h->e.cfg.vgpu = true;
	ret = nvgsp_gsp_boot(&h->e.cfg, &h->gsp);
	ck_assert_msg(ret == 0, "%s %s boot: %d\nsim: %s\nlog:\n%s", r->chip, r->release, ret,
		      gpusim_error(h->e.sim), unit_log);
	h->abi = h->e.set->abi;
	h->rm = nvgsp_gsp_rm(h->gsp);
	ck_assert_int_eq(nvgsp_rm_open(h->rm, &h->host), 0);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(nvgsp_rm_open(h->rm, &h->vc[i]), 0);
	gpusim_sriov_control(h->e.sim, true, 4, NULL);
	for (int i = 0; i < 8; i++) {
		off += param(h, sz[i]);
		h->rel[i] = off;	/* the end of region i = the start of R_* i */
	}
	h->heap_need = off;
	h->has_kernel_log = param(h, "vgpu.rpc.kernel_log_size") != 0;
	ck_assert_str_eq(gpusim_error(h->e.sim), "");
}

static void vh_fini(struct vh *h)
{
	if (h->gsp)
		nvgsp_gsp_shutdown(h->gsp);
	unit_gsp_fini(&h->e);
}

/* Where region @k (R_*) starts, from the control region. */
static u64 reg(const struct vh *h, int k)
{
	return h->rel[k];
}

static int ctrl(struct vh *h, const struct nvgsp_rm_subdevice *sd, u32 id, void *p, u32 n)
{
	return nvgsp_rm_control(h->rm, sd->h_client, sd->h_subdevice, id, p, n);
}

/* PGPU_ADD_VGPU_TYPE with @n types @ids (NULL: TYPE_ID and up), fb_length @fb each. */
static int add_types(struct vh *h, bool discard, const u32 *ids, u32 n, u64 fb)
{
	u32 size = (u32)param(h, "vgpu.add_type_params_size");
	u64 isz = param(h, "vgpu.type_info_size"), ifb = param(h, "vgpu.type_info_fb_length");
	u64 imax = param(h, "vgpu.type_info_max_instance");
	u8 *p = calloc(1, size);
	int ret;

	ck_assert_ptr_nonnull(p);
	p[0] = discard;
	put_unaligned_le32(n, p + 4);
	for (u32 i = 0; i < n && i < 64; i++) {
		put_unaligned_le32(ids ? ids[i] : TYPE_ID + i, p + 8 + i * isz);
		put_unaligned_le64(fb, p + 8 + i * isz + ifb);
		put_unaligned_le32(32, p + 8 + i * isz + imax);
	}
	ret = ctrl(h, &h->host, NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_PGPU_ADD_VGPU_TYPE, p, size);
	free(p);
	return ret;
}

static u64 heap_of(u32 gfid)
{
	return 16 * GIB + (u64)gfid * 64 * MIB;
}

/* A valid BOOTLOAD for @gfid: one 1 GiB segment at gfid * 2 GiB, its heap, its channels. */
static void bootload_valid(const struct vh *h, u32 gfid, struct nvgsp_abi_vgpu_bootload *b)
{
	u64 heap = heap_of(gfid);

	memset(b, 0, sizeof(*b));
	b->dbdf = 0x0100 | (gfid + 3);
	b->gfid = gfid;
	b->vgpu_type = TYPE_ID;
	b->vm_pid = 4242;
	b->num_channels = NCHAN;
	b->num_plugin_channels = 0;
	for (u32 i = 0; i < NENG; i++)
		b->chid_offset[engines[i]] = 512 + (gfid - 1) * NCHAN;
	b->num_fb_segments = 1;
	b->fb_seg_addr[0] = (u64)gfid * 2 * GIB;
	b->fb_seg_len[0] = TYPE_FB;
	b->plugin_heap_addr = heap;
	b->plugin_heap_len = HEAP_LEN;
	b->ctrl_buff_offset = 0;
	b->init_log_offset = heap + reg(h, R_INIT);
	b->init_log_size = reg(h, R_VGPU) - reg(h, R_INIT);
	b->vgpu_log_offset = heap + reg(h, R_VGPU);
	b->vgpu_log_size = reg(h, R_KERN) - reg(h, R_VGPU);
	if (h->has_kernel_log) {
		b->kernel_log_offset = heap + reg(h, R_KERN);
		b->kernel_log_size = reg(h, R_END) - reg(h, R_KERN);
	}
}

static int bootload(struct vh *h, const struct nvgsp_rm_subdevice *sd,
		    const struct nvgsp_abi_vgpu_bootload *b)
{
	u32 n = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_VGPU_BOOTLOAD);
	u8 *p = calloc(1, n);
	int ret;

	ck_assert_ptr_nonnull(p);
	ck_assert_int_ge(nvgsp_abi_encode_vgpu_bootload(h->abi, b, p, n), 0);
	ret = ctrl(h, sd, NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_BOOTLOAD_GSP_VGPU_PLUGIN_TASK,
		   p, n);
	free(p);
	return ret;
}

static int gfid_ctrl(struct vh *h, u32 id, u32 gfid)
{
	u8 p[4];

	put_unaligned_le32(gfid, p);
	return ctrl(h, &h->vc[0], id, p, 4);
}

static int shutdown_(struct vh *h, u32 gfid)
{
	return gfid_ctrl(h, NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_SHUTDOWN_GSP_VGPU_PLUGIN_TASK,
			 gfid);
}

static int cleanup(struct vh *h, u32 gfid)
{
	return gfid_ctrl(h, NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_VGPU_PLUGIN_CLEANUP, gfid);
}

static enum gpusim_vgpu_stage stage(struct vh *h, u32 gfid)
{
	struct gpusim_vgpu_state st;

	ck_assert_int_eq(gpusim_vgpu_query(h->e.sim, gfid, &st), 0);
	return st.stage;
}

static void let_time_pass(u32 ms)
{
	for (u32 i = 0; i < ms; i++)
		nvgsp_os_usleep(1000);
}

/* Bootload @gfid validly and wait for the marker. */
static void bring_up(struct vh *h, u32 gfid)
{
	struct nvgsp_abi_vgpu_bootload b;

	bootload_valid(h, gfid, &b);
	ck_assert_int_eq(bootload(h, &h->vc[gfid - 1], &b), 0);
	let_time_pass(6);
	ck_assert_int_eq(stage(h, gfid), GPUSIM_VGPU_BOOTLOADED);
}

/* The host scrubs what a vGPU had before anyone else gets it. */
static void scrub(struct vh *h, const struct gpusim_vgpu_state *st)
{
	for (u32 s = 0; s < st->nr_segments; s++)
		ck_assert_int_eq(gpusim_vram_set(h->e.sim, st->seg_addr[s], 0, st->seg_len[s]), 0);
	ck_assert_int_eq(gpusim_vram_set(h->e.sim, st->heap_addr, 0, st->heap_len), 0);
	ck_assert(!gpusim_vgpu_find_nonzero(h->e.sim, st, NULL));
}

/* SHUTDOWN, CLEANUP, and the host's scrub. */
static void tear_down(struct vh *h, u32 gfid)
{
	struct gpusim_vgpu_state st;

	ck_assert_int_eq(gpusim_vgpu_query(h->e.sim, gfid, &st), 0);
	ck_assert_int_eq(shutdown_(h, gfid), 0);
	ck_assert_int_eq(cleanup(h, gfid), 0);
	ck_assert_int_eq(stage(h, gfid), GPUSIM_VGPU_NONE);
	scrub(h, &st);
}

/* Read the control region of @gfid's plugin. */
static void ctrl_read(struct vh *h, u32 gfid, struct nvgsp_abi_vgpu_rpc_ctrl *c)
{
	u32 n = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_VGPU_RPC_CTRL);
	u8 *p = calloc(1, n);

	ck_assert_int_eq(gpusim_vram_read(h->e.sim, heap_of(gfid), p, n), 0);
	ck_assert_int_ge(nvgsp_abi_decode_vgpu_rpc_ctrl(h->abi, c, p, n), 0);
	free(p);
}

static void resp_read(struct vh *h, u32 gfid, struct nvgsp_abi_vgpu_rpc_resp *r)
{
	u32 n = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_VGPU_RPC_RESP);
	u8 *p = calloc(1, n);

	ck_assert_int_eq(gpusim_vram_read(h->e.sim, heap_of(gfid) + reg(h, R_RESP), p, n), 0);
	ck_assert_int_ge(nvgsp_abi_decode_vgpu_rpc_resp(h->abi, r, p, n), 0);
	free(p);
}

/*
 * The host's side of one message: payload into MESSAGE, the control region
 * (version, offsets, type, sequence), the doorbell, then the processing
 * delay. @fix lets a test break the control region.
 */
static void send_msg(struct vh *h, u32 gfid, u32 type, u32 seq, const void *payload, u32 len,
		     void (*fix)(struct nvgsp_abi_vgpu_rpc_ctrl *c))
{
	u32 n = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_VGPU_RPC_CTRL);
	struct nvgsp_abi_vgpu_rpc_ctrl c = {
		.version = (u32)param(h, "vgpu.rpc.ctrl_version"), .message_type = type,
		.message_seq = seq, .response_off = reg(h, R_RESP), .message_off = reg(h, R_MSG),
		.migration_off = reg(h, R_MIG), .error_off = reg(h, R_ERR),
	};
	u64 base = heap_of(gfid);
	u8 *p = calloc(1, n);

	if (fix)
		fix(&c);
	if (len)
		ck_assert_int_eq(gpusim_vram_write(h->e.sim, base + c.message_off, payload, len), 0);
	ck_assert_int_ge(nvgsp_abi_encode_vgpu_rpc_ctrl(h->abi, &c, p, n), 0);
	ck_assert_int_eq(gpusim_vram_write(h->e.sim, base, p, n), 0);
	free(p);
	gpusim_wr32(h->e.sim, PF_DOORBELL, gfid * 32 + 17);
	let_time_pass(2);
}

/* Message @name with @len bytes of @payload, taken and answered: its result code. */
static u32 msg_round(struct vh *h, u32 gfid, const char *name, u32 seq, const void *payload,
		     u32 len)
{
	struct nvgsp_abi_vgpu_rpc_resp r;

	send_msg(h, gfid, msgnum(h, name), seq, payload, len, NULL);
	resp_read(h, gfid, &r);
	ck_assert_uint_eq(r.seq_processed, seq);
	return r.result;
}

static u32 msg_version(struct vh *h, u32 gfid, u32 seq, u32 cpu)
{
	struct nvgsp_abi_vgpu_rpc_version v = { .version_cpu = cpu };
	u32 n = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_VGPU_RPC_VERSION);
	u8 buf[64] = { 0 };

	ck_assert_int_ge(nvgsp_abi_encode_vgpu_rpc_version(h->abi, &v, buf, n), 0);
	return msg_round(h, gfid, "version_negotiation", seq, buf, n);
}

/* The negotiated version the plugin wrote back into MESSAGE. */
static u32 version_reply(struct vh *h, u32 gfid)
{
	u32 n = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_VGPU_RPC_VERSION);
	struct nvgsp_abi_vgpu_rpc_version v;
	u8 buf[64] = { 0 };

	ck_assert_int_eq(gpusim_vram_read(h->e.sim, heap_of(gfid) + reg(h, R_MSG), buf, n), 0);
	ck_assert_int_ge(nvgsp_abi_decode_vgpu_rpc_version(h->abi, &v, buf, n), 0);
	return v.version_negotiated;
}

static void config_valid(const struct vh *h, u32 gfid, struct nvgsp_abi_vgpu_rpc_config *c)
{
	memset(c, 0, sizeof(*c));
	c->dbdf = 0x0100 | (gfid + 3);
	c->vgpu_device_instance_id = h->vc[gfid - 1].h_client;
	c->vgpu_type = TYPE_ID;
	c->vm_pid = 4242;
	c->num_channels = NCHAN;
	c->host_cpu_arch = 2;	/* NV_VGPU_HOST_CPU_ARCH_X86_64 */
	c->host_page_size = 4096;
}

static u32 msg_config(struct vh *h, u32 gfid, u32 seq, const struct nvgsp_abi_vgpu_rpc_config *c,
		      u32 poke_off, u8 poke)
{
	u32 n = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_VGPU_RPC_CONFIG);
	u8 buf[256] = { 0 };

	ck_assert_int_ge(nvgsp_abi_encode_vgpu_rpc_config(h->abi, c, buf, n), 0);
	if (poke_off)
		buf[poke_off] = poke;
	return msg_round(h, gfid, "setup_config_params_and_init", seq, buf, n);
}

static u32 msg_plain(struct vh *h, u32 gfid, u32 type, u32 seq)
{
	struct nvgsp_abi_vgpu_rpc_resp r;

	send_msg(h, gfid, type, seq, NULL, 0, NULL);
	resp_read(h, gfid, &r);
	ck_assert_uint_eq(r.seq_processed, seq);
	return r.result;
}

static u32 msg_bme(struct vh *h, u32 gfid, u32 seq, bool enable, bool allowed)
{
	struct nvgsp_abi_vgpu_rpc_bme b = { .enable = enable, .allowed = allowed };
	u32 n = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_VGPU_RPC_BME);
	u8 buf[16] = { 0 };

	ck_assert_int_ge(nvgsp_abi_encode_vgpu_rpc_bme(h->abi, &b, buf, n), 0);
	return msg_round(h, gfid, "update_bme_state", seq, buf, n);
}

/* VERSION_NEGOTIATION and SETUP_CONFIG_PARAMS_AND_INIT: the plugin is configured. */
static void configure(struct vh *h, u32 gfid)
{
	struct nvgsp_abi_vgpu_rpc_config c;

	ck_assert_uint_eq(msg_version(h, gfid, 1, 0), 0);	/* no proposal, as the RFCs */
	ck_assert_uint_eq(version_reply(h, gfid), 0x10001);
	config_valid(h, gfid, &c);
	ck_assert_uint_eq(msg_config(h, gfid, 2, &c, 0, 0), 0);
	ck_assert_int_eq(stage(h, gfid), GPUSIM_VGPU_CONFIGURED);
}

/* The last vGPU mistake contains @want; then cleared. */
static void mistake(struct vh *h, const char *want)
{
	ck_assert_msg(strstr(gpusim_vgpu_error(h->e.sim), want), "want \"%s\" in \"%s\"", want,
		      gpusim_vgpu_error(h->e.sim));
	gpusim_vgpu_error_clear(h->e.sim);
}

static void no_mistake(struct vh *h)
{
	ck_assert_msg(!gpusim_vgpu_error(h->e.sim)[0], "unexpected: %s",
		      gpusim_vgpu_error(h->e.sim));
}

/* Does @gfid's log region at @off (from the heap) hold @text? */
static bool log_has(struct vh *h, u32 gfid, u64 off, u64 size, const char *text)
{
	char *buf = calloc(1, size + 1);
	bool found = false;

	ck_assert_int_eq(gpusim_vram_read(h->e.sim, heap_of(gfid) + off, buf, size), 0);
	for (u64 i = 8; i < size && !found; i++)
		if (buf[i] && !buf[i - 1] && strstr(buf + i, text))
			found = true;
	free(buf);
	return found;
}

/* ---- type registry and engines ---- */

START_TEST(types_and_engines)
{
	u32 ids[3] = { TYPE_ID, 870, 871 };
	u32 n = 0;
	struct vh h;
	u8 p[1024] = { 0 };

	vh_init(&h, _i);
	ck_assert_int_eq(add_types(&h, false, ids, 3, TYPE_FB), 0);
	ck_assert_uint_eq(gpusim_vgpu_types_added(h.e.sim), 3);
	/* the same id again replaces its record; discard drops the others */
	ck_assert_int_eq(add_types(&h, false, ids, 1, TYPE_FB), 0);
	ck_assert_uint_eq(gpusim_vgpu_types_added(h.e.sim), 3);
	ck_assert_int_eq(add_types(&h, true, ids, 1, TYPE_FB), 0);
	ck_assert_uint_eq(gpusim_vgpu_types_added(h.e.sim), 1);
	no_mistake(&h);
	/* refusals: too many, a zero fbLength, a wrong paramsSize */
	ck_assert_int_ne(add_types(&h, false, NULL, 65, TYPE_FB), 0);
	mistake(&h, "vgpuInfoCount 65, at most 64");
	ck_assert_int_ne(add_types(&h, false, ids, 1, 0), 0);
	mistake(&h, "fbLength 0x0");
	ck_assert_int_ne(ctrl(&h, &h.host, NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_PGPU_ADD_VGPU_TYPE,
			      p, 64), 0);
	mistake(&h, "PGPU_ADD_VGPU_TYPE: paramsSize 64");
	ck_assert_uint_eq(gpusim_vgpu_types_added(h.e.sim), 1);
	/* a device is not a subdevice */
	ck_assert_int_ne(nvgsp_rm_control(h.rm, h.host.h_client, h.host.h_device,
					  NVGSP_ABI_CTRL_NV2080_GPU_GET_ENGINES_V2, p,
					  nvgsp_abi_codec_size(h.abi, NVGSP_ABI_CODEC_GPU_ENGINES)), 0);
	mistake(&h, "which is not a subdevice");

	n = nvgsp_abi_codec_size(h.abi, NVGSP_ABI_CODEC_GPU_ENGINES);
	ck_assert(n > 4 && n <= sizeof(p));
	ck_assert_uint_eq(n, 4 + 4 * param(&h, "vgpu.max_engines_list"));
	ck_assert_int_eq(ctrl(&h, &h.host, NVGSP_ABI_CTRL_NV2080_GPU_GET_ENGINES_V2, p, n), 0);
	{
		struct nvgsp_abi_gpu_engines e;

		ck_assert_int_ge(nvgsp_abi_decode_gpu_engines(h.abi, &e, p, n), 0);
		ck_assert_uint_eq(e.engine_count, NENG);
		for (u32 i = 0; i < NENG; i++)
			ck_assert_uint_eq(e.engine_list[i], engines[i]);
	}
	ck_assert_int_ne(ctrl(&h, &h.host, NVGSP_ABI_CTRL_NV2080_GPU_GET_ENGINES_V2, p, n - 4), 0);
	mistake(&h, "GET_ENGINES_V2: paramsSize");
	vh_fini(&h);
}
END_TEST

/* ---- BOOTLOAD ---- */

enum { NOT_ENABLED, GFID0, NO_TYPE, NSEG0, NSEG_BIG, SEG_ALIGN, SEG_EMPTY, SEG_PAST_FB,
       SEG_OVERLAP, SEG_TOTAL, HEAP_ALIGN, HEAP_SMALL, HEAP_IN_SEG, CTRL_OFF, LOG_OUTSIDE,
       LOG_ON_RPC, LOGS_OVERLAP, NCHAN0, CHID_LOW, CHID_HIGH, CHID_UNLISTED,
       OTHER_SEG, OTHER_HEAP, OTHER_CHID, NR_BAD };

static const struct {
	const char *what;
} bad_want[NR_BAD] = {
	[NOT_ENABLED] = { "gfid 7 is not an enabled VF's" },
	[GFID0] = { "gfid 0 is not an enabled VF's" },
	[NO_TYPE] = { "vGPU type 12345 was not added" },
	[NSEG0] = { "numGuestFbSegments 0 is outside 1..384" },
	[NSEG_BIG] = { "numGuestFbSegments 385 is outside 1..384" },
	[SEG_ALIGN] = { "is empty or not aligned to the VMMU segment size" },
	[SEG_EMPTY] = { "is empty or not aligned to the VMMU segment size" },
	[SEG_PAST_FB] = { "is outside the FB for vGPUs" },
	[SEG_OVERLAP] = { "guest FB segments 0 and 1 overlap" },
	[SEG_TOTAL] = { "total 0x42000000, more than vGPU type 869's fbLength 0x40000000" },
	[HEAP_ALIGN] = { "plugin heap" },
	[HEAP_SMALL] = { "the host RPC regions and logs need" },
	[HEAP_IN_SEG] = { "overlaps guest FB segment 0" },
	[CTRL_OFF] = { "ctrlBuffOffset 0x800" },
	[LOG_OUTSIDE] = { "initTaskLogBuffOffset" },
	[LOG_ON_RPC] = { "overlaps the host RPC regions" },
	[LOGS_OVERLAP] = { "overlap" },
	[NCHAN0] = { "numChannels 0 is outside" },
	[CHID_LOW] = { "chidOffset[0x1] 100 + numChannels 32 is outside the vGPU channel pool [512, 2048)" },
	[CHID_HIGH] = { "is outside the vGPU channel pool" },
	[CHID_UNLISTED] = { "chidOffset[0x2] is 600, but engine type 0x2 is not in" },
	[OTHER_SEG] = { "overlaps GFID 2's guest FB segment 0" },
	[OTHER_HEAP] = { "overlaps GFID 2's plugin heap" },
	[OTHER_CHID] = { "overlap GFID 2's" },
};

static void break_bootload(struct vh *h, int k, struct nvgsp_abi_vgpu_bootload *b)
{
	switch (k) {
	case NOT_ENABLED: b->gfid = 7; break;
	case GFID0: b->gfid = 0; break;
	case NO_TYPE: b->vgpu_type = 12345; break;
	case NSEG0: b->num_fb_segments = 0; break;
	case NSEG_BIG: b->num_fb_segments = 385; break;
	case SEG_ALIGN: b->fb_seg_addr[0] += 0x100000; break;
	case SEG_EMPTY:
		b->num_fb_segments = 2;
		b->fb_seg_len[0] = TYPE_FB;
		b->fb_seg_addr[1] = b->fb_seg_addr[0] + TYPE_FB;
		break;
	case SEG_PAST_FB: b->fb_seg_addr[0] = 1ull << 40; break;
	case SEG_OVERLAP:
		b->num_fb_segments = 2;
		b->fb_seg_len[0] = TYPE_FB / 2;
		b->fb_seg_addr[1] = b->fb_seg_addr[0] + SEG;
		b->fb_seg_len[1] = TYPE_FB / 2;
		break;
	case SEG_TOTAL:	/* one segment more than the type's framebuffer */
		b->num_fb_segments = 2;
		b->fb_seg_addr[1] = b->fb_seg_addr[0] + TYPE_FB;
		b->fb_seg_len[1] = SEG;
		break;
	case HEAP_ALIGN: b->plugin_heap_addr += 0x800; break;
	case HEAP_SMALL: b->plugin_heap_len = 0x100000; break;
	case HEAP_IN_SEG: b->plugin_heap_addr = b->fb_seg_addr[0] + SEG; break;
	case CTRL_OFF: b->ctrl_buff_offset = 0x800; break;
	case LOG_OUTSIDE: b->init_log_offset = b->plugin_heap_addr + HEAP_LEN; break;
	case LOG_ON_RPC: b->vgpu_log_offset = b->plugin_heap_addr; break;
	case LOGS_OVERLAP: b->vgpu_log_offset = b->init_log_offset + 0x1000; break;
	case NCHAN0: b->num_channels = 0; break;
	case CHID_LOW: b->chid_offset[1] = 100; break;
	case CHID_HIGH: b->chid_offset[0x33] = 2048 - 16; break;
	case CHID_UNLISTED: b->chid_offset[2] = 600; break;
	case OTHER_SEG: b->fb_seg_addr[0] = 2 * 2 * GIB; break;
	case OTHER_HEAP: b->plugin_heap_addr = heap_of(2) + 0x100000;
		b->init_log_offset = b->plugin_heap_addr + reg(h, R_INIT);
		b->vgpu_log_offset = b->plugin_heap_addr + reg(h, R_VGPU);
		if (h->has_kernel_log)
			b->kernel_log_offset = b->plugin_heap_addr + reg(h, R_KERN);
		break;
	case OTHER_CHID: b->chid_offset[0x1b] = 512 + NCHAN + 8; break;
	}
}

START_TEST(bootload_refusals)
{
	struct nvgsp_abi_vgpu_bootload b;
	struct gpusim_vgpu_stats vs;
	u32 id = TYPE_ID;
	struct vh h;

	vh_init(&h, _i);
	ck_assert_int_eq(add_types(&h, false, &id, 1, TYPE_FB), 0);
	bring_up(&h, 2);	/* the other vGPU the disjointness cases collide with */
	no_mistake(&h);
	for (int k = 0; k < NR_BAD; k++) {
		bootload_valid(&h, 1, &b);
		break_bootload(&h, k, &b);
		ck_assert_msg(bootload(&h, &h.vc[0], &b) != 0, "case %d accepted", k);
		ck_assert_msg(strstr(gpusim_vgpu_error(h.e.sim), bad_want[k].what),
			      "case %d: want \"%s\" in \"%s\"", k, bad_want[k].what,
			      gpusim_vgpu_error(h.e.sim));
		gpusim_vgpu_error_clear(h.e.sim);
		ck_assert_int_eq(stage(&h, 1), GPUSIM_VGPU_NONE);
		ck_assert_uint_eq(gpusim_vgpu_live(h.e.sim), 1);
	}
	/* the internal client, a second plugin on a GFID, a wrong paramsSize */
	{
		const struct nvgsp_abi_static_info *si = nvgsp_gsp_static_info(h.gsp);
		struct nvgsp_rm_subdevice in = {
			.h_client = si->h_internal_client, .h_subdevice = si->h_internal_subdevice,
		};
		u8 p[16] = { 0 };

		bootload_valid(&h, 1, &b);
		ck_assert_int_ne(bootload(&h, &in, &b), 0);
		mistake(&h, "sent on GSP-RM's internal client");
		bootload_valid(&h, 2, &b);
		ck_assert_int_ne(bootload(&h, &h.vc[1], &b), 0);
		mistake(&h, "GFID 2 already has a plugin (bootloaded)");
		ck_assert_int_ne(ctrl(&h, &h.vc[0],
				      NVGSP_ABI_CTRL_NV2080_VGPU_MGR_INTERNAL_BOOTLOAD_GSP_VGPU_PLUGIN_TASK,
				      p, sizeof(p)), 0);
		mistake(&h, "BOOTLOAD_GSP_VGPU_PLUGIN_TASK: paramsSize 16");
	}
	/* less than the type's framebuffer, in two segments, is accepted (ECC on) */
	bootload_valid(&h, 3, &b);
	b.num_fb_segments = 2;
	b.fb_seg_len[0] = SEG;
	b.fb_seg_addr[1] = b.fb_seg_addr[0] + 4 * SEG;
	b.fb_seg_len[1] = TYPE_FB - 2 * SEG;
	ck_assert_int_eq(bootload(&h, &h.vc[2], &b), 0);
	no_mistake(&h);
	/* the valid case still goes through, next to GFIDs 2 and 3 */
	bring_up(&h, 1);
	no_mistake(&h);
	ck_assert_uint_eq(gpusim_vgpu_live(h.e.sim), 3);
	gpusim_vgpu_get_stats(h.e.sim, &vs);
	ck_assert_uint_eq(vs.bootloads, 3);
	ck_assert_uint_eq(vs.refused, NR_BAD + 3);
	vh_fini(&h);
}
END_TEST

/*
 * The FB for vGPUs is the usable region GSP-RM's static info reports, as
 * the driver decodes it: a guest segment that ends at its last whole
 * segment is accepted, one segment further up is refused; so is a heap
 * that reaches past it.
 */
START_TEST(fb_bound)
{
	struct nvgsp_abi_vgpu_bootload b;
	size_t size, got = 0;
	u64 base = 1, usable = 0, end;
	u32 id = TYPE_ID;
	u8 *req, *reply;
	struct vh h;

	vh_init(&h, _i);
	ck_assert_int_eq(add_types(&h, false, &id, 1, TYPE_FB), 0);
	size = nvgsp_abi_codec_size(h.abi, NVGSP_ABI_CODEC_STATIC_INFO);
	req = calloc(1, size);
	reply = calloc(1, size);
	ck_assert(req && reply);
	ck_assert_int_eq(nvgsp_rpc_call(nvgsp_gsp_rpc(h.gsp), NVGSP_ABI_RPC_GET_GSP_STATIC_INFO,
					req, size, reply, size, &got, 0), 0);
	ck_assert_int_eq(nvgsp_vgpu_fb_usable(&h.e.dev, h.abi, reply, size, &base, &usable), 0);
	free(req);
	free(reply);
	ck_assert_uint_eq(base, 0);
	end = (base + usable) / SEG * SEG;
	ck_assert_uint_gt(end, 8 * GIB);

	bootload_valid(&h, 1, &b);
	b.fb_seg_addr[0] = end - TYPE_FB + SEG;	/* one segment past the end */
	ck_assert_int_ne(bootload(&h, &h.vc[0], &b), 0);
	mistake(&h, "is outside the FB for vGPUs");
	b.fb_seg_addr[0] = end - TYPE_FB;
	b.plugin_heap_addr = end - TYPE_FB - HEAP_LEN + 0x1000;	/* overlaps the segment */
	b.init_log_offset = b.plugin_heap_addr + reg(&h, R_INIT);
	b.vgpu_log_offset = b.plugin_heap_addr + reg(&h, R_VGPU);
	if (h.has_kernel_log)
		b.kernel_log_offset = b.plugin_heap_addr + reg(&h, R_KERN);
	ck_assert_int_ne(bootload(&h, &h.vc[0], &b), 0);
	mistake(&h, "overlaps guest FB segment 0");
	b.plugin_heap_addr = end - TYPE_FB - HEAP_LEN;
	b.init_log_offset = b.plugin_heap_addr + reg(&h, R_INIT);
	b.vgpu_log_offset = b.plugin_heap_addr + reg(&h, R_VGPU);
	if (h.has_kernel_log)
		b.kernel_log_offset = b.plugin_heap_addr + reg(&h, R_KERN);
	ck_assert_int_eq(bootload(&h, &h.vc[0], &b), 0);	/* the top of the usable FB */
	no_mistake(&h);
	vh_fini(&h);
}
END_TEST

START_TEST(bootload_marker_and_logs)
{
	struct nvgsp_abi_vgpu_bootload b;
	struct nvgsp_abi_vgpu_rpc_ctrl c;
	struct gpusim_vgpu_state st;
	u32 id = TYPE_ID;
	struct vh h;

	vh_init(&h, _i);
	ck_assert_int_eq(add_types(&h, false, &id, 1, TYPE_FB), 0);
	bootload_valid(&h, 3, &b);
	ck_assert_int_eq(bootload(&h, &h.vc[2], &b), 0);
	ck_assert_int_eq(stage(&h, 3), GPUSIM_VGPU_BOOTLOADING);
	ctrl_read(&h, 3, &c);
	ck_assert_uint_eq(c.message_seq, 0);		/* not yet */
	let_time_pass(4);
	ctrl_read(&h, 3, &c);
	ck_assert_uint_eq(c.message_seq, 0);		/* 4 ms: still not */
	let_time_pass(2);
	ctrl_read(&h, 3, &c);
	ck_assert_uint_eq(c.message_seq, 0x4e654a6f);	/* GSP_PLUGIN_BOOTLOADED */
	ck_assert_uint_eq(param(&h, "vgpu.rpc.bootloaded"), 0x4e654a6f);
	ck_assert(log_has(&h, 3, reg(&h, R_INIT), reg(&h, R_VGPU) - reg(&h, R_INIT), "bootloaded"));
	ck_assert(log_has(&h, 3, reg(&h, R_INIT), reg(&h, R_VGPU) - reg(&h, R_INIT), "GFID 3"));
	ck_assert_int_eq(gpusim_vgpu_query(h.e.sim, 3, &st), 0);
	ck_assert_uint_eq(st.type, TYPE_ID);
	ck_assert_uint_eq(st.nr_segments, 1);
	ck_assert_uint_eq(st.seg_addr[0], 6 * GIB);
	ck_assert_uint_eq(st.heap_addr, heap_of(3));
	ck_assert_uint_eq(st.chid_offset[1], 512 + 2 * NCHAN);
	ck_assert_uint_eq(st.h_client, h.vc[2].h_client);
	ck_assert_int_eq(gpusim_vgpu_query(h.e.sim, 0, &st), -EINVAL);
	ck_assert_int_eq(gpusim_vgpu_query(h.e.sim, 33, &st), -EINVAL);
	no_mistake(&h);
	ck_assert_str_eq(gpusim_error(h.e.sim), "");
	tear_down(&h, 3);
	vh_fini(&h);
}
END_TEST

/* ---- the host RPC channel ---- */

START_TEST(rpc_in_order)
{
	struct nvgsp_abi_vgpu_rpc_resp r;
	struct gpusim_vgpu_state st;
	u32 id = TYPE_ID;
	struct vh h;

	vh_init(&h, _i);
	ck_assert_int_eq(add_types(&h, false, &id, 1, TYPE_FB), 0);
	bring_up(&h, 1);
	ck_assert_uint_eq(msg_version(&h, 1, 1, 0x20000), 0);
	ck_assert_uint_eq(version_reply(&h, 1), 0x10001);	/* the lower of the two */
	{
		struct nvgsp_abi_vgpu_rpc_config c;

		config_valid(&h, 1, &c);
		ck_assert_uint_eq(msg_config(&h, 1, 2, &c, 0, 0), 0);
	}
	ck_assert_int_eq(stage(&h, 1), GPUSIM_VGPU_CONFIGURED);
	ck_assert_uint_eq(msg_bme(&h, 1, 3, true, true), 0);
	ck_assert_uint_eq(msg_plain(&h, 1, msgnum(&h, "reset"), 4), 0);
	ck_assert_int_eq(gpusim_vgpu_guest_write(h.e.sim, 1), 0);
	ck_assert_uint_eq(msg_plain(&h, 1, msgnum(&h, "get_guest_info"), 5), 0);
	resp_read(&h, 1, &r);
	ck_assert_uint_ne(r.guest_rpc_version, 0);
	ck_assert_uint_eq(r.grid_license_state, 1);
	if (_i == 1) {
		ck_assert_uint_eq(r.seq_received, 5);
		ck_assert_uint_eq(r.guest_os_type, 1);
		ck_assert_uint_eq(r.frl_config, 60);
	}
	/* a migration message is known but not served: refused, not a mistake */
	ck_assert_uint_ne(msg_plain(&h, 1, msgnum(&h, "migration_stop_work"), 6), 0);
	no_mistake(&h);
	ck_assert_int_eq(gpusim_vgpu_query(h.e.sim, 1, &st), 0);
	ck_assert_uint_eq(st.messages, 6);
	ck_assert_uint_eq(st.resets, 1);
	ck_assert(st.bme_enabled && st.bme_allowed && st.negotiated);
	ck_assert_uint_eq(st.last_seq, 6);
	ck_assert(log_has(&h, 1, reg(&h, R_VGPU), reg(&h, R_KERN) - reg(&h, R_VGPU),
			  "(UPDATE_BME_STATE) seq 3: result 0x0"));
	ck_assert_str_eq(gpusim_error(h.e.sim), "");
	tear_down(&h, 1);
	vh_fini(&h);
}
END_TEST

static void fix_version(struct nvgsp_abi_vgpu_rpc_ctrl *c) { c->version = 2; }
static void fix_offset(struct nvgsp_abi_vgpu_rpc_ctrl *c) { c->message_off += 0x1000; }

START_TEST(rpc_out_of_order)
{
	struct nvgsp_abi_vgpu_rpc_config c;
	struct nvgsp_abi_vgpu_rpc_resp r;
	struct gpusim_vgpu_state st;
	u32 id = TYPE_ID;
	struct vh h;

	vh_init(&h, _i);
	ck_assert_int_eq(add_types(&h, false, &id, 1, TYPE_FB), 0);
	/* before the marker: a doorbell nobody answers */
	{
		struct nvgsp_abi_vgpu_bootload b;

		bootload_valid(&h, 1, &b);
		ck_assert_int_eq(bootload(&h, &h.vc[0], &b), 0);
		gpusim_wr32(h.e.sim, PF_DOORBELL, 1 * 32 + 17);
		mistake(&h, "PF doorbell for GFID 1, whose plugin is bootloading");
		let_time_pass(6);
	}
	gpusim_wr32(h.e.sim, PF_DOORBELL, 1 * 32 + 3);
	mistake(&h, "not gfid * 32 + 17");
	/* RESET first, SETUP first: refused in order */
	ck_assert_uint_ne(msg_plain(&h, 1, msgnum(&h, "reset"), 1), 0);
	mistake(&h, "before VERSION_NEGOTIATION");
	ck_assert_uint_ne(msg_config(&h, 1, 2, (config_valid(&h, 1, &c), &c), 0, 0), 0);
	mistake(&h, "before VERSION_NEGOTIATION");
	/* a sequence number that is not the previous + 1 */
	send_msg(&h, 1, msgnum(&h, "version_negotiation"), 7, NULL, 0, NULL);
	mistake(&h, "message_seq_num 7, expected 3");
	/* a proposal lower than the plugin's is taken; again is refused */
	ck_assert_uint_eq(msg_version(&h, 1, 3, 0x100), 0);
	ck_assert_uint_eq(version_reply(&h, 1), 0x100);
	ck_assert_uint_ne(msg_version(&h, 1, 4, 0x100), 0);
	mistake(&h, "VERSION_NEGOTIATION again");
	ck_assert_uint_ne(msg_version(&h, 1, 5, 0), 0);
	mistake(&h, "VERSION_NEGOTIATION again");
	/* GET_GUEST_INFO before SETUP */
	ck_assert_uint_ne(msg_plain(&h, 1, msgnum(&h, "get_guest_info"), 6), 0);
	mistake(&h, "before SETUP_CONFIG_PARAMS_AND_INIT");
	/* SETUP field by field */
	{
		struct { const char *want; u32 seq; } cs[] = {
			{ "dbdf 0x1", 7 }, { "vgpu_type 870", 8 }, { "num_channels 31", 9 },
			{ "vgpu_device_instance_id 0x", 10 }, { "host_page_size 65536", 11 },
			{ "host_cpu_arch 3", 12 }, { "reserved member rev", 13 },
		};
		u32 rev_off = 0;
		const struct nvgsp_abi_struct *s =
			nvgsp_abi_find_struct(h.abi, h.abi->codecs[NVGSP_ABI_CODEC_VGPU_RPC_CONFIG].wire);

		ck_assert_ptr_nonnull(s);
		for (u32 i = 0; i < s->nr_fields; i++)
			if (!strncmp(s->fields[i].name, "rev", 3))
				rev_off = s->fields[i].offset;
		ck_assert_uint_ne(rev_off, 0);
		for (u32 k = 0; k < sizeof(cs) / sizeof(cs[0]); k++) {
			config_valid(&h, 1, &c);
			switch (k) {
			case 0: c.dbdf = 1; break;
			case 1: c.vgpu_type = 870; break;
			case 2: c.num_channels = 31; break;
			case 3: c.vgpu_device_instance_id = 0x77777777; break;
			case 4: c.host_page_size = 65536; break;
			case 5: c.host_cpu_arch = 3; break;
			}
			ck_assert_uint_ne(msg_config(&h, 1, cs[k].seq, &c, k == 6 ? rev_off : 0, 1), 0);
			mistake(&h, cs[k].want);
			ck_assert_int_eq(stage(&h, 1), GPUSIM_VGPU_BOOTLOADED);
		}
		config_valid(&h, 1, &c);
		c.host_cpu_arch = 1;	/* AARCH64 is fine too */
		ck_assert_uint_eq(msg_config(&h, 1, 14, &c, 0, 0), 0);
	}
	/* a BME payload that is not NvBool */
	{
		u8 bad[2] = { 2, 1 };
		u32 n = nvgsp_abi_codec_size(h.abi, NVGSP_ABI_CODEC_VGPU_RPC_BME);

		send_msg(&h, 1, msgnum(&h, "update_bme_state"), 15, bad, n, NULL);
		mistake(&h, "UPDATE_BME_STATE: byte 0 is 0x02");
	}
	/* a second doorbell before the first message was processed */
	send_msg(&h, 1, msgnum(&h, "reset"), 16, NULL, 0, NULL);
	gpusim_wr32(h.e.sim, PF_DOORBELL, 1 * 32 + 17);
	gpusim_wr32(h.e.sim, PF_DOORBELL, 1 * 32 + 17);
	mistake(&h, "while its message seq 16 is still being processed");
	let_time_pass(2);
	/* an unknown message type; a control region with a wrong version or offset */
	ck_assert_uint_ne(msg_plain(&h, 1, 99, 17), 0);
	mistake(&h, "message_type 99 is not a message");
	send_msg(&h, 1, msgnum(&h, "reset"), 18, NULL, 0, fix_version);
	mistake(&h, "control region version 2, expected 1");
	send_msg(&h, 1, msgnum(&h, "reset"), 18, NULL, 0, fix_offset);
	mistake(&h, "control region message_buff_offset");
	resp_read(&h, 1, &r);
	ck_assert_uint_eq(r.seq_processed, 17);	/* those two were not answered */
	ck_assert_int_eq(gpusim_vgpu_query(h.e.sim, 1, &st), 0);
	ck_assert_uint_eq(st.resets, 1);
	ck_assert_int_eq(st.stage, GPUSIM_VGPU_CONFIGURED);
	vh_fini(&h);
}
END_TEST

/* ---- lifecycle ---- */

START_TEST(lifecycle_order)
{
	struct gpusim_vgpu_state st;
	u32 id = TYPE_ID;
	struct vh h;

	vh_init(&h, _i);
	ck_assert_int_eq(add_types(&h, false, &id, 1, TYPE_FB), 0);
	ck_assert_int_ne(shutdown_(&h, 1), 0);
	mistake(&h, "GFID 1 has no live plugin (none)");
	ck_assert_int_ne(cleanup(&h, 1), 0);
	mistake(&h, "not shut down");
	ck_assert_int_ne(shutdown_(&h, 40), 0);
	mistake(&h, "gfid 40 is outside 1..32");
	/* SHUTDOWN while still bootloading is fine; CLEANUP then frees it all */
	{
		struct nvgsp_abi_vgpu_bootload b;
		struct gpusim_vgpu_state was;

		bootload_valid(&h, 1, &b);
		ck_assert_int_eq(bootload(&h, &h.vc[0], &b), 0);
		ck_assert_int_eq(gpusim_vgpu_query(h.e.sim, 1, &was), 0);
		ck_assert_int_ne(cleanup(&h, 1), 0);
		mistake(&h, "GFID 1's plugin is bootloading, not shut down");
		ck_assert_int_eq(shutdown_(&h, 1), 0);
		ck_assert_int_ne(shutdown_(&h, 1), 0);
		mistake(&h, "has no live plugin (shut down)");
		let_time_pass(6);
		ck_assert_int_eq(stage(&h, 1), GPUSIM_VGPU_SHUT_DOWN);	/* no marker after SHUTDOWN */
		ck_assert_int_eq(cleanup(&h, 1), 0);
		ck_assert_int_eq(stage(&h, 1), GPUSIM_VGPU_NONE);
		scrub(&h, &was);	/* SHUTDOWN left a record in the vGPU-task log */
	}
	/* the same FB, heap and channels serve GFID 1 again */
	bring_up(&h, 1);
	configure(&h, 1);
	tear_down(&h, 1);
	no_mistake(&h);
	/* a client freed while its plugin lives: torn down, and named */
	bring_up(&h, 2);
	nvgsp_rm_close(h.rm, &h.vc[1]);
	mistake(&h, "freed while GFID 2's plugin is bootloaded");
	ck_assert_int_eq(gpusim_vgpu_query(h.e.sim, 2, &st), 0);
	ck_assert_int_eq(st.stage, GPUSIM_VGPU_NONE);
	ck_assert_uint_eq(gpusim_vgpu_live(h.e.sim), 0);
	vh_fini(&h);
}
END_TEST

/*
 * The driver's GSP-RM teardown with a plugin still live: its RM client goes
 * first, which names the plugin, and the plugin is gone.
 */
START_TEST(unload_with_plugin)
{
	u32 id = TYPE_ID;
	struct vh h;

	vh_init(&h, _i);
	ck_assert_int_eq(add_types(&h, false, &id, 1, TYPE_FB), 0);
	bring_up(&h, 2);
	nvgsp_gsp_shutdown(h.gsp);
	h.gsp = NULL;
	mistake(&h, "freed while GFID 2's plugin is bootloaded");
	ck_assert_uint_eq(gpusim_vgpu_live(h.e.sim), 0);
	vh_fini(&h);
}
END_TEST

/* ---- tenant data ---- */

START_TEST(tenant)
{
	struct nvgsp_abi_vgpu_bootload b;
	struct gpusim_vgpu_state st;
	u32 id = TYPE_ID;
	u64 where = 0;
	u8 one = 0x5a;
	struct vh h;

	vh_init(&h, _i);
	ck_assert_int_eq(add_types(&h, false, &id, 1, TYPE_FB), 0);
	bring_up(&h, 1);
	ck_assert_int_eq(gpusim_vgpu_guest_write(h.e.sim, 2), -EINVAL);	/* no plugin */
	ck_assert_int_eq(gpusim_vgpu_guest_write(h.e.sim, 1), 0);
	ck_assert_int_eq(gpusim_vgpu_query(h.e.sim, 1, &st), 0);
	ck_assert(st.guest_ran);
	ck_assert_int_eq(shutdown_(&h, 1), 0);
	ck_assert_int_eq(cleanup(&h, 1), 0);
	/* nobody scrubbed: the pattern is there, in the segment's first page */
	ck_assert(gpusim_vgpu_find_nonzero(h.e.sim, &st, &where));
	ck_assert_uint_eq(where, st.seg_addr[0]);
	/* a BOOTLOAD over it is accepted (GSP-RM would not know) but recorded */
	bootload_valid(&h, 1, &b);
	ck_assert_int_eq(bootload(&h, &h.vc[0], &b), 0);
	mistake(&h, "guest FB segment 0 holds a previous tenant's byte at FB 0x80000000");
	ck_assert_int_eq(shutdown_(&h, 1), 0);
	ck_assert_int_eq(cleanup(&h, 1), 0);
	/* scrubbed: the check passes; a byte left in the heap is named */
	scrub(&h, &st);
	ck_assert_int_eq(gpusim_vram_write(h.e.sim, st.heap_addr + 0x3000 + 17, &one, 1), 0);
	ck_assert_int_eq(bootload(&h, &h.vc[0], &b), 0);
	mistake(&h, "the plugin heap holds a previous tenant's byte at FB 0x404003011");
	tear_down(&h, 1);
	/* the control region is the host's to write before BOOTLOAD */
	ck_assert_int_eq(gpusim_vram_write(h.e.sim, st.heap_addr + 4, &one, 1), 0);
	ck_assert_int_eq(bootload(&h, &h.vc[0], &b), 0);
	no_mistake(&h);
	vh_fini(&h);
}
END_TEST

/* ---- faults ---- */

START_TEST(faults)
{
	struct nvgsp_abi_vgpu_bootload b;
	struct nvgsp_abi_vgpu_rpc_ctrl c;
	struct nvgsp_abi_vgpu_rpc_resp r;
	u32 id = TYPE_ID;
	struct vh h;

	vh_init(&h, _i);
	ck_assert_int_eq(add_types(&h, false, &id, 1, TYPE_FB), 0);
	ck_assert_int_eq(gpusim_vgpu_fault(h.e.sim, 0, GPUSIM_VGPU_NR_FAULTS, 0), -EINVAL);
	ck_assert_int_eq(gpusim_vgpu_fault(h.e.sim, 33, GPUSIM_VGPU_FAULT_NEVER_BOOTS, 0), -EINVAL);

	/* BOOTLOAD refused with a status, once */
	ck_assert_int_eq(gpusim_vgpu_fault(h.e.sim, 0, GPUSIM_VGPU_FAULT_BOOTLOAD_STATUS,
					   NVGSP_ABI_STATUS_INSUFFICIENT_RESOURCES), 0);
	bootload_valid(&h, 1, &b);
	ck_assert_int_ne(bootload(&h, &h.vc[0], &b), 0);
	no_mistake(&h);
	ck_assert_int_eq(stage(&h, 1), GPUSIM_VGPU_NONE);
	/* the plugin never boots */
	ck_assert_int_eq(gpusim_vgpu_fault(h.e.sim, 1, GPUSIM_VGPU_FAULT_NEVER_BOOTS, 0), 0);
	ck_assert_int_eq(bootload(&h, &h.vc[0], &b), 0);
	let_time_pass(50);
	ctrl_read(&h, 1, &c);
	ck_assert_uint_eq(c.message_seq, 0);
	ck_assert_int_eq(stage(&h, 1), GPUSIM_VGPU_BOOTLOADING);
	tear_down(&h, 1);
	/* one shot: the next boots */
	bring_up(&h, 1);

	/* error result on VERSION_NEGOTIATION only */
	ck_assert_int_eq(gpusim_vgpu_fault(h.e.sim, 1, GPUSIM_VGPU_FAULT_RPC_ERROR,
					   msgnum(&h, "version_negotiation")), 0);
	ck_assert_uint_eq(msg_version(&h, 1, 1, 0x100), 0xffff);	/* NV_ERR_GENERIC */
	/* corrupted version reply */
	ck_assert_int_eq(gpusim_vgpu_fault(h.e.sim, 0, GPUSIM_VGPU_FAULT_BAD_VERSION, 0), 0);
	ck_assert_uint_eq(msg_version(&h, 1, 2, 0x100), 0);
	ck_assert_uint_eq(version_reply(&h, 1), 0xffffffffu);
	/* garbage result, then a wrong seq_processed */
	{
		struct nvgsp_abi_vgpu_rpc_config cf;

		config_valid(&h, 1, &cf);
		ck_assert_int_eq(gpusim_vgpu_fault(h.e.sim, 1, GPUSIM_VGPU_FAULT_RPC_GARBAGE, 0), 0);
		ck_assert_uint_eq(msg_config(&h, 1, 3, &cf, 0, 0), 0xdeadbeefu);
	}
	ck_assert_int_eq(gpusim_vgpu_fault(h.e.sim, 1, GPUSIM_VGPU_FAULT_RPC_BAD_SEQ, 0), 0);
	send_msg(&h, 1, msgnum(&h, "reset"), 4, NULL, 0, NULL);
	resp_read(&h, 1, &r);
	ck_assert_uint_eq(r.seq_processed, 4 + 0x100);
	/* a timeout: received (570: seq_received), never processed, nothing after */
	ck_assert_int_eq(gpusim_vgpu_fault(h.e.sim, 0, GPUSIM_VGPU_FAULT_RPC_TIMEOUT,
					   msgnum(&h, "get_guest_info")), 0);
	ck_assert_uint_eq(msg_bme(&h, 1, 5, true, true), 0);	/* not the one it waits for */
	send_msg(&h, 1, msgnum(&h, "get_guest_info"), 6, NULL, 0, NULL);
	let_time_pass(100);
	resp_read(&h, 1, &r);
	ck_assert_uint_eq(r.seq_processed, 5);
	if (_i == 1)
		ck_assert_uint_eq(r.seq_received, 6);
	send_msg(&h, 1, msgnum(&h, "reset"), 7, NULL, 0, NULL);
	resp_read(&h, 1, &r);
	ck_assert_uint_eq(r.seq_processed, 5);
	no_mistake(&h);
	/* SHUTDOWN still works on a hung plugin */
	tear_down(&h, 1);
	ck_assert_str_eq(gpusim_error(h.e.sim), "");
	vh_fini(&h);
}
END_TEST

/* ---- the periodic event ---- */

START_TEST(perfmon_samples)
{
	struct gpusim_vgpu_stats vs;
	struct vh h;

	vh_init(&h, _i);
	gpusim_vgpu_get_stats(h.e.sim, &vs);
	ck_assert_uint_eq(vs.samples, 0);
	for (int i = 0; i < 25; i++) {
		nvgsp_os_usleep(100 * 1000);
		ck_assert_int_ge(nvgsp_gsp_poll(h.gsp), 0);
	}
	gpusim_vgpu_get_stats(h.e.sim, &vs);
	ck_assert_uint_ge(vs.samples, 2);
	ck_assert_uint_le(vs.samples, 3);
	/* the driver takes them quietly */
	ck_assert_msg(!strstr(unit_log, "GPUACCT_PERFMON_UTIL_SAMPLES"), "%s", unit_log);
	ck_assert_str_eq(gpusim_error(h.e.sim), "");
	vh_fini(&h);
}
END_TEST

/* Without RMSetSriovMode there are no samples. */
START_TEST(no_samples_without_sriov_mode)
{
	const struct unit_gsp_row *r = row_for(releases[_i]);
	struct gpusim_vgpu_stats vs;
	struct nvgsp_gsp *gsp = NULL;
	struct unit_gsp e;

	unit_gsp_init(&e, r->chip, r->release, NULL, NULL);
	ck_assert_int_eq(nvgsp_gsp_boot(&e.cfg, &gsp), 0);
	for (int i = 0; i < 25; i++)
		nvgsp_os_usleep(100 * 1000);
	gpusim_vgpu_get_stats(e.sim, &vs);
	ck_assert_uint_eq(vs.samples, 0);
	nvgsp_gsp_shutdown(gsp);
	unit_gsp_fini(&e);
}
END_TEST

Suite *nvgsp_suite_gpusim_vgpu(void)
{
	Suite *s = suite_create("gpusim_vgpu");
	TCase *tc = tcase_create("vgpu");

	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, types_and_engines, 0, NREL);
	tcase_add_loop_test(tc, bootload_refusals, 0, NREL);
	tcase_add_loop_test(tc, fb_bound, 0, NREL);
	tcase_add_loop_test(tc, bootload_marker_and_logs, 0, NREL);
	tcase_add_loop_test(tc, rpc_in_order, 0, NREL);
	tcase_add_loop_test(tc, rpc_out_of_order, 0, NREL);
	tcase_add_loop_test(tc, lifecycle_order, 0, NREL);
	tcase_add_loop_test(tc, unload_with_plugin, 0, NREL);
	tcase_add_loop_test(tc, tenant, 0, NREL);
	tcase_add_loop_test(tc, faults, 0, NREL);
	tcase_add_loop_test(tc, perfmon_samples, 0, NREL);
	tcase_add_loop_test(tc, no_samples_without_sriov_mode, 0, NREL);
	suite_add_tcase(s, tc);
	return s;
}
