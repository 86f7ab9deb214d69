#!/usr/bin/env bash
# Times `ats-hook verify` of a 1 MiB body beside `openssl dgst -sha256 -mac HMAC` over the same
# bytes, in the same run, as whole processes. Target: verify within 1.5x of openssl.
# The figures are medians (robust against other work on a shared machine) and the mean CPU time
# (user + system) of each process.
# Usage: bench/verify_bench.sh [path/to/ats-hook]   (default: build/ats-hook)
set -euo pipefail
cd "$(dirname "$0")/.."
ats_hook=$(realpath "${1:-build/ats-hook}")
out=bench/out/verify
mkdir -p "$out"

# A throwaway bench key: it is generated here and never leaves bench/out.
rm -f "$out/secret.txt"
"$ats_hook" keygen -o "$out/secret.txt"
secret=$(cat "$out/secret.txt")
hexkey=$(printf '%s' "${secret#whsec_}" | base64 -d | od -An -v -tx1 | tr -d ' \n')

head -c 1048576 /dev/urandom > "$out/body.bin"
timestamp=1700000000
"$ats_hook" sign "$out/body.bin" --secret-file "$out/secret.txt" --id msg_bench \
    --timestamp "$timestamp" > "$out/headers.txt"

verify=("$ats_hook" verify --headers "$out/headers.txt" "$out/body.bin"
        --secret-file "$out/secret.txt" --now "$timestamp" --quiet)
openssl=(openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" "$out/body.bin")
"${verify[@]}" # fails the script (set -e) if the signature does not verify

echo "body: 1 MiB ($out/body.bin); $(openssl version | cut -d' ' -f1-2); $(nproc) cores"
if command -v hyperfine > /dev/null; then
    # Ten alternating rounds, so that load from other work on the machine falls on both commands
    # alike instead of on whichever ran second.
    for round in $(seq 10); do
        hyperfine -N --warmup 3 --runs 20 --export-json "$out/round-$round.json" \
            --command-name "ats-hook verify" "${verify[*]}" \
            --command-name "openssl dgst -mac HMAC" "${openssl[*]}" > "$out/round-$round.txt" 2>&1
    done
    read -r verify_ms openssl_ms verify_cpu openssl_cpu < <(python3 -c '
import json, statistics, sys
rounds = [json.load(open(f))["results"] for f in sys.argv[1:]]
wall = [statistics.median(t for r in rounds for t in r[i]["times"]) * 1000 for i in (0, 1)]
cpu = [statistics.mean(r[i]["user"] + r[i]["system"] for r in rounds) * 1000 for i in (0, 1)]
print(" ".join("%.3f" % x for x in wall + cpu))' "$out"/round-*.json)
    wall_kind=median
    cpu_ratio=$(awk -v a="$verify_cpu" -v b="$openssl_cpu" 'BEGIN { printf "%.2f", a / b }')
else
    # No hyperfine: a plain loop, alternating the two commands, mean wall-clock time of each.
    verify_ns=0
    openssl_ns=0
    for _ in $(seq 100); do
        start=$(date +%s%N); "${verify[@]}" > /dev/null; end=$(date +%s%N)
        verify_ns=$((verify_ns + end - start))
        start=$(date +%s%N); "${openssl[@]}" > /dev/null; end=$(date +%s%N)
        openssl_ns=$((openssl_ns + end - start))
    done
    verify_ms=$(awk -v n="$verify_ns" 'BEGIN { printf "%.3f", n / 100 / 1e6 }')
    openssl_ms=$(awk -v n="$openssl_ns" 'BEGIN { printf "%.3f", n / 100 / 1e6 }')
    verify_cpu=n/a
    openssl_cpu=n/a
    cpu_ratio=n/a
    wall_kind=mean
fi
ratio=$(awk -v a="$verify_ms" -v b="$openssl_ms" 'BEGIN { printf "%.2f", a / b }')
printf 'ats-hook verify:        %8s ms wall (%s), %s ms CPU\n' "$verify_ms" "$wall_kind" "$verify_cpu"
printf 'openssl dgst -mac HMAC: %8s ms wall (%s), %s ms CPU\n' "$openssl_ms" "$wall_kind" "$openssl_cpu"
printf 'ratio verify/openssl:   %8s wall, %s CPU (target <= 1.50)\n' "$ratio" "$cpu_ratio"
