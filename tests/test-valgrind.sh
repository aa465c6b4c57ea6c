#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Run pcirevoke under valgrind: any error or leak fails the test.
if ! command -v valgrind >/dev/null; then
	echo "SKIP: valgrind is not installed"
	[ -n "${CI:-}" ] && exit 1
	exit 77
fi
exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect "$@" >/dev/null
