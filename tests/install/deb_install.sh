#!/usr/bin/env bash
# Installs the .deb as a user would (`apt-get install ./ats-hook_*.deb`, which pulls in its
# Depends), runs the tool, finds its man page and completion, then removes and purges it and
# checks nothing is left. Needs root: .ci/run runs it after the tests.
#   tests/install/deb_install.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
sudo=$(command -v sudo || true)
export DEBIAN_FRONTEND=noninteractive

version=$("$build/ats-hook" --version)
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" > cpack.log)
deb=$work/ats-hook_${version}_$(dpkg --print-architecture).deb
chmod 755 "$work" # apt's sandbox user reads the package
if dpkg -s ats-hook > /dev/null 2>&1; then fail "ats-hook is already installed here"; fi
command -v man > /dev/null || $sudo apt-get install -y man-db

# Slim Debian images tell dpkg to leave out /usr/share/man and /usr/share/doc for every package;
# take ours back in so that the test sees what a full system gets.
$sudo apt-get install -y -o DPkg::Options::=--path-include='/usr/share/man/man1/ats-hook.1.gz' \
  -o DPkg::Options::=--path-include='/usr/share/doc/ats-hook/*' "$deb"
[[ $(command -v ats-hook) == /usr/bin/ats-hook ]] || fail "ats-hook is not /usr/bin/ats-hook"
[[ $(ats-hook --version) == "$version" ]] || fail "installed ats-hook --version"
[[ $(man -w ats-hook) == /usr/share/man/man1/ats-hook.1.gz ]] || fail "man -w ats-hook"
man ats-hook | grep -q "ats-hook - " || fail "man ats-hook does not show the page"
[[ -f /usr/share/doc/ats-hook/copyright ]] || fail "no copyright file"
[[ -f /usr/share/bash-completion/completions/ats-hook ]] || fail "no bash completion"

$sudo apt-get purge -y ats-hook
[[ ! -e /usr/bin/ats-hook ]] || fail "/usr/bin/ats-hook left after removal"
if dpkg -s ats-hook > /dev/null 2>&1; then fail "ats-hook still known to dpkg"; fi
for path in /usr/share/man/man1/ats-hook.1.gz /usr/share/doc/ats-hook \
            /usr/share/bash-completion/completions/ats-hook; do
  [[ ! -e $path ]] || fail "$path left after purge"
done
echo "ok: $(basename "$deb") installed, ran, showed its man page and was removed cleanly"
