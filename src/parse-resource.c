// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>

#include "parse-resource.h"

static const char *skip_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static const char *field_end(const char *p, const char *end)
{
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	return p;
}

static int parse_line(const char *p, const char *end, struct resource_line *ret)
{
	uint64_t v[3];

	for (int i = 0; i < 3; i++) {
		const char *f;
		p = skip_blank(p, end);
		f = field_end(p, end);
		if (f == p || parse_hex_u64(p, f, &v[i]) < 0)
			return -EINVAL;
		p = f;
	}
	if (skip_blank(p, end) != end)
		return -EINVAL;
	if (v[1] < v[0] && !(v[0] == 0 && v[1] == 0))
		return -EINVAL;
	ret->start = v[0];
	ret->end = v[1];
	ret->flags = v[2];
	ret->valid = true;
	return 0;
}

int parse_resource(const char *buf, size_t len, struct resource_file *ret,
		   struct parse_err *reterr)
{
	struct resource_file rf = { 0 };
	const char *pos = buf, *end = buf + len, *line;
	size_t ll;
	bool first_bad = true;

	while (parse_next_line(&pos, end, &line, &ll)) {
		struct resource_line *rl;

		if (ll == 0 && pos >= end)
			break;
		if (rf.nlines >= RESOURCE_MAX_LINES) {
			parse_err_set(reterr, rf.nlines + 1, "too many lines");
			return -EINVAL;
		}
		rl = &rf.lines[rf.nlines++];
		if (parse_line(line, line + ll, rl) < 0) {
			rl->valid = false;
			rf.nbad++;
			if (first_bad)
				parse_err_set(reterr, rf.nlines,
					      "expected three hexadecimal numbers: start "
					      "end flags");
			first_bad = false;
		}
	}
	if (rf.nlines == 0) {
		parse_err_set(reterr, 0, "empty file");
		return -EINVAL;
	}
	*ret = rf;
	return 0;
}

int resource_line_kind(unsigned nlines, unsigned index, enum resource_kind *ret,
		       unsigned *ret_sub)
{
	unsigned windows_at;

	switch (nlines) {
	case 7:	 /* device, no IOV */
	case 11: /* bridge, no IOV */
		windows_at = 7;
		break;
	case 13: /* device with CONFIG_PCI_IOV */
	case 17: /* bridge with CONFIG_PCI_IOV */
		windows_at = 13;
		break;
	default:
		return -EINVAL;
	}
	if (index >= nlines)
		return -EINVAL;
	if (index < 6) {
		*ret = RES_BAR;
		*ret_sub = index;
	} else if (index == 6) {
		*ret = RES_ROM;
		*ret_sub = 0;
	} else if (index < windows_at) {
		*ret = RES_IOV;
		*ret_sub = index - 7;
	} else {
		*ret = RES_WINDOW;
		*ret_sub = index - windows_at;
	}
	return 0;
}
