#!/usr/bin/env python3
"""Protocol check of gpusim-vfu without QEMU: a scripted vfio-user client.

    tests/gpusim/vfu/test-gpusim-vfu.py SERVER_BINARY [FW_ROOT]

FW_ROOT is a firmware root holding nvidia/ (default: the graphics-sid root that
tests/unit/fw_sets.sh prints). Serves a GA102 on 570.144 and a GH100 and checks what
QEMU relies on: the PCI identity and BARs from the model, the capability list (PM, MSI),
BAR0 through the model's registers, posted writes never answered, DMA map and unmap
(memfd), the PRAMIN window as a mapped memfd kept coherent with the model (and
trapped with --no-pramin-mmap), interrupt eventfds (MSI and INTx following the model's interrupt tree), device reset, the device-gone fault, another chip after a reset, faults keyed on an RM control (options, dormancy), option errors, and a
clean exit with the model's report when the client goes away; with --vfs an SR-IOV
PF whose VFs are served from the same process and model; and --write-vgpu-catalogue,
the vGPU type catalogue file it writes and the options it refuses. Prints "ok NAME" /
"FAIL NAME: ..." lines and "gpusim-vfu: N passed, M failed"; exits non-zero on any
failure.
"""
import mmap, os, select, socket, struct, subprocess, sys, tempfile, time

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

    def recv_fds(self, timeout=5.0):
        """A reply and the descriptors that came with it (SCM_RIGHTS)."""
        if not select.select([self.s], [], [], timeout)[0]:
            return None, []
        h, anc, _, _ = self.s.recvmsg(HDR.size, socket.CMSG_SPACE(8 * 4), socket.MSG_WAITALL)
        fds = []
        for level, kind, data in anc:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds += struct.unpack(f"{len(data) // 4}i", data[:len(data) // 4 * 4])
        mid, cmd, size, flags, err = HDR.unpack(h)
        body = self.s.recv(size - HDR.size, socket.MSG_WAITALL) if size > HDR.size else b""
        return (mid, cmd, flags, err, body), fds

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


def start(binary, tmp, fw, chip, release, extra=(), env=None):
    sock = os.path.join(tmp, f"{chip}.sock")
    # the servers' environment is the test's: a tier's GPUSIM_VFU_NO_PRAMIN_MMAP stays out
    senv = {k: v for k, v in os.environ.items() if k != "GPUSIM_VFU_NO_PRAMIN_MMAP"}
    srv = subprocess.Popen([binary, "--chip", chip, "--release", release, "--fw-path", fw,
                            "--socket", sock, *extra], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env=dict(senv, **(env or {})))
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
    c.wr(0, 0x14c0, struct.pack("<I", 0x12345678), noreply=True)  # NV_PBUS_SW_SCRATCH(0x30)
    c.wr(0, 0, struct.pack("<I", 0), noreply=True)
    check("no-reply-silent", c.recv(0.3) is None, "a reply came to a no-reply write")
    check("bar0-store", u32(c.rd(0, 0x14c0, 4)) == 0x12345678 and u32(c.rd(0, 0, 4)) == 0x172000A1)
    c.wr(0, 0x14c1, b"\xab")
    check("bar0-byte-write-merged", u32(c.rd(0, 0x14c0, 4)) == 0x1234AB78, c.rd(0, 0x14c0, 4))
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
    check("reset", not r[2] & 0x20 and u32(c.rd(0, 0x14c0, 4)) == 0 and
          struct.unpack("<H", c.rd(7, 4, 2))[0] == 0, c.rd(0, 0x14c0, 4))
    r = c.call(14)
    check("unknown-command-error", r[2] & 0x20)
    c.s.close()
    rc, out, err = finish(srv)
    check("exit-on-disconnect", rc == 0 and "gpusim-vfu: done: ga102 570.144" in out
          and "model error" not in out, (rc, out, err))
    # What a teardown left: no GSP-RM ever booted here, bus mastering as the client
    # left the Command register (the reset cleared it).
    check("exit-report-teardown", "gsp-rm never booted, unloads 0 (last bInPMTransition 0 "
          "newLevel 0), bus master off" in out, out)


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


# The PRAMIN window: BAR0 0x700000, 1 MiB, based at NV_PBUS_BAR0_WINDOW (0x1700) << 16.
PRAMIN, PRAMIN_SIZE, BAR0_WINDOW = 0x700000, 1 << 20, 0x1700
MMAP, CAPS = 1 << 2, 1 << 3


def region0_mapped(c):
    """GET_REGION_INFO of BAR0 as QEMU asks (argsz 32, then what the reply says), the
    sparse-mmap area and the memfd, mapped as QEMU maps it (region offset + area offset)."""
    r = c.call(5, struct.pack("<IIIIQQ", 32, 0, 0, 0, 0, 0))
    argsz, flags, index, cap_off, size, off = struct.unpack("<IIIIQQ", r[4])
    check("pramin-info-short", len(r[4]) == 32 and flags & (MMAP | CAPS) == MMAP | CAPS
          and argsz == 64 and cap_off == 32 and size == 16 << 20, (argsz, hex(flags), cap_off))
    c.send(5, struct.pack("<IIIIQQ", argsz, 0, 0, 0, 0, 0) + b"\0" * (argsz - 32))
    (mid, cmd, rflags, err, body), fds = c.recv_fds()
    argsz, flags, index, cap_off, size, off = struct.unpack_from("<IIIIQQ", body)
    cid, ver, nxt, nr, _, aoff, asize = struct.unpack_from("<HHIIIQQ", body, cap_off)
    check("pramin-info-sparse", len(body) == 64 and len(fds) == 1 and (cid, ver, nxt, nr) == (1, 1, 0, 1)
          and (aoff, asize) == (PRAMIN, PRAMIN_SIZE) and off == 0, (len(body), fds, cid, ver, nxt, nr,
                                                                      hex(aoff), hex(asize), off))
    if len(fds) != 1:
        return None
    m = mmap.mmap(fds[0], asize, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE, offset=off + aoff)
    os.close(fds[0])
    return m


def move(c, base_mib):
    c.wr(0, BAR0_WINDOW, struct.pack("<I", base_mib << 4))
    return u32(c.rd(0, BAR0_WINDOW, 4)) == base_mib << 4


def pramin(binary, tmp, fw):
    """The memory-backed PRAMIN window: QEMU maps the memfd at BAR0 0x700000; what is
    written there is the model's VRAM at the window's base, the model writes it back when
    a trapped write of NV_PBUS_BAR0_WINDOW moves the window and loads the new range; a
    trapped access of the window reads and writes the same memory; a reset shows the new
    model's (zero) VRAM; --no-pramin-mmap keeps the window trapped. Prints the cost of a
    MiB written through trapped 4-byte writes and through the mapping (a figure, not a
    check)."""
    srv, sock, line = start(binary, tmp, fw, "ga102", "570.144")
    c = Client(sock)
    c.call(1, struct.pack("<HH", 0, 0) + b"{}\0")
    m = region0_mapped(c)
    if m is None:
        c.s.close()
        finish(srv)
        return
    r = c.call(5, struct.pack("<IIIIQQ", 32, 0, 1, 0, 0, 0))
    check("pramin-bar1-not-mmap", not struct.unpack("<IIIIQQ", r[4])[1] & MMAP, r[4])
    check("pramin-mapped-zero", m[:4096] == b"\0" * 4096)
    a, b = b"written through the mapping", b"another MiB"
    m[0x100:0x100 + len(a)] = a
    check("pramin-trapped-read-sees-memory", c.rd(0, PRAMIN + 0x100, 8) == a[:8], c.rd(0, PRAMIN + 0x100, 8))
    check("pramin-move", move(c, 1) and m[0x100:0x100 + len(a)] == b"\0" * len(a))
    check("pramin-trapped-read-new-base", c.rd(0, PRAMIN + 0x100, 8) == b"\0" * 8)
    m[0x200:0x200 + len(b)] = b
    c.wr(0, PRAMIN + 0x300, struct.pack("<I", 0xc0ffee))
    check("pramin-trapped-write-in-memory", m[0x300:0x304] == struct.pack("<I", 0xc0ffee))
    check("pramin-move-back", move(c, 0) and m[0x100:0x100 + len(a)] == a and m[0x200] == 0,
          m[0x100:0x100 + len(a)])
    check("pramin-move-again", move(c, 1) and m[0x200:0x200 + len(b)] == b and
          m[0x300:0x304] == struct.pack("<I", 0xc0ffee))

    # Figures: 16 KiB by trapped 4-byte REGION_WRITEs, 1 MiB through the mapping.
    t0 = time.monotonic()
    for o in range(0, 16 << 10, 4):
        c.wr(0, PRAMIN + o, b"\xa5\xa5\xa5\xa5")
    trapped = (time.monotonic() - t0) * 64
    check("pramin-trapped-writes-in-memory", m[:16 << 10] == b"\xa5" * (16 << 10))
    t0 = time.monotonic()
    for base in range(2, 10):
        move(c, base)
        m[:] = b"\x5a" * PRAMIN_SIZE
    mapped = (time.monotonic() - t0) / 8
    move(c, 2)
    check("pramin-written-back", m[:4] == b"\x5a" * 4 and m[-4:] == b"\x5a" * 4)
    print(f"figure pramin: 1 MiB by trapped 4-byte writes {trapped:.2f} s (from 16 KiB), "
          f"through the mapping with a window move {mapped * 1000:.2f} ms")

    r = c.call(13)
    check("pramin-reset-zero", not r[2] & 0x20 and m[:4] == b"\0" * 4 and
          u32(c.rd(0, BAR0_WINDOW, 4)) == 0)
    m[0:4] = b"new!"
    check("pramin-reset-attached", c.rd(0, PRAMIN, 4) == b"new!")
    m.close()
    c.s.close()
    rc, out, err = finish(srv)
    check("pramin-exit", rc == 0 and "reset: ga102 570.144" in out and
          "pramin mmap: 12 moves, 1 fds sent" in out and "pramin mmap: 0 moves" in out
          and "model error" not in out, (rc, out, err))

    # The device-gone fault: the mapping then reads all ones, like the rest of BAR0.
    srv, sock, line = start(binary, tmp, fw, "ga102", "570.144", ["--fault", "device-gone=4"])
    c = Client(sock)
    c.call(1, struct.pack("<HH", 0, 0) + b"{}\0")
    m = region0_mapped(c)
    if m is not None:
        m[0:4] = b"live"
        vals = [u32(c.rd(0, 0, 4)) for _ in range(6)]
        check("pramin-device-gone", vals[-1] == 0xFFFFFFFF and m[:8] == b"\xff" * 8,
              ([hex(v) for v in vals], m[:8]))
        m.close()
    c.s.close()
    finish(srv)

    # --no-pramin-mmap: no mapping offered, the window served by trapped accesses.
    srv, sock, line = start(binary, tmp, fw, "ga102", "570.144", ["--no-pramin-mmap"])
    c = Client(sock)
    c.call(1, struct.pack("<HH", 0, 0) + b"{}\0")
    c.send(5, struct.pack("<IIIIQQ", 32, 0, 0, 0, 0, 0))
    (mid, cmd, rflags, err, body), fds = c.recv_fds()
    check("no-pramin-mmap-info", struct.unpack("<IIIIQQ", body)[:2] == (32, 3) and not fds, (body, fds))
    c.wr(0, PRAMIN + 8, struct.pack("<I", 0x1234))
    move(c, 1)
    move(c, 0)
    check("no-pramin-mmap-trapped", u32(c.rd(0, PRAMIN + 8, 4)) == 0x1234)
    c.s.close()
    rc, out, err = finish(srv)
    check("no-pramin-mmap-exit", rc == 0 and "pramin trapped: 2 moves, 0 fds sent" in out, (rc, out))
    srv, sock, line = start(binary, tmp, fw, "ga102", "570.144", env={"GPUSIM_VFU_NO_PRAMIN_MMAP": "1"})
    c = Client(sock)
    c.call(1, struct.pack("<HH", 0, 0) + b"{}\0")
    r = c.call(5, struct.pack("<IIIIQQ", 32, 0, 0, 0, 0, 0))
    check("no-pramin-mmap-env", struct.unpack("<IIIIQQ", r[4])[:2] == (32, 3), r[4])
    c.s.close()
    finish(srv)


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


def other_chip(binary, tmp, fw):
    """--fault other-chip-at-reset=N: the model of the N-th reset that recreates it (one the
    client touched first) reads another chip's BOOT_0; the one before and after it the
    chip's own. A reset of an untouched model makes none and counts for nothing."""
    srv, sock, line = start(binary, tmp, fw, "ga102", "570.144", ["--fault", "other-chip-at-reset=2"])
    c = Client(sock)
    c.call(1, struct.pack("<HH", 0, 0) + b"{}\0")
    seen = [u32(c.rd(0, 0, 4))]
    for _ in range(3):
        c.call(13)
        c.call(13)          # untouched since the first: keeps the model, not counted
        seen.append(u32(c.rd(0, 0, 4)))
    boot42 = u32(c.rd(0, 0xA00, 4))
    c.s.close()
    rc, out, err = finish(srv)
    check("fault-other-chip-at-reset", seen == [0x172000A1, 0x172000A1, 0x170000A1, 0x172000A1]
          and boot42 == 0x172A1000 and rc == 0 and out.count("gpusim-vfu: reset: ") == 3 and
          "gpusim-vfu: model 2 after a reset reads BOOT_0 0x170000a1 (other-chip-at-reset=2)" in out,
          ([hex(v) for v in seen], hex(boot42), rc, out[-600:], err))
    for spec in ("other-chip-at-reset", "other-chip-at-reset=0",
                 "other-chip-at-reset=1@ctrl=gpu-get-vmmu-segment-size"):
        srv, sock, line = start(binary, tmp, fw, "ga102", "570.144", ["--fault", spec])
        rc, out, err = finish(srv)
        check(f"fault-other-chip-refused {spec}", rc == 2 and "wants =N" in err, (rc, err[:300]))


def errors(binary, tmp, fw):
    srv, sock, line = start(binary, tmp, fw, "ga102", "570.144", ["--fault", "bogus"])
    rc, out, err = finish(srv)
    check("bad-fault-refused", rc == 2 and "--fault bogus: unknown fault; known: rpc-timeout" in err
          and " intr-no-gsp intr-wild-vector other-chip-at-reset" in err, (rc, err))
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
    other_chip(binary, tmp, fw)
    srv, sock, line = start(binary, tmp, fw, "gv100", "570.144")
    rc, out, err = finish(srv)
    check("unknown-chip-refused", rc == 2 and 'unknown chip "gv100"' in err, (rc, err))
    srv, sock, line = start(binary, tmp, fw, "ga102", "550.163.01")
    rc, out, err = finish(srv)
    check("release-without-files-refused", rc == 2 and "cannot create a ga102 on 550.163.01" in err, (rc, err))


def ext_caps(cfg):
    """The extended capability chain from 0x100: [(offset, id)]."""
    out, p = [], 0x100
    while p and len(out) < 16:
        hdr = u32(cfg[p:p + 4])
        if not hdr:
            break
        out.append((p, hdr & 0xFFFF))
        p = hdr >> 20
    return out


def std_caps(cfg):
    out, p = [], cfg[0x34]
    while p and len(out) < 8:
        out.append((p, cfg[p]))
        p = cfg[p + 1]
    return out


def sriov(binary, tmp, fw):
    """--vfs 2 on a GH100 (H100 PCIe): the PF with PCIe and SR-IOV capabilities, two VF
    sockets served by the same process and model, VF windows that exist only while the
    PF's SR-IOV capability enables them, MSI-X, VF reset and FLR, garbage on a VF."""
    sock = os.path.join(tmp, "sriov.sock")
    srv = subprocess.Popen([binary, "--chip", "gh100", "--release", "570.144", "--fw-path", fw,
                            "--socket", sock, "--vfs", "2"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    lines = [srv.stdout.readline().strip() for _ in range(3)]
    check("sriov-listening", lines == [f"listening {sock}.vf0", f"listening {sock}.vf1",
                                       f"listening {sock}"], lines)
    if lines[-1] != f"listening {sock}":
        srv.kill()
        return
    # VF 0 connects before the PF; VF 1 stays away for now and blocks nothing
    vf0 = Client(sock + ".vf0")
    vf0.call(1, struct.pack("<HH", 0, 0) + b"{}\0")
    pf = Client(sock)
    pf.call(1, struct.pack("<HH", 0, 0) + b"{}\0")

    r = pf.call(5, struct.pack("<IIIIQQ", 32, 0, 7, 0, 0, 0))
    check("sriov-pf-config-4096", struct.unpack("<IIIIQQ", r[4])[4] == 4096, r[4])
    cfg = pf.rd(7, 0, 4096)
    caps = std_caps(cfg)
    check("sriov-pf-caps", caps == [(0x60, 1), (0x68, 5), (0x78, 0x10)], caps)
    check("sriov-pf-pcie-endpoint", cfg[0x7a] & 0xF0 == 0 and cfg[0x7a] & 0xF == 2, cfg[0x78:0x7c].hex())
    ext = ext_caps(cfg)
    check("sriov-pf-ext-caps", ext == [(0x100, 0x0B), (0x250, 0x10)], ext)
    c = 0x250   # hopper/gh100 dev_xtl_ep_pcfg_gpu.h: SRIOV_INIT_TOT_VF at 0x25C
    init_vfs, total_vfs, num_vfs = struct.unpack_from("<HHH", cfg, c + 0xC)
    first, stride, vfdev = struct.unpack_from("<HHxxH", cfg, c + 0x14)
    pages = u32(cfg[c + 0x1C:c + 0x20])
    check("sriov-pf-facts", (init_vfs, total_vfs, num_vfs, first, stride, vfdev, pages) ==
          (2, 2, 0, 4, 1, 0x2331, 0x573),
          (init_vfs, total_vfs, num_vfs, first, stride, hex(vfdev), hex(pages)))
    check("sriov-pf-room-after-cap", cfg[c + 0x40:c + 0x48] == b"\0" * 8 and u32(cfg[c:c + 4]) >> 20 == 0,
          cfg[c + 0x40:c + 0x48].hex())
    check("sriov-pf-vf-bar-types", cfg[c + 0x24] & 0xF == 0 and cfg[c + 0x28] & 0xF == 0xC and
          cfg[c + 0x30] & 0xF == 0xC, cfg[c + 0x24:c + 0x3C].hex())
    pf.wr(7, c + 0x24, struct.pack("<I", 0xFFFFFFFF))
    pf.wr(7, c + 0x28, struct.pack("<II", 0xFFFFFFFF, 0xFFFFFFFF))
    vbar0 = u32(pf.rd(7, c + 0x24, 4))
    vbar1 = struct.unpack("<Q", pf.rd(7, c + 0x28, 8))[0]
    check("sriov-pf-vf-bar-sizing", vbar0 == 0xFFFC0000 and vbar1 == 0xFFFFFFFF8000000C,
          (hex(vbar0), hex(vbar1)))

    r = vf0.call(4, struct.pack("<IIII", 16, 0, 0, 0))
    check("sriov-vf-device-info", struct.unpack("<IIII", r[4]) == (16, 3, 9, 5), r[4])
    sizes = {}
    for i in range(9):
        r = vf0.call(5, struct.pack("<IIIIQQ", 32, 0, i, 0, 0, 0))
        sizes[i] = struct.unpack("<IIIIQQ", r[4])[4]
    check("sriov-vf-region-sizes", sizes == {0: 256 << 10, 1: 2 << 30, 2: 0, 3: 32 << 20, 4: 0,
                                             5: 0, 6: 0, 7: 4096, 8: 0}, sizes)
    vcfg = vf0.rd(7, 0, 4096)
    vid, did, cmd = struct.unpack_from("<HHH", vcfg, 0)
    check("sriov-vf-ids-command", (vid, did, cmd) == (0x10DE, 0x2331, 0), (hex(vid), hex(did), cmd))
    # BAR0 32-bit, BAR1 and BAR3 64-bit prefetchable: type bits only, as vfio-pci shows a VF's
    check("sriov-vf-bars-rom-pin-zero",
          vcfg[0x10:0x28] == bytes([0, 0, 0, 0, 0xC, 0, 0, 0, 0, 0, 0, 0, 0xC, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
          and vcfg[0x30:0x34] == b"\0" * 4 and vcfg[0x3D] == 0, vcfg[0x10:0x40].hex())
    caps = std_caps(vcfg)
    check("sriov-vf-caps", caps == [(0x78, 0x10), (0xC8, 0x11)], caps)
    check("sriov-vf-flr", u32(vcfg[0x7C:0x80]) & (1 << 28), vcfg[0x7C:0x80].hex())
    mctl, mtab, mpba = struct.unpack_from("<HII", vcfg, 0xCA)
    check("sriov-vf-msix-cap", (mctl & 0x7FF) + 1 == 6 and mtab & 7 == 0 and mpba & 7 == 0
          and (mtab & ~7) + 6 * 16 <= 256 << 10, (hex(mctl), hex(mtab), hex(mpba)))
    counts = [struct.unpack("<IIII", vf0.call(7, struct.pack("<IIII", 16, 0, i, 0))[4])[3]
              for i in range(3)]
    check("sriov-vf-irq-info", counts == [0, 0, 6], counts)

    TOP_EN = 0x1608
    check("sriov-vf-absent-before-enable", vf0.rd(0, TOP_EN, 4) == b"\xff" * 4, vf0.rd(0, TOP_EN, 4))
    vf0.wr(0, TOP_EN, struct.pack("<I", 1))
    pf.wr(7, c + 0x10, struct.pack("<H", 2))        # NumVFs
    pf.wr(7, c + 0x08, struct.pack("<H", 1))        # VF Enable
    check("sriov-vf-enabled-reads-real", u32(vf0.rd(0, TOP_EN, 4)) == 0, vf0.rd(0, TOP_EN, 4))
    vf0.wr(0, TOP_EN, struct.pack("<I", 3), noreply=True)
    check("sriov-vf-register-kept", u32(vf0.rd(0, TOP_EN, 4)) == 3, vf0.rd(0, TOP_EN, 4))
    check("sriov-vf-out-of-range", vf0.call(9, struct.pack("<QII", (256 << 10) - 2, 0, 4))[2] & 0x20)

    efd = os.eventfd(0, os.EFD_NONBLOCK)
    r = vf0.call(8, struct.pack("<IIIII", 20, 0x24, 2, 0, 1), fds=[efd])
    check("sriov-vf-set-msix", not r[2] & 0x20, r)
    vf0.wr(0, 0x1200, struct.pack("<I", 1))          # LEAF_EN_SET(0) bit 0
    check("sriov-vf-msix-quiet", not fired(efd, 0.2))
    vf0.wr(0, 0x1640, struct.pack("<I", 0))          # LEAF_TRIGGER vector 0
    check("sriov-vf-msix-fired", fired(efd))
    r = vf0.call(8, struct.pack("<IIIII", 20, 0x24, 2, 0, 7), fds=[efd])
    check("sriov-vf-msix-too-many", r[2] & 0x20, r)
    os.close(efd)

    r = vf0.call(13)
    check("sriov-vf-reset", not r[2] & 0x20 and u32(vf0.rd(0, TOP_EN, 4)) == 0 and
          u32(vf0.rd(0, 0x1000, 4)) == 0, vf0.rd(0, TOP_EN, 4))
    vf0.wr(0, TOP_EN, struct.pack("<I", 2))
    vf0.wr(7, 0x78 + 8, struct.pack("<H", 0x8000 | 0x2810))   # Initiate FLR
    check("sriov-vf-flr-resets", u32(vf0.rd(0, TOP_EN, 4)) == 0 and
          not struct.unpack("<H", vf0.rd(7, 0x78 + 8, 2))[0] & 0x8000, vf0.rd(0, TOP_EN, 4))

    # garbage on VF 1: wild offsets and sizes, unknown commands, then a broken header
    vf1 = Client(sock + ".vf1")
    vf1.call(1, struct.pack("<HH", 0, 0) + b"{}\0")
    vf1.wr(0, TOP_EN, struct.pack("<I", 5))
    check("sriov-vf-state-per-gfid", u32(vf1.rd(0, TOP_EN, 4)) == 5 and u32(vf0.rd(0, TOP_EN, 4)) == 0)
    bad = [vf1.call(9, struct.pack("<QII", 1 << 63, 0, 4)),
           vf1.call(9, struct.pack("<QII", 0, 0, 0xFFFFFFFF)),
           vf1.call(9, struct.pack("<QII", 4090, 7, 16)),
           vf1.call(9, struct.pack("<QII", 0, 99, 4)),
           vf1.call(10, struct.pack("<QII", 0, 7, 64) + b"\0" * 4),
           vf1.call(8, struct.pack("<IIIII", 20, 0x24, 2, 0xFFFFFFFF, 2)),
           vf1.call(8, struct.pack("<IIIII", 20, 0x24, 0, 0, 1)),
           vf1.call(5, struct.pack("<IIIIQQ", 32, 0, 1000, 0, 0, 0)),
           vf1.call(14), vf1.call(0xFFFF), vf1.call(2, b"\0")]
    check("sriov-vf-garbage-errors", all(b[2] & 0x20 and b[3] for b in bad),
          [(b[2], b[3]) for b in bad])
    check("sriov-vf-garbage-changed-nothing", u32(vf1.rd(0, TOP_EN, 4)) == 5 and
          vf1.rd(7, 0, 4) == struct.pack("<HH", 0x10DE, 0x2331))
    vf1.s.sendall(HDR.pack(99, 9, 8, 0, 0))         # size below the header: protocol error
    closed = select.select([vf1.s], [], [], 2)[0] and vf1.s.recv(1) == b""
    check("sriov-vf-broken-header-closes-vf-only", closed and u32(pf.rd(0, 0, 4)) == 0x180000A1)
    vf1.s.close()
    vf1 = Client(sock + ".vf1")                     # the socket takes a new client
    vf1.call(1, struct.pack("<HH", 0, 0) + b"{}\0")
    check("sriov-vf-reconnect", u32(vf1.rd(0, TOP_EN, 4)) == 5, vf1.rd(0, TOP_EN, 4))

    pf.wr(7, c + 0x08, struct.pack("<H", 0))        # VF Enable off
    check("sriov-vf-disabled-absent", vf0.rd(0, TOP_EN, 4) == b"\xff" * 4 and
          vf1.rd(0, TOP_EN, 4) == b"\xff" * 4)
    vf0.s.close()
    pf.s.close()                                    # VF 1 still connected: the PF decides
    rc, out, err = finish(srv)
    vf1.s.close()
    check("sriov-exit-on-pf-disconnect", rc == 0 and "gpusim-vfu: done: gh100 570.144" in out
          and "; vfs 2: " in out and "model error" not in out, (rc, out, err))
    check("sriov-sockets-removed", not any(os.path.exists(p) for p in
                                           (sock, sock + ".vf0", sock + ".vf1")))

    # an A40 (GA102 with SR-IOV) serves VFs too; its capability sits at 0xBCC
    srv, s2, line = start(binary, tmp, fw, "ga102", "570.144", ["--device-id", "0x2235", "--vfs", "1"])
    ok = line.strip() == f"listening {s2}.vf0" and srv.stdout.readline().strip() == f"listening {s2}"
    ext = []
    if ok:
        c2 = Client(s2)
        c2.call(1, struct.pack("<HH", 0, 0) + b"{}\0")
        ext = ext_caps(c2.rd(7, 0, 4096))
        c2.s.close()
    rc, out, err = finish(srv)
    check("sriov-a40", ok and ext == [(0x100, 0x0B), (0xBCC, 0x10)] and rc == 0, (line, ext, rc, err))

    for chip, extra, want in (("gh100", ["--vfs", "33"], "sriov_total_vfs 33: device 0x2331 has TotalVFs 32"),
                              ("ga102", ["--vfs", "1"], "sriov_total_vfs 1: device 0x2204 has no SR-IOV capability"),
                              ("gh100", ["--vfs", "x"], "--vfs x: not a number of VFs")):
        srv, _, line = start(binary, tmp, fw, chip, "570.144", extra)
        rc, out, err = finish(srv)
        check(f"sriov-refused {chip} {' '.join(extra)}", rc == 2 and want in err and not line,
              (rc, line, err))


def vgpu_catalogue(binary, tmp):
    """--write-vgpu-catalogue: a file with the release's version pair, build string and
    one blob per device (every device of gpusim's table, or --device-id's); refusals."""
    for rel, extra, major, minor, blobs in (("570.144", [], 18, 1, 5),
                                            ("535.113.01", ["--device-id", "0x2235"], 16, 0, 1)):
        out = os.path.join(tmp, f"vgpu-{rel}.bin")
        p = subprocess.run([binary, "--write-vgpu-catalogue", rel, *extra, out],
                           capture_output=True, text=True, timeout=30)
        data = open(out, "rb").read() if os.path.exists(out) else b""
        got = ()
        if len(data) > 232:
            got = (struct.unpack_from("<QQ", data, 16),
                   data[160:224].split(b"\0")[0].decode(errors="replace"),
                   struct.unpack_from("<Q", data, 224)[0])
        check(f"vgpu-catalogue {rel} {' '.join(extra)}".strip(),
              p.returncode == 0 and got == ((major, minor), rel, blobs)
              and p.stdout.startswith(f"gpusim-vfu: wrote {out}: {len(data)} bytes, {rel},"),
              (p.returncode, got, p.stdout, p.stderr))
    bad = os.path.join(tmp, "refused.bin")
    for name, args, rc, want in (("release", ["1.2.3", bad], 2, "no vGPU version pair or control layout"),
                                 ("device", ["570.144", "--device-id", "0x2204", bad], 2,
                                  "no vGPU type for that device id"),
                                 ("unwritable", ["570.144", os.path.join(tmp, "no", "such")], 1,
                                  "No such file"),
                                 ("no-file", ["570.144"], 2, "usage:")):
        p = subprocess.run([binary, "--write-vgpu-catalogue", *args],
                           capture_output=True, text=True, timeout=30)
        check(f"vgpu-catalogue-refused {name}", p.returncode == rc and want in p.stderr
              and not os.path.exists(bad), (p.returncode, p.stderr))


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
    pramin(binary, tmp, fw)
    errors(binary, tmp, fw)
    sriov(binary, tmp, fw)
    vgpu_catalogue(binary, tmp)
    print(f"gpusim-vfu: {sum(results)} passed, {len(results) - sum(results)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
