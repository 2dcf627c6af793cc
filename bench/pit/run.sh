#!/usr/bin/env bash
# Point-in-time (as-of) join benchmark: fsc's UNION ALL + last_value window (A) vs join + ROW_NUMBER (B, Feast's
# pattern) in Spark 4.1.3 local[2], vs DuckDB's ASOF JOIN (C) with 2 threads, vs Feast itself (F, its file offline
# store). See bench/pit/README.md.
#
#   bench/pit/run.sh
#
# Environment (defaults in brackets):
#   BUILD_ROWS [10000000]  build-side rows; probes are BUILD_ROWS/10, /100, /1000; keys BUILD_ROWS/100
#   RUNS [3]               timed runs after one warm-up (median reported)
#   TIMEOUT [60]           seconds per query; a strategy whose warm-up times out is reported as "> TIMEOUT"
#   TTL [1]                also time the 30-day-TTL variants of A, B, C (0 = skip)
#   VARIANTS [0]           1 = also time the other shapes of (A) tried (A_plain, A_tempo, A_presort, A_collapse,
#                          A_struct)
#   FEAST [1]              also time Feast 0.67.0 (F, installed from PyPI into bench/out/venv-feast on first use)
#   FEAST_SCENARIOS [uniform 100:1,uniform 1000:1]
#                          the scenarios Feast runs (its merge materialises probes x build rows of the key: 10:1
#                          and skewed are out of its reach at 10 M, see README)
#   FEAST_TIMEOUT [900]    seconds for all of Feast's runs of one scenario; past it Feast is reported "> FEAST_TIMEOUT"
#   RESULTS [bench/results/pit.md]  where the tables go (a partial run can go elsewhere)
#   SCENARIOS []           comma-separated name filters, e.g. "100:1"
#   PARTITIONS [8]         spark.sql.shuffle.partitions
#   HEAP [6g]              Spark JVM heap; DuckDB gets memory_limit of the same size
#
# Steps, each its own JVM: build (mvn -q package); generate the Parquet data into bench/out/pit/data if missing
# (seeded, Spark, not timed); time Spark; time DuckDB; check that every strategy gave the same checksums and print
# the tables. Writes \$RESULTS (bench/results/pit.md). Exit 3 if any two strategies disagree.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(dirname "$here")"
out="$bench/out/pit"
build_rows="${BUILD_ROWS:-10000000}"
runs="${RUNS:-3}"
timeout="${TIMEOUT:-60}"
partitions="${PARTITIONS:-8}"
heap="${HEAP:-6g}"
scenarios="${SCENARIOS:-}"
spark_strategies="A,B"
duck_strategies="C"
if [ "${TTL:-1}" = 1 ]; then spark_strategies="$spark_strategies,A_ttl,B_ttl"; duck_strategies="$duck_strategies,C_ttl"; fi
if [ "${VARIANTS:-0}" = 1 ]; then spark_strategies="$spark_strategies,A_plain,A_tempo,A_presort,A_collapse,A_struct"; fi
feast="${FEAST:-1}"
feast_scenarios="${FEAST_SCENARIOS:-uniform 100:1,uniform 1000:1}"
feast_timeout="${FEAST_TIMEOUT:-900}"
feast_version=0.67.0  # the newest on PyPI when written; installs from PyPI alone
results="${RESULTS:-$bench/results/pit.md}"
mkdir -p "$out/tmp" "$bench/results"

source "$here/spark-java.sh"
scen=(); [ -n "$scenarios" ] && scen=(--scenarios "$scenarios")
main() {
  local heap_opt="$1"; shift
  spark_java "$heap_opt" "$out/tmp" -Dpit.build="$build_rows" dev.fsc.bench.pit.Main "$@"
}

start=$(date +%s)
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"; pressure_start="$(pressure)"
echo "bench/pit: generating data if missing (not timed)..." >&2
main "$heap" gen --data "$out/data" "${scen[@]}"
echo "bench/pit: Spark ($spark_strategies)..." >&2
main "$heap" spark --data "$out/data" --out "$out/spark.tsv" --strategies "$spark_strategies" --runs "$runs" \
  --timeout "$timeout" --partitions "$partitions" "${scen[@]}"
echo "bench/pit: DuckDB ($duck_strategies)..." >&2
main 1g duckdb --data "$out/data" --out "$out/duckdb.tsv" --strategies "$duck_strategies" --runs "$runs" \
  --timeout "$timeout" --memory "$(echo "$heap" | tr 'a-z' 'A-Z')B" "${scen[@]}"
