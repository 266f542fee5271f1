/* SPDX-License-Identifier: MIT */
/*
 * nvgsp_drm.h - the ioctls of nvgsp's DRM render node: read-only queries
 * about the GPU and GSP-RM (Documentation/drm-render-node.rst).
 *
 * Self-contained on purpose: it needs only <linux/types.h> and
 * <linux/ioctl.h>, so userspace builds it without libdrm's drm.h. The ioctl
 * number is DRM's: DRM_IOWR(DRM_COMMAND_BASE + DRM_NVGSP_QUERY, ...), that
 * is, type 'd' (DRM_IOCTL_BASE), number 0x40 (DRM_COMMAND_BASE) + 0.
 */
#ifndef _UAPI_NVGSP_DRM_H_
#define _UAPI_NVGSP_DRM_H_

#include <linux/ioctl.h>
#include <linux/types.h>

#if defined(__cplusplus)
extern "C" {
#endif

/* The name drmGetVersion() reports for nvgsp's DRM device. */
#define DRM_NVGSP_DRIVER_NAME		"nvgsp"

#define DRM_NVGSP_QUERY			0x00
#define DRM_IOCTL_NVGSP_QUERY		_IOWR('d', 0x40 + DRM_NVGSP_QUERY, \
					      struct drm_nvgsp_query)

/* Query ids (struct drm_nvgsp_query.query) and the answer each gives. */
#define DRM_NVGSP_QUERY_CHIP		0	/* struct drm_nvgsp_chip */
#define DRM_NVGSP_QUERY_GSP		1	/* struct drm_nvgsp_gsp */
#define DRM_NVGSP_QUERY_MEMORY		2	/* struct drm_nvgsp_memory */
#define DRM_NVGSP_QUERY_VGPU		3	/* struct drm_nvgsp_vgpu */

/**
 * struct drm_nvgsp_query - DRM_IOCTL_NVGSP_QUERY's argument.
 * @query: DRM_NVGSP_QUERY_*.
 * @size: in: the bytes at @data, 0 to ask the answer's size; out, on
 *        success: the answer's full size. A non-zero size below the
 *        answer's first version is refused; a larger one gets the whole
 *        answer (the rest of the buffer is left alone).
 * @data: a user pointer to the answer's struct; 0 only with @size 0.
 * @flags: must be 0.
 * @pad: must be 0.
 *
 * Every refusal is -EINVAL and changes nothing, here or at @data: an
 * unknown @query, @flags or @pad not 0, a short @size, @data 0 with a
 * non-zero @size. A @data that faults gives -EFAULT. -ENODEV once the GPU
 * was unbound (an open file outlives its device).
 *
 * Answers may grow at their end in later versions; a caller that passes
 * the size of the struct it was built with gets that prefix. Their
 * reserved fields are 0.
 */
struct drm_nvgsp_query {
	__u32 query;
	__u32 size;
	__u64 data;
	__u32 flags;
	__u32 pad;
};

/**
 * struct drm_nvgsp_chip - DRM_NVGSP_QUERY_CHIP: what identification found.
 * @chipset: e.g. 0x172 (architecture << 4 | implementation).
 * @architecture: e.g. 0x17.
 * @implementation: e.g. 0x2.
 * @major_rev: major revision (0xa for "A1").
 * @minor_rev: minor revision (1 for "A1").
 * @pci_device: the PCI device id.
 * @boot0: NV_PMC_BOOT_0.
 * @boot42: NV_PMC_BOOT_42.
 * @reserved: 0.
 * @name: the chip's name ("GA102"), NUL-padded.
 */
struct drm_nvgsp_chip {
	__u16 chipset;
	__u8 architecture;
	__u8 implementation;
	__u8 major_rev;
	__u8 minor_rev;
	__u16 pci_device;
	__u32 boot0;
	__u32 boot42;
	__u32 reserved[2];
	char name[16];
};

/* struct drm_nvgsp_gsp.state */
#define DRM_NVGSP_GSP_RUNNING		0
#define DRM_NVGSP_GSP_DEAD		1	/* @reason says why */
#define DRM_NVGSP_GSP_GONE		2	/* the device fell off the bus */
#define DRM_NVGSP_GSP_NOT_STARTED	3	/* never booted (nvgsp.gsp_boot=N) */

/**
 * struct drm_nvgsp_gsp - DRM_NVGSP_QUERY_GSP: GSP-RM's health and identity.
 * @state: DRM_NVGSP_GSP_*, as GSP-RM's transport saw it last (sysfs
 *         nvgsp/gsp_state); read without waiting on GSP-RM.
 * @build_id_len: bytes of @build_id used; 0 when the image has none.
 * @reserved: 0.
 * @release: the GSP-RM release ("570.144"), NUL-padded.
 * @build_id: the GSP image's GNU build-id.
 * @reason: why it is dead or gone, NUL-terminated; empty while running.
 */
struct drm_nvgsp_gsp {
	__u32 state;
	__u32 build_id_len;
	__u32 reserved[2];
	char release[32];
	__u8 build_id[32];
	char reason[160];
};

/**
 * struct drm_nvgsp_memory - DRM_NVGSP_QUERY_MEMORY: video memory.
 * @vram_bytes: VRAM, as GSP-RM reported it at boot (its fb_length).
 * @vgpu_bytes: the part the vGPU manager may give to vGPUs; 0 without one.
 * @vgpu_used_bytes: the part of @vgpu_bytes vGPUs hold now.
 * @vmmu_segment_bytes: GSP-RM's VMMU segment size; 0 without a manager.
 * @reserved: 0.
 */
struct drm_nvgsp_memory {
	__u64 vram_bytes;
	__u64 vgpu_bytes;
	__u64 vgpu_used_bytes;
	__u64 vmmu_segment_bytes;
	__u64 reserved[2];
};

/* struct drm_nvgsp_vgpu.flags */
#define DRM_NVGSP_VGPU_BOOTED		(1u << 0)	/* GSP-RM booted for SR-IOV vGPU */
#define DRM_NVGSP_VGPU_MANAGER		(1u << 1)	/* the vGPU manager runs */

/**
 * struct drm_nvgsp_vgpu - DRM_NVGSP_QUERY_VGPU: vGPU capability and counts.
 * @flags: DRM_NVGSP_VGPU_*.
 * @total_vfs: the PF's TotalVFs (0: no SR-IOV).
 * @enabled_vfs: VFs enabled now.
 * @types: vGPU types in the catalogue for this GPU; 0 without a manager.
 * @vgpus: vGPUs alive.
 * @reserved: 0.
 */
struct drm_nvgsp_vgpu {
	__u32 flags;
	__u16 total_vfs;
	__u16 enabled_vfs;
	__u32 types;
	__u32 vgpus;
	__u32 reserved[4];
};

#if defined(__cplusplus)
}
#endif

#endif /* _UAPI_NVGSP_DRM_H_ */
