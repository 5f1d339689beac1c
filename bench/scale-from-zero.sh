#!/usr/bin/env bash
# Measures the platform's cold-start overhead: the first request to a service at zero instances,
# minus the app's own start-to-listening time measured inside the instance.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/scale-from-zero.sh [--count N] [--idle SECONDS] [--profile dev|test]

Creates one service from the bundled example image with Runway's scale-to-zero tags
(runway:min-size=0, runway:idle-timeout=SECONDS, default 10, the shortest allowed) and a start
command that writes the machine's uptime into the instance when it starts and again once its
HTTP server listens. N times (default 10): waits until the service has no container left (at most
the idle window + 60 s), sends one request through the router and takes its latency, then reads
the app's start-to-listening time from inside the instance. The difference is the platform's
overhead (wake, container start, namespace and forwarder, health check, route update). Prints
every sample and the p50/p95 of both, then deletes the service. Each sample waits out the idle
window, so N samples take about N × (idle + 5) s. Needs a running platform: ./runway up (dev
profile) first. Traffic stays on loopback.
USAGE
}

count=10
idle=10
profile=${RUNWAY_PROFILE:-dev}
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --idle) idle=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
if ! [[ $count =~ ^[0-9]+$ ]] || [ "$count" -lt 1 ] || [ "$count" -gt 200 ]; then
  echo "--count takes 1 to 200, not '$count'" >&2; exit 2
fi
if ! [[ $idle =~ ^[0-9]+$ ]] || [ "$idle" -lt 10 ] || [ "$idle" -gt 900 ]; then
  echo "--idle takes 10 to 900 seconds, not '$idle'" >&2; exit 2
fi

# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
load_platform "$profile"
export DOCKER_HOST=${RUNWAY_DOCKER_HOST:-unix:///var/run/docker.sock}

# the app: busybox httpd, started in the background by sh (it returns once it listens); the
# instance's own clock (/proc/uptime, 10 ms steps) marks its start and the moment it listens
# shellcheck disable=SC2016 # $t and $PORT are the instance shell's
start_command='read -r t _ </proc/uptime; echo $t >/tmp/bench-start; busybox httpd -p 127.0.0.1:$PORT -h /www; read -r t _ </proc/uptime; echo $t >/tmp/bench-listening; while :; do sleep 3600; done'
source_config=$(printf '{"ImageRepository":{"ImageIdentifier":"%s","ImageRepositoryType":"ECR","ImageConfiguration":{"Port":"8080","StartCommand":"%s"}},"AutoDeploymentsEnabled":false}' \
  "$image" "$start_command")

name="bench-zero-$(date +%s)"
read -r arn url < <(aws apprunner create-service "${api[@]}" --service-name "$name" \
    --source-configuration "$source_config" --query 'Service.[ServiceArn,ServiceUrl]' \
    --tags Key=runway:min-size,Value=0 "Key=runway:idle-timeout,Value=$idle")
host=${url%%:*}
cleanup() { aws apprunner delete-service "${api[@]}" --service-arn "$arn" >/dev/null 2>&1 || true; }
trap cleanup EXIT

containers() {
  docker ps -q --filter "label=dev.runway.platform=$RUNWAY_PLATFORM_ID" --filter "label=dev.runway.service-arn=$arn"
}
request() {
  curl -s -o /dev/null --max-time 60 -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$RUNWAY_ROUTER_PORT/"
}

deadline=$(( $(now_ms) + 180000 ))
until [ "$(request)" = 200 ]; do
  [ "$(now_ms)" -lt "$deadline" ] || { echo "service $name never answered 200" >&2; exit 1; }
  sleep 0.2
done

first=(); overhead=(); app=()
for i in $(seq 1 "$count"); do
  deadline=$(( $(now_ms) + (idle + 60) * 1000 ))
  until [ -z "$(containers)" ]; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "service $name did not reach zero instances" >&2; exit 1; }
    sleep 0.2
  done
  start=$(now_ms)
  code=$(request)
  took=$(( $(now_ms) - start ))
  [ "$code" = 200 ] || { echo "sample $i: the first request after zero answered $code" >&2; exit 1; }
  container=$(containers | head -n 1)
  read -r began < <(docker exec "$container" cat /tmp/bench-start)
  read -r listening < <(docker exec "$container" cat /tmp/bench-listening)
  app_ms=$(awk -v a="$began" -v b="$listening" 'BEGIN { printf "%d", (b - a) * 1000 }')
  first+=("$took"); app+=("$app_ms"); overhead+=($(( took - app_ms )))
  printf 'sample %2d/%d  first request: %5d ms  app start to listening: %4d ms  platform overhead: %5d ms\n' \
    "$i" "$count" "$took" "$app_ms" "$(( took - app_ms ))"
done

echo "first request after scale to zero, $count samples: p50 $(percentile 50 "${first[@]}") ms," \
  "p95 $(percentile 95 "${first[@]}") ms"
echo "scale-from-zero overhead p50 $(percentile 50 "${overhead[@]}") ms, p95 $(percentile 95 "${overhead[@]}") ms" \
  "(app start to listening p50 $(percentile 50 "${app[@]}") ms)"
