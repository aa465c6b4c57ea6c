// SPDX-License-Identifier: GPL-2.0-or-later
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <strings.h>
#include <unistd.h>

#include "log.h"
#include "output-internal.h"
#include "output.h"
#include "xalloc.h"

struct out_doc *out_doc_new(const struct out_opts *opts)
{
	struct out_doc *doc = xcalloc(1, sizeof(*doc));

	doc->opts = *opts;
	return doc;
}

static void row_free(struct out_row *r, size_t ncols)
{
	for (size_t i = 0; i < r->nchildren; i++)
		row_free(r->children[i], ncols);
	for (size_t i = 0; i < ncols; i++)
		free(r->cells[i].s);
	free(r->children);
	free(r->cells);
	free(r->label);
	free(r);
}

void out_doc_free(struct out_doc *doc)
{
	if (!doc)
		return;
	for (size_t t = 0; t < doc->ntables; t++) {
		struct out_table *tb = doc->tables[t];
		for (size_t i = 0; i < tb->nrows; i++)
			row_free(tb->rows[i], tb->ncols);
		free(tb->rows);
		free(tb->sel);
		free(tb->key);
		free(tb->child_key);
		free(tb->title);
		free(tb);
	}
	free(doc->tables);
	free(doc);
}

/* Column names match case-insensitively, and '-' stands for '_' (PHYS-START). */
static bool name_matches(const char *col, const char *name, size_t len)
{
	if (strlen(col) != len)
		return false;
	for (size_t i = 0; i < len; i++) {
		char a = (char)tolower((unsigned char)col[i]),
		     b = (char)tolower((unsigned char)name[i]);

		if (a != b && !(a == '_' && b == '-'))
			return false;
	}
	return true;
}

static int column_index(const struct out_column *cols, size_t ncols, const char *name,
			size_t len)
{
	for (size_t i = 0; i < ncols; i++)
		if (name_matches(cols[i].name, name, len))
			return (int)i;
	return -1;
}

static bool selected(const size_t *sel, size_t nsel, size_t col)
{
	for (size_t i = 0; i < nsel; i++)
		if (sel[i] == col)
			return true;
	return false;
}

/*
 * Append the comma-separated names of list to sel, each column once (a JSON object never
 * has a key twice); -EINVAL (reported) on an unknown one.
 */
