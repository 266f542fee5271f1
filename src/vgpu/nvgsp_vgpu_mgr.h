/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_vgpu_mgr.h - the vGPU manager of one physical GPU: the types it
 * offers, the resources each vGPU holds, and each vGPU's lifecycle in
 * GSP-RM (plugin task, host RPC channel). Documentation/vgpu-manager.rst.
 *
 * Portable core. The VFIO and mdev front ends (kernel glue) stand on this;
 * so do the unit tests, on gpusim. One manager per PF whose GSP-RM was booted
 * for SR-IOV vGPU (nvgsp_vgpu_boot_decide()).
 *
 * Locking: the manager's lock covers the type table, the allocators and the
 * list of vGPUs, and is never held across an RPC or a wait. Each vGPU has
 * its own lock, held across its lifecycle steps (which may sleep); the FB
 * window (nvgsp_vgpu_fb) has its own, held for one window's access at a
 * time. Every call may sleep.
 *
 * Health: when GSP-RM is dead (nvgsp_gsp_state()), every call that would
 * talk to it fails at once with -EIO (-ENODEV when the device is gone);
 * destroy still releases everything on the host side.
 */
#ifndef NVGSP_VGPU_MGR_H
#define NVGSP_VGPU_MGR_H

#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"
#include "chip/nvgsp_chip.h"
#include "fw/nvgsp_fw_vgpu.h"
#include "gsp/nvgsp_gsp.h"

struct nvgsp_vgpu_mgr;
struct nvgsp_vgpu;

/**
 * struct nvgsp_vgpu_mgr_config - what the manager is created from.
 * @dev: the PF, for messages.
 * @gsp: its GSP-RM, booted for vGPU; the manager's RPCs go through its RM
 *       object layer and its health is GSP-RM's.
 * @bar0: the PF's BAR0 (the PRAMIN window onto FB, the VF doorbell).
 * @chip: the PF's chip.
 * @abi: the bound release.
 * @dbdf: the PF's PCI address, domain 31:16, bus 15:8, devfn 7:0.
 * @vf_first_offset: the SR-IOV capability's First VF Offset.
 * @vf_stride: its VF Stride.
 * @types: the PF's vGPU types from the catalogue file
 *         (nvgsp_fw_vgpu_parse(), VMMU segment not yet known), or NULL when
 *         there is none: the manager then offers no type. Copied.
 * @types_file: the catalogue file @types was parsed from (the control
 *              forwarded to GSP-RM lies in it); read during create only.
 * @timeout_scale: multiply every wait by this (1 on hardware); 0 means 1.
 */
struct nvgsp_vgpu_mgr_config {
	struct nvgsp_os_device *dev;
	struct nvgsp_gsp *gsp;
	struct nvgsp_os_bar *bar0;
	const struct nvgsp_chip_info *chip;
	const struct nvgsp_abi *abi;
	u32 dbdf;
	u16 vf_first_offset;
	u16 vf_stride;
	const struct nvgsp_fw_vgpu_catalogue *types;
	const struct nvgsp_fw_blob *types_file;
	u32 timeout_scale;
};

/**
 * nvgsp_vgpu_mgr_create() - set up the vGPU manager of a PF.
 * @cfg: the configuration.
 * @out: set to the manager.
 *
 * Takes the FB left to vGPUs from GSP-RM's static info (the largest usable
 * FB region, nvgsp_vgpu_fb_usable()), opens the manager's own RM client,
 * reads the VMMU segment size (once:
 * it is fixed while GSP-RM runs) and the engine list, checks every type
 * against the segment size and the FB available to vGPUs, forwards the
 * catalogue's RM control (allow-listed, its size checked against the
 * release's layout), and sets up the FB, heap and channel allocators.
 * Logs one line with what it found ("vGPU: 12 types, VMMU segment 32 MiB,
 * 44 GiB FB for vGPUs, channels 512..2047").
 *
 * Return: 0, or a negative errno with one line naming what failed; nothing
 * stays allocated on failure.
 */
int nvgsp_vgpu_mgr_create(const struct nvgsp_vgpu_mgr_config *cfg,
			  struct nvgsp_vgpu_mgr **out);

/**
 * nvgsp_vgpu_mgr_destroy() - destroy every vGPU still alive (named in a
 * warning each), then free the manager. NULL is ignored.
 * @mgr: the manager.
 */
void nvgsp_vgpu_mgr_destroy(struct nvgsp_vgpu_mgr *mgr);

/**
 * nvgsp_vgpu_mgr_segment_size() - GSP-RM's VMMU segment size.
 * @mgr: the manager.
 *
 * Return: bytes (a power of two, 32 MiB .. 512 MiB).
 */
