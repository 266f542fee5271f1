#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Build a fake /sys/bus/pci for nvgspctl's tools tier: pci_tree.py DIR.

DIR/devices/<address>/ holds what the kernel's sysfs has and libpci (its
linux-sysfs method, -O sysfs.path=DIR) and nvgspctl read: `config` (4096
bytes laid out as the PCI and PCIe base specifications say), the one-line
files vendor, device, class, revision, subsystem_*, irq, resource, the
`driver` link, SR-IOV's sriov_totalvfs / sriov_numvfs and virtfnN / physfn
links, nvgsp's nvgsp/ files and nvgsp-vfio-pci's nvidia/ files.

The functions:
  0000:00:1f.0  an Intel function (not listed: not NVIDIA)
  0000:01:00.0  an A40 (GA102, 10de:2235) bound to nvgsp, SR-IOV capability
                at 0xbcc with TotalVFs 32, First VF Offset 4, VF Stride 1, VF
                device 2235 (Documentation/gpusim-sriov.rst), 2 VFs enabled
  0000:01:00.1  its HD audio function (10de:1aef), no driver bound
  0000:01:00.4  VF 1, bound to nvgsp-vfio-pci, no vGPU type, two creatable
  0000:01:00.5  VF 2, no driver
  0000:02:00.0  a T4 (TU104, 10de:1eb8) bound to nouveau, no SR-IOV
A VF's config space reads 0xffff for its vendor and device IDs (PCIe base
specification, SR-IOV: VFs); the kernel's vendor/device files have the IDs.
"""
import os
import struct
import sys

BUILD_ID = "1e5654b51660fd9c462133e46381af2183dd4371"


def config(vendor, device, cls, rev, subsys, sriov=None, vf=False):
    c = bytearray(4096)
    struct.pack_into("<HH", c, 0x00, 0xFFFF if vf else vendor, 0xFFFF if vf else device)
    struct.pack_into("<HH", c, 0x04, 0x0006, 0x0010)  # memory, bus master; capability list
    struct.pack_into("<I", c, 0x08, cls << 8 | rev)
    struct.pack_into("<HH", c, 0x2C, *subsys)
    c[0x34] = 0x60
    c[0x60:0x62] = bytes([0x01, 0x68])  # power management, next MSI
    c[0x68:0x6A] = bytes([0x05, 0x78])  # MSI, next PCI Express
    c[0x78:0x7A] = bytes([0x10, 0x00])  # PCI Express, last
    if sriov:
        total, num, vfdev = sriov
        struct.pack_into("<I", c, 0x100, 0x0001 | 1 << 16 | 0xBCC << 20)  # AER, next SR-IOV
        struct.pack_into("<I", c, 0xBCC, 0x0010 | 1 << 16)  # SR-IOV v1, last
        struct.pack_into("<HHHH", c, 0xBCC + 0x0C, total, total, num, 0)  # Initial, Total, Num, FDL
        struct.pack_into("<HH", c, 0xBCC + 0x14, 4, 1)  # First VF Offset, VF Stride
        struct.pack_into("<H", c, 0xBCC + 0x1A, vfdev)
    return bytes(c)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def function(root, addr, vendor, device, cls, rev, subsys, driver=None, sriov=None, physfn=None):
    d = os.path.join(root, "devices", addr)
    write(os.path.join(d, "config"), config(vendor, device, cls, rev, subsys, sriov, bool(physfn)))
    for name, val in (("vendor", "0x%04x" % vendor), ("device", "0x%04x" % device),
                      ("class", "0x%06x" % cls), ("revision", "0x%02x" % rev),
                      ("subsystem_vendor", "0x%04x" % subsys[0]),
                      ("subsystem_device", "0x%04x" % subsys[1]), ("irq", "0")):
        write(os.path.join(d, name), val + "\n")
    write(os.path.join(d, "resource"), "0x0000000000000000 0x0000000000000000 0x0000000000000000\n" * 13)
    if driver:  # DIR/drivers/<name>, as /sys/bus/pci/drivers (libpci resolves the link)
        os.makedirs(os.path.join(root, "drivers", driver), exist_ok=True)
        os.symlink("../../drivers/" + driver, os.path.join(d, "driver"))
    if sriov:
        write(os.path.join(d, "sriov_totalvfs"), "%d\n" % sriov[0])
        write(os.path.join(d, "sriov_numvfs"), "%d\n" % sriov[1])
    if physfn:
        os.symlink("../" + physfn, os.path.join(d, "physfn"))
    return d


def main():
    root = sys.argv[1]
    os.makedirs(os.path.join(root, "devices"))
    function(root, "0000:00:1f.0", 0x8086, 0x7A04, 0x060100, 0x11, (0x8086, 0x7A04))
    pf = function(root, "0000:01:00.0", 0x10DE, 0x2235, 0x030200, 0xA1, (0x10DE, 0x145A),
                  driver="nvgsp", sriov=(32, 2, 0x2235))
    for name, val in (("chip", "GA102"), ("chipset", "0x172"), ("architecture", "0x17"),
                      ("implementation", "0x2"), ("family", "ampere"), ("revision", "A1"),
                      ("fw_signature_family", "ga10x"), ("boot_path", "sec2-booter"),
                      ("fw_release", "570.144"), ("fw_build_id", BUILD_ID),
                      ("boot0", "0xb72000a1"), ("boot42", "0x172000a1"), ("gsp_state", "running")):
        write(os.path.join(pf, "nvgsp", name), val + "\n")
    function(root, "0000:01:00.1", 0x10DE, 0x1AEF, 0x040300, 0xA1, (0x10DE, 0x145A))
    for i, addr in enumerate(("0000:01:00.4", "0000:01:00.5")):
        vf = function(root, addr, 0x10DE, 0x2235, 0x030200, 0xA1, (0x10DE, 0x145A),
                      driver="nvgsp-vfio-pci" if i == 0 else None, physfn="0000:01:00.0")
        os.symlink("../" + addr, os.path.join(pf, "virtfn%d" % i))
        if i == 0:
            write(os.path.join(vf, "nvidia", "creatable_vgpu_types"),
                  "ID    : vGPU Name\n557   : NVIDIA A40-4Q\n558   : NVIDIA A40-8Q\n")
            write(os.path.join(vf, "nvidia", "current_vgpu_type"), "0\n")
    function(root, "0000:02:00.0", 0x10DE, 0x1EB8, 0x030200, 0xA1, (0x10DE, 0x12A2), driver="nouveau")


if __name__ == "__main__":
    main()
