// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_os_linux.c - the OS layer for nvgsp.ko (see nvgsp_os.h).
 */
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/slab.h>

#include "nvgsp_compat.h"
#include "nvgsp_os.h"
#include "nvgsp_os_linux.h"

u64 nvgsp_os_bar_size(const struct nvgsp_os_bar *bar)
{
	return bar->size;
}

static bool nvgsp_os_bar_check(struct nvgsp_os_bar *bar, u32 offset)
{
	if (likely(offset % 4 == 0 && (u64)offset + 4 <= bar->size))
		return true;
	WARN_ONCE(1, "nvgsp: %s: register access at 0x%x outside the %llu-byte window\n",
		  bar->name, offset, bar->size);
	return false;
}

u32 nvgsp_os_rd32(struct nvgsp_os_bar *bar, u32 offset)
{
	if (!nvgsp_os_bar_check(bar, offset))
		return 0xffffffffu;
	return ioread32(bar->base + offset);
}

void nvgsp_os_wr32(struct nvgsp_os_bar *bar, u32 offset, u32 value)
{
	if (nvgsp_os_bar_check(bar, offset))
		iowrite32(value, bar->base + offset);
}

static bool nvgsp_os_bar_check_range(struct nvgsp_os_bar *bar, u32 offset, u32 len)
{
	if (likely(offset % 4 == 0 && len % 4 == 0 && (u64)offset + len <= bar->size))
		return true;
	WARN_ONCE(1, "nvgsp: %s: access of %u bytes at 0x%x outside the %llu-byte window or misaligned\n",
		  bar->name, len, offset, bar->size);
	return false;
}

void nvgsp_os_bar_read(struct nvgsp_os_bar *bar, u32 offset, void *buf, u32 len)
{
	if (!nvgsp_os_bar_check_range(bar, offset, len)) {
		memset(buf, 0xff, len);
		return;
	}
	memcpy_fromio(buf, bar->base + offset, len);
}

void nvgsp_os_bar_write(struct nvgsp_os_bar *bar, u32 offset, const void *buf, u32 len)
{
	if (nvgsp_os_bar_check_range(bar, offset, len))
		memcpy_toio(bar->base + offset, buf, len);
}

/*
 * Not memset_io(): on x86 that is memset(), whose "rep stosb" stores one
 * byte per bus write to uncached MMIO (the comment on memset_io() in
 * arch/x86/lib/iomem.c warns of it), four times the writes a GPU window
 * needs; 32-bit stores are what BAR0 takes (nouveau's and NVIDIA's PRAMIN
 * accesses are 32-bit).
 */
void nvgsp_os_bar_set(struct nvgsp_os_bar *bar, u32 offset, u8 value, u32 len)
{
	u32 word = value * 0x01010101u;
	u8 __iomem *p;

	if (!nvgsp_os_bar_check_range(bar, offset, len))
		return;
	p = bar->base + offset;
	for (; len && ((unsigned long)p & 3); len--, p++)
		writeb(value, p);
	for (; len >= 4; len -= 4, p += 4)
		writel(word, p);
	for (; len; len--, p++)
		writeb(value, p);
}

struct nvgsp_os_firmware {
	const struct firmware *fw;
};

int nvgsp_os_firmware_get(struct nvgsp_os_device *dev, const char *path,
			  struct nvgsp_os_firmware **out, const u8 **data, size_t *size)
{
	struct nvgsp_os_firmware *fw;
	int ret;

	fw = kzalloc(sizeof(*fw), GFP_KERNEL);
	if (!fw)
		return -ENOMEM;
	/* No log line per absent candidate: the caller reports what it tried. */
	ret = firmware_request_nowarn(&fw->fw, path, dev->dev);
	if (ret) {
		kfree(fw);
		return ret;
	}
	*out = fw;
	*data = fw->fw->data;
	*size = fw->fw->size;
	return 0;
}

void nvgsp_os_firmware_put(struct nvgsp_os_firmware *fw)
{
	if (!fw)
		return;
	release_firmware(fw->fw);
	kfree(fw);
}

void *nvgsp_os_zalloc(size_t size)
{
	return kvzalloc(size, GFP_KERNEL);
}

void nvgsp_os_free(void *ptr)
{
	kvfree(ptr);
}

