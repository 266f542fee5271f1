/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_gsp_init.h - GSP-RM bring-up over RPC ("gsp-init-v1" in the ABI
 * tables): GSP_SET_SYSTEM_INFO and SET_REGISTRY queued before GSP-RM runs,
 * then GSP_INIT_DONE, then GET_GSP_STATIC_INFO.
 *
 * Portable core.
 */
#ifndef NVGSP_GSP_INIT_H
#define NVGSP_GSP_INIT_H

#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"

struct nvgsp_rpc;

/**
 * struct nvgsp_gsp_pci - the host's view of the GPU, for GSP_SET_SYSTEM_INFO.
 * @bar0_addr: physical address of BAR0 (registers).
 * @bar1_addr: of BAR1 (FB aperture).
 * @bar3_addr: of BAR3 (instance memory aperture); 0 when absent.
 * @domain: PCI domain.
 * @bus: bus number.
 * @devfn: device and function.
 * @vendor_id: 0x10de.
 * @device_id: PCI device id.
 * @subsystem_vendor_id: subsystem vendor.
 * @subsystem_id: subsystem id.
 * @revision_id: PCI revision.
 * @dma_mask_bits: the DMA mask the driver set.
 * @vf_total: TotalVFs of the PF's SR-IOV capability; 0 when it has none (or
 *            the kernel has no SR-IOV support): every other @vf_ field is
 *            then 0 too.
 * @vf_first_offset: the capability's First VF Offset (routing-ID offset of
 *                   VF 1 from the PF).
 * @vf_bar_addr: bus addresses of the first VF's BAR0, BAR1 and BAR3 (the
 *               SR-IOV capability's VF BAR0, BAR1 and the 64-bit pair after
 *               it; in GspSystemInfo's words FirstVFBar0/1/2Address); 0 for
 *               a BAR the kernel did not assign.
 * @vf_bar_64bit: whether each of those three VF BARs is 64-bit.
 */
struct nvgsp_gsp_pci {
	u64 bar0_addr;
	u64 bar1_addr;
	u64 bar3_addr;
	u16 domain;
	u8 bus;
	u8 devfn;
	u16 vendor_id;
	u16 device_id;
	u16 subsystem_vendor_id;
	u16 subsystem_id;
	u8 revision_id;
	u8 dma_mask_bits;
	u16 vf_total;
	u16 vf_first_offset;
	u64 vf_bar_addr[3];
	bool vf_bar_64bit[3];
};

/**
 * nvgsp_gsp_init_queue() - queue GSP_SET_SYSTEM_INFO and SET_REGISTRY.
 * @rpc: the transport (queues created, GSP not yet started).
 * @dev: the device, for messages.
 * @abi: the release.
 * @chipset: the chip's chipset (0x172).
 * @pci: the host's view of the GPU.
 * @vgpu: GSP-RM is booted for SR-IOV vGPU (the registry gets RMSetSriovMode).
 *
 * Return: 0 or a negative errno from the transport or the codecs.
 */
int nvgsp_gsp_init_queue(struct nvgsp_rpc *rpc, const struct nvgsp_abi *abi, u16 chipset,
			 const struct nvgsp_gsp_pci *pci, bool vgpu);

/**
 * nvgsp_gsp_init_wait() - wait for GSP_INIT_DONE (running the sequencer and
 * other events on the way through their registered handlers), then read
 * static info.
 * @rpc: the transport.
 * @abi: the release.
 * @timeout_ms: for INIT_DONE.
 * @info: filled with GET_GSP_STATIC_INFO's reply.
 *
 * Return: 0; -ETIMEDOUT; a transport or RM error.
 */
int nvgsp_gsp_init_wait(struct nvgsp_rpc *rpc, const struct nvgsp_abi *abi, u32 timeout_ms,
			struct nvgsp_abi_static_info *info);

/**
 * nvgsp_gsp_init_wait_keep() - nvgsp_gsp_init_wait(), also handing over
 * static info's wire bytes.
 * @rpc: the transport.
 * @abi: the release.
 * @timeout_ms: for INIT_DONE.
 * @info: filled with GET_GSP_STATIC_INFO's reply.
 * @wire: set on success to the reply's bytes (nvgsp_os_free() them).
 * @wire_len: set to their number.
 *
 * Return: as nvgsp_gsp_init_wait(); @wire untouched on failure.
 */
