# SPDX-License-Identifier: GPL-2.0-only
"""Loader for nvgsp's firmware-ABI specs (firmware-abi/specs/<release>.abi).

The format is documented in firmware-abi/README.md. This module parses the
specs, resolves inheritance, lays structs out as a C compiler does for LP64
little-endian targets (natural alignment, `packed`, `aligned(N)`), and checks
everything it can without a C compiler. Standard library only.

Contract (used by the generator and by the independent verifier in tests/abi):

    import nvgsp_abi_spec as s
    rels = s.load_all(spec_dir)          # dict: release -> Release

    Release:  .version  .parent (version or None)  .structs  .enums  .params
              (+ .transport .init .firmware .codecs .file)
    .structs: dict NVIDIA struct name -> Struct
    Struct:   .name .size .align .packed .fields  (+ .is_union .flex .where)
    Field:    .name .offset .size .type (str) .count (array length or None)
              (+ .elem_size .align .where)
    .enums:   dict group -> dict symbolic id -> Entry(.value int, .c_name str or None)
    .params:  dict name -> int

Field names are C member designators usable in offsetof(): members of
anonymous unions/structs appear under their own names, members of named
inline aggregates as "outer.inner" (the aggregate itself is also listed, with
type "struct" or "union"). Field.size is the whole member's size (count *
elem_size for arrays); a flexible array member has count 0 and size 0.
Fields of type "pad" are explicit padding, not NVIDIA members.

Errors raise SpecError, whose text is "file:line: problem".
"""

import ast
import copy
import os
import re

__all__ = [
    "SpecError", "Field", "Struct", "Entry", "Release", "Neutral", "NeutralField",
    "Codec", "CodecField", "GROUPS", "SCALARS", "FW_ROLES",
    "load_all", "load_neutral", "version_key",
]

# Scalar types: size (= alignment).
SCALARS = {
    "u8": 1, "u16": 2, "u32": 4, "u64": 8,
    "s32": 4, "s64": 8,
    "bool": 1,      # NvBool: one byte, 0 or 1
    "char": 1,      # NVIDIA's char arrays (strings)
}

# Number groups: keyword -> (C enum stem, default prefix for NVIDIA's
# identifier: the id is appended; None = the id itself).
GROUPS = {
    "rpc": ("RPC", "NV_VGPU_MSG_FUNCTION_"),
    "event": ("EVENT", "NV_VGPU_MSG_EVENT_"),
    "class": ("CLASS", None),
    "ctrl": ("CTRL", None),
    "status": ("STATUS", "NV_ERR_"),
    "seqop": ("SEQOP", "GSP_SEQ_BUF_OPCODE_"),
    "nvdm": ("NVDM", "NVDM_TYPE_"),
}

# File roles a `firmware` line may name (linux-firmware file name prefixes).
FW_ROLES = ("gsp", "bootloader", "booter_load", "booter_unload",
            "gen_bootloader", "scrubber", "fmc")

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_VERSION = re.compile(r"^[0-9]+(\.[0-9]+)*$")
_PROTO = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*-v([0-9]+)$")
_PARAM = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")


class SpecError(Exception):
    """A problem in a spec, located as file:line."""

    def __init__(self, where, msg):
        super().__init__("%s: %s" % (where, msg))
        self.where = where
        self.msg = msg


class Field:
    def __init__(self, name, type, offset, size, count, elem_size, align, where):
        self.name = name
        self.type = type
        self.offset = offset
        self.size = size
        self.count = count
        self.elem_size = elem_size
        self.align = align
        self.where = where

    def __repr__(self):
        return "Field(%s %s%s @%d size %d)" % (
            self.type, self.name,
            "" if self.count is None else "[%d]" % self.count,
            self.offset, self.size)


class Struct:
    def __init__(self, name, size, align, packed, is_union, fields, flex, where):
        self.name = name
        self.size = size
        self.align = align
        self.packed = packed
        self.is_union = is_union
        self.fields = fields
        self.flex = flex
        self.where = where

    def field(self, name):
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def __repr__(self):
        return "Struct(%s size %d align %d)" % (self.name, self.size, self.align)


class Entry:
    def __init__(self, value, c_name, where=None):
        self.value = value
        self.c_name = c_name
        self.where = where

    def __repr__(self):
        return "Entry(%#x, %s)" % (self.value, self.c_name)


class NeutralField:
    def __init__(self, name, type, count, where):
        self.name = name
        self.type = type
        self.count = count
        self.where = where

    @property
    def size(self):
        return SCALARS[self.type] * (self.count or 1)


