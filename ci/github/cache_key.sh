#!/usr/bin/env bash
# Step 1 of the GitHub action (action.yml): where the built ats-hook is installed and the cache
# key it is kept under. The key names the system (a binary built on one release links that
# release's libraries), the machine and a hash of the sources the binary is built from, so a
# new version of the action, by tag, branch or commit, gets its own build and an unchanged one
# is found again. Writes prefix= and key= to $GITHUB_OUTPUT.
# Usage: cache_key.sh   (with GITHUB_ACTION_PATH, RUNNER_TEMP and GITHUB_OUTPUT set)
set -euo pipefail
source_dir=${GITHUB_ACTION_PATH:?the folder of the action}
: "${RUNNER_TEMP:?}" "${GITHUB_OUTPUT:?}"

system=unknown
if [[ -r /etc/os-release ]]; then
    # shellcheck source=/dev/null
    system=$(. /etc/os-release && echo "${ID:-unknown}-${VERSION_ID:-unknown}")
fi
sources=$(cd "$source_dir" &&
    find CMakeLists.txt cmake include man src -type f -print0 | LC_ALL=C sort -z |
    xargs -0 sha256sum | sha256sum | cut -c1-16)
{
    echo "prefix=$RUNNER_TEMP/ats-hook"
    echo "key=ats-hook-v1-$system-$(uname -m)-$sources"
} >>"$GITHUB_OUTPUT"
