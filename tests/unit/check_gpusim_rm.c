// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gpusim_rm.c - gpusim's GSP-RM model (tests/gpusim/gpusim_rm.c,
 * gpusim_msgq.c) driven by a host side written here from the ABI tables'
 * codecs, not by the driver's transport (src/transport): libos arguments, RMARGS,
 * the shared queues and their elements are built by hand, so the model is
 * checked against the published layouts on its own.
 *
 * Table-driven over GA102 (535.113.01, 570.144) and GH100 (570.144), with
 * the real firmware files of the graphics-sid set.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "gpusim.h"
#include "gpusim_rm.h"
#include "gpusim_vgpu.h"

#define PAGE		0x1000u
#define LOG_SIZE	0x10000u
#define QSIZE		0x40000u
#define NPTE		(2 * QSIZE / PAGE + 1)	/* queue pages + one PTE page */
#define SHM_SIZE	(NPTE * PAGE)
#define CMDQ_OFF	PAGE
#define MSGQ_OFF	(PAGE + QSIZE)
#define SCRATCH		(0x001400u + 4u * 0x3fu)	/* the model's sequencer register */
#define GSP_MAILBOX0	0x110040u
#define GSP_IRQSCLR	0x110004u
#define SWGEN0		0x40u
/* The CPU interrupt tree (Documentation/hardware.rst, nouveau vfn/tu102.c). */
#define INTR_LEAF(i)	(0xb81000u + 4u * (i))
#define INTR_EN_SET(i)	(0xb81200u + 4u * (i))
#define INTR_TOP_EN_SET	0xb81608u
#define INTR_LEAVES	8u

static const struct row {
	const char *chip;
	const char *release;
	u16 chipset;
} rows[] = {
	{ "ga102", "535.113.01", 0x172 },
	{ "ga102", "570.144", 0x172 },
	{ "gh100", "570.144", 0x180 },
};
#define NROWS	(ARRAY_SIZE(rows))

/* Damage the host does to the next element it writes. */
enum corrupt {
	C_NONE,
	C_CHECKSUM,
	C_SEQ_SKIP,
	C_SIGNATURE,
	C_VERSION,
	C_ELEM_COUNT,
};

struct host {
	const struct row *row;
	struct gpusim *sim;
	struct gpusim_rm *rm;
	const struct nvgsp_abi *abi;
	struct nvgsp_os_device dev;
	struct nvgsp_os_dma libos, logs[3], rmargs;
	struct nvgsp_os_dma_sg *shm;
	u32 elem_hdr, rpc_hdr, cnt;
	u32 cmd_wptr, cmd_seq, rpc_seq;
	u32 msg_rptr, msg_seq;
	u64 now;
	enum corrupt corrupt;
	u16 device_id;
};

struct msg {
	u32 function;
	u32 result;
	u32 sequence;
	u8 *payload;
	u32 len;
	u32 elements;
	bool bad_checksum;
	bool seq_gap;
	bool torn;
};

/* ---- byte helpers ---- */

static u32 le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static void put32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

static void put64(u8 *p, u64 v)
{
	put32(p, (u32)v);
	put32(p + 4, (u32)(v >> 32));
}

static u64 le64(const u8 *p)
{
	return (u64)le32(p) | (u64)le32(p + 4) << 32;
}

static u32 fold(const u8 *p, size_t len)
{
	u64 x = 0;
	size_t i;

	for (i = 0; i < len; i += 8)
		x ^= le64(p + i);
	return (u32)(x >> 32) ^ (u32)x;
}

static u32 num(const struct host *h, enum nvgsp_abi_group g, u32 id)
{
	u32 n;

	ck_assert_int_eq(nvgsp_abi_number(h->abi, g, id, &n), 0);
	return n;
}

#define RPC(h, x)	num(h, NVGSP_ABI_GROUP_RPC, NVGSP_ABI_RPC_##x)
#define EVENT(h, x)	num(h, NVGSP_ABI_GROUP_EVENT, NVGSP_ABI_EVENT_##x)
#define STATUS(h, x)	num(h, NVGSP_ABI_GROUP_STATUS, NVGSP_ABI_STATUS_##x)
#define CLASS(h, x)	num(h, NVGSP_ABI_GROUP_CLASS, NVGSP_ABI_CLASS_##x)

static u64 param(const struct host *h, const char *name)
{
	u64 v;

	ck_assert_int_eq(nvgsp_abi_param(h->abi, name, &v), 0);
	return v;
}

/* ---- the shared buffer, page by page ---- */

static void shm_io(struct host *h, u64 off, void *buf, size_t len, bool write)
{
	u8 *b = buf;

	while (len) {
		size_t in = off % PAGE, n = PAGE - in;
		u8 *p = (u8 *)nvgsp_os_dma_sg_page(h->shm, off / PAGE) + in;

		if (n > len)
			n = len;
		if (write)
			memcpy(p, b, n);
		else
			memcpy(b, p, n);
		b += n;
		off += n;
		len -= n;
	}
}

static void tx_read(struct host *h, u64 off, struct nvgsp_abi_msgq_tx_header *tx)
{
	u8 buf[32];

	shm_io(h, off, buf, sizeof(buf), false);
	ck_assert_int_gt(nvgsp_abi_decode_msgq_tx_header(h->abi, tx, buf, sizeof(buf)), 0);
}

static void tx_write(struct host *h, u64 off, const struct nvgsp_abi_msgq_tx_header *tx)
{
	u8 buf[32];

	ck_assert_int_gt(nvgsp_abi_encode_msgq_tx_header(h->abi, tx, buf, sizeof(buf)), 0);
	shm_io(h, off, buf, sizeof(buf), true);
}

static u32 rx_read(struct host *h, u64 qoff)
{
	u8 buf[4];

	shm_io(h, qoff + param(h, "msgq.rx_hdr_off"), buf, 4, false);
	return le32(buf);
}

static void rx_write(struct host *h, u64 qoff, u32 v)
{
	u8 buf[4];

	put32(buf, v);
	shm_io(h, qoff + param(h, "msgq.rx_hdr_off"), buf, 4, true);
}

/* ---- set-up: what the driver prepares before GSP-RM starts ---- */

static void libos_entry(struct host *h, u32 i, const char *name, u64 pa, u64 size)
{
	struct nvgsp_abi_libos_region r = { .pa = pa, .size = size, .kind = 1, .loc = 1 };
	u32 esz = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_LIBOS_REGION);
	int k;

	for (k = 0; k < 8 && name[k]; k++)
		r.id8 = (r.id8 << 8) | (u8)name[k];
	ck_assert_int_gt(nvgsp_abi_encode_libos_region(h->abi, &r, (u8 *)h->libos.cpu + i * esz,
						       esz), 0);
}

static void host_init(struct host *h, u32 rowi)
{
	static const char *const names[] = { "LOGINIT", "LOGINTR", "LOGRM" };
	struct gpusim_config cfg = { 0 };
	struct nvgsp_abi_gsp_args args = { 0 };
	struct nvgsp_abi_msgq_tx_header tx = { 0 };
	struct gpusim_pci pci;
	char err[256];
	u8 buf[128];
	u32 i, k;

	memset(h, 0, sizeof(*h));
	h->row = &rows[rowi];
	cfg.chip = h->row->chip;
	cfg.release = h->row->release;
	cfg.fw_path = unit_fw_root("graphics-sid");
	cfg.fb_mib = 8192;
	ck_assert_msg(!gpusim_create(&cfg, &h->sim, err, sizeof(err)), "gpusim_create: %s", err);
	h->rm = gpusim_hw_rm(h->sim);
	ck_assert_ptr_nonnull(h->rm);
	h->abi = nvgsp_abi_find(h->row->release);
	ck_assert_ptr_nonnull(h->abi);
	gpusim_get_pci(h->sim, &pci);
	h->device_id = pci.device_id;
	h->elem_hdr = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_MSGQ_ELEMENT);
	h->rpc_hdr = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_RPC_HEADER);
	h->cnt = (QSIZE - PAGE) / PAGE;
	h->dev.name = "hb2-host";

	ck_assert_int_eq(nvgsp_os_dma_alloc(&h->dev, PAGE, &h->libos), 0);
	ck_assert_int_eq(nvgsp_os_dma_alloc(&h->dev, PAGE, &h->rmargs), 0);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(nvgsp_os_dma_alloc(&h->dev, LOG_SIZE, &h->logs[i]), 0);
		for (k = 0; k < LOG_SIZE / PAGE; k++)
			put64((u8 *)h->logs[i].cpu + 8 + 8 * k, h->logs[i].addr + k * PAGE);
		libos_entry(h, i, names[i], h->logs[i].addr, LOG_SIZE);
	}
	libos_entry(h, 3, "RMARGS", h->rmargs.addr, PAGE);

	ck_assert_int_eq(nvgsp_os_dma_sg_alloc(&h->dev, SHM_SIZE, &h->shm), 0);
	for (i = 0; i < NPTE; i++) {
		put64(buf, nvgsp_os_dma_sg_addr(h->shm, i));
		shm_io(h, 8 * i, buf, 8, true);
	}
	tx.version = 0;
	tx.size = QSIZE;
	tx.msg_size = PAGE;
	tx.msg_count = h->cnt;
	tx.flags = 1;
	tx.rx_hdr_off = 32;
	tx.entry_off = PAGE;
	tx_write(h, CMDQ_OFF, &tx);

	args.shared_mem_phys_addr = nvgsp_os_dma_sg_addr(h->shm, 0);
	args.page_table_entry_count = NPTE;
	args.cmd_queue_offset = CMDQ_OFF;
	args.stat_queue_offset = MSGQ_OFF;
	ck_assert_int_gt(nvgsp_abi_encode_gsp_args(h->abi, &args, h->rmargs.cpu, PAGE), 0);
}

static void host_fini(struct host *h)
{
	u32 i;

	gpusim_destroy(h->sim);
	nvgsp_os_dma_free(&h->dev, &h->libos);
	nvgsp_os_dma_free(&h->dev, &h->rmargs);
	for (i = 0; i < 3; i++)
		nvgsp_os_dma_free(&h->dev, &h->logs[i]);
	nvgsp_os_dma_sg_free(&h->dev, h->shm);
}

static void host_tick(struct host *h)
{
	h->now += 1000000;	/* 1 ms of virtual time */
	gpusim_tick(h->sim, h->now);
}

/* ---- commands ---- */

