// SPDX-License-Identifier: GPL-2.0-only
/*
 * The second mdev parent API: mdev_register_device(dev, struct mdev_driver *),
 * the driver carrying the supported types as attribute groups
 * (struct mdev_driver.supported_type_groups).
 *
 * Added in Linux 5.19 by commit 6b42f491e17c ("vfio/mdev: Remove
 * mdev_parent_ops"); replaced in 6.1 by struct mdev_type and
 * mdev_register_parent() (probe mdev_register_parent). No kernel line nvgsp
 * is tested on has it. The includes are those of probe mdev_parent_ops.
 */
#include <linux/device.h>
#include <linux/uuid.h>
#include <linux/mdev.h>

int nvgsp_probe(struct device *dev, struct mdev_driver *drv);
int nvgsp_probe(struct device *dev, struct mdev_driver *drv)
{
	_Static_assert(__builtin_types_compatible_p(typeof(&mdev_register_device),
						    int (*)(struct device *, struct mdev_driver *)),
		       "mdev_register_device(struct device *, struct mdev_driver *)");
	return drv->supported_type_groups ? mdev_register_device(dev, drv) : 0;
}
