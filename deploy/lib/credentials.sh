# shellcheck shell=bash
# Access keys of the App Runner API. The service-registry keeps them (secrets encrypted); `up`
# creates an admin key once per profile and keeps it in <state dir>/credentials (an AWS shared
# credentials file, mode 0600); `./runway credentials` lists, creates and deletes keys.

credentials_file() { echo "$RUNWAY_HOME/credentials"; }
notify_token_file() { echo "$RUNWAY_HOME/registry-notify-token"; }

# Sets RUNWAY_ACCESS_KEY_ID / RUNWAY_SECRET_ACCESS_KEY from the credentials file ("" when none yet).
credentials_load() {
  local file
  file=$(credentials_file)
  RUNWAY_ACCESS_KEY_ID='' RUNWAY_SECRET_ACCESS_KEY=''
  [[ -r $file ]] || return 0
  RUNWAY_ACCESS_KEY_ID=$(sed -n 's/^aws_access_key_id *= *//p' "$file" | head -n 1)
  RUNWAY_SECRET_ACCESS_KEY=$(sed -n 's/^aws_secret_access_key *= *//p' "$file" | head -n 1)
}

# The shared token the image registry sends with its push notifications (made once per profile).
ensure_notify_token() {
  local file
  file=$(notify_token_file)
  if [[ ! -s $file ]]; then
    (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$file")
  fi
  RUNWAY_REGISTRY_NOTIFY_TOKEN=$(<"$file")
  export RUNWAY_REGISTRY_NOTIFY_TOKEN
}

# The profile's random secrets, each made once in the state directory (mode 0600): the HMAC key
# webhook deliveries are signed with, the token GET /events/stream accepts besides SigV4, the token
# of the image registry's push notifications, and the password of the runway database role
# (PostgreSQL takes no connection without one). The api-gateway reads its three from the files
# (RUNWAY_*_FILE), again when they change: ./runway credentials rotate replaces them.
ensure_profile_secrets() {
  local name var
  for name in events-signing-secret:RUNWAY_EVENTS_SIGNING_SECRET events-stream-token:RUNWAY_EVENTS_STREAM_TOKEN \
      registry-notify-token:RUNWAY_REGISTRY_NOTIFY_TOKEN db-password:RUNWAY_DB_PASSWORD; do
    var=${name#*:}
    if [[ ! -s $RUNWAY_HOME/${name%%:*} ]]; then
      (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$RUNWAY_HOME/${name%%:*}")
    fi
    printf -v "$var" '%s' "$(<"$RUNWAY_HOME/${name%%:*}")"
    export "${var?}"
  done
}

# Who calls the service-registry's /internal/* API, each with a bearer token of its own
# (docs/security.md, "Internal HTTP"): the six services and `operator` (this launcher, an operator,
# the e2e tests). Made once per profile in <state dir>/internal-tokens/<component> (mode 0600);
# start_service hands each service the path of its own file only, and the registry the directory.
RUNWAY_INTERNAL_COMPONENTS=(service-registry api-gateway deploy-worker build-worker autoscaler router operator)

internal_tokens_dir() { echo "$RUNWAY_HOME/internal-tokens"; }

ensure_internal_tokens() {
  ensure_secret_files "$(internal_tokens_dir)" "${RUNWAY_INTERNAL_COMPONENTS[@]}"
}

# registry_curl <curl args...>: curl with the operator's credential; the token goes through a
# file descriptor, never the command line (ps shows that to every user).
registry_curl() {
  local file
  file=$(internal_tokens_dir)/operator
  [[ -r $file ]] || die "no operator credential at $file (./runway up makes it)"
  curl -H @<(printf 'Authorization: Bearer %s\n' "$(<"$file")") "$@"
}

# registry_keys <curl args...>: calls the registry's access key API (loopback, internal port).
registry_keys() {
  local path=$1; shift
  registry_curl -sS -m 10 "$@" "$RUNWAY_SERVICE_REGISTRY_URL/internal/access-keys$path"
}

# Prints "<id> <secret>" of a new key for user $1, or dies with the registry's reason.
credentials_create_pair() {
  local user=$1 out
  out=$(registry_keys "" -X POST -H 'Content-Type: application/json' \
        -d "{\"userName\":\"$user\"}" -w '\n%{http_code}') ||
    die "the service-registry at $RUNWAY_SERVICE_REGISTRY_URL does not answer (is Runway up? ./runway status)"
  local code=${out##*$'\n'} body=${out%$'\n'*}
  [[ $code == 201 ]] || die "the registry refused to create a key: $(json_field message <<<"$body") (HTTP $code)"
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["accessKeyId"], d["secretAccessKey"])' <<<"$body"
}

# json_field NAME: one top-level member of the JSON object on stdin ("" when absent).
json_field() {
  python3 -c 'import json,sys
try: print(json.load(sys.stdin).get(sys.argv[1], ""))
except Exception: print("")' "$1"
}

credentials_write_file() {
  local file
  file=$(credentials_file)
  (umask 077 && cat > "$file.tmp" <<INI
# Runway profile '$RUNWAY_PROFILE': the admin access key ./runway up created. Use it with
#   AWS_SHARED_CREDENTIALS_FILE=$file aws apprunner ... --endpoint-url http://127.0.0.1:$RUNWAY_API_GATEWAY_PORT
[default]
aws_access_key_id = $RUNWAY_ACCESS_KEY_ID
aws_secret_access_key = $RUNWAY_SECRET_ACCESS_KEY
region = $RUNWAY_REGION
INI
  )
  mv "$file.tmp" "$file"
}

# Makes sure the profile has a working admin key: the one in the credentials file when the
# registry still knows it, else a new one (first start, or data reset).
ensure_admin_key() {
  credentials_load
  if [[ -n $RUNWAY_ACCESS_KEY_ID ]]; then
    local code
    code=$(registry_curl -s -o /dev/null -m 5 -w '%{http_code}' \
        "$RUNWAY_SERVICE_REGISTRY_URL/internal/access-keys/$RUNWAY_ACCESS_KEY_ID" || true)
    if [[ $code == 200 ]]; then
      profile_write_env
      step_skip "$RUNWAY_ACCESS_KEY_ID (in $(credentials_file))"
      return 0
    fi
    [[ $code == 404 ]] || die "the service-registry did not answer about the admin key (HTTP $code)"
    info "the registry does not know the admin key $RUNWAY_ACCESS_KEY_ID (its data was reset): creating a new one"
  fi
  local pair
  pair=$(credentials_create_pair admin) || exit 1
  read -r RUNWAY_ACCESS_KEY_ID RUNWAY_SECRET_ACCESS_KEY <<<"$pair"
  credentials_write_file
  profile_write_env
  step_done "created $RUNWAY_ACCESS_KEY_ID"
}

credentials_list() {
  local out
  out=$(registry_keys "" -f) || die "the service-registry at $RUNWAY_SERVICE_REGISTRY_URL does not answer (is Runway up? ./runway status)"
  credentials_load
  python3 -c 'import json,sys
keys = json.load(sys.stdin)
admin = sys.argv[1]
print("%-22s %-20s %-26s" % ("ACCESS KEY ID", "USER", "CREATED"))
for k in keys:
    note = "  (admin key of ./runway up)" if k["accessKeyId"] == admin else ""
    print("%-22s %-20s %-26s%s" % (k["accessKeyId"], k["userName"], k["createdAt"], note))
if not keys:
    print("(no access keys)")' "${RUNWAY_ACCESS_KEY_ID:-}" <<<"$out"
}

credentials_create() {
  local user=$1 pair id secret
  pair=$(credentials_create_pair "$user") || exit 1
  read -r id secret <<<"$pair"
  cat <<TXT
Created access key $id for user $user. Its secret is shown only now:
export AWS_ACCESS_KEY_ID=$id
export AWS_SECRET_ACCESS_KEY=$secret
export AWS_DEFAULT_REGION=$RUNWAY_REGION
Then: aws apprunner list-services --endpoint-url http://127.0.0.1:$RUNWAY_API_GATEWAY_PORT
TXT
}

credentials_delete() {
  local id=$1 out code
  [[ $id =~ ^[A-Za-z0-9]{1,128}$ ]] || die "'$id' is not an access key id (see ./runway credentials list)"
  out=$(registry_keys "/$id" -X DELETE -w '\n%{http_code}') ||
    die "the service-registry at $RUNWAY_SERVICE_REGISTRY_URL does not answer (is Runway up? ./runway status)"
  code=${out##*$'\n'}
  case "$code" in
    204) echo "Deleted access key $id: requests signed with it are refused within seconds." ;;
    404) die "no active access key $id (see ./runway credentials list)" ;;
    *) die "the registry refused to delete $id: $(json_field message <<<"${out%$'\n'*}") (HTTP $code)" ;;
  esac
  credentials_load
  if [[ $id == "$RUNWAY_ACCESS_KEY_ID" ]]; then
    echo "That was the admin key of ./runway up; the next ./runway up creates a new one."
  fi
}

# A new random secret of 64 hex digits in a new file beside FILE, printed as that file's path;
# the caller renames it over FILE once the new secret is in force, so FILE is never half written.
new_secret_beside() {
  local file=$1 tmp
  tmp=$(umask 077 && mktemp "$file.rotate.XXXXXX")
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$tmp"
  echo "$tmp"
}

# A new secret in FILE at once (for secrets whose readers take the file as it is at each use).
replace_secret_file() {
  local tmp
  tmp=$(new_secret_beside "$1")
  mv "$tmp" "$1"
}

# internal_token_rotate <component>: a new credential for the registry's /internal API. Nothing
# restarts: the component reads its file again when it changes, the registry reads the directory
# when a credential file changed and accepts the old token 10 s more (docs/security.md, "Rotating").
internal_token_rotate() {
  local who=$1 file
  file=$(internal_tokens_dir)/$who
  replace_secret_file "$file"
  info "$who: new internal API credential written to $file (the old one is refused 10 s after the registry first sees the new one)"
}

# registry_password_rotate <worker>: a new image registry password; the api-gateway and the worker
# read the file at each login (docs/security.md, "Image registry"), so nothing restarts.
registry_password_rotate() {
  local who=$1 file
  file=$(registry_credentials_dir)/$who
  replace_secret_file "$file"
  info "$who: new image registry password written to $file (in force at its next pull or push)"
}

# database_rotate: a new password for the runway role, set in PostgreSQL before the file changes;
# the service-registry reads the file for each connection it opens (RUNWAY_DB_PASSWORD_FILE), and
# the connections it has stay logged in, so nothing restarts.
database_rotate() {
  local file tmp
  [[ -n $(pg_pid) ]] || die "PostgreSQL of profile $RUNWAY_PROFILE is not running (./runway up)"
  file=$RUNWAY_HOME/db-password
  tmp=$(new_secret_beside "$file")
  # the statement goes through standard input: a password on a command line is seen by every user
  if ! psql_admin <<<"ALTER ROLE \"$RUNWAY_DB_USER\" PASSWORD '$(<"$tmp")'" >> "$(log_file postgres)" 2>&1; then
    rm -f "$tmp"
    die "PostgreSQL did not take the new password of role $RUNWAY_DB_USER (the old one stays; see $(log_file postgres))"
  fi
  mv "$tmp" "$file"
  info "database: new password of role $RUNWAY_DB_USER set in PostgreSQL and written to $file"
}

# gateway_secret_rotate FILE: a new secret in FILE, the replaced one kept in FILE.previous, whose
# modification time (now) starts its grace: the api-gateway reads both when they change and takes
# (or signs with) the replaced one until the grace ends (config.RotatingSecret). A second rotation
# within the grace replaces FILE.previous: only the last replaced secret keeps a grace.
gateway_secret_rotate() {
  local file=$1 tmp keep
  [[ -s $file ]] || die "no secret at $file to rotate (./runway up makes it)"
  tmp=$(new_secret_beside "$file")
  keep=$(umask 077 && mktemp "$file.previous.XXXXXX")
  cat "$file" > "$keep"
  mv "$keep" "$file.previous"
  mv "$tmp" "$file"
}

# event_stream_rotate: a new token for GET /events/stream; the gateway takes the old one 10 s more
# and then ends the streams opened with it.
event_stream_rotate() {
  local file=$RUNWAY_HOME/events-stream-token
  gateway_secret_rotate "$file"
  info "event-stream: new stream token written to $file (the old one opens streams 10 s more; streams opened with it end then)"
}

# webhook_signing_rotate: a new HMAC key for webhook deliveries; for the grace (24 h unless
# RUNWAY_EVENTS_SIGNING_SECRET_GRACE said otherwise at the gateway's start) each delivery carries a
# signature by either key, so subscribers switch when they like within it.
webhook_signing_rotate() {
  local file=$RUNWAY_HOME/events-signing-secret
  gateway_secret_rotate "$file"
  info "webhook-signing: new signing key written to $file; deliveries carry a signature by it and one by the old key" \
    "(X-Runway-Signature: t=<time>,v1=<new>,v1=<old>) for 24 h: give subscribers the new key within that time"
}

# registry_notify_rotate: a new token for the image registry's push notifications. The gateway
# takes the new one from now and the old one 60 s more. Distribution reads its config only at its
# start, so the registry restarts: on SIGTERM it closes its port at once and finishes the requests
# under way (http.draintimeout), while the new process, started as soon as the port is free, takes
# the next ones (a gap of about 0.1 s; docs/security.md, "Rotating").
registry_notify_rotate() {
  local file old
  file=$(notify_token_file)
  gateway_secret_rotate "$file"
  RUNWAY_REGISTRY_NOTIFY_TOKEN=$(<"$file")
  export RUNWAY_REGISTRY_NOTIFY_TOKEN
  registry_write_config
  old=$(live_pid registry)
  if [[ -z $old ]]; then
    info "registry-notify: new token written to $file; no image registry of this profile runs (one takes the token at its start)"
    return 0
  fi
  kill -TERM "$old" 2>/dev/null || true
  wait_until 10 port_closed "$RUNWAY_IMAGE_REGISTRY_PORT" ||
    die "the image registry (pid $old) did not close port $RUNWAY_IMAGE_REGISTRY_PORT within 10 s of SIGTERM"
  launch registry docker-registry serve "$(registry_dir)/config.yml"
  if ! wait_until 30 registry_ready; then
    log_tail registry
    die "the image registry did not answer on $RUNWAY_IMAGE_REGISTRY within 30 s of its restart"
  fi
  # the old process finishes its requests under way (at most its drain timeout, 20 s)
  wait_until 25 not_alive "$old" || kill -KILL "$old" 2>/dev/null || true
  info "registry-notify: new token written to $file; the image registry restarted with it (pid $(live_pid registry))," \
    "the gateway takes the old one 60 s more"
}

# The service-registry's master key (AES-256, 32 raw bytes; made by the registry at its first
# start) and the keys a rotation replaced, kept for opening what they sealed (SecretCipher).
master_key_file() { echo "$RUNWAY_HOME/service-registry/credentials.key"; }

# master_key_rotate: a new master key. The old one joins the retired keys first (so nothing sealed
# under it is ever unopenable), then the new one is renamed over the key file; the registry reads
# both again when they change, seals from then on under the new key, and re-seals the secrets of
# its own tables (POST /internal/credentials/reseal). Values sealed in events keep their key.
master_key_rotate() {
  local file retired tmp out code
  file=$(master_key_file)
  [[ -s $file ]] || die "no master key at $file (the service-registry makes it at its first start: ./runway up)"
  retired="$file.retired"
  (umask 077 && mkdir -p "$retired")
  chmod 700 "$retired"
  tmp=$(umask 077 && mktemp "$retired/.rotate.XXXXXX")
  cat "$file" > "$tmp"
  mv "$tmp" "$retired/$(date -u +%Y%m%dT%H%M%SZ)-$$.key"
  tmp=$(umask 077 && mktemp "$file.rotate.XXXXXX")
  head -c 32 /dev/urandom > "$tmp"
  mv "$tmp" "$file"
  out=$(registry_curl -sS -m 120 -X POST -w '\n%{http_code}' "$RUNWAY_SERVICE_REGISTRY_URL/internal/credentials/reseal") ||
    die "the new master key is in $file, but the service-registry did not answer the re-seal (is Runway up?):" \
      "every secret still opens (the old key is in $retired); ./runway credentials rotate master-key again re-seals"
  code=${out##*$'\n'}
  [[ $code == 200 ]] || die "the new master key is in $file, but the registry refused the re-seal (HTTP $code):" \
    "$(json_field message <<<"${out%$'\n'*}"); every secret still opens (the old key is in $retired)"
  info "master-key: new key $(json_field keyId <<<"${out%$'\n'*}") in $file, the old one kept in $retired;" \
    "re-sealed under it: $(json_field accessKeys <<<"${out%$'\n'*}") access key secret(s)," \
    "$(json_field connections <<<"${out%$'\n'*}") connection(s); values in events (SSM parameters, Secrets Manager" \
    "values, certificate keys) stay sealed under their keys, which stay in $retired"
}

# credentials_rotate <name>: every credential NAME holds — a service's internal API token and
# Kafka password, the operator's token, admin's or the broker's Kafka password, `database`, one
# of the api-gateway's secrets (`event-stream`, `registry-notify`, `webhook-signing`), or the
# platform CA's keys (`tls`: what the router holds; `platform-ca`: the root), or the registry's
# `master-key`.
credentials_rotate() {
  local who=$1 c rotated=''
  case $who in
    database) database_rotate; return 0 ;;
    event-stream) event_stream_rotate; return 0 ;;
    registry-notify) registry_notify_rotate; return 0 ;;
    webhook-signing) webhook_signing_rotate; return 0 ;;
    tls) tls_rotate_keys; return 0 ;;
    platform-ca) tls_rotate_root; return 0 ;;
    master-key) master_key_rotate; return 0 ;;
  esac
  for c in "${RUNWAY_INTERNAL_COMPONENTS[@]}"; do
    if [[ $c == "$who" ]]; then internal_token_rotate "$who"; rotated=1; fi
  done
  for c in "${RUNWAY_KAFKA_PRINCIPALS[@]}"; do
    if [[ $c == "$who" ]]; then kafka_rotate "$who"; rotated=1; fi
  done
  for c in "${RUNWAY_REGISTRY_COMPONENTS[@]}"; do
    if [[ $c == "$who" ]]; then registry_password_rotate "$who"; rotated=1; fi
  done
  [[ -n $rotated ]] || die "nothing to rotate for '$who': one of ${RUNWAY_INTERNAL_COMPONENTS[*]}, admin, broker," \
    "database, event-stream, registry-notify, webhook-signing, tls, platform-ca or master-key"
}
