/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The process scan's own (collect layer, private to proc-scan*.c): the state one thread
 * scans with, the scan of one process (proc-scan.c), and the scan of many on several
 * threads (proc-scan-parallel.c).
 */
#ifndef PCR_PROC_SCAN_INTERNAL_H
#define PCR_PROC_SCAN_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "door-resolve.h"
#include "maps-reader.h"
#include "mntns.h"
#include "proc-info.h"
#include "proc-scan.h"

#define PATH_SIZE 8192

struct scan {
	const struct sysroot *sr;
	const struct proc_scan_opts *o;
	proc_scan_cb cb;
	void *userdata;
	struct proc_scan_stats *st;
	unsigned long page_size;
	struct maps_run run;
	struct mntns_cache *nsc;
	struct maps_iter *it;

	/* the process being scanned; its details are read only when it has a door */
	pid_t pid;
	const struct mntns *ns;
	bool pi_loaded;
	struct proc_info pi;
	bool vfio_scanned;
	struct vfio_holder vfio;
	char fspath[PATH_SIZE]; /* path inside the file system */
	char alt[PATH_SIZE];	/* another reading of a maps name */
	/* devtmpfs files whose rdev map_files told (an inode's rdev never changes): one
	 * look per file, not per mapping (a process may map /dev/zero 20,000 times) */
	struct rdev_seen {
		uint64_t dev, ino;
		bool used, devmem;
	} rdev_seen[256];
};

/*
 * Scan one process's maps with s (explicit: it was asked for with --pid) in mount
 * namespace ns (NULL: read its link now, mntns_get()).
 */
void scan_pid(struct scan *s, pid_t pid, bool explicit, const struct mntns *ns);

/* The threads a scan of n processes runs on: 1 for the scan of one thread. */
unsigned scan_threads(unsigned jobs, size_t n);

/*
 * The scan of pids (in namespaces ns, as scan_pid()) on nthreads threads, each a copy of
 * the scan s (the opts, the reader) with its own iterator and a local namespace cache
 * over s's; the callback runs in the calling thread, in the order one thread would have
 * called it; stats merged into s->st.
 */
void scan_parallel(const struct scan *s, const pid_t *pids, const struct mntns *const *ns,
		   size_t n, bool explicit, unsigned nthreads);

#endif
