# shellcheck shell=bash
# The bundled example (examples/hello): built on the local base image, pushed to the platform
# registry, and (dev profile) deployed through the App Runner API with the real aws CLI.

EXAMPLE_NAME=hello-runway
example_image() { echo "$RUNWAY_IMAGE_REGISTRY/$EXAMPLE_NAME:latest"; }

# The aws CLI pointed at this profile's api-gateway, signing with the profile's admin key.
runway_aws() {
  AWS_ACCESS_KEY_ID=$RUNWAY_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$RUNWAY_SECRET_ACCESS_KEY \
  AWS_DEFAULT_REGION=$RUNWAY_REGION AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_CONFIG_FILE=/dev/null \
  AWS_EC2_METADATA_DISABLED=true AWS_PAGER='' \
    aws --endpoint-url "http://127.0.0.1:$RUNWAY_API_GATEWAY_PORT" "$@"
}

example_build_and_push() {
  local image log
  image=$(example_image)
  log=$(log_file example)
  registry_login   # pushes need a login (docs/security.md, "Image registry")
  { DOCKER_BUILDKIT=0 docker build -t "$image" "$RUNWAY_ROOT/examples/hello" &&
      launcher_docker push "$image"; } >> "$log" 2>&1 || { log_tail example; die "building or pushing $image failed"; }
  info "pushed $image"
}

# The ARN of the example service, or "" when it does not exist.
example_service_arn() {
  local arn
  arn=$(runway_aws apprunner list-services --output text \
      --query "ServiceSummaryList[?ServiceName=='$EXAMPLE_NAME'].ServiceArn | [0]" 2>>"$(log_file example)") ||
    { log_tail example 10; die "list-services failed against http://127.0.0.1:$RUNWAY_API_GATEWAY_PORT"; }
  [[ $arn == None ]] && arn=''
  echo "$arn"
}

example_create_service() {
  local source
  source=$(printf '{"ImageRepository":{"ImageIdentifier":"%s","ImageRepositoryType":"ECR","ImageConfiguration":{"Port":"8080"}},"AutoDeploymentsEnabled":false}' "$(example_image)")
  runway_aws apprunner create-service --service-name "$EXAMPLE_NAME" \
      --source-configuration "$source" --query Service.ServiceArn --output text 2>>"$(log_file example)" ||
    { log_tail example 10; die "create-service failed"; }
}

# Polls describe-service until RUNNING (prints the ServiceUrl) or a failure; 120 s at most.
example_wait_running() {
  local arn=$1 deadline=$((SECONDS + 120)) status='' url=''
  while (( SECONDS < deadline )); do
    read -r status url < <(runway_aws apprunner describe-service --service-arn "$arn" \
        --query 'Service.[Status,ServiceUrl]' --output text 2>>"$(log_file example)" || true)
    case "$status" in
      RUNNING) echo "$url"; return 0 ;;
      CREATE_FAILED|DELETED|DELETE_FAILED|PAUSED)
        error "$EXAMPLE_NAME is $status"
        runway_aws apprunner list-operations --service-arn "$arn" --output table >&2 2>/dev/null || true
        log_tail deploy-worker >&2
        return 1 ;;
    esac
    sleep 2
  done
  error "$EXAMPLE_NAME was not RUNNING after 120 s (last status: ${status:-unknown})"
  log_tail deploy-worker >&2
  return 1
}

# curl the service through the router; *.localhost resolves to loopback inside curl.
example_check_url() {
  local url=$1 body
  if ! wait_until 20 curl -sf -o /dev/null -m 3 "http://$url/"; then
    error "http://$url/ does not answer with 200; it said: $(curl -s -m 3 -w ' (HTTP %{http_code})' "http://$url/" | head -c 300)"
    info "containers of this platform: $(docker ps -q --filter "label=dev.runway.platform=$RUNWAY_PLATFORM_ID" | wc -l)" \
         "(none means the deploy-worker has not (re)created the service's instances)"
    log_tail deploy-worker 15 >&2
    log_tail router 15 >&2
    return 1
  fi
  body=$(curl -sf -m 3 "http://$url/")
  [[ $body == *"Hello from Runway"* ]] || { error "http://$url/ answered, but not with the example page"; return 1; }
}

# The same page over https, checked against the platform CA (not the system's roots).
example_check_https() {
  local host=$1 body
  body=$(curl -sfS -m 5 --cacert "$RUNWAY_TLS_CA" --resolve "$host:$RUNWAY_ROUTER_TLS_PORT:127.0.0.1" \
      "https://$host:$RUNWAY_ROUTER_TLS_PORT/" 2>&1) || { error "https://$host:$RUNWAY_ROUTER_TLS_PORT/: $body"; return 1; }
  [[ $body == *"Hello from Runway"* ]] || { error "https://$host:$RUNWAY_ROUTER_TLS_PORT/ answered, but not with the example page"; return 1; }
}

example_deploy() {
  local arn url
  arn=$(example_service_arn)
  if [[ -n $arn ]]; then
    info "service $EXAMPLE_NAME exists: $arn"
  else
    arn=$(example_create_service)
    info "created $arn"
  fi
  url=$(example_wait_running "$arn") || die "the example did not deploy (logs: $RUNWAY_HOME/logs/)"
  example_check_url "$url" || die "the example runs but is not reachable through the router"
  EXAMPLE_URL="http://$url/"
  # shellcheck disable=SC2034 # read by print_summary (runway)
  EXAMPLE_HTTPS_URL="https://${url%%:*}:$RUNWAY_ROUTER_TLS_PORT/"
  example_check_https "${url%%:*}" || die "the example answers over http but not over https"
  step_done "running at $EXAMPLE_URL"
}
