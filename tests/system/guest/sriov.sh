#!/bin/sh
# sriov guest checks (busybox sh), run by /init as /checks.sh.
#
# The guest has one simulated NVIDIA GPU behind a PCIe root port, a PF whose SR-IOV
# capability QEMU emulates from the VF devices it was given (tests/system/sriov), an
# intel-iommu (intel_iommu=on), the firmware files of the chip under /lib/firmware,
# nvgsp.ko, the kernel's vfio modules under /modules (insmod order in
# /modules/load-order), /bin/vfio_hold, and the kernel's VFIO selftests with their
# runner under /vfio-selftests (when the host could build them).
#
# /sriov.conf (written by the host) says what to expect:
#   CHIP          GA102, GH100 (as dmesg spells it)
#   DEVICE_ID     the PF's PCI device id (0x2235)
#   RELEASE       the GSP-RM release booted
#   NUM_VFS       how many VFs to enable (QEMU has exactly that many VF devices)
#   VF_DEVICE_ID  the VFs' device id (the capability's VF Device ID)
#   VF_BAR0_SIZE  bytes of each VF's BAR0
#   VGPU_TYPES    the vGPU types the manager offers: those gpusim's catalogue has for
#                 the board (gpusim_vgpumeta.c's table), 0 on the boot whose firmware
#                 has no nvidia/vgpu-<release>.bin
#   VGPU_CATALOGUE  1 when the initramfs has nvidia/vgpu-<release>.bin, 0 when not
#   VFIO_VARIANT  1 when nvgsp.ko has its VFIO variant driver (nvgsp-vfio-pci): the
#                 VFs then go to it and /vgpu.sh checks a VM's vGPU (its own
#                 VGPU_* settings are described there); 0: VF 0 goes to vfio-pci
#   MDEV          1 when nvgsp.ko has its mdev front end (nvgsp-mdev): afterwards
#                 the VFs go to it and /mdev.sh checks mdevs (its MDEV_* settings
#                 are described there); 0: the driver must be absent
#
# Each check prints "ok NAME" or "FAIL NAME: DETAIL"; a check whose precondition
# failed is not run (the failure that stopped it is already counted). "note: ..."
# lines carry what the host reports. The script always runs to its end, exits 0.

# shellcheck source=SCRIPTDIR/common.sh
. /common.sh
. /sriov.conf
mkdir -p /tmp
# debugfs, for the vGPU manager's per-VF log files (and released()'s check that
# nvgsp's directory goes at rmmod)
mount -t debugfs none /sys/kernel/debug 2>/dev/null
BOOT_WAIT=${BOOT_WAIT:-90}
DISABLE_WAIT=${DISABLE_WAIT:-15}

# vf_addr PF I: the address of the PF's VF I (its virtfnI link), or nothing
vf_addr() {
	l=$(readlink "$PCI/devices/$1/virtfn$2" 2>/dev/null) || return 0
	basename "$l"
}

# vgpu_log_state GFID: "enodev" while the VF has no vGPU, "ok" when its init log reads
# (used by /vgpu.sh and /mdev.sh)
vgpu_log_state() {
	if cat "$DBG/$pf/vgpu/$1/init" > /tmp/vgpu-log.out 2> /tmp/vgpu-log.err; then
		echo ok
	elif grep -q "No such device" /tmp/vgpu-log.err; then
		echo enodev
	else
		echo "error: $(cat /tmp/vgpu-log.err)"
	fi
}

# bar_size ADDR BAR: bytes of a BAR from the device's resource file (0 when absent)
bar_size() {
	sed -n "$(($2 + 1))p" "$PCI/devices/$1/resource" | {
		read -r s e _
		if [ $((s)) -eq 0 ] && [ $((e)) -eq 0 ]; then echo 0; else echo $((e - s + 1)); fi
	}
}

# --- the PF -------------------------------------------------------------------------

