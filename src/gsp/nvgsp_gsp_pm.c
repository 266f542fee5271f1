// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_gsp_pm.c - the decisions of power management and PCIe error
 * recovery (nvgsp_gsp_pm.h; Documentation/pm.rst).
 */
#include "gsp/nvgsp_gsp.h"
#include "gsp/nvgsp_gsp_pm.h"
#include "chip/regs/nvgsp_regs_pmc.h"

int nvgsp_pm_suspend_check(struct nvgsp_os_device *dev, u16 num_vfs)
{
	if (!num_vfs)
		return 0;
	nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
		     "suspend refused: %u SR-IOV VFs enabled; their vGPUs do not survive the GSP-RM unload a suspend needs (write 0 to sriov_numvfs first)",
		     num_vfs);
	return -EBUSY;
}

static const char *const channel_names[] = {
	[NVGSP_PM_CHANNEL_NORMAL] = "I/O still working",
	[NVGSP_PM_CHANNEL_FROZEN] = "link frozen",
	[NVGSP_PM_CHANNEL_PERM_FAILURE] = "permanent failure",
};

enum nvgsp_pm_verdict nvgsp_pm_error_detected(struct nvgsp_os_device *dev,
					      struct nvgsp_gsp *gsp,
					      enum nvgsp_pm_channel channel)
{
	char why[64];

	if ((unsigned int)channel >= ARRAY_SIZE(channel_names))
		channel = NVGSP_PM_CHANNEL_PERM_FAILURE;
	if (gsp) {
		nvgsp_os_snprintf(why, sizeof(why), "PCIe error reported (%s)",
				  channel_names[channel]);
		/*
		 * A frozen link is reset by the platform next (the AER and
		 * DPC cores' pcie_do_recovery(), drivers/pci/pcie/err.c,
		 * resets the subordinate bus after error_detected); a
		 * permanent failure is a device that no longer answers.
		 */
		nvgsp_gsp_kill(gsp, why, channel != NVGSP_PM_CHANNEL_NORMAL);
	}
	if (channel != NVGSP_PM_CHANNEL_PERM_FAILURE)
		return NVGSP_PM_NEED_RESET;
	nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
		     "PCIe error recovery failed: the link reports a permanent failure; unbinding the device");
	return NVGSP_PM_DISCONNECT;
}

enum nvgsp_pm_verdict nvgsp_pm_slot_reset(struct nvgsp_os_device *dev,
					  struct nvgsp_os_bar *bar0,
					  const struct nvgsp_chip_id *chip, u16 num_vfs)
{
	u32 boot0 = nvgsp_os_rd32(bar0, NV_PMC_BOOT_0);

	if (boot0 != chip->boot0) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "PCIe error recovery failed: after the reset BOOT_0 reads 0x%08x, at probe 0x%08x; unbinding the device",
			     boot0, chip->boot0);
		return NVGSP_PM_DISCONNECT;
	}
	if (num_vfs) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "PCIe error recovery stopped: %u SR-IOV VFs enabled and their vGPUs cannot be brought back; GSP-RM stays down (write 0 to sriov_numvfs, then unbind and bind)",
			     num_vfs);
		return NVGSP_PM_STAY_DOWN;
	}
	return NVGSP_PM_RECOVERED;
}
