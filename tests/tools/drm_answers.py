#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write what nvgsp's render node answers for nvgspctl --drm-answers:
drm_answers.py DIR ADDRESS [--state N] [--reason TEXT] [--vgpus N].

DIR/ADDRESS/ gets `node`, `version` and the four query answers `chip`, `gsp`,
`memory`, `vgpu`: the bytes of struct drm_nvgsp_chip, _gsp, _memory, _vgpu
(include/uapi/drm/nvgsp_drm.h, x86-64 layout: little-endian, natural
alignment, no padding in any of them) for the A40 of pci_tree.py: GA102 A1,
GSP-RM 570.144 running, 48 GiB of VRAM of which 40 GiB for vGPUs, 32 TotalVFs
with 2 enabled. The tools tier edits the files to make the other cases.
"""
import argparse
import os
import struct

from pci_tree import BUILD_ID

CHIP = "<HBBBBHII8x16s"           # 40 bytes
GSP = "<II8x32s32s160s"           # 240 bytes
MEMORY = "<QQQQ16x"               # 48 bytes
VGPU = "<IHHII16x"                # 32 bytes
SIZES = {"chip": 40, "gsp": 240, "memory": 48, "vgpu": 32}


def answers(state, reason, vgpus):
    bid = bytes.fromhex(BUILD_ID)
    return {
        "chip": struct.pack(CHIP, 0x172, 0x17, 0x2, 0xA, 0x1, 0x2235, 0xB72000A1, 0x172000A1, b"GA102"),
        "gsp": struct.pack(GSP, state, len(bid), b"570.144", bid, reason.encode()),
        "memory": struct.pack(MEMORY, 48 << 30, 40 << 30, vgpus << 30, 32 << 20),
        "vgpu": struct.pack(VGPU, 3, 32, 2, 3, vgpus),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("address")
    ap.add_argument("--state", type=int, default=0)
    ap.add_argument("--reason", default="")
    ap.add_argument("--vgpus", type=int, default=1)
    a = ap.parse_args()
    d = os.path.join(a.dir, a.address)
    os.makedirs(d, exist_ok=True)
    files = {"node": "/dev/dri/renderD128\n", "version": "nvgsp 1.0.0\n"}
    files.update(answers(a.state, a.reason, a.vgpus))
    for name, data in files.items():
        if isinstance(data, bytes):
            assert len(data) == SIZES[name], (name, len(data))
        with open(os.path.join(d, name), "wb" if isinstance(data, bytes) else "w") as f:
            f.write(data)


if __name__ == "__main__":
    main()
