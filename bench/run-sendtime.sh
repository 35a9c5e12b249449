#!/usr/bin/env bash
# bin/heron bench sendtime [contacts (1500)] [weeks (26)] [campaigns per week (3)] [runs (3)]
# [hour affinity weight (the built-in world's; live runs only)]: the real SendTimeJob in its own JVM
# (local MiniCluster, Kafka intake, contact_send_time), fed with weeks of deliveries and engagement
# that the simulator's recipients model produces at simulated times (each open when the person next
# reads mail, mostly at their habitual hours: MailReading), scored against the recipients' hidden habits: the
# share of contacts with >= 5 human opens whose preferred hour is in the model's top 3, and the
# open-rate uplift of sending at the modelled hour against all at the campaign's start.
# The same histories without Kafka or Flink, in seconds (and in worlds unlike the simulator's):
# java -cp bench/target/classes:stream-jobs/target/classes:$(cat bench/target/classpath.txt) \
#   dev.heron.bench.model.SendTimeOffline [contacts weeks campaigns/week runs [varied world]]
# Needs bin/heron up infra (and no pipeline reading heron.events with the job's group).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$BENCH_REPO"
echo "==> building stream-jobs and bench"
mvn -B -q -pl stream-jobs,bench -am install -DskipTests -Dspotless.check.skip=true
bench_java_opts=(-Dheron.repo="$BENCH_REPO")
java -Xmx1g "${bench_java_opts[@]}" \
  -cp "$BENCH_REPO/bench/target/classes:$(<"$BENCH_REPO/bench/target/classpath.txt")" \
  dev.heron.bench.model.SendTimeBench "$@"
