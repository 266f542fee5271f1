// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_boot.c - boot GSP-RM at probe and unload it at remove: the kernel
 * side of src/gsp/nvgsp_gsp.h. The boot itself is the portable core's; this
 * file gives it what only the kernel knows (the PCI view of the device, the
 * DMA mask, bus mastering) and the nvgsp.gsp_boot switch.
 */
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/pci.h>

#include "nvgsp_compat.h"
#include "nvgsp_drv.h"
#include "gsp/nvgsp_gsp.h"
#include "rm/nvgsp_rm.h"

static bool nvgsp_gsp_boot_enabled = true;
module_param_named(gsp_boot, nvgsp_gsp_boot_enabled, bool, 0644);
MODULE_PARM_DESC(gsp_boot,
		 "Boot GSP-RM at probe (default Y); N stops after identifying the chip and firmware, for diagnosis");

/* The widest DMA address each boot path's GSP takes (nova-core gpu.rs). */
static unsigned int nvgsp_boot_dma_bits(const struct nvgsp_chip_info *chip)
{
	return chip->boot_path == NVGSP_BOOT_FSP ? 52 : 47;
}

static void nvgsp_boot_pci_info(struct pci_dev *pdev, unsigned int dma_bits,
				struct nvgsp_gsp_pci *pci)
{
	pci->bar0_addr = pci_resource_start(pdev, 0);
	pci->bar1_addr = pci_resource_start(pdev, 1);
	pci->bar3_addr = pci_resource_start(pdev, 3);
	pci->domain = pci_domain_nr(pdev->bus);
	pci->bus = pdev->bus->number;
	pci->devfn = pdev->devfn;
	pci->vendor_id = pdev->vendor;
	pci->device_id = pdev->device;
	pci->subsystem_vendor_id = pdev->subsystem_vendor;
	pci->subsystem_id = pdev->subsystem_device;
	pci->revision_id = pdev->revision;
	pci->dma_mask_bits = dma_bits;
}

/*
 * GSP-RM's messages (replies and events) are drained by the RPC layer while
 * a caller waits, and by this threaded handler when one arrives between
 * calls. The boot routed the GSP's interrupt to its vector in the CPU
 * interrupt tree; nvgsp_gsp_irq() claims only that vector's pending bit.
 * MSI or MSI-X only: the vector is never shared, so no hard-IRQ half is
 * needed, and polling covers a platform that has neither.
 */
static irqreturn_t nvgsp_boot_irq_thread(int irq, void *data)
{
	struct nvgsp_device *nd = data;

	return nvgsp_gsp_irq(nd->gsp) ? IRQ_HANDLED : IRQ_NONE;
}

static void nvgsp_boot_irq_start(struct nvgsp_device *nd)
{
	struct pci_dev *pdev = nd->pdev;
	int ret;

	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_MSIX);
	if (ret < 0) {
		dev_info(&pdev->dev, "no MSI/MSI-X vector (%d): GSP messages are polled\n", ret);
		return;
	}
	ret = request_threaded_irq(pci_irq_vector(pdev, 0), NULL, nvgsp_boot_irq_thread,
				   IRQF_ONESHOT, "nvgsp", nd);
	if (ret) {
		dev_info(&pdev->dev, "cannot request IRQ %d (%d): GSP messages are polled\n",
			 pci_irq_vector(pdev, 0), ret);
		pci_free_irq_vectors(pdev);
		return;
	}
	nd->irq = pci_irq_vector(pdev, 0);
	/*
	 * Only now, with MSI on and the handler installed, is the GSP's vector
	 * enabled in the GPU's interrupt tree: enabled earlier, a message would
	 * assert INTx on a line nobody services. Concurrent with the handler
	 * is fine.
	 */
	nvgsp_gsp_irq_enable(nd->gsp);
}

static void nvgsp_boot_irq_stop(struct nvgsp_device *nd)
{
	if (!nd->irq)
		return;
	nvgsp_gsp_irq_disable(nd->gsp);
	free_irq(nd->irq, nd);
	pci_free_irq_vectors(nd->pdev);
	nd->irq = 0;
}

int nvgsp_boot_start(struct nvgsp_device *nd)
{
	struct pci_dev *pdev = nd->pdev;
	struct nvgsp_gsp_config cfg = {
		.dev = &nd->osdev,
		.bar0 = &nd->bar0,
		.chip = &nd->chip,
		.fw = nd->fw,
		.timeout_scale = 1,
	};
	unsigned int bits = nvgsp_boot_dma_bits(nd->chip.info);
	int ret;

	if (!nvgsp_gsp_boot_enabled) {
		dev_info(&pdev->dev, "GSP-RM not booted (nvgsp.gsp_boot=N)\n");
		return 0;
	}
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(bits));
	if (ret) {
		dev_err(&pdev->dev, "GSP boot failed: no %u-bit DMA on this platform: %d\n",
			bits, ret);
		return ret;
	}
	nvgsp_boot_pci_info(pdev, bits, &cfg.pci);
	pci_set_master(pdev);
	ret = nvgsp_gsp_boot(&cfg, &nd->gsp);
	if (ret) {
		pci_clear_master(pdev);
		return ret;
	}
	dev_info(&pdev->dev, "GSP-RM %s running: %s, %llu MiB of VRAM\n", nd->abi->release,
		 nvgsp_gsp_static_info(nd->gsp)->gpu_name,
		 (nvgsp_gsp_static_info(nd->gsp)->fb_length >> 20));
	nvgsp_boot_irq_start(nd);
	/*
	 * The driver's own root client, device and subdevice, held while
	 * GSP-RM runs: what the layers above (the vGPU manager) allocate
	 * under. Opened after the vector is live, so its replies arrive as
	 * interrupts.
	 */
	ret = nvgsp_rm_open(nvgsp_gsp_rm(nd->gsp), &nd->rm);
	if (ret) {
		dev_err(&pdev->dev, "GSP boot failed at RM client: cannot open the subdevice: %d\n",
			ret);
		nvgsp_boot_stop(nd);
		return ret;
	}
	nvgsp_debugfs_add(nd);
	return 0;
}

void nvgsp_boot_stop(struct nvgsp_device *nd)
{
	if (!nd->gsp)
		return;
	nvgsp_debugfs_remove(nd);
	nvgsp_rm_close(nvgsp_gsp_rm(nd->gsp), &nd->rm);
	nvgsp_boot_irq_stop(nd);
	nvgsp_gsp_shutdown(nd->gsp);
	nd->gsp = NULL;
	pci_clear_master(nd->pdev);
}
