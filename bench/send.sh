#!/usr/bin/env bash
# Speed of `ats-hook emit`, the two rows of issue 20's table in one run, each phase RUNS times
# (best run and the spread printed), the phases of one round run one after the other:
#  1. making events: `emit all --count COUNT --seed 1 > /dev/null` (COUNT events of each of the
#     19 types), events per second of wall time and of CPU time (user + sys), target >= 50,000
#     a second on one core, beside `jq -c .` rewriting the same events (target <= 0.36x jq's
#     CPU time); and two runs with the same --seed and --at must write the same bytes.
#  2. sending, against a local nginx answering 204 to anything (one worker, access log off,
#     keep-alive without a request limit), one after the other:
#     (a) wrk -t1 -cCONNECTIONS sending one fixed pre-signed request (bench/send/fixed.lua, made
#         by `ats-hook emit interview.created --format http`): what the loopback, nginx and a
#         client that does nothing per request manage;
#     (b) `ats-hook emit all --count N --seed 1 --send URL --concurrency CONNECTIONS`: making,
#         signing and sending distinct events (19 * N deliveries); every answer must be 204.
#     Prints both rates, the ratio wrk / ats-hook (target <= 1.5) and both clients' CPU per
#     request.
# Each phase also reports how much CPU other processes took meanwhile (from /proc/stat), since
# the figures mean little on a machine busy with something else.
# Needs nginx and wrk (Debian: apt-get install nginx-light wrk), jq, pgrep; no root: nginx runs
# in the foreground from a temporary directory, on a free port of 127.0.0.1, stopped at exit.
# Usage: [ATS_HOOK=build/ats-hook] [COUNT=10000] [CHECK_COUNT=1000] [N=2000] [DURATION=8]
#        [CONNECTIONS=16] [RUNS=3] bench/send.sh
# A quick try: COUNT=500 CHECK_COUNT=100 N=200 DURATION=2 RUNS=1 bench/send.sh
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
die() {
  echo "bench/send.sh: $*" >&2
  exit 1
}
count=${COUNT:-10000}
check_count=${CHECK_COUNT:-1000}
n=${N:-2000}
duration=${DURATION:-8}
connections=${CONNECTIONS:-16}
runs=${RUNS:-3}
for value in "$count" "$check_count" "$n" "$duration" "$connections" "$runs"; do
  [[ $value =~ ^[1-9][0-9]*$ ]] ||
    die "COUNT, CHECK_COUNT, N, DURATION, CONNECTIONS and RUNS are whole numbers >= 1, not '$value'"
done
((count <= 1000000 && check_count <= 1000000 && n <= 1000000)) ||
  die "COUNT, CHECK_COUNT and N are at most 1000000 (emit --count's limit)"
((connections <= 1000)) || die "CONNECTIONS is at most 1000 (emit --concurrency's limit)"

nginx_bin=$(command -v nginx || true)
if [[ -z $nginx_bin && -x /usr/sbin/nginx ]]; then nginx_bin=/usr/sbin/nginx; fi
[[ -n $nginx_bin ]] || die "nginx not found (Debian: apt-get install nginx-light)"
command -v wrk >/dev/null || die "wrk not found (Debian: apt-get install wrk)"
command -v jq >/dev/null || die "jq not found (Debian: apt-get install jq)"
command -v pgrep >/dev/null || die "pgrep not found (Debian: apt-get install procps)"
command -v sha256sum >/dev/null || die "sha256sum not found (Debian: apt-get install coreutils)"
ats_hook=${ATS_HOOK:-build/ats-hook}
[[ -x $ats_hook ]] || die "$ats_hook not found: build ats-hook first, or set ATS_HOOK"
[[ $("$ats_hook" emit --help 2>&1) == *--concurrency* ]] ||
  die "$ats_hook emit has no --concurrency option yet"

