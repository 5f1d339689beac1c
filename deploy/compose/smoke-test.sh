#!/usr/bin/env bash
# The docker-compose stack, checked end to end beside the test platform: see --help.
set -euo pipefail

RUNWAY_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
for lib in common profile packages credentials example; do
  # shellcheck source=/dev/null
  source "$RUNWAY_ROOT/deploy/lib/$lib.sh"
done

usage() {
  cat <<'TXT'
Usage: deploy/compose/smoke-test.sh [--keep] [--reuse-images]

Builds the images (deploy/images/build.sh), brings docker-compose.yml up as a separate stack and
checks it the way a user would, with the real aws CLI:
  0. the images are built from nothing, under a throw-away tag (RUNWAY_VERSION=first-run-<id>)
     that no earlier run can have left behind, so every run proves a new machine's first build;
     they are removed again at the end (--reuse-images: the usual tag, built only if changed);
  1. every container becomes healthy (three Kafka nodes, topics, PostgreSQL, image registry,
     the Docker socket proxy, the six services); Kafka refuses a write to runway.events without
     credentials and with the api-gateway's (an ACL: only the service-registry writes it); no
     worker mounts anything of the host (the engine's socket least of all), and each worker's
     proxy socket refuses what that worker never does (a privileged container or one with the
     engine's socket, `docker run --privileged`, listing containers from the build-worker's, a
     build with network) while forwarding what it does (a build, streamed, from a chunked context);
  2. quickstart: the stack's registry refuses a push without login, and takes it after
     docker login with the access key; create-service → RUNNING,
     curl its URL through the stack's router over http and over https (the stack's platform
     CA), delete-service → DELETED;
  3. scale-out and broker loss: a second deploy-worker replica joins (--scale deploy-worker=2),
     services are created, one Kafka node is killed (SIGKILL) while they deploy,
     every one still reaches RUNNING and is deleted, and the event store holds each fact once
     (no gap, no duplicate); the node then rejoins;
  4. docker-compose down -v (also on failure; --keep leaves the stack and its images).

Ports: the test profile's (RUNWAY_TEST_SLOT aware) plus 50, instance ports 61000+400*slot..,
platform id compose-test[-slot], compose project runway-compose-test[-slot]; the env file is
written to <test state dir>/compose.env. Needs root, a Docker engine (./runway up or
./runway test start one) and docker-compose (apt-get install docker-compose).
Run by ComposeStackTest in e2e-tests during ./runway test.
TXT
}

KEEP=false REUSE_IMAGES=false
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --keep) KEEP=true ;;
    --reuse-images) REUSE_IMAGES=true ;;
    *) die "unknown option $arg (see --help)" ;;
  esac
done
[[ $EUID -eq 0 ]] || die "needs root"
command -v docker-compose >/dev/null || die "docker-compose is missing (apt-get install docker-compose)"

profile_load test
SLOT=${RUNWAY_TEST_SLOT:-0}
PROJECT=runway-compose-$RUNWAY_PLATFORM_ID
ENV_FILE=$RUNWAY_HOME/compose.env
mkdir -p "$RUNWAY_HOME/logs"
if $REUSE_IMAGES; then
  IMAGE_TAG=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$RUNWAY_ROOT/pom.xml" | head -n 1)
else
  IMAGE_TAG=first-run-$RUNWAY_PLATFORM_ID-$(date +%s)
fi

