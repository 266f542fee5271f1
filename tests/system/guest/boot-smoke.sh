#!/bin/sh
# boot-smoke guest checks (busybox sh), run by /init as /checks.sh.
#
# nvgsp is loaded, bound and unbound on QEMU's standard VGA device, whose BAR0 is a
# 16 MiB RAM framebuffer: writing fake NV_PMC_BOOT_0/BOOT_42 values into it makes it
# look like one GPU or another to the driver, and driver_override makes nvgsp probe it
# although its vendor is not NVIDIA's. QEMU's edu device (1 MiB BAR0) exercises the BAR
# size refusal.
#
# In the vfio-user boot the guest instead finds a 10de:2204 function (a GA102 served by
# tests/gpusim/vfu/gpusim-vfu) and checks that nvgsp, loaded alone, refuses it (the
# default policy, Documentation/ownership.rst), binds it through its ID table once
# nvgsp.bind= names it, and leaves it alone while pci-stub holds it (vfu_main).
#
# Each check prints "ok NAME" or "FAIL NAME: DETAIL"; the host judges from those lines.
# The script itself always runs to the end and exits 0. The helpers both guest scripts
# use (results, kernel log marks, PCI lookups, released, expect_refused, the kernel's
# health) are in common.sh.

# shellcheck source=SCRIPTDIR/common.sh
. /common.sh

# These devices identify as GPUs but cannot boot GSP-RM (a RAM BAR, or the
# register-file-only vfio-user server): load nvgsp in its identify-only mode.
KO="/nvgsp.ko gsp_boot=0"
FW=/lib/firmware/nvidia/ga102/gsp
FW_RELEASE=$(cat /expected/fw_release)
FW_BUILD_ID=$(cat /expected/fw_build_id)
NV_PMC_BOOT_0=0x0
NV_PMC_BOOT_42=0xa00

# Identities written into the VGA BAR: "BOOT_0 BOOT_42".
GA102_A1="0x172000a1 0x172a1000"
VOLTA="0x140000a1 0x00000000"

# --- PCI helpers --------------------------------------------------------------------

bar0_size() { read -r s e _ < "$PCI/devices/$1/resource"; echo $((e - s + 1)); }
command_of() { od -An -tx2 -j4 -N2 "$PCI/devices/$1/config" | tr -d ' '; }

# poke ADDR OFFSET VALUE; peek ADDR OFFSET: 32-bit access to BAR0 through /dev/mem
poke() { devmem "$(printf '0x%x' $(($(bar0_start "$1") + $2)))" 32 "$3"; }
peek() { devmem "$(printf '0x%x' $(($(bar0_start "$1") + $2)))" 32; }

# fake_ids ADDR BOOT_0 BOOT_42: make the VGA BAR read as that GPU; fails if it does not stick
fake_ids() {
	poke "$1" $NV_PMC_BOOT_0 "$2"
	poke "$1" $NV_PMC_BOOT_42 "$3"
	[ $(($(peek "$1" $NV_PMC_BOOT_0))) -eq $(($2)) ] &&
		[ $(($(peek "$1" $NV_PMC_BOOT_42))) -eq $(($3)) ]
}

# probe ADDR: ask for nvgsp through driver_override; drivers_probe probes synchronously.
# Its write fails when probe refuses, which is expected: the checks read the result.
probe() {
	echo nvgsp > "$PCI/devices/$1/driver_override"
	echo "$1" > "$PCI/drivers_probe" 2>/dev/null
	return 0
}
# expect_refused (common.sh) attaches this way: QEMU's devices are not in nvgsp's ID table.
attach() { probe "$1"; }

unbind() { echo "$1" > "$PCI/drivers/nvgsp/unbind"; }
bind() { echo "$1" > "$PCI/drivers/nvgsp/bind"; }

# --- checks -------------------------------------------------------------------------

