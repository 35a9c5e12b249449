# shellcheck shell=bash
# Shared by bench/run-*.sh: the settings bin/heron exports, and how to start a benchmark's main.
BENCH_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Runs main class $1 of the bench module with the remaining arguments, with the options of every
# Heron JVM (jvm.options).
bench_java() {
  local main=$1
  shift
  local classpath=$BENCH_REPO/bench/target/classpath.txt
  [[ -f $classpath ]] || (cd "$BENCH_REPO" && mvn -B -q -pl bench -am install -DskipTests)
  java -Xmx2g "@$BENCH_REPO/jvm.options" -cp "$BENCH_REPO/bench/target/classes:$(<"$classpath")" \
    "$main" "$@"
}
