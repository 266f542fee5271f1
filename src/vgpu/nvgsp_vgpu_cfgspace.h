/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_vgpu_cfgspace.h - the virtual PCI configuration space a guest sees
 * on a vGPU VF (Documentation/vgpu-cfgspace.rst).
 *
 * Portable core: no PCI core, no locking, nothing sleeps. The VFIO variant
 * driver builds one per opened VF from the VF's real config bytes and the
 * vGPU type, then serves every config read and write of the VMM through it,
 * under its own lock. Nothing the VMM or the guest passes is trusted: every
 * offset, size and value is checked, and a refused access changes nothing.
 *
 * The guest sees 4 KiB. Only the first 256 bytes are stored; the extended
 * space (0x100..0xfff) holds no capability and reads as 0.
 */
#ifndef NVGSP_VGPU_CFGSPACE_H
#define NVGSP_VGPU_CFGSPACE_H

#include "nvgsp_os.h"
#include "fw/nvgsp_fw_vgpu.h"

/* The config space a guest sees (PCI Express: 4 KiB). */
#define NVGSP_VGPU_CFG_SIZE		4096
/* The part that is stored: the header and the standard capabilities. */
#define NVGSP_VGPU_CFG_STD_SIZE		256
/* The guest's BARs, as indexes into bar_size[]: BAR0, BAR1, BAR3. */
#define NVGSP_VGPU_CFG_BARS		3

/**
 * struct nvgsp_vgpu_cfg_effect - what one write (or a reset) asks of the
 * driver. All false when nothing needs doing, and after a refused call.
 * @mem_changed: the command register's Memory Space Enable changed; when it
 *               went off, revoke the VF's BAR mappings.
 * @mem: Memory Space Enable now.
 * @bme_changed: Bus Master Enable changed; tell the plugin UPDATE_BME_STATE.
 * @bme: Bus Master Enable now.
 * @flr: the guest wrote Initiate Function Level Reset (PCI Express Device
 *       Control bit 15); reset the VF as for VFIO_DEVICE_RESET, then call
 *       nvgsp_vgpu_cfgspace_reset().
 */
struct nvgsp_vgpu_cfg_effect {
	bool mem_changed;
	bool mem;
	bool bme_changed;
	bool bme;
	bool flr;
};

/**
 * struct nvgsp_vgpu_cfgspace - one VF's virtual config space. Filled by
 * nvgsp_vgpu_cfgspace_init(); read the fields only for tests and debugfs.
 * @cfg: the first 256 bytes as the guest reads them (little-endian).
 * @wmask: per bit of @cfg, 1 where a guest write is stored. Everything else
 *         is read-only, and writes to it are dropped.
 * @reset: @cfg as it was after init: what nvgsp_vgpu_cfgspace_reset()
 *         restores.
 * @bar_size: the guest's BAR0, BAR1 and BAR3 sizes in bytes.
 * @pcie: offset of the PCI Express capability, 0 when there is none.
 * @msix: offset of the MSI-X capability, 0 when there is none.
 * @pm: offset of the power management capability, 0 when there is none.
 */
struct nvgsp_vgpu_cfgspace {
	u8 cfg[NVGSP_VGPU_CFG_STD_SIZE];
	u8 wmask[NVGSP_VGPU_CFG_STD_SIZE];
	u8 reset[NVGSP_VGPU_CFG_STD_SIZE];
	u64 bar_size[NVGSP_VGPU_CFG_BARS];
	u8 pcie;
	u8 msix;
	u8 pm;
};

