# shellcheck shell=bash disable=SC2034
# (SC2034: every variable set here is read by the scripts that source this file.)
# Every value a Runway profile needs, in one place (docs/configuration.md is the reference).
#
#   profile_load dev|test   exports the RUNWAY_* variables of that profile
#   profile_write_env       writes them as `export` lines to $RUNWAY_HOME/env

# The Runway services, in the order they start (service-registry first: others read from it).
RUNWAY_SERVICES=(service-registry api-gateway deploy-worker build-worker autoscaler router)

# Kafka topics of the platform (ARCHITECTURE.md §2).
RUNWAY_TOPICS=(runway.commands runway.events runway.build.commands runway.deploy.commands
               runway.reports runway.metrics runway.logs runway.replies
               runway.public-events runway.dead-letters runway.audit runway.deadletters)

# Parent of every profile's state directory.
RUNWAY_STATE_ROOT=/var/lib/runway

# Names of the exported variables, in the order they are written to the env file.
RUNWAY_ENV_VARS=(
  RUNWAY_PROFILE RUNWAY_HOME RUNWAY_PLATFORM_ID
  RUNWAY_BIND_HOST
  RUNWAY_ROUTER_PORT RUNWAY_API_GATEWAY_PORT RUNWAY_SERVICE_REGISTRY_PORT
  RUNWAY_DEPLOY_WORKER_PORT RUNWAY_BUILD_WORKER_PORT RUNWAY_AUTOSCALER_PORT
  RUNWAY_ROUTER_ADMIN_PORT RUNWAY_ROUTER_TLS_PORT
  RUNWAY_ROUTER_TLS_CERT RUNWAY_ROUTER_TLS_KEY RUNWAY_ROUTER_TLS_ISSUER_CERT RUNWAY_ROUTER_TLS_ISSUER_KEY
  RUNWAY_TLS_CA
  RUNWAY_ROUTER_HTTPS_REDIRECT RUNWAY_ROUTER_HSTS_MAX_AGE
  RUNWAY_KAFKA_PORT RUNWAY_KAFKA_CONTROLLER_PORT RUNWAY_KAFKA_BOOTSTRAP_SERVERS
  RUNWAY_TOPIC_PARTITIONS
  RUNWAY_DB_PORT RUNWAY_DB_URL RUNWAY_DB_USER RUNWAY_DB_PASSWORD RUNWAY_DB_PASSWORD_FILE
  RUNWAY_IMAGE_REGISTRY RUNWAY_IMAGE_REGISTRY_PORT
  RUNWAY_SERVICE_REGISTRY_URL
  RUNWAY_INSTANCE_PORTS RUNWAY_INSTANCE_NETWORK RUNWAY_INSTANCE_FORWARDERS
  RUNWAY_PARTITION RUNWAY_REGION RUNWAY_ACCOUNT_ID RUNWAY_DOMAIN
  RUNWAY_DOCKER_HOST RUNWAY_VERDICT_TIMEOUT
  RUNWAY_AUTH RUNWAY_REGISTRY_NOTIFY_TOKEN
  RUNWAY_EVENTS_SIGNING_SECRET RUNWAY_EVENTS_STREAM_TOKEN RUNWAY_EVENT_TARGET_ALLOW
  RUNWAY_GIT_FILE_ROOT RUNWAY_GIT_HOST_ALLOW
  RUNWAY_AUTOSCALER_STABLE_WINDOW RUNWAY_AUTOSCALER_SCALE_DOWN_DELAY RUNWAY_AUTOSCALER_ROLLOUT_LATENCY_SLACK
  RUNWAY_ACME_DIRECTORY RUNWAY_ACME_EMAIL RUNWAY_ACME_CA_CERT RUNWAY_ACME_EAB_KID RUNWAY_ACME_EAB_HMAC_KEY
  RUNWAY_ACME_RETRY_DELAY RUNWAY_ACME_ATTEMPTS RUNWAY_ACME_DNS_HOOK RUNWAY_ACME_PLATFORM_WILDCARD RUNWAY_TEST_ACME_PORT
)

# The admin access key: written to the env file for scripts and tests, but not exported to the
# platform's own processes (none of them needs it).
RUNWAY_KEY_VARS=(RUNWAY_ACCESS_KEY_ID RUNWAY_SECRET_ACCESS_KEY)

