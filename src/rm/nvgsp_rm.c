// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_rm.c - the RM object API: allocations, frees and control calls on
 * objects in GSP-RM, and the table of what this layer allocated.
 *
 * Portable core.
 *
 * DOC: the RPCs
 *
 * As nouveau's r535 alloc.c and ctrl.c (drivers/gpu/drm/nouveau/nvkm/
 * subdev/gsp/rm/r535/; r570 reuses them) send them:
 *  - GSP_RM_ALLOC: rpc_gsp_rm_alloc_v03_00 {hClient, hParent, hObject,
 *    hClass, status 0, paramsSize, flags 0} then the class's parameters;
 *    GSP-RM answers with the same message, status filled in.
 *  - FREE: rpc_free_v03_00 {hRoot = client, hObjectParent, hObjectOld,
 *    status}; GSP-RM frees the object's children with it.
 *  - GSP_RM_CONTROL: rpc_gsp_rm_control_v03_00 {hClient, hObject, cmd,
 *    status 0, paramsSize, flags 0} then the parameters; the reply carries
 *    the status and the control's output parameters in place.
 * The RPC header's rpc_result is the transport's business; the status in
 * these payloads is RM's answer to the operation, mapped to errno by
 * nvgsp_abi_rm_status_errno() and logged with nvgsp_abi_status_str().
 *
 * A root client is allocated with class NV01_ROOT under itself
 * (hClient == hParent == hObject), then NV01_DEVICE_0 under it and
 * NV20_SUBDEVICE_0 under the device, with the parameters nouveau's
 * r535 client.c and device.c give them.
 *
 * Locking: rm->lock protects the object table and the handle counter. It
 * is never held across an RPC (the transport serialises those itself).
 */
#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"
#include "transport/nvgsp_rpc.h"
#include "rm/nvgsp_rm.h"

/*
 * Handles this layer hands out: 0xcaf00000 + n. GSP-RM's own internal
 * objects use 0xc1e0xxxx (static info's hInternal*) and nouveau uses
 * 0xc1d0xxxx clients, so ours are recognisable in GSP-RM's logs.
 */
#define NVGSP_RM_HANDLE_BASE	0xcaf00000u
#define NVGSP_RM_HANDLE_MASK	0x000fffffu

/* Parameters larger than this are a caller bug (GSP-RM's limit is lower). */
#define NVGSP_RM_PARAMS_MAX	(1u << 20)

/* Room for a small class's encoded allocation parameters on the stack. */
#define NVGSP_RM_SMALL_PARAMS	128

/**
 * struct nvgsp_rm_obj - one object this layer allocated.
 * @handle: its handle.
 * @parent: its parent's handle (its own for a root client).
 * @client: its client's handle.
 * @class_id: enum nvgsp_abi_class id.
 */
struct nvgsp_rm_obj {
	u32 handle;
	u32 parent;
	u32 client;
	u32 class_id;
};

/**
 * struct nvgsp_rm - the RM object layer of one GPU.
 * @call: how RPCs reach GSP-RM.
 * @ctx: @call's context.
 * @abi: the bound release.
 * @dev: the device, for messages.
 * @lock: protects @objs, @nr, @cap and @next.
 * @objs: the objects allocated, in allocation order.
 * @nr: entries used in @objs.
 * @cap: entries allocated in @objs.
 * @next: the next handle's sequence number.
 */
struct nvgsp_rm {
	nvgsp_rm_call_fn call;
	void *ctx;
	const struct nvgsp_abi *abi;
	struct nvgsp_os_device *dev;
	struct nvgsp_os_mutex *lock;
	struct nvgsp_rm_obj *objs;
	u32 nr;
	u32 cap;
	u32 next;
};

static int rm_rpc_call(void *ctx, u32 function, const void *req, size_t len,
		       void *reply, size_t reply_len, size_t *reply_got)
{
	return nvgsp_rpc_call(ctx, function, req, len, reply, reply_len, reply_got, 0);
}

