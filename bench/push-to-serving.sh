#!/usr/bin/env bash
# Measures git push → new revision serving for a source-code service (the Python example).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/push-to-serving.sh [--pushes N] [--profile dev|test]

Copies examples/python into a new git repository on this machine, creates a source-code service
from it with AutoDeploymentsEnabled (the build-worker polls the branch), waits until it runs (this
first build warms the runtime image and Docker's layer cache), then commits a new message.txt N
times (default 5). For each commit it measures the time from the commit to the first response
that carries the new text, and prints p50/p95. Deletes the service and the repository.
Needs a running platform: ./runway up first.
USAGE
}

pushes=5
profile=${RUNWAY_PROFILE:-dev}
while [ $# -gt 0 ]; do
  case "$1" in
    --pushes) pushes=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
load_platform "$profile"
router="http://127.0.0.1:$RUNWAY_ROUTER_PORT"
root=$(cd "$(dirname "$0")/.." && pwd)
repo=$(mktemp -d /tmp/runway-bench-push.XXXXXX)
cleanup() {
  if [ -n "${arn:-}" ]; then aws apprunner delete-service "${api[@]}" --service-arn "$arn" >/dev/null 2>&1 || true; fi
  rm -rf "$repo"
}
trap cleanup EXIT

cp -r "$root/examples/python/." "$repo"
git -C "$repo" init -q -b main
commit() { git -C "$repo" add -A && git -C "$repo" -c user.name=bench -c user.email=bench@runway.invalid commit -qm "$1"; }
commit first

source_config="{\"CodeRepository\":{\"RepositoryUrl\":\"file://$repo\",\"SourceCodeVersion\":{\"Type\":\"BRANCH\",\"Value\":\"main\"},\"CodeConfiguration\":{\"ConfigurationSource\":\"REPOSITORY\"}},\"AutoDeploymentsEnabled\":true}"
read -r arn url < <(aws apprunner create-service "${api[@]}" --service-name "bench-push-$(date +%s)" \
    --source-configuration "$source_config" --query 'Service.[ServiceArn,ServiceUrl]')
host=${url%%:*}
echo "waiting for the first build of $host (warms the caches) ..."
until [ "$(aws apprunner describe-service "${api[@]}" --service-arn "$arn" --query Service.Status)" = RUNNING ]; do
  sleep 1
done

samples=()
for i in $(seq 1 "$pushes"); do
  echo "push number $i" > "$repo/message.txt"
  start=$(now_ms)
  commit "push $i"
  until curl -s -m 2 -H "Host: $host" "$router/" | grep -q "push number $i\$"; do
    [ $(( $(now_ms) - start )) -lt 300000 ] || { echo "push $i never served" >&2; exit 1; }
    sleep 0.1
  done
  took=$(( $(now_ms) - start ))
  samples+=("$took")
  printf 'push %2d/%d  commit → new revision serving: %6d ms\n' "$i" "$pushes" "$took"
  until [ "$(aws apprunner describe-service "${api[@]}" --service-arn "$arn" --query Service.Status)" = RUNNING ]; do
    sleep 0.5
  done
done
echo "push → new revision serving, $pushes pushes: p50 $(percentile 50 "${samples[@]}") ms," \
  "p95 $(percentile 95 "${samples[@]}") ms (includes up to one poll interval, RUNWAY_GIT_POLL_INTERVAL)"
