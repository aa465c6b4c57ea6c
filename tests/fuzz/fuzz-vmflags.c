// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "parse-maps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An smaps file: every line through the VmFlags parser, headers through the maps one. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *pos = (const char *)data, *end = pos + size, *line;
	size_t len;

	while (parse_next_line(&pos, end, &line, &len)) {
		struct maps_line m;
		bool io;

		if (maps_is_header(line, len))
			(void)parse_maps_line(line, len, &m, NULL);
		else if (parse_smaps_vmflags(line, len, &io) == 0 && len < 8)
			abort(); /* shorter than "VmFlags:" */
	}
	return 0;
}
