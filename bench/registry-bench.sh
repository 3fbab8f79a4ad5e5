#!/usr/bin/env bash
# Registry benchmark: berth's OCI registry beside the CNCF reference registry (Debian's docker-registry),
# both on this machine, both storing on the same disk, measured in the same run with the same clients:
#   - skopeo copy push and pull of a ~300 MB multi-layer image (random data, built offline);
#   - 4 skopeo pulls in parallel;
#   - manifest GET requests/s with wrk (1 thread, so the load generator leaves the server a core).
# Both servers first serve one untimed push and pull (berth's JIT warms up, as a long-running server's
# has; the reference has its page cache and connections alike). Each timed figure is the median of
# BENCH_RUNS runs (default 5), berth and the reference alternating. Prints one table: berth, reference, ratio.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${BENCH_RUNS:-5}"
BERTH_PORT="${BENCH_BERTH_PORT:-4577}"
REF_PORT=5000
LAYERS="${BENCH_LAYERS:-6}"
LAYER_MB="${BENCH_LAYER_MB:-50}"
WRK_SECONDS="${BENCH_WRK_SECONDS:-10}"
WRK_CONNECTIONS="${BENCH_WRK_CONNECTIONS:-32}"
WORK="$(mktemp -d /var/tmp/berth-registry-bench.XXXXXX)"
say() { printf 'registry-bench: %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
need=()
command -v skopeo >/dev/null || need+=(skopeo)
command -v docker-registry >/dev/null || need+=(docker-registry)
command -v wrk >/dev/null || need+=(wrk)
command -v aws >/dev/null || need+=(awscli)
if [ "${#need[@]}" -gt 0 ]; then
  say "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
curl -sf --unix-socket /var/run/docker.sock http://localhost/_ping >/dev/null \
  || { say "starting dockerd"; (nohup dockerd >/var/log/berth-dockerd.log 2>&1 &); sleep 5; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- the image: busybox plus LAYERS layers of random data, built without network ---------------
if ! docker image inspect berth-test/busybox:latest >/dev/null 2>&1; then
  bash "$ROOT/agent/src/test/resources/build-busybox-image.sh"
fi
mkdir -p "$WORK/image"
{
  echo "FROM berth-test/busybox:latest"
  for i in $(seq 1 "$LAYERS"); do
    head -c "$((LAYER_MB * 1024 * 1024))" /dev/urandom > "$WORK/image/layer$i.bin"
    echo "COPY layer$i.bin /data/layer$i.bin"
  done
} > "$WORK/image/Dockerfile"
say "building a $((LAYERS * LAYER_MB)) MB image in $((LAYERS + 1)) layers"
DOCKER_BUILDKIT=0 docker build -q -t berth-bench/registry:latest "$WORK/image" >/dev/null 2>&1
rm -f "$WORK"/image/layer*.bin

# --- the two registries ------------------------------------------------------------------------
cat > "$WORK/reference.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $WORK/reference-data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REF_PORT
YAML
/usr/bin/docker-registry serve "$WORK/reference.yml" >"$WORK/reference.log" 2>&1 &
PIDS+=($!)

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
# berth as ./berth up runs it: the server jar with server/jvm.options (built when missing)
JAR="$ROOT/server/target/berth-server.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests install -pl server -am)
OPTS=($(grep -v '^#' "$ROOT/server/jvm.options" 2>/dev/null | sed "s#@ROOT@#$ROOT#g"))
BERTH_CMD=("${JAVA_HOME:-/usr}/bin/java" "${OPTS[@]}" -jar "$JAR")
[ -n "${BENCH_BERTH_CLASSPATH:-}" ] && BERTH_CMD=("${JAVA_HOME:-/usr}/bin/java" -cp "$BENCH_BERTH_CLASSPATH" berth.server.Main)
say "starting berth on port $BERTH_PORT"
BERTH_HOME="$WORK/berth-home" BERTH_REGISTRY_GC_INTERVAL_SECONDS=86400 \
  "${BERTH_CMD[@]}" --port "$BERTH_PORT" >"$WORK/berth.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$BERTH_PORT/_berth/health" 2>/dev/null | grep -q '"ready"' && curl -sf "http://127.0.0.1:$REF_PORT/v2/" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$BERTH_PORT/_berth/health" | grep -q '"ready"' || { cat "$WORK/berth.log" >&2; say "berth did not start"; exit 1; }
curl -sf "http://127.0.0.1:$REF_PORT/v2/" >/dev/null || { cat "$WORK/reference.log" >&2; say "the reference registry did not start"; exit 1; }
BERTH="127.0.0.1:$BERTH_PORT"
REF="127.0.0.1:$REF_PORT"
ECR=(aws --endpoint-url "http://$BERTH" ecr)
TOKEN="$("${ECR[@]}" get-login-password)"
BERTH_CREDS=(--creds "AWS:$TOKEN")

# Layers arrive from the docker daemon uncompressed; compress them once (untimed) by a round trip
# through the reference registry, so timed copies move the same gzip layers and compress nothing.
say "preparing the compressed source image"
skopeo copy -q --dest-tls-verify=false docker-daemon:berth-bench/registry:latest "docker://$REF/warmup/source:latest"
skopeo copy -q --src-tls-verify=false "docker://$REF/warmup/source:latest" "dir:$WORK/source"
SIZE_MB=$(( $(du -sb "$WORK/source" | cut -f1) / 1024 / 1024 ))

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc -l; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2==1) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# containers/image remembers where it saw blobs and would mount instead of uploading: forget between runs
forget_blob_locations() { rm -f /var/lib/containers/cache/blob-info-cache-v1.boltdb "$HOME/.local/share/containers/cache/blob-info-cache-v1.boltdb"; }

push() { # registry creds-args... repo
  local registry="$1" repo="$2"; shift 2
  forget_blob_locations
  local start; start=$(now)
  skopeo copy -q --dest-tls-verify=false "$@" "dir:$WORK/source" "docker://$registry/$repo:latest"
  elapsed "$start"
}
pull() { # registry repo parallel creds-args...
  local registry="$1" repo="$2" parallel="$3"; shift 3
  rm -rf "$WORK"/pull-*
  local start; start=$(now)
  local pids=()
  for i in $(seq 1 "$parallel"); do
    skopeo copy -q --src-tls-verify=false "$@" "docker://$registry/$repo:latest" "dir:$WORK/pull-$i" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  elapsed "$start"
}

say "warm-up: one untimed push and pull on each"
"${ECR[@]}" create-repository --repository-name "bench/warmup" >/dev/null
push "$BERTH" bench/warmup --dest-creds "AWS:$TOKEN" >/dev/null
push "$REF" bench/warmup >/dev/null
pull "$BERTH" bench/warmup 1 --src-creds "AWS:$TOKEN" >/dev/null
pull "$REF" bench/warmup 1 >/dev/null

declare -A RESULT
for run in $(seq 1 "$RUNS"); do
  say "run $run/$RUNS: push"
  "${ECR[@]}" create-repository --repository-name "bench/push$run" >/dev/null
  RESULT[berth_push]+="$(push "$BERTH" "bench/push$run" --dest-creds "AWS:$TOKEN") "
  RESULT[ref_push]+="$(push "$REF" "bench/push$run") "
done
for run in $(seq 1 "$RUNS"); do
  say "run $run/$RUNS: pull, 4 parallel pulls"
  RESULT[berth_pull]+="$(pull "$BERTH" bench/push1 1 "${BERTH_CREDS[@]/--creds/--src-creds}") "
  RESULT[ref_pull]+="$(pull "$REF" bench/push1 1) "
  RESULT[berth_pull4]+="$(pull "$BERTH" bench/push1 4 "${BERTH_CREDS[@]/--creds/--src-creds}") "
  RESULT[ref_pull4]+="$(pull "$REF" bench/push1 4) "
done
rm -rf "$WORK"/pull-*

say "manifest GET with wrk: 1 thread, $WRK_CONNECTIONS connections, ${WRK_SECONDS}s each"
ACCEPT="Accept: application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json"
AUTH="Authorization: Basic $(printf 'AWS:%s' "$TOKEN" | base64 -w0)"
wrk_rps() { wrk -t1 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
wrk -t1 -c4 -d2s -H "$ACCEPT" -H "$AUTH" "http://$BERTH/v2/bench/push1/manifests/latest" >/dev/null
wrk -t1 -c4 -d2s -H "$ACCEPT" "http://$REF/v2/bench/push1/manifests/latest" >/dev/null
BERTH_STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "$ACCEPT" -H "$AUTH" "http://$BERTH/v2/bench/push1/manifests/latest")
REF_STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "$ACCEPT" "http://$REF/v2/bench/push1/manifests/latest")
[ "$BERTH_STATUS" = 200 ] && [ "$REF_STATUS" = 200 ] || { say "manifest GET answered $BERTH_STATUS (berth) / $REF_STATUS (reference)"; exit 1; }
BERTH_RPS=$(wrk_rps -H "$ACCEPT" -H "$AUTH" "http://$BERTH/v2/bench/push1/manifests/latest")
REF_RPS=$(wrk_rps -H "$ACCEPT" "http://$REF/v2/bench/push1/manifests/latest")

