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
# (2048 MB) or reported undefined behaviour; 2 on a usage or build error. A target keeps fuzzing
# past a crash until its time is up, so one run finds more than the first bug. The growing
# corpus stays in fuzz-work/corpus/<target> (untracked) for the next run; each run's logs and
# crash inputs go to fuzz-work/runs/<time>/. Minimize a crash input and save it where ctest
# replays it in every build:
#   build-fuzz/tests/fuzz/fuzz_<target> -minimize_crash=1 -runs=100000 \
#       -exact_artifact_path=tests/data/fuzz-regressions/<target>/<what-it-is> CRASH_INPUT
# The regression inputs are seeds too, so one that still crashes stops its target at the start.
#
# Environment: ATS_FUZZ_BUILD (build folder, default build-fuzz), ATS_FUZZ_WORK (default
# fuzz-work), ATS_FUZZ_BUILD_JOBS (parallel compile jobs), ATS_FUZZ_MAX_LEN (largest input,
# default 8192 bytes; longer seeds are cut), CXX (default clang++).
set -euo pipefail
cd "$(dirname "$0")/../.."

usage() {
    sed -n '5,8p' "$0" | sed 's/^# \{0,1\}//' >&2
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

# Fuzzes until the time is up. A crash ends libFuzzer's run; the next round starts again from
# the corpus with the time left, so one run finds more than the first bug (at most 10 inputs).
# libFuzzer's -fork mode does the same in one call, but runs 3 to 5 times fewer inputs.
fuzz_one() {
    local target=$1
    local dict=$run/$target.dict log=$run/$target.log
    collect_seeds "$target"
    mkdir -p "$run/$target"
    xargs -r cat <"$list/$target.dicts" >"$dict"
    local deadline=$((SECONDS + seconds)) round=0 status=0 worst=0
    : >"$log"
    while ((SECONDS < deadline)); do
        round=$((round + 1))
        echo "=== run.sh round $round: $((deadline - SECONDS))s left" >>"$log"
        status=0
        "$build/tests/fuzz/fuzz_$target" -max_total_time=$((deadline - SECONDS)) -timeout=10 \
            -rss_limit_mb=2048 -max_len="${ATS_FUZZ_MAX_LEN:-8192}" -dict="$dict" \
            -artifact_prefix="$run/$target/" -print_final_stats=1 \
            "$work/corpus/$target" "$work/seeds/$target" >>"$log" 2>&1 || status=$?
        ((status == 0)) && break
        worst=$status
        # No new crash input means libFuzzer itself failed: another round would too.
        (($(find "$run/$target" -type f | wc -l) >= round)) || break
        (($(find "$run/$target" -type f | wc -l) < 10)) || break
    done
    echo "$worst" >"$run/$target.status"
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

# libFuzzer's status lines: "#N ... cov: C ft: F corp: K/... exec/s: E ..."; the executions
# of all rounds add up.
field() { sed -nE "s|.* $1:? ([0-9]+).*|\\1|p" <<<"$2"; }
executions() {
    awk '/^=== run.sh round/ { total += last; last = 0 }
         /^#[0-9]+/ { n = substr($1, 2); sub(/[^0-9].*/, "", n); last = n }
         END { print total + last }' "$1"
}
failed=0
problems=()
printf '%-22s %12s %9s %8s %8s %8s %8s\n' target executions exec/s cov ft corpus crashes
for target in "${targets[@]}"; do
    line=$(grep -E '^#[0-9]+.*cov: ' "$run/$target.log" | tail -n 1 || true)
    total=$(executions "$run/$target.log")
    crashes=$(find "$run/$target" -type f | wc -l)
    reports=$(grep -cE '^SUMMARY: |fuzz: broken promise|ERROR: libFuzzer' "$run/$target.log" ||
        true)
    status=$(cat "$run/$target.status")
    printf '%-22s %12s %9s %8s %8s %8s %8s\n' "$target" "$total" "$((total / seconds))" \
        "$(field cov "$line")" "$(field ft "$line")" "$(field corp "$line")" "$crashes"
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