# The stack's settings: the test profile's ports + 50 (replicas add 10 each, up to +90).
write_env() {
  local p=50
  COMPOSE_API_PORT=$((RUNWAY_API_GATEWAY_PORT + p))
  COMPOSE_ROUTER_PORT=$((RUNWAY_ROUTER_PORT + p))
  COMPOSE_TLS_PORT=$((RUNWAY_ROUTER_TLS_PORT + p))
  COMPOSE_REGISTRY=127.0.0.1:$((RUNWAY_IMAGE_REGISTRY_PORT + p))
  COMPOSE_DB_PORT=$((RUNWAY_DB_PORT + p))
  COMPOSE_PLATFORM_ID=compose-$RUNWAY_PLATFORM_ID
  local k1=$((RUNWAY_KAFKA_PORT + p))
  cat > "$ENV_FILE" <<ENV
# docker-compose settings of the smoke test's stack, written by deploy/compose/smoke-test.sh
RUNWAY_PLATFORM_ID=$COMPOSE_PLATFORM_ID
RUNWAY_VERSION=$IMAGE_TAG
RUNWAY_ROUTER_PORT=$COMPOSE_ROUTER_PORT
RUNWAY_API_GATEWAY_PORT=$COMPOSE_API_PORT
RUNWAY_SERVICE_REGISTRY_PORT=$((RUNWAY_SERVICE_REGISTRY_PORT + p))
RUNWAY_DEPLOY_WORKER_PORT=$((RUNWAY_DEPLOY_WORKER_PORT + p))
RUNWAY_BUILD_WORKER_PORT=$((RUNWAY_BUILD_WORKER_PORT + p))
RUNWAY_AUTOSCALER_PORT=$((RUNWAY_AUTOSCALER_PORT + p))
RUNWAY_ROUTER_ADMIN_PORT=$((RUNWAY_ROUTER_ADMIN_PORT + p))
RUNWAY_ROUTER_TLS_PORT=$COMPOSE_TLS_PORT
RUNWAY_KAFKA_PORT=$k1
RUNWAY_KAFKA_CONTROLLER_PORT=$((k1 + 1))
RUNWAY_KAFKA_2_PORT=$((k1 + 2))
RUNWAY_KAFKA_2_CONTROLLER_PORT=$((k1 + 3))
RUNWAY_KAFKA_3_PORT=$((k1 + 4))
RUNWAY_KAFKA_3_CONTROLLER_PORT=$((k1 + 5))
RUNWAY_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$k1,127.0.0.1:$((k1 + 2)),127.0.0.1:$((k1 + 4))
RUNWAY_DB_PORT=$COMPOSE_DB_PORT
RUNWAY_DB_URL=jdbc:postgresql://127.0.0.1:$COMPOSE_DB_PORT/runway
RUNWAY_IMAGE_REGISTRY_PORT=$((RUNWAY_IMAGE_REGISTRY_PORT + p))
RUNWAY_IMAGE_REGISTRY=$COMPOSE_REGISTRY
RUNWAY_SERVICE_REGISTRY_URL=http://127.0.0.1:$((RUNWAY_SERVICE_REGISTRY_PORT + p))
RUNWAY_INSTANCE_PORTS=$((61000 + 400 * SLOT))-$((61399 + 400 * SLOT))
RUNWAY_TOPIC_PARTITIONS=$RUNWAY_TOPIC_PARTITIONS
ENV
}

# The env file must decide: docker-compose prefers the shell's variables, and this shell has the
# test profile's RUNWAY_* exported.
compose_cmd() {
  local unset=() var
  for var in $(compgen -e); do [[ $var == RUNWAY_* || $var == KAFKA_* ]] && unset+=(-u "$var"); done
  COMPOSE_CMD=(env "${unset[@]}" docker-compose -p "$PROJECT" -f "$RUNWAY_ROOT/docker-compose.yml" --env-file "$ENV_FILE")
}
compose() { compose_cmd; "${COMPOSE_CMD[@]}" "$@"; }
COMPOSE_CMD=()

