#!/usr/bin/env bash
# `cpack -G DEB` from the build folder: the three packages' names, versions, contents, control
# fields and control files, and lintian's verdict on each (any error or warning fails; the
# informational tags are printed).
#   tests/install/package.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

version=$("$build/ats-hook" --version)
arch=$(dpkg --print-architecture)
triplet=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
libdir=/usr/lib/$triplet
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" > cpack.log) ||
  { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
tool=$work/out/ats-hook_${version}_${arch}.deb
lib=$work/out/libatshook0_${version}_${arch}.deb
dev=$work/out/libatshook-dev_${version}_${arch}.deb
made=$(cd "$work/out" && ls *.deb | sort | tr '\n' ' ')
expected=$(printf '%s\n' "$tool" "$lib" "$dev" | xargs -n 1 basename | sort | tr '\n' ' ')
[[ $made == "$expected" ]] || fail "cpack made: $made; expected: $expected"

field() { dpkg-deb --field "$1" "$2"; }
contents() { # the paths a package installs, symlinks as "path -> target"
  dpkg-deb --contents "$1" | awk '$1 !~ /^d/ {print substr($0, index($0, "./") + 1)}' | sort
}
# expect_contents DEB PATH...: the package holds exactly these files (no directories listed).
expect_contents() {
  local deb=$1; shift
  diff <(printf '%s\n' "$@" | sort) <(contents "$deb") > "$work/diff" ||
    fail "$(basename "$deb") contents (< expected, > found):"$'\n'"$(cat "$work/diff")"
}
# control_files DEB: the members of its control area, sorted.
control_files() { dpkg-deb --ctrl-tarfile "$1" | tar -t | sed 's|^\./||' | grep -v '^$' | sort |
                  tr '\n' ' '; }

for deb in "$tool" "$lib" "$dev"; do
  [[ $(field "$deb" Version) == "$version" ]] ||
    fail "$(basename "$deb"): Version $(field "$deb" Version), not $version"
  [[ $(field "$deb" Architecture) == "$arch" ]] || fail "$(basename "$deb"): Architecture"
done

# ats-hook: the tool and its files, the same as before the library had packages.
[[ $(field "$tool" Package) == ats-hook ]] || fail "Package: $(field "$tool" Package)"
[[ $(field "$tool" Section) == devel ]] || fail "ats-hook Section: $(field "$tool" Section)"
depends=$(field "$tool" Depends)
for library in libc6 libssl3 libcurl4 libmicrohttpd12 libstdc++6; do
  grep -q "\b$library\b" <<< "$depends" || fail "ats-hook Depends lacks $library: $depends"
done
if grep -q libatshook <<< "$depends"; then fail "ats-hook depends on the library: $depends"; fi
# The network module (libcurl, libmicrohttpd), private to the tool; Depends above come from it too,
# as dpkg-shlibdeps reads every ELF file of the package.
expect_contents "$tool" /usr/bin/ats-hook "$libdir/ats-hook/ats-hook-network.so" \
  /usr/share/man/man1/ats-hook.1.gz \
  /usr/share/doc/ats-hook/README.md /usr/share/doc/ats-hook/copyright \
  /usr/share/doc/ats-hook/changelog.gz /usr/share/bash-completion/completions/ats-hook \
  /usr/share/zsh/vendor-completions/_ats-hook /usr/share/fish/vendor_completions.d/ats-hook.fish
[[ $(control_files "$tool") == "control md5sums " ]] ||
  fail "ats-hook control files: $(control_files "$tool")"

# libatshook0: the library, named after its soname, with shlibs and the ldconfig trigger and
# no maintainer scripts.
[[ $(field "$lib" Package) == libatshook0 ]] || fail "Package: $(field "$lib" Package)"
[[ $(field "$lib" Section) == libs ]] || fail "libatshook0 Section: $(field "$lib" Section)"
[[ $(field "$lib" Source) == ats-hook ]] || fail "libatshook0 Source: $(field "$lib" Source)"
lib_depends=$(field "$lib" Depends) # from dpkg-shlibdeps: the libraries it links, with versions
for library in libc6 libssl3 libstdc++6; do
  grep -q "\b$library\b" <<< "$lib_depends" ||
    fail "libatshook0 Depends lacks $library: $lib_depends"
done
expect_contents "$lib" "$libdir/libatshook.so.$version" \
  "$libdir/libatshook.so.0 -> libatshook.so.$version" \
  /usr/share/doc/libatshook0/copyright /usr/share/doc/libatshook0/changelog.gz
[[ $(control_files "$lib") == "control md5sums shlibs triggers " ]] ||
  fail "libatshook0 control files: $(control_files "$lib")"
mkdir "$work/lib"
dpkg-deb --control "$lib" "$work/lib/DEBIAN"
dpkg-deb --extract "$lib" "$work/lib"
shlibs=$(cat "$work/lib/DEBIAN/shlibs")
[[ $shlibs == "libatshook 0 libatshook0 (>= $version)" ]] || fail "shlibs: $shlibs"
[[ $(cat "$work/lib/DEBIAN/triggers") == "activate-noawait ldconfig" ]] ||
  fail "triggers: $(cat "$work/lib/DEBIAN/triggers")"
soname=$(readelf -d "$work/lib$libdir/libatshook.so.$version" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[[ $soname == libatshook.so.0 ]] || fail "the packaged library's soname is $soname"

# libatshook-dev: what building against it needs, tied to this very library version.
[[ $(field "$dev" Package) == libatshook-dev ]] || fail "Package: $(field "$dev" Package)"
[[ $(field "$dev" Section) == libdevel ]] || fail "libatshook-dev Section: $(field "$dev" Section)"
[[ $(field "$dev" Depends) == "libatshook0 (= $version)" ]] ||
  fail "libatshook-dev Depends: $(field "$dev" Depends)"
config=$(dpkg-deb --contents "$dev" | grep -o 'atshookTargets-[a-z]*\.cmake' || true)
[[ -n $config ]] || fail "libatshook-dev has no atshookTargets-<config>.cmake"
expect_contents "$dev" /usr/include/atshook/atshook.hpp "$libdir/libatshook.so -> libatshook.so.0" \
  "$libdir/pkgconfig/atshook.pc" "$libdir/cmake/atshook/atshookConfig.cmake" \
  "$libdir/cmake/atshook/atshookConfigVersion.cmake" "$libdir/cmake/atshook/atshookTargets.cmake" \
  "$libdir/cmake/atshook/$config" \
  /usr/share/doc/libatshook-dev/copyright /usr/share/doc/libatshook-dev/changelog.gz
[[ $(control_files "$dev") == "control md5sums " ]] ||
  fail "libatshook-dev control files: $(control_files "$dev")"
# Its pkg-config file names /usr and finds the rest from there: moved to the package's unpacked
# tree, it gives that tree's folders.
dpkg-deb --extract "$dev" "$work/dev"
pc=$work/dev$libdir/pkgconfig/atshook.pc
grep -qx 'prefix=/usr' "$pc" || fail "atshook.pc: $(cat "$pc")"
pkg_config() { PKG_CONFIG_PATH=$work/dev$libdir/pkgconfig PKG_CONFIG_LIBDIR=/nonexistent \
               pkg-config --define-variable=prefix="$work/dev/usr" "$@"; }
flags=$(pkg_config --cflags --libs atshook | xargs) || fail "pkg-config: $(cat "$pc")"
[[ $flags == "-I$work/dev/usr/include -L$work/dev$libdir -latshook" ]] ||
  fail "pkg-config --cflags --libs atshook: $flags"
[[ $(pkg_config --modversion atshook) == "$version" ]] || fail "pkg-config --modversion atshook"

# Each package has its copyright, Apache-2.0, and the same file.
for deb in "$tool" "$lib" "$dev"; do
  package=$(field "$deb" Package)
  dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/share/doc/$package/copyright" > "$work/copyright"
  cmp -s "$work/copyright" "$(dirname "$0")/../../cmake/debian/copyright" ||
    fail "$package's copyright differs from cmake/debian/copyright"
  grep -qx 'License: Apache-2.0' "$work/copyright" || fail "$package's copyright: no Apache-2.0"
done

# The binary in the tool's package runs, and its man page is gzip -9n and renders.
dpkg-deb --extract "$tool" "$work/root"
[[ $("$work/root/usr/bin/ats-hook" --version) == "$version" ]] || fail "packaged binary"
gzip -t "$work/root/usr/share/man/man1/ats-hook.1.gz"
warnings=$(zcat "$work/root/usr/share/man/man1/ats-hook.1.gz" |
           LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l - 2>&1 >/dev/null)
[[ -z $warnings ]] || fail "man page warnings: $warnings"

# The tool and the library are hardened alike (relro, bind now, stack protector, fortified libc
# calls) and stripped as dh_strip would, without the compiler's .comment notes.
for binary in "$work/root/usr/bin/ats-hook" "$work/lib$libdir/libatshook.so.$version"; do
  name=$(basename "$binary")
  # Whole outputs first: grep -q would stop reading early, and pipefail would see a SIGPIPE.
  segments=$(readelf -lW "$binary") dynamic=$(readelf -d "$binary")
  sections=$(readelf -SW "$binary") symbols=$(nm -D "$binary")
  grep -q GNU_RELRO <<< "$segments" || fail "$name: no relro"
  grep -q BIND_NOW <<< "$dynamic" || fail "$name: not linked with -z now"
  grep -q ' U __stack_chk_fail@' <<< "$symbols" || fail "$name: no stack protector"
  grep -q ' U __[a-z]*_chk@' <<< "$symbols" || fail "$name: no fortified calls"
  if grep -qE ' \.(comment|symtab) ' <<< "$sections"; then
    fail "$name: not stripped of .symtab and .comment"
  fi
done

# lintian on the three at once (it names the package in each line): errors and warnings fail;
# the informational and pedantic tags are shown, and README.md says why those remain.
lintian --fail-on error,warning --display-info --pedantic "$tool" "$lib" "$dev" |
  tee "$work/lintian.log" || fail "lintian reports errors or warnings (above)"
echo "ok: $made"
echo "  ats-hook Depends: $depends"
echo "  libatshook0 Depends: $lib_depends; shlibs: $shlibs"
echo "  lintian: $(grep -c '^[EWIP]:' "$work/lintian.log" || true) tags, no errors or warnings"
