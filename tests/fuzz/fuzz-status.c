// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "parse-proc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uid_t real = 1, eff = 2;
	int r = parse_status_uid((const char *)data, size, &real, &eff);

	if (r != 0 && (real != 1 || eff != 2))
		abort(); /* written only on success */
	return 0;
}