int nvgsp_rm_create_call(nvgsp_rm_call_fn call, void *ctx, const struct nvgsp_abi *abi,
			 struct nvgsp_os_device *dev, struct nvgsp_rm **out)
{
	struct nvgsp_rm *rm;
	int ret;

	if (!call || !abi)
		return -EINVAL;
	rm = nvgsp_os_zalloc(sizeof(*rm));
	if (!rm)
		return -ENOMEM;
	ret = nvgsp_os_mutex_create("nvgsp_rm", &rm->lock);
	if (ret) {
		nvgsp_os_free(rm);
		return ret;
	}
	rm->call = call;
	rm->ctx = ctx;
	rm->abi = abi;
	rm->dev = dev;
	*out = rm;
	return 0;
}

int nvgsp_rm_create(struct nvgsp_rpc *rpc, const struct nvgsp_abi *abi,
		    struct nvgsp_os_device *dev, struct nvgsp_rm **out)
{
	return nvgsp_rm_create_call(rm_rpc_call, rpc, abi, dev, out);
}

/* Index of @handle in the table, or -1. */
static int rm_find_locked(struct nvgsp_rm *rm, u32 handle)
{
	u32 i;

	nvgsp_os_mutex_assert_held(rm->lock);
	for (i = 0; i < rm->nr; i++)
		if (rm->objs[i].handle == handle)
			return (int)i;
	return -1;
}

static int rm_track(struct nvgsp_rm *rm, const struct nvgsp_rm_obj *obj)
{
	struct nvgsp_rm_obj *objs;
	int ret = 0;

	nvgsp_os_mutex_lock(rm->lock);
	if (rm->nr == rm->cap) {
		u32 cap = rm->cap ? rm->cap * 2 : 16;

		objs = nvgsp_os_zalloc(sizeof(*objs) * cap);
		if (!objs) {
			ret = -ENOMEM;
			goto unlock;
		}
		if (rm->nr)
			memcpy(objs, rm->objs, sizeof(*objs) * rm->nr);
		nvgsp_os_free(rm->objs);
		rm->objs = objs;
		rm->cap = cap;
	}
	rm->objs[rm->nr++] = *obj;
unlock:
	nvgsp_os_mutex_unlock(rm->lock);
	return ret;
}

static bool rm_is_descendant_locked(struct nvgsp_rm *rm, u32 handle, u32 ancestor)
{
	u32 depth;
	int i;

	/* Walk up the parent chain; the table is a forest, so it ends. */
	for (depth = 0; depth <= rm->nr; depth++) {
		if (handle == ancestor)
			return true;
		i = rm_find_locked(rm, handle);
		if (i < 0 || rm->objs[i].parent == handle)
			return false;
		handle = rm->objs[i].parent;
	}
	return false;
}

/* Forget @handle and everything below it (GSP-RM freed them with it). */
static void rm_forget(struct nvgsp_rm *rm, u32 handle)
{
	u32 i, n = 0;
	bool *gone;

	nvgsp_os_mutex_lock(rm->lock);
	gone = nvgsp_os_zalloc(sizeof(*gone) * (rm->nr ? rm->nr : 1));
	for (i = 0; i < rm->nr; i++) {
		bool drop = gone ? rm_is_descendant_locked(rm, rm->objs[i].handle, handle) :
				   rm->objs[i].handle == handle;

		if (gone)
			gone[i] = drop;
	}
	for (i = 0; i < rm->nr; i++) {
		bool drop = gone ? gone[i] : rm->objs[i].handle == handle;

		if (!drop)
			rm->objs[n++] = rm->objs[i];
	}
	rm->nr = n;
	nvgsp_os_free(gone);
	nvgsp_os_mutex_unlock(rm->lock);
}

u32 nvgsp_rm_objects(struct nvgsp_rm *rm)
{
	u32 n;

	nvgsp_os_mutex_lock(rm->lock);
	n = rm->nr;
	nvgsp_os_mutex_unlock(rm->lock);
	return n;
}

