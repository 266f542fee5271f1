#!/usr/bin/env bash
# The guest runner of the VFIO selftests (tests/system/guest/vfio-selftests.sh) on
# the host, under busybox sh as in the guest: stand-in test binaries print the
# kselftest harness's TAP, a fake /sys and /dev (VFIO_SELFTESTS_ROOT) look like a
# Debian guest without iommufd, and the runner's verdicts are checked: modes that
# cannot apply counted as skipped (never passed or failed), whole binaries skipped
# with their reason, the first failing TAP line, a timeout.
#
# Prints "ok NAME" / "FAIL NAME: why" and "vfio-selftests-runner: N passed, M failed".
# shellcheck disable=SC2016 # the stand-in binaries' bodies expand their own variables
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
runner=$top/tests/system/guest/vfio-selftests.sh
sh=$(command -v busybox >/dev/null && echo "busybox sh" || echo sh)

passed=0 failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bdf=0000:00:05.0
root=$tmp/root
dev=$root/sys/bus/pci/devices/$bdf
mkdir -p "$dev" "$root/sys/bus/pci/drivers/vfio-pci" "$root/sys/kernel/iommu_groups/7" \
	"$root/sys/module/vfio_iommu_type1" "$root/dev/vfio" "$tmp/bin"
ln -s ../../../bus/pci/drivers/vfio-pci "$dev/driver"
ln -s ../../../kernel/iommu_groups/7 "$dev/iommu_group"
echo 0x10de >"$dev/vendor"
echo 0x2204 >"$dev/device"
touch "$root/dev/vfio/vfio" "$root/dev/vfio/7"

# fake NAME BODY: a stand-in binary that runs BODY (sh) with "$@" = its arguments
fake() { printf '#!/bin/sh\n%s\n' "$2" >"$tmp/bin/$1" && chmod +x "$tmp/bin/$1"; }

fake vfio_pci_device_test '
[ "$NVGSP_VFIO_IOMMU_MODE" = vfio_type1v2_iommu ] || { echo "mode $NVGSP_VFIO_IOMMU_MODE"; exit 1; }
[ "$1" = 0000:00:05.0 ] || { echo "bdf $1"; exit 1; }
echo "TAP version 13"; echo "1..4"
echo "ok 1 vfio_pci_device_test.config_space_read_write"
echo "ok 2 vfio_pci_device_test.validate_bars"
echo "ok 3 vfio_pci_device_test.reset # SKIP Device does not support reset"
echo "ok 4 vfio_pci_irq_test.msix.enable_trigger_disable"
exit 0'
fake vfio_dma_mapping_test '
echo "TAP version 13"; n=0
for m in vfio_type1_iommu vfio_type1v2_iommu iommufd_compat_type1 iommufd_compat_type1v2 iommufd; do
	for v in anonymous anonymous_hugetlb_2mb; do
		n=$((n + 1))
		case $m:$v in
		iommufd*) echo "not ok $n vfio_dma_mapping_test.${m}_$v.dma_map_unmap" ;;
		*hugetlb*) echo "ok $n vfio_dma_mapping_test.${m}_$v.dma_map_unmap # SKIP mmap() failed: Cannot allocate memory (12)" ;;
		*) echo "ok $n vfio_dma_mapping_test.${m}_$v.dma_map_unmap" ;;
		esac
	done
done
echo "not ok 11 vfio_dma_map_limit_test.vfio_type1v2_iommu.overflow"
exit 1'
fake vfio_dma_mapping_mmio_test '
echo "ok 1 vfio_dma_mapping_mmio_test.vfio_type1_iommu.map_full_bar"
echo "not ok 2 vfio_dma_mapping_mmio_test.vfio_type1v2_iommu.map_full_bar"
echo "not ok 3 vfio_dma_mapping_mmio_test.vfio_type1v2_iommu.map_partial_bar"
exit 1'
fake vfio_pci_driver_test 'echo "No driver found for device $1" >&2; exit 4'
fake vfio_iommufd_setup_test 'echo "ok 1 vfio_cdev.bind"; exit 0'
fake vfio_pci_sriov_uapi_test 'echo "1..0 # SKIP SR-IOV may not be supported by the PF: $1"; exit 4'
fake vfio_pci_device_init_perf_test 'sleep 5'

export VFIO_SELFTESTS_ROOT=$root VFIO_SELFTESTS_KERNEL=6.1.0-50-amd64
out=$($sh "$runner" -d "$tmp/bin" -t 1 -l "$tmp/log" 00:05.0 2>&1)
rc=$?
echo "$out" >"$tmp/out"

# expect NAME TEXT: the runner printed a line equal to TEXT
expect() {
	if grep -qxF -- "$2" "$tmp/out"; then ok "$1"; else fail "$1" "no line '$2'"; fi
}
# refuse NAME PATTERN: no line matches the extended regexp PATTERN
refuse() {
	if grep -qE -- "$2" "$tmp/out"; then fail "$1" "unexpected: $(grep -E -- "$2" "$tmp/out" | head -n 1)"; else ok "$1"; fi
}

