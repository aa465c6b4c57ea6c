// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "parse-passwd.h"

/* A decimal number filling [p, end) exactly, below 2^32. */
static int parse_uid(const char *p, const char *end, uid_t *ret)
{
	unsigned long long v = 0;

	if (p == end)
		return -EINVAL;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		v = v * 10 + (unsigned)(*p - '0');
		if (v > 0xffffffffULL)
			return -ERANGE;
	}
	*ret = (uid_t)v;
	return 0;
}

int passwd_find_uid(const char *buf, size_t len, uid_t uid, char *name, size_t size)
{
	const char *pos = buf, *end = buf + len, *line;
	size_t linelen;

	while (parse_next_line(&pos, end, &line, &linelen)) {
		const char *le = line + linelen;
		const char *c1 = memchr(line, ':', linelen);
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(le - c1 - 1)) : NULL;
		const char *c3 = c2 ? memchr(c2 + 1, ':', (size_t)(le - c2 - 1)) : NULL;
		uid_t u;

		if (!c3 || parse_uid(c2 + 1, c3, &u) < 0 || u != uid)
			continue;
		if ((size_t)(c1 - line) >= size)
			return -ENAMETOOLONG;
		memcpy(name, line, (size_t)(c1 - line));
		name[c1 - line] = '\0';
		return 0;
	}
	return -ENOENT;
}
