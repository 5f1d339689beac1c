# shellcheck shell=bash
# The platform image registry (Runway's ECR): Debian's docker-registry (distribution 2.8),
# with a config of our own: loopback only, filesystem storage, deletes allowed, and token auth
# (docs/security.md, "Image registry"): every push and pull needs a bearer token from the
# api-gateway's /registry/token, which `docker login` with an access key obtains.

registry_dir() { echo "$RUNWAY_HOME/registry"; }
# token.key (the api-gateway's: it signs the tokens) and token.crt (the registry's rootcertbundle)
registry_auth_dir() { echo "$RUNWAY_HOME/registry-auth"; }
# the workers' registry passwords, one file per component (the gateway reads them all)
registry_credentials_dir() { echo "$RUNWAY_HOME/registry-credentials"; }
# the launcher's own docker client settings: its login never lands in the user's ~/.docker
launcher_docker_config() { echo "$RUNWAY_HOME/docker"; }
RUNWAY_REGISTRY_COMPONENTS=(deploy-worker build-worker)

ensure_registry_credentials() {
  ensure_secret_files "$(registry_credentials_dir)" "${RUNWAY_REGISTRY_COMPONENTS[@]}"
}

# The token signing key, RSA 2048, made once per profile; the certificate only carries its public
# key to the registry (which finds the key by the token's kid), so its long validity changes nothing.
ensure_registry_token_key() {
  local dir
  dir=$(registry_auth_dir)
  (umask 077 && mkdir -p "$dir")
  chmod 700 "$dir"
  [[ -s $dir/token.key && -s $dir/token.crt ]] && return 0
  (umask 077 &&
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/token.key.tmp" 2>/dev/null &&
    openssl req -x509 -new -key "$dir/token.key.tmp" -subj "/CN=Runway registry tokens ($RUNWAY_PROFILE)" \
      -days 36500 -out "$dir/token.crt.tmp" 2>/dev/null &&
    mv "$dir/token.crt.tmp" "$dir/token.crt" && mv "$dir/token.key.tmp" "$dir/token.key") ||
    die "could not make the registry's token key in $dir (openssl)"
}

# registry_login: logs the launcher's docker client (DOCKER_CONFIG=launcher_docker_config) in to
# this profile's registry with the admin key; the secret goes through stdin, never argv.
registry_login() {
  local out
  out=$(DOCKER_CONFIG=$(launcher_docker_config) docker login "$RUNWAY_IMAGE_REGISTRY" \
      -u "$RUNWAY_ACCESS_KEY_ID" --password-stdin <<<"$RUNWAY_SECRET_ACCESS_KEY" 2>&1) ||
    die "docker login $RUNWAY_IMAGE_REGISTRY with the admin key failed: $out"
}

# launcher_docker <args...>: docker with the launcher's login
launcher_docker() { DOCKER_CONFIG=$(launcher_docker_config) docker "$@"; }

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
  # on SIGTERM: close the port at once, finish the requests under way (a restart with a new
  # notification token starts the next process meanwhile; below stop_pid's 30 s)
  draintimeout: 20s
  headers:
    X-Content-Type-Options: [nosniff]
# every request needs a token of the api-gateway's token service (docker login with an access key)
auth:
  token:
    realm: http://127.0.0.1:$RUNWAY_API_GATEWAY_PORT/registry/token
    service: runway-registry
    issuer: runway
    rootcertbundle: $(registry_auth_dir)/token.crt
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

# Ready: /v2/ asks for a token (401). A 200 is a registry without auth (an older ./runway's).
registry_ready() {
  [[ $(http_code "http://$RUNWAY_IMAGE_REGISTRY/v2/") == 401 ]]
}
registry_without_auth() {
  [[ $(http_code "http://$RUNWAY_IMAGE_REGISTRY/v2/") == 200 ]]
}

ensure_registry() {
  local pid
  ensure_registry_token_key
  pid=$(live_pid registry)
  if [[ -n $pid ]] && registry_without_auth; then
    info "the image registry (pid $pid) takes pushes without login (started by an older ./runway): restarting it"
    stop_registry ""
    wait_until 10 port_closed "$RUNWAY_IMAGE_REGISTRY_PORT" || true
    pid=''
  fi
  if [[ -n $pid ]]; then
    step_skip "already running (pid $pid, $RUNWAY_IMAGE_REGISTRY)"
    return 0
  fi
  if port_open "$RUNWAY_IMAGE_REGISTRY_PORT"; then
    registry_ready || die "port $RUNWAY_IMAGE_REGISTRY_PORT is taken by something that is not an image registry asking for login"
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
