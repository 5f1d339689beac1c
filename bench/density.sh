#!/usr/bin/env bash
# Density: many scale-to-zero services on one machine, a few of them active — DescribeService
# p99 and the RSS of the platform's processes.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/density.sh [--services N] [--active N] [--reads N] [--max-live N] [--max-minutes M]
                        [--profile dev|test]

Registers N services (default 1000) from the bundled example image with Runway's scale-to-zero
tags (runway:min-size=0, runway:idle-timeout=10). Each starts one instance that idles to zero
after 10 s, so creates are paced: one at a time, each sent only while fewer than --max-live
(default 40) of the platform's containers run. With --max-minutes it stops registering when
that time is up and measures what it has (it says so). Every 100 services it prints the create
rate, the live containers, a DescribeService p99 (50 calls) and the platform's RSS.
Then it keeps --active services (default 20) awake with light traffic (one request to each
about every second through the router, a loop per service), waits until all of them answer 200, and measures:
  - DescribeService over --reads calls (default 2000), each on a random service of the run;
  - the RSS of each of the platform's processes (the six services, Kafka, PostgreSQL with its
    children, the image registry: their total), and besides it the instances' forwarders and
    containers, which are per active instance.
Prints the failed answers of the traffic while it measured, then deletes every service it
created (also when interrupted). API calls are SigV4-signed curl calls on loopback (no Python
CLI start per call).
Needs a running platform whose services quota allows N more services: start it with
RUNWAY_QUOTA_SERVICES=1100 (or more) in the environment (docs/configuration.md), e.g.
  RUNWAY_QUOTA_SERVICES=1100 ./runway up && bench/density.sh
USAGE
}

services=1000
active=20
reads=2000
max_live=40
max_minutes=0
profile=${RUNWAY_PROFILE:-dev}
while [ $# -gt 0 ]; do
  case "$1" in
    --services) services=$2; shift 2 ;;
    --active) active=$2; shift 2 ;;
    --reads) reads=$2; shift 2 ;;
    --max-live) max_live=$2; shift 2 ;;
    --max-minutes) max_minutes=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
number() { # number NAME VALUE MIN MAX
  if ! [[ $2 =~ ^[0-9]+$ ]] || [ "$2" -lt "$3" ] || [ "$2" -gt "$4" ]; then
    echo "--$1 takes $3 to $4, not '$2'" >&2; exit 2
  fi
}
number services "$services" 1 5000
number active "$active" 0 100
number reads "$reads" 1 100000
number max-live "$max_live" 1 200
number max-minutes "$max_minutes" 0 1440
[ "$active" -le "$services" ] || { echo "--active ($active) cannot exceed --services ($services)" >&2; exit 2; }

# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
load_platform "$profile"
export DOCKER_HOST=${RUNWAY_DOCKER_HOST:-unix:///var/run/docker.sock}
endpoint="http://127.0.0.1:$RUNWAY_API_GATEWAY_PORT/"
router="http://127.0.0.1:$RUNWAY_ROUTER_PORT/"

work=$(mktemp -d /tmp/runway-bench-density.XXXXXX)
# call OPERATION BODY: prints "<http status> <seconds>" and leaves the answer in $work/body
call() {
  curl -s -o "$work/body" -w '%{http_code} %{time_total}\n' --aws-sigv4 "aws:amz:$AWS_DEFAULT_REGION:apprunner" \
    --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "Content-Type: application/x-amz-json-1.0" \
    -H "X-Amz-Target: AppRunner.$1" --data "$2" "$endpoint"
}
ms() { awk -v s="$1" 'BEGIN { printf "%d", s * 1000 + 0.5 }'; }
field() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\\1/" "$work/body"; }
live_containers() { docker ps -q --filter "label=dev.runway.platform=$RUNWAY_PLATFORM_ID" | wc -l; }

arns=()
hosts=()
traffic_pids=()
stop_traffic() {
  local pid
  for pid in "${traffic_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${traffic_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  traffic_pids=()
}
cleanup() {
  stop_traffic
  if [ "${#arns[@]}" -gt 0 ]; then
    echo "deleting the ${#arns[@]} services ..."
    local arn status
    for arn in "${arns[@]}"; do
      for _ in 1 2 3 4 5 6 7 8 9 10; do
        read -r status _ < <(call DeleteService "{\"ServiceArn\":\"$arn\"}")
        [ "$status" = 200 ] && break
        grep -q ResourceNotFoundException "$work/body" && break
        sleep 1   # still in an operation (its create, a scaling)
      done
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# the instances' pasta forwarders (one per live instance) and the containers themselves, in MiB
forwarders_rss() {
  local f pid total=0
  for f in "$RUNWAY_INSTANCE_FORWARDERS/$RUNWAY_PLATFORM_ID"/*.pid; do
    pid=$(pid_of "$f")
    [ -n "$pid" ] && total=$(( total + $(tree_rss_kb "$pid") ))
  done
  echo $(( total / 1024 ))
}
containers_rss() {
  local ids
  ids=$(docker ps -q --filter "label=dev.runway.platform=$RUNWAY_PLATFORM_ID")
  [ -n "$ids" ] || { echo 0; return; }
  # shellcheck disable=SC2086 # one argument per container id
  docker stats --no-stream --format '{{.MemUsage}}' $ids 2>/dev/null | awk '
    { v = $1; u = v; sub(/[A-Za-z]+$/, "", v); sub(/^[0-9.]+/, "", u)
      f = (u == "GiB") ? 1024 : (u == "MiB") ? 1 : (u == "KiB") ? 1 / 1024 : 1 / 1048576
      s += v * f }
    END { printf "%d\n", s }'
}
describe_sample() { # describe_sample N: prints N DescribeService times (ms) on random services
  local i arn status seconds
  for (( i = 0; i < $1; i++ )); do
    arn=${arns[$(( RANDOM * 32768 + RANDOM ))% ${#arns[@]}]}
    read -r status seconds < <(call DescribeService "{\"ServiceArn\":\"$arn\"}")
    [ "$status" = 200 ] || { echo "DescribeService answered $status: $(cat "$work/body")" >&2; exit 1; }
    ms "$seconds"; echo
  done
}

run_id=$(date +%s)
image_config='"ImageConfiguration":{"Port":"8080"}'
tags='[{"Key":"runway:min-size","Value":"0"},{"Key":"runway:idle-timeout","Value":"10"}]'
echo "density: $services scale-to-zero services, $active active; $(nproc) cores," \
  "load $(cut -d' ' -f1 /proc/loadavg) at the start; platform RSS $(platform_rss) MiB before"
began=$(now_ms)
mark=$began
stop_at=$(( max_minutes > 0 ? began + max_minutes * 60000 : 0 ))
for i in $(seq 1 "$services"); do
  if [ "$stop_at" -gt 0 ] && [ "$(now_ms)" -ge "$stop_at" ]; then
    echo "the --max-minutes $max_minutes budget is up: measuring with $(( i - 1 )) of the $services services registered"
    break
  fi
  while [ "$(live_containers)" -ge "$max_live" ]; do sleep 0.5; done
  body=$(printf '{"ServiceName":"dens-%s-%d","SourceConfiguration":{"ImageRepository":{"ImageIdentifier":"%s","ImageRepositoryType":"ECR",%s},"AutoDeploymentsEnabled":false},"Tags":%s}' \
    "$run_id" "$i" "$image" "$image_config" "$tags")
  read -r status seconds < <(call CreateService "$body")
  if [ "$status" != 200 ]; then
    echo "CreateService of service $i answered $status: $(cat "$work/body")" >&2
    exit 1
  fi
  arns+=("$(field ServiceArn)")
  url=$(field ServiceUrl)
  hosts+=("${url%%:*}")
  took=$(ms "$seconds")
  if [ $(( i % 100 )) -eq 0 ] || [ "$i" -eq "$services" ]; then
    now=$(now_ms)
    mapfile -t sample < <(describe_sample 50)
    printf '  %4d created  %4.2f creates/s since the last line  last create %4d ms  live containers %3d  DescribeService p99 %4d ms  platform RSS %5d MiB\n' \
      "$i" "$(awk -v n=$(( i % 100 == 0 ? 100 : i % 100 )) -v t=$(( now - mark )) 'BEGIN { printf "%.2f", n * 1000 / (t > 0 ? t : 1) }')" "$took" \
      "$(live_containers)" "$(percentile 99 "${sample[@]}")" "$(platform_rss)"
    mark=$(now_ms)
  fi
done
registered=${#arns[@]}
[ "$active" -le "$registered" ] || active=$registered
echo "registered $registered services in $(( ($(now_ms) - began) / 1000 )) s"

if [ "$active" -gt 0 ]; then
  echo "keeping $active of them active (one request each about every second) ..."
  : > "$work/codes"
  # one loop per service: a slow answer (a wake) must not space out the others' requests past
  # their idle window; each stops by itself after 30 minutes, should this script be killed
  traffic_stop=$(( $(date +%s) + 1800 ))
  for host in "${hosts[@]:0:$active}"; do
    (
      while [ "$(date +%s)" -lt "$traffic_stop" ]; do
        curl -s -o /dev/null --max-time 35 -w '%{http_code}\n' -H "Host: $host" "$router" >> "$work/codes" || true
        sleep 1
      done
    ) &
    traffic_pids+=($!)
  done
  deadline=$(( $(now_ms) + 300000 ))
  until [ "$(tail -n "$active" "$work/codes" 2>/dev/null | grep -c '^200$')" -ge "$active" ]; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "the $active active services did not all answer 200 within 300 s" >&2; exit 1; }
    sleep 1
  done
  # the others idle to zero meanwhile: wait until only the active ones run (at most 120 s)
  deadline=$(( $(now_ms) + 120000 ))
  while [ "$(live_containers)" -gt "$active" ] && [ "$(now_ms)" -lt "$deadline" ]; do sleep 1; done
  : > "$work/codes"
fi

echo "measuring: $reads DescribeService calls on random services of the $registered ..."
mapfile -t describes < <(describe_sample "$reads")
live=$(live_containers)
echo
echo "density on $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'): $registered scale-to-zero services registered, $active active, $live containers live, load $(cut -d' ' -f1 /proc/loadavg)"
printf 'DescribeService over %d calls: p50 %d ms, p99 %d ms, max %d ms\n' "${#describes[@]}" \
  "$(percentile 50 "${describes[@]}")" "$(percentile 99 "${describes[@]}")" "$(percentile 100 "${describes[@]}")"
echo "RSS of the platform's processes:"
platform_rss --table
printf '  besides: %d instances'"'"' forwarders %d MiB, their containers %d MiB\n' "$live" "$(forwarders_rss)" "$(containers_rss)"
if [ "$active" -gt 0 ]; then
  stop_traffic
  total=$(wc -l < "$work/codes")
  failed=$(grep -vc '^200$' "$work/codes" || true)
  echo "traffic to the $active active services while measuring: $total requests, $failed not 200"
fi
