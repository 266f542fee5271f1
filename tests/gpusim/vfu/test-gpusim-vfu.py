#!/usr/bin/env python3
"""Protocol check of gpusim-vfu without QEMU: a scripted vfio-user client.

    tests/gpusim/vfu/test-gpusim-vfu.py SERVER_BINARY [FW_ROOT]

FW_ROOT is a firmware root holding nvidia/ (default: the graphics-sid root that
tests/unit/fw_sets.sh prints). Serves a GA102 on 570.144 and a GH100 and checks what
QEMU relies on: the PCI identity and BARs from the model, the capability list (PM, MSI),
BAR0 through the model's registers, posted writes never answered, DMA map and unmap
(memfd), interrupt eventfds (MSI and INTx following the model's interrupt tree), device reset, the device-gone fault, faults keyed on an RM control (options, dormancy), option errors, and a
clean exit with the model's report when the client goes away. Prints "ok NAME" /
"FAIL NAME: ..." lines and "gpusim-vfu: N passed, M failed"; exits non-zero on any
failure.
"""
import os, select, socket, struct, subprocess, sys, tempfile

HDR = struct.Struct("<HHIII")
here = os.path.dirname(os.path.abspath(__file__))
results = []


def check(name, cond, detail=""):
    results.append(bool(cond))
    print(f"ok {name}" if cond else f"FAIL {name}: {detail}")


class Client:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.connect(path)
        self.id = 0

    def send(self, cmd, body=b"", flags=0, fds=()):
        self.id += 1
        msg = HDR.pack(self.id, cmd, HDR.size + len(body), flags, 0) + body
        anc = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, struct.pack(f"{len(fds)}i", *fds))] if fds else []
        self.s.sendmsg([msg], anc)
        return self.id

    def recv(self, timeout=5.0):
        if not select.select([self.s], [], [], timeout)[0]:
            return None
        h = self.s.recv(HDR.size, socket.MSG_WAITALL)
        mid, cmd, size, flags, err = HDR.unpack(h)
        body = self.s.recv(size - HDR.size, socket.MSG_WAITALL) if size > HDR.size else b""
        return mid, cmd, flags, err, body

    def call(self, cmd, body=b"", fds=()):
        mid = self.send(cmd, body, fds=fds)
        r = self.recv()
        assert r is not None and r[0] == mid and r[1] == cmd and r[2] & 0xF == 1, r
        return r

    def rd(self, region, off, count):
        r = self.call(9, struct.pack("<QII", off, region, count))
        return r[4][16:16 + count] if not r[2] & 0x20 else None

    def wr(self, region, off, data, noreply=False):
        body = struct.pack("<QII", off, region, len(data)) + data
        if noreply:
            self.send(10, body, flags=0x10)
        else:
            self.call(10, body)


u32 = lambda b: struct.unpack("<I", b)[0]


def fw_root_default():
    out = subprocess.run([os.path.join(here, "..", "..", "unit", "fw_sets.sh")],
                         capture_output=True, text=True).stdout
    for tok in out.replace(":", " ").split():
        if "graphics-sid" in tok and os.path.isdir(os.path.join(tok.split("=")[-1], "nvidia")):
            return tok.split("=")[-1]
    return None


