// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_mdev_types.c - a VF's vGPU types as mdev types, and its one mdev,
 * through the mdev API the kernel has (NVGSP_CAN_MDEV,
 * compat/nvgsp_compat_vfio.h; Documentation/vgpu-mdev.rst). The mdev core
 * names a type's directory "<parent driver>-<type name>": NVIDIA's mdev
 * releases gave the type id as the name under their "nvidia" driver, hence
 * "nvidia-<id>"; nvgsp does the same under nvgsp-mdev.
 *
 * /sys/bus/pci/devices/<VF>/mdev_supported_types/nvgsp-mdev-<id>/
 *   name                 the type's name ("NVIDIA A40-1Q")
 *   description          "framebuffer=<MiB>M, max_instance=<n>"
 *   available_instances  1 while the VF could carry the type
 *                        (nvgsp_vgpu_mgr_vf_can_take()) and has no mdev, else 0
 *   device_api           vfio-pci
 *   create, devices/     the mdev core's
 *
 * Creating an mdev takes the VF's place for its type in the vGPU manager
 * (as a write to nvidia/current_vgpu_type does under nvgsp-vfio-pci); the
 * vGPU itself is created when the VMM opens the mdev (nvgsp_mdev_dev.c).
 * Removing the mdev gives the place back.
 */
#include <linux/iommu.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "nvgsp_compat.h"
#include "nvgsp_mdev.h"

#if NVGSP_CAN_MDEV

/* Take the VF's place for @type_id for a new mdev @m; refuse a second mdev. */
static int nvgsp_mdev_attach(struct nvgsp_mdev_parent *p, struct nvgsp_mdev_vgpu *m, u32 type_id)
{
	int ret;

	mutex_lock(&p->lock);
	if (p->mdev) {
		ret = -EBUSY;
		pci_info(p->pdev, "vGPU: this VF already carries an mdev (%s); a VF carries one vGPU\n",
			 dev_name(p->mdev->dev));
	} else {
		ret = nvgsp_vgpu_mgr_select(p->mgr, p->vf, type_id);
		if (ret)
			pci_info(p->pdev, "vGPU: no mdev of type %u on this VF: %d (%s)\n", type_id,
				 ret, ret == -ENOSPC ? "the GPU has no place left for it" :
				 ret == -EBUSY ? "the VF holds a place for another type" : "refused");
		else
			p->mdev = m;
	}
	mutex_unlock(&p->lock);
	return ret;
}

static void nvgsp_mdev_detach(struct nvgsp_mdev_parent *p, struct nvgsp_mdev_vgpu *m)
{
	mutex_lock(&p->lock);
	if (p->mdev == m) {
		p->mdev = NULL;
		/* Closed by now: the place goes back. */
		if (nvgsp_vgpu_mgr_select(p->mgr, p->vf, 0))
			pci_warn(p->pdev, "vGPU: the VF's place stays taken\n");
	}
	mutex_unlock(&p->lock);
}

static unsigned int nvgsp_mdev_available(struct nvgsp_mdev_parent *p, u32 type_id)
{
	unsigned int n;

	mutex_lock(&p->lock);
	n = p->mdev ? 0 : nvgsp_vgpu_mgr_vf_can_take(p->mgr, p->vf, type_id);
	mutex_unlock(&p->lock);
	return n;
}

static void nvgsp_mdev_name_types(struct nvgsp_mdev_parent *p)
{
	unsigned int i;

	for (i = 0; i < p->nr_types; i++) {
		p->type[i].id = nvgsp_vgpu_mgr_type(p->mgr, i)->id;
		snprintf(p->type[i].sysfs_name, sizeof(p->type[i].sysfs_name), "%u",
			 p->type[i].id);
	}
}

#if NVGSP_CAN_MDEV == 3
/* ---- generation 3: mdev_register_parent(), an mdev_driver, vfio_device ---- */

static struct nvgsp_mdev_vgpu *nvgsp_mdev_of(struct vfio_device *vdev)
{
	return container_of(vdev, struct nvgsp_mdev_vgpu, vdev);
}

static struct nvgsp_mdev_parent *nvgsp_mdev_parent_of(struct mdev_type *mtype)
{
	return container_of(mtype->parent, struct nvgsp_mdev_parent, parent);
}