pf=$(find_dev 0x10de "$DEVICE_ID")
if [ -z "$pf" ]; then
	fail pf-present "no 0x10de:$DEVICE_ID device; PCI has: $(cat "$PCI"/devices/*/device | tr '\n' ' ')"
	exit 0
fi
ok pf-present
note "PF $pf"

mark
# The policy's opt-in (Documentation/ownership.rst): the PF is the guest's boot VGA device.
insmod /nvgsp.ko bind=all take_boot_vga=1 || fail insmod "insmod nvgsp.ko failed"
wait_for "$BOOT_WAIT" settled "$pf"
if ! booted "$pf" || ! is_bound "$pf"; then
	fail gsp-boot "no '$(running_line "$pf")' line; nvgsp said: $(nvsaid)"
	check_kernel_health
	exit 0
fi
ok gsp-boot

# Booted for SR-IOV vGPU under the default nvgsp.vgpu=auto: the chip, the release
# and the board's TotalVFs allow it (Documentation/vgpu-boot.rst); the model's
# GSP-RM accepted the vGPU heap, the VF partitions and RMSetSriovMode.
want="nvgsp $pf: vGPU: on (nvgsp.vgpu=auto): GSP-RM $RELEASE booted for SR-IOV vGPU, TotalVFs $NUM_VFS"
if has_line "$want"; then ok vgpu-boot; else fail vgpu-boot "no '$want' line; nvgsp said: $(nvsaid)"; fi

# The vGPU manager nvgsp starts on that boot: with the catalogue the firmware has (the
# board's types, all of which fit), or without one (its own line, then no types).
# One line either way; an error line from "vGPU:" leaves it out.
if [ "$VGPU_CATALOGUE" = 1 ]; then
	bad=$(since | grep -E "nvgsp $pf: vGPU: (no type catalogue|type catalogue refused)" | tr '\n' '|')
	verdict vgpu-catalogue "${bad:+nvidia/vgpu-$RELEASE.bin was not taken: $bad}"
else
	want="nvgsp $pf: vGPU: no type catalogue nvidia/vgpu-$RELEASE.bin (-2): no vGPU types offered"
	if has_line "$want"; then ok vgpu-no-catalogue; else fail vgpu-no-catalogue "no '$want' line; nvgsp said: $(nvsaid)"; fi
fi
want="nvgsp $pf: vGPU: $VGPU_TYPES types, VMMU segment 32 MiB,"
if has_line "$want"; then
	ok vgpu-manager
	note "$(since | grep -F "$want")"
else
	fail vgpu-manager "no '$want...' line; nvgsp said: $(since | grep -F "nvgsp $pf: vGPU:" | tail -n 6 | tr '\n' '|')"
fi

# Its per-VF log files in debugfs, GFID 1..NUM_VFS; no VF has a vGPU yet, so reading
# one fails with ENODEV.
bad=
g=1
while [ $g -le "$NUM_VFS" ]; do
	for f in init vgpu kernel; do
		[ -e "$DBG/$pf/vgpu/$g/$f" ] || bad="$bad no $DBG/$pf/vgpu/$g/$f;"
	done
	g=$((g + 1))
done
[ ! -e "$DBG/$pf/vgpu/$g" ] || bad="$bad $DBG/$pf/vgpu/$g exists with $NUM_VFS VFs;"
verdict vgpu-debugfs "$bad"
if [ -e "$DBG/$pf/vgpu/1/init" ]; then
	if cat "$DBG/$pf/vgpu/1/init" > /tmp/vgpu-init.out 2> /tmp/vgpu-init.err; then
		fail vgpu-debugfs-enodev "reading vgpu/1/init succeeded ($(wc -c < /tmp/vgpu-init.out) bytes) with no vGPU on VF 1"
	elif grep -q "No such device" /tmp/vgpu-init.err; then
		ok vgpu-debugfs-enodev
	else
		fail vgpu-debugfs-enodev "reading vgpu/1/init failed, but not with ENODEV: $(cat /tmp/vgpu-init.err)"
	fi
fi

