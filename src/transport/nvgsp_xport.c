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

void nvgsp_xport_dump_history(const struct nvgsp_xport *x)
{
	u32 i;

	nvgsp_os_log(x->dev, NVGSP_LOG_WARN, 0,
		     "rpc history: last %u messages, oldest first", x->hist_count);
	for (i = 0; i < x->hist_count; i++) {
		u32 at = (x->hist_next + NVGSP_XPORT_HISTORY - x->hist_count + i) %
			 NVGSP_XPORT_HISTORY;
		const struct nvgsp_xport_hist *e = &x->hist[at];

		nvgsp_os_log(x->dev, NVGSP_LOG_WARN, 0,
			     "rpc history %2u: %s %s (0x%x) len %u seq %u result 0x%x at %llu us",
			     i, e->rx ? "rx" : "tx", nvgsp_xport_number_name(x, e->number),
			     e->number, e->length, e->sequence, e->result,
			     e->time_ns / 1000);
	}
}

int nvgsp_xport_proto(struct nvgsp_xport *x, const char *fmt, ...)
{
	va_list ap;
	char msg[192];

	va_start(ap, fmt);
	nvgsp_os_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	nvgsp_os_log(x->dev, NVGSP_LOG_ERR, 0, "message queue: %s", msg);
	nvgsp_xport_dump_history(x);
	return -EPROTO;
}

bool nvgsp_xport_alive(struct nvgsp_xport *x, const char *what)
{
	u32 boot0;

	if (x->gone)
		return false;
	boot0 = nvgsp_os_rd32(x->bar0, NV_PMC_BOOT_0);
	if (boot0 != 0xffffffffu)
		return true;
	x->gone = true;
	nvgsp_os_log(x->dev, NVGSP_LOG_ERR, 0,
		     "GPU gone: BOOT_0 reads 0x%08x %s", boot0, what);
	return false;
}
