# SPDX-License-Identifier: GPL-2.0-only
#
# The portable core for userspace builds: the unit tests, nvgspctl, the fuzz
# targets and the benchmarks compile exactly these sources, with the
# userspace OS layer in place of the kernel one, each on its own. nvgsp.ko
# carries the same layers, less the sources named *_tool.c (and the generated
# NVGSP_ABI_GENERATED_TOOL_SRCS): code only nvgspctl and the tests use, which
# the module does not carry; Kbuild compiles them grouped into a few
# translation units (src/unity_core_*.c). `make check` (tests/unit, target
# portable, tests/unit/units.sh) verifies that every other core source is in
# exactly one of them.
#
# Include with NVGSP_TOP set to the repository root; it defines
#   NVGSP_CORE_SRCS      every core source (paths under NVGSP_TOP)
#   NVGSP_CORE_CFLAGS    the include paths they need
#   NVGSP_CORE_VPATH     their directories, for vpath and notdir-named objects
#   nvgsp_fresh_build    $(call nvgsp_fresh_build,DIR,EXTRA_SRCS): see below

include $(NVGSP_TOP)/firmware-abi/generated/nvgsp_abi.mk

NVGSP_CORE_LAYERS := chip abi fw engine transport rm gsp vgpu
NVGSP_CORE_SRCS := \
	$(sort $(foreach l,$(NVGSP_CORE_LAYERS),$(wildcard $(NVGSP_TOP)/src/$(l)/*.c))) \
	$(addprefix $(NVGSP_TOP)/firmware-abi/generated/,$(NVGSP_ABI_GENERATED_SRCS) \
		$(NVGSP_ABI_GENERATED_TOOL_SRCS)) \
	$(NVGSP_TOP)/src/os/nvgsp_os_user.c
NVGSP_CORE_CFLAGS := -I$(NVGSP_TOP)/src -I$(NVGSP_TOP)/src/os -I$(NVGSP_TOP)/firmware-abi/generated \
	-I$(NVGSP_TOP)/include/uapi/drm
NVGSP_CORE_VPATH := $(addprefix $(NVGSP_TOP)/src/,$(NVGSP_CORE_LAYERS) os) \
	$(NVGSP_TOP)/firmware-abi/generated

# A build directory outside the checkout (the system tier's cache) outlives
# the checkout that filled it. When sources have moved since, its dependency
# files name paths that no longer exist and make stops with "No rule to make
# target". Call this at parse time, before -include'ing the .d files: it
# empties DIR when the list of sources it was built from (the core's, plus
# EXTRA_SRCS) is not today's, and records today's.
nvgsp_fresh_build = $(if $(strip $(1)),$(shell \
	d='$(strip $(1))'; l='$(sort $(NVGSP_CORE_SRCS) $(2))'; \
	[ "$$(cat "$$d/.sources" 2>/dev/null)" = "$$l" ] || \
	{ rm -rf "$$d"; mkdir -p "$$d" && printf '%s' "$$l" >"$$d/.sources"; }))
