#!/bin/bash
# runway-kafka-topics: creates Runway's topics (/opt/kafka/topics.txt) that do not exist yet, with
# RUNWAY_TOPIC_PARTITIONS partitions, KAFKA_REPLICATION_FACTOR replicas and
# KAFKA_MIN_INSYNC_REPLICAS, as the `admin` principal; then gives every service principal its
# password and exactly the ACLs of /opt/kafka/acls.txt (deploy/kafka/acls.txt, KafkaAccess sync,
# as `./runway up` does). Retries for up to 5 minutes while the cluster forms.
#
#   KAFKA_CREDENTIALS_DIR   the admin's password (default /var/lib/runway-kafka-credentials)
#   KAFKA_USERS_DIR         <service>/password of each service (default /var/lib/runway-kafka-users)
set -euo pipefail
bootstrap=${RUNWAY_KAFKA_BOOTSTRAP_SERVERS:?RUNWAY_KAFKA_BOOTSTRAP_SERVERS is not set}
credentials=${KAFKA_CREDENTIALS_DIR:-/var/lib/runway-kafka-credentials}
users=${KAFKA_USERS_DIR:-/var/lib/runway-kafka-users}
[[ -s $credentials/admin ]] || { echo "runway-kafka-topics: no admin password in $credentials" >&2; exit 1; }
work=$(umask 077 && mktemp -d /tmp/runway-kafka-topics.XXXXXX)
trap 'rm -rf "$work"' EXIT
(umask 077 && cat > "$work/admin.properties" <<PROPS
bootstrap.servers=$bootstrap
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(<"$credentials/admin")";
PROPS
)
# KafkaAccess reads <principal> files from one directory: the services' volumes, linked
mkdir "$work/users"
for dir in "$users"/*/; do
  [[ -s ${dir}password ]] && ln -s "${dir}password" "$work/users/$(basename "$dir")"
done
java_tool() {
  java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
       -Dlog4j.configuration=file:/opt/kafka/tools-log4j.properties \
       -cp '/opt/kafka/libs/*:/opt/kafka/classes' "$@"
}
tool() { java_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --command-config "$work/admin.properties" "$@"; }
deadline=$((SECONDS + 300))
mapfile -t topics < /opt/kafka/topics.txt
for topic in "${topics[@]}"; do
  until tool --create --if-not-exists --topic "$topic" --partitions "$RUNWAY_TOPIC_PARTITIONS" \
          --replication-factor "$KAFKA_REPLICATION_FACTOR" --config "min.insync.replicas=$KAFKA_MIN_INSYNC_REPLICAS"; do
    (( SECONDS < deadline )) || { echo "runway-kafka-topics: could not create $topic" >&2; exit 1; }
    sleep 2
  done
done
echo "runway-kafka-topics: ${#topics[@]} topics, $RUNWAY_TOPIC_PARTITIONS partitions, replication $KAFKA_REPLICATION_FACTOR (min in sync $KAFKA_MIN_INSYNC_REPLICAS)"
until java_tool KafkaAccess sync "$work/admin.properties" /opt/kafka/acls.txt "$work/users"; do
  (( SECONDS < deadline )) || { echo "runway-kafka-topics: could not set the users and ACLs of acls.txt" >&2; exit 1; }
  sleep 2
done
