#!/usr/bin/env bash
# The broker's own throughput on this machine, with Apache Kafka's perf tools (the same
# ProducerPerformance and ConsumerPerformance the distribution's kafka-*-perf-test.sh scripts run),
# fetched from Maven Central into the cache on first use. Benchmarks print it beside their own
# figures so the ratio to the machine's limit is visible.
#
#   perf-test.sh produce <topic> <records> <record-bytes>   idempotent, acks=all, as our producers
#   perf-test.sh consume <topic> <records>
#
# Settings: KAFKA_BROKERS (default 127.0.0.1:${KAFKA_PORT:-9092}), HALFHOUR_CACHE.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${HALFHOUR_CACHE:-$HOME/.cache/halfhour}"
kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
tools="$cache/kafka-tools-$kafka_version/libs"
brokers="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"

if [ ! -f "$tools/.complete" ]; then
  command -v mvn >/dev/null || { echo "[kafka] Maven (mvn) is needed to fetch Kafka's perf tools" >&2; exit 1; }
  echo "[kafka] fetching Apache Kafka $kafka_version tools from Maven Central into $tools" >&2
  rm -rf "$tools"; mkdir -p "$tools"
  mvn -q -B -Dstyle.color=never -Dkafka.version="$kafka_version" -f "$here/perf-tools.pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tools"
  touch "$tools/.complete"
fi

java_tool() { java -Xmx512m -Dlog4j.configuration="file:$here/log4j.properties" -cp "$tools/*" "$@"; }

case "${1:-}" in
  produce)
    java_tool org.apache.kafka.tools.ProducerPerformance --topic "$2" --num-records "$3" --record-size "$4" --throughput -1 \
      --producer-props bootstrap.servers="$brokers" acks=all enable.idempotence=true linger.ms=5 batch.size=262144 compression.type=none ;;
  consume)
    java_tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$brokers" --topic "$2" --messages "$3" --timeout 60000 ;;
  *) sed -n '2,11p' "$0" >&2; exit 2 ;;
esac
