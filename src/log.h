/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Diagnostics on stderr. Only cmd-* files, main.c and collectors report; parsers return
 * negative errno values and never print. The verbosity is the one allowed global.
 */
#ifndef PCR_LOG_H
#define PCR_LOG_H

#include "macro.h"

enum log_level {
	LOG_QUIET = 0, /* -q: errors only */
	LOG_WARN = 1,  /* default */
	LOG_INFO = 2,  /* -v */
	LOG_DEBUG = 3, /* -vv */
};

extern int log_level;

void log_error(const char *fmt, ...) _printf_(1, 2);
void log_warn(const char *fmt, ...) _printf_(1, 2);
void log_info(const char *fmt, ...) _printf_(1, 2);
void log_debug(const char *fmt, ...) _printf_(1, 2);

#endif
