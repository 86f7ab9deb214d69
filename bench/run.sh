#!/usr/bin/env bash
# Throughput and memory of `ats-hook validate` on a >=150 MB NDJSON corpus of mixed events,
# beside the simdjson parse-only ceiling (parse_many + one field lookup per event) on the same
# file, in one run: --jobs 1, --jobs 2 and --jobs 1 with its text report. Each command runs RUNS
# times (default 5), the commands taking turns so that a change in the machine's load falls on
# all of them; each line shows the best run and the spread (worst/best) of wall time, and the
# CPU time (user + sys) of the best run. Builds a Release tree in build-bench/.
# Usage: bench/run.sh [MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-160}
runs=${RUNS:-5}
build=build-bench
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DATS_HOOK_TESTS=OFF >/dev/null
cmake --build "$build" --target ats-hook make_corpus parse_only >/dev/null
corpus=$build/corpus.ndjson
[ -f "$corpus" ] && [ "$(stat -c %s "$corpus")" -ge $((megabytes * 1000000)) ] ||
  "$build/make_corpus" samples/valid "$corpus" "$megabytes"
bytes=$(stat -c %s "$corpus")

names=(parse one two text)
declare -A command=(
  [parse]="$build/parse_only $corpus"
  [one]="$build/ats-hook validate --quiet --jobs 1 $corpus"
  [two]="$build/ats-hook validate --quiet --jobs 2 $corpus"
  [text]="$build/ats-hook validate --jobs 1 $corpus"
)
declare -A best worst cpu rss
for _ in $(seq "$runs"); do
  for name in "${names[@]}"; do
    # shellcheck disable=SC2086 # the command's words
    read -r s user sys kb < <({ /usr/bin/time -f "%e %U %S %M" ${command[$name]} >/dev/null; } \
      2>&1 | tail -n 1)
    if [ -z "${best[$name]:-}" ] || awk "BEGIN{exit !($s < ${best[$name]})}"; then
      best[$name]=$s
      cpu[$name]=$(awk -v u="$user" -v k="$sys" 'BEGIN{ printf "%.2f", u + k }')
    fi
    if [ -z "${worst[$name]:-}" ] || awk "BEGIN{exit !($s > ${worst[$name]})}"; then
      worst[$name]=$s
    fi
    [ "$kb" -gt "${rss[$name]:-0}" ] && rss[$name]=$kb
  done
done

mbps() { awk -v b="$bytes" -v s="$1" 'BEGIN{ if (s < 0.001) s = 0.001; printf "%.0f", b / 1e6 / s }'; }
line() {
  local name=$1 label=$2
  printf '%-48s %5s MB/s  %5.2f s (spread %4.2fx)  CPU %5.2f s  peak RSS %d MB\n' "$label" \
    "$(mbps "${best[$name]}")" "${best[$name]}" \
    "$(awk -v w="${worst[$name]}" -v b="${best[$name]}" 'BEGIN{ printf "%.2f", w / (b < 0.001 ? 0.001 : b) }')" \
    "${cpu[$name]}" $((rss[$name] / 1024))
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b < 0.001) b = 0.001; printf "%.2f", a / b }'; }

printf 'corpus: %s (%d MB, %d events); best of %d runs, load average %s\n' "$corpus" \
  $((bytes / 1000000)) "$(wc -l <"$corpus")" "$runs" "$(cut -d' ' -f1-3 /proc/loadavg)"
line parse 'parse-only ceiling (simdjson parse_many, 1 core):'
line one 'ats-hook validate --quiet --jobs 1:'
line two 'ats-hook validate --quiet --jobs 2:'
line text 'ats-hook validate --jobs 1, text report:'
printf 'validate --jobs 1 / parse-only: %3.0f%% (target >= 75%%); by CPU time %3.0f%%\n' \
  "$(awk -v r="$(ratio "${best[parse]}" "${best[one]}")" 'BEGIN{ print 100 * r }')" \
  "$(awk -v r="$(ratio "${cpu[parse]}" "${cpu[one]}")" 'BEGIN{ print 100 * r }')"
printf 'validate --jobs 2 / parse-only: %3.0f%%\n' \
  "$(awk -v r="$(ratio "${best[parse]}" "${best[two]}")" 'BEGIN{ print 100 * r }')"
printf 'validate --jobs 2 / --jobs 1:   %sx (target >= 1.8x)\n' \
  "$(ratio "${best[one]}" "${best[two]}")"
printf 'text report / --quiet, --jobs 1: %sx the time\n' "$(ratio "${best[text]}" "${best[one]}")"
