// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_drm.c - the DRM render node: one DRM device per GPU while GSP-RM
 * runs, with read-only query ioctls (include/uapi/drm/nvgsp_drm.h) and
 * nothing else: no KMS, no GEM. The answers are the portable core's
 * (src/vgpu/nvgsp_query.c); this file registers the device and copies
 * requests and answers. See Documentation/drm-render-node.rst.
 *
 * Built only when the kernel has DRM (Kbuild); nvgsp_drv.h gives no-op
 * stubs otherwise, and the PF works without it.
 */
#include <linux/build_bug.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/uaccess.h>

#include <drm/drm_device.h>
#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_ioctl.h>
#include <uapi/drm/drm.h>

#include "nvgsp_compat.h"
#include "nvgsp_drv.h"
#include "vgpu/nvgsp_query.h"

/* The uapi header spells out DRM's ioctl number; it must be DRM's. */
static_assert(DRM_IOCTL_NVGSP_QUERY ==
	      DRM_IOWR(DRM_COMMAND_BASE + DRM_NVGSP_QUERY, struct drm_nvgsp_query));

/**
 * struct nvgsp_drm - nvgsp's DRM device on one GPU.
 * @drm: the DRM device; freed with its last reference (an open file may
 *       hold one after the GPU was unbound).
 * @src: what the queries answer from; read only inside drm_dev_enter(),
 *       so never after nvgsp_drm_remove() returned.
 */
struct nvgsp_drm {
	struct drm_device drm;
	struct nvgsp_query_src src;
};

static int nvgsp_drm_query_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct nvgsp_drm *nvd = container_of(drm, struct nvgsp_drm, drm);
	struct drm_nvgsp_query *arg = data, q = *arg;
	union nvgsp_query_answer ans;
	u32 copy;
	int idx, ret;

	if (!drm_dev_enter(drm, &idx))
		return -ENODEV;
	ret = nvgsp_query_run(&nvd->src, &q, &ans, &copy);
	if (!ret && copy && copy_to_user(u64_to_user_ptr(q.data), &ans, copy))
		ret = -EFAULT;
	/* drm_ioctl() copies *arg back even on failure: change it only now. */
	if (!ret)
		*arg = q;
	drm_dev_exit(idx);
	return ret;
}

static const struct drm_ioctl_desc nvgsp_drm_ioctls[] = {
	DRM_IOCTL_DEF_DRV(NVGSP_QUERY, nvgsp_drm_query_ioctl, DRM_RENDER_ALLOW),
};

static const struct file_operations nvgsp_drm_fops = {
	.owner = THIS_MODULE,
	.open = drm_open,
	.release = drm_release,
	.unlocked_ioctl = drm_ioctl,
	.compat_ioctl = drm_compat_ioctl,
	.poll = drm_poll,
	.read = drm_read,
	.llseek = noop_llseek,
#ifdef NVGSP_HAVE_FOP_UNSIGNED_OFFSET
	/* drm_open_helper() refuses a node without it (6.12 on). */
	.fop_flags = FOP_UNSIGNED_OFFSET,
#endif
};

/*
 * Not const: 5.10's devm_drm_dev_alloc() takes a non-const driver (made
 * const in 5.11); a non-const one passes everywhere.
 */
static struct drm_driver nvgsp_drm_driver = {
	.driver_features = DRIVER_RENDER,
	.ioctls = nvgsp_drm_ioctls,
	.num_ioctls = ARRAY_SIZE(nvgsp_drm_ioctls),
	.fops = &nvgsp_drm_fops,
	.name = DRM_NVGSP_DRIVER_NAME,
	.desc = "NVIDIA GSP-RM GPU (queries only)",
#ifdef NVGSP_HAVE_DRM_DRIVER_DATE
	.date = "20261207",
#endif
	.major = 1,
	.minor = 0,
	.patchlevel = 0,
};

void nvgsp_drm_add(struct nvgsp_device *nd)
{
	struct pci_dev *pdev = nd->pdev;
	struct nvgsp_drm *nvd;
	int ret;

	nvd = devm_drm_dev_alloc(&pdev->dev, &nvgsp_drm_driver, struct nvgsp_drm, drm);
	if (IS_ERR(nvd)) {
		dev_warn(&pdev->dev, "no DRM render node: cannot allocate it: %ld\n",
			 PTR_ERR(nvd));
		return;
	}
	nvd->src = (struct nvgsp_query_src){
		.dev = &nd->osdev,
		.chip = &nd->chip,
		.pci_device = pdev->device,
		.abi = nd->abi,
		.build_id = nd->fw_build_id,
		.build_id_len = nd->fw_build_id_len,
		.gsp = nd->gsp,
		.vgpu = &nd->vgpu,
		.mgr = nd->vgpu_mgr,
	};
	ret = drm_dev_register(&nvd->drm, 0);
	if (ret) {
		/* devm drops the device at unbind. */
		dev_warn(&pdev->dev, "no DRM render node: cannot register it: %d\n", ret);
		return;
	}
	nd->drm = nvd;
	dev_info(&pdev->dev, "DRM render node %s\n", nvd->drm.render->kdev ?
		 dev_name(nvd->drm.render->kdev) : "registered");
}

void nvgsp_drm_remove(struct nvgsp_device *nd)
{
	if (!nd->drm)
		return;
	/*
	 * Waits for every query in flight (drm_dev_enter() sections), then
	 * unregisters the minors; files still open get -ENODEV from now on.
	 * devm drops the last driver reference at unbind.
	 */
	drm_dev_unplug(&nd->drm->drm);
	/* Debug only: an unbind of a dead GSP-RM logs at most 3 lines (gsp tier). */
	dev_dbg(&nd->pdev->dev, "DRM render node removed\n");
	nd->drm = NULL;
}