class Neutral:
    def __init__(self, name, doc, fields, where):
        self.name = name
        self.doc = doc
        self.fields = fields
        self.where = where

    def field(self, name):
        for f in self.fields:
            if f.name == name:
                return f
        return None


class CodecField:
    """One neutral field mapped onto one wire member at a resolved location."""

    def __init__(self, neutral, wire_path, offset, wire_type, wire_size, count, where):
        self.neutral = neutral          # NeutralField
        self.wire_path = wire_path      # "messageQueueInitArguments.cmdQueueOffset"
        self.offset = offset            # byte offset in the wire struct
        self.wire_type = wire_type      # scalar type name
        self.wire_size = wire_size      # bytes of the whole wire member
        self.count = count              # wire array length or None
        self.where = where


class Codec:
    def __init__(self, name, wire, until, wire_size, fields, where):
        self.name = name                # neutral struct name
        self.wire = wire                # NVIDIA struct name
        self.until = until              # member ending the encoded prefix, or None
        self.wire_size = wire_size      # bytes encoded/decoded
        self.fields = fields            # list of CodecField, in neutral order
        self.where = where

    def present_mask(self, neutral):
        mask = 0
        names = {cf.neutral.name for cf in self.fields}
        for i, nf in enumerate(neutral.fields):
            if nf.name in names:
                mask |= 1 << i
        return mask


class Release:
    def __init__(self, version):
        self.version = version
        self.parent = None
        self.file = None
        self.transport = None           # (name, version)
        self.init = None                # (name, version)
        self.firmware = {}              # sig family -> [roles]
        self.params = {}                # name -> int
        self.enums = {g: {} for g in GROUPS}
        self.structs = {}               # name -> Struct (laid out)
        self.codecs = {}                # neutral name -> Codec
        # Unresolved definitions, kept for inheritance.
        self._defs = {}                 # name -> _Def (struct AST)
        self._codec_defs = {}           # name -> _CodecDef

    @property
    def tag(self):
        return "r" + self.version.replace(".", "_")

    def __repr__(self):
        return "Release(%s)" % self.version


def version_key(version):
    return tuple(int(x) for x in version.split("."))


# ---------------------------------------------------------------------------
# Expressions: integers, hex, unit suffixes, + - * / << >> | & ( ).

_UNITS = {"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}
_UNIT_RE = re.compile(r"(?<=[0-9a-fA-F)])\s*(KiB|MiB|GiB)\b")
_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Add, ast.Sub,
            ast.Mult, ast.FloorDiv, ast.LShift, ast.RShift, ast.BitOr, ast.BitAnd,
            ast.USub, ast.UAdd)


def eval_expr(text, where):
    src = _UNIT_RE.sub(lambda m: "*%d" % _UNITS[m.group(1)], text)
    src = src.replace("/", "//").replace("////", "//")
    try:
        tree = ast.parse(src.strip(), mode="eval")
    except SyntaxError:
        raise SpecError(where, "bad number or expression '%s'" % text)
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise SpecError(where, "bad number or expression '%s'" % text)
        if isinstance(node, ast.Constant) and not isinstance(node.value, int):
            raise SpecError(where, "bad number or expression '%s'" % text)
    value = eval(compile(tree, "<spec>", "eval"), {"__builtins__": {}})  # noqa: S307
    return value


def expand_braces(name, where):
    """'heap.{a,b}.min' -> ['heap.a.min', 'heap.b.min'] (one brace group)."""
    m = re.search(r"\{([^{}]*)\}", name)
    if not m:
        return [name]
    alts = [a.strip() for a in m.group(1).split(",")]
    if not all(alts):
        raise SpecError(where, "empty alternative in '%s'" % name)
    out = []
    for a in alts:
        out.extend(expand_braces(name[:m.start()] + a + name[m.end():], where))
    return out


# ---------------------------------------------------------------------------
# Reading: comments, lines, blocks, tokens.

def _strip_comment(line):
    for mark in ("#", "//"):
        i = line.find(mark)
        if i >= 0:
            line = line[:i]
    return line.rstrip()


_TOKEN = re.compile(r"\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(0[xX][0-9a-fA-F]+|[0-9]+)|"
                    r"(\"[^\"]*\")|([{}\[\]();=,.\-+*/<>|&]))")


