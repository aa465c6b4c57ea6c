#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# DESTDIR install with prefix /usr: exactly the expected files, in the configured places.
# Usage: test-install.sh BUILDDIR BINDIR MANDIR BASHDIR ZSHDIR FISHDIR
# (the install directories as configured: relative to the prefix, or absolute)
set -eu
build=$1 bindir=$2 mandir=$3 bashdir=$4 zshdir=$5 fishdir=$6
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
DESTDIR=$stage cmake --install "$build" --prefix /usr >/dev/null
# where DIR/NAME lands under the stage
at() { case $1 in /*) echo ".$1/$2" ;; *) echo "./usr/$1/$2" ;; esac; }
actual=$(cd "$stage" && find . \( -type f -o -type l \) | LC_ALL=C sort)
expected=$(printf '%s\n' "$(at "$bindir" pcirevoke)" "$(at "$mandir" man8/pcirevoke.8)" \
	"$(at "$bashdir" pcirevoke)" "$(at "$zshdir" _pcirevoke)" \
	"$(at "$fishdir" pcirevoke.fish)" | sed 's://*:/:g' | LC_ALL=C sort)
if [ "$actual" != "$expected" ]; then
	echo "staged install tree differs:"
	echo "--- expected"; echo "$expected"
	echo "--- actual"; echo "$actual"
	exit 1
fi
[ -x "$stage/$(at "$bindir" pcirevoke)" ] || { echo "program not executable"; exit 1; }
echo "staged install holds exactly:"; echo "$actual"
