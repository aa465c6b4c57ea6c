// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "parse-release.h"

/* A decimal number at *p, at most 100000: advances *p past it. */
static int parse_uint(const char **p, const char *end, unsigned *ret)
{
	const char *s = *p;
	unsigned long v = 0;

	if (s >= end || *s < '0' || *s > '9')
		return -EINVAL;
	while (s < end && *s >= '0' && *s <= '9') {
		v = v * 10 + (unsigned)(*s - '0');
		if (v > 100000)
			return -ERANGE;
		s++;
	}
	*p = s;
	*ret = (unsigned)v;
	return 0;
}

/* The first "-rc" in [p, end), or NULL. */
static const char *find_rc(const char *p, const char *end)
{
	for (; end - p >= 3; p++)
		if (p[0] == '-' && p[1] == 'r' && p[2] == 'c')
			return p;
	return NULL;
}

int parse_release(const char *buf, size_t len, struct kernel_release *ret,
		  struct parse_err *reterr)
{
	const char *p = buf, *end, *nul, *r;
	struct kernel_release k = {};

	nul = memchr(buf, '\0', len);
	end = nul ? nul : buf + len;
	if (parse_uint(&p, end, &k.major) < 0 || p >= end || *p != '.') {
		parse_err_set(reterr, 0, "no MAJOR. at the start");
		return -EINVAL;
	}
	p++;
	if (parse_uint(&p, end, &k.minor) < 0) {
		parse_err_set(reterr, 0, "no MINOR after MAJOR.");
		return -EINVAL;
	}
	if (p < end && *p == '.') {
		p++;
		if (parse_uint(&p, end, &k.patch) < 0)
			k.patch = 0;
	}
	r = find_rc(p, end);
	if (r) {
		r += 3;
		if (parse_uint(&r, end, &k.rc) < 0)
			k.rc = 0;
	}
	if (k.major == 0) {
		parse_err_set(reterr, 0, "major version 0");
		return -EINVAL;
	}
	*ret = k;
	return 0;
}
