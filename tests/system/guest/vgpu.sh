#!/bin/sh
# vgpu guest checks (busybox sh), sourced by sriov.sh on the kernel lines that build
# nvgsp's VFIO variant driver (VFIO_VARIANT=1 in /sriov.conf), once the VFs are
# enabled. Documentation/vgpu-vfio.rst describes what is checked.
#
# From sriov.sh: $pf, $vfs (the VF addresses), $vf0, and the helpers of common.sh.
# From /sriov.conf:
#   VGPU_TYPES       the number of types the manager offers
#   VGPU_TYPE        the type a VM gets here (decimal id; a small one of the board)
#   VGPU_DEVICE      the PCI device and subsystem device the guest must see for it
#   VGPU_SUBDEVICE   (the type's vdev_id halves, hex as sysfs prints them)
#   VGPU_BAR1        its BAR1 in bytes
#   VGPU_TYPE_ONE    a type with max_instance 1 on this board (decimal id)
#   VGPU_FUZZ_OPS    operations of the guest-input fuzzer
#   VGPU_SESSION     how much of a VM's session runs: "check" (open, check the
#                    virtual device, reset, close), "fuzz" (also: hold it open,
#                    refusals while open, the request IRQ; the fuzzer), "full"
#                    (also the kernel's VFIO selftests against the VF)
#
# The VMM side is /bin/vgpu_client (tests/system/guest/vgpu_client.c): "check" opens the
# VF through its VFIO group as QEMU would and checks the virtual device, "hold" keeps it
# open until VFIO's request IRQ asks for it back, "fuzz" drives it with malformed input.
# Its own "ok/FAIL" lines go straight to the log.

# write_attr FILE VALUE: echo VALUE > FILE; prints the shell's error text on failure
write_attr() {
	( echo "$2" > "$1" ) 2>&1
}

# expect_write_fails NAME FILE VALUE ERRTEXT: the write must fail with ERRTEXT
# (busybox prints strerror) and change nothing
expect_write_fails() {
	before=$(cat "$2")
	if out=$(write_attr "$2" "$3"); then
		fail "$1" "writing '$3' to $2 succeeded"
	elif ! echo "$out" | grep -q "$4"; then
		fail "$1" "writing '$3' to $2 failed, but not with '$4': $out"
	elif [ "$(cat "$2")" != "$before" ]; then
		fail "$1" "$2 changed from '$before' to '$(cat "$2")' on a refused write"
	else
		ok "$1"
	fi
}

# bind_variant VF I: VF to nvgsp-vfio-pci through driver_override
bind_variant() {
	echo nvgsp-vfio-pci > "$PCI/devices/$1/driver_override"
	echo "$1" > "$PCI/drivers_probe" 2>/dev/null
	bad=
	[ "$(driver_of "$1")" = nvgsp-vfio-pci ] || bad="driver is '$(driver_of "$1")'"
	has_line "nvgsp-vfio-pci $1: vGPU VF $2 of $pf: VFIO device ready" ||
		bad="$bad no 'VFIO device ready' line; the kernel said: $(since | grep -F "$1" | tail -n 3 | tr '\n' '|')"
	for f in creatable_vgpu_types current_vgpu_type; do
		[ -e "$PCI/devices/$1/nvidia/$f" ] || bad="$bad no nvidia/$f;"
	done
	g=$(readlink "$PCI/devices/$1/iommu_group" 2>/dev/null)
	[ -n "$g" ] && [ -e "/dev/vfio/${g##*/}" ] || bad="$bad no VFIO group device for its IOMMU group '$g';"
	verdict "vf$2-variant-bind" "$bad"
}

mark
i=0
for vf in $vfs; do
	bind_variant "$vf" $i
	i=$((i + 1))
done
vf1=
for vf in $vfs; do [ "$vf" = "$vf0" ] || { vf1=$vf; break; }; done
cur0=$PCI/devices/$vf0/nvidia/current_vgpu_type

# --- choosing a type ------------------------------------------------------------------

# NVIDIA's format: a header, then "%-5u : %s" per type with a place left.
if [ -e "$PCI/devices/$vf0/nvidia/creatable_vgpu_types" ]; then
	c=$PCI/devices/$vf0/nvidia/creatable_vgpu_types
	bad=
	[ "$(head -n 1 "$c")" = "ID    : vGPU Name" ] || bad="first line '$(head -n 1 "$c")';"
	n=$(($(wc -l < "$c") - 1))
	[ "$n" = "$VGPU_TYPES" ] || bad="$bad $n types listed, want $VGPU_TYPES;"
	grep -q "^$VGPU_TYPE : " "$c" || bad="$bad type $VGPU_TYPE not listed;"
	verdict vgpu-creatable-types "$bad"
	note "creatable_vgpu_types of $vf0: $(tail -n +2 "$c" | tr '\n' '|')"
