# Shared by kafka.sh (one broker) and kafka-cluster.sh (three): where the broker's jars and local
# data live, fetching the jars from Maven Central, the JVM command line and the local TLS material.
# Sourced, never run: it defines, and starts nothing.

kafka_scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${HALFHOUR_CACHE:-$HOME/.cache/halfhour}"
kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$kafka_scripts/pom.xml")"
libs="$cache/kafka-$kafka_version/libs"
tls="$cache/kafka-run/tls"

log() { echo "[kafka] $*" >&2; }

port_answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# A killed broker stays a zombie until init reaps it, and `kill -0` counts a zombie as alive:
# alive means running, read from /proc.
alive() { [ -r "/proc/$1/stat" ] && [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" != Z ]; }

# Waits on a broker's own word that it has started (its log) and its client port answering, however
# long a loaded machine makes that take; gives up only when the process dies or the (generous)
# bound passes. Arguments: pid, log file, client port, a name for the messages.
wait_until_ready() {
  local pid="$1" logfile="$2" port="$3" name="$4" limit="${KAFKA_START_TIMEOUT:-300}" started="$SECONDS"
  while [ $((SECONDS - started)) -lt "$limit" ]; do
    if grep -q "Kafka Server started" "$logfile" 2>/dev/null && port_answers 127.0.0.1 "$port"; then
      log "$name ready on 127.0.0.1:$port after $((SECONDS - started)) s (pid $pid, log $logfile)"
      return 0
    fi
    alive "$pid" || { log "$name exited during start; last lines of $logfile:"; tail -20 "$logfile" >&2; return 1; }
    sleep 0.5
  done
  log "$name did not become ready within $limit s; last lines of $logfile:"
  tail -20 "$logfile" >&2
  return 1
}

# The settings every local broker shares, whatever its shape. Arguments: the replication factor of
# the internal topics and new topics, and the internal topics' min.insync.replicas.
shared_broker_settings() {
  cat <<PROPS
num.partitions=6
auto.create.topics.enable=false
default.replication.factor=$1
offsets.topic.replication.factor=$1
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=$1
transaction.state.log.min.isr=$2
group.initial.rebalance.delay.ms=0
broker.heartbeat.interval.ms=2000
log.retention.hours=48
PROPS
}

external_brokers_answer() {
  local first="${KAFKA_BROKERS%%,*}"
  port_answers "${first%:*}" "${first##*:}"
}

fetch() {
  if [ -f "$libs/.complete" ]; then return 0; fi
  command -v mvn >/dev/null || { log "Maven (mvn) is needed to fetch the broker; install it (apt-get install maven) or set KAFKA_BROKERS"; exit 1; }
  command -v java >/dev/null || { log "Java 17 is needed to run the broker; install it or set KAFKA_BROKERS"; exit 1; }
  log "fetching Apache Kafka $kafka_version from Maven Central into $libs"
  rm -rf "$libs"; mkdir -p "$libs"
  mvn -q -B -Dstyle.color=never -f "$kafka_scripts/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs"
  touch "$libs/.complete"
}

jvm=(java -Xms256m -Xmx"${KAFKA_HEAP:-1g}" -XX:+UseG1GC -Djava.awt.headless=true
  -Dlog4j.configuration="file:$kafka_scripts/log4j.properties" -cp "$libs/*")
java_cmd() { "${jvm[@]}" "$@"; }

# A CA, the broker's certificate for 127.0.0.1 and localhost, and a client's pair, once.
make_tls() {
  if [ -f "$tls/.complete" ]; then return 0; fi
  bash "$kafka_scripts/../tools/ensure-debian-tool.sh" openssl openssl
  rm -rf "$tls"; mkdir -p "$tls"
  local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  openssl req -x509 "${ec[@]}" -keyout "$tls/ca.key" -out "$tls/ca.crt" -days 3650 -subj "/CN=halfhour-local-kafka-ca" 2>/dev/null
  for who in broker client; do
    openssl req "${ec[@]}" -keyout "$tls/$who.key" -out "$tls/$who.csr" -subj "/CN=halfhour-local-$who" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$tls/$who.ext"
    openssl x509 -req -in "$tls/$who.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 3650 -extfile "$tls/$who.ext" -out "$tls/$who.crt" 2>/dev/null
  done
  cat "$tls/broker.key" "$tls/broker.crt" >"$tls/broker.pem"
  chmod 600 "$tls"/*.key "$tls/broker.pem"
  touch "$tls/.complete"
}