static u32 nvgsp_mdev_type_id(struct mdev_type *mtype)
{
	return container_of(mtype, struct nvgsp_mdev_type, mtype)->id;
}

void nvgsp_mdev_uuid(struct nvgsp_mdev_vgpu *m, u8 uuid[16])
{
	memcpy(uuid, &to_mdev_device(m->dev)->uuid, 16);
}

static int nvgsp_mdev_vfio_open(struct vfio_device *vdev)
{
	return nvgsp_mdev_vgpu_open(nvgsp_mdev_of(vdev));
}

static void nvgsp_mdev_vfio_close(struct vfio_device *vdev)
{
	nvgsp_mdev_vgpu_close(nvgsp_mdev_of(vdev));
}

static ssize_t nvgsp_mdev_vfio_read(struct vfio_device *vdev, char __user *buf, size_t count,
				    loff_t *ppos)
{
	return nvgsp_mdev_vgpu_rw(nvgsp_mdev_of(vdev), buf, NULL, count, ppos);
}

static ssize_t nvgsp_mdev_vfio_write(struct vfio_device *vdev, const char __user *buf,
				     size_t count, loff_t *ppos)
{
	return nvgsp_mdev_vgpu_rw(nvgsp_mdev_of(vdev), NULL, buf, count, ppos);
}

static long nvgsp_mdev_vfio_ioctl(struct vfio_device *vdev, unsigned int cmd, unsigned long arg)
{
	return nvgsp_mdev_vgpu_ioctl(nvgsp_mdev_of(vdev), cmd, arg);
}

#ifdef NVGSP_HAVE_VFIO_DEVICE_OPS_GET_REGION_INFO_CAPS
/* Since 6.19 the VFIO core answers VFIO_DEVICE_GET_REGION_INFO through this. */
static int nvgsp_mdev_vfio_region_info(struct vfio_device *vdev, struct vfio_region_info *info,
				       struct vfio_info_cap *caps)
{
	if (info->index >= VFIO_PCI_NUM_REGIONS)
		return -EINVAL;
	nvgsp_mdev_vgpu_region_info(nvgsp_mdev_of(vdev), info);
	return 0;
}
#endif

/* Every BAR access is trapped: nothing may be mapped. */
static int nvgsp_mdev_vfio_mmap(struct vfio_device *vdev, struct vm_area_struct *vma)
{
	return -EINVAL;
}

static void nvgsp_mdev_vfio_request(struct vfio_device *vdev, unsigned int count)
{
	nvgsp_mdev_vgpu_request(nvgsp_mdev_of(vdev), count);
}

static void nvgsp_mdev_vfio_release(struct vfio_device *vdev)
{
	nvgsp_mdev_vgpu_fini(nvgsp_mdev_of(vdev));
}

static const struct vfio_device_ops nvgsp_mdev_vfio_ops = {
	.name = "nvgsp-mdev",
	.release = nvgsp_mdev_vfio_release,
	.open_device = nvgsp_mdev_vfio_open,
	.close_device = nvgsp_mdev_vfio_close,
	.read = nvgsp_mdev_vfio_read,
	.write = nvgsp_mdev_vfio_write,
	.ioctl = nvgsp_mdev_vfio_ioctl,
#ifdef NVGSP_HAVE_VFIO_DEVICE_OPS_GET_REGION_INFO_CAPS
	.get_region_info_caps = nvgsp_mdev_vfio_region_info,
#endif
	.mmap = nvgsp_mdev_vfio_mmap,
	.request = nvgsp_mdev_vfio_request,
#if NVGSP_VFIO_IOMMUFD >= 1
	.bind_iommufd = vfio_iommufd_emulated_bind,
	.unbind_iommufd = vfio_iommufd_emulated_unbind,
	.attach_ioas = vfio_iommufd_emulated_attach_ioas,
#endif
#if NVGSP_VFIO_IOMMUFD >= 2
	.detach_ioas = vfio_iommufd_emulated_detach_ioas,
#endif
};

