// SPDX-License-Identifier: GPL-2.0-or-later
/* JSON rendering of an output document: one object, a key per table. */
#include <ctype.h>
#include <string.h>

#include "json.h"
#include "output-internal.h"
#include "xalloc.h"

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

int out_print_json(const struct out_doc *doc)
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
