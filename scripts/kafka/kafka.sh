#!/usr/bin/env bash
# A single-node KRaft Apache Kafka broker on loopback, for development, tests and `npm start`.
#
#   kafka.sh fetch    resolve the broker jars from Maven Central into the cache (once)
#   kafka.sh start    fetch if needed, start on fresh storage, wait until it answers
#   kafka.sh ensure   like start, but a no-op when a broker already answers (or KAFKA_BROKERS is set)
#   kafka.sh stop     stop the broker started here, cleanly (SIGTERM, then wait)
#   kafka.sh restart  stop the broker started here and start it again on its data (the chaos campaign)
#   kafka.sh status   say whether it answers
#   kafka.sh reset    stop and delete the local data
#
# Listeners: PLAINTEXT on KAFKA_PORT (default 9092) for everything local; SASL_SSL (SCRAM-SHA-512,
# user "halfhour", password "halfhour-local-only") on KAFKA_PORT+2 and SSL with client certificates
# (mTLS) on KAFKA_PORT+3, so the services' TLS and SASL settings are tested against a real broker.
# Their CA, the broker's certificate and a client pair (PEM) are made with openssl in
# $HALFHOUR_CACHE/kafka-run/tls. The controller listens on KAFKA_PORT+1.
#
# Settings: KAFKA_BROKERS (use that cluster, start nothing), KAFKA_PORT (default 9092),
# HALFHOUR_CACHE (default ~/.cache/halfhour), KAFKA_HEAP (default 1g), KAFKA_KEEP_DATA=1 (start on
# the data the broker had when it last stopped), KAFKA_START_TIMEOUT (seconds, default 300).
#
# The local broker is scratch: tests, benchmarks and `npm start` each create their own uniquely
# named topics, so nothing a later run needs is in the data of an earlier one. Starting on empty
# storage keeps start-up to seconds; a data directory left by a killed broker (thousands of test
# partitions to recover) once kept a CI run's broker from answering for over a minute.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=kafka-common.sh
source "$here/kafka-common.sh"
run="$cache/kafka-run"
data="$run/data"
port="${KAFKA_PORT:-9092}"
controller_port="$((port + 1))"
sasl_ssl_port="$((port + 2))"
mtls_port="$((port + 3))"
tls="$run/tls"
pidfile="$run/broker.pid"
logfile="$run/broker.log"

write_config() {
  mkdir -p "$run"
  cat >"$run/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port,SASL_SSL://127.0.0.1:$sasl_ssl_port,SSL://127.0.0.1:$mtls_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port,SASL_SSL://127.0.0.1:$sasl_ssl_port,SSL://127.0.0.1:$mtls_port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL
inter.broker.listener.name=PLAINTEXT
ssl.keystore.type=PEM
ssl.keystore.location=$tls/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=$tls/ca.crt
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.ssl.ssl.client.auth=required
log.dirs=$data
# One node is both controller and broker, on a machine shared with everything else: a broker
# starved of CPU for longer than the default 9 s is fenced by its own controller, and every
# partition loses its leader until it catches up. Tolerate a minute of starvation.
broker.session.timeout.ms=60000
$(shared_broker_settings 1 1)
log.cleaner.enable=true
PROPS
}

format_storage() {
  if [ "${KAFKA_KEEP_DATA:-0}" != 1 ] && [ -d "$data" ]; then
    log "starting on fresh storage (KAFKA_KEEP_DATA=1 keeps the old data)"
    rm -rf "$data"
  fi
  if [ -f "$data/meta.properties" ]; then return 0; fi
  local cluster_id
  cluster_id="$(java_cmd kafka.tools.StorageTool random-uuid)"
  log "formatting KRaft storage in $data (cluster $cluster_id)"
  java_cmd kafka.tools.StorageTool format -t "$cluster_id" -c "$run/server.properties" \
    --add-scram 'SCRAM-SHA-512=[name=halfhour,password=halfhour-local-only]' >/dev/null
}

running_pid() {
  [ -f "$pidfile" ] || return 1
  local pid; pid="$(cat "$pidfile")"
  alive "$pid" && echo "$pid"
}

start() {
  if [ -n "${KAFKA_BROKERS:-}" ]; then
    external_brokers_answer || { log "KAFKA_BROKERS=$KAFKA_BROKERS does not answer"; exit 1; }
    log "using KAFKA_BROKERS=$KAFKA_BROKERS; starting nothing"
    return 0
  fi
  if pid="$(running_pid)"; then log "already running (pid $pid) on 127.0.0.1:$port"; return 0; fi
  if port_answers 127.0.0.1 "$port"; then
    log "port $port is taken by another process; set KAFKA_PORT or KAFKA_BROKERS"; exit 1
  fi
  fetch
  make_tls
  write_config
  format_storage
  # Partitions of topics deleted before the broker last stopped (tests delete hundreds): the broker
  # would remove them itself on start, under load, while the first clients wait; they are gone
  # from the metadata already, so remove them now (only matters with KAFKA_KEEP_DATA=1).
  find "$data" -maxdepth 1 -type d -name '*-delete' -exec rm -rf {} + 2>/dev/null || true
  : >"$logfile"
  # setsid: the broker outlives the shell that started it and ignores that shell's Ctrl-C.
  # The broker stands in for a cluster on machines of its own; here it shares two cores with every
  # service, simulator and test. Where allowed, run it ahead of them, so that a starved controller
  # (fencing its own broker, every partition leaderless) is not what a loaded run measures.
  local priority=()
  if nice -n -5 true 2>/dev/null; then priority=(nice -n -5); fi
  setsid "${priority[@]}" "${jvm[@]}" kafka.Kafka "$run/server.properties" >>"$logfile" 2>&1 </dev/null &
  echo $! >"$pidfile"
  wait_until_ready "$!" "$logfile" "$port" broker
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then log "not running"; rm -f "$pidfile"; return 0; fi
  log "stopping broker (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    alive "$pid" || { rm -f "$pidfile"; log "stopped"; return 0; }
    sleep 0.5
  done
  log "broker did not stop within 30 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  ensure)
    if [ -n "${KAFKA_BROKERS:-}" ] || ! port_answers 127.0.0.1 "$port" || running_pid >/dev/null; then start
    else log "a broker already answers on 127.0.0.1:$port"; fi ;;
  stop) stop ;;
  restart)
    if [ -n "${KAFKA_BROKERS:-}" ] || ! running_pid >/dev/null; then log "no broker started here to restart"; exit 3; fi
    stop; KAFKA_KEEP_DATA=1 start ;;
  status)
    if [ -n "${KAFKA_BROKERS:-}" ]; then external_brokers_answer && echo "up ($KAFKA_BROKERS)" || { echo down; exit 1; }
    elif port_answers 127.0.0.1 "$port"; then echo "up (127.0.0.1:$port)"; else echo down; exit 1; fi ;;
  reset) stop; rm -rf "$run"; log "local data removed" ;;
  *) sed -n "2,20p" "$0"; exit 2 ;;
esac
