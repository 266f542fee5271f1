// SPDX-License-Identifier: GPL-2.0-only
/*
 * struct vfio_device_ops .match_token_uuid, set by a vfio_pci_core driver to
 * vfio_pci_core_match_token_uuid().
 *
 * Added in Linux 6.17 with the VF token for iommufd's VFIO cdev bind. From
 * then on vfio_pci_core_match(), which every open through a group calls,
 * checks the token through the op without testing for it, so a vfio_pci_core
 * driver that leaves it NULL oopses on the first open (hisi_acc_vfio_pci
 * needed the same fix: commit 0ed3a30fd996, "hisi_acc_vfio_pci: Add
 * .match_token_uuid callback in hisi_acc_vfio_pci_migrn_ops").
 */
#include <linux/vfio.h>
#include <linux/vfio_pci_core.h>

struct vfio_device_ops nvgsp_probe_ops = {
	.match_token_uuid = vfio_pci_core_match_token_uuid,
};
