#!/usr/bin/env bash
# Time and peak memory of ats-hook on hostile inputs, which must stay bounded: 3 million
# wrong-typed array items (findings are capped at 100), a 16 MB unknown event type (no
# did-you-mean search, a 60-character quote), 100,000 levels of nesting for validate and
# emit --from, and emit --count, whose memory must not grow with the number of events.
# Builds a Release tree in build-bench/ unless ATS_HOOK names a binary to measure. Needs
# python3 and /usr/bin/time (Debian package `time`). Usage: [ATS_HOOK=build/ats-hook]
# bench/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${ATS_HOOK:-}
if [[ -z $bin ]]; then
  build=build-bench
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DATS_HOOK_TESTS=OFF >/dev/null
  cmake --build "$build" --target ats-hook >/dev/null
  bin=$build/ats-hook
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
event = json.load(open("samples/valid/interview.created.json"))
event["data"]["object"]["event"]["attendees"] = [1] * 3_000_000
open(f"{work}/items.json", "w").write(json.dumps(event))
open(f"{work}/type.json", "w").write('{"type":"' + "x" * 16_000_000 + '","data":{}}')
open(f"{work}/deep.json", "w").write('{"type":"job.created","x":' + "[" * 100_000 + "]" * 100_000 + "}")
PY

# One line: what, wall seconds, peak RSS, exit status, bytes of output.
measure() {
  local what=$1
  shift
  local status=0
  /usr/bin/time -o "$work/time" -f "%e %M" "$@" >"$work/out" 2>&1 || status=$?
  read -r seconds kb < <(tail -n 1 "$work/time")
  printf '%-44s %6.2f s  %5d MB  exit %d  %9d bytes out\n' "$what" "$seconds" $((kb / 1024)) \
    "$status" "$(stat -c %s "$work/out")"
}

measure "validate: 3,000,000 wrong-typed items (9 MB)" "$bin" validate "$work/items.json"
measure "validate --format json: the same" "$bin" validate --format json "$work/items.json"
measure "validate: 16 MB unknown type" "$bin" validate "$work/type.json"
measure "validate: 100,000 levels of nesting" "$bin" validate "$work/deep.json"
measure "emit --from: 100,000 levels of nesting" "$bin" emit --from "$work/deep.json"
# Streaming: peak memory must not grow with the number of events.
measure "emit all --count 100 (1,900 events)" "$bin" emit all --count 100 --seed 1
measure "emit all --count 2000 (38,000 events)" "$bin" emit all --count 2000 --seed 1