# An admin access key made through the stack's service-registry, as docs/operations.md tells users.
STACK_KEY_ID='' STACK_SECRET=''
create_access_key() {
  local out
  local token code
  # the operator's credential for the registry's internal API, made at the stack's first start
  token=$(compose exec -T service-registry cat /var/lib/runway-internal/operator/token) || return 1
  # without it the registry refuses (401): the internal API trusts nobody on loopback
  code=$(curl -sS -m 10 -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      -d '{"userName":"compose-smoke-test"}' "http://127.0.0.1:$((RUNWAY_SERVICE_REGISTRY_PORT + 50))/internal/access-keys") || return 1
  [[ $code == 401 ]] || { error "the stack's registry answered $code, not 401, to a call without credential"; return 1; }
  out=$(curl -sS -m 10 -X POST -H 'Content-Type: application/json' -d '{"userName":"compose-smoke-test"}' \
      -H @<(printf 'Authorization: Bearer %s\n' "$token") \
      "http://127.0.0.1:$((RUNWAY_SERVICE_REGISTRY_PORT + 50))/internal/access-keys") || return 1
  read -r STACK_KEY_ID STACK_SECRET < <(python3 -c \
      'import json,sys; d=json.load(sys.stdin); print(d["accessKeyId"], d["secretAccessKey"])' <<<"$out") || return 1
  [[ -n $STACK_KEY_ID && -n $STACK_SECRET ]]
}

# kafka_produce [<principal>]: writes one record to runway.events with Kafka's console producer in
# the kafka-1 container (its jars; none of its credentials), as <principal> with that service's
# password, or with no credentials at all; prints what the producer said, fails as it fails.
kafka_produce() {
  local who=${1:-} bootstrap config=/tmp/smoke-producer.properties rc=0 out
  bootstrap=127.0.0.1:$((RUNWAY_KAFKA_PORT + 50))
  if [[ -n $who ]]; then
    compose exec -T "$who" cat "/var/lib/runway-kafka-users/$who/password" |
      awk -v who="$who" '{ printf "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n" \
          "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";\n", who, $1 }' |
      compose exec -T kafka-1 sh -c "umask 077 && cat > $config" || return 1
  else
    compose exec -T kafka-1 sh -c "umask 077 && : > $config" || return 1
  fi
  out=$(echo '{"smoke":"unauthenticated"}' | timeout 90 "${COMPOSE_CMD[@]}" exec -T kafka-1 \
      java -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j.configuration=file:/opt/kafka/tools-log4j.properties \
      -cp '/opt/kafka/libs/*' kafka.tools.ConsoleProducer --bootstrap-server "$bootstrap" --topic runway.events --sync \
      --producer.config "$config" --producer-property max.block.ms=10000 --producer-property delivery.timeout.ms=15000 \
      --producer-property request.timeout.ms=5000 2>&1) || rc=$?
  compose exec -T kafka-1 rm -f "$config" || true
  printf '%s\n' "$out"
  return "$rc"
}

# Kafka is not open on loopback: no credentials and the api-gateway's (which may not write the
# event stream; deploy/kafka/acls.txt) are both refused writing runway.events.
check_kafka_refuses() {
  local out
  if out=$(kafka_produce); then
    error "a producer without credentials wrote runway.events: $out"; return 1
  fi
  echo "without credentials: ${out//$'\n'/ }" >> "$LOG"
  if out=$(kafka_produce api-gateway); then
    error "the api-gateway's principal wrote runway.events: $out"; return 1
  fi
  echo "as api-gateway: ${out//$'\n'/ }" >> "$LOG"
  [[ $out == *TopicAuthorization* || $out == *"Not authorized"* ]] ||
    { error "the api-gateway's write to runway.events failed, but not for want of an ACL: $out"; return 1; }
}

# The aws CLI against the stack's api-gateway, signed with that key.
stack_aws() {
  AWS_ACCESS_KEY_ID=$STACK_KEY_ID AWS_SECRET_ACCESS_KEY=$STACK_SECRET AWS_DEFAULT_REGION=us-east-1 \
  AWS_EC2_METADATA_DISABLED=true AWS_PAGER='' \
    aws --endpoint-url "http://127.0.0.1:$COMPOSE_API_PORT" apprunner "$@"
}

LOG=$(log_file compose-smoke)

