import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export class AdapterMetrics {
  readonly calls: Counter<'provider' | 'outcome'>;
  readonly callSeconds: Histogram<'provider'>;
  readonly breakerState: Gauge<'provider'>;
  readonly results: Counter<'provider' | 'outcome' | 'source'>;
  readonly periods: Counter<'provider' | 'quality'>;
  readonly cache: Counter<'outcome'>;
  readonly redelivered: Counter<'outcome'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.calls = new Counter({ name: 'halfhour_adapter_provider_calls_total', help: 'Reads asked of a provider, by provider and outcome (ok, or the failure reason).', labelNames: ['provider', 'outcome'], registers });
    this.callSeconds = new Histogram({
      name: 'halfhour_adapter_provider_call_seconds',
      help: 'Time for a read through the provider, retries included.',
      labelNames: ['provider'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.breakerState = new Gauge({ name: 'halfhour_adapter_breaker_state', help: 'Circuit breaker per provider: 0 closed, 1 half open, 2 open.', labelNames: ['provider'], registers });
    this.results = new Counter({ name: 'halfhour_adapter_results_total', help: 'Read results published, by provider, outcome and source (METER, CACHE).', labelNames: ['provider', 'outcome', 'source'], registers });
    this.periods = new Counter({ name: 'halfhour_adapter_periods_total', help: 'Half hours returned, by quality (ACTUAL, MISSING).', labelNames: ['provider', 'quality'], registers });
    this.cache = new Counter({ name: 'halfhour_adapter_cache_lookups_total', help: 'SMETS1 cache lookups by outcome (hit, miss); hit / (hit + miss) is the hit ratio.', labelNames: ['outcome'], registers });
    this.redelivered = new Counter({
      name: 'halfhour_adapter_redelivered_commands_total',
      help: 'Commands delivered again that were not read again: published_before (their result is already out), republished (read here, its publish failed: sent again as read) or interrupted (answered FAILED: INTERRUPTED).',
      labelNames: ['outcome'],
      registers,
    });
  }
}
