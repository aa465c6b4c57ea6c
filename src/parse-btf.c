// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "parse-btf.h"

#define BTF_MAGIC 0xeB9F

enum {
	BTF_KIND_INT = 1,
	BTF_KIND_PTR,
	BTF_KIND_ARRAY,
	BTF_KIND_STRUCT,
	BTF_KIND_UNION,
	BTF_KIND_ENUM,
	BTF_KIND_FWD,
	BTF_KIND_TYPEDEF,
	BTF_KIND_VOLATILE,
	BTF_KIND_CONST,
	BTF_KIND_RESTRICT,
	BTF_KIND_FUNC,
	BTF_KIND_FUNC_PROTO,
	BTF_KIND_VAR,
	BTF_KIND_DATASEC,
	BTF_KIND_FLOAT,
	BTF_KIND_DECL_TAG,
	BTF_KIND_TYPE_TAG,
	BTF_KIND_ENUM64,
};

/* The buffer, its byte order and where the type and string sections lie in it. */
struct reader {
	const unsigned char *buf;
	size_t len;
	bool swap;
	size_t types, types_end; /* [types, types_end) */
	size_t strs, strs_len;	 /* [strs, strs + strs_len) */
};

static uint32_t rd32(const struct reader *r, size_t off)
{
	const unsigned char *p = r->buf + off;
	uint32_t v;

	memcpy(&v, p, 4);
	if (r->swap)
		v = __builtin_bswap32(v);
	return v;
}

/* The NUL-terminated string at off in the string section, or NULL. */
static const char *str_at(const struct reader *r, uint32_t off)
{
	const char *s;

	if (off >= r->strs_len)
		return NULL;
	s = (const char *)r->buf + r->strs + off;
	if (!memchr(s, '\0', r->strs_len - off))
		return NULL;
	return s;
}

static bool name_is(const struct reader *r, uint32_t off, const char *name)
{
	const char *s = str_at(r, off);
	return s && strcmp(s, name) == 0;
}

/*
 * The header: magic 0xeB9F in either byte order (which sets r->swap), then hdr_len,
 * type_off, type_len, str_off, str_len; the sections follow the header and must lie
 * inside the buffer.
 */
static int read_header(struct reader *r, struct parse_err *reterr)
{
	uint32_t hdr_len, type_off, type_len, str_off, str_len;
	uint16_t magic;

	if (r->len < 24) {
		parse_err_set(reterr, 0, "shorter than a BTF header");
		return -EINVAL;
	}
	memcpy(&magic, r->buf, 2);
	if (magic == __builtin_bswap16(BTF_MAGIC))
		r->swap = true;
	else if (magic != BTF_MAGIC) {
		parse_err_set(reterr, 0, "bad BTF magic");
		return -EINVAL;
	}
	hdr_len = rd32(r, 4);
	type_off = rd32(r, 8);
	type_len = rd32(r, 12);
	str_off = rd32(r, 16);
	str_len = rd32(r, 20);
	if (hdr_len < 24 || hdr_len > r->len ||
	    (uint64_t)hdr_len + type_off + type_len > r->len ||
	    (uint64_t)hdr_len + str_off + str_len > r->len) {
		parse_err_set(reterr, 0, "BTF sections out of bounds");
		return -EINVAL;
	}
	r->types = (size_t)hdr_len + type_off;
	r->types_end = r->types + type_len;
	r->strs = (size_t)hdr_len + str_off;
	r->strs_len = str_len;
	return 0;
}

/* How many bytes follow the 12-byte common part of a type record of this kind. */
static int record_extra(uint32_t kind, uint32_t vlen, size_t *ret)
{
	switch (kind) {
	case BTF_KIND_INT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		*ret = 4;
		return 0;
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		*ret = 0;
		return 0;
	case BTF_KIND_ARRAY:
		*ret = 12;
		return 0;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_DATASEC:
	case BTF_KIND_ENUM64:
		*ret = (size_t)vlen * 12;
		return 0;
	case BTF_KIND_ENUM:
	case BTF_KIND_FUNC_PROTO:
		*ret = (size_t)vlen * 8;
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * What the record at p (whole, inside the type section) tells: struct bin_attribute and
 * its members (12 bytes each, the name first), or a FUNC of interest.
 */
static void note_record(const struct reader *r, size_t p, uint32_t name_off,
			uint32_t kind, uint32_t vlen, struct btf_facts *f)
{
	if (kind == BTF_KIND_STRUCT && name_is(r, name_off, "bin_attribute")) {
		f->has_bin_attribute = true;
		for (uint32_t m = 0; m < vlen; m++) {
			uint32_t moff = rd32(r, p + 12 + (size_t)m * 12);
			if (name_is(r, moff, "mapping"))
				f->bin_attr_mapping = true;
			else if (name_is(r, moff, "f_mapping"))
				f->bin_attr_f_mapping = true;
		}
	} else if (kind == BTF_KIND_FUNC) {
		if (name_is(r, name_off, "iomem_get_mapping"))
			f->func_iomem_get_mapping = true;
		else if (name_is(r, name_off, "revoke_iomem"))
			f->func_revoke_iomem = true;
	}
}

int parse_btf(const char *buf, size_t len, struct btf_facts *ret,
	      struct parse_err *reterr)
{
	struct reader r = { .buf = (const unsigned char *)buf, .len = len };
	struct btf_facts f = {};
	size_t p;
	int e;

	e = read_header(&r, reterr);
	if (e < 0)
		return e;
	for (p = r.types; p < r.types_end;) {
		uint32_t name_off, info, vlen, kind;
		size_t extra;

		if (r.types_end - p < 12) {
			parse_err_set(reterr, 0, "truncated BTF type record");
			return -EINVAL;
		}
		name_off = rd32(&r, p);
		info = rd32(&r, p + 4);
		vlen = info & 0xffff;
		kind = (info >> 24) & 0x1f;
		if (record_extra(kind, vlen, &extra) < 0) {
			parse_err_set(reterr, 0, "unknown BTF kind");
			return -EINVAL;
		}
		if (r.types_end - p - 12 < extra) {
			parse_err_set(reterr, 0, "truncated BTF type record");
			return -EINVAL;
		}
		note_record(&r, p, name_off, kind, vlen, &f);
		f.ntypes++;
		p += 12 + extra;
	}
	*ret = f;
	return 0;
}
