/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PROCMAP_QUERY (Linux 6.11+, fs/proc/task_mmu.c do_procmap_query()): an ioctl on an open
 * /proc/PID/maps that answers for one VMA at a time, without formatting text: the VMA
 * covering an address or, with PROCMAP_QUERY_COVERING_OR_NEXT_VMA, the next one above it
 * (PROCMAP_QUERY_FILE_BACKED_VMA skips anonymous ones). The answer carries the range, the
 * r/w/x/shared flags, the file offset (vm_pgoff << PAGE_SHIFT), the file system's s_dev
 * and the inode: exactly what a maps line shows, from the same fields. The name is
 * produced (d_path(), as for maps, but raw: not "\012"-escaped, NUL-terminated, at most
 * PATH_MAX) only when a buffer is given, so a walk that asks for names only on candidate
 * devices skips the d_path() and printf work that dominates reading maps as text.
 *
 * The permission check is the one of opening maps (PTRACE_MODE_READ); the ioctl itself
 * reads nothing else. Older kernels answer ENOTTY. Nothing here maps memory or reads
 * /proc/PID/mem.
 */
#ifndef PCR_PROCMAP_QUERY_H
#define PCR_PROCMAP_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct procmap_vma {
	uint64_t start, end; /* end exclusive */
	uint64_t offset;     /* file offset in bytes, as the maps offset column */
	unsigned dev_major, dev_minor;
	uint64_t inode;
	char perms[5];	/* "rw-s", as in maps */
	bool deleted;	/* the name ended in " (deleted)", now stripped */
	size_t namelen; /* 0 when no name was asked for (or the VMA has none) */
};

/*
 * The first file-backed VMA that covers addr or lies above it, of the process whose maps
 * file fd is. With name (namesize > 0) also its name, NUL-terminated in name, with the
 * suffix " (deleted)" stripped as the maps parser does. 0; -ENOENT when there is none
 * (the walk is over); -ENOTTY or -EINVAL when the kernel has no PROCMAP_QUERY;
 * -ENAMETOOLONG for a name over PATH_MAX or namesize; -ESRCH when the process has no
 * memory any more (or never had: kernel threads); another negative errno otherwise.
 */
int procmap_query(int fd, uint64_t addr, struct procmap_vma *ret, char *name,
		  size_t namesize);

#endif
