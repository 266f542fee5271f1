#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Verify firmware-abi/specs against independent definitions of NVIDIA's ABI.

The oracles (unpacked by tests/lib/oracles.sh, passed in with --oracle-root):

  nouveau-6.12       535.113.01  linux-6.12: nouveau's mirror of NVIDIA's headers,
                                 drivers/gpu/drm/nouveau/include/nvrm/535.113.01/
  nouveau-7.2-r535   535.113.01  linux-7.2: nouveau's curated excerpts,
                                 drivers/gpu/drm/nouveau/nvkm/subdev/gsp/rm/r535/nvrm/
  nouveau-7.2-r570   570.144     the same for r570: .../rm/r570/nvrm/
  nouveau-7.2-rpc.c  both        the NV_ERR_* codes named in comments of nouveau's
                                 r535_rpc_status_to_errno() (rm/r535/rpc.c), which
                                 nouveau's r570 support uses too
  nova-7.2           570.144     linux-7.2: nova-core's bindgen output,
                                 drivers/gpu/nova-core/gsp/fw/r570_144/bindings.rs
  nova-7.2-fsp       570.144     nova-core's hand-written FSP structs and NVDM types
                                 (fsp.rs, firmware/fsp.rs, mctp.rs)
  nvidia-open-535    535.113.01  NVIDIA's own SDK headers from the upstream tarball of
                                 Debian bookworm's nvidia-open-gpu-kernel-modules
                                 (tests/abi/nvidia-open.sh): another build of the 535
                                 family (535.261.03), not 535.113.01 itself. The
                                 vGPU manager's controls (ctrl2080vgpumgrinternal.h,
                                 ctrla081.h), ctrl2080gpu.h, ctrl0080gpu.h, the
                                 cl2080.h, cla081.h and cla084.h classes, and the
                                 vGPU heap and partition constants (gsp_fw_heap.h,
                                 nv_sriov_defines.h)

C oracles: every header of the tree goes into one translation unit after
oracle-shim.h. `gcc -E -dD` of it says what the oracle defines (struct and
union bodies, typedefs, macros, enumerators, with NVIDIA's X-macro enums
expanded): nothing is guessed from the raw text. For each of our structs and
numbers the oracle defines, a probe program prints sizeof/_Alignof, offsetof
and member sizes, and enumerator or macro values. A probe line that does not
compile (a member name the prefilter let through, a bit-field, a flexible
array's sizeof, a macro that is not an integer constant) is dropped with
gcc's reason printed as a `skip` line, and the probe is rebuilt; errors that
name no probe line are narrowed down by halving.

Rust oracles: nova-core's bindings.rs carries no layout assertions in
linux-7.2, so layouts are computed from the #[repr(C)] / #[repr(C, packed)]
definitions by the C layout rules (bindgen writes every padding hole as an
explicit field, and the computation reports any implicit one); assertions of
the forms `["Size of X"][size_of::<X>() - N]`, `["Offset of field: X::f"]
[offset_of!(X, f) - N]` and `assert!(size_of::<X>() == N)`, where a file has
them, must agree with the computation. Constants come from `const NAME: T =
V;` (bindgen prefixes a named enum's constants with the enum's name; both
spellings are looked up).

Every struct size and alignment, field offset and size, enum value and
parameter that an oracle also defines must equal ours. Parameters have no
NVIDIA names in the spec; PARAM_CONSTANTS below says which NVIDIA constant
each one is. Output: `ok ...` per struct and per enum group, `FAIL <release>
<oracle> <struct>.<field>: ours X theirs Y (what)` per mismatch, `conflict`
where two oracles of a release disagree, `skip` per probe line gcc rejected,
per release the counts and the list of our definitions with no independent
source, then `abi: N passed, M failed` (one check per struct, field and
number per oracle). Exit status 1 if anything failed.

Probe builds and results are cached under $NVGSP_CACHE/abi (default
~/.cache/nvgsp/abi), keyed by the headers' contents, the probe and the
compiler.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))

R535, R570 = '535.113.01', '570.144'
NOUVEAU_INC = 'drivers/gpu/drm/nouveau/include'
GSP_RM = 'drivers/gpu/drm/nouveau/nvkm/subdev/gsp/rm'
NOVA = 'drivers/gpu/nova-core'
OG_INC = 'src/common/sdk/nvidia/inc'

