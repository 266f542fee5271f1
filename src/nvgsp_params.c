// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_params.c - module parameters, each validated when it is set: at
 * load (insmod/modprobe fail with a message naming the value) and on writes
 * to /sys/module/nvgsp/parameters/.
 */
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

#include "nvgsp_compat.h"
#include "nvgsp_os.h"
#include "nvgsp_os_linux.h"
#include "nvgsp_drv.h"

static const struct {
	u32 bit;
	const char *name;
} nvgsp_debug_categories[] = {
	{ NVGSP_DBG_PCI, "pci" },
	{ NVGSP_DBG_CHIP, "chip" },
	{ NVGSP_DBG_BOOT, "boot" },
	{ NVGSP_DBG_RPC, "rpc" },
};

static void nvgsp_param_debug_help(char *buf, size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(nvgsp_debug_categories) && n < len; i++)
		n += scnprintf(buf + n, len - n, "%s0x%x (%s)", i ? ", " : "",
			       nvgsp_debug_categories[i].bit,
			       nvgsp_debug_categories[i].name);
}

static int nvgsp_param_debug_set(const char *val, const struct kernel_param *kp)
{
	char help[96];
	u32 mask;

	nvgsp_param_debug_help(help, sizeof(help));
	if (kstrtou32(val, 0, &mask)) {
		pr_err("nvgsp: debug=%s is not a number; give a mask of %s\n",
		       val, help);
		return -EINVAL;
	}
	if (mask & ~NVGSP_DBG_ALL) {
		pr_err("nvgsp: debug=0x%x has unknown bits 0x%x; known bits: %s\n",
		       mask, mask & ~NVGSP_DBG_ALL, help);
		return -EINVAL;
	}
	WRITE_ONCE(*(u32 *)kp->arg, mask);
	return 0;
}

static const struct kernel_param_ops nvgsp_param_debug_ops = {
	.set = nvgsp_param_debug_set,
	.get = param_get_uint,
};

module_param_cb(debug, &nvgsp_param_debug_ops, &nvgsp_os_debug_mask, 0644);
MODULE_PARM_DESC(debug, "debug message categories, a bit mask: 0x1 pci, 0x2 chip, 0x4 boot, 0x8 rpc (default 0)");

/*
 * The idle liveness check's period (nvgsp_boot.c, Documentation/runtime.rst):
 * two register reads per GPU per period, skipped while an RPC is in flight.
 * A second notices a GSP-RM that crashed while nobody called it well before
 * anyone would, at no measurable cost; watchdogs of other GPU drivers run at
 * the same order (amdgpu's lockup_timeout and i915's heartbeat interval are
 * seconds). Set at load; 0 turns the check off.
 */
#define NVGSP_LIVENESS_MIN_MS	100
#define NVGSP_LIVENESS_MAX_MS	60000

unsigned int nvgsp_liveness_ms = 1000;

static int nvgsp_param_liveness_set(const char *val, const struct kernel_param *kp)
{
	unsigned int ms;

	if (kstrtouint(val, 0, &ms) ||
	    (ms && (ms < NVGSP_LIVENESS_MIN_MS || ms > NVGSP_LIVENESS_MAX_MS))) {
		pr_err("nvgsp: liveness_ms=%s: give 0 (off) or %u to %u milliseconds\n",
		       val, NVGSP_LIVENESS_MIN_MS, NVGSP_LIVENESS_MAX_MS);
		return -EINVAL;
	}
	*(unsigned int *)kp->arg = ms;
	return 0;
}

static const struct kernel_param_ops nvgsp_param_liveness_ops = {
	.set = nvgsp_param_liveness_set,
	.get = param_get_uint,
};

module_param_cb(liveness_ms, &nvgsp_param_liveness_ops, &nvgsp_liveness_ms, 0444);
MODULE_PARM_DESC(liveness_ms,
		 "period of the idle GSP-RM liveness check in ms: 0 (off) or 100 to 60000 (default 1000)");

/*
 * Whether GSP-RM is booted prepared for SR-IOV vGPU (src/vgpu/nvgsp_vgpu_boot.c,
 * Documentation/vgpu-boot.rst): auto when the chip, the release and the
 * board allow it; on the same, but a warning names what fails; off never.
 */
enum nvgsp_vgpu_mode nvgsp_vgpu_mode = NVGSP_VGPU_AUTO;

static int nvgsp_param_vgpu_set(const char *val, const struct kernel_param *kp)
{
	if (nvgsp_vgpu_mode_parse(val, kp->arg)) {
		pr_err("nvgsp: vgpu=%s: give auto, on or off\n", val);
		return -EINVAL;
	}
	return 0;
}

static int nvgsp_param_vgpu_get(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%s\n", nvgsp_vgpu_mode_name(*(enum nvgsp_vgpu_mode *)kp->arg));
}

static const struct kernel_param_ops nvgsp_param_vgpu_ops = {
	.set = nvgsp_param_vgpu_set,
	.get = nvgsp_param_vgpu_get,
};

module_param_cb(vgpu, &nvgsp_param_vgpu_ops, &nvgsp_vgpu_mode, 0444);
MODULE_PARM_DESC(vgpu,
		 "boot GSP-RM prepared for SR-IOV vGPU: auto (when chip, firmware and board allow; default), on (the same, warning when not), off");