u32 nvgsp_rm_handle(struct nvgsp_rm *rm)
{
	u32 h;

	nvgsp_os_mutex_lock(rm->lock);
	do {
		h = NVGSP_RM_HANDLE_BASE | (rm->next++ & NVGSP_RM_HANDLE_MASK);
	} while (rm_find_locked(rm, h) >= 0);
	nvgsp_os_mutex_unlock(rm->lock);
	return h;
}

/* An RM status in a reply: 0 for NV_OK and warnings, else a logged errno. */
static int rm_status(struct nvgsp_rm *rm, u32 raw, const char *what)
{
	return nvgsp_rpc_rm_status(rm->dev, rm->abi, raw, what);
}

/* Send @req and take a reply of up to @reply_len bytes, logging failures. */
static int rm_call(struct nvgsp_rm *rm, u32 function, const void *req, size_t len,
		   void *reply, size_t reply_len, size_t *got, const char *what)
{
	int ret;

	*got = 0;
	ret = rm->call(rm->ctx, function, req, len, reply, reply_len, got);
	if (ret == -ETIMEDOUT || ret == -EPROTO || ret == -ENOSPC || ret == -EIO || ret == -ENODEV)
		/*
		 * GSP-RM hung, broke the protocol, is dead or the device is
		 * gone: the transport died and said so in one line.
		 */
		nvgsp_os_log(rm->dev, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC, "%s: RPC failed: %d", what,
			     ret);
	else if (ret)
		nvgsp_os_log_ratelimited(rm->dev, NVGSP_LOG_ERR, 0, "%s: RPC failed: %d", what,
					 ret);
	else if (*got > reply_len)
		ret = -EMSGSIZE;
	return ret;
}

/*
 * One GSP_RM_ALLOC or GSP_RM_CONTROL exchange: @neutral (the codec's header)
 * and @params_size bytes of @params out; the reply's header decoded back
 * into @neutral, and the whole reply (header, then parameters) returned in
 * *@reply (the caller frees it) with its length in *@got.
 */
static int rm_exchange(struct nvgsp_rm *rm, u32 function, enum nvgsp_abi_codec_id codec,
		       void *neutral, const void *params, u32 params_size, u8 **reply,
		       size_t *got, const char *what)
{
	u32 hdr = nvgsp_abi_codec_size(rm->abi, codec);
	size_t len = (size_t)hdr + params_size;
	u8 *req, *rep;
	int ret;

	req = nvgsp_os_zalloc(len);
	if (!req)
		return -ENOMEM;
	rep = nvgsp_os_zalloc(len);
	if (!rep) {
		ret = -ENOMEM;
		goto free_req;
	}
	ret = nvgsp_abi_encode(rm->abi, codec, neutral, req, len);
	if (ret < 0)
		goto free_rep;
	if (params_size)
		memcpy(req + hdr, params, params_size);

	ret = rm_call(rm, function, req, len, rep, len, got, what);
	if (ret)
		goto free_rep;
	if (*got < hdr) {
		nvgsp_os_log_ratelimited(rm->dev, NVGSP_LOG_ERR, 0,
					 "%s: reply of %zu bytes is shorter than its %u-byte header",
					 what, *got, hdr);
		ret = -EPROTO;
		goto free_rep;
	}
	ret = nvgsp_abi_decode(rm->abi, codec, neutral, rep, *got);
	if (ret < 0)
		goto free_rep;
	nvgsp_os_free(req);
	*reply = rep;
	return 0;

free_rep:
	nvgsp_os_free(rep);
free_req:
	nvgsp_os_free(req);
	return ret;
}

