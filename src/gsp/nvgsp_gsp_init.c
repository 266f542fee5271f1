// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_gsp_init.c - GSP-RM bring-up over RPC, "gsp-init-v1": the host's
 * system information and the registry are queued before GSP-RM starts;
 * once it has run the CPU sequencer and sent GSP_INIT_DONE, its static
 * configuration is read back.
 *
 * Portable core. The payloads are built by pure functions (tested without
 * a transport); nvgsp_gsp_init_queue()/_wait() only add the RPCs.
 *
 * DOC: what the host tells GSP-RM
 *
 * GspSystemInfo, as nouveau's r535_gsp_set_system_info() and
 * r570_gsp_set_system_info() (drivers/gpu/drm/nouveau/nvkm/subdev/gsp/rm/
 * r535/gsp.c, r570/gsp.c) and nova-core's GspSetSystemInfo::init()
 * (drivers/gpu/nova-core/gsp/fw/commands.rs) fill it:
 *  - gpuPhysAddr, gpuPhysFbAddr, gpuPhysInstAddr: BAR0, BAR1 and BAR3;
 *  - nvDomainBusDeviceFunc: the kernel's pci_dev_id(), (bus << 8) | devfn
 *    (both references; the domain is not part of it);
 *  - maxUserVa: the x86-64 user address space limit, (1 << 47) - 4 KiB
 *    (nouveau sends TASK_SIZE, nova-core this constant);
 *  - pciConfigMirrorBase/Size: where BAR0 mirrors PCI config space,
 *    0x88000 on Turing..Ada and 0x92000 from Hopper on, 4 KiB (nouveau's
 *    tu102/gh100 PCI HALs, nova-core's gpu/hal tu102.rs/gh100.rs);
 *  - 570.144 only: PCIDeviceID = device << 16 | vendor, PCISubDeviceID =
 *    subsystem << 16 | subsystem vendor, PCIRevisionID.
 * Everything else stays zero, as in both references (oorArch, ACPI data,
 * bIsPrimary, the host chipset fields: "Chipset" is the host bridge's id,
 * not the GPU's).
 *
 * DOC: the registry
 *
 * The packed table nouveau's r535_gsp_rpc_set_registry() builds: header
 * {size, numEntries}, numEntries PACKED_REGISTRY_ENTRY {nameOffset, type,
 * data, length}, then the NUL-terminated names. nameOffset counts from the
 * table's start; size is the whole payload (nova-core's SetRegistry leaves
 * the header out of size and sets length 0; we follow nouveau, which has
 * booted both releases on hardware). DWORD entries carry the value in data
 * and length 4.
 */
#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"
#include "chip/nvgsp_chip.h"
#include "chip/regs/nvgsp_regs_pmc.h"
#include "fw/nvgsp_fw_blob.h"
#include "gsp/nvgsp_gsp_init.h"
#include "transport/nvgsp_rpc.h"

#define NVGSP_GSP_INIT_PROTOCOL		"gsp-init-v1"
#define NVGSP_GSP_INIT_VERSION		1

/* x86-64 TASK_SIZE with 4-level paging: (1 << 47) - PAGE_SIZE. */
#define NVGSP_GSP_MAX_USER_VA		((1ULL << 47) - 4096)

int nvgsp_gsp_registry_add(struct nvgsp_os_device *dev, struct nvgsp_gsp_registry *reg,
			   const char *key, u32 value)
{
	if (reg->count >= NVGSP_GSP_REGISTRY_MAX) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "SET_REGISTRY: no room for %s: the table holds %u keys",
			     key, NVGSP_GSP_REGISTRY_MAX);
		return -ENOSPC;
	}
	reg->entries[reg->count].key = key;
	reg->entries[reg->count].value = value;
	reg->count++;
	return 0;
}

/*
 * The keys every boot gets. RMSecBusResetEnable: allow PCI secondary bus
 * reset; RMForcePcieConfigSave: preserve PCI config registers across
 * resets (nouveau r535 gsp.c r535_registry_entries); RMDevidCheckIgnore:
 * boot even when the device id is not in RM's product table (nova-core
 * gsp/commands.rs SetRegistry, needed for simulated and new boards).
 * Booted for vGPU, also RMSetSriovMode = 1 (Documentation/vgpu-boot.rst).
 */
int nvgsp_gsp_registry_build(struct nvgsp_os_device *dev, bool vgpu,
			     struct nvgsp_gsp_registry *reg)
{
	int ret;

	memset(reg, 0, sizeof(*reg));
	ret = nvgsp_gsp_registry_add(dev, reg, "RMSecBusResetEnable", 1) ?:
	      nvgsp_gsp_registry_add(dev, reg, "RMForcePcieConfigSave", 1) ?:
	      nvgsp_gsp_registry_add(dev, reg, "RMDevidCheckIgnore", 1);
	if (!ret && vgpu)
		ret = nvgsp_gsp_registry_add(dev, reg, "RMSetSriovMode", 1);
	return ret;
}