u64 nvgsp_vgpu_mgr_segment_size(const struct nvgsp_vgpu_mgr *mgr);

/**
 * nvgsp_vgpu_mgr_type() - the manager's type table, by index.
 * @mgr: the manager.
 * @index: 0 .. nvgsp_vgpu_mgr_nr_types() - 1.
 *
 * Return: the type, or NULL past the end.
 */
const struct nvgsp_fw_vgpu_type *nvgsp_vgpu_mgr_type(const struct nvgsp_vgpu_mgr *mgr,
						      unsigned int index);

/**
 * nvgsp_vgpu_mgr_find_type() - a type of the manager's table, by id.
 * @mgr: the manager.
 * @type_id: the type id (NVIDIA's vgpuTypeId).
 *
 * The table is fixed while the manager lives; no lock is needed.
 *
 * Return: the type, or NULL when the manager offers no type @type_id.
 */
const struct nvgsp_fw_vgpu_type *nvgsp_vgpu_mgr_find_type(const struct nvgsp_vgpu_mgr *mgr,
							   u32 type_id);

/**
 * nvgsp_vgpu_mgr_nr_types() - how many types the manager offers.
 * @mgr: the manager.
 *
 * Return: the count (0 without a catalogue).
 */
unsigned int nvgsp_vgpu_mgr_nr_types(const struct nvgsp_vgpu_mgr *mgr);

/**
 * nvgsp_vgpu_mgr_available() - how many more VFs can take a place for
 * @type_id now (NVIDIA's available_instances): limited by the type's
 * instances on this GPU (nvgsp_vgpu_mgr_slots()), by the placement rule
 * (every place on a GPU is of one type) and by the VFs without a place.
 * @mgr: the manager.
 * @type_id: the type.
 *
 * Return: the count; 0 for an unknown type.
 */
unsigned int nvgsp_vgpu_mgr_available(struct nvgsp_vgpu_mgr *mgr, u32 type_id);

/**
 * nvgsp_vgpu_mgr_select() - choose the type VF @vf will carry (a write to
 * its nvidia/current_vgpu_type): the VF takes a place for it, which stays
 * until 0 is written, across the vGPUs created on it.
 * @mgr: the manager.
 * @vf: the VF index.
 * @type_id: the type; 0 gives the place back.
 *
 * Return: 0 (also when @type_id is already the VF's); -EINVAL for an
 * unknown type or VF; -EBUSY while the VF has a vGPU (it is open), or when
 * it holds a place for another type (write 0 first); -ENOSPC when the type
 * cannot be placed (another type's places exist, or all of its places are
 * taken). A refusal changes nothing.
 */
int nvgsp_vgpu_mgr_select(struct nvgsp_vgpu_mgr *mgr, u16 vf, u32 type_id);

/**
 * nvgsp_vgpu_mgr_selected() - the type VF @vf holds a place for (its
 * nvidia/current_vgpu_type).
 * @mgr: the manager.
 * @vf: the VF index.
 *
 * Return: the type id; 0 for none or an unknown VF.
 */
u32 nvgsp_vgpu_mgr_selected(struct nvgsp_vgpu_mgr *mgr, u16 vf);

/**
 * nvgsp_vgpu_mgr_creatable() - the text of VF @vf's
 * nvidia/creatable_vgpu_types: "ID    : vGPU Name" and one "%-5u : %s" line
 * per type with a place left (NVIDIA's format), or nothing once the VF holds
 * a place.
 * @mgr: the manager.
 * @vf: the VF index.
 * @buf: destination, NUL-terminated.
 * @len: its size.
 *
 * Return: bytes written; -EINVAL for an unknown VF; -E2BIG when @len is too
 * small (output that fills @buf to its last byte counts as cut).
 */
long nvgsp_vgpu_mgr_creatable(struct nvgsp_vgpu_mgr *mgr, u16 vf, char *buf, size_t len);

/**
 * nvgsp_vgpu_mgr_vf_can_take() - whether VF @vf could carry a vGPU of type
 * @type_id now: what an mdev type's available_instances says on a VF
 * (Documentation/vgpu-mdev.rst).
 * @mgr: the manager.
 * @vf: the VF index.
 * @type_id: the type.
 *
 * Return: 1 when the VF has no vGPU and either holds a place for @type_id
 * or holds none while the type has a place left (nvgsp_vgpu_mgr_available());
 * 0 otherwise, also for an unknown VF or type.
 */
unsigned int nvgsp_vgpu_mgr_vf_can_take(struct nvgsp_vgpu_mgr *mgr, u16 vf, u32 type_id);

