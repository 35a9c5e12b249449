# shellcheck shell=bash
# Shared by every bin/heron command: output, settings, privileges, processes and health checks.
# Sourced by bin/heron; expects REPO (the repository root) to be set.

# --- output ---------------------------------------------------------------------------------

if [[ -t 1 && -z ${NO_COLOR:-} ]]; then
  C_BOLD=$'\e[1m' C_RED=$'\e[31m' C_GREEN=$'\e[32m' C_YELLOW=$'\e[33m' C_DIM=$'\e[2m' C_OFF=$'\e[0m'
else
  C_BOLD='' C_RED='' C_GREEN='' C_YELLOW='' C_DIM='' C_OFF=''
fi

say() { printf '%s\n' "$*"; }
step() { printf '%s==>%s %s\n' "$C_BOLD" "$C_OFF" "$*"; }
ok() { printf '  %s✓%s %s\n' "$C_GREEN" "$C_OFF" "$*"; }
warn() { printf '  %s!%s %s\n' "$C_YELLOW" "$C_OFF" "$*" >&2; }
die() {
  printf '%serror:%s %s\n' "$C_RED" "$C_OFF" "$*" >&2
  exit 1
}

# --- settings -------------------------------------------------------------------------------
# The names are the ones events/src/main/java/dev/heron/events/Settings.java declares; the
# launcher-only ones (HERON_PG_PORT, HERON_KAFKA_PORT, HERON_FLINK_PORT) derive the others.
# Every one can be overridden from the environment.