static void host_element(struct host *h, u32 fn, const u8 *payload, u32 chunk)
{
	struct nvgsp_abi_msgq_element el = { 0 };
	struct nvgsp_abi_rpc_header rpc = { 0 };
	struct nvgsp_abi_msgq_tx_header tx;
	u32 pages = (h->elem_hdr + h->rpc_hdr + chunk + PAGE - 1) / PAGE, i, tries;
	u8 *e;

	if (h->corrupt == C_ELEM_COUNT)
		pages++;
	for (tries = 0; tries < 4; tries++) {
		u32 free_slots = (rx_read(h, MSGQ_OFF) + h->cnt - h->cmd_wptr - 1) % h->cnt;

		if (free_slots >= pages)
			break;
		gpusim_rm_doorbell(h->rm);
	}
	e = calloc(1, (size_t)pages * PAGE);
	ck_assert_ptr_nonnull(e);
	rpc.header_version = (u32)param(h, "rpc.header_version");
	rpc.signature = (u32)param(h, "rpc.signature");
	rpc.length = h->rpc_hdr + chunk;
	rpc.function = fn;
	rpc.rpc_result = 0xffffffff;
	rpc.rpc_result_private = 0xffffffff;
	rpc.sequence = h->rpc_seq;
	if (h->corrupt == C_SIGNATURE)
		rpc.signature ^= 0x20;
	if (h->corrupt == C_VERSION)
		rpc.header_version = 0x02000000;
	nvgsp_abi_encode_rpc_header(h->abi, &rpc, e + h->elem_hdr, h->rpc_hdr);
	if (chunk)
		memcpy(e + h->elem_hdr + h->rpc_hdr, payload, chunk);
	if (h->corrupt == C_SEQ_SKIP)
		h->cmd_seq++;
	el.seq_num = h->cmd_seq++;
	el.elem_count = pages;
	nvgsp_abi_encode_msgq_element(h->abi, &el, e, h->elem_hdr);
	el.checksum = fold(e, (size_t)pages * PAGE);
	if (h->corrupt == C_CHECKSUM)
		el.checksum ^= 1;
	nvgsp_abi_encode_msgq_element(h->abi, &el, e, h->elem_hdr);
	h->corrupt = C_NONE;
	for (i = 0; i < pages; i++)
		shm_io(h, CMDQ_OFF + PAGE + (u64)((h->cmd_wptr + i) % h->cnt) * PAGE, e + i * PAGE,
		       PAGE, true);
	free(e);
	h->cmd_wptr = (h->cmd_wptr + pages) % h->cnt;
	tx_read(h, CMDQ_OFF, &tx);
	tx.write_ptr = h->cmd_wptr;
	tx_write(h, CMDQ_OFF, &tx);
}

/* Queue a command (split into continuation records when large); no doorbell. */
static u32 host_queue(struct host *h, u32 fn, const void *payload, u32 len)
{
	u32 max = (u32)param(h, "msgq.element_max") - h->elem_hdr - h->rpc_hdr, off = 0;
	u32 seq = ++h->rpc_seq;

	do {
		u32 chunk = len - off > max ? max : len - off;

		host_element(h, off ? RPC(h, CONTINUATION_RECORD) : fn, (const u8 *)payload + off,
			     chunk);
		off += chunk;
	} while (off < len);
	return seq;
}

static u32 host_send(struct host *h, u32 fn, const void *payload, u32 len)
{
	u32 seq = host_queue(h, fn, payload, len);

	gpusim_rm_doorbell(h->rm);
	return seq;
}

/* ---- messages ---- */

static void msg_free(struct msg *m)
{
	free(m->payload);
	memset(m, 0, sizeof(*m));
}

/* Read one element if the model published one; false when none is there. */
static bool host_element_in(struct host *h, struct msg *m, bool append)
{
	struct nvgsp_abi_msgq_tx_header tx;
	struct nvgsp_abi_msgq_element el;
	struct nvgsp_abi_rpc_header rpc;
	u32 avail, i, len;
	u8 *e;

	tx_read(h, MSGQ_OFF, &tx);
	if (tx.write_ptr == h->msg_rptr)
		return false;
	avail = (tx.write_ptr + h->cnt - h->msg_rptr) % h->cnt;
	e = calloc(16, PAGE);
	ck_assert_ptr_nonnull(e);
	shm_io(h, MSGQ_OFF + PAGE + (u64)h->msg_rptr * PAGE, e, PAGE, false);
	nvgsp_abi_decode_msgq_element(h->abi, &el, e, h->elem_hdr);
	ck_assert_uint_ge(el.elem_count, 1);
	ck_assert_uint_le(el.elem_count, 16);
	if (el.elem_count > avail) {
		m->torn = true;
		free(e);
		return true;
	}
	for (i = 1; i < el.elem_count; i++)
		shm_io(h, MSGQ_OFF + PAGE + (u64)((h->msg_rptr + i) % h->cnt) * PAGE, e + i * PAGE,
		       PAGE, false);
	if (fold(e, (size_t)el.elem_count * PAGE))
		m->bad_checksum = true;
	if (el.seq_num != h->msg_seq)
		m->seq_gap = true;
	h->msg_seq = el.seq_num + 1;
	nvgsp_abi_decode_rpc_header(h->abi, &rpc, e + h->elem_hdr, h->rpc_hdr);
	ck_assert_uint_eq(rpc.signature, (u32)param(h, "rpc.signature"));
	ck_assert_uint_eq(rpc.header_version, (u32)param(h, "rpc.header_version"));
	ck_assert_uint_ge(rpc.length, h->rpc_hdr);
	len = rpc.length - h->rpc_hdr;
	if (!append) {
		m->function = rpc.function;
		m->result = rpc.rpc_result;
		m->sequence = rpc.sequence;
	}
	m->payload = realloc(m->payload, m->len + len + 1);
	ck_assert_ptr_nonnull(m->payload);
	memcpy(m->payload + m->len, e + h->elem_hdr + h->rpc_hdr, len);
	m->len += len;
	m->elements++;
	free(e);
	h->msg_rptr = (h->msg_rptr + el.elem_count) % h->cnt;
	rx_write(h, CMDQ_OFF, h->msg_rptr);
	return true;
}

/* The function of the next published element, or ~0 when none. */
static u32 host_peek_fn(struct host *h)
{
	struct nvgsp_abi_msgq_tx_header tx;
	struct nvgsp_abi_rpc_header rpc;
	u8 buf[128];

	tx_read(h, MSGQ_OFF, &tx);
	if (tx.write_ptr == h->msg_rptr)
		return ~0u;
	shm_io(h, MSGQ_OFF + PAGE + (u64)h->msg_rptr * PAGE, buf, h->elem_hdr + h->rpc_hdr,
	       false);
	nvgsp_abi_decode_rpc_header(h->abi, &rpc, buf + h->elem_hdr, h->rpc_hdr);
	return rpc.function;
}

/* Wait (in virtual time) for a message and gather its continuation records. */
static bool host_recv(struct host *h, struct msg *m, u32 ticks)
{
	u32 max = (u32)param(h, "msgq.element_max") - h->elem_hdr - h->rpc_hdr, t;

	memset(m, 0, sizeof(*m));
	for (t = 0; !host_element_in(h, m, false); t++) {
		if (t >= ticks)
			return false;
		host_tick(h);
	}
	while (!m->torn && m->len % max == 0 && m->len) {
		for (t = 0; t < 10 && host_peek_fn(h) == ~0u; t++)
			host_tick(h);
		if (host_peek_fn(h) != RPC(h, CONTINUATION_RECORD))
			break;
		host_element_in(h, m, true);
	}
	return true;
}

static void host_expect(struct host *h, struct msg *m, u32 fn)
{
	ck_assert_msg(host_recv(h, m, 50), "%s %s: no message (expected function 0x%x); gpusim: %s",
		      h->row->chip, h->row->release, fn, gpusim_error(h->sim));
	ck_assert_msg(m->function == fn, "%s %s: function 0x%x, expected 0x%x",
		      h->row->chip, h->row->release, m->function, fn);
	ck_assert(!m->bad_checksum && !m->seq_gap && !m->torn);
}

/* ---- the init flow, as a driver does it ---- */

/* GSP_SET_SYSTEM_INFO; @vf: gspVFInfo's fields (NULL: all zero, no SR-IOV). */
static void host_system_info_vf(struct host *h, u64 bar0, u32 mirror,
				const struct nvgsp_abi_system_info *vf)
{
	struct nvgsp_abi_system_info si = { 0 };
	u32 n = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_SYSTEM_INFO);
	u8 *buf = calloc(1, n);

	ck_assert_ptr_nonnull(buf);
	si.gpu_phys_addr = bar0;
	si.gpu_phys_fb_addr = 0xe0000000;
	si.pci_config_mirror_base = mirror;
	si.pci_config_mirror_size = 0x1000;
	si.pci_device_id = (u32)h->device_id << 16 | 0x10de;
	si.max_user_va = (1ull << 47) - 4096;
	if (vf) {
		si.vf_total = vf->vf_total;
		si.vf_first_offset = vf->vf_first_offset;
		si.vf_bar0_address = vf->vf_bar0_address;
		si.vf_bar1_address = vf->vf_bar1_address;
		si.vf_bar2_address = vf->vf_bar2_address;
		si.vf_bar0_64bit = vf->vf_bar0_64bit;
		si.vf_bar1_64bit = vf->vf_bar1_64bit;
		si.vf_bar2_64bit = vf->vf_bar2_64bit;
	}
	ck_assert_int_gt(nvgsp_abi_encode_system_info(h->abi, &si, buf, n), 0);
	host_queue(h, RPC(h, GSP_SET_SYSTEM_INFO), buf, n);
	free(buf);
}

static void host_system_info(struct host *h, u64 bar0, u32 mirror)
{
	host_system_info_vf(h, bar0, mirror, NULL);
}

static u32 mirror_of(const struct host *h)
{
	return (h->row->chipset >> 4) >= 0x18 ? 0x092000 : 0x088000;
}

/* Two DWORD keys and a string, laid out as nouveau's build_registry(). */
static u32 registry_build(struct host *h, u8 *buf, u32 room)
{
	static const char *const keys[] = { "RMSecBusResetEnable", "RMForcePcieConfigSave",
					    "RMGpusimNote" };
	u32 esz = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_REGISTRY_ENTRY);
	u32 off = 8 + 3 * esz, i;
	struct nvgsp_abi_registry_table t = { .num_entries = 3 };

	memset(buf, 0, room);
	for (i = 0; i < 3; i++) {
		struct nvgsp_abi_registry_entry e = { .name_offset = off, .type = 1, .data = 1,
						      .length = 4 };

		strcpy((char *)buf + off, keys[i]);
		off += (u32)strlen(keys[i]) + 1;
		if (i == 2) {
			e.type = 3;
			e.data = off;
			e.length = 6;
			memcpy(buf + off, "hello", 6);
			off += 6;
		}
		nvgsp_abi_encode_registry_entry(h->abi, &e, buf + 8 + i * esz, esz);
	}
	t.size = off;
	nvgsp_abi_encode_registry_table(h->abi, &t, buf, 8);
	ck_assert_uint_le(off, room);
	return off;
}

static void host_registry(struct host *h)
{
	u8 buf[256];
	u32 n = registry_build(h, buf, sizeof(buf));

	host_queue(h, RPC(h, SET_REGISTRY), buf, n);
}

/* Run a RUN_CPU_SEQUENCER payload through the BAR, as the driver would. */
static u32 host_run_seq(struct host *h, const struct msg *m)
{
	struct nvgsp_abi_sequencer s;
	u32 hsz = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_SEQUENCER), i = 0, ops = 0, id;
	const u8 *w = m->payload + hsz;

	ck_assert_uint_ge(m->len, hsz);
	nvgsp_abi_decode_sequencer(h->abi, &s, m->payload, hsz);
	ck_assert_uint_le(s.cmd_index, s.buffer_size_dword);
	ck_assert_uint_le(hsz + 4 * s.buffer_size_dword, m->len);
	while (i < s.cmd_index) {
		ck_assert_int_eq(nvgsp_abi_seqop_id(h->abi, le32(w + 4 * i), &id), 0);
		ops++;
		switch (id) {
		case NVGSP_ABI_SEQOP_REG_WRITE:
			gpusim_wr32(h->sim, le32(w + 4 * (i + 1)), le32(w + 4 * (i + 2)));
			i += 3;
			break;
		case NVGSP_ABI_SEQOP_REG_POLL: {
			u32 t;

			for (t = 0; t < 10; t++) {
				if ((gpusim_rd32(h->sim, le32(w + 4 * (i + 1))) &
				     le32(w + 4 * (i + 2))) == le32(w + 4 * (i + 3)))
					break;
				host_tick(h);
			}
			ck_assert_uint_lt(t, 10);
			i += 6;
			break;
		}
		case NVGSP_ABI_SEQOP_DELAY_US:
			host_tick(h);
			i += 2;
			break;
		case NVGSP_ABI_SEQOP_REG_STORE:
			ck_assert_uint_lt(le32(w + 4 * (i + 2)), 8);
			gpusim_rd32(h->sim, le32(w + 4 * (i + 1)));
			i += 3;
			break;
		default:
			ck_abort_msg("unexpected sequencer opcode %u", id);
		}
	}
	return ops;
}

