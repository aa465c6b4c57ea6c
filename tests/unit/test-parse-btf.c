// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "parse-btf.h"

/* Build a little BTF blob: struct bin_attribute { attr; <member>; }, FUNC revoke_iomem,
 * INT. */
static size_t make_btf(unsigned char *buf, const char *member, bool swap)
{
	char strs[128];
	size_t slen = 0, off_ba, off_attr, off_mem, off_fn, off_int, tlen, n = 0;
	uint32_t types[64];
	uint32_t hdr[6];

#define S(s)                                                                             \
	(memcpy(strs + slen, s, strlen(s) + 1), slen += strlen(s) + 1,                   \
	 slen - strlen(s) - 1)
	strs[slen++] = '\0';
	off_ba = S("bin_attribute");
	off_attr = S("attr");
	off_mem = S(member);
	off_fn = S("revoke_iomem");
	off_int = S("int");
#undef S
	/* INT "int": name, info (kind 1), size, + 4 bytes */
	types[n++] = (uint32_t)off_int;
	types[n++] = 1u << 24;
	types[n++] = 4;
	types[n++] = 32;
	/* STRUCT bin_attribute, 2 members */
	types[n++] = (uint32_t)off_ba;
	types[n++] = 4u << 24 | 2;
	types[n++] = 72;
	types[n++] = (uint32_t)off_attr, types[n++] = 1, types[n++] = 0;
	types[n++] = (uint32_t)off_mem, types[n++] = 1, types[n++] = 192;
	/* FUNC revoke_iomem */
	types[n++] = (uint32_t)off_fn;
	types[n++] = 12u << 24;
	types[n++] = 1;
	tlen = n * 4;

	{
		/* u16 magic in host order, u8 version 1, u8 flags 0 */
		uint16_t magic = 0xeB9F;
		memcpy(&hdr[0], &magic, 2);
		memcpy((unsigned char *)&hdr[0] + 2, "\x01\x00", 2);
	}
	hdr[1] = 24;
	hdr[2] = 0;
	hdr[3] = (uint32_t)tlen;
	hdr[4] = (uint32_t)tlen;
	hdr[5] = (uint32_t)slen;
	if (swap) {
		for (size_t i = 0; i < 6; i++)
			hdr[i] = __builtin_bswap32(hdr[i]);
		/* the first word is u16 magic, u8 version, u8 flags: bytes eb 9f 01 00 */
		memcpy(&hdr[0], "\xeb\x9f\x01\x00", 4);
		for (size_t i = 0; i < n; i++)
			types[i] = __builtin_bswap32(types[i]);
	}
	memcpy(buf, hdr, 24);
	memcpy(buf + 24, types, tlen);
	memcpy(buf + 24 + tlen, strs, slen);
	return 24 + tlen + slen;
}

static void test_f_mapping(void **state)
{
	unsigned char buf[512];
	size_t len = make_btf(buf, "f_mapping", false);
	struct btf_facts f;
	(void)state;

	assert_int_equal(parse_btf((char *)buf, len, &f, NULL), 0);
	assert_true(f.has_bin_attribute);
	assert_true(f.bin_attr_f_mapping);
	assert_false(f.bin_attr_mapping);
	assert_true(f.func_revoke_iomem);
	assert_false(f.func_iomem_get_mapping);
	assert_int_equal(f.ntypes, 3);
}

static void test_mapping_and_none(void **state)
{
	unsigned char buf[512];
	struct btf_facts f;
	size_t len;
	(void)state;

	len = make_btf(buf, "mapping", false);
	assert_int_equal(parse_btf((char *)buf, len, &f, NULL), 0);
	assert_true(f.bin_attr_mapping);
	assert_false(f.bin_attr_f_mapping);
	len = make_btf(buf, "mmap", false);
	assert_int_equal(parse_btf((char *)buf, len, &f, NULL), 0);
	assert_true(f.has_bin_attribute);
	assert_false(f.bin_attr_mapping || f.bin_attr_f_mapping);
}

static void test_other_endian(void **state)
{
	unsigned char buf[512];
	size_t len = make_btf(buf, "f_mapping", true);
	struct btf_facts f;
	(void)state;

	assert_int_equal(parse_btf((char *)buf, len, &f, NULL), 0);
	assert_true(f.bin_attr_f_mapping);
}

static void test_malformed(void **state)
{
	unsigned char buf[512];
	size_t len = make_btf(buf, "f_mapping", false);
	struct btf_facts f;
	struct parse_err e = {};
	(void)state;

	/* every truncation fails cleanly */
	for (size_t l = 0; l < len; l++)
		assert_int_equal(parse_btf((char *)buf, l, &f, &e), -EINVAL);
	buf[0] = 0;
	assert_int_equal(parse_btf((char *)buf, len, &f, &e), -EINVAL);
	/* an unknown kind */
	len = make_btf(buf, "f_mapping", false);
	buf[24 + 7] = 31;
	assert_int_equal(parse_btf((char *)buf, len, &f, &e), -EINVAL);
	/* a string offset out of range is no match, not a crash */
	len = make_btf(buf, "f_mapping", false);
	memset(buf + 24 + 16, 0xff, 4);
	assert_int_equal(parse_btf((char *)buf, len, &f, &e), 0);
	assert_false(f.has_bin_attribute);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_f_mapping),
		cmocka_unit_test(test_mapping_and_none),
		cmocka_unit_test(test_other_endian),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
