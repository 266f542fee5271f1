// SPDX-License-Identifier: GPL-2.0-only
/*
 * vm_flags_set() and vm_flags_clear(): vma->vm_flags is read-only, changed
 * only through these wrappers (which assert the mmap write lock).
 *
 * Added in Linux 6.3 by commit bc292ab00f6c ("mm: introduce vma->vm_flags
 * wrapper functions"). Before it, a driver's mmap handler wrote vm_flags
 * directly.
 */
#include <linux/mm.h>

void nvgsp_probe(struct vm_area_struct *vma);
void nvgsp_probe(struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_IO | VM_DONTEXPAND | VM_DONTDUMP);
	vm_flags_clear(vma, VM_MAYEXEC);
}
