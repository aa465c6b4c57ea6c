// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tables, raw (-r) and pairs (-P) through libsmartcols: a tree for tables with child rows,
 * truncation and word wrap to fit a terminal, nothing cut in pipes and files.
 */
#include <errno.h>
#include <libsmartcols.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "output-internal.h"
#include "xalloc.h"

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
	char *cut = NULL, *p;

	if (!data || !width)
		return NULL;
	for (p = data; *p; p++) {
		/* a break where the line so far fits: the space or comma itself goes */
		if (break_after(*p) && w <= width && p[1])
			cut = p + 1;
		w += ((unsigned char)*p & 0xc0) != 0x80;
		if (w > width)
			break;
	}
	if (!*p || !cut)
		return NULL; /* the rest fits, or one word is wider: libsmartcols cuts it */
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
				if (tree && r->label &&
				    (t->cols[col].flags & OUT_COL_TREE) &&
				    scols_line_set_data(ln, i, r->label))
					return -ENOMEM;
				continue;
			}
			src = parent;
		}
		text = out_cell_text(t, &src->cells[col], col, buf, sizeof(buf));
		if (text && scols_line_set_data(ln, i, text))
			return -ENOMEM;
		if (src->cells[col].color && t->doc->opts.color)
			scols_cell_set_color(scols_line_get_cell(ln, i),
					     src->cells[col].color);
	}
	return 0;
}

/* The terminal's width when a table goes to one, else 0 (no wrapping). */
static size_t terminal_width(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0 ||
	    !ws.ws_col)
		return 0;
	return ws.ws_col;
}

/* The selected columns; a wrapping column aims at its hint on a terminal of width term. */
/*
 * The widest text of column col in the table, its heading included; or (words) its
 * widest piece that cannot be broken.
 */
static size_t column_width(const struct out_table *t, size_t col, bool words)
{
	size_t w = strlen(t->cols[col].name);
	char buf[64];

	for (size_t i = 0; i < t->nrows; i++) {
		const struct out_row *r = t->rows[i];

		for (size_t c = 0; c <= r->nchildren; c++) {
			const struct out_row *x = c < r->nchildren ? r->children[c] : r;
			const char *text =
				out_cell_text(t, &x->cells[col], col, buf, sizeof(buf));
			size_t n = !text   ? 0
				   : words ? widest_piece(text)
					   : text_width(text, strlen(text));

			if (n > w)
				w = n;
		}
	}
	return w;
}

/*
 * How wide each wrapping column aims to be on a terminal of width term: what the other
 * columns leave (truncatable ones counted at their hint), shared by the wrapping columns
 * in proportion to their hints. Their widest words still set their least widths.
 */
static void wrap_targets(const struct out_table *t, size_t term, bool tree,
			 size_t *targets)
{
	double shares = 0;
	size_t used = t->nsel ? t->nsel - 1 : 0, least = 0, avail;

	for (size_t i = 0; i < t->nsel; i++) {
		const struct out_column *c = &t->cols[t->sel[i]];
		double hint = c->whint < 1 ? c->whint * (double)term : c->whint;
		size_t w;

		if (c->flags & OUT_COL_WRAP) {
			shares += hint;
			targets[i] = column_width(t, t->sel[i], true);
			least += targets[i];
			continue;
		}
		w = column_width(t, t->sel[i], false) +
		    (tree && (c->flags & OUT_COL_TREE) ? 4 : 0);
		if ((c->flags & OUT_COL_TRUNC) && hint >= 1 && (size_t)hint < w)
			w = (size_t)hint;
		used += w;
	}
	/* each wrapping column gets its widest word, then a share of what is left */
	avail = term > used + least ? term - used - least : 0;
	for (size_t i = 0; i < t->nsel; i++) {
		const struct out_column *c = &t->cols[t->sel[i]];
		double hint = c->whint < 1 ? c->whint * (double)term : c->whint;

		if ((c->flags & OUT_COL_WRAP) && shares > 0)
			targets[i] += (size_t)((double)avail * hint / shares);
	}
}

static int add_columns(struct libscols_table *tb, const struct out_table *t, bool tree,
		       size_t term, size_t *targets)
{
	if (term)
		wrap_targets(t, term, tree, targets);
	for (size_t i = 0; i < t->nsel; i++) {
		const struct out_column *c = &t->cols[t->sel[i]];
		struct libscols_column *cl = scols_table_new_column(tb, c->name, c->whint,
								    scols_flags(c, tree));

		if (!cl)
			return -ENOMEM;
		if (!(c->flags & OUT_COL_WRAP))
			continue;
		scols_column_set_wrapfunc(cl, wrap_chunksize, wrap_nextchunk,
					  &targets[i]);
	}
	return 0;
}

/* One row and its children: a tree, or (flat) children carrying the parent's cells. */
static int add_row(struct libscols_table *tb, const struct out_table *t,
		   const struct out_row *row, bool tree)
{
	struct libscols_line *parent_ln = NULL;

	if (tree || row->nchildren == 0 || !t->child_key) {
		parent_ln = scols_table_new_line(tb, NULL);
		if (!parent_ln || fill_line(parent_ln, t, row, NULL, tree) < 0)
			return -ENOMEM;
	}
	for (size_t c = 0; c < row->nchildren; c++) {
		struct libscols_line *ln =
			scols_table_new_line(tb, tree ? parent_ln : NULL);

		if (!ln ||
		    fill_line(ln, t, row->children[c], tree ? NULL : row, tree) < 0)
			return -ENOMEM;
	}
	return 0;
}

int out_print_scols(const struct out_doc *doc, const struct out_table *t)
{
	struct libscols_table *tb = scols_new_table();
	const struct out_opts *o = &doc->opts;
	bool tree = t->child_key && !o->flat && o->format == OUT_TABLE;
	size_t term = o->format == OUT_TABLE ? terminal_width() : 0;
	_cleanup_free_ size_t *targets = xcalloc(t->nsel ? t->nsel : 1, sizeof(size_t));
	int r;

	if (!tb)
		return -ENOMEM;
	scols_table_enable_noheadings(tb, o->noheadings);
	scols_table_enable_raw(tb, o->format == OUT_RAW);
	scols_table_enable_export(tb, o->format == OUT_PAIRS);
	scols_table_enable_colors(tb, o->color);
	r = add_columns(tb, t, tree, term, targets);
	if (r == 0 && t->title && o->format == OUT_TABLE && !o->noheadings)
		scols_cell_set_data(scols_table_get_title(tb), t->title);
	for (size_t i = 0; i < t->nrows && r == 0; i++)
		r = add_row(tb, t, t->rows[i], tree);
	if (r == 0)
		r = scols_print_table(tb);
	scols_unref_table(tb);
	return r;
}
