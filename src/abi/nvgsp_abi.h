/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_abi.h - the firmware-ABI tables: one per GSP-RM release, generated
 * from firmware-abi/specs/<release>.abi, bound at probe by the firmware's
 * own .fwversion.
 *
 * Portable core, below the firmware layer (it includes nothing from
 * src/fw). Driver code names only what is declared here and in the
 * generated version-neutral headers (nvgsp_abi_ids.h: symbolic ids;
 * nvgsp_abi_neutral.h: neutral structs); never a release's types or numbers.
 *
 * DOC: what a release table holds
 *
 *  - the release string, and the release it was written against (its spec
 *    "inherits" it);
 *  - the transport (queue protocol) and init protocol the release speaks,
 *    as descriptors: today a name and a version ("msgq-v0",
 *    "gsp-init-v1"). The implementations live above this layer and are
 *    bound by these descriptors: the RPC layer binds the transport
 *    implementation whose name and version are the descriptor's
 *    (nvgsp_transport_find(), src/transport/) and refuses a release whose
 *    transport it does not implement; the GSP layer checks the init
 *    protocol's. A release with NVIDIA's queue protocol 2.0 or key-value
 *    GSP_INIT names new descriptors and brings a new module;
 *  - the firmware files each signature family needs, as role names
 *    ("booter_load"), for the firmware layer to map onto its own enum;
 *  - scalar parameters (heap and WPR sizing per family, magic numbers);
 *  - number maps per group (RPC functions, events, RM classes, controls,
 *    status codes, sequencer opcodes, NVDM types), both directions;
 *  - codecs between the neutral structs and the release's wire bytes,
 *    generated over the release's wire types (offsetof/sizeof), which the
 *    generated header lays out and checks with _Static_assert;
 *  - the size of every wire struct.
 *
 * The metadata of every wire struct (every field's name, type, offset,
 * size, count) is generated apart (nvgsp_abi_meta_tool.c) for `nvgspctl abi
 * diff` and the tests; like the functions declared under "userspace tools
 * only" below it is not part of nvgsp.ko.
 */
#ifndef NVGSP_ABI_H
#define NVGSP_ABI_H

#include "nvgsp_os.h"
#include "nvgsp_abi_ids.h"
#include "nvgsp_abi_neutral.h"

/**
 * struct nvgsp_abi_transport - the message transport a release speaks.
 * @name: e.g. "msgq-v0": two shared-memory rings with msgqTxHeader and
 *        msgqRxHeader, checksummed elements, a doorbell register.
 * @version: the number after "-v" in @name.
 *
 * A descriptor, not an implementation: nvgsp_rpc_create() binds the
 * implementation (struct nvgsp_transport_ops, src/transport/nvgsp_xport.h)
 * with this name and version, and refuses the release when there is none.
 */
struct nvgsp_abi_transport {
	const char *name;
	u32 version;
};

/**
 * struct nvgsp_abi_init - the init protocol a release speaks.
 * @name: e.g. "gsp-init-v1": GSP_SET_SYSTEM_INFO and SET_REGISTRY with the
 *        fixed structs, then GSP_INIT_DONE and GET_GSP_STATIC_INFO.
 * @version: the number after "-v" in @name.
 */
struct nvgsp_abi_init {
	const char *name;
	u32 version;
};

/**
 * struct nvgsp_abi_fw_need - the firmware files one signature family needs.
 * @sig_family: e.g. "ga10x".
 * @roles: linux-firmware file name prefixes ("gsp", "bootloader",
 *         "booter_load", ...), NULL-terminated; always includes "gsp".
 */
struct nvgsp_abi_fw_need {
	const char *sig_family;
	const char *const *roles;
};

/**
 * struct nvgsp_abi_param - one scalar parameter.
 * @name: dotted name, e.g. "heap.ga10x.min".
 * @value: its value.
 */
struct nvgsp_abi_param {
	const char *name;
	u64 value;
};

