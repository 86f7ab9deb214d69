#!/usr/bin/env bash
# Step 2 of the GitHub action (action.yml): ats-hook in $ATS_HOOK_PREFIX/bin, that folder on
# $GITHUB_PATH. A cached install (restored by the step before) that runs is used as it is; one
# that does not run because its shared libraries are missing (a fresh runner) gets them from
# apt; only without a cached install are the build packages installed and ats-hook built from
# the action's own source, tests off, and installed (stripped) into the prefix.
# Usage: install.sh   (with ATS_HOOK_PREFIX, GITHUB_ACTION_PATH, RUNNER_TEMP and GITHUB_PATH set)
set -euo pipefail
prefix=${ATS_HOOK_PREFIX:?where to install: cache_key.sh says}
source_dir=${GITHUB_ACTION_PATH:?the folder of the action}
: "${RUNNER_TEMP:?}" "${GITHUB_PATH:?}"
tool=$prefix/bin/ats-hook

# The README's build packages (Debian 12). Ubuntu 24.04 has each under the same name, newer
# (simdjson 3.6, CLI11 2.4, GCC 13; Debian 12 has 3.0, 2.1 and 12). Ubuntu 22.04 has the names
# too, but simdjson 1.0, fmt 8 and GCC 11 are older than what ats-hook is built and tested
# with, so there the job should run on ubuntu-24.04 or in `container: debian:bookworm`.
packages=(build-essential cmake ninja-build libcli11-dev nlohmann-json3-dev libfmt-dev libssl-dev
    libsimdjson-dev libhowardhinnant-date-dev libcurl4-openssl-dev libmicrohttpd-dev pkg-config
    tzdata)

runs() { [[ -x $tool ]] && "$tool" --version >/dev/null 2>&1; }

check_system() {
    local id='' version=''
    if [[ $(uname -s) != Linux ]] || ! command -v apt-get >/dev/null; then
        echo "::error title=ats-hook action::needs a Linux runner with apt (ubuntu-24.04, or a" \
            "job in container: debian:bookworm), not $(uname -s)" >&2
        exit 1
    fi
    if [[ -r /etc/os-release ]]; then
        # shellcheck source=/dev/null
        id=$(. /etc/os-release && echo "${ID:-}")
        # shellcheck source=/dev/null
        version=$(. /etc/os-release && echo "${VERSION_ID:-}")
    fi
    if { [[ $id == ubuntu ]] && [[ ${version%%.*} -lt 24 ]]; } ||
        { [[ $id == debian ]] && [[ ${version%%.*} -lt 12 ]]; }; then
        echo "::error title=ats-hook action::$id $version's libraries are older than ats-hook" \
            "needs: use runs-on: ubuntu-24.04, or container: debian:bookworm" >&2
        exit 1
    fi
}

install_packages() {
    local sudo
    sudo=$(command -v sudo || true)
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${packages[@]}"
}

if runs; then
    echo "ats-hook: the cached build in $prefix: $("$tool" --version)"
elif [[ -x $tool ]]; then
    echo "ats-hook: the cached build in $prefix needs its libraries: installing them"
    check_system
    install_packages
    runs || { echo "::error title=ats-hook action::the cached $tool does not run" >&2; exit 1; }
else
    echo "ats-hook: no cached build: building it from $source_dir"
    check_system
    install_packages
    build=$RUNNER_TEMP/ats-hook-build
    cmake -S "$source_dir" -B "$build" -G Ninja -DATS_HOOK_TESTS=OFF -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_INSTALL_PREFIX="$prefix"
    cmake --build "$build"
    cmake --install "$build" --component cli --strip
    rm -rf "$build"
    runs || { echo "::error title=ats-hook action::the build did not give a working $tool" >&2; exit 1; }
fi
echo "$prefix/bin" >>"$GITHUB_PATH"
