// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vfio_sysfs.c - a vGPU VF's type choice, under
 * /sys/bus/pci/devices/<VF>/nvidia/ while the VF is bound to nvgsp-vfio-pci:
 * creatable_vgpu_types and current_vgpu_type, with the names, format and
 * semantics of NVIDIA's own driver (Documentation/vgpu-vfio.rst,
 * Documentation/ABI/testing/sysfs-bus-pci-drivers-nvgsp-vfio-pci).
 *
 * The driver core creates the group after probe and removes it before
 * remove() (and waits for readers and writers to leave), so drvdata is valid
 * here. The type choice itself is the vGPU manager's (nvgsp_vgpu_select.c);
 * taking the VF's lock orders a write against an open of the VFIO device.
 */
#include <linux/device.h>
#include <linux/pci.h>
#include <linux/sysfs.h>

#include "nvgsp_vfio_pci.h"

#if NVGSP_CAN_VFIO_VARIANT

static struct nvgsp_vfio_vf *nvgsp_vfio_sysfs_vf(struct device *dev)
{
	struct vfio_pci_core_device *core = dev_get_drvdata(dev);

	return container_of(core, struct nvgsp_vfio_vf, core);
}

static ssize_t creatable_vgpu_types_show(struct device *dev, struct device_attribute *attr,
					 char *buf)
{
	struct nvgsp_vfio_vf *v = nvgsp_vfio_sysfs_vf(dev);

	return nvgsp_vgpu_mgr_creatable(v->mgr, v->vf, buf, PAGE_SIZE);
}
static DEVICE_ATTR_RO(creatable_vgpu_types);

static ssize_t current_vgpu_type_show(struct device *dev, struct device_attribute *attr,
				      char *buf)
{
	struct nvgsp_vfio_vf *v = nvgsp_vfio_sysfs_vf(dev);

	return sysfs_emit(buf, "%u\n", nvgsp_vgpu_mgr_selected(v->mgr, v->vf));
}

/*
 * A type id, or 0 to give the VF's place back. -EBUSY while the VFIO device
 * is open (it has a vGPU) or the VF holds another type; -ENOSPC when the
 * type cannot be placed; -EINVAL for anything that is not a type this GPU
 * offers. Refusals change nothing and log nothing: the errno is the answer
 * to the administrator who wrote.
 */
static ssize_t current_vgpu_type_store(struct device *dev, struct device_attribute *attr,
				       const char *buf, size_t count)
{
	struct nvgsp_vfio_vf *v = nvgsp_vfio_sysfs_vf(dev);
	u32 type_id;
	int ret;

	ret = nvgsp_vgpu_mgr_parse_type(buf, count, &type_id);
	if (ret)
		return ret == -ERANGE ? -EINVAL : ret;
	mutex_lock(&v->lock);
	ret = v->vgpu ? -EBUSY : nvgsp_vgpu_mgr_select(v->mgr, v->vf, type_id);
	mutex_unlock(&v->lock);
	return ret ? ret : count;
}
static DEVICE_ATTR_RW(current_vgpu_type);

static struct attribute *nvgsp_vfio_sysfs_attrs[] = {
	&dev_attr_creatable_vgpu_types.attr,
	&dev_attr_current_vgpu_type.attr,
	NULL
};

static const struct attribute_group nvgsp_vfio_sysfs_group = {
	.name = "nvidia",
	.attrs = nvgsp_vfio_sysfs_attrs,
};

const struct attribute_group *nvgsp_vfio_sysfs_groups[] = {
	&nvgsp_vfio_sysfs_group,
	NULL
};

#endif /* NVGSP_CAN_VFIO_VARIANT */
