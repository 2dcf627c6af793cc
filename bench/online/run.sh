#!/usr/bin/env bash
# Online reads: fsc's read path (features(view, keys, t) on Redis) for 1, 10 and 100 entities per request of a
# 100-feature view, vs one round trip per entity, raw pipelined HGETALLs and redis-benchmark's pipelined ceiling
# on the same redis-server. See runtime-flink/src/test/java/dev/fsc/flink/it/OnlineReadBench.java.
#
#   bench/online/run.sh
#
# Environment (defaults in brackets): ENTITIES [20000] loaded, REQUESTS [2000] per request size.
# Needs redis-server and redis-benchmark (Debian: apt-get install redis-server; installed here if missing and
# root). Writes bench/results/online.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$(dirname "$here")")"
out="$root/bench/out/online"
mkdir -p "$out" "$root/bench/results"
if ! command -v redis-benchmark >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "bench/online: needs redis-server (apt-get install redis-server)" >&2; exit 3; }
  apt-get install -y -q redis-server >&2
fi
echo "bench/online: building..." >&2
# one reactor (-am): the classpath names runtime-common's fresh classes, never a jar in ~/.m2
(cd "$root" && mvn -q -B -pl runtime-flink -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt")
cp="$root/runtime-flink/target/test-classes:$root/runtime-flink/target/classes:$(cat "$out/classpath.txt")"
rm -rf "$out/work"
java -Xmx1g -cp "$cp" dev.fsc.flink.it.OnlineReadBench "$out/work" "${ENTITIES:-20000}" "${REQUESTS:-2000}"
cp "$out/work/online.md" "$root/bench/results/online.md"
