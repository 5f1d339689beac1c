#!/bin/bash
# runway-kafka [ready]: runs one Kafka node (broker and controller) on 127.0.0.1, data in
# /var/lib/kafka (a volume); `ready` is the health check (the broker port answers).
#
#   KAFKA_NODE_ID, KAFKA_PORT, KAFKA_CONTROLLER_PORT   this node
#   KAFKA_CONTROLLER_QUORUM   id@127.0.0.1:port,... of every controller (default: this node alone)
#   KAFKA_CLUSTER_ID          the same on every node of a cluster (formatted once per volume)
#   KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS   defaults for topics (1/1; 3/2 for a cluster)
#   KAFKA_CREDENTIALS_DIR     the passwords of `broker` and `admin` (runway-kafka-credentials;
#                             default /var/lib/runway-kafka-credentials)
#
# As `./runway up` runs Kafka (deploy/lib/kafka.sh, kafka_write_config; docs/security.md, "Kafka"):
# the client listener takes SASL/SCRAM-SHA-512 only, the controller listener SASL/PLAIN for the
# brokers alone, the StandardAuthorizer refuses what no ACL allows; `broker` and `admin` are super
# users, formatted into the storage; the services' users and ACLs come from runway-kafka-topics.
set -euo pipefail
if [[ ${1:-} == ready ]]; then
  (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null
  exit
fi

data=/var/lib/kafka/data
config=/opt/kafka/server.properties
quorum=${KAFKA_CONTROLLER_QUORUM:-$KAFKA_NODE_ID@127.0.0.1:$KAFKA_CONTROLLER_PORT}
credentials=${KAFKA_CREDENTIALS_DIR:-/var/lib/runway-kafka-credentials}
for p in broker admin; do
  [[ -s $credentials/$p ]] || { echo "runway-kafka: no password of $p in $credentials (runway-kafka-credentials makes them)" >&2; exit 1; }
done
broker=$(<"$credentials/broker")
stamp=/var/lib/kafka/sasl.formatted
if [[ -f $data/meta.properties && ! -f $stamp ]]; then
  echo "runway-kafka: $data was formatted without SASL users (an older stack): remove this node's volume" \
    "(docker-compose down -v deletes Kafka's data) and start again" >&2
  exit 1
fi
mkdir -p "$data"
(umask 077 && cat > "$config" <<PROPS
process.roles=broker,controller
node.id=$KAFKA_NODE_ID
controller.quorum.voters=$quorum
listeners=SASL_PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.sasl_plaintext.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="broker" password="$broker";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="$broker" user_broker="$broker";
super.users=User:broker;User:admin
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
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
)

java_tool() {
  java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
       -Dlog4j.configuration=file:/opt/kafka/tools-log4j.properties -cp '/opt/kafka/libs/*' "$@"
}
if [[ ! -f $data/meta.properties ]]; then
  id=${KAFKA_CLUSTER_ID:-$(java_tool kafka.tools.StorageTool random-uuid)}
  echo "runway-kafka: formatting $data for cluster $id"
  # the passwords go through a java @argfile (mode 0600, removed after), never a command line ps shows
  args=$(umask 077 && mktemp /tmp/.format.XXXXXX)
  printf '"%s"\n' kafka.tools.StorageTool format -t "$id" -c "$config" \
    "--add-scram" "SCRAM-SHA-512=[name=broker,password=$broker]" \
    "--add-scram" "SCRAM-SHA-512=[name=admin,password=$(<"$credentials/admin")]" > "$args"
  java_tool "@$args"
  rm -f "$args"
  echo "$id" > "$stamp"
fi
echo "runway-kafka: node $KAFKA_NODE_ID on 127.0.0.1:$KAFKA_PORT (controllers $quorum)"
# shellcheck disable=SC2086
exec java $KAFKA_HEAP_OPTS -Djava.awt.headless=true -Dlog4j.configuration=file:/opt/kafka/log4j.properties \
     -cp '/opt/kafka/libs/*' kafka.Kafka "$config"
