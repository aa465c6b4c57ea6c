/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parser for a PCI device's sysfs `resource` file: one line per resource,
 * "0x%016llx 0x%016llx 0x%016llx" (start, end, IORESOURCE flags), CPU addresses. A device
 * has 7 lines (BARs 0-5, ROM), 13 with SR-IOV (then VF BARs 0-5); a bridge adds its 4
 * windows (11, or 17 with SR-IOV).
 */
#ifndef PCR_PARSE_RESOURCE_H
#define PCR_PARSE_RESOURCE_H

#include "model.h"
#include "parse.h"

#define RESOURCE_MAX_LINES 32

struct resource_line {
	uint64_t start, end, flags; /* end inclusive; all zero: not implemented */
	bool valid; /* false: the line did not parse (see parse_resource) */
};

struct resource_file {
	struct resource_line lines[RESOURCE_MAX_LINES];
	unsigned nlines;
	unsigned nbad; /* lines that did not parse: marked !valid, the rest still read */
};

/*
 * Parse "0x%016llx 0x%016llx 0x%016llx" lines. A malformed line is kept as !valid and
 * counted in nbad (reterr names the first), and the function still returns 0 so that the
 * other BARs are shown; -EINVAL only for an empty file or more than RESOURCE_MAX_LINES.
 */
int parse_resource(const char *buf, size_t len, struct resource_file *ret,
		   struct parse_err *reterr);

/*
 * Which kind line `index` of a file with `nlines` lines is: 7 (no IOV, device),
 * 11 (no IOV, bridge), 13 (IOV, device), 17 (IOV, bridge). *ret_sub is the BAR/VF-BAR/window
 * number within its kind. -EINVAL for an unknown line count.
 */
int resource_line_kind(unsigned nlines, unsigned index, enum resource_kind *ret,
		       unsigned *ret_sub);

#endif