def start(binary, tmp, fw, chip, release, extra=()):
    sock = os.path.join(tmp, f"{chip}.sock")
    srv = subprocess.Popen([binary, "--chip", chip, "--release", release, "--fw-path", fw,
                            "--socket", sock, *extra], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    line = srv.stdout.readline()
    return srv, sock, line


def finish(srv):
    try:
        out, err = srv.communicate(timeout=10)
        return srv.returncode, out, err
    except subprocess.TimeoutExpired:
        srv.kill()
        return "still running", "", ""


# The CPU interrupt tree at BAR0 0xB80000 (Documentation/hardware.rst) and the GSP
# falcon's IRQSSET/IRQSCLR.
LEAF, LEAF_EN_SET, TOP, TOP_EN_SET, TOP_EN_CLR = 0xB81000, 0xB81200, 0xB81600, 0xB81608, 0xB81610
GSP_IRQSSET, GSP_IRQSCLR, GSP_RETRIGGER, SWGEN0 = 0x110000, 0x110004, 0x1103E8, 0x40


def fired(fd, timeout=0.3):
    """Whether the eventfd was signalled (and reset it)."""
    if not select.select([fd], [], [], timeout)[0]:
        return False
    os.eventfd_read(fd)
    return True


def gsp_vector(c):
    """Clear the tree and SWGEN0, raise SWGEN0, return the one leaf bit it set."""
    c.wr(0, GSP_IRQSCLR, struct.pack("<I", SWGEN0))
    for i in range(8):
        c.wr(0, LEAF + 4 * i, struct.pack("<I", 0xFFFFFFFF))
    c.wr(0, GSP_IRQSSET, struct.pack("<I", SWGEN0))
    bits = [(i, u32(c.rd(0, LEAF + 4 * i, 4))) for i in range(8)]
    bits = [(i, v) for i, v in bits if v]
    if len(bits) != 1 or bits[0][1] & (bits[0][1] - 1):
        return None, bits
    i, v = bits[0]
    return 32 * i + v.bit_length() - 1, bits


def intr_tree(c, efd):
    """MSIs follow the interrupt tree's line: rising edges of enabled, pending leaf bits."""
    vec, bits = gsp_vector(c)
    check("intr-swgen0-sets-one-leaf-bit", vec is not None and vec < 256, bits)
    if vec is None:
        return
    check("intr-top", u32(c.rd(0, TOP, 4)) == 1 << (vec // 64), c.rd(0, TOP, 4))
    check("intr-disabled-no-msi", not fired(efd, 0.2))
    c.wr(0, LEAF_EN_SET + 4 * (vec // 32), struct.pack("<I", 1 << (vec % 32)))
    check("intr-leaf-only-no-msi", not fired(efd, 0.2))
    c.wr(0, TOP_EN_SET, struct.pack("<I", 1 << (vec // 64)))
    check("intr-enable-pending-msi", fired(efd))
    c.wr(0, GSP_IRQSSET, struct.pack("<I", SWGEN0))
    check("intr-no-edge-no-msi", not fired(efd, 0.2))
    # the driver's service: leaf, then SWGEN0; a later message raises both again
    c.wr(0, LEAF + 4 * (vec // 32), struct.pack("<I", 1 << (vec % 32)))
    c.wr(0, GSP_IRQSCLR, struct.pack("<I", SWGEN0))
    check("intr-serviced-no-msi", not fired(efd, 0.2))
    c.wr(0, GSP_IRQSSET, struct.pack("<I", SWGEN0))
    check("intr-next-message-msi", fired(efd))
    c.wr(0, TOP_EN_CLR, struct.pack("<I", 0xF))
    c.wr(0, TOP_EN_SET, struct.pack("<I", 1 << (vec // 64)))
    check("intr-top-reenabled-msi", fired(efd))


def intx(c):
    """With MSI off, INTx follows the line: fires, automasks, fires again on unmask while up."""
    efd = os.eventfd(0, os.EFD_NONBLOCK)
    r = c.call(8, struct.pack("<IIIII", 20, 0x24, 0, 0, 1), fds=[efd])   # INTx trigger eventfd
    check("set-irqs-intx", not r[2] & 0x20)
    vec, bits = gsp_vector(c)         # the line rises: leaf and top are still enabled
    check("intx-fired", vec is not None and fired(efd), bits)
    c.wr(0, LEAF + 4 * (vec // 32), struct.pack("<I", 1 << (vec % 32)))
    c.wr(0, GSP_RETRIGGER, struct.pack("<I", 1))    # SWGEN0 still set: the leaf again
    check("intx-automasked", not fired(efd, 0.2))
    c.call(8, struct.pack("<IIIII", 20, 0x11, 0, 0, 1))                 # unmask
    check("intx-unmask-line-up-fires", fired(efd))
    c.wr(0, LEAF + 4 * (vec // 32), struct.pack("<I", 1 << (vec % 32)))
    c.call(8, struct.pack("<IIIII", 20, 0x11, 0, 0, 1))                 # unmask, line down
    check("intx-unmask-line-down-quiet", not fired(efd, 0.2))
    c.call(8, struct.pack("<IIIII", 20, 0x21, 0, 0, 0))                 # disable
    os.close(efd)


def ga102(binary, tmp, fw):
    srv, sock, line = start(binary, tmp, fw, "ga102", "570.144")
    check("ga102-listening", line.startswith("listening"), line)
    c = Client(sock)
    caps = b'{"capabilities":{"max_msg_fds":16,"max_data_xfer_size":1048576,"pgsizes":4096}}\0'
    r = c.call(1, struct.pack("<HH", 0, 0) + caps)
    check("version", struct.unpack_from("<HH", r[4]) == (0, 0) and r[4].endswith(b"\0"), r[4])

    r = c.call(4, struct.pack("<IIII", 16, 0, 0, 0))
    check("device-info", struct.unpack("<IIII", r[4]) == (16, 3, 9, 5), r[4])
    sizes = {}
    for i in range(9):
        r = c.call(5, struct.pack("<IIIIQQ", 32, 0, i, 0, 0, 0))
        sizes[i] = struct.unpack("<IIIIQQ", r[4])[4]
    check("region-sizes", sizes == {0: 16 << 20, 1: 256 << 20, 2: 0, 3: 32 << 20, 4: 0, 5: 0,
                                    6: 0, 7: 256, 8: 0}, sizes)

    cfg = c.rd(7, 0, 256)
    vid, did, cmd, status = struct.unpack_from("<HHHH", cfg, 0)
    svid, sid = struct.unpack_from("<HH", cfg, 0x2c)
    check("config-ids", (vid, did, svid, sid) == (0x10de, 0x2204, 0x10de, 0x147d)
          and cfg[8] == 0xa1 and cfg[9:12] == b"\0\0\x03" and cfg[0x3d] == 1,
          cfg[:64].hex())
    caps_found, p, n = [], cfg[0x34], 0
    while p and n < 8:
        caps_found.append((p, cfg[p]))
        p, n = cfg[p + 1], n + 1
    check("config-caps", status & 0x10 and caps_found == [(0x60, 1), (0x68, 5)], caps_found)
    msi_ctl = struct.unpack_from("<H", cfg, 0x6a)[0]
    check("config-msi-64bit", msi_ctl & 0x80 and not msi_ctl & 0x0e and not msi_ctl & 1, hex(msi_ctl))
    check("config-bar-types", cfg[0x10] & 0xf == 0 and cfg[0x14] & 0xf == 0xc and cfg[0x1c] & 0xf == 0xc,
          cfg[0x10:0x24].hex())
    c.wr(7, 0x14, struct.pack("<II", 0xFFFFFFFF, 0xFFFFFFFF))
    bar1 = struct.unpack("<Q", c.rd(7, 0x14, 8))[0]
    check("config-bar1-sizing", bar1 == (~((256 << 20) - 1) & 0xFFFFFFFFFFFFFFF0) | 0xc, hex(bar1))
    c.wr(7, 0x00, struct.pack("<I", 0))
    check("config-ids-read-only", u32(c.rd(7, 0, 4)) == 0x220410DE)

    check("bar0-boot0", u32(c.rd(0, 0, 4)) == 0x172000A1, c.rd(0, 0, 4))
    check("bar0-boot42", u32(c.rd(0, 0xA00, 4)) == 0x172A1000, c.rd(0, 0xA00, 4))
    c.wr(0, 0x1700, struct.pack("<I", 0x12345678), noreply=True)  # NV_PBUS scratch-like
    c.wr(0, 0, struct.pack("<I", 0), noreply=True)
    check("no-reply-silent", c.recv(0.3) is None, "a reply came to a no-reply write")
    check("bar0-store", u32(c.rd(0, 0x1700, 4)) == 0x12345678 and u32(c.rd(0, 0, 4)) == 0x172000A1)
    c.wr(0, 0x1701, b"\xab")
    check("bar0-byte-write-merged", u32(c.rd(0, 0x1700, 4)) == 0x1234AB78, c.rd(0, 0x1700, 4))
    check("bar0-wide-read", c.rd(0, 0xA00 - 4, 8)[4:] == struct.pack("<I", 0x172A1000))
    r = c.call(9, struct.pack("<QII", (16 << 20) - 2, 0, 4))
    check("bar0-out-of-range", r[2] & 0x20 and r[3] != 0, r)
    check("bar1-reads-zero", c.rd(1, 0x1000, 4) == b"\0" * 4)

    fd = os.memfd_create("dma")
    os.ftruncate(fd, 2 << 20)
    r = c.call(2, struct.pack("<IIQQQ", 32, 3, 1 << 20, 0x100000, 1 << 20), fds=[fd])
    check("dma-map", not r[2] & 0x20, r)
    os.close(fd)
    body = struct.pack("<IIQQ", 24, 0, 0x100000, 1 << 20)
    r = c.call(3, body)
    check("dma-unmap-echo", r[4] == body, r)

    r = c.call(7, struct.pack("<IIII", 16, 0, 1, 0))
    check("irq-info-msi", struct.unpack("<IIII", r[4])[3] == 1)
    efd = os.eventfd(0, os.EFD_NONBLOCK)
    r = c.call(8, struct.pack("<IIIII", 20, 0x24, 1, 0, 1), fds=[efd])   # MSI trigger eventfd
    check("set-irqs-msi", not r[2] & 0x20)
    r = c.call(8, struct.pack("<IIIII", 20, 0x21, 1, 0, 1))             # loopback trigger
    check("msi-eventfd-signalled", select.select([efd], [], [], 1)[0] != [] and os.eventfd_read(efd) == 1)
    intr_tree(c, efd)
    r = c.call(8, struct.pack("<IIIII", 20, 0x21, 1, 0, 0))             # disable
    check("set-irqs-disable", not r[2] & 0x20)
    os.close(efd)
    intx(c)

    r = c.call(13)
    check("reset", not r[2] & 0x20 and u32(c.rd(0, 0x1700, 4)) == 0 and
          struct.unpack("<H", c.rd(7, 4, 2))[0] == 0, c.rd(0, 0x1700, 4))
    r = c.call(14)
    check("unknown-command-error", r[2] & 0x20)
    c.s.close()
    rc, out, err = finish(srv)
    check("exit-on-disconnect", rc == 0 and "gpusim-vfu: done: ga102 570.144" in out
          and "model error" not in out, (rc, out, err))


def gh100(binary, tmp, fw):
    srv, sock, line = start(binary, tmp, fw, "gh100", "570.144", ["--fault", "device-gone=2"])
    check("gh100-listening", line.startswith("listening"), line)
    c = Client(sock)
    c.call(1, struct.pack("<HH", 0, 0) + b"{}\0")
    cfg = c.rd(7, 0, 64)
    check("gh100-ids", struct.unpack_from("<HH", cfg, 0) == (0x10de, 0x2331) and cfg[9:12] == b"\0\x02\x03",
          cfg.hex())
    r = c.call(5, struct.pack("<IIIIQQ", 32, 0, 1, 0, 0, 0))
    check("gh100-bar1", struct.unpack("<IIIIQQ", r[4])[4] == 128 << 30, r[4])
    vals = [u32(c.rd(0, 0, 4)) for _ in range(3)]
    check("fault-device-gone", vals[:2] == [0x180000A1] * 2 and vals[2] == 0xFFFFFFFF,
          [hex(v) for v in vals])
    c.s.close()
    rc, out, err = finish(srv)
    check("gh100-exit", rc == 0, (rc, out, err))


def ctrl_faults(binary, tmp, fw):
    """Faults keyed on an RM control: accepted by name or number, dormant until GSP-RM
    receives that control (the unit tier checks them firing), boot-only ones refused."""
    vmmu = "gpu-get-vmmu-segment-size"
    for spec in (f"gsp-crash@ctrl={vmmu},skip=1", f"rpc-timeout@ctrl=NV2080-GPU-GET-VMMU-SEGMENT-SIZE",
                 "bad-checksum@ctrl=0x2080017e", f"device-gone=3@ctrl={vmmu},skip=2"):
        srv, sock, line = start(binary, tmp, fw, "ga102", "570.144", ["--fault", spec])
        ok = line.startswith("listening")
        vals = []
        if ok:
            c = Client(sock)
            c.call(1, struct.pack("<HH", 0, 0) + b"{}\0")
            vals = [u32(c.rd(0, 0, 4)) for _ in range(20)]
            c.s.close()
        rc, out, err = finish(srv)
        check(f"ctrl-fault-dormant {spec}", ok and rc == 0 and vals == [0x172000A1] * 20,
              (line, rc, err, [hex(v) for v in vals[:4]]))
    for spec, want in ((f"no-init-done@ctrl={vmmu}", "acts during the boot only"),
                       ("gsp-crash@ctrl=gpu-get-bogus", "@ctrl=gpu-get-bogus: unknown control; known:"),
                       ("gsp-crash@ctrl=0x2080dead", "570.144 has no control of that number"),
                       (f"gsp-crash@ctrl={vmmu},skip=x", "only ,skip=N may follow"),
                       ("gsp-crash@ctrl=", "names no control"),
                       (f"device-gone=z@ctrl={vmmu}", "'z' is not a number")):
        srv, sock, line = start(binary, tmp, fw, "ga102", "570.144", ["--fault", spec])
        rc, out, err = finish(srv)
        check(f"ctrl-fault-refused {spec}", rc == 2 and want in err, (rc, err[:300]))


def errors(binary, tmp, fw):
    srv, sock, line = start(binary, tmp, fw, "ga102", "570.144", ["--fault", "bogus"])
    rc, out, err = finish(srv)
    check("bad-fault-refused", rc == 2 and "--fault bogus: unknown fault; known: rpc-timeout" in err
          and " intr-no-gsp intr-wild-vector" in err, (rc, err))
    for faults in (["--fault", "intr-no-gsp", "--fault", "intr-wild-vector=0x200"],
                   ["--fault", "intr-wild-vector"]):
        srv, sock, line = start(binary, tmp, fw, "ga102", "570.144", faults)
        ok = line.startswith("listening")
        if ok:
            c = Client(sock)
            c.call(1, struct.pack("<HH", 0, 0) + b"{}\0")
            c.s.close()
        rc, out, err = finish(srv)
        check("intr-faults-accepted " + " ".join(faults[1::2]), ok and rc == 0, (line, rc, err))
    ctrl_faults(binary, tmp, fw)
    srv, sock, line = start(binary, tmp, fw, "gv100", "570.144")
    rc, out, err = finish(srv)
    check("unknown-chip-refused", rc == 2 and 'unknown chip "gv100"' in err, (rc, err))
    srv, sock, line = start(binary, tmp, fw, "ga102", "550.163.01")
    rc, out, err = finish(srv)
    check("release-without-files-refused", rc == 2 and "cannot create a ga102 on 550.163.01" in err, (rc, err))


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    binary = sys.argv[1]
    fw = sys.argv[2] if len(sys.argv) > 2 else fw_root_default()
    if not fw:
        print("FAIL setup: no firmware root (pass FW_ROOT)")
        return 1
    tmp = tempfile.mkdtemp()
    ga102(binary, tmp, fw)
    gh100(binary, tmp, fw)
    errors(binary, tmp, fw)
    print(f"gpusim-vfu: {sum(results)} passed, {len(results) - sum(results)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