/**
 * struct nvgsp_abi_pair - one entry of a number map.
 * @id: the symbolic id (enum nvgsp_abi_rpc, ...).
 * @value: the release's number for it.
 */
struct nvgsp_abi_pair {
	u32 id;
	u32 value;
};

/**
 * struct nvgsp_abi_map - one group's numbers in a release.
 * @by_id: the entries sorted by id.
 * @by_value: the same entries sorted by number.
 * @count: entries in each; 0 (and NULL arrays) when the release has none.
 */
struct nvgsp_abi_map {
	const struct nvgsp_abi_pair *by_id;
	const struct nvgsp_abi_pair *by_value;
	u32 count;
};

#define NVGSP_ABI_FIELD_ARRAY		0x1	/* @count elements */
#define NVGSP_ABI_FIELD_FLEX		0x2	/* flexible array member */
#define NVGSP_ABI_FIELD_PAD		0x4	/* explicit padding, not NVIDIA's */
#define NVGSP_ABI_FIELD_AGGREGATE	0x8	/* named inline struct/union */

/**
 * struct nvgsp_abi_field - one member of a wire struct.
 * @name: a C member designator: "magic", "profilerArgs.pa" (member of a
 *        named inline aggregate), "sysmemAddrOfSignature" (member of an
 *        anonymous union).
 * @type: "u8".."u64", "s32", "s64", "bool", "char", a struct name, or
 *        "struct"/"union" for a named inline aggregate.
 * @offset: byte offset in the struct.
 * @size: bytes of the whole member (all elements of an array; 0 for a
 *        flexible array).
 * @count: array length; 0 for a scalar or a flexible array.
 * @flags: NVGSP_ABI_FIELD_*.
 */
struct nvgsp_abi_field {
	const char *name;
	const char *type;
	u32 offset;
	u32 size;
	u32 count;
	u32 flags;
};

#define NVGSP_ABI_STRUCT_PACKED	0x1
#define NVGSP_ABI_STRUCT_UNION	0x2
#define NVGSP_ABI_STRUCT_FLEX	0x4	/* ends in a flexible array */

/**
 * struct nvgsp_abi_struct - metadata of one wire struct.
 * @name: NVIDIA's name ("GspFwWprMeta").
 * @size: sizeof.
 * @align: its alignment.
 * @flags: NVGSP_ABI_STRUCT_*.
 * @nr_fields: entries in @fields.
 * @fields: every member, in declaration order.
 */
struct nvgsp_abi_struct {
	const char *name;
	u32 size;
	u32 align;
	u32 flags;
	u32 nr_fields;
	const struct nvgsp_abi_field *fields;
};

/**
 * struct nvgsp_abi_codec - one neutral struct's codec in a release.
 * @wire: the wire struct it maps onto (with " until <member>" when only a
 *        prefix of it is encoded).
 * @wire_size: bytes encoded and decoded (sizeof the wire type, or offsetof
 *             its "until" member).
 * @fields: NVGSP_ABI_<STRUCT>_F_* bits of the neutral fields the wire has.
 * @encode: neutral -> wire; see nvgsp_abi_encode(). NULL when the release
 *          has no such codec.
 * @decode: wire -> neutral; see nvgsp_abi_decode().
 *
 * The generated functions take every offset and size from the release's
 * wire types (offsetof/sizeof), which the generated header lays out and
 * checks with _Static_assert: a layout is stated once.
 */
struct nvgsp_abi_codec {
	const char *wire;
	u32 wire_size;
	u64 fields;
	int (*encode)(const void *neutral, void *buf, size_t len);
	int (*decode)(void *neutral, const void *buf, size_t len);
};

/**
 * struct nvgsp_abi_struct_size - the size of one wire struct.
 * @name: NVIDIA's name ("GspFwWprMeta").
 * @size: its sizeof.
 */
