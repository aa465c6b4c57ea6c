// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "parse-mountinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool hides;

	if (parse_mountinfo_hidepid((const char *)data, size, &hides) != 0)
		abort(); /* it never fails */
	return 0;
}
