#!/usr/bin/env bash
# Accepts the output of the last golden test run: every .received.<ext> becomes the .approved.<ext>.
# Review `git diff` afterwards: that diff is what the change did to fsc's output.
set -euo pipefail
cd "$(dirname "$0")"
find src/test/resources -name '*.received.*' | while read -r received; do
  approved="${received/.received./.approved.}"
  mv "$received" "$approved"
  echo "blessed $approved"
done
