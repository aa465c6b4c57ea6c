// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>

#include "parse-ofranges.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ofrange r[8];
	unsigned c;
	size_t n;

	for (unsigned pc = 1; pc <= 2; pc++)
		for (unsigned sc = 1; sc <= 2; sc++)
			if (parse_ofranges(data, size, pc, sc, r, 8, &n, NULL) == 0 &&
			    n > 8)
				__builtin_trap();
	if (parse_ofcells(data, size, &c) == 0 && (c < 1 || c > 2))
		__builtin_trap();
	return 0;
}