/* Queue the init commands, start GSP-RM; optionally run the sequencer. */
static void host_start(struct host *h)
{
	host_system_info(h, 0xf0000000, mirror_of(h));
	host_registry(h);
	ck_assert_msg(!gpusim_rm_start(h->rm, h->libos.addr), "start: %s", gpusim_error(h->sim));
}

static void host_boot(struct host *h)
{
	struct msg m;

	host_start(h);
	host_expect(h, &m, EVENT(h, GSP_RUN_CPU_SEQUENCER));
	ck_assert_uint_eq(host_run_seq(h, &m), 4);
	msg_free(&m);
	host_expect(h, &m, EVENT(h, GSP_INIT_DONE));
	ck_assert_uint_eq(m.len, 0);
	msg_free(&m);
}

static char *log_text(struct host *h, u32 which)
{
	return (char *)h->logs[which].cpu + 8 + 8 * (LOG_SIZE / PAGE);
}

/* ---- init flow and static info ---- */

START_TEST(init_flow)
{
	struct gpusim_stats st;
	struct host h;
	u64 put;
	u32 i;

	host_init(&h, (u32)_i);
	/* every vector enabled: GSP-RM's messages reach the CPU */
	for (i = 0; i < INTR_LEAVES; i++)
		gpusim_wr32(h.sim, INTR_EN_SET(i), 0xffffffffu);
	gpusim_wr32(h.sim, INTR_TOP_EN_SET, 0xffffffffu);
	host_boot(&h);
	ck_assert_str_eq(gpusim_error(h.sim), "");
	gpusim_get_stats(h.sim, &st);
	ck_assert_uint_eq(st.gsp_booted, 1);
	ck_assert_uint_eq(st.rpcs, 2);
	ck_assert_uint_eq(st.events, 2);
	ck_assert_uint_eq(st.seq_ops, 4);
	ck_assert_uint_ge(st.irqs, 1);
	ck_assert(gpusim_irq_pending(h.sim));
	ck_assert_uint_eq(gpusim_hw_rd32(h.sim, SCRATCH), 0x5e9c0de5);
	/* the boot banner in LOGINIT, after its put pointer and 16 PTEs */
	put = le64(h.logs[0].cpu);
	ck_assert_uint_gt(put, 1 + LOG_SIZE / PAGE);
	ck_assert_ptr_nonnull(strstr(log_text(&h, 0), "gpusim model"));
	ck_assert_ptr_nonnull(strstr(log_text(&h, 0), h.row->release));
	host_fini(&h);
}
END_TEST

START_TEST(static_info)
{
	struct nvgsp_abi_static_info si;
	u32 n, seq;
	struct host h;
	struct msg m;
	u8 *req;

	host_init(&h, (u32)_i);
	host_boot(&h);
	n = nvgsp_abi_codec_size(h.abi, NVGSP_ABI_CODEC_STATIC_INFO);
	req = calloc(1, n);
	seq = host_send(&h, RPC(&h, GET_GSP_STATIC_INFO), req, n);
	free(req);
	host_expect(&h, &m, RPC(&h, GET_GSP_STATIC_INFO));
	ck_assert_uint_eq(m.result, STATUS(&h, OK));
	ck_assert_uint_eq(m.sequence, seq);
	ck_assert_uint_eq(m.len, n);
	ck_assert_int_gt(nvgsp_abi_decode_static_info(h.abi, &si, m.payload, m.len), 0);
	ck_assert_uint_eq(si.fb_length, 8192ull << 20);
	ck_assert_ptr_nonnull(strstr((char *)si.gpu_name, !strcmp(h.row->chip, "ga102") ?
				     "GA102" : "GH100"));
	ck_assert_uint_ne(si.h_internal_client, 0);
	ck_assert_uint_ne(si.h_internal_device, 0);
	ck_assert_uint_ne(si.h_internal_subdevice, 0);
	ck_assert_uint_eq(si.sriov_max_gfid, si.sriov_total_vfs);
	ck_assert(si.vbios_valid);
	{
		/* the BAR root directories: in the RM-reserved region, below WPR2 */
		const struct nvgsp_abi_struct *st = nvgsp_abi_find_struct(h.abi,
			h.abi->codecs[NVGSP_ABI_CODEC_STATIC_INFO].wire);
		u64 usable_end = gpusim_rm_usable_fb_end(h.rm), pde[2] = { 0, 0 };
		u32 i, k = 0;

		ck_assert_ptr_nonnull(st);
		for (i = 0; i < st->nr_fields; i++)
			if (!strcmp(st->fields[i].name, "bar1PdeBase") ||
			    !strcmp(st->fields[i].name, "bar2PdeBase")) {
				ck_assert_uint_le(st->fields[i].offset + 8, m.len);
				pde[k++ & 1] = le64(m.payload + st->fields[i].offset);
			}
		ck_assert_uint_eq(k, 2);
		for (i = 0; i < 2; i++) {
			ck_assert_uint_eq(pde[i] % 4096, 0);
			ck_assert_uint_ge(pde[i], usable_end);
			ck_assert_uint_lt(pde[i], si.fb_length);
		}
		ck_assert_uint_ne(pde[0], pde[1]);
	}
	msg_free(&m);
	host_fini(&h);
}
END_TEST

/* UPDATE_BAR_PDE as nouveau r535/bar.c sends it: answered OK with its payload. */
START_TEST(update_bar_pde)
{
	struct host h;
	struct msg m;
	u8 req[24] = { 0 };
	u32 seq;

	host_init(&h, (u32)_i);
	host_boot(&h);
	put32(req, 1);				/* NV_RPC_UPDATE_PDE_BAR_2 */
	put64(req + 8, 0x0000000123456781ull);	/* a PDE */
	put64(req + 16, 47);			/* the level's page shift */
	seq = host_send(&h, RPC(&h, UPDATE_BAR_PDE), req, sizeof(req));
	host_expect(&h, &m, RPC(&h, UPDATE_BAR_PDE));
	ck_assert_uint_eq(m.result, STATUS(&h, OK));
	ck_assert_uint_eq(m.sequence, seq);
	ck_assert_uint_eq(m.len, sizeof(req));
	ck_assert_mem_eq(m.payload, req, sizeof(req));
	msg_free(&m);
	/* a bar type GSP-RM does not know, and a short payload */
	put32(req, 2);
	host_send(&h, RPC(&h, UPDATE_BAR_PDE), req, sizeof(req));
	host_expect(&h, &m, RPC(&h, UPDATE_BAR_PDE));
	ck_assert_uint_eq(m.result, STATUS(&h, INVALID_ARGUMENT));
	msg_free(&m);
	host_send(&h, RPC(&h, UPDATE_BAR_PDE), req, 16);
	host_expect(&h, &m, RPC(&h, UPDATE_BAR_PDE));
	ck_assert_uint_eq(m.result, STATUS(&h, INVALID_ARGUMENT));
	msg_free(&m);
	ck_assert_str_eq(gpusim_error(h.sim), "");
	host_fini(&h);
}
END_TEST

/* A version 2 PDE for a table in VRAM (nouveau gp100_vmm_pde()). */
static u64 vid_pde(u64 addr)
{
	return (addr >> 4) | 1ull << 1;
}

/*
 * BAR3 (nouveau's BAR2) through the page tables: nouveau's root entry goes
 * to GSP-RM with UPDATE_BAR_PDE; a 4 KiB page and a 64 KiB page mapped,
 * written and read through the BAR; unmapped addresses read 0 and count.
 */
START_TEST(bar_through_page_tables)
{
	const u64 pd2 = 0x100000, pd1 = 0x101000, pd0 = 0x102000, spt = 0x103000,
		  lpt = 0x104000, page4k = 0x200000, page64k = 0x210000;
	u8 req[24] = { 0 }, e16[16], buf[8], got[8];
	u64 before, e;
	struct host h;
	struct msg m;

	host_init(&h, (u32)_i);
	host_boot(&h);
	/* VA 0x201000: PD3 0, PD2 0, PD1 0, PD0 1, small PT 1; VA 0x210000: big PT 1 */
	e = vid_pde(pd1);
	gpusim_vram_write(h.sim, pd2, &e, 8);
	e = vid_pde(pd0);
	gpusim_vram_write(h.sim, pd1, &e, 8);
	put64(e16, vid_pde(lpt));
	put64(e16 + 8, vid_pde(spt));
	gpusim_vram_write(h.sim, pd0 + 16, e16, 16);
	e = (page4k >> 4) | 1;		/* valid, video memory */
	gpusim_vram_write(h.sim, spt + 1 * 8, &e, 8);
	e = (page64k >> 4) | 1;
	gpusim_vram_write(h.sim, lpt + 1 * 8, &e, 8);
	/* nouveau r535_bar_bar2_init(): its root's entry 0, which points at pd2 */
	put32(req, 1);
	put64(req + 8, vid_pde(pd2));
	put64(req + 16, 47);
	host_send(&h, RPC(&h, UPDATE_BAR_PDE), req, sizeof(req));
	host_expect(&h, &m, RPC(&h, UPDATE_BAR_PDE));
	ck_assert_uint_eq(m.result, STATUS(&h, OK));
	msg_free(&m);

	put64(buf, 0x1122334455667788ull);
	ck_assert_int_eq(gpusim_bar_access(h.sim, 3, 0x201ff8, buf, 8, true), 0);
	gpusim_vram_read(h.sim, page4k + 0xff8, got, 8);
	ck_assert_mem_eq(got, buf, 8);
	ck_assert_int_eq(gpusim_bar_access(h.sim, 3, 0x21fff8, buf, 8, true), 0);
	gpusim_vram_read(h.sim, page64k + 0xfff8, got, 8);
	ck_assert_mem_eq(got, buf, 8);
	memset(got, 0xff, 8);
	ck_assert_int_eq(gpusim_bar_access(h.sim, 3, 0x201ff8, got, 8, false), 0);
	ck_assert_mem_eq(got, buf, 8);
	/* unmapped: the next 4 KiB page, and BAR1 whose directory is empty */
	before = gpusim_bar_unmapped(h.sim);
	memset(got, 0xff, 8);
	gpusim_bar_access(h.sim, 3, 0x202000, got, 8, false);
	ck_assert_uint_eq(le64(got), 0);
	gpusim_bar_access(h.sim, 1, 0x201ff8, got, 8, false);
	ck_assert_uint_eq(le64(got), 0);
	ck_assert_uint_eq(gpusim_bar_unmapped(h.sim), before + 2);
	ck_assert_int_eq(gpusim_bar_access(h.sim, 2, 0, got, 8, false), -EINVAL);
	ck_assert_str_eq(gpusim_error(h.sim), "");
	host_fini(&h);
}
END_TEST

