// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_rpc_tool.c - RPC-layer helpers only the tests and tools use; not
 * part of nvgsp.ko (Kbuild lists no *_tool.c).
 */
#include "nvgsp_rpc_types.h"

void nvgsp_rpc_dump_history(struct nvgsp_rpc *rpc)
{
	nvgsp_os_mutex_lock(rpc->lock);
	nvgsp_xport_dump_history(&rpc->xport);
	nvgsp_os_mutex_unlock(rpc->lock);
}
