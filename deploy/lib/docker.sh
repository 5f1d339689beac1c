# shellcheck shell=bash
# The Docker engine: configured without its default bridge, started only when none answers.

DOCKER_DAEMON_JSON=/etc/docker/daemon.json
BASE_IMAGE=runway/busybox:local

# Makes sure daemon.json turns off the default bridge (and the iptables/forwarding that come
# with it). An existing file is merged key by key, never replaced.
docker_write_daemon_json() {
  mkdir -p /etc/docker
  if [[ ! -s $DOCKER_DAEMON_JSON ]]; then
    echo '{"bridge":"none","iptables":false,"ip-forward":false,"ip-masq":false}' > "$DOCKER_DAEMON_JSON"
    return 0
  fi
  command -v python3 >/dev/null || die "$DOCKER_DAEMON_JSON exists and python3 is needed to merge it"
  python3 - "$DOCKER_DAEMON_JSON" <<'PY'
import json, sys
path = sys.argv[1]
with open(path) as f:
    config = json.load(f)
wanted = {"bridge": "none", "iptables": False, "ip-forward": False, "ip-masq": False}
if any(config.get(k) != v for k, v in wanted.items()):
    config.update(wanted)
    with open(path, "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
PY
}

docker_answers() {
  timeout 10 docker info >/dev/null 2>&1
}

# Refuses an engine that has the default bridge network: it would put traffic on 172.17/16.
docker_check_no_bridge() {
  local networks
  networks=$(docker network ls --format '{{.Name}}') || die "docker network ls failed"
  if grep -qx bridge <<<"$networks"; then
    die "the running Docker engine has a 'bridge' network. Runway only uses loopback:
       stop that engine, set \"bridge\": \"none\" in $DOCKER_DAEMON_JSON, and run ./runway up again."
  fi
}

ensure_docker_engine() {
  local pid
  if docker_answers; then
    docker_check_no_bridge
    pid=$(live_pid dockerd dockerd)
    if [[ -n $pid ]]; then
      step_skip "already running (pid $pid, started by this profile)"
    else
      step_skip "already running (not started by this profile; it will be left alone)"
    fi
    return 0
  fi
  [[ -x /usr/sbin/dockerd ]] || die "/usr/sbin/dockerd not found (apt-get install docker.io)"
  docker_write_daemon_json
  launch dockerd nohup /usr/sbin/dockerd
  if ! wait_until 60 docker_answers; then
    log_tail dockerd
    die "the Docker engine did not answer within 60 s"
  fi
  docker_check_no_bridge
  step_done "ready"
}

# Removes every container labelled with this profile's platform id, and their forwarders.
docker_remove_containers() {
  if docker_answers; then
    local ids
    ids=$(docker ps -aq --filter "label=dev.runway.platform=$RUNWAY_PLATFORM_ID")
    if [[ -n $ids ]]; then
      # shellcheck disable=SC2086
      docker rm -f $ids >/dev/null
      info "removed $(wc -w <<<"$ids") container(s) labelled dev.runway.platform=$RUNWAY_PLATFORM_ID"
    fi
  fi
  stop_forwarders
}

# Stops the pasta forwarders of this profile's instances (the deploy-worker stops each with its
# container, but it may be gone first). A pid file counts only if that process's command line
# names it: a pid reused by something else is left alone.
stop_forwarders() {
  local dir=${RUNWAY_INSTANCE_FORWARDERS:-/run/runway/forwarders}/$RUNWAY_PLATFORM_ID f pid n=0
  [[ -d $dir ]] || return 0
  for f in "$dir"/*.pid; do
    [[ -f $f ]] || continue
    pid=$(<"$f")
    if [[ $pid =~ ^[0-9]+$ ]] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$f"; then
      kill -KILL "$pid" 2>/dev/null && n=$((n + 1))
    fi
    rm -f "$f"
  done
  (( n == 0 )) || info "stopped $n instance forwarder(s) (pasta)"
}

# The first other profile with a live process in its pid files ("" when none).
other_live_profile() {
  local dir f pid
  for dir in "$RUNWAY_STATE_ROOT"/*/; do
    dir=${dir%/}
    [[ $dir == "$RUNWAY_HOME" ]] && continue
    for f in "$dir"/pids/*.pid; do
      [[ -f $f && $(basename "$f") != dockerd.pid ]] || continue
      pid=$(<"$f")
      if [[ $pid =~ ^[0-9]+$ ]] && ! not_alive "$pid"; then
        basename "$dir"
        return 0
      fi
    done
  done
}

# Stops the engine only if this profile started it and no other profile is running; when
# another profile still runs, that profile becomes the one that stops it later.
docker_stop_engine_if_ours() {
  local pid other
  pid=$(live_pid dockerd dockerd)
  if [[ -z $pid ]]; then
    rm -f "$(pid_file dockerd)"
    info "Docker engine: not started by this profile, left running"
    return 0
  fi
  other=$(other_live_profile)
  if [[ -n $other ]]; then
    mv "$(pid_file dockerd)" "$RUNWAY_STATE_ROOT/$other/pids/dockerd.pid"
    info "Docker engine: left running for profile '$other' (it will stop it on its down)"
    return 0
  fi
  stop_pid dockerd "$pid"
  info "Docker engine stopped (pid $pid)"
}

ensure_base_image() {
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    step_skip "$BASE_IMAGE present"
    return 0
  fi
  "$RUNWAY_ROOT/deploy/images/busybox/build.sh" > "$(log_file base-image)" 2>&1 || {
    log_tail base-image
    die "building $BASE_IMAGE failed"
  }
  step_done "built $BASE_IMAGE"
}
