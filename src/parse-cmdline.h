/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parser for /proc/cmdline: the boot parameters that decide revocation and lockdown,
 * split the way the kernel splits them (lib/cmdline.c next_arg(): double quotes group,
 * parsing stops at a bare "--" because what follows goes to init).
 *
 * - iomem=: kernel/resource.c strict_iomem() runs for every occurrence, in order; within
 *   one value strstr("relaxed") turns the checks off, then strstr("strict") turns them
 * on, so "strict" wins inside one value and the last occurrence wins overall.
 * - lockdown=integrity|confidentiality: security/lockdown lockdown_param(); the level can
 *   only be raised, so the highest valid occurrence counts.
 */
#ifndef PCR_PARSE_CMDLINE_H
#define PCR_PARSE_CMDLINE_H

#include "parse.h"
#include "model.h"

enum iomem_state {
	IOMEM_DEFAULT = -1, /* no iomem= changed it: strict iff CONFIG_STRICT_DEVMEM */
	IOMEM_RELAXED = 0,
	IOMEM_STRICT = 1,
};

struct cmdline {
	enum iomem_state iomem;
	unsigned iomem_count; /* iomem= occurrences seen */
	char iomem_last[64];  /* value of the last iomem= (truncated), "" if none */
	enum lockdown_level lockdown; /* LOCKDOWN_NONE when no valid lockdown= */
	unsigned lockdown_count;      /* lockdown= occurrences seen (valid or not) */
	unsigned nparams;	      /* parameters before "--" */
	bool init_args;		      /* a "--" was seen: the rest went to init */
};

/* Never fails on content (the kernel accepts anything); -EINVAL only for len == 0. */
int parse_cmdline(const char *buf, size_t len, struct cmdline *ret,
		  struct parse_err *reterr);

#endif
