# SPDX-License-Identifier: GPL-2.0-only
#
# Kernel capability probes, included from ../Kbuild.
#
# Each compat/probes/<name>.c is a tiny translation unit that compiles against
# the target kernel's headers only if that kernel has the capability; it is
# compiled with -fsyntax-only (no code generation, objtool or modpost). Every
# name a probe defines starts with nvgsp_probe.
#
# Probes are compiled in batches (compat/probe-batch.sh): the probes that
# include the same headers form one translation unit, so those headers, nearly
# all of a probe's compile time, are parsed once per batch instead of once per
# probe, and each probe still sees exactly the headers it includes. When a
# batch fails, the compiler's messages say which probes failed; those are
# absent, and the others are compiled again without them to confirm. Anything
# the messages cannot settle is compiled alone. The result of every probe is
# the one compiling it alone gives (tests/kbuild/run checks this). Every batch
# is its own make target, so a parallel build runs them side by side; a new
# probe joins a batch by itself.
#
# The results are gathered into one header,
#   $(obj)/compat/generated/<kernelrelease>/nvgsp_compat_probes.h
# defining NVGSP_HAVE_<NAME> for each probe that compiled; beside it, for each
# probe, <name>.h.log holds the compiler's messages about it (why it is
# absent), and <batch>.batch.c and .batch.log each batch's translation unit and
# whole output. Results live under the target kernel's release and depend on
# that kernel's autoconf.h, on the probes of their batch, on this file and on
# compat/probe-batch.sh, so they are rerun only when one of those changes.
#
# The floor: nvgsp supports Linux 5.10 and newer. This is the one place a
# kernel version is compared; everything else is probed.

nvgsp_too_old := $(shell [ "$(VERSION)" -lt 5 ] 2>/dev/null || \
	{ [ "$(VERSION)" -eq 5 ] && [ "$(PATCHLEVEL)" -lt 10 ]; } 2>/dev/null && echo y)
ifeq ($(nvgsp_too_old),y)
$(error nvgsp: Linux $(VERSION).$(PATCHLEVEL) ($(KERNELRELEASE)) is too old: nvgsp needs Linux 5.10 or newer)
endif

NVGSP_COMPAT_DIR := $(obj)/compat/generated/$(KERNELRELEASE)
NVGSP_COMPAT_HEADER := $(NVGSP_COMPAT_DIR)/nvgsp_compat_probes.h
NVGSP_COMPAT_CFLAGS := -I$(NVGSP_COMPAT_DIR)

nvgsp_probe_files := $(sort $(wildcard $(src)/compat/probes/*.c))
nvgsp_probe_names := $(notdir $(basename $(nvgsp_probe_files)))
nvgsp_probe_results := $(addprefix $(NVGSP_COMPAT_DIR)/,$(addsuffix .h,$(nvgsp_probe_names)))

# The batches (compat/probe-batch.sh groups): probes that include the same
# headers are compiled as one translation unit, so those headers are parsed
# once, not once per probe. One word per batch, its name (which changes with
# its probes) and its probes joined by ':'; the biggest batches first, so that
# a parallel make starts them first.
nvgsp_probe_batch := $(src)/compat/probe-batch.sh
nvgsp_probe_groups := $(if $(nvgsp_probe_files),$(shell bash $(nvgsp_probe_batch) groups $(nvgsp_probe_files)))
ifneq ($(words $(nvgsp_probe_names) $(nvgsp_probe_groups)),$(words $(subst :, ,$(nvgsp_probe_groups))))
$(error nvgsp: compat/probe-batch.sh did not sort the probes into batches)
endif
nvgsp_probe_stamps := $(foreach g,$(nvgsp_probe_groups),$(NVGSP_COMPAT_DIR)/$(firstword $(subst :, ,$(g))).probes)

# The target kernel's own flags, as for a module object, without our
# ccflags-y (-Werror must not turn a W=1 warning into a false "absent").
nvgsp_probe_cflags = $(NOSTDINC_FLAGS) $(LINUXINCLUDE) \
	-include $(srctree)/include/linux/compiler_types.h \
	$(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS) $(KBUILD_CFLAGS_MODULE) \
	-DMODULE -DKBUILD_BASENAME='"nvgsp_probe"' -DKBUILD_MODNAME='"nvgsp_probe"' \
	-D__KBUILD_MODNAME=kmod_nvgsp_probe \
	-Werror=implicit-function-declaration -Werror=incompatible-pointer-types \
	-Werror=int-conversion

nvgsp_hash := \#
# One batch: writes <probe>.h and <probe>.h.log for each of its probes, then
# the stamp <batch>.probes.
quiet_cmd_nvgsp_probe = PROBE   $(nvgsp_probe_group)
      cmd_nvgsp_probe = bash $(nvgsp_probe_batch) run $@ \
	$(addprefix $(src)/compat/probes/,$(addsuffix .c,$(nvgsp_probe_group))) \
	-- $(CC) $(nvgsp_probe_cflags)

# nvgsp_probe_rule NAME PROBE...: the rule for one batch.
define nvgsp_probe_rule
$(NVGSP_COMPAT_DIR)/$(firstword $(1)).probes: nvgsp_probe_group := $(wordlist 2,$(words $(1)),$(1))
$(NVGSP_COMPAT_DIR)/$(firstword $(1)).probes: \
		$(addprefix $(src)/compat/probes/,$(addsuffix .c,$(wordlist 2,$(words $(1)),$(1)))) \
		$(nvgsp_probe_batch) $(src)/compat/compat.mk \
		$(objtree)/include/generated/autoconf.h
	@mkdir -p $$(dir $$@)
	$$(call cmd,nvgsp_probe)
endef
$(foreach g,$(nvgsp_probe_groups),$(eval $(call nvgsp_probe_rule,$(subst :, ,$(g)))))

# The header is made again on every build (FORCE) and replaced only when it
# changes: a probe added (whatever its file's time: kbuild's .SECONDARY would
# not remake a missing batch stamp otherwise) or removed is always seen, and
# nothing is rebuilt when nothing changed.
$(NVGSP_COMPAT_HEADER): $(nvgsp_probe_stamps) FORCE
	$(Q){ echo "/* Generated by compat/compat.mk for $(KERNELRELEASE); do not edit. */"; \
	  echo "$(nvgsp_hash)ifndef NVGSP_COMPAT_PROBES_H"; \
	  echo "$(nvgsp_hash)define NVGSP_COMPAT_PROBES_H"; \
	  cat $(nvgsp_probe_results); \
	  echo "$(nvgsp_hash)endif"; } > $@.tmp && \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else \
		$(if $(filter quiet_,$(quiet)),echo '  GEN     $(notdir $@)';) mv $@.tmp $@; fi

clean-files += compat/generated
