#!/bin/bash
# Starts PostgreSQL on 127.0.0.1:$RUNWAY_DB_PORT with its data in $PGDATA (a volume). On an empty
# volume it creates the cluster and the event store's role and database first. No trust lines:
# the postgres OS user over the socket (peer), every other connection with its role's password
# (scram-sha-256). The runway role's password is RUNWAY_DB_PASSWORD when set, else the stack's
# shared secret db-password (runway-shared-secret), and is set on every start.
set -euo pipefail
mkdir -p "$PGDATA" /run/postgresql
chown postgres: "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"
as_postgres() { setpriv --reuid postgres --regid postgres --init-groups "$@"; }
password=$(runway-shared-secret db-password RUNWAY_DB_PASSWORD)
[[ $password =~ ^[A-Za-z0-9._-]+$ ]] || { echo "runway-postgres: the password may hold only letters, digits, . _ -" >&2; exit 1; }

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  echo "runway-postgres: creating the cluster in $PGDATA"
  as_postgres initdb -D "$PGDATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 -E UTF8 \
      --locale=C.UTF-8 >/dev/null
fi
cat > "$PGDATA/pg_hba.conf" <<'HBA'
# Runway (runway-postgres): no trust lines. The postgres OS user over the socket (peer); every
# other connection with its role's password.
local   all   postgres                 peer
local   all   all                      scram-sha-256
host    all   all        127.0.0.1/32  scram-sha-256
host    all   all        ::1/128       scram-sha-256
HBA
chown postgres: "$PGDATA/pg_hba.conf"
chmod 600 "$PGDATA/pg_hba.conf"
# The role and database are checked on every start, so an interrupted first start heals.
as_postgres pg_ctl -D "$PGDATA" -o "-h 127.0.0.1 -p $RUNWAY_DB_PORT -k /run/postgresql" -w -t 60 start >/dev/null
psql=(as_postgres psql -X -q -h /run/postgresql -p "$RUNWAY_DB_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1)
if [[ $("${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$RUNWAY_DB_USER'") != 1 ]]; then
  "${psql[@]}" -c "CREATE ROLE \"$RUNWAY_DB_USER\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$password'"
else
  "${psql[@]}" -c "ALTER ROLE \"$RUNWAY_DB_USER\" NOSUPERUSER PASSWORD '$password'"
fi
if [[ $("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$RUNWAY_DB_NAME'") != 1 ]]; then
  "${psql[@]}" -c "CREATE DATABASE \"$RUNWAY_DB_NAME\" OWNER \"$RUNWAY_DB_USER\""
fi
as_postgres pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
echo "runway-postgres: listening on 127.0.0.1:$RUNWAY_DB_PORT"
exec setpriv --reuid postgres --regid postgres --init-groups \
  postgres -D "$PGDATA" -h 127.0.0.1 -p "$RUNWAY_DB_PORT" -k /run/postgresql
