/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Problems as data. A collector that meets an unreadable or malformed file records a
 * problem and carries on; it never prints (beyond debug tracing) and never decides the
 * exit status. The command that called it logs the problems (problems_log(), in the
 * command layer) and sets the "incomplete" bit when one of them says the result is
 * incomplete.
 */
#ifndef PCR_PROBLEMS_H
#define PCR_PROBLEMS_H

#include <stdbool.h>
#include <stddef.h>

#include "macro.h"

enum problem_level {
	PROBLEM_INFO,  /* shown with -v */
	PROBLEM_WARN,  /* shown unless -q */
	PROBLEM_ERROR, /* always shown */
};

struct pcr_problem {
	enum problem_level level;
	bool incomplete; /* the result lacks something because of it */
	char *msg;	 /* one line, naming the file and the problem */
};

struct pcr_problems {
	struct pcr_problem *v;
	size_t n;
};

void problem_add(struct pcr_problems *p, enum problem_level level, bool incomplete,
		 const char *fmt, ...) _printf_(4, 5);
/* Whether any problem made the result incomplete. */
bool problems_incomplete(const struct pcr_problems *p);

void problems_done(struct pcr_problems *p);

#endif
