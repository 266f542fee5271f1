// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_vgpu_host.c - kernel glue of the vGPU manager (src/vgpu/): once
 * GSP-RM runs prepared for SR-IOV vGPU, load the PF's type catalogue
 * (nvidia/vgpu-<release>.bin, optional), start the manager over the FB that
 * GSP-RM leaves to vGPUs, and stop it before GSP-RM goes. The per-vGPU log
 * buffers are read through debugfs (nvgsp_debugfs.c).
 * Documentation/vgpu-manager.rst.
 */
#include <linux/pci.h>

#include "nvgsp_drv.h"
#include "fw/nvgsp_fw_vgpu.h"

/* The catalogue, parsed for this PF's device id; NULL when there is none. */
static struct nvgsp_fw_vgpu_catalogue *nvgsp_vgpu_host_types(struct nvgsp_device *nd,
							     struct nvgsp_os_firmware **fw,
							     struct nvgsp_fw_blob *blob)
{
	struct pci_dev *pdev = nd->pdev;
	struct nvgsp_fw_vgpu_catalogue *cat;
	struct nvgsp_fw_diag *diag;
	char path[64];
	int ret;

	snprintf(path, sizeof(path), "nvidia/vgpu-%s.bin", nd->abi->release);
	ret = nvgsp_os_firmware_get(&nd->osdev, path, fw, &blob->data, &blob->size);
	if (ret) {
		dev_info(&pdev->dev, "vGPU: no type catalogue %s (%d): no vGPU types offered\n",
			 path, ret);
		return NULL;
	}
	blob->name = path;
	cat = kzalloc(sizeof(*cat), GFP_KERNEL);
	diag = kzalloc(sizeof(*diag), GFP_KERNEL);
	if (!cat || !diag)
		goto fail;
	ret = nvgsp_fw_vgpu_parse(blob, pdev->device, nd->abi->release, 0, cat, diag);
	if (ret) {
		dev_err(&pdev->dev, "vGPU: type catalogue refused: %s\n", diag->msg);
		goto fail;
	}
	blob->name = NULL;	/* path goes out of scope */
	kfree(diag);
	return cat;
fail:
	kfree(diag);
	kfree(cat);
	nvgsp_os_firmware_put(*fw);
	*fw = NULL;
	return NULL;
}

void nvgsp_vgpu_host_start(struct nvgsp_device *nd)
{
	struct pci_dev *pdev = nd->pdev;
	struct nvgsp_vgpu_mgr_config cfg = {
		.dev = &nd->osdev,
		.gsp = nd->gsp,
		.bar0 = &nd->bar0,
		.chip = nd->chip.info,
		.abi = nd->abi,
		.dbdf = ((u32)pci_domain_nr(pdev->bus) << 16) | PCI_DEVID(pdev->bus->number,
									    pdev->devfn),
		.timeout_scale = 1,
	};
	struct nvgsp_os_firmware *fw = NULL;
	struct nvgsp_fw_blob blob = { 0 };
	struct nvgsp_fw_vgpu_catalogue *cat;
	int ret;

	if (!nd->vgpu.prepare)
		return;
#ifdef CONFIG_PCI_IOV
	{
		int pos = pci_find_ext_capability(pdev, PCI_EXT_CAP_ID_SRIOV);

		if (pos) {
			pci_read_config_word(pdev, pos + PCI_SRIOV_VF_OFFSET, &cfg.vf_first_offset);
			pci_read_config_word(pdev, pos + PCI_SRIOV_VF_STRIDE, &cfg.vf_stride);
		}
	}
#endif
	cat = nvgsp_vgpu_host_types(nd, &fw, &blob);
	cfg.types = cat;
	cfg.types_file = cat ? &blob : NULL;
	ret = nvgsp_vgpu_mgr_create(&cfg, &nd->vgpu_mgr);
	kfree(cat);
	nvgsp_os_firmware_put(fw);
	if (ret)
		nd->vgpu_mgr = NULL;
}

void nvgsp_vgpu_host_stop(struct nvgsp_device *nd)
{
	nvgsp_vgpu_mgr_destroy(nd->vgpu_mgr);
	nd->vgpu_mgr = NULL;
}
