#!/usr/bin/env bash
# Two quanze binaries and the awk floor, run in turn round after round on
# the same list, CSV→CSV: how docs/performance.md compares a change with
# the binary before it. On a shared host the time of one run swings by more
# than most changes are worth, but runs alternated within the same minutes
# meet the same load; the best of several rounds is what is compared.
#
#   bench/alternate.sh NEW OLD [ROUNDS] [JOBS]
#   QUANZE_ALT_LIST=build/bench/items-1000000.csv QUANZE_ALT_CPU=0 bench/alternate.sh build/quanze /tmp/old/quanze 9 1
#
# One job (and awk, always) runs pinned to QUANZE_ALT_CPU when it is set:
# the vCPUs of a virtual machine need not be alike. Output goes to
# /dev/null, or with QUANZE_ALT_OUT=DIR to a file in DIR (removed after
# each run; its writing is then timed too). Prints the best and the median
# of each, and their ratio to awk's best. Run by hand only: it is not part
# of CI or ctest.
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,15p' "$0" >&2
  exit 2
fi
new=$1 old=$2 rounds=${3:-9} jobs=${4:-1}
here=$(cd "$(dirname "$0")" && pwd)
list=${QUANZE_ALT_LIST:-$here/../build/bench/items-1000000.csv}
for f in "$new" "$old" "$list"; do
  [ -e "$f" ] || { echo "alternate.sh: no $f" >&2; exit 2; }
done

pin=()
[ -n "${QUANZE_ALT_CPU:-}" ] && pin=(taskset -c "$QUANZE_ALT_CPU")
pin_jobs=()
[ "$jobs" = 1 ] && pin_jobs=("${pin[@]}")

out=/dev/null
[ -n "${QUANZE_ALT_OUT:-}" ] && out=$QUANZE_ALT_OUT/alternate-$$.out

# Seconds one command takes, with its output discarded (or written to $out).
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" > "$out"
  end=$(date +%s.%N)
  [ "$out" = /dev/null ] || rm -f "$out"
  echo "$end - $start" | bc
}

for _ in $(seq "$rounds"); do
  echo "awk $(seconds "${pin[@]}" awk -F, -v OFS=, '{print $0, "x"}' "$list")"
  echo "new $(seconds "${pin_jobs[@]}" "$new" classify -q --input "$list" --format csv --jobs "$jobs")"
  echo "old $(seconds "${pin_jobs[@]}" "$old" classify -q --input "$list" --format csv --jobs "$jobs")"
done | sort -k1,1 -k2n | awk -v rounds="$rounds" -v jobs="$jobs" '
  { t[$1, ++n[$1]] = $2 }
  END {
    printf "%d rounds, --jobs %d: best and median seconds, best against awk\n", rounds, jobs
    for (i = 1; i <= 3; ++i) {
      k = i == 1 ? "awk" : i == 2 ? "new" : "old"
      best = t[k, 1]; median = t[k, int((n[k] + 1) / 2)]
      printf "%-4s %8.3f %8.3f %7.2fx\n", k, best, median, best / t["awk", 1]
    }
  }'
