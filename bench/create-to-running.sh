#!/usr/bin/env bash
# Measures create-service → first 200 through the router, for N services in a row.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/create-to-running.sh [--count N] [--profile dev|test]

Creates N services (default 10) one after another from the bundled example image with the real
aws CLI, and for each measures the time from the create-service call to the first HTTP 200
served through the router; then deletes it. Prints every sample and the p50/p95.
Needs a running platform: ./runway up (dev profile) first. Traffic stays on loopback.
USAGE
}

count=10
profile=${RUNWAY_PROFILE:-dev}
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
load_platform "$profile"
source_config="{\"ImageRepository\":{\"ImageIdentifier\":\"$image\",\"ImageRepositoryType\":\"ECR\"},\"AutoDeploymentsEnabled\":false}"

samples=()
for i in $(seq 1 "$count"); do
  name="bench-$(date +%s)-$i"
  start=$(now_ms)
  read -r arn url < <(aws apprunner create-service "${api[@]}" --service-name "$name" \
      --source-configuration "$source_config" --query 'Service.[ServiceArn,ServiceUrl]')
  host=${url%%:*}
  deadline=$(( $(now_ms) + 120000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$RUNWAY_ROUTER_PORT/")" = 200 ]; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "service $name never answered 200" >&2; exit 1; }
    sleep 0.05
  done
  took=$(( $(now_ms) - start ))
  samples+=("$took")
  printf 'service %2d/%d  create → first 200: %5d ms\n' "$i" "$count" "$took"
  aws apprunner delete-service "${api[@]}" --service-arn "$arn" >/dev/null
  until [ "$(aws apprunner describe-service "${api[@]}" --service-arn "$arn" --query Service.Status)" = DELETED ]; do
    sleep 0.2
  done
done

echo "create → first 200 through the router, $count services: p50 $(percentile 50 "${samples[@]}") ms," \
  "p95 $(percentile 95 "${samples[@]}") ms"
