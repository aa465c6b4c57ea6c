// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "parse-maps.h"
#include "parse-mountinfo.h"

/* The next space-separated field of [*pp, end); false when there is none. */
static bool next_field(const char **pp, const char *end, const char **ret, size_t *retlen)
{
	const char *p = *pp, *sp;

	if (p >= end || *p == ' ')
		return false;
	sp = memchr(p, ' ', (size_t)(end - p));
	*ret = p;
	*retlen = (size_t)((sp ? sp : end) - p);
	*pp = sp ? sp + 1 : end;
	return true;
}

static int field_uint(const char *s, size_t len, unsigned *ret)
{
	uint64_t v = 0;

	if (len == 0 || len > 10)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > UINT32_MAX)
		return -EINVAL;
	*ret = (unsigned)v;
	return 0;
}

int parse_mountinfo_line(const char *buf, size_t len, struct mountinfo_line *ret,
			 struct parse_err *reterr)
{
	const char *p = buf, *end = buf + len, *f, *colon;
	struct mountinfo_line m = {};
	size_t flen;

	if (!next_field(&p, end, &f, &flen) || field_uint(f, flen, &m.mount_id) < 0 ||
	    !next_field(&p, end, &f, &flen) || field_uint(f, flen, &m.parent_id) < 0) {
		parse_err_set(reterr, 0, "bad mount id");
		return -EINVAL;
	}
	if (!next_field(&p, end, &f, &flen) || !(colon = memchr(f, ':', flen)) ||
	    field_uint(f, (size_t)(colon - f), &m.dev_major) < 0 ||
	    field_uint(colon + 1, flen - (size_t)(colon - f) - 1, &m.dev_minor) < 0) {
		parse_err_set(reterr, 0, "bad device");
		return -EINVAL;
	}
	if (!next_field(&p, end, &m.root, &m.rootlen) ||
	    !next_field(&p, end, &m.mountpoint, &m.mountpointlen) ||
	    !next_field(&p, end, &f, &flen)) { /* mount options */
		parse_err_set(reterr, 0, "missing path");
		return -EINVAL;
	}
	/* optional fields up to the "-" separator */
	for (;;) {
		if (!next_field(&p, end, &f, &flen)) {
			parse_err_set(reterr, 0, "missing separator");
			return -EINVAL;
		}
		if (flen == 1 && f[0] == '-')
			break;
	}
	if (!next_field(&p, end, &m.fstype, &m.fstypelen)) {
		parse_err_set(reterr, 0, "missing file system type");
		return -EINVAL;
	}
	/* the source may be "none" or even empty on odd file systems; tolerate its
	 * absence */
	if (!next_field(&p, end, &m.source, &m.sourcelen)) {
		m.source = NULL;
		m.sourcelen = 0;
	}
	*ret = m;
	return 0;
}

size_t mountinfo_unescape(const char *s, size_t len, char *out, size_t outsize)
{
	return maps_unescape(s, len, out, outsize);
}

bool mountinfo_field_is(const char *s, size_t len, const char *word)
{
	size_t wl = strlen(word);

	return len == wl && memcmp(s, word, wl) == 0;
}

/* Whether [s, s + len) contains the NUL-terminated word. */
static bool contains(const char *s, size_t len, const char *word)
{
	return memmem(s, len, word, strlen(word)) != NULL;
}

int parse_mountinfo_hidepid(const char *buf, size_t len, bool *ret)
{
	const char *pos = buf, *end = buf + len, *line;
	size_t linelen;

	*ret = false;
	while (parse_next_line(&pos, end, &line, &linelen)) {
		struct mountinfo_line l;
		const char *opts;
		size_t optslen;

		if (parse_mountinfo_line(line, linelen, &l, NULL) < 0 ||
		    !mountinfo_field_is(l.fstype, l.fstypelen, "proc") ||
		    !mountinfo_field_is(l.mountpoint, l.mountpointlen, "/proc"))
			continue;
		/* the super-block options follow the source */
		opts = l.source ? l.source + l.sourcelen : l.fstype + l.fstypelen;
		optslen = (size_t)(line + linelen - opts);
		if (contains(opts, optslen, "hidepid=2") ||
		    contains(opts, optslen, "hidepid=invisible")) {
			*ret = true;
			break;
		}
	}
	return 0;
}
