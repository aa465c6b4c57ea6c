// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "parse-maps.h"

#define DELETED_SUFFIX " (deleted)"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parse hex up to the delimiter; *pp advances past it. At most maxdigits digits. */
static int take_hex(const char **pp, const char *end, char delim, unsigned maxdigits,
		    uint64_t *ret)
{
	const char *p = *pp;
	uint64_t v = 0;
	unsigned n = 0;

	for (; p < end && *p != delim; p++, n++) {
		int d = hexval(*p);

		if (d < 0 || n >= maxdigits)
			return -EINVAL;
		v = v << 4 | (unsigned)d;
	}
	if (n == 0 || p >= end)
		return -EINVAL;
	*pp = p + 1;
	*ret = v;
	return 0;
}

int maps_line_dev(const char *buf, size_t len, uint64_t *ret)
{
	const char *p = buf, *end = buf + len;
	uint64_t maj, min;

	/* skip "start-end ", "perms ", "offset " */
	for (int i = 0; i < 3; i++) {
		const char *sp = memchr(p, ' ', (size_t)(end - p));

		if (!sp)
			return -EINVAL;
		p = sp + 1;
	}
	if (take_hex(&p, end, ':', 8, &maj) < 0 || take_hex(&p, end, ' ', 8, &min) < 0)
		return -EINVAL;
	*ret = maps_devnum((unsigned)maj, (unsigned)min);
	return 0;
}

int parse_maps_line(const char *buf, size_t len, struct maps_line *ret,
		    struct parse_err *reterr)
{
	const char *p = buf, *end = buf + len;
	struct maps_line m = {};
	uint64_t maj, min, ino = 0;
	unsigned ndig = 0;

	if (take_hex(&p, end, '-', 16, &m.start) < 0 ||
	    take_hex(&p, end, ' ', 16, &m.end) < 0 || m.end < m.start) {
		parse_err_set(reterr, 0, "bad address range");
		return -EINVAL;
	}
	if (end - p < 5 || p[4] != ' ') {
		parse_err_set(reterr, 0, "bad permissions");
		return -EINVAL;
	}
	for (int i = 0; i < 4; i++) {
		static const char allowed[4][3] = { "r-", "w-", "x-", "sp" };

		if (!memchr(allowed[i], p[i], 2)) {
			parse_err_set(reterr, 0, "bad permissions");
			return -EINVAL;
		}
		m.perms[i] = p[i];
	}
	p += 5;
	if (take_hex(&p, end, ' ', 16, &m.offset) < 0) {
		parse_err_set(reterr, 0, "bad offset");
		return -EINVAL;
	}
	if (take_hex(&p, end, ':', 8, &maj) < 0 || take_hex(&p, end, ' ', 8, &min) < 0) {
		parse_err_set(reterr, 0, "bad device");
		return -EINVAL;
	}
	m.dev_major = (unsigned)maj;
	m.dev_minor = (unsigned)min;
	/* inode, decimal, then end of line or a space */
	for (; p < end && *p != ' '; p++, ndig++) {
		if (*p < '0' || *p > '9' ||
		    ino > (UINT64_MAX - (uint64_t)(*p - '0')) / 10) {
			parse_err_set(reterr, 0, "bad inode");
			return -EINVAL;
		}
		ino = ino * 10 + (uint64_t)(*p - '0');
	}
	if (ndig == 0) {
		parse_err_set(reterr, 0, "bad inode");
		return -EINVAL;
	}
	m.inode = ino;
	while (p < end && *p == ' ')
		p++;
	m.name = p;
	m.namelen = (size_t)(end - p);
	if (m.namelen >= sizeof(DELETED_SUFFIX) &&
	    memcmp(end - (sizeof(DELETED_SUFFIX) - 1), DELETED_SUFFIX,
		   sizeof(DELETED_SUFFIX) - 1) == 0) {
		m.namelen -= sizeof(DELETED_SUFFIX) - 1;
		m.deleted = true;
	}
	if (m.namelen == 0)
		m.name = NULL;
	*ret = m;
	return 0;
}

size_t maps_unescape(const char *name, size_t len, char *out, size_t outsize)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		char c = name[i];

		if (c == '\\' && len - i >= 4 && name[i + 1] >= '0' &&
		    name[i + 1] <= '3' && name[i + 2] >= '0' && name[i + 2] <= '7' &&
		    name[i + 3] >= '0' && name[i + 3] <= '7') {
			c = (char)((name[i + 1] - '0') << 6 | (name[i + 2] - '0') << 3 |
				   (name[i + 3] - '0'));
			i += 3;
		}
		if (outsize && o < outsize - 1)
			out[o] = c;
		o++;
	}
	if (outsize)
		out[o < outsize ? o : outsize - 1] = '\0';
	return o;
}

bool maps_is_header(const char *buf, size_t len)
{
	size_t i = 0;

	while (i < len && hexval(buf[i]) >= 0)
		i++;
	return i > 0 && i < len && buf[i] == '-';
}

#define VMFLAGS_FIELD "VmFlags:"

int parse_smaps_vmflags(const char *buf, size_t len, bool *ret_io)
{
	const char *p = buf + strlen(VMFLAGS_FIELD), *end = buf + len;

	if (len < strlen(VMFLAGS_FIELD) ||
	    memcmp(buf, VMFLAGS_FIELD, strlen(VMFLAGS_FIELD)) != 0)
		return -EINVAL;
	*ret_io = false;
	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		if (end - p >= 2 && (p + 2 == end || p[2] == ' ') &&
		    ((p[0] == 'i' && p[1] == 'o') || (p[0] == 'p' && p[1] == 'f'))) {
			*ret_io = true;
			break;
		}
		while (p < end && *p != ' ')
			p++;
	}
	return 0;
}
