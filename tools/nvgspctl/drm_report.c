// SPDX-License-Identifier: GPL-2.0-only
/*
 * drm_report.c - what nvgsp's render node answered, as the member "drm" of
 * `list --json` and `info --json` (the schema is in tools/README.md), as
 * info's lines and as list's columns. It works on the answer structs alone,
 * wherever they came from (drm.c or drm_answers.c).
 */
#include <string.h>

#include "nvgspctl.h"

const char *nvgspctl_drm_state_name(unsigned int state)
{
	switch (state) {
	case DRM_NVGSP_GSP_RUNNING:
		return "running";
	case DRM_NVGSP_GSP_DEAD:
		return "dead";
	case DRM_NVGSP_GSP_GONE:
		return "gone";
	case DRM_NVGSP_GSP_NOT_STARTED:
		return "not_started";
	default:
		return NULL;
	}
}

/* The revision as sysfs nvgsp/revision writes it: "A1". */
static void drm_revision(const struct drm_nvgsp_chip *c, char *buf, size_t len)
{
	snprintf(buf, len, "%X%X", c->major_rev & 0xf, c->minor_rev & 0xf);
}

static void drm_build_id(const struct drm_nvgsp_gsp *g, char *buf, size_t len)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < g->build_id_len && 2 * i + 2 < len; i++)
		snprintf(buf + 2 * i, len - 2 * i, "%02x", g->build_id[i]);
}

static struct json_object *drm_chip_json(const struct drm_nvgsp_chip *c)
{
	struct json_object *o = json_object_new_object();
	char rev[8];

	drm_revision(c, rev, sizeof(rev));
	nvgspctl_json_add_str(o, "name", c->name);
	nvgspctl_json_add_hex(o, "chipset", 3, c->chipset);
	nvgspctl_json_add_hex(o, "architecture", 2, c->architecture);
	nvgspctl_json_add_hex(o, "implementation", 1, c->implementation);
	nvgspctl_json_add_str(o, "revision", rev);
	nvgspctl_json_add_hex(o, "pci_device_id", 4, c->pci_device);
	nvgspctl_json_add_hex(o, "boot0", 8, c->boot0);
	nvgspctl_json_add_hex(o, "boot42", 8, c->boot42);
	return o;
}

static struct json_object *drm_gsp_json(const struct drm_nvgsp_gsp *g)
{
	struct json_object *o = json_object_new_object();
	const char *state = nvgspctl_drm_state_name(g->state);
	char id[2 * sizeof(g->build_id) + 1], unknown[32];

	if (!state) {	/* a later nvgsp's state: its number, not a guess */
		snprintf(unknown, sizeof(unknown), "unknown_%u", g->state);
		state = unknown;
	}
	drm_build_id(g, id, sizeof(id));
	nvgspctl_json_add_str(o, "state", state);
	nvgspctl_json_add_str(o, "reason", g->reason[0] ? g->reason : NULL);
	nvgspctl_json_add_str(o, "release", g->release[0] ? g->release : NULL);
	nvgspctl_json_add_str(o, "build_id", id[0] ? id : NULL);
	return o;
}

static struct json_object *drm_memory_json(const struct drm_nvgsp_memory *m)
{
	struct json_object *o = json_object_new_object();

	nvgspctl_json_add_u64(o, "vram_bytes", m->vram_bytes);
	nvgspctl_json_add_u64(o, "vgpu_bytes", m->vgpu_bytes);
	nvgspctl_json_add_u64(o, "vgpu_used_bytes", m->vgpu_used_bytes);
	nvgspctl_json_add_u64(o, "vmmu_segment_bytes", m->vmmu_segment_bytes);
	return o;
}

static struct json_object *drm_vgpu_json(const struct drm_nvgsp_vgpu *v)
{
	struct json_object *o = json_object_new_object();

	nvgspctl_json_add_bool(o, "booted", v->flags & DRM_NVGSP_VGPU_BOOTED);
	nvgspctl_json_add_bool(o, "manager", v->flags & DRM_NVGSP_VGPU_MANAGER);
	nvgspctl_json_add_u64(o, "total_vfs", v->total_vfs);
	nvgspctl_json_add_u64(o, "enabled_vfs", v->enabled_vfs);
	nvgspctl_json_add_u64(o, "types", v->types);
	nvgspctl_json_add_u64(o, "vgpus", v->vgpus);
	return o;
}

void nvgspctl_drm_json(const struct nvgspctl_drm_dev *d, struct json_object *parent)
{
	struct json_object *o, *missing;
	char ver[48];
	unsigned int q;

	if (!d->looked) {
		nvgspctl_json_add_str(parent, "drm", NULL);
		return;
	}
	o = json_object_new_object();
	missing = json_object_new_array();
	nvgspctl_json_add_str(o, "node", d->node[0] ? d->node : NULL);
	nvgspctl_json_add_str(o, "driver", d->driver[0] ? d->driver : NULL);
	snprintf(ver, sizeof(ver), "%d.%d.%d", d->version[0], d->version[1], d->version[2]);
	nvgspctl_json_add_str(o, "version", d->driver[0] ? ver : NULL);
	nvgspctl_json_add_str(o, "error", d->error[0] ? d->error : NULL);
	for (q = 0; q < NVGSPCTL_DRM_NR_QUERIES; q++)
		if (!d->have[q])
			nvgspctl_json_append(missing, nvgspctl_json_string(nvgspctl_drm_query_names[q]));
	nvgspctl_json_add(o, "missing", missing);
	if (d->have[NVGSPCTL_DRM_CHIP])
		nvgspctl_json_add(o, "chip", drm_chip_json(&d->chip));
	else
		nvgspctl_json_add_str(o, "chip", NULL);
	if (d->have[NVGSPCTL_DRM_GSP])
		nvgspctl_json_add(o, "gsp", drm_gsp_json(&d->gsp));
	else
		nvgspctl_json_add_str(o, "gsp", NULL);
	if (d->have[NVGSPCTL_DRM_MEMORY])
		nvgspctl_json_add(o, "memory", drm_memory_json(&d->memory));
	else
		nvgspctl_json_add_str(o, "memory", NULL);
	if (d->have[NVGSPCTL_DRM_VGPU])
		nvgspctl_json_add(o, "vgpu", drm_vgpu_json(&d->vgpu));
	else
		nvgspctl_json_add_str(o, "vgpu", NULL);
	nvgspctl_json_add(parent, "drm", o);
}