int nvgsp_os_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vscnprintf(buf, size, fmt, ap);
}

int nvgsp_os_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* nvgsp.debug, owned by nvgsp_params.c. */
u32 nvgsp_os_debug_mask;

static void nvgsp_os_vlog(const struct nvgsp_os_device *dev, enum nvgsp_os_log_level level,
			  const char *fmt, va_list *ap)
{
	struct va_format vaf = { .fmt = fmt, .va = ap };

	/* NULL never comes from the module (see nvgsp_os.h); print it anyway. */
	if (unlikely(!dev)) {
		printk("%snvgsp: %pV\n", level == NVGSP_LOG_ERR ? KERN_ERR :
		       level == NVGSP_LOG_WARN ? KERN_WARNING :
		       level == NVGSP_LOG_INFO ? KERN_INFO : KERN_DEBUG, &vaf);
		return;
	}
	switch (level) {
	case NVGSP_LOG_ERR:
		dev_err(dev->dev, "%pV\n", &vaf);
		break;
	case NVGSP_LOG_WARN:
		dev_warn(dev->dev, "%pV\n", &vaf);
		break;
	case NVGSP_LOG_INFO:
		dev_info(dev->dev, "%pV\n", &vaf);
		break;
	default:
		/* Gated by nvgsp.debug rather than dynamic debug: one switch for users. */
		dev_printk(KERN_DEBUG, dev->dev, "%pV\n", &vaf);
		break;
	}
}

static bool nvgsp_os_log_enabled(enum nvgsp_os_log_level level, u32 category)
{
	return level != NVGSP_LOG_DEBUG || (READ_ONCE(nvgsp_os_debug_mask) & category);
}

void nvgsp_os_log(const struct nvgsp_os_device *dev, enum nvgsp_os_log_level level,
		  u32 category, const char *fmt, ...)
{
	va_list ap;

	if (!nvgsp_os_log_enabled(level, category))
		return;
	va_start(ap, fmt);
	nvgsp_os_vlog(dev, level, fmt, &ap);
	va_end(ap);
}

void nvgsp_os_log_rs(struct ratelimit_state *rs, const char *func,
		     const struct nvgsp_os_device *dev, enum nvgsp_os_log_level level,
		     u32 category, const char *fmt, ...)
{
	va_list ap;

	if (!nvgsp_os_log_enabled(level, category) || !___ratelimit(rs, func))
		return;
	va_start(ap, fmt);
	nvgsp_os_vlog(dev, level, fmt, &ap);
	va_end(ap);
}

int nvgsp_os_dma_alloc(struct nvgsp_os_device *dev, size_t size, struct nvgsp_os_dma *dma)
{
	size_t len = ALIGN(size, NVGSP_OS_PAGE_SIZE);
	dma_addr_t addr;
	void *cpu;

	memset(dma, 0, sizeof(*dma));
	if (!len)
		return -ENOMEM;
	cpu = dma_alloc_coherent(dev->dev, len, &addr, GFP_KERNEL);
	if (!cpu)
		return -ENOMEM;
	dma->cpu = cpu;
	dma->addr = addr;
	dma->size = len;
	return 0;
}

void nvgsp_os_dma_free(struct nvgsp_os_device *dev, struct nvgsp_os_dma *dma)
{
	if (!dma->cpu)
		return;
	dma_free_coherent(dev->dev, dma->size, dma->cpu, dma->addr);
	memset(dma, 0, sizeof(*dma));
}

/*
 * A paged buffer: host pages (PAGE_SIZE, which may exceed the GSP's 4 KiB),
 * each mapped for streaming DMA on its own, shown to the core as 4 KiB
 * pieces.
 */
struct nvgsp_os_dma_sg {
	size_t gsp_pages;
	size_t host_pages;
	struct page **pages;
	dma_addr_t *addrs;
};

#define NVGSP_OS_SUBPAGES	(PAGE_SIZE / NVGSP_OS_PAGE_SIZE)

