#!/bin/sh
# gsp-boot guest checks (busybox sh), run by /init as /checks.sh.
#
# The guest has one simulated NVIDIA GPU on its PCI bus, served over vfio-user by
# tests/gpusim/vfu/gpusim-vfu (gpusim behind QEMU), and the real firmware files of its
# chip and release under /lib/firmware. nvgsp.ko boots GSP-RM on it at probe.
#
# /gsp-boot.conf (written by the host, tests/system/gsp-boot) says what to expect:
#   SCENARIO      boot | fault-timeout | fault-gone | fault-intr
#   CHIP          GA102, GH100 (as sysfs and dmesg spell it); CHIP_DIR ga102
#   DEVICE_ID     PCI device id (0x2204)
#   RELEASE       the release the host gave the guest files for
#   BOOT_PATH     sec2-booter | fsp
#   FB_MIB        the VRAM the model reports
#   MISSING_FILE  a companion file to hide for the firmware-missing check
#   NOABI_RELEASE a release whose image is under /lib/firmware/nvidia/<release>/ but
#                 which nvgsp has no ABI table for ("" to skip that check)
#   DEMO          1: also print the driver's lines and nvgspctl's output for people
# and /expected/fw_build_id the GSP image's build-id.
#
# Each check prints "ok NAME" or "FAIL NAME: DETAIL"; "note: ..." lines carry numbers
# (gsp-boot-seconds) the host reports. The script always runs to its end and exits 0.
# The helpers both guest scripts use are in common.sh.

# shellcheck source=SCRIPTDIR/common.sh
. /common.sh
. /gsp-boot.conf
KO=/nvgsp.ko
FW=/lib/firmware/nvidia/$CHIP_DIR/gsp
FW_BUILD_ID=$(cat /expected/fw_build_id)
# INIT_DONE waits up to 10 s in the driver; TCG makes everything slower.
BOOT_WAIT=${BOOT_WAIT:-90}

uptime_s() { cut -d' ' -f1 /proc/uptime; }
# dmesg time stamp of the last line since the mark containing TEXT
stamp_of() {
	dmesg | tail -n +$((MARK + 1)) | grep -F -- "$1" | tail -n 1 |
		sed -n 's/^\[ *\([0-9.]*\)\].*/\1/p'
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

running_line() { echo "nvgsp $1: GSP-RM $RELEASE running: "; }
booted() { has_line "$(running_line "$1")"; }
failed_boot() { has_line "nvgsp $1: GSP boot failed at "; }
# the probe ended, either way (its last line: running, a boot failure, a probe error)
# the driver core's line: "nvgsp: probe of ADDR failed with error N" up to 6.x,
# "nvgsp ADDR: probe with driver nvgsp failed with error N" on later kernels
probe_failed() { since | grep -qE "probe (of $1 |with driver nvgsp )failed with error"; }
settled() { booted "$1" || failed_boot "$1" || probe_failed "$1"; }

# --- checks of a booted GPU ---------------------------------------------------------

# check_running NAME ADDR T0: the "running" line names the release and the VRAM size;
# prints the boot time since T0 (uptime) as a note.
check_running() {
	name=$1 addr=$2 t0=$3
	line=$(since | grep -F -- "$(running_line "$addr")" | tail -n 1)
	if [ -z "$line" ]; then
		fail "$name" "no '$(running_line "$addr")' line; nvgsp said: $(nvsaid)"
		return 1
	fi
	t=$(stamp_of "$(running_line "$addr")")
	[ -z "$t" ] || note "gsp-boot-seconds $name $(secs "$t0" "$t")"
	case $line in
	*", $FB_MIB MiB of VRAM") ok "$name" ;;
	*) fail "$name" "'$line' does not end in ', $FB_MIB MiB of VRAM'" ;;
	esac
}

check_sysfs() {
	name=$1 addr=$2 bad=
	for kv in chip="$CHIP" boot_path="$BOOT_PATH" fw_release="$RELEASE" \
		fw_build_id="$FW_BUILD_ID" gsp_state=running; do
		got=$(cat "$PCI/devices/$addr/nvgsp/${kv%%=*}" 2>&1)
		[ "$got" = "${kv#*=}" ] || bad="$bad ${kv%%=*}='$got' (want ${kv#*=});"
	done
	verdict "$name" "$bad"
}

