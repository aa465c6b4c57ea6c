/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which processes there are (collect layer): the PIDs under /proc of the sysroot. */
#ifndef PCR_PROC_LIST_H
#define PCR_PROC_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "sysroot.h"

/*
 * The numeric entries of /proc, sorted; *ret is the caller's to free. 0, or the negative
 * errno of opening /proc.
 */
int proc_list_pids(const struct sysroot *sr, pid_t **ret, size_t *retn);

/*
 * Live and not root: whether /proc is mounted with hidepid=2 or hidepid=invisible (as
 * /proc/self/mountinfo shows it), so that other users' processes are missing from the
 * listing. false under a sysroot, as root, and when mountinfo cannot be read.
 */
bool proc_hides_pids(const struct sysroot *sr);

#endif
