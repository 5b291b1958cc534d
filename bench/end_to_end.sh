#!/usr/bin/env bash
# End-to-end figures of issue 5: a 1,000,000-row list from gen_items.py
# through `quanze classify` (CSV→CSV, CSV→JSONL; --jobs 1 and 2 when the
# binary has --jobs), beside two floors on the same file: reading it
# (wc -l) and the simplest one-pass rewrite of every row (awk). Each
# command runs under /usr/bin/time -v (Debian package `time`); the best of
# REPEAT runs is shown, with its peak RSS. Output goes to /dev/null, or
# with QUANZE_E2E_OUT=DIR to a file in DIR, removed after each run: every
# command's writing of its output is then timed too.
#
#   bench/end_to_end.sh [build/quanze]
#   QUANZE_E2E_LIST=/tmp/m1.csv ROWS=1000000 REPEAT=3 QUANZE_E2E_CPU=0 bench/end_to_end.sh
#   QUANZE_E2E_OUT=/tmp bench/end_to_end.sh
#
# Run by hand only: it is not part of CI or ctest.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
quanze=${1:-$root/build/quanze}
rows=${ROWS:-1000000}
list=${QUANZE_E2E_LIST:-$root/build/bench/items-$rows.csv}
repeat=${REPEAT:-3}

if [[ ! -x /usr/bin/time ]]; then
  echo "end_to_end.sh: /usr/bin/time is missing (Debian: apt-get install time)" >&2
  exit 2
fi
if [[ ! -x $quanze ]]; then
  echo "end_to_end.sh: no quanze binary at $quanze (build first)" >&2
  exit 2
fi
if [[ ! -f $list ]]; then
  echo "generating $list ($rows rows)..." >&2
  mkdir -p "$(dirname "$list")"
  python3 "$here/gen_items.py" "$rows" > "$list.tmp" && mv "$list.tmp" "$list"
fi
bytes=$(stat -c %s "$list")

# QUANZE_E2E_CPU=N pins every one-thread command (wc, awk, --jobs 1) to CPU
# N with taskset: the vCPUs of a shared guest may differ by a third
# (docs/performance.md), and a fair ratio compares runs on the same one.
pin=""
if [[ -n ${QUANZE_E2E_CPU:-} ]]; then pin="taskset -c $QUANZE_E2E_CPU "; fi

# "name|command" pairs, run in this order.
commands=(
  "wc -l|${pin}wc -l '$list'"
  "awk rewrite|${pin}awk -F, -v OFS=, '{print \$0, \"x\"}' '$list'"
)
jobs_flag=no
if "$quanze" classify --help 2>&1 | grep -q -- '--jobs'; then jobs_flag=yes; fi
for format in csv jsonl; do
  if [[ $jobs_flag == yes ]]; then
    for j in 1 2; do
      p=""
      if [[ $j == 1 ]]; then p=$pin; fi
      commands+=("classify ->$format --jobs $j|${p}'$quanze' classify -q --input '$list' --format $format --jobs $j")
    done
  else
    commands+=("classify ->$format|${pin}'$quanze' classify -q --input '$list' --format $format")
  fi
done

out=/dev/null
if [[ -n ${QUANZE_E2E_OUT:-} ]]; then out=$QUANZE_E2E_OUT/end_to_end-$$.out; fi

# Prints "seconds cpu_seconds peak_kib" of the best of $repeat runs of one
# command. CPU time (user + system) is shown too: on a shared machine the
# wall clock also counts the time others held the cores.
measure() {
  local best_s="" best_kib="" best_cpu="" log
  log=$(mktemp)
  for ((i = 0; i < repeat; i++)); do
    # classify exits 1 when some row is in error; the figures still count.
    /usr/bin/time -v bash -c "$1" > "$out" 2> "$log" || true
    [[ $out == /dev/null ]] || rm -f "$out"
    local wall kib s cpu
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
    cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { c += $2 } END { print c }' "$log")
    kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    s=$(awk -v t="$wall" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
    if [[ -z $best_s ]] || awk -v a="$s" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then
      best_s=$s
      best_kib=$kib
      best_cpu=$cpu
    fi
  done
  rm -f "$log"
  echo "$best_s $best_cpu $best_kib"
}

echo "list: $list ($rows rows, $bytes bytes); best of $repeat; $(nproc) cores; quanze: $quanze; output to ${QUANZE_E2E_OUT:-/dev/null}"
printf '%-26s %9s %9s %9s %12s %13s %7s\n' "command" "seconds" "cpu s" "MB/s" "items/s" "peak RSS MiB" "x awk"
awk_s=""
for entry in "${commands[@]}"; do
  name=${entry%%|*}
  command=${entry#*|}
  read -r s cpu kib < <(measure "$command")
  [[ $name == "awk rewrite" ]] && awk_s=$s
  awk -v name="$name" -v s="$s" -v cpu="$cpu" -v kib="$kib" -v bytes="$bytes" -v rows="$rows" -v awk_s="$awk_s" 'BEGIN {
    ratio = (awk_s == "" || s == 0) ? "" : sprintf("%.2f", s / awk_s)
    printf "%-26s %9.2f %9.2f %9.1f %12.0f %13.1f %7s\n", name, s, cpu, (s > 0 ? bytes / 1e6 / s : 0),
           (s > 0 ? rows / s : 0), kib / 1024, ratio
  }'
done
