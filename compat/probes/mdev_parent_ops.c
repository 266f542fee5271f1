// SPDX-License-Identifier: GPL-2.0-only
/*
 * struct mdev_parent_ops and mdev_register_device(dev, ops): the first mdev
 * parent API, with the supported types as attribute groups
 * (supported_type_groups) and a create/remove pair per device.
 *
 * Present on Linux 5.10 to 5.18; removed in 5.19 by commit 6b42f491e17c
 * ("vfio/mdev: Remove mdev_parent_ops"), which moved the types to
 * struct mdev_driver (probe mdev_driver_supported_type_groups).
 *
 * <linux/mdev.h> includes what it needs only from Linux 6.1 (commit
 * bdef2b7896df, "vfio/mdev: make mdev.h standalone includable"); the mdev
 * probes include it after <linux/device.h> and <linux/uuid.h>, as a driver
 * does.
 */
#include <linux/device.h>
#include <linux/uuid.h>
#include <linux/mdev.h>

static const struct mdev_parent_ops nvgsp_probe_ops = {
	.supported_type_groups = NULL,
};

int nvgsp_probe(struct device *dev);
int nvgsp_probe(struct device *dev)
{
	_Static_assert(__builtin_types_compatible_p(typeof(&mdev_register_device),
						    int (*)(struct device *,
							    const struct mdev_parent_ops *)),
		       "mdev_register_device(struct device *, const struct mdev_parent_ops *)");
	return mdev_register_device(dev, &nvgsp_probe_ops);
}