static int add_columns(const char *list, const struct out_column *cols, size_t ncols,
		       size_t *sel, size_t *nsel, bool report)
{
	const char *p = list;

	while (*p) {
		size_t len = strcspn(p, ",");
		if (len > 0) {
			int i = column_index(cols, ncols, p, len);
			if (i < 0) {
				if (report)
					log_error("unknown column '%.*s' (see "
						  "--list-columns)",
						  (int)len, p);
				return -EINVAL;
			}
			if (!selected(sel, *nsel, (size_t)i))
				sel[(*nsel)++] = (size_t)i;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* The columns a table shows: -o for the main table, else the defaults. 0 or -EINVAL. */
static int table_select(struct out_table *t, const char *spec, const char *defaults)
{
	/* "+COL" appends to the defaults */
	if (!spec || spec[0] == '+')
		add_columns(defaults, t->cols, t->ncols, t->sel, &t->nsel, false);
	if (spec && add_columns(spec[0] == '+' ? spec + 1 : spec, t->cols, t->ncols,
				t->sel, &t->nsel, true) < 0)
		return -EINVAL;
	if (t->nsel == 0) {
		log_error("no columns selected (-o '%s'; see --list-columns)",
			  spec ? spec : "");
		return -EINVAL;
	}
	return 0;
}

struct out_table *out_table_new(struct out_doc *doc, const char *key,
				const struct out_column *cols, size_t ncols,
				const char *defaults, const char *child_key)
{
	struct out_table *t = xcalloc(1, sizeof(*t));
	/* -o applies to the command's main (first) table */
	const char *spec = doc->ntables == 0 ? doc->opts.columns : NULL;

	t->doc = doc;
	t->cols = cols;
	t->ncols = ncols;
	t->sel = xcalloc(ncols, sizeof(size_t));
	if (table_select(t, spec, defaults) < 0) {
		free(t->sel);
		free(t);
		return NULL;
	}
	t->key = xstrdup(key);
	t->child_key = child_key ? xstrdup(child_key) : NULL;
	doc->tables = xreallocarray(doc->tables, doc->ntables + 1, sizeof(*doc->tables));
	doc->tables[doc->ntables++] = t;
	return t;
}

void out_table_set_object(struct out_table *t, bool object)
{
	t->object = object;
}

void out_table_set_values(struct out_table *t, bool values)
{
	t->values = values;
}

void out_table_set_json_only(struct out_table *t, bool json_only)
{
	t->json_only = json_only;
}

void out_table_set_title(struct out_table *t, const char *title)
{
	free(t->title);
	t->title = title ? xstrdup(title) : NULL;
}

struct out_row *out_row_new(struct out_table *t, struct out_row *parent)
{
	struct out_row *r = xcalloc(1, sizeof(*r));

	r->table = t;
	r->parent = parent;
	r->cells = xcalloc(t->ncols, sizeof(*r->cells));
	if (parent) {
		parent->children = xreallocarray(parent->children, parent->nchildren + 1,
						 sizeof(*parent->children));
		parent->children[parent->nchildren++] = r;
	} else {
		t->rows = xreallocarray(t->rows, t->nrows + 1, sizeof(*t->rows));
		t->rows[t->nrows++] = r;
	}
	return r;
}

void out_row_set_label(struct out_row *r, const char *label)
{
	free(r->label);
	r->label = label ? xstrdup(label) : NULL;
}

static struct out_cell *cell(struct out_row *r, size_t col)
{
	if (col >= r->table->ncols)
		abort(); /* programming error */
	r->cells[col].set = true;
	return &r->cells[col];
}

void out_set_str(struct out_row *r, size_t col, const char *s)
{
	struct out_cell *c = cell(r, col);

	free(c->s);
	c->s = s ? xstrdup(s) : NULL;
	c->set = s != NULL;
}

void out_set_num(struct out_row *r, size_t col, int64_t v)
{
	cell(r, col)->n = v;
}

void out_set_u64(struct out_row *r, size_t col, uint64_t v)
{
	cell(r, col)->u = v;
}

void out_set_bool(struct out_row *r, size_t col, bool v)
{
	cell(r, col)->b = v;
}

void out_set_color(struct out_row *r, size_t col, const char *color)
{
	if (col < r->table->ncols)
		r->cells[col].color = color;
}

const char *out_size_human(uint64_t bytes, char *buf, size_t len)
{
	static const char units[] = "KMGTPE";
	unsigned u = 0;
	uint64_t div = 1;

	if (bytes < 1024) {
		snprintf(buf, len, "%" PRIu64 "B", bytes);
		return buf;
	}
	while (u < sizeof(units) - 1 && bytes / div >= 1024) {
		div <<= 10;
		u++;
	}
	if (bytes % div == 0)
		snprintf(buf, len, "%" PRIu64 "%c", bytes / div, units[u - 1]);
	else
		snprintf(buf, len, "%.1f%c", (double)bytes / (double)div, units[u - 1]);
	return buf;
}

/* Text of one cell; NULL when empty. buf holds formatted numbers. */
const char *out_cell_text(const struct out_table *t, const struct out_cell *c, size_t col,
			  char *buf, size_t len)
{
	if (!c->set)
		return NULL;
	switch (t->cols[col].type) {
	case OUT_STR:
	case OUT_LIST:
		return c->s;
	case OUT_NUM:
		snprintf(buf, len, "%" PRId64, c->n);
		return buf;
	case OUT_HEX:
		snprintf(buf, len, "0x%" PRIx64, c->u);
		return buf;
	case OUT_SIZE:
		if (t->doc->opts.format == OUT_TABLE)
			return out_size_human(c->u, buf, len);
		snprintf(buf, len, "%" PRIu64, c->u);
		return buf;
	case OUT_BOOL:
		return c->b ? "yes" : "no";
	}
	return NULL;
}

int out_doc_print(struct out_doc *doc)
{
	bool first = true;

	if (doc->opts.format == OUT_JSON)
		return out_print_json(doc);
	for (size_t t = 0; t < doc->ntables; t++) {
		const struct out_table *tb = doc->tables[t];
		int r;

		if (tb->json_only)
			continue;
		if (!first && doc->opts.format == OUT_TABLE)
			fputc('\n', stdout);
		first = false;
		r = out_print_scols(doc, tb);
		if (r < 0)
			return r;
	}
	return 0;
}

void out_print_columns(const struct out_opts *opts, const struct out_column *cols,
		       size_t ncols, const char *defaults)
{
	static const char *const types[] = {
		[OUT_STR] = "string", [OUT_NUM] = "number",   [OUT_HEX] = "hex-string",
		[OUT_SIZE] = "bytes", [OUT_BOOL] = "boolean", [OUT_LIST] = "list",
	};
	static const struct out_column meta[] = {
		{ "NAME", OUT_STR, 0.1, 0, 0, NULL },
		{ "TYPE", OUT_STR, 0.1, 0, 0, NULL },
		{ "DEFAULT", OUT_BOOL, 0.1, 0, 0, NULL },
		{ "DESCRIPTION", OUT_STR, 0.6, OUT_COL_WRAP, 0, NULL },
	};
	struct out_doc *doc;
	struct out_table *t;

	/* -o selects among the columns of this table (NAME, TYPE, DEFAULT, DESCRIPTION) */
	doc = out_doc_new(opts);
	t = out_table_new(doc, "columns", meta, ELEMENTSOF(meta),
			  "NAME,TYPE,DEFAULT,DESCRIPTION", NULL);
	if (!t) {
		out_doc_free(doc);
		return;
	}
	for (size_t i = 0; i < ncols; i++) {
		struct out_row *r = out_row_new(t, NULL);
		size_t len = strlen(cols[i].name);
		const char *p = defaults;
		bool def = false;

		while ((p = strcasestr(p, cols[i].name))) {
			if ((p == defaults || p[-1] == ',') &&
			    (p[len] == ',' || p[len] == '\0'))
				def = true;
			p += len;
		}
		out_set_str(r, 0, cols[i].name);
		out_set_str(r, 1, types[cols[i].type]);
		out_set_bool(r, 2, def);
		out_set_str(r, 3, cols[i].help);
	}
	out_doc_print(doc);
	out_doc_free(doc);
}
