#!/usr/bin/env bash
# Scheduler benchmark: an at() schedule's occurrence -> its ECS task RUNNING on berth's local agent,
# beside RunTask -> RUNNING of the same task definition measured in the same run, interleaved.
# Prints p50 and p99 of both and the ratio. BENCH_SCHEDULES changes the count (default 10; each
# waits up to two seconds for its occurrence).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
COUNT="${BENCH_SCHEDULES:-10}"
PORT="${BENCH_BERTH_PORT:-0}"
WORK="$(mktemp -d /var/tmp/berth-scheduler-bench.XXXXXX)"
say() { printf 'scheduler-bench: %s\n' "$*" >&2; }
: "${JAVA_HOME:?run through ./berth bench scheduler}"

. "$BENCH/berth-process.sh"
trap 'bench_cleanup $?' EXIT
bench_prepare
bench_start_berth BERTH_AGENT_CLEANUP_WAIT=2s

say "running $COUNT scheduled tasks and $COUNT RunTask calls, interleaved"
"$JAVA_HOME/bin/java" -cp "$BENCH_CP" berth.bench.SchedulerBench "$ENDPOINT" "$COUNT"
