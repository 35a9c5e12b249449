# shellcheck shell=bash
# A single-node KRaft Kafka broker (broker and controller in one JVM) run from the Maven artifacts
# the `stack` module resolves, plus Heron's topics.

kafka_paths() {
  KAFKA_DIR=$HERON_HOME/kafka
  KAFKA_DATA=$KAFKA_DIR/data
  KAFKA_CONFIG=$KAFKA_DIR/server.properties
  KAFKA_CONTROLLER_PORT=$((HERON_KAFKA_PORT + 1))
}

stack_classpath() {
  module_classpath stack ||
    die "stack/target/classpath.txt is missing: build first (bin/heron setup)"
}

# Runs one of the stack module's tools (or Kafka's StorageTool) in the foreground.
stack_tool() {
  local classpath main=$1
  shift
  classpath=$(stack_classpath) || return 1
  (cd "$REPO" && java "$(home_marker)" -Dheron.component=stack-tool -cp "$classpath" "$main" "$@")
}

# Rewritten at every start, so that the ports may change between runs. The quorum is a static
# one-voter list: unlike a dynamic quorum, it keeps no listener address in the formatted log dir.
kafka_write_config() {
  cat >"$KAFKA_CONFIG" <<EOF
# Written by bin/heron at every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$HERON_KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$HERON_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=1
# Kafka's internal topics default to 50 partitions each: far more than one local broker needs.
offsets.topic.num.partitions=4
transaction.state.log.num.partitions=4
share.coordinator.state.topic.num.partitions=4
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
}

kafka_format() {
  [[ -f $KAFKA_DATA/meta.properties ]] && return 0
  local cluster_id log=$LOG_DIR/kafka-format.log
  cluster_id=$(stack_tool kafka.tools.StorageTool random-uuid 2>"$log" | tail -n 1)
  [[ -n $cluster_id ]] || {
    report_failure "kafka random-uuid gave nothing" "$log"
    return 1
  }
  if ! stack_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONFIG" \
    >>"$log" 2>&1; then
    report_failure "kafka storage format failed" "$log"
    return 1
  fi
  say "  formatted ${KAFKA_DATA} (cluster $cluster_id)"
}

kafka_ready() {
  port_open "$HERON_KAFKA_PORT" && stack_tool dev.heron.stack.ListTopics >/dev/null 2>&1
}

kafka_start() {
  kafka_paths
  local pid classpath
  if pid=$(running_pid kafka); then
    ok "kafka already running (pid $pid, port $HERON_KAFKA_PORT)"
  else
    local port
    for port in "$HERON_KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
      port_open "$port" && die "port $port is taken by another process: set HERON_KAFKA_PORT"
    done
    classpath=$(stack_classpath) || return 1
    mkdir -p "$KAFKA_DATA"
    kafka_write_config
    kafka_format || return 1
    start_java kafka "$classpath" kafka.Kafka -Xms512m -Xmx512m -XX:+UseG1GC \
      "-Dlogback.configurationFile=$REPO/stack/target/classes/kafka-broker-logback.xml" \
      -- "$KAFKA_CONFIG"
    pid=$(<"$(pid_file kafka)")
    await_healthy kafka "$pid" "$LOG_DIR/kafka.log" "$START_TIMEOUT" kafka_ready || return 1
    ok "kafka up (pid $pid, 127.0.0.1:$HERON_KAFKA_PORT, ${HEALTHY_AFTER}s)"
  fi
  kafka_create_topics
}

kafka_create_topics() {
  local output
  if ! output=$(stack_tool dev.heron.stack.CreateTopics 2>&1); then
    report_failure "creating topics failed" /dev/null
    say "$output" >&2
    return 1
  fi
  local line
  while IFS= read -r line; do
    if [[ $line == topic\ * ]]; then ok "$line"; fi
  done <<<"$output"
}

# Empties the append-only topics (sends, events, dead letters); see dev.heron.stack.EmptyTopics.
kafka_empty_topics() {
  local output
  if ! output=$(stack_tool dev.heron.stack.EmptyTopics 2>&1); then
    say "$output" >&2
    return 1
  fi
  say "$output" | sed 's/^/  /'
}

kafka_stop() {
  local pid
  if pid=$(running_pid kafka); then
    stop_pid "$pid" 60
    ok "kafka stopped"
  else
    say "  kafka is not running"
  fi
  rm -f "$(pid_file kafka)"
}

kafka_status() {
  local pid
  if pid=$(running_pid kafka); then
    if port_open "$HERON_KAFKA_PORT"; then
      status_line kafka up "$pid" "$HERON_KAFKA_PORT"
    else
      status_line kafka starting "$pid" "$HERON_KAFKA_PORT"
    fi
  else
    status_line kafka down - "$HERON_KAFKA_PORT"
  fi
}
