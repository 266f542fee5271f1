/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gpusim_rm.h - the boundary between gpusim's hardware model (registers,
 * falcons, booter, FSP: gpusim_*.c) and its GSP-RM behaviour model
 * (gpusim_rm*.c). Internal to gpusim.
 *
 * The hardware model calls gpusim_rm_*() when GSP-RM would run: it starts
 * it once the booter (SEC2 path) or FMC (FSP path) has accepted the WPR
 * metadata and the image, and forwards doorbell writes and ticks. The RM
 * model reaches the world only through the gpusim_hw_*() services below.
 */
#ifndef GPUSIM_RM_H
#define GPUSIM_RM_H

#include "gpusim.h"
#include "abi/nvgsp_abi.h"

struct gpusim_rm;

/**
 * struct gpusim_rm_info - facts the RM model reports in static info and
 * checks system info against.
 * @chip: chip name.
 * @chipset: 0x172 etc.
 * @sig_family: "ga10x" etc.
 * @device_id: PCI device id.
 * @fb_size: VRAM bytes.
 * @sriov_total_vfs: 0 when the board has no SR-IOV in the model.
 * @sriov_first_vf_offset: its First VF Offset.
 * @sriov_vf_bar_size: its VF BAR0, BAR1, BAR3 sizes.
 * @gsp_intr_vector: the GSP's stall vector in the interrupt tree, which the
 *     hardware model routes SWGEN0 to and the RM model reports in its
 *     interrupt table.
 */
struct gpusim_rm_info {
	const char *chip;
	u16 chipset;
	const char *sig_family;
	u16 device_id;
	u64 fb_size;
	u32 sriov_total_vfs;
	u32 sriov_first_vf_offset;
	u64 sriov_vf_bar_size[3];
	u32 gsp_intr_vector;
};

int gpusim_rm_create(struct gpusim *sim, const struct nvgsp_abi *abi,
		     const struct gpusim_rm_info *info, struct gpusim_rm **out);
void gpusim_rm_destroy(struct gpusim_rm *rm);

/**
 * gpusim_rm_start() - GSP-RM starts: read and check the libos arguments at
 * @libos_addr (LOGINIT, LOGINTR, LOGRM, RMARGS), then GSP_ARGUMENTS_CACHED
 * and the shared queue memory it names; initialise the message queue's
 * header; begin processing the command queue (SET_SYSTEM_INFO and
 * SET_REGISTRY are normally already there); send the sequencer request and
 * INIT_DONE as the release does.
 * @rm: the model.
 * @libos_addr: bus address of the libos arguments page.
 *
 * Return: 0; a negative errno after gpusim_hw_fail() when the driver's
 * structures are wrong (GSP-RM would then never answer).
 */
int gpusim_rm_start(struct gpusim_rm *rm, u64 libos_addr);

/* The driver wrote the doorbell: process the command queue. */
void gpusim_rm_doorbell(struct gpusim_rm *rm);
/* Time passes (delayed replies, faults). */
void gpusim_rm_tick(struct gpusim_rm *rm, u64 now_ns);
/* A register write the sequencer asked for landed (REG_WRITE/MODIFY checks). */
void gpusim_rm_reg_written(struct gpusim_rm *rm, u32 offset, u32 value);
/* Counters for gpusim_get_stats(). */
void gpusim_rm_stats(const struct gpusim_rm *rm, struct gpusim_stats *st);

/* Services of the hardware model, for the RM model. */

/* Host memory at @addr, or NULL after recording a DMA fault naming @what. */
void *gpusim_hw_dma(struct gpusim *sim, u64 addr, size_t len, const char *what);
/* Record a validation failure (the first one is kept for gpusim_error()). */
void gpusim_hw_fail(struct gpusim *sim, const char *fmt, ...) __printf(2, 3);

/* The model's own messages name it as their device: "gpusim". */
extern const struct nvgsp_os_device gpusim_log_dev;
/* Raise the GSP's SWGEN0 interrupt (message queue not empty); its rising edge
 * sets the leaf bit of gpusim_rm_info.gsp_intr_vector in the interrupt tree. */
void gpusim_hw_raise_swgen0(struct gpusim *sim);
/* GSP-RM unloaded (after UNLOADING_GUEST_DRIVER): mailbox0 = 0x80000000, halt. */
void gpusim_hw_gsp_unloaded(struct gpusim *sim);
/* GSP-RM crashed: halt the RISC-V core. */
void gpusim_hw_gsp_crashed(struct gpusim *sim);
/* Is a fault armed? @arg receives its argument; the fault is not consumed. */
bool gpusim_hw_fault(struct gpusim *sim, enum gpusim_fault fault, u32 *arg);
/* Consume (disarm) a one-shot fault. */
void gpusim_hw_fault_clear(struct gpusim *sim, enum gpusim_fault fault);
/* Record an RM call the model does not serve (gpusim_unserved_rm()). */
void gpusim_hw_unserved(struct gpusim *sim, bool alloc, u32 number);
/* Read a register as the hardware holds it (sequencer result checks). */
u32 gpusim_hw_rd32(struct gpusim *sim, u32 offset);
/*
 * gspVFInfo of GSP_SET_SYSTEM_INFO against the PF's SR-IOV capability
 * (gpusim_sriov.c): 0, or -EINVAL with @why naming the field and both values.
 */
