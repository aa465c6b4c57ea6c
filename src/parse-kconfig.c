// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "parse-kconfig.h"
#include "xalloc.h"

static bool is_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Length of the option name at p (after "CONFIG_"), 0 if none. */
static size_t name_len(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && is_name_char(*q))
		q++;
	return q - p;
}

static void add_opt(struct kconfig *kc, const char *name, size_t nlen, const char *val,
		    size_t vlen, bool set)
{
	struct kconfig_opt *o;

	/* grow geometrically: a config has thousands of options */
	if (kc->n == kc->cap) {
		kc->cap = kc->cap ? kc->cap * 2 : 64;
		kc->opts = xreallocarray(kc->opts, kc->cap, sizeof(*kc->opts));
	}
	o = &kc->opts[kc->n++];
	o->name = xstrndup(name, nlen);
	o->value = set ? xstrndup(val, vlen) : NULL;
}

/* "# CONFIG_X is not set": 1 parsed, 0 another comment. */
static int parse_unset(struct kconfig *kc, const char *l, size_t len)
{
	static const char prefix[] = "# CONFIG_", suffix[] = " is not set";
	const char *end = l + len, *name;
	size_t n;

	if (len < sizeof(prefix) - 1 || memcmp(l, prefix, sizeof(prefix) - 1) != 0)
		return 0;
	name = l + sizeof(prefix) - 1;
	n = name_len(name, end);
	if (n == 0 || (size_t)(end - (name + n)) != sizeof(suffix) - 1 ||
	    memcmp(name + n, suffix, sizeof(suffix) - 1) != 0)
		return 0;
	add_opt(kc, name, n, NULL, 0, false);
	return 1;
}

/* "CONFIG_X=value": 0 parsed, -EINVAL malformed. */
static int parse_set(struct kconfig *kc, const char *l, size_t len)
{
	static const char prefix[] = "CONFIG_";
	const char *end = l + len, *name, *val;
	size_t n, vlen;

	if (len < sizeof(prefix) - 1 || memcmp(l, prefix, sizeof(prefix) - 1) != 0)
		return -EINVAL;
	name = l + sizeof(prefix) - 1;
	n = name_len(name, end);
	if (n == 0 || name + n >= end || name[n] != '=')
		return -EINVAL;
	val = name + n + 1;
	vlen = end - val;
	if (vlen > 0 && val[0] == '"') {
		/* a quoted string: the closing quote ends the line; \" and \\ stay
		 * escaped */
		if (vlen < 2 || val[vlen - 1] != '"')
			return -EINVAL;
		for (size_t i = 1; i < vlen - 1; i++) {
			if (val[i] == '"')
				return -EINVAL;
			if (val[i] == '\\' && ++i >= vlen - 1)
				return -EINVAL; /* the closing quote is escaped */
		}
		val++;
		vlen -= 2;
	} else {
		if (vlen == 0)
			return -EINVAL;
		for (size_t i = 0; i < vlen; i++)
			if ((unsigned char)val[i] <= ' ' || val[i] == '"' ||
			    val[i] == 0x7f)
				return -EINVAL;
	}
	if (memchr(val, '\0', vlen))
		return -EINVAL;
	add_opt(kc, name, n, val, vlen, true);
	return 0;
}

int parse_kconfig(const char *buf, size_t len, struct kconfig *ret,
		  struct parse_err *reterr)
{
	struct kconfig kc = {};
	const char *pos = buf, *end = buf + len, *l;
	size_t llen;
	unsigned lineno = 0, firstbad = 0;

	while (parse_next_line(&pos, end, &l, &llen)) {
		lineno++;
		/* tolerate CRLF and trailing blanks */
		while (llen > 0 &&
		       (l[llen - 1] == '\r' || l[llen - 1] == ' ' || l[llen - 1] == '\t'))
			llen--;
		if (llen == 0)
			continue;
		if (l[0] == '#') {
			parse_unset(&kc, l, llen);
			continue;
		}
		if (parse_set(&kc, l, llen) < 0) {
			kc.nbad++;
			if (!firstbad)
				firstbad = lineno;
		}
	}
	if (kc.n == 0) {
		kconfig_done(&kc);
		parse_err_set(reterr, firstbad,
			      "no CONFIG_ option found: not a kernel config");
		return -EINVAL;
	}
	if (firstbad)
		parse_err_set(reterr, firstbad, "malformed option line, skipped");
	*ret = kc;
	return 0;
}

void kconfig_done(struct kconfig *kc)
{
	if (!kc)
		return;
	for (size_t i = 0; i < kc->n; i++) {
		free(kc->opts[i].name);
		free(kc->opts[i].value);
	}
	free(kc->opts);
	kc->opts = NULL;
	kc->n = kc->cap = 0;
}

const struct kconfig_opt *kconfig_find(const struct kconfig *kc, const char *name)
{
	for (size_t i = kc->n; i > 0; i--)
		if (streq(kc->opts[i - 1].name, name))
			return &kc->opts[i - 1];
	return NULL;
}

char kconfig_state(const struct kconfig *kc, const char *name)
{
	const struct kconfig_opt *o = kconfig_find(kc, name);

	if (!o || !o->value || streq(o->value, "n"))
		return 'n';
	if (streq(o->value, "y"))
		return 'y';
	if (streq(o->value, "m"))
		return 'm';
	return 's';
}
