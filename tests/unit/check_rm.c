// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_rm.c - the RM object API (src/rm/nvgsp_rm.c) over both releases,
 * against a scripted GSP-RM peer reached through nvgsp_rm_create_call().
 *
 * The peer echoes each request with a status it was told to put there and
 * keeps its own tree of live objects, so it notices a parent freed before
 * its children. Wire offsets, class and control numbers and parameter sizes
 * below are written out by hand from nouveau's r535/r570 nvrm/alloc.h,
 * client.h, device.h and ctrl2080gpu.h, not read from the tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "abi/nvgsp_abi.h"
#include "rm/nvgsp_rm.h"

static struct nvgsp_os_device rm_dev = { .name = "0000:01:00.0" };

#define N_RELEASES 2

/* rpc_gsp_rm_alloc_v03_00 */
#define ALLOC_H_CLIENT	0
#define ALLOC_H_PARENT	4
#define ALLOC_H_OBJECT	8
#define ALLOC_H_CLASS	12
#define ALLOC_STATUS	16
#define ALLOC_PSIZE	20
#define ALLOC_FLAGS	24
#define ALLOC_PARAMS	32
/* rpc_free_v03_00 */
#define FREE_H_ROOT	0
#define FREE_H_PARENT	4
#define FREE_H_OBJECT	8
#define FREE_STATUS	12
#define FREE_SIZE	16
/* rpc_gsp_rm_control_v03_00 */
#define CTRL_H_CLIENT	0
#define CTRL_H_OBJECT	4
#define CTRL_CMD	8
#define CTRL_STATUS	12
#define CTRL_PSIZE	16
#define CTRL_FLAGS	20
#define CTRL_PARAMS	24

#define CLS_NV01_ROOT		0x0
#define CLS_NV01_DEVICE_0	0x80
#define CLS_NV20_SUBDEVICE_0	0x2080
#define CMD_GET_VMMU_SEGMENT_SIZE	0x2080017e

struct call_rec {
	u32 function;
	size_t len;
	u8 bytes[160];
};

struct fake {
	int calls;
	struct call_rec rec[64];
	/* scripting: the call (1-based) that fails, or gets a status, or a resized reply */
	int fail_on, fail_err;
	int status_on;
	u32 status;
	int resize_on;
	long resize_by;
	u64 ctrl_out;
	/* the peer's object tree */
	struct { u32 h, parent; } live[64];
	int nlive;
	int order_errors;
};

static const struct nvgsp_abi *rel(int i)
{
	size_t n;
	const struct nvgsp_abi *const *all = nvgsp_abi_tables(&n);

	ck_assert_uint_eq(n, N_RELEASES);
	return all[i];
}

static u32 rd32(const u8 *p, size_t off)
{
	return p[off] | (u32)p[off + 1] << 8 | (u32)p[off + 2] << 16 | (u32)p[off + 3] << 24;
}

static void wr32(u8 *p, size_t off, u32 v)
{
	p[off] = v;
	p[off + 1] = v >> 8;
	p[off + 2] = v >> 16;
	p[off + 3] = v >> 24;
}

static int live_find(struct fake *f, u32 h)
{
	for (int i = 0; i < f->nlive; i++)
		if (f->live[i].h == h)
			return i;
	return -1;
}