# kind c: headers = every *.h under these directories (relative to the tree
# root); origin = the files whose definitions count as the oracle's (anything
# else in the translation unit is the shim or libc); prelude = included
# before the headers, as nouveau's own C files do.
# kind rust: structs = our name -> theirs where they differ (`pub type A =
# B;` aliases in the file are followed by themselves); only_listed = consider
# no other struct; fields = (our struct, our field) -> their member path;
# snake = their members are our names in snake_case; enums = Rust enum ->
# {variant: NVIDIA's name}.
# kind comments: pattern = a regex with (value, NVIDIA name) groups.
ORACLES = [
    {'name': 'nouveau-6.12', 'kind': 'c', 'releases': [R535], 'tree': 'linux-6.12',
     'include': [NOUVEAU_INC],
     'headers': [NOUVEAU_INC + '/nvrm/535.113.01'],
     'origin': [NOUVEAU_INC + '/nvrm'],
     'prelude': ['nvrm/nvtypes.h']},
    {'name': 'nouveau-7.2-r535', 'kind': 'c', 'releases': [R535], 'tree': 'linux-7.2',
     'include': [NOUVEAU_INC],
     'headers': [GSP_RM + '/r535/nvrm'],
     'origin': [GSP_RM + '/r535/nvrm', NOUVEAU_INC + '/nvrm'],
     'prelude': ['nvrm/nvtypes.h']},
    {'name': 'nouveau-7.2-r570', 'kind': 'c', 'releases': [R570], 'tree': 'linux-7.2',
     'include': [NOUVEAU_INC],
     'headers': [GSP_RM + '/r570/nvrm'],
     'origin': [GSP_RM + '/r570/nvrm', NOUVEAU_INC + '/nvrm'],
     'prelude': ['nvrm/nvtypes.h']},
    {'name': 'nouveau-7.2-rpc.c', 'kind': 'comments', 'releases': [R535, R570], 'tree': 'linux-7.2',
     'file': GSP_RM + '/r535/rpc.c',
     # case 0x55: /* NV_ERR_NOT_READY */
     'pattern': r'\bcase\s+(0x[0-9a-fA-F]+|\d+)\s*:\s*/\*\s*(NV_\w+)\s*\*/'},
    {'name': 'nova-7.2', 'kind': 'rust', 'releases': [R570], 'tree': 'linux-7.2',
     'files': [NOVA + '/gsp/fw/r570_144/bindings.rs'],
     # bindgen names `typedef struct GspStaticConfigInfo_t {...} GspStaticConfigInfo;` by its tag.
     'structs': {'GspStaticConfigInfo': 'GspStaticConfigInfo_t'},
     'only_listed': False, 'fields': {}, 'snake': False, 'enums': {}},
    {'name': 'nova-7.2-fsp', 'kind': 'rust', 'releases': [R570], 'tree': 'linux-7.2',
     'files': [NOVA + '/fsp.rs', NOVA + '/firmware/fsp.rs', NOVA + '/mctp.rs'],
     'structs': {'NVDM_PAYLOAD_COT': 'NvdmPayloadCot',
                 'NVDM_PAYLOAD_COMMAND_RESPONSE': 'NvdmPayloadCommandResponse'},
     'only_listed': True,
     # nova-core groups the three signature arrays in `sigs: FmcSignatures`.
     'fields': {('NVDM_PAYLOAD_COT', 'hash384'): 'sigs.hash384',
                ('NVDM_PAYLOAD_COT', 'publicKey'): 'sigs.public_key',
                ('NVDM_PAYLOAD_COT', 'signature'): 'sigs.signature'},
     'snake': True,
     'enums': {'NvdmType': {'Cot': 'NVDM_TYPE_COT', 'FspResponse': 'NVDM_TYPE_FSP_RESPONSE'}}},
    # headers may name files as well as directories.
    {'name': 'nvidia-open-535', 'kind': 'c', 'releases': [R535], 'tree': 'nvidia-open-535',
     'build': 'is another build of the 535 family than the spec\'s 535.113.01',
     'include': [OG_INC],
     'headers': [OG_INC + '/ctrl/ctrl2080/ctrl2080vgpumgrinternal.h',
                 OG_INC + '/ctrl/ctrl2080/ctrl2080gpu.h',
                 OG_INC + '/ctrl/ctrla081.h',
                 OG_INC + '/ctrl/ctrl0080/ctrl0080gpu.h',
                 OG_INC + '/class/cl2080.h',
                 OG_INC + '/class/cla081.h',
                 OG_INC + '/class/cla084.h',
                 'src/nvidia/inc/kernel/gpu/gsp/gsp_fw_heap.h',
                 'src/nvidia/interface/nv_sriov_defines.h'],
     'origin': ['src'],
     'prelude': ['nvtypes.h']},
]

MIB = 1 << 20
LIBOS2_CHIPS = r'(tu10x|tu11x|ga100)'
LIBOS3_CHIPS = r'(ga10x|ad10x|gh100|gb10x|gb20x)'
# Our parameters (firmware-abi `param` lines) -> the NVIDIA constants they
# are, and the unit of the constant. Every candidate an oracle defines is
# checked (535 calls the LIBOS3 carveout ..._LIBOS3, 570 ..._LIBOS3_BAREMETAL).
# LIBOS2 families are TU10x, TU11x and GA100; LIBOS3 the rest (nouveau's
# r535/rm.c and r570/rm.c, nova-core's gsp/fw.rs).
PARAM_CONSTANTS = [
    (r'heap\.%s\.os_carveout' % LIBOS2_CHIPS, ['GSP_FW_HEAP_PARAM_OS_SIZE_LIBOS2'], 1),
    (r'heap\.%s\.os_carveout' % LIBOS3_CHIPS,
     ['GSP_FW_HEAP_PARAM_OS_SIZE_LIBOS3', 'GSP_FW_HEAP_PARAM_OS_SIZE_LIBOS3_BAREMETAL'], 1),
    (r'heap\.%s\.min' % LIBOS2_CHIPS, ['GSP_FW_HEAP_SIZE_OVERRIDE_LIBOS2_MIN_MB'], MIB),
    (r'heap\.%s\.min' % LIBOS3_CHIPS, ['GSP_FW_HEAP_SIZE_OVERRIDE_LIBOS3_BAREMETAL_MIN_MB'], MIB),
    (r'heap\.(tu10x|tu11x|ga100|ga10x|ad10x)\.base_rm', ['GSP_FW_HEAP_PARAM_BASE_RM_SIZE_TU10X'], 1),
    (r'heap\.(gh100|gb10x|gb20x)\.base_rm', ['GSP_FW_HEAP_PARAM_BASE_RM_SIZE_GH100'], 1),
    (r'heap\.per_gb_fb', ['GSP_FW_HEAP_PARAM_SIZE_PER_GB_FB'], 1),
    (r'heap\.client_alloc', ['GSP_FW_HEAP_PARAM_CLIENT_ALLOC_SIZE'], 1),
    (r'wpr_meta\.magic', ['GSP_FW_WPR_META_MAGIC'], 1),
    (r'wpr_meta\.revision', ['GSP_FW_WPR_META_REVISION'], 1),
    (r'wpr_meta\.verified', ['GSP_FW_WPR_META_VERIFIED'], 1),
    (r'rpc\.signature', ['NV_VGPU_MSG_SIGNATURE_VALID'], 1),
    (r'rpc\.result_pending', ['NV_VGPU_MSG_RESULT_RPC_PENDING'], 1),
    (r'msgq\.element_max', ['GSP_MSG_QUEUE_ELEMENT_SIZE_MAX'], 1),
    (r'registry\.type_dword', ['REGISTRY_TABLE_ENTRY_TYPE_DWORD'], 1),
    (r'intr\.engine_idx\.gsp', ['MC_ENGINE_IDX_GSP'], 1),
    (r'intr\.table_max', ['NV2080_CTRL_INTERNAL_INTR_MAX_TABLE_SIZE'], 1),
    # The vGPU manager (ctrl2080vgpumgrinternal.h, ctrl2080gpu.h, ctrla081.h,
    # gsp_fw_heap.h, nv_sriov_defines.h). sizeof()/offsetof() candidates are
    # probed where the oracle defines the type.
    (r'vgpu\.max_engines', ['NV2080_GPU_MAX_ENGINES'], 1),
    (r'vgpu\.max_engines_list', ['NV2080_GPU_MAX_ENGINES_LIST_SIZE'], 1),
    (r'vgpu\.max_vmmu_segments', ['NV2080_CTRL_MAX_VMMU_SEGMENTS'], 1),
    (r'vgpu\.heap', ['GSP_FW_HEAP_SIZE_VGPU_DEFAULT'], 1),
    (r'vgpu\.vf_partitions', ['MAX_PARTITIONS_WITH_GFID'], 1),
    (r'vgpu\.type_info_size', ['sizeof(NVA081_CTRL_VGPU_INFO)'], 1),
    (r'vgpu\.type_info_max_instance', ['offsetof(NVA081_CTRL_VGPU_INFO, maxInstance)'], 1),
    (r'vgpu\.type_info_fb_length', ['offsetof(NVA081_CTRL_VGPU_INFO, fbLength)'], 1),
    (r'vgpu\.add_type_params_size',
     ['sizeof(NV2080_CTRL_VGPU_MGR_INTERNAL_PGPU_ADD_VGPU_TYPE_PARAMS)'], 1),
    # The host RPC channel: only the vGPU RFCs define these (no oracle does).
    (r'vgpu\.rpc\.ctrl_version', ['VGPU_CPU_GSP_CTRL_BUFF_VERSION'], 1),
    (r'vgpu\.rpc\.bootloaded', ['GSP_PLUGIN_BOOTLOADED'], 1),
    (r'vgpu\.rpc\.ctrl_size', ['VGPU_CPU_GSP_CTRL_BUFF_REGION_SIZE'], 1),
    (r'vgpu\.rpc\.response_size', ['VGPU_CPU_GSP_RESPONSE_BUFF_REGION_SIZE'], 1),
    (r'vgpu\.rpc\.message_size', ['VGPU_CPU_GSP_MESSAGE_BUFF_REGION_SIZE'], 1),
    (r'vgpu\.rpc\.migration_size', ['VGPU_CPU_GSP_MIGRATION_BUFF_REGION_SIZE'], 1),
    (r'vgpu\.rpc\.error_size', ['VGPU_CPU_GSP_ERROR_BUFF_REGION_SIZE'], 1),
    (r'vgpu\.rpc\.init_log_size', ['VGPU_CPU_GSP_INIT_TASK_LOG_BUFF_REGION_SIZE'], 1),
    (r'vgpu\.rpc\.vgpu_log_size', ['VGPU_CPU_GSP_VGPU_TASK_LOG_BUFF_REGION_SIZE'], 1),
    (r'vgpu\.rpc\.kernel_log_size', ['VGPU_CPU_GSP_KERNEL_TASK_LOG_BUFF_REGION_SIZE'], 1),
]