struct nvgsp_abi_struct_size {
	const char *name;
	u32 size;
};

/**
 * struct nvgsp_abi - one GSP-RM release's table. See "what a release table
 * holds" above. Generated; const.
 * @release: the release as its image's .fwversion says it ("570.144").
 * @parent: the release its spec inherits from, or NULL.
 * @transport: the queue protocol it speaks.
 * @init: the init protocol it speaks.
 * @fw_needs: per signature family, the files it needs; a family not listed
 *            is not served by this release.
 * @nr_fw_needs: entries in @fw_needs.
 * @params: scalar parameters, sorted by name (bytewise).
 * @nr_params: entries in @params.
 * @maps: the number map of each enum nvgsp_abi_group.
 * @codecs: NVGSP_ABI_NR_CODECS entries, indexed by enum nvgsp_abi_codec_id.
 * @struct_sizes: the size of every wire struct of the release.
 * @nr_struct_sizes: entries in @struct_sizes.
 */
struct nvgsp_abi {
	const char *release;
	const char *parent;
	const struct nvgsp_abi_transport *transport;
	const struct nvgsp_abi_init *init;
	const struct nvgsp_abi_fw_need *fw_needs;
	u32 nr_fw_needs;
	const struct nvgsp_abi_param *params;
	u32 nr_params;
	struct nvgsp_abi_map maps[NVGSP_ABI_NR_GROUPS];
	const struct nvgsp_abi_codec *codecs;
	const struct nvgsp_abi_struct_size *struct_sizes;
	u32 nr_struct_sizes;
};

/**
 * struct nvgsp_abi_group_info - a number group's symbolic ids.
 * @name: the group's spec keyword ("rpc").
 * @count: ids in the group (NVGSP_ABI_NR_RPC, ...).
 * @ids: their names ("GET_GSP_STATIC_INFO"), indexed by id; NULL when
 *       @count is 0.
 */
struct nvgsp_abi_group_info {
	const char *name;
	u32 count;
	const char *const *ids;
};

/* Generated (firmware-abi/generated/): */
extern const struct nvgsp_abi_group_info nvgsp_abi_groups[NVGSP_ABI_NR_GROUPS];
extern const char *const nvgsp_abi_codec_names[NVGSP_ABI_NR_CODECS];
extern const struct nvgsp_abi *const nvgsp_abi_all[];
extern const unsigned int nvgsp_abi_nr_all;

/**
 * nvgsp_abi_tables() - every release this build supports, newest first.
 * @count: set to their number.
 *
 * Return: the tables.
 */
const struct nvgsp_abi *const *nvgsp_abi_tables(size_t *count);

/**
 * nvgsp_abi_find() - the table of a release.
 * @release: the release exactly as .fwversion says it ("570.144"): no
 *           prefix or partial match.
 *
 * Return: the table, or NULL when this build does not support @release.
 */
const struct nvgsp_abi *nvgsp_abi_find(const char *release);

/**
 * nvgsp_abi_list() - the supported releases as text, newest first, for
 * messages ("570.144, 535.113.01").
 * @buf: destination, always NUL-terminated when @len > 0.
 * @len: its size; the list is cut to fit.
 */
void nvgsp_abi_list(char *buf, size_t len);

/**
 * nvgsp_abi_number() - a release's number for a symbolic id.
 * @abi: the release.
 * @group: the number group.
 * @id: the symbolic id (enum nvgsp_abi_rpc, ... of @group).
 * @number: set to the release's number.
 *
 * Return: 0; -EINVAL for a group or id outside the enums; -ENOENT when the
 * release has no number for @id.
 */
int nvgsp_abi_number(const struct nvgsp_abi *abi, enum nvgsp_abi_group group,
		     u32 id, u32 *number);