int nvgsp_rm_alloc(struct nvgsp_rm *rm, u32 h_client, u32 h_parent, u32 h_object,
		   u32 class_id, const void *params, u32 params_size)
{
	u32 hdr = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_RM_ALLOC);
	struct nvgsp_abi_rm_alloc a;
	struct nvgsp_rm_obj obj;
	char what[112];
	size_t got;
	u8 *reply;
	u32 number;
	int ret;

	nvgsp_os_snprintf(what, sizeof(what),
			  "RM_ALLOC %s client 0x%08x parent 0x%08x object 0x%08x",
			  nvgsp_abi_id_name(NVGSP_ABI_GROUP_CLASS, class_id), h_client, h_parent,
			  h_object);
	ret = nvgsp_abi_class_number(rm->abi, class_id, &number);
	if (ret) {
		nvgsp_os_log(rm->dev, NVGSP_LOG_ERR, 0,
			     "%s: GSP-RM %s has no number for this class", what, rm->abi->release);
		return ret == -ENOENT ? -EOPNOTSUPP : ret;
	}
	if (!hdr || params_size > NVGSP_RM_PARAMS_MAX || (params_size && !params)) {
		nvgsp_os_log(rm->dev, NVGSP_LOG_ERR, 0, "%s: bad parameters (%u bytes)", what,
			     params_size);
		return -EINVAL;
	}

	nvgsp_os_mutex_lock(rm->lock);
	ret = rm_find_locked(rm, h_object) >= 0 ? -EEXIST : 0;
	nvgsp_os_mutex_unlock(rm->lock);
	if (ret) {
		nvgsp_os_log(rm->dev, NVGSP_LOG_ERR, 0, "%s: handle already allocated", what);
		return ret;
	}

	memset(&a, 0, sizeof(a));
	a.h_client = h_client;
	a.h_parent = h_parent;
	a.h_object = h_object;
	a.h_class = number;
	a.params_size = params_size;
	ret = rm_exchange(rm, NVGSP_ABI_RPC_GSP_RM_ALLOC, NVGSP_ABI_CODEC_RM_ALLOC, &a, params,
			  params_size, &reply, &got, what);
	if (ret)
		return ret;
	ret = rm_status(rm, a.status, what);
	if (ret)
		goto free_reply;

	obj.handle = h_object;
	obj.parent = h_parent;
	obj.client = h_client;
	obj.class_id = class_id;
	ret = rm_track(rm, &obj);
	if (ret)
		nvgsp_os_log(rm->dev, NVGSP_LOG_ERR, 0, "%s: cannot track the object: %d", what,
			     ret);

free_reply:
	nvgsp_os_free(reply);
	return ret;
}

/* FREE on the wire, without touching the table. */
static int rm_free_rpc(struct nvgsp_rm *rm, u32 h_client, u32 h_parent, u32 h_object,
		       u32 class_id)
{
	u32 size = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_RM_FREE);
	u8 req[32], reply[32];
	struct nvgsp_abi_rm_free f;
	char what[112];
	size_t got;
	int ret;

	nvgsp_os_snprintf(what, sizeof(what),
			  "RM_FREE %s client 0x%08x parent 0x%08x object 0x%08x",
			  nvgsp_abi_id_name(NVGSP_ABI_GROUP_CLASS, class_id), h_client, h_parent,
			  h_object);
	if (!size || size > sizeof(req))
		return -EOPNOTSUPP;

	memset(&f, 0, sizeof(f));
	f.h_root = h_client;
	f.h_object_parent = h_parent;
	f.h_object_old = h_object;
	ret = nvgsp_abi_encode_rm_free(rm->abi, &f, req, size);
	if (ret < 0)
		return ret;

	ret = rm_call(rm, NVGSP_ABI_RPC_FREE, req, size, reply, size, &got, what);
	if (ret)
		return ret;
	if (got != size) {
		nvgsp_os_log_ratelimited(rm->dev, NVGSP_LOG_ERR, 0,
					 "%s: reply of %zu bytes, rpc_free_v03_00 is %u", what, got,
					 size);
		return -EPROTO;
	}
	ret = nvgsp_abi_decode_rm_free(rm->abi, &f, reply, got);
	if (ret < 0)
		return ret;
	return rm_status(rm, f.status, what);
}

int nvgsp_rm_free(struct nvgsp_rm *rm, u32 h_client, u32 h_parent, u32 h_object)
{
	u32 class_id;
	int i, ret;

	nvgsp_os_mutex_lock(rm->lock);
	i = rm_find_locked(rm, h_object);
	class_id = i >= 0 ? rm->objs[i].class_id : NVGSP_ABI_NR_CLASS;
	nvgsp_os_mutex_unlock(rm->lock);
	if (i < 0) {
		nvgsp_os_log(rm->dev, NVGSP_LOG_ERR, 0,
			     "RM_FREE client 0x%08x parent 0x%08x object 0x%08x: %s",
			     h_client, h_parent, h_object, "not allocated here");
		return -ENOENT;
	}

	ret = rm_free_rpc(rm, h_client, h_parent, h_object, class_id);
	if (!ret)
		rm_forget(rm, h_object);
	return ret;
}

