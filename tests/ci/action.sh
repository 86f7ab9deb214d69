#!/usr/bin/env bash
# The GitHub action (action.yml) and its example workflow. Checked:
#   - action-validator (pinned in tests/node) accepts action.yml and
#     ci/github/example-workflow.yml, and rejects a broken copy of action.yml;
#   - the action's run: steps, run here as the runner would (tests/ci/run_action.py), with:
#       a cache hit (the built ats-hook where the cache restores it): no apt-get, no build; the
#         tool comes from that folder through GITHUB_PATH; on payloads with one invalid file the
#         run step exits 1 with a ::error file=...,line=...,col=... annotation for it, and
#         GITHUB_STEP_SUMMARY gets a Markdown table; on valid payloads it exits 0;
#       a cache hit whose libraries are missing: apt-get installs them, no build;
#       no cache: the README's build packages installed, ats-hook configured from the action's
#         source with tests off, built and installed into the cached folder (apt-get and cmake
#         are stand-ins that record their arguments);
#       verify with the secret input: signed requests pass, a forged one fails with an
#         annotation, and the secret is never printed;
#       args holding shell syntax ($(...), `...`, ;) run nothing: they are words for ats-hook;
#   - the cache key names the system and machine and changes with the sources, not with tests.
# Usage: action.sh ATS_HOOK_BIN SOURCE_DIR
set -euo pipefail
ats_hook=$(realpath "$1")
source_dir=$(realpath "$2")
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
validator=$source_dir/tests/node/node_modules/.bin/action-validator
harness=$source_dir/tests/ci/run_action.py
if [[ ! -x $validator ]]; then
    echo "action-validator is not installed in $source_dir/tests/node/node_modules:" \
        "run \`npm ci --prefix tests/node\` (the README's test command does)" >&2
    exit 1
fi
if ! /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
    echo "/usr/bin/python3 cannot import yaml: \`apt-get install python3-yaml\`" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset ATS_HOOK_SECRET ATS_HOOK_OVERLAY NO_COLOR CLICOLOR_FORCE

# --- the files against the schemas of action-validator
"$validator" "$source_dir/action.yml" || fail "action-validator rejects action.yml"
"$validator" "$source_dir/ci/github/example-workflow.yml" ||
    fail "action-validator rejects ci/github/example-workflow.yml"
mkdir "$work/broken"
sed 's/^      shell: bash$/      shel: bash/' "$source_dir/action.yml" >"$work/broken/action.yml"
if "$validator" "$work/broken/action.yml" >/dev/null 2>&1; then
    fail "action-validator accepts an action.yml with a misspelt key: it checks nothing"
fi

# --- the steps, run here
secret=$(grep -v '^#' "$source_dir/samples/signed/secret.txt")
# A scratch runner for one scenario: $scratch with its workspace of fixtures, and stand-ins for
# sudo, apt-get and cmake in $scratch/stubs (tests/ci/common.sh) that record their arguments in
# $scratch/calls.
new_runner() {
    scratch=$work/$1
    local ws=$scratch/workspace stubs=$scratch/stubs
    mkdir -p "$ws/valid" "$ws/fixtures" "$ws/requests" "$ws/forged" "$stubs"
    cp "$source_dir/samples/valid/job.created.json" "$source_dir/samples/valid/interview.created.json" \
        "$ws/valid/"
    cp "$source_dir/samples/valid/job.created.json" "$ws/fixtures/"
    # "4" of "rating" is at line 7, column 17.
    write_invalid_payload "$ws/fixtures/bad.json"
    cp "$source_dir/samples/signed/application.created.http" "$ws/requests/"
    install -m 600 "$source_dir/samples/signed/secret.txt" "$scratch/secret.txt"
    "$ats_hook" sign "$source_dir/samples/valid/job.created.json" --secret-file "$scratch/secret.txt" \
        --id msg_action1 --timestamp 2024-03-01T12:00:00Z --format http >"$ws/requests/job.created.http"
    sed 's/"rating":4,/"rating":5,/' "$source_dir/samples/signed/application.created.http" \
        >"$ws/forged/forged.http"
    # cmake --install puts the built tool where it was asked to (ATS_HOOK_PREFIX of the step).
    write_build_stubs "$stubs" "$scratch/calls" "$ats_hook"
    printf '#!/bin/sh\nexec "$@"\n' >"$stubs/sudo"
    chmod +x "$stubs/sudo"
    cached=$scratch/runner_temp/ats-hook/bin/ats-hook
}
# What a cache hit restores: the built tool in the install folder.
cache_hit() {
    mkdir -p "$(dirname "$cached")"
    ln -s "$ats_hook" "$cached"
}
# Runs the action with the inputs given as NAME=VALUE; its output in $scratch/out, its exit
# status in $status.
run_action() {
    local inputs=() i
    for i in "$@"; do inputs+=(--input "$i"); done
    status=0
    /usr/bin/python3 "$harness" --action "$source_dir" --scratch "$scratch" \
        --path "$scratch/stubs" "${inputs[@]}" >"$scratch/out" 2>&1 || status=$?
}
expect_status() { # what, status
    [[ $status == "$2" ]] || fail "$1: the action exited $status, expected $2:
$(cat "$scratch/out")"
}
expect_line() { # what, file, regex
    grep -Eq -- "$3" "$2" || fail "$1: no line matching /$3/ in $(basename "$2"):
$(cat "$2")"
}
expect_no_line() { # what, file, regex
    if grep -Eq -- "$3" "$2"; then
        fail "$1: a line matches /$3/ in $(basename "$2"):
$(cat "$2")"
    fi
}
expect_no_build() {
    expect_no_line "$1" "$scratch/calls" '^cmake'
}