/**
 * nvgsp_vgpu_mgr_describe() - an mdev type's description, in the key=value
 * form of NVIDIA's mdev releases, with the keys nvgsp knows from the type
 * catalogue: "framebuffer=<MiB>M, max_instance=<n>\n".
 * @mgr: the manager.
 * @type_id: the type.
 * @buf: destination, NUL-terminated.
 * @len: its size.
 *
 * Return: bytes written; -EINVAL for an unknown type; -E2BIG when @len is
 * too small (output that fills @buf to its last byte counts as cut).
 */
long nvgsp_vgpu_mgr_describe(const struct nvgsp_vgpu_mgr *mgr, u32 type_id, char *buf, size_t len);

/**
 * nvgsp_vgpu_mgr_parse_type() - read a type id written to
 * nvidia/current_vgpu_type: decimal digits, one trailing newline allowed.
 * @buf: the bytes written (not NUL-terminated).
 * @len: their number.
 * @type_id: set on success.
 *
 * Return: 0; -EINVAL for anything else; -ERANGE above U32_MAX.
 */
int nvgsp_vgpu_mgr_parse_type(const char *buf, size_t len, u32 *type_id);

/**
 * struct nvgsp_vgpu_usage - what the manager has handed out.
 * @vgpus: vGPUs alive.
 * @fb_used: FB bytes held by vGPUs (guest FB and management heaps).
 * @fb_total: FB bytes available to vGPUs.
 * @chids_used: channel IDs held, summed over engines.
 * @rm_objects: RM objects the manager's layer has allocated (its own client
 *              included) and not freed.
 */
struct nvgsp_vgpu_usage {
	u32 vgpus;
	u64 fb_used;
	u64 fb_total;
	u32 chids_used;
	u32 rm_objects;
};

/**
 * nvgsp_vgpu_mgr_usage() - read the accounting.
 * @mgr: the manager.
 * @out: filled.
 */
void nvgsp_vgpu_mgr_usage(struct nvgsp_vgpu_mgr *mgr, struct nvgsp_vgpu_usage *out);

/**
 * struct nvgsp_vgpu_params - what a vGPU is created with.
 * @vf: the VF it runs on, 0-based (GFID @vf + 1); must be enabled.
 * @type_id: its type.
 * @vm_pid: the process that owns it (the VMM), for GSP-RM's accounting.
 * @uuid: its UUID (the mdev UUID, or one made up by the VFIO front end).
 */
struct nvgsp_vgpu_params {
	u16 vf;
	u32 type_id;
	u32 vm_pid;
	u8 uuid[16];
};

/**
 * nvgsp_vgpu_create() - create a vGPU and start its plugin task.
 * @mgr: the manager.
 * @p: the parameters.
 * @out: set to the vGPU, ready for its guest.
 *
 * Allocates the channels, the guest FB and the management heap (both
 * scrubbed before use), the vGPU's RM client, then BOOTLOAD_GSP_VGPU_PLUGIN_TASK,
 * waits (sleeping, bounded) for the plugin to report itself bootloaded,
 * then the host RPCs VERSION_NEGOTIATION and SETUP_CONFIG_PARAMS_AND_INIT.
 * On any failure everything done so far is undone, in reverse.
 *
 * The VF uses the place chosen for it (nvgsp_vgpu_mgr_select()), or takes
 * one for the vGPU's lifetime when it has none.
 *
 * Return: 0; -EINVAL for an unknown type or VF index; -EBUSY when the VF
 * already has a vGPU or holds a place for another type; -ENOSPC when the
 * type cannot be placed (its places taken, placement rule, FB or channels); -ETIMEDOUT when the plugin does not
 * boot or answer; -EPROTO for a malformed answer; -EIO/-ENODEV for a dead
 * GSP-RM or a device that is gone; another errno from GSP-RM's status.
 */
int nvgsp_vgpu_create(struct nvgsp_vgpu_mgr *mgr, const struct nvgsp_vgpu_params *p,
		      struct nvgsp_vgpu **out);

/**
 * nvgsp_vgpu_destroy() - stop a vGPU's plugin task (SHUTDOWN, then
 * CLEANUP), free its RM client, scrub and free its FB and heap, free its
 * channels. Errors on the way are logged and the teardown goes on; FB whose
 * scrub failed is kept out of the allocator (named in the log) rather than
 * given to the next tenant. NULL is ignored.
 * @vgpu: the vGPU.
 */
void nvgsp_vgpu_destroy(struct nvgsp_vgpu *vgpu);

/**
 * nvgsp_vgpu_reset() - reset the vGPU (host RPC RESET), as VFIO_DEVICE_RESET
 * asks.
 * @vgpu: the vGPU.
 *
 * Return: 0 or a negative errno as nvgsp_vgpu_create()'s RPC errors.
 */
