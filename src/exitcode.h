/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Exit status, the same in every output mode (documented in pcirevoke(8)). Bits OR together. */
#ifndef PCR_EXITCODE_H
#define PCR_EXITCODE_H

enum {
	PCR_EXIT_CLEAN = 0,
	PCR_EXIT_FINDINGS =
		1, /* audit: unrevocable/conflicting mapping; check: inactive door */
	PCR_EXIT_INCOMPLETE = 2, /* something could not be read */
	PCR_EXIT_FAILURE = 4,	 /* operational failure */
	PCR_EXIT_USAGE = 64,	 /* EX_USAGE, argp's own default */
};

#endif
