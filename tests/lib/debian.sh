# shellcheck shell=bash
# Shared helpers for the test tiers: a cache outside the clone and a private apt
# configuration over every Debian suite we test against.
#
# The archive's host is read from this machine's own apt sources at run time;
# it is never written into the repository.
#
# Source this file; it defines:
#   NVGSP_CACHE          cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/nvgsp)
#   deb_apt_setup        write the private apt config and update it (once a day)
#   deb_apt ARGS...      apt-get with the private config
#   deb_cache ARGS...    apt-cache with the private config
#   deb_version SUITE PKG         newest version of PKG in SUITE (empty if none)
#   deb_field PKG=VER FIELD       a control field of that package version
#   deb_fetch PKG=VER...          download into $NVGSP_CACHE/debs (cached); prints paths
#   deb_extract DEB DIR           unpack a .deb keeping symlinks
#   deb_unpack_once ROOT PKG=VER FN [ARG...]
#                                 unpack part of one package into ROOT once:
#                                 under a lock, FN DEB DIR ARG... unpacks into
#                                 a fresh DIR, which becomes ROOT, stamped done
#   deb_extract_each SETS EXTRACT for every NAME in the first column of SETS's
#                                 output, EXTRACT NAME (which prints a root);
#                                 prints "NAME ROOT" lines, fails at the first
#                                 failure (firmware.sh, oracles.sh)
#   deb_src_setup        a second private apt config with deb-src lines only
#                        (NVGSP_SRC_SUITES), kept apart so the binary lists above
#                        are not re-fetched when it changes; updated once a day
#   deb_src ARGS...      apt-get with that config (apt-get source, --download-only)
#   deb_src_version SUITE SRCPKG  newest version of source package SRCPKG in SUITE

NVGSP_CACHE=${NVGSP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nvgsp}
NVGSP_APT_DIR=$NVGSP_CACHE/apt
NVGSP_DEB_DIR=$NVGSP_CACHE/debs
NVGSP_SUITES="bullseye bookworm bookworm-backports trixie sid experimental"
# Source packages are needed only where we build from Debian's sources (QEMU).
NVGSP_SRC_APT_DIR=$NVGSP_CACHE/apt-src
NVGSP_SRC_SUITES=${NVGSP_SRC_SUITES:-"trixie sid"}

