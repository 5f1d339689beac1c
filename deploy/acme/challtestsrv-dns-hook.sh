#!/usr/bin/env bash
# An ACME DNS hook (RUNWAY_ACME_DNS_HOOK) for pebble-challtestsrv, the test DNS of e2e
# CustomDomainTest: see --help. It is also the smallest example of the hook contract.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: challtestsrv-dns-hook.sh present|cleanup <domain> <record name> <value>

The registry runs RUNWAY_ACME_DNS_HOOK to publish (present) and remove (cleanup) the TXT record
of an ACME DNS-01 challenge, e.g. `present example.test _acme-challenge.example.test. <digest>`.
This hook sets the record in Debian's pebble-challtestsrv through its management API on
127.0.0.1:$((RUNWAY_TEST_ACME_PORT + 3)) (the test profile's; CustomDomainTest starts it). A hook
for a real zone does the same with its DNS provider's API or nsupdate, and returns from
`present` only once the record is visible to the CA. Exit 0 on success; anything else fails the
certificate with what the hook printed (docs/custom-domains.md).
TXT
}

[[ ${1:-} == -h || ${1:-} == --help ]] && { usage; exit 0; }
[[ $# -eq 4 && ( $1 == present || $1 == cleanup ) ]] || { usage >&2; exit 2; }
action=$1 record=$3 value=$4
port=$(( ${RUNWAY_TEST_ACME_PORT:?the test profile sets RUNWAY_TEST_ACME_PORT} + 3 ))
case $action in
  present) path=set-txt body="{\"host\":\"$record\",\"value\":\"$value\"}" ;;
  cleanup) path=clear-txt body="{\"host\":\"$record\"}" ;;
esac
curl -sfS -m 10 -d "$body" "http://127.0.0.1:$port/$path"