/**
 * nvgsp_vgpu_cfgspace_init() - build the config space a guest sees.
 * @cs: filled on success; zeroed on failure.
 * @vf_config: the VF's config bytes as the host reads them (at least the
 *             64-byte header; the capability list may reach 0xff). A VF's
 *             own BAR registers read 0 (SR-IOV), so the caller puts the
 *             VF's BAR type bits (bits 3:0: memory, 32/64-bit, prefetch)
 *             into the low dwords at 0x10, 0x14 and 0x1c from the VF's
 *             resources. Its vendor, device, command and BAR addresses are
 *             ignored.
 * @len: bytes in @vf_config, 64..4096.
 * @type: the vGPU type; vendor 0x10de, device vdev_id bits 31:16, subsystem
 *        vendor 0x10de, subsystem device vdev_id bits 15:0.
 * @bar_size: the VF's real BAR0, BAR1 and BAR3 sizes in bytes. The guest
 *            sees BAR0 and BAR3 at these sizes and BAR1 at the type's
 *            bar1_length MiB, which must not exceed the VF's BAR1.
 *
 * The guest sees the VF's revision and class; BAR0 32-bit memory, BAR1
 * and BAR3 memory with the VF's 32/64-bit and prefetch bits, all at
 * address 0; no I/O BAR, no expansion ROM; interrupt pin 0 (a VF has no
 * INTx), interrupt line 0 and writable; of the capabilities, only power
 * management, PCI Express and MSI-X, relinked in the VF's order; no
 * extended capability. Command and status start at 0 (status shows only
 * Capabilities List).
 *
 * Return: 0; -EINVAL when @len is outside 64..4096; a vdev_id wider than
 * 32 bits or with device 0 or 0xffff; a BAR size that is not a power of two
 * of at least 4 KiB (at most 2 GiB for a 32-bit BAR); bar1_length that is
 * 0, not a power of two or above the VF's BAR1; a BAR register with I/O
 * or reserved type bits, or a 64-bit BAR0; a capability pointer into the
 * header (below 0x40), a capability past @len or past 0xff, a loop in the
 * list, a kept capability that overlaps another or appears twice; an MSI-X
 * table or PBA outside the guest's BARs.
 */
int nvgsp_vgpu_cfgspace_init(struct nvgsp_vgpu_cfgspace *cs, const u8 *vf_config, size_t len,
			     const struct nvgsp_fw_vgpu_type *type,
			     const u64 bar_size[NVGSP_VGPU_CFG_BARS]);

/**
 * nvgsp_vgpu_cfgspace_read() - one guest (or VMM) config read.
 * @cs: the config space.
 * @off: byte offset, below 4096.
 * @size: 1, 2 or 4, with @off a multiple of @size (so no access crosses a
 *        dword).
 * @val: the value, little-endian as in PCI; 0 for hidden and reserved
 *       space (PCI: reserved registers read 0). Set to 0 on refusal.
 *
 * Return: 0; -EINVAL for a bad @off, @size or alignment.
 */
int nvgsp_vgpu_cfgspace_read(const struct nvgsp_vgpu_cfgspace *cs, u32 off, u32 size, u32 *val);

/**
 * nvgsp_vgpu_cfgspace_write() - one guest (or VMM) config write.
 * @cs: the config space.
 * @off: byte offset, below 4096.
 * @size: 1, 2 or 4, with @off a multiple of @size.
 * @val: the value; no bit above @size bytes may be set.
 * @eff: always written: what the driver must do (all false on refusal).
 *
 * Only writable bits are stored; read-only fields, hidden capabilities,
 * reserved and extended space drop the write. Writable: command bits
 * Memory Space, Bus Master and INTx Disable; cache line size; interrupt
 * line; BAR addresses (the bits above the size: writing all ones reads
 * back the size mask with the type bits); power management's power state;
 * PCI Express Device Control except Initiate FLR (reported in @eff, reads
 * 0); MSI-X Enable and Function Mask. All of them are virtual: nothing
 * reaches the VF here.
 *
 * Return: 0; -EINVAL for a bad @off, @size, alignment or @val (nothing
 * changes).
 */
int nvgsp_vgpu_cfgspace_write(struct nvgsp_vgpu_cfgspace *cs, u32 off, u32 size, u32 val,
			      struct nvgsp_vgpu_cfg_effect *eff);

/**
 * nvgsp_vgpu_cfgspace_reset() - put the config space back as after init
 * (after an FLR or VFIO_DEVICE_RESET): command 0, BAR addresses 0, every
 * writable field as it was.
 * @cs: the config space.
 * @eff: always written: Memory Space or Bus Master going off is reported.
 */
void nvgsp_vgpu_cfgspace_reset(struct nvgsp_vgpu_cfgspace *cs, struct nvgsp_vgpu_cfg_effect *eff);

#endif /* NVGSP_VGPU_CFGSPACE_H */
