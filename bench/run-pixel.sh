#!/usr/bin/env bash
# bin/heron bench pixel [RUNS] [SECONDS]: the open pixel under load. Starts a control API of its
# own on the running infrastructure (bin/heron up infra), seeds sent messages, and for each run
# measures with wrk (a) the baseline: a static file from the same Netty server, then (b) the pixel
# over the seeded messages; it then counts the OPENED events on heron.events, which must equal the
# number of pixel requests. Prints each run (with the CPU seconds of the API, of wrk and of the API's
# webhook fan-out thread) and the medians.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=${1:-3}
DURATION=${2:-15}
CONNECTIONS=${PIXEL_CONNECTIONS:-32}
THREADS=${PIXEL_THREADS:-2}
MESSAGES=${PIXEL_MESSAGES:-20000}
PORT=${PIXEL_PORT:-$((HERON_API_PORT + 17))}
WORK=$HERON_HOME/bench/pixel
mkdir -p "$WORK"

command -v wrk >/dev/null || { echo "wrk is not installed: run bin/heron setup" >&2; exit 1; }
cd "$BENCH_REPO"
echo "==> building control-api and bench"
mvn -B -q -pl control-api,bench -am package -DskipTests -Dspotless.check.skip=true

# The baseline's file: the same GIF the pixel answers with.
mkdir -p "$WORK/static"
printf 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7' | base64 -d >"$WORK/static/pixel.gif"

cat >"$WORK/pixel.lua" <<'LUA'
-- Each request opens the pixel of the next seeded message (paths in PIXEL_PATHS, one a line).
local paths = {}
for line in io.lines(os.getenv("PIXEL_PATHS")) do paths[#paths + 1] = line end
local i = math.random(#paths)
local ua = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["User-Agent"] = ua })
end
LUA

echo "==> starting a control API on :$PORT (log: $WORK/control-api.log)"
API_CP="$(ls control-api/target/control-api-*.jar | head -1):$(<control-api/target/classpath.txt)"
HERON_HOME=$WORK/home HERON_API_PORT=$PORT HERON_PUBLIC_URL=http://127.0.0.1:$PORT \
  java -Xmx1g ${PIXEL_JAVA_OPTS:-} \
  -Dmicronaut.router.static-resources.bench.enabled=true \
  -Dmicronaut.router.static-resources.bench.paths="file:$WORK/static" \
  -Dmicronaut.router.static-resources.bench.mapping='/bench/**' \
  -Dendpoints.tracking.sensitive=false \
  -cp "$API_CP" dev.heron.api.Application >"$WORK/control-api.log" 2>&1 &
API_PID=$!
trap 'kill $API_PID 2>/dev/null || true; wait $API_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 $API_PID 2>/dev/null || { echo "control API exited; see $WORK/control-api.log" >&2; exit 1; }
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/bench/pixel.gif" -o /dev/null || { echo "no baseline file served" >&2; exit 1; }
echo "    load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "==> seeding $MESSAGES sent messages"
TENANT=$(bench_java dev.heron.bench.tracking.PixelBench seed "$MESSAGES" "$WORK/paths.txt" | tail -1)
export PIXEL_PATHS=$WORK/paths.txt

# The pixel requests the server received: wrk leaves out those in flight when its time is up.
served() { curl -fs "http://127.0.0.1:$PORT/tracking" | sed 's/.*"requests":\([0-9]*\).*/\1/'; }

# CPU seconds (user + system) a process has used so far, from /proc: the API's share of the cores
# against wrk's own during a run.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15 + $16 + $17) / hz}' "/proc/$1/stat"; }

