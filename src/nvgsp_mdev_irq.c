// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_mdev_irq.c - the interrupts of an mdev vGPU, as vfio-pci offers a
 * PCI device's (include/uapi/linux/vfio.h, VFIO_DEVICE_SET_IRQS):
 *  - MSI-X: the VF's own vectors, allocated on the host when the VMM first
 *    gives an eventfd; each vector's interrupt signals its eventfd. The VMM
 *    may trigger a vector itself (DATA_NONE, DATA_BOOL), and count 0 with
 *    DATA_NONE turns MSI-X off. Masking is not offered (vfio-pci offers it
 *    only for INTx).
 *  - The request IRQ (generation 3): signalled when the host wants the
 *    device back (nvgsp_mdev_vgpu_request()); generation 1's mdev core has
 *    no way to ask, so it offers none.
 *  - INTx, MSI and the error IRQ: none (a VF has no INTx; the guest's
 *    config space shows no MSI capability; no AER relay).
 */
#include <linux/eventfd.h>
#include <linux/interrupt.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "nvgsp_compat.h"
#include "nvgsp_compat_eventfd.h"
#include "nvgsp_mdev_irq.h"

#if NVGSP_CAN_MDEV

/* The most vectors a function's MSI-X capability can describe. */
#define NVGSP_MDEV_MAX_MSIX	2048

/* How many interrupts of @index the VMM may use. */
static unsigned int nvgsp_mdev_irq_count(struct nvgsp_mdev_vgpu *m, unsigned int index)
{
	switch (index) {
	case VFIO_PCI_MSIX_IRQ_INDEX:
		return m->nr_msix;
	case VFIO_PCI_REQ_IRQ_INDEX:
		return NVGSP_CAN_MDEV == 3 ? 1 : 0;
	default:
		return 0;
	}
}

long nvgsp_mdev_ioctl_irq_info(struct nvgsp_mdev_vgpu *m, unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_irq_info, count);
	struct vfio_irq_info info;

	if (copy_from_user(&info, (void __user *)arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz || info.index >= VFIO_PCI_NUM_IRQS)
		return -EINVAL;
	mutex_lock(&m->lock);
	info.count = nvgsp_mdev_irq_count(m, info.index);
	mutex_unlock(&m->lock);
	info.flags = info.count ? VFIO_IRQ_INFO_EVENTFD : 0;
	if (info.index == VFIO_PCI_MSIX_IRQ_INDEX && info.count)
		info.flags |= VFIO_IRQ_INFO_NORESIZE;
	return copy_to_user((void __user *)arg, &info, minsz) ? -EFAULT : 0;
}

static irqreturn_t nvgsp_mdev_msix_handler(int irq, void *arg)
{
	struct nvgsp_mdev_msix *v = arg;

	nvgsp_compat_eventfd_signal(v->trigger);
	return IRQ_HANDLED;
}

/* Vector @i to eventfd @fd (-1: none). Under m->lock, MSI-X on. */
static int nvgsp_mdev_msix_set(struct nvgsp_mdev_vgpu *m, unsigned int i, s32 fd)
{
	struct nvgsp_mdev_msix *v = &m->msix[i];
	struct eventfd_ctx *ctx;
	int ret;

	if (v->trigger) {
		free_irq(v->irq, v);
		eventfd_ctx_put(v->trigger);
		v->trigger = NULL;
	}
	if (fd < 0)
		return 0;
	ctx = eventfd_ctx_fdget(fd);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);
	v->irq = pci_irq_vector(m->parent->pdev, i);
	if (v->irq < 0) {
		eventfd_ctx_put(ctx);
		return v->irq;
	}
	snprintf(v->name, sizeof(v->name), "nvgsp-mdev-msix[%u](%s)", i,
		 pci_name(m->parent->pdev));
	v->trigger = ctx;
	ret = request_irq(v->irq, nvgsp_mdev_msix_handler, 0, v->name, v);
	if (ret) {
		v->trigger = NULL;
		eventfd_ctx_put(ctx);
	}
	return ret;
}

static void nvgsp_mdev_msix_disable(struct nvgsp_mdev_vgpu *m)
{
	unsigned int i;

	if (!m->msix)
		return;
	for (i = 0; i < m->nr_msix; i++)
		nvgsp_mdev_msix_set(m, i, -1);
	pci_free_irq_vectors(m->parent->pdev);
	kfree(m->msix);
	m->msix = NULL;
}

static int nvgsp_mdev_msix_enable(struct nvgsp_mdev_vgpu *m)
{
	int ret;

	if (m->msix)
		return 0;
	if (!m->nr_msix || m->nr_msix > NVGSP_MDEV_MAX_MSIX)
		return -EINVAL;
	m->msix = kcalloc(m->nr_msix, sizeof(*m->msix), GFP_KERNEL);
	if (!m->msix)
		return -ENOMEM;
	ret = pci_alloc_irq_vectors(m->parent->pdev, m->nr_msix, m->nr_msix, PCI_IRQ_MSIX);
	if (ret < 0) {
		dev_err_ratelimited(m->dev, "vGPU: cannot enable the VF's %u MSI-X vectors: %d\n",
				    m->nr_msix, ret);
		kfree(m->msix);
		m->msix = NULL;
		return ret;
	}
	return 0;
}