profile_load() {
  local profile=$1
  case "$profile" in
    dev)
      RUNWAY_HOME=$RUNWAY_STATE_ROOT/dev
      RUNWAY_ROUTER_PORT=8080
      RUNWAY_API_GATEWAY_PORT=9000
      RUNWAY_SERVICE_REGISTRY_PORT=9001
      RUNWAY_DEPLOY_WORKER_PORT=9002
      RUNWAY_BUILD_WORKER_PORT=9003
      RUNWAY_AUTOSCALER_PORT=9004
      RUNWAY_ROUTER_ADMIN_PORT=9005
      RUNWAY_ROUTER_TLS_PORT=${RUNWAY_ROUTER_TLS_PORT:-8443}
      RUNWAY_KAFKA_PORT=19092
      RUNWAY_KAFKA_CONTROLLER_PORT=19093
      RUNWAY_DB_PORT=15432
      RUNWAY_IMAGE_REGISTRY_PORT=5000
      RUNWAY_INSTANCE_PORTS=20000-29999
      # Knative's KPA defaults, as App Runner-like as it gets
      RUNWAY_AUTOSCALER_STABLE_WINDOW=60s
      RUNWAY_AUTOSCALER_SCALE_DOWN_DELAY=60s
      # gradual rollouts: the new revision's p99 may exceed the old one's × 1.5 by this much
      RUNWAY_AUTOSCALER_ROLLOUT_LATENCY_SLACK=100ms
      ;;
    test)
      RUNWAY_HOME=$RUNWAY_STATE_ROOT/test
      RUNWAY_ROUTER_PORT=18080
      RUNWAY_API_GATEWAY_PORT=19000
      RUNWAY_SERVICE_REGISTRY_PORT=19001
      RUNWAY_DEPLOY_WORKER_PORT=19002
      RUNWAY_BUILD_WORKER_PORT=19003
      RUNWAY_AUTOSCALER_PORT=19004
      RUNWAY_ROUTER_ADMIN_PORT=19005
      RUNWAY_ROUTER_TLS_PORT=18443
      RUNWAY_KAFKA_PORT=29092
      RUNWAY_KAFKA_CONTROLLER_PORT=29093
      RUNWAY_DB_PORT=25432
      RUNWAY_IMAGE_REGISTRY_PORT=15000
      RUNWAY_INSTANCE_PORTS=30000-39999
      # short enough that the e2e load step sees a scale-down within its time budget
      RUNWAY_AUTOSCALER_STABLE_WINDOW=10s
      RUNWAY_AUTOSCALER_SCALE_DOWN_DELAY=10s
      # a test machine runs everything at once: one slow fork of a test app's CGI would be a p99
      # "regression" of a healthy revision; the e2e rollbacks are judged on 5xx, the latency rule
      # is unit-tested (RolloutDeciderTest)
      RUNWAY_AUTOSCALER_ROLLOUT_LATENCY_SLACK=1s
      # the e2e tests' webhook receivers listen on loopback (the platform's own ports stay refused)
      RUNWAY_EVENT_TARGET_ALLOW=${RUNWAY_EVENT_TARGET_ALLOW:-127.0.0.1}
      # custom domains: e2e CustomDomainTest runs Debian's pebble (an ACME CA) here on loopback (its
      # management port +1, its test DNS +2 and that DNS' management +3)
      RUNWAY_TEST_ACME_PORT=17600
      test_slot_shift
      ;;
    *)
      echo "runway: unknown profile '$profile' (use dev or test)" >&2
      return 1
      ;;
  esac
  RUNWAY_PROFILE=$profile
  RUNWAY_PLATFORM_ID=$profile${RUNWAY_TEST_SLOT_SUFFIX:-}

  # Common to both profiles; an already exported value wins.
  RUNWAY_BIND_HOST=${RUNWAY_BIND_HOST:-127.0.0.1}
  RUNWAY_PARTITION=${RUNWAY_PARTITION:-aws}
  RUNWAY_REGION=${RUNWAY_REGION:-us-east-1}
  RUNWAY_ACCOUNT_ID=${RUNWAY_ACCOUNT_ID:-000000000000}
  RUNWAY_DOMAIN=${RUNWAY_DOMAIN:-localhost}
  # HTTPS (deploy/lib/tls.sh): the platform CA's root, the router's certificate for
  # *.$RUNWAY_DOMAIN and the issuing CA it makes per-host certificates with, made once per profile. The redirect is off by default: the quickstart, the
  # bench scripts and the e2e suite reach services over http:// (docs/configuration.md).
  RUNWAY_TLS_CA=$RUNWAY_HOME/tls/ca.crt
  RUNWAY_ROUTER_TLS_CERT=$RUNWAY_HOME/tls/platform.crt
  RUNWAY_ROUTER_TLS_KEY=$RUNWAY_HOME/tls/platform.key
  RUNWAY_ROUTER_TLS_ISSUER_CERT=$RUNWAY_HOME/tls/issuer.crt
  RUNWAY_ROUTER_TLS_ISSUER_KEY=$RUNWAY_HOME/tls/issuer.key
  RUNWAY_ROUTER_HTTPS_REDIRECT=${RUNWAY_ROUTER_HTTPS_REDIRECT:-off}
  RUNWAY_ROUTER_HSTS_MAX_AGE=${RUNWAY_ROUTER_HSTS_MAX_AGE:-0}
  RUNWAY_DOCKER_HOST=${RUNWAY_DOCKER_HOST:-unix:///var/run/docker.sock}
  # namespace: each instance in a network namespace of its own, reached through a pasta forwarder
  # on its host-loopback port; host: on the host network, no isolation (machines without pasta)
  RUNWAY_INSTANCE_NETWORK=${RUNWAY_INSTANCE_NETWORK:-namespace}
  # the forwarders' pid files, a directory per platform id below it (docker_remove_containers stops them)
  RUNWAY_INSTANCE_FORWARDERS=${RUNWAY_INSTANCE_FORWARDERS:-/run/runway/forwarders}
  RUNWAY_VERDICT_TIMEOUT=${RUNWAY_VERDICT_TIMEOUT:-10s}
  RUNWAY_TOPIC_PARTITIONS=${RUNWAY_TOPIC_PARTITIONS:-6}
  # SigV4 on every API request; RUNWAY_AUTH=off accepts unsigned requests (local experiments only).
  RUNWAY_AUTH=${RUNWAY_AUTH:-on}
  # webhook targets on loopback, link-local or private addresses that may be delivered to (none)
  RUNWAY_EVENT_TARGET_ALLOW=${RUNWAY_EVENT_TARGET_ALLOW:-}
  # file:// repositories are cloned only from under this directory (the README's and the tests'
  # repositories live in /tmp); internal git hosts only when allowed
  RUNWAY_GIT_FILE_ROOT=${RUNWAY_GIT_FILE_ROOT:-/tmp}
  RUNWAY_GIT_HOST_ALLOW=${RUNWAY_GIT_HOST_ALLOW:-}
  # Custom domains' certificates from an ACME CA (docs/custom-domains.md): none without a directory.
  # The test profile points at the pebble CustomDomainTest starts, trusting the certificate it makes.
  RUNWAY_TEST_ACME_PORT=${RUNWAY_TEST_ACME_PORT:-}
  if [[ $profile == test ]]; then
    RUNWAY_ACME_DIRECTORY=https://127.0.0.1:$RUNWAY_TEST_ACME_PORT/dir
    RUNWAY_ACME_CA_CERT=$RUNWAY_HOME/acme/pebble.crt
    RUNWAY_ACME_RETRY_DELAY=1s
    RUNWAY_ACME_ATTEMPTS=3
    # wildcards over DNS-01: the TXT records go to pebble's test DNS
    RUNWAY_ACME_DNS_HOOK=$RUNWAY_ROOT/deploy/acme/challtestsrv-dns-hook.sh
  fi
  RUNWAY_ACME_DIRECTORY=${RUNWAY_ACME_DIRECTORY:-}
  RUNWAY_ACME_EMAIL=${RUNWAY_ACME_EMAIL:-}
  RUNWAY_ACME_CA_CERT=${RUNWAY_ACME_CA_CERT:-}
  RUNWAY_ACME_EAB_KID=${RUNWAY_ACME_EAB_KID:-}
  RUNWAY_ACME_EAB_HMAC_KEY=${RUNWAY_ACME_EAB_HMAC_KEY:-}
  RUNWAY_ACME_DNS_HOOK=${RUNWAY_ACME_DNS_HOOK:-}
  # production: the service URLs' *.$RUNWAY_DOMAIN certificate from the ACME CA too (DNS-01 via the hook)
  RUNWAY_ACME_PLATFORM_WILDCARD=${RUNWAY_ACME_PLATFORM_WILDCARD:-false}
  RUNWAY_ACME_RETRY_DELAY=${RUNWAY_ACME_RETRY_DELAY:-2s}
  RUNWAY_ACME_ATTEMPTS=${RUNWAY_ACME_ATTEMPTS:-5}
  RUNWAY_DB_USER=runway
  # random per profile, made once (<state dir>/db-password, mode 0600; ensure_profile_secrets)
  RUNWAY_DB_PASSWORD=''
  [[ -r $RUNWAY_HOME/db-password ]] && RUNWAY_DB_PASSWORD=$(<"$RUNWAY_HOME/db-password")
  # the registry reads the file for each new connection, so a rotated password needs no restart
  RUNWAY_DB_PASSWORD_FILE=$RUNWAY_HOME/db-password

  # Derived values.
  RUNWAY_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$RUNWAY_KAFKA_PORT
  RUNWAY_DB_URL=jdbc:postgresql://127.0.0.1:$RUNWAY_DB_PORT/runway
  RUNWAY_IMAGE_REGISTRY=127.0.0.1:$RUNWAY_IMAGE_REGISTRY_PORT
  RUNWAY_SERVICE_REGISTRY_URL=http://127.0.0.1:$RUNWAY_SERVICE_REGISTRY_PORT

  RUNWAY_REGISTRY_NOTIFY_TOKEN=''
  [[ -r $RUNWAY_HOME/registry-notify-token ]] && RUNWAY_REGISTRY_NOTIFY_TOKEN=$(<"$RUNWAY_HOME/registry-notify-token")
  RUNWAY_EVENTS_SIGNING_SECRET='' RUNWAY_EVENTS_STREAM_TOKEN=''
  [[ -r $RUNWAY_HOME/events-signing-secret ]] && RUNWAY_EVENTS_SIGNING_SECRET=$(<"$RUNWAY_HOME/events-signing-secret")
  [[ -r $RUNWAY_HOME/events-stream-token ]] && RUNWAY_EVENTS_STREAM_TOKEN=$(<"$RUNWAY_HOME/events-stream-token")
  credentials_load

  export "${RUNWAY_ENV_VARS[@]}"
}

