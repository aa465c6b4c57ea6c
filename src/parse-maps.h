/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parser for one line of /proc/PID/maps (and the header lines of /proc/PID/smaps),
 * fs/proc/task_mmu.c show_map_vma():
 *
 *   start-end perms offset MAJ:MIN inode<padding>name
 *
 * MAJ:MIN is the file system's s_dev in hex, never the device's rdev; offset is
 * vm_pgoff << PAGE_SHIFT in hex (at least 8 digits, up to 16). The name is d_path() text
 * with "\n" escaped as "\012" (seq_file_path(m, file, "\n")), " (deleted)" appended for
 * unlinked files, or a pseudo name ("[heap]", "[anon:NAME]", "anon_inode:[vfio-device]").
 *
 * The scan rejects most lines by their device field alone (maps_line_dev()), so a clean
 * host costs a few byte comparisons per line; only candidates are parsed in full.
 */
#ifndef PCR_PARSE_MAPS_H
#define PCR_PARSE_MAPS_H

#include <sys/types.h>

#include "parse.h"

struct maps_line {
	uint64_t start, end; /* virtual addresses, end exclusive */
	uint64_t offset;     /* file offset in bytes (vm_pgoff << PAGE_SHIFT) */
	unsigned dev_major, dev_minor;
	uint64_t inode;
	char perms[5]; /* "rw-s", NUL-terminated */
	const char
		*name;	/* into the caller's buffer, kernel-escaped, NOT NUL-terminated */
	size_t namelen; /* 0: no name (anonymous memory) */
	bool deleted;	/* " (deleted)" was stripped from the name */
};

/* makedev()-style packing of a maps or mountinfo MAJ:MIN, for comparisons. */
static inline uint64_t maps_devnum(unsigned major, unsigned minor)
{
	return (uint64_t)major << 32 | minor;
}

/*
 * Parse one line [buf, buf + len) without its newline. 0, or -EINVAL for a truncated or
 * malformed line (reterr says which field). ret->name points into buf.
 */
int parse_maps_line(const char *buf, size_t len, struct maps_line *ret,
		    struct parse_err *reterr);

/*
 * Fast path: only the MAJ:MIN field, as maps_devnum(). 0 or -EINVAL. Skips the first
 * three space-separated fields without parsing them.
 */
int maps_line_dev(const char *buf, size_t len, uint64_t *ret);

/*
 * Undo the kernel's "\ooo" escapes of a name into out (NUL-terminated, truncated to
 * outsize - 1). Returns the unescaped length, which may exceed outsize - 1 (truncated).
 */
size_t maps_unescape(const char *name, size_t len, char *out, size_t outsize);

/* Whether [buf, len) is an smaps header line (starts like "hex-hex "), not a field. */
bool maps_is_header(const char *buf, size_t len);

/*
 * An smaps "VmFlags:" line (fs/proc/task_mmu.c show_smap_vma_flags(): two-letter names
 * separated by spaces): *ret_io says whether it holds "io" (VM_IO) or "pf" (VM_PFNMAP),
 * the marks of a mapping of device memory rather than of RAM. 0, or -EINVAL when the line
 * is no VmFlags line.
 */
int parse_smaps_vmflags(const char *buf, size_t len, bool *ret_io);

#endif
