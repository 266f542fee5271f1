// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_debugfs.c - GSP-RM's log buffers, readable as
 * /sys/kernel/debug/nvgsp/<PCI address>/{loginit,logintr,logrm}: the raw
 * buffers GSP-RM writes (a put pointer, then records), for bug reports.
 *
 * debugfs is for diagnosis and is not ABI. Files exist only while GSP-RM
 * runs; they are removed before the buffers are freed.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "nvgsp_compat.h"
#include "nvgsp_drv.h"
#include "gsp/nvgsp_gsp.h"

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
}

void nvgsp_debugfs_remove(struct nvgsp_device *nd)
{
	debugfs_remove_recursive(nd->debugfs);
	nd->debugfs = NULL;
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
