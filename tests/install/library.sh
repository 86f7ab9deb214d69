#!/usr/bin/env bash
# The installed libatshook as another project sees it: `cmake --install` into a fresh prefix,
# only the public header there, and samples/handler configured with find_package(atshook) from
# that prefix alone, built, and run on signed deliveries; built with pkg-config too.
#   tests/install/library.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(realpath "$1")
source=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"

# The public surface is one header; internal headers stay out.
headers=$(cd "$work/prefix/include" && find . -type f | sort)
[[ "$headers" == "./atshook/atshook.hpp" ]] || fail "installed headers: $headers"
[[ -n $(find "$work/prefix" -name libatshook.so.0) ]] || fail "libatshook.so.0 not installed"
# Only the public functions are exported.
lib=$(find "$work/prefix" -name 'libatshook.so.*.*' | head -n 1)
if nm -D --defined-only "$lib" | awk '{print $3}' | c++filt | grep 'atshook::' |
     grep -v 'atshook::api::' > "$work/leaked"; then
  fail "internal symbols exported: $(head -n 3 "$work/leaked")"
fi

# A project of its own, which knows only the prefix.
cmake -S "$source/samples/handler" -B "$work/handler" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release > "$work/configure.log" ||
  { cat "$work/configure.log"; fail "samples/handler does not configure"; }
cmake --build "$work/handler" > "$work/build.log" ||
  { cat "$work/build.log"; fail "samples/handler does not build"; }
if grep -q -- "-I$build\|-I$source/src" "$work/build.log" "$work/handler/build.ninja"; then
  fail "samples/handler was compiled against the build tree"
fi
handler=$work/handler/handler
ats=$build/ats-hook

# The same handler built with pkg-config, as a Makefile would: atshook.pc names the prefix it was
# installed to.
pc_dir=$(dirname "$(find "$work/prefix" -name atshook.pc)")
libdir=$(dirname "$pc_dir")
flags=$(PKG_CONFIG_PATH=$pc_dir pkg-config --cflags --libs atshook | xargs)
[[ $flags == "-I$work/prefix/include -L$libdir -latshook" ]] ||
  fail "pkg-config --cflags --libs atshook: $flags"
# shellcheck disable=SC2086 # the flags are words
c++ -std=c++20 -o "$work/handler-pc" "$source/samples/handler/handler.cpp" $flags \
  -Wl,-rpath,"$libdir" 2> "$work/pc.log" ||
  { cat "$work/pc.log"; fail "samples/handler does not build with pkg-config"; }
# The published test secret, kept as a secret file should be (sign warns otherwise).
secret_file=$work/secret.txt
install -m 600 "$source/samples/signed/secret.txt" "$secret_file"
secret=$(grep -v '^#' "$secret_file")

expect() { # expect STATUS OUTPUT_PATTERN -- command...
  local want_status=$1 want_text=$2; shift 3
  set +e; out=$("$@" 2>&1); status=$?; set -e
  [[ $status == "$want_status" ]] || fail "$* exited $status, not $want_status: $out"
  grep -qE -- "$want_text" <<< "$out" || fail "$* printed: $out; expected /$want_text/"
}

# A delivery signed now: verified, valid, read.
"$ats" sign --format http --secret-file "$secret_file" \
  "$source/samples/valid/interview.created.json" > "$work/fresh.http"
expect 0 '^200 interview.created int_' -- env WEBHOOK_SECRET="$secret" "$handler" < "$work/fresh.http"
expect 0 '^200 interview.created int_' -- \
  env WEBHOOK_SECRET="$secret" "$work/handler-pc" < "$work/fresh.http"
expect 0 '  - .* \((accepted|pending|maybe|declined)\)' -- \
  env WEBHOOK_SECRET="$secret" "$handler" < "$work/fresh.http"

# The recorded sample: valid at the time it was sent, too old now.
recorded=$source/samples/signed/application.created.http
expect 0 "^200 application.created app_Lr4T8nWq2E \\(schema inferred\\)$" -- \
  env WEBHOOK_SECRET="$secret" "$handler" --now 1707124470 < "$recorded"
expect 1 '^401 too_old' -- env WEBHOOK_SECRET="$secret" "$handler" < "$recorded"

# One byte changed in the body: no matching signature.
sed 's/"rating":4/"rating":5/' "$recorded" > "$work/forged.http"
expect 1 '^401 no_matching_signature' -- \
  env WEBHOOK_SECRET="$secret" "$handler" --now 1707124470 < "$work/forged.http"

# Signed but invalid: the validator's finding with its pointer.
"$ats" sign --format http --secret-file "$secret_file" \
  "$source/samples/invalid/attendee-status-attending.json" > "$work/invalid.http"
expect 1 '^  /data/object/event/attendees/1/status: ' -- \
  env WEBHOOK_SECRET="$secret" "$handler" < "$work/invalid.http"

# A wrong key and a malformed one.
expect 1 '^401 no_matching_signature' -- \
  env WEBHOOK_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw "$handler" < "$work/fresh.http"
expect 1 '^400 WEBHOOK_SECRET: ' -- env WEBHOOK_SECRET=whsec_!!! "$handler" < "$work/fresh.http"
echo "ok: samples/handler built against the installed package (CMake, pkg-config) and judged" \
     "8 deliveries"