/**
 * nvgsp_abi_id() - the symbolic id of a release's number (an RPC function
 * or event in a message header, a status in a reply).
 * @abi: the release.
 * @group: the number group.
 * @number: the release's number.
 * @id: set to the symbolic id.
 *
 * Return: 0; -EINVAL for a group outside the enum; -ENOENT when the release
 * defines no such number (or nvgsp does not name it).
 */
int nvgsp_abi_id(const struct nvgsp_abi *abi, enum nvgsp_abi_group group,
		 u32 number, u32 *id);

/**
 * nvgsp_abi_id_name() - a symbolic id's name, for messages.
 * @group: the number group.
 * @id: the id.
 *
 * Return: e.g. "GET_GSP_STATIC_INFO"; "?" outside the enums.
 */
const char *nvgsp_abi_id_name(enum nvgsp_abi_group group, u32 id);

/* Typed lookups per group: nvgsp_abi_rpc_number(abi, NVGSP_ABI_RPC_x, &n),
 * nvgsp_abi_event_id(abi, n, &id), ... (see nvgsp_abi_number()/_id()). */
#define NVGSP_ABI_GROUP_LOOKUPS(name, GROUP)					\
static inline int nvgsp_abi_##name##_number(const struct nvgsp_abi *abi,	\
					    enum nvgsp_abi_##name id, u32 *number) \
{										\
	return nvgsp_abi_number(abi, NVGSP_ABI_GROUP_##GROUP, (u32)id, number);	\
}										\
static inline int nvgsp_abi_##name##_id(const struct nvgsp_abi *abi,		\
					u32 number, u32 *id)			\
{										\
	return nvgsp_abi_id(abi, NVGSP_ABI_GROUP_##GROUP, number, id);		\
}
NVGSP_ABI_GROUP_LOOKUPS(rpc, RPC)
NVGSP_ABI_GROUP_LOOKUPS(event, EVENT)
NVGSP_ABI_GROUP_LOOKUPS(class, CLASS)
NVGSP_ABI_GROUP_LOOKUPS(ctrl, CTRL)
NVGSP_ABI_GROUP_LOOKUPS(status, STATUS)
NVGSP_ABI_GROUP_LOOKUPS(seqop, SEQOP)
NVGSP_ABI_GROUP_LOOKUPS(nvdm, NVDM)
#undef NVGSP_ABI_GROUP_LOOKUPS

/**
 * nvgsp_abi_param() - a scalar parameter of a release.
 * @abi: the release.
 * @name: its name, e.g. "heap.ga10x.min".
 * @value: set to its value.
 *
 * Return: 0, or -ENOENT when the release has no such parameter.
 */
int nvgsp_abi_param(const struct nvgsp_abi *abi, const char *name, u64 *value);

/**
 * nvgsp_abi_fw_need() - the files a release needs for a signature family.
 * @abi: the release.
 * @sig_family: e.g. "ga10x".
 *
 * Return: the entry, or NULL when the release does not serve the family.
 */
const struct nvgsp_abi_fw_need *nvgsp_abi_fw_need(const struct nvgsp_abi *abi,
						  const char *sig_family);

/**
 * nvgsp_abi_encode() - write a neutral struct as the release's wire bytes.
 * @abi: the release.
 * @codec: which codec (NVGSP_ABI_CODEC_*).
 * @neutral: the matching struct nvgsp_abi_<codec>.
 * @buf: destination; written byte by byte, little-endian, so it needs no
 *       alignment. All nvgsp_abi_codec_size() bytes are written: members
 *       the neutral struct does not carry, and padding, are zero.
 * @len: bytes available at @buf.
 *
 * Neutral fields the release's wire lacks are ignored.
 *
 * Return: the bytes written; -EINVAL when @len is too short or @codec is out
 * of range; -ERANGE when a value does not fit its (narrower) wire member;
 * -EOPNOTSUPP when the release has no such codec. Nothing is written on
 * error.
 */
int nvgsp_abi_encode(const struct nvgsp_abi *abi, enum nvgsp_abi_codec_id codec,
		     const void *neutral, void *buf, size_t len);

/**
 * nvgsp_abi_decode() - read the release's wire bytes into a neutral struct.
 * @abi: the release.
 * @codec: which codec (NVGSP_ABI_CODEC_*).
 * @neutral: the matching struct nvgsp_abi_<codec>, filled; fields the wire
 *           lacks are 0 (nvgsp_abi_codec_fields() says which).
 * @buf: the bytes, read byte by byte (any alignment).
 * @len: bytes available at @buf (the caller's bound: a shorter buffer is
 *       refused, never over-read).
 *
 * Return: the bytes consumed; -EINVAL when @len is too short or @codec is
 * out of range; -EOPNOTSUPP when the release has no such codec.
 */
int nvgsp_abi_decode(const struct nvgsp_abi *abi, enum nvgsp_abi_codec_id codec,
		     void *neutral, const void *buf, size_t len);

/**
 * nvgsp_abi_codec_size() - the wire size of a codec in a release.
 * @abi: the release.
 * @codec: which codec.
 *
 * Return: bytes, or 0 when the release has no such codec.
 */
u32 nvgsp_abi_codec_size(const struct nvgsp_abi *abi, enum nvgsp_abi_codec_id codec);

/**
 * nvgsp_abi_codec_span() - where the fields that differ between two neutral
 * structs lie in a release's wire layout: the bytes that differ between
 * their encodings, from the first to the last. Pass a struct with one field
 * all ones and an all-zero one to find that field's bytes, so that code that
 * must store one field alone (a pointer another agent reads while it is
 * written) needs no literal offset.
 * @abi: the release.
 * @codec: which codec.
 * @a: one neutral struct (struct nvgsp_abi_<codec>).
 * @b: the other.
 * @off: set to the first differing byte's offset.
 * @len: set to the span's length.
 *
 * Return: 0; -EINVAL when the encodings do not differ or one fails;
 * -ENOMEM.
 */
int nvgsp_abi_codec_span(const struct nvgsp_abi *abi, enum nvgsp_abi_codec_id codec,
			 const void *a, const void *b, u32 *off, u32 *len);

/**
 * nvgsp_abi_struct_size() - the size of one of a release's wire structs.
 * @abi: the release.
 * @name: NVIDIA's name, e.g. "NV2080_CTRL_INTERNAL_INTR_GET_KERNEL_TABLE_PARAMS".
 *
 * Return: its sizeof, or 0 when the release has no such struct.
 */
u32 nvgsp_abi_struct_size(const struct nvgsp_abi *abi, const char *name);

/**
 * nvgsp_abi_status_to_errno() - the errno for an RM status.
 * @status: the status's symbolic id (enum nvgsp_abi_status); map a
 *          release's raw number with nvgsp_abi_status_id() first, or use
 *          nvgsp_abi_rm_status_errno().
 *
 * The one place RM status becomes errno (with nvgsp_abi_status_str() as
 * its parallel text). NV_OK and NV_WARN_* give 0.
 *
 * Return: 0 or a negative errno; -EIO for an id outside the enum.
 */
int nvgsp_abi_status_to_errno(u32 status);

/**
 * nvgsp_abi_status_str() - NVIDIA's description of an RM status, for logs.
 * @status: the status's symbolic id.
 *
 * Return: e.g. "Out of memory"; "unknown status" outside the enum.
 */
const char *nvgsp_abi_status_str(u32 status);

/**
 * nvgsp_abi_rm_status_errno() - the errno for a release's raw RM status.
 * @abi: the release that sent it.
 * @raw: the number from the reply (rpc_result, a control's status).
 *
 * Return: nvgsp_abi_status_to_errno() of its id; -EIO for a number the
 * release's table does not name.
 */
int nvgsp_abi_rm_status_errno(const struct nvgsp_abi *abi, u32 raw);

/*
 * ---- userspace tools only ----------------------------------------------
 *
 * For nvgspctl and the tests: src/abi/nvgsp_abi_tool.c,
 * src/abi/nvgsp_abi_diff_tool.c and the generated nvgsp_abi_meta_tool.c are
 * compiled into the userspace core (src/core.mk), not into nvgsp.ko.
 */

/**
 * struct nvgsp_abi_meta - the field metadata of one release.
 * @abi: the release.
 * @structs: its wire structs, in spec order.
 * @nr_structs: entries in @structs.
 */
struct nvgsp_abi_meta {
	const struct nvgsp_abi *abi;
	const struct nvgsp_abi_struct *structs;
	u32 nr_structs;
};

/* Generated (firmware-abi/generated/nvgsp_abi_meta_tool.c): */
extern const struct nvgsp_abi_meta nvgsp_abi_meta_all[];
extern const unsigned int nvgsp_abi_nr_meta;

/**
 * nvgsp_abi_group_name() - a group's name ("rpc", "event", ...).
 * @group: the group.
 *
 * Return: the name; "?" outside the enum.
 */
const char *nvgsp_abi_group_name(enum nvgsp_abi_group group);

/**
 * nvgsp_abi_codec_fields() - which neutral fields a release's wire carries.
 * @abi: the release.
 * @codec: which codec.
 *
 * Return: NVGSP_ABI_<STRUCT>_F_* bits; 0 when the release has no such codec.
 */
u64 nvgsp_abi_codec_fields(const struct nvgsp_abi *abi, enum nvgsp_abi_codec_id codec);

/**
 * nvgsp_abi_find_struct() - metadata of one of a release's wire structs.
 * @abi: the release.
 * @name: NVIDIA's name, e.g. "MESSAGE_QUEUE_INIT_ARGUMENTS".
 *
 * Return: the metadata, or NULL when the release has no such struct.
 */
const struct nvgsp_abi_struct *nvgsp_abi_find_struct(const struct nvgsp_abi *abi,
						     const char *name);

/**
 * nvgsp_abi_structs() - metadata of all of a release's wire structs.
 * @abi: the release.
 * @count: set to their number (0 for a table without metadata).
 *
 * Return: the structs, in spec order; NULL when @count is 0.
 */
const struct nvgsp_abi_struct *nvgsp_abi_structs(const struct nvgsp_abi *abi, u32 *count);

/**
 * typedef nvgsp_abi_emit_fn - receives one line of output.
 * @ctx: the caller's context.
 * @line: the line, without a newline; valid only during the call.
 */
typedef void (*nvgsp_abi_emit_fn)(void *ctx, const char *line);

/**
 * nvgsp_abi_diff() - what changed from one release to another, field by
 * field, as text lines for `nvgspctl abi diff`.
 * @from: the older release.
 * @to: the newer one.
 * @emit: called once per line.
 * @ctx: passed to @emit.
 *
 * Lines, in this order: transport and init protocol changes; firmware
 * needs per family ("firmware gh100: + gsp bootloader fmc"); parameters
 * ("param heap.ga10x.min: 88080384 -> 178257920"); numbers per group
 * ("event NVLINK_FAULT_UP: 0x101c -> 0x101b", "+ rpc X = 0xc9",
 * "- event Y (was 0x101b)"); structs ("+ struct X (size 64)",
 * "- struct Y", "~ struct GspFwWprMeta: size 256 -> 256") each followed by
 * its member changes ("    + u8 flags @249", "    ~ u8[7] padding @249 ->
 * u8[2] padding @250", "    - u64 lockless... @32").
 *
 * Return: the number of lines describing a change (0 when the releases'
 * tables are the same).
 */
unsigned int nvgsp_abi_diff(const struct nvgsp_abi *from, const struct nvgsp_abi *to,
			    nvgsp_abi_emit_fn emit, void *ctx);

#include "nvgsp_abi_codecs.h"

#endif /* NVGSP_ABI_H */
