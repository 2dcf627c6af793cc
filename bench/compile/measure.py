#!/usr/bin/env python3
"""Times fsc and dbt on one generated project of N specs; prints one JSON line of samples.

    measure.py --n N --fsc-project DIR --dbt-project DIR --fsc FSC --dbt DBT [--runs 3] [--pin 0,1]

Every run is a whole process timed from fork to exit (JVM / Python start-up included) with the CPU
seconds (user + sys) it used. Scenarios:

  fsc_validate        `fsc validate DIR`: first run = cold, then --runs warm
  dbt_parse           `dbt parse --no-partial-parse` with target/ removed: a full parse every run
  fsc_plan_cold       `fsc plan --diff` after one feature expression changed, no cached base plan
  fsc_plan_changed    the same with the base plan cached (what a developer's second run and CI with a
                      cache see)
  dbt_parse_changed   `dbt parse` (partial parse on) after the same model's SQL changed, the previous
                      parse's target/partial_parse.msgpack kept: dbt's incremental path

Each changed-spec run edits the file anew (alternating two expressions), so no run is a no-op.
Every run must succeed, or the script fails naming the command and its output.
"""

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd, cwd, ok=(0,)):
    cpu0, t0 = cpu_children(), time.monotonic()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    wall, cpu = time.monotonic() - t0, cpu_children() - cpu0
    if p.returncode not in ok:
        sys.exit(f"measure.py: `{' '.join(cmd)}` exited {p.returncode}:\n{(p.stdout + p.stderr)[-3000:]}")
    return {"wall": wall, "cpu": cpu}


def first_feature_expr(project):
    """The first `expr:` line of the first feature view file (sorted): the one spec the runs change."""
    for root, dirs, files in sorted(os.walk(os.path.join(project, "features"))):
        dirs.sort()
        for f in sorted(files):
            path = os.path.join(root, f)
            with open(path, encoding="utf-8") as fh:
                lines = fh.read().split("\n")
            for i, line in enumerate(lines):
                if line.startswith("    expr: "):
                    return path, i, lines
    sys.exit("measure.py: no feature expression to change")


class Edit:
    """Rewrites one line of a file, alternating two versions, so every run sees a real change."""

    def __init__(self, path, index, lines, variants):
        self.path, self.index, self.lines, self.variants, self.count = path, index, lines, variants, 0

    def next(self):
        self.count += 1
        lines = list(self.lines)
        lines[self.index] = self.variants[self.count % len(self.variants)]
        with open(self.path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--fsc-project", required=True)
    ap.add_argument("--dbt-project", required=True)
    ap.add_argument("--fsc", required=True)
    ap.add_argument("--dbt", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pin", default="")
    a = ap.parse_args()
    pin = ["taskset", "-c", a.pin] if a.pin else []
    fsc = pin + [a.fsc]
    dbt = pin + [a.dbt]
    proj, dbtp = os.path.abspath(a.fsc_project), os.path.abspath(a.dbt_project)
    s = {k: [] for k in ["fsc_validate_cold", "fsc_validate", "dbt_parse", "fsc_plan_cold", "fsc_plan_changed", "dbt_parse_changed"]}

    s["fsc_validate_cold"].append(timed(fsc + ["validate", proj], proj))
    for _ in range(a.runs):
        s["fsc_validate"].append(timed(fsc + ["validate", proj], proj))
        shutil.rmtree(os.path.join(dbtp, "target"), ignore_errors=True)
        s["dbt_parse"].append(timed(dbt + ["parse", "--no-partial-parse", "--profiles-dir", dbtp], dbtp))

    path, index, lines = first_feature_expr(proj)
    expr = lines[index][len("    expr: "):]
    quoted = len(expr) >= 2 and expr[0] == expr[-1] == '"'  # a YAML-quoted expression stays quoted, edited inside
    inner = expr[1:-1] if quoted else expr

    def edited(delta):
        text = f"({inner}) + {delta}"
        return "    expr: " + (f'"{text}"' if quoted else text)

    view = os.path.splitext(os.path.basename(path))[0]
    fsc_edit = Edit(path, index, lines, [edited(0), edited(1)])
    model = next(os.path.join(r, f) for r, _, fs in os.walk(os.path.join(dbtp, "models")) for f in fs if f == view + ".sql")
    with open(model, encoding="utf-8") as fh:
        model_lines = fh.read().split("\n")
    agg = next(i for i, l in enumerate(model_lines) if re.match(r"\s+\w+\(.*\) AS \w+", l))
    dbt_edit = Edit(model, agg, model_lines, [model_lines[agg].replace(") AS", ") + 0 AS", 1),
                                              model_lines[agg].replace(") AS", ") + 1 AS", 1)])
    plan = fsc + ["plan", "--diff", "--project", proj, "--detailed-exitcode"]
    timed([a.dbt, "parse", "--profiles-dir", dbtp], dbtp)  # leaves partial_parse.msgpack for the changed runs
    for _ in range(a.runs):
        shutil.rmtree(os.path.join(proj, ".fsc", "cache"), ignore_errors=True)
        fsc_edit.next()
        s["fsc_plan_cold"].append(timed(plan, proj, ok=(4, 5)))
        fsc_edit.next()
        s["fsc_plan_changed"].append(timed(plan, proj, ok=(4, 5)))
        dbt_edit.next()
        s["dbt_parse_changed"].append(timed(dbt + ["parse", "--profiles-dir", dbtp], dbtp))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    print(json.dumps({"n": a.n, "samples": s}))


if __name__ == "__main__":
    main()
