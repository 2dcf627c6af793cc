#!/usr/bin/env bash
# Every benchmark, one command: each runs against its peer or naive baseline in the same run, pinned to
# the same 2 cores, prints its markdown table and writes bench/results/<name>.md.
#
#   bench/run.sh              # all of them, one after the other (about 2.5 hours on 2 cores)
#   bench/run.sh compile pit  # just these
#   bench/run.sh --list
#
# Peers are installed on first use (PyPI into bench/out/, Maven Central for Java ones). Benchmarks are
# not part of .ci/run: they take long and their numbers mean something only on a quiet machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# name | command | what it compares
benchmarks=(
  "validate|$here/validate/run.sh 1000 10000|fsc validate vs check-jsonschema (shape only), 1,000 and 10,000 specs"
  "plan|$here/plan/run.sh 1000|fsc plan --diff, one changed feature, vs two compiles + diff"
  "compile|$here/compile/run.sh 1000 10000|fsc validate / plan --diff vs dbt parse on the same pipeline"
  "pit|$here/pit/run.sh|point-in-time join: fsc vs join + ROW_NUMBER (Feast's pattern) vs DuckDB ASOF vs Feast"
  "window|env EVENTS=${WINDOW_EVENTS:-2000000} RUNS=1 $here/window/run.sh|windowed backfill at 2M events: fsc's tile shapes vs a naive Spark RANGE window"
  "online|$here/online/run.sh|online reads on Redis: fsc features() vs one read per entity vs redis-benchmark"
)
# The backfill at a size that keeps the whole harness within about 2.5 hours: 30 days (day by day compared on
# the first 10) instead of its own 90 (whose day-by-day half alone takes over 3 hours); BACKFILL_DAYS and
# BACKFILL_DAILY_DAYS override, or run bench/backfill/run.sh on its own.
benchmarks+=("backfill|env DAYS=${BACKFILL_DAYS:-30} DAILY_DAYS=${BACKFILL_DAILY_DAYS:-10} RATE_DAYS=2 $here/backfill/run.sh|fsc backfill vs a day-by-day run (every table, row for row), partitions per minute")
benchmarks+=("stream|$here/stream/run.sh|generated Flink job vs hand-written Flink SQL: events/s per core (heap, RocksDB), latency")

if [ "${1:-}" = "--list" ]; then
  for b in "${benchmarks[@]}"; do IFS='|' read -r name _ what <<<"$b"; printf '%-10s %s\n' "$name" "$what"; done
  exit 0
fi
selected=("$@")
known=" $(for b in "${benchmarks[@]}"; do printf '%s ' "${b%%|*}"; done)"
for name in "${selected[@]}"; do
  [[ "$known" == *" $name "* ]] || { echo "bench/run.sh: no benchmark '$name' (bench/run.sh --list)" >&2; exit 2; }
done

summary=()
for b in "${benchmarks[@]}"; do
  IFS='|' read -r name command what <<<"$b"
  if [ ${#selected[@]} -gt 0 ] && [[ " ${selected[*]} " != *" $name "* ]]; then continue; fi
  echo "=== bench/run.sh: $name — $what" >&2
  start=$(date +%s)
  if $command; then status="ok"; else status="FAILED ($?)"; fi
  summary+=("| $name | $status | $(( $(date +%s) - start )) s | bench/results/$name.md |")
done
printf '\n| benchmark | status | took | table |\n|---|---|---:|---|\n'
printf '%s\n' "${summary[@]}"
printf '\nMachine: %s cores, %s, %s.\n' "$(nproc)" "$(java -version 2>&1 | head -1)" "$(uname -sr)"
# The cores are shared: the load at the end of the run says how far to trust the numbers.
printf 'Load at end of run: %s\n' "$(uptime)"
[[ "${summary[*]}" != *FAILED* ]]
