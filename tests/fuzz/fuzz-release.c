// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>

#include "parse-release.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kernel_release k;

	if (parse_release((const char *)data, size, &k, NULL) == 0 && k.major == 0)
		__builtin_trap(); /* a release has a major version */
	return 0;
}
