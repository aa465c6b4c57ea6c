// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse-proc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char slot[24];

	if (parse_fdinfo_vfio_slot((const char *)data, size, slot, sizeof(slot)) == 0 &&
	    (strlen(slot) == 0 || strlen(slot) >= sizeof(slot) || strchr(slot, '/') ||
	     strchr(slot, '\n')))
		abort();
	return 0;
}