# bindgen appends '_' to C member names that are Rust keywords (`type` -> `type_`).
RUST_KEYWORDS = {
    'as', 'break', 'const', 'continue', 'crate', 'else', 'enum', 'extern', 'false', 'fn', 'for',
    'if', 'impl', 'in', 'let', 'loop', 'match', 'mod', 'move', 'mut', 'pub', 'ref', 'return',
    'self', 'static', 'struct', 'super', 'trait', 'true', 'type', 'unsafe', 'use', 'where',
    'while', 'async', 'await', 'dyn', 'abstract', 'become', 'box', 'do', 'final', 'macro',
    'override', 'priv', 'typeof', 'unsized', 'virtual', 'yield', 'try', 'union',
}

# Known errors of one oracle, as (oracle, definition) -> why. A mismatch with
# such an oracle is reported as `known ...` instead of failing, and only while
# another oracle of the same release agrees with our value. Definitions are
# written as in FAIL lines: STRUCT (size), STRUCT.FIELD, or the NVIDIA
# constant's name.
ORACLE_ERRATA = {
    # NVIDIA's gsp_fw_heap.h defines this as 88 plus two BULLSEYE deltas when
    # RMCFG_FEATURE_GSPRM_BULLSEYE is set and as plain 88 otherwise; nouveau's
    # r570 excerpt keeps the sum (88 + 12 + 70 = 170), nova-core's bindgen run
    # took the plain branch (88). The spec follows nouveau, whose r570 rm.c
    # uses this minimum with the 570.144 firmware.
    ('nova-7.2', 'GSP_FW_HEAP_SIZE_OVERRIDE_LIBOS3_BAREMETAL_MIN_MB'):
        'nova-core took the non-BULLSEYE branch of gsp_fw_heap.h (88 MiB); nouveau has 88 + 12 + 70',
}

CFLAGS = ['-m64', '-std=gnu11', '-O0', '-fno-diagnostics-color', '-fno-diagnostics-show-caret',
          '-ftrack-macro-expansion=0']


def log(msg):
    print(msg, flush=True)


def sha(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode())
        h.update(b'\0')
    return h.hexdigest()[:32]


class Cache:
    def __init__(self, root):
        self.root = root
        os.makedirs(root, exist_ok=True)

    def get(self, key):
        path = os.path.join(self.root, key + '.json')
        try:
            with open(path) as f:
                got = json.load(f)
            os.utime(path)
            return got
        except (OSError, ValueError):
            return None

    def put(self, key, value):
        fd, tmp = tempfile.mkstemp(dir=self.root, suffix='.tmp')
        with os.fdopen(fd, 'w') as f:
            json.dump(value, f)
        os.replace(tmp, os.path.join(self.root, key + '.json'))
        self.prune()

    def prune(self, keep=64):
        """Keep the newest `keep` entries: every spec edit makes new probes."""
        try:
            names = [os.path.join(self.root, n) for n in os.listdir(self.root) if n.endswith('.json')]
            names.sort(key=os.path.getmtime, reverse=True)
            for n in names[keep:]:
                os.unlink(n)
        except OSError:
            pass


# ---------------------------------------------------------------- our specs

def load_specs(gen_dir, spec_dir):
    sys.dont_write_bytecode = True   # no __pycache__ in the source tree
    sys.path.insert(0, gen_dir)
    import nvgsp_abi_spec  # the other half of firmware-abi/
    return nvgsp_abi_spec.load_all(spec_dir)


def nvidia_fields(st):
    """The struct's fields that are NVIDIA members (not our explicit padding)."""
    return [f for f in st.fields if f.type != 'pad']


class Number:
    """An enum entry or a parameter: what an oracle may define a constant for."""

    def __init__(self, group, ident, value, c_names, scale=1):
        self.group, self.ident, self.value = group, ident, value
        self.c_names, self.scale = c_names, scale

    def what(self, c_name):
        unit = '' if self.scale == 1 else ' x %d' % self.scale
        return '%s.%s (%s%s)' % (self.group, self.ident, c_name, unit)


def spec_numbers(rel):
    out = []
    for group, entries in sorted(rel.enums.items()):
        for ident, e in sorted(entries.items()):
            out.append(Number(group, ident, e.value, [e.c_name] if e.c_name else []))
    for name, value in sorted((getattr(rel, 'params', None) or {}).items()):
        if not isinstance(value, int):
            continue
        names, scale = [], 1
        for pattern, candidates, unit in PARAM_CONSTANTS:
            if re.fullmatch(pattern, name):
                names, scale = candidates, unit
                break
        if name.startswith('vgpu.msg.'):
            # The host RPC channel's message types (the RFCs' enum MESSAGE).
            names = ['NV_VGPU_CPU_RPC_MSG_' + name[len('vgpu.msg.'):].upper()]
        out.append(Number('param', name, value, names, scale))
    return out


