#!/usr/bin/env bash
# Deliveries/s, p50/p99 latency and peak memory of `ats-hook listen` under wrk over loopback,
# beside two other receivers in the same run, under the same load, each server measured alone:
# the least a libmicrohttpd receiver can do (bench/listen/bare_receiver.cpp: the same library in
# the same mode, HMAC + simdjson parse + 204, no schema, no log line; the yardstick listen is
# held to) and the receiver a typical user writes (Node.js http + the official standardwebhooks
# package, whose verify also JSON.parses; answers 204):
#   (a) verify + validate + answer;
#   (b) the same, also keeping each delivery in its own file (ats-hook --save DIR; Node
#       fs.writeFile to a temporary name + fs.rename), and ats-hook --save --fsync;
# and the file-creation limit of the save directory's file system (bench/listen/file_rate.c:
# open + write + close + rename of body-sized files, one thread, then two, into one directory).
# Each request wrk sends is a distinct interview.created delivery, signed anew (its own
# webhook-id, the current timestamp): see bench/listen/delivery.lua. In (b) every 2xx answer
# must have left a file: the script fails when a delivery was lost.
# RUNS rounds each measure every server once, in turn, so that a change in the machine's load
# touches all of them; each row shows the best round (its p50 and p99) and the spread of all.
# Needs wrk, node (>= 18), npm (the first run installs bench/listen/node_modules), cc, c++ and
# pkg-config with libmicrohttpd-dev, libsimdjson-dev and libssl-dev (to build the helpers).
# Files are written under bench/out/ (SAVE_ROOT=DIR to change), removed at exit (KEEP=1 keeps).
# BASELINE=PATH also measures another ats-hook binary (the one before a change, say) in every
# round, beside ATS_HOOK, under the same load: the rows "before".
# SEED picks the emitted event (33: a 1.1 kB body, the smallest interview.created near the 900
# bytes of performance.md); NODE_SAVE=direct makes Node fs.writeFile the final name directly.
# Usage: [ATS_HOOK=build/ats-hook] [BASELINE=PATH] [RUNS=3] [DURATION=8] [THREADS=2]
#        [CONNECTIONS=100] [WARMUP=1] [SEED=33] [NODE_SAVE=rename|direct] [SAVE_ROOT=bench/out]
#        [KEEP=1] [SETTLE=360] bench/listen.sh
set -euo pipefail
cd "$(dirname "$0")/.."
die() {
  echo "bench/listen.sh: $*" >&2
  exit 1
}
duration=${DURATION:-8}
threads=${THREADS:-2}
connections=${CONNECTIONS:-100}
warmup=${WARMUP:-1}
seed=${SEED:-33}
node_save=${NODE_SAVE:-rename}
rounds=${RUNS:-3}
for value in "$duration" "$threads" "$connections" "$warmup" "$seed" "$rounds"; do
  [[ $value =~ ^[0-9]+$ ]] ||
    die "RUNS, DURATION, THREADS, CONNECTIONS, WARMUP and SEED are whole numbers, not '$value'"
done
((rounds > 0)) || die "RUNS must be at least 1"
[[ $node_save == rename || $node_save == direct ]] || die "NODE_SAVE is rename or direct"
((duration > 0)) || die "DURATION must be at least 1 (seconds)"
command -v wrk >/dev/null || die "wrk not found (Debian: apt-get install wrk)"
command -v node >/dev/null || die "node not found (Node.js 18 or later; Debian: apt-get install nodejs)"
command -v npm >/dev/null || die "npm not found (Debian: apt-get install npm)"
command -v cc >/dev/null || die "cc not found (Debian: apt-get install gcc)"
command -v c++ >/dev/null || die "c++ not found (Debian: apt-get install g++)"
command -v pkg-config >/dev/null || die "pkg-config not found (Debian: apt-get install pkg-config)"
pkg-config --exists libmicrohttpd simdjson libcrypto ||
  die "bare_receiver needs libmicrohttpd-dev, libsimdjson-dev and libssl-dev (apt-get install them)"
ats_hook=${ATS_HOOK:-build/ats-hook}
[[ -x $ats_hook ]] || die "$ats_hook not found: build ats-hook first, or set ATS_HOOK"
ats_hook=$(realpath "$ats_hook")
[[ $("$ats_hook" listen --help 2>&1) == *--save* ]] || die "$ats_hook has no listen command yet"
baseline=${BASELINE:-}
if [[ -n $baseline ]]; then
  [[ -x $baseline ]] || die "BASELINE $baseline is not an executable"
  baseline=$(realpath "$baseline")
  [[ $("$baseline" listen --help 2>&1) == *--save* ]] || die "$baseline has no listen command"
