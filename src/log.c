// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

int log_level = LOG_WARN;

static _printf_(3, 0) void vlog(int level, const char *prefix, const char *fmt,
				va_list ap)
{
	if (level > log_level)
		return;
	flockfile(stderr); /* one whole line, even from the scan's threads */
	fputs("pcirevoke: ", stderr);
	if (prefix)
		fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}

#define DEFINE_LOG(fn, level, prefix)                                                    \
	void fn(const char *fmt, ...)                                                    \
	{                                                                                \
		va_list ap;                                                              \
		va_start(ap, fmt);                                                       \
		vlog(level, prefix, fmt, ap);                                            \
		va_end(ap);                                                              \
	}

DEFINE_LOG(log_error, LOG_QUIET, NULL)
DEFINE_LOG(log_warn, LOG_WARN, "warning: ")
DEFINE_LOG(log_info, LOG_INFO, NULL)
DEFINE_LOG(log_debug, LOG_DEBUG, "debug: ")
