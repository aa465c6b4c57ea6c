#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Run pcirevoke under valgrind: any memory error or leak fails the test (valgrind exits 99);
# the program's own exit status (findings, incomplete) does not.
if ! command -v valgrind >/dev/null; then
	echo "SKIP: valgrind is not installed"
	[ -n "${CI:-}" ] && exit 1
	exit 77
fi
case " $* " in
*" watch "*)
	# watch follows the live system: a build chroot without /proc cannot run it
	if [ ! -r /proc/self/maps ] || [ ! -d /sys/bus ]; then
		echo "SKIP: no live /proc and /sys here"
		exit 77
	fi
	;;
esac
valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect "$@" >/dev/null
rc=$?
echo "exit status $rc"
[ "$rc" -ne 99 ] && [ "$rc" -lt 128 ]
