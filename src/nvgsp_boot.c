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
#include <linux/workqueue.h>

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

/*
 * gspVFInfo (Documentation/sriov.rst): TotalVFs and First VF Offset from the
 * PF's SR-IOV capability, and the first VF's BAR0, BAR1 and BAR3 as the PCI
 * core sized and placed the VF BARs (resources PCI_IOV_RESOURCES + 0, 1 and
 * 3: BAR1 is 64-bit and takes VF BAR slots 1-2). Their 64-bit-ness is the
 * kernel's parse of the capability's VF BAR registers (IORESOURCE_MEM_64),
 * which nova-core reads instead from the config mirror in BAR0. A VF BAR
 * the core did not assign is reported as address 0. Without a capability
 * or without CONFIG_PCI_IOV every field stays 0: GSP-RM is told of no VF.
 */
static void nvgsp_boot_vf_info(struct pci_dev *pdev, struct nvgsp_gsp_pci *pci)
{
#ifdef CONFIG_PCI_IOV
	static const int vf_bar[3] = { 0, 1, 3 };
	struct resource *res;
	int pos, i;

	pos = pci_find_ext_capability(pdev, PCI_EXT_CAP_ID_SRIOV);
	if (!pdev->is_physfn || !pos)
		return;
	pci->vf_total = pci_sriov_get_totalvfs(pdev);
	pci_read_config_word(pdev, pos + PCI_SRIOV_VF_OFFSET, &pci->vf_first_offset);
	for (i = 0; i < ARRAY_SIZE(vf_bar); i++) {
		res = &pdev->resource[PCI_IOV_RESOURCES + vf_bar[i]];
		if (!(res->flags & IORESOURCE_MEM) || (res->flags & IORESOURCE_UNSET) ||
		    !resource_size(res))
			continue;
		pci->vf_bar_addr[i] = res->start;
		pci->vf_bar_64bit[i] = !!(res->flags & IORESOURCE_MEM_64);
	}
	dev_dbg(&pdev->dev, "SR-IOV: TotalVFs %u, First VF Offset %u, VF BARs %#llx %#llx %#llx\n",
		pci->vf_total, pci->vf_first_offset, pci->vf_bar_addr[0], pci->vf_bar_addr[1],
		pci->vf_bar_addr[2]);
#endif
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
	nvgsp_boot_vf_info(pdev, pci);
}

/*
 * Polling without an interrupt: the poll work drains GSP-RM's message queue
 * every NVGSP_POLL_MS. Replies need no polling (a caller drains the queue
 * while it waits); what it delivers is what GSP-RM sends by itself (events,
 * sequencer scripts), which would otherwise pile up until GSP-RM blocks on
 * a full queue. 10 ms keeps an event's latency within a scheduler tick or
 * two of an interrupt's for the cost of 100 wake-ups a second, and only on
 * a platform without MSI/MSI-X (Documentation/runtime.rst).
 */
#define NVGSP_POLL_MS	10

/*
 * Arm @w after @delay jiffies (@now: at once, even when it is already
 * waiting longer), unless the works were stopped: nothing arms them after
 * nvgsp_boot_work_stop() set the flag, so cancelling them then is final.
 */
static void nvgsp_boot_arm(struct nvgsp_device *nd, struct delayed_work *w,
			   unsigned long delay, bool now)
{
	spin_lock(&nd->work_lock);
	if (!nd->work_stopped) {
		if (now)
			mod_delayed_work(nd->wq, w, 0);
		else
			queue_delayed_work(nd->wq, w, delay);
	}
	spin_unlock(&nd->work_lock);
}

static void nvgsp_boot_poll_work(struct work_struct *work)
{
	struct nvgsp_device *nd = container_of(to_delayed_work(work), struct nvgsp_device,
					       poll_work);

	/* A dead or gone transport said why, once; nothing more will come. */
	if (nvgsp_gsp_poll(nd->gsp) < 0 &&
	    nvgsp_gsp_state(nd->gsp, NULL, 0) != NVGSP_RPC_RUNNING)
		return;
	if (nvgsp_gsp_backlog(nd->gsp))
		nvgsp_boot_arm(nd, &nd->poll_work, 0, true);
	else if (READ_ONCE(nd->polled))
		nvgsp_boot_arm(nd, &nd->poll_work, msecs_to_jiffies(NVGSP_POLL_MS), false);
}