dump_logs() {
  local c
  for c in $(compose ps --services 2>/dev/null); do
    compose logs --no-color --tail=40 "$c" >> "$LOG" 2>&1 || true
  done
  echo "      logs of the stack's containers: $LOG"
}

teardown() {
  local rc=$?
  trap - EXIT
  if (( rc != 0 )); then
    error "the compose stack failed its check"
    dump_logs
  fi
  if $KEEP; then
    info "stack left running: docker-compose -p $PROJECT --env-file $ENV_FILE ..."
  else
    compose down -v --remove-orphans >> "$LOG" 2>&1 || true
    local ids
    ids=$(docker ps -aq --filter "label=dev.runway.platform=$COMPOSE_PLATFORM_ID")
    # shellcheck disable=SC2086
    [[ -z $ids ]] || docker rm -f $ids >/dev/null 2>&1 || true
    docker rmi "$COMPOSE_REGISTRY/hello-runway:latest" >/dev/null 2>&1 || true
    info "stack removed (containers, volumes)"
    if ! $REUSE_IMAGES; then
      # shellcheck disable=SC2046
      docker rmi $(RUNWAY_VERSION=$IMAGE_TAG "$RUNWAY_ROOT/deploy/images/build.sh" --list) >/dev/null 2>&1 || true
      info "throw-away images runway/*:$IMAGE_TAG removed"
    fi
  fi
  exit "$rc"
}

# Waits until every container of the stack that should run reports healthy.
wait_healthy() {
  local deadline=$((SECONDS + $1)) id state bad
  while :; do
    bad=''
    for id in $(compose ps -q); do
      state=$(docker inspect -f '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.State.ExitCode}}' "$id")
      case "$state" in
        *kafka-topics*" exited "*" 0"|*kafka-credentials*" exited "*" 0"|*platform-tls*" exited "*" 0") ;;   # one-shot jobs, done
        *" running healthy "*) ;;
        *) bad+="${state%% *} " ;;
      esac
    done
    [[ -z $bad ]] && return 0
    (( SECONDS < deadline )) || { error "not healthy after $1 s: $bad"; return 1; }
    sleep 2
  done
}

# The host path of a worker's proxy socket (the volume it shares with docker-proxy).
proxy_socket() {
  local id
  id=$(compose ps -q "$1" | head -n 1)
  [[ -n $id ]] || return 1
  echo "$(docker inspect -f '{{range .Mounts}}{{if eq .Destination "/var/run/runway-docker"}}{{.Source}}{{end}}{{end}}' "$id")/docker.sock"
}

# curl on a proxy socket: prints "<status> <body>".
proxy_call() {
  local sock=$1 method=$2 path=$3; shift 3
  local out
  out=$(curl -sS -m 60 --unix-socket "$sock" -X "$method" -w ' %{http_code}' "$@" "http://docker$path" 2>>"$LOG") || true
  echo "${out##* } ${out% *}"
}

# expect_refused <answer> <word>: a 403 whose message names <word>.
expect_refused() {
  [[ $1 == "403 "*'"message"'*"$2"* ]] || { error "the Docker socket proxy did not refuse ($2): $1"; return 1; }
}

