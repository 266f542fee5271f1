// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_firmware.c - find and identify a GPU's GSP-RM firmware at probe.
 *
 * The search and the identity rules are the portable core's
 * (src/fw/nvgsp_fw_select.c); this file supplies the nvgsp.fw_release
 * parameter, logs the outcome in one line, and lists every file the module
 * may load for initramfs tools (MODULE_FIRMWARE).
 */
#include <linux/bitops.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "nvgsp_compat.h"
#include "nvgsp_drv.h"
#include "fw/nvgsp_fw_select.h"

#include "nvgsp_firmware_list.h"

static char nvgsp_fw_release[NVGSP_FW_VERSION_MAX];

static int nvgsp_param_fw_release_set(const char *val, const struct kernel_param *kp)
{
	char buf[NVGSP_FW_VERSION_MAX + 1];
	char list[96];

	/* sysfs writes end in a newline; the release name itself never does */
	strscpy(buf, val, sizeof(buf));
	strim(buf);
	nvgsp_abi_list(list, sizeof(list));
	if (buf[0] && !nvgsp_fw_release_valid_name(buf)) {
		pr_err("nvgsp: fw_release=%s is not a release name (digits and dots); this nvgsp supports %s\n",
		       val, list);
		return -EINVAL;
	}
	if (buf[0] && !nvgsp_abi_find(buf))
		pr_warn("nvgsp: fw_release=%s has no ABI table in this nvgsp (it supports %s): probe will identify the firmware and refuse it\n",
			buf, list);
	strscpy(nvgsp_fw_release, buf, sizeof(nvgsp_fw_release));
	return 0;
}

static const struct kernel_param_ops nvgsp_param_fw_release_ops = {
	.set = nvgsp_param_fw_release_set,
	.get = param_get_string,
};

static struct kparam_string nvgsp_param_fw_release_str = {
	.maxlen = sizeof(nvgsp_fw_release),
	.string = nvgsp_fw_release,
};

module_param_cb(fw_release, &nvgsp_param_fw_release_ops, &nvgsp_param_fw_release_str, 0644);
MODULE_PARM_DESC(fw_release, "GSP-RM release to use, e.g. 570.144 (default: the newest supported one installed)");

int nvgsp_firmware_identify(struct nvgsp_device *nd)
{
	struct device *dev = &nd->pdev->dev;
	char forced[NVGSP_FW_VERSION_MAX], missing[256];
	struct nvgsp_fw_diag *diag;
	struct nvgsp_fw_set *set;
	int ret;

	set = kzalloc(sizeof(*set), GFP_KERNEL);
	diag = kzalloc(sizeof(*diag), GFP_KERNEL);
	if (!set || !diag) {
		ret = -ENOMEM;
		goto out_free;
	}
	kernel_param_lock(THIS_MODULE);
	strscpy(forced, nvgsp_fw_release, sizeof(forced));
	kernel_param_unlock(THIS_MODULE);

	ret = nvgsp_fw_select(&nd->osdev, nd->chip.info, forced[0] ? forced : NULL, set, diag);
	if (ret) {
		dev_err(dev, "firmware: %s\n", diag->msg);
		goto out_free;
	}
	nd->abi = set->abi;
	nd->fw_build_id_len = min_t(unsigned int, set->gsp.build_id_len, sizeof(nd->fw_build_id));
	memcpy(nd->fw_build_id, set->gsp.build_id, nd->fw_build_id_len);
	if (set->missing) {
		nvgsp_fw_set_missing(set, missing, sizeof(missing));
		dev_err(dev, "firmware: GSP-RM %s identified (%s), not bootable: missing %s\n",
			set->abi->release, set->files[NVGSP_FW_GSP].path, missing);
		ret = -ENOENT;
	} else {
		dev_info(dev, "firmware: GSP-RM %s (%s), %u files\n", set->abi->release,
			 set->files[NVGSP_FW_GSP].path, hweight32(set->roles));
		nd->fw = set;
		set = NULL;
	}
	if (set)
		nvgsp_fw_set_put(set);
out_free:
	kfree(diag);
	kfree(set);
	return ret;
}

/*
 * Once GSP-RM runs, only the files its unload loads stay (booter_unload and
 * the generic falcon bootloader); the GSP-RM image (tens of MiB per GPU) and
 * the boot-only companions were copied where the GPU reads them and go
 * (Documentation/runtime.rst, "Host memory").
 */
void nvgsp_firmware_trim(struct nvgsp_device *nd)
{
	size_t bytes;

	if (!nd->fw)
		return;
	bytes = nvgsp_fw_set_trim(nd->fw, NVGSP_FW_UNLOAD_ROLES);
	nvgsp_os_log(&nd->osdev, NVGSP_LOG_DEBUG, NVGSP_DBG_BOOT,
		     "firmware: %zu KiB of staged files released, %zu KiB kept for the unload",
		     bytes >> 10, nvgsp_fw_set_bytes(nd->fw) >> 10);
}

/*
 * A boot after nvgsp_firmware_trim() (GSP-RM booted again on the same
 * binding) identifies the firmware afresh: the files are read again and
 * checked as at probe.
 */
int nvgsp_firmware_ready(struct nvgsp_device *nd)
{
	if (nd->fw && nvgsp_fw_set_complete(nd->fw))
		return 0;
	nvgsp_firmware_release(nd);
	return nvgsp_firmware_identify(nd);
}

void nvgsp_firmware_release(struct nvgsp_device *nd)
{
	if (!nd->fw)
		return;
	nvgsp_fw_set_put(nd->fw);
	kfree(nd->fw);
	nd->fw = NULL;
}