/* Nothing but the init commands is answered before GSP_INIT_DONE. */
START_TEST(nothing_before_init_done)
{
	struct host h;
	struct msg m;
	u32 n;
	u8 *req;

	host_init(&h, (u32)_i);
	n = nvgsp_abi_codec_size(h.abi, NVGSP_ABI_CODEC_STATIC_INFO);
	req = calloc(1, n);
	host_system_info(&h, 0xf0000000, mirror_of(&h));
	host_registry(&h);
	host_queue(&h, RPC(&h, GET_GSP_STATIC_INFO), req, n);
	free(req);
	ck_assert_int_eq(gpusim_rm_start(h.rm, h.libos.addr), 0);
	host_expect(&h, &m, EVENT(&h, GSP_RUN_CPU_SEQUENCER));
	/* the static-info command is still in the queue, unread */
	ck_assert_uint_ne(rx_read(&h, MSGQ_OFF), h.cmd_wptr);
	host_run_seq(&h, &m);
	msg_free(&m);
	host_expect(&h, &m, EVENT(&h, GSP_INIT_DONE));
	msg_free(&m);
	host_expect(&h, &m, RPC(&h, GET_GSP_STATIC_INFO));
	msg_free(&m);
	ck_assert_str_eq(gpusim_error(h.sim), "");
	host_fini(&h);
}
END_TEST

/* ---- the object table ---- */

static u32 host_alloc(struct host *h, u32 client, u32 parent, u32 object, u32 cls)
{
	struct nvgsp_abi_rm_alloc a = { .h_client = client, .h_parent = parent,
					.h_object = object, .h_class = cls, .params_size = 8 };
	u8 buf[64] = { 0 };
	struct nvgsp_abi_rm_alloc r;
	struct msg m;
	u32 st;

	ck_assert_int_eq(nvgsp_abi_encode_rm_alloc(h->abi, &a, buf, 32), 32);
	host_send(h, RPC(h, GSP_RM_ALLOC), buf, 40);
	host_expect(h, &m, RPC(h, GSP_RM_ALLOC));
	ck_assert_uint_eq(m.result, STATUS(h, OK));
	ck_assert_uint_eq(m.len, 40);
	nvgsp_abi_decode_rm_alloc(h->abi, &r, m.payload, 32);
	ck_assert_uint_eq(r.h_object, object);
	st = r.status;
	msg_free(&m);
	return st;
}

static u32 host_free(struct host *h, u32 client, u32 object)
{
	struct nvgsp_abi_rm_free f = { .h_root = client, .h_object_old = object };
	u8 buf[16];
	struct msg m;

	nvgsp_abi_encode_rm_free(h->abi, &f, buf, 16);
	host_send(h, RPC(h, FREE), buf, 16);
	host_expect(h, &m, RPC(h, FREE));
	nvgsp_abi_decode_rm_free(h->abi, &f, m.payload, 16);
	msg_free(&m);
	return f.status;
}

/* A control; @params (in/out) of @psize bytes. Returns its status. */
static u32 host_control(struct host *h, u32 client, u32 object, u32 cmd, u8 *params, u32 psize)
{
	struct nvgsp_abi_rm_control c = { .h_client = client, .h_object = object, .cmd = cmd,
					  .params_size = psize };
	u8 *buf = calloc(1, 24 + psize);
	struct msg m;

	ck_assert_ptr_nonnull(buf);
	nvgsp_abi_encode_rm_control(h->abi, &c, buf, 24);
	memcpy(buf + 24, params, psize);
	host_send(h, RPC(h, GSP_RM_CONTROL), buf, 24 + psize);
	free(buf);
	host_expect(h, &m, RPC(h, GSP_RM_CONTROL));
	ck_assert_uint_eq(m.result, STATUS(h, OK));
	ck_assert_uint_eq(m.len, 24 + psize);
	nvgsp_abi_decode_rm_control(h->abi, &c, m.payload, 24);
	memcpy(params, m.payload + 24, psize);
	msg_free(&m);
	return c.status;
}

START_TEST(objects)
{
	const u32 cl = 0xc1d00001, dev = 0xde000001, sub = 0x5b000001, cl2 = 0xc1d00002;
	struct gpusim_stats st;
	struct host h;
	u8 p[8] = { 0 };
	u32 vmmu;

	host_init(&h, (u32)_i);
	host_boot(&h);
	vmmu = num(&h, NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE);

	ck_assert_uint_eq(host_alloc(&h, cl, cl, cl, CLASS(&h, NV01_ROOT)), STATUS(&h, OK));
	ck_assert_uint_eq(host_alloc(&h, cl, cl, cl, CLASS(&h, NV01_ROOT_CLIENT)),
			  STATUS(&h, INSUFFICIENT_RESOURCES));
	ck_assert_uint_eq(host_alloc(&h, cl2, 0, cl2, CLASS(&h, NV01_ROOT_CLIENT)), STATUS(&h, OK));
	ck_assert_uint_eq(host_alloc(&h, cl, cl, 0x1234, 0xbeef), STATUS(&h, INVALID_CLASS));
	ck_assert_uint_eq(host_alloc(&h, 0xc1d0dead, 0xc1d0dead, dev, CLASS(&h, NV01_DEVICE_0)),
			  STATUS(&h, INVALID_CLIENT));
	ck_assert_uint_eq(host_alloc(&h, cl, 0x777, dev, CLASS(&h, NV01_DEVICE_0)),
			  STATUS(&h, INVALID_OBJECT_PARENT));
	ck_assert_uint_eq(host_alloc(&h, cl, cl, cl, CLASS(&h, NV01_DEVICE_0)),
			  STATUS(&h, INVALID_OBJECT_HANDLE));
	ck_assert_uint_eq(host_alloc(&h, cl, cl, dev, CLASS(&h, NV01_DEVICE_0)), STATUS(&h, OK));
	ck_assert_uint_eq(host_alloc(&h, cl, cl, dev, CLASS(&h, NV01_DEVICE_0)),
			  STATUS(&h, INSUFFICIENT_RESOURCES));
	ck_assert_uint_eq(host_alloc(&h, cl, cl, sub, CLASS(&h, NV20_SUBDEVICE_0)),
			  STATUS(&h, INVALID_OBJECT_PARENT));
	ck_assert_uint_eq(host_alloc(&h, cl, dev, sub, CLASS(&h, NV20_SUBDEVICE_0)), STATUS(&h, OK));
	ck_assert_uint_eq(host_alloc(&h, cl, sub, sub + 1, CLASS(&h, NV20_SUBDEVICE_0)),
			  STATUS(&h, INVALID_OBJECT_PARENT));
	{
		/* the display's classes: on a device of a chip with a display; C670 is GA10x's */
		bool ga102 = !strcmp(h.row->chip, "ga102");
		u32 com = CLASS(&h, NV04_DISPLAY_COMMON), root = CLASS(&h, NVC670_DISPLAY);

		ck_assert_uint_eq(host_alloc(&h, cl, sub, 0x00730001, com),
				  ga102 ? STATUS(&h, INVALID_OBJECT_PARENT) : STATUS(&h, INVALID_CLASS));
		ck_assert_uint_eq(host_alloc(&h, cl, dev, 0x00730001, com),
				  ga102 ? STATUS(&h, OK) : STATUS(&h, INVALID_CLASS));
		ck_assert_uint_eq(host_alloc(&h, cl, dev, 0xc6700000, root),
				  ga102 ? STATUS(&h, OK) : STATUS(&h, INVALID_CLASS));
		if (ga102) {
			ck_assert_uint_eq(host_free(&h, cl, 0xc6700000), STATUS(&h, OK));
			ck_assert_uint_eq(host_free(&h, cl, 0x00730001), STATUS(&h, OK));
		}
	}
	gpusim_get_stats(h.sim, &st);
	ck_assert_uint_eq(st.objects, 4);

	/* controls */
	ck_assert_uint_eq(host_control(&h, cl, sub, vmmu, p, 8), STATUS(&h, OK));
	ck_assert_uint_eq(le64(p), 0x2000000);
	ck_assert_uint_eq(host_control(&h, cl, dev, vmmu, p, 8), STATUS(&h, NOT_SUPPORTED));
	ck_assert_uint_eq(host_control(&h, cl, sub, 0x2080dead, p, 8), STATUS(&h, NOT_SUPPORTED));
	ck_assert_uint_eq(host_control(&h, cl, 0x999, vmmu, p, 8),
			  STATUS(&h, INVALID_OBJECT_HANDLE));
	{
		/* VA space page directories, as nouveau r535/vmm.c hands them */
		u32 setpd = num(&h, NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV0080_DMA_SET_PAGE_DIRECTORY);
		u32 copy = num(&h, NVGSP_ABI_GROUP_CTRL,
			       NVGSP_ABI_CTRL_NV90F1_VASPACE_COPY_SERVER_RESERVED_PDES);
		const u32 vas = 0x90f10001;
		u8 pd[32] = { 0 }, cp[64] = { 0 };

		put32(pd + 16, vas);
		ck_assert_uint_eq(host_control(&h, cl, dev, setpd, pd, sizeof(pd)),
				  STATUS(&h, INVALID_OBJECT_HANDLE));
		ck_assert_uint_eq(host_alloc(&h, cl, dev, vas, CLASS(&h, FERMI_VASPACE_A)),
				  STATUS(&h, OK));
		ck_assert_uint_eq(host_control(&h, cl, dev, setpd, pd, sizeof(pd)), STATUS(&h, OK));
		ck_assert_uint_eq(host_control(&h, cl, sub, setpd, pd, sizeof(pd)),
				  STATUS(&h, NOT_SUPPORTED));
		ck_assert_uint_eq(host_control(&h, cl, vas, copy, cp, sizeof(cp)), STATUS(&h, OK));
		ck_assert_uint_eq(host_control(&h, cl, dev, copy, cp, sizeof(cp)),
				  STATUS(&h, NOT_SUPPORTED));
		ck_assert_uint_eq(host_free(&h, cl, vas), STATUS(&h, OK));
	}
	if (!strcmp(h.row->release, "570.144")) {
		/* GPC/TPC masks (r570 gsp.c; 535 has no such controls): GA102's full die */
		u32 gpc = num(&h, NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV2080_GPU_GET_FERMI_GPC_INFO);
		u32 tpc = num(&h, NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV2080_GPU_GET_FERMI_TPC_INFO);
		bool ga102 = !strcmp(h.row->chip, "ga102");
		u8 g[4] = { 0 }, t[8] = { 0 };

		ck_assert_uint_eq(host_control(&h, cl, sub, gpc, g, sizeof(g)),
				  ga102 ? STATUS(&h, OK) : STATUS(&h, NOT_SUPPORTED));
		put32(t, 6);
		ck_assert_uint_eq(host_control(&h, cl, sub, tpc, t, sizeof(t)),
				  ga102 ? STATUS(&h, OK) : STATUS(&h, NOT_SUPPORTED));
		if (ga102) {
			ck_assert_uint_eq(le32(g), 0x7f);
			ck_assert_uint_eq(le32(t + 4), 0x3f);
			put32(t, 7);
			ck_assert_uint_eq(host_control(&h, cl, sub, tpc, t, sizeof(t)),
					  STATUS(&h, INVALID_ARGUMENT));
		}
		ck_assert_uint_eq(host_control(&h, cl, dev, gpc, g, sizeof(g)),
				  STATUS(&h, NOT_SUPPORTED));
	}
	ck_assert_uint_eq(host_control(&h, 0xc1d0dead, sub, vmmu, p, 8), STATUS(&h, INVALID_CLIENT));
	ck_assert_uint_eq(host_control(&h, cl, sub, vmmu, p, 4),
			  STATUS(&h, INVALID_PARAM_STRUCT));

	/* free: a missing object, then the client takes its children along */
	ck_assert_uint_eq(host_free(&h, cl, 0x999), STATUS(&h, OBJECT_NOT_FOUND));
	ck_assert_uint_eq(host_free(&h, cl, cl), STATUS(&h, OK));
	gpusim_get_stats(h.sim, &st);
	ck_assert_uint_eq(st.objects, 1);
	ck_assert_uint_eq(host_free(&h, cl, cl), STATUS(&h, INVALID_CLIENT));
	ck_assert_uint_eq(host_control(&h, cl, sub, vmmu, p, 8), STATUS(&h, INVALID_CLIENT));
	/* an unknown function: rpc_result NOT_SUPPORTED */
	{
		struct msg m;

		host_send(&h, RPC(&h, NOP), p, 8);
		host_expect(&h, &m, RPC(&h, NOP));
		ck_assert_uint_eq(m.result, STATUS(&h, NOT_SUPPORTED));
		msg_free(&m);
	}
	/* what the model could not serve is on record: the unknown class and
	 * control above, each once; the refusals of known ones are not */
	{
		struct gpusim_unserved us[8];
		u32 nu = gpusim_unserved_rm(h.sim, us, 8), i, seen = 0;

		for (i = 0; i < nu && i < 8; i++) {
			if (us[i].alloc && us[i].number == 0xbeef)
				seen |= 1;
			else if (!us[i].alloc && us[i].number == 0x2080dead)
				seen |= 2;
			else
				ck_abort_msg("unserved %s 0x%x", us[i].alloc ? "class" : "control",
					     us[i].number);
			ck_assert_uint_eq(us[i].count, 1);
		}
		ck_assert_uint_eq(seen, 3);
	}
	ck_assert_str_eq(gpusim_error(h.sim), "");
	host_fini(&h);
}
END_TEST

