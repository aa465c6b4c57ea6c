#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The layer rule of src/README.md holds: every file under src/ belongs to exactly one
layer of the table there, and includes (#include "...") only headers of the layers that
its layer may include. Usage: test-layers.py SRC_DIR [README]"""
import fnmatch
import os
import re
import sys


def read_table(readme):
    layers = {}
    order = []
    in_table = False
    for line in open(readme, encoding="utf-8"):
        if "<!-- layers:" in line:
            in_table = True
            continue
        if not in_table:
            continue
        if not line.startswith("|"):
            if layers:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("layer", "---"):
            continue
        name, files, allowed = cells
        layers[name] = (re.findall(r"`([^`]+)`", files), allowed.split())
        order.append(name)
    return layers, order


def layer_of(name, layers, order):
    hits = [l for l in order if any(fnmatch.fnmatch(name, p) for p in layers[l][0])]
    return hits


def main():
    src = sys.argv[1]
    readme = sys.argv[2] if len(sys.argv) > 2 else os.path.join(src, "README.md")
    layers, order = read_table(readme)
    if not layers:
        print("no layer table in src/README.md")
        return 1
    for l, (_, allowed) in layers.items():
        for a in allowed:
            if a not in layers:
                print(f"layer {l} may include unknown layer {a}")
                return 1
    errors = 0
    files = sorted(f for f in os.listdir(src) if f.endswith((".c", ".h", ".h.in")))
    checked = 0
    for f in files:
        hits = layer_of(f, layers, order)
        if len(hits) != 1:
            print(f"src/{f}: matches {'no layer' if not hits else 'layers ' + ', '.join(hits)}"
                  " in src/README.md")
            errors += 1
            continue
        mine = hits[0]
        allowed = layers[mine][1]
        for n, line in enumerate(open(os.path.join(src, f), encoding="utf-8"), 1):
            m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if not m:
                continue
            inc = os.path.basename(m.group(1))
            if inc == "version.h":
                inc = "version.h.in"
            theirs = layer_of(inc, layers, order)
            if len(theirs) != 1:
                print(f"src/{f}:{n}: includes {inc}, which is in no single layer")
                errors += 1
            elif theirs[0] not in allowed:
                print(f"src/{f}:{n}: {mine} layer includes {inc} ({theirs[0]} layer); "
                      f"{mine} may include only: {' '.join(allowed)}")
                errors += 1
            checked += 1
    print(f"{len(files)} files, {checked} include lines checked, {errors} violation(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