row() { # label berth reference unit higher-is-better
  local ratio
  if [ "$5" = time ]; then ratio=$(echo "$3 / $2" | bc -l); else ratio=$(echo "$2 / $3" | bc -l); fi
  printf '| %-34s | %12.2f | %12.2f | %6.2fx |\n' "$1" "$2" "$3" "$ratio"
}
m() { echo "${RESULT[$1]}" | tr ' ' '\n' | grep . | median; }
echo
echo "registry benchmark: $SIZE_MB MB image in $((LAYERS + 1)) layers, median of $RUNS runs, $(nproc) cores, load generator wrk -t1"
echo "ratio = how many times faster berth is than the reference (above 1.00: berth faster)"
printf '| %-34s | %12s | %12s | %7s |\n' "figure" "berth" "reference" "ratio"
printf '|%s|%s|%s|%s|\n' "------------------------------------" "--------------" "--------------" "---------"
row "push, skopeo copy (s)" "$(m berth_push)" "$(m ref_push)" s time
row "pull, skopeo copy (s)" "$(m berth_pull)" "$(m ref_pull)" s time
row "4 parallel pulls, all done (s)" "$(m berth_pull4)" "$(m ref_pull4)" s time
row "manifest GET (requests/s)" "$BERTH_RPS" "$REF_RPS" rps rate
