/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parser for a kernel release string (uname -r, /proc/sys/kernel/osrelease):
 * "6.1.0-27-amd64" is 6.1.0, "5.14.0-rc6" is 5.14.0 release candidate 6, "4.19" is
 * 4.19.0. Only MAJOR.MINOR must be there; whatever a distribution appends is ignored
 * except a "-rcN" anywhere after MINOR.
 */
#ifndef PCR_PARSE_RELEASE_H
#define PCR_PARSE_RELEASE_H

#include "parse.h"

struct kernel_release {
	unsigned major, minor, patch; /* patch 0 when absent or unreadable */
	unsigned rc;		      /* N of "-rcN", 0 for a release */
};

/*
 * -EINVAL when buf does not start with MAJOR.MINOR (decimal, each at most 100000) or
 * MAJOR is 0. A NUL byte ends the release as the end of the buffer does.
 */
int parse_release(const char *buf, size_t len, struct kernel_release *ret,
		  struct parse_err *reterr);

#endif
