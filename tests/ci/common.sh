# shellcheck shell=bash
# What the CI integration tests (action.sh, gitlab.sh, pre_commit.sh) share, sourced by each of
# them: counting failed checks, stand-ins for the programs a build runs, and a payload with one
# known finding.

# fail MESSAGE: a check failed; the test goes on, and finish makes it exit 1.
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# finish SUMMARY: the end of a test: exit 1 after any fail, their count on stderr; otherwise
# SUMMARY (what was checked) on stdout.
finish() {
    if ((failures > 0)); then
        echo "$failures check(s) failed" >&2
        exit 1
    fi
    echo "$1"
}

# write_build_stubs DIR CALLS_FILE ATS_HOOK: stand-ins in DIR for apt-get and cmake, each
# appending its name and arguments as one line to CALLS_FILE (emptied here) and exiting 0.
# `cmake --install` links ATS_HOOK as $ATS_HOOK_PREFIX/bin/ats-hook, where the step installing
# the tool asked for it. A caller adds its own stand-ins (sudo, git) beside them.
write_build_stubs() {
    local stubs=$1 calls=$2 ats_hook=$3
    mkdir -p "$stubs"
    : >"$calls"
    cat >"$stubs/apt-get" <<EOF
#!/bin/sh
echo "apt-get \$*" >>"$calls"
exit 0
EOF
    cat >"$stubs/cmake" <<EOF
#!/bin/sh
echo "cmake \$*" >>"$calls"
if [ "\$1" = --install ]; then
    mkdir -p "\$ATS_HOOK_PREFIX/bin" && ln -s "$ats_hook" "\$ATS_HOOK_PREFIX/bin/ats-hook"
fi
exit 0
EOF
    chmod +x "$stubs/apt-get" "$stubs/cmake"
}

# write_invalid_payload FILE: a candidate.updated payload with one finding, the string "4" of
# "rating" (an integer by the schema): /data/object/rating at line 7, column 17 of FILE.
write_invalid_payload() {
    cat >"$1" <<'EOF'
{
  "type": "candidate.updated",
  "timestamp": "2024-03-07T10:48:33Z",
  "data": {
    "object": {
      "id": "can_Ex5Wd9Ka3L",
      "rating": "4"
    }
  }
}
EOF
}
