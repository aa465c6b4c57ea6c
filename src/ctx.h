/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The run's context (command layer only): lives on main's stack and is passed to the
 * command. No option globals. Collectors never see it: they take the sysroot.
 */
#ifndef PCR_CTX_H
#define PCR_CTX_H

#include "output.h"
#include "sysroot.h"

struct pcr_ctx {
	struct sysroot sr;
	struct out_opts out;
	const char *sysroot_arg; /* --sysroot as given, NULL for "/" */
	const char *color_arg;	 /* --color as given */
	bool format_set;	 /* -J, -r or -P was given (they exclude each other) */
	const char *output_file; /* --output-file, NULL for stdout */
};

#endif
