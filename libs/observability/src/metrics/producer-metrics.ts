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

  private constructor(registry: Registry) {
    this.messages = new Counter({
      name: 'halfhour_producer_messages_total',
      help: 'Messages published and acknowledged by all in-sync replicas, by topic.',
      labelNames: ['topic'],
      registers: [registry],
    });
  }
}
