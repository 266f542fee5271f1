/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * unit_vgpu.h - what a vGPU manager suite sets up: every vGPU-capable
 * family x release as a row (chip, release, board), GSP-RM booted for
 * SR-IOV vGPU on gpusim with VFs enabled, the row's vGPU type catalogue
 * file built and parsed for the PF; and the model lock that lets several
 * driver threads share one in-process gpusim.
 */
#ifndef NVGSP_UNIT_VGPU_H
#define NVGSP_UNIT_VGPU_H

#include <pthread.h>

#include "unit_gsp.h"
#include "fw/nvgsp_fw_vgpu.h"

/**
 * struct unit_vgpu_row - one vGPU-capable family with one release.
 * @chip: gpusim chip name ("ga102").
 * @release: the firmware release.
 * @device_id: the board's PCI device id (gpusim_config.device_id): one of
 *             gpusim's SR-IOV boards, with types in gpusim_vgpu_types[].
 * @fb_mib: the board's FB in MiB (gpusim_config.fb_mib).
 * @board: for messages ("A40").
 */
struct unit_vgpu_row {
	const char *chip;
	const char *release;
	u16 device_id;
	u32 fb_mib;
	const char *board;
};

/*
 * 535.113.01 on GA100 (A100), GA102 (A40), AD102 (L40); 570.144 on those
 * and GH100 (H100 PCIe). 535.113.01 boots no Hopper (unit_gsp.h).
 */
#define UNIT_VGPU_NROWS 7
extern const struct unit_vgpu_row unit_vgpu_rows[UNIT_VGPU_NROWS];

/*
 * DOC: the model lock
 *
 * gpusim is a single-threaded model: its entry points (BAR0 rd32/wr32, the
 * tick, the SR-IOV, VF and VRAM functions, the stats and error getters)
 * assume one caller at a time. Hardware serialises register accesses at the
 * device, so driver threads may access BAR0 at once; to give the driver
 * that freedom against one in-process model, every entry into the model is
 * made under one mutex, the model lock:
 *
 * - the driver's BAR0 (struct unit_gsp's @bar) uses unit_vgpu_bar0_ops,
 *   which take the lock around each of gpusim_bar0_ops' accesses (dword and bulk);
 * - the OS layer's tick hook is unit_vgpu_tick_hook(), which takes it
 *   around gpusim_tick() (the virtual clock itself is advanced atomically
 *   by the OS layer, outside the lock);
 * - a test that calls gpusim directly (gpusim_sriov_control(),
 *   gpusim_error(), gpusim_get_stats(), the VF and VRAM functions) while
 *   driver threads run wraps the call in unit_vgpu_model_lock() and
 *   unit_vgpu_model_unlock().
 *
 * The lock is recursive: the model may call back into the driver (an
 * interrupt callback that reads BAR0) from inside an entry, and that must
 * not deadlock. Such a callback runs under the model lock, so it must not
 * wait for a driver lock that a thread entering the model may hold (as a
 * hard interrupt handler may not sleep). The lock is held only for one
 * model entry, never while the driver waits: a driver thread that polls a
 * register takes and releases it on every access, as it would hold a PCIe
 * transaction. unit_vgpu_bar0_ops sets only rd32 and wr32: any optional
 * bulk op of struct nvgsp_os_bar_ops is left unset, so a bulk BAR access
 * falls back to one locked access per dword; a driver that needs a bulk
 * transfer to be atomic against other threads serialises it itself, as on
 * hardware.
 *
 * Check's assertions are not thread-safe: a test's threads count failures
 * and the test thread asserts on them after joining.
 */

/**
 * struct unit_vgpu_model - one gpusim shared by threads.
 * @lock: the model lock (recursive).
 * @sim: the model.
 * @entries: entries made under the lock (for tests).
 */
struct unit_vgpu_model {
	pthread_mutex_t lock;
	struct gpusim *sim;
	unsigned long entries;
};

/* BAR0 ops with ctx = struct unit_vgpu_model: gpusim's, under the lock. */
extern const struct nvgsp_os_bar_ops unit_vgpu_bar0_ops;

