# shellcheck shell=bash
# Output, progress, waiting and process helpers shared by every other deploy/lib file.

if [[ -t 1 ]]; then
  C_BOLD=$'\e[1m' C_DIM=$'\e[2m' C_RED=$'\e[31m' C_GREEN=$'\e[32m' C_YELLOW=$'\e[33m' C_OFF=$'\e[0m'
else
  C_BOLD='' C_DIM='' C_RED='' C_GREEN='' C_YELLOW='' C_OFF=''
fi

STEP_NO=0          # current step number
STEP_TOTAL=0       # how many steps this command has
STEP_STARTED=''    # $EPOCHREALTIME when the current step began
STEP_OPEN=false    # true while "[n/N] Title ..." waits for its result on the same line

# Closes a pending "[n/N] Title ..." line so other output starts on a fresh line.
_break_line() {
  if $STEP_OPEN; then echo; STEP_OPEN=false; fi
}

info() { _break_line; echo "      $*"; }
warn() { _break_line; echo "      ${C_YELLOW}warning:${C_OFF} $*" >&2; }
error() { _break_line; echo "${C_RED}error:${C_OFF} $*" >&2; }
die() { error "$*"; exit 1; }

# step "Starting Kafka"  ->  [3/9] Starting Kafka ...
step() {
  _break_line
  STEP_NO=$((STEP_NO + 1))
  STEP_STARTED=$EPOCHREALTIME
  printf '%s[%d/%d]%s %s ...' "$C_BOLD" "$STEP_NO" "$STEP_TOTAL" "$C_OFF" "$1"
  STEP_OPEN=true
}

# Seconds since $1 (an $EPOCHREALTIME value), one decimal.
elapsed_since() {
  local now=$EPOCHREALTIME
  awk -v a="$1" -v b="$now" 'BEGIN { printf "%.1fs", b - a }'
}

# step_done "ready"  ->  " ready in 8.1s"  (on the step's line when nothing was printed since)
step_done() {
  local word=${1:-done} took
  took=$(elapsed_since "$STEP_STARTED")
  if $STEP_OPEN; then
    echo " ${C_GREEN}${word}${C_OFF} in $took"
  else
    echo "      ${C_GREEN}${word}${C_OFF} in $took"
  fi
  STEP_OPEN=false
}

# step_skip "already running (pid 42)"
step_skip() {
  if $STEP_OPEN; then echo " ${C_DIM}$1${C_OFF}"; else echo "      ${C_DIM}$1${C_OFF}"; fi
  STEP_OPEN=false
}

# ---------------------------------------------------------------- waiting

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

port_closed() { ! port_open "$1"; }

# HTTP status code of a GET (000 when nothing answers).
http_code() {
  curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true
}

# wait_until <seconds> <command...>: runs the command every 0.25 s until it succeeds.
wait_until() {
  local timeout=$1; shift
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    (( SECONDS >= deadline )) && return 1
    sleep 0.25
  done
}

# ---------------------------------------------------------------- processes and pid files

pid_file() { echo "$RUNWAY_HOME/pids/$1.pid"; }
log_file() { echo "$RUNWAY_HOME/logs/$1.log"; }

# The pid recorded for a component, if that process is still alive ("" otherwise).
# A live pid only counts when its command line mentions $2 (default: this profile's state
# directory), so a pid reused by an unrelated process after a reboot is not mistaken for ours.
live_pid() {
  local file pid cmd mark=${2:-$RUNWAY_HOME}
  file=$(pid_file "$1")
  [[ -f $file ]] || return 0
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  not_alive "$pid" && return 0
  cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || return 0
  [[ $cmd == *"$mark"* ]] || return 0
  echo "$pid"
}

# launch <name> <command...>: starts a long-running process in its own session, detached
# from this terminal, logging to logs/<name>.log and recording its pid in pids/<name>.pid.
launch() {
  local name=$1; shift
  local log pidf
  log=$(log_file "$name")
  pidf=$(pid_file "$name")
  rm -f "$pidf"
  # The inner shell writes its own pid and then becomes the program (exec keeps the pid).
  # The extra ( ... & ) makes init its parent, so it never lingers as our zombie. Descriptor 9
  # (./runway test's platform lock) is closed: a daemon that outlives the run, such as a Docker
  # engine another profile still uses, must not hold the lock and stall the next run.
  # shellcheck disable=SC2016 # $$, $0 and $@ are the inner shell's
  ( setsid bash -c 'echo $$ > "$0"; exec "$@"' "$pidf" "$@" >>"$log" 2>&1 </dev/null 9>&- & )
  wait_until 5 test -s "$pidf" || die "could not start $name (see $log)"
}

# stop_pid <name> <pid> [--kill]: SIGTERM (or SIGKILL), then wait; SIGKILL after 30 s.
stop_pid() {
  local name=$1 pid=$2 how=${3:-}
  if [[ $how == --kill ]]; then
    kill -KILL "$pid" 2>/dev/null || true
  else
    kill -TERM "$pid" 2>/dev/null || true
  fi
  if ! wait_until 30 not_alive "$pid"; then
    warn "$name (pid $pid) did not stop in 30 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 10 not_alive "$pid" || true
  fi
  rm -f "$(pid_file "$name")"
}

# True when the process is gone (a zombie counts as gone).
not_alive() {
  kill -0 "$1" 2>/dev/null || return 0
  [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) == Z ]]
}

# Prints the last lines of a component's log, indented, for a failure message.
log_tail() {
  local log lines=${2:-30}
  log=$(log_file "$1")
  [[ -f $log ]] || { echo "      (no log at $log)"; return 0; }
  echo "      --- last $lines lines of $log ---"
  # awk also ends a last line that has no newline; the sed drops colour codes.
  tail -n "$lines" "$log" | sed 's/\x1b\[[0-9;]*m//g' | awk '{ print "      | " $0 }'
  echo "      ---"
}

# Creates the state directory layout. The postgres user must be able to traverse it.
# ensure_secret_files DIR NAME...: DIR (mode 0700) holds a random secret per NAME (64 hex digits,
# mode 0600), made once and kept across runs; written beside and renamed, so never seen half made.
ensure_secret_files() {
  local dir=$1 name
  shift
  (umask 077 && mkdir -p "$dir")
  chmod 700 "$dir"
  for name in "$@"; do
    if [[ ! -s $dir/$name ]]; then
      (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/$name.tmp" && mv "$dir/$name.tmp" "$dir/$name")
    fi
  done
}

ensure_state_dirs() {
  mkdir -p "$RUNWAY_HOME"/{logs,pids,apps}
  chmod 755 "$RUNWAY_STATE_ROOT" "$RUNWAY_HOME"
  ensure_profile_secrets
  ensure_internal_tokens
  ensure_kafka_credentials
  ensure_registry_credentials
}