static int fake_call(void *ctx, u32 function, const void *req, size_t len, void *reply,
		     size_t reply_len, size_t *got)
{
	struct fake *f = ctx;
	u8 *r = reply;
	int n = ++f->calls;
	u32 status = f->status_on == n ? f->status : 0;
	struct call_rec *rec = &f->rec[(n - 1) % 64];

	rec->function = function;
	rec->len = len;
	memcpy(rec->bytes, req, len < sizeof(rec->bytes) ? len : sizeof(rec->bytes));
	if (f->fail_on == n)
		return f->fail_err;
	ck_assert_uint_le(len, reply_len);
	memcpy(r, req, len);
	*got = len;

	if (function == NVGSP_ABI_RPC_GSP_RM_ALLOC) {
		wr32(r, ALLOC_STATUS, status);
		if (!status) {
			ck_assert_int_lt(f->nlive, 64);
			f->live[f->nlive].h = rd32(r, ALLOC_H_OBJECT);
			f->live[f->nlive++].parent = rd32(r, ALLOC_H_PARENT);
		}
	} else if (function == NVGSP_ABI_RPC_FREE) {
		u32 h = rd32(r, FREE_H_OBJECT);
		int i = live_find(f, h);

		wr32(r, FREE_STATUS, status);
		if (!status && i >= 0) {
			for (int j = 0; j < f->nlive; j++)
				if (j != i && f->live[j].parent == h)
					f->order_errors++;
			f->live[i] = f->live[--f->nlive];
		}
	} else if (function == NVGSP_ABI_RPC_GSP_RM_CONTROL) {
		wr32(r, CTRL_STATUS, status);
		if (!status && len >= CTRL_PARAMS + 8) {
			wr32(r, CTRL_PARAMS, (u32)f->ctrl_out);
			wr32(r, CTRL_PARAMS + 4, (u32)(f->ctrl_out >> 32));
		}
	} else {
		ck_abort_msg("unexpected RPC %u", function);
	}
	if (f->resize_on == n)
		*got = (size_t)((long)*got + f->resize_by);
	return 0;
}

static struct nvgsp_rm *mk(struct fake *f, int r)
{
	struct nvgsp_rm *rm = NULL;

	memset(f, 0, sizeof(*f));
	unit_log_reset();
	ck_assert_int_eq(nvgsp_rm_create_call(fake_call, f, rel(r), &rm_dev, &rm), 0);
	ck_assert_ptr_nonnull(rm);
	return rm;
}

static void has_log(const char *needle)
{
	ck_assert_msg(strstr(unit_log, needle), "log lacks \"%s\":\n%s", needle, unit_log);
}

/* Allocate a client (under itself) with empty parameters, through the API. */
static u32 mk_client(struct nvgsp_rm *rm)
{
	u32 h = nvgsp_rm_handle(rm);

	ck_assert_int_eq(nvgsp_rm_alloc(rm, h, h, h, NVGSP_ABI_CLASS_NV01_ROOT, NULL, 0), 0);
	return h;
}

/* ---- create, handles ---------------------------------------------------- */

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

START_TEST(create_refuses_nulls)
{
	struct nvgsp_rm *rm = NULL;

	ck_assert_int_eq(nvgsp_rm_create_call(NULL, NULL, rel(0), &rm_dev, &rm), -EINVAL);
	ck_assert_int_eq(nvgsp_rm_create_call(fake_call, NULL, NULL, &rm_dev, &rm), -EINVAL);
	ck_assert_ptr_null(rm);
	nvgsp_rm_destroy(NULL);
}
END_TEST

START_TEST(handles_unique)
{
	static u32 seen[5000];
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);

	for (int i = 0; i < 5000; i++) {
		seen[i] = nvgsp_rm_handle(rm);
		ck_assert_uint_eq(seen[i] & 0xfff00000, 0xcaf00000);
	}
	qsort(seen, 5000, sizeof(seen[0]), cmp_u32);
	for (int i = 1; i < 5000; i++)
		ck_assert_uint_ne(seen[i], seen[i - 1]);
	nvgsp_rm_destroy(rm);
	ck_assert_int_eq(f.calls, 0);
}
END_TEST

/* ---- alloc ------------------------------------------------------------ */

