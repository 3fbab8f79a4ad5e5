#!/usr/bin/env bash
# Metrics benchmark: starts berth (as ./berth up runs it, on its own home, with its local agent), then
#   - berth.bench.MetricIngestBench: 100,000 datapoints through PutMetricData in requests of 1,000,
#     every one counted back with GetMetricStatistics, beside the embedded store's raw commit rate
#     (the same records in commits of 1,000, on the same disk);
#   - berth.bench.ScaleOutBench: a metric crossing a step scaling alarm's threshold to the added task
#     RUNNING, beside RunTask to RUNNING of the same task definition.
# Arguments after the script name go to MetricIngestBench: [DATAPOINTS] [BATCH].
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
PORT="${BENCH_BERTH_PORT:-4579}"
WORK="$(mktemp -d /var/tmp/berth-metrics-bench.XXXXXX)"
: "${JAVA_HOME:?run through ./berth bench}"
say() { printf 'metrics-bench: %s\n' "$*" >&2; }

BERTH_PID=""
cleanup() {
  [ -n "$BERTH_PID" ] && kill "$BERTH_PID" 2>/dev/null && wait "$BERTH_PID" 2>/dev/null || true
  docker ps -aq --filter "label=berth.control-plane=http://127.0.0.1:$PORT" | xargs -r docker rm -f -v >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

(cd "$ROOT" && mvn -q -B -DskipTests install -pl bench -am >/dev/null)
(cd "$ROOT" && mvn -q -B dependency:build-classpath -pl bench -Dmdep.outputFile="$BENCH/target/classpath.txt" >/dev/null)
BENCH_CP="$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")"

# berth as ./berth up runs it: the server jar with server/jvm.options (built when missing)
JAR="$ROOT/server/target/berth-server.jar"
[ -n "${BENCH_BERTH_CLASSPATH:-}" ] || [ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests install -pl server -am >/dev/null)
OPTS=($(grep -v '^#' "$ROOT/server/jvm.options" 2>/dev/null | sed "s#@ROOT@#$ROOT#g"))
BERTH_CMD=("$JAVA_HOME/bin/java" "${OPTS[@]}" -jar "$JAR")
[ -n "${BENCH_BERTH_CLASSPATH:-}" ] && BERTH_CMD=("$JAVA_HOME/bin/java" -cp "$BENCH_BERTH_CLASSPATH" berth.server.Main)
curl -sf "http://127.0.0.1:$PORT/_berth/health" >/dev/null 2>&1 && { say "port $PORT is taken (set BENCH_BERTH_PORT)"; exit 1; }
say "starting berth on port $PORT"
BERTH_HOME="$WORK/berth-home" "${BERTH_CMD[@]}" --port "$PORT" >"$WORK/berth.log" 2>&1 &
BERTH_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/_berth/health" 2>/dev/null | grep -q '"ready"' && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/_berth/health" | grep -q '"ready"' && kill -0 "$BERTH_PID" 2>/dev/null \
  || { cat "$WORK/berth.log" >&2; say "berth did not start"; exit 1; }

# the benchmark's JVM shares the machine's cores with berth; TMPDIR puts the anchor on berth's disk
"$JAVA_HOME/bin/java" -Djava.io.tmpdir="$WORK" -cp "$BENCH_CP" berth.bench.MetricIngestBench "http://127.0.0.1:$PORT" "$@"
bash "$ROOT/agent/src/test/resources/build-busybox-image.sh" >/dev/null
"$JAVA_HOME/bin/java" -cp "$BENCH_CP" berth.bench.ScaleOutBench "http://127.0.0.1:$PORT" "${BENCH_SCALE_ROUNDS:-3}"
