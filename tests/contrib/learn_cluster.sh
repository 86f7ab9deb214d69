#!/usr/bin/env bash
# The README's recipes for profiling an archive on many processes give the profile one process
# gives, byte for byte: contrib/dask/learn_cluster.py on a LocalCluster of two worker
# processes (map `learn --save-profile` over partitions, reduce with `learn --merge` in a tree),
# and the GNU parallel one-liner.
#   tests/contrib/learn_cluster.sh ATS_HOOK SOURCE_DIR PYTHON
set -euo pipefail
ats_hook=$(realpath "$1")
source=$(realpath "$2")
python=$3
fail() { echo "FAIL: $*" >&2; exit 1; }
"$python" -c "import distributed" 2>/dev/null ||
  fail "$python cannot import distributed: apt-get install --no-install-recommends python3-distributed"
command -v parallel >/dev/null || fail "GNU parallel is missing: apt-get install parallel"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir -p bin corpus/captures/2026-01-02
ln -s "$ats_hook" bin/ats-hook
export PATH="$work/bin:$PATH"

# A corpus of several kinds: NDJSON logs (19 types x 60 events each, different seeds), a
# capture directory of single payloads and request files nested one level, an empty file
# (one unreadable document) and a hidden file that learn does not read.
at=2026-01-01T00:00:00Z
for seed in 1 2 3 4; do
  ats-hook emit all --count 60 --seed "$seed" --at "$at" > "corpus/log$seed.ndjson"
done
for seed in $(seq 11 30); do
  ats-hook emit interview.created --seed "$seed" --at "$at" > "corpus/captures/p$seed.json"
done
export ATS_HOOK_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
for seed in 41 42 43; do
  ats-hook emit candidate.updated --seed "$seed" --at "$at" --format http --timestamp 1767225600 \
    > "corpus/captures/2026-01-02/r$seed.http"
done
: > corpus/captures/empty.json
echo 'not json' > corpus/captures/.ats-hook-tmp-0-unfinished.json

ats-hook learn -q --jobs 1 corpus --save-profile one.json
documents=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["documents"])' one.json)
[[ $documents == 4584 ]] || fail "the single-process profile counts $documents documents, not 4584"

# Dask: small partitions, so that there are several and the reduce has more than one level.
"$python" "$source/contrib/dask/learn_cluster.py" --partition-mb 0.4 --fan-in 2 \
  corpus --save-profile dask.json 2> dask.log || { cat dask.log; fail "learn_cluster.py failed"; }
grep -Eq 'in ([2-9]|[1-9][0-9]+) partitions on 2 workers' dask.log ||
  fail "not several partitions on two workers: $(cat dask.log)"
cmp one.json dask.json || fail "the Dask profile differs from the single-process one"

# GNU parallel, as the README writes it.
mkdir parts
find corpus -name '.*' -prune -o -type f -print |
  parallel -j8 -X ats-hook learn -q {} --save-profile parts/{#}.json
ats-hook learn -q --merge parts/*.json --save-profile all.json
[[ $(ls parts | wc -l) -gt 1 ]] || fail "parallel made one part only"
cmp one.json all.json || fail "the GNU parallel profile differs from the single-process one"
echo "PASS: Dask ($documents documents) and GNU parallel profiles equal one process's"
