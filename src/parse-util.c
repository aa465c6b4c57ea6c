// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "parse.h"

int parse_hex_u64(const char *p, const char *end, uint64_t *ret)
{
	uint64_t v = 0;

	if (end - p >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	if (p >= end)
		return -EINVAL;
	for (; p < end; p++) {
		unsigned d;
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			return -EINVAL;
		if (v >> 60)
			return -ERANGE;
		v = v << 4 | d;
	}
	*ret = v;
	return 0;
}

bool parse_next_line(const char **pos, const char *end, const char **line,
		     size_t *linelen)
{
	const char *p = *pos, *nl;

	if (p >= end)
		return false;
	nl = memchr(p, '\n', end - p);
	*line = p;
	*linelen = (nl ? nl : end) - p;
	*pos = nl ? nl + 1 : end;
	return true;
}
