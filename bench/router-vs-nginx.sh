#!/usr/bin/env bash
# Throughput and added latency of Runway's router against nginx as a reverse proxy, on loopback.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/router-vs-nginx.sh [--duration SECONDS] [--warmup SECONDS] [--loops N] [--connections "32 128"]

One fast backend (nginx answering a fixed 200 body, so the backend is never the bottleneck) is
reached these ways in one run, each with wrk on loopback for a fixed duration per connection count:
  direct     wrk → backend
  nginx      wrk → nginx reverse proxy (keep-alive upstream, N worker processes) → backend
  router     wrk → Runway's router (the production ProxyServer, N event loops, routes filled by
             hand instead of from the registry) → backend
  router-ns  wrk → the router → a pasta forwarder → the same backend in a network namespace of its
             own: the path to an isolated instance (RUNWAY_INSTANCE_NETWORK=namespace)
  nginx-tls  wrk over TLS (keep-alive connections) → nginx terminating TLS → backend
  router-tls wrk over TLS → the router's TLS listener → backend
Prints requests/s and p50/p99 latency of each, the throughput ratios router/nginx (plain and TLS),
router/direct and router-ns/router (what the hop into a namespace costs), and the p50/p99 latency
each proxy adds over direct.

Options:
  --duration S       seconds per wrk run (default 10)
  --warmup S         seconds of load before each measured run, unmeasured (default 10: the router's
                     JIT compiler is still at work for the first 20-30 s of load)
  --loops N          router event loops = nginx proxy worker processes (default: CPU cores)
  --connections "…"  wrk connection counts (default "32 128")

Needs nginx, wrk, pasta (Debian packages nginx-light or nginx, wrk, passt): installed with
apt-get when missing and run as root; otherwise install them first. Runs as root (the namespace).
Needs the router built (./runway up builds it; or mvn -B -q install -DskipTests from the repository
root). Uses ports 18091-18096; the TLS certificate is a throw-away EC P-256 one made here.
Everything it starts is stopped when it ends.
USAGE
}

duration=10
warmup=10
loops=$(nproc)
connections="32 128"
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --loops) loops=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
backend_port=18091 nginx_port=18092 router_port=18093 ns_port=18094 nginx_tls_port=18095 router_tls_port=18096
host=bench.localhost ns_host=ns.bench.localhost
work=$(mktemp -d /tmp/runway-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  local name
  for name in backend proxy ns-backend; do
    if [ -f "$work/$name.pid" ]; then kill "$(cat "$work/$name.pid")" 2>/dev/null || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

# ---- tools
need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v wrk >/dev/null || need+=(wrk)
command -v pasta >/dev/null || need+=(passt)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${need[*]} with apt-get …"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"; } >/dev/null \
      || { echo "apt-get could not install ${need[*]}; install nginx and wrk, then run again" >&2; exit 1; }
  else
    echo "missing: ${need[*]}; install them (sudo apt-get install nginx-light wrk passt) and run again" >&2
    exit 1
  fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
# Installing the package may start a system nginx on port 80; it is not used here.

# ---- the backend and the nginx proxy
nginx_conf() { # name workers body
  cat > "$work/$1.conf" <<CONF
worker_processes $2;
pid $work/$1.pid;
error_log $work/$1-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  $3
}
CONF
}
# the backend: a fixed answer, the same on the host and inside the namespace below
backend_server="server { listen 127.0.0.1:$backend_port; location / { return 200 'hello from the backend\n'; } }"
nginx_conf backend "$(nproc)" "$backend_server"
# TLS as the router serves it: an EC P-256 certificate, TLS 1.2/1.3, AEAD suites, session tickets off
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/bench.key" -out "$work/bench.crt" \
  -days 1 -subj "/CN=$host" -addext "subjectAltName=DNS:$host" >/dev/null 2>&1
proxy_location="location / { proxy_pass http://backend; proxy_http_version 1.1;
    proxy_set_header Connection \"\"; proxy_set_header Host \$host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; }"
nginx_conf proxy "$loops" "upstream backend { server 127.0.0.1:$backend_port; keepalive 256; }
  server { listen 127.0.0.1:$nginx_port; $proxy_location }
  server { listen 127.0.0.1:$nginx_tls_port ssl; ssl_certificate $work/bench.crt; ssl_certificate_key $work/bench.key;
    ssl_protocols TLSv1.2 TLSv1.3; ssl_prefer_server_ciphers off; $proxy_location }"
"$NGINX" -p "$work" -c "$work/backend.conf" -e "$work/backend-error.log"
"$NGINX" -p "$work" -c "$work/proxy.conf" -e "$work/proxy-error.log"

# ---- the same backend in a network namespace of its own, reached through pasta as an instance is
# (deploy-worker engine.PortForwarders: the namespace handed over as a descriptor, nothing out)
nginx_conf ns-backend "$(nproc)" "$backend_server"
sed -i '1i daemon off;' "$work/ns-backend.conf"
unshare --net sh -c 'ip link set lo up && exec "$@"' sh "$NGINX" -p "$work" -c "$work/ns-backend.conf" \
  -e "$work/ns-backend-error.log" &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$work/ns-backend.pid" ] && break; sleep 0.1; done
