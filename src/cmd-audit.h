/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `pcirevoke audit`'s own: user names (cmd-audit-users.c) and counts for its metrics
 * (cmd-audit-prom.c). */
#ifndef PCR_CMD_AUDIT_H
#define PCR_CMD_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "model.h"
#include "sysroot.h"

/* User names by uid, a small cache: getpwuid(3) live, the tree's /etc/passwd else. */
struct user_names {
	struct {
		uid_t uid;
		char *name;
	} * v;
	size_t n;
	char *passwd; /* the sysroot's /etc/passwd, read once */
	size_t passwd_len;
	bool passwd_read;
};

/* The name of uid (its number when it has none); owned by the cache. */
const char *user_name(struct user_names *u, const struct sysroot *sr, uid_t uid);
void user_names_done(struct user_names *u);

struct audit_device_count {
	char slot[24];
	unsigned by_state[MAP_STATE_MAX];
};

struct audit_tally {
	unsigned by_state_via[MAP_STATE_MAX][VIA_MAX];
	struct audit_device_count *devices; /* counted only when asked for */
	size_t ndevices;
	unsigned processes, unreadable, vanished, missing, findings;
	bool incomplete;
};

/* Count one reported mapping; slot may be NULL (no device), by_device adds per device. */
void audit_tally_add(struct audit_tally *t, const char *slot, enum map_via via,
		     enum map_state state, bool by_device);
void audit_tally_done(struct audit_tally *t);

/*
 * node_exporter textfile metrics: mappings by state (every state, zero included), by
 * door and state, by device and state (by_device), findings, processes scanned,
 * unreadable, vanished and missing, the incomplete flag and the run's time. 0 or -EIO.
 */
int audit_print_prometheus(const struct audit_tally *t, bool by_device, time_t when);

#endif