# GSP-RM's log buffers in debugfs: three files, loginit holding what GSP-RM logged at init.
check_debugfs() {
	name=$1 addr=$2 bad=
	for f in loginit logintr logrm; do
		[ -r "$DBG/$addr/$f" ] || bad="$bad $DBG/$addr/$f missing;"
	done
	if [ -z "$bad" ]; then
		n=$(wc -c < "$DBG/$addr/loginit")
		[ "$n" -gt 0 ] || bad="$bad loginit reads 0 bytes;"
		note "debugfs loginit $n bytes, logintr $(wc -c < "$DBG/$addr/logintr"), logrm $(wc -c < "$DBG/$addr/logrm")"
	fi
	verdict "$name" "$bad"
}

# The MSI vector nvgsp asked for (else it polls, which the dmesg line says), and
# that interrupts arrived on it: probe opens nvgsp's RM client after requesting it,
# and gpusim raises SWGEN0 for each reply, which its interrupt tree routes to the
# GSP's vector that the boot's "interrupt table" step enabled.
check_irq() {
	name=$1 addr=$2 n=0
	l=$(grep nvgsp /proc/interrupts | head -n 1)
	if [ -n "$l" ]; then
		note "interrupts: $(echo "$l" | tr -s ' ')"
		for c in $(echo "$l" | cut -d: -f2-); do
			case $c in *[!0-9]*) break ;; *) n=$((n + c)) ;; esac
		done
		if [ "$n" -gt 0 ]; then
			ok "$name"
		else
			fail "$name" "the MSI vector is live but counted no interrupt"
		fi
	else
		fail "$name" "no nvgsp line in /proc/interrupts; nvgsp said: $(since | grep -F 'polled' | head -n 1)"
	fi
}

check_nvgspctl() {
	if [ ! -x /bin/nvgspctl ]; then
		fail nvgspctl "/bin/nvgspctl missing"
	elif out=$(nvgspctl firmware select --chip "$CHIP" --path /lib/firmware 2>&1); then
		if echo "$out" | grep -qF "$RELEASE"; then
			ok nvgspctl
		else
			fail nvgspctl "firmware select does not mention $RELEASE: $(echo "$out" | head -n 3 | tr '\n' '|')"
		fi
	else
		fail nvgspctl "firmware select --chip $CHIP failed: $(echo "$out" | tail -n 3 | tr '\n' '|')"
	fi
}

# bind_boot NAME ADDR: bind through sysfs (synchronous probe) and check the boot.
bind_boot() {
	name=$1 addr=$2
	mark
	t0=$(uptime_s)
	echo "$addr" > "$PCI/drivers/nvgsp/bind" 2>/dev/null
	if ! is_bound "$addr"; then
		fail "$name" "bind did not bind; nvgsp said: $(nvsaid)"
		return 1
	fi
	check_running "$name" "$addr" "$t0"
}

unbind_clean() {
	name=$1 addr=$2
	mark
	echo "$addr" > "$PCI/drivers/nvgsp/unbind"
	if is_bound "$addr"; then
		fail "$name" "still bound after unbind"
	elif ! left=$(released "$addr"); then
		fail "$name" "unbound, but$left"
	elif since | grep -qi 'nvgsp.*\(fail\|error\|timed out\)'; then
		fail "$name" "unload complained: $(nvsaid)"
	else
		ok "$name"
	fi
}

check_firmware_faults() {
	addr=$1
	if [ -n "$MISSING_FILE" ]; then
		mv "$FW/$MISSING_FILE" /missing.off
		expect_refused fault-firmware-missing "$addr" \
			"not bootable: missing nvidia/$CHIP_DIR/gsp/$MISSING_FILE"
		mv /missing.off "$FW/$MISSING_FILE"
	fi
	if [ -n "$NOABI_RELEASE" ]; then
		p=/sys/module/nvgsp/parameters/fw_release
		echo "$NOABI_RELEASE" > $p
		expect_refused fault-release-without-abi "$addr" \
			"GSP-RM $NOABI_RELEASE has no ABI table in this nvgsp; supported releases: "
		echo "" > $p
	fi
}

check_rmmod() {
	addr=$1
	mark
	if ! out=$(rmmod nvgsp 2>&1); then
		fail rmmod "rmmod failed: $out"
		return
	fi
	bad=
	[ ! -e /sys/module/nvgsp ] || bad="$bad /sys/module/nvgsp still present;"
	[ ! -e "$DBG" ] || bad="$bad $DBG still present;"
	left=$(released "$addr") || bad="$bad$left"
	verdict rmmod "$bad"
}

