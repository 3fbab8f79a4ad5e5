#!/usr/bin/env bash
# Startup: from process start to a ready /_berth/health, over repeated runs (median quoted), with the
# JVM options ./berth up uses (server/jvm.options), beside
# the anchor of the same JVM starting and exiting (java -version), measured in the same run.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
JAR="$ROOT/server/target/berth-server.jar"
RUNS="${RUNS:-11}"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests package -pl server -am)
JAVA="$JAVA_HOME/bin/java"
OPTS=($(grep -v '^#' "$ROOT/server/jvm.options" | sed "s#@ROOT@#$ROOT#g"))
PORT="${BENCH_PORT:-45666}"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

berth_runs=() anchor_runs=() reset_runs=() reset_first_runs=()
for i in $(seq 0 "$RUNS"); do
  home="$(mktemp -d)"
  t0=$(now_ms)
  BERTH_HOME="$home" "$JAVA" "${OPTS[@]}" -jar "$JAR" --port "$PORT" >"$home/log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$PORT/_berth/health" 2>/dev/null | grep -q '"ready"'; do
    kill -0 "$pid" 2>/dev/null || { cat "$home/log"; exit 1; }
    sleep 0.01
  done
  t1=$(now_ms)
  if [ "$i" -gt 0 ]; then
    # resets with nothing running, signed with the root credentials as a test suite would: the first
    # right after the start (cold code), then three more as a suite resetting between tests makes them
    for r in 1 2 3 4; do
      ms=$(curl -s -o /dev/null -w '%{time_total}' --aws-sigv4 "aws:amz:us-east-1:berth" --user test:test \
        -X POST "http://127.0.0.1:$PORT/_berth/reset" | awk '{printf "%d", $1 * 1000}')
      if [ "$r" = 1 ]; then reset_first_runs+=("$ms"); else reset_runs+=("$ms"); fi
    done
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$home"
  t2=$(now_ms); "$JAVA" -version >/dev/null 2>&1; t3=$(now_ms)
  if [ "$i" -gt 0 ]; then berth_runs+=($((t1 - t0))); anchor_runs+=($((t3 - t2))); fi
done
b=$(printf '%s\n' "${berth_runs[@]}" | median)
a=$(printf '%s\n' "${anchor_runs[@]}" | median)
printf '%-34s %10s %10s %10s\n' "figure ($RUNS runs, 1 warm-up)" "median ms" "min ms" "max ms"
printf '%-34s %10s %10s %10s\n' "berth start to ready health" "$b" \
  "$(printf '%s\n' "${berth_runs[@]}" | sort -n | head -1)" "$(printf '%s\n' "${berth_runs[@]}" | sort -n | tail -1)"
printf '%-34s %10s %10s %10s\n' "anchor: java -version" "$a" \
  "$(printf '%s\n' "${anchor_runs[@]}" | sort -n | head -1)" "$(printf '%s\n' "${anchor_runs[@]}" | sort -n | tail -1)"
printf '%-34s %10s %10s %10s\n' "reset, nothing running" "$(printf '%s\n' "${reset_runs[@]}" | median)" \
  "$(printf '%s\n' "${reset_runs[@]}" | sort -n | head -1)" "$(printf '%s\n' "${reset_runs[@]}" | sort -n | tail -1)"
printf '%-34s %10s %10s %10s\n' "  first reset after the start" "$(printf '%s\n' "${reset_first_runs[@]}" | median)" \
  "$(printf '%s\n' "${reset_first_runs[@]}" | sort -n | head -1)" "$(printf '%s\n' "${reset_first_runs[@]}" | sort -n | tail -1)"
awk -v b="$b" -v a="$a" 'BEGIN { printf "ratio berth / bare JVM start: %.1fx (goals: berth ready under 1500 ms, reset under 200 ms)\n", b / a }'