total=$(cat "$PCI/devices/$pf/sriov_totalvfs" 2>/dev/null)
if [ "$total" = "$NUM_VFS" ]; then ok sriov-totalvfs; else fail sriov-totalvfs "sriov_totalvfs is '$total', want $NUM_VFS"; fi

# --- enable the VFs -----------------------------------------------------------------

mark
if ! echo "$NUM_VFS" > "$PCI/devices/$pf/sriov_numvfs"; then
	fail sriov-enable "echo $NUM_VFS > sriov_numvfs failed; the kernel said: $(since | tail -n 3 | tr '\n' '|')"
	echo "$pf" > "$PCI/drivers/nvgsp/unbind"
	rmmod nvgsp
	check_kernel_health
	exit 0
fi
n=$(cat "$PCI/devices/$pf/sriov_numvfs")
bad=
[ "$n" = "$NUM_VFS" ] || bad="sriov_numvfs reads $n after writing $NUM_VFS;"
has_line "nvgsp $pf: enabled $NUM_VFS VFs" || bad="$bad no 'enabled $NUM_VFS VFs' line; nvgsp said: $(nvsaid)"
verdict sriov-enable "$bad"

# Each VF: there, a VF of this PF, the expected identity, its BARs.
vfs=
i=0
while [ $i -lt "$NUM_VFS" ]; do
	vf=$(vf_addr "$pf" $i)
	bad=
	if [ -z "$vf" ] || [ ! -e "$PCI/devices/$vf" ]; then
		bad="no virtfn$i link under $pf"
	else
		vfs="$vfs $vf"
		pl=$(readlink "$PCI/devices/$vf/physfn" 2>/dev/null)
		[ "$(basename "${pl:-none}")" = "$pf" ] || bad="$bad physfn is '${pl:-missing}', not $pf;"
		[ "$(cat "$PCI/devices/$vf/vendor")" = 0x10de ] || bad="$bad vendor $(cat "$PCI/devices/$vf/vendor");"
		[ "$(cat "$PCI/devices/$vf/device")" = "$VF_DEVICE_ID" ] ||
			bad="$bad device $(cat "$PCI/devices/$vf/device"), want $VF_DEVICE_ID;"
		s=$(bar_size "$vf" 0)
		[ "$s" = "$VF_BAR0_SIZE" ] || bad="$bad BAR0 $s bytes, want $VF_BAR0_SIZE;"
		[ "$(bar_size "$vf" 1)" != 0 ] || bad="$bad no BAR1;"
		[ "$(bar_size "$vf" 3)" != 0 ] || bad="$bad no BAR3;"
		note "VF $i $vf: $(sed -n '1p;2p;4p' "$PCI/devices/$vf/resource" | tr '\n' ' ')"
	fi
	verdict "vf$i-identity" "$bad"
	i=$((i + 1))
done

# nvgsp was offered each VF (same vendor, a display class) and refused it.
i=0
for vf in $vfs; do
	bad=
	[ -z "$(driver_of "$vf")" ] || bad="bound to $(driver_of "$vf")"
	if [ "$VFIO_VARIANT" = 1 ]; then use="nvgsp-vfio-pci (a vGPU) or vfio-pci"; else use=vfio-pci; fi
	has_line "nvgsp $vf: not binding SR-IOV virtual function $i of $pf: nvgsp drives physical functions; assign VFs with $use" ||
		bad="$bad no 'not binding SR-IOV virtual function $i of $pf ... $use' line; nvgsp said: $(nvsaid)"
	verdict "vf$i-not-bound" "$bad"
	i=$((i + 1))
done

