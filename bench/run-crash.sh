#!/usr/bin/env bash
# bin/heron bench crash [recipients (50000)]: the sender crash drill at full size. SenderCrashIT
# starts a senders process, publishes a campaign of that many recipients to heron.sends, kills the
# process (kill -9) once half are accepted by the simulated providers, starts another, and checks
# that every recipient got exactly one message except at most those in flight at the kill, and
# that no outcome event is missing from heron.events. `bin/heron test` runs the same drill with
# 1,000 recipients. Needs bin/heron up infra. Prints the drill's figures line; the whole log is in
# $HERON_HOME/bench/crash.log.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RECIPIENTS=${1:-50000}
LOG_DIR=${HERON_HOME:-$BENCH_REPO/.heron}/bench
mkdir -p "$LOG_DIR"
cd "$BENCH_REPO"
echo "==> building senders"
mvn -B -q -pl senders -am install -DskipTests -Dspotless.check.skip=true
echo "==> SenderCrashIT with $RECIPIENTS recipients (log: $LOG_DIR/crash.log)"
status=0
mvn -B -pl senders verify -Dspotless.check.skip=true -Dskip.surefire.tests=true -DskipUTs=true \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SenderCrashIT \
  -Dheron.crash.recipients="$RECIPIENTS" >"$LOG_DIR/crash.log" 2>&1 || status=$?
grep -E "crash drill figures|killed the sender|Tests run:|BUILD" "$LOG_DIR/crash.log" || true
exit $status
