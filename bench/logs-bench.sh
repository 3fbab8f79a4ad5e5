#!/usr/bin/env bash
# Log benchmark: starts berth (as ./berth up runs it, on its own home, with its local agent), then
#   - berth.bench.LogIngestBench: 100,000 lines through PutLogEvents from one producer, visibility
#     delay through GetLogEvents, every line verified, beside an append+fsync file anchor;
#   - berth.bench.ContainerLogBench: 100,000 lines printed by a task's container (awslogs driver),
#     every line read back in order with GetLogEvents, delays from docker's write timestamp.
# Arguments after the script name go to LogIngestBench: [LINES] [BATCH] [LINE_BYTES].
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
PORT="${BENCH_BERTH_PORT:-4578}"
WORK="$(mktemp -d /var/tmp/berth-logs-bench.XXXXXX)"
: "${JAVA_HOME:?run through ./berth bench}"
say() { printf 'logs-bench: %s\n' "$*" >&2; }

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
"$JAVA_HOME/bin/java" -Djava.io.tmpdir="$WORK" -Dberth.pid="$BERTH_PID" -cp "$BENCH_CP" berth.bench.LogIngestBench "http://127.0.0.1:$PORT" "$@"
bash "$ROOT/agent/src/test/resources/build-busybox-image.sh" >/dev/null
"$JAVA_HOME/bin/java" -cp "$BENCH_CP" berth.bench.ContainerLogBench "http://127.0.0.1:$PORT" "${BENCH_CONTAINER_LINES:-100000}"
