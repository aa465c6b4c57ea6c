// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>

#include "parse-iomem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iomem io;

	if (parse_iomem((const char *)data, size, &io, NULL, NULL) == 0) {
		for (size_t i = 0; i < io.n; i++) {
			(void)iomem_first_child(&io, (int)i);
			(void)iomem_find(&io, io.entries[i].start, io.entries[i].end);
		}
		iomem_done(&io);
	}
	return 0;
}
