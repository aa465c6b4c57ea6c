// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "macro.h"
#include "parse-cmdline.h"

static bool is_space(char c)
{
	/* the kernel's isspace(), plus NUL, which cannot be in a C string command line */
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r' || c == '\0';
}

struct span {
	const char *p;
	size_t len;
};

static bool span_eq(struct span s, const char *lit)
{
	size_t n = strlen(lit);
	return s.len == n && memcmp(s.p, lit, n) == 0;
}

static bool span_contains(struct span s, const char *lit)
{
	size_t n = strlen(lit);

	if (n > s.len)
		return false;
	for (size_t i = 0; i + n <= s.len; i++)
		if (memcmp(s.p + i, lit, n) == 0)
			return true;
	return false;
}

/*
 * One argument starting at *pos (blanks already skipped), as next_arg() splits it.
 * Returns the position after the argument.
 */
static const char *next_arg(const char *args, const char *end, struct span *param,
			    struct span *val, bool *has_val)
{
	bool in_quote = false, quoted = false;
	const char *p, *eq = NULL, *tok_end;

	if (args < end && *args == '"') {
		args++;
		in_quote = quoted = true;
	}
	for (p = args; p < end; p++) {
		if (is_space(*p) && !in_quote)
			break;
		if (!eq && *p == '=')
			eq = p;
		if (*p == '"')
			in_quote = !in_quote;
	}
	tok_end = p;
	/* a trailing quote is dropped when the argument or its value was quoted */
	if (!eq) {
		*has_val = false;
		param->p = args;
		param->len = tok_end - args;
		if (quoted && param->len > 0 && tok_end[-1] == '"')
			param->len--;
		val->p = tok_end;
		val->len = 0;
	} else {
		const char *v = eq + 1, *vend = tok_end;
		bool drop = quoted;

		*has_val = true;
		param->p = args;
		param->len = eq - args;
		if (v < vend && *v == '"') {
			v++;
			drop = true;
		}
		if (drop && vend > eq + 1 && vend[-1] == '"' && vend - 1 >= v)
			vend--;
		if (vend < v)
			vend = v;
		val->p = v;
		val->len = vend - v;
	}
	return p;
}

int parse_cmdline(const char *buf, size_t len, struct cmdline *ret,
		  struct parse_err *reterr)
{
	struct cmdline c = { .iomem = IOMEM_DEFAULT, .lockdown = LOCKDOWN_NONE };
	const char *p = buf, *end = buf + len;

	if (len == 0) {
		parse_err_set(reterr, 0, "empty command line");
		return -EINVAL;
	}
	for (;;) {
		struct span param, val;
		bool has_val;

		while (p < end && is_space(*p))
			p++;
		if (p >= end)
			break;
		p = next_arg(p, end, &param, &val, &has_val);
		if (!has_val && span_eq(param, "--")) {
			c.init_args = true;
			break;
		}
		c.nparams++;
		if (span_eq(param, "iomem") && has_val) {
			size_t n = val.len < sizeof(c.iomem_last)
					   ? val.len
					   : sizeof(c.iomem_last) - 1;

			c.iomem_count++;
			memcpy(c.iomem_last, val.p, n);
			c.iomem_last[n] = '\0';
			if (span_contains(val, "relaxed"))
				c.iomem = IOMEM_RELAXED;
			if (span_contains(val, "strict"))
				c.iomem = IOMEM_STRICT;
		} else if (span_eq(param, "lockdown")) {
			c.lockdown_count++;
			if (!has_val)
				continue;
			if (span_eq(val, "integrity") && c.lockdown < LOCKDOWN_INTEGRITY)
				c.lockdown = LOCKDOWN_INTEGRITY;
			else if (span_eq(val, "confidentiality"))
				c.lockdown = LOCKDOWN_CONFIDENTIALITY;
		}
	}
	*ret = c;
	return 0;
}