START_TEST(alloc_request_bytes)
{
	static const u8 params[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);
	u32 c = mk_client(rm), s = nvgsp_rm_handle(rm);
	const struct call_rec *q = &f.rec[1];

	ck_assert_int_eq(nvgsp_rm_alloc(rm, c, c, s, NVGSP_ABI_CLASS_NV20_SUBDEVICE_0, params,
					sizeof(params)), 0);
	ck_assert_int_eq(f.calls, 2);
	ck_assert_uint_eq(q->function, NVGSP_ABI_RPC_GSP_RM_ALLOC);
	ck_assert_uint_eq(q->len, ALLOC_PARAMS + sizeof(params));
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_CLIENT), c);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_PARENT), c);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_OBJECT), s);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_CLASS), CLS_NV20_SUBDEVICE_0);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_STATUS), 0);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_PSIZE), sizeof(params));
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_FLAGS), 0);
	ck_assert_uint_eq(rd32(q->bytes, 28), 0);
	ck_assert_mem_eq(q->bytes + ALLOC_PARAMS, params, sizeof(params));
	/* the root client: class NV01_ROOT, under itself, no parameters */
	ck_assert_uint_eq(f.rec[0].len, ALLOC_PARAMS);
	ck_assert_uint_eq(rd32(f.rec[0].bytes, ALLOC_H_CLASS), CLS_NV01_ROOT);
	ck_assert_uint_eq(rd32(f.rec[0].bytes, ALLOC_H_PARENT), c);
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 2);
	nvgsp_rm_destroy(rm);
}
END_TEST

/* RM statuses in the alloc reply: errno, message, object not tracked. */
static const struct {
	u32 status;
	int err;
	const char *text;
} alloc_errs[] = {
	{ 0x51, -ENOMEM, "RM status 0x51 (NO_MEMORY Out of memory)" },
	{ 0x56, -EOPNOTSUPP, "RM status 0x56 (NOT_SUPPORTED Call not supported)" },
	{ 0x33, -EINVAL, "RM status 0x33 (INVALID_OBJECT_HANDLE Object handle is not valid)" },
	{ 0x12345, -EIO, "RM status 0x12345 (? unknown status)" },
};
#define N_ALLOC_ERRS (int)(ARRAY_SIZE(alloc_errs))

START_TEST(alloc_rm_status)
{
	int r = _i / N_ALLOC_ERRS, e = _i % N_ALLOC_ERRS;
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, r);
	u32 c = mk_client(rm), s = nvgsp_rm_handle(rm);
	char want[96];

	f.status_on = 2;
	f.status = alloc_errs[e].status;
	ck_assert_int_eq(nvgsp_rm_alloc(rm, c, c, s, NVGSP_ABI_CLASS_NV20_SUBDEVICE_0, NULL, 0),
			 alloc_errs[e].err);
	snprintf(want, sizeof(want), "RM_ALLOC NV20_SUBDEVICE_0 client 0x%08x parent 0x%08x "
		 "object 0x%08x: ", c, c, s);
	has_log(want);
	has_log(alloc_errs[e].text);
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 1);
	/* the handle is free again */
	ck_assert_int_eq(nvgsp_rm_alloc(rm, c, c, s, NVGSP_ABI_CLASS_NV20_SUBDEVICE_0, NULL, 0), 0);
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 2);
	nvgsp_rm_destroy(rm);
}
END_TEST

START_TEST(alloc_warning_is_success)
{
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);
	u32 c = nvgsp_rm_handle(rm);

	f.status_on = 1;
	f.status = 0x10006;	/* NV_WARN_NOTHING_TO_DO */
	ck_assert_int_eq(nvgsp_rm_alloc(rm, c, c, c, NVGSP_ABI_CLASS_NV01_ROOT, NULL, 0), 0);
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 1);
	nvgsp_rm_destroy(rm);
}
END_TEST

START_TEST(alloc_transport_error)
{
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);
	u32 c = nvgsp_rm_handle(rm);

	f.fail_on = 1;
	f.fail_err = -ETIMEDOUT;
	ck_assert_int_eq(nvgsp_rm_alloc(rm, c, c, c, NVGSP_ABI_CLASS_NV01_ROOT, NULL, 0),
			 -ETIMEDOUT);
	/* The transport logged the timeout (and died): RM adds no line. */
	ck_assert_msg(!strstr(unit_log, "RPC failed"), "%s", unit_log);
	f.fail_on = 2;
	f.fail_err = -ENOMEM;
	ck_assert_int_eq(nvgsp_rm_alloc(rm, c, c, c, NVGSP_ABI_CLASS_NV01_ROOT, NULL, 0),
			 -ENOMEM);
	has_log("RM_ALLOC NV01_ROOT client");
	has_log(": RPC failed: -12");
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 0);
	nvgsp_rm_destroy(rm);
	ck_assert_int_eq(f.calls, 2);
}
END_TEST

