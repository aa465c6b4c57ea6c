// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "parse-proc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned g = 42;

	if (parse_vfio_group_link((const char *)data, size, &g) < 0 && g != 42)
		abort(); /* written only on success */
	return 0;
}
