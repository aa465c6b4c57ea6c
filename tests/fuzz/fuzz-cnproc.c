// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse-cnproc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the socket buffer is aligned: give the parser an aligned copy */
	void *buf = aligned_alloc(8, size ? (size + 7) / 8 * 8 : 8);
	struct cnproc_event ev[16];
	size_t n;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	(void)parse_cnproc(buf, size, ev, 16, &n, NULL);
	free(buf);
	return 0;
}
