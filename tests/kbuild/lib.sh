# shellcheck shell=bash
# Helpers shared by tests/kbuild/run and tests/kbuild/dkms-build: result
# counting, timing, source copies. Source after tests/lib/debian.sh.

KB_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
kb_npass=0
kb_nfail=0

ok() {
	echo "ok $*"
	kb_npass=$((kb_npass + 1))
}

fail() {
	echo "FAIL $*"
	kb_nfail=$((kb_nfail + 1))
}

# kb_summary NAME: the closing "NAME: N passed, M failed" line; true if none failed.
kb_summary() {
	echo "$1: $kb_npass passed, $kb_nfail failed"
	[ "$kb_nfail" -eq 0 ]
}

# Last lines of a log, indented, to follow a FAIL line.
log_tail() { tail -n "${2:-15}" "$1" | sed 's/^/    /'; }

# Microseconds since the epoch.
now_us() { echo "${EPOCHREALTIME/./}"; }

# seconds_since START_US [DIGITS]: elapsed seconds, DIGITS decimals (default 3).
seconds_since() {
	local d=$(($(now_us) - $1)) digits=${2:-3}
	printf "%.${digits}f" "$((d / 1000000)).$(printf '%06d' $((d % 1000000)))"
}

# The kernel release a header tree builds for: the one vermagic carries (Debian's
# include/config/kernel.release holds the upstream version instead, e.g. 6.1.176).
kdir_release() {
	sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$1/include/generated/utsrelease.h"
}

# copy_sources DIR: a fresh copy of the module sources, so builds never write
# into the checkout and never share objects.
# shellcheck source=tests/lib/modbuild.sh
. "$KB_REPO/tests/lib/modbuild.sh"
copy_sources() { modbuild_copy_sources "$1"; }

# kb_lock FILE: hold an exclusive lock on FILE (fd 8) for the rest of the script;
# two runs over one cache would remove each other's build directories.
kb_lock() {
	mkdir -p "$(dirname "$1")"
	exec 8>"$1"
	flock -n 8 || {
		echo "waiting for another run holding $1" >&2
		flock 8
	}
}
