#!/usr/bin/env bash
# RunTask benchmark: RunTask -> RUNNING on berth's local agent for a local image, 100 tasks one after
# another (each stopped, untimed, before the next), beside a plain `docker run -d` of the same image,
# command and port mapping measured in the same run, interleaved. Prints p50 and p99 of both and the
# ratio. BENCH_TASKS changes the count.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
TASKS="${BENCH_TASKS:-100}"
PORT="${BENCH_BERTH_PORT:-0}"
WORK="$(mktemp -d /var/tmp/berth-runtask-bench.XXXXXX)"
say() { printf 'runtask-bench: %s\n' "$*" >&2; }
: "${JAVA_HOME:?run through ./berth bench runtask}"

curl -sf --unix-socket /var/run/docker.sock http://localhost/_ping >/dev/null \
  || { say "starting dockerd"; (nohup dockerd >/var/log/berth-dockerd.log 2>&1 &); sleep 5; }

BERTH_PID=""
cleanup() {
  status=$?
  if [ "$status" != 0 ] && [ -f "$WORK/berth.log" ]; then say "berth's log:"; grep -v '^WARNING' "$WORK/berth.log" | tail -40 >&2; fi
  [ -n "$BERTH_PID" ] && kill "$BERTH_PID" 2>/dev/null && wait "$BERTH_PID" 2>/dev/null || true
  if [ -n "${ENDPOINT:-}" ]; then
    ids="$(docker ps -aq --filter "label=berth.control-plane=$ENDPOINT")"
    [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1 || true
  fi
  ids="$(docker ps -aq --filter "name=runtask-bench-anchor-")"
  [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

bash "$ROOT/agent/src/test/resources/build-busybox-image.sh" >/dev/null
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  say "building berth and the benchmark"
  (cd "$ROOT" && mvn -q -B -DskipTests install -pl server,bench -am >/dev/null)
fi
(cd "$ROOT" && mvn -q -B dependency:build-classpath -pl bench -Dmdep.outputFile="$BENCH/target/classpath.txt" >/dev/null)
BENCH_CP="$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")"

# berth as ./berth up runs it; stopped tasks' containers are removed soon, as the anchor's are
OPTS=($(grep -v '^#' "$ROOT/server/jvm.options" 2>/dev/null | sed "s#@ROOT@#$ROOT#g"))
say "starting berth"
BERTH_HOME="$WORK/home" BERTH_AGENT_CLEANUP_WAIT=2s \
  "$JAVA_HOME/bin/java" "${OPTS[@]}" -jar "$ROOT/server/target/berth-server.jar" --port "$PORT" >"$WORK/berth.log" 2>&1 &
BERTH_PID=$!
ENDPOINT=""
for _ in $(seq 1 240); do
  ENDPOINT="$(grep -o 'endpoint  *http://[^ ]*' "$WORK/berth.log" 2>/dev/null | head -1 | awk '{print $2}')" || true
  [ -n "$ENDPOINT" ] && curl -sf "$ENDPOINT/_berth/health" 2>/dev/null | grep -q '"ready"' && break
  kill -0 "$BERTH_PID" 2>/dev/null || { say "berth exited"; exit 1; }
  sleep 0.5
done
[ -n "$ENDPOINT" ] && curl -sf "$ENDPOINT/_berth/health" | grep -q '"ready"' || { say "berth did not start"; exit 1; }
say "berth is ready at $ENDPOINT"

say "running $TASKS tasks on berth and $TASKS docker run -d, interleaved"
"$JAVA_HOME/bin/java" -cp "$BENCH_CP" berth.bench.RunTaskBench "$ENDPOINT" "$TASKS"
