#!/usr/bin/env bash
# The 90-day backfill of the marketplace example on `local`, checked against a day-by-day run of the same
# days (every table, row for row), and the backfill's throughput at parallelism 1 and 2 with the projection
# to 90 days at 4 TB/day. Results: bench/results/backfill.md.
#
#   bench/backfill/run.sh                       # 90 days, 40 events per source and day, chunks of 10 days
#   DAYS=30 CHUNK_DAYS=10 bench/backfill/run.sh # a shorter check
#   DAILY_DAYS=30 bench/backfill/run.sh         # day by day over the first 30 days only, compared on those days
#   STEPS=compare DAILY_DAYS=41 bench/backfill/run.sh  # compare again what an earlier run left in bench/out/
#
# Builds the CLI and the Spark runner jar first if they are missing or stale (FSC_SPARK_RUNNER: another runner jar).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
days="${DAYS:-90}"
events="${EVENTS_PER_DAY:-40}"
chunk="${CHUNK_DAYS:-10}"
rate_days="${RATE_DAYS:-4}"        # days per throughput run (chunks of one day: a day is a partition)
results="${RESULTS:-$repo/bench/results/backfill.md}"
steps=" ${STEPS:-backfill rate daily compare} "  # which parts to run; compare needs backfill and daily
daily_days="${DAILY_DAYS:-$days}"  # day by day over the first N days (a 90-day day-by-day run is the slow part)
start="${START:-2026-07-01}"
last="$(date -u -d "$start + $((days - 1)) days" +%F)"
work="${WORK:-$repo/bench/out/backfill}"
# the launcher builds what `fsc backfill` needs (the CLI, the Spark runner) when missing or stale
"$repo/fsc" backfill --help >/dev/null
export FSC_SPARK_RUNNER="${FSC_SPARK_RUNNER:-$repo/runtime-spark/target/fsc-spark-runner.jar}"
# a private copy of the CLI: a rebuild of cli/ while the benchmark runs must not swap its classes
cli="$work.cli"
rm -rf "$cli" && mkdir -p "$cli" && cp -r "$repo/cli/target/fsc.jar" "$repo/cli/target/lib" "$cli/"
fsc() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$cli/fsc.jar" "$@"; }
now() { date +%s.%N; }
log() { echo "bench/backfill: $*" >&2; }

