# shellcheck shell=bash
# Kafka 3.9.1, single node in KRaft mode, run straight from its Maven jars (no container).
#
# Nobody on the host talks to it without a password (docs/security.md, "Kafka"): the client
# listener takes SASL/SCRAM-SHA-512 only, the controller listener SASL/PLAIN for the broker alone,
# and the StandardAuthorizer refuses whatever deploy/kafka/acls.txt does not allow. Principals:
# `broker` (itself) and `admin` (this launcher's tools, the e2e tests) are super users; each Runway
# service has its own, with the ACLs of the topics it writes and reads.

kafka_dir() { echo "$RUNWAY_HOME/kafka"; }

# The principals' passwords: <state dir>/kafka-credentials/<principal>, mode 0600, made once; the
# admin's client settings for Kafka's tools beside them (admin.properties).
RUNWAY_KAFKA_PRINCIPALS=(broker admin "${RUNWAY_SERVICES[@]}")

kafka_credentials_dir() { echo "$RUNWAY_HOME/kafka-credentials"; }
kafka_admin_config() { echo "$(kafka_credentials_dir)/admin.properties"; }

ensure_kafka_credentials() {
  local dir
  dir=$(kafka_credentials_dir)
  ensure_secret_files "$dir" "${RUNWAY_KAFKA_PRINCIPALS[@]}"
  (umask 077 && cat > "$dir/admin.properties.tmp" <<PROPS
# The Kafka admin principal of profile '$RUNWAY_PROFILE' (a super user), for Kafka's tools:
# --command-config / --consumer.config / --producer.config $dir/admin.properties
bootstrap.servers=$RUNWAY_KAFKA_BOOTSTRAP_SERVERS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(<"$dir/admin")";
PROPS
  )
  mv "$dir/admin.properties.tmp" "$dir/admin.properties"
}

# kafka_password <principal>
kafka_password() { cat "$(kafka_credentials_dir)/$1"; }

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