int nvgsp_rm_control(struct nvgsp_rm *rm, u32 h_client, u32 h_object, u32 ctrl_id,
		     void *params, u32 params_size)
{
	u32 hdr = nvgsp_abi_codec_size(rm->abi, NVGSP_ABI_CODEC_RM_CONTROL);
	struct nvgsp_abi_rm_control c;
	char what[112];
	size_t got;
	u8 *reply;
	u32 cmd;
	int ret;

	ret = nvgsp_abi_ctrl_number(rm->abi, ctrl_id, &cmd);
	nvgsp_os_snprintf(what, sizeof(what), "RM_CONTROL %s (0x%08x) client 0x%08x object 0x%08x",
			  nvgsp_abi_id_name(NVGSP_ABI_GROUP_CTRL, ctrl_id), ret ? 0 : cmd,
			  h_client, h_object);
	if (ret) {
		nvgsp_os_log(rm->dev, NVGSP_LOG_ERR, 0,
			     "%s: GSP-RM %s has no number for this control", what,
			     rm->abi->release);
		return ret == -ENOENT ? -EOPNOTSUPP : ret;
	}
	if (!hdr || params_size > NVGSP_RM_PARAMS_MAX || (params_size && !params)) {
		nvgsp_os_log(rm->dev, NVGSP_LOG_ERR, 0, "%s: bad parameters (%u bytes)", what,
			     params_size);
		return -EINVAL;
	}

	memset(&c, 0, sizeof(c));
	c.h_client = h_client;
	c.h_object = h_object;
	c.cmd = cmd;
	c.params_size = params_size;
	ret = rm_exchange(rm, NVGSP_ABI_RPC_GSP_RM_CONTROL, NVGSP_ABI_CODEC_RM_CONTROL, &c, params,
			  params_size, &reply, &got, what);
	if (ret)
		return ret;
	ret = rm_status(rm, c.status, what);
	if (ret)
		goto free_reply;
	if (got != (size_t)hdr + params_size || c.params_size != params_size) {
		nvgsp_os_log_ratelimited(rm->dev, NVGSP_LOG_ERR, 0,
					 "%s: reply of %zu bytes with paramsSize %u, sent %zu with %u",
					 what, got, c.params_size, (size_t)hdr + params_size,
					 params_size);
		ret = -EPROTO;
		goto free_reply;
	}
	if (params_size)
		memcpy(params, reply + hdr, params_size);

free_reply:
	nvgsp_os_free(reply);
	return ret;
}

/* Encode a small class's allocation parameters and allocate the object. */
static int rm_alloc_small(struct nvgsp_rm *rm, u32 h_client, u32 h_parent, u32 h_object,
			  u32 class_id, enum nvgsp_abi_codec_id codec, const void *neutral)
{
	u8 params[NVGSP_RM_SMALL_PARAMS];
	int ret;

	ret = nvgsp_abi_encode(rm->abi, codec, neutral, params, sizeof(params));
	if (ret < 0) {
		nvgsp_os_log(rm->dev, NVGSP_LOG_ERR, 0,
			     "cannot encode %s for GSP-RM %s (%u bytes): %d",
			     nvgsp_abi_codec_names[codec], rm->abi->release,
			     nvgsp_abi_codec_size(rm->abi, codec), ret);
		return ret;
	}
	return nvgsp_rm_alloc(rm, h_client, h_parent, h_object, class_id, params, (u32)ret);
}

