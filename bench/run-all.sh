#!/usr/bin/env bash
# Runs every bench of bench/ against the running platform, one after another, and rewrites the
# "Latest figures" table at the top of bench/RESULTS.md: see --help.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/run-all.sh [--quick] [--no-restart] [--density] [--no-write] [--minutes M]
                        [--results FILE] [--profile dev|test]

Runs the benches of bench/ one after another against the platform `./runway up` started (profile
RUNWAY_PROFILE, default dev; the test profile moved aside by RUNWAY_TEST_SLOT too), with settings
that keep the whole run within 20 minutes on a 2-core machine, then rewrites the table under
"## Latest figures" at the top of bench/RESULTS.md (columns figure, value, unit, aim, date, load):
the row of each figure this run measured gets its value, today's date and the 1-minute load
average when its bench started; every other row stays as it was (a figure no bench measures yet
shows "—"). The run's raw output goes right below the table, above the older runs.

In this order, each with a time cap (a bench past its cap is stopped, its own cleanup runs, and
the run goes on; one that fails leaves its rows as they were):
  footprint          --restart: ./runway down, then ./runway up timed (warm ./runway up); 20 s
                     idle, then the RSS of the platform's processes (idle RSS)
  router-vs-nginx    --duration 10 --warmup 5: router/nginx c=32 and c=128, router added p99
                     (c=128, over direct), router/nginx TLS c=128, router-ns/router c=128
  api-latency        --services 25 --reads 500 (the default quota is 30 live services):
                     DescribeService p99, CreateService answer p99
  event-latency      --cycles 5 --rules 1000: state change → webhook p99. Needs a platform that
                     delivers webhooks on loopback (RUNWAY_EVENT_TARGET_ALLOW=127.0.0.1 ./runway up,
                     the test profile's default); skipped, with that said, on one that does not
  create-to-running  --count 10: create → first 200 p50
  update-to-serving  --updates 10: update → new revision serving p50 (4 load loops that stop by
                     themselves)
  scale-from-zero    --count 8: scale-from-zero overhead p50
  push-to-serving    --pushes 3: push → new revision serving p50
  event-store        --seconds 5 --events 20000: event store appends and append p99 (the shape
                     with the most events/s); the rebuild row only from a run of 1M events
                     (bench/event-store.sh --events 1000000, about half an hour today)
  density            only with --density: 1,000 scale-to-zero services, 20 active; start the
                     platform with RUNWAY_QUOTA_SERVICES=1100; adds up to 60 minutes
Every load a bench puts on the platform is bounded and stops by itself. The restart keeps the
platform's settings (its env file, and its RUNWAY_QUOTA_* values).

Options:
  --quick        a few samples of each (about 8 minutes): to check that everything works, not
                 figures to keep (the raw output says "quick")
  --no-restart   leave the platform running: no warm ./runway up figure (idle RSS is measured)
  --density      run bench/density.sh too, last
  --no-write     print the figures; change no file
  --minutes M    the time budget, 20 by default: a bench starts only while at least 30 s of it
                 are left, and its cap is cut to what is left
  --results F    the results file (default bench/RESULTS.md)
  --profile P    dev or test (default RUNWAY_PROFILE, else dev)
Exits 1 when a bench failed or was stopped, 0 otherwise.
USAGE
}

quick=0 restart=1 density=0 write=1 minutes=20
root=$(cd "$(dirname "$0")/.." && pwd)
results="$root/bench/RESULTS.md"
profile=${RUNWAY_PROFILE:-dev}
args=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --no-restart) restart=0; shift ;;
    --density) density=1; shift ;;
    --no-write) write=0; shift ;;
    --minutes) minutes=$2; shift 2 ;;
    --results) results=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
if ! [[ $minutes =~ ^[0-9]+$ ]] || [ "$minutes" -lt 1 ] || [ "$minutes" -gt 240 ]; then
  echo "--minutes takes 1 to 240, not '$minutes'" >&2; exit 2
fi
[ "$write" = 0 ] || [ -f "$results" ] || { echo "no results file $results" >&2; exit 2; }
export RUNWAY_PROFILE=$profile

