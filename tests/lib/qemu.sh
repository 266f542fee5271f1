# shellcheck shell=bash
# A QEMU with vfio-user-pci: only sid's QEMU (11.x) has it. Its qemu-system-x86 and
# the whole dependency closure (sid's glibc included) are unpacked into a prefix in the
# cache and started through sid's own dynamic loader: LD_LIBRARY_PATH alone fails,
# sid's QEMU needs a newer glibc than the host's.
#
# Source tests/lib/debian.sh first (and run deb_apt_setup); this file defines:
#   qemu_sid_prefix   unpack (cached per version) and print the prefix directory
#   qemu_sid_cmd      print the command prefix, one word per line (read it with
#                     mapfile): the loader, its library path, the binary and the -L
#                     firmware directories; append QEMU's own arguments.
#   vfu_sock_dir      make and print a directory for vfio-user sockets whose paths
#                     stay far below the 107-byte limit of sun_path
#   vfu_wait_listening  wait until a started gpusim-vfu listens on its socket
#   qemu_accel        print the accelerator to boot with: NVGSP_QEMU_ACCEL when set
#                     to kvm or tcg; else (auto) kvm when a probe boot under KVM
#                     works on this host, tcg otherwise
#
# Versions are resolved at run time from sid's current lists; the closure is what
# apt-cache depends --recurse says for sid's candidates (alternatives included: a few
# packages too many is cheaper than guessing which alternative the loader needs).

QEMU_SID_SUITE=${QEMU_SID_SUITE:-sid}

# qemu_sid_closure: "PKG=VER" for qemu-system-x86 and everything it needs, in sid.
qemu_sid_closure() {
	local -a opts=(-o "APT::Default-Release=$QEMU_SID_SUITE")
	deb_cache "${opts[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances qemu-system-x86 2>/dev/null |
		sed -n 's/^\([a-z0-9][a-z0-9.+-]*\)$/\1/p' | sort -u |
		while read -r p; do
			v=$(deb_version "$QEMU_SID_SUITE" "$p")
			# Virtual or sid-less names (their providers are in the list too) are skipped.
			[ -n "$v" ] && echo "$p=$v"
		done
}

