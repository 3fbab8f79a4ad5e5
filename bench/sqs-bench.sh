#!/usr/bin/env bash
# SQS benchmark: starts berth (as ./berth up runs it, on its own home), then berth.bench.SqsBench:
# messages/s sent, received and deleted (batches of 10 from 4 threads, and one by one), beside one
# thread appending the same bodies to a file with an fsync per batch, on the same disk in the same run.
# Arguments go to SqsBench: [MESSAGES] [THREADS] [BODY_BYTES] [SINGLE_MESSAGES].
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${BENCH_BERTH_PORT:-4580}"
WORK="$(mktemp -d /var/tmp/berth-sqs-bench.XXXXXX)"
BERTH_ENV=()
trap 'berth_down 2>/dev/null || true; rm -rf "$WORK"' EXIT
source "$ROOT/bench/berth-up.sh"
# TMPDIR puts the anchor's file on berth's disk
"$JAVA_HOME/bin/java" -Djava.io.tmpdir="$WORK" -cp "$BENCH_CP" berth.bench.SqsBench "http://127.0.0.1:$PORT" "$@"