# ---------------------------------------------------------------- C oracles

def match_close(text, i, open_ch='{', close_ch='}'):
    """Index of the bracket closing the one at text[i]."""
    depth = 0
    for j in range(i, len(text)):
        c = text[j]
        if c == open_ch:
            depth += 1
        elif c == close_ch:
            depth -= 1
            if depth == 0:
                return j
    raise ValueError('unbalanced %s at %d' % (open_ch, i))


def strip_attributes(text):
    out, i = [], 0
    for m in re.finditer(r'__attribute__\s*\(', text):
        if m.start() < i:
            continue
        out.append(text[i:m.start()])
        i = match_close(text, m.end() - 1, '(', ')') + 1
    out.append(text[i:])
    return ''.join(out)


def split_top(text, sep=','):
    parts, depth, cur = [], 0, []
    for c in text:
        if c in '({[':
            depth += 1
        elif c in ')}]':
            depth -= 1
        if c == sep and depth == 0:
            parts.append(''.join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append(''.join(cur))
    return parts


def scan_preprocessed(text, origins):
    """What a `gcc -E -dD` output defines in files under `origins`.

    Returns (types, consts, files): types maps a usable name to [C type
    expression, body text]; consts is the set of object-like macros and
    enumerators.
    """
    cur = ''
    code, macros, files = [], set(), set()
    marker = re.compile(r'^# \d+ "([^"]*)"')
    define = re.compile(r'^#define (\w+)(?:\s|$)')

    def mine(path):
        return any(path.startswith(o + '/') for o in origins)
    for line in text.split('\n'):
        m = marker.match(line)
        if m:
            cur = m.group(1)
            continue
        if not mine(cur):
            continue
        files.add(cur)
        if line.startswith('#'):
            m = define.match(line)
            if m:
                macros.add(m.group(1))
            continue
        code.append(line)
    code = strip_attributes('\n'.join(code))

    types, tagged, enumerators = {}, {}, set()
    for m in re.finditer(r'\b(struct|union|enum)\b\s*(\w*)\s*\{', code):
        kind, tag = m.group(1), m.group(2)
        end = match_close(code, m.end() - 1)
        body = code[m.end():end]
        if kind == 'enum':
            for item in split_top(body):
                n = re.match(r'\s*(\w+)', item)
                if n:
                    enumerators.add(n.group(1))
        elif tag:
            tagged[tag] = ['%s %s' % (kind, tag), body]
        if re.search(r'\btypedef\s*$', code[max(0, m.start() - 40):m.start()]):
            decl = code[end + 1:code.index(';', end)]
            for d in split_top(decl):
                n = re.match(r'\s*(\w+)', d)
                if n and kind != 'enum':
                    types[n.group(1)] = [n.group(1), body]
    for m in re.finditer(r'\btypedef\s+(?:(struct|union)\s+)?(\w+)\s+(\w+)\s*;', code):
        base, name = m.group(2), m.group(3)
        src = types.get(base) or tagged.get(base)
        if src and name not in types:
            types[name] = [name, src[1]]
    for tag, v in tagged.items():
        types.setdefault(tag, v)
    return types, macros | enumerators, files


class CProbe:
    """Compile and run probe programs against one C oracle."""

    def __init__(self, oracle, root, cc, cache):
        self.o, self.root, self.cc, self.cache = oracle, root, cc, cache
        self.inc = [os.path.join(root, d) for d in oracle['include']] + [HERE]
        hdrs = []
        for d in oracle['headers']:
            if os.path.isfile(os.path.join(root, d)):
                hdrs.append(os.path.join(root, d))
                continue
            for dirpath, _, names in os.walk(os.path.join(root, d)):
                hdrs += [os.path.join(dirpath, n) for n in names if n.endswith('.h')]
        self.headers = sorted(hdrs)
        self.umbrella = ''.join(
            ['#include "oracle-shim.h"\n'] +
            ['#include <%s>\n' % p for p in oracle['prelude']] +
            ['#include "%s"\n' % h for h in self.headers])
        h = hashlib.sha256()
        for f in self.headers + [os.path.join(HERE, 'oracle-shim.h')] + \
                [os.path.join(self.inc[0], p) for p in oracle['prelude']]:
            with open(f, 'rb') as fh:
                h.update(f.encode() + b'\0' + fh.read())
        self.cc_id = subprocess.run([cc, '--version'], capture_output=True, text=True).stdout
        self.key = sha(h.hexdigest(), self.umbrella, self.cc_id, CFLAGS, self.inc)

    def flags(self):
        return CFLAGS + ['-I' + d for d in self.inc]

    def definitions(self):
        """(types, consts) the oracle defines; raises RuntimeError if its headers do not build."""
        key = 'defs-' + self.key
        got = self.cache.get(key)
        if got is None:
            with tempfile.TemporaryDirectory() as tmp:
                src = os.path.join(tmp, 'umbrella.c')
                with open(src, 'w') as f:
                    f.write(self.umbrella + 'int main(void) { return 0; }\n')
                r = subprocess.run([self.cc] + self.flags() + ['-fsyntax-only', src],
                                   capture_output=True, text=True)
                if r.returncode:
                    raise RuntimeError('headers do not compile: ' + first_errors(r.stderr))
                r = subprocess.run([self.cc] + self.flags() + ['-E', '-dD', src],
                                   capture_output=True, text=True)
                if r.returncode:
                    raise RuntimeError('preprocessing failed: ' + first_errors(r.stderr))
            origins = [os.path.join(self.root, d) for d in self.o['origin']]
            types, consts, files = scan_preprocessed(r.stdout, origins)
            got = {'types': types, 'consts': sorted(consts), 'files': len(files)}
            self.cache.put(key, got)
        return got['types'], set(got['consts']), got['files']

    def run(self, items):
        """items: list of (kind, type_expr, member_or_name). Returns (values, skips).

        kinds: S -> [size, align]; O -> offset; Z -> member size; E -> value.
        values maps an item's index to its result; skips maps it to gcc's reason.
        """
        key = 'probe-' + sha(self.key, json.dumps(items))
        got = self.cache.get(key)
        if got is not None:
            return ({int(k): v for k, v in got['values'].items()},
                    {int(k): v for k, v in got['skips'].items()})
        skips = {}
        with tempfile.TemporaryDirectory() as tmp:
            live = list(range(len(items)))
            while True:
                ok, errs, unmapped = self.build(tmp, items, live)
                if ok:
                    break
                if errs:
                    for i, why in errs.items():
                        skips[i] = why
                    live = [i for i in live if i not in errs]
                    continue
                # Errors on no probe line: find the culprits by halving.
                bad = self.bisect(tmp, items, live)
                if not bad:
                    raise RuntimeError('probe does not compile: ' + unmapped)
                skips.update(bad)
                live = [i for i in live if i not in bad]
            r = subprocess.run([os.path.join(tmp, 'probe')], capture_output=True, text=True)
            if r.returncode:
                raise RuntimeError('probe exited %d: %s' % (r.returncode, r.stderr[:200]))
            values = {}
            for line in r.stdout.splitlines():
                f = line.split()
                i = int(f[1])
                values[i] = [int(f[2]), int(f[3])] if f[0] == 'S' else int(f[2])
            missing = [i for i in live if i not in values]
            if missing:
                raise RuntimeError('probe printed nothing for %d items' % len(missing))
        self.cache.put(key, {'values': values, 'skips': skips})
        return values, skips

    def bisect(self, tmp, items, live):
        """{item: gcc's reason} for the items of `live` that do not compile."""
        ok, errs, unmapped = self.build(tmp, items, live)
        if ok:
            return {}
        if len(live) == 1:
            return {live[0]: errs.get(live[0]) or unmapped or 'does not compile'}
        half = len(live) // 2
        bad = self.bisect(tmp, items, live[:half])
        bad.update(self.bisect(tmp, items, live[half:]))
        return bad

    def build(self, tmp, items, live):
        """Compile a probe of items[live]; (ok, {item: error}, unmapped errors)."""
        top, body = [], []
        for i in live:
            kind, t, m = items[i]
            if kind == 'S':
                body.append('\tprintf("S %d %%zu %%zu\\n", sizeof(%s), _Alignof(%s));' % (i, t, t))
            elif kind == 'O':
                body.append('\tprintf("O %d %%zu\\n", offsetof(%s, %s));' % (i, t, m))
            elif kind == 'Z':
                body.append('\tprintf("Z %d %%zu\\n", sizeof(((%s *)0)->%s));' % (i, t, m))
            else:
                # An integer constant expression, or this file-scope array fails.
                top.append((i, 'typedef char nvgsp_ice_%d[((%s) %% 1 == 0) ? 1 : -1];' % (i, m)))
                body.append('\tprintf("E %d %%llu\\n", (unsigned long long)(%s));' % (i, m))
        # Line numbers (1-based) of each item's lines, to map gcc's errors back.
        pre = self.umbrella.count('\n')
        where = {pre + 1 + j: i for j, (i, _) in enumerate(top)}
        first_body = pre + len(top) + 3
        where.update({first_body + n: i for n, i in enumerate(live)})
        src = self.umbrella + ''.join(t + '\n' for _, t in top) + 'int main(void)\n{\n' + \
            ''.join(b + '\n' for b in body) + '\treturn 0;\n}\n'
        path = os.path.join(tmp, 'probe.c')
        with open(path, 'w') as f:
            f.write(src)
        r = subprocess.run([self.cc] + self.flags() + ['-o', os.path.join(tmp, 'probe'), path],
                           capture_output=True, text=True)
        if r.returncode == 0:
            return True, {}, ''
        errs, unmapped = {}, []
        for line in r.stderr.splitlines():
            m = re.match(r'(.*?):(\d+):\d+: (?:fatal )?error: (.*)', line)
            if not m:
                continue
            if m.group(1) == path and int(m.group(2)) in where:
                errs.setdefault(where[int(m.group(2))], m.group(3))
            else:
                unmapped.append(line)
        return False, errs, '; '.join(unmapped[:3])


def first_errors(stderr):
    errs = [l for l in stderr.splitlines() if ': error:' in l]
    return '; '.join(errs[:3]) or stderr.strip()[:300]


# What may go into a probe line: identifiers and member paths (a.b), nothing else.
C_DESIGNATOR = re.compile(r'^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$')
# A parameter candidate that is a layout fact: sizeof(T) or offsetof(T, m).
LAYOUT_EXPR = re.compile(r'(sizeof|offsetof)\((\w+)(?:, *[A-Za-z_][\w.]*)?\)')


def check_c_oracle(o, root, rel, cc, cache, res):
    probe = CProbe(o, root, cc, cache)
    types, consts, nfiles = probe.definitions()
    items, plan, numbers, seen = [], [], [], {}

    def add(item):
        items.append(item)
        return len(items) - 1

    for sname, st in sorted(rel.structs.items()):
        t = types.get(sname)
        if not t:
            continue
        expr, body = t
        entry = {'struct': st, 'S': add(('S', expr, None)), 'fields': []}
        for f in nvidia_fields(st):
            # Prefilter: the member's first name component occurs in the body
            # (gcc has the last word: a false hit becomes a `skip` line).
            first = f.name.split('.')[0]
            if C_DESIGNATOR.match(f.name) and re.search(r'\b%s\b' % re.escape(first), body):
                entry['fields'].append((f, add(('O', expr, f.name)), add(('Z', expr, f.name))))
        plan.append(entry)
    for n in spec_numbers(rel):
        for c in n.c_names:
            m = LAYOUT_EXPR.fullmatch(c)
            if m and m.group(2) in types and c not in seen:
                seen[c] = add(('E', None, c))
            if m and m.group(2) in types:
                numbers.append((n, c, seen[c]))
                continue
            if c in consts and C_DESIGNATOR.match(c):
                if c not in seen:
                    seen[c] = add(('E', None, c))
                numbers.append((n, c, seen[c]))
    values, skips = probe.run(items)
    for i, why in sorted(skips.items()):
        kind, t, m = items[i]
        what = {'S': 'sizeof(%s)' % t, 'O': 'offsetof(%s, %s)' % (t, m),
                'Z': 'sizeof(%s.%s)' % (t, m), 'E': m}[kind]
        log('skip %s %s %s: %s' % (rel.version, o['name'], what, why))
    compare(res, rel.version, o['name'], plan, numbers, values)
    if o.get('build'):
        # Name the build: the tree's last path component is its version.
        return '%d headers; %s %s' % (nfiles, os.path.basename(os.path.normpath(root)), o['build'])
    return '%d headers' % nfiles


def check_comments_oracle(o, root, rel, cache, res):
    with open(os.path.join(root, o['file'])) as f:
        text = f.read()
    consts = {name: int(v, 0) for v, name in re.findall(o['pattern'], text)}
    values, numbers = {}, []
    for n in spec_numbers(rel):
        for c in n.c_names:
            if c in consts:
                values[len(values)] = consts[c]
                numbers.append((n, c, len(values) - 1))
    compare(res, rel.version, o['name'], [], numbers, values)
    return '%d values named in comments of %s' % (len(consts), os.path.basename(o['file']))


# ---------------------------------------------------------------- nova-core (Rust)

RUST_PRIM = {
    'u8': 1, 'i8': 1, 'bool': 1, 'u16': 2, 'i16': 2, 'u32': 4, 'i32': 4, 'f32': 4, 'char': 4,
    'u64': 8, 'i64': 8, 'f64': 8, 'usize': 8, 'isize': 8, 'u128': 16, 'i128': 16,
    'c_char': 1, 'c_schar': 1, 'c_uchar': 1, 'c_short': 2, 'c_ushort': 2, 'c_int': 4,
    'c_uint': 4, 'c_long': 8, 'c_ulong': 8, 'c_longlong': 8, 'c_ulonglong': 8,
    'c_float': 4, 'c_double': 8,
}
VIS = r'(?:pub(?:\([^)]*\))?\s+)?'


class RustLayout:
    """The repr(C) layout of Rust struct definitions, computed with the C rules."""

    def __init__(self, text):
        text = re.sub(r'//[^\n]*', '', text)
        self.aliases = dict(re.findall(r'^\s*' + VIS + r'type (\w+)\s*=\s*(.+?);\s*$', text, re.M))
        self.items = {}   # name -> (kind, repr attributes, [(member, type)])
        item = re.compile(r'((?:#\[[^\]]*\]\s*)*)' + VIS + r'(struct|union) (\w+)\s*(?:<[^>{]*>)?\s*\{(.*?)\n\}',
                          re.S)
        for m in item.finditer(text):
            attrs = ' '.join(re.findall(r'#\[repr\(([^\]]*)\)\]', m.group(1)))
            fields = re.findall(r'^\s*' + VIS + r'(\w+)\s*:\s*(.+?),?\s*$', m.group(4), re.M)
            self.items[m.group(3)] = (m.group(2), attrs, fields)
        self.consts = {}
        for m in re.finditer(r'\b' + VIS + r'const (\w+)\s*:\s*([\w:]+)\s*=\s*(-?(?:0x[0-9a-fA-F_]+|[0-9_]+))'
                             r'(?:[iu]\d+|usize|isize)?\s*;', text):
            name, ty, val = m.group(1), m.group(2), int(m.group(3).replace('_', ''), 0)
            self.consts[name] = val
            # bindgen prefixes a named C enum's enumerators with the enum's name.
            if ty in self.aliases and name.startswith(ty + '_'):
                self.consts.setdefault(name[len(ty) + 1:], val)
        self.enums = {}
        for m in re.finditer(r'\benum (\w+)\s*\{(.*?)\n\}', text, re.S):
            self.enums[m.group(1)] = {k: int(v, 0) for k, v in
                                      re.findall(r'^\s*(\w+)\s*=\s*(0x[0-9a-fA-F]+|\d+)\s*,', m.group(2), re.M)}
        self.asserts = self.parse_asserts(text)
        self.memo = {}
        self.holes = []

    @staticmethod
    def parse_asserts(text):
        """Layout assertions, where a file has them: {('size'|'align'|'offset', type, member): value}."""
        out = {}
        for m in re.finditer(r'\[\s*"Size of \w+"\s*\]\s*\[\s*::core::mem::size_of::<(\w+)>\(\)\s*-\s*(\d+)usize\s*\]', text):
            out[('size', m.group(1), None)] = int(m.group(2))
        for m in re.finditer(r'\[\s*"Alignment of \w+"\s*\]\s*\[\s*::core::mem::align_of::<(\w+)>\(\)\s*-\s*(\d+)usize\s*\]', text):
            out[('align', m.group(1), None)] = int(m.group(2))
        for m in re.finditer(r'\[\s*"Offset of field: [\w:]+"\s*\]\s*\[\s*::core::mem::offset_of!\((\w+),\s*(\w+)\)\s*-\s*(\d+)usize\s*\]', text):
            out[('offset', m.group(1), m.group(2))] = int(m.group(3))
        for m in re.finditer(r'::core::mem::(size|align)_of::<(\w+)>\(\)\s*(?:==|,)\s*(\d+)usize', text):
            out[(m.group(1), m.group(2), None)] = int(m.group(3))
        for m in re.finditer(r'offset_of!\((\w+),\s*(\w+)\)\s*(?:==|,)\s*(\d+)usize', text):
            out[('offset', m.group(1), m.group(2))] = int(m.group(3))
        return out

    def resolve(self, t):
        t = t.strip()
        for _ in range(32):
            if t not in self.aliases:
                break
            t = self.aliases[t].strip()
        return t

    def layout(self, t):
        """(size, align) of a Rust type."""
        t = self.resolve(t)
        m = re.match(r'^\[(.+);\s*(\w+)\]$', t)
        if m:
            s, a = self.layout(m.group(1))
            n = m.group(2)
            n = int(n[:-5] if n.endswith('usize') else n) if n[0].isdigit() else self.consts[n]
            return s * n, a
        m = re.match(r'^(?:__IncompleteArrayField|__BindgenUnionField)<(.+)>$', t)
        if m:
            return 0, self.layout(m.group(1))[1]
        m = re.match(r'^__BindgenBitfieldUnit<(.+)>$', t)
        if m:
            return self.layout(m.group(1))[0], 1
        if t.startswith(('*', '&', 'Option<')):
            return 8, 8
        prim = t.split('::')[-1]
        if prim in RUST_PRIM:
            return RUST_PRIM[prim], RUST_PRIM[prim]
        if t in self.items:
            lay = self.struct(t)
            return lay['size'], lay['align']
        raise KeyError('unknown Rust type %r' % t)

    def struct(self, name):
        """{'size', 'align', 'fields': [(name, offset, size, type)]}, anonymous members flattened."""
        if name in self.memo:
            return self.memo[name]
        kind, attrs, fields = self.items[name]
        if not re.search(r'\bC\b', attrs):
            raise KeyError('%s is not #[repr(C)]' % name)
        pack = None
        m = re.search(r'\bpacked(?:\((\d+)\))?', attrs)
        if m:
            pack = int(m.group(1) or 1)
        m = re.search(r'\balign\((\d+)\)', attrs)
        off, size, align, out = 0, 0, int(m.group(1)) if m else 1, []
        for fname, ftype in fields:
            fs, fa = self.layout(ftype)
            if pack:
                fa = min(fa, pack)
            if kind == 'union':
                fo = 0
                size = max(size, fs)
            else:
                fo = -(-off // fa) * fa
                if fo != off:
                    self.holes.append('%s.%s' % (name, fname))
                off = fo + fs
                size = off
            align = max(align, fa)
            if re.match(r'^__bindgen_anon_\d+$', fname):
                for sub in self.struct(self.resolve(ftype))['fields']:
                    out.append((sub[0], fo + sub[1], sub[2], sub[3]))
            elif not fname.startswith('__bindgen_padding_'):
                out.append((fname, fo, fs, self.resolve(ftype)))
        size = -(-size // align) * align
        self.memo[name] = {'size': size, 'align': align, 'fields': out}
        return self.memo[name]

    def member(self, name, path):
        """(offset, size) of a dotted member path, or None."""
        off, cur = 0, name
        parts = path.split('.')
        for k, p in enumerate(parts):
            if cur not in self.items:
                return None
            hit = [f for f in self.struct(cur)['fields'] if f[0] == p]
            if not hit:
                return None
            off += hit[0][1]
            if k == len(parts) - 1:
                return off, hit[0][2]
            cur = self.resolve(hit[0][3])
        return None


def snake(name):
    return re.sub(r'(?<=[a-z0-9])([A-Z])', r'_\1', name).lower()


def rust_member_path(o, sname, fname):
    """Our member path in the oracle's spelling."""
    if (sname, fname) in o['fields']:
        return o['fields'][(sname, fname)]
    parts = [snake(p) if o['snake'] else p for p in fname.split('.')]
    return '.'.join(p + '_' if p in RUST_KEYWORDS else p for p in parts)


def check_rust_oracle(o, root, rel, cache, res):
    text = ''
    for path in o['files']:
        with open(os.path.join(root, path)) as f:
            text += f.read() + '\n'
    rl = RustLayout(text)
    for enum, names in o['enums'].items():
        for variant, c_name in names.items():
            if variant in rl.enums.get(enum, {}):
                rl.consts[c_name] = rl.enums[enum][variant]
    # The file's own assertions, where it has them, must agree with the computation.
    for (what, ty, fld), want in sorted(rl.asserts.items(), key=str):
        try:
            got = rl.member(ty, fld)[0] if what == 'offset' else rl.struct(ty)[what]
        except (KeyError, TypeError):
            continue
        if got != want:
            res.fail(rel.version, o['name'], '%s%s' % (ty, '.' + fld if fld else ''), got, want,
                     'computed %s vs the file\'s own assertion' % what)
    plan, values = [], {}

    def put(v):
        values[len(values)] = v
        return len(values) - 1
    for sname, st in sorted(rel.structs.items()):
        if o['only_listed'] and sname not in o['structs']:
            continue
        rname = rl.resolve(o['structs'].get(sname, sname))
        if rname not in rl.items:
            continue
        try:
            lay = rl.struct(rname)
        except KeyError as e:
            log('skip %s %s %s: %s' % (rel.version, o['name'], sname, e))
            continue
        entry = {'struct': st, 'S': put([lay['size'], lay['align']]), 'fields': []}
        for f in nvidia_fields(st):
            mem = rl.member(rname, rust_member_path(o, sname, f.name))
            if mem is not None:
                entry['fields'].append((f, put(mem[0]), put(mem[1])))
        plan.append(entry)
    numbers = []
    for n in spec_numbers(rel):
        for c in n.c_names:
            if c in rl.consts:
                numbers.append((n, c, put(rl.consts[c])))
    compare(res, rel.version, o['name'], plan, numbers, values)
    note = '%d structs, %d constants' % (len(rl.items), len(rl.consts))
    if rl.holes:
        note += '; implicit padding before %s' % ', '.join(sorted(set(rl.holes))[:5])
    if rl.asserts:
        note += '; %d layout assertions cross-checked' % len(rl.asserts)
    else:
        note += '; layouts computed (no layout assertions in the file)'
    return note


# ---------------------------------------------------------------- comparison and report

class Results:
    def __init__(self):
        self.passed = self.failed = self.known = 0
        self.counts = {}     # (release, oracle) -> [structs, fields, numbers]
        self.covered = {}    # release -> set of ('S', name) / ('F', name, field) / ('E', group, id)
        self.theirs = {}     # release -> {(definition, what): {oracle: value}}
        self.pending = []    # mismatches with an oracle's known erratum, settled in settle()

    def seen(self, release, oracle, what, kind, theirs):
        self.theirs.setdefault(release, {}).setdefault((what, kind), {})[oracle] = theirs

    def mismatch(self, release, oracle, what, ours, theirs, kind, key=None):
        """Report a mismatch; returns True if it counts as a failure."""
        why = ORACLE_ERRATA.get((oracle, key or what))
        if why:
            self.pending.append((release, oracle, what, ours, theirs, kind, why))
            return False
        self.fail(release, oracle, what, ours, theirs, kind)
        return True

    def fail(self, release, oracle, what, ours, theirs, kind):
        log('FAIL %s %s %s: ours %s theirs %s (%s)' % (release, oracle, what, fmt(ours), fmt(theirs), kind))
        self.failed += 1

    def settle(self, release):
        """Errata stand only while another oracle of the release agrees with us; list conflicts."""
        for r, oracle, what, ours, theirs, kind, why in self.pending:
            if r != release:
                continue
            others = [v for o, v in self.theirs.get(r, {}).get((what, kind), {}).items() if o != oracle]
            if any(same(ours, v) for v in others):
                log('known %s %s %s: ours %s theirs %s (%s): %s' % (r, oracle, what, fmt(ours), fmt(theirs), kind, why))
                self.known += 1
            else:
                self.fail(r, oracle, what, ours, theirs, kind + '; an erratum, but no other oracle agrees with ours')
                self.passed -= 1   # compare() counted it as passed, pending this
        for (what, kind), by in sorted(self.theirs.get(release, {}).items()):
            if len({v & MASK64 for v in by.values()}) > 1:
                log('conflict %s %s (%s): %s' % (release, what, kind,
                                                  ', '.join('%s %s' % (o, fmt(v)) for o, v in sorted(by.items()))))

    def tally(self, release, oracle, k, n=1):
        self.counts.setdefault((release, oracle), [0, 0, 0])[k] += n


MASK64 = (1 << 64) - 1


def same(a, b):
    return (a & MASK64) == (b & MASK64)


def fmt(v):
    if isinstance(v, int) and abs(v) >= 0x1000:
        return '0x%x' % (v & MASK64)
    return str(v)


def compare(res, release, oracle, plan, numbers, values):
    """plan: [{'struct', 'S': index, 'fields': [(Field, offset index, size index)]}];
    numbers: [(Number, NVIDIA name, index)]; values: index -> the oracle's value."""
    cov = res.covered.setdefault(release, set())
    for entry in plan:
        st = entry['struct']
        bad = 0
        got = values.get(entry['S'])
        if got is not None:
            res.tally(release, oracle, 0)
            cov.add(('S', st.name))
            res.seen(release, oracle, st.name, 'size', got[0])
            res.seen(release, oracle, st.name, 'alignment', got[1])
            b = 0
            if st.size != got[0]:
                b += res.mismatch(release, oracle, st.name, st.size, got[0], 'size')
            if st.align != got[1]:
                b += res.mismatch(release, oracle, st.name, st.align, got[1], 'alignment')
            if b:
                bad += 1
            else:
                res.passed += 1
        nf = 0
        for f, io, iz in entry['fields']:
            off, size = values.get(io), values.get(iz)
            if off is None:
                continue
            nf += 1
            cov.add(('F', st.name, f.name))
            what = '%s.%s' % (st.name, f.name)
            res.seen(release, oracle, what, 'offset', off)
            b = 0
            if f.offset != off:
                b += res.mismatch(release, oracle, what, f.offset, off, 'offset')
            if size is not None:
                res.seen(release, oracle, what, 'size', size)
                if f.size != size:
                    b += res.mismatch(release, oracle, what, f.size, size, 'size')
            if b:
                bad += 1
            else:
                res.passed += 1
        res.tally(release, oracle, 1, nf)
        if not bad and got is not None:
            log('ok %s %s %s: size %d, align %d, %d of %d fields'
                % (release, oracle, st.name, got[0], got[1], nf, len(nvidia_fields(st))))
    groups = {}
    for n, c_name, i in numbers:
        v = values.get(i)
        if v is None:
            continue
        v *= n.scale
        res.tally(release, oracle, 2)
        cov.add(('E', n.group, n.ident))
        what = n.what(c_name)
        res.seen(release, oracle, what, 'value', v)
        g = groups.setdefault(n.group, [0, 0])
        if not same(n.value, v) and res.mismatch(release, oracle, what, n.value, v, 'value', key=c_name):
            g[1] += 1
        else:
            res.passed += 1
            g[0] += 1
    for group, (good, bad) in sorted(groups.items()):
        if not bad:
            log('ok %s %s %s: %d values' % (release, oracle, 'params' if group == 'param' else 'enum ' + group, good))


def wrap(head, names):
    return textwrap.fill(', '.join(names), width=110, initial_indent='  ' + head,
                         subsequent_indent='      ', break_on_hyphens=False)


def report_release(res, rel, oracles):
    v = rel.version
    for o in oracles:
        c = res.counts.get((v, o), [0, 0, 0])
        log('%s %s: checked %d structs, %d fields, %d numbers' % (v, o, c[0], c[1], c[2]))
    cov = res.covered.get(v, set())
    structs = [s for s in sorted(rel.structs) if ('S', s) not in cov]
    fields = ['%s.%s' % (s, f.name) for s, st in sorted(rel.structs.items()) if ('S', s) in cov
              for f in nvidia_fields(st) if ('F', s, f.name) not in cov]
    nums = {}
    for n in spec_numbers(rel):
        if ('E', n.group, n.ident) not in cov:
            nums.setdefault(n.group, []).append(n.ident)
    log('%s: no independent source for %d structs, %d fields of checked structs, %d numbers'
        % (v, len(structs), len(fields), sum(len(x) for x in nums.values())))
    if structs:
        log(wrap('structs: ', structs))
    if fields:
        log(wrap('fields: ', fields))
    for group, ids in sorted(nums.items()):
        log(wrap('%s (%d): ' % (group, len(ids)), ids))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--specs', default=os.path.join(TOP, 'firmware-abi/specs'),
                    help='spec directory (default firmware-abi/specs); the loader reads '
                    'neutral.abi beside it, so copy firmware-abi/ whole to try a changed spec')
    ap.add_argument('--gen', default=os.path.join(TOP, 'firmware-abi/gen'),
                    help='directory of nvgsp_abi_spec.py (default firmware-abi/gen)')
    ap.add_argument('--oracle-root', action='append', default=[], metavar='TREE=DIR',
                    help='an unpacked oracle tree (linux-6.12=DIR, linux-7.2=DIR)')
    ap.add_argument('--cc', default=os.environ.get('CC') or 'gcc')
    ap.add_argument('--cache', default=os.path.join(
        os.environ.get('NVGSP_CACHE') or os.path.join(os.path.expanduser('~'), '.cache', 'nvgsp'), 'abi'))
    args = ap.parse_args()

    roots = dict(r.split('=', 1) for r in args.oracle_root)
    res = Results()
    try:
        rels = load_specs(os.path.abspath(args.gen), os.path.abspath(args.specs))
    except Exception as e:  # any loader error is a test failure, reported as such
        log('FAIL loading specs from %s: %s: %s' % (args.specs, type(e).__name__, e))
        log('abi: 0 passed, 1 failed')
        return 1
    cache = Cache(args.cache)
    per_release = {}
    for o in ORACLES:
        for v in o['releases']:
            per_release.setdefault(v, []).append(o['name'])
            rel, root = rels.get(v), roots.get(o['tree'])
            if rel is None:
                log('FAIL %s %s: release missing from %s' % (v, o['name'], args.specs))
                res.failed += 1
                continue
            if not root:
                log('FAIL %s %s: oracle tree %s not given (--oracle-root)' % (v, o['name'], o['tree']))
                res.failed += 1
                continue
            try:
                if o['kind'] == 'c':
                    note = check_c_oracle(o, root, rel, args.cc, cache, res)
                elif o['kind'] == 'rust':
                    note = check_rust_oracle(o, root, rel, cache, res)
                else:
                    note = check_comments_oracle(o, root, rel, cache, res)
            except (RuntimeError, OSError, KeyError, ValueError) as e:
                log('FAIL %s %s: %s: %s' % (v, o['name'], type(e).__name__, e))
                res.failed += 1
                continue
            c = res.counts.get((v, o['name']), [0, 0, 0])
            if not sum(c):
                # An oracle that confirms nothing is a broken oracle or a broken spec.
                log('FAIL %s %s: nothing checked' % (v, o['name']))
                res.failed += 1
            log('# %s %s: %s' % (v, o['name'], note))
    for v in sorted(rels):
        if v in per_release:
            res.settle(v)
            report_release(res, rels[v], per_release[v])
        else:
            log('%s: no oracle for this release' % v)
    log('abi: %d passed, %d failed' % (res.passed, res.failed))
    return 1 if res.failed else 0


if __name__ == '__main__':
    sys.exit(main())
