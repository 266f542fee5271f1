#!/bin/sh
# shellcheck shell=sh
# Guest side of the kernel's own VFIO selftests (tools/testing/selftests/vfio/), for
# a busybox guest. tests/lib/vfio_selftests.sh builds the selftests (static) and puts
# this script beside them; a system tier copies that directory into the initramfs,
# binds the device under test to vfio-pci, and runs
#
#   sh DIR/vfio-selftests.sh [-d DIR] [-t SECONDS] [-p PF-BDF] [-l LOGDIR] BDF
#
#   BDF     the device to test, bound to vfio-pci, in an IOMMU group (a vIOMMU:
#           QEMU's -device intel-iommu,caching-mode=on and guest intel_iommu=on)
#   -d      where the test binaries are (default: this script's directory)
#   -t      timeout per binary in seconds (default $VFIO_SELFTESTS_TIMEOUT or 120);
#           the harness has its own 30 s limit per test case
#   -p      a PF bound to vfio-pci (loaded with enable_sriov=1) with no VFs yet, for
#           vfio_pci_sriov_uapi_test, which creates one VF and binds it to
#           vfio-pci; without -p that test is skipped
#   -l      where each binary's full output goes (default /tmp/vfio-selftests)
# Environment: VFIO_DRIVER, the driver BDF is bound to (default vfio-pci; a variant
# driver such as nvgsp-vfio-pci works the same way); VFIO_SELFTESTS_ONLY="name ..."
# runs only those binaries;
# VFIO_SELFTESTS_ROOT, a directory standing in for / when looking at /sys and /dev, and
# VFIO_SELFTESTS_KERNEL, standing in for uname -r (for tests/unit/vfio_selftests_runner.sh,
# which runs this script on the host).
#
# Output, per binary NAME (the binary's name, e.g. vfio-selftest-vfio_pci_device_test),
# in the system tier's format (tests/system/guest/common.sh: the host turns "note: "
# into "note BOOT "):
#   ok vfio-selftest-NAME                      it ran, no test case failed, one passed
#   FAIL vfio-selftest-NAME: DETAIL            the first failing TAP line, a timeout,
#                                              or a crash (then its output follows,
#                                              each line prefixed "NAME| ")
#   note: vfio-selftest-NAME: N pass, M fail, K skip (default mode MODE)
#   note: vfio-selftest-NAME: skip: REASON (xCOUNT)    one line per distinct reason
#   note: vfio-selftest-NAME: skipped: REASON  the whole binary did not apply
# A binary with nothing passed and nothing failed is skipped, never "ok". Exit
# status 1 if any FAIL was printed.
#
# IOMMU modes. The selftests run a fixture in up to five modes (libvfio's
# lib/iommu.c): vfio_type1_iommu and vfio_type1v2_iommu (the legacy container,
# /dev/vfio/vfio, with vfio_iommu_type1), iommufd_compat_type1 and
# iommufd_compat_type1v2 (/dev/iommu speaking the container's ioctls: needs
# CONFIG_IOMMUFD), iommufd (/dev/iommu plus the VFIO device cdev
# /dev/vfio/devices/vfioN: needs CONFIG_VFIO_DEVICE_CDEV, which depends on
# CONFIG_IOMMUFD). This script looks at the running kernel, not at a table: a
# mode's device nodes are there or not. Test cases of a mode that cannot apply
# still run (they stop in their fixture setup, before the device is touched) and
# are counted as skipped with the reason, never as passed or failed. Tests with no
# mode variant (vfio_pci_device_test, vfio_pci_driver_test's probe) use libvfio's
# default mode, iommufd upstream; NVGSP_VFIO_IOMMU_MODE (our constructor, linked
# in by the build) sets it to the best mode available: iommufd, else
# iommufd_compat_type1v2, else vfio_type1v2_iommu.
#
# What applies on Debian's kernels (their configs, checked for 5.10.0-32, 6.1.0-50,
# 6.12.117+deb13, 7.2.13+deb14, 7.3~rc7): CONFIG_IOMMUFD is unset on every line
# (5.10 and 6.1 predate it: iommufd came in 6.2, the device cdev in 6.6), so only the
# two vfio_type1* modes run; CONFIG_INTEL_IOMMU=y everywhere;
# CONFIG_INTEL_IOMMU_DEBUGFS unset, so vfio_dma_mapping_test cannot read the
# IOMMU's page tables back and checks the mapping calls only.
#
# Binaries and what they need:
#   vfio_pci_device_test          config space, BAR mmap, MSI/MSI-X triggers, reset
#   vfio_dma_mapping_test         map/unmap in every mode; its hugetlb variants skip
#                                 unless 2 MiB / 1 GiB pages are reserved
#                                 (hugepagesz=... hugepages=... on the command line)
#   vfio_dma_mapping_mmio_test    a BAR's mmap mapped for DMA (peer-to-peer)
#   vfio_pci_device_init_perf_test  device open time (one device here)
#   vfio_iommufd_setup_test       iommufd and the device cdev only: skipped here
#                                 without them (no Debian line has them)
#   vfio_pci_driver_test          drives a DMA engine through libvfio's own user-space
#                                 drivers, which exist only for Intel IOAT (CBDMA) and
#                                 DSA: it skips itself ("No driver found") on anything
#                                 else, a GPU or gpusim included
#   vfio_pci_sriov_uapi_test      the VF token: needs -p
#
# Modules the guest must load (in this order) before binding vfio-pci (also printed by
# vfio_selftests_modules LINE, tests/lib/vfio_selftests.sh), from the
# Debian configs (=m) and each module's "depends":
#   5.10:      irqbypass vfio_virqfd vfio vfio_iommu_type1 vfio-pci
#   6.1:       irqbypass vfio_virqfd vfio vfio_iommu_type1 vfio-pci-core vfio-pci
#   6.12, 7.2, 7.3: irqbypass vfio vfio_iommu_type1 vfio-pci-core vfio-pci
#              (vfio_virqfd is built into vfio there)
# intel_iommu is built in on all of them (intel_iommu=on on the command line);
# iommufd would be a module where CONFIG_IOMMUFD=m, but no Debian line builds it.

