// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_rpc_health.c - the transport's share of the idle liveness check
 * (nvgsp_rpc_check_alive()): what can be read cheaply and safely while no
 * RPC is in flight, and the same death as a timed-out call when GSP-RM is
 * found dead or the device gone.
 *
 * What it reads, per check, and why it is safe on real hardware
 * (Documentation/runtime.rst, "The idle liveness check"):
 *  - NV_PMC_BOOT_0 (BAR0 0x0): the chip's identification, a read-only
 *    register that reads all ones only when the device fell off the bus
 *    (nouveau nvkm/engine/device/base.c nvkm_device_ctor() and nova-core
 *    regs.rs NV_PMC_BOOT_0 read it to identify the chip; the transport
 *    already reads it before every command, nvgsp_xport_alive());
 *  - the GSP falcon's RISC-V state, one read-only status register
 *    (nvgsp_falcon_riscv_halted(): NV_PRISCV_RISCV_CPUCTL on GA102 and
 *    later, as nouveau nvkm/falcon/ga102.c ga102_flcn_riscv_active() reads
 *    it; the core-switch status on TU10x/GA100, as nouveau
 *    nvkm/falcon/tu102.c tu102_flcn_riscv_active() does). GSP-RM runs on
 *    that core until it is unloaded, so a halted core while the transport
 *    still runs is a crashed GSP-RM.
 * Neither read has a side effect on the GPU or on GSP-RM, and neither
 * touches the queues.
 *
 * And nvgsp_rpc_kill(): the death the transport cannot see itself, told
 * from outside (a PCIe error the platform reported, Documentation/pm.rst;
 * a GSP-RM unloaded on purpose).
 */
#include "nvgsp_rpc_types.h"
#include "engine/nvgsp_falcon.h"

int nvgsp_rpc_check_alive(struct nvgsp_rpc *rpc)
{
	int ret;

	ret = nvgsp_xport_errno(&rpc->xport);
	if (ret)
		return ret;
	/*
	 * A call in flight holds the lock up to its timeout, and it watches
	 * the same things itself while it waits: skip this round.
	 */
	if (!nvgsp_os_mutex_trylock(rpc->lock))
		return -EBUSY;
	ret = nvgsp_xport_errno(&rpc->xport);
	if (!ret && !nvgsp_xport_alive(&rpc->xport, "at the idle liveness check"))
		ret = -ENODEV;
	if (!ret && rpc->cfg.falcon && nvgsp_falcon_riscv_halted(rpc->cfg.falcon)) {
		nvgsp_xport_die(&rpc->xport, NVGSP_XPORT_DEAD,
				"idle liveness check: GSP RISC-V core halted");
		ret = -EIO;
	}
	nvgsp_os_mutex_unlock(rpc->lock);
	return ret;
}

void nvgsp_rpc_kill(struct nvgsp_rpc *rpc, bool log, const char *why)
{
	if (!rpc)
		return;
	nvgsp_os_mutex_lock(rpc->lock);
	if (log)
		nvgsp_xport_die(&rpc->xport, NVGSP_XPORT_DEAD, "%s", why);
	else
		nvgsp_xport_end(&rpc->xport, why);
	nvgsp_os_mutex_unlock(rpc->lock);
}
