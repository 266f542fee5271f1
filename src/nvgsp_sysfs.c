// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_sysfs.c - the decoded identity of a bound GPU and GSP-RM's health, under
 * /sys/bus/pci/devices/<address>/nvgsp/. The ABI is documented in
 * Documentation/ABI/testing/sysfs-bus-pci-drivers-nvgsp.
 *
 * The driver core creates these after probe succeeds and removes them before
 * remove() runs, so drvdata is always valid here.
 */
#include <linux/device.h>
#include <linux/pci.h>
#include <linux/sysfs.h>

#include "nvgsp_compat.h"
#include "nvgsp_drv.h"

static const struct nvgsp_chip_id *nvgsp_sysfs_chip(struct device *dev)
{
	struct nvgsp_device *nd = pci_get_drvdata(to_pci_dev(dev));

	return &nd->chip;
}

static ssize_t chip_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", nvgsp_sysfs_chip(dev)->info->name);
}
static DEVICE_ATTR_RO(chip);

static ssize_t chipset_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "0x%03x\n", nvgsp_sysfs_chip(dev)->chipset);
}
static DEVICE_ATTR_RO(chipset);

static ssize_t architecture_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "0x%02x\n", nvgsp_sysfs_chip(dev)->arch);
}
static DEVICE_ATTR_RO(architecture);

static ssize_t implementation_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "0x%x\n", nvgsp_sysfs_chip(dev)->impl);
}
static DEVICE_ATTR_RO(implementation);

static ssize_t family_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", nvgsp_chip_family_name(nvgsp_sysfs_chip(dev)->info->family));
}
static DEVICE_ATTR_RO(family);

static ssize_t revision_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	char rev[4];

	nvgsp_chip_revision(nvgsp_sysfs_chip(dev), rev, sizeof(rev));
	return sysfs_emit(buf, "%s\n", rev);
}
static DEVICE_ATTR_RO(revision);

static ssize_t fw_signature_family_show(struct device *dev, struct device_attribute *attr,
					char *buf)
{
	return sysfs_emit(buf, "%s\n", nvgsp_sysfs_chip(dev)->info->sig_family);
}
static DEVICE_ATTR_RO(fw_signature_family);

static ssize_t boot_path_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  nvgsp_chip_boot_path_name(nvgsp_sysfs_chip(dev)->info->boot_path));
}
static DEVICE_ATTR_RO(boot_path);

static ssize_t boot0_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "0x%08x\n", nvgsp_sysfs_chip(dev)->boot0);
}
static DEVICE_ATTR_RO(boot0);

static ssize_t boot42_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "0x%08x\n", nvgsp_sysfs_chip(dev)->boot42);
}
static DEVICE_ATTR_RO(boot42);

static ssize_t fw_release_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct nvgsp_device *nd = pci_get_drvdata(to_pci_dev(dev));

	return sysfs_emit(buf, "%s\n", nd->abi->release);
}
static DEVICE_ATTR_RO(fw_release);

static ssize_t fw_build_id_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct nvgsp_device *nd = pci_get_drvdata(to_pci_dev(dev));

	return sysfs_emit(buf, "%*phN\n", nd->fw_build_id_len, nd->fw_build_id);
}
static DEVICE_ATTR_RO(fw_build_id);

/*
 * GSP-RM's health, as its transport saw it last: "running", "dead: <why>",
 * "gone: <why>" (the device fell off the bus), or "not started"
 * (nvgsp.gsp_boot=N). nd->gsp is set in probe and cleared in remove, both
 * outside the life of this file, and replaced by suspend, resume and PCIe
 * error recovery under nd->gsp_rwsem, which the reads here hold (for
 * reading) while they use it (nvgsp_pm.c). The state is read without the RPC lock
 * (nvgsp_gsp_state()), so a hung GSP-RM, which holds that lock for up to a
 * call's timeout, never blocks a read.
 */
static ssize_t gsp_state_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct nvgsp_device *nd = pci_get_drvdata(to_pci_dev(dev));
	char reason[160];
	ssize_t n;

	down_read(&nd->gsp_rwsem);
	if (!nd->gsp) {
		n = sysfs_emit(buf, "not started\n");
		goto out;
	}
	switch (nvgsp_gsp_state(nd->gsp, reason, sizeof(reason))) {
	case NVGSP_RPC_RUNNING:
		n = sysfs_emit(buf, "running\n");
		break;
	case NVGSP_RPC_GONE:
		n = sysfs_emit(buf, "gone: %s\n", reason);
		break;
	default:
		n = sysfs_emit(buf, "dead: %s\n", reason);
		break;
	}
out:
	up_read(&nd->gsp_rwsem);
	return n;
}
static DEVICE_ATTR_RO(gsp_state);

/*
 * One live RPC per read (mode 0400: it costs GSP-RM work): the RM control
 * NV2080_CTRL_CMD_GPU_GET_VMMU_SEGMENT_SIZE on the driver's own subdevice
 * (nd->rm, opened at probe), printed as "vmmu_segment_size 0x<hex>". The
 * read fails with what the call returns: EIO at once when GSP-RM is dead,
 * ENODEV when the device is gone, ETIMEDOUT for the call that met a hang
 * (EIO after it); ENODEV too when GSP-RM was never booted
 * (nvgsp.gsp_boot=N), which gsp_state tells apart. Concurrent readers are
 * serialised by the transport. The driver core removes this file, waiting
 * for readers in it, before remove() shuts GSP-RM down.
 */
static ssize_t gsp_live_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct nvgsp_device *nd = pci_get_drvdata(to_pci_dev(dev));
	u64 size;
	int ret;

	/* Held across the call: a suspend or a recovery waits for it (bounded). */
	down_read(&nd->gsp_rwsem);
	ret = nd->gsp ? nvgsp_gsp_vmmu_segment_size(nd->gsp, &nd->rm, &size) : -ENODEV;
	up_read(&nd->gsp_rwsem);
	if (ret)
		return ret;
	return sysfs_emit(buf, "vmmu_segment_size 0x%llx\n", size);
}
static DEVICE_ATTR_ADMIN_RO(gsp_live);

static struct attribute *nvgsp_sysfs_attrs[] = {
	&dev_attr_architecture.attr,
	&dev_attr_boot0.attr,
	&dev_attr_boot42.attr,
	&dev_attr_boot_path.attr,
	&dev_attr_chip.attr,
	&dev_attr_chipset.attr,
	&dev_attr_family.attr,
	&dev_attr_fw_build_id.attr,
	&dev_attr_fw_release.attr,
	&dev_attr_fw_signature_family.attr,
	&dev_attr_gsp_live.attr,
	&dev_attr_gsp_state.attr,
	&dev_attr_implementation.attr,
	&dev_attr_revision.attr,
	NULL,
};

static const struct attribute_group nvgsp_sysfs_group = {
	.name = "nvgsp",
	.attrs = nvgsp_sysfs_attrs,
};

const struct attribute_group *nvgsp_sysfs_groups[] = {
	&nvgsp_sysfs_group,
	NULL,
};
