/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_drv.h - the per-GPU state shared by the kernel glue files.
 */
#ifndef NVGSP_DRV_H
#define NVGSP_DRV_H

#include <linux/pci.h>

#include "chip/nvgsp_chip.h"
#include "nvgsp_os_linux.h"

/**
 * struct nvgsp_device - one GPU bound to nvgsp.
 * @pdev: the PCI function.
 * @bar0: BAR0, mapped for NV_BAR0_SIZE bytes.
 * @chip: what identification found; set once in probe, read-only after.
 */
struct nvgsp_device {
	struct pci_dev *pdev;
	struct nvgsp_os_bar bar0;
	struct nvgsp_chip_id chip;
};

/* nvgsp_pci.c */
int nvgsp_pci_register(void);
void nvgsp_pci_unregister(void);

/* nvgsp_sysfs.c: per-device attribute groups, created by the driver core. */
extern const struct attribute_group *nvgsp_sysfs_groups[];

#endif /* NVGSP_DRV_H */