# docs/security.md, "Docker socket proxy": only docker-proxy has the engine's socket; each worker's
# socket forwards that worker's calls and nothing else.
check_docker_proxy() {
  local svc id binds deploy build answer out ctx tag
  for svc in deploy-worker build-worker; do
    for id in $(compose ps -q "$svc"); do
      binds=$(docker inspect -f '{{range .Mounts}}{{if eq .Type "bind"}}{{.Source}} {{end}}{{end}}' "$id")
      [[ -z $binds ]] || { error "$svc mounts from the host: $binds"; return 1; }
    done
  done
  deploy=$(proxy_socket deploy-worker) || { error "no deploy-worker container"; return 1; }
  build=$(proxy_socket build-worker) || { error "no build-worker container"; return 1; }
  [[ -S $deploy && -S $build && $deploy != "$build" ]] || { error "the proxy sockets are missing: $deploy $build"; return 1; }
  answer=$(proxy_call "$deploy" GET /v1.41/version)
  [[ $answer == "200 "*ApiVersion* ]] || { error "the deploy-worker's socket does not forward GET /version: $answer"; return 1; }
  local limits='"CapDrop":["ALL"],"SecurityOpt":["no-new-privileges:true"],"PidsLimit":64'
  answer=$(proxy_call "$deploy" POST /v1.41/containers/create -H 'Content-Type: application/json'     -d "{\"Image\":\"runway/busybox:local\",\"HostConfig\":{$limits,\"Privileged\":true}}")
  expect_refused "$answer" Privileged || return 1
  answer=$(proxy_call "$deploy" POST /v1.41/containers/create -H 'Content-Type: application/json'     -d "{\"Image\":\"runway/busybox:local\",\"HostConfig\":{$limits,\"Binds\":[\"/var/run/docker.sock:/var/run/docker.sock\"]}}")
  expect_refused "$answer" Binds || return 1
  out=$(docker -H "unix://$deploy" run --rm --privileged runway/busybox:local true 2>&1) &&
    { error "docker run --privileged passed the deploy-worker's socket"; return 1; }
  [[ $out == *"socket proxy refuses"* ]] || { error "docker run --privileged failed otherwise: $out"; return 1; }
  answer=$(proxy_call "$build" GET /v1.41/containers/json)
  expect_refused "$answer" "GET /containers/json" || return 1
  # a build through the build-worker's socket: the context chunked, the progress streamed back
  ctx=$(mktemp -d) tag=runway-proxy-check:$RUNWAY_PLATFORM_ID
  printf 'FROM scratch
COPY hello.txt /
' > "$ctx/Dockerfile"
  echo hello > "$ctx/hello.txt"
  answer=$(tar -C "$ctx" -c . | proxy_call "$build" POST "/v1.41/build?networkmode=host&t=$tag"     -H 'Content-Type: application/x-tar' -H 'Transfer-Encoding: chunked' --data-binary @-)
  expect_refused "$answer" networkmode || { rm -rf "$ctx"; return 1; }
  answer=$(tar -C "$ctx" -c . | proxy_call "$build" POST "/v1.41/build?networkmode=none&rm=1&t=$tag"     -H 'Content-Type: application/x-tar' -H 'Transfer-Encoding: chunked' --data-binary @-)
  rm -rf "$ctx"
  [[ $answer == "200 "*"Successfully tagged $tag"* ]] || { error "a build through the build-worker's socket failed: $answer"; return 1; }
  answer=$(proxy_call "$build" DELETE "/v1.41/images/$tag")
  [[ $answer == "200 "* ]] || { error "removing $tag through the build-worker's socket failed: $answer"; return 1; }
  info "docker-proxy: the workers mount nothing of the host; privileged, socket-mounting and listing calls refused, a chunked build forwarded"
}

# Polls describe-service until the status is $2; prints the ServiceUrl.
wait_status() {
  local arn=$1 want=$2 deadline=$((SECONDS + ${3:-120})) status='' url=''
  while (( SECONDS < deadline )); do
    read -r status url < <(stack_aws describe-service --service-arn "$arn" \
        --query 'Service.[Status,ServiceUrl]' --output text 2>>"$LOG" || true)
    [[ $status == "$want" ]] && { echo "$url"; return 0; }
    case "$status" in CREATE_FAILED|DELETE_FAILED) break ;; esac
    sleep 1
  done
  error "$arn is ${status:-unknown}, not $want"
  stack_aws list-operations --service-arn "$arn" --output json >> "$LOG" 2>&1 || true
  return 1
}

create_service() {
  stack_aws create-service --service-name "$1" --query Service.ServiceArn --output text \
    --source-configuration "{\"ImageRepository\":{\"ImageIdentifier\":\"$COMPOSE_REGISTRY/hello-runway:latest\",\"ImageRepositoryType\":\"ECR\",\"ImageConfiguration\":{\"Port\":\"8080\"}},\"AutoDeploymentsEnabled\":false}" \
    2>>"$LOG"
}