def _tokenize(text, where_of):
    """Tokens of a block: (kind, text, where). where_of(pos) gives file:line."""
    toks = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            if text[pos:].strip() == "":
                break
            raise SpecError(where_of(pos), "unexpected '%s'" % text[pos:pos + 10].split()[0])
        kind = "id" if m.group(1) else "num" if m.group(2) else "str" if m.group(3) else "p"
        start = m.start(m.lastindex)
        toks.append((kind, m.group(m.lastindex), where_of(start)))
        pos = m.end()
    return toks


class _Tokens:
    def __init__(self, toks, end_where):
        self.toks = toks
        self.i = 0
        self.end_where = end_where

    def peek(self, k=0):
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else (None, None, self.end_where)

    def next(self):
        t = self.peek()
        if t[0] is None:
            raise SpecError(t[2], "unexpected end of block")
        self.i += 1
        return t

    def expect(self, text):
        t = self.next()
        if t[1] != text:
            raise SpecError(t[2], "expected '%s', found '%s'" % (text, t[1]))
        return t

    def ident(self, what):
        t = self.next()
        if t[0] != "id":
            raise SpecError(t[2], "expected %s, found '%s'" % (what, t[1]))
        return t

    def expr_until(self, stops):
        """Join tokens up to (not including) one of @stops at depth 0."""
        parts = []
        depth = 0
        start = self.peek()[2]
        while True:
            t = self.peek()
            if t[0] is None:
                raise SpecError(t[2], "unexpected end of block")
            if depth == 0 and t[1] in stops:
                break
            if t[1] == "(":
                depth += 1
            elif t[1] == ")":
                depth -= 1
            parts.append(t[1])
            self.i += 1
        if not parts:
            raise SpecError(start, "expected a number")
        return " ".join(parts), start


# ---------------------------------------------------------------------------
# Struct ASTs (before layout).

class _Member:
    """A member: scalar/typed (kind 'var'), inline aggregate ('agg')."""

    def __init__(self, kind, where, name=None, type=None, count=None, align=None,
                 is_union=False, members=None):
        self.kind = kind
        self.where = where
        self.name = name            # None for anonymous aggregates
        self.type = type            # scalar or struct name; 'pad' for padding
        self.count = count          # None scalar, 0 flexible, N array
        self.align = align          # explicit aligned(N)
        self.is_union = is_union
        self.members = members or []


class _Def:
    def __init__(self, name, is_union, packed, members, where):
        self.name = name
        self.is_union = is_union
        self.packed = packed
        self.members = members
        self.where = where


class _CodecDef:
    def __init__(self, name, wire, until, maps, removes, where):
        self.name = name
        self.wire = wire
        self.until = until
        self.maps = maps            # list of (neutral field, wire path, where)
        self.removes = removes      # list of (neutral field, where)
        self.where = where


def _parse_members(tk, close):
    members = []
    while tk.peek()[1] != close:
        members.append(_parse_member(tk))
    tk.expect(close)
    return members


def _parse_array(tk):
    """Optional '[expr]' / '[]' suffix: None, 0 (flexible) or the count."""
    if tk.peek()[1] != "[":
        return None
    tk.next()
    if tk.peek()[1] == "]":
        tk.next()
        return 0
    text, where = tk.expr_until({"]"})
    tk.expect("]")
    n = eval_expr(text, where)
    if n <= 0:
        raise SpecError(where, "array length must be positive")
    return n


def _parse_aligned(tk):
    if tk.peek()[1] != "aligned":
        return None
    tk.next()
    tk.expect("(")
    text, where = tk.expr_until({")"})
    tk.expect(")")
    n = eval_expr(text, where)
    if n <= 0 or n & (n - 1):
        raise SpecError(where, "aligned() takes a power of two")
    return n


def _parse_member(tk):
    t = tk.peek()
    if t[1] in ("struct", "union"):
        tk.next()
        is_union = t[1] == "union"
        tk.expect("{")
        members = _parse_members(tk, "}")
        name = None
        if tk.peek()[0] == "id" and tk.peek()[1] != "aligned":
            name = tk.next()[1]
        count = _parse_array(tk) if name else None
        align = _parse_aligned(tk)
        tk.expect(";")
        if not members:
            raise SpecError(t[2], "empty %s" % t[1])
        return _Member("agg", t[2], name=name, count=count, align=align,
                       is_union=is_union, members=members)
    if t[1] == "pad":
        tk.next()
        name = tk.ident("padding name")[1]
        count = _parse_array(tk)
        if not count:
            raise SpecError(t[2], "pad needs a length: pad NAME[N];")
        tk.expect(";")
        return _Member("var", t[2], name=name, type="pad", count=count)
    typ = tk.ident("a type")
    name = tk.ident("a member name")
    count = _parse_array(tk)
    align = _parse_aligned(tk)
    tk.expect(";")
    return _Member("var", typ[2], name=name[1], type=typ[1], count=count, align=align)


