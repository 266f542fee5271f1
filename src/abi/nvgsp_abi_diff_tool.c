// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_abi_diff_tool.c - what changed between two releases' tables, as lines of
 * text, for people reviewing a new release (`nvgspctl abi diff A B`).
 *
 * Every line starts with "+ " (only in the newer release), "- " (only in
 * the older one) or "~ " (in both, different); member lines of a changed
 * struct are indented by four spaces. Numbers are hexadecimal, offsets are
 * "@0x..".
 */
#include "nvgsp_abi.h"

struct nvgsp_abi_differ {
	nvgsp_abi_emit_fn emit;
	void *ctx;
	unsigned int lines;
	char buf[256];
};

static void __printf(2, 3) nvgsp_abi_out(struct nvgsp_abi_differ *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nvgsp_os_vsnprintf(d->buf, sizeof(d->buf), fmt, ap);
	va_end(ap);
	d->emit(d->ctx, d->buf);
	d->lines++;
}

static bool nvgsp_abi_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static void nvgsp_abi_diff_protos(struct nvgsp_abi_differ *d, const struct nvgsp_abi *a,
				  const struct nvgsp_abi *b)
{
	if (!nvgsp_abi_streq(a->transport->name, b->transport->name))
		nvgsp_abi_out(d, "~ transport: %s -> %s", a->transport->name, b->transport->name);
	if (!nvgsp_abi_streq(a->init->name, b->init->name))
		nvgsp_abi_out(d, "~ init: %s -> %s", a->init->name, b->init->name);
}

static bool nvgsp_abi_has_role(const struct nvgsp_abi_fw_need *need, const char *role)
{
	const char *const *r;

	if (!need)
		return false;
	for (r = need->roles; *r; r++)
		if (nvgsp_abi_streq(*r, role))
			return true;
	return false;
}

/* The roles in @x that @y lacks, space-separated, into @buf. */
static void nvgsp_abi_roles_minus(char *buf, size_t len, const struct nvgsp_abi_fw_need *x,
				  const struct nvgsp_abi_fw_need *y)
{
	const char *const *r;
	size_t n = 0;

	buf[0] = '\0';
	if (!x)
		return;
	for (r = x->roles; *r && n < len; r++)
		if (!nvgsp_abi_has_role(y, *r))
			n += nvgsp_os_snprintf(buf + n, len - n, "%s%s", n ? " " : "", *r);
}

static void nvgsp_abi_diff_fw(struct nvgsp_abi_differ *d, const struct nvgsp_abi *a,
			      const struct nvgsp_abi *b)
{
	char plus[96], minus[96];
	u32 i;

	for (i = 0; i < a->nr_fw_needs; i++) {
		const struct nvgsp_abi_fw_need *na = &a->fw_needs[i];
		const struct nvgsp_abi_fw_need *nb = nvgsp_abi_fw_need(b, na->sig_family);

		if (!nb) {
			nvgsp_abi_out(d, "- firmware %s", na->sig_family);
			continue;
		}
		nvgsp_abi_roles_minus(plus, sizeof(plus), nb, na);
		nvgsp_abi_roles_minus(minus, sizeof(minus), na, nb);
		if (plus[0] || minus[0])
			nvgsp_abi_out(d, "~ firmware %s:%s%s%s%s", na->sig_family,
				      plus[0] ? " + " : "", plus, minus[0] ? " - " : "", minus);
	}
	for (i = 0; i < b->nr_fw_needs; i++) {
		const struct nvgsp_abi_fw_need *nb = &b->fw_needs[i];

		if (!nvgsp_abi_fw_need(a, nb->sig_family)) {
			nvgsp_abi_roles_minus(plus, sizeof(plus), nb, NULL);
			nvgsp_abi_out(d, "+ firmware %s: %s", nb->sig_family, plus);
		}
	}
}

static void nvgsp_abi_diff_params(struct nvgsp_abi_differ *d, const struct nvgsp_abi *a,
				  const struct nvgsp_abi *b)
{
	u32 i;
	u64 v;

	for (i = 0; i < a->nr_params; i++) {
		const struct nvgsp_abi_param *p = &a->params[i];

		if (nvgsp_abi_param(b, p->name, &v))
			nvgsp_abi_out(d, "- param %s (was 0x%llx)", p->name,
				      p->value);
		else if (v != p->value)
			nvgsp_abi_out(d, "~ param %s: 0x%llx -> 0x%llx", p->name,
				      p->value, v);
	}
	for (i = 0; i < b->nr_params; i++) {
		const struct nvgsp_abi_param *p = &b->params[i];

		if (nvgsp_abi_param(a, p->name, &v))
			nvgsp_abi_out(d, "+ param %s = 0x%llx", p->name,
				      p->value);
	}
}

static void nvgsp_abi_diff_numbers(struct nvgsp_abi_differ *d, const struct nvgsp_abi *a,
				   const struct nvgsp_abi *b)
{
	unsigned int g;
	u32 id, va, vb;

	for (g = 0; g < NVGSP_ABI_NR_GROUPS; g++) {
		const char *group = nvgsp_abi_groups[g].name;

		for (id = 0; id < nvgsp_abi_groups[g].count; id++) {
			bool ina = !nvgsp_abi_number(a, (enum nvgsp_abi_group)g, id, &va);
			bool inb = !nvgsp_abi_number(b, (enum nvgsp_abi_group)g, id, &vb);
			const char *name = nvgsp_abi_groups[g].ids[id];

			if (ina && !inb)
				nvgsp_abi_out(d, "- %s %s (was 0x%x)", group, name, va);
			else if (!ina && inb)
				nvgsp_abi_out(d, "+ %s %s = 0x%x", group, name, vb);
			else if (ina && va != vb)
				nvgsp_abi_out(d, "~ %s %s: 0x%x -> 0x%x", group, name, va, vb);
		}
	}
}

