// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_abi.c - release lookup, number maps, parameters, codecs and RM
 * status over the generated release tables (firmware-abi/generated/).
 *
 * DOC: binding a release
 *
 * The probe reads the GSP image's .fwversion and calls nvgsp_abi_find()
 * with it: an exact, byte-for-byte match, because NVIDIA's layouts and
 * numbers change between any two releases and a near match is a wrong
 * match. Everything after that goes through the bound table: numbers by
 * symbolic id, wire structs by codec, sizes by parameter.
 */
#include "nvgsp_abi.h"

static int nvgsp_abi_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

const struct nvgsp_abi *const *nvgsp_abi_tables(size_t *count)
{
	*count = nvgsp_abi_nr_all;
	return nvgsp_abi_all;
}

const struct nvgsp_abi *nvgsp_abi_find(const char *release)
{
	unsigned int i;

	for (i = 0; i < nvgsp_abi_nr_all; i++)
		if (!nvgsp_abi_strcmp(nvgsp_abi_all[i]->release, release))
			return nvgsp_abi_all[i];
	return NULL;
}

void nvgsp_abi_list(char *buf, size_t len)
{
	unsigned int i;
	size_t n = 0;

	if (!len)
		return;
	buf[0] = '\0';
	for (i = 0; i < nvgsp_abi_nr_all && n < len; i++)
		n += nvgsp_os_snprintf(buf + n, len - n, "%s%s", i ? ", " : "",
				       nvgsp_abi_all[i]->release);
}

