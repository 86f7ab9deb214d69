#!/usr/bin/env bash
# openapi-overlays-js (npm, pinned in tests/node/package.json) applies each overlay fixture of
# tests/data/overlay to what `ats-hook schema TYPE` prints; `ats-hook schema TYPE --overlay`
# must print the same JSON, by default and with --strict.
# Usage: overlay_interop.sh ATS_HOOK SOURCE_DIR
set -euo pipefail
ats_hook=$1
source_dir=$2
node_dir=$source_dir/tests/node
if [[ ! -f $node_dir/node_modules/openapi-overlays-js/src/overlay.js ]]; then
    echo "openapi-overlays-js is not installed in $node_dir/node_modules:" \
        "run \`npm ci --prefix tests/node\` (the README's test command does)" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset ATS_HOOK_OVERLAY

checked=0
failed=0
# Compares openapi-overlays-js with ats-hook for one overlay, event type and mode ("" or
# --strict); with "must-change", also fails when the overlay left the schema as it was.
compare() {
    local overlay=$1 type=$2 mode=$3 what="$(basename "$1") on $2 ${3:-(default)}"
    "$ats_hook" schema "$type" $mode >"$work/shipped.json"
    node "$node_dir/apply_overlay.mjs" "$work/shipped.json" "$overlay" >"$work/expected.json"
    "$ats_hook" schema "$type" $mode --overlay "$overlay" >"$work/actual.json"
    if node "$node_dir/same_json.mjs" "$work/expected.json" "$work/actual.json"; then
        checked=$((checked + 1))
    else
        echo "FAIL: $what: ats-hook schema --overlay differs from openapi-overlays-js" >&2
        failed=$((failed + 1))
    fi
    if [[ ${4:-} == must-change ]] &&
        node "$node_dir/same_json.mjs" "$work/shipped.json" "$work/actual.json" 2>/dev/null; then
        echo "FAIL: $what: the overlay changed nothing, so the comparison proves nothing" >&2
        failed=$((failed + 1))
    fi
}

for overlay in "$source_dir"/tests/data/overlay/interop*.overlay.json; do
    for type in interview.created interview.updated job.deleted; do
        for mode in "" --strict; do
            change=""
            [[ $type == interview.* ]] && change=must-change
            compare "$overlay" "$type" "$mode" $change
        done
    done
done

# An overlay that `ats-hook learn --write-overlay` wrote from a capture with planted deviations:
# openapi-overlays-js applies it to the printed schemas as ats-hook does, and with it the capture
# validates where without it it does not.
"$ats_hook" emit all --count 40 --seed 5 >"$work/capture.ndjson"
node "$node_dir/plant_deviations.mjs" "$work/capture.ndjson" "$work/planted.ndjson"
"$ats_hook" learn -q --accept-deviations "$work/planted.ndjson" --write-overlay "$work/learned.json"
for type in candidate.tag.added candidate.updated interview.updated interview.created \
    application.stage.updated; do
    for mode in "" --strict; do
        compare "$work/learned.json" "$type" "$mode"
    done
done
if "$ats_hook" validate -q "$work/planted.ndjson"; then
    echo "FAIL: the planted capture validates without the overlay: the test proves nothing" >&2
    failed=$((failed + 1))
fi
for mode in "" --strict; do
    if ! "$ats_hook" validate $mode --overlay "$work/learned.json" "$work/planted.ndjson" >"$work/out.txt"; then
        echo "FAIL: the capture does not validate ${mode:-(default)} with the overlay learned from it:" >&2
        cat "$work/out.txt" >&2
        failed=$((failed + 1))
    fi
done

if ((checked == 0 && failed == 0)); then
    echo "no overlay fixture in $source_dir/tests/data/overlay" >&2
    exit 1
fi
echo "$checked schemas agree with openapi-overlays-js"
((failed == 0))
