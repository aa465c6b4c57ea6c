/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Hashing, and an index of array entries by hash (model layer: language helpers, no
 * I/O). The index is open addressing with linear probing: its slots hold an entry's
 * position + 1, 0 for empty, and it never holds more than half its slots, so a lookup
 * costs a probe or two however many entries there are. The array stays the caller's;
 * the index only says where to look, and the caller compares the entries themselves.
 */
#ifndef PCR_HASHIDX_H
#define PCR_HASHIDX_H

#include <stddef.h>
#include <stdint.h>

/* A 64-bit finaliser (MurmurHash3's): every input bit moves every output bit. */
static inline uint64_t hash_mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

/* h with v folded in. */
static inline uint64_t hash_add(uint64_t h, uint64_t v)
{
	return hash_mix64(h ^ v);
}

/* FNV-1a, one byte at a time (a prefix's hash extends to the longer string's). */
#define HASH_FNV_INIT 0xcbf29ce484222325ULL
static inline uint64_t hash_fnv_byte(uint64_t h, char c)
{
	return (h ^ (unsigned char)c) * 0x100000001b3ULL;
}

/* h with the string s folded in. */
uint64_t hash_add_str(uint64_t h, const char *s);

struct hidx {
	uint32_t *v; /* position + 1, 0: empty */
	size_t cap;  /* a power of two, or 0 (nothing indexed yet) */
};

/* Empty x, with room for n entries. */
void hidx_clear(struct hidx *x, size_t n);
/* Index entry i under hash h (x has room: see hidx_full()). */
void hidx_put(struct hidx *x, uint64_t h, size_t i);
/* Whether x must be cleared and refilled (hidx_clear()) before it takes an n-th entry. */
static inline int hidx_full(const struct hidx *x, size_t n)
{
	return 2 * n + 2 > x->cap;
}
void hidx_done(struct hidx *x);

/* The slots that may hold an entry of hash h, in order; x->v[s] - 1 is its position. */
#define hidx_foreach(x, h, s)                                                            \
	for (size_t s = (x)->cap ? (h) & ((x)->cap - 1) : 0; (x)->cap && (x)->v[s];      \
	     s = (s + 1) & ((x)->cap - 1))

#endif
