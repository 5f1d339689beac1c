#!/bin/bash
# runway-kafka-credentials: the compose stack's Kafka passwords, made at first start by the
# one-shot kafka-credentials service (as `./runway up` makes them in <state>/kafka-credentials):
#   /var/lib/runway-kafka-credentials/{broker,admin}   the kafka-credentials volume: the brokers and
#                                                      kafka-topics mount it, no Runway service does
#   /var/lib/runway-kafka-users/<service>/password     one volume per service (kafka-<service>),
#                                                      mounted read-only into that service alone
# 32 random bytes each, mode 0600; an existing password is kept. docs/security.md, "Kafka".
set -euo pipefail
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
# make_password <file>: once; the file appears atomically, so racing first starts agree
make_password() {
  local file=$1 tmp
  mkdir -p "$(dirname "$file")"
  chmod 700 "$(dirname "$file")"
  [[ -s $file ]] && return 0
  tmp=$(mktemp "$file.XXXXXX")
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$tmp"
  chmod 600 "$tmp"
  ln "$tmp" "$file" 2>/dev/null || true
  rm -f "$tmp"
}
made=()
for p in broker admin; do
  make_password "/var/lib/runway-kafka-credentials/$p"
  made+=("$p")
done
for dir in /var/lib/runway-kafka-users/*/; do
  [[ -d $dir ]] || continue
  make_password "${dir}password"
  made+=("$(basename "$dir")")
done
echo "runway-kafka-credentials: passwords of ${made[*]} in place"