struct nvgsp_abi_system_info;
int gpusim_hw_vf_info_check(struct gpusim *sim, const struct nvgsp_abi_system_info *si,
			    char *why, size_t len);
/* GspFwWprMeta.gspFwHeapVfPartitionCount the booter or FMC last accepted. */
u8 gpusim_hw_wpr_vf_partitions(struct gpusim *sim);
/* The RM model inside a simulated GPU (for tests that start it directly). */
struct gpusim_rm *gpusim_hw_rm(struct gpusim *sim);
/* Its queues (gpusim_msgq.h), for tests that publish through them; NULL ignored. */
struct gpusim_msgq *gpusim_rm_msgq(struct gpusim_rm *rm);

/*
 * Registers the RM model's sequencer scripts use, chosen to be registers a
 * real RM script touches and that the hardware model implements.
 */

/**
 * gpusim_rm_bar_root() - the FB address of GSP-RM's root page directory for
 * a BAR, as static info reports it (gpusim_rm.c, "BAR page directories in
 * static info").
 * @rm: the RM model.
 * @bar: 1 for BAR1, 2 for BAR2 (PCI BAR3).
 *
 * Return: the address; 0 before GSP-RM has sent INIT_DONE or after it
 * unloaded.
 */
u64 gpusim_rm_bar_root(struct gpusim_rm *rm, unsigned int bar);

/* GSP-RM's engine list and the controls that report it (gpusim_rm_fifo.c). */
#define GPUSIM_RM_MAX_ENGINES	32u

/**
 * struct gpusim_rm_engine - one engine as GSP-RM lists it, read from PTOP's
 * device info and the engine's runlist registers.
 * @dev_type: PTOP DEV_TYPE_ENUM.
 * @inst: PTOP INSTANCE_ID.
 * @fault: MMU fault id.
 * @reset: reset id.
 * @pri: the engine's PRI base.
 * @rleng: its index on its runlist.
 * @runlist_pri: its runlist's PRI base.
 * @runlist: the runlist's id.
 * @chram: the runlist's CHRAM PRI base.
 * @pbdma: the runlist's PBDMA ids.
 * @npbdma: how many.
 * @rm_type: RM_ENGINE_TYPE (release numbering).
 * @mc_idx: MC_ENGINE_IDX (release numbering).
 * @eng_desc: ENG_DESC (the model's own).
 * @name: engineName.
 */
struct gpusim_rm_engine {
	u32 dev_type;
	u32 inst;
	u32 fault;
	u32 reset;
	u32 pri;
	u32 rleng;
	u32 runlist_pri;
	u32 runlist;
	u32 chram;
	u32 pbdma[2];
	u32 npbdma;
	u32 rm_type;
	u32 mc_idx;
	u32 eng_desc;
	char name[16];
};

/* Read the engine list from the hardware model into @out; returns how many. */
u32 gpusim_rm_engines(struct gpusim *sim, const struct nvgsp_abi *abi,
		      struct gpusim_rm_engine *out, u32 max);
/* Does gpusim_rm_fifo_control() serve control @id (enum nvgsp_abi_ctrl)? */
bool gpusim_rm_fifo_serves(u32 id);
/*
 * FIFO_GET_DEVICE_INFO_TABLE, CE_GET_FAULT_METHOD_BUFFER_SIZE and
 * GET_CONSTRUCTED_FALCON_INFO on an object of class @cls, parameters
 * @params of @size bytes answered in place; @stall_vectors: each engine's
 * stall vector in the interrupt table (NULL: 0).
 */
enum nvgsp_abi_status gpusim_rm_fifo_control(struct gpusim *sim, const struct nvgsp_abi *abi,
					     u32 id, u32 cls, u8 *params, u32 size,
					     const u32 *stall_vectors);

/**
 * struct gpusim_rm_disp - the display as GSP-RM knows it (gpusim_rm_disp.c).
 * @sim: the hardware model.
 * @abi: the release.
 * @fb_size: VRAM bytes.
 * @inst_addr: the display's instance memory (WRITE_INST_MEM; 0: none yet).
 * @inst_size: its size.
 * @notifications: EVENT_SET_NOTIFICATION calls served.
 */
struct gpusim_rm_disp {
	struct gpusim *sim;
	const struct nvgsp_abi *abi;
	u64 fb_size;
	u64 inst_addr;
	u64 inst_size;
	u32 notifications;
};

/* Does gpusim_rm_disp_control() serve control @id? */
bool gpusim_rm_disp_serves(u32 id);
/*
 * The display's controls and EVENT_SET_NOTIFICATION on an object of class
 * @cls; @internal: sent on GSP-RM's own client.
 */
enum nvgsp_abi_status gpusim_rm_disp_control(struct gpusim_rm_disp *d, u32 id, u32 cls,
					     bool internal, u8 *params, u32 size);
/* The chip has a display engine (its display fuse is clear). */
bool gpusim_hw_has_display(struct gpusim *sim);

#endif /* GPUSIM_RM_H */
