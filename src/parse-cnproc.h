/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Decoder for the kernel's process-events connector (NETLINK_CONNECTOR, CN_IDX_PROC):
 * a datagram holds netlink messages, each carrying a struct cn_msg whose data is a
 * struct proc_event. Pure: buffer in, events out. Used by `watch`.
 */
#ifndef PCR_PARSE_CNPROC_H
#define PCR_PARSE_CNPROC_H

#include <sys/types.h>

#include "parse.h"

enum cnproc_kind {
	CNPROC_OTHER, /* uid, gid, sid, ptrace, comm, coredump: not needed */
	CNPROC_FORK,
	CNPROC_EXEC,
	CNPROC_EXIT,
	CNPROC_ACK, /* answer to the subscription (err 0: subscribed) */
};

struct cnproc_event {
	enum cnproc_kind kind;
	pid_t pid;	   /* FORK: the child's; EXEC, EXIT: the process's */
	pid_t tgid;	   /* thread group: FORK child's, EXEC/EXIT process's */
	pid_t parent_tgid; /* FORK only */
	int exit_code;	   /* EXIT only */
	unsigned ack_err;  /* ACK only */
};

/*
 * Decode one datagram: up to max events into ev[], *ret_n set to how many. Messages that
 * are not process events (another connector index, NLMSG_NOOP, ...) are skipped.
 * Returns 0, or -EINVAL when the datagram is malformed or truncated (events decoded
 * before the damage are still returned in ev[] and counted in *ret_n).
 */
int parse_cnproc(const void *buf, size_t len, struct cnproc_event *ev, size_t max,
		 size_t *ret_n, struct parse_err *reterr);

#endif