dir=${0%/*}
[ "$dir" != "$0" ] || dir=.
tmo=${VFIO_SELFTESTS_TIMEOUT:-120}
pf=
logdir=/tmp/vfio-selftests
while [ $# -gt 1 ]; do
	case $1 in
	-d) dir=$2 ;;
	-t) tmo=$2 ;;
	-p) pf=$2 ;;
	-l) logdir=$2 ;;
	*) break ;;
	esac
	shift 2
done
bdf=${1:-}
failed=0
R=${VFIO_SELFTESTS_ROOT:-}
# The VFIO driver BDF must be bound to: vfio-pci, or a variant driver such as
# nvgsp-vfio-pci (the tests use only the VFIO device uAPI).
VFIO_DRIVER=${VFIO_DRIVER:-vfio-pci}
PCI=$R/sys/bus/pci/devices

fail() { echo "FAIL vfio-selftest-$1: $2"; failed=1; }
note() { echo "note: vfio-selftest-$1: $2"; }

driver_of() {
	l=$(readlink "$PCI/$1/driver" 2>/dev/null) || return 0
	echo "${l##*/}"
}

if [ -z "$bdf" ]; then
	echo "usage: $0 [-d DIR] [-t SECONDS] [-p PF-BDF] [-l LOGDIR] BDF" >&2
	exit 2
fi
# The selftests want the full form, segment included.
case $bdf in ????:??:??.?) ;; *) bdf=0000:$bdf ;; esac
case $pf in '' | ????:??:??.?) ;; *) pf=0000:$pf ;; esac

# --- what the kernel offers -------------------------------------------------------------

problem=
[ -e "$PCI/$bdf" ] || problem="no PCI device $bdf"
[ -n "$problem" ] || [ "$(driver_of "$bdf")" = "$VFIO_DRIVER" ] ||
	problem="$bdf is bound to '$(driver_of "$bdf")', not $VFIO_DRIVER"
group=
if [ -z "$problem" ]; then
	group=$(readlink "$PCI/$bdf/iommu_group" 2>/dev/null) ||
		problem="$bdf has no IOMMU group (no vIOMMU, or intel_iommu=on missing)"
	group=${group##*/}
fi
if [ -n "$problem" ]; then
	fail setup "$problem"
	exit 1
fi
mkdir -p "$logdir"

# mode_reason MODE: empty when MODE can apply, else why not
type1_reason=
if [ ! -e "$R/dev/vfio/vfio" ]; then
	type1_reason="no /dev/vfio/vfio (CONFIG_VFIO_CONTAINER unset?)"
elif [ ! -d "$R/sys/module/vfio_iommu_type1" ] && [ ! -d "$R/sys/module/iommufd" ]; then
	type1_reason="no container backend (vfio_iommu_type1 not loaded)"
fi
compat_reason=
[ -e "$R/dev/iommu" ] || compat_reason="no /dev/iommu (CONFIG_IOMMUFD unset, or iommufd not loaded)"
cdev_reason=$compat_reason
cdev=
for c in "$PCI/$bdf"/vfio-dev/vfio*; do [ -e "$c" ] && cdev=${c##*/}; done
if [ -z "$cdev_reason" ] && [ -z "$cdev" ]; then
	cdev_reason="no VFIO device cdev for $bdf (CONFIG_VFIO_DEVICE_CDEV unset)"
fi
mode_reason() {
	case $1 in
	vfio_type1_iommu | vfio_type1v2_iommu) echo "$type1_reason" ;;
	iommufd_compat_type1 | iommufd_compat_type1v2) echo "$compat_reason" ;;
	iommufd) echo "$cdev_reason" ;;
	esac
}
MODES="vfio_type1_iommu vfio_type1v2_iommu iommufd_compat_type1 iommufd_compat_type1v2 iommufd"
default_mode=
for m in iommufd iommufd_compat_type1v2 vfio_type1v2_iommu; do
	if [ -z "$(mode_reason "$m")" ]; then
		default_mode=$m
		break
	fi
