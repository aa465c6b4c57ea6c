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
 */
#ifndef PCR_PROC_SCAN_H
#define PCR_PROC_SCAN_H

#include <stdbool.h>
#include <sys/types.h>

#include "attribute.h"
#include "sysroot.h"

struct proc_scan_opts {
	const pid_t *pids; /* NULL: every process */
	size_t npids;
	bool all_io; /* read smaps: also report io/pf VMAs no door explains (VIA_NONE) */
	bool quiet_missing; /* a given PID that does not exist is only counted (watch) */
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

#endif
