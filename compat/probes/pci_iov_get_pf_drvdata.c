// SPDX-License-Identifier: GPL-2.0-only
/*
 * pci_iov_get_pf_drvdata(): a VF's driver reaches the drvdata of its PF,
 * checking that the PF is bound to the given driver.
 *
 * Added in Linux 5.18 by commit a7e9f240c0da ("PCI/IOV: Add
 * pci_iov_get_pf_drvdata() to allow VF reaching the drvdata of a PF").
 */
#include <linux/pci.h>

void *nvgsp_probe(struct pci_dev *vf, struct pci_driver *pf_driver);
void *nvgsp_probe(struct pci_dev *vf, struct pci_driver *pf_driver)
{
	_Static_assert(__builtin_types_compatible_p(typeof(&pci_iov_get_pf_drvdata),
						    void *(*)(struct pci_dev *, struct pci_driver *)),
		       "pci_iov_get_pf_drvdata(struct pci_dev *, struct pci_driver *)");
	return pci_iov_get_pf_drvdata(vf, pf_driver);
}
