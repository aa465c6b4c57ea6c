// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "parse-proc.h"

#define SYSPATH_FIELD "vfio-device-syspath:"
#define VFIO_DIR      "/dev/vfio/"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Decimal digits at *pp (at least one), at most max; *pp advances past them. */
static int take_dec(const char **pp, const char *end, uint64_t max, uint64_t *ret)
{
	const char *p = *pp;
	uint64_t v = 0;

	if (p >= end || !is_digit(*p))
		return -EINVAL;
	for (; p < end && is_digit(*p); p++) {
		uint64_t d = (uint64_t)(*p - '0');

		if (v > (max - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*pp = p;
	*ret = v;
	return 0;
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

int parse_status_uid(const char *buf, size_t len, uid_t *ret_real, uid_t *ret_effective)
{
	const char *pos = buf, *end = buf + len, *line;
	size_t linelen;

	while (parse_next_line(&pos, end, &line, &linelen)) {
		const char *p = line + 4, *lend = line + linelen;
		uint64_t real, eff;
		int r;

		if (linelen < 4 || memcmp(line, "Uid:", 4) != 0)
			continue;
		p = skip_blanks(p, lend);
		r = take_dec(&p, lend, UINT32_MAX, &real);
		if (r < 0)
			return r;
		if (p >= lend || (*p != ' ' && *p != '\t'))
			return -EINVAL;
		p = skip_blanks(p, lend);
		r = take_dec(&p, lend, UINT32_MAX, &eff);
		if (r < 0)
			return r;
		*ret_real = (uid_t)real;
		*ret_effective = (uid_t)eff;
		return 0;
	}
	return -ENOENT;
}

int parse_fdinfo_vfio_slot(const char *buf, size_t len, char *slot, size_t size)
{
	const char *end = buf + len, *v, *nl, *base;

	v = memmem(buf, len, SYSPATH_FIELD, strlen(SYSPATH_FIELD));
	if (!v)
		return -ENOENT;
	v = skip_blanks(v + strlen(SYSPATH_FIELD), end);
	/* the value ends at its newline (or a NUL, which the kernel never writes) */
	for (nl = v; nl < end && *nl != '\n' && *nl != '\0'; nl++)
		;
	while (nl > v && nl[-1] == '/')
		nl--;
	base = nl;
	while (base > v && base[-1] != '/')
		base--;
	if (nl == base)
		return -EINVAL;
	if ((size_t)(nl - base) >= size)
		return -ENAMETOOLONG;
	memcpy(slot, base, (size_t)(nl - base));
	slot[nl - base] = '\0';
	return 0;
}

int parse_ns_link(const char *buf, size_t len, uint64_t *ret)
{
	const char *end = buf + len, *p = memchr(buf, '[', len);
	uint64_t v;
	int r;

	if (!p)
		return -EINVAL;
	p++;
	r = take_dec(&p, end, UINT64_MAX, &v);
	if (r < 0)
		return r;
	if (p >= end || *p != ']')
		return -EINVAL;
	*ret = v;
	return 0;
}

int parse_vfio_group_link(const char *buf, size_t len, unsigned *ret)
{
	const char *p = buf + strlen(VFIO_DIR), *end = buf + len;
	uint64_t v;
	int r;

	if (len <= strlen(VFIO_DIR) || memcmp(buf, VFIO_DIR, strlen(VFIO_DIR)) != 0 ||
	    !is_digit(*p))
		return -ENOENT;
	r = take_dec(&p, end, UINT32_MAX, &v);
	if (r < 0)
		return r;
	if (p != end)
		return -EINVAL;
	*ret = (unsigned)v;
	return 0;
}
