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

struct reader {
	const unsigned char *buf;
	size_t len;
	bool swap;
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
static const char *str_at(const struct reader *r, size_t str_start, size_t str_len,
			  uint32_t off)
{
	const char *s;

	if (off >= str_len)
		return NULL;
	s = (const char *)r->buf + str_start + off;
	if (!memchr(s, '\0', str_len - off))
		return NULL;
	return s;
}

static bool name_is(const struct reader *r, size_t ss, size_t sl, uint32_t off,
		    const char *name)
{
	const char *s = str_at(r, ss, sl, off);
	return s && strcmp(s, name) == 0;
}

int parse_btf(const char *buf, size_t len, struct btf_facts *ret,
	      struct parse_err *reterr)
{
	struct reader r = { (const unsigned char *)buf, len, false };
	struct btf_facts f = {};
	uint16_t magic;
	uint32_t hdr_len, type_off, type_len, str_off, str_len;
	size_t ts, te, ss, p;

	if (len < 24) {
		parse_err_set(reterr, 0, "shorter than a BTF header");
		return -EINVAL;
	}
	memcpy(&magic, buf, 2);
	if (magic == __builtin_bswap16(BTF_MAGIC))
		r.swap = true;
	else if (magic != BTF_MAGIC) {
		parse_err_set(reterr, 0, "bad BTF magic");
		return -EINVAL;
	}
	hdr_len = rd32(&r, 4);
	type_off = rd32(&r, 8);
	type_len = rd32(&r, 12);
	str_off = rd32(&r, 16);
	str_len = rd32(&r, 20);
	if (hdr_len < 24 || hdr_len > len ||
	    (uint64_t)hdr_len + type_off + type_len > len ||
	    (uint64_t)hdr_len + str_off + str_len > len) {
		parse_err_set(reterr, 0, "BTF sections out of bounds");
		return -EINVAL;
	}
	ts = (size_t)hdr_len + type_off;
	te = ts + type_len;
	ss = (size_t)hdr_len + str_off;

	for (p = ts; p < te;) {
		uint32_t name_off, info, vlen, kind;
		size_t extra;

		if (te - p < 12) {
			parse_err_set(reterr, 0, "truncated BTF type record");
			return -EINVAL;
		}
		name_off = rd32(&r, p);
		info = rd32(&r, p + 4);
		vlen = info & 0xffff;
		kind = (info >> 24) & 0x1f;
		switch (kind) {
		case BTF_KIND_INT:
		case BTF_KIND_VAR:
		case BTF_KIND_DECL_TAG:
			extra = 4;
			break;
		case BTF_KIND_PTR:
		case BTF_KIND_FWD:
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_FUNC:
		case BTF_KIND_FLOAT:
		case BTF_KIND_TYPE_TAG:
			extra = 0;
			break;
		case BTF_KIND_ARRAY:
			extra = 12;
			break;
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_DATASEC:
		case BTF_KIND_ENUM64:
			extra = (size_t)vlen * 12;
			break;
		case BTF_KIND_ENUM:
		case BTF_KIND_FUNC_PROTO:
			extra = (size_t)vlen * 8;
			break;
		default:
			parse_err_set(reterr, 0, "unknown BTF kind");
			return -EINVAL;
		}
		if (te - p - 12 < extra) {
			parse_err_set(reterr, 0, "truncated BTF type record");
			return -EINVAL;
		}
		if (kind == BTF_KIND_STRUCT &&
		    name_is(&r, ss, str_len, name_off, "bin_attribute")) {
			f.has_bin_attribute = true;
			for (uint32_t m = 0; m < vlen; m++) {
				uint32_t moff = rd32(&r, p + 12 + (size_t)m * 12);
				if (name_is(&r, ss, str_len, moff, "mapping"))
					f.bin_attr_mapping = true;
				else if (name_is(&r, ss, str_len, moff, "f_mapping"))
					f.bin_attr_f_mapping = true;
			}
		} else if (kind == BTF_KIND_FUNC) {
			if (name_is(&r, ss, str_len, name_off, "iomem_get_mapping"))
				f.func_iomem_get_mapping = true;
			else if (name_is(&r, ss, str_len, name_off, "revoke_iomem"))
				f.func_revoke_iomem = true;
		}
		f.ntypes++;
		p += 12 + extra;
	}
	*ret = f;
	return 0;
}
