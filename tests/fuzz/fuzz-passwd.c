// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parse-passwd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uid_t uids[] = { 0, 1, 1000, 65534, 4294967295u };
	char name[16];

	for (size_t i = 0; i < sizeof(uids) / sizeof(uids[0]); i++)
		if (passwd_find_uid((const char *)data, size, uids[i], name,
				    sizeof(name)) == 0 &&
		    (strlen(name) >= sizeof(name) || memchr(name, ':', strlen(name))))
			__builtin_trap();
	return 0;
}
