/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_drv.h - the per-GPU state shared by the kernel glue files.
 */
#ifndef NVGSP_DRV_H
#define NVGSP_DRV_H

#include <linux/pci.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "abi/nvgsp_abi.h"
#include "chip/nvgsp_chip.h"
#include "gsp/nvgsp_gsp.h"
#include "rm/nvgsp_rm.h"
#include "vgpu/nvgsp_vgpu_boot.h"
#include "vgpu/nvgsp_vgpu_mgr.h"
#include "nvgsp_os_linux.h"

struct dentry;
struct nvgsp_fw_set;
struct nvgsp_device;
struct nvgsp_drm;

/* One debugfs log file's context (nvgsp_debugfs.c). */
struct nvgsp_debugfs_log {
	struct nvgsp_device *nd;
	enum nvgsp_gsp_log log;
};

/* One debugfs vGPU log file's context: a VF's log (nvgsp_debugfs.c). */
struct nvgsp_debugfs_vgpu {
	struct nvgsp_device *nd;
	u16 vf;
	enum nvgsp_vgpu_log log;
};

/**
 * struct nvgsp_device - one GPU bound to nvgsp.
 * @pdev: the PCI function.
 * @osdev: the OS layer's handle for it (firmware loading).
 * @bar0: BAR0, mapped for NV_BAR0_SIZE bytes.
 * @chip: what identification found.
 * @abi: the firmware-ABI table of the GSP-RM release identified, bound at
 *       probe; everything that speaks to GSP-RM goes through it.
 * @fw_build_id: the GSP image's GNU build-id.
 * @fw_build_id_len: its length; 0 when the image has none.
 *
 * Every field is set once in probe and read-only after.
 *
 * @fw: the firmware files, loaded from identification until remove.
 * @gsp: the running GSP-RM, or NULL.
 * @rm: the driver's root client, device and subdevice in GSP-RM.
 * @irq: its interrupt (MSI/MSI-X), or 0 when it has none.
 * @polled: its messages are polled every NVGSP_POLL_MS: no interrupt, or
 *          the GSP's vector did not enable in the GPU's interrupt tree.
 * @wq: the workqueue of @poll_work and @live_work, while GSP-RM runs.
 * @poll_work: drains the message queue: every NVGSP_POLL_MS without an
 *             interrupt, at once when the IRQ thread's drain left a backlog.
 * @live_work: the idle liveness check, every nvgsp.liveness_ms.
 * @work_lock: guards @work_stopped and every arming of the two works.
 * @work_stopped: set before the works are cancelled; nothing arms them
 *                after (see nvgsp_boot.c).
 * @debugfs: this device's debugfs directory, or NULL.
 * @debugfs_logs: contexts of its log files.
 * @vgpu: whether GSP-RM was booted for SR-IOV vGPU and why (set before the
 *        boot, read-only after; Documentation/vgpu-boot.rst).
 * @vgpu_mgr: the vGPU manager while GSP-RM runs prepared for vGPU, or NULL
 *            (nvgsp_vgpu_host.c; set before debugfs and the front ends see
 *            it, cleared after they are gone).
 * @debugfs_vgpu: contexts of the per-VF vGPU log files.
 * @drm: the DRM render node while GSP-RM runs, or NULL (nvgsp_drm.c).
 * @gsp_rwsem: held for writing by suspend, resume and PCIe error recovery
 *             while they stop or boot GSP-RM (nvgsp_pm.c), for reading by
 *             the sysfs files that use @gsp, which outlive it there
 *             (everything else that uses @gsp is stopped before it goes).
 * @pm_was_up: GSP-RM ran when a suspend or a PCIe error stopped it: resume
 *             boots it again (nvgsp_pm.c, under the device lock).
 * @pm_unbind: the unbind PCIe error recovery scheduled when it gave up, or
 *             NULL; set once under the device lock, only compared after
 *             (the work owns it; nvgsp_pm.c).
 */
struct nvgsp_device {
	struct pci_dev *pdev;
	struct nvgsp_os_device osdev;
	struct nvgsp_os_bar bar0;
	struct nvgsp_chip_id chip;
	const struct nvgsp_abi *abi;
	u8 fw_build_id[32];
	unsigned int fw_build_id_len;
	struct nvgsp_fw_set *fw;
	struct nvgsp_gsp *gsp;
	struct nvgsp_rm_subdevice rm;
	int irq;
	bool polled;
	struct workqueue_struct *wq;
	struct delayed_work poll_work;
	struct delayed_work live_work;
	spinlock_t work_lock;
	bool work_stopped;
	struct dentry *debugfs;
	struct nvgsp_debugfs_log debugfs_logs[NVGSP_GSP_NR_LOGS];
	struct nvgsp_vgpu_boot vgpu;
	struct nvgsp_vgpu_mgr *vgpu_mgr;
	struct nvgsp_debugfs_vgpu *debugfs_vgpu;
	struct nvgsp_drm *drm;
	struct rw_semaphore gsp_rwsem;
	bool pm_was_up;
	struct nvgsp_pm_unbind *pm_unbind;
};

/*
 * nvgsp_firmware.c: find and identify the GSP-RM firmware and keep its files
 * loaded in nd->fw (booting stages them; unloading runs booter_unload);
 * logs the outcome. nvgsp_firmware_release() drops them.
 */
