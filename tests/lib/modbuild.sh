# shellcheck shell=bash
# Build nvgsp.ko against an extracted kernel header tree, outside the checkout.
#
# Kbuild writes its objects next to the sources, so the sources (tracked files plus
# untracked, not ignored ones: what `git status` would show) are copied to a scratch
# directory in the cache and built there; the checkout stays clean and two kernels
# never share objects.
#
# Source this file after tests/lib/debian.sh; it defines:
#   modbuild_copy_sources DIR     a fresh copy of the module sources in DIR
#   modbuild_cc KDIR              the CC= a build against KDIR needs here (empty: the tree's own)
#   modbuild_ko KDIR NAME [MAKEVAR=VALUE...]
#                                 build in $NVGSP_CACHE/build/NAME; prints the path of nvgsp.ko;
#                                 the build log is $NVGSP_CACHE/build/NAME.log

NVGSP_SRC=${NVGSP_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

# Debian's header trees name the exact compiler the kernel was built with (gcc-10 for
# bullseye); when that one is not installed, the host's gcc builds a working module.
modbuild_cc() {
	local want
	want=$(sed -n 's/^CC = .*)\(gcc-[0-9]*\)$/\1/p' "$1/.kernelvariables" 2>/dev/null)
	if [ -n "$want" ] && ! command -v "$want" >/dev/null; then
		echo gcc
	fi
}

# Tracked and untracked, not ignored files: what `git status` would show.
modbuild_copy_sources() {
	local dst=$1
	rm -rf "$dst"
	mkdir -p "$dst"
	# -c lists tracked files deleted in the worktree too: skip those.
	(cd "$NVGSP_SRC" && git ls-files -z -co --exclude-standard |
		while IFS= read -r -d '' f; do
			if [ -e "$f" ]; then printf '%s\0' "$f"; fi
		done | tar -c --null -T - -f -) | tar -x -C "$dst"
}

modbuild_ko() {
	local kdir=$1 name=$2 dir log cc
	shift 2
	dir=$NVGSP_CACHE/build/$name
	log=$NVGSP_CACHE/build/$name.log
	modbuild_copy_sources "$dir"
	cc=$(modbuild_cc "$kdir")
	if ! make -C "$dir" KDIR="$kdir" ${cc:+CC="$cc"} "$@" >"$log" 2>&1; then
		echo "modbuild.sh: building nvgsp.ko against $kdir failed; last lines of $log:" >&2
		tail -n 30 "$log" >&2
		return 1
	fi
	echo "$dir/nvgsp.ko"
}