static int nvgsp_mdev_probe(struct mdev_device *mdev)
{
	struct nvgsp_mdev_parent *p = nvgsp_mdev_parent_of(mdev->type);
	u32 type_id = nvgsp_mdev_type_id(mdev->type);
	struct nvgsp_mdev_vgpu *m;
	int ret;

	m = vfio_alloc_device(nvgsp_mdev_vgpu, vdev, &mdev->dev, &nvgsp_mdev_vfio_ops);
	if (IS_ERR(m))
		return PTR_ERR(m);
	nvgsp_mdev_vgpu_init(m, p, &mdev->dev, type_id);
	ret = nvgsp_mdev_attach(p, m, type_id);
	if (ret)
		goto put;
	ret = vfio_register_emulated_iommu_dev(&m->vdev);
	if (ret) {
		dev_err(&mdev->dev, "vGPU: cannot register the VFIO device: %d\n", ret);
		goto detach;
	}
	dev_set_drvdata(&mdev->dev, m);
	pci_info(p->pdev, "vGPU mdev %s of type %u created\n", dev_name(&mdev->dev), type_id);
	return 0;

detach:
	nvgsp_mdev_detach(p, m);
put:
	vfio_put_device(&m->vdev);
	return ret;
}

static void nvgsp_mdev_remove(struct mdev_device *mdev)
{
	struct nvgsp_mdev_vgpu *m = dev_get_drvdata(&mdev->dev);
	struct nvgsp_mdev_parent *p = m->parent;

	/* Waits for the VMM to close it, asking through the request IRQ. */
	vfio_unregister_group_dev(&m->vdev);
	nvgsp_mdev_detach(p, m);
	pci_info(p->pdev, "vGPU mdev %s removed\n", dev_name(&mdev->dev));
	vfio_put_device(&m->vdev);
}

static unsigned int nvgsp_mdev_get_available(struct mdev_type *mtype)
{
	return nvgsp_mdev_available(nvgsp_mdev_parent_of(mtype), nvgsp_mdev_type_id(mtype));
}

static ssize_t nvgsp_mdev_show_description(struct mdev_type *mtype, char *buf)
{
	struct nvgsp_mdev_parent *p = nvgsp_mdev_parent_of(mtype);

	return nvgsp_vgpu_mgr_describe(p->mgr, nvgsp_mdev_type_id(mtype), buf, PAGE_SIZE);
}

static struct mdev_driver nvgsp_mdev_driver = {
	.device_api = VFIO_DEVICE_API_PCI_STRING,
	.probe = nvgsp_mdev_probe,
	.remove = nvgsp_mdev_remove,
	.get_available = nvgsp_mdev_get_available,
	.show_description = nvgsp_mdev_show_description,
	.driver = {
		.name = "nvgsp-mdev",
		.owner = THIS_MODULE,
		.mod_name = KBUILD_MODNAME,
	},
};

int nvgsp_mdev_parent_register(struct nvgsp_mdev_parent *p)
{
	unsigned int i;
	int ret;

	p->type = kcalloc(p->nr_types, sizeof(*p->type), GFP_KERNEL);
	p->types = kcalloc(p->nr_types, sizeof(*p->types), GFP_KERNEL);
	if (!p->type || !p->types) {
		ret = -ENOMEM;
		goto free;
	}
	nvgsp_mdev_name_types(p);
	for (i = 0; i < p->nr_types; i++) {
		p->type[i].mtype.sysfs_name = p->type[i].sysfs_name;
		p->type[i].mtype.pretty_name = nvgsp_vgpu_mgr_type(p->mgr, i)->name;
		p->types[i] = &p->type[i].mtype;
	}
	ret = mdev_register_parent(&p->parent, &p->pdev->dev, &nvgsp_mdev_driver, p->types,
				   p->nr_types);
	if (!ret)
		return 0;
free:
	kfree(p->types);
	kfree(p->type);
	return ret;
}

void nvgsp_mdev_parent_unregister(struct nvgsp_mdev_parent *p)
{
	/* Removes the VF's mdev, which waits for its VMM to close it. */
	mdev_unregister_parent(&p->parent);
	kfree(p->types);
	kfree(p->type);
}

int nvgsp_mdev_driver_register(void)
{
	return mdev_register_driver(&nvgsp_mdev_driver);
}

void nvgsp_mdev_driver_unregister(void)
{
	mdev_unregister_driver(&nvgsp_mdev_driver);
}

