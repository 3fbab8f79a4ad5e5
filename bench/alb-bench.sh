#!/usr/bin/env bash
# Application load balancer benchmark: berth's ALB listener beside nginx configured as the
# equivalent reverse proxy (upstream of the same 3 targets, keep-alive to them, X-Forwarded-For
# appended), measured in the same run with the same load:
#   - targets: one nginx answering "return 200" on 3 ports, much faster than either proxy;
#   - load: wrk -t1 -c$BENCH_WRK_CONNECTIONS for $BENCH_WRK_SECONDS s against each proxy in turn;
#   - CPUs: the proxy under test alone on CPU 1 (berth's whole JVM, or nginx's one worker);
#     wrk and the targets on CPU 0, so the load generator cannot starve the proxy.
# The two proxies are measured in alternating rounds (BENCH_ROUNDS, default 3) and the medians
# compared, so load from other processes on the machine falls on both alike.
# Prints requests/s, p99 latency and CPU time per request for both, and berth's ratios
# (goal: >= 0.8x throughput, <= 1.5x p99).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_RUN="${BENCH_WRK_SECONDS:-15}"
CONNECTIONS="${BENCH_WRK_CONNECTIONS:-32}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-15}"
ROUNDS="${BENCH_ROUNDS:-3}"
BERTH_PORT="${BENCH_BERTH_PORT:-4578}"
LISTENER_PORT="${BENCH_LISTENER_PORT:-18080}"
NGINX_PROXY_PORT="${BENCH_NGINX_PORT:-18081}"
TARGET_PORTS=(18091 18092 18093)
LOAD_CPU="${BENCH_LOAD_CPU:-0}"
PROXY_CPU="${BENCH_PROXY_CPU:-1}"
WORK="$(mktemp -d /var/tmp/berth-alb-bench.XXXXXX)"
say() { printf 'alb-bench: %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v wrk >/dev/null || need+=(wrk)
command -v aws >/dev/null || need+=(awscli)
command -v taskset >/dev/null || need+=(util-linux)
if [ "${#need[@]}" -gt 0 ]; then
  say "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ "$(nproc)" -ge 2 ] || { say "needs 2 CPUs (one for the load, one for the proxy)"; exit 1; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/targets.pid" ] && kill "$(cat "$WORK/targets.pid")" 2>/dev/null || true
  [ -f "$WORK/proxy.pid" ] && kill "$(cat "$WORK/proxy.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- the targets and the reference proxy --------------------------------------------------------
mkdir -p "$WORK/logs"
listen_lines=""
for p in "${TARGET_PORTS[@]}"; do listen_lines+="    listen 127.0.0.1:$p reuseport;"$'\n'; done
cat > "$WORK/targets.conf" <<CONF
worker_processes 1;
pid $WORK/targets.pid;
error_log $WORK/logs/targets.err warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
$listen_lines    location / { return 200 "ok\n"; }
  }
}
CONF
upstream_lines=""
for p in "${TARGET_PORTS[@]}"; do upstream_lines+="    server 127.0.0.1:$p;"$'\n'; done
cat > "$WORK/proxy.conf" <<CONF
worker_processes 1;
pid $WORK/proxy.pid;
error_log $WORK/logs/proxy.err warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  upstream targets {
$upstream_lines    keepalive 64;
  }
  server {
    listen 127.0.0.1:$NGINX_PROXY_PORT;
    location / {
      proxy_pass http://targets;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Port \$server_port;
      proxy_buffering off;
    }
  }
}
CONF
taskset -c "$LOAD_CPU" "$NGINX" -p "$WORK" -c "$WORK/targets.conf"
taskset -c "$PROXY_CPU" "$NGINX" -p "$WORK" -c "$WORK/proxy.conf"

# --- berth, pinned to the proxy CPU, one data plane event loop -----------------------------------
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
JAR="$ROOT/server/target/berth-server.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests install -pl server -am)
OPTS=($(grep -v '^#' "$ROOT/server/jvm.options" 2>/dev/null | sed "s#@ROOT@#$ROOT#g"))
BERTH_CMD=("${JAVA_HOME:-/usr}/bin/java" "${OPTS[@]}" --enable-native-access=ALL-UNNAMED -jar "$JAR")
[ -n "${BENCH_BERTH_CLASSPATH:-}" ] && BERTH_CMD=("${JAVA_HOME:-/usr}/bin/java" -cp "$BENCH_BERTH_CLASSPATH" berth.server.Main)
say "starting berth on port $BERTH_PORT (CPU $PROXY_CPU)"
BERTH_HOME="$WORK/berth-home" BERTH_ELB_THREADS=1 BERTH_LOCAL_AGENT=0 \
  taskset -c "$PROXY_CPU" "${BERTH_CMD[@]}" --port "$BERTH_PORT" >"$WORK/berth.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$BERTH_PORT/_berth/health" 2>/dev/null | grep -q '"ready"' && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$BERTH_PORT/_berth/health" | grep -q '"ready"' || { cat "$WORK/berth.log" >&2; say "berth did not start"; exit 1; }
