/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_compat_pci.h - PCI core shims.
 */
#ifndef NVGSP_COMPAT_PCI_H
#define NVGSP_COMPAT_PCI_H

#include <linux/pci.h>

#ifndef NVGSP_HAVE_PCI_IOV_VF_ID
/*
 * Before Linux 5.18: derive the VF index from the PF's SR-IOV capability, as
 * pci_iov_vf_id() does: routing ID = PF routing ID + First VF Offset +
 * index * VF Stride.
 */
static inline int nvgsp_compat_pci_iov_vf_id(struct pci_dev *dev)
{
	struct pci_dev *pf;
	u16 offset, stride;
	int pos, rid;

	if (!dev->is_virtfn)
		return -EINVAL;
	pf = pci_physfn(dev);
	pos = pci_find_ext_capability(pf, PCI_EXT_CAP_ID_SRIOV);
	if (!pos)
		return -EINVAL;
	pci_read_config_word(pf, pos + PCI_SRIOV_VF_OFFSET, &offset);
	pci_read_config_word(pf, pos + PCI_SRIOV_VF_STRIDE, &stride);
	if (!stride)
		return -EINVAL;
	rid = ((dev->bus->number << 8) | dev->devfn) -
	      ((pf->bus->number << 8) | pf->devfn) - offset;
	if (rid < 0 || rid % stride)
		return -EINVAL;
	return rid / stride;
}
#define pci_iov_vf_id nvgsp_compat_pci_iov_vf_id
#endif

/**
 * nvgsp_compat_pci_driver_set_dev_groups() - give a PCI driver per-device
 * attribute groups, which the driver core creates after probe and removes
 * before remove.
 * @drv: the driver, not yet registered.
 * @groups: NULL-terminated array of groups.
 */
static inline void nvgsp_compat_pci_driver_set_dev_groups(struct pci_driver *drv,
							  const struct attribute_group **groups)
{
#ifdef NVGSP_HAVE_PCI_DRIVER_DEV_GROUPS
	drv->dev_groups = groups;
#else
	drv->driver.dev_groups = groups;
#endif
}

/**
 * nvgsp_compat_pci_get_vf() - the PCI device of one of a PF's enabled VFs,
 * with a reference the caller drops with pci_dev_put().
 * @pf: the physical function.
 * @index: the VF's index, 0 for the first.
 *
 * The kernel has no exported "VF by index" lookup on every supported line:
 * pci_iov_virtfn_bus() and pci_iov_virtfn_devfn() are not exported in 5.10.
 * The routing ID is computed as they do, from the SR-IOV capability (PCIe
 * r6.0 9.3.3.10-11: routing ID = PF routing ID + First VF Offset + index *
 * VF Stride, both read with NumVFs set, as they are while VFs are enabled).
 *
 * Return: the VF, or NULL when it does not exist (or is not @pf's).
 */
static inline struct pci_dev *nvgsp_compat_pci_get_vf(struct pci_dev *pf, int index)
{
	struct pci_dev *vf;
	u16 offset, stride;
	int pos, rid;

	pos = pci_find_ext_capability(pf, PCI_EXT_CAP_ID_SRIOV);
	if (!pos || index < 0)
		return NULL;
	pci_read_config_word(pf, pos + PCI_SRIOV_VF_OFFSET, &offset);
	pci_read_config_word(pf, pos + PCI_SRIOV_VF_STRIDE, &stride);
	rid = ((pf->bus->number << 8) | pf->devfn) + offset + index * stride;
	if (rid > 0xffff)
		return NULL;
	vf = pci_get_domain_bus_and_slot(pci_domain_nr(pf->bus), rid >> 8, rid & 0xff);
	if (vf && (!vf->is_virtfn || pci_physfn(vf) != pf)) {
		pci_dev_put(vf);
		vf = NULL;
	}
	return vf;
}

/**
 * nvgsp_compat_pci_override_is() - does @pdev's driver_override (sysfs,
 * driverctl set-override) name @drv?
 * @pdev: the device; its device lock held (a probe holds it).
 * @drv: the driver.
 *
 * Before the PCI core used the driver core's generic driver_override (probe
 * pci_dev_driver_override), the name is struct pci_dev.driver_override,
 * which the sysfs store changes under the device lock.
 */
static inline bool nvgsp_compat_pci_override_is(struct pci_dev *pdev,
						const struct device_driver *drv)
{
#ifdef NVGSP_HAVE_PCI_DEV_DRIVER_OVERRIDE
	return pdev->driver_override && !strcmp(pdev->driver_override, drv->name);
#else
	return device_match_driver_override(&pdev->dev, drv) > 0;
#endif
}

#endif /* NVGSP_COMPAT_PCI_H */