/*
 * The idle liveness check (nvgsp_gsp_check_alive(): BOOT_0 and the GSP's
 * RISC-V state, two register reads), every nvgsp.liveness_ms while GSP-RM
 * runs. It never waits behind a call in flight (that round is skipped), and
 * stops once GSP-RM is found dead or the device gone.
 */
static void nvgsp_boot_live_work(struct work_struct *work)
{
	struct nvgsp_device *nd = container_of(to_delayed_work(work), struct nvgsp_device,
					       live_work);
	int ret;

	ret = nvgsp_gsp_check_alive(nd->gsp);
	if (ret == -EIO || ret == -ENODEV)
		return;
	/*
	 * A caller's wait drains at most one budget too, after the interrupt
	 * was acknowledged: what it left, no interrupt announces. Poll it.
	 */
	if (nvgsp_gsp_backlog(nd->gsp))
		nvgsp_boot_arm(nd, &nd->poll_work, 0, true);
	nvgsp_boot_arm(nd, &nd->live_work, msecs_to_jiffies(nvgsp_liveness_ms), false);
}

/* Before anything can arm the works (the IRQ thread included). */
static int nvgsp_boot_work_init(struct nvgsp_device *nd)
{
	nd->wq = alloc_workqueue("nvgsp/%s", WQ_UNBOUND, 0, pci_name(nd->pdev));
	if (!nd->wq)
		return -ENOMEM;
	spin_lock_init(&nd->work_lock);
	nd->work_stopped = false;
	INIT_DELAYED_WORK(&nd->poll_work, nvgsp_boot_poll_work);
	INIT_DELAYED_WORK(&nd->live_work, nvgsp_boot_live_work);
	return 0;
}

/*
 * Stop both works for good, before anything they touch goes: the flag
 * first, under the lock every arming takes, so neither the works themselves
 * nor the IRQ thread can re-arm them; then wait for a running one.
 */
static void nvgsp_boot_work_stop(struct nvgsp_device *nd)
{
	if (!nd->wq)
		return;
	spin_lock(&nd->work_lock);
	nd->work_stopped = true;
	spin_unlock(&nd->work_lock);
	cancel_delayed_work_sync(&nd->poll_work);
	cancel_delayed_work_sync(&nd->live_work);
	destroy_workqueue(nd->wq);
	nd->wq = NULL;
}

/*
 * GSP-RM's messages (replies and events) are drained by the RPC layer while
 * a caller waits, and by this threaded handler when one arrives between
 * calls. The boot routed the GSP's interrupt to its vector in the CPU
 * interrupt tree; nvgsp_gsp_irq() claims only that vector's pending bit.
 * MSI or MSI-X only: the vector is never shared, so no hard-IRQ half is
 * needed, and the poll work covers a platform that has neither. A drain is
 * bounded: when it left messages, no new interrupt comes for them, so the
 * poll work takes over at once.
 */
static irqreturn_t nvgsp_boot_irq_thread(int irq, void *data)
{
	struct nvgsp_device *nd = data;

	if (!nvgsp_gsp_irq(nd->gsp))
		return IRQ_NONE;
	if (nvgsp_gsp_backlog(nd->gsp))
		nvgsp_boot_arm(nd, &nd->poll_work, 0, true);
	return IRQ_HANDLED;
}