START_TEST(alloc_short_reply)
{
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);
	u32 c = nvgsp_rm_handle(rm);

	f.resize_on = 1;
	f.resize_by = -(ALLOC_PARAMS - 4);
	ck_assert_int_eq(nvgsp_rm_alloc(rm, c, c, c, NVGSP_ABI_CLASS_NV01_ROOT, NULL, 0), -EPROTO);
	has_log("reply of 4 bytes is shorter than its 32-byte header");
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 0);
	nvgsp_rm_destroy(rm);
}
END_TEST

START_TEST(alloc_refusals)
{
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);
	u32 c = mk_client(rm);

	ck_assert_int_eq(nvgsp_rm_alloc(rm, c, c, c, NVGSP_ABI_CLASS_NV01_ROOT, NULL, 0), -EEXIST);
	has_log("handle already allocated");
	ck_assert_int_eq(nvgsp_rm_alloc(rm, c, c, 0xcaf0ffff, NVGSP_ABI_NR_CLASS, NULL, 0),
			 -EINVAL);
	has_log("has no number for this class");
	ck_assert_int_eq(nvgsp_rm_alloc(rm, c, c, 0xcaf0fffe, NVGSP_ABI_CLASS_NV01_DEVICE_0, NULL,
					4), -EINVAL);
	has_log("bad parameters (4 bytes)");
	ck_assert_int_eq(f.calls, 1);
	nvgsp_rm_destroy(rm);
}
END_TEST

/* ---- free ------------------------------------------------------------- */

START_TEST(free_request_bytes)
{
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);
	u32 c = mk_client(rm), d = nvgsp_rm_handle(rm);
	const struct call_rec *q = &f.rec[2];

	ck_assert_int_eq(nvgsp_rm_alloc(rm, c, c, d, NVGSP_ABI_CLASS_NV01_DEVICE_0, NULL, 0), 0);
	ck_assert_int_eq(nvgsp_rm_free(rm, c, c, d), 0);
	ck_assert_uint_eq(q->function, NVGSP_ABI_RPC_FREE);
	ck_assert_uint_eq(q->len, FREE_SIZE);
	ck_assert_uint_eq(rd32(q->bytes, FREE_H_ROOT), c);
	ck_assert_uint_eq(rd32(q->bytes, FREE_H_PARENT), c);
	ck_assert_uint_eq(rd32(q->bytes, FREE_H_OBJECT), d);
	ck_assert_uint_eq(rd32(q->bytes, FREE_STATUS), 0);
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 1);
	ck_assert_int_eq(nvgsp_rm_free(rm, c, c, d), -ENOENT);
	has_log("not allocated here");
	ck_assert_int_eq(f.calls, 3);
	nvgsp_rm_destroy(rm);
}
END_TEST

START_TEST(free_rm_status)
{
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);
	u32 c = mk_client(rm);
	char want[96];

	f.status_on = 2;
	f.status = 0x17;	/* NV_ERR_IN_USE */
	ck_assert_int_ne(nvgsp_rm_free(rm, c, c, c), 0);
	snprintf(want, sizeof(want), "RM_FREE NV01_ROOT client 0x%08x parent 0x%08x object 0x%08x: "
		 "RM status 0x17 (IN_USE", c, c, c);
	has_log(want);
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 1);	/* still there */
	f.resize_on = 3;
	f.resize_by = -4;
	ck_assert_int_eq(nvgsp_rm_free(rm, c, c, c), -EPROTO);
	has_log("reply of 12 bytes, rpc_free_v03_00 is 16");
	ck_assert_int_eq(nvgsp_rm_free(rm, c, c, c), 0);
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 0);
	nvgsp_rm_destroy(rm);
}
END_TEST

