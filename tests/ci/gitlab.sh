#!/usr/bin/env bash
# The GitLab CI template ci/gitlab/ats-hook.yml. Checked:
#   - it parses, and .ats-hook-validate (with the .ats-hook it extends) is hidden, runs in
#     debian:bookworm, writes the gitlab and junit reports, each `|| status=$?`, and keeps them
#     as codequality and junit reports when: always (tests/ci/gitlab_job.py --check);
#   - its before_script and script, run here in one bash as a runner would, with apt-get, git
#     and cmake as stand-ins that record their arguments:
#       a cached build of the ref: used, nothing fetched or built; on payloads with one invalid
#         file the job exits 1 and both reports are written (the JUnit one after the Code
#         Quality one failed): a JSON array with the finding at fixtures/bad.json line 7, and
#         JUnit XML with a failure; on valid payloads it exits 0;
#       a cached build of another commit, or none: the ref fetched, configured with tests off,
#         built and installed into the cached folder.
# Usage: gitlab.sh ATS_HOOK_BIN SOURCE_DIR
set -euo pipefail
ats_hook=$(realpath "$1")
source_dir=$(realpath "$2")
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
template=$source_dir/ci/gitlab/ats-hook.yml
job_tool=$source_dir/tests/ci/gitlab_job.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset ATS_HOOK_SECRET ATS_HOOK_OVERLAY NO_COLOR CLICOLOR_FORCE

/usr/bin/python3 "$job_tool" "$template" .ats-hook-validate --check ||
    fail "the template's .ats-hook-validate job"

commit=0123456789abcdef0123456789abcdef01234567
# A scratch project with fixtures, and stand-ins for apt-get, git and cmake (apt-get and cmake
# from tests/ci/common.sh) recording their arguments in $project/../calls; git ls-remote answers
# $commit for any ref.
new_project() {
    local scratch=$work/$1
    project=$scratch/project
    stubs=$scratch/stubs
    calls=$scratch/calls
    mkdir -p "$project/valid" "$project/fixtures" "$stubs" "$scratch/tmp"
    cp "$source_dir/samples/valid/job.created.json" "$source_dir/samples/valid/interview.created.json" \
        "$project/valid/"
    cp "$source_dir/samples/valid/job.created.json" "$project/fixtures/"
    write_invalid_payload "$project/fixtures/bad.json"
    write_build_stubs "$stubs" "$calls" "$ats_hook"
    cat >"$stubs/git" <<EOF
#!/bin/sh
echo "git \$*" >>"$calls"
if [ "\$1" = ls-remote ]; then printf '%s\trefs/tags/%s\n' "$commit" "\$3"; fi
exit 0
EOF
    chmod +x "$stubs/git"
    prefix=$project/.ats-hook
}
cached_build() { # the source commit the cache says it was built from
    mkdir -p "$prefix/bin"
    ln -s "$ats_hook" "$prefix/bin/ats-hook"
    echo "$1" >"$prefix/source"
}
# Runs the job on ATS_HOOK_PATHS=$1; output in $project/../out, exit status in $status.
run_job() {
    /usr/bin/python3 "$job_tool" "$template" .ats-hook-validate --script "$project" \
        --variable "ATS_HOOK_PATHS=$1" >"$work/job.sh"
    status=0
    (cd "$project" && env -i PATH="$stubs:/usr/local/bin:/usr/bin:/bin" HOME="$project/.." \
        TMPDIR="$project/../tmp" LC_ALL=C.UTF-8 bash --noprofile --norc "$work/job.sh") \
        >"$project/../out" 2>&1 || status=$?
}
expect_status() { # what, status
    [[ $status == "$2" ]] || fail "$1: the job exited $status, expected $2:
$(cat "$project/../out")"
}
expect_line() { # what, file, regex
    grep -Eq -- "$3" "$2" || fail "$1: no line matching /$3/ in $2:
$(cat "$2")"
}

# A cached build of the ref, one invalid payload.
new_project hit-invalid
cached_build "$commit"
run_job "fixtures/*.json"
expect_status "cached build, invalid payload" 1
expect_line "cached build" "$project/../out" "^ats-hook: the cached build of v1 \\($commit\\)\$"
if grep -Eq '^(cmake|git (init|-C))' "$calls"; then
    fail "cached build: fetched or built: $(cat "$calls")"
fi
expect_line "cached build: the packages" "$calls" '^apt-get install .*libsimdjson-dev'
/usr/bin/python3 - "$project/gl-code-quality-report.json" <<'EOF' || fail "the Code Quality report"
import json, sys
issues = json.load(open(sys.argv[1]))
assert isinstance(issues, list), "not a JSON array"
found = [i for i in issues if i["location"]["path"] == "fixtures/bad.json"]
assert found, f"no issue for fixtures/bad.json in {issues}"
assert found[0]["location"]["lines"]["begin"] == 7, found[0]
assert not [i for i in issues if i["location"]["path"] == "fixtures/job.created.json"], issues
EOF
/usr/bin/python3 - "$project/ats-hook-junit.xml" <<'EOF' || fail "the JUnit report"
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
failures = root.findall(".//testcase/failure")
assert failures, "no <failure>"
assert any("fixtures/bad.json" in ET.tostring(c, encoding="unicode")
           for c in root.iter("testcase") if c.find("failure") is not None), "bad.json not named"
EOF

# A cached build of the ref, valid payloads.
new_project hit-valid
cached_build "$commit"
run_job "valid/*.json"
expect_status "cached build, valid payloads" 0

# A cached build of another commit (the ref moved), and no cached build: built again.
for case in moved none; do
    new_project "miss-$case"
    [[ $case == moved ]] && cached_build 89abcdef89abcdef89abcdef89abcdef89abcdef
    run_job "valid/*.json"
    expect_status "build ($case)" 0
    expect_line "build ($case)" "$project/../out" "^ats-hook: building v1 \\($commit\\) from "
    expect_line "build ($case): fetched" "$calls" '^git -C .*/ats-hook-build/source fetch -q --depth 1 https://github.com/OWNER/ats-hook.git v1$'
    expect_line "build ($case): configured, tests off" "$calls" \
        "^cmake -S .*/ats-hook-build/source -B .*/ats-hook-build/build -G Ninja -DATS_HOOK_TESTS=OFF .*-DCMAKE_INSTALL_PREFIX=$prefix\$"
    expect_line "build ($case): installed" "$calls" '^cmake --install .*/ats-hook-build/build --component cli --strip$'
    expect_line "build ($case): the commit kept" "$prefix/source" "^$commit\$"
done

finish "GitLab template: keys, cached and fresh builds, reports and exit status checked"
