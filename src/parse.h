/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Conventions shared by every pure parser (parse-*.c):
 *
 *   int parse_x(const char *buf, size_t len, struct x *ret, struct parse_err *reterr);
 *
 * - buf need not be NUL-terminated; parsers never read past buf + len.
 * - returns 0 or a negative errno (-EINVAL malformed, -ENOMEM never: allocation dies);
 * - writes *ret only on success; fills *reterr (may be NULL) on failure;
 * - no I/O, no printing, no exit. Input comes from /proc and /sys and is untrusted.
 */
#ifndef PCR_PARSE_H
#define PCR_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct parse_err {
	unsigned line;	 /* 1-based line of the first problem, 0 if not line-based */
	const char *msg; /* static string */
};

static inline void parse_err_set(struct parse_err *e, unsigned line, const char *msg)
{
	if (e) {
		e->line = line;
		e->msg = msg;
	}
}

/* Parse an unsigned hexadecimal number in [p, end), optional 0x prefix. 0 or -EINVAL/-ERANGE. */
int parse_hex_u64(const char *p, const char *end, uint64_t *ret);

/* Next line of [*pos, end): sets *line and *linelen (without '\n'); false at the end. */
bool parse_next_line(const char **pos, const char *end, const char **line,
		     size_t *linelen);

#endif
