#!/usr/bin/env bash
# A three-node KRaft Apache Kafka cluster on loopback: the shape production runs (replication
# factor 3, min.insync.replicas 2), for scale-out runs and broker-loss faults.
#
#   kafka-cluster.sh start      fetch if needed, start three nodes on fresh storage, wait for all
#   kafka-cluster.sh ensure     like start, but a no-op when all three already answer
#   kafka-cluster.sh stop       stop every node started here, cleanly (SIGTERM, then wait)
#   kafka-cluster.sh kill N     kill -9 node N (1–3): a broker lost
#   kafka-cluster.sh revive N   start node N again on its data
#   kafka-cluster.sh restart N  stop node N cleanly and start it on its data (a rolling restart's step)
#   kafka-cluster.sh brokers    print the bootstrap list, for KAFKA_BROKERS
#   kafka-cluster.sh status     say which nodes answer (exit 1 unless all do)
#
# Each node is broker and controller (a combined quorum of three: any one may be lost). Node N
# listens for clients on KAFKA_CLUSTER_PORT + 10·(N−1) (default 19092, 19102, 19112) and for its
# controllers one port above. PLAINTEXT only: the secured listeners are the single broker's.
# Settings: KAFKA_CLUSTER_PORT, HALFHOUR_CACHE, KAFKA_HEAP (per node, default 1g), KAFKA_START_TIMEOUT.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=kafka-common.sh
source "$here/kafka-common.sh"
run="$cache/kafka-cluster"
base_port="${KAFKA_CLUSTER_PORT:-19092}"
NODES=(1 2 3)

client_port() { echo $((base_port + 10 * ($1 - 1))); }
controller_port() { echo $(($(client_port "$1") + 1)); }
node_dir() { echo "$run/node-$1"; }

voters() {
  local list=() node
  for node in "${NODES[@]}"; do list+=("$node@127.0.0.1:$(controller_port "$node")"); done
  (IFS=,; echo "${list[*]}")
}

brokers() {
  local list=() node
  for node in "${NODES[@]}"; do list+=("127.0.0.1:$(client_port "$node")"); done
  (IFS=,; echo "${list[*]}")
}

write_config() {
  local node="$1" dir; dir="$(node_dir "$node")"
  mkdir -p "$dir"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=$node
controller.quorum.voters=$(voters)
listeners=PLAINTEXT://127.0.0.1:$(client_port "$node"),CONTROLLER://127.0.0.1:$(controller_port "$node")
advertised.listeners=PLAINTEXT://127.0.0.1:$(client_port "$node")
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
min.insync.replicas=2
# How long a lost broker's partitions stay without a leader: the controllers fence it once its
# session lapses. The single broker tolerates a minute (it fences only itself); here a minute would
# be a minute of every lost broker's partitions refusing writes, so 15 s: tolerant of a loaded
# machine, short against production's 9 s default.
broker.session.timeout.ms=15000
$(shared_broker_settings 3 2)
PROPS
}

node_pid() {
  local pidfile; pidfile="$(node_dir "$1")/node.pid"
  [ -f "$pidfile" ] || return 1
  local pid; pid="$(cat "$pidfile")"
  alive "$pid" && echo "$pid"
}

launch() {
  local node="$1" dir; dir="$(node_dir "$node")"
  : >"$dir/node.log"
  setsid "${jvm[@]}" kafka.Kafka "$dir/server.properties" >>"$dir/node.log" 2>&1 </dev/null &
  echo $! >"$dir/node.pid"
}

node_ready() {
  local node="$1" dir; dir="$(node_dir "$node")"
  wait_until_ready "$(cat "$dir/node.pid")" "$dir/node.log" "$(client_port "$node")" "node $node"
}

start() {
  local node cluster_id
  for node in "${NODES[@]}"; do
    if node_pid "$node" >/dev/null; then log "node $node already running; stop the cluster first"; exit 1; fi
    if port_answers 127.0.0.1 "$(client_port "$node")"; then log "port $(client_port "$node") is taken; set KAFKA_CLUSTER_PORT"; exit 1; fi
  done
  fetch
  rm -rf "$run"
  cluster_id="$(java_cmd kafka.tools.StorageTool random-uuid)"
  log "formatting three nodes' KRaft storage in $run (cluster $cluster_id)"
  for node in "${NODES[@]}"; do
    write_config "$node"
    java_cmd kafka.tools.StorageTool format -t "$cluster_id" -c "$(node_dir "$node")/server.properties" >/dev/null
  done
  # All three at once: a combined quorum elects its leader only once a majority is up.
  for node in "${NODES[@]}"; do launch "$node"; done
  for node in "${NODES[@]}"; do node_ready "$node"; done
  log "cluster ready: KAFKA_BROKERS=$(brokers)"
}

# Signals the nodes, then waits for each; a node still up after 30 s is killed. Stopping all at
# once: one by one, the last would wait for a quorum that has already gone.
stop_nodes() {
  local signal="$1" node pid; shift
  local pids=()
  for node in "$@"; do
    if pid="$(node_pid "$node")"; then kill "-$signal" "$pid"; pids+=("$node:$pid"); else log "node $node not running"; fi
  done
  for entry in "${pids[@]}"; do
    node="${entry%%:*}"; pid="${entry##*:}"
    for _ in $(seq 1 60); do alive "$pid" || break; sleep 0.5; done
    if alive "$pid"; then
      log "node $node did not stop within 30 s; killing it"; kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 1 20); do alive "$pid" || break; sleep 0.25; done
    fi
    log "node $node stopped (SIG$signal)"
  done
}

all_answer() {
  local node
  for node in "${NODES[@]}"; do port_answers 127.0.0.1 "$(client_port "$node")" || return 1; done
}

node_argument() {
  case "${1:-}" in 1|2|3) echo "$1" ;; *) log "name a node: 1, 2 or 3"; exit 2 ;; esac
}

case "${1:-}" in
  start) start ;;
  ensure) if all_answer; then log "the cluster already answers: KAFKA_BROKERS=$(brokers)"; else start; fi ;;
  stop) stop_nodes TERM "${NODES[@]}" ;;
  kill) stop_nodes KILL "$(node_argument "${2:-}")" ;;
  revive) node="$(node_argument "${2:-}")"; launch "$node"; node_ready "$node" ;;
  restart) node="$(node_argument "${2:-}")"; stop_nodes TERM "$node"; launch "$node"; node_ready "$node" ;;
  brokers) brokers ;;
  status)
    for node in "${NODES[@]}"; do
      if port_answers 127.0.0.1 "$(client_port "$node")"; then echo "node $node up (127.0.0.1:$(client_port "$node"))"; else echo "node $node down"; fi
    done
    all_answer ;;
  *) sed -n "2,17p" "$0"; exit 2 ;;
esac
