# shellcheck shell=bash
# The platform image registry (Runway's ECR): Debian's docker-registry (distribution 2.8),
# with a config of our own: loopback only, filesystem storage, deletes allowed, no auth.

registry_dir() { echo "$RUNWAY_HOME/registry"; }

registry_write_config() {
  local dir
  dir=$(registry_dir)
  mkdir -p "$dir/data"
  cat > "$dir/config.yml" <<YAML
# Written by ./runway for profile '$RUNWAY_PROFILE'.
version: 0.1
log:
  level: info
  formatter: text
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$RUNWAY_IMAGE_REGISTRY_PORT
  headers:
    X-Content-Type-Options: [nosniff]
# pushes reach the api-gateway, which deploys services that watch the pushed tag (AutoDeploymentsEnabled)
notifications:
  endpoints:
    - name: runway-api-gateway
      url: http://127.0.0.1:$RUNWAY_API_GATEWAY_PORT/registry/events
      # the gateway takes notifications only with this profile's token (RUNWAY_REGISTRY_NOTIFY_TOKEN)
      headers:
        Authorization: [Bearer $RUNWAY_REGISTRY_NOTIFY_TOKEN]
      timeout: 2s
      threshold: 10
      backoff: 1s
      ignoredmediatypes:
        - application/octet-stream
YAML
  chmod 600 "$dir/config.yml"   # it carries the notification token
}

registry_ready() {
  [[ $(http_code "http://$RUNWAY_IMAGE_REGISTRY/v2/") == 200 ]]
}

ensure_registry() {
  local pid
  pid=$(live_pid registry)
  if [[ -n $pid ]]; then
    step_skip "already running (pid $pid, $RUNWAY_IMAGE_REGISTRY)"
    return 0
  fi
  if port_open "$RUNWAY_IMAGE_REGISTRY_PORT"; then
    registry_ready || die "port $RUNWAY_IMAGE_REGISTRY_PORT is taken by something that is not an image registry"
    step_skip "$RUNWAY_IMAGE_REGISTRY already answers (not started by this profile; using it)"
    return 0
  fi
  ensure_notify_token
  registry_write_config
  launch registry docker-registry serve "$(registry_dir)/config.yml"
  pid=$(live_pid registry)
  if ! wait_until 30 registry_ready; then
    log_tail registry
    die "the image registry did not answer on $RUNWAY_IMAGE_REGISTRY within 30 s"
  fi
  step_done "ready"
}

stop_registry() {
  local pid
  pid=$(live_pid registry)
  if [[ -z $pid ]]; then rm -f "$(pid_file registry)"; return 0; fi
  stop_pid registry "$pid" "${1:-}"
  info "image registry stopped (pid $pid)"
}
