// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "parse-mountinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *pos = (const char *)data, *end = pos + size, *line;
	size_t len;
	char buf[256];

	while (parse_next_line(&pos, end, &line, &len)) {
		struct mountinfo_line m;

		if (parse_mountinfo_line(line, len, &m, NULL) < 0)
			continue;
		if (m.root + m.rootlen > line + len ||
		    m.fstype + m.fstypelen > line + len ||
		    m.mountpoint + m.mountpointlen > line + len ||
		    (m.source && m.source + m.sourcelen > line + len))
			abort();
		mountinfo_unescape(m.root, m.rootlen, buf, sizeof(buf));
		mountinfo_unescape(m.mountpoint, m.mountpointlen, buf, sizeof(buf));
		if (m.source)
			mountinfo_unescape(m.source, m.sourcelen, buf, sizeof(buf));
		(void)mountinfo_field_is(m.fstype, m.fstypelen, "sysfs");
	}
	return 0;
}
