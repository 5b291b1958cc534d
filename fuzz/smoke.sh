#!/usr/bin/env bash
# Runs every fuzz target for SECONDS on a scratch copy of its corpus (the
# committed corpus is never written), and fails on the first finding.
#   fuzz/smoke.sh BUILD_DIR [SECONDS]
set -euo pipefail
build=$1
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for target in rules csv csv_blocks json legal_basis xlsx jobs; do
  mkdir -p "$scratch/$target"
  echo "fuzz_$target: ${seconds}s"
  "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$scratch/" -print_final_stats=1 "$scratch/$target" "$here/corpus/$target" 2>&1 |
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)' || true
  found=$(find "$scratch" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \))
  if [ -n "$found" ]; then
    echo "fuzz_$target found a failing input:"
    for f in $found; do echo "$f"; xxd "$f" | head -20; done
    exit 1
  fi
done
