/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading a process's /proc/PID/maps (or smaps) through the sysroot (collect layer): one
 * iterator, two readers, the same records.
 *
 * - text: the file is streamed in large chunks with one reused buffer; a line is rejected
 *   by its MAJ:MIN alone (maps_line_dev()) unless the filter takes that device, and only
 *   candidates are parsed in full. Always under --sysroot, for smaps (--all-io), and
 *   whenever the ioctl fails;
 * - query: on the live system with Linux 6.11+, the PROCMAP_QUERY ioctl on the open maps
 *   file (procmap-query.h) walks the file-backed VMAs, reads MAJ:MIN, inode, offset and
 *   flags as numbers, and asks for the name only when the device is a candidate; no text
 *   is formatted or parsed. Any error falls back to text for the rest of that process
 * (the lines below the address that failed were seen and are skipped, not reported
 * twice); ENOTTY or EINVAL (no PROCMAP_QUERY in this kernel) is remembered in the run
 *   (struct maps_run), whose later processes are read as text.
 *
 * Text is read up to MAPS_TEXT_MAX bytes (smaps: SMAPS_TEXT_MAX) per process, far above
 * what the kernel writes for the most VMAs a process may have (vm.max_map_count 65530
 * makes about 6 MiB of maps, 80 MiB of smaps); past it the walk fails with EFBIG, so that
 * a captured tree's sparse or endless file cannot hold the scan.
 *
 * An iterator owns its buffers and its query state; it belongs to one thread and is
 * reused for process after process. Nothing here maps, writes or reads /proc/PID/mem.
 */
#ifndef PCR_MAPS_READER_H
#define PCR_MAPS_READER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "parse-maps.h"
#include "sysroot.h"

#define MAPS_TEXT_MAX  (256ull << 20)
#define SMAPS_TEXT_MAX (2048ull << 20)

enum maps_reader {
	MAPS_READER_AUTO, /* PCIREVOKE_MAPS, else MAPS_READER_DEFAULT (proc-scan.h) */
	MAPS_READER_TEXT,
	MAPS_READER_QUERY, /* where the kernel has it, on the live system */
};

/* What one scan knows about reading maps, shared by its iterators. */
struct maps_run {
	enum maps_reader reader; /* MAPS_READER_TEXT or MAPS_READER_QUERY */
	/* the kernel said it has no PROCMAP_QUERY: text from now on. Only ever set to
	 * true; iterators in several threads would need it atomic */
	bool query_unavailable;
};

/* Which devices (maps_devnum()) can hold a door. */
struct maps_filter {
	bool (*is_candidate)(const void *data, uint64_t dev);
	const void *data;
};

struct maps_rec {
	/* name: unescaped and NUL-terminated (truncated to 8191 bytes), owned by the
	 * iterator until its next call; NULL when the VMA has none */
	struct maps_line line;
	bool candidate;	  /* the filter took its device (maps: always) */
	bool io;	  /* smaps: VmFlags has io (VM_IO) or pf (VM_PFNMAP) */
	bool kernel_name; /* the name as printed starts with "[" ([vvar], [heap]) */
};

struct maps_iter;

struct maps_iter *maps_iter_new(void);
void maps_iter_free(struct maps_iter *it);
static inline void maps_iter_freep(struct maps_iter **it)
{
	maps_iter_free(*it);
}

/*
 * Open /proc/PID/smaps (smaps) or /proc/PID/maps of process pid, closing what was open.
 * A captured tree may hold maps only: there, a missing smaps falls back to maps (see
 * maps_iter_smaps()). 0, or the negative errno of open(2).
 */
int maps_iter_open(struct maps_iter *it, const struct sysroot *sr, pid_t pid, bool smaps,
		   struct maps_run *run);
void maps_iter_close(struct maps_iter *it);

/*
 * The next record: maps yields the candidates that have a name; smaps yields every VMA
 * that is a candidate with a name or has io/pf in VmFlags (rec->candidate and rec->io
 * say which). 1 with *rec filled; 0 at the end; a negative errno when reading failed
 * (ESRCH or ENOENT: the process is gone; EFBIG: over the size cap). Lines that do not
 * parse are counted and skipped.
 */
int maps_iter_next(struct maps_iter *it, const struct maps_filter *f,
		   struct maps_rec *rec);

/* The file open: "/proc/PID/maps" or ".../smaps", for messages. */
const char *maps_iter_path(const struct maps_iter *it);
/* Whether the file open is smaps. */
bool maps_iter_smaps(const struct maps_iter *it);
/* Whether the walk that ended was made with PROCMAP_QUERY, with no fallback to text. */
bool maps_iter_queried(const struct maps_iter *it);
/* Lines skipped (too long, truncated or garbage) since maps_iter_new(). */
unsigned maps_iter_bad_lines(const struct maps_iter *it);

#endif