: >"$out/feast.tsv"
if [ "$feast" = 1 ]; then
  venv="$bench/out/venv-feast"
  if ! "$venv/bin/python" -c "import feast, sys; sys.exit(feast.__version__ != '$feast_version')" 2>/dev/null; then
    echo "bench/pit: installing feast==$feast_version into $venv..." >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "feast==$feast_version"
  fi
  # Feast's scenarios that the selected ones include
  main 1g paths --data "$out/data" "${scen[@]}" | while IFS=$'\t' read -r name build probe; do
    [[ ",$feast_scenarios," == *",$name,"* ]] || continue
    echo "bench/pit: Feast on $name..." >&2
    rm -rf "$out/feast-work"
    if ! "${pin[@]}" timeout "$feast_timeout" "$venv/bin/python" "$here/feast_pit.py" --scenario "$name" \
        --build "$build" --probe "$probe" --work "$out/feast-work" --out "$out/feast.tsv" --runs "$runs" \
        $( [ "${TTL:-1}" = 1 ] && echo --ttl-days 30 ) >&2; then
      # timed out (or failed): whichever of F, F_ttl did not finish is reported as "> FEAST_TIMEOUT"
      for st in F $( [ "${TTL:-1}" = 1 ] && echo F_ttl ); do
        grep -q "^$name"$'\t'"$st"$'\t' "$out/feast.tsv" || printf '%s\t%s\t\t\t-\ttimeout>%ss\n' "$name" "$st" "$feast_timeout" >>"$out/feast.tsv"
      done
    fi
  done
fi
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"; pressure_end="$(pressure)"
minutes=$(( ($(date +%s) - start + 30) / 60 ))

set +e
tables="$(main 1g report "$out/spark.tsv" "$out/duckdb.tsv" "$out/feast.tsv" 2>"$out/report.err")"
rc=$?
set -e
facts="Machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); $(java -version 2>&1 | head -1); \
Spark 4.1.3 local[2], spark.sql.shuffle.partitions=$partitions, AQE on (default), -Xmx$heap; \
DuckDB $(basename "$(tr ':' '\n' <<<"$pit_cp" | grep duckdb_jdbc)" .jar | sed 's/duckdb_jdbc-//') (JDBC, in-process), threads=2, memory_limit=$heap; \
$( [ "$feast" = 1 ] && echo "Feast $feast_version (file offline store: Dask $("$bench/out/venv-feast/bin/python" -c 'import dask; print(dask.__version__)'), \
pandas $("$bench/out/venv-feast/bin/python" -c 'import pandas; print(pandas.__version__)'), Python $("$bench/out/venv-feast/bin/python" -c 'import platform; print(platform.python_version())')); " ) \
pinned: ${pin[*]:-no}. Load on the machine (the bench's own processes included): load average $load_start at start, $load_end at end; CPU pressure (share of time some task \
waited for a CPU, 60 s average) ${pressure_start}% at start, ${pressure_end}% at end. Whole run: about $minutes min. \
$(date -u +%Y-%m-%dT%H:%MZ)."

{
  cat <<HEADER
# Point-in-time (as-of) join: fsc vs join + ROW_NUMBER vs DuckDB ASOF vs Feast

Generated by \`bench/pit/run.sh\` (BUILD_ROWS=$build_rows, RUNS=$runs, TIMEOUT=${timeout}s); how and why in
[bench/pit/README.md](../pit/README.md). For each probe row (key, t): the latest build-side value with ts <= t.

- **(A) fsc**: UNION ALL of build and probe rows, \`last_value(value, true) OVER (PARTITION BY key ORDER BY ts,
  is_probe, seq ...)\`, with a radix pre-sort and the build rows no probe can see dropped (\`FscUnionWindow\`,
  shape PRUNE); Spark SQL.
- **(B) join + ROW_NUMBER** (Feast's offline-store pattern): probe LEFT JOIN build ON key AND build.ts <= t,
  \`ROW_NUMBER() OVER (PARTITION BY probe id ORDER BY ts DESC, seq DESC) = 1\`; Spark SQL.
- **(C) DuckDB \`ASOF LEFT JOIN\`**, \`SET threads = 2\`.
- **(F) Feast itself** (when run): \`get_historical_features\` of Feast's file offline store (Dask: merge on the key,
  filter ts <= t, sort, drop duplicates — (B)'s pattern in pandas), its own Python process; scenarios
  \`$feast_scenarios\` only.

**What is timed**: one query per run, from planning through reading and decoding the Parquet files, the join or
window, to a checksum aggregate over the result (probe rows, rows with a value, sum of values, sum weighted by
probe id), fetched as one row. Both engines read the same Parquet files in every run (OS page cache warm for
both); neither keeps data in memory between runs. Not timed: data generation, SparkSession start, DuckDB
connection open, the first (warm-up) run of each query. Median of $runs runs after the warm-up. Spark and DuckDB
run in separate JVMs, one after the other, both limited to 2 cores (local[2], threads=2; the machine has $(nproc)).
(F) times \`get_historical_features(...).to_df()\` (Dask reading the build Parquet files, merge, filter, sort, drop
duplicates, to a pandas DataFrame) in its own Python process on the same 2 cores; the probe DataFrame is read before
and the same checksum computed after, both not timed.

**Goals**: (A) at least 3× faster than (B) at 100:1; (A) within 2× of DuckDB.

HEADER
  echo "$tables"
  echo
  echo "$facts"
} >"$results"

echo "$tables"
echo
echo "$facts"
if [ "$rc" -ne 0 ]; then
  echo >&2
  echo "bench/pit: ***** STRATEGIES DISAGREE (exit $rc) *****" >&2
  cat "$out/report.err" >&2
  exit "$rc"
fi
