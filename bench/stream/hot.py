#!/usr/bin/env python3
"""Hot methods of a Java Flight Recording: python3 hot.py FILE.jfr [TOP] [DEPTH].

Reads `jfr print --events jdk.ExecutionSample --stack-depth DEPTH` and prints the share of samples
(a) per thread-name group, (b) per top frame (self time), (c) per method anywhere on the stack (inclusive,
counted once per sample), for the task threads only (the Flink operator threads, not Kafka/JIT/GC).
"""
import collections
import re
import subprocess
import sys

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
depth = int(sys.argv[3]) if len(sys.argv) > 3 else 64
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", str(depth), path],
                      check=True, capture_output=True, text=True).stdout

samples = []  # (thread, [frames])
thread, frames, in_stack = None, [], False
for line in text.splitlines():
    s = line.strip()
    if s.startswith("sampledThread"):
        m = re.search(r'"(.*)"', s)
        thread = m.group(1) if m else s
    elif s.startswith("stackTrace = ["):
        in_stack, frames = True, []
    elif in_stack and s == "]":
        in_stack = False
        samples.append((thread, frames))
    elif in_stack and s and s != "...":
        frames.append(re.sub(r"\s+line:.*$", "", s))


def group(t):
    return re.sub(r"\s*\(\d+/\d+\).*$", "", re.sub(r"[-#]?\d+$", "", t or "?"))


def show(title, counter, n, total):
    print(f"-- {title} ({total} samples)")
    for k, v in counter.most_common(n):
        print(f"{100.0 * v / total:6.1f}%  {k}")


threads = collections.Counter(group(t) for t, _ in samples)
show("threads", threads, 15, len(samples))
task = [(t, f) for t, f in samples if t and ("->" in t or "Source" in t or "Sink" in t or "Writer" in t or "Process" in t
                                               or "GroupAggregate" in t or "Calc" in t)]
if not task:
    task = samples
self_ = collections.Counter(f[0] for _, f in task if f)
incl = collections.Counter()
for _, f in task:
    for m in set(re.sub(r"\(.*$", "", x) for x in f):
        incl[m] += 1
show("task threads: top frame (self)", self_, top, len(task))
show("task threads: on the stack (inclusive)", incl, top * 2, len(task))

# hot.py FILE TOP DEPTH METHOD...: for samples with METHOD on the stack, the methods they spend time in below it
for focus in sys.argv[4:]:
    under = collections.Counter()
    n = 0
    for _, f in task:
        names = [re.sub(r"\(.*$", "", x) for x in f]
        if focus in names:
            n += 1
            below = names[:names.index(focus)]
            for m in set(below):
                under[m] += 1
    print(f"-- under {focus}: {n} samples ({100.0 * n / max(1, len(task)):.1f}% of task samples); inclusive shares below it")
    for k, v in under.most_common(top):
        print(f"{100.0 * v / max(1, n):6.1f}%  {k}")
