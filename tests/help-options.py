#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The program's option table, read from its own argp help.

Usage: help-options.py PROGRAM
Runs `PROGRAM --help` and `PROGRAM CMD --help` for every command listed under
"Commands:" (except help) and prints one line per option and per enumerated value:

    CMD OPTION KIND            KIND: flag, required or optional (argument)
    CMD OPTION=VALUE value     for an option whose help enumerates its values

CMD is "-" for the options before the command. An enumeration is a description
(after an optional "label:") that, without its parenthesised and quoted parts, is a
list of lowercase words: "auto (...), always, never", "text, json or prometheus".
argp's "-?" (a second spelling of --help) is left out: it is a glob character that
no completion offers.
"""
import re
import subprocess
import sys

prog = sys.argv[1]
OPT = re.compile(r"^ {1,8}(?:(-[^-\s]),?\s*)?(--[a-z0-9][a-z0-9-]*)?(\[?=\S*|\s\S+)?\s{2,}(.*)$")
WORD = r"[a-z][a-z0-9-]*"
ENUM = re.compile(rf"^{WORD}(?:, {WORD})*(?:,? or {WORD})?$")


def help_of(args):
    out = subprocess.run([prog, *args, "--help"], capture_output=True, text=True,
                         env={"COLUMNS": "80", "LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    if out.returncode != 0:
        sys.exit(f"{prog} {' '.join(args)} --help exited {out.returncode}")
    return out.stdout.splitlines()


def options(lines):
    """(short, long, argument, description) for every option line of argp's help."""
    opts = []
    for line in lines:
        m = OPT.match(line)
        if m and (m.group(1) or m.group(2)):
            opts.append([m.group(1), m.group(2), m.group(3) or "", m.group(4)])
        elif opts and re.match(r"^ {20,}\S", line):
            opts[-1][3] += " " + line.strip()
        elif not line.strip() or not line.startswith(" "):
            pass
    return opts


def enumeration(desc):
    text = desc
    while re.search(r"\([^()]*\)", text):
        text = re.sub(r"\s*\([^()]*\)", "", text)
    text = re.sub(r"\s*'[^']*'", "", text).strip()
    if ": " in text:
        text = text.rsplit(": ", 1)[1]
    if not ENUM.match(text):
        return []
    words = re.findall(WORD, text.replace(" or ", ", "))
    return words if len(words) >= 2 else []


top = help_of([])
commands = []
in_cmds = False
for line in top:
    if line.startswith("Commands:"):
        in_cmds = True
        continue
    if in_cmds:
        m = re.match(r"^  ([a-z]+)\s", line)
        if m:
            commands.append(m.group(1))
        elif not line.strip() and commands:
            break
if not commands:
    sys.exit("no commands found in --help")

found_enum = False
for cmd, lines in [("-", top)] + [(c, help_of([c])) for c in commands if c != "help"]:
    for short, long_, arg, desc in options(lines):
        kind = "flag" if not arg else "optional" if arg.startswith("[") else "required"
        for o in (short, long_):
            if o and o != "-?":
                print(cmd, o, kind)
        if long_ and kind != "flag":
            for v in enumeration(desc):
                found_enum = True
                print(cmd, f"{long_}={v}", "value")
if not found_enum:
    sys.exit("no enumerated option values found: has the help format changed?")
