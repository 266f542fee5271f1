// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_debugfs.c - GSP-RM's log buffers, readable as
 * /sys/kernel/debug/nvgsp/<PCI address>/{loginit,logintr,logrm}: the raw
 * buffers GSP-RM writes (a put pointer, then records), for bug reports.
 *
 * With the vGPU manager running, also .../vgpu/<GFID>/{init,vgpu,kernel}:
 * each vGPU's plugin log buffers in its management heap, copied out of FB
 * (empty, -ENODEV, while the VF has no vGPU; "kernel" only in releases
 * that have that buffer).
 *
 * .../memory lists the host memory the GPU's binding holds, buffer by
 * buffer, with how it is held (Documentation/runtime.rst, "Host memory").
 *
 * debugfs is for diagnosis and is not ABI. Files exist only while GSP-RM
 * runs; they are removed before the buffers are freed.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "nvgsp_compat.h"
#include "nvgsp_drv.h"
#include "gsp/nvgsp_gsp.h"
#include "fw/nvgsp_fw_select.h"

static struct dentry *nvgsp_debugfs_root;

static const char *const nvgsp_debugfs_logs[NVGSP_GSP_NR_LOGS] = {
	[NVGSP_GSP_LOG_INIT] = "loginit",
	[NVGSP_GSP_LOG_INTR] = "logintr",
	[NVGSP_GSP_LOG_RM] = "logrm",
};

static ssize_t nvgsp_debugfs_log_read(struct file *file, char __user *ubuf, size_t len,
				      loff_t *ppos)
{
	struct nvgsp_debugfs_log *dl = file->private_data;
	size_t size = nvgsp_gsp_log_size(dl->nd->gsp, dl->log);
	ssize_t ret;
	void *buf;
	long got;

	if (*ppos < 0 || (u64)*ppos >= size)
		return 0;
	len = min_t(size_t, len, min_t(size_t, size - *ppos, PAGE_SIZE));
	buf = kmalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	got = nvgsp_gsp_log_read(dl->nd->gsp, dl->log, *ppos, buf, len);
	if (got < 0) {
		ret = got;
	} else if (copy_to_user(ubuf, buf, got)) {
		ret = -EFAULT;
	} else {
		*ppos += got;
		ret = got;
	}
	kfree(buf);
	return ret;
}

static const struct file_operations nvgsp_debugfs_log_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = nvgsp_debugfs_log_read,
	.llseek = default_llseek,
};

/*
 * One line per buffer GSP-RM holds (nvgsp_gsp_mem_usage()), then the
 * firmware files still loaded, then the totals per kind. Read under
 * nothing: the buffers and nd->fw do not change while the file exists
 * (added after the boot, removed before the shutdown).
 */
static int nvgsp_debugfs_memory_show(struct seq_file *m, void *unused)
{
	struct nvgsp_gsp_mem_use use[NVGSP_GSP_MEM_USES];
	struct nvgsp_device *nd = m->private;
	size_t total[NVGSP_GSP_MEM_HEAP + 1] = { 0 }, fw, all = 0;
	unsigned int n, i;

	n = nvgsp_gsp_mem_usage(nd->gsp, use);
	fw = nd->fw ? nvgsp_fw_set_bytes(nd->fw) : 0;
	seq_printf(m, "%-16s %-14s %12s\n", "buffer", "kind", "bytes");
	for (i = 0; i < n; i++) {
		seq_printf(m, "%-16s %-14s %12zu\n", use[i].name,
			   nvgsp_gsp_mem_kind_name(use[i].kind), use[i].bytes);
		total[use[i].kind] += use[i].bytes;
		all += use[i].bytes;
	}
	seq_printf(m, "%-16s %-14s %12zu\n", "firmware-files", "vmalloc", fw);
	for (i = 0; i < ARRAY_SIZE(total); i++)
		seq_printf(m, "total %-10s %-14s %12zu\n", "", nvgsp_gsp_mem_kind_name(i), total[i]);
	seq_printf(m, "total %-10s %-14s %12zu\n", "", "vmalloc", fw);
	seq_printf(m, "total %-10s %-14s %12zu\n", "", "all", all + fw);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(nvgsp_debugfs_memory);

static const char *const nvgsp_debugfs_vgpu_logs[NVGSP_VGPU_NR_LOGS] = {
	[NVGSP_VGPU_LOG_INIT] = "init",
	[NVGSP_VGPU_LOG_VGPU] = "vgpu",
	[NVGSP_VGPU_LOG_KERNEL] = "kernel",
};

/* The FB window moves whole dwords: read an aligned span, copy the part asked for. */
static ssize_t nvgsp_debugfs_vgpu_read(struct file *file, char __user *ubuf, size_t len,
				       loff_t *ppos)
{
	struct nvgsp_debugfs_vgpu *dv = file->private_data;
	struct nvgsp_vgpu_mgr *mgr = dv->nd->vgpu_mgr;
	u64 start, skip;
	ssize_t ret;
	void *buf;
	long got;

	if (!mgr || *ppos < 0)
		return -ENODEV;
	len = min_t(size_t, len, PAGE_SIZE - 8);
	start = *ppos & ~3ull;
	skip = *ppos - start;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	got = nvgsp_vgpu_mgr_log_read(mgr, dv->vf, dv->log, start, buf,
				      round_up(len + skip, 4));
	if (got < 0) {
		ret = got;
	} else if ((u64)got <= skip) {
		ret = 0;
	} else {
		len = min_t(size_t, len, got - skip);
		if (copy_to_user(ubuf, buf + skip, len)) {
			ret = -EFAULT;
		} else {
			*ppos += len;
			ret = len;
		}
	}
	kfree(buf);
	return ret;
}

static const struct file_operations nvgsp_debugfs_vgpu_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = nvgsp_debugfs_vgpu_read,
	.llseek = default_llseek,
};