static unsigned long long drm_mib(unsigned long long bytes)
{
	return bytes >> 20;
}

void nvgspctl_drm_print(const struct nvgspctl_drm_dev *d)
{
	const struct drm_nvgsp_gsp *g = &d->gsp;
	char rev[8], id[2 * sizeof(g->build_id) + 1], missing[64] = "";
	const char *state;
	unsigned int q;

	if (!d->looked)
		return;
	if (d->driver[0])
		printf("  %-20s %s (%s %d.%d.%d)\n", "render_node", d->node, d->driver,
		       d->version[0], d->version[1], d->version[2]);
	else
		printf("  %-20s %s\n", "render_node", d->node[0] ? d->node : "none");
	if (d->have[NVGSPCTL_DRM_CHIP]) {
		drm_revision(&d->chip, rev, sizeof(rev));
		printf("  %-20s %s %s (chipset 0x%x, PCI device %04x, boot0 0x%08x, boot42 0x%08x)\n",
		       "gpu", d->chip.name, rev, d->chip.chipset, d->chip.pci_device, d->chip.boot0,
		       d->chip.boot42);
	}
	if (d->have[NVGSPCTL_DRM_GSP]) {
		state = nvgspctl_drm_state_name(g->state);
		drm_build_id(g, id, sizeof(id));
		if (state)
			printf("  %-20s %s", "gsp", state);
		else
			printf("  %-20s unknown state %u", "gsp", g->state);
		if (g->reason[0])
			printf(": %s", g->reason);
		printf("; GSP-RM %s, build id %s\n", g->release[0] ? g->release : "-",
		       id[0] ? id : "none");
	}
	if (d->have[NVGSPCTL_DRM_MEMORY]) {
		printf("  %-20s %llu MiB", "vram", drm_mib(d->memory.vram_bytes));
		if (d->memory.vgpu_bytes)
			printf("; for vGPUs %llu MiB, %llu MiB in use, VMMU segment %llu MiB",
			       drm_mib(d->memory.vgpu_bytes), drm_mib(d->memory.vgpu_used_bytes),
			       drm_mib(d->memory.vmmu_segment_bytes));
		printf("\n");
	}
	if (d->have[NVGSPCTL_DRM_VGPU])
		printf("  %-20s %s, manager %s, %u of %u VFs, %u types, %u vGPUs\n", "vgpu_host",
		       d->vgpu.flags & DRM_NVGSP_VGPU_BOOTED ? "GSP-RM booted for vGPU" :
		       "GSP-RM not booted for vGPU",
		       d->vgpu.flags & DRM_NVGSP_VGPU_MANAGER ? "running" : "not running",
		       d->vgpu.enabled_vfs, d->vgpu.total_vfs, d->vgpu.types, d->vgpu.vgpus);
	for (q = 0; q < NVGSPCTL_DRM_NR_QUERIES; q++)
		if (!d->have[q])
			snprintf(missing + strlen(missing), sizeof(missing) - strlen(missing), "%s%s",
				 missing[0] ? ", " : "", nvgspctl_drm_query_names[q]);
	if (missing[0])
		printf("  %-20s %s: %s\n", "missing", missing, d->error[0] ? d->error : "-");
}

void nvgspctl_drm_cols(const struct nvgspctl_drm_dev *d, char *chip, char *state, char *release,
		       char *vram, size_t len)
{
	char rev[8];
	const char *s;

	if (!d->looked) {
		snprintf(chip, len, "-");
		snprintf(state, len, "-");
		snprintf(release, len, "-");
		snprintf(vram, len, "-");
		return;
	}
	if (d->have[NVGSPCTL_DRM_CHIP]) {
		drm_revision(&d->chip, rev, sizeof(rev));
		snprintf(chip, len, "%s %s", d->chip.name, rev);
	} else {
		snprintf(chip, len, "?");
	}
	s = d->have[NVGSPCTL_DRM_GSP] ? nvgspctl_drm_state_name(d->gsp.state) : NULL;
	snprintf(state, len, "%s", s ? s : "?");
	snprintf(release, len, "%s", d->have[NVGSPCTL_DRM_GSP] && d->gsp.release[0] ?
		 d->gsp.release : "?");
	if (d->have[NVGSPCTL_DRM_MEMORY])
		snprintf(vram, len, "%lluM", drm_mib(d->memory.vram_bytes));
	else
		snprintf(vram, len, "?");
}
