// SPDX-License-Identifier: GPL-2.0-only
/*
 * The third mdev parent API: the driver embeds a struct mdev_parent, describes
 * each type with a struct mdev_type (sysfs_name, pretty_name) and registers
 * them with mdev_register_parent(parent, dev, drv, types, nr_types); the mdev
 * core creates each type's sysfs files and asks the driver through
 * struct mdev_driver's .get_available and .show_description callbacks.
 *
 * All added in Linux 6.1, in one series: mdev_register_parent() by commit
 * 89345d5177aa ("vfio/mdev: embedd struct mdev_parent in the parent data
 * structure"), struct mdev_type and the types array by commit da44c340c4fe
 * ("vfio/mdev: simplify mdev_type handling"), .get_available by commit
 * f2fbc72e6da4 ("vfio/mdev: consolidate all the available_instance sysfs
 * into the core code") and .show_description by commit 685a1537f4c6
 * ("vfio/mdev: consolidate all the description sysfs into the core code").
 * They arrived together, so one probe covers them. The includes are those of
 * probe mdev_parent_ops.
 */
#include <linux/device.h>
#include <linux/uuid.h>
#include <linux/mdev.h>

static unsigned int nvgsp_probe_get_available(struct mdev_type *mtype)
{
	return 0;
}

static ssize_t nvgsp_probe_show_description(struct mdev_type *mtype, char *buf)
{
	return 0;
}

static struct mdev_driver nvgsp_probe_driver = {
	.get_available = nvgsp_probe_get_available,
	.show_description = nvgsp_probe_show_description,
};

static struct mdev_type nvgsp_probe_type = {
	.sysfs_name = "probe",
	.pretty_name = "probe",
};

static struct mdev_type *nvgsp_probe_types[] = { &nvgsp_probe_type };

int nvgsp_probe(struct mdev_parent *parent, struct device *dev);
int nvgsp_probe(struct mdev_parent *parent, struct device *dev)
{
	_Static_assert(__builtin_types_compatible_p(typeof(&mdev_register_parent),
						    int (*)(struct mdev_parent *, struct device *,
							    struct mdev_driver *, struct mdev_type **,
							    unsigned int)),
		       "mdev_register_parent(parent, dev, drv, types, nr_types)");
	return mdev_register_parent(parent, dev, &nvgsp_probe_driver, nvgsp_probe_types,
				    ARRAY_SIZE(nvgsp_probe_types));
}
