#!/usr/bin/env bash
# `cpack -G DEB` from the build folder: the package's name, version, contents and Depends, and
# lintian's verdict (any error fails; warnings are printed).
#   tests/install/package.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

version=$("$build/ats-hook" --version)
arch=$(dpkg --print-architecture)
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" > cpack.log) ||
  { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
deb=$work/out/ats-hook_${version}_${arch}.deb
[[ -f $deb ]] || fail "no $deb: $(ls "$work/out")"

field() { dpkg-deb --field "$deb" "$1"; }
[[ $(field Package) == ats-hook ]] || fail "Package: $(field Package)"
[[ $(field Version) == "$version" ]] || fail "Version $(field Version), not $version"
depends=$(field Depends)
for library in libc6 libssl3 libcurl4 libmicrohttpd12 libstdc++6; do
  grep -q "\b$library\b" <<< "$depends" || fail "Depends lacks $library: $depends"
done

dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' | sort > "$work/contents"
for path in /usr/bin/ats-hook /usr/share/man/man1/ats-hook.1.gz \
            /usr/share/doc/ats-hook/README.md /usr/share/doc/ats-hook/copyright \
            /usr/share/doc/ats-hook/changelog.gz \
            /usr/share/bash-completion/completions/ats-hook \
            /usr/share/zsh/vendor-completions/_ats-hook \
            /usr/share/fish/vendor_completions.d/ats-hook.fish; do
  grep -qx "$path" "$work/contents" || fail "the package lacks $path"
done
if grep -E '^/usr/(include|lib)/' "$work/contents"; then fail "the package holds the library"; fi

# The binary in the package runs, and its man page is gzip -9n and renders.
dpkg-deb --extract "$deb" "$work/root"
[[ $("$work/root/usr/bin/ats-hook" --version) == "$version" ]] || fail "packaged binary"
gzip -t "$work/root/usr/share/man/man1/ats-hook.1.gz"
warnings=$(zcat "$work/root/usr/share/man/man1/ats-hook.1.gz" |
           LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l - 2>&1 >/dev/null)
[[ -z $warnings ]] || fail "man page warnings: $warnings"

lintian --fail-on error --info "$deb" | tee "$work/lintian.log" ||
  fail "lintian reports errors (above)"
echo "ok: $(basename "$deb"), Depends: $depends; lintian: $(grep -c '^[EWI]:' "$work/lintian.log" || true) tags, no errors"
