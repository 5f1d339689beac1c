#!/bin/bash
# runway-kafka [ready]: runs one Kafka node (broker and controller) on 127.0.0.1, data in
# /var/lib/kafka (a volume); `ready` is the health check (the broker port answers).
#
#   KAFKA_NODE_ID, KAFKA_PORT, KAFKA_CONTROLLER_PORT   this node
#   KAFKA_CONTROLLER_QUORUM   id@127.0.0.1:port,... of every controller (default: this node alone)
#   KAFKA_CLUSTER_ID          the same on every node of a cluster (formatted once per volume)
#   KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS   defaults for topics (1/1; 3/2 for a cluster)
set -euo pipefail
if [[ ${1:-} == ready ]]; then
  (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null
  exit
fi

data=/var/lib/kafka/data
config=/opt/kafka/server.properties
quorum=${KAFKA_CONTROLLER_QUORUM:-$KAFKA_NODE_ID@127.0.0.1:$KAFKA_CONTROLLER_PORT}
mkdir -p "$data"
cat > "$config" <<PROPS
process.roles=broker,controller
node.id=$KAFKA_NODE_ID
controller.quorum.voters=$quorum
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$data
num.partitions=$RUNWAY_TOPIC_PARTITIONS
default.replication.factor=$KAFKA_REPLICATION_FACTOR
min.insync.replicas=$KAFKA_MIN_INSYNC_REPLICAS
offsets.topic.replication.factor=$KAFKA_REPLICATION_FACTOR
# a handful of consumer groups: 6 offset partitions instead of 50 make the first join quick
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=$KAFKA_REPLICATION_FACTOR
transaction.state.log.min.isr=$KAFKA_MIN_INSYNC_REPLICAS
unclean.leader.election.enable=false
group.initial.rebalance.delay.ms=0
PROPS

java_tool() {
  java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
       -Dlog4j.configuration=file:/opt/kafka/tools-log4j.properties -cp '/opt/kafka/libs/*' "$@"
}
if [[ ! -f $data/meta.properties ]]; then
  id=${KAFKA_CLUSTER_ID:-$(java_tool kafka.tools.StorageTool random-uuid)}
  echo "runway-kafka: formatting $data for cluster $id"
  java_tool kafka.tools.StorageTool format -t "$id" -c "$config"
fi
echo "runway-kafka: node $KAFKA_NODE_ID on 127.0.0.1:$KAFKA_PORT (controllers $quorum)"
# shellcheck disable=SC2086
exec java $KAFKA_HEAP_OPTS -Djava.awt.headless=true -Dlog4j.configuration=file:/opt/kafka/log4j.properties \
     -cp '/opt/kafka/libs/*' kafka.Kafka "$config"
