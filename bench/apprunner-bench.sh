#!/usr/bin/env bash
# App Runner benchmark: CreateService -> first 200 at the service's URL for an image in berth's ECR,
# beside ECS CreateService -> first 200 through an ALB listener for the same image as a Fargate task
# (the same steps by hand), measured in the same run and interleaved. Prints the medians and the
# ratio. BENCH_ROUNDS changes the number of services (5).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
ROUNDS="${BENCH_ROUNDS:-5}"
PORT="${BENCH_BERTH_PORT:-0}"
WORK="$(mktemp -d /var/tmp/berth-apprunner-bench.XXXXXX)"
say() { printf 'apprunner-bench: %s\n' "$*" >&2; }
: "${JAVA_HOME:?run through ./berth bench apprunner}"

. "$BENCH/berth-process.sh"
cleanup() {
  local status=$?
  [ -n "${ENDPOINT:-}" ] && docker rmi -f "${ENDPOINT#http://}/bench/web:latest" >/dev/null 2>&1 || true
  bench_cleanup "$status"
}
trap cleanup EXIT
bench_prepare
# berth as ./berth up runs it; stopped tasks' containers are removed soon
bench_start_berth BERTH_AGENT_CLEANUP_WAIT=2s BERTH_APPRUNNER_PASS_MILLIS=200

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
