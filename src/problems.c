// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>

#include "problems.h"
#include "xalloc.h"

void problem_add(struct pcr_problems *p, enum problem_level level, bool incomplete,
		 const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (!msg)
		msg = xstrdup("out of memory formatting a message");
	p->v = xreallocarray(p->v, p->n + 1, sizeof(*p->v));
	p->v[p->n++] = (struct pcr_problem){ .level = level,
					     .incomplete = incomplete,
					     .msg = msg };
}

bool problems_incomplete(const struct pcr_problems *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].incomplete)
			return true;
	return false;
}

void problems_done(struct pcr_problems *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].msg);
	free(p->v);
	*p = (struct pcr_problems){};
}