work=$(mktemp -d "${TMPDIR:-/tmp}/ats-hook-send.XXXXXX")
nginx_pid=""
cleanup() {
  local status=$?
  if [[ -n $nginx_pid ]] && kill -0 "$nginx_pid" 2>/dev/null; then
    kill -TERM "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Measure a copy, so that a rebuild during the run cannot swap the binary between two phases.
# emit --send loads the network module from the binary's folder: copy it beside the binary.
module=$(dirname "$ats_hook")/ats-hook-network.so
[[ -f $module ]] || die "$module not found: build the atshook_network target too"
cp "$ats_hook" "$work/ats-hook"
cp "$module" "$work/ats-hook-network.so"
ats_hook=$work/ats-hook
hz=$(getconf CLK_TCK)

# CPU seconds (user + system) all processors spent busy since boot.
system_busy() {
  awk -v hz="$hz" '/^cpu / { print ($2 + $3 + $4 + $7 + $8 + $9) / hz; exit }' /proc/stat
}
# CPU seconds (user + system) process $1 used so far; 0 when there is none.
process_cpu() {
  if [[ -z $1 || ! -r /proc/$1/stat ]]; then
    echo 0
    return
  fi
  awk -v hz="$hz" '{ sub(/^.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat"
}
nginx_worker=""
# timed NAME OUT COMMAND...: runs COMMAND (stdout to OUT, stderr to $work/NAME.err) and sets
# t_status, t_wall, t_cpu (its user + sys seconds), t_server (the nginx worker's CPU seconds
# meanwhile) and t_other (cores that other processes kept busy meanwhile, on average).
timed() {
  local name=$1 out=$2
  shift 2
  local busy0 busy1 server0 server1 user sys
  busy0=$(system_busy)
  server0=$(process_cpu "$nginx_worker")
  t_status=0
  local TIMEFORMAT='%R %U %S'
  { time "$@" >"$out" 2>"$work/$name.err"; } 2>"$work/$name.time" || t_status=$?
  busy1=$(system_busy)
  server1=$(process_cpu "$nginx_worker")
  read -r t_wall user sys < <(tail -n 1 "$work/$name.time")
  t_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
  t_server=$(awk -v a="$server0" -v b="$server1" 'BEGIN { printf "%.3f", b - a }')
  t_other=$(awk -v a="$busy0" -v b="$busy1" -v c="$t_cpu" -v s="$t_server" -v w="$t_wall" \
    'BEGIN { o = (b - a - c - s) / (w > 0.001 ? w : 0.001); printf "%.2f", o < 0 ? 0 : o }')
}
# div A B [FORMAT] [SCALE]: SCALE * A / B, printed with FORMAT (default: a whole number).
div() {
  awk -v a="$1" -v b="$2" -v f="${3:-%.0f}" -v k="${4:-1}" 'BEGIN { printf f, k * a / (b > 0 ? b : 1e-9) }'
}
verdict() { if (($1)); then echo ok; else echo MISSED; fi; }
# best_of max|min VALUES...: the largest (or smallest) value.
best_of() {
  local way=$1
  shift
  printf '%s\n' "$@" | sort -g | if [[ $way == max ]]; then tail -n 1; else head -n 1; fi
}
# spread VALUES...: "lowest-highest" (one value alone when there was one run).
spread() {
  local low high
  low=$(best_of min "$@") high=$(best_of max "$@")
  if [[ $low == "$high" ]]; then echo "$low"; else echo "$low-$high"; fi
}
# worst_load VALUES...: the most cores other processes kept busy during one of the runs.
worst_load() { best_of max "$@"; }

# --- 1. Making events --------------------------------------------------------------------------
types=$("$ats_hook" emit all --count 1 --seed 1 | wc -l)
((types > 0)) || die "emit all --count 1 wrote nothing"
events=$((types * count))
# The same events once in a file, for jq to rewrite.
"$ats_hook" emit all --count "$count" --seed 1 >"$work/events.ndjson"
emit_cpu_rates=() emit_wall_rates=() emit_loads=() jq_ratios=() jq_cpus=() jq_loads=()
for ((run = 1; run <= runs; run++)); do
  echo "1. making events ($run/$runs): emit all --count $count --seed 1 > /dev/null ($events events)..." >&2
  timed emit /dev/null "$ats_hook" emit all --count "$count" --seed 1
  ((t_status == 0)) || die "emit all --count $count failed ($t_status): $(tail -n 5 "$work/emit.err")"
  emit_cpu_rates+=("$(div "$events" "$t_cpu")")
  emit_wall_rates+=("$(div "$events" "$t_wall")")
  emit_loads+=("$t_other")
  emit_cpu=$t_cpu
  echo "   jq -c . over the same events..." >&2
  timed jq /dev/null jq -c . "$work/events.ndjson"
  ((t_status == 0)) || die "jq -c . failed ($t_status): $(tail -n 5 "$work/jq.err")"
  jq_cpus+=("$t_cpu")
  jq_ratios+=("$(div "$emit_cpu" "$t_cpu" %.2f)")
  jq_loads+=("$t_other")
done
rm -f "$work/events.ndjson"
emit_cpu_rate=$(best_of max "${emit_cpu_rates[@]}")
emit_wall_rate=$(best_of max "${emit_wall_rates[@]}")
emit_us=$(div 1 "$emit_cpu_rate" %.1f 1e6)
jq_ratio=$(best_of min "${jq_ratios[@]}")
jq_cpu=$(best_of min "${jq_cpus[@]}")

at=2026-01-01T00:00:00Z
check_events=$((types * check_count))
echo "   the same bytes twice: emit all --count $check_count --seed 1 --at $at..." >&2
"$ats_hook" emit all --count "$check_count" --seed 1 --at "$at" >"$work/same.ndjson"
same_lines=$(wc -l <"$work/same.ndjson")
hash1=$(sha256sum <"$work/same.ndjson" | cut -d' ' -f1)
rm -f "$work/same.ndjson"
hash2=$("$ats_hook" emit all --count "$check_count" --seed 1 --at "$at" | sha256sum | cut -d' ' -f1)
same=0
if [[ $hash1 == "$hash2" && $same_lines -eq $check_events ]]; then same=1; fi

# --- 2. Sending ---------------------------------------------------------------------------------
mkdir -p "$work/nginx"
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
write_conf() {
  local dir=$work/nginx
  cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
lock_file $dir/nginx.lock;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  keepalive_requests 100000000;
  keepalive_timeout 75s;
  server {
    listen 127.0.0.1:$1;
    location / { return 204; }
    location = /nginx-status { stub_status; }
  }
}
EOF
}
# Sets n_accepted and n_requests: connections nginx accepted and requests it handled so far
# (stub_status; its own connection and request count too).
nginx_counts() {
  local reply
  exec 4<>"/dev/tcp/127.0.0.1/$port" || die "cannot connect to nginx on port $port"
  printf 'GET /nginx-status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&4
  reply=$(timeout 5 cat <&4) || true
  exec 4<&-
  [[ $reply =~ server\ accepts\ handled\ requests[[:space:]]+([0-9]+)\ [0-9]+\ ([0-9]+) ]] ||
    die "nginx stub_status answered: $reply"
  n_accepted=${BASH_REMATCH[1]} n_requests=${BASH_REMATCH[2]}
}
# Starts nginx on a free port of 127.0.0.1: sets nginx_pid, nginx_worker and port.
start_nginx() {
  local _
  for _ in $(seq 20); do
    port=$((20000 + RANDOM % 40000))
    if port_in_use "$port"; then continue; fi
    write_conf "$port"
    rm -f "$work/nginx/nginx.pid"
    "$nginx_bin" -p "$work/nginx/" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" \
      >"$work/nginx/stdout" 2>&1 &
    nginx_pid=$!
    # nginx writes its pid file once it has bound its port (it tries 5 times, 0.5 s apart).
    for _ in $(seq 200); do
      [[ -s $work/nginx/nginx.pid ]] && break
      kill -0 "$nginx_pid" 2>/dev/null || break
      sleep 0.05
    done
    if [[ -s $work/nginx/nginx.pid ]]; then
      for _ in $(seq 100); do
        nginx_worker=$(pgrep -P "$nginx_pid" | head -n 1 || true)
        [[ -n $nginx_worker ]] && return
        sleep 0.05
      done
      die "nginx started no worker process: $(cat "$work/nginx/error.log" 2>/dev/null)"
    fi
    if kill -0 "$nginx_pid" 2>/dev/null; then
      die "nginx did not start within 10 s: $(cat "$work/nginx/error.log" "$work/nginx/stdout" 2>/dev/null)"
    fi
    wait "$nginx_pid" 2>/dev/null || true
    nginx_pid=""
    grep -qs 'Address already in use' "$work/nginx/error.log" "$work/nginx/stdout" ||
      die "nginx failed to start: $(cat "$work/nginx/error.log" "$work/nginx/stdout" 2>/dev/null)"
  done
  die "found no free port for nginx in 20 tries"
}
start_nginx
nginx_version=$("$nginx_bin" -v 2>&1 | sed 's/^nginx version: //')
url=http://127.0.0.1:$port/webhooks/hirehive