#else /* NVGSP_CAN_MDEV == 1 */
/* ---- generation 1: struct mdev_parent_ops, types as attribute groups ---- */

/* The parent of a type's sysfs callbacks: @dev is the VF. */
static struct nvgsp_mdev_parent *nvgsp_mdev_parent_of(struct device *dev)
{
	return dev_get_drvdata(dev);
}

/* The type id from its directory, "nvgsp-mdev-<id>" (the mdev core's name). */
static int nvgsp_mdev_kobj_type(struct kobject *kobj, u32 *id)
{
	const char *dash = strrchr(kobject_name(kobj), '-');

	return dash ? kstrtou32(dash + 1, 10, id) : -EINVAL;
}

void nvgsp_mdev_uuid(struct nvgsp_mdev_vgpu *m, u8 uuid[16])
{
	memcpy(uuid, mdev_uuid(mdev_from_dev(m->dev)), 16);
}

static ssize_t name_show(struct kobject *kobj, struct device *dev, char *buf)
{
	struct nvgsp_mdev_parent *p = nvgsp_mdev_parent_of(dev);
	const struct nvgsp_fw_vgpu_type *t;
	u32 id;

	if (nvgsp_mdev_kobj_type(kobj, &id))
		return -EINVAL;
	t = nvgsp_vgpu_mgr_find_type(p->mgr, id);
	return t ? sprintf(buf, "%s\n", t->name) : -EINVAL;
}
static MDEV_TYPE_ATTR_RO(name);

static ssize_t description_show(struct kobject *kobj, struct device *dev, char *buf)
{
	u32 id;

	if (nvgsp_mdev_kobj_type(kobj, &id))
		return -EINVAL;
	return nvgsp_vgpu_mgr_describe(nvgsp_mdev_parent_of(dev)->mgr, id, buf, PAGE_SIZE);
}
static MDEV_TYPE_ATTR_RO(description);

static ssize_t available_instances_show(struct kobject *kobj, struct device *dev, char *buf)
{
	u32 id;

	if (nvgsp_mdev_kobj_type(kobj, &id))
		return -EINVAL;
	return sprintf(buf, "%u\n", nvgsp_mdev_available(nvgsp_mdev_parent_of(dev), id));
}
static MDEV_TYPE_ATTR_RO(available_instances);

static ssize_t device_api_show(struct kobject *kobj, struct device *dev, char *buf)
{
	return sprintf(buf, "%s\n", VFIO_DEVICE_API_PCI_STRING);
}
static MDEV_TYPE_ATTR_RO(device_api);

static struct attribute *nvgsp_mdev_type_attrs[] = {
	&mdev_type_attr_name.attr,
	&mdev_type_attr_description.attr,
	&mdev_type_attr_available_instances.attr,
	&mdev_type_attr_device_api.attr,
	NULL
};

static int nvgsp_mdev_create(struct kobject *kobj, struct mdev_device *mdev)
{
	struct nvgsp_mdev_parent *p = nvgsp_mdev_parent_of(mdev_parent_dev(mdev));
	struct nvgsp_mdev_vgpu *m;
	u32 type_id;
	int ret;

	ret = nvgsp_mdev_kobj_type(kobj, &type_id);
	if (ret)
		return ret;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	nvgsp_mdev_vgpu_init(m, p, mdev_dev(mdev), type_id);
	/*
	 * The mdev's DMA is the VF's: VFIO attaches the VF to the VM's IOMMU
	 * domain. Without an IOMMU nothing keeps the VF's DMA inside the VM.
	 */
	if (!iommu_present(&pci_bus_type) || !p->pdev->dev.iommu_group) {
		pci_err(p->pdev, "vGPU: the VF has no IOMMU group, so nothing could keep its DMA inside a VM; refusing the mdev\n");
		ret = -ENODEV;
		goto free;
	}
	ret = mdev_set_iommu_device(mdev_dev(mdev), &p->pdev->dev);
	if (ret)
		goto free;
	ret = nvgsp_mdev_attach(p, m, type_id);
	if (ret)
		goto free;
	mdev_set_drvdata(mdev, m);
	pci_info(p->pdev, "vGPU mdev %s of type %u created\n", dev_name(mdev_dev(mdev)), type_id);
	return 0;

free:
	nvgsp_mdev_vgpu_fini(m);
	kfree(m);
	return ret;
}