# nvgspctl list: the PF with its SR-IOV totals and enabled VFs, the VFs as "vf" rows
# with no driver; --json (checked on the host) says the same, with the render node's
# VGPU answer counting the enabled VFs. The text goes to the log as notes.
total=$(cat "$PCI/devices/$pf/sriov_totalvfs")
if out=$(nvgspctl list 2>/tmp/list.err); then
	echo "$out" | sed 's/^/note: nvgspctl list: /'
	bad=
	echo "$out" | grep -qE "^$pf +10de:${DEVICE_ID#0x} .* nvgsp +$NUM_VFS/$total +" ||
		bad="no PF row '$pf ... nvgsp $NUM_VFS/$total';"
	for vf in $vfs; do
		echo "$out" | grep -qE "^$vf +10de:${VF_DEVICE_ID#0x} +[0-9a-f]{6} +[0-9a-f]{2} +- +vf " ||
			bad="$bad no VF row '$vf ... - vf';"
	done
	[ ! -s /tmp/list.err ] || bad="$bad stderr: $(tr '\n' '|' </tmp/list.err);"
	verdict nvgspctl-list "$bad"
else
	fail nvgspctl-list "exit non-zero: $(tr '\n' '|' </tmp/list.err)"
fi
vfl=$(for vf in $vfs; do printf "'%s', " "$vf"; done)
sel="[f for f in d if f['address'] == '$pf'][0]"
json_doc nvgspctl-list-sriov "${sel}['sriov']['total_vfs'] == $total and ${sel}['sriov']['num_vfs'] == $NUM_VFS and ${sel}['drm']['missing'] == [] and ${sel}['drm']['vgpu']['enabled_vfs'] == $NUM_VFS and ${sel}['drm']['vgpu']['total_vfs'] == $total and [f['address'] for f in d if f['physfn'] == '$pf'] == [$vfl] and all(f['driver'] is None and f['sriov'] is None and f['drm'] is None for f in d if f['physfn'] == '$pf')" \
	nvgspctl list --json
json_doc nvgspctl-info-pf "d['vfs'] == [$vfl] and d['drm']['vgpu']['vgpus'] == 0 and d['drm']['memory']['vgpu_used_bytes'] == 0" \
	nvgspctl info --json "$pf"

# --- VF 0 to vfio-pci ---------------------------------------------------------------

vf0=
for vf in $vfs; do vf0=$vf; break; done
bad=
# (those nvgsp.ko depends on are loaded already: /init loaded them)
while read -r m; do
	[ -e "/sys/module/$m" ] && continue
	insmod "/modules/$m.ko" 2>/tmp/insmod.err || bad="$bad insmod $m: $(cat /tmp/insmod.err);"
done < /modules/load-order
verdict vfio-modules "$bad"
if [ "$VFIO_VARIANT" = 1 ]; then
	# The VFs to nvgsp-vfio-pci, and a VM's vGPU on VF 0.
	. /vgpu.sh
elif [ -n "$vf0" ]; then
	echo vfio-pci > "$PCI/devices/$vf0/driver_override"
	echo "$vf0" > "$PCI/drivers_probe" 2>/dev/null
	bad=
	[ "$(driver_of "$vf0")" = vfio-pci ] || bad="driver is '$(driver_of "$vf0")'"
	g=$(readlink "$PCI/devices/$vf0/iommu_group" 2>/dev/null)
	if [ -z "$g" ]; then
		bad="$bad no IOMMU group"
	elif [ ! -e "/dev/vfio/${g##*/}" ]; then
		bad="$bad no /dev/vfio/${g##*/}"
	fi
	verdict vf0-vfio-bind "$bad"
fi

