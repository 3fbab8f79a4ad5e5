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

. "$BENCH/berth-process.sh"
cleanup() {
  local status=$?
  ids="$(docker ps -aq --filter "name=runtask-bench-anchor-")"
  [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1 || true
  bench_cleanup "$status"
}
trap cleanup EXIT
bench_prepare
# berth as ./berth up runs it; stopped tasks' containers are removed soon
bench_start_berth BERTH_AGENT_CLEANUP_WAIT=2s

say "running $TASKS tasks on berth and $TASKS docker run -d, interleaved"
"$JAVA_HOME/bin/java" -cp "$BENCH_CP" berth.bench.RunTaskBench "$ENDPOINT" "$TASKS"
