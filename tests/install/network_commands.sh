#!/usr/bin/env bash
# An installed ats-hook as a user runs it, where the network module lies where the install put it:
# the tool itself links no network library (start-up pays for none), and the commands that talk
# HTTP load the module and work: `emit --send` delivers a signed event to `listen`, which
# verifies it and keeps it, and `replay` sends that capture again.
#   tests/install/network_commands.sh ATS_HOOK SECRET_FILE
set -euo pipefail
ats=$1
secret_file=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d)
listener=""
trap '[[ -z $listener ]] || kill "$listener" 2>/dev/null || true; rm -rf "$work"' EXIT

libraries=$(ldd "$ats")
if grep -Eq 'libcurl|libmicrohttpd|libgnutls|libgssapi|libldap|libssh' <<< "$libraries"; then
  fail "$ats links a network library:"$'\n'"$libraries"
fi

# Two deliveries: the one emit sends, then the replay of its capture.
"$ats" listen --port 0 --count 2 --secret-file "$secret_file" --save "$work/captures" \
  > "$work/listen.out" 2> "$work/listen.err" &
listener=$!
url=""
for _ in $(seq 100); do
  url=$(sed -n 's/^listening on \(http:[^ ]*\)$/\1/p' "$work/listen.err")
  [[ -z $url ]] || break
  kill -0 "$listener" 2>/dev/null || fail "listen exited: $(cat "$work/listen.err")"
  sleep 0.1
done
[[ -n $url ]] || fail "listen printed no address: $(cat "$work/listen.err")"
"$ats" emit interview.created --seed 7 --send "$url" --secret-file "$secret_file" \
  > "$work/emit.out" 2>&1 || fail "emit --send failed: $(cat "$work/emit.out")"
captures=("$work"/captures/*)
[[ ${#captures[@]} == 1 && -f ${captures[0]} ]] || fail "listen --save kept: ${captures[*]}"
"$ats" replay "${captures[0]}" --to "$url" --secret-file "$secret_file" > "$work/replay.out" 2>&1 ||
  fail "replay failed: $(cat "$work/replay.out")"
status=0
wait "$listener" || status=$?
listener=""
[[ $status == 0 ]] || fail "listen --count 2 exited $status: $(cat "$work/listen.err")"
echo "ok: $ats links no network library; emit --send and replay delivered to listen," \
  "which verified both"