# The Debian mirror this machine's apt uses (deb822 .sources or one-line sources.list).
deb_mirror() {
	local uri
	uri=$(sed -n 's#^URIs:[[:space:]]*\([^[:space:]]*/debian\)/*$#\1#p' \
		/etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
	if [ -z "$uri" ]; then
		uri=$(sed -n 's#^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*/debian\)/*[[:space:]].*#\2#p' \
			/etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -n 1)
	fi
	if [ -z "$uri" ]; then
		echo "debian.sh: no Debian mirror found in /etc/apt/sources.list{,.d}" >&2
		return 1
	fi
	echo "$uri"
}

# deb_apt_opts_into ARRAY DIR: set ARRAY to apt's options for a private
# configuration kept in DIR (sources.list, lists, cache, status), so the
# machine's own apt state is never read or touched.
deb_apt_opts_into() {
	local -n opts=$1
	local dir=$2
	# shellcheck disable=SC2034 # a nameref: the caller's array
	opts=(
		-o "Dir::Etc::SourceList=$dir/sources.list"
		-o "Dir::Etc::SourceParts=/dev/null"
		-o "Dir::State::Lists=$dir/lists"
		-o "Dir::Cache=$dir/cache"
		# Keep apt's binary package cache: a Docker-style host disables it, and
		# every query then rebuilds it from all six suites' lists (1.4 s vs 0.02 s).
		-o "Dir::Cache::pkgcache=pkgcache.bin"
		-o "Dir::Cache::srcpkgcache=srcpkgcache.bin"
		-o "Dir::State::Status=$dir/status"
		-o "APT::Architecture=amd64"
		-o "Acquire::Check-Valid-Until=false"
		-o "Acquire::Check-Date=false"
		-o "Acquire::Languages=none"
		-o "Debug::NoLocking=true"
		-o "APT::Sandbox::User=root"
	)
}

NVGSP_APT_OPTS=()
deb_apt_opts_into NVGSP_APT_OPTS "$NVGSP_APT_DIR"

deb_apt() { apt-get "${NVGSP_APT_OPTS[@]}" "$@"; }
deb_cache() { apt-cache "${NVGSP_APT_OPTS[@]}" "$@"; }

deb_apt_setup() {
	local mirror s comps
	mkdir -p "$NVGSP_APT_DIR/lists/partial" "$NVGSP_APT_DIR/cache/archives/partial" "$NVGSP_DEB_DIR"
	touch "$NVGSP_APT_DIR/status"
	mirror=$(deb_mirror) || return 1
	{
		for s in $NVGSP_SUITES; do
			# bullseye predates the non-free-firmware component
			comps="main contrib non-free non-free-firmware"
			[ "$s" = bullseye ] && comps="main contrib non-free"
			echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $s $comps"
		done
	} > "$NVGSP_APT_DIR/sources.list.new"
	deb_lists_refresh "$NVGSP_APT_DIR" deb_apt || { echo "debian.sh: apt-get update failed" >&2; return 1; }
}

# deb_lists_refresh DIR APT: install DIR/sources.list.new as DIR/sources.list
# when it differs (forgetting the last update), then run "APT -qq update" under
# DIR/lock unless DIR/updated says it ran in the last day: the archive is
# served as a fixed snapshot, so one update a day is plenty.
deb_lists_refresh() {
	local dir=$1 apt=$2 stamp=$1/updated
	if ! cmp -s "$dir/sources.list.new" "$dir/sources.list"; then
		mv "$dir/sources.list.new" "$dir/sources.list"
		rm -f "$stamp"
	else
		rm -f "$dir/sources.list.new"
	fi
	[ -n "$(find "$stamp" -mmin -1440 2>/dev/null)" ] && return 0
	(
		flock 9
		"$apt" -qq update >&2 && touch "$stamp"
	) 9>"$dir/lock"
}

deb_version() {
	local suite=$1 pkg=$2
	deb_cache madison "$pkg" 2>/dev/null |
		awk -F'|' -v s="$suite" '{ gsub(/ /, "", $2); split($3, a, " "); if (a[2] == s "/main" || a[2] == s "/non-free-firmware" || a[2] == s "/non-free" || a[2] == s "/contrib") print $2 }' |
		sort -V -r | head -n 1
}

deb_field() {
	deb_cache show "$1" 2>/dev/null | awk -v f="$2" '
		$0 ~ "^" f ":" { sub("^" f ":[ ]*", ""); print; exit }'
}

# The cached .deb of PKG=VER (apt writes an epoch's colon as %3a), or nothing.
deb_cached() {
	local pkg=${1%%=*} ver=${1#*=} f
	for f in "$NVGSP_DEB_DIR/${pkg}_${ver//:/%3a}_"*.deb; do
		[ -e "$f" ] && { echo "$f"; return 0; }
	done
	return 1
}

# deb_fetch PKG=VER... : download each into the cache (skipping those present), print their paths
deb_fetch() {
	local want=() spec
	for spec in "$@"; do
		deb_cached "$spec" >/dev/null || want+=("$spec")
	done
	if [ ${#want[@]} -gt 0 ]; then
		(cd "$NVGSP_DEB_DIR" && deb_apt -qq download "${want[@]}" >&2) ||
			{ echo "debian.sh: download failed: ${want[*]}" >&2; return 1; }
	fi
	for spec in "$@"; do
		deb_cached "$spec" || { echo "debian.sh: $spec missing after download" >&2; return 1; }
	done
}

deb_extract() {
	mkdir -p "$2"
	dpkg-deb --fsys-tarfile "$1" | tar -x -C "$2" --no-same-owner
}

# Tiers may run side by side: one unpacks, the other waits for it; an
# interrupted unpack leaves no done stamp and is redone.
deb_unpack_once() {
	local root=$1 spec=$2 fn=$3 deb lockfd
	shift 3
	mkdir -p "${root%/*}"
	exec {lockfd}>"$root.lock"
	flock "$lockfd"
	if [ ! -f "$root/.done" ] && deb=$(deb_fetch "$spec"); then
		rm -rf "$root.tmp"
		mkdir -p "$root.tmp"
		if "$fn" "$deb" "$root.tmp" "$@"; then
			rm -rf "$root" && mv "$root.tmp" "$root" && touch "$root/.done"
		fi
	fi
	exec {lockfd}>&-
	[ -f "$root/.done" ] || { echo "debian.sh: could not unpack $spec" >&2; return 1; }
}

deb_extract_each() {
	local sets=$1 extract=$2 name root
	for name in $("$sets" | awk '{ print $1 }'); do
		root=$("$extract" "$name") || return 1
		echo "$name $root"
	done
}

NVGSP_SRC_APT_OPTS=()
deb_apt_opts_into NVGSP_SRC_APT_OPTS "$NVGSP_SRC_APT_DIR"

deb_src() { apt-get "${NVGSP_SRC_APT_OPTS[@]}" "$@"; }

deb_src_setup() {
	local mirror s
	mkdir -p "$NVGSP_SRC_APT_DIR/lists/partial" "$NVGSP_SRC_APT_DIR/cache/archives/partial"
	touch "$NVGSP_SRC_APT_DIR/status"
	mirror=$(deb_mirror) || return 1
	for s in $NVGSP_SRC_SUITES; do
		echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $s main"
	done >"$NVGSP_SRC_APT_DIR/sources.list.new"
	deb_lists_refresh "$NVGSP_SRC_APT_DIR" deb_src ||
		{ echo "debian.sh: apt-get update (deb-src) failed" >&2; return 1; }
}

# deb_src_version SUITE SRCPKG: the newest version of a source package in SUITE.
deb_src_version() {
	apt-cache "${NVGSP_SRC_APT_OPTS[@]}" madison "$2" 2>/dev/null |
		awk -F'|' -v s="$1" '$3 ~ "Sources" { gsub(/ /, "", $2); split($3, a, " "); if (a[2] == s "/main") print $2 }' |
		sort -V -r | head -n 1
}
