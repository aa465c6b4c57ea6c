// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "hashidx.h"
#include "xalloc.h"

uint64_t hash_add_str(uint64_t h, const char *s)
{
	for (h ^= HASH_FNV_INIT; *s; s++)
		h = hash_fnv_byte(h, *s);
	return hash_mix64(h);
}

void hidx_clear(struct hidx *x, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n + 2)
		cap *= 2;
	if (cap != x->cap) {
		free(x->v);
		x->v = xcalloc(cap, sizeof(*x->v));
		x->cap = cap;
	} else {
		memset(x->v, 0, cap * sizeof(*x->v));
	}
}

void hidx_put(struct hidx *x, uint64_t h, size_t i)
{
	size_t s = h & (x->cap - 1);

	while (x->v[s])
		s = (s + 1) & (x->cap - 1);
	x->v[s] = (uint32_t)(i + 1);
}

void hidx_done(struct hidx *x)
{
	free(x->v);
	*x = (struct hidx){};
}