fi

wanted=$(node -p 'require("./bench/listen/package.json").dependencies.standardwebhooks')
installed=$(node -p 'require("./bench/listen/node_modules/standardwebhooks/package.json").version' \
  2>/dev/null || true)
if [[ $installed != "$wanted" ]]; then
  echo "installing standardwebhooks $wanted into bench/listen/node_modules" >&2
  npm install --prefix bench/listen --no-audit --no-fund --loglevel=error >&2 ||
    die "npm install --prefix bench/listen failed"
fi

save_root=${SAVE_ROOT:-bench/out}
mkdir -p "$save_root"
# On ext4 without a journal the inode allocator skips inodes freed in the last 60 s (300 s while
# their inode table block is dirty), so after a mass deletion (a build, this script's cleanup)
# creating files is several times slower for minutes (and creating files dirties those inode
# table blocks again). So wait until the files the last run removed are SETTLE seconds old.
stamp=$save_root/.listen-cleaned
settle=${SETTLE:-360}
[[ $settle =~ ^[0-9]+$ ]] || die "SETTLE is a whole number of seconds, not '$settle'"
if [[ -f $stamp ]]; then
  age=$(($(date +%s) - $(cat "$stamp")))
  if ((age < settle)); then
    echo "the previous run removed its files $age s ago: waiting $((settle - age)) s more, as" \
      "file creation on ext4 without a journal is slow for a while after deletions (SETTLE=0: no wait)" >&2
    sleep $((settle - age))
  fi
fi
work=$(realpath "$(mktemp -d "$save_root/listen.XXXXXX")")
server_pid=""
cleanup() {
  local status=$?
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n ${KEEP:-} ]]; then
    echo "kept $work" >&2
  else
    local start=$SECONDS
    rm -rf "$work"
    date +%s >"$stamp"
    if ((SECONDS - start > 5)); then
      echo "removing the bench's files took $((SECONDS - start)) s" >&2
    fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Measure a copy, so that a rebuild during the run cannot swap the binary between two servers.
cp "$ats_hook" "$work/ats-hook"
ats_hook=$work/ats-hook
if [[ -n $baseline ]]; then
  cp "$baseline" "$work/ats-hook-before"
  baseline=$work/ats-hook-before
fi
cc -O2 -pthread -o "$work/file_rate" bench/listen/file_rate.c || die "cannot compile file_rate.c"
# Compiled here rather than by CMake, like file_rate.c: the script measures any ATS_HOOK binary
# without a build tree, and the yardstick does not follow how the project links libmicrohttpd.
# shellcheck disable=SC2046 # pkg-config prints several words
c++ -std=c++20 -O2 -o "$work/bare_receiver" bench/listen/bare_receiver.cpp \
  $(pkg-config --cflags --libs libmicrohttpd simdjson libcrypto) ||
  die "cannot compile bare_receiver.cpp"
# A throwaway bench secret: generated here, removed with $work.
(umask 077 && "$ats_hook" keygen >"$work/key")
key=$work/key
request=$work/request.http
"$ats_hook" emit interview.created --seed "$seed" --secret-file "$key" --format http \
  --url http://127.0.0.1/webhooks/hirehive >"$request"