expect runner-device-test-ok "ok vfio-selftest-vfio_pci_device_test"
expect runner-device-test-counts "note: vfio-selftest-vfio_pci_device_test: 3 pass, 0 fail, 1 skip (default mode vfio_type1v2_iommu)"
expect runner-device-test-skip-reason "note: vfio-selftest-vfio_pci_device_test: skip: Device does not support reset (x1)"
expect runner-dma-unavailable-modes-skip "ok vfio-selftest-vfio_dma_mapping_test"
expect runner-dma-counts "note: vfio-selftest-vfio_dma_mapping_test: 2 pass, 0 fail, 9 skip (default mode vfio_type1v2_iommu)"
expect runner-dma-younger-than-kernel "note: vfio-selftest-vfio_dma_mapping_test: skip: kernel 6.1.0-50-amd64 is older than 6.18: vfio_iommu_type1 answers EINVAL, not EOVERFLOW, before the 2025 change this case tests (x1)"
expect runner-dma-reason-longest-mode "note: vfio-selftest-vfio_dma_mapping_test: skip: IOMMU mode iommufd_compat_type1v2 cannot apply: no /dev/iommu (CONFIG_IOMMUFD unset, or iommufd not loaded) (x2)"
expect runner-mmio-first-failure "FAIL vfio-selftest-vfio_dma_mapping_mmio_test: not ok 2 vfio_dma_mapping_mmio_test.vfio_type1v2_iommu.map_full_bar"
expect runner-mmio-output-dumped "vfio_dma_mapping_mmio_test| not ok 3 vfio_dma_mapping_mmio_test.vfio_type1v2_iommu.map_partial_bar"
expect runner-driver-test-skipped "note: vfio-selftest-vfio_pci_driver_test: skipped: No driver found for device 0000:00:05.0"
refuse runner-driver-test-not-ok '^(ok|FAIL) vfio-selftest-vfio_pci_driver_test'
refuse runner-driver-test-no-counts '^note: vfio-selftest-vfio_pci_driver_test: 0 pass'
expect runner-iommufd-setup-skipped "note: vfio-selftest-vfio_iommufd_setup_test: skipped: no /dev/iommu (CONFIG_IOMMUFD unset, or iommufd not loaded)"
refuse runner-iommufd-setup-not-run '^(ok|FAIL) vfio-selftest-vfio_iommufd_setup_test'
expect runner-sriov-needs-pf "note: vfio-selftest-vfio_pci_sriov_uapi_test: skipped: needs a PF bound to vfio-pci (enable_sriov=1) with no VFs: pass -p PF-BDF"
if grep -q '^FAIL vfio-selftest-vfio_pci_device_init_perf_test: timed out after 1 s' "$tmp/out"; then
	ok runner-timeout
else
	fail runner-timeout "no timeout FAIL line"
fi
if [ "$rc" -eq 1 ]; then ok runner-exit-status; else fail runner-exit-status "exit $rc, want 1"; fi

# The same case on a kernel that has the behaviour is judged.
out=$(VFIO_SELFTESTS_KERNEL=7.2.13+deb14-amd64 VFIO_SELFTESTS_ONLY="vfio_dma_mapping_test vfio_pci_sriov_uapi_test" \
	$sh "$runner" -d "$tmp/bin" -l "$tmp/log" -p 00:06.0 "$bdf" 2>&1)
echo "$out" >"$tmp/out"
expect runner-dma-overflow-judged "FAIL vfio-selftest-vfio_dma_mapping_test: not ok 11 vfio_dma_map_limit_test.vfio_type1v2_iommu.overflow"
refuse runner-only "vfio-selftest-vfio_pci_device_test"
# The PF goes to the SR-IOV test; its ksft_exit_skip line is shown without the TAP plan.
expect runner-sriov-pf-skip "note: vfio-selftest-vfio_pci_sriov_uapi_test: skipped: SR-IOV may not be supported by the PF: 0000:00:06.0"

# A device not bound to vfio-pci: one setup failure, nothing run.
rm "$dev/driver"
mkdir -p "$root/sys/bus/pci/drivers/nvgsp"
ln -s ../../../bus/pci/drivers/nvgsp "$dev/driver"
out=$(VFIO_SELFTESTS_ROOT=$root $sh "$runner" -d "$tmp/bin" -l "$tmp/log" "$bdf" 2>&1)
echo "$out" >"$tmp/out"
expect runner-unbound "FAIL vfio-selftest-setup: $bdf is bound to 'nvgsp', not vfio-pci"
refuse runner-unbound-nothing-run '^ok '

if [ "$failed" -ne 0 ]; then
	echo "runner output was:"
	sed 's/^/    /' "$tmp/out"
fi
echo "vfio-selftests-runner: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
