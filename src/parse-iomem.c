// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>

#include "parse-iomem.h"
#include "xalloc.h"

#define IOMEM_MAX_DEPTH 16

/* "  start-end : name" */
static int parse_line(const char *line, size_t len, struct iomem_entry *ret)
{
	const char *p = line, *end = line + len, *dash, *sep;
	unsigned indent = 0;
	uint64_t start, stop;

	while (p < end && *p == ' ') {
		p++;
		indent++;
	}
	dash = memchr(p, '-', (size_t)(end - p));
	if (!dash)
		return -EINVAL;
	sep = dash + 1;
	while (sep < end && *sep != ' ')
		sep++;
	if (parse_hex_u64(p, dash, &start) < 0 || parse_hex_u64(dash + 1, sep, &stop) < 0)
		return -EINVAL;
	if (end - sep < 3 || memcmp(sep, " : ", 3) != 0)
		return -EINVAL;
	if (stop < start)
		return -EINVAL;
	ret->start = start;
	ret->end = stop;
	ret->depth = indent / 2;
	ret->name = xstrndup(sep + 3, (size_t)(end - sep - 3));
	return 0;
}

int parse_iomem(const char *buf, size_t len, struct iomem *ret, unsigned *ret_bad,
		struct parse_err *reterr)
{
	struct iomem io = { 0 };
	int stack[IOMEM_MAX_DEPTH];
	const char *pos = buf, *end = buf + len, *line;
	size_t ll, cap = 0;
	unsigned bad = 0, lineno = 0;
	bool all_zero = true;

	while (parse_next_line(&pos, end, &line, &ll)) {
		struct iomem_entry e;

		lineno++;
		if (ll == 0)
			continue;
		if (parse_line(line, ll, &e) < 0) {
			if (bad++ == 0)
				parse_err_set(reterr, lineno,
					      "expected 'start-end : name'");
			continue;
		}
		/* a line can be at most one level deeper than the one before it */
		if (e.depth >= IOMEM_MAX_DEPTH ||
		    (io.n == 0 ? e.depth > 0
			       : e.depth > io.entries[io.n - 1].depth + 1)) {
			free(e.name);
			if (bad++ == 0)
				parse_err_set(reterr, lineno, "bad nesting");
			continue;
		}
		e.parent = e.depth ? stack[e.depth - 1] : -1;
		if (io.n == cap) {
			cap = cap ? cap * 2 : 64;
			io.entries = xreallocarray(io.entries, cap, sizeof(*io.entries));
		}
		stack[e.depth] = (int)io.n;
		if (e.start || e.end)
			all_zero = false;
		io.entries[io.n++] = e;
	}
	io.redacted = io.n > 0 && all_zero;
	if (ret_bad)
		*ret_bad = bad;
	*ret = io;
	return 0;
}

void iomem_done(struct iomem *io)
{
	for (size_t i = 0; i < io->n; i++)
		free(io->entries[i].name);
	free(io->entries);
	io->entries = NULL;
	io->n = 0;
}

int iomem_find(const struct iomem *io, uint64_t start, uint64_t end)
{
	int best = -1;

	for (size_t i = 0; i < io->n; i++) {
		const struct iomem_entry *e = &io->entries[i];
		if (e->start <= start && end <= e->end &&
		    (best < 0 || e->depth > io->entries[best].depth))
			best = (int)i;
	}
	return best;
}

int iomem_find_named(const struct iomem *io, uint64_t start, uint64_t end,
		     const char *name)
{
	for (size_t i = 0; i < io->n; i++) {
		const struct iomem_entry *e = &io->entries[i];
		if (e->start == start && e->end == end && strcmp(e->name, name) == 0)
			return (int)i;
	}
	return -1;
}

int iomem_first_child(const struct iomem *io, int i)
{
	for (size_t c = (size_t)i + 1; c < io->n; c++) {
		if (io->entries[c].depth <= io->entries[i].depth)
			break;
		if (io->entries[c].parent == i)
			return (int)c;
	}
	return -1;
}