void nvgsp_os_dma_sg_free(struct nvgsp_os_device *dev, struct nvgsp_os_dma_sg *sg)
{
	size_t i;

	if (!sg)
		return;
	/*
	 * Also the unwind of a failed nvgsp_os_dma_sg_alloc(): either array
	 * may be NULL (its kvcalloc() failed), and the pages stop at the
	 * first one not allocated.
	 */
	for (i = 0; sg->pages && sg->addrs && i < sg->host_pages && sg->pages[i]; i++) {
		if (sg->addrs[i] != DMA_MAPPING_ERROR)
			dma_unmap_page(dev->dev, sg->addrs[i], PAGE_SIZE, DMA_TO_DEVICE);
		__free_page(sg->pages[i]);
	}
	kvfree(sg->addrs);
	kvfree(sg->pages);
	kfree(sg);
}

int nvgsp_os_dma_sg_alloc(struct nvgsp_os_device *dev, size_t size,
			  struct nvgsp_os_dma_sg **out)
{
	struct nvgsp_os_dma_sg *sg;
	size_t i;

	if (!size)
		return -ENOMEM;
	sg = kzalloc(sizeof(*sg), GFP_KERNEL);
	if (!sg)
		return -ENOMEM;
	sg->gsp_pages = DIV_ROUND_UP(size, NVGSP_OS_PAGE_SIZE);
	sg->host_pages = DIV_ROUND_UP(size, PAGE_SIZE);
	sg->pages = kvcalloc(sg->host_pages, sizeof(*sg->pages), GFP_KERNEL);
	sg->addrs = kvcalloc(sg->host_pages, sizeof(*sg->addrs), GFP_KERNEL);
	if (!sg->pages || !sg->addrs)
		goto fail;
	for (i = 0; i < sg->host_pages; i++) {
		sg->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!sg->pages[i])
			goto fail;
		sg->addrs[i] = dma_map_page(dev->dev, sg->pages[i], 0, PAGE_SIZE, DMA_TO_DEVICE);
		if (dma_mapping_error(dev->dev, sg->addrs[i])) {
			sg->addrs[i] = DMA_MAPPING_ERROR;
			goto fail;
		}
		cond_resched();
	}
	*out = sg;
	return 0;
fail:
	nvgsp_os_dma_sg_free(dev, sg);
	return -ENOMEM;
}

size_t nvgsp_os_dma_sg_pages(const struct nvgsp_os_dma_sg *sg)
{
	return sg->gsp_pages;
}

void *nvgsp_os_dma_sg_page(struct nvgsp_os_dma_sg *sg, size_t i)
{
	return (u8 *)page_address(sg->pages[i / NVGSP_OS_SUBPAGES]) +
	       (i % NVGSP_OS_SUBPAGES) * NVGSP_OS_PAGE_SIZE;
}

u64 nvgsp_os_dma_sg_addr(const struct nvgsp_os_dma_sg *sg, size_t i)
{
	return sg->addrs[i / NVGSP_OS_SUBPAGES] + (i % NVGSP_OS_SUBPAGES) * NVGSP_OS_PAGE_SIZE;
}

void nvgsp_os_dma_sg_sync(struct nvgsp_os_device *dev, struct nvgsp_os_dma_sg *sg)
{
	size_t i;

	for (i = 0; i < sg->host_pages; i++)
		dma_sync_single_for_device(dev->dev, sg->addrs[i], PAGE_SIZE, DMA_TO_DEVICE);
}

int nvgsp_os_dma_stop(struct nvgsp_os_device *dev)
{
	struct pci_dev *pdev;
	u16 cmd;

	if (!dev_is_pci(dev->dev))
		return -EIO;
	pdev = to_pci_dev(dev->dev);
	pci_clear_master(pdev);
	/* A device gone from the bus reads all ones: the bit cannot be known. */
	if (pci_read_config_word(pdev, PCI_COMMAND, &cmd) || cmd == 0xffff ||
	    (cmd & PCI_COMMAND_MASTER))
		return -EIO;
	return 0;
}

/*
 * Kept memory stays allocated and mapped for good: the device may still
 * write to its bus address. Coherent allocations are pages kmemleak does
 * not track; nothing records them.
 */
void nvgsp_os_dma_keep(struct nvgsp_os_device *dev, struct nvgsp_os_dma *dma)
{
	memset(dma, 0, sizeof(*dma));
}

void nvgsp_os_keep(struct nvgsp_os_device *dev, void *obj, void (*release)(void *obj))
{
	/* Still scanned: what @obj points to is referenced, not leaked. */
	kmemleak_not_leak(obj);
}

