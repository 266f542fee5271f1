#!/bin/sh
# mdev guest checks (busybox sh), sourced by sriov.sh where the host found nvgsp's
# mdev front end in nvgsp.ko (MDEV=1 in /sriov.conf), after the VFIO variant
# driver's or vfio-pci's checks are done with the VFs. Every check is "mdev-...".
#
# From sriov.sh: $pf, $vfs (the VF addresses), and the helpers of common.sh.
# From /sriov.conf: NUM_VFS, VGPU_TYPES (0 on a boot without the type catalogue:
# then nvgsp-mdev must refuse the VFs), VGPU_TYPE, VGPU_TYPE_ONE, VGPU_DEVICE,
# VGPU_SUBDEVICE, VGPU_BAR1 (as vgpu.sh describes them), VGPU_SESSION ("check":
# no fuzzer), and
#   MDEV_TYPE_NAME     VGPU_TYPE's name, as its type directory's "name" shows it
#   MDEV_FB_MIB        its framebuffer in MiB ("framebuffer=<N>M" in "description")
#   MDEV_MAX_INSTANCE  its max_instance ("max_instance=<N>")
#   MDEV_FUZZ_OPS      the fuzzer's operations on an mdev
#   MDEV_REQ           1 when an mdev offers VFIO's request IRQ, 0 where the
#                      kernel's mdev API has no request callback (5.10): there
#                      removing an open mdev is refused or waits for the user
#
# The flow: every VF to nvgsp-mdev through driver_override (and only so; refused
# on a boot without types); its type
# directories; mdevs made and refused through sysfs; one opened by vgpu_client
# (check, fuzz, hold while it is removed); then mdevctl's define, start, list,
# stop, undefine around another vgpu_client check; every place back; and
# disabling the VFs while an mdev exists (refused or the mdevs removed: either
# is accepted and the note says which). The VFs stay bound to nvgsp-mdev.

# shellcheck disable=SC2154 # pf and vfs are sriov.sh's
MDEVS=/sys/bus/mdev/devices
mdrv=$PCI/drivers/nvgsp-mdev
# A type's directory (and mdevctl's type name) is "<parent's driver>-<the type's
# name>": the mdev core prefixes the name the driver gives, the type id as in
# NVIDIA's nvidia-<id>, with the VF's driver, nvgsp-mdev (mdev_type_add() since
# 6.1, add_mdev_supported_type() on 5.10), so nvgsp-mdev-<id>.
TP=nvgsp-mdev-

