// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>

#include "parse-doorfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned bar;

	if (parse_resource_name((const char *)data, size, &bar, NULL) == 0 && bar > 5)
		__builtin_trap();
	(void)parse_uio_name((const char *)data, size, NULL);
	return 0;
}
