# shellcheck shell=bash
# Cached Debian chroots for the test tiers, for work whose tools need a newer C
# library or compiler than this machine has (trixie's and sid's kbuild tools).
#
# Source after debian.sh. Defines:
#   chroot_root SUITE               where the chroot for SUITE lives
#   chroot_ensure SUITE [PKG...]    create it once (debootstrap --variant=minbase from
#                                   the mirror this machine uses) and install the PKGs
#                                   it lacks; prints its root. Safe to call from
#                                   parallel runs; an interrupted creation is redone.
#                                   SUITE may be SUITE+TAG: a separate chroot of SUITE
#                                   named SUITE+TAG (e.g. sid+pkg for the packaging
#                                   tier, apart from the kbuild tier's sid).
#   chroot_run ROOT [-b DIR]... [--] CMD...
#                                   run CMD inside ROOT with a clean environment and
#                                   each DIR bind-mounted at the same path, so paths
#                                   outside the chroot (the cache) mean the same inside.
#                                   Nothing stays mounted afterwards, even if killed.

NVGSP_CHROOT_DIR=$NVGSP_CACHE/chroots

chroot_root() { echo "$NVGSP_CHROOT_DIR/$1"; }

# The archive is a fixed snapshot: apt inside must accept Release files past their
# Valid-Until date (as this machine's own apt configuration does).
_chroot_apt_conf() {
	cat >"$1/etc/apt/apt.conf.d/99nvgsp" <<'EOF'
// Written by nvgsp tests/lib/chroot.sh: the archive is a fixed snapshot whose
// Release files may be past their Valid-Until date.
Acquire::Check-Valid-Until "false";
Acquire::Check-Date "false";
Acquire::Languages "none";
APT::Install-Recommends "false";
APT::Install-Suggests "false";
EOF
}

# True if anything is mounted at or below $1 (in this mount namespace).
_chroot_has_mounts() {
	awk -v r="$1" '$2 == r || index($2, r "/") == 1 { found = 1 } END { exit !found }' /proc/self/mounts
}

_chroot_bootstrap() {
	local suite=$1 root=$2 log=$2.log mirror
	mirror=$(deb_mirror) || return 1
	if _chroot_has_mounts "$root"; then
		echo "chroot.sh: something is mounted under $root; unmount it first" >&2
		return 1
	fi
	echo "chroot.sh: creating the $suite chroot in $root (log: $log)" >&2
	rm -rf "$root"
	mkdir -p "$root"
	# debootstrap mounts /proc and /sys in the target; a private mount namespace
	# makes sure an interrupted run leaves none of them behind.
	if ! unshare --mount debootstrap --variant=minbase \
		--keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
		"$suite" "$root" "$mirror" >"$log" 2>&1; then
		echo "chroot.sh: debootstrap $suite failed; last lines of $log:" >&2
		tail -n 20 "$log" >&2
		return 1
	fi
	_chroot_apt_conf "$root"
	rm -f "$root"/var/cache/apt/archives/*.deb
	touch "$root/.nvgsp-ready"
}

# Install the packages of "$@" that ROOT does not have yet.
_chroot_install() {
	local root=$1 p missing=()
	shift
	for p in "$@"; do
		dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null |
			grep -q '^ii' || missing+=("$p")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	echo "chroot.sh: installing ${missing[*]} into $root" >&2
	# dpkg --configure -a finishes an install an earlier, interrupted run began;
	# the package lists are dropped afterwards (60 MB for sid), as the next
	# install updates them anyway.
	if ! chroot_run "$root" -- sh -c 'dpkg --configure -a && apt-get -qq update &&
			apt-get -y -qq install "$@" && apt-get clean &&
			rm -rf /var/lib/apt/lists/*' sh "${missing[@]}" >>"$root.log" 2>&1; then
		echo "chroot.sh: installing ${missing[*]} failed; last lines of $root.log:" >&2
		tail -n 20 "$root.log" >&2
		return 1
	fi
}

chroot_ensure() {
	local suite=$1 root
	shift
	root=$(chroot_root "$suite")
	mkdir -p "$NVGSP_CHROOT_DIR"
	(
		# One creator at a time; the ready stamp is written last, so a run that
		# was interrupted half-way is started over.
		flock 9
		[ -f "$root/.nvgsp-ready" ] || _chroot_bootstrap "${suite%%+*}" "$root" || exit 1
		_chroot_install "$root" "$@" || exit 1
	) 9>"$NVGSP_CHROOT_DIR/$suite.lock" || return 1
	echo "$root"
}

chroot_run() {
	local root=$1 binds=() d
	shift
	while [ "${1:-}" = -b ]; do
		binds+=("$2")
		shift 2
	done
	[ "${1:-}" != -- ] || shift
	for d in ${binds[@]+"${binds[@]}"}; do mkdir -p "$root$d"; done
	# New mount and PID namespaces: /proc (objtool and dkms need it) and the bind
	# mounts exist only as long as the command runs.
	# shellcheck disable=SC2016 # the inner script expands its own arguments
	unshare --mount --pid --fork --mount-proc="$root/proc" \
		sh -c 'root=$1 n=$2; shift 2
			while [ "$n" -gt 0 ]; do
				mount --bind "$1" "$root$1" || exit 1
				shift; n=$((n - 1))
			done
			exec chroot "$root" "$@"' \
		sh "$root" "${#binds[@]}" ${binds[@]+"${binds[@]}"} \
		env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root LANG=C LC_ALL=C \
		DEBIAN_FRONTEND=noninteractive \
		${http_proxy:+http_proxy="$http_proxy"} ${https_proxy:+https_proxy="$https_proxy"} \
		"$@"
}
