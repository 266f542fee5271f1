/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgspctl.h - shared declarations of the nvgspctl command-line tool.
 */
#ifndef NVGSPCTL_H
#define NVGSPCTL_H

#include <stdbool.h>
#include <stdio.h>

#include <json.h>

#include "chip/nvgsp_chip.h"
#include "nvgsp_drm.h"

/* Exit statuses: 0 success, 1 the answer is "no" or a file is bad, 2 usage. */
#define NVGSPCTL_EXIT_FAIL	1
#define NVGSPCTL_EXIT_USAGE	2

/* One subcommand group each: "firmware", "abi", "vgpu", "list", "info". */
int nvgspctl_firmware(int argc, char **argv);
int nvgspctl_abi(int argc, char **argv);
int nvgspctl_vgpu(int argc, char **argv);
int nvgspctl_list(int argc, char **argv);
int nvgspctl_info(int argc, char **argv);

/* A vGPU type a VF offers: its id and name. */
struct nvgspctl_vgpu_type {
	unsigned long id;
	char name[128];
};

#define NVGSPCTL_UUID_LEN	37	/* 36 characters and a NUL */

/*
 * The mdev route (vgpu_mdev.c): a VF bound to nvgsp-mdev is an mdev parent
 * (Documentation/vgpu-mdev.rst) with mdev_supported_types/nvgsp-mdev-<id>/
 * and at most one mdev, <VF>/<uuid>/. Each returns an exit status and says
 * why on stderr.
 */
bool nvgspctl_mdev_parent(const char *vf);
/* The types with an available instance, in the order of their ids. */
int nvgspctl_mdev_types(const char *vf, struct nvgspctl_vgpu_type **out, size_t *nr);
/* The VF's mdev: its type id (0: none) and UUID ("" none). */
int nvgspctl_mdev_current(const char *vf, unsigned long *id, char uuid[NVGSPCTL_UUID_LEN]);
/* Create an mdev of type @id with @uuid (a fresh random one when it is ""). */
int nvgspctl_mdev_create(const char *vf, unsigned long id, char uuid[NVGSPCTL_UUID_LEN]);
/* Remove the VF's mdev @uuid. */
int nvgspctl_mdev_remove(const char *vf, const char *uuid);

/* `vgpu types|list|create|destroy` (vgpu_sysfs.c); exit status. */
int nvgspctl_vgpu_sysfs(int argc, char **argv);
/*
 * A VF's vGPU state for `info`: member "vgpu" of @parent ({current_type,
 * creatable_types}, or null when the VF has no nvgsp-vfio-pci files), or
 * lines on stdout when @parent is NULL. NVGSPCTL_EXIT_FAIL, said on stderr
 * and with a null member, when those files cannot be read or are malformed.
 */
int nvgspctl_vgpu_vf_info(const char *addr, struct json_object *parent);

/*
 * sysfs (sysfs.c). nvgspctl_sysfs_root is /sys/bus/pci, or --sysfs DIR: a
 * tree of the same shape (DIR/devices/<address>/...) for tests.
 */
#define NVGSPCTL_ADDR_LEN	16	/* "dddd:bb:dd.f" and a NUL */
extern const char *nvgspctl_sysfs_root;

/* "dddd:bb:dd.f" or "bb:dd.f" (domain 0), hex, into canonical form; -EINVAL. */
int nvgspctl_pci_addr_parse(const char *s, char out[NVGSPCTL_ADDR_LEN]);
/* <root>/devices/@addr[/@attr] into @buf; -ENAMETOOLONG. */
int nvgspctl_sysfs_path(char *buf, size_t len, const char *addr, const char *attr);
/* One attribute, trailing newline and spaces cut; -errno. */
int nvgspctl_sysfs_read(const char *addr, const char *attr, char *buf, size_t len);
/* An attribute holding one unsigned number (decimal or 0x hex); -EINVAL if not. */
int nvgspctl_sysfs_read_uint(const char *addr, const char *attr, unsigned long *val);
/* The last component of the link @attr points to (driver, physfn, virtfnN). */
int nvgspctl_sysfs_link(const char *addr, const char *attr, char *buf, size_t len);
/* Write @val to an attribute in one write(); -errno as the kernel returned it. */
int nvgspctl_sysfs_write(const char *addr, const char *attr, const char *val);
bool nvgspctl_sysfs_exists(const char *addr, const char *attr);

/* One NVIDIA PCI function (pci.c, on libpci). */
#define NVGSPCTL_PCI_VENDOR_NVIDIA	0x10de
struct nvgspctl_pci_fn {
	char addr[NVGSPCTL_ADDR_LEN];
	unsigned int vendor, device, subsys_vendor, subsys_device;
	unsigned int class;		/* base, sub-class, programming interface */
	unsigned int revision;
	char name[128];			/* the PCI ID database's, "" if unknown */
	char driver[64];		/* the bound driver, "" for none */
	char physfn[NVGSPCTL_ADDR_LEN];	/* a VF's PF, "" for a PF */
	bool sriov;			/* SR-IOV capability or sriov_totalvfs */
	unsigned int sriov_cap;		/* its config offset, 0 if unread */
	unsigned int total_vfs, num_vfs;
	unsigned int vf_offset, vf_stride, vf_device;	/* from the capability */
};

/* --pci-ids FILE: the PCI ID database to name devices from, or NULL. */
extern const char *nvgspctl_pci_ids;

/*
 * Every NVIDIA function, by address, into a malloc'ed array (free() it).
 * 0 with none, and when sysfs has no PCI bus; -ENOMEM. Without libpci in the
 * build (a static one): -EOPNOTSUPP.
 */
