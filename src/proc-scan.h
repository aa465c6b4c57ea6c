/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The process scan (collect layer): every /proc/[0-9]*, or the given PIDs, through the
 * sysroot. For each process the maps (smaps with --all-io) are read by maps-reader.h,
 * whose candidates are the lines whose MAJ:MIN is the s_dev of a sysfs, proc or devtmpfs
 * mount in any mount namespace the scan has seen, the tool's own or PID 1's, or of
 * anon_inodefs, or (live) an anonymous device not described yet, asked about once
 * (mntns.h). Each candidate is classified by its path (door_classify(), after mntns.h
 * placed it inside its file system) and then identified by the mapped file itself
 * (door-identity.h): on the live system /proc/PID/map_files gives its rdev, inode and
 * file system type, else the maps line its dev:ino, compared with the host's own file of
 * that door; a door judged by its path alone outside the process's mounts is flagged
 * (identity_weak). Then it is completed with VFIO and UIO details (door-resolve.h).
 * Nothing here maps, opens a mapped file, writes or reads /proc/PID/mem.
 *
 * maps-reader.h has two readers of maps, text and PROCMAP_QUERY, that give the same
 * records. MAPS_READER_DEFAULT says which one runs when nothing is asked for; measured in
 * tests/bench/README.md. The environment variable PCIREVOKE_MAPS=text|query|auto (for
 * benchmarks and bug reports; not a documented interface) forces one when
 * proc_scan_opts.reader is MAPS_READER_AUTO. Under --sysroot and for smaps the text
 * reader always runs.
 *
 * With more than one thread (proc_scan_opts.jobs), the PIDs are shared out in chunks
 * (scan-pool.h); each thread has its own iterator and maps_run, reads the namespaces
 * learnt before the scan through a local cache of its own (mntns.h), and hands back
 * records (the mapping, its path copied, and the process's details) that the
 * calling thread passes to the callback in the order one thread would have. A given PID
 * that does not exist is reported in that order too.
 */
#ifndef PCR_PROC_SCAN_H
#define PCR_PROC_SCAN_H

#include <stdbool.h>
#include <sys/types.h>

#include "maps-reader.h"
#include "model.h"
#include "proc-info.h"
#include "sysroot.h"

#define MAPS_READER_DEFAULT	   MAPS_READER_QUERY
#define PROC_SCAN_MAX_DEFAULT_JOBS 16

struct proc_scan_opts {
	const pid_t *pids; /* NULL: every process */
	size_t npids;
	bool all_io; /* read smaps: also report io/pf VMAs no door explains (VIA_NONE) */
	/* a given PID that does not exist is only counted (watch); otherwise the scan
	 * logs the warning "no process PID" as well */
	bool quiet_missing;
	/* optional, room for npids: receives the given PIDs that do not exist, in order
	 * (stats->missing of them), for a caller that reports them itself */
	pid_t *missing;
	enum maps_reader reader;
	/* threads: 0 the default (the CPUs of the affinity mask, at most
	 * PROC_SCAN_MAX_DEFAULT_JOBS), 1 the scan in the calling thread alone. Either way
	 * the callback runs in the calling thread, in the same order, with the same
	 * stats (namespaces counts each thread's loads: a namespace first seen during the
	 * scan may be read by more than one) */
	unsigned jobs;
};

struct proc_scan_stats {
	unsigned processes;  /* maps read to the end */
	unsigned unreadable; /* maps that could not be read: EACCES/EPERM, or bad */
	/* the lowest such PID, its maps file ("/proc/PID/maps" or smaps) and why
	 * (negative errno) */
	pid_t unreadable_pid;
	char unreadable_path[32];
	int unreadable_err;
	unsigned vanished;	 /* exited during the scan */
	unsigned missing;	 /* -p PIDs that do not exist */
	unsigned mappings;	 /* handed to the callback */
	unsigned bad_lines;	 /* skipped: too long, truncated or garbage */
	unsigned namespaces;	 /* mount namespaces whose mountinfo was read */
	unsigned ns_unreadable;	 /* processes whose mountinfo could not be read */
	pid_t ns_unreadable_pid; /* the lowest PID of those, and why (negative errno) */
	int ns_unreadable_err;
	unsigned queried; /* of processes, read through PROCMAP_QUERY to the end */
	bool hidepid;	  /* live, not root, /proc mounted with hidepid=2/invisible: some
		       * processes are not even listed */
};

/* Called for each door mapping, in PID order and maps order. */
typedef void (*proc_scan_cb)(const struct proc_info *pi, const struct pcr_mapping *m,
			     void *userdata);

/* 0, or a negative errno when /proc itself cannot be listed. */
int proc_scan(const struct sysroot *sr, const struct proc_scan_opts *opts,
	      proc_scan_cb cb, void *userdata, struct proc_scan_stats *stats);

#endif
