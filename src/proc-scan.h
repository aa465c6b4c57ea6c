/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The process scan (collect layer): every /proc/[0-9]*, or the given PIDs, through the
 * sysroot. Each maps file is streamed in large chunks with one reused buffer; a line is
 * rejected by its MAJ:MIN alone unless that is the s_dev of a sysfs, proc or devtmpfs
 * mount in the process's own mount namespace (learnt from its mountinfo, cached per
 * namespace) or of anon_inodefs. Only those candidates are parsed in full, classified
 * (door_classify()), checked by identity on the live system (stat through
 * /proc/PID/root must give the same dev:ino; /dev/mem must be char 1:1) and completed
 * with VFIO and UIO details. Nothing here maps, writes or reads /proc/PID/mem.
 *
 * Two readers of maps give the same records:
 * - text: the file, read and filtered as above; always under --sysroot, for --all-io
 *   (smaps), and whenever the ioctl fails;
 * - query: on the live system with Linux 6.11+, the PROCMAP_QUERY ioctl on the open maps
 *   file (procmap-query.h) walks the file-backed VMAs, reads MAJ:MIN, inode, offset and
 *   flags as numbers, and asks for the name only when the device is a candidate; no text
 *   is formatted or parsed. Any error falls back to text for the rest of that process
 *   (the lines below the failed address are skipped, not reported twice); ENOTTY or
 *   EINVAL (no PROCMAP_QUERY in this kernel) switches the rest of the run to text.
 * MAPS_READER_DEFAULT says which one runs when nothing is asked for; measured in
 * tests/bench/README.md. The environment variable PCIREVOKE_MAPS=text|query|auto (for
 * benchmarks and bug reports; not a documented interface) forces one when
 * proc_scan_opts.reader is MAPS_READER_AUTO.
 */
#ifndef PCR_PROC_SCAN_H
#define PCR_PROC_SCAN_H

#include <stdbool.h>
#include <sys/types.h>

#include "model.h"
#include "sysroot.h"

enum maps_reader {
	MAPS_READER_AUTO, /* PCIREVOKE_MAPS, else MAPS_READER_DEFAULT */
	MAPS_READER_TEXT,
	MAPS_READER_QUERY, /* where the kernel has it, on the live system */
};

#define MAPS_READER_DEFAULT MAPS_READER_QUERY

struct proc_scan_opts {
	const pid_t *pids; /* NULL: every process */
	size_t npids;
	bool all_io; /* read smaps: also report io/pf VMAs no door explains (VIA_NONE) */
	bool quiet_missing; /* a given PID that does not exist is only counted (watch) */
	enum maps_reader reader;
};

struct proc_scan_stats {
	unsigned processes;	/* maps read to the end */
	unsigned unreadable;	/* EACCES/EPERM */
	unsigned vanished;	/* exited during the scan */
	unsigned missing;	/* -p PIDs that do not exist */
	unsigned mappings;	/* handed to the callback */
	unsigned bad_lines;	/* skipped: too long, truncated or garbage */
	unsigned namespaces;	/* mount namespaces whose mountinfo was read */
	unsigned ns_unreadable; /* processes whose mountinfo could not be read */
	unsigned queried;	/* of processes, read through PROCMAP_QUERY to the end */
	bool hidepid; /* live, not root, /proc mounted with hidepid=2/invisible: some
		       * processes are not even listed */
};

struct proc_info {
	pid_t pid;
	char comm[64]; /* "" when unknown */
	bool uid_known;
	uid_t uid; /* effective uid from status */
};

/* Called for each door mapping, in PID order and maps order. */
typedef void (*proc_scan_cb)(const struct proc_info *pi, const struct pcr_mapping *m,
			     void *userdata);

/* 0, or a negative errno when /proc itself cannot be listed. */
int proc_scan(const struct sysroot *sr, const struct proc_scan_opts *opts,
	      proc_scan_cb cb, void *userdata, struct proc_scan_stats *stats);

/* What proc_maps_candidates() hands over: door.via is VIA_NONE, unclassified. */
typedef void (*proc_maps_cb)(const struct pcr_mapping *m, void *userdata);

/*
 * For tests: read one process's maps with the given reader, as the scan would, taking as
 * candidates the devices in devs (maps_devnum() values) instead of a mount namespace's,
 * and hand every candidate mapping to cb before classification (path, perms, offset, dev,
 * inode, deleted). Returns the reader that read the whole file (MAPS_READER_QUERY, or
 * MAPS_READER_TEXT after a fallback or under a sysroot), or a negative errno.
 */
int proc_maps_candidates(const struct sysroot *sr, pid_t pid, enum maps_reader reader,
			 const uint64_t *devs, size_t ndevs, proc_maps_cb cb,
			 void *userdata);

#endif