# A throwaway bench secret: generated here, removed with $work.
key=$work/key
"$ats_hook" keygen -o "$key"
request=$work/request.http
"$ats_hook" emit interview.created --seed 1 --secret-file "$key" --format http --url "$url" \
  >"$request"
body_bytes=$(grep -i -m1 '^content-length:' "$request" | tr -dc 0-9)
# The fixed request once, by hand: nginx must answer it 204.
probe=""
if exec 3<>"/dev/tcp/127.0.0.1/$port"; then
  cat "$request" >&3
  IFS= read -r -t 5 probe <&3 || true
  exec 3<&-
fi
probe=${probe%$'\r'}
[[ $probe == "HTTP/1.1 204"* ]] || die "nginx answered the fixed request with '$probe', not 204"

deliveries=$((types * n))
wrk_rates=() wrk_cpus=() wrk_loads=() send_rates=() send_cpus=() send_loads=() ratios=()
best_wrk="" best_send=""
for ((run = 1; run <= runs; run++)); do
  echo "2a. wrk -t1 -c$connections -d${duration}s, one fixed request ($run/$runs)..." >&2
  nginx_counts
  accepted0=$n_accepted
  timed wrk "$work/wrk.out" wrk -t1 -c"$connections" -d"${duration}s" -s bench/send/fixed.lua \
    "$url" -- "$request"
  ((t_status == 0)) || die "wrk failed ($t_status): $(cat "$work/wrk.out" "$work/wrk.err")"
  wrk_loads+=("$t_other")
  nginx_counts
  line=$(grep -m1 '^RESULT ' "$work/wrk.out") ||
    die "wrk printed no RESULT line: $(cat "$work/wrk.out")"
  w_requests=0 w_duration_us=0 w_status_errors=0 w_connect=0 w_read=0 w_write=0 w_timeout=0
  w_p50_us=0 w_p99_us=0
  for pair in ${line#RESULT }; do printf -v "w_${pair%%=*}" '%s' "${pair#*=}"; done
  ((w_requests > 0)) || die "wrk sent no request: $(cat "$work/wrk.out")"
  ((w_status_errors == 0 && w_connect + w_read + w_write + w_timeout == 0)) ||
    die "wrk saw statuses >= 400 or socket errors: $line"
  rate=$(div "$w_requests" "$w_duration_us" %.0f 1e6)
  wrk_rates+=("$rate")
  wrk_cpus+=("$(div "$t_cpu" "$w_requests" %.1f 1e6)")
  if [[ -z $best_wrk ]] || ((rate > ${best_wrk%% *})); then
    best_wrk="$rate $(div "$w_p50_us" 1000 %.2f) $(div "$w_p99_us" 1000 %.2f)"
    best_wrk+=" $(div "$t_cpu" "$w_requests" %.1f 1e6) $(div "$t_server" "$w_requests" %.1f 1e6)"
    best_wrk+=" $((n_accepted - accepted0 - 1)) $w_requests"
  fi
  wrk_rate=$rate

  echo "2b. ats-hook emit all --count $n --send --concurrency $connections ($deliveries deliveries, $run/$runs)..." >&2
  nginx_counts
  accepted0=$n_accepted requests0=$n_requests
  timed send "$work/send.json" "$ats_hook" emit all --count "$n" --seed 1 --secret-file "$key" \
    --send "$url" --concurrency "$connections" --format json
  send_loads+=("$t_other")
  nginx_counts
  send_requests=$((n_requests - requests0 - 1))
  jq -e . "$work/send.json" >/dev/null 2>&1 ||
    die "ats-hook --send printed no JSON summary (exit $t_status): $(tail -n 5 "$work/send.err")"
  field() { jq -r "$1" "$work/send.json"; }
  s_deliveries=$(field .deliveries)
  s_204=$(field '.statuses["204"] // 0')
  s_others=$(field '[.statuses | to_entries[] | select(.key != "204") | .value] | add // 0')
  s_network=$(field .network_errors)
  ((t_status == 0 && s_deliveries == deliveries && s_204 == deliveries && s_others == 0 &&
    s_network == 0 && send_requests == deliveries)) ||
    die "ats-hook --send: not every delivery was answered 204 (exit $t_status, $s_204 of" \
      "$deliveries, nginx counted $send_requests): $(tail -n 5 "$work/send.err")"
  rate=$(field '.deliveries_per_second | floor')
  cpu_us=$(field '.cpu_us_per_delivery * 10 | round / 10')
  send_rates+=("$rate")
  send_cpus+=("$cpu_us")
  ratios+=("$(div "$wrk_rate" "$rate" %.2f)")
  if [[ -z $best_send ]] || ((rate > ${best_send%% *})); then
    best_send="$rate $(field .latency.p50_ms) $(field .latency.p99_ms) $cpu_us"
    best_send+=" $(div "$t_server" "$s_deliveries" %.1f 1e6) $((n_accepted - accepted0 - 1))"
    best_send+=" $t_wall $t_cpu $(div "$t_cpu" "$s_deliveries" %.1f 1e6)"
    s_statuses=$(field '.statuses | to_entries | map("\(.key): \(.value)") | join(", ")')
  fi
done
read -r wrk_rate wrk_p50 wrk_p99 wrk_cpu_us wrk_nginx_us wrk_connections w_requests <<<"$best_wrk"
read -r s_rate s_p50 s_p99 s_cpu_us send_nginx_us send_connections send_wall send_cpu \
  send_cpu_us <<<"$best_send"
# The ratio of the best runs, and the spread of the ratios within a round (wrk beside ats-hook).
ratio=$(div "$wrk_rate" "$s_rate" %.2f)

# --- Report -------------------------------------------------------------------------------------
echo
echo "ats-hook emit, $(nproc) cores; nginx $nginx_version (1 worker, return 204) on $url;" \
  "wrk $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f2); $(jq --version); best of $runs runs (spread)"
echo
echo "1. emit all --count $count --seed 1 > /dev/null: $events events"
printf '   CPU (user + sys): %s events/s (%s), %s us an event; wall: %s events/s (%s)\n' \
  "$emit_cpu_rate" "$(spread "${emit_cpu_rates[@]}")" "$emit_us" "$emit_wall_rate" \
  "$(spread "${emit_wall_rates[@]}")"
printf '   jq -c . over the same events: CPU %.2f s; emit takes %sx jq'"'"'s CPU time (%s)\n' \
  "$jq_cpu" "$jq_ratio" "$(spread "${jq_ratios[@]}")"
printf '   same --seed and --at, twice (%d events each): %s\n' "$check_events" \
  "$(if ((same)); then echo "same bytes, sha256 ${hash1:0:16}..."; else
    echo "DIFFERENT: $hash1 ($same_lines lines) vs $hash2"; fi)"
