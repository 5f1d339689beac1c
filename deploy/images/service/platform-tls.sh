#!/bin/bash
# runway-platform-tls: the compose stack's platform CA, as `./runway up` makes it (the same
# deploy/lib/tls.sh): run once per `docker-compose up` by the one-shot platform-tls service.
#
# The root and its key stay in /var/lib/runway-platform/tls (the platform-ca volume, mounted only
# here); what the router needs — its *.<RUNWAY_DOMAIN> certificate, the issuing CA it makes
# per-host certificates with, and the root's certificate for users to trust — is copied to
# /var/lib/runway-router-tls (the router-tls volume, mounted read-only in the router). Renewals
# replace the files in place; the router reloads them by itself.
set -euo pipefail
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
die() { echo "runway-platform-tls: $*" >&2; exit 1; }
step_done() { echo "runway-platform-tls: $*"; }
export RUNWAY_HOME=/var/lib/runway-platform
export RUNWAY_DOMAIN=${RUNWAY_DOMAIN:-localhost}
export RUNWAY_PLATFORM_ID=${RUNWAY_PLATFORM_ID:-compose}
# shellcheck source=deploy/lib/tls.sh
source /usr/local/lib/runway/tls.sh
out=/var/lib/runway-router-tls
mkdir -p "$out"
ensure_platform_tls
src=$(tls_dir)
# keys before their certificates: the router reads a pair once both changed
for f in platform.key platform.crt issuer.key issuer.crt ca.crt; do
  if ! cmp -s "$src/$f" "$out/$f"; then
    mode=644
    [[ $f == *.key ]] && mode=600
    install -m "$mode" "$src/$f" "$out/.$f.new"
    mv -f "$out/.$f.new" "$out/$f"
  fi
done
echo "runway-platform-tls: the router's certificates are in the router-tls volume; trust $out/ca.crt" \
  "(docker-compose exec -T router cat $out/ca.crt > runway-ca.crt)"