psql_stack() {
  local password
  # the stack made its database password at first start, in the volume its containers share
  password=$(compose exec -T postgres cat /var/lib/runway-secrets/db-password)
  PGPASSWORD=$password "$(pg_bindir)/psql" -X -q -tA -h 127.0.0.1 -p "$COMPOSE_DB_PORT" -U runway -d runway \
    -v ON_ERROR_STOP=1 -c "$1"
}

# Every stream of these services: versions 1..n without a gap, and each fact at most once.
check_event_log() {
  local arns=("$@") list dupes gaps missing
  list=$(printf "'%s'," "${arns[@]}")
  list=${list%,}
  dupes=$(psql_stack "select stream_id || ' ' || type || ' x' || count(*) from events
      where stream_id in ($list) and type in ('ServiceCreated','RevisionActivated','OperationSucceeded','ServiceDeleted')
      group by stream_id, type having count(*) <> case when type = 'OperationSucceeded' then 2 else 1 end")
  [[ -z $dupes ]] || { error "event log: unexpected counts: $dupes"; return 1; }
  missing=$(psql_stack "select count(*) from (select stream_id from events where stream_id in ($list)
      and type in ('ServiceCreated','RevisionActivated','OperationSucceeded','ServiceDeleted')
      group by stream_id having count(distinct type) = 4) complete")
  [[ $missing == "${#arns[@]}" ]] || { error "event log: only $missing of ${#arns[@]} streams hold the whole lifecycle"; return 1; }
  gaps=$(psql_stack "select stream_id from events where stream_id in ($list)
      group by stream_id having max(version) <> count(*)")
  [[ -z $gaps ]] || { error "event log: gaps in $gaps"; return 1; }
}

main() {
  # shellcheck disable=SC2034 # read by step() in deploy/lib/common.sh
  STEP_TOTAL=4
  echo "${C_BOLD}docker-compose stack check${C_OFF} — project $PROJECT, log $LOG"
  : > "$LOG"
  write_env
  trap teardown EXIT
  step "Building the images (tag $IMAGE_TAG)"
  _break_line
  RUNWAY_VERSION=$IMAGE_TAG "$RUNWAY_ROOT/deploy/images/build.sh" 2>&1 | tee -a "$LOG" | sed 's/^/      /'
  (( PIPESTATUS[0] == 0 )) || die "building the images failed"
  step_done "built"

  step "Starting the stack (docker-compose up)"
  compose down -v --remove-orphans >> "$LOG" 2>&1 || true
  compose up -d >> "$LOG" 2>&1 || die "docker-compose up failed (see $LOG)"
  wait_healthy 600
  create_access_key || die "could not create an access key through the stack's service-registry"
  check_kafka_refuses || die "the stack's Kafka let a client write runway.events that must not (see $LOG)"
  check_docker_proxy || die "the Docker socket proxy let through what it must not, or not what it must (see $LOG)"
  step_done "all healthy; Kafka refuses runway.events without credentials and to the api-gateway; the workers' engine calls go through docker-proxy; access key $STACK_KEY_ID"

  step "Quickstart: create-service → RUNNING → curl → delete-service"
  _break_line
  DOCKER_BUILDKIT=0 docker build -q -t "$COMPOSE_REGISTRY/hello-runway:latest" "$RUNWAY_ROOT/examples/hello" \
    >> "$LOG" 2>&1 || die "building the example failed (see $LOG)"
  # the registry asks for a login (docs/security.md, "Image registry"): an empty client config
  # is refused, the stack's access key logs in; neither touches the user's ~/.docker
  local docker_config
  docker_config=$(mktemp -d /tmp/runway-smoke-docker.XXXXXX)
  if DOCKER_CONFIG=$docker_config docker push "$COMPOSE_REGISTRY/hello-runway:latest" >> "$LOG" 2>&1; then
    rm -rf "$docker_config"; die "the stack's registry took a push without login"
  fi
  { DOCKER_CONFIG=$docker_config docker login "$COMPOSE_REGISTRY" -u "$STACK_KEY_ID" --password-stdin <<<"$STACK_SECRET" &&
      DOCKER_CONFIG=$docker_config docker push "$COMPOSE_REGISTRY/hello-runway:latest"; } >> "$LOG" 2>&1 ||
    { rm -rf "$docker_config"; die "pushing the example to $COMPOSE_REGISTRY after docker login failed (see $LOG)"; }
  rm -rf "$docker_config"
  local arn url body
  arn=$(create_service "quickstart") || die "create-service failed (see $LOG)"
  url=$(wait_status "$arn" RUNNING)
  # The router follows the event stream on its own: it may learn of the instance a moment after
  # DescribeService says RUNNING (its 503 in between says "no ready instances yet"), so a few tries.
  body=$(curl -sf -m 5 --retry 10 --retry-delay 1 --retry-all-errors "http://$url/") ||
    die "http://$url/ did not answer"
  [[ $body == *"Hello from Runway"* ]] || die "http://$url/ did not answer with the example page"
  info "http://$url/ answers"
  # over HTTPS too, with the root the stack's platform-tls made (the router's issuing CA signs the host)
  local host=${url%%:*} ca=$RUNWAY_HOME/compose-ca.crt
  compose exec -T router cat /var/lib/runway-router-tls/ca.crt > "$ca" 2>> "$LOG" || die "the stack's router has no platform CA root"
  body=$(curl -sfS -m 10 --cacert "$ca" --resolve "$host:$COMPOSE_TLS_PORT:127.0.0.1" \
    "https://$host:$COMPOSE_TLS_PORT/" 2>&1) || die "https://$host:$COMPOSE_TLS_PORT/ did not answer: $body"
  [[ $body == *"Hello from Runway"* ]] || die "https://$host:$COMPOSE_TLS_PORT/ did not answer with the example page"
  info "https://$host:$COMPOSE_TLS_PORT/ answers with the stack's platform CA"
  stack_aws delete-service --service-arn "$arn" >> "$LOG" 2>&1 || die "delete-service failed"
  wait_status "$arn" DELETED 60 >/dev/null
  [[ $(http_code "http://$url/") == 404 ]] || die "http://$url/ still answers after the delete"
  step_done "quickstart works"

  step "Two deploy-workers; losing a Kafka node during operations"
  _break_line
  compose up -d --no-recreate --scale deploy-worker=2 deploy-worker >> "$LOG" 2>&1 || die "scaling the deploy-worker failed"
  wait_healthy 180
  info "deploy-worker scaled to 2 replicas (docker-compose --scale): $(compose ps -q deploy-worker | wc -l) healthy"
  local arns=() i kafka2
  for i in 1 2 3 4; do
    arns+=("$(create_service "broker-loss-$i")") || die "create-service failed"
  done
  kafka2=$(compose ps -q kafka-2)
  docker kill "$kafka2" >/dev/null
  info "created ${#arns[@]} services, killed kafka-2 (SIGKILL) while they deploy"
  for arn in "${arns[@]}"; do wait_status "$arn" RUNNING 180 >/dev/null; done
  info "all ${#arns[@]} RUNNING with two of three Kafka nodes"
  for arn in "${arns[@]}"; do stack_aws delete-service --service-arn "$arn" >> "$LOG" 2>&1 || die "delete-service failed"; done
  for arn in "${arns[@]}"; do wait_status "$arn" DELETED 120 >/dev/null; done
  check_event_log "${arns[@]}"
  info "deleted again; the event log holds each fact once, without gaps"
  compose start kafka-2 >> "$LOG" 2>&1
  wait_healthy 120
  step_done "nothing lost"

  echo "${C_GREEN}docker-compose stack: all checks passed${C_OFF}"
}

main
