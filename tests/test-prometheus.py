#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""check and audit --format prometheus, parsed by the Prometheus client library's own
text parser (Debian: python3-prometheus-client): every family has HELP and TYPE, the
names and labels are the documented ones, and the values agree with the same run's -J.
Usage: test-prometheus.py PCIREVOKE FIXTURES_DIR"""
import json
import os
import subprocess
import sys
import tempfile

try:
    from prometheus_client.parser import text_string_to_metric_families
except ImportError:
    print("python3-prometheus-client is not installed")
    sys.exit(1 if os.environ.get("CI") == "true" else 77)

PROG, FIX = sys.argv[1], sys.argv[2]
failures = []
checked = 0

AUDIT_FAMILIES = {
    "pcirevoke_audit_mappings", "pcirevoke_audit_door_mappings",
    "pcirevoke_audit_findings", "pcirevoke_audit_processes",
    "pcirevoke_audit_incomplete", "pcirevoke_audit_last_run_timestamp_seconds",
}
CHECK_FAMILIES = {
    "pcirevoke_revocation_status", "pcirevoke_check_findings",
    "pcirevoke_check_incomplete", "pcirevoke_kernel_info",
}
STATES = ["revocable", "revoked", "exposed", "conflict", "managed", "unknown",
          "unattributed"]


def run(*args):
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    return subprocess.run([PROG, *args], capture_output=True, text=True, env=env,
                          timeout=60)


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def parse(text, where):
    """Families by name; also checks HELP and TYPE precede each family's samples."""
    seen_help, seen_type = set(), set()
    for line in text.splitlines():
        if line.startswith("# HELP "):
            seen_help.add(line.split()[2])
        elif line.startswith("# TYPE "):
            seen_type.add(line.split()[2])
        elif line and not line.startswith("#"):
            name = line.split("{")[0].split()[0]
            if name not in seen_help or name not in seen_type:
                fail(f"{where}: sample of {name} before its HELP and TYPE")
    fams = {}
    for fam in text_string_to_metric_families(text):
        if fam.type != "gauge":
            fail(f"{where}: {fam.name} is a {fam.type}, not a gauge")
        if not fam.documentation:
            fail(f"{where}: {fam.name} has no HELP text")
        fams[fam.name] = fam
    return fams


def samples(fam):
    return {tuple(sorted(s.labels.items())): s.value for s in fam.samples}


def check_audit(fixture):
    global checked
    root = os.path.join(FIX, fixture)
    p = run("--sysroot", root, "audit", "--format", "prometheus", "--metrics-by-device")
    j = run("--sysroot", root, "audit", "-J")
    if p.returncode != 0:
        fail(f"audit {fixture}: --format prometheus exited {p.returncode}: {p.stderr}")
        return
    fams = parse(p.stdout, f"audit {fixture}")
    missing = AUDIT_FAMILIES - set(fams)
    if missing:
        fail(f"audit {fixture}: families missing: {sorted(missing)}")
        return
    doc = json.loads(j.stdout)
    by_state = samples(fams["pcirevoke_audit_mappings"])
    for st in STATES:
        want = sum(1 for m in doc["mappings"] if m["state"] == st)
        got = by_state.get((("state", st),))
        if got != want:
            fail(f"audit {fixture}: mappings{{state={st}}} = {got}, -J has {want}")
    door = samples(fams["pcirevoke_audit_door_mappings"])
    if sum(door.values()) != len(doc["mappings"]):
        fail(f"audit {fixture}: door_mappings add up to {sum(door.values())}, "
             f"-J has {len(doc['mappings'])} mappings")
    for labels in door:
        if dict(labels)["state"] not in STATES:
            fail(f"audit {fixture}: unknown state label {labels}")
    findings = samples(fams["pcirevoke_audit_findings"])[()]
    if findings != doc["summary"]["findings"]:
        fail(f"audit {fixture}: findings {findings}, -J says {doc['summary']['findings']}")
    procs = samples(fams["pcirevoke_audit_processes"])
    if procs.get((("result", "scanned"),)) != doc["summary"]["processes"]:
        fail(f"audit {fixture}: processes scanned disagree with -J")
    incomplete = samples(fams["pcirevoke_audit_incomplete"])[()]
    if incomplete != (1.0 if j.returncode & 2 else 0.0):
        fail(f"audit {fixture}: incomplete {incomplete}, -J exited {j.returncode}")
    dev = samples(fams["pcirevoke_audit_device_mappings"]) \
        if "pcirevoke_audit_device_mappings" in fams else {}
    if sum(dev.values()) != len(doc["mappings"]):
        fail(f"audit {fixture}: device_mappings add up to {sum(dev.values())}")
    checked += 1


def check_check(fixture):
    global checked
    root = os.path.join(FIX, fixture)
    p = run("--sysroot", root, "check", "--format", "prometheus")
    j = run("--sysroot", root, "check", "-J")
    if p.returncode != 0:
        fail(f"check {fixture}: --format prometheus exited {p.returncode}: {p.stderr}")
        return
    fams = parse(p.stdout, f"check {fixture}")
    missing = CHECK_FAMILIES - set(fams)
    if missing:
        fail(f"check {fixture}: families missing: {sorted(missing)}")
        return
    doc = json.loads(j.stdout)
    status = samples(fams["pcirevoke_revocation_status"])
    for path in doc["paths"]:
        ones = [dict(k)["status"] for k, v in status.items()
                if dict(k)["path"] == path["path"] and v == 1]
        if ones != [path["status"]]:
            fail(f"check {fixture}: {path['path']} is {path['status']} in -J, "
                 f"metrics say {ones}")
    checked += 1


def check_output_file():
    """--output-file replaces the file whole; a failed run leaves the old one."""
    global checked
    root = os.path.join(FIX, "audit-doors")
    with tempfile.TemporaryDirectory() as d:
        target = os.path.join(d, "pcirevoke.prom")
        with open(target, "w") as f:
            f.write("old\n")
        p = run("--sysroot", root, "audit", "--format", "prometheus",
                "--output-file", target)
        if p.returncode != 0 or p.stdout:
            fail(f"--output-file: exit {p.returncode}, stdout {p.stdout!r}")
        with open(target) as f:
            parse(f.read(), "--output-file")
        if sorted(os.listdir(d)) != ["pcirevoke.prom"]:
            fail(f"--output-file left {sorted(os.listdir(d))}")
        p = run("--sysroot", root, "audit", "-o", "NOPE", "--output-file", target)
        with open(target) as f:
            kept = f.read()
        if p.returncode != 64 or "pcirevoke_audit_mappings" not in kept or \
                sorted(os.listdir(d)) != ["pcirevoke.prom"]:
            fail("--output-file: a failed run must leave the previous file alone")
    checked += 1


for fx in ["audit-doors", "audit-510", "audit-lockdown", "audit-redacted",
           "qemu-6.1-bound"]:
    if os.path.isdir(os.path.join(FIX, fx)):
        check_audit(fx)
for fx in sorted(os.listdir(FIX)):
    if os.path.isdir(os.path.join(FIX, fx, "proc")):
        check_check(fx)
check_output_file()
print(f"prometheus: {checked} outputs parsed and checked, {len(failures)} failure(s)")
sys.exit(1 if failures or not checked else 0)