done
# "MODE|reason~" per mode that cannot apply, for the TAP judge
unavailable=
for m in $MODES; do
	r=$(mode_reason "$m")
	[ -z "$r" ] || unavailable="$unavailable$m|$r~"
done
echo "note: vfio-selftests: device $bdf ($(cat "$PCI/$bdf/vendor"):$(cat "$PCI/$bdf/device")), IOMMU group $group, default mode ${default_mode:-none}; modes that cannot apply: $(printf '%s' "$unavailable" | tr '~' '\n' | cut -d'|' -f1 | tr '\n' ' ')"

# Cases that test a kernel behaviour younger than the kernel under test: "REGEX MIN
# REASON", REGEX over the case's TAP name, MIN the first major.minor that can have the
# behaviour. On an older kernel such a case counts as skipped with REASON. The selftests
# came with Linux 6.18; whatever a case tests that came after them is certainly absent
# before 6.18, so that is the bound used where the exact release is not known.
#   - vfio_dma_map_limit_test.overflow wants EOVERFLOW for a map or unmap that wraps the
#     IOVA space: the vfio_iommu_type1 change came in the same series as the case
#     (Alex Mastro, "vfio: selftests: add end of address space DMA map/unmap tests",
#     kvm@vger.kernel.org, 2025-10-28). Measured: Debian 6.1 and 6.12 answer EINVAL,
#     7.2 EOVERFLOW.
#   - vfio_dma_map_limit_test.unmap_all unmaps with VFIO_DMA_UNMAP_FLAG_ALL, from Steve
#     Sistare's "vfio virtual address update" series (kvm@vger.kernel.org, 2021-01-29,
#     after 5.11's merge window: 5.12 at the earliest). Measured: Debian 5.10 (whose
#     UAPI header lacks the flag) answers EINVAL; 6.1 has it.
YOUNGER='^vfio_dma_map_limit_test[.].*[.]overflow$ 6.18 vfio_iommu_type1 answers EINVAL, not EOVERFLOW, before the 2025 change this case tests
^vfio_dma_map_limit_test[.].*[.]unmap_all$ 5.12 vfio_iommu_type1 has no VFIO_DMA_UNMAP_FLAG_ALL (EINVAL) before 2021'
kver=${VFIO_SELFTESTS_KERNEL:-$(uname -r)}
kver_num() { echo "$1" | awk -F'[.-]' '{ printf "%d\n", $1 * 1000 + $2 }'; }
# "REGEX|REASON~" per case that cannot apply to this kernel
too_new=
while read -r re min why; do
	[ -n "$re" ] || continue
	[ "$(kver_num "$kver")" -ge "$(kver_num "$min")" ] || too_new="$too_new$re|kernel $kver is older than $min: $why~"
done <<EOF
$YOUNGER
EOF

# --- one binary ---------------------------------------------------------------------------

