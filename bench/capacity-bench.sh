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

. "$BENCH/berth-process.sh"
trap bench_cleanup EXIT
bench_prepare
# berth as ./berth up runs it; stopped tasks' containers are removed soon
bench_start_berth BERTH_AGENT_CLEANUP_WAIT=2s BERTH_LOCAL_AGENT=0 BERTH_ECS_CAPACITY_POLL_MILLIS=100 \
  BERTH_ASG_POLL_MILLIS=100 BERTH_ECS_SCALE_IN_AFTER_SECONDS=5 BERTH_EC2_TERMINATED_RETENTION_SECONDS=5

say "running $ROUNDS rounds: a task that launches its instance, then one on the instance at hand"
"$JAVA_HOME/bin/java" -cp "$BENCH_CP" berth.bench.CapacityBench "$ENDPOINT" "$ROUNDS"
