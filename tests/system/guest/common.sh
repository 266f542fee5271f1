# shellcheck shell=sh
# Helpers shared by the guest checks (busybox sh): boot-smoke.sh and gsp-boot.sh
# source this file as /common.sh. tests/system/boot-smoke and tests/system/gsp-boot
# pack it into the initramfs beside /init.
#
# Results: every check prints "ok NAME" or "FAIL NAME: DETAIL"; "note: ..." lines
# carry what the host reports but does not judge.

PCI=/sys/bus/pci
DBG=/sys/kernel/debug/nvgsp

ok() { echo "ok $1"; }
fail() { echo "FAIL $1: $2"; }
note() { echo "note: $*"; }
# verdict NAME PROBLEMS: ok when PROBLEMS is empty
verdict() { if [ -z "$2" ]; then ok "$1"; else fail "$1" "$2"; fi; }

# json_doc NAME EXPR CMD...: CMD must exit 0; its stdout goes to the host between
# "=== json NAME" and "=== json-end NAME", with "json-expect NAME EXPR" after it. The
# guest has no JSON parser: the host (tests/lib/json_checks.py, through sys_judge)
# parses the document with python3's json module and checks that the Python
# expression EXPR is true of it (the document being d), as "ok|FAIL json-NAME".
json_doc() {
	_jn=$1 _je=$2
	shift 2
	if ! "$@" >/tmp/json.out 2>/tmp/json.err; then
		fail "json-$_jn" "$* exited non-zero: $(tail -n 3 /tmp/json.err | tr '\n' '|')"
		return 1
	fi
	echo "=== json $_jn"
	cat /tmp/json.out
	echo "=== json-end $_jn"
	echo "json-expect $_jn $_je"
}

# --- kernel log ---------------------------------------------------------------------

# The kernel log since the last mark, so a check sees only the lines its action caused.
mark() { MARK=$(dmesg | wc -l); }
since() { dmesg | tail -n +$((MARK + 1)) | sed 's/^\[[ 0-9.]*\] //'; }
# has_line TEXT: a line logged since the mark contains TEXT (fixed string)
has_line() { since | grep -qF -- "$1"; }
# nvsaid: nvgsp's last lines since the mark, on one line, for a failure's detail
nvsaid() { since | grep -i nvgsp | tail -n 4 | tr '\n' '|'; }

# GSP-RM's boot on ADDR, from nvgsp's lines since the mark (RELEASE: the booted
# release, set by the tier's config). settled: the probe ended, either way (its last
# line: running, a boot failure, a probe error). The driver core's line is "nvgsp:
# probe of ADDR failed with error N" up to 6.x, "nvgsp ADDR: probe with driver
# nvgsp failed with error N" on later kernels. They run through wait_for, which the
# linter does not see (SC2317).
running_line() { echo "nvgsp $1: GSP-RM $RELEASE running: "; }
booted() { has_line "$(running_line "$1")"; }
# shellcheck disable=SC2317
failed_boot() { has_line "nvgsp $1: GSP boot failed at "; }
# shellcheck disable=SC2317
probe_failed() { since | grep -qE "probe (of $1 |with driver nvgsp )failed with error"; }
# shellcheck disable=SC2317
settled() { booted "$1" || failed_boot "$1" || probe_failed "$1"; }

# --- PCI helpers --------------------------------------------------------------------