# shellcheck source=bench/common.sh
source "$root/bench/common.sh"
load_platform "$profile"   # fails here, early, when the platform is not there
curl -fsS -o /dev/null -m 5 "http://127.0.0.1:$RUNWAY_API_GATEWAY_PORT/q/health/ready" ||
  { echo "the $profile platform's api-gateway does not answer on port $RUNWAY_API_GATEWAY_PORT: ./runway up first" >&2; exit 1; }

work=$(mktemp -d /tmp/runway-bench-all.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The benches, in order: name|time cap (s)|arguments|arguments with --quick
plan=(
  "footprint|240|--restart|--restart --settle 5"
  "router-vs-nginx|330|--duration 10 --warmup 5|--duration 2 --warmup 1"
  "api-latency|180|--services 25 --reads 500|--services 5 --reads 20"
  "event-latency|240|--cycles 5 --rules 1000|--cycles 1 --rules 100"
  "create-to-running|150|--count 10|--count 2"
  "update-to-serving|240|--updates 10|--updates 2 --clients 2"
  "scale-from-zero|300|--count 8|--count 2"
  "push-to-serving|240|--pushes 3|--pushes 1"
  "event-store|300|--seconds 5 --events 20000|--seconds 1 --events 800"
)
budget=$(( minutes * 60 ))
if [ "$density" = 1 ]; then
  plan+=("density|3600||--services 10 --active 2 --reads 50 --max-minutes 2")
  budget=$(( budget + 3600 ))
fi

# The table's rows, in order: figure|unit|aim|how the value is written. A figure this run does not
# measure keeps its row; rows other issues add by hand are kept after these.
rows=(
  "router/nginx c=32|×|≥ 1.0|%.2f"
  "router/nginx c=128|×|≥ 1.0|%.2f"
  "router added p99|ms|≤ 1|%.1f"
  "router/nginx TLS c=128|×|≥ 1.0|%.2f"
  "router-ns/router c=128 (the hop into an instance's namespace)|×|≥ 0.90|%.2f"
  "DescribeService p99|ms|≤ 10|%.0f"
  "CreateService answer p99|ms|≤ 100|%.0f"
  "state change → webhook p99|ms|≤ 50|%.0f"
  "update → new revision serving p50|ms|≤ 2000|%.0f"
  "create → first 200 p50|ms|≤ 1000|%.0f"
  "scale-from-zero overhead p50|ms|≤ 500|%.0f"
  "push → new revision serving p50|ms|≤ 15000|%.0f"
  "idle RSS|GB|≤ 1.0|%.2f"
  "warm ./runway up|s|≤ 20|%.1f"
  "event store appends|events/s|≥ 20000|%.0f"
  "event store append p99|ms|≤ 5|%.1f"
  "projection rebuild 1M events|s|≤ 60|%.1f"
  "density: DescribeService p99 at 1,000 scale-to-zero services, 20 active|ms|—|%.0f"
  "density: platform RSS at 1,000 scale-to-zero services, 20 active|GB|—|%.2f"
)

# figures NAME LOG: prints "figure<TAB>value" for each figure in a bench's output
figures() {
  local log=$2
  case "$1" in
    footprint)
      sed -nE 's/^idle RSS: ([0-9.]+) GB.*/idle RSS\t\1/p' "$log"
      sed -nE 's/^warm \.\/runway up: ([0-9.]+) s$/warm .\/runway up\t\1/p' "$log" ;;
    router-vs-nginx)
      sed -nE 's/^c=(32|128) +router\/nginx ([0-9.]+)x .*/router\/nginx c=\1\t\2/p' "$log"
      sed -nE 's/^c=128 +router\/nginx .*added over direct: router p50 [-+0-9.]+ ms p99 \+?([-0-9.]+) ms.*/router added p99\t\1/p' "$log"
      sed -nE 's/^c=128 .*router\/nginx TLS ([0-9.]+)x.*/router\/nginx TLS c=128\t\1/p' "$log"
      sed -nE "s/^c=128 +router-ns\/router ([0-9.]+)x.*/router-ns\/router c=128 (the hop into an instance's namespace)\t\1/p" "$log" ;;
    api-latency)
      awk '$1 == "DescribeService" && $(NF) == "ms" { print "DescribeService p99\t" $(NF-1) }
           $1 == "CreateService" && $(NF) == "ms" { print "CreateService answer p99\t" $(NF-1) }' "$log" ;;
    event-latency)
      sed -nE 's/^append .* webhook receipt, [0-9]+ events: .* p99 ([0-9]+) ms.*/state change → webhook p99\t\1/p' "$log" ;;
    create-to-running)
      sed -nE 's/^create .* first 200 through the router, [0-9]+ services: p50 ([0-9]+) ms.*/create → first 200 p50\t\1/p' "$log" ;;
    update-to-serving)
      sed -nE 's/^update .* new revision serving, [0-9]+ updates: p50 ([0-9]+) ms.*/update → new revision serving p50\t\1/p' "$log" ;;
    scale-from-zero)
      sed -nE 's/^scale-from-zero overhead p50 ([0-9]+) ms.*/scale-from-zero overhead p50\t\1/p' "$log" ;;
    push-to-serving)
      sed -nE 's/^push .* new revision serving, [0-9]+ pushes: p50 ([0-9]+) ms.*/push → new revision serving p50\t\1/p' "$log" ;;
    event-store)
      # the shape (writers x events per transaction) with the most events/s, and its p99
      awk '$1 == "appends" && $7 == "events/s" && $6 > best { best = $6; p99 = $12 }
           END { if (best) { print "event store appends\t" best; print "event store append p99\t" p99 } }' "$log"
      sed -nE 's/^projection rebuild: 1000000 events in ([0-9.]+) s.*/projection rebuild 1M events\t\1/p' "$log" ;;
    density)
      # the rows name 1,000 services and 20 active: only a run with the defaults fills them
      [ "$quick" = 0 ] || return 0
      sed -nE 's/^DescribeService over [0-9]+ calls: .* p99 ([0-9]+) ms.*/density: DescribeService p99 at 1,000 scale-to-zero services, 20 active\t\1/p' "$log"
      sed -nE 's/^ +platform total +[0-9]+ MiB \(([0-9.]+) GB\).*/density: platform RSS at 1,000 scale-to-zero services, 20 active\t\1/p' "$log" | tail -n 1 ;;
  esac
}

