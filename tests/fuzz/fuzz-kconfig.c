// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * parse_kconfig() over the input, then lookups. The lookups must stay linear in the size
 * of the input: kconfig_find() scans the options, so looking up every option would be
 * quadratic (a distribution config has some 9,000 options: tens of millions of string
 * compares per run under the sanitizers). So: the options the evidence collector asks
 * about, and at most SAMPLES options spread over the parsed ones, each of which must be
 * found again under its own name.
 *
 * Parsing is linear too, but a distribution config seed is 260 KiB, and libFuzzer mutates
 * inputs up to the size of the largest seed: only the first MAX_INPUT bytes are parsed.
 * The parser works line by line, so nothing further in would reach other code, while
 * runs over a quarter of the data are several times as many per second.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parse-kconfig.h"

#define SAMPLES	  32
#define MAX_INPUT (64u << 10)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const asked[] = {
		"DEVMEM",
		"STRICT_DEVMEM",
		"IO_STRICT_DEVMEM",
		"SECURITY_LOCKDOWN_LSM",
		"LOCK_DOWN_KERNEL_FORCE_INTEGRITY",
		"LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY",
		"LOCK_DOWN_IN_EFI_SECURE_BOOT",
	};
	struct kconfig kc;
	size_t step;

	if (size > MAX_INPUT)
		size = MAX_INPUT;
	if (parse_kconfig((const char *)data, size, &kc, NULL) < 0)
		return 0;
	for (size_t i = 0; i < sizeof(asked) / sizeof(asked[0]); i++)
		(void)kconfig_state(&kc, asked[i]);
	step = kc.n / SAMPLES + 1;
	for (size_t i = 0; i < kc.n; i += step) {
		const struct kconfig_opt *o = kconfig_find(&kc, kc.opts[i].name);

		/* the last option of that name, which is i or a later one */
		if (!o || o < &kc.opts[i] || strcmp(o->name, kc.opts[i].name) != 0)
			__builtin_trap();
		(void)kconfig_state(&kc, kc.opts[i].name);
	}
	kconfig_done(&kc);
	return 0;
}
