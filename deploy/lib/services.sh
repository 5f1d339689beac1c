# shellcheck shell=bash
# The six Runway services: build them with Maven when the sources changed, copy each packaged
# app into the state directory (a later build never overwrites the jars of a running process),
# start them, and wait until /q/health/ready answers 200.

build_stamp() { echo "$RUNWAY_ROOT/target/.runway-build.stamp"; }

# Prints why a build is needed, or nothing when the packaged apps are up to date.
build_reason() {
  local stamp m newer
  stamp=$(build_stamp)
  [[ -f $stamp ]] || { echo "first build"; return 0; }
  for m in "${RUNWAY_SERVICES[@]}"; do
    [[ -f $RUNWAY_ROOT/$m/target/quarkus-app/quarkus-run.jar ]] ||
      { echo "$m is not packaged"; return 0; }
  done
  newer=$(find "$RUNWAY_ROOT" -maxdepth 2 -name pom.xml -newer "$stamp" -print -quit)
  [[ -z $newer ]] && newer=$(find "$RUNWAY_ROOT" \( -name target -o -name .git -o -name node_modules \) -prune \
      -o -path "$RUNWAY_ROOT/*/src/*" -type f -newer "$stamp" -print -quit)
  [[ -n $newer ]] && echo "${newer#"$RUNWAY_ROOT"/} changed"
  return 0
}

# mvn install for the whole reactor when something changed since the last build.
ensure_build() {
  local reason stamp
  reason=$(build_reason)
  if [[ -z $reason ]]; then
    step_skip "up to date"
    return 0
  fi
  stamp=$(build_stamp)
  info "building ($reason): mvn -B -q install -DskipTests; log: $(log_file build)"
  mkdir -p "$RUNWAY_ROOT/target"
  touch "$stamp.next"   # taken before the build, so edits made during it trigger the next one
  if ! (cd "$RUNWAY_ROOT" && mvn -B -q -Dstyle.color=never install -DskipTests) > "$(log_file build)" 2>&1; then
    rm -f "$stamp.next"
    log_tail build 40
    die "the Maven build failed (full log: $(log_file build))"
  fi
  mv "$stamp.next" "$stamp"
  step_done "built"
}

# True when <module>/target/quarkus-app is newer than the copy in <state>/apps/<module>.
app_stale() {
  local src=$RUNWAY_ROOT/$1/target/quarkus-app dst=$RUNWAY_HOME/apps/$1 stamp
  stamp=$(build_stamp)
  [[ -f $dst/.installed ]] || return 0
  [[ $src/quarkus-run.jar -nt $dst/.installed ]] && return 0
  [[ -f $stamp && $stamp -nt $dst/.installed ]]
}

# Copies <module>/target/quarkus-app to <state>/apps/<module> when the build is newer than
# the copy (call it only while the module is stopped).
install_app() {
  local m=$1 src dst
  src=$RUNWAY_ROOT/$m/target/quarkus-app
  dst=$RUNWAY_HOME/apps/$m
  [[ -f $src/quarkus-run.jar ]] || die "$m is not built ($src/quarkus-run.jar missing)"
  app_stale "$m" || return 0
  rm -rf "$dst.new"
  cp -a "$src" "$dst.new"
  touch "$dst.new/.installed"
  rm -rf "$dst"
  mv "$dst.new" "$dst"
}

# The pid-file and log name of instance n of a service: "deploy-worker" for 1, "deploy-worker-2"...
instance_name() {
  if (( ${2:-1} == 1 )); then echo "$1"; else echo "$1-$2"; fi
}

# Splits a component name into SERVICE and INSTANCE ("router-2" -> router 2); false when the
# name is no instance of a Runway service.
parse_instance() {
  # shellcheck disable=SC2034 # SERVICE and INSTANCE are what the caller reads
  if is_service "$1"; then SERVICE=$1 INSTANCE=1; return 0; fi
  if [[ $1 =~ ^(.+)-([2-9])$ ]] && is_service "${BASH_REMATCH[1]}" && (( BASH_REMATCH[2] <= RUNWAY_MAX_INSTANCES )); then
    # shellcheck disable=SC2034
    SERVICE=${BASH_REMATCH[1]} INSTANCE=${BASH_REMATCH[2]}
    return 0
  fi
  return 1
}

# The instance numbers of a service that have a live process, one per line.
live_instances() {
  local n
  for (( n = 1; n <= RUNWAY_MAX_INSTANCES; n++ )); do
    [[ -z $(live_pid "$(instance_name "$1" "$n")") ]] || echo "$n"
  done
}

# service_ready <module> [instance]
service_ready() {
  [[ $(http_code "http://127.0.0.1:$(service_port "$1" "${2:-1}")/q/health/ready") == 200 ]]
}

# service_ready_or_dead <module> <instance> <pid>
service_ready_or_dead() { service_ready "$1" "$2" || not_alive "$3"; }

