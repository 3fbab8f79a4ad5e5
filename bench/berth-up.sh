# Sourced by benchmarks: builds the bench classpath (BENCH_CP) and starts berth as ./berth up runs it
# (the server jar with server/jvm.options, or BENCH_BERTH_CLASSPATH) on PORT with its home in WORK,
# extra environment from BERTH_ENV (an array); BERTH_PID is killed by berth_down.
: "${ROOT:?}" "${PORT:?}" "${WORK:?}" "${JAVA_HOME:?run through ./berth bench}"
BENCH="$ROOT/bench"
(cd "$ROOT" && mvn -q -B -DskipTests install -pl bench -am >/dev/null)
(cd "$ROOT" && mvn -q -B dependency:build-classpath -pl bench -Dmdep.outputFile="$BENCH/target/classpath.txt" >/dev/null)
BENCH_CP="$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")"
JAR="$ROOT/server/target/berth-server.jar"
[ -n "${BENCH_BERTH_CLASSPATH:-}" ] || [ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests install -pl server -am >/dev/null)
OPTS=($(grep -v '^#' "$ROOT/server/jvm.options" 2>/dev/null | sed "s#@ROOT@#$ROOT#g"))
BERTH_CMD=("$JAVA_HOME/bin/java" "${OPTS[@]}" -jar "$JAR")
[ -n "${BENCH_BERTH_CLASSPATH:-}" ] && BERTH_CMD=("$JAVA_HOME/bin/java" -cp "$BENCH_BERTH_CLASSPATH" berth.server.Main)
curl -sf "http://127.0.0.1:$PORT/_berth/health" >/dev/null 2>&1 && { echo "port $PORT is taken (set BENCH_BERTH_PORT)" >&2; exit 1; }
env BERTH_HOME="$WORK/berth-home" BERTH_LOCAL_AGENT=0 "${BERTH_ENV[@]}" "${BERTH_CMD[@]}" --port "$PORT" >"$WORK/berth.log" 2>&1 &
BERTH_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/_berth/health" 2>/dev/null | grep -q '"ready"' && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/_berth/health" | grep -q '"ready"' && kill -0 "$BERTH_PID" 2>/dev/null \
  || { cat "$WORK/berth.log" >&2; echo "berth did not start" >&2; exit 1; }
berth_down() {
  [ -n "${BERTH_PID:-}" ] && kill "$BERTH_PID" 2>/dev/null && wait "$BERTH_PID" 2>/dev/null || true
}