echo
echo "2. sending over loopback to nginx, $connections connections ($body_bytes-byte body for wrk)," \
  "the best run of each"
row() { printf '   %-40s %10s %-13s %7s %7s %10s %-11s %8s %6s\n' "$@"; }
row "" "requests/s" "(spread)" "p50 ms" "p99 ms" "CPU us/req" "(spread)" "nginx us" conns
row "(a) wrk -t1 -c$connections -d${duration}s, a fixed request" "$wrk_rate" \
  "($(spread "${wrk_rates[@]}"))" "$wrk_p50" "$wrk_p99" "$wrk_cpu_us" \
  "($(spread "${wrk_cpus[@]}"))" "$wrk_nginx_us" "$wrk_connections"
row "(b) ats-hook emit all --count $n --send" "$s_rate" "($(spread "${send_rates[@]}"))" \
  "$s_p50" "$s_p99" "$s_cpu_us" "($(spread "${send_cpus[@]}"))" "$send_nginx_us" \
  "$send_connections"
echo "   (a) answers: $w_requests, none >= 400, no socket error; (b) $deliveries deliveries:" \
  "$s_statuses, no network error, nginx counted every request, in every run"
printf '   (b) as a whole process, start-up and making the events included: %.2f s, %s deliveries/s;' \
  "$send_wall" "$(div "$deliveries" "$send_wall")"
