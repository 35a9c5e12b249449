#!/usr/bin/env bash
# bin/heron bench reaction [runs (3)] [messages per second (20)] [IPs (3)] [seconds before (20)]
# [seconds after (30)]: a real senders process routes a steady stream to one simulated provider over
# a pool of fresh sending IPs, the real ReputationJob (its own JVM, local MiniCluster) scores them,
# then the provider starts blocking one IP. Seconds from that switch until its score on
# heron.ip-scores falls below the pool's others, and until the senders stop routing to it, against
# the floor of its first refusal. Needs bin/heron up infra (no senders or pipeline running).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if curl -fs --max-time 2 "http://127.0.0.1:${HERON_SENDERS_PORT:-8081}/health" >/dev/null 2>&1; then
  echo "a senders service answers on :${HERON_SENDERS_PORT:-8081}; run on 'bin/heron up infra' only." >&2
  exit 1
fi
cd "$BENCH_REPO"
echo "==> building stream-jobs, senders and bench"
mvn -B -q -pl stream-jobs,senders,bench -am install -DskipTests -Dspotless.check.skip=true
java -Xmx1g -Dheron.repo="$BENCH_REPO" \
  -cp "$BENCH_REPO/bench/target/classes:$(<"$BENCH_REPO/bench/target/classpath.txt")" \
  dev.heron.bench.model.ReactionBench "$@"
