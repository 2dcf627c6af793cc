#!/usr/bin/env python3
"""Times `fsc validate` and the check-jsonschema baseline on one generated project.

Called by run.sh once per N; prints one JSON line with the samples. Python 3 stdlib only.

    measure.py --n N --project DIR --fsc FSC --peer CHECK_JSONSCHEMA --schemas DIR
               [--warm 5] [--pin 0,1]

A "run" is one cold-process invocation, timed wall-clock from fork to exit, so JVM
(or Python interpreter) start-up is included. fsc: `fsc validate DIR`, one process.
Peer: one `check-jsonschema --schemafile <kind>.schema.json FILES...` process per
kind (fsc.yaml, source, entity, feature_view, dataset), run one after the other;
their times are summed into one run. The first run of each tool is "cold" (fsc's
first, then the peer's); the next `--warm` runs of each are "warm", alternating
fsc, peer, fsc, ... so that load from other processes falls on both alike. CPU
seconds (user + sys of the process and its threads) are recorded too: they move
less than wall time when the machine is shared. Every run must succeed: fsc must
exit 0 and report N specs with 0 errors, the peer must exit 0 on every kind.
"""

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time

KIND_RE = re.compile(r"^kind:\s*([a-z_]+)\s*$", re.M)


def files_by_kind(project):
    """Spec files grouped by their `kind:` (one document per file), plus fsc.yaml."""
    groups = {"fsc": ["fsc.yaml"]}
    for root, dirs, files in os.walk(project):
        dirs.sort()
        for f in sorted(files):
            if not f.endswith((".yaml", ".yml")) or (root == project and f == "fsc.yaml"):
                continue
            path = os.path.join(root, f)
            with open(path, encoding="utf-8") as fh:
                kinds = KIND_RE.findall(fh.read())
            if len(kinds) != 1:
                sys.exit(f"measure.py: {path} holds {len(kinds)} documents; the peer needs one kind per file")
            groups.setdefault(kinds[0], []).append(os.path.relpath(path, project))
    return groups


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd, cwd):
    """Wall seconds and CPU seconds (user + sys, all threads) of one process run."""
    c0, t0 = cpu_children(), time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - t0, cpu_children() - c0, p


def fail(what, p, lines=40):
    out = (p.stdout + p.stderr).splitlines()
    print(f"measure.py: {what} (exit {p.returncode}); first {min(lines, len(out))} of {len(out)} lines:",
          file=sys.stderr)
    for l in out[:lines]:
        print("  " + l, file=sys.stderr)
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--project", required=True)
    ap.add_argument("--fsc", required=True)
    ap.add_argument("--peer", required=True)
    ap.add_argument("--schemas", required=True)
    ap.add_argument("--warm", type=int, default=5)
    ap.add_argument("--pin", default="")
    a = ap.parse_args()
    project = os.path.abspath(a.project)
    pin = ["taskset", "-c", a.pin] if a.pin else []

    groups = files_by_kind(project)
    n_specs = sum(len(v) for k, v in groups.items() if k != "fsc")
    if n_specs != a.n:
        sys.exit(f"measure.py: {project} holds {n_specs} spec files, expected {a.n}")

    jar = os.path.join(os.path.dirname(os.path.abspath(a.fsc)), "cli", "target", "fsc.jar")
    jsa = os.path.join(os.path.dirname(jar), "fsc.jsa")
    cds_before = os.path.exists(jsa)

    def fsc_run():
        jar_mtime = os.stat(jar).st_mtime_ns if os.path.exists(jar) else None
        secs, cpu, p = timed(pin + [a.fsc, "validate", "."], project)
        if "building the CLI" in p.stderr or (os.path.exists(jar) and os.stat(jar).st_mtime_ns != jar_mtime):
            sys.exit("measure.py: fsc was rebuilt during a timed run (sources under the repo changed); "
                     "the sample is void, rerun when the tree is quiet")
        m = re.search(r"\((\d+) specs? in \d+ files?\)", p.stdout)
        if p.returncode != 0 or not m or int(m.group(1)) != a.n or not re.search(r"\b0 errors\b", p.stdout):
            fail(f"`fsc validate` did not accept the {a.n} generated specs", p)
        warnings = re.search(r"(\d+) warnings?", p.stdout)
        return secs, cpu, int(warnings.group(1)) if warnings else 0

    order = ["fsc", "source", "entity", "feature_view", "dataset"]
    order += sorted(k for k in groups if k not in order)

    def peer_run():
        total = cpu_total = 0.0
        for kind in order:
            if kind not in groups:
                continue
            schema = os.path.join(a.schemas, f"{kind}.schema.json")
            secs, cpu, p = timed(pin + [a.peer, "--schemafile", schema] + groups[kind], project)
            if p.returncode != 0:
                fail(f"check-jsonschema rejected the {kind} files", p)
            total += secs
            cpu_total += cpu
        return total, cpu_total

    # Cold runs first, then warm runs alternating between the tools, so that load from
    # other processes on the machine falls on both alike.
    load = [os.getloadavg()[0]]
    fsc_cold, fsc_cold_cpu, warnings = fsc_run()
    peer_cold, peer_cold_cpu = peer_run()
    fsc_warm, peer_warm = [], []
    for _ in range(a.warm):
        fsc_warm.append(fsc_run()[:2])
        peer_warm.append(peer_run())
    load.append(os.getloadavg()[0])
    print(json.dumps({
        "n": a.n, "files": sum(len(v) for v in groups.values()),
        "kinds": {k: len(v) for k, v in groups.items()}, "loadavg_1m_start_end": load,
        "fsc": {"cold": fsc_cold, "cold_cpu": fsc_cold_cpu, "warm": [w for w, _ in fsc_warm],
                "warm_cpu": [c for _, c in fsc_warm], "warnings": warnings, "cds_archive_before": cds_before},
        "peer": {"cold": peer_cold, "cold_cpu": peer_cold_cpu, "warm": [w for w, _ in peer_warm],
                 "warm_cpu": [c for _, c in peer_warm], "calls_per_run": len(groups)},
    }))


def ratio(t, peer):
    if t == peer:
        return "1.00x"
    faster = f"{peer / t:.1f}x faster" if t < peer else f"{t / peer:.1f}x slower"
    return f"{t / peer:.2f}x ({faster})"


def table(results, facts):
    """Markdown table from measure.py's JSON lines."""
    rows = ["| N specs | tool | what it checks | cold s | warm min s | warm median s | specs/s (warm median) "
            "| wall time vs peer (warm median) | CPU s (warm median) |",
            "|---:|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        peer_med = statistics.median(r["peer"]["warm"])
        for tool, label, checks in (
                ("fsc", "`fsc validate`", "shape (JSON Schema) + names/references + keys + windows + SQL typing (Calcite)"),
                ("peer", f"`check-jsonschema` ({r['peer']['calls_per_run']} calls, one per kind)",
                 "shape only (the same JSON Schemas)")):
            s = r[tool]
            med = statistics.median(s["warm"])
            rows.append(f"| {r['n']} | {label} | {checks} | {s['cold']:.2f} | {min(s['warm']):.2f} | {med:.2f} "
                        f"| {r['n'] / med:,.0f} | {ratio(med, peer_med)} | {statistics.median(s['warm_cpu']):.2f} |")
    return "\n".join(rows) + "\n\n" + facts + "\n"


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--table":
        # measure.py --table FACTS_LINE < results.jsonl
        results = [json.loads(l) for l in sys.stdin if l.strip()]
        sys.stdout.write(table(results, sys.argv[2]))
    else:
        main()
