# shellcheck shell=bash
# `bin/heron test`, what CI runs: every module's tests against a real PostgreSQL and Kafka, then
# the end-to-end tests against the whole running stack. It uses a state directory and ports of its
# own, so a demo stack started with the defaults keeps running undisturbed.

TEST_STEPS=()
TEST_FAILED=
TEST_RUNNING=

use_test_settings() {
  export HERON_HOME=$REPO/.heron/test
  export HERON_PG_PORT=55442 HERON_KAFKA_PORT=19102 HERON_API_PORT=18080 HERON_SENDERS_PORT=18081
  export HERON_FLINK_PORT=18082 HERON_SIM_SMTP_PORT=12525 HERON_SIM_DNS_PORT=15353
  export HERON_BOUNCE_PORT=12526
  # Derived from the ports above by load_settings, not inherited from a developer's shell.
  unset HERON_DB_URL HERON_KAFKA_BOOTSTRAP HERON_PUBLIC_URL HERON_SMTP_PORT HERON_DNS_SERVER
  load_settings
}

# Runs one step in a subshell (a `die` inside ends the step, not the run) and records its outcome;
# the first failing step ends the run. Never call it after `if`, `||` or `&&`: bash would then
# ignore `set -e` inside the step.
# Usage: test_step TITLE COMMAND [ARGS...]
test_step() {
  local title=$1 started=$SECONDS status
  shift
  step "test: $title"
  TEST_RUNNING=$title
  set +e
  (
    set -e
    "$@"
  )
  status=$?
  set -e
  local took=$((SECONDS - started))s
  TEST_RUNNING=
  if ((status == 0)); then
    TEST_STEPS+=("PASS|$title|$took")
  else
    TEST_STEPS+=("FAIL|$title|$took")
    exit 1
  fi
}

test_finish() {
  local status=$?
  trap - EXIT INT TERM
  ((status == 0)) || TEST_FAILED=1
  [[ -z $TEST_RUNNING ]] || TEST_STEPS+=("STOP|$TEST_RUNNING (interrupted)|-")
  step "test: stopping the test stack"
  (cmd_down) || TEST_FAILED=1

  say ""
  say "${C_BOLD}Heron test summary${C_OFF} (state and logs: ${HERON_HOME#"$REPO"/})"
  local entry result title took color
  for entry in "${TEST_STEPS[@]}"; do
    IFS='|' read -r result title took <<<"$entry"
    case $result in
      PASS) color=$C_GREEN ;;
      FAIL | STOP) color=$C_RED ;;
      *) color=$C_YELLOW ;;
    esac
    printf '  %s%-4s%s  %-52s %s\n' "$color" "$result" "$C_OFF" "$title" "$took"
  done
  if [[ -n $TEST_FAILED ]]; then
    say "${C_RED}FAILED${C_OFF} after $((SECONDS - TEST_STARTED))s"
    exit $((status > 1 ? status : 1))
  fi
  say "${C_GREEN}PASSED${C_OFF} after $((SECONDS - TEST_STARTED))s"
  exit 0
}

# Stops whatever a previous, interrupted run left in the test home, then removes that home.
wipe_test_home() {
  (cmd_down) >/dev/null 2>&1 || true
  pg_paths
  [[ $PG_ROOT != "$HERON_HOME" ]] && rm -rf "$PG_ROOT"
  rm -rf "$HERON_HOME"
  ensure_home
}

maven() { (cd "$REPO" && mvn -B "$@"); }

cmd_test() {
  (($# == 0)) || die "usage: bin/heron test"
  TEST_STARTED=$SECONDS
  trap test_finish EXIT
  trap 'say "interrupted"; exit 130' INT TERM

  test_step "setup --no-build" cmd_setup --no-build
  use_test_settings
  test_step "fresh state in ${HERON_HOME#"$REPO"/}" wipe_test_home
  # up infra runs Kafka from stack's build and migrations from sql's.
  test_step "build stack and sql" maven -q -DskipTests package -pl stack,sql -am
  test_step "up infra (PostgreSQL :$HERON_PG_PORT, Kafka :$HERON_KAFKA_PORT)" cmd_up infra
  # install, not just verify: the e2e step below builds e2e alone and resolves the other modules
  # from the local repository. --fail-at-end: one run reports every module that fails.
  test_step "module tests: mvn -B install -pl '!e2e'" maven --fail-at-end install -pl '!e2e'
  # The module tests published to the same broker; the services start on empty topics instead of
  # working through what those tests left behind.
  test_step "empty the module tests' topics" kafka_empty_topics
  test_step "up (the services)" cmd_up all
  test_step "end-to-end tests: mvn -B verify -pl e2e" maven verify -pl e2e
}
