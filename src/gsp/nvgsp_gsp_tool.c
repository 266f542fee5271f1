// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_gsp_tool.c - accessors for the tests and the benchmarks only; not
 * part of nvgsp.ko (see nvgsp_gsp_tool.h).
 */
#include "nvgsp_gsp_types.h"
#include "gsp/nvgsp_gsp_tool.h"

struct nvgsp_rpc *nvgsp_gsp_rpc(struct nvgsp_gsp *gsp)
{
	return gsp->rpc;
}
