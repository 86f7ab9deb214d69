#!/usr/bin/env bash
# Throughput and memory of `ats-hook validate` on a >=150 MB NDJSON corpus of mixed events,
# beside the simdjson parse-only ceiling (parse_many + one field lookup per event) on the same
# file, in one run. Builds a Release tree in build-bench/. Usage: bench/run.sh [MEGABYTES]
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

# Best of $runs wall-clock seconds for a command (stdout discarded); also records peak RSS.
best() {
  local best_s="" rss=0
  for _ in $(seq "$runs"); do
    local out
    out=$( { /usr/bin/time -f "%e %M" "$@" >/dev/null; } 2>&1 | tail -n 1)
    local s=${out% *} kb=${out#* }
    if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; fi
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  echo "$best_s $rss"
}
mbps() { awk -v b="$bytes" -v s="$1" 'BEGIN{ if (s < 0.001) s = 0.001; printf "%.0f", b / 1e6 / s }'; }

read -r parse_s parse_kb < <(best "$build/parse_only" "$corpus")
read -r one_s one_kb < <(best "$build/ats-hook" validate --quiet --jobs 1 "$corpus")
cores=$(nproc)
read -r all_s all_kb < <(best "$build/ats-hook" validate --quiet --jobs "$cores" "$corpus")
# With its text report (line:column is computed only for findings, so valid input costs the same).
read -r text_s text_kb < <(best "$build/ats-hook" validate --jobs 1 "$corpus")

printf 'corpus: %s (%d MB, %d events)\n' "$corpus" $((bytes / 1000000)) "$(wc -l <"$corpus")"
printf 'parse-only ceiling (simdjson parse_many, 1 core): %6s MB/s  %5.2f s  peak RSS %d MB\n' \
  "$(mbps "$parse_s")" "$parse_s" $((parse_kb / 1024))
printf 'ats-hook validate --jobs 1:                       %6s MB/s  %5.2f s  peak RSS %d MB\n' \
  "$(mbps "$one_s")" "$one_s" $((one_kb / 1024))
printf 'ats-hook validate --jobs %d:                       %6s MB/s  %5.2f s  peak RSS %d MB\n' \
  "$cores" "$(mbps "$all_s")" "$all_s" $((all_kb / 1024))
printf 'ats-hook validate --jobs 1, text report:          %6s MB/s  %5.2f s  peak RSS %d MB\n' \
  "$(mbps "$text_s")" "$text_s" $((text_kb / 1024))
awk -v a="$parse_s" -v b="$one_s" 'BEGIN{ printf "ratio validate/parse-only (1 core): %.0f%% (target >= 50%%)\n", 100 * a / b }'
