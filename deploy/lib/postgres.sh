# shellcheck shell=bash
# PostgreSQL 15 for the event store: Debian's binaries, a data directory in the state
# directory, listening on 127.0.0.1 only. The server runs as the postgres user (initdb
# refuses root).

pg_dir()  { echo "$RUNWAY_HOME/postgres"; }
pg_data() { echo "$RUNWAY_HOME/postgres/data"; }

as_postgres() {
  runuser -u postgres -- "$@"
}

pg() {
  local bin
  bin=$(pg_bindir)
  [[ -n $bin ]] || die "PostgreSQL binaries not found (apt-get install postgresql)"
  "$bin/$1" "${@:2}"
}

# The postmaster's pid when this profile's server runs ("" otherwise).
pg_pid() {
  local pidf pid
  pidf=$(pg_data)/postmaster.pid
  [[ -f $pidf ]] || return 0
  pid=$(head -n 1 "$pidf")
  if [[ $pid =~ ^[0-9]+$ ]] && ! not_alive "$pid"; then echo "$pid"; fi
}

pg_prepare_dirs() {
  local dir log
  dir=$(pg_dir)
  log=$(log_file postgres)
  id postgres >/dev/null 2>&1 ||
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  mkdir -p "$dir/data" "$dir/run"
  chown postgres: "$dir" "$dir/data" "$dir/run"
  chmod 700 "$dir/data"
  touch "$log"
  chown postgres: "$log"
}

pg_initdb() {
  [[ -f $(pg_data)/PG_VERSION ]] && return 0
  info "creating the database cluster (once)"
  as_postgres "$(pg_bindir)/initdb" -D "$(pg_data)" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      >> "$(log_file postgres)" 2>&1 || { log_tail postgres; die "initdb failed"; }
}

pg_start() {
  as_postgres "$(pg_bindir)/pg_ctl" -D "$(pg_data)" -l "$(log_file postgres)" \
      -o "-h 127.0.0.1 -p $RUNWAY_DB_PORT -k $(pg_dir)/run" -w -t 60 start >/dev/null ||
    { log_tail postgres; die "PostgreSQL did not start"; }
}

psql_admin() {
  pg psql -X -q -h 127.0.0.1 -p "$RUNWAY_DB_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"
}

# Creates the runway role and database (owned by it) when they do not exist yet.
pg_create_runway_db() {
  local user=$RUNWAY_DB_USER
  if [[ $(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$user'") != 1 ]]; then
    psql_admin -c "CREATE ROLE \"$user\" LOGIN PASSWORD '$RUNWAY_DB_PASSWORD'"
    info "created role $user"
  fi
  if [[ $(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = 'runway'") != 1 ]]; then
    psql_admin -c "CREATE DATABASE runway OWNER \"$user\""
    info "created database runway"
  fi
}

ensure_postgres() {
  local pid
  pid=$(pg_pid)
  if [[ -z $pid ]] && port_open "$RUNWAY_DB_PORT"; then
    step_skip "port $RUNWAY_DB_PORT already answers (not started by this profile; using it)"
    return 0
  fi
  if [[ -n $pid ]]; then
    pg_create_runway_db
    step_skip "already running (pid $pid, port $RUNWAY_DB_PORT)"
    return 0
  fi
  pg_prepare_dirs
  pg_initdb
  pg_start
  pg_create_runway_db
  step_done "ready"
}

stop_postgres() {
  local pid
  pid=$(pg_pid)
  [[ -n $pid ]] || return 0
  if [[ ${1:-} == --kill ]]; then
    kill -KILL "$pid" 2>/dev/null || true
    info "PostgreSQL killed (pid $pid)"
    return 0
  fi
  as_postgres "$(pg_bindir)/pg_ctl" -D "$(pg_data)" -m fast -w -t 60 stop >/dev/null ||
    warn "pg_ctl stop failed (see $(log_file postgres))"
  info "PostgreSQL stopped (pid $pid)"
}
