// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>

#include "parse-resource.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct resource_file rf;
	enum resource_kind k;
	unsigned sub;

	if (parse_resource((const char *)data, size, &rf, NULL) == 0)
		for (unsigned i = 0; i < rf.nlines; i++)
			(void)resource_line_kind(rf.nlines, i, &k, &sub);
	return 0;
}