static int gsp_init_check_protocol(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi)
{
	if (!abi->init || abi->init->version != NVGSP_GSP_INIT_VERSION) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "GSP-RM %s speaks init protocol %s; this module implements %s",
			     abi->release, abi->init ? abi->init->name : "(none)",
			     NVGSP_GSP_INIT_PROTOCOL);
		return -EOPNOTSUPP;
	}
	return 0;
}

static size_t gsp_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int nvgsp_gsp_init_build_system_info(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
				     u16 chipset, const struct nvgsp_gsp_pci *pci, void *buf,
				     size_t len)
{
	const struct nvgsp_chip_info *chip;
	struct nvgsp_abi_system_info si;
	int ret;

	ret = gsp_init_check_protocol(dev, abi);
	if (ret)
		return ret;

	chip = nvgsp_chip_lookup(chipset);
	if (!chip) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "GSP_SET_SYSTEM_INFO: chipset 0x%x is not a chip nvgsp knows",
			     chipset);
		return -EINVAL;
	}

	memset(&si, 0, sizeof(si));
	si.gpu_phys_addr = pci->bar0_addr;
	si.gpu_phys_fb_addr = pci->bar1_addr;
	si.gpu_phys_inst_addr = pci->bar3_addr;
	si.nv_domain_bus_device_func = ((u64)pci->bus << 8) | pci->devfn;
	si.max_user_va = NVGSP_GSP_MAX_USER_VA;
	switch (chip->family) {
	case NVGSP_FAMILY_TURING:
	case NVGSP_FAMILY_AMPERE:
	case NVGSP_FAMILY_ADA:
		si.pci_config_mirror_base = NV_PCFG_MIRROR_TU102;
		break;
	default:
		si.pci_config_mirror_base = NV_PCFG_MIRROR_GH100;
		break;
	}
	si.pci_config_mirror_size = NV_PCFG_MIRROR_SIZE;
	/* Carried by 570.144's layout only; the codec drops them for 535. */
	si.pci_device_id = ((u32)pci->device_id << 16) | pci->vendor_id;
	si.pci_sub_device_id = ((u32)pci->subsystem_id << 16) | pci->subsystem_vendor_id;
	si.pci_revision_id = pci->revision_id;
	/* gspVFInfo: the PF's SR-IOV capability (Documentation/sriov.rst). */
	si.vf_total = pci->vf_total;
	si.vf_first_offset = pci->vf_first_offset;
	si.vf_bar0_address = pci->vf_bar_addr[0];
	si.vf_bar1_address = pci->vf_bar_addr[1];
	si.vf_bar2_address = pci->vf_bar_addr[2];
	si.vf_bar0_64bit = pci->vf_bar_64bit[0];
	si.vf_bar1_64bit = pci->vf_bar_64bit[1];
	si.vf_bar2_64bit = pci->vf_bar_64bit[2];

	ret = nvgsp_abi_encode_system_info(abi, &si, buf, len);
	if (ret < 0)
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "GSP_SET_SYSTEM_INFO: cannot encode %s for %s (%zu of %u bytes): %d",
			     "GspSystemInfo",
			     abi->release, len,
			     nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_SYSTEM_INFO), ret);
	return ret;
}

int nvgsp_gsp_init_build_registry(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
				  const struct nvgsp_gsp_registry *reg, void *buf, size_t len)
{
	u32 hdr = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_REGISTRY_TABLE);
	u32 ent = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_REGISTRY_ENTRY);
	struct nvgsp_abi_registry_table table;
	struct nvgsp_abi_registry_entry entry;
	u64 type_dword;
	size_t size, name_off, i;
	u8 *out = buf;
	int ret;

	if (!hdr || !ent || nvgsp_abi_param(abi, "registry.type_dword", &type_dword) ||
	    type_dword > 0xff) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "SET_REGISTRY: release %s lacks the registry codecs or %s",
			     abi->release, "registry.type_dword");
		return -EINVAL;
	}

	size = hdr + reg->count * ent;
	for (i = 0; i < reg->count; i++)
		size += gsp_strlen(reg->entries[i].key) + 1;
	if (!buf)
		return (int)size;
	if (len < size) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "SET_REGISTRY: the table needs %zu bytes, the buffer has %zu",
			     size, len);
		return -EINVAL;
	}

	memset(out, 0, size);
	table.size = (u32)size;
	table.num_entries = reg->count;
	ret = nvgsp_abi_encode_registry_table(abi, &table, out, len);
	if (ret < 0)
		return ret;

	name_off = hdr + reg->count * ent;
	for (i = 0; i < reg->count; i++) {
		size_t klen = gsp_strlen(reg->entries[i].key) + 1;

		entry.name_offset = (u32)name_off;
		entry.type = (u8)type_dword;
		entry.data = reg->entries[i].value;
		entry.length = sizeof(u32);
		ret = nvgsp_abi_encode_registry_entry(abi, &entry, out + hdr + i * ent, ent);
		if (ret < 0)
			return ret;
		memcpy(out + name_off, reg->entries[i].key, klen);
		name_off += klen;
	}
	return (int)size;
}

