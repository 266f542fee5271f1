/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_rm.h - the RM object API: clients, devices, subdevices and other
 * objects allocated in GSP-RM, and control calls on them. The layer the
 * vGPU manager builds on.
 *
 * Portable core. Classes and controls are symbolic ids (enum nvgsp_abi_class,
 * enum nvgsp_abi_ctrl); the bound release's table gives their numbers and
 * its codecs the RPC layouts. Every object this layer allocated is tracked,
 * so nvgsp_rm_destroy() can free what callers leaked, children first.
 */
#ifndef NVGSP_RM_H
#define NVGSP_RM_H

#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"

struct nvgsp_rpc;
struct nvgsp_rm;

/**
 * typedef nvgsp_rm_call_fn - how the layer reaches GSP-RM: one synchronous
 * RPC, with the semantics of nvgsp_rpc_call() (the default route).
 * @ctx: as given to nvgsp_rm_create_call().
 * @function: enum nvgsp_abi_rpc id (GSP_RM_ALLOC, FREE, GSP_RM_CONTROL).
 * @req: the RPC's payload (after the RPC header).
 * @len: its bytes.
 * @reply: receives the reply's payload.
 * @reply_len: room at @reply; a longer reply is an error.
 * @reply_got: set to the reply's length.
 *
 * Return: 0 or a negative errno (the reply's rpc_result already mapped).
 */
typedef int (*nvgsp_rm_call_fn)(void *ctx, u32 function, const void *req, size_t len,
				void *reply, size_t reply_len, size_t *reply_got);

/**
 * nvgsp_rm_create() - the RM object layer of one GPU, over its transport.
 * @rpc: the transport (GSP-RM running).
 * @abi: the bound release.
 * @dev: the device, for messages.
 * @out: set to the new layer.
 *
 * Return: 0 or -ENOMEM.
 */
int nvgsp_rm_create(struct nvgsp_rpc *rpc, const struct nvgsp_abi *abi,
		    struct nvgsp_os_device *dev, struct nvgsp_rm **out);

/**
 * nvgsp_rm_create_call() - as nvgsp_rm_create(), with the RPCs routed
 * through @call (another channel to an RM, or a test's GSP-RM model).
 * @call: sends one RPC and waits for its reply.
 * @ctx: passed to @call.
 * @abi: the bound release.
 * @dev: the device, for messages.
 * @out: set to the new layer.
 *
 * Return: 0, -EINVAL for a NULL @call or @abi, or -ENOMEM.
 */
int nvgsp_rm_create_call(nvgsp_rm_call_fn call, void *ctx, const struct nvgsp_abi *abi,
			 struct nvgsp_os_device *dev, struct nvgsp_rm **out);

/**
 * nvgsp_rm_destroy() - free every object still allocated (children before
 * their parents; errors are logged and the objects forgotten), then the
 * layer. NULL is ignored.
 * @rm: the layer.
 */
void nvgsp_rm_destroy(struct nvgsp_rm *rm);

/**
 * nvgsp_rm_abandon() - the layer of a GSP-RM that is dead or unloaded:
 * its objects went with it, so they are forgotten without an RPC and
 * without a word (nvgsp_rm_destroy() would send an RM_FREE per object,
 * each failing at once, and log them as left allocated), and the layer
 * is freed. NULL is ignored.
 * @rm: the layer.
 */
void nvgsp_rm_abandon(struct nvgsp_rm *rm);

/**
 * nvgsp_rm_objects() - how many objects the layer tracks as allocated.
 * @rm: the layer.
 *
 * Return: the count.
 */
u32 nvgsp_rm_objects(struct nvgsp_rm *rm);

/**
 * nvgsp_rm_alloc() - allocate an object (RPC GSP_RM_ALLOC).
 * @rm: the layer.
 * @h_client: the client handle (== @h_object for a root client).
 * @h_parent: the parent object.
 * @h_object: the new object's handle (from nvgsp_rm_handle()).
 * @class_id: enum nvgsp_abi_class id.
 * @params: the class's allocation parameters (wire bytes), or NULL.
 * @params_size: their size.
 *
 * Return: 0; the RM status as errno (message names class, handles, status
 * text); -EOPNOTSUPP when the release has no number for @class_id; -EEXIST
 * when @h_object is already allocated; -EPROTO for a malformed reply; a
 * transport errno.
 */
int nvgsp_rm_alloc(struct nvgsp_rm *rm, u32 h_client, u32 h_parent, u32 h_object,
		   u32 class_id, const void *params, u32 params_size);

/**
 * nvgsp_rm_free() - free an object (RPC FREE) and forget it and its
 * descendants (GSP-RM frees an object's children with it).
 * @rm: the layer.
 * @h_client: its client.
 * @h_parent: its parent.
 * @h_object: the object.
 *
 * Return: 0; -ENOENT when this layer did not allocate @h_object; or an
 * errno as nvgsp_rm_alloc().
 */
int nvgsp_rm_free(struct nvgsp_rm *rm, u32 h_client, u32 h_parent, u32 h_object);

/**
 * nvgsp_rm_control() - a control call (RPC GSP_RM_CONTROL); @params is sent
 * and overwritten with the reply's.
 * @rm: the layer.
 * @h_client: the client.
 * @h_object: the object the control is addressed to.
 * @ctrl_id: enum nvgsp_abi_ctrl id.
 * @params: in/out parameters (wire bytes).
 * @params_size: their size; the reply must have the same size.
 *
 * Return: 0 or an errno as nvgsp_rm_alloc().
 */
int nvgsp_rm_control(struct nvgsp_rm *rm, u32 h_client, u32 h_object, u32 ctrl_id,
		     void *params, u32 params_size);

/**
 * nvgsp_rm_handle() - a fresh object handle, unique within this GPU.
 * @rm: the layer.
 *
 * Return: the handle.
 */
u32 nvgsp_rm_handle(struct nvgsp_rm *rm);

/**
 * struct nvgsp_rm_subdevice - a root client with device 0 and subdevice 0:
 * what every user of the GPU starts from.
 * @h_client: the root client.
 * @h_device: the device.
 * @h_subdevice: the subdevice.
 */
struct nvgsp_rm_subdevice {
	u32 h_client;
	u32 h_device;
	u32 h_subdevice;
};

/**
 * nvgsp_rm_open() - allocate a root client, its device and subdevice.
 * @rm: the layer.
 * @sd: filled.
 *
 * Return: 0 or an errno; nothing stays allocated on failure.
 */
int nvgsp_rm_open(struct nvgsp_rm *rm, struct nvgsp_rm_subdevice *sd);

/**
 * nvgsp_rm_close() - free what nvgsp_rm_open() allocated, children first.
 * @rm: the layer.
 * @sd: the objects; zeroed.
 */
void nvgsp_rm_close(struct nvgsp_rm *rm, struct nvgsp_rm_subdevice *sd);

#endif /* NVGSP_RM_H */