void nvgsp_os_wmb(void)
{
	wmb();
}

void nvgsp_os_rmb(void)
{
	rmb();
}

void nvgsp_os_mb(void)
{
	mb();
}

u64 nvgsp_os_time_ns(void)
{
	return ktime_get_ns();
}

void nvgsp_os_udelay(u32 us)
{
	udelay(us);
}

void nvgsp_os_usleep(u32 us)
{
	if (us >= 20000)
		msleep(DIV_ROUND_UP(us, 1000));
	else
		usleep_range(us, us + us / 4 + 10);
}

void nvgsp_os_cond_resched(void)
{
	cond_resched();
}

/*
 * The lockdep class is the caller's: nvgsp_os_mutex_create() declares one
 * static key per call site, as mutex_init() does, so lockdep tells the
 * driver's mutexes apart and checks the order between them.
 */
struct nvgsp_os_mutex {
	struct mutex lock;
};

int nvgsp_os_mutex_create_key(const char *name, struct lock_class_key *key,
			      struct nvgsp_os_mutex **out)
{
	struct nvgsp_os_mutex *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!m)
		return -ENOMEM;
	__mutex_init(&m->lock, name, key);
	*out = m;
	return 0;
}

void nvgsp_os_mutex_destroy(struct nvgsp_os_mutex *m)
{
	if (!m)
		return;
	mutex_destroy(&m->lock);
	kfree(m);
}

void nvgsp_os_mutex_lock(struct nvgsp_os_mutex *m)
{
	mutex_lock(&m->lock);
}

bool nvgsp_os_mutex_trylock(struct nvgsp_os_mutex *m)
{
	return mutex_trylock(&m->lock);
}

void nvgsp_os_mutex_unlock(struct nvgsp_os_mutex *m)
{
	mutex_unlock(&m->lock);
}

void nvgsp_os_mutex_assert_held(struct nvgsp_os_mutex *m)
{
	lockdep_assert_held(&m->lock);
}

/* --- SR-IOV on the PF (src/vgpu/nvgsp_sriov.c) --- */

int nvgsp_os_sriov_num_vfs(struct nvgsp_os_device *dev)
{
	return pci_num_vf(to_pci_dev(dev->dev));
}

int nvgsp_os_sriov_enable(struct nvgsp_os_device *dev, int num_vfs)
{
	/* On failure the PCI core has undone everything: no VF stays enabled. */
	return pci_enable_sriov(to_pci_dev(dev->dev), num_vfs);
}

void nvgsp_os_sriov_disable(struct nvgsp_os_device *dev)
{
	pci_disable_sriov(to_pci_dev(dev->dev));
}

/*
 * "In use": PCI_DEV_FLAGS_ASSIGNED (what pci_vfs_assigned() counts: KVM's
 * legacy device assignment and Xen's pciback set it), or the VF is enabled:
 * vfio-pci enables a device only while a user has it open, and any other
 * driver that enabled it is using it too. The VF's driver is read under its
 * device lock (the driver core binds and unbinds under it). The caller holds
 * the PF's device lock: parent before child, the driver core's own order.
 */
void nvgsp_os_sriov_vf(struct nvgsp_os_device *dev, int index, struct nvgsp_os_vf *vf)
{
	struct pci_dev *pf = to_pci_dev(dev->dev), *vdev;
	struct device_driver *drv;

	memset(vf, 0, sizeof(*vf));
	vdev = nvgsp_compat_pci_get_vf(pf, index);
	if (!vdev)
		return;
	strscpy(vf->name, pci_name(vdev), sizeof(vf->name));
	if (vdev->dev_flags & PCI_DEV_FLAGS_ASSIGNED) {
		vf->busy = true;
		strscpy(vf->user, "assigned to a guest", sizeof(vf->user));
	} else if (pci_is_enabled(vdev)) {
		vf->busy = true;
		device_lock(&vdev->dev);
		drv = vdev->dev.driver;
		snprintf(vf->user, sizeof(vf->user), "enabled by %s",
			 drv ? drv->name : "a driver since unbound");
		device_unlock(&vdev->dev);
	}
	pci_dev_put(vdev);
}
