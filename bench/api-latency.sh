#!/usr/bin/env bash
# Measures the API's answer time: DescribeService, ListServices over 100 services, CreateService.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/api-latency.sh [--services N] [--reads N] [--profile dev|test]

Measures how long the App Runner API takes to answer, on loopback, with curl (SigV4-signed with
the AWS_* credentials, so the numbers exclude the ~0.4 s the Python aws CLI needs to start):
  1. CreateService, N times (default 100): each service names an image that does not exist, so
     it ends CREATE_FAILED at once and no containers run; the answer time is the gateway's
     validation + the registry's verdict over Kafka + the read-back.
  2. DescribeService of those services, --reads times (default 500).
  3. ListServices with MaxResults 20, paging through all N services, --reads/5 times.
Prints p50 and p99 of each, then deletes the services it created.
Needs a running platform (./runway up) whose services quota allows N more services: start it with
RUNWAY_QUOTA_SERVICES=200 in the environment (docs/configuration.md). Bounded: at most
N creates, --reads describes and --reads/5 list walks.
USAGE
}

services=100
reads=500
profile=${RUNWAY_PROFILE:-dev}
while [ $# -gt 0 ]; do
  case "$1" in
    --services) services=$2; shift 2 ;;
    --reads) reads=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
load_platform "$profile"
endpoint="http://127.0.0.1:$RUNWAY_API_GATEWAY_PORT/"

# call OPERATION BODY: prints "<http status> <seconds>" and leaves the body in $tmp
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
call() {
  curl -s -o "$tmp" -w '%{http_code} %{time_total}\n' --aws-sigv4 "aws:amz:$AWS_DEFAULT_REGION:apprunner" \
    --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "Content-Type: application/x-amz-json-1.0" \
    -H "X-Amz-Target: AppRunner.$1" --data "$2" "$endpoint"
}
ms() { awk -v s="$1" 'BEGIN { printf "%d", s * 1000 + 0.5 }'; }
report() {
  local what=$1; shift
  printf '%-38s n=%-4d p50 %4d ms   p99 %4d ms\n' "$what" "$#" "$(percentile 50 "$@")" "$(percentile 99 "$@")"
}

run_id=$(date +%s)
missing="$RUNWAY_IMAGE_REGISTRY/bench-no-such-image:$run_id"
arns=()
creates=()
echo "creating $services services (image $missing does not exist: they end CREATE_FAILED, nothing runs) ..."
for i in $(seq 1 "$services"); do
  read -r status seconds < <(call CreateService "{\"ServiceName\":\"lat-$run_id-$i\",\"SourceConfiguration\":{\"ImageRepository\":{\"ImageIdentifier\":\"$missing\",\"ImageRepositoryType\":\"ECR\"},\"AutoDeploymentsEnabled\":false}}")
  if [ "$status" != 200 ]; then
    echo "CreateService answered $status: $(cat "$tmp")" >&2
    break
  fi
  arns+=("$(sed -E 's/.*"ServiceArn":"([^"]+)".*/\1/' "$tmp")")
  creates+=("$(ms "$seconds")")
  [ $((i % 20)) -eq 0 ] && echo "  $i created"
done

cleanup() {
  echo "deleting the ${#arns[@]} services ..."
  for arn in "${arns[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      read -r status _ < <(call DeleteService "{\"ServiceArn\":\"$arn\"}")
      [ "$status" = 200 ] && break
      sleep 1   # still in its create operation
    done
  done
  rm -f "$tmp"
}
trap cleanup EXIT

echo "describing ($reads calls) ..."
describes=()
for i in $(seq 1 "$reads"); do
  arn=${arns[$(( i % ${#arns[@]} ))]}
  read -r status seconds < <(call DescribeService "{\"ServiceArn\":\"$arn\"}")
  [ "$status" = 200 ] || { echo "DescribeService answered $status: $(cat "$tmp")" >&2; exit 1; }
  describes+=("$(ms "$seconds")")
done

walks=$(( reads / 5 ))
echo "listing ($walks walks through every page) ..."
lists=()
total_listed=0
for i in $(seq 1 "$walks"); do
  token=""
  listed=0
  while :; do
    body='{"MaxResults":20}'
    [ -n "$token" ] && body="{\"MaxResults\":20,\"NextToken\":\"$token\"}"
    read -r status seconds < <(call ListServices "$body")
    [ "$status" = 200 ] || { echo "ListServices answered $status: $(cat "$tmp")" >&2; exit 1; }
    lists+=("$(ms "$seconds")")
    listed=$(( listed + $(grep -o '"ServiceArn"' "$tmp" | wc -l) ))
    token=$(grep -o '"NextToken":"[^"]*"' "$tmp" | sed -E 's/"NextToken":"([^"]*)"/\1/' || true)
    [ -z "$token" ] && break
  done
  total_listed=$listed
done

echo
echo "API answer times on loopback ($(nproc) cores, $(date -u +%Y-%m-%d)):"
report "CreateService" "${creates[@]}"
report "DescribeService" "${describes[@]}"
report "ListServices page (of $total_listed services)" "${lists[@]}"