body_bytes=$(grep -i -m1 '^content-length:' "$request" | tr -dc 0-9)

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
progress() { printf '[%4d s] %s\n' "$SECONDS" "$*" >&2; }
count_files() { find "$1" -maxdepth 1 -type f ! -name '.*' ! -name '*.tmp' | wc -l; }
# Starts a server in the background ($server_pid) and sets $port from what it prints:
# ats-hook's (and bare_receiver's) first stderr line, or the Node receiver's first stdout line.
# ats-hook's line per
# delivery goes to /dev/null: the Node receiver prints nothing per delivery, and the cost of a
# log sink is the system's (its summary on stderr still counts the deliveries).
start_server() {
  local name=$1
  shift
  local out=/dev/null
  [[ $name != node* ]] || out=$work/$name.out
  : >"$work/$name.out"
  : >"$work/$name.err"
  "$@" >"$out" 2>"$work/$name.err" &
  server_pid=$!
  port=""
  local line
  for _ in $(seq 200); do
    if [[ $name == node* ]]; then
      if IFS= read -r line <"$work/$name.out"; then
        [[ $line =~ ^[0-9]+$ ]] || die "$name: first stdout line is not a port: $line"
        port=$line
        return
      fi
    elif IFS= read -r line <"$work/$name.err"; then
      [[ $line =~ ^listening\ on\ http://127\.0\.0\.1:([0-9]+)/webhooks/hirehive$ ]] ||
        die "$name: first stderr line is not 'listening on http://127.0.0.1:PORT/webhooks/hirehive': $line"
      port=${BASH_REMATCH[1]}
      return
    fi
    kill -0 "$server_pid" 2>/dev/null || die "$name exited before listening: $(cat "$work/$name.err")"
    sleep 0.05
  done
  die "$name did not print its port within 10 s: $(cat "$work/$name.err")"
}
# Stops the server with SIGTERM (SIGKILL after 10 s, reported) and sets $stop_note.
stop_server() {
  local name=$1
  stop_note=""
  kill -TERM "$server_pid"
  for _ in $(seq 200); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$server_pid" 2>/dev/null; then
    stop_note="$name did not stop within 10 s of SIGTERM; killed"
    kill -KILL "$server_pid"
  fi
  local status=0
  wait "$server_pid" || status=$?
  server_pid=""
  if [[ -z $stop_note && $status -ne 0 ]]; then
    stop_note="$name exited with status $status on SIGTERM"
  fi
  if [[ -n $stop_note ]]; then echo "warning: $stop_note" >&2; fi
}
r_ok=0 r_other=0 r_duration_us=0 r_p50_us=0 r_p99_us=0
r_connect=0 r_read=0 r_write=0 r_timeout=0
# Runs wrk against $url; sets r_ok, r_other, r_duration_us, r_p50_us, r_p99_us,
# r_connect, r_read, r_write, r_timeout from the script's RESULT line.
run_wrk() {
  local tag=$1 seconds=$2 out=$3
  wrk -t"$threads" -c"$connections" -d"${seconds}s" -s bench/listen/delivery.lua "$url" \
    -- "$request" "$key" "$tag" >"$out" 2>&1 || die "wrk failed: $(cat "$out")"
  local line
  line=$(grep -m1 '^RESULT ' "$out") || die "wrk printed no RESULT line: $(cat "$out")"
  local pair
  for pair in ${line#RESULT }; do
    printf -v "r_${pair%%=*}" '%s' "${pair#*=}"
  done
}

declare -A rate p50 p99 other errors rss saved answered lost summary cpu
clock_ticks=$(getconf CLK_TCK)
# User + system CPU time of a process so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
letters=(A B C D E F G H I J K L M N O P Q R S T U V W X Y Z)
runs=0
# measure RUN NAME SAVE_DIR COMMAND...: one server, alone: start it, one delivery from
# `ats-hook emit --send`, a warm-up, then the measured wrk run; peak RSS; stop; count files.
# RUN names the receiver and the round (a_ats_1, ...).
measure() {
  local run=$1 name=$2 dir=$3
  shift 3
  progress "$name"
  local letter=${letters[runs % 26]}
  runs=$((runs + 1))
  start_server "$name" "$@"
  url=http://127.0.0.1:$port/webhooks/hirehive
  "$ats_hook" emit interview.created --secret-file "$key" --send "$url" >/dev/null \
    2>"$work/$name.send" || die "$name refused a delivery from ats-hook emit --send: $(cat "$work/$name.send")"
  if ((warmup > 0)); then
    run_wrk "${letter}W" "$warmup" "$work/$name.warmup"
    ((r_ok > 0 && r_other == 0)) ||
      die "$name answered $r_ok 2xx and $r_other other statuses in the warm-up: $(tail -n 5 "$work/$name.err")"
    sleep 1 # let the requests in flight when wrk stopped finish, before counting files
  fi
  local before=0
  [[ -z $dir ]] || before=$(count_files "$dir")
  local ticks_before
  ticks_before=$(cpu_ticks "$server_pid")
  run_wrk "${letter}M" "$duration" "$work/$name.wrk"
  ((r_ok > 0)) || die "$name answered no delivery with 2xx: $(tail -n 5 "$work/$name.err")"
  # The server's CPU time per delivery: what the machine's other load changes least.
  cpu[$run]=$(awk -v t="$(($(cpu_ticks "$server_pid") - ticks_before))" -v hz="$clock_ticks" \
    -v n="$r_ok" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
  rss[$run]=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status")
  stop_server "$name"
  summary[$run]=$(tail -n 1 "$work/$name.err")
  rate[$run]=$(awk -v n="$r_ok" -v us="$r_duration_us" 'BEGIN { printf "%.0f", n / (us / 1e6) }')
  p50[$run]=$(awk -v us="$r_p50_us" 'BEGIN { printf "%.2f", us / 1000 }')
  p99[$run]=$(awk -v us="$r_p99_us" 'BEGIN { printf "%.2f", us / 1000 }')
  other[$run]=$r_other
  errors[$run]=$((r_connect + r_read + r_write + r_timeout))
  answered[$run]=$r_ok
  if [[ -n $dir ]]; then
    saved[$run]=$(($(count_files "$dir") - before))
    # Deliveries answered 2xx without a file. Files beyond the 2xx count are requests in
    # flight when wrk stopped: handled by the server, their answers not read by wrk.
    lost[$run]=$((r_ok > saved[$run] ? r_ok - saved[$run] : 0))
  fi
}
# file_limit THREADS FILES [fsync]: files/s creating FILES body-sized files into a new
# directory, stopping after DURATION seconds.
file_limit() {
  progress "file-creation limit: $1 thread(s)${3:+ + $3}"
  local dir out
  dir=$(mktemp -d "$work/files.XXXXXX")
  out=$("$work/file_rate" "$dir" "$2" "$1" "$body_bytes" "$duration" ${3:+"$3"}) ||
    die "file_rate failed in $dir"
  [[ $out =~ rate=([0-9]+)$ ]] || die "file_rate printed: $out"
  echo "${BASH_REMATCH[1]}"
}

node_receiver=(node bench/listen/receiver.js --secret-file "$key" --save-mode "$node_save")
# Each round measures every receiver once; no file is removed before the end (see SETTLE).
# The limit is measured on as many files as ats-hook made (at most DURATION seconds long), right
# after its --save run of each round, and after the last round's (b) runs: files in a
# directory, recently deleted inodes and the page cache change the rate, so the figures show how
# steady the file system was.
for round in $(seq "$rounds"); do
  ((rounds == 1)) || progress "round $round of $rounds"
  measure "a_bare_$round" "bare-a$round" "" "$work/bare_receiver" --secret-file "$key"
  measure "a_ats_$round" "ats-hook-a$round" "" "$ats_hook" listen --port 0 --secret-file "$key"
  measure "a_node_$round" "node-a$round" "" "${node_receiver[@]}"
  mkdir "$work/save-ats$round" "$work/save-node$round" "$work/save-fsync$round"
  measure "b_ats_$round" "ats-hook-b$round" "$work/save-ats$round" "$ats_hook" listen --port 0 \
    --secret-file "$key" --save "$work/save-ats$round"
  files=$(count_files "$work/save-ats$round")
  rate[b_limit_$round]=$(file_limit 1 "$files")
  measure "b_node_$round" "node-b$round" "$work/save-node$round" "${node_receiver[@]}" \
    --save "$work/save-node$round"
  measure "b_fsync_$round" "ats-hook-fsync$round" "$work/save-fsync$round" "$ats_hook" listen \
    --port 0 --secret-file "$key" --save "$work/save-fsync$round" --fsync
  if [[ -n $baseline ]]; then
    measure "a_before_$round" "before-a$round" "" "$baseline" listen --port 0 --secret-file "$key"
    mkdir "$work/save-before$round" "$work/save-before-fsync$round"
    measure "b_before_$round" "before-b$round" "$work/save-before$round" "$baseline" listen \
      --port 0 --secret-file "$key" --save "$work/save-before$round"
    measure "b_beforefsync_$round" "before-fsync$round" "$work/save-before-fsync$round" \
      "$baseline" listen --port 0 --secret-file "$key" --save "$work/save-before-fsync$round" --fsync
  fi
done
limit_after=$(file_limit 1 "$files")
limit_two=$(file_limit 2 "$files")
limit_fsync=$(file_limit 1 "$files" fsync)
progress "done"

# best[RECEIVER] = the round with the most deliveries/s; spread[RECEIVER] = "min-max" of them.
declare -A best spread
receivers=(a_bare a_ats a_node b_limit b_ats b_node b_fsync)
[[ -z $baseline ]] || receivers+=(a_before b_before b_beforefsync)
for receiver in "${receivers[@]}"; do
  top="" low=""
  for round in $(seq "$rounds"); do
    run=${receiver}_$round
    if [[ -z $top ]] || ((rate[$run] > rate[$top])); then top=$run; fi
    if [[ -z $low ]] || ((rate[$run] < rate[$low])); then low=$run; fi
  done
  best[$receiver]=$top
  spread[$receiver]="${rate[$low]}-${rate[$top]}"
done
limit=${rate[${best[b_limit]}]}
if ((limit_after > limit)); then limit=$limit_after; fi
slowest=${rate[b_limit_1]}
for round in $(seq "$rounds"); do
  run=b_limit_$round
  if ((rate[$run] < slowest)); then slowest=${rate[$run]}; fi
done
if ((limit_after < slowest)); then slowest=$limit_after; fi
# The p99 range over the rounds: "low-high".
p99_range() {
  local receiver=$1 low="" high="" round value
  for round in $(seq "$rounds"); do
    value=${p99[${receiver}_$round]}
    if [[ -z $low ]] || awk -v a="$value" -v b="$low" 'BEGIN { exit !(a < b) }'; then low=$value; fi
    if [[ -z $high ]] || awk -v a="$value" -v b="$high" 'BEGIN { exit !(a > b) }'; then high=$value; fi
  done
  echo "$low-$high"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", 100 * a / b }'; }
verdict() { if (($1)); then echo ok; else echo MISSED; fi; }
line() { printf '%-32s %-11s %12s %13s %7s %7s %13s %9s %7s %8s %8s\n' "$@"; }
# The least CPU per delivery over the rounds.
cpu_least() {
  local receiver=$1 least="" round value
  for round in $(seq "$rounds"); do
    value=${cpu[${receiver}_$round]}
    if [[ -z $least ]] || awk -v a="$value" -v b="$least" 'BEGIN { exit !(a < b) }'; then least=$value; fi
  done
  echo "$least"
}
row() {
  local run=${best[$3]}
  line "$1" "$2" "${rate[$run]}" "${spread[$3]}" "${p50[$run]}" "${p99[$run]}" \
    "$(p99_range "$3")" "$(cpu_least "$3")" "${other[$run]}" "${errors[$run]}" "${rss[$run]} MB"
}
echo
echo "ats-hook listen beside a bare libmicrohttpd receiver and Node.js $(node --version) +" \
  "standardwebhooks $wanted, one server at a time, best of $rounds round(s)"
echo "load: wrk -t$threads -c$connections -d${duration}s over loopback on $(nproc) cores (wrk shares them)," \
  "warm-up ${warmup}s; load average before the run: $load_before"
echo "delivery: interview.created, $body_bytes-byte body, each request signed anew (own webhook-id)"
echo "bare: libmicrohttpd epoll, pool of 2: timestamp, HMAC-SHA256 (OpenSSL), simdjson parse, 204;" \
  "no schema, no log line"
if [[ $node_save == rename ]]; then node_write="fs.writeFile to a temporary name + fs.rename"
else node_write="fs.writeFile"; fi
echo "(b): ats-hook --save DIR (one writer thread); node $node_write, answering when written;" \
  "limit: file_rate, 1 thread"
echo
line mode receiver deliveries/s "spread" "p50 ms" "p99 ms" "p99 spread" "CPU us/d" non-2xx \
  "sock err" "peak RSS"
row "(a) verify + validate + answer" bare a_bare
row "" ats-hook a_ats
[[ -z $baseline ]] || row "" before a_before
row "" node a_node
line "(b) (a) + a file per delivery" "file limit" "${rate[${best[b_limit]}]}" \
  "${spread[b_limit]}" "" "" "" "" "" "" ""
row "" "ats-hook" b_ats
[[ -z $baseline ]] || row "" before b_before
row "" node b_node
row "(b) with --fsync (group commit)" ats-hook b_fsync
[[ -z $baseline ]] || row "" before b_beforefsync
echo "CPU us/d: the server's user + system CPU time per delivery during the measured run, the least" \
  "of the rounds (with --save, the writer's file creation included)"
echo
echo "file-creation limit, open+write+close+rename of $files $body_bytes-byte files into one" \
  "directory (at most ${duration} s each):"
echo "  one thread: ${spread[b_limit]} files/s after ats-hook's (b) runs, $limit_after after all" \
  "(b) runs; two threads: $limit_two files/s; one thread + fsync each file: $limit_fsync files/s"
if ((slowest * 3 < limit * 2)); then
  echo "  warning: the limit moved by more than 1.5x during the run, so the (b) figures were taken on an" \
    "unsteady file system (recent mass deletions? see the note on ext4 without a journal in this" \
    "script); compare them only with care, or rerun when the machine is quiet"
fi
echo
kept() { printf '%-32s %-12s %5s %12s %12s %12s\n' "$@"; }
kept "(b) deliveries kept" receiver round "answered 2xx" "files kept" "lost (0)"
kept_receivers=(b_ats b_node b_fsync)
[[ -z $baseline ]] || kept_receivers+=(b_before b_beforefsync)
for receiver in "${kept_receivers[@]}"; do
  case $receiver in
  b_ats) label=ats-hook ;;
  b_node) label=node ;;
  b_fsync) label="ats --fsync" ;;
  b_before) label=before ;;
  *) label="bef. --fsync" ;;
  esac
  for round in $(seq "$rounds"); do
    run=${receiver}_$round
    kept "" "$label" "$round" "${answered[$run]}" "${saved[$run]}" \
      "${lost[$run]} $(verdict "$((lost[$run] == 0))")"
  done
