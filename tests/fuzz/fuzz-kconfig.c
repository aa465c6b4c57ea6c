// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>

#include "parse-kconfig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kconfig kc;

	if (parse_kconfig((const char *)data, size, &kc, NULL) == 0) {
		(void)kconfig_state(&kc, "DEVMEM");
		(void)kconfig_state(&kc, "IO_STRICT_DEVMEM");
		for (size_t i = 0; i < kc.n; i++)
			(void)kconfig_state(&kc, kc.opts[i].name);
		kconfig_done(&kc);
	}
	return 0;
}
