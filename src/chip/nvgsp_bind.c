// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_bind.c - the nvgsp.bind= policy: parsing it and deciding, per
 * device, whether nvgsp takes it (see nvgsp_bind.h and
 * Documentation/ownership.rst).
 */
#include "chip/nvgsp_bind.h"

/* Hexadecimal digits from @s up to @end: 1 to @max of them, value in @v. */
static bool bind_hex(const char *s, const char *end, unsigned int max, u32 *v)
{
	unsigned int n = 0;
	u32 x = 0;
	int d;

	if (s >= end || (size_t)(end - s) > max)
		return false;
	for (; s < end; s++, n++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return false;
		x = x << 4 | d;
	}
	*v = x;
	return n > 0;
}

/* The first @c in [@s, @end), or @end. */
static const char *bind_find(const char *s, const char *end, char c)
{
	while (s < end && *s != c)
		s++;
	return s;
}

static bool bind_word(const char *s, const char *end, const char *word)
{
	while (s < end && *word && *s == *word) {
		s++;
		word++;
	}
	return s == end && !*word;
}

/*
 * One item, [@s, @end): an address ([DDDD:]BB:SS.F) when it has a '.', else
 * a vendor:device ID.
 */
static bool bind_item(const char *s, const char *end, struct nvgsp_bind_entry *e)
{
	const char *c1 = bind_find(s, end, ':'), *c2, *dot = bind_find(s, end, '.');
	u32 a, b, c, f;

	if (c1 == end)
		return false;
	c2 = bind_find(c1 + 1, end, ':');
	memset(e, 0, sizeof(*e));
	if (dot == end) {
		if (c2 != end || !bind_hex(s, c1, 4, &a) || !bind_hex(c1 + 1, end, 4, &b))
			return false;
		e->vendor = a;
		e->device = b;
		return true;
	}
	e->is_addr = true;
	if (c2 < dot) {
		/* domain:bus:slot.func */
		if (!bind_hex(s, c1, 8, &e->domain))
			return false;
		s = c1 + 1;
		c1 = c2;
	}
	if (!bind_hex(s, c1, 2, &b) || !bind_hex(c1 + 1, dot, 2, &c) ||
	    !bind_hex(dot + 1, end, 1, &f) || c > 0x1f || f > 7 ||
	    bind_find(c1 + 1, dot, ':') != dot)
		return false;
	e->bus = b;
	e->slot = c;
	e->func = f;
	return true;
}

int nvgsp_bind_parse(const char *val, struct nvgsp_bind_policy *out, char *why,
		     size_t why_len)
{
	struct nvgsp_bind_policy p = { .mode = NVGSP_BIND_LIST };
	const char *end, *s, *next;
	bool word = false;

	if (!val) {
		nvgsp_os_snprintf(why, why_len, "no value");
		return -EINVAL;
	}
	end = val + strlen(val);
	if (end > val && end[-1] == '\n')
		end--;
	if (end == val) {
		memset(out, 0, sizeof(*out));
		return 0;
	}
	for (s = val; s <= end; s = next + 1) {
		next = bind_find(s, end, ',');
		if (bind_word(s, next, "none") || bind_word(s, next, "all")) {
			if (s != val || next != end) {
				nvgsp_os_snprintf(why, why_len,
						  "\"%.*s\" stands alone: give none, all, or a list of addresses and IDs",
						  (int)(next - s), s);
				return -EINVAL;
			}
			word = true;
			p.mode = *s == 'a' ? NVGSP_BIND_ALL : NVGSP_BIND_NONE;
			continue;
		}
		if (p.n == NVGSP_BIND_MAX_ENTRIES) {
			nvgsp_os_snprintf(why, why_len, "more than %u devices listed",
					  NVGSP_BIND_MAX_ENTRIES);
			return -E2BIG;
		}
		if (!bind_item(s, next, &p.entries[p.n])) {
			nvgsp_os_snprintf(why, why_len,
					  "\"%.*s\" is neither a PCI address ([DDDD:]BB:SS.F) nor a vendor:device ID (10de:2204)",
					  (int)(next - s), s);
			return -EINVAL;
		}
		p.n++;
	}
	if (word)
		p.n = 0;
	*out = p;
	return 0;
}