check_insmod_bad_param() {
	mark
	if insmod $KO debug=0x40 2>/dev/null; then
		fail insmod-debug-unknown-bits "insmod debug=0x40 succeeded"
		rmmod nvgsp
	elif ! has_line "nvgsp: debug=0x40 has unknown bits 0x40; known bits: "; then
		fail insmod-debug-unknown-bits "insmod failed but dmesg has no 'unknown bits' line: $(since | grep nvgsp | tail -n 3)"
	elif [ -e /sys/module/nvgsp ]; then
		fail insmod-debug-unknown-bits "insmod failed but /sys/module/nvgsp exists"
	else
		ok insmod-debug-unknown-bits
	fi
}

check_insmod() {
	if ! out=$(insmod $KO 2>&1); then
		fail insmod "insmod failed: $out"
	elif [ ! -d /sys/module/nvgsp ] || [ ! -d "$PCI/drivers/nvgsp" ]; then
		fail insmod "insmod succeeded but /sys/module/nvgsp or $PCI/drivers/nvgsp is missing"
	else
		ok insmod
	fi
}

check_param_debug() {
	p=/sys/module/nvgsp/parameters/debug
	mark
	if [ ! -e $p ]; then
		fail param-debug-reject "$p missing"
	elif echo 0x40 2>/dev/null > $p; then
		fail param-debug-reject "writing 0x40 to $p succeeded (now $(cat $p))"
	elif ! has_line "nvgsp: debug=0x40 has unknown bits 0x40"; then
		fail param-debug-reject "write failed but no 'unknown bits' line in dmesg"
	elif [ "$(cat $p)" != 0 ]; then
		fail param-debug-reject "the refused write changed debug to $(cat $p)"
	else
		ok param-debug-reject
	fi
	# Leave every debug category on: the rest of the run also exercises the debug paths.
	if ! echo 0x3 > $p; then
		fail param-debug-accept "writing 0x3 to $p failed"
	elif [ "$(cat $p)" != 3 ]; then
		fail param-debug-accept "wrote 0x3, reads $(cat $p)"
	else
		ok param-debug-accept
	fi
}

# check_refusal NAME ADDR "BOOT_0 BOOT_42" REASON: a refused identity
check_refusal() {
	name=$1 addr=$2 reason=$4
	# shellcheck disable=SC2086 # "BOOT_0 BOOT_42" into $1 $2
	set -- $3
	if ! fake_ids "$addr" "$1" "$2"; then
		fail "$name" "BAR0 of $addr does not hold the values written (reads $(peek "$addr" 0))"
		return
	fi
	expect_refused "$name" "$addr" \
		"$(printf 'nvgsp %s: refusing device: BOOT_0=0x%08x BOOT_42=0x%08x: %s' "$addr" "$1" "$2" "$reason")"
}

# check_sysfs NAME ADDR: every attribute reads exactly what a GA102 rev A1 must read
check_sysfs() {
	if [ ! -d "$PCI/devices/$2/nvgsp" ]; then
		fail "$1" "$PCI/devices/$2/nvgsp/ does not exist"
		return
	fi
	bad=
	for kv in architecture=0x17 boot0=0x172000a1 boot42=0x172a1000 boot_path=sec2-booter \
		chip=GA102 chipset=0x172 family=ampere fw_signature_family=ga10x \
		implementation=0x2 revision=A1 fw_release="$FW_RELEASE" fw_build_id="$FW_BUILD_ID"; do
		f=$PCI/devices/$2/nvgsp/${kv%%=*}
		got=$(cat "$f" 2>&1)
		[ "$got" = "${kv#*=}" ] || bad="$bad ${kv%%=*}='$got' (want ${kv#*=});"
	done
	verdict "$1" "$bad"
}

# check_fw_refusal NAME ADDR LINE: with the GA102 identity in BAR0, probe is
# refused for a firmware reason (set up by the caller) with LINE after the
# "nvgsp ADDR: firmware: " prefix.
check_fw_refusal() {
	name=$1 addr=$2 want="nvgsp $2: firmware: $3"
	# shellcheck disable=SC2086 # "BOOT_0 BOOT_42" into $1 $2
	set -- $GA102_A1
	if ! fake_ids "$addr" "$1" "$2"; then
		fail "$name" "BAR0 of $addr does not hold the values written"
		return
	fi
	expect_refused "$name" "$addr" "$want"
}

