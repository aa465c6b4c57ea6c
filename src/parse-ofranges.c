// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>

#include "parse-ofranges.h"

static uint32_t cell(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t cells(const unsigned char *p, unsigned n)
{
	return n == 2 ? (uint64_t)cell(p) << 32 | cell(p + 4) : cell(p);
}

int parse_ofranges(const void *buf, size_t len, unsigned parent_cells,
		   unsigned size_cells, struct ofrange *r, size_t max, size_t *ret_n,
		   struct parse_err *reterr)
{
	const unsigned char *p = buf;
	size_t entry, n = 0;

	if (parent_cells < 1 || parent_cells > 2 || size_cells < 1 || size_cells > 2) {
		parse_err_set(reterr, 0, "cell counts out of range");
		return -EINVAL;
	}
	entry = 4 * (3 + parent_cells + size_cells);
	if (len % entry != 0) {
		parse_err_set(reterr, 0, "not a whole number of entries");
		return -EINVAL;
	}
	for (size_t off = 0; off < len && n < max; off += entry, n++) {
		const unsigned char *e = p + off;

		r[n].space = (cell(e) >> 24) & 3;
		r[n].bus = cells(e + 4, 2);
		r[n].cpu = cells(e + 12, parent_cells);
		r[n].size = cells(e + 12 + 4 * parent_cells, size_cells);
	}
	*ret_n = n;
	return 0;
}

int parse_ofcells(const void *buf, size_t len, unsigned *ret)
{
	uint32_t v;

	if (len != 4)
		return -EINVAL;
	v = cell(buf);
	if (v < 1 || v > 2)
		return -EINVAL;
	*ret = v;
	return 0;
}
