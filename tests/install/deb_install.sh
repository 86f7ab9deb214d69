#!/usr/bin/env bash
# Installs the packages as a user would, with apt (which pulls in their Depends), and removes
# them again. Needs root: .ci/run runs it after the tests.
#   1. libatshook0 and libatshook-dev alone, without ats-hook: samples/handler, copied out of
#      the source tree, is built against them only, with find_package(atshook) and with
#      pkg-config, and judges a fresh and a forged delivery; a program linked to the library
#      gets `Depends: libatshook0 (>= version)`; purging leaves nothing.
#   2. ats-hook: the tool runs, man finds its page, the completion is in place; purging leaves
#      nothing.
#   tests/install/deb_install.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
source=$(realpath "$(dirname "$0")/../..")
work=$(mktemp -d)
fail() { echo "FAIL: $*" >&2; exit 1; }
sudo=$(command -v sudo || true)
export DEBIAN_FRONTEND=noninteractive
packages=(ats-hook libatshook0 libatshook-dev)
installed() { dpkg-query -W -f '${db:Status-Status}' "$1" 2> /dev/null | grep -qvx 'not-installed'; }
# Whatever happens, leave the system as it was: purge what this test installed.
cleanup() {
  local left=()
  for package in "${packages[@]}"; do if installed "$package"; then left+=("$package"); fi; done
  if ((${#left[@]})); then $sudo apt-get purge -y "${left[@]}" > /dev/null || true; fi
  rm -rf "$work"
}
for package in "${packages[@]}"; do
  if installed "$package"; then fail "$package is already installed here"; fi
done
trap cleanup EXIT

version=$("$build/ats-hook" --version)
arch=$(dpkg --print-architecture)
triplet=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
libdir=/usr/lib/$triplet
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" > cpack.log)
deb() { echo "$work/${1}_${version}_${arch}.deb"; }
chmod 755 "$work" # apt's sandbox user reads the packages
command -v man > /dev/null || $sudo apt-get install -y man-db
command -v pkg-config > /dev/null || $sudo apt-get install -y pkg-config
# Slim Debian images tell dpkg to leave out /usr/share/man and /usr/share/doc for every package;
# take ours back in so that the test sees what a full system gets.
keep_docs=(-o DPkg::Options::=--path-include='/usr/share/man/man1/ats-hook.1.gz')
for package in "${packages[@]}"; do
  keep_docs+=(-o DPkg::Options::=--path-include="/usr/share/doc/$package/*")
done
started=$SECONDS

# 1. The library packages on their own.
$sudo apt-get install -y "${keep_docs[@]}" "$(deb libatshook0)" "$(deb libatshook-dev)"
if installed ats-hook; then fail "installing the library pulled in ats-hook"; fi
for path in /usr/include/atshook/atshook.hpp "$libdir/libatshook.so" "$libdir/libatshook.so.0" \
            "$libdir/pkgconfig/atshook.pc" "$libdir/cmake/atshook/atshookConfig.cmake" \
            /usr/share/doc/libatshook0/copyright /usr/share/doc/libatshook-dev/copyright; do
  [[ -e $path ]] || fail "$path not installed"
done
# No maintainer script runs ldconfig: the trigger did.
# (Outputs are read whole before grep -q, which stops early: pipefail would see a SIGPIPE.)
# (/lib is /usr/lib on a merged-/usr system, and ldconfig may name either.)
grep -qE "libatshook\.so\.0 \(.*\) => (/usr)?/lib/$triplet/libatshook\.so\.0\$" <<< "$(ldconfig -p)" ||
  fail "libatshook.so.0 is not in the ldconfig cache"
[[ $(dpkg -S "$libdir/libatshook.so.0") == "libatshook0: $libdir/libatshook.so.0" ]] ||
  fail "dpkg -S: $(dpkg -S "$libdir/libatshook.so.0")"

# The handler, away from the source tree, so that only the installed files can be found.
cp -r "$source/samples/handler" "$work/handler"
secret_file=$work/secret.txt
install -m 600 "$source/samples/signed/secret.txt" "$secret_file"
secret=$(grep -v '^#' "$secret_file")
"$build/ats-hook" sign --format http --secret-file "$secret_file" \
  "$source/samples/valid/interview.created.json" > "$work/fresh.http"
# One letter changed in the body, its length kept.
sed 's/Technical interview/Technical intervieW/' "$work/fresh.http" > "$work/forged.http"
cmp -s "$work/fresh.http" "$work/forged.http" && fail "the forged delivery is the fresh one"
not_from_trees() { # not_from_trees FILE...: no include or library path into the build or source
  if grep -q -e "$build" -e "$source" "$@"; then
    fail "built against the build or source tree: $(grep -h -e "$build" -e "$source" "$@" | head -n 3)"
  fi
}
judge() { # judge HANDLER: a fresh delivery is handled (0), a forged one refused (1)
  local handler=$1 loaded out status
  loaded=$(ldd "$handler" | awk '$1 == "libatshook.so.0" {print $3}')
  [[ -n $loaded && $(realpath "$loaded") == $(realpath "$libdir/libatshook.so.0") ]] ||
    fail "$handler does not load the installed library: $(ldd "$handler")"
  out=$(WEBHOOK_SECRET=$secret "$handler" < "$work/fresh.http") ||
    fail "$handler refused a fresh delivery: $out"
  grep -q '^200 interview.created ' <<< "$out" || fail "$handler on a fresh delivery: $out"
  set +e; out=$(WEBHOOK_SECRET=$secret "$handler" < "$work/forged.http"); status=$?; set -e
  [[ $status == 1 ]] || fail "$handler exited $status on a forged delivery: $out"
  grep -q '^401 no_matching_signature' <<< "$out" || fail "$handler on a forged delivery: $out"
}

# With CMake: find_package(atshook) finds /usr/lib/<triplet>/cmake/atshook by itself.
cmake -S "$work/handler" -B "$work/handler-cmake" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  > "$work/configure.log" || { cat "$work/configure.log"; fail "samples/handler does not configure"; }
found=$(sed -n 's/^atshook_DIR:PATH=//p' "$work/handler-cmake/CMakeCache.txt")
[[ $(realpath "$found") == "$libdir/cmake/atshook" ]] || fail "find_package(atshook) found $found"
cmake --build "$work/handler-cmake" -- -v > "$work/build.log" ||
  { cat "$work/build.log"; fail "samples/handler does not build with CMake"; }
not_from_trees "$work/build.log"
judge "$work/handler-cmake/handler"

# With pkg-config, as a Makefile would.
flags=$(pkg-config --cflags --libs atshook)
[[ $flags == *-latshook* ]] || fail "pkg-config --cflags --libs atshook: $flags"
# shellcheck disable=SC2086 # the flags are words
c++ -std=c++20 -O2 -o "$work/handler-pc" "$work/handler/handler.cpp" $flags 2> "$work/pc.log" ||
  { cat "$work/pc.log"; fail "samples/handler does not build with pkg-config ($flags)"; }
not_from_trees <(echo "$flags")
judge "$work/handler-pc"

# A package of the handler would depend on the library package through its shlibs file.
mkdir -p "$work/shlibdeps/debian"
touch "$work/shlibdeps/debian/control"
substvars=$(cd "$work/shlibdeps" && dpkg-shlibdeps -O "$work/handler-pc" 2> /dev/null)
grep -q "libatshook0 (>= $version)" <<< "$substvars" || fail "dpkg-shlibdeps: $substvars"
echo "a handler's ${substvars/shlibs:Depends=/Depends: }"

$sudo apt-get purge -y libatshook0 libatshook-dev
for package in libatshook0 libatshook-dev; do
  if installed "$package"; then fail "$package still known to dpkg"; fi
done
for path in /usr/include/atshook "$libdir"/libatshook.so* "$libdir/pkgconfig/atshook.pc" \
            "$libdir/cmake/atshook" /usr/share/doc/libatshook0 /usr/share/doc/libatshook-dev; do
  [[ ! -e $path ]] || fail "$path left after purge"
done
if grep -q libatshook <<< "$(ldconfig -p)"; then fail "libatshook left in the ldconfig cache"; fi
library_seconds=$((SECONDS - started))

# 2. The tool.
$sudo apt-get install -y "${keep_docs[@]}" "$(deb ats-hook)"
[[ $(command -v ats-hook) == /usr/bin/ats-hook ]] || fail "ats-hook is not /usr/bin/ats-hook"
[[ $(ats-hook --version) == "$version" ]] || fail "installed ats-hook --version"
[[ $(man -w ats-hook) == /usr/share/man/man1/ats-hook.1.gz ]] || fail "man -w ats-hook"
grep -q "ats-hook - " <<< "$(man ats-hook)" || fail "man ats-hook does not show the page"
[[ -f /usr/share/doc/ats-hook/copyright ]] || fail "no copyright file"
[[ -f /usr/share/bash-completion/completions/ats-hook ]] || fail "no bash completion"
if installed libatshook0; then fail "installing ats-hook pulled in libatshook0"; fi
# Its network commands, through the module apt put in /usr/lib/<triplet>/ats-hook/.
bash "$source/tests/install/network_commands.sh" /usr/bin/ats-hook "$secret_file"

$sudo apt-get purge -y ats-hook
[[ ! -e /usr/bin/ats-hook ]] || fail "/usr/bin/ats-hook left after removal"
if installed ats-hook; then fail "ats-hook still known to dpkg"; fi
for path in /usr/share/man/man1/ats-hook.1.gz /usr/share/doc/ats-hook \
            /usr/share/bash-completion/completions/ats-hook; do
  [[ ! -e $path ]] || fail "$path left after purge"
done
echo "ok: libatshook0 and libatshook-dev installed alone, samples/handler built against them" \
     "with CMake and pkg-config judged fresh and forged deliveries, purged clean" \
     "(${library_seconds} s); ats-hook installed, ran, showed its man page, purged clean" \
     "($((SECONDS - started)) s in all)"