demo_show() {
	[ "${DEMO:-0}" = 1 ] || return 0
	echo "demo: ---- dmesg | grep nvgsp ----"
	dmesg | grep nvgsp | sed 's/^/demo: /'
	echo "demo: ---- sysfs $PCI/devices/$1/nvgsp/ ----"
	for f in "$PCI/devices/$1"/nvgsp/*; do
		echo "demo: $(basename "$f") = $(cat "$f")"
	done
	echo "demo: ---- nvgspctl firmware select --chip $CHIP --path /lib/firmware ----"
	nvgspctl firmware select --chip "$CHIP" --path /lib/firmware 2>&1 | sed 's/^/demo: /'
	echo "demo: ---- nvgspctl firmware inspect $FW ----"
	nvgspctl firmware inspect "$FW" 2>&1 | sed 's/^/demo: /'
	echo "demo: ---- head of GSP-RM's init log ($DBG/$1/loginit) ----"
	head -c 2000 "$DBG/$1/loginit" 2>&1 | strings 2>/dev/null | head -n 15 | sed 's/^/demo: /'
}

# --- scenarios ----------------------------------------------------------------------

scenario_boot() {
	addr=$1
	mark
	t0=$(uptime_s)
	if ! out=$(insmod $KO 2>&1); then
		fail insmod "insmod failed: $out"
		return
	fi
	ok insmod
	# nvgsp probes asynchronously: insmod returns before GSP-RM is up.
	if ! wait_for "$BOOT_WAIT" settled "$addr"; then
		fail gsp-boot "nothing from nvgsp about $addr within $BOOT_WAIT s: $(nvsaid)"
		return
	fi
	check_running gsp-boot "$addr" "$t0" || return
	wait_for 5 is_bound "$addr" || fail bound "$addr not bound after the boot line"
	check_sysfs sysfs "$addr"
	mount -t debugfs none /sys/kernel/debug 2>/dev/null
	check_debugfs debugfs "$addr"
	check_irq irq-msi "$addr"
	check_nvgspctl
	demo_show "$addr"

	unbind_clean unbind "$addr"
	bind_boot rebind "$addr" && check_debugfs rebind-debugfs "$addr"
	echo "$addr" > "$PCI/drivers/nvgsp/unbind"
	check_firmware_faults "$addr"
	bind_boot rebind-after-faults "$addr"

	check_rmmod "$addr"
	mark
	t0=$(uptime_s)
	if ! out=$(insmod $KO 2>&1); then
		fail reinsmod "insmod after rmmod failed: $out"
		return
	fi
	if wait_for "$BOOT_WAIT" settled "$addr" && booted "$addr"; then
		check_running reinsmod-boot "$addr" "$t0"
	else
		fail reinsmod-boot "no '$(running_line "$addr")' line; nvgsp said: $(nvsaid)"
	fi
	check_rmmod "$addr"
}

# A fault the server armed: probe fails with the step's message, leaves nothing behind,
# and the module unloads.
scenario_fault() {
	addr=$1 name=$SCENARIO want=$FAULT_LINE
	mark
	if ! out=$(insmod $KO 2>&1); then
		fail insmod "insmod failed: $out"
		return
	fi
	wait_for "$BOOT_WAIT" settled "$addr"
	if ! has_line "$want"; then
		fail "$name" "no dmesg line '$want'; nvgsp said: $(nvsaid)"
	else
		note "$name: $(since | grep -F -- "$want" | tail -n 1)"
		sleep 1
		if is_bound "$addr"; then
			fail "$name" "$addr is bound after the failure"
		elif ! left=$(released "$addr"); then
			fail "$name" "failed, but$left"
		else
			ok "$name"
		fi
	fi
	check_rmmod "$addr"
}

main() {
	if ! addr=$(find_dev 0x10de "$DEVICE_ID"); then
		fail find-gpu "no 10de:$DEVICE_ID function in $PCI/devices"
		return
	fi
	note "$CHIP $addr class $(cat "$PCI/devices/$addr/class") resources $(head -n 4 "$PCI/devices/$addr/resource" | awk '{ printf "%s-%s ", $1, $2 }')"
	case $SCENARIO in
	boot) scenario_boot "$addr" ;;
	fault-*) scenario_fault "$addr" ;;
	*) fail scenario "unknown scenario '$SCENARIO'" ;;
	esac
	check_kernel_health
}

main
exit 0
