// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "parse-doorfile.h"

int parse_resource_name(const char *buf, size_t len, unsigned *ret,
			struct parse_err *reterr)
{
	static const char prefix[] = "resource";
	const size_t n = sizeof(prefix) - 1;

	if (len <= n || memcmp(buf, prefix, n) != 0 || buf[n] < '0' || buf[n] > '5') {
		parse_err_set(reterr, 0, "not resource0 to resource5");
		return -EINVAL;
	}
	if (len > n + 1 && buf[n + 1] != '_' && buf[n + 1] != '\0') {
		parse_err_set(reterr, 0, "resourceN followed by something else than '_'");
		return -EINVAL;
	}
	*ret = (unsigned)(buf[n] - '0');
	return 0;
}

int parse_uio_name(const char *buf, size_t len, struct parse_err *reterr)
{
	if (len < 4 || memcmp(buf, "uio", 3) != 0 || buf[3] < '0' || buf[3] > '9') {
		parse_err_set(reterr, 0, "not uio followed by a number");
		return -EINVAL;
	}
	return 0;
}