# RUNWAY_TEST_SLOT=1..9 moves the test profile aside, so several checkouts can run their tests
# on one machine at once: every port +100 per slot, instance ports 40000+2000*slot.., and its
# own state directory and container label (test-<slot>). Slot 0 (unset) is the plain test profile.
test_slot_shift() {
  local slot=${RUNWAY_TEST_SLOT:-0} var
  RUNWAY_TEST_SLOT_SUFFIX=
  [[ $slot == 0 ]] && return 0
  [[ $slot =~ ^[1-9]$ ]] || { echo "runway: RUNWAY_TEST_SLOT must be 0-9, not '$slot'" >&2; return 1; }
  for var in RUNWAY_ROUTER_PORT RUNWAY_API_GATEWAY_PORT RUNWAY_SERVICE_REGISTRY_PORT \
             RUNWAY_DEPLOY_WORKER_PORT RUNWAY_BUILD_WORKER_PORT RUNWAY_AUTOSCALER_PORT \
             RUNWAY_ROUTER_ADMIN_PORT RUNWAY_ROUTER_TLS_PORT RUNWAY_KAFKA_PORT RUNWAY_KAFKA_CONTROLLER_PORT \
             RUNWAY_DB_PORT RUNWAY_IMAGE_REGISTRY_PORT RUNWAY_TEST_ACME_PORT; do
    printf -v "$var" '%d' $(( ${!var} + 100 * slot ))
  done
  RUNWAY_INSTANCE_PORTS=$((40000 + 2000 * slot))-$((41999 + 2000 * slot))
  RUNWAY_HOME=$RUNWAY_HOME-$slot
  RUNWAY_TEST_SLOT_SUFFIX=-$slot
}