# find_dev VENDOR DEVICE: the PCI address of the first such function
find_dev() {
	for d in "$PCI"/devices/*; do
		if [ "$(cat "$d/vendor")" = "$1" ] && [ "$(cat "$d/device")" = "$2" ]; then
			basename "$d"
			return 0
		fi
	done
	return 1
}

driver_of() {
	l=$(readlink "$PCI/devices/$1/driver" 2>/dev/null) || return 0
	basename "$l"
}
is_bound() { [ "$(driver_of "$1")" = nvgsp ]; }
not_bound() { ! is_bound "$1"; }
enable_of() { cat "$PCI/devices/$1/enable"; }
bar0_start() { read -r s _ < "$PCI/devices/$1/resource"; echo "$s"; }

# iomem_nvgsp [ADDR]: nvgsp's claims in /proc/iomem (on ADDR's BAR0 only, when given)
iomem_nvgsp() {
	if [ -n "${1:-}" ]; then
		grep -E "^ *0*$(printf '%x' $(($(bar0_start "$1"))))-[0-9a-f]+ : nvgsp\$" /proc/iomem
	else
		grep nvgsp /proc/iomem
	fi
}

# wait_for SECONDS CMD...: poll CMD every 0.1 s (insmod probes asynchronously)
wait_for() {
	n=$(($1 * 10))
	shift
	while [ $n -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	"$@"
}

# released ADDR: what remove() and every probe error path must leave behind: no
# sysfs group, no BAR0 claim, the device disabled, no debugfs directory (absent
# anyway where debugfs is not mounted). Prints what is left, if anything.
released() {
	left=
	[ ! -e "$PCI/devices/$1/nvgsp" ] || left="$left nvgsp/ sysfs dir still present;"
	[ -z "$(iomem_nvgsp "$1")" ] || left="$left /proc/iomem still has '$(iomem_nvgsp "$1" | tr -s ' ' | tr '\n' ' ')';"
	[ "$(enable_of "$1")" = 0 ] || left="$left enable is $(enable_of "$1");"
	[ ! -e "$DBG/$1" ] || left="$left $DBG/$1 still present;"
	[ -z "$left" ] || { echo "$left"; return 1; }
}

# attach ADDR: ask nvgsp to take ADDR; the write fails when probe refuses, which
# the caller judges from the result. A device nvgsp's ID table matches binds
# through the driver's bind file; a script whose devices it does not match
# redefines attach after sourcing this file.
attach() { echo "$1" > "$PCI/drivers/nvgsp/bind" 2>/dev/null; return 0; }

# expect_refused NAME ADDR TEXT: attaching ADDR is refused with a dmesg line
# containing TEXT (a prefix of the line is enough) and leaves nothing behind.
expect_refused() {
	name=$1 addr=$2 want=$3
	mark
	attach "$addr"
	if is_bound "$addr"; then
		fail "$name" "nvgsp bound $addr"
		echo "$addr" > "$PCI/drivers/nvgsp/unbind"
	elif ! has_line "$want"; then
		fail "$name" "no dmesg line '$want'; nvgsp said: $(nvsaid)"
	elif ! left=$(released "$addr"); then
		fail "$name" "refused, but$left"
	else
		ok "$name"
	fi
}

# --- the kernel's health ------------------------------------------------------------

check_kernel_health() {
	# The forms the kernel prints ("WARNING: CPU: ...", "BUG: ...", "kernel BUG at",
	# lockdep's and the hung-task detector's reports), not bare words: "BUG" alone
	# would match any "DEBUG".
	all=$(dmesg | grep -E 'WARNING:|BUG:|kernel BUG|Oops|Call Trace|refcount_t|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU|INFO: task .* blocked|general protection')
	bad=
	[ -z "$all" ] || bad=$(echo "$all" | head -n 5 | tr '\n' '|')
	# HEALTH_FOREIGN_WARN=MODULE (the ownership boot, MODULE=nouveau): that
	# module's own WARN_ON()s are its business, not nvgsp's (nouveau on gpusim:
	# issue 18). Allowed only when every report is a WARNING naming [MODULE]
	# or its call trace; then taint W (512) is that module's too.
	allowed_taint=0
	if [ -n "${HEALTH_FOREIGN_WARN:-}" ] && [ -n "$all" ] &&
		! echo "$all" | grep -vF 'Call Trace' | grep -qvF "[$HEALTH_FOREIGN_WARN]" &&
		! echo "$all" | grep -vF 'Call Trace' | grep -qvF 'WARNING:'; then
		note "dmesg: $(echo "$all" | grep -cF 'WARNING:') WARNING(s) from $HEALTH_FOREIGN_WARN itself, not nvgsp: $(echo "$all" | grep -F 'WARNING:' | head -n 2 | tr '\n' '|')"
		bad=''
		allowed_taint=512
	fi
	verdict dmesg-clean "$bad"
	# Only O (out-of-tree, 4096) and E (unsigned, 8192) are expected.
	t=$(cat /proc/sys/kernel/tainted)
	note "tainted=$t"
	extra=$((t & ~(4096 | 8192 | allowed_taint)))
	bad=
	[ $extra -eq 0 ] || bad="tainted=$t has bits beyond O|E: $extra"
	verdict taint "$bad"
}