/* Binary search for @key in @n pairs sorted by id, or by value. */
static const struct nvgsp_abi_pair *nvgsp_abi_bsearch(const struct nvgsp_abi_pair *pairs,
						      u32 n, bool by_value, u32 key)
{
	u32 lo = 0, hi = n;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		u32 k = by_value ? pairs[mid].value : pairs[mid].id;

		if (k == key)
			return &pairs[mid];
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int nvgsp_abi_number(const struct nvgsp_abi *abi, enum nvgsp_abi_group group,
		     u32 id, u32 *number)
{
	const struct nvgsp_abi_pair *p;

	if ((unsigned int)group >= NVGSP_ABI_NR_GROUPS || id >= nvgsp_abi_groups[group].count)
		return -EINVAL;
	p = nvgsp_abi_bsearch(abi->maps[group].by_id, abi->maps[group].count, false, id);
	if (!p)
		return -ENOENT;
	*number = p->value;
	return 0;
}

int nvgsp_abi_id(const struct nvgsp_abi *abi, enum nvgsp_abi_group group,
		 u32 number, u32 *id)
{
	const struct nvgsp_abi_pair *p;

	if ((unsigned int)group >= NVGSP_ABI_NR_GROUPS)
		return -EINVAL;
	p = nvgsp_abi_bsearch(abi->maps[group].by_value, abi->maps[group].count, true, number);
	if (!p)
		return -ENOENT;
	*id = p->id;
	return 0;
}

const char *nvgsp_abi_id_name(enum nvgsp_abi_group group, u32 id)
{
	if ((unsigned int)group >= NVGSP_ABI_NR_GROUPS || id >= nvgsp_abi_groups[group].count)
		return "?";
	return nvgsp_abi_groups[group].ids[id];
}

int nvgsp_abi_param(const struct nvgsp_abi *abi, const char *name, u64 *value)
{
	u32 lo = 0, hi = abi->nr_params;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		int c = nvgsp_abi_strcmp(abi->params[mid].name, name);

		if (!c) {
			*value = abi->params[mid].value;
			return 0;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -ENOENT;
}

const struct nvgsp_abi_fw_need *nvgsp_abi_fw_need(const struct nvgsp_abi *abi,
						  const char *sig_family)
{
	u32 i;

	for (i = 0; i < abi->nr_fw_needs; i++)
		if (!nvgsp_abi_strcmp(abi->fw_needs[i].sig_family, sig_family))
			return &abi->fw_needs[i];
	return NULL;
}

static const struct nvgsp_abi_codec *nvgsp_abi_codec(const struct nvgsp_abi *abi,
						     enum nvgsp_abi_codec_id codec)
{
	if ((unsigned int)codec >= NVGSP_ABI_NR_CODECS)
		return NULL;
	return &abi->codecs[codec];
}

int nvgsp_abi_encode(const struct nvgsp_abi *abi, enum nvgsp_abi_codec_id codec,
		     const void *neutral, void *buf, size_t len)
{
	const struct nvgsp_abi_codec *c = nvgsp_abi_codec(abi, codec);

	if (!c)
		return -EINVAL;
	if (!c->encode)
		return -EOPNOTSUPP;
	return c->encode(neutral, buf, len);
}

int nvgsp_abi_decode(const struct nvgsp_abi *abi, enum nvgsp_abi_codec_id codec,
		     void *neutral, const void *buf, size_t len)
{
	const struct nvgsp_abi_codec *c = nvgsp_abi_codec(abi, codec);

	if (!c)
		return -EINVAL;
	if (!c->decode)
		return -EOPNOTSUPP;
	return c->decode(neutral, buf, len);
}

u64 nvgsp_abi_codec_fields(const struct nvgsp_abi *abi, enum nvgsp_abi_codec_id codec)
{
	if ((unsigned int)codec >= NVGSP_ABI_NR_CODECS || !abi->codecs[codec].encode)
		return 0;
	return abi->codecs[codec].fields;
}

int nvgsp_abi_codec_span(const struct nvgsp_abi *abi, enum nvgsp_abi_codec_id codec,
			 const void *a, const void *b, u32 *off, u32 *len)
{
	u32 size = nvgsp_abi_codec_size(abi, codec), i, first = 0, end = 0;
	u8 *x, *y;
	int ret = -EINVAL;

	if (!size)
		return -EINVAL;
	x = nvgsp_os_zalloc(size);
	y = nvgsp_os_zalloc(size);
	if (!x || !y) {
		ret = -ENOMEM;
		goto out;
	}
	if (nvgsp_abi_encode(abi, codec, a, x, size) < 0 ||
	    nvgsp_abi_encode(abi, codec, b, y, size) < 0)
		goto out;
	for (i = 0; i < size; i++) {
		if (x[i] == y[i])
			continue;
		if (!end)
			first = i;
		end = i + 1;
	}
	if (end) {
		*off = first;
		*len = end - first;
		ret = 0;
	}
out:
	nvgsp_os_free(x);
	nvgsp_os_free(y);
	return ret;
}

u32 nvgsp_abi_codec_size(const struct nvgsp_abi *abi, enum nvgsp_abi_codec_id codec)
{
	const struct nvgsp_abi_codec *c = nvgsp_abi_codec(abi, codec);

	return c && c->encode ? c->wire_size : 0;
}

u32 nvgsp_abi_struct_size(const struct nvgsp_abi *abi, const char *name)
{
	u32 i;

	for (i = 0; i < abi->nr_struct_sizes; i++)
		if (!nvgsp_abi_strcmp(abi->struct_sizes[i].name, name))
			return abi->struct_sizes[i].size;
	return 0;
}

/*
 * RM status -> errno, and the text NVIDIA gives each status
 * (nvstatuscodes.h), in one table: the only place firmware status becomes
 * an errno. Warnings are successes. An id without an entry here is a
 * status the specs name but the driver has not classified: -EIO, and the
 * unit test fails.
 */
static const struct {
	int err;
	const char *str;
} nvgsp_abi_status_table[NVGSP_ABI_NR_STATUS] = {
#define S(id, e, s) [NVGSP_ABI_STATUS_##id] = { e, s }
	S(OK, 0, "Success"),
	S(GENERIC, -EIO, "Failure: Generic Error"),
	S(BROKEN_FB, -EIO, "Frame-Buffer broken"),
	S(BUFFER_TOO_SMALL, -EOVERFLOW, "Buffer passed in is too small"),
	S(BUSY_RETRY, -EBUSY, "System is busy, retry later"),
	S(CARD_NOT_PRESENT, -ENODEV, "Card not detected"),
	S(GPU_IS_LOST, -ENODEV, "GPU lost from the bus"),
	S(GPU_IN_FULLCHIP_RESET, -EBUSY, "GPU currently in full-chip reset"),
	S(GPU_NOT_FULL_POWER, -EAGAIN, "GPU not in full power"),
	S(ILLEGAL_ACTION, -EPERM, "Current action is not allowed"),
	S(IN_USE, -EBUSY, "Generic busy error"),
	S(INSUFFICIENT_RESOURCES, -ENOSPC, "Ran out of a critical resource, other than memory"),
	S(INSUFFICIENT_PERMISSIONS, -EPERM, "The requester does not have sufficient permissions"),
	S(INVALID_ACCESS_TYPE, -EINVAL, "This type of access is not allowed"),
	S(INVALID_ADDRESS, -EFAULT, "Address not valid"),
	S(INVALID_ARGUMENT, -EINVAL, "Invalid argument to call"),
	S(INVALID_CHANNEL, -EINVAL, "Given channel-id not valid"),
	S(INVALID_CLASS, -EINVAL, "Given class-id not valid"),
	S(INVALID_CLIENT, -EINVAL, "Given client not valid"),
	S(INVALID_COMMAND, -EINVAL, "Command passed is not valid"),
	S(INVALID_DATA, -EINVAL, "Invalid data passed"),
	S(INVALID_DEVICE, -EINVAL, "Current device is not valid"),
	S(INVALID_EVENT, -EINVAL, "Invalid event occurred"),
	S(INVALID_FLAGS, -EINVAL, "Invalid flags passed"),
	S(INVALID_FUNCTION, -EINVAL, "Called function is not valid"),
	S(INVALID_INDEX, -EINVAL, "Index invalid"),
	S(INVALID_LIMIT, -EINVAL, "Generic Error: Invalid limit"),
	S(INVALID_LOCK_STATE, -EINVAL, "Requested lock state not valid"),
	S(INVALID_OBJECT, -EINVAL, "Object not valid"),
	S(INVALID_OBJECT_BUFFER, -EINVAL, "Object buffer passed is not valid"),
	S(INVALID_OBJECT_HANDLE, -EINVAL, "Object handle is not valid"),
	S(INVALID_OBJECT_NEW, -EINVAL, "New object is not valid"),
	S(INVALID_OBJECT_OLD, -EINVAL, "Old object is not valid"),
	S(INVALID_OBJECT_PARENT, -EINVAL, "Object parent is not valid"),
	S(INVALID_OFFSET, -EINVAL, "The offset passed is not valid"),
	S(INVALID_OPERATION, -EINVAL, "Requested operation is not valid"),
	S(INVALID_OWNER, -EINVAL, "Owner not valid"),
	S(INVALID_PARAM_STRUCT, -EINVAL, "Invalid structure parameter"),
	S(INVALID_PARAMETER, -EINVAL, "At least one of the parameters passed is not valid"),
	S(INVALID_POINTER, -EFAULT, "Pointer not valid"),
	S(INVALID_REGISTRY_KEY, -EINVAL, "Found an invalid registry key"),
	S(INVALID_REQUEST, -EINVAL, "Generic Error: Invalid request"),
	S(INVALID_STATE, -EINVAL, "Generic Error: Invalid state"),
	S(INVALID_STRING_LENGTH, -EINVAL, "The string length is not valid"),
	S(INVALID_READ, -EINVAL, "The requested read operation is not valid"),
	S(INVALID_WRITE, -EINVAL, "The requested write operation is not valid"),
	S(IRQ_NOT_FIRING, -EIO, "Requested IRQ is not firing"),
	S(MISSING_TABLE_ENTRY, -ENOENT, "Requested entry missing not found in the table"),
	S(MODULE_LOAD_FAILED, -ENOEXEC, "Failed to load the requested module"),
	S(MORE_DATA_AVAILABLE, -EOVERFLOW, "There is more data available"),
	S(MORE_PROCESSING_REQUIRED, -EINPROGRESS, "More processing required for the given call"),
	S(NO_FREE_FIFOS, -ENOSPC, "No more free FIFOs found"),
	S(NO_MEMORY, -ENOMEM, "Out of memory"),
	S(NOT_COMPATIBLE, -EINVAL, "Generic Error: Incompatible types"),
	S(NOT_READY, -EAGAIN, "Generic Error: Not ready"),
	S(NOT_SUPPORTED, -EOPNOTSUPP, "Call not supported"),
	S(OBJECT_NOT_FOUND, -ENOENT, "Requested object not found"),
	S(OBJECT_TYPE_MISMATCH, -EINVAL, "Specified objects do not match"),
	S(OPERATING_SYSTEM, -EIO, "Generic operating system error"),
	S(OUT_OF_RANGE, -ERANGE, "The specified value is out of bounds"),
	S(PAGE_TABLE_NOT_AVAIL, -ENOMEM, "Requested page table not available"),
	S(PROTECTION_FAULT, -EFAULT, "Protection fault"),
	S(RC_ERROR, -EIO, "Generic RC error"),
	S(REJECTED_VBIOS, -ENOEXEC, "Given Video BIOS rejected/invalid"),
	S(RESET_REQUIRED, -EIO, "Reset required"),
	S(STATE_IN_USE, -EBUSY, "State in use"),
	S(SIGNAL_PENDING, -EINTR, "Signal pending"),
	S(TIMEOUT, -ETIMEDOUT, "Call timed out"),
	S(TIMEOUT_RETRY, -EAGAIN, "Call timed out, please retry later"),
	S(MAX_SESSION_LIMIT_REACHED, -ENOSPC, "Maximum number of sessions reached"),
	S(LIB_RM_VERSION_MISMATCH, -EPROTO, "Library version doesn't match driver version"),
	S(PRIV_SEC_VIOLATION, -EACCES, "Priv security violation"),
	S(GPU_IN_DEBUG_MODE, -EBUSY, "GPU currently in debug mode"),
	S(FEATURE_NOT_ENABLED, -EOPNOTSUPP, "Requested Feature functionality is not enabled"),
	S(RESOURCE_LOST, -ENODEV, "Requested resource has been destroyed"),
	S(PMU_NOT_READY, -EAGAIN, "PMU is not ready or has not yet been initialized"),
	S(FLCN_ERROR, -EIO, "Generic falcon assert or halt"),
	S(FATAL_ERROR, -EIO, "Fatal/unrecoverable error"),
	S(MEMORY_ERROR, -EIO, "Generic memory error"),
	S(INVALID_LICENSE, -EACCES, "License provided is rejected or invalid"),
	S(RISCV_ERROR, -EIO, "Generic RISC-V assert or halt"),
	S(WARN_NOTHING_TO_DO, 0, "WARNING Nothing to do"),
	S(WARN_MORE_PROCESSING_REQUIRED, 0, "WARNING More processing required for the call"),
#undef S
};

int nvgsp_abi_status_to_errno(u32 status)
{
	if (status >= NVGSP_ABI_NR_STATUS || !nvgsp_abi_status_table[status].str)
		return -EIO;
	return nvgsp_abi_status_table[status].err;
}

const char *nvgsp_abi_status_str(u32 status)
{
	if (status >= NVGSP_ABI_NR_STATUS || !nvgsp_abi_status_table[status].str)
		return "unknown status";
	return nvgsp_abi_status_table[status].str;
}

int nvgsp_abi_rm_status_errno(const struct nvgsp_abi *abi, u32 raw)
{
	u32 id;

	if (nvgsp_abi_id(abi, NVGSP_ABI_GROUP_STATUS, raw, &id))
		return -EIO;
	return nvgsp_abi_status_to_errno(id);
}