printf ' CPU %.2f s, %s us a delivery\n' "$send_cpu" "$send_cpu_us"
echo "   (CPU us/req: the client's user + sys per request, ats-hook's as its summary says" \
  "(the sending, making the events included); nginx us: the nginx worker's; conns:" \
  "connections nginx accepted)"
echo
echo "issue 20's table (best of $runs runs; spread in brackets):"
printf '   %-66s %-33s %s\n' what target measured
printf '   %-66s %-33s %s\n' "emit all --count $count CPU time, beside jq -c . on the same events" \
  ">= 50000 events/s (<= 0.36x jq)" \
  "$emit_cpu_rate/s, ${jq_ratio}x jq ($(spread "${jq_ratios[@]}")x) $(verdict \
    "$((emit_cpu_rate >= 50000))")"
printf '   %-66s %-33s %s\n' "emit all --count $n --send --concurrency $connections beside wrk -t1 -c$connections" \
  "within 1.5x of wrk" \
  "${ratio}x (each round: $(spread "${ratios[@]}")x) $(verdict \
    "$(awk -v r="$ratio" 'BEGIN { print (r <= 1.5) }')")"
printf '   %-66s %-33s %s\n' "same --seed and --at give the same bytes" yes \
  "$(if ((same)); then echo yes; else echo no; fi) $(verdict "$same")"
echo
load_emit=$(worst_load "${emit_loads[@]}" "${jq_loads[@]}")
load_wrk=$(worst_load "${wrk_loads[@]}")
load_send=$(worst_load "${send_loads[@]}")
echo "other processes kept busy, on average, at most: $load_emit cores while making events" \
  "(and jq), $load_wrk during (a), $load_send during (b)"
busy=""
for pair in "emit:$load_emit" "wrk:$load_wrk" "send:$load_send"; do
  if awk -v o="${pair#*:}" 'BEGIN { exit !(o >= 0.25) }'; then busy+=" ${pair%%:*}"; fi
done
if [[ -n $busy ]]; then
  echo "warning: the machine was busy with other work during:$busy; those figures are disturbed" \
    "by CPU contention: rerun on a quiet machine"
fi
((same)) || die "two runs with --seed 1 --at $at wrote different bytes"
