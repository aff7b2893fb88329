import { Counter, Registry } from 'prom-client';

const instances = new WeakMap<Registry, ProducerMetrics>();

export class ProducerMetrics {
  /** The one instance per registry: prom-client refuses a metric name registered twice. */
  static of(registry: Registry): ProducerMetrics {
    let metrics = instances.get(registry);
    if (!metrics) {
      metrics = new ProducerMetrics(registry);
      instances.set(registry, metrics);
    }
    return metrics;
  }

  readonly messages: Counter<'topic'>;
  readonly errors: Counter<'topic'>;
  readonly resent: Counter<'topic'>;

  private constructor(registry: Registry) {
    this.messages = new Counter({
      name: 'halfhour_producer_messages_total',
      help: 'Messages published and acknowledged by all in-sync replicas, by topic.',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.errors = new Counter({
      name: 'halfhour_producer_errors_total',
      help: 'Messages whose publish failed after the client\'s own retries (the caller retries or fails its batch), by topic.',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.resent = new Counter({
      name: 'halfhour_producer_resent_messages_total',
      help: 'Messages sent again because the client resolved a send without an acknowledgement for their partition (a leader moved mid-send), by topic.',
      labelNames: ['topic'],
      registers: [registry],
    });
  }
}
