// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>

#include "macro.h"
#include "parse-proc.h"
#include "proc-info.h"

#define STATUS_MAX (64u << 10)

void proc_info_load(const struct sysroot *sr, pid_t pid, struct proc_info *ret)
{
	_cleanup_free_ char *comm = NULL, *status = NULL;
	char path[64];
	uid_t real, eff;
	size_t len;

	*ret = (struct proc_info){ .pid = pid };
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	if (sr_read_line(sr, path, &comm) >= 0)
		snprintf(ret->comm, sizeof(ret->comm), "%s", comm);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (sr_read_file(sr, path, STATUS_MAX, &status, &len) >= 0 &&
	    parse_status_uid(status, len, &real, &eff) == 0) {
		ret->uid_known = true;
		ret->uid = eff;
	}
}
