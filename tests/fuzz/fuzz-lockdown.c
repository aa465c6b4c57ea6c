// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>

#include "parse-lockdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum lockdown_level l;

	if (parse_lockdown((const char *)data, size, &l, NULL) == 0)
		(void)lockdown_level_name(l);
	return 0;
}
