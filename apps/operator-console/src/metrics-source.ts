import { sumOfMetric } from './prometheus-text';

/** A metric summed over every replica of every service, or which sources did not answer. */
export interface MetricTotal {
  total: number;
  unreachable: string[];
}

/** Where the console reads the figures only metrics hold (dead letters, the DIP backlog). */
export interface MetricsSource {
  sum(name: string): Promise<MetricTotal>;
}

/**
 * Each service's own `/metrics`, scraped and summed: right where each service is one process
 * (`npm start`, `halfhour up`, compose). Behind a Kubernetes Service it would see one replica of
 * many, so a cluster asks Prometheus (PrometheusQuery).
 */
export class ScrapedMetrics implements MetricsSource {
  constructor(private readonly baseUrls: readonly string[], private readonly timeoutMs: number) {}

  async sum(name: string): Promise<MetricTotal> {
    const answers = await Promise.all(this.baseUrls.map(async (base) => {
      try {
        const response = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(this.timeoutMs) });
        return response.ok ? sumOfMetric(await response.text(), name) : base;
      } catch {
        return base;
      }
    }));
    return { total: answers.reduce<number>((sum, a) => sum + (typeof a === 'number' ? a : 0), 0), unreachable: answers.filter((a): a is string => typeof a === 'string') };
  }
}

/** Prometheus, which scrapes every replica: `sum(<name>)` over all of them, as the dashboards add them up. */
export class PrometheusQuery implements MetricsSource {
  constructor(private readonly url: string, private readonly timeoutMs: number) {}

  async sum(name: string): Promise<MetricTotal> {
    try {
      const query = new URLSearchParams({ query: `sum(${name})` });
      const response = await fetch(`${this.url.replace(/\/$/, '')}/api/v1/query?${query}`, { signal: AbortSignal.timeout(this.timeoutMs) });
      const answer = (await response.json()) as { status: string; data?: { result: { value: [number, string] }[] } };
      if (!response.ok || answer.status !== 'success') return { total: 0, unreachable: [this.url] };
      return { total: answer.data?.result.reduce((sum, sample) => sum + Number(sample.value[1]), 0) ?? 0, unreachable: [] };
    } catch {
      return { total: 0, unreachable: [this.url] };
    }
  }
}
