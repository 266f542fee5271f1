// SPDX-License-Identifier: GPL-2.0-only
/*
 * elfshrink.c - make a small fuzzing seed from a large ELF firmware file.
 *
 *   elfshrink [--cap N] [--crc-in-sh-info] IN OUT
 *
 * A GSP-RM image is 20-60 MB, nearly all of it .fwimage, with the section
 * table at the very end: no prefix of it is a valid ELF, and a fuzzer fed
 * the whole file spends its time copying megabytes it never mutates
 * usefully. This writes the same ELF (32- or 64-bit, little-endian) with
 * every section's bytes cut to at most N (default 4096) and the file
 * re-laid out as [ELF header][section table][section-name table][the other
 * sections in table order, each at its sh_addralign up to 16], so the
 * headers the parsers check and every section they read fit in a few KiB
 * while the structure (names, types, flags, count, order) stays the real
 * one. --crc-in-sh-info rewrites a non-zero sh_info as the CRC-32 (zlib's)
 * of the cut bytes, as the Hopper/Blackwell FMC image records it, so the
 * seed still passes its CRC checks.
 *
 * A host tool over trusted input (the released firmware files); it still
 * refuses rather than misreads anything that does not fit.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rd(const uint8_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

static void wr(uint8_t *p, int n, uint64_t v)
{
	int i;

	for (i = 0; i < n; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

static uint32_t crc32(const uint8_t *p, size_t len)
{
	uint32_t crc = 0xffffffff;
	int bit;

	while (len--) {
		crc ^= *p++;
		for (bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

static void die(const char *what, const char *path)
{
	fprintf(stderr, "elfshrink: %s: %s\n", path, what);
	exit(1);
}

/* field offsets and widths, by class */
struct cls {
	int ehsize, shsize, addr;	/* address/offset width: 4 or 8 */
	int e_shoff, e_shentsize, e_shnum, e_shstrndx;
	int sh_type, sh_offset, sh_size, sh_info, sh_addralign;
};

static const struct cls elf32 = { 52, 40, 4, 32, 46, 48, 50, 4, 16, 20, 28, 32 };
static const struct cls elf64 = { 64, 64, 8, 40, 58, 60, 62, 4, 24, 32, 44, 48 };

int main(int argc, char **argv)
{
	uint64_t cap = 4096, shoff, off, cur, *newoff, *newsize;
	const char *in = NULL, *out = NULL;
	unsigned int shnum, shstrndx, i;
	int fix_crc = 0, a;
	const struct cls *c;
	uint8_t *f, *o;
	size_t size;
	long len;
	FILE *fp;

	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--cap") && a + 1 < argc)
			cap = strtoull(argv[++a], NULL, 0);
		else if (!strcmp(argv[a], "--crc-in-sh-info"))
			fix_crc = 1;
		else if (!in)
			in = argv[a];
		else if (!out)
			out = argv[a];
		else
			break;
	}
	if (!in || !out || a < argc) {
		fprintf(stderr, "usage: elfshrink [--cap N] [--crc-in-sh-info] IN OUT\n");
		return 2;
	}
	fp = fopen(in, "rb");
	if (!fp || fseek(fp, 0, SEEK_END) || (len = ftell(fp)) < 0)
		die("cannot read", in);
	size = (size_t)len;
	rewind(fp);
	f = malloc(size + 1);
	if (!f || fread(f, 1, size, fp) != size)
		die("cannot read", in);
	fclose(fp);

	if (size < 64 || memcmp(f, "\x7f" "ELF", 4) || f[5] != 1 || (f[4] != 1 && f[4] != 2))
		die("not a little-endian ELF", in);
	c = f[4] == 2 ? &elf64 : &elf32;
	shoff = rd(f + c->e_shoff, c->addr);
	shnum = (unsigned int)rd(f + c->e_shnum, 2);
	shstrndx = (unsigned int)rd(f + c->e_shstrndx, 2);
	if (rd(f + c->e_shentsize, 2) != (uint64_t)c->shsize || !shnum || shstrndx >= shnum ||
	    shoff > size || (uint64_t)shnum * c->shsize > size - shoff)
		die("section table not understood", in);

	newoff = calloc(shnum, sizeof(*newoff));
	newsize = calloc(shnum, sizeof(*newsize));
	cur = (uint64_t)c->ehsize + (uint64_t)shnum * c->shsize;
	for (a = -1; a < (int)shnum; a++) {
		/* the section-name table first, then the others in order */
		i = a < 0 ? shstrndx : (unsigned int)a;
		if (a >= 0 && i == shstrndx)
			continue;
		{
			const uint8_t *h = f + shoff + (uint64_t)i * c->shsize;
			uint32_t type = (uint32_t)rd(h + c->sh_type, 4);
			uint64_t sz = rd(h + c->sh_size, c->addr), al = rd(h + c->sh_addralign, c->addr);

			off = rd(h + c->sh_offset, c->addr);
			newsize[i] = sz;
			if (i == 0 || type == 0 || type == 8)	/* null, SHT_NULL, SHT_NOBITS */
				continue;
			if (off > size || sz > size - off)
				die("a section lies outside the file", in);
			if (sz > cap && i != shstrndx)
				newsize[i] = cap;
			if (al > 1 && al <= 16)
				cur = (cur + al - 1) & ~(al - 1);
			newoff[i] = cur;
			cur += newsize[i];
		}
	}

	o = calloc(1, cur);
	if (!o)
		die("out of memory", in);
	memcpy(o, f, c->ehsize);
	wr(o + c->e_shoff, c->addr, c->ehsize);
	for (i = 0; i < shnum; i++) {
		const uint8_t *h = f + shoff + (uint64_t)i * c->shsize;
		uint8_t *nh = o + c->ehsize + (uint64_t)i * c->shsize;
		uint32_t type = (uint32_t)rd(h + c->sh_type, 4);

		memcpy(nh, h, c->shsize);
		if (i == 0 || type == 0 || type == 8)
			continue;
		wr(nh + c->sh_offset, c->addr, newoff[i]);
		wr(nh + c->sh_size, c->addr, newsize[i]);
		memcpy(o + newoff[i], f + rd(h + c->sh_offset, c->addr), newsize[i]);
		if (fix_crc && rd(h + c->sh_info, 4))
			wr(nh + c->sh_info, 4, crc32(o + newoff[i], newsize[i]));
	}
	fp = fopen(out, "wb");
	if (!fp || fwrite(o, 1, cur, fp) != cur || fclose(fp))
		die("cannot write", out);
	free(o);
	free(newoff);
	free(newsize);
	free(f);
	return 0;
}
