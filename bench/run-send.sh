#!/usr/bin/env bash
# bin/heron bench send [messages per run (20000)] [runs (3)] [sending IPs (3)] [rsa|ed25519]
# [messages per SMTP connection (100)]:
# messages per second from heron.sends to accepted by the simulated providers through a real senders
# process (512 MB heap; render, tracking, DKIM rsa-sha256 with a 2048-bit key or ed25519-sha256,
# routing, SMTP, events), against the baseline of the same messages sent again over the same
# connections with no Heron processing. Needs bin/heron up infra (and no senders service running:
# it would take the benchmark's messages too).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if curl -fs --max-time 2 "http://127.0.0.1:${HERON_SENDERS_PORT:-8081}/health" >/dev/null 2>&1; then
  echo "a senders service answers on :${HERON_SENDERS_PORT:-8081}; it would take the benchmark's" \
    "messages too. Run the benchmark on 'bin/heron up infra' only." >&2
  exit 1
fi
cd "$BENCH_REPO"
echo "==> building senders and bench"
# The bench module alone after senders and simulator: control-api (which bench also holds) comes
# from the local repository, so another module's build in progress does not stop this one.
mvn -B -q -pl senders,simulator -am install -DskipTests -Dspotless.check.skip=true
mvn -B -q -pl bench install -DskipTests -Dspotless.check.skip=true
bench_java dev.heron.bench.send.SendBench "$@"
