/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parser for /proc/iomem: "%*s%0*llx-%0*llx : %s", two spaces of indent per level.
 * Only ranges and names are shown; a driver's claim is a child of the BAR's own entry.
 * Without CAP_SYS_ADMIN every address reads 0-0 ("redacted").
 */
#ifndef PCR_PARSE_IOMEM_H
#define PCR_PARSE_IOMEM_H

#include "parse.h"

struct iomem_entry {
	uint64_t start, end; /* inclusive */
	unsigned depth;
	int parent; /* index of the parent entry, -1 at top level */
	char *name;
};

struct iomem {
	struct iomem_entry *entries;
	size_t n;
	bool redacted; /* every address was 0: the reader lacked the privilege */
};

/* Lines that do not parse are skipped and counted in *ret_bad (may be NULL). */
int parse_iomem(const char *buf, size_t len, struct iomem *ret, unsigned *ret_bad,
		struct parse_err *reterr);
void iomem_done(struct iomem *io);

/* The deepest entry containing [start, end], or -1. */
int iomem_find(const struct iomem *io, uint64_t start, uint64_t end);
/* The entry exactly [start,end] named `name`, or -1. */
int iomem_find_named(const struct iomem *io, uint64_t start, uint64_t end,
		     const char *name);
/* The first child of entry i (a driver's claim under a BAR entry), or -1. */
int iomem_first_child(const struct iomem *io, int i);

#endif
