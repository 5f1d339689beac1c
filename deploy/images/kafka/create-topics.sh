#!/bin/bash
# runway-kafka-topics: creates Runway's topics (/opt/kafka/topics.txt) that do not exist yet, with
# RUNWAY_TOPIC_PARTITIONS partitions, KAFKA_REPLICATION_FACTOR replicas and
# KAFKA_MIN_INSYNC_REPLICAS; retries for up to 5 minutes while the cluster forms.
set -euo pipefail
bootstrap=${RUNWAY_KAFKA_BOOTSTRAP_SERVERS:?RUNWAY_KAFKA_BOOTSTRAP_SERVERS is not set}
tool() {
  java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
       -Dlog4j.configuration=file:/opt/kafka/tools-log4j.properties \
       -cp '/opt/kafka/libs/*' org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" "$@"
}
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
