// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "parse-lockdown.h"

int parse_lockdown(const char *buf, size_t len, enum lockdown_level *ret,
		   struct parse_err *reterr)
{
	const char *p = buf, *end = buf + len;
	int found = -1;

	/* only the first line counts; a trailing newline is normal */
	{
		const char *nl = memchr(buf, '\n', len);
		if (nl) {
			for (const char *q = nl + 1; q < end; q++)
				if (*q != '\n' && *q != ' ') {
					parse_err_set(reterr, 2, "more than one line");
					return -EINVAL;
				}
			end = nl;
		}
	}
	while (p < end) {
		const char *w;
		size_t n;
		bool bracket = false;
		int lvl;

		while (p < end && *p == ' ')
			p++;
		if (p >= end)
			break;
		w = p;
		while (p < end && *p != ' ')
			p++;
		n = p - w;
		if (n >= 2 && w[0] == '[' && w[n - 1] == ']') {
			bracket = true;
			w++;
			n -= 2;
		}
		lvl = lockdown_level_from(w, n);
		if (!bracket)
			continue; /* an unbracketed word: a level this kernel offers, not
				     ours */
		if (lvl < 0) {
			parse_err_set(reterr, 1, "unknown lockdown level in brackets");
			return -EINVAL;
		}
		if (found >= 0) {
			parse_err_set(reterr, 1, "more than one level in brackets");
			return -EINVAL;
		}
		found = lvl;
	}
	if (found < 0) {
		parse_err_set(reterr, 1, "no level in brackets");
		return -EINVAL;
	}
	*ret = (enum lockdown_level)found;
	return 0;
}