/* 100 KiB of control parameters travel in continuation records both ways. */
START_TEST(large_control)
{
	const u32 cl = 0xc1d00001, psize = 100 * 1024;
	struct nvgsp_abi_rm_control c = { .h_client = cl, .h_object = cl, .cmd = 0x0000dead,
					  .params_size = psize };
	struct host h;
	struct msg m;
	u8 *buf;
	u32 i;

	host_init(&h, (u32)_i);
	host_boot(&h);
	ck_assert_uint_eq(host_alloc(&h, cl, cl, cl, CLASS(&h, NV01_ROOT)), STATUS(&h, OK));
	buf = malloc(24 + psize);
	nvgsp_abi_encode_rm_control(h.abi, &c, buf, 24);
	for (i = 0; i < psize; i++)
		buf[24 + i] = (u8)(i * 7 + 3);
	host_send(&h, RPC(&h, GSP_RM_CONTROL), buf, 24 + psize);
	host_expect(&h, &m, RPC(&h, GSP_RM_CONTROL));
	ck_assert_uint_eq(m.len, 24 + psize);
	ck_assert_uint_ge(m.elements, 2);
	nvgsp_abi_decode_rm_control(h.abi, &c, m.payload, 24);
	ck_assert_uint_eq(c.status, STATUS(&h, NOT_SUPPORTED));
	ck_assert_int_eq(memcmp(m.payload + 24, buf + 24, psize), 0);
	msg_free(&m);
	free(buf);
	ck_assert_str_eq(gpusim_error(h.sim), "");
	host_fini(&h);
}
END_TEST

START_TEST(unload)
{
	struct nvgsp_abi_unloading_guest_driver u = { 0 };
	struct gpusim_stats st;
	struct host h;
	struct msg m;
	u8 buf[8];

	host_init(&h, (u32)_i);
	host_boot(&h);
	nvgsp_abi_encode_unloading_guest_driver(h.abi, &u, buf, sizeof(buf));
	host_send(&h, RPC(&h, UNLOADING_GUEST_DRIVER), buf, sizeof(buf));
	host_expect(&h, &m, RPC(&h, UNLOADING_GUEST_DRIVER));
	ck_assert_uint_eq(m.result, STATUS(&h, OK));
	msg_free(&m);
	gpusim_get_stats(h.sim, &st);
	ck_assert(st.unloaded);
	ck_assert_uint_eq(gpusim_rd32(h.sim, GSP_MAILBOX0), 0x80000000);
	/* GSP-RM is gone: nothing more is answered */
	host_send(&h, RPC(&h, NOP), buf, sizeof(buf));
	ck_assert(!host_recv(&h, &m, 5));
	host_fini(&h);
}
END_TEST

/* ---- faults ---- */

enum { F_TIMEOUT, F_CHECKSUM, F_TORN, F_QUEUE_FULL, F_SEQ, F_ERROR_LOG, F_CRASH, F_NO_INIT,
       NR_F };

static u32 send_static(struct host *h)
{
	u32 n = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_STATIC_INFO);
	u8 *req = calloc(1, n);
	u32 seq = host_send(h, RPC(h, GET_GSP_STATIC_INFO), req, n);

	free(req);
	return seq;
}

START_TEST(faults)
{
	u32 row = (u32)_i % NROWS, f = (u32)_i / NROWS, rptr;
	struct gpusim_stats st;
	struct nvgsp_abi_os_error_log el;
	struct host h;
	struct msg m;

	host_init(&h, row);
	if (f == F_NO_INIT) {
		gpusim_fault_set(h.sim, GPUSIM_FAULT_NO_INIT_DONE, 0);
		host_start(&h);
		host_expect(&h, &m, EVENT(&h, GSP_RUN_CPU_SEQUENCER));
		host_run_seq(&h, &m);
		msg_free(&m);
		ck_assert(!host_recv(&h, &m, 20));
		gpusim_get_stats(h.sim, &st);
		ck_assert_uint_eq(st.seq_ops, 4);
		send_static(&h);
		ck_assert(!host_recv(&h, &m, 5));
		host_fini(&h);
		return;
	}
	host_boot(&h);
	switch (f) {
	case F_TIMEOUT:
		gpusim_fault_set(h.sim, GPUSIM_FAULT_RPC_TIMEOUT, NVGSP_ABI_RPC_GET_GSP_STATIC_INFO);
		send_static(&h);
		ck_assert(!host_recv(&h, &m, 20));
		host_send(&h, RPC(&h, NOP), h.libos.cpu, 0);
		ck_assert(!host_recv(&h, &m, 5));
		break;
	case F_CHECKSUM:
		gpusim_fault_set(h.sim, GPUSIM_FAULT_BAD_CHECKSUM, 0);
		send_static(&h);
		ck_assert(host_recv(&h, &m, 5));
		ck_assert(m.bad_checksum);
		msg_free(&m);
		send_static(&h);	/* one-shot */
		host_expect(&h, &m, RPC(&h, GET_GSP_STATIC_INFO));
		msg_free(&m);
		break;
	case F_TORN:
		gpusim_fault_set(h.sim, GPUSIM_FAULT_TORN_ELEMENT, 0);
		send_static(&h);
		ck_assert(host_recv(&h, &m, 5));
		ck_assert(m.torn);
		msg_free(&m);
		break;
	case F_QUEUE_FULL:
		gpusim_fault_set(h.sim, GPUSIM_FAULT_QUEUE_FULL, 0);
		rptr = rx_read(&h, MSGQ_OFF);
		send_static(&h);
		ck_assert(!host_recv(&h, &m, 10));
		ck_assert_uint_eq(rx_read(&h, MSGQ_OFF), rptr);
		gpusim_fault_set(h.sim, GPUSIM_FAULT_NONE, 0);
		gpusim_rm_doorbell(h.rm);
		host_expect(&h, &m, RPC(&h, GET_GSP_STATIC_INFO));
		msg_free(&m);
		break;
	case F_SEQ:
		gpusim_fault_set(h.sim, GPUSIM_FAULT_SEQ_ORDER, 0);
		send_static(&h);
		ck_assert(host_recv(&h, &m, 5));
		ck_assert(m.seq_gap && !m.bad_checksum);
		msg_free(&m);
		break;
	case F_ERROR_LOG:
		gpusim_fault_set(h.sim, GPUSIM_FAULT_ERROR_LOG, NVGSP_ABI_RPC_GET_GSP_STATIC_INFO);
		send_static(&h);
		host_expect(&h, &m, RPC(&h, GET_GSP_STATIC_INFO));
		msg_free(&m);
		host_expect(&h, &m, EVENT(&h, OS_ERROR_LOG));
		nvgsp_abi_decode_os_error_log(h.abi, &el, m.payload, m.len);
		ck_assert_uint_eq(el.except_type, 13);
		ck_assert_ptr_nonnull(strstr((char *)el.err_string,
					     "injected error after RPC GET_GSP_STATIC_INFO"));
		msg_free(&m);
		host_expect(&h, &m, EVENT(&h, UCODE_LIBOS_PRINT));
		ck_assert_uint_eq(le32(m.payload) >> 8, 0xf3d722);
		ck_assert_uint_eq(le32(m.payload + 4), m.len - 8);
		ck_assert_ptr_nonnull(strstr((char *)m.payload + 8, "injected libos print"));
		msg_free(&m);
		break;
	case F_CRASH:
		gpusim_fault_set(h.sim, GPUSIM_FAULT_GSP_CRASH, NVGSP_ABI_RPC_GET_GSP_STATIC_INFO);
		send_static(&h);
		ck_assert(!host_recv(&h, &m, 10));
		ck_assert_ptr_nonnull(strstr(log_text(&h, 2),
					     "crash while handling RPC GET_GSP_STATIC_INFO"));
		ck_assert_uint_gt(le64(h.logs[2].cpu), 1 + LOG_SIZE / PAGE);
		host_send(&h, RPC(&h, NOP), h.libos.cpu, 0);
		ck_assert(!host_recv(&h, &m, 5));
		break;
	}
	/* faults are not the driver's mistakes */
	ck_assert_str_eq(gpusim_error(h.sim), "");
	host_fini(&h);
}
END_TEST

/* ---- faults keyed on an RM control ---- */

enum { K_TIMEOUT, K_CRASH, K_GONE_NOW, K_GONE_LATER, K_CHECKSUM, K_ERROR_LOG, NR_K };

static const struct {
	enum gpusim_fault fault;
	u32 arg;
} kcases[NR_K] = {
	[K_TIMEOUT] = { GPUSIM_FAULT_RPC_TIMEOUT, 0 },
	[K_CRASH] = { GPUSIM_FAULT_GSP_CRASH, 0 },
	[K_GONE_NOW] = { GPUSIM_FAULT_DEVICE_GONE, 0 },
	[K_GONE_LATER] = { GPUSIM_FAULT_DEVICE_GONE, 5 },
	[K_CHECKSUM] = { GPUSIM_FAULT_BAD_CHECKSUM, 0 },
	[K_ERROR_LOG] = { GPUSIM_FAULT_ERROR_LOG, 0 },
};