# The kernel's VFIO selftests on VF 0 (their own ok/FAIL/note lines).
if [ "$(driver_of "$vf0")" = vfio-pci ]; then
	if [ -f /vfio-selftests/vfio-selftests.sh ]; then
		sh /vfio-selftests/vfio-selftests.sh -d /vfio-selftests "$vf0"
	else
		fail vfio-selftests "not in the initramfs (the host could not build them)"
	fi

	# Hold VF 0 open as a VMM would; the PF's driver must refuse to take the VFs away.
	vfio_hold "$vf0" > /tmp/hold.out 2>&1 &
	hold=$!
	wait_for 10 grep -q "^held $vf0" /tmp/hold.out
	if ! grep -q "^held $vf0" /tmp/hold.out; then
		fail vf0-vfio-open "vfio_hold: $(cat /tmp/hold.out)"
	else
		ok vf0-vfio-open
		note "$(cat /tmp/hold.out)"
		mark
		# A driver that does not refuse leaves the write waiting in vfio-pci's
		# remove until the user lets go: give it DISABLE_WAIT seconds, then
		# release the VF so the guest goes on.
		rm -f /tmp/disable.rc
		(
			r=0
			echo 0 > "$PCI/devices/$pf/sriov_numvfs" 2>/dev/null || r=1
			echo "$r" > /tmp/disable.rc
		) &
		wait_for "$DISABLE_WAIT" test -s /tmp/disable.rc
		if [ ! -s /tmp/disable.rc ]; then
			fail disable-refused-while-open "echo 0 > sriov_numvfs neither failed nor returned in $DISABLE_WAIT s with $vf0 open (blocked in vfio-pci's remove); nvgsp said: $(nvsaid)"
			kill "$hold" 2>/dev/null
			wait_for 30 test -s /tmp/disable.rc
		elif [ "$(cat /tmp/disable.rc)" = 0 ]; then
			fail disable-refused-while-open "echo 0 > sriov_numvfs succeeded with $vf0 open"
		else
			bad=
			n=$(cat "$PCI/devices/$pf/sriov_numvfs")
			[ "$n" = "$NUM_VFS" ] || bad="sriov_numvfs reads $n after the refusal;"
			# "cannot disable N VFs: VF 1 at ADDR is in use (enabled by vfio-pci)..."
			since | grep -F "nvgsp $pf: cannot disable " | grep -qF " $vf0 is in use" ||
				bad="$bad no 'cannot disable ... $vf0 is in use' line; nvgsp said: $(nvsaid)"
			[ -e "$PCI/devices/$vf0" ] || bad="$bad $vf0 is gone"
			verdict disable-refused-while-open "$bad"
		fi
	fi
	kill "$hold" 2>/dev/null
	wait "$hold" 2>/dev/null
fi

# --- the mdev front end -------------------------------------------------------------

# Where the host found nvgsp-mdev in nvgsp.ko, every VF becomes an mdev parent now
# (/mdev.sh); elsewhere the driver must be absent, and a note says the checks were
# not run.
if [ "${MDEV:-0}" = 1 ]; then
	. /mdev.sh
elif [ -d "$PCI/drivers/nvgsp-mdev" ]; then
	fail mdev-driver "$PCI/drivers/nvgsp-mdev exists, but the host found no nvgsp-mdev in nvgsp.ko"
else
	note "mdev checks not run: this line's nvgsp.ko has no nvgsp-mdev (no mdev front end built)"
fi

# --- disable, unload ----------------------------------------------------------------

mark
if [ "$(cat "$PCI/devices/$pf/sriov_numvfs")" = 0 ]; then
	# disable-refused-while-open failed: its write disabled them.
	note "sriov-disable not checked: the VFs were disabled while $vf0 was open"
elif echo 0 > "$PCI/devices/$pf/sriov_numvfs"; then
	bad=
	[ "$(cat "$PCI/devices/$pf/sriov_numvfs")" = 0 ] || bad="sriov_numvfs reads $(cat "$PCI/devices/$pf/sriov_numvfs");"
	for vf in $vfs; do
		[ ! -e "$PCI/devices/$vf" ] || bad="$bad $vf still present;"
	done
	[ ! -e "$PCI/devices/$pf/virtfn0" ] || bad="$bad virtfn0 still present;"
	has_line "nvgsp $pf: disabled $NUM_VFS VFs" || bad="$bad no 'disabled $NUM_VFS VFs' line; nvgsp said: $(nvsaid)"
	verdict sriov-disable "$bad"
else
	fail sriov-disable "echo 0 > sriov_numvfs failed; nvgsp said: $(nvsaid)"
fi

mark
if rmmod nvgsp; then
	verdict rmmod "$(released "$pf")"
else
	fail rmmod "rmmod nvgsp failed"
fi
check_kernel_health
exit 0
