#!/usr/bin/env zsh
# SPDX-License-Identifier: GPL-2.0-or-later
# What zsh's completion system offers for command lines, non-interactively: each LINE is
# typed into an interactive zsh (zsh/zpty) with compinit and COMPDIR first in fpath, and
# completed by a widget (complete-word, as TAB); every match the completion functions add
# (through a compadd wrapper) is written to OUTFILE after a line "@@ LINE".
# Usage: zsh -f zsh-complete.zsh COMPDIR BINDIR OUTFILE LINE...
zmodload zsh/zpty || exit 77
compdir=$1 bindir=$2 outfile=$3
shift 3
: >$outfile
zpty z "env -i HOME=${TMPDIR:-/tmp} TERM=dumb PATH=$bindir:/usr/bin:/bin zsh -f -i"

# wait until OUTFILE holds $1 "@@ end" lines, draining the terminal meanwhile
await() {
	local chunk i
	for i in {1..600}; do   # 30 s
		if zpty -r -t z chunk; then [[ -n $ZC_DEBUG ]] && print -rn -- "$chunk" >&2; else sleep 0.05; fi
		(( $(grep -c "^@@ end\$" $outfile) >= $1 )) && return 0
	done
	print -u2 "zsh-complete: no answer from the completion shell"
	exit 1
}

zpty -w z "PS1='%% '; fpath=($compdir \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a __h; builtin compadd -A __h "$@"; (( $#__h )) && print -rl -- ${^__h} >>'$outfile'; builtin compadd "$@"; }'
zpty -w z "_capture() { zle complete-word; print -r -- '@@ end' >>$outfile; BUFFER=; zle accept-line; }"
zpty -w z "zle -N _capture; bindkey '^T' _capture; zstyle ':completion:*' list-prompt ''; LISTMAX=100000"
zpty -w z "print -r -- '@@ end' >>$outfile"
await 1
n=1
for line in "$@"; do
	print -r -- "@@ $line" >>$outfile
	zpty -w -n z "$line"$'\x14'   # ^T: _capture
	await $((++n))
done
zpty -d z
grep -v '^@@ end$' $outfile >$outfile.tmp && mv $outfile.tmp $outfile