# start_service <module> [instance]: starts one instance (when it does not run yet) and waits up
# to 90 s for its readiness. Instance n listens on the service's ports + 10*(n-1).
start_service() {
  local m=$1 n=${2:-1} name port pid var started=$EPOCHREALTIME ports=()
  name=$(instance_name "$m" "$n")
  port=$(service_port "$m" "$n")
  pid=$(live_pid "$name")
  if [[ -z $pid ]] && port_open "$port"; then
    # a JVM just killed with SIGKILL can look gone (its main thread a zombie) while its other
    # threads still hold the port for a moment: give it a few seconds before calling it foreign
    wait_until 10 port_closed "$port" || true
  fi
  if [[ -z $pid ]] && port_open "$port"; then
    service_ready "$m" "$n" || die "port $port ($name) is taken by a process this profile did not start"
    info "$(printf '%-17s' "$name") port $port already answers (not started by this profile; using it)"
    return 0
  fi
  if [[ -n $pid ]]; then
    if wait_until 90 service_ready_or_dead "$m" "$n" "$pid" && service_ready "$m" "$n"; then
      info "$(printf '%-17s' "$name") already running (pid $pid, port $port)"
      if [[ -f $RUNWAY_ROOT/$m/target/quarkus-app/quarkus-run.jar ]] && app_stale "$m"; then
        info "$(printf '%-17s' '') a newer build exists: './runway restart $name' to use it"
      fi
      return 0
    fi
    log_tail "$name"
    die "$name (pid $pid) runs but is not ready on port $port"
  fi
  # the installed copy is shared by a service's instances: replace it only when none runs
  if [[ -z $(live_instances "$m") ]]; then
    install_app "$m"
  elif app_stale "$m"; then
    info "$(printf '%-17s' "$name") starts from the build its running instances use (restart them all for the newer one)"
  fi
  for var in $(service_port_vars "$m"); do
    ports+=("$var=$(( ${!var} + 10 * (n - 1) ))")
  done
  # its own internal API credential only; the registry knows them all
  ports+=("RUNWAY_INTERNAL_TOKEN_FILE=$(internal_tokens_dir)/$m")
  [[ $m == service-registry ]] && ports+=("RUNWAY_INTERNAL_TOKENS_DIR=$(internal_tokens_dir)")
  # its own Kafka principal (deploy/lib/kafka.sh): the ACLs of deploy/kafka/acls.txt apply to it
  ports+=("RUNWAY_KAFKA_USERNAME=$m" "RUNWAY_KAFKA_PASSWORD_FILE=$(kafka_credentials_dir)/$m")
  # the image registry's token service (the gateway) and the workers' own registry logins
  case $m in
    # its rotatable secrets as files, read again when they change (./runway credentials rotate)
    api-gateway) ports+=("RUNWAY_REGISTRY_TOKEN_KEY=$(registry_auth_dir)/token.key"
                         "RUNWAY_REGISTRY_CREDENTIALS_DIR=$(registry_credentials_dir)"
                         "RUNWAY_EVENTS_SIGNING_SECRET_FILE=$RUNWAY_HOME/events-signing-secret"
                         "RUNWAY_EVENTS_STREAM_TOKEN_FILE=$RUNWAY_HOME/events-stream-token"
                         "RUNWAY_REGISTRY_NOTIFY_TOKEN_FILE=$(notify_token_file)") ;;
    deploy-worker|build-worker) ports+=("RUNWAY_REGISTRY_USERNAME=$m" "RUNWAY_REGISTRY_PASSWORD_FILE=$(registry_credentials_dir)/$m") ;;
  esac
  ( cd "$RUNWAY_HOME" && launch "$name" env -u RUNWAY_INTERNAL_TOKEN -u RUNWAY_INTERNAL_TOKENS_DIR \
      -u RUNWAY_KAFKA_PASSWORD -u RUNWAY_KAFKA_SASL_MECHANISM -u RUNWAY_REGISTRY_TOKEN_KEY \
      -u RUNWAY_REGISTRY_CREDENTIALS_DIR -u RUNWAY_REGISTRY_USERNAME -u RUNWAY_REGISTRY_PASSWORD_FILE \
      -u RUNWAY_EVENTS_SIGNING_SECRET -u RUNWAY_EVENTS_STREAM_TOKEN -u RUNWAY_REGISTRY_NOTIFY_TOKEN "${ports[@]}" \
      java -Xmx256m -jar "$RUNWAY_HOME/apps/$m/quarkus-run.jar" )
  pid=$(live_pid "$name")
  [[ -n $pid ]] || { log_tail "$name"; die "$name exited right after its start"; }
  if ! wait_until 90 service_ready_or_dead "$m" "$n" "$pid"; then
    log_tail "$name"
    die "$name did not become ready on http://127.0.0.1:$port/q/health/ready within 90 s (log: $(log_file "$name"))"
  fi
  if not_alive "$pid"; then
    rm -f "$(pid_file "$name")"
    log_tail "$name"
    die "$name exited during its start (log: $(log_file "$name"))"
  fi
  info "$(printf '%-17s' "$name") ready in $(elapsed_since "$started") (pid $pid, port $port)"
}

start_all_services() {
  local m
  _break_line
  for m in "${RUNWAY_SERVICES[@]}"; do start_service "$m"; done
  step_done "all ${#RUNWAY_SERVICES[@]} ready"
}

# stop_service <module> [instance] [--kill]
stop_service() {
  local m=$1 n=${2:-1} name pid
  name=$(instance_name "$m" "$n")
  pid=$(live_pid "$name")
  if [[ -z $pid ]]; then rm -f "$(pid_file "$name")"; return 1; fi
  stop_pid "$name" "$pid" "${3:-}"
  info "$name stopped (pid $pid${3:+, SIGKILL})"
}

stop_all_services() {
  local i n
  # Reverse start order: readers first, the service-registry last; extra instances first.
  for (( i = ${#RUNWAY_SERVICES[@]} - 1; i >= 0; i-- )); do
    for (( n = RUNWAY_MAX_INSTANCES; n >= 1; n-- )); do
      stop_service "${RUNWAY_SERVICES[i]}" "$n" || true
    done
  done
}

# scale_service <module> <count>: instances 1..count run (started and ready), the others stop.
scale_service() {
  local m=$1 count=$2 n
  for (( n = RUNWAY_MAX_INSTANCES; n > count; n-- )); do
    stop_service "$m" "$n" || true
  done
  for (( n = 1; n <= count; n++ )); do
    start_service "$m" "$n"
  done
}