def _parse_struct_block(tk):
    first = tk.next()
    packed = False
    if first[1] == "packed":
        packed = True
        first = tk.next()
    if first[1] not in ("struct", "union"):
        raise SpecError(first[2], "expected struct or union")
    name = tk.ident("a struct name")
    if not _IDENT.match(name[1]):
        raise SpecError(name[2], "bad struct name")
    tk.expect("{")
    members = _parse_members(tk, "}")
    if tk.peek()[1] == ";":
        tk.next()
    if tk.peek()[0] is not None:
        raise SpecError(tk.peek()[2], "unexpected '%s' after the struct" % tk.peek()[1])
    if not members:
        raise SpecError(name[2], "empty struct %s" % name[1])
    return _Def(name[1], first[1] == "union", packed, members, first[2])


def _parse_neutral_block(tk):
    kw = tk.expect("neutral")
    name = tk.ident("a neutral struct name")
    if not re.match(r"^[a-z][a-z0-9_]*$", name[1]):
        raise SpecError(name[2], "neutral names are snake_case")
    doc = ""
    if tk.peek()[0] == "str":
        doc = tk.next()[1][1:-1]
    tk.expect("{")
    fields = []
    seen = set()
    while tk.peek()[1] != "}":
        typ = tk.ident("a type")
        if typ[1] not in SCALARS or typ[1] == "char":
            raise SpecError(typ[2], "neutral fields are u8..u64, s32, s64 or bool, not '%s'" % typ[1])
        fname = tk.ident("a field name")
        if not re.match(r"^[a-z][a-z0-9_]*$", fname[1]):
            raise SpecError(fname[2], "neutral field names are snake_case")
        if fname[1] in seen:
            raise SpecError(fname[2], "field %s defined twice" % fname[1])
        seen.add(fname[1])
        count = _parse_array(tk)
        if count == 0:
            raise SpecError(fname[2], "neutral structs have no flexible arrays")
        if count and typ[1] not in ("u8", "u16", "u32", "u64"):
            raise SpecError(fname[2], "neutral arrays are u8, u16, u32 or u64 arrays, not %s" %
                            typ[1])
        tk.expect(";")
        fields.append(NeutralField(fname[1], typ[1], count, fname[2]))
    tk.expect("}")
    if len(fields) > 64:
        raise SpecError(kw[2], "neutral %s has more than 64 fields" % name[1])
    if not fields:
        raise SpecError(kw[2], "empty neutral struct")
    return Neutral(name[1], doc, fields, kw[2])


def _parse_codec_block(tk):
    kw = tk.expect("codec")
    name = tk.ident("a neutral struct name")
    wire = tk.ident("a wire struct name")
    until = None
    if tk.peek()[1] == "until":
        tk.next()
        until = [tk.ident("a member name")[1]]
        while tk.peek()[1] == ".":
            tk.next()
            until.append(tk.ident("a member name")[1])
        until = ".".join(until)
    tk.expect("{")
    maps, removes = [], []
    while tk.peek()[1] != "}":
        if tk.peek()[1] == "-":
            tk.next()
            f = tk.ident("a neutral field")
            tk.expect(";")
            removes.append((f[1], f[2]))
            continue
        f = tk.ident("a neutral field")
        tk.expect("=")
        path = [tk.ident("a wire member")[1]]
        while tk.peek()[1] == ".":
            tk.next()
            path.append(tk.ident("a wire member")[1])
        tk.expect(";")
        maps.append((f[1], ".".join(path), f[2]))
    tk.expect("}")
    return _CodecDef(name[1], wire[1], until, maps, removes, kw[2])


