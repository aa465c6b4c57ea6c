// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/PID/maps and smaps text: every line through the fast path, the full parser, the
 * unescaper and the door classifier. */
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse-path.h"
#include "parse-maps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *pos = (const char *)data, *end = pos + size, *line;
	size_t len;
	char name[512];

	while (parse_next_line(&pos, end, &line, &len)) {
		struct maps_line m;
		struct door_path d;
		uint64_t dev;
		int fast = maps_line_dev(line, len, &dev);

		(void)maps_is_header(line, len);
		if (parse_maps_line(line, len, &m, NULL) < 0)
			continue;
		/* the full parser accepting a line means the fast path agrees */
		if (fast < 0 || dev != maps_devnum(m.dev_major, m.dev_minor))
			abort();
		if (m.end < m.start || (m.name && m.name + m.namelen > line + len))
			abort();
		if (!m.name)
			continue;
		maps_unescape(m.name, m.namelen, name, sizeof(name));
		for (int k = 0; k < MNT_KIND_MAX; k++) {
			char ref[128];
			int r;

			if (door_classify((enum mnt_kind)k, name, &d) < 0)
				continue;
			if (d.slot[sizeof(d.slot) - 1] != '\0' || d.via >= VIA_MAX)
				abort();
			/* every classified door but the VFIO anon inode has a host file,
			 * under /sys, /proc or /dev, with no ".." */
			r = door_ref_path(&d, ref, sizeof(ref));
			if (r == 0 &&
			    ((strncmp(ref, "/sys/", 5) && strncmp(ref, "/proc/", 6) &&
			      strncmp(ref, "/dev/", 5)) ||
			     strstr(ref, "..")))
				abort();
			if (r < 0 && !(r == -ENOENT && d.via == VIA_VFIO && d.index < 0))
				abort();
		}
	}
	return 0;
}
