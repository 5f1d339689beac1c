#!/bin/bash
# Starts PostgreSQL on 127.0.0.1:$RUNWAY_DB_PORT with its data in $PGDATA (a volume). On an empty
# volume it creates the cluster and the event store's role and database first.
set -euo pipefail
mkdir -p "$PGDATA" /run/postgresql
chown postgres: "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"
as_postgres() { setpriv --reuid postgres --regid postgres --init-groups "$@"; }

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  echo "runway-postgres: creating the cluster in $PGDATA"
  as_postgres initdb -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
# The role and database are checked on every start, so an interrupted first start heals.
as_postgres pg_ctl -D "$PGDATA" -o "-h 127.0.0.1 -p $RUNWAY_DB_PORT -k /run/postgresql" -w -t 60 start >/dev/null
psql=(psql -X -q -h 127.0.0.1 -p "$RUNWAY_DB_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1)
if [[ $("${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$RUNWAY_DB_USER'") != 1 ]]; then
  "${psql[@]}" -c "CREATE ROLE \"$RUNWAY_DB_USER\" LOGIN PASSWORD '$RUNWAY_DB_PASSWORD'"
fi
if [[ $("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$RUNWAY_DB_NAME'") != 1 ]]; then
  "${psql[@]}" -c "CREATE DATABASE \"$RUNWAY_DB_NAME\" OWNER \"$RUNWAY_DB_USER\""
fi
as_postgres pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
echo "runway-postgres: listening on 127.0.0.1:$RUNWAY_DB_PORT"
exec setpriv --reuid postgres --regid postgres --init-groups \
  postgres -D "$PGDATA" -h 127.0.0.1 -p "$RUNWAY_DB_PORT" -k /run/postgresql
