// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_xport.c - the transport's foundation (see nvgsp_xport.h): the
 * implementations by name, and the link's health: liveness, protocol
 * errors and the message history. Below the RPC layer and the queue
 * implementations alike; it calls neither.
 */
#include "nvgsp_xport.h"
#include "chip/regs/nvgsp_regs_pmc.h"

/* Every queue protocol this build implements. */
static const struct nvgsp_transport_ops *const nvgsp_transports[] = {
	&nvgsp_transport_msgq_v0,
};

static bool nvgsp_xport_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

const struct nvgsp_transport_ops *nvgsp_transport_find(const struct nvgsp_abi_transport *desc)
{
	unsigned int i;

	if (!desc || !desc->name)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(nvgsp_transports); i++)
		if (nvgsp_transports[i]->version == desc->version &&
		    nvgsp_xport_streq(nvgsp_transports[i]->name, desc->name))
			return nvgsp_transports[i];
	return NULL;
}

const char *nvgsp_xport_number_name(const struct nvgsp_xport *x, u32 number)
{
	u32 id;

	if (!nvgsp_abi_event_id(x->abi, number, &id))
		return nvgsp_abi_id_name(NVGSP_ABI_GROUP_EVENT, id);
	if (!nvgsp_abi_rpc_id(x->abi, number, &id))
		return nvgsp_abi_id_name(NVGSP_ABI_GROUP_RPC, id);
	return "?";
}

void nvgsp_xport_hist_add(struct nvgsp_xport *x, bool rx, u32 number, size_t length,
			  u32 sequence, u32 result)
{
	struct nvgsp_xport_hist *e = &x->hist[x->hist_next];

	e->time_ns = nvgsp_os_time_ns();
	e->number = number;
	e->length = length > 0xffffffffu ? 0xffffffffu : (u32)length;
	e->sequence = sequence;
	e->result = result;
	e->rx = rx;
	x->hist_next = (x->hist_next + 1) % NVGSP_XPORT_HISTORY;
	if (x->hist_count < NVGSP_XPORT_HISTORY)
		x->hist_count++;
}

static void xport_dump(const struct nvgsp_xport *x, enum nvgsp_os_log_level level, u32 category)
{
	u32 i;

	nvgsp_os_log(x->dev, level, category,
		     "rpc history: last %u messages, oldest first", x->hist_count);
	for (i = 0; i < x->hist_count; i++) {
		u32 at = (x->hist_next + NVGSP_XPORT_HISTORY - x->hist_count + i) %
			 NVGSP_XPORT_HISTORY;
		const struct nvgsp_xport_hist *e = &x->hist[at];

		nvgsp_os_log(x->dev, level, category,
			     "rpc history %2u: %s %s (0x%x) len %u seq %u result 0x%x at %llu us",
			     i, e->rx ? "rx" : "tx", nvgsp_xport_number_name(x, e->number),
			     e->number, e->length, e->sequence, e->result,
			     e->time_ns / 1000);
	}
}

void nvgsp_xport_dump_history(const struct nvgsp_xport *x)
{
	xport_dump(x, NVGSP_LOG_WARN, 0);
}

/* The last command sent, from the history ring; NULL when none was. */
static const struct nvgsp_xport_hist *xport_last_tx(const struct nvgsp_xport *x)
{
	u32 i;

	for (i = 1; i <= x->hist_count; i++) {
		const struct nvgsp_xport_hist *e =
			&x->hist[(x->hist_next + NVGSP_XPORT_HISTORY - i) % NVGSP_XPORT_HISTORY];

		if (!e->rx)
			return e;
	}
	return NULL;
}

static void xport_vdie(struct nvgsp_xport *x, enum nvgsp_xport_state state, const char *fmt,
		       va_list ap) __printf(3, 0);

static void xport_vdie(struct nvgsp_xport *x, enum nvgsp_xport_state state, const char *fmt,
		       va_list ap)
{
	const struct nvgsp_xport_hist *last;
	char flight[96];

	if (x->state != NVGSP_XPORT_RUNNING)
		return;
	nvgsp_os_vsnprintf(x->reason, sizeof(x->reason), fmt, ap);
	/* The reason is complete before anyone can see the state change. */
	smp_store_release(&x->state, (u32)state);

	last = xport_last_tx(x);
	if (last)
		nvgsp_os_snprintf(flight, sizeof(flight), "%s (0x%x) seq %u len %u",
				  nvgsp_xport_number_name(x, last->number), last->number,
				  last->sequence, last->length);
	else
		nvgsp_os_snprintf(flight, sizeof(flight), "nothing sent");
	nvgsp_os_log(x->dev, NVGSP_LOG_ERR, 0, "%s: %s; last command: %s",
		     state == NVGSP_XPORT_GONE ? "GPU gone" : "GSP-RM dead", x->reason, flight);
	xport_dump(x, NVGSP_LOG_DEBUG, NVGSP_DBG_RPC);
}

void nvgsp_xport_die(struct nvgsp_xport *x, enum nvgsp_xport_state state, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	xport_vdie(x, state, fmt, ap);
	va_end(ap);
}

void nvgsp_xport_end(struct nvgsp_xport *x, const char *why)
{
	if (x->state != NVGSP_XPORT_RUNNING)
		return;
	nvgsp_os_snprintf(x->reason, sizeof(x->reason), "%s", why);
	smp_store_release(&x->state, (u32)NVGSP_XPORT_DEAD);
}

enum nvgsp_xport_state nvgsp_xport_state(const struct nvgsp_xport *x, char *reason, size_t len)
{
	u32 state = smp_load_acquire(&x->state);
	size_t i = 0;

	if (reason && len) {
		if (state != NVGSP_XPORT_RUNNING)
			for (; i < len - 1 && x->reason[i]; i++)
				reason[i] = x->reason[i];
		reason[i] = '\0';
	}
	return (enum nvgsp_xport_state)state;
}

int nvgsp_xport_errno(const struct nvgsp_xport *x)
{
	switch (smp_load_acquire(&x->state)) {
	case NVGSP_XPORT_RUNNING:
		return 0;
	case NVGSP_XPORT_GONE:
		return -ENODEV;
	default:
		return -EIO;
	}
}

int nvgsp_xport_proto(struct nvgsp_xport *x, const char *fmt, ...)
{
	va_list ap;
	char msg[NVGSP_XPORT_REASON_LEN];

	va_start(ap, fmt);
	nvgsp_os_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	nvgsp_xport_die(x, NVGSP_XPORT_DEAD, "message queue: %s", msg);
	return -EPROTO;
}

bool nvgsp_xport_alive(struct nvgsp_xport *x, const char *what)
{
	u32 boot0;

	if (x->state == NVGSP_XPORT_GONE)
		return false;
	boot0 = nvgsp_os_rd32(x->bar0, NV_PMC_BOOT_0);
	if (boot0 != 0xffffffffu)
		return true;
	nvgsp_xport_die(x, NVGSP_XPORT_GONE, "BOOT_0 reads 0x%08x %s", boot0, what);
	return false;
}
