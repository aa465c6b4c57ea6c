// SPDX-License-Identifier: GPL-2.0-or-later
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <libsmartcols.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "json.h"
#include "log.h"
#include "output.h"
#include "xalloc.h"

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
		char a = (char)tolower((unsigned char)col[i]), b = (char)tolower((unsigned char)name[i]);

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
					log_error("unknown column '%.*s' (see --list-columns)",
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
	if (spec && add_columns(spec[0] == '+' ? spec + 1 : spec, t->cols, t->ncols, t->sel,
				&t->nsel, true) < 0)
		return -EINVAL;
	if (t->nsel == 0) {
		log_error("no columns selected (-o '%s'; see --list-columns)", spec ? spec : "");
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
static const char *cell_text(const struct out_table *t, const struct out_cell *c, size_t col,
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

static char *json_key(const char *name)
{
	char *k = xstrdup(name);

	for (char *p = k; *p; p++)
		*p = (*p == '-') ? '_' : (char)tolower((unsigned char)*p);
	return k;
}

/* One cell: a member named after its column, or (keyed false) a bare array element. */
static void json_cell(struct json *j, const struct out_table *t, const struct out_row *r,
		      size_t col, bool keyed)
{
	const struct out_cell *c = &r->cells[col];
	_cleanup_free_ char *key = keyed ? json_key(t->cols[col].name) : NULL;

	if (!c->set) {
		if (t->cols[col].type == OUT_LIST) {
			json_open_array(j, key);
			json_close_array(j);
		} else {
			json_null(j, key);
		}
		return;
	}
	switch (t->cols[col].type) {
	case OUT_STR:
		json_str(j, key, c->s);
		break;
	case OUT_NUM:
		json_num(j, key, c->n);
		break;
	case OUT_HEX:
		json_hex(j, key, c->u);
		break;
	case OUT_SIZE:
		json_u64(j, key, c->u);
		break;
	case OUT_BOOL:
		json_bool(j, key, c->b);
		break;
	case OUT_LIST:
		json_open_array(j, key);
		for (const char *p = c->s; p && *p;) {
			size_t len = strcspn(p, ",");
			_cleanup_free_ char *item = xstrndup(p, len);
			json_str(j, NULL, item);
			p += len;
			p += strspn(p, ", ");
		}
		json_close_array(j);
		break;
	}
}

static void json_row(struct json *j, const struct out_table *t, const struct out_row *r,
		     const char *key)
{
	unsigned level = r->parent ? 1 : 0;

	json_open_object(j, key);
	for (size_t i = 0; i < t->nsel; i++)
		if (t->cols[t->sel[i]].level == level)
			json_cell(j, t, r, t->sel[i], true);
	if (t->child_key && level == 0) {
		json_open_array(j, t->child_key);
		for (size_t c = 0; c < r->nchildren; c++)
			json_row(j, t, r->children[c], NULL);
		json_close_array(j);
	}
	json_close_object(j);
}

static int print_json(const struct out_doc *doc)
{
	struct json j;

	json_init(&j, stdout, false);
	json_open_object(&j, NULL);
	for (size_t t = 0; t < doc->ntables; t++) {
		const struct out_table *tb = doc->tables[t];
		if (tb->object) {
			if (tb->nrows > 0)
				json_row(&j, tb, tb->rows[0], tb->key);
			else
				json_null(&j, tb->key);
			continue;
		}
		json_open_array(&j, tb->key);
		for (size_t i = 0; i < tb->nrows; i++)
			if (tb->values)
				json_cell(&j, tb, tb->rows[i], tb->sel[0], false);
			else
				json_row(&j, tb, tb->rows[i], NULL);
		json_close_array(&j);
	}
	json_close_object(&j);
	json_end(&j);
	return 0;
}

/* Display columns of n bytes of UTF-8 (continuation bytes take none). */
static size_t text_width(const char *s, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xc0) != 0x80;
	return w;
}

/* Where a line may break: at a space, or at a list's comma (which the break replaces). */
static bool break_after(char c)
{
	return c == ' ' || c == ',';
}

/* The widest piece of data that cannot be broken. */
static size_t widest_piece(const char *data)
{
	size_t widest = 0;

	while (data && *data) {
		size_t n = 0;

		while (data[n] && !break_after(data[n]))
			n++;
		if (text_width(data, n) > widest)
			widest = text_width(data, n);
		data += n + (data[n] != '\0');
	}
	return widest;
}

/*
 * Word wrap for libsmartcols, whose wrapping columns are as wide as their widest chunk.
 * On a terminal a wrapping column aims at its width hint (a fraction of the terminal, or
 * columns), never below its widest word; each line then ends at the last break that fits
 * the column. Elsewhere (a pipe, a file) nothing wraps.
 */
static size_t wrap_chunksize(_unused_ const struct libscols_column *cl, const char *data,
			     void *userdata)
{
	const size_t *target = userdata;
	size_t full = data ? text_width(data, strlen(data)) : 0, word;

	if (!*target || full <= *target)
		return full;
	word = widest_piece(data);
	return word > *target ? word : *target;
}

static char *wrap_nextchunk(const struct libscols_column *cl, char *data,
			    _unused_ void *userdata)
{
	size_t width = scols_column_get_width(cl), w = 0;
	char *cut = NULL;

	if (!data || !width)
		return NULL;
	for (char *p = data; *p; p++) {
		w += ((unsigned char)*p & 0xc0) != 0x80;
		if (w > width)
			break;
		if (break_after(*p) && p[1])
			cut = p + 1;
		if (!p[1])
			return NULL; /* the rest fits */
	}
	if (!cut)
		return NULL;
	/* the space or comma at the break ends the line: a list shows an item a line */
	cut[-1] = '\0';
	return cut;
}

static int scols_flags(const struct out_column *c, bool tree)
{
	int fl = 0;

	if (c->flags & OUT_COL_RIGHT)
		fl |= SCOLS_FL_RIGHT;
	if (c->flags & OUT_COL_TRUNC)
		fl |= SCOLS_FL_TRUNC;
	if (c->flags & OUT_COL_WRAP)
		fl |= SCOLS_FL_WRAP;
	if (tree && (c->flags & OUT_COL_TREE))
		fl |= SCOLS_FL_TREE;
	return fl;
}

/* Fill one libsmartcols line from a row; with `from` set, also the parent's level-0 cells. */
static int fill_line(struct libscols_line *ln, const struct out_table *t,
		     const struct out_row *r, const struct out_row *parent, bool tree)
{
	unsigned level = r->parent ? 1 : 0;

	for (size_t i = 0; i < t->nsel; i++) {
		size_t col = t->sel[i];
		const struct out_row *src = r;
		const char *text;
		char buf[64];

		if (t->cols[col].level != level) {
			if (!parent || t->cols[col].level != 0) {
				if (tree && r->label && (t->cols[col].flags & OUT_COL_TREE) &&
				    scols_line_set_data(ln, i, r->label))
					return -ENOMEM;
				continue;
			}
			src = parent;
		}
		text = cell_text(t, &src->cells[col], col, buf, sizeof(buf));
		if (text && scols_line_set_data(ln, i, text))
			return -ENOMEM;
		if (src->cells[col].color && t->doc->opts.color)
			scols_cell_set_color(scols_line_get_cell(ln, i), src->cells[col].color);
	}
	return 0;
}

/* The terminal's width when a table goes to one, else 0 (no wrapping). */
static size_t terminal_width(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0 || !ws.ws_col)
		return 0;
	return ws.ws_col;
}

static int print_scols(const struct out_doc *doc, const struct out_table *t)
{
	struct libscols_table *tb = scols_new_table();
	const struct out_opts *o = &doc->opts;
	bool tree = t->child_key && !o->flat && o->format == OUT_TABLE;
	size_t term = o->format == OUT_TABLE ? terminal_width() : 0;
	_cleanup_free_ size_t *targets = xcalloc(t->nsel ? t->nsel : 1, sizeof(size_t));
	int r = 0;

	if (!tb)
		return -ENOMEM;
	scols_table_enable_noheadings(tb, o->noheadings);
	scols_table_enable_raw(tb, o->format == OUT_RAW);
	scols_table_enable_export(tb, o->format == OUT_PAIRS);
	scols_table_enable_colors(tb, o->color);
	for (size_t i = 0; i < t->nsel; i++) {
		const struct out_column *c = &t->cols[t->sel[i]];
		struct libscols_column *cl =
			scols_table_new_column(tb, c->name, c->whint, scols_flags(c, tree));

		if (!cl) {
			r = -ENOMEM;
			goto done;
		}
		if (c->flags & OUT_COL_WRAP) {
			if (term)
				targets[i] = c->whint < 1 ? (size_t)(c->whint * (double)term)
							  : (size_t)c->whint;
			scols_column_set_wrapfunc(cl, wrap_chunksize, wrap_nextchunk,
						  &targets[i]);
		}
	}
	if (t->title && o->format == OUT_TABLE && !o->noheadings)
		scols_cell_set_data(scols_table_get_title(tb), t->title);
	for (size_t i = 0; i < t->nrows && r == 0; i++) {
		const struct out_row *row = t->rows[i];
		struct libscols_line *parent_ln;

		if (tree || row->nchildren == 0 || !t->child_key) {
			parent_ln = scols_table_new_line(tb, NULL);
			if (!parent_ln || fill_line(parent_ln, t, row, NULL, tree) < 0) {
				r = -ENOMEM;
				break;
			}
		} else {
			parent_ln = NULL;
		}
		for (size_t c = 0; c < row->nchildren; c++) {
			struct libscols_line *ln = scols_table_new_line(tb, tree ? parent_ln : NULL);
			if (!ln || fill_line(ln, t, row->children[c], tree ? NULL : row, tree) < 0) {
				r = -ENOMEM;
				break;
			}
		}
	}
	if (r == 0)
		r = scols_print_table(tb);
done:
	scols_unref_table(tb);
	return r;
}

int out_doc_print(struct out_doc *doc)
{
	bool first = true;

	if (doc->opts.format == OUT_JSON)
		return print_json(doc);
	for (size_t t = 0; t < doc->ntables; t++) {
		const struct out_table *tb = doc->tables[t];
		int r;

		if (tb->json_only)
			continue;
		if (!first && doc->opts.format == OUT_TABLE)
			fputc('\n', stdout);
		first = false;
		r = print_scols(doc, tb);
		if (r < 0)
			return r;
	}
	return 0;
}

void out_print_columns(const struct out_opts *opts, const struct out_column *cols,
		       size_t ncols, const char *defaults)
{
	static const char *const types[] = {
		[OUT_STR] = "string", [OUT_NUM] = "number", [OUT_HEX] = "hex-string",
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
	t = out_table_new(doc, "columns", meta, ELEMENTSOF(meta), "NAME,TYPE,DEFAULT,DESCRIPTION",
			  NULL);
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
			if ((p == defaults || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
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
