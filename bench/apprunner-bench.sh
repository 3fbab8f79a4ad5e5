#!/usr/bin/env bash
# App Runner benchmark: CreateService -> first 200 at the service's URL for an image in berth's ECR,
# beside ECS CreateService -> first 200 through an ALB listener for the same image as a Fargate task
# (the same steps by hand), measured in the same run and interleaved. Prints the medians and the
# ratio. BENCH_ROUNDS changes the number of services (5).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
ROUNDS="${BENCH_ROUNDS:-5}"
WORK="$(mktemp -d /var/tmp/berth-apprunner-bench.XXXXXX)"
say() { printf 'apprunner-bench: %s\n' "$*" >&2; }
: "${JAVA_HOME:?run through ./berth bench apprunner}"

BERTH_PID=""
cleanup() {
  status=$?
  if [ "$status" != 0 ] && [ -f "$WORK/berth.log" ]; then say "berth's log:"; grep -v '^WARNING' "$WORK/berth.log" | tail -40 >&2; fi
  [ -n "$BERTH_PID" ] && kill "$BERTH_PID" 2>/dev/null && wait "$BERTH_PID" 2>/dev/null || true
  if [ -n "${ENDPOINT:-}" ]; then
    ids="$(docker ps -aq --filter "label=berth.control-plane=$ENDPOINT")"
    [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1 || true
    docker rmi -f "${ENDPOINT#http://}/bench/web:latest" >/dev/null 2>&1 || true
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

OPTS=($(grep -v '^#' "$ROOT/server/jvm.options" 2>/dev/null | sed "s#@ROOT@#$ROOT#g"))
say "starting berth"
BERTH_HOME="$WORK/home" BERTH_AGENT_CLEANUP_WAIT=2s BERTH_APPRUNNER_PASS_MILLIS=200 \
  "$JAVA_HOME/bin/java" "${OPTS[@]}" -jar "$ROOT/server/target/berth-server.jar" --port 0 >"$WORK/berth.log" 2>&1 &
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

# the image: busybox httpd answering on 8080, pushed to berth's ECR with the docker CLI
REGISTRY="${ENDPOINT#http://}"
IMAGE="$REGISTRY/bench/web:latest"
mkdir -p "$WORK/image" "$WORK/docker"
printf 'FROM berth-test/busybox:latest\nRUN echo bench > /www/index.html\nCMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\n' \
  > "$WORK/image/Dockerfile"
AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url "$ENDPOINT" --region us-east-1 \
  ecr create-repository --repository-name bench/web >/dev/null
AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url "$ENDPOINT" --region us-east-1 ecr get-login-password \
  | docker --config "$WORK/docker" login --username AWS --password-stdin "$REGISTRY" >/dev/null
docker build -q -t "$IMAGE" "$WORK/image" >/dev/null
docker --config "$WORK/docker" push -q "$IMAGE" >/dev/null

say "creating $ROUNDS App Runner services and $ROUNDS ECS services behind an ALB, interleaved"
"$JAVA_HOME/bin/java" -cp "$BENCH_CP" berth.bench.AppRunnerBench "$ENDPOINT" "$IMAGE" "$ROUNDS"