int nvgspctl_pci_scan(struct nvgspctl_pci_fn **fns, size_t *nr);

/*
 * nvgsp's DRM render node of one GPU (drm.c finds it with libdrm and asks
 * it; drm_answers.c reads answers from files instead, for the tools tier;
 * drm_report.c turns what came back into JSON and text). The answers are
 * the query ioctls' structs as the kernel filled them
 * (include/uapi/drm/nvgsp_drm.h).
 */
enum nvgspctl_drm_query {
	NVGSPCTL_DRM_CHIP = DRM_NVGSP_QUERY_CHIP,
	NVGSPCTL_DRM_GSP = DRM_NVGSP_QUERY_GSP,
	NVGSPCTL_DRM_MEMORY = DRM_NVGSP_QUERY_MEMORY,
	NVGSPCTL_DRM_VGPU = DRM_NVGSP_QUERY_VGPU,
	NVGSPCTL_DRM_NR_QUERIES
};

struct nvgspctl_drm_dev {
	bool looked;		/* the function is nvgsp's and its node was looked for */
	char node[64];		/* the render node's path, "" if none was found */
	char driver[32];	/* drmGetVersion()'s name, "" if not asked */
	int version[3];		/* its major, minor, patchlevel */
	char error[256];	/* why answers are missing, "" when all came */
	bool have[NVGSPCTL_DRM_NR_QUERIES];	/* which answers came */
	struct drm_nvgsp_chip chip;
	struct drm_nvgsp_gsp gsp;
	struct drm_nvgsp_memory memory;
	struct drm_nvgsp_vgpu vgpu;
};

/* --drm-answers DIR (drm_answers.c), or NULL: ask the render nodes. */
extern const char *nvgspctl_drm_answers;
/* Query names as the JSON and the answer files spell them: "chip", ... */
extern const char *const nvgspctl_drm_query_names[NVGSPCTL_DRM_NR_QUERIES];

/*
 * For each of @n functions that nvgsp drives, find its render node and ask
 * every query; others get looked = false. Never fails: what could not be
 * had is said in each one's error. With --sysfs and no --drm-answers no
 * node is looked for (the tree is not this machine's).
 */
void nvgspctl_drm_scan(const struct nvgspctl_pci_fn *fns, size_t n, struct nvgspctl_drm_dev *out);
/* The answers of @addr from --drm-answers DIR/@addr/ into @d (drm_answers.c). */
void nvgspctl_drm_answers_read(const char *addr, struct nvgspctl_drm_dev *d);
/*
 * Keep an answer of @got bytes in @d, as the query ioctl reported it: it is
 * used only when it holds at least the struct this nvgspctl knows (a
 * longer one, from a later nvgsp, gives that prefix), and its reserved
 * fields are not checked (a later nvgsp may use them). False, with the
 * reason in @d->error, otherwise.
 */
bool nvgspctl_drm_keep(struct nvgspctl_drm_dev *d, enum nvgspctl_drm_query q, const void *buf,
		       size_t got);
/* Append "what: why" to @d->error ("; " between reasons). */
void nvgspctl_drm_error(struct nvgspctl_drm_dev *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The member "drm" of @parent for @d (null when not looked), drm_report.c. */
void nvgspctl_drm_json(const struct nvgspctl_drm_dev *d, struct json_object *parent);
/* info's lines for @d; nothing when not looked. */
void nvgspctl_drm_print(const struct nvgspctl_drm_dev *d);
/* list's columns: chip ("GA102 A1"), GSP-RM state, release, VRAM; "?" unknown, "-" not nvgsp's. */
void nvgspctl_drm_cols(const struct nvgspctl_drm_dev *d, char *chip, char *state, char *release,
		       char *vram, size_t len);
/* The GSP state's name: "running", "dead", "gone", "not_started", or NULL. */
const char *nvgspctl_drm_state_name(unsigned int state);

/* `firmware inspect` over argv[first..]; exit status. */
int nvgspctl_firmware_inspect(int argc, char **argv, int first, bool json);

/* A chip by name ("GA102", case-insensitive) or chipset ("0x172"); NULL if unknown. */
const struct nvgsp_chip_info *nvgspctl_chip(const char *name);

/*
 * JSON output (json.c, on json-c). Adding and appending take @member's
 * reference. A NULL member (json-c out of memory), or a NULL object, is
 * remembered and makes nvgspctl_json_print() fail instead of printing a
 * partial answer; so fill a member before adding it. A string
 * from bytes: valid UTF-8 as it is, other bytes as Latin-1. A NULL @val
 * gives null. Hex members are strings, "0x" and at least @digits lower-case
 * digits.
 */
void nvgspctl_json_add(struct json_object *obj, const char *key, struct json_object *member);
void nvgspctl_json_append(struct json_object *arr, struct json_object *member);
struct json_object *nvgspctl_json_string(const char *s);
void nvgspctl_json_add_str(struct json_object *obj, const char *key, const char *val);
void nvgspctl_json_add_u64(struct json_object *obj, const char *key, unsigned long long val);
void nvgspctl_json_add_bool(struct json_object *obj, const char *key, bool val);
void nvgspctl_json_add_hex(struct json_object *obj, const char *key, unsigned int digits,
			   unsigned long long val);

/* Print @obj to stdout (indented, one trailing newline) and put it; exit status. */
int nvgspctl_json_print(struct json_object *obj);

#endif /* NVGSPCTL_H */