/* Send a control without waiting for its reply. */
static void host_control_send(struct host *h, u32 client, u32 object, u32 cmd, u32 psize)
{
	struct nvgsp_abi_rm_control c = { .h_client = client, .h_object = object, .cmd = cmd,
					  .params_size = psize };
	u8 *buf = calloc(1, 24 + psize);

	ck_assert_ptr_nonnull(buf);
	nvgsp_abi_encode_rm_control(h->abi, &c, buf, 24);
	host_send(h, RPC(h, GSP_RM_CONTROL), buf, 24 + psize);
	free(buf);
}

/*
 * A keyed fault stays dormant through the boot, other controls and the
 * skipped ones, then fires on its control: GET_VMMU_SEGMENT_SIZE with one
 * to skip, as the gsp tier arms it (the first read of gsp_live succeeds,
 * the second meets the fault).
 */
START_TEST(ctrl_faults)
{
	const u32 cl = 0xc1d00001, dev = 0xde000001, sub = 0x5b000001;
	u32 row = (u32)_i % NROWS, k = (u32)_i / NROWS, vmmu, boot0, i;
	struct nvgsp_abi_os_error_log el;
	struct gpusim_stats st;
	struct host h;
	struct msg m;
	u8 p[8] = { 0 };

	host_init(&h, row);
	boot0 = gpusim_rd32(h.sim, 0);
	/* boot-only faults and ids outside the enum are refused */
	ck_assert_int_eq(gpusim_fault_on_control(h.sim, GPUSIM_FAULT_NO_INIT_DONE, 0,
						 NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE, 0),
			 -EINVAL);
	ck_assert_int_eq(gpusim_fault_on_control(h.sim, GPUSIM_FAULT_GSP_CRASH, 0,
						 NVGSP_ABI_NR_CTRL, 0), -EINVAL);
	ck_assert_int_eq(gpusim_fault_on_control(h.sim, kcases[k].fault, kcases[k].arg,
						 NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE, 1),
			 0);
	host_boot(&h);
	vmmu = num(&h, NVGSP_ABI_GROUP_CTRL, NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE);
	ck_assert_uint_eq(host_alloc(&h, cl, cl, cl, CLASS(&h, NV01_ROOT)), STATUS(&h, OK));
	ck_assert_uint_eq(host_alloc(&h, cl, cl, dev, CLASS(&h, NV01_DEVICE_0)), STATUS(&h, OK));
	ck_assert_uint_eq(host_alloc(&h, cl, dev, sub, CLASS(&h, NV20_SUBDEVICE_0)), STATUS(&h, OK));
	/* dormant: another control, then the one skipped */
	ck_assert_uint_eq(host_control(&h, cl, sub, 0x2080dead, p, 8), STATUS(&h, NOT_SUPPORTED));
	ck_assert_uint_eq(host_control(&h, cl, sub, vmmu, p, 8), STATUS(&h, OK));
	ck_assert_uint_eq(le64(p), 0x2000000);
	ck_assert_uint_eq(host_control(&h, cl, sub, 0x2080dead, p, 8), STATUS(&h, NOT_SUPPORTED));
	ck_assert_uint_eq(gpusim_rd32(h.sim, 0), boot0);

	/* the second GET_VMMU_SEGMENT_SIZE meets it */
	host_control_send(&h, cl, sub, vmmu, 8);
	switch (k) {
	case K_TIMEOUT:
		ck_assert(!host_recv(&h, &m, 20));
		ck_assert_uint_eq(gpusim_rd32(h.sim, 0), boot0);
		host_send(&h, RPC(&h, NOP), p, 8);
		ck_assert(!host_recv(&h, &m, 5));
		break;
	case K_CRASH:
		ck_assert(!host_recv(&h, &m, 10));
		ck_assert_ptr_nonnull(strstr(log_text(&h, 2),
					     "crash while handling RPC GSP_RM_CONTROL"));
		ck_assert_ptr_nonnull(strstr(log_text(&h, 2),
					     "(control NV2080_GPU_GET_VMMU_SEGMENT_SIZE, cmd 0x"));
		host_send(&h, RPC(&h, NOP), p, 8);
		ck_assert(!host_recv(&h, &m, 5));
		break;
	case K_GONE_NOW:
		ck_assert(!host_recv(&h, &m, 10));
		ck_assert_uint_eq(gpusim_rd32(h.sim, 0), 0xffffffffu);
		break;
	case K_GONE_LATER:
		/* answered; the device drops after 5 more register accesses */
		host_expect(&h, &m, RPC(&h, GSP_RM_CONTROL));
		ck_assert_uint_eq(le64(m.payload + 24), 0x2000000);
		msg_free(&m);
		for (i = 0; i < 5; i++)
			ck_assert_uint_eq(gpusim_rd32(h.sim, 0), boot0);
		ck_assert_uint_eq(gpusim_rd32(h.sim, 0), 0xffffffffu);
		break;
	case K_CHECKSUM:
		ck_assert(host_recv(&h, &m, 5));
		ck_assert(m.bad_checksum);
		ck_assert_uint_eq(m.function, RPC(&h, GSP_RM_CONTROL));
		msg_free(&m);
		/* it fired once: the third is clean */
		ck_assert_uint_eq(host_control(&h, cl, sub, vmmu, p, 8), STATUS(&h, OK));
		break;
	case K_ERROR_LOG:
		host_expect(&h, &m, RPC(&h, GSP_RM_CONTROL));
		msg_free(&m);
		/* nothing behind the reply: the events come 20 ms later, unsolicited */
		ck_assert_uint_eq(host_peek_fn(&h), ~0u);
		for (i = 0; i < 19; i++)
			host_tick(&h);
		ck_assert_uint_eq(host_peek_fn(&h), ~0u);
		host_expect(&h, &m, EVENT(&h, OS_ERROR_LOG));
		nvgsp_abi_decode_os_error_log(h.abi, &el, m.payload, m.len);
		ck_assert_ptr_nonnull(strstr((char *)el.err_string,
					     "injected error after RPC GSP_RM_CONTROL"));
		msg_free(&m);
		host_expect(&h, &m, EVENT(&h, UCODE_LIBOS_PRINT));
		msg_free(&m);
		break;
	}
	gpusim_get_stats(h.sim, &st);
	ck_assert_uint_eq(st.objects, 3);
	/* faults are not the driver's mistakes */
	ck_assert_str_eq(gpusim_error(h.sim), "");
	host_fini(&h);
}
END_TEST

/* ---- the interrupt table control ---- */

/* GET_GSP_STATIC_INFO's reply, decoded. */
static void host_static_info(struct host *h, struct nvgsp_abi_static_info *si)
{
	struct msg m;

	send_static(h);
	host_expect(h, &m, RPC(h, GET_GSP_STATIC_INFO));
	ck_assert_int_gt(nvgsp_abi_decode_static_info(h->abi, si, m.payload, m.len), 0);
	msg_free(&m);
}

/* The params' size in this release, from the ABI metadata. */
static u32 intr_params_size(const struct host *h)
{
	const struct nvgsp_abi_struct *st =
		nvgsp_abi_find_struct(h->abi, "NV2080_CTRL_INTERNAL_INTR_GET_KERNEL_TABLE_PARAMS");

	ck_assert_ptr_nonnull(st);
	return st->size;
}

/* INTR_GET_KERNEL_TABLE on @client/@object with @psize bytes; @p gets the reply. */
static u32 host_intr_table(struct host *h, u32 client, u32 object, u8 *p, u32 psize)
{
	memset(p, 0xa5, psize);	/* the reply must overwrite all of it */
	return host_control(h, client, object,
			    num(h, NVGSP_ABI_GROUP_CTRL,
				NVGSP_ABI_CTRL_NV2080_INTERNAL_INTR_GET_KERNEL_TABLE), p, psize);
}

/* Decode the table; returns tableLen. */
static u32 intr_decode(const struct host *h, const u8 *p, struct nvgsp_abi_intr_entry *e,
		       u32 max)
{
	u32 hsz = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_INTR_TABLE);
	u32 esz = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_INTR_ENTRY);
	struct nvgsp_abi_intr_table t;
	u32 i;

	ck_assert_int_gt(nvgsp_abi_decode_intr_table(h->abi, &t, p, hsz), 0);
	ck_assert_uint_le(t.table_len, max);
	ck_assert_uint_le(t.table_len, param(h, "intr.table_max"));
	for (i = 0; i < t.table_len; i++)
		ck_assert_int_gt(nvgsp_abi_decode_intr_entry(h->abi, &e[i], p + hsz + i * esz,
							     esz), 0);
	return t.table_len;
}

/* The vector the hardware model routes SWGEN0 to: the one leaf bit an edge sets. */
static u32 hw_gsp_vector(struct host *h)
{
	u32 i, v, vec = 0xffffffffu;

	gpusim_wr32(h->sim, GSP_IRQSCLR, SWGEN0);
	for (i = 0; i < INTR_LEAVES; i++)
		gpusim_wr32(h->sim, INTR_LEAF(i), 0xffffffffu);
	gpusim_hw_raise_swgen0(h->sim);
	for (i = 0; i < INTR_LEAVES; i++) {
		v = gpusim_rd32(h->sim, INTR_LEAF(i));
		if (v) {
			ck_assert_uint_eq(vec, 0xffffffffu);
			ck_assert_uint_eq(v & (v - 1), 0);
			vec = 32 * i + (u32)__builtin_ctz(v);
		}
	}
	return vec;
}

/* MC_ENGINE_IDX_GSP as each release numbers it (engine_idx.h; the spec's param). */
static u32 gsp_engine_idx(const struct host *h)
{
	return !strcmp(h->row->release, "535.113.01") ? 49 : 50;
}

