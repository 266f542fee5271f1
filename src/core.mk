# SPDX-License-Identifier: GPL-2.0-only
#
# The portable core for userspace builds: the unit tests, nvgspctl, the fuzz
# targets and the benchmarks compile exactly these sources, with the
# userspace OS layer in place of the kernel one. ../Kbuild lists the same
# layers for nvgsp.ko.
#
# Include with NVGSP_TOP set to the repository root; it defines
#   NVGSP_CORE_SRCS      every core source (paths under NVGSP_TOP)
#   NVGSP_CORE_CFLAGS    the include paths they need
#   NVGSP_CORE_VPATH     their directories, for vpath and notdir-named objects

include $(NVGSP_TOP)/firmware-abi/generated/nvgsp_abi.mk

NVGSP_CORE_LAYERS := chip abi fw engine transport rm gsp
NVGSP_CORE_SRCS := \
	$(sort $(foreach l,$(NVGSP_CORE_LAYERS),$(wildcard $(NVGSP_TOP)/src/$(l)/*.c))) \
	$(addprefix $(NVGSP_TOP)/firmware-abi/generated/,$(NVGSP_ABI_GENERATED_SRCS)) \
	$(NVGSP_TOP)/src/os/nvgsp_os_user.c
NVGSP_CORE_CFLAGS := -I$(NVGSP_TOP)/src -I$(NVGSP_TOP)/src/os -I$(NVGSP_TOP)/firmware-abi/generated
NVGSP_CORE_VPATH := $(addprefix $(NVGSP_TOP)/src/,$(NVGSP_CORE_LAYERS) os) \
	$(NVGSP_TOP)/firmware-abi/generated
