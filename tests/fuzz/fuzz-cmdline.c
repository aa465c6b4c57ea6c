// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parse-cmdline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cmdline c;

	if (parse_cmdline((const char *)data, size, &c, NULL) == 0) {
		if (strlen(c.iomem_last) >= sizeof(c.iomem_last))
			__builtin_trap();
		if (c.lockdown < LOCKDOWN_NONE || c.lockdown > LOCKDOWN_CONFIDENTIALITY)
			__builtin_trap();
	}
	return 0;
}
