#!/usr/bin/env bash
# Archive + Insights + Reputation throughput and bucket freshness, against a plain Kafka consumer
# (the ceiling) and the "TimescaleDB only" alternative (GROUP BY over raw events).
# Usage: bin/heron bench pipeline [messages (100000)] [raw rows (10000000)]. Needs bin/heron up infra;
# appends its table to $HERON_HOME/bench/pipeline.md (docs/benchmarks.md quotes medians of several
# runs). The raw rows of the query comparison stay in the database
# under their own tenant, so that a second run does not load them again (minutes for ten million).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
classpath=$REPO/stream-jobs/target/classpath.txt
[[ -f $classpath ]] || (cd "$REPO" && mvn -B -q -pl stream-jobs -am install -DskipTests)
results=${HERON_HOME:-$REPO/.heron}/bench
mkdir -p "$results"
. "$REPO/bin/lib/common.sh"
mapfile -t jvm_options < <(stream_jobs_jvm_options)
exec java -Xmx2g "${jvm_options[@]}" -cp "$REPO/stream-jobs/target/classes:$(<"$classpath")" \
  dev.heron.jobs.bench.PipelineBenchmark "${1:-100000}" "${2:-10000000}" "$results/pipeline.md"
