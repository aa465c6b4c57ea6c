/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Who a process is (collect layer): its command name and uid, through the sysroot. */
#ifndef PCR_PROC_INFO_H
#define PCR_PROC_INFO_H

#include <stdbool.h>
#include <sys/types.h>

#include "sysroot.h"

struct proc_info {
	pid_t pid;
	char comm[64]; /* "" when unknown */
	bool uid_known;
	uid_t uid; /* effective uid from status */
};

/* Fill ret from /proc/PID/comm and the Uid line of /proc/PID/status, as far as readable.
 */
void proc_info_load(const struct sysroot *sr, pid_t pid, struct proc_info *ret);

#endif
