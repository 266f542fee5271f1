// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_pm.c - system sleep, shutdown and PCIe error recovery: the kernel
 * side of src/gsp/nvgsp_gsp_pm.h. Documentation/pm.rst says what each does
 * to GSP-RM, why, and where the sequences come from.
 *
 * System sleep (suspend, hibernation): the sleep unloads GSP-RM exactly as
 * an unbind does (nvgsp_boot_stop(): the render node, debugfs and the vGPU
 * manager go, the RM client is freed, UNLOADING_GUEST_DRIVER, the falcons
 * reset, FWSEC-SB, booter_unload, bus mastering off) and the wake boots it
 * afresh (nvgsp_boot_start(): GSP-RM, the driver's RM client, device and
 * subdevice, the front ends). With SR-IOV VFs enabled the sleep is refused.
 *
 * Runtime PM: nvgsp has no runtime callbacks and never drops the usage
 * count the PCI core takes before calling probe (local_pci_probe(),
 * drivers/pci/pci-driver.c: "If the driver supports runtime PM, it should
 * call pm_runtime_put_noidle()"), so the PM core never runtime-suspends a
 * GPU nvgsp drives, whatever power/control says (powertop and TLP write
 * "auto"): GSP-RM is never powered down under itself.
 *
 * Every callback here runs under the device lock (the PM core's, the PCI
 * core's for shutdown and the error callbacks), as probe, remove and
 * sriov_configure do, so nd->gsp changes under it only; the sysfs files
 * that outlive GSP-RM are kept out by nd->gsp_rwsem.
 *
 * A PCIe error recovery that gives up lets the device go: the unbind runs
 * from a work item, outside the error callbacks and the device lock they
 * hold (nvgsp_pm_unbind_work()).
 */
#include <linux/pci.h>
#include <linux/pm.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "nvgsp_drv.h"
#include "gsp/nvgsp_gsp_pm.h"

void nvgsp_pm_init(struct nvgsp_device *nd)
{
	init_rwsem(&nd->gsp_rwsem);
	nd->pm_was_up = false;
	nd->pm_unbind = NULL;
}

/**
 * struct nvgsp_pm_unbind - an unbind PCIe error recovery scheduled when it
 * gave up (Documentation/pm.rst, "PCIe errors").
 * @work: runs nvgsp_pm_unbind_work() on nvgsp_pm_wq.
 * @pdev: the device, with a reference the work drops.
 *
 * Owned by the work, which frees it; the binding that scheduled it only
 * remembers its address (nd->pm_unbind) to be recognised by it. Nothing
 * here points into the binding's nvgsp_device, which remove frees.
 */
struct nvgsp_pm_unbind {
	struct work_struct work;
	struct pci_dev *pdev;
};

static struct workqueue_struct *nvgsp_pm_wq;

int nvgsp_pm_register(void)
{
	nvgsp_pm_wq = alloc_workqueue("nvgsp_pm", WQ_UNBOUND, 0);
	return nvgsp_pm_wq ? 0 : -ENOMEM;
}

void nvgsp_pm_unregister(void)
{
	/* Runs what is queued (each finds nvgsp unbound), then frees it. */
	destroy_workqueue(nvgsp_pm_wq);
	nvgsp_pm_wq = NULL;
}

/*
 * The error callbacks run under the device lock (report_error_detected()
 * and report_slot_reset() in drivers/pci/pcie/err.c take it), which an
 * unbind takes too: the unbind runs here, as nvme's does when its
 * controller is dead (nvme_remove_dead_ctrl_work() in
 * drivers/nvme/host/pci.c calls device_release_driver() from a work item).
 *
 * Against a concurrent unbind, or an unbind and a new bind, the work
 * unbinds only the binding that scheduled it: under the device lock, nvgsp
 * must still be the driver and its nvgsp_device must still name this
 * request. An unbind that came first left nothing to do; a later one finds
 * the device unbound (device_release_driver() does nothing then): remove
 * runs once, whoever asked. The device lock is dropped between the check
 * and device_release_driver(), which takes it again; a new binding would
 * have to be made in between, a window nvme's work has too.
 */
static void nvgsp_pm_unbind_work(struct work_struct *work)
{
	struct nvgsp_pm_unbind *u = container_of(work, struct nvgsp_pm_unbind, work);
	struct pci_dev *pdev = u->pdev;
	struct nvgsp_device *nd;
	bool ours;

	device_lock(&pdev->dev);
	nd = nvgsp_pci_bound(pdev) ? pci_get_drvdata(pdev) : NULL;
	ours = nd && nd->pm_unbind == u;
	device_unlock(&pdev->dev);
	if (ours)
		device_release_driver(&pdev->dev);
	pci_dev_put(pdev);
	kfree(u);
}

/*
 * Recovery gave up (the core's line said why and that the device is
 * unbound): GSP-RM stays dead, bus mastering off, and the device is let go
 * once the PCI core's callbacks are done with it. Once per binding.
 */
static void nvgsp_pm_give_up(struct pci_dev *pdev, struct nvgsp_device *nd)
{
	struct nvgsp_pm_unbind *u;

	pci_clear_master(pdev);
	nd->pm_was_up = false;
	if (nd->pm_unbind)
		return;
	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (!u) {
		dev_err(&pdev->dev,
			"cannot schedule the unbind: out of memory; GSP-RM stays down (unbind the device)\n");
		return;
	}
	INIT_WORK(&u->work, nvgsp_pm_unbind_work);
	u->pdev = pci_dev_get(pdev);
	nd->pm_unbind = u;
	queue_work(nvgsp_pm_wq, &u->work);
}

/* GSP-RM and everything above it stopped, or booted, with sysfs kept out. */
static void nvgsp_pm_stop(struct nvgsp_device *nd)
{
	down_write(&nd->gsp_rwsem);
	nvgsp_boot_stop(nd);
	up_write(&nd->gsp_rwsem);
}

static void nvgsp_pm_start(struct nvgsp_device *nd)
{
	down_write(&nd->gsp_rwsem);
	/* A failed boot said why in its own line; the GPU stays bound, idle. */
	nvgsp_boot_start(nd);
	up_write(&nd->gsp_rwsem);
}

static int __maybe_unused nvgsp_pm_suspend(struct device *dev)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	struct nvgsp_device *nd = pci_get_drvdata(pdev);
	int ret;

	if (!nd)
		return 0;
	ret = nvgsp_pm_suspend_check(&nd->osdev, pci_num_vf(pdev));
	if (ret)
		return ret;
	nd->pm_was_up = !!nd->gsp;
	if (!nd->pm_was_up)
		return 0;
	nvgsp_pm_stop(nd);
	dev_info(dev, "GSP-RM unloaded for system sleep; it boots again at resume\n");
	return 0;
}

static int __maybe_unused nvgsp_pm_resume(struct device *dev)
{
	struct nvgsp_device *nd = pci_get_drvdata(to_pci_dev(dev));

	/*
	 * Where the PCI core restored the config space at resume (the rig's
	 * 5.10 and 6.1 do after suspend-to-idle too), pci_restore_state()
	 * cleared state_saved: saved again, for a PCIe error's slot_reset to
	 * restore (Documentation/pm.rst, "PCIe errors").
	 */
	if (nd)
		pci_save_state(to_pci_dev(dev));
	if (!nd || !nd->pm_was_up)
		return 0;
	nd->pm_was_up = false;
	dev_info(dev, "resume: booting GSP-RM again\n");
	nvgsp_pm_start(nd);
	return 0;
}

/*
 * The same pair for suspend-to-RAM and suspend-to-idle (suspend, resume)
 * and for hibernation (freeze, thaw, poweroff, restore): a cold cycle in
 * every case (Documentation/pm.rst, "System sleep").
 */
const struct dev_pm_ops nvgsp_pm_ops = {
	SET_SYSTEM_SLEEP_PM_OPS(nvgsp_pm_suspend, nvgsp_pm_resume)
};

/*
 * Reboot and kexec: GSP-RM unloaded, then bus mastering off, so that
 * neither GSP-RM nor the GPU writes the memory the next kernel (or the
 * firmware) is handed. Every wait on the way is bounded (the teardown's).
 * Also for a GPU without a running GSP-RM (nvgsp.gsp_boot=N, a failed
 * recovery): bus mastering off.
 */
void nvgsp_pm_shutdown(struct pci_dev *pdev)
{
	struct nvgsp_device *nd = pci_get_drvdata(pdev);

	if (!nd)
		return;
	nvgsp_boot_quiesce(nd);
	pci_clear_master(pdev);
}

static enum nvgsp_pm_channel nvgsp_pm_channel(pci_channel_state_t state)
{
	if (state == pci_channel_io_perm_failure)
		return NVGSP_PM_CHANNEL_PERM_FAILURE;
	if (state == pci_channel_io_frozen)
		return NVGSP_PM_CHANNEL_FROZEN;
	return NVGSP_PM_CHANNEL_NORMAL;
}

/* The PCI core's answer; giving up also schedules the unbind. */
static pci_ers_result_t nvgsp_pm_result(struct pci_dev *pdev, struct nvgsp_device *nd,
					enum nvgsp_pm_verdict v)
{
	switch (v) {
	case NVGSP_PM_RECOVERED:
		return PCI_ERS_RESULT_RECOVERED;
	case NVGSP_PM_NEED_RESET:
		return PCI_ERS_RESULT_NEED_RESET;
	case NVGSP_PM_STAY_DOWN:
		pci_clear_master(pdev);
		nd->pm_was_up = false;
		return PCI_ERS_RESULT_DISCONNECT;
	default:
		nvgsp_pm_give_up(pdev, nd);
		return PCI_ERS_RESULT_DISCONNECT;
	}
}

/*
 * A PCIe error: GSP-RM is dead from now on; ask for a reset. A permanent
 * failure, reported first or when the PCI core gave up on a recovery
 * (kernels with "PCI/ERR: Notify drivers on failure to recover" call this
 * again with pci_channel_io_perm_failure), lets the device go.
 */
static pci_ers_result_t nvgsp_pm_pci_error_detected(struct pci_dev *pdev,
						    pci_channel_state_t state)
{
	struct nvgsp_device *nd = pci_get_drvdata(pdev);

	if (!nd)
		return PCI_ERS_RESULT_NONE;
	/*
	 * Given up on already (slot_reset found another GPU, or none): the
	 * line said why and the unbind is on its way. The PCI core's walk
	 * after a failed recovery reports that failure here as a permanent
	 * one (pcie_do_recovery() in drivers/pci/pcie/err.c, since "PCI/ERR:
	 * Notify drivers on failure to recover"), which is not news.
	 */
	if (nd->pm_unbind)
		return PCI_ERS_RESULT_DISCONNECT;
	nd->pm_was_up = !!nd->gsp;
	return nvgsp_pm_result(pdev, nd, nvgsp_pm_error_detected(&nd->osdev, nd->gsp,
								nvgsp_pm_channel(state)));
}

/*
 * After the reset: can the GPU take a fresh boot? Then the dead GSP-RM's
 * teardown (nothing is sent to it, no engine touched after a reset; its
 * memory freed), and resume boots it again. A GPU that did not come back
 * as itself is let go (one line, then the unbind from a work item). With
 * SR-IOV VFs enabled, GSP-RM stays dead as it is, every call failing at
 * once, bus mastering off, until the administrator's unbind tears it down
 * in remove's order (the VFs first).
 */
static pci_ers_result_t nvgsp_pm_pci_slot_reset(struct pci_dev *pdev)
{
	struct nvgsp_device *nd = pci_get_drvdata(pdev);
	enum nvgsp_pm_verdict v;

	if (!nd)
		return PCI_ERS_RESULT_NONE;
	/*
	 * The reset cleared the config space: back to what probe saved, and
	 * saved again, since pci_restore_state() forgets what it restored on
	 * the kernels that have it clear state_saved, and the next error
	 * needs it too.
	 */
	pci_restore_state(pdev);
	pci_save_state(pdev);
	v = nvgsp_pm_slot_reset(&nd->osdev, &nd->bar0, &nd->chip, pci_num_vf(pdev));
	if (v != NVGSP_PM_RECOVERED)
		return nvgsp_pm_result(pdev, nd, v);
	nvgsp_pm_stop(nd);
	return PCI_ERS_RESULT_RECOVERED;
}

static void nvgsp_pm_pci_resume(struct pci_dev *pdev)
{
	struct nvgsp_device *nd = pci_get_drvdata(pdev);

	if (!nd || !nd->pm_was_up)
		return;
	nd->pm_was_up = false;
	dev_info(&pdev->dev, "PCIe error recovery: the GPU answers again; booting GSP-RM\n");
	nvgsp_pm_start(nd);
}

const struct pci_error_handlers nvgsp_pm_err_handlers = {
	.error_detected = nvgsp_pm_pci_error_detected,
	.slot_reset = nvgsp_pm_pci_slot_reset,
	.resume = nvgsp_pm_pci_resume,
};
