#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# --version and the man page carry the project's version.
# Usage: test-version.sh PROGRAM MANPAGE VERSION
prog=$1 page=$2 version=$3
status=0
v=$("$prog" --version | head -1)
[ "$v" = "pcirevoke $version" ] || { echo "--version says '$v', not 'pcirevoke $version'"; status=1; }
grep -q "^\.TH PCIREVOKE 8 \"[^\"]*\" \"pcirevoke $version\"" "$page" ||
	{ echo "the man page's .TH does not name pcirevoke $version"; status=1; }
[ $status = 0 ] && echo "version $version in --version and the man page"
exit $status