# mdev_tag CMD...: CMD's ok/FAIL lines renamed mdev-NAME (vgpu_client's names are
# vgpu.sh's too)
mdev_tag() { "$@" 2>&1 | sed -e 's/^ok /ok mdev-/' -e 's/^FAIL /FAIL mdev-/'; }
# mdev_write FILE VALUE: echo VALUE > FILE; the shell's error text on failure
mdev_write() { ( echo "$2" > "$1" ) 2>&1; }
mdev_uuid() { cat /proc/sys/kernel/random/uuid; }
mdev_count() { find "$MDEVS" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
# mdev_ntypes VF: how many of its directories under mdev_supported_types
mdev_ntypes() { find "$PCI/devices/$1/mdev_supported_types" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
# mdev_tdir VF TYPE: the type's directory under VF
mdev_tdir() { echo "$PCI/devices/$1/mdev_supported_types/$TP$2"; }
# mdev_avail VF: "type:available_instances ..." for every type of VF
mdev_avail() {
	for t in "$PCI/devices/$1/mdev_supported_types"/*; do
		[ -e "$t" ] && printf '%s:%s ' "${t##*/}" "$(cat "$t/available_instances")"
	done
}
# mdev_vf_msix VF: the vector count of the VF's own MSI-X capability (Table Size
# + 1, read from its config file), which an mdev on it offers; empty when none
mdev_vf_msix() {
	c=$PCI/devices/$1/config
	p=$(od -An -tu1 -j 52 -N 1 "$c" | tr -d ' ')
	n=0
	while [ "${p:-0}" -ge 64 ] && [ $n -lt 48 ]; do
		if [ "$(od -An -tu1 -j "$p" -N 1 "$c" | tr -d ' ')" = 17 ]; then
			echo $((($(od -An -tu2 -j $((p + 2)) -N 2 "$c" | tr -d ' ') & 2047) + 1))
			return 0
		fi
		p=$(od -An -tu1 -j $((p + 1)) -N 1 "$c" | tr -d ' ')
		n=$((n + 1))
	done
}
# mdev_lifecycle NAME VF GFID: the open and the close of a vGPU on VF logged since
# the mark, and no vGPU left on it
mdev_lifecycle() {
	bad=
	since | grep -F "nvgsp-mdev $2: vGPU type $VGPU_TYPE ($MDEV_TYPE_NAME) created for process " |
		grep -q "(GFID $3)" || bad="no 'vGPU type $VGPU_TYPE ($MDEV_TYPE_NAME) created for process ... (GFID $3)' line;"
	has_line "nvgsp-mdev $2: vGPU destroyed" || bad="$bad no 'vGPU destroyed' line;"
	s=$(vgpu_log_state "$3")
	[ "$s" = enodev ] || bad="$bad vgpu/$3/init after close: $s (want ENODEV);"
	verdict "$1" "$bad${bad:+ the kernel said: $(since | grep -E 'nvgsp|vGPU|mdev' | tail -n 4 | tr '\n' '|')}"
}

if [ ! -d "$mdrv" ]; then
	fail mdev-driver "nvgsp.ko has nvgsp-mdev (the host found its name), but there is no $mdrv"
	return 0
fi
ok mdev-driver

# --- every VF an mdev parent -----------------------------------------------------------

mark
i=0
for vf in $vfs; do
	d=$(driver_of "$vf")
	[ -z "$d" ] || echo "$vf" > "$PCI/drivers/$d/unbind"
	echo > "$PCI/devices/$vf/driver_override"
	# no ID table: without driver_override the driver does not take the VF
	bad=
	mdev_write "$mdrv/bind" "$vf" > /dev/null && bad="binding through $mdrv/bind succeeded;"
	[ -z "$(driver_of "$vf")" ] || bad="$bad bound to '$(driver_of "$vf")' without driver_override;"
	verdict "mdev-vf$i-override-only" "$bad"
	d=$(driver_of "$vf")
	[ -z "$d" ] || echo "$vf" > "$PCI/drivers/$d/unbind"
	echo nvgsp-mdev > "$PCI/devices/$vf/driver_override"
	echo "$vf" > "$PCI/drivers_probe" 2>/dev/null
	bad=
	if [ "$VGPU_TYPES" = 0 ]; then
		# no type to offer: the VF is refused, with a line saying why
		[ -z "$(driver_of "$vf")" ] || bad="bound to '$(driver_of "$vf")' with no vGPU type to offer;"
		[ ! -e "/sys/class/mdev_bus/$vf" ] || bad="$bad /sys/class/mdev_bus/$vf exists;"
		w=$(since | grep -F "nvgsp-mdev $vf: " | tail -n 1)
		[ -n "$w" ] || bad="$bad no 'nvgsp-mdev $vf: ...' line saying why;"
		verdict "mdev-vf$i-no-types" "$bad"
		[ -z "$w" ] || note "mdev: $w"
		echo > "$PCI/devices/$vf/driver_override"
		i=$((i + 1))
		continue
	fi
	[ "$(driver_of "$vf")" = nvgsp-mdev ] || bad="driver is '$(driver_of "$vf")';"
	has_line "nvgsp-mdev $vf: vGPU VF $i of $pf: mdev parent ready" ||
		bad="$bad no 'vGPU VF $i of $pf: mdev parent ready' line; the kernel said: $(since | grep -F "$vf" | tail -n 3 | tr '\n' '|');"
	[ -d "$PCI/devices/$vf/mdev_supported_types" ] || bad="$bad no mdev_supported_types;"
	[ -e "/sys/class/mdev_bus/$vf" ] || bad="$bad no /sys/class/mdev_bus/$vf;"
	verdict "mdev-vf$i-parent" "$bad"
	i=$((i + 1))
done
vfa=
vfb=
for vf in $vfs; do
	if [ -z "$vfa" ]; then vfa=$vf; elif [ -z "$vfb" ]; then vfb=$vf; fi
done

# --- the types -------------------------------------------------------------------------

[ "$VGPU_TYPES" != 0 ] || note "mdev: no type catalogue on this boot: no VF becomes an mdev parent, no mdev is made"
if [ "$VGPU_TYPES" != 0 ] && [ -n "$vfa" ]; then
	# Every VF: the manager's types, each with one place; the VM type as described.
	bad=
	for vf in $vfs; do
		n=$(mdev_ntypes "$vf")
		[ "$n" = "$VGPU_TYPES" ] || bad="$bad $vf has $n types, want $VGPU_TYPES;"
		for t in "$PCI/devices/$vf/mdev_supported_types"/*; do
			[ -e "$t" ] || continue
			case ${t##*/} in "$TP"[0-9]*) ;; *) bad="$bad type directory ${t##*/} on $vf, want $TP<id>;" ;; esac
			for f in name description available_instances device_api create devices; do
				[ -e "$t/$f" ] || bad="$bad no ${t##*/}/$f on $vf;"
			done
			[ "$(cat "$t/available_instances")" = 1 ] ||
				bad="$bad ${t##*/} on $vf: available_instances $(cat "$t/available_instances");"
			[ "$(cat "$t/device_api")" = vfio-pci ] || bad="$bad ${t##*/} on $vf: device_api '$(cat "$t/device_api")';"
			[ -z "$(ls "$t/devices")" ] || bad="$bad ${t##*/} on $vf: devices/ not empty;"
		done
	done
	verdict mdev-types "$bad"
	t=$(mdev_tdir "$vfa" "$VGPU_TYPE")
	note "mdev: $TP$VGPU_TYPE of $vfa: name '$(cat "$t/name" 2>/dev/null)', description '$(cat "$t/description" 2>/dev/null)'"
	bad=
	[ "$(cat "$t/name" 2>/dev/null)" = "$MDEV_TYPE_NAME" ] || bad="name '$(cat "$t/name" 2>/dev/null)', want '$MDEV_TYPE_NAME';"
	desc=$(cat "$t/description" 2>/dev/null)
	case ", $desc," in *", framebuffer=${MDEV_FB_MIB}M,"*) ;; *) bad="$bad description lacks 'framebuffer=${MDEV_FB_MIB}M';" ;; esac
	case ", $desc," in *", max_instance=$MDEV_MAX_INSTANCE,"*) ;; *) bad="$bad description lacks 'max_instance=$MDEV_MAX_INSTANCE';" ;; esac
	verdict mdev-type-describe "$bad"

	# --- made and refused through sysfs --------------------------------------------

	ta=$(mdev_tdir "$vfa" "$VGPU_TYPE")
	n0=$(mdev_count)
	if mdev_write "$ta/create" "not-a-uuid" > /dev/null; then
		fail mdev-create-garbage "writing 'not-a-uuid' to create succeeded"
	else
		verdict mdev-create-garbage "$([ "$(mdev_count)" = "$n0" ] || echo "$MDEVS has $(mdev_count) entries, had $n0")"
	fi
	u1=$(mdev_uuid)
	mark
	bad=
	if ! out=$(mdev_write "$ta/create" "$u1"); then
		bad="create: $out; the kernel said: $(since | tail -n 3 | tr '\n' '|')"
	else
		[ -e "$MDEVS/$u1" ] || bad="no $MDEVS/$u1;"
		[ "$(basename "$(readlink "$MDEVS/$u1/mdev_type" 2>/dev/null)")" = "$TP$VGPU_TYPE" ] ||
			bad="$bad mdev_type is '$(readlink "$MDEVS/$u1/mdev_type")';"
		[ -e "$ta/devices/$u1" ] || bad="$bad not under $TP$VGPU_TYPE/devices;"
		a=$(mdev_avail "$vfa")
		case " $a" in *:1\ *) bad="$bad $vfa still offers a place: $a;" ;; esac
		g=$(readlink "$MDEVS/$u1/iommu_group" 2>/dev/null)
		[ -n "$g" ] && [ -e "/dev/vfio/${g##*/}" ] || bad="$bad no VFIO group device for its IOMMU group '$g';"
	fi
	verdict mdev-create "$bad"
	if [ -e "$MDEVS/$u1" ]; then
		# A second mdev on the same VF, of any type, is refused and changes nothing.
		u2=$(mdev_uuid)
		a=$(mdev_avail "$vfa")
		n0=$(mdev_count)
		if out=$(mdev_write "$ta/create" "$u2"); then
			fail mdev-create-second "a second create on $vfa succeeded"
			mdev_write "$MDEVS/$u2/remove" 1 > /dev/null
		else
			bad=
			[ "$(mdev_count)" = "$n0" ] || bad="$MDEVS has $(mdev_count) entries, had $n0;"
			[ "$(mdev_avail "$vfa")" = "$a" ] || bad="$bad available_instances '$(mdev_avail "$vfa")', were '$a';"
			verdict mdev-create-second "$bad"
			note "mdev: a second create on $vfa: $out"
		fi
		# The same UUID on another VF (the mdev core's refusal)
		if [ -n "$vfb" ]; then
			if mdev_write "$(mdev_tdir "$vfb" "$VGPU_TYPE")/create" "$u1" > /dev/null; then
				fail mdev-create-same-uuid "creating $u1 again on $vfb succeeded"
			else
				verdict mdev-create-same-uuid "$([ "$(cat "$(mdev_tdir "$vfb" "$VGPU_TYPE")/available_instances")" = 1 ] || echo "$vfb lost its place")"
			fi
		fi
	fi

	# --- a VMM's session on it: check, fuzz, hold while it is removed ---------------

	if [ -e "$MDEVS/$u1" ]; then
		mark
		m=$(mdev_vf_msix "$vfa")
		[ -n "$m" ] || fail mdev-vf-msix "no MSI-X capability in $vfa's config space"
		mdev_tag vgpu_client check "$u1" --vendor 0x10de --device "$VGPU_DEVICE" --subvendor 0x10de \
			--subdevice "$VGPU_SUBDEVICE" --bar1 "$VGPU_BAR1" ${m:+--msix "$m"} --req "${MDEV_REQ:-1}" \
			--trapped --dma
		mdev_lifecycle mdev-lifecycle "$vfa" 1
		# Where the mdev is put behind its VF's IOMMU (5.10's mdev_set_iommu_device()),
		# vfio_iommu_type1 reaches it through symbol_get(mdev_get_iommu_device); kernels
		# that allow symbol_get only of GPL exports (Debian's 5.10.223 has that change)
		# refuse it, log this line and treat the mdev as one with an emulated IOMMU:
		# the VF is then never attached to the container's IOMMU domain, and nvgsp must
		# then have put it in an empty domain of its own (its DMA blocked) and said so;
		# on 6.1+ (the mdev API with a request callback, MDEV_REQ 1, has no IOMMU hook at
		# all) nvgsp blocks it always and says so.
		w="failing symbol_get of non-GPLONLY symbol mdev_get_iommu_device"
		blk="the VF's DMA is blocked"
		if [ "${MDEV_REQ:-1}" = 1 ] || has_line "$w"; then
			bad=
			since | grep -F "nvgsp-mdev $vfa:" | grep -qF "$blk" ||
				bad="the VF is not behind the VM's IOMMU domain, and nvgsp said nothing of blocking its DMA ('$blk'): $(since | grep -F "$vfa" | tail -n 3 | tr '\n' '|')"
			verdict mdev-dma-iommu "$bad"
			[ -n "$bad" ] || note "mdev: the VF's DMA is blocked while the mdev is open ($(has_line "$w" && echo "type1 cannot use the mdev IOMMU hook here" || echo "no mdev IOMMU hook on this kernel"))"
		else
			ok mdev-dma-iommu
			note "mdev: the VF is behind the VM's IOMMU domain"
		fi
		if [ "$VGPU_SESSION" != check ]; then
			mdev_tag vgpu_client fuzz "$u1" --ops "${MDEV_FUZZ_OPS:-500}" --seed "$(date +%s)"
		fi

		# MDEV_REQ 0: the kernel offers no request IRQ (5.10), the client expects none
		if [ "${MDEV_REQ:-1}" = 1 ]; then hopt=; else hopt=--no-request; fi
		# shellcheck disable=SC2086 # hopt: no word or one
		vgpu_client hold "$u1" --timeout 60 $hopt > /tmp/mhold.out 2>&1 &
		hold=$!
		wait_for 60 grep -q "^held $u1" /tmp/mhold.out
		if ! grep -q "^held $u1" /tmp/mhold.out; then
			fail mdev-hold "vgpu_client hold: $(tr '\n' '|' < /tmp/mhold.out)"
		else
			ok mdev-hold
			s=$(vgpu_log_state 1)
			verdict mdev-log-while-open "$([ "$s" = ok ] || echo "vgpu/1/init: $s")"
			mark
			rm -f /tmp/mremove.rc /tmp/mremove.err
			( r=0; echo 1 > "$MDEVS/$u1/remove" 2> /tmp/mremove.err || r=1; echo $r > /tmp/mremove.rc ) &
			if [ -n "$hopt" ]; then
				# Nothing can ask the client: the mdev core refuses (EBUSY), or the
				# remove waits until the user closes. 5 s to answer, then the client
				# is killed, as a VMM that is never asked would be shut down.
				wait_for 5 test -s /tmp/mremove.rc
				if [ ! -s /tmp/mremove.rc ]; then
					kill "$hold" 2>/dev/null
					wait_for 30 test -s /tmp/mremove.rc
					if [ "$(cat /tmp/mremove.rc 2>/dev/null)" = 0 ] && [ ! -e "$MDEVS/$u1" ]; then
						ok mdev-remove-while-open
						note "mdev: remove while open: no request IRQ on this kernel; the remove waited until the client closed"
					else
						fail mdev-remove-while-open "the remove did not complete after the client closed: rc '$(cat /tmp/mremove.rc 2>/dev/null)' $(cat /tmp/mremove.err 2>/dev/null)"
					fi
				elif [ "$(cat /tmp/mremove.rc)" = 0 ]; then
					fail mdev-remove-while-open "removed while the client held it open, with no request to it: $(tr '\n' '|' < /tmp/mhold.out)"
				elif grep -q "Device or resource busy" /tmp/mremove.err && [ -e "$MDEVS/$u1" ]; then
					ok mdev-remove-while-open
					note "mdev: remove while open: refused with EBUSY ($(cat /tmp/mremove.err)); removed after close below"
				else
					fail mdev-remove-while-open "remove failed: $(cat /tmp/mremove.err)"
				fi
				kill "$hold" 2>/dev/null
			else
				wait_for 30 test -s /tmp/mremove.rc
				if [ ! -s /tmp/mremove.rc ]; then
					fail mdev-remove-while-open "the remove neither returned nor failed in 30 s; client: $(tr '\n' '|' < /tmp/mhold.out)"
					kill "$hold" 2>/dev/null
				elif [ "$(cat /tmp/mremove.rc)" = 0 ]; then
					# removed: the request reached the client, which let go
					bad=
					grep -q "^request $u1" /tmp/mhold.out || bad="the client saw no request: $(tr '\n' '|' < /tmp/mhold.out);"
					[ ! -e "$MDEVS/$u1" ] || bad="$bad $MDEVS/$u1 still there;"
					verdict mdev-remove-while-open "$bad"
					note "mdev: remove while open: the request reached the client, which released; the mdev went"
				elif grep -q "Device or resource busy" /tmp/mremove.err && [ -e "$MDEVS/$u1" ]; then
					ok mdev-remove-while-open
					note "mdev: remove while open: refused with EBUSY by the mdev core ($(cat /tmp/mremove.err)); removed after close below"
					kill "$hold" 2>/dev/null	# no request comes: close it here
				else
					fail mdev-remove-while-open "remove failed: $(cat /tmp/mremove.err)"
					kill "$hold" 2>/dev/null
				fi
			fi
		fi
		wait_for 20 sh -c "! kill -0 $hold 2>/dev/null"
		kill -0 "$hold" 2>/dev/null && kill "$hold"
		wait "$hold" 2>/dev/null
		wait_for 30 test -s /tmp/mremove.rc
		if [ -e "$MDEVS/$u1" ]; then
			out=$(mdev_write "$MDEVS/$u1/remove" 1)
			verdict mdev-remove "$([ ! -e "$MDEVS/$u1" ] || echo "$MDEVS/$u1 still there after closing: $out")"
		fi
		s=$(vgpu_log_state 1)
		verdict mdev-release "$([ "$s" = enodev ] || echo "vgpu/1/init after the mdev went: $s")"
	fi

	# --- placement across VFs: a max_instance-1 type taken on one, 0 on the other ---

	if [ -n "$vfb" ] && [ ! -e "$MDEVS/${u1:-none}" ]; then
		u3=$(mdev_uuid)
		if out=$(mdev_write "$(mdev_tdir "$vfa" "$VGPU_TYPE_ONE")/create" "$u3"); then
			a=$(cat "$(mdev_tdir "$vfb" "$VGPU_TYPE_ONE")/available_instances")
			verdict mdev-placement "$([ "$a" = 0 ] || echo "$TP$VGPU_TYPE_ONE on $vfb: available_instances $a with it on $vfa")"
			out=$(mdev_write "$MDEVS/$u3/remove" 1) || fail mdev-placement-remove "$out"
			a=$(cat "$(mdev_tdir "$vfb" "$VGPU_TYPE_ONE")/available_instances")
			verdict mdev-placement-back "$([ "$a" = 1 ] || echo "$TP$VGPU_TYPE_ONE on $vfb: available_instances $a after the remove")"
		else
			fail mdev-placement "creating $TP$VGPU_TYPE_ONE on $vfa: $out"
		fi
	fi

	# --- mdevctl --------------------------------------------------------------------

	mv=${vfb:-$vfa}
	gv=$( [ "$mv" = "$vfa" ] && echo 1 || echo 2 )
	u4=$(mdev_uuid)
	if ! mdevctl types > /tmp/mdevctl.out 2>&1; then
		fail mdev-mdevctl-types "mdevctl types: $(tr '\n' '|' < /tmp/mdevctl.out)"
	else
		# its parent, then "  nvgsp-mdev-T" with "Available instances: 1" and "Name: ..."
		blk=$(awk -v p="$mv" -v t="  $TP$VGPU_TYPE" '$0 == p { inp = 1; next } /^[^ ]/ { inp = 0 }
			inp && $0 == t { it = 1; next } inp && /^  [^ ]/ { it = 0 } inp && it' /tmp/mdevctl.out)
		bad=
		[ -n "$blk" ] || bad="no $mv / $TP$VGPU_TYPE in: $(head -n 12 /tmp/mdevctl.out | tr '\n' '|');"
		echo "$blk" | grep -q "Available instances: 1$" || bad="$bad no 'Available instances: 1';"
		echo "$blk" | grep -qF "Name: $MDEV_TYPE_NAME" || bad="$bad no 'Name: $MDEV_TYPE_NAME';"
		verdict mdev-mdevctl-types "$bad${bad:+ ($(echo "$blk" | tr '\n' '|'))}"
	fi
	if out=$(mdevctl define -u "$u4" -p "$mv" -t "$TP$VGPU_TYPE" 2>&1); then
		bad=
		mdevctl list --defined > /tmp/mdevctl.out 2>&1 || bad="mdevctl list --defined failed;"
		grep -q "^$u4 $mv $TP$VGPU_TYPE" /tmp/mdevctl.out || bad="$bad list --defined: $(tr '\n' '|' < /tmp/mdevctl.out);"
		[ ! -e "$MDEVS/$u4" ] || bad="$bad $MDEVS/$u4 exists before start;"
		verdict mdev-mdevctl-define "$bad"
		mark
		if out=$(mdevctl start -u "$u4" 2>&1); then
			bad=
			[ -e "$MDEVS/$u4" ] || bad="no $MDEVS/$u4;"
			mdevctl list > /tmp/mdevctl.out 2>&1
			grep -q "^$u4 $mv $TP$VGPU_TYPE" /tmp/mdevctl.out || bad="$bad mdevctl list: $(tr '\n' '|' < /tmp/mdevctl.out);"
			a=$(cat "$(mdev_tdir "$mv" "$VGPU_TYPE")/available_instances")
			[ "$a" = 0 ] || bad="$bad available_instances $a while it exists;"
			verdict mdev-mdevctl-start "$bad"
			mark
			m=$(mdev_vf_msix "$mv")
			mdev_tag vgpu_client check "$u4" --vendor 0x10de --device "$VGPU_DEVICE" --subvendor 0x10de \
				--subdevice "$VGPU_SUBDEVICE" --bar1 "$VGPU_BAR1" ${m:+--msix "$m"} \
				--req "${MDEV_REQ:-1}" --trapped --dma
			mdev_lifecycle mdev-mdevctl-lifecycle "$mv" "$gv"
			if out=$(mdevctl stop -u "$u4" 2>&1); then
				bad=
				[ ! -e "$MDEVS/$u4" ] || bad="$MDEVS/$u4 still there;"
				mdevctl list > /tmp/mdevctl.out 2>&1
				! grep -q "^$u4 " /tmp/mdevctl.out || bad="$bad still listed active;"
				mdevctl list --defined > /tmp/mdevctl.out 2>&1
				grep -q "^$u4 $mv" /tmp/mdevctl.out || bad="$bad no longer defined;"
				verdict mdev-mdevctl-stop "$bad"
			else
				fail mdev-mdevctl-stop "$(echo "$out" | tr '\n' '|')"
			fi
		else
			fail mdev-mdevctl-start "$(echo "$out" | tr '\n' '|'); the kernel said: $(since | tail -n 3 | tr '\n' '|')"
		fi
		if out=$(mdevctl undefine -u "$u4" 2>&1); then
			bad=
			mdevctl list --defined > /tmp/mdevctl.out 2>&1
			! grep -q "^$u4 " /tmp/mdevctl.out || bad="still defined;"
			[ ! -e "/etc/mdevctl.d/$mv/$u4" ] || bad="$bad /etc/mdevctl.d/$mv/$u4 still there;"
			verdict mdev-mdevctl-undefine "$bad"
		else
			fail mdev-mdevctl-undefine "$(echo "$out" | tr '\n' '|')"
		fi
	else
		fail mdev-mdevctl-define "$(echo "$out" | tr '\n' '|')"
	fi
	[ ! -e "$MDEVS/$u4" ] || mdev_write "$MDEVS/$u4/remove" 1 > /dev/null

	# --- nvgspctl, the same route -------------------------------------------------------

	u5=$(mdev_uuid)
	json_doc mdev-nvgspctl-types "len(d) == 1 and d[0]['address'] == '$mv' and d[0]['route'] == 'mdev' and d[0]['uuid'] is None and d[0]['current_type'] == 0 and {'id': $VGPU_TYPE, 'name': '$MDEV_TYPE_NAME'} in d[0]['creatable_types']" \
		nvgspctl vgpu types --json "$mv"
	if json_doc mdev-nvgspctl-create "d == {'address': '$mv', 'route': 'mdev', 'uuid': '$u5', 'vgpu_type': $VGPU_TYPE, 'name': '$MDEV_TYPE_NAME'}" \
		nvgspctl vgpu create --json --uuid "$u5" "$mv" "$VGPU_TYPE"; then
		bad=
		[ -e "$MDEVS/$u5" ] || bad="no $MDEVS/$u5;"
		t=$(readlink "$MDEVS/$u5/mdev_type" 2>/dev/null)
		[ "${t##*/}" = "$TP$VGPU_TYPE" ] || bad="$bad its mdev_type is '$t';"
		a=$(cat "$(mdev_tdir "$mv" "$VGPU_TYPE")/available_instances")
		[ "$a" = 0 ] || bad="$bad available_instances $a while it exists;"
		out=$(nvgspctl vgpu list "$mv" 2>&1)
		echo "$out" | grep -qE "^$mv +nvgsp-mdev +$VGPU_TYPE +$u5\$" || bad="$bad vgpu list: $(echo "$out" | tr '\n' '|');"
		verdict mdev-nvgspctl-created "$bad"
		# a VM's vGPU on it: created at the open, destroyed at the close
		mark
		m=$(mdev_vf_msix "$mv")
		vgpu_client check "$u5" --vendor 0x10de --device "$VGPU_DEVICE" --subvendor 0x10de \
			--subdevice "$VGPU_SUBDEVICE" --bar1 "$VGPU_BAR1" ${m:+--msix "$m"} \
			--req "${MDEV_REQ:-1}" --trapped 2>&1 | sed -e 's/^ok /ok mdev-nvgspctl-/' -e 's/^FAIL /FAIL mdev-nvgspctl-/'
		mdev_lifecycle mdev-nvgspctl-lifecycle "$mv" "$gv"
		json_doc mdev-nvgspctl-destroy "d == {'address': '$mv', 'route': 'mdev', 'uuid': '$u5', 'vgpu_type': 0, 'destroyed_type': $VGPU_TYPE}" \
			nvgspctl vgpu destroy --json "$mv"
		bad=
		[ ! -e "$MDEVS/$u5" ] || bad="$MDEVS/$u5 still there;"
		a=$(cat "$(mdev_tdir "$mv" "$VGPU_TYPE")/available_instances")
		[ "$a" = 1 ] || bad="$bad available_instances $a after the destroy;"
		verdict mdev-nvgspctl-destroyed "$bad"
		json_doc mdev-nvgspctl-back "d['drm']['vgpu']['vgpus'] == 0 and d['drm']['memory']['vgpu_used_bytes'] == 0" \
			nvgspctl info --json "$pf"
	fi
	[ ! -e "$MDEVS/$u5" ] || mdev_write "$MDEVS/$u5/remove" 1 > /dev/null

	# --- every place back ------------------------------------------------------------

	bad=
	for vf in $vfs; do
		a=$(mdev_avail "$vf")
		case " $a" in *:0\ *) bad="$bad $vf: $a;" ;; esac
	done
	[ "$(mdev_count)" = 0 ] || bad="$bad $MDEVS still has $(mdev_count) entries;"
	g=1
	while [ $g -le "$NUM_VFS" ]; do
		s=$(vgpu_log_state $g)
		[ "$s" = enodev ] || bad="$bad vgpu/$g/init: $s;"
		g=$((g + 1))
	done
	verdict mdev-places-back "$bad"
