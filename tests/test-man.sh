#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The man page lints clean with mandoc (warnings and worse) and groff (-ww).
page=$1
if ! command -v mandoc >/dev/null || ! command -v groff >/dev/null; then
	echo "SKIP: mandoc or groff missing"
	[ -n "${CI:-}" ] && exit 1
	exit 77
fi
mandoc -T lint -W warning "$page" || exit 1
out=$(groff -ww -z -man "$page" 2>&1)
[ -z "$out" ] || { echo "$out"; exit 1; }
echo "man page lints clean: $page"
