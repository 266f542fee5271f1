/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_mdev_irq.h - the interrupts of an mdev vGPU (nvgsp_mdev_irq.c).
 */
#ifndef NVGSP_MDEV_IRQ_H
#define NVGSP_MDEV_IRQ_H

#include "nvgsp_mdev.h"

#if NVGSP_CAN_MDEV
/* VFIO_DEVICE_GET_IRQ_INFO and VFIO_DEVICE_SET_IRQS; @arg is the VMM's. */
long nvgsp_mdev_ioctl_irq_info(struct nvgsp_mdev_vgpu *m, unsigned long arg);
long nvgsp_mdev_ioctl_set_irqs(struct nvgsp_mdev_vgpu *m, unsigned long arg);
/* Every vector freed, MSI-X off, the request eventfd dropped. Under m->lock. */
void nvgsp_mdev_irq_disable_all(struct nvgsp_mdev_vgpu *m);
#endif

#endif /* NVGSP_MDEV_IRQ_H */