int nvgsp_gsp_init_parse_static_info(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
				     const void *reply, size_t len,
				     struct nvgsp_abi_static_info *info)
{
	u32 want = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_STATIC_INFO);
	int ret;

	if (!want || len != want) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "GET_GSP_STATIC_INFO: reply is %zu bytes, %s's %s is %u", len,
			     abi->release, "GspStaticConfigInfo", want);
		return -EPROTO;
	}
	ret = nvgsp_abi_decode_static_info(abi, info, reply, len);
	if (ret < 0)
		return ret;
	/* The firmware's name string is printed: bound and sanitise it. */
	nvgsp_fw_str_sanitize(info->gpu_name, sizeof(info->gpu_name));
	return 0;
}

int nvgsp_gsp_init_queue(struct nvgsp_rpc *rpc, const struct nvgsp_abi *abi, u16 chipset,
			 const struct nvgsp_gsp_pci *pci, bool vgpu)
{
	struct nvgsp_os_device *dev = nvgsp_rpc_device(rpc);
	size_t si_len = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_SYSTEM_INFO);
	struct nvgsp_gsp_registry reg;
	int reg_len, ret;
	void *buf;

	ret = gsp_init_check_protocol(dev, abi);
	if (!ret)
		ret = nvgsp_gsp_registry_build(dev, vgpu, &reg);
	if (ret)
		return ret;

	buf = nvgsp_os_zalloc(si_len ? si_len : 1);
	if (!buf)
		return -ENOMEM;
	ret = nvgsp_gsp_init_build_system_info(dev, abi, chipset, pci, buf, si_len);
	if (ret >= 0)
		ret = nvgsp_rpc_send(rpc, NVGSP_ABI_RPC_GSP_SET_SYSTEM_INFO, buf, (size_t)ret);
	nvgsp_os_free(buf);
	if (ret < 0) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0, "GSP_SET_SYSTEM_INFO not queued: %d", ret);
		return ret;
	}

	reg_len = nvgsp_gsp_init_build_registry(dev, abi, &reg, NULL, 0);
	if (reg_len < 0)
		return reg_len;
	buf = nvgsp_os_zalloc(reg_len);
	if (!buf)
		return -ENOMEM;
	ret = nvgsp_gsp_init_build_registry(dev, abi, &reg, buf, reg_len);
	if (ret >= 0)
		ret = nvgsp_rpc_send(rpc, NVGSP_ABI_RPC_SET_REGISTRY, buf, (size_t)ret);
	nvgsp_os_free(buf);
	if (ret < 0) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0, "SET_REGISTRY not queued: %d", ret);
		return ret;
	}
	return 0;
}

int nvgsp_gsp_init_wait(struct nvgsp_rpc *rpc, const struct nvgsp_abi *abi, u32 timeout_ms,
			struct nvgsp_abi_static_info *info)
{
	return nvgsp_gsp_init_wait_keep(rpc, abi, timeout_ms, info, NULL, NULL);
}

int nvgsp_gsp_init_wait_keep(struct nvgsp_rpc *rpc, const struct nvgsp_abi *abi, u32 timeout_ms,
			     struct nvgsp_abi_static_info *info, u8 **wire, size_t *wire_len)
{
	struct nvgsp_os_device *dev = nvgsp_rpc_device(rpc);
	size_t size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_STATIC_INFO);
	size_t got = 0;
	u8 *req, *reply;
	int ret;

	ret = gsp_init_check_protocol(dev, abi);
	if (ret)
		return ret;
	if (!size) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "GET_GSP_STATIC_INFO: release %s has no GspStaticConfigInfo codec",
			     abi->release);
		return -EOPNOTSUPP;
	}

	ret = nvgsp_rpc_wait_event(rpc, NVGSP_ABI_EVENT_GSP_INIT_DONE, timeout_ms);
	if (ret) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "GSP-RM %s did not report GSP_INIT_DONE within %u ms: %d",
			     abi->release, timeout_ms, ret);
		return ret;
	}

	/* nouveau's nvkm_gsp_rpc_rd(): a zeroed struct out, the filled one back. */
	req = nvgsp_os_zalloc(size);
	if (!req)
		return -ENOMEM;
	reply = nvgsp_os_zalloc(size);
	if (!reply) {
		ret = -ENOMEM;
		goto free_req;
	}

	ret = nvgsp_rpc_call(rpc, NVGSP_ABI_RPC_GET_GSP_STATIC_INFO, req, size, reply, size,
			     &got, 0);
	if (ret) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0, "GET_GSP_STATIC_INFO failed: %d", ret);
		goto free_reply;
	}
	ret = nvgsp_gsp_init_parse_static_info(dev, abi, reply, got, info);
	if (!ret && wire) {
		*wire = reply;
		*wire_len = got;
		reply = NULL;
	}

free_reply:
	nvgsp_os_free(reply);
free_req:
	nvgsp_os_free(req);
	return ret;
}
