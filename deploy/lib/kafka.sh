# shellcheck shell=bash
# Kafka 3.9.1, single node in KRaft mode, run straight from its Maven jars (no container).

kafka_dir() { echo "$RUNWAY_HOME/kafka"; }

# Copies the broker's jars (deploy/kafka/pom.xml) into <state>/kafka/libs, once.
kafka_fetch_libs() {
  local libs
  libs=$(kafka_dir)/libs
  [[ -f $libs/.complete ]] && return 0
  info "fetching the Kafka jars with Maven (once; about 25 s) ..."
  rm -rf "$libs"
  mvn -B -q -f "$RUNWAY_ROOT/deploy/kafka/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$libs" > "$(log_file kafka-libs)" 2>&1 || {
    log_tail kafka-libs
    die "could not fetch the Kafka jars"
  }
  touch "$libs/.complete"
}

kafka_write_config() {
  local dir
  dir=$(kafka_dir)
  cat > "$dir/server.properties" <<PROPS
# Written by ./runway for profile '$RUNWAY_PROFILE'. Single node: broker and controller at once.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$RUNWAY_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$RUNWAY_KAFKA_PORT,CONTROLLER://127.0.0.1:$RUNWAY_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$RUNWAY_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=$RUNWAY_TOPIC_PARTITIONS
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  cat > "$dir/log4j.properties" <<'PROPS'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.request.logger=WARN
PROPS
  cat > "$dir/tools-log4j.properties" <<'PROPS'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS
}

# kafka_tool <main class> <args...>: runs one of Kafka's command-line tools.
kafka_tool() {
  local dir
  dir=$(kafka_dir)
  # Short-lived JVMs: the C1 compiler and serial GC roughly halve their start time.
  java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j.configuration="file:$dir/tools-log4j.properties" \
       -cp "$dir/libs/*" "$@"
}

# Formats the storage directory once (KRaft needs a cluster id before the first start).
kafka_format_storage() {
  local dir id
  dir=$(kafka_dir)
  [[ -f $dir/data/meta.properties ]] && return 0
  id=$(kafka_tool kafka.tools.StorageTool random-uuid)
  kafka_tool kafka.tools.StorageTool format -t "$id" -c "$dir/server.properties" \
      >> "$(log_file kafka)" 2>&1 || { log_tail kafka; die "formatting Kafka storage failed"; }
}

# Ready once this run's part of the log (after line $1) says so and the port answers.
kafka_ready() {
  awk -v from="$1" 'NR > from && /Kafka Server started/ { found = 1 } END { exit !found }' \
      "$(log_file kafka)" 2>/dev/null && port_open "$RUNWAY_KAFKA_PORT"
}

ensure_kafka() {
  local dir pid
  dir=$(kafka_dir)
  pid=$(live_pid kafka)
  if [[ -n $pid ]]; then
    step_skip "already running (pid $pid, port $RUNWAY_KAFKA_PORT)"
    return 0
  fi
  if port_open "$RUNWAY_KAFKA_PORT"; then
    step_skip "port $RUNWAY_KAFKA_PORT already answers (not started by this profile; using it)"
    return 0
  fi
  mkdir -p "$dir/data"
  kafka_fetch_libs
  kafka_write_config
  kafka_format_storage
  local log_lines
  log_lines=$(wc -l < "$(log_file kafka)" 2>/dev/null || echo 0)
  launch kafka java -Xms256m -Xmx512m -Djava.awt.headless=true \
      -Dlog4j.configuration="file:$dir/log4j.properties" \
      -cp "$dir/libs/*" kafka.Kafka "$dir/server.properties"
  pid=$(live_pid kafka)
  if ! wait_until 90 kafka_ready_or_dead "$log_lines" "$pid"; then
    log_tail kafka
    die "Kafka did not start within 90 s"
  fi
  if not_alive "$pid"; then
    log_tail kafka
    die "Kafka exited during start"
  fi
  step_done "ready"
}

kafka_ready_or_dead() { kafka_ready "$1" || not_alive "$2"; }

# Creates the platform's topics that do not exist yet.
ensure_topics() {
  local existing topic missing=()
  existing=$(kafka_tool org.apache.kafka.tools.TopicCommand \
      --bootstrap-server "$RUNWAY_KAFKA_BOOTSTRAP_SERVERS" --list 2>>"$(log_file kafka-topics)") ||
    { log_tail kafka-topics; die "could not list Kafka topics"; }
  for topic in "${RUNWAY_TOPICS[@]}"; do
    grep -qxF "$topic" <<<"$existing" || missing+=("$topic")
  done
  if (( ${#missing[@]} == 0 )); then
    step_skip "all ${#RUNWAY_TOPICS[@]} exist"
    return 0
  fi
  for topic in "${missing[@]}"; do
    kafka_tool org.apache.kafka.tools.TopicCommand \
        --bootstrap-server "$RUNWAY_KAFKA_BOOTSTRAP_SERVERS" --create --if-not-exists \
        --topic "$topic" --partitions "$RUNWAY_TOPIC_PARTITIONS" --replication-factor 1 \
        >>"$(log_file kafka-topics)" 2>&1 || { log_tail kafka-topics; die "could not create topic $topic"; }
  done
  step_done "created ${#missing[@]} (${RUNWAY_TOPIC_PARTITIONS} partitions each)"
}

stop_kafka() {
  local pid
  pid=$(live_pid kafka)
  if [[ -z $pid ]]; then rm -f "$(pid_file kafka)"; return 0; fi
  stop_pid kafka "$pid" "${1:-}"
  info "Kafka stopped (pid $pid)"
}