# The variables naming a Runway service's ports; the first is its HTTP port (/q/health/ready).
service_port_vars() {
  case "$1" in
    service-registry) echo RUNWAY_SERVICE_REGISTRY_PORT ;;
    api-gateway)      echo RUNWAY_API_GATEWAY_PORT ;;
    deploy-worker)    echo RUNWAY_DEPLOY_WORKER_PORT ;;
    build-worker)     echo RUNWAY_BUILD_WORKER_PORT ;;
    autoscaler)       echo RUNWAY_AUTOSCALER_PORT ;;
    router)           echo "RUNWAY_ROUTER_ADMIN_PORT RUNWAY_ROUTER_PORT RUNWAY_ROUTER_TLS_PORT" ;;
    *) return 1 ;;
  esac
}

# Instances of one service run side by side on the host's loopback: instance n (1..MAX) uses every
# port of the service plus 10*(n-1), so deploy-worker-2 of the dev profile answers on 9012. The
# docker-compose images pick their replica ports the same way (deploy/images/service/entrypoint.sh).
RUNWAY_MAX_INSTANCES=5

# The HTTP port of one Runway service instance (default 1): where /q/health/ready answers.
service_port() {
  local vars
  vars=$(service_port_vars "$1") || return 1
  vars=${vars%% *}
  echo $(( ${!vars} + 10 * (${2:-1} - 1) ))
}

is_service() {
  local s
  for s in "${RUNWAY_SERVICES[@]}"; do [[ $s == "$1" ]] && return 0; done
  return 1
}

# Writes the profile as `export` lines, for tests and scripts: `source /var/lib/runway/dev/env`.
# It holds the admin access key, so only its owner may read it.
profile_write_env() {
  local file=$RUNWAY_HOME/env var
  (
    umask 077
    {
      echo "# Runway profile '$RUNWAY_PROFILE', written by ./runway. Use: source $file"
      for var in "${RUNWAY_ENV_VARS[@]}" "${RUNWAY_KEY_VARS[@]}"; do
        printf 'export %s=%q\n' "$var" "${!var:-}"
      done
    } > "$file.tmp"
  )
  mv "$file.tmp" "$file"
}