# kafka_write_config [migrate]: server.properties (mode 0600: it holds the broker's password). With
# `migrate`, the listeners of a broker formatted before SASL (PLAINTEXT, its anonymous users super
# users) for the one start that gives it its SCRAM users (kafka_migrate_to_sasl).
kafka_write_config() {
  local dir broker listeners
  dir=$(kafka_dir)
  broker=$(kafka_password broker)
  if [[ ${1:-} == migrate ]]; then
    listeners="listeners=PLAINTEXT://127.0.0.1:$RUNWAY_KAFKA_PORT,CONTROLLER://127.0.0.1:$RUNWAY_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$RUNWAY_KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
super.users=User:ANONYMOUS"
  else
    listeners="listeners=SASL_PLAINTEXT://127.0.0.1:$RUNWAY_KAFKA_PORT,CONTROLLER://127.0.0.1:$RUNWAY_KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$RUNWAY_KAFKA_PORT
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.sasl_plaintext.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\" password=\"$broker\";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\" password=\"$broker\" user_broker=\"$broker\";
super.users=User:broker;User:admin"
  fi
  (umask 077 && cat > "$dir/server.properties.tmp" <<PROPS
# Written by ./runway for profile '$RUNWAY_PROFILE'. Single node: broker and controller at once.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$RUNWAY_KAFKA_CONTROLLER_PORT
$listeners
controller.listener.names=CONTROLLER
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
log.dirs=$dir/data
num.partitions=$RUNWAY_TOPIC_PARTITIONS
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  )
  mv "$dir/server.properties.tmp" "$dir/server.properties"
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

# kafka_tool_secret <main class> <args...>: as kafka_tool, with arguments that hold passwords: they
# go through a java @argfile (mode 0600, removed after), never the command line that ps shows.
kafka_tool_secret() {
  local dir args rc=0
  dir=$(kafka_dir)
  args=$(umask 077 && mktemp "$dir/.args.XXXXXX")
  printf '"%s"\n' "$@" > "$args"
  java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j.configuration="file:$dir/tools-log4j.properties" \
       -cp "$dir/libs/*" "@$args" || rc=$?
  rm -f "$args"
  return "$rc"
}

# The cluster id of the formatted storage ("" when none); the stamp that says it has its SCRAM users.
kafka_cluster_id() { sed -n 's/^cluster.id=//p' "$(kafka_dir)/data/meta.properties" 2>/dev/null; }
kafka_sasl_stamp() { echo "$(kafka_dir)/sasl.formatted"; }

# Formats the storage directory once (KRaft needs a cluster id before the first start), with the
# SCRAM users of the broker and the admin already in it (the others come with kafka_sync_access).
kafka_format_storage() {
  local dir id
  dir=$(kafka_dir)
  [[ -f $dir/data/meta.properties ]] && return 0
  id=$(kafka_tool kafka.tools.StorageTool random-uuid)
  kafka_tool_secret kafka.tools.StorageTool format -t "$id" -c "$dir/server.properties" \
      --add-scram "SCRAM-SHA-512=[name=broker,password=$(kafka_password broker)]" \
      --add-scram "SCRAM-SHA-512=[name=admin,password=$(kafka_password admin)]" \
      >> "$(log_file kafka)" 2>&1 || { log_tail kafka; die "formatting Kafka storage failed"; }
  echo "$id" > "$(kafka_sasl_stamp)"
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
    [[ -s $(kafka_sasl_stamp) ]] ||
      die "Kafka (pid $pid) was started by an older ./runway without SASL: ./runway down, then ./runway up"
    step_skip "already running (pid $pid, port $RUNWAY_KAFKA_PORT)"
    return 0
  fi
  if port_open "$RUNWAY_KAFKA_PORT"; then
    step_skip "port $RUNWAY_KAFKA_PORT already answers (not started by this profile; using it)"
    return 0
  fi
  mkdir -p "$dir/data"
  kafka_fetch_libs
  ensure_kafka_credentials
  if [[ -f $dir/data/meta.properties && $(kafka_cluster_id) != "$(cat "$(kafka_sasl_stamp)" 2>/dev/null)" ]]; then
    kafka_migrate_to_sasl
  fi
  kafka_write_config
  kafka_format_storage
  kafka_launch
  step_done "ready"
}

# Starts the broker with the server.properties written and waits until it serves.
kafka_launch() {
  local dir pid log_lines
  dir=$(kafka_dir)
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
}

# A broker formatted by an older ./runway (PLAINTEXT, no users) keeps its data: it starts once with
# its old listeners, its anonymous clients super users, and gets the SCRAM users of the broker, the
# admin and the services; then it starts with SASL as any other.
kafka_migrate_to_sasl() {
  local dir plain
  dir=$(kafka_dir)
  info "Kafka's storage predates SASL: adding its SCRAM users (one start with the old listeners) ..."
  kafka_write_config migrate
  kafka_launch
  plain=$(umask 077 && mktemp "$dir/.plain.XXXXXX")
  echo "bootstrap.servers=$RUNWAY_KAFKA_BOOTSTRAP_SERVERS" > "$plain"
  kafka_tool "$RUNWAY_ROOT/deploy/kafka/KafkaAccess.java" password "$plain" "$(kafka_credentials_dir)" \
      "${RUNWAY_KAFKA_PRINCIPALS[@]}" >> "$(log_file kafka-access)" 2>&1 ||
    { rm -f "$plain"; stop_kafka ""; log_tail kafka-access; die "could not add Kafka's SCRAM users"; }
  rm -f "$plain"
  stop_kafka ""
  kafka_cluster_id > "$(kafka_sasl_stamp)"
}

# Gives every service principal its password and the ACLs of deploy/kafka/acls.txt (and removes
# any other ACL), when the list, a password or the cluster changed since the last time.
kafka_sync_access() {
  local stamp want p
  stamp=$(kafka_dir)/access.synced
  want=$( { kafka_cluster_id; cat "$RUNWAY_ROOT/deploy/kafka/acls.txt"
            for p in "${RUNWAY_SERVICES[@]}"; do sha256sum "$(kafka_credentials_dir)/$p"; done; } | sha256sum)
  want=${want%% *}
  if [[ -f $stamp && $(<"$stamp") == "$want" ]]; then
    echo "ACLs unchanged"
    return 0
  fi
  kafka_tool "$RUNWAY_ROOT/deploy/kafka/KafkaAccess.java" sync "$(kafka_admin_config)" \
      "$RUNWAY_ROOT/deploy/kafka/acls.txt" "$(kafka_credentials_dir)" 2>>"$(log_file kafka-access)" ||
    { log_tail kafka-access >&2; die "could not set the Kafka users and ACLs (deploy/kafka/acls.txt)"; }
  echo "$want" > "$stamp"
}

kafka_ready_or_dead() { kafka_ready "$1" || not_alive "$2"; }

# Creates the platform's topics that do not exist yet.
ensure_topics() {
  local existing topic missing=()
  local access
  access=$(kafka_sync_access) || exit 1
  existing=$(kafka_tool org.apache.kafka.tools.TopicCommand \
      --bootstrap-server "$RUNWAY_KAFKA_BOOTSTRAP_SERVERS" --command-config "$(kafka_admin_config)" --list 2>>"$(log_file kafka-topics)") ||
    { log_tail kafka-topics; die "could not list Kafka topics"; }
  for topic in "${RUNWAY_TOPICS[@]}"; do
    grep -qxF "$topic" <<<"$existing" || missing+=("$topic")
  done
  if (( ${#missing[@]} == 0 )); then
    step_skip "all ${#RUNWAY_TOPICS[@]} exist; $access"
    return 0
  fi
  for topic in "${missing[@]}"; do
    kafka_tool org.apache.kafka.tools.TopicCommand \
        --bootstrap-server "$RUNWAY_KAFKA_BOOTSTRAP_SERVERS" --command-config "$(kafka_admin_config)" --create --if-not-exists \
        --topic "$topic" --partitions "$RUNWAY_TOPIC_PARTITIONS" --replication-factor 1 \
        >>"$(log_file kafka-topics)" 2>&1 || { log_tail kafka-topics; die "could not create topic $topic"; }
  done
  step_done "created ${#missing[@]} (${RUNWAY_TOPIC_PARTITIONS} partitions each); $access"
}

stop_kafka() {
  local pid
  pid=$(live_pid kafka)
  if [[ -z $pid ]]; then rm -f "$(pid_file kafka)"; return 0; fi
  stop_pid kafka "$pid" "${1:-}"
  info "Kafka stopped (pid $pid)"
}

# kafka_rotate <principal>: a new password, set on the broker (as admin) before the file changes. A
# service's clients read the file at each login, so they are not restarted; the broker itself is for
# `broker` (docs/security.md, "Rotating").
kafka_rotate() {
  local who=$1 p known='' dir tmp
  for p in "${RUNWAY_KAFKA_PRINCIPALS[@]}"; do [[ $p == "$who" ]] && known=1; done
  [[ -n $known ]] || die "no Kafka principal '$who' (one of: ${RUNWAY_KAFKA_PRINCIPALS[*]})"
  [[ -n $(live_pid kafka) ]] || die "Kafka of profile $RUNWAY_PROFILE is not running (./runway up)"
  [[ -s $(kafka_sasl_stamp) ]] || die "Kafka runs without SASL (started by an older ./runway): ./runway down, then ./runway up"
  dir=$(kafka_credentials_dir)
  tmp=$(umask 077 && mktemp -d "$dir/.rotate.XXXXXX")
  (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$tmp/$who")
  if ! kafka_tool "$RUNWAY_ROOT/deploy/kafka/KafkaAccess.java" password "$(kafka_admin_config)" "$tmp" "$who" \
      >> "$(log_file kafka-access)" 2>&1; then
    rm -rf "$tmp"
    log_tail kafka-access
    die "the broker did not take the new password of $who (the old one stays)"
  fi
  mv "$tmp/$who" "$dir/$who"
  rmdir "$tmp"
  info "$who: new Kafka password set on the broker and written to $dir/$who"
  case "$who" in
    admin)
      ensure_kafka_credentials
      info "admin.properties rewritten" ;;
    broker)
      # shellcheck disable=SC2034 # step (deploy/lib/common.sh) reads it
      STEP_TOTAL=1
      stop_kafka ""
      step "Starting Kafka with the broker's new password"
      ensure_kafka ;;
    *)
      # nothing restarts: its clients read the file at each login (PasswordFileLogin), its open
      # connections stay authenticated
      info "$who: its next Kafka connection uses the new password" ;;
  esac
}

