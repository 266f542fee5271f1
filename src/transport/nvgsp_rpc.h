/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_rpc.h - the GSP transport and RPC layer: the shared-memory command
 * and message queues ("msgq-v0" in the ABI tables) and the calls, replies
 * and events that travel over them.
 *
 * Portable core. One struct nvgsp_rpc per GPU. Callers name RPC functions
 * and events by symbolic id (enum nvgsp_abi_rpc, enum nvgsp_abi_event); the
 * bound release's table turns them into numbers.
 *
 * DOC: what travels where
 *
 * One DMA buffer: [PTE pages][command queue][message queue]. The PTE array
 * lists the 4 KiB pages of the whole buffer. Each queue starts with a
 * msgqTxHeader written by its sender, followed by a msgqRxHeader in which
 * the sender keeps its read pointer of the *other* queue; elements start at
 * entryOff. Each element: the msgq element header (checksum, seqNum,
 * elemCount) then an RPC header then the payload. Payloads that do not fit
 * one element (64 KiB) continue in CONTINUATION_RECORD elements. GSP-RM
 * replies to a command with a message of the same function whose RPC header
 * carries rpc_result; events are messages GSP-RM sends by itself.
 *
 * Each element's RPC header carries a running sequence number of the
 * driver's; GSP-RM echoes it in the reply, which nvgsp_rpc_call() matches
 * by function and sequence (NVIDIA's kernel_gsp.c does the same). Each
 * element's RPC header length covers that element only; a reply to a
 * command sent in continuation records is as long as the command and comes
 * in continuation records too, every other message is one element. A
 * message is complete exactly when its declared bytes arrived; more, fewer
 * or an orphan continuation record is a protocol error
 * (Documentation/msgq.rst, "Messages longer than one element").
 *
 * Locking: every function that touches the queues takes the rpc's mutex;
 * callers hold no nvgsp lock. Event handlers run with the mutex held (by
 * whichever thread is draining the queue) and may call only
 * nvgsp_rpc_send_locked(); every other entry point takes the mutex, so
 * other threads simply wait while a handler runs. nvgsp_rpc_state() takes
 * no lock. Each entry point checks the health before and again after it
 * takes the mutex: a dead transport fails at once.
 */
#ifndef NVGSP_RPC_H
#define NVGSP_RPC_H

#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"

struct nvgsp_rpc;
struct nvgsp_falcon;

/**
 * struct nvgsp_rpc_config - what the transport needs from its GPU.
 * @dev: the device: DMA allocations and messages.
 * @bar0: register window.
 * @abi: the bound release (queue geometry from its "msgq.*" parameters,
 *       numbers from its maps, headers through its codecs).
 * @doorbell: BAR0 offset written (with 0) after commands are queued: the GSP
 *            falcon's QUEUE_HEAD(0) register.
 * @irq_ack: BAR0 offset of the GSP falcon's IRQSCLR, written with
 *           @irq_ack_bits after the message queue was drained; 0 for none.
 * @irq_ack_bits: the SWGEN0 bit(s).
 * @timeout_ms: default timeout of a synchronous call.
 * @falcon: the GSP falcon, whose RISC-V state a timed-out wait reads to
 *          tell a halted GSP-RM from a busy one; NULL for none.
 */
struct nvgsp_rpc_config {
	struct nvgsp_os_device *dev;
	struct nvgsp_os_bar *bar0;
	const struct nvgsp_abi *abi;
	u32 doorbell;
	u32 irq_ack;
	u32 irq_ack_bits;
	u32 timeout_ms;
	struct nvgsp_falcon *falcon;
};

/**
 * enum nvgsp_rpc_state - the health of GSP-RM as its transport sees it.
 * @NVGSP_RPC_RUNNING: it answers.
 * @NVGSP_RPC_DEAD: the first RPC timeout, protocol error (bad element,
 *                  checksum, sequence, ...) or halt of the GSP's RISC-V
 *                  core noticed by a timed-out wait killed it: every call
 *                  fails at once with -EIO.
 * @NVGSP_RPC_GONE: the device reads all ones: every call fails at once
 *                  with -ENODEV.
 *
 * A transport dies once and for good, with one log line naming why and
 * the last command sent (function, sequence, length). After that the
 * queues are never touched again and the calls log nothing.
 */
enum nvgsp_rpc_state {
	NVGSP_RPC_RUNNING,
	NVGSP_RPC_DEAD,
	NVGSP_RPC_GONE,
};

/**
 * struct nvgsp_rpc_shm - where the queues live, for GSP_ARGUMENTS_CACHED.
 * @addr: bus address of the shared buffer (its first PTE page).
 * @pte_count: entries in the PTE array (pages of the whole buffer).
 * @cmdq_offset: byte offset of the command queue in the buffer.
 * @statq_offset: byte offset of the message ("status") queue.
 */
struct nvgsp_rpc_shm {
	u64 addr;
	u32 pte_count;
	u64 cmdq_offset;
	u64 statq_offset;
};

/**
 * nvgsp_rpc_create() - allocate the shared buffer and initialise the command
 * queue's header (GSP-RM initialises the message queue's when it starts).
 * @cfg: see struct nvgsp_rpc_config; copied.
 * @out: set to the new transport.
 *
 * Return: 0; -ENOMEM; -EINVAL when the release's queue parameters are
 * missing or inconsistent (message names the parameter).
 */
int nvgsp_rpc_create(const struct nvgsp_rpc_config *cfg, struct nvgsp_rpc **out);

/**
 * nvgsp_rpc_destroy() - free the transport and its DMA memory; NULL ignored.
 * @rpc: the transport. The GSP must no longer access it (unloaded or reset).
 */
void nvgsp_rpc_destroy(struct nvgsp_rpc *rpc);

/**
 * nvgsp_rpc_state() - the transport's health and why it died.
 * @rpc: the transport.
 * @reason: where to copy the reason of a dead or gone transport (empty
 *          while running); may be NULL.
 * @len: bytes at @reason; the copy is truncated and NUL-terminated.
 *
 * Takes no lock and never waits: the state is a word written once, with
 * release semantics, after the reason (which is never written again), by
 * whoever holds the rpc's lock when the transport dies; this reads it with
 * acquire semantics. A caller stuck in a call with a hung GSP-RM holds the
 * lock for up to its timeout, so readers such as sysfs must not take it.
 *
 * Return: enum nvgsp_rpc_state.
 */
enum nvgsp_rpc_state nvgsp_rpc_state(const struct nvgsp_rpc *rpc, char *reason, size_t len);

/**
 * nvgsp_rpc_device() - the device a transport belongs to, for messages.
 * @rpc: the transport.
 *
 * Return: its configuration's device.
 */
struct nvgsp_os_device *nvgsp_rpc_device(const struct nvgsp_rpc *rpc);

/**
 * nvgsp_rpc_rm_status() - report an RM status: the one place an RPC's
 * rpc_result and the status in an RM allocation's or control's reply are
 * turned into an errno and logged.
 * @dev: the device, for the message.
 * @abi: the release that sent @raw.
 * @raw: the release's raw status; 0 is NV_OK.
 * @what: the operation, first in the message ("GSP_RM_CONTROL",
 *        "object 0xcaf00003").
 *
 * NV_OK is silent; a warning status is logged at debug level
 * (NVGSP_DBG_RPC), as is "busy" (NOT_READY, TIMEOUT_RETRY: GSP-RM asks the
 * caller to retry, which is the caller's decision); any other status is an
 * error, "<what>: RM status 0x51 (NO_MEMORY Out of memory)". Firmware
 * decides how often these happen, so they are rate-limited.
 *
 * Return: 0 for NV_OK and warnings, else the status as a negative errno
 * (nvgsp_abi_rm_status_errno()).
 */
int nvgsp_rpc_rm_status(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi, u32 raw,
			const char *what);

/**
 * nvgsp_rpc_shm() - the shared buffer's location, for the RMARGS page.
 * @rpc: the transport.
 * @shm: filled.
 */
void nvgsp_rpc_shm(const struct nvgsp_rpc *rpc, struct nvgsp_rpc_shm *shm);

/**
 * nvgsp_rpc_send() - queue a command without waiting for its reply
 * (GSP_SET_SYSTEM_INFO and SET_REGISTRY are queued before GSP-RM runs).
 * @rpc: the transport.
 * @function: enum nvgsp_abi_rpc id.
 * @payload: the function's parameters (after the RPC header); up to
 *           16 MiB, split into continuation records when over one element.
 * @len: bytes of @payload.
 *
 * Return: 0; -ENOSPC when the queue stays full past the timeout (the
 * transport dies); -ENODEV when the device is gone; -EIO at once when the
 * transport is dead (enum nvgsp_rpc_state); -EOPNOTSUPP when the release
 * has no number for @function; -EMSGSIZE, nothing sent, for a payload
 * over 16 MiB.
 */
int nvgsp_rpc_send(struct nvgsp_rpc *rpc, u32 function, const void *payload, size_t len);

/**
 * nvgsp_rpc_send_locked() - nvgsp_rpc_send() from an event handler, which
 * runs with the transport's mutex already held by its dispatcher.
 * @rpc: the transport.
 * @function: enum nvgsp_abi_rpc id.
 * @payload: parameters, as nvgsp_rpc_send().
 * @len: bytes of @payload.
 *
 * Return: as nvgsp_rpc_send(); -EINVAL outside an event handler.
 */
int nvgsp_rpc_send_locked(struct nvgsp_rpc *rpc, u32 function, const void *payload,
			  size_t len);

/**
 * nvgsp_rpc_call() - send a command and wait for its reply, dispatching
 * any events that arrive first.
 * @rpc: the transport.
 * @function: enum nvgsp_abi_rpc id.
 * @payload: parameters, as nvgsp_rpc_send().
 * @len: bytes of @payload.
 * @reply: receives the reply's payload (after its RPC header); may be NULL.
 * @reply_len: room at @reply; a longer reply is an error (-EMSGSIZE), never
 *             an overrun, and leaves @reply untouched. The reply is written
 *             as its elements arrive: when a later continuation record is
 *             refused (-EPROTO), @reply may hold the earlier ones' bytes,
 *             never more than @reply_len.
 * @reply_got: set to the reply payload's length; may be NULL.
 * @timeout_ms: 0 for the configured default.
 *
 * Return: 0; the errno of the reply's rpc_result
 * (nvgsp_abi_rm_status_errno()): a busy GSP-RM (NOT_READY, TIMEOUT_RETRY)
 * gives -EAGAIN, logged at debug level only and not resent here (the
 * caller decides whether its command may be repeated); -EMSGSIZE for a
 * reply longer than @reply_len (@reply_got says how long); -ETIMEDOUT (and
 * the history is dumped to the log); -ENOSPC when the command queue stays
 * full; -EPROTO for a malformed message (bad checksum, sequence, length;
 * the message names what was wrong); -ENODEV when the device reads all
 * ones; -EMSGSIZE, nothing sent, for a payload over 16 MiB; -ENOMEM when
 * a long reply to an nvgsp_rpc_send() command arriving meanwhile cannot be
 * reassembled (it is consumed and dropped); an event
 * handler's error. A timeout, a full command queue and a protocol error
 * kill the transport (enum nvgsp_rpc_state): every later call returns -EIO
 * at once (-ENODEV once the device is gone), touching nothing.
 */
int nvgsp_rpc_call(struct nvgsp_rpc *rpc, u32 function, const void *payload, size_t len,
		   void *reply, size_t reply_len, size_t *reply_got, u32 timeout_ms);

/**
 * typedef nvgsp_rpc_event_fn - handles one event from GSP-RM.
 * @ctx: as registered.
 * @event: enum nvgsp_abi_event id.
 * @payload: the event's payload (after the RPC header); valid during the call.
 * @len: its length.
 *
 * Return: 0, or a negative errno that is logged and, when a caller is
 * waiting in nvgsp_rpc_wait_event() or nvgsp_rpc_call(), returned to it.
 */
typedef int (*nvgsp_rpc_event_fn)(void *ctx, u32 event, const void *payload, size_t len);

/**
 * nvgsp_rpc_on_event() - register the handler of an event (one per event;
 * NULL removes it). Events without a handler are logged at debug level and
 * dropped, except OS_ERROR_LOG and UCODE_LIBOS_PRINT which have built-in
 * handlers that log them.
 * @rpc: the transport.
 * @event: enum nvgsp_abi_event id.
 * @fn: the handler.
 * @ctx: passed to @fn.
 *
 * Return: 0; -EINVAL for an id outside the enum.
 */
int nvgsp_rpc_on_event(struct nvgsp_rpc *rpc, u32 event, nvgsp_rpc_event_fn fn, void *ctx);

/**
 * nvgsp_rpc_wait_event() - process messages until @event has been received
 * (and its handler run), e.g. GSP_INIT_DONE.
 * @rpc: the transport.
 * @event: enum nvgsp_abi_event id.
 * @timeout_ms: 0 for the configured default.
 *
 * Return: 0; the handler's error; -ETIMEDOUT; -EPROTO; -ENODEV; -EIO at
 * once when the transport is dead.
 */
int nvgsp_rpc_wait_event(struct nvgsp_rpc *rpc, u32 event, u32 timeout_ms);

/**
 * nvgsp_rpc_poll() - drain the message queue and dispatch events (the
 * interrupt path; also safe to call any time).
 * @rpc: the transport.
 *
 * Return: messages processed, or a negative errno as nvgsp_rpc_call();
 * -EIO or -ENODEV at once, without reading the queue, when the transport
 * is dead or gone.
 */
int nvgsp_rpc_poll(struct nvgsp_rpc *rpc);

/**
 * nvgsp_rpc_backlog() - whether the last drain (by nvgsp_rpc_poll() or a
 * caller's wait) stopped at its budget of NVGSP_RPC_DRAIN_BUDGET elements
 * with more published. Every drain is bounded so that a GSP-RM that
 * publishes without end cannot hold a thread; the interrupt path, which
 * acknowledged the interrupt before it drained, must then poll again soon
 * (no new interrupt comes for what is already there).
 * @rpc: the transport.
 *
 * Takes no lock.
 *
 * Return: true when messages were left in the queue.
 */
bool nvgsp_rpc_backlog(const struct nvgsp_rpc *rpc);

/**
 * nvgsp_rpc_dump_history() - log the last RPCs and events (function, length,
 * sequence, result, direction, time), oldest first. The layer logs them
 * itself on a timeout or protocol error; this is for the tests and tools
 * (nvgsp_rpc_tool.c, not part of nvgsp.ko).
 * @rpc: the transport.
 */
void nvgsp_rpc_dump_history(struct nvgsp_rpc *rpc);

/**
 * nvgsp_rpc_check_alive() - the idle liveness check (nvgsp_rpc_health.c):
 * is the device still there (NV_PMC_BOOT_0 not all ones) and GSP-RM's
 * RISC-V core still running? Two register reads, no queue access, no wait.
 * @rpc: the transport.
 *
 * Never waits behind a call in flight: when the transport's lock is held
 * the round is skipped (-EBUSY); the caller that holds it watches the
 * same things while it waits. A device found gone or a core found halted
 * kills the transport exactly as a timed-out call does (nvgsp_xport_die():
 * one line naming why, then every call fails at once).
 *
 * Return: 0 while alive; -EBUSY when skipped; -ENODEV when the device is
 * gone; -EIO when GSP-RM is dead (found now or earlier).
 */
int nvgsp_rpc_check_alive(struct nvgsp_rpc *rpc);

/**
 * nvgsp_rpc_kill() - end the transport from outside (nvgsp_rpc_health.c):
 * every call from then on fails at once with -EIO, and nvgsp_rpc_state()
 * says dead with @why. For what the transport cannot see itself: a PCIe
 * error the platform reported, or a GSP-RM that was unloaded on purpose
 * and must not be called again.
 * @rpc: the transport.
 * @log: log the death line (nvgsp_xport_die(): "GSP-RM dead: <why>; last
 *       command: ..."); false for an end that is no failure (GSP-RM
 *       unloaded), which logs nothing.
 * @why: the reason kept.
 *
 * Takes the transport's lock, so it waits for a call in flight, which
 * ends within its own timeout. A transport already dead or gone stays as
 * it is.
 */
void nvgsp_rpc_kill(struct nvgsp_rpc *rpc, bool log, const char *why);

#endif /* NVGSP_RPC_H */
