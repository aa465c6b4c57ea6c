/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `pcirevoke watch`'s state (command layer, private to cmd-watch*.c): the mappings and
 * drivers seen so far, and what changed since. cmd-watch.c runs the event loop and the
 * sources; cmd-watch-state.c keeps the state and writes the events.
 */
#ifndef PCR_CMD_WATCH_H
#define PCR_CMD_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "attribute.h"
#include "cmd.h"
#include "evidence.h"
#include "hashidx.h"
#include "inventory.h"

#define PENDING_MAX 1024

struct watch_opts {
	double interval;
	double timeout;	     /* 0: none */
	unsigned long count; /* 0: none */
	unsigned jobs;	     /* threads of each rescan; 0: the default */
};

/* A BAR mapping seen in the last scan. */
struct known {
	pid_t pid;
	uint64_t vma_start, vma_end, offset, inode;
	char comm[64];
	char slot[24];
	int bar;
	enum map_via via;
	enum map_state state;
	bool phys_known;
	uint64_t phys_start, phys_end;
	bool path_only; /* pcr_mapping.identity_weak when first seen */
	bool seen;
	/* its process is gone but its exit event not yet read: held until due, so that the
	 * exit (a death by SIGBUS says the mapping was revoked) explains the unmapping */
	bool dying;
	double due;
	char dying_cause[32];
};

/* A device's driver as of the last inventory. */
struct devstate {
	char slot[16];
	char *driver;
};

/* A mapping event waiting for the end of its scan, with how many mappings it covers. */
struct gathered {
	enum watch_kind kind;
	struct known k;
	const char *previous; /* a static state name */
	char cause[160];
	unsigned count;
	uint64_t hash; /* of what groups it (the fields above, count aside) */
};

struct pending {
	pid_t pid;
	double due;
};

struct watch {
	struct pcr_ctx *ctx;
	const struct watch_opts *o;
	struct pcr_inventory inv;
	struct evidence ev;
	struct map_verdicts mv;
	struct known *known;
	size_t nknown, capknown;
	/* known by (pid, VMA, offset, inode), gathered by what groups them: a rescan
	 * looks every mapping up, so neither lookup may cost a pass over all */
	struct hidx kidx;
	struct gathered *gathered;
	size_t ngathered, capgathered;
	struct hidx gidx;
	struct devstate *devs;
	size_t ndevs;
	struct pending pending[PENDING_MAX];
	size_t npending;
	unsigned long printed;
	bool done;
	const char *cause; /* of the scan in progress */
	bool scoped;	   /* the scan in progress covers only scope_pid */
	pid_t scope_pid;
	bool exit_events; /* the process-events connector is read: exits will be told */
};

/* CLOCK_MONOTONIC in seconds. */
double now_mono(void);
/* Rescan every process (pid 0) or one; cause names why, for the events. */
void watch_scan(struct watch *w, pid_t pid, const char *cause);
/* A process exited (exit_code as wait(2) gives it): its mappings go, with why. */
void watch_on_exit(struct watch *w, pid_t pid, int exit_code);
/* Remember each device's driver as the current inventory has it. */
void watch_remember_devices(struct watch *w);
/*
 * Reload the inventory, report what changed since the last one, and rescan when
 * anything did (or when forced).
 */
void watch_refresh(struct watch *w, bool force);
/* Report the mappings of vanished processes whose exit event did not come in time. */
void watch_expire(struct watch *w, double now);
/* When watch_expire() has work next; 0 when none is waiting. */
double watch_next_expiry(const struct watch *w);

#endif
