#!/usr/bin/env bash
# Start-up: what one small payload costs through a whole `ats-hook validate` process (as a
# pre-commit hook or a CI step runs it, thousands of times a day), beside `jq empty` and Python's
# json module on the same file, and `ats-hook --version` alone. Wall and CPU time per run, the
# mean over RUNS runs (default 200), best of BATCHES batches (default 5) with the spread.
# Builds the Release tree build-bench/. Usage: bench/startup.sh [PAYLOAD]
set -euo pipefail
cd "$(dirname "$0")/.."
payload=${1:-samples/valid/interview.created.json}
runs=${RUNS:-200}
batches=${BATCHES:-5}
build="build-bench"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DATS_HOOK_TESTS=OFF >/dev/null
cmake --build "$build" --target ats-hook >/dev/null
command -v jq >/dev/null || { echo "bench/startup.sh needs jq: apt-get install jq" >&2; exit 2; }
python=/usr/bin/python3

# One batch: RUNS runs of the command; prints "wall_ms cpu_ms" per run.
batch() {
  local out
  # shellcheck disable=SC2016 # the loop's $1 and $@ are the inner shell's
  out=$( { /usr/bin/time -f "%e %U %S" bash -c '
      for ((i = 0; i < $1; i++)); do "${@:2}" >/dev/null || [ $? -le 1 ]; done' _ "$runs" "$@"; } 2>&1 |
    tail -n 1)
  awk -v r="$runs" '{ printf "%.2f %.2f\n", 1000 * $1 / r, 1000 * ($2 + $3) / r }' <<<"$out"
}

# Best of BATCHES batches, with the worst beside it.
measure() {
  local what=$1 best_w="" best_c="" worst_w=0
  shift
  for _ in $(seq "$batches"); do
    read -r w c < <(batch "$@")
    if [ -z "$best_w" ] || awk "BEGIN{exit !($w < $best_w)}"; then best_w=$w best_c=$c; fi
    awk "BEGIN{exit !($w > $worst_w)}" && worst_w=$w
  done
  printf '%-44s %7.2f ms wall (worst batch %.2f)  %7.2f ms CPU\n' "$what" "$best_w" "$worst_w" \
    "$best_c"
  echo "$best_w" >"$scratch/$what"
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo "one payload: $payload ($(stat -c %s "$payload") bytes); $runs runs a batch, best of $batches"
measure "ats-hook validate" "$build/ats-hook" validate "$payload"
measure "ats-hook --version" "$build/ats-hook" --version
measure "jq empty" jq empty "$payload"
measure "python3 json.load" "$python" -c 'import json, sys; json.load(open(sys.argv[1]))' \
  "$payload"
awk -v a="$(cat "$scratch/ats-hook validate")" -v j="$(cat "$scratch/jq empty")" \
  'BEGIN{ printf "validate / jq empty: %.2fx (target <= 0.25x)\n", a / j }'
echo "shared libraries ats-hook loads: $(ldd "$build/ats-hook" | wc -l)"