done
echo "(more files than 2xx answers: requests in flight when wrk stopped, handled but not counted)"
echo
# listen / bare of each round too: the two ran seconds apart, under nearly the same load.
round_shares=""
for round in $(seq "$rounds"); do
  round_shares+="${round_shares:+ }$(percent "${rate[a_ats_$round]}" "${rate[a_bare_$round]}")%"
done
a_share=$(percent "${rate[${best[a_ats]}]}" "${rate[${best[a_bare]}]}")
a_ratio=$(ratio "${rate[${best[a_ats]}]}" "${rate[${best[a_node]}]}")
b_ratio=$(ratio "${rate[${best[b_ats]}]}" "${rate[${best[b_node]}]}")
b_share=$(percent "${rate[${best[b_ats]}]}" "$limit")
fsync_share=$(percent "${rate[${best[b_fsync]}]}" "$limit")
fsync_gain=$(ratio "${rate[${best[b_fsync]}]}" "$limit_fsync")
a_p99=${p99[${best[a_ats]}]}
b_p99=${p99[${best[b_ats]}]}
peak_rss=0
for run in "${!rss[@]}"; do
  [[ $run == *_ats_* || $run == *_fsync_* ]] || continue
  if ((rss[$run] > peak_rss)); then peak_rss=${rss[$run]}; fi
