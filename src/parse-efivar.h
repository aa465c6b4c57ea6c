/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parser for an EFI variable as efivarfs shows it (/sys/firmware/efi/efivars/NAME-GUID):
 * 4 bytes of attributes (EFI_VARIABLE_* bits, in the machine's byte order), then the
 * variable's data.
 */
#ifndef PCR_PARSE_EFIVAR_H
#define PCR_PARSE_EFIVAR_H

#include "parse.h"

struct efivar {
	uint32_t attributes;
	const unsigned char *data; /* points into the parsed buffer */
	size_t len;		   /* of data, may be 0 */
};

/* -EINVAL when the buffer is shorter than the attributes. */
int parse_efivar(const char *buf, size_t len, struct efivar *ret,
		 struct parse_err *reterr);

/*
 * SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c: one data byte, 1 when the firmware
 * enforces secure boot. *ret is whether the first data byte is 1 (bytes after it are
 * ignored); -EINVAL when there is no data byte.
 */
int parse_efivar_secure_boot(const char *buf, size_t len, bool *ret,
			     struct parse_err *reterr);

#endif
