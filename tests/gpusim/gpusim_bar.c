// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_bar.c - VRAM behind BAR1 and BAR3, through the GPU's page tables.
 *
 * DOC: BAR1 and BAR3
 *
 * On Turing and later the CPU's BAR1 (PCI BAR1) and BAR2 (PCI BAR3, what
 * nouveau calls BAR2) windows are virtual: each access is translated by the
 * MMU through a page directory whose root GSP-RM owns. GSP-RM reports the
 * roots' FB addresses in static info (bar1PdeBase, bar2PdeBase; see
 * gpusim_rm.c) and a driver fills the rest: nouveau r535/bar.c maps its
 * BAR1 directory over bar1PdeBase and writes its PDEs there, and for BAR2
 * hands its own root's first entry to GSP-RM with UPDATE_BAR_PDE, which
 * GSP-RM writes into its BAR2 root (the model does: gpusim_rm.c).
 *
 * The walk is the version 2 MMU format nouveau writes for these chips
 * (mmu/vmmgp100.c gp100_vmm_desc_12/_16, gp100_vmm_pde(),
 * gp100_vmm_pgt_pte(); NVIDIA's dev_mmu.h NV_MMU_VER2_*): a 49-bit
 * address, PD3 (VA 48:47), PD2 (46:38), PD1 (37:29), 8-byte entries; PD0
 * (28:21) 16-byte entries whose first half points at a 64 KiB-page table
 * (VA 20:16) and second at a 4 KiB-page table (20:12); 8-byte PTEs. A PDE's
 * aperture is bits 2:1 (0 invalid, 1 video memory, 2 and 3 system memory),
 * its address bits 53:8 (the table's address >> 12). A PTE is valid in bit
 * 0, its aperture in bits 2:1 (0 video, 1 peer, 2 and 3 system), its
 * address in bits 32:8 for video memory (53:36 hold the compression tag
 * line) and 53:8 for system memory. The model tries the 4 KiB table first,
 * then the 64 KiB one (nouveau never makes both valid for one address).
 *
 * An access the tables do not map (no root yet, an invalid entry, a peer
 * aperture) reads 0 and drops the write, and is counted
 * (gpusim_bar_unmapped()); real hardware would raise an MMU fault, which
 * the model does not deliver. System memory pages are reached as the GPU
 * would, through gpusim_hw_dma().
 */
#include <string.h>

#include "gpusim_internal.h"
#include "gpusim_rm.h"

#define GS_PDE_APERTURE(e)	(((e) >> 1) & 3)
#define GS_PDE_ADDR(e)		((((e) >> 8) & ((1ull << 46) - 1)) << 12)
#define GS_PTE_VALID		1ull
#define GS_PTE_APERTURE(e)	(((e) >> 1) & 3)
#define GS_PTE_ADDR_VID(e)	((((e) >> 8) & ((1ull << 25) - 1)) << 12)
#define GS_PTE_ADDR_SYS(e)	((((e) >> 8) & ((1ull << 46) - 1)) << 12)
#define GS_APER_VID		1	/* PDE */
#define GS_PTE_APER_VID		0
#define GS_PTE_APER_PEER	1

/* @len bytes of a table entry at @addr, in video or system memory. */
static bool gs_bar_entry(struct gpusim *sim, u64 addr, bool sys, void *buf, u32 len)
{
	const void *p;

	if (!sys)
		return !gpusim_vram_read(sim, addr, buf, len);
	p = gpusim_hw_dma(sim, addr, len, "BAR page table");
	if (!p)
		return false;
	memcpy(buf, p, len);
	return true;
}

/* A PDE's next table: false when the entry is invalid. */
static bool gs_bar_pde(u64 e, u64 *table, bool *sys)
{
	u32 aper = GS_PDE_APERTURE(e);

	if (!aper)
		return false;
	*table = GS_PDE_ADDR(e);
	*sys = aper != GS_APER_VID;
	return true;
}

/* A PTE's page: false when not valid or not ours. */
static bool gs_bar_pte(u64 e, u64 va, u64 page, u64 *pa, bool *sys)
{
	u32 aper = GS_PTE_APERTURE(e);

	if (!(e & GS_PTE_VALID) || aper == GS_PTE_APER_PEER)
		return false;
	*sys = aper != GS_PTE_APER_VID;
	*pa = (*sys ? GS_PTE_ADDR_SYS(e) : GS_PTE_ADDR_VID(e)) + (va & (page - 1));
	return true;
}

/*
 * Translate @va through the directory at FB address @root: the page's
 * address and aperture, and how many bytes of the page are left from @va.
 */
static bool gs_bar_walk(struct gpusim *sim, u64 root, u64 va, u64 *pa, bool *sys, u64 *left)
{
	static const u32 shift[3] = { 47, 38, 29 };
	static const u32 bits[3] = { 2, 9, 9 };
	u64 table = root, e, pd0[2];
	bool tsys = false, psys;
	u32 i;

	if (va >> 49)
		return false;
	for (i = 0; i < 3; i++) {
		u64 idx = (va >> shift[i]) & ((1ull << bits[i]) - 1);

		if (!gs_bar_entry(sim, table + idx * 8, tsys, &e, 8) ||
		    !gs_bar_pde(get_unaligned_le64(&e), &table, &tsys))
			return false;
	}
	if (!gs_bar_entry(sim, table + ((va >> 21) & 0xff) * 16, tsys, pd0, 16))
		return false;
	/* the 4 KiB table (second half), then the 64 KiB one (first half) */
	if (gs_bar_pde(get_unaligned_le64(&pd0[1]), &table, &psys) &&
	    gs_bar_entry(sim, table + ((va >> 12) & 0x1ff) * 8, psys, &e, 8) &&
	    gs_bar_pte(get_unaligned_le64(&e), va, 0x1000, pa, sys)) {
		*left = 0x1000 - (va & 0xfff);
		return true;
	}
	if (gs_bar_pde(get_unaligned_le64(&pd0[0]), &table, &psys) &&
	    gs_bar_entry(sim, table + ((va >> 16) & 0x1f) * 8, psys, &e, 8) &&
	    gs_bar_pte(get_unaligned_le64(&e), va, 0x10000, pa, sys)) {
		*left = 0x10000 - (va & 0xffff);
		return true;
	}
	return false;
}

int gpusim_bar_access(struct gpusim *sim, unsigned int bar, u64 off, void *buf, u32 len,
		      bool write)
{
	u8 *b = buf;
	u64 root;

	if (bar != 1 && bar != 3)
		return -EINVAL;
	root = sim->rm ? gpusim_rm_bar_root(sim->rm, bar == 1 ? 1 : 2) : 0;
	while (len) {
		u64 pa, left = 0;
		bool sys;
		u32 n;

		if (!root || !gs_bar_walk(sim, root, off, &pa, &sys, &left)) {
			/* unmapped: up to the next 4 KiB */
			n = (u32)(0x1000 - (off & 0xfff));
			n = n < len ? n : len;
			if (!write)
				memset(b, 0, n);
			if (!sim->bar_unmapped++) {
				sim->bar_unmapped_bar = bar;
				sim->bar_unmapped_off = off;
			}
		} else {
			n = left < len ? (u32)left : len;
			if (sys) {
				void *p = gpusim_hw_dma(sim, pa, n, "BAR page");

				if (p && write)
					memcpy(p, b, n);
				else if (p)
					memcpy(b, p, n);
				else if (!write)
					memset(b, 0, n);
			} else if (write) {
				gpusim_vram_write(sim, pa, b, n);
			} else if (gpusim_vram_read(sim, pa, b, n)) {
				memset(b, 0, n);
			}
		}
		b += n;
		off += n;
		len -= n;
	}
	return 0;
}

u64 gpusim_bar_unmapped(const struct gpusim *sim)
{
	return sim->bar_unmapped;
}

bool gpusim_bar_unmapped_first(const struct gpusim *sim, unsigned int *bar, u64 *off)
{
	if (!sim->bar_unmapped)
		return false;
	*bar = sim->bar_unmapped_bar;
	*off = sim->bar_unmapped_off;
	return true;
}
