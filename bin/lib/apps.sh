# shellcheck shell=bash
# Heron's own processes. Each runs from its module's build output:
#   java <options> -cp "<module>/target/classes:$(cat <module>/target/classpath.txt)" <main class>
# with the settings in its environment. The component name is the module's directory.

# shellcheck disable=SC2034 # iterated by bin/heron
APPS=(control-api simulator senders stream-jobs)

app_main() {
  case $1 in
    control-api) echo dev.heron.api.Application ;;
    simulator) echo dev.heron.simulator.Simulator ;;
    senders) echo dev.heron.senders.Application ;;
    stream-jobs) echo dev.heron.jobs.LocalPipeline ;;
  esac
}

app_heap() {
  case $1 in
    stream-jobs) echo 1g ;; # a Flink MiniCluster running every job
    simulator) echo 256m ;;
    *) echo 512m ;;
  esac
}

# Its JVM options beyond the heap: those of every Heron JVM, and the stream jobs' own file.
app_jvm_options() {
  case $1 in
    stream-jobs) stream_jobs_jvm_options ;;
    *) jvm_options ;;
  esac
}

# The port its health check uses.
app_port() {
  case $1 in
    control-api) echo "$HERON_API_PORT" ;;
    simulator) echo "$HERON_SIM_SMTP_PORT" ;;
    senders) echo "$HERON_SENDERS_PORT" ;;
    stream-jobs) echo "$HERON_FLINK_PORT" ;;
  esac
}

app_healthy() {
  case $1 in
    control-api) http_ok "http://127.0.0.1:$HERON_API_PORT/health" ;;
    simulator) port_open "$HERON_SIM_SMTP_PORT" ;;
    senders) http_ok "http://127.0.0.1:$HERON_SENDERS_PORT/health" ;;
    stream-jobs) flink_job_running ;;
  esac
}

flink_job_running() {
  curl -fsS --max-time 3 "http://127.0.0.1:$HERON_FLINK_PORT/jobs/overview" 2>/dev/null |
    grep -q '"state" *: *"RUNNING"'
}

# Why app $1 cannot start yet (its module is not built), or nothing when it can.
app_missing() {
  local module=$1 main
  main=$(app_main "$1")
  if [[ ! -f $REPO/$module/target/classpath.txt ]]; then
    echo "$module/target/classpath.txt is missing"
  elif [[ ! -f $REPO/$module/target/classes/${main//.//}.class ]]; then
    echo "$main is not built in $module/target/classes"
  fi
}

app_start() {
  local name=$1 pid missing
  if pid=$(running_pid "$name"); then
    ok "$name already running (pid $pid)"
    return 0
  fi
  missing=$(app_missing "$name")
  if [[ -n $missing ]]; then
    warn "$name skipped: $missing"
    return 0
  fi
  local port
  port=$(app_port "$name")
  port_open "$port" && die "port $port for $name is taken by another process"

  # shellcheck disable=SC2046 # the options are split into words on purpose
  start_java "$name" "$(module_classpath "$name")" "$(app_main "$name")" \
    "-Xmx$(app_heap "$name")" $(app_jvm_options "$name")
  pid=$(<"$(pid_file "$name")")
  await_healthy "$name" "$pid" "$LOG_DIR/$name.log" "$START_TIMEOUT" \
    app_healthy "$name" || return 1
  ok "$name up (pid $pid, port $port, ${HEALTHY_AFTER}s)"
}

app_stop() {
  local name=$1 pid
  if pid=$(running_pid "$name"); then
    stop_pid "$pid" 30
    ok "$name stopped"
  fi
  rm -f "$(pid_file "$name")"
}

app_status() {
  local name=$1 pid port missing
  port=$(app_port "$name")
  if pid=$(running_pid "$name"); then
    if app_healthy "$name"; then
      status_line "$name" up "$pid" "$port"
    else
      status_line "$name" unhealthy "$pid" "$port"
    fi
  else
    missing=$(app_missing "$name")
    if [[ -n $missing ]]; then
      status_line "$name" "not built" - "$port"
    else
      status_line "$name" down - "$port"
    fi
  fi
}
