#!/usr/bin/env bash
# Measures the event store: appends with expected-version checks, and a rebuild of every projection.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/event-store.sh [--seconds N] [--events N] [--profile dev|test]

Measures the registry's event store on the running platform's PostgreSQL, in a database of its
own (created for the run and dropped after it; the platform's data is never touched):
  1. appends with the expected-version check (the registry's EventStore.append), for --seconds
     each (default 10): from 1, 8 and 32 writers with one event per transaction, and from 32
     writers with 16 appends per transaction (group commit): events/s and the transaction's p50/p99;
  2. a rebuild of every projection from --events events (default 100000): services' lifecycles
     shaped like the example's own creation, appended and projected live as the registry does
     them, then the registry's rebuild (Projector.rebuild) timed, and every projection table
     compared (row count and a checksum of its rows) with what the live projection wrote.
     Issue 24's figure is for --events 1000000; on a 2-core machine its generation alone takes
     about half an hour today (bench/RESULTS.md), hence the smaller default.
Runs the service-registry's EventStoreBench (Maven, the registry's own code and schema) with the
profile's settings; needs ./runway up (PostgreSQL and Kafka of the profile running) and root (it
creates the database as the postgres superuser over the profile's socket, as the launcher does).
Bounded: 4 x --seconds of appends, then one generation and one rebuild of --events events.
USAGE
}

seconds=10
events=100000
profile=${RUNWAY_PROFILE:-dev}
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --events) events=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[[ $seconds =~ ^[0-9]+$ && $seconds -ge 1 && $seconds -le 120 ]] || { echo "--seconds must be 1 to 120" >&2; exit 2; }
[[ $events =~ ^[0-9]+$ && $events -ge 8 && $events -le 2000000 ]] || { echo "--events must be 8 to 2000000" >&2; exit 2; }

# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
load_platform "$profile"
root=$(cd "$(dirname "$0")/.." && pwd)

echo "event store bench: profile $profile, PostgreSQL on 127.0.0.1:$RUNWAY_DB_PORT, $seconds s per append row, $events events to rebuild from"
echo "load at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# the bench prints its figures on standard output; Maven's own lines are left in $log
if ! (cd "$root" && mvn -B -q -pl service-registry -am verify -DskipITs=false -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=EventStoreBench -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dbench.seconds="$seconds" -Dbench.events="$events") >"$log" 2>&1; then
  grep -E '^(appends|generat|  |projection|event store)' "$log" || true
  echo "the bench failed; Maven's output: $log" >&2
  trap - EXIT
  exit 1
fi
grep -E '^(appends|generat|  |projection|event store)' "$log"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