ns_pid=$(cat "$work/ns-backend.pid")
sh -c 'exec "$@" 3</proc/'"$ns_pid"'/ns/net' sh pasta --quiet --runas 0:0 --netns /proc/self/fd/3 \
  --pid "$work/pasta.pid" --tcp-ports "127.0.0.1/$ns_port:$backend_port" --tcp-ns none --udp-ports none --udp-ns none \
  --no-udp --no-icmp --no-dhcp --no-dhcpv6 --no-ndp --no-ra --no-map-gw --ipv4-only
pids+=("$(cat "$work/pasta.pid")")

# ---- the router's data plane
classpath_file="$work/cp.txt"
echo "resolving the router's classpath …"
# online, not -o: the dependency plugin may not be in a new machine's local repository yet
(cd "$root" && mvn -B -q -pl router dependency:build-classpath -Dmdep.outputFile="$classpath_file" \
  -Dmdep.includeScope=test > "$work/mvn.log" 2>&1) \
  || { tail -n 20 "$work/mvn.log" >&2; echo "cannot resolve the router's classpath; build first (mvn -B install -DskipTests)" >&2; exit 1; }
[ -d "$root/router/target/test-classes/dev/runway/router/bench" ] \
  || { echo "router test classes missing; run: mvn -B -q install -DskipTests" >&2; exit 1; }
java -Xms256m -Xmx512m -cp "$root/router/target/classes:$root/router/target/test-classes:$(cat "$classpath_file")" \
  dev.runway.router.bench.BenchRouter "$router_port" "$host" "$backend_port" "$loops" \
  --tls "$router_tls_port" "$work/bench.crt" "$work/bench.key" --route "$ns_host" "$ns_port" > "$work/router.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null -H "Host: $host" "http://127.0.0.1:$router_port/" 2>/dev/null && break
  sleep 0.2
done
curl -fsS -o /dev/null -H "Host: $host" "http://127.0.0.1:$router_port/" \
  || { echo "the router did not come up:" >&2; cat "$work/router.log" >&2; exit 1; }
curl -fsS -o /dev/null "http://127.0.0.1:$nginx_port/" || { echo "nginx proxy did not come up" >&2; exit 1; }
curl -fsS -o /dev/null -H "Host: $ns_host" "http://127.0.0.1:$router_port/" \
  || { echo "the backend in its namespace does not answer through pasta" >&2; exit 1; }
for p in "$nginx_tls_port" "$router_tls_port"; do
  curl -fsS -o /dev/null --cacert "$work/bench.crt" --resolve "$host:$p:127.0.0.1" "https://$host:$p/" \
    || { echo "https on port $p does not answer" >&2; exit 1; }
done

# ---- measure
to_ms() { # wrk latency like 1.23ms / 850.00us / 1.02s → milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
declare -A rps p50 p99
run() { # name port connections [host [scheme]]
  local out target_host=${4:-$host} scheme=${5:-http}
  wrk -t 2 -c "$3" -d "${warmup}s" -H "Host: $target_host" "$scheme://127.0.0.1:$2/" >/dev/null 2>&1 || true   # warm-up
  out=$(wrk -t 2 -c "$3" -d "${duration}s" --latency -H "Host: $target_host" "$scheme://127.0.0.1:$2/")
  rps[$1,$3]=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50[$1,$3]=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99[$1,$3]=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  local errors; errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
  printf '%-10s c=%-4s %10s req/s   p50 %8s ms   p99 %8s ms  %s\n' "$1" "$3" "${rps[$1,$3]}" "${p50[$1,$3]}" \
    "${p99[$1,$3]}" "$errors"
}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo); $("$NGINX" -v 2>&1); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'); router: $loops event loops; ${duration}s per run after ${warmup}s of warm-up; load $(cut -d' ' -f1-3 /proc/loadavg)"
for c in $connections; do
  run direct "$backend_port" "$c"
  run nginx "$nginx_port" "$c"
  run router "$router_port" "$c"
  run router-ns "$router_port" "$c" "$ns_host"
  run nginx-tls "$nginx_tls_port" "$c" "$host" https
  run router-tls "$router_tls_port" "$c" "$host" https
done
echo
for c in $connections; do
  awk -v c="$c" -v rd="${rps[direct,$c]}" -v rn="${rps[nginx,$c]}" -v rr="${rps[router,$c]}" \
      -v d50="${p50[direct,$c]}" -v d99="${p99[direct,$c]}" -v n50="${p50[nginx,$c]}" -v n99="${p99[nginx,$c]}" \
      -v r50="${p50[router,$c]}" -v r99="${p99[router,$c]}" 'BEGIN {
    printf "c=%-4s router/nginx %.2fx  router/direct %.2fx  nginx/direct %.2fx | added over direct: router p50 %+.3f ms p99 %+.3f ms, nginx p50 %+.3f ms p99 %+.3f ms\n",
      c, rr / rn, rr / rd, rn / rd, r50 - d50, r99 - d99, n50 - d50, n99 - d99 }'
done
for c in $connections; do
  awk -v c="$c" -v rr="${rps[router,$c]}" -v rns="${rps[router-ns,$c]}" -v nt="${rps[nginx-tls,$c]}" \
      -v rt="${rps[router-tls,$c]}" -v r99="${p99[router,$c]}" -v ns99="${p99[router-ns,$c]}" 'BEGIN {
    printf "c=%-4s router-ns/router %.2fx (the hop into a namespace: %+.0f %% throughput, p99 %+.3f ms) | router/nginx TLS %.2fx\n",
      c, rns / rr, (rns / rr - 1) * 100, ns99 - r99, rt / nt }'
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