/* GSP-RM frees a client's whole tree: so does our table. */
START_TEST(free_parent_forgets_children)
{
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);
	u32 c = mk_client(rm), c2 = mk_client(rm);
	u32 d = nvgsp_rm_handle(rm), s = nvgsp_rm_handle(rm), d2 = nvgsp_rm_handle(rm);

	ck_assert_int_eq(nvgsp_rm_alloc(rm, c, c, d, NVGSP_ABI_CLASS_NV01_DEVICE_0, NULL, 0), 0);
	ck_assert_int_eq(nvgsp_rm_alloc(rm, c, d, s, NVGSP_ABI_CLASS_NV20_SUBDEVICE_0, NULL, 0), 0);
	ck_assert_int_eq(nvgsp_rm_alloc(rm, c2, c2, d2, NVGSP_ABI_CLASS_NV01_DEVICE_0, NULL, 0), 0);
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 5);
	ck_assert_int_eq(nvgsp_rm_free(rm, c, c, c), 0);
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 2);
	ck_assert_uint_eq(rd32(f.rec[5].bytes, FREE_H_OBJECT), c);
	ck_assert_int_eq(nvgsp_rm_free(rm, c, d, s), -ENOENT);
	f.calls = 0;
	nvgsp_rm_destroy(rm);
	ck_assert_int_eq(f.calls, 2);
	ck_assert_uint_eq(rd32(f.rec[0].bytes, FREE_H_OBJECT), d2);
	ck_assert_uint_eq(rd32(f.rec[1].bytes, FREE_H_OBJECT), c2);
}
END_TEST

/* ---- control ---------------------------------------------------------- */

START_TEST(control_request_and_reply)
{
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);
	const struct nvgsp_abi *abi = rel(_i);
	struct nvgsp_abi_vmmu_segment_size seg = { .segment_size = 0x1234 };
	u32 size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_VMMU_SEGMENT_SIZE);
	const struct call_rec *q = &f.rec[0];
	u8 params[8];

	ck_assert_uint_eq(size, 8);
	ck_assert_int_eq(nvgsp_abi_encode_vmmu_segment_size(abi, &seg, params, sizeof(params)), 8);
	f.ctrl_out = 0x20000000ULL;	/* 512 MiB segments */
	ck_assert_int_eq(nvgsp_rm_control(rm, 0xcaf00001, 0xcaf00003,
					  NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE, params,
					  sizeof(params)), 0);
	ck_assert_uint_eq(q->function, NVGSP_ABI_RPC_GSP_RM_CONTROL);
	ck_assert_uint_eq(q->len, CTRL_PARAMS + 8);
	ck_assert_uint_eq(rd32(q->bytes, CTRL_H_CLIENT), 0xcaf00001);
	ck_assert_uint_eq(rd32(q->bytes, CTRL_H_OBJECT), 0xcaf00003);
	ck_assert_uint_eq(rd32(q->bytes, CTRL_CMD), CMD_GET_VMMU_SEGMENT_SIZE);
	ck_assert_uint_eq(rd32(q->bytes, CTRL_STATUS), 0);
	ck_assert_uint_eq(rd32(q->bytes, CTRL_PSIZE), 8);
	ck_assert_uint_eq(rd32(q->bytes, CTRL_FLAGS), 0);
	ck_assert_uint_eq(rd32(q->bytes, CTRL_PARAMS), 0x1234);
	ck_assert_int_eq(nvgsp_abi_decode_vmmu_segment_size(abi, &seg, params, sizeof(params)), 8);
	ck_assert_uint_eq(seg.segment_size, 0x20000000ULL);
	nvgsp_rm_destroy(rm);
}
END_TEST

