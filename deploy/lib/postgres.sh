# shellcheck shell=bash
# PostgreSQL 15 for the event store: Debian's binaries, a data directory in the state
# directory, listening on 127.0.0.1 only, passwords (scram-sha-256) and no trust lines. The server runs as the postgres user (initdb
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
  as_postgres "$(pg_bindir)/initdb" -D "$(pg_data)" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >> "$(log_file postgres)" 2>&1 || { log_tail postgres; die "initdb failed"; }
}

# No trust: the postgres OS user reaches the postgres role over the socket (peer), everyone else
# needs the role's password (scram-sha-256). Rewrites the file of a cluster made with trust lines.
# Prints "changed" when it did.
pg_secure_hba() {
  local hba wanted
  hba=$(pg_data)/pg_hba.conf
  wanted=$(cat <<'HBA'
# Runway (deploy/lib/postgres.sh): no trust lines. The postgres OS user over the socket (peer);
# every other connection with its role's password.
local   all   postgres                 peer
local   all   all                      scram-sha-256
host    all   all        127.0.0.1/32  scram-sha-256
host    all   all        ::1/128       scram-sha-256
HBA
)
  if [[ ! -f $hba || $(<"$hba") != "$wanted" ]]; then
    printf '%s\n' "$wanted" > "$hba"
    chown postgres: "$hba"
    chmod 600 "$hba"
    echo changed
  fi
}

pg_start() {
  as_postgres "$(pg_bindir)/pg_ctl" -D "$(pg_data)" -l "$(log_file postgres)" \
      -o "-h 127.0.0.1 -p $RUNWAY_DB_PORT -k $(pg_dir)/run" -w -t 60 start >/dev/null ||
    { log_tail postgres; die "PostgreSQL did not start"; }
}

# psql as the postgres superuser: only the postgres OS user, over the profile's socket.
psql_admin() {
  as_postgres "$(pg_bindir)/psql" -X -q -h "$(pg_dir)/run" -p "$RUNWAY_DB_PORT" -U postgres -d postgres \
      -v ON_ERROR_STOP=1 "$@"
}

# Creates the runway role (not a superuser) and its database when they do not exist yet, and
# gives the role the profile's password (<state dir>/db-password) every time.
pg_create_runway_db() {
  local user=$RUNWAY_DB_USER
  [[ $RUNWAY_DB_PASSWORD =~ ^[0-9a-f]+$ ]] || die "RUNWAY_DB_PASSWORD must be the hex password in $RUNWAY_HOME/db-password"
  if [[ $(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$user'") != 1 ]]; then
    psql_admin -c "CREATE ROLE \"$user\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$RUNWAY_DB_PASSWORD'"
    info "created role $user"
  else
    psql_admin -c "ALTER ROLE \"$user\" NOSUPERUSER PASSWORD '$RUNWAY_DB_PASSWORD'"
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
    if [[ $(pg_secure_hba) == changed ]]; then
      as_postgres "$(pg_bindir)/pg_ctl" -D "$(pg_data)" reload >/dev/null
    fi
    pg_create_runway_db
    step_skip "already running (pid $pid, port $RUNWAY_DB_PORT)"
    return 0
  fi
  pg_prepare_dirs
  pg_initdb
  pg_secure_hba >/dev/null
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
