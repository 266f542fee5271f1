// SPDX-License-Identifier: GPL-2.0-only
/*
 * struct pci_driver.dev_groups: per-device attribute groups a PCI driver
 * hands the driver core.
 *
 * Added in Linux 5.14 by commit ded13b9cfd59 ("PCI: Add support for
 * dev_groups to struct pci_driver"). From then on __pci_register_driver()
 * copies it over driver.dev_groups, so a driver that sets only the inner
 * field loses its attributes; before it, only the inner field exists.
 */
#include <linux/pci.h>

extern const struct attribute_group *nvgsp_probe_groups[];
struct pci_driver nvgsp_probe_driver = { .dev_groups = nvgsp_probe_groups };
