#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml as a user's pre-commit runs them, offline: a scratch git
# repository holds the committed manifest (so the working tree's version is what is tested), a
# scratch "user" repository names it by path and commit in its .pre-commit-config.yaml, and the
# built ats-hook is first on PATH. Checked:
#   - on valid payloads (.json, .ndjson, .jsonl) and correctly signed requests (.http) both
#     hooks run and pass, and files of other names (README.md, notes.txt) are not handed to them;
#   - on an invalid payload in each of the three extensions ats-hook-validate fails and names
#     each finding's file:line:column;
#   - on a request with a wrong signature ats-hook-verify fails and names the file, while the
#     correctly signed requests beside it are still reported verified.
# Usage: pre_commit.sh ATS_HOOK_BIN SOURCE_DIR
set -euo pipefail
ats_hook=$(realpath "$1")
source_dir=$(realpath "$2")
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
if ! command -v pre-commit >/dev/null; then
    echo "pre-commit is not installed: \`apt-get install pre-commit\`" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home"
ln -s "$ats_hook" "$work/bin/ats-hook"
export PATH="$work/bin:$PATH"
export HOME="$work/home" PRE_COMMIT_HOME="$work/pre-commit-home"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
unset ATS_HOOK_SECRET ATS_HOOK_OVERLAY NO_COLOR CLICOLOR_FORCE

# The hook repository: the manifest of the working tree, committed.
hooks=$work/hooks
git init -q -b main "$hooks"
cp "$source_dir/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -q -m "hooks under test"
rev=$(git -C "$hooks" rev-parse HEAD)

# The user's repository: valid payloads in the three extensions, two signed requests, and files
# the hooks must not see (not JSON: validate would fail on them).
user=$work/user
git init -q -b main "$user"
cat >"$user/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: ats-hook-validate
      - id: ats-hook-verify
        args: [--secret-file, secret.txt, --ignore-timestamp]
EOF
mkdir -p "$user/payloads" "$user/requests"
cp "$source_dir/samples/valid/job.created.json" "$source_dir/samples/valid/interview.created.json" \
    "$user/payloads/"
head -n 3 "$source_dir/samples/deliveries.ndjson" >"$user/payloads/log.ndjson"
sed -n 4,5p "$source_dir/samples/deliveries.ndjson" >"$user/payloads/events.jsonl"
cp "$source_dir/samples/signed/application.created.http" "$user/requests/application.created.http"
install -m 600 "$source_dir/samples/signed/secret.txt" "$user/secret.txt"
"$ats_hook" sign "$source_dir/samples/valid/job.created.json" --secret-file "$user/secret.txt" \
    --id msg_precommit1 --timestamp 2024-03-01T12:00:00Z --format http \
    >"$user/requests/job.created.http"
echo "not JSON, and not for the hooks" >"$user/README.md"
echo "{ nor this" >"$user/notes.txt"
git -C "$user" add -A
git -C "$user" commit -q -m fixtures

# Runs every hook on every tracked file of the user's repository; the output goes to
# $work/out, the exit status to $status.
run_hooks() {
    git -C "$user" add -A
    status=0
    (cd "$user" && pre-commit run --all-files --color never --verbose) >"$work/out" 2>&1 ||
        status=$?
}
expect_line() { # what, regex
    grep -Eq -- "$2" "$work/out" || fail "$1: no line matching /$2/ in:
$(cat "$work/out")"
}

run_hooks
[[ $status == 0 ]] || fail "valid fixtures: pre-commit exited $status, expected 0"
expect_line "valid fixtures" '^validate HireHive webhook payloads\.+Passed$'
expect_line "valid fixtures" '^verify signed HireHive requests\.+Passed$'
# Both requests in one run of verify, each named.
expect_line "valid fixtures" '^requests/application\.created\.http: verified: '
expect_line "valid fixtures" '^requests/job\.created\.http: verified: '

# An invalid payload in each extension. The "4" of "rating" is at line 7, column 17 of
# bad.json; in the NDJSON line below at column 113 (1-based byte columns).
write_invalid_payload "$user/payloads/bad.json"
bad_line='{"type":"candidate.updated","timestamp":"2024-03-07T10:48:33Z","data":{"object":{"id":"can_Ex5Wd9Ka3L","rating":"4"}}}'
echo "$bad_line" >>"$user/payloads/log.ndjson"    # its line 4
echo "$bad_line" >>"$user/payloads/events.jsonl"  # its line 3
# A request whose body changed after signing (same length, so Content-Length still holds).
sed 's/"rating":4,/"rating":5,/' "$source_dir/samples/signed/application.created.http" \
    >"$user/requests/forged.http"
cmp -s "$user/requests/forged.http" "$source_dir/samples/signed/application.created.http" &&
    fail "forged.http: the body was not changed"
run_hooks
[[ $status == 1 ]] || fail "invalid fixtures: pre-commit exited $status, expected 1"
expect_line "invalid fixtures" '^validate HireHive webhook payloads\.+Failed$'
expect_line "invalid fixtures" '^verify signed HireHive requests\.+Failed$'
message='/data/object/rating: expected integer, found string "4"'
expect_line "bad.json" "^payloads/bad\.json:7:17: $message\$"
expect_line "log.ndjson" "^payloads/log\.ndjson:4:113: $message\$"
expect_line "events.jsonl" "^payloads/events\.jsonl:3:113: $message\$"
expect_line "forged.http" '^requests/forged\.http: not verified: no matching signature'
# The good requests still pass beside the forged one: only it is named as failing.
if grep -E 'no matching signature' "$work/out" | grep -Eq 'application\.created\.http|job\.created\.http'; then
    fail "a correctly signed request was reported as not verified:
$(cat "$work/out")"
fi

finish "pre-commit hooks: pass and fail directions checked"