def _blocks(path):
    """Yield ('line', text, where) and ('block', tokens, where) items."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    rel = os.path.basename(path)
    i = 0
    while i < len(lines):
        text = _strip_comment(lines[i])
        where = "%s:%d" % (rel, i + 1)
        if not text.strip():
            i += 1
            continue
        first = text.split()[0]
        if first in ("struct", "union", "packed", "neutral", "codec"):
            # Collect until the braces balance.
            buf, starts = [], []
            depth = 0
            opened = False
            j = i
            while j < len(lines):
                t = _strip_comment(lines[j])
                starts.append((sum(len(b) + 1 for b in buf), j))
                buf.append(t)
                depth += t.count("{") - t.count("}")
                opened = opened or "{" in t
                j += 1
                if opened and depth <= 0:
                    break
            if depth != 0:
                raise SpecError(where, "unbalanced braces (block never closed)")
            joined = "\n".join(buf)

            def where_of(pos, starts=starts):
                line = starts[0][1]
                for off, ln in starts:
                    if off <= pos:
                        line = ln
                return "%s:%d" % (rel, line + 1)

            toks = _tokenize(joined, where_of)
            yield ("block", _Tokens(toks, "%s:%d" % (rel, j)), where)
            i = j
            continue
        yield ("line", text.split(), where)
        i += 1


# ---------------------------------------------------------------------------
# Release files.

def _proto(words, where, what):
    if len(words) != 2 or not _PROTO.match(words[1]):
        raise SpecError(where, "%s takes one name ending in -v<N>, e.g. msgq-v0" % what)
    return (words[1], int(_PROTO.match(words[1]).group(2)))


def _parse_release_file(path):
    """The statements of one release file, unresolved."""
    rel = None
    parent = None
    stmts = []
    for kind, item, where in _blocks(path):
        if kind == "block":
            head = item.peek()[1]
            if head == "codec":
                stmts.append(("codec", _parse_codec_block(item), where))
            elif head == "neutral":
                raise SpecError(where, "neutral structs belong in neutral.abi")
            else:
                stmts.append(("struct", _parse_struct_block(item), where))
            continue
        words = item
        kw = words[0]
        if kw == "release":
            if rel is not None or len(words) != 2 or not _VERSION.match(words[1]):
                raise SpecError(where, "expected one 'release <version>' line")
            rel = words[1]
        elif kw == "inherits":
            if parent is not None or len(words) != 2 or not _VERSION.match(words[1]):
                raise SpecError(where, "expected one 'inherits <version>' line")
            parent = (words[1], where)
        elif rel is None:
            raise SpecError(where, "the first statement must be 'release <version>'")
        elif kw in ("transport", "init"):
            stmts.append((kw, _proto(words, where, kw), where))
        elif kw == "firmware":
            if len(words) < 3:
                raise SpecError(where, "firmware <sig_family> <role>...")
            if not re.match(r"^[a-z0-9_]+$", words[1]):
                raise SpecError(where, "bad signature family '%s'" % words[1])
            for r in words[2:]:
                if r not in FW_ROLES:
                    raise SpecError(where, "unknown firmware role '%s' (known: %s)" %
                                    (r, " ".join(FW_ROLES)))
            if len(set(words[2:])) != len(words[2:]):
                raise SpecError(where, "a role is listed twice")
            if "gsp" not in words[2:]:
                raise SpecError(where, "every family needs the gsp image")
            stmts.append(("firmware", (words[1], words[2:]), where))
        elif kw == "param":
            if len(words) < 3:
                raise SpecError(where, "param <name> <value>")
            names = expand_braces(words[1], where)
            for n in names:
                if not _PARAM.match(n):
                    raise SpecError(where, "bad parameter name '%s'" % n)
            value = eval_expr(" ".join(words[2:]), where)
            if value < 0 or value >= 1 << 64:
                raise SpecError(where, "parameter value out of u64 range")
            stmts.append(("param", (names, value), where))
        elif kw in GROUPS:
            # <group> ID = value [c_name | -]
            line = " ".join(words[1:])
            m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$", line)
            if not m:
                raise SpecError(where, "expected '%s ID = value [NVIDIA_NAME|-]'" % kw)
            ident, rest = m.group(1), m.group(2).split()
            c_name = "?"
            if len(rest) > 1 and (_IDENT.match(rest[-1]) or rest[-1] == "-"):
                c_name = rest[-1]
                rest = rest[:-1]
            value = eval_expr(" ".join(rest), where)
            if value < 0 or value >= 1 << 32:
                raise SpecError(where, "value out of u32 range")
            if c_name == "?":
                prefix = GROUPS[kw][1]
                c_name = (prefix or "") + ident
                if kw == "ctrl":
                    c_name = ident.replace("_", "_CTRL_CMD_", 1)
            elif c_name == "-":
                c_name = None
            stmts.append(("enum", (kw, ident, Entry(value, c_name, where)), where))
        elif kw == "remove":
            if len(words) != 3:
                raise SpecError(where, "remove <what> <name>")
            what = words[1]
            if what not in list(GROUPS) + ["struct", "param", "firmware", "codec"]:
                raise SpecError(where, "cannot remove a '%s'" % what)
            names = expand_braces(words[2], where) if what == "param" else [words[2]]
            for n in names:
                stmts.append(("remove", (what, n), where))
        else:
            raise SpecError(where, "unknown statement '%s'" % kw)
    if rel is None:
        raise SpecError("%s:1" % os.path.basename(path), "no 'release <version>' line")
    return rel, parent, stmts


def _apply(release, stmts, neutral):
    for kind, arg, where in stmts:
        if kind == "transport":
            release.transport = arg
        elif kind == "init":
            release.init = arg
        elif kind == "firmware":
            release.firmware[arg[0]] = list(arg[1])
        elif kind == "param":
            for n in arg[0]:
                release.params[n] = arg[1]
        elif kind == "enum":
            group, ident, entry = arg
            release.enums[group][ident] = entry
        elif kind == "struct":
            release._defs[arg.name] = arg
        elif kind == "codec":
            old = release._codec_defs.get(arg.name)
            if old is None:
                maps = list(arg.maps)
            else:
                # A child's codec block extends the inherited mapping.
                if arg.until is None and old.wire == arg.wire:
                    arg.until = old.until
                keep = {m[0] for m in arg.maps}
                maps = [m for m in old.maps if m[0] not in keep] + list(arg.maps)
            gone = set()
            for f, w in arg.removes:
                if not any(m[0] == f for m in maps):
                    raise SpecError(w, "codec %s maps no field %s" % (arg.name, f))
                gone.add(f)
            maps = [m for m in maps if m[0] not in gone]
            release._codec_defs[arg.name] = _CodecDef(arg.name, arg.wire, arg.until, maps,
                                                      [], arg.where)
        elif kind == "remove":
            what, name = arg
            table = {"struct": release._defs, "param": release.params,
                     "firmware": release.firmware, "codec": release._codec_defs}
            table = table.get(what, release.enums.get(what))
            if name not in table:
                raise SpecError(where, "nothing to remove: %s %s is not defined" % (what, name))
            del table[name]


# ---------------------------------------------------------------------------
# Layout.

def _align_up(x, a):
    return (x + a - 1) // a * a


class _Layouter:
    def __init__(self, release):
        self.r = release
        self.done = {}
        self.busy = set()

    def struct(self, name, where):
        if name in self.done:
            return self.done[name]
        d = self.r._defs.get(name)
        if d is None:
            raise SpecError(where, "unknown type '%s' in release %s" % (name, self.r.version))
        if name in self.busy:
            raise SpecError(d.where, "struct %s contains itself" % name)
        self.busy.add(name)
        fields = []
        size, align, flex = self._aggregate(d.members, d.is_union, d.packed, "", fields, d.name)
        self.busy.discard(name)
        if flex and d.is_union:
            raise SpecError(d.where, "a union cannot hold a flexible array")
        s = Struct(name, size, align, d.packed, d.is_union, fields, flex, d.where)
        self.done[name] = s
        return s

    def _type(self, m):
        """(elem size, elem align, type string) of a 'var' member."""
        if m.type == "pad":
            return 1, 1, "pad"
        if m.type in SCALARS:
            n = SCALARS[m.type]
            return n, n, m.type
        s = self.struct(m.type, m.where)
        if s.flex and m.count is not None:
            raise SpecError(m.where, "an array of %s, which ends in a flexible array" % m.type)
        return s.size, s.align, m.type

    def _aggregate(self, members, is_union, packed, prefix, out, owner):
        """Lay out @members; append Fields (names prefixed) to @out.

        Returns (size, align, ends_in_flexible_array)."""
        offset = 0
        size = 0
        align = 1
        flex = False
        names = set()
        for idx, m in enumerate(members):
            if flex:
                raise SpecError(m.where, "a flexible array must be the last member")
            if m.kind == "agg":
                sub = []
                asz, aal, aflex = self._aggregate(m.members, m.is_union, packed,
                                                  prefix + (m.name + "." if m.name else ""),
                                                  sub, owner)
                if aflex:
                    raise SpecError(m.where, "flexible arrays are not allowed in inline aggregates")
                esize, ealign = asz, (1 if packed else aal)
                tname = "union" if m.is_union else "struct"
            else:
                esize, ealign, tname = self._type(m)
                if packed:
                    ealign = 1
                if m.type not in SCALARS and m.type != "pad" and self.done[m.type].flex:
                    if idx != len(members) - 1 or is_union:
                        raise SpecError(m.where, "%s ends in a flexible array: it must be the last member" % m.type)
                sub = []
            if m.align:
                if packed:
                    raise SpecError(m.where, "aligned() inside a packed struct")
                ealign = max(ealign, m.align)
            count = m.count
            if sub and count:
                # Its members would need an index to be named ("a[0].b").
                raise SpecError(m.where, "an array of an inline aggregate: declare the "
                                "element as a struct of its own")
            if count == 0:
                if is_union:
                    raise SpecError(m.where, "a union cannot hold a flexible array")
                if idx != len(members) - 1:
                    raise SpecError(m.where, "a flexible array must be the last member")
                flex = True
            total = esize * (count if count else 1) if count != 0 else 0
            moff = 0 if is_union else _align_up(offset, ealign)
            align = max(align, ealign)
            if m.name is not None:
                fname = prefix + m.name
                if fname in names or any(f.name == fname for f in out):
                    raise SpecError(m.where, "member %s defined twice in %s" % (fname, owner))
                names.add(fname)
                out.append(Field(fname, tname, moff, total, count, esize, ealign, m.where))
            for f in sub:
                # Anonymous aggregates' members join the enclosing scope.
                if any(g.name == f.name for g in out):
                    raise SpecError(f.where, "member %s defined twice in %s" % (f.name, owner))
                out.append(Field(f.name, f.type, moff + f.offset, f.size, f.count,
                                 f.elem_size, f.align, f.where))
            if is_union:
                size = max(size, total)
            else:
                offset = moff + total
                size = offset
        size = _align_up(size, align)
        last = members[-1]
        if (not is_union and last.kind == "var" and last.count is None
                and last.type not in SCALARS and last.type != "pad"
                and self.done[last.type].flex):
            flex = True
        return size, align, flex


def _resolve_path(release, struct, path, where):
    """Locate a (possibly dotted) member path: (offset, Field).

    Named inline aggregates' members are fields named "outer.inner"; a member
    whose type is another struct is descended into."""
    parts = path.split(".")
    s = struct
    base = 0
    i = 0
    while True:
        f = None
        for j in range(len(parts), i, -1):
            f = s.field(".".join(parts[i:j]))
            if f is not None:
                i = j
                break
        if f is None:
            raise SpecError(where, "%s has no member %s" % (struct.name, path))
        if i == len(parts):
            return base + f.offset, f
        if f.count is not None or f.type not in release.structs:
            raise SpecError(where, "cannot descend into %s.%s" % (s.name, f.name))
        base += f.offset
        s = release.structs[f.type]


def _build_codec(release, d, neutral):
    n = neutral.get(d.name)
    if n is None:
        raise SpecError(d.where, "no neutral struct '%s' (see neutral.abi)" % d.name)
    w = release.structs.get(d.wire)
    if w is None:
        raise SpecError(d.where, "codec %s: release %s has no struct %s" %
                        (d.name, release.version, d.wire))
    size = w.size
    if d.until:
        # A dotted path ends the prefix inside an embedded struct: the codec's
        # wire size is then that member's offset in the whole wire struct.
        size, _ = _resolve_path(release, w, d.until, d.where)
    fields = []
    seen = set()
    for nf_name, path, where in d.maps:
        nf = n.field(nf_name)
        if nf is None:
            raise SpecError(where, "neutral %s has no field %s" % (d.name, nf_name))
        if nf_name in seen:
            raise SpecError(where, "field %s mapped twice" % nf_name)
        seen.add(nf_name)
        off, wf = _resolve_path(release, w, path, where)
        if wf.type == "pad":
            raise SpecError(where, "%s is padding" % path)
        if wf.count == 0:
            raise SpecError(where, "%s is a flexible array" % path)
        if nf.count:
            if wf.count is None or wf.type not in SCALARS:
                raise SpecError(where, "%s is an array, %s.%s is not an array of scalars" %
                                (nf_name, d.wire, path))
            if nf.type == "u8":
                # Raw bytes: any scalar array of at most nf.count bytes.
                if nf.count < wf.size:
                    raise SpecError(where, "%s (%d bytes) is smaller than %s (%d bytes)" %
                                    (nf_name, nf.count, path, wf.size))
            else:
                # Typed: element for element, of the same width.
                if wf.elem_size != SCALARS[nf.type]:
                    raise SpecError(where, "%s is a %s array, %s %s has %d-byte elements (%s)" %
                                    (nf_name, nf.type, release.version, path, wf.elem_size,
                                     wf.type))
                if nf.count < wf.count:
                    raise SpecError(where, "%s has %d elements, fewer than %s %s's %d" %
                                    (nf_name, nf.count, release.version, path, wf.count))
        else:
            if wf.count is not None or wf.type not in SCALARS:
                raise SpecError(where, "%s.%s is not a scalar" % (d.wire, path))
            if nf.type == "bool" and wf.size != 1:
                raise SpecError(where, "bool %s maps onto a %d-byte member" % (nf_name, wf.size))
            if SCALARS[nf.type] < wf.size:
                raise SpecError(where, "%s (%s) is narrower than %s (%s)" %
                                (nf_name, nf.type, path, wf.type))
            if nf.type.startswith("s") and SCALARS[nf.type] != wf.size:
                raise SpecError(where, "signed %s must have the width of %s" % (nf_name, path))
        if off + wf.size > size:
            raise SpecError(where, "%s lies outside the encoded %d bytes" % (path, size))
        fields.append(CodecField(nf, path, off, wf.type, wf.size, wf.count, where))
    # Mapped members must not overlap (a union's views are exclusive).
    spans = sorted(fields, key=lambda c: c.offset)
    for a, b in zip(spans, spans[1:]):
        if a.offset + a.wire_size > b.offset:
            raise SpecError(b.where, "%s overlaps %s" % (b.wire_path, a.wire_path))
    order = {f.name: i for i, f in enumerate(n.fields)}
    fields.sort(key=lambda c: order[c.neutral.name])
    return Codec(d.name, d.wire, d.until, size, fields, d.where)


def _resolve(release, neutral):
    lay = _Layouter(release)
    for name, d in release._defs.items():
        lay.struct(name, d.where)
    release.structs = {name: lay.done[name] for name in release._defs}
    if release.transport is None:
        raise SpecError("%s:1" % release.file, "no 'transport' line")
    if release.init is None:
        raise SpecError("%s:1" % release.file, "no 'init' line")
    if not release.firmware:
        raise SpecError("%s:1" % release.file, "no 'firmware' line")
    for group, entries in release.enums.items():
        seen = {}
        for ident, e in entries.items():
            if e.value in seen:
                raise SpecError(e.where, "%s %s = %#x: the number is already %s" %
                                (group, ident, e.value, seen[e.value]))
            seen[e.value] = ident
    release.codecs = {}
    for name, d in release._codec_defs.items():
        release.codecs[name] = _build_codec(release, d, neutral)


def load_neutral(path):
    """The neutral structs: dict name -> Neutral."""
    out = {}
    for kind, item, where in _blocks(path):
        if kind != "block" or item.peek()[1] != "neutral":
            raise SpecError(where, "neutral.abi holds only 'neutral NAME { ... }' blocks")
        n = _parse_neutral_block(item)
        if n.name in out:
            raise SpecError(n.where, "neutral %s defined twice" % n.name)
        out[n.name] = n
    return out


def load_all(spec_dir, neutral_path=None):
    """Every release in @spec_dir (*.abi), inheritance resolved, laid out.

    @neutral_path defaults to neutral.abi beside @spec_dir (firmware-abi/)."""
    if neutral_path is None:
        neutral_path = os.path.join(os.path.dirname(os.path.abspath(spec_dir)), "neutral.abi")
    neutral = load_neutral(neutral_path) if os.path.exists(neutral_path) else {}
    parsed = {}
    for fn in sorted(os.listdir(spec_dir)):
        if not fn.endswith(".abi"):
            continue
        path = os.path.join(spec_dir, fn)
        rel, parent, stmts = _parse_release_file(path)
        if fn != rel + ".abi":
            raise SpecError("%s:1" % fn, "release %s must live in %s.abi" % (rel, rel))
        parsed[rel] = (parent, stmts, fn)
    out = {}

    def build(version, chain):
        if version in out:
            return out[version]
        parent, stmts, fn = parsed[version]
        r = Release(version)
        r.file = fn
        if parent is not None:
            pver, pwhere = parent
            if pver not in parsed:
                raise SpecError(pwhere, "inherits unknown release %s" % pver)
            if pver in chain:
                raise SpecError(pwhere, "inheritance cycle through %s" % pver)
            p = build(pver, chain | {version})
            r.parent = pver
            r.transport, r.init = p.transport, p.init
            r.firmware = copy.deepcopy(p.firmware)
            r.params = dict(p.params)
            r.enums = {g: dict(e) for g, e in p.enums.items()}
            r._defs = dict(p._defs)
            r._codec_defs = dict(p._codec_defs)
        _apply(r, stmts, neutral)
        _resolve(r, neutral)
        out[version] = r
        return r

    for v in parsed:
        build(v, frozenset())
    return {v: out[v] for v in sorted(out, key=version_key)}
