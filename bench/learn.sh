#!/usr/bin/env bash
# Throughput and memory of `ats-hook learn` on the corpus bench/run.sh builds (>= 150 MB of
# NDJSON, mixed events), beside `ats-hook validate --jobs 1` on the same file in the same run
# (the target is a ratio to it), and what a user would otherwise reach for over the same NDJSON:
# GenSON's JavaScript port (bench/learn/genson.js: createSchema + mergeSchemas per event type)
# and `jq -c '[paths(scalars)]'`. Then the small operations on saved profiles: `learn --merge`
# of two profiles and, once it exists, `drift OLD NEW`.
# Needs node and npm (the first run installs bench/learn/node_modules from its lockfile) and jq.
# Usage: [RUNS=5] [SLOW_RUNS=1] [BUILD=build-bench] bench/learn.sh [MEGABYTES]
#   RUNS: runs per ats-hook row (best and worst shown); SLOW_RUNS: runs of genson-js and jq,
#   which take minutes each on the whole corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "bench/learn.sh: $*" >&2; exit 1; }
megabytes=${1:-160}
runs=${RUNS:-5}
slow_runs=${SLOW_RUNS:-1}
build=${BUILD:-build-bench}
command -v jq >/dev/null || die "jq not found (Debian: apt-get install jq)"
command -v node >/dev/null || die "node not found (Debian: apt-get install nodejs npm)"
[ -d bench/learn/node_modules/genson-js ] || (cd bench/learn && npm ci --no-audit --no-fund >/dev/null)

if [ "$build" = build-bench ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DATS_HOOK_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target ats-hook make_corpus >/dev/null
ats=$build/ats-hook
corpus=$build/corpus.ndjson
[ -f "$corpus" ] && [ "$(stat -c %s "$corpus")" -ge $((megabytes * 1000000)) ] ||
  "$build/make_corpus" samples/valid "$corpus" "$megabytes"
bytes=$(stat -c %s "$corpus")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# "BEST WORST PEAK_KB" over N runs of a command (stdout discarded): wall-clock seconds, and the
# largest peak RSS of any run.
timed() {
  local n=$1 best="" worst="" rss=0
  shift
  for _ in $(seq "$n"); do
    local out s kb
    out=$( { /usr/bin/time -f "%e %M" "$@" >/dev/null; } 2>&1 | tail -n 1)
    s=${out% *} kb=${out#* }
    [[ $s =~ ^[0-9.]+$ ]] || die "$* failed: $out"
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
    if [ -z "$worst" ] || awk "BEGIN{exit !($s > $worst)}"; then worst=$s; fi
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  echo "$best $worst $rss"
}
mbps() { awk -v b="$bytes" -v s="$1" 'BEGIN{ if (s < 0.001) s = 0.001; printf "%.1f", b / 1e6 / s }'; }
row() { # NAME BEST WORST KB
  printf '%-42s %8s MB/s (worst %7s)  %6.2f s  peak RSS %4d MB\n' \
    "$1" "$(mbps "$2")" "$(mbps "$3")" "$2" $(($4 / 1024))
}

read -r val_s val_w val_kb < <(timed "$runs" "$ats" validate --quiet --jobs 1 "$corpus")
read -r one_s one_w one_kb < <(timed "$runs" "$ats" learn -q --jobs 1 "$corpus")
read -r two_s two_w two_kb < <(timed "$runs" "$ats" learn -q --jobs 2 "$corpus")
read -r gen_s gen_w gen_kb < <(timed "$slow_runs" node bench/learn/genson.js "$corpus")
read -r jq_s jq_w jq_kb < <(timed "$slow_runs" jq -c '[paths(scalars)]' "$corpus")

printf 'corpus: %s (%d MB, %d events); best of %d runs (genson-js, jq: %d)\n' "$corpus" \
  $((bytes / 1000000)) "$(wc -l <"$corpus")" "$runs" "$slow_runs"
row "ats-hook validate --jobs 1" "$val_s" "$val_w" "$val_kb"
row "ats-hook learn --jobs 1" "$one_s" "$one_w" "$one_kb"
row "ats-hook learn --jobs 2" "$two_s" "$two_w" "$two_kb"
row "genson-js 0.0.8 (node), schema per type" "$gen_s" "$gen_w" "$gen_kb"
row "jq -c '[paths(scalars)]'" "$jq_s" "$jq_w" "$jq_kb"
awk -v v="$val_s" -v a="$one_s" -v b="$two_s" 'BEGIN{
  printf "learn --jobs 1 / validate --jobs 1: %.0f%% (target >= 80%%)\n", 100 * v / a
  printf "learn --jobs 2 / learn --jobs 1: %.2fx (target >= 1.6x)\n", a / b }'

# Two saved profiles: the whole corpus, and 50 events of each type from emit.
"$ats" learn -q --jobs 2 "$corpus" --save-profile "$work/corpus.json"
"$ats" emit all --count 50 --seed 2 --at 2026-01-01T00:00:00Z > "$work/week2.ndjson"
"$ats" learn -q "$work/week2.ndjson" --save-profile "$work/week2.json"
ms() { awk -v s="$1" 'BEGIN{ printf "%.0f ms", 1000 * s }'; }
read -r merge_s merge_w merge_kb < <(timed 10 "$ats" learn -q --merge "$work/corpus.json" \
  "$work/week2.json" --save-profile "$work/merged.json")
printf 'profiles: %d and %d bytes\n' "$(stat -c %s "$work/corpus.json")" "$(stat -c %s "$work/week2.json")"
printf '%-42s %s (worst %s), peak RSS %d MB\n' "learn --merge of the two profiles" \
  "$(ms "$merge_s")" "$(ms "$merge_w")" $((merge_kb / 1024))
if "$ats" --help | grep -Eq '^ +drift '; then
  # drift exits 1 when something breaking changed: time it whatever its verdict.
  read -r drift_s drift_w drift_kb < <(timed 10 sh -c '"$0" drift "$1" "$2"; [ $? -le 1 ]' \
    "$ats" "$work/corpus.json" "$work/week2.json")
  printf '%-42s %s (worst %s), peak RSS %d MB (target < 100 ms)\n' "drift of the two profiles" \
    "$(ms "$drift_s")" "$(ms "$drift_w")" $((drift_kb / 1024))
else
  printf '%-42s not measured: this ats-hook has no drift command yet\n' "drift of the two profiles"
fi