int nvgsp_rm_open(struct nvgsp_rm *rm, struct nvgsp_rm_subdevice *sd)
{
	struct nvgsp_abi_rm_alloc_subdevice sub;
	struct nvgsp_abi_rm_alloc_client cli;
	struct nvgsp_abi_rm_alloc_device dev;
	u32 client, device, subdevice;
	int ret;

	client = nvgsp_rm_handle(rm);
	device = nvgsp_rm_handle(rm);
	subdevice = nvgsp_rm_handle(rm);

	/* nouveau r535 client.c: processID ~0, no process name. */
	memset(&cli, 0, sizeof(cli));
	cli.h_client = client;
	cli.process_id = 0xffffffff;
	ret = rm_alloc_small(rm, client, client, client, NVGSP_ABI_CLASS_NV01_ROOT,
			     NVGSP_ABI_CODEC_RM_ALLOC_CLIENT, &cli);
	if (ret)
		return ret;

	/* nouveau r535 device.c: device 0, sharing the client's VA space. */
	memset(&dev, 0, sizeof(dev));
	dev.h_client_share = client;
	ret = rm_alloc_small(rm, client, client, device, NVGSP_ABI_CLASS_NV01_DEVICE_0,
			     NVGSP_ABI_CODEC_RM_ALLOC_DEVICE, &dev);
	if (ret)
		goto free_client;

	memset(&sub, 0, sizeof(sub));
	ret = rm_alloc_small(rm, client, device, subdevice, NVGSP_ABI_CLASS_NV20_SUBDEVICE_0,
			     NVGSP_ABI_CODEC_RM_ALLOC_SUBDEVICE, &sub);
	if (ret)
		goto free_device;

	sd->h_client = client;
	sd->h_device = device;
	sd->h_subdevice = subdevice;
	return 0;

free_device:
	nvgsp_rm_free(rm, client, client, device);
free_client:
	nvgsp_rm_free(rm, client, client, client);
	return ret;
}

void nvgsp_rm_close(struct nvgsp_rm *rm, struct nvgsp_rm_subdevice *sd)
{
	if (sd->h_subdevice)
		nvgsp_rm_free(rm, sd->h_client, sd->h_device, sd->h_subdevice);
	if (sd->h_device)
		nvgsp_rm_free(rm, sd->h_client, sd->h_client, sd->h_device);
	if (sd->h_client)
		nvgsp_rm_free(rm, sd->h_client, sd->h_client, sd->h_client);
	memset(sd, 0, sizeof(*sd));
}

/* The most recently allocated object with no children, or -1 if none left. */
static int rm_last_leaf_locked(struct nvgsp_rm *rm)
{
	int i;
	u32 j;

	for (i = (int)rm->nr - 1; i >= 0; i--) {
		bool parent = false;

		for (j = 0; j < rm->nr && !parent; j++)
			parent = (int)j != i && rm->objs[j].parent == rm->objs[i].handle &&
				 rm->objs[j].handle != rm->objs[j].parent;
		if (!parent)
			return i;
	}
	return -1;
}

static void rm_free_layer(struct nvgsp_rm *rm)
{
	nvgsp_os_free(rm->objs);
	nvgsp_os_mutex_destroy(rm->lock);
	nvgsp_os_free(rm);
}

void nvgsp_rm_destroy(struct nvgsp_rm *rm)
{
	struct nvgsp_rm_obj obj;
	u32 leaked;
	int i;

	if (!rm)
		return;

	leaked = nvgsp_rm_objects(rm);
	if (leaked)
		nvgsp_os_log(rm->dev, NVGSP_LOG_WARN, 0,
			     "freeing %u RM objects left allocated", leaked);
	for (;;) {
		nvgsp_os_mutex_lock(rm->lock);
		i = rm_last_leaf_locked(rm);
		if (i >= 0)
			obj = rm->objs[i];
		nvgsp_os_mutex_unlock(rm->lock);
		if (i < 0)
			break;
		/* Errors are logged; the object is forgotten either way. */
		rm_free_rpc(rm, obj.client, obj.parent, obj.handle, obj.class_id);
		rm_forget(rm, obj.handle);
	}
	rm_free_layer(rm);
}

void nvgsp_rm_abandon(struct nvgsp_rm *rm)
{
	if (rm)
		rm_free_layer(rm);
}