started=$(date +%s)
deadline=$(( started + budget ))
start_load=$(cut -d' ' -f1 /proc/loadavg)
mode=full
[ "$quick" = 1 ] && mode="quick (a few samples each: not figures to keep)"
echo "run-all: ${#plan[@]} benches against the $profile platform, at most $(( budget / 60 )) minutes; $mode; load $start_load"
: > "$work/figures"
: > "$work/raw"
failed=()
i=0
for entry in "${plan[@]}"; do
  i=$(( i + 1 ))
  IFS='|' read -r name cap full_args quick_args <<<"$entry"
  bench_args=$full_args
  [ "$quick" = 1 ] && bench_args=$quick_args
  if [ "$name" = footprint ] && [ "$restart" = 0 ]; then bench_args=${bench_args//--restart/}; fi
  read -ra argv <<<"$bench_args"
  left=$(( deadline - $(date +%s) ))
  if [ "$left" -lt 30 ]; then
    echo "[$i/${#plan[@]}] $name: skipped, the time budget is spent"
    printf '== %s: skipped, the time budget was spent\n\n' "$name" >> "$work/raw"
    failed+=("$name (no time left)")
    continue
  fi
  if [ "$name" = event-latency ] && [ -z "${RUNWAY_EVENT_TARGET_ALLOW:-}" ]; then
    why="this platform delivers no webhooks on loopback: start it with RUNWAY_EVENT_TARGET_ALLOW=127.0.0.1 ./runway up"
    echo "[$i/${#plan[@]}] $name: skipped, $why"
    printf '== %s: skipped, %s\n\n' "$name" "$why" >> "$work/raw"
    failed+=("$name (skipped)")
    continue
  fi
  [ "$cap" -le "$left" ] || cap=$left
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo
  echo "[$i/${#plan[@]}] bench/$name.sh ${argv[*]}  (at most $cap s; $(( ($(date +%s) - started) / 60 )) min into the run; load $load)"
  log="$work/$name.log"
  began=$(date +%s)
  rc=0
  # --foreground: Ctrl-C reaches the bench; past its cap it gets SIGTERM (its cleanup trap runs), 30 s later SIGKILL
  timeout --foreground --kill-after=30 "$cap" "$root/bench/$name.sh" "${argv[@]}" 2>&1 | tee "$log" || rc=$?
  took=$(( $(date +%s) - began ))
  case "$rc" in
    0) outcome="done" ;;
    124|137) outcome="stopped at its cap of $cap s" ;;
    *) outcome="failed (exit $rc)" ;;
  esac
  echo "[$i/${#plan[@]}] $name: $outcome after $took s"
  {
    printf '== bench/%s.sh %s  (load %s at its start; %s after %d s)\n' "$name" "${argv[*]}" "$load" "$outcome" "$took"
    cat "$log"
    echo
  } >> "$work/raw"
  if [ "$rc" = 0 ]; then
    figures "$name" "$log" | while IFS=$'\t' read -r figure value; do
      printf '%s\t%s\t%s\n' "$figure" "$value" "$load"
    done >> "$work/figures"
  else
    failed+=("$name ($outcome)")
  fi
  # a restart that did not bring the platform back leaves nothing for the others to measure
  if [ "$name" = footprint ] && ! curl -fsS -o /dev/null -m 5 "http://127.0.0.1:$RUNWAY_API_GATEWAY_PORT/q/health/ready"; then
    echo "the platform does not answer after the footprint bench: stopping the run" >&2
    failed+=("the platform")
    break
  fi
