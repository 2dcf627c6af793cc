#!/usr/bin/env bash
# The main job, end to end on the embedded `local` environment (Spark in local mode, an Iceberg
# warehouse under the project's .fsc/): sample data for an example project, the batch pipeline over
# those days (bronze -> silver -> tiles -> point-in-time training dataset, published only if every
# quality gate passes), then a few rows of the training dataset.
#
#   ./run-example.sh                 # marketplace, 10 days, ranking_training
#   ./run-example.sh dispatch        # dispatch, 10 days, eta_training
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
example="${1:-marketplace}"
days="${DAYS:-10}"
case "$example" in
  marketplace) dataset=ranking_training ;;
  dispatch)    dataset=eta_training ;;
  *) echo "usage: $0 [marketplace|dispatch]" >&2; exit 2 ;;
esac
project="$here/specs/examples/$example"
first=2026-10-01
last=$(date -u -d "$first + $((days - 1)) days" +%F)

"$here/fsc" sample-data --project "$project" --start "$first" --days "$days" --events-per-day 500
"$here/fsc" run --project "$project" --from "$first" --to "$last"
out="$here/build/$example/$dataset.jsonl"
"$here/fsc" dataset export "$dataset" --project "$project" --format jsonl --out "$out"
echo
echo "first rows of $out:"
head -n 3 "$out"
