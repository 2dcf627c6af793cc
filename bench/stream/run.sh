#!/usr/bin/env bash
# Streaming benchmark: the fsc-shaped job vs a hand-written Flink SQL job of the same count/sum tile view,
# same 2 cores; event → online-store latency. See runtime-flink/src/test/java/dev/fsc/flink/it/StreamBench.java.
#
#   bench/stream/run.sh
#
# Environment (defaults in brackets): EVENTS [2000000] pre-loaded events; RATE [20000] events/s and
# LAT_SECONDS [30] of the latency run's steady state (after 20 s of start-up, reported apart); RUNNER_HEAP [3g] of each job's JVM (heap state of 2M events needs more than
# 1 GiB). Writes bench/results/stream.md.
# PROFILE=1: instead, one run of each job over all events with a Java Flight Recording per runner JVM
# (bench/out/stream/work/<job>-<backend>/profile.jfr; BACKENDS [hashmap] comma-separated), summarised by
# bench/stream/hot.py; no results written.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$(dirname "$here")")"
out="$root/bench/out/stream"
mkdir -p "$out" "$root/bench/results"
echo "bench/stream: building the runner..." >&2
# one reactor (-am): the classpath names runtime-common's fresh classes, never a jar in ~/.m2
(cd "$root" && mvn -q -B -pl runtime-flink -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt")
cp="$root/runtime-flink/target/test-classes:$root/runtime-flink/target/classes:$(cat "$out/classpath.txt")"
rm -rf "$out/work"
java -Xmx1g -Dfsc.runner.heap="${RUNNER_HEAP:-3g}" -Dfsc.bench.profile="${PROFILE:-0}" -Dfsc.bench.backends="${BACKENDS:-hashmap}" -cp "$cp" dev.fsc.flink.it.StreamBench "$root/runtime-flink/target/fsc-flink-runner.jar" "$here" "$out/work" \
  "${EVENTS:-2000000}" "${RATE:-20000}" "${LAT_SECONDS:-30}"
if [ "${PROFILE:-0}" = 1 ]; then
  for f in "$out"/work/*/profile.jfr; do echo "== $f"; python3 "$here/hot.py" "$f"; done
  exit 0
fi
cp "$out/work/stream.md" "$root/bench/results/stream.md"