START_TEST(intr_table)
{
	struct nvgsp_abi_intr_entry e[16];
	struct nvgsp_abi_static_info si;
	u32 n, i, k, psize, hsz, esz, gsp = 0, seen = 0, vec;
	struct host h;
	u8 *p;

	host_init(&h, (u32)_i);
	host_boot(&h);
	host_static_info(&h, &si);
	psize = intr_params_size(&h);
	hsz = nvgsp_abi_codec_size(h.abi, NVGSP_ABI_CODEC_INTR_TABLE);
	esz = nvgsp_abi_codec_size(h.abi, NVGSP_ABI_CODEC_INTR_ENTRY);
	p = malloc(psize);
	ck_assert_uint_eq(host_intr_table(&h, si.h_internal_client, si.h_internal_subdevice, p,
					  psize), STATUS(&h, OK));
	n = intr_decode(&h, p, e, 16);
	ck_assert_uint_ge(n, 4);
	for (i = 0; i < n; i++) {
		ck_assert_uint_lt(e[i].vector_stall, 256);
		ck_assert_uint_lt(e[i].vector_nonstall, 256);
		ck_assert_uint_ne(e[i].vector_stall, e[i].vector_nonstall);
		for (k = 0; k < i; k++)
			ck_assert_uint_ne(e[k].engine_idx, e[i].engine_idx);
		if (e[i].engine_idx == gsp_engine_idx(&h)) {
			gsp = i;
			seen |= 1;
		}
		/* PMU, CE0, CE1: the same MC_ENGINE_IDX in both releases */
		seen |= e[i].engine_idx == 14 ? 2 : e[i].engine_idx == 15 ? 4 :
			e[i].engine_idx == 16 ? 8 : 0;
	}
	ck_assert_msg(seen == 0xf, "%s: engines seen 0x%x", h.row->release, seen);
	/* GA102's engine list (gpusim_rm_fifo.c) brings GR0; a chip with a display
	 * lists it (MC_ENGINE_IDX_DISP 2), which nouveau r535 disp.c looks up */
	for (i = 0, k = 0; i < n; i++)
		k |= e[i].engine_idx == param(&h, "intr.engine_idx.gr0") ? 1 :
		     e[i].engine_idx == 2 ? 2 : 0;
	ck_assert_uint_eq(k, !strcmp(h.row->chip, "ga102") ? 3 : 0);
	ck_assert_uint_eq(param(&h, "intr.engine_idx.gsp"), gsp_engine_idx(&h));
	/* the rest of the params is zeroed, not left as the request had it */
	for (i = hsz + n * esz; i < psize; i++)
		ck_assert_uint_eq(p[i], 0);

	/* the table's GSP stall vector is where the hardware routes SWGEN0 */
	vec = hw_gsp_vector(&h);
	ck_assert_uint_eq(e[gsp].vector_stall, vec);
	for (i = 0; i < n; i++)
		if (i != gsp)
			ck_assert_uint_ne(e[i].vector_stall, vec);
	/* enabling exactly that bit and its subtree raises the line */
	gpusim_wr32(h.sim, INTR_EN_SET(vec / 32), 1u << (vec % 32));
	ck_assert(!gpusim_irq_pending(h.sim));
	gpusim_wr32(h.sim, INTR_TOP_EN_SET, 1u << (vec / 64));
	ck_assert(gpusim_irq_pending(h.sim));

	free(p);
	ck_assert_str_eq(gpusim_error(h.sim), "");
	host_fini(&h);
}
END_TEST

enum { I_DRIVER_SUBDEVICE, I_INTERNAL_DEVICE, I_SIZE_SHORT, I_SIZE_LONG, I_NO_GSP,
       I_WILD_DEFAULT, I_WILD_ARG, NR_I };

START_TEST(intr_table_refusals)
{
	const u32 cl = 0xc1d00001, dev = 0xde000001, sub = 0x5b000001;
	u32 row = (u32)_i % NROWS, c = (u32)_i / NROWS, n, i, psize, want;
	struct nvgsp_abi_intr_entry e[16];
	struct nvgsp_abi_static_info si;
	struct host h;
	char expect[160];
	u8 *p;

	host_init(&h, row);
	host_boot(&h);
	host_static_info(&h, &si);
	psize = intr_params_size(&h);
	p = malloc(psize + 4);
	switch (c) {
	case I_DRIVER_SUBDEVICE:
		/* the driver's own subdevice is not GSP-RM's internal one */
		ck_assert_uint_eq(host_alloc(&h, cl, cl, cl, CLASS(&h, NV01_ROOT)), STATUS(&h, OK));
		ck_assert_uint_eq(host_alloc(&h, cl, cl, dev, CLASS(&h, NV01_DEVICE_0)),
				  STATUS(&h, OK));
		ck_assert_uint_eq(host_alloc(&h, cl, dev, sub, CLASS(&h, NV20_SUBDEVICE_0)),
				  STATUS(&h, OK));
		ck_assert_uint_eq(host_intr_table(&h, cl, sub, p, psize),
				  STATUS(&h, INVALID_OBJECT_HANDLE));
		ck_assert_str_eq(gpusim_error(h.sim), "");
		break;
	case I_INTERNAL_DEVICE:
		ck_assert_uint_eq(host_intr_table(&h, si.h_internal_client, si.h_internal_device,
						  p, psize), STATUS(&h, INVALID_OBJECT_HANDLE));
		ck_assert_str_eq(gpusim_error(h.sim), "");
		break;
	case I_SIZE_SHORT:
	case I_SIZE_LONG:
		n = c == I_SIZE_SHORT ? psize - 4 : psize + 4;
		ck_assert_uint_eq(host_intr_table(&h, si.h_internal_client,
						  si.h_internal_subdevice, p, n),
				  STATUS(&h, INVALID_PARAM_STRUCT));
		snprintf(expect, sizeof(expect),
			 "INTR_GET_KERNEL_TABLE: paramsSize %u, expected %u (sizeof NV2080_CTRL_INTERNAL_INTR_GET_KERNEL_TABLE_PARAMS in %s)",
			 n, psize, h.row->release);
		ck_assert_msg(strstr(gpusim_error(h.sim), expect), "error \"%s\", want \"%s\"",
			      gpusim_error(h.sim), expect);
		/* GSP-RM still answers */
		ck_assert_uint_eq(host_intr_table(&h, si.h_internal_client,
						  si.h_internal_subdevice, p, psize),
				  STATUS(&h, OK));
		break;
	case I_NO_GSP:
		gpusim_fault_set(h.sim, GPUSIM_FAULT_INTR_NO_GSP, 0);
		ck_assert_uint_eq(host_intr_table(&h, si.h_internal_client,
						  si.h_internal_subdevice, p, psize),
				  STATUS(&h, OK));
		n = intr_decode(&h, p, e, 16);
		ck_assert_uint_ge(n, 3);
		for (i = 0; i < n; i++)
			ck_assert_uint_ne(e[i].engine_idx, gsp_engine_idx(&h));
		ck_assert_str_eq(gpusim_error(h.sim), "");
		break;
	case I_WILD_DEFAULT:
	case I_WILD_ARG:
		want = c == I_WILD_DEFAULT ? 0x1000 : 0x345;
		gpusim_fault_set(h.sim, GPUSIM_FAULT_INTR_WILD_VECTOR,
				 c == I_WILD_DEFAULT ? 0 : want);
		ck_assert_uint_eq(host_intr_table(&h, si.h_internal_client,
						  si.h_internal_subdevice, p, psize),
				  STATUS(&h, OK));
		n = intr_decode(&h, p, e, 16);
		for (i = 0; i < n && e[i].engine_idx != gsp_engine_idx(&h); i++)
			;
		ck_assert_uint_lt(i, n);
		ck_assert_uint_eq(e[i].vector_stall, want);
		/* the hardware still routes SWGEN0 to the real vector */
		ck_assert_uint_lt(hw_gsp_vector(&h), 256);
		ck_assert_str_eq(gpusim_error(h.sim), "");
		break;
	}
	free(p);
	host_fini(&h);
}
END_TEST

/* ---- structures the driver got wrong ---- */

enum bad {
	B_LIBOS_KIND, B_LOG_SIZE, B_NO_RMARGS, B_LOG_PTE, B_SHM_PTE, B_PTE_COUNT, B_CMDQ_OFFSET,
	B_Q_VERSION, B_Q_SIZE, B_Q_MSGSIZE, B_Q_MSGCOUNT, B_Q_RXHDR, B_Q_ENTRYOFF,
	B_CHECKSUM, B_SEQ, B_SIGNATURE, B_HDR_VERSION, B_ELEM_COUNT, B_PHYS_ADDR, B_MIRROR,
	B_DEVICE_ID, B_REG_NAME_OFF, B_REG_UNTERMINATED, B_REG_ENTRIES, B_SEQ_NOT_RUN,
	B_ALLOC_PARAMS, B_STRAY_CONTINUATION, NR_B
};

static const struct bad_case {
	const char *expect;
} bad_cases[NR_B] = {
	[B_LIBOS_KIND] = { "libos region LOGINIT: kind 2, expected 1" },
	[B_LOG_SIZE] = { "libos region LOGRM: size 0x8000, expected 0x10000" },
	[B_NO_RMARGS] = { "libos arguments: no RMARGS region" },
	[B_LOG_PTE] = { "libos region LOGINTR: PTE 3 is" },
	[B_SHM_PTE] = { "shared memory PTE 5 is 0x1234" },
	[B_PTE_COUNT] = { "RMARGS pageTableEntryCount 128 covers 0x80000 bytes" },
	[B_CMDQ_OFFSET] = { "RMARGS cmdQueueOffset 0x2000" },
	[B_Q_VERSION] = { "command queue header: version 1, expected 0" },
	[B_Q_SIZE] = { "command queue header: size 0x20000, expected 0x40000" },
	[B_Q_MSGSIZE] = { "command queue header: msgSize 0x2000" },
	[B_Q_MSGCOUNT] = { "command queue header: msgCount 64, expected 63" },
	[B_Q_RXHDR] = { "command queue header: rxHdrOff 36, expected 32" },
	[B_Q_ENTRYOFF] = { "command queue header: entryOff 0x2000" },
	[B_CHECKSUM] = { "command element seqNum 0: checkSum" },
	[B_SEQ] = { "command element seqNum 1, expected 0" },
	[B_SIGNATURE] = { "rpc signature 0x43505276, expected 0x43505256" },
	[B_HDR_VERSION] = { "rpc header_version 0x02000000, expected 0x03000000" },
	[B_ELEM_COUNT] = { "needs 1 slots but elemCount is 2" },
	[B_PHYS_ADDR] = { "GSP_SET_SYSTEM_INFO: gpuPhysAddr is 0" },
	[B_MIRROR] = { "GSP_SET_SYSTEM_INFO: pciConfigMirrorBase 0x1000" },
	[B_DEVICE_ID] = { "GSP_SET_SYSTEM_INFO: PCIDeviceID" },
	[B_REG_NAME_OFF] = { "SET_REGISTRY: entry 1 nameOffset 4000 outside the strings" },
	[B_REG_UNTERMINATED] = { "is not NUL-terminated inside size" },
	[B_REG_ENTRIES] = { "SET_REGISTRY: numEntries 40 do not fit" },
	[B_SEQ_NOT_RUN] = { "RUN_CPU_SEQUENCER: the driver read the script but register 0x0014fc" },
	[B_ALLOC_PARAMS] = { "GSP_RM_ALLOC: paramsSize 64 exceeds the 8 bytes after the header" },
	[B_STRAY_CONTINUATION] = { "CONTINUATION_RECORD (sequence" },
};

static void patch_tx(struct host *h, void (*fn)(struct nvgsp_abi_msgq_tx_header *))
{
	struct nvgsp_abi_msgq_tx_header tx;

	tx_read(h, CMDQ_OFF, &tx);
	fn(&tx);
	tx_write(h, CMDQ_OFF, &tx);
}

static void tx_version(struct nvgsp_abi_msgq_tx_header *t) { t->version = 1; }
static void tx_size(struct nvgsp_abi_msgq_tx_header *t) { t->size = 0x20000; }
static void tx_msgsize(struct nvgsp_abi_msgq_tx_header *t) { t->msg_size = 0x2000; }
static void tx_msgcount(struct nvgsp_abi_msgq_tx_header *t) { t->msg_count = 64; }
static void tx_rxhdr(struct nvgsp_abi_msgq_tx_header *t) { t->rx_hdr_off = 36; }
static void tx_entryoff(struct nvgsp_abi_msgq_tx_header *t) { t->entry_off = 0x2000; }

static void patch_args(struct host *h, u32 npte, u64 cmdq_off)
{
	struct nvgsp_abi_gsp_args a;

	nvgsp_abi_decode_gsp_args(h->abi, &a, h->rmargs.cpu, PAGE);
	if (npte)
		a.page_table_entry_count = npte;
	if (cmdq_off)
		a.cmd_queue_offset = cmdq_off;
	nvgsp_abi_encode_gsp_args(h->abi, &a, h->rmargs.cpu, PAGE);
}

