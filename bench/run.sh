#!/usr/bin/env bash
# Every benchmark of issue 5 in one command, from the source directory,
# after a Release build with Google Benchmark (Debian libbenchmark-dev):
#
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build && bench/run.sh
#
# First the in-process benchmarks (policy load and analysis, reading,
# decoding, evaluation, records, writers), then the end-to-end runs of
# bench/end_to_end.sh on the 1,000,000-row list. docs/performance.md
# records the figures.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD:-$(dirname "$here")/build}
"$build/quanze_bench" --benchmark_counters_tabular=true "$@"
"$here/end_to_end.sh" "$build/quanze"