int nvgsp_gsp_init_wait_keep(struct nvgsp_rpc *rpc, const struct nvgsp_abi *abi, u32 timeout_ms,
			     struct nvgsp_abi_static_info *info, u8 **wire, size_t *wire_len);

/**
 * nvgsp_gsp_init_build_system_info() - GSP_SET_SYSTEM_INFO's payload
 * (GspSystemInfo in the release's layout), what nvgsp_gsp_init_queue() sends.
 * @dev: the device, for messages.
 * @abi: the release.
 * @chipset: the chip's chipset (selects the PCI config mirror).
 * @pci: the host's view of the GPU.
 * @buf: destination.
 * @len: bytes at @buf; nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_SYSTEM_INFO)
 *       are needed.
 *
 * Return: the bytes written; -EINVAL for an unknown @chipset or a short
 * @buf; -EOPNOTSUPP when the release speaks another init protocol.
 */
int nvgsp_gsp_init_build_system_info(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
				     u16 chipset, const struct nvgsp_gsp_pci *pci, void *buf,
				     size_t len);

/* The most keys one SET_REGISTRY carries; raise it when a key is added. */
#define NVGSP_GSP_REGISTRY_MAX	8

/**
 * struct nvgsp_gsp_registry - the DWORD keys SET_REGISTRY sends, in order.
 * @count: entries used.
 * @entries: each key (a string that outlives the table) and its value.
 */
struct nvgsp_gsp_registry {
	unsigned int count;
	struct {
		const char *key;
		u32 value;
	} entries[NVGSP_GSP_REGISTRY_MAX];
};

/**
 * nvgsp_gsp_registry_add() - append a DWORD key.
 * @dev: the device, for messages.
 * @reg: the table.
 * @key: the key's name; not copied.
 * @value: its value.
 *
 * Return: 0, or -ENOSPC (logged, naming the key) when the table is full.
 */
int nvgsp_gsp_registry_add(struct nvgsp_os_device *dev, struct nvgsp_gsp_registry *reg,
			   const char *key, u32 value);

/**
 * nvgsp_gsp_registry_build() - the keys a boot sends: RMSecBusResetEnable,
 * RMForcePcieConfigSave and RMDevidCheckIgnore = 1 always, then
 * RMSetSriovMode = 1 when booted for vGPU (Documentation/gsp-boot.rst,
 * Documentation/vgpu-boot.rst).
 * @dev: the device, for messages.
 * @vgpu: GSP-RM is booted for SR-IOV vGPU.
 * @reg: filled.
 *
 * Return: 0, or -ENOSPC as nvgsp_gsp_registry_add().
 */
int nvgsp_gsp_registry_build(struct nvgsp_os_device *dev, bool vgpu,
			     struct nvgsp_gsp_registry *reg);

/**
 * nvgsp_gsp_init_build_registry() - SET_REGISTRY's payload: a
 * PACKED_REGISTRY_TABLE header, one PACKED_REGISTRY_ENTRY per key, then
 * the NUL-terminated key names the entries' nameOffset point at (offsets
 * from the table's start; size = the whole payload).
 * @dev: the device, for messages.
 * @abi: the release.
 * @reg: the keys (nvgsp_gsp_registry_build()).
 * @buf: destination, or NULL to ask for the size.
 * @len: bytes at @buf.
 *
 * Return: the payload's size (written when @buf is given); -EINVAL for a
 * short @buf or a release without the registry codecs and parameters.
 */
int nvgsp_gsp_init_build_registry(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
				  const struct nvgsp_gsp_registry *reg, void *buf, size_t len);

/**
 * nvgsp_gsp_init_parse_static_info() - decode GET_GSP_STATIC_INFO's reply.
 * @dev: the device, for messages.
 * @abi: the release.
 * @reply: the reply's payload.
 * @len: its length; must equal the release's GspStaticConfigInfo size.
 * @info: filled; its gpu_name is NUL-terminated within the field, and
 *        bytes that are not printable ASCII are replaced with '?'
 *        (nvgsp_fw_str_sanitize()).
 *
 * Return: 0; -EPROTO (message names both sizes) for a reply of another size.
 */
int nvgsp_gsp_init_parse_static_info(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
				     const void *reply, size_t len,
				     struct nvgsp_abi_static_info *info);

#endif /* NVGSP_GSP_INIT_H */