# A cache hit, payloads with one invalid file.
new_runner hit-invalid
cache_hit
run_action "args=validate fixtures/*.json"
expect_status "cache hit, invalid payload" 1
[[ -s $scratch/calls ]] && fail "cache hit: apt-get or cmake ran: $(cat "$scratch/calls")"
expect_line "cache hit" "$scratch/out" '^ats-hook: the cached build in '
expect_line "cache hit: the tool on PATH" "$scratch/out" \
    "^## step [0-9]+: Run ats-hook \\(ats-hook on PATH: $cached\\)\$"
expect_line "cache hit: the tool's folder on GITHUB_PATH" "$scratch/github_path" \
    "^$(dirname "$cached")\$"
expect_line "args: the pattern expanded, --format after the command" "$scratch/out" \
    "^ats-hook 'validate' '--format' 'github' 'fixtures/bad.json' 'fixtures/job.created.json'\$"
expect_line "the annotation" "$scratch/out" \
    '^::error title=ats-hook [a-z]+,file=fixtures/bad\.json,line=7,endLine=7,col=17,endColumn=[0-9]+::/data/object/rating: expected integer, found string "4"$'
expect_no_line "the valid file" "$scratch/out" '^::(error|warning) .*file=fixtures/job\.created\.json'
expect_line "the step summary: a Markdown table" "$scratch/github_step_summary" \
    '^\|.*fixtures/bad\.json.*\|$'
expect_line "the step summary: a Markdown table" "$scratch/github_step_summary" \
    '^\|( *:?-+:? *\|)+$'

# A cache hit, valid payloads.
new_runner hit-valid
cache_hit
run_action "args=validate valid/*.json"
expect_status "cache hit, valid payloads" 0
expect_no_line "valid payloads" "$scratch/out" '^::(error|warning) '

# A cache hit on a runner without the tool's shared libraries: they are installed, no build.
# The cached tool loads once `apt-get install` has run (a line of the calls the stand-ins record).
new_runner hit-no-libraries
mkdir -p "$(dirname "$cached")"
cat >"$cached" <<EOF
#!/bin/sh
if ! grep -q '^apt-get install ' "$scratch/calls"; then
    echo "ats-hook: error while loading shared libraries: libsimdjson.so.14" >&2
    exit 127
fi
exec "$ats_hook" "\$@"
EOF
chmod +x "$cached"
run_action "args=validate valid/*.json"
expect_status "cache hit without libraries" 0
expect_line "cache hit without libraries" "$scratch/out" 'needs its libraries: installing them'
expect_line "cache hit without libraries: apt-get" "$scratch/calls" '^apt-get install -y -q .*libsimdjson-dev'
expect_no_build "cache hit without libraries"

