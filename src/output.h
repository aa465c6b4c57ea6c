/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The output layer. Commands declare their columns as data, fill cells, and never print
 * results themselves. Tables, raw (-r) and pairs (-P) are rendered by libsmartcols; JSON
 * (-J) by json.c, because the JSON contract nests arrays of objects ("bars" inside
 * "devices") and several top-level keys ("paths", "evidence", "kernel"), which a
 * libsmartcols table cannot express.
 *
 * A document holds one or more tables. Each table has a JSON key; its rows are objects.
 * A table may have a second level ("child_key"): rows added with a parent become
 * objects in the parent's child_key array, a tree in table mode (as lsblk does), and
 * flattened rows with -l/raw/pairs.
 */
#ifndef PCR_OUTPUT_H
#define PCR_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum out_type {
	OUT_STR,  /* string */
	OUT_NUM,  /* signed number */
	OUT_HEX,  /* "0x..." string in every mode */
	OUT_SIZE, /* bytes: human-readable in tables, exact in raw, pairs and JSON */
	OUT_BOOL, /* yes/no in text, true/false in JSON */
	OUT_LIST, /* "a,b" in text, ["a","b"] in JSON */
};

enum {
	OUT_COL_RIGHT = 1 << 0, /* right-aligned */
	OUT_COL_TRUNC = 1 << 1, /* may be truncated to fit the terminal */
	OUT_COL_WRAP = 1 << 2,	/* may wrap */
	OUT_COL_TREE = 1 << 3,	/* tree column in tree mode */
};

struct out_column {
	const char *
		name; /* upper-case heading and -o name; the JSON key is its lower-case */
	enum out_type type;
	double whint;
	unsigned flags;
	unsigned level; /* 0 = row, 1 = child row (tables with a child_key) */
	const char *help;
};

enum out_format { OUT_TABLE, OUT_RAW, OUT_PAIRS, OUT_JSON };

struct out_opts {
	enum out_format format;
	bool noheadings;
	bool flat; /* -l: no tree */
	bool list_columns;
	int color; /* 1 on, 0 off (resolved from --color and NO_COLOR at start) */
	const char *columns; /* -o argument or NULL */
};

struct out_table;
struct out_row;
struct out_doc;

struct out_doc *out_doc_new(const struct out_opts *opts);
void out_doc_free(struct out_doc *doc);
/* For _cleanup_(out_doc_freep). */
static inline void out_doc_freep(struct out_doc **doc)
{
	out_doc_free(*doc);
}

/*
 * A table with its JSON key, columns and default column names ("DEVICE,BAR,..."). The -o
 * selection of the document's options applies. Returns NULL and reports on stderr when
 * -o names an unknown column (a usage error).
 */
struct out_table *out_table_new(struct out_doc *doc, const char *key,
				const struct out_column *cols, size_t ncols,
				const char *defaults, const char *child_key);
/* Emit a table's single row as a JSON object instead of an array ("kernel": {...}). */
void out_table_set_object(struct out_table *t, bool object);
/* Emit a table as a JSON array of its first column's values ("missing": [12, 34]). */
void out_table_set_values(struct out_table *t, bool values);
/* Leave a table out of text output (JSON only), e.g. a summary printed otherwise. */
void out_table_set_json_only(struct out_table *t, bool json_only);
/* Bold title line printed above the table in text mode. */
void out_table_set_title(struct out_table *t, const char *title);

struct out_row *out_row_new(struct out_table *t, struct out_row *parent);
/* Text shown in the tree column of a child row in tree mode ("BAR0"). */
void out_row_set_label(struct out_row *r, const char *label);

void out_set_str(struct out_row *r, size_t col, const char *s);
void out_set_num(struct out_row *r, size_t col, int64_t v);
void out_set_u64(struct out_row *r, size_t col, uint64_t v); /* OUT_HEX or OUT_SIZE */
void out_set_bool(struct out_row *r, size_t col, bool v);
void out_set_color(struct out_row *r, size_t col, const char *color); /* "red", ... */

/* Render to stdout. 0 or negative errno. */
int out_doc_print(struct out_doc *doc);

/* For --list-columns: the column table itself. */
void out_print_columns(const struct out_opts *opts, const struct out_column *cols,
		       size_t ncols, const char *defaults);

/* Human-readable size ("512K", "1.5M"); buf of at least 16 bytes. */
const char *out_size_human(uint64_t bytes, char *buf, size_t len);

#endif
