/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gpusim_vgpu.h - the boundary between gpusim's GSP-RM model (gpusim_rm.c)
 * and its model of GSP-RM's vGPU side (gpusim_vgpu.c: the vGPU manager
 * controls, the per-GFID plugin tasks, the host RPC channel and the
 * periodic utilisation event). Internal to gpusim; the test API is in
 * gpusim.h.
 */
#ifndef GPUSIM_VGPU_H
#define GPUSIM_VGPU_H

#include "gpusim_rm.h"

struct gpusim_vgpu_mgr;

/* The VMMU segment size the model's GSP-RM reports (NV2080_CTRL_GPU_VMMU_SEGMENT_SIZE_32MB,
 * ctrl2080gpu.h; the model's choice among 32..512 MiB). */
#define GPUSIM_VMMU_SEGMENT_SIZE	0x2000000ull

/* Made with the RM model (gpusim_rm_create()), freed with it. */
struct gpusim_vgpu_mgr *gpusim_vgpu_mgr_create(struct gpusim *sim, struct gpusim_rm *rm,
					       const struct nvgsp_abi *abi);
void gpusim_vgpu_mgr_destroy(struct gpusim_vgpu_mgr *m);

/* GSP-RM (re)starts: every plugin and every added type is gone. */
void gpusim_vgpu_mgr_reset(struct gpusim_vgpu_mgr *m);

/* Whether @ctrl (enum nvgsp_abi_ctrl) is one gpusim_vgpu_control() serves. */
bool gpusim_vgpu_serves(u32 ctrl);

/**
 * gpusim_vgpu_control() - serve one of the vGPU manager's RM controls.
 * @m: the manager.
 * @ctrl: enum nvgsp_abi_ctrl.
 * @h_client: the control's client.
 * @h_object: the object it is addressed to (live).
 * @cls: that object's class (enum nvgsp_abi_class).
 * @internal: @h_client is GSP-RM's internal client.
 * @params: the parameters, @size bytes (replies are written back there).
 * @size: paramsSize.
 *
 * Return: the RM status (enum nvgsp_abi_status).
 */
u32 gpusim_vgpu_control(struct gpusim_vgpu_mgr *m, u32 ctrl, u32 h_client, u32 h_object,
			u32 cls, bool internal, u8 *params, u32 size);

/* RM client @h_client is being freed (before its objects go). */
void gpusim_vgpu_client_freed(struct gpusim_vgpu_mgr *m, u32 h_client);

/*
 * Time passes: with @serving (GSP-RM ready and answering) bootloads and
 * messages complete; with @sampling too (booted with RMSetSriovMode = 1)
 * the utilisation event is due every second.
 */
void gpusim_vgpu_tick(struct gpusim_vgpu_mgr *m, u64 now_ns, bool serving, bool sampling);

/* The PF wrote its NV_VIRTUAL_FUNCTION_PRIV_DOORBELL (BAR0 0xB82200). */
void gpusim_vgpu_pf_doorbell(struct gpusim *sim, u32 value);

/* Services of the RM model for the vGPU model (gpusim_rm.c). */

/* The manager inside the RM model; NULL when there is none. */
struct gpusim_vgpu_mgr *gpusim_rm_vgpu(struct gpusim_rm *rm);
/* The end of the usable FB region static info reports ([0, end)). */
u64 gpusim_rm_usable_fb_end(struct gpusim_rm *rm);
/* Whether GSP-RM is ready and answering (plugins run on it). */
bool gpusim_rm_serving(struct gpusim_rm *rm);
/* Whether @h_client is a live RM client (not GSP-RM's own). */
bool gpusim_rm_client_live(struct gpusim_rm *rm, u32 h_client);
/* Send event @id (enum nvgsp_abi_event) with @len bytes of payload. */
void gpusim_rm_send_event(struct gpusim_rm *rm, u32 id, const void *payload, u32 len);

#endif /* GPUSIM_VGPU_H */