fi
if [ "$(cat "$cur0" 2>/dev/null)" = 0 ]; then ok vgpu-current-none; else fail vgpu-current-none "current_vgpu_type reads '$(cat "$cur0" 2>/dev/null)'"; fi

# A VMM opening the VF before a type is chosen is refused, with a line saying what to do.
mark
if vfio_hold "$vf0" > /tmp/notype.out 2>&1; then
	fail vgpu-open-without-type "the VF opened with no type chosen"
elif grep -q "No such device" /tmp/notype.out && has_line "no type chosen for this VF"; then
	ok vgpu-open-without-type
else
	fail vgpu-open-without-type "$(tr '\n' '|' < /tmp/notype.out); the kernel said: $(since | tail -n 2 | tr '\n' '|')"
fi

expect_write_fails vgpu-type-unknown "$cur0" 4294967 "Invalid argument"
expect_write_fails vgpu-type-garbage "$cur0" "12ab" "Invalid argument"

# More VFs for a type than its max_instance: the second place is refused.
if [ -n "$vf1" ]; then
	if out=$(write_attr "$cur0" "$VGPU_TYPE_ONE"); then
		expect_write_fails vgpu-type-over-max-instance "$PCI/devices/$vf1/nvidia/current_vgpu_type" \
			"$VGPU_TYPE_ONE" "No space left on device"
		out=$(write_attr "$cur0" 0) || fail vgpu-type-clear "writing 0 failed: $out"
	else
		fail vgpu-type-over-max-instance "choosing type $VGPU_TYPE_ONE on $vf0 failed: $out"
	fi
fi

# The type through nvgspctl (the VF sysfs route): what it offers, then create.
json_doc nvgspctl-vgpu-types "d[0]['address'] == '$vf0' and d[0]['route'] == 'vfio-pci' and d[0]['current_type'] == 0 and len(d[0]['creatable_types']) == $VGPU_TYPES and $VGPU_TYPE in [t['id'] for t in d[0]['creatable_types']] and len(d) == len('$vfs'.split())" \
	nvgspctl vgpu types --json "$pf"
if out=$(nvgspctl vgpu create "$vf0" "$VGPU_TYPE" 2>&1) && [ "$(cat "$cur0")" = "$VGPU_TYPE" ] &&
	echo "$out" | grep -qF "$vf0: vGPU type $VGPU_TYPE (" ; then
	ok vgpu-type-select
	note "nvgspctl vgpu create $vf0 $VGPU_TYPE: $out"
	json_doc nvgspctl-vgpu-list "[v['vgpu_type'] for v in d if v['address'] == '$vf0'] == [$VGPU_TYPE] and all(v['route'] == 'vfio-pci' and v['driver'] == 'nvgsp-vfio-pci' for v in d)" \
		nvgspctl vgpu list --json "$pf"
	# Once the VF holds a place, it offers nothing more to create.
	n=$(($(wc -l < "$PCI/devices/$vf0/nvidia/creatable_vgpu_types") - 1))
	[ "$n" -le 0 ] && ok vgpu-creatable-after-select ||
		fail vgpu-creatable-after-select "$n types still listed on $vf0 after choosing one"
else
	fail vgpu-type-select "nvgspctl vgpu create $vf0 $VGPU_TYPE: '$out'; current_vgpu_type reads '$(cat "$cur0")'"
fi

# --- a VM's session: open, check the virtual device, reset, close ----------------------

if [ "$(cat "$cur0")" = "$VGPU_TYPE" ]; then
	mark
	vgpu_client check "$vf0" --vendor 0x10de --device "$VGPU_DEVICE" --subvendor 0x10de \
		--subdevice "$VGPU_SUBDEVICE" --bar1 "$VGPU_BAR1"
	bad=
	has_line "nvgsp-vfio-pci $vf0: vGPU type $VGPU_TYPE " || bad="no 'vGPU type $VGPU_TYPE ... created' line;"
	has_line "nvgsp-vfio-pci $vf0: vGPU destroyed" || bad="$bad no 'vGPU destroyed' line;"
	s=$(vgpu_log_state 1)
	[ "$s" = enodev ] || bad="$bad vgpu/1/init after close: $s (want ENODEV);"
	verdict vgpu-lifecycle "$bad${bad:+ nvgsp said: $(since | grep -E 'nvgsp|vGPU' | tail -n 4 | tr '\n' '|')}"