static void nvgsp_boot_irq_start(struct nvgsp_device *nd)
{
	struct pci_dev *pdev = nd->pdev;
	int ret;

	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_MSIX);
	if (ret < 0) {
		dev_info(&pdev->dev,
			 "no MSI/MSI-X vector (%d): GSP messages are polled every %u ms\n", ret,
			 NVGSP_POLL_MS);
		WRITE_ONCE(nd->polled, true);
		return;
	}
	ret = request_threaded_irq(pci_irq_vector(pdev, 0), NULL, nvgsp_boot_irq_thread,
				   IRQF_ONESHOT, "nvgsp", nd);
	if (ret) {
		dev_info(&pdev->dev,
			 "cannot request IRQ %d (%d): GSP messages are polled every %u ms\n",
			 pci_irq_vector(pdev, 0), ret, NVGSP_POLL_MS);
		pci_free_irq_vectors(pdev);
		WRITE_ONCE(nd->polled, true);
		return;
	}
	nd->irq = pci_irq_vector(pdev, 0);
	/*
	 * Only now, with MSI on and the handler installed, is the GSP's vector
	 * enabled in the GPU's interrupt tree: enabled earlier, a message would
	 * assert INTx on a line nobody services. Concurrent with the handler
	 * is fine. A vector that did not enable was logged ("GSP messages are
	 * polled"): the poll work then runs as without an interrupt.
	 */
	WRITE_ONCE(nd->polled, !nvgsp_gsp_irq_enable(nd->gsp));
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
		.timeout_scale = 1,
	};
	unsigned int bits = nvgsp_boot_dma_bits(nd->chip.info);
	int ret;

	if (!nvgsp_gsp_boot_enabled) {
		dev_info(&pdev->dev, "GSP-RM not booted (nvgsp.gsp_boot=N)\n");
		return 0;
	}
	/* A boot after an earlier one on this binding reads the files again. */
	ret = nvgsp_firmware_ready(nd);
	if (ret)
		return ret;
	cfg.fw = nd->fw;
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(bits));
	if (ret) {
		dev_err(&pdev->dev, "GSP boot failed: no %u-bit DMA on this platform: %d\n",
			bits, ret);
		return ret;
	}
	nvgsp_boot_pci_info(pdev, bits, &cfg.pci);
	nvgsp_vgpu_boot_decide(&nd->osdev, nvgsp_vgpu_mode, nd->chip.info, nd->abi,
			       cfg.pci.vf_total, &nd->vgpu);
	cfg.vgpu = nd->vgpu.prepare;
	pci_set_master(pdev);
	ret = nvgsp_gsp_boot(&cfg, &nd->gsp);
	if (ret) {
		/*
		 * A boot that got far enough to give the GPU memory stopped its
		 * DMA itself, before freeing (nvgsp_os_dma_stop()); one refused
		 * at its configuration did not. Clearing twice is harmless.
		 */
		pci_clear_master(pdev);
		return ret;
	}
	dev_info(&pdev->dev, "GSP-RM %s running: %s, %llu MiB of VRAM\n", nd->abi->release,
		 nvgsp_gsp_static_info(nd->gsp)->gpu_name,
		 (nvgsp_gsp_static_info(nd->gsp)->fb_length >> 20));
	/* Staged: the files' own copies go (nvgsp_firmware.c). */
	nvgsp_firmware_trim(nd);
	ret = nvgsp_boot_work_init(nd);
	if (ret) {
		dev_err(&pdev->dev, "GSP boot failed at run-time work: no workqueue: %d\n", ret);
		nvgsp_boot_stop(nd);
		return ret;
	}
	nvgsp_boot_irq_start(nd);
	if (nd->polled)
		nvgsp_boot_arm(nd, &nd->poll_work, 0, true);
	if (nvgsp_liveness_ms)
		nvgsp_boot_arm(nd, &nd->live_work, msecs_to_jiffies(nvgsp_liveness_ms), false);
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
	/* A manager that does not start leaves the PF working as a GPU. */
	nvgsp_vgpu_host_start(nd);
	nvgsp_debugfs_add(nd);
	/* Last, with everything it answers from in place; optional too. */
	nvgsp_drm_add(nd);
	return 0;
}

/*
 * Reboot or kexec (Documentation/pm.rst, "Shutdown"): the works and the
 * interrupt stop, then GSP-RM is unloaded and bus mastering cleared
 * (nvgsp_gsp_quiesce()). The render node, debugfs, sysfs and the vGPU
 * manager stay, as user space may still run (kexec -e): every call they
 * make fails at once with -EIO. Nothing is freed; nvgsp_boot_stop() would
 * still free it all.
 */
void nvgsp_boot_quiesce(struct nvgsp_device *nd)
{
	if (!nd->gsp)
		return;
	nvgsp_boot_work_stop(nd);
	nvgsp_boot_irq_stop(nd);
	nvgsp_gsp_quiesce(nd->gsp);
}

void nvgsp_boot_stop(struct nvgsp_device *nd)
{
	if (!nd->gsp)
		return;
	/* First: no query is in flight or starts once it returns. */
	nvgsp_drm_remove(nd);
	nvgsp_debugfs_remove(nd);
	nvgsp_vgpu_host_stop(nd);
	nvgsp_rm_close(nvgsp_gsp_rm(nd->gsp), &nd->rm);
	nvgsp_boot_work_stop(nd);
	nvgsp_boot_irq_stop(nd);
	/* Engines quiesced, bus mastering cleared and confirmed off, then freed. */
	nvgsp_gsp_shutdown(nd->gsp);
	nd->gsp = NULL;
}
