#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS, then prints
# per target: executions, executions/s, coverage (edges and features), corpus size and crashes.
#
#   tests/fuzz/run.sh [-j N] SECONDS [TARGET...]
#
#   -j N          run N targets at once (default: ATS_FUZZ_JOBS, else 1)
#   TARGET...     a subset (default: every target listed in tests/fuzz/CMakeLists.txt)
#
# Exits 1 when any target crashed, leaked, timed out (10 s per input), ran out of memory
# (2048 MB) or reported undefined behaviour, 2 on a usage or build error. Each target keeps
# fuzzing past a crash until its time is up (libFuzzer -fork=1 -ignore_crashes=1), so one run
# finds more than the first bug. The growing corpus stays in fuzz-work/corpus/<target> (not
# tracked) and is reused by the next run; each run's logs and crash inputs go to
# fuzz-work/runs/<time>/. Save a crash you have minimized to tests/data/fuzz-regressions/<target>/
# and ctest replays it from then on:
#   build-fuzz/tests/fuzz/fuzz_<target> -minimize_crash=1 -runs=10000 CRASH_FILE
#
# Environment: ATS_FUZZ_BUILD (build folder, default build-fuzz), ATS_FUZZ_WORK (default
# fuzz-work), ATS_FUZZ_BUILD_JOBS (parallel compile jobs), ATS_FUZZ_MAX_LEN (largest input,
# default 8192 bytes; longer seeds are cut), CXX (default clang++).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

usage() {
    sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

jobs=${ATS_FUZZ_JOBS:-1}
while getopts "j:h" option; do
    case $option in
    j) jobs=$OPTARG ;;
    *) usage ;;
    esac
done
shift $((OPTIND - 1))
[[ $# -ge 1 && $1 =~ ^[0-9]+$ && $1 -gt 0 ]] || usage
[[ $jobs =~ ^[0-9]+$ && $jobs -gt 0 ]] || usage
seconds=$1
shift

build=${ATS_FUZZ_BUILD:-build-fuzz}
work=${ATS_FUZZ_WORK:-fuzz-work}
cxx=${CXX:-clang++}
if ! command -v "$cxx" >/dev/null; then
    echo "run.sh: $cxx not found: install it with \`apt-get install clang libclang-rt-14-dev\`" >&2
    exit 2
fi

# Configure once (a later run keeps the folder's settings), then build only the targets.
if [[ ! -f $build/CMakeCache.txt ]]; then
    generator=()
    command -v ninja >/dev/null && generator=(-G Ninja)
    cmake -S . -B "$build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" -DATS_HOOK_FUZZ=ON \
        -DATS_HOOK_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DATS_HOOK_WERROR="$([[ ${CI:-} == true ]] && echo ON || echo OFF)" >/dev/null || exit 2
fi
cmake --build "$build" --target fuzz_targets --parallel "${ATS_FUZZ_BUILD_JOBS:-$(nproc)}" ||
    exit 2

list=$build/tests/fuzz
mapfile -t all <"$list/targets.txt"
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all[@]}")
for target in "${targets[@]}"; do
    if [[ ! " ${all[*]} " == *" $target "* ]]; then
        echo "run.sh: no fuzz target '$target'; the targets are: ${all[*]}" >&2
        exit 2
    fi
done

run=$work/runs/$(date +%Y%m%d-%H%M%S)
mkdir -p "$run"

# The seed corpus: every file the target's CMake line names, copied flat under its hash.
collect_seeds() {
    local target=$1 seeds=$work/seeds/$1 path file
    rm -rf "$seeds"
    mkdir -p "$seeds" "$work/corpus/$target"
    while IFS= read -r path; do
        [[ -n $path && -e $path ]] || continue
        while IFS= read -r -d '' file; do
            cp "$file" "$seeds/$(sha1sum <"$file" | cut -c1-40)"
        done < <(find "$path" -type f ! -name '.*' -print0)
    done <"$list/$target.seeds"
}

fuzz_one() {
    local target=$1 dict=$run/$target.dict
    collect_seeds "$target"
    mkdir -p "$run/$target"
    xargs -r cat <"$list/$target.dicts" >"$dict"
    local status=0
    "$build/tests/fuzz/fuzz_$target" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
        -ignore_ooms=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len="${ATS_FUZZ_MAX_LEN:-8192}" \
        -dict="$dict" -artifact_prefix="$run/$target/" -print_final_stats=1 \
        "$work/corpus/$target" "$work/seeds/$target" >"$run/$target.log" 2>&1 || status=$?
    echo "$status" >"$run/$target.status"
}

running=0
for target in "${targets[@]}"; do
    if ((running >= jobs)); then
        wait -n || true
        running=$((running - 1))
    fi
    echo "fuzzing $target for ${seconds}s" >&2
    fuzz_one "$target" &
    running=$((running + 1))
done
wait

# libFuzzer's last status line: "#N ...: cov: C ft: F corp: K ... exec/s[:] E ...".
field() { sed -nE "s|.* $1:? ([0-9]+).*|\\1|p" <<<"$2"; }
failed=0
problems=()
printf '%-22s %12s %9s %8s %8s %8s %8s\n' target executions exec/s cov ft corpus crashes
for target in "${targets[@]}"; do
    line=$(grep -E '^#[0-9]+.*cov: ' "$run/$target.log" | tail -n 1 || true)
    executions=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$line")
    crashes=$(find "$run/$target" -type f | wc -l)
    reports=$(grep -cE '^SUMMARY: |fuzz: broken promise|ERROR: libFuzzer' "$run/$target.log" ||
        true)
    status=$(cat "$run/$target.status")
    printf '%-22s %12s %9s %8s %8s %8s %8s\n' "$target" "${executions:-?}" \
        "$(field exec/s "$line")" "$(field cov "$line")" "$(field ft "$line")" \
        "$(field corp "$line")" "$crashes"
    if ((status != 0 || crashes > 0 || reports > 0)); then
        problems+=("$target")
        failed=1
    fi
done
# What each crash input does, replayed once: the sanitizer's or the broken promise's summary.
for target in "${problems[@]}"; do
    echo "$target: exit status $(cat "$run/$target.status"), log $run/$target.log" >&2
    find "$run/$target" -type f | sort | head -n 5 | while IFS= read -r file; do
        summary=$("$build/tests/fuzz/fuzz_$target" -runs=1 "$file" 2>&1 |
            grep -m 1 -E '^SUMMARY: |fuzz: broken promise|ERROR: libFuzzer' || true)
        echo "  $file: ${summary:-does not crash when replayed alone}" >&2
    done
done
echo "logs and crash inputs: $run" >&2
exit "$failed"