done
elapsed=$(( $(date +%s) - started ))

echo
echo "run-all: $(( elapsed / 60 )) min $(( elapsed % 60 )) s; figures measured:"
while IFS=$'\t' read -r figure value load; do
  printf '  %-45s %s (load %s)\n' "$figure" "$value" "$load"
done < "$work/figures"
[ "${#failed[@]}" -eq 0 ] || printf '  not measured: %s\n' "${failed[@]}"

if [ "$write" = 1 ]; then
  printf '%s\n' "${rows[@]}" > "$work/rows"
  os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-Linux}" || echo Linux)
  rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?")
  header="- **$(date -u -d "@$started" '+%Y-%m-%d %H:%M UTC')**, $os, $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo); the $profile platform of $rev; load $start_load at the start; \`bench/run-all.sh${args[*]:+ ${args[*]}}\`: $(( elapsed / 60 )) min $(( elapsed % 60 )) s, $mode"
  python3 - "$results" "$work/rows" "$work/figures" "$work/raw" "$(date -u +%Y-%m-%d)" "$header" <<'PY'
import os, sys
results, rows_file, figures_file, raw_file, today, header = sys.argv[1:7]
spec = [line.rstrip("\n").split("|") for line in open(rows_file, encoding="utf-8") if line.strip()]
measured = {}
for line in open(figures_file, encoding="utf-8"):
    figure, value, load = line.rstrip("\n").split("\t")
    measured[figure] = (value, load)
text = open(results, encoding="utf-8").read()
lines = text.split("\n")
try:
    start = lines.index("## Latest figures")
    head = next(i for i in range(start, len(lines)) if lines[i].startswith("| figure |"))
except (ValueError, StopIteration):
    sys.exit("%s has no '## Latest figures' table" % results)
end = head + 2                               # past the header and its |---| line
while end < len(lines) and lines[end].startswith("|"):
    end += 1
old = {}
order = []
for row in lines[head + 2:end]:
    name = row.strip("|").split("|")[0].strip()
    old[name] = row
    order.append(name)
table = []
for name, unit, aim, fmt in spec:
    if name in measured:
        value, load = measured[name]
        table.append("| %s | %s | %s | %s | %s | %s |" % (name, fmt % float(value), unit, aim, today, load))
    elif name in old:
        table.append(old[name])
    else:
        table.append("| %s | — | %s | %s | — | — |" % (name, unit, aim))
known = {s[0] for s in spec}
table += [old[name] for name in order if name not in known]
raw = open(raw_file, encoding="utf-8").read().rstrip("\n")
section = ["", "## run-all — every bench in one run", "", header, "", "```", raw, "```"]
rest = lines[end:]
if rest and rest[0] == "":
    rest = rest[1:]
out = lines[:head + 2] + table + section + [""] + rest
tmp = results + ".tmp"
with open(tmp, "w", encoding="utf-8") as f:
    f.write("\n".join(out))
os.replace(tmp, results)
print("%s: %d rows from this run, %d kept; the raw output below the table" % (results, len(measured), len(table) - len(measured)))
PY
fi

[ "${#failed[@]}" -eq 0 ]