START_TEST(control_rm_status)
{
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);
	u8 params[8] = { 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa };

	f.status_on = 1;
	f.status = 0x56;
	f.ctrl_out = 0x1111;
	ck_assert_int_eq(nvgsp_rm_control(rm, 0xcaf00001, 0xcaf00003,
					  NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE, params,
					  sizeof(params)), -EOPNOTSUPP);
	has_log("RM_CONTROL NV2080_GPU_GET_VMMU_SEGMENT_SIZE (0x2080017e) client 0xcaf00001 "
		"object 0xcaf00003: RM status 0x56 (NOT_SUPPORTED Call not supported)");
	ck_assert_uint_eq(params[0], 0xaa);	/* not overwritten on error */
	nvgsp_rm_destroy(rm);
}
END_TEST

START_TEST(control_bad_replies)
{
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);
	u8 params[8] = { 0 };

	f.resize_on = 1;
	f.resize_by = -1;
	ck_assert_int_eq(nvgsp_rm_control(rm, 1, 2, NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE,
					  params, sizeof(params)), -EPROTO);
	has_log("reply of 31 bytes with paramsSize 8, sent 32 with 8");
	f.resize_on = 2;
	f.resize_by = -20;
	ck_assert_int_eq(nvgsp_rm_control(rm, 1, 2, NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE,
					  params, sizeof(params)), -EPROTO);
	has_log("reply of 12 bytes is shorter than its 24-byte header");
	f.fail_on = 3;
	f.fail_err = -ENODEV;
	ck_assert_int_eq(nvgsp_rm_control(rm, 1, 2, NVGSP_ABI_CTRL_NV2080_GPU_GET_VMMU_SEGMENT_SIZE,
					  params, sizeof(params)), -ENODEV);
	/* A dead transport or a gone device was logged by the transport, once. */
	ck_assert_msg(!strstr(unit_log, "RPC failed: -19"), "%s", unit_log);
	nvgsp_rm_destroy(rm);
}
END_TEST

/*
 * 570.144 moved 0x20800ac3 to another control: FBSR_SEND_REGION_INFO has
 * no number there and is refused before anything is sent.
 */
START_TEST(control_missing_in_release)
{
	struct fake f;
	const struct nvgsp_abi *abi = rel(_i);
	struct nvgsp_rm *rm = mk(&f, _i);
	bool is570 = !strcmp(abi->release, "570.144");
	u8 params[4] = { 0 };
	int ret;

	ret = nvgsp_rm_control(rm, 1, 2, NVGSP_ABI_CTRL_NV2080_INTERNAL_FBSR_SEND_REGION_INFO,
			       params, sizeof(params));
	if (is570) {
		ck_assert_int_eq(ret, -EOPNOTSUPP);
		has_log("GSP-RM 570.144 has no number for this control");
		ck_assert_int_eq(f.calls, 0);
	} else {
		ck_assert_int_eq(ret, 0);
		ck_assert_uint_eq(rd32(f.rec[0].bytes, CTRL_CMD), 0x20800ac3);
	}
	nvgsp_rm_destroy(rm);
}
END_TEST

/* ---- open, close, destroy --------------------------------------------- */

