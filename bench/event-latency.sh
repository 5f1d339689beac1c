#!/usr/bin/env bash
# Event delivery latency (registry append → webhook receipt) and rule matching throughput.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: bench/event-latency.sh [--cycles N] [--rules N] [--profile dev|test]

Measures, on a running platform that allows webhooks on loopback
(RUNWAY_EVENT_TARGET_ALLOW=127.0.0.1 ./runway up; RUNWAY_PROFILE/RUNWAY_TEST_SLOT select another):
  1. latency from the service-registry's append of an event (events.recorded_at) to its receipt
     by a webhook subscriber on loopback: one rule on a bench service's events, N pause/resume
     cycles (default 5; each gives 6 public events), p50/p99/max over all of them;
  2. matching throughput of the delivery's rule index with N rules (default 1000), in process
     (RuleMatchingBench, 5 s after 1 s warm-up).
Bounded: at most N cycles, one service, one rule, one 6 s matching run. Cleans up after itself.
TXT
}

cycles=5 rules=1000 profile=${RUNWAY_PROFILE:-dev}
while (( $# )); do
  case $1 in
    --cycles) cycles=$2; shift 2 ;;
    --rules) rules=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
source "$root/bench/common.sh"
load_platform "$profile"
work=$(mktemp -d)
name="bench-ev-$(date +%s)"
rule="$name-rule"
receiver_pid=""

cleanup() {
  aws events remove-targets --rule "$rule" --ids hook "${api[@]}" >/dev/null 2>&1 || true
  aws events delete-rule --name "$rule" "${api[@]}" >/dev/null 2>&1 || true
  if [ -n "${arn:-}" ]; then aws apprunner delete-service --service-arn "$arn" "${api[@]}" >/dev/null 2>&1 || true; fi
  if [ -n "$receiver_pid" ]; then kill "$receiver_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A subscriber that notes each event's public id with its receipt time (ms).
cat >"$work/receiver.py" <<'PY'
import http.server, json, sys, time
out = open(sys.argv[1], "a", buffering=1)
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        out.write("%s %d\n" % (json.loads(body)["id"], int(time.time() * 1000)))
        self.send_response(200); self.end_headers()
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
python3 "$work/receiver.py" "$work/received" >"$work/port" &
receiver_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

echo "[1/4] rule $rule → webhook http://127.0.0.1:$port/"
aws events put-rule --name "$rule" "${api[@]}" \
  --event-pattern "{\"source\":[\"aws.apprunner\"],\"detail\":{\"serviceName\":[\"$name\"]}}" >/dev/null
aws events put-targets --rule "$rule" "${api[@]}" --targets "[{\"Id\":\"hook\",\"Arn\":\"http://127.0.0.1:$port/\"}]" >/dev/null ||
  { echo "the platform refused a webhook on loopback: start it with RUNWAY_EVENT_TARGET_ALLOW=127.0.0.1 ./runway up" >&2; exit 1; }

wait_status() { # ARN STATUS
  for _ in $(seq 240); do
    [ "$(aws apprunner describe-service --service-arn "$1" "${api[@]}" --query Service.Status)" = "$2" ] && return 0
    sleep 0.5
  done
  echo "service did not reach $2" >&2; exit 1
}

echo "[2/4] service $name, then $cycles pause/resume cycles"
arn=$(aws apprunner create-service --service-name "$name" "${api[@]}" --query Service.ServiceArn \
  --source-configuration "{\"ImageRepository\":{\"ImageIdentifier\":\"$image\",\"ImageRepositoryType\":\"ECR\",\"ImageConfiguration\":{\"Port\":\"8080\"}},\"AutoDeploymentsEnabled\":false}")
wait_status "$arn" RUNNING
for i in $(seq "$cycles"); do
  aws apprunner pause-service --service-arn "$arn" "${api[@]}" >/dev/null; wait_status "$arn" PAUSED
  aws apprunner resume-service --service-arn "$arn" "${api[@]}" >/dev/null; wait_status "$arn" RUNNING
  echo "      cycle $i/$cycles done"
done
sleep 2

echo "[3/4] append → receipt"
PGPASSWORD=${RUNWAY_DB_PASSWORD:-runway} psql -h 127.0.0.1 -p "$RUNWAY_DB_PORT" -U "${RUNWAY_DB_USER:-runway}" -d runway -At -F ' ' \
  -c "select event_id, (extract(epoch from recorded_at) * 1000)::bigint from events where stream_id = '$arn'" >"$work/appended"
# the public id is Java's UUID.nameUUIDFromBytes("runway-public-event:" + internal id)
mapfile -t samples < <(python3 - "$work/appended" "$work/received" <<'PY'
import hashlib, sys, uuid
appended = {}
for line in open(sys.argv[1]):
    internal, at = line.split()
    h = bytearray(hashlib.md5(("runway-public-event:" + internal).encode()).digest())
    h[6] = (h[6] & 0x0F) | 0x30; h[8] = (h[8] & 0x3F) | 0x80
    appended[str(uuid.UUID(bytes=bytes(h)))] = int(at)
seen = set()
for line in open(sys.argv[2]):
    pid, at = line.split()
    if pid in appended and pid not in seen:
        seen.add(pid); print(int(at) - appended[pid])
PY
)
(( ${#samples[@]} > 0 )) || { echo "no deliveries were received" >&2; exit 1; }
echo "append → webhook receipt, ${#samples[@]} events: p50 $(percentile 50 "${samples[@]}") ms," \
  "p99 $(percentile 99 "${samples[@]}") ms, max $(percentile 100 "${samples[@]}") ms"

echo "[4/4] matching throughput with $rules rules"
cd "$root"
mvn -B -q -pl api-gateway dependency:build-classpath -Dmdep.outputFile="$work/cp" >"$work/mvn.log" 2>&1 || { tail -n 20 "$work/mvn.log" >&2; echo "cannot resolve the api-gateway's classpath" >&2; exit 1; }
mvn -B -q -pl api-gateway -am test-compile >"$work/mvn.log" 2>&1 || { tail -n 20 "$work/mvn.log" >&2; echo "cannot compile the api-gateway's tests" >&2; exit 1; }
java -cp "api-gateway/target/test-classes:api-gateway/target/classes:events-schema/target/classes:$(cat "$work/cp")" \
  dev.runway.gateway.delivery.RuleMatchingBench "$rules" 5
