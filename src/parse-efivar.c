// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "parse-efivar.h"

int parse_efivar(const char *buf, size_t len, struct efivar *ret,
		 struct parse_err *reterr)
{
	struct efivar v;

	if (len < sizeof(v.attributes)) {
		parse_err_set(reterr, 0, "shorter than the 4 bytes of attributes");
		return -EINVAL;
	}
	memcpy(&v.attributes, buf, sizeof(v.attributes));
	v.data = (const unsigned char *)buf + sizeof(v.attributes);
	v.len = len - sizeof(v.attributes);
	*ret = v;
	return 0;
}

int parse_efivar_secure_boot(const char *buf, size_t len, bool *ret,
			     struct parse_err *reterr)
{
	struct efivar v;
	int r;

	r = parse_efivar(buf, len, &v, reterr);
	if (r < 0)
		return r;
	if (v.len < 1) {
		parse_err_set(reterr, 0, "no data byte after the attributes");
		return -EINVAL;
	}
	*ret = v.data[0] == 1;
	return 0;
}