qemu_sid_prefix() {
	local ver dir list deb
	ver=$(deb_version "$QEMU_SID_SUITE" qemu-system-x86)
	if [ -z "$ver" ]; then
		echo "qemu.sh: no qemu-system-x86 in $QEMU_SID_SUITE" >&2
		return 1
	fi
	dir=$NVGSP_CACHE/qemu/$QEMU_SID_SUITE/${ver//:/_}
	if [ ! -e "$dir/.done" ]; then
		mkdir -p "$dir"
		list=$(qemu_sid_closure) || return 1
		[ -n "$list" ] || { echo "qemu.sh: empty dependency closure" >&2; return 1; }
		echo "$list" >"$dir/closure"
		rm -rf "$dir/root"
		# shellcheck disable=SC2086 # one PKG=VER per word
		for deb in $(deb_fetch $list); do
			deb_extract "$deb" "$dir/root" || { echo "qemu.sh: cannot unpack $deb" >&2; return 1; }
		done
		[ -x "$dir/root/usr/bin/qemu-system-x86_64" ] ||
			{ echo "qemu.sh: no qemu-system-x86_64 in the closure" >&2; return 1; }
		touch "$dir/.done"
	fi
	echo "$dir/root"
}

qemu_sid_cmd() {
	local s lib
	s=$(qemu_sid_prefix) || return 1
	lib=$s/usr/lib/x86_64-linux-gnu
	[ -e "$lib/ld-linux-x86-64.so.2" ] || { echo "qemu.sh: no loader under $lib" >&2; return 1; }
	printf '%s\n' "$lib/ld-linux-x86-64.so.2" --library-path "$lib:$s/lib/x86_64-linux-gnu" \
		"$s/usr/bin/qemu-system-x86_64" \
		-L "$s/usr/share/qemu" -L "$s/usr/share/seabios" -L "$s/usr/lib/ipxe/qemu"
}

# vfu_sock_dir: a fresh directory for vfio-user sockets, removed by the caller. A
# socket's path must fit sun_path (107 bytes); under a long $TMPDIR a socket named
# after its boot did not (CI saw "socket path too long" for the longest boot names
# only), so the directory is made in /tmp, whatever $TMPDIR says, and the caller
# names sockets with short numbers.
vfu_sock_dir() {
	mktemp -d /tmp/nvgsp-vfu.XXXXXX
}

# vfu_wait_listening LOG SOCK PID TENTHS: wait up to TENTHS tenths of a second until
# the gpusim-vfu with pid PID, writing to LOG, says "listening SOCK" and SOCK is a
# socket; fail at once if it exits first. Both conditions matter: the caller starts
# the server with ">LOG", and that truncation happens in the child some time after
# the fork. A LOG left by an earlier run (the cache keeps logs) could say "listening"
# before then, and QEMU found no socket (CI, stop 10: "Failed to connect ...: No such
# file or directory"). Callers delete LOG before the start as well.
vfu_wait_listening() {
	local slog=$1 sock=$2 pid=$3 n=$4
	while [ "$n" -gt 0 ]; do
		if [ -S "$sock" ] && grep -qxF "listening $sock" "$slog" 2>/dev/null; then
			return 0
		fi
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# qemu_accel IMAGE: the -accel value for the boots. NVGSP_QEMU_ACCEL=kvm or tcg is
# taken as given; unset or "auto", KVM is used only when it works here: /dev/kvm is
# usable and IMAGE, booted under KVM with sid's QEMU and no initramfs, reaches its
# "unable to mount root" panic within QEMU_KVM_PROBE_S seconds (a working KVM gets
# there in about a second; TCG is what the tiers' timeouts were made for). On the
# development machine /dev/kvm opens but a guest under it never prints a line after
# SeaBIOS, with -cpu max or host: a device node alone proves nothing. The verdict is
# kept in $NVGSP_CACHE/qemu/accel for this host boot (boot_id), whichever tier asks
# first; the reason goes to stderr.
QEMU_KVM_PROBE_S=${QEMU_KVM_PROBE_S:-15}
qemu_accel() {
	local image=$1 want=${NVGSP_QEMU_ACCEL:-auto} dir=$NVGSP_CACHE/qemu key verdict log q=()
	case $want in
	kvm | tcg) echo "$want"; return 0 ;;
	auto) ;;
	*) echo "qemu.sh: NVGSP_QEMU_ACCEL=$want: use kvm, tcg or auto" >&2; return 1 ;;
	esac
	if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
		echo "qemu.sh: no usable /dev/kvm; booting under TCG" >&2
		echo tcg
		return 0
	fi
	mkdir -p "$dir"
	key="boot_id $(cat /proc/sys/kernel/random/boot_id 2>/dev/null)"
	if [ -s "$dir/accel" ] && [ "$(head -n 1 "$dir/accel")" = "$key" ]; then
		verdict=$(sed -n 2p "$dir/accel")
	else
		log=$dir/kvm-probe.console.log
		rm -f "$log"
		mapfile -t q < <(qemu_sid_cmd)
		[ ${#q[@]} -gt 0 ] || return 1
		timeout "$QEMU_KVM_PROBE_S" "${q[@]}" -accel kvm -cpu max -m 256 -smp 1 \
			-nodefaults -display none -monitor none -no-reboot -serial "file:$log" \
			-kernel "$image" -append "console=ttyS0 panic=-1" \
			</dev/null >"$dir/kvm-probe.err" 2>&1 || true
		if grep -q 'Kernel panic.*mount root\|VFS: Unable to mount root' "$log" 2>/dev/null; then
			verdict=kvm
		else
			verdict=tcg
		fi
		printf '%s\n%s\n' "$key" "$verdict" >"$dir/accel"
	fi
	if [ "$verdict" = kvm ]; then
		echo "qemu.sh: a kernel boots under KVM here; booting with KVM (NVGSP_QEMU_ACCEL=tcg to not)" >&2
	else
		echo "qemu.sh: /dev/kvm is there but a probe kernel did not boot under it in $QEMU_KVM_PROBE_S s (see $dir/kvm-probe.console.log); booting under TCG" >&2
	fi
	echo "$verdict"
}
