// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>

#include "parse-efivar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct efivar v;
	bool on;

	if (parse_efivar((const char *)data, size, &v, NULL) == 0) {
		unsigned sum = 0;

		/* the data must lie inside the input */
		for (size_t i = 0; i < v.len; i++)
			sum += v.data[i];
		(void)sum;
		if (v.len + 4 != size)
			__builtin_trap();
	}
	(void)parse_efivar_secure_boot((const char *)data, size, &on, NULL);
	return 0;
}