START_TEST(open_close)
{
	struct fake f;
	const struct nvgsp_abi *abi = rel(_i);
	struct nvgsp_rm *rm = mk(&f, _i);
	u32 client_params = !strcmp(abi->release, "570.144") ? 120 : 108;
	struct nvgsp_rm_subdevice sd, sd_was;
	const struct call_rec *q;

	ck_assert_int_eq(nvgsp_rm_open(rm, &sd), 0);
	ck_assert_int_eq(f.calls, 3);
	ck_assert_uint_ne(sd.h_client, sd.h_device);
	ck_assert_uint_ne(sd.h_device, sd.h_subdevice);

	q = &f.rec[0];		/* NV0000_ALLOC_PARAMETERS */
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_CLASS), CLS_NV01_ROOT);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_CLIENT), sd.h_client);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_PARENT), sd.h_client);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_OBJECT), sd.h_client);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_PSIZE), client_params);
	ck_assert_uint_eq(q->len, ALLOC_PARAMS + client_params);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_PARAMS + 0), sd.h_client);	/* hClient */
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_PARAMS + 4), 0xffffffff);	/* processID */
	ck_assert_uint_eq(q->bytes[ALLOC_PARAMS + 8], 0);			/* processName */

	q = &f.rec[1];		/* NV0080_ALLOC_PARAMETERS */
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_CLASS), CLS_NV01_DEVICE_0);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_PARENT), sd.h_client);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_OBJECT), sd.h_device);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_PSIZE), 56);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_PARAMS + 0), 0);			/* deviceId */
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_PARAMS + 4), sd.h_client);	/* hClientShare */

	q = &f.rec[2];		/* NV2080_ALLOC_PARAMETERS */
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_CLASS), CLS_NV20_SUBDEVICE_0);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_PARENT), sd.h_device);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_H_OBJECT), sd.h_subdevice);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_PSIZE), 4);
	ck_assert_uint_eq(rd32(q->bytes, ALLOC_PARAMS), 0);			/* subDeviceId */
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 3);

	sd_was = sd;
	nvgsp_rm_close(rm, &sd);
	ck_assert_int_eq(f.calls, 6);
	ck_assert_uint_eq(f.rec[3].function, NVGSP_ABI_RPC_FREE);
	ck_assert_uint_eq(rd32(f.rec[3].bytes, FREE_H_OBJECT), sd_was.h_subdevice);
	ck_assert_uint_eq(rd32(f.rec[4].bytes, FREE_H_OBJECT), sd_was.h_device);
	ck_assert_uint_eq(rd32(f.rec[5].bytes, FREE_H_OBJECT), sd_was.h_client);
	ck_assert_int_eq(f.order_errors, 0);
	ck_assert_int_eq(f.nlive, 0);
	ck_assert_uint_eq(sd.h_client, 0);
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 0);
	nvgsp_rm_destroy(rm);
	ck_assert_int_eq(f.calls, 6);
}
END_TEST

/* A failure at each step of open leaves nothing allocated, on either side. */
START_TEST(open_unwinds)
{
	int r = _i / 3, step = _i % 3 + 1;
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, r);
	struct nvgsp_rm_subdevice sd = { 7, 8, 9 };

	f.status_on = step;
	f.status = 0x1a;	/* NV_ERR_INSUFFICIENT_RESOURCES */
	ck_assert_int_lt(nvgsp_rm_open(rm, &sd), 0);
	has_log("RM status 0x1a (INSUFFICIENT_RESOURCES");
	ck_assert_int_eq(f.calls, step + step - 1);	/* allocs, then frees of the ones made */
	ck_assert_int_eq(f.nlive, 0);
	ck_assert_int_eq(f.order_errors, 0);
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 0);
	ck_assert_uint_eq(sd.h_client, 7);
	nvgsp_rm_destroy(rm);
	ck_assert_int_eq(f.calls, step + step - 1);
}
END_TEST

START_TEST(destroy_frees_children_first)
{
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);
	struct nvgsp_rm_subdevice a, b;
	u32 extra = nvgsp_rm_handle(rm), extra2 = nvgsp_rm_handle(rm);

	ck_assert_int_eq(nvgsp_rm_open(rm, &a), 0);
	ck_assert_int_eq(nvgsp_rm_open(rm, &b), 0);
	/* objects allocated after their parents' siblings, to make order matter */
	ck_assert_int_eq(nvgsp_rm_alloc(rm, a.h_client, a.h_device, extra,
					NVGSP_ABI_CLASS_FERMI_VASPACE_A, NULL, 0), 0);
	ck_assert_int_eq(nvgsp_rm_alloc(rm, a.h_client, a.h_subdevice, extra2,
					NVGSP_ABI_CLASS_NV01_EVENT, NULL, 0), 0);
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 8);
	unit_log_reset();
	f.calls = 0;
	f.status_on = 5;	/* b's client fails: logged, forgotten anyway */
	f.status = 0x40;
	nvgsp_rm_destroy(rm);
	has_log("freeing 8 RM objects left allocated");
	has_log("RM status 0x40 (INVALID_STATE");
	ck_assert_int_eq(f.calls, 8);
	for (int i = 0; i < 8; i++)
		ck_assert_uint_eq(f.rec[i].function, NVGSP_ABI_RPC_FREE);
	ck_assert_int_eq(f.order_errors, 0);
	ck_assert_int_eq(f.nlive, 1);	/* the one GSP-RM refused */
	/* the last objects allocated go first */
	ck_assert_uint_eq(rd32(f.rec[0].bytes, FREE_H_OBJECT), extra2);
	ck_assert_uint_eq(rd32(f.rec[1].bytes, FREE_H_OBJECT), extra);
	ck_assert_uint_eq(rd32(f.rec[2].bytes, FREE_H_OBJECT), b.h_subdevice);
	ck_assert_uint_eq(rd32(f.rec[4].bytes, FREE_H_OBJECT), b.h_client);
	ck_assert_uint_eq(rd32(f.rec[7].bytes, FREE_H_OBJECT), a.h_client);
}
END_TEST