static int nvgsp_mdev_set_msix(struct nvgsp_mdev_vgpu *m, const struct vfio_irq_set *hdr,
			       const u8 *data)
{
	unsigned int i;
	int ret = 0;

	switch (hdr->flags & VFIO_IRQ_SET_DATA_TYPE_MASK) {
	case VFIO_IRQ_SET_DATA_NONE:
		if (!hdr->count) {
			nvgsp_mdev_msix_disable(m);
			return 0;
		}
		for (i = hdr->start; m->msix && i < hdr->start + hdr->count; i++)
			if (m->msix[i].trigger)
				nvgsp_compat_eventfd_signal(m->msix[i].trigger);
		return 0;
	case VFIO_IRQ_SET_DATA_BOOL:
		for (i = 0; m->msix && i < hdr->count; i++)
			if (data[i] && m->msix[hdr->start + i].trigger)
				nvgsp_compat_eventfd_signal(m->msix[hdr->start + i].trigger);
		return 0;
	case VFIO_IRQ_SET_DATA_EVENTFD:
		ret = nvgsp_mdev_msix_enable(m);
		for (i = 0; !ret && i < hdr->count; i++) {
			s32 fd;

			memcpy(&fd, data + i * sizeof(fd), sizeof(fd));
			ret = nvgsp_mdev_msix_set(m, hdr->start + i, fd);
		}
		/* As vfio-pci: a failure part way undoes the whole range. */
		if (ret)
			for (i = 0; i < hdr->count; i++)
				nvgsp_mdev_msix_set(m, hdr->start + i, -1);
		return ret;
	}
	return -EINVAL;
}

static int nvgsp_mdev_set_req(struct nvgsp_mdev_vgpu *m, const struct vfio_irq_set *hdr,
			      const u8 *data)
{
	struct eventfd_ctx *ctx;
	s32 fd;

	switch (hdr->flags & VFIO_IRQ_SET_DATA_TYPE_MASK) {
	case VFIO_IRQ_SET_DATA_NONE:
		if (hdr->count && m->req_trigger)
			nvgsp_compat_eventfd_signal(m->req_trigger);
		else if (!hdr->count && m->req_trigger) {
			eventfd_ctx_put(m->req_trigger);
			m->req_trigger = NULL;
		}
		return 0;
	case VFIO_IRQ_SET_DATA_BOOL:
		if (hdr->count && data[0] && m->req_trigger)
			nvgsp_compat_eventfd_signal(m->req_trigger);
		return 0;
	case VFIO_IRQ_SET_DATA_EVENTFD:
		if (hdr->count != 1)
			return -EINVAL;
		memcpy(&fd, data, sizeof(fd));
		ctx = NULL;
		if (fd >= 0) {
			ctx = eventfd_ctx_fdget(fd);
			if (IS_ERR(ctx))
				return PTR_ERR(ctx);
		} else if (fd != -1) {
			return -EINVAL;
		}
		if (m->req_trigger)
			eventfd_ctx_put(m->req_trigger);
		m->req_trigger = ctx;
		return 0;
	}
	return -EINVAL;
}

long nvgsp_mdev_ioctl_set_irqs(struct nvgsp_mdev_vgpu *m, unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_irq_set, count);
	struct vfio_irq_set hdr;
	size_t data_size = 0;
	u8 *data = NULL;
	long ret;

	if (copy_from_user(&hdr, (void __user *)arg, minsz))
		return -EFAULT;
	mutex_lock(&m->lock);
	ret = vfio_set_irqs_validate_and_prepare(&hdr, nvgsp_mdev_irq_count(m, hdr.index),
						 VFIO_PCI_NUM_IRQS, &data_size);
	if (ret)
		goto unlock;
	if (!m->vgpu || !nvgsp_mdev_irq_count(m, hdr.index) ||
	    (hdr.flags & VFIO_IRQ_SET_ACTION_TYPE_MASK) != VFIO_IRQ_SET_ACTION_TRIGGER) {
		ret = -EINVAL;
		goto unlock;
	}
	if (data_size) {
		data = memdup_user((void __user *)(arg + minsz), data_size);
		if (IS_ERR(data)) {
			ret = PTR_ERR(data);
			data = NULL;
			goto unlock;
		}
	}
	if (hdr.index == VFIO_PCI_MSIX_IRQ_INDEX)
		ret = nvgsp_mdev_set_msix(m, &hdr, data);
	else
		ret = nvgsp_mdev_set_req(m, &hdr, data);
unlock:
	mutex_unlock(&m->lock);
	kfree(data);
	return ret;
}

void nvgsp_mdev_irq_disable_all(struct nvgsp_mdev_vgpu *m)
{
	nvgsp_mdev_msix_disable(m);
	if (m->req_trigger)
		eventfd_ctx_put(m->req_trigger);
	m->req_trigger = NULL;
}

void nvgsp_mdev_vgpu_request(struct nvgsp_mdev_vgpu *m, unsigned int count)
{
	mutex_lock(&m->lock);
	if (m->req_trigger) {
		if (!(count % 10))
			dev_info_ratelimited(m->dev, "asking the VFIO user of this vGPU to release it\n");
		nvgsp_compat_eventfd_signal(m->req_trigger);
	} else if (!count) {
		dev_info(m->dev,
			 "the VFIO user of this vGPU cannot be asked to release it (no request eventfd); waiting for it to close the device\n");
	}
	mutex_unlock(&m->lock);
}

#endif /* NVGSP_CAN_MDEV */
