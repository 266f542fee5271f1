// SPDX-License-Identifier: GPL-2.0-only
/*
 * The first mdev parent API in its original form, which nvgsp's mdev front
 * end implements (NVGSP_MDEV_GEN 1): struct mdev_parent_ops with a .create
 * that is handed the type's kobject, .open/.release for the VFIO device,
 * type attributes whose show() takes the type's kobject, and
 * mdev_set_iommu_device() to put an mdev behind a PCI function's IOMMU.
 *
 * Linux 5.10 to 5.12. Changed in 5.13 by commits 9169cff168ff ("vfio/mdev:
 * Correct the function signatures for the mdev_type_attributes") and
 * c2ef2f50ad0c ("vfio/mdev: Remove kobj from mdev_parent_ops->create()"),
 * which gave the type attributes a struct mdev_type and took the kobject
 * from .create; mdev_set_iommu_device() was removed in 5.16 by commit
 * fda49d97f2c4 ("vfio: remove the unused mdev iommu hook"). The includes
 * are those of probe mdev_parent_ops.
 */
#include <linux/device.h>
#include <linux/uuid.h>
#include <linux/mdev.h>

static int nvgsp_probe_create(struct kobject *kobj, struct mdev_device *mdev)
{
	return mdev_set_iommu_device(mdev_dev(mdev), mdev_parent_dev(mdev));
}

static int nvgsp_probe_open(struct mdev_device *mdev)
{
	return 0;
}

static ssize_t nvgsp_probe_show(struct kobject *kobj, struct device *dev, char *buf)
{
	return 0;
}

static MDEV_TYPE_ATTR(nvgsp_probe, 0444, nvgsp_probe_show, NULL);

static const struct mdev_parent_ops nvgsp_probe_ops = {
	.create = nvgsp_probe_create,
	.open = nvgsp_probe_open,
};

int nvgsp_probe(struct device *dev);
int nvgsp_probe(struct device *dev)
{
	return mdev_register_device(dev, &nvgsp_probe_ops) +
	       (mdev_type_attr_nvgsp_probe.show ? 0 : 1);
}
