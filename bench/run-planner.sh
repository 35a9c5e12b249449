#!/usr/bin/env bash
# Planning a campaign's audience through the control API vs one INSERT ... SELECT of it.
# Usage: bin/heron bench planner [contacts (1000000)] [runs (3)]. Needs bin/heron up infra.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_java dev.heron.bench.api.PlannerBench "$@"