ELB=(aws --endpoint-url "http://127.0.0.1:$BERTH_PORT" elbv2)
LB=$("${ELB[@]}" create-load-balancer --name bench --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG=$("${ELB[@]}" create-target-group --name bench --protocol HTTP --port 80 --target-type ip --vpc-id vpc-1 \
  --health-check-interval-seconds 5 --health-check-timeout-seconds 2 --query 'TargetGroups[0].TargetGroupArn' --output text)
targets=()
for p in "${TARGET_PORTS[@]}"; do targets+=("Id=127.0.0.1,Port=$p"); done
"${ELB[@]}" register-targets --target-group-arn "$TG" --targets "${targets[@]}" >/dev/null
"${ELB[@]}" create-listener --load-balancer-arn "$LB" --protocol HTTP --port "$LISTENER_PORT" \
  --default-actions "Type=forward,TargetGroupArn=$TG" >/dev/null
for _ in $(seq 1 40); do
  healthy=$("${ELB[@]}" describe-target-health --target-group-arn "$TG" --query "length(TargetHealthDescriptions[?TargetHealth.State=='healthy'])")
  [ "$healthy" = 3 ] && break
  sleep 0.5
done
say "targets healthy: $healthy of 3"
for url in "http://127.0.0.1:$LISTENER_PORT/" "http://127.0.0.1:$NGINX_PROXY_PORT/"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
  [ "$status" = 200 ] || { say "$url answered $status"; exit 1; }
done

# --- load ---------------------------------------------------------------------------------------
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run_wrk() { # url seconds [pid] -> "rps p99_ms cpu_us_per_request"
  local before=0 after=0
  [ -n "${3:-}" ] && before=$(cpu_ticks "$3")
  taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"$2s" --latency "$1" > "$WORK/wrk.out"
  [ -n "${3:-}" ] && after=$(cpu_ticks "$3")
  local rps p99 requests
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out")
  requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' "$WORK/wrk.out")
  grep -q "Non-2xx" "$WORK/wrk.out" && { say "non-2xx answers from $1:"; cat "$WORK/wrk.out" >&2; }
  echo "$rps $p99 $(echo "($after - $before) * 1000000 / $(getconf CLK_TCK) / $requests" | bc -l)"
}
BERTH_PID="${PIDS[-1]}"
NGINX_WORKER="$(pgrep -P "$(cat "$WORK/proxy.pid")" | head -1)"
say "warming up berth for ${WARMUP_SECONDS}s (JIT)"
run_wrk "http://127.0.0.1:$LISTENER_PORT/" "$WARMUP_SECONDS" >/dev/null
run_wrk "http://127.0.0.1:$NGINX_PROXY_PORT/" 3 >/dev/null
say "measuring: $ROUNDS alternating rounds of wrk -t1 -c$CONNECTIONS -d${SECONDS_RUN}s per proxy; wrk and the targets pinned to CPU $LOAD_CPU, the proxy to CPU $PROXY_CPU"
NGINX_RUNS=()
BERTH_RUNS=()
for round in $(seq 1 "$ROUNDS"); do
  NGINX_RUNS+=("$(run_wrk "http://127.0.0.1:$NGINX_PROXY_PORT/" "$SECONDS_RUN" "$NGINX_WORKER")")
  BERTH_RUNS+=("$(run_wrk "http://127.0.0.1:$LISTENER_PORT/" "$SECONDS_RUN" "$BERTH_PID")")
  say "round $round: nginx ${NGINX_RUNS[-1]}, berth ${BERTH_RUNS[-1]} (requests/s, p99 ms, CPU us/request)"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2==1) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
column() { printf '%s\n' "${@:2}" | awk -v c="$1" '{print $c}' | median; }
NGINX_RPS=$(column 1 "${NGINX_RUNS[@]}"); NGINX_P99=$(column 2 "${NGINX_RUNS[@]}")
BERTH_RPS=$(column 1 "${BERTH_RUNS[@]}"); BERTH_P99=$(column 2 "${BERTH_RUNS[@]}")
NGINX_CPU=$(column 3 "${NGINX_RUNS[@]}"); BERTH_CPU=$(column 3 "${BERTH_RUNS[@]}")
echo
echo "ALB proxy benchmark (median of $ROUNDS rounds): 3 targets (nginx 'return 200'), keep-alive to clients and targets, $(nproc) CPUs"
echo "load: wrk -t1 -c$CONNECTIONS -d${SECONDS_RUN}s pinned to CPU $LOAD_CPU with the targets; proxy under test alone on CPU $PROXY_CPU"
printf '| %-22s | %12s | %12s | %8s | %s\n' "figure" "berth" "nginx" "ratio" "goal"
printf '|%s|%s|%s|%s|\n' "------------------------" "--------------" "--------------" "----------"
printf '| %-22s | %12.0f | %12.0f | %7.2fx | >= 0.80x\n' "requests/s" "$BERTH_RPS" "$NGINX_RPS" "$(echo "$BERTH_RPS / $NGINX_RPS" | bc -l)"
printf '| %-22s | %12.2f | %12.2f | %7.2fx | <= 1.50x\n' "p99 latency (ms)" "$BERTH_P99" "$NGINX_P99" "$(echo "$BERTH_P99 / $NGINX_P99" | bc -l)"
printf '| %-22s | %12.1f | %12.1f | %7.2fx | (nginx/berth: the throughput one CPU allows)\n' "CPU us per request" "$BERTH_CPU" "$NGINX_CPU" "$(echo "$NGINX_CPU / $BERTH_CPU" | bc -l)"
echo "CPU per request is the proxy process's own CPU time (berth: its whole JVM) over the requests served;"
echo "it holds when other work on the machine takes CPU from the proxies and makes requests/s noisy (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
