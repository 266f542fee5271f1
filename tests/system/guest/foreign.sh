#!/bin/sh
# foreign guest checks (busybox sh), run by /init as /checks.sh.
#
# The guest has one simulated GA102 on its PCI bus (gpusim behind QEMU over
# vfio-user), the firmware files of one release under /lib/firmware, and
# Debian's own nouveau.ko with its in-tree dependencies from the same kernel
# package under /foreign-deps (load-order: dependencies first). The checks
# load them as modprobe would, nouveau with config=NvGspRm=1 debug=debug, and
# report how far nouveau's probe got, one "step NAME yes|no DETAIL" line per
# step in the order nouveau reaches them; the host (tests/system/foreign)
# judges them against tests/system/foreign.expect. After the probe: rmmod
# nouveau (when it bound) and the kernel's health.
#
# /foreign.conf (written by the host): CHIP (GA102), DEVICE_ID (0x2204),
# RELEASE. The script always runs to its end and exits 0.

# shellcheck source=SCRIPTDIR/common.sh
. /common.sh
. /foreign.conf
# nouveau probes synchronously inside insmod; TCG makes GSP-RM's boot slow.
PROBE_WAIT=${PROBE_WAIT:-120}

step() { echo "step $1 $2 ${3:-}"; }
# seen TEXT: nouveau logged a line containing TEXT since the mark
seen() { since | grep -qF -- "$1"; }
# yes_if NAME TEXT DETAIL
yes_if() { if seen "$2"; then step "$1" yes; else step "$1" no "$3"; fi; }
# the kernel's reports of its own trouble, as check_kernel_health looks for them
trouble() {
	since | grep -E 'WARNING:|BUG:|kernel BUG|Oops|general protection|Call Trace|refcount_t|possible circular locking|inconsistent lock state|suspicious RCU|INFO: task .* blocked'
}

mkdir -p /tmp
addr=$(find_dev 0x10de "$DEVICE_ID") || { fail find-device "no 10de:$DEVICE_ID on the PCI bus"; exit 0; }
ok find-device
note "device $addr, release $RELEASE, kernel $(uname -r)"

if [ ! -f /foreign-deps/load-order ]; then
	fail modules "no /foreign-deps/load-order"
	exit 0
fi
mark
bad=
while read -r m; do
	[ "$m" = nouveau ] && continue
	[ -e "/sys/module/$m" ] || insmod "/foreign-deps/$m.ko" 2>/tmp/insmod.err ||
		bad="$bad $m ($(tr '\n' ' ' </tmp/insmod.err))"
done </foreign-deps/load-order
verdict modules "$bad"

mark
t0=$(cut -d' ' -f1 /proc/uptime)
insmod /foreign-deps/nouveau.ko config=NvGspRm=1 debug=debug 2>/tmp/insmod.err &
ipid=$!
n=$((PROBE_WAIT * 10))
while [ $n -gt 0 ] && kill -0 $ipid 2>/dev/null; do sleep 0.1; n=$((n - 1)); done
if kill -0 $ipid 2>/dev/null; then
	note "insmod nouveau still running after $PROBE_WAIT s"
	insmod_rc=running
else
	wait $ipid
	insmod_rc=$?
fi
note "insmod nouveau: status $insmod_rc $(tr '\n' ' ' </tmp/insmod.err)"
note "probe-seconds $(awk -v a="$t0" -v b="$(cut -d' ' -f1 /proc/uptime)" 'BEGIN { printf "%.1f", b - a }')"

N="nouveau $addr: "
yes_if chip "${N}NVIDIA $CHIP (" "no '${N}NVIDIA $CHIP (' line"
yes_if vbios "${N}bios: version " "no VBIOS version line"
yes_if fwsec-frts "${N}gsp: fwsec-frts: WPR2 @" "no 'fwsec-frts: WPR2 @' line"
# booter, gsp-rm-started, init-done: the host reads them from gpusim's milestones.
yes_if fb-regions "${N}gsp: fb region 0: " "GSP-RM's static info gave nouveau no FB region"
yes_if intr-table "engineIdx" "nouveau never read GSP-RM's interrupt table"
# The health steps say something only about a nouveau that probed.
probed=
seen "${N}NVIDIA $CHIP (" && probed=1
t=$(trouble | head -n 3 | tr '\n' '|')
if [ -z "$probed" ]; then step no-oops no "nouveau never probed the device"
elif [ -z "$t" ]; then step no-oops yes; else step no-oops no "$t"; fi
if [ "$(driver_of "$addr")" = nouveau ]; then
	step probe-completed yes
else
	step probe-completed no "driver is '$(driver_of "$addr")'; nouveau said: $(since | grep -F "$N" | tail -n 3 | tr '\n' '|')"
fi
card=
for c in /sys/class/drm/card[0-9]*; do
	[ -e "$c/device" ] || continue
	[ "$(basename "$(readlink "$c/device")")" = "$addr" ] && card=${c##*/}
done
if [ -n "$card" ] && [ -e "/dev/dri/$card" ]; then
	step drm-registered yes
else
	step drm-registered no "no /sys/class/drm/card* of $addr with its /dev/dri node"
fi

# Acceleration: nouveau brought up its engines and kernel channels. Without
# them nouveau still registers its DRM device ("failed to create kernel
# channel" is an error it lives with), so this is a step of its own.
if [ -z "$probed" ]; then
	step accel no "nouveau never probed the device"
else
	t=$(since | grep -F "$N" | grep -E 'one-time init failed|failed to create (kernel|ce) channel|acceleration disabled' |
		head -n 3 | sed "s/^.*$N//" | tr '\n' '|')
	if [ -z "$t" ]; then step accel yes; else step accel no "$t"; fi
fi

# rmmod of a nouveau that has the device (after a failed probe there is nothing
# to unload but the module).
if [ "$(driver_of "$addr")" = nouveau ]; then
	mark
	if rmmod nouveau 2>/tmp/rmmod.err; then
		step rmmod yes
	else
		step rmmod no "$(tr '\n' ' ' </tmp/rmmod.err)"
	fi
else
	step rmmod no "nouveau does not have the device (insmod status $insmod_rc)"
	[ ! -e /sys/module/nouveau ] || rmmod nouveau 2>/dev/null || note "rmmod nouveau after its failed probe failed"
fi
# The host reads gsp-unloaded from gpusim.

# The whole boot: nothing the kernel reports as its own trouble (nouveau's own
# lines about a display without outputs are not among the forms looked for), and
# no taint beyond O and E (D: an oops; W: a warning).
MARK=0
t=$(trouble | head -n 3 | tr '\n' '|')
taint=$(cat /proc/sys/kernel/tainted)
extra=$((taint & ~(4096 | 8192)))
[ $extra -eq 0 ] || t="${t}tainted=$taint has bits beyond O|E: $extra"
if [ -z "$probed" ]; then step dmesg-clean no "nouveau never probed the device"
elif [ -z "$t" ]; then step dmesg-clean yes; else step dmesg-clean no "$t"; fi
