#!/usr/bin/env bash
# The platform's footprint: the RSS of its processes at idle, and (with --restart) how long a warm
# ./runway up takes.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/footprint.sh [--restart] [--settle SECONDS] [--profile dev|test]

Measures, on a running platform (./runway up first):
  1. with --restart only: `./runway down`, then `./runway up` timed from its start until it
     returns (every service ready): a warm start, everything already built and fetched. The
     platform comes back with the settings of its env file and the quotas its service-registry was
     started with (RUNWAY_QUOTA_*); other settings come from this environment, as with ./runway up.
     Running services are stopped and started again with it.
  2. after --settle seconds (default 20) without traffic from here: the resident memory (RSS) of
     the platform's processes, each with its children: the six services, Kafka, PostgreSQL, the
     image registry (not the instances of services, which are per service). One line each, then
       idle RSS: <GB> GB (...)
       warm ./runway up: <seconds> s        (with --restart)
Bounded: one restart (./runway up gives up on a service after its own timeouts), one sample.
USAGE
}

restart=0
settle=20
profile=${RUNWAY_PROFILE:-dev}
while [ $# -gt 0 ]; do
  case "$1" in
    --restart) restart=1; shift ;;
    --settle) settle=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
if ! [[ $settle =~ ^[0-9]+$ ]] || [ "$settle" -gt 600 ]; then
  echo "--settle takes 0 to 600 seconds, not '$settle'" >&2; exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
source "$root/bench/common.sh"
load_platform "$profile"

if [ "$restart" = 1 ]; then
  work=$(mktemp -d /tmp/runway-bench-footprint.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  # the quotas are not in the env file: take those the running registry was given
  quotas=()
  registry_pid=$(pid_of "$RUNWAY_HOME/pids/service-registry.pid")
  if [ -n "$registry_pid" ]; then
    mapfile -t quotas < <(tr '\0' '\n' < "/proc/$registry_pid/environ" | grep -E '^RUNWAY_QUOTA_[A-Z_]+=' || true)
  fi
  echo "stopping the $profile platform (./runway down) ..."
  (
    # the admin key stays out of the platform's processes, as ./runway keeps it
    unset RUNWAY_ACCESS_KEY_ID RUNWAY_SECRET_ACCESS_KEY AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
    [ "${#quotas[@]}" -eq 0 ] || export "${quotas[@]}"
    export RUNWAY_PROFILE=${profile%%-*}
    if [[ $profile =~ ^test-([1-9])$ ]]; then export RUNWAY_TEST_SLOT=${BASH_REMATCH[1]}; fi
    "$root/runway" down > "$work/down.log" 2>&1 || { tail -n 20 "$work/down.log" >&2; echo "./runway down failed" >&2; exit 1; }
    echo "starting it again (./runway up, timed) ..."
    started=$(now_ms)
    "$root/runway" up > "$work/up.log" 2>&1 || { tail -n 30 "$work/up.log" >&2; echo "./runway up failed" >&2; exit 1; }
    echo $(( $(now_ms) - started )) > "$work/up.ms"
  )
  up_ms=$(cat "$work/up.ms")
  printf 'warm ./runway up took %d ms\n' "$up_ms"
fi

echo "idle for ${settle} s, then the RSS of the platform's processes:"
sleep "$settle"
table=$(platform_rss --table)
echo "$table"
total_mib=$(awk '$1 == "platform" && $2 == "total" { print $3 }' <<<"$table")
if grep -q 'not running' <<<"$table"; then
  echo "not all of the platform's processes run: no idle RSS figure (./runway status)" >&2
  exit 1
fi
printf 'idle RSS: %s GB (%d MiB; the six services, Kafka, PostgreSQL, the image registry; load %s)\n' \
  "$(awk -v m="$total_mib" 'BEGIN { printf "%.2f", m * 1048576 / 1e9 }')" "$total_mib" "$(cut -d' ' -f1 /proc/loadavg)"
if [ "$restart" = 1 ]; then
  printf 'warm ./runway up: %s s\n' "$(awk -v ms="$up_ms" 'BEGIN { printf "%.1f", ms / 1000 }')"
fi
