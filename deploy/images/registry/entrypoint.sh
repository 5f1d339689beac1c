#!/bin/bash
# runway-registry [ready]: serves the platform image registry on 127.0.0.1:$RUNWAY_IMAGE_REGISTRY_PORT,
# storing images in /var/lib/docker-registry (a volume) and telling the api-gateway about every push,
# with the shared token the gateway requires on those notifications (runway-shared-secret
# registry-notify-token). Every push and pull needs a token of the api-gateway's token service
# (docs/security.md, "Image registry"): its signing key and certificate are made here at first
# start, in the registry-token volume, which the api-gateway mounts read-only. (The key lets its
# holder write any image; the registry holds the images themselves, so it gains nothing from it.)
# `ready` is the health check: /v2/ answers, asking for a token (401).
set -euo pipefail
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
if [[ ${1:-} == ready ]]; then
  exec 3<>"/dev/tcp/127.0.0.1/$RUNWAY_IMAGE_REGISTRY_PORT" || exit 1
  printf 'GET /v2/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  read -r -t 5 _ status _ <&3 || exit 1
  [[ $status == 401 ]]
  exit
fi
token=$(runway-shared-secret registry-notify-token RUNWAY_REGISTRY_NOTIFY_TOKEN)
auth=/var/lib/runway-registry-token
mkdir -p "$auth"
if [[ ! -s $auth/token.key || ! -s $auth/token.crt ]]; then
  (umask 077 &&
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$auth/token.key.tmp" 2>/dev/null &&
    openssl req -x509 -new -key "$auth/token.key.tmp" -subj "/CN=Runway registry tokens (compose)" \
      -days 36500 -out "$auth/token.crt.tmp" 2>/dev/null &&
    mv "$auth/token.crt.tmp" "$auth/token.crt" && mv "$auth/token.key.tmp" "$auth/token.key")
fi
config=/etc/docker/registry/runway.yml
mkdir -p "$(dirname "$config")" /var/lib/docker-registry
cat > "$config" <<YAML
version: 0.1
log:
  level: info
  formatter: text
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: /var/lib/docker-registry
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$RUNWAY_IMAGE_REGISTRY_PORT
  headers:
    X-Content-Type-Options: [nosniff]
auth:
  token:
    realm: http://127.0.0.1:$RUNWAY_API_GATEWAY_PORT/registry/token
    service: runway-registry
    issuer: runway
    rootcertbundle: $auth/token.crt
notifications:
  endpoints:
    - name: runway-api-gateway
      url: http://127.0.0.1:$RUNWAY_API_GATEWAY_PORT/registry/events
      headers:
        Authorization: [Bearer $token]
      timeout: 2s
      threshold: 10
      backoff: 1s
      ignoredmediatypes:
        - application/octet-stream
YAML
chmod 600 "$config"   # it carries the token
exec docker-registry serve "$config"