static void nvgsp_debugfs_vgpu_add(struct nvgsp_device *nd)
{
	struct dentry *top, *dir;
	unsigned int vf, i, vfs;
	char name[16];

	if (!nd->vgpu_mgr)
		return;
	vfs = nvgsp_vgpu_mgr_vfs(nd->vgpu_mgr);
	nd->debugfs_vgpu = kcalloc(vfs * NVGSP_VGPU_NR_LOGS, sizeof(*nd->debugfs_vgpu),
				   GFP_KERNEL);
	if (!nd->debugfs_vgpu)
		return;
	top = debugfs_create_dir("vgpu", nd->debugfs);
	for (vf = 0; vf < vfs; vf++) {
		snprintf(name, sizeof(name), "%u", vf + 1);
		dir = debugfs_create_dir(name, top);
		for (i = 0; i < NVGSP_VGPU_NR_LOGS; i++) {
			struct nvgsp_debugfs_vgpu *dv = &nd->debugfs_vgpu[vf * NVGSP_VGPU_NR_LOGS + i];

			dv->nd = nd;
			dv->vf = vf;
			dv->log = i;
			debugfs_create_file(nvgsp_debugfs_vgpu_logs[i], 0400, dir, dv,
					    &nvgsp_debugfs_vgpu_fops);
		}
	}
}

void nvgsp_debugfs_add(struct nvgsp_device *nd)
{
	unsigned int i;

	if (!nvgsp_debugfs_root)
		return;
	nd->debugfs = debugfs_create_dir(pci_name(nd->pdev), nvgsp_debugfs_root);
	for (i = 0; i < NVGSP_GSP_NR_LOGS; i++) {
		nd->debugfs_logs[i].nd = nd;
		nd->debugfs_logs[i].log = i;
		debugfs_create_file_size(nvgsp_debugfs_logs[i], 0400, nd->debugfs,
					 &nd->debugfs_logs[i], &nvgsp_debugfs_log_fops,
					 nvgsp_gsp_log_size(nd->gsp, i));
	}
	debugfs_create_file("memory", 0400, nd->debugfs, nd, &nvgsp_debugfs_memory_fops);
	nvgsp_debugfs_vgpu_add(nd);
}

void nvgsp_debugfs_remove(struct nvgsp_device *nd)
{
	debugfs_remove_recursive(nd->debugfs);
	nd->debugfs = NULL;
	kfree(nd->debugfs_vgpu);
	nd->debugfs_vgpu = NULL;
}

void nvgsp_debugfs_init(void)
{
	nvgsp_debugfs_root = debugfs_create_dir("nvgsp", NULL);
}

void nvgsp_debugfs_exit(void)
{
	debugfs_remove_recursive(nvgsp_debugfs_root);
	nvgsp_debugfs_root = NULL;
}
