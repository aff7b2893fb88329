import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export type MessageOutcome = 'handled' | 'dead_lettered';

/** Metrics every batch consumer reports; labels are bounded (topic, partition, reason code). */
const instances = new WeakMap<Registry, ConsumerMetrics>();

export class ConsumerMetrics {
  /** The one instance per registry: prom-client refuses a metric name registered twice. */
  static of(registry: Registry): ConsumerMetrics {
    let metrics = instances.get(registry);
    if (!metrics) {
      metrics = new ConsumerMetrics(registry);
      instances.set(registry, metrics);
    }
    return metrics;
  }

  readonly messages: Counter<'topic' | 'outcome'>;
  readonly deadLetters: Counter<'topic' | 'reason'>;
  readonly deadLettersTruncated: Counter<'topic'>;
  readonly retries: Counter<'topic'>;
  readonly batchDuration: Histogram<'topic'>;
  readonly lag: Gauge<'topic' | 'partition'>;
  readonly groupLag: Gauge<'group' | 'topic'>;
  readonly groupJoins: Counter<'topic'>;

  private constructor(registry: Registry) {
    this.messages = new Counter({
      name: 'halfhour_consumer_messages_total',
      help: 'Messages consumed, by topic and outcome (handled, dead_lettered).',
      labelNames: ['topic', 'outcome'],
      registers: [registry],
    });
    this.deadLetters = new Counter({
      name: 'halfhour_consumer_dead_letters_total',
      help: 'Messages sent to a dead-letter topic, by source topic and reason code.',
      labelNames: ['topic', 'reason'],
      registers: [registry],
    });
    this.deadLettersTruncated = new Counter({
      name: 'halfhour_consumer_dead_letters_truncated_total',
      help: 'Dead letters the broker would not take whole (too large or malformed), sent without their value; the original stays at its source offset.',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.retries = new Counter({
      name: 'halfhour_consumer_batch_retries_total',
      help: 'Batch handling attempts that failed and were retried.',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.batchDuration = new Histogram({
      name: 'halfhour_consumer_batch_duration_seconds',
      help: 'Time to handle one batch durably, including dead-lettering and the offset commit.',
      labelNames: ['topic'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.lag = new Gauge({
      name: 'halfhour_consumer_lag_messages',
      help: 'Messages behind the partition high watermark after the last batch this replica handled of a partition it holds.',
      labelNames: ['topic', 'partition'],
      registers: [registry],
    });
    this.groupLag = new Gauge({
      name: 'halfhour_consumer_group_lag_messages',
      help: 'Messages of the topic the consumer group has not committed, from the broker (high watermark less committed offset): the same figure from every replica, so aggregate with max.',
      labelNames: ['group', 'topic'],
      registers: [registry],
    });
    this.groupJoins = new Counter({
      name: 'halfhour_consumer_group_joins_total',
      help: 'Times this replica joined its consumer group on the topic: once at start and once for every rebalance it took part in (a replica came or went, a broker moved the coordinator).',
      labelNames: ['topic'],
      registers: [registry],
    });
  }
}
