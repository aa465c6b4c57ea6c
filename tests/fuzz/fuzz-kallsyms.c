// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>

#include "parse-kallsyms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kallsyms ks;

	if (parse_kallsyms((const char *)data, size, &ks, NULL) == 0 && ks.nsyms == 0)
		__builtin_trap();
	return 0;
}
