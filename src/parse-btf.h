/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Minimal reader of raw BTF (/sys/kernel/btf/vmlinux): the header (magic 0xeB9F, either
 * byte order) and a walk over the type records, enough to answer two questions: does
 * struct bin_attribute have a `mapping` (5.12-5.14) or `f_mapping` (5.15+) member, and
 * which of a few functions have BTF FUNC records.
 */
#ifndef PCR_PARSE_BTF_H
#define PCR_PARSE_BTF_H

#include "parse.h"

struct btf_facts {
	bool has_bin_attribute;	     /* a struct bin_attribute definition was found */
	bool bin_attr_mapping;	     /* ... with member `mapping` (5.12-5.14) */
	bool bin_attr_f_mapping;     /* ... with member `f_mapping` (5.15+) */
	bool func_iomem_get_mapping; /* FUNC records */
	bool func_revoke_iomem;
	unsigned ntypes;
};

/* -EINVAL: bad magic, header or a type record running past the type section. */
int parse_btf(const char *buf, size_t len, struct btf_facts *ret,
	      struct parse_err *reterr);

#endif