# Every way the firmware can be wrong, each refused with its own message.
check_firmware_refusals() {
	addr=$1 rel=$FW_RELEASE p=/sys/module/nvgsp/parameters/fw_release

	mv /lib/firmware /lib/firmware.off
	check_fw_refusal refuse-no-firmware "$addr" \
		"GA102: no GSP-RM image: looked for nvidia/ga102/gsp/gsp-<release>.bin and nvidia/<release>/gsp_ga10x.bin for releases 570.144, 535.113.01 (install linux-firmware's nvidia files, e.g. Debian's firmware-nvidia-graphics)"
	mv /lib/firmware.off /lib/firmware

	mv "$FW/booter_unload-$rel.bin" /booter_unload.off
	check_fw_refusal refuse-not-bootable "$addr" \
		"GSP-RM $rel identified (nvidia/ga102/gsp/gsp-$rel.bin), not bootable: missing nvidia/ga102/gsp/booter_unload-$rel.bin"
	mv /booter_unload.off "$FW/booter_unload-$rel.bin"

	mv "$FW/gsp-$rel.bin" /gsp.off
	head -c 65536 /gsp.off > "$FW/gsp-$rel.bin"
	check_fw_refusal refuse-truncated-image "$addr" "nvidia/ga102/gsp/gsp-$rel.bin: "
	mv /gsp.off "$FW/gsp-$rel.bin"

	mark
	if echo 5x 2>/dev/null > $p; then
		fail param-fw-release-reject "writing 5x to $p succeeded"
	elif ! has_line "nvgsp: fw_release=5x"; then
		fail param-fw-release-reject "write refused, but no 'fw_release=5x' line in dmesg"
	else
		ok param-fw-release-reject
	fi
	if echo 535.113.01 > $p; then
		check_fw_refusal refuse-forced-release-absent "$addr" \
			"nvgsp.fw_release: release 535.113.01: neither nvidia/ga102/gsp/gsp-535.113.01.bin nor nvidia/535.113.01/gsp_ga10x.bin exists"
	else
		fail refuse-forced-release-absent "writing 535.113.01 to $p failed"
	fi
	echo "" > $p
	[ -z "$(cat $p)" ] || fail param-fw-release-clear "$p still reads '$(cat $p)'"
}

check_bind_ga102() {
	addr=$1
	# shellcheck disable=SC2086 # "BOOT_0 BOOT_42" into $1 $2
	set -- $GA102_A1
	if ! fake_ids "$addr" "$1" "$2"; then
		fail bind-ga102 "BAR0 of $addr does not hold the values written"
		return
	fi
	mark
	probe "$addr"
	want="nvgsp $addr: GA102 (ampere, chipset 0x172, revision A1): firmware family ga10x, boots via sec2-booter"
	if ! is_bound "$addr"; then
		fail bind-ga102 "not bound; nvgsp said: $(since | grep nvgsp | tail -n 3)"
		return
	fi
	want_fw="nvgsp $addr: firmware: GSP-RM $FW_RELEASE (nvidia/ga102/gsp/gsp-$FW_RELEASE.bin), 4 files"
	if ! has_line "$want"; then
		fail bind-ga102 "bound, but no dmesg line '$want'; nvgsp said: $(since | grep nvgsp | tail -n 3)"
	elif ! has_line "$want_fw"; then
		fail bind-ga102 "bound, but no dmesg line '$want_fw'; nvgsp said: $(since | grep nvgsp | tail -n 3)"
	elif [ -z "$(iomem_nvgsp "$addr")" ] || [ "$(enable_of "$addr")" != 1 ]; then
		fail bind-ga102 "bound, but BAR0 is not claimed in /proc/iomem or enable is $(enable_of "$addr")"
	else
		ok bind-ga102
	fi
	check_sysfs bind-ga102-sysfs "$addr"
}

