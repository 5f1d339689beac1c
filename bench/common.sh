# shellcheck shell=bash disable=SC2034
# (SC2034: api and image are read by the scripts that source this file.)
# Shared by the bench scripts (sourced, not run): the platform's settings and small helpers.

# platform_dir PROFILE: the profile's state directory, as ./runway names it: dev, test, or with
# RUNWAY_TEST_SLOT=N (the test profile moved aside) test-N; a name like test-2 is taken as it is.
platform_dir() {
  local name=$1
  if [ "$name" = test ] && [ -n "${RUNWAY_TEST_SLOT:-}" ] && [ "$RUNWAY_TEST_SLOT" != 0 ]; then
    name="test-$RUNWAY_TEST_SLOT"
  fi
  echo "/var/lib/runway/$name"
}

# load_platform PROFILE: reads the running platform's settings (./runway writes them) and sets up
# the aws CLI against it with the profile's admin access key: exports AWS_* and sets the array `api` and the variable `image`.
load_platform() {
  local env_file
  env_file="$(platform_dir "$1")/env"
  [ -f "$env_file" ] || { echo "No $1 platform found ($env_file). Start it with ./runway up." >&2; exit 1; }
  # shellcheck disable=SC1090
  source "$env_file"
  [ -n "${RUNWAY_ACCESS_KEY_ID:-}" ] || { echo "$env_file has no access key: run ./runway up again." >&2; exit 1; }
  # the profile's admin key signs every call (SigV4), as on AWS
  export AWS_ACCESS_KEY_ID=$RUNWAY_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$RUNWAY_SECRET_ACCESS_KEY \
    AWS_DEFAULT_REGION=${RUNWAY_REGION:-us-east-1} AWS_PAGER=
  api=(--endpoint-url "http://127.0.0.1:$RUNWAY_API_GATEWAY_PORT" --output text)
  image="$RUNWAY_IMAGE_REGISTRY/hello-runway:latest"
}

now_ms() { date +%s%3N; }

# percentile P SAMPLE...: the nearest-rank P-th percentile of the samples.
percentile() {
  local p=$1; shift
  local rank=$(( (p * $# + 99) / 100 ))
  [ "$rank" -lt 1 ] && rank=1
  printf '%s\n' "$@" | sort -n | sed -n "${rank}p"
}

# tree_rss_kb PID: the resident memory of PID and all its descendants, in KiB
tree_rss_kb() {
  ps -e -o pid=,ppid=,rss= | awk -v root="$1" '
    { parent[$1] = $2; rss[$1] = $3 }
    END {
      for (p in parent) {
        q = p; n = 0
        while (q != root && (q in parent) && n++ < 64) q = parent[q]
        if (q == root) sum += rss[p]
      }
      print sum + 0
    }'
}

# pid_of FILE: the pid in a pid file (first line), if that process lives
pid_of() {
  local pid
  [ -f "$1" ] || return 0
  read -r pid < "$1" || true
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

# platform_rss [--table]: the total RSS of the platform's processes (the six services, Kafka,
# PostgreSQL with its children, the image registry; not the instances) in MiB; with --table, one
# line each and the total in MiB and GB. Needs load_platform (RUNWAY_HOME).
platform_rss() {
  local name pid kb total=0
  for name in service-registry api-gateway deploy-worker build-worker autoscaler router kafka registry postgres; do
    if [ "$name" = postgres ]; then
      pid=$(pid_of "$RUNWAY_HOME/postgres/data/postmaster.pid")
    else
      pid=$(pid_of "$RUNWAY_HOME/pids/$name.pid")
    fi
    [ -n "$pid" ] || { [ "${1:-}" = --table ] && printf '  %-18s not running\n' "$name"; continue; }
    kb=$(tree_rss_kb "$pid")
    total=$(( total + kb ))
    [ "${1:-}" = --table ] && printf '  %-18s %7d MiB\n' "$name" $(( kb / 1024 ))
  done
  if [ "${1:-}" = --table ]; then
    printf '  %-18s %7d MiB (%s GB)\n' "platform total" $(( total / 1024 )) \
      "$(awk -v k="$total" 'BEGIN { printf "%.2f", k * 1024 / 1e9 }')"
  else
    echo $(( total / 1024 ))
  fi
}
