#!/usr/bin/env bash
# Accepts the output of the last golden test run: every .received.txt becomes the .approved.txt.
# Review `git diff` afterwards: that diff is what the change did to fsc's output.
set -euo pipefail
cd "$(dirname "$0")"
find src/test/resources -name '*.received.txt' | while read -r received; do
  mv "$received" "${received%.received.txt}.approved.txt"
  echo "blessed ${received%.received.txt}.approved.txt"
done