int nvgsp_vgpu_reset(struct nvgsp_vgpu *vgpu);

/**
 * nvgsp_vgpu_set_bme() - tell the plugin the VF's bus-master enable changed
 * (host RPC UPDATE_BME_STATE).
 * @vgpu: the vGPU.
 * @enable: the VF's Bus Master Enable bit as the guest set it.
 *
 * Return: 0 or a negative errno as nvgsp_vgpu_reset().
 */
int nvgsp_vgpu_set_bme(struct nvgsp_vgpu *vgpu, bool enable);

/**
 * struct nvgsp_vgpu_guest_info - what the plugin reports about the guest
 * (host RPC GET_GUEST_INFO, then the response region).
 * @guest_rpc_version: the RPC version negotiated with the guest driver.
 * @grid_license_state: the guest's license state as the plugin saw it.
 * @guest_os_type: the guest OS type (0 in releases that do not report it).
 * @frl_config: the frame-rate limit (0 likewise).
 */
struct nvgsp_vgpu_guest_info {
	u32 guest_rpc_version;
	u32 grid_license_state;
	u32 guest_os_type;
	u32 frl_config;
};

/**
 * nvgsp_vgpu_guest_info() - ask the plugin about the guest.
 * @vgpu: the vGPU.
 * @out: filled on success.
 *
 * Return: 0 or a negative errno as nvgsp_vgpu_reset().
 */
int nvgsp_vgpu_guest_info(struct nvgsp_vgpu *vgpu, struct nvgsp_vgpu_guest_info *out);

/**
 * enum nvgsp_vgpu_log - the plugin's log buffers in the management heap.
 * @NVGSP_VGPU_LOG_INIT: the init task's.
 * @NVGSP_VGPU_LOG_VGPU: the vGPU task's.
 * @NVGSP_VGPU_LOG_KERNEL: the kernel's (releases that have it; 570.144).
 * @NVGSP_VGPU_NR_LOGS: how many.
 */
enum nvgsp_vgpu_log {
	NVGSP_VGPU_LOG_INIT,
	NVGSP_VGPU_LOG_VGPU,
	NVGSP_VGPU_LOG_KERNEL,
	NVGSP_VGPU_NR_LOGS,
};

/**
 * nvgsp_vgpu_log_size() - a log buffer's size.
 * @vgpu: the vGPU.
 * @log: which.
 *
 * Return: bytes; 0 for a log the release does not have.
 */
u32 nvgsp_vgpu_log_size(const struct nvgsp_vgpu *vgpu, enum nvgsp_vgpu_log log);

/**
 * nvgsp_vgpu_log_read() - copy bytes of a log buffer out of FB, raw (the
 * plugin's records, as the firmware writes them).
 * @vgpu: the vGPU.
 * @log: which.
 * @off: offset in the buffer.
 * @buf: destination.
 * @len: bytes wanted.
 *
 * Return: bytes copied (0 at or past the end), or a negative errno.
 */
long nvgsp_vgpu_log_read(struct nvgsp_vgpu *vgpu, enum nvgsp_vgpu_log log, u64 off,
			    void *buf, size_t len);

/**
 * nvgsp_vgpu_mgr_log_read() - as nvgsp_vgpu_log_read(), for the vGPU on VF
 * @vf if there is one (debugfs: the files outlive the vGPUs). Holds the
 * manager's lock while it copies, so the vGPU cannot go meanwhile.
 * @mgr: the manager.
 * @vf: the VF index.
 * @log: which log.
 * @off: offset in the buffer.
 * @buf: destination.
 * @len: bytes wanted.
 *
 * Return: bytes copied, 0 past the end, -ENODEV when the VF has no vGPU, or
 * another negative errno as nvgsp_vgpu_log_read().
 */
long nvgsp_vgpu_mgr_log_read(struct nvgsp_vgpu_mgr *mgr, u16 vf, enum nvgsp_vgpu_log log,
			     u64 off, void *buf, size_t len);

/**
 * nvgsp_vgpu_mgr_vfs() - how many VFs the manager serves (GSP-RM's TotalVFs).
 * @mgr: the manager.
 *
 * Return: the count.
 */
u16 nvgsp_vgpu_mgr_vfs(const struct nvgsp_vgpu_mgr *mgr);

/**
 * nvgsp_vgpu_gfid() - the vGPU's GFID (VF index + 1).
 * @vgpu: the vGPU.
 *
 * Return: the GFID.
 */
u32 nvgsp_vgpu_gfid(const struct nvgsp_vgpu *vgpu);

#endif /* NVGSP_VGPU_MGR_H */