fi
if [ "$(cat "$cur0")" = "$VGPU_TYPE" ] && [ "$VGPU_SESSION" != check ]; then
	# Held open: the type cannot change, the plugin's log reads, and disabling the
	# VFs is refused while VFIO's request reaches the user, who releases the VF.
	vgpu_client hold "$vf0" --timeout 60 > /tmp/hold.out 2>&1 &
	hold=$!
	wait_for 60 grep -q "^held $vf0" /tmp/hold.out
	if ! grep -q "^held $vf0" /tmp/hold.out; then
		fail vgpu-hold "vgpu_client hold: $(tr '\n' '|' < /tmp/hold.out)"
	else
		ok vgpu-hold
		expect_write_fails vgpu-type-change-while-open "$cur0" 0 "Device or resource busy"
		s=$(vgpu_log_state 1)
		if [ "$s" = ok ]; then ok vgpu-log-while-open; else fail vgpu-log-while-open "vgpu/1/init: $s"; fi
		mark
		if out=$(write_attr "$PCI/devices/$pf/sriov_numvfs" 0); then
			fail vgpu-disable-while-open "echo 0 > sriov_numvfs succeeded with $vf0 open"
		else
			wait_for 20 grep -q "^request $vf0" /tmp/hold.out
			bad=
			has_line "nvgsp-vfio-pci $vf0: asking the VFIO user of this VF to release it" ||
				bad="no 'asking the VFIO user' line;"
			grep -q "^request $vf0" /tmp/hold.out || bad="$bad the client saw no request: $(tr '\n' '|' < /tmp/hold.out);"
			[ "$(cat "$PCI/devices/$pf/sriov_numvfs")" = "$NUM_VFS" ] || bad="$bad sriov_numvfs changed;"
			verdict vgpu-disable-while-open "$bad"
		fi
	fi
	wait_for 20 sh -c "! kill -0 $hold 2>/dev/null"
	if kill -0 "$hold" 2>/dev/null; then
		fail vgpu-release-on-request "the client still holds $vf0"
		kill "$hold" 2>/dev/null
	else
		s=$(vgpu_log_state 1)
		if [ "$s" = enodev ]; then ok vgpu-release-on-request; else fail vgpu-release-on-request "vgpu/1/init after release: $s"; fi
	fi
	wait "$hold" 2>/dev/null

	# The kernel's VFIO selftests against the vGPU (their own ok/FAIL/note lines).
	if [ "$VGPU_SESSION" = full ] && [ -f /vfio-selftests/vfio-selftests.sh ]; then
		VFIO_DRIVER=nvgsp-vfio-pci sh /vfio-selftests/vfio-selftests.sh -d /vfio-selftests "$vf0"
	fi

	# Malformed input from the VMM side; the guest kernel must stay clean.
	vgpu_client fuzz "$vf0" --ops "${VGPU_FUZZ_OPS:-2000}" --seed "$(date +%s)"
fi

# Every place back: nvgspctl destroys the type, every VF offers the types again,
# and the render node counts no vGPU and no memory held.
json_doc nvgspctl-vgpu-destroy "d == {'address': '$vf0', 'route': 'vfio-pci', 'vgpu_type': 0, 'destroyed_type': $VGPU_TYPE}" \
	nvgspctl vgpu destroy --json "$vf0"
[ "$(cat "$cur0")" = 0 ] || fail vgpu-type-clear "current_vgpu_type reads '$(cat "$cur0")' after nvgspctl vgpu destroy"
json_doc nvgspctl-vgpu-back "d['drm']['vgpu']['vgpus'] == 0 and d['drm']['memory']['vgpu_used_bytes'] == 0 and d['drm']['missing'] == []" \
	nvgspctl info --json "$pf"
bad=
for vf in $vfs; do
	n=$(($(wc -l < "$PCI/devices/$vf/nvidia/creatable_vgpu_types") - 1))
	[ "$n" = "$VGPU_TYPES" ] || bad="$bad $vf lists $n types;"
done
verdict vgpu-places-back "$bad"
