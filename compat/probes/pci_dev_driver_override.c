// SPDX-License-Identifier: GPL-2.0-only
/*
 * struct pci_dev.driver_override: the name a device's driver_override sysfs
 * file (driverctl set-override) gave it, read under the device lock (char *
 * until 5.19, const char * from driver_set_override() on; either reads).
 *
 * Removed when the PCI core moved to the driver core's generic
 * driver_override (struct device.driver_override with its own lock, read
 * with device_match_driver_override()): commit cb3d1049f4ea ("driver core:
 * generalize driver_override in struct device") and the PCI commit "PCI: use
 * generic driver_override infrastructure" (Linux 7.1; both backported to
 * stable lines, e.g. Debian's 6.12.117). Where the field is absent,
 * compat/nvgsp_compat_pci.h asks device_match_driver_override().
 */
#include <linux/pci.h>

const char *nvgsp_probe(struct pci_dev *pdev);
const char *nvgsp_probe(struct pci_dev *pdev)
{
	return pdev->driver_override;
}
