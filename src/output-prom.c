// SPDX-License-Identifier: GPL-2.0-or-later
#include "output-prom.h"

void prom_family(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s ", name);
	/* HELP text escapes backslash and newline */
	for (const char *p = help; *p; p++) {
		if (*p == '\\')
			fputs("\\\\", f);
		else if (*p == '\n')
			fputs("\\n", f);
		else
			fputc(*p, f);
	}
	fprintf(f, "\n# TYPE %s %s\n", name, type);
}

void prom_label(FILE *f, const char *name, const char *value, bool comma)
{
	fprintf(f, "%s%s=\"", comma ? "," : "", name);
	for (const char *p = value ? value : ""; *p; p++) {
		if (*p == '\\' || *p == '"')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

void prom_sample(FILE *f, const char *name, const char *const *labels, double value)
{
	fputs(name, f);
	if (labels && labels[0]) {
		fputc('{', f);
		for (size_t i = 0; labels[i]; i += 2)
			prom_label(f, labels[i], labels[i + 1], i > 0);
		fputc('}', f);
	}
	fprintf(f, " %.17g\n", value);
}
