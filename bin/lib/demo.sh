#!/usr/bin/env bash
# The demo slice of `bin/heron demo`: one campaign through the running stack's public API
# (dev.heron.e2e.Demo). Runs with the settings exported by bin/heron.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
classpath=$REPO/e2e/target/classpath.txt
if [[ ! -f $classpath ]]; then
  echo "e2e is not built ($classpath is missing): run bin/heron setup" >&2
  exit 1
fi
exec java -cp "$REPO/e2e/target/classes:$(<"$classpath")" dev.heron.e2e.Demo "$@"
