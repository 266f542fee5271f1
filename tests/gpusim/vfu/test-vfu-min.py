#!/usr/bin/env python3
"""Protocol check of nvgsp-vfu-min without QEMU: a scripted vfio-user client.

    tests/gpusim/vfu/test-vfu-min.py [SERVER_BINARY]

Builds the server with cc when no binary is given. Prints "ok NAME" / "FAIL NAME: ..."
lines and "vfu-min: N passed, M failed"; exits non-zero on any failure.
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

    def recv(self, timeout=2.0):
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


def main():
    tmp = tempfile.mkdtemp()
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tmp, "nvgsp-vfu-min")
    if len(sys.argv) <= 1:
        subprocess.check_call(["cc", "-O2", "-Wall", "-Wextra", "-Werror", "-o", binary,
                               os.path.join(here, "nvgsp-vfu-min.c")])
    sock = os.path.join(tmp, "gpu.sock")
    srv = subprocess.Popen([binary, sock], stdout=subprocess.PIPE, text=True)
    check("listening", srv.stdout.readline().startswith("listening"))
    c = Client(sock)

    caps = b'{"capabilities":{"max_msg_fds":16,"max_data_xfer_size":1048576,"pgsizes":4096,"write_multiple":true}}\0'
    r = c.call(1, struct.pack("<HH", 0, 0) + caps)
    major, minor = struct.unpack_from("<HH", r[4])
    check("version", major == 0 and minor == 0 and r[4].endswith(b"\0") and b'"capabilities"' in r[4]
          and b"write_multiple" not in r[4], r[4])

    r = c.call(4, struct.pack("<IIII", 16, 0, 0, 0))
    check("device-info", struct.unpack("<IIII", r[4]) == (16, 3, 9, 5), r[4])

    sizes = {}
    for i in range(9):
        r = c.call(5, struct.pack("<IIIIQQ", 32, 0, i, 0, 0, 0))
        sizes[i] = struct.unpack("<IIIIQQ", r[4])[4]
    check("region-info", sizes == {0: 16 << 20, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 256, 8: 0}, sizes)

    u32 = lambda b: struct.unpack("<I", b)[0]
    cfg = c.rd(7, 0, 64)
    vid, did, cmd, status = struct.unpack_from("<HHHH", cfg, 0)
    check("config-ids", (vid, did) == (0x10de, 0x2204) and cfg[9:12] == b"\0\0\x03" and cfg[0x0e] == 0
          and not status & 0x10 and cfg[0x3d] == 0, cfg.hex())
    c.wr(7, 0x10, struct.pack("<I", 0xFFFFFFFF))
    probe = u32(c.rd(7, 0x10, 4))
    c.wr(7, 0x10, struct.pack("<I", 0xFD000000))
    check("config-bar0-sizing", probe == 0xFF000000 and u32(c.rd(7, 0x10, 4)) == 0xFD000000, hex(probe))
    c.wr(7, 0x04, struct.pack("<H", 0xFFFF))
    check("config-command", struct.unpack("<H", c.rd(7, 4, 2))[0] == 0x0407)
    c.wr(7, 0x00, struct.pack("<I", 0))
    check("config-ids-read-only", u32(c.rd(7, 0, 4)) == 0x220410DE)

    check("bar0-boot0", u32(c.rd(0, 0, 4)) == 0x172000A1)
    check("bar0-boot42", u32(c.rd(0, 0xA00, 4)) == 0x172A1000)
    c.wr(0, 0x123450, struct.pack("<I", 0xDEADBEEF), noreply=True)
    c.wr(0, 0, struct.pack("<I", 0), noreply=True)
    check("no-reply-silent", c.recv(0.3) is None, "a reply came to a no-reply write")
    check("bar0-memory", u32(c.rd(0, 0x123450, 4)) == 0xDEADBEEF and u32(c.rd(0, 0, 4)) == 0x172000A1)
    check("bar0-wide-read", c.rd(0, 0x123450, 8) == struct.pack("<Q", 0xDEADBEEF))
    r = c.call(9, struct.pack("<QII", (16 << 20) - 2, 0, 4))
    check("bar0-out-of-range", r[2] & 0x20 and r[3] != 0, r)

    fd = os.memfd_create("dma")
    os.ftruncate(fd, 1 << 20)
    c.call(2, struct.pack("<IIQQQ", 32, 3, 0, 0x100000, 1 << 20), fds=[fd])
    os.close(fd)
    body = struct.pack("<IIQQ", 24, 0, 0x100000, 1 << 20)
    r = c.call(3, body)
    check("dma-map-unmap", r[4] == body, r)
    r = c.call(7, struct.pack("<IIII", 16, 0, 0, 0))
    check("irq-info-intx", struct.unpack("<IIII", r[4])[3] == 1)
    r = c.call(8, struct.pack("<IIIII", 20, 0x24, 3, 0, 1), fds=[os.eventfd(0)])
    check("set-irqs", not r[2] & 0x20)
    r = c.call(13)
    check("reset", not r[2] & 0x20 and struct.unpack("<H", c.rd(7, 4, 2))[0] == 0)
    r = c.call(14)
    check("unknown-command-error", r[2] & 0x20)

    c.s.close()
    try:
        rc = srv.wait(5)
    except subprocess.TimeoutExpired:
        srv.kill()
        rc = "still running"
    check("exit-on-disconnect", rc == 0, rc)
    print(f"vfu-min: {sum(results)} passed, {len(results) - sum(results)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