/* The OS layer's tick hook with ctx = struct unit_vgpu_model. */
void unit_vgpu_tick_hook(void *model, u64 now_ns);

/**
 * unit_vgpu_model_init() - make @m the lock around @sim, and switch @g's
 * BAR0 and the OS layer's tick hook to it.
 * @m: the lock.
 * @g: an environment from unit_gsp_init*() whose model is @m's.
 */
void unit_vgpu_model_init(struct unit_vgpu_model *m, struct unit_gsp *g);

/* Undo unit_vgpu_model_init() once no other thread uses the model. */
void unit_vgpu_model_fini(struct unit_vgpu_model *m);

/* Take and release the model lock, around a test's own gpusim calls. */
void unit_vgpu_model_lock(struct unit_vgpu_model *m);
void unit_vgpu_model_unlock(struct unit_vgpu_model *m);

/**
 * struct unit_vgpu - a PF booted for vGPU, ready for the vGPU manager.
 * @g: the simulated GPU and the boot config (@g.cfg.vgpu set).
 * @model: the model lock; @g.bar and the tick go through it.
 * @row: the row.
 * @gsp: GSP-RM, booted for SR-IOV vGPU.
 * @sriov: the PF's VF table in the OS layer (@g.dev.sriov points at it).
 * @total_vfs: TotalVFs of the board (and of gspVFInfo).
 * @num_vfs: VFs enabled, in the model and in @sriov.
 * @vmmu_segment: GSP-RM's VMMU segment size, bytes.
 * @file: the row's catalogue file, "vgpu-<release>.bin", with the types of
 *        every device of gpusim_vgpu_types[] (gpusim_vgpumeta_build()).
 * @file_len: its size.
 * @blob: @file as the driver gets it.
 * @cat: @file parsed for the PF's device id, against @vmmu_segment.
 * @dma_live: DMA buffers live before the boot: the count to return to.
 */
struct unit_vgpu {
	struct unit_gsp g;
	struct unit_vgpu_model model;
	const struct unit_vgpu_row *row;
	struct nvgsp_gsp *gsp;
	struct nvgsp_os_user_sriov sriov;
	u16 total_vfs;
	u16 num_vfs;
	u64 vmmu_segment;
	u8 *file;
	size_t file_len;
	char file_name[32];
	struct nvgsp_fw_blob blob;
	struct nvgsp_fw_vgpu_catalogue *cat;
	size_t dma_live;
};

/**
 * unit_vgpu_init() - boot GSP-RM for vGPU on gpusim for @row and enable
 * @num_vfs VFs; any failure fails the calling test.
 * @v: filled.
 * @row: the row.
 * @num_vfs: VFs to enable (unit_vgpu_enable_vfs()); 0: none.
 *
 * unit_gsp_init_board() with the row's board, the model lock installed,
 * cfg.vgpu set and gspVFInfo filled (unit_gsp_vf_info()), nvgsp_gsp_boot(),
 * the VMMU segment size asked of GSP-RM, then the catalogue file built for
 * the row's release and parsed for the PF's device id. The unit log is
 * reset at the end.
 */
void unit_vgpu_init(struct unit_vgpu *v, const struct unit_vgpu_row *row, u16 num_vfs);

/**
 * unit_vgpu_enable_vfs() - enable @n VFs (0: disable them) as the PCI core
 * would after sriov_numvfs: VF Enable and NumVFs in the model's SR-IOV
 * capability (gpusim_sriov_control(), under the model lock) and the OS
 * layer's VF table (@v->sriov.num_vfs).
 * @v: the environment.
 * @n: 0..@v->total_vfs.
 */
void unit_vgpu_enable_vfs(struct unit_vgpu *v, u16 n);

/**
 * unit_vgpu_fini() - shut GSP-RM down (when @v->gsp is still set), disable
 * the VFs and release everything unit_vgpu_init() made. Call it once every
 * other thread is done with the model.
 * @v: the environment.
 */
void unit_vgpu_fini(struct unit_vgpu *v);

#endif /* NVGSP_UNIT_VGPU_H */