# No cache: the build packages, then a build from the action's source into the cached folder.
new_runner miss
run_action "args=validate valid/*.json"
expect_status "no cache" 0
expect_line "no cache: apt-get" "$scratch/calls" '^apt-get update'
expect_line "no cache: apt-get" "$scratch/calls" \
    '^apt-get install -y -q build-essential cmake ninja-build libcli11-dev nlohmann-json3-dev libfmt-dev libssl-dev libsimdjson-dev libhowardhinnant-date-dev libcurl4-openssl-dev libmicrohttpd-dev pkg-config tzdata$'
expect_line "no cache: configured from the action's source, tests off" "$scratch/calls" \
    "^cmake -S $source_dir -B $scratch/runner_temp/ats-hook-build -G Ninja -DATS_HOOK_TESTS=OFF .*-DCMAKE_INSTALL_PREFIX=$scratch/runner_temp/ats-hook\$"
expect_line "no cache: built" "$scratch/calls" "^cmake --build $scratch/runner_temp/ats-hook-build"
expect_line "no cache: installed" "$scratch/calls" \
    "^cmake --install $scratch/runner_temp/ats-hook-build --component cli --strip\$"
expect_line "no cache: the tool on PATH" "$scratch/out" \
    "^## step [0-9]+: Run ats-hook \\(ats-hook on PATH: $cached\\)\$"

# verify, the secret from the secret input; signed requests, then a forged one.
new_runner verify
cache_hit
run_action "args=verify --request requests/ --ignore-timestamp" "secret=$secret"
expect_status "verify signed requests" 0
expect_no_line "verify signed requests" "$scratch/out" '^::error '
new_runner verify-forged
cache_hit
run_action "args=verify --request forged/*.http requests/*.http --ignore-timestamp" "secret=$secret"
expect_status "verify a forged request" 1
expect_line "verify a forged request" "$scratch/out" '^::error .*file=forged/forged\.http'
expect_no_line "verify a forged request" "$scratch/out" '^::error .*file=requests/'
cat "$work"/*/out >"$work/all-output"
if grep -qF -- "${secret#whsec_}" "$work/all-output"; then
    fail "the secret was printed"
fi

# The cache key: the system, the machine and the sources the binary is built from; another
# source gives another key, a file the build does not read (tests/) the same.
key_of() { # action folder
    local out=$work/key-output
    : >"$out"
    GITHUB_ACTION_PATH=$1 RUNNER_TEMP=$work/key-temp GITHUB_OUTPUT=$out \
        bash "$source_dir/ci/github/cache_key.sh"
    sed -n 's/^key=//p' "$out"
}
mkdir "$work/source-copy"
cp -r "$source_dir/CMakeLists.txt" "$source_dir/cmake" "$source_dir/include" "$source_dir/man" \
    "$source_dir/src" "$work/source-copy/"
key=$(key_of "$work/source-copy")
[[ $key =~ ^ats-hook-v1-[a-z]+-[0-9.]+-$(uname -m)-[0-9a-f]{16}$ ]] || fail "the cache key: $key"
mkdir -p "$work/source-copy/tests" && echo "change" >"$work/source-copy/tests/new.txt"
[[ $(key_of "$work/source-copy") == "$key" ]] || fail "the cache key changed with a file under tests/"
echo "// change" >>"$work/source-copy/src/cli/main.cpp"
[[ $(key_of "$work/source-copy") != "$key" ]] || fail "the cache key is the same for another source"

# Shell syntax in args is not run.
new_runner injection
cache_hit
# shellcheck disable=SC2016 # the $(...) is for the action, not this shell
run_action 'args=validate $(touch pwned-1) `touch pwned-2` ; touch pwned-3'
[[ $status == 0 ]] && fail "args with shell syntax: ats-hook did not fail on the odd file names"
if [[ -n $(find "$work" -name 'pwned-*') ]]; then
    fail "args with shell syntax: a command in them was run"
fi
expect_line "args with shell syntax" "$scratch/out" \
    "^ats-hook 'validate' '--format' 'github' '\\\$\\(touch' 'pwned-1\\)' '\`touch' 'pwned-2\`' ';' 'touch' 'pwned-3'\$"

finish "GitHub action: schema, cache hit and miss, annotations, summary, secret and args checked"