check_unbind_rebind() {
	addr=$1
	unbind "$addr"
	if is_bound "$addr"; then
		fail unbind "still bound after unbind"
	elif ! left=$(released "$addr"); then
		fail unbind "unbound, but$left"
	else
		ok unbind
	fi
	bind "$addr"
	if ! is_bound "$addr"; then
		fail rebind "not bound again through $PCI/drivers/nvgsp/bind"
	elif [ ! -d "$PCI/devices/$addr/nvgsp" ]; then
		fail rebind "bound again, but $PCI/devices/$addr/nvgsp/ is missing"
	else
		ok rebind
	fi

	bad=
	for i in 1 2 3; do
		unbind "$addr"
		left=$(released "$addr") || bad="$bad cycle $i unbind:$left"
		bind "$addr"
		is_bound "$addr" || bad="$bad cycle $i: bind did not bind;"
	done
	verdict unbind-bind-x3 "$bad"
}

check_small_bar() {
	expect_refused refuse-small-bar0 "$1" \
		"nvgsp $1: refusing device: BAR0 is $(bar0_size "$1") bytes; an NVIDIA GPU's register window is 16777216 bytes"
	# Only the VGA device should come back when the module is loaded again.
	echo > "$PCI/devices/$1/driver_override"
}

check_rmmod_bound() {
	addr=$1
	is_bound "$addr" || note "$addr is not bound before rmmod"
	if ! out=$(rmmod nvgsp 2>&1); then
		fail rmmod-while-bound "rmmod failed: $out"
		return
	fi
	bad=
	[ ! -e /sys/module/nvgsp ] || bad="$bad /sys/module/nvgsp still present;"
	[ ! -e "$PCI/drivers/nvgsp" ] || bad="$bad $PCI/drivers/nvgsp still present;"
	[ -z "$(driver_of "$addr")" ] || bad="$bad $addr still bound to $(driver_of "$addr");"
	left=$(released "$addr") || bad="$bad$left"
	verdict rmmod-while-bound "$bad"
}

# driver_override outlives the module, so loading it again binds the VGA device by
# itself (asynchronously: nvgsp prefers asynchronous probing).
check_reload() {
	addr=$1
	mark
	if ! out=$(insmod $KO 2>&1); then
		fail reinsmod "insmod after rmmod failed: $out"
		return
	fi
	ok reinsmod
	if wait_for 10 is_bound "$addr"; then
		note "$addr (driver_override=$(cat "$PCI/devices/$addr/driver_override")) was bound again by insmod alone"
		check_sysfs reinsmod-autobind-sysfs "$addr"
		ok reinsmod-autobind
	else
		fail reinsmod-autobind "driver_override is '$(cat "$PCI/devices/$addr/driver_override")' but insmod did not bind $addr within 10 s"
	fi
	if ! out=$(rmmod nvgsp 2>&1); then
		fail rmmod-again "rmmod failed: $out"
	elif [ -e /sys/module/nvgsp ] || [ -n "$(iomem_nvgsp)" ]; then
		fail rmmod-again "rmmod left /sys/module/nvgsp or a /proc/iomem claim behind"
	else
		ok rmmod-again
	fi
}

# --- the vfio-user GA102 (10de:2204) -------------------------------------------------

check_vfu_config() {
	addr=$1 bad=''
	[ "$(cat "$PCI/devices/$addr/class")" = 0x030000 ] || bad="$bad class $(cat "$PCI/devices/$addr/class");"
	[ "$(bar0_size "$addr")" = 16777216 ] || bad="$bad BAR0 size $(bar0_size "$addr");"
	[ "$(cat "$PCI/devices/$addr/subsystem_vendor")" = 0x10de ] ||
		bad="$bad subsystem vendor $(cat "$PCI/devices/$addr/subsystem_vendor");"
	[ -z "$(driver_of "$addr")" ] || bad="$bad already bound to $(driver_of "$addr");"
	case $(cat "$PCI/devices/$addr/driver_override") in "" | "(null)") ;; *) false ;; esac ||
		bad="$bad driver_override is '$(cat "$PCI/devices/$addr/driver_override")';"
	verdict vfu-pci-config "$bad"
}

