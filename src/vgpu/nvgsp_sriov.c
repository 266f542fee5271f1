// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_sriov.c - SR-IOV on the physical function (see nvgsp_sriov.h and
 * Documentation/sriov.rst).
 */
#include "nvgsp_os.h"
#include "vgpu/nvgsp_sriov.h"

void nvgsp_sriov_gsp_read(const struct nvgsp_gsp *gsp, struct nvgsp_sriov_gsp *out)
{
	memset(out, 0, sizeof(*out));
	if (!gsp)
		return;
	out->booted = true;
	out->state = nvgsp_gsp_state(gsp, out->why, sizeof(out->why));
	out->vf_total = nvgsp_gsp_vf_total(gsp);
}

/*
 * The first VF in use among the @num_vfs enabled, into @busy; how many
 * are in use, all together.
 */
static int nvgsp_sriov_busy(struct nvgsp_os_device *dev, int num_vfs, int *first,
			    struct nvgsp_os_vf *busy)
{
	struct nvgsp_os_vf vf;
	int i, n = 0;

	for (i = 0; i < num_vfs; i++) {
		nvgsp_os_sriov_vf(dev, i, &vf);
		if (!vf.busy)
			continue;
		if (!n++) {
			*first = i;
			*busy = vf;
		}
	}
	return n;
}

static int nvgsp_sriov_disable(struct nvgsp_os_device *dev, int cur)
{
	struct nvgsp_os_vf vf;
	char more[32] = "";
	int first = 0, n;

	n = nvgsp_sriov_busy(dev, cur, &first, &vf);
	if (n) {
		if (n > 1)
			nvgsp_os_snprintf(more, sizeof(more), ", and %d more VFs are", n - 1);
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "cannot disable %d VFs: VF %d at %s is in use (%s)%s; release it first",
			     cur, first + 1, vf.name, vf.user, more);
		return -EBUSY;
	}
	nvgsp_os_sriov_disable(dev);
	nvgsp_os_log(dev, NVGSP_LOG_INFO, 0, "disabled %d VFs", cur);
	return 0;
}

/* Why GSP-RM cannot take VFs now, as a refusal; 0 when it can. */
static int nvgsp_sriov_gsp_refuse(struct nvgsp_os_device *dev, const struct nvgsp_sriov_gsp *gsp,
				  int num_vfs)
{
	if (!gsp->booted) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "cannot enable %d VFs: GSP-RM is not running (not booted: nvgsp.gsp_boot=N, or its boot failed)",
			     num_vfs);
		return -ENODEV;
	}
	switch (gsp->state) {
	case NVGSP_RPC_RUNNING:
		break;
	case NVGSP_RPC_GONE:
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "cannot enable %d VFs: GSP-RM is not running (gone: %s)", num_vfs,
			     gsp->why);
		return -ENODEV;
	default:
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "cannot enable %d VFs: GSP-RM is not running (dead: %s)", num_vfs,
			     gsp->why);
		return -EIO;
	}
	if (!gsp->vf_total) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "cannot enable %d VFs: GSP-RM was booted without VF information (gspVFInfo.totalVFs 0)",
			     num_vfs);
		return -EOPNOTSUPP;
	}
	if (num_vfs > gsp->vf_total) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "cannot enable %d VFs: GSP-RM was booted for at most %u (gspVFInfo.totalVFs)",
			     num_vfs, gsp->vf_total);
		return -ERANGE;
	}
	return 0;
}

int nvgsp_sriov_configure(struct nvgsp_os_device *dev, const struct nvgsp_chip_info *chip,
			  unsigned int total_vfs, const struct nvgsp_sriov_gsp *gsp,
			  int num_vfs)
{
	struct nvgsp_os_vf first, last;
	int cur, ret;

	cur = nvgsp_os_sriov_num_vfs(dev);
	if (num_vfs < 0) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0, "cannot enable %d VFs: not a count", num_vfs);
		return -EINVAL;
	}
	if (num_vfs == cur)
		return cur;
	if (!num_vfs)
		return nvgsp_sriov_disable(dev, cur);
	if (cur) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "cannot enable %d VFs: %d are enabled; write 0 to sriov_numvfs first (the PCI core changes the count only from 0)",
			     num_vfs, cur);
		return -EBUSY;
	}
	if (chip->family == NVGSP_FAMILY_TURING) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "cannot enable %d VFs: %s is a Turing chip, which has no SR-IOV", num_vfs,
			     chip->name);
		return -EOPNOTSUPP;
	}
	if (!total_vfs) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "cannot enable %d VFs: no SR-IOV capability (or no SR-IOV support in the kernel)",
			     num_vfs);
		return -EOPNOTSUPP;
	}
	if ((unsigned int)num_vfs > total_vfs) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "cannot enable %d VFs: the PF has TotalVFs %u", num_vfs, total_vfs);
		return -ERANGE;
	}
	ret = nvgsp_sriov_gsp_refuse(dev, gsp, num_vfs);
	if (ret)
		return ret;

	ret = nvgsp_os_sriov_enable(dev, num_vfs);
	if (ret) {
		/* The PCI core unwinds itself; make sure, whatever the OS did. */
		cur = nvgsp_os_sriov_num_vfs(dev);
		if (cur)
			nvgsp_os_sriov_disable(dev);
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0, "cannot enable %d VFs: error %d%s", num_vfs,
			     ret, cur ? " (the VFs it left enabled were disabled)" : "");
		return ret;
	}
	nvgsp_os_sriov_vf(dev, 0, &first);
	nvgsp_os_sriov_vf(dev, num_vfs - 1, &last);
	if (num_vfs == 1)
		nvgsp_os_log(dev, NVGSP_LOG_INFO, 0, "enabled 1 VF (VF 1 at %s)", first.name);
	else
		nvgsp_os_log(dev, NVGSP_LOG_INFO, 0, "enabled %d VFs (VF 1 at %s .. VF %d at %s)",
			     num_vfs, first.name, num_vfs, last.name);
	return num_vfs;
}

void nvgsp_sriov_remove(struct nvgsp_os_device *dev)
{
	struct nvgsp_os_vf vf;
	int cur, i;

	cur = nvgsp_os_sriov_num_vfs(dev);
	if (!cur)
		return;
	for (i = 0; i < cur; i++) {
		nvgsp_os_sriov_vf(dev, i, &vf);
		if (vf.busy)
			nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
				     "removing the PF while VF %d at %s is in use (%s): disabling it anyway; its driver waits for the user to release it",
				     i + 1, vf.name, vf.user);
	}
	nvgsp_os_sriov_disable(dev);
	nvgsp_os_log(dev, NVGSP_LOG_INFO, 0, "disabled %d VFs at PF remove", cur);
}