/* Registry variants: @what 1 name offset out, 2 unterminated, 3 entries. */
static void bad_registry(struct host *h, int what)
{
	u32 esz = nvgsp_abi_codec_size(h->abi, NVGSP_ABI_CODEC_REGISTRY_ENTRY);
	struct nvgsp_abi_registry_entry e;
	struct nvgsp_abi_registry_table t;
	u8 buf[256];
	u32 n = registry_build(h, buf, sizeof(buf));

	if (what == 1) {
		nvgsp_abi_decode_registry_entry(h->abi, &e, buf + 8 + esz, esz);
		e.name_offset = 4000;
		nvgsp_abi_encode_registry_entry(h->abi, &e, buf + 8 + esz, esz);
	} else if (what == 2) {
		memset(buf + n - 20, 'x', 20);	/* the last name and value lose their NULs */
	} else {
		nvgsp_abi_decode_registry_table(h->abi, &t, buf, 8);
		t.num_entries = 40;
		nvgsp_abi_encode_registry_table(h->abi, &t, buf, 8);
	}
	host_queue(h, RPC(h, SET_REGISTRY), buf, n);
}

START_TEST(bad_structures)
{
	u32 row = (u32)_i % NROWS, b = (u32)_i / NROWS;
	u32 esz;
	struct host h;
	struct msg m;
	u8 buf[64];
	u8 *p;

	host_init(&h, row);
	esz = nvgsp_abi_codec_size(h.abi, NVGSP_ABI_CODEC_LIBOS_REGION);
	if (b == B_DEVICE_ID && !(nvgsp_abi_codec_fields(h.abi, NVGSP_ABI_CODEC_SYSTEM_INFO) &
				  NVGSP_ABI_SYSTEM_INFO_F_PCI_DEVICE_ID)) {
		/* 535's GspSystemInfo has no device id: nothing to check */
		host_fini(&h);
		return;
	}
	switch (b) {
	case B_LIBOS_KIND:
		((u8 *)h.libos.cpu)[24] = 2;	/* LOGINIT's kind */
		break;
	case B_LOG_SIZE:
		put64((u8 *)h.libos.cpu + 2 * esz + 16, 0x8000);
		break;
	case B_NO_RMARGS:
		memset((u8 *)h.libos.cpu + 3 * esz, 0, esz);
		break;
	case B_LOG_PTE:
		put64((u8 *)h.logs[1].cpu + 8 + 8 * 3, h.logs[1].addr);
		break;
	case B_SHM_PTE:
		put64(buf, 0x1234);
		shm_io(&h, 8 * 5, buf, 8, true);
		break;
	case B_PTE_COUNT:
		patch_args(&h, 128, 0);
		break;
	case B_CMDQ_OFFSET:
		patch_args(&h, 0, 0x2000);
		break;
	case B_Q_VERSION:
		patch_tx(&h, tx_version);
		break;
	case B_Q_SIZE:
		patch_tx(&h, tx_size);
		break;
	case B_Q_MSGSIZE:
		patch_tx(&h, tx_msgsize);
		break;
	case B_Q_MSGCOUNT:
		patch_tx(&h, tx_msgcount);
		break;
	case B_Q_RXHDR:
		patch_tx(&h, tx_rxhdr);
		break;
	case B_Q_ENTRYOFF:
		patch_tx(&h, tx_entryoff);
		break;
	}
	if (b <= B_Q_ENTRYOFF) {
		ck_assert_int_lt(gpusim_rm_start(h.rm, h.libos.addr), 0);
		goto check;
	}

	switch (b) {
	case B_CHECKSUM:
		h.corrupt = C_CHECKSUM;
		break;
	case B_SEQ:
		h.corrupt = C_SEQ_SKIP;
		break;
	case B_SIGNATURE:
		h.corrupt = C_SIGNATURE;
		break;
	case B_HDR_VERSION:
		h.corrupt = C_VERSION;
		break;
	case B_ELEM_COUNT:
		h.corrupt = C_ELEM_COUNT;
		break;
	}
	if (b <= B_ELEM_COUNT) {
		host_start(&h);
		goto check;
	}
	if (b >= B_PHYS_ADDR && b <= B_REG_ENTRIES) {
		if (b == B_DEVICE_ID)
			h.device_id ^= 0x1;	/* PCIDeviceID names another device */
		if (b == B_PHYS_ADDR)
			host_system_info(&h, 0, mirror_of(&h));
		else if (b == B_MIRROR)
			host_system_info(&h, 0xf0000000, 0x1000);
		else
			host_system_info(&h, 0xf0000000, mirror_of(&h));
		if (b >= B_REG_NAME_OFF)
			bad_registry(&h, (int)(b - B_REG_NAME_OFF + 1));
		else
			host_registry(&h);
		ck_assert_int_eq(gpusim_rm_start(h.rm, h.libos.addr), 0);
		ck_assert(!host_recv(&h, &m, 5));	/* no sequencer: GSP-RM refused */
		goto check;
	}
	if (b == B_SEQ_NOT_RUN) {
		host_start(&h);
		host_expect(&h, &m, EVENT(&h, GSP_RUN_CPU_SEQUENCER));
		msg_free(&m);	/* read, never run */
		send_static(&h);
		goto check;
	}
	host_boot(&h);
	if (b == B_ALLOC_PARAMS) {
		struct nvgsp_abi_rm_alloc a = { .h_client = 1, .h_parent = 1, .h_object = 1,
						.h_class = 0, .params_size = 64 };

		memset(buf, 0, sizeof(buf));
		nvgsp_abi_encode_rm_alloc(h.abi, &a, buf, 32);
		host_send(&h, RPC(&h, GSP_RM_ALLOC), buf, 40);
	} else {
		host_send(&h, RPC(&h, CONTINUATION_RECORD), buf, 8);
	}
	ck_assert(!host_recv(&h, &m, 5));
check:
	p = (u8 *)strstr(gpusim_error(h.sim), bad_cases[b].expect);
	ck_assert_msg(p, "%s %s case %u: gpusim error \"%s\" lacks \"%s\"", h.row->chip,
		      h.row->release, b, gpusim_error(h.sim), bad_cases[b].expect);
	host_fini(&h);
}
END_TEST

/*
 * gspVFInfo against the PF's SR-IOV capability (gpusim_sriov.c): the row's
 * board (GA102: an RTX 3090 without SR-IOV; GH100: an H100 PCIe with 32 VFs)
 * with the VF BARs the host programmed. A wrong field is refused, named
 * with both values, and GSP-RM goes no further.
 */
enum vf_case { V_RIGHT, V_ZERO, V_TOTAL, V_OFFSET, V_64BIT, V_ADDR, V_HALF, NR_V };

static const char *const vf_expect[NR_V] = {
	[V_TOTAL] = "gspVFInfo.totalVFs 31, the SR-IOV capability's TotalVFs is 32",
	[V_OFFSET] = "gspVFInfo.firstVFOffset 5, the SR-IOV capability's First VF Offset is 4",
	[V_64BIT] = "gspVFInfo.b64bitBar1 0, VF BAR1 is 64-bit",
	[V_ADDR] = "gspVFInfo.FirstVFBar2Address 0x6000100000, the SR-IOV capability's VF BAR3 holds 0x6000000000",
	[V_HALF] = "gspVFInfo.totalVFs is 0 but its other fields are set",
};

START_TEST(vf_info)
{
	static const u64 bars[GPUSIM_VF_BARS] = { 0xd0000000, 0x4000000000, 0x6000000000 };
	enum vf_case c = (enum vf_case)(_i % NR_V);
	struct nvgsp_abi_system_info vf = {
		.vf_total = 32, .vf_first_offset = 4, .vf_bar0_address = bars[0],
		.vf_bar1_address = bars[1], .vf_bar2_address = bars[2],
		.vf_bar1_64bit = true, .vf_bar2_64bit = true,
	};
	struct gpusim_sriov_facts f;
	const char *expect = vf_expect[c];
	struct host h;
	struct msg m;

	host_init(&h, (u32)(_i / NR_V));
	if (gpusim_sriov_facts(h.sim, &f)) {
		/* no SR-IOV: only an all-zero record is right */
		if (c == V_RIGHT)
			expect = "gspVFInfo.totalVFs 32, device 0x2204 has no SR-IOV capability (expected 0)";
	} else {
		ck_assert_uint_eq(f.total_vfs, 32);
	}
	gpusim_sriov_control(h.sim, false, 0, bars);
	switch (c) {
	case V_TOTAL:
		vf.vf_total = 31;
		break;
	case V_OFFSET:
		vf.vf_first_offset = 5;
		break;
	case V_64BIT:
		vf.vf_bar1_64bit = false;
		break;
	case V_ADDR:
		vf.vf_bar2_address += 0x100000;
		break;
	case V_HALF:
		vf.vf_total = 0;
		break;
	case V_ZERO:
		memset(&vf, 0, sizeof(vf));
		break;
	default:
		break;
	}
	if (expect && gpusim_sriov_facts(h.sim, &f) && c != V_RIGHT && c != V_HALF)
		expect = "device 0x2204 has no SR-IOV capability";
	host_system_info_vf(&h, 0xf0000000, mirror_of(&h), &vf);
	host_registry(&h);
	ck_assert_int_eq(gpusim_rm_start(h.rm, h.libos.addr), 0);
	if (!expect) {
		host_expect(&h, &m, EVENT(&h, GSP_RUN_CPU_SEQUENCER));
		msg_free(&m);
		ck_assert_str_eq(gpusim_error(h.sim), "");
	} else {
		ck_assert(!host_recv(&h, &m, 5));	/* refused: no sequencer */
		ck_assert_msg(strstr(gpusim_error(h.sim), expect), "%s case %d: \"%s\" lacks \"%s\"",
			      h.row->chip, c, gpusim_error(h.sim), expect);
	}
	host_fini(&h);
}
END_TEST

Suite *nvgsp_suite_gpusim_rm(void)
{
	Suite *s = suite_create("gpusim_rm");
	TCase *tc;

	tc = tcase_create("init");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, init_flow, 0, NROWS);
	tcase_add_loop_test(tc, static_info, 0, NROWS);
	tcase_add_loop_test(tc, update_bar_pde, 0, NROWS);
	tcase_add_loop_test(tc, bar_through_page_tables, 0, NROWS);
	tcase_add_loop_test(tc, nothing_before_init_done, 0, NROWS);
	tcase_add_loop_test(tc, unload, 0, NROWS);
	tcase_add_loop_test(tc, vf_info, 0, NROWS * NR_V);
	suite_add_tcase(s, tc);

	tc = tcase_create("objects");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, objects, 0, NROWS);
	tcase_add_loop_test(tc, large_control, 0, NROWS);
	suite_add_tcase(s, tc);

	tc = tcase_create("faults");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, faults, 0, NROWS * NR_F);
	tcase_add_loop_test(tc, ctrl_faults, 0, NROWS * NR_K);
	suite_add_tcase(s, tc);

	tc = tcase_create("intr");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, intr_table, 0, NROWS);
	tcase_add_loop_test(tc, intr_table_refusals, 0, NROWS * NR_I);
	suite_add_tcase(s, tc);

	tc = tcase_create("bad_structures");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, bad_structures, 0, NROWS * NR_B);
	suite_add_tcase(s, tc);
	return s;
}