# insmod alone refuses the function (nvgsp.bind=none: one line, BAR0 untouched);
# with nvgsp.bind= naming its ID (and take_boot_vga=1: it is the guest's only VGA
# function) it binds it through the ID table (asynchronous probe).
check_vfu_autobind() {
	addr=$1
	want="nvgsp $addr: GA102 (ampere, chipset 0x172, revision A1)"
	mark
	if ! out=$(insmod $KO 2>&1); then
		fail vfu-default-refused "insmod failed: $out"
		return 1
	fi
	refusal="nvgsp $addr: not binding 10de:2204: nvgsp takes a GPU only when asked (nvgsp.bind=none)"
	wait_for 10 has_line "$refusal"
	bad=
	has_line "$refusal" || bad="$bad no '$refusal' line; nvgsp said: $(since | grep nvgsp | tail -n 3);"
	! is_bound "$addr" || bad="$bad bound;"
	[ -z "$(iomem_nvgsp "$addr")" ] || bad="$bad BAR0 claimed;"
	verdict vfu-default-refused "$bad"
	rmmod nvgsp || fail vfu-default-rmmod "rmmod failed"
	mark
	# shellcheck disable=SC2086 # $KO is the module and its parameters
	if ! out=$(insmod $KO bind=10de:2204 take_boot_vga=1 2>&1); then
		fail vfu-autobind "insmod failed: $out"
		return 1
	fi
	if ! wait_for 10 is_bound "$addr"; then
		fail vfu-autobind "insmod did not bind $addr within 10 s; nvgsp said: $(since | grep nvgsp | tail -n 3)"
	elif ! wait_for 2 has_line "$want"; then
		fail vfu-autobind "bound, but no dmesg line '$want'; nvgsp said: $(since | grep nvgsp | tail -n 3)"
	else
		ok vfu-autobind
	fi
	check_sysfs vfu-autobind-sysfs "$addr"
}

# The server's register file, read and written by the guest through /dev/mem while no
# driver holds BAR0 (the kernel's strict devmem refuses claimed ranges): enabled through
# sysfs for the checks, disabled again after.
check_vfu_bar0() {
	addr=$1 bad='' scratch=0xfff000
	echo 1 > "$PCI/devices/$addr/enable"
	if [ "$(enable_of "$addr")" != 1 ]; then
		fail vfu-bar0-regs "$addr cannot be enabled"
		return
	fi
	if ! err=$(peek "$addr" $NV_PMC_BOOT_0 2>&1); then
		fail vfu-bar0-regs "devmem cannot read BAR0: $err"
		echo 0 > "$PCI/devices/$addr/enable"
		return
	fi
	[ $(($(peek "$addr" $NV_PMC_BOOT_0))) -eq $((0x172000a1)) ] || bad="$bad BOOT_0 reads $(peek "$addr" $NV_PMC_BOOT_0);"
	[ $(($(peek "$addr" $NV_PMC_BOOT_42))) -eq $((0x172a1000)) ] || bad="$bad BOOT_42 reads $(peek "$addr" $NV_PMC_BOOT_42);"
	[ $(($(peek "$addr" $scratch))) -eq 0 ] || bad="$bad scratch reads $(peek "$addr" $scratch) before any write;"
	poke "$addr" $scratch 0x5a5aa5a5
	[ $(($(peek "$addr" $scratch))) -eq $((0x5a5aa5a5)) ] || bad="$bad scratch reads $(peek "$addr" $scratch) after writing 0x5a5aa5a5;"
	poke "$addr" $scratch 0
	poke "$addr" $NV_PMC_BOOT_0 0
	[ $(($(peek "$addr" $NV_PMC_BOOT_0))) -eq $((0x172000a1)) ] || bad="$bad BOOT_0 changed by a write;"
	echo 0 > "$PCI/devices/$addr/enable"
	verdict vfu-bar0-regs "$bad"
}