fresh=0; for s in backfill rate daily; do [[ "$steps" == *" $s "* ]] && fresh=1; done
if [[ $fresh == 1 ]]; then
rm -rf "$work" && mkdir -p "$work"  # (bench/out/ is git-ignored)
project() { # a copy of the example's specs with the shared sample data
  mkdir -p "$work/$1" && cp -r "$repo/specs/examples/marketplace/." "$work/$1/" && rm -rf "$work/$1/.fsc" "$work/$1/data"
  cp -r "$work/data" "$work/$1/data"
}
mkdir -p "$work/gen" && cp -r "$repo/specs/examples/marketplace/." "$work/gen/" && rm -rf "$work/gen/.fsc" "$work/gen/data"
fsc sample-data --project "$work/gen" --start "$start" --days "$days" --events-per-day "$events" >/dev/null
mv "$work/gen/data" "$work/data"
fi
input_bytes=$(cat "$work"/data/*.jsonl | wc -c)
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

backfill_s=0 daily_s=0 rate1_s=0 rate2_s=0 equal=0 differ="" skipped="" rows=0 ntables=0
# 1. the backfill of every day
if [[ "$steps" == *" backfill "* ]]; then
project backfill
log "backfill of $days days ($start .. $last), chunks of $chunk days, parallelism 2"
t0=$(now)
fsc backfill --project "$work/backfill" --from "$start" --to "$last" --chunk-days "$chunk" --parallelism 2 > "$work/backfill.log" 2>&1
backfill_s=$(echo "$(now) - $t0" | bc)
echo "backfill of $days days: $backfill_s s" | tee -a "$work/timings" >&2
fi

# 2. throughput: partitions (days) per minute at parallelism 1 and 2, chunks of one day
rate() {
  project "rate-$1"
  local end; end="$(date -u -d "$start + $((rate_days - 1)) days" +%F)"
  local t0; t0=$(now)
  fsc backfill --project "$work/rate-$1" --from "$start" --to "$end" --chunk-days 1 --parallelism "$1" > "$work/rate-$1.log" 2>&1
  echo "$(now) - $t0" | bc
}
if [[ "$steps" == *" rate "* ]]; then
  rate1_s=$(rate 1)
  rate2_s=$(rate 2)
  echo "rate: P=1 $rate1_s s, P=2 $rate2_s s for $rate_days days" | tee -a "$work/timings" >&2
fi
# 3. the same days one by one: one manifest per day, all in ONE runner JVM (as fsc run does per day)
if [[ "$steps" == *" daily "* ]]; then
project daily
fsc compile --project "$work/daily" --out "$work/daily/compiled" >/dev/null
python3 - "$work/daily" "$start" "$daily_days" <<'PY'
import json, sys, datetime, os
root, start, days = sys.argv[1], datetime.date.fromisoformat(sys.argv[2]), int(sys.argv[3])
job = json.load(open(os.path.join(root, "compiled/spark/daily.job.json")))
for i in range(days):
    day = (start + datetime.timedelta(days=i)).isoformat()
    m = json.loads(json.dumps(job))
    m["parameters"]["ds_from"] = m["parameters"]["ds_to"] = day
    for k, v in m["parameters"].items():
        if k.startswith("input_"):
            m["parameters"][k] = os.path.normpath(os.path.join(root, v))
    m["catalog"]["warehouse"] = os.path.join(root, ".fsc/warehouse")
    m["branch"] = "fsc-daily-" + day
    os.makedirs(os.path.join(root, "days"), exist_ok=True)
    json.dump(m, open(os.path.join(root, "days", "%03d-%s.json" % (i, day)), "w"), indent=2)
PY
log "day by day: $daily_days manifests in one Spark runner"
t0=$(now)
java -jar "$FSC_SPARK_RUNNER" "$work"/daily/days/*.json --master 'local[2]' --log "$work/daily/spark.log" \
  --conf spark.sql.codegen.wholeStage=false > "$work/daily.log" 2>&1
daily_s=$(echo "$(now) - $t0" | bc)
echo "day by day ($daily_days days): $daily_s s" | tee -a "$work/timings" >&2
fi

# 4. every table, row for row (on the days the day-by-day run covered)
if [[ "$steps" == *" compare "* ]]; then
last_daily="$(date -u -d "$start + $((daily_days - 1)) days" +%F)"
tables=$(cd "$work/daily/.fsc/warehouse" && find . -name version-hint.text | sed 's|^\./||; s|/metadata/version-hint.text||; s|/|.|' | sort)
args=(); for t in $tables; do args+=(--table "$t"); done
fsc dataset export --project "$work/backfill" --out "$work/export/backfill" "${args[@]}" >/dev/null
fsc dataset export --project "$work/daily" --out "$work/export/daily" "${args[@]}" >/dev/null
# sketch columns (count_distinct) are compared by what they estimate, in the datasets: their bytes depend on
# the order values were added in, which a different split of days changes
# days after the day-by-day run's last are left out; a table without a ds column (CDC versions: rebuilt whole
# from every day read so far) can only be compared when both runs read the same days
read -r equal rows differ skipped < <(python3 - "$work/export" "$last_daily" "$daily_days" "$days" $tables <<'PY'
import json, sys, os
root, last, daily_days, days, tables = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
import math
# a DOUBLE sum depends on the order it adds in (27490.79 vs 27490.789999999997): floats compare with a relative
# tolerance of 1e-12 (rounding both to 12 digits is not enough: 7312.527890625 rounds either way)
def rows(side, t, cutoff):
    out = []
    for line in open(os.path.join(root, side, t + ".jsonl")):
        if line.strip():
            r = json.loads(line)
            if "ds" in r and str(r["ds"])[:10] > cutoff:
                continue
            out.append({k: v for k, v in r.items() if not k.endswith("__sketch")})
    # sorted by the columns that are not floats, then by the floats to 6 digits, so that rows equal within the
    # tolerance line up (rounding decides the order only between rows equal in every other column)
    return sorted(out, key=lambda r: (json.dumps({k: v for k, v in r.items() if not isinstance(v, float)}, sort_keys=True),
                                      json.dumps({k: f"{v:.6g}" for k, v in r.items() if isinstance(v, float)}, sort_keys=True)))
def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-300)
    return a == b
def equal_rows(a, b):
    return len(a) == len(b) and all(x.keys() == y.keys() and all(same(x[k], y[k]) for k in x) for x, y in zip(a, b))
# a dataset day is published once its labels' horizon has passed: the day-by-day run's last day for a table
def last_day(side, t):
    days = [str(json.loads(l)["ds"])[:10] for l in open(os.path.join(root, side, t + ".jsonl")) if l.strip() and "ds" in json.loads(l)]
    return min(max(days), last) if days else last
def has_ds(side, t):
    for line in open(os.path.join(root, side, t + ".jsonl")):
        if line.strip():
            return "ds" in json.loads(line)
    return True
equal, n, differ, skipped = 0, 0, [], []
for t in tables:
    if daily_days < days and not has_ds("daily", t):
        skipped.append(t)
        continue
    cutoff = last_day("daily", t)
    a, b = rows("backfill", t, cutoff), rows("daily", t, cutoff)
    n += len(b)
    equal += equal_rows(a, b)
    if not equal_rows(a, b):
        differ.append(t)
print(equal, n, ",".join(differ) or "-", ",".join(skipped) or "-")
PY
)
differ="${differ//,/ }"; differ="${differ/#-/}"
skipped="${skipped//,/ }"; skipped="${skipped/#-/}"
ntables=$(( $(echo "$tables" | wc -w) - $(echo "$skipped" | wc -w) ))
fi
# numbers an earlier invocation measured (STEPS=compare after a run)
from_timings() { grep -h "$1" "$work/timings" 2>/dev/null | tail -1 | sed -E "s/.*$2 ([0-9.]+) s.*/\1/"; }
[[ $backfill_s == 0 ]] && backfill_s=$(from_timings "^backfill of" ":" || echo 0)
[[ $daily_s == 0 ]] && daily_s=$(from_timings "^day by day" ":" || echo 0)
[[ $rate1_s == 0 ]] && rate1_s=$(from_timings "^rate:" "P=1" || echo 0)
[[ $rate2_s == 0 ]] && rate2_s=$(from_timings "^rate:" "P=2" || echo 0)
backfill_s=${backfill_s:-0} daily_s=${daily_s:-0} rate1_s=${rate1_s:-0} rate2_s=${rate2_s:-0}

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$results" <<PY
import sys
days, chunk, events, rate_days, daily_days = $days, $chunk, $events, $rate_days, $daily_days
backfill_s, daily_s, rate1_s, rate2_s = $backfill_s, $daily_s, $rate1_s, $rate2_s
input_bytes, equal, ntables, rows = $input_bytes, $equal, $ntables, $rows
differ, skipped = "$differ".split(), "$skipped".split()
import math
per_day = input_bytes / days
ppm = {p: rate_days / (t / 60) if t else float('nan') for p, t in ((1, rate1_s), (2, rate2_s))}
# bytes of input one core turns into every table per hour, at each parallelism
core_hour = {p: per_day * ppm[p] * 60 / p for p in ppm}
best = max((v for v in core_hour.values() if not math.isnan(v)), default=float("nan"))
need = 90 * 4e12 / best            # core-hours for 90 days at 4 TB/day
cores_36h = need / 36
out = f"""# Backfill: {days} days of marketplace on local, and throughput

Command: \`bench/backfill/run.sh\` (DAYS={days}, EVENTS_PER_DAY={events}, CHUNK_DAYS={chunk}, RATE_DAYS={rate_days}, DAILY_DAYS={daily_days}).
Machine: 2 cores; load average before {"$load_before"}, after {"$load_after"} (the bench's own processes
included; above 2, other processes shared the cores and the numbers are pessimistic).

## Backfill equals a day-by-day run

| | days | wall time | tables | rows compared | tables equal |
|---|---:|---:|---:|---:|---:|
| \`fsc backfill --chunk-days {chunk} --parallelism 2\` | {days} | {backfill_s/60:.1f} min | {ntables} | {rows} | {equal} of {ntables} |
| day by day ({daily_days} per-day manifests, one runner JVM) | {daily_days} | {daily_s/60:.1f} min | | | |

{"Every compared table is equal row for row (sorted JSON lines of every column but sketches" + (f", on the days the day-by-day run of {daily_days} days published: up to its last day, datasets up to the last day whose labels' horizon had passed" if daily_days < days else "") + ")." if not differ else "Tables that differ: " + ", ".join(differ)}
{("Not compared (no day column, rebuilt whole from every day read; the day-by-day run read fewer days): " + ", ".join(skipped)) if skipped else ""}

## Partitions per minute

A partition is one day of every table of the job (chunks of one day, days 1..{rate_days} of the same data).

| parallelism (Spark cores of the backfill's application) | days | wall time | partitions/minute |
|---:|---:|---:|---:|
| 1 | {rate_days} | {rate1_s:.0f} s | {ppm[1]:.2f} |
| 2 | {rate_days} | {rate2_s:.0f} s | {ppm[2]:.2f} |

## Projection to 90 days at 4 TB/day (derivation)

- Input per day here: {per_day/1e6:.3f} MB ({input_bytes} bytes of sample files over {days} days).
- Throughput per core: input bytes per day x partitions per minute x 60 / cores = {core_hour[1]/1e6:.2f} MB per core-hour
  at P=1, {core_hour[2]/1e6:.2f} MB per core-hour at P=2; best {best/1e6:.2f} MB per core-hour.
- 90 days x 4 TB/day = 360 TB; 360 TB / {best/1e6:.2f} MB per core-hour = {need:,.0f} core-hours.
- The 36-hour target therefore needs {cores_36h:,.0f} cores at this per-core rate ({need:,.0f} / 36).

Caveat, stated plainly: at this data size a day's work is dominated by fixed per-statement costs (Iceberg
commits, query planning, dozens of small Spark jobs per day), not by bytes, so MB per core-hour measured here
is a floor, not a prediction; the linear projection is an upper bound on cores. A real projection needs a run
with days of realistic size (GBs), which this 2-core machine cannot hold.
"""
open(sys.argv[1], "w").write(out)
print(out)
PY
