# shellcheck shell=bash disable=SC2034
# (SC2034: api and image are read by the scripts that source this file.)
# Shared by the bench scripts (sourced, not run): the platform's settings and small helpers.

# load_platform PROFILE: reads the running platform's settings (./runway writes them) and sets up
# the aws CLI against it with the profile's admin access key: exports AWS_* and sets the array `api` and the variable `image`.
load_platform() {
  local env_file=/var/lib/runway/$1/env
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
