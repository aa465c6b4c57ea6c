#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Every tracked C source and header is formatted as .clang-format says (clang-format 14,
# Debian 12's). Usage: test-format.sh SOURCE_DIR
set -euo pipefail
cd "$1"
skip() { echo "SKIP: $*"; if [ "${CI:-}" = true ]; then exit 1; fi; exit 77; }
command -v clang-format >/dev/null || skip "clang-format is not installed"
command -v git >/dev/null && git rev-parse --git-dir >/dev/null 2>&1 ||
	skip "not a git checkout (the files to check are the tracked ones)"
mapfile -t files < <(git ls-files '*.c' '*.h')
[ ${#files[@]} -gt 0 ] || { echo "no C files found"; exit 1; }
if ! clang-format --dry-run -Werror "${files[@]}"; then
	echo "FAIL: run clang-format -i on the files above"
	exit 1
fi
echo "format: ${#files[@]} files as .clang-format says"