int nvgsp_bind_format(const struct nvgsp_bind_policy *p, char *buf, size_t len)
{
	const struct nvgsp_bind_entry *e;
	unsigned int i;
	int n = 0;

	if (!len)
		return 0;
	buf[0] = '\0';
	if (p->mode != NVGSP_BIND_LIST || !p->n)
		return nvgsp_os_snprintf(buf, len, "%s",
					 p->mode == NVGSP_BIND_ALL ? "all" : "none");
	for (i = 0; i < p->n && (size_t)n < len; i++) {
		e = &p->entries[i];
		if (e->is_addr)
			n += nvgsp_os_snprintf(buf + n, len - n, "%s%04x:%02x:%02x.%u",
					       i ? "," : "", e->domain, e->bus, e->slot, e->func);
		else
			n += nvgsp_os_snprintf(buf + n, len - n, "%s%04x:%04x",
					       i ? "," : "", e->vendor, e->device);
	}
	return (size_t)n < len ? n : (int)len - 1;
}

static bool bind_addr_listed(const struct nvgsp_bind_policy *p, const struct nvgsp_bind_dev *d)
{
	const struct nvgsp_bind_entry *e;
	unsigned int i;

	for (i = 0; p->mode == NVGSP_BIND_LIST && i < p->n; i++) {
		e = &p->entries[i];
		if (e->is_addr && e->domain == d->domain && e->bus == d->bus &&
		    e->slot == d->slot && e->func == d->func)
			return true;
	}
	return false;
}

static bool bind_id_listed(const struct nvgsp_bind_policy *p, const struct nvgsp_bind_dev *d)
{
	unsigned int i;

	for (i = 0; p->mode == NVGSP_BIND_LIST && i < p->n; i++) {
		if (!p->entries[i].is_addr && p->entries[i].vendor == d->vendor &&
		    p->entries[i].device == d->device)
			return true;
	}
	return false;
}

int nvgsp_bind_decide(const struct nvgsp_bind_policy *p, bool take_boot_vga,
		      const struct nvgsp_bind_dev *dev, enum nvgsp_bind_why *by,
		      char *why, size_t why_len)
{
	char addr[16], pol[48];

	nvgsp_os_snprintf(addr, sizeof(addr), "%04x:%02x:%02x.%u", dev->domain, dev->bus,
			  dev->slot, dev->func);
	/* The device named by itself: taken, boot VGA or not. */
	if (dev->override) {
		*by = NVGSP_BIND_BY_OVERRIDE;
		return 0;
	}
	if (bind_addr_listed(p, dev)) {
		*by = NVGSP_BIND_BY_ADDRESS;
		return 0;
	}
	/* Selected with others, by ID or by "all". */
	if (p->mode == NVGSP_BIND_ALL)
		*by = NVGSP_BIND_BY_ALL;
	else if (bind_id_listed(p, dev))
		*by = NVGSP_BIND_BY_ID;
	else {
		nvgsp_bind_format(p, pol, sizeof(pol));
		nvgsp_os_snprintf(why, why_len,
				  "not binding %04x:%04x: nvgsp takes a GPU only when asked (nvgsp.bind=%s); give it nvgsp.bind=%s or driverctl set-override %s nvgsp (Documentation/ownership.rst)",
				  dev->vendor, dev->device, pol, addr, addr);
		return -EPERM;
	}
	if (dev->boot_vga && !take_boot_vga) {
		nvgsp_os_snprintf(why, why_len,
				  "not binding the boot VGA device (the firmware console's framebuffer) by %s: name it, nvgsp.bind=%s, or set nvgsp.take_boot_vga=1 (Documentation/ownership.rst)",
				  nvgsp_bind_why_name(*by), addr);
		return -EPERM;
	}
	return 0;
}

const char *nvgsp_bind_why_name(enum nvgsp_bind_why by)
{
	switch (by) {
	case NVGSP_BIND_BY_OVERRIDE:
		return "driver_override";
	case NVGSP_BIND_BY_ADDRESS:
		return "its address in nvgsp.bind=";
	case NVGSP_BIND_BY_ID:
		return "its ID in nvgsp.bind=";
	case NVGSP_BIND_BY_ALL:
		return "nvgsp.bind=all";
	}
	return "?";
}