/* A dead GSP-RM's objects went with it: nothing sent, nothing said. */
START_TEST(abandon_sends_nothing)
{
	struct fake f;
	struct nvgsp_rm *rm = mk(&f, _i);
	struct nvgsp_rm_subdevice a;

	ck_assert_int_eq(nvgsp_rm_open(rm, &a), 0);
	ck_assert_uint_eq(nvgsp_rm_objects(rm), 3);
	unit_log_reset();
	f.calls = 0;
	nvgsp_rm_abandon(rm);
	ck_assert_int_eq(f.calls, 0);
	ck_assert_msg(unit_log[0] == '\0', "logged: %s", unit_log);
	nvgsp_rm_abandon(NULL);
}
END_TEST

Suite *nvgsp_suite_rm(void)
{
	Suite *s = suite_create("rm");
	TCase *tc = tcase_create("handles");

	tcase_add_test(tc, create_refuses_nulls);
	tcase_add_loop_test(tc, handles_unique, 0, N_RELEASES);
	suite_add_tcase(s, tc);

	tc = tcase_create("alloc");
	tcase_add_loop_test(tc, alloc_request_bytes, 0, N_RELEASES);
	tcase_add_loop_test(tc, alloc_rm_status, 0, N_RELEASES * N_ALLOC_ERRS);
	tcase_add_loop_test(tc, alloc_warning_is_success, 0, N_RELEASES);
	tcase_add_loop_test(tc, alloc_transport_error, 0, N_RELEASES);
	tcase_add_loop_test(tc, alloc_short_reply, 0, N_RELEASES);
	tcase_add_loop_test(tc, alloc_refusals, 0, N_RELEASES);
	suite_add_tcase(s, tc);

	tc = tcase_create("free");
	tcase_add_loop_test(tc, free_request_bytes, 0, N_RELEASES);
	tcase_add_loop_test(tc, free_rm_status, 0, N_RELEASES);
	tcase_add_loop_test(tc, free_parent_forgets_children, 0, N_RELEASES);
	suite_add_tcase(s, tc);

	tc = tcase_create("control");
	tcase_add_loop_test(tc, control_request_and_reply, 0, N_RELEASES);
	tcase_add_loop_test(tc, control_rm_status, 0, N_RELEASES);
	tcase_add_loop_test(tc, control_bad_replies, 0, N_RELEASES);
	tcase_add_loop_test(tc, control_missing_in_release, 0, N_RELEASES);
	suite_add_tcase(s, tc);

	tc = tcase_create("objects");
	tcase_add_loop_test(tc, open_close, 0, N_RELEASES);
	tcase_add_loop_test(tc, open_unwinds, 0, N_RELEASES * 3);
	tcase_add_loop_test(tc, destroy_frees_children_first, 0, N_RELEASES);
	tcase_add_loop_test(tc, abandon_sends_nothing, 0, N_RELEASES);
	suite_add_tcase(s, tc);
	return s;
}