done
check() { printf '%-56s %10s  %-10s %s\n' "$@"; }
check "check (best rounds)" measured target ""
check "(a) deliveries/s ats-hook / bare libmicrohttpd" "${a_share}%" ">= 80%" \
  "$(verdict "$((a_share >= 80))") (each round: $round_shares)"
check "(a) CPU per delivery, ats-hook / bare libmicrohttpd" \
  "$(ratio "$(cpu_least a_ats)" "$(cpu_least a_bare)")x" "(info)" ""
check "(a) p99 of ats-hook" "$a_p99 ms" "< 5 ms" \
  "$(verdict "$(awk -v p="$a_p99" 'BEGIN { print (p < 5) }')")"
check "(a) deliveries/s ats-hook / node" "${a_ratio}x" ">= 3x" \
  "$(verdict "$(awk -v r="$a_ratio" 'BEGIN { print (r >= 3) }')")"
check "(b) deliveries/s ats-hook / node" "${b_ratio}x" ">= 1.5x" \
  "$(verdict "$(awk -v r="$b_ratio" 'BEGIN { print (r >= 1.5) }')")"
check "(b) ats-hook / file-creation limit (best 1 thread)" "${b_share}%" \
  ">= 80%" "$(verdict "$((b_share >= 80))")"
check "(b) p99 of ats-hook --save" "$b_p99 ms" "< 10 ms" \
  "$(verdict "$(awk -v p="$b_p99" 'BEGIN { print (p < 10) }')")"
check "(b) --fsync ats-hook / file-creation limit" "${fsync_share}%" \
  "(info)" ""
check "(b) --fsync ats-hook / one fsync per file, 1 thread" \
  "${fsync_gain}x" "(info)" ""
check "peak RSS of ats-hook (VmHWM, largest of its runs)" \
  "$peak_rss MB" "< 100 MB" "$(verdict "$((peak_rss < 100))")"
echo
for receiver in a_ats b_ats b_fsync; do
  echo "ats-hook ${best[$receiver]} stopped with: ${summary[${best[$receiver]}]}"
done
echo "bare ${best[a_bare]} stopped with: ${summary[${best[a_bare]}]}"
for run in "${!lost[@]}"; do
  if ((lost[$run] > 0)); then die "$run lost ${lost[$run]} deliveries: answered 2xx without a file"; fi
done
