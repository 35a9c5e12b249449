#!/usr/bin/env bash
# CSV import of contacts through the control API vs PostgreSQL COPY of the same file.
# Usage: bin/heron bench import [rows (1000000)] [runs (3)]. Needs bin/heron up infra.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_java dev.heron.bench.api.ImportBench "$@"