fi

# --- disabling the VFs while an mdev exists: refused, or the mdevs go with them ----------

if [ "$VGPU_TYPES" != 0 ] && [ -n "$vfa" ]; then
	u5=$(mdev_uuid)
	if ! out=$(mdev_write "$(mdev_tdir "$vfa" "$VGPU_TYPE")/create" "$u5"); then
		fail mdev-disable-with-mdev "creating $u5 on $vfa: $out"
	else
		mark
		rm -f /tmp/mdisable.rc
		( r=0; echo 0 > "$PCI/devices/$pf/sriov_numvfs" 2>/dev/null || r=1; echo $r > /tmp/mdisable.rc ) &
		wait_for "$DISABLE_WAIT" test -s /tmp/mdisable.rc
		n=$(cat "$PCI/devices/$pf/sriov_numvfs")
		if [ ! -s /tmp/mdisable.rc ]; then
			fail mdev-disable-with-mdev "echo 0 > sriov_numvfs neither failed nor returned in $DISABLE_WAIT s with mdev $u5 on $vfa; the kernel said: $(since | tail -n 3 | tr '\n' '|')"
		elif [ "$(cat /tmp/mdisable.rc)" = 1 ]; then
			bad=
			[ "$n" = "$NUM_VFS" ] || bad="sriov_numvfs reads $n after the refusal;"
			[ -e "$MDEVS/$u5" ] || bad="$bad $u5 is gone after the refusal;"
			verdict mdev-disable-with-mdev "$bad"
			note "mdev: echo 0 > sriov_numvfs with an mdev on $vfa: refused; the kernel said: $(since | tail -n 2 | tr '\n' '|')"
		else
			bad=
			[ "$n" = 0 ] || bad="sriov_numvfs reads $n after it succeeded;"
			[ ! -e "$MDEVS/$u5" ] || bad="$bad $u5 outlived its VF;"
			[ ! -e "$PCI/devices/$vfa" ] || bad="$bad $vfa still present;"
			verdict mdev-disable-with-mdev "$bad"
			note "mdev: echo 0 > sriov_numvfs with an mdev on $vfa: accepted, the mdev went with the VFs"
		fi
		[ ! -e "$MDEVS/$u5" ] || out=$(mdev_write "$MDEVS/$u5/remove" 1) || fail mdev-remove "$u5: $out"
		if [ "$(cat "$PCI/devices/$pf/sriov_numvfs")" = 0 ]; then
			# back as sriov.sh left them, for its own disable check
			mark
			out=$(mdev_write "$PCI/devices/$pf/sriov_numvfs" "$NUM_VFS") ||
				fail mdev-reenable "echo $NUM_VFS > sriov_numvfs: $out"
		fi
	fi
fi
