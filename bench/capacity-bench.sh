#!/usr/bin/env bash
# Capacity benchmark: RunTask -> RUNNING through an Auto Scaling group capacity provider with managed
# scaling when the group is at 0 instances (the instance is launched, registers, then the task runs),
# beside RunTask -> RUNNING through the same provider while the instance exists, measured in the same
# run, round after round. Prints p50 and p90 of both and the ratio. BENCH_ROUNDS changes the count.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
ROUNDS="${BENCH_ROUNDS:-10}"
PORT="${BENCH_BERTH_PORT:-0}"
WORK="$(mktemp -d /var/tmp/berth-capacity-bench.XXXXXX)"
say() { printf 'capacity-bench: %s\n' "$*" >&2; }
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
BERTH_HOME="$WORK/home" BERTH_AGENT_CLEANUP_WAIT=2s BERTH_LOCAL_AGENT=0 BERTH_ECS_CAPACITY_POLL_MILLIS=100 \
  BERTH_ASG_POLL_MILLIS=100 BERTH_ECS_SCALE_IN_AFTER_SECONDS=5 BERTH_EC2_TERMINATED_RETENTION_SECONDS=5 \
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

say "running $ROUNDS rounds: a task that launches its instance, then one on the instance at hand"
"$JAVA_HOME/bin/java" -cp "$BENCH_CP" berth.bench.CapacityBench "$ENDPOINT" "$ROUNDS"
