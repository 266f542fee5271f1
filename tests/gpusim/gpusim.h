/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gpusim.h - a device model of an NVIDIA GSP GPU as its driver sees it, for
 * running the real nvgsp core without a GPU: in-process under the unit tests
 * (through the userspace OS layer's register windows and DMA registry) and
 * behind QEMU over vfio-user (gpusim-vfu).
 *
 * What it models: the BAR0 register file (boot registers, GFW boot status,
 * FB size, WPR2, scratch, the GSP, SEC2 and FSP falcons with their
 * mailboxes, DMA/PIO load engines, RISC-V state, interrupts, the doorbell,
 * the CPU interrupt tree, the PROM window with a VBIOS built in the real
 * format); VRAM size; DMA to host memory; and GSP-RM's behaviour for the
 * bound release (tests/gpusim/gpusim_rm.h).
 *
 * It is a model, not a mock: it checks what the driver hands it against the
 * real firmware files (the booter and bootloader it is given must be the
 * bytes of the files for its chip and release; the radix3 tables must
 * resolve to exactly the bytes of the real .fwimage; the signature must be
 * the image's section for the chip's family) and against the published
 * layouts, and records the first thing that is wrong, naming the field
 * (gpusim_error()). It then refuses to go on the way the hardware would
 * (the booter halts with an error code, GSP-RM never answers).
 *
 * Where it guesses firmware behaviour the code says so and cites the source.
 */
#ifndef GPUSIM_H
#define GPUSIM_H

#include "nvgsp_os.h"
#include "nvgsp_os_user.h"

struct gpusim;

/**
 * struct gpusim_dma_ops - how the model reaches host memory.
 * @map: return @len bytes at bus address @addr, or NULL when that range is
 *       not mapped (the model then records a DMA fault naming the address).
 */
struct gpusim_dma_ops {
	void *(*map)(void *ctx, u64 addr, size_t len);
};

/**
 * struct gpusim_config - what to simulate.
 * @chip: chip name as in the chip table ("ga102", "gh100", ...).
 * @release: GSP-RM release whose behaviour to model ("570.144").
 * @fw_path: directory holding nvidia/<chip>/gsp/... (the real firmware
 *           files the model compares what it is given against).
 * @fb_mib: VRAM in MiB; 0 for the chip's default.
 * @revision: BOOT_0 minor/major revision byte; 0 for 0xa1.
 * @device_id: PCI device id; 0 for the chip's default (used in the VBIOS).
 * @dma: host memory access; NULL for nvgsp_os_user_dma_lookup().
 * @dma_ctx: passed to @dma.
 * @sriov_total_vfs: TotalVFs the PF's SR-IOV capability presents; 0 for the
 *     board's own (gpusim_sriov_facts()). A VMM that emulates the capability
 *     (QEMU with one vfio-user device per VF) presents as many VFs as it
 *     has devices; the model then expects that number in gspVFInfo. More
 *     than the board has, or any on a board without SR-IOV, is refused.
 */
struct gpusim_config {
	const char *chip;
	const char *release;
	const char *fw_path;
	u32 fb_mib;
	u8 revision;
	u16 device_id;
	const struct gpusim_dma_ops *dma;
	void *dma_ctx;
	u16 sriov_total_vfs;
};

/**
 * gpusim_create() - build a simulated GPU in its power-on state (GFW boot
 * done, WPR2 unset, falcons in reset).
 * @cfg: the configuration; strings are copied.
 * @out: set to the model.
 * @err: why creation failed (unknown chip, release without files for it).
 * @err_len: room at @err.
 *
 * Return: 0 or a negative errno.
 */
int gpusim_create(const struct gpusim_config *cfg, struct gpusim **out, char *err,
		  size_t err_len);

/**
 * gpusim_destroy() - free the model; NULL is ignored.
 * @sim: the model.
 */
void gpusim_destroy(struct gpusim *sim);

/* BAR0 accessors; the ops for struct nvgsp_os_bar with ctx = the model. */
u32 gpusim_rd32(struct gpusim *sim, u32 offset);
void gpusim_wr32(struct gpusim *sim, u32 offset, u32 value);
extern const struct nvgsp_os_bar_ops gpusim_bar0_ops;
#define GPUSIM_BAR0_SIZE	0x1000000u

/**
 * gpusim_tick() - let time pass in the model (completes scrubs and resets,
 * delivers delayed replies); the userspace OS layer's tick hook.
 * @sim: the model.
 * @now_ns: the current time.
 */
void gpusim_tick(struct gpusim *sim, u64 now_ns);

/* The same as a tick hook: nvgsp_os_user_set_tick(gpusim_tick_hook, sim). */
void gpusim_tick_hook(void *sim, u64 now_ns);

/**
 * enum gpusim_fault - failures the model injects on demand.
 * @GPUSIM_FAULT_NONE: none.
 * @GPUSIM_FAULT_RPC_TIMEOUT: GSP-RM stops answering from the RPC whose
 *     symbolic id (enum nvgsp_abi_rpc) is the argument.
 * @GPUSIM_FAULT_BAD_CHECKSUM: the next message's element checksum is wrong.
 * @GPUSIM_FAULT_TORN_ELEMENT: the next message's write pointer is published
 *     before its element is complete (the element's header claims more
 *     pages than were written; its checksum fails).
 * @GPUSIM_FAULT_QUEUE_FULL: GSP-RM stops consuming the command queue.
 * @GPUSIM_FAULT_SEQ_ORDER: the next message skips a sequence number.
 * @GPUSIM_FAULT_ERROR_LOG: GSP-RM sends an OS_ERROR_LOG event (and a
 *     LIBOS print) after the RPC whose id is the argument.
 * @GPUSIM_FAULT_GSP_CRASH: GSP-RM crashes on the RPC whose id is the
 *     argument: it halts, writes a crash record to its log buffer and
 *     stops answering.
 * @GPUSIM_FAULT_DEVICE_GONE: every register read returns all ones from
 *     the argument'th register access on (0: at once).
 * @GPUSIM_FAULT_BOOTER: the booter halts with an error code in MAILBOX0.
 * @GPUSIM_FAULT_FSP: FSP answers the chain-of-trust message with an error.
 * @GPUSIM_FAULT_FWSEC: FWSEC-FRTS reports an error in scratch 0xE.
 * @GPUSIM_FAULT_NO_INIT_DONE: GSP-RM never sends GSP_INIT_DONE.
 * @GPUSIM_FAULT_INTR_NO_GSP: GSP-RM's interrupt table
 *     (NV2080_CTRL_CMD_INTERNAL_INTR_GET_KERNEL_TABLE) has no GSP entry.
 * @GPUSIM_FAULT_INTR_WILD_VECTOR: the table's GSP entry names stall vector
 *     @arg (default 0x1000), outside the interrupt tree's 256 vectors.
 */
enum gpusim_fault {
	GPUSIM_FAULT_NONE,
	GPUSIM_FAULT_RPC_TIMEOUT,
	GPUSIM_FAULT_BAD_CHECKSUM,
	GPUSIM_FAULT_TORN_ELEMENT,
	GPUSIM_FAULT_QUEUE_FULL,
	GPUSIM_FAULT_SEQ_ORDER,
	GPUSIM_FAULT_ERROR_LOG,
	GPUSIM_FAULT_GSP_CRASH,
	GPUSIM_FAULT_DEVICE_GONE,
	GPUSIM_FAULT_BOOTER,
	GPUSIM_FAULT_FSP,
	GPUSIM_FAULT_FWSEC,
	GPUSIM_FAULT_NO_INIT_DONE,
	GPUSIM_FAULT_INTR_NO_GSP,
	GPUSIM_FAULT_INTR_WILD_VECTOR,
	GPUSIM_NR_FAULTS,
};

/**
 * gpusim_fault_set() - arm a fault (one of each kind at a time).
 * @sim: the model.
 * @fault: which.
 * @arg: its argument (see enum gpusim_fault).
 */
void gpusim_fault_set(struct gpusim *sim, enum gpusim_fault fault, u32 arg);

/*
 * ---- Faults keyed on an RM control (a test facility of the model) ----
 *
 * The faults above fire at once or on an RPC function; these stay dormant
 * until GSP-RM receives a GSP_RM_CONTROL of one command, so a test can boot
 * GSP-RM cleanly and break it at run time, on the call it makes.
 */

/**
 * gpusim_fault_on_control() - arm @fault to fire when GSP-RM receives a
 * GSP_RM_CONTROL whose command is @ctrl, once @skip earlier controls of that
 * command have been served normally; it then fires as if armed just before
 * that RPC:
 *   - GPUSIM_FAULT_RPC_TIMEOUT: that control is never answered, nor anything
 *     after it;
 *   - GPUSIM_FAULT_GSP_CRASH: GSP-RM halts its RISC-V core on it, leaving a
 *     crash record naming the control in its log buffer;
 *   - GPUSIM_FAULT_DEVICE_GONE: the device drops off the bus @arg register
 *     accesses later; with @arg 0 at once, so the control is never answered;
 *   - GPUSIM_FAULT_BAD_CHECKSUM, _TORN_ELEMENT, _SEQ_ORDER: the next element
 *     GSP-RM writes, the control's reply unless earlier messages were still
 *     waiting for room in the message queue, is damaged that way;
 *   - GPUSIM_FAULT_ERROR_LOG: 20 ms (model time) after the reply, GSP-RM
 *     sends an OS_ERROR_LOG event and a LIBOS print, unsolicited, between
 *     calls.
 * Other faults act during the boot only and are refused. One keyed fault of
 * each kind at a time; arming one again replaces it. It fires once.
 * @sim: the model.
 * @fault: which.
 * @arg: DEVICE_GONE's register accesses; ignored by the others.
 * @ctrl: the control, as its symbolic id (enum nvgsp_abi_ctrl).
 * @skip: controls of @ctrl to serve before the fault fires.
 *
 * Return: 0; -EINVAL for a fault that cannot be keyed or @ctrl outside the
 * enum.
 */
int gpusim_fault_on_control(struct gpusim *sim, enum gpusim_fault fault, u32 arg, u32 ctrl,
			    u32 skip);

/**
 * gpusim_error() - the first thing the driver got wrong, as a sentence
 * naming the field and both values; "" when nothing was.
 * @sim: the model.
 *
 * Return: the text.
 */
const char *gpusim_error(const struct gpusim *sim);

/**
 * struct gpusim_stats - what happened, for tests.
 * @fwsec_runs: FWSEC runs (FRTS and SB).
 * @booter_runs: booter_load and booter_unload runs.
 * @fsp_cot: chain-of-trust messages accepted.
 * @gsp_booted: GSP-RM started (libos arguments accepted).
 * @init_done: GSP_INIT_DONE events GSP-RM sent (one per boot that got there).
 * @rpcs: commands GSP-RM processed.
 * @events: events GSP-RM sent.
 * @seq_ops: sequencer opcodes GSP-RM asked for (and saw the effect of).
 * @objects: RM objects alive.
 * @unloaded: GSP-RM unloaded cleanly since it last started.
 * @unloads: UNLOADING_GUEST_DRIVER calls served, over every boot.
 * @unload_pm: the last one's bInPMTransition.
 * @unload_level: the last one's newLevel.
 * @wpr2_set: WPR2 is currently set.
 * @irqs: interrupts delivered: rising edges of the interrupt tree's output
 *     line (see gpusim_irq_pending()).
 * @flush_addr: the host page each sysmem-flush register pair points at (0:
 *     none; the second pair only on GB10x).
 * @pramin_dropped: PRAMIN writes dropped because the window's target was
 *     not VID_MEM (each also a recorded fault).
 * @pramin_moves: writes of the window register that changed it (with a
 *     memory-backed window, each a write-back and a load).
 * @accesses: BAR0 accesses by the driver so far (a bulk access through
 *     nvgsp_os_bar_read()/_write()/_set() inside the PRAMIN window is one).
 */
struct gpusim_stats {
	u32 fwsec_runs;
	u32 booter_runs;
	u32 fsp_cot;
	u32 gsp_booted;
	u32 init_done;
	u32 rpcs;
	u32 events;
	u32 seq_ops;
	u32 objects;
	bool unloaded;
	u32 unloads;
	bool unload_pm;
	u32 unload_level;
	bool wpr2_set;
	u32 irqs;
	u64 flush_addr[2];
	u32 pramin_dropped;
	u32 pramin_moves;
	u64 accesses;
};

void gpusim_get_stats(const struct gpusim *sim, struct gpusim_stats *st);

/**
 * struct gpusim_unmodeled - a register the driver wrote that gpusim does
 * not model (the write was only stored, for reads to return).
 * @offset: BAR0 offset.
 * @last: the last value written.
 * @count: how many writes.
 */
struct gpusim_unmodeled {
	u32 offset;
	u32 last;
	u32 count;
};

/**
 * gpusim_unmodeled_writes() - the driver's writes gpusim did not model.
 * @sim: the model.
 * @out: filled with up to @max registers, by offset.
 * @max: room at @out.
 * @dropped: set to the writes to registers past the record's limit (4096
 *     registers); may be NULL.
 *
 * Return: the number of registers recorded (may exceed @max).
 */
u32 gpusim_unmodeled_writes(const struct gpusim *sim, struct gpusim_unmodeled *out, u32 max,
			    u64 *dropped);

/**
 * struct gpusim_unserved - an RM call the RM model did not serve.
 * @alloc: an RM_ALLOC of a class the release's ABI table does not name
 *     (@number: the class); false: an RM control the model does not serve
 *     (@number: the command).
 * @number: the class or command.
 * @count: how many calls.
 */
struct gpusim_unserved {
	bool alloc;
	u32 number;
	u32 count;
};

/**
 * gpusim_unserved_rm() - the RM calls the model answered INVALID_CLASS or
 * NOT_SUPPORTED for want of a model (gpusim_unmodeled.c), in the order
 * first seen.
 * @sim: the model.
 * @out: filled with up to @max of them.
 * @max: room at @out.
 *
 * Return: how many are recorded (may exceed @max).
 */
u32 gpusim_unserved_rm(const struct gpusim *sim, struct gpusim_unserved *out, u32 max);

/**
 * gpusim_bar_access() - a CPU access through BAR1 or BAR3, translated by
 * the GPU's page tables (gpusim_bar.c, DOC: BAR1 and BAR3).
 * @sim: the model.
 * @bar: the PCI BAR, 1 or 3.
 * @off: the offset in the BAR (the virtual address).
 * @buf: @len bytes to write, or filled (unmapped bytes read 0).
 * @len: bytes.
 * @write: a write.
 *
 * Return: 0, or -EINVAL for another BAR.
 */
int gpusim_bar_access(struct gpusim *sim, unsigned int bar, u64 off, void *buf, u32 len,
		      bool write);

/**
 * gpusim_bar_unmapped() - BAR1/BAR3 accesses no page table mapped, counted
 * per 4 KiB piece.
 * @sim: the model.
 *
 * Return: the count.
 */
u64 gpusim_bar_unmapped(const struct gpusim *sim);
/*
 * gpusim_bar_unmapped_first() - where the first unmapped BAR1/BAR3 access
 * went: @bar (1 or 3) and @off (offset in that BAR). Returns false when
 * there was none.
 */
bool gpusim_bar_unmapped_first(const struct gpusim *sim, unsigned int *bar, u64 *off);

/**
 * gpusim_gsp_crash() - GSP-RM crashes now, between RPCs: its RISC-V core
 * halts and it stops answering, as GPUSIM_FAULT_GSP_CRASH does inside an
 * RPC. Nothing happens when GSP-RM is not running.
 * @sim: the model.
 */
void gpusim_gsp_crash(struct gpusim *sim);

/**
 * gpusim_gone() - whether the device has fallen off the bus
 * (GPUSIM_FAULT_DEVICE_GONE has struck): its config space reads all ones
 * too. Not a register access (counts for no fault).
 * @sim: the model.
 *
 * Return: true when gone.
 */
bool gpusim_gone(const struct gpusim *sim);

/**
 * gpusim_irq_pending() - whether the CPU interrupt line is asserted: the
 * interrupt tree (BAR0 0xB80000) has a pending leaf bit that is enabled, in
 * a subtree whose TOP_EN bit is set. The GSP's SWGEN0 rising sets the leaf
 * bit of its stall vector; the line drops when the driver clears that bit
 * (LEAF is write-1-to-clear) or disables it.
 * @sim: the model.
 *
 * Return: true when asserted.
 */
bool gpusim_irq_pending(const struct gpusim *sim);

/**
 * gpusim_set_irq_cb() - be told when the interrupt line rises (gpusim-vfu
 * signals the guest's MSI/INTx eventfd from it).
 * @sim: the model.
 * @fn: called with @ctx on each rising edge of the line gpusim_irq_pending()
 *      reports (also when enabling an already-pending bit raises it), from
 *      inside the register access or model step that caused it; NULL to stop.
 * @ctx: passed to @fn.
 */
void gpusim_set_irq_cb(struct gpusim *sim, void (*fn)(void *ctx), void *ctx);

/**
 * struct gpusim_pci - the PCI identity of the simulated chip.
 * @device_id: PCI device id.
 * @class_code: 24-bit class code (0x030000 VGA, 0x030200 3D).
 * @subsystem_vendor: subsystem vendor id.
 * @subsystem_id: subsystem id.
 * @bar1_size: BAR1 (FB aperture) bytes.
 * @bar3_size: BAR3 bytes.
 */
struct gpusim_pci {
	u16 device_id;
	u32 class_code;
	u16 subsystem_vendor;
	u16 subsystem_id;
	u64 bar1_size;
	u64 bar3_size;
};

void gpusim_get_pci(const struct gpusim *sim, struct gpusim_pci *pci);

/*
 * ---- SR-IOV (gpusim_sriov.c; Documentation/gpusim-sriov.rst) ----
 *
 * Boards that run vGPU through SR-IOV (A40 and A100-class Ampere, L40/L20
 * Ada, H100 Hopper) have an SR-IOV extended capability; VF n (0-based) is
 * GFID n + 1 to GSP-RM. Each enabled VF's BAR0 is a 256 KiB window of
 * NV_VIRTUAL_FUNCTION_PRIV registers (its own CPU interrupt tree and the
 * doorbell); the model keeps that state per GFID.
 */

/* The three VF BARs, in PCI numbering BAR0, BAR1 and BAR3 (GSP-RM: 0, 1, 2). */
#define GPUSIM_VF_BARS		3
/* The most VFs any modelled board has. */
#define GPUSIM_MAX_VFS		32

/**
 * struct gpusim_sriov_facts - the PF's SR-IOV capability as the board's
 * hardware presents it (reset values).
 * @cap_offset: config-space offset of the SR-IOV extended capability.
 * @total_vfs: TotalVFs (after gpusim_config.sriov_total_vfs).
 * @initial_vfs: InitialVFs.
 * @first_vf_offset: First VF Offset (routing-ID distance of VF 1 from the PF).
 * @vf_stride: VF Stride.
 * @vf_device_id: VF Device ID.
 * @page_sizes: Supported Page Sizes (bit n: 4 KiB << n).
 * @vf_bar_size: bytes of each VF's BAR0, BAR1, BAR3.
 * @vf_bar_64bit: whether each VF BAR is a 64-bit BAR (two registers).
 * @vf_bar_prefetch: whether each VF BAR is prefetchable.
 */
struct gpusim_sriov_facts {
	u16 cap_offset;
	u16 total_vfs;
	u16 initial_vfs;
	u16 first_vf_offset;
	u16 vf_stride;
	u16 vf_device_id;
	u32 page_sizes;
	u64 vf_bar_size[GPUSIM_VF_BARS];
	bool vf_bar_64bit[GPUSIM_VF_BARS];
	bool vf_bar_prefetch[GPUSIM_VF_BARS];
};

/**
 * gpusim_sriov_facts() - the board's SR-IOV capability.
 * @sim: the model.
 * @out: filled when the board has one.
 *
 * Return: 0; -ENODEV when the board has no SR-IOV capability (Turing,
 * GeForce boards, GB10x/GB20x which the model does not cover).
 */
int gpusim_sriov_facts(const struct gpusim *sim, struct gpusim_sriov_facts *out);

/**
 * gpusim_sriov_control() - what the PF's SR-IOV capability was programmed
 * with: call it whenever the host writes SR-IOV Control, NumVFs or a VF BAR
 * (gpusim-vfu does on each forwarded config write; an in-process test once).
 * VFs 0..@num_vfs-1 exist (GFIDs 1..@num_vfs) while @vf_enable is set;
 * clearing VF Enable, or shrinking NumVFs, resets the VFs that go away.
 * NumVFs above TotalVFs enables no VF, as the PCIe base specification
 * leaves VF Enable with an invalid NumVFs undefined (the model's choice).
 * Ignored (nothing changes) on a board without SR-IOV.
 * @sim: the model.
 * @vf_enable: SR-IOV Control bit 0, VF Enable.
 * @num_vfs: NumVFs.
 * @vf_bar_addr: the addresses the VF BAR registers hold (BAR0, BAR1, BAR3;
 *     for 64-bit BARs both halves); NULL keeps the previous ones.
 */
void gpusim_sriov_control(struct gpusim *sim, bool vf_enable, u16 num_vfs,
			  const u64 vf_bar_addr[GPUSIM_VF_BARS]);

/**
 * gpusim_vf_rd32() - read VF @vf's BAR0 (NV_VIRTUAL_FUNCTION_PRIV as that
 * GFID sees it).
 * @sim: the model.
 * @vf: 0-based VF index (GFID @vf + 1).
 * @offset: byte offset in the VF's BAR0; dword aligned (the low two bits are
 *     ignored, as gpusim_rd32() does).
 *
 * Return: the register; all ones for a VF that does not exist (VF Enable
 * clear, @vf >= NumVFs: an absent function), for an offset outside the VF's
 * BAR0, and when the whole device has fallen off the bus.
 */
u32 gpusim_vf_rd32(struct gpusim *sim, u16 vf, u32 offset);

/**
 * gpusim_vf_wr32() - write VF @vf's BAR0; dropped for a VF that does not
 * exist or an offset outside its BAR0.
 * @sim: the model.
 * @vf: 0-based VF index.
 * @offset: byte offset in the VF's BAR0.
 * @value: the value.
 */
void gpusim_vf_wr32(struct gpusim *sim, u16 vf, u32 offset, u32 value);

/**
 * gpusim_vf_reset() - function-level reset of VF @vf: its per-GFID
 * register state returns to reset values. Nothing for a VF that does not
 * exist.
 * @sim: the model.
 * @vf: 0-based VF index.
 */
void gpusim_vf_reset(struct gpusim *sim, u16 vf);

/**
 * gpusim_vf_irq_pending() - whether VF @vf's interrupt tree asserts its
 * output (a pending, enabled leaf bit in an enabled subtree), which
 * gpusim-vfu turns into the VF's MSI-X message.
 * @sim: the model.
 * @vf: 0-based VF index.
 *
 * Return: true when asserted; false for a VF that does not exist.
 */
bool gpusim_vf_irq_pending(const struct gpusim *sim, u16 vf);

/**
 * struct gpusim_vf_stats - per-GFID counters, for tests.
 * @exists: the VF is enabled.
 * @doorbells: writes to the VF's own NV_VIRTUAL_FUNCTION_PRIV_DOORBELL.
 * @last_doorbell: the last value written there.
 * @pf_doorbells: doorbells the PF rang for this GFID (PF BAR0 0xB82200,
 *     value gfid * 32 + 17 as the vGPU RFC's host RPC channel does).
 */
struct gpusim_vf_stats {
	bool exists;
	u32 doorbells;
	u32 last_doorbell;
	u32 pf_doorbells;
};

/**
 * gpusim_vf_get_stats() - VF @vf's counters.
 * @sim: the model.
 * @vf: 0-based VF index.
 * @st: filled; all zero for an index beyond TotalVFs.
 */
void gpusim_vf_get_stats(const struct gpusim *sim, u16 vf, struct gpusim_vf_stats *st);

/*
 * VRAM (gpusim_vram.c, DOC: VRAM): what the driver reads and writes through
 * the PRAMIN window, and what a test puts there or checks directly. Each
 * call is bounds-checked against the FB size: a range past it is recorded
 * as a driver fault (gpusim_error()) and changes nothing.
 */

/**
 * gpusim_vram_size() - the FB size.
 * @sim: the model.
 *
 * Return: VRAM bytes (the board's, or gpusim_config.fb_mib).
 */
u64 gpusim_vram_size(const struct gpusim *sim);

/**
 * gpusim_vram_read() - copy VRAM out.
 * @sim: the model.
 * @fb_off: FB byte offset.
 * @buf: filled with @len bytes (zeros when refused; unwritten VRAM reads 0).
 * @len: bytes.
 *
 * Return: 0, or -EINVAL past the FB.
 */
int gpusim_vram_read(struct gpusim *sim, u64 fb_off, void *buf, size_t len);

/**
 * gpusim_vram_write() - copy bytes into VRAM.
 * @sim: the model.
 * @fb_off: FB byte offset.
 * @buf: @len bytes.
 * @len: bytes.
 *
 * Return: 0; -EINVAL past the FB; -ENOMEM when a page cannot be allocated
 * (recorded as a fault; the bytes before it were written).
 */
int gpusim_vram_write(struct gpusim *sim, u64 fb_off, const void *buf, size_t len);

/**
 * gpusim_vram_set() - fill VRAM with one byte value. A set of 0 frees the
 * pages it leaves all zero, so a scrub of GiBs costs no memory.
 * @sim: the model.
 * @fb_off: FB byte offset.
 * @value: the byte.
 * @len: bytes.
 *
 * Return: as for gpusim_vram_write().
 */
int gpusim_vram_set(struct gpusim *sim, u64 fb_off, u8 value, u64 len);

/**
 * gpusim_vram_resident() - memory the VRAM contents take.
 * @sim: the model.
 *
 * Return: bytes of 64 KiB pages allocated (0 when all VRAM is zero); with a
 * memory-backed PRAMIN window, plus the window's 64 KiB pages that hold a
 * non-zero byte (what they would take once written back).
 */
u64 gpusim_vram_resident(const struct gpusim *sim);

/**
 * gpusim_vram_pages() - 64 KiB pages allocated in the sparse store.
 * @sim: the model.
 *
 * Return: pages allocated, not counting a memory-backed PRAMIN window's
 * (gpusim_pramin_attach()): what the sparse store costs.
 */
u64 gpusim_vram_pages(const struct gpusim *sim);

/**
 * gpusim_pramin_attach() - back the PRAMIN window with memory.
 * @sim: the model.
 * @mem: GPUSIM_PRAMIN_SIZE bytes the window shows, 64-bit aligned; NULL
 *     detaches the memory that is attached.
 *
 * From then on @mem is authoritative for the 1 MiB of VRAM the window
 * shows (gpusim_vram.c, DOC: PRAMIN window memory): whoever owns @mem (a
 * guest through QEMU's mapping of it, a test) may read and write it
 * directly, and it is what gpusim_vram_*() and the BAR0 accessors read and
 * write for bytes in the window's range. A write of the window register
 * that moves the window writes @mem back into VRAM and loads the new range
 * into it. Attaching loads the window's current range into @mem (its old
 * contents are overwritten); detaching writes it back and leaves @mem all
 * zero. gpusim_destroy() never touches @mem. Without an attached memory the
 * model works as before.
 */
void gpusim_pramin_attach(struct gpusim *sim, void *mem);

#define GPUSIM_PRAMIN_BASE	0x700000u	/* BAR0 offset of the PRAMIN window */
#define GPUSIM_PRAMIN_SIZE	0x100000u	/* its size, 1 MiB */

/**
 * gpusim_vram_find_nonzero() - look for a non-zero byte (scrub checks).
 * @sim: the model.
 * @fb_off: FB byte offset.
 * @len: bytes to look at.
 * @where: NULL, or set to the FB offset of the first non-zero byte found.
 *
 * Return: true when a byte in the range is non-zero; false when all are
 * zero or the range is past the FB (a fault, recorded).
 */
bool gpusim_vram_find_nonzero(struct gpusim *sim, u64 fb_off, u64 len, u64 *where);

/*
 * ---- GSP-RM's vGPU side (gpusim_vgpu.c; Documentation/gpusim-vgpu.rst) ----
 *
 * The vGPU manager controls (PGPU_ADD_VGPU_TYPE, BOOTLOAD_GSP_VGPU_PLUGIN_TASK,
 * SHUTDOWN_GSP_VGPU_PLUGIN_TASK, VGPU_PLUGIN_CLEANUP, GET_ENGINES_V2), one
 * plugin task per GFID with the host RPC channel in its management heap
 * (rung through the PF doorbell), and what a test needs to look at them.
 */

/* NV2080_CTRL_MAX_VMMU_SEGMENTS (both releases). */
#define GPUSIM_VGPU_MAX_SEGMENTS	384
/* Room for every release's NV2080_GPU_MAX_ENGINES (0x3e, 0x54). */
#define GPUSIM_VGPU_MAX_ENGINES		96

/**
 * enum gpusim_vgpu_stage - where a GFID's plugin task is.
 * @GPUSIM_VGPU_NONE: no plugin (never bootloaded, or cleaned up).
 * @GPUSIM_VGPU_BOOTLOADING: BOOTLOAD accepted, the marker not written yet.
 * @GPUSIM_VGPU_BOOTLOADED: GSP_PLUGIN_BOOTLOADED written; host RPCs served.
 * @GPUSIM_VGPU_CONFIGURED: SETUP_CONFIG_PARAMS_AND_INIT done.
 * @GPUSIM_VGPU_SHUT_DOWN: SHUTDOWN done, waiting for VGPU_PLUGIN_CLEANUP.
 */
enum gpusim_vgpu_stage {
	GPUSIM_VGPU_NONE,
	GPUSIM_VGPU_BOOTLOADING,
	GPUSIM_VGPU_BOOTLOADED,
	GPUSIM_VGPU_CONFIGURED,
	GPUSIM_VGPU_SHUT_DOWN,
};

/**
 * struct gpusim_vgpu_state - one GFID's plugin, for tests.
 * @stage: where it is.
 * @h_client: the RM client that bootloaded it.
 * @type: its vGPU type id.
 * @nr_segments: guest FB segments.
 * @seg_addr: their FB offsets.
 * @seg_len: their lengths.
 * @heap_addr: the plugin (management) heap's FB offset.
 * @heap_len: its length.
 * @num_channels: channels per engine.
 * @chid_offset: the first channel of each engine (index: NV2080_ENGINE_TYPE).
 * @negotiated: VERSION_NEGOTIATION succeeded.
 * @messages: host RPC messages taken (doorbells with a good control region).
 * @last_result: the last message's result_code.
 * @last_seq: the last sequence number taken.
 * @bme_enabled: UPDATE_BME_STATE's enable, last accepted.
 * @bme_allowed: its allowed.
 * @resets: RESET messages served.
 * @guest_ran: gpusim_vgpu_guest_write() ran for it.
 */
struct gpusim_vgpu_state {
	enum gpusim_vgpu_stage stage;
	u32 h_client;
	u32 type;
	u32 nr_segments;
	u64 seg_addr[GPUSIM_VGPU_MAX_SEGMENTS];
	u64 seg_len[GPUSIM_VGPU_MAX_SEGMENTS];
	u64 heap_addr;
	u64 heap_len;
	u32 num_channels;
	u32 chid_offset[GPUSIM_VGPU_MAX_ENGINES];
	bool negotiated;
	u32 messages;
	u32 last_result;
	u32 last_seq;
	bool bme_enabled;
	bool bme_allowed;
	u32 resets;
	bool guest_ran;
};

/**
 * gpusim_vgpu_query() - the plugin of @gfid.
 * @sim: the model.
 * @gfid: 1..GPUSIM_MAX_VFS.
 * @st: filled (all zero, stage NONE, when there is none).
 *
 * Return: 0; -EINVAL for a GFID outside 1..GPUSIM_MAX_VFS or a model
 * without GSP-RM.
 */
int gpusim_vgpu_query(struct gpusim *sim, u32 gfid, struct gpusim_vgpu_state *st);

/**
 * gpusim_vgpu_live() - plugins that exist (any stage but NONE).
 * @sim: the model.
 *
 * Return: their number.
 */
u32 gpusim_vgpu_live(struct gpusim *sim);

/**
 * gpusim_vgpu_types_added() - vGPU types PGPU_ADD_VGPU_TYPE registered.
 * @sim: the model.
 *
 * Return: their number.
 */
u32 gpusim_vgpu_types_added(struct gpusim *sim);

/**
 * gpusim_vgpu_guest_write() - a guest uses its vGPU: a GFID-specific byte
 * pattern lands in the first, middle and last page of each guest FB
 * segment, and in the plugin heap's internal part (past the host RPC
 * regions and logs).
 * @sim: the model.
 * @gfid: a GFID whose plugin is bootloaded or configured.
 *
 * Return: 0; -EINVAL when @gfid has no such plugin.
 */
int gpusim_vgpu_guest_write(struct gpusim *sim, u32 gfid);

/**
 * gpusim_vgpu_find_nonzero() - whether any byte of the guest FB segments or
 * the heap @st names (a query taken while the plugin lived) is non-zero:
 * the scrub check after a vGPU is gone.
 * @sim: the model.
 * @st: the ranges.
 * @where: NULL, or the FB offset of the first non-zero byte.
 *
 * Return: true when one is.
 */
bool gpusim_vgpu_find_nonzero(struct gpusim *sim, const struct gpusim_vgpu_state *st,
			      u64 *where);

/**
 * enum gpusim_vgpu_fault - vGPU plugin failures the model injects (one
 * shot each; gpusim_vgpu_fault()).
 * @GPUSIM_VGPU_FAULT_NEVER_BOOTS: the next accepted BOOTLOAD never writes
 *     GSP_PLUGIN_BOOTLOADED.
 * @GPUSIM_VGPU_FAULT_BOOTLOAD_STATUS: the next BOOTLOAD that is otherwise
 *     valid is refused with RM status @arg (enum nvgsp_abi_status).
 * @GPUSIM_VGPU_FAULT_RPC_TIMEOUT: a message is received (seq_received
 *     written where the release has it) and never processed.
 * @GPUSIM_VGPU_FAULT_RPC_ERROR: a message fails: result_code non-zero
 *     (NV_ERR_GENERIC), seq_processed written, no state change.
 * @GPUSIM_VGPU_FAULT_RPC_BAD_SEQ: seq_processed is written as a wrong number.
 * @GPUSIM_VGPU_FAULT_RPC_GARBAGE: result_code is garbage (0xdeadbeef).
 * @GPUSIM_VGPU_FAULT_BAD_VERSION: VERSION_NEGOTIATION's reply is corrupted
 *     (version_negotiated 0xffffffff).
 */
enum gpusim_vgpu_fault {
	GPUSIM_VGPU_FAULT_NEVER_BOOTS,
	GPUSIM_VGPU_FAULT_BOOTLOAD_STATUS,
	GPUSIM_VGPU_FAULT_RPC_TIMEOUT,
	GPUSIM_VGPU_FAULT_RPC_ERROR,
	GPUSIM_VGPU_FAULT_RPC_BAD_SEQ,
	GPUSIM_VGPU_FAULT_RPC_GARBAGE,
	GPUSIM_VGPU_FAULT_BAD_VERSION,
	GPUSIM_VGPU_NR_FAULTS,
};

/**
 * gpusim_vgpu_fault() - arm a one-shot vGPU fault (one of each kind at a
 * time; arming again replaces it).
 * @sim: the model.
 * @gfid: the GFID it applies to; 0 for any (the next BOOTLOAD, the next
 *     message of any plugin).
 * @kind: which.
 * @arg: for the message faults, the message type it waits for (0: any);
 *     for BOOTLOAD_STATUS the status; ignored by NEVER_BOOTS.
 *
 * Return: 0; -EINVAL for a bad kind or GFID, or a model without GSP-RM.
 */
int gpusim_vgpu_fault(struct gpusim *sim, u32 gfid, enum gpusim_vgpu_fault kind, u32 arg);

/**
 * struct gpusim_vgpu_stats - what the vGPU side did, for tests.
 * @samples: GPUACCT_PERFMON_UTIL_SAMPLES events sent.
 * @bootloads: BOOTLOADs accepted.
 * @refused: vGPU manager controls refused.
 * @doorbells: PF doorbells for the host RPC channel.
 */
struct gpusim_vgpu_stats {
	u32 samples;
	u32 bootloads;
	u32 refused;
	u32 doorbells;
};

/**
 * gpusim_vgpu_error() - the last driver mistake the vGPU side recorded (each
 * also goes to gpusim_error(), which keeps the first of all), so that one
 * test can check many; "" when none since gpusim_vgpu_error_clear().
 * @sim: the model.
 *
 * Return: the text.
 */
const char *gpusim_vgpu_error(struct gpusim *sim);

/**
 * gpusim_vgpu_error_clear() - forget the last vGPU mistake (gpusim_error()
 * keeps its own).
 * @sim: the model.
 */
void gpusim_vgpu_error_clear(struct gpusim *sim);

/* The counters (all zero for a model without GSP-RM). */
void gpusim_vgpu_get_stats(struct gpusim *sim, struct gpusim_vgpu_stats *st);

#endif /* GPUSIM_H */