# tap_summary LOG: "PASS FAIL SKIP MASKED FIRST-FAILING-LINE" (MASKED: failed cases of
# modes that cannot apply or of behaviour younger than the kernel, counted in SKIP), then "skip: REASON (xN)" lines.
# The harness names a case FIXTURE.VARIANT.TEST (FIXTURE.TEST without variants); a
# mode's variants are named MODE or MODE_SUFFIX. Cases of a mode that cannot apply
# count as skipped with the mode's reason, whatever they printed.
tap_summary() {
	awk -v unavail="$unavailable" -v modes="$MODES" -v too_new="$too_new" '
		BEGIN {
			nmodes = split(modes, all, " ")
			n = split(unavail, u, "~")
			for (i = 1; i <= n; i++) if (split(u[i], kv, "|") == 2) why[kv[1]] = kv[2]
			nyoung = split(too_new, t, "~")
			for (i = 1; i <= nyoung; i++) if (split(t[i], kv, "|") == 2) { yre[i] = kv[1]; ywhy[i] = kv[2] }
			ps = fl = sk = nr = 0
		}
		/^(not )?ok [0-9]+ / {
			line = $0
			split(line, w, " ")
			nm = (w[1] == "not") ? w[4] : w[3]
			mode = ""
			if (split(nm, parts, ".") == 3) {
				v = parts[2]
				# the longest match: iommufd_compat_type1v2_x is not iommufd_x
				for (i = 1; i <= nmodes; i++) {
					m = all[i]
					if ((v == m || index(v, m "_") == 1) && length(m) > length(mode)) mode = m
				}
			}
			young = ""
			for (i = 1; i <= nyoung; i++) if ((i in yre) && nm ~ yre[i]) young = ywhy[i]
			if (mode != "" && (mode in why)) {
				sk++
				if (line ~ /^not ok /) nr++
				reason["IOMMU mode " mode " cannot apply: " why[mode]]++
			} else if (young != "") {
				sk++
				if (line ~ /^not ok /) nr++
				reason[young]++
			} else if (line ~ /^ok [0-9]+ .* # SKIP/) {
				sk++
				r = line
				sub(/.* # SKIP */, "", r)
				if (r == "") r = "(no reason given)"
				reason[r]++
			} else if (line ~ /^ok [0-9]+ .* # XPASS/ || line ~ /^not ok /) {
				fl++
				if (first == "") first = line
			} else {
				ps++
			}
		}
		END {
			printf "%d %d %d %d %s\n", ps, fl, sk, nr, first
			for (r in reason) printf "skip: %s (x%d)\n", r, reason[r]
		}' "$1"
}

# judge NAME LOG RC: print the verdict of one binary's run
judge() {
	name=$1 log=$2 rc=$3 bad=
	summary=$(tap_summary "$log")
	read -r np nf ns nm first <<EOF
$(echo "$summary" | head -n 1)
EOF
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] || [ "$rc" -eq 143 ]; then
		bad="timed out after $tmo s (exit $rc)${first:+; first failure: $first}"
	elif [ "$nf" -gt 0 ]; then
		bad=$first
	elif [ "$rc" -ne 0 ] && [ "$rc" -ne 4 ] && ! { [ "$rc" -eq 1 ] && [ "$nm" -gt 0 ]; }; then
		# Exit 1 (KSFT_FAIL) is explained when the only failed cases were of modes
		# that cannot apply or younger than the kernel; anything else (a signal, an early exit) is a failure.
		bad="exit status $rc, no failing TAP line; last line: $(grep -v '^[[:space:]]*$' "$log" | tail -n 1)"
	fi
	if [ -n "$bad" ]; then
		fail "$name" "$bad"
	elif [ "$np" -gt 0 ]; then
		echo "ok vfio-selftest-$name"
	elif [ "$ns" -gt 0 ]; then
		note "$name" "skipped: every test case skipped"
	else
		# Exit 4 (KSFT_SKIP) before the harness ran: the program says why.
		# (ksft_exit_skip writes "1..0 # SKIP REASON")
		note "$name" "skipped: $(grep -v '^[#[:space:]]*$' "$log" | head -n 1 | sed 's/^1[.][.]0 # SKIP //')"
	fi
	[ $((np + nf + ns)) -eq 0 ] ||
		note "$name" "$np pass, $nf fail, $ns skip (default mode ${default_mode:-none})"
	echo "$summary" | tail -n +2 | while read -r l; do note "$name" "$l"; done
	[ -z "$bad" ] || sed "s/^/$name| /" "$log"
}

# skip_reason NAME: why NAME cannot run at all here, or nothing
skip_reason() {
	case $1 in
	vfio_iommufd_setup_test) echo "$cdev_reason" ;;
	vfio_pci_sriov_uapi_test)
		[ -n "$pf" ] || echo "needs a PF bound to vfio-pci (enable_sriov=1) with no VFs: pass -p PF-BDF"
		;;
	esac
	[ -n "$default_mode" ] || echo "no IOMMU mode can apply: $type1_reason; $compat_reason"
}

ran=0
for bin in "$dir"/vfio_*_test; do
	[ -x "$bin" ] || continue
	name=${bin##*/}
	if [ -n "${VFIO_SELFTESTS_ONLY:-}" ]; then
		case " $VFIO_SELFTESTS_ONLY " in *" $name "*) ;; *) continue ;; esac
	fi
	ran=$((ran + 1))
	why=$(skip_reason "$name" | head -n 1)
	if [ -n "$why" ]; then
		note "$name" "skipped: $why"
		continue
	fi
	dev=$bdf
	[ "$name" != vfio_pci_sriov_uapi_test ] || dev=$pf
	log=$logdir/$name.log
	NVGSP_VFIO_IOMMU_MODE=$default_mode timeout "$tmo" "$bin" "$dev" >"$log" 2>&1
	judge "$name" "$log" "$?"
done
[ "$ran" -gt 0 ] || fail setup "no vfio_*_test binaries in $dir"
exit "$failed"