# Another driver holds the GA102: nvgsp says so once at load and does not touch it.
check_vfu_foreign() {
	addr=$1
	if [ ! -d "$PCI/drivers/pci-stub" ] && [ -e /pci-stub.ko ]; then
		insmod /pci-stub.ko || { fail vfu-foreign-driver "insmod /pci-stub.ko failed"; return; }
	fi
	if [ ! -d "$PCI/drivers/pci-stub" ]; then
		fail vfu-foreign-driver "no pci-stub driver in this guest (not built in, no /pci-stub.ko)"
		return
	fi
	echo pci-stub > "$PCI/devices/$addr/driver_override"
	echo "$addr" > "$PCI/drivers_probe" 2>/dev/null
	if [ "$(driver_of "$addr")" != pci-stub ]; then
		fail vfu-foreign-driver "could not bind $addr to pci-stub (driver '$(driver_of "$addr")')"
		echo > "$PCI/devices/$addr/driver_override"
		return
	fi
	want="nvgsp $addr: bound to pci-stub; nvgsp leaves it alone (unbind it or use driver_override: see the nvgsp README)"
	mark
	if ! out=$(insmod $KO 2>&1); then
		fail vfu-foreign-driver "insmod failed: $out"
	else
		sleep 1
		if ! since | grep -qxF -- "$want"; then
			fail vfu-foreign-driver "no dmesg line '$want'; nvgsp said: $(since | grep nvgsp | tail -n 3)"
		elif [ "$(driver_of "$addr")" != pci-stub ]; then
			fail vfu-foreign-driver "$addr is now bound to '$(driver_of "$addr")'"
		elif [ -n "$(iomem_nvgsp "$addr")" ] || [ -e "$PCI/devices/$addr/nvgsp" ]; then
			fail vfu-foreign-driver "nvgsp claimed BAR0 or created its sysfs group"
		else
			ok vfu-foreign-driver
		fi
		rmmod nvgsp || fail vfu-foreign-rmmod "rmmod failed"
	fi
	echo "$addr" > "$PCI/drivers/pci-stub/unbind"
	echo > "$PCI/devices/$addr/driver_override"
}

vfu_main() {
	nv=$1
	note "vfio-user GA102 $nv BAR0 $(bar0_start "$nv") size $(bar0_size "$nv") class $(cat "$PCI/devices/$nv/class") command 0x$(command_of "$nv") driver '$(driver_of "$nv")'"
	check_vfu_config "$nv"
	check_vfu_bar0 "$nv"
	check_vfu_autobind "$nv"
	if [ -d /sys/module/nvgsp ]; then
		check_rmmod_bound "$nv"
	fi
	check_vfu_foreign "$nv"
	check_kernel_health
}

main() {
	if nv=$(find_dev 0x10de 0x2204); then
		vfu_main "$nv"
		return
	fi
	note "first check at uptime $(cut -d' ' -f1 /proc/uptime) s"
	vga=$(find_dev 0x1234 0x1111) || { fail find-vga "no QEMU VGA (1234:1111) in $PCI/devices"; return; }
	edu=$(find_dev 0x1234 0x11e8) || fail find-edu "no QEMU edu device (1234:11e8) in $PCI/devices"
	note "VGA $vga BAR0 $(bar0_start "$vga") size $(bar0_size "$vga") command 0x$(command_of "$vga") enable $(enable_of "$vga") driver '$(driver_of "$vga")'"
	[ -n "$edu" ] && note "edu $edu BAR0 $(bar0_start "$edu") size $(bar0_size "$edu") command 0x$(command_of "$edu")"

	check_insmod_bad_param
	check_insmod
	[ -d /sys/module/nvgsp ] || return
	check_param_debug

	check_refusal refuse-boot0-zero "$vga" "0x0 0x0" "BOOT_0 reads zero"
	check_refusal refuse-boot0-all-ones "$vga" "0xffffffff 0xffffffff" "BOOT_0 reads all ones"
	check_refusal refuse-volta "$vga" "$VOLTA" "Volta GPU (chipset 0x140) predates Turing"
	check_firmware_refusals "$vga"
	check_bind_ga102 "$vga"
	check_unbind_rebind "$vga"
	[ -n "$edu" ] && check_small_bar "$edu"
	check_rmmod_bound "$vga"
	check_reload "$vga"
	check_kernel_health
}

main
exit 0