load_settings() {
  HERON_HOME=${HERON_HOME:-.heron}
  [[ $HERON_HOME == /* ]] || HERON_HOME=$REPO/$HERON_HOME
  HERON_HOME=${HERON_HOME%/}

  : "${HERON_PG_PORT:=55432}"
  : "${HERON_KAFKA_PORT:=19092}"
  : "${HERON_FLINK_PORT:=8082}"
  : "${HERON_API_PORT:=8080}"
  : "${HERON_SENDERS_PORT:=8081}"
  : "${HERON_SIM_SMTP_PORT:=2525}"
  : "${HERON_SIM_DNS_PORT:=5353}"
  : "${HERON_BOUNCE_PORT:=2526}"

  : "${HERON_DB_URL:=jdbc:postgresql://127.0.0.1:$HERON_PG_PORT/heron}"
  : "${HERON_DB_USER:=heron}"
  : "${HERON_DB_PASSWORD:=heron}"
  : "${HERON_KAFKA_BOOTSTRAP:=127.0.0.1:$HERON_KAFKA_PORT}"
  : "${HERON_PUBLIC_URL:=http://127.0.0.1:$HERON_API_PORT}"
  # Locally the simulator plays every mailbox provider: senders deliver to it and ask it for MX.
  : "${HERON_SMTP_PORT:=$HERON_SIM_SMTP_PORT}"
  : "${HERON_DNS_SERVER:=127.0.0.1:$HERON_SIM_DNS_PORT}"

  export HERON_HOME HERON_PG_PORT HERON_KAFKA_PORT HERON_FLINK_PORT HERON_API_PORT \
    HERON_SENDERS_PORT HERON_SIM_SMTP_PORT HERON_SIM_DNS_PORT HERON_BOUNCE_PORT HERON_DB_URL \
    HERON_DB_USER HERON_DB_PASSWORD HERON_KAFKA_BOOTSTRAP HERON_PUBLIC_URL HERON_SMTP_PORT \
    HERON_DNS_SERVER

  RUN_DIR=$HERON_HOME/run
  LOG_DIR=$HERON_HOME/logs
  # The JVMs' java.io.tmpdir: what a killed one leaves (Flink's working directories, extracted
  # libraries) stays in this home.
  TMP_DIR=$HERON_HOME/tmp
  # Seconds each component gets to become healthy.
  # shellcheck disable=SC2034 # read by the other libraries
  START_TIMEOUT=${HERON_START_TIMEOUT:-90}
}

# The settings as shell assignments, for `eval "$(bin/heron env)"` before running tests by hand.
print_settings() {
  local name
  for name in HERON_HOME HERON_DB_URL HERON_DB_USER HERON_DB_PASSWORD HERON_KAFKA_BOOTSTRAP \
    HERON_API_PORT HERON_PUBLIC_URL HERON_SENDERS_PORT HERON_SMTP_PORT HERON_DNS_SERVER \
    HERON_BOUNCE_PORT HERON_SIM_SMTP_PORT HERON_SIM_DNS_PORT HERON_PG_PORT HERON_KAFKA_PORT \
    HERON_FLINK_PORT; do
    printf 'export %s=%q\n' "$name" "${!name}"
  done
}

ensure_home() {
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$TMP_DIR"
}

# --- privileges -----------------------------------------------------------------------------

is_root() { [[ $EUID -eq 0 ]]; }

as_root() {
  if is_root; then
    "$@"
  else
    command -v sudo >/dev/null || die "'$*' needs root and sudo is not installed"
    sudo "$@"
  fi
}

# --- processes ------------------------------------------------------------------------------
# A component's pid is in $RUN_DIR/<name>.pid. Every JVM bin/heron starts carries
# -Dheron.home=<home> on its command line, so a pid file left by a crash (and since reused by an
# unrelated process) is recognised as stale, and `down` can find strays whose pid file is gone.

pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

# Whether process $1's command line has the argument $2, exactly.
cmdline_has() {
  grep -qzxF -- "$2" "/proc/$1/cmdline" 2>/dev/null
}

home_marker() { printf -- '-Dheron.home=%s' "$HERON_HOME"; }

# Prints the pid of component $1 when it runs, otherwise fails. A stale pid file is removed; a
# lost one is rewritten when a JVM of this home carries -Dheron.component=$1.
# $2 is the argument its command line must contain (default: this home's marker; no look-up then).
running_pid() {
  local file pid marker=${2:-$(home_marker)}
  file=$(pid_file "$1")
  if [[ -f $file ]]; then
    pid=$(<"$file")
    if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && cmdline_has "$pid" "$marker"; then
      printf '%s' "$pid"
      return 0
    fi
    rm -f "$file"
  fi
  [[ -z ${2:-} ]] || return 1
  pid=$(marked_pids "$1" | head -n 1)
  [[ -n $pid ]] || return 1
  printf '%s' "$pid" >"$file"
  printf '%s' "$pid"
}

# Starts a JVM in its own session (so Ctrl-C on bin/heron leaves it alone), detached from the
# terminal, logging to $LOG_DIR/<name>.log (the previous run's log is kept as <name>.log.1).
# Usage: start_java NAME CLASSPATH MAIN_CLASS [JVM_OPTIONS...] [-- PROGRAM_ARGS...]
start_java() {
  local name=$1 classpath=$2 main=$3
  shift 3
  local -a jvm_opts=() program_args=()
  while (($#)); do
    if [[ $1 == -- ]]; then
      shift
      program_args=("$@")
      break
    fi
    jvm_opts+=("$1")
    shift
  done
  # shellcheck disable=SC2206 # HERON_JAVA_OPTS is a list of options, split on purpose.
  jvm_opts+=(${HERON_JAVA_OPTS:-})

  local log=$LOG_DIR/$name.log
  [[ -f $log ]] && mv -f "$log" "$log.1"
  mkdir -p "$TMP_DIR"
  (
    cd "$REPO" || exit
    exec setsid java "$(home_marker)" "-Dheron.component=$name" "-Djava.io.tmpdir=$TMP_DIR" \
      "${jvm_opts[@]}" \
      -cp "$classpath" "$main" "${program_args[@]}" >"$log" 2>&1 </dev/null
  ) &
  printf '%s' "$!" >"$(pid_file "$name")"
}

# Stops process $1 (and its process group when it leads one): SIGTERM, then SIGKILL after
# $2 seconds (default 30); returns once it is gone.
stop_pid() {
  local pid=$1 timeout=${2:-30} target=$1
  [[ $(proc_stat "$pid" pgrp) == "$pid" ]] && target=-$pid
  kill -TERM -- "$target" 2>/dev/null || true
  if ! wait_gone "$pid" "$timeout"; then
    warn "pid $pid still running after ${timeout}s: killing it"
    kill -KILL -- "$target" 2>/dev/null || true
    wait_gone "$pid" 10 || die "pid $pid survived SIGKILL"
  fi
}

# One field of /proc/PID/stat: state, ppid or pgrp (procps is not on a minimal Debian).
proc_stat() {
  local field=$2 stat
  { stat=$(<"/proc/$1/stat"); } 2>/dev/null || return 0
  # shellcheck disable=SC2086 # split the fields after the command name on purpose
  set -- ${stat##*) }
  case $field in
    state) printf '%s' "$1" ;;
    ppid) printf '%s' "$2" ;;
    pgrp) printf '%s' "$3" ;;
  esac
}

wait_gone() {
  local pid=$1 deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null; do
    # A zombie is gone for our purposes: only its parent can reap it.
    [[ $(proc_stat "$pid" state) == Z ]] && return 0
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# Pids of the processes whose command line carries this home's marker and, when $1 is given,
# -Dheron.component=$1.
marked_pids() {
  local file pid
  # shellcheck disable=SC2013 # /proc paths have no spaces
  for file in $(grep -lzxF -- "$(home_marker)" /proc/[0-9]*/cmdline 2>/dev/null); do
    pid=${file#/proc/}
    pid=${pid%/cmdline}
    if [[ -z ${1:-} ]] || cmdline_has "$pid" "-Dheron.component=$1"; then
      # The grep above matched its own command line too; it is gone by now.
      if kill -0 "$pid" 2>/dev/null; then printf '%s\n' "$pid"; fi
    fi
  done
}

# --- health checks --------------------------------------------------------------------------

port_open() { timeout 2 bash -c ": </dev/tcp/127.0.0.1/$1" 2>/dev/null; }

http_ok() { curl -fsS -o /dev/null --max-time 3 "$1" 2>/dev/null; }

# Polls CHECK (a command) until it succeeds, the process PID dies, or TIMEOUT seconds pass.
# On failure prints the end of LOG and returns 1.
# Usage: await_healthy NAME PID LOG TIMEOUT CHECK [ARGS...]
await_healthy() {
  local name=$1 pid=$2 log=$3 timeout=$4
  shift 4
  local started=$SECONDS deadline=$((SECONDS + timeout))
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      report_failure "$name exited during start-up" "$log"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      report_failure "$name not healthy after ${timeout}s ($*)" "$log"
      return 1
    fi
    sleep 1
  done
  # shellcheck disable=SC2034 # read by the callers' messages
  HEALTHY_AFTER=$((SECONDS - started))
}

report_failure() {
  printf '  %s✗%s %s\n' "$C_RED" "$C_OFF" "$1" >&2
  if [[ -f $2 ]]; then
    printf '%s--- last lines of %s ---%s\n' "$C_DIM" "$2" "$C_OFF" >&2
    tail -n 40 "$2" >&2
    printf '%s--- end of %s ---%s\n' "$C_DIM" "$2" "$C_OFF" >&2
  fi
}

# The classpath a module's build wrote (maven-dependency-plugin), with its own classes first.
module_classpath() {
  local module=$1
  [[ -f $REPO/$module/target/classpath.txt ]] || return 1
  printf '%s/%s/target/classes:%s' "$REPO" "$module" "$(<"$REPO/$module/target/classpath.txt")"
}

# The options every Heron JVM starts with (--add-opens for Flink and Kafka on Java 17): the
# repository's jvm.options, which the java launcher reads itself as an argument file (@file; its #
# lines are comments). The tests get the same file from the parent pom's argLine.
jvm_options() {
  printf '@%s\n' "$REPO/jvm.options"
}

# The stream jobs' JVM options: those of every JVM and their own file (the garbage collector).
stream_jobs_jvm_options() {
  jvm_options
  printf '@%s\n' "$REPO/stream-jobs/src/main/resources/heron-jvm.options"
}

# Kills process $1 and its descendants at once (SIGKILL): the last resort of `down`.
kill_tree() {
  local pid=$1 child dir
  for dir in /proc/[0-9]*; do
    child=${dir#/proc/}
    [[ $(proc_stat "$child" ppid) == "$pid" ]] && kill_tree "$child"
  done
  kill -KILL "$pid" 2>/dev/null || true
}

status_line() {
  local state=$2 color=$C_DIM
  case $state in
    up) color=$C_GREEN ;;
    down) color=$C_DIM ;;
    *) color=$C_YELLOW ;;
  esac
  printf '  %-12s %s%-10s%s pid %-8s port %s\n' "$1" "$color" "$state" "$C_OFF" "$3" "$4"
}
