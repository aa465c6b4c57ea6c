/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The output layer's own: a document's tables, rows and cells, and its two renderers. */
#ifndef PCR_OUTPUT_INTERNAL_H
#define PCR_OUTPUT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "output.h"

struct out_cell {
	bool set;
	int64_t n;
	uint64_t u;
	bool b;
	char *s;
	const char *color;
};

struct out_row {
	struct out_table *table;
	struct out_row *parent;
	struct out_cell *cells;
	char *label;
	struct out_row **children;
	size_t nchildren;
};

struct out_table {
	struct out_doc *doc;
	char *key;
	char *child_key;
	char *title;
	const struct out_column *cols;
	size_t ncols;
	size_t *sel;
	size_t nsel;
	struct out_row **rows;
	size_t nrows;
	bool object;
	bool values;
	bool json_only;
};

struct out_doc {
	struct out_opts opts;
	struct out_table **tables;
	size_t ntables;
};

/* Text of one cell; NULL when empty. buf holds formatted numbers. */
const char *out_cell_text(const struct out_table *t, const struct out_cell *c, size_t col,
			  char *buf, size_t len);

/* The whole document as one JSON object (output-json.c). 0 or a negative errno. */
int out_print_json(const struct out_doc *doc);

/* One table through libsmartcols: table, raw or pairs (output-scols.c). */
int out_print_scols(const struct out_doc *doc, const struct out_table *t);

#endif
