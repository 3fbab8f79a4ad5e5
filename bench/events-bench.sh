#!/usr/bin/env bash
# EventBridge matching: events/s against 1,000 rules beside a plain Jackson parse of the same events.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
(cd "$ROOT" && mvn -q -B -DskipTests install -pl bench -am >/dev/null)
(cd "$ROOT" && mvn -q -B dependency:build-classpath -pl bench -Dmdep.outputFile="$BENCH/target/classpath.txt" >/dev/null)
exec "$JAVA_HOME/bin/java" -cp "$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")" berth.bench.EventMatchBench
