#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The -J output keeps its contract: every JSON document the program prints validates
against tests/schema/*.schema.json (JSON Schema draft 2020-12).

Validated: the golden expected outputs whose stdout is JSON; the program's own -J output
on every fixture that holds what the command reads (defaults, --all, --all-io, --explain,
--door, -o subsets); the event lines of a short live `watch -J` and sample events as the
unit test of the watch printer expects them. A deliberately broken document of each kind
must be rejected, so the schemas are shown able to fail.

Usage: test-schema.py PROG SRCDIR
Exit status: 0 all valid, 1 something invalid, 77 (skip) without the Python module
jsonschema, unless CI=true, where its absence is a failure."""
import copy
import json
import os
import re
import shlex
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    if os.environ.get("CI") == "true":
        print("schema: the Python module jsonschema is missing (package python3-jsonschema); "
              "under CI that is a failure", file=sys.stderr)
        sys.exit(1)
    print("schema: skipped: the Python module jsonschema is missing "
          "(install python3-jsonschema)")
    sys.exit(77)

COMMANDS = ("list", "audit", "check")
# the top-level keys that always name a document's command
TOP_KEYS = {"devices": "list", "mappings": "audit", "paths": "check"}


class Checker:
    def __init__(self, schema_dir):
        self.validators = {}
        for name in COMMANDS + ("watch-event",):
            with open(os.path.join(schema_dir, name + ".schema.json"), encoding="utf-8") as f:
                schema = json.load(f)
            cls = jsonschema.Draft202012Validator
            cls.check_schema(schema)
            self.validators[name] = cls(schema)
        self.valid = 0
        self.invalid = 0

    def errors(self, kind, doc):
        return sorted(self.validators[kind].iter_errors(doc), key=lambda e: list(e.path))

    def check(self, what, kind, doc):
        errs = self.errors(kind, doc)
        if not errs:
            self.valid += 1
            return True
        self.invalid += 1
        print(f"INVALID {what} ({kind} schema):")
        for e in errs[:10]:
            where = "/".join(str(p) for p in e.path) or "(top)"
            print(f"  at {where}: {e.message}")
        if len(errs) > 10:
            print(f"  ... {len(errs) - 10} more")
        return False

    def check_text(self, what, kind, text):
        try:
            doc = json.loads(text)
        except ValueError as e:
            self.invalid += 1
            print(f"INVALID {what}: not one JSON document: {e}")
            return None
        self.check(what, kind, doc)
        return doc


def golden_args(cmakelists):
    """NAME -> argument list, from pcirevoke_golden(NAME FIXTURE ARGS...)."""
    args = {}
    with open(cmakelists, encoding="utf-8") as f:
        for m in re.finditer(r"^\s*pcirevoke_golden\(([^)]*)\)", f.read(), re.M):
            words = shlex.split(m.group(1))
            args[words[0]] = words[2:]
    return args


def command_of(args, doc):
    for a in args or ():
        if a in COMMANDS:
            return a
    if isinstance(doc, dict):
        for key, cmd in TOP_KEYS.items():
            if key in doc:
                return cmd
    return None


def check_golden(ck, src, samples):
    gdir = os.path.join(src, "tests", "golden")
    args = golden_args(os.path.join(gdir, "CMakeLists.txt"))
    edir = os.path.join(gdir, "expected")
    n = 0
    for name in sorted(os.listdir(edir)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(edir, name), encoding="utf-8") as f:
            text = f.read()
        stdout = text.split("--- exit status: ", 1)[0]
        if not stdout.startswith("{"):
            continue
        test = name[:-len(".txt")]
        try:
            doc = json.loads(stdout)
        except ValueError as e:
            ck.invalid += 1
            print(f"INVALID golden {name}: not one JSON document: {e}")
            continue
        cmd = command_of(args.get(test), doc)
        if cmd is None:
            ck.invalid += 1
            print(f"INVALID golden {name}: neither its arguments nor its keys name a command")
            continue
        ck.check(f"golden {name}", cmd, doc)
        samples.setdefault(cmd, doc)
        n += 1
    return n


def has_devices(fixture):
    """list reads every device's vendor file (libpci): a tree without them is not for list."""
    d = os.path.join(fixture, "sys", "bus", "pci", "devices")
    try:
        devs = os.listdir(d)
    except OSError:
        return False
    return bool(devs) and all(os.path.exists(os.path.join(d, x, "vendor")) for x in devs)


def has_proc(fixture):
    return os.path.isdir(os.path.join(fixture, "proc"))


RUNS = {
    "list": (has_devices, [
        ["list", "-J"],
        ["list", "--all", "-J"],
        ["list", "-J", "-N", "-o", "DEVICE,ID,START,END,SIZE,DOORS"],
        ["list", "-J", "-o", "BAR,KIND,TYPE,BUS,FLAGS,CLAIM"],
    ]),
    "audit": (has_proc, [
        ["audit", "-J"],
        ["audit", "--all-io", "-J"],
        ["audit", "-J", "-o", "PID,COMM,DEVICE,VIA,PHYS,STATE,VERDICT"],
        ["audit", "-J", "-p", "1,2147483647"],
    ]),
    "check": (has_proc, [
        ["check", "-J"],
        ["check", "--explain", "-J"],
        ["check", "-J", "--door", "vfio"],
        ["check", "--format", "json", "-o", "PATH,STATUS"],
    ]),
}


def run_prog(prog, args):
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    return subprocess.run([prog] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env, timeout=60)


def check_fixtures(ck, prog, src, samples):
    fdir = os.path.join(src, "tests", "fixtures")
    n = 0
    for fixture in sorted(os.listdir(fdir)):
        path = os.path.join(fdir, fixture)
        if not os.path.isdir(path):
            continue
        for cmd, (usable, runs) in RUNS.items():
            if not usable(path):
                continue
            for args in runs:
                what = f"{fixture}: pcirevoke {' '.join(args)}"
                p = run_prog(prog, ["--sysroot", path] + args)
                # 0-3: findings and incomplete bits; 4 failure, 64 usage error
                if p.returncode not in (0, 1, 2, 3) or not p.stdout:
                    ck.invalid += 1
                    print(f"INVALID {what}: exit status {p.returncode}, "
                          f"{len(p.stdout)} bytes of output\n"
                          f"{p.stderr.decode(errors='replace')}")
                    continue
                doc = ck.check_text(what, cmd, p.stdout.decode("utf-8"))
                if doc is not None:
                    samples.setdefault(cmd, doc)
                n += 1
    return n


# Events as the unit test of the printer expects them (tests/unit/test-watch-event.c) and
# as the command fills them (src/cmd-watch.c): one of each kind.
WATCH_SAMPLES = [
    '{"time":"2023-11-14T22:13:20.123Z","event":"state","pid":42,'
    '"comm":"hold\\"er\\n","device":"0000:00:03.0","bar":0,'
    '"via":"sysfs","phys_start":"0xfebc0000","phys_end":"0xfebdffff",'
    '"vma":"0x7f0000000000","state":"revoked","previous":"revocable",'
    '"count":1,"cause":"bind e1000 0000:00:03.0"}',
    '{"time":"1970-01-01T00:00:00.000Z","event":"bind",'
    '"device":"0000:00:03.0","driver":"e1000"}',
    '{"time":"1970-01-01T00:00:00.000Z","event":"mapped","pid":7,"comm":null,'
    '"device":null,"bar":null,"via":"devmem","vma":"0x7f0000000000","state":"unknown",'
    '"count":1}',
    '{"time":"2026-11-23T19:30:00.123Z","event":"mapped","pid":4242,"comm":"holder",'
    '"device":"0000:00:03.0","bar":2,"via":"sysfs-wc","phys_start":"0xfe000000",'
    '"phys_end":"0xfe003fff","vma":"0x7f8e50000000","state":"revocable","count":32000}',
    '{"time":"2026-11-23T19:30:05.000Z","event":"unmapped","pid":4242,"comm":"holder",'
    '"device":"0000:00:03.0","bar":2,"via":"sysfs-wc","phys_start":"0xfe000000",'
    '"phys_end":"0xfe003fff","vma":"0x7f8e50000000","state":"revocable","count":1,'
    '"cause":"gone"}',
    '{"time":"2026-11-23T19:30:01.000Z","event":"unbind","device":"0000:00:03.0",'
    '"driver":"e1000"}',
    '{"time":"2026-11-23T19:30:02.000Z","event":"remove","device":"0000:00:03.0",'
    '"driver":null}',
    '{"time":"2026-11-23T19:30:03.000Z","event":"add","device":"0000:00:03.0",'
    '"driver":null}',
]


def check_watch(ck, prog):
    n = 0
    for i, line in enumerate(WATCH_SAMPLES):
        ck.check_text(f"watch sample {i + 1}", "watch-event", line)
        n += 1
    # live: the mappings present at the start, then whatever happens in two seconds
    p = run_prog(prog, ["watch", "-J", "--timeout", "2"])
    lines = [l for l in p.stdout.decode("utf-8").split("\n") if l]
    if p.returncode != 0:
        print(f"schema: note: live watch -J ended with status {p.returncode}: "
              f"{p.stderr.decode(errors='replace').strip()}")
    for i, line in enumerate(lines):
        ck.check_text(f"live watch -J line {i + 1}", "watch-event", line)
        n += 1
    print(f"schema: live watch -J printed {len(lines)} event(s)")
    return n


def negative(ck, samples):
    """Broken documents must be rejected; returns the number that were wrongly accepted."""
    cases = []
    audit = samples.get("audit")
    if audit and audit.get("mappings"):
        bad = copy.deepcopy(audit)
        bad["mappings"][0]["via"] = "mmap"
        cases.append(("audit: an unknown via", "audit", bad))
    bad = copy.deepcopy(audit) if audit else {"mappings": [], "summary": {}}
    bad["summary"].pop("findings", None)
    cases.append(("audit: summary without findings", "audit", bad))
    check = samples.get("check")
    if check:
        bad = copy.deepcopy(check)
        del bad["kernel"]
        cases.append(("check: no kernel", "check", bad))
        bad = copy.deepcopy(check)
        bad["paths"][0]["status"] = "enabled"
        cases.append(("check: an unknown status", "check", bad))
    lst = samples.get("list")
    if lst:
        bad = copy.deepcopy(lst)
        dev = next((d for d in bad["devices"] if d.get("bars")), bad["devices"][0])
        if dev.get("bars"):
            dev["bars"][0]["size"] = "4096"
            cases.append(("list: a size as a string", "list", bad))
        bad = copy.deepcopy(lst)
        bad["devices"][0]["vendor"] = "8086"
        cases.append(("list: an undocumented key", "list", bad))
    ev = json.loads(WATCH_SAMPLES[0])
    ev["event"] = "zapped"
    cases.append(("watch: an unknown event", "watch-event", ev))
    ev = json.loads(WATCH_SAMPLES[0])
    del ev["previous"]
    cases.append(("watch: a state event without previous", "watch-event", ev))
    ev = json.loads(WATCH_SAMPLES[3])
    ev["vma"] = "7f8e50000000"
    cases.append(("watch: an address without 0x", "watch-event", ev))

    accepted = 0
    for what, kind, doc in cases:
        if ck.errors(kind, doc):
            continue
        accepted += 1
        print(f"NOT REJECTED: {what}")
    print(f"schema: {len(cases) - accepted} of {len(cases)} broken documents rejected")
    return accepted


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    prog, src = sys.argv[1], sys.argv[2]
    ck = Checker(os.path.join(src, "tests", "schema"))
    samples = {}

    g = check_golden(ck, src, samples)
    f = check_fixtures(ck, prog, src, samples)
    w = check_watch(ck, prog)
    print(f"schema: {g} golden files, {f} runs on fixtures, {w} watch events")
    missed = negative(ck, samples)
    print(f"schema: {ck.valid} documents validated, {ck.invalid} invalid")
    if ck.invalid or missed or ck.valid == 0:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
