#!/usr/bin/env bash
# Measures update-service → new revision serving, and failed requests during the updates.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/update-to-serving.sh [--updates N] [--clients C] [--profile dev|test]

Creates one service from the bundled example image, puts a bounded load on it through the router
(C curl loops on loopback, default 4, stopped when the run ends), then updates its environment N
times (default 10) with the real aws CLI. For each update it measures the time from the
update-service call to the first response that carries the new value, and at the end prints
p50/p95 and how many of the load's requests failed (non-200). Deletes the service.
Needs a running platform: ./runway up first.
USAGE
}

updates=10
clients=4
profile=${RUNWAY_PROFILE:-dev}
while [ $# -gt 0 ]; do
  case "$1" in
    --updates) updates=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
load_platform "$profile"
router="http://127.0.0.1:$RUNWAY_ROUTER_PORT"
source_config() {
  echo "{\"ImageRepository\":{\"ImageIdentifier\":\"$image\",\"ImageRepositoryType\":\"ECR\",\"ImageConfiguration\":{\"RuntimeEnvironmentVariables\":{\"GREETING\":\"$1\"}}},\"AutoDeploymentsEnabled\":false}"
}
wait_status() { # arn wanted
  until [ "$(aws apprunner describe-service "${api[@]}" --service-arn "$1" --query Service.Status)" = "$2" ]; do sleep 0.2; done
}

work=$(mktemp -d)
loaders=()
cleanup() {
  for pid in "${loaders[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "${arn:-}" ]; then aws apprunner delete-service "${api[@]}" --service-arn "$arn" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

read -r arn url < <(aws apprunner create-service "${api[@]}" --service-name "bench-update-$(date +%s)" \
    --source-configuration "$(source_config v0)" --query 'Service.[ServiceArn,ServiceUrl]')
host=${url%%:*}
wait_status "$arn" RUNNING
echo "service $host is RUNNING; starting $clients load loops"

stop_at=$(( $(date +%s) + 600 ))  # the load never outlives ten minutes, whatever happens
for c in $(seq 1 "$clients"); do
  ( while [ "$(date +%s)" -lt "$stop_at" ]; do
      curl -s -o /dev/null -w '%{http_code}\n' -m 5 -H "Host: $host" "$router/" || echo 000
    done > "$work/load-$c" ) &
  loaders+=("$!")
done

samples=()
for i in $(seq 1 "$updates"); do
  start=$(now_ms)
  aws apprunner update-service "${api[@]}" --service-arn "$arn" --source-configuration "$(source_config "v$i")" >/dev/null
  until curl -s -m 2 -H "Host: $host" "$router/cgi-bin/env" | grep -q "GREETING=v$i\$"; do
    [ $(( $(now_ms) - start )) -lt 120000 ] || { echo "update $i never served" >&2; exit 1; }
    sleep 0.05
  done
  took=$(( $(now_ms) - start ))
  samples+=("$took")
  printf 'update %2d/%d  update call → new revision serving: %5d ms\n' "$i" "$updates" "$took"
  wait_status "$arn" RUNNING
done

for pid in "${loaders[@]}"; do kill "$pid" 2>/dev/null || true; done
wait 2>/dev/null || true
total=$(cat "$work"/load-* | wc -l)
failed=$(cat "$work"/load-* | grep -vc '^200$' || true)

echo "update → new revision serving, $updates updates: p50 $(percentile 50 "${samples[@]}") ms," \
  "p95 $(percentile 95 "${samples[@]}") ms"
echo "requests during the updates: $total, failed (non-200): $failed"