static int nvgsp_mdev_remove(struct mdev_device *mdev)
{
	struct nvgsp_mdev_vgpu *m = mdev_get_drvdata(mdev);
	struct nvgsp_mdev_parent *p = m->parent;

	/* The mdev core removed its VFIO device, which waited for the close. */
	nvgsp_mdev_detach(p, m);
	pci_info(p->pdev, "vGPU mdev %s removed\n", dev_name(mdev_dev(mdev)));
	nvgsp_mdev_vgpu_fini(m);
	kfree(m);
	return 0;
}

static int nvgsp_mdev_open(struct mdev_device *mdev)
{
	int ret;

	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	ret = nvgsp_mdev_vgpu_open(mdev_get_drvdata(mdev));
	if (ret)
		module_put(THIS_MODULE);
	return ret;
}

static void nvgsp_mdev_release(struct mdev_device *mdev)
{
	nvgsp_mdev_vgpu_close(mdev_get_drvdata(mdev));
	module_put(THIS_MODULE);
}

static ssize_t nvgsp_mdev_read(struct mdev_device *mdev, char __user *buf, size_t count,
			       loff_t *ppos)
{
	return nvgsp_mdev_vgpu_rw(mdev_get_drvdata(mdev), buf, NULL, count, ppos);
}

static ssize_t nvgsp_mdev_write(struct mdev_device *mdev, const char __user *buf, size_t count,
				loff_t *ppos)
{
	return nvgsp_mdev_vgpu_rw(mdev_get_drvdata(mdev), NULL, buf, count, ppos);
}

static long nvgsp_mdev_ioctl(struct mdev_device *mdev, unsigned int cmd, unsigned long arg)
{
	return nvgsp_mdev_vgpu_ioctl(mdev_get_drvdata(mdev), cmd, arg);
}

/* Every BAR access is trapped: nothing may be mapped. */
static int nvgsp_mdev_mmap(struct mdev_device *mdev, struct vm_area_struct *vma)
{
	return -EINVAL;
}

int nvgsp_mdev_parent_register(struct nvgsp_mdev_parent *p)
{
	unsigned int i;
	int ret;

	p->type = kcalloc(p->nr_types, sizeof(*p->type), GFP_KERNEL);
	p->groups = kcalloc(p->nr_types + 1, sizeof(*p->groups), GFP_KERNEL);
	if (!p->type || !p->groups) {
		ret = -ENOMEM;
		goto free;
	}
	nvgsp_mdev_name_types(p);
	for (i = 0; i < p->nr_types; i++) {
		p->type[i].group.name = p->type[i].sysfs_name;
		p->type[i].group.attrs = nvgsp_mdev_type_attrs;
		p->groups[i] = &p->type[i].group;
	}
	p->ops.owner = THIS_MODULE;
	p->ops.supported_type_groups = p->groups;
	p->ops.create = nvgsp_mdev_create;
	p->ops.remove = nvgsp_mdev_remove;
	p->ops.open = nvgsp_mdev_open;
	p->ops.release = nvgsp_mdev_release;
	p->ops.read = nvgsp_mdev_read;
	p->ops.write = nvgsp_mdev_write;
	p->ops.ioctl = nvgsp_mdev_ioctl;
	p->ops.mmap = nvgsp_mdev_mmap;
	ret = mdev_register_device(&p->pdev->dev, &p->ops);
	if (!ret)
		return 0;
free:
	kfree(p->groups);
	kfree(p->type);
	return ret;
}

void nvgsp_mdev_parent_unregister(struct nvgsp_mdev_parent *p)
{
	/* Removes the VF's mdev, which waits for its VMM to close it. */
	mdev_unregister_device(&p->pdev->dev);
	kfree(p->groups);
	kfree(p->type);
}

int nvgsp_mdev_driver_register(void)
{
	return 0;
}

void nvgsp_mdev_driver_unregister(void)
{
}

#endif /* NVGSP_CAN_MDEV == 1 */
#endif /* NVGSP_CAN_MDEV */
