#!/usr/bin/env bash
# S3 benchmark: starts berth (as ./berth up runs it, on its own home), then berth.bench.S3Bench:
# PUT/GET MB/s of 64 MiB objects and 4 KiB PUT/GET ops/s on presigned URLs, beside the registry's
# blob push and pull path (OCI monolithic upload, blob GET) on the same berth in the same run.
# Arguments go to S3Bench: [LARGE_MIB] [LARGE_COUNT] [SMALL_KIB] [SMALL_COUNT] [THREADS].
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${BENCH_BERTH_PORT:-4579}"
WORK="$(mktemp -d /var/tmp/berth-s3-bench.XXXXXX)"
BERTH_ENV=()
trap 'berth_down 2>/dev/null || true; rm -rf "$WORK"' EXIT
source "$ROOT/bench/berth-up.sh"
"$JAVA_HOME/bin/java" -cp "$BENCH_CP" berth.bench.S3Bench "http://127.0.0.1:$PORT" "$@"
