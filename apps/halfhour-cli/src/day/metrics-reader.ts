import parsePrometheusTextFormat from 'parse-prometheus-text-format';

type Labels = Record<string, string>;

/** One scrape of a service's /metrics, summed the ways the progress display and the report need. */
export class MetricsSnapshot {
  private constructor(private readonly families: ReturnType<typeof parsePrometheusTextFormat>) {}

  static async of(baseUrl: string): Promise<MetricsSnapshot> {
    const response = await fetch(`${baseUrl}/metrics`);
    if (!response.ok) throw new Error(`${baseUrl}/metrics answered ${response.status}`);
    return new MetricsSnapshot(parsePrometheusTextFormat(await response.text()));
  }

  static empty(): MetricsSnapshot {
    return new MetricsSnapshot([]);
  }

  /** The sum of a counter's or gauge's samples whose labels include `where`. */
  sum(name: string, where: Labels = {}): number {
    return this.samples(name)
      .filter((sample) => Object.entries(where).every(([key, value]) => sample.labels?.[key] === value))
      .reduce((total, sample) => total + Number(sample.value ?? 0), 0);
  }

  /** Sums by the value of one label. */
  by(name: string, label: string, where: Labels = {}): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const sample of this.samples(name)) {
      if (!Object.entries(where).every(([key, value]) => sample.labels?.[key] === value)) continue;
      const key = sample.labels?.[label] ?? '';
      totals[key] = (totals[key] ?? 0) + Number(sample.value ?? 0);
    }
    return totals;
  }

  /** A histogram's count, sum and cumulative buckets over all its label sets. */
  histogram(name: string, where: Labels = {}): { count: number; sum: number; buckets: Record<string, number> } {
    const result = { count: 0, sum: 0, buckets: {} as Record<string, number> };
    for (const sample of this.samples(name)) {
      if (!Object.entries(where).every(([key, value]) => sample.labels?.[key] === value)) continue;
      result.count += Number(sample.count ?? 0);
      result.sum += Number(sample.sum ?? 0);
      for (const [le, count] of Object.entries(sample.buckets ?? {})) result.buckets[le] = (result.buckets[le] ?? 0) + Number(count);
    }
    return result;
  }

  private samples(name: string) {
    return this.families.find((family) => family.name === name)?.metrics ?? [];
  }
}