# CPU seconds the API's outbound-webhook fan-out thread has used so far ("-" when it is off): what
# reading every event back costs, apart from the pixel's own work.
fanout_seconds() {
  local task
  for task in /proc/"$1"/task/*; do
    if [[ $(<"$task/comm") == webhook-fanout ]]; then
      awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "$task/stat"
      return
    fi
  done
  echo -
}

# wrk's figures: requests/s, p99 in ms, requests completed.
rate() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
p99() { awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v = v * 1000 }; print v }' "$1"; }
done_requests() { awk '/requests in/ {print $1}' "$1"; }
errors() { awk '/Non-2xx|Socket errors/ {print}' "$1"; }
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

printf '\n%-6s %12s %10s %12s %10s %7s %10s %10s %-5s %8s %8s %10s\n' run base_rps base_p99 pixel_rps pixel_p99 ratio received events equal api_cpu wrk_cpu fanout_cpu
: >"$WORK/results.txt"
# Run 0 warms the JIT and the message cache and is left out of the medians. Each run waits for
# all its events before the next starts, so that no run counts another's.
for run in $(seq 0 "$RUNS"); do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    "http://127.0.0.1:$PORT/bench/pixel.gif" >"$WORK/base-$run.txt"
  bench_java dev.heron.bench.tracking.PixelBench offsets "$WORK/offsets-$run"
  before=$(served)
  api_cpu_before=$(cpu_seconds $API_PID)
  fanout_before=$(fanout_seconds $API_PID)
  /usr/bin/time -f '%U %S' -o "$WORK/wrk-cpu-$run.txt" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/pixel.lua" \
    "http://127.0.0.1:$PORT" >"$WORK/pixel-$run.txt"
  api_cpu=$(awk -v a="$api_cpu_before" -v b="$(cpu_seconds $API_PID)" 'BEGIN {printf "%.1f", b - a}')
  wrk_cpu=$(awk '{printf "%.1f", $1 + $2}' "$WORK/wrk-cpu-$run.txt")
  sleep 1
  requests=$(($(served) - before))
  events=$(bench_java dev.heron.bench.tracking.PixelBench count "$WORK/offsets-$run" "$TENANT" "$requests" 300 | tail -1)
  # Read after the events were counted: by then the fan-out has read this run's events too.
  fanout_cpu=$(awk -v a="$fanout_before" -v b="$(fanout_seconds $API_PID)" 'BEGIN {if (a == "-") print "-"; else printf "%.2f", b - a}')
  base_rps=$(rate "$WORK/base-$run.txt")
  pixel_rps=$(rate "$WORK/pixel-$run.txt")
  ratio=$(awk -v a="$pixel_rps" -v b="$base_rps" 'BEGIN {printf "%.2f", a / b}')
  equal=$([[ $events == "$requests" ]] && echo yes || echo NO)
  label=$run
  ((run == 0)) && label=warmup
  printf '%-6s %12s %10s %12s %10s %7s %10s %10s %-5s %8s %8s %10s %s\n' "$label" "$base_rps" "$(p99 "$WORK/base-$run.txt")" \
    "$pixel_rps" "$(p99 "$WORK/pixel-$run.txt")" "$ratio" "$requests" "$events" "$equal" "$api_cpu" "$wrk_cpu" \
    "$fanout_cpu" "$(errors "$WORK/pixel-$run.txt" | tr '\n' ' ')"
  ((run == 0)) && continue
  echo "$base_rps $(p99 "$WORK/base-$run.txt") $pixel_rps $(p99 "$WORK/pixel-$run.txt") $ratio $requests $events" >>"$WORK/results.txt"
done
echo
echo "    load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "medians of $RUNS runs of ${DURATION}s, $CONNECTIONS connections, $THREADS wrk threads:"
echo "  baseline (static file, same server): $(awk '{print $1}' "$WORK/results.txt" | median) req/s, p99 $(awk '{print $2}' "$WORK/results.txt" | median) ms"
echo "  open pixel:                          $(awk '{print $3}' "$WORK/results.txt" | median) req/s, p99 $(awk '{print $4}' "$WORK/results.txt" | median) ms"
echo "  pixel / baseline:                    $(awk '{print $5}' "$WORK/results.txt" | median)"
if awk '$6 != $7 {bad = 1} END {exit bad}' "$WORK/results.txt"; then
  echo "  events on heron.events = pixel requests in every run"
else
  echo "  EVENTS DIFFER FROM REQUESTS in some run (see above)"
  exit 1
fi