int nvgsp_firmware_identify(struct nvgsp_device *nd);
void nvgsp_firmware_release(struct nvgsp_device *nd);
/*
 * nvgsp_firmware_trim(): after GSP-RM booted, release the files only the
 * boot needed. nvgsp_firmware_ready(): before a boot, identify the firmware
 * again if it was trimmed (0, or identify's error, logged).
 */
void nvgsp_firmware_trim(struct nvgsp_device *nd);
int nvgsp_firmware_ready(struct nvgsp_device *nd);

/* nvgsp_params.c: nvgsp.liveness_ms, the idle liveness check's period (0: off). */
extern unsigned int nvgsp_liveness_ms;

/* nvgsp_params.c: nvgsp.vgpu, whether GSP-RM is booted for SR-IOV vGPU. */
extern enum nvgsp_vgpu_mode nvgsp_vgpu_mode;

/*
 * nvgsp_boot.c: boot GSP-RM (unless nvgsp.gsp_boot=N) and unload it;
 * nvgsp_boot_quiesce() unloads it and stops the device's DMA for a system
 * going down, freeing nothing (nvgsp_gsp_quiesce()).
 */
int nvgsp_boot_start(struct nvgsp_device *nd);
void nvgsp_boot_stop(struct nvgsp_device *nd);
void nvgsp_boot_quiesce(struct nvgsp_device *nd);

/*
 * nvgsp_pm.c: system sleep, shutdown and PCIe error recovery
 * (Documentation/pm.rst). nvgsp_pm_init() runs in probe before the boot.
 */
void nvgsp_pm_init(struct nvgsp_device *nd);
/*
 * The workqueue of the unbinds PCIe error recovery schedules: made before
 * the driver registers, drained and destroyed after it unregisters.
 */
int nvgsp_pm_register(void);
void nvgsp_pm_unregister(void);
void nvgsp_pm_shutdown(struct pci_dev *pdev);
extern const struct dev_pm_ops nvgsp_pm_ops;
extern const struct pci_error_handlers nvgsp_pm_err_handlers;

/* nvgsp_debugfs.c: the GSP log buffers under /sys/kernel/debug/nvgsp/. */
void nvgsp_debugfs_init(void);
void nvgsp_debugfs_exit(void);
void nvgsp_debugfs_add(struct nvgsp_device *nd);
void nvgsp_debugfs_remove(struct nvgsp_device *nd);

/* nvgsp_vgpu_host.c: the vGPU manager while GSP-RM runs prepared for vGPU. */
void nvgsp_vgpu_host_start(struct nvgsp_device *nd);
void nvgsp_vgpu_host_stop(struct nvgsp_device *nd);

/*
 * nvgsp_drm.c: the DRM render node, added once GSP-RM runs (a failure
 * leaves the PF working) and removed before it stops. No-ops where the
 * kernel has no DRM (Kbuild defines NVGSP_DRM where it has).
 */
#ifdef NVGSP_DRM
void nvgsp_drm_add(struct nvgsp_device *nd);
void nvgsp_drm_remove(struct nvgsp_device *nd);
#else
static inline void nvgsp_drm_add(struct nvgsp_device *nd) { }
static inline void nvgsp_drm_remove(struct nvgsp_device *nd) { }
#endif

/*
 * nvgsp_bind_pci.c: whether nvgsp takes @pdev (nvgsp.bind=, driver_override,
 * the boot VGA device), logged in one line; on 0 the firmware framebuffer of
 * a boot VGA device has been handed over. -ENODEV: leave the device alone.
 */
int nvgsp_bind_pci_check(struct pci_dev *pdev);

/* nvgsp_pci.c */
int nvgsp_pci_register(void);
void nvgsp_pci_unregister(void);
/*
 * The nvgsp state of a VF's PF, or an ERR_PTR when nvgsp does not drive the
 * PF. The caller holds the VF's device lock (probe does), which keeps the
 * PF bound: the PF disables its VFs before it unbinds.
 */
struct nvgsp_device *nvgsp_pci_pf_drvdata(struct pci_dev *vf);
/* nvgsp_pci.c: nvgsp is @pdev's driver (read under its device lock). */
bool nvgsp_pci_bound(struct pci_dev *pdev);

/*
 * nvgsp_vfio_pci.c: the VFIO variant driver of vGPU VFs (registered after
 * nvgsp's own, unregistered before; both no-ops where the kernel cannot
 * build it). nvgsp_vfio_pci_request_release() asks the VFIO user of a VF
 * bound to it to release the VF (VFIO's request IRQ); it does nothing for a
 * VF bound elsewhere. The caller holds the PF's device lock.
 */
int nvgsp_vfio_pci_register(void);
void nvgsp_vfio_pci_unregister(void);
void nvgsp_vfio_pci_request_release(struct pci_dev *vf);

/*
 * nvgsp_mdev_pci.c: the mdev front end's VF driver, nvgsp-mdev (the same
 * rules as nvgsp_vfio_pci_*() above). nvgsp_mdev_request_release() asks the
 * VFIO user of the mdev on a VF bound to nvgsp-mdev to release it, where
 * the kernel's mdev API can ask.
 */
int nvgsp_mdev_register(void);
void nvgsp_mdev_unregister(void);
void nvgsp_mdev_request_release(struct pci_dev *vf);

/* nvgsp_sysfs.c: per-device attribute groups, created by the driver core. */
extern const struct attribute_group *nvgsp_sysfs_groups[];

#endif /* NVGSP_DRV_H */
