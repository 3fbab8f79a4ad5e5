# Sourced by benchmarks that run berth as `./berth up` runs it (server jar, server/jvm.options) with
# its local agent: `bench_prepare` makes sure of dockerd and the offline busybox image, builds berth and
# the benchmark (unless BENCH_SKIP_BUILD=1) and sets BENCH_CP; `bench_start_berth VAR=VALUE ...` starts
# berth on PORT (0: a free one) with its home in WORK and those variables, and sets ENDPOINT and
# BERTH_PID; `bench_cleanup` (trap it on EXIT) prints berth's log on failure, stops it, removes the
# containers it started and WORK (given the exit status when called from a trap of its own).
# Needs ROOT, BENCH, WORK, PORT and a say function.
: "${ROOT:?}" "${BENCH:?}" "${WORK:?}" "${PORT:?}" "${JAVA_HOME:?run through ./berth bench}"
BERTH_PID=""
ENDPOINT=""

bench_prepare() {
  curl -sf --unix-socket /var/run/docker.sock http://localhost/_ping >/dev/null \
    || { say "starting dockerd"; (nohup dockerd >/var/log/berth-dockerd.log 2>&1 &); sleep 5; }
  bash "$ROOT/agent/src/test/resources/build-busybox-image.sh" >/dev/null
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    say "building berth and the benchmark"
    (cd "$ROOT" && mvn -q -B -DskipTests install -pl server,bench -am >/dev/null)
  fi
  (cd "$ROOT" && mvn -q -B dependency:build-classpath -pl bench -Dmdep.outputFile="$BENCH/target/classpath.txt" >/dev/null)
  BENCH_CP="$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")"
}

bench_start_berth() {
  local opts
  opts=($(grep -v '^#' "$ROOT/server/jvm.options" 2>/dev/null | sed "s#@ROOT@#$ROOT#g"))
  say "starting berth"
  env BERTH_HOME="$WORK/home" "$@" \
    "$JAVA_HOME/bin/java" "${opts[@]}" -jar "$ROOT/server/target/berth-server.jar" --port "$PORT" >"$WORK/berth.log" 2>&1 &
  BERTH_PID=$!
  for _ in $(seq 1 240); do
    ENDPOINT="$(grep -o 'endpoint  *http://[^ ]*' "$WORK/berth.log" 2>/dev/null | head -1 | awk '{print $2}')" || true
    [ -n "$ENDPOINT" ] && curl -sf "$ENDPOINT/_berth/health" 2>/dev/null | grep -q '"ready"' && break
    kill -0 "$BERTH_PID" 2>/dev/null || { say "berth exited"; exit 1; }
    sleep 0.5
  done
  [ -n "$ENDPOINT" ] && curl -sf "$ENDPOINT/_berth/health" | grep -q '"ready"' || { say "berth did not start"; exit 1; }
  say "berth is ready at $ENDPOINT"
}

bench_cleanup() {
  local status=${1:-$?} ids
  if [ "$status" != 0 ] && [ -f "$WORK/berth.log" ]; then say "berth's log:"; grep -v '^WARNING' "$WORK/berth.log" | tail -40 >&2; fi
  [ -n "$BERTH_PID" ] && kill "$BERTH_PID" 2>/dev/null && wait "$BERTH_PID" 2>/dev/null || true
  if [ -n "${ENDPOINT:-}" ]; then
    ids="$(docker ps -aq --filter "label=berth.control-plane=$ENDPOINT")"
    [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
