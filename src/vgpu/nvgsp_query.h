/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_query.h - the answers of the DRM render node's query ioctl
 * (include/uapi/drm/nvgsp_drm.h), portable: the glue (src/nvgsp_drm.c)
 * copies the request in and the answer out, everything between is here.
 * In the vgpu/ layer because the answers read every layer below it (chip,
 * abi, gsp) and the vGPU manager. See Documentation/drm-render-node.rst.
 */
#ifndef NVGSP_QUERY_H
#define NVGSP_QUERY_H

#include "nvgsp_os.h"
#include "nvgsp_drm.h"
#include "abi/nvgsp_abi.h"
#include "chip/nvgsp_chip.h"
#include "gsp/nvgsp_gsp.h"
#include "vgpu/nvgsp_vgpu_boot.h"
#include "vgpu/nvgsp_vgpu_mgr.h"

/**
 * struct nvgsp_query_src - what the answers are made of: one GPU's state,
 * as the glue holds it.
 * @dev: the PF (nvgsp_os_sriov_num_vfs()).
 * @chip: the chip identified.
 * @pci_device: its PCI device id.
 * @abi: the firmware-ABI table bound at probe (its release string).
 * @build_id: the GSP image's GNU build-id.
 * @build_id_len: its length, at most 32.
 * @gsp: the booted GSP-RM; NULL when it never ran (nvgsp.gsp_boot=N).
 * @vgpu: whether GSP-RM was booted for vGPU.
 * @mgr: the vGPU manager, or NULL.
 */
struct nvgsp_query_src {
	struct nvgsp_os_device *dev;
	const struct nvgsp_chip_id *chip;
	u16 pci_device;
	const struct nvgsp_abi *abi;
	const u8 *build_id;
	u32 build_id_len;
	const struct nvgsp_gsp *gsp;
	const struct nvgsp_vgpu_boot *vgpu;
	struct nvgsp_vgpu_mgr *mgr;
};

/**
 * union nvgsp_query_answer - room for any answer.
 */
union nvgsp_query_answer {
	struct drm_nvgsp_chip chip;
	struct drm_nvgsp_gsp gsp;
	struct drm_nvgsp_memory memory;
	struct drm_nvgsp_vgpu vgpu;
};

/**
 * nvgsp_query_size() - the size of a query's answer, current and first.
 * @query: DRM_NVGSP_QUERY_*.
 * @min: set to the size of the answer's first version (may be NULL).
 *
 * Return: the answer's size today; 0 for an unknown query.
 */
u32 nvgsp_query_size(u32 query, u32 *min);

/**
 * nvgsp_query_check() - validate a request, changing nothing.
 * @q: the request as the caller passed it.
 *
 * Return: 0 when it is well formed; -EINVAL for an unknown query, @flags
 * or @pad not 0, a non-zero @size below the answer's first version, or
 * @data 0 with a non-zero @size.
 */
int nvgsp_query_check(const struct drm_nvgsp_query *q);

/**
 * nvgsp_query_answer() - fill a query's answer from @src.
 * @src: the GPU.
 * @query: a known DRM_NVGSP_QUERY_* (nvgsp_query_check() passed).
 * @ans: filled, reserved fields and padding zeroed.
 *
 * Never waits on GSP-RM: the health is the transport's last word
 * (nvgsp_gsp_state()), everything else was recorded at boot; the vGPU
 * counts take the manager's lock, which a vGPU create or destroy holds for
 * at most its RPCs' timeouts.
 *
 * Return: the bytes of the answer (nvgsp_query_size()); -EINVAL for an
 * unknown query.
 */
int nvgsp_query_answer(const struct nvgsp_query_src *src, u32 query,
		       union nvgsp_query_answer *ans);

/**
 * nvgsp_query_run() - a whole request, but the copies: check @q, answer it
 * and say what to copy out.
 * @src: the GPU.
 * @q: the request; on success its @size is set to the answer's full size,
 *     on failure it is unchanged.
 * @ans: the answer, when there is one to copy.
 * @copy: set to the bytes of @ans to copy to @q->data (0: nothing).
 *
 * The caller copies @copy bytes of @ans to @q->data, and only after that
 * succeeded gives @q back; -EFAULT there is its own.
 *
 * Return: 0 or nvgsp_query_check()'s error.
 */
int nvgsp_query_run(const struct nvgsp_query_src *src, struct drm_nvgsp_query *q,
		    union nvgsp_query_answer *ans, u32 *copy);

#endif /* NVGSP_QUERY_H */
