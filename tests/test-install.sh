#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# DESTDIR install with prefix /usr: exactly the expected files, in the standard places.
set -eu
bin=$1
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
DESTDIR=$stage cmake --install "$bin" --prefix /usr >/dev/null
actual=$(cd "$stage" && find . \( -type f -o -type l \) | sort)
expected="./usr/bin/pcirevoke
./usr/share/bash-completion/completions/pcirevoke
./usr/share/fish/vendor_completions.d/pcirevoke.fish
./usr/share/man/man8/pcirevoke.8
./usr/share/zsh/site-functions/_pcirevoke"
if [ "$actual" != "$expected" ]; then
	echo "staged install tree differs:"
	echo "--- expected"; echo "$expected"
	echo "--- actual"; echo "$actual"
	exit 1
fi
[ -x "$stage/usr/bin/pcirevoke" ] || { echo "program not executable"; exit 1; }
echo "staged install holds exactly:"; echo "$actual"
