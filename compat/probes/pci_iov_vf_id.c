// SPDX-License-Identifier: GPL-2.0-only
/*
 * pci_iov_vf_id(): the index of an SR-IOV virtual function within its PF.
 *
 * Added in Linux 5.18 by commit 21ca9fb62d46 ("PCI/IOV: Add pci_iov_vf_id()
 * to get VF index"). Without it, compat/nvgsp_compat_pci.h computes the index
 * from the PF's SR-IOV capability (First VF Offset and VF Stride).
 */
#include <linux/pci.h>

int nvgsp_probe(struct pci_dev *pdev);
int nvgsp_probe(struct pci_dev *pdev)
{
	_Static_assert(__builtin_types_compatible_p(typeof(&pci_iov_vf_id),
						    int (*)(struct pci_dev *)),
		       "pci_iov_vf_id(struct pci_dev *)");
	return pci_iov_vf_id(pdev);
}
