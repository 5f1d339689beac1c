#!/bin/bash
# Serves the platform image registry on 127.0.0.1:$RUNWAY_IMAGE_REGISTRY_PORT, storing images in
# /var/lib/docker-registry (a volume) and telling the api-gateway about every push, with the
# shared token the gateway requires on those notifications (runway-shared-secret registry-notify-token).
set -euo pipefail
token=$(runway-shared-secret registry-notify-token RUNWAY_REGISTRY_NOTIFY_TOKEN)
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
