#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# pcirevoke -J ... > /dev/full must fail with a non-zero exit and a message.
prog=$1 tree=$2
[ -w /dev/full ] || { echo "SKIP: no /dev/full"; exit 77; }
err=$("$prog" --sysroot "$tree" list -J 2>&1 >/dev/full)
rc=$?
echo "exit $rc: $err"
[ "$rc" -eq 4 ] && echo "$err" | grep -q "write error"
