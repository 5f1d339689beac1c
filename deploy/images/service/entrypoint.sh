#!/bin/bash
# runway-service [ready]: runs one Runway service; `ready` is the health check (its
# /q/health/ready answers 200).
#
# On the host network every replica of a service needs its own ports: replica k (0, 1, ...) takes
# each port named in RUNWAY_PORT_VARS plus 10*k, the first k whose ports are all free (at most
# RUNWAY_MAX_REPLICAS). `docker compose up --scale <service>=3` therefore needs no port settings;
# two replicas racing for one port lose nothing: the loser exits and its restart takes the next.
set -euo pipefail
port_file=/tmp/runway-http-port
if [[ ${1:-} == ready ]]; then
  [[ -s $port_file ]] && exec runway-http-ready "$(<"$port_file")" /q/health/ready
  exit 1
fi

read -r -a vars <<<"$RUNWAY_PORT_VARS"
chosen=''
for (( k = 0; k < RUNWAY_MAX_REPLICAS; k++ )); do
  ports=()
  for var in "${vars[@]}"; do ports+=($(( ${!var} + 10 * k ))); done
  if runway-port-free "${ports[@]}"; then chosen=$k; break; fi
done
[[ -n $chosen ]] || { echo "runway-service: $RUNWAY_SERVICE: no free ports for a replica (at most $RUNWAY_MAX_REPLICAS)" >&2; exit 1; }
for var in "${vars[@]}"; do
  export "$var=$(( ${!var} + 10 * chosen ))"
done
echo "${!vars[0]}" > "$port_file"
if [[ $RUNWAY_SERVICE == api-gateway ]]; then
  # the image registry's push notifications carry this token, and webhook deliveries are signed
  # with this key: each made once per installation, in a volume every replica shares
  RUNWAY_REGISTRY_NOTIFY_TOKEN=$(runway-shared-secret registry-notify-token RUNWAY_REGISTRY_NOTIFY_TOKEN)
  RUNWAY_EVENTS_SIGNING_SECRET=$(runway-shared-secret events-signing-secret RUNWAY_EVENTS_SIGNING_SECRET)
  export RUNWAY_REGISTRY_NOTIFY_TOKEN RUNWAY_EVENTS_SIGNING_SECRET
fi
if [[ $RUNWAY_SERVICE == service-registry ]]; then
  # the event store's password: the stack's shared secret, as the postgres container set it
  RUNWAY_DB_PASSWORD=$(runway-shared-secret db-password RUNWAY_DB_PASSWORD)
  export RUNWAY_DB_PASSWORD
fi
# The credential for the service-registry's /internal API (docs/security.md, "Internal HTTP"):
# each component's in a volume of its own at /var/lib/runway-internal/<component>, made by the
# first container that needs it (the service-registry, which mounts them all, makes every one at
# its first start). Racing first starts agree: the file appears atomically.
# secret_once FILE: 32 random bytes in hex (mode 0600), made once; racing first starts agree, as the
# file appears atomically (a hard link of a finished file) and the loser's link fails.
secret_once() {
  local file=$1 tmp
  if [[ ! -s $file ]]; then
    tmp=$(mktemp "$(dirname "$file")/.secret.XXXXXX")
    head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$tmp"
    chmod 600 "$tmp"
    ln "$tmp" "$file" 2>/dev/null || true
    rm -f "$tmp"
  fi
}
internal_token() {
  mkdir -p "/var/lib/runway-internal/$1"
  secret_once "/var/lib/runway-internal/$1/token"
}
if [[ $RUNWAY_SERVICE == service-registry ]]; then
  for component in service-registry api-gateway deploy-worker build-worker autoscaler router operator; do
    internal_token "$component"
  done
  export RUNWAY_INTERNAL_TOKENS_DIR=/var/lib/runway-internal
fi
internal_token "$RUNWAY_SERVICE"
export RUNWAY_INTERNAL_TOKEN_FILE=/var/lib/runway-internal/$RUNWAY_SERVICE/token
# The image registry's token service (docs/security.md, "Image registry"): the gateway signs with
# the key the registry container made (registry-token volume, read-only here) and knows the workers'
# registry passwords, which it makes at first start in their volumes (registry-<worker>); each
# worker mounts its own read-only and logs in with it.
registry_users=/var/lib/runway-registry-users
if [[ $RUNWAY_SERVICE == api-gateway ]]; then
  for component in deploy-worker build-worker; do
    dir=$registry_users/$component
    [[ -d $dir ]] || continue
    secret_once "$dir/password"
  done
  [[ -s /var/lib/runway-registry-token/token.key ]] &&
    export RUNWAY_REGISTRY_TOKEN_KEY=/var/lib/runway-registry-token/token.key RUNWAY_REGISTRY_CREDENTIALS_DIR=$registry_users
fi
# (read at each pull or push: a worker started before the gateway made it finds it there later)
if [[ -z ${RUNWAY_REGISTRY_USERNAME:-} && -d $registry_users/$RUNWAY_SERVICE && $RUNWAY_SERVICE != api-gateway ]]; then
  export RUNWAY_REGISTRY_USERNAME=$RUNWAY_SERVICE RUNWAY_REGISTRY_PASSWORD_FILE=$registry_users/$RUNWAY_SERVICE/password
fi
# Its Kafka principal (docs/security.md, "Kafka"): the password runway-kafka-credentials made in the
# service's own volume, mounted read-only here alone; the broker refuses clients without one.
kafka_password=/var/lib/runway-kafka-users/$RUNWAY_SERVICE/password
if [[ -z ${RUNWAY_KAFKA_USERNAME:-} && -s $kafka_password ]]; then
  export RUNWAY_KAFKA_USERNAME=$RUNWAY_SERVICE RUNWAY_KAFKA_PASSWORD_FILE=$kafka_password
fi
echo "runway-service: $RUNWAY_SERVICE replica $((chosen + 1)) on port(s) $(for v in "${vars[@]}"; do printf '%s ' "${!v}"; done)"
# shellcheck disable=SC2086
exec java $JAVA_OPTS -jar /opt/runway/app/quarkus-run.jar