static const struct nvgsp_abi_field *nvgsp_abi_field(const struct nvgsp_abi_struct *s,
						     const char *name)
{
	u32 i;

	for (i = 0; i < s->nr_fields; i++)
		if (nvgsp_abi_streq(s->fields[i].name, name))
			return &s->fields[i];
	return NULL;
}

/* "u8[7] padding @0xf9" */
static void nvgsp_abi_field_str(char *buf, size_t len, const struct nvgsp_abi_field *f)
{
	if (f->flags & NVGSP_ABI_FIELD_FLEX)
		nvgsp_os_snprintf(buf, len, "%s[] %s @0x%x", f->type, f->name, f->offset);
	else if (f->flags & NVGSP_ABI_FIELD_ARRAY)
		nvgsp_os_snprintf(buf, len, "%s[%u] %s @0x%x", f->type, f->count, f->name,
				  f->offset);
	else
		nvgsp_os_snprintf(buf, len, "%s %s @0x%x", f->type, f->name, f->offset);
}

static bool nvgsp_abi_field_same(const struct nvgsp_abi_field *x, const struct nvgsp_abi_field *y)
{
	return x->offset == y->offset && x->size == y->size && x->count == y->count &&
	       x->flags == y->flags && nvgsp_abi_streq(x->type, y->type);
}

/* Whether a struct differs: its own layout, or a member's. */
static bool nvgsp_abi_struct_same(const struct nvgsp_abi_struct *x,
				  const struct nvgsp_abi_struct *y)
{
	u32 i;

	if (x->size != y->size || x->align != y->align || x->flags != y->flags ||
	    x->nr_fields != y->nr_fields)
		return false;
	for (i = 0; i < x->nr_fields; i++)
		if (!nvgsp_abi_streq(x->fields[i].name, y->fields[i].name) ||
		    !nvgsp_abi_field_same(&x->fields[i], &y->fields[i]))
			return false;
	return true;
}

static void nvgsp_abi_diff_struct(struct nvgsp_abi_differ *d, const struct nvgsp_abi_struct *x,
				  const struct nvgsp_abi_struct *y)
{
	char sa[128], sb[128];
	u32 i;

	nvgsp_abi_out(d, "~ struct %s: size %u -> %u", x->name, x->size, y->size);
	for (i = 0; i < x->nr_fields; i++) {
		const struct nvgsp_abi_field *fx = &x->fields[i];
		const struct nvgsp_abi_field *fy = nvgsp_abi_field(y, fx->name);

		nvgsp_abi_field_str(sa, sizeof(sa), fx);
		if (!fy) {
			nvgsp_abi_out(d, "    - %s", sa);
		} else if (!nvgsp_abi_field_same(fx, fy)) {
			nvgsp_abi_field_str(sb, sizeof(sb), fy);
			if (nvgsp_abi_streq(sa, sb))	/* only the member's type grew or shrank */
				nvgsp_abi_out(d, "    ~ %s: size %u -> %u", sa, fx->size, fy->size);
			else
				nvgsp_abi_out(d, "    ~ %s -> %s", sa, sb);
		}
	}
	for (i = 0; i < y->nr_fields; i++) {
		const struct nvgsp_abi_field *fy = &y->fields[i];

		if (!nvgsp_abi_field(x, fy->name)) {
			nvgsp_abi_field_str(sb, sizeof(sb), fy);
			nvgsp_abi_out(d, "    + %s", sb);
		}
	}
}

static void nvgsp_abi_diff_structs(struct nvgsp_abi_differ *d, const struct nvgsp_abi *a,
				   const struct nvgsp_abi *b)
{
	const struct nvgsp_abi_struct *as, *bs;
	u32 i, na, nb;

	as = nvgsp_abi_structs(a, &na);
	bs = nvgsp_abi_structs(b, &nb);
	for (i = 0; i < na; i++) {
		const struct nvgsp_abi_struct *x = &as[i];
		const struct nvgsp_abi_struct *y = nvgsp_abi_find_struct(b, x->name);

		if (!y)
			nvgsp_abi_out(d, "- struct %s (size %u)", x->name, x->size);
		else if (!nvgsp_abi_struct_same(x, y))
			nvgsp_abi_diff_struct(d, x, y);
	}
	for (i = 0; i < nb; i++) {
		const struct nvgsp_abi_struct *y = &bs[i];

		if (!nvgsp_abi_find_struct(a, y->name))
			nvgsp_abi_out(d, "+ struct %s (size %u)", y->name, y->size);
	}
}

unsigned int nvgsp_abi_diff(const struct nvgsp_abi *from, const struct nvgsp_abi *to,
			    nvgsp_abi_emit_fn emit, void *ctx)
{
	struct nvgsp_abi_differ d = { .emit = emit, .ctx = ctx };

	nvgsp_abi_diff_protos(&d, from, to);
	nvgsp_abi_diff_fw(&d, from, to);
	nvgsp_abi_diff_params(&d, from, to);
	nvgsp_abi_diff_numbers(&d, from, to);
	nvgsp_abi_diff_structs(&d, from, to);
	return d.lines;
}
